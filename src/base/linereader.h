/* linereader.h - the one line reader of playbooks, scenarios and the
 * configuration. Text is split on '\n' (a '\r' before it is dropped, a
 * UTF-8 byte-order mark at the start skipped); each line is checked
 * (length, NUL bytes, invalid UTF-8, control characters), blank lines and
 * lines whose first non-blank character is '#' are skipped, and the rest
 * is handed out as a "[KIND ID]" header or a "key = value" pair, both
 * trimmed. Problems are "ORIGIN:LINE: problem". Pure: no database. */
#ifndef IRDESK_LINEREADER_H
#define IRDESK_LINEREADER_H

#include <stddef.h>

#include "base/err.h"

#define LR_MAX_LINE 4096 /* bytes in one line, newline excluded */

enum { LR_SECTIONS = 1 }; /* flags: "[KIND ID]" headers are allowed */

typedef enum { LR_END, LR_SECTION, LR_KEY } lr_kind;

typedef struct lr_reader {
	const char *text;
	size_t len, pos;
	const char *origin; /* names the text in messages */
	int code;           /* status of every problem: IRD_EUSAGE or IRD_EFAIL */
	unsigned flags;
	size_t line;        /* number of the line last read; 0 before the first */
	char buf[LR_MAX_LINE + 1];
} lr_reader;

/* One item: a section (NAME its kind, VALUE its id or "") or a key (NAME
 * the key, VALUE the value, possibly ""). Valid until the next lr_next. */
typedef struct lr_item {
	lr_kind kind;
	char *name, *value;
} lr_item;

/* Start reading LEN bytes of TEXT (not copied; must outlive R). */
void lr_init(lr_reader *r, const char *text, size_t len, const char *origin, int code,
             unsigned flags);

/* The next item; LR_END at the end of the text. A bad line: R's code with
 * "ORIGIN:LINE: problem" in E. */
int lr_next(lr_reader *r, lr_item *it, ird_err *e);

/* Fail with R's code: "ORIGIN:LINE: message", or "ORIGIN: message" when
 * LINE is 0 (a problem of the whole text). */
int lr_fail_at(const lr_reader *r, size_t line, ird_err *e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Read the regular file PATH whole (at most MAX bytes) into *BUF
 * (malloc'd, NUL-terminated) and *LEN. A missing file is IRD_ENOTFOUND,
 * one too large IRD_EUSAGE; a FIFO never blocks. */
int lr_read_file(const char *path, size_t max, char **buf, size_t *len, ird_err *e);

/* Read the open descriptor FD whole (at most MAX bytes; HINT its expected
 * size); PATH names it in messages. */
int lr_read_fd(int fd, const char *path, size_t max, size_t hint, char **buf, size_t *len,
               ird_err *e);

/* Offset of the first byte of the N bytes at S that is a NUL, a control
 * character (tab allowed) or not valid UTF-8, with *WHY saying which; N
 * when there is none. */
size_t lr_bad_byte(const unsigned char *s, size_t n, const char **why);

#endif
