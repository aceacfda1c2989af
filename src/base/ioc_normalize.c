/* ioc_normalize.c - canonical forms of indicators, registrable domains via libpsl. */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <libpsl.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/ioc_normalize.h"

struct ioc_normalizer {
	psl_ctx_t *psl;
	const char *source; /* static string: where the list came from */
};

static const char *const type_names[IOC_TYPE_COUNT] = {
	[IOC_EMAIL] = "email",   [IOC_URL] = "url",         [IOC_DOMAIN] = "domain",
	[IOC_IP] = "ip",         [IOC_SHA256] = "sha256",   [IOC_SHA1] = "sha1",
	[IOC_MD5] = "md5",       [IOC_SUBJECT] = "subject", [IOC_FILENAME] = "filename",
};

/* Defanging tokens, matched case-insensitively anywhere in URLs, addresses, hosts. */
static const struct {
	const char *from, *to;
} defang_tokens[] = {
	{"[://]", "://"}, {"[:]", ":"},   {"[.]", "."},   {"(.)", "."},   {"{.}", "."},
	{"[dot]", "."},   {"(dot)", "."}, {"{dot}", "."}, {"[at]", "@"},  {"(at)", "@"},
	{"{at}", "@"},    {"[@]", "@"},
};

/* Schemes whose default port is dropped from the normal form (WHATWG special schemes). */
static const struct {
	const char *scheme;
	int port;
} default_ports[] = {
	{"http", 80}, {"https", 443}, {"ftp", 21}, {"ws", 80}, {"wss", 443},
};

#define MAX_LABEL 63
#define MAX_HOST 253

/* ---- small string helpers ---- */

static int
oom(ird_err *e)
{
	return ird_fail(e, IRD_EFAIL, "out of memory");
}

static char *
dup_range(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* printf into a new string; NULL when out of memory. */
static char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
str_printf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	return n < 0 ? NULL : p;
}

static void
ascii_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static int
has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
static int
utf8_valid(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	while (*s) {
		unsigned c = *s;
		int n, i;
		unsigned cp, min;

		if (c < 0x80) {
			s++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1, cp = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2, cp = c & 0x0F, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return 0;
		}
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		s += n + 1;
	}
	return 1;
}

/* Byte length of the white space starting at S: ASCII, NBSP and the ideographic space
 * (U+3000, common around text pasted from Japanese mail), 0 if none. */
