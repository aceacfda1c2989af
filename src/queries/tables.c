/* tables.c - the list of audited tables, and the check over them. */
#include "config.h"

#include "records/asset.h"
#include "records/case.h"
#include "records/decision.h"
#include "records/hook_run.h"
#include "store/event.h"
#include "records/notify.h"
#include "records/evidence.h"
#include "records/exercise.h"
#include "records/block.h"
#include "records/indicator.h"
#include "records/playbook_copy.h"
#include "records/step.h"
#include "records/timer.h"
#include "queries/tables.h"

const audit_table *const audited_tables[] = {
	&playbook_copy_audit,
	&case_audit,
	&event_audit,
	&step_audit,
	&timer_audit,
	&notify_audit,
	&decision_audit,
	&hook_run_audit,
	&asset_audit,
	&evidence_audit,
	&custody_audit,
	&indicator_audit,
	&block_audit,
	&exercise_audit,
	&exercise_inject_audit,
};
const unsigned audited_table_count = sizeof(audited_tables) / sizeof(audited_tables[0]);

int
tables_check(ird_ctx *c, const audit_trust *trust, audit_problem_fn problem, void *arg,
             int64_t *records, int64_t *problems, ird_err *e)
{
	int rc;

	if ((rc = store_integrity(c->store, e)) != IRD_OK)
		return rc;
	/* One snapshot: writers may go on, we see a consistent state. */
	if ((rc = store_begin_read(c->store, e)) != IRD_OK)
		return rc;
	rc = audit_verify_trusted(c, audited_tables, audited_table_count, trust, problem, arg,
	                          records, problems, e);
	store_rollback(c->store);
	return rc;
}
