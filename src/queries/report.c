/* report.c - the after-action report: build the figures, render them. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/label.h"
#include "base/scenario.h"
#include "base/text.h"
#include "queries/report.h"
#include "store/audit.h"
#include "records/block.h"
#include "records/case.h"
#include "records/decision.h"
#include "records/exercise.h"
#include "records/indicator.h"
#include "records/notify.h"
#include "records/step.h"
#include "records/timer.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- a growing string ---- */

struct sb {
	char *s;
	size_t len, cap;
	int oom;
};

static void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
sb_put(struct sb *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t ncap = (b->len + n + 1) * 2;
		char *ns = realloc(b->s, ncap);
		if (!ns) {
			b->oom = 1;
			return;
		}
		b->s = ns;
		b->cap = ncap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
sb_printf(struct sb *b, const char *fmt, ...)
{
	char small[1024], *big = NULL;
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (k < 0) {
		b->oom = 1;
		return;
	}
	if ((size_t)k < sizeof(small)) {
		sb_put(b, small, (size_t)k);
		return;
	}
	if (!(big = malloc((size_t)k + 1))) {
		b->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)k + 1, fmt, ap);
	va_end(ap);
	sb_put(b, big, (size_t)k);
	free(big);
}

static char *
sb_done(struct sb *b)
{
	if (b->oom) {
		free(b->s);
		return NULL;
	}
	if (!b->s)
		sb_put(b, "", 0);
	return b->oom ? NULL : b->s;
}

/* Text for HTML (every markup character escaped). */
static void
sb_html(struct sb *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': sb_put(b, "&amp;", 5); break;
		case '<': sb_put(b, "&lt;", 4); break;
		case '>': sb_put(b, "&gt;", 4); break;
		case '"': sb_put(b, "&quot;", 6); break;
		case '\'': sb_put(b, "&#39;", 5); break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\t')
				sb_put(b, " ", 1);
			else
				sb_put(b, s, 1);
		}
	}
}

/* A JSON string literal. */
static void
sb_json(struct sb *b, const char *s)
{
	if (!s) {
		sb_put(b, "null", 4);
		return;
	}
	sb_put(b, "\"", 1);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\') {
			char esc[2] = { '\\', (char)ch };
			sb_put(b, esc, 2);
		} else if (ch < 0x20 || ch == 0x7f) {
			sb_printf(b, "\\u%04x", ch);
		} else {
			sb_put(b, s, 1);
		}
	}
	sb_put(b, "\"", 1);
}

/* Text in a Markdown table cell: pipes escaped, line breaks as spaces. */
static void
sb_md(struct sb *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			sb_put(b, "\\|", 2);
		else if (*s == '\n' || *s == '\r')
			sb_put(b, " ", 1);
		else if (*s == '<')
			sb_put(b, "&lt;", 4);
		else
			sb_put(b, s, 1);
	}
}

static char *
xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* ---- building ---- */

struct strv {
	char ***v;
	size_t *n;
};

static int
push_str(char ***v, size_t *n, char *s)
{
	char **nv;

	if (!s)
		return -1;
	if (!(nv = realloc(*v, (*n + 1) * sizeof(*nv)))) {
		free(s);
		return -1;
	}
	nv[(*n)++] = s;
	*v = nv;
	return 0;
}

static int
push_item(report *r, rp_item *it)
{
	rp_item *nv = realloc(r->items, (r->nitems + 1) * sizeof(*nv));

	if (!nv)
		return -1;
	nv[r->nitems++] = *it;
	r->items = nv;
	return 0;
}

static rp_outcome
outcome(int64_t due, int64_t done, int64_t now)
{
	if (done)
		return done <= due ? RP_ON_TIME : RP_LATE;
	return now > due ? RP_MISSED : RP_PENDING;
}

struct build {
	report *r;
	ird_ctx *c;
	int64_t case_id;
	int failed;
};

static int
timer_row_fn(void *arg, const timer_row *t)
{
	struct build *b = arg;
	rp_item it = { .kind = RP_TIMER };

	it.what = t->role ? text_asprintf("notify %s", t->role)
	                  : text_asprintf("step %s", t->step_title ? t->step_title : t->rule);
	it.xkind = t->role ? SC_X_NOTIFY : SC_X_STEP;
	it.target = xstrdup(t->role ? t->role : t->step_title ? t->step_title : t->rule);
	it.overridden = strcmp(t->state, "overridden") == 0;
	it.role = xstrdup(t->role ? t->role : "responders");
	it.source = xstrdup(t->rule);
	it.from = t->created_at;
	it.due = t->due_at;
	if (strcmp(t->state, "satisfied") == 0)
		it.done = t->satisfied_at;
	it.by = xstrdup(strcmp(t->state, "overridden") == 0 ? "overridden" : t->satisfied_by);
	it.outcome = strcmp(t->state, "overridden") == 0 ? RP_MISSED
	                                                  : outcome(it.due, it.done, b->r->now);
	if (!it.what || !it.role || !it.target || push_item(b->r, &it) != 0)
		b->failed = 1;
	return 0;
}

static int
step_row_fn(void *arg, const step_row *s)
{
	struct build *b = arg;

	if (push_str(&b->r->steps, &b->r->nsteps,
	             text_asprintf("%s\t%s\t%lld\t%lld\t%s", s->state, s->title, (long long)s->due_at,
	                     (long long)s->finished_at, s->assignee ? s->assignee : "-")) != 0)
		b->failed = 1;
	return 0;
}

static int
notify_row_fn(void *arg, const notify_row *n)
{
	struct build *b = arg;

	if (push_str(&b->r->notifications, &b->r->nnotifications,
	             text_asprintf("%lld\t%s\t%s\t%s\t%s", (long long)n->at, n->role, n->by, n->channel,
	                     n->note ? n->note : "")) != 0)
		b->failed = 1;
	return 0;
}

static int
decision_row_fn(void *arg, const decision_row *d)
{
	struct build *b = arg;

	if (push_str(&b->r->decisions, &b->r->ndecisions,
	             text_asprintf("%lld\t%s\t%s\t%s\t%s\t%s", (long long)d->decided_at, d->question, d->choice, d->decided_by,
	                     d->rationale, d->open_paths ? d->open_paths : "[]")) != 0)
		b->failed = 1;
	return 0;
}

/* ---- expectations: when was each done? ---- */

struct first_notify {
	const char *role;
	int64_t after, at;
	char *by;
};

static int
first_notify_fn(void *arg, const notify_row *n)
{
	struct first_notify *f = arg;

	if (strcmp(n->role, f->role) != 0 || n->at < f->after)
		return 0;
	f->at = n->at;
	f->by = xstrdup(n->by);
	return 1;
}

struct step_done {
	const char *key;
	int64_t after;
	int fresh_total, fresh_open;
	int64_t fresh_done, any_done, first_after;
	char *by;
};

static int
step_done_fn(void *arg, const step_row *s)
{
	struct step_done *f = arg;
	int done = strcmp(s->state, "done") == 0;

	if (strcmp(s->key, f->key) != 0)
		return 0;
	if (s->created_at == f->after) { /* made by the inject itself */
		f->fresh_total++;
		if (!done)
			f->fresh_open++;
		else if (s->finished_at > f->fresh_done)
			f->fresh_done = s->finished_at;
	}
	if (done && s->finished_at >= f->after && (!f->first_after || s->finished_at < f->first_after))
		f->first_after = s->finished_at;
	if (done && (!f->any_done || s->finished_at < f->any_done)) {
		f->any_done = s->finished_at;
		free(f->by);
		f->by = xstrdup(s->assignee);
	}
	return 0;
}

