/* facilitator.c - the facilitator's read model of an exercise: its clock,
 * its injects, the live score and the open items; and its JSON. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/scenario.h"
#include "queries/facilitator.h"

int
facilitator_read(ird_ctx *c, int64_t case_id, facilitator *f, ird_err *e)
{
	ird_ctx story;
	int rc;

	memset(f, 0, sizeof(*f));
	f->real_now = clock_now(&c->clock);
	if ((rc = exercise_status_get(c, case_id, &f->st, e)) != IRD_OK)
		return rc;
	for (size_t i = 0; i < f->st.sc->ninjects && !f->next; i++)
		if (!f->st.injects[i].released)
			f->next = i + 1;
	/* The score as of the story time, as every action on the case sees it. */
	story = *c;
	story.clock.fixed = 1;
	story.clock.now = f->st.story_now;
	if ((rc = report_build(&story, case_id, &f->score, e)) != IRD_OK)
		exercise_status_free(&f->st);
	return rc;
}

void
facilitator_free(facilitator *f)
{
	exercise_status_free(&f->st);
	report_free(&f->score);
	memset(f, 0, sizeof(*f));
}

const char *
facilitator_state(const facilitator *f)
{
	return f->st.ended ? "ended" : f->st.paused ? "paused" : "running";
}

int64_t
facilitator_story_at(const facilitator *f, int64_t real)
{
	if (f->st.ended || f->st.paused || real <= f->real_now)
		return f->st.story_now;
	return f->st.story_now + (real - f->real_now) * f->st.speed;
}

/* ---- JSON ---------------------------------------------------------------- */

#define ISO(x) "strftime('%Y-%m-%dT%H:%M:%SZ', " x ", 'unixepoch')"
#define ISO_OR_NULL(x) "iif(" x " IS NULL, NULL, " ISO(x) ")"

static const char DOC_SQL[] =
	"SELECT json_object('case', ?1, 'scenario', ?2, 'scenario_title', ?3, 'state', ?4,"
	" 'speed', ?5, 'clock_at', " ISO("?6") ", 'offset', ?7, 'offset_seconds', ?8,"
	" 'story_start_at', " ISO("?9") ", 'started_at', " ISO("?10") ","
	" 'ended_at', " ISO_OR_NULL("?11") ", 'released', ?12, 'total', ?13, 'next', ?14,"
	" 'injects', json('[]'), 'score', json('[]'), 'open_items', json('[]'))";

static const char INJECT_SQL[] =
	"SELECT json_insert(?1, '$.injects[#]', json_object('no', ?2, 'id', ?3, 'title', ?4,"
	" 'offset', ?5, 'offset_seconds', ?6, 'due_at', " ISO("?7") ", 'state', ?8,"
	" 'released_at', " ISO_OR_NULL("?9") ", 'next', json(iif(?10, 'true', 'false'))))";

static const char SCORE_SQL[] =
	"SELECT json_insert(?1, '$.score[#]', json_object('role', ?2, 'on_time', ?3,"
	" 'late', ?4, 'missed', ?5, 'pending', ?6))";

/* The report's item fields, as `report --format json` gives them. */
static const char ITEM_SQL[] =
	"SELECT json_insert(?1, '$.open_items[#]', json_object('kind', ?2, 'what', ?3,"
	" 'role', ?4, 'source', ?5, 'from', " ISO_OR_NULL("?6") ", 'due', " ISO("?7") ","
	" 'done', NULL, 'late_seconds', NULL, 'by', ?8, 'outcome', ?9))";

/* Step ST (its ?1 the document so far, the rest bound) into *DOC. */
static int
step_doc(ird_ctx *c, sqlite3_stmt *st, char **doc, ird_err *e)
{
	char *next = NULL;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW && !(next = store_col_strdup(st, 0)))
		rc = SQLITE_NOMEM;
	rc = rc == SQLITE_ROW ? IRD_OK
	                      : store_fail_step(c->store, rc, e, _("cannot build the exercise status"));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == IRD_OK) {
		free(*doc);
		*doc = next;
	}
	return rc;
}

static void
bind_time_or_null(sqlite3_stmt *st, int idx, int64_t t)
{
	if (t)
		sqlite3_bind_int64(st, idx, t);
	else
		sqlite3_bind_null(st, idx);
}

