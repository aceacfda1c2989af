/* escalate.h - overdue timers become hook runs, exactly once per timer
 * across every watcher on the store. A watcher claims one timer in a
 * write transaction, runs the hook outside it, then records the result:
 * success marks the timer fired (it stays overdue until someone is
 * told); failure is retried with back-off and shown to responders. */
#ifndef IRDESK_ESCALATE_H
#define IRDESK_ESCALATE_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"
#include "records/timer.h"

extern const audit_table hook_run_audit;

/* A claim older than this is taken to be a watcher that died. */
#define ESCALATE_STALE_CLAIM (10 * 60)

/* A claimed timer: what the hook is told (see timer_hook_job). */
typedef timer_hook_job escalate_claim;

typedef struct escalate_result {
	const char *program; /* the hook as configured */
	int exit_status;     /* 0 success; -1 could not start or timed out */
	const char *output;  /* what it printed (truncated by the runner) */
	int64_t started_at, finished_at;
} escalate_result;

/* Claim the most overdue timer that needs its hook run (unfired, due,
 * past any retry time, unclaimed). *FOUND 0 when there is none. */
int escalate_claim_next(ird_ctx *c, const char *watcher, escalate_claim *out, int *found,
                        ird_err *e);

/* Record the hook run of a claimed timer and release the claim. */
int escalate_record(ird_ctx *c, const escalate_claim *cl, const char *watcher,
                    const escalate_result *r, ird_err *e);

/* Seconds before retry N (1, 2, ...): 30 s doubling, at most one hour. */
int64_t escalate_backoff(int attempt);

#endif
