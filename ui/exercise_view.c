/* exercise_view.c - the facilitator's screen: the exercise clock, the
 * injects, the live score and the open items of one exercise case, with
 * the facilitator's controls (ui/exercise_view.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actions/exercise.h"
#include "base/i18n.h"
#include "base/scenario.h"
#include "queries/facilitator.h"
#include "records/exercise.h"
#include "ui/draw.h"
#include "ui/exercise_view.h"
#include "ui/form.h"
#include "ui/ui.h"

/* Rows: 0 the title bar, 1 the clock, 2 the headings of the injects (left)
 * and the score (right), then their lists; below them the open items. */
#define TOP_LIST 3
#define SCORE_COLS 30 /* the score's panel on the right */
#define OPEN_MIN 5    /* rows the open items keep at least (heading + 4) */

typedef struct exview {
	int64_t id;          /* the exercise case's row id */
	facilitator f;
	int have;            /* F holds a reading */
	int cur, top;        /* the inject under the cursor (index), the first shown */
	int placed;          /* the cursor has been put on the next inject once */
	int64_t next_change; /* story time from which the reading is out of date; 0: never */
	int64_t shown;       /* the story time last drawn */
} exview;

/* APP's ctx on the real clock: the facilitator's controls and readings
 * always take it (the actions put the story time where it belongs). */
static ird_ctx
real_ctx(ui_app *app)
{
	ird_ctx c = *app->ctx;

	c.clock = *session_real_clock(app->session);
	return c;
}

static int64_t
story_now(ui_app *app, const exview *x)
{
	return facilitator_story_at(&x->f, clock_now(session_real_clock(app->session)));
}

/* "2015-05-08 09:00:00 JST" (local time, as the status bar). */
static void
local_time(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	/* TRANSLATORS: strftime format of the exercise clock (local time, seconds, zone). */
	if (!localtime_r(&tt, &tm) || !strftime(buf, len, _("%Y-%m-%d %H:%M:%S %Z"), &tm))
		snprintf(buf, len, "%lld", (long long)t);
}

/* "05-08 09:00" (local time): when an inject came out or falls due. */
static void
short_time(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	/* TRANSLATORS: strftime format of when an inject came out (month, day, time). */
	if (!localtime_r(&tt, &tm) || !strftime(buf, len, _("%m-%d %H:%M"), &tm))
		snprintf(buf, len, "-");
}

/* ---- recalc ----------------------------------------------------------------- */

/* The story time from which what is on screen goes out of date: the next
 * pending inject falls due (it is released), or an open item's deadline
 * passes (pending becomes missed). 0: nothing will change by itself. */
static int64_t
next_change(const facilitator *f)
{
	int64_t at = 0;

	if (f->st.ended)
		return 0;
	if (f->next)
		at = f->st.injects[f->next - 1].due;
	for (size_t i = 0; i < f->score.nitems; i++) {
		const rp_item *it = &f->score.items[i];

		if (!it->done && it->outcome == RP_PENDING && (!at || it->due + 1 < at))
			at = it->due + 1;
	}
	return at;
}

static int
ex_recalc(ui_app *app, ui_view *v, ird_err *e)
{
	exview *x = v->data;
	ird_ctx real = real_ctx(app);
	ird_err te = { 0 };
	facilitator f;
	int released = 0, trc, rc;

	/* What has fallen due comes out first, as in every irdesk. */
	trc = exercise_tick(&real, x->id, &released, &te);
	if (released)
		ui_changed(app); /* the screens below show it too */
	if ((rc = facilitator_read(&real, x->id, &f, e)) != IRD_OK)
		return rc;
	facilitator_free(&x->f);
	x->f = f;
	x->have = 1;
	x->next_change = next_change(&x->f);
	if (!x->placed) {
		x->placed = 1;
		x->cur = x->f.next ? (int)x->f.next - 1 : 0;
	}
	if (x->cur >= (int)x->f.st.sc->ninjects)
		x->cur = (int)x->f.st.sc->ninjects - 1;
	if (x->cur < 0)
		x->cur = 0;
	if (trc != IRD_OK) {
		*e = te;
		return trc;
	}
	return IRD_OK;
}

