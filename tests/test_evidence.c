/* test_evidence.c - hashing, numbering, the chain of custody, verification. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "actions/casework.h"
#include "actions/act_asset.h"
#include "records/asset.h"
#include "records/case.h"
#include "base/digest.h"
#include "records/evidence.h"
#include "queries/tables.h"
#include "testutil.h"

#define MAY_8_2015 1431081000
#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

struct fixture {
	test_env *t;
	int64_t case_id, asset_id;
	char path[400]; /* a scratch file in the test's directory */
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	case_spec spec = { .title = "targeted mail", .severity = "high" };
	char hid[CASE_HID_LEN];

	if (!f || !(f->t = test_env_new(MAY_8_2015)) ||
	    casework_open(&f->t->ctx, &spec, NULL, &f->case_id, hid, NULL) != IRD_OK ||
	    act_asset_add(&f->t->ctx, f->case_id, "PC-0427", "site A", "infected", &f->asset_id,
	              NULL) != IRD_OK)
		return -1;
	f->t->ctx.actor = "alice";
	snprintf(f->path, sizeof(f->path), "%s/image.dd", f->t->dir);
	*state = f;
	return 0;
}

/* The same, with the case opened under the targeted-email playbook. */
static int
setup_playbook(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || !(f->t = test_env_with_case(MAY_8_2015, "targeted-email", "targeted mail",
	                                      "medium", &f->case_id)))
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	test_env_free(f->t);
	free(f);
	return 0;
}

/* Rows written so far: evidence, custody and audit together. */
static int64_t
written(test_env *t)
{
	return test_scalar(t, "SELECT (SELECT count(*) FROM evidence)"
	                   " + (SELECT count(*) FROM custody)"
	                   " + (SELECT count(*) FROM audit) + 0 * ?1", 0);
}

/* Write LEN bytes of a fixed pseudo-random pattern to PATH; BUF gets them. */
static unsigned char *
write_pattern(const char *path, size_t len)
{
	unsigned char *buf = malloc(len ? len : 1);
	uint32_t x = 2463534242u;
	FILE *fp = fopen(path, "wb");

	assert_non_null(buf);
	assert_non_null(fp);
	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (unsigned char)x;
	}
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static void
write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static int64_t
add_digest(struct fixture *f, const char *asset, const char *kind, const char *hex)
{
	evidence_spec spec = { .asset_host = asset, .kind = kind, .sha256 = hex };
	ird_err e = { 0 };
	int64_t num = 0;

	if (act_evidence_add(&f->t->ctx, f->case_id, &spec, &num, &e) != IRD_OK)
		fail_msg("evidence_add: %s", e.msg);
	return num;
}

