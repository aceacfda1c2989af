/* indicator.c - indicators of compromise, merged when seen again. Owns the
 * indicators table. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "records/block_covers.h"
#include "store/event.h"
#include "records/indicator.h"
#include "base/vocab.h"

/* norm_version appears once it is not 0: a row written before schema 7 keeps
 * the JSON its audit records have. */
#define INDICATOR_AUDIT_JSON \
	"json_patch(json_object('case_id', case_id, 'type', type, 'role', role, 'raw', raw," \
	" 'normal', normal, 'host', host, 'registrable', registrable, 'note', note," \
	" 'exfil', exfil, 'seen_count', seen_count, 'first_seen', first_seen," \
	" 'last_seen', last_seen), iif(norm_version = 0, '{}'," \
	" json_object('norm_version', norm_version)))"

const audit_table indicator_audit = {
	"indicators",
	"SELECT " INDICATOR_AUDIT_JSON " FROM indicators WHERE id = ?1",
	"SELECT id, " INDICATOR_AUDIT_JSON " FROM indicators ORDER BY id",
};

#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"

/* The blocks covering indicator i (see block.h for "covering"). */
#define COVERING_BLOCKS_JSON \
	"(SELECT json_group_array(json_object('id', b.id, 'indicator_id', b.indicator_id," \
	" 'scope', b.scope, 'target', b.target, 'state', b.state)) FROM blocks b" \
	" WHERE " BLOCK_COVERS_SQL " ORDER BY b.id)"

/* The public JSON shape of an indicator; names documented in irdesk(1). */
#define INDICATOR_PUBLIC_JSON \
	"json_object('id', i.id, 'type', i.type, 'role', i.role, 'raw', i.raw," \
	" 'normal', i.normal, 'host', i.host, 'registrable_domain', i.registrable," \
	" 'note', i.note, 'exfil', json(iif(i.exfil, 'true', 'false'))," \
	" 'seen_count', i.seen_count, 'first_seen', " ISO("i.first_seen") "," \
	" 'last_seen', " ISO("i.last_seen") ", 'blocks', json(" COVERING_BLOCKS_JSON "))"

#define ROW_COLUMNS \
	"i.id, i.case_id, i.seen_count, i.first_seen, i.last_seen, i.type, i.role, i.raw," \
	" i.normal, i.host, i.registrable, i.note, i.exfil"

static const char *const ROLES[] = { "sender", "c2", "download", "other", NULL };

int
indicator_check_role(const char *role, ird_err *e)
{
	return vocab_check(ROLES, N_("role"), role, e);
}

const char *
indicator_default_role(ioc_type type)
{
	switch (type) {
	case IOC_EMAIL: return "sender";
	case IOC_URL:
	case IOC_DOMAIN:
	case IOC_IP: return "c2";
	default: return "other";
	}
}

static int
check_type(const char *type, ioc_type *t, ird_err *e)
{
	if (ioc_type_parse(type, t) == IRD_OK)
		return IRD_OK;
	return ird_fail(e, IRD_EUSAGE, _("invalid indicator type \"%s\" (expected one of: email,"
	                " url, domain, ip, sha256, sha1, md5, subject, filename, message-id)"),
	                type ? type : "");
}

/* Validate SPEC and normalise its value into *NORM (free with ioc_norm_free). */
static int
prepare(const ioc_normalizer *n, const indicator_spec *spec, ioc_norm *norm, ird_err *e)
{
	ird_err why = { 0 };
	ioc_type t;
	int rc;

	memset(norm, 0, sizeof(*norm));
	if ((rc = check_type(spec->type, &t, e)) != IRD_OK)
		return rc;
	if (spec->role && (rc = indicator_check_role(spec->role, e)) != IRD_OK)
		return rc;
	if (spec->value && strlen(spec->value) > INDICATOR_MAX_VALUE)
		return ird_fail(e, IRD_EUSAGE, _("the value is longer than %d bytes"),
		                INDICATOR_MAX_VALUE);
	if (spec->note && strlen(spec->note) > INDICATOR_MAX_NOTE)
		return ird_fail(e, IRD_EUSAGE, _("the note is longer than %d bytes"),
		                INDICATOR_MAX_NOTE);
	rc = ioc_normalize(n, t, spec->value, norm, &why);
	if (rc == IRD_EUSAGE)
		return ird_fail(e, IRD_EUSAGE, _("invalid %s: %s"), ioc_type_name(t), why.msg);
	if (rc != IRD_OK)
		return ird_fail(e, rc, "%s", why.msg);
	return IRD_OK;
}