/* ---- draw ------------------------------------------------------------------- */

/* How many rows the injects' list (and the score beside it) gets. */
static int
top_rows(ui_app *app, const exview *x)
{
	int body = app->rows - 2 - TOP_LIST; /* rows TOP_LIST .. rows - 3 */
	int want = (int)x->f.st.sc->ninjects, most = body - OPEN_MIN;

	if ((int)x->f.score.nscores > want)
		want = (int)x->f.score.nscores;
	if (want < 1)
		want = 1;
	if (most < 3)
		most = 3;
	return want < most ? want : most;
}

static void
draw_head(ui_app *app, const exview *x, int64_t now)
{
	const exercise_status *st = &x->f.st;
	char left[400], right[200], clock[64], off[32];
	const char *state = st->ended ? _("ENDED") : st->paused ? _("PAUSED") : _("running");
	const char *mark = _("EXERCISE");
	int rw;

	/* Row 0: whose screen, the case, its title; the scenario. */
	ui_fill(stdscr, 0, 0, app->cols, UI_TITLEBAR);
	snprintf(left, sizeof(left), _(" Facilitator  %s"), st->hid);
	rw = ui_width(left);
	ui_text(stdscr, 0, 0, left, rw, UI_TITLEBAR);
	ui_text(stdscr, 0, rw + 1, mark, ui_width(mark), UI_EXERCISE);
	snprintf(right, sizeof(right), _(" scenario %s "), st->sc->name);
	{
		int sw = ui_width(right), tx = rw + ui_width(mark) + 2;

		if (sw > app->cols / 3)
			sw = app->cols / 3;
		ui_text(stdscr, 0, tx, x->f.score.title ? x->f.score.title : "",
		        app->cols - tx - sw - 1, UI_TITLEBAR);
		ui_text_right(stdscr, 0, app->cols - sw, right, sw, UI_TITLEBAR);
	}
	/* Row 1: the exercise clock. */
	local_time(now, clock, sizeof(clock));
	scenario_offset_format(now - st->story_start, off, sizeof(off));
	snprintf(left, sizeof(left), _(" clock %s  %s  %s  speed %lldx"), clock, off, state,
	         (long long)st->speed);
	snprintf(right, sizeof(right), _(" %zu/%zu released "), st->released, st->sc->ninjects);
	rw = ui_width(right);
	ui_fill(stdscr, 1, 0, app->cols, UI_HEADER);
	ui_text(stdscr, 1, 0, left, app->cols - rw, st->paused || st->ended ? UI_SOON : UI_HEADER);
	ui_text(stdscr, 1, app->cols - rw, right, rw, UI_HEADER);
}

enum { IC_NO, IC_AT, IC_STATE, IC_WHEN, IC_TITLE, NIC };
static const ui_column INJECT_COLS[NIC] = {
	[IC_NO] = { "#", 3, 0, 0, 1, 0, 0 },
	[IC_AT] = { N_("AT"), 8, 0, 0, 0, 0, 0 },
	[IC_STATE] = { N_("STATE"), 8, 0, 0, 0, 0, 0 },
	[IC_WHEN] = { N_("WHEN"), 11, 0, 1, 0, 0, 0 },
	[IC_TITLE] = { N_("INJECT"), 10, 1, 0, 0, 0, 0 },
};

/* COLS (a copy of a table) with their headings in the user's language. */
static void
tr_headings(ui_column *cols, int n)
{
	for (int i = 0; i < n; i++)
		cols[i].heading = _(cols[i].heading);
}