struct ind_find {
	const char *raw;
	char *normal, *registrable, *host;
};

static int
ind_find_fn(void *arg, const indicator_row *r)
{
	struct ind_find *f = arg;

	if (strcmp(r->raw, f->raw) != 0)
		return 0;
	f->normal = xstrdup(r->normal);
	f->registrable = xstrdup(r->registrable ? r->registrable : r->host);
	f->host = xstrdup(r->host);
	return 1;
}

struct block_find {
	const char *scope, *target;
	int64_t at;
	char *by;
};

static int
block_find_fn(void *arg, const block_row *b)
{
	struct block_find *f = arg;

	if (strcmp(b->scope, f->scope) != 0 || !f->target || strcmp(b->target, f->target) != 0)
		return 0;
	if (!f->at || b->requested_at < f->at) {
		f->at = b->requested_at;
		free(f->by);
		f->by = xstrdup(b->requested_by);
	}
	return 0;
}

struct decision_find {
	const char *question;
	int64_t after, at;
	char *by;
};

static int
decision_find_fn(void *arg, const decision_row *d)
{
	struct decision_find *f = arg;

	if (strcmp(d->question, f->question) != 0 || d->decided_at < f->after)
		return 0;
	f->at = d->decided_at;
	f->by = text_asprintf("%s (%s)", d->decided_by, d->choice);
	return 1;
}

/* When X was done after AFTER in the case (0: never); *BY who. A step:
 * with FIRST the first instance done after AFTER (the reference
 * comparison), else every instance the inject made (or, if it made none,
 * any instance: done earlier counts as done at AFTER). */
static int
expect_done(ird_ctx *c, int64_t case_id, const sc_expect *x, int64_t after, int first,
            int64_t *done, char **by, ird_err *e)
{
	int rc = IRD_OK;

	*done = 0;
	*by = NULL;
	if (x->kind == SC_X_NOTIFY) {
		struct first_notify f = { x->target, after, 0, NULL };
		rc = notify_each(c, case_id, first_notify_fn, &f, e);
		*done = f.at;
		*by = f.by;
	} else if (x->kind == SC_X_STEP) {
		struct step_done f = { .key = x->target, .after = after };
		rc = step_each(c, case_id, step_done_fn, &f, e);
		if (first)
			*done = f.first_after ? f.first_after : f.any_done ? after : 0;
		else if (f.fresh_total)
			*done = f.fresh_open ? 0 : f.fresh_done;
		else if (f.any_done)
			*done = f.any_done < after ? after : f.any_done;
		*by = f.by;
	} else if (x->kind == SC_X_DECISION) {
		struct decision_find f = { x->target, after, 0, NULL };
		rc = decision_each(c, case_id, decision_find_fn, &f, e);
		*done = f.at;
		*by = f.by;
	} else {
		struct ind_find fi = { .raw = x->target };
		struct block_find fb = { 0 };
		if ((rc = indicator_each(c, case_id, ind_find_fn, &fi, e)) == IRD_OK) {
			fb.scope = x->kind == SC_X_BLOCK_DOMAIN ? "domain" : "address";
			fb.target = x->kind == SC_X_BLOCK_DOMAIN ? fi.registrable : fi.normal;
			rc = block_each(c, case_id, block_find_fn, &fb, e);
			*done = fb.at ? (fb.at < after ? after : fb.at) : 0;
			*by = fb.by;
		}
		free(fi.normal);
		free(fi.registrable);
		free(fi.host);
	}
	return rc;
}

/* Indicators never blocked, or blocked by host only: what covers one
 * indicator (a block on it, or on its host or registrable domain). */
struct blockscope {
	const indicator_row *ind;
	int any, wide;
};

static int
same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static int
block_scope_fn(void *arg, const block_row *b)
{
	struct blockscope *s = arg;
	const indicator_row *r = s->ind;
	int covers = b->indicator_id == r->id ||
	             (strcmp(b->scope, "domain") == 0 && same(b->target, r->registrable)) ||
	             (strcmp(b->scope, "host") == 0 && same(b->target, r->host)) ||
	             (strcmp(b->scope, "address") == 0 && same(b->target, r->normal));

	if (!covers || strcmp(b->state, "lifted") == 0)
		return 0;
	s->any = 1;
	if (strcmp(b->scope, "host") != 0)
		s->wide = 1;
	return 0;
}

static int
unblocked_fn(void *arg, const indicator_row *r)
{
	struct build *b = arg;
	struct blockscope s = { .ind = r };
	ird_err e = { 0 };

	if (strcmp(r->role, "sender") != 0 && strcmp(r->role, "c2") != 0)
		return 0;
	if (block_each(b->c, b->case_id, block_scope_fn, &s, &e) != IRD_OK) {
		b->failed = 1;
		return 1;
	}
	if (s.wide)
		return 0;
	if (push_str(&b->r->unblocked, &b->r->nunblocked,
	             text_asprintf("%s\t%s\t%s\t%s", r->role, r->normal,
	                     r->registrable ? r->registrable : "-",
	                     s.any ? "blocked by host only" : "never blocked")) != 0)
		b->failed = 1;
	return 0;
}

/* Released injects: story time of each (0: not released). */
struct rel {
	int64_t *at;
	size_t n;
};

static int
rel_fn(void *arg, const exercise_inject_row *r)
{
	struct rel *rl = arg;

	if (r->no >= 1 && (size_t)r->no <= rl->n)
		rl->at[r->no - 1] = r->released_at;
	return 0;
}

