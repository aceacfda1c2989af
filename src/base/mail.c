/* mail.c - a reported mail read through GMime 3 into a plain struct. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmime/gmime.h>
#include <openssl/evp.h>

#include "base/i18n.h"
#include "base/mail.h"

#define MAIL_MAX_DEPTH 8  /* message/rfc822 inside message/rfc822... */
#define MAIL_MAX_ADDRS 20 /* per header */

const char *
mail_addr_kind_name(mail_addr_kind k)
{
	switch (k) {
	case MAIL_FROM: return "From";
	case MAIL_SENDER: return "Sender";
	case MAIL_REPLY_TO: return "Reply-To";
	case MAIL_RETURN_PATH: return "Return-Path";
	}
	return "?";
}

const char *
mail_url_where_name(mail_url_where w)
{
	switch (w) {
	case MAIL_URL_TEXT: return "text";
	case MAIL_URL_HREF: return "html href";
	case MAIL_URL_HTML_TEXT: return "html text";
	}
	return "?";
}

void
mail_info_free(mail_info *m)
{
	if (!m)
		return;
	free(m->subject);
	free(m->message_id);
	free(m->origin_ip);
	free(m->origin_received);
	for (size_t i = 0; i < m->naddrs; i++) {
		free(m->addrs[i].addr);
		free(m->addrs[i].name);
	}
	free(m->addrs);
	for (size_t i = 0; i < m->nurls; i++) {
		free(m->urls[i].url);
		free(m->urls[i].href);
	}
	free(m->urls);
	for (size_t i = 0; i < m->natts; i++) {
		free(m->atts[i].filename);
		free(m->atts[i].content_type);
	}
	free(m->atts);
	memset(m, 0, sizeof(*m));
}

static char *
dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

/* ---- URLs in text ---- */

/* Schemes (lower-cased, brackets dropped) taken as URL schemes: the real
 * ones and the defanged spellings reports use. */
static const char *const SCHEMES[] = {
	"http", "https", "hxxp", "hxxps", "hxtp", "hxtps", "htxp", "htxps", "h**p", "h**ps",
	"hxxxp", "hxxxps", "h__p", "h__ps", "ftp", "ftps", "fxp", "fxps", "ftx", "sftp", NULL,
};

/* Length of a scheme separator at P ("://", "[://]", "[:]//", ":\\"), or 0. */
static size_t
separator_at(const char *p, const char *end)
{
	static const char *const SEPS[] = { "[://]", "[:]//", "(://)", "://", ":\\\\", NULL };

	for (size_t i = 0; SEPS[i]; i++) {
		size_t n = strlen(SEPS[i]);

		if ((size_t)(end - p) >= n && memcmp(p, SEPS[i], n) == 0)
			return n;
	}
	return 0;
}

static int
scheme_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '*' || ch == '_' ||
	       ch == '[' || ch == ']';
}

/* Whether [S, S+N) (brackets dropped, any case) is one of SCHEMES. */
static int
known_scheme(const char *s, size_t n)
{
	char buf[16];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '[' || s[i] == ']')
			continue;
		if (k + 1 >= sizeof(buf))
			return 0;
		buf[k++] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i]);
	}
	buf[k] = '\0';
	for (size_t i = 0; SCHEMES[i]; i++)
		if (strcmp(buf, SCHEMES[i]) == 0)
			return 1;
	return 0;
}

/* Bytes of a character that ends a URL at P: ASCII blanks, quotes, <>,
 * CJK punctuation (U+3000-U+303F: 、。「」...) and the full-width ( ) , < >. */
static size_t
url_stop(const unsigned char *p, const unsigned char *end)
{
	if (*p <= ' ' || *p == 0x7f || *p == '"' || *p == '\'' || *p == '<' || *p == '>' ||
	    *p == '`')
		return 1;
	if (end - p >= 3 && p[0] == 0xe3 && p[1] == 0x80)
		return 3;
	if (end - p >= 3 && p[0] == 0xef && p[1] == 0xbc &&
	    (p[2] == 0x88 || p[2] == 0x89 || p[2] == 0x8c || p[2] == 0x9c || p[2] == 0x9e))
		return 3;
	return 0;
}

/* Drop trailing punctuation that belongs to the sentence, not the URL. */
static size_t
trim_url(const char *s, size_t n)
{
	while (n > 0) {
		char ch = s[n - 1];

		if (ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '!' || ch == '?')
			n--;
		else if (ch == ')' && !memchr(s, '(', n))
			n--;
		else if (ch == ']' && !memchr(s, '[', n - 1))
			n--;
		else
			break;
	}
	return n;
}

/* A key for (url, where, href) in the seen-set. */
static char *
url_key(const char *url, size_t n, mail_url_where where, const char *href)
{
	char *k = NULL;

	if (asprintf(&k, "%d\x1f%.*s\x1f%s", (int)where, (int)n, url, href ? href : "") < 0)
		return NULL;
	return k;
}

typedef struct url_set {
	mail_url **urls;
	size_t *n;
	GHashTable *seen; /* keys owned */
} url_set;

