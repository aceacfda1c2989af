/* case_forms.c - every action on a case as a small form on the case
 * screen: log, case set and close, step start/done/skip/assign, timer
 * override, notify, ioc add, block request/activate/lift, asset add/set,
 * evidence add/transfer/verify, decide full disconnection.
 *
 * Fields are checked by the core's own checks (case_check_severity,
 * notify_check_role, indicator_check, asset_check_state, ...), their
 * errors shown beside the field; nothing is written until the form is
 * confirmed and Esc writes nothing. What cannot be taken back without a
 * trace (closing, skipping, lifting, overriding) asks to confirm. Every
 * write is the action the CLI calls for the same command (act_*,
 * casework_*), then ui_changed(). A form keeps a copy of the row it acts on: live refresh
 * may re-read the tab while it is open. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "actions/act_asset.h"
#include "actions/act_ioc.h"
#include "actions/act_notify.h"
#include "actions/act_step.h"
#include "actions/casework.h"
#include "actions/session.h"
#include "base/conffile.h"
#include "base/i18n.h"
#include "base/text.h"
#include "engine/step_rules.h"
#include "records/asset.h"
#include "records/block.h"
#include "records/decision.h"
#include "records/evidence.h"
#include "records/indicator.h"
#include "records/notify.h"
#include "records/step.h"
#include "records/timer.h"
#include "ui/case.h"
#include "ui/form.h"

static const char *const STATUSES[] = { "open", "contained", "eradicated", "recovered",
	                                "closed", NULL };
static const char *const SEVERITIES[] = { "low", "medium", "high", "critical", NULL };
static const char *const TLPS[] = { "clear", "green", "amber", "amber+strict", "red", NULL };
static const char *const CHANNELS[] = { "phone", "email", "meeting", "chat", "letter", "other",
	                                NULL };
static const char *const IOC_TYPES[] = { "email", "url", "domain", "ip", "sha256", "sha1",
	                                 "md5", "subject", "filename", "message-id", NULL };
static const char *const IOC_ROLES[] = { "(by type)", "sender", "c2", "download", "other",
	                                 NULL };
static const char *const SCOPES[] = { "(widest)", "address", "host", "domain", NULL };
static const char *const ADD_STATES[] = { "suspected", "infected", NULL };
static const char *const SET_STATES[] = { "infected", "isolated", "imaged", "clean", NULL };
/* A suspected host keeps its state unless another is chosen. */
#define KEEP_SUSPECTED "(suspected: unchanged)"
static const char *const SET_STATES_SUSPECTED[] = { KEEP_SUSPECTED, "infected", "isolated",
	                                            "imaged", "clean", NULL };
static const char *const EV_KINDS[] = { "disk-image", "memory", "logs", "mail", "other", NULL };
static const char *const CHOICES[] = { "disconnect", "partial", "defer", NULL };

/* What a form acts on, copied from the screen when it opens. */
typedef struct form_ctx {
	case_screen *cs;
	int64_t case_id;
	char hid[CASE_HID_LEN];
	int have_row;  /* a row was selected */
	int64_t rid;   /* its record's id */
	char ref[320]; /* its reference for the action */
	char extra[128];
	char state[24];
	char what[400]; /* its first text cell, to name it */
} form_ctx;

static void
form_ctx_init(form_ctx *fc, ui_view *v)
{
	case_screen *cs = v->data;
	const cs_row *r = cs_selected(cs);

	memset(fc, 0, sizeof(*fc));
	fc->cs = cs;
	fc->case_id = cs->id;
	snprintf(fc->hid, sizeof(fc->hid), "%s", cs->c.hid ? cs->c.hid : _("case"));
	if (r) {
		const cs_tab_def *td = &cs_tabs[cs->tab];

		fc->have_row = 1;
		fc->rid = r->id;
		snprintf(fc->ref, sizeof(fc->ref), "%s", r->ref);
		snprintf(fc->extra, sizeof(fc->extra), "%s", r->extra);
		snprintf(fc->state, sizeof(fc->state), "%s", r->state);
		for (int c = td->ncols - 1; c >= 0; c--)
			if (td->cols[c].flex && r->cell[c]) {
				snprintf(fc->what, sizeof(fc->what), "%s", r->cell[c]);
				break;
			}
	}
}

/* The selected row, or the message NONE (N_(): "no step selected"). */
static int
need_row(ui_app *app, const form_ctx *fc, const char *none)
{
	if (!fc->have_row)
		ui_message(app, "%s", _(none));
	return fc->have_row;
}

/* Columns a form's info line has (a form is at most 76 wide). */
#define INFO_COLS 70

/* Append TEXT to OUT (LEN bytes) cut into lines of at most COLS columns
 * (ui_wrap: at spaces, and between Japanese characters), each line ended
 * by a newline. */
static void
wrap_into(char *out, size_t len, const char *text, int cols)
{
	static char lines[UI_FORM_INFO_LINES + 2][512];
	int n = ui_wrap(text, cols, lines, UI_FORM_INFO_LINES + 2);
	size_t o = strlen(out);

	for (int i = 0; i < n; i++) {
		size_t l = strlen(lines[i]);

		if (o + l + 2 > len)
			return;
		memcpy(out + o, lines[i], l);
		o += l;
		out[o++] = '\n';
		out[o] = '\0';
	}
}

static void
field(ui_field *f, const char *label, enum ui_field_kind kind, const char *const *choices,
      const char *value)
{
	f->label = label;
	f->kind = kind;
	f->choices = choices;
	snprintf(f->value, sizeof(f->value), "%s", value ? value : "");
}

/* A refusal from the core about field F: shown beside it too. */
static int
field_error(ui_field *f, int rc, const ird_err *e)
{
	if (rc != IRD_OK && rc != IRD_EBUSY)
		snprintf(f->error, sizeof(f->error), "%s", e->msg);
	return rc;
}

