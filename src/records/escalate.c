/* escalate.c - claim overdue timers and record their hook runs. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "records/escalate.h"
#include "store/event.h"
#include "records/timer.h"

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
	rc = timer_next_for_hook(c, now, now - ESCALATE_STALE_CLAIM, out, found, e);
	if (rc == IRD_OK && *found)
		rc = timer_claim_tx(c, out->timer_id, watcher, now, e);
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

/* The timer's side of a run: fired, or retry later with the error shown. */
static int
update_timer(ird_ctx *c, const escalate_claim *cl, const escalate_result *r, ird_err *e)
{
	char err[300];

	if (r->exit_status == 0)
		return timer_hook_ok_tx(c, cl->timer_id, r->finished_at, e);
	snprintf(err, sizeof(err), "hook %s %s (attempt %d)", r->program,
	         r->exit_status < 0 ? "could not run or timed out" : "failed", cl->attempts + 1);
	return timer_hook_failed_tx(c, cl->timer_id, r->finished_at +
	                            escalate_backoff(cl->attempts + 1), err, e);
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
		         " stays overdue until %s", (long long)cl->timer_id, cl->rule,
		         *cl->role ? ", notify " : "", cl->role,
		         *cl->role ? "the notification is recorded" : "the step is finished");
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
