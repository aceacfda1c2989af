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
#include <unistd.h>

#include <cmocka.h>

#include "base/digest.h"
#include "store/store.h"
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrates_an_empty_store),
		cmocka_unit_test(caches_every_statement_a_long_process_uses),
		cmocka_unit_test(creates_private_file_and_directory),
		cmocka_unit_test(reopens_without_migrating_again),
		cmocka_unit_test(refuses_a_newer_schema),
		cmocka_unit_test(refuses_a_file_that_is_not_sqlite),
		cmocka_unit_test(refuses_another_programs_sqlite),
		cmocka_unit_test(refuses_a_damaged_store),
		cmocka_unit_test(refuses_a_read_only_store),
		cmocka_unit_test(backup_makes_a_private_copy),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
