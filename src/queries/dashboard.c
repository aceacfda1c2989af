/* dashboard.c - the urgency-ordered queue of open cases, a window at a time. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queries/dashboard.h"

/* ?1 now, ?2 closed too, ?3 exercise too, ?4 mine (NULL: all), ?5 text
 * (lower-cased; NULL: all). Each open case's next deadline and overdue
 * count come from its open timers (the timers_due index), once per case. */
#define DUE_CTE \
	"WITH due AS (SELECT case_id, MIN(due_at) AS next_due, SUM(due_at < ?1) AS overdue" \
	" FROM timers INDEXED BY timers_due WHERE state IN ('pending', 'fired')" \
	" GROUP BY case_id) "
/* Two variants, so that the usual one (open cases) reads the partial
 * index cases_open rather than every case: ?2 is 1 in the other. */
#define ONLY_OPEN "c.status <> 'closed'"
#define ANY_STATUS "?2"
#define FROM_WHERE(STATUS) \
	" FROM cases c LEFT JOIN due d ON d.case_id = c.id" \
	" WHERE " STATUS " AND (?3 OR c.exercise = 0)" \
	" AND (?4 IS NULL OR c.lead = ?4 OR EXISTS (SELECT 1 FROM steps s" \
	"      WHERE s.case_id = c.id AND s.assignee = ?4))" \
	" AND (?5 IS NULL OR instr(lower(c.hid), ?5) OR instr(lower(c.title), ?5)" \
	"      OR instr(lower(ifnull(c.lead, '')), ?5) OR EXISTS (SELECT 1 FROM indicators i" \
	"      WHERE i.case_id = c.id AND (instr(i.normal, ?5) OR instr(lower(i.raw), ?5))))"
/* Overdue first (the earliest due on top), then the nearest deadline,
 * then severity, then the newest. */
#define URGENCY \
	"d.next_due IS NULL, d.next_due," \
	" CASE c.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2" \
	" ELSE 3 END, c.opened_at DESC, c.id DESC"
#define ROW_COLS \
	"c.id, c.hid, c.severity, c.status, c.tlp, c.title, c.lead, c.exercise, c.opened_at," \
	" ifnull(d.next_due, 0), ifnull(d.overdue, 0), count(*) OVER ()"

/* The last activity is read for the window's rows only (events_case). */
#define WINDOW(STATUS) \
	"SELECT w.*, (SELECT MAX(e.happened_at) FROM events e WHERE e.case_id = w.id)" \
	" FROM (" DUE_CTE "SELECT " ROW_COLS FROM_WHERE(STATUS) " ORDER BY " URGENCY \
	" LIMIT ?6 OFFSET ?7) w"
#define TOTAL(STATUS) DUE_CTE "SELECT count(*)" FROM_WHERE(STATUS)
#define POSITION(STATUS) \
	"SELECT pos FROM (" DUE_CTE "SELECT c.id AS id, row_number() OVER (ORDER BY " URGENCY \
	") - 1 AS pos" FROM_WHERE(STATUS) ") WHERE id = ?8"
static const char SQL_WINDOW[] = WINDOW(ONLY_OPEN);
static const char SQL_WINDOW_ALL[] = WINDOW(ANY_STATUS);
static const char SQL_TOTAL[] = TOTAL(ONLY_OPEN);
static const char SQL_TOTAL_ALL[] = TOTAL(ANY_STATUS);
static const char SQL_POSITION[] = POSITION(ONLY_OPEN);
static const char SQL_POSITION_ALL[] = POSITION(ANY_STATUS);
static const char SQL_CASE[] =
	"SELECT w.*, (SELECT MAX(e.happened_at) FROM events e WHERE e.case_id = w.id)"
	" FROM (" DUE_CTE "SELECT " ROW_COLS
	" FROM cases c LEFT JOIN due d ON d.case_id = c.id WHERE c.id = ?2) w";
