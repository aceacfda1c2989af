/* stix.c - a case's indicators as a STIX 2.1 bundle, built by SQLite's
 * JSON functions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/share.h"
#include "queries/stix.h"
#include "records/case.h"
#include "records/indicator.h"

#define T(x) "strftime('%Y-%m-%dT%H:%M:%S.000Z', " x ", 'unixepoch')"
/* A fixed creation time for objects that are not of one case (the identity). */
#define IDENTITY_CREATED "2015-01-01T00:00:00.000Z"

static int
collect_row(void *arg, const indicator_row *r)
{
	stix_rows *rows = arg;
	indicator_row *grown, *o;

	if (rows->oom)
		return 1;
	if (!(grown = realloc(rows->rows, (rows->n + 1) * sizeof(*grown)))) {
		rows->oom = 1;
		return 1;
	}
	rows->rows = grown;
	o = &grown[rows->n];
	*o = *r;
	o->type = strdup(r->type);
	o->role = strdup(r->role);
	o->raw = strdup(r->raw);
	o->normal = strdup(r->normal);
	o->host = r->host ? strdup(r->host) : NULL;
	o->registrable = r->registrable ? strdup(r->registrable) : NULL;
	o->note = r->note ? strdup(r->note) : NULL;
	rows->n++;
	if (!o->type || !o->role || !o->raw || !o->normal)
		rows->oom = 1;
	return rows->oom;
}

void
stix_rows_free(stix_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		indicator_row_free(&rows->rows[i]);
	free(rows->rows);
	case_row_free(&rows->kase);
	memset(rows, 0, sizeof(*rows));
}

int
stix_collect(ird_ctx *c, int64_t case_id, int force, stix_rows *rows, ird_err *e)
{
	int rc;

	memset(rows, 0, sizeof(*rows));
	if ((rc = store_begin_read(c->store, e)) != IRD_OK)
		return rc;
	if ((rc = case_get(c, case_id, &rows->kase, e)) == IRD_OK &&
	    (rc = share_check_export_tlp(rows->kase.tlp, force, e)) == IRD_OK)
		rc = indicator_each(c, case_id, collect_row, rows, e);
	store_rollback(c->store);
	if (rc == IRD_OK && rows->oom)
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	for (size_t i = 0; i < rows->n; i++)
		if (rows->rows[i].last_seen > rows->latest)
			rows->latest = rows->rows[i].last_seen;
	if (rows->kase.opened_at > rows->latest)
		rows->latest = rows->kase.opened_at;
	if (rc != IRD_OK)
		stix_rows_free(rows);
	return rc;
}

/* Run SQL (constant), binding the N texts (NULL: SQL NULL) and the
 * integers of INTS at ?N+1...; *OUT gets the one text it gives. */
int
stix_sql_text(ird_ctx *c, const char *sql, const char *const *texts, int n,
              const int64_t *ints, int nints, char **out, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	for (int i = 0; i < n; i++)
		store_bind_text(st, i + 1, texts[i]);
	for (int i = 0; i < nints; i++)
		sqlite3_bind_int64(st, n + i + 1, ints[i]);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && !(*out = store_col_strdup(st, 0)))
		rc = SQLITE_NOMEM;
	rc = rc == SQLITE_ROW ? IRD_OK : store_fail(c->store, e, _("cannot build JSON"));
	sqlite3_reset(st);
	return rc;
}

/* Append the JSON value OBJ to the JSON array *ARR. */
int
stix_append(ird_ctx *c, char **arr, const char *obj, ird_err *e)
{
	const char *t[] = { *arr, obj };
	char *next;
	int rc = stix_sql_text(c, "SELECT json_insert(?1, '$[#]', json(?2))", t, 2, NULL, 0,
	                       &next, e);

	if (rc == IRD_OK) {
		free(*arr);
		*arr = next;
	}
	return rc;
}

/* Append the text S to the JSON array *ARR as a JSON string. */
int
stix_append_text(ird_ctx *c, char **arr, const char *s, ird_err *e)
{
	const char *t[] = { *arr, s };
	char *next;
	int rc = stix_sql_text(c, "SELECT json_insert(?1, '$[#]', ?2)", t, 2, NULL, 0, &next, e);

	if (rc == IRD_OK) {
		free(*arr);
		*arr = next;
	}
	return rc;
}