static const char *
opt(const ui_field *f)
{
	return f->value[0] ? f->value : NULL;
}

static int
run_form(ui_app *app, const char *title, ui_field *fl, int n,
         int (*submit)(ui_app *, ui_form *, void *, ird_err *), form_ctx *fc,
         void (*changed)(ui_app *, ui_form *, void *), const char *info)
{
	ui_form f;

	memset(&f, 0, sizeof(f));
	f.title = title;
	f.fields = fl;
	f.nfields = n;
	f.submit = submit;
	f.arg = fc;
	f.changed = changed;
	if (info)
		for (const char *p = info; *p;) {
			const char *nl = strchr(p, '\n');
			char line[sizeof(f.info)];

			snprintf(line, sizeof(line), "%.*s", nl ? (int)(nl - p) : (int)strlen(p), p);
			wrap_into(f.info, sizeof(f.info), line, INFO_COLS);
			p = nl ? nl + 1 : p + strlen(p);
		}
	return ui_form_run(app, &f);
}

/* Checks of single values, as the core makes them. */
static int chk_status(const char *v, void *a, ird_err *e) { return case_check_status(v, e); }
static int chk_severity(const char *v, void *a, ird_err *e) { return case_check_severity(v, e); }
static int chk_tlp(const char *v, void *a, ird_err *e) { return case_check_tlp(v, e); }
static int chk_channel(const char *v, void *a, ird_err *e) { return notify_check_channel(v, e); }
static int chk_kind(const char *v, void *a, ird_err *e) { return evidence_check_kind(v, e); }

static int
chk_cause(const char *v, void *a, ird_err *e)
{
	return *v ? case_check_cause(v, e) : IRD_OK;
}

static int
chk_role(const char *v, void *a, ird_err *e)
{
	char role[NOTIFY_ROLE_MAX + 1];

	return notify_check_role(v, role, e);
}

static int
chk_host(const char *v, void *a, ird_err *e)
{
	char *clean = NULL;
	int rc = asset_name_clean(v, a ? (const char *)a : "host", 0, &clean, e);

	free(clean);
	return rc;
}

static int
chk_site(const char *v, void *a, ird_err *e)
{
	char *clean = NULL;
	int rc = asset_name_clean(v, "site", 1, &clean, e);

	free(clean);
	return rc;
}

static int
chk_add_state(const char *v, void *a, ird_err *e)
{
	return asset_check_state(v, 1, e);
}

static int
chk_set_state(const char *v, void *a, ird_err *e)
{
	return strcmp(v, KEEP_SUSPECTED) == 0 ? IRD_OK : asset_check_state(v, 0, e);
}

static int
chk_scope(const char *v, void *a, ird_err *e)
{
	return strcmp(v, SCOPES[0]) == 0 ? IRD_OK : block_check_scope(v, e);
}

static int
chk_ioc_role(const char *v, void *a, ird_err *e)
{
	return strcmp(v, IOC_ROLES[0]) == 0 ? IRD_OK : indicator_check_role(v, e);
}

/* ---- log --------------------------------------------------------------------------- */

enum { LOG_TEXT, LOG_AT, LOG_N };

static int
submit_log(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	int rc = casework_log(app->ctx, fc->case_id, f->fields[LOG_AT].time, f->fields[LOG_TEXT].value,
	                   e);

	if (rc != IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, _("%s: event logged"), fc->hid);
	return IRD_OK;
}

void
cs_log_form(ui_app *app, ui_view *v, int key)
{
	ui_field fl[LOG_N];
	form_ctx fc;
	char title[400];

	form_ctx_init(&fc, v);
	memset(fl, 0, sizeof(fl));
	field(&fl[LOG_TEXT], N_("what happened"), UI_F_TEXT, NULL, NULL);
	fl[LOG_TEXT].required = 1;
	field(&fl[LOG_AT], N_("when (local)"), UI_F_TIME, NULL, NULL);
	text_snprintf(title, sizeof(title), _("Log an event: %s"), fc.hid);
	run_form(app, title, fl, LOG_N, submit_log, &fc, NULL,
	         _("when: ISO-8601, or YYYY-MM-DD HH:MM in local time; empty: now"));
}

/* ---- case set / close ----------------------------------------------------------------- */

enum { CS_F_STATUS, CS_F_SEV, CS_F_LEAD, CS_F_TLP, CS_F_PD, CS_F_CAUSE, CS_F_TITLE, CS_F_N };

/* VALUE if it differs from OLD (NULL: unchanged). */
static const char *
differs(const char *value, const char *old)
{
	if (!value[0] && !old)
		return NULL;
	return strcmp(value, old ? old : "") != 0 ? value : NULL;
}

static int
submit_case(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	const case_row *c = &fc->cs->c;
	ui_field *fl = f->fields;
	case_change ch = { .personal_data = -1 };
	int pd = strcmp(fl[CS_F_PD].value, "yes") == 0, rc;

	ch.status = differs(fl[CS_F_STATUS].value, c->status);
	ch.severity = differs(fl[CS_F_SEV].value, c->severity);
	ch.lead = differs(fl[CS_F_LEAD].value, c->lead);
	ch.tlp = differs(fl[CS_F_TLP].value, c->tlp);
	ch.cause = fl[CS_F_CAUSE].value[0] ? differs(fl[CS_F_CAUSE].value, c->cause) : NULL;
	ch.title = differs(fl[CS_F_TITLE].value, c->title);
	if (pd != c->personal_data)
		ch.personal_data = pd;
	if (!ch.status && !ch.severity && !ch.lead && !ch.tlp && !ch.cause && !ch.title &&
	    ch.personal_data < 0)
		return ird_fail(e, IRD_EUSAGE, "%s", _("nothing to change (Esc leaves the case as it is)"));
	if (ch.status && strcmp(ch.status, "closed") == 0) {
		char q[160];

		text_snprintf(q, sizeof(q), _("Close %s? Closing is recorded on the timeline."), fc->hid);
		if (!ui_confirm(app, q))
			return ird_fail(e, IRD_EUSAGE, "%s", _("not closed: change the status or Esc"));
	}
	if ((rc = casework_change(app->ctx, fc->case_id, &ch, e)) != IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, _("%s changed"), fc->hid);
	return IRD_OK;
}

