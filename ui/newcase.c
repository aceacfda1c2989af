/* newcase.c - the new-case form (n on the dashboard): title, severity,
 * TLP, lead, playbook, when detected; opened through the same action as
 * `irdesk case new`, then shown. */
#include "config.h"

#include <string.h>

#include "actions/casework.h"
#include "base/i18n.h"
#include "records/case.h"
#include "ui/form.h"
#include "ui/ui.h"

static const char *const SEVERITIES[] = { "low", "medium", "high", "critical", NULL };
static const char *const TLPS[] = { "clear", "green", "amber", "amber+strict", "red", NULL };

enum { F_TITLE, F_SEV, F_TLP, F_LEAD, F_PLAYBOOK, F_DETECTED, F_EXERCISE, NFIELDS };

static int
check_title(const char *value, void *arg, ird_err *e)
{
	if (strlen(value) > 1000)
		return ird_fail(e, IRD_EUSAGE, "%s", _("longer than 1000 bytes"));
	return IRD_OK;
}

static int
check_playbook(const char *value, void *arg, ird_err *e)
{
	ui_app *app = arg;
	playbook *pb = NULL;
	int rc = session_playbook(app->session, value[0] ? value : NULL, &pb, e);

	playbook_free(pb);
	return rc;
}

static int
submit(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	ui_field *fl = f->fields;
	case_spec spec = { 0 };
	playbook *pb = NULL;
	char hid[CASE_HID_LEN];
	int64_t id;
	int rc;

	spec.title = fl[F_TITLE].value;
	spec.severity = fl[F_SEV].value;
	spec.tlp = fl[F_TLP].value;
	spec.lead = fl[F_LEAD].value[0] ? fl[F_LEAD].value : NULL;
	spec.detected_at = fl[F_DETECTED].time;
	spec.exercise = strcmp(fl[F_EXERCISE].value, "yes") == 0;
	if ((rc = session_playbook(app->session, fl[F_PLAYBOOK].value[0] ? fl[F_PLAYBOOK].value
	                                                                  : NULL, &pb, e)) != IRD_OK) {
		snprintf(fl[F_PLAYBOOK].error, sizeof(fl[F_PLAYBOOK].error), "%s", e->msg);
		return rc;
	}
	rc = casework_open(app->ctx, &spec, pb, &id, hid, e);
	playbook_free(pb);
	if (rc != IRD_OK)
		return rc;
	ui_changed(app);
	ui_message(app, _("%s opened"), hid);
	ui_open_case(app, id);
	return IRD_OK;
}

void
ui_new_case(ui_app *app)
{
	ui_field fl[NFIELDS];
	ui_form f = { 0 };
	const ird_config *cfg;
	ird_err e = { 0 };

	memset(fl, 0, sizeof(fl));
	fl[F_TITLE].label = N_("title");
	fl[F_TITLE].required = 1;
	fl[F_TITLE].check = check_title;
	fl[F_SEV].label = N_("severity");
	fl[F_SEV].kind = UI_F_CHOICE;
	fl[F_SEV].choices = SEVERITIES;
	snprintf(fl[F_SEV].value, sizeof(fl[F_SEV].value), "medium");
	fl[F_TLP].label = N_("TLP");
	fl[F_TLP].kind = UI_F_CHOICE;
	fl[F_TLP].choices = TLPS;
	snprintf(fl[F_TLP].value, sizeof(fl[F_TLP].value), "amber");
	fl[F_LEAD].label = N_("lead");
	snprintf(fl[F_LEAD].value, sizeof(fl[F_LEAD].value), "%s", app->ctx->actor);
	fl[F_PLAYBOOK].label = N_("playbook");
	fl[F_PLAYBOOK].check = check_playbook;
	fl[F_PLAYBOOK].check_arg = app;
	snprintf(fl[F_PLAYBOOK].value, sizeof(fl[F_PLAYBOOK].value), "%s",
	         session_config(app->session, &cfg, &e) == IRD_OK && config_default_playbook(cfg)
	         ? config_default_playbook(cfg) : SESSION_DEFAULT_PLAYBOOK);
	fl[F_DETECTED].label = N_("detected at");
	fl[F_DETECTED].kind = UI_F_TIME;
	fl[F_EXERCISE].label = N_("exercise");
	fl[F_EXERCISE].kind = UI_F_YESNO;
	snprintf(fl[F_EXERCISE].value, sizeof(fl[F_EXERCISE].value), "no");
	f.title = N_("New case");
	f.fields = fl;
	f.nfields = NFIELDS;
	f.submit = submit;
	ui_form_run(app, &f);
}
