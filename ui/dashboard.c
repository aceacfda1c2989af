/* dashboard.c - the team lead's view: open cases most urgent first, a
 * window of rows fetched at a time, the selection following the case. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "queries/dashboard.h"
#include "ui/draw.h"
#include "ui/exercise_view.h"
#include "ui/form.h"
#include "ui/ui.h"

#define DASH_MAX_ROWS 256

typedef struct dash {
	dash_filter f;
	char text[256], mine[96];
	dash_row rows[DASH_MAX_ROWS];
	int nrows;
	int64_t top;      /* queue position of rows[0] */
	int cur;          /* the cursor: an index into rows */
	int64_t sel_id;   /* the case under the cursor: followed across refreshes */
	int64_t want_pos; /* a move out of the window: the position wanted, -1 none */
	int64_t total;
	dash_counts counts;
	int quick;        /* 1: only the filter or the window moved: the counts stand */
} dash;

/* Columns, and the order they give way at narrow widths: last activity
 * first, then lead, then status, then the overdue count. The title takes
 * what is left (at least 24 columns). A heading wider in the language
 * than its column widens it (ui_columns_fit). */
enum { COL_ID, COL_SEV, COL_STATUS, COL_TITLE, COL_NEXT, COL_OVD, COL_LEAD, COL_LAST, NCOLS };
static const ui_column COLUMNS[NCOLS] = {
	[COL_ID] = { N_("ID"), 13, 0, 0, 0, 0, 0 },
	[COL_SEV] = { N_("SEV"), 4, 0, 0, 0, 0, 0 },
	[COL_STATUS] = { N_("STATUS"), 10, 0, 3, 0, 0, 0 },
	[COL_TITLE] = { N_("TITLE"), 24, 1, 0, 0, 0, 0 },
	[COL_NEXT] = { N_("NEXT"), 7, 0, 0, 1, 0, 0 },
	[COL_OVD] = { N_("OVD"), 3, 0, 4, 1, 0, 0 },
	[COL_LEAD] = { N_("LEAD"), 10, 0, 2, 0, 0, 0 },
	[COL_LAST] = { N_("ACTIVE"), 6, 0, 1, 1, 0, 0 },
};

static int
visible_rows(ui_app *app)
{
	int n = app->rows - 4; /* title bar, headings, hints, status */

	if (n < 1)
		n = 1;
	return n > DASH_MAX_ROWS ? DASH_MAX_ROWS : n;
}

static int
fetch(ui_app *app, dash *d, ird_err *e)
{
	return dashboard_window(app->ctx, &d->f, d->top, visible_rows(app), d->rows, &d->nrows,
	                        &d->total, e);
}

static int
dash_recalc(ui_app *app, ui_view *v, ird_err *e)
{
	dash *d = v->data;
	int vis = visible_rows(app), rc;
	int64_t pos = -1, fetched = -1; /* the top of a window already read */

	d->f.text = d->text[0] ? d->text : NULL;
	d->f.mine = d->mine[0] ? d->mine : NULL;
	/* The header's counts do not depend on the text filter or the cursor. */
	if (!d->quick && (rc = dashboard_counts(app->ctx, d->f.exercise, &d->counts, e)) != IRD_OK)
		return rc;
	d->quick = 0;
	if (d->want_pos >= 0) {
		pos = d->want_pos;
		d->want_pos = -1; /* the total of the last fetch serves; the next corrects it */
	} else {
		/* Follow the selected case: in the window as it is, or wherever it went. */
		if ((rc = fetch(app, d, e)) != IRD_OK)
			return rc;
		fetched = d->top;
		for (int i = 0; i < d->nrows; i++)
			if (d->rows[i].id == d->sel_id && i < vis) {
				d->cur = i;
				return IRD_OK;
			}
		if (d->sel_id &&
		    (rc = dashboard_position(app->ctx, &d->f, d->sel_id, &pos, e)) != IRD_OK)
			return rc;
		if (pos < 0)
			pos = d->top + d->cur; /* the case left the queue: keep the row */
	}
	if (pos >= d->total)
		pos = d->total - 1;
	if (pos < 0)
		pos = 0;
	if (pos < d->top)
		d->top = pos;
	if (pos >= d->top + vis)
		d->top = pos - vis + 1;
	if (d->top > d->total - vis)
		d->top = d->total - vis;
	if (d->top < 0)
		d->top = 0;
	/* The window moved (or was not read yet): read it. */
	if (d->top != fetched && (rc = fetch(app, d, e)) != IRD_OK)
		return rc;
	d->cur = (int)(pos - d->top);
	if (d->cur >= d->nrows)
		d->cur = d->nrows > 0 ? d->nrows - 1 : 0;
	d->sel_id = d->nrows > 0 ? d->rows[d->cur].id : 0;
	return IRD_OK;
}

