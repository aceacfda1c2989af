/* exercise.h - tabletop exercises: one row per exercise case holding its
 * simulated clock, and the injects released into it (each exactly once).
 * Owns the exercises and exercise_injects tables. Never fires triggers. */
#ifndef IRDESK_EXERCISE_H
#define IRDESK_EXERCISE_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"

extern const audit_table exercise_audit;
extern const audit_table exercise_inject_audit;

#define EXERCISE_MAX_SPEED 100000

typedef struct exercise_row {
	int64_t id, case_id, story_start, speed, anchor_real, anchor_story;
	int64_t started_at, ended_at, ended_story; /* ended_*: 0 while running */
	int paused;
	const char *scenario, *scenario_text, *case_hid;
} exercise_row;

typedef struct exercise_inject_row {
	int64_t no, released_at, released_real;
	int early;
	const char *inject_id, *released_by;
} exercise_inject_row;

/* Create the exercise of case CASE_ID (inside the caller's transaction). */
int exercise_create_tx(ird_ctx *c, int64_t case_id, const char *scenario, const char *text,
                       int64_t story_start, int64_t speed, int64_t real_now, int64_t *id,
                       ird_err *e);

/* The exercise of case CASE_ID into ROW (strings owned: exercise_row_free);
 * *FOUND 0 when the case has none (ROW then zeroed). */
int exercise_get_by_case(ird_ctx *c, int64_t case_id, exercise_row *row, int *found,
                         ird_err *e);
void exercise_row_free(exercise_row *row);

/* Store a new clock state (inside the caller's transaction): the story reads
 * ANCHOR_STORY at real ANCHOR_REAL, at SPEED, PAUSED or not. ACTION names the
 * change in the audit trail ("exercise.pause"...). */
int exercise_set_clock_tx(ird_ctx *c, int64_t id, int64_t anchor_real, int64_t anchor_story,
                          int64_t speed, int paused, const char *action, ird_err *e);

/* End the exercise at real END_REAL, story END_STORY (caller's transaction). */
int exercise_end_tx(ird_ctx *c, int64_t id, int64_t end_real, int64_t end_story, ird_err *e);

/* Record inject NO (its scenario id INJECT_ID) as released at story time AT
 * (caller's write transaction). *FRESH 0 when it was released before: then
 * nothing is written and the caller must roll back what it added. */
int exercise_release_tx(ird_ctx *c, int64_t id, int64_t no, const char *inject_id, int64_t at,
                        int64_t real_now, int early, int *fresh, ird_err *e);

/* Call FN for each released inject, in release order; FN returns 0 to go on. */
int exercise_inject_each(ird_ctx *c, int64_t id,
                         int (*fn)(void *arg, const exercise_inject_row *r), void *arg,
                         ird_err *e);

/* Call FN with the case id of each running (not ended) exercise. */
int exercise_each_running(ird_ctx *c, int (*fn)(void *arg, int64_t case_id), void *arg,
                          ird_err *e);

#endif