static const char SQL_COUNTS[] =
	"SELECT count(*), ifnull(sum(severity = 'critical'), 0), ifnull(sum(severity = 'high'), 0),"
	" ifnull(sum(severity = 'medium'), 0), ifnull(sum(severity = 'low'), 0),"
	" (SELECT count(DISTINCT t.case_id) FROM timers t JOIN cases k ON k.id = t.case_id"
	"  WHERE t.state IN ('pending', 'fired') AND t.due_at < ?1 AND k.status <> 'closed'"
	"  AND (?2 OR k.exercise = 0)),"
	" (SELECT count(*) FROM timers t JOIN cases k ON k.id = t.case_id"
	"  WHERE t.state IN ('pending', 'fired') AND t.due_at < ?1 AND k.status <> 'closed'"
	"  AND (?2 OR k.exercise = 0))"
	" FROM cases WHERE status <> 'closed' AND (?2 OR exercise = 0)";
static const char SQL_NEXT_DUE_ALL[] =
	"SELECT ifnull(MIN(t.due_at), 0) FROM timers t JOIN cases k ON k.id = t.case_id"
	" WHERE t.state IN ('pending', 'fired') AND t.due_at >= ?1 AND k.status <> 'closed'";
static const char SQL_NEXT_DUE_CASE[] =
	"SELECT ifnull(MIN(due_at), 0) FROM timers"
	" WHERE case_id = ?2 AND state IN ('pending', 'fired') AND due_at >= ?1";

