/* export.c - the whole case as JSON, CSV (the timeline) or Markdown. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "queries/casefile.h"
#include "queries/export.h"
#include "records/asset.h"
#include "records/block.h"
#include "records/case.h"
#include "records/decision.h"
#include "records/evidence.h"
#include "records/indicator.h"
#include "records/notify.h"
#include "records/step.h"
#include "records/timer.h"
#include "store/audit.h"
#include "store/event.h"

int
export_format_parse(const char *s, export_format *out)
{
	static const char *const names[] = { "md", "json", "csv" };

	for (int i = 0; i < 3; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (export_format)i;
			return 0;
		}
	return -1;
}

/* ---- a growing buffer ---- */

struct buf {
	char *s;
	size_t len;
	int oom;
};

static void
put(struct buf *b, const char *s, size_t n)
{
	char *ns;

	if (b->oom)
		return;
	if (!(ns = realloc(b->s, b->len + n + 1))) {
		b->oom = 1;
		return;
	}
	b->s = ns;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void bprintf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
bprintf(struct buf *b, const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (k < 0) {
		b->oom = 1;
		return;
	}
	put(b, s, (size_t)k);
	free(s);
}

/* Markdown cell text: pipes escaped, line breaks flattened. */
static void
md(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			put(b, "\\|", 2);
		else if (*s == '\n' || *s == '\r')
			put(b, " ", 1);
		else if (*s == '<')
			put(b, "&lt;", 4);
		else
			put(b, s, 1);
	}
	if (!s)
		put(b, "-", 1);
}

static const char *
when(int64_t t, char *buf, size_t len)
{
	if (!t)
		return "-";
	clock_format_utc(t, buf, len);
	return buf;
}

/* One RFC 4180 field into B. */
static void
csv_put(struct buf *b, const char *s)
{
	if (!s)
		s = "";
	if (!strpbrk(s, ",\"\r\n")) {
		put(b, s, strlen(s));
		return;
	}
	put(b, "\"", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			put(b, "\"\"", 2);
		else
			put(b, p, 1);
	}
	put(b, "\"", 1);
}

int
export_csv_field(char **buf, size_t *len, const char *s)
{
	struct buf b = { *buf, *len, 0 };

	csv_put(&b, s);
	*buf = b.s;
	*len = b.len;
	return b.oom ? -1 : 0;
}

/* ---- CSV: the timeline ---- */

struct csv {
	struct buf b;
	const char *marking;
};

static int
csv_event(void *arg, const event_row *ev)
{
	struct csv *c = arg;
	char h[40], r[40];
	const char *cells[6] = { h, r, ev->actor, ev->kind, ev->text, c->marking };

	clock_format_utc(ev->happened_at, h, sizeof(h));
	clock_format_utc(ev->recorded_at, r, sizeof(r));
	for (int i = 0; i < 6; i++) {
		if (i)
			put(&c->b, ",", 1);
		csv_put(&c->b, cells[i]);
	}
	put(&c->b, "\r\n", 2);
	return c->b.oom;
}

static int
render_csv(ird_ctx *c, int64_t id, int exercise, char **out, ird_err *e)
{
	struct csv v = { .marking = exercise ? "EXERCISE" : "" };
	static const char head[] = "happened_at,recorded_at,actor,kind,text,marking\r\n";
	int rc;

	put(&v.b, head, sizeof(head) - 1);
	rc = event_each(c, id, csv_event, &v, e);
	if (rc == IRD_OK && v.b.oom)
		rc = ird_fail(e, IRD_EFAIL, "out of memory");
	if (rc != IRD_OK) {
		free(v.b.s);
		return rc;
	}
	*out = v.b.s;
	return IRD_OK;
}

/* ---- JSON: the case file, the audit head, the marking ---- */

/* The head as JSON with its signature when the newest signed head is it:
 * {"seq", "hash", "at", "key", "signature"} (key, signature null if not). */
