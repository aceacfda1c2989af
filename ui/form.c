/* form.c - forms, confirmation and the one-line prompt, with wide-char
 * editing; every key read through ui_input(). */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/text.h"
#include "ui/draw.h"
#include "ui/form.h"

static const char *const YESNO[] = { "yes", "no", NULL };

static const char *const *
field_choices(const ui_field *fld)
{
	return fld->kind == UI_F_YESNO ? YESNO : fld->choices;
}

int
ui_field_choice(const ui_field *fld)
{
	const char *const *c = field_choices(fld);

	for (int i = 0; c && c[i]; i++)
		if (strcmp(c[i], fld->value) == 0)
			return i;
	return -1;
}

void
ui_field_load(ui_field *fld)
{
	mbstate_t st;
	const char *p = fld->value;
	size_t left = strlen(p);

	memset(&st, 0, sizeof(st));
	fld->len = 0;
	while (left > 0 && fld->len < UI_FIELD_CHARS) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, p, left, &st);

		if (n == 0 || n == (size_t)-1 || n == (size_t)-2) {
			/* Not valid in the locale: take the byte as U+FFFD. */
			wc = 0xfffd;
			n = 1;
			memset(&st, 0, sizeof(st));
		}
		fld->buf[fld->len++] = wc;
		p += n;
		left -= n;
	}
	fld->buf[fld->len] = 0;
	fld->cur = fld->len;
	fld->scroll = 0;
}

void
ui_field_store(ui_field *fld)
{
	mbstate_t st;
	size_t o = 0;

	memset(&st, 0, sizeof(st));
	for (int i = 0; i < fld->len; i++) {
		char mb[MB_LEN_MAX];
		size_t n = wcrtomb(mb, fld->buf[i], &st);

		if (n == (size_t)-1 || o + n >= sizeof(fld->value))
			break;
		memcpy(fld->value + o, mb, n);
		o += n;
	}
	fld->value[o] = '\0';
}

static int
wc_width(wchar_t wc)
{
	return text_cp_width((unsigned)wc);
}

/* A character a field accepts: printable, with a width (no controls, no
 * escapes, no zero-width marks that would put the cursor inside text). */
static int
insertable(int key)
{
	if (key < 0x20 || key >= UI_FN(0) || key == 0x7f || (key >= 0x80 && key < 0xa0))
		return 0;
	if (key > 0x10ffff || (key >= 0xd800 && key <= 0xdfff))
		return 0;
	if ((key >= 0x202a && key <= 0x202e) || (key >= 0x2066 && key <= 0x2069) ||
	    key == 0x2028 || key == 0x2029)
		return 0;
	return iswprint((wint_t)key) && wc_width((wchar_t)key) > 0;
}

static int
edit_choice(ui_field *fld, int key)
{
	const char *const *c = field_choices(fld);
	int n = 0, i = ui_field_choice(fld);

	while (c && c[n])
		n++;
	if (n == 0)
		return 0;
	if (key == ' ' || key == UI_FN(KEY_RIGHT)) {
		i = (i + 1) % n;
	} else if (key == UI_FN(KEY_LEFT)) {
		i = i <= 0 ? n - 1 : i - 1;
	} else if (key > ' ' && key < 0x7f) {
		int j;

		for (j = 0; j < n; j++) {
			int k = (i + 1 + j) % n;

			if ((unsigned char)c[k][0] == key) {
				i = k;
				break;
			}
		}
		if (j == n)
			return 0;
	} else {
		return 0;
	}
	snprintf(fld->value, sizeof(fld->value), "%s", c[i]);
	return 1;
}