static void
draw_injects(ui_app *app, exview *x, int rows, int width)
{
	const exercise_status *st = &x->f.st;
	ui_column col[NIC];
	int n = (int)st->sc->ninjects;

	memcpy(col, INJECT_COLS, sizeof(col));
	tr_headings(col, NIC);
	ui_columns_fit(col, NIC, width);
	ui_columns_heading(stdscr, TOP_LIST - 1, col, NIC, width);
	/* Keep the cursor in view. */
	if (x->cur < x->top)
		x->top = x->cur;
	if (x->cur >= x->top + rows)
		x->top = x->cur - rows + 1;
	if (x->top > n - rows)
		x->top = n - rows;
	if (x->top < 0)
		x->top = 0;
	for (int i = 0; i < rows && x->top + i < n; i++) {
		const exercise_inject_state *is = &st->injects[x->top + i];
		int y = TOP_LIST + i, sel = x->top + i == x->cur;
		int next = is->no == x->f.next;
		enum ui_role role = sel ? UI_SELECTED : is->released ? UI_DIM : UI_NORMAL;
		char no[8], at[32], when[24];

		snprintf(no, sizeof(no), "%zu", is->no);
		scenario_offset_format(is->at_s, at, sizeof(at));
		short_time(is->released ? is->released_at : is->due, when, sizeof(when));
		ui_fill(stdscr, y, 0, width, role);
		ui_cell(stdscr, y, &col[IC_NO], no, role);
		ui_cell(stdscr, y, &col[IC_AT], at, role);
		ui_cell(stdscr, y, &col[IC_STATE],
		        !is->released ? (next ? ui_word_of("inject", "NEXT") : _("pending"))
		        : is->early ? _("early") : _("released"),
		        !sel && next ? UI_SOON : role);
		ui_cell(stdscr, y, &col[IC_WHEN], when, role);
		ui_cell(stdscr, y, &col[IC_TITLE], scenario_inject_title(&st->sc->injects[is->no - 1]),
		        role);
	}
}

enum { SC_ROLE, SC_OK, SC_LATE, SC_MISS, SC_PEND, NSC };
static const ui_column SCORE_COLUMNS[NSC] = {
	[SC_ROLE] = { N_("SCORE"), 10, 1, 0, 0, 0, 0 },
	/* TRANSLATORS: the score's columns: on time, late, missed, still open. */
	[SC_OK] = { N_("ON"), 4, 0, 0, 1, 0, 0 },
	[SC_LATE] = { N_("LATE"), 4, 0, 0, 1, 0, 0 },
	[SC_MISS] = { N_("MISS"), 4, 0, 0, 1, 0, 0 },
	[SC_PEND] = { N_("OPEN"), 4, 0, 0, 1, 0, 0 },
};

static void
draw_score(ui_app *app, const exview *x, int rows, int x0)
{
	WINDOW *w;
	ui_column col[NSC];
	int width = app->cols - x0;

	if (width < 20)
		return;
	/* Columns are laid out from 0: shift them to the panel. */
	memcpy(col, SCORE_COLUMNS, sizeof(col));
	tr_headings(col, NSC);
	ui_columns_fit(col, NSC, width);
	for (int c = 0; c < NSC; c++)
		col[c].x += x0;
	w = stdscr;
	ui_fill(w, TOP_LIST - 1, x0 - 1, width + 1, UI_HEADER);
	for (int c = 0; c < NSC; c++)
		if (col[c].shown)
			ui_text(w, TOP_LIST - 1, col[c].x, col[c].heading, col[c].shown, UI_HEADER);
	for (int i = 0; i < rows && i < (int)x->f.score.nscores; i++) {
		const rp_score *s = &x->f.score.scores[i];
		char v[4][16];
		int y = TOP_LIST + i;

		snprintf(v[0], sizeof(v[0]), "%d", s->on_time);
		snprintf(v[1], sizeof(v[1]), "%d", s->late);
		snprintf(v[2], sizeof(v[2]), "%d", s->missed);
		snprintf(v[3], sizeof(v[3]), "%d", s->pending);
		ui_cell(w, y, &col[SC_ROLE], s->role ? s->role : _("overall"), i == 0 ? UI_HEADER : UI_NORMAL);
		ui_cell(w, y, &col[SC_OK], v[0], UI_NORMAL);
		ui_cell(w, y, &col[SC_LATE], v[1], s->late ? UI_SOON : UI_NORMAL);
		ui_cell(w, y, &col[SC_MISS], v[2], s->missed ? UI_OVERDUE : UI_NORMAL);
		ui_cell(w, y, &col[SC_PEND], v[3], UI_NORMAL);
	}
}

