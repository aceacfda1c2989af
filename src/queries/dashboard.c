/* dashboard.c - the urgency-ordered queue of open cases, a window at a time. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "engine/exercise_clock.h"
#include "queries/dashboard.h"

/* The queue is two parts, each read only as far as the window needs:
 *   due:   the cases with an open timer (from the timers_due index: as
 *          many as there are open timers), by their next deadline (the
 *          overdue ones first, the most overdue on top), then severity,
 *          the newest first; sorted, but small;
 *   queue: every other case, by severity, the newest first, read in the
 *          order of the cases_queue index (schema/006) with LIMIT/OFFSET,
 *          never sorted (with closed cases shown, sorted). No INDEXED BY:
 *          SQLite picks it (the order is its), and a store without it
 *          still works, sorting.
 * Together: overdue first, then the nearest deadline, then severity.
 *
 * ?1 now, ?2 closed too, ?3 exercise too, ?4 mine (NULL: all), ?5 text
 * as a LIKE pattern ('%text%', escaped with \; NULL: all), ?6 limit, ?7
 * offset, ?8 a case (position), ?9 (the _X statements, exercise cases
 * shown) each exercise case's story now (below). The text is matched by
 * LIKE: ASCII letters in either case, other characters as typed. */
#define DUE_CTE \
	"WITH due AS (SELECT case_id, MIN(due_at) AS next_due, SUM(due_at < ?1) AS overdue" \
	" FROM timers INDEXED BY timers_due WHERE state IN ('pending', 'fired')" \
	" GROUP BY case_id) "
/* The severity rank exactly as schema/006's indexes write it. */
#define SEV \
	"(CASE c.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2" \
	" ELSE 3 END)"
#define NO_OPEN_TIMER \
	"NOT EXISTS (SELECT 1 FROM timers t WHERE t.case_id = c.id" \
	" AND t.state IN ('pending', 'fired'))"
/* Two variants, so that the usual one (open cases) reads the partial
 * indexes of open cases rather than every case: ?2 is 1 in the other. */
#define ONLY_OPEN "c.status <> 'closed'"
#define ANY_STATUS "?2"
#define FILTERS \
	" AND (?3 OR c.exercise = 0)" \
	" AND (?4 IS NULL OR c.lead = ?4 OR EXISTS (SELECT 1 FROM steps s" \
	"      WHERE s.case_id = c.id AND s.assignee = ?4))" \
	" AND (?5 IS NULL OR c.hid LIKE ?5 ESCAPE '\\' OR c.title LIKE ?5 ESCAPE '\\'" \
	"      OR c.lead LIKE ?5 ESCAPE '\\' OR EXISTS (SELECT 1 FROM indicators i" \
	"      WHERE i.case_id = c.id AND (i.normal LIKE ?5 ESCAPE '\\'" \
	"      OR i.raw LIKE ?5 ESCAPE '\\')))"
#define DUE_FROM(STATUS) " FROM due d JOIN cases c ON c.id = d.case_id WHERE " STATUS FILTERS
#define QUEUE_FROM(STATUS) " FROM cases c WHERE " STATUS " AND " NO_OPEN_TIMER FILTERS
#define DUE_ORDER "d.next_due, " SEV ", c.opened_at DESC, c.id DESC"
/* With exercise cases shown (the _X statements), each exercise case is on
 * its own clock: ?9 is a JSON object of each exercise case's story now
 * (by case id), computed in C by exercise_clock_story (the one formula).
 * Its row's overdue count is counted at that time, and its place is its
 * next deadline moved onto the real clock (deadline - story now + real
 * now): overdue on its own clock, it sorts among the overdue by how late
 * it is. A real case's row and place are as above (ROW_NOW is ?1). */
#define ROW_NOW(C) \
	"(CASE WHEN " C ".exercise THEN ifnull((SELECT j.value FROM json_each(?9) j" \
	" WHERE j.key = " C ".id), ?1) ELSE ?1 END)"
