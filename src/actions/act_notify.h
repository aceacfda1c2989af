/* act_notify.h - telling people and deciding: a notification (it
 * satisfies the role's open timers), a decision (it finishes the steps
 * waiting for it), a timer override. One transaction each. */
#ifndef IRDESK_ACT_NOTIFY_H
#define IRDESK_ACT_NOTIFY_H

#include <stdint.h>

#include "records/decision.h"
#include "records/notify.h"
#include "store/ctx.h"

/* Record that SPEC's role was told; the role's open timers of the case
 * created before then are satisfied (*SATISFIED, may be NULL, gets how
 * many). *ID gets the notification's number. */
int act_notify(ird_ctx *c, int64_t case_id, const notify_spec *spec, int64_t *id,
               int *satisfied, ird_err *e);

/* The same inside the caller's transaction (for the demo generator). */
int act_notify_tx(ird_ctx *c, int64_t case_id, const notify_spec *spec, int64_t *id,
                  int *satisfied, ird_err *e);

/* Record a decision and finish the case's open steps waiting for one on
 * its question; *STEPS_DONE (may be NULL) gets how many. */
int act_decide(ird_ctx *c, int64_t case_id, const decision_spec *spec, int64_t *id,
               int *steps_done, ird_err *e);

/* Override an open timer with a REASON (required); a new timer tells the
 * csirt-lead about it (*NEW_ID). */
int act_timer_override(ird_ctx *c, int64_t case_id, int64_t timer_id, const char *reason,
                       int64_t *new_id, ird_err *e);

#endif
