/* exercise_view.h - the facilitator's screen of a tabletop exercise: the
 * exercise clock (story time, T+ offset, running / paused / ended,
 * speed), the injects released (and when) and pending (the next one
 * marked), the live score per role and overall, and the items still
 * open; keys to release an inject (the next, or one by its number),
 * pause, resume, set the speed, jump the clock and end the exercise.
 *
 * It reads through queries/facilitator.h and writes through the same
 * actions as `irdesk exercise ...`, on the real clock. It releases the
 * injects that fall due while it is on screen, and while the clock runs
 * it repaints each second (re-reading when an inject or a deadline falls
 * due); paused, ended or on a fixed --now it only wakes for other
 * processes' writes. Its modal scope is the real cases (as the
 * dashboard's): the exercise's own timers are the team's, not the
 * facilitator's. */
#ifndef IRDESK_UI_EXERCISE_VIEW_H
#define IRDESK_UI_EXERCISE_VIEW_H

#include <stdint.h>

#include "ui/ui.h"

extern const ui_view_ops ui_exercise_view; /* ARG: a const int64_t * case id */

/* Open the facilitator's screen of case CASE_ID (the row id); a case that
 * is no exercise says so in the status bar. When the screen below is
 * that case's screen reached from it, Enter there goes back to it rather
 * than stacking another. */
int ui_open_exercise(ui_app *app, int64_t case_id);

/* A key handler for a screen whose view has case_id set (the case
 * screen): the facilitator's screen of that case, or back to it when it
 * is the screen below. */
void ui_exercise_key(ui_app *app, ui_view *v, int key);

#endif
