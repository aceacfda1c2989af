/* event.c - the case timeline. Owns the events table. */
#include "config.h"

#include <string.h>

#include "base/i18n.h"
#include "store/event.h"

#define EVENT_AUDIT_JSON \
	"json_object('case_id', case_id, 'happened_at', happened_at, 'recorded_at'," \
	" recorded_at, 'actor', actor, 'kind', kind, 'text', text)"

const audit_table event_audit = {
	"events",
	"SELECT " EVENT_AUDIT_JSON " FROM events WHERE id = ?1",
	"SELECT id, " EVENT_AUDIT_JSON " FROM events ORDER BY id",
};

int
event_add_tx(ird_ctx *c, int64_t case_id, int64_t happened_at, const char *kind,
             const char *text, ird_err *e)
{
	static const char sql[] =
		"INSERT INTO events (case_id, happened_at, recorded_at, actor, kind, text)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	int64_t now = clock_now(&c->clock);
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, happened_at ? happened_at : now);
	sqlite3_bind_int64(st, 3, now);
	store_bind_text(st, 4, c->actor);
	store_bind_text(st, 5, kind);
	store_bind_text(st, 6, text);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot add the event"))) != IRD_OK)
		return rc;
	return audit_record(c, "event.add", &event_audit, store_last_rowid(c->store), e);
}

int
event_timeline_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e)
{
	static const char sql[] =
		"SELECT json_group_array(json(j)) FROM (SELECT json_object("
		" 'happened_at', strftime('%Y-%m-%dT%H:%M:%SZ', happened_at, 'unixepoch'),"
		" 'recorded_at', strftime('%Y-%m-%dT%H:%M:%SZ', recorded_at, 'unixepoch'),"
		" 'actor', actor, 'kind', kind, 'text', text) AS j"
		" FROM events WHERE case_id = ?1 ORDER BY happened_at, id)";

	return store_query_json_array(c->store, sql, case_id, json, e);
}

struct event_visit {
	int (*fn)(void *arg, const event_row *row);
	void *arg;
};

/* One row of event_each's listing, handed to the caller's function. */
static int
event_visit_row(void *arg, sqlite3_stmt *st)
{
	struct event_visit *v = arg;
	event_row ev = {
		sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
		sqlite3_column_int64(st, 2), (const char *)sqlite3_column_text(st, 3),
		(const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5),
	};

	return v->fn(v->arg, &ev);
}

int
event_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const event_row *ev),
           void *arg, ird_err *e)
{
	static const char sql[] =
		"SELECT id, happened_at, recorded_at, actor, kind, text FROM events"
		" WHERE case_id = ?1 ORDER BY happened_at, id";
	struct event_visit v = { fn, arg };

	return store_each(c->store, sql, case_id, event_visit_row, &v,
	                  N_("cannot read the timeline"), e);
}

int
event_page(ird_ctx *c, int64_t case_id, int64_t at, int64_t id, int dir, int limit,
           int (*fn)(void *arg, const event_row *ev), void *arg, ird_err *e)
{
	/* Keyset on the events_case index: only LIMIT rows are read. */
	static const char after[] =
		"SELECT id, happened_at, recorded_at, actor, kind, text FROM events"
		" WHERE case_id = ?1 AND (happened_at, id) > (?2, ?3)"
		" ORDER BY happened_at, id LIMIT ?4";
	static const char before[] =
		"SELECT id, happened_at, recorded_at, actor, kind, text FROM events"
		" WHERE case_id = ?1 AND (happened_at, id) < (?2, ?3)"
		" ORDER BY happened_at DESC, id DESC LIMIT ?4";
	struct event_visit v = { fn, arg };
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((rc = store_stmt(c->store, dir < 0 ? before : after, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_int(st, 4, limit);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = event_visit_row(&v, st);
	rc = stop || rc == SQLITE_DONE ? IRD_OK
	                               : store_fail(c->store, e, N_("cannot read the timeline"));
	sqlite3_reset(st);
	return rc;
}
