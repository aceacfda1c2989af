/* case_tabs.c - what each tab of the case screen shows: its columns (and
 * the order they give way at 80 columns) and how its rows are read, one
 * record reader per tab (step_each, timer_each, event_each, ...). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
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

/* A detail line: LABEL (N_(), translated) padded to 12 columns by
 * display width, then VALUE; with LABEL2 and VALUE2 after it when given. */
static void
kv(case_screen *cs, cs_row *r, const char *label, const char *value, const char *label2,
   const char *value2)
{
	const char *l = ui_tr(label);
	int pad = 12 - ui_width(l);

	if (label2)
		cs_detail(cs, r, "%s%*s %s   %s %s", l, pad > 0 ? pad : 0, "", value, ui_tr(label2),
		          value2);
	else
		cs_detail(cs, r, "%s%*s %s", l, pad > 0 ? pad : 0, "", value);
}

/* ---- Steps ---- */

enum { ST_NUM, ST_STATE, ST_DUE, ST_WHO, ST_PHASE, ST_TITLE, ST_N };
static const ui_column STEP_COLS[ST_N] = {
	[ST_NUM] = { N_("#"), 3, 0, 0, 1, 0, 0 },
	[ST_STATE] = { N_("STATE"), 8, 0, 0, 0, 0, 0 },
	[ST_DUE] = { N_("DUE"), 7, 0, 0, 1, 0, 0 },
	[ST_WHO] = { N_("ASSIGNEE"), 10, 0, 2, 0, 0, 0 },
	[ST_PHASE] = { N_("PHASE"), 11, 0, 1, 0, 0, 0 },
	[ST_TITLE] = { N_("STEP"), 24, 1, 0, 0, 0, 0 },
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
	cs_cell(cs, r, ST_STATE, "%s", ui_word(s->state));
	cs_cell(cs, r, ST_DUE, "%s", due);
	cs_cell(cs, r, ST_WHO, "%s", s->assignee ? s->assignee : "-");
	cs_cell(cs, r, ST_PHASE, "%s", s->phase ? s->phase : "-");
	cs_cell(cs, r, ST_TITLE, "%s", s->title);
	cs_time(s->created_at, t1, sizeof(t1));
	cs_time(s->due_at, t2, sizeof(t2));
	kv(cs, r, N_("key"), s->key, NULL, NULL);
	kv(cs, r, N_("needs"), s->requires && *s->requires ? s->requires : "-", NULL, NULL);
	kv(cs, r, N_("made"), t1, N_("due"), t2);
	cs_time(s->started_at, t1, sizeof(t1));
	cs_time(s->finished_at, t3, sizeof(t3));
	kv(cs, r, N_("started"), t1, N_("finished"), t3);
	if (s->note)
		kv(cs, r, N_("note"), s->note, NULL, NULL);
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
	[TM_ID] = { N_("#"), 4, 0, 0, 1, 0, 0 },
	[TM_STATE] = { N_("STATE"), 10, 0, 0, 0, 0, 0 },
	[TM_DUE] = { N_("DUE"), 7, 0, 0, 1, 0, 0 },
	[TM_WHAT] = { N_("WHAT"), 24, 1, 0, 0, 0, 0 },
	[TM_BY] = { N_("CLOSED BY"), 22, 0, 1, 0, 0, 0 },
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
	cs_cell(cs, r, TM_STATE, "%s", ui_word_of("timer", t->state));
	cs_cell(cs, r, TM_DUE, "%s", due);
	if (t->role)
		cs_cell(cs, r, TM_WHAT, _("notify %s"), t->role);
	else
		cs_cell(cs, r, TM_WHAT, _("step: %s"), t->step_title ? t->step_title : t->rule);
	cs_cell(cs, r, TM_BY, "%s", t->override_reason ? t->override_reason
	                              : t->satisfied_by ? t->satisfied_by : "");
	cs_time(t->due_at, at, sizeof(at));
	kv(cs, r, N_("rule"), t->rule, NULL, NULL);
	kv(cs, r, N_("started by"), t->trigger ? t->trigger : "-", NULL, NULL);
	kv(cs, r, N_("due"), at, NULL, NULL);
	if (t->hook_error) {
		char failed[600];

		text_snprintf(failed, sizeof(failed),
		              ngettext("%s (%d attempt)", "%s (%d attempts)",
		                       (unsigned long)t->hook_attempts),
		              t->hook_error, t->hook_attempts);
		kv(cs, r, N_("hook failed"), failed, NULL, NULL);
	}
	if (t->override_reason)
		kv(cs, r, N_("overridden"), t->override_reason, NULL, NULL);
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
	[EV_WHEN] = { N_("WHEN"), UI_TIME_COL, 0, 0, 0, 0, 0 },
	[EV_WHO] = { N_("WHO"), 10, 0, 2, 0, 0, 0 },
	[EV_KIND] = { N_("KIND"), 8, 0, 1, 0, 0, 0 },
	[EV_TEXT] = { N_("WHAT HAPPENED"), 24, 1, 0, 0, 0, 0 },
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
	kv(cs, r, N_("recorded"), rec, NULL, NULL);
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
	[IN_ID] = { N_("#"), 4, 0, 0, 1, 0, 0 },
	[IN_TYPE] = { N_("TYPE"), 8, 0, 0, 0, 0, 0 },
	[IN_ROLE] = { N_("ROLE"), 8, 0, 0, 0, 0, 0 },
	[IN_SEEN] = { N_("SEEN"), 4, 0, 2, 1, 0, 0 },
	[IN_NORMAL] = { N_("INDICATOR (NORMAL FORM)"), 24, 1, 0, 0, 0, 0 },
	[IN_REG] = { N_("REGISTRABLE"), 20, 0, 1, 0, 0, 0 },
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
	cs_cell(cs, r, IN_NORMAL, "%s%s", in->normal, in->exfil ? _("  [exfiltration]") : "");
	cs_cell(cs, r, IN_REG, "%s", in->registrable ? in->registrable : "-");
	kv(cs, r, N_("raw"), in->raw, NULL, NULL);
	kv(cs, r, N_("host"), in->host ? in->host : "-", NULL, NULL);
	cs_time(in->first_seen, t1, sizeof(t1));
	cs_time(in->last_seen, t2, sizeof(t2));
	{
		char seen[160];

		text_snprintf(seen, sizeof(seen), "%s .. %s", t1, t2);
		kv(cs, r, N_("seen"), seen, NULL, NULL);
	}
	if (in->note)
		kv(cs, r, N_("note"), in->note, NULL, NULL);
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
	[BL_ID] = { N_("#"), 4, 0, 0, 1, 0, 0 },
	[BL_STATE] = { N_("STATE"), 9, 0, 0, 0, 0, 0 },
	[BL_SCOPE] = { N_("SCOPE"), 7, 0, 0, 0, 0, 0 },
	[BL_TARGET] = { N_("TARGET"), 20, 1, 0, 0, 0, 0 },
	[BL_FOR] = { N_("MADE FOR"), 20, 0, 1, 0, 0, 0 },
	[BL_BY] = { N_("BY"), 10, 0, 2, 0, 0, 0 },
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
	cs_cell(cs, r, BL_STATE, "%s", ui_word(b->state));
	cs_cell(cs, r, BL_SCOPE, "%s", b->scope);
	cs_cell(cs, r, BL_TARGET, "%s", b->target);
	cs_cell(cs, r, BL_FOR, "#%lld %s", (long long)b->indicator_id,
	        b->indicator ? b->indicator : "");
	cs_cell(cs, r, BL_BY, "%s", b->requested_by ? b->requested_by : "-");
	cs_time(b->requested_at, t, sizeof(t));
	kv(cs, r, N_("requested"), t, NULL, NULL);
	cs_time(b->activated_at, t, sizeof(t));
	kv(cs, r, N_("active"), t, NULL, NULL);
	cs_time(b->lifted_at, t, sizeof(t));
	kv(cs, r, N_("lifted"), t, NULL, NULL);
	if (b->note)
		kv(cs, r, N_("note"), b->note, NULL, NULL);
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
	[AS_HOST] = { N_("HOST"), 20, 1, 0, 0, 0, 0 },
	[AS_STATE] = { N_("STATE"), 9, 0, 0, 0, 0, 0 },
	[AS_SITE] = { N_("SITE"), 16, 0, 0, 0, 0, 0 },
	[AS_INFECTED] = { N_("INFECTED"), UI_TIME_COL, 0, 2, 0, 0, 0 },
	[AS_CHANGED] = { N_("CHANGED"), UI_TIME_COL, 0, 1, 0, 0, 0 },
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
	cs_cell(cs, r, AS_STATE, "%s", ui_word(a->state));
	cs_cell(cs, r, AS_SITE, "%s", a->site ? a->site : "-");
	cs_cell(cs, r, AS_INFECTED, "%s", t1);
	cs_cell(cs, r, AS_CHANGED, "%s", t2);
	cs_time(a->added_at, t1, sizeof(t1));
	cs_time(a->isolated_at, t2, sizeof(t2));
	kv(cs, r, N_("added"), t1, N_("isolated"), t2);
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
	[EVD_NUM] = { N_("#"), 4, 0, 0, 0, 0, 0 },
	[EVD_KIND] = { N_("KIND"), 10, 0, 0, 0, 0, 0 },
	[EVD_ASSET] = { N_("ASSET"), 14, 0, 2, 0, 0, 0 },
	[EVD_HOLDER] = { N_("HOLDER"), 14, 0, 0, 0, 0, 0 },
	[EVD_SIZE] = { N_("SIZE"), 9, 0, 1, 1, 0, 0 },
	[EVD_SHA] = { N_("SHA-256"), 16, 1, 0, 0, 0, 0 },
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
		/* TRANSLATORS: a custody line: when, from, to, who recorded it,
		   then ": " and a note when there is one. */
		cs_detail(ca->cs, ca->r, _("  %s  %s -> %s (by %s)%s%s"), t, c->from, c->to, c->by,
		          c->note ? ": " : "", c->note ? c->note : "");
	else
		/* TRANSLATORS: the first custody line: when, who collected it,
		   who recorded it, then ": " and a note when there is one. */
		cs_detail(ca->cs, ca->r, _("  %s  collected by %s (recorded by %s)%s%s"), t, c->to,
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
	kv(cs, r, N_("location"), ev->location ? ev->location : "-", NULL, NULL);
	{
		char by[300];

		text_snprintf(by, sizeof(by), "%s%s", ev->added_by,
		              ev->exfil ? _("   shows exfiltration") : "");
		kv(cs, r, N_("added by"), by, NULL, NULL);
	}
	cs_detail(cs, r, "%s", _("custody:"));
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
	[NT_ID] = { N_("#"), 4, 0, 0, 1, 0, 0 },
	[NT_AT] = { N_("TOLD AT"), UI_TIME_COL, 0, 0, 0, 0, 0 },
	[NT_ROLE] = { N_("ROLE"), 12, 0, 0, 0, 0, 0 },
	[NT_CHANNEL] = { N_("CHANNEL"), 7, 0, 0, 0, 0, 0 },
	[NT_BY] = { N_("BY"), 10, 0, 1, 0, 0, 0 },
	[NT_NOTE] = { N_("NOTE"), 16, 1, 0, 0, 0, 0 },
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
	cs_cell(cs, r, NT_CHANNEL, "%s", ui_word(n->channel));
	cs_cell(cs, r, NT_BY, "%s", n->by);
	cs_cell(cs, r, NT_NOTE, "%s", n->note ? n->note : "");
	cs_time(n->recorded_at, at, sizeof(at));
	kv(cs, r, N_("recorded"), at, NULL, NULL);
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
	[DC_ID] = { N_("#"), 3, 0, 0, 1, 0, 0 },
	[DC_AT] = { N_("WHEN"), UI_TIME_COL, 0, 2, 0, 0, 0 },
	[DC_CHOICE] = { N_("CHOICE"), 10, 0, 0, 0, 0, 0 },
	[DC_CUT] = { N_("CUT"), 14, 0, 1, 0, 0, 0 },
	[DC_OPEN] = { N_("STILL OPEN"), 14, 0, 0, 0, 0, 0 },
	[DC_WHY] = { N_("RATIONALE"), 16, 1, 0, 0, 0, 0 },
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
	cs_cell(cs, r, DC_CHOICE, "%s", ui_word(d->choice));
	cs_cell(cs, r, DC_CUT, "%s", cut);
	cs_cell(cs, r, DC_OPEN, "%s", open);
	cs_cell(cs, r, DC_WHY, "%s", d->rationale);
	kv(cs, r, N_("question"), d->question, NULL, NULL);
	kv(cs, r, N_("decided by"), d->decided_by, NULL, NULL);
	return 0;
}

static int
fetch_decisions(ui_app *app, case_screen *cs, ird_err *e)
{
	return decision_each(app->ctx, cs->id, add_decision, cs, e);
}

#define COLS(a) a, (int)(sizeof(a) / sizeof(a[0]))

const cs_tab_def cs_tabs[CS_NTABS] = {
	[CS_STEPS] = { N_("Steps"), COLS(STEP_COLS), fetch_steps, 0 },
	[CS_TIMERS] = { N_("Timers"), COLS(TIMER_COLS), fetch_timers, 0 },
	[CS_TIMELINE] = { N_("Timeline"), COLS(EVENT_COLS), fetch_events, 1, 1 },
	[CS_INDICATORS] = { N_("Indicators"), COLS(IOC_COLS), fetch_indicators, 0 },
	[CS_BLOCKS] = { N_("Blocks"), COLS(BLOCK_COLS), fetch_blocks, 0 },
	[CS_ASSETS] = { N_("Assets"), COLS(ASSET_COLS), fetch_assets, 0 },
	[CS_EVIDENCE] = { N_("Evidence"), COLS(EVIDENCE_COLS), fetch_evidence, 0 },
	[CS_NOTIFY] = { N_("Notifications"), COLS(NOTIFY_COLS), fetch_notifications, 0 },
	[CS_DECISIONS] = { N_("Decisions"), COLS(DECISION_COLS), fetch_decisions, 0 },
};
