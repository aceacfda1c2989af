/* casework.h - case actions that involve the playbook engine: opening a
 * case under a playbook, and changes that trigger escalation (severity
 * raised, personal data involved, cause known). */
#ifndef IRDESK_CASEWORK_H
#define IRDESK_CASEWORK_H

#include <stdint.h>

#include "records/case.h"
#include "base/playbook.h"

/* Open a case; with PB, copy the playbook into the store, put the case
 * under it and fire case-opened. One transaction. */
int casework_open(ird_ctx *c, const case_spec *spec, const playbook *pb, int64_t *id,
                  char hid[CASE_HID_LEN], ird_err *e);

/* Change a case and fire what the change triggers. One transaction. */
int casework_change(ird_ctx *c, int64_t id, const case_change *ch, ird_err *e);

/* Put an open case under PB now (if it has none) and fire case-opened. */
int casework_apply_playbook(ird_ctx *c, int64_t id, const playbook *pb, ird_err *e);

#endif
