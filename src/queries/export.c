/* export.c - the whole case as JSON, CSV (the timeline) or Markdown. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/label.h"
#include "base/text.h"
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
	static const char *const names[] = { "md", "json", "csv", "html" };

	for (int i = 0; i < 4; i++)
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

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

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
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
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
		rc = rc == SQLITE_ROW ? IRD_OK : store_fail(c->store, e, _("cannot build the audit head"));
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
		rc = rc == SQLITE_ROW ? IRD_OK : store_fail(c->store, e, _("cannot build the export"));
		sqlite3_reset(st);
	}
	free(doc);
	free(head);
	return rc;
}

/* ---- Markdown and HTML: the case for people ---- */

/* A document for people: Markdown or one self-contained HTML page. Every
 * cell and line goes through esc(); times are local (i18n_time). */
struct doc {
	struct buf b;
	int html;
	int cols; /* cells in the table being written */
	ird_ctx *c;
	int rc;
	ird_err *e;
};

/* S for the document: Markdown cell text or HTML text; "-" for NULL. */
static void
esc(struct doc *d, const char *s)
{
	if (!d->html) {
		md(&d->b, s);
		return;
	}
	if (!s)
		s = "-";
	for (; *s; s++) {
		switch (*s) {
		case '&': put(&d->b, "&amp;", 5); break;
		case '<': put(&d->b, "&lt;", 4); break;
		case '>': put(&d->b, "&gt;", 4); break;
		case '"': put(&d->b, "&quot;", 6); break;
		case '\'': put(&d->b, "&#39;", 5); break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\t')
				put(&d->b, " ", 1);
			else
				put(&d->b, s, 1);
		}
	}
}

/* S escaped for D, malloc'd ("" when out of memory: D's buffer says so). */
static char *
esc_dup(struct doc *d, const char *s)
{
	struct doc t = { .html = d->html };

	esc(&t, s);
	if (t.b.oom)
		d->b.oom = 1;
	return t.b.s ? t.b.s : strdup("");
}

/* A local time a person reads; "-" for 0. */
static const char *
local(int64_t t, char *buf, size_t len)
{
	if (!t || !i18n_time(buf, len, t))
		return "-";
	return buf;
}

static void
doc_h2(struct doc *d, const char *title)
{
	bprintf(&d->b, d->html ? "<h2>" : "\n## ");
	esc(d, title);
	bprintf(&d->b, d->html ? "</h2>\n" : "\n\n");
}

/* A table with the N translated column names of COLS. */
static void
doc_table(struct doc *d, const char *const *cols, int n)
{
	d->cols = n;
	bprintf(&d->b, d->html ? "<table><tr>" : "|");
	for (int i = 0; i < n; i++) {
		bprintf(&d->b, d->html ? "<th>" : " ");
		esc(d, _(cols[i]));
		bprintf(&d->b, d->html ? "</th>" : " |");
	}
	if (d->html) {
		bprintf(&d->b, "</tr>\n");
		return;
	}
	bprintf(&d->b, "\n|");
	for (int i = 0; i < n; i++)
		bprintf(&d->b, "---|");
	bprintf(&d->b, "\n");
}

static void
doc_table_end(struct doc *d)
{
	if (d->html)
		bprintf(&d->b, "</table>\n");
}

/* One row of d->cols cells. */
static void
doc_row(struct doc *d, const char *const *cells)
{
	bprintf(&d->b, d->html ? "<tr>" : "|");
	for (int i = 0; i < d->cols; i++) {
		bprintf(&d->b, d->html ? "<td>" : " ");
		esc(d, cells[i]);
		bprintf(&d->b, d->html ? "</td>" : " |");
	}
	bprintf(&d->b, d->html ? "</tr>\n" : "\n");
}

static const char *const event_cols[] = { N_("when"), N_("kind"), N_("what"), N_("recorded by") };
static const char *const indicator_cols[] = { N_("role"), N_("type"), N_("normal form"),
	                                          N_("registrable domain"), N_("seen") };
static const char *const block_cols[] = { N_("indicator"), N_("scope"), N_("target"), N_("state"),
	                                      N_("requested"), N_("by") };
static const char *const asset_cols[] = { N_("host"), N_("site"), N_("state"), N_("infected"),
	                                      N_("isolated") };
