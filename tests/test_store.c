/* test_store.c - opening, migrating and refusing stores. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "actions/casework.h"
#include "base/digest.h"
#include "store/event.h"
#include "store/store.h"
#include "records/case.h"
#include "testutil.h"

static char *
temp_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *d = malloc(256);

	assert_non_null(d);
	snprintf(d, 256, "%s/irdesk-store-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(d));
	return d;
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Open must fail with a message containing WANT and leave PATH unchanged. */
static void
assert_refused_untouched(const char *path, const char *want)
{
	char before[DIGEST_HEX_LEN], after[DIGEST_HEX_LEN];
	ird_store *s = NULL;
	ird_err e = { 0 };

	assert_int_equal(digest_file(path, before, NULL), IRD_OK);
	assert_int_not_equal(store_open(path, &s, &e), IRD_OK);
	assert_null(s);
	if (!strstr(e.msg, want))
		fail_msg("message \"%s\" lacks \"%s\"", e.msg, want);
	assert_int_equal(digest_file(path, after, NULL), IRD_OK);
	assert_string_equal(before, after);
}

static void
migrates_an_empty_store(void **state)
{
	test_env *t = test_env_new(1431081000);

	(void)state;
	assert_non_null(t);
	assert_int_equal(store_schema_version(t->ctx.store), store_schema_latest());
	test_env_free(t);
}

static void
creates_private_file_and_directory(void **state)
{
	char *d = temp_dir(), path[400];
	ird_store *s = NULL;
	struct stat sb;
	mode_t old = umask(0);

	(void)state;
	snprintf(path, sizeof(path), "%s/new/irdesk.db", d);
	assert_int_equal(store_open(path, &s, NULL), IRD_OK);
	umask(old);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	snprintf(path, sizeof(path), "%s/new", d);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	store_close(s);
	test_rmtree(d);
	free(d);
}

static void
reopens_without_migrating_again(void **state)
{
	test_env *t = test_env_new(1431081000);
	ird_store *s = NULL;

	(void)state;
	assert_non_null(t);
	assert_int_equal(store_open(t->db, &s, NULL), IRD_OK);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	store_close(s);
	test_env_free(t);
}

/* A store from before the exercises (schema 4) gets their tables on open. */
static void
migrates_a_store_from_before_exercises(void **state)
{
	test_env *t = test_env_new(1431081000);
	ird_store *s = NULL;

	(void)state;
	assert_non_null(t);
	store_close(t->ctx.store);
	t->ctx.store = NULL;
	assert_int_equal(test_sql(t->db, "DROP TABLE exercise_injects; DROP TABLE exercises;"
	                          " DROP INDEX indicators_norm_version;"
	                          " ALTER TABLE indicators DROP COLUMN norm_version;"
	                          " PRAGMA user_version = 4"), 0);
	assert_int_equal(store_open(t->db, &s, NULL), IRD_OK);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	t->ctx.store = s;
	assert_int_equal(test_scalar(t, "SELECT count(*) FROM sqlite_master WHERE name IN"
	                             " ('exercises', 'exercise_injects') AND ?1", 1), 2);
	test_env_free(t);
}

static void
refuses_a_newer_schema(void **state)
{
	test_env *t = test_env_new(1431081000);
	char sql[64];

	(void)state;
	assert_non_null(t);
	store_close(t->ctx.store);
	t->ctx.store = NULL;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", store_schema_latest() + 1);
	assert_int_equal(test_sql(t->db, sql), 0);
	assert_refused_untouched(t->db, "newer irdesk");
	test_env_free(t);
}

static void
refuses_a_file_that_is_not_sqlite(void **state)
{
	char *d = temp_dir(), path[400];
	static const char text[] = "hello, I am a shopping list\n";

	(void)state;
	snprintf(path, sizeof(path), "%s/notes.txt", d);
	write_file(path, text, sizeof(text) - 1);
	assert_refused_untouched(path, "not an irdesk database");
	test_rmtree(d);
	free(d);
}

static void
refuses_another_programs_sqlite(void **state)
{
	char *d = temp_dir(), path[400];

	(void)state;
	snprintf(path, sizeof(path), "%s/other.db", d);
	assert_int_equal(test_sql(path, "CREATE TABLE t (x); INSERT INTO t VALUES (1)"), 0);
	assert_refused_untouched(path, "another program");
	test_rmtree(d);
	free(d);
}