static int
exercise_part(ird_ctx *c, int64_t case_id, report *r, ird_err *e)
{
	exercise_row x;
	scenario *sc = NULL;
	struct rel rl = { 0 };
	int found, rc;

	if ((rc = exercise_get_by_case(c, case_id, &x, &found, e)) != IRD_OK || !found)
		return rc;
	rc = scenario_parse(x.scenario_text, strlen(x.scenario_text), x.scenario, &sc, e);
	if (rc == IRD_OK) {
		r->scenario = xstrdup(sc->name);
		r->scenario_title = xstrdup(sc->title);
		r->scenario_title_ja = xstrdup(sc->title_ja);
		r->story_start = sc->start;
		rl.n = sc->ninjects;
		if (!(rl.at = calloc(rl.n, sizeof(*rl.at))))
			rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	if (rc == IRD_OK)
		rc = exercise_inject_each(c, x.id, rel_fn, &rl, e);
	for (size_t i = 0; rc == IRD_OK && i < rl.n; i++) {
		const sc_inject *in = &sc->injects[i];
		if (!rl.at[i])
			continue;
		for (size_t k = 0; rc == IRD_OK && k < in->nexpects; k++) {
			const sc_expect *xp = &in->expects[k];
			char what[600];
			rp_item it = { .kind = RP_EXPECT };

			sc_expect label = *xp;

			label.within_s = -1; /* the due time says it */
			scenario_expect_format(&label, what, sizeof(what));
			if ((rc = expect_done(c, case_id, xp, rl.at[i], 0, &it.done, &it.by, e)) != IRD_OK)
				break;
			it.what = xstrdup(what);
			it.xkind = (int)xp->kind;
			it.target = xstrdup(xp->target);
			it.role = xstrdup(xp->by);
			it.source = xstrdup(in->id);
			it.from = rl.at[i];
			it.due = rl.at[i] + xp->within_s;
			it.outcome = outcome(it.due, it.done, r->now);
			if (!it.what || !it.target || push_item(r, &it) != 0)
				rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
		}
	}
	for (size_t i = 0; rc == IRD_OK && sc && i < sc->nrefs; i++) {
		const sc_ref *rf = &sc->refs[i];
		rp_compare cmp = { 0 };
		size_t si = 0;
		int64_t origin_ref = sc->start, origin_ex = sc->start, done = 0;
		char *by = NULL;
		rp_compare *nv;

		if (rf->since && scenario_inject(sc, rf->since, &si)) {
			origin_ref = sc->start + sc->injects[si].at_s;
			origin_ex = rl.at[si] ? rl.at[si] : 0;
			cmp.since_title = xstrdup(sc->injects[si].title);
			cmp.since_title_ja = xstrdup(sc->injects[si].title_ja);
		}
		cmp.title = xstrdup(rf->title);
		cmp.since = xstrdup(rf->since ? rf->since : "the story start");
		cmp.note = xstrdup(rf->note);
		cmp.title_ja = xstrdup(rf->title_ja);
		cmp.note_ja = xstrdup(rf->note_ja);
		cmp.ref_never = rf->never;
		cmp.ref_at = rf->never ? 0 : rf->at;
		cmp.ref_delay = rf->never ? 0 : rf->at - origin_ref;
		cmp.ex_never = 1;
		if (rf->has_match && origin_ex &&
		    (rc = expect_done(c, case_id, &rf->match, origin_ex, 1, &done, &by, e)) == IRD_OK &&
		    done) {
			cmp.ex_never = 0;
			cmp.ex_at = done;
			cmp.ex_delay = done - origin_ex;
		}
		if (!rf->has_match)
			cmp.ex_never = -1; /* nothing to compare with */
		free(by);
		if (!(nv = realloc(r->compare, (r->ncompare + 1) * sizeof(*nv)))) {
			rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
			break;
		}
		nv[r->ncompare++] = cmp;
		r->compare = nv;
	}
	free(rl.at);
	scenario_free(sc);
	exercise_row_free(&x);
	return rc;
}

static void
count(rp_score *s, rp_outcome o)
{
	if (o == RP_ON_TIME)
		s->on_time++;
	else if (o == RP_LATE)
		s->late++;
	else if (o == RP_MISSED)
		s->missed++;
	else
		s->pending++;
}

static int
score(report *r)
{
	if (!(r->scores = calloc(r->nitems + 1, sizeof(*r->scores))))
		return -1;
	r->nscores = 1;
	for (size_t i = 0; i < r->nitems; i++) {
		const rp_item *it = &r->items[i];
		size_t k;

		count(&r->scores[0], it->outcome);
		for (k = 1; k < r->nscores && strcmp(r->scores[k].role, it->role) != 0; k++)
			;
		if (k == r->nscores) {
			if (!(r->scores[k].role = strdup(it->role)))
				return -1;
			r->nscores++;
		}
		count(&r->scores[k], it->outcome);
	}
	return 0;
}

static int
item_cmp(const void *a, const void *b)
{
	const rp_item *x = a, *y = b;

	return x->due < y->due ? -1 : x->due > y->due;
}

int
report_build(ird_ctx *c, int64_t case_id, report *r, ird_err *e)
{
	struct build b = { r, c, case_id, 0 };
	case_row cr;
	int rc;

	memset(r, 0, sizeof(*r));
	r->now = clock_now(&c->clock);
	if ((rc = store_begin_read(c->store, e)) != IRD_OK)
		return rc;
	if ((rc = case_get(c, case_id, &cr, e)) == IRD_OK) {
		r->hid = xstrdup(cr.hid);
		r->title = xstrdup(cr.title);
		r->exercise = cr.exercise;
		r->opened_at = cr.opened_at;
		case_row_free(&cr);
	}
	if (rc == IRD_OK)
		rc = case_show_json(c, case_id, &r->case_json, e);
	if (rc == IRD_OK)
		rc = timer_each(c, case_id, 0, 0, timer_row_fn, &b, e);
	if (rc == IRD_OK)
		rc = step_each(c, case_id, step_row_fn, &b, e);
	if (rc == IRD_OK)
		rc = notify_each(c, case_id, notify_row_fn, &b, e);
	if (rc == IRD_OK)
		rc = decision_each(c, case_id, decision_row_fn, &b, e);
	if (rc == IRD_OK)
		rc = indicator_each(c, case_id, unblocked_fn, &b, e);
	if (rc == IRD_OK)
		rc = exercise_part(c, case_id, r, e);
	if (rc == IRD_OK)
		rc = audit_head_text(c, r->audit_head, sizeof(r->audit_head), e);
	store_rollback(c->store);
	if (rc == IRD_OK && (b.failed || !r->hid || score(r) != 0))
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (rc != IRD_OK) {
		report_free(r);
		return rc;
	}
	if (r->nitems)
		qsort(r->items, r->nitems, sizeof(*r->items), item_cmp);
	return IRD_OK;
}

static void
free_strs(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
report_free(report *r)
{
	for (size_t i = 0; i < r->nitems; i++) {
		free(r->items[i].what);
		free(r->items[i].role);
		free(r->items[i].source);
		free(r->items[i].by);
		free(r->items[i].target);
	}
	free(r->items);
	for (size_t i = 0; i < r->nscores; i++)
		free(r->scores[i].role);
	free(r->scores);
	for (size_t i = 0; i < r->ncompare; i++) {
		free(r->compare[i].title);
		free(r->compare[i].since);
		free(r->compare[i].note);
		free(r->compare[i].title_ja);
		free(r->compare[i].note_ja);
		free(r->compare[i].since_title);
		free(r->compare[i].since_title_ja);
	}
	free(r->compare);
	free_strs(r->notifications, r->nnotifications);
	free_strs(r->decisions, r->ndecisions);
	free_strs(r->unblocked, r->nunblocked);
	free_strs(r->steps, r->nsteps);
	free(r->case_json);
	free(r->hid);
	free(r->title);
	free(r->scenario);
	free(r->scenario_title);
	free(r->scenario_title_ja);
	memset(r, 0, sizeof(*r));
}

/* ---- rendering ---- */

/* Outcome names for people (translated with tr() where shown) and for JSON. */
static const char *const outcome_names[] = { N_("outcome|on time"), N_("outcome|late"),
	                                         N_("outcome|missed"), N_("outcome|pending") };
static const char *const outcome_keys[] = { "on_time", "late", "missed", "pending" };
/* The problems of unblocked_fn, as shown to people. */
static const char *const problem_names[] = { N_("blocked by host only"), N_("never blocked") };

/* MSGID translated; "outcome|late" untranslated shows what follows the bar
 * (the part before it keeps the report's words apart from others'). */
static const char *
tr(const char *msgid)
{
	const char *t = _(msgid), *bar = strchr(t, '|');

	return bar && t == msgid ? bar + 1 : t;
}

/* Field I (0-based) of a tab-separated line, copied into BUF. */
static const char *
field(const char *line, int i, char *buf, size_t len)
{
	const char *p = line;

	for (; i > 0 && p; i--)
		if ((p = strchr(p, '\t')))
			p++;
	if (!p) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, len, "%.*s", (int)strcspn(p, "\t"), p);
	return buf;
}

/* A time a person reads: local, in the language's order; EMPTY for 0. */
static const char *
fmt_local(int64_t t, const char *empty, char *buf, size_t len)
{
	if (!t || !i18n_time(buf, len, t))
		snprintf(buf, len, "%s", empty);
	return buf;
}

/* The time in field I of LINE (UTC seconds), local, into BUF. */
static const char *
field_time(const char *line, int i, const char *empty, char *buf, size_t len)
{
	char n[32];

	return fmt_local(strtoll(field(line, i, n, sizeof(n)), NULL, 10), empty, buf, len);
}

/* "late by 1h05m" / "on time" / "missed", in the messages' language. */
static void
fmt_late(const rp_item *it, char *buf, size_t len)
{
	char d[48];

	if (it->outcome == RP_LATE) {
		i18n_duration(d, sizeof(d), it->done - it->due);
		snprintf(buf, len, _("late by %s"), d);
	} else {
		snprintf(buf, len, "%s", tr(outcome_names[it->outcome]));
	}
}

static void
fmt_delay(int never, int64_t d, char *buf, size_t len)
{
	if (never == -1)
		snprintf(buf, len, "-");
	else if (never)
		snprintf(buf, len, "%s", _("never"));
	else
		i18n_duration(buf, len, d);
}

void
report_item_what(const rp_item *it, char *buf, size_t len)
{
	const char *t = it->target ? it->target : it->what;

	switch (it->xkind) {
	case SC_X_NOTIFY:
		snprintf(buf, len, _("notify %s"), label_of(LABEL_ROLE, t));
		break;
	case SC_X_STEP:
		if (it->kind == RP_TIMER)
			snprintf(buf, len, _("step %s"), t);
		else
			snprintf(buf, len, _("step %s done"), t);
		break;
	case SC_X_BLOCK_DOMAIN:
		snprintf(buf, len, _("block the registrable domain of %s"), t);
		break;
	case SC_X_BLOCK_SENDER:
		snprintf(buf, len, _("block the sender %s"), t);
		break;
	case SC_X_DECISION:
		snprintf(buf, len, _("decide on %s"), label_of(LABEL_QUESTION, t));
		break;
	default:
		snprintf(buf, len, "%s", it->what);
	}
}

static const char *
fmt_by(const rp_item *it)
{
	return it->overridden ? _("overridden") : it->by ? it->by : "-";
}

static const char *
problem_label(const char *p)
{
	for (size_t i = 0; i < NELEM(problem_names); i++)
		if (strcmp(p, problem_names[i]) == 0)
			return _(problem_names[i]);
	return p;
}

static const char *
banner(const report *r)
{
	return r->exercise ? _("EXERCISE — not a real incident") : NULL;
}

/* The report's heading: "After-action report: EXERCISE EX-2015-0001". */
static char *
heading(const report *r)
{
	return r->exercise ? text_asprintf(_("After-action report: EXERCISE %s"), r->hid)
	                   : text_asprintf(_("After-action report: %s"), r->hid);
}

/* The year of the real incident a scenario replays, local ("2015"). */
static void
story_year(const report *r, char *buf, size_t len)
{
	time_t t = (time_t)(r->story_start ? r->story_start : r->opened_at);
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(buf, len, "%Y", &tm))
		snprintf(buf, len, "?");
}