void
cs_case_form(ui_app *app, ui_view *v, int key)
{
	ui_field fl[CS_F_N];
	form_ctx fc;
	const case_row *c;
	char title[400];

	form_ctx_init(&fc, v);
	c = &fc.cs->c;
	if (!c->hid)
		return;
	memset(fl, 0, sizeof(fl));
	field(&fl[CS_F_STATUS], N_("status"), UI_F_CHOICE, STATUSES, c->status);
	fl[CS_F_STATUS].check = chk_status;
	field(&fl[CS_F_SEV], N_("severity"), UI_F_CHOICE, SEVERITIES, c->severity);
	fl[CS_F_SEV].check = chk_severity;
	field(&fl[CS_F_LEAD], N_("lead"), UI_F_TEXT, NULL, c->lead);
	field(&fl[CS_F_TLP], N_("TLP"), UI_F_CHOICE, TLPS, c->tlp);
	fl[CS_F_TLP].check = chk_tlp;
	field(&fl[CS_F_PD], N_("personal data"), UI_F_YESNO, NULL, c->personal_data ? "yes" : "no");
	field(&fl[CS_F_CAUSE], N_("cause"), UI_F_TEXT, NULL, c->cause);
	fl[CS_F_CAUSE].check = chk_cause;
	field(&fl[CS_F_TITLE], N_("title"), UI_F_TEXT, NULL, c->title);
	fl[CS_F_TITLE].required = 1;
	text_snprintf(title, sizeof(title), _("Change %s"), fc.hid);
	run_form(app, title, fl, CS_F_N, submit_case, &fc, NULL,
	         _("only what you change is written; cause: one word, e.g. unauthorised-access"));
}

void
cs_close_case(ui_app *app, ui_view *v, int key)
{
	form_ctx fc;
	case_change ch = { .personal_data = -1, .status = "closed" };
	ird_err e = { 0 };
	char q[160];

	form_ctx_init(&fc, v);
	if (fc.cs->c.status && strcmp(fc.cs->c.status, "closed") == 0) {
		ui_message(app, _("%s is already closed"), fc.hid);
		return;
	}
	text_snprintf(q, sizeof(q), _("Close %s? Closing is recorded on the timeline."), fc.hid);
	if (!ui_confirm(app, q)) {
		ui_message(app, _("%s: not closed, nothing written"), fc.hid);
		return;
	}
	if (casework_change(app->ctx, fc.case_id, &ch, &e) != IRD_OK) {
		ui_error(app, &e);
		return;
	}
	ui_changed(app);
	ui_message(app, _("%s closed"), fc.hid);
}

/* ---- steps ------------------------------------------------------------------------------ */

static int
step_open(const form_ctx *fc)
{
	return strcmp(fc->state, "done") != 0 && strcmp(fc->state, "skipped") != 0;
}

void
cs_step_start(ui_app *app, ui_view *v, int key)
{
	form_ctx fc;
	ird_err e = { 0 };

	form_ctx_init(&fc, v);
	if (fc.cs->tab != CS_STEPS || !need_row(app, &fc, N_("no step selected")))
		return;
	if (act_step_start(app->ctx, fc.case_id, fc.ref, &e) != IRD_OK) {
		ui_error(app, &e);
		return;
	}
	ui_changed(app);
	ui_message(app, _("step %s started"), fc.ref);
}

enum { DONE_NOTE, DONE_N };

static int
submit_done(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	int rc = act_step_done(app->ctx, fc->case_id, fc->ref, opt(&f->fields[DONE_NOTE]), e);

	if (rc != IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, _("step %s done"), fc->ref);
	return IRD_OK;
}

void
cs_step_done(ui_app *app, ui_view *v, int key)
{
	ui_field fl[DONE_N];
	form_ctx fc;
	step_row row;
	ird_err e = { 0 };
	char info[900], why[512] = "", title[400];
	int met = 1;

	form_ctx_init(&fc, v);
	if (fc.cs->tab != CS_STEPS || !need_row(app, &fc, N_("no step selected")))
		return;
	if (!step_open(&fc)) {
		ui_message(app, _("step %s is already %s"), fc.ref, ui_word(fc.state));
		return;
	}
	/* What the engine will check on done: say it before anything is typed. */
	if (step_get(app->ctx, fc.rid, &row, &e) != IRD_OK) {
		ui_error(app, &e);
		return;
	}
	if (step_requirement_met(app->ctx, &row, &met, why, sizeof(why), &e) != IRD_OK) {
		step_row_free(&row);
		ui_error(app, &e);
		return;
	}
	info[0] = '\0';
	wrap_into(info, sizeof(info), row.title, INFO_COLS);
	if (met) {
		wrap_into(info, sizeof(info), row.requires && *row.requires &&
		          strcmp(row.requires, "none") != 0 ? _("ready: the record it needs is there")
		                                            : _("ready: it needs no record"),
		          INFO_COLS);
	} else {
		char line[600];

		text_snprintf(line, sizeof(line), _("cannot be done yet: %s"), why);
		wrap_into(info, sizeof(info), line, INFO_COLS);
	}
	step_row_free(&row);
	memset(fl, 0, sizeof(fl));
	field(&fl[DONE_NOTE], N_("note"), UI_F_TEXT, NULL, NULL);
	text_snprintf(title, sizeof(title), _("Step %s done"), fc.ref);
	run_form(app, title, fl, DONE_N, submit_done, &fc, NULL, info);
}

enum { SKIP_REASON, SKIP_N };

