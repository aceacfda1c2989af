/* test_audit.c - the hash chain and tamper detection. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "actions/casework.h"
#include "store/audit.h"
#include "records/case.h"
#include "base/digest.h"
#include "base/sign.h"
#include "store/event.h"
#include "queries/tables.h"
#include "testutil.h"

/* A store with two cases and a few events. */
static int
setup(void **state)
{
	test_env *t = test_env_new(1431081000);
	case_spec spec = { .title = "標的型メール", .severity = "high" };
	char hid[CASE_HID_LEN];
	int64_t id;

	if (!t || casework_open(&t->ctx, &spec, NULL, &id, hid, NULL) != IRD_OK ||
	    casework_log(&t->ctx, id, 0, "PC isolated", NULL) != IRD_OK ||
	    casework_open(&t->ctx, &spec, NULL, &id, hid, NULL) != IRD_OK ||
	    casework_log(&t->ctx, id, 0, "second", NULL) != IRD_OK)
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

#define GENESIS_HEX "0000000000000000000000000000000000000000000000000000000000000000"

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

static int
verify_trusting(test_env *t, const audit_trust *tr, test_found *f)
{
	int64_t records, problems;

	memset(f, 0, sizeof(*f));
	return audit_verify_trusted(&t->ctx, audited_tables, audited_table_count, tr,
	                            test_collect_problem, f, &records, &problems, NULL);
}

static void
records_keep_the_os_user_host_and_real_time(void **state)
{
	test_env *t = *state;
	struct passwd *pw = getpwuid(geteuid());
	char host[256] = "";
	int64_t now = (int64_t)time(NULL), real;

	/* The clock is fixed in 2015 and the actor is "tester". */
	assert_int_equal(test_scalar(t, "SELECT at FROM audit WHERE seq = 6", 0), 1431081000);
	real = test_scalar(t, "SELECT real_at FROM audit WHERE seq = 6", 0);
	assert_true(real >= now - 600 && real <= now);
	assert_non_null(pw);
	gethostname(host, sizeof(host) - 1);
	assert_int_equal(test_scalar_text(t, "SELECT count(*) FROM audit WHERE actor = 'tester'"
	                                  " AND os_user = ?2", 0, pw->pw_name), 6);
	assert_int_equal(test_scalar_text(t, "SELECT count(*) FROM audit WHERE os_host = ?2", 0,
	                                  host), 6);
}

static void
the_head_is_signed_at_each_commit(void **state)
{
	test_env *t = *state;
	char hash[DIGEST_HEX_LEN], key[SIGN_PUB_HEX_LEN], sig[SIGN_SIG_HEX_LEN], msg[160];
	char pub[SIGN_PUB_HEX_LEN];
	const sign_key *k;
	audit_anchor h;
	struct stat sb;
	int64_t seq;
	size_t n;

	assert_int_equal(audit_head(&t->ctx, &seq, hash, NULL), IRD_OK);
	assert_int_equal(seq, 6);
	assert_int_equal(audit_head_signed(&t->ctx, &h, key, sig, NULL), IRD_OK);
	assert_int_equal(h.seq, 6);
	assert_string_equal(h.hash, hash);
	/* Four commits (two cases, two notes), one signature each. */
	assert_int_equal(test_scalar(t, "SELECT count(*) FROM audit_seals", 0), 4);
	n = audit_head_message(h.seq, h.hash, msg, sizeof(msg));
	assert_true(sign_verify(key, msg, n, sig));
	msg[n - 1] ^= 1;
	assert_false(sign_verify(key, msg, n, sig));
	/* ...with the key made for the user, 0600, outside the store. */
	assert_int_equal(stat(t->key, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(audit_key(0, &k, NULL), IRD_OK);
	sign_key_pub_hex(k, pub);
	assert_string_equal(pub, key);
}

static void
a_write_without_a_usable_key_is_refused(void **state)
{
	test_env *t = *state;
	ird_err e = { 0 };
	int64_t before = test_scalar(t, "SELECT count(*) FROM audit", 0);
	char bad[400];

	/* A key that cannot be made (its directory would be a file)... */
	snprintf(bad, sizeof(bad), "%s/key.pem", t->db);
	setenv("IRDESK_AUDIT_KEY", bad, 1);
	assert_int_not_equal(casework_log(&t->ctx, 1, 0, "unsigned", &e), IRD_OK);
	assert_non_null(strstr(e.msg, "cannot sign the audit trail"));
	/* Nothing half-written: the record and its row were rolled back. */
	assert_int_equal(test_scalar(t, "SELECT count(*) FROM audit", 0), before);
	/* ...or one others may read. */
	assert_int_equal(chmod(t->key, 0644), 0);
	setenv("IRDESK_AUDIT_KEY", t->key, 1);
	assert_int_not_equal(casework_log(&t->ctx, 1, 0, "readable key", &e), IRD_OK);
	assert_non_null(strstr(e.msg, "readable by you alone"));
}

static void
heads_anchored_outside_are_proven(void **state)
{
	test_env *t = *state;
	audit_anchor heads[2];
	audit_trust tr = { heads, 2, NULL, 0 };
	char text[128];
	test_found f;

	assert_int_equal(audit_head_text(&t->ctx, text, sizeof(text), NULL), IRD_OK);
	assert_int_equal(audit_anchor_parse(text, &heads[0], NULL), IRD_OK);
	assert_int_equal(heads[0].seq, 6);
	assert_int_equal(casework_log(&t->ctx, 1, 0, "third", NULL), IRD_OK);
	assert_int_equal(audit_head_text(&t->ctx, text, sizeof(text), NULL), IRD_OK);
	assert_int_equal(audit_anchor_parse(text, &heads[1], NULL), IRD_OK);
	assert_int_equal(verify_trusting(t, &tr, &f), IRD_OK);
	assert_int_equal(f.n, 0);

	/* The newest record and its signature removed: consistent in itself. */
	tamper(t, "DELETE FROM events WHERE id = 5; DELETE FROM audit WHERE seq = 7;"
	          "DELETE FROM audit_seals WHERE seq = 7");
	assert_int_equal(verify_trusting(t, NULL, &f), IRD_OK);
	assert_int_not_equal(verify_trusting(t, &tr, &f), IRD_OK);
	assert_int_equal(f.n, 1);
	assert_non_null(strstr(f.last, "record 7, anchored as 7:"));
	assert_non_null(strstr(f.last, "is missing: the trail ends at record 6"));
}

static void
a_head_that_differs_is_a_rewritten_past(void **state)
{
	test_env *t = *state;
	audit_anchor h;
	audit_trust tr = { &h, 1, NULL, 0 };
	test_found f;

	assert_int_equal(audit_anchor_parse("3:" "ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
	                                    " trailing words", &h, NULL), IRD_OK);
	assert_string_equal(h.hash, "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
	assert_int_not_equal(verify_trusting(t, &tr, &f), IRD_OK);
	assert_int_equal(f.n, 1);
	assert_non_null(strstr(f.last, "record 3 is not the one anchored as 3:abcdef0123456789"));
	assert_int_equal(audit_anchor_parse("3:abc", &h, NULL), IRD_EUSAGE);
	assert_int_equal(audit_anchor_parse(":abc", &h, NULL), IRD_EUSAGE);
	assert_int_equal(audit_anchor_parse("99999999999999999999:" GENESIS_HEX, &h, NULL), IRD_EUSAGE);
}

static void
a_head_signed_by_another_key_fails_a_pinned_check(void **state)
{
	test_env *t = *state;
	char other[SIGN_PUB_HEX_LEN], mine[SIGN_PUB_HEX_LEN];
	const char (*keys)[SIGN_PUB_HEX_LEN];
	audit_trust tr = { NULL, 0, NULL, 1 };
	const sign_key *k;
	char path[400];
	test_found f;

	assert_int_equal(audit_key(0, &k, NULL), IRD_OK);
	sign_key_pub_hex(k, mine);
	keys = (const char (*)[SIGN_PUB_HEX_LEN])mine;
	tr.keys = keys;
	assert_int_equal(verify_trusting(t, &tr, &f), IRD_OK);
	/* Another key (another user, or a forger) signs the next head. */
	snprintf(path, sizeof(path), "%s/other-key.pem", t->dir);
	setenv("IRDESK_AUDIT_KEY", path, 1);
	assert_int_equal(casework_log(&t->ctx, 1, 0, "signed by another", NULL), IRD_OK);
	assert_int_equal(audit_key(0, &k, NULL), IRD_OK);
	sign_key_pub_hex(k, other);
	assert_string_not_equal(other, mine);
	setenv("IRDESK_AUDIT_KEY", t->key, 1);
	assert_int_equal(verify_trusting(t, NULL, &f), IRD_OK);
	assert_int_not_equal(verify_trusting(t, &tr, &f), IRD_OK);
	assert_non_null(strstr(f.last, "records 7..7 are not signed by a key given with --key"));
}

static int64_t fake_real;

static int64_t
fake_real_clock(void)
{
	return fake_real;
}

static void
real_time_running_backwards_is_reported(void **state)
{
	test_env *t = *state;
	test_found f;
	int64_t records, problems;

	audit_real_clock_set(fake_real_clock);
	fake_real = (int64_t)time(NULL) + 3600; /* an hour ahead, then set back */
	assert_int_equal(casework_log(&t->ctx, 1, 0, "ahead", NULL), IRD_OK);
	fake_real -= 7200;
	assert_int_equal(casework_log(&t->ctx, 1, 0, "behind", NULL), IRD_OK);
	audit_real_clock_set(NULL);
	memset(&f, 0, sizeof(f));
	assert_int_not_equal(audit_verify(&t->ctx, audited_tables, audited_table_count,
	                                  test_collect_problem, &f, &records, &problems, NULL), IRD_OK);
	assert_int_equal(f.n, 1);
	assert_non_null(strstr(f.last, "real time ran backwards: record 8 was written at"));
	assert_non_null(strstr(f.last, "record 7 before it at"));
}

static void
an_old_record_rewritten_as_new_is_named(void **state)
{
	test_env *t = *state;
	test_found f;
	int64_t records;

	/* Stripping the new fields changes the hash, and is named as such. */
	tamper(t, "UPDATE audit SET real_at = NULL, os_user = NULL, os_host = NULL WHERE seq = 3");
	assert_int_not_equal(verify(t, &f, &records), IRD_OK);
	assert_int_equal(f.n, 2); /* altered, and unlike the records around it */
	assert_non_null(strstr(f.last, "record 3 has no real time or operating-system user"));
}

/* A store written by irdesk at schema 3 (tests/data/schema3.sql, dumped
 * from that irdesk): upgraded on open, its old records still verify, and
 * a new record joins the chain signed. */
static void
a_schema_3_store_upgrades_and_still_verifies(void **state)
{
	const char *src = getenv("IRDESK_SRCDIR");
	test_env *t = test_env_new(1431081000);
	char path[1024], old[400], *sql;
	ird_store *s = NULL;
	test_found f;
	int64_t records, problems;
	long n;
	FILE *in;

	(void)state;
	assert_non_null(t);
	snprintf(path, sizeof(path), "%s/tests/data/schema3.sql", src && *src ? src : IRDESK_SRCDIR);
	assert_non_null(in = fopen(path, "rb"));
	assert_int_equal(fseek(in, 0, SEEK_END), 0);
	assert_true((n = ftell(in)) > 0);
	rewind(in);
	assert_non_null(sql = calloc(1, (size_t)n + 1));
	assert_int_equal(fread(sql, 1, (size_t)n, in), (size_t)n);
	fclose(in);
	snprintf(old, sizeof(old), "%s/old.db", t->dir);
	assert_int_equal(test_sql(old, sql), 0);
	free(sql);
	store_close(t->ctx.store);
	assert_int_equal(store_open(old, &s, NULL), IRD_OK);
	t->ctx.store = s;
	assert_int_equal(store_schema_version(s), store_schema_latest());
	memset(&f, 0, sizeof(f));
	assert_int_equal(audit_verify(&t->ctx, audited_tables, audited_table_count,
	                              test_collect_problem, &f, &records, &problems, NULL), IRD_OK);
	assert_int_equal(records, 5);
	assert_int_equal(casework_log(&t->ctx, 1, 0, "after the upgrade", NULL), IRD_OK);
	assert_int_equal(audit_verify(&t->ctx, audited_tables, audited_table_count,
	                              test_collect_problem, &f, &records, &problems, NULL), IRD_OK);
	assert_int_equal(records, 6);
	assert_int_equal(test_scalar(t, "SELECT count(*) FROM audit WHERE real_at IS NULL", 0), 5);
	assert_int_equal(test_scalar(t, "SELECT max(seq) FROM audit_seals", 0), 6);
	test_env_free(t);
}

/* The tables check walks are every table of the schema but the audit's
 * own: a table left out of src/records/tables.c fails here (and its rows
 * could be changed without check noticing; tests/cli/tamper.sh edits one
 * row of each). */
static void
check_walks_every_table_of_the_schema(void **state)
{
	test_env *t = *state;
	int64_t listed = 0;

	for (unsigned i = 0; i < audited_table_count; i++) {
		if (test_scalar_text(t, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
		                     " AND name = ?2", 0, audited_tables[i]->name) != 1)
			fail_msg("%s is listed but is no table", audited_tables[i]->name);
		listed++;
	}
	assert_int_equal(test_scalar(t, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
	                             " AND name NOT IN ('audit', 'audit_seals')"
	                             " AND name NOT LIKE 'sqlite_%'", 0), listed);
}

/* Ed25519 as RFC 8032 defines it (section 7.1, test 1: the empty
 * message), through the hex interface the seals use; and a public key read
 * back as PEM or as the hex `audit key` prints. */
static void
signatures_are_ed25519(void **state)
{
	static const char pub[] =
		"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
	static const char sig[] =
		"e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
		"1cf9b46bd25bf5f0595bbe24655141438e7a100b";
	test_env *t = test_env_new(1431081000);
	char hex[SIGN_PUB_HEX_LEN], mine[SIGN_PUB_HEX_LEN], path[400], bad[SIGN_SIG_HEX_LEN], *pem;
	const sign_key *k;
	FILE *f;

	(void)state;
	assert_non_null(t);
	assert_true(sign_verify(pub, "", 0, sig));
	memcpy(bad, sig, sizeof(bad));
	bad[0] = 'f';
	assert_false(sign_verify(pub, "", 0, bad));
	assert_false(sign_verify(pub, "x", 1, sig));
	assert_false(sign_verify("not hex", "", 0, sig));
	/* The user's key, exported as PEM and as hex, reads back the same. */
	assert_int_equal(audit_key(1, &k, NULL), IRD_OK);
	assert_int_equal(sign_key_pub_pem(k, &pem, NULL), IRD_OK);
	assert_non_null(strstr(pem, "-----BEGIN PUBLIC KEY-----"));
	snprintf(path, sizeof(path), "%s/pub.pem", t->dir);
	assert_non_null(f = fopen(path, "w"));
	fputs(pem, f);
	fclose(f);
	free(pem);
	assert_int_equal(sign_pub_read(path, hex, NULL), IRD_OK);
	sign_key_pub_hex(k, mine);
	assert_string_equal(hex, mine);
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "%s\n", pub);
	fclose(f);
	assert_int_equal(sign_pub_read(path, hex, NULL), IRD_OK);
	assert_string_equal(hex, pub);
	assert_non_null(f = fopen(path, "w"));
	fputs("neither\n", f);
	fclose(f);
	assert_int_equal(sign_pub_read(path, hex, NULL), IRD_EUSAGE);
	test_env_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(digests_are_sha256_in_lower_case_hex),
		cmocka_unit_test(signatures_are_ed25519),
		cmocka_unit_test_setup_teardown(an_untouched_store_verifies, setup, teardown),
		cmocka_unit_test_setup_teardown(an_edited_row_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(an_inserted_row_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(a_deleted_row_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(an_edited_audit_record_breaks_the_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(a_rewritten_row_and_payload_still_break_the_chain,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(a_deleted_audit_record_is_a_gap, setup, teardown),
		cmocka_unit_test_setup_teardown(records_keep_the_os_user_host_and_real_time, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(the_head_is_signed_at_each_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(a_write_without_a_usable_key_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(heads_anchored_outside_are_proven, setup, teardown),
		cmocka_unit_test_setup_teardown(a_head_that_differs_is_a_rewritten_past, setup, teardown),
		cmocka_unit_test_setup_teardown(a_head_signed_by_another_key_fails_a_pinned_check, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(real_time_running_backwards_is_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(an_old_record_rewritten_as_new_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(check_walks_every_table_of_the_schema, setup, teardown),
		cmocka_unit_test(a_schema_3_store_upgrades_and_still_verifies),
	};

	return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