static int
url_add(url_set *set, const char *url, size_t len, mail_url_where where, const char *href,
        ird_err *e)
{
	char *key = url_key(url, len, where, href);
	mail_url *grown, *u;

	if (!key)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (g_hash_table_contains(set->seen, key)) {
		free(key);
		return IRD_OK;
	}
	if (*set->n >= MAIL_MAX_URLS) {
		free(key);
		return ird_fail(e, IRD_EUSAGE, _("the mail has more than %d distinct URLs (the limit)"),
		                MAIL_MAX_URLS);
	}
	g_hash_table_add(set->seen, key);
	if (!(grown = realloc(*set->urls, (*set->n + 1) * sizeof(**set->urls))))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	*set->urls = grown;
	u = &grown[*set->n];
	memset(u, 0, sizeof(*u));
	u->where = where;
	if (!(u->url = strndup(url, len)) || (href && !(u->href = strdup(href)))) {
		free(u->url);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	(*set->n)++;
	return IRD_OK;
}

static void
set_free_key(gpointer p)
{
	free(p);
}

static int
scan_into(url_set *set, const char *text, size_t len, mail_url_where where, const char *href,
          ird_err *e)
{
	const char *end = text + len;

	for (const char *p = text; p < end; p++) {
		size_t sep = *p == ':' || *p == '[' || *p == '(' ? separator_at(p, end) : 0;
		const char *start = p, *q;
		size_t n, stop = 0;
		int rc;

		if (!sep)
			continue;
		while (start > text && start - 1 >= text && scheme_char(start[-1]) && p - start < 12)
			start--;
		/* "[hxxp]://" is a scheme in brackets; a "[" before a plain scheme is not ours. */
		while (start < p && !known_scheme(start, (size_t)(p - start)))
			start++;
		if (start == p)
			continue;
		for (q = p + sep; q < end && !(stop = url_stop((const unsigned char *)q,
		                                               (const unsigned char *)end)); q++)
			;
		n = trim_url(start, (size_t)(q - start));
		if (n <= (size_t)(p - start) + sep) {
			p += sep - 1;
			continue;
		}
		if ((rc = url_add(set, start, n, where, href, e)) != IRD_OK)
			return rc;
		p = start + n - 1;
	}
	return IRD_OK;
}

/* The seen-set of ARRAY, rebuilt (the array may already hold URLs). */
static GHashTable *
seen_of(mail_url *urls, size_t n)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, set_free_key, NULL);

	for (size_t i = 0; i < n; i++) {
		char *k = url_key(urls[i].url, strlen(urls[i].url), urls[i].where, urls[i].href);

		if (k)
			g_hash_table_add(h, k);
	}
	return h;
}

int
mail_scan_text(const char *text, size_t len, mail_url_where where, const char *href,
               mail_url **urls, size_t *n, ird_err *e)
{
	url_set set = { urls, n, seen_of(*urls, *n) };
	int rc = scan_into(&set, text, len, where, href, e);

	g_hash_table_destroy(set.seen);
	return rc;
}

/* ---- HTML ---- */

/* Decode the entities of [S, S+N) that matter for URLs and text onto OUT. */
static void
append_decoded(GString *out, const char *s, size_t n)
{
	static const struct { const char *name; const char *text; } ENT[] = {
		{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
		{ "nbsp", " " }, { "sol", "/" }, { "colon", ":" }, { "period", "." },
		{ "lbrack", "[" }, { "rbrack", "]" }, { NULL, NULL },
	};
	const char *end = s + n;

	while (s < end) {
		const char *semi;
		size_t k;

		if (*s != '&' || !(semi = memchr(s, ';', (size_t)(end - s))) || semi - s > 10) {
			g_string_append_c(out, *s++);
			continue;
		}
		k = (size_t)(semi - s - 1);
		if (k > 1 && s[1] == '#') {
			char *stop;
			unsigned long cp = (s[2] == 'x' || s[2] == 'X') ? strtoul(s + 3, &stop, 16)
			                                               : strtoul(s + 2, &stop, 10);

			if (stop == semi && cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)) {
				g_string_append_unichar(out, (gunichar)cp);
				s = semi + 1;
				continue;
			}
		} else {
			int done = 0;

			for (size_t i = 0; ENT[i].name; i++) {
				if (strlen(ENT[i].name) == k && strncasecmp(s + 1, ENT[i].name, k) == 0) {
					g_string_append(out, ENT[i].text);
					s = semi + 1;
					done = 1;
					break;
				}
			}
			if (done)
				continue;
		}
		g_string_append_c(out, *s++);
	}
}

/* Tags that do not break the text they sit in. */
static int
inline_tag(const char *name, size_t n)
{
	static const char *const INLINE[] = { "a", "b", "i", "u", "s", "em", "strong", "span",
	                                      "font", "small", "big", "wbr", "code", "tt", "sub",
	                                      "sup", "mark", NULL };

	for (size_t i = 0; INLINE[i]; i++)
		if (strlen(INLINE[i]) == n && strncasecmp(name, INLINE[i], n) == 0)
			return 1;
	return 0;
}

/* The value of attribute ATTR in the tag body [P, END), decoded, or NULL. */
static char *
tag_attr(const char *p, const char *end, const char *attr)
{
	size_t an = strlen(attr);

	while (p < end) {
		const char *name, *v, *ve;
		size_t nn;

		while (p < end && (g_ascii_isspace(*p) || *p == '/'))
			p++;
		name = p;
		while (p < end && !g_ascii_isspace(*p) && *p != '=' && *p != '>' && *p != '/')
			p++;
		nn = (size_t)(p - name);
		while (p < end && g_ascii_isspace(*p))
			p++;
		if (p >= end || *p != '=') {
			if (p == name)
				p++;
			continue;
		}
		p++;
		while (p < end && g_ascii_isspace(*p))
			p++;
		if (p < end && (*p == '"' || *p == '\'')) {
			char q = *p++;

			v = p;
			while (p < end && *p != q)
				p++;
			ve = p;
			if (p < end)
				p++;
		} else {
			v = p;
			while (p < end && !g_ascii_isspace(*p) && *p != '>')
				p++;
			ve = p;
		}
		if (nn == an && strncasecmp(name, attr, an) == 0) {
			GString *out = g_string_new(NULL);
			char *r;

			append_decoded(out, v, (size_t)(ve - v));
			g_strstrip(out->str);
			r = strdup(out->str);
			g_string_free(out, TRUE);
			return r;
		}
	}
	return NULL;
}

