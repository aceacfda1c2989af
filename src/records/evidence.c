/* evidence.c - evidence and its chain of custody. Owns the evidence and
 * custody tables. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/text.h"
#include "store/event.h"
#include "records/evidence.h"
#include "base/vocab.h"

#define EVIDENCE_AUDIT_JSON \
	"json_object('case_id', case_id, 'num', num, 'asset_id', asset_id, 'kind', kind," \
	" 'sha256', sha256, 'size', size, 'location', location, 'holder', holder," \
	" 'exfil', exfil, 'added_at', added_at, 'added_by', added_by)"

#define CUSTODY_AUDIT_JSON \
	"json_object('evidence_id', evidence_id, 'at', at, 'from_holder', from_holder," \
	" 'to_holder', to_holder, 'by', \"by\", 'note', note)"

const audit_table evidence_audit = {
	"evidence",
	"SELECT " EVIDENCE_AUDIT_JSON " FROM evidence WHERE id = ?1",
	"SELECT id, " EVIDENCE_AUDIT_JSON " FROM evidence ORDER BY id",
};

const audit_table custody_audit = {
	"custody",
	"SELECT " CUSTODY_AUDIT_JSON " FROM custody WHERE id = ?1",
	"SELECT id, " CUSTODY_AUDIT_JSON " FROM custody ORDER BY id",
};

#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"

static const char *const KINDS[] = { "disk-image", "memory", "logs", "mail", "other", NULL };

int
evidence_check_kind(const char *kind, ird_err *e)
{
	return vocab_check(KINDS, N_("evidence kind"), kind, e);
}

int
evidence_check_spec(const evidence_spec *spec, ird_err *e)
{
	int rc = evidence_check_kind(spec->kind, e);

	if (rc != IRD_OK)
		return rc;
	if (!spec->file == !spec->sha256)
		return spec->file
		       ? ird_fail(e, IRD_EUSAGE, _("give either a file to hash or its SHA-256,"
		                                   " not both"))
		       : ird_fail(e, IRD_EUSAGE, _("give either a file to hash or its SHA-256,"
		                                   " not neither"));
	if (spec->file && !*spec->file)
		return ird_fail(e, IRD_EUSAGE, _("the file name is empty"));
	if (spec->sha256 && !digest_is_hex(spec->sha256))
		return ird_fail(e, IRD_EUSAGE, _("invalid SHA-256 \"%s\" (expected 64 hex digits)"),
		                spec->sha256);
	/* An image or a memory dump always comes from some host. */
	if (!spec->asset_host && (strcmp(spec->kind, "disk-image") == 0 ||
	                          strcmp(spec->kind, "memory") == 0))
		return ird_fail(e, IRD_EUSAGE, _("%s evidence needs the asset it was taken from"),
		                spec->kind);
	return IRD_OK;
}

int
evidence_parse_ref(const char *ref, int64_t *num, ird_err *e)
{
	const char *p = ref ? ref : "";
	int64_t n = 0;

	if (*p == 'E' || *p == 'e')
		p++;
	if (!*p || strlen(p) > 12)
		return ird_fail(e, IRD_EUSAGE, _("invalid evidence \"%s\" (expected E1, E2... or 1, 2...)"),
		                ref ? ref : "");
	for (; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return ird_fail(e, IRD_EUSAGE,
			                _("invalid evidence \"%s\" (expected E1, E2... or 1, 2...)"), ref);
		n = n * 10 + (*p - '0');
	}
	if (n < 1)
		return ird_fail(e, IRD_EUSAGE, _("invalid evidence \"%s\" (numbers start at E1)"), ref);
	*num = n;
	return IRD_OK;
}

/* Hash an open descriptor in fixed blocks; counts the bytes hashed. */
static int
hash_fd(int fd, const char *path, char hex[DIGEST_HEX_LEN], int64_t *size, ird_err *e)
{
	enum { BLOCK = 1 << 20 };
	unsigned char *buf = malloc(BLOCK);
	digest_ctx *d = digest_new();
	int64_t total = 0;
	int rc = IRD_OK;
	ssize_t n;

	if (!buf || !d)
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	while (rc == IRD_OK && (n = read(fd, buf, BLOCK)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rc = ird_fail(e, IRD_EFAIL, _("cannot read %s: %s"), path, strerror(errno));
		else if (digest_update(d, buf, (size_t)n) != 0)
			rc = ird_fail(e, IRD_EFAIL, _("SHA-256 failed for %s"), path);
		else
			total += n;
	}
	free(buf);
	if (rc == IRD_OK) {
		rc = digest_finish(d, hex) == 0 ? IRD_OK
		                                : ird_fail(e, IRD_EFAIL, _("SHA-256 failed for %s"), path);
		d = NULL; /* digest_finish freed it */
	}
	digest_free(d);
	if (rc == IRD_OK)
		*size = total;
	return rc;
}

/* Our own loop rather than digest_file: the size recorded must be that of
 * the bytes hashed (st_size is 0 for a block device, and may be stale). */
int
evidence_hash_file(const char *path, char hex[DIGEST_HEX_LEN], int64_t *size, ird_err *e)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return ird_fail(e, IRD_EFAIL, _("cannot open %s: %s"), path, strerror(errno));
	if (fstat(fd, &sb) != 0) {
		rc = ird_fail(e, IRD_EFAIL, _("cannot examine %s: %s"), path, strerror(errno));
	} else if (S_ISDIR(sb.st_mode)) {
		rc = ird_fail(e, IRD_EFAIL, _("%s is a directory"), path);
	} else {
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL); /* a hint only */
		rc = hash_fd(fd, path, hex, size, e);
	}
	close(fd);
	return rc;
}

