/* block.c - blocks on indicators and their lifecycle. Owns the blocks
 * table; the indicator a block is about is given by the caller. */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "records/block.h"
#include "records/block_covers.h"
#include "base/vocab.h"
#include "store/event.h"

#define BLOCK_AUDIT_JSON \
	"json_object('case_id', case_id, 'indicator_id', indicator_id, 'scope', scope," \
	" 'target', target, 'state', state, 'requested_at', requested_at," \
	" 'requested_by', requested_by, 'activated_at', activated_at, 'lifted_at', lifted_at," \
	" 'note', note)"

const audit_table block_audit = {
	"blocks",
	"SELECT " BLOCK_AUDIT_JSON " FROM blocks WHERE id = ?1",
	"SELECT id, " BLOCK_AUDIT_JSON " FROM blocks ORDER BY id",
};

#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"

/* The public JSON shape of a block; names documented in irdesk(1). */
#define BLOCK_PUBLIC_JSON \
	"json_object('id', b.id, 'indicator_id', b.indicator_id, 'indicator', i.normal," \
	" 'indicator_type', i.type, 'scope', b.scope, 'target', b.target, 'state', b.state," \
	" 'requested_at', " ISO("b.requested_at") ", 'requested_by', b.requested_by," \
	" 'activated_at', " ISO("b.activated_at") ", 'lifted_at', " ISO("b.lifted_at") "," \
	" 'note', b.note)"

#define ROW_COLUMNS \
	"b.id, b.case_id, b.indicator_id, b.requested_at, b.activated_at, b.lifted_at," \
	" b.scope, b.target, b.state, b.requested_by, b.note, i.normal"

/* Blocks of indicator I's case that cover it (see block.h); ?1 = I's id. */
#define COVERING " FROM blocks b JOIN indicators i ON i.id = ?1 WHERE " BLOCK_COVERS_SQL

/* Bytes of an indicator's value in a timeline line (as indicator.h). */
#define VALUE_MAX 4096

static const char *const SCOPES[] = { "address", "host", "domain", NULL };

int
block_check_scope(const char *scope, ird_err *e)
{
	return vocab_check(SCOPES, N_("scope"), scope, e);
}

static int
is_ip(const char *s)
{
	unsigned char buf[16];

	return s && (inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1);
}

static int
blockable_type(const char *type)
{
	return strcmp(type, "email") == 0 || strcmp(type, "url") == 0 ||
	       strcmp(type, "domain") == 0 || strcmp(type, "ip") == 0;
}

/* The widest scope that fits the indicator. */
static const char *
default_scope(const block_subject *ind)
{
	if (strcmp(ind->type, "email") == 0 || is_ip(ind->host))
		return "address";
	return ind->registrable ? "domain" : "host";
}

/* What SCOPE blocks for the indicator into *TARGET, or why it cannot. */
static int
scope_target(const block_subject *ind, const char *scope, const char **target, ird_err *e)
{
	int email = strcmp(ind->type, "email") == 0, ip = is_ip(ind->host);

	if (!blockable_type(ind->type))
		return ird_fail(e, IRD_EUSAGE, _("a %s indicator cannot be blocked here (blocks are for"
		                " e-mail addresses, URLs, domains and IPs)"), ind->type);
	if (strcmp(scope, "address") == 0) {
		if (!email && !ip)
			return ird_fail(e, IRD_EUSAGE, _("scope address is for e-mail addresses and IPs;"
			                " %s is a host name (use --scope host or domain)"), ind->host);
		*target = email ? ind->normal : ind->host;
	} else if (strcmp(scope, "host") == 0) {
		if (ip)
			return ird_fail(e, IRD_EUSAGE, _("%s is an IP: block it with --scope address"),
			                ind->host);
		*target = ind->host;
	} else {
		if (ip)
			return ird_fail(e, IRD_EUSAGE, _("%s is an IP and has no registrable domain"
			                " (use --scope address)"), ind->host);
		if (!ind->registrable)
			return ird_fail(e, IRD_EUSAGE, _("%s has no registrable domain (it is a public"
			                " suffix): use --scope host"), ind->host);
		*target = ind->registrable;
	}
	return IRD_OK;
}

/* A block of the case on the same scope and target still in force. */
static int
existing_block(ird_ctx *c, int64_t case_id, const char *scope, const char *target,
               int64_t *id, char state[16], ird_err *e)
{
	static const char sql[] = "SELECT id, state FROM blocks WHERE case_id = ?1 AND scope = ?2"
		" AND target = ?3 AND state IN ('requested', 'active') ORDER BY id LIMIT 1";
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, scope);
	store_bind_text(st, 3, target);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		text_snprintf(state, 16, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? IRD_OK
	                                             : store_fail(c->store, e, N_("cannot read blocks"));
}