/* One comparison as a sentence: "Executives told — 2015: 17d03h after
 * "Two mails…"; this exercise: 4h31m later." ESC escapes stored text. */
static char *
compare_sentence(const report *r, const rp_compare *c, char *(*esc)(const char *))
{
	char year[16], d[48], now[200];
	const char *since_t = c->since_title ? pb_lang_pick(c->since_title, c->since_title_ja)
	                                     : _("the start of the story");
	char *title = esc(pb_lang_pick(c->title, c->title_ja)), *since = esc(since_t);
	char *then = NULL, *out;

	story_year(r, year, sizeof(year));
	if (c->ref_never) {
		then = xstrdup(_("never done"));
	} else {
		i18n_duration(d, sizeof(d), c->ref_delay);
		/* TRANSLATORS: a delay and what it counts from: "17d03h after
		   "Two mails…"" → 「「標的型メールの受信」から17日3時間後」. */
		then = text_asprintf(_("%s after \"%s\""), d, since ? since : "");
	}
	if (c->ex_never == -1) {
		snprintf(now, sizeof(now), "%s", _("nothing to compare"));
	} else if (c->ex_never) {
		snprintf(now, sizeof(now), "%s", _("not done"));
	} else {
		i18n_duration(d, sizeof(d), c->ex_delay);
		/* TRANSLATORS: the same delay in the exercise: "42m later" → 「42分後」. */
		snprintf(now, sizeof(now), _("%s later"), d);
	}
	out = NULL;
	if (title && since && then)
		/* TRANSLATORS: "Executives told — 2015: 17d03h after "…"; this
		   exercise: 42m later." %1$s the reference's title, %2$s the year of
		   the real incident, %3$s what was done then, %4$s what the
		   exercise did. */
		out = text_asprintf(_("%1$s — %2$s: %3$s; this exercise: %4$s."), title, year, then, now);
	free(title);
	free(since);
	free(then);
	return out;
}

/* S escaped for a Markdown table cell or line (malloc'd). */
static char *
esc_md(const char *s)
{
	struct sb b = { 0 };

	sb_md(&b, s ? s : "");
	return sb_done(&b);
}

/* S escaped for HTML text (malloc'd). */
static char *
esc_html(const char *s)
{
	struct sb b = { 0 };

	sb_html(&b, s ? s : "");
	return sb_done(&b);
}

/* "Times are local (JST)." */
static void
zone_note(const report *r, char *buf, size_t len)
{
	time_t t = (time_t)r->now;
	struct tm tm;
	char z[64];

	if (!localtime_r(&t, &tm) || !strftime(z, sizeof(z), "%Z", &tm))
		snprintf(z, sizeof(z), "?");
	snprintf(buf, len, _("Times are local (%s)."), z);
}

static void
md_row_start(struct sb *b)
{
	sb_printf(b, "|");
}

static void
md_cell(struct sb *b, const char *s)
{
	sb_printf(b, " ");
	sb_md(b, s);
	sb_printf(b, " |");
}

/* A Markdown table header of N translated column names. */
static void
md_head(struct sb *b, const char *const *cols, size_t n)
{
	md_row_start(b);
	for (size_t i = 0; i < n; i++)
		md_cell(b, tr(cols[i]));
	sb_printf(b, "\n|");
	for (size_t i = 0; i < n; i++)
		sb_printf(b, "---|");
	sb_printf(b, "\n");
}

static const char *const score_cols[] = { N_("role"), N_("outcome|on time"), N_("outcome|late"),
	                                      N_("outcome|missed"), N_("outcome|pending") };
static const char *const compare_cols[] = { N_("what"), N_("then"), N_("this exercise"),
	                                        N_("counted from") };
static const char *const item_cols[] = { N_("due"), N_("what"), N_("role"), N_("done at"),
	                                     N_("result"), N_("by") };
static const char *const step_cols[] = { N_("state"), N_("step"), N_("due"), N_("done at"),
	                                     N_("assignee") };

