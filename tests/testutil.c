/* testutil.c - helpers for tests that need a store. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "testutil.h"

test_env *
test_env_new(int64_t now)
{
	test_env *t = calloc(1, sizeof(*t));
	const char *tmp = getenv("TMPDIR");
	ird_err e = { 0 };

	if (!t)
		return NULL;
	snprintf(t->dir, sizeof(t->dir), "%s/irdesk-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(t->dir)) {
		free(t);
		return NULL;
	}
	snprintf(t->db, sizeof(t->db), "%s/irdesk.db", t->dir);
	t->ctx.actor = "tester";
	t->ctx.clock.fixed = 1;
	t->ctx.clock.now = now;
	if (store_open(t->db, &t->ctx.store, &e) != IRD_OK) {
		fprintf(stderr, "test_env_new: %s\n", e.msg);
		test_rmtree(t->dir);
		free(t);
		return NULL;
	}
	return t;
}

void
test_rmtree(const char *dir)
{
	char cmd[600];

	/* Test-made paths only (mkdtemp names); no user input reaches this. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "test_rmtree: could not remove %s\n", dir);
}

void
test_env_free(test_env *t)
{
	if (!t)
		return;
	store_close(t->ctx.store);
	test_rmtree(t->dir);
	free(t);
}

int
test_sql(const char *db, const char *sql)
{
	sqlite3 *h = NULL;
	char *msg = NULL;
	int rc;

	if (sqlite3_open(db, &h) != SQLITE_OK) {
		sqlite3_close(h);
		return -1;
	}
	sqlite3_busy_timeout(h, 5000);
	rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fprintf(stderr, "test_sql: %s\n", msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_close(h);
	return rc == SQLITE_OK ? 0 : -1;
}