/* The strings of a row that a get makes its own. */
#define INDICATOR_ROW_STRINGS(r) \
	{ &(r)->type, &(r)->role, &(r)->raw, &(r)->normal, &(r)->host, &(r)->registrable, \
	  &(r)->note }
#define INDICATOR_ROW_STRINGS_COUNT 7

int
indicator_check(const ioc_normalizer *n, const indicator_spec *spec, ird_err *e)
{
	ioc_norm norm;
	int rc = prepare(n, spec, &norm, e);

	ioc_norm_free(&norm);
	return rc;
}

static void
row_from_stmt(sqlite3_stmt *st, int col, indicator_row *r)
{
	r->id = sqlite3_column_int64(st, col + 0);
	r->case_id = sqlite3_column_int64(st, col + 1);
	r->seen_count = sqlite3_column_int64(st, col + 2);
	r->first_seen = sqlite3_column_int64(st, col + 3);
	r->last_seen = sqlite3_column_int64(st, col + 4);
	r->type = (const char *)sqlite3_column_text(st, col + 5);
	r->role = (const char *)sqlite3_column_text(st, col + 6);
	r->raw = (const char *)sqlite3_column_text(st, col + 7);
	r->normal = (const char *)sqlite3_column_text(st, col + 8);
	r->host = (const char *)sqlite3_column_text(st, col + 9);
	r->registrable = (const char *)sqlite3_column_text(st, col + 10);
	r->note = (const char *)sqlite3_column_text(st, col + 11);
	r->exfil = sqlite3_column_int(st, col + 12);
}

void
indicator_row_free(indicator_row *row)
{
	const char **const own[] = INDICATOR_ROW_STRINGS(row);

	store_free_strings(own, INDICATOR_ROW_STRINGS_COUNT);
	memset(row, 0, sizeof(*row));
}

/* Copy the strings of R (pointing into a statement) into owned memory. */
static int
row_own(indicator_row *r, ird_err *e)
{
	int oom = 0;
	const char **const own_r[] = INDICATOR_ROW_STRINGS(r);

	oom = store_own_strings(own_r, INDICATOR_ROW_STRINGS_COUNT) != 0;
	if (oom) {
		indicator_row_free(r);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	return IRD_OK;
}

/* Run ST (bound by the caller) expecting at most one indicator row. */
static int
get_one(ird_ctx *c, sqlite3_stmt *st, indicator_row *row, int *found, ird_err *e)
{
	int rc = sqlite3_step(st);

	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW) {
		row_from_stmt(st, 0, row);
		rc = row_own(row, e);
	} else if (rc == SQLITE_DONE) {
		rc = IRD_OK;
	} else {
		rc = store_fail(c->store, e, N_("cannot read the indicator"));
	}
	sqlite3_reset(st);
	return rc;
}

int
indicator_get(ird_ctx *c, int64_t id, indicator_row *row, ird_err *e)
{
	static const char sql[] = "SELECT " ROW_COLUMNS " FROM indicators i WHERE i.id = ?1";
	sqlite3_stmt *st;
	int rc, found;

	memset(row, 0, sizeof(*row));
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = get_one(c, st, row, &found, e)) != IRD_OK)
		return rc;
	return found ? IRD_OK : ird_fail(e, IRD_ENOTFOUND, _("no indicator #%lld"), (long long)id);
}

