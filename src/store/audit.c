/* audit.c - the hash-chained audit trail and its verification. */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/audit.h"
#include "base/digest.h"

static const char GENESIS[] =
	"0000000000000000000000000000000000000000000000000000000000000000";

struct audit_row {
	int64_t seq, at, object_id;
	const char *actor, *action, *table, *payload, *prev_hash;
};

/* Append one field, length-prefixed ("5:hello", "N:" for NULL) so that no
 * choice of field contents can collide. OUT has room (see audit_hash). */
static size_t
put_field(char *out, const char *s)
{
	size_t n;
	int k;

	if (!s) {
		memcpy(out, "N:", 2);
		return 2;
	}
	n = strlen(s);
	k = snprintf(out, 24, "%zu:", n);
	memcpy(out + k, s, n);
	return (size_t)k + n;
}

/* SHA-256 over the previous hash and every field of the record, hashed
 * in one call: one buffer is far cheaper than sixteen digest updates. */
static int
audit_hash(const struct audit_row *r, char hex[DIGEST_HEX_LEN])
{
	char seq[24], at[24], oid[24], small[2048], *buf = small;
	const char *fields[8];
	size_t need = 8 * 24, len = 0;
	int rc;

	snprintf(seq, sizeof(seq), "%" PRId64, r->seq);
	snprintf(at, sizeof(at), "%" PRId64, r->at);
	snprintf(oid, sizeof(oid), "%" PRId64, r->object_id);
	fields[0] = r->prev_hash;
	fields[1] = seq;
	fields[2] = at;
	fields[3] = r->actor;
	fields[4] = r->action;
	fields[5] = r->table;
	fields[6] = oid;
	fields[7] = r->payload;
	for (int i = 0; i < 8; i++)
		need += fields[i] ? strlen(fields[i]) : 0;
	if (need > sizeof(small) && !(buf = malloc(need)))
		return -1;
	for (int i = 0; i < 8; i++)
		len += put_field(buf + len, fields[i]);
	rc = digest_once(buf, len, hex);
	if (buf != small)
		free(buf);
	return rc;
}

static int
chain_head(ird_ctx *c, int64_t *seq, char prev[DIGEST_HEX_LEN], ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (store_stmt(c->store, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &st, e))
		return e ? e->code : IRD_EFAIL;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		snprintf(prev, DIGEST_HEX_LEN, "%s", (const char *)sqlite3_column_text(st, 1));
	} else if (rc == SQLITE_DONE) {
		*seq = 0;
		memcpy(prev, GENESIS, DIGEST_HEX_LEN);
	} else {
		rc = store_fail(c->store, e, "cannot read the audit trail");
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return IRD_OK;
}

/* The row's JSON as it is now; NULL (and IRD_OK) if the row is gone. */
static int
row_json(ird_ctx *c, const audit_table *t, int64_t rowid, char **out, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (store_stmt(c->store, t->row_sql, &st, e))
		return e ? e->code : IRD_EFAIL;
	sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && !(*out = store_col_strdup(st, 0)))
		rc = SQLITE_NOMEM;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		rc = store_fail_step(c->store, rc, e, "cannot read the changed record");
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return IRD_OK;
}

int
audit_record(ird_ctx *c, const char *action, const audit_table *t, int64_t rowid, ird_err *e)
{
	static const char sql[] =
		"INSERT INTO audit (seq, at, actor, action, object_table, object_id, payload,"
		" prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	char prev[DIGEST_HEX_LEN], hash[DIGEST_HEX_LEN];
	struct audit_row r;
	char *payload;
	sqlite3_stmt *st;
	int rc;

	if ((rc = chain_head(c, &r.seq, prev, e)) != IRD_OK)
		return rc;
	if ((rc = row_json(c, t, rowid, &payload, e)) != IRD_OK)
		return rc;
	r.seq++;
	r.at = clock_now(&c->clock);
	r.object_id = rowid;
	r.actor = c->actor;
	r.action = action;
	r.table = t->name;
	r.payload = payload;
	r.prev_hash = prev;
	if (audit_hash(&r, hash) != 0) {
		free(payload);
		return ird_fail(e, IRD_EFAIL, "cannot hash the audit record");
	}
	if ((rc = store_stmt(c->store, sql, &st, e)) == IRD_OK) {
		sqlite3_bind_int64(st, 1, r.seq);
		sqlite3_bind_int64(st, 2, r.at);
		store_bind_text(st, 3, r.actor);
		store_bind_text(st, 4, r.action);
		store_bind_text(st, 5, r.table);
		sqlite3_bind_int64(st, 6, rowid);
		store_bind_text(st, 7, payload);
		store_bind_text(st, 8, prev);
		store_bind_text(st, 9, hash);
		rc = store_exec_stmt(c->store, st, e, "cannot write the audit record");
	}
	free(payload);
	return rc;
}

struct verify {
	audit_problem_fn report;
	void *arg;
	int64_t problems;
};