static int
submit_skip(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	char q[480];
	int rc;

	text_snprintf(q, sizeof(q), _("Skip step %s? The skip and its reason stay on record."), fc->ref);
	if (!ui_confirm(app, q))
		return ird_fail(e, IRD_EUSAGE, "%s", _("not skipped (Esc leaves the step as it is)"));
	if ((rc = act_step_skip(app->ctx, fc->case_id, fc->ref, f->fields[SKIP_REASON].value, e)) !=
	    IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, _("step %s skipped"), fc->ref);
	return IRD_OK;
}

void
cs_step_skip(ui_app *app, ui_view *v, int key)
{
	ui_field fl[SKIP_N];
	form_ctx fc;
	char title[400];

	form_ctx_init(&fc, v);
	if (fc.cs->tab != CS_STEPS || !need_row(app, &fc, N_("no step selected")))
		return;
	if (!step_open(&fc)) {
		ui_message(app, _("step %s is already %s"), fc.ref, ui_word(fc.state));
		return;
	}
	memset(fl, 0, sizeof(fl));
	field(&fl[SKIP_REASON], N_("reason"), UI_F_TEXT, NULL, NULL);
	fl[SKIP_REASON].required = 1;
	text_snprintf(title, sizeof(title), _("Skip step %s"), fc.ref);
	run_form(app, title, fl, SKIP_N, submit_skip, &fc, NULL, fc.what);
}

enum { ASSIGN_NAME, ASSIGN_N };

static int
submit_assign(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	int rc = act_step_assign(app->ctx, fc->case_id, fc->ref, f->fields[ASSIGN_NAME].value, e);

	if (rc != IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, _("step %s assigned to %s"), fc->ref, f->fields[ASSIGN_NAME].value);
	return IRD_OK;
}

void
cs_step_assign(ui_app *app, ui_view *v, int key)
{
	ui_field fl[ASSIGN_N];
	form_ctx fc;
	char title[400];

	form_ctx_init(&fc, v);
	if (fc.cs->tab != CS_STEPS || !need_row(app, &fc, N_("no step selected")))
		return;
	memset(fl, 0, sizeof(fl));
	field(&fl[ASSIGN_NAME], N_("assign to"), UI_F_TEXT, NULL, app->ctx->actor);
	fl[ASSIGN_NAME].required = 1;
	text_snprintf(title, sizeof(title), _("Assign step %s"), fc.ref);
	run_form(app, title, fl, ASSIGN_N, submit_assign, &fc, NULL, fc.what);
}

/* ---- timers -------------------------------------------------------------------------------- */

enum { OVR_REASON, OVR_N };

static int
submit_override(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	char q[480];
	int64_t new_id = 0;
	int rc;

	text_snprintf(q, sizeof(q), _("Override timer %s? It stays on record and the csirt-lead is told."),
	         fc->ref);
	if (!ui_confirm(app, q))
		return ird_fail(e, IRD_EUSAGE, "%s", _("not overridden (Esc leaves the timer running)"));
	if ((rc = act_timer_override(app->ctx, fc->case_id, fc->rid, f->fields[OVR_REASON].value,
	                         &new_id, e)) != IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, _("timer %s overridden; timer %lld tells the csirt-lead"), fc->ref,
	           (long long)new_id);
	return IRD_OK;
}

void
cs_timer_override(ui_app *app, ui_view *v, int key)
{
	ui_field fl[OVR_N];
	form_ctx fc;
	char title[400];

	form_ctx_init(&fc, v);
	if (fc.cs->tab != CS_TIMERS || !need_row(app, &fc, N_("no timer selected")))
		return;
	if (strcmp(fc.state, "open") != 0) {
		ui_message(app, _("timer %s is not open"), fc.ref);
		return;
	}
	memset(fl, 0, sizeof(fl));
	field(&fl[OVR_REASON], N_("reason"), UI_F_TEXT, NULL, NULL);
	fl[OVR_REASON].required = 1;
	text_snprintf(title, sizeof(title), _("Override timer %s"), fc.ref);
	run_form(app, title, fl, OVR_N, submit_override, &fc, NULL, fc.what);
}

/* ---- notify ---------------------------------------------------------------------------------- */

enum { NT_TO, NT_CHANNEL, NT_AT, NT_NOTE, NT_N };

static int
submit_notify(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	notify_spec spec = { 0 };
	char role[NOTIFY_ROLE_MAX + 1];
	int64_t id = 0;
	int satisfied = 0, rc;

	spec.role = f->fields[NT_TO].value;
	spec.channel = f->fields[NT_CHANNEL].value;
	spec.at = f->fields[NT_AT].time;
	spec.note = opt(&f->fields[NT_NOTE]);
	if ((rc = act_notify(app->ctx, fc->case_id, &spec, &id, &satisfied, e)) != IRD_OK)
		/* The role's own check says whether the refusal is about it,
		 * whatever the language of the message. */
		return rc == IRD_EUSAGE && notify_check_role(spec.role, role, &(ird_err){ 0 }) != IRD_OK
		       ? field_error(&f->fields[NT_TO], rc, e) : rc;
	ui_changed(app);
	if (notify_check_role(spec.role, role, e) != IRD_OK)
		snprintf(role, sizeof(role), "%s", spec.role);
	ui_message(app,
	           ngettext("notification %lld: %s told; %d timer satisfied",
	                    "notification %lld: %s told; %d timers satisfied",
	                    (unsigned long)satisfied),
	           (long long)id, role, satisfied);
	return IRD_OK;
}

