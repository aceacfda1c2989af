/* linereader.c - one line reader for playbooks, scenarios and the configuration. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/linereader.h"

void
lr_init(lr_reader *r, const char *text, size_t len, const char *origin, int code,
        unsigned flags)
{
	r->text = text;
	r->len = len;
	r->pos = 0;
	r->origin = origin ? origin : "<input>";
	r->code = code;
	r->flags = flags;
	r->line = 0;
	r->buf[0] = '\0';
}

int
lr_fail_at(const lr_reader *r, size_t line, ird_err *e, const char *fmt, ...)
{
	char msg[IRD_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		return ird_fail(e, r->code, "%s:%zu: %s", r->origin, line, msg);
	return ird_fail(e, r->code, "%s: %s", r->origin, msg);
}

size_t
lr_bad_byte(const unsigned char *s, size_t n, const char **why)
{
	for (size_t i = 0; i < n;) {
		unsigned char b = s[i];
		size_t need = 0;
		unsigned char lo = 0x80, hi = 0xBF;

		if (b == 0) {
			*why = N_("NUL byte");
			return i;
		}
		if (b < 0x80) {
			if ((b < 0x20 && b != '\t') || b == 0x7F) {
				*why = N_("control character");
				return i;
			}
			i++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF)
			need = 1;
		else if (b >= 0xE0 && b <= 0xEF)
			need = 2, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
		else if (b >= 0xF0 && b <= 0xF4)
			need = 3, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
		*why = N_("invalid UTF-8");
		if (need == 0 || i + need >= n)
			return i;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k <= need; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return i;
		if (b == 0xC2 && s[i + 1] < 0xA0) { /* C1 controls, U+0080..U+009F */
			*why = N_("control character");
			return i;
		}
		i += need + 1;
	}
	return n;
}

static char *
trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

/* S starts with '['. */
static int
header(lr_reader *r, char *s, lr_item *it, ird_err *e)
{
	char *close = strchr(s, ']'), *kind, *id;

	if (!close)
		return lr_fail_at(r, r->line, e, _("unterminated \"[\" (expected e.g. [step isolate])"));
	if (*trim(close + 1))
		return lr_fail_at(r, r->line, e, _("text after \"]\" (comments must be on their own line)"));
	*close = '\0';
	if (strchr(s + 1, '['))
		return lr_fail_at(r, r->line, e, _("bad section header (\"[\" inside)"));
	kind = trim(s + 1);
	id = kind + strcspn(kind, " \t");
	if (*id) {
		*id++ = '\0';
		id = trim(id);
		if (strpbrk(id, " \t"))
			return lr_fail_at(r, r->line, e, _("bad section header (expected [KIND ID])"));
	}
	it->kind = LR_SECTION;
	it->name = kind;
	it->value = id;
	return IRD_OK;
}

static int
keyval(lr_reader *r, char *s, lr_item *it, ird_err *e)
{
	char *eq = strchr(s, '=');

	if (!eq)
		return (r->flags & LR_SECTIONS)
		       ? lr_fail_at(r, r->line, e, "%s", _("expected \"key = value\" or a [section]"))
		       : lr_fail_at(r, r->line, e, "%s", _("expected \"key = value\""));
	*eq = '\0';
	it->kind = LR_KEY;
	it->name = trim(s);
	it->value = trim(eq + 1);
	return IRD_OK;
}

int
lr_next(lr_reader *r, lr_item *it, ird_err *e)
{
	while (r->pos < r->len) {
		const char *raw = r->text + r->pos, *nl = memchr(raw, '\n', r->len - r->pos);
		size_t n = nl ? (size_t)(nl - raw) : r->len - r->pos, bad;
		const char *why = "";
		char *s;

		r->line++;
		r->pos += n + (nl != NULL);
		if (n > 0 && raw[n - 1] == '\r') /* tolerate CRLF files */
			n--;
		if (r->line == 1 && n >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
			raw += 3; /* a byte-order mark some editors write */
			n -= 3;
		}
		if (n > LR_MAX_LINE)
			return lr_fail_at(r, r->line, e, _("line too long (%zu bytes, at most %d)"), n,
			                  LR_MAX_LINE);
		if ((bad = lr_bad_byte((const unsigned char *)raw, n, &why)) < n)
			return lr_fail_at(r, r->line, e, _("%s at byte %zu"), _(why), bad + 1);
		memcpy(r->buf, raw, n);
		r->buf[n] = '\0';
		s = r->buf + strspn(r->buf, " \t");
		if (*s == '\0' || *s == '#')
			continue;
		if (*s == '[' && (r->flags & LR_SECTIONS))
			return header(r, s, it, e);
		return keyval(r, s, it, e);
	}
	it->kind = LR_END;
	it->name = it->value = NULL;
	return IRD_OK;
}

int
lr_read_fd(int fd, const char *path, size_t max, size_t hint, char **buf, size_t *len,
           ird_err *e)
{
	size_t cap = hint < 4096 ? 4096 : hint + 1, n = 0;
	char *b = NULL;

	*buf = NULL;
	*len = 0;
	if (cap > max + 1)
		cap = max + 1;
	for (;;) {
		if (n == cap || !b) {
			size_t ncap = b ? cap * 2 : cap;
			char *nb;
			if (ncap > max + 1)
				ncap = max + 1;
			if (b && ncap == cap)
				break; /* full at the limit */
			if (!(nb = realloc(b, ncap + 1))) {
				free(b);
				return ird_fail(e, IRD_EFAIL, _("%s: out of memory"), path);
			}
			b = nb;
			cap = ncap;
		}
		ssize_t k = read(fd, b + n, cap - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int err = errno;
			free(b);
			return ird_fail(e, IRD_EFAIL, "%s: %s", path, strerror(err));
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	if (n > max) {
		free(b);
		return ird_fail(e, IRD_EUSAGE, _("%s: file too large (more than %zu bytes)"), path, max);
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return IRD_OK;
}

int
lr_read_file(const char *path, size_t max, char **buf, size_t *len, ird_err *e)
{
	struct stat st;
	int fd, rc;

	*buf = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK); /* a FIFO must not hang us */
	if (fd < 0) {
		int err = errno;
		return ird_fail(e, err == ENOENT || err == ENOTDIR ? IRD_ENOTFOUND : IRD_EFAIL,
		                "%s: %s", path, strerror(err));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		rc = ird_fail(e, IRD_EFAIL, _("%s: not a regular file"), path);
	else if ((size_t)st.st_size > max)
		rc = ird_fail(e, IRD_EUSAGE, _("%s: file too large (%lld bytes, at most %zu)"), path,
		              (long long)st.st_size, max);
	else
		rc = lr_read_fd(fd, path, max, (size_t)st.st_size, buf, len, e);
	if (close(fd) != 0 && rc == IRD_OK) {
		int err = errno;
		free(*buf);
		*buf = NULL;
		rc = ird_fail(e, IRD_EFAIL, "%s: %s", path, strerror(err));
	}
	return rc;
}