int
ui_field_edit(ui_field *fld, int key)
{
	if (fld->kind == UI_F_CHOICE || fld->kind == UI_F_YESNO)
		return edit_choice(fld, key);
	switch (key) {
	case UI_FN(KEY_LEFT):
		if (fld->cur > 0)
			fld->cur--;
		return 0;
	case UI_FN(KEY_RIGHT):
		if (fld->cur < fld->len)
			fld->cur++;
		return 0;
	case UI_FN(KEY_HOME):
	case UI_CTRL('a'):
		fld->cur = 0;
		return 0;
	case UI_FN(KEY_END):
	case UI_CTRL('e'):
		fld->cur = fld->len;
		return 0;
	case UI_KEY_BACKSPACE:
		if (fld->cur == 0)
			return 0;
		memmove(fld->buf + fld->cur - 1, fld->buf + fld->cur,
		        (size_t)(fld->len - fld->cur + 1) * sizeof(wchar_t));
		fld->cur--;
		fld->len--;
		break;
	case UI_FN(KEY_DC):
	case UI_CTRL('d'):
		if (fld->cur >= fld->len)
			return 0;
		memmove(fld->buf + fld->cur, fld->buf + fld->cur + 1,
		        (size_t)(fld->len - fld->cur) * sizeof(wchar_t));
		fld->len--;
		break;
	case UI_CTRL('u'):
		fld->len = fld->cur = 0;
		fld->buf[0] = 0;
		break;
	case UI_CTRL('w'): {
		int start = fld->cur;

		while (start > 0 && iswspace((wint_t)fld->buf[start - 1]))
			start--;
		while (start > 0 && !iswspace((wint_t)fld->buf[start - 1]))
			start--;
		memmove(fld->buf + start, fld->buf + fld->cur,
		        (size_t)(fld->len - fld->cur + 1) * sizeof(wchar_t));
		fld->len -= fld->cur - start;
		fld->cur = start;
		break;
	}
	default:
		if (!insertable(key) || fld->len >= UI_FIELD_CHARS)
			return 0;
		memmove(fld->buf + fld->cur + 1, fld->buf + fld->cur,
		        (size_t)(fld->len - fld->cur + 1) * sizeof(wchar_t));
		fld->buf[fld->cur++] = (wchar_t)key;
		fld->len++;
		break;
	}
	ui_field_store(fld);
	return 1;
}

int
ui_field_draw(WINDOW *w, int y, int x, int cols, ui_field *fld, int focus)
{
	enum ui_role role = focus ? UI_FIELD_FOCUS : UI_FIELD;
	char text[UI_FIELD_MAX + 8];
	int width = 0, curx;

	if (fld->kind == UI_F_CHOICE || fld->kind == UI_F_YESNO) {
		/* The word chosen: its label in the language, with the word
		 * (typed on the command line, its first letter a key here). */
		const char *label = ui_word(fld->value);

		if (label != fld->value && fld->kind == UI_F_CHOICE && fld->value[0] != '(')
			text_snprintf(text, sizeof(text), "< %s (%s) >", label, fld->value);
		else
			text_snprintf(text, sizeof(text), "< %s >", label);
		ui_text(w, y, x, text, cols, role);
		return x + 2;
	}
	/* Scroll so that the cursor (one column after the text) shows. */
	if (fld->cur < fld->scroll)
		fld->scroll = fld->cur;
	for (;;) {
		width = 0;
		for (int i = fld->scroll; i < fld->cur; i++)
			width += wc_width(fld->buf[i]);
		if (width < cols || fld->scroll >= fld->cur)
			break;
		fld->scroll++;
	}
	curx = x + width;
	{
		mbstate_t st;
		size_t o = 0;
		int used = 0;

		memset(&st, 0, sizeof(st));
		for (int i = fld->scroll; i < fld->len; i++) {
			char mb[MB_LEN_MAX];
			int cw = wc_width(fld->buf[i]);
			size_t n;

			if (used + cw > cols)
				break; /* a wide character never straddles the edge */
			n = wcrtomb(mb, fld->buf[i], &st);
			if (n == (size_t)-1 || o + n >= sizeof(text))
				break;
			memcpy(text + o, mb, n);
			o += n;
			used += cw;
		}
		text[o] = '\0';
		/* Pad by hand: text_fit would cut a full field with "…". */
		ui_fill(w, y, x, cols, role);
		wattrset(w, ui_attr(role));
		mvwaddstr(w, y, x, text);
		wattrset(w, A_NORMAL);
	}
	return curx;
}

/* Check one field as the core would: required, vocabulary, time, then
 * its own check. Sets fld->error; returns 1 if valid. */
static int
field_valid(ui_field *fld)
{
	ird_err e = { 0 };

	fld->error[0] = '\0';
	if (fld->required && !fld->value[0]) {
		snprintf(fld->error, sizeof(fld->error), "%s", _("required"));
		return 0;
	}
	if ((fld->kind == UI_F_CHOICE || fld->kind == UI_F_YESNO) && fld->value[0] &&
	    ui_field_choice(fld) < 0) {
		snprintf(fld->error, sizeof(fld->error), "%s", _("not one of the choices"));
		return 0;
	}
	fld->time = 0;
	if (fld->kind == UI_F_TIME && fld->value[0] &&
	    clock_parse(fld->value, &fld->time, &e) != IRD_OK) {
		snprintf(fld->error, sizeof(fld->error), "%s", e.msg);
		return 0;
	}
	if (fld->check && fld->check(fld->value, fld->check_arg, &e) != IRD_OK) {
		snprintf(fld->error, sizeof(fld->error), "%s", e.msg[0] ? e.msg : _("invalid"));
		return 0;
	}
	return 1;
}

#define LABEL_W 14

/* The lines of F's info (at most UI_FORM_INFO_LINES): starts in START,
 * lengths in LEN; returns how many. */