static char *
render_md(const report *r)
{
	struct sb b = { 0 };
	char t1[80], t2[80], late[200], what[700], f[6][1200];
	char *s, *h = heading(r);

	if (banner(r))
		sb_printf(&b, "> **%s**\n\n", banner(r));
	sb_printf(&b, "# ");
	sb_md(&b, h);
	free(h);
	sb_printf(&b, "\n\n");
	sb_md(&b, r->title);
	sb_printf(&b, "\n\n");
	if (r->scenario) {
		sb_printf(&b, "%s **", _("Scenario:"));
		sb_md(&b, r->scenario);
		sb_printf(&b, "** — ");
		sb_md(&b, pb_lang_pick(r->scenario_title, r->scenario_title_ja));
		if (r->scenario_title_ja && !i18n_is_japanese()) {
			sb_printf(&b, " (");
			sb_md(&b, r->scenario_title_ja);
			sb_printf(&b, ")");
		}
		sb_printf(&b, "\n\n");
	}
	fmt_local(r->now, "-", t1, sizeof(t1));
	snprintf(f[0], sizeof(f[0]), r->exercise ? _("As of %s (exercise clock).")
	                                         : _("As of %s (real clock)."), t1);
	zone_note(r, late, sizeof(late));
	snprintf(f[1], sizeof(f[1]), _("Audit chain head: `%s` (`irdesk check --head` proves the "
	                               "record still holds it)."), r->audit_head);
	/* TRANSLATORS: three sentences in a row: English puts a space between
	   them, Japanese none. */
	sb_printf(&b, _("%s %s %s"), f[0], late, f[1]);
	sb_printf(&b, "\n\n## %s\n\n", _("Score"));
	md_head(&b, score_cols, NELEM(score_cols));
	for (size_t i = 0; i < r->nscores; i++) {
		const rp_score *sc = &r->scores[i];
		sb_printf(&b, "| ");
		if (sc->role)
			sb_md(&b, label_of(LABEL_ROLE, sc->role));
		else
			sb_printf(&b, "**%s**", _("overall"));
		sb_printf(&b, " | %d | %d | %d | %d |\n", sc->on_time, sc->late, sc->missed,
		          sc->pending);
	}
	if (r->ncompare) {
		sb_printf(&b, "\n## %s\n\n", _("Compared with the real incident"));
		for (size_t i = 0; i < r->ncompare; i++) {
			if ((s = compare_sentence(r, &r->compare[i], esc_md)))
				sb_printf(&b, "- %s\n", s);
			else
				b.oom = 1;
			free(s);
		}
		sb_printf(&b, "\n");
		md_head(&b, compare_cols, NELEM(compare_cols));
		for (size_t i = 0; i < r->ncompare; i++) {
			const rp_compare *c = &r->compare[i];
			fmt_delay(c->ref_never, c->ref_delay, t1, sizeof(t1));
			fmt_delay(c->ex_never, c->ex_delay, t2, sizeof(t2));
			md_row_start(&b);
			md_cell(&b, pb_lang_pick(c->title, c->title_ja));
			md_cell(&b, t1);
			md_cell(&b, t2);
			md_cell(&b, c->since_title ? c->since : _("the start of the story"));
			sb_printf(&b, "\n");
		}
	}
	sb_printf(&b, "\n## %s\n\n", _("Deadlines (timers and expectations)"));
	md_head(&b, item_cols, NELEM(item_cols));
	for (size_t i = 0; i < r->nitems; i++) {
		const rp_item *it = &r->items[i];
		fmt_local(it->due, "-", t1, sizeof(t1));
		fmt_local(it->done, _("never"), t2, sizeof(t2));
		fmt_late(it, late, sizeof(late));
		report_item_what(it, what, sizeof(what));
		md_row_start(&b);
		md_cell(&b, t1);
		md_cell(&b, what);
		md_cell(&b, label_of(LABEL_ROLE, it->role));
		md_cell(&b, t2);
		md_cell(&b, late);
		md_cell(&b, fmt_by(it));
		sb_printf(&b, "\n");
	}
	sb_printf(&b, "\n## %s\n\n", _("Notifications, in order"));
	if (!r->nnotifications)
		sb_printf(&b, "%s\n", _("None."));
	for (size_t i = 0; i < r->nnotifications; i++) {
		char *role, *by, *note;
		for (int k = 1; k < 5; k++)
			field(r->notifications[i], k, f[k], sizeof(f[k]));
		field_time(r->notifications[i], 0, "-", t1, sizeof(t1));
		role = esc_md(label_of(LABEL_ROLE, f[1]));
		by = esc_md(f[2]);
		note = esc_md(f[4]);
		sb_printf(&b, "%zu. ", i + 1);
		/* TRANSLATORS: one notification: %1$s when, %2$s who was told,
		   %3$s who told them, %4$s how (phone...). */
		sb_printf(&b, _("%1$s — %2$s told by %3$s (%4$s)"), t1, role ? role : "", by ? by : "",
		          label_of(LABEL_CHANNEL, f[3]));
		sb_printf(&b, "%s%s\n", *f[4] ? ": " : "", note ? note : "");
		free(role);
		free(by);
		free(note);
	}
	sb_printf(&b, "\n## %s\n\n", _("Decisions"));
	if (!r->ndecisions)
		sb_printf(&b, "%s\n", _("None."));
	for (size_t i = 0; i < r->ndecisions; i++) {
		char *e[6] = { 0 };
		for (int k = 1; k < 6; k++)
			e[k] = esc_md(k == 1 ? label_of(LABEL_QUESTION, field(r->decisions[i], k, f[k],
			                                                     sizeof(f[k])))
			              : k == 2 ? label_of(LABEL_CHOICE, field(r->decisions[i], k, f[k],
			                                                    sizeof(f[k])))
			                       : field(r->decisions[i], k, f[k], sizeof(f[k])));
		field_time(r->decisions[i], 0, "-", t1, sizeof(t1));
		sb_printf(&b, "- ");
		/* TRANSLATORS: one decision: %1$s when, %2$s the question,
		   %3$s the choice, %4$s who decided, %5$s why, %6$s the paths it
		   left open (a JSON list). */
		sb_printf(&b, _("%1$s **%2$s**: %3$s by %4$s — %5$s; paths left open: %6$s"), t1,
		          e[1] ? e[1] : "", e[2] ? e[2] : "", e[3] ? e[3] : "", e[4] ? e[4] : "",
		          e[5] ? e[5] : "");
		sb_printf(&b, "\n");
		for (int k = 1; k < 6; k++)
			free(e[k]);
	}
	sb_printf(&b, "\n## %s\n\n", _("Indicators never blocked or blocked by host only"));
	if (!r->nunblocked)
		sb_printf(&b, "%s\n", _("None."));
	for (size_t i = 0; i < r->nunblocked; i++) {
		char *ind, *dom;
		for (int k = 0; k < 4; k++)
			field(r->unblocked[i], k, f[k], sizeof(f[k]));
		ind = esc_md(f[1]);
		dom = esc_md(f[2]);
		sb_printf(&b, "- ");
		/* TRANSLATORS: %1$s the indicator, %2$s its role (sender, C&C),
		   %3$s its registrable domain, %4$s what is wrong. */
		sb_printf(&b, _("%1$s (%2$s; registrable domain %3$s): %4$s"), ind ? ind : "",
		          label_of(LABEL_IOC_ROLE, f[0]), dom ? dom : "", problem_label(f[3]));
		sb_printf(&b, "\n");
		free(ind);
		free(dom);
	}
	sb_printf(&b, "\n## %s\n\n", _("Steps"));
	md_head(&b, step_cols, NELEM(step_cols));
	for (size_t i = 0; i < r->nsteps; i++) {
		md_row_start(&b);
		md_cell(&b, label_of(LABEL_STEP_STATE, field(r->steps[i], 0, f[0], sizeof(f[0]))));
		md_cell(&b, field(r->steps[i], 1, f[1], sizeof(f[1])));
		md_cell(&b, field_time(r->steps[i], 2, "-", t1, sizeof(t1)));
		md_cell(&b, field_time(r->steps[i], 3, "-", t2, sizeof(t2)));
		md_cell(&b, field(r->steps[i], 4, f[4], sizeof(f[4])));
		sb_printf(&b, "\n");
	}
	return sb_done(&b);
}

