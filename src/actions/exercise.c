/* exercise.c - start and run tabletop exercises; release injects. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/act_asset.h"
#include "actions/act_ioc.h"
#include "actions/casework.h"
#include "actions/exercise.h"
#include "base/digest.h"
#include "base/i18n.h"
#include "base/ioc_normalize.h"
#include "engine/exercise_clock.h"
#include "records/asset.h"
#include "records/exercise.h"
#include "store/event.h"

static int
finish(ird_ctx *c, int rc, ird_err *e)
{
	if (rc != IRD_OK) {
		store_rollback(c->store);
		return rc;
	}
	return store_commit(c->store, e);
}

/* C with its clock fixed at story time AT. */
static ird_ctx
at_story(const ird_ctx *c, int64_t at)
{
	ird_ctx s = *c;

	s.clock.fixed = 1;
	s.clock.now = at;
	return s;
}

static int story_event(ird_ctx *c, int64_t case_id, int64_t at, ird_err *e, const char *fmt,
                       ...) __attribute__((format(printf, 5, 6)));

/* A line on the timeline at story time AT, kind "exercise". */
static int
story_event(ird_ctx *c, int64_t case_id, int64_t at, ird_err *e, const char *fmt, ...)
{
	char text[1200];
	ird_ctx s = at_story(c, at);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return event_add_tx(&s, case_id, 0, "exercise", text, e);
}

int
exercise_start(ird_ctx *c, const scenario *sc, const playbook *pb, int64_t speed,
               const char *title, int64_t *case_id, char hid[CASE_HID_LEN], ird_err *e)
{
	ird_ctx s = at_story(c, sc->start);
	case_spec spec = {
		.title = title ? title : sc->title,
		.severity = sc->severity,
		.opened_at = sc->start,
		.exercise = 1,
	};
	char sp[32];
	int64_t xid;
	int rc;

	if (speed < 1 || speed > EXERCISE_MAX_SPEED)
		return ird_fail(e, IRD_EUSAGE, _("speed must be from 1 to %d"), EXERCISE_MAX_SPEED);
	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	rc = case_create_tx(&s, &spec, case_id, hid, e);
	if (rc == IRD_OK && pb)
		rc = casework_apply_tx(&s, *case_id, pb, e);
	if (rc == IRD_OK)
		rc = exercise_create_tx(&s, *case_id, sc->name, sc->text, sc->start, speed,
		                        clock_now(&c->clock), &xid, e);
	snprintf(sp, sizeof(sp), "%lld", (long long)speed);
	if (rc == IRD_OK)
		rc = story_event(c, *case_id, sc->start, e, "EXERCISE started: scenario %s, speed %sx", sc->name, sp);
	if ((rc = finish(c, rc, e)) != IRD_OK)
		return rc;
	return exercise_tick(c, *case_id, NULL, e);
}

/* ---- injects ---- */

/* Never back from infected to suspected: a host already in the case
 * that the inject calls suspected stays as it is. */
static int
apply_asset(ird_ctx *s, int64_t case_id, const sc_item *it, ird_err *e)
{
	int64_t id;
	ird_err fe = { 0 };

	if (strcmp(it->state, "suspected") == 0 && asset_find(s, case_id, it->host, &id, &fe) == IRD_OK)
		return IRD_OK;
	return act_asset_put_tx(s, case_id, it->host, it->site, it->state, e);
}

static int
apply_item(ird_ctx *s, int64_t case_id, const sc_inject *in, const sc_item *it,
           int64_t happened, ioc_normalizer **norm, ird_err *e)
{
	char text[1200], hex[DIGEST_HEX_LEN], note[200];
	int64_t id;
	int merged;
	int rc;

	snprintf(note, sizeof(note), "exercise inject %s", in->id);
	switch (it->what) {
	case SC_MESSAGE:
		snprintf(text, sizeof(text), "EXERCISE inject %s: %s", in->id, it->text);
		return event_add_tx(s, case_id, happened, "inject", text, e);
	case SC_EVENT:
		return event_add_tx(s, case_id, happened, "inject", it->text, e);
	case SC_INDICATOR: {
		indicator_spec spec = { .type = it->type, .value = it->value, .role = it->role,
		                        .note = note };
		if (!*norm && (rc = ioc_normalizer_new(norm, e)) != IRD_OK)
			return rc;
		return act_ioc_add_tx(s, *norm, case_id, &spec, &id, &merged, e);
	}
	case SC_ASSET:
		return apply_asset(s, case_id, it, e);
	case SC_EVIDENCE: {
		evidence_spec spec = { .kind = it->kind, .sha256 = hex, .location = it->text,
		                       .exfil = it->exfil };
		if (digest_once(it->text, strlen(it->text), hex) != 0)
			return ird_fail(e, IRD_EFAIL, _("cannot hash the evidence description"));
		return act_evidence_add_digest_tx(s, case_id, &spec, &id, e);
	}
	}
	return IRD_OK;
}