static int
head_json(ird_ctx *c, char **out, ird_err *e)
{
	static const char sql[] = "SELECT json_set(?1, '$.key', ?2, '$.signature', ?3)";
	char key[SIGN_PUB_HEX_LEN] = "", sig[SIGN_SIG_HEX_LEN] = "", *head = NULL;
	char hash[DIGEST_HEX_LEN];
	audit_anchor signed_head;
	int64_t seq = 0;
	sqlite3_stmt *st;
	int rc, have;

	*out = NULL;
	if ((rc = audit_head_json(c, &head, e)) != IRD_OK || !head || strcmp(head, "null") == 0) {
		*out = head;
		return rc;
	}
	if ((rc = audit_head(c, &seq, hash, e)) != IRD_OK) {
		free(head);
		return rc;
	}
	rc = audit_head_signed(c, &signed_head, key, sig, e);
	have = rc == IRD_OK && signed_head.seq == seq && strcmp(signed_head.hash, hash) == 0;
	if (rc == IRD_ENOTFOUND) { /* nothing signed yet: the head goes unsigned */
		ird_err_clear(e);
		rc = IRD_OK;
	}
	if (rc == IRD_OK && (rc = store_stmt(c->store, sql, &st, e)) == IRD_OK) {
		store_bind_text(st, 1, head);
		store_bind_text(st, 2, have ? key : NULL);
		store_bind_text(st, 3, have ? sig : NULL);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && !(*out = store_col_strdup(st, 0)))
			rc = SQLITE_NOMEM;
		rc = rc == SQLITE_ROW ? IRD_OK : store_fail(c->store, e, "cannot build the audit head");
		sqlite3_reset(st);
	}
	free(head);
	return rc;
}

static int
render_json(ird_ctx *c, int64_t id, int exercise, char **out, ird_err *e)
{
	static const char sql[] =
		"SELECT json_set(?1, '$.marking', ?2, '$.exported_at', ?3, '$.audit_head', json(?4))";
	char *doc = NULL, *head = NULL, now[40];
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	clock_format_utc(clock_now(&c->clock), now, sizeof(now));
	if ((rc = casefile_json(c, id, &doc, e)) == IRD_OK &&
	    (rc = head_json(c, &head, e)) == IRD_OK &&
	    (rc = store_stmt(c->store, sql, &st, e)) == IRD_OK) {
		store_bind_text(st, 1, doc);
		store_bind_text(st, 2, exercise ? "EXERCISE" : NULL);
		store_bind_text(st, 3, now);
		store_bind_text(st, 4, head ? head : "null");
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && !(*out = store_col_strdup(st, 0)))
			rc = SQLITE_NOMEM;
		rc = rc == SQLITE_ROW ? IRD_OK : store_fail(c->store, e, "cannot build the export");
		sqlite3_reset(st);
	}
	free(doc);
	free(head);
	return rc;
}

/* ---- Markdown ---- */

static int
md_event(void *arg, const event_row *ev)
{
	struct buf *b = arg;
	char t[40];

	bprintf(b, "| %s | ", when(ev->happened_at, t, sizeof(t)));
	md(b, ev->kind);
	put(b, " | ", 3);
	md(b, ev->text);
	put(b, " | ", 3);
	md(b, ev->actor);
	put(b, " |\n", 3);
	return 0;
}

static int
md_indicator(void *arg, const indicator_row *r)
{
	struct buf *b = arg;

	put(b, "| ", 2);
	md(b, r->role);
	put(b, " | ", 3);
	md(b, r->type);
	put(b, " | ", 3);
	md(b, r->normal);
	put(b, " | ", 3);
	md(b, r->registrable);
	bprintf(b, " | %lld |\n", (long long)r->seen_count);
	return 0;
}

static int
md_block(void *arg, const block_row *r)
{
	struct buf *b = arg;
	char t[40];

	put(b, "| ", 2);
	md(b, r->indicator);
	put(b, " | ", 3);
	md(b, r->scope);
	put(b, " | ", 3);
	md(b, r->target);
	put(b, " | ", 3);
	md(b, r->state);
	bprintf(b, " | %s | ", when(r->requested_at, t, sizeof(t)));
	md(b, r->requested_by);
	put(b, " |\n", 3);
	return 0;
}