enum { OC_DUE, OC_ROLE, OC_KIND, OC_WHAT, NOC };
static const ui_column OPEN_COLS[NOC] = {
	[OC_DUE] = { N_("DUE"), 8, 0, 0, 1, 0, 0 },
	[OC_ROLE] = { N_("ROLE"), 12, 0, 1, 0, 0, 0 },
	[OC_KIND] = { N_("KIND"), 6, 0, 2, 0, 0, 0 },
	[OC_WHAT] = { N_("OPEN ITEMS: expectations and timers not done"), 20, 1, 0, 0, 0, 0 },
};

static void
draw_open(ui_app *app, const exview *x, int y0, int64_t now)
{
	ui_column col[NOC];
	int rows = app->rows - 2 - (y0 + 1), shown = 0, open = 0;

	memcpy(col, OPEN_COLS, sizeof(col));
	tr_headings(col, NOC);
	ui_columns_fit(col, NOC, app->cols);
	ui_columns_heading(stdscr, y0, col, NOC, app->cols);
	for (size_t i = 0; i < x->f.score.nitems; i++)
		open += !x->f.score.items[i].done;
	for (size_t i = 0; i < x->f.score.nitems && rows > 0; i++) {
		const rp_item *it = &x->f.score.items[i];
		char due[24];
		enum ui_role role;
		int y = y0 + 1 + shown;

		if (it->done)
			continue;
		if (shown == rows - 1 && open - shown > 1) {
			char more[48];

			snprintf(more, sizeof(more), _("... %d more"), open - shown);
			ui_text(stdscr, y, col[OC_WHAT].x, more, col[OC_WHAT].shown, UI_DIM);
			break;
		}
		ui_countdown(it->due, now, due, sizeof(due));
		role = it->due < now ? UI_OVERDUE : it->due - now <= 3600 ? UI_SOON : UI_NORMAL;
		ui_cell(stdscr, y, &col[OC_DUE], due, role);
		ui_cell(stdscr, y, &col[OC_ROLE], it->role ? it->role : "", UI_NORMAL);
		ui_cell(stdscr, y, &col[OC_KIND], it->kind == RP_TIMER ? _("timer") : _("expect"),
		        UI_NORMAL);
		ui_cell(stdscr, y, &col[OC_WHAT], it->what ? it->what : "", UI_NORMAL);
		shown++;
	}
	if (open == 0)
		ui_text(stdscr, y0 + 1, 1, _("nothing open"), app->cols - 2, UI_DIM);
}

static void
ex_draw(ui_app *app, ui_view *v)
{
	exview *x = v->data;
	int64_t now;
	int rows, left;

	if (!x->have)
		return;
	now = story_now(app, x);
	x->shown = now;
	rows = top_rows(app, x);
	left = app->cols - SCORE_COLS - 1;
	draw_head(app, x, now);
	draw_injects(app, x, rows, left);
	draw_score(app, x, rows, left + 1);
	draw_open(app, x, TOP_LIST + rows, now);
}

/* The clock on screen runs: repaint when the shown second changes, read
 * again when an inject or a deadline falls due. Nothing otherwise. */
static unsigned
ex_tick(ui_app *app, ui_view *v)
{
	exview *x = v->data;
	int64_t now;

	if (!x->have || x->f.st.paused || x->f.st.ended)
		return 0;
	now = story_now(app, x);
	if (x->next_change && now >= x->next_change)
		return UI_RECALC;
	return now != x->shown ? UI_REPAINT : 0;
}

