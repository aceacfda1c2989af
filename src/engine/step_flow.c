/* step_flow.c - steps with what goes with them: the deadline timer, done
 * at once, finished with the timer satisfied. Over step.c and timer.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "engine/step_rules.h"
#include "records/step.h"
#include "records/timer.h"

/* Finish the step R (read by the caller) with CH and TEXT, checking what
 * a done step requires, and satisfy its deadline timer. */
static int
finish_row(ird_ctx *c, const step_row *r, enum step_change ch, const char *text, ird_err *e)
{
	char why[512] = "", by[48];
	int met = 1, rc;

	if ((rc = step_check_change(r, ch, e)) != IRD_OK)
		return rc;
	if (ch == STEP_CH_DONE && (rc = step_requirement_met(c, r, &met, why, sizeof(why), e)) != IRD_OK)
		return rc;
	if (!met)
		return ird_fail(e, IRD_EFAIL, _("step %lld (%s) cannot be done yet: %s"), (long long)r->num,
		                r->title, why);
	if ((rc = step_change_tx(c, r, ch, text, e)) != IRD_OK)
		return rc;
	text_snprintf(by, sizeof(by), "step %lld %s", (long long)r->num, step_change_verb(ch));
	return timer_satisfy_step_tx(c, r->id, by, e);
}

int
step_finish_tx(ird_ctx *c, int64_t case_id, const char *ref, enum step_change ch,
               const char *text, ird_err *e)
{
	step_row r;
	int64_t id = 0;
	int rc;

	if (ch != STEP_CH_DONE && ch != STEP_CH_SKIP)
		return ird_fail(e, IRD_EFAIL, _("internal error: a step is finished by done or skip"));
	if ((rc = step_find(c, case_id, ref, &id, e)) != IRD_OK || (rc = step_get(c, id, &r, e)))
		return rc;
	rc = finish_row(c, &r, ch, text, e);
	step_row_free(&r);
	return rc;
}

/* A step whose record already exists when it is made is done at once: a
 * new C&C host under a domain that is already blocked (May 18, 2015). */
static int
done_if_met_tx(ird_ctx *c, int64_t id, ird_err *e)
{
	char why[512];
	step_row r;
	int met = 0, rc;

	if ((rc = step_get(c, id, &r, e)) != IRD_OK)
		return rc;
	rc = step_requirement_met(c, &r, &met, why, sizeof(why), e);
	if (rc == IRD_OK && met)
		rc = finish_row(c, &r, STEP_CH_DONE, "the record was already there", e);
	step_row_free(&r);
	return rc;
}

int
step_make_tx(ird_ctx *c, int64_t case_id, const pb_step *s, const step_subject *subj,
             int64_t due_at, int64_t *id, int *created, ird_err *e)
{
	char rule[96];
	timer_spec spec = { 0 };
	int64_t tid;
	int tcreated, rc;

	if ((rc = step_create_tx(c, case_id, s, subj, due_at, id, created, e)) != IRD_OK ||
	    !*created)
		return rc;
	if (due_at) {
		/* The deadline is a timer too, so it is watched like any other. */
		text_snprintf(rule, sizeof(rule), "step:%s", s->id);
		spec.rule = rule;
		spec.step_id = *id;
		spec.trigger = "step";
		spec.due_at = due_at;
		if ((rc = timer_create_tx(c, case_id, &spec, &tid, &tcreated, e)) != IRD_OK)
			return rc;
	}
	return s->requires == PB_REQ_NONE ? IRD_OK : done_if_met_tx(c, *id, e);
}

/* The open steps waiting for one requirement, by number (no fixed cap). */
struct waiting {
	const char *requires;
	int64_t *nums;
	size_t n, cap;
	int oom;
};

static int
collect_waiting(void *arg, const step_row *s)
{
	struct waiting *w = arg;

	if (strcmp(s->requires, w->requires) != 0 ||
	    (strcmp(s->state, "pending") != 0 && strcmp(s->state, "doing") != 0))
		return 0;
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 8;
		int64_t *p = realloc(w->nums, cap * sizeof(*p));

		if (!p) {
			w->oom = 1;
			return 1;
		}
		w->nums = p;
		w->cap = cap;
	}
	w->nums[w->n++] = s->num;
	return 0;
}

int
step_finish_waiting_tx(ird_ctx *c, int64_t case_id, const char *requires, const char *note,
                       int *done, ird_err *e)
{
	struct waiting w = { requires, NULL, 0, 0, 0 };
	char ref[32];
	int rc;

	*done = 0;
	rc = step_each(c, case_id, collect_waiting, &w, e);
	if (rc == IRD_OK && w.oom)
		rc = ird_fail(e, IRD_EFAIL, _("out of memory listing the steps waiting for %s"), requires);
	for (size_t i = 0; rc == IRD_OK && i < w.n; i++) {
		text_snprintf(ref, sizeof(ref), "#%lld", (long long)w.nums[i]);
		if ((rc = step_finish_tx(c, case_id, ref, STEP_CH_DONE, note, e)) == IRD_OK)
			(*done)++;
	}
	free(w.nums);
	return rc;
}