void
evidence_format_size(int64_t n, char *buf, size_t len)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = (double)n;
	int u = -1;

	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		text_snprintf(buf, len, "%lld bytes", (long long)n);
	else
		text_snprintf(buf, len, "%.1f %s", v, units[u]);
}

/* An item as found by number: its row, holder (malloc'd) and digest. */
struct item {
	int64_t id, num;
	char *holder;
	char sha256[DIGEST_HEX_LEN];
};

static int
find_item(ird_ctx *c, int64_t case_id, int64_t num, struct item *it, ird_err *e)
{
	static const char sql[] =
		"SELECT id, holder, sha256 FROM evidence WHERE case_id = ?1 AND num = ?2";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, num);
	it->holder = NULL;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		it->id = sqlite3_column_int64(st, 0);
		it->num = num;
		text_snprintf(it->sha256, sizeof(it->sha256), "%s", (const char *)sqlite3_column_text(st, 2));
		it->holder = store_col_strdup(st, 1);
		rc = it->holder ? IRD_OK : ird_fail(e, IRD_EFAIL, _("out of memory"));
	} else if (rc == SQLITE_DONE) {
		rc = ird_fail(e, IRD_ENOTFOUND, _("no evidence E%lld in the case"), (long long)num);
	} else {
		rc = store_fail(c->store, e, N_("cannot read the evidence"));
	}
	sqlite3_reset(st);
	return rc;
}

static int
next_num(ird_ctx *c, int64_t case_id, int64_t *num, ird_err *e)
{
	static const char sql[] = "SELECT coalesce(max(num), 0) + 1 FROM evidence WHERE case_id = ?1";

	return store_query_int(c->store, sql, case_id, num, N_("no evidence number"),
	                       N_("cannot number the evidence"), e);
}

/* Append a custody record: FROM (NULL when collected) hands over to TO. */
static int
add_custody(ird_ctx *c, int64_t evidence_id, const char *from, const char *to,
            const char *note, ird_err *e)
{
	static const char sql[] =
		"INSERT INTO custody (evidence_id, at, from_holder, to_holder, \"by\", note)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, evidence_id);
	sqlite3_bind_int64(st, 2, clock_now(&c->clock));
	store_bind_text(st, 3, from);
	store_bind_text(st, 4, to);
	store_bind_text(st, 5, c->actor);
	store_bind_text(st, 6, note);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot record the custody"))) != IRD_OK)
		return rc;
	return audit_record(c, "custody.add", &custody_audit, store_last_rowid(c->store), e);
}

static int
insert_item(ird_ctx *c, int64_t case_id, int64_t asset_id, int64_t num,
            const evidence_new *ni, int64_t *id, ird_err *e)
{
	static const char sql[] =
		"INSERT INTO evidence (case_id, num, asset_id, kind, sha256, size, location, holder,"
		" exfil, added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?8)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, num);
	if (asset_id)
		sqlite3_bind_int64(st, 3, asset_id);
	store_bind_text(st, 4, ni->spec->kind);
	store_bind_text(st, 5, ni->sha256);
	if (ni->size >= 0)
		sqlite3_bind_int64(st, 6, ni->size);
	store_bind_text(st, 7, ni->location);
	store_bind_text(st, 8, c->actor);
	sqlite3_bind_int(st, 9, ni->spec->exfil ? 1 : 0);
	sqlite3_bind_int64(st, 10, clock_now(&c->clock));
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot add the evidence"))) != IRD_OK)
		return rc;
	*id = store_last_rowid(c->store);
	return audit_record(c, "evidence.add", &evidence_audit, *id, e);
}

/* "evidence E1 (disk-image of PC-0427, 4.0 GiB, SHA-256 ...) collected by
 * alice, at LOCATION; shows exfiltration" */
