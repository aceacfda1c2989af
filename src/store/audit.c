/* audit.c - the hash-chained audit trail and its verification. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "store/audit.h"
#include "base/clock.h"
#include "base/digest.h"
#include "base/sign.h"

static const char GENESIS[] =
	"0000000000000000000000000000000000000000000000000000000000000000";

/* A record; REAL_AT 0 with no OS_USER marks one written before schema 4,
 * hashed as it was then (eight fields). */
struct audit_row {
	int64_t seq, at, object_id, real_at;
	const char *actor, *action, *table, *payload, *prev_hash;
	const char *os_user, *os_host;
	int v2; /* has the schema 4 fields */
};

static int64_t (*real_clock)(void);
static int signing_off;

void
audit_signing_set(int on)
{
	signing_off = !on;
}

void
audit_real_clock_set(int64_t (*now)(void))
{
	real_clock = now;
}

static int64_t
real_now(void)
{
	return real_clock ? real_clock() : (int64_t)time(NULL);
}

/* Who really runs this process: the effective user's name (or uid) and
 * the host name, looked up once. --as and IRDESK_USER do not change it. */
static void
os_identity(const char **user, const char **host)
{
	static char u[64], h[256];

	if (!u[0]) {
		struct passwd *pw = getpwuid(geteuid());

		if (pw && pw->pw_name && *pw->pw_name)
			snprintf(u, sizeof(u), "%s", pw->pw_name);
		else
			snprintf(u, sizeof(u), "uid %ld", (long)geteuid());
		if (gethostname(h, sizeof(h) - 1) != 0 || !h[0])
			snprintf(h, sizeof(h), "unknown");
		h[sizeof(h) - 1] = '\0';
	}
	*user = u;
	*host = h;
}

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
 * in one call: one buffer is far cheaper than sixteen digest updates.
 * Records since schema 4 add the real time, OS user and host. */
static int
audit_hash(const struct audit_row *r, char hex[DIGEST_HEX_LEN])
{
	char seq[24], at[24], oid[24], real[24], small[2048], *buf = small;
	const char *fields[11];
	int nfields = r->v2 ? 11 : 8;
	size_t need = 11 * 24, len = 0;
	int rc;

	snprintf(seq, sizeof(seq), "%" PRId64, r->seq);
	snprintf(at, sizeof(at), "%" PRId64, r->at);
	snprintf(oid, sizeof(oid), "%" PRId64, r->object_id);
	snprintf(real, sizeof(real), "%" PRId64, r->real_at);
	fields[0] = r->prev_hash;
	fields[1] = seq;
	fields[2] = at;
	fields[3] = r->actor;
	fields[4] = r->action;
	fields[5] = r->table;
	fields[6] = oid;
	fields[7] = r->payload;
	fields[8] = real;
	fields[9] = r->os_user;
	fields[10] = r->os_host;
	for (int i = 0; i < nfields; i++)
		need += fields[i] ? strlen(fields[i]) : 0;
	if (need > sizeof(small) && !(buf = malloc(need)))
		return -1;
	for (int i = 0; i < nfields; i++)
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
		rc = store_fail(c->store, e, N_("cannot read the audit trail"));
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
		rc = store_fail_step(c->store, rc, e, N_("cannot read the changed record"));
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return IRD_OK;
}

/* The user's key, loaded once per process (again if the path changes). */
static struct {
	char *path;
	sign_key *key;
} keycache;

int
audit_key(int create, const sign_key **k, ird_err *e)
{
	char *path = sign_default_key_path(e);
	sign_key *key;
	int rc;

	*k = NULL;
	if (!path)
		return e ? e->code : IRD_EFAIL;
	if (keycache.key && strcmp(keycache.path, path) == 0) {
		free(path);
		*k = keycache.key;
		return IRD_OK;
	}
	sign_key_free(keycache.key);
	free(keycache.path);
	keycache.key = NULL;
	keycache.path = NULL;
	if ((rc = sign_key_open(path, create, &key, e)) != IRD_OK) {
		free(path);
		return rc;
	}
	keycache.path = path;
	keycache.key = key;
	*k = key;
	return IRD_OK;
}

size_t
audit_head_message(int64_t seq, const char *hash, char *buf, size_t len)
{
	int n = snprintf(buf, len, "irdesk-audit-head-v1 %" PRId64 ":%s", seq, hash);

	return n < 0 ? 0 : (size_t)n;
}

