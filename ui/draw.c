/* draw.c - sanitised, width-aware text and colours by meaning. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/text.h"
#include "ui/draw.h"

/* One row per role: the colour scheme (fg, bg, extra attributes) and the
 * monochrome one. -1 is the terminal's default colour. */
static const struct scheme {
	short fg, bg;
	attr_t color_attr;
	attr_t mono_attr;
} SCHEME[UI_ROLE_COUNT] = {
	[UI_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[UI_TITLEBAR] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[UI_HEADER] = { COLOR_CYAN, -1, A_BOLD, A_UNDERLINE },
	[UI_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[UI_HINTS] = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[UI_STATUS] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE },
	[UI_MESSAGE] = { COLOR_YELLOW, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[UI_ERROR] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_UNDERLINE },
	[UI_OVERDUE] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[UI_SOON] = { COLOR_YELLOW, -1, A_NORMAL, A_UNDERLINE },
	[UI_SEV_CRITICAL] = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	[UI_SEV_HIGH] = { COLOR_RED, -1, A_NORMAL, A_BOLD },
	[UI_SEV_MEDIUM] = { COLOR_YELLOW, -1, A_NORMAL, A_NORMAL },
	[UI_SEV_LOW] = { COLOR_GREEN, -1, A_NORMAL, A_DIM },
	[UI_EXERCISE] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE },
	[UI_DIM] = { -1, -1, A_DIM, A_DIM },
	[UI_MODAL] = { COLOR_WHITE, COLOR_RED, A_NORMAL, A_NORMAL },
	[UI_MODAL_TITLE] = { COLOR_YELLOW, COLOR_RED, A_BOLD, A_BOLD | A_REVERSE },
	[UI_FORM] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_NORMAL },
	[UI_FIELD] = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_UNDERLINE },
	[UI_FIELD_FOCUS] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE },
	[UI_TAB] = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[UI_TAB_ACTIVE] = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD },
};

static int mono = 1;

void
ui_colors_init(void)
{
	const char *nc = getenv("NO_COLOR");

	mono = !has_colors() || (nc && *nc);
	if (mono)
		return;
	start_color();
	use_default_colors();
	for (int r = 1; r < UI_ROLE_COUNT && r < COLOR_PAIRS; r++)
		init_pair((short)r, SCHEME[r].fg, SCHEME[r].bg);
}

int
ui_mono(void)
{
	return mono;
}

attr_t
ui_attr(enum ui_role role)
{
	if (role < 0 || role >= UI_ROLE_COUNT)
		role = UI_NORMAL;
	if (mono || role == UI_NORMAL || (int)role >= COLOR_PAIRS)
		return SCHEME[role].mono_attr;
	return (attr_t)COLOR_PAIR(role) | SCHEME[role].color_attr;
}

enum ui_role
ui_severity_role(const char *s)
{
	if (!s)
		return UI_NORMAL;
	if (strcmp(s, "critical") == 0)
		return UI_SEV_CRITICAL;
	if (strcmp(s, "high") == 0)
		return UI_SEV_HIGH;
	if (strcmp(s, "medium") == 0)
		return UI_SEV_MEDIUM;
	if (strcmp(s, "low") == 0)
		return UI_SEV_LOW;
	return UI_NORMAL;
}

int
ui_width(const char *s)
{
	char *clean = text_sanitize(s ? s : "");
	int w = clean ? text_width(clean) : 0;

	free(clean);
	return w;
}

/* Fitted text needs at most 4 bytes per column plus the ellipsis. */
#define FIT_MAX(cols) ((size_t)(cols) * 4 + 8)

int
ui_text(WINDOW *w, int y, int x, const char *s, int cols, enum ui_role role)
{
	char stackbuf[1024], *buf = stackbuf;
	size_t need = FIT_MAX(cols);

	if (cols <= 0)
		return 0;
	if (need > sizeof(stackbuf) && !(buf = malloc(need)))
		return 0;
	text_fit(s, cols, buf, need);
	wattrset(w, ui_attr(role));
	mvwaddstr(w, y, x, buf);
	wattrset(w, A_NORMAL);
	if (buf != stackbuf)
		free(buf);
	return cols;
}

int
ui_text_right(WINDOW *w, int y, int x, const char *s, int cols, enum ui_role role)
{
	int width = ui_width(s);

	if (width >= cols)
		return ui_text(w, y, x, s, cols, role);
	ui_fill(w, y, x, cols - width, role);
	ui_text(w, y, x + cols - width, s, width, role);
	return cols;
}