/* Whether the indicator has a registrable domain that a host block misses. */
static int
host_only(const block_subject *ind, const char *scope)
{
	return strcmp(scope, "host") == 0 && ind->registrable && ind->host &&
	       strcmp(ind->host, ind->registrable) != 0 && strcmp(ind->type, "email") != 0;
}

static int
insert_block(ird_ctx *c, const block_subject *ind, const char *scope, const char *target,
             int64_t *id, ird_err *e)
{
	static const char sql[] =
		"INSERT INTO blocks (case_id, indicator_id, scope, target, state, requested_at,"
		" requested_by) VALUES (?1, ?2, ?3, ?4, 'requested', ?5, ?6)";
	char text[VALUE_MAX * 2 + 300];
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, ind->case_id);
	sqlite3_bind_int64(st, 2, ind->id);
	store_bind_text(st, 3, scope);
	store_bind_text(st, 4, target);
	sqlite3_bind_int64(st, 5, clock_now(&c->clock));
	store_bind_text(st, 6, c->actor);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot request the block"))) != IRD_OK)
		return rc;
	*id = store_last_rowid(c->store);
	if ((rc = audit_record(c, "block.request", &block_audit, *id, e)) != IRD_OK)
		return rc;
	text_snprintf(text, sizeof(text), "block #%lld requested: %s %s (indicator #%lld %s)%s%s%s",
	         (long long)*id, scope, target, (long long)ind->id, ind->normal,
	         host_only(ind, scope) ? "; host only: the registrable domain " : "",
	         host_only(ind, scope) ? ind->registrable : "",
	         host_only(ind, scope) ? " stays unblocked" : "");
	return event_add_tx(c, ind->case_id, 0, "block", text, e);
}

int
block_request_tx(ird_ctx *c, int64_t case_id, const block_subject *ind, const char *scope,
                 int64_t *id, ird_err *e)
{
	const char *target = NULL;
	char state[16];
	int64_t other;
	int rc;

	if (scope && (rc = block_check_scope(scope, e)) != IRD_OK)
		return rc;
	if (ind->case_id != case_id)
		return ird_fail(e, IRD_ENOTFOUND, _("the case has no indicator #%lld"),
		                (long long)ind->id);
	if (!scope)
		scope = blockable_type(ind->type) ? default_scope(ind) : "address";
	rc = scope_target(ind, scope, &target, e); /* refuses what cannot be blocked */
	if (rc == IRD_OK)
		rc = existing_block(c, case_id, scope, target, &other, state, e);
	if (rc == IRD_OK && other)
		rc = ird_fail(e, IRD_EFAIL, _("block #%lld (%s) already covers %s %s"), (long long)other,
		              state, scope, target);
	if (rc == IRD_OK)
		rc = insert_block(c, ind, scope, target, id, e);
	return rc;
}

/* The strings of a row that a get makes its own. */
#define BLOCK_ROW_STRINGS(r) \
	{ &(r)->scope, &(r)->target, &(r)->state, &(r)->requested_by, &(r)->note, \
	  &(r)->indicator }
#define BLOCK_ROW_STRINGS_COUNT 6

static void
row_from_stmt(sqlite3_stmt *st, block_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	r->indicator_id = sqlite3_column_int64(st, 2);
	r->requested_at = sqlite3_column_int64(st, 3);
	r->activated_at = sqlite3_column_int64(st, 4);
	r->lifted_at = sqlite3_column_int64(st, 5);
	r->scope = (const char *)sqlite3_column_text(st, 6);
	r->target = (const char *)sqlite3_column_text(st, 7);
	r->state = (const char *)sqlite3_column_text(st, 8);
	r->requested_by = (const char *)sqlite3_column_text(st, 9);
	r->note = (const char *)sqlite3_column_text(st, 10);
	r->indicator = (const char *)sqlite3_column_text(st, 11);
}

void
block_row_free(block_row *row)
{
	const char **const own[] = BLOCK_ROW_STRINGS(row);

	store_free_strings(own, BLOCK_ROW_STRINGS_COUNT);
	memset(row, 0, sizeof(*row));
}