#define DUE_KEY_X "(d.next_due - " ROW_NOW("c") " + ?1)"
#define DUE_ORDER_X DUE_KEY_X ", " SEV ", c.opened_at DESC, c.id DESC"
#define OVERDUE_X \
	"(CASE WHEN c.exercise THEN (SELECT count(*) FROM timers t WHERE t.case_id = c.id" \
	" AND t.state IN ('pending', 'fired') AND t.due_at < " ROW_NOW("c") ") ELSE d.overdue END)"
#define QUEUE_ORDER SEV ", c.opened_at DESC, c.id DESC"
#define COLS \
	"c.id, c.hid, c.severity, c.status, c.tlp, c.title, c.lead, c.exercise, c.opened_at"
/* The last activity is read for the window's rows only (events_case). */
#define LAST_ACTIVITY "(SELECT MAX(e.happened_at) FROM events e WHERE e.case_id = w.id)"

#define WINDOW_DUE_OF(STATUS, OVERDUE, ORDER) \
	"SELECT w.*, " LAST_ACTIVITY " FROM (" DUE_CTE "SELECT " COLS ", d.next_due, " OVERDUE \
	DUE_FROM(STATUS) " ORDER BY " ORDER " LIMIT ?6 OFFSET ?7) w"
#define WINDOW_DUE(STATUS) WINDOW_DUE_OF(STATUS, "d.overdue", DUE_ORDER)
#define WINDOW_DUE_X(STATUS) WINDOW_DUE_OF(STATUS, OVERDUE_X, DUE_ORDER_X)
#define COUNT_DUE(STATUS) DUE_CTE "SELECT count(*)" DUE_FROM(STATUS)
#define WINDOW_QUEUE(STATUS) \
	"SELECT w.*, " LAST_ACTIVITY " FROM (SELECT " COLS ", 0, 0" QUEUE_FROM(STATUS) \
	" ORDER BY " QUEUE_ORDER " LIMIT ?6 OFFSET ?7) w"
/* Every case the filter gives (both parts at once: no timer needed). */
#define TOTAL(STATUS) "SELECT count(*) FROM cases c WHERE " STATUS FILTERS
/* The place of case ?8: the due cases before it, or all of them and the
 * queue's cases before it; no row when the filter hides it. */
#define POSITION_OF(STATUS, KEY) \
	DUE_CTE ", x AS (SELECT c.id, " KEY " AS nd, " SEV " AS sv, c.opened_at AS oa" \
	" FROM cases c LEFT JOIN due d ON d.case_id = c.id WHERE c.id = ?8 AND " STATUS FILTERS ")" \
	" SELECT CASE WHEN x.nd IS NOT NULL THEN (SELECT count(*)" DUE_FROM(STATUS) \
	"  AND (" KEY ", " SEV ", -c.opened_at, -c.id) < (x.nd, x.sv, -x.oa, -x.id))" \
	" ELSE (SELECT count(*)" DUE_FROM(STATUS) ") + (SELECT count(*)" QUEUE_FROM(STATUS) \
	"  AND (" SEV ", -c.opened_at, -c.id) < (x.sv, -x.oa, -x.id)) END FROM x"
#define POSITION(STATUS) POSITION_OF(STATUS, "d.next_due")
#define POSITION_X(STATUS) POSITION_OF(STATUS, DUE_KEY_X)