static void
known_digests(void **state)
{
	struct fixture *f = *state;
	char hex[DIGEST_HEX_LEN];
	int64_t size = -1;
	unsigned char *buf;

	write_text(f->path, "");
	assert_int_equal(evidence_hash_file(f->path, hex, &size, NULL), IRD_OK);
	assert_string_equal(hex, EMPTY_SHA256);
	assert_int_equal(size, 0);
	write_text(f->path, "a");
	assert_int_equal(evidence_hash_file(f->path, hex, &size, NULL), IRD_OK);
	assert_string_equal(hex, "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
	assert_int_equal(size, 1);
	/* The FIPS 180 test vector: a million 'a', not a multiple of 1 MiB. */
	buf = malloc(1000000);
	assert_non_null(buf);
	memset(buf, 'a', 1000000);
	{
		FILE *fp = fopen(f->path, "wb");

		assert_non_null(fp);
		assert_int_equal(fwrite(buf, 1, 1000000, fp), 1000000);
		assert_int_equal(fclose(fp), 0);
	}
	free(buf);
	assert_int_equal(evidence_hash_file(f->path, hex, &size, NULL), IRD_OK);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	assert_int_equal(size, 1000000);
}

/* Block boundaries: the streamed digest equals the digest of the whole. */
static void
streamed_digest_equals_one_shot_digest(void **state)
{
	struct fixture *f = *state;
	static const size_t sizes[] = { 1u << 20, (1u << 20) + 1, 3u * (1u << 20) + 17 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char hex[DIGEST_HEX_LEN], want[DIGEST_HEX_LEN];
		unsigned char *buf = write_pattern(f->path, sizes[i]);
		digest_ctx *d = digest_new();
		int64_t size = -1;

		assert_non_null(d);
		assert_int_equal(digest_update(d, buf, sizes[i]), 0);
		assert_int_equal(digest_finish(d, want), 0);
		free(buf);
		assert_int_equal(evidence_hash_file(f->path, hex, &size, NULL), IRD_OK);
		assert_string_equal(hex, want);
		assert_int_equal(size, (int64_t)sizes[i]);
	}
}

static void
a_file_is_hashed_sized_and_located(void **state)
{
	struct fixture *f = *state;
	evidence_spec spec = { .asset_host = "pc-0427", .kind = "disk-image", .file = f->path };
	char *json = NULL;
	int64_t num = 0;

	write_text(f->path, "a");
	assert_int_equal(act_evidence_add(&f->t->ctx, f->case_id, &spec, &num, NULL), IRD_OK);
	assert_int_equal(num, 1);
	assert_int_equal(evidence_list_json(&f->t->ctx, f->case_id, &json, NULL), IRD_OK);
	assert_non_null(strstr(json, "\"sha256\":\"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb\""));
	assert_non_null(strstr(json, "\"size\":1,"));
	assert_non_null(strstr(json, "\"asset\":\"PC-0427\""));
	assert_non_null(strstr(json, "/image.dd\"")); /* the file's full path, by default */
	free(json);
}

static void
numbers_run_per_case_and_digests_are_lower_cased(void **state)
{
	struct fixture *f = *state;
	case_spec cs = { .title = "other" };
	char hid[CASE_HID_LEN];
	int64_t other, num = 0;
	evidence_spec spec = { .kind = "logs",
	                       .sha256 = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855" };

	assert_int_equal(add_digest(f, "PC-0427", "memory", EMPTY_SHA256), 1);
	assert_int_equal(add_digest(f, NULL, "logs", spec.sha256), 2);
	assert_int_equal(test_scalar(f->t, "SELECT sha256 = '" EMPTY_SHA256 "' AND size IS NULL"
	                             " AND asset_id IS NULL FROM evidence WHERE num = ?1", 2), 1);
	assert_int_equal(casework_open(&f->t->ctx, &cs, NULL, &other, hid, NULL), IRD_OK);
	assert_int_equal(act_evidence_add(&f->t->ctx, other, &spec, &num, NULL), IRD_OK);
	assert_int_equal(num, 1);
}

static void
bad_specs_are_usage_errors(void **state)
{
	struct fixture *f = *state;
	const struct {
		evidence_spec spec;
		const char *says;
	} bad[] = {
		{ { .kind = "logs" }, "neither" },
		{ { .kind = "logs", .file = "x", .sha256 = EMPTY_SHA256 }, "both" },
		{ { .kind = "logs", .sha256 = "e3b0c442" }, "64 hex digits" },
		{ { .kind = "logs", .sha256 = "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		  "64 hex digits" },
		{ { .kind = "logs", .sha256 = EMPTY_SHA256 "0" }, "64 hex digits" },
		{ { .kind = "photo", .sha256 = EMPTY_SHA256 }, "disk-image, memory, logs, mail, other" },
		{ { .sha256 = EMPTY_SHA256 }, "kind" },
		{ { .kind = "disk-image", .sha256 = EMPTY_SHA256 }, "asset" },
		{ { .kind = "memory", .sha256 = EMPTY_SHA256 }, "asset" },
		{ { .kind = "logs", .file = "" }, "empty" },
	};
	int64_t before = written(f->t), num;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ird_err e = { 0 };

		assert_int_equal(act_evidence_add(&f->t->ctx, f->case_id, &bad[i].spec, &num, &e),
		                 IRD_EUSAGE);
		if (!strstr(e.msg, bad[i].says))
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, e.msg, bad[i].says);
	}
	assert_int_equal(written(f->t), before);
}

static void
an_unknown_asset_or_a_missing_file_writes_nothing(void **state)
{
	struct fixture *f = *state;
	evidence_spec unknown = { .asset_host = "PC-9999", .kind = "disk-image",
	                          .sha256 = EMPTY_SHA256 };
	evidence_spec missing = { .asset_host = "PC-0427", .kind = "disk-image", .file = f->path };
	int64_t before = written(f->t), num;
	ird_err e = { 0 };

	assert_int_equal(act_evidence_add(&f->t->ctx, f->case_id, &unknown, &num, &e), IRD_ENOTFOUND);
	assert_non_null(strstr(e.msg, "PC-9999"));
	assert_int_equal(act_evidence_add(&f->t->ctx, f->case_id, &missing, &num, &e), IRD_EFAIL);
	assert_non_null(strstr(e.msg, f->path));
	missing.file = f->t->dir; /* a directory */
	assert_int_equal(act_evidence_add(&f->t->ctx, f->case_id, &missing, &num, &e), IRD_EFAIL);
	assert_int_equal(written(f->t), before);
}

static void
references_parse(void **state)
{
	int64_t n = 0;

	(void)state;
	assert_int_equal(evidence_parse_ref("E3", &n, NULL), IRD_OK);
	assert_int_equal(n, 3);
	assert_int_equal(evidence_parse_ref("e12", &n, NULL), IRD_OK);
	assert_int_equal(n, 12);
	assert_int_equal(evidence_parse_ref("7", &n, NULL), IRD_OK);
	assert_int_equal(n, 7);
	assert_int_equal(evidence_parse_ref("E0", &n, NULL), IRD_EUSAGE);
	assert_int_equal(evidence_parse_ref("E", &n, NULL), IRD_EUSAGE);
	assert_int_equal(evidence_parse_ref("", &n, NULL), IRD_EUSAGE);
	assert_int_equal(evidence_parse_ref(NULL, &n, NULL), IRD_EUSAGE);
	assert_int_equal(evidence_parse_ref("E3x", &n, NULL), IRD_EUSAGE);
	assert_int_equal(evidence_parse_ref("X3", &n, NULL), IRD_EUSAGE);
	assert_int_equal(evidence_parse_ref("-3", &n, NULL), IRD_EUSAGE);
	assert_int_equal(evidence_parse_ref("E99999999999999999999", &n, NULL), IRD_EUSAGE);
}

static void
the_custody_chain_follows_every_hand_over_in_order(void **state)
{
	struct fixture *f = *state;
	char *json = NULL;
	ird_err e = { 0 };

	add_digest(f, "PC-0427", "disk-image", EMPTY_SHA256);
	f->t->ctx.clock.now += 600;
	assert_int_equal(act_evidence_transfer(&f->t->ctx, f->case_id, "E1", " bob ", NULL, &e), IRD_OK);
	f->t->ctx.actor = "bob";
	f->t->ctx.clock.now += 600;
	assert_int_equal(act_evidence_transfer(&f->t->ctx, f->case_id, "1", "forensic lab",
	                                   "sealed bag 42", &e), IRD_OK);
	assert_int_equal(evidence_list_json(&f->t->ctx, f->case_id, &json, NULL), IRD_OK);
	assert_non_null(strstr(json,
		"\"holder\":\"forensic lab\",\"exfil\":false,\"added_at\":\"2015-05-08T10:30:00Z\","
		"\"added_by\":\"alice\",\"custody\":["
		"{\"at\":\"2015-05-08T10:30:00Z\",\"from\":null,\"to\":\"alice\",\"by\":\"alice\",\"note\":null},"
		"{\"at\":\"2015-05-08T10:40:00Z\",\"from\":\"alice\",\"to\":\"bob\",\"by\":\"alice\",\"note\":null},"
		"{\"at\":\"2015-05-08T10:50:00Z\",\"from\":\"bob\",\"to\":\"forensic lab\",\"by\":\"bob\","
		"\"note\":\"sealed bag 42\"}]}"));
	free(json);
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM events WHERE case_id = ?1"
	                             " AND text = 'evidence E1 handed over from bob to forensic"
	                             " lab: sealed bag 42'", f->case_id), 1);
}

