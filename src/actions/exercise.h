/* exercise.h - running a tabletop exercise: start it from a scenario,
 * release its injects as the simulated clock passes them (exactly once,
 * whichever process gets there first), pause, resume, jump, end.
 *
 * For front-ends (CLI, `watch`, the terminal UI's loop):
 * - call exercise_enter() when working on a case: it releases the injects
 *   that are due and switches the ctx clock to the exercise's story time,
 *   so every timer, deadline and recorded time follows the exercise clock;
 * - call exercise_tick_all() once per refresh to release due injects of
 *   every running exercise;
 * - exercise_status() gives the facilitator's view: clock, speed, paused,
 *   injects released and pending (queries/report.h gives the live score).
 * Every function takes C with the REAL clock (never an exercise clock). */
#ifndef IRDESK_ACTIONS_EXERCISE_H
#define IRDESK_ACTIONS_EXERCISE_H

#include <stddef.h>
#include <stdint.h>

#include "base/playbook.h"
#include "base/scenario.h"
#include "records/case.h"
#include "store/ctx.h"

/* Start SC as a new exercise case (EX-YYYY-NNNN, opened at the story
 * start, under PB if not NULL) running SPEED times real time; TITLE NULL:
 * the scenario's title. Releases what is due at once (background injects). */
int exercise_start(ird_ctx *c, const scenario *sc, const playbook *pb, int64_t speed,
                   const char *title, int64_t *case_id, char hid[CASE_HID_LEN], ird_err *e);

/* Release the due, unreleased injects of case CASE_ID's exercise, in order;
 * *RELEASED (may be NULL) gets how many this call released. A case that is
 * no exercise: nothing. */
int exercise_tick(ird_ctx *c, int64_t case_id, int *released, ird_err *e);

/* The same for every running exercise. */
int exercise_tick_all(ird_ctx *c, int *released, ird_err *e);

/* Tick case CASE_ID, then put C's clock on its story time when it is an
 * exercise (*IS_EXERCISE 1; may be NULL). REAL is the real clock to use
 * (a copy of C's clock taken before the first enter). */
int exercise_enter(ird_ctx *c, const ird_clock *real, int64_t case_id, int *is_exercise,
                   ird_err *e);

/* The facilitator's controls; each one transaction, audited, on the
 * timeline. Jump moves the story forward to TO (never back). */
int exercise_pause(ird_ctx *c, int64_t case_id, ird_err *e);
int exercise_resume(ird_ctx *c, int64_t case_id, ird_err *e);
int exercise_set_speed(ird_ctx *c, int64_t case_id, int64_t speed, ird_err *e);
int exercise_jump(ird_ctx *c, int64_t case_id, int64_t to, ird_err *e);
int exercise_end(ird_ctx *c, int64_t case_id, ird_err *e);

/* Release inject NO (1-based; 0: the next unreleased one) now, early.
 * *WHICH (may be NULL) gets its number. Already released: IRD_EFAIL. */
int exercise_release(ird_ctx *c, int64_t case_id, size_t no, size_t *which, ird_err *e);

/* One inject as the facilitator sees it. */
typedef struct exercise_inject_state {
	size_t no;          /* 1-based */
	const char *id, *title;
	long long at_s;     /* offset */
	int64_t due;        /* story time it is due */
	int released, early;
	int64_t released_at; /* story time; 0 if not released */
} exercise_inject_state;

/* The state of an exercise. */
typedef struct exercise_status {
	char hid[CASE_HID_LEN];
	scenario *sc;       /* the scenario as started */
	int64_t story_now, story_start, speed, started_at, ended_at;
	int paused, ended;
	size_t released;    /* of sc->ninjects */
	exercise_inject_state *injects; /* sc->ninjects of them */
} exercise_status;

/* Read the status of case CASE_ID's exercise (IRD_ENOTFOUND: not an
 * exercise). Free with exercise_status_free. */
int exercise_status_get(ird_ctx *c, int64_t case_id, exercise_status *st, ird_err *e);
void exercise_status_free(exercise_status *st);

/* Parse a jump target: ISO-8601, or "T+10d" from the story start. */
int exercise_parse_time(const char *s, int64_t story_start, int64_t *out, ird_err *e);

#endif
