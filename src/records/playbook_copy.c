/* playbook_copy.c - playbook texts copied into the store. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/digest.h"
#include "base/i18n.h"
#include "records/playbook_copy.h"

#define COPY_AUDIT_JSON \
	"json_object('name', name, 'sha256', sha256, 'text', text, 'copied_at', copied_at)"

const audit_table playbook_copy_audit = {
	"playbook_copies",
	"SELECT " COPY_AUDIT_JSON " FROM playbook_copies WHERE id = ?1",
	"SELECT id, " COPY_AUDIT_JSON " FROM playbook_copies ORDER BY id",
};

static int
text_sha256(const char *text, char hex[DIGEST_HEX_LEN], ird_err *e)
{
	digest_ctx *d = digest_new();

	if (!d || digest_update(d, text, strlen(text)) != 0) {
		digest_free(d);
		return ird_fail(e, IRD_EFAIL, _("cannot hash the playbook"));
	}
	if (digest_finish(d, hex) != 0)
		return ird_fail(e, IRD_EFAIL, _("cannot hash the playbook"));
	return IRD_OK;
}

static int
find_by_sha(ird_ctx *c, const char *sha, int64_t *id, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if ((rc = store_stmt(c->store, "SELECT id FROM playbook_copies WHERE sha256 = ?1", &st, e)))
		return rc;
	store_bind_text(st, 1, sha);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? IRD_OK
	                                           : store_fail(c->store, e, N_("cannot read playbooks"));
	sqlite3_reset(st);
	return rc;
}

int
playbook_copy_put_tx(ird_ctx *c, const char *name, const char *text, int64_t *id, ird_err *e)
{
	static const char sql[] = "INSERT INTO playbook_copies (name, sha256, text, copied_at)"
		" VALUES (?1, ?2, ?3, ?4)";
	char sha[DIGEST_HEX_LEN];
	sqlite3_stmt *st;
	int rc;

	if ((rc = text_sha256(text, sha, e)) || (rc = find_by_sha(c, sha, id, e)) || *id)
		return rc;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, sha);
	store_bind_text(st, 3, text);
	sqlite3_bind_int64(st, 4, clock_now(&c->clock));
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot store the playbook"))) != IRD_OK)
		return rc;
	*id = store_last_rowid(c->store);
	return audit_record(c, "playbook.copy", &playbook_copy_audit, *id, e);
}

int
playbook_copy_get(ird_ctx *c, int64_t id, char **name, char **text, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*name = *text = NULL;
	if ((rc = store_stmt(c->store, "SELECT name, text FROM playbook_copies WHERE id = ?1",
	                     &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*name = store_col_strdup(st, 0);
		*text = store_col_strdup(st, 1);
		rc = *name && *text ? IRD_OK : ird_fail(e, IRD_EFAIL, _("out of memory"));
	} else {
		rc = rc == SQLITE_DONE ? ird_fail(e, IRD_ENOTFOUND, _("no such playbook copy"))
		                       : store_fail(c->store, e, N_("cannot read the playbook"));
	}
	sqlite3_reset(st);
	if (rc != IRD_OK) {
		free(*name);
		free(*text);
		*name = *text = NULL;
	}
	return rc;
}