int
block_get(ird_ctx *c, int64_t case_id, int64_t id, block_row *row, ird_err *e)
{
	static const char sql[] = "SELECT " ROW_COLUMNS " FROM blocks b"
		" JOIN indicators i ON i.id = b.indicator_id WHERE b.id = ?1 AND b.case_id = ?2";
	sqlite3_stmt *st;
	int rc, oom = 0;
	const char **const own_row[] = BLOCK_ROW_STRINGS(row);

	memset(row, 0, sizeof(*row));
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, case_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? ird_fail(e, IRD_ENOTFOUND, _("the case has no block #%lld"),
		                                  (long long)id)
		                       : store_fail(c->store, e, N_("cannot read the block"));
		sqlite3_reset(st);
		return rc;
	}
	row_from_stmt(st, row);
	oom = store_own_strings(own_row, BLOCK_ROW_STRINGS_COUNT) != 0;
	sqlite3_reset(st);
	if (oom) {
		block_row_free(row);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	return IRD_OK;
}

/* One lifecycle step: the state it leads to (also the word for the
 * timeline), the audit action and the UPDATE (?1 id, ?2 now, ?3 note). */
typedef struct transition {
	const char *to, *action, *sql;
} transition;

static const transition ACTIVATE = {
	"active", "block.activate",
	"UPDATE blocks SET state = 'active', activated_at = ?2 WHERE id = ?1",
};
static const transition LIFT = {
	"lifted", "block.lift",
	"UPDATE blocks SET state = 'lifted', lifted_at = ?2, note = coalesce(?3, note)"
	" WHERE id = ?1",
};

/* Why the block in state FROM cannot go to T->to; NULL if it can. */
static const char *
refusal(const char *from, const transition *t)
{
	if (strcmp(from, "lifted") == 0)
		return t == &LIFT ? _("it is already lifted")
		                  : _("it was lifted; request a new block to block again");
	if (t == &ACTIVATE && strcmp(from, "active") == 0)
		return _("it is already active");
	return NULL;
}

static int
transition_tx(ird_ctx *c, int64_t case_id, int64_t block_id, const transition *t,
              const char *note, ird_err *e)
{
	char text[VALUE_MAX + BLOCK_NOTE_MAX + 300];
	const char *why;
	block_row b;
	sqlite3_stmt *st;
	int rc, withdrawn;

	if ((rc = block_get(c, case_id, block_id, &b, e)) != IRD_OK)
		return rc;
	if ((why = refusal(b.state, t))) {
		rc = ird_fail(e, IRD_EFAIL, _("block #%lld (%s %s) cannot become %s: %s"),
		              (long long)block_id, b.scope, b.target, t->to, why);
		block_row_free(&b);
		return rc;
	}
	withdrawn = t == &LIFT && strcmp(b.state, "requested") == 0;
	rc = store_stmt(c->store, t->sql, &st, e);
	if (rc == IRD_OK) {
		sqlite3_bind_int64(st, 1, block_id);
		sqlite3_bind_int64(st, 2, clock_now(&c->clock));
		if (t == &LIFT)
			store_bind_text(st, 3, note && *note ? note : NULL);
		rc = store_exec_stmt(c->store, st, e, N_("cannot change the block"));
	}
	if (rc == IRD_OK)
		rc = audit_record(c, t->action, &block_audit, block_id, e);
	if (rc == IRD_OK) {
		text_snprintf(text, sizeof(text), "block #%lld %s: %s %s%s%s", (long long)block_id,
		         withdrawn ? "withdrawn before it was active" : t->to, b.scope, b.target,
		         note && *note && t == &LIFT ? " - " : "", t == &LIFT && note ? note : "");
		rc = event_add_tx(c, case_id, 0, "block", text, e);
	}
	block_row_free(&b);
	return rc;
}

int
block_activate_tx(ird_ctx *c, int64_t case_id, int64_t block_id, ird_err *e)
{
	return transition_tx(c, case_id, block_id, &ACTIVATE, NULL, e);
}

int
block_check_note(const char *note, ird_err *e)
{
	if (note && strlen(note) > BLOCK_NOTE_MAX)
		return ird_fail(e, IRD_EUSAGE, _("the note is longer than %d bytes"), BLOCK_NOTE_MAX);
	return IRD_OK;
}

int
block_lift_tx(ird_ctx *c, int64_t case_id, int64_t block_id, const char *note, ird_err *e)
{
	int rc = block_check_note(note, e);

	return rc != IRD_OK ? rc : transition_tx(c, case_id, block_id, &LIFT, note, e);
}

/* The first block of the case in STATE with SCOPE and TARGET: its id, or 0. */
static int
block_on(ird_ctx *c, int64_t case_id, const char *state, const char *scope,
         const char *target, int64_t *id, ird_err *e)
{
	static const char sql[] = "SELECT id FROM blocks WHERE case_id = ?1 AND state = ?2"
		" AND scope = ?3 AND target = ?4 ORDER BY id LIMIT 1";
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if (!target)
		return IRD_OK;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, state);
	store_bind_text(st, 3, scope);
	store_bind_text(st, 4, target);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? IRD_OK
	                                             : store_fail(c->store, e, N_("cannot read blocks"));
}

