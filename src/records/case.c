/* case.c - incident cases. Owns the cases table. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <uuid/uuid.h>

#include "base/i18n.h"
#include "base/text.h"
#include "records/case.h"
#include "store/event.h"
#include "base/vocab.h"

#define CASE_AUDIT_JSON \
	"json_object('uuid', uuid, 'hid', hid, 'year', year, 'seq', seq, 'title', title," \
	" 'severity', severity, 'status', status, 'tlp', tlp, 'opened_at', opened_at," \
	" 'detected_at', detected_at, 'closed_at', closed_at, 'lead', lead," \
	" 'exercise', exercise, 'personal_data', personal_data, 'cause', cause," \
	" 'playbook_id', playbook_id, 'created_by', created_by)"

const audit_table case_audit = {
	"cases",
	"SELECT " CASE_AUDIT_JSON " FROM cases WHERE id = ?1",
	"SELECT id, " CASE_AUDIT_JSON " FROM cases ORDER BY id",
};

#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"

/* The public JSON shape of a case; field names are documented in irdesk(1). */
#define CASE_PUBLIC_JSON \
	"json_object('id', c.hid, 'uuid', c.uuid, 'title', c.title, 'severity', c.severity," \
	" 'status', c.status, 'tlp', c.tlp, 'opened_at', " ISO("c.opened_at") "," \
	" 'detected_at', " ISO("c.detected_at") ", 'closed_at', " ISO("c.closed_at") "," \
	" 'lead', c.lead, 'exercise', json(iif(c.exercise, 'true', 'false'))," \
	" 'personal_data', json(iif(c.personal_data, 'true', 'false')), 'cause', c.cause," \
	" 'playbook', (SELECT name FROM playbook_copies p WHERE p.id = c.playbook_id)," \
	" 'created_by', c.created_by)"

static const char *const SEVERITIES[] = { "low", "medium", "high", "critical", NULL };
static const char *const STATUSES[] = {
	"open", "contained", "eradicated", "recovered", "closed", NULL
};
static const char *const TLPS[] = { "clear", "green", "amber", "amber+strict", "red", NULL };

int
case_check_severity(const char *s, ird_err *e)
{
	return vocab_check(SEVERITIES, N_("severity"), s, e);
}

int
case_check_status(const char *s, ird_err *e)
{
	return vocab_check(STATUSES, N_("status"), s, e);
}

int
case_check_tlp(const char *s, ird_err *e)
{
	return vocab_check(TLPS, N_("TLP"), s, e);
}

int
case_check_cause(const char *s, ird_err *e)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > 64 || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
		return ird_fail(e, IRD_EUSAGE, _("invalid cause \"%s\" (one word of a-z, 0-9 and -,"
		                " e.g. unauthorised-access)"), s ? s : "");
	return IRD_OK;
}

int
case_severity_rank(const char *s)
{
	return vocab_index(SEVERITIES, s);
}

static int
check_title(const char *title, ird_err *e)
{
	if (!title || !*title)
		return ird_fail(e, IRD_EUSAGE, _("a case needs a title"));
	if (strlen(title) > 1000)
		return ird_fail(e, IRD_EUSAGE, _("the title is longer than 1000 bytes"));
	return IRD_OK;
}

static int
check_spec(const case_spec *spec, ird_err *e)
{
	int rc = check_title(spec->title, e);

	if (rc == IRD_OK && spec->severity)
		rc = case_check_severity(spec->severity, e);
	if (rc == IRD_OK && spec->tlp)
		rc = case_check_tlp(spec->tlp, e);
	return rc;
}

/* Next sequence number within the year: IR-YYYY-NNNN. */
static int
next_seq(ird_ctx *c, int year, int64_t *seq, ird_err *e)
{
	return store_query_int(c->store, "SELECT coalesce(max(seq), 0) + 1 FROM cases"
	                       " WHERE year = ?1", year, seq, N_("no case number"), N_("cannot number the case"),
	                       e);
}