static void
refuses_a_damaged_store(void **state)
{
	test_env *t = test_env_new(1431081000);
	unsigned char junk[4096];
	FILE *f;

	(void)state;
	assert_non_null(t);
	store_close(t->ctx.store);
	t->ctx.store = NULL;
	/* Keep the header magic, wreck the rest of page 1 (the schema). */
	memset(junk, 0xa5, sizeof(junk));
	f = fopen(t->db, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, 100, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, 3000, f), 3000);
	assert_int_equal(fclose(f), 0);
	assert_refused_untouched(t->db, "damaged");
	test_env_free(t);
}

static void
refuses_a_read_only_store(void **state)
{
	test_env *t = test_env_new(1431081000);

	(void)state;
	assert_non_null(t);
	store_close(t->ctx.store);
	t->ctx.store = NULL;
	assert_int_equal(chmod(t->db, 0400), 0);
	if (access(t->db, W_OK) == 0) {
		/* Root ignores modes; tests/cli/store_files.sh covers this as nobody. */
		print_message("# read-only: running as root, covered by the CLI test\n");
		test_env_free(t);
		return;
	}
	assert_refused_untouched(t->db, "read-only");
	test_env_free(t);
}

static void
backup_makes_a_private_copy(void **state)
{
	test_env *t = test_env_new(1431081000);
	char dest[400];
	ird_store *s = NULL;
	struct stat sb;

	(void)state;
	assert_non_null(t);
	snprintf(dest, sizeof(dest), "%s/copy.db", t->dir);
	assert_int_equal(store_backup(t->ctx.store, dest, NULL), IRD_OK);
	assert_int_equal(stat(dest, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(store_open(dest, &s, NULL), IRD_OK);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	store_close(s);
	/* Never overwrites. */
	assert_int_not_equal(store_backup(t->ctx.store, dest, NULL), IRD_OK);
	test_env_free(t);
}

/* A long-running process (the UI, watch) reaches every statement of the
 * core, well over a hundred: the cache must hold them all, and a
 * statement asked for again is the same prepared handle. */
static void
caches_every_statement_a_long_process_uses(void **state)
{
	enum { N = 600 };
	static char sql[N][48];
	sqlite3_stmt *first[N], *st;
	test_env *t = test_env_new(1431045000);
	ird_err e = { 0 };

	(void)state;
	assert_non_null(t);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < N; i++) {
			if (round == 0)
				snprintf(sql[i], sizeof(sql[i]), "SELECT %d + ?1", i);
			if (store_stmt(t->ctx.store, sql[i], &st, &e) != IRD_OK)
				fail_msg("statement %d, round %d: %s", i, round, e.msg);
			sqlite3_bind_int64(st, 1, 1);
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			assert_int_equal(sqlite3_column_int(st, 0), i + 1);
			if (round == 0)
				first[i] = st;
			else
				assert_ptr_equal(st, first[i]);
		}
	}
	test_env_free(t);
}

static double
mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A store opened with IRDESK_BUSY_TIMEOUT_MS=MS, and a second plain
 * connection holding its write lock (BEGIN IMMEDIATE). */