/* Skip from P past the closing tag </NAME>, or to END. */
static const char *
skip_element(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);

	for (; p + n + 2 < end; p++)
		if (p[0] == '<' && p[1] == '/' && strncasecmp(p + 2, name, n) == 0)
			return p;
	return end;
}

/* Scan one HTML document: every href/src/action value with a scheme, the
 * text it shows (with the href of the link it sits in) and the rest. */
static int
scan_html(url_set *set, const char *html, size_t len, ird_err *e)
{
	const char *p = html, *end = html + len;
	GString *text = g_string_new(NULL), *link = g_string_new(NULL);
	char *href = NULL;
	int rc = IRD_OK, in_link = 0;

	while (p < end && rc == IRD_OK) {
		const char *lt = memchr(p, '<', (size_t)(end - p)), *gt, *name;
		size_t nn;

		if (!lt)
			lt = end;
		append_decoded(in_link ? link : text, p, (size_t)(lt - p));
		if (lt == end)
			break;
		if ((size_t)(end - lt) >= 4 && memcmp(lt, "<!--", 4) == 0) {
			const char *c = g_strstr_len(lt + 4, end - lt - 4, "-->");

			p = c ? c + 3 : end;
			continue;
		}
		if (!(gt = memchr(lt, '>', (size_t)(end - lt))))
			gt = end;
		name = lt + 1 + (lt[1] == '/');
		for (nn = 0; name + nn < gt && g_ascii_isalnum(name[nn]); nn++)
			;
		if (lt[1] != '/') {
			static const char *const ATTRS[] = { "href", "src", "action", NULL };

			for (size_t i = 0; ATTRS[i] && rc == IRD_OK; i++) {
				char *v = tag_attr(name + nn, gt, ATTRS[i]);

				if (v && strstr(v, ":"))
					rc = scan_into(set, v, strlen(v), MAIL_URL_HREF, NULL, e);
				if (nn == 1 && (*name == 'a' || *name == 'A') && i == 0) {
					free(href);
					href = v;
					in_link = 1;
					g_string_truncate(link, 0);
					v = NULL;
				}
				free(v);
			}
		}
		p = gt < end ? gt + 1 : end;
		if (lt[1] != '/' && ((nn == 6 && strncasecmp(name, "script", 6) == 0) ||
		                     (nn == 5 && strncasecmp(name, "style", 5) == 0))) {
			char tag[8];

			snprintf(tag, sizeof(tag), "%.*s", (int)nn, name);
			p = skip_element(p, end, tag);
		}
		if (lt[1] == '/' && nn == 1 && (*name == 'a' || *name == 'A') && in_link) {
			rc = scan_into(set, link->str, link->len, MAIL_URL_HTML_TEXT,
			               href && *href ? href : NULL, e);
			g_string_append_c(text, ' ');
			in_link = 0;
		} else if (!inline_tag(name, nn)) {
			g_string_append_c(in_link ? link : text, ' ');
		}
	}
	if (rc == IRD_OK && in_link)
		rc = scan_into(set, link->str, link->len, MAIL_URL_HTML_TEXT, href, e);
	if (rc == IRD_OK)
		rc = scan_into(set, text->str, text->len, MAIL_URL_HTML_TEXT, NULL, e);
	free(href);
	g_string_free(text, TRUE);
	g_string_free(link, TRUE);
	return rc;
}

/* ---- charsets ---- */

/* Convert LEN bytes of CHARSET to UTF-8 exactly (iconv), trying the
 * vendor supersets mail really uses when the strict table refuses a byte
 * (CP932 for Shift_JIS, CP51932/EUC-JP-MS for EUC-JP, ISO-2022-JP-3...).
 * NULL when none converts the whole text. */
