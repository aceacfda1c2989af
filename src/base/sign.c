/* sign.c - Ed25519 keys and signatures for the audit head (libcrypto). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "base/i18n.h"
#include "base/sign.h"

struct sign_key {
	EVP_PKEY *pkey;
	unsigned char pub[32];
};

static char *
path_join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", a, b);
	return p;
}

char *
sign_default_key_path(ird_err *e)
{
	const char *env = getenv("IRDESK_AUDIT_KEY");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *p;

	if (env && *env)
		p = strdup(env);
	else if (xdg && *xdg == '/')
		p = path_join(xdg, "irdesk/audit-key.pem");
	else if (home && *home == '/')
		p = path_join(home, ".config/irdesk/audit-key.pem");
	else {
		ird_fail(e, IRD_EFAIL, _("cannot find the audit signing key: HOME is not set "
		         "(set IRDESK_AUDIT_KEY to a file)"));
		return NULL;
	}
	if (!p)
		ird_fail(e, IRD_EFAIL, _("out of memory"));
	return p;
}

static void
to_hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

static int
from_hex(const char *s, unsigned char *b, size_t n)
{
	if (!s || strlen(s) != 2 * n)
		return -1;
	for (size_t i = 0; i < 2 * n; i++) {
		int c = s[i], v;

		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		else
			return -1;
		if (i % 2 == 0)
			b[i / 2] = (unsigned char)(v << 4);
		else
			b[i / 2] |= (unsigned char)v;
	}
	return 0;
}

/* mkdir -p for the parents of PATH, each new directory 0700. */
static int
make_parents(const char *path, ird_err *e)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return ird_fail(e, IRD_EFAIL, _("path too long: %s"), path);
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return ird_fail(e, IRD_EFAIL, _("cannot create directory %s: %s"), buf,
			                strerror(errno));
		*p = '/';
	}
	return IRD_OK;
}

static int
key_from_pkey(EVP_PKEY *pkey, sign_key **out, const char *path, ird_err *e)
{
	size_t len = 32;
	sign_key *k;

	if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_ED25519) {
		EVP_PKEY_free(pkey);
		return ird_fail(e, IRD_EFAIL, _("%s is not an Ed25519 key"), path);
	}
	if (!(k = calloc(1, sizeof(*k)))) {
		EVP_PKEY_free(pkey);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	k->pkey = pkey;
	if (EVP_PKEY_get_raw_public_key(pkey, k->pub, &len) != 1 || len != 32) {
		sign_key_free(k);
		return ird_fail(e, IRD_EFAIL, _("cannot read the public half of %s"), path);
	}
	*out = k;
	return IRD_OK;
}

/* Read the private key at PATH, refusing one that others could read. */
static int
load_private(const char *path, sign_key **out, ird_err *e)
{
	struct stat sb;
	EVP_PKEY *pkey;
	FILE *f;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return ird_fail(e, errno == ENOENT ? IRD_ENOTFOUND : IRD_EFAIL,
		                _("cannot open the audit signing key %s: %s"), path, strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return ird_fail(e, IRD_EFAIL, _("the audit signing key %s is not a regular file"), path);
	}
	if (sb.st_uid != geteuid() || (sb.st_mode & 077)) {
		close(fd);
		return ird_fail(e, IRD_EFAIL, _("the audit signing key %s must be yours and readable "
		                "by you alone (chmod 600)"), path);
	}
	if (!(f = fdopen(fd, "r"))) {
		close(fd);
		return ird_fail(e, IRD_EFAIL, _("cannot read %s: %s"), path, strerror(errno));
	}
	pkey = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (!pkey)
		return ird_fail(e, IRD_EFAIL, _("%s is not a PEM private key"), path);
	return key_from_pkey(pkey, out, path, e);
}

/* Make a new key in a temporary file beside PATH, then link it into place:
 * of two processes creating at once, one wins and both use its key. */
static int
create_key(const char *path, ird_err *e)
{
	EVP_PKEY *pkey = NULL;
	EVP_PKEY_CTX *kc;
	char tmp[PATH_MAX];
	int fd, rc = IRD_OK;
	FILE *f;

	if (make_parents(path, e) != IRD_OK)
		return e ? e->code : IRD_EFAIL;
	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp))
		return ird_fail(e, IRD_EFAIL, _("path too long: %s"), path);
	if ((kc = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL)) == NULL ||
	    EVP_PKEY_keygen_init(kc) != 1 || EVP_PKEY_keygen(kc, &pkey) != 1) {
		EVP_PKEY_CTX_free(kc);
		return ird_fail(e, IRD_EFAIL, _("cannot generate an Ed25519 key"));
	}
	EVP_PKEY_CTX_free(kc);
	if ((fd = mkstemp(tmp)) < 0) { /* mkstemp creates 0600 */
		EVP_PKEY_free(pkey);
		return ird_fail(e, IRD_EFAIL, _("cannot create the audit signing key %s: %s"), path,
		                strerror(errno));
	}
	if (!(f = fdopen(fd, "w"))) {
		close(fd);
		rc = ird_fail(e, IRD_EFAIL, _("cannot write %s: %s"), tmp, strerror(errno));
	} else {
		if (PEM_write_PrivateKey(f, pkey, NULL, NULL, 0, NULL, NULL) != 1 || fflush(f) != 0 ||
		    fsync(fileno(f)) != 0)
			rc = ird_fail(e, IRD_EFAIL, _("cannot write the audit signing key %s"), tmp);
		if (fclose(f) != 0 && rc == IRD_OK)
			rc = ird_fail(e, IRD_EFAIL, _("cannot write the audit signing key %s"), tmp);
	}
	EVP_PKEY_free(pkey);
	if (rc == IRD_OK && link(tmp, path) != 0 && errno != EEXIST)
		rc = ird_fail(e, IRD_EFAIL, _("cannot create the audit signing key %s: %s"), path,
		              strerror(errno));
	unlink(tmp);
	return rc;
}