static const char *const notify_cols[] = { N_("when"), N_("role"), N_("by"), N_("channel"),
	                                       N_("note") };
static const char *const decision_cols[] = { N_("when"), N_("question"), N_("choice"), N_("by"),
	                                         N_("rationale"), N_("paths left open") };
static const char *const step_cols[] = { N_("#"), N_("step"), N_("state"), N_("due"), N_("done at"),
	                                     N_("assignee") };
static const char *const timer_cols[] = { N_("#"), N_("what"), N_("due"), N_("state"),
	                                      N_("satisfied") };

static int
doc_event(void *arg, const event_row *ev)
{
	struct doc *d = arg;
	char t[80];
	const char *cells[] = { local(ev->happened_at, t, sizeof(t)), ev->kind, ev->text, ev->actor };

	doc_row(d, cells);
	return 0;
}

static int
doc_indicator(void *arg, const indicator_row *r)
{
	struct doc *d = arg;
	char n[32];
	const char *cells[] = { label_of(LABEL_IOC_ROLE, r->role), r->type, r->normal, r->registrable,
		                    n };

	snprintf(n, sizeof(n), "%lld", (long long)r->seen_count);
	doc_row(d, cells);
	return 0;
}

static int
doc_block(void *arg, const block_row *r)
{
	struct doc *d = arg;
	char t[80];
	const char *cells[] = { r->indicator, label_of(LABEL_BLOCK_SCOPE, r->scope), r->target,
		                    label_of(LABEL_BLOCK_STATE, r->state),
		                    local(r->requested_at, t, sizeof(t)), r->requested_by };

	doc_row(d, cells);
	return 0;
}

static int
doc_asset(void *arg, const asset_row *a)
{
	struct doc *d = arg;
	char t[80], u[80];
	const char *cells[] = { a->host, a->site, label_of(LABEL_ASSET_STATE, a->state),
		                    local(a->infected_at, t, sizeof(t)), local(a->isolated_at, u, sizeof(u)) };

	doc_row(d, cells);
	return 0;
}

static int
doc_custody(void *arg, const custody_row *r)
{
	struct doc *d = arg;
	char t[80];
	char *from = esc_dup(d, r->from ? r->from : _("(collected)"));
	char *to = esc_dup(d, r->to), *by = esc_dup(d, r->by);

	bprintf(&d->b, d->html ? "<li>" : "  - ");
	/* TRANSLATORS: one hand-over of evidence: %1$s when, %2$s from whom,
	   %3$s to whom, %4$s who recorded it. */
	bprintf(&d->b, _("%1$s: %2$s → %3$s by %4$s"), local(r->at, t, sizeof(t)), from, to, by);
	bprintf(&d->b, d->html ? "</li>\n" : "\n");
	free(from);
	free(to);
	free(by);
	return 0;
}

static int
doc_evidence(void *arg, const evidence_row *r)
{
	struct doc *d = arg;
	char t[80], num[32], sha[DIGEST_HEX_LEN + 32];
	char *kind = esc_dup(d, r->kind), *loc = esc_dup(d, r->location), *holder = esc_dup(d, r->holder);

	snprintf(num, sizeof(num), d->html ? "<b>E%lld</b>" : "**E%lld**", (long long)r->num);
	snprintf(sha, sizeof(sha), d->html ? "<code>%s</code>" : "`%s`", r->sha256);
	bprintf(&d->b, d->html ? "<li>" : "- ");
	/* TRANSLATORS: one piece of evidence: %1$s its number (E1), %2$s its
	   kind, %3$s ", exfiltration" or nothing, %4$s its SHA-256, %5$s where
	   it is, %6$s who holds it, %7$s when it was added. */
	bprintf(&d->b, _("%1$s %2$s%3$s, SHA-256 %4$s, at %5$s, held by %6$s (added %7$s)"), num,
	        kind, r->exfil ? _(" (exfiltration)") : "", sha, loc, holder,
	        local(r->added_at, t, sizeof(t)));
	free(kind);
	free(loc);
	free(holder);
	bprintf(&d->b, d->html ? "<ul>\n" : "\n");
	if ((d->rc = evidence_custody_each(d->c, r->id, doc_custody, d, d->e)) != IRD_OK)
		return 1;
	bprintf(&d->b, d->html ? "</ul></li>\n" : "");
	return 0;
}