static void
problem(struct verify *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
problem(struct verify *v, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	v->problems++;
	if (v->report)
		v->report(v->arg, msg);
}

static void
row_from_stmt(sqlite3_stmt *st, struct audit_row *r)
{
	r->seq = sqlite3_column_int64(st, 0);
	r->at = sqlite3_column_int64(st, 1);
	r->actor = (const char *)sqlite3_column_text(st, 2);
	r->action = (const char *)sqlite3_column_text(st, 3);
	r->table = (const char *)sqlite3_column_text(st, 4);
	r->object_id = sqlite3_column_int64(st, 5);
	r->payload = (const char *)sqlite3_column_text(st, 6);
	r->prev_hash = (const char *)sqlite3_column_text(st, 7);
}

/* Walk the chain in order: no gap, each link and each hash right. */
static int
verify_chain(ird_ctx *c, struct verify *v, int64_t *records, ird_err *e)
{
	char prev[DIGEST_HEX_LEN], hash[DIGEST_HEX_LEN];
	struct audit_row r;
	sqlite3_stmt *st;
	int64_t expect = 1;
	int rc;

	memcpy(prev, GENESIS, DIGEST_HEX_LEN);
	if (store_stmt(c->store, "SELECT seq, at, actor, action, object_table, object_id, payload,"
	               " prev_hash, hash FROM audit ORDER BY seq", &st, e))
		return e ? e->code : IRD_EFAIL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *stored = (const char *)sqlite3_column_text(st, 8);

		row_from_stmt(st, &r);
		if (r.seq != expect)
			problem(v, "audit: records %" PRId64 "..%" PRId64 " are missing (deleted)",
			        expect, r.seq - 1);
		if (!r.prev_hash || strcmp(r.prev_hash, prev) != 0)
			problem(v, "audit: record %" PRId64 " does not follow the record before it", r.seq);
		if (!r.actor || !r.action || !r.table || audit_hash(&r, hash) != 0 ||
		    !stored || strcmp(hash, stored) != 0)
			problem(v, "audit: record %" PRId64 " (%s %s #%" PRId64 ") was altered",
			        r.seq, r.action ? r.action : "?", r.table ? r.table : "?", r.object_id);
		snprintf(prev, sizeof(prev), "%s", stored ? stored : "");
		expect = r.seq + 1;
		(*records)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(c->store, e, "cannot read the audit trail");
	return IRD_OK;
}

/* Merge two id-ordered scans: live rows, and each object's last record. */
static int
verify_table(ird_ctx *c, const audit_table *t, struct verify *v, ird_err *e)
{
	static const char last_sql[] =
		"SELECT object_id, payload FROM audit WHERE object_table = ?1 AND seq IN"
		" (SELECT max(seq) FROM audit WHERE object_table = ?1 GROUP BY object_id)"
		" ORDER BY object_id";
	sqlite3_stmt *live, *last;
	int rl, ra;

	if (store_stmt(c->store, t->all_sql, &live, e) || store_stmt(c->store, last_sql, &last, e))
		return e ? e->code : IRD_EFAIL;
	store_bind_text(last, 1, t->name);
	rl = sqlite3_step(live);
	ra = sqlite3_step(last);
	while (rl == SQLITE_ROW || ra == SQLITE_ROW) {
		int64_t lid = rl == SQLITE_ROW ? sqlite3_column_int64(live, 0) : INT64_MAX;
		int64_t aid = ra == SQLITE_ROW ? sqlite3_column_int64(last, 0) : INT64_MAX;
		const char *payload = aid <= lid ? (const char *)sqlite3_column_text(last, 1) : NULL;

		if (lid < aid || (lid == aid && !payload)) {
			problem(v, "%s: record %" PRId64 " was inserted outside irdesk", t->name, lid);
		} else if (aid < lid) {
			if (payload)
				problem(v, "%s: record %" PRId64 " was deleted outside irdesk", t->name, aid);
		} else if (strcmp((const char *)sqlite3_column_text(live, 1), payload) != 0) {
			problem(v, "%s: record %" PRId64 " was edited outside irdesk", t->name, lid);
		}
		if (lid <= aid)
			rl = sqlite3_step(live);
		if (aid <= lid)
			ra = sqlite3_step(last);
	}
	sqlite3_reset(live);
	sqlite3_reset(last);
	if (rl != SQLITE_DONE || ra != SQLITE_DONE)
		return store_fail(c->store, e, "cannot compare records with the audit trail");
	return IRD_OK;
}

int
audit_verify(ird_ctx *c, const audit_table *const *tables, unsigned ntables,
             audit_problem_fn report, void *arg, int64_t *records, int64_t *problems,
             ird_err *e)
{
	struct verify v = { report, arg, 0 };
	int rc;

	*records = 0;
	rc = verify_chain(c, &v, records, e);
	for (unsigned i = 0; rc == IRD_OK && i < ntables; i++)
		rc = verify_table(c, tables[i], &v, e);
	*problems = v.problems;
	if (rc == IRD_OK && v.problems)
		return ird_fail(e, IRD_EFAIL, "%" PRId64 " problem%s found", v.problems,
		                v.problems == 1 ? "" : "s");
	return rc;
}
