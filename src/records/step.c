/* step.c - playbook steps of a case. Owns the steps table. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "store/event.h"
#include "records/step.h"

#define STEP_AUDIT_JSON \
	"json_object('case_id', case_id, 'num', num, 'step_key', step_key, 'title', title," \
	" 'phase', phase, 'requires', requires, 'subject_kind', subject_kind, 'subject_id'," \
	" subject_id, 'subject', subject, 'state', state, 'assignee', assignee, 'created_at'," \
	" created_at, 'due_at', due_at, 'started_at', started_at, 'finished_at', finished_at," \
	" 'note', note)"

const audit_table step_audit = {
	"steps",
	"SELECT " STEP_AUDIT_JSON " FROM steps WHERE id = ?1",
	"SELECT id, " STEP_AUDIT_JSON " FROM steps ORDER BY id",
};

#define STEP_COLUMNS \
	"id, case_id, num, subject_id, created_at, coalesce(due_at, 0), coalesce(started_at, 0)," \
	" coalesce(finished_at, 0), step_key, title, phase, requires, subject_kind, subject, state," \
	" assignee, note"

static void
row_from_stmt(sqlite3_stmt *st, step_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	r->num = sqlite3_column_int64(st, 2);
	r->subject_id = sqlite3_column_int64(st, 3);
	r->created_at = sqlite3_column_int64(st, 4);
	r->due_at = sqlite3_column_int64(st, 5);
	r->started_at = sqlite3_column_int64(st, 6);
	r->finished_at = sqlite3_column_int64(st, 7);
	r->key = (const char *)sqlite3_column_text(st, 8);
	r->title = (const char *)sqlite3_column_text(st, 9);
	r->phase = (const char *)sqlite3_column_text(st, 10);
	r->requires = (const char *)sqlite3_column_text(st, 11);
	r->subject_kind = (const char *)sqlite3_column_text(st, 12);
	r->subject = (const char *)sqlite3_column_text(st, 13);
	r->state = (const char *)sqlite3_column_text(st, 14);
	r->assignee = (const char *)sqlite3_column_text(st, 15);
	r->note = (const char *)sqlite3_column_text(st, 16);
}

/* Title for one subject: "Isolate the infected host: PC-0427". */
static void
subject_title(const pb_step *s, const step_subject *subj, char *buf, size_t len)
{
	if (subj && subj->label && *subj->label && s->per != PB_PER_CASE)
		text_snprintf(buf, len, "%s: %s", s->title, subj->label);
	else
		text_snprintf(buf, len, "%s", s->title);
}

static int
insert_step(ird_ctx *c, int64_t case_id, const pb_step *s, const step_subject *subj,
            int64_t due_at, int64_t *id, ird_err *e)
{
	static const char sql[] =
		"INSERT INTO steps (case_id, num, step_key, title, phase, requires, subject_kind,"
		" subject_id, subject, state, created_at, due_at)"
		" VALUES (?1, (SELECT coalesce(max(num), 0) + 1 FROM steps WHERE case_id = ?1),"
		" ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending', ?9, ?10)";
	int per_subject = subj && s->per != PB_PER_CASE;
	char title[600];
	sqlite3_stmt *st;
	int rc;

	subject_title(s, subj, title, sizeof(title));
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, s->id);
	store_bind_text(st, 3, title);
	store_bind_text(st, 4, s->phase);
	store_bind_text(st, 5, pb_requires_name(s->requires));
	store_bind_text(st, 6, per_subject ? subj->kind : "");
	sqlite3_bind_int64(st, 7, per_subject ? subj->id : 0);
	store_bind_text(st, 8, per_subject ? subj->label : NULL);
	sqlite3_bind_int64(st, 9, clock_now(&c->clock));
	if (due_at)
		sqlite3_bind_int64(st, 10, due_at);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot create the step"))) != IRD_OK)
		return rc;
	*id = store_last_rowid(c->store);
	return audit_record(c, "step.new", &step_audit, *id, e);
}

static int
existing_step(ird_ctx *c, int64_t case_id, const pb_step *s, const step_subject *subj,
              int64_t *id, ird_err *e)
{
	static const char sql[] = "SELECT id FROM steps WHERE case_id = ?1 AND step_key = ?2"
		" AND subject_kind = ?3 AND subject_id = ?4";
	int per_subject = subj && s->per != PB_PER_CASE;
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, s->id);
	store_bind_text(st, 3, per_subject ? subj->kind : "");
	sqlite3_bind_int64(st, 4, per_subject ? subj->id : 0);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? IRD_OK
	                                           : store_fail(c->store, e, N_("cannot read steps"));
	sqlite3_reset(st);
	return rc;
}