static const char SQL_WINDOW_DUE[] = WINDOW_DUE(ONLY_OPEN);
static const char SQL_WINDOW_DUE_ALL[] = WINDOW_DUE(ANY_STATUS);
static const char SQL_WINDOW_DUE_X[] = WINDOW_DUE_X(ONLY_OPEN);
static const char SQL_WINDOW_DUE_ALL_X[] = WINDOW_DUE_X(ANY_STATUS);
static const char SQL_COUNT_DUE[] = COUNT_DUE(ONLY_OPEN);
static const char SQL_COUNT_DUE_ALL[] = COUNT_DUE(ANY_STATUS);
static const char SQL_WINDOW_QUEUE[] = WINDOW_QUEUE(ONLY_OPEN);
static const char SQL_WINDOW_QUEUE_ALL[] = WINDOW_QUEUE(ANY_STATUS);
static const char SQL_TOTAL[] = TOTAL(ONLY_OPEN);
static const char SQL_TOTAL_ALL[] = TOTAL(ANY_STATUS);
static const char SQL_POSITION[] = POSITION(ONLY_OPEN);
static const char SQL_POSITION_ALL[] = POSITION(ANY_STATUS);
static const char SQL_POSITION_X[] = POSITION_X(ONLY_OPEN);
static const char SQL_POSITION_ALL_X[] = POSITION_X(ANY_STATUS);
static const char SQL_CASE[] =
	"SELECT w.*, " LAST_ACTIVITY " FROM (" DUE_CTE "SELECT " COLS ","
	" ifnull(d.next_due, 0), ifnull(d.overdue, 0)"
	" FROM cases c LEFT JOIN due d ON d.case_id = c.id WHERE c.id = ?2) w";
/* The header: open cases by severity, each an index range of cases_queue
 * (no case read), and the overdue cases and timers (from timers_due). */
#define SEV_COUNT(N) \
	" (SELECT count(*) FROM cases c WHERE c.status <> 'closed'" \
	"  AND " SEV " = " N " AND (?2 OR c.exercise = 0))"
#define COUNTS_OF(NOW) \
	"SELECT" SEV_COUNT("0") "," SEV_COUNT("1") "," SEV_COUNT("2") "," SEV_COUNT("3") "," \
	" (SELECT count(DISTINCT t.case_id) FROM timers t JOIN cases k ON k.id = t.case_id" \
	"  WHERE t.state IN ('pending', 'fired') AND t.due_at < " NOW " AND k.status <> 'closed'" \
	"  AND (?2 OR k.exercise = 0))," \
	" (SELECT count(*) FROM timers t JOIN cases k ON k.id = t.case_id" \
	"  WHERE t.state IN ('pending', 'fired') AND t.due_at < " NOW " AND k.status <> 'closed'" \
	"  AND (?2 OR k.exercise = 0))"
static const char SQL_COUNTS[] = COUNTS_OF("?1");
/* With exercise cases (?2 1): each exercise case's timers on its clock. */
static const char SQL_COUNTS_X[] = COUNTS_OF(ROW_NOW("k"));
static const char SQL_NEXT_DUE_ALL[] =
	"SELECT ifnull(MIN(t.due_at), 0) FROM timers t JOIN cases k ON k.id = t.case_id"
	" WHERE t.state IN ('pending', 'fired') AND t.due_at >= ?1 AND k.status <> 'closed'"
	" AND k.exercise = 0"; /* an exercise's deadlines: on its clock (below) */
static const char SQL_NEXT_DUE_CASE[] =
	"SELECT ifnull(MIN(due_at), 0) FROM timers"
	" WHERE case_id = ?2 AND state IN ('pending', 'fired') AND due_at >= ?1";
/* Every exercise's clock (few: one per exercise case), read for the
 * statements that show exercise cases. */
static const char SQL_CLOCKS[] =
	"SELECT case_id, speed, anchor_real, anchor_story, paused, ifnull(ended_at, 0),"
	" ifnull(ended_story, 0) FROM exercises ORDER BY case_id";

/* The exercise clocks of one read, and their story now at its real now as
 * the JSON object ?9 ({"case id": story now, ...}). */
typedef struct xclocks {
	int n;
	exercise_row *v;
	char *json;
} xclocks;

static void
xclocks_free(xclocks *x)
{
	free(x->v);
	free(x->json);
	memset(x, 0, sizeof(*x));
}

