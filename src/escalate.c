/* escalate.c - claim overdue timers and record their hook runs. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "escalate.h"
#include "event.h"
#include "timer.h"

#define HOOK_RUN_AUDIT_JSON \
	"json_object('timer_id', timer_id, 'started_at', started_at, 'finished_at', finished_at," \
	" 'program', program, 'exit_status', exit_status, 'output', output, 'watcher', watcher)"

const audit_table hook_run_audit = {
	"hook_runs",
	"SELECT " HOOK_RUN_AUDIT_JSON " FROM hook_runs WHERE id = ?1",
	"SELECT id, " HOOK_RUN_AUDIT_JSON " FROM hook_runs ORDER BY id",
};

int64_t
escalate_backoff(int attempt)
{
	int64_t s = 30;

	for (int i = 1; i < attempt && s < 3600; i++)
		s *= 2;
	return s < 3600 ? s : 3600;
}

static int
pick(ird_ctx *c, int64_t now, escalate_claim *out, int *found, ird_err *e)
{
	/* The state condition is written as in the partial index timers_due. */
	static const char sql[] =
		"SELECT t.id, t.case_id, t.due_at, c.exercise, t.hook_attempts, c.hid,"
		" coalesce(t.role, ''), t.rule FROM timers t JOIN cases c ON c.id = t.case_id"
		" WHERE t.state IN ('pending', 'fired') AND t.due_at <= ?1 AND t.fired_at IS NULL"
		" AND (t.hook_next_at IS NULL OR t.hook_next_at <= ?1)"
		" AND (t.hook_claim IS NULL OR t.hook_claimed_at < ?2)"
		" ORDER BY t.due_at, t.id LIMIT 1";
	sqlite3_stmt *st;
	int rc;

	*found = 0;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, now - ESCALATE_STALE_CLAIM);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = 1;
		out->timer_id = sqlite3_column_int64(st, 0);
		out->case_id = sqlite3_column_int64(st, 1);
		out->due_at = sqlite3_column_int64(st, 2);
		out->exercise = sqlite3_column_int(st, 3);
		out->attempts = sqlite3_column_int(st, 4);
		snprintf(out->case_hid, sizeof(out->case_hid), "%s", sqlite3_column_text(st, 5));
		snprintf(out->role, sizeof(out->role), "%s", sqlite3_column_text(st, 6));
		snprintf(out->rule, sizeof(out->rule), "%s", sqlite3_column_text(st, 7));
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? IRD_OK
	                                           : store_fail(c->store, e, "cannot read timers");
	sqlite3_reset(st);
	return rc;
}

static int
set_claim(ird_ctx *c, int64_t timer_id, const char *watcher, int64_t now, ird_err *e)
{
	static const char sql[] =
		"UPDATE timers SET hook_claim = ?2, hook_claimed_at = ?3 WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, timer_id);
	store_bind_text(st, 2, watcher);
	sqlite3_bind_int64(st, 3, now);
	if ((rc = store_exec_stmt(c->store, st, e, "cannot claim the timer")) != IRD_OK)
		return rc;
	return audit_record(c, "timer.claim", &timer_audit, timer_id, e);
}

int
escalate_claim_next(ird_ctx *c, const char *watcher, escalate_claim *out, int *found,
                    ird_err *e)
{
	int64_t now = clock_now(&c->clock);
	int rc;

	memset(out, 0, sizeof(*out));
	/* Pick and claim under one write lock: no two watchers get the same timer. */
	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	rc = pick(c, now, out, found, e);
	if (rc == IRD_OK && *found)
		rc = set_claim(c, out->timer_id, watcher, now, e);
	if (rc != IRD_OK) {
		store_rollback(c->store);
		return rc;
	}
	return store_commit(c->store, e);
}

static int
insert_run(ird_ctx *c, const escalate_claim *cl, const char *watcher, const escalate_result *r,
           ird_err *e)
{
	static const char sql[] =
		"INSERT INTO hook_runs (timer_id, started_at, finished_at, program, exit_status, output,"
		" watcher) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, cl->timer_id);
	sqlite3_bind_int64(st, 2, r->started_at);
	sqlite3_bind_int64(st, 3, r->finished_at);
	store_bind_text(st, 4, r->program);
	sqlite3_bind_int(st, 5, r->exit_status);
	store_bind_text(st, 6, r->output);
	store_bind_text(st, 7, watcher);
	if ((rc = store_exec_stmt(c->store, st, e, "cannot record the hook run")) != IRD_OK)
		return rc;
	return audit_record(c, "hook.run", &hook_run_audit, store_last_rowid(c->store), e);
}

/* Success: fired (still pending for people). Failure: retry later, and
 * keep the error where `timers` and the case show it. */
static int
update_timer(ird_ctx *c, const escalate_claim *cl, const escalate_result *r, ird_err *e)
{
	static const char ok_sql[] =
		"UPDATE timers SET state = iif(state = 'pending', 'fired', state), fired_at = ?2,"
		" hook_attempts = hook_attempts + 1, hook_error = NULL, hook_next_at = NULL,"
		" hook_claim = NULL, hook_claimed_at = NULL WHERE id = ?1";
	static const char fail_sql[] =
		"UPDATE timers SET hook_attempts = hook_attempts + 1, hook_error = ?3,"
		" hook_next_at = ?2, hook_claim = NULL, hook_claimed_at = NULL WHERE id = ?1";
	int ok = r->exit_status == 0;
	char err[300];
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, ok ? ok_sql : fail_sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, cl->timer_id);
	if (ok) {
		sqlite3_bind_int64(st, 2, r->finished_at);
	} else {
		snprintf(err, sizeof(err), "hook %s %s (attempt %d)", r->program,
		         r->exit_status < 0 ? "could not run or timed out" : "failed", cl->attempts + 1);
		sqlite3_bind_int64(st, 2, r->finished_at + escalate_backoff(cl->attempts + 1));
		store_bind_text(st, 3, err);
	}
	if ((rc = store_exec_stmt(c->store, st, e, "cannot update the timer")) != IRD_OK)
		return rc;
	return audit_record(c, ok ? "timer.fired" : "timer.hook-failed", &timer_audit,
	                    cl->timer_id, e);
}

static int
record_tx(ird_ctx *c, const escalate_claim *cl, const char *watcher, const escalate_result *r,
          ird_err *e)
{
	char text[400];
	int rc;

	if ((rc = insert_run(c, cl, watcher, r, e)) != IRD_OK ||
	    (rc = update_timer(c, cl, r, e)) != IRD_OK)
		return rc;
	if (r->exit_status == 0)
		snprintf(text, sizeof(text), "timer %lld overdue (%s%s%s): escalation hook ran; it"
		         " stays overdue until the notification is recorded", (long long)cl->timer_id,
		         cl->rule, *cl->role ? ", notify " : "", cl->role);
	else
		snprintf(text, sizeof(text), "timer %lld overdue (%s): escalation hook FAILED"
		         " (exit %d), retry in %llds", (long long)cl->timer_id, cl->rule, r->exit_status,
		         (long long)escalate_backoff(cl->attempts + 1));
	return event_add_tx(c, cl->case_id, r->finished_at, "escalate", text, e);
}

int
escalate_record(ird_ctx *c, const escalate_claim *cl, const char *watcher,
                const escalate_result *r, ird_err *e)
{
	int rc;

	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	if ((rc = record_tx(c, cl, watcher, r, e)) != IRD_OK) {
		store_rollback(c->store);
		return rc;
	}
	return store_commit(c->store, e);
}
