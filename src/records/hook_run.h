/* hook_run.h - the runs of escalation hooks: which program, when, its
 * exit status and output, which watcher. Owns the hook_runs table. */
#ifndef IRDESK_HOOK_RUN_H
#define IRDESK_HOOK_RUN_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"

extern const audit_table hook_run_audit;

/* One run of a hook. */
typedef struct hook_run_result {
	const char *program; /* the hook as configured */
	int exit_status;     /* 0 success; 1-255 failed; < 0 see escalate.h */
	const char *output;  /* what it printed (truncated by the runner) */
	int64_t started_at, finished_at;
} hook_run_result;

/* Record run R of timer TIMER_ID's hook by WATCHER, with its audit
 * record, inside the caller's transaction. */
int hook_run_add_tx(ird_ctx *c, int64_t timer_id, const char *watcher,
                    const hook_run_result *r, ird_err *e);

#endif