int
step_create_tx(ird_ctx *c, int64_t case_id, const pb_step *s, const step_subject *subj,
               int64_t due_at, int64_t *id, int *created, ird_err *e)
{
	char text[800], when[40];
	step_row r;
	int rc;

	*created = 0;
	if ((rc = existing_step(c, case_id, s, subj, id, e)) != IRD_OK || *id)
		return rc;
	if ((rc = insert_step(c, case_id, s, subj, due_at, id, e)) != IRD_OK)
		return rc;
	*created = 1;
	if ((rc = step_get(c, *id, &r, e)) != IRD_OK)
		return rc;
	if (due_at) {
		clock_format_utc(due_at, when, sizeof(when));
		text_snprintf(text, sizeof(text), "step %lld: %s (due %s)", (long long)r.num, r.title, when);
	} else {
		text_snprintf(text, sizeof(text), "step %lld: %s", (long long)r.num, r.title);
	}
	step_row_free(&r);
	return event_add_tx(c, case_id, 0, "step", text, e);
}

/* A step reference that is a number: "3" or "#3". */
static int
ref_number(const char *ref, int64_t *num)
{
	const char *p = ref[0] == '#' ? ref + 1 : ref;
	char *end;
	long long v;

	if (!isdigit((unsigned char)*p))
		return 0;
	v = strtoll(p, &end, 10);
	if (*end || v <= 0)
		return 0;
	*num = v;
	return 1;
}

