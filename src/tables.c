/* tables.c - the list of audited tables. */
#include "config.h"

#include "asset.h"
#include "case.h"
#include "decision.h"
#include "escalate.h"
#include "event.h"
#include "notify.h"
#include "evidence.h"
#include "block.h"
#include "indicator.h"
#include "playbook_copy.h"
#include "step.h"
#include "timer.h"
#include "tables.h"

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