/* ---- keys ------------------------------------------------------------------- */

static void
move_to(ui_app *app, ui_view *v, int cur)
{
	exview *x = v->data;
	int n = x->have ? (int)x->f.st.sc->ninjects : 0;

	if (cur >= n)
		cur = n - 1;
	if (cur < 0)
		cur = 0;
	x->cur = cur;
	ui_dirty(app, v, UI_REPAINT);
}

static void k_down(ui_app *app, ui_view *v, int key) { move_to(app, v, ((exview *)v->data)->cur + 1); }
static void k_up(ui_app *app, ui_view *v, int key) { move_to(app, v, ((exview *)v->data)->cur - 1); }
static void k_first(ui_app *app, ui_view *v, int key) { move_to(app, v, 0); }
static void k_last(ui_app *app, ui_view *v, int key) { move_to(app, v, 1 << 30); }

/* Release inject NO (0: the next) and say so. */
static int
release(ui_app *app, exview *x, size_t no, ird_err *e)
{
	ird_ctx real = real_ctx(app);
	size_t got = 0;
	int rc = exercise_release(&real, x->id, no, &got, e);

	if (rc != IRD_OK)
		return rc;
	ui_changed(app);
	if (x->have && got >= 1 && got <= x->f.st.sc->ninjects) {
		ui_message(app, _("inject %zu released: %s"), got,
		           scenario_inject_title(&x->f.st.sc->injects[got - 1]));
		x->cur = (int)got - 1;
	} else {
		ui_message(app, _("inject %zu released"), got);
	}
	return IRD_OK;
}

static void
k_next(ui_app *app, ui_view *v, int key)
{
	ird_err e = { 0 };

	if (release(app, v->data, 0, &e) != IRD_OK)
		ui_error(app, &e);
}

/* A whole number from 1 to MAX, as the CLI reads one; -1 if not. */
static long long
whole(const char *s, long long max)
{
	char *end;
	long long n;

	if (!*s)
		return -1;
	n = strtoll(s, &end, 10);
	return *end || n < 1 || n > max ? -1 : n;
}

static int
check_inject_no(const char *value, void *arg, ird_err *e)
{
	const exview *x = arg;
	long long n = whole(value, (long long)x->f.st.sc->ninjects);

	if (n < 0)
		return ird_fail(e, IRD_EUSAGE, _("give an inject number from 1 to %zu"),
		                x->f.st.sc->ninjects);
	if (x->f.st.injects[n - 1].released)
		return ird_fail(e, IRD_EUSAGE, _("inject %lld was already released"), n);
	return IRD_OK;
}

static void
preview_inject(const char *value, void *arg, char *note, size_t len)
{
	const exview *x = arg;
	long long n = whole(value, (long long)x->f.st.sc->ninjects);

	note[0] = '\0';
	if (n > 0) {
		const exercise_inject_state *is = &x->f.st.injects[n - 1];
		char at[32];

		scenario_offset_format(is->at_s, at, sizeof(at));
		snprintf(note, len, "%s %s: %s", at, is->id,
		         scenario_inject_title(&x->f.st.sc->injects[n - 1]));
	}
}

static int
submit_release(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	return release(app, arg, (size_t)whole(f->fields[0].value, SC_MAX_INJECTS), e);
}