/* The indicator of the case with this type and normal form, if any. */
static int
get_same(ird_ctx *c, int64_t case_id, const char *type, const char *normal, indicator_row *row,
         int *found, ird_err *e)
{
	static const char sql[] = "SELECT " ROW_COLUMNS " FROM indicators i"
		" WHERE i.case_id = ?1 AND i.type = ?2 AND i.normal = ?3";
	sqlite3_stmt *st;
	int rc;

	memset(row, 0, sizeof(*row));
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, type);
	store_bind_text(st, 3, normal);
	return get_one(c, st, row, found, e);
}

/* "url http://x/ (role c2)" for the timeline. */
static void
describe(char *buf, size_t len, const char *type, const char *normal, const char *role)
{
	text_snprintf(buf, len, "%s %s (role %s)", type, normal, role);
}

static int
insert_new(ird_ctx *c, int64_t case_id, const indicator_spec *spec, const ioc_norm *norm,
           const char *role, int64_t *id, ird_err *e)
{
	static const char sql[] =
		"INSERT INTO indicators (case_id, type, role, raw, normal, host, registrable, note,"
		" exfil, seen_count, first_seen, last_seen, norm_version)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?10, ?11)";
	char what[INDICATOR_MAX_VALUE + 100], text[sizeof(what) + 100];
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, ioc_type_name(norm->type));
	store_bind_text(st, 3, role);
	store_bind_text(st, 4, spec->value);
	store_bind_text(st, 5, norm->normal);
	store_bind_text(st, 6, norm->host);
	store_bind_text(st, 7, norm->registrable);
	store_bind_text(st, 8, spec->note && *spec->note ? spec->note : NULL);
	sqlite3_bind_int(st, 9, spec->exfil ? 1 : 0);
	sqlite3_bind_int64(st, 10, clock_now(&c->clock));
	sqlite3_bind_int(st, 11, IOC_NORMALIZER_VERSION);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot add the indicator"))) != IRD_OK)
		return rc;
	*id = store_last_rowid(c->store);
	if ((rc = audit_record(c, "indicator.add", &indicator_audit, *id, e)) != IRD_OK)
		return rc;
	describe(what, sizeof(what), ioc_type_name(norm->type), norm->normal, role);
	text_snprintf(text, sizeof(text), "indicator #%lld added: %s%s", (long long)*id, what,
	         spec->exfil ? ", exfiltration seen" : "");
	return event_add_tx(c, case_id, 0, "ioc", text, e);
}

#define NOTE_SEP "; "

/* Whether NOTE is one of the "; "-separated notes in NOTES. */
static int
has_note(const char *notes, const char *note)
{
	size_t n = strlen(note);

	for (const char *p = notes; p; p = strstr(p, NOTE_SEP), p = p ? p + 2 : NULL)
		if (strncmp(p, note, n) == 0 && (p[n] == '\0' || strncmp(p + n, NOTE_SEP, 2) == 0))
			return 1;
	return 0;
}

/* The note after merging NOTE into OLD: kept if already there, else
 * appended. *OUT is malloc'd or NULL (unchanged). */
static int
merged_note(const char *old, const char *note, char **out, ird_err *e)
{
	*out = NULL;
	if (!note || !*note || (old && has_note(old, note)))
		return IRD_OK;
	if (!old || !*old)
		*out = strdup(note);
	else if (strlen(old) + strlen(note) + 2 > INDICATOR_MAX_NOTE)
		return ird_fail(e, IRD_EUSAGE, _("the merged note would be longer than %d bytes"),
		                INDICATOR_MAX_NOTE);
	else if (asprintf(out, "%s" NOTE_SEP "%s", old, note) < 0)
		*out = NULL;
	return *out ? IRD_OK : ird_fail(e, IRD_EFAIL, _("out of memory"));
}

/* What a merge changed, for the timeline and the triggers. */
typedef struct merge_effect {
	int role_changed, exfil_new;
} merge_effect;

