/* draw.c - sanitised, width-aware text and colours by meaning. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/i18n.h"
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

void
ui_time_zone(char *buf, size_t len, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	size_t n;
	char zone[16] = "";

	if (!i18n_time(buf, len, t)) {
		snprintf(buf, len, "@%lld", (long long)t);
		return;
	}
	n = strlen(buf);
	if (localtime_r(&tt, &tm) && strftime(zone, sizeof(zone), "%Z", &tm) && n + 1 < len)
		snprintf(buf + n, len - n, " %s", zone);
}

const char *
ui_tr(const char *msgid)
{
	return msgid && *msgid ? _(msgid) : msgid;
}

/* The vocabulary words a screen shows, with their labels. A label's
 * msgid is "word:" and the word, so that a short word ("open", "done")
 * never shares a translation with the same English elsewhere; without a
 * translation the word itself is shown. */
static const struct { const char *word, *label; } WORDS[] = {
	/* TRANSLATORS: the labels of vocabulary words as the terminal UI
	   shows them (the word typed stays English): the part after
	   "word:" is the word. Keep them short: severity labels fit in 4
	   columns (2 Japanese characters). */
	{ "critical", N_("word:critical") },
	{ "high", N_("word:high") },
	{ "medium", N_("word:medium") },
	{ "low", N_("word:low") },
	{ "open", N_("word:open") },
	{ "contained", N_("word:contained") },
	{ "eradicated", N_("word:eradicated") },
	{ "recovered", N_("word:recovered") },
	{ "closed", N_("word:closed") },
	{ "yes", N_("word:yes") },
	{ "no", N_("word:no") },
	{ "phone", N_("word:phone") },
	{ "email", N_("word:email") },
	{ "meeting", N_("word:meeting") },
	{ "chat", N_("word:chat") },
	{ "letter", N_("word:letter") },
	{ "other", N_("word:other") },
	/* steps */
	{ "pending", N_("word:pending") },
	{ "doing", N_("word:doing") },
	{ "done", N_("word:done") },
	{ "skipped", N_("word:skipped") },
	/* timers */
	{ "timer:pending", N_("word:timer:pending") },
	/* column headings whose meaning on screen is not the CLI's (a
	   countdown, not a date): "heading:" and the heading */
	{ "heading:NEXT", N_("word:heading:NEXT") },
	{ "heading:DUE", N_("word:heading:DUE") },
	/* injects (the facilitator's screen) */
	{ "inject:NEXT", N_("word:inject:NEXT") },
	{ "fired", N_("word:fired") },
	{ "satisfied", N_("word:satisfied") },
	{ "overridden", N_("word:overridden") },
	/* blocks */
	{ "requested", N_("word:requested") },
	{ "active", N_("word:active") },
	{ "lifted", N_("word:lifted") },
	/* assets */
	{ "suspected", N_("word:suspected") },
	{ "infected", N_("word:infected") },
	{ "isolated", N_("word:isolated") },
	{ "imaged", N_("word:imaged") },
	{ "clean", N_("word:clean") },
	/* decisions */
	{ "disconnect", N_("word:disconnect") },
	{ "partial", N_("word:partial") },
	{ "defer", N_("word:defer") },
	/* the forms' own choices (no word: the core's default) */
	{ "(by type)", N_("word:(by type)") },
	{ "(widest)", N_("word:(widest)") },
	{ "(suspected: unchanged)", N_("word:(suspected: unchanged)") },
};

const char *
ui_word(const char *word)
{
	if (!word)
		return word;
	for (size_t i = 0; i < sizeof(WORDS) / sizeof(WORDS[0]); i++)
		if (strcmp(WORDS[i].word, word) == 0) {
			const char *l = _(WORDS[i].label);

			return l == WORDS[i].label || strcmp(l, WORDS[i].label) == 0 ? word : l;
		}
	return word;
}