static int
info_lines(const ui_form *f, const char **start, int *len)
{
	const char *p = f->info;
	int n = 0;

	while (*p && n < UI_FORM_INFO_LINES) {
		const char *nl = strchr(p, '\n');
		int l = nl ? (int)(nl - p) : (int)strlen(p);

		start[n] = p;
		len[n++] = l;
		p += l + (nl ? 1 : 0);
	}
	return n;
}

static void
form_draw(ui_app *app, ui_form *f, int *cy, int *cx)
{
	const char *istart[UI_FORM_INFO_LINES];
	int ilen[UI_FORM_INFO_LINES], ni = info_lines(f, istart, ilen), top = ni ? ni + 1 : 0;
	int wd = app->cols - 4 > 76 ? 76 : app->cols - 4;
	int per = f->nfields * 2 + 5 + top <= app->rows - 2 ? 2 : 1;
	int h = f->nfields * per + 5 + top, x = (app->cols - wd) / 2, y = (app->rows - h) / 2;
	int fx = x + 2 + LABEL_W + 2, fw = wd - (fx - x) - 2;

	if (y < 0)
		y = 0;
	ui_box(stdscr, y, x, h, wd, ui_tr(f->title), UI_FORM);
	for (int i = 0; i < ni; i++) {
		char line[sizeof(f->info)];

		snprintf(line, sizeof(line), "%.*s", ilen[i], istart[i]);
		ui_text(stdscr, y + 2 + i, x + 2, line, wd - 4, UI_FORM);
	}
	for (int i = 0; i < f->nfields; i++) {
		ui_field *fld = &f->fields[i];
		int row = y + 2 + top + i * per, col;
		int fieldw = fw;

		ui_text_right(stdscr, row, x + 2, ui_tr(fld->label), LABEL_W, UI_FORM);
		ui_text(stdscr, row, x + 2 + LABEL_W, ":", 1, UI_FORM);
		if (per == 1 && (fld->error[0] || fld->note[0]))
			fieldw = fw / 2;
		col = ui_field_draw(stdscr, row, fx, fieldw, fld, i == f->focus);
		if (per == 2 || fieldw != fw) {
			int ey = per == 2 ? row + 1 : row;
			int ex = per == 2 ? fx : fx + fieldw + 1;
			int ew = per == 2 ? fw : fw - fieldw - 1;

			if (fld->error[0])
				ui_text(stdscr, ey, ex, fld->error, ew, UI_ERROR);
			else if (fld->note[0])
				ui_text(stdscr, ey, ex, fld->note, ew, UI_FORM);
		}
		if (i == f->focus) {
			*cy = row;
			*cx = col;
		}
	}
	ui_text(stdscr, y + h - 3, x + 2, f->error, wd - 4, f->error[0] ? UI_ERROR : UI_FORM);
	ui_text(stdscr, y + h - 2, x + 2,
	        _("Tab/Enter next  S-Tab back  ^X confirm  Esc cancel (writes nothing)"),
	        wd - 4, UI_FORM);
}

static void
field_changed(ui_field *fld)
{
	fld->error[0] = '\0';
	if (fld->preview) {
		fld->note[0] = '\0';
		fld->preview(fld->value, fld->preview_arg, fld->note, sizeof(fld->note));
	}
}

/* Validate every field; focus the first bad one. 1 if all are valid. */
static int
form_valid(ui_form *f)
{
	int first = -1;

	for (int i = 0; i < f->nfields; i++)
		if (!field_valid(&f->fields[i]) && first < 0)
			first = i;
	if (first >= 0) {
		f->focus = first;
		text_snprintf(f->error, sizeof(f->error), "%s: %s", ui_tr(f->fields[first].label),
		              f->fields[first].error);
		return 0;
	}
	return 1;
}

static int
form_submit(ui_app *app, ui_form *f)
{
	ird_err e = { 0 };

	f->error[0] = '\0';
	if (!form_valid(f))
		return 0;
	if (f->submit(app, f, f->arg, &e) != IRD_OK) {
		char *clean;

		if (e.code == IRD_EBUSY) {
			/* The store was locked: said short, in the form and the status bar. */
			ui_error(app, &e);
			snprintf(f->error, sizeof(f->error), "%s", app->msg);
			return 0;
		}
		clean = text_sanitize(e.msg[0] ? e.msg : _("failed"));

		text_snprintf(f->error, sizeof(f->error), "%s", clean ? clean : _("failed"));
		free(clean);
		return 0;
	}
	return 1;
}

