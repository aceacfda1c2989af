/* case_view.c - the case screen: its header (id, title, severity,
 * status, TLP, age, overdue count, EXERCISE) over nine tabs (Steps,
 * Timers, Timeline, Indicators, Blocks, Assets, Evidence, Notifications,
 * Decisions), each a list with a cursor. Only the tab on screen is read
 * (ui/case_tabs.c), in recalc; a cursor move repaints without a query.
 * Each tab has its own key table (navigation, the forms every tab has,
 * and the tab's own actions), so `?` lists exactly the keys that work. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "base/text.h"
#include "records/case.h"
#include "records/timer.h"
#include "ui/case.h"
#include "ui/case_intake.h"
#include "ui/draw.h"
#include "ui/exercise_view.h"
#include "ui/ui.h"

/* Rows: 0-1 the header, 2 the tabs, 3 the column headings, then the
 * list down to the hints line. */
#define LIST_TOP 4
#define LIST_ROWS(app) ((app)->rows - 2 - LIST_TOP)

/* ---- rows -------------------------------------------------------------------- */

cs_row *
cs_add_row(case_screen *cs, int64_t id)
{
	cs_row *r;

	if (cs->nrows == cs->cap) {
		int cap = cs->cap ? cs->cap * 2 : 64;
		cs_row *n = realloc(cs->rows, (size_t)cap * sizeof(*n));

		if (!n) {
			cs->oom = 1;
			return NULL;
		}
		cs->rows = n;
		cs->cap = cap;
	}
	r = &cs->rows[cs->nrows++];
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->role = UI_NORMAL;
	return r;
}

void
cs_cell(case_screen *cs, cs_row *r, int col, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	if (col < 0 || col >= CS_COLS)
		return;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s) {
		cs->oom = 1;
		return;
	}
	free(r->cell[col]);
	r->cell[col] = s;
}

void
cs_detail(case_screen *cs, cs_row *r, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL, *n = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (s && asprintf(&n, "%s%s\n", r->detail ? r->detail : "", s) < 0)
		n = NULL;
	free(s);
	if (!n) {
		cs->oom = 1;
		return;
	}
	free(r->detail);
	r->detail = n;
}

void
cs_rows_clear(case_screen *cs)
{
	for (int i = 0; i < cs->nrows; i++) {
		for (int c = 0; c < CS_COLS; c++)
			free(cs->rows[i].cell[c]);
		free(cs->rows[i].detail);
	}
	cs->nrows = 0;
	cs->oom = 0;
}

const cs_row *
cs_selected(const case_screen *cs)
{
	int i = cs->cur[cs->tab];

	return i >= 0 && i < cs->nrows ? &cs->rows[i] : NULL;
}

void
cs_time(int64_t t, char *buf, size_t len)
{
	if (!t || !i18n_time(buf, len, t))
		snprintf(buf, len, "-");
}

const ioc_normalizer *
cs_normalizer(case_screen *cs, ird_err *e)
{
	if (!cs->norm && ioc_normalizer_new(&cs->norm, e) != IRD_OK)
		return NULL;
	return cs->norm;
}

/* ---- the header ---------------------------------------------------------------- */