int
case_create_tx(ird_ctx *c, const case_spec *spec, int64_t *id, char hid[CASE_HID_LEN],
               ird_err *e)
{
	static const char sql[] =
		"INSERT INTO cases (uuid, hid, year, seq, title, severity, status, tlp, opened_at,"
		" detected_at, lead, exercise, playbook_id, created_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	int64_t opened = spec->opened_at ? spec->opened_at : clock_now(&c->clock);
	time_t t = (time_t)opened;
	char uuid[37], text[64];
	struct tm tm;
	int64_t seq = 0;
	uuid_t u;
	sqlite3_stmt *st;
	int rc;

	if ((rc = check_spec(spec, e)) != IRD_OK)
		return rc;
	if (!gmtime_r(&t, &tm))
		return ird_fail(e, IRD_EUSAGE, _("invalid opening time"));
	if ((rc = next_seq(c, tm.tm_year + 1900, &seq, e)) != IRD_OK)
		return rc;
	uuid_generate_random(u);
	uuid_unparse_lower(u, uuid);
	text_snprintf(hid, CASE_HID_LEN, "%s-%04d-%04lld", spec->exercise ? "EX" : "IR", tm.tm_year + 1900,
	              (long long)seq);
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	store_bind_text(st, 1, uuid);
	store_bind_text(st, 2, hid);
	sqlite3_bind_int(st, 3, tm.tm_year + 1900);
	sqlite3_bind_int64(st, 4, seq);
	store_bind_text(st, 5, spec->title);
	store_bind_text(st, 6, spec->severity ? spec->severity : "medium");
	store_bind_text(st, 7, spec->tlp ? spec->tlp : "amber");
	sqlite3_bind_int64(st, 8, opened);
	if (spec->detected_at)
		sqlite3_bind_int64(st, 9, spec->detected_at);
	store_bind_text(st, 10, spec->lead);
	sqlite3_bind_int(st, 11, spec->exercise ? 1 : 0);
	if (spec->playbook_id)
		sqlite3_bind_int64(st, 12, spec->playbook_id);
	store_bind_text(st, 13, c->actor);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot create the case"))) != IRD_OK)
		return rc;
	*id = store_last_rowid(c->store);
	if ((rc = audit_record(c, "case.new", &case_audit, *id, e)) != IRD_OK)
		return rc;
	text_snprintf(text, sizeof(text), "case opened, severity %s",
	         spec->severity ? spec->severity : "medium");
	return event_add_tx(c, *id, opened, "change", text, e);
}

int
case_resolve(ird_ctx *c, const char *ref, int64_t *id, ird_err *e)
{
	static const char sql[] = "SELECT id FROM cases WHERE hid = ?1 OR uuid = lower(?1)";
	char key[64];
	sqlite3_stmt *st;
	size_t n = ref ? strlen(ref) : 0;
	int rc;

	if (n == 0 || n >= sizeof(key))
		return ird_fail(e, IRD_EUSAGE, _("invalid case id \"%s\""), ref ? ref : "");
	for (size_t i = 0; i <= n; i++)
		key[i] = (char)toupper((unsigned char)ref[i]);
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	store_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return IRD_OK;
	if (rc == SQLITE_DONE)
		return ird_fail(e, IRD_ENOTFOUND, _("no case \"%s\""), ref);
	return store_fail(c->store, e, N_("cannot find the case"));
}

static void
row_from_stmt(sqlite3_stmt *st, case_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->uuid = (const char *)sqlite3_column_text(st, 1);
	r->hid = (const char *)sqlite3_column_text(st, 2);
	r->title = (const char *)sqlite3_column_text(st, 3);
	r->severity = (const char *)sqlite3_column_text(st, 4);
	r->status = (const char *)sqlite3_column_text(st, 5);
	r->tlp = (const char *)sqlite3_column_text(st, 6);
	r->opened_at = sqlite3_column_int64(st, 7);
	r->detected_at = sqlite3_column_int64(st, 8);
	r->closed_at = sqlite3_column_int64(st, 9);
	r->lead = (const char *)sqlite3_column_text(st, 10);
	r->exercise = sqlite3_column_int(st, 11);
	r->personal_data = sqlite3_column_int(st, 12);
	r->cause = (const char *)sqlite3_column_text(st, 13);
	r->playbook_id = sqlite3_column_int64(st, 14);
}