static int
md_asset(void *arg, const asset_row *a)
{
	struct buf *b = arg;
	char t[40], u[40];

	put(b, "| ", 2);
	md(b, a->host);
	put(b, " | ", 3);
	md(b, a->site);
	put(b, " | ", 3);
	md(b, a->state);
	bprintf(b, " | %s | %s |\n", when(a->infected_at, t, sizeof(t)),
	        when(a->isolated_at, u, sizeof(u)));
	return 0;
}

struct md_ev {
	struct buf *b;
	ird_ctx *c;
	int rc;
	ird_err *e;
};

static int
md_custody(void *arg, const custody_row *r)
{
	struct buf *b = arg;
	char t[40];

	bprintf(b, "  - %s: ", when(r->at, t, sizeof(t)));
	md(b, r->from ? r->from : "(collected)");
	put(b, " → ", strlen(" → "));
	md(b, r->to);
	put(b, " by ", 4);
	md(b, r->by);
	put(b, "\n", 1);
	return 0;
}

static int
md_evidence(void *arg, const evidence_row *r)
{
	struct md_ev *m = arg;
	char t[40];

	bprintf(m->b, "- **E%lld** %s%s, SHA-256 `%s`, at ", (long long)r->num, r->kind,
	        r->exfil ? " (exfiltration)" : "", r->sha256);
	md(m->b, r->location);
	bprintf(m->b, ", held by ");
	md(m->b, r->holder);
	bprintf(m->b, " (added %s)\n", when(r->added_at, t, sizeof(t)));
	if ((m->rc = evidence_custody_each(m->c, r->id, md_custody, m->b, m->e)) != IRD_OK)
		return 1;
	return 0;
}

static int
md_notify(void *arg, const notify_row *n)
{
	struct buf *b = arg;
	char t[40];

	bprintf(b, "| %s | ", when(n->at, t, sizeof(t)));
	md(b, n->role);
	put(b, " | ", 3);
	md(b, n->by);
	put(b, " | ", 3);
	md(b, n->channel);
	put(b, " | ", 3);
	md(b, n->note ? n->note : "");
	put(b, " |\n", 3);
	return 0;
}

static int
md_decision(void *arg, const decision_row *d)
{
	struct buf *b = arg;
	char t[40];

	bprintf(b, "| %s | ", when(d->decided_at, t, sizeof(t)));
	md(b, d->question);
	put(b, " | ", 3);
	md(b, d->choice);
	put(b, " | ", 3);
	md(b, d->decided_by);
	put(b, " | ", 3);
	md(b, d->rationale);
	put(b, " | ", 3);
	md(b, d->open_paths);
	put(b, " |\n", 3);
	return 0;
}

static int
md_step(void *arg, const step_row *s)
{
	struct buf *b = arg;
	char t[40], u[40];

	bprintf(b, "| %lld | ", (long long)s->num);
	md(b, s->title);
	if (s->subject) {
		put(b, ": ", 2);
		md(b, s->subject);
	}
	put(b, " | ", 3);
	md(b, s->state);
	bprintf(b, " | %s | %s | ", when(s->due_at, t, sizeof(t)), when(s->finished_at, u, sizeof(u)));
	md(b, s->assignee);
	put(b, " |\n", 3);
	return 0;
}

static int
md_timer(void *arg, const timer_row *r)
{
	struct buf *b = arg;
	char t[40], u[40];

	bprintf(b, "| %lld | ", (long long)r->id);
	if (r->role) {
		put(b, "notify ", 7);
		md(b, r->role);
	} else {
		md(b, r->step_title ? r->step_title : r->rule);
	}
	bprintf(b, " | %s | %s | %s |\n", when(r->due_at, t, sizeof(t)), r->state,
	        when(r->satisfied_at, u, sizeof(u)));
	return 0;
}

