/* test_audit.c - the hash chain and tamper detection. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/audit.h"
#include "records/case.h"
#include "base/digest.h"
#include "store/event.h"
#include "records/tables.h"
#include "testutil.h"

/* A store with two cases and a few events. */
static int
setup(void **state)
{
	test_env *t = test_env_new(1431081000);
	case_spec spec = { .title = "標的型メール", .severity = "high" };
	char hid[CASE_HID_LEN];
	int64_t id;

	if (!t || case_new(&t->ctx, &spec, &id, hid, NULL) != IRD_OK ||
	    event_log(&t->ctx, id, 0, "PC isolated", NULL) != IRD_OK ||
	    case_new(&t->ctx, &spec, &id, hid, NULL) != IRD_OK ||
	    event_log(&t->ctx, id, 0, "second", NULL) != IRD_OK)
		return -1;
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	test_env_free(*state);
	return 0;
}

static int
verify(test_env *t, test_found *f, int64_t *records)
{
	int64_t problems;

	memset(f, 0, sizeof(*f));
	return audit_verify(&t->ctx, audited_tables, audited_table_count, test_collect_problem, f,
	                    records, &problems, NULL);
}

/* Change the file behind irdesk's back, then reopen as a new process would. */
static void
tamper(test_env *t, const char *sql)
{
	store_close(t->ctx.store);
	t->ctx.store = NULL;
	assert_int_equal(test_sql(t->db, sql), 0);
	assert_int_equal(store_open(t->db, &t->ctx.store, NULL), IRD_OK);
}

static void
an_untouched_store_verifies(void **state)
{
	test_env *t = *state;
	test_found f;
	int64_t records;

	assert_int_equal(verify(t, &f, &records), IRD_OK);
	/* 2 cases, 2 "opened" events, 2 notes. */
	assert_int_equal(records, 6);
	assert_int_equal(f.n, 0);
}

static void
an_edited_row_is_named(void **state)
{
	test_env *t = *state;
	test_found f;
	int64_t records;

	tamper(t, "UPDATE cases SET severity = 'low' WHERE id = 2");
	assert_int_not_equal(verify(t, &f, &records), IRD_OK);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.last, "cases: record 2 was edited outside irdesk");
}

static void
an_inserted_row_is_named(void **state)
{
	test_env *t = *state;
	test_found f;
	int64_t records;

	tamper(t, "INSERT INTO events (case_id, happened_at, recorded_at, actor, kind, text)"
	          " VALUES (1, 0, 0, 'mallory', 'note', 'nothing happened')");
	assert_int_not_equal(verify(t, &f, &records), IRD_OK);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.last, "events: record 5 was inserted outside irdesk");
}

static void
a_deleted_row_is_named(void **state)
{
	test_env *t = *state;
	test_found f;
	int64_t records;

	tamper(t, "DELETE FROM events WHERE id = 2");
	assert_int_not_equal(verify(t, &f, &records), IRD_OK);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.last, "events: record 2 was deleted outside irdesk");
}

static void
an_edited_audit_record_breaks_the_chain(void **state)
{
	test_env *t = *state;
	test_found f;
	int64_t records;

	tamper(t, "UPDATE audit SET actor = 'someone-else' WHERE seq = 3");
	assert_int_not_equal(verify(t, &f, &records), IRD_OK);
	assert_int_equal(f.n, 1);
	assert_non_null(strstr(f.last, "record 3"));
	assert_non_null(strstr(f.last, "altered"));
}

static void
a_rewritten_row_and_payload_still_break_the_chain(void **state)
{
	test_env *t = *state;
	test_found f;
	int64_t records;

	/* A careful forger changes the row and its audit payload together. */
	tamper(t, "UPDATE events SET text = 'nothing' WHERE id = 2;"
	          "UPDATE audit SET payload = json_set(payload, '$.text', 'nothing')"
	          " WHERE object_table = 'events' AND object_id = 2");
	assert_int_not_equal(verify(t, &f, &records), IRD_OK);
	assert_int_equal(f.n, 1);
	assert_non_null(strstr(f.last, "altered"));
}

static void
a_deleted_audit_record_is_a_gap(void **state)
{
	test_env *t = *state;
	test_found f;
	int64_t records;

	tamper(t, "DELETE FROM audit WHERE seq = 2");
	assert_int_not_equal(verify(t, &f, &records), IRD_OK);
	assert_true(f.n >= 2); /* the gap, the broken link, and the orphaned row */
}

/* The chain is SHA-256 in lower-case hex: FIPS 180-2 known answers. */
static void
digests_are_sha256_in_lower_case_hex(void **state)
{
	char hex[DIGEST_HEX_LEN];
	digest_ctx *d;

	(void)state;
	assert_non_null(d = digest_new());
	assert_int_equal(digest_finish(d, hex), 0);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_non_null(d = digest_new());
	assert_int_equal(digest_update(d, "a", 1), 0);
	assert_int_equal(digest_update(d, "bc", 2), 0);
	assert_int_equal(digest_finish(d, hex), 0);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_true(digest_is_hex(hex));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(digests_are_sha256_in_lower_case_hex),
		cmocka_unit_test_setup_teardown(an_untouched_store_verifies, setup, teardown),
		cmocka_unit_test_setup_teardown(an_edited_row_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(an_inserted_row_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(a_deleted_row_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(an_edited_audit_record_breaks_the_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(a_rewritten_row_and_payload_still_break_the_chain,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(a_deleted_audit_record_is_a_gap, setup, teardown),
	};

	return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
