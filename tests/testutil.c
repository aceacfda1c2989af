/* testutil.c - helpers for tests that need a store. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "records/case.h"
#include "actions/casework.h"
#include "store/event.h"
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
	snprintf(t->key, sizeof(t->key), "%s/audit-key.pem", t->dir);
	/* The audit signing key lives with the test, never in the real HOME. */
	setenv("IRDESK_AUDIT_KEY", t->key, 1);
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

playbook *
test_playbook(const char *name)
{
	const char *src = getenv("IRDESK_SRCDIR");
	char path[1024];
	playbook *pb = NULL;
	ird_err e = { 0 };

	snprintf(path, sizeof(path), "%s/playbooks/%s.playbook", src && *src ? src : IRDESK_SRCDIR,
	         name);
	if (playbook_load(path, &pb, &e) != IRD_OK) {
		fprintf(stderr, "test_playbook: %s\n", e.msg);
		return NULL;
	}
	return pb;
}

int64_t
test_open_case(test_env *t, const char *title, const char *severity, const playbook *pb)
{
	case_spec spec = { .title = title, .severity = severity };
	char hid[CASE_HID_LEN];
	ird_err e = { 0 };
	int64_t id = 0;

	if (casework_open(&t->ctx, &spec, pb, &id, hid, &e) != IRD_OK)
		fail_msg("casework_open: %s", e.msg);
	return id;
}

test_pb_env *
test_pb_env_new(int64_t now, const char *name)
{
	test_pb_env *f = calloc(1, sizeof(*f));

	if (!f || !(f->pb = test_playbook(name)) || !(f->t = test_env_new(now))) {
		test_pb_env_free(f);
		return NULL;
	}
	return f;
}

void
test_pb_env_free(test_pb_env *f)
{
	if (!f)
		return;
	playbook_free(f->pb);
	test_env_free(f->t);
	free(f);
}

test_env *
test_env_with_case(int64_t now, const char *name, const char *title, const char *severity,
                   int64_t *case_id)
{
	test_env *t = test_env_new(now);
	playbook *pb = t ? test_playbook(name) : NULL;

	if (!pb) {
		test_env_free(t);
		return NULL;
	}
	*case_id = test_open_case(t, title, severity, pb);
	playbook_free(pb);
	return t;
}

int64_t
test_new_case(test_env *t, const char *title, int64_t opened)
{
	case_spec spec = { .title = title, .opened_at = opened };
	char hid[CASE_HID_LEN];
	ird_err e = { 0 };
	int64_t id = 0;

	if (casework_open(&t->ctx, &spec, NULL, &id, hid, &e) != IRD_OK)
		fail_msg("casework_open: %s", e.msg);
	return id;
}

int64_t
test_scalar(test_env *t, const char *sql, int64_t arg)
{
	return test_scalar_text(t, sql, arg, NULL);
}

int64_t
test_scalar_text(test_env *t, const char *sql, int64_t arg, const char *text)
{
	sqlite3_stmt *st;
	int64_t v;

	assert_int_equal(store_stmt(t->ctx.store, sql, &st, NULL), IRD_OK);
	sqlite3_bind_int64(st, 1, arg);
	store_bind_text(st, 2, text); /* NULL, or no ?2 in SQL: harmless */
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

void
test_collect_problem(void *arg, const char *problem)
{
	test_found *fd = arg;

	fd->n++;
	snprintf(fd->last, sizeof(fd->last), "%s", problem);
}

int
test_pb_setup(void **state)
{
	return (*state = test_pb_env_new(TEST_MAY_8_2015, "targeted-email")) ? 0 : -1;
}

int
test_pb_teardown(void **state)
{
	test_pb_env_free(*state);
	return 0;
}

struct timeline_lines {
	test_lines *out;
	int64_t base;
};

static int
collect_event(void *arg, const event_row *ev)
{
	struct timeline_lines *tl = arg;
	size_t n = strlen(tl->out->text);

	if (tl->base)
		snprintf(tl->out->text + n, sizeof(tl->out->text) - n, "%lld %s %s\n",
		         (long long)(ev->happened_at - tl->base), ev->kind, ev->text);
	else
		snprintf(tl->out->text + n, sizeof(tl->out->text) - n, "%s %s\n", ev->kind,
		         ev->text);
	return 0;
}

void
test_timeline_text(test_env *t, int64_t case_id, int64_t base, test_lines *out)
{
	struct timeline_lines tl = { out, base };

	assert_int_equal(event_each(&t->ctx, case_id, collect_event, &tl, NULL), IRD_OK);
}
