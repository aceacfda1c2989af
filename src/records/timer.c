/* timer.c - escalation timers. Owns the timers table. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "store/event.h"
#include "records/timer.h"

#define TIMER_AUDIT_JSON \
	"json_object('case_id', case_id, 'rule', rule, 'role', role, 'step_id', step_id," \
	" 'trigger', trigger, 'created_at', created_at, 'due_at', due_at, 'state', state," \
	" 'satisfied_at', satisfied_at, 'satisfied_by', satisfied_by, 'override_reason'," \
	" override_reason, 'overridden_by', overridden_by, 'fired_at', fired_at," \
	" 'hook_attempts', hook_attempts, 'hook_next_at', hook_next_at, 'hook_claim', hook_claim," \
	" 'hook_claimed_at', hook_claimed_at, 'hook_error', hook_error)"

const audit_table timer_audit = {
	"timers",
	"SELECT " TIMER_AUDIT_JSON " FROM timers WHERE id = ?1",
	"SELECT id, " TIMER_AUDIT_JSON " FROM timers ORDER BY id",
};

/* A timer that already covers SPEC: the same step's, or an open one of the
 * same rule (one call satisfies both, so a second would only repeat the
 * alarm). Once a rule's timer is satisfied, a new trigger starts a fresh
 * one: re-escalation. */
static int
find_existing(ird_ctx *c, int64_t case_id, const timer_spec *spec, int64_t *id, ird_err *e)
{
	static const char by_rule[] = "SELECT id FROM timers WHERE case_id = ?1 AND rule = ?2"
		" AND step_id IS NULL AND state IN ('pending', 'fired')";
	static const char by_step[] = "SELECT id FROM timers WHERE step_id = ?1";
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if ((rc = store_stmt(c->store, spec->step_id ? by_step : by_rule, &st, e)) != IRD_OK)
		return rc;
	if (spec->step_id) {
		sqlite3_bind_int64(st, 1, spec->step_id);
	} else {
		sqlite3_bind_int64(st, 1, case_id);
		store_bind_text(st, 2, spec->rule);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? IRD_OK
	                                           : store_fail(c->store, e, N_("cannot read timers"));
	sqlite3_reset(st);
	return rc;
}

int
timer_create_tx(ird_ctx *c, int64_t case_id, const timer_spec *spec, int64_t *id, int *created,
                ird_err *e)
{
	static const char sql[] =
		"INSERT INTO timers (case_id, rule, role, step_id, trigger, created_at, due_at, state)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending')";
	sqlite3_stmt *st;
	int rc;

	*created = 0;
	if ((rc = find_existing(c, case_id, spec, id, e)) != IRD_OK || *id)
		return rc;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, spec->rule);
	store_bind_text(st, 3, spec->role);
	if (spec->step_id)
		sqlite3_bind_int64(st, 4, spec->step_id);
	store_bind_text(st, 5, spec->trigger);
	sqlite3_bind_int64(st, 6, clock_now(&c->clock));
	sqlite3_bind_int64(st, 7, spec->due_at);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot create the timer"))) != IRD_OK)
		return rc;
	*id = store_last_rowid(c->store);
	*created = 1;
	return audit_record(c, "timer.new", &timer_audit, *id, e);
}

/* Collect the ids a query returns (?1 bound to A, ?2 to B, ?3 to T). */
static int
collect_ids(ird_ctx *c, const char *sql, int64_t a, const char *b, int64_t t, int64_t **ids,
            size_t *n, ird_err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		store_bind_text(st, 2, b);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int64(st, 3, t);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			int64_t *grown = realloc(*ids, (cap = cap ? cap * 2 : 8) * sizeof(**ids));

			if (!grown) {
				rc = SQLITE_NOMEM;
				break;
			}
			*ids = grown;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return rc == SQLITE_NOMEM ? ird_fail(e, IRD_EFAIL, _("out of memory"))
		                          : store_fail(c->store, e, N_("cannot read timers"));
	}
	return IRD_OK;
}