/* Whether an active block covers indicator ID (a sender seen again). */
static int
actively_blocked(ird_ctx *c, int64_t id, int *yes, ird_err *e)
{
	static const char sql[] = "SELECT EXISTS (SELECT 1 FROM blocks b JOIN indicators i"
		" ON i.id = ?1 WHERE " BLOCK_COVERS_SQL " AND b.state = 'active')";
	int64_t v = 0;
	int rc = store_query_int(c->store, sql, id, &v, N_("no answer"), N_("cannot read blocks"), e);

	*yes = v != 0;
	return rc;
}

static int
update_seen(ird_ctx *c, const indicator_row *old, const indicator_spec *spec,
            merge_effect *fx, ird_err *e)
{
	static const char sql[] =
		"UPDATE indicators SET seen_count = seen_count + 1, last_seen = max(last_seen, ?2),"
		" note = coalesce(?3, note), exfil = max(exfil, ?4), role = coalesce(?5, role)"
		" WHERE id = ?1";
	const char *role = spec->role && strcmp(spec->role, old->role) != 0 ? spec->role : NULL;
	char *note = NULL;
	sqlite3_stmt *st;
	int rc;

	fx->role_changed = role != NULL;
	fx->exfil_new = spec->exfil && !old->exfil;
	if ((rc = merged_note(old->note, spec->note, &note, e)) != IRD_OK)
		return rc;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK) {
		free(note);
		return rc;
	}
	sqlite3_bind_int64(st, 1, old->id);
	sqlite3_bind_int64(st, 2, clock_now(&c->clock));
	store_bind_text(st, 3, note);
	sqlite3_bind_int(st, 4, spec->exfil ? 1 : 0);
	store_bind_text(st, 5, role);
	rc = store_exec_stmt(c->store, st, e, N_("cannot update the indicator"));
	free(note);
	if (rc != IRD_OK)
		return rc;
	return audit_record(c, "indicator.seen", &indicator_audit, old->id, e);
}

static int
merge_event(ird_ctx *c, const indicator_row *old, const indicator_spec *spec,
            const merge_effect *fx, int blocked, ird_err *e)
{
	const char *role = fx->role_changed ? spec->role : old->role;
	char what[INDICATOR_MAX_VALUE + 100], text[sizeof(what) + 300];

	describe(what, sizeof(what), old->type, old->normal, role);
	text_snprintf(text, sizeof(text), "indicator #%lld seen again (%lld times): %s%s%s%s%s",
	         (long long)old->id, (long long)old->seen_count + 1, what,
	         fx->role_changed ? ", role was " : "", fx->role_changed ? old->role : "",
	         fx->exfil_new ? ", exfiltration seen" : "",
	         blocked ? ", although an active block covers it" : "");
	return event_add_tx(c, old->case_id, 0, "ioc", text, e);
}

/* What a C&C's block-domain step is about: its registrable domain, else
 * the IP (or host) itself. */
static const char *
c2_label(const char *normal, const char *host, const char *registrable)
{
	return registrable ? registrable : host ? host : normal;
}

void
indicator_effect_free(indicator_effect *fx)
{
	free(fx->label);
	free(fx->c2_label);
	memset(fx, 0, sizeof(*fx));
}

/* The effect's labels for indicator ID. */
static int
effect_labels(indicator_effect *fx, int64_t id, const char *normal, const char *host,
              const char *registrable, ird_err *e)
{
	fx->id = id;
	fx->label = strdup(normal);
	fx->c2_label = strdup(c2_label(normal, host, registrable));
	return fx->label && fx->c2_label ? IRD_OK : ird_fail(e, IRD_EFAIL, _("out of memory"));
}

