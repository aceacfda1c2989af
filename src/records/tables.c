/* tables.c - the list of audited tables. */
#include "config.h"

#include "records/asset.h"
#include "records/case.h"
#include "records/decision.h"
#include "records/hook_run.h"
#include "store/event.h"
#include "records/notify.h"
#include "records/evidence.h"
#include "records/block.h"
#include "records/indicator.h"
#include "records/playbook_copy.h"
#include "records/step.h"
#include "records/timer.h"
#include "records/tables.h"

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
};
const unsigned audited_table_count = sizeof(audited_tables) / sizeof(audited_tables[0]);
