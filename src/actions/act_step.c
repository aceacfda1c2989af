/* act_step.c - step start, done, skip, assign: one transaction each. */
#include "config.h"

#include "actions/act_step.h"
#include "engine/step_rules.h"
#include "records/step.h"

/* Start or assign: the step record alone. */
static int
change_tx(ird_ctx *c, int64_t case_id, const char *ref, enum step_change ch, const char *text,
          ird_err *e)
{
	step_row r;
	int64_t id = 0;
	int rc;

	if ((rc = step_find(c, case_id, ref, &id, e)) != IRD_OK || (rc = step_get(c, id, &r, e)))
		return rc;
	rc = step_change_tx(c, &r, ch, text, e);
	step_row_free(&r);
	return rc;
}

static int
act(ird_ctx *c, int64_t case_id, const char *ref, enum step_change ch, const char *text,
    ird_err *e)
{
	int rc;

	/* Refuse a blank reason or assignee before taking the write lock. */
	if ((rc = step_check_text(ch, text, e)) != IRD_OK || (rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	if (ch == STEP_CH_DONE || ch == STEP_CH_SKIP)
		rc = step_finish_tx(c, case_id, ref, ch, text, e);
	else
		rc = change_tx(c, case_id, ref, ch, text, e);
	if (rc != IRD_OK) {
		store_rollback(c->store);
		return rc;
	}
	return store_commit(c->store, e);
}

int
act_step_start(ird_ctx *c, int64_t case_id, const char *ref, ird_err *e)
{
	return act(c, case_id, ref, STEP_CH_START, NULL, e);
}

int
act_step_done(ird_ctx *c, int64_t case_id, const char *ref, const char *note, ird_err *e)
{
	return act(c, case_id, ref, STEP_CH_DONE, note, e);
}

int
act_step_skip(ird_ctx *c, int64_t case_id, const char *ref, const char *reason, ird_err *e)
{
	return act(c, case_id, ref, STEP_CH_SKIP, reason, e);
}

int
act_step_assign(ird_ctx *c, int64_t case_id, const char *ref, const char *name, ird_err *e)
{
	return act(c, case_id, ref, STEP_CH_ASSIGN, name, e);
}