static int
add_tx(ird_ctx *c, int64_t case_id, const indicator_spec *spec, const ioc_norm *norm,
       indicator_effect *fx, ird_err *e)
{
	const char *type = ioc_type_name(norm->type);
	indicator_row old;
	merge_effect mx = { 0 };
	int64_t id;
	int rc, found, blocked = 0;

	if ((rc = get_same(c, case_id, type, norm->normal, &old, &found, e)) != IRD_OK)
		return rc;
	fx->merged = found;
	if (!found) {
		fx->new_role = spec->role ? spec->role : indicator_default_role(norm->type);
		fx->exfil = spec->exfil;
		if ((rc = insert_new(c, case_id, spec, norm, fx->new_role, &id, e)) != IRD_OK)
			return rc;
		return effect_labels(fx, id, norm->normal, norm->host, norm->registrable, e);
	}
	rc = actively_blocked(c, old.id, &blocked, e);
	if (rc == IRD_OK)
		rc = update_seen(c, &old, spec, &mx, e);
	if (rc == IRD_OK)
		rc = merge_event(c, &old, spec, &mx, blocked, e);
	fx->new_role = mx.role_changed ? spec->role : NULL;
	fx->exfil = mx.exfil_new;
	/* 2015: the May 8 sender sent 101 more mails on May 18, after its block. */
	fx->repeat_sender = blocked && strcmp(mx.role_changed ? spec->role : old.role, "sender") == 0;
	if (rc == IRD_OK)
		rc = effect_labels(fx, old.id, old.normal, old.host, old.registrable, e);
	indicator_row_free(&old);
	return rc;
}

int
indicator_add_tx(ird_ctx *c, const ioc_normalizer *n, int64_t case_id,
                 const indicator_spec *spec, indicator_effect *fx, ird_err *e)
{
	ioc_norm norm;
	int rc;

	memset(fx, 0, sizeof(*fx));
	if ((rc = prepare(n, spec, &norm, e)) != IRD_OK)
		return rc;
	rc = add_tx(c, case_id, spec, &norm, fx, e);
	ioc_norm_free(&norm);
	return rc;
}

/* "#12" -> 12; 0 if REF is not of that form. */
static int64_t
hash_id(const char *ref)
{
	char *end;
	long long v;

	if (ref[0] != '#' || ref[1] < '0' || ref[1] > '9')
		return 0;
	v = strtoll(ref + 1, &end, 10);
	return *end || v <= 0 ? 0 : (int64_t)v;
}

/* Collect the ids of the case's indicators that ST (bound, ?1 = case)
 * yields; more than one is ambiguous. */
static int
unique_id(ird_ctx *c, sqlite3_stmt *st, const char *ref, int64_t *id, int *n, ird_err *e)
{
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (++*n == 1)
			*id = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(c->store, e, N_("cannot find the indicator"));
	if (*n > 1)
		return ird_fail(e, IRD_EUSAGE, _("\"%s\" matches %d indicators of the case; give its"
		                " #id (irdesk ioc list)"), ref, *n);
	return IRD_OK;
}

static int
find_by_text(ird_ctx *c, int64_t case_id, const char *sql, const char *text, const char *ref,
             int64_t *id, int *n, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, text);
	return unique_id(c, st, ref, id, n, e);
}

int
indicator_find(ird_ctx *c, const ioc_normalizer *n, int64_t case_id, const char *ref,
               int64_t *id, ird_err *e)
{
	static const char by_id[] = "SELECT id FROM indicators WHERE case_id = ?1 AND id = ?2";
	static const char by_raw[] = "SELECT id FROM indicators WHERE case_id = ?1 AND raw = ?2";
	static const char by_normal[] =
		"SELECT id FROM indicators WHERE case_id = ?1 AND normal = ?2";
	int64_t want = ref ? hash_id(ref) : 0;
	indicator_query q;
	sqlite3_stmt *st;
	int rc, count = 0;

	if (!ref || !*ref)
		return ird_fail(e, IRD_EUSAGE, _("which indicator? (#id, or its value)"));
	if (want) {
		if ((rc = store_stmt(c->store, by_id, &st, e)) != IRD_OK)
			return rc;
		sqlite3_bind_int64(st, 1, case_id);
		sqlite3_bind_int64(st, 2, want);
		if ((rc = unique_id(c, st, ref, id, &count, e)) != IRD_OK)
			return rc;
	}
	if (!want && (rc = find_by_text(c, case_id, by_raw, ref, ref, id, &count, e)) != IRD_OK)
		return rc;
	if (!want && !count && indicator_query_new(n, ref, &q, NULL) == IRD_OK) {
		rc = find_by_text(c, case_id, by_normal, q.normal, ref, id, &count, e);
		indicator_query_free(&q);
		if (rc != IRD_OK)
			return rc;
	}
	if (count == 0)
		return ird_fail(e, IRD_ENOTFOUND, _("the case has no indicator \"%s\" (irdesk ioc list)"),
		                ref);
	return IRD_OK;
}

