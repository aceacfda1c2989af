/* act_notify.c - notify, decide, timer override. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/text.h"
#include "actions/act_notify.h"
#include "engine/step_rules.h"
#include "records/case.h"
#include "records/timer.h"

/* IRD_OK when the case exists. */
static int
case_exists(ird_ctx *c, int64_t case_id, ird_err *e)
{
	case_row r;
	int rc = case_get(c, case_id, &r, e);

	if (rc == IRD_OK)
		case_row_free(&r);
	return rc;
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
act_notify_tx(ird_ctx *c, int64_t case_id, const notify_spec *spec, int64_t *id,
              int *satisfied, ird_err *e)
{
	notify_effect fx;
	char by[48];
	int rc;

	if (satisfied)
		*satisfied = 0;
	if ((rc = notify_check(c, spec, e)) != IRD_OK || (rc = case_exists(c, case_id, e)) != IRD_OK ||
	    (rc = notify_record_tx(c, case_id, spec, id, &fx, e)) != IRD_OK)
		return rc;
	text_snprintf(by, sizeof(by), "notification %lld", (long long)*id);
	return timer_satisfy_role_tx(c, case_id, fx.role, fx.at, by, satisfied, e);
}

int
act_notify(ird_ctx *c, int64_t case_id, const notify_spec *spec, int64_t *id, int *satisfied,
           ird_err *e)
{
	int rc;

	/* Refuse bad input before taking the write lock. */
	if ((rc = notify_check(c, spec, e)) != IRD_OK || (rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	return finish(c, act_notify_tx(c, case_id, spec, id, satisfied, e), e);
}

int
act_decide(ird_ctx *c, int64_t case_id, const decision_spec *spec, int64_t *id,
           int *steps_done, ird_err *e)
{
	char note[48], *cut, *open;
	int done = 0, rc;

	if (steps_done)
		*steps_done = 0;
	/* Refuse bad input (the paths too) before taking the write lock. */
	if ((rc = decision_plan(spec, &cut, &open, e)) != IRD_OK)
		return rc;
	free(cut);
	free(open);
	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	rc = case_exists(c, case_id, e);
	if (rc == IRD_OK)
		rc = decision_record_tx(c, case_id, spec, id, e);
	if (rc == IRD_OK) {
		text_snprintf(note, sizeof(note), "decision %lld", (long long)*id);
		rc = step_finish_waiting_tx(c, case_id, decision_requirement(spec->question), note,
		                            &done, e);
	}
	if ((rc = finish(c, rc, e)) == IRD_OK && steps_done)
		*steps_done = done;
	return rc;
}

int
act_timer_override(ird_ctx *c, int64_t case_id, int64_t timer_id, const char *reason,
                   int64_t *new_id, ird_err *e)
{
	int rc;

	if ((rc = timer_check_reason(reason, e)) != IRD_OK || (rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	return finish(c, timer_override_tx(c, case_id, timer_id, reason, new_id, e), e);
}