static int
doc_notify(void *arg, const notify_row *n)
{
	struct doc *d = arg;
	char t[80];
	const char *cells[] = { local(n->at, t, sizeof(t)), label_of(LABEL_ROLE, n->role), n->by,
		                    label_of(LABEL_CHANNEL, n->channel), n->note ? n->note : "" };

	doc_row(d, cells);
	return 0;
}

static int
doc_decision(void *arg, const decision_row *r)
{
	struct doc *d = arg;
	char t[80];
	const char *cells[] = { local(r->decided_at, t, sizeof(t)),
		                    label_of(LABEL_QUESTION, r->question),
		                    label_of(LABEL_CHOICE, r->choice), r->decided_by,
		                    r->rationale, r->open_paths };

	doc_row(d, cells);
	return 0;
}

static int
doc_step(void *arg, const step_row *s)
{
	struct doc *d = arg;
	char n[32], t[80], u[80], *title;
	const char *cells[6];

	snprintf(n, sizeof(n), "%lld", (long long)s->num);
	title = s->subject ? text_asprintf("%s: %s", s->title, s->subject) : NULL;
	cells[0] = n;
	cells[1] = title ? title : s->title;
	cells[2] = label_of(LABEL_STEP_STATE, s->state);
	cells[3] = local(s->due_at, t, sizeof(t));
	cells[4] = local(s->finished_at, u, sizeof(u));
	cells[5] = s->assignee;
	doc_row(d, cells);
	free(title);
	return 0;
}

static int
doc_timer(void *arg, const timer_row *r)
{
	struct doc *d = arg;
	char n[32], t[80], u[80], *what;
	const char *cells[5];

	snprintf(n, sizeof(n), "%lld", (long long)r->id);
	what = r->role ? text_asprintf(_("notify %s"), label_of(LABEL_ROLE, r->role)) : NULL;
	cells[0] = n;
	cells[1] = what ? what : r->step_title ? r->step_title : r->rule;
	cells[2] = local(r->due_at, t, sizeof(t));
	cells[3] = label_of(LABEL_TIMER_STATE, r->state);
	cells[4] = local(r->satisfied_at, u, sizeof(u));
	doc_row(d, cells);
	free(what);
	return 0;
}

/* "Label: value" as a list item. */
static void
doc_fact(struct doc *d, const char *label, const char *value)
{
	bprintf(&d->b, d->html ? "<li>" : "- ");
	esc(d, label);
	bprintf(&d->b, ": ");
	esc(d, value);
	bprintf(&d->b, d->html ? "</li>\n" : "\n");
}

static void
doc_banner(struct doc *d)
{
	bprintf(&d->b, d->html ? "<div class=\"banner\">" : "> **");
	esc(d, _("EXERCISE — not a real incident"));
	bprintf(&d->b, d->html ? "</div>\n" : "**\n\n");
}

