/* exercise_clock.c - story time of an exercise. */
#include "config.h"

#include "engine/exercise_clock.h"

int64_t
exercise_clock_story(const exercise_row *x, int64_t real)
{
	if (x->ended_at)
		return x->ended_story;
	if (x->paused || real <= x->anchor_real)
		return x->anchor_story;
	return x->anchor_story + (real - x->anchor_real) * x->speed;
}

int64_t
exercise_clock_real_at(const exercise_row *x, int64_t story)
{
	if (x->ended_at || x->paused || x->speed < 1)
		return 0;
	if (story <= x->anchor_story)
		return x->anchor_real;
	return x->anchor_real + (story - x->anchor_story + x->speed - 1) / x->speed;
}

int
exercise_clock_for_case(ird_ctx *c, const ird_clock *real, int64_t case_id, ird_clock *out,
                        int *is_exercise, ird_err *e)
{
	exercise_row x;
	int found, rc;

	*out = *real;
	if (is_exercise)
		*is_exercise = 0;
	if ((rc = exercise_get_by_case(c, case_id, &x, &found, e)) != IRD_OK || !found)
		return rc;
	out->fixed = 1;
	out->now = exercise_clock_story(&x, clock_now(real));
	if (is_exercise)
		*is_exercise = 1;
	exercise_row_free(&x);
	return IRD_OK;
}