/* Close timer ID as STATE ('satisfied' or 'overridden') with a note. */
static int
close_timer(ird_ctx *c, int64_t id, const char *state, const char *by, const char *reason,
            int64_t at, ird_err *e)
{
	static const char sql[] =
		"UPDATE timers SET state = ?2, satisfied_at = iif(?2 = 'satisfied', ?3, NULL),"
		" satisfied_by = iif(?2 = 'satisfied', ?4, NULL),"
		" override_reason = iif(?2 = 'overridden', ?5, NULL),"
		" overridden_by = iif(?2 = 'overridden', ?4, NULL), hook_claim = NULL"
		" WHERE id = ?1 AND state IN ('pending', 'fired')";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, state);
	sqlite3_bind_int64(st, 3, at);
	store_bind_text(st, 4, by);
	store_bind_text(st, 5, reason);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot close the timer"))) != IRD_OK)
		return rc;
	return audit_record(c, strcmp(state, "satisfied") == 0 ? "timer.satisfy" : "timer.override",
	                    &timer_audit, id, e);
}

int
timer_satisfy_role_tx(ird_ctx *c, int64_t case_id, const char *role, int64_t at,
                      const char *by, int *count, ird_err *e)
{
	static const char sql[] = "SELECT id FROM timers WHERE case_id = ?1 AND role = ?2"
		" AND state IN ('pending', 'fired') AND created_at <= ?3 ORDER BY id";
	int64_t *ids;
	size_t n;
	int rc;

	if (count)
		*count = 0;
	if ((rc = collect_ids(c, sql, case_id, role, at, &ids, &n, e)) != IRD_OK)
		return rc;
	for (size_t i = 0; rc == IRD_OK && i < n; i++)
		rc = close_timer(c, ids[i], "satisfied", by, NULL, at, e);
	free(ids);
	if (rc == IRD_OK && count)
		*count = (int)n;
	return rc;
}

int
timer_satisfy_step_tx(ird_ctx *c, int64_t step_id, const char *by, ird_err *e)
{
	static const char sql[] = "SELECT id FROM timers WHERE step_id = ?1"
		" AND state IN ('pending', 'fired')";
	int64_t *ids;
	size_t n;
	int rc;

	if ((rc = collect_ids(c, sql, step_id, NULL, 0, &ids, &n, e)) != IRD_OK)
		return rc;
	for (size_t i = 0; rc == IRD_OK && i < n; i++)
		rc = close_timer(c, ids[i], "satisfied", by, NULL, clock_now(&c->clock), e);
	free(ids);
	return rc;
}

int
timer_withdraw_tx(ird_ctx *c, int64_t timer_id, const char *reason, ird_err *e)
{
	return close_timer(c, timer_id, "overridden", "irdesk", reason, 0, e);
}

int
timer_check_case(ird_ctx *c, int64_t case_id, int64_t timer_id, ird_err *e)
{
	static const char sql[] = "SELECT state FROM timers WHERE id = ?1 AND case_id = ?2";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, timer_id);
	sqlite3_bind_int64(st, 2, case_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return IRD_OK;
	if (rc == SQLITE_DONE)
		return ird_fail(e, IRD_ENOTFOUND, _("no timer %lld in this case"), (long long)timer_id);
	return store_fail(c->store, e, N_("cannot read timers"));
}