struct indicator_visit {
	int (*fn)(void *arg, const indicator_row *row);
	void *arg;
};

/* One row of indicator_each's listing, handed to the caller's function. */
static int
indicator_visit_row(void *arg, sqlite3_stmt *st)
{
	struct indicator_visit *v = arg;
	indicator_row r;

	row_from_stmt(st, 0, &r);
	return v->fn(v->arg, &r);
}

int
indicator_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const indicator_row *r),
               void *arg, ird_err *e)
{
	static const char sql[] = "SELECT " ROW_COLUMNS " FROM indicators i"
		" WHERE i.case_id = ?1 ORDER BY i.first_seen, i.id";
	struct indicator_visit v = { fn, arg };

	return store_each(c->store, sql, case_id, indicator_visit_row, &v,
	                  N_("cannot list indicators"), e);
}

int
indicator_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e)
{
	static const char sql[] =
		"SELECT json_group_array(json(j)) FROM (SELECT " INDICATOR_PUBLIC_JSON " AS j"
		" FROM indicators i WHERE i.case_id = ?1 ORDER BY i.first_seen, i.id)";
	return store_query_json_array(c->store, sql, case_id, json, e);
}

/* ---- search across cases ---- */

const char *
indicator_match_name(indicator_match m)
{
	switch (m) {
	/* Marked for the front-ends, which show them with _(). */
	case INDICATOR_SAME_VALUE: return N_("same value");
	case INDICATOR_SAME_HOST: return N_("same host");
	case INDICATOR_SAME_REGISTRABLE: return N_("same registrable domain");
	}
	return "?";
}

void
indicator_query_free(indicator_query *q)
{
	if (!q)
		return;
	free(q->normal);
	free(q->host);
	free(q->registrable);
	memset(q, 0, sizeof(*q));
}

int
indicator_query_new(const ioc_normalizer *n, const char *value, indicator_query *q,
                    ird_err *e)
{
	ioc_norm norm;
	ird_err why = { 0 };
	ioc_type t;

	memset(q, 0, sizeof(*q));
	if (!value || !*value)
		return ird_fail(e, IRD_EUSAGE, _("what to find? (a value: URL, address, domain...)"));
	if (strlen(value) > INDICATOR_MAX_VALUE)
		return ird_fail(e, IRD_EUSAGE, _("the value is longer than %d bytes"),
		                INDICATOR_MAX_VALUE);
	/* A subject or file name has no recognisable shape: matched as given. */
	if (ioc_guess_type(value, &t) != IRD_OK) {
		t = IOC_SUBJECT;
	} else {
		q->guessed = 1;
	}
	if (ioc_normalize(n, t, value, &norm, &why) != IRD_OK) {
		if (why.code != IRD_EUSAGE)
			return ird_fail(e, IRD_EFAIL, "%s", why.msg);
		return ird_fail(e, IRD_EUSAGE, _("invalid %s: %s"), ioc_type_name(t), why.msg);
	}
	q->type = norm.type;
	q->normal = norm.normal;
	q->host = norm.host;
	q->registrable = norm.registrable;
	norm.normal = norm.host = norm.registrable = NULL;
	ioc_norm_free(&norm);
	return IRD_OK;
}