int
sign_key_open(const char *path, int create, sign_key **out, ird_err *e)
{
	ird_err le = { 0 };
	int rc;

	*out = NULL;
	rc = load_private(path, out, &le);
	if (rc == IRD_ENOTFOUND && create) {
		if ((rc = create_key(path, e)) != IRD_OK)
			return rc;
		return load_private(path, out, e);
	}
	if (rc != IRD_OK && e)
		*e = le;
	return rc;
}

void
sign_key_free(sign_key *k)
{
	if (!k)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

void
sign_key_pub_hex(const sign_key *k, char hex[SIGN_PUB_HEX_LEN])
{
	to_hex(k->pub, sizeof(k->pub), hex);
}

int
sign_key_pub_pem(const sign_key *k, char **pem, ird_err *e)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data;
	long n;

	*pem = NULL;
	if (!b || PEM_write_bio_PUBKEY(b, k->pkey) != 1) {
		BIO_free(b);
		return ird_fail(e, IRD_EFAIL, _("cannot write the public key"));
	}
	n = BIO_get_mem_data(b, &data);
	if (n < 0 || !(*pem = malloc((size_t)n + 1))) {
		BIO_free(b);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	memcpy(*pem, data, (size_t)n);
	(*pem)[n] = '\0';
	BIO_free(b);
	return IRD_OK;
}

int
sign_pub_read(const char *path, char hex[SIGN_PUB_HEX_LEN], ird_err *e)
{
	unsigned char raw[32];
	char line[256];
	EVP_PKEY *pkey;
	size_t len = 32;
	FILE *f = fopen(path, "re");

	if (!f)
		return ird_fail(e, IRD_EFAIL, _("cannot open %s: %s"), path, strerror(errno));
	pkey = PEM_read_PUBKEY(f, NULL, NULL, NULL);
	if (!pkey) {
		/* Not PEM: the 64 hex digits `irdesk audit key` prints. */
		rewind(f);
		if (fgets(line, sizeof(line), f)) {
			line[strcspn(line, " \t\r\n")] = '\0';
			if (from_hex(line, raw, sizeof(raw)) == 0) {
				fclose(f);
				to_hex(raw, sizeof(raw), hex);
				return IRD_OK;
			}
		}
		fclose(f);
		return ird_fail(e, IRD_EUSAGE, _("%s is not a public key (PEM, or 64 hex digits)"), path);
	}
	fclose(f);
	if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_ED25519 ||
	    EVP_PKEY_get_raw_public_key(pkey, raw, &len) != 1 || len != 32) {
		EVP_PKEY_free(pkey);
		return ird_fail(e, IRD_EUSAGE, _("%s is not an Ed25519 public key"), path);
	}
	EVP_PKEY_free(pkey);
	to_hex(raw, sizeof(raw), hex);
	return IRD_OK;
}

int
sign_message(const sign_key *k, const void *msg, size_t len, char sig[SIGN_SIG_HEX_LEN],
             ird_err *e)
{
	unsigned char raw[64];
	size_t n = sizeof(raw);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int ok;

	ok = md && EVP_DigestSignInit(md, NULL, NULL, NULL, k->pkey) == 1 &&
	     EVP_DigestSign(md, raw, &n, msg, len) == 1 && n == sizeof(raw);
	EVP_MD_CTX_free(md);
	if (!ok)
		return ird_fail(e, IRD_EFAIL, _("cannot sign the audit head"));
	to_hex(raw, sizeof(raw), sig);
	return IRD_OK;
}

int
sign_verify(const char *pub, const void *msg, size_t len, const char *sig)
{
	unsigned char rawpub[32], rawsig[64];
	EVP_PKEY *pkey;
	EVP_MD_CTX *md;
	int ok;

	if (from_hex(pub, rawpub, sizeof(rawpub)) != 0 || from_hex(sig, rawsig, sizeof(rawsig)) != 0)
		return 0;
	if (!(pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, rawpub, sizeof(rawpub))))
		return 0;
	md = EVP_MD_CTX_new();
	ok = md && EVP_DigestVerifyInit(md, NULL, NULL, NULL, pkey) == 1 &&
	     EVP_DigestVerify(md, rawsig, sizeof(rawsig), msg, len) == 1;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pkey);
	return ok;
}