void
ui_case_header(ui_app *app, int y, const case_row *c, int64_t overdue)
{
	int64_t now = clock_now(&app->ctx->clock);
	char left[400], right[96], age[24], tlp[24], opened[64], more[400], cause[200];
	int rw, x;

	/* Row Y: id, severity, status, TLP, lead, age, EXERCISE; overdue. */
	snprintf(tlp, sizeof(tlp), "%s", c->tlp ? c->tlp : "");
	for (char *p = tlp; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	clock_format_duration(now - c->opened_at, age, sizeof(age));
	ui_time_zone(opened, sizeof(opened), c->opened_at);
	/* TRANSLATORS: the case header: id, severity, status, TLP, lead,
	   how long the case has been open. */
	text_snprintf(left, sizeof(left), _(" %s  %s  %s  TLP:%s  lead %s  open %s "), c->hid,
	              ui_word(c->severity), ui_word(c->status), tlp, c->lead ? c->lead : "-", age);
	text_snprintf(right, sizeof(right), _(" overdue %lld "), (long long)overdue);
	rw = ui_width(right);
	ui_fill(stdscr, y, 0, app->cols, UI_TITLEBAR);
	ui_text(stdscr, y, 0, left, app->cols - rw, UI_TITLEBAR);
	ui_text(stdscr, y, app->cols - rw, right, rw, overdue ? UI_OVERDUE : UI_TITLEBAR);
	/* Row Y+1: EXERCISE, the title as wide as the screen allows; when
	 * it was opened, personal data and the cause when there are. */
	cause[0] = '\0';
	if (c->cause)
		text_snprintf(cause, sizeof(cause), _("  cause %s"), c->cause);
	/* TRANSLATORS: the case header's second line, after the title:
	   "  personal data" when there is, the cause, when it was opened. */
	text_snprintf(more, sizeof(more), _("  %s%s  since %s "),
	              c->personal_data ? _("  personal data") : "", cause, opened);
	rw = ui_width(more);
	ui_fill(stdscr, y + 1, 0, app->cols, UI_HEADER);
	x = 1;
	if (c->exercise) {
		const char *mark = _("EXERCISE");
		int mw = ui_width(mark) > 8 ? 8 : ui_width(mark);

		ui_text(stdscr, y + 1, x, mark, mw, UI_EXERCISE);
		x += mw + 1;
	}
	ui_text(stdscr, y + 1, x, c->title, app->cols - x - rw, UI_HEADER);
	ui_text(stdscr, y + 1, app->cols - rw, more, rw, UI_HEADER);
}

/* ---- recalc and draw ------------------------------------------------------------ */

/* Keep the cursor of the tab on screen inside the list and in view. */
static void
cs_scroll(ui_app *app, case_screen *cs)
{
	int t = cs->tab, vis = LIST_ROWS(app);

	if (vis < 1)
		vis = 1;
	if (cs->cur[t] >= cs->nrows)
		cs->cur[t] = cs->nrows - 1;
	if (cs->cur[t] < 0)
		cs->cur[t] = 0;
	if (cs->top[t] > cs->cur[t])
		cs->top[t] = cs->cur[t];
	if (cs->cur[t] >= cs->top[t] + vis)
		cs->top[t] = cs->cur[t] - vis + 1;
	if (cs->top[t] > cs->nrows - vis)
		cs->top[t] = cs->nrows - vis;
	if (cs->top[t] < 0)
		cs->top[t] = 0;
	cs->sel[t] = cs->nrows > 0 ? cs->rows[cs->cur[t]].id : 0;
	cs->sel_key[t] = cs->nrows > 0 ? cs->rows[cs->cur[t]].key : 0;
	if (cs_tabs[t].windowed)
		cs->at_tail = cs->nrows > 0 && cs->cur[t] == cs->nrows - 1 && !cs->more_after;
}

static int
cs_recalc(ui_app *app, ui_view *v, ird_err *e)
{
	case_screen *cs = v->data;
	int t = cs->tab, rc, steps = 0, srow = cs->cur[t] - cs->top[t];
	/* The timeline follows its tail when the cursor is on the latest event. */
	int at_end = cs_tabs[t].windowed ? cs->seen[t] && cs->at_tail && !cs->anchor_wanted
	             : cs_tabs[t].start_at_end && cs->nrows > 0 && cs->cur[t] == cs->nrows - 1;

	case_row_free(&cs->c);
	memset(&cs->c, 0, sizeof(cs->c));
	cs->now = clock_now(&app->ctx->clock);
	if ((rc = case_get(app->ctx, cs->id, &cs->c, e)) != IRD_OK ||
	    (rc = timer_overdue_count(app->ctx, cs->id, &cs->overdue, e)) != IRD_OK)
		return rc;
	cs_rows_clear(cs);
	/* A windowed tab reads around the record under the cursor (or where
	 * a move past its window asked), or from its end or start. */
	if (cs_tabs[t].windowed) {
		cs->page = LIST_ROWS(app) > 0 ? LIST_ROWS(app) : 1;
		if (cs->anchor_wanted) {
			steps = cs->anchor_steps;
			cs->anchor_wanted = cs->anchor_steps = 0;
		} else if (!cs->seen[t] || at_end || !cs->sel[t]) {
			cs->anchor = cs_tabs[t].start_at_end ? CS_AT_END : CS_AT_START;
		} else {
			cs->anchor = CS_AT_KEY;
			cs->anchor_key = cs->sel_key[t];
			cs->anchor_id = cs->sel[t];
		}
	}
	rc = cs_tabs[t].fetch(app, cs, e);
	if (rc == IRD_OK && cs->oom)
		rc = ird_fail(e, IRD_EFAIL, "%s", _("out of memory"));
	/* The cursor follows the record it was on. */
	if (!cs->seen[t]) {
		cs->seen[t] = 1;
		cs->cur[t] = cs_tabs[t].start_at_end ? cs->nrows - 1 : 0;
		cs->top[t] = cs->cur[t];
	} else if (at_end || (cs_tabs[t].windowed && cs->anchor == CS_AT_END)) {
		cs->cur[t] = cs->nrows - 1;
	} else if (cs_tabs[t].windowed && cs->anchor == CS_AT_START) {
		cs->cur[t] = 0;
	} else {
		int64_t want = cs_tabs[t].windowed ? cs->anchor_id : cs->sel[t];

		for (int i = 0; i < cs->nrows; i++)
			if (cs->rows[i].id == want) {
				cs->cur[t] = i + steps;
				break;
			}
		/* A window read again: the cursor stays on its screen row. */
		if (cs_tabs[t].windowed) {
			int vis = LIST_ROWS(app);

			srow += steps;
			srow = srow >= vis ? vis - 1 : srow < 0 ? 0 : srow;
			cs->top[t] = cs->cur[t] - srow;
		}
	}
	cs_scroll(app, cs);
	return rc;
}

/* Each tab's short label, for a screen too narrow for the full names:
 * all distinct (no two start alike), and together with their numbers
 * (" N label", 3 columns more each) they fit in 80 columns. Shown
 * translated, measured by display width. */
static const char *const TAB_SHORT[CS_NTABS] = {
	[CS_STEPS] = N_("Steps"), [CS_TIMERS] = N_("Timers"), [CS_TIMELINE] = N_("Timeline"),
	[CS_INDICATORS] = N_("IOCs"), [CS_BLOCKS] = N_("Blocks"), [CS_ASSETS] = N_("Assets"),
	[CS_EVIDENCE] = N_("Evid."), [CS_NOTIFY] = N_("Notify"), [CS_DECISIONS] = N_("Decide"),
};

/* Width of the tab bar: the full names (SHORT 0), the short labels with
 * the tab on screen in full (1), or the short labels only (2). */
static int
tabs_width(const case_screen *cs, int shorten)
{
	int w = 0;

	for (int i = 0; i < CS_NTABS; i++) {
		const char *n = shorten == 0 || (shorten == 1 && i == cs->tab) ? cs_tabs[i].name
		                                                               : TAB_SHORT[i];

		w += 3 + ui_width(ui_tr(n)); /* " N name" */
	}
	return w;
}

/* The tab bar: every tab " N Name" (translated); when the full names do
 * not fit, the short labels (the tab on screen in full if that fits),
 * never cut. */
static void
draw_tabs(ui_app *app, case_screen *cs, int y)
{
	int shorten = 0, x = 0;

	while (shorten < 2 && tabs_width(cs, shorten) > app->cols)
		shorten++;
	ui_fill(stdscr, y, 0, app->cols, UI_TAB);
	for (int i = 0; i < CS_NTABS && x < app->cols; i++) {
		const char *n = ui_tr(shorten == 0 || (shorten == 1 && i == cs->tab)
		                      ? cs_tabs[i].name : TAB_SHORT[i]);
		char label[160];
		int w;

		text_snprintf(label, sizeof(label), " %d %s", i + 1, n);
		w = ui_width(label);
		if (x + w > app->cols)
			w = app->cols - x;
		ui_text(stdscr, y, x, label, w, i == cs->tab ? UI_TAB_ACTIVE : UI_TAB);
		x += w;
	}
}

static void
cs_draw(ui_app *app, ui_view *v)
{
	case_screen *cs = v->data;
	const cs_tab_def *td = &cs_tabs[cs->tab];
	ui_column cols[CS_COLS];
	int vis = LIST_ROWS(app), t = cs->tab;
	int64_t now = clock_now(&app->ctx->clock);

	if (!cs->c.hid)
		return;
	ui_case_header(app, 0, &cs->c, cs->overdue);
	draw_tabs(app, cs, 2);
	memcpy(cols, td->cols, (size_t)td->ncols * sizeof(cols[0]));
	ui_columns_fit(cols, td->ncols, app->cols);
	ui_columns_heading(stdscr, 3, cols, td->ncols, app->cols);
	cs_scroll(app, cs);
	if (cs->nrows == 0) {
		char none[160];

		/* TRANSLATORS: an empty tab; %s is the tab's name (lowercased
		   when it is ASCII): " no steps yet". */
		text_snprintf(none, sizeof(none), _(" no %s yet"), ui_tr(td->name));
		for (char *p = none; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		ui_text(stdscr, LIST_TOP, 0, none, app->cols, UI_DIM);
		return;
	}
	for (int i = 0; i < vis && cs->top[t] + i < cs->nrows; i++) {
		const cs_row *r = &cs->rows[cs->top[t] + i];
		int sel = cs->top[t] + i == cs->cur[t];
		enum ui_role role = r->role;
		char due[24] = "";

		if (r->due) {
			/* Counted down now, not when read: the clock moves between reads. */
			ui_countdown(r->due, now, due, sizeof(due));
			role = r->due < now ? UI_OVERDUE : r->due - now <= 3600 ? UI_SOON : UI_NORMAL;
		}
		if (sel) {
			role = UI_SELECTED;
			ui_fill(stdscr, LIST_TOP + i, 0, app->cols, UI_SELECTED);
		}
		for (int c = 0; c < td->ncols; c++) {
			const char *text = r->due && c == r->due_col ? due : r->cell[c];

			ui_cell(stdscr, LIST_TOP + i, &cols[c], text ? text : "", role);
		}
	}
	if (cs->top[t] + vis < cs->nrows || (td->windowed && cs->more_after)) {
		/* TRANSLATORS: more rows below (keep it short). */
		const char *more = _("more v");
		int mw = ui_width(more) > 12 ? 12 : ui_width(more);

		ui_text_right(stdscr, app->rows - 3, app->cols - mw - 1, more, mw, UI_DIM);
	}
}

/* ---- keys ------------------------------------------------------------------------ */

static const ui_view_ops *const TAB_OPS[CS_NTABS];

static void
show_tab(ui_app *app, ui_view *v, int tab)
{
	case_screen *cs = v->data;

	if (tab < 0 || tab >= CS_NTABS)
		return;
	cs->tab = tab;
	v->ops = TAB_OPS[tab];
	ui_dirty(app, v, UI_RECALC | UI_REPAINT);
}

static void k_back(ui_app *app, ui_view *v, int key) { ui_pop(app); }

static void
k_next_tab(ui_app *app, ui_view *v, int key)
{
	show_tab(app, v, (((case_screen *)v->data)->tab + 1) % CS_NTABS);
}

static void
k_prev_tab(ui_app *app, ui_view *v, int key)
{
	show_tab(app, v, (((case_screen *)v->data)->tab + CS_NTABS - 1) % CS_NTABS);
}

static void k_tab(ui_app *app, ui_view *v, int key) { show_tab(app, v, key - '1'); }

/* Move the cursor by BY rows (clamped); a repaint, no query. */
static void
move_by(ui_app *app, ui_view *v, int by)
{
	case_screen *cs = v->data;
	long cur = (long)cs->cur[cs->tab] + by;

	/* Past a windowed tab's window: read the window there (g and G: the
	 * start and the end), the cursor BY rows from where it was. */
	if (cs_tabs[cs->tab].windowed && cs->nrows > 0 &&
	    ((cur >= cs->nrows && cs->more_after) || (cur < 0 && cs->more_before))) {
		int edge = cur < 0 ? 0 : cs->nrows - 1;

		if (cur - edge > cs->page || edge - cur > cs->page) {
			cs->anchor = cur < 0 ? CS_AT_START : CS_AT_END;
		} else {
			cs->anchor = CS_AT_KEY;
			cs->anchor_key = cs->rows[edge].key;
			cs->anchor_id = cs->rows[edge].id;
			cs->anchor_steps = (int)(cur - edge);
		}
		cs->anchor_wanted = 1;
		ui_dirty(app, v, UI_RECALC | UI_REPAINT);
		return;
	}
	if (cur >= cs->nrows)
		cur = cs->nrows - 1;
	if (cur < 0)
		cur = 0;
	cs->cur[cs->tab] = (int)cur;
	cs_scroll(app, cs);
	ui_dirty(app, v, UI_REPAINT);
}

static void k_down(ui_app *app, ui_view *v, int key) { move_by(app, v, 1); }
static void k_up(ui_app *app, ui_view *v, int key) { move_by(app, v, -1); }
static void k_pgdn(ui_app *app, ui_view *v, int key) { move_by(app, v, LIST_ROWS(app)); }
static void k_pgup(ui_app *app, ui_view *v, int key) { move_by(app, v, -LIST_ROWS(app)); }
static void k_first(ui_app *app, ui_view *v, int key) { move_by(app, v, -(1 << 30)); }
static void k_last(ui_app *app, ui_view *v, int key) { move_by(app, v, 1 << 30); }

static void
k_reload(ui_app *app, ui_view *v, int key)
{
	ui_dirty(app, v, UI_RECALC | UI_REPAINT);
}

/* Enter: the row in full (every column, then its details). */
static void
k_details(ui_app *app, ui_view *v, int key)
{
	case_screen *cs = v->data;
	const cs_tab_def *td = &cs_tabs[cs->tab];
	const cs_row *r = cs_selected(cs);
	char *text = NULL, title[160];
	size_t len = 0;
	FILE *f;

	if (!r) {
		ui_message(app, "%s", _("nothing selected"));
		return;
	}
	if (!(f = open_memstream(&text, &len)))
		return;
	for (int c = 0; c < td->ncols; c++) {
		/* The heading translated, padded to 12 columns by display width. */
		const char *h = ui_tr(td->cols[c].heading);
		int pad = 12 - ui_width(h);

		fprintf(f, "%s%*s %s\n", h, pad > 0 ? pad : 0, "", r->cell[c] ? r->cell[c] : "");
	}
	if (r->detail)
		fprintf(f, "\n%s", r->detail);
	fclose(f);
	text_snprintf(title, sizeof(title), "%s: %s", cs->c.hid ? cs->c.hid : _("case"),
	              ui_tr(td->name));
	ui_pager(app, title, text ? text : "");
	free(text);
}

/* Every tab's keys: moving, tabs, going back, and the forms that work
 * on the case as a whole. */
#define CASE_KEYS_COMMON \
	{ UI_FN(KEY_DOWN), "Down", N_("next row"), k_down }, \
	{ 'j', "j", NULL, k_down }, \
	{ UI_FN(KEY_UP), "Up", N_("previous row"), k_up }, \
	{ 'k', "k", NULL, k_up }, \
	{ UI_FN(KEY_NPAGE), "PgDn", N_("a page down"), k_pgdn }, \
	{ UI_FN(KEY_PPAGE), "PgUp", N_("a page up"), k_pgup }, \
	{ 'g', "g", N_("first row"), k_first }, \
	{ UI_FN(KEY_HOME), "Home", NULL, k_first }, \
	{ 'G', "G", N_("last row"), k_last }, \
	{ UI_FN(KEY_END), "End", NULL, k_last }, \
	{ UI_KEY_TAB, "Tab", N_("next tab"), k_next_tab }, \
	{ UI_FN(KEY_BTAB), "S-Tab", N_("previous tab"), k_prev_tab }, \
	{ '1', "1", N_("tabs 1-5: Steps Timers Timeline Indicators Blocks"), k_tab }, \
	{ '2', "2", NULL, k_tab }, { '3', "3", NULL, k_tab }, { '4', "4", NULL, k_tab }, \
	{ '5', "5", NULL, k_tab }, \
	{ '6', "6", N_("tabs 6-9: Assets Evidence Notifications Decisions"), k_tab }, \
	{ '7', "7", NULL, k_tab }, { '8', "8", NULL, k_tab }, { '9', "9", NULL, k_tab }, \
	{ UI_KEY_ENTER, "Enter", N_("the selected row in full"), k_details }, \
	{ 'l', "l", N_("log an event on the timeline (with when it happened)"), cs_log_form }, \
	{ 'c', "c", N_("change the case: status, severity, lead, TLP, personal data, cause"), \
	  cs_case_form }, \
	{ 'C', "C", N_("close the case (asks to confirm)"), cs_close_case }, \
	{ 'n', "n", N_("record a notification (who was told, how, when)"), cs_notify_form }, \
	{ 'i', "i", N_("add an indicator (shows its normal form as you type)"), cs_ioc_form }, \
	{ 'a', "a", N_("add an asset (host)"), cs_asset_add }, \
	{ 'E', "E", N_("add evidence (a file hashed, or a SHA-256)"), cs_evidence_add }, \
	{ 'D', "D", N_("decide full disconnection (shows what stays open)"), cs_decide_form }, \
	{ 'M', "M", N_("add a reported mail (.eml): its evidence and every indicator, previewed"), \
	  cs_mail_form }, \
	{ 'I', "I", N_("import a peer's STIX 2.1 bundle or MISP event, previewed"), \
	  cs_import_form }, \
	{ 'F', "F", N_("the facilitator's screen (an exercise case): clock, injects, score"), \
	  ui_exercise_key }, \
	{ 'R', "R", N_("read the case again"), k_reload }, \
	{ UI_KEY_ESC, "Esc", N_("back to the dashboard"), k_back }, \
	{ 'q', "q", NULL, k_back }

#define CASE_KEYS_END { 0, NULL, NULL, NULL }

static const ui_key STEP_KEYS[] = {
	{ 's', "s", N_("start the selected step"), cs_step_start },
	{ 'd', "d", N_("mark the selected step done (says why when it cannot be yet)"), cs_step_done },
	{ 'x', "x", N_("skip the selected step, with a reason (asks to confirm)"), cs_step_skip },
	{ 'A', "A", N_("assign the selected step"), cs_step_assign },
	CASE_KEYS_COMMON, CASE_KEYS_END,
};

static const ui_key TIMER_KEYS[] = {
	{ 'o', "o", N_("override the selected timer, with a reason (asks to confirm)"),
	  cs_timer_override },
	{ 'N', "N", N_("notify the selected timer's role"), cs_notify_form },
	CASE_KEYS_COMMON, CASE_KEYS_END,
};

static const ui_key TIMELINE_KEYS[] = { CASE_KEYS_COMMON, CASE_KEYS_END };

static const ui_key IOC_KEYS[] = {
	{ 'b', "b", N_("request a block of the selected indicator"), cs_block_form },
	CASE_KEYS_COMMON, CASE_KEYS_END,
};

static const ui_key BLOCK_KEYS[] = {
	{ 'b', "b", N_("request a block (of an indicator by #id or value)"), cs_block_form },
	{ 'A', "A", N_("the selected block is now in force (activate)"), cs_block_activate },
	{ 'L', "L", N_("lift the selected block, with a note (asks to confirm)"), cs_block_lift },
	CASE_KEYS_COMMON, CASE_KEYS_END,
};

static const ui_key ASSET_KEYS[] = {
	{ 's', "s", N_("set the selected asset's state or site"), cs_asset_set },
	CASE_KEYS_COMMON, CASE_KEYS_END,
};

static const ui_key EVIDENCE_KEYS[] = {
	{ 't', "t", N_("hand the selected evidence over (custody)"), cs_evidence_transfer },
	{ 'V', "V", N_("verify the selected evidence against a file"), cs_evidence_verify },
	CASE_KEYS_COMMON, CASE_KEYS_END,
};

static const ui_key NOTIFY_KEYS[] = { CASE_KEYS_COMMON, CASE_KEYS_END };
static const ui_key DECISION_KEYS[] = { CASE_KEYS_COMMON, CASE_KEYS_END };

/* ---- the view -------------------------------------------------------------------- */

static int
cs_open(ui_app *app, ui_view *v, void *arg, ird_err *e)
{
	case_screen *cs = calloc(1, sizeof(*cs));

	if (!cs)
		return ird_fail(e, IRD_EFAIL, "%s", _("out of memory"));
	cs->id = *(const int64_t *)arg;
	cs->tab = CS_STEPS;
	v->data = cs;
	v->case_id = cs->id;
	return IRD_OK;
}

static void
cs_close(ui_app *app, ui_view *v)
{
	case_screen *cs = v->data;

	cs_rows_clear(cs);
	free(cs->rows);
	case_row_free(&cs->c);
	ioc_normalizer_free(cs->norm);
	free(cs);
}

/* Every tab's hints end with "  Tab/1-9 tabs  ? keys  Esc back": written
 * out in each, so that each is one message to translate. */
#define CASE_OPS(NAME, KEYS, HINTS) { \
	.name = NAME, .open = cs_open, .recalc = cs_recalc, .draw = cs_draw, .keys = KEYS, \
	.hints = HINTS, .close = cs_close }

/* The Steps tab is the view that opens; the others swap in its place. */
const ui_view_ops ui_case_view =
	CASE_OPS(N_("case: Steps"), STEP_KEYS,
	         N_(" s start d done x skip A assign  Tab/1-9 tabs  ? keys  Esc back"));
static const ui_view_ops timer_ops =
	CASE_OPS(N_("case: Timers"), TIMER_KEYS,
	         N_(" o override  N notify its role  Tab/1-9 tabs  ? keys  Esc back"));
static const ui_view_ops timeline_ops =
	CASE_OPS(N_("case: Timeline"), TIMELINE_KEYS,
	         N_(" Enter the event in full  Tab/1-9 tabs  ? keys  Esc back"));
static const ui_view_ops ioc_ops =
	CASE_OPS(N_("case: Indicators"), IOC_KEYS,
	         N_(" i add  b block it  Tab/1-9 tabs  ? keys  Esc back"));
static const ui_view_ops block_ops =
	CASE_OPS(N_("case: Blocks"), BLOCK_KEYS,
	         N_(" b request A activate L lift  Tab/1-9 tabs  ? keys  Esc back"));
static const ui_view_ops asset_ops =
	CASE_OPS(N_("case: Assets"), ASSET_KEYS,
	         N_(" a add  s set state/site  Tab/1-9 tabs  ? keys  Esc back"));
static const ui_view_ops evidence_ops =
	CASE_OPS(N_("case: Evidence"), EVIDENCE_KEYS,
	         N_(" E add t transfer V verify  Tab/1-9 tabs  ? keys  Esc back"));
static const ui_view_ops notify_ops =
	CASE_OPS(N_("case: Notifications"), NOTIFY_KEYS,
	         N_(" n record one  Tab/1-9 tabs  ? keys  Esc back"));
static const ui_view_ops decision_ops =
	CASE_OPS(N_("case: Decisions"), DECISION_KEYS,
	         N_(" D decide full disconnection  Tab/1-9 tabs  ? keys  Esc back"));

static const ui_view_ops *const TAB_OPS[CS_NTABS] = {
	[CS_STEPS] = &ui_case_view, [CS_TIMERS] = &timer_ops, [CS_TIMELINE] = &timeline_ops,
	[CS_INDICATORS] = &ioc_ops, [CS_BLOCKS] = &block_ops, [CS_ASSETS] = &asset_ops,
	[CS_EVIDENCE] = &evidence_ops, [CS_NOTIFY] = &notify_ops,
	[CS_DECISIONS] = &decision_ops,
};

int
ui_open_case(ui_app *app, int64_t case_id)
{
	return ui_push(app, &ui_case_view, &case_id);
}