#define ROW_COLUMNS \
	"id, uuid, hid, title, severity, status, tlp, opened_at, detected_at, closed_at," \
	" lead, exercise, personal_data, cause, playbook_id"

/* The strings of a row that a get makes its own. */
#define CASE_ROW_STRINGS(r) \
	{ &(r)->uuid, &(r)->hid, &(r)->title, &(r)->severity, &(r)->status, &(r)->tlp, \
	  &(r)->lead, &(r)->cause }
#define CASE_ROW_STRINGS_COUNT 8

static void
fill_row(void *row, sqlite3_stmt *st)
{
	row_from_stmt(st, row);
}

int
case_get(ird_ctx *c, int64_t id, case_row *row, ird_err *e)
{
	static const char sql[] = "SELECT " ROW_COLUMNS " FROM cases WHERE id = ?1";
	const char **const own[] = CASE_ROW_STRINGS(row);

	memset(row, 0, sizeof(*row));
	return store_get(c->store, sql, id, fill_row, row, own, CASE_ROW_STRINGS_COUNT,
	                 "no such case", e);
}

void
case_row_free(case_row *row)
{
	const char **const own[] = CASE_ROW_STRINGS(row);

	store_free_strings(own, CASE_ROW_STRINGS_COUNT);
	memset(row, 0, sizeof(*row));
}

/* Write one column of the case (SQL chosen from constants by the caller). */
static int
update_text(ird_ctx *c, const char *sql, int64_t id, const char *value, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	store_bind_text(st, 1, value);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_bind_parameter_count(st) >= 3) /* only status uses the time */
		sqlite3_bind_int64(st, 3, clock_now(&c->clock));
	return store_exec_stmt(c->store, st, e, N_("cannot change the case"));
}

static int
same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

struct field_change {
	const char *name;     /* for the timeline */
	const char *sql;      /* UPDATE with ?1 value, ?2 id, ?3 now */
	const char *old_value, *new_value;
};

/* Apply one field change: write, audit, and say so on the timeline. */
static int
apply_field(ird_ctx *c, int64_t id, const struct field_change *f, ird_err *e)
{
	char text[1200];
	int rc;

	if (!f->new_value || same(f->old_value, f->new_value))
		return IRD_OK;
	if ((rc = update_text(c, f->sql, id, f->new_value, e)) != IRD_OK)
		return rc;
	if ((rc = audit_record(c, "case.set", &case_audit, id, e)) != IRD_OK)
		return rc;
	text_snprintf(text, sizeof(text), "%s changed from %s to %s", f->name,
	         f->old_value ? f->old_value : "(none)", f->new_value);
	return event_add_tx(c, id, 0, "change", text, e);
}

static int
check_change(const case_change *ch, ird_err *e)
{
	int rc = IRD_OK;

	if (ch->status)
		rc = case_check_status(ch->status, e);
	if (rc == IRD_OK && ch->severity)
		rc = case_check_severity(ch->severity, e);
	if (rc == IRD_OK && ch->tlp)
		rc = case_check_tlp(ch->tlp, e);
	if (rc == IRD_OK && ch->title)
		rc = check_title(ch->title, e);
	if (rc == IRD_OK && ch->cause)
		rc = case_check_cause(ch->cause, e);
	return rc;
}

