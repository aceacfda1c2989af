/* exercise.c - the exercises and exercise_injects tables. */
#include "config.h"

#include <string.h>

#include "base/i18n.h"
#include "records/exercise.h"

#define EXERCISE_JSON \
	"json_object('case_id', case_id, 'scenario', scenario, 'scenario_text', scenario_text," \
	" 'story_start', story_start, 'speed', speed, 'anchor_real', anchor_real," \
	" 'anchor_story', anchor_story, 'paused', paused, 'started_at', started_at," \
	" 'ended_at', ended_at, 'ended_story', ended_story)"
#define INJECT_JSON \
	"json_object('exercise_id', exercise_id, 'inject_no', inject_no, 'inject_id', inject_id," \
	" 'released_at', released_at, 'released_real', released_real, 'early', early," \
	" 'released_by', released_by)"

const audit_table exercise_audit = {
	"exercises",
	"SELECT " EXERCISE_JSON " FROM exercises WHERE id = ?1",
	"SELECT id, " EXERCISE_JSON " FROM exercises ORDER BY id",
};

const audit_table exercise_inject_audit = {
	"exercise_injects",
	"SELECT " INJECT_JSON " FROM exercise_injects WHERE id = ?1",
	"SELECT id, " INJECT_JSON " FROM exercise_injects ORDER BY id",
};

int
exercise_create_tx(ird_ctx *c, int64_t case_id, const char *scenario, const char *text,
                   int64_t story_start, int64_t speed, int64_t real_now, int64_t *id,
                   ird_err *e)
{
	static const char sql[] =
		"INSERT INTO exercises (case_id, scenario, scenario_text, story_start, speed,"
		" anchor_real, anchor_story, paused, started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?4, 0, ?6)";
	sqlite3_stmt *st;
	int rc;

	if (speed < 1 || speed > EXERCISE_MAX_SPEED)
		return ird_fail(e, IRD_EUSAGE, _("speed must be from 1 to %d"), EXERCISE_MAX_SPEED);
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, scenario);
	store_bind_text(st, 3, text);
	sqlite3_bind_int64(st, 4, story_start);
	sqlite3_bind_int64(st, 5, speed);
	sqlite3_bind_int64(st, 6, real_now);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot create the exercise"))) != IRD_OK)
		return rc;
	*id = store_last_rowid(c->store);
	return audit_record(c, "exercise.start", &exercise_audit, *id, e);
}

static void
fill_row(void *row, sqlite3_stmt *st)
{
	exercise_row *r = row;

	r->id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	r->scenario = (const char *)sqlite3_column_text(st, 2);
	r->scenario_text = (const char *)sqlite3_column_text(st, 3);
	r->story_start = sqlite3_column_int64(st, 4);
	r->speed = sqlite3_column_int64(st, 5);
	r->anchor_real = sqlite3_column_int64(st, 6);
	r->anchor_story = sqlite3_column_int64(st, 7);
	r->paused = sqlite3_column_int(st, 8);
	r->started_at = sqlite3_column_int64(st, 9);
	r->ended_at = sqlite3_column_int64(st, 10);
	r->ended_story = sqlite3_column_int64(st, 11);
	r->case_hid = (const char *)sqlite3_column_text(st, 12);
}

#define ROW_STRINGS(r) { &(r)->scenario, &(r)->scenario_text, &(r)->case_hid }

int
exercise_get_by_case(ird_ctx *c, int64_t case_id, exercise_row *row, int *found, ird_err *e)
{
	static const char sql[] =
		"SELECT x.id, x.case_id, x.scenario, x.scenario_text, x.story_start, x.speed,"
		" x.anchor_real, x.anchor_story, x.paused, x.started_at, x.ended_at, x.ended_story,"
		" (SELECT hid FROM cases WHERE id = x.case_id) FROM exercises x WHERE x.case_id = ?1";
	const char **const own[] = ROW_STRINGS(row);
	int rc;

	memset(row, 0, sizeof(*row));
	*found = 0;
	rc = store_get(c->store, sql, case_id, fill_row, row, own, 3, "not an exercise", e);
	if (rc == IRD_ENOTFOUND) {
		ird_err_clear(e);
		return IRD_OK;
	}
	*found = rc == IRD_OK;
	return rc;
}

void
exercise_row_free(exercise_row *row)
{
	const char **const own[] = ROW_STRINGS(row);

	store_free_strings(own, 3);
	memset(row, 0, sizeof(*row));
}