static char *
to_utf8(const char *s, size_t len, const char *charset)
{
	static const char *const ALT[][4] = {
		{ "shift_jis", "SHIFT_JIS", "CP932", NULL },
		{ "sjis", "SHIFT_JIS", "CP932", NULL },
		{ "x-sjis", "SHIFT_JIS", "CP932", NULL },
		{ "windows-31j", "CP932", NULL, NULL },
		{ "euc-jp", "EUC-JP", "EUC-JP-MS", NULL },
		{ "iso-2022-jp", "ISO-2022-JP", "ISO-2022-JP-3", "CP50221" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *const *tries = NULL;
	const char *one[2] = { charset, NULL };

	if (len == 0)
		return strdup("");
	if (!charset || !*charset || g_ascii_strcasecmp(charset, "utf-8") == 0 ||
	    g_ascii_strcasecmp(charset, "us-ascii") == 0) {
		if (g_utf8_validate(s, (gssize)len, NULL))
			return strndup(s, len);
		charset = NULL;
	}
	for (size_t i = 0; charset && ALT[i][0]; i++)
		if (g_ascii_strcasecmp(charset, ALT[i][0]) == 0)
			tries = &ALT[i][1];
	if (!tries)
		tries = one;
	for (size_t i = 0; i < 3 && tries[i]; i++) {
		gsize out_len = 0;
		char *g = g_convert(s, (gssize)len, "UTF-8", g_mime_charset_iconv_name(tries[i]), NULL,
		                    &out_len, NULL);
		char *r;

		if (!g)
			continue;
		r = strndup(g, out_len);
		g_free(g);
		return r;
	}
	return NULL;
}

/* A header value GMime decoded: raw ISO-2022-JP (escape sequences left in
 * a header without encoded words, as many Japanese mailers send) is
 * converted too. Returns malloc'd or NULL. */
static char *
header_text(const char *decoded)
{
	char *r;

	if (!decoded || !*decoded)
		return NULL;
	if (strchr(decoded, '\x1b') && (r = to_utf8(decoded, strlen(decoded), "iso-2022-jp")))
		return r;
	return strdup(decoded);
}

/* Text outside encoded words, in whatever the mailer used: ISO-2022-JP
 * escapes, UTF-8, else EUC-JP or Shift_JIS (CP932). NULL if none fits. */
static char *
raw_text(const char *s, size_t n)
{
	static const char *const TRY[] = { "euc-jp", "shift_jis", NULL };
	char *r;

	if (memchr(s, '\x1b', n) && (r = to_utf8(s, n, "iso-2022-jp")))
		return r;
	if (g_utf8_validate(s, (gssize)n, NULL))
		return strndup(s, n);
	for (size_t i = 0; TRY[i]; i++)
		if ((r = to_utf8(s, n, TRY[i])))
			return r;
	return NULL;
}

/* One RFC 2047 encoded word at P: its charset (language dropped) into CS,
 * its bytes appended to OUT; *END after it. 0 if P is not one. */
static int
encoded_word(const char *p, char *cs, size_t cslen, GByteArray *out, const char **end)
{
	const char *q1, *q2, *q3, *star;
	size_t n;

	if (p[0] != '=' || p[1] != '?' || !(q1 = strchr(p + 2, '?')) || !q1[1] || q1[2] != '?' ||
	    !(q3 = strstr(q1 + 3, "?=")))
		return 0;
	q2 = q1 + 1;
	n = (size_t)(q1 - (p + 2));
	if ((star = memchr(p + 2, '*', n)))
		n = (size_t)(star - (p + 2));
	if (n == 0 || n >= cslen || memchr(q1 + 3, ' ', (size_t)(q3 - (q1 + 3))))
		return 0;
	memcpy(cs, p + 2, n);
	cs[n] = '\0';
	if (*q2 == 'B' || *q2 == 'b') {
		gchar *b64 = g_strndup(q1 + 3, (gsize)(q3 - (q1 + 3)));
		gsize len = 0;
		guchar *bin = g_base64_decode(b64, &len);

		g_byte_array_append(out, bin, (guint)len);
		g_free(bin);
		g_free(b64);
	} else if (*q2 == 'Q' || *q2 == 'q') {
		for (const char *c = q1 + 3; c < q3; c++) {
			guint8 b = (guint8)*c;

			if (*c == '_')
				b = ' ';
			else if (*c == '=' && c + 2 < q3 + 1 && g_ascii_isxdigit(c[1]) &&
			         g_ascii_isxdigit(c[2])) {
				b = (guint8)(g_ascii_xdigit_value(c[1]) * 16 + g_ascii_xdigit_value(c[2]));
				c += 2;
			}
			g_byte_array_append(out, &b, 1);
		}
	} else {
		return 0;
	}
	*end = q3 + 2;
	return 1;
}

/* The raw value of a header decoded by us rather than GMime: adjacent
 * encoded words of one charset joined before conversion (Japanese mailers
 * split a character across words), each charset through to_utf8 (so
 * Shift_JIS text with CP932 characters such as U+2460 comes out whole),
 * raw 8-bit and ISO-2022-JP text converted. NULL when a part cannot be
 * converted (the caller falls back to GMime's decoding). */
/* Append the conversion of [S, S+N) (CS: a charset, or NULL for raw text)
 * to OUT; 0 if it cannot be converted. */
static int
append_converted(GString *out, const char *s, size_t n, const char *cs)
{
	char *t;

	if (n == 0)
		return 1;
	if (!(t = cs ? to_utf8(s, n, cs) : raw_text(s, n)))
		return 0;
	g_string_append(out, t);
	free(t);
	return 1;
}

static char *
decode_header(const char *raw)
{
	GString *out = g_string_new(NULL), *run = g_string_new(NULL), *ws = g_string_new(NULL);
	GByteArray *pend = g_byte_array_new(), *word = g_byte_array_new();
	char cs[64] = "", ncs[64];
	const char *p = raw, *end;
	int ok = 1, last_word = 0;
	char *r = NULL;

	while (*p && ok) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			if (*p == ' ' || *p == '\t')
				g_string_append_c(ws, *p);
			p++;
			continue;
		}
		g_byte_array_set_size(word, 0);
		if (encoded_word(p, ncs, sizeof(ncs), word, &end)) {
			/* White space between two encoded words is not text (RFC 2047). */
			if (last_word && pend->len && g_ascii_strcasecmp(cs, ncs) != 0) {
				ok = append_converted(out, (const char *)pend->data, pend->len, cs);
				g_byte_array_set_size(pend, 0);
			}
			if (!last_word) {
				g_string_append(run, ws->str);
				ok = ok && append_converted(out, run->str, run->len, NULL);
				g_string_truncate(run, 0);
			}
			g_string_truncate(ws, 0);
			g_byte_array_append(pend, word->data, word->len);
			snprintf(cs, sizeof(cs), "%s", ncs);
			last_word = 1;
			p = end;
			continue;
		}
		if (last_word) {
			ok = append_converted(out, (const char *)pend->data, pend->len, cs);
			g_byte_array_set_size(pend, 0);
		}
		g_string_append(run, ws->str);
		g_string_truncate(ws, 0);
		g_string_append_c(run, *p++);
		last_word = 0;
	}
	if (ok && pend->len)
		ok = append_converted(out, (const char *)pend->data, pend->len, cs);
	if (ok)
		ok = append_converted(out, run->str, run->len, NULL);
	if (ok)
		r = strdup(g_strstrip(out->str));
	g_string_free(out, TRUE);
	g_string_free(run, TRUE);
	g_string_free(ws, TRUE);
	g_byte_array_free(pend, TRUE);
	g_byte_array_free(word, TRUE);
	return r;
}

