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

/* A window of the case's timeline, in its order (happened_at, then id):
 * FN for up to LIMIT events after the event (AT, ID), oldest first (DIR >
 * 0), or before it, newest first (DIR < 0); FN returns 0 to go on. Only
 * those rows are read (events_case). From the start: AT = ID = INT64_MIN
 * with DIR > 0; from the end: INT64_MAX with DIR < 0; from an event on,
 * itself included: (AT, ID - 1). */
int event_page(ird_ctx *c, int64_t case_id, int64_t at, int64_t id, int dir, int limit,
               int (*fn)(void *arg, const event_row *ev), void *arg, ird_err *e);

#endif
