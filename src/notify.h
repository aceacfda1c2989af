/* notify.h - who was told, by what channel, when. Owns the notifications
 * table. A notification satisfies the pending timers of its role. */
#ifndef IRDESK_NOTIFY_H
#define IRDESK_NOTIFY_H

#include <stdint.h>

#include "audit.h"
#include "ctx.h"

extern const audit_table notify_audit;

typedef struct notify_spec {
	const char *role;    /* csirt-lead, executives, ministry, regulator, police, staff,
	                        operator, vendor, or any other word [a-z0-9-] */
	const char *channel; /* phone, email, meeting, chat, letter, other */
	int64_t at;          /* when they were told; 0: now */
	const char *note;
} notify_spec;

/* Record a notification and satisfy the role's pending timers. */
int notify_record(ird_ctx *c, int64_t case_id, const notify_spec *spec, int64_t *id,
                  ird_err *e);

/* Notifications of a case as a JSON array (malloc'd). */
int notify_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

#endif