void
cs_notify_form(ui_app *app, ui_view *v, int key)
{
	ui_field fl[NT_N];
	form_ctx fc;
	char title[400];

	form_ctx_init(&fc, v);
	memset(fl, 0, sizeof(fl));
	/* On the Timers tab the selected timer's role is the one to tell. */
	field(&fl[NT_TO], N_("to (role)"), UI_F_TEXT, NULL,
	      fc.cs->tab == CS_TIMERS && fc.have_row ? fc.extra : NULL);
	fl[NT_TO].required = 1;
	fl[NT_TO].check = chk_role;
	field(&fl[NT_CHANNEL], N_("channel"), UI_F_CHOICE, CHANNELS, "phone");
	fl[NT_CHANNEL].check = chk_channel;
	field(&fl[NT_AT], N_("told at (local)"), UI_F_TIME, NULL, NULL);
	field(&fl[NT_NOTE], N_("note"), UI_F_TEXT, NULL, NULL);
	text_snprintf(title, sizeof(title), _("Notify: %s"), fc.hid);
	run_form(app, title, fl, NT_N, submit_notify, &fc, NULL,
	         _("roles: csirt-lead executives ministry regulator police staff operator vendor"));
}

/* ---- indicators and blocks ------------------------------------------------------------------------ */

enum { IO_TYPE, IO_VALUE, IO_ROLE, IO_NOTE, IO_EXFIL, IO_N };

/* The spec the form's fields give. */
static void
ioc_spec(const ui_form *f, indicator_spec *s)
{
	const ui_field *fl = f->fields;

	memset(s, 0, sizeof(*s));
	s->type = fl[IO_TYPE].value;
	s->value = fl[IO_VALUE].value;
	s->role = strcmp(fl[IO_ROLE].value, IOC_ROLES[0]) == 0 ? NULL : fl[IO_ROLE].value;
	s->note = opt(&fl[IO_NOTE]);
	s->exfil = strcmp(fl[IO_EXFIL].value, "yes") == 0;
}

/* The value as it will be stored, shown while it is typed. */
static void
ioc_changed(ui_app *app, ui_form *f, void *arg)
{
	form_ctx *fc = arg;
	const ui_field *fl = f->fields;
	const ioc_normalizer *n;
	ird_err e = { 0 };
	ioc_norm norm;
	ioc_type t;

	f->info[0] = '\0';
	if (!fl[IO_VALUE].value[0]) {
		snprintf(f->info, sizeof(f->info), "%s",
		         _("normal form: (as you type; hxxp://, [.] and [at] are undone)\n"
		           "registrable domain: -"));
		return;
	}
	if (!(n = cs_normalizer(fc->cs, &e)) || ioc_type_parse(fl[IO_TYPE].value, &t) != IRD_OK) {
		text_snprintf(f->info, sizeof(f->info), _("normal form: ? (%s)"), e.msg);
		return;
	}
	if (ioc_normalize(n, t, fl[IO_VALUE].value, &norm, &e) != IRD_OK) {
		text_snprintf(f->info, sizeof(f->info), _("normal form: not valid yet: %s\n"
		              "registrable domain: -"), e.msg);
		return;
	}
	text_snprintf(f->info, sizeof(f->info), _("normal form: %s\nregistrable domain: %s\n"
	              "role if not given: %s"), norm.normal, norm.registrable ? norm.registrable : "-",
	         indicator_default_role(norm.type));
	ioc_norm_free(&norm);
}

static int
chk_ioc_value(const char *v, void *arg, ird_err *e)
{
	ui_form *f = arg;
	form_ctx *fc = f->arg;
	const ioc_normalizer *n = cs_normalizer(fc->cs, e);
	indicator_spec s;

	if (!n)
		return IRD_EFAIL;
	ioc_spec(f, &s);
	return indicator_check(n, &s, e);
}

static int
submit_ioc(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	const ioc_normalizer *n = cs_normalizer(fc->cs, e);
	indicator_spec s;
	indicator_row r;
	int64_t id = 0;
	int merged = 0, rc;

	if (!n)
		return IRD_EFAIL;
	ioc_spec(f, &s);
	if ((rc = indicator_check(n, &s, e)) != IRD_OK) {
		snprintf(f->fields[IO_VALUE].error, sizeof(f->fields[IO_VALUE].error), "%s", e->msg);
		return rc;
	}
	if ((rc = act_ioc_add(app->ctx, n, fc->case_id, &s, &id, &merged, e)) != IRD_OK)
		return rc;
	ui_changed(app);
	if (indicator_get(app->ctx, id, &r, e) == IRD_OK) {
		ui_message(app, merged ? _("merged #%lld: %s %s (role %s)")
		                       : _("added #%lld: %s %s (role %s)"),
		           (long long)id, r.type, r.normal, r.role);
		indicator_row_free(&r);
	} else {
		ui_message(app, merged ? _("indicator #%lld merged") : _("indicator #%lld added"),
		           (long long)id);
	}
	return IRD_OK;
}

void
cs_ioc_form(ui_app *app, ui_view *v, int key)
{
	ui_field fl[IO_N];
	form_ctx fc;
	ui_form f;
	char title[400];

	form_ctx_init(&fc, v);
	memset(fl, 0, sizeof(fl));
	memset(&f, 0, sizeof(f));
	field(&fl[IO_TYPE], N_("type"), UI_F_CHOICE, IOC_TYPES, "domain");
	field(&fl[IO_VALUE], N_("value"), UI_F_TEXT, NULL, NULL);
	fl[IO_VALUE].required = 1;
	fl[IO_VALUE].check = chk_ioc_value;
	fl[IO_VALUE].check_arg = &f;
	field(&fl[IO_ROLE], N_("role"), UI_F_CHOICE, IOC_ROLES, IOC_ROLES[0]);
	fl[IO_ROLE].check = chk_ioc_role;
	field(&fl[IO_NOTE], N_("note"), UI_F_TEXT, NULL, NULL);
	field(&fl[IO_EXFIL], N_("exfiltration"), UI_F_YESNO, NULL, "no");
	text_snprintf(title, sizeof(title), _("Add an indicator: %s"), fc.hid);
	f.title = title;
	f.fields = fl;
	f.nfields = IO_N;
	f.submit = submit_ioc;
	f.arg = &fc;
	f.changed = ioc_changed;
	ui_form_run(app, &f);
}

