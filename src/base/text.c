/* text.c - sanitising and width-aware fitting of text for the terminal. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/text.h"

size_t
text_utf8_decode(const char *str, size_t len, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c, min;
	size_t n;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f, min = 0x80;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f, min = 0x800;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* East Asian wide ranges, for when the C library's locale gives no answer. */
static int
wide_fallback(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	       (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	       (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	       (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
	       (cp >= 0x20000 && cp <= 0x3fffd);
}

int
text_cp_width(unsigned cp)
{
	int w = wcwidth((wchar_t)cp);

	if (w >= 0)
		return w;
	return wide_fallback(cp) ? 2 : 1;
}

/* Characters that take no visible space and so can make two different
 * values look the same (evil.example with a zero-width space inside):
 * shown escaped like the controls. */
static int
is_invisible(unsigned cp)
{
	return cp == 0x00ad || cp == 0x034f || cp == 0x061c || cp == 0x115f || cp == 0x1160 ||
	       cp == 0x17b4 || cp == 0x17b5 || cp == 0x180e || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x2060 && cp <= 0x2064) || cp == 0x3164 || cp == 0xfeff || cp == 0xffa0 ||
	       (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0x1bca0 && cp <= 0x1bca3) ||
	       (cp >= 0x1d173 && cp <= 0x1d17a) || (cp >= 0xe0000 && cp <= 0xe007f);
}

static int
is_control(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	       cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || /* bidi overrides can disguise text */
	       is_invisible(cp);
}

/* Append the visible form of CP to OUT (room for 12 bytes assumed). */
static size_t
put_visible(unsigned cp, const char *src, size_t n, char *out)
{
	if (cp == '\n')
		return (size_t)sprintf(out, "\\n");
	if (cp == '\t')
		return (size_t)sprintf(out, "\\t");
	if (cp == '\r')
		return (size_t)sprintf(out, "\\r");
	if (is_control(cp))
		return (size_t)sprintf(out, cp < 0x100 ? "\\x%02x" : cp < 0x10000 ? "\\u%04x" : "\\U%08x",
		                       cp);
	memcpy(out, src, n);
	return n;
}

char *
text_sanitize(const char *s)
{
	size_t len = s ? strlen(s) : 0, o = 0;
	char *out = malloc(len * 6 + 1); /* worst case: "\xNN" or U+FFFD per byte, "\UNNNNNNNN" per 4 */

	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
			continue;
		}
		o += put_visible(cp, s + i, n, out + o);
		i += n;
	}
	out[o] = '\0';
	return out;
}

int
text_width(const char *s)
{
	size_t len = strlen(s);
	int w = 0;

	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			w++;
			i++;
			continue;
		}
		w += text_cp_width(cp);
		i += n;
	}
	return w;
}

char *
text_fit(const char *s, int cols, char *out, size_t outlen)
{
	char *clean = text_sanitize(s ? s : "");
	size_t o = 0, len;
	int w = 0, total;

	if (outlen == 0)
		return out;
	if (!clean) {
		out[0] = '\0';
		return out;
	}
	total = text_width(clean);
	len = strlen(clean);
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = text_utf8_decode(clean + i, len - i, &cp);
		int cw = text_cp_width(cp);

		/* Keep one column for the ellipsis when the text does not fit. */
		if (w + cw > cols - (total > cols ? 1 : 0) || o + n + 4 >= outlen)
			break;
		memcpy(out + o, clean + i, n);
		o += n;
		w += cw;
		i += n;
	}
	if (total > cols && cols > 0 && o + 4 < outlen) {
		memcpy(out + o, "\xe2\x80\xa6", 3);
		o += 3;
		w++;
	}
	while (w < cols && o + 1 < outlen) {
		out[o++] = ' ';
		w++;
	}
	out[o] = '\0';
	free(clean);
	return out;
}

size_t
text_boundary(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			/* An invalid byte stands alone; a sequence cut by LEN ends here. */
			size_t whole = text_utf8_decode(s + i, strlen(s + i), &cp);

			if (whole > 1)
				break;
			n = 1;
		}
		i += n;
	}
	return i;
}

int
text_snprintf(char *buf, size_t len, const char *fmt, ...)
{
	static const char ellipsis[] = "\xe2\x80\xa6";
	va_list ap;
	int n;
	size_t keep;

	if (len == 0)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		buf[0] = '\0';
		return -1;
	}
	if ((size_t)n < len)
		return 0;
	/* Cut: end on a character boundary, with room for the ellipsis. */
	keep = len > sizeof(ellipsis) ? len - sizeof(ellipsis) : 0;
	keep = text_boundary(buf, keep);
	if (keep + sizeof(ellipsis) <= len)
		memcpy(buf + keep, ellipsis, sizeof(ellipsis));
	else
		buf[keep] = '\0';
	return 1;
}

char *
text_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	return n < 0 ? NULL : p;
}