/* Release inject I of SC at story time AT in one write transaction;
 * *FRESH 0 when another process did it first. */
static int
release_one(ird_ctx *c, const exercise_row *x, const scenario *sc, size_t i, int64_t at,
            int early, int *fresh, ird_err *e)
{
	const sc_inject *in = &sc->injects[i];
	int64_t due = sc->start + in->at_s, happened = due < at ? due : at;
	ird_ctx s = at_story(c, at);
	ioc_normalizer *norm = NULL;
	char text[600], no[16];
	int rc;

	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	rc = exercise_release_tx(&s, x->id, (int64_t)i + 1, in->id, at, clock_now(&c->clock),
	                         early, fresh, e);
	if (rc != IRD_OK || !*fresh) {
		store_rollback(c->store);
		return rc;
	}
	snprintf(no, sizeof(no), "%zu", i + 1);
	snprintf(text, sizeof(text), "%s%s", in->title, early ? " (released early)" : "");
	rc = story_event(c, x->case_id, at, e, "EXERCISE inject %s released: %s", no, text);
	for (size_t k = 0; rc == IRD_OK && k < in->nitems; k++)
		rc = apply_item(&s, x->case_id, in, &in->items[k], happened, &norm, e);
	ioc_normalizer_free(norm);
	return finish(c, rc, e);
}

/* Which injects of exercise X are released: RELEASED[i] 1 (N of them). */
struct released_set {
	unsigned char *v;
	size_t n;
	int64_t *at;
	int *early;
};

static int
mark_released(void *arg, const exercise_inject_row *r)
{
	struct released_set *rs = arg;

	if (r->no >= 1 && (size_t)r->no <= rs->n) {
		rs->v[r->no - 1] = 1;
		if (rs->at)
			rs->at[r->no - 1] = r->released_at;
		if (rs->early)
			rs->early[r->no - 1] = r->early;
	}
	return 0;
}

/* Load the exercise of CASE_ID and its scenario; *FOUND 0 if none. */
static int
load(ird_ctx *c, int64_t case_id, exercise_row *x, scenario **sc, int *found, ird_err *e)
{
	int rc;

	*sc = NULL;
	if ((rc = exercise_get_by_case(c, case_id, x, found, e)) != IRD_OK || !*found)
		return rc;
	rc = scenario_parse(x->scenario_text, strlen(x->scenario_text), x->scenario, sc, e);
	if (rc != IRD_OK)
		exercise_row_free(x);
	return rc;
}

int
exercise_tick(ird_ctx *c, int64_t case_id, int *released, ird_err *e)
{
	exercise_row x;
	scenario *sc;
	struct released_set rs = { 0 };
	int found, rc;

	if (released)
		*released = 0;
	if ((rc = load(c, case_id, &x, &sc, &found, e)) != IRD_OK || !found)
		return rc;
	if (x.ended_at)
		goto done;
	rs.n = sc->ninjects;
	if (!(rs.v = calloc(rs.n ? rs.n : 1, 1))) {
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
		goto done;
	}
	if ((rc = exercise_inject_each(c, x.id, mark_released, &rs, e)) != IRD_OK)
		goto done;
	{
		int64_t now = exercise_clock_story(&x, clock_now(&c->clock));
		for (size_t i = 0; rc == IRD_OK && i < sc->ninjects; i++) {
			int64_t due = sc->start + sc->injects[i].at_s;
			int fresh = 0;

			if (rs.v[i] || due > now)
				continue;
			rc = release_one(c, &x, sc, i, due < sc->start ? sc->start : due, 0, &fresh, e);
			if (rc == IRD_OK && fresh && released)
				(*released)++;
		}
	}
done:
	free(rs.v);
	scenario_free(sc);
	exercise_row_free(&x);
	return rc;
}

struct id_list {
	int64_t *v;
	size_t n, cap;
};

static int
collect_id(void *arg, int64_t case_id)
{
	struct id_list *l = arg;

	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 8;
		int64_t *nv = realloc(l->v, ncap * sizeof(*nv));
		if (!nv)
			return 1;
		l->v = nv;
		l->cap = ncap;
	}
	l->v[l->n++] = case_id;
	return 0;
}

int
exercise_tick_all(ird_ctx *c, int *released, ird_err *e)
{
	struct id_list l = { 0 };
	int rc, total = 0;

	if ((rc = exercise_each_running(c, collect_id, &l, e)) != IRD_OK) {
		free(l.v);
		return rc;
	}
	for (size_t i = 0; rc == IRD_OK && i < l.n; i++) {
		int n = 0;
		rc = exercise_tick(c, l.v[i], &n, e);
		total += n;
	}
	free(l.v);
	if (released)
		*released = total;
	return rc;
}

