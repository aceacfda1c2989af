/* event.h - the case timeline: what happened when, and when it was recorded. */
#ifndef IRDESK_EVENT_H
#define IRDESK_EVENT_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"

extern const audit_table event_audit;

typedef struct event_row {
	int64_t id, happened_at, recorded_at;
	const char *actor, *kind, *text;
} event_row;

/* Add an event inside the caller's transaction (with its audit record).
 * HAPPENED_AT 0 means now. KIND: note, change, step, notify, ... */
int event_add_tx(ird_ctx *c, int64_t case_id, int64_t happened_at, const char *kind,
                 const char *text, ird_err *e);

/* The timeline, oldest first, as a JSON array (malloc'd). */
int event_timeline_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

/* Call FN for each event of the case, oldest first; FN returns 0 to go on. */
int event_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const event_row *ev),
               void *arg, ird_err *e);

#endif