/* ---- parts ---- */

typedef struct walk {
	mail_info *m;
	url_set urls;
	ird_err *e;
	int rc;
	int truncated;   /* set by the parser's warning callback */
	int depth;
} walk;

/* The decoded content of PART as a stream (caller unrefs). */
static GMimeStream *
decoded_stream(GMimePart *part)
{
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	GMimeStream *raw, *f;
	GMimeContentEncoding enc;

	if (!w || !(raw = g_mime_data_wrapper_get_stream(w)))
		return NULL;
	g_mime_stream_reset(raw);
	f = g_mime_stream_filter_new(raw);
	enc = g_mime_data_wrapper_get_encoding(w);
	if (enc == GMIME_CONTENT_ENCODING_BASE64 || enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
	    enc == GMIME_CONTENT_ENCODING_UUENCODE) {
		GMimeFilter *dec = g_mime_filter_basic_new(enc, FALSE);

		g_mime_stream_filter_add(GMIME_STREAM_FILTER(f), dec);
		g_object_unref(dec);
	}
	return f;
}

static void
hex_of(const unsigned char *d, unsigned n, char *out)
{
	static const char H[] = "0123456789abcdef";

	for (unsigned i = 0; i < n; i++) {
		out[2 * i] = H[d[i] >> 4];
		out[2 * i + 1] = H[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* SHA-256, SHA-1 and MD5 of PART's decoded content, read in 64 KiB blocks. */
static int
hash_part(GMimePart *part, mail_attachment *a, ird_err *e)
{
	const EVP_MD *mds[3] = { EVP_sha256(), EVP_sha1(), EVP_md5() };
	char *outs[3] = { a->sha256, a->sha1, a->md5 };
	EVP_MD_CTX *ctx[3] = { EVP_MD_CTX_new(), EVP_MD_CTX_new(), EVP_MD_CTX_new() };
	GMimeStream *s = decoded_stream(part);
	char buf[65536];
	int rc = IRD_OK;
	ssize_t n;

	for (int i = 0; i < 3; i++)
		if (!ctx[i] || EVP_DigestInit_ex(ctx[i], mds[i], NULL) != 1)
			rc = ird_fail(e, IRD_EFAIL, _("cannot start a digest"));
	a->size = 0;
	while (rc == IRD_OK && s && (n = g_mime_stream_read(s, buf, sizeof(buf))) > 0) {
		for (int i = 0; i < 3; i++)
			EVP_DigestUpdate(ctx[i], buf, (size_t)n);
		a->size += n;
	}
	if (rc == IRD_OK && s && n < 0)
		rc = ird_fail(e, IRD_EFAIL, _("cannot read an attachment: %s"), strerror(errno));
	for (int i = 0; i < 3 && rc == IRD_OK; i++) {
		unsigned char d[EVP_MAX_MD_SIZE];
		unsigned dn = 0;

		if (EVP_DigestFinal_ex(ctx[i], d, &dn) != 1)
			rc = ird_fail(e, IRD_EFAIL, _("cannot finish a digest"));
		else
			hex_of(d, dn, outs[i]);
	}
	for (int i = 0; i < 3; i++)
		EVP_MD_CTX_free(ctx[i]);
	if (s)
		g_object_unref(s);
	return rc;
}

/* PART's decoded text in UTF-8 (malloc'd, *LEN bytes), at most MAIL_MAX_TEXT. */
static int
part_text(GMimePart *part, char **out, size_t *len, ird_err *e)
{
	GMimeStream *s = decoded_stream(part);
	GByteArray *b = g_byte_array_new();
	const char *cs = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
	char buf[16384];
	ssize_t n = 0;
	int rc = IRD_OK;

	*out = NULL;
	while (s && (n = g_mime_stream_read(s, buf, sizeof(buf))) > 0) {
		if (b->len + (size_t)n > MAIL_MAX_TEXT) {
			rc = ird_fail(e, IRD_EUSAGE, _("a text part is larger than %u MiB (the limit for"
			              " finding URLs)"), MAIL_MAX_TEXT >> 20);
			break;
		}
		g_byte_array_append(b, (const guint8 *)buf, (guint)n);
	}
	if (s)
		g_object_unref(s);
	/* Only URLs are taken from the text: a part that is not in its declared
	 * charset is read as the mailer probably wrote it, else as Latin-1. */
	if (rc == IRD_OK && !(*out = to_utf8((const char *)b->data, b->len, cs)) &&
	    !(*out = raw_text((const char *)b->data, b->len)) &&
	    !(*out = to_utf8((const char *)b->data, b->len, "iso-8859-1")))
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (rc == IRD_OK)
		*len = strlen(*out);
	g_byte_array_free(b, TRUE);
	return rc;
}

/* The charset an RFC 2231 parameter NAME of PART was declared in, or NULL. */
static const char *
param_charset(GMimePart *part, const char *name)
{
	GMimeContentDisposition *d = g_mime_object_get_content_disposition(GMIME_OBJECT(part));
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	GMimeParam *p = NULL;

	if (d && g_mime_content_disposition_get_parameters(d))
		p = g_mime_param_list_get_parameter(g_mime_content_disposition_get_parameters(d), name);
	if (!p && ct && g_mime_content_type_get_parameters(ct))
		p = g_mime_param_list_get_parameter(g_mime_content_type_get_parameters(ct),
		                                    strcmp(name, "filename") == 0 ? "name" : name);
	return p ? g_mime_param_get_charset(p) : NULL;
}

/* PART's file name in UTF-8: GMime leaves the bytes as they were when its
 * iconv table refuses one (Shift_JIS with CP932 characters), so those are
 * converted here, in the declared charset with its vendor superset, else
 * as raw_text guesses; NULL when there is none. */
static char *
file_name(GMimePart *part, const char *fname)
{
	const char *cs;
	char *r;

	if (!fname || !*fname)
		return NULL;
	if (g_utf8_validate(fname, -1, NULL))
		return header_text(fname);
	cs = param_charset(part, "filename");
	if (cs && (r = to_utf8(fname, strlen(fname), cs)))
		return r;
	if ((r = raw_text(fname, strlen(fname))))
		return r;
	{
		gchar *valid = g_utf8_make_valid(fname, -1);

		r = strdup(valid);
		g_free(valid);
		return r;
	}
}

static int
add_attachment(walk *w, GMimePart *part)
{
	mail_info *m = w->m;
	mail_attachment *grown, *a;
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	char *mime = ct ? g_mime_content_type_get_mime_type(ct) : NULL;
	const char *fname = g_mime_part_get_filename(part);
	int rc;

	if (m->natts >= MAIL_MAX_ATTACHMENTS) {
		g_free(mime);
		return ird_fail(w->e, IRD_EUSAGE, _("the mail has more than %d attachments (the limit)"),
		                MAIL_MAX_ATTACHMENTS);
	}
	if (!(grown = realloc(m->atts, (m->natts + 1) * sizeof(*m->atts)))) {
		g_free(mime);
		return ird_fail(w->e, IRD_EFAIL, _("out of memory"));
	}
	m->atts = grown;
	a = &grown[m->natts++];
	memset(a, 0, sizeof(*a));
	a->filename = file_name(part, fname);
	a->content_type = dup_or_null(mime);
	g_free(mime);
	rc = hash_part(part, a, w->e);
	return rc;
}

static int walk_message(walk *w, GMimeMessage *msg);

static int
walk_part(walk *w, GMimeObject *obj)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);
	GMimePart *part;
	int is_text, is_html, attached;

	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp), rc = IRD_OK;

		for (int i = 0; i < n && rc == IRD_OK; i++)
			rc = walk_part(w, g_mime_multipart_get_part(mp, i));
		return rc;
	}
	if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));

		return inner ? walk_message(w, inner) : IRD_OK;
	}
	if (!GMIME_IS_PART(obj))
		return IRD_OK;
	part = GMIME_PART(obj);
	is_text = ct && g_mime_content_type_is_type(ct, "text", "plain");
	is_html = ct && g_mime_content_type_is_type(ct, "text", "html");
	attached = g_mime_part_is_attachment(part) || g_mime_part_get_filename(part) != NULL;
	if (attached || !(is_text || is_html)) {
		int rc = add_attachment(w, part);

		if (rc != IRD_OK || !(is_text || is_html))
			return rc;
	}
	{
		char *text;
		size_t len;
		int rc = part_text(part, &text, &len, w->e);

		if (rc != IRD_OK)
			return rc;
		rc = is_html ? scan_html(&w->urls, text, len, w->e)
		             : scan_into(&w->urls, text, len, MAIL_URL_TEXT, NULL, w->e);
		free(text);
		return rc;
	}
}

