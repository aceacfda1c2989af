/* playbook_copy.h - playbook texts as applied to cases, stored once per
 * distinct text. Owns the playbook_copies table. */
#ifndef IRDESK_PLAYBOOK_COPY_H
#define IRDESK_PLAYBOOK_COPY_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"

extern const audit_table playbook_copy_audit;

/* Store TEXT under NAME unless the same text is stored; *ID gets its row
 * (inside the caller's transaction). */
int playbook_copy_put_tx(ird_ctx *c, const char *name, const char *text, int64_t *id,
                         ird_err *e);

/* The stored text and name of copy ID (malloc'd). */
int playbook_copy_get(ird_ctx *c, int64_t id, char **name, char **text, ird_err *e);

#endif