/* T (UTC seconds) as its ISO-8601 Z string, even 0. */
static void
json_at(struct sb *b, int64_t t)
{
	char buf[40];

	clock_format_utc(t, buf, sizeof(buf));
	sb_json(b, buf);
}

static void
json_time(struct sb *b, int64_t t)
{
	char buf[40];

	if (!t) {
		sb_printf(b, "null");
		return;
	}
	clock_format_utc(t, buf, sizeof(buf));
	sb_json(b, buf);
}

static char *
render_json(const report *r)
{
	struct sb b = { 0 };
	char f[6][1200];

	sb_printf(&b, "{\"case\":");
	sb_json(&b, r->hid);
	sb_printf(&b, ",\"title\":");
	sb_json(&b, r->title);
	sb_printf(&b, ",\"exercise\":%s,\"marking\":", r->exercise ? "true" : "false");
	sb_json(&b, r->exercise ? "EXERCISE" : NULL);
	sb_printf(&b, ",\"scenario\":");
	sb_json(&b, r->scenario);
	sb_printf(&b, ",\"as_of\":");
	json_time(&b, r->now);
	sb_printf(&b, ",\"audit_head\":");
	sb_json(&b, r->audit_head);
	sb_printf(&b, ",\"score\":[");
	for (size_t i = 0; i < r->nscores; i++) {
		const rp_score *s = &r->scores[i];
		sb_printf(&b, "%s{\"role\":", i ? "," : "");
		sb_json(&b, s->role ? s->role : "overall");
		sb_printf(&b, ",\"on_time\":%d,\"late\":%d,\"missed\":%d,\"pending\":%d}", s->on_time,
		          s->late, s->missed, s->pending);
	}
	sb_printf(&b, "],\"items\":[");
	for (size_t i = 0; i < r->nitems; i++) {
		const rp_item *it = &r->items[i];
		sb_printf(&b, "%s{\"kind\":\"%s\",\"what\":", i ? "," : "",
		          it->kind == RP_TIMER ? "timer" : "expectation");
		sb_json(&b, it->what);
		sb_printf(&b, ",\"role\":");
		sb_json(&b, it->role);
		sb_printf(&b, ",\"source\":");
		sb_json(&b, it->source);
		sb_printf(&b, ",\"from\":");
		json_time(&b, it->from);
		sb_printf(&b, ",\"due\":");
		json_time(&b, it->due);
		sb_printf(&b, ",\"done\":");
		json_time(&b, it->done);
		sb_printf(&b, ",\"late_seconds\":");
		if (it->done)
			sb_printf(&b, "%lld", (long long)(it->done > it->due ? it->done - it->due : 0));
		else
			sb_printf(&b, "null");
		sb_printf(&b, ",\"by\":");
		sb_json(&b, it->by);
		sb_printf(&b, ",\"outcome\":\"%s\"}", outcome_keys[it->outcome]);
	}
	sb_printf(&b, "],\"notifications\":[");
	for (size_t i = 0; i < r->nnotifications; i++) {
		for (int k = 0; k < 5; k++)
			field(r->notifications[i], k, f[k], sizeof(f[k]));
		sb_printf(&b, "%s{\"at\":", i ? "," : "");
		json_at(&b, strtoll(f[0], NULL, 10));
		sb_printf(&b, ",\"role\":");
		sb_json(&b, f[1]);
		sb_printf(&b, ",\"by\":");
		sb_json(&b, f[2]);
		sb_printf(&b, ",\"channel\":");
		sb_json(&b, f[3]);
		sb_printf(&b, ",\"note\":");
		sb_json(&b, *f[4] ? f[4] : NULL);
		sb_printf(&b, "}");
	}
	sb_printf(&b, "],\"decisions\":[");
	for (size_t i = 0; i < r->ndecisions; i++) {
		for (int k = 0; k < 6; k++)
			field(r->decisions[i], k, f[k], sizeof(f[k]));
		sb_printf(&b, "%s{\"at\":", i ? "," : "");
		json_at(&b, strtoll(f[0], NULL, 10));
		sb_printf(&b, ",\"question\":");
		sb_json(&b, f[1]);
		sb_printf(&b, ",\"choice\":");
		sb_json(&b, f[2]);
		sb_printf(&b, ",\"decided_by\":");
		sb_json(&b, f[3]);
		sb_printf(&b, ",\"rationale\":");
		sb_json(&b, f[4]);
		sb_printf(&b, ",\"open_paths\":%s}", *f[5] == '[' ? f[5] : "[]");
	}
	sb_printf(&b, "],\"unblocked_indicators\":[");
	for (size_t i = 0; i < r->nunblocked; i++) {
		for (int k = 0; k < 4; k++)
			field(r->unblocked[i], k, f[k], sizeof(f[k]));
		sb_printf(&b, "%s{\"role\":", i ? "," : "");
		sb_json(&b, f[0]);
		sb_printf(&b, ",\"indicator\":");
		sb_json(&b, f[1]);
		sb_printf(&b, ",\"registrable_domain\":");
		sb_json(&b, strcmp(f[2], "-") ? f[2] : NULL);
		sb_printf(&b, ",\"problem\":");
		sb_json(&b, f[3]);
		sb_printf(&b, "}");
	}
	sb_printf(&b, "],\"comparison\":[");
	for (size_t i = 0; i < r->ncompare; i++) {
		const rp_compare *c = &r->compare[i];
		sb_printf(&b, "%s{\"what\":", i ? "," : "");
		sb_json(&b, c->title);
		sb_printf(&b, ",\"since\":");
		sb_json(&b, c->since);
		sb_printf(&b, ",\"reference_seconds\":");
		if (c->ref_never)
			sb_printf(&b, "null");
		else
			sb_printf(&b, "%lld", (long long)c->ref_delay);
		sb_printf(&b, ",\"exercise_seconds\":");
		if (c->ex_never)
			sb_printf(&b, "null");
		else
			sb_printf(&b, "%lld", (long long)c->ex_delay);
		sb_printf(&b, ",\"note\":");
		sb_json(&b, c->note);
		sb_printf(&b, "}");
	}
	sb_printf(&b, "]}");
	return sb_done(&b);
}

/* ---- HTML with an inline SVG timeline ---- */

#define W 960
#define LEFT 340
#define RIGHT 30

/* S cut to about COLS columns (wide characters count two) on a character
 * boundary, with "…" when cut, HTML-escaped into B. */
static void
sb_label(struct sb *b, const char *s, int cols)
{
	size_t i = 0, n = strlen(s);
	int w = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		int cw = c >= 0xE1 ? 2 : 1; /* CJK and most of the BMP above U+1000 */

		if (w + cw > cols)
			break;
		w += cw;
		i += len;
	}
	if (i >= n) {
		sb_html(b, s);
		return;
	}
	{
		char *cut = strndup(s, i);
		if (!cut) {
			b->oom = 1;
			return;
		}
		sb_html(b, cut);
		free(cut);
		sb_put(b, "\xe2\x80\xa6", 3);
	}
}