/* The first covering block of the indicator in STATE (0 if none). */
static int
covering_block(ird_ctx *c, int64_t indicator_id, const char *state, int64_t *id, ird_err *e)
{
	static const char sql[] = "SELECT b.id" COVERING " AND b.state = ?2 ORDER BY b.id LIMIT 1";
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, indicator_id);
	store_bind_text(st, 2, state);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? IRD_OK
	                                             : store_fail(c->store, e, N_("cannot read blocks"));
}

int
block_is_blocked(ird_ctx *c, int64_t indicator_id, int *yes, ird_err *e)
{
	int64_t id;
	int rc = covering_block(c, indicator_id, "active", &id, e);

	*yes = rc == IRD_OK && id != 0;
	return rc;
}

/* Block-domain: the scope and target that meet it for IND. */
static void
domain_requirement(const block_subject *ind, const char **scope, const char **target)
{
	if (ind->registrable) {
		*scope = "domain";
		*target = ind->registrable;
	} else if (is_ip(ind->host)) {
		*scope = "address";
		*target = ind->host;
	} else {
		*scope = "host";
		*target = ind->host;
	}
}

/* Why block-domain is not met, given what exists. */
static int
domain_why(ird_ctx *c, const block_subject *ind, const char *scope, const char *target,
           char *why, size_t len, ird_err *e)
{
	int64_t requested = 0, host_block = 0;
	int rc = block_on(c, ind->case_id, "requested", scope, target, &requested, e);

	if (rc == IRD_OK && strcmp(scope, "domain") == 0) {
		rc = block_on(c, ind->case_id, "active", "host", ind->host, &host_block, e);
		if (rc == IRD_OK && !host_block)
			rc = block_on(c, ind->case_id, "requested", "host", ind->host, &host_block, e);
	}
	if (rc != IRD_OK)
		return rc;
	if (host_block)
		/* 2015: MHLW blocked the C&C URL by sub-domain only. */
		text_snprintf(why, len, _("blocked host %s only: the step 'block the registrable domain'"
		         " stays open until %s is blocked%s"), ind->host, target,
		         requested ? _(" (its block is requested, not yet active)") : "");
	else if (requested)
		text_snprintf(why, len, _("block #%lld of %s %s is requested but not yet active (irdesk block"
		         " activate)"), (long long)requested, scope, target);
	else
		text_snprintf(why, len, _("%s %s is not blocked (irdesk block ... #%lld --scope %s)"), scope,
		         target, (long long)ind->id, scope);
	return IRD_OK;
}

static int
requirement_met(ird_ctx *c, const block_subject *ind, int domain, int *met, char *why,
                size_t len, ird_err *e)
{
	const char *scope, *target;
	int64_t id = 0, requested = 0;
	int rc;

	if (!ind->host) {
		text_snprintf(why, len, _("a %s indicator has no address or domain to block"), ind->type);
		return IRD_OK;
	}
	if (domain) {
		domain_requirement(ind, &scope, &target);
		if ((rc = block_on(c, ind->case_id, "active", scope, target, &id, e)) != IRD_OK)
			return rc;
		*met = id != 0;
		return *met ? IRD_OK : domain_why(c, ind, scope, target, why, len, e);
	}
	if ((rc = covering_block(c, ind->id, "active", &id, e)) != IRD_OK)
		return rc;
	*met = id != 0;
	if (*met || (rc = covering_block(c, ind->id, "requested", &requested, e)) != IRD_OK)
		return rc;
	if (requested)
		text_snprintf(why, len, _("block #%lld of %s is requested but not yet active (irdesk block"
		         " activate)"), (long long)requested, ind->normal);
	else
		text_snprintf(why, len, _("%s is not blocked (irdesk block ... #%lld)"), ind->normal,
		         (long long)ind->id);
	return IRD_OK;
}

int
block_requirement_met(ird_ctx *c, const block_subject *ind, int domain, int *met, char *why,
                      size_t whylen, ird_err *e)
{
	*met = 0;
	if (whylen)
		why[0] = '\0';
	return requirement_met(c, ind, domain, met, why, whylen, e);
}

struct block_visit {
	int (*fn)(void *arg, const block_row *row);
	void *arg;
};

/* One row of block_each's listing, handed to the caller's function. */
static int
block_visit_row(void *arg, sqlite3_stmt *st)
{
	struct block_visit *v = arg;
	block_row r;

	row_from_stmt(st, &r);
	return v->fn(v->arg, &r);
}

