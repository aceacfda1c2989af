/* act_step.h - what a responder does to a playbook step: start, done,
 * skip, assign. Each is one transaction. */
#ifndef IRDESK_ACT_STEP_H
#define IRDESK_ACT_STEP_H

#include <stdint.h>

#include "store/ctx.h"

/* Step REF ("3", "#3", "isolate", "isolate/PC-0427") of the case:
 * pending -> doing, assigned to the actor unless it has an assignee. */
int act_step_start(ird_ctx *c, int64_t case_id, const char *ref, ird_err *e);

/* -> done, only when the record it requires exists (the refusal says what
 * is missing); satisfies its deadline timer. NOTE may be NULL. */
int act_step_done(ird_ctx *c, int64_t case_id, const char *ref, const char *note, ird_err *e);

/* -> skipped, with a REASON (required); satisfies its deadline timer. */
int act_step_skip(ird_ctx *c, int64_t case_id, const char *ref, const char *reason, ird_err *e);

/* Assign step REF to NAME (required). */
int act_step_assign(ird_ctx *c, int64_t case_id, const char *ref, const char *name, ird_err *e);

#endif