int
case_change_tx(ird_ctx *c, int64_t id, const case_change *ch, int *old_sev, ird_err *e)
{
	const char *pd = ch->personal_data < 0 ? NULL : ch->personal_data ? "yes" : "no";
	case_row r;
	int rc;

	if ((rc = check_change(ch, e)) != IRD_OK || (rc = case_get(c, id, &r, e)) != IRD_OK)
		return rc;
	if (old_sev)
		*old_sev = case_severity_rank(r.severity);
	{
		const struct field_change fields[] = {
			{ "title", "UPDATE cases SET title = ?1 WHERE id = ?2",
			  r.title, ch->title },
			{ "severity", "UPDATE cases SET severity = ?1 WHERE id = ?2",
			  r.severity, ch->severity },
			{ "status", "UPDATE cases SET status = ?1, closed_at = iif(?1 = 'closed', ?3, NULL)"
			  " WHERE id = ?2", r.status, ch->status },
			{ "lead", "UPDATE cases SET lead = ?1 WHERE id = ?2",
			  r.lead, ch->lead },
			{ "TLP", "UPDATE cases SET tlp = ?1 WHERE id = ?2",
			  r.tlp, ch->tlp },
			{ "cause", "UPDATE cases SET cause = ?1 WHERE id = ?2",
			  r.cause, ch->cause },
			{ "personal data", "UPDATE cases SET personal_data = (?1 = 'yes')"
			  " WHERE id = ?2", r.personal_data ? "yes" : "no", pd },
		};

		for (size_t i = 0; rc == IRD_OK && i < sizeof(fields) / sizeof(fields[0]); i++)
			rc = apply_field(c, id, &fields[i], e);
	}
	case_row_free(&r);
	return rc;
}

int
case_set_playbook_tx(ird_ctx *c, int64_t id, int64_t playbook_id, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, "UPDATE cases SET playbook_id = ?1 WHERE id = ?2", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, playbook_id);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot set the playbook"))) != IRD_OK)
		return rc;
	return audit_record(c, "case.playbook", &case_audit, id, e);
}

int
case_show_json(ird_ctx *c, int64_t id, char **json, ird_err *e)
{
	static const char sql[] = "SELECT " CASE_PUBLIC_JSON " FROM cases c WHERE c.id = ?1";
	char *obj = NULL, *events = NULL;
	int rc;

	*json = NULL;
	if ((rc = store_query_text(c->store, sql, id, &obj, e)) != IRD_OK)
		return rc;
	if (!obj)
		return ird_fail(e, IRD_ENOTFOUND, _("no such case"));
	rc = event_timeline_json(c, id, &events, e);
	if (rc == IRD_OK)
		rc = store_json_set(c->store, obj, "events", events ? events : "[]", json, e);
	free(obj);
	free(events);
	return rc;
}

int
case_list_json(ird_ctx *c, int all, char **json, ird_err *e)
{
	/* Two texts, not "?1 OR ...": the planner needs the literal condition
	 * to use the partial index of open cases. */
	static const char open_sql[] =
		"SELECT json_group_array(json(j)) FROM (SELECT " CASE_PUBLIC_JSON " AS j"
		" FROM cases c WHERE c.status <> 'closed' AND c.exercise = ?1 ORDER BY c.opened_at DESC, c.id DESC)";
	static const char all_sql[] =
		"SELECT json_group_array(json(j)) FROM (SELECT " CASE_PUBLIC_JSON " AS j"
		" FROM cases c WHERE c.exercise = ?1 ORDER BY c.opened_at DESC, c.id DESC)";
	return store_query_json_array(c->store, (all & CASE_LIST_ALL) ? all_sql : open_sql,
	                              (all & CASE_LIST_EXERCISES) ? 1 : 0, json, e);
}

int
case_each(ird_ctx *c, int all, int (*fn)(void *arg, const case_row *row), void *arg,
          ird_err *e)
{
	static const char open_sql[] = "SELECT " ROW_COLUMNS " FROM cases"
		" WHERE status <> 'closed' AND exercise = ?1 ORDER BY opened_at DESC, id DESC";
	static const char all_sql[] = "SELECT " ROW_COLUMNS " FROM cases"
		" WHERE exercise = ?1 ORDER BY opened_at DESC, id DESC";
	sqlite3_stmt *st;
	case_row r;
	int rc;

	if ((rc = store_stmt(c->store, (all & CASE_LIST_ALL) ? all_sql : open_sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int(st, 1, (all & CASE_LIST_EXERCISES) ? 1 : 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row_from_stmt(st, &r);
		if (fn(arg, &r) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	rc = rc == SQLITE_DONE ? IRD_OK : store_fail(c->store, e, N_("cannot list cases"));
	sqlite3_reset(st);
	return rc;
}
