/* trigger.c - the playbook engine: a trigger in a case makes the steps and
 * escalation timers that the playbook in force asks for. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "records/case.h"
#include "store/event.h"
#include "records/playbook_copy.h"
#include "records/step.h"
#include "records/timer.h"
#include "engine/step_rules.h"
#include "engine/trigger.h"

/* The playbook copied into the case, parsed; NULL (and IRD_OK) if none. */
static int
case_playbook(ird_ctx *c, int64_t playbook_id, playbook **pb, ird_err *e)
{
	char *name = NULL, *text = NULL;
	int rc;

	*pb = NULL;
	if (!playbook_id)
		return IRD_OK;
	if ((rc = playbook_copy_get(c, playbook_id, &name, &text, e)) != IRD_OK)
		return rc;
	rc = playbook_parse(text, strlen(text), name, pb, e);
	free(name);
	free(text);
	return rc;
}

/* Steps: per asset / indicator only for a subject of that kind. */
static int
subject_fits(const pb_step *s, const trigger_subject *subj)
{
	if (s->per == PB_PER_ASSET)
		return subj && subj->kind && strcmp(subj->kind, "asset") == 0;
	if (s->per == PB_PER_INDICATOR)
		return subj && subj->kind && strcmp(subj->kind, "indicator") == 0;
	return 1;
}

static int
make_steps(ird_ctx *c, int64_t case_id, const playbook *pb, unsigned trigger,
           const trigger_subject *subj, ird_err *e)
{
	int64_t now = clock_now(&c->clock), id;
	int created, rc = IRD_OK;

	for (size_t i = 0; rc == IRD_OK && i < pb->nsteps; i++) {
		const pb_step *s = &pb->steps[i];

		if (!(s->triggers & trigger) || !subject_fits(s, subj))
			continue;
		rc = step_make_tx(c, case_id, s, subj, s->deadline_s >= 0 ? now + s->deadline_s : 0,
		                    &id, &created, e);
	}
	return rc;
}

/* Rules about personal data apply only to cases that hold it, whatever
 * else (a cause being set) triggered them. */
static int
rule_applies(const pb_rule *r, const case_row *cr)
{
	if ((r->triggers & PB_T_PERSONAL_DATA) && !cr->personal_data)
		return 0;
	return pb_conds_hold(r, cr->severity, cr->cause, cr->exercise);
}

static int
make_timers(ird_ctx *c, const case_row *cr, const playbook *pb, unsigned trigger, ird_err *e)
{
	int64_t now = clock_now(&c->clock), id;
	char text[400], when[40];
	int created, rc = IRD_OK;

	for (size_t i = 0; rc == IRD_OK && i < pb->nrules; i++) {
		const pb_rule *r = &pb->rules[i];
		timer_spec spec = { r->id, r->role, 0, pb_trigger_name(trigger), now + r->deadline_s };

		if (!(r->triggers & trigger) || !rule_applies(r, cr))
			continue;
		if ((rc = timer_create_tx(c, cr->id, &spec, &id, &created, e)) != IRD_OK || !created)
			continue;
		clock_format_utc(spec.due_at, when, sizeof(when));
		text_snprintf(text, sizeof(text), "timer %lld: notify %s by %s (%s, on %s)", (long long)id,
		         r->role, when, r->id, spec.trigger);
		rc = event_add_tx(c, cr->id, 0, "timer", text, e);
	}
	return rc;
}

/* The open rule timers that no longer apply (no fixed cap). */
struct stale {
	const playbook *pb;
	const case_row *cr;
	int64_t *ids;
	const char **rules;
	size_t n, cap;
	int oom;
};

static int
collect_stale(void *arg, const timer_row *t)
{
	struct stale *s = arg;
	const pb_rule *r = t->step_id ? NULL : playbook_rule(s->pb, t->rule);

	if (!r || rule_applies(r, s->cr))
		return 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 8;
		int64_t *ids = realloc(s->ids, cap * sizeof(*ids));
		const char **rules = ids ? realloc(s->rules, cap * sizeof(*rules)) : NULL;

		if (ids)
			s->ids = ids;
		if (!ids || !rules) {
			s->oom = 1;
			return 1;
		}
		s->rules = rules;
		s->cap = cap;
	}
	s->ids[s->n] = t->id;
	s->rules[s->n] = r->id; /* owned by the playbook, not the statement */
	s->n++;
	return 0;
}

/* When the cause changes, deadlines that depended on it (30 or 60 days
 * for the final report) are replaced: withdraw the ones that no longer hold. */
static int
withdraw_stale(ird_ctx *c, const case_row *cr, const playbook *pb, ird_err *e)
{
	struct stale s = { pb, cr, NULL, NULL, 0, 0, 0 };
	char reason[300];
	int rc = timer_each(c, cr->id, 1, 0, collect_stale, &s, e);

	if (rc == IRD_OK && s.oom)
		rc = ird_fail(e, IRD_EFAIL, _("out of memory listing the timers to withdraw"));
	for (size_t i = 0; rc == IRD_OK && i < s.n; i++) {
		text_snprintf(reason, sizeof(reason), "rule %s no longer applies (cause: %s)", s.rules[i],
		         cr->cause ? cr->cause : "unknown");
		rc = timer_withdraw_tx(c, s.ids[i], reason, e);
		if (rc == IRD_OK) {
			text_snprintf(reason + strlen(reason), sizeof(reason) - strlen(reason), " - timer %lld"
			         " withdrawn", (long long)s.ids[i]);
			rc = event_add_tx(c, cr->id, 0, "timer", reason, e);
		}
	}
	free(s.ids);
	free(s.rules);
	return rc;
}

static int
fire(ird_ctx *c, const case_row *cr, const playbook *pb, unsigned trigger,
     const trigger_subject *subj, ird_err *e)
{
	int rc = IRD_OK;

	if (trigger == PB_T_CAUSE_SET)
		rc = withdraw_stale(c, cr, pb, e);
	if (rc == IRD_OK)
		rc = make_steps(c, cr->id, pb, trigger, subj, e);
	if (rc == IRD_OK)
		rc = make_timers(c, cr, pb, trigger, e);
	return rc;
}

int
trigger_fire_tx(ird_ctx *c, int64_t case_id, unsigned trigger, const trigger_subject *subj,
                ird_err *e)
{
	playbook *pb = NULL;
	case_row cr;
	int rc;

	if (!pb_trigger_name(trigger))
		return ird_fail(e, IRD_EFAIL, _("internal error: unknown trigger %u"), trigger);
	if ((rc = case_get(c, case_id, &cr, e)) != IRD_OK)
		return rc;
	rc = case_playbook(c, cr.playbook_id, &pb, e);
	if (rc == IRD_OK && pb)
		rc = fire(c, &cr, pb, trigger, subj, e);
	playbook_free(pb);
	case_row_free(&cr);
	return rc;
}

int
trigger_fire_with_tx(ird_ctx *c, int64_t case_id, const playbook *pb, unsigned trigger,
                     const trigger_subject *subj, ird_err *e)
{
	case_row cr;
	int rc;

	if (!pb_trigger_name(trigger))
		return ird_fail(e, IRD_EFAIL, _("internal error: unknown trigger %u"), trigger);
	if ((rc = case_get(c, case_id, &cr, e)) != IRD_OK)
		return rc;
	rc = fire(c, &cr, pb, trigger, subj, e);
	case_row_free(&cr);
	return rc;
}
