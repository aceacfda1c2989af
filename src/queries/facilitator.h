/* facilitator.h - what the facilitator of a tabletop exercise watches:
 * the exercise clock (running, paused, ended, speed), the injects
 * released and pending (the next one marked), the live score (on time,
 * late, missed, pending, per role and overall) and the items still open
 * (expectations and timers not yet done), as one read model for the
 * terminal UI's facilitator's screen and `exercise status --json`.
 *
 * It only reads: release the injects that are due first (exercise_tick),
 * as the front-ends do. C must be on the REAL clock; the score is taken
 * on the exercise's story time. */
#ifndef IRDESK_FACILITATOR_H
#define IRDESK_FACILITATOR_H

#include <stddef.h>
#include <stdint.h>

#include "actions/exercise.h"
#include "queries/report.h"
#include "store/ctx.h"

typedef struct facilitator {
	exercise_status st;   /* clock, speed, state, every inject */
	report score;         /* the report at story time: score.scores, score.items */
	int64_t real_now;     /* the real clock when read */
	size_t next;          /* the next pending inject (1-based), 0: none */
} facilitator;

/* Read case CASE_ID's exercise into F (IRD_ENOTFOUND: not an exercise).
 * Free with facilitator_free. */
int facilitator_read(ird_ctx *c, int64_t case_id, facilitator *f, ird_err *e);
void facilitator_free(facilitator *f);

/* "running", "paused" or "ended". */
const char *facilitator_state(const facilitator *f);

/* The story time at real time REAL: what F's clock shows then (it stands
 * still when paused or ended). */
int64_t facilitator_story_at(const facilitator *f, int64_t real);

/* F as one JSON object, built by SQLite's JSON functions (malloc'd in
 * *JSON): the shape `irdesk exercise status --json` prints. */
int facilitator_json(ird_ctx *c, const facilitator *f, char **json, ird_err *e);

#endif
