/* casework.h - case actions: opening a case (under a playbook or none),
 * changes that trigger escalation (severity raised, personal data
 * involved, cause known), and notes on the timeline. One transaction each. */
#ifndef IRDESK_CASEWORK_H
#define IRDESK_CASEWORK_H

#include <stdint.h>

#include "records/case.h"
#include "base/playbook.h"

/* Open a case; with PB, copy the playbook into the store, put the case
 * under it and fire case-opened. One transaction. */
int casework_open(ird_ctx *c, const case_spec *spec, const playbook *pb, int64_t *id,
                  char hid[CASE_HID_LEN], ird_err *e);

/* Copy PB into the store, put case ID under it and fire case-opened,
 * inside the caller's transaction (exercise start). */
int casework_apply_tx(ird_ctx *c, int64_t id, const playbook *pb, ird_err *e);

/* Change a case and fire what the change triggers. One transaction. */
int casework_change(ird_ctx *c, int64_t id, const case_change *ch, ird_err *e);

/* `irdesk log`: a note on the case's timeline, happened at HAPPENED_AT
 * (0: now; not in the future beyond a few minutes of clock skew). */
int casework_log(ird_ctx *c, int64_t case_id, int64_t happened_at, const char *text,
                 ird_err *e);

#endif
