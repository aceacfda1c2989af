/* hook_run.c - escalation hook runs. Owns the hook_runs table. */
#include "config.h"

#include "base/i18n.h"
#include "records/hook_run.h"

#define HOOK_RUN_AUDIT_JSON \
	"json_object('timer_id', timer_id, 'started_at', started_at, 'finished_at', finished_at," \
	" 'program', program, 'exit_status', exit_status, 'output', output, 'watcher', watcher)"

const audit_table hook_run_audit = {
	"hook_runs",
	"SELECT " HOOK_RUN_AUDIT_JSON " FROM hook_runs WHERE id = ?1",
	"SELECT id, " HOOK_RUN_AUDIT_JSON " FROM hook_runs ORDER BY id",
};

int
hook_run_add_tx(ird_ctx *c, int64_t timer_id, const char *watcher, const hook_run_result *r,
                ird_err *e)
{
	static const char sql[] =
		"INSERT INTO hook_runs (timer_id, started_at, finished_at, program, exit_status, output,"
		" watcher) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, timer_id);
	sqlite3_bind_int64(st, 2, r->started_at);
	sqlite3_bind_int64(st, 3, r->finished_at);
	store_bind_text(st, 4, r->program);
	sqlite3_bind_int(st, 5, r->exit_status);
	store_bind_text(st, 6, r->output);
	store_bind_text(st, 7, watcher);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot record the hook run"))) != IRD_OK)
		return rc;
	return audit_record(c, "hook.run", &hook_run_audit, store_last_rowid(c->store), e);
}