static int
json_head(ird_ctx *c, const facilitator *f, char **doc, ird_err *e)
{
	const exercise_status *x = &f->st;
	char off[32];
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, DOC_SQL, &st, e)) != IRD_OK)
		return rc;
	scenario_offset_format(x->story_now - x->story_start, off, sizeof(off));
	store_bind_text(st, 1, x->hid);
	store_bind_text(st, 2, x->sc->name);
	store_bind_text(st, 3, x->sc->title);
	store_bind_text(st, 4, facilitator_state(f));
	sqlite3_bind_int64(st, 5, x->speed);
	sqlite3_bind_int64(st, 6, x->story_now);
	store_bind_text(st, 7, off);
	sqlite3_bind_int64(st, 8, x->story_now - x->story_start);
	sqlite3_bind_int64(st, 9, x->story_start);
	sqlite3_bind_int64(st, 10, x->started_at);
	bind_time_or_null(st, 11, x->ended_at);
	sqlite3_bind_int64(st, 12, (sqlite3_int64)x->released);
	sqlite3_bind_int64(st, 13, (sqlite3_int64)x->sc->ninjects);
	if (f->next)
		sqlite3_bind_int64(st, 14, (sqlite3_int64)f->next);
	else
		sqlite3_bind_null(st, 14);
	return step_doc(c, st, doc, e);
}

static int
json_inject(ird_ctx *c, const facilitator *f, const exercise_inject_state *is, char **doc,
            ird_err *e)
{
	char off[32];
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, INJECT_SQL, &st, e)) != IRD_OK)
		return rc;
	scenario_offset_format(is->at_s, off, sizeof(off));
	store_bind_text(st, 1, *doc);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)is->no);
	store_bind_text(st, 3, is->id);
	store_bind_text(st, 4, is->title);
	store_bind_text(st, 5, off);
	sqlite3_bind_int64(st, 6, is->at_s);
	sqlite3_bind_int64(st, 7, is->due);
	store_bind_text(st, 8, !is->released ? "pending" : is->early ? "early" : "released");
	bind_time_or_null(st, 9, is->released ? is->released_at : 0);
	sqlite3_bind_int(st, 10, is->no == f->next);
	return step_doc(c, st, doc, e);
}

static int
json_score(ird_ctx *c, const rp_score *s, char **doc, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, SCORE_SQL, &st, e)) != IRD_OK)
		return rc;
	store_bind_text(st, 1, *doc);
	store_bind_text(st, 2, s->role ? s->role : "overall");
	sqlite3_bind_int(st, 3, s->on_time);
	sqlite3_bind_int(st, 4, s->late);
	sqlite3_bind_int(st, 5, s->missed);
	sqlite3_bind_int(st, 6, s->pending);
	return step_doc(c, st, doc, e);
}

static const char *const OUTCOMES[] = { "on_time", "late", "missed", "pending" };

static int
json_item(ird_ctx *c, const rp_item *it, char **doc, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, ITEM_SQL, &st, e)) != IRD_OK)
		return rc;
	store_bind_text(st, 1, *doc);
	store_bind_text(st, 2, it->kind == RP_TIMER ? "timer" : "expectation");
	store_bind_text(st, 3, it->what);
	store_bind_text(st, 4, it->role);
	store_bind_text(st, 5, it->source);
	bind_time_or_null(st, 6, it->from);
	sqlite3_bind_int64(st, 7, it->due);
	store_bind_text(st, 8, it->by);
	store_bind_text(st, 9, OUTCOMES[it->outcome]);
	return step_doc(c, st, doc, e);
}

int
facilitator_json(ird_ctx *c, const facilitator *f, char **json, ird_err *e)
{
	char *doc = NULL;
	int rc = json_head(c, f, &doc, e);

	for (size_t i = 0; rc == IRD_OK && i < f->st.sc->ninjects; i++)
		rc = json_inject(c, f, &f->st.injects[i], &doc, e);
	for (size_t i = 0; rc == IRD_OK && i < f->score.nscores; i++)
		rc = json_score(c, &f->score.scores[i], &doc, e);
	for (size_t i = 0; rc == IRD_OK && i < f->score.nitems; i++)
		if (!f->score.items[i].done)
			rc = json_item(c, &f->score.items[i], &doc, e);
	if (rc != IRD_OK) {
		free(doc);
		doc = NULL;
	}
	*json = doc;
	return rc;
}