static void
draw_title(ui_app *app, dash *d)
{
	char left[256], right[512];
	int rw;

	/* TRANSLATORS: the dashboard's top line: open cases, cases with an
	   overdue timer, open cases by severity. Keep it short (80 columns
	   hold it and the filter). */
	text_snprintf(left, sizeof(left),
	         _(" irdesk  open %lld  overdue %lld  critical %lld high %lld medium %lld low %lld"),
	         (long long)d->counts.open, (long long)d->counts.overdue_cases,
	         (long long)d->counts.sev[0], (long long)d->counts.sev[1],
	         (long long)d->counts.sev[2], (long long)d->counts.sev[3]);
	text_snprintf(right, sizeof(right), "%s%s%s%s%s%s %lld/%lld ", d->text[0] ? " /" : "",
	         d->text, d->mine[0] ? _(" [mine]") : "", d->f.closed ? _(" [closed]") : "",
	         d->f.exercise ? _(" [exercise]") : "",
	         d->f.exercise || d->f.closed || d->mine[0] || d->text[0] ? " " : "",
	         (long long)(d->total ? d->top + d->cur + 1 : 0), (long long)d->total);
	ui_fill(stdscr, 0, 0, app->cols, UI_TITLEBAR);
	rw = ui_width(right);
	if (rw > app->cols / 2)
		rw = app->cols / 2;
	ui_text(stdscr, 0, 0, left, app->cols - rw, UI_TITLEBAR);
	ui_text_right(stdscr, 0, app->cols - rw, right, rw, UI_TITLEBAR);
}

static const char *
sev_short(const char *s)
{
	const char *label = ui_word(s);

	if (label != s)
		return label; /* the language's own (short) label */
	if (strcmp(s, "critical") == 0)
		return "crit";
	if (strcmp(s, "medium") == 0)
		return "med";
	return s;
}

static void
draw_row(ui_app *app, const ui_column *col, int y, const dash_row *r, int selected, int64_t real)
{
	int64_t now = dashboard_row_now(r, real); /* an exercise case: its own clock */
	char buf[48];
	enum ui_role base = selected ? UI_SELECTED : r->status[0] == 'c' && strcmp(r->status, "closed") == 0 ? UI_DIM : UI_NORMAL;
	int overdue = r->next_due && r->next_due < now;

	ui_fill(stdscr, y, 0, app->cols, base);
	ui_cell(stdscr, y, &col[COL_ID], r->hid, base);
	ui_cell(stdscr, y, &col[COL_SEV], sev_short(r->severity),
	        selected ? base : ui_severity_role(r->severity));
	ui_cell(stdscr, y, &col[COL_STATUS], ui_word(r->status), base);
	if (r->exercise && col[COL_TITLE].shown > 12) {
		ui_column t = col[COL_TITLE];
		/* TRANSLATORS: the mark of an exercise case (keep it short). */
		const char *mark = _("EXERCISE");
		int mw = ui_width(mark) > 8 ? 8 : ui_width(mark);

		ui_text(stdscr, y, t.x, mark, mw, UI_EXERCISE);
		t.x += mw + 1;
		t.shown -= mw + 1;
		ui_cell(stdscr, y, &t, r->title, base);
	} else {
		ui_cell(stdscr, y, &col[COL_TITLE], r->title, base);
	}
	ui_countdown(r->next_due, now, buf, sizeof(buf));
	ui_cell(stdscr, y, &col[COL_NEXT], buf,
	        selected ? base : overdue ? UI_OVERDUE
	        : r->next_due && r->next_due - now < 3600 ? UI_SOON : base);
	snprintf(buf, sizeof(buf), "%lld", (long long)r->overdue);
	ui_cell(stdscr, y, &col[COL_OVD], buf, !selected && r->overdue ? UI_OVERDUE : base);
	ui_cell(stdscr, y, &col[COL_LEAD], r->lead[0] ? r->lead : "-", base);
	if (r->last_activity)
		ui_countdown(now, r->last_activity, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "-");
	ui_cell(stdscr, y, &col[COL_LAST], buf, base);
}