int
exercise_set_clock_tx(ird_ctx *c, int64_t id, int64_t anchor_real, int64_t anchor_story,
                      int64_t speed, int paused, const char *action, ird_err *e)
{
	static const char sql[] =
		"UPDATE exercises SET anchor_real = ?2, anchor_story = ?3, speed = ?4, paused = ?5"
		" WHERE id = ?1 AND ended_at IS NULL";
	sqlite3_stmt *st;
	int rc;

	if (speed < 1 || speed > EXERCISE_MAX_SPEED)
		return ird_fail(e, IRD_EUSAGE, _("speed must be from 1 to %d"), EXERCISE_MAX_SPEED);
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, anchor_real);
	sqlite3_bind_int64(st, 3, anchor_story);
	sqlite3_bind_int64(st, 4, speed);
	sqlite3_bind_int(st, 5, paused ? 1 : 0);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot set the exercise clock"))) != IRD_OK)
		return rc;
	return audit_record(c, action, &exercise_audit, id, e);
}

int
exercise_end_tx(ird_ctx *c, int64_t id, int64_t end_real, int64_t end_story, ird_err *e)
{
	static const char sql[] =
		"UPDATE exercises SET ended_at = ?2, ended_story = ?3 WHERE id = ?1 AND ended_at IS NULL";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, end_real);
	sqlite3_bind_int64(st, 3, end_story);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot end the exercise"))) != IRD_OK)
		return rc;
	return audit_record(c, "exercise.end", &exercise_audit, id, e);
}

int
exercise_release_tx(ird_ctx *c, int64_t id, int64_t no, const char *inject_id, int64_t at,
                    int64_t real_now, int early, int *fresh, ird_err *e)
{
	static const char sql[] =
		"INSERT INTO exercise_injects (exercise_id, inject_no, inject_id, released_at,"
		" released_real, early, released_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
		" ON CONFLICT (exercise_id, inject_no) DO NOTHING";
	sqlite3_stmt *st;
	int rc;

	*fresh = 0;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, no);
	store_bind_text(st, 3, inject_id);
	sqlite3_bind_int64(st, 4, at);
	sqlite3_bind_int64(st, 5, real_now);
	sqlite3_bind_int(st, 6, early ? 1 : 0);
	store_bind_text(st, 7, c->actor);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot release the inject"))) != IRD_OK)
		return rc;
	if (store_changes(c->store) == 0)
		return IRD_OK; /* another process released it first */
	*fresh = 1;
	return audit_record(c, "exercise.inject", &exercise_inject_audit,
	                    store_last_rowid(c->store), e);
}

struct inject_visit {
	int (*fn)(void *arg, const exercise_inject_row *r);
	void *arg;
};

static int
inject_row(void *arg, sqlite3_stmt *st)
{
	struct inject_visit *v = arg;
	exercise_inject_row r = {
		.no = sqlite3_column_int64(st, 0),
		.inject_id = (const char *)sqlite3_column_text(st, 1),
		.released_at = sqlite3_column_int64(st, 2),
		.released_real = sqlite3_column_int64(st, 3),
		.early = sqlite3_column_int(st, 4),
		.released_by = (const char *)sqlite3_column_text(st, 5),
	};

	return v->fn(v->arg, &r);
}

int
exercise_inject_each(ird_ctx *c, int64_t id, int (*fn)(void *arg, const exercise_inject_row *r),
                     void *arg, ird_err *e)
{
	static const char sql[] =
		"SELECT inject_no, inject_id, released_at, released_real, early, released_by"
		" FROM exercise_injects WHERE exercise_id = ?1 ORDER BY id";
	struct inject_visit v = { fn, arg };

	return store_each(c->store, sql, id, inject_row, &v, N_("cannot read the injects"), e);
}

struct running_visit {
	int (*fn)(void *arg, int64_t case_id);
	void *arg;
};

static int
running_row(void *arg, sqlite3_stmt *st)
{
	struct running_visit *v = arg;

	return v->fn(v->arg, sqlite3_column_int64(st, 0));
}

int
exercise_each_running(ird_ctx *c, int (*fn)(void *arg, int64_t case_id), void *arg, ird_err *e)
{
	static const char sql[] =
		"SELECT case_id FROM exercises WHERE ended_at IS NULL AND ?1 ORDER BY id";
	struct running_visit v = { fn, arg };

	return store_each(c->store, sql, 1, running_row, &v, N_("cannot list exercises"), e);
}