static int
timer_state(ird_ctx *c, int64_t timer_id, char *state, size_t len, char *role, size_t rlen,
            ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, "SELECT state, coalesce(role, rule) FROM timers WHERE id = ?1",
	                     &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, timer_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		text_snprintf(state, len, "%s", (const char *)sqlite3_column_text(st, 0));
		text_snprintf(role, rlen, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? IRD_OK : store_fail(c->store, e, N_("cannot read the timer"));
}

int
timer_override_tx(ird_ctx *c, int64_t case_id, int64_t timer_id, const char *reason,
                  int64_t *new_id, ird_err *e)
{
	char state[16], what[80], trigger[64], text[1200];
	timer_spec spec = { 0 };
	int created, rc;

	if ((rc = timer_check_reason(reason, e)) != IRD_OK ||
	    (rc = timer_check_case(c, case_id, timer_id, e)) != IRD_OK ||
	    (rc = timer_state(c, timer_id, state, sizeof(state), what, sizeof(what), e)) != IRD_OK)
		return rc;
	if (strcmp(state, "pending") != 0 && strcmp(state, "fired") != 0)
		return ird_fail(e, IRD_EFAIL, _("timer %lld is already %s"), (long long)timer_id, state);
	if ((rc = close_timer(c, timer_id, "overridden", c->actor, reason, 0, e)) != IRD_OK)
		return rc;
	text_snprintf(trigger, sizeof(trigger), "override of timer %lld", (long long)timer_id);
	spec.rule = "override";
	spec.role = "csirt-lead";
	spec.trigger = trigger;
	spec.due_at = clock_now(&c->clock) + TIMER_OVERRIDE_DEADLINE;
	if ((rc = timer_create_tx(c, case_id, &spec, new_id, &created, e)) != IRD_OK)
		return rc;
	text_snprintf(text, sizeof(text), "timer %lld (%s) overridden: %s; the csirt-lead must be told"
	         " (timer %lld)", (long long)timer_id, what, reason, (long long)*new_id);
	return event_add_tx(c, case_id, 0, "timer", text, e);
}

int
timer_check_reason(const char *reason, ird_err *e)
{
	if (!reason || !*reason || strspn(reason, " \t\n") == strlen(reason))
		return ird_fail(e, IRD_EUSAGE, _("an override needs a reason (--reason TEXT)"));
	return IRD_OK;
}

#define TIMER_FROM \
	" FROM timers t JOIN cases c ON c.id = t.case_id LEFT JOIN steps s ON s.id = t.step_id"
#define TIMER_SELECT \
	"SELECT t.id, t.case_id, coalesce(t.step_id, 0), t.created_at, t.due_at," \
	" coalesce(t.satisfied_at, 0), coalesce(t.fired_at, 0), c.hid, t.rule, t.role, t.trigger," \
	" t.state, t.satisfied_by, t.override_reason, t.hook_error, s.title, t.hook_attempts" \
	TIMER_FROM

#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"
#define TIMER_JSON \
	"SELECT json_group_array(json(j)) FROM (SELECT json_object('id', t.id, 'case', c.hid," \
	" 'rule', t.rule, 'role', t.role, 'step', s.num, 'step_title', s.title," \
	" 'trigger', t.trigger, 'state', t.state, 'created_at', " ISO("t.created_at") "," \
	" 'due_at', " ISO("t.due_at") ", 'seconds_left', t.due_at - ?3," \
	" 'overdue', json(iif(t.state IN ('pending', 'fired') AND t.due_at < ?3, 'true', 'false'))," \
	" 'satisfied_at', " ISO("t.satisfied_at") ", 'satisfied_by', t.satisfied_by," \
	" 'override_reason', t.override_reason, 'overridden_by', t.overridden_by," \
	" 'fired_at', " ISO("t.fired_at") "," \
	" 'hook_attempts', t.hook_attempts, 'hook_error', t.hook_error) AS j" TIMER_FROM

/* The four selections (one case or every open case; all timers or the
 * open ones due by ?2). Literal conditions let the planner use the
 * partial index timers_due. */
#define W_CASE_ALL " WHERE t.case_id = ?1"
#define W_CASE_OPEN " WHERE t.case_id = ?1 AND t.state IN ('pending', 'fired') AND t.due_at <= ?2"
/* Every case: the real ones only (an exercise's timers run on its own
 * clock and are listed with its case). */
#define W_ALL " WHERE c.status <> 'closed' AND c.exercise = 0"
#define W_ALL_OPEN \
	" WHERE t.state IN ('pending', 'fired') AND t.due_at <= ?2 AND c.status <> 'closed'" \
	" AND c.exercise = 0"
#define W_ORDER " ORDER BY t.due_at, t.id"

static const char *const EACH_SQL[] = {
	TIMER_SELECT W_CASE_ALL W_ORDER, TIMER_SELECT W_CASE_OPEN W_ORDER,
	TIMER_SELECT W_ALL W_ORDER, TIMER_SELECT W_ALL_OPEN W_ORDER,
};
static const char *const JSON_SQL[] = {
	TIMER_JSON W_CASE_ALL W_ORDER ")", TIMER_JSON W_CASE_OPEN W_ORDER ")",
	TIMER_JSON W_ALL W_ORDER ")", TIMER_JSON W_ALL_OPEN W_ORDER ")",
};

/* Pick a selection; "open" without "due" is "due before the end of time".
 * Overdue means past its due second: due_at < now, i.e. <= now - 1. */
static int
selection(int64_t case_id, int open_only, int due_only, int64_t now, int64_t *limit)
{
	*limit = due_only ? now - 1 : INT64_MAX;
	return (case_id ? 0 : 2) + (open_only || due_only ? 1 : 0);
}

/* Bind ?1 case, ?2 limit, ?3 now where the statement has them. */
static void
bind_selection(sqlite3_stmt *st, int64_t case_id, int64_t limit, int64_t now)
{
	int n = sqlite3_bind_parameter_count(st);

	for (int i = 1; i <= n; i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);

		if (name && strcmp(name, "?1") == 0)
			sqlite3_bind_int64(st, i, case_id);
		else if (name && strcmp(name, "?2") == 0)
			sqlite3_bind_int64(st, i, limit);
		else if (name && strcmp(name, "?3") == 0)
			sqlite3_bind_int64(st, i, now);
	}
}

