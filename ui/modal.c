/* modal.c - the escalation modal: overdue timers of the case on screen
 * (or, on the dashboard, of every open case), most overdue first. It
 * cannot be dismissed (Esc, q and Ctrl-C do nothing): each timer goes
 * only when its notification is recorded, its step done, or it is
 * overridden with a reason (one reason may cover several selected). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "actions/act_notify.h"
#include "actions/act_step.h"
#include "actions/session.h"
#include "base/i18n.h"
#include "base/text.h"
#include "engine/step_rules.h"
#include "queries/dashboard.h"
#include "records/notify.h"
#include "records/step.h"
#include "records/timer.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/ui.h"

#define MODAL_MAX 64

typedef struct mtimer {
	int64_t id, case_id, step_id, due_at;
	char hid[24], role[80], rule[80], what[256], step_title[256], title[400];
	int selected;
} mtimer;

typedef struct modal {
	mtimer t[MODAL_MAX];
	int n, more, cur;
	int64_t now;
	const char *note;
} modal;

static int
collect_one(void *arg, const timer_row *t, int64_t now)
{
	modal *m = arg;
	mtimer *x;

	m->now = now;
	if (m->n >= MODAL_MAX) {
		m->more++;
		return 0;
	}
	x = &m->t[m->n++];
	memset(x, 0, sizeof(*x));
	x->id = t->id;
	x->case_id = t->case_id;
	x->step_id = t->step_id;
	x->due_at = t->due_at;
	snprintf(x->hid, sizeof(x->hid), "%s", t->case_hid ? t->case_hid : "?");
	snprintf(x->role, sizeof(x->role), "%s", t->role ? t->role : "");
	snprintf(x->rule, sizeof(x->rule), "%s", t->rule ? t->rule : "");
	if (t->role)
		/* TRANSLATORS: an overdue timer's task: %s is the role to tell
		   (a word such as ministry, as typed). */
		text_snprintf(x->what, sizeof(x->what), _("notify %s"), t->role);
	else
		/* TRANSLATORS: an overdue step's task: %s is the step's title. */
		text_snprintf(x->what, sizeof(x->what), _("step: %s"),
		              t->step_title ? t->step_title : t->rule);
	snprintf(x->step_title, sizeof(x->step_title), "%s",
	         t->step_title ? t->step_title : t->rule ? t->rule : "");
	return 0;
}

/* Read the overdue timers in scope again, keeping the selection. */
static int
collect(ui_app *app, modal *m, int64_t scope, ird_err *e)
{
	modal old = *m;
	int rc;

	m->n = m->more = 0;
	if ((rc = session_overdue_each(app->session, scope, collect_one, m, e)) != IRD_OK)
		return rc;
	for (int i = 0; i < m->n; i++) {
		dash_row row;

		for (int j = 0; j < old.n; j++)
			if (old.t[j].id == m->t[i].id)
				m->t[i].selected = old.t[j].selected;
		/* The case's title (a few cases at most: read per timer). */
		if (i > 0 && m->t[i - 1].case_id == m->t[i].case_id)
			memcpy(m->t[i].title, m->t[i - 1].title, sizeof(m->t[i].title));
		else if (dashboard_case(app->ctx, m->t[i].case_id, &row, NULL) == IRD_OK)
			memcpy(m->t[i].title, row.title, sizeof(m->t[i].title));
	}
	if (m->cur >= m->n)
		m->cur = m->n > 0 ? m->n - 1 : 0;
	return IRD_OK;
}

