/* timer.h - escalation timers: stored deadlines with a state (pending,
 * fired, satisfied, overridden). Owns the timers and hook_runs tables. */
#ifndef IRDESK_TIMER_H
#define IRDESK_TIMER_H

#include <stdint.h>

#include "audit.h"
#include "ctx.h"

extern const audit_table timer_audit;

/* A notification to ROLE at time AT satisfies the role's open timers of
 * the case (inside the caller's transaction). BY names it: "notification 3". */
int timer_satisfy_role_tx(ird_ctx *c, int64_t case_id, const char *role, int64_t at,
                          const char *by, ird_err *e);

/* A step finished (done or skipped) satisfies its deadline timer. */
int timer_satisfy_step_tx(ird_ctx *c, int64_t step_id, const char *by, ird_err *e);

#endif