static void
bad_transfers_are_refused_and_write_nothing(void **state)
{
	struct fixture *f = *state;
	ird_err e = { 0 };
	int64_t before;

	add_digest(f, "PC-0427", "disk-image", EMPTY_SHA256);
	before = written(f->t);
	assert_int_equal(act_evidence_transfer(&f->t->ctx, f->case_id, "E1", "alice", NULL, &e),
	                 IRD_EFAIL);
	assert_non_null(strstr(e.msg, "already held by alice"));
	assert_int_equal(act_evidence_transfer(&f->t->ctx, f->case_id, "E2", "bob", NULL, &e),
	                 IRD_ENOTFOUND);
	assert_non_null(strstr(e.msg, "E2"));
	assert_int_equal(act_evidence_transfer(&f->t->ctx, f->case_id, "X1", "bob", NULL, &e),
	                 IRD_EUSAGE);
	assert_int_equal(act_evidence_transfer(&f->t->ctx, f->case_id, "E1", "  ", NULL, &e),
	                 IRD_EUSAGE);
	assert_int_equal(written(f->t), before);
}

static void
verify_says_match_or_mismatch_and_records_it(void **state)
{
	struct fixture *f = *state;
	evidence_spec spec = { .asset_host = "PC-0427", .kind = "disk-image", .file = f->path };
	int match = -1;
	int64_t num, before;
	ird_err e = { 0 };

	free(write_pattern(f->path, (1u << 20) + 5));
	assert_int_equal(act_evidence_add(&f->t->ctx, f->case_id, &spec, &num, NULL), IRD_OK);
	assert_int_equal(act_evidence_verify(&f->t->ctx, f->case_id, "E1", f->path, &match, &e), IRD_OK);
	assert_int_equal(match, 1);
	free(write_pattern(f->path, (1u << 20) + 4)); /* one byte short */
	assert_int_equal(act_evidence_verify(&f->t->ctx, f->case_id, "e1", f->path, &match, &e), IRD_OK);
	assert_int_equal(match, 0);
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM events WHERE case_id = ?1"
	                             " AND kind = 'evidence'"
	                             " AND text LIKE 'evidence E1 verified: %image.dd matches%'",
	                             f->case_id), 1);
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM events WHERE case_id = ?1"
	                             " AND kind = 'evidence'"
	                             " AND text LIKE 'evidence E1 verification FAILED: %'",
	                             f->case_id), 1);
	before = written(f->t);
	assert_int_equal(act_evidence_verify(&f->t->ctx, f->case_id, "E2", f->path, &match, &e),
	                 IRD_ENOTFOUND);
	assert_int_equal(act_evidence_verify(&f->t->ctx, f->case_id, "E1", "/nonexistent/x", &match, &e),
	                 IRD_EFAIL);
	assert_int_equal(written(f->t), before);
}

