/* case_tabs.c - what each tab of the case screen shows: its columns (and
 * the order they give way at 80 columns) and how its rows are read, one
 * record reader per tab (step_each, timer_each, event_each, ...). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "records/asset.h"
#include "records/block.h"
#include "records/decision.h"
#include "records/evidence.h"
#include "records/indicator.h"
#include "records/notify.h"
#include "records/step.h"
#include "records/timer.h"
#include "store/event.h"
#include "ui/case.h"

/* A countdown to DUE, or "-" without one. */
static void
due_text(const case_screen *cs, int64_t due, char *buf, size_t len)
{
	if (due)
		ui_countdown(due, cs->now, buf, len);
	else
		snprintf(buf, len, "-");
}

/* How an open deadline looks: overdue, within the hour, or plain. */
static enum ui_role
due_role(const case_screen *cs, int64_t due)
{
	if (!due)
		return UI_NORMAL;
	if (due < cs->now)
		return UI_OVERDUE;
	return due - cs->now <= 3600 ? UI_SOON : UI_NORMAL;
}

/* A stored JSON array of names, ["a","b"], as "a, b" ("-" when empty). */
static void
json_names(const char *json, char *out, size_t len)
{
	size_t o = 0;

	for (const char *p = json ? json : ""; *p && o + 2 < len; p++) {
		if (*p == ',') {
			out[o++] = ',';
			out[o++] = ' ';
		} else if (*p != '[' && *p != ']' && *p != '"') {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
	if (!o)
		snprintf(out, len, "-");
}

/* ---- Steps ---- */

enum { ST_NUM, ST_STATE, ST_DUE, ST_WHO, ST_PHASE, ST_TITLE, ST_N };
static const ui_column STEP_COLS[ST_N] = {
	[ST_NUM] = { "#", 3, 0, 0, 1, 0, 0 },
	[ST_STATE] = { "STATE", 8, 0, 0, 0, 0, 0 },
	[ST_DUE] = { "DUE", 7, 0, 0, 1, 0, 0 },
	[ST_WHO] = { "ASSIGNEE", 10, 0, 2, 0, 0, 0 },
	[ST_PHASE] = { "PHASE", 11, 0, 1, 0, 0, 0 },
	[ST_TITLE] = { "STEP", 24, 1, 0, 0, 0, 0 },
};

static int
add_step(void *arg, const step_row *s)
{
	case_screen *cs = arg;
	int finished = strcmp(s->state, "done") == 0 || strcmp(s->state, "skipped") == 0;
	char due[24], t1[24], t2[24], t3[24];
	cs_row *r = cs_add_row(cs, s->id);

	if (!r)
		return 1;
	r->num = s->num;
	snprintf(r->ref, sizeof(r->ref), "%lld", (long long)s->num);
	snprintf(r->state, sizeof(r->state), "%s", s->state);
	if (finished) {
		snprintf(due, sizeof(due), "-");
	} else {
		due_text(cs, s->due_at, due, sizeof(due));
		r->due = s->due_at;
		r->due_col = ST_DUE;
	}
	r->role = finished ? UI_DIM : due_role(cs, s->due_at);
	cs_cell(cs, r, ST_NUM, "%lld", (long long)s->num);
	cs_cell(cs, r, ST_STATE, "%s", s->state);
	cs_cell(cs, r, ST_DUE, "%s", due);
	cs_cell(cs, r, ST_WHO, "%s", s->assignee ? s->assignee : "-");
	cs_cell(cs, r, ST_PHASE, "%s", s->phase ? s->phase : "-");
	cs_cell(cs, r, ST_TITLE, "%s", s->title);
	cs_time(s->created_at, t1, sizeof(t1));
	cs_time(s->due_at, t2, sizeof(t2));
	cs_detail(cs, r, "key          %s", s->key);
	cs_detail(cs, r, "needs        %s", s->requires && *s->requires ? s->requires : "-");
	cs_detail(cs, r, "made         %s   due %s", t1, t2);
	cs_time(s->started_at, t1, sizeof(t1));
	cs_time(s->finished_at, t3, sizeof(t3));
	cs_detail(cs, r, "started      %s   finished %s", t1, t3);
	if (s->note)
		cs_detail(cs, r, "note         %s", s->note);
	return 0;
}

static int
fetch_steps(ui_app *app, case_screen *cs, ird_err *e)
{
	return step_each(app->ctx, cs->id, add_step, cs, e);
}

/* ---- Timers ---- */

enum { TM_ID, TM_STATE, TM_DUE, TM_WHAT, TM_BY, TM_N };
static const ui_column TIMER_COLS[TM_N] = {
	[TM_ID] = { "#", 4, 0, 0, 1, 0, 0 },
	[TM_STATE] = { "STATE", 10, 0, 0, 0, 0, 0 },
	[TM_DUE] = { "DUE", 7, 0, 0, 1, 0, 0 },
	[TM_WHAT] = { "WHAT", 24, 1, 0, 0, 0, 0 },
	[TM_BY] = { "CLOSED BY", 22, 0, 1, 0, 0, 0 },
};

static int
add_timer(void *arg, const timer_row *t)
{
	case_screen *cs = arg;
	int open = strcmp(t->state, "pending") == 0 || strcmp(t->state, "fired") == 0;
	char due[24], at[24];
	cs_row *r = cs_add_row(cs, t->id);

	if (!r)
		return 1;
	snprintf(r->ref, sizeof(r->ref), "%lld", (long long)t->id);
	snprintf(r->extra, sizeof(r->extra), "%s", t->role ? t->role : "");
	snprintf(r->state, sizeof(r->state), "%s", open ? "open" : t->state);
	if (open) {
		due_text(cs, t->due_at, due, sizeof(due));
		r->due = t->due_at;
		r->due_col = TM_DUE;
	} else {
		snprintf(due, sizeof(due), "-");
	}
	r->role = open ? due_role(cs, t->due_at) : UI_DIM;
	cs_cell(cs, r, TM_ID, "%lld", (long long)t->id);
	cs_cell(cs, r, TM_STATE, "%s", t->state);
	cs_cell(cs, r, TM_DUE, "%s", due);
	if (t->role)
		cs_cell(cs, r, TM_WHAT, "notify %s", t->role);
	else
		cs_cell(cs, r, TM_WHAT, "step: %s", t->step_title ? t->step_title : t->rule);
	cs_cell(cs, r, TM_BY, "%s", t->override_reason ? t->override_reason
	                              : t->satisfied_by ? t->satisfied_by : "");
	cs_time(t->due_at, at, sizeof(at));
	cs_detail(cs, r, "rule         %s", t->rule);
	cs_detail(cs, r, "started by   %s", t->trigger ? t->trigger : "-");
	cs_detail(cs, r, "due          %s", at);
	if (t->hook_error)
		cs_detail(cs, r, "hook failed  %s (%d attempts)", t->hook_error, t->hook_attempts);
	if (t->override_reason)
		cs_detail(cs, r, "overridden   %s", t->override_reason);
	return 0;
}

/* Open timers first (due first, as read), then the closed ones. */
static int
fetch_timers(ui_app *app, case_screen *cs, ird_err *e)
{
	int rc = timer_each(app->ctx, cs->id, 0, 0, add_timer, cs, e), n = 0;
	cs_row *sorted;

	if (rc != IRD_OK || cs->nrows < 2)
		return rc;
	if (!(sorted = malloc((size_t)cs->nrows * sizeof(*sorted)))) {
		cs->oom = 1;
		return rc;
	}
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < cs->nrows; i++)
			if ((strcmp(cs->rows[i].state, "open") == 0) == (pass == 0))
				sorted[n++] = cs->rows[i];
	memcpy(cs->rows, sorted, (size_t)n * sizeof(*sorted));
	free(sorted);
	return rc;
}

/* ---- Timeline ---- */

enum { EV_WHEN, EV_WHO, EV_KIND, EV_TEXT, EV_N };
static const ui_column EVENT_COLS[EV_N] = {
	[EV_WHEN] = { "WHEN (UTC)", 16, 0, 0, 0, 0, 0 },
	[EV_WHO] = { "WHO", 10, 0, 2, 0, 0, 0 },
	[EV_KIND] = { "KIND", 8, 0, 1, 0, 0, 0 },
	[EV_TEXT] = { "WHAT HAPPENED", 24, 1, 0, 0, 0, 0 },
};

static int
add_event(void *arg, const event_row *ev)
{
	case_screen *cs = arg;
	char when[24], rec[24];
	cs_row *r = cs_add_row(cs, ev->id);

	if (!r)
		return 1;
	r->key = ev->happened_at;
	cs_time(ev->happened_at, when, sizeof(when));
	cs_cell(cs, r, EV_WHEN, "%s", when);
	cs_cell(cs, r, EV_WHO, "%s", ev->actor);
	cs_cell(cs, r, EV_KIND, "%s", ev->kind);
	cs_cell(cs, r, EV_TEXT, "%s", ev->text);
	cs_time(ev->recorded_at, rec, sizeof(rec));
	cs_detail(cs, r, "recorded     %s", rec);
	return 0;
}

/* Reverse rows FROM.. of CS (a page read newest first). */
static void
reverse_rows(case_screen *cs, int from)
{
	for (int i = from, j = cs->nrows - 1; i < j; i++, j--) {
		cs_row t = cs->rows[i];

		cs->rows[i] = cs->rows[j];
		cs->rows[j] = t;
	}
}

/* One page of events into CS; drops the LIMIT-th row, which only says
 * there is more (*MORE). Newest-first pages are put in order. */
static int
event_rows(ui_app *app, case_screen *cs, int64_t at, int64_t id, int dir, int limit, int *more,
           ird_err *e)
{
	int from = cs->nrows, rc = event_page(app->ctx, cs->id, at, id, dir, limit + 1, add_event,
	                                      cs, e);

	*more = cs->nrows - from > limit;
	if (*more) {
		cs_row *r = &cs->rows[--cs->nrows];

		for (int c = 0; c < CS_COLS; c++)
			free(r->cell[c]);
		free(r->detail);
	}
	if (dir < 0)
		reverse_rows(cs, from);
	return rc;
}

/* The timeline reads only a window: a page before the anchor and two
 * after it (the anchor's own included), or the first or last pages. */
static int
fetch_events(ui_app *app, case_screen *cs, ird_err *e)
{
	int page = cs->page > 0 ? cs->page : 20, rc;

	cs->more_before = cs->more_after = 0;
	switch (cs->anchor) {
	case CS_AT_START:
		return event_rows(app, cs, INT64_MIN, INT64_MIN, 1, 3 * page, &cs->more_after, e);
	case CS_AT_END:
		return event_rows(app, cs, INT64_MAX, INT64_MAX, -1, 3 * page, &cs->more_before, e);
	default:
		rc = event_rows(app, cs, cs->anchor_key, cs->anchor_id, -1, page, &cs->more_before, e);
		if (rc == IRD_OK)
			rc = event_rows(app, cs, cs->anchor_key, cs->anchor_id - 1, 1, 2 * page,
			                &cs->more_after, e);
		return rc;
	}
}

/* ---- Indicators ---- */

enum { IN_ID, IN_TYPE, IN_ROLE, IN_SEEN, IN_NORMAL, IN_REG, IN_N };
static const ui_column IOC_COLS[IN_N] = {
	[IN_ID] = { "#", 4, 0, 0, 1, 0, 0 },
	[IN_TYPE] = { "TYPE", 8, 0, 0, 0, 0, 0 },
	[IN_ROLE] = { "ROLE", 8, 0, 0, 0, 0, 0 },
	[IN_SEEN] = { "SEEN", 4, 0, 2, 1, 0, 0 },
	[IN_NORMAL] = { "INDICATOR (NORMAL FORM)", 24, 1, 0, 0, 0, 0 },
	[IN_REG] = { "REGISTRABLE", 20, 0, 1, 0, 0, 0 },
};

static int
add_indicator(void *arg, const indicator_row *in)
{
	case_screen *cs = arg;
	char t1[24], t2[24];
	cs_row *r = cs_add_row(cs, in->id);

	if (!r)
		return 1;
	snprintf(r->ref, sizeof(r->ref), "#%lld", (long long)in->id);
	snprintf(r->extra, sizeof(r->extra), "%s", in->type);
	cs_cell(cs, r, IN_ID, "%lld", (long long)in->id);
	cs_cell(cs, r, IN_TYPE, "%s", in->type);
	cs_cell(cs, r, IN_ROLE, "%s", in->role);
	cs_cell(cs, r, IN_SEEN, "%lld", (long long)in->seen_count);
	cs_cell(cs, r, IN_NORMAL, "%s%s", in->normal, in->exfil ? "  [exfiltration]" : "");
	cs_cell(cs, r, IN_REG, "%s", in->registrable ? in->registrable : "-");
	cs_detail(cs, r, "raw          %s", in->raw);
	cs_detail(cs, r, "host         %s", in->host ? in->host : "-");
	cs_time(in->first_seen, t1, sizeof(t1));
	cs_time(in->last_seen, t2, sizeof(t2));
	cs_detail(cs, r, "seen         %s .. %s", t1, t2);
	if (in->note)
		cs_detail(cs, r, "note         %s", in->note);
	return 0;
}

static int
fetch_indicators(ui_app *app, case_screen *cs, ird_err *e)
{
	return indicator_each(app->ctx, cs->id, add_indicator, cs, e);
}

/* ---- Blocks ---- */

enum { BL_ID, BL_STATE, BL_SCOPE, BL_TARGET, BL_FOR, BL_BY, BL_N };
static const ui_column BLOCK_COLS[BL_N] = {
	[BL_ID] = { "#", 4, 0, 0, 1, 0, 0 },
	[BL_STATE] = { "STATE", 9, 0, 0, 0, 0, 0 },
	[BL_SCOPE] = { "SCOPE", 7, 0, 0, 0, 0, 0 },
	[BL_TARGET] = { "TARGET", 20, 1, 0, 0, 0, 0 },
	[BL_FOR] = { "MADE FOR", 20, 0, 1, 0, 0, 0 },
	[BL_BY] = { "BY", 10, 0, 2, 0, 0, 0 },
};

static int
add_block(void *arg, const block_row *b)
{
	case_screen *cs = arg;
	char t[24];
	cs_row *r = cs_add_row(cs, b->id);

	if (!r)
		return 1;
	snprintf(r->ref, sizeof(r->ref), "%lld", (long long)b->id);
	snprintf(r->state, sizeof(r->state), "%s", b->state);
	r->role = strcmp(b->state, "lifted") == 0 ? UI_DIM : UI_NORMAL;
	cs_cell(cs, r, BL_ID, "%lld", (long long)b->id);
	cs_cell(cs, r, BL_STATE, "%s", b->state);
	cs_cell(cs, r, BL_SCOPE, "%s", b->scope);
	cs_cell(cs, r, BL_TARGET, "%s", b->target);
	cs_cell(cs, r, BL_FOR, "#%lld %s", (long long)b->indicator_id,
	        b->indicator ? b->indicator : "");
	cs_cell(cs, r, BL_BY, "%s", b->requested_by ? b->requested_by : "-");
	cs_time(b->requested_at, t, sizeof(t));
	cs_detail(cs, r, "requested    %s", t);
	cs_time(b->activated_at, t, sizeof(t));
	cs_detail(cs, r, "active       %s", t);
	cs_time(b->lifted_at, t, sizeof(t));
	cs_detail(cs, r, "lifted       %s", t);
	if (b->note)
		cs_detail(cs, r, "note         %s", b->note);
	return 0;
}

static int
fetch_blocks(ui_app *app, case_screen *cs, ird_err *e)
{
	return block_each(app->ctx, cs->id, add_block, cs, e);
}

/* ---- Assets ---- */

enum { AS_HOST, AS_STATE, AS_SITE, AS_INFECTED, AS_CHANGED, AS_N };
static const ui_column ASSET_COLS[AS_N] = {
	[AS_HOST] = { "HOST", 20, 1, 0, 0, 0, 0 },
	[AS_STATE] = { "STATE", 9, 0, 0, 0, 0, 0 },
	[AS_SITE] = { "SITE", 16, 0, 0, 0, 0, 0 },
	[AS_INFECTED] = { "INFECTED", 16, 0, 2, 0, 0, 0 },
	[AS_CHANGED] = { "CHANGED", 16, 0, 1, 0, 0, 0 },
};

static int
add_asset(void *arg, const asset_row *a)
{
	case_screen *cs = arg;
	char t1[24], t2[24];
	cs_row *r = cs_add_row(cs, a->id);

	if (!r)
		return 1;
	snprintf(r->ref, sizeof(r->ref), "%s", a->host);
	snprintf(r->extra, sizeof(r->extra), "%s", a->site ? a->site : "");
	snprintf(r->state, sizeof(r->state), "%s", a->state);
	r->role = strcmp(a->state, "infected") == 0 ? UI_SEV_HIGH
	          : strcmp(a->state, "clean") == 0 ? UI_DIM : UI_NORMAL;
	cs_time(a->infected_at, t1, sizeof(t1));
	cs_time(a->changed_at, t2, sizeof(t2));
	cs_cell(cs, r, AS_HOST, "%s", a->host);
	cs_cell(cs, r, AS_STATE, "%s", a->state);
	cs_cell(cs, r, AS_SITE, "%s", a->site ? a->site : "-");
	cs_cell(cs, r, AS_INFECTED, "%s", t1);
	cs_cell(cs, r, AS_CHANGED, "%s", t2);
	cs_time(a->added_at, t1, sizeof(t1));
	cs_time(a->isolated_at, t2, sizeof(t2));
	cs_detail(cs, r, "added        %s   isolated %s", t1, t2);
	return 0;
}

static int
fetch_assets(ui_app *app, case_screen *cs, ird_err *e)
{
	return asset_each(app->ctx, cs->id, add_asset, cs, e);
}

/* ---- Evidence ---- */

enum { EVD_NUM, EVD_KIND, EVD_ASSET, EVD_HOLDER, EVD_SIZE, EVD_SHA, EVD_N };
static const ui_column EVIDENCE_COLS[EVD_N] = {
	[EVD_NUM] = { "#", 4, 0, 0, 0, 0, 0 },
	[EVD_KIND] = { "KIND", 10, 0, 0, 0, 0, 0 },
	[EVD_ASSET] = { "ASSET", 14, 0, 2, 0, 0, 0 },
	[EVD_HOLDER] = { "HOLDER", 14, 0, 0, 0, 0, 0 },
	[EVD_SIZE] = { "SIZE", 9, 0, 1, 1, 0, 0 },
	[EVD_SHA] = { "SHA-256", 16, 1, 0, 0, 0, 0 },
};

struct custody_arg {
	case_screen *cs;
	cs_row *r;
};

static int
add_custody(void *arg, const custody_row *c)
{
	struct custody_arg *ca = arg;
	char t[24];

	cs_time(c->at, t, sizeof(t));
	if (c->from)
		cs_detail(ca->cs, ca->r, "  %s  %s -> %s (by %s)%s%s", t, c->from, c->to, c->by,
		          c->note ? ": " : "", c->note ? c->note : "");
	else
		cs_detail(ca->cs, ca->r, "  %s  collected by %s (recorded by %s)%s%s", t, c->to,
		          c->by, c->note ? ": " : "", c->note ? c->note : "");
	return 0;
}

struct evidence_arg {
	ui_app *app;
	case_screen *cs;
	int rc;
	ird_err *e;
};

static int
add_evidence(void *arg, const evidence_row *ev)
{
	struct evidence_arg *ea = arg;
	case_screen *cs = ea->cs;
	char size[32];
	cs_row *r = cs_add_row(cs, ev->id);
	struct custody_arg ca = { cs, r };

	if (!r)
		return 1;
	r->num = ev->num;
	snprintf(r->ref, sizeof(r->ref), "E%lld", (long long)ev->num);
	snprintf(r->extra, sizeof(r->extra), "%s", ev->holder ? ev->holder : "");
	if (ev->size >= 0)
		evidence_format_size(ev->size, size, sizeof(size));
	else
		snprintf(size, sizeof(size), "-");
	cs_cell(cs, r, EVD_NUM, "E%lld", (long long)ev->num);
	cs_cell(cs, r, EVD_KIND, "%s", ev->kind);
	cs_cell(cs, r, EVD_ASSET, "%s", ev->asset ? ev->asset : "-");
	cs_cell(cs, r, EVD_HOLDER, "%s", ev->holder ? ev->holder : "-");
	cs_cell(cs, r, EVD_SIZE, "%s", size);
	cs_cell(cs, r, EVD_SHA, "%s", ev->sha256);
	cs_detail(cs, r, "location     %s", ev->location ? ev->location : "-");
	cs_detail(cs, r, "added by     %s%s", ev->added_by, ev->exfil ? "   shows exfiltration" : "");
	cs_detail(cs, r, "custody:");
	/* A second statement while evidence_each steps (as the CLI does). */
	if ((ea->rc = evidence_custody_each(ea->app->ctx, ev->id, add_custody, &ca, ea->e)) !=
	    IRD_OK)
		return 1;
	return 0;
}

static int
fetch_evidence(ui_app *app, case_screen *cs, ird_err *e)
{
	struct evidence_arg ea = { app, cs, IRD_OK, e };
	int rc = evidence_each(app->ctx, cs->id, add_evidence, &ea, e);

	return ea.rc != IRD_OK ? ea.rc : rc;
}

/* ---- Notifications ---- */

enum { NT_ID, NT_AT, NT_ROLE, NT_CHANNEL, NT_BY, NT_NOTE, NT_N };
static const ui_column NOTIFY_COLS[NT_N] = {
	[NT_ID] = { "#", 4, 0, 0, 1, 0, 0 },
	[NT_AT] = { "TOLD AT (UTC)", 16, 0, 0, 0, 0, 0 },
	[NT_ROLE] = { "ROLE", 12, 0, 0, 0, 0, 0 },
	[NT_CHANNEL] = { "CHANNEL", 7, 0, 0, 0, 0, 0 },
	[NT_BY] = { "BY", 10, 0, 1, 0, 0, 0 },
	[NT_NOTE] = { "NOTE", 16, 1, 0, 0, 0, 0 },
};

static int
add_notification(void *arg, const notify_row *n)
{
	case_screen *cs = arg;
	char at[24];
	cs_row *r = cs_add_row(cs, n->id);

	if (!r)
		return 1;
	cs_time(n->at, at, sizeof(at));
	cs_cell(cs, r, NT_ID, "%lld", (long long)n->id);
	cs_cell(cs, r, NT_AT, "%s", at);
	cs_cell(cs, r, NT_ROLE, "%s", n->role);
	cs_cell(cs, r, NT_CHANNEL, "%s", n->channel);
	cs_cell(cs, r, NT_BY, "%s", n->by);
	cs_cell(cs, r, NT_NOTE, "%s", n->note ? n->note : "");
	cs_time(n->recorded_at, at, sizeof(at));
	cs_detail(cs, r, "recorded     %s", at);
	return 0;
}

static int
fetch_notifications(ui_app *app, case_screen *cs, ird_err *e)
{
	return notify_each(app->ctx, cs->id, add_notification, cs, e);
}

/* ---- Decisions ---- */

enum { DC_ID, DC_AT, DC_CHOICE, DC_CUT, DC_OPEN, DC_WHY, DC_N };
static const ui_column DECISION_COLS[DC_N] = {
	[DC_ID] = { "#", 3, 0, 0, 1, 0, 0 },
	[DC_AT] = { "WHEN (UTC)", 16, 0, 1, 0, 0, 0 },
	[DC_CHOICE] = { "CHOICE", 10, 0, 0, 0, 0, 0 },
	[DC_CUT] = { "CUT", 14, 0, 2, 0, 0, 0 },
	[DC_OPEN] = { "STILL OPEN", 14, 0, 0, 0, 0, 0 },
	[DC_WHY] = { "RATIONALE", 16, 1, 0, 0, 0, 0 },
};

static int
add_decision(void *arg, const decision_row *d)
{
	case_screen *cs = arg;
	char at[24], cut[512], open[512];
	cs_row *r = cs_add_row(cs, d->id);

	if (!r)
		return 1;
	cs_time(d->decided_at, at, sizeof(at));
	json_names(d->paths, cut, sizeof(cut));
	json_names(d->open_paths, open, sizeof(open));
	r->role = strcmp(open, "-") != 0 ? UI_SOON : UI_NORMAL;
	cs_cell(cs, r, DC_ID, "%lld", (long long)d->id);
	cs_cell(cs, r, DC_AT, "%s", at);
	cs_cell(cs, r, DC_CHOICE, "%s", d->choice);
	cs_cell(cs, r, DC_CUT, "%s", cut);
	cs_cell(cs, r, DC_OPEN, "%s", open);
	cs_cell(cs, r, DC_WHY, "%s", d->rationale);
	cs_detail(cs, r, "question     %s", d->question);
	cs_detail(cs, r, "decided by   %s", d->decided_by);
	return 0;
}

static int
fetch_decisions(ui_app *app, case_screen *cs, ird_err *e)
{
	return decision_each(app->ctx, cs->id, add_decision, cs, e);
}

#define COLS(a) a, (int)(sizeof(a) / sizeof(a[0]))

const cs_tab_def cs_tabs[CS_NTABS] = {
	[CS_STEPS] = { "Steps", COLS(STEP_COLS), fetch_steps, 0 },
	[CS_TIMERS] = { "Timers", COLS(TIMER_COLS), fetch_timers, 0 },
	[CS_TIMELINE] = { "Timeline", COLS(EVENT_COLS), fetch_events, 1, 1 },
	[CS_INDICATORS] = { "Indicators", COLS(IOC_COLS), fetch_indicators, 0 },
	[CS_BLOCKS] = { "Blocks", COLS(BLOCK_COLS), fetch_blocks, 0 },
	[CS_ASSETS] = { "Assets", COLS(ASSET_COLS), fetch_assets, 0 },
	[CS_EVIDENCE] = { "Evidence", COLS(EVIDENCE_COLS), fetch_evidence, 0 },
	[CS_NOTIFY] = { "Notifications", COLS(NOTIFY_COLS), fetch_notifications, 0 },
	[CS_DECISIONS] = { "Decisions", COLS(DECISION_COLS), fetch_decisions, 0 },
};