/* Append what SQL builds from TEXTS and INTS, then free nothing else. */
static int
add_obj(ird_ctx *c, char **arr, const char *sql, const char *const *texts, int n,
        const int64_t *ints, int nints, ird_err *e)
{
	char *obj;
	int rc = stix_sql_text(c, sql, texts, n, ints, nints, &obj, e);

	if (rc == IRD_OK)
		rc = stix_append(c, arr, obj, e);
	free(obj);
	return rc;
}

static const char IDENTITY_SQL[] =
	"SELECT json_object('type', 'identity', 'spec_version', '2.1', 'id', ?1,"
	" 'created', '" IDENTITY_CREATED "', 'modified', '" IDENTITY_CREATED "',"
	" 'name', ?2, 'identity_class', 'organization')";

static const char TLP_SQL[] =
	"SELECT json_object('type', 'marking-definition', 'spec_version', '2.1', 'id', ?1,"
	" 'created', '2017-01-20T00:00:00.000Z', 'definition_type', 'tlp', 'name', ?2,"
	" 'definition', json_object('tlp', ?3))";

static const char STATEMENT_SQL[] =
	"SELECT json_object('type', 'marking-definition', 'spec_version', '2.1', 'id', ?1,"
	" 'created', '2017-01-20T00:00:00.000Z', 'name', 'TLP:AMBER+STRICT',"
	" 'definition_type', 'statement', 'definition', json_object('statement', ?2))";

/* ?1 id, ?2 identity, ?3 name, ?4 description, ?5 indicator type, ?6 pattern,
 * ?7 label, ?8 markings (JSON array); ?9 first seen, ?10 last seen. */
static const char INDICATOR_SQL[] =
	"SELECT json_object('type', 'indicator', 'spec_version', '2.1', 'id', ?1,"
	" 'created_by_ref', ?2, 'created', " T("?9") ", 'modified', " T("?10") ","
	" 'name', ?3, 'description', ?4, 'indicator_types', json_array(?5),"
	" 'pattern', ?6, 'pattern_type', 'stix', 'pattern_version', '2.1',"
	" 'valid_from', " T("?9") ", 'labels', json_array(?7),"
	" 'object_marking_refs', json(?8))";

/* ?1 id, ?2 identity, ?3 indicator id, ?4 markings; ?5 first, ?6 last, ?7 count. */
static const char SIGHTING_SQL[] =
	"SELECT json_object('type', 'sighting', 'spec_version', '2.1', 'id', ?1,"
	" 'created_by_ref', ?2, 'created', " T("?5") ", 'modified', " T("?6") ","
	" 'first_seen', " T("?5") ", 'last_seen', " T("?6") ", 'count', ?7,"
	" 'sighting_of_ref', ?3, 'where_sighted_refs', json_array(?2),"
	" 'object_marking_refs', json(?4))";

/* The case as a report: ?1 id, ?2 identity, ?3 name, ?4 refs, ?5 markings, ?6 case
 * hid; ?7 opened, ?8 latest. (Not a grouping: the OASIS bundle schema has none.) */
static const char REPORT_SQL[] =
	"SELECT json_object('type', 'report', 'spec_version', '2.1', 'id', ?1,"
	" 'created_by_ref', ?2, 'created', " T("?7") ", 'modified', " T("?8") ","
	" 'name', ?3, 'report_types', json_array('indicator'), 'published', " T("?8") ","
	" 'object_refs', json(?4),"
	" 'object_marking_refs', json(?5),"
	" 'external_references', json_array(json_object('source_name', 'irdesk',"
	" 'external_id', ?6)))";

static const char BUNDLE_SQL[] =
	"SELECT json_object('type', 'bundle', 'id', ?1, 'objects', json(?2))";

