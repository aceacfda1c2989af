/* fuzz_mail.c - libFuzzer harness for the reported-mail reader (GMime 3).
 *
 * The input is a mail, written to a memory file (memfd) and read with
 * mail_parse_file through /proc/self/fd, as `irdesk mail add` reads a file. Any
 * crash, leak or undefined behaviour is a finding (ASan, UBSan), and so is a
 * refusal without a message, a refusal that leaves anything filled in, an accepted
 * mail whose size or text fields are not what was read (every string valid UTF-8,
 * as the store requires). Built and run by `make fuzz`, never by `make check`. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mail.h"
#include "base/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];
static int memfd = -1;

static void
finding(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_mail: %s: %s\n", what, detail ? detail : "");
	abort();
}

static void
put_file(const void *data, size_t size)
{
	if (memfd < 0) {
		if ((memfd = memfd_create("fuzz_mail", MFD_CLOEXEC)) < 0 || fchmod(memfd, 0600) != 0)
			finding("memfd_create", NULL);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", memfd);
	}
	if (ftruncate(memfd, 0) != 0 || (size && pwrite(memfd, data, size, 0) != (ssize_t)size))
		finding("cannot write the memory file", path);
}

/* A field the store will hold must be valid UTF-8. */
static void
check_utf8(const char *what, const char *s)
{
	for (size_t i = 0, n = s ? strlen(s) : 0; i < n;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);

		if (k == 0)
			finding("a field is not valid UTF-8", what);
		i += k;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mail_info m;
	ird_err e = { 0 };

	put_file(data, size);
	if (mail_parse_file(path, &m, &e) != IRD_OK) {
		if (!e.msg[0])
			finding("refused without a message", NULL);
		if (m.subject || m.naddrs || m.nurls || m.natts)
			finding("a refused mail left fields filled", e.msg);
		return 0;
	}
	if (m.size != (int64_t)size)
		finding("the size is not what was read", NULL);
	check_utf8("subject", m.subject);
	check_utf8("message-id", m.message_id);
	check_utf8("origin", m.origin_received);
	for (size_t i = 0; i < m.naddrs; i++) {
		check_utf8("address", m.addrs[i].addr);
		check_utf8("display name", m.addrs[i].name);
	}
	for (size_t i = 0; i < m.nurls; i++)
		check_utf8("url", m.urls[i].url);
	for (size_t i = 0; i < m.natts; i++)
		check_utf8("attachment name", m.atts[i].filename);
	mail_info_free(&m);
	return 0;
}