int
exercise_enter(ird_ctx *c, const ird_clock *real, int64_t case_id, int *is_exercise,
               ird_err *e)
{
	ird_ctx r = *c;
	int rc;

	r.clock = *real;
	if ((rc = exercise_tick(&r, case_id, NULL, e)) != IRD_OK)
		return rc;
	return exercise_clock_for_case(&r, real, case_id, &c->clock, is_exercise, e);
}

/* ---- the facilitator's controls ---- */

enum ctl { CTL_PAUSE, CTL_RESUME, CTL_SPEED, CTL_JUMP, CTL_END };

static int
control(ird_ctx *c, int64_t case_id, enum ctl what, int64_t arg, ird_err *e)
{
	char a[40], b[40];
	exercise_row x;
	int64_t real, story;
	int found, rc;

	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	if ((rc = exercise_get_by_case(c, case_id, &x, &found, e)) != IRD_OK)
		return finish(c, rc, e);
	if (!found)
		return finish(c, ird_fail(e, IRD_EUSAGE, _("that case is not an exercise")), e);
	real = clock_now(&c->clock);
	story = exercise_clock_story(&x, real);
	clock_format_utc(story, a, sizeof(a));
	if (x.ended_at) {
		rc = ird_fail(e, IRD_EFAIL, _("%s: the exercise has ended"), x.case_hid);
	} else if (what == CTL_PAUSE) {
		rc = x.paused ? ird_fail(e, IRD_EFAIL, _("%s: the exercise is already paused"), x.case_hid)
		              : exercise_set_clock_tx(c, x.id, real, story, x.speed, 1,
		                                      "exercise.pause", e);
		if (rc == IRD_OK)
			rc = story_event(c, case_id, story, e, "EXERCISE paused at %s%s", a, "");
	} else if (what == CTL_RESUME) {
		rc = !x.paused ? ird_fail(e, IRD_EFAIL, _("%s: the exercise is not paused"), x.case_hid)
		               : exercise_set_clock_tx(c, x.id, real, story, x.speed, 0,
		                                       "exercise.resume", e);
		if (rc == IRD_OK)
			rc = story_event(c, case_id, story, e, "EXERCISE resumed at %s%s", a, "");
	} else if (what == CTL_SPEED) {
		rc = exercise_set_clock_tx(c, x.id, real, story, arg, x.paused, "exercise.speed", e);
		snprintf(b, sizeof(b), "%lldx", (long long)arg);
		if (rc == IRD_OK)
			rc = story_event(c, case_id, story, e, "EXERCISE speed %s at %s", b, a);
	} else if (what == CTL_JUMP) {
		clock_format_utc(arg, b, sizeof(b));
		if (arg < story)
			rc = ird_fail(e, IRD_EUSAGE, _("%s: cannot jump back from %s to %s"), x.case_hid, a, b);
		else
			rc = exercise_set_clock_tx(c, x.id, real, arg, x.speed, x.paused,
			                           "exercise.jump", e);
		if (rc == IRD_OK)
			rc = story_event(c, case_id, arg, e, "EXERCISE clock jumped from %s to %s", a, b);
	} else {
		rc = exercise_end_tx(c, x.id, real, story, e);
		if (rc == IRD_OK)
			rc = story_event(c, case_id, story, e, "EXERCISE ended at %s%s", a, "");
	}
	exercise_row_free(&x);
	if ((rc = finish(c, rc, e)) != IRD_OK)
		return rc;
	return what == CTL_END ? IRD_OK : exercise_tick(c, case_id, NULL, e);
}

int
exercise_pause(ird_ctx *c, int64_t case_id, ird_err *e)
{
	return control(c, case_id, CTL_PAUSE, 0, e);
}

int
exercise_resume(ird_ctx *c, int64_t case_id, ird_err *e)
{
	return control(c, case_id, CTL_RESUME, 0, e);
}

int
exercise_set_speed(ird_ctx *c, int64_t case_id, int64_t speed, ird_err *e)
{
	if (speed < 1 || speed > EXERCISE_MAX_SPEED)
		return ird_fail(e, IRD_EUSAGE, _("speed must be from 1 to %d"), EXERCISE_MAX_SPEED);
	return control(c, case_id, CTL_SPEED, speed, e);
}

int
exercise_jump(ird_ctx *c, int64_t case_id, int64_t to, ird_err *e)
{
	return control(c, case_id, CTL_JUMP, to, e);
}