int
ui_form_run(ui_app *app, ui_form *f)
{
	f->error[0] = '\0';
	f->focus = 0;
	for (int i = 0; i < f->nfields; i++) {
		ui_field_load(&f->fields[i]);
		f->fields[i].error[0] = '\0';
		field_changed(&f->fields[i]);
	}
	if (f->changed)
		f->changed(app, f, f->arg);
	for (;;) {
		int key, cy = 0, cx = 0;
		ui_field *fld = &f->fields[f->focus];

		ui_paint(app);
		if (!app->too_small) {
			form_draw(app, f, &cy, &cx);
			move(cy, cx);
			curs_set(fld->kind == UI_F_CHOICE || fld->kind == UI_F_YESNO ? 0 : 1);
		}
		ui_frame(app);
		key = ui_input(app);
		curs_set(0);
		if (key == UI_EV_QUIT)
			return 0;
		if (key == UI_EV_REDRAW || app->too_small)
			continue;
		if (key == UI_KEY_ESC) {
			ui_message(app, _("%s: cancelled, nothing written"), ui_tr(f->title));
			return 0;
		}
		if (key == UI_CTRL('x') || key == UI_FN(KEY_F(10)) ||
		    (key == UI_KEY_ENTER && f->focus == f->nfields - 1)) {
			if (form_submit(app, f))
				return 1;
			continue;
		}
		if (key == UI_KEY_TAB || key == UI_FN(KEY_DOWN) || key == UI_KEY_ENTER) {
			field_valid(fld);
			f->focus = (f->focus + 1) % f->nfields;
			continue;
		}
		if (key == UI_FN(KEY_BTAB) || key == UI_FN(KEY_UP)) {
			field_valid(fld);
			f->focus = (f->focus + f->nfields - 1) % f->nfields;
			continue;
		}
		if (key == 'y' && fld->kind == UI_F_YESNO) {
			snprintf(fld->value, sizeof(fld->value), "yes");
		} else if (key == 'n' && fld->kind == UI_F_YESNO) {
			snprintf(fld->value, sizeof(fld->value), "no");
		} else if (!ui_field_edit(fld, key)) {
			continue;
		}
		field_changed(fld);
		if (f->changed)
			f->changed(app, f, f->arg);
	}
}

int
ui_confirm(ui_app *app, const char *question)
{
	for (;;) {
		int wd = app->cols - 8 > 70 ? 70 : app->cols - 8, x = (app->cols - wd) / 2;
		char lines[6][512];
		int n = ui_wrap(question, wd - 4, lines, 6), h = n + 5, y = (app->rows - h) / 2, key;

		ui_paint(app);
		if (!app->too_small) {
			ui_box(stdscr, y, x, h, wd, _("Confirm"), UI_FORM);
			for (int i = 0; i < n; i++)
				ui_text(stdscr, y + 2 + i, x + 2, lines[i], wd - 4, UI_FORM);
			ui_text(stdscr, y + 2 + n, x + 2, _("y: yes, do it   n or Esc: no"), wd - 4,
			        UI_FORM);
		}
		ui_frame(app);
		key = ui_input(app);
		if (key == UI_EV_QUIT)
			return 0;
		if (key == UI_EV_REDRAW || app->too_small)
			continue;
		if (key == 'y' || key == 'Y')
			return 1;
		if (key == 'n' || key == 'N' || key == UI_KEY_ESC || key == UI_KEY_ENTER ||
		    key == 'q')
			return 0;
	}
}

int
ui_prompt(ui_app *app, const char *label, const char *initial, char *out, size_t len,
          void (*on_edit)(ui_app *app, const char *text, void *arg), void *arg)
{
	ui_field *fld = calloc(1, sizeof(*fld));
	int rc = 0;

	if (!fld)
		return 0;
	fld->kind = UI_F_TEXT;
	snprintf(fld->value, sizeof(fld->value), "%s", initial ? initial : "");
	ui_field_load(fld);
	for (;;) {
		int key, lw = ui_width(ui_tr(label)), cx = 0;

		ui_paint(app);
		if (!app->too_small) {
			ui_text(stdscr, app->rows - 1, 0, ui_tr(label), lw, UI_NORMAL);
			cx = ui_field_draw(stdscr, app->rows - 1, lw, app->cols - lw - 1, fld, 1);
			move(app->rows - 1, cx);
			curs_set(1);
		}
		ui_frame(app);
		key = ui_input(app);
		curs_set(0);
		if (key == UI_EV_QUIT || key == UI_KEY_ESC)
			break;
		if (key == UI_EV_REDRAW || app->too_small)
			continue;
		if (key == UI_KEY_ENTER) {
			snprintf(out, len, "%s", fld->value);
			rc = 1;
			break;
		}
		if (ui_field_edit(fld, key) && on_edit)
			on_edit(app, fld->value, arg);
	}
	free(fld);
	return rc;
}
