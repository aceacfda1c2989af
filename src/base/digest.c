/* digest.c - SHA-256 through OpenSSL's libcrypto. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "base/digest.h"
#include "base/i18n.h"

struct digest_ctx {
	EVP_MD_CTX *md;
};

digest_ctx *
digest_new(void)
{
	digest_ctx *d = malloc(sizeof(*d));

	if (!d)
		return NULL;
	d->md = EVP_MD_CTX_new();
	if (!d->md || EVP_DigestInit_ex(d->md, EVP_sha256(), NULL) != 1) {
		digest_free(d);
		return NULL;
	}
	return d;
}

int
digest_update(digest_ctx *d, const void *data, size_t len)
{
	return EVP_DigestUpdate(d->md, data, len) == 1 ? 0 : -1;
}

/* By hand, not snprintf: the audit trail hashes every change. */
static void
to_hex(const unsigned char *md, unsigned n, char hex[DIGEST_HEX_LEN])
{
	static const char digits[] = "0123456789abcdef";

	for (unsigned i = 0; i < n; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 0xf];
	}
	hex[2 * n] = '\0';
}

int
digest_finish(digest_ctx *d, char hex[DIGEST_HEX_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	int rc = EVP_DigestFinal_ex(d->md, md, &n) == 1 && n == 32 ? 0 : -1;

	if (rc == 0)
		to_hex(md, n, hex);
	else
		hex[0] = '\0';
	digest_free(d);
	return rc;
}

int
digest_once(const void *data, size_t len, char hex[DIGEST_HEX_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32) {
		hex[0] = '\0';
		return -1;
	}
	to_hex(md, n, hex);
	return 0;
}

void
digest_free(digest_ctx *d)
{
	if (!d)
		return;
	EVP_MD_CTX_free(d->md);
	free(d);
}

int
digest_file(const char *path, char hex[DIGEST_HEX_LEN], ird_err *e)
{
	enum { BLOCK = 1 << 20 };
	unsigned char *buf;
	digest_ctx *d;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return ird_fail(e, IRD_EFAIL, _("cannot open %s: %s"), path, strerror(errno));
	buf = malloc(BLOCK);
	d = digest_new();
	if (!buf || !d) {
		free(buf);
		digest_free(d);
		close(fd);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	while ((n = read(fd, buf, BLOCK)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && digest_update(d, buf, (size_t)n) != 0)
			break;
	free(buf);
	close(fd);
	if (n != 0) {
		int err = errno;

		digest_free(d);
		return ird_fail(e, IRD_EFAIL, _("cannot read %s: %s"), path, n < 0 ? strerror(err) : "hash failed");
	}
	if (digest_finish(d, hex) != 0)
		return ird_fail(e, IRD_EFAIL, _("SHA-256 failed for %s"), path);
	return IRD_OK;
}

int
digest_is_hex(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!isxdigit((unsigned char)s[n]))
			return 0;
	return n == 64;
}