static int
added_event(ird_ctx *c, int64_t case_id, int64_t num, const evidence_new *ni,
            const char *host, ird_err *e)
{
	const evidence_spec *s = ni->spec;
	char size[32] = "";
	char *text;
	int rc;

	if (ni->size >= 0)
		evidence_format_size(ni->size, size, sizeof(size));
	if (asprintf(&text, "evidence E%lld (%s%s%s%s%s, SHA-256 %s) collected by %s%s%s%s",
	             (long long)num, s->kind, host ? " of " : "", host ? host : "",
	             *size ? ", " : "", size, ni->sha256,
	             c->actor, ni->location ? ", at " : "", ni->location ? ni->location : "",
	             s->exfil ? "; shows exfiltration" : "") < 0)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	rc = event_add_tx(c, case_id, 0, "evidence", text, e);
	free(text);
	return rc;
}

int
evidence_add_tx(ird_ctx *c, int64_t case_id, const evidence_new *ni, int64_t asset_id,
                const char *host, int64_t *num, int *exfil, ird_err *e)
{
	int64_t id = 0;
	int rc;

	*exfil = 0;
	if ((rc = next_num(c, case_id, num, e)) == IRD_OK &&
	    (rc = insert_item(c, case_id, asset_id, *num, ni, &id, e)) == IRD_OK &&
	    (rc = add_custody(c, id, NULL, c->actor, NULL, e)) == IRD_OK)
		rc = added_event(c, case_id, *num, ni, host, e);
	*exfil = rc == IRD_OK && ni->spec->exfil;
	return rc;
}

void
evidence_new_free(evidence_new *ni)
{
	free(ni->path);
	ni->path = NULL;
}

int
evidence_prepare(const evidence_spec *spec, evidence_new *ni, ird_err *e)
{
	int rc;

	memset(ni, 0, sizeof(*ni));
	if ((rc = evidence_check_spec(spec, e)) != IRD_OK)
		return rc;
	ni->spec = spec;
	ni->size = -1;
	ni->location = spec->location && *spec->location ? spec->location : NULL;
	if (!spec->file) {
		for (int i = 0; i < DIGEST_HEX_LEN; i++)
			ni->sha256[i] = (char)tolower((unsigned char)spec->sha256[i]);
		return IRD_OK;
	}
	if ((rc = evidence_hash_file(spec->file, ni->sha256, &ni->size, e)) != IRD_OK)
		return rc;
	/* Where it is, unless told: the file, named so that it can be found. */
	if (!ni->location && !(ni->location = ni->path = realpath(spec->file, NULL)))
		return ird_fail(e, IRD_EFAIL, _("cannot resolve %s: %s"), spec->file, strerror(errno));
	return IRD_OK;
}

/* Custody record, new holder, and the timeline line, for item IT. */
static int
hand_over(ird_ctx *c, int64_t case_id, const struct item *it, const char *to, const char *note,
          ird_err *e)
{
	static const char sql[] = "UPDATE evidence SET holder = ?2 WHERE id = ?1";
	sqlite3_stmt *st;
	char *text;
	int rc;

	if ((rc = add_custody(c, it->id, it->holder, to, note, e)) != IRD_OK ||
	    (rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, it->id);
	store_bind_text(st, 2, to);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot change the holder"))) != IRD_OK ||
	    (rc = audit_record(c, "evidence.transfer", &evidence_audit, it->id, e)) != IRD_OK)
		return rc;
	if (asprintf(&text, "evidence E%lld handed over from %s to %s%s%s", (long long)it->num,
	             it->holder, to, note ? ": " : "", note ? note : "") < 0)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	rc = event_add_tx(c, case_id, 0, "evidence", text, e);
	free(text);
	return rc;
}

int
evidence_transfer_tx(ird_ctx *c, int64_t case_id, int64_t num, const char *to,
                     const char *note, ird_err *e)
{
	struct item it;
	int rc;

	if (note && !*note)
		note = NULL;
	if ((rc = find_item(c, case_id, num, &it, e)) != IRD_OK)
		return rc;
	if (strcmp(it.holder, to) == 0)
		rc = ird_fail(e, IRD_EFAIL, _("E%lld is already held by %s"), (long long)num, to);
	else
		rc = hand_over(c, case_id, &it, to, note, e);
	free(it.holder);
	return rc;
}

int
evidence_verify_tx(ird_ctx *c, int64_t case_id, int64_t num, const char *file, const char *hex,
                   int *match, ird_err *e)
{
	struct item it;
	char *text;
	int rc;

	if ((rc = find_item(c, case_id, num, &it, e)) != IRD_OK)
		return rc;
	free(it.holder);
	*match = strcmp(it.sha256, hex) == 0;
	if (*match)
		rc = asprintf(&text, "evidence E%lld verified: %s matches its SHA-256", (long long)num,
		              file);
	else
		rc = asprintf(&text, "evidence E%lld verification FAILED: %s has SHA-256 %s, recorded %s",
		              (long long)num, file, hex, it.sha256);
	if (rc < 0)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	rc = event_add_tx(c, case_id, 0, "evidence", text, e);
	free(text);
	return rc;
}