enum { BR_IND, BR_SCOPE, BR_N };

static int
submit_block(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	const ioc_normalizer *n = cs_normalizer(fc->cs, e);
	const char *scope = strcmp(f->fields[BR_SCOPE].value, SCOPES[0]) == 0
	                    ? NULL : f->fields[BR_SCOPE].value;
	int64_t ind = 0, id = 0;
	int rc;

	if (!n)
		return IRD_EFAIL;
	if ((rc = indicator_find(app->ctx, n, fc->case_id, f->fields[BR_IND].value, &ind, e)) !=
	    IRD_OK) {
		snprintf(f->fields[BR_IND].error, sizeof(f->fields[BR_IND].error), "%s", e->msg);
		return rc;
	}
	if ((rc = act_block_request(app->ctx, fc->case_id, ind, scope, &id, e)) != IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, _("block #%lld requested (A on the Blocks tab when it is in force)"),
	           (long long)id);
	return IRD_OK;
}

void
cs_block_form(ui_app *app, ui_view *v, int key)
{
	ui_field fl[BR_N];
	form_ctx fc;
	char title[400], info[600];

	form_ctx_init(&fc, v);
	memset(fl, 0, sizeof(fl));
	field(&fl[BR_IND], N_("indicator"), UI_F_TEXT, NULL,
	      fc.cs->tab == CS_INDICATORS && fc.have_row ? fc.ref : NULL);
	fl[BR_IND].required = 1;
	field(&fl[BR_SCOPE], N_("scope"), UI_F_CHOICE, SCOPES, SCOPES[0]);
	fl[BR_SCOPE].check = chk_scope;
	if (fc.cs->tab == CS_INDICATORS && fc.have_row)
		text_snprintf(info, sizeof(info), _("%s %s\nwidest: domain for hosts and URLs, address "
		              "for senders and IPs"), fc.extra, fc.what);
	else
		snprintf(info, sizeof(info), "%s", _("indicator: #id or its value\nwidest: domain for "
		         "hosts and URLs, address for senders and IPs"));
	text_snprintf(title, sizeof(title), _("Request a block: %s"), fc.hid);
	run_form(app, title, fl, BR_N, submit_block, &fc, NULL, info);
}

void
cs_block_activate(ui_app *app, ui_view *v, int key)
{
	form_ctx fc;
	ird_err e = { 0 };

	form_ctx_init(&fc, v);
	if (fc.cs->tab != CS_BLOCKS || !need_row(app, &fc, N_("no block selected")))
		return;
	if (act_block_activate(app->ctx, fc.case_id, fc.rid, &e) != IRD_OK) {
		ui_error(app, &e);
		return;
	}
	ui_changed(app);
	ui_message(app, _("block #%s is in force"), fc.ref);
}

enum { LIFT_NOTE, LIFT_N };

static int
submit_lift(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	char q[480];
	int rc;

	text_snprintf(q, sizeof(q), strcmp(fc->state, "active") == 0
	              ? _("Lift block #%s? Traffic to it flows again.")
	              : _("Lift block #%s? The request is withdrawn."), fc->ref);
	if (!ui_confirm(app, q))
		return ird_fail(e, IRD_EUSAGE, "%s", _("not lifted (Esc leaves the block as it is)"));
	if ((rc = act_block_lift(app->ctx, fc->case_id, fc->rid, opt(&f->fields[LIFT_NOTE]), e)) !=
	    IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, _("block #%s lifted"), fc->ref);
	return IRD_OK;
}

void
cs_block_lift(ui_app *app, ui_view *v, int key)
{
	ui_field fl[LIFT_N];
	form_ctx fc;
	char title[400];

	form_ctx_init(&fc, v);
	if (fc.cs->tab != CS_BLOCKS || !need_row(app, &fc, N_("no block selected")))
		return;
	memset(fl, 0, sizeof(fl));
	field(&fl[LIFT_NOTE], N_("note"), UI_F_TEXT, NULL, NULL);
	text_snprintf(title, sizeof(title), _("Lift block #%s"), fc.ref);
	run_form(app, title, fl, LIFT_N, submit_lift, &fc, NULL, fc.what);
}

/* ---- assets ------------------------------------------------------------------------------------ */

enum { AA_HOST, AA_SITE, AA_STATE, AA_N };

static int
submit_asset_add(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	int64_t id = 0;
	int rc = act_asset_add(app->ctx, fc->case_id, f->fields[AA_HOST].value,
	                   opt(&f->fields[AA_SITE]), f->fields[AA_STATE].value, &id, e);

	if (rc != IRD_OK)
		return field_error(&f->fields[AA_HOST], rc, e);
	ui_changed(app);
	ui_message(app, _("asset %s added (%s)"), f->fields[AA_HOST].value,
	           ui_word(f->fields[AA_STATE].value));
	return IRD_OK;
}

void
cs_asset_add(ui_app *app, ui_view *v, int key)
{
	ui_field fl[AA_N];
	form_ctx fc;
	char title[400];

	form_ctx_init(&fc, v);
	memset(fl, 0, sizeof(fl));
	field(&fl[AA_HOST], N_("host"), UI_F_TEXT, NULL, NULL);
	fl[AA_HOST].required = 1;
	fl[AA_HOST].check = chk_host;
	field(&fl[AA_SITE], N_("site"), UI_F_TEXT, NULL, NULL);
	fl[AA_SITE].check = chk_site;
	field(&fl[AA_STATE], N_("state"), UI_F_CHOICE, ADD_STATES, "suspected");
	fl[AA_STATE].check = chk_add_state;
	text_snprintf(title, sizeof(title), _("Add an asset: %s"), fc.hid);
	run_form(app, title, fl, AA_N, submit_asset_add, &fc, NULL,
	         _("infected starts its isolate and image steps"));
}