int
block_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const block_row *r), void *arg,
           ird_err *e)
{
	static const char sql[] = "SELECT " ROW_COLUMNS " FROM blocks b"
		" JOIN indicators i ON i.id = b.indicator_id WHERE b.case_id = ?1 ORDER BY b.id";
	struct block_visit v = { fn, arg };

	return store_each(c->store, sql, case_id, block_visit_row, &v, N_("cannot list blocks"), e);
}

int
block_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e)
{
	static const char sql[] =
		"SELECT json_group_array(json(j)) FROM (SELECT " BLOCK_PUBLIC_JSON " AS j"
		" FROM blocks b JOIN indicators i ON i.id = b.indicator_id WHERE b.case_id = ?1"
		" ORDER BY b.id)";
	return store_query_json_array(c->store, sql, case_id, json, e);
}

/* ---- re-normalised indicators ---- */

struct retarget {
	int64_t *ids;
	char **targets, **scopes;
	size_t n;
	int oom;
};

static int
retarget_row(void *arg, sqlite3_stmt *st)
{
	struct retarget *r = arg;
	int64_t *ids = realloc(r->ids, (r->n + 1) * sizeof(*ids));
	char **t, **s;

	if (ids)
		r->ids = ids;
	t = ids ? realloc(r->targets, (r->n + 1) * sizeof(*t)) : NULL;
	if (t)
		r->targets = t;
	s = t ? realloc(r->scopes, (r->n + 1) * sizeof(*s)) : NULL;
	if (s)
		r->scopes = s;
	if (!s) {
		r->oom = 1;
		return 1;
	}
	r->ids[r->n] = sqlite3_column_int64(st, 0);
	r->scopes[r->n] = strdup((const char *)sqlite3_column_text(st, 1));
	r->targets[r->n] = strdup((const char *)sqlite3_column_text(st, 2));
	r->n++;
	if (!r->scopes[r->n - 1] || !r->targets[r->n - 1]) {
		r->oom = 1;
		return 1;
	}
	return 0;
}

/* The new target of a block of SCOPE on OLD's TARGET, or NULL to keep it. */
static const char *
new_target(const char *scope, const char *target, const block_subject *old,
           const block_subject *nw)
{
	const char *to = NULL;

	if (strcmp(scope, "domain") == 0 && old->registrable && strcmp(target, old->registrable) == 0)
		to = nw->registrable;
	else if (strcmp(scope, "host") == 0 && old->host && strcmp(target, old->host) == 0)
		to = nw->host;
	else if (strcmp(scope, "address") == 0 && strcmp(target, old->normal) == 0)
		to = nw->normal;
	else if (strcmp(scope, "address") == 0 && old->host && strcmp(target, old->host) == 0)
		to = nw->host;
	return to && strcmp(to, target) != 0 ? to : NULL;
}

int
block_retarget_tx(ird_ctx *c, const block_subject *old, const block_subject *new_, ird_err *e)
{
	static const char list[] =
		"SELECT id, scope, target FROM blocks WHERE indicator_id = ?1 ORDER BY id";
	static const char sql[] = "UPDATE blocks SET target = ?2 WHERE id = ?1";
	struct retarget r = { NULL, NULL, NULL, 0, 0 };
	char text[2 * VALUE_MAX + 200];
	sqlite3_stmt *st;
	int rc = store_each(c->store, list, old->id, retarget_row, &r, N_("cannot read blocks"),
	                    e);

	if (rc == IRD_OK && r.oom)
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	for (size_t i = 0; rc == IRD_OK && i < r.n; i++) {
		const char *to = new_target(r.scopes[i], r.targets[i], old, new_);

		if (!to)
			continue;
		if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
			break;
		sqlite3_bind_int64(st, 1, r.ids[i]);
		store_bind_text(st, 2, to);
		rc = store_exec_stmt(c->store, st, e, N_("cannot change the block"));
		if (rc == IRD_OK)
			rc = audit_record(c, "block.retarget", &block_audit, r.ids[i], e);
		if (rc == IRD_OK) {
			text_snprintf(text, sizeof(text), "block #%lld (%s) re-normalised: %s, was %s",
			              (long long)r.ids[i], r.scopes[i], to, r.targets[i]);
			rc = event_add_tx(c, old->case_id, 0, "block", text, e);
		}
	}
	for (size_t i = 0; i < r.n; i++) {
		free(r.targets[i]);
		free(r.scopes[i]);
	}
	free(r.ids);
	free(r.targets);
	free(r.scopes);
	return rc;
}
