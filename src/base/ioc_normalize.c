/* ioc_normalize.c - canonical forms of indicators, registrable domains via libpsl.
 *
 * A value goes through four steps: trim (any Unicode white space or control at the ends),
 * fold (full-width ASCII and ideographic full stops, as Japanese input methods type them),
 * refang (the defanging styles of reports and chat), parse. A URL is parsed as the WHATWG
 * URL Standard does for the special schemes, so its host is the one a browser would
 * connect to; hosts are mapped with UTS #46 (libidn2, and ICU's UTS #46, which browsers
 * use, for the names libidn2's IDNA2008 rules refuse) and kept as A-labels. */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <idn2.h>
#include <libpsl.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uidna.h>

#include "base/i18n.h"
#include "base/ioc_normalize.h"
#include "base/text.h"

struct ioc_normalizer {
	psl_ctx_t *psl;
	const char *source; /* static string: where the list came from */
};

static const char *const type_names[IOC_TYPE_COUNT] = {
	[IOC_EMAIL] = "email",   [IOC_URL] = "url",         [IOC_DOMAIN] = "domain",
	[IOC_IP] = "ip",         [IOC_SHA256] = "sha256",   [IOC_SHA1] = "sha1",
	[IOC_MD5] = "md5",       [IOC_SUBJECT] = "subject", [IOC_FILENAME] = "filename",
	[IOC_MESSAGE_ID] = "message-id",
};

/* Defanged scheme names and what they stand for (matched case-insensitively, and only
 * when a scheme separator follows). */
static const struct {
	const char *from, *to;
} defanged_schemes[] = {
	{"hxxps", "https"}, {"hxxp", "http"}, {"hxtps", "https"}, {"hxtp", "http"},
	{"htxps", "https"}, {"htxp", "http"}, {"h**ps", "https"}, {"h**p", "http"},
	{"h00ps", "https"}, {"h00p", "http"}, {"fxps", "ftps"},   {"fxp", "ftp"},
	{"ftxs", "ftps"},   {"ftx", "ftp"},   {"meows", "https"}, {"meow", "http"},
};

/* The WHATWG special schemes and their default ports (dropped from the normal form). */
static const struct {
	const char *scheme;
	int port;
} special_schemes[] = {
	{"http", 80}, {"https", 443}, {"ftp", 21}, {"ws", 80}, {"wss", 443},
};

#define MAX_LABEL 63
#define MAX_RUN 16        /* brackets or spaces on one side of a defanged dot */
#define MAX_VALUE 65536   /* bytes in an indicator value */
#define MAX_HOST 253
#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- small string helpers ---- */