/* Read every exercise's clock into X (nothing when SHOWN is 0). */
static int
xclocks_load(ird_ctx *c, int shown, xclocks *x, ird_err *e)
{
	int64_t real = clock_now(&c->clock);
	sqlite3_stmt *st;
	size_t cap = 0, len = 0;
	int rc;

	memset(x, 0, sizeof(*x));
	if (!shown)
		return IRD_OK;
	if ((rc = store_stmt(c->store, SQL_CLOCKS, &st, e)) != IRD_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		exercise_row r = { 0 };

		if (x->n % 16 == 0) {
			exercise_row *v = realloc(x->v, (size_t)(x->n + 16) * sizeof(*v));

			if (!v)
				goto oom;
			x->v = v;
		}
		if (len + 64 > cap) {
			char *j = realloc(x->json, cap = 2 * cap + 256);

			if (!j)
				goto oom;
			x->json = j;
		}
		r.case_id = sqlite3_column_int64(st, 0);
		r.speed = sqlite3_column_int64(st, 1);
		r.anchor_real = sqlite3_column_int64(st, 2);
		r.anchor_story = sqlite3_column_int64(st, 3);
		r.paused = sqlite3_column_int(st, 4);
		r.ended_at = sqlite3_column_int64(st, 5);
		r.ended_story = sqlite3_column_int64(st, 6);
		len += (size_t)snprintf(x->json + len, cap - len, "%c\"%lld\":%lld", x->n ? ',' : '{',
		                        (long long)r.case_id,
		                        (long long)exercise_clock_story(&r, real));
		x->v[x->n++] = r;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		xclocks_free(x);
		return store_fail(c->store, e, _("cannot read the dashboard"));
	}
	if (!x->json && !(x->json = malloc(4)))
		goto oom_done;
	if (x->n)
		strcpy(x->json + len, "}");
	else
		strcpy(x->json, "{}");
	return IRD_OK;
oom:
	sqlite3_reset(st);
oom_done:
	xclocks_free(x);
	return ird_fail(e, IRD_EFAIL, _("out of memory"));
}

/* Give each exercise row of ROWS[FROM..N) its clock from X. */
static void
xclocks_attach(const xclocks *x, dash_row *rows, int from, int n)
{
	for (int i = from; i < n; i++)
		for (int k = 0; rows[i].exercise && k < x->n; k++)
			if (x->v[k].case_id == rows[i].id) {
				rows[i].clock = x->v[k];
				rows[i].has_clock = 1;
			}
}

int64_t
dashboard_row_now(const dash_row *r, int64_t real)
{
	return r->has_clock ? exercise_clock_story(&r->clock, real) : real;
}

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
	r->last_activity = sqlite3_column_int64(st, 11);
	r->has_clock = 0;
}

/* The filter's text as a LIKE pattern: %TEXT%, with \ % and _ escaped
 * by \ (malloc'd). */