static void
draw(ui_app *app, void *arg)
{
	modal *m = arg;
	const char *note = m->note;

	int wd = app->cols - 4, x = 2, h = m->n + (m->more ? 1 : 0) + 7, y;
	int list_rows, first = 0;
	char title[96];

	if (h > app->rows - 4)
		h = app->rows - 4;
	y = app->rows - 2 - h; /* at the bottom: the screen's top stays in view */
	list_rows = h - 7;
	text_snprintf(title, sizeof(title),
	              ngettext("OVERDUE: %d timer - cannot be dismissed",
	                       "OVERDUE: %d timers - cannot be dismissed", (unsigned long)(m->n + m->more)),
	              m->n + m->more);
	ui_box(stdscr, y, x, h, wd, title, UI_MODAL_TITLE);
	for (int r = 1; r < h - 1; r++)
		ui_fill(stdscr, y + r, x + 1, wd - 2, UI_MODAL);
	if (m->cur >= list_rows)
		first = m->cur - list_rows + 1;
	for (int i = first; i < m->n && i - first < list_rows; i++) {
		const mtimer *t = &m->t[i];
		enum ui_role role = i == m->cur ? UI_SELECTED : UI_MODAL;
		char late[24], line[900], latecol[96];
		int ry = y + 1 + i - first;

		clock_format_duration(m->now - t->due_at, late, sizeof(late));
		/* TRANSLATORS: how late an overdue timer is: %s is "1h05m". */
		text_snprintf(latecol, sizeof(latecol), _("%s late"), late);
		{
			/* Right-aligned by display width: the language's words may be wide. */
			char pad[16];
			int lw = ui_width(latecol), np = lw < 11 ? 11 - lw : 0;

			memset(pad, ' ', (size_t)np);
			pad[np] = '\0';
			/* The case ids are ASCII: padding by bytes is by columns. */
			text_snprintf(line, sizeof(line), "%s%s %s%s  %-12s %s", i == m->cur ? ">" : " ",
			              t->selected ? "*" : " ", pad, latecol, t->hid, t->what);
		}
		ui_fill(stdscr, ry, x + 1, wd - 2, role);
		{
			int lw = ui_width(line), tw = wd - 4 - lw - 2;

			if (tw < 8) {
				ui_text(stdscr, ry, x + 2, line, wd - 4, role);
			} else {
				ui_text(stdscr, ry, x + 2, line, lw, role);
				ui_text(stdscr, ry, x + 2 + lw + 2, t->title, tw, role);
			}
		}
	}
	if (m->more)
		ui_text(stdscr, y + h - 6, x + 2, _("... and more, shown as these are dealt with"),
		        wd - 4, UI_MODAL);
	ui_text(stdscr, y + h - 5, x + 2, note ? note : "", wd - 4, UI_MODAL_TITLE);
	ui_text(stdscr, y + h - 4, x + 2,
	        _("Enter: record the notification / do the step   o: override (reason)"),
	        wd - 4, UI_MODAL);
	ui_text(stdscr, y + h - 3, x + 2,
	        _("Space/a: select some/all (one reason for them all)   Up/Down: choose"), wd - 4,
	        UI_MODAL);
	ui_text(stdscr, y + h - 2, x + 2,
	        _("Esc, q and Ctrl-C do nothing here: a deadline was missed."), wd - 4, UI_MODAL);
}

/* ---- the forms the modal opens ------------------------------------------------ */

static const char *const CHANNELS[] = { "phone", "email", "meeting", "chat", "letter", "other",
	                                NULL };

struct notify_arg {
	const mtimer *t;
};

static int
check_role(const char *value, void *arg, ird_err *e)
{
	char role[NOTIFY_ROLE_MAX + 1];

	return notify_check_role(value, role, e);
}

static int
submit_notify(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	const mtimer *t = ((struct notify_arg *)arg)->t;
	notify_spec spec = { 0 };
	int64_t id;
	int satisfied = 0, rc;

	spec.role = f->fields[0].value;
	spec.channel = f->fields[1].value;
	spec.note = f->fields[2].value[0] ? f->fields[2].value : NULL;
	spec.at = f->fields[3].time;
	if ((rc = act_notify(app->ctx, t->case_id, &spec, &id, &satisfied, e)) != IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app,
	           ngettext("%s: notification %lld to %s recorded; %d timer satisfied",
	                    "%s: notification %lld to %s recorded; %d timers satisfied",
	                    (unsigned long)satisfied),
	           t->hid, (long long)id, spec.role, satisfied);
	return IRD_OK;
}

