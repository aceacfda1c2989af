/* case.h - the case screen's parts, shared by ui/case_*.c only: the
 * screen's state, its tabs (ui/case_tabs.c reads what each shows) and
 * the forms of every action on a case (ui/case_forms.c).
 *
 * A tab is a list with a cursor. Only the tab on screen is read, in the
 * view's recalc, through the record readers (step_each, event_each...);
 * switching tabs re-reads the new one. A row keeps its cells as text
 * already formatted (drawn through ui/draw.h: sanitised, width-aware)
 * and what the forms need to act on it (its id, number, reference). */
#ifndef IRDESK_UI_CASE_H
#define IRDESK_UI_CASE_H

#include <stdint.h>

#include "base/ioc_normalize.h"
#include "records/case.h"
#include "ui/draw.h"
#include "ui/ui.h"

#define CS_COLS 7 /* cells a row has at most */

enum cs_tab {
	CS_STEPS,
	CS_TIMERS,
	CS_TIMELINE,
	CS_INDICATORS,
	CS_BLOCKS,
	CS_ASSETS,
	CS_EVIDENCE,
	CS_NOTIFY,
	CS_DECISIONS,
	CS_NTABS
};

typedef struct cs_row {
	int64_t id;        /* the record's row id: step, timer, event, indicator... */
	int64_t num;       /* its number in the case where it has one (step #, E#) */
	char ref[320];     /* what an action names it by: "3", a host, "E2", a value */
	char extra[128];   /* what a form prefills: a timer's role, an asset's site */
	char state[24];    /* its state word where it has one */
	enum ui_role role; /* how the row is drawn */
	int64_t due;       /* an open deadline: counted down when drawn; 0 none */
	int due_col;       /* the cell that shows it (with DUE) */
	int64_t key;       /* a windowed tab's order (an event's happened_at), with ID */
	char *cell[CS_COLS];
	char *detail;      /* more for Enter (may be NULL): a note, a custody chain */
} cs_row;

typedef struct case_screen {
	int64_t id;        /* the case's row id */
	case_row c;        /* the header's case, read in every recalc */
	int64_t overdue;   /* its open timers past due */
	int64_t now;       /* the clock when last read */
	int tab;           /* enum cs_tab on screen */
	cs_row *rows;      /* the tab's rows */
	int nrows, cap;
	int oom;           /* a row could not be kept */
	int cur[CS_NTABS], top[CS_NTABS]; /* cursor and first row shown, per tab */
	int64_t sel[CS_NTABS];            /* the record under the cursor: followed */
	int seen[CS_NTABS];               /* the tab has been shown (cursor placed) */
	ioc_normalizer *norm;             /* made on first use (ioc add, block) */
	/* A windowed tab (the timeline) holds only a window of its rows,
	 * read around an anchor: its start, its end, or the record (KEY, ID)
	 * with the cursor STEPS rows from it. */
	enum { CS_AT_END, CS_AT_START, CS_AT_KEY } anchor;
	int64_t anchor_key, anchor_id;
	int anchor_steps;
	int anchor_wanted;           /* a move past the window set the anchor */
	int more_before, more_after; /* rows beyond the window */
	int at_tail;                 /* the cursor is on the very last row */
	int page;                    /* rows the list shows */
	int64_t sel_key[CS_NTABS];   /* the key of the record under the cursor */
} case_screen;

typedef struct cs_tab_def {
	const char *name;
	const ui_column *cols;
	int ncols;
	/* Read the tab's rows into CS (cs_add_row). */
	int (*fetch)(ui_app *app, case_screen *cs, ird_err *e);
	int start_at_end; /* the cursor starts on the last row (the timeline) */
	int windowed;     /* FETCH reads a window around cs->anchor (more_before/after) */
} cs_tab_def;

extern const cs_tab_def cs_tabs[CS_NTABS];

/* A new empty row for record ID at the end of CS's rows; NULL (and
 * CS->oom set) when out of memory. A deadline put in DUE / DUE_COL is
 * counted down and coloured at each draw, so it stays true between
 * reads. */
cs_row *cs_add_row(case_screen *cs, int64_t id);

/* Set cell COL of R (printf-like). */
void cs_cell(case_screen *cs, cs_row *r, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Append to R's detail text (printf-like), a line at a time. */
void cs_detail(case_screen *cs, cs_row *r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Free the rows of CS. */
void cs_rows_clear(case_screen *cs);

/* The row under the cursor, or NULL when the tab is empty. */
const cs_row *cs_selected(const case_screen *cs);

/* "2026-12-01 18:30" of T in the local time zone (TZ), "-" for 0. */
void cs_time(int64_t t, char *buf, size_t len);

/* The screen's normaliser, made on first use; NULL with E filled. */
const ioc_normalizer *cs_normalizer(case_screen *cs, ird_err *e);

/* The forms and actions (ui/case_forms.c): each reads what it needs
 * from the screen, asks, writes through the action the CLI calls, then
 * calls ui_changed(). Handlers of the case screen's key tables. */
void cs_log_form(ui_app *app, ui_view *v, int key);
void cs_case_form(ui_app *app, ui_view *v, int key);
void cs_close_case(ui_app *app, ui_view *v, int key);
void cs_step_start(ui_app *app, ui_view *v, int key);
void cs_step_done(ui_app *app, ui_view *v, int key);
void cs_step_skip(ui_app *app, ui_view *v, int key);
void cs_step_assign(ui_app *app, ui_view *v, int key);
void cs_timer_override(ui_app *app, ui_view *v, int key);
void cs_notify_form(ui_app *app, ui_view *v, int key);
void cs_ioc_form(ui_app *app, ui_view *v, int key);
void cs_block_form(ui_app *app, ui_view *v, int key);
void cs_block_activate(ui_app *app, ui_view *v, int key);
void cs_block_lift(ui_app *app, ui_view *v, int key);
void cs_asset_add(ui_app *app, ui_view *v, int key);
void cs_asset_set(ui_app *app, ui_view *v, int key);
void cs_evidence_add(ui_app *app, ui_view *v, int key);
void cs_evidence_transfer(ui_app *app, ui_view *v, int key);
void cs_evidence_verify(ui_app *app, ui_view *v, int key);
void cs_decide_form(ui_app *app, ui_view *v, int key);

#endif
