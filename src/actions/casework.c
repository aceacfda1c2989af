/* casework.c - opening and changing cases with their triggers. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "actions/casework.h"
#include "store/event.h"
#include "records/playbook_copy.h"
#include "engine/trigger.h"

int
casework_apply_tx(ird_ctx *c, int64_t id, const playbook *pb, ird_err *e)
{
	char text[300];
	int64_t copy;
	int rc;

	if ((rc = playbook_copy_put_tx(c, pb->name, pb->text, &copy, e)) != IRD_OK ||
	    (rc = case_set_playbook_tx(c, id, copy, e)) != IRD_OK)
		return rc;
	text_snprintf(text, sizeof(text), "playbook %s (version %d) applied", pb->name, pb->version);
	if ((rc = event_add_tx(c, id, 0, "change", text, e)) != IRD_OK)
		return rc;
	return trigger_fire_tx(c, id, PB_T_CASE_OPENED, NULL, e);
}

static int
finish(ird_ctx *c, int rc, ird_err *e)
{
	if (rc != IRD_OK) {
		store_rollback(c->store);
		return rc;
	}
	return store_commit(c->store, e);
}

int
casework_open(ird_ctx *c, const case_spec *spec, const playbook *pb, int64_t *id,
              char hid[CASE_HID_LEN], ird_err *e)
{
	int rc;

	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	rc = case_create_tx(c, spec, id, hid, e);
	if (rc == IRD_OK && pb)
		rc = casework_apply_tx(c, *id, pb, e);
	return finish(c, rc, e);
}

/* Which triggers a change fires, from the case before and after. */
static unsigned
change_triggers(const case_row *before, const case_row *after)
{
	unsigned t = 0;

	if (case_severity_rank(after->severity) > case_severity_rank(before->severity))
		t |= PB_T_SEVERITY_RAISED;
	if (after->personal_data && !before->personal_data)
		t |= PB_T_PERSONAL_DATA;
	if (after->cause && (!before->cause || strcmp(after->cause, before->cause) != 0))
		t |= PB_T_CAUSE_SET;
	return t;
}

static int
change_tx(ird_ctx *c, int64_t id, const case_change *ch, ird_err *e)
{
	case_row before, after;
	unsigned fired;
	int rc;

	if ((rc = case_get(c, id, &before, e)) != IRD_OK)
		return rc;
	rc = case_change_tx(c, id, ch, NULL, e);
	if (rc == IRD_OK && (rc = case_get(c, id, &after, e)) == IRD_OK) {
		fired = change_triggers(&before, &after);
		for (unsigned bit = 1; rc == IRD_OK && bit <= PB_T_ALL; bit <<= 1)
			if (fired & bit)
				rc = trigger_fire_tx(c, id, bit, NULL, e);
		case_row_free(&after);
	}
	case_row_free(&before);
	return rc;
}

int
casework_change(ird_ctx *c, int64_t id, const case_change *ch, ird_err *e)
{
	int rc;

	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	return finish(c, change_tx(c, id, ch, e), e);
}

int
casework_log(ird_ctx *c, int64_t case_id, int64_t happened_at, const char *text, ird_err *e)
{
	int rc;

	if (!text || !*text)
		return ird_fail(e, IRD_EUSAGE, _("the event text is empty"));
	/* A few minutes of clock skew between terminals is tolerated. */
	if (happened_at > clock_now(&c->clock) + 300)
		return ird_fail(e, IRD_EUSAGE, _("the event is in the future (check --at)"));
	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	return finish(c, event_add_tx(c, case_id, happened_at, "note", text, e), e);
}
