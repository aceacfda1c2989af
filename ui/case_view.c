/* case_view.c - the case screen: its header (id, title, severity,
 * status, TLP, age, overdue count) over the case's tabs. The tabs and
 * their forms are built in ui/case_*.c; until then the screen shows the
 * header and the case's open timers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "queries/dashboard.h"
#include "records/case.h"
#include "records/timer.h"
#include "ui/draw.h"
#include "ui/ui.h"

#define CASE_TIMERS_MAX 64

typedef struct case_timer {
	int64_t id, due_at;
	char what[200], state[16];
} case_timer;

typedef struct case_screen {
	int64_t id;
	dash_row row;
	case_row c;
	case_timer timers[CASE_TIMERS_MAX];
	int ntimers;
} case_screen;

void
ui_case_header(ui_app *app, int y, const case_row *c, int64_t overdue)
{
	int64_t now = clock_now(&app->ctx->clock);
	char left[96], right[96], age[24];
	int lw, rw, x = 0;

	clock_format_duration(now - c->opened_at, age, sizeof(age));
	snprintf(left, sizeof(left), " %s  %s  %s  TLP:%s ", c->hid, c->severity, c->status, c->tlp);
	for (char *p = left + strlen(c->hid) + 3; *p && p < left + sizeof(left); p++)
		if (strncmp(p, "TLP:", 4) == 0) {
			for (char *q = p + 4; *q && *q != ' '; q++)
				*q = (char)(*q >= 'a' && *q <= 'z' ? *q - 32 : *q);
			break;
		}
	snprintf(right, sizeof(right), " open %s  overdue %lld%s ", age, (long long)overdue,
	         c->exercise ? "" : "");
	ui_fill(stdscr, y, 0, app->cols, UI_TITLEBAR);
	lw = ui_width(left);
	rw = ui_width(right);
	ui_text(stdscr, y, x, left, lw, UI_TITLEBAR);
	x += lw;
	if (c->exercise) {
		ui_text(stdscr, y, x, "EXERCISE", 8, UI_EXERCISE);
		x += 9;
	}
	ui_text(stdscr, y, x, c->title, app->cols - x - rw, UI_TITLEBAR);
	ui_text(stdscr, y, app->cols - rw, right, rw, overdue ? UI_OVERDUE : UI_TITLEBAR);
}

static int
add_timer(void *arg, const timer_row *t)
{
	case_screen *cs = arg;
	case_timer *x;

	if (cs->ntimers >= CASE_TIMERS_MAX)
		return 1;
	x = &cs->timers[cs->ntimers++];
	x->id = t->id;
	x->due_at = t->due_at;
	snprintf(x->state, sizeof(x->state), "%s", t->state);
	if (t->role)
		snprintf(x->what, sizeof(x->what), "notify %s", t->role);
	else
		snprintf(x->what, sizeof(x->what), "step: %s", t->step_title ? t->step_title : t->rule);
	return 0;
}

static int
cs_recalc(ui_app *app, ui_view *v, ird_err *e)
{
	case_screen *cs = v->data;
	int rc;

	case_row_free(&cs->c);
	if ((rc = case_get(app->ctx, cs->id, &cs->c, e)) != IRD_OK ||
	    (rc = dashboard_case(app->ctx, cs->id, &cs->row, e)) != IRD_OK)
		return rc;
	cs->ntimers = 0;
	return timer_each(app->ctx, cs->id, 1, 0, add_timer, cs, e);
}

static void
cs_draw(ui_app *app, ui_view *v)
{
	case_screen *cs = v->data;
	int64_t now = clock_now(&app->ctx->clock);

	if (!cs->c.hid)
		return;
	ui_case_header(app, 0, &cs->c, cs->row.overdue);
	ui_text(stdscr, 1, 0, " Open timers (the tabs Steps .. Decisions are on their way; "
	        ": runs any command)", app->cols, UI_HEADER);
	for (int i = 0; i < cs->ntimers && 2 + i < app->rows - 2; i++) {
		char due[24], line[300];
		int over = cs->timers[i].due_at < now;

		ui_countdown(cs->timers[i].due_at, now, due, sizeof(due));
		snprintf(line, sizeof(line), " %-4lld %8s  %s", (long long)cs->timers[i].id, due,
		         cs->timers[i].what);
		ui_text(stdscr, 2 + i, 0, line, app->cols, over ? UI_OVERDUE : UI_NORMAL);
	}
}

static void k_back(ui_app *app, ui_view *v, int key) { ui_pop(app); }

static const ui_key CASE_KEYS[] = {
	{ UI_KEY_ESC, "Esc", "back to the dashboard", k_back },
	{ 'q', "q", NULL, k_back },
	{ 0, NULL, NULL, NULL },
};

static int
cs_open(ui_app *app, ui_view *v, void *arg, ird_err *e)
{
	case_screen *cs = calloc(1, sizeof(*cs));

	if (!cs)
		return ird_fail(e, IRD_EFAIL, "out of memory");
	cs->id = *(const int64_t *)arg;
	v->data = cs;
	v->case_id = cs->id;
	return IRD_OK;
}

static void
cs_close(ui_app *app, ui_view *v)
{
	case_screen *cs = v->data;

	case_row_free(&cs->c);
	free(cs);
}

const ui_view_ops ui_case_view = {
	.name = "case",
	.open = cs_open,
	.recalc = cs_recalc,
	.draw = cs_draw,
	.keys = CASE_KEYS,
	.hints = " Esc/q back  : command  ? help",
	.close = cs_close,
};

int
ui_open_case(ui_app *app, int64_t case_id)
{
	return ui_push(app, &ui_case_view, &case_id);
}