static void
notify_form(ui_app *app, const mtimer *t)
{
	ui_field fields[4];
	struct notify_arg a = { t };
	char title[160];
	ui_form f = { 0 };

	memset(fields, 0, sizeof(fields));
	fields[0].label = N_("to (role)");
	fields[0].kind = UI_F_TEXT;
	fields[0].required = 1;
	fields[0].check = check_role;
	snprintf(fields[0].value, sizeof(fields[0].value), "%s", t->role);
	fields[1].label = N_("channel");
	fields[1].kind = UI_F_CHOICE;
	fields[1].choices = CHANNELS;
	snprintf(fields[1].value, sizeof(fields[1].value), "phone");
	fields[2].label = N_("note");
	fields[2].kind = UI_F_TEXT;
	fields[3].label = N_("told at");
	fields[3].kind = UI_F_TIME;
	text_snprintf(title, sizeof(title), _("Record the notification: %s"), t->hid);
	f.title = title;
	f.fields = fields;
	f.nfields = 4;
	f.submit = submit_notify;
	f.arg = &a;
	ui_form_run(app, &f);
}

static int
submit_step(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	const mtimer *t = arg;
	step_row row = { 0 };
	char ref[24];
	int rc;

	if ((rc = step_get(app->ctx, t->step_id, &row, e)) != IRD_OK)
		return rc;
	snprintf(ref, sizeof(ref), "%lld", (long long)row.num);
	step_row_free(&row);
	rc = act_step_done(app->ctx, t->case_id, ref, f->fields[0].value[0] ? f->fields[0].value : NULL,
	               e);
	if (rc != IRD_OK)
		return rc; /* the refusal says what is missing; o overrides */
	ui_changed(app);
	ui_message(app, _("%s: step %s done"), t->hid, ref);
	return IRD_OK;
}

/* Append TEXT to INFO in lines of at most COLS columns (ui_wrap: at
 * spaces, and between Japanese characters). */
static void
info_wrap(char *info, size_t len, const char *text, int cols)
{
	static char lines[UI_FORM_INFO_LINES][512];
	int n = ui_wrap(text, cols, lines, UI_FORM_INFO_LINES);

	for (int i = 0; i < n; i++) {
		size_t o = strlen(info);

		text_snprintf(info + o, len - o, "%s\n", lines[i]);
	}
}

/* What the engine will check when the step is done, said before anything
 * is typed: "ready", or why it cannot be done yet. */
static void
step_info(ui_app *app, const mtimer *t, char *info, size_t len)
{
	step_row row = { 0 };
	ird_err e = { 0 };
	char why[512] = "", line[640];
	int met = 1;

	info[0] = '\0';
	if (step_get(app->ctx, t->step_id, &row, &e) != IRD_OK) {
		info_wrap(info, len, e.msg, 68);
		return;
	}
	if (step_requirement_met(app->ctx, &row, &met, why, sizeof(why), &e) != IRD_OK)
		snprintf(line, sizeof(line), "%s", e.msg);
	else if (met)
		snprintf(line, sizeof(line), "%s", row.requires && *row.requires &&
		         strcmp(row.requires, "none") != 0 ? _("ready: the record it needs is there")
		                                           : _("ready: it needs no record"));
	else
		text_snprintf(line, sizeof(line), _("cannot be done yet: %s"), why);
	step_row_free(&row);
	info_wrap(info, len, line, 68);
	if (!met)
		info_wrap(info, len, _("(o in the list overrides the deadline with a reason)"), 68);
}

static void
step_form(ui_app *app, const mtimer *t)
{
	ui_field fields[1];
	char title[320];
	ui_form f = { 0 };

	memset(fields, 0, sizeof(fields));
	step_info(app, t, f.info, sizeof(f.info));
	fields[0].label = N_("note");
	fields[0].kind = UI_F_TEXT;
	text_snprintf(title, sizeof(title), _("Do the step: %s %s"), t->hid, t->step_title);
	f.title = title;
	f.fields = fields;
	f.nfields = 1;
	f.submit = submit_step;
	f.arg = (void *)t;
	ui_form_run(app, &f);
}

struct override_arg {
	modal *m;
	int only; /* -1: the selected timers; else this one */
};