static void
row_from_stmt(sqlite3_stmt *st, timer_row *t)
{
	t->id = sqlite3_column_int64(st, 0);
	t->case_id = sqlite3_column_int64(st, 1);
	t->step_id = sqlite3_column_int64(st, 2);
	t->created_at = sqlite3_column_int64(st, 3);
	t->due_at = sqlite3_column_int64(st, 4);
	t->satisfied_at = sqlite3_column_int64(st, 5);
	t->fired_at = sqlite3_column_int64(st, 6);
	t->case_hid = (const char *)sqlite3_column_text(st, 7);
	t->rule = (const char *)sqlite3_column_text(st, 8);
	t->role = (const char *)sqlite3_column_text(st, 9);
	t->trigger = (const char *)sqlite3_column_text(st, 10);
	t->state = (const char *)sqlite3_column_text(st, 11);
	t->satisfied_by = (const char *)sqlite3_column_text(st, 12);
	t->override_reason = (const char *)sqlite3_column_text(st, 13);
	t->hook_error = (const char *)sqlite3_column_text(st, 14);
	t->step_title = (const char *)sqlite3_column_text(st, 15);
	t->hook_attempts = sqlite3_column_int(st, 16);
}

int
timer_each(ird_ctx *c, int64_t case_id, int open_only, int due_only,
           int (*fn)(void *arg, const timer_row *t), void *arg, ird_err *e)
{
	int64_t limit, now = clock_now(&c->clock);
	int which = selection(case_id, open_only, due_only, now, &limit);
	sqlite3_stmt *st;
	timer_row t;
	int rc;

	if ((rc = store_stmt(c->store, EACH_SQL[which], &st, e)) != IRD_OK)
		return rc;
	bind_selection(st, case_id, limit, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row_from_stmt(st, &t);
		if (fn(arg, &t) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	rc = rc == SQLITE_DONE ? IRD_OK : store_fail(c->store, e, N_("cannot read timers"));
	sqlite3_reset(st);
	return rc;
}

int
timer_list_json(ird_ctx *c, int64_t case_id, int open_only, int due_only, char **json,
                ird_err *e)
{
	int64_t limit, now = clock_now(&c->clock);
	int which = selection(case_id, open_only, due_only, now, &limit);
	sqlite3_stmt *st;
	int rc;

	*json = NULL;
	if ((rc = store_stmt(c->store, JSON_SQL[which], &st, e)) != IRD_OK)
		return rc;
	bind_selection(st, case_id, limit, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && !(*json = store_col_strdup(st, 0)))
		rc = SQLITE_NOMEM;
	rc = rc == SQLITE_ROW ? IRD_OK : store_fail_step(c->store, rc, e, N_("cannot read timers"));
	sqlite3_reset(st);
	return rc;
}

struct hook_each {
	int (*fn)(void *arg, const timer_hook_job *job);
	void *arg;
};

static int
hook_row(void *arg, sqlite3_stmt *st)
{
	struct hook_each *h = arg;
	timer_hook_job job = { 0 };

	job.timer_id = sqlite3_column_int64(st, 0);
	job.case_id = sqlite3_column_int64(st, 1);
	job.due_at = sqlite3_column_int64(st, 2);
	job.exercise = sqlite3_column_int(st, 3);
	job.attempts = sqlite3_column_int(st, 4);
	text_snprintf(job.case_hid, sizeof(job.case_hid), "%s", sqlite3_column_text(st, 5));
	text_snprintf(job.role, sizeof(job.role), "%s", sqlite3_column_text(st, 6));
	text_snprintf(job.rule, sizeof(job.rule), "%s", sqlite3_column_text(st, 7));
	if (sqlite3_column_type(st, 8) != SQLITE_NULL)
		text_snprintf(job.claim, sizeof(job.claim), "%s", sqlite3_column_text(st, 8));
	job.claimed_at = sqlite3_column_int64(st, 9);
	return h->fn(h->arg, &job);
}

/* An exercise case's story time at real time REAL (the exercise clock of
 * engine/exercise_clock.c, read in SQL for the claim below; a case with no
 * exercise row is on the real clock). */
#define EXERCISE_STORY_NOW(case_id, real) \
	"coalesce((SELECT CASE WHEN x.ended_at IS NOT NULL THEN x.ended_story" \
	" WHEN x.paused OR " real " <= x.anchor_real THEN x.anchor_story" \
	" ELSE x.anchor_story + (" real " - x.anchor_real) * x.speed END" \
	" FROM exercises x WHERE x.case_id = " case_id "), " real ")"

int
timer_each_for_hook(ird_ctx *c, int64_t now, int (*fn)(void *arg, const timer_hook_job *job),
                    void *arg, ird_err *e)
{
	/* The state condition is written as in the partial index timers_due;
	 * overdue is past the due second. */
	static const char sql[] =
		"SELECT t.id, t.case_id, t.due_at, c.exercise, t.hook_attempts, c.hid,"
		" coalesce(t.role, ''), t.rule, t.hook_claim, t.hook_claimed_at"
		" FROM timers t JOIN cases c ON c.id = t.case_id"
		" WHERE t.state IN ('pending', 'fired') AND t.due_at < ?1 AND t.fired_at IS NULL"
		" AND (t.hook_next_at IS NULL OR t.hook_next_at <= ?1)"
		" AND (c.exercise = 0 OR t.due_at < " EXERCISE_STORY_NOW("t.case_id", "?1") ")"
		" ORDER BY t.due_at, t.id";
	struct hook_each h = { fn, arg };

	return store_each(c->store, sql, now, hook_row, &h, N_("cannot read timers"), e);
}

int
timer_claim_tx(ird_ctx *c, int64_t timer_id, const char *watcher, int64_t now, ird_err *e)
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
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot claim the timer"))) != IRD_OK)
		return rc;
	return audit_record(c, "timer.claim", &timer_audit, timer_id, e);
}

int
timer_hook_ok_tx(ird_ctx *c, int64_t timer_id, int64_t at, ird_err *e)
{
	static const char sql[] =
		"UPDATE timers SET state = iif(state = 'pending', 'fired', state), fired_at = ?2,"
		" hook_attempts = hook_attempts + 1, hook_error = NULL, hook_next_at = NULL,"
		" hook_claim = NULL, hook_claimed_at = NULL WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, timer_id);
	sqlite3_bind_int64(st, 2, at);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot update the timer"))) != IRD_OK)
		return rc;
	return audit_record(c, "timer.fired", &timer_audit, timer_id, e);
}

int
timer_hook_failed_tx(ird_ctx *c, int64_t timer_id, int64_t retry_at, const char *error,
                     ird_err *e)
{
	static const char sql[] =
		"UPDATE timers SET hook_attempts = hook_attempts + 1, hook_error = ?3,"
		" hook_next_at = ?2, hook_claim = NULL, hook_claimed_at = NULL WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, timer_id);
	sqlite3_bind_int64(st, 2, retry_at);
	store_bind_text(st, 3, error);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot update the timer"))) != IRD_OK)
		return rc;
	return audit_record(c, "timer.hook-failed", &timer_audit, timer_id, e);
}

int
timer_overdue_count(ird_ctx *c, int64_t case_id, int64_t *count, ird_err *e)
{
	static const char one_sql[] = "SELECT count(*) FROM timers WHERE case_id = ?1"
		" AND state IN ('pending', 'fired') AND due_at < ?2";
	static const char all_sql[] = "SELECT count(*) FROM timers t JOIN cases c ON c.id = t.case_id"
		" WHERE t.state IN ('pending', 'fired') AND t.due_at < ?2 AND c.status <> 'closed'"
		" AND c.exercise = 0";
	sqlite3_stmt *st;
	int rc;

	*count = 0;
	if ((rc = store_stmt(c->store, case_id ? one_sql : all_sql, &st, e)) != IRD_OK)
		return rc;
	bind_selection(st, case_id, clock_now(&c->clock), 0);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW ? IRD_OK : store_fail_step(c->store, rc, e, N_("cannot read timers"));
	sqlite3_reset(st);
	return rc;
}
