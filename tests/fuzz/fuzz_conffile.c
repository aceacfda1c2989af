/* fuzz_conffile.c - libFuzzer harness for the configuration reader (conffile.c).
 *
 * The input is a configuration file, written to a memory file (memfd, mode 0600) and
 * read with config_load through /proc/self/fd: no disk I/O per input. Any crash, leak or undefined behaviour is a finding (ASan,
 * UBSan), and so is a configuration that does not survive its own `config_format`:
 * the formatted text must load again to the same settings and format identically.
 * The input is also read as an external-paths list (`decide --paths`), whose normal
 * form must normalise to itself. Built and run by `make fuzz` (tests/fuzz/local.mk),
 * never by `make check`. */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/conffile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];
static int memfd = -1;

/* Report a property failure and stop, so libFuzzer saves the input. */
static void
finding(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_conffile: %s: %s\n", what, detail ? detail : "");
	abort();
}

/* Make the memory file hold exactly DATA. */
static void
put_file(const void *data, size_t size)
{
	if (memfd < 0) {
		if ((memfd = memfd_create("fuzz_conffile", MFD_CLOEXEC)) < 0 || fchmod(memfd, 0600) != 0)
			finding("memfd_create", NULL);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", memfd);
	}
	if (ftruncate(memfd, 0) != 0 || (size && pwrite(memfd, data, size, 0) != (ssize_t)size))
		finding("cannot write the memory file", path);
}

static int
same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void
check_paths(const uint8_t *data, size_t size)
{
	char *list, *normal = NULL, *again = NULL;
	ird_err e = { 0 };

	if (!(list = malloc(size + 1)))
		return;
	memcpy(list, data, size);
	list[size] = '\0';
	if (config_parse_paths(list, &normal, &e) == IRD_OK) {
		if (config_parse_paths(normal, &again, &e) != IRD_OK)
			finding("a normal paths list is refused", normal);
		if (strcmp(normal, again) != 0)
			finding("a normal paths list is not a fixed point", normal);
	} else if (!e.msg[0]) {
		finding("paths refused without a message", NULL);
	}
	free(again);
	free(normal);
	free(list);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ird_config *cfg = NULL, *cfg2 = NULL;
	ird_err e = { 0 };
	char *text, *text2;

	check_paths(data, size);
	put_file(data, size);
	if (config_load(path, &cfg, &e) != IRD_OK) {
		if (cfg)
			finding("failed load left a configuration", e.msg);
		if (!e.msg[0])
			finding("failed load without a message", NULL);
		return 0;
	}
	if (!(text = config_format(cfg)))
		finding("format failed", NULL);
	put_file(text, strlen(text));
	if (config_load(path, &cfg2, &e) != IRD_OK)
		finding("its own formatted text does not load", e.msg);
	if (!(text2 = config_format(cfg2)))
		finding("format failed", NULL);
	if (strcmp(text, text2) != 0)
		finding("formatted text changes when loaded again", text);
	if (!same(config_default_playbook(cfg), config_default_playbook(cfg2)) ||
	    !same(config_external_paths(cfg), config_external_paths(cfg2)) ||
	    !same(config_escalation_hook_line(cfg), config_escalation_hook_line(cfg2)) ||
	    config_hook_timeout(cfg) != config_hook_timeout(cfg2))
		finding("settings change when loaded again", text);
	free(text2);
	free(text);
	config_free(cfg2);
	config_free(cfg);
	return 0;
}