static int
render_doc(ird_ctx *c, int64_t id, const case_row *cr, int html, char **out, ird_err *e)
{
	static const char css[] =
		"body{font-family:sans-serif;margin:2em;color:#222}"
		".banner{background:#c62828;color:#fff;font-weight:bold;padding:.5em 1em;"
		"font-size:1.2em;letter-spacing:.1em}"
		"table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;"
		"padding:.2em .5em;font-size:.9em;text-align:left}th{background:#eee}";
	struct doc d = { .html = html, .c = c, .rc = IRD_OK, .e = e };
	char t[80], zone[64], *head = NULL, *title;
	time_t now = (time_t)clock_now(&c->clock);
	struct tm tm;
	int rc;

	title = cr->exercise ? text_asprintf(_("EXERCISE %s: %s"), cr->hid, cr->title)
	                     : text_asprintf("%s: %s", cr->hid, cr->title);
	if (!title)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (html) {
		bprintf(&d.b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		        "style-src 'unsafe-inline'\"><title>", i18n_lang());
		esc(&d, title);
		bprintf(&d.b, "</title><style>%s</style></head><body>\n", css);
	}
	if (cr->exercise)
		doc_banner(&d);
	bprintf(&d.b, html ? "<h1>" : "# ");
	esc(&d, title);
	bprintf(&d.b, html ? "</h1>\n<ul>\n" : "\n\n");
	free(title);
	doc_fact(&d, _("Severity"), label_of(LABEL_SEVERITY, cr->severity));
	doc_fact(&d, _("Status"), label_of(LABEL_STATUS, cr->status));
	doc_fact(&d, _("TLP"), cr->tlp);
	doc_fact(&d, _("Lead"), cr->lead);
	doc_fact(&d, _("Opened"), local(cr->opened_at, t, sizeof(t)));
	doc_fact(&d, _("Personal data"), cr->personal_data ? _("involved") : _("not involved"));
	if (!localtime_r(&now, &tm) || !strftime(zone, sizeof(zone), "%Z", &tm))
		snprintf(zone, sizeof(zone), "?");
	snprintf(t, sizeof(t), _("local time (%s)"), zone);
	doc_fact(&d, _("Times"), t);
	bprintf(&d.b, html ? "</ul>\n" : "");
	doc_h2(&d, _("Timeline"));
	doc_table(&d, event_cols, (int)NELEM(event_cols));
	rc = event_each(c, id, doc_event, &d, e);
	doc_table_end(&d);
	doc_h2(&d, _("Indicators"));
	doc_table(&d, indicator_cols, (int)NELEM(indicator_cols));
	if (rc == IRD_OK)
		rc = indicator_each(c, id, doc_indicator, &d, e);
	doc_table_end(&d);
	doc_h2(&d, _("Blocks"));
	doc_table(&d, block_cols, (int)NELEM(block_cols));
	if (rc == IRD_OK)
		rc = block_each(c, id, doc_block, &d, e);
	doc_table_end(&d);
	doc_h2(&d, _("Assets"));
	doc_table(&d, asset_cols, (int)NELEM(asset_cols));
	if (rc == IRD_OK)
		rc = asset_each(c, id, doc_asset, &d, e);
	doc_table_end(&d);
	doc_h2(&d, _("Evidence and custody"));
	bprintf(&d.b, html ? "<ul>\n" : "");
	if (rc == IRD_OK && (rc = evidence_each(c, id, doc_evidence, &d, e)) == IRD_OK)
		rc = d.rc;
	bprintf(&d.b, html ? "</ul>\n" : "");
	doc_h2(&d, _("Notifications"));
	doc_table(&d, notify_cols, (int)NELEM(notify_cols));
	if (rc == IRD_OK)
		rc = notify_each(c, id, doc_notify, &d, e);
	doc_table_end(&d);
	doc_h2(&d, _("Decisions"));
	doc_table(&d, decision_cols, (int)NELEM(decision_cols));
	if (rc == IRD_OK)
		rc = decision_each(c, id, doc_decision, &d, e);
	doc_table_end(&d);
	doc_h2(&d, _("Steps"));
	doc_table(&d, step_cols, (int)NELEM(step_cols));
	if (rc == IRD_OK)
		rc = step_each(c, id, doc_step, &d, e);
	doc_table_end(&d);
	doc_h2(&d, _("Timers"));
	doc_table(&d, timer_cols, (int)NELEM(timer_cols));
	if (rc == IRD_OK)
		rc = timer_each(c, id, 0, 0, doc_timer, &d, e);
	doc_table_end(&d);
	if (rc == IRD_OK)
		rc = head_json(c, &head, e);
	doc_h2(&d, _("Audit chain head"));
	bprintf(&d.b, html ? "<p>" : "");
	esc(&d, _("Keep this to prove later that the record was not rewritten "
	          "(irdesk check --head SEQ:HASH):"));
	bprintf(&d.b, html ? "</p>\n<p><code>" : "\n\n`");
	if (html)
		esc(&d, head ? head : "null");
	else
		bprintf(&d.b, "%s", head ? head : "null");
	bprintf(&d.b, html ? "</code></p>\n" : "`\n");
	free(head);
	if (html) {
		if (cr->exercise)
			doc_banner(&d);
		bprintf(&d.b, "</body></html>\n");
	}
	if (rc == IRD_OK && d.b.oom)
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (rc != IRD_OK) {
		free(d.b.s);
		return rc;
	}
	*out = d.b.s;
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
		                     : render_doc(c, case_id, &cr, f == EXPORT_HTML, out, e);
		case_row_free(&cr);
	}
	store_rollback(c->store);
	return rc;
}
