/* step_rules.h - the engine's rules for steps, over the records: whether
 * the record a step needs exists (step_require.c), and the flows that
 * touch more than the steps table (step_flow.c): a new step with its
 * deadline timer, done at once when its record is already there; a step
 * finished with its deadline timer satisfied. */
#ifndef IRDESK_STEP_RULES_H
#define IRDESK_STEP_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "base/playbook.h"
#include "records/step.h"
#include "store/ctx.h"

/* Whether the record step ROW requires exists; if not, WHY says what is
 * missing. Asks the module that owns each kind of record. */
int step_requirement_met(ird_ctx *c, const step_row *row, int *met, char *why, size_t len,
                         ird_err *e);

/* Whether an active block meets the block-sender (DOMAIN 0) or
 * block-domain (DOMAIN 1) requirement of indicator INDICATOR_ID; if not,
 * WHY says what is missing (see block_requirement_met). */
int step_block_requirement(ird_ctx *c, int64_t indicator_id, int domain, int *met, char *why,
                           size_t len, ird_err *e);

/* Make the playbook step S for SUBJ (see step_create_tx) and, when it is
 * new, its deadline timer (DUE_AT 0: none); a step whose record already
 * exists is done at once. Inside the caller's transaction. */
int step_make_tx(ird_ctx *c, int64_t case_id, const pb_step *s, const step_subject *subj,
                 int64_t due_at, int64_t *id, int *created, ird_err *e);

/* Finish step REF of the case: CH is STEP_CH_DONE (refused, saying what is
 * missing, unless its record exists) or STEP_CH_SKIP; TEXT the note or the
 * reason. Satisfies its deadline timer. Inside the caller's transaction. */
int step_finish_tx(ird_ctx *c, int64_t case_id, const char *ref, enum step_change ch,
                   const char *text, ird_err *e);

/* Mark done, with NOTE, every open step of the case that requires
 * REQUIRES (a decision now recorded); *DONE gets how many. Inside the
 * caller's transaction. */
int step_finish_waiting_tx(ird_ctx *c, int64_t case_id, const char *requires, const char *note,
                           int *done, ird_err *e);

#endif