static int
oom(ird_err *e)
{
	return ird_fail(e, IRD_EFAIL, _("out of memory"));
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

static int
hex_val(char c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* A growing string; on out of memory it stops growing and remembers it. */
struct buf {
	char *p;
	size_t len, cap;
	int oom;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		if (!(p = realloc(b->p, cap))) {
			b->oom = 1;
			return;
		}
		b->p = p, b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* The buffer's string (never NULL unless out of memory); the buffer is emptied. */
static char *
buf_take(struct buf *b)
{
	char *p;

	if (!b->oom && !b->p)
		buf_add(b, "", 0);
	if (b->oom) {
		free(b->p);
		p = NULL;
	} else {
		p = b->p;
	}
	memset(b, 0, sizeof(*b));
	return p;
}

/* ---- UTF-8 and Unicode classes ---- */

/* Strict UTF-8 of S[0..LEN): no overlong forms, no surrogates, nothing above U+10FFFF. */
static int
utf8_valid_n(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + len;

	while (s < end) {
		unsigned c = *s, cp, min;
		int n, i;

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
		if (end - s <= n)
			return 0;
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

static int
utf8_valid(const char *s)
{
	return utf8_valid_n(s, strlen(s));
}

/* Decode the code point at S (valid UTF-8) into *CP; its byte length. */
static size_t
utf8_dec(const char *str, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
		return 3;
	}
	*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
	      (s[3] & 0x3Fu);
	return 4;
}

static void
buf_add_cp(struct buf *b, unsigned cp)
{
	char u[4];

	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 4);
	}
}

/* Unicode White_Space. */
static int
is_uspace(unsigned cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* C0 and C1 controls and DEL. */
static int
is_ctl(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* New copy of RAW without surrounding white space or control characters. */
static char *
trim_dup(const char *raw)
{
	const char *end = raw + strlen(raw), *p;
	unsigned cp;
	size_t n;

	while (*raw && (n = utf8_dec(raw, &cp)) > 0 && (is_uspace(cp) || is_ctl(cp)))
		raw += n;
	while (end > raw) {
		for (p = end - 1; p > raw && ((unsigned char)*p & 0xC0) == 0x80; p--)
			;
		utf8_dec(p, &cp);
		if (!is_uspace(cp) && !is_ctl(cp))
			break;
		end = p;
	}
	return dup_range(raw, (size_t)(end - raw));
}

/* Is there a white space or control character in S[0..LEN)? Its code point in *CP. */
static int
find_space_or_ctl(const char *s, size_t len, unsigned *cp)
{
	size_t i = 0;

	while (i < len) {
		i += utf8_dec(s + i, cp);
		if (is_uspace(*cp) || is_ctl(*cp))
			return 1;
	}
	return 0;
}

/* ---- full-width folding ---- */

/* The ASCII a Japanese input method's full-width form stands for: U+FF01-FF5E (but not the
 * full-width percent sign, which must not start a percent escape), the ideographic,
 * full-width and half-width full stops. CP itself otherwise: the ideographic space stays
 * a space that no host may hold (only ASCII spaces beside a dot are a defanging style). */
static unsigned
fold_cp(unsigned cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E && cp != 0xFF05)
		return cp - 0xFEE0;
	if (cp == 0x3002 || cp == 0xFF0E || cp == 0xFF61)
		return '.';
	return cp;
}

/* Fold all of S. */
static char *
fold_all(const char *s)
{
	struct buf b = {0};
	unsigned cp;

	while (*s) {
		s += utf8_dec(s, &cp);
		buf_add_cp(&b, fold_cp(cp));
	}
	return buf_take(&b);
}

static int
is_scheme_char(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '-' || c == '.';
}

/* Fold a URL's scheme, separator and authority; the path too when the authority ends in a
 * full-width '/', '?' or '#' (the whole URL was typed full-width). A path after an ASCII
 * delimiter is kept: "http://example.jp/ａ" is a valid URL and a different one. */
static char *
fold_url(const char *s)
{
	enum { SCHEME, SEP, AUTH, ALL } state = SCHEME;
	struct buf b = {0};
	unsigned cp, f;
	size_t n;

	while (*s) {
		n = utf8_dec(s, &cp);
		f = fold_cp(cp);
		if (state == SCHEME && !is_scheme_char(f))
			state = f == ':' ? SEP : AUTH;
		else if (state == SEP && f != '/' && f != '\\')
			state = AUTH;
		if (state == AUTH && (cp == '/' || cp == '\\' || cp == '?' || cp == '#')) {
			buf_add(&b, s, strlen(s));
			break;
		}
		if (state == AUTH && f != cp && (f == '/' || f == '\\' || f == '?' || f == '#'))
			state = ALL;
		buf_add_cp(&b, f);
		s += n;
	}
	return buf_take(&b);
}

/* ---- refanging ---- */

enum { SEP_DOT = 1, SEP_COLON = 2, SEP_SLASH = 4, SEP_AT = 8 };

static int
is_open(char c)
{
	return c == '[' || c == '(' || c == '{';
}

static int
is_close(char c)
{
	return c == ']' || c == ')' || c == '}';
}

static int
is_bracket(char c)
{
	return is_open(c) || is_close(c);
}

/* Does a defanged separator start at S, such as "[.]", "(dot)", "[.", ".]", "dot]",
 * " . ", " dot ", "[:]", "[/]", "(/)", "[at]", " at ", "[@]"? Its length, and the
 * separator in *SEP; 0 if none. PREV: the character before S (0 at the start): a form
 * starts only where its run of brackets or spaces does. ALLOW: the separators looked
 * for. SPACES: whether white space around a dot (or "at"/"dot" between spaces, or spaces
 * around '@' when SEP_AT) counts. Colons, slashes and '@' count only with brackets:
 * both sides for ':' and '@' ("[:]", "[@]"), an opening one for '/' ("[/", "(/)"). */
static size_t
defang_at(const char *s, char prev, unsigned allow, int spaces, char *sep)
{
	const char *p = s;
	size_t pre_br = 0, pre_sp = 0, post_br = 0, post_sp = 0, core;
	char c;

	if (is_open(prev) || (spaces && prev == ' '))
		return 0;
	/* More brackets or spaces than MAX_RUN around one dot are no defanging: the bound
	 * also keeps a long run of brackets from costing quadratic time. */
	for (; (is_open(*p) || (spaces && *p == ' ')) && p - s < MAX_RUN; p++)
		*p == ' ' ? pre_sp++ : pre_br++;
	if ((allow & SEP_DOT) && *p == '.')
		core = 1, c = '.';
	else if ((allow & SEP_DOT) && strncasecmp(p, "dot", 3) == 0)
		core = 3, c = '.';
	else if ((allow & SEP_COLON) && *p == ':')
		core = 1, c = ':';
	else if ((allow & SEP_SLASH) && *p == '/')
		core = 1, c = '/';
	else if ((allow & SEP_AT) && *p == '@')
		core = 1, c = '@';
	else if ((allow & SEP_AT) && strncasecmp(p, "at", 2) == 0)
		core = 2, c = '@';
	else
		return 0;
	for (p += core; (is_close(*p) || (spaces && *p == ' ')) && post_sp + post_br < MAX_RUN; p++)
		*p == ' ' ? post_sp++ : post_br++;
	if (is_close(*p) || (spaces && *p == ' '))
		return 0; /* a longer run: no form of ours, and none to find the second time */
	/* "[:]" and "[@]" whole; "[/" may be half-open ("example.com[/path"). */
	if ((c == ':' || (c == '@' && pre_br + post_br > 0)) && !(pre_br && post_br))
		return 0;
	if (c == '/' && (!pre_br || pre_sp || post_sp))
		return 0;
	if (pre_br + post_br == 0) {
		if (c == ':' || c == '/')
			return 0;
		if (core > 1 ? !(pre_sp && post_sp) : !(pre_sp || post_sp))
			return 0;
	}
	/* A word needs a delimiter on both sides or a bracket beside it ("exampledot]com"). */
	if (core > 1 && pre_br + post_br == 0 && !(pre_sp && post_sp))
		return 0;
	*sep = c;
	return (size_t)(p - s);
}

/* Characters a writer escapes with a backslash (Markdown, regular expressions). */
static int
is_escaped_char(char c)
{
	return c == '.' || is_bracket(c);
}

/* Length of an IPv6 literal "[...]" at S (hex digits, colons, dots, at least one colon), or
 * 0: defanging is never looked for inside one. */
static size_t
ipv6_literal_len(const char *s)
{
	size_t i, colons = 0;

	if (*s != '[')
		return 0;
	for (i = 1; is_hex(s[i]) || s[i] == ':' || s[i] == '.'; i++)
		colons += s[i] == ':';
	return s[i] == ']' && colons > 0 ? i + 1 : 0;
}

/* Replace every defanged separator in S[0..LEN) (backslash escapes removed first) and add
 * the result to B; the number of replacements. */
static size_t
refang_span(struct buf *b, const char *s, size_t len, unsigned allow, int spaces)
{
	char *u = malloc(len + 1);
	size_t i, k = 0, n = 0, m;
	char sep, prev;

	if (!u) {
		b->oom = 1;
		return 0;
	}
	for (i = 0; i < len; i++)
		if (!(s[i] == '\\' && i + 1 < len && is_escaped_char(s[i + 1])))
			u[k++] = s[i];
	u[k] = '\0';
	/* PREV: the character before U + I, 0 at the start and after a form (which ends a
	 * run of brackets and spaces: what follows starts a new one). */
	for (i = 0, prev = 0; i < k;) {
		if ((i == 0 || u[i - 1] == '@') && (m = ipv6_literal_len(u + i)) > 0) {
			buf_add(b, u + i, m);
			i += m;
			prev = u[i - 1];
		} else if ((m = defang_at(u + i, prev, allow, spaces, &sep)) > 0) {
			buf_addc(b, sep);
			i += m;
			n++;
			prev = 0;
		} else {
			prev = u[i];
			buf_addc(b, u[i++]);
		}
	}
	free(u);
	return n;
}

/* Refang a domain, an IP or an e-mail address (ALLOW: the separators to look for). */
static char *
refang_plain(const char *s, unsigned allow)
{
	struct buf b = {0};

	refang_span(&b, s, strlen(s), allow, 1);
	return buf_take(&b);
}

/* Length of a scheme name at S (a letter, then letters, digits, '+', '-', '.'). */
static size_t
scheme_len(const char *s)
{
	size_t i;

	if (!isalpha((unsigned char)s[0]))
		return 0;
	for (i = 1; is_scheme_char((unsigned char)s[i]); i++)
		;
	return i;
}

/* A defanged scheme separator at S: "[://]", "[:]", "[:]//", ":__" or "__" (the last two
 * only when the URL has no "//"). Its length and what it stands for in *TO; 0 if none. */
static size_t
defanged_sep(const char *s, const char *url, const char **to)
{
	int no_slashes = !strstr(url, "//");

	if (strncmp(s, "[://]", 5) == 0)
		return *to = "://", 5;
	if (strncmp(s, "[:]", 3) == 0)
		return *to = ":", 3;
	if (no_slashes && strncmp(s, ":__", 3) == 0)
		return *to = "://", 3;
	if (no_slashes && strncmp(s, "__", 2) == 0)
		return *to = "://", 2;
	return 0;
}

/* If S starts with a scheme written defanged ("hxxp://", "http[:]//", "fxp://",
 * "http__"), add the real scheme and separator to B and return the length consumed. */
static size_t
refang_scheme(struct buf *b, const char *s)
{
	size_t n = scheme_len(s), sl, i;
	const char *name = NULL, *to = ":";

	/* "h**p" is not made of scheme characters. */
	if (strncasecmp(s, "h**p", 4) == 0)
		n = strncasecmp(s, "h**ps", 5) == 0 ? 5 : 4;
	if (n == 0)
		return 0;
	for (i = 0; i < N_ELEM(defanged_schemes); i++)
		if (strlen(defanged_schemes[i].from) == n &&
		    strncasecmp(s, defanged_schemes[i].from, n) == 0)
			name = defanged_schemes[i].to;
	sl = defanged_sep(s + n, s, &to);
	if (!name && sl == 0)
		return 0;
	if (sl == 0) {
		if (s[n] != ':')
			return 0; /* "hxxp.example.com" is a host name */
		sl = 1;
	}
	if (name) {
		buf_add(b, name, strlen(name));
	} else {
		buf_add(b, s, n);
	}
	buf_add(b, to, strlen(to));
	return n + sl;
}

/* Refang a URL. The scheme and authority are looked at; when either was defanged, the
 * path is refanged too ("[.]", "[/]"...); a URL that was not defanged is left as it is
 * (a "[.]" in the path of a valid URL is meant). Sets *OUT, or fails when the authority
 * has backslash escapes that are not part of a defanged form. */
static int
refang_url(const char *s, char **out, ird_err *e)
{
	struct buf b = {0}, auth = {0};
	const char *p = s, *start, *end, *rest;
	size_t n, sch, fixes, m;
	int escapes = 0, scheme_defanged;
	char sep;

	*out = NULL;
	sch = refang_scheme(&b, p);
	scheme_defanged = sch > 0;
	if (sch == 0) {
		free(buf_take(&b));
		n = scheme_len(p);
		/* An ordinary scheme: copy it with its ':' (only before "//" or a backslash). */
		if (n > 0 && p[n] == ':' && (p[n + 1] == '/' || p[n + 1] == '\\'))
			sch = n + 1;
		buf_add(&b, p, sch);
	}
	p += sch;
	while (*p == '/' || *p == '\\')
		buf_addc(&b, *p++);
	/* The authority: up to '/', '?', '#', a backslash that is no escape, or "[/]". */
	start = p;
	rest = NULL;
	for (end = p; *end;) {
		if (end == start || end[-1] == '@') {
			if ((n = ipv6_literal_len(end)) > 0) {
				end += n;
				continue;
			}
		}
		if (*end == '\\' && is_escaped_char(end[1])) {
			/* "evil.example.net\.good.example.com": a browser goes to evil.example.net. */
			if (end[1] == '.') {
				free(buf_take(&b));
				return ird_fail(e, IRD_EUSAGE, _("a backslash before '.' in a URL host: an "
				                               "escaped dot, or the start of a path? (write "
				                               "the host without it)"));
			}
			escapes = 1;
			end += 2;
			continue;
		}
		if ((m = defang_at(end, end > start ? end[-1] : 0, SEP_SLASH, 0, &sep)) > 0) {
			rest = end + m;
			break;
		}
		if (*end == '/' || *end == '?' || *end == '#' || *end == '\\')
			break;
		end++;
	}
	fixes = refang_span(&auth, start, (size_t)(end - start), SEP_DOT | SEP_COLON, 1);
	if (!scheme_defanged && fixes == 0 && !rest) {
		free(buf_take(&b));
		free(buf_take(&auth));
		if (escapes)
			return ird_fail(e, IRD_EUSAGE, _("a backslash before a bracket in a URL host: an "
			                               "escape, or the start of a path? (write the host "
			                               "without it)"));
		*out = strdup(s);
		return *out ? IRD_OK : oom(e);
	}
	/* Defanged: spaces at the ends of the authority go, as "http:// example .com /x". */
	if (!auth.oom && auth.p) {
		size_t a = 0, z = auth.len;

		while (a < z && auth.p[a] == ' ')
			a++;
		while (z > a && auth.p[z - 1] == ' ')
			z--;
		buf_add(&b, auth.p + a, z - a);
	}
	free(buf_take(&auth));
	if (rest) {
		buf_addc(&b, '/');
	} else {
		rest = end;
	}
	/* In the path, only whole tokens: "[.]", "(dot)", "[/]"... */
	while (*rest) {
		if (*rest == '\\' && is_escaped_char(rest[1])) {
			buf_addc(&b, rest[1]);
			rest += 2;
		} else if (is_bracket(*rest) &&
		           (m = defang_at(rest, rest > s ? rest[-1] : 0, SEP_DOT | SEP_SLASH, 0, &sep)) >= 3 &&
		           is_bracket(rest[m - 1])) {
			buf_addc(&b, sep);
			rest += m;
		} else {
			buf_addc(&b, *rest++);
		}
	}
	*out = buf_take(&b);
	return *out ? IRD_OK : oom(e);
}

/* ---- hosts and IP literals ---- */

/* Describe the code point CP for an error message. */
static void
describe_cp(char *buf, size_t size, unsigned cp)
{
	if (cp > 0x20 && cp < 0x7f)
		snprintf(buf, size, "'%c'", (char)cp);
	else if (cp == ' ')
		snprintf(buf, size, _("a space"));
	else if (cp < 0x80)
		snprintf(buf, size, _("byte 0x%02x"), cp);
	else
		snprintf(buf, size, "U+%04X%s", cp, is_uspace(cp) ? _(" (a space)") : "");
}

/* One number of an IPv4 address as the URL Standard reads it: decimal, 0x hex, 0 octal.
 * 0 and *V (capped above 2^32), or -1 when it is not a number. */
static int
ipv4_number(const char *s, size_t len, uint64_t *v)
{
	unsigned base = 10;
	size_t i;

	*v = 0;
	if (len == 0)
		return -1;
	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, s += 2, len -= 2;
	else if (len >= 2 && s[0] == '0')
		base = 8, s++, len--;
	for (i = 0; i < len; i++) {
		unsigned d;

		if (base == 16 && is_hex(s[i]))
			d = (unsigned)hex_val(s[i]);
		else if (s[i] >= '0' && s[i] <= (base == 8 ? '7' : '9'))
			d = (unsigned)(s[i] - '0');
		else
			return -1;
		if (*v <= UINT32_MAX)
			*v = *v * base + d;
	}
	return 0;
}

/* The URL Standard's "ends in a number": is the host meant as an IPv4 address? */
static int
ends_in_number(const char *h)
{
	size_t len = strlen(h), i;
	const char *last;
	uint64_t v;

	if (len > 0 && h[len - 1] == '.') {
		if (len == 1)
			return 0;
		len--;
	}
	for (last = h + len; last > h && last[-1] != '.'; last--)
		;
	for (i = 0; last + i < h + len && last[i] >= '0' && last[i] <= '9'; i++)
		;
	if (i > 0 && last + i == h + len)
		return 1;
	return ipv4_number(last, (size_t)(h + len - last), &v) == 0;
}

/* Parse H as the URL Standard's IPv4 parser does ("127.1", "0x7f.0.0.1", "2130706433")
 * into canonical dotted text in TEXT; 0, or -1 when it is no address. */
static int
ipv4_parse(const char *h, char text[INET_ADDRSTRLEN])
{
	uint64_t parts[4], v, addr;
	size_t n = 0, len = strlen(h), i;
	const char *p = h, *dot;

	if (len > 0 && h[len - 1] == '.')
		len--;
	while (p <= h + len) {
		dot = memchr(p, '.', (size_t)(h + len - p));
		if (!dot)
			dot = h + len;
		if (n == 4 || ipv4_number(p, (size_t)(dot - p), &v) != 0)
			return -1;
		parts[n++] = v;
		p = dot + 1;
	}
	for (i = 0; i + 1 < n; i++)
		if (parts[i] > 255)
			return -1;
	if (parts[n - 1] >= (1ull << (8 * (5 - n))))
		return -1;
	addr = parts[n - 1];
	for (i = 0; i + 1 < n; i++)
		addr += parts[i] << (8 * (3 - i));
	snprintf(text, INET_ADDRSTRLEN, "%u.%u.%u.%u", (unsigned)(addr >> 24) & 255,
	         (unsigned)(addr >> 16) & 255, (unsigned)(addr >> 8) & 255, (unsigned)addr & 255);
	return 0;
}

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

/* Check the labels of a lower-case ASCII host name (no trailing dot). */
static int
check_labels(const char *h, ird_err *e)
{
	size_t total = strlen(h), label = 0;
	const char *p;
	char what[32];

	if (total > MAX_HOST)
		return ird_fail(e, IRD_EUSAGE, _("host name longer than %d characters"), MAX_HOST);
	for (p = h;; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '.' || c == '\0') {
			if (label == 0)
				return ird_fail(e, IRD_EUSAGE, _("host name '%s' has an empty label"), h);
			if (label > MAX_LABEL)
				return ird_fail(e, IRD_EUSAGE, _("host name label longer than %d characters"),
				                MAX_LABEL);
			if (c == '\0')
				return IRD_OK;
			label = 0;
			continue;
		}
		/* '_' is not a hostname character, but it is in real DNS names and in attackers'. */
		if (!(isalnum(c) || c == '-' || c == '_')) {
			describe_cp(what, sizeof(what), c);
			return ird_fail(e, IRD_EUSAGE, _("invalid character %s in host name"), what);
		}
		label++;
	}
}

/* H through ICU's UTS #46 as the URL Standard's "domain to ASCII" (TO_ASCII) or for
 * display: nontransitional, CheckBidi and CheckJoiners, no STD3 rules, no DNS length
 * check, hyphens unchecked (the errors a browser ignores). A malloc'd string, or NULL when
 * ICU reports an error or memory runs out. */
static char *
uts46_convert(const char *h, int to_ascii)
{
	const uint32_t ignored = UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG |
	                         UIDNA_ERROR_DOMAIN_NAME_TOO_LONG | UIDNA_ERROR_LEADING_HYPHEN |
	                         UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4;
	UErrorCode err = U_ZERO_ERROR;
	UIDNAInfo info = UIDNA_INFO_INITIALIZER;
	UIDNA *idna;
	size_t len = strlen(h), cap = 4 * len + 64;
	char *out;
	int32_t n;

	if (len > MAX_VALUE || !(out = malloc(cap)))
		return NULL;
	idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE |
	                       UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ, &err);
	if (U_FAILURE(err)) {
		free(out);
		return NULL;
	}
	n = to_ascii ? uidna_nameToASCII_UTF8(idna, h, (int32_t)len, out, (int32_t)cap, &info, &err)
	             : uidna_nameToUnicodeUTF8(idna, h, (int32_t)len, out, (int32_t)cap, &info,
	                                       &err);
	uidna_close(idna);
	if (U_FAILURE(err) || (info.errors & ~ignored) != 0 || n < 0 || (size_t)n >= cap) {
		free(out);
		return NULL;
	}
	out[n] = '\0';
	return out;
}

/* Does a label of the ASCII host H start with "xn--"? */
static int
has_alabel(const char *h)
{
	const char *p = h;

	for (;;) {
		if (strncasecmp(p, "xn--", 4) == 0)
			return 1;
		if (!(p = strchr(p, '.')))
			return 0;
		p++;
	}
}

/* The Unicode form of the A-label host H for display, or a copy of H when it has no
 * A-label or one that does not decode and encode back to itself. NULL on out of memory. */
static char *
host_display(const char *h)
{
	char *u = NULL, *a = NULL, *r;

	if (!has_alabel(h))
		return strdup(h);
	if (idn2_to_unicode_8z8z(h, &u, 0) == IDN2_OK && u && utf8_valid(u) &&
	    idn2_to_ascii_8z(u, &a, IDN2_NONTRANSITIONAL) == IDN2_OK && a && strcmp(a, h) == 0)
		r = strdup(u);
	else
		r = NULL;
	idn2_free(u);
	idn2_free(a);
	if (r)
		return r;
	/* A name libidn2 refuses but a browser reads (U+2603): ICU's display, if it maps back. */
	if ((u = uts46_convert(h, 0))) {
		a = uts46_convert(u, 1);
		r = a && strcmp(a, h) == 0 ? u : NULL;
		free(a);
		if (r)
			return r;
		free(u);
	}
	return strdup(h);
}

/* How norm_host reads a host. */
enum {
	HOST_BARE_V6 = 1, /* an IPv6 address without brackets (domain and ip types) */
	HOST_PERCENT = 2, /* percent-decode first (URL hosts) */
};

/* Map the host name H (percent-decoded, valid UTF-8) to lower-case A-labels as the URL
 * Standard's "domain to ASCII" does: an ASCII name is only lower-cased, others go through
 * UTS #46 (nontransitional, as browsers do). */
static int
domain_to_ascii(const char *h, char **out, ird_err *e)
{
	char *a = NULL;
	int rc;

	*out = NULL;
	if (!has_non_ascii(h)) {
		if (!(*out = strdup(h)))
			return oom(e);
		ascii_lower(*out);
		return IRD_OK;
	}
	rc = idn2_to_ascii_8z(h, &a, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
	if (rc != IDN2_OK) {
		idn2_free(a);
		/* IDNA2008 disallows some code points UTS #46 maps and browsers accept (U+2603
		 * SNOWMAN): ICU's UTS #46, which browsers use, decides those. */
		if (rc == IDN2_DISALLOWED && (*out = uts46_convert(h, 1)) && utf8_valid(*out) &&
		    !has_non_ascii(*out)) {
			ascii_lower(*out);
			return IRD_OK;
		}
		free(*out);
		*out = NULL;
		return ird_fail(e, IRD_EUSAGE, _("host name '%s' is not a valid internationalised "
		                               "name (%s)"), h, idn2_strerror(rc));
	}
	*out = strdup(a);
	idn2_free(a);
	if (!*out)
		return oom(e);
	ascii_lower(*out);
	return IRD_OK;
}

/* Normalise the host S[0..LEN): brackets hold an IP literal; FLAGS as above. Sets *HOST
 * (lower-case A-labels, no trailing dot or brackets), *IS_IP and *V6. */
static int
norm_host(const char *s, size_t len, unsigned flags, char **host, int *is_ip, int *v6,
          ird_err *e)
{
	char *h = NULL, *a = NULL, what[32], text[INET_ADDRSTRLEN];
	size_t i, k;
	unsigned cp;
	int rc, dot;

	*host = NULL;
	*is_ip = *v6 = 0;
	if (len == 0)
		return ird_fail(e, IRD_EUSAGE, _("empty host name"));
	if (s[0] == '[') {
		if (len < 3 || s[len - 1] != ']')
			return ird_fail(e, IRD_EUSAGE, _("unbalanced '[' in host"));
		if (!(h = dup_range(s + 1, len - 2)))
			return oom(e);
		rc = ip_literal(h, host, v6);
		/* A URL's brackets hold IPv6 only: browsers refuse "http://[1.2.3.4]/". */
		if (rc > 0 && (flags & HOST_PERCENT) && !*v6) {
			free(*host);
			*host = NULL;
			rc = 0;
		}
		if (rc <= 0) {
			rc = rc < 0 ? oom(e)
			            : ird_fail(e, IRD_EUSAGE, _("invalid IP%s address '%s'"),
			                       (flags & HOST_PERCENT) ? "v6" : "", h);
			free(h);
			return rc;
		}
		free(h);
		*is_ip = 1;
		return IRD_OK;
	}
	if (!(h = malloc(len + 1)))
		return oom(e);
	/* Percent-decode (URL hosts); the bytes must still be UTF-8 with no control in it. */
	for (i = k = 0; i < len; i++) {
		if ((flags & HOST_PERCENT) && s[i] == '%' && i + 2 < len && is_hex(s[i + 1]) &&
		    is_hex(s[i + 2])) {
			h[k++] = (char)(hex_val(s[i + 1]) * 16 + hex_val(s[i + 2]));
			i += 2;
		} else {
			h[k++] = s[i];
		}
	}
	h[k] = '\0';
	if (memchr(h, '\0', k) || !utf8_valid_n(h, k)) {
		free(h);
		return ird_fail(e, IRD_EUSAGE, _("host name is not valid UTF-8 once percent-decoded"));
	}
	if (find_space_or_ctl(h, k, &cp)) {
		describe_cp(what, sizeof(what), cp);
		rc = ird_fail(e, IRD_EUSAGE, _("invalid character %s in host name"), what);
		free(h);
		return rc;
	}
	if (strchr(h, ':')) {
		rc = (flags & HOST_BARE_V6) ? ip_literal(h, host, v6) : 0;
		if (rc == 0)
			rc = ird_fail(e, IRD_EUSAGE, _("invalid character ':' in host name"));
		else if (rc < 0)
			rc = oom(e);
		else
			*is_ip = 1, rc = IRD_OK;
		free(h);
		return rc;
	}
	rc = domain_to_ascii(h, &a, e);
	free(h);
	if (rc != IRD_OK)
		return rc;
	if (!*a) {
		free(a);
		return ird_fail(e, IRD_EUSAGE, _("empty host name"));
	}
	if (ends_in_number(a)) {
		rc = ipv4_parse(a, text) == 0 ? IRD_OK
		                              : ird_fail(e, IRD_EUSAGE, _("invalid IPv4 address '%s'"), a);
		free(a);
		if (rc != IRD_OK)
			return rc;
		if (!(*host = strdup(text)))
			return oom(e);
		*is_ip = 1;
		return IRD_OK;
	}
	k = strlen(a);
	dot = k > 1 && a[k - 1] == '.';
	if (dot)
		a[k - 1] = '\0';
	if ((rc = check_labels(a, e)) != IRD_OK) {
		/* A URL's host needs no DNS syntax: a browser takes any name without a forbidden
		 * domain code point ("http://!$&'()*+,-.;=_`{}~/", "http://foo.09../"), kept as
		 * it wrote it (the trailing dot too: "foo.09.." is no DNS name). */
		if (dot)
			a[k - 1] = '.';
		if ((flags & HOST_PERCENT) && strcspn(a, " #%/:<>?@[\\]^|\x7f") == k) {
			*host = a;
			return IRD_OK;
		}
		free(a);
		return rc;
	}
	*host = a;
	return IRD_OK;
}

/* Is H (lower-case ASCII, no trailing dot unless it is no DNS name) a DNS host name? */
static int
is_dns_name(const char *h)
{
	ird_err scratch;

	return check_labels(h, &scratch) == IRD_OK;
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

/* Fill OUT's host fields from the host S[0..LEN); *DISP gets the host for display. */
static int
fill_host(const ioc_normalizer *n, const char *s, size_t len, unsigned flags, ioc_norm *out,
          int *v6, char **disp, ird_err *e)
{
	int rc = norm_host(s, len, flags, &out->host, &out->host_is_ip, v6, e);

	*disp = NULL;
	if (rc != IRD_OK)
		return rc;
	if (!(*disp = out->host_is_ip ? strdup(out->host) : host_display(out->host)))
		return oom(e);
	if (out->host_is_ip || !is_dns_name(out->host))
		return IRD_OK; /* no registrable domain for a host that is no DNS name */
	return registrable(n, out->host, &out->registrable, e);
}

/* ---- one function per indicator type ---- */

static int
norm_domain(const ioc_normalizer *n, const char *s, ioc_norm *out, ird_err *e)
{
	char *disp;
	int v6, rc = fill_host(n, s, strlen(s), HOST_BARE_V6, out, &v6, &disp, e);

	if (rc != IRD_OK)
		return rc;
	if (out->host_is_ip)
		out->type = IOC_IP;
	out->display = disp;
	out->normal = strdup(out->host);
	return out->normal ? IRD_OK : oom(e);
}

static int
norm_ip(const ioc_normalizer *n, const char *s, ioc_norm *out, ird_err *e)
{
	int rc = norm_domain(n, s, out, e);

	if (rc == IRD_OK && !out->host_is_ip)
		return ird_fail(e, IRD_EUSAGE, _("not an IP address: '%s'"), s);
	return rc;
}

static int
norm_email(const ioc_normalizer *n, const char *s, ioc_norm *out, ird_err *e)
{
	size_t len = strlen(s), ats = 0;
	const char *at = NULL, *p;
	char *local, *disp = NULL;
	unsigned cp;
	int v6, rc;

	/* "<user@example.com>" as copied from a header, "mailto:user@example.com" from a link. */
	if (len >= 2 && s[0] == '<' && s[len - 1] == '>')
		s++, len -= 2;
	if (len > 7 && strncasecmp(s, "mailto:", 7) == 0)
		s += 7, len -= 7;
	for (p = s; p < s + len; p++)
		if (*p == '@')
			ats++, at = p;
	if (ats != 1)
		return ird_fail(e, IRD_EUSAGE, _("an e-mail address needs exactly one @ (found %zu)"),
		                ats);
	if (at == s)
		return ird_fail(e, IRD_EUSAGE, _("e-mail address has an empty local part"));
	if (at + 1 == s + len)
		return ird_fail(e, IRD_EUSAGE, _("e-mail address has no domain"));
	if (find_space_or_ctl(s, (size_t)(at - s), &cp))
		return ird_fail(e, IRD_EUSAGE, _("e-mail local part contains a space or control character"));
	if (!(local = dup_range(s, (size_t)(at - s))))
		return oom(e);
	rc = fill_host(n, at + 1, (size_t)(s + len - at - 1), 0, out, &v6, &disp, e);
	if (rc == IRD_OK) {
		/* RFC 5321 address literals are bracketed. */
		if (out->host_is_ip) {
			out->normal = text_asprintf("%s@[%s]", local, out->host);
			out->display = text_asprintf("%s@[%s]", local, disp);
		} else {
			out->normal = text_asprintf("%s@%s", local, out->host);
			out->display = text_asprintf("%s@%s", local, disp);
		}
		rc = out->normal && out->display ? IRD_OK : oom(e);
	}
	free(disp);
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
		if (!is_scheme_char((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The default port of a special scheme, or -1 for any other scheme. */
static int
special_port(const char *scheme)
{
	size_t i;

	for (i = 0; i < N_ELEM(special_schemes); i++)
		if (strcmp(scheme, special_schemes[i].scheme) == 0)
			return special_schemes[i].port;
	return -1;
}

/* "mailto:x@y", "javascript:..." - a scheme without "//", not "host:port". */
static int
opaque_scheme(const char *s)
{
	const char *colon = strchr(s, ':');

	return colon && valid_scheme(s, (size_t)(colon - s)) &&
	       !(colon[1] >= '0' && colon[1] <= '9') && strcspn(s, "/?#@.") > (size_t)(colon - s);
}

/* Split off the scheme of S: *SCHEME (malloc'd, lower-case; "http" when absent), whether
 * it is special, and the authority onward in *REST. A special scheme is followed by any
 * mix of up to two '/' and '\', as browsers read "http:\\host" and "http:host". */
static int
split_scheme(const char *s, char **scheme, int *special, const char **rest, ird_err *e)
{
	size_t n = scheme_len(s), slashes;
	const char *sep = strstr(s, "://");

	*scheme = NULL;
	*special = 1;
	if (n > 0 && s[n] == ':') {
		char *name = dup_range(s, n);

		if (!name)
			return oom(e);
		ascii_lower(name);
		if (special_port(name) >= 0) {
			const char *p = s + n + 1;

			for (slashes = 0; p[slashes] == '/' || p[slashes] == '\\'; slashes++)
				;
			if (slashes > 2) {
				free(name);
				return ird_fail(e, IRD_EUSAGE, _("URL has no host"));
			}
			*scheme = name;
			*rest = p + slashes;
			return IRD_OK;
		}
		if (strncmp(s + n + 1, "//", 2) == 0) {
			*scheme = name;
			*special = 0;
			*rest = s + n + 3;
			return IRD_OK;
		}
		free(name);
	}
	/* "://" counts only before any other '/': "evil.com/r?u=http://x" has no scheme. */
	if (sep && strchr(s, '/') == sep + 1)
		return ird_fail(e, IRD_EUSAGE, _("invalid URL scheme '%.*s'"), (int)(sep - s), s);
	if (opaque_scheme(s))
		return ird_fail(e, IRD_EUSAGE, _("not a URL with a host: '%.*s' has no '//'"),
		                (int)(strchr(s, ':') - s + 1), s);
	*scheme = strdup("http");
	*rest = strncmp(s, "//", 2) == 0 ? s + 2 : s;
	return *scheme ? IRD_OK : oom(e);
}

/* Parse the decimal port S[0..LEN) into *PORT (0-65535: a browser takes port 0 too). */
static int
parse_port(const char *s, size_t len, int *port, ird_err *e)
{
	long v = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return ird_fail(e, IRD_EUSAGE, _("invalid port '%.*s'"), (int)len, s);
		v = v * 10 + (s[i] - '0');
		if (v > 65535)
			break;
	}
	if (v > 65535)
		return ird_fail(e, IRD_EUSAGE, _("invalid port '%.*s' (must be 0-65535)"), (int)len, s);
	*port = (int)v;
	return IRD_OK;
}

/* Split AUTH[0..LEN) into userinfo, host and port; fill OUT's host fields. */
static int
norm_authority(const ioc_normalizer *n, const char *auth, size_t len, ioc_norm *out, int *v6,
               char **disp, ird_err *e)
{
	const char *at = NULL, *hp, *colon = NULL, *p;
	size_t hlen;
	int rc, inside = 0;

	*disp = NULL;
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
	/* The first ':' outside brackets starts the port. */
	for (p = hp; p < hp + hlen && !colon; p++) {
		if (*p == '[')
			inside = 1;
		else if (*p == ']')
			inside = 0;
		else if (*p == ':' && !inside)
			colon = p;
	}
	if (hlen > 0 && hp[0] == '[') {
		const char *close = memchr(hp, ']', hlen);

		if (!close)
			return ird_fail(e, IRD_EUSAGE, _("unbalanced '[' in URL host"));
		if (close + 1 < hp + hlen && close[1] != ':')
			return ird_fail(e, IRD_EUSAGE, _("unexpected text after ']' in URL host"));
	}
	if (colon) {
		size_t plen = (size_t)(hp + hlen - colon - 1);

		/* An empty port ("host:/") means no port, as in the WHATWG URL standard. */
		if (plen > 0 && (rc = parse_port(colon + 1, plen, &out->port, e)) != IRD_OK)
			return rc;
		out->has_port = plen > 0;
		hlen = (size_t)(colon - hp);
	}
	if (hlen == 0)
		return ird_fail(e, IRD_EUSAGE, _("URL has no host"));
	return fill_host(n, hp, hlen, HOST_PERCENT, out, v6, disp, e);
}

/* Add S[0..LEN) to B, percent-encoding controls, spaces, non-ASCII and the bytes of SET. */
static void
add_encoded(struct buf *b, const char *s, size_t len, const char *set)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c >= 0x7F || strchr(set, c)) {
			char esc[3] = {'%', hex[c >> 4], hex[c & 15]};

			buf_add(b, esc, 3);
		} else {
			buf_addc(b, (char)c);
		}
	}
}

/* Is the path segment S[0..LEN) "." or ".." (a dot may be written %2e, as the URL
 * Standard counts them)? The number of dots, else 0. */
static int
dot_segment(const char *s, size_t len)
{
	size_t i = 0;
	int dots = 0;

	while (i < len) {
		if (s[i] == '.')
			i++;
		else if (i + 3 <= len && s[i] == '%' && s[i + 1] == '2' && (s[i + 2] | 0x20) == 'e')
			i += 3;
		else
			return 0;
		if (++dots > 2)
			return 0;
	}
	return dots;
}

/* Add the path P[0..PLEN) of a special URL to B as a browser requests it: '\' is '/',
 * "." and ".." segments are resolved, the rest percent-encoded. */
static void
add_special_path(struct buf *b, const char *p, size_t plen)
{
	size_t *starts = malloc((plen + 1) * sizeof(*starts)), nseg = 0, i, j;

	if (!starts) {
		b->oom = 1;
		return;
	}
	i = plen > 0 && (p[0] == '/' || p[0] == '\\');
	for (;;) {
		int last, dots;

		for (j = i; j < plen && p[j] != '/' && p[j] != '\\'; j++)
			;
		last = j == plen;
		dots = dot_segment(p + i, j - i);
		if (dots == 2 && nseg > 0 && !b->oom)
			b->len = starts[--nseg], b->p[b->len] = '\0';
		if (dots == 0 || last) {
			starts[nseg++] = b->len;
			buf_addc(b, '/');
			if (dots == 0)
				add_encoded(b, p + i, j - i, "\"<>`{}^");
		}
		if (last)
			break;
		i = j + 1;
	}
	free(starts);
}

/* The path, query and fragment P as a browser sends them ("/" when the path is empty). */
static char *
norm_path(const char *p, int special)
{
	size_t plen = strcspn(p, "?#"), qlen;
	struct buf b = {0};

	if (special) {
		add_special_path(&b, p, plen);
	} else {
		if (plen == 0 || p[0] != '/')
			buf_addc(&b, '/');
		add_encoded(&b, p, plen, "\"<>`{}^");
	}
	p += plen;
	if (*p == '?') {
		qlen = strcspn(p, "#");
		buf_addc(&b, '?');
		add_encoded(&b, p + 1, qlen - 1, special ? "\"<>'" : "\"<>");
		p += qlen;
	}
	if (*p == '#') {
		buf_addc(&b, '#');
		add_encoded(&b, p + 1, strlen(p + 1), "\"<>`");
	}
	return buf_take(&b);
}

static int
norm_url(const ioc_normalizer *n, const char *s, ioc_norm *out, ird_err *e)
{
	const char *rest = NULL;
	size_t alen;
	char port[8] = "", *disp = NULL;
	int v6 = 0, special, rc;

	if ((rc = split_scheme(s, &out->scheme, &special, &rest, e)) != IRD_OK)
		return rc;
	alen = strcspn(rest, special ? "/?#\\" : "/?#");
	if ((rc = norm_authority(n, rest, alen, out, &v6, &disp, e)) != IRD_OK) {
		free(disp);
		return rc;
	}
	if (!(out->path = norm_path(rest + alen, special))) {
		free(disp);
		return oom(e);
	}
	if (out->has_port && out->port != special_port(out->scheme))
		snprintf(port, sizeof(port), ":%d", out->port);
	out->normal = text_asprintf("%s://%s%s%s%s%s", out->scheme, v6 ? "[" : "", out->host,
	                         v6 ? "]" : "", port, out->path);
	out->display = text_asprintf("%s://%s%s%s%s%s", out->scheme, v6 ? "[" : "", disp,
	                          v6 ? "]" : "", port, out->path);
	free(disp);
	return out->normal && out->display ? IRD_OK : oom(e);
}

static int
norm_hash(ioc_type type, const char *s, ioc_norm *out, ird_err *e)
{
	static const char *const label[] = {[IOC_SHA256] = "a SHA-256", [IOC_SHA1] = "a SHA-1",
	                                    [IOC_MD5] = "an MD5"};
	size_t want = type == IOC_SHA256 ? 64 : type == IOC_SHA1 ? 40 : 32;
	size_t i, len = strlen(s);
	char what[32];

	for (i = 0; i < len; i++) {
		if (!is_hex(s[i])) {
			describe_cp(what, sizeof(what), (unsigned char)s[i]);
			return ird_fail(e, IRD_EUSAGE, _("not %s: %s at position %zu is not a hex digit"),
			                label[type], what, i + 1);
		}
	}
	if (len != want)
		return ird_fail(e, IRD_EUSAGE, _("not %s: %zu hex digits (%zu expected)"), label[type],
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

/* A Message-ID (RFC 5322 msg-id): the angle brackets dropped, the left part as written
 * (it is case-sensitive), the part after the last '@' (a domain) lower-cased. */
static int
norm_message_id(const char *s, ioc_norm *out, ird_err *e)
{
	size_t len = strlen(s);
	char what[32], *at;
	unsigned cp;

	if (len >= 2 && s[0] == '<' && s[len - 1] == '>')
		s++, len -= 2;
	if (len == 0)
		return ird_fail(e, IRD_EUSAGE, _("empty Message-ID"));
	if (find_space_or_ctl(s, len, &cp)) {
		describe_cp(what, sizeof(what), cp);
		return ird_fail(e, IRD_EUSAGE, _("invalid character %s in Message-ID"), what);
	}
	if (memchr(s, '<', len) || memchr(s, '>', len))
		return ird_fail(e, IRD_EUSAGE,
		                _("a Message-ID is one <id@domain>: '<' or '>' inside"));
	if (!(out->normal = dup_range(s, len)))
		return oom(e);
	if ((at = strrchr(out->normal, '@')))
		ascii_lower(at + 1);
	return IRD_OK;
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
		return ird_fail(e, IRD_EFAIL, _("no Public Suffix List available (install publicsuffix)"));
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
	free(out->display);
	free(out->host);
	free(out->registrable);
	free(out->scheme);
	free(out->userinfo);
	free(out->path);
	memset(out, 0, sizeof(*out));
}

/* Dispatch on the type once RAW is trimmed, checked, folded and refanged. */
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
	case IOC_MESSAGE_ID:
		return norm_message_id(s, out, e);
	default:
		return ird_fail(e, IRD_EUSAGE, _("unknown indicator type %d"), (int)type);
	}
}

/* A URL without its ASCII tabs and newlines, as browsers read it. */
static void
drop_tabs(char *s)
{
	char *o = s;

	for (; *s; s++)
		if (*s != '\t' && *s != '\n' && *s != '\r')
			*o++ = *s;
	*o = '\0';
}

/* Fold (when FOLD) and refang the trimmed value T of TYPE into *OUT (T itself for text
 * types). */
static int
prepare(ioc_type type, const char *t, int fold, char **out, ird_err *e)
{
	char *f;
	int rc;

	*out = NULL;
	switch (type) {
	case IOC_URL:
		f = fold ? fold_url(t) : strdup(t);
		if (!f)
			return oom(e);
		drop_tabs(f);
		rc = refang_url(f, out, e);
		free(f);
		return rc;

	case IOC_EMAIL:
	case IOC_DOMAIN:
	case IOC_IP:
		if (!(f = fold_all(t)))
			return oom(e);
		*out = refang_plain(f, type == IOC_EMAIL ? SEP_DOT | SEP_AT : SEP_DOT);
		free(f);
		return *out ? IRD_OK : oom(e);
	default:
		/* Subjects and file names are text: "[.]" in them is meant literally. */
		*out = strdup(t);
		return *out ? IRD_OK : oom(e);
	}
}

/* Prepare the trimmed value T (folded when FOLD) and normalise it into OUT. */
static int
normalize_prepared(const ioc_normalizer *n, ioc_type type, const char *t, int fold,
                   ioc_norm *out, ird_err *e)
{
	char *clean;
	int rc = prepare(type, t, fold, &clean, e);

	if (rc != IRD_OK)
		return rc;
	out->type = type;
	if (!*clean)
		rc = ird_fail(e, IRD_EUSAGE, _("empty %s"), ioc_type_name(type));
	else
		rc = normalize_clean(n, type, clean, out, e);
	free(clean);
	if (rc == IRD_OK && !out->display && !(out->display = strdup(out->normal)))
		rc = oom(e);
	if (rc != IRD_OK) {
		ioc_norm_free(out);
		out->type = type;
	}
	return rc;
}

/* Normalise the trimmed value T of TYPE into OUT. */
static int
normalize_trimmed(const ioc_normalizer *n, ioc_type type, const char *t, ioc_norm *out,
                  ird_err *e)
{
	int rc = IRD_EUSAGE;

	/* A URL a browser reads as it was typed is read that way, full-width characters and
	 * all ("http://evil.example.net／@good.example.com/" goes to good.example.com): the
	 * full-width reading is only for what a browser cannot read. */
	if (type == IOC_URL && has_non_ascii(t))
		rc = normalize_prepared(n, type, t, 0, out, NULL);
	if (rc != IRD_OK)
		rc = normalize_prepared(n, type, t, 1, out, e);
	return rc;
}

/* Does the URL S (a normal or display form of A) normalise back to A's normal form and
 * host? A host that is no DNS name may hold brackets the refanging would read. */
static int
reads_back(const ioc_normalizer *n, const char *s, const ioc_norm *a)
{
	ioc_norm b;
	int ok;

	memset(&b, 0, sizeof(b));
	ok = normalize_trimmed(n, IOC_URL, s, &b, NULL) == IRD_OK && b.normal && b.host &&
	     strcmp(b.normal, a->normal) == 0 && strcmp(b.host, a->host) == 0;
	ioc_norm_free(&b);
	return ok;
}

int
ioc_normalize(const ioc_normalizer *n, ioc_type type, const char *raw, ioc_norm *out,
              ird_err *e)
{
	char *trimmed;
	int rc;

	memset(out, 0, sizeof(*out));
	out->type = type;
	if ((int)type < 0 || type >= IOC_TYPE_COUNT)
		return ird_fail(e, IRD_EUSAGE, _("unknown indicator type %d"), (int)type);
	if (!raw)
		return ird_fail(e, IRD_EUSAGE, _("empty %s"), ioc_type_name(type));
	if (strlen(raw) > MAX_VALUE)
		return ird_fail(e, IRD_EUSAGE, _("%s longer than %d bytes"), ioc_type_name(type),
		                MAX_VALUE);
	if (!utf8_valid(raw))
		return ird_fail(e, IRD_EUSAGE, _("%s is not valid UTF-8"), ioc_type_name(type));
	trimmed = trim_dup(raw);
	if (!trimmed)
		return oom(e);
	if (!*trimmed) {
		free(trimmed);
		return ird_fail(e, IRD_EUSAGE, _("empty %s"), ioc_type_name(type));
	}
	rc = normalize_trimmed(n, type, trimmed, out, e);
	free(trimmed);
	if (rc == IRD_OK && type == IOC_URL && out->host && !out->host_is_ip &&
	    !is_dns_name(out->host) &&
	    (!reads_back(n, out->normal, out) || !reads_back(n, out->display, out))) {
		rc = ird_fail(e, IRD_EUSAGE, _("URL host '%s' is no DNS name and would not read "
		                               "the same once written out (brackets in it?)"),
		              out->host);
		ioc_norm_free(out);
		out->type = type;
	}
	return rc;
}

char *
ioc_registrable_of(const ioc_normalizer *n, const char *host)
{
	char *t, *f, *h = NULL, *r = NULL, *u;
	int is_ip, v6;

	if (!host || !utf8_valid(host) || !(t = trim_dup(host)))
		return NULL;
	f = fold_all(t);
	free(t);
	if (!f)
		return NULL;
	if (norm_host(f, strlen(f), HOST_BARE_V6, &h, &is_ip, &v6, NULL) == IRD_OK && !is_ip)
		(void)registrable(n, h, &r, NULL); /* r stays NULL when out of memory */
	/* Answer in the form asked: Unicode for a Unicode name. */
	if (r && has_non_ascii(f)) {
		u = host_display(r);
		free(r);
		r = u;
	}
	free(h);
	free(f);
	return r;
}

/* Does S look like a host name with a dot, or an IP literal? */
static int
looks_like_host(const char *s, size_t len, int *is_ip)
{
	char *h = NULL;
	int v6, ok;

	*is_ip = 0;
	ok = norm_host(s, len, HOST_BARE_V6, &h, is_ip, &v6, NULL) == IRD_OK &&
	     (*is_ip || strchr(h, '.'));
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

/* Does S start with a scheme and its separator, plain or defanged? */
static int
has_url_scheme(const char *s)
{
	const char *sep = strstr(s, "://");
	struct buf b = {0};
	size_t n = refang_scheme(&b, s), sl;
	char *name;
	int special;

	free(buf_take(&b));
	if (n > 0)
		return 1;
	if (sep && strchr(s, '/') == sep + 1 && valid_scheme(s, (size_t)(sep - s)))
		return 1;
	/* "http:\\host", "http:/host": a special scheme reads any slashes. */
	if ((sl = scheme_len(s)) == 0 || s[sl] != ':' || (s[sl + 1] != '/' && s[sl + 1] != '\\'))
		return 0;
	if (!(name = dup_range(s, sl)))
		return 0;
	ascii_lower(name);
	special = special_port(name) >= 0;
	free(name);
	return special;
}

static int
guess_clean(const char *s, ioc_type *out)
{
	size_t len = strlen(s), hexlen = strspn(s, "0123456789abcdefABCDEF"), alen;
	char *mail = NULL, *host = NULL, *url = NULL, *at;
	int is_ip, rc = IRD_OK;

	if (len > 2 && s[0] == '<' && s[len - 1] == '>' && strchr(s, '@') &&
	    !strpbrk(s + 1, "< \t") && strchr(s, '>') == s + len - 1) {
		*out = IOC_MESSAGE_ID; /* "<id@domain>", as a Received or Message-ID header has it */
	} else if (has_url_scheme(s)) {
		*out = IOC_URL; /* before '@': a URL may carry userinfo */
	} else if ((mail = refang_plain(s, SEP_DOT | SEP_AT)) && (at = strchr(mail, '@')) &&
	           (strchr(s, '@') || looks_like_host(at + 1, strlen(at + 1), &is_ip))) {
		*out = IOC_EMAIL; /* "meet at noon" is no address: "user at example dot com" is */
	} else if (hexlen == len && (len == 64 || len == 40 || len == 32)) {
		*out = len == 64 ? IOC_SHA256 : len == 40 ? IOC_SHA1 : IOC_MD5;
	} else if ((host = refang_plain(s, SEP_DOT)) && looks_like_host(host, strlen(host), &is_ip)) {
		*out = is_ip ? IOC_IP : IOC_DOMAIN;
	} else if (refang_url(s, &url, NULL) == IRD_OK && (alen = strcspn(url, "/?#\\")) > 0 &&
	           looks_like_host(url, host_len(url, alen), &is_ip)) {
		*out = IOC_URL; /* "evil.example.com/path", "evil.example.com:8080" */
	} else {
		rc = IRD_EUSAGE;
	}
	free(mail);
	free(host);
	free(url);
	return rc;
}

int
ioc_guess_type(const char *raw, ioc_type *out)
{
	char *t, *s;
	int rc;

	if (!raw || strlen(raw) > MAX_VALUE || !utf8_valid(raw) || !(t = trim_dup(raw)))
		return IRD_EUSAGE;
	s = fold_all(t);
	free(t);
	if (!s)
		return IRD_EUSAGE;
	drop_tabs(s);
	rc = *s ? guess_clean(s, out) : IRD_EUSAGE;
	free(s);
	return rc;
}