void
ui_fill(WINDOW *w, int y, int x, int cols, enum ui_role role)
{
	wattrset(w, ui_attr(role));
	mvwhline(w, y, x, ' ', cols);
	wattrset(w, A_NORMAL);
}

void
ui_box(WINDOW *w, int y, int x, int h, int wd, const char *title, enum ui_role role)
{
	attr_t a = ui_attr(role);

	for (int r = 0; r < h; r++)
		ui_fill(w, y + r, x, wd, role);
	wattrset(w, a);
	mvwhline(w, y, x + 1, ACS_HLINE, wd - 2);
	mvwhline(w, y + h - 1, x + 1, ACS_HLINE, wd - 2);
	mvwvline(w, y + 1, x, ACS_VLINE, h - 2);
	mvwvline(w, y + 1, x + wd - 1, ACS_VLINE, h - 2);
	mvwaddch(w, y, x, ACS_ULCORNER);
	mvwaddch(w, y, x + wd - 1, ACS_URCORNER);
	mvwaddch(w, y + h - 1, x, ACS_LLCORNER);
	mvwaddch(w, y + h - 1, x + wd - 1, ACS_LRCORNER);
	wattrset(w, A_NORMAL);
	if (title && *title) {
		int tw = ui_width(title);

		if (tw > wd - 6)
			tw = wd - 6;
		ui_text(w, y, x + 2, " ", 1, role);
		ui_text(w, y, x + 3, title, tw, role);
		ui_text(w, y, x + 3 + tw, " ", 1, role);
	}
}

void
ui_columns_fit(ui_column *c, int n, int total)
{
	int maxgw = 0;

	for (int i = 0; i < n; i++) {
		c[i].shown = c[i].width;
		if (c[i].give_way > maxgw)
			maxgw = c[i].give_way;
	}
	for (int level = 1;; level++) {
		int used = -1;

		for (int i = 0; i < n; i++)
			if (c[i].shown)
				used += c[i].shown + 1;
		if (used <= total || level > maxgw) {
			/* The flex column takes the rest. */
			for (int i = 0; i < n; i++)
				if (c[i].flex && c[i].shown && used < total)
					c[i].shown += total - used, used = total;
			break;
		}
		for (int i = 0; i < n; i++)
			if (c[i].give_way == level)
				c[i].shown = 0;
	}
	for (int i = 0, x = 0; i < n; i++) {
		c[i].x = x;
		if (c[i].shown) {
			if (x + c[i].shown > total)
				c[i].shown = total - x > 0 ? total - x : 0;
			x += c[i].shown + 1;
		}
	}
}

void
ui_columns_heading(WINDOW *w, int y, const ui_column *c, int n, int total)
{
	ui_fill(w, y, 0, total, UI_HEADER);
	for (int i = 0; i < n; i++)
		ui_cell(w, y, &c[i], c[i].heading, UI_HEADER);
}

void
ui_cell(WINDOW *w, int y, const ui_column *c, const char *s, enum ui_role role)
{
	if (!c->shown)
		return;
	if (c->right)
		ui_text_right(w, y, c->x, s ? s : "", c->shown, role);
	else
		ui_text(w, y, c->x, s ? s : "", c->shown, role);
}

void
ui_countdown(int64_t due, int64_t now, char *buf, size_t len)
{
	if (due <= 0) {
		snprintf(buf, len, "-");
		return;
	}
	clock_format_duration(due - now, buf, len);
}

int
ui_wrap(const char *text, int cols, char lines[][512], int max)
{
	int n = 0;
	const char *p = text;

	while (*p && n < max) {
		const char *brk = NULL, *q = p;
		size_t len;

		while (*q) {
			const char *sp = strchr(q, ' ');
			size_t wl = sp ? (size_t)(sp - p) : strlen(p);
			char tmp[512];

			snprintf(tmp, sizeof(tmp), "%.*s", (int)(wl < sizeof(tmp) ? wl : sizeof(tmp) - 1), p);
			if (ui_width(tmp) > cols)
				break;
			brk = sp ? sp : p + strlen(p);
			if (!sp)
				break;
			q = sp + 1;
		}
		if (!brk)
			brk = p + strlen(p); /* one long word: ui_text cuts it */
		len = (size_t)(brk - p);
		snprintf(lines[n++], 512, "%.*s", (int)(len < 511 ? len : 511), p);
		p = *brk ? brk + 1 : brk;
	}
	return n;
}