static void
dash_draw(ui_app *app, ui_view *v)
{
	dash *d = v->data;
	ui_column col[NCOLS];
	int64_t now = clock_now(&app->ctx->clock);
	int vis = visible_rows(app);

	memcpy(col, COLUMNS, sizeof(col));
	ui_columns_fit(col, NCOLS, app->cols);
	draw_title(app, d);
	ui_columns_heading(stdscr, 1, col, NCOLS, app->cols);
	for (int i = 0; i < d->nrows && i < vis; i++)
		draw_row(app, col, 2 + i, &d->rows[i], i == d->cur, now);
	if (d->nrows == 0)
		ui_text(stdscr, 3, 2,
		        d->text[0] || d->mine[0] ? _("no case matches the filter (/ to change it)")
		                                 : _("no open case (n opens one)"),
		        app->cols - 4, UI_DIM);
}

/* Move the cursor to queue position POS: a repaint inside the window,
 * a fetch of the new window outside it. */
static void
move_to(ui_app *app, ui_view *v, int64_t pos)
{
	dash *d = v->data;

	if (d->total == 0)
		return;
	if (pos < 0)
		pos = 0;
	if (pos >= d->total)
		pos = d->total - 1;
	if (pos >= d->top && pos < d->top + d->nrows) {
		d->cur = (int)(pos - d->top);
		d->sel_id = d->rows[d->cur].id;
		ui_dirty(app, v, UI_REPAINT);
	} else {
		d->want_pos = pos;
		d->quick = 1;
		ui_dirty(app, v, UI_RECALC);
	}
}

static int64_t
pos_of(ui_view *v)
{
	dash *d = v->data;

	return d->top + d->cur;
}

static void k_down(ui_app *app, ui_view *v, int key) { move_to(app, v, pos_of(v) + 1); }
static void k_up(ui_app *app, ui_view *v, int key) { move_to(app, v, pos_of(v) - 1); }
static void k_pgdn(ui_app *app, ui_view *v, int key) { move_to(app, v, pos_of(v) + visible_rows(app)); }
static void k_pgup(ui_app *app, ui_view *v, int key) { move_to(app, v, pos_of(v) - visible_rows(app)); }
static void k_first(ui_app *app, ui_view *v, int key) { move_to(app, v, 0); }

static void
k_last(ui_app *app, ui_view *v, int key)
{
	move_to(app, v, ((dash *)v->data)->total - 1);
}

static void
k_open(ui_app *app, ui_view *v, int key)
{
	dash *d = v->data;

	if (d->nrows > 0)
		ui_open_case(app, d->rows[d->cur].id);
}

static void
k_facilitator(ui_app *app, ui_view *v, int key)
{
	dash *d = v->data;

	if (d->nrows > 0)
		ui_open_exercise(app, d->rows[d->cur].id);
}

static void
live_filter(ui_app *app, const char *text, void *arg)
{
	ui_view *v = arg;
	dash *d = v->data;

	snprintf(d->text, sizeof(d->text), "%s", text);
	d->quick = 1;
	ui_dirty(app, v, UI_RECALC);
}

static void
k_filter(ui_app *app, ui_view *v, int key)
{
	dash *d = v->data;
	char before[sizeof(d->text)], out[sizeof(d->text)];

	snprintf(before, sizeof(before), "%s", d->text);
	if (ui_prompt(app, _("filter (id, title, lead, indicator): "), d->text, out, sizeof(out),
	              live_filter, v))
		snprintf(d->text, sizeof(d->text), "%s", out);
	else
		d->text[0] = '\0'; /* Esc clears the filter */
	ui_dirty(app, v, UI_RECALC);
}