static void
a_disk_image_with_a_digest_is_what_the_image_step_needs(void **state)
{
	struct fixture *f = *state;
	int64_t other;
	int yes = -1;

	assert_int_equal(act_asset_add(&f->t->ctx, f->case_id, "PC-2", NULL, "infected", &other, NULL),
	                 IRD_OK);
	assert_int_equal(evidence_has_disk_image(&f->t->ctx, f->asset_id, &yes, NULL), IRD_OK);
	assert_false(yes);
	add_digest(f, "PC-0427", "memory", EMPTY_SHA256);
	add_digest(f, "PC-0427", "logs", EMPTY_SHA256);
	assert_int_equal(evidence_has_disk_image(&f->t->ctx, f->asset_id, &yes, NULL), IRD_OK);
	assert_false(yes);
	add_digest(f, "PC-0427", "disk-image", EMPTY_SHA256);
	assert_int_equal(evidence_has_disk_image(&f->t->ctx, f->asset_id, &yes, NULL), IRD_OK);
	assert_true(yes);
	assert_int_equal(evidence_has_disk_image(&f->t->ctx, other, &yes, NULL), IRD_OK);
	assert_false(yes);
}

static void
exfiltration_is_flagged_and_on_the_timeline(void **state)
{
	struct fixture *f = *state;
	evidence_spec spec = { .kind = "logs", .sha256 = EMPTY_SHA256, .location = "proxy-01:/var/log",
	                       .exfil = 1 };
	char *json = NULL;
	int64_t num;

	assert_int_equal(act_evidence_add(&f->t->ctx, f->case_id, &spec, &num, NULL), IRD_OK);
	assert_int_equal(evidence_list_json(&f->t->ctx, f->case_id, &json, NULL), IRD_OK);
	assert_non_null(strstr(json, "\"asset\":null,\"kind\":\"logs\""));
	assert_non_null(strstr(json, "\"location\":\"proxy-01:/var/log\""));
	assert_non_null(strstr(json, "\"exfil\":true"));
	free(json);
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM events WHERE case_id = ?1"
	                             " AND text LIKE 'evidence E1 (logs, SHA-256 e3b0%)"
	                             " collected by alice, at proxy-01:/var/log;"
	                             " shows exfiltration'", f->case_id), 1);
}