static int
submit_override(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	struct override_arg *a = arg;
	int done = 0, rc = IRD_OK;

	for (int i = 0; i < a->m->n; i++) {
		mtimer *t = &a->m->t[i];
		int64_t new_id;

		if (a->only >= 0 ? i != a->only : !t->selected)
			continue;
		/* One reason, recorded on each timer it covers. */
		if ((rc = act_timer_override(app->ctx, t->case_id, t->id, f->fields[0].value, &new_id,
		                         e)) != IRD_OK)
			break;
		t->selected = 0;
		done++;
	}
	if (done)
		ui_changed(app);
	if (rc != IRD_OK)
		return rc;
	ui_message(app,
	           ngettext("%d timer overridden (the csirt-lead must hear of it)",
	                    "%d timers overridden (the csirt-lead must hear of it)",
	                    (unsigned long)done),
	           done);
	return IRD_OK;
}

static int
check_reason(const char *value, void *arg, ird_err *e)
{
	for (const char *p = value; *p; p++)
		if (*p != ' ')
			return IRD_OK;
	return ird_fail(e, IRD_EUSAGE, "%s", _("an override needs a reason"));
}

static void
override_form(ui_app *app, modal *m)
{
	struct override_arg a = { m, -1 };
	ui_field fields[1];
	char title[160];
	ui_form f = { 0 };
	int nsel = 0;

	for (int i = 0; i < m->n; i++)
		nsel += m->t[i].selected;
	if (nsel == 0) {
		a.only = m->cur;
		nsel = 1;
	}
	memset(fields, 0, sizeof(fields));
	fields[0].label = N_("reason");
	fields[0].kind = UI_F_TEXT;
	fields[0].required = 1;
	fields[0].check = check_reason;
	text_snprintf(title, sizeof(title),
	              ngettext("Override %d timer (recorded on each)",
	                       "Override %d timers (recorded on each)", (unsigned long)nsel),
	              nsel);
	f.title = title;
	f.fields = fields;
	f.nfields = 1;
	f.submit = submit_override;
	f.arg = &a;
	if (ui_confirm(app, _("An override is kept in the audit trail and tells the csirt-lead. "
	                      "Go on?")))
		ui_form_run(app, &f);
}

int
ui_modal_run(ui_app *app)
{
	modal *m = calloc(1, sizeof(*m));
	int shown = 0;

	if (!m)
		return 0;
	app->in_modal = 1;
	while (!app->quit) {
		ird_err e = { 0 };
		ui_view *v = ui_top(app);
		int key;

		if (collect(app, m, v ? v->case_id : 0, &e) != IRD_OK) {
			ui_error(app, &e);
			break;
		}
		if (m->n == 0)
			break;
		shown = 1;
		/* Drawn by ui_paint, so it stays under the forms it opens. */
		app->overlay = draw;
		app->overlay_arg = m;
		ui_paint(app);
		ui_frame(app);
		key = ui_input(app);
		m->note = NULL;
		if (key == UI_EV_QUIT)
			break;
		if (key == UI_EV_REDRAW || app->too_small)
			continue;
		switch (key) {
		case UI_FN(KEY_DOWN):
		case 'j':
			if (m->cur + 1 < m->n)
				m->cur++;
			break;
		case UI_FN(KEY_UP):
		case 'k':
			if (m->cur > 0)
				m->cur--;
			break;
		case 'a': {
			int all = 1;

			for (int i = 0; i < m->n; i++)
				all &= m->t[i].selected;
			for (int i = 0; i < m->n; i++)
				m->t[i].selected = !all;
			break;
		}
		case ' ':
			m->t[m->cur].selected = !m->t[m->cur].selected;
			if (m->cur + 1 < m->n)
				m->cur++;
			break;
		case UI_KEY_ENTER:
			if (m->t[m->cur].role[0])
				notify_form(app, &m->t[m->cur]);
			else
				step_form(app, &m->t[m->cur]);
			break;
		case 'o':
		case 'O':
			override_form(app, m);
			break;
		default:
			m->note = _("This cannot be dismissed: Enter records the notification or does the "
			            "step, o overrides with a reason.");
			break;
		}
	}
	app->in_modal = 0;
	app->overlay = NULL;
	app->overlay_arg = NULL;
	free(m);
	if (shown)
		ui_dirty(app, NULL, UI_RECALC | UI_REPAINT);
	return shown;
}