static test_env *
locked_env(const char *ms, sqlite3 **holder)
{
	test_env *t;

	setenv("IRDESK_BUSY_TIMEOUT_MS", ms, 1);
	t = test_env_new(1431081000);
	unsetenv("IRDESK_BUSY_TIMEOUT_MS");
	assert_non_null(t);
	assert_int_equal(sqlite3_open(t->db, holder), SQLITE_OK);
	assert_int_equal(sqlite3_exec(*holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	return t;
}

static void
a_zero_busy_limit_fails_at_once_and_says_so(void **state)
{
	sqlite3 *holder;
	test_env *t = locked_env("0", &holder);
	ird_err e = { 0 };
	double t0;

	(void)state;
	t0 = mono_s();
	assert_int_equal(store_begin(t->ctx.store, &e), IRD_EBUSY);
	assert_true(mono_s() - t0 < 1.0);
	assert_int_equal(store_begin_tries(t->ctx.store), 1);
	if (!strstr(e.msg, "locked by another program (waited 0.0 s"))
		fail_msg("message: %s", e.msg);
	/* No transaction was left open: once the lock is gone, a write starts. */
	assert_int_equal(sqlite3_exec(holder, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_begin(t->ctx.store, &e), IRD_OK);
	assert_int_equal(store_begin_tries(t->ctx.store), 1);
	store_rollback(t->ctx.store);
	sqlite3_close(holder);
	test_env_free(t);
}

static void
the_busy_limit_is_one_limit_and_the_message_tells_it(void **state)
{
	sqlite3 *holder;
	test_env *t = locked_env("300", &holder);
	ird_err e = { 0 };
	double t0, took, said = -1;
	const char *w;

	(void)state;
	t0 = mono_s();
	assert_int_equal(store_begin(t->ctx.store, &e), IRD_EBUSY);
	took = mono_s() - t0;
	/* Retried (more than once) until the limit, and not past it: SQLite's
	 * handler used to wait the whole limit on each of five tries. */
	assert_true(store_begin_tries(t->ctx.store) > 1);
	assert_true(took >= 0.3);
	assert_true(took < 0.3 * 2 + 0.5);
	assert_non_null(w = strstr(e.msg, "(waited "));
	assert_int_equal(sscanf(w, "(waited %lf s", &said), 1);
	assert_true(said >= 0.25 && said <= took + 0.05);
	sqlite3_exec(holder, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(holder);
	test_env_free(t);
}

static void
a_write_waits_and_starts_when_the_lock_is_released(void **state)
{
	test_env *t;
	ird_err e = { 0 };
	int ready[2];
	char c;
	pid_t pid;
	int status;
	double t0;

	(void)state;
	setenv("IRDESK_BUSY_TIMEOUT_MS", "20000", 1);
	t = test_env_new(1431081000);
	unsetenv("IRDESK_BUSY_TIMEOUT_MS");
	assert_non_null(t);
	assert_int_equal(pipe(ready), 0);
	if ((pid = fork()) == 0) {
		sqlite3 *holder;

		close(ready[0]);
		if (sqlite3_open(t->db, &holder) != SQLITE_OK ||
		    sqlite3_exec(holder, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (write(ready[1], "L", 1) != 1)
			_exit(1);
		usleep(200000); /* hold the lock a while, then let go */
		sqlite3_exec(holder, "ROLLBACK", NULL, NULL, NULL);
		_exit(0);
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	t0 = mono_s();
	assert_int_equal(store_begin(t->ctx.store, &e), IRD_OK);
	assert_true(mono_s() - t0 >= 0.1);
	assert_true(store_begin_tries(t->ctx.store) > 1);
	store_rollback(t->ctx.store);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(ready[0]);
	test_env_free(t);
}

static void
commits_are_synchronous_full(void **state)
{
	test_env *t = test_env_new(1431081000);

	(void)state;
	assert_non_null(t);
	assert_int_equal(test_scalar(t, "PRAGMA synchronous", 0), 2); /* FULL */
	assert_int_equal(store_set_synchronous(t->ctx.store, 0, NULL), IRD_OK);
	assert_int_equal(test_scalar(t, "PRAGMA synchronous", 0), 1); /* NORMAL */
	test_env_free(t);
}

static void
a_deleted_wal_stops_the_next_write_and_says_why(void **state)
{
	test_env *t = test_env_new(1431081000);
	int64_t id = test_new_case(t, "wal", 0);
	char wal[400];
	ird_err e = { 0 };

	(void)state;
	assert_int_equal(casework_log(&t->ctx, id, 0, "before", NULL), IRD_OK);
	snprintf(wal, sizeof(wal), "%s-wal", t->db);
	assert_int_equal(unlink(wal), 0);
	assert_int_not_equal(casework_log(&t->ctx, id, 0, "after", &e), IRD_OK);
	if (!strstr(e.msg, "irdesk.db-wal was deleted or replaced while this irdesk had the store open"))
		fail_msg("message: %s", e.msg);
	test_env_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrates_an_empty_store),
		cmocka_unit_test(caches_every_statement_a_long_process_uses),
		cmocka_unit_test(creates_private_file_and_directory),
		cmocka_unit_test(reopens_without_migrating_again),
		cmocka_unit_test(migrates_a_store_from_before_exercises),
		cmocka_unit_test(refuses_a_newer_schema),
		cmocka_unit_test(refuses_a_file_that_is_not_sqlite),
		cmocka_unit_test(refuses_another_programs_sqlite),
		cmocka_unit_test(refuses_a_damaged_store),
		cmocka_unit_test(refuses_a_read_only_store),
		cmocka_unit_test(backup_makes_a_private_copy),
		cmocka_unit_test(a_zero_busy_limit_fails_at_once_and_says_so),
		cmocka_unit_test(the_busy_limit_is_one_limit_and_the_message_tells_it),
		cmocka_unit_test(a_write_waits_and_starts_when_the_lock_is_released),
		cmocka_unit_test(commits_are_synchronous_full),
		cmocka_unit_test(a_deleted_wal_stops_the_next_write_and_says_why),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