/* The markings of every object: the TLP, and the AMBER+STRICT statement. */
static int
markings(ird_ctx *c, const char *tlp, char **arr, char **refs, ird_err *e)
{
	char strict[SHARE_ID_LEN];
	const char *id = share_tlp_marking_id(tlp);
	const char *t[3] = { id, share_tlp_marking_name(tlp), share_tlp_marking_colour(tlp) };
	int rc;

	if (!id)
		return ird_fail(e, IRD_EFAIL, _("unknown TLP %s"), tlp ? tlp : "");
	if ((rc = add_obj(c, arr, TLP_SQL, t, 3, NULL, 0, e)) != IRD_OK)
		return rc;
	if ((rc = stix_sql_text(c, "SELECT json_array(?1)", t, 1, NULL, 0, refs, e)) != IRD_OK)
		return rc;
	if (strcmp(tlp, "amber+strict") != 0)
		return IRD_OK;
	share_amber_strict_id(strict);
	{
		const char *s[2] = { strict, SHARE_AMBER_STRICT_STATEMENT };

		if ((rc = add_obj(c, arr, STATEMENT_SQL, s, 2, NULL, 0, e)) != IRD_OK)
			return rc;
	}
	return stix_append_text(c, refs, strict, e);
}

int
stix_is_hash(const char *type)
{
	return strcmp(type, "sha256") == 0 || strcmp(type, "sha1") == 0 || strcmp(type, "md5") == 0;
}

const indicator_row *
stix_attachment_name(const stix_rows *rows, const indicator_row *r)
{
	if (!r->note)
		return NULL;
	for (size_t i = 0; i < rows->n; i++) {
		const indicator_row *f = &rows->rows[i];
		char needle[INDICATOR_MAX_VALUE + 16];

		if (strcmp(f->type, "filename") != 0 || !f->note)
			continue;
		snprintf(needle, sizeof(needle), "attachment %s", f->normal);
		if (strstr(r->note, needle) && strstr(f->note, needle))
			return f;
	}
	return NULL;
}

/* ?1 id, ?2 identity, ?3 source (the hash), ?4 target (the name), ?5 markings;
 * ?6 created, ?7 modified. */
static const char RELATIONSHIP_SQL[] =
	"SELECT json_object('type', 'relationship', 'spec_version', '2.1', 'id', ?1,"
	" 'created_by_ref', ?2, 'created', " T("?6") ", 'modified', " T("?7") ","
	" 'relationship_type', 'related-to', 'source_ref', ?3, 'target_ref', ?4,"
	" 'description', 'the same attachment', 'object_marking_refs', json(?5))";

/* A hash and the file name of the same attachment: related-to. */
static int
add_relationship(ird_ctx *c, char **arr, char **refs, const char *identity,
                 const stix_rows *rows, const char *marks, const indicator_row *r, ird_err *e)
{
	const indicator_row *f = stix_attachment_name(rows, r);
	char from[SHARE_ID_LEN], to[SHARE_ID_LEN], rid[SHARE_ID_LEN], name[2 * SHARE_ID_LEN + 16];
	int64_t ti[2] = { r->first_seen > f->first_seen ? r->first_seen : f->first_seen,
	                  r->last_seen > f->last_seen ? r->last_seen : f->last_seen };
	const char *t[5] = { rid, identity, from, to, marks };
	int rc;

	stix_indicator_id(rows->kase.uuid, r->type, r->normal, from);
	stix_indicator_id(rows->kase.uuid, f->type, f->normal, to);
	snprintf(name, sizeof(name), "related-to|%s|%s", from, to);
	share_stix_id("relationship", name, rid);
	if ((rc = add_obj(c, arr, RELATIONSHIP_SQL, t, 5, ti, 2, e)) != IRD_OK)
		return rc;
	return stix_append_text(c, refs, rid, e);
}

/* The id of an indicator of the case: UUIDv5 of the case and the value. */
void
stix_indicator_id(const char *case_uuid, const char *type, const char *normal,
                  char out[SHARE_ID_LEN])
{
	size_t n = strlen(case_uuid) + strlen(type) + strlen(normal) + 16;
	char *name = malloc(n);

	if (!name) {
		out[0] = '\0';
		return;
	}
	snprintf(name, n, "indicator|%s|%s|%s", case_uuid, type, normal);
	share_stix_id("indicator", name, out);
	free(name);
}