static int
walk_message(walk *w, GMimeMessage *msg)
{
	GMimeObject *body = g_mime_message_get_mime_part(msg);
	int rc;

	if (++w->depth > MAIL_MAX_DEPTH)
		return ird_fail(w->e, IRD_EUSAGE, _("messages nested more than %d deep"), MAIL_MAX_DEPTH);
	rc = body ? walk_part(w, body) : IRD_OK;
	w->depth--;
	return rc;
}

/* ---- headers ---- */

static int
has_addr(const mail_info *m, const char *addr)
{
	for (size_t i = 0; i < m->naddrs; i++)
		if (g_ascii_strcasecmp(m->addrs[i].addr, addr) == 0)
			return 1;
	return 0;
}

/* Add the mailboxes of LIST (groups opened) not already in M. */
static int
add_addrs(mail_info *m, mail_addr_kind kind, InternetAddressList *list, int depth, ird_err *e)
{
	int n = list ? internet_address_list_length(list) : 0;

	for (int i = 0; i < n && i < MAIL_MAX_ADDRS; i++) {
		InternetAddress *ia = internet_address_list_get_address(list, i);
		mail_addr *grown;
		const char *addr;
		int rc;

		if (INTERNET_ADDRESS_IS_GROUP(ia) && depth == 0) {
			InternetAddressList *members =
				internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia));

			if ((rc = add_addrs(m, kind, members, 1, e)) != IRD_OK)
				return rc;
			continue;
		}
		if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
			continue;
		addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
		if (!addr || !*addr || has_addr(m, addr))
			continue;
		if (!(grown = realloc(m->addrs, (m->naddrs + 1) * sizeof(*m->addrs))))
			return ird_fail(e, IRD_EFAIL, _("out of memory"));
		m->addrs = grown;
		grown[m->naddrs].kind = kind;
		grown[m->naddrs].addr = strdup(addr);
		grown[m->naddrs].name = header_text(internet_address_get_name(ia));
		if (!grown[m->naddrs].addr)
			return ird_fail(e, IRD_EFAIL, _("out of memory"));
		m->naddrs++;
	}
	return IRD_OK;
}

/* 1 if the address is not one a public host would have: RFC 1918,
 * RFC 6598, loopback, link-local, unspecified, ULA, documentation-free. */