int
exercise_end(ird_ctx *c, int64_t case_id, ird_err *e)
{
	int rc = exercise_tick(c, case_id, NULL, e); /* what was due happened before the end */

	return rc != IRD_OK ? rc : control(c, case_id, CTL_END, 0, e);
}

int
exercise_release(ird_ctx *c, int64_t case_id, size_t no, size_t *which, ird_err *e)
{
	exercise_row x;
	scenario *sc;
	struct released_set rs = { 0 };
	int found, fresh = 0, rc;

	if ((rc = exercise_tick(c, case_id, NULL, e)) != IRD_OK ||
	    (rc = load(c, case_id, &x, &sc, &found, e)) != IRD_OK)
		return rc;
	if (!found)
		return ird_fail(e, IRD_EUSAGE, _("that case is not an exercise"));
	rs.n = sc->ninjects;
	if (x.ended_at)
		rc = ird_fail(e, IRD_EFAIL, _("%s: the exercise has ended"), x.case_hid);
	else if (!(rs.v = calloc(rs.n, 1)))
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	else
		rc = exercise_inject_each(c, x.id, mark_released, &rs, e);
	if (rc == IRD_OK && no == 0) {
		while (no < rs.n && rs.v[no])
			no++;
		if (no == rs.n)
			rc = ird_fail(e, IRD_EFAIL, _("%s: every inject has been released"), x.case_hid);
		no++;
	}
	if (rc == IRD_OK && (no < 1 || no > rs.n))
		rc = ird_fail(e, IRD_EUSAGE, _("no inject %zu (the scenario has %zu)"), no, rs.n);
	if (rc == IRD_OK && rs.v[no - 1])
		rc = ird_fail(e, IRD_EFAIL, _("%s: inject %zu (%s) was already released"), x.case_hid, no,
		              sc->injects[no - 1].id);
	if (rc == IRD_OK)
		rc = release_one(c, &x, sc, no - 1, exercise_clock_story(&x, clock_now(&c->clock)), 1,
		                 &fresh, e);
	if (rc == IRD_OK && !fresh)
		rc = ird_fail(e, IRD_EFAIL, _("%s: inject %zu was just released by another process"),
		              x.case_hid, no);
	if (rc == IRD_OK && which)
		*which = no;
	free(rs.v);
	scenario_free(sc);
	exercise_row_free(&x);
	return rc;
}

/* ---- status ---- */

int
exercise_status_get(ird_ctx *c, int64_t case_id, exercise_status *st, ird_err *e)
{
	exercise_row x;
	struct released_set rs = { 0 };
	int found, rc;

	memset(st, 0, sizeof(*st));
	if ((rc = load(c, case_id, &x, &st->sc, &found, e)) != IRD_OK)
		return rc;
	if (!found)
		return ird_fail(e, IRD_ENOTFOUND, _("that case is not an exercise"));
	snprintf(st->hid, sizeof(st->hid), "%s", x.case_hid);
	st->story_now = exercise_clock_story(&x, clock_now(&c->clock));
	st->story_start = x.story_start;
	st->speed = x.speed;
	st->started_at = x.started_at;
	st->ended_at = x.ended_at;
	st->paused = x.paused;
	st->ended = x.ended_at != 0;
	rs.n = st->sc->ninjects;
	rs.v = calloc(rs.n, 1);
	rs.at = calloc(rs.n, sizeof(*rs.at));
	rs.early = calloc(rs.n, sizeof(*rs.early));
	st->injects = calloc(rs.n, sizeof(*st->injects));
	if (!rs.v || !rs.at || !rs.early || !st->injects)
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	else
		rc = exercise_inject_each(c, x.id, mark_released, &rs, e);
	for (size_t i = 0; rc == IRD_OK && i < rs.n; i++) {
		const sc_inject *in = &st->sc->injects[i];
		exercise_inject_state *is = &st->injects[i];

		is->no = i + 1;
		is->id = in->id;
		is->title = in->title;
		is->at_s = in->at_s;
		is->due = st->sc->start + in->at_s;
		is->released = rs.v[i];
		is->early = rs.early[i];
		is->released_at = rs.at[i];
		st->released += rs.v[i];
	}
	free(rs.v);
	free(rs.at);
	free(rs.early);
	exercise_row_free(&x);
	if (rc != IRD_OK)
		exercise_status_free(st);
	return rc;
}

void
exercise_status_free(exercise_status *st)
{
	scenario_free(st->sc);
	free(st->injects);
	memset(st, 0, sizeof(*st));
}

int
exercise_parse_time(const char *s, int64_t story_start, int64_t *out, ird_err *e)
{
	long long off;

	if (scenario_offset_parse(s, &off) == 0) {
		*out = story_start + off;
		return IRD_OK;
	}
	return clock_parse(s, out, e);
}