static double
xpos(int64_t t, int64_t t0, int64_t t1)
{
	if (t1 <= t0)
		return LEFT;
	if (t < t0)
		t = t0;
	if (t > t1)
		t = t1;
	return LEFT + (double)(t - t0) * (W - LEFT - RIGHT) / (double)(t1 - t0);
}

static void
svg_chart(struct sb *b, const report *r)
{
	int64_t t0 = r->story_start ? r->story_start : r->opened_at, t1 = r->now;
	size_t rows = r->nitems + (r->ncompare ? r->ncompare + 1 : 0);
	int h = 50 + (int)rows * 18 + 30, y = 40;
	char lab[200], what[700];

	for (size_t i = 0; i < r->nitems; i++) {
		if (r->items[i].due > t1)
			t1 = r->items[i].due;
		if (r->items[i].done > t1)
			t1 = r->items[i].done;
	}
	for (size_t i = 0; i < r->ncompare; i++)
		if (r->compare[i].ref_at > t1)
			t1 = r->compare[i].ref_at;
	if (t1 <= t0)
		t1 = t0 + 3600;
	sb_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	          "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", W, h, W, h);
	sb_html(b, _("Timeline"));
	sb_printf(b, "\">\n");
	sb_printf(b, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", W, h);
	for (int k = 0; k <= 4; k++) {
		int64_t t = t0 + (t1 - t0) * k / 4;
		double x = xpos(t, t0, t1);
		fmt_local(t, "", lab, sizeof(lab));
		sb_printf(b, "<line x1=\"%.1f\" y1=\"25\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
		          "<text x=\"%.1f\" y=\"18\" font-size=\"10\" text-anchor=\"middle\">",
		          x, x, h - 20, x);
		sb_html(b, lab);
		sb_printf(b, "</text>\n");
	}
	for (size_t i = 0; i < r->nitems; i++, y += 18) {
		const rp_item *it = &r->items[i];
		double xf = xpos(it->from, t0, t1), xd = xpos(it->due, t0, t1);
		const char *col = it->outcome == RP_ON_TIME ? "#2e7d32" : it->outcome == RP_LATE
		                ? "#ef6c00" : it->outcome == RP_MISSED ? "#c62828" : "#9e9e9e";
		report_item_what(it, what, sizeof(what));
		sb_printf(b, "<text x=\"4\" y=\"%d\" font-size=\"10\"><title>", y + 4);
		sb_html(b, what);
		sb_printf(b, "</title>");
		sb_label(b, what, 62);
		sb_printf(b, "</text>\n<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
		          "stroke=\"#90a4ae\" stroke-width=\"4\"/>"
		          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\"/>\n",
		          xf, y, xd, y, xd, y - 6, xd, y + 6);
		if (it->done) {
			double xo = xpos(it->done, t0, t1);
			if (it->done > it->due)
				sb_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
				          "stroke-width=\"4\"/>", xd, y, xo, y, col);
			sb_printf(b, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"%s\"><title>", xo, y, col);
			fmt_late(it, lab, sizeof(lab));
			sb_html(b, lab);
			sb_printf(b, "</title></circle>\n");
		} else if (it->outcome == RP_MISSED) {
			sb_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"%s\">&#x2716; ",
			          xd + 4, y + 4, col);
			sb_html(b, _("never"));
			sb_printf(b, "</text>\n");
		}
	}
	if (r->ncompare) {
		sb_printf(b, "<text x=\"4\" y=\"%d\" font-size=\"11\" font-weight=\"bold\">", y + 4);
		/* TRANSLATORS: the legend of the timeline's comparison rows. */
		sb_html(b, _("reference (real incident) \u25C6 vs this exercise \u25CF"));
		sb_printf(b, "</text>\n");
		y += 18;
	}
	for (size_t i = 0; i < r->ncompare; i++, y += 18) {
		const rp_compare *c = &r->compare[i];
		sb_printf(b, "<text x=\"4\" y=\"%d\" font-size=\"10\">", y + 4);
		sb_html(b, pb_lang_pick(c->title, c->title_ja));
		sb_printf(b, "</text>\n");
		if (!c->ref_never) {
			double x = xpos(c->ref_at, t0, t1);
			sb_printf(b, "<path d=\"M%.1f %d l6 6 l-6 6 l-6 -6 z\" fill=\"#6a1b9a\"/>\n", x, y - 6);
		} else {
			sb_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#6a1b9a\" "
			          "text-anchor=\"end\">", W - RIGHT, y + 4);
			sb_html(b, _("then: never"));
			sb_printf(b, "</text>\n");
		}
		if (c->ex_never == 0)
			sb_printf(b, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"#1565c0\"/>\n",
			          xpos(c->ex_at, t0, t1), y);
	}
	sb_printf(b, "</svg>\n");
}