static int
internal_ip(const char *ip)
{
	unsigned char a[16];

	if (inet_pton(AF_INET, ip, a) == 1)
		return a[0] == 10 || a[0] == 127 || a[0] == 0 ||
		       (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168) ||
		       (a[0] == 169 && a[1] == 254) || (a[0] == 100 && (a[1] & 0xc0) == 64);
	if (inet_pton(AF_INET6, ip, a) == 1) {
		static const unsigned char zero[15] = { 0 };

		return (memcmp(a, zero, 15) == 0 && (a[15] == 1 || a[15] == 0)) ||
		       (a[0] & 0xfe) == 0xfc || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80);
	}
	return 1;
}

/* The first IP literal in the "from" clause of a Received value, into
 * OUT: a [bracketed] one first, else any token that parses as one. */
static int
received_from_ip(const char *v, char *out, size_t len)
{
	const char *from = NULL, *by, *p;
	unsigned char tmp[16];

	for (p = v; *p; p++)
		if ((p == v || g_ascii_isspace(p[-1])) && strncasecmp(p, "from", 4) == 0 &&
		    g_ascii_isspace(p[4])) {
			from = p + 4;
			break;
		}
	if (!from)
		return 0;
	for (by = from; *by; by++)
		if (g_ascii_isspace(by[-1]) && strncasecmp(by, "by", 2) == 0 &&
		    (g_ascii_isspace(by[2]) || !by[2]))
			break;
	for (int pass = 0; pass < 2; pass++) {
		for (p = from; p < by; p++) {
			const char *q;
			size_t n;

			if (pass == 0 && *p != '[')
				continue;
			if (pass == 0)
				p++;
			if (pass == 0 && strncasecmp(p, "IPv6:", 5) == 0)
				p += 5;
			for (q = p; q < by && (g_ascii_isxdigit(*q) || *q == '.' || *q == ':'); q++)
				;
			n = (size_t)(q - p);
			if (n > 0 && n < len) {
				memcpy(out, p, n);
				out[n] = '\0';
				if (inet_pton(AF_INET, out, tmp) == 1 ||
				    (strchr(out, ':') && inet_pton(AF_INET6, out, tmp) == 1))
					return 1;
			}
			if (pass == 1)
				p = q;
		}
	}
	return 0;
}

/* The first external hop (see mail.h), walking the Received headers from the top. */
static int
find_origin(mail_info *m, GMimeMessage *msg, ird_err *e)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	int n = g_mime_header_list_get_count(hl);

	for (int i = 0; i < n; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
		const char *raw;
		char ip[64], *flat;

		if (g_ascii_strcasecmp(g_mime_header_get_name(h), "Received") != 0)
			continue;
		raw = g_mime_header_get_raw_value(h);
		if (!raw)
			continue;
		flat = strdup(raw);
		if (!flat)
			return ird_fail(e, IRD_EFAIL, _("out of memory"));
		/* Unfold: CR, LF and tabs to spaces, runs of spaces to one. */
		{
			char *w = flat;

			for (const char *r = flat; *r; r++) {
				char ch = (*r == '\r' || *r == '\n' || *r == '\t') ? ' ' : *r;

				if (ch != ' ' || (w > flat && w[-1] != ' '))
					*w++ = ch;
			}
			*w = '\0';
		}
		if (!received_from_ip(flat, ip, sizeof(ip)) || internal_ip(ip)) {
			free(flat);
			continue;
		}
		m->origin_ip = strdup(ip);
		/* A header's raw bytes may be in any charset: the store holds UTF-8. */
		m->origin_received = g_utf8_make_valid(g_strstrip(flat), -1);
		free(flat);
		return IRD_OK;
	}
	return IRD_OK;
}

static void
on_warning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer data)
{
	walk *w = data;

	if (code == GMIME_WARN_TRUNCATED_MESSAGE || code == GMIME_CRIT_NESTING_OVERFLOW ||
	    code == GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT ||
	    code == GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY)
		w->truncated = (int)code;
}

/* The raw value of the first header NAME of OBJ, or NULL. */
static const char *
raw_header(GMimeObject *obj, const char *name)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(obj);
	int n = g_mime_header_list_get_count(hl);

	for (int i = 0; i < n; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);

		if (g_ascii_strcasecmp(g_mime_header_get_name(h), name) == 0)
			return g_mime_header_get_raw_value(h);
	}
	return NULL;
}

/* A one-mailbox header RAW ("=?Shift_JIS?B?...?= <a@b>") decoded by
 * decode_header: its display name replaces GMime's, which has '?' where
 * GMime's iconv table refused a character (CP932's U+2460...). */
static void
better_name(mail_addr *a, const char *raw)
{
	char *text, *lt, *name;
	size_t n;

	if (!raw || !strstr(raw, "=?") || !(text = decode_header(raw)))
		return;
	if ((lt = strrchr(text, '<')) && lt > text) {
		*lt = '\0';
		name = g_strstrip(text);
		n = strlen(name);
		if (n >= 2 && name[0] == '"' && name[n - 1] == '"') {
			name[n - 1] = '\0';
			name++;
		}
		if (*name && !strchr(name, '"') && !strchr(name, '\\')) {
			free(a->name);
			a->name = strdup(name);
		}
	}
	free(text);
}