static int
add_indicator(ird_ctx *c, char **arr, char **refs, const char *identity, const char *case_uuid,
              const char *marks, const indicator_row *r, ird_err *e)
{
	char id[SHARE_ID_LEN], sid[SHARE_ID_LEN], *pattern, *name = NULL, *label = NULL;
	const char *kind = strcmp(r->role, "other") == 0 ? "unknown" : "malicious-activity";
	int64_t ti[3] = { r->first_seen, r->last_seen, r->seen_count };
	int rc;

	if (!(pattern = share_stix_pattern(r->type, r->normal)))
		return ird_fail(e, IRD_EFAIL, _("no STIX pattern for type %s"), r->type);
	stix_indicator_id(case_uuid, r->type, r->normal, id);
	share_stix_id("sighting", id, sid);
	if (asprintf(&name, "%s %s (%s)", r->type, r->normal, r->role) < 0 ||
	    asprintf(&label, "irdesk-role:%s", r->role) < 0) {
		free(pattern);
		free(name);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	{
		const char *t[8] = { id, identity, name, r->note ? r->note : name, kind, pattern,
		                     label, marks };

		rc = add_obj(c, arr, INDICATOR_SQL, t, 8, ti, 2, e);
	}
	if (rc == IRD_OK) {
		const char *t[4] = { sid, identity, id, marks };

		rc = add_obj(c, arr, SIGHTING_SQL, t, 4, ti, 3, e);
	}
	if (rc == IRD_OK)
		rc = stix_append_text(c, refs, id, e);
	if (rc == IRD_OK)
		rc = stix_append_text(c, refs, sid, e);
	free(pattern);
	free(name);
	free(label);
	return rc;
}

int
export_stix(ird_ctx *c, int64_t case_id, const char *org, int force, char **json, ird_err *e)
{
	stix_rows rows;
	char identity[SHARE_ID_LEN], gid[SHARE_ID_LEN], bid[SHARE_ID_LEN], *name = NULL;
	char *arr = strdup("[]"), *refs = strdup("[]"), *marks = NULL;
	int rc;

	*json = NULL;
	if (!arr || !refs) {
		free(arr);
		free(refs);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	if ((rc = stix_collect(c, case_id, force, &rows, e)) != IRD_OK) {
		free(arr);
		free(refs);
		return rc;
	}
	if (asprintf(&name, "identity|%s", org) < 0)
		name = NULL;
	share_stix_id("identity", name ? name : org, identity);
	free(name);
	name = NULL;
	{
		const char *t[2] = { identity, org };

		rc = add_obj(c, &arr, IDENTITY_SQL, t, 2, NULL, 0, e);
	}
	/* MARKS: the marking ids every object carries, a JSON array. */
	if (rc == IRD_OK)
		rc = markings(c, rows.kase.tlp, &arr, &marks, e);
	for (size_t i = 0; i < rows.n && rc == IRD_OK; i++)
		rc = add_indicator(c, &arr, &refs, identity, rows.kase.uuid, marks, &rows.rows[i], e);
	for (size_t i = 0; i < rows.n && rc == IRD_OK; i++)
		if (stix_is_hash(rows.rows[i].type) && stix_attachment_name(&rows, &rows.rows[i]))
			rc = add_relationship(c, &arr, &refs, identity, &rows, marks, &rows.rows[i], e);
	if (rc == IRD_OK && rows.n > 0) {
		char gname[300];
		int64_t ti[2] = { rows.kase.opened_at, rows.latest };

		snprintf(gname, sizeof(gname), "%s: %.250s", rows.kase.hid, rows.kase.title);
		if (asprintf(&name, "report|%s", rows.kase.uuid) < 0)
			name = NULL;
		share_stix_id("report", name ? name : rows.kase.uuid, gid);
		{
			const char *t[6] = { gid, identity, gname, refs, marks, rows.kase.hid };

			rc = add_obj(c, &arr, REPORT_SQL, t, 6, ti, 2, e);
		}
	}
	if (rc == IRD_OK) {
		char bname[200];
		const char *t[2] = { bid, arr };

		snprintf(bname, sizeof(bname), "bundle|%s|%lld|%zu", rows.kase.uuid,
		         (long long)rows.latest, rows.n);
		share_stix_id("bundle", bname, bid);
		rc = stix_sql_text(c, BUNDLE_SQL, t, 2, NULL, 0, json, e);
	}
	free(name);
	free(arr);
	free(refs);
	free(marks);
	stix_rows_free(&rows);
	return rc;
}