enum { AS_STATE, AS_SITE, AS_N };

static int
submit_asset_set(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	asset_change ch = { 0 };
	int rc;

	if (strcmp(f->fields[AS_STATE].value, fc->state) != 0 &&
	    strcmp(f->fields[AS_STATE].value, KEEP_SUSPECTED) != 0)
		ch.state = f->fields[AS_STATE].value;
	if (strcmp(f->fields[AS_SITE].value, fc->extra) != 0)
		ch.site = f->fields[AS_SITE].value;
	if (!ch.state && !ch.site)
		return ird_fail(e, IRD_EUSAGE, "%s", _("nothing to change (Esc leaves the asset as it is)"));
	if ((rc = act_asset_change(app->ctx, fc->case_id, fc->ref, &ch, e)) != IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, _("asset %s changed"), fc->ref);
	return IRD_OK;
}

void
cs_asset_set(ui_app *app, ui_view *v, int key)
{
	ui_field fl[AS_N];
	form_ctx fc;
	char title[400];

	form_ctx_init(&fc, v);
	if (fc.cs->tab != CS_ASSETS || !need_row(app, &fc, N_("no asset selected")))
		return;
	memset(fl, 0, sizeof(fl));
	if (strcmp(fc.state, "suspected") == 0)
		field(&fl[AS_STATE], N_("state"), UI_F_CHOICE, SET_STATES_SUSPECTED, KEEP_SUSPECTED);
	else
		field(&fl[AS_STATE], N_("state"), UI_F_CHOICE, SET_STATES, fc.state);
	fl[AS_STATE].check = chk_set_state;
	field(&fl[AS_SITE], N_("site"), UI_F_TEXT, NULL, fc.extra);
	fl[AS_SITE].check = chk_site;
	text_snprintf(title, sizeof(title), _("Asset %s (now %s)"), fc.ref, ui_word(fc.state));
	run_form(app, title, fl, AS_N, submit_asset_set, &fc, NULL,
	         _("an empty site clears it; infected starts its isolate and image steps"));
}

/* ---- evidence ------------------------------------------------------------------------------------- */

enum { EA_KIND, EA_ASSET, EA_FILE, EA_SHA, EA_LOC, EA_EXFIL, EA_N };

static void
evidence_spec_of(const ui_form *f, evidence_spec *s)
{
	const ui_field *fl = f->fields;

	memset(s, 0, sizeof(*s));
	s->kind = fl[EA_KIND].value;
	s->asset_host = opt(&fl[EA_ASSET]);
	s->file = opt(&fl[EA_FILE]);
	s->sha256 = opt(&fl[EA_SHA]);
	s->location = opt(&fl[EA_LOC]);
	s->exfil = strcmp(fl[EA_EXFIL].value, "yes") == 0;
}

static int
submit_evidence(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	evidence_spec s;
	int64_t num = 0;
	int rc;

	evidence_spec_of(f, &s);
	if ((rc = evidence_check_spec(&s, e)) != IRD_OK ||
	    (rc = act_evidence_add(app->ctx, fc->case_id, &s, &num, e)) != IRD_OK) {
		/* Name the field it is about: the asset, else the file or digest. */
		/* TRANSLATORS: the word for "asset" as the core's messages
		   about an evidence's asset use it (it finds the field to mark). */
		int fi = strstr(e->msg, "asset") || strstr(e->msg, _("word in messages:asset"))
		         ? EA_ASSET : s.file ? EA_FILE : EA_SHA;

		return field_error(&f->fields[fi], rc, e);
	}
	ui_changed(app);
	ui_message(app, _("evidence E%lld recorded"), (long long)num);
	return IRD_OK;
}

void
cs_evidence_add(ui_app *app, ui_view *v, int key)
{
	ui_field fl[EA_N];
	form_ctx fc;
	char title[400];

	form_ctx_init(&fc, v);
	memset(fl, 0, sizeof(fl));
	field(&fl[EA_KIND], N_("kind"), UI_F_CHOICE, EV_KINDS, "disk-image");
	fl[EA_KIND].check = chk_kind;
	field(&fl[EA_ASSET], N_("from asset"), UI_F_TEXT, NULL,
	      fc.cs->tab == CS_ASSETS && fc.have_row ? fc.ref : NULL);
	field(&fl[EA_FILE], N_("file to hash"), UI_F_TEXT, NULL, NULL);
	field(&fl[EA_SHA], N_("or SHA-256"), UI_F_TEXT, NULL, NULL);
	field(&fl[EA_LOC], N_("location"), UI_F_TEXT, NULL, NULL);
	field(&fl[EA_EXFIL], N_("exfiltration"), UI_F_YESNO, NULL, "no");
	text_snprintf(title, sizeof(title), _("Add evidence: %s"), fc.hid);
	run_form(app, title, fl, EA_N, submit_evidence, &fc, NULL,
	         _("a file is hashed (SHA-256), or give the digest; disk-image and memory name "
	         "their asset"));
}

enum { ET_TO, ET_NOTE, ET_N };

static int
submit_transfer(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	int rc = act_evidence_transfer(app->ctx, fc->case_id, fc->ref, f->fields[ET_TO].value,
	                           opt(&f->fields[ET_NOTE]), e);

	if (rc != IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, _("%s handed over to %s"), fc->ref, f->fields[ET_TO].value);
	return IRD_OK;
}