/* Before each commit that wrote audit records: sign the new head and keep
 * the signature beside it. Without the key the write is refused, since a
 * head nobody signed cannot be told from a forged one. */
static int
seal_head(ird_store *s, void *arg, ird_err *e)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO audit_seals (seq, hash, key, sig) VALUES (?1, ?2, ?3, ?4)";
	ird_ctx c = { .store = s };
	char hash[DIGEST_HEX_LEN], msg[160], pub[SIGN_PUB_HEX_LEN], sig[SIGN_SIG_HEX_LEN];
	const sign_key *k;
	sqlite3_stmt *st;
	ird_err ke = { 0 };
	int64_t seq;
	size_t n;
	int rc;

	(void)arg;
	if ((rc = audit_key(1, &k, &ke)) != IRD_OK)
		return ird_fail(e, rc, _("cannot sign the audit trail: %s"), ke.msg);
	if ((rc = audit_head(&c, &seq, hash, e)) != IRD_OK)
		return rc;
	n = audit_head_message(seq, hash, msg, sizeof(msg));
	if ((rc = sign_message(k, msg, n, sig, e)) != IRD_OK)
		return rc;
	sign_key_pub_hex(k, pub);
	if ((rc = store_stmt(s, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, seq);
	store_bind_text(st, 2, hash);
	store_bind_text(st, 3, pub);
	store_bind_text(st, 4, sig);
	return store_exec_stmt(s, st, e, N_("cannot sign the audit trail"));
}

int
audit_record(ird_ctx *c, const char *action, const audit_table *t, int64_t rowid, ird_err *e)
{
	static const char sql[] =
		"INSERT INTO audit (seq, at, actor, action, object_table, object_id, payload,"
		" prev_hash, hash, real_at, os_user, os_host)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
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
	r.real_at = real_now();
	os_identity(&r.os_user, &r.os_host);
	r.v2 = 1;
	r.object_id = rowid;
	r.actor = c->actor;
	r.action = action;
	r.table = t->name;
	r.payload = payload;
	r.prev_hash = prev;
	if (audit_hash(&r, hash) != 0) {
		free(payload);
		return ird_fail(e, IRD_EFAIL, _("cannot hash the audit record"));
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
		sqlite3_bind_int64(st, 10, r.real_at);
		store_bind_text(st, 11, r.os_user);
		store_bind_text(st, 12, r.os_host);
		rc = store_exec_stmt(c->store, st, e, N_("cannot write the audit record"));
	}
	free(payload);
	if (rc == IRD_OK && !signing_off)
		store_before_commit(c->store, seal_head, NULL);
	return rc;
}

int
audit_head(ird_ctx *c, int64_t *seq, char hash[DIGEST_HEX_LEN], ird_err *e)
{
	return chain_head(c, seq, hash, e);
}

int
audit_head_signed(ird_ctx *c, audit_anchor *head, char key[SIGN_PUB_HEX_LEN],
                  char sig[SIGN_SIG_HEX_LEN], ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, "SELECT seq, hash, key, sig FROM audit_seals"
	                     " ORDER BY seq DESC LIMIT 1", &st, e)) != IRD_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		head->seq = sqlite3_column_int64(st, 0);
		snprintf(head->hash, sizeof(head->hash), "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(key, SIGN_PUB_HEX_LEN, "%s", (const char *)sqlite3_column_text(st, 2));
		snprintf(sig, SIGN_SIG_HEX_LEN, "%s", (const char *)sqlite3_column_text(st, 3));
		rc = IRD_OK;
	} else if (rc == SQLITE_DONE) {
		rc = ird_fail(e, IRD_ENOTFOUND, _("the audit trail has no signed head yet"));
	} else {
		rc = store_fail(c->store, e, N_("cannot read the audit trail"));
	}
	sqlite3_reset(st);
	return rc;
}

int
audit_head_text(ird_ctx *c, char *buf, size_t len, ird_err *e)
{
	char hash[DIGEST_HEX_LEN];
	int64_t seq;
	int rc;

	if ((rc = audit_head(c, &seq, hash, e)) != IRD_OK)
		return rc;
	snprintf(buf, len, "%" PRId64 ":%s", seq, hash);
	return IRD_OK;
}