static char *
like_pattern(const char *text)
{
	char *p = malloc(2 * strlen(text) + 3), *o = p;

	if (!p)
		return NULL;
	*o++ = '%';
	for (const char *s = text; *s; s++) {
		if (*s == '\\' || *s == '%' || *s == '_')
			*o++ = '\\';
		*o++ = *s;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

/* Bind the filter (?1-?5) and, if ST has it, the exercise clocks X (?9);
 * *PATTERN gets the text's pattern, to free. */
static int
bind_filter(ird_ctx *c, sqlite3_stmt *st, const dash_filter *f, const xclocks *x,
            char **pattern)
{
	*pattern = NULL;
	if (sqlite3_bind_parameter_count(st) >= 9)
		sqlite3_bind_text(st, 9, x && x->json ? x->json : "{}", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 1, clock_now(&c->clock));
	sqlite3_bind_int(st, 2, f->closed);
	sqlite3_bind_int(st, 3, f->exercise);
	store_bind_text(st, 4, f->mine && *f->mine ? f->mine : NULL);
	if (f->text && *f->text) {
		if (!(*pattern = like_pattern(f->text)))
			return -1;
		sqlite3_bind_text(st, 5, *pattern, -1, SQLITE_STATIC);
	}
	return 0;
}

/* Step ST for one integer into *OUT (DEFLT when there is no row). */
static int
one_int(ird_ctx *c, sqlite3_stmt *st, int64_t *out, int64_t deflt, ird_err *e)
{
	int rc = sqlite3_step(st);

	*out = deflt;
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE
	     ? IRD_OK : store_fail(c->store, e, _("cannot read the dashboard"));
	sqlite3_reset(st);
	return rc;
}

/* Up to LIMIT rows of one part (SQL) from OFFSET, appended to ROWS. */
static int
read_part(ird_ctx *c, const char *sql, const dash_filter *f, const xclocks *x, int64_t offset,
          int limit, dash_row *rows, int *n, ird_err *e)
{
	sqlite3_stmt *st;
	char *pattern;
	int rc, from = *n;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	if (bind_filter(c, st, f, x, &pattern) != 0)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	sqlite3_bind_int(st, 6, limit);
	sqlite3_bind_int64(st, 7, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fill_row(st, &rows[(*n)++]);
	rc = rc == SQLITE_DONE ? IRD_OK : store_fail(c->store, e, _("cannot read the dashboard"));
	sqlite3_reset(st);
	free(pattern);
	xclocks_attach(x, rows, from, *n);
	return rc;
}

/* One count (SQL, bound as the filter, ?8 = ID when not 0) into *OUT. */
static int
count_of(ird_ctx *c, const char *sql, const dash_filter *f, const xclocks *x, int64_t id,
         int64_t *out, int64_t deflt, ird_err *e)
{
	sqlite3_stmt *st;
	char *pattern;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	if (bind_filter(c, st, f, x, &pattern) != 0)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (id)
		sqlite3_bind_int64(st, 8, id);
	rc = one_int(c, st, out, deflt, e);
	free(pattern);
	return rc;
}

int
dashboard_window(ird_ctx *c, const dash_filter *f, int64_t offset, int limit, dash_row *rows,
                 int *n, int64_t *total, ird_err *e)
{
	int64_t ndue = 0;
	const char *due_sql;
	xclocks x;
	int rc;

	*n = 0;
	if (offset < 0)
		offset = 0;
	if (limit < 0)
		limit = 0;
	if ((rc = xclocks_load(c, f->exercise, &x, e)) != IRD_OK)
		return rc;
	if (f->exercise)
		due_sql = f->closed ? SQL_WINDOW_DUE_ALL_X : SQL_WINDOW_DUE_X;
	else
		due_sql = f->closed ? SQL_WINDOW_DUE_ALL : SQL_WINDOW_DUE;
	/* The due part from OFFSET; what it leaves of the window, from the queue. */
	rc = read_part(c, due_sql, f, &x, offset, limit, rows, n, e);
	if (rc == IRD_OK && *n < limit) {
		if (*n == 0) /* OFFSET is past the due part: where does the queue start? */
			rc = count_of(c, f->closed ? SQL_COUNT_DUE_ALL : SQL_COUNT_DUE, f, NULL, 0, &ndue,
			              0, e);
		else
			ndue = offset + *n;
		if (rc == IRD_OK)
			rc = read_part(c, f->closed ? SQL_WINDOW_QUEUE_ALL : SQL_WINDOW_QUEUE, f, &x,
			               offset + *n - ndue, limit - *n, rows, n, e);
	}
	xclocks_free(&x);
	if (rc == IRD_OK && total)
		rc = dashboard_total(c, f, total, e);
	return rc;
}

int
dashboard_total(ird_ctx *c, const dash_filter *f, int64_t *total, ird_err *e)
{
	return count_of(c, f->closed ? SQL_TOTAL_ALL : SQL_TOTAL, f, NULL, 0, total, 0, e);
}

int
dashboard_position(ird_ctx *c, const dash_filter *f, int64_t case_id, int64_t *pos,
                   ird_err *e)
{
	const char *sql;
	xclocks x;
	int rc;

	*pos = -1;
	if (case_id <= 0)
		return IRD_OK;
	if ((rc = xclocks_load(c, f->exercise, &x, e)) != IRD_OK)
		return rc;
	if (f->exercise)
		sql = f->closed ? SQL_POSITION_ALL_X : SQL_POSITION_X;
	else
		sql = f->closed ? SQL_POSITION_ALL : SQL_POSITION;
	rc = count_of(c, sql, f, &x, case_id, pos, -1, e);
	xclocks_free(&x);
	return rc;
}

int
dashboard_counts(ird_ctx *c, int exercise, dash_counts *out, ird_err *e)
{
	sqlite3_stmt *st;
	xclocks x;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = xclocks_load(c, exercise, &x, e)) != IRD_OK)
		return rc;
	if ((rc = store_stmt(c->store, exercise ? SQL_COUNTS_X : SQL_COUNTS, &st, e)) != IRD_OK) {
		xclocks_free(&x);
		return rc;
	}
	sqlite3_bind_int64(st, 1, clock_now(&c->clock));
	sqlite3_bind_int(st, 2, exercise);
	if (exercise)
		sqlite3_bind_text(st, 9, x.json, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (int i = 0; i < 4; i++) {
			out->sev[i] = sqlite3_column_int64(st, i);
			out->open += out->sev[i];
		}
		out->overdue_cases = sqlite3_column_int64(st, 4);
		out->overdue_timers = sqlite3_column_int64(st, 5);
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? IRD_OK
	                                           : store_fail(c->store, e,
	                                                        _("cannot count cases"));
	sqlite3_reset(st);
	xclocks_free(&x);
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
		rc = ird_fail(e, IRD_ENOTFOUND, _("no such case"));
	else
		rc = rc == SQLITE_ROW ? IRD_OK : store_fail(c->store, e, _("cannot read the case"));
	sqlite3_reset(st);
	return rc;
}

int
dashboard_next_due(ird_ctx *c, int64_t case_id, int64_t *due, ird_err *e)
{
	int64_t real = clock_now(&c->clock), story, when;
	sqlite3_stmt *st;
	xclocks x;
	int rc;

	rc = store_stmt(c->store, case_id ? SQL_NEXT_DUE_CASE : SQL_NEXT_DUE_ALL, &st, e);
	if (rc != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, real);
	if (case_id)
		sqlite3_bind_int64(st, 2, case_id);
	if ((rc = one_int(c, st, due, 0, e)) != IRD_OK || case_id)
		return rc;
	/* A running exercise's next deadline, on its clock, as a real time. */
	if ((rc = xclocks_load(c, 1, &x, e)) != IRD_OK)
		return rc;
	for (int i = 0; rc == IRD_OK && i < x.n; i++) {
		if (!exercise_clock_real_at(&x.v[i], x.v[i].anchor_story))
			continue; /* paused or ended: its deadlines never come */
		if ((rc = store_stmt(c->store, SQL_NEXT_DUE_CASE, &st, e)) != IRD_OK)
			break;
		sqlite3_bind_int64(st, 1, exercise_clock_story(&x.v[i], real));
		sqlite3_bind_int64(st, 2, x.v[i].case_id);
		if ((rc = one_int(c, st, &story, 0, e)) == IRD_OK && story &&
		    (when = exercise_clock_real_at(&x.v[i], story)) > 0 && (!*due || when < *due))
			*due = when;
	}
	xclocks_free(&x);
	return rc;
}

const char *
dashboard_sql(const char *which)
{
	static const struct { const char *name, *sql; } all[] = {
		{ "window_due", SQL_WINDOW_DUE }, { "count_due", SQL_COUNT_DUE },
		{ "window_queue", SQL_WINDOW_QUEUE }, { "total", SQL_TOTAL },
		{ "counts", SQL_COUNTS }, { "case", SQL_CASE }, { "position", SQL_POSITION },
	};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(all[i].name, which) == 0)
			return all[i].sql;
	return NULL;
}