static int
render_md(ird_ctx *c, int64_t id, const case_row *cr, char **out, ird_err *e)
{
	struct buf b = { 0 };
	struct md_ev mev = { &b, c, IRD_OK, e };
	char t[40], *head = NULL;
	int rc;

	if (cr->exercise)
		bprintf(&b, "> **EXERCISE — not a real incident**\n\n");
	bprintf(&b, "# %s%s: ", cr->exercise ? "EXERCISE " : "", cr->hid);
	md(&b, cr->title);
	bprintf(&b, "\n\n- Severity: %s\n- Status: %s\n- TLP: %s\n- Lead: ", cr->severity,
	        cr->status, cr->tlp);
	md(&b, cr->lead);
	bprintf(&b, "\n- Opened: %s\n", when(cr->opened_at, t, sizeof(t)));
	bprintf(&b, "- Personal data: %s\n\n## Timeline\n\n| when | kind | what | recorded by |\n"
	        "|---|---|---|---|\n", cr->personal_data ? "yes" : "no");
	rc = event_each(c, id, md_event, &b, e);
	bprintf(&b, "\n## Indicators\n\n| role | type | normal form | registrable domain | seen |\n"
	        "|---|---|---|---|---|\n");
	if (rc == IRD_OK)
		rc = indicator_each(c, id, md_indicator, &b, e);
	bprintf(&b, "\n## Blocks\n\n| indicator | scope | target | state | requested | by |\n"
	        "|---|---|---|---|---|---|\n");
	if (rc == IRD_OK)
		rc = block_each(c, id, md_block, &b, e);
	bprintf(&b, "\n## Assets\n\n| host | site | state | infected | isolated |\n|---|---|---|---|---|\n");
	if (rc == IRD_OK)
		rc = asset_each(c, id, md_asset, &b, e);
	bprintf(&b, "\n## Evidence and custody\n\n");
	if (rc == IRD_OK && (rc = evidence_each(c, id, md_evidence, &mev, e)) == IRD_OK)
		rc = mev.rc;
	bprintf(&b, "\n## Notifications\n\n| when | role | by | channel | note |\n|---|---|---|---|---|\n");
	if (rc == IRD_OK)
		rc = notify_each(c, id, md_notify, &b, e);
	bprintf(&b, "\n## Decisions\n\n| when | question | choice | by | rationale | paths left open |\n"
	        "|---|---|---|---|---|---|\n");
	if (rc == IRD_OK)
		rc = decision_each(c, id, md_decision, &b, e);
	bprintf(&b, "\n## Steps\n\n| # | step | state | due | done | assignee |\n|---|---|---|---|---|---|\n");
	if (rc == IRD_OK)
		rc = step_each(c, id, md_step, &b, e);
	bprintf(&b, "\n## Timers\n\n| # | what | due | state | satisfied |\n|---|---|---|---|---|\n");
	if (rc == IRD_OK)
		rc = timer_each(c, id, 0, 0, md_timer, &b, e);
	if (rc == IRD_OK)
		rc = head_json(c, &head, e);
	bprintf(&b, "\n## Audit chain head\n\nKeep this to prove later that the record was not"
	        " rewritten (`irdesk check --head SEQ:HASH`):\n\n`%s`\n", head ? head : "null");
	free(head);
	if (rc == IRD_OK && b.oom)
		rc = ird_fail(e, IRD_EFAIL, "out of memory");
	if (rc != IRD_OK) {
		free(b.s);
		return rc;
	}
	*out = b.s;
	return IRD_OK;
}

int
export_render(ird_ctx *c, int64_t case_id, export_format f, char **out, ird_err *e)
{
	case_row cr;
	int rc;

	*out = NULL;
	if ((rc = store_begin_read(c->store, e)) != IRD_OK)
		return rc;
	if ((rc = case_get(c, case_id, &cr, e)) == IRD_OK) {
		rc = f == EXPORT_JSON ? render_json(c, case_id, cr.exercise, out, e)
		   : f == EXPORT_CSV ? render_csv(c, case_id, cr.exercise, out, e)
		                     : render_md(c, case_id, &cr, out, e);
		case_row_free(&cr);
	}
	store_rollback(c->store);
	return rc;
}