/* The best match of every indicator found by one of three indexed
 * lookups: ?1 normal form, ?2 host, ?3 registrable domain. */
#define SEARCH_CTE \
	"WITH m(id, rank) AS (" \
	" SELECT id, 1 FROM indicators WHERE normal = ?1" \
	" UNION ALL SELECT id, 2 FROM indicators WHERE host = ?2" \
	" UNION ALL SELECT id, 3 FROM indicators WHERE registrable = ?3)," \
	" best(id, rank) AS (SELECT id, min(rank) FROM m GROUP BY id) "

#define SEARCH_FROM \
	" FROM best JOIN indicators i ON i.id = best.id JOIN cases c ON c.id = i.case_id"

#define SEARCH_ORDER " ORDER BY best.rank, c.opened_at, c.id, i.id"

static void
bind_query(sqlite3_stmt *st, const indicator_query *q)
{
	store_bind_text(st, 1, q->normal);
	store_bind_text(st, 2, q->host);
	store_bind_text(st, 3, q->registrable);
}

int
indicator_search_each(ird_ctx *c, const indicator_query *q,
                      int (*fn)(void *arg, const indicator_hit *h), void *arg, ird_err *e)
{
	static const char sql[] = SEARCH_CTE
		"SELECT " ROW_COLUMNS ", c.hid, c.title, c.exercise, best.rank" SEARCH_FROM
		SEARCH_ORDER;
	indicator_hit h;
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	bind_query(st, q);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row_from_stmt(st, 0, &h.ind);
		h.case_hid = (const char *)sqlite3_column_text(st, 13);
		h.case_title = (const char *)sqlite3_column_text(st, 14);
		h.exercise = sqlite3_column_int(st, 15);
		h.match = (indicator_match)sqlite3_column_int(st, 16);
		if (fn(arg, &h) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	rc = rc == SQLITE_DONE ? IRD_OK : store_fail(c->store, e, N_("cannot search indicators"));
	sqlite3_reset(st);
	return rc;
}

int
indicator_find_json(ird_ctx *c, const ioc_normalizer *n, const char *value, char **json,
                    ird_err *e)
{
	static const char sql[] = SEARCH_CTE
		"SELECT json_group_array(json(j)) FROM (SELECT json_object('case', c.hid,"
		" 'case_title', c.title, 'exercise', json(iif(c.exercise, 'true', 'false')),"
		" 'match', CASE best.rank WHEN 1 THEN 'same_value' WHEN 2 THEN 'same_host'"
		" ELSE 'same_registrable_domain' END, 'indicator', json(" INDICATOR_PUBLIC_JSON "))"
		" AS j" SEARCH_FROM SEARCH_ORDER ")";
	indicator_query q;
	sqlite3_stmt *st;
	int rc;

	*json = NULL;
	if ((rc = indicator_query_new(n, value, &q, e)) != IRD_OK)
		return rc;
	if ((rc = store_stmt(c->store, sql, &st, e)) == IRD_OK) {
		bind_query(st, &q);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && !(*json = store_col_strdup(st, 0)))
			rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
		else
			rc = rc == SQLITE_ROW ? IRD_OK : store_fail(c->store, e, N_("cannot search indicators"));
		sqlite3_reset(st);
	}
	indicator_query_free(&q);
	return rc;
}

/* ---- re-normalisation (a newer normaliser) ---- */

int
indicator_outdated(ird_ctx *c, int *yes, ird_err *e)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM indicators WHERE norm_version < ?1)";
	int64_t v = 0;
	int rc = store_query_int(c->store, sql, IOC_NORMALIZER_VERSION, &v, N_("no answer"),
	                         N_("cannot read indicators"), e);

	*yes = v != 0;
	return rc;
}

struct ids {
	int64_t *v;
	size_t n, cap;
};