static size_t
space_at(const char *s)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	if (strncmp(s, "\xC2\xA0", 2) == 0)
		return 2;
	if (strncmp(s, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Length of the white space ending just before S + LEN, 0 if none. */
static size_t
space_before(const char *s, size_t len)
{
	if (len >= 1 && space_at(s + len - 1) == 1)
		return 1;
	if (len >= 2 && strncmp(s + len - 2, "\xC2\xA0", 2) == 0)
		return 2;
	if (len >= 3 && strncmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* New copy of RAW without surrounding white space. */
static char *
trim_dup(const char *raw)
{
	size_t len, k;

	while ((k = space_at(raw)) > 0)
		raw += k;
	len = strlen(raw);
	while ((k = space_before(raw, len)) > 0)
		len -= k;
	return dup_range(raw, len);
}

static int
has_space_or_ctl(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* New copy of S with defanging undone: tokens such as "[.]" and "[at]" anywhere, and a
 * "hxxp"/"hxxps" scheme (any case) at the start. Never longer than S. */
static char *
refang(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	size_t i;

	if (!out)
		return NULL;
	while (*s) {
		for (i = 0; i < sizeof(defang_tokens) / sizeof(defang_tokens[0]); i++) {
			size_t fl = strlen(defang_tokens[i].from);

			if (strncasecmp(s, defang_tokens[i].from, fl) == 0) {
				size_t tl = strlen(defang_tokens[i].to);

				memcpy(o, defang_tokens[i].to, tl);
				o += tl;
				s += fl;
				break;
			}
		}
		if (i == sizeof(defang_tokens) / sizeof(defang_tokens[0]))
			*o++ = *s++;
	}
	*o = '\0';
	if (strncasecmp(out, "hxxp", 4) == 0 &&
	    (strncmp(out + 4, "://", 3) == 0 || strncasecmp(out + 4, "s://", 4) == 0))
		memcpy(out, "http", 4);
	return out;
}

/* ---- hosts and IP literals ---- */

/* If S is an IPv4 or IPv6 literal, store its canonical text in *CANON and return 1;
 * 0 if it is not; -1 when out of memory. */
static int
ip_literal(const char *s, char **canon, int *v6)
{
	unsigned char buf[sizeof(struct in6_addr)];
	char text[INET6_ADDRSTRLEN];
	int af;

	if (inet_pton(AF_INET, s, buf) == 1)
		af = AF_INET;
	else if (inet_pton(AF_INET6, s, buf) == 1)
		af = AF_INET6;
	else
		return 0;
	if (!inet_ntop(af, buf, text, sizeof(text)))
		return 0;
	*canon = strdup(text);
	*v6 = af == AF_INET6;
	return *canon ? 1 : -1;
}

/* A last label made of digits (or 0x + hex) means the host is meant as an IPv4 address in
 * the inet_aton forms browsers accept ("127.1", "0x7f.0.0.1", "2130706433"). */
static int
numeric_last_label(const char *host)
{
	const char *l = strrchr(host, '.');

	l = l ? l + 1 : host;
	if (l[0] == '0' && (l[1] == 'x' || l[1] == 'X')) {
		for (l += 2; *l; l++)
			if (!is_hex(*l))
				return 0;
		return 1;
	}
	if (!*l)
		return 0;
	for (; *l; l++)
		if (*l < '0' || *l > '9')
			return 0;
	return 1;
}

/* Describe byte C for an error message. */
static void
describe_char(char *buf, size_t size, unsigned char c)
{
	if (c > 0x20 && c < 0x7f)
		snprintf(buf, size, "'%c'", c);
	else if (c == ' ')
		snprintf(buf, size, "a space");
	else
		snprintf(buf, size, "byte 0x%02x", c);
}

/* Check the labels of a lower-cased host name (no trailing dot). */
static int
check_labels(const char *h, ird_err *e)
{
	size_t total = strlen(h), label = 0;
	int ascii = !has_non_ascii(h);
	const char *p;
	char what[16];

	if (ascii && total > MAX_HOST)
		return ird_fail(e, IRD_EUSAGE, "host name longer than %d characters", MAX_HOST);
	for (p = h;; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '.' || c == '\0') {
			if (label == 0)
				return ird_fail(e, IRD_EUSAGE, "host name '%s' has an empty label", h);
			/* IDN labels are measured after punycode, which libpsl does not expose. */
			if (ascii && label > MAX_LABEL)
				return ird_fail(e, IRD_EUSAGE, "host name label longer than %d characters",
				                MAX_LABEL);
			if (c == '\0')
				return IRD_OK;
			label = 0;
			continue;
		}
		/* '_' is not a hostname character, but it is in real DNS names and in attackers'. */
		if (!(c >= 0x80 || isalnum(c) || c == '-' || c == '_')) {
			describe_char(what, sizeof(what), c);
			return ird_fail(e, IRD_EUSAGE, "invalid character %s in host name", what);
		}
		label++;
	}
}

/* Lower-case host H in place, or replace it with libpsl's Unicode lower-casing. */
static int
lower_host(char **h, ird_err *e)
{
	char *lower = NULL;

	ascii_lower(*h);
	if (!has_non_ascii(*h))
		return IRD_OK;
	/* Encoding NULL means the locale's charset, which is ASCII under LC_ALL=C: name it. */
	if (psl_str_to_utf8lower(*h, "utf-8", NULL, &lower) == PSL_SUCCESS && lower) {
		char *copy = strdup(lower);

		psl_free_string(lower);
		if (!copy)
			return oom(e);
		free(*h);
		*h = copy;
	} else {
		psl_free_string(lower);
	}
	return IRD_OK;
}

/* Normalise the host S[0..LEN): brackets hold an IP literal; bare IPv6 only if BARE_V6.
 * Sets *HOST (lower-case, no trailing dot or brackets), *IS_IP and *V6. */
static int
norm_host(const char *s, size_t len, int bare_v6, char **host, int *is_ip, int *v6,
          ird_err *e)
{
	char *h;
	int rc;

	*host = NULL;
	*is_ip = *v6 = 0;
	if (len == 0)
		return ird_fail(e, IRD_EUSAGE, "empty host name");
	if (s[0] == '[') {
		if (len < 3 || s[len - 1] != ']')
			return ird_fail(e, IRD_EUSAGE, "unbalanced '[' in host");
		h = dup_range(s + 1, len - 2);
		if (!h)
			return oom(e);
		rc = ip_literal(h, host, v6);
		if (rc <= 0) {
			rc = rc < 0 ? oom(e) : ird_fail(e, IRD_EUSAGE, "invalid IP address '%s'", h);
			free(h);
			return rc;
		}
		free(h);
		*is_ip = 1;
		return IRD_OK;
	}
	h = dup_range(s, len);
	if (!h)
		return oom(e);
	if (strchr(h, ':')) {
		rc = bare_v6 ? ip_literal(h, host, v6) : 0;
		if (rc == 0)
			rc = ird_fail(e, IRD_EUSAGE, "invalid character ':' in host name");
		else if (rc < 0)
			rc = oom(e);
		else
			*is_ip = 1, rc = IRD_OK;
		free(h);
		return rc;
	}
	if (len > 1 && h[len - 1] == '.')
		h[len - 1] = '\0';
	if ((rc = check_labels(h, e)) != IRD_OK || (rc = lower_host(&h, e)) != IRD_OK) {
		free(h);
		return rc;
	}
	if (numeric_last_label(h)) {
		struct in_addr a;
		char text[INET_ADDRSTRLEN];

		if (inet_aton(h, &a) == 0 || !inet_ntop(AF_INET, &a, text, sizeof(text))) {
			rc = ird_fail(e, IRD_EUSAGE, "invalid IPv4 address '%s'", h);
			free(h);
			return rc;
		}
		free(h);
		*host = strdup(text);
		if (!*host)
			return oom(e);
		*is_ip = 1;
		return IRD_OK;
	}
	*host = h;
	return IRD_OK;
}

/* Registrable domain of the lower-case host H into *OUT (NULL if H is a public suffix). */
static int
registrable(const ioc_normalizer *n, const char *h, char **out, ird_err *e)
{
	const char *r = psl_registrable_domain(n->psl, h);

	*out = NULL;
	if (!r)
		return IRD_OK;
	*out = strdup(r);
	return *out ? IRD_OK : oom(e);
}

/* Fill OUT's host fields from the host S[0..LEN). */
static int
fill_host(const ioc_normalizer *n, const char *s, size_t len, int bare_v6, ioc_norm *out,
          int *v6, ird_err *e)
{
	int rc = norm_host(s, len, bare_v6, &out->host, &out->host_is_ip, v6, e);

	if (rc != IRD_OK || out->host_is_ip)
		return rc;
	return registrable(n, out->host, &out->registrable, e);
}

/* ---- one function per indicator type ---- */

static int
norm_domain(const ioc_normalizer *n, const char *s, ioc_norm *out, ird_err *e)
{
	int v6, rc = fill_host(n, s, strlen(s), 1, out, &v6, e);

	if (rc != IRD_OK)
		return rc;
	if (out->host_is_ip)
		out->type = IOC_IP;
	out->normal = strdup(out->host);
	return out->normal ? IRD_OK : oom(e);
}

static int
norm_ip(const ioc_normalizer *n, const char *s, ioc_norm *out, ird_err *e)
{
	int rc = norm_domain(n, s, out, e);

	if (rc == IRD_OK && !out->host_is_ip)
		return ird_fail(e, IRD_EUSAGE, "not an IP address: '%s'", s);
	return rc;
}

static int
norm_email(const ioc_normalizer *n, const char *s, ioc_norm *out, ird_err *e)
{
	size_t len = strlen(s), ats = 0;
	const char *at = NULL, *p;
	char *local;
	int v6, rc;

	/* "<user@example.com>" as copied from a header. */
	if (len >= 2 && s[0] == '<' && s[len - 1] == '>')
		s++, len -= 2;
	for (p = s; p < s + len; p++)
		if (*p == '@')
			ats++, at = p;
	if (ats != 1)
		return ird_fail(e, IRD_EUSAGE, "an e-mail address needs exactly one @ (found %zu)",
		                ats);
	if (at == s)
		return ird_fail(e, IRD_EUSAGE, "e-mail address has an empty local part");
	if (at + 1 == s + len)
		return ird_fail(e, IRD_EUSAGE, "e-mail address has no domain");
	local = dup_range(s, (size_t)(at - s));
	if (!local)
		return oom(e);
	if (has_space_or_ctl(local)) {
		free(local);
		return ird_fail(e, IRD_EUSAGE, "e-mail local part contains a space or control character");
	}
	rc = fill_host(n, at + 1, (size_t)(s + len - at - 1), 0, out, &v6, e);
	if (rc == IRD_OK) {
		/* RFC 5321 address literals are bracketed. */
		out->normal = str_printf(out->host_is_ip ? "%s@[%s]" : "%s@%s", local, out->host);
		rc = out->normal ? IRD_OK : oom(e);
	}
	free(local);
	return rc;
}

static int
valid_scheme(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !isalpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.')
			return 0;
	return 1;
}

/* "mailto:x@y", "javascript:..." - a scheme without "//", not "host:port". */
static int
opaque_scheme(const char *s)
{
	const char *colon = strchr(s, ':');

	return colon && valid_scheme(s, (size_t)(colon - s)) &&
	       !(colon[1] >= '0' && colon[1] <= '9') && strcspn(s, "/?#@.") > (size_t)(colon - s);
}

/* Split off "scheme://" from S: *SCHEME (malloc'd, lower-case; "http" when absent) and the
 * rest in *REST. */
static int
split_scheme(const char *s, char **scheme, const char **rest, ird_err *e)
{
	const char *sep = strstr(s, "://");

	/* "://" counts only before any other '/': "evil.com/r?u=http://x" has no scheme. */
	if (sep && strchr(s, '/') == sep + 1) {
		if (!valid_scheme(s, (size_t)(sep - s)))
			return ird_fail(e, IRD_EUSAGE, "invalid URL scheme '%.*s'", (int)(sep - s), s);
		*scheme = dup_range(s, (size_t)(sep - s));
		*rest = sep + 3;
	} else if (opaque_scheme(s)) {
		return ird_fail(e, IRD_EUSAGE, "not a URL with a host: '%.*s' has no '//'",
		                (int)(strchr(s, ':') - s + 1), s);
	} else {
		*scheme = strdup("http");
		*rest = strncmp(s, "//", 2) == 0 ? s + 2 : s;
	}
	if (!*scheme)
		return oom(e);
	ascii_lower(*scheme);
	return IRD_OK;
}

/* Parse the decimal port S[0..LEN) into *PORT (1-65535). */
static int
parse_port(const char *s, size_t len, int *port, ird_err *e)
{
	long v = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return ird_fail(e, IRD_EUSAGE, "invalid port '%.*s'", (int)len, s);
		v = v * 10 + (s[i] - '0');
		if (v > 65535)
			break;
	}
	if (v < 1 || v > 65535)
		return ird_fail(e, IRD_EUSAGE, "invalid port '%.*s' (must be 1-65535)", (int)len, s);
	*port = (int)v;
	return IRD_OK;
}

static int
default_port(const char *scheme)
{
	size_t i;

	for (i = 0; i < sizeof(default_ports) / sizeof(default_ports[0]); i++)
		if (strcmp(scheme, default_ports[i].scheme) == 0)
			return default_ports[i].port;
	return 0;
}

/* Split AUTH[0..LEN) into userinfo, host and port; fill OUT's host fields. */
static int
norm_authority(const ioc_normalizer *n, const char *auth, size_t len, ioc_norm *out, int *v6,
               ird_err *e)
{
	const char *at = NULL, *hp, *colon = NULL, *p;
	size_t hlen;
	int rc;

	for (p = auth; p < auth + len; p++)
		if (*p == '@')
			at = p; /* the last @ ends the userinfo, as browsers do */
	if (at) {
		out->userinfo = dup_range(auth, (size_t)(at - auth));
		if (!out->userinfo)
			return oom(e);
		hp = at + 1;
	} else {
		hp = auth;
	}
	hlen = (size_t)(auth + len - hp);
	if (hlen > 0 && hp[0] == '[') {
		const char *close = memchr(hp, ']', hlen);

		if (!close)
			return ird_fail(e, IRD_EUSAGE, "unbalanced '[' in URL host");
		if (close + 1 < hp + hlen && close[1] != ':')
			return ird_fail(e, IRD_EUSAGE, "unexpected text after ']' in URL host");
		colon = close + 1 < hp + hlen ? close + 1 : NULL;
	} else {
		for (p = hp; p < hp + hlen; p++)
			if (*p == ':')
				colon = p;
	}
	if (colon) {
		size_t plen = (size_t)(hp + hlen - colon - 1);

		/* An empty port ("host:/") means no port, as in the WHATWG URL standard. */
		if (plen > 0 && (rc = parse_port(colon + 1, plen, &out->port, e)) != IRD_OK)
			return rc;
		hlen = (size_t)(colon - hp);
	}
	if (hlen == 0)
		return ird_fail(e, IRD_EUSAGE, "URL has no host");
	return fill_host(n, hp, hlen, 0, out, v6, e);
}

static int
norm_url(const ioc_normalizer *n, const char *s, ioc_norm *out, ird_err *e)
{
	const char *rest = NULL, *path;
	size_t alen;
	char port[8] = "";
	int v6 = 0, rc;

	if (has_space_or_ctl(s))
		return ird_fail(e, IRD_EUSAGE, "URL contains a space or control character");
	if ((rc = split_scheme(s, &out->scheme, &rest, e)) != IRD_OK)
		return rc;
	alen = strcspn(rest, "/?#");
	if ((rc = norm_authority(n, rest, alen, out, &v6, e)) != IRD_OK)
		return rc;
	path = rest + alen;
	out->path = str_printf("%s%s", path[0] == '/' ? "" : "/", path);
	if (!out->path)
		return oom(e);
	if (out->port && out->port != default_port(out->scheme))
		snprintf(port, sizeof(port), ":%d", out->port);
	out->normal = str_printf(v6 ? "%s://[%s]%s%s" : "%s://%s%s%s", out->scheme, out->host,
	                         port, out->path);
	return out->normal ? IRD_OK : oom(e);
}

static int
norm_hash(ioc_type type, const char *s, ioc_norm *out, ird_err *e)
{
	static const char *const label[] = {[IOC_SHA256] = "a SHA-256", [IOC_SHA1] = "a SHA-1",
	                                    [IOC_MD5] = "an MD5"};
	size_t want = type == IOC_SHA256 ? 64 : type == IOC_SHA1 ? 40 : 32;
	size_t i, len = strlen(s);
	char what[16];

	for (i = 0; i < len; i++) {
		if (!is_hex(s[i])) {
			describe_char(what, sizeof(what), (unsigned char)s[i]);
			return ird_fail(e, IRD_EUSAGE, "not %s: %s at position %zu is not a hex digit",
			                label[type], what, i + 1);
		}
	}
	if (len != want)
		return ird_fail(e, IRD_EUSAGE, "not %s: %zu hex digits (%zu expected)", label[type],
		                len, want);
	out->normal = strdup(s);
	if (!out->normal)
		return oom(e);
	ascii_lower(out->normal);
	return IRD_OK;
}

/* Subjects and file names: the trimmed text, as given (UTF-8 checked by the caller). */
static int
norm_text(const char *s, ioc_norm *out, ird_err *e)
{
	out->normal = strdup(s);
	return out->normal ? IRD_OK : oom(e);
}

/* ---- public API ---- */

const char *
ioc_type_name(ioc_type t)
{
	if ((int)t < 0 || t >= IOC_TYPE_COUNT)
		return "?";
	return type_names[t];
}

int
ioc_type_parse(const char *s, ioc_type *out)
{
	int i;

	if (!s)
		return IRD_EUSAGE;
	for (i = 0; i < IOC_TYPE_COUNT; i++) {
		if (strcasecmp(s, type_names[i]) == 0) {
			*out = (ioc_type)i;
			return IRD_OK;
		}
	}
	return IRD_EUSAGE;
}

int
ioc_normalizer_new(ioc_normalizer **out, ird_err *e)
{
	ioc_normalizer *n = calloc(1, sizeof(*n));

	*out = NULL;
	if (!n)
		return oom(e);
	/* psl_latest takes the newer of the system list and the built-in one. */
	n->psl = psl_latest(NULL);
	if (!n->psl)
		n->psl = (psl_ctx_t *)psl_builtin();
	if (!n->psl) {
		free(n);
		return ird_fail(e, IRD_EFAIL, "no Public Suffix List available (install publicsuffix)");
	}
	n->source = n->psl == psl_builtin() ? "built-in" : psl_dist_filename();
	*out = n;
	return IRD_OK;
}

void
ioc_normalizer_free(ioc_normalizer *n)
{
	if (!n)
		return;
	psl_free(n->psl); /* a no-op for the built-in context */
	free(n);
}

const char *
ioc_normalizer_source(const ioc_normalizer *n)
{
	return n->source;
}

void
ioc_norm_free(ioc_norm *out)
{
	if (!out)
		return;
	free(out->normal);
	free(out->host);
	free(out->registrable);
	free(out->scheme);
	free(out->userinfo);
	free(out->path);
	memset(out, 0, sizeof(*out));
}

/* Dispatch on the type once RAW is trimmed, checked and (for host types) refanged. */
static int
normalize_clean(const ioc_normalizer *n, ioc_type type, const char *s, ioc_norm *out,
                ird_err *e)
{
	switch (type) {
	case IOC_EMAIL:
		return norm_email(n, s, out, e);
	case IOC_URL:
		return norm_url(n, s, out, e);
	case IOC_DOMAIN:
		return norm_domain(n, s, out, e);
	case IOC_IP:
		return norm_ip(n, s, out, e);
	case IOC_SHA256:
	case IOC_SHA1:
	case IOC_MD5:
		return norm_hash(type, s, out, e);
	case IOC_SUBJECT:
	case IOC_FILENAME:
		return norm_text(s, out, e);
	default:
		return ird_fail(e, IRD_EUSAGE, "unknown indicator type %d", (int)type);
	}
}

static int
is_host_type(ioc_type t)
{
	return t == IOC_EMAIL || t == IOC_URL || t == IOC_DOMAIN || t == IOC_IP;
}

int
ioc_normalize(const ioc_normalizer *n, ioc_type type, const char *raw, ioc_norm *out,
              ird_err *e)
{
	char *trimmed, *clean;
	int rc;

	memset(out, 0, sizeof(*out));
	out->type = type;
	if ((int)type < 0 || type >= IOC_TYPE_COUNT)
		return ird_fail(e, IRD_EUSAGE, "unknown indicator type %d", (int)type);
	if (!raw)
		return ird_fail(e, IRD_EUSAGE, "empty %s", ioc_type_name(type));
	if (!utf8_valid(raw))
		return ird_fail(e, IRD_EUSAGE, "%s is not valid UTF-8", ioc_type_name(type));
	trimmed = trim_dup(raw);
	if (!trimmed)
		return oom(e);
	if (!*trimmed) {
		free(trimmed);
		return ird_fail(e, IRD_EUSAGE, "empty %s", ioc_type_name(type));
	}
	/* Subjects and file names are text: "[.]" in them is meant literally. */
	if (is_host_type(type)) {
		clean = refang(trimmed);
		free(trimmed);
		if (!clean)
			return oom(e);
	} else {
		clean = trimmed;
	}
	rc = normalize_clean(n, type, clean, out, e);
	free(clean);
	if (rc != IRD_OK) {
		ioc_norm_free(out);
		out->type = type;
	}
	return rc;
}

char *
ioc_registrable_of(const ioc_normalizer *n, const char *host)
{
	char *t, *h = NULL, *r = NULL;
	int is_ip, v6;

	if (!host || !utf8_valid(host) || !(t = trim_dup(host)))
		return NULL;
	if (norm_host(t, strlen(t), 1, &h, &is_ip, &v6, NULL) == IRD_OK && !is_ip)
		(void)registrable(n, h, &r, NULL); /* r stays NULL when out of memory */
	free(h);
	free(t);
	return r;
}

/* Does S (already refanged) look like a host name with a dot, or an IP literal? */
static int
looks_like_host(const char *s, size_t len, int *is_ip)
{
	char *h = NULL;
	int v6, ok;

	*is_ip = 0;
	ok = norm_host(s, len, 1, &h, is_ip, &v6, NULL) == IRD_OK && (*is_ip || strchr(h, '.'));
	free(h);
	return ok;
}

/* Length of the host in the authority S[0..LEN), without a ":port" suffix. */
static size_t
host_len(const char *s, size_t len)
{
	size_t i = len;

	while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
		i--;
	return i > 0 && i < len && s[i - 1] == ':' ? i - 1 : len;
}

static int
guess_clean(const char *s, ioc_type *out)
{
	const char *sep = strstr(s, "://");
	size_t len = strlen(s), hexlen = strspn(s, "0123456789abcdefABCDEF"), alen;
	int is_ip;

	if (sep && strchr(s, '/') == sep + 1 && valid_scheme(s, (size_t)(sep - s)))
		*out = IOC_URL; /* before '@': a URL may carry userinfo */
	else if (strchr(s, '@'))
		*out = IOC_EMAIL;
	else if (hexlen == len && (len == 64 || len == 40 || len == 32))
		*out = len == 64 ? IOC_SHA256 : len == 40 ? IOC_SHA1 : IOC_MD5;
	else if (looks_like_host(s, len, &is_ip))
		*out = is_ip ? IOC_IP : IOC_DOMAIN;
	else if ((alen = strcspn(s, "/?#")) > 0 && looks_like_host(s, host_len(s, alen), &is_ip))
		*out = IOC_URL; /* "evil.example.com/path", "evil.example.com:8080" */
	else
		return IRD_EUSAGE;
	return IRD_OK;
}

int
ioc_guess_type(const char *raw, ioc_type *out)
{
	char *t, *s;
	int rc;

	if (!raw || !utf8_valid(raw) || !(t = trim_dup(raw)))
		return IRD_EUSAGE;
	s = refang(t);
	free(t);
	if (!s)
		return IRD_EUSAGE;
	rc = *s ? guess_clean(s, out) : IRD_EUSAGE;
	free(s);
	return rc;
}