int
audit_anchor_append(ird_ctx *c, const char *path, ird_err *e)
{
	char key[SIGN_PUB_HEX_LEN], sig[SIGN_SIG_HEX_LEN], when[32], line[400];
	audit_anchor h;
	int fd, n, rc;

	if ((rc = audit_head_signed(c, &h, key, sig, e)) != IRD_OK)
		return rc;
	clock_format_utc(real_now(), when, sizeof(when));
	n = snprintf(line, sizeof(line), "%" PRId64 ":%s %s %s %s\n", h.seq, h.hash, key, sig, when);
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0)
		return ird_fail(e, IRD_EFAIL, _("cannot open the anchor file %s: %s"), path, strerror(errno));
	if (write(fd, line, (size_t)n) != n || fsync(fd) != 0) {
		rc = ird_fail(e, IRD_EFAIL, _("cannot write the anchor file %s: %s"), path, strerror(errno));
		close(fd);
		return rc;
	}
	if (close(fd) != 0)
		return ird_fail(e, IRD_EFAIL, _("cannot write the anchor file %s: %s"), path, strerror(errno));
	return IRD_OK;
}

int
audit_anchor_parse(const char *s, audit_anchor *out, ird_err *e)
{
	const char *p = s;
	int64_t seq = 0;
	int i;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!isdigit((unsigned char)*p))
		goto bad;
	for (; isdigit((unsigned char)*p); p++) {
		if (seq > (INT64_MAX - 9) / 10)
			goto bad;
		seq = seq * 10 + (*p - '0');
	}
	if (*p++ != ':')
		goto bad;
	for (i = 0; i < DIGEST_HEX_LEN - 1; i++) {
		if (!isxdigit((unsigned char)p[i]))
			goto bad;
		out->hash[i] = (char)tolower((unsigned char)p[i]);
	}
	out->hash[i] = '\0';
	if (p[i] && !isspace((unsigned char)p[i]))
		goto bad;
	out->seq = seq;
	return IRD_OK;
bad:
	return ird_fail(e, IRD_EUSAGE, _("a head is SEQ:HASH (a record number, a colon and 64 hex "
	                "digits, as irdesk audit head prints)"));
}

struct verify {
	audit_problem_fn report;
	void *arg;
	int64_t problems;
	const audit_trust *trust;
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
	r->v2 = sqlite3_column_type(st, 9) != SQLITE_NULL ||
	        sqlite3_column_type(st, 10) != SQLITE_NULL ||
	        sqlite3_column_type(st, 11) != SQLITE_NULL;
	r->real_at = sqlite3_column_int64(st, 9);
	r->os_user = (const char *)sqlite3_column_text(st, 10);
	r->os_host = (const char *)sqlite3_column_text(st, 11);
}

static int
key_pinned(const audit_trust *t, const char *key)
{
	for (size_t i = 0; t && i < t->nkeys; i++)
		if (key && strcmp(t->keys[i], key) == 0)
			return 1;
	return 0;
}