static void
k_release(ui_app *app, ui_view *v, int key)
{
	exview *x = v->data;
	ui_field fl[1];
	ui_form form = { 0 };

	if (!x->have || x->f.st.sc->ninjects == 0)
		return;
	memset(fl, 0, sizeof(fl));
	fl[0].label = _("inject number");
	fl[0].kind = UI_F_TEXT;
	fl[0].required = 1;
	fl[0].check = check_inject_no;
	fl[0].check_arg = x;
	fl[0].preview = preview_inject;
	fl[0].preview_arg = x;
	/* The one under the cursor, if it is still to come; else the next. */
	if (!x->f.st.injects[x->cur].released)
		snprintf(fl[0].value, sizeof(fl[0].value), "%d", x->cur + 1);
	else if (x->f.next)
		snprintf(fl[0].value, sizeof(fl[0].value), "%zu", x->f.next);
	form.title = _("Release an inject now");
	form.fields = fl;
	form.nfields = 1;
	form.submit = submit_release;
	form.arg = x;
	snprintf(form.info, sizeof(form.info), "%s",
	         _("Its events, indicators, assets and evidence go into the case at once,\n"
	           "at the story time now, marked as released early."));
	ui_form_run(app, &form);
}

static void
k_pause(ui_app *app, ui_view *v, int key)
{
	exview *x = v->data;
	ird_ctx real = real_ctx(app);
	ird_err e = { 0 };

	if (exercise_pause(&real, x->id, &e) != IRD_OK) {
		ui_error(app, &e);
		return;
	}
	ui_changed(app);
	ui_message(app, _("%s: the exercise clock is paused (c resumes it)"), x->f.st.hid);
}

static void
k_resume(ui_app *app, ui_view *v, int key)
{
	exview *x = v->data;
	ird_ctx real = real_ctx(app);
	ird_err e = { 0 };

	if (exercise_resume(&real, x->id, &e) != IRD_OK) {
		ui_error(app, &e);
		return;
	}
	ui_changed(app);
	ui_message(app, _("%s: the exercise clock runs again"), x->f.st.hid);
}

static int
check_speed(const char *value, void *arg, ird_err *e)
{
	if (whole(value, EXERCISE_MAX_SPEED) < 0)
		return ird_fail(e, IRD_EUSAGE, _("the speed is a whole number from 1 to %d"),
		                EXERCISE_MAX_SPEED);
	return IRD_OK;
}

static int
submit_speed(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	exview *x = arg;
	ird_ctx real = real_ctx(app);
	long long speed = whole(f->fields[0].value, EXERCISE_MAX_SPEED);
	int rc = exercise_set_speed(&real, x->id, speed, e);

	if (rc != IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, _("%s: the exercise clock runs %lld times real time"), x->f.st.hid, speed);
	return IRD_OK;
}

static void
k_speed(ui_app *app, ui_view *v, int key)
{
	exview *x = v->data;
	ui_field fl[1];
	ui_form form = { 0 };

	if (!x->have)
		return;
	memset(fl, 0, sizeof(fl));
	fl[0].label = _("speed");
	fl[0].kind = UI_F_TEXT;
	fl[0].required = 1;
	fl[0].check = check_speed;
	snprintf(fl[0].value, sizeof(fl[0].value), "%lld", (long long)x->f.st.speed);
	form.title = _("Exercise clock speed");
	form.fields = fl;
	form.nfields = 1;
	form.submit = submit_speed;
	form.arg = x;
	snprintf(form.info, sizeof(form.info),
	         _("Times real time, from 1 to %d: 60 makes an hour of the story pass in a minute."),
	         EXERCISE_MAX_SPEED);
	ui_form_run(app, &form);
}

/* The jump form's state: the screen, and what the field says. */
typedef struct jump_ctx {
	ui_app *app;
	exview *x;
} jump_ctx;

static int
check_jump(const char *value, void *arg, ird_err *e)
{
	jump_ctx *j = arg;
	int64_t to, now = story_now(j->app, j->x);
	char a[40], b[40];
	int rc;

	if ((rc = exercise_parse_time(value, j->x->f.st.story_start, &to, e)) != IRD_OK)
		return rc;
	if (to < now) {
		clock_format_utc(now, a, sizeof(a));
		clock_format_utc(to, b, sizeof(b));
		return ird_fail(e, IRD_EUSAGE, _("cannot jump back from %s to %s"), a, b);
	}
	return IRD_OK;
}