/* Copy at most LEN-1 bytes of S, never cutting a UTF-8 sequence. */
static void
copy_utf8(char *dst, size_t len, const unsigned char *s)
{
	size_t n = s ? strlen((const char *)s) : 0;

	if (n >= len) {
		n = len - 1;
		while (n > 0 && (s[n] & 0xc0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, s, n);
	dst[n] = '\0';
}

static void
fill_row(sqlite3_stmt *st, dash_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	copy_utf8(r->hid, sizeof(r->hid), sqlite3_column_text(st, 1));
	copy_utf8(r->severity, sizeof(r->severity), sqlite3_column_text(st, 2));
	copy_utf8(r->status, sizeof(r->status), sqlite3_column_text(st, 3));
	copy_utf8(r->tlp, sizeof(r->tlp), sqlite3_column_text(st, 4));
	copy_utf8(r->title, sizeof(r->title), sqlite3_column_text(st, 5));
	copy_utf8(r->lead, sizeof(r->lead), sqlite3_column_text(st, 6));
	r->exercise = sqlite3_column_int(st, 7);
	r->opened_at = sqlite3_column_int64(st, 8);
	r->next_due = sqlite3_column_int64(st, 9);
	r->overdue = sqlite3_column_int64(st, 10);
	r->last_activity = sqlite3_column_int64(st, 12);
}

/* Bind the filter: the text lower-cased (ASCII; other scripts as typed). */
static int
bind_filter(ird_ctx *c, sqlite3_stmt *st, const dash_filter *f, char **lower)
{
	*lower = NULL;
	sqlite3_bind_int64(st, 1, clock_now(&c->clock));
	sqlite3_bind_int(st, 2, f->closed);
	sqlite3_bind_int(st, 3, f->exercise);
	store_bind_text(st, 4, f->mine && *f->mine ? f->mine : NULL);
	if (f->text && *f->text) {
		if (!(*lower = strdup(f->text)))
			return -1;
		for (char *p = *lower; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		sqlite3_bind_text(st, 5, *lower, -1, SQLITE_STATIC);
	}
	return 0;
}

int
dashboard_window(ird_ctx *c, const dash_filter *f, int64_t offset, int limit, dash_row *rows,
                 int *n, int64_t *total, ird_err *e)
{
	sqlite3_stmt *st;
	char *lower;
	int rc;

	*n = 0;
	if ((rc = store_stmt(c->store, f->closed ? SQL_WINDOW_ALL : SQL_WINDOW, &st, e)) != IRD_OK)
		return rc;
	if (bind_filter(c, st, f, &lower) != 0)
		return ird_fail(e, IRD_EFAIL, "out of memory");
	sqlite3_bind_int(st, 6, limit);
	sqlite3_bind_int64(st, 7, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < limit) {
		if (*n == 0 && total)
			*total = sqlite3_column_int64(st, 11);
		fill_row(st, &rows[(*n)++]);
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? IRD_OK
	                                           : store_fail(c->store, e, "cannot read the dashboard");
	sqlite3_reset(st);
	free(lower);
	/* No row at this offset: the total needs a query of its own. */
	if (rc == IRD_OK && *n == 0 && total)
		rc = dashboard_total(c, f, total, e);
	return rc;
}

/* Step ST for one integer into *OUT (DEFLT when there is no row). */
static int
one_int(ird_ctx *c, sqlite3_stmt *st, int64_t *out, int64_t deflt, ird_err *e)
{
	int rc = sqlite3_step(st);

	*out = deflt;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? IRD_OK
	                                           : store_fail(c->store, e, "cannot read the dashboard");
	sqlite3_reset(st);
	return rc;
}

int
dashboard_total(ird_ctx *c, const dash_filter *f, int64_t *total, ird_err *e)
{
	sqlite3_stmt *st;
	char *lower;
	int rc;

	if ((rc = store_stmt(c->store, f->closed ? SQL_TOTAL_ALL : SQL_TOTAL, &st, e)) != IRD_OK)
		return rc;
	if (bind_filter(c, st, f, &lower) != 0)
		return ird_fail(e, IRD_EFAIL, "out of memory");
	rc = one_int(c, st, total, 0, e);
	free(lower);
	return rc;
}

int
dashboard_position(ird_ctx *c, const dash_filter *f, int64_t case_id, int64_t *pos,
                   ird_err *e)
{
	sqlite3_stmt *st;
	char *lower;
	int rc;

	if ((rc = store_stmt(c->store, f->closed ? SQL_POSITION_ALL : SQL_POSITION, &st, e)) != IRD_OK)
		return rc;
	if (bind_filter(c, st, f, &lower) != 0)
		return ird_fail(e, IRD_EFAIL, "out of memory");
	sqlite3_bind_int64(st, 8, case_id);
	rc = one_int(c, st, pos, -1, e);
	free(lower);
	return rc;
}

int
dashboard_counts(ird_ctx *c, int exercise, dash_counts *out, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_stmt(c->store, SQL_COUNTS, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, clock_now(&c->clock));
	sqlite3_bind_int(st, 2, exercise);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->open = sqlite3_column_int64(st, 0);
		for (int i = 0; i < 4; i++)
			out->sev[i] = sqlite3_column_int64(st, 1 + i);
		out->overdue_cases = sqlite3_column_int64(st, 5);
		out->overdue_timers = sqlite3_column_int64(st, 6);
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? IRD_OK
	                                           : store_fail(c->store, e, "cannot count cases");
	sqlite3_reset(st);
	return rc;
}

int
dashboard_case(ird_ctx *c, int64_t case_id, dash_row *row, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(row, 0, sizeof(*row));
	if ((rc = store_stmt(c->store, SQL_CASE, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, clock_now(&c->clock));
	sqlite3_bind_int64(st, 2, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		fill_row(st, row);
	if (rc == SQLITE_DONE)
		rc = ird_fail(e, IRD_ENOTFOUND, "no such case");
	else
		rc = rc == SQLITE_ROW ? IRD_OK : store_fail(c->store, e, "cannot read the case");
	sqlite3_reset(st);
	return rc;
}

int
dashboard_next_due(ird_ctx *c, int64_t case_id, int64_t *due, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	rc = store_stmt(c->store, case_id ? SQL_NEXT_DUE_CASE : SQL_NEXT_DUE_ALL, &st, e);
	if (rc != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, clock_now(&c->clock));
	if (case_id)
		sqlite3_bind_int64(st, 2, case_id);
	return one_int(c, st, due, 0, e);
}

const char *
dashboard_sql(const char *which)
{
	static const struct { const char *name, *sql; } all[] = {
		{ "window", SQL_WINDOW }, { "total", SQL_TOTAL }, { "counts", SQL_COUNTS },
		{ "case", SQL_CASE }, { "position", SQL_POSITION },
	};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(all[i].name, which) == 0)
			return all[i].sql;
	return NULL;
}