static int
cmp_anchor(const void *a, const void *b)
{
	const audit_anchor *x = a, *y = b;

	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* What the walk remembers between records. */
struct walk {
	char prev[DIGEST_HEX_LEN];
	int64_t expect, last_real, last_real_seq, first_v2, signed_to, unsigned_from, max_seq;
	int seen_v2;
	audit_anchor *heads;
	size_t nheads, next_head;
	sqlite3_stmt *seals;
	int seal_rc;
};

/* Check the seals kept for record R (the seals statement is in seq order). */
static void
check_seals(struct verify *v, struct walk *w, const struct audit_row *r, const char *stored)
{
	const audit_trust *t = v->trust;

	while (w->seal_rc == SQLITE_ROW && sqlite3_column_int64(w->seals, 0) <= r->seq) {
		int64_t sseq = sqlite3_column_int64(w->seals, 0);
		const char *hash = (const char *)sqlite3_column_text(w->seals, 1);
		const char *key = (const char *)sqlite3_column_text(w->seals, 2);
		const char *sig = (const char *)sqlite3_column_text(w->seals, 3);
		char msg[160];
		size_t n;

		if (sseq < r->seq) {
			problem(v, _("audit: record %" PRId64 " was signed but is missing"), sseq);
		} else if (!hash || !stored || strcmp(hash, stored) != 0) {
			problem(v, _("audit: record %" PRId64 " is not the record that was signed "
			        "(the trail was rewritten)"), sseq);
		} else {
			n = audit_head_message(sseq, hash, msg, sizeof(msg));
			if (!key || !sig || !sign_verify(key, msg, n, sig))
				problem(v, _("audit: the signature of record %" PRId64 " is not valid"), sseq);
			else if (t && t->nkeys && !key_pinned(t, key))
				problem(v, _("audit: record %" PRId64 " is signed by key %.16s..., "
				        "which is not one of the keys given with --key"), sseq, key);
			else
				w->signed_to = sseq;
		}
		w->seal_rc = sqlite3_step(w->seals);
	}
}

/* Compare record R with every anchored head at its number. */
static void
check_heads(struct verify *v, struct walk *w, const struct audit_row *r, const char *stored)
{
	while (w->next_head < w->nheads && w->heads[w->next_head].seq <= r->seq) {
		const audit_anchor *h = &w->heads[w->next_head++];

		if (h->seq == 0) { /* the empty trail's head: held by every trail */
			if (strcmp(h->hash, GENESIS) != 0)
				problem(v, _("audit: head 0:%.16s... cannot exist: record 0 is the empty "
				        "trail, %.16s..."), h->hash, GENESIS);
		} else if (h->seq == r->seq && (!stored || strcmp(stored, h->hash) != 0))
			problem(v, _("audit: record %" PRId64 " is not the one anchored as %" PRId64
			        ":%.16s...: the past was rewritten"), r->seq, h->seq, h->hash);
		else if (h->seq < r->seq)
			problem(v, _("audit: record %" PRId64 ", anchored as %" PRId64 ":%.16s..., "
			        "is missing"), h->seq, h->seq, h->hash);
	}
}

/* Walk the chain in order: no gap, each link and each hash right, real
 * time never running backwards, the seals and anchored heads matching. */
static int
verify_chain(ird_ctx *c, struct verify *v, struct walk *w, int64_t *records, ird_err *e)
{
	char hash[DIGEST_HEX_LEN], t1[32], t2[32];
	struct audit_row r;
	sqlite3_stmt *st;
	int rc;

	memcpy(w->prev, GENESIS, DIGEST_HEX_LEN);
	w->expect = 1;
	if (store_stmt(c->store, "SELECT seq, hash, key, sig FROM audit_seals ORDER BY seq",
	               &w->seals, e) ||
	    store_stmt(c->store, "SELECT seq, at, actor, action, object_table, object_id, payload,"
	               " prev_hash, hash, real_at, os_user, os_host FROM audit ORDER BY seq", &st, e))
		return e ? e->code : IRD_EFAIL;
	w->seal_rc = sqlite3_step(w->seals);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *stored = (const char *)sqlite3_column_text(st, 8);

		row_from_stmt(st, &r);
		if (r.seq != w->expect)
			problem(v, _("audit: records %" PRId64 "..%" PRId64 " are missing (deleted)"),
			        w->expect, r.seq - 1);
		if (!r.prev_hash || strcmp(r.prev_hash, w->prev) != 0)
			problem(v, _("audit: record %" PRId64 " does not follow the record before it"), r.seq);
		if (!r.actor || !r.action || !r.table || audit_hash(&r, hash) != 0 ||
		    !stored || strcmp(hash, stored) != 0)
			problem(v, _("audit: record %" PRId64 " (%s %s #%" PRId64 ") was altered"),
			        r.seq, r.action ? r.action : "?", r.table ? r.table : "?", r.object_id);
		if (r.v2) {
			if (!w->seen_v2)
				w->first_v2 = r.seq;
			w->seen_v2 = 1;
			if (w->last_real_seq && r.real_at < w->last_real) {
				clock_format_utc(r.real_at, t1, sizeof(t1));
				clock_format_utc(w->last_real, t2, sizeof(t2));
				problem(v, _("audit: real time ran backwards: record %" PRId64 " was written at "
				        "%s, record %" PRId64 " before it at %s"), r.seq, t1,
				        w->last_real_seq, t2);
			}
			w->last_real = r.real_at;
			w->last_real_seq = r.seq;
		} else if (w->seen_v2) {
			problem(v, _("audit: record %" PRId64 " has no real time or operating-system user, "
			        "which every record since record %" PRId64 " has"), r.seq, w->first_v2);
		}
		check_seals(v, w, &r, stored);
		check_heads(v, w, &r, stored);
		snprintf(w->prev, sizeof(w->prev), "%s", stored ? stored : "");
		w->expect = r.seq + 1;
		w->max_seq = r.seq;
		(*records)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(c->store, e, N_("cannot read the audit trail"));
	for (; w->seal_rc == SQLITE_ROW; w->seal_rc = sqlite3_step(w->seals))
		problem(v, _("audit: record %" PRId64 " was signed but is missing: the trail ends "
		        "at record %" PRId64), (int64_t)sqlite3_column_int64(w->seals, 0), w->max_seq);
	sqlite3_reset(w->seals);
	if (w->seal_rc != SQLITE_DONE)
		return store_fail(c->store, e, N_("cannot read the audit signatures"));
	for (; w->next_head < w->nheads; w->next_head++)
		if (w->heads[w->next_head].seq > 0 || strcmp(w->heads[w->next_head].hash, GENESIS) != 0)
			problem(v, _("audit: record %" PRId64 ", anchored as %" PRId64 ":%.16s..., is missing: "
		        "the trail ends at record %" PRId64 " (records were removed)"),
		        w->heads[w->next_head].seq, w->heads[w->next_head].seq,
		        w->heads[w->next_head].hash, w->max_seq);
	/* Every record since schema 4 is signed at its commit; with --key the
	 * whole trail must end in a head signed by a pinned key. */
	if (v->trust && v->trust->nkeys && w->signed_to < w->max_seq)
		problem(v, _("audit: records %" PRId64 "..%" PRId64 " are not signed by a key given "
		        "with --key"), w->signed_to + 1, w->max_seq);
	else if (w->seen_v2 && w->signed_to < w->max_seq)
		problem(v, _("audit: records %" PRId64 "..%" PRId64 " are not signed (written without "
		        "the key, or rewritten)"), w->signed_to >= w->first_v2 ? w->signed_to + 1
		        : w->first_v2, w->max_seq);
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
			problem(v, _("%s: record %" PRId64 " was inserted outside irdesk"), t->name, lid);
		} else if (aid < lid) {
			if (payload)
				problem(v, _("%s: record %" PRId64 " was deleted outside irdesk"), t->name, aid);
		} else if (strcmp((const char *)sqlite3_column_text(live, 1), payload) != 0) {
			problem(v, _("%s: record %" PRId64 " was edited outside irdesk"), t->name, lid);
		}
		if (lid <= aid)
			rl = sqlite3_step(live);
		if (aid <= lid)
			ra = sqlite3_step(last);
	}
	sqlite3_reset(live);
	sqlite3_reset(last);
	if (rl != SQLITE_DONE || ra != SQLITE_DONE)
		return store_fail(c->store, e, N_("cannot compare records with the audit trail"));
	return IRD_OK;
}