/* Under the field: where the clock would go and what would come out. */
static void
preview_jump(const char *value, void *arg, char *note, size_t len)
{
	jump_ctx *j = arg;
	const exercise_status *st = &j->x->f.st;
	ird_err e = { 0 };
	int64_t to;
	char when[64], off[32];
	size_t due = 0;

	note[0] = '\0';
	if (!*value || exercise_parse_time(value, st->story_start, &to, &e) != IRD_OK)
		return;
	for (size_t i = 0; i < st->sc->ninjects; i++)
		due += !st->injects[i].released && st->injects[i].due <= to;
	local_time(to, when, sizeof(when));
	scenario_offset_format(to - st->story_start, off, sizeof(off));
	snprintf(note, len, _("to %s (%s): %zu to release"), when, off, due);
}

static int
submit_jump(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	jump_ctx *j = arg;
	ird_ctx real = real_ctx(app);
	int64_t to;
	char off[32];
	int rc;

	if ((rc = exercise_parse_time(f->fields[0].value, j->x->f.st.story_start, &to, e)) !=
	    IRD_OK)
		return rc;
	if ((rc = exercise_jump(&real, j->x->id, to, e)) != IRD_OK)
		return rc;
	ui_changed(app);
	scenario_offset_format(to - j->x->f.st.story_start, off, sizeof(off));
	ui_message(app, _("%s: the exercise clock jumped to %s"), j->x->f.st.hid, off);
	return IRD_OK;
}

static void
k_jump(ui_app *app, ui_view *v, int key)
{
	exview *x = v->data;
	jump_ctx j = { app, x };
	ui_field fl[1];
	ui_form form = { 0 };
	char now[40], off[32];
	int64_t t;

	if (!x->have)
		return;
	t = story_now(app, x);
	clock_format_utc(t, now, sizeof(now));
	scenario_offset_format(t - x->f.st.story_start, off, sizeof(off));
	memset(fl, 0, sizeof(fl));
	fl[0].label = _("jump to");
	fl[0].kind = UI_F_TEXT;
	fl[0].required = 1;
	fl[0].check = check_jump;
	fl[0].check_arg = &j;
	fl[0].preview = preview_jump;
	fl[0].preview_arg = &j;
	/* Offer the next inject's time. */
	if (x->f.next) {
		char at[32];

		scenario_offset_format(x->f.st.injects[x->f.next - 1].at_s, at, sizeof(at));
		snprintf(fl[0].value, sizeof(fl[0].value), "%s", at);
	}
	form.title = _("Jump the exercise clock");
	form.fields = fl;
	form.nfields = 1;
	form.submit = submit_jump;
	form.arg = &j;
	snprintf(form.info, sizeof(form.info),
	         _("Now %s (%s); the injects on the way come out.\n"
	           "Forward only: T+10d (from the story start) or 2015-05-18T09:00+09:00."),
	         off, now);
	ui_form_run(app, &form);
}

static void
k_end(ui_app *app, ui_view *v, int key)
{
	exview *x = v->data;
	ird_ctx real = real_ctx(app);
	ird_err e = { 0 };
	char q[300];

	if (!x->have)
		return;
	if (x->f.st.ended) {
		ui_message(app, _("%s: the exercise has ended"), x->f.st.hid);
		return;
	}
	snprintf(q, sizeof(q),
	         _("End exercise %s? Its clock stops for good and no inject comes out any more "
	           "(%zu of %zu released)."),
	         x->f.st.hid, x->f.st.released, x->f.st.sc->ninjects);
	if (!ui_confirm(app, q))
		return;
	if (exercise_end(&real, x->id, &e) != IRD_OK) {
		ui_error(app, &e);
		return;
	}
	ui_changed(app);
	ui_message(app, _("%s ended (irdesk report %s: the score)"), x->f.st.hid, x->f.st.hid);
}

/* The view under the top one, or NULL. */
static ui_view *
below(ui_app *app)
{
	return app->depth >= 2 ? app->stack[app->depth - 2] : NULL;
}