int
step_find(ird_ctx *c, int64_t case_id, const char *ref, int64_t *id, ird_err *e)
{
	static const char by_num[] = "SELECT id FROM steps WHERE case_id = ?1 AND num = ?2";
	static const char by_key[] = "SELECT id FROM steps WHERE case_id = ?1 AND (step_key = ?2"
		" OR step_key || '/' || subject = ?2 OR step_key || ':' || subject = ?2) LIMIT 2";
	sqlite3_stmt *st;
	int64_t num;
	int rc, found = 0, isnum = ref && ref_number(ref, &num);

	if (!ref || !*ref)
		return ird_fail(e, IRD_EUSAGE, _("which step? (its number, or its key)"));
	if ((rc = store_stmt(c->store, isnum ? by_num : by_key, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	if (isnum)
		sqlite3_bind_int64(st, 2, num);
	else
		store_bind_text(st, 2, ref);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		found++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(c->store, e, N_("cannot read steps"));
	if (found == 0)
		return ird_fail(e, IRD_ENOTFOUND, _("no step \"%s\" in this case (see irdesk step list)"),
		                ref);
	if (found > 1)
		return ird_fail(e, IRD_EUSAGE, _("step \"%s\" is ambiguous: give its number or"
		                " KEY/SUBJECT (see irdesk step list)"), ref);
	return IRD_OK;
}

/* The strings of a row that a get makes its own. */
#define STEP_ROW_STRINGS(r) \
	{ &(r)->key, &(r)->title, &(r)->phase, &(r)->requires, &(r)->subject_kind, \
	  &(r)->subject, &(r)->state, &(r)->assignee, &(r)->note }
#define STEP_ROW_STRINGS_COUNT 9

static void
fill_row(void *row, sqlite3_stmt *st)
{
	row_from_stmt(st, row);
}

int
step_get(ird_ctx *c, int64_t id, step_row *row, ird_err *e)
{
	static const char sql[] = "SELECT " STEP_COLUMNS " FROM steps WHERE id = ?1";
	const char **const own[] = STEP_ROW_STRINGS(row);

	memset(row, 0, sizeof(*row));
	return store_get(c->store, sql, id, fill_row, row, own, STEP_ROW_STRINGS_COUNT,
	                 "no such step", e);
}

void
step_row_free(step_row *row)
{
	const char **const own[] = STEP_ROW_STRINGS(row);

	store_free_strings(own, STEP_ROW_STRINGS_COUNT);
	memset(row, 0, sizeof(*row));
}

/* One state change: SQL (constant) with ?1 id, ?2 text, and ?3 now if used. */
static int
update_step(ird_ctx *c, const char *sql, int64_t id, const char *text, const char *action,
            ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, text);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int64(st, 3, clock_now(&c->clock));
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot change the step"))) != IRD_OK)
		return rc;
	return audit_record(c, action, &step_audit, id, e);
}

static const struct {
	const char *audit, *sql, *verb;
} CHANGES[] = {
	[STEP_CH_START] = { "step.start", "UPDATE steps SET state = 'doing', started_at = ?3,"
	                 " assignee = coalesce(assignee, ?2) WHERE id = ?1", "started" },
	[STEP_CH_DONE] = { "step.done", "UPDATE steps SET state = 'done', finished_at = ?3, note = ?2"
	                " WHERE id = ?1", "done" },
	[STEP_CH_SKIP] = { "step.skip", "UPDATE steps SET state = 'skipped', finished_at = ?3,"
	                " note = ?2 WHERE id = ?1", "skipped" },
	[STEP_CH_ASSIGN] = { "step.assign", "UPDATE steps SET assignee = ?2 WHERE id = ?1",
	                  "assigned to" },
};

const char *
step_change_verb(enum step_change ch)
{
	return CHANGES[ch].verb;
}

static int
blank(const char *s)
{
	return !s || strspn(s, " \t\r\n") == strlen(s);
}

int
step_check_text(enum step_change ch, const char *text, ird_err *e)
{
	if (ch == STEP_CH_SKIP && blank(text))
		return ird_fail(e, IRD_EUSAGE, _("skipping a step needs a reason (--reason TEXT)"));
	if (ch == STEP_CH_ASSIGN && blank(text))
		return ird_fail(e, IRD_EUSAGE, _("assign the step to whom?"));
	return IRD_OK;
}

int
step_check_change(const step_row *r, enum step_change ch, ird_err *e)
{
	int finished = strcmp(r->state, "done") == 0 || strcmp(r->state, "skipped") == 0;

	if (finished && ch != STEP_CH_ASSIGN)
		return ird_fail(e, IRD_EFAIL, _("step %lld is already %s"), (long long)r->num, r->state);
	if (ch == STEP_CH_START && strcmp(r->state, "doing") == 0)
		return ird_fail(e, IRD_EFAIL, _("step %lld is already started"), (long long)r->num);
	return IRD_OK;
}

int
step_change_tx(ird_ctx *c, const step_row *r, enum step_change ch, const char *text,
               ird_err *e)
{
	char line[1400];
	int rc;

	if ((rc = step_check_text(ch, text, e)) != IRD_OK ||
	    (rc = step_check_change(r, ch, e)) != IRD_OK ||
	    (rc = update_step(c, CHANGES[ch].sql, r->id, ch == STEP_CH_START ? c->actor : text,
	                      CHANGES[ch].audit, e)) != IRD_OK)
		return rc;
	text_snprintf(line, sizeof(line), "step %lld %s%s%s: %s", (long long)r->num, CHANGES[ch].verb,
	         ch == STEP_CH_ASSIGN ? " " : "", ch == STEP_CH_ASSIGN ? text : "", r->title);
	if ((ch == STEP_CH_DONE || ch == STEP_CH_SKIP) && text && *text)
		text_snprintf(line + strlen(line), sizeof(line) - strlen(line), " (%s)", text);
	return event_add_tx(c, r->case_id, 0, "step", line, e);
}

struct step_visit {
	int (*fn)(void *arg, const step_row *row);
	void *arg;
};

/* One row of step_each's listing, handed to the caller's function. */
static int
step_visit_row(void *arg, sqlite3_stmt *st)
{
	struct step_visit *v = arg;
	step_row r;

	row_from_stmt(st, &r);
	return v->fn(v->arg, &r);
}

int
step_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const step_row *s), void *arg,
          ird_err *e)
{
	static const char sql[] = "SELECT " STEP_COLUMNS " FROM steps WHERE case_id = ?1 ORDER BY num";
	struct step_visit v = { fn, arg };

	return store_each(c->store, sql, case_id, step_visit_row, &v, N_("cannot read steps"), e);
}

#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"

int
step_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e)
{
	static const char sql[] =
		"SELECT json_group_array(json(j)) FROM (SELECT json_object('num', num, 'key', step_key,"
		" 'title', title, 'phase', phase, 'requires', requires,"
		" 'subject_kind', nullif(subject_kind, ''), 'subject', subject, 'state', state,"
		" 'assignee', assignee, 'created_at', " ISO("created_at") ","
		" 'due_at', " ISO("due_at") ", 'started_at', " ISO("started_at") ","
		" 'finished_at', " ISO("finished_at") ", 'note', note) AS j"
		" FROM steps WHERE case_id = ?1 ORDER BY num)";

	return store_query_json_array(c->store, sql, case_id, json, e);
}