static void
a_rewritten_custody_record_is_found(void **state)
{
	struct fixture *f = *state;
	test_found fd = { 0 };
	int64_t records, problems;

	add_digest(f, "PC-0427", "disk-image", EMPTY_SHA256);
	assert_int_equal(act_evidence_transfer(&f->t->ctx, f->case_id, "E1", "bob", NULL, NULL), IRD_OK);
	assert_int_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count,
	                              test_collect_problem, &fd, &records, &problems, NULL),
	                 IRD_OK);
	assert_int_equal(fd.n, 0);
	store_close(f->t->ctx.store);
	f->t->ctx.store = NULL;
	assert_int_equal(test_sql(f->t->db, "UPDATE custody SET to_holder = 'mallory' WHERE id = 2"),
	                 0);
	assert_int_equal(store_open(f->t->db, &f->t->ctx.store, NULL), IRD_OK);
	assert_int_not_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count,
	                                  test_collect_problem, &fd, &records, &problems, NULL),
	                     IRD_OK);
	assert_int_equal(fd.n, 1);
	assert_string_equal(fd.last, "custody: record 2 was edited outside irdesk");
}

static int64_t
decide_steps(struct fixture *f)
{
	return test_scalar(f->t, "SELECT count(*) FROM steps WHERE case_id = ?1"
	              " AND step_key = 'decide-disconnect'", f->case_id);
}

static void
exfiltration_asks_for_the_disconnection_decision(void **state)
{
	struct fixture *f = *state;
	evidence_spec plain = { .kind = "logs", .sha256 = EMPTY_SHA256, .location = "proxy-01" };
	evidence_spec post = plain;
	int64_t num;

	post.exfil = 1;
	assert_int_equal(act_evidence_add(&f->t->ctx, f->case_id, &plain, &num, NULL), IRD_OK);
	assert_int_equal(decide_steps(f), 0);
	f->t->ctx.clock.now = MAY_8_2015 + 600;
	assert_int_equal(act_evidence_add(&f->t->ctx, f->case_id, &post, &num, NULL), IRD_OK);
	assert_int_equal(decide_steps(f), 1);
	assert_int_equal(test_scalar(f->t, "SELECT due_at FROM steps WHERE case_id = ?1"
	                             " AND step_key = 'decide-disconnect'", f->case_id),
	                 MAY_8_2015 + 600 + 30 * 60);
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM timers WHERE case_id = ?1"
	                             " AND rule = 'executives-again' AND trigger = 'exfiltration'",
	                             f->case_id), 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(known_digests),
		T(streamed_digest_equals_one_shot_digest),
		T(a_file_is_hashed_sized_and_located),
		T(numbers_run_per_case_and_digests_are_lower_cased),
		T(bad_specs_are_usage_errors),
		T(an_unknown_asset_or_a_missing_file_writes_nothing),
		cmocka_unit_test(references_parse),
		T(the_custody_chain_follows_every_hand_over_in_order),
		T(bad_transfers_are_refused_and_write_nothing),
		T(verify_says_match_or_mismatch_and_records_it),
		T(a_disk_image_with_a_digest_is_what_the_image_step_needs),
		T(exfiltration_is_flagged_and_on_the_timeline),
		T(a_rewritten_custody_record_is_found),
		cmocka_unit_test_setup_teardown(exfiltration_asks_for_the_disconnection_decision,
		                                setup_playbook, teardown),
	};

	return cmocka_run_group_tests_name("evidence", tests, NULL, NULL);
}
