/* notify.h - who was told, by what channel, when. Owns the notifications
 * table. (The action that records one satisfies its role's timers.) */
#ifndef IRDESK_NOTIFY_H
#define IRDESK_NOTIFY_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"

extern const audit_table notify_audit;

#define NOTIFY_ROLE_MAX 64  /* bytes in a role, as for playbook roles */
#define NOTIFY_TEXT_MAX 4000 /* bytes in a note */

typedef struct notify_spec {
	const char *role;    /* csirt-lead, executives, ministry, regulator, police, staff,
	                        operator, vendor, or any other word [a-z0-9-] (upper case
	                        is folded) */
	const char *channel; /* phone, email, meeting, chat, letter, other */
	int64_t at;          /* when they were told; 0: now; never in the future */
	const char *note;    /* what was said; may be NULL */
} notify_spec;

typedef struct notify_row {
	int64_t id, case_id, at, recorded_at;
	const char *role, *channel, *by, *note;
} notify_row;

/* Fold ROLE to lower case into OUT: 1-64 of [a-z0-9-], starting with a
 * letter or digit. IRD_EUSAGE naming the usual roles otherwise. */
int notify_check_role(const char *role, char out[NOTIFY_ROLE_MAX + 1], ird_err *e);

/* IRD_OK for a known channel; IRD_EUSAGE naming them otherwise. */
int notify_check_channel(const char *channel, ird_err *e);

/* IRD_OK when SPEC can be recorded now (role, channel, note, --at not
 * in the future); IRD_EUSAGE naming the problem otherwise. */
int notify_check(ird_ctx *c, const notify_spec *spec, ird_err *e);

/* What recording a notification means: ROLE (folded) was told at AT. */
typedef struct notify_effect {
	char role[NOTIFY_ROLE_MAX + 1];
	int64_t at;
} notify_effect;

/* Record a notification inside the caller's transaction (the case must
 * exist): the row, its audit record and a timeline event. *ID gets its
 * number; *FX who was told when. */
int notify_record_tx(ird_ctx *c, int64_t case_id, const notify_spec *spec, int64_t *id,
                     notify_effect *fx, ird_err *e);

/* Notifications of a case, oldest first, as a JSON array (malloc'd). */
int notify_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

/* Call FN for each notification of the case, oldest first; FN returns 0
 * to go on. */
int notify_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const notify_row *n),
                void *arg, ird_err *e);

#endif