int
evidence_exists(ird_ctx *c, int64_t case_id, int64_t num, ird_err *e)
{
	struct item it;
	int rc = find_item(c, case_id, num, &it, e);

	if (rc == IRD_OK)
		free(it.holder);
	return rc;
}

int
evidence_has_disk_image(ird_ctx *c, int64_t asset_id, int *yes, ird_err *e)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM evidence WHERE asset_id = ?1 AND kind = 'disk-image'"
		" AND length(sha256) = 64)";
	int64_t v = 0;
	int rc = store_query_int(c->store, sql, asset_id, &v, N_("no answer"),
	                         N_("cannot read the evidence"), e);

	*yes = v != 0;
	return rc;
}

int
evidence_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e)
{
	/* Field names are documented in irdesk(1). Custody in the order it was
	 * recorded (row order), which is the order of the hand-overs. */
	static const char sql[] =
		"SELECT json_group_array(json(j)) FROM (SELECT json_object('id', 'E' || v.num,"
		" 'number', v.num, 'asset', a.host, 'kind', v.kind, 'sha256', v.sha256,"
		" 'size', v.size, 'location', v.location, 'holder', v.holder,"
		" 'exfil', json(iif(v.exfil, 'true', 'false')), 'added_at', " ISO("v.added_at") ","
		" 'added_by', v.added_by, 'custody', (SELECT json_group_array(json(k)) FROM"
		" (SELECT json_object('at', " ISO("at") ", 'from', from_holder, 'to', to_holder,"
		" 'by', \"by\", 'note', note) AS k FROM custody WHERE evidence_id = v.id ORDER BY id)))"
		" AS j FROM evidence v LEFT JOIN assets a ON a.id = v.asset_id WHERE v.case_id = ?1"
		" ORDER BY v.num)";
	return store_query_json_array(c->store, sql, case_id, json, e);
}

struct evidence_visit {
	int (*fn)(void *arg, const evidence_row *row);
	void *arg;
};

/* One row of evidence_each's listing, handed to the caller's function. */
static int
evidence_visit_row(void *arg, sqlite3_stmt *st)
{
	struct evidence_visit *v = arg;
	evidence_row ev = {
		.id = sqlite3_column_int64(st, 0),
		.num = sqlite3_column_int64(st, 1),
		.size = sqlite3_column_int64(st, 2),
		.added_at = sqlite3_column_int64(st, 3),
		.asset = (const char *)sqlite3_column_text(st, 4),
		.kind = (const char *)sqlite3_column_text(st, 5),
		.sha256 = (const char *)sqlite3_column_text(st, 6),
		.location = (const char *)sqlite3_column_text(st, 7),
		.holder = (const char *)sqlite3_column_text(st, 8),
		.added_by = (const char *)sqlite3_column_text(st, 9),
		.exfil = sqlite3_column_int(st, 10),
	};

	return v->fn(v->arg, &ev);
}

int
evidence_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const evidence_row *ev),
              void *arg, ird_err *e)
{
	static const char sql[] =
		"SELECT v.id, v.num, coalesce(v.size, -1), v.added_at, a.host, v.kind, v.sha256,"
		" v.location, v.holder, v.added_by, v.exfil FROM evidence v"
		" LEFT JOIN assets a ON a.id = v.asset_id WHERE v.case_id = ?1 ORDER BY v.num";
	struct evidence_visit v = { fn, arg };

	return store_each(c->store, sql, case_id, evidence_visit_row, &v,
	                  N_("cannot list the evidence"), e);
}

struct custody_visit {
	int (*fn)(void *arg, const custody_row *row);
	void *arg;
};

/* One row of evidence_custody_each's listing, handed to the caller's function. */
static int
custody_visit_row(void *arg, sqlite3_stmt *st)
{
	struct custody_visit *v = arg;
	custody_row r = {
		.at = sqlite3_column_int64(st, 0),
		.from = (const char *)sqlite3_column_text(st, 1),
		.to = (const char *)sqlite3_column_text(st, 2),
		.by = (const char *)sqlite3_column_text(st, 3),
		.note = (const char *)sqlite3_column_text(st, 4),
	};

	return v->fn(v->arg, &r);
}

int
evidence_custody_each(ird_ctx *c, int64_t evidence_id,
                      int (*fn)(void *arg, const custody_row *r), void *arg, ird_err *e)
{
	static const char sql[] =
		"SELECT at, from_holder, to_holder, \"by\", note FROM custody WHERE evidence_id = ?1"
		" ORDER BY id";
	struct custody_visit v = { fn, arg };

	return store_each(c->store, sql, evidence_id, custody_visit_row, &v,
	                  N_("cannot read the custody chain"), e);
}