void
cs_evidence_transfer(ui_app *app, ui_view *v, int key)
{
	ui_field fl[ET_N];
	form_ctx fc;
	char title[400], info[200];

	form_ctx_init(&fc, v);
	if (fc.cs->tab != CS_EVIDENCE || !need_row(app, &fc, N_("no evidence selected")))
		return;
	memset(fl, 0, sizeof(fl));
	field(&fl[ET_TO], N_("to"), UI_F_TEXT, NULL, NULL);
	fl[ET_TO].required = 1;
	fl[ET_TO].check = chk_host;
	fl[ET_TO].check_arg = (void *)"holder";
	field(&fl[ET_NOTE], N_("note"), UI_F_TEXT, NULL, NULL);
	text_snprintf(title, sizeof(title), _("Hand %s over"), fc.ref);
	text_snprintf(info, sizeof(info), _("held now by %s"), fc.extra[0] ? fc.extra : "-");
	run_form(app, title, fl, ET_N, submit_transfer, &fc, NULL, info);
}

enum { EV_FILE, EV_N };

static int
submit_verify(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	form_ctx *fc = arg;
	int match = 0;
	int rc = act_evidence_verify(app->ctx, fc->case_id, fc->ref, f->fields[EV_FILE].value, &match,
	                         e);

	if (rc != IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, match ? _("%s: the file matches its SHA-256")
	                      : _("%s: DOES NOT MATCH its SHA-256 (recorded)"), fc->ref);
	if (!match)
		app->msg_error = 1;
	return IRD_OK;
}

void
cs_evidence_verify(ui_app *app, ui_view *v, int key)
{
	ui_field fl[EV_N];
	form_ctx fc;
	char title[400];

	form_ctx_init(&fc, v);
	if (fc.cs->tab != CS_EVIDENCE || !need_row(app, &fc, N_("no evidence selected")))
		return;
	memset(fl, 0, sizeof(fl));
	field(&fl[EV_FILE], N_("file"), UI_F_TEXT, NULL, NULL);
	fl[EV_FILE].required = 1;
	text_snprintf(title, sizeof(title), _("Verify %s"), fc.ref);
	run_form(app, title, fl, EV_N, submit_verify, &fc, NULL,
	         _("the file is hashed again and compared; the check is recorded"));
}

/* ---- decide ---------------------------------------------------------------------------------------- */

enum { DC_CHOICE, DC_PATHS, DC_WHY, DC_N };

typedef struct decide_ctx {
	form_ctx fc;
	const char *known; /* the organisation's external paths */
} decide_ctx;

static void
decide_spec(const ui_form *f, const decide_ctx *dc, decision_spec *s)
{
	memset(s, 0, sizeof(*s));
	s->question = "full-disconnect";
	s->choice = f->fields[DC_CHOICE].value;
	s->rationale = f->fields[DC_WHY].value[0] ? f->fields[DC_WHY].value : "-";
	s->paths = opt(&f->fields[DC_PATHS]);
	s->known_paths = dc->known;
}

/* What the decision cuts and what STAYS OPEN, worked out as it is typed. */
static void
decide_changed(ui_app *app, ui_form *f, void *arg)
{
	decide_ctx *dc = arg;
	decision_spec s;
	char *cut = NULL, *open = NULL;
	ird_err e = { 0 };
	int n;

	decide_spec(f, dc, &s);
	n = text_snprintf(f->info, sizeof(f->info), _("full-disconnect: cut the Internet?\n"
	                  "known external paths: %s\n"), dc->known);
	n = (int)strlen(f->info);
	if (n < 0 || (size_t)n >= sizeof(f->info))
		return;
	if (decision_plan(&s, &cut, &open, &e) != IRD_OK) {
		text_snprintf(f->info + n, sizeof(f->info) - (size_t)n, _("not valid yet: %s"), e.msg);
		return;
	}
	text_snprintf(f->info + n, sizeof(f->info) - (size_t)n, _("cut: %s\nSTILL OPEN: %s"),
	              *cut ? cut : _("nothing"), *open ? open : _("none of the known paths"));
	free(cut);
	free(open);
}

static int
submit_decide(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	decide_ctx *dc = arg;
	decision_spec s;
	char *cut = NULL, *open = NULL;
	int64_t id = 0;
	int finished = 0, rc;

	decide_spec(f, dc, &s);
	s.rationale = f->fields[DC_WHY].value;
	if ((rc = decision_plan(&s, &cut, &open, e)) != IRD_OK)
		return rc;
	if ((rc = act_decide(app->ctx, dc->fc.case_id, &s, &id, &finished, e)) != IRD_OK) {
		free(cut);
		free(open);
		return rc;
	}
	ui_changed(app);
	if (*open)
		ui_message(app, _("decision %lld: %s; STILL OPEN: %s%s"), (long long)id,
		           ui_word(s.choice), open, finished ? _("; waiting steps done") : "");
	else
		ui_message(app, _("decision %lld: %s; no known path left open%s"), (long long)id,
		           ui_word(s.choice), finished ? _("; waiting steps done") : "");
	free(cut);
	free(open);
	return IRD_OK;
}

void
cs_decide_form(ui_app *app, ui_view *v, int key)
{
	ui_field fl[DC_N];
	decide_ctx dc;
	const ird_config *cfg = NULL;
	ird_err e = { 0 };
	ui_form f;
	char title[400];

	form_ctx_init(&dc.fc, v);
	if (session_config(app->session, &cfg, &e) != IRD_OK) {
		ui_error(app, &e);
		return;
	}
	dc.known = config_external_paths(cfg);
	memset(fl, 0, sizeof(fl));
	memset(&f, 0, sizeof(f));
	field(&fl[DC_CHOICE], N_("choice"), UI_F_CHOICE, CHOICES, "disconnect");
	field(&fl[DC_PATHS], N_("paths cut"), UI_F_TEXT, NULL, NULL);
	field(&fl[DC_WHY], N_("rationale"), UI_F_TEXT, NULL, NULL);
	fl[DC_WHY].required = 1;
	text_snprintf(title, sizeof(title), _("Decide: %s"), dc.fc.hid);
	f.title = title;
	f.fields = fl;
	f.nfields = DC_N;
	f.submit = submit_decide;
	f.arg = &dc;
	f.changed = decide_changed;
	ui_form_run(app, &f);
}