static int
collect_id(void *arg, sqlite3_stmt *st)
{
	struct ids *ids = arg;

	if (ids->n == ids->cap) {
		size_t cap = ids->cap ? 2 * ids->cap : 64;
		int64_t *v = realloc(ids->v, cap * sizeof(*v));

		if (!v)
			return -1;
		ids->v = v;
		ids->cap = cap;
	}
	ids->v[ids->n++] = sqlite3_column_int64(st, 0);
	return 0;
}

int
indicator_outdated_ids(ird_ctx *c, int64_t **ids, size_t *n, ird_err *e)
{
	static const char sql[] =
		"SELECT id FROM indicators WHERE norm_version < ?1 ORDER BY id";
	struct ids got = { NULL, 0, 0 };
	int rc = store_each(c->store, sql, IOC_NORMALIZER_VERSION, collect_id, &got,
	                    N_("cannot list indicators"), e);

	if (rc == IRD_OK && got.n && !got.v)
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (rc != IRD_OK) {
		free(got.v);
		got.v = NULL;
		got.n = 0;
	}
	*ids = got.v;
	*n = got.n;
	return rc;
}

void
indicator_renorm_free(indicator_renorm *r)
{
	if (!r)
		return;
	indicator_row_free(&r->old);
	free(r->normal);
	free(r->host);
	free(r->registrable);
	memset(r, 0, sizeof(*r));
}

static int
str_same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

int
indicator_renormalize_tx(ird_ctx *c, const ioc_normalizer *n, int64_t id, indicator_renorm *out,
                         ird_err *e)
{
	static const char sql[] =
		"UPDATE indicators SET type = ?2, normal = ?3, host = ?4, registrable = ?5,"
		" norm_version = ?6 WHERE id = ?1";
	ioc_norm norm = { 0 };
	ioc_type t;
	indicator_row other;
	sqlite3_stmt *st;
	int rc, found = 0;

	memset(out, 0, sizeof(*out));
	if ((rc = indicator_get(c, id, &out->old, e)) != IRD_OK)
		return rc;
	/* The raw value as typed is kept; a value this normaliser refuses keeps its form. */
	if (ioc_type_parse(out->old.type, &t) == IRD_OK &&
	    ioc_normalize(n, t, out->old.raw, &norm, NULL) == IRD_OK &&
	    !(str_same(ioc_type_name(norm.type), out->old.type) &&
	      str_same(norm.normal, out->old.normal) && str_same(norm.host, out->old.host) &&
	      str_same(norm.registrable, out->old.registrable))) {
		/* Another indicator of the case already has the new form: that one matches. */
		rc = get_same(c, out->old.case_id, ioc_type_name(norm.type), norm.normal, &other,
		              &found, e);
		if (rc == IRD_OK && found)
			indicator_row_free(&other);
		if (rc == IRD_OK && !found) {
			out->changed = 1;
			out->type = ioc_type_name(norm.type);
			out->normal = norm.normal;
			out->host = norm.host;
			out->registrable = norm.registrable;
			norm.normal = norm.host = norm.registrable = NULL;
		}
	}
	ioc_norm_free(&norm);
	if (rc != IRD_OK)
		return rc;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, out->changed ? out->type : out->old.type);
	store_bind_text(st, 3, out->changed ? out->normal : out->old.normal);
	store_bind_text(st, 4, out->changed ? out->host : out->old.host);
	store_bind_text(st, 5, out->changed ? out->registrable : out->old.registrable);
	sqlite3_bind_int(st, 6, IOC_NORMALIZER_VERSION);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot re-normalise the indicator"))) !=
	    IRD_OK)
		return rc;
	if ((rc = audit_record(c, "indicator.renormalize", &indicator_audit, id, e)) != IRD_OK)
		return rc;
	if (out->changed) {
		char text[2 * INDICATOR_MAX_VALUE + 200];

		text_snprintf(text, sizeof(text), "indicator #%lld re-normalised: %s %s, was %s",
		              (long long)id, out->type, out->normal, out->old.normal);
		rc = event_add_tx(c, out->old.case_id, 0, "ioc", text, e);
	}
	return rc;
}