static int
read_headers(walk *w, GMimeMessage *msg, GMimeParserOptions *opts)
{
	mail_info *m = w->m;
	const char *rp;
	int rc;

	{
		const char *raw = g_mime_object_get_header(GMIME_OBJECT(msg), "Subject");
		GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
		GMimeHeader *h = NULL;

		for (int i = 0; raw && i < g_mime_header_list_get_count(hl) && !h; i++)
			if (g_ascii_strcasecmp(g_mime_header_get_name(
				g_mime_header_list_get_header_at(hl, i)), "Subject") == 0)
				h = g_mime_header_list_get_header_at(hl, i);
		m->subject = h ? decode_header(g_mime_header_get_raw_value(h)) : NULL;
		if (m->subject && !*m->subject) {
			free(m->subject);
			m->subject = NULL;
		}
		if (!m->subject)
			m->subject = header_text(g_mime_message_get_subject(msg));
	}
	m->message_id = header_text(g_mime_message_get_message_id(msg));
	if ((rc = add_addrs(m, MAIL_FROM, g_mime_message_get_from(msg), 0, w->e)) != IRD_OK)
		return rc;
	if (m->naddrs == 1 && internet_address_list_length(g_mime_message_get_from(msg)) == 1)
		better_name(&m->addrs[0], raw_header(GMIME_OBJECT(msg), "From"));
	if ((rc = add_addrs(m, MAIL_SENDER, g_mime_message_get_sender(msg), 0, w->e)) != IRD_OK ||
	    (rc = add_addrs(m, MAIL_REPLY_TO, g_mime_message_get_reply_to(msg), 0, w->e)) != IRD_OK)
		return rc;
	if ((rp = g_mime_object_get_header(GMIME_OBJECT(msg), "Return-Path"))) {
		InternetAddressList *l = internet_address_list_parse(opts, rp);

		rc = add_addrs(m, MAIL_RETURN_PATH, l, 0, w->e);
		if (l)
			g_object_unref(l);
		if (rc != IRD_OK)
			return rc;
	}
	return find_origin(m, msg, w->e);
}

/* SHA-256 and size of the file open on FD, then rewound. */
static int
hash_file(int fd, const char *path, mail_info *m, ird_err *e)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char buf[65536], d[EVP_MAX_MD_SIZE];
	unsigned dn = 0;
	ssize_t n;

	if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(ctx);
		return ird_fail(e, IRD_EFAIL, _("cannot start a digest"));
	}
	m->size = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		EVP_DigestUpdate(ctx, buf, (size_t)n);
		m->size += n;
	}
	if (n < 0 || EVP_DigestFinal_ex(ctx, d, &dn) != 1 || lseek(fd, 0, SEEK_SET) != 0) {
		EVP_MD_CTX_free(ctx);
		return ird_fail(e, IRD_EFAIL, _("cannot read %s: %s"), path, strerror(errno));
	}
	EVP_MD_CTX_free(ctx);
	hex_of(d, dn, m->sha256);
	return IRD_OK;
}

static int
parse_fd(int fd, const char *path, mail_info *m, ird_err *e)
{
	static const char *fallback[] = { "UTF-8", "EUC-JP", "Shift_JIS", "ISO-8859-1", NULL };
	walk w = { .m = m, .e = e, .rc = IRD_OK };
	GMimeParserOptions *opts;
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;
	GMimeHeaderList *hl;
	int rc;

	if ((rc = hash_file(fd, path, m, e)) != IRD_OK)
		return rc;
	if (m->size == 0)
		return ird_fail(e, IRD_EUSAGE, _("%s is empty, not a mail"), path);
	opts = g_mime_parser_options_new();
	g_mime_parser_options_set_fallback_charsets(opts, fallback);
	g_mime_parser_options_set_warning_callback(opts, on_warning, &w);
	stream = g_mime_stream_fs_new(fd);
	g_mime_stream_fs_set_owner(GMIME_STREAM_FS(stream), FALSE);
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_persist_stream(parser, TRUE);
	msg = g_mime_parser_construct_message(parser, opts);
	hl = msg ? g_mime_object_get_header_list(GMIME_OBJECT(msg)) : NULL;
	if (!msg || !hl || g_mime_header_list_get_count(hl) == 0 ||
	    (!g_mime_header_list_contains(hl, "From") &&
	     !g_mime_header_list_contains(hl, "Message-ID")))
		rc = ird_fail(e, IRD_EUSAGE, _("%s is not a mail (no From or Message-ID header)"), path);
	else if (w.truncated)
		rc = ird_fail(e, IRD_EUSAGE, _("%s is truncated or malformed (%s)"), path,
		              w.truncated == GMIME_WARN_TRUNCATED_MESSAGE ? _("it ends inside a part")
		              : _("broken MIME structure"));
	if (rc == IRD_OK)
		rc = read_headers(&w, msg, opts);
	if (rc == IRD_OK) {
		w.urls.urls = &m->urls;
		w.urls.n = &m->nurls;
		w.urls.seen = g_hash_table_new_full(g_str_hash, g_str_equal, set_free_key, NULL);
		rc = walk_message(&w, msg);
		g_hash_table_destroy(w.urls.seen);
	}
	/* A part the parser flagged while the body was read (content is lazy). */
	if (rc == IRD_OK && w.truncated)
		rc = ird_fail(e, IRD_EUSAGE, _("%s is truncated or malformed"), path);
	if (msg)
		g_object_unref(msg);
	g_object_unref(parser);
	g_object_unref(stream);
	g_mime_parser_options_free(opts);
	return rc;
}

/* GMime is initialised once for the process and never shut down: its
 * g_mime_shutdown() frees tables a later g_mime_init() does not rebuild. */
static void
gmime_once(void)
{
	static gsize done;

	if (g_once_init_enter(&done)) {
		g_mime_init();
		g_once_init_leave(&done, 1);
	}
}

int
mail_parse_file(const char *path, mail_info *out, ird_err *e)
{
	struct stat sb;
	int fd, rc;

	memset(out, 0, sizeof(*out));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return ird_fail(e, IRD_EFAIL, _("cannot open %s: %s"), path, strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return ird_fail(e, IRD_EUSAGE, _("%s is not a regular file"), path);
	}
	gmime_once();
	rc = parse_fd(fd, path, out, e);
	close(fd);
	if (rc != IRD_OK)
		mail_info_free(out);
	return rc;
}