int
ui_time_width(void)
{
	static char lang[8];
	static int width;
	char buf[64];

	/* Measured once per language (a form may switch it: report --lang). */
	if (!width || strcmp(lang, i18n_lang()) != 0) {
		snprintf(lang, sizeof(lang), "%s", i18n_lang());
		i18n_time(buf, sizeof(buf), 1797336000); /* 2026-12-15 12:00 UTC */
		width = ui_width(buf);
		if (width < 1)
			width = 16;
	}
	return width;
}

const char *
ui_word_of(const char *vocab, const char *word)
{
	char key[96];
	const char *l;

	if (!word)
		return word;
	snprintf(key, sizeof(key), "%s:%s", vocab, word);
	l = ui_word(key);
	return l != key ? l : ui_word(word);
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

/* A column's heading as shown: its screen label ("heading:" and the
 * heading) when the language has one, else the heading translated. */
static const char *
heading_text(const char *h)
{
	char key[96];
	const char *l;

	if (!h || !*h)
		return h;
	snprintf(key, sizeof(key), "heading:%s", h);
	l = ui_word(key);
	return l != key ? l : ui_tr(h);
}

void
ui_columns_fit(ui_column *c, int n, int total)
{
	int maxgw = 0;

	for (int i = 0; i < n; i++) {
		int hw = ui_width(heading_text(c[i].heading));
		int want = c[i].width == UI_TIME_COL ? ui_time_width() : c[i].width;

		c[i].shown = want > hw ? want : hw;
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
		ui_cell(w, y, &c[i], heading_text(c[i].heading), UI_HEADER);
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

/* 1 for a character a line must not start with (Japanese punctuation
 * and closing brackets: kinsoku). */
static int
no_line_start(unsigned cp)
{
	static const unsigned NO_START[] = {
		0x3001, 0x3002, 0xff0c, 0xff0e, 0x300d, 0x300f, 0xff09, 0x3011,
		0xff01, 0xff1f, 0x30fc, 0xff1a, 0x30fb, 0x3063, 0x3083, 0x3085, 0x3087,
	};

	for (size_t i = 0; i < sizeof(NO_START) / sizeof(NO_START[0]); i++)
		if (cp == NO_START[i])
			return 1;
	return 0;
}

int
ui_wrap(const char *text, int cols, char lines[][512], int max)
{
	int n = 0;
	const char *p = text;

	if (cols < 1)
		cols = 1;
	while (*p && n < max) {
		/* Break at the last space that fits, or between wide (Japanese)
		 * characters, which need no space; a run of narrow characters
		 * longer than the line (a URL) is cut where the line ends. */
		const char *q = p, *brk = NULL, *resume = NULL;
		int w = 0, prev_wide = 0;
		size_t len;

		while (*q) {
			unsigned cp;
			size_t l = text_utf8_decode(q, strlen(q), &cp);
			int cw;

			if (l == 0) {
				l = 1;
				cp = 0xfffd;
			}
			cw = text_cp_width(cp);
			if (cp == ' ') {
				brk = q;
				resume = q + 1;
			} else if (q > p && (cw == 2 || prev_wide) && !no_line_start(cp)) {
				brk = q;
				resume = q;
			}
			if (w + cw > cols)
				break;
			w += cw;
			prev_wide = cw == 2;
			q += l;
		}
		if (!*q) {
			brk = resume = q;
		} else if (!brk || brk == p) {
			if (q == p) { /* one character wider than the line */
				unsigned cp;
				size_t l = text_utf8_decode(q, strlen(q), &cp);

				q += l ? l : 1;
			}
			brk = resume = q;
		}
		while (brk > p && brk[-1] == ' ')
			brk--;
		len = text_boundary(p, (size_t)(brk - p) < 511 ? (size_t)(brk - p) : 511);
		memcpy(lines[n], p, len);
		lines[n++][len] = '\0';
		p = resume;
	}
	return n;
}
