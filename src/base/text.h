/* text.h - text from the store made safe and measured for a terminal:
 * control and escape characters shown escaped, invalid UTF-8 replaced,
 * wide (Japanese) characters counted as two columns. */
#ifndef IRDESK_TEXT_H
#define IRDESK_TEXT_H

#include <stddef.h>

/* A copy of S that is valid UTF-8 with no control characters: ESC becomes
 * "\x1b", newline "\n", invalid bytes U+FFFD; bidi controls and invisible
 * characters (U+200B, U+FEFF, U+2060...) appear as "\u200b". malloc'd;
 * NULL on OOM. */
char *text_sanitize(const char *s);

/* Display columns of sanitised UTF-8 S. */
int text_width(const char *s);

/* Sanitise S and fit it to exactly COLS columns into OUT (size OUTLEN):
 * cut with "…" when longer, padded with spaces when shorter. A wide
 * character never straddles the edge. Returns OUT. */
char *text_fit(const char *s, int cols, char *out, size_t outlen);

/* Decode one UTF-8 sequence at S (LEN bytes left): code point in *CP,
 * bytes used returned; 0 for an invalid sequence. */
size_t text_utf8_decode(const char *s, size_t len, unsigned *cp);

/* Display width of one code point (0, 1 or 2). */
int text_cp_width(unsigned cp);

/* The length of the longest prefix of the first LEN bytes of S that does
 * not end inside a UTF-8 sequence (invalid bytes count as one each). */
size_t text_boundary(const char *s, size_t len);

/* printf into a newly allocated string (free it); NULL when out of memory. */
char *text_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* snprintf that never cuts a UTF-8 character: when the result does not
 * fit in LEN bytes it ends on a character boundary with "…". Returns 0,
 * 1 when it was cut, -1 on a format error (BUF then empty). */
int text_snprintf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