static void
k_mine(ui_app *app, ui_view *v, int key)
{
	dash *d = v->data;

	if (d->mine[0])
		d->mine[0] = '\0';
	else
		snprintf(d->mine, sizeof(d->mine), "%s", app->ctx->actor);
	if (d->mine[0])
		ui_message(app, _("showing cases %s leads or has a step of"), app->ctx->actor);
	else
		ui_message(app, "%s", _("showing every case"));
	ui_dirty(app, v, UI_RECALC);
}

static void
k_closed(ui_app *app, ui_view *v, int key)
{
	dash *d = v->data;

	d->f.closed = !d->f.closed;
	ui_message(app, "%s", d->f.closed ? _("closed cases shown") : _("closed cases hidden"));
	ui_dirty(app, v, UI_RECALC);
}

static void
k_exercise(ui_app *app, ui_view *v, int key)
{
	dash *d = v->data;

	d->f.exercise = !d->f.exercise;
	ui_message(app, "%s", d->f.exercise ? _("exercise cases shown (marked EXERCISE)")
	                                    : _("exercise cases hidden"));
	ui_dirty(app, v, UI_RECALC);
}

static void k_new(ui_app *app, ui_view *v, int key) { ui_new_case(app); }
static void k_quit(ui_app *app, ui_view *v, int key) { ui_pop(app); }
static void k_reload(ui_app *app, ui_view *v, int key) { ui_changed(app); }

static const ui_key DASH_KEYS[] = {
	{ UI_FN(KEY_DOWN), "Down", N_("next case"), k_down },
	{ 'j', "j", NULL, k_down },
	{ UI_FN(KEY_UP), "Up", N_("previous case"), k_up },
	{ 'k', "k", NULL, k_up },
	{ UI_FN(KEY_NPAGE), "PgDn", N_("a page down"), k_pgdn },
	{ UI_FN(KEY_PPAGE), "PgUp", N_("a page up"), k_pgup },
	{ 'g', "g", N_("first case"), k_first },
	{ UI_FN(KEY_HOME), "Home", NULL, k_first },
	{ 'G', "G", N_("last case"), k_last },
	{ UI_FN(KEY_END), "End", NULL, k_last },
	{ UI_KEY_ENTER, "Enter", N_("open the case"), k_open },
	{ '/', "/", N_("filter by text: id, title, lead, indicator (Esc clears)"), k_filter },
	{ 'm', "m", N_("my cases (I lead or have a step) / all"), k_mine },
	{ 'c', "c", N_("show / hide closed cases"), k_closed },
	{ 'x', "x", N_("show / hide exercise cases"), k_exercise },
	{ 'F', "F", N_("the facilitator's screen of the selected exercise case"), k_facilitator },
	{ 'n', "n", N_("new case"), k_new },
	{ 'R', "R", N_("read the store again"), k_reload },
	{ 'q', "q", N_("quit irdesk"), k_quit },
	{ UI_CTRL('c'), "^C", NULL, k_quit },
	{ 0, NULL, NULL, NULL },
};

static int
dash_open(ui_app *app, ui_view *v, void *arg, ird_err *e)
{
	dash *d = calloc(1, sizeof(*d));

	if (!d)
		return ird_fail(e, IRD_EFAIL, "%s", _("out of memory"));
	d->want_pos = -1;
	v->data = d;
	v->case_id = 0;
	return IRD_OK;
}

static void
dash_close(ui_app *app, ui_view *v)
{
	free(v->data);
}

const ui_view_ops ui_dashboard_view = {
	.name = N_("dashboard"),
	.open = dash_open,
	.recalc = dash_recalc,
	.draw = dash_draw,
	.keys = DASH_KEYS,
	.hints = N_(" Enter open / filter m mine n new c closed x exercise : command ? help q quit"),
	.close = dash_close,
};
