/* exercise_clock.h - the simulated clock of an exercise: its story time
 * from the stored state and the real clock, and the clock every action on
 * an exercise case must use. */
#ifndef IRDESK_EXERCISE_CLOCK_H
#define IRDESK_EXERCISE_CLOCK_H

#include <stdint.h>

#include "records/exercise.h"
#include "store/ctx.h"

/* Story time of X at real time REAL: standing still when paused or ended,
 * else ANCHOR_STORY + (REAL - ANCHOR_REAL) * SPEED. */
int64_t exercise_clock_story(const exercise_row *x, int64_t real);

/* The first real time at which X's story time reaches STORY (the inverse
 * of exercise_clock_story); 0 when it never will (paused or ended). */
int64_t exercise_clock_real_at(const exercise_row *x, int64_t story);

/* The clock for actions on case CASE_ID at real clock REAL: for an
 * exercise case a fixed clock at its story time (*IS_EXERCISE 1), else
 * REAL itself (*IS_EXERCISE 0). IS_EXERCISE may be NULL. */
int exercise_clock_for_case(ird_ctx *c, const ird_clock *real, int64_t case_id, ird_clock *out,
                            int *is_exercise, ird_err *e);

#endif