static void
html_row(struct sb *b, const char *const *cells, size_t n, const char *cls)
{
	sb_printf(b, "<tr%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
	for (size_t i = 0; i < n; i++) {
		sb_printf(b, "<td>");
		sb_html(b, cells[i]);
		sb_printf(b, "</td>");
	}
	sb_printf(b, "</tr>\n");
}

/* A header row of N translated column names. */
static void
html_head(struct sb *b, const char *const *cols, size_t n)
{
	sb_printf(b, "<table><tr>");
	for (size_t i = 0; i < n; i++) {
		sb_printf(b, "<th>");
		sb_html(b, tr(cols[i]));
		sb_printf(b, "</th>");
	}
	sb_printf(b, "</tr>\n");
}

static const char *const compare_html_cols[] = { N_("what"), N_("then"), N_("this exercise"),
	                                             N_("counted from"), N_("note") };
static const char *const notify_cols[] = { N_("at"), N_("role"), N_("by"), N_("channel"),
	                                       N_("note") };
static const char *const decision_cols[] = { N_("at"), N_("question"), N_("choice"), N_("by"),
	                                         N_("rationale"), N_("paths left open") };
static const char *const unblocked_cols[] = { N_("role"), N_("indicator"),
	                                          N_("registrable domain"), N_("problem") };

static void
html_h2(struct sb *b, const char *title)
{
	sb_printf(b, "<h2>");
	sb_html(b, title);
	sb_printf(b, "</h2>\n");
}

static char *
render_html(const report *r)
{
	static const char css[] =
		"body{font-family:sans-serif;margin:2em;color:#222}"
		".banner{background:#c62828;color:#fff;font-weight:bold;padding:.5em 1em;"
		"font-size:1.2em;letter-spacing:.1em}"
		"table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;"
		"padding:.2em .5em;font-size:.9em;text-align:left}th{background:#eee}"
		"tr.late td{background:#fff3e0}tr.missed td{background:#ffebee}"
		"tr.on_time td{background:#e8f5e9}@media print{.banner{-webkit-print-color-adjust:exact}}";
	struct sb b = { 0 };
	char t1[80], t2[80], late[200], what[700], f[6][1200];
	char *h = heading(r), *s;

	sb_printf(&b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	          "style-src 'unsafe-inline'\"><title>", i18n_lang());
	sb_html(&b, h);
	sb_printf(&b, "</title><style>%s</style></head><body>\n", css);
	if (banner(r)) {
		sb_printf(&b, "<div class=\"banner\">");
		sb_html(&b, banner(r));
		sb_printf(&b, "</div>\n");
	}
	sb_printf(&b, "<h1>");
	sb_html(&b, h);
	free(h);
	sb_printf(&b, "</h1>\n<p>");
	sb_html(&b, r->title);
	sb_printf(&b, "</p>\n");
	if (r->scenario) {
		sb_printf(&b, "<p>");
		sb_html(&b, _("Scenario:"));
		sb_printf(&b, " <b>");
		sb_html(&b, r->scenario);
		sb_printf(&b, "</b>: ");
		sb_html(&b, pb_lang_pick(r->scenario_title, r->scenario_title_ja));
		if (r->scenario_title_ja && !i18n_is_japanese()) {
			sb_printf(&b, " (<span lang=\"ja\">");
			sb_html(&b, r->scenario_title_ja);
			sb_printf(&b, "</span>)");
		}
		sb_printf(&b, "</p>\n");
	}
	fmt_local(r->now, "-", t1, sizeof(t1));
	snprintf(f[0], sizeof(f[0]), r->exercise ? _("As of %s (exercise clock).")
	                                         : _("As of %s (real clock)."), t1);
	zone_note(r, late, sizeof(late));
	snprintf(f[1], sizeof(f[1]), _("Audit chain head: `%s` (`irdesk check --head` proves the "
	                               "record still holds it)."), r->audit_head);
	snprintf(f[2], sizeof(f[2]), _("%s %s %s"), f[0], late, f[1]);
	sb_printf(&b, "<p>");
	/* `code` spans of the Markdown message become <code> */
	{
		int in = 0;
		for (const char *p = f[2]; *p; p++) {
			if (*p == '`') {
				sb_printf(&b, in ? "</code>" : "<code>");
				in = !in;
			} else {
				char one[2] = { *p, 0 };
				sb_html(&b, one);
			}
		}
		if (in)
			sb_printf(&b, "</code>");
	}
	sb_printf(&b, "</p>\n");
	html_h2(&b, _("Timeline"));
	svg_chart(&b, r);
	html_h2(&b, _("Score"));
	html_head(&b, score_cols, NELEM(score_cols));
	for (size_t i = 0; i < r->nscores; i++) {
		const rp_score *sc = &r->scores[i];
		char n[4][16];
		const char *cells[5] = { sc->role ? label_of(LABEL_ROLE, sc->role) : _("overall"), n[0],
		                         n[1], n[2], n[3] };
		snprintf(n[0], 16, "%d", sc->on_time);
		snprintf(n[1], 16, "%d", sc->late);
		snprintf(n[2], 16, "%d", sc->missed);
		snprintf(n[3], 16, "%d", sc->pending);
		html_row(&b, cells, 5, NULL);
	}
	sb_printf(&b, "</table>\n");
	if (r->ncompare) {
		html_h2(&b, _("Compared with the real incident"));
		sb_printf(&b, "<ul>\n");
		for (size_t i = 0; i < r->ncompare; i++) {
			if ((s = compare_sentence(r, &r->compare[i], esc_html)))
				sb_printf(&b, "<li>%s</li>\n", s); /* its parts are escaped */
			else
				b.oom = 1;
			free(s);
		}
		sb_printf(&b, "</ul>\n");
		html_head(&b, compare_html_cols, NELEM(compare_html_cols));
		for (size_t i = 0; i < r->ncompare; i++) {
			const rp_compare *c = &r->compare[i];
			const char *note = pb_lang_pick(c->note, c->note_ja);
			const char *cells[5] = { pb_lang_pick(c->title, c->title_ja), t1, t2,
			                         c->since_title ? c->since : _("the start of the story"),
			                         note ? note : "" };
			fmt_delay(c->ref_never, c->ref_delay, t1, sizeof(t1));
			fmt_delay(c->ex_never, c->ex_delay, t2, sizeof(t2));
			html_row(&b, cells, 5, NULL);
		}
		sb_printf(&b, "</table>\n");
	}
	html_h2(&b, _("Deadlines"));
	html_head(&b, item_cols, NELEM(item_cols));
	for (size_t i = 0; i < r->nitems; i++) {
		const rp_item *it = &r->items[i];
		const char *cells[6] = { t1, what, label_of(LABEL_ROLE, it->role), t2, late,
		                         fmt_by(it) };
		fmt_local(it->due, "-", t1, sizeof(t1));
		fmt_local(it->done, _("never"), t2, sizeof(t2));
		fmt_late(it, late, sizeof(late));
		report_item_what(it, what, sizeof(what));
		html_row(&b, cells, 6, outcome_keys[it->outcome]);
	}
	sb_printf(&b, "</table>\n");
	html_h2(&b, _("Notifications"));
	html_head(&b, notify_cols, NELEM(notify_cols));
	for (size_t i = 0; i < r->nnotifications; i++) {
		const char *cells[5];
		for (int k = 1; k < 5; k++)
			cells[k] = field(r->notifications[i], k, f[k], sizeof(f[k]));
		cells[0] = field_time(r->notifications[i], 0, "-", t1, sizeof(t1));
		cells[1] = label_of(LABEL_ROLE, cells[1]);
		cells[3] = label_of(LABEL_CHANNEL, cells[3]);
		html_row(&b, cells, 5, NULL);
	}
	sb_printf(&b, "</table>\n");
	html_h2(&b, _("Decisions"));
	html_head(&b, decision_cols, NELEM(decision_cols));
	for (size_t i = 0; i < r->ndecisions; i++) {
		const char *cells[6];
		for (int k = 1; k < 6; k++)
			cells[k] = field(r->decisions[i], k, f[k], sizeof(f[k]));
		cells[0] = field_time(r->decisions[i], 0, "-", t1, sizeof(t1));
		cells[1] = label_of(LABEL_QUESTION, cells[1]);
		cells[2] = label_of(LABEL_CHOICE, cells[2]);
		html_row(&b, cells, 6, NULL);
	}
	sb_printf(&b, "</table>\n");
	html_h2(&b, _("Indicators never blocked or blocked by host only"));
	html_head(&b, unblocked_cols, NELEM(unblocked_cols));
	for (size_t i = 0; i < r->nunblocked; i++) {
		const char *cells[4];
		for (int k = 0; k < 4; k++)
			cells[k] = field(r->unblocked[i], k, f[k], sizeof(f[k]));
		cells[0] = label_of(LABEL_IOC_ROLE, cells[0]);
		cells[3] = problem_label(cells[3]);
		html_row(&b, cells, 4, "missed");
	}
	sb_printf(&b, "</table>\n");
	html_h2(&b, _("Steps"));
	html_head(&b, step_cols, NELEM(step_cols));
	for (size_t i = 0; i < r->nsteps; i++) {
		const char *cells[5];
		cells[0] = label_of(LABEL_STEP_STATE, field(r->steps[i], 0, f[0], sizeof(f[0])));
		cells[1] = field(r->steps[i], 1, f[1], sizeof(f[1]));
		cells[2] = field_time(r->steps[i], 2, "-", t1, sizeof(t1));
		cells[3] = field_time(r->steps[i], 3, "-", t2, sizeof(t2));
		cells[4] = field(r->steps[i], 4, f[4], sizeof(f[4]));
		html_row(&b, cells, 5, NULL);
	}
	sb_printf(&b, "</table>\n");
	if (banner(r)) {
		sb_printf(&b, "<div class=\"banner\">");
		sb_html(&b, banner(r));
		sb_printf(&b, "</div>\n");
	}
	sb_printf(&b, "</body></html>\n");
	return sb_done(&b);
}

char *
report_render(const report *r, report_format f)
{
	return f == REPORT_JSON ? render_json(r) : f == REPORT_HTML ? render_html(r) : render_md(r);
}
