/* demo.h - realistic demo data, so a new user sees something at once and
 * every speed goal can be measured. */
#ifndef IRDESK_DEMO_H
#define IRDESK_DEMO_H

#include <stdint.h>

#include "store/ctx.h"
#include "base/playbook.h"

/* Add NCASES cases, each with about ten timeline events, in Japanese and
 * English: the last twelve of this week as a team lead finds it (open
 * cases with running timers, a few overdue, deadlines coming, every
 * severity, a few closed), the others spread over the five years before
 * (a share still open); and, when the ransomware-night scenario is
 * installed, one exercise 25 minutes into its story. Cases of the last
 * year follow PB (may be NULL) with its timers, most of them satisfied by
 * notifications, a few left overdue. The same SEED and clock give the
 * same data. */
int demo_fill(ird_ctx *c, long ncases, uint64_t seed, const playbook *pb, ird_err *e);

/* Add NEVENTS timeline events to case ID (for benchmarks). */
int demo_events(ird_ctx *c, int64_t case_id, long nevents, uint64_t seed, ird_err *e);

#endif
