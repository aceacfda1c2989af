/* timer.h - escalation timers: stored deadlines with a state (pending,
 * fired, satisfied, overridden), so every terminal sees the same timers
 * and a restart loses none. Owns the timers table. */
#ifndef IRDESK_TIMER_H
#define IRDESK_TIMER_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"

extern const audit_table timer_audit;

/* Minutes the csirt-lead has to hear of an override. */
#define TIMER_OVERRIDE_DEADLINE (15 * 60)

typedef struct timer_spec {
	const char *rule;    /* escalation rule id, or "step:<key>" */
	const char *role;    /* who must be told; NULL for a step deadline */
	int64_t step_id;     /* the step whose deadline this is; 0 for none */
	const char *trigger; /* what started it: "case-opened", "override of timer 3"... */
	int64_t due_at;
} timer_spec;

typedef struct timer_row {
	int64_t id, case_id, step_id, created_at, due_at, satisfied_at, fired_at;
	const char *case_hid, *rule, *role, *trigger, *state, *satisfied_by, *override_reason;
	const char *hook_error, *step_title;
	int hook_attempts;
} timer_row;

/* Create a timer unless an open one of the same rule (or the same step's)
 * exists; *CREATED says which. Inside the caller's transaction. */
int timer_create_tx(ird_ctx *c, int64_t case_id, const timer_spec *spec, int64_t *id,
                    int *created, ird_err *e);

/* A notification to ROLE at time AT satisfies the role's open timers of
 * the case created before AT (inside the caller's transaction). BY names
 * it: "notification 3". *COUNT (may be NULL) gets how many. */
int timer_satisfy_role_tx(ird_ctx *c, int64_t case_id, const char *role, int64_t at,
                          const char *by, int *count, ird_err *e);

/* A step finished (done or skipped) satisfies its deadline timer. */
int timer_satisfy_step_tx(ird_ctx *c, int64_t step_id, const char *by, ird_err *e);

/* Close an open timer whose rule no longer applies (e.g. the cause changed
 * which report deadline holds), with REASON; inside the caller's tx. */
int timer_withdraw_tx(ird_ctx *c, int64_t timer_id, const char *reason, ird_err *e);

/* IRD_EUSAGE when an override's REASON is missing or blank. Pure. */
int timer_check_reason(const char *reason, ird_err *e);

/* Override an open timer with a REASON (required); audited, and a new
 * timer tells the csirt-lead about it. *NEW_ID gets that timer. Inside
 * the caller's transaction. */
int timer_override_tx(ird_ctx *c, int64_t case_id, int64_t timer_id, const char *reason,
                      int64_t *new_id, ird_err *e);

/* Call FN for each timer of CASE_ID (0: every open case), due first.
 * OPEN_ONLY: only pending and fired; DUE_ONLY: only those past due. */
int timer_each(ird_ctx *c, int64_t case_id, int open_only, int due_only,
               int (*fn)(void *arg, const timer_row *t), void *arg, ird_err *e);

/* The timers as a JSON array (malloc'd), with seconds left (negative when
 * overdue) computed against the clock. Same selection as timer_each. */
int timer_list_json(ird_ctx *c, int64_t case_id, int open_only, int due_only, char **json,
                    ird_err *e);

/* How many open timers are past due: of CASE_ID, or of all cases if 0. */
int timer_overdue_count(ird_ctx *c, int64_t case_id, int64_t *count, ird_err *e);

/* Find the timer TIMER_ID of the case (IRD_ENOTFOUND otherwise). */
int timer_check_case(ird_ctx *c, int64_t case_id, int64_t timer_id, ird_err *e);

/* A timer whose escalation hook is to run, as a watcher claims it. */
typedef struct timer_hook_job {
	int64_t timer_id, case_id, due_at;
	int exercise, attempts;
	char case_hid[32], role[80], rule[80];
	char claim[128];    /* the watcher holding it ("HOST:PID"), "" if none */
	int64_t claimed_at; /* when it claimed it */
} timer_hook_job;

/* Call FN for each open overdue timer whose hook has not run and is past
 * any retry time, claimed or not, most overdue first, until FN returns
 * non-zero; an exercise's timer is overdue by its story time, not by NOW.
 * JOB is valid during the call only. */
int timer_each_for_hook(ird_ctx *c, int64_t now,
                        int (*fn)(void *arg, const timer_hook_job *job), void *arg,
                        ird_err *e);

/* Mark the timer claimed by WATCHER at NOW (inside the caller's tx). */
int timer_claim_tx(ird_ctx *c, int64_t timer_id, const char *watcher, int64_t now, ird_err *e);

/* The hook ran at AT: the timer is fired (still open for people). */
int timer_hook_ok_tx(ird_ctx *c, int64_t timer_id, int64_t at, ird_err *e);

/* The hook failed: keep ERROR where responders see it, retry at RETRY_AT. */
int timer_hook_failed_tx(ird_ctx *c, int64_t timer_id, int64_t retry_at, const char *error,
                         ird_err *e);

#endif
