/* dashboard.h - the team lead's queue: open cases most urgent first
 * (overdue timers first, most overdue on top, then the nearest deadline,
 * then severity), read a window of rows at a time, with the counts the
 * header shows. A read model: it reads cases, timers, steps, indicators
 * and events, and writes nothing. */
#ifndef IRDESK_DASHBOARD_H
#define IRDESK_DASHBOARD_H

#include <stdint.h>

#include "records/exercise.h"
#include "store/ctx.h"

typedef struct dash_filter {
	const char *text; /* NULL/"": all; else a substring of id, title, lead or an indicator */
	const char *mine; /* NULL: all; else cases this person leads or has a step assigned */
	int closed;       /* 1: closed cases too */
	int exercise;     /* 1: exercise cases too (hidden by default) */
} dash_filter;

typedef struct dash_row {
	int64_t id, opened_at, next_due, last_activity; /* next_due 0: no open timer */
	int64_t overdue;                                /* open timers past due */
	int exercise;
	int has_clock;       /* an exercise case's row: its times are on CLOCK */
	exercise_row clock;  /* its exercise's clock (numbers only; no strings) */
	char hid[24], severity[12], status[12], tlp[16];
	char title[400], lead[96]; /* cut on a character boundary */
} dash_row;

typedef struct dash_counts {
	int64_t open, overdue_cases, overdue_timers;
	int64_t sev[4]; /* critical, high, medium, low */
} dash_counts;

/* Up to LIMIT rows of the queue from OFFSET into ROWS; *N gets how many
 * and *TOTAL (may be NULL) how many cases the filter gives in all. Reads
 * only the window's rows (the due cases, then the cases_queue index). */
int dashboard_window(ird_ctx *c, const dash_filter *f, int64_t offset, int limit,
                     dash_row *rows, int *n, int64_t *total, ird_err *e);

/* The time R's deadlines and activity are measured against at real time
 * REAL: an exercise case's story time (its own clock), else REAL. A row
 * of dashboard_window with exercise cases shown is ordered and counted
 * (overdue) at this time; the header's counts too (dashboard_counts). */
int64_t dashboard_row_now(const dash_row *r, int64_t real);

/* How many cases the filter gives. */
int dashboard_total(ird_ctx *c, const dash_filter *f, int64_t *total, ird_err *e);

/* The place (0-based) of CASE_ID in the queue, -1 if the filter hides it. */
int dashboard_position(ird_ctx *c, const dash_filter *f, int64_t case_id, int64_t *pos,
                       ird_err *e);

/* The header's counts over open (not closed) cases; EXERCISE 0 leaves
 * exercise cases out. */
int dashboard_counts(ird_ctx *c, int exercise, dash_counts *out, ird_err *e);

/* One case as a queue row (for the case screen's header). */
int dashboard_case(ird_ctx *c, int64_t case_id, dash_row *row, ird_err *e);

/* The next deadline after now of an open timer: of CASE_ID, or of every
 * open case if 0 (a running exercise's on its own clock, as the real time
 * its story reaches it); *DUE 0 when there is none. (The UI wakes then.) */
int dashboard_next_due(ird_ctx *c, int64_t case_id, int64_t *due, ird_err *e);

/* The SQL text behind the functions above (open cases), for the
 * benchmark's raw comparison: "window_due" (the window's cases with an
 * open timer), "count_due" (how many, when the window starts past them),
 * "window_queue" (the rest of the window), "total", "counts", "position",
 * "case"; NULL otherwise. Bound as the functions bind them: ?1 now, ?2
 * closed, ?3 exercise, ?4 mine, ?5 LIKE pattern, ?6 limit, ?7 offset,
 * ?8 case id ("case": ?1 now, ?2 case id). */
const char *dashboard_sql(const char *which);

#endif