int
audit_verify_trusted(ird_ctx *c, const audit_table *const *tables, unsigned ntables,
                     const audit_trust *trust, audit_problem_fn report, void *arg,
                     int64_t *records, int64_t *problems, ird_err *e)
{
	struct verify v = { report, arg, 0, trust };
	struct walk w = { 0 };
	int rc;

	*records = 0;
	if (trust && trust->nheads) {
		if (!(w.heads = malloc(trust->nheads * sizeof(*w.heads))))
			return ird_fail(e, IRD_EFAIL, _("out of memory"));
		memcpy(w.heads, trust->heads, trust->nheads * sizeof(*w.heads));
		qsort(w.heads, trust->nheads, sizeof(*w.heads), cmp_anchor);
		w.nheads = trust->nheads;
	}
	rc = verify_chain(c, &v, &w, records, e);
	free(w.heads);
	for (unsigned i = 0; rc == IRD_OK && i < ntables; i++)
		rc = verify_table(c, tables[i], &v, e);
	*problems = v.problems;
	if (rc == IRD_OK && v.problems)
		return ird_fail(e, IRD_EFAIL, ngettext("%" PRId64 " problem found",
		                "%" PRId64 " problems found", (unsigned long)v.problems), v.problems);
	return rc;
}

int
audit_verify(ird_ctx *c, const audit_table *const *tables, unsigned ntables,
             audit_problem_fn report, void *arg, int64_t *records, int64_t *problems,
             ird_err *e)
{
	return audit_verify_trusted(c, tables, ntables, NULL, report, arg, records, problems, e);
}

int
audit_head_json(ird_ctx *c, char **json, ird_err *e)
{
	static const char sql[] =
		"SELECT coalesce((SELECT json_object('seq', seq, 'hash', hash, 'at',"
		" strftime('%Y-%m-%dT%H:%M:%SZ', at, 'unixepoch')) FROM audit"
		" ORDER BY seq DESC LIMIT 1), 'null') WHERE ?1";

	return store_query_text(c->store, sql, 1, json, e);
}
