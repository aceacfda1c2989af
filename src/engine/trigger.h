/* trigger.h - things that happen in a case and that its playbook reacts
 * to: an asset infected, a sender or C&C indicator, a second site, ...
 * Firing a trigger creates the steps and escalation timers the playbook
 * in force asks for, and writes them on the timeline: a step once per
 * subject; a rule's timer unless one of that rule is still open. */
#ifndef IRDESK_TRIGGER_H
#define IRDESK_TRIGGER_H

#include <stdint.h>

#include "store/ctx.h"
#include "base/playbook.h"
#include "records/step.h"

/* What the trigger is about: an asset, an indicator, or the case (the
 * subject of the steps it makes). */
typedef step_subject trigger_subject;

/* Fire TRIGGER (one enum pb_trigger bit) for case CASE_ID at the current
 * time, inside the caller's transaction. SUBJ may be NULL for the case. */
int trigger_fire_tx(ird_ctx *c, int64_t case_id, unsigned trigger, const trigger_subject *subj,
                    ird_err *e);

/* The same with the case's playbook already parsed (PB): for callers that
 * fire many triggers, such as the demo generator. */
int trigger_fire_with_tx(ird_ctx *c, int64_t case_id, const playbook *pb, unsigned trigger,
                         const trigger_subject *subj, ird_err *e);

#endif