static void
k_case(ui_app *app, ui_view *v, int key)
{
	exview *x = v->data;
	ui_view *b = below(app);

	/* Reached from the case's screen: back to it rather than another. */
	if (b && b->case_id == x->id && strncmp(b->ops->name, "case", 4) == 0) {
		ui_pop(app);
		return;
	}
	ui_open_case(app, x->id);
}

static void k_reload(ui_app *app, ui_view *v, int key) { ui_dirty(app, v, UI_RECALC); }
static void k_back(ui_app *app, ui_view *v, int key) { ui_pop(app); }

static const ui_key EX_KEYS[] = {
	{ UI_FN(KEY_DOWN), "Down", N_("next inject"), k_down },
	{ 'j', "j", NULL, k_down },
	{ UI_FN(KEY_UP), "Up", N_("previous inject"), k_up },
	{ 'k', "k", NULL, k_up },
	{ 'g', "g", N_("first inject"), k_first },
	{ UI_FN(KEY_HOME), "Home", NULL, k_first },
	{ 'G', "G", N_("last inject"), k_last },
	{ UI_FN(KEY_END), "End", NULL, k_last },
	{ 'n', "n", N_("release the next inject now"), k_next },
	{ 'r', "r", N_("release an inject by its number (the selected one offered)"), k_release },
	{ 'p', "p", N_("pause the exercise clock"), k_pause },
	{ 'c', "c", N_("resume the exercise clock (continue)"), k_resume },
	{ 's', "s", N_("set the clock's speed (times real time)"), k_speed },
	{ 't', "t", N_("jump the clock forward to a time (T+10d or ISO-8601)"), k_jump },
	{ 'E', "E", N_("end the exercise (asks to confirm)"), k_end },
	{ UI_KEY_ENTER, "Enter", N_("the exercise case's screen"), k_case },
	{ 'o', "o", NULL, k_case },
	{ 'R', "R", N_("read the exercise again"), k_reload },
	{ UI_KEY_ESC, "Esc", N_("back"), k_back },
	{ 'q', "q", NULL, k_back },
	{ 0, NULL, NULL, NULL },
};

/* ---- the view --------------------------------------------------------------- */

static int
ex_open(ui_app *app, ui_view *v, void *arg, ird_err *e)
{
	exview *x = calloc(1, sizeof(*x));
	ird_ctx real = real_ctx(app);
	exercise_status st;
	int rc;

	if (!x)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	x->id = *(const int64_t *)arg;
	/* A case that is no exercise is refused here, with the reason. */
	if ((rc = exercise_status_get(&real, x->id, &st, e)) != IRD_OK) {
		free(x);
		return rc;
	}
	exercise_status_free(&st);
	v->data = x;
	v->case_id = 0; /* the modal's scope: the real cases, as the dashboard's */
	return IRD_OK;
}

static void
ex_close(ui_app *app, ui_view *v)
{
	exview *x = v->data;

	facilitator_free(&x->f);
	free(x);
}

const ui_view_ops ui_exercise_view = {
	.name = N_("facilitator"),
	.open = ex_open,
	.recalc = ex_recalc,
	.draw = ex_draw,
	.keys = EX_KEYS,
	.hints = N_(" n next  r inject N  p pause  c resume  s speed  t jump  E end  ? keys"),
	.tick = ex_tick,
	.close = ex_close,
};

int
ui_open_exercise(ui_app *app, int64_t case_id)
{
	return ui_push(app, &ui_exercise_view, &case_id);
}

void
ui_exercise_key(ui_app *app, ui_view *v, int key)
{
	ui_view *b = below(app);

	/* Reached from the facilitator's screen of this case: back to it. */
	if (b && b->ops == &ui_exercise_view && ((exview *)b->data)->id == v->case_id) {
		ui_pop(app);
		return;
	}
	ui_open_exercise(app, v->case_id);
}
