/* test_indicator.c - indicators: normal forms, merging, search across
 * cases by registrable domain, audit. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "actions/act_notify.h"
#include "actions/act_step.h"
#include "actions/act_ioc.h"
#include "engine/step_rules.h"
#include "records/block.h"
#include "store/event.h"
#include "records/indicator.h"
#include "records/step.h"
#include "queries/tables.h"
#include "testutil.h"

#define APR_22_2015 1429664400 /* 2015-04-22T01:00:00Z */
#define MAY_8_2015 1431046800  /* 2015-05-08T01:00:00Z */
#define MAY_18_2015 1431910800 /* 2015-05-18T01:00:00Z */

typedef struct fixture {
	test_env *t;
	ioc_normalizer *n;
	int64_t apr, may; /* the MHLW case of April, the JPS case of May */
} fixture;

static int
setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	ird_err e = { 0 };

	if (!f || !(f->t = test_env_new(MAY_8_2015)))
		return -1;
	if (ioc_normalizer_new(&f->n, &e) != IRD_OK) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	f->apr = test_new_case(f->t, "MHLW: targeted mail, C&C beacon", APR_22_2015);
	f->may = test_new_case(f->t, "JPS: targeted mail, PC infected", MAY_8_2015);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fixture *f = *state;

	ioc_normalizer_free(f->n);
	test_env_free(f->t);
	free(f);
	return 0;
}

/* Add TYPE VALUE to CASE_ID; returns the row id, fails the test on error. */
static int64_t
add(fixture *f, int64_t case_id, const char *type, const char *value, const char *role,
    const char *note, int *merged)
{
	indicator_spec spec = { .type = type, .value = value, .role = role, .note = note };
	ird_err e = { 0 };
	int64_t id = 0;
	int m = -1;

	if (act_ioc_add(&f->t->ctx, f->n, case_id, &spec, &id, &m, &e) != IRD_OK)
		fail_msg("indicator_add %s %s: %s", type, value, e.msg);
	if (merged)
		*merged = m;
	return id;
}

static void
get(fixture *f, int64_t id, indicator_row *r)
{
	ird_err e = { 0 };

	if (indicator_get(&f->t->ctx, id, r, &e) != IRD_OK)
		fail_msg("indicator_get: %s", e.msg);
}

/* Number of rows SQL (a constant "SELECT count(*) ...") counts. */
static int64_t
count(fixture *f, const char *sql)
{
	return test_scalar(f->t, sql, 0);
}

static void
a_defanged_url_is_stored_raw_and_normalised(void **state)
{
	fixture *f = *state;
	indicator_row r;
	int merged = -1;
	int64_t id = add(f, f->may, "URL", "hxxp://Sub1.EVIL-CC.example[.]co.jp./x", NULL, NULL,
	                 &merged);

	assert_int_equal(merged, 0);
	get(f, id, &r);
	assert_int_equal(r.case_id, f->may);
	assert_string_equal(r.type, "url");
	assert_string_equal(r.raw, "hxxp://Sub1.EVIL-CC.example[.]co.jp./x");
	assert_string_equal(r.normal, "http://sub1.evil-cc.example.co.jp/x");
	assert_string_equal(r.host, "sub1.evil-cc.example.co.jp");
	assert_string_equal(r.registrable, "example.co.jp");
	assert_int_equal(r.seen_count, 1);
	assert_int_equal(r.first_seen, MAY_8_2015);
	assert_int_equal(r.last_seen, MAY_8_2015);
	assert_null(r.note);
	assert_int_equal(r.exfil, 0);
	indicator_row_free(&r);
}

static void
roles_default_from_the_type(void **state)
{
	static const struct {
		const char *type, *value, *role;
	} cases[] = {
		{ "email", "attacker@evil.example.com", "sender" },
		{ "url", "http://evil.example.com/a", "c2" },
		{ "domain", "evil.example.net", "c2" },
		{ "ip", "192.0.2.7", "c2" },
		{ "sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "other" },
		{ "md5", "d41d8cd98f00b204e9800998ecf8427e", "other" },
		{ "subject", "【重要】年金の確認", "other" },
		{ "filename", "医療費通知.exe", "other" },
	};
	fixture *f = *state;
	indicator_row r;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		get(f, add(f, f->may, cases[i].type, cases[i].value, NULL, NULL, NULL), &r);
		assert_string_equal(r.role, cases[i].role);
		indicator_row_free(&r);
	}
	/* An explicit role wins; a download URL is not a C&C. */
	get(f, add(f, f->may, "url", "https://storage.example.org/f.zip", "download", NULL, NULL),
	    &r);
	assert_string_equal(r.role, "download");
	indicator_row_free(&r);
}

static void
the_same_indicator_again_is_merged(void **state)
{
	fixture *f = *state;
	indicator_row r;
	int merged = -1;
	int64_t id = add(f, f->may, "email", "Attacker[at]Evil-Mail.example.com", NULL,
	                 "two mails to public addresses", &merged), again;

	f->t->ctx.clock.now = MAY_18_2015;
	again = add(f, f->may, "email", " Attacker@EVIL-MAIL.EXAMPLE.COM ", NULL,
	            "101 mails to personal addresses", &merged);
	assert_int_equal(merged, 1);
	assert_int_equal(again, id);
	f->t->ctx.clock.now = MAY_18_2015 + 60;
	add(f, f->may, "email", "Attacker@evil-mail.example.com", NULL,
	    "two mails to public addresses", &merged);
	assert_int_equal(merged, 1);
	f->t->ctx.clock.now = MAY_18_2015 + 120;
	add(f, f->may, "email", "Attacker@evil-mail.example.com", NULL, "101 mails", &merged);
	get(f, id, &r);
	assert_int_equal(r.seen_count, 4);
	assert_int_equal(r.first_seen, MAY_8_2015);
	assert_int_equal(r.last_seen, MAY_18_2015 + 120);
	assert_string_equal(r.raw, "Attacker[at]Evil-Mail.example.com"); /* the first raw */
	/* Each new note appended once; one already there is kept, not repeated
	 * (and a note that is only part of another is new). */
	assert_string_equal(r.note, "two mails to public addresses; 101 mails to personal"
	                            " addresses; 101 mails");
	indicator_row_free(&r);
	assert_int_equal(count(f, "SELECT count(*) FROM indicators"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'indicator.seen'"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM events WHERE kind = 'ioc'"
	                          " AND text LIKE '%seen again (4 times)%'"), 1);
}

static void
merging_is_per_case_and_per_normal_type(void **state)
{
	fixture *f = *state;
	int merged = -1;
	int64_t ip = add(f, f->may, "ip", "192.0.2.7", NULL, NULL, &merged);

	/* A "domain" that is an IP literal is an IP: merged with it. */
	assert_int_equal(add(f, f->may, "domain", "192.0.2[.]7", NULL, NULL, &merged), ip);
	assert_int_equal(merged, 1);
	/* Another case has its own. */
	assert_int_not_equal(add(f, f->apr, "ip", "192.0.2.7", NULL, NULL, &merged), ip);
	assert_int_equal(merged, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM indicators"), 2);
}

static void
a_role_given_on_merge_is_taken_and_exfil_is_set_once(void **state)
{
	fixture *f = *state;
	indicator_spec spec = { .type = "url", .value = "http://upload.example.net/p",
	                        .role = "c2", .exfil = 1 };
	indicator_row r;
	int64_t id = add(f, f->may, "url", "http://upload.example.net/p", "download", NULL, NULL),
		again;
	int merged;

	assert_int_equal(act_ioc_add(&f->t->ctx, f->n, f->may, &spec, &again, &merged, NULL),
	                 IRD_OK);
	assert_int_equal(again, id);
	get(f, id, &r);
	assert_string_equal(r.role, "c2");
	assert_int_equal(r.exfil, 1);
	indicator_row_free(&r);
	assert_int_equal(act_ioc_add(&f->t->ctx, f->n, f->may, &spec, &again, &merged, NULL),
	                 IRD_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM events WHERE text LIKE"
	                          " '%exfiltration seen%'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM events WHERE text LIKE"
	                          " '%role was download%'"), 1);
}

/* indicator_add refuses SPEC with IRD_EUSAGE and a message containing WANT;
 * nothing is written. */
static void
refused(fixture *f, indicator_spec spec, const char *want)
{
	int64_t audits = count(f, "SELECT count(*) FROM audit"), id = 0;
	ird_err e = { 0 };
	int merged;

	assert_int_equal(act_ioc_add(&f->t->ctx, f->n, f->may, &spec, &id, &merged, &e),
	                 IRD_EUSAGE);
	if (!strstr(e.msg, want))
		fail_msg("\"%s\" does not say \"%s\"", e.msg, want);
	assert_int_equal(indicator_check(f->n, &spec, NULL), IRD_EUSAGE);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), audits);
	assert_int_equal(count(f, "SELECT count(*) FROM indicators"), 0);
}

static void
invalid_values_are_refused_with_the_reason(void **state)
{
	fixture *f = *state;

	refused(f, (indicator_spec){ .type = "url", .value = "http://" }, "URL has no host");
	refused(f, (indicator_spec){ .type = "url", .value = "http://evil.example.com:99999/" },
	        "invalid port");
	refused(f, (indicator_spec){ .type = "ip", .value = "10.0.0.300" }, "invalid IPv4 address");
	refused(f, (indicator_spec){ .type = "email", .value = "no-at-sign.example.com" },
	        "exactly one @");
	refused(f, (indicator_spec){ .type = "sha256", .value = "abc" }, "hex digits");
	refused(f, (indicator_spec){ .type = "domain", .value = "" }, "empty domain");
	refused(f, (indicator_spec){ .type = "hash", .value = "abc" },
	        "expected one of: email, url, domain, ip, sha256");
	refused(f, (indicator_spec){ .type = "ip", .value = "192.0.2.1", .role = "boss" },
	        "expected one of: sender, c2, download, other");
}

static void
an_unknown_case_is_not_found(void **state)
{
	fixture *f = *state;
	indicator_spec spec = { .type = "ip", .value = "192.0.2.1" };
	int64_t id;
	int merged;

	assert_int_equal(act_ioc_add(&f->t->ctx, f->n, 999, &spec, &id, &merged, NULL),
	                 IRD_ENOTFOUND);
	assert_int_equal(count(f, "SELECT count(*) FROM indicators"), 0);
}

/* The search result of VALUE as JSON, checked by SQLite's json_valid. */
static char *
find_json(fixture *f, const char *value)
{
	ird_err e = { 0 };
	char *json = NULL;

	if (indicator_find_json(&f->t->ctx, f->n, value, &json, &e) != IRD_OK)
		fail_msg("indicator_find_json: %s", e.msg);
	assert_non_null(json);
	return json;
}

struct hits {
	int n;
	char line[8][200];
};

static int
collect_hit(void *arg, const indicator_hit *h)
{
	struct hits *hs = arg;

	if (hs->n < 8)
		snprintf(hs->line[hs->n], sizeof(hs->line[0]), "%s %s %s", h->case_hid,
		         indicator_match_name(h->match), h->ind.normal);
	hs->n++;
	return 0;
}

static void
search(fixture *f, const char *value, struct hits *hs)
{
	indicator_query q;

	memset(hs, 0, sizeof(*hs));
	assert_int_equal(indicator_query_new(f->n, value, &q, NULL), IRD_OK);
	assert_int_equal(indicator_search_each(&f->t->ctx, &q, collect_hit, hs, NULL), IRD_OK);
	indicator_query_free(&q);
}

static void
may_cc_is_found_next_to_april_by_registrable_domain(void **state)
{
	fixture *f = *state;
	struct hits hs;
	char *json;

	f->t->ctx.clock.now = APR_22_2015;
	add(f, f->apr, "url", "http://sub1.evil-cc.example.co.jp/x", NULL, NULL, NULL);
	add(f, f->apr, "email", "someone@unrelated.example.org", NULL, NULL, NULL);
	f->t->ctx.clock.now = MAY_8_2015;
	add(f, f->may, "url", "http://sub2.evil-cc.example.co.jp/a", NULL, NULL, NULL);

	search(f, "hxxp://sub2[.]evil-cc.example.co.jp/a", &hs);
	assert_int_equal(hs.n, 2);
	assert_string_equal(hs.line[0], "IR-2015-0002 same value http://sub2.evil-cc.example.co.jp/a");
	assert_string_equal(hs.line[1],
	                    "IR-2015-0001 same registrable domain http://sub1.evil-cc.example.co.jp/x");

	/* The registrable domain alone finds both; the unrelated one stays out. */
	search(f, "EXAMPLE.CO.JP", &hs);
	assert_int_equal(hs.n, 2);
	assert_non_null(strstr(hs.line[0], "IR-2015-0001 same registrable domain"));
	assert_non_null(strstr(hs.line[1], "IR-2015-0002 same registrable domain"));

	json = find_json(f, "http://sub2.evil-cc.example.co.jp/a");
	assert_non_null(strstr(json, "\"case\":\"IR-2015-0001\""));
	assert_non_null(strstr(json, "\"match\":\"same_registrable_domain\""));
	assert_non_null(strstr(json, "\"match\":\"same_value\""));
	assert_non_null(strstr(json, "\"registrable_domain\":\"example.co.jp\""));
	free(json);
	json = find_json(f, "nothing.example.net");
	assert_string_equal(json, "[]");
	free(json);
}

static void
ips_match_by_value_and_host_never_by_a_registrable_domain(void **state)
{
	fixture *f = *state;
	struct hits hs;
	indicator_row r;

	get(f, add(f, f->apr, "ip", "192.0.2.7", NULL, NULL, NULL), &r);
	assert_null(r.registrable);
	indicator_row_free(&r);
	add(f, f->may, "url", "http://192.0.2.7:8080/gate.php", NULL, NULL, NULL);
	add(f, f->may, "ip", "192.0.2.8", NULL, NULL, NULL);
	search(f, "192.0.2.7", &hs);
	assert_int_equal(hs.n, 2);
	assert_string_equal(hs.line[0], "IR-2015-0001 same value 192.0.2.7");
	assert_string_equal(hs.line[1], "IR-2015-0002 same host http://192.0.2.7:8080/gate.php");
}

static void
subjects_are_found_as_text(void **state)
{
	fixture *f = *state;
	struct hits hs;

	add(f, f->may, "subject", "【医療費通知】", NULL, NULL, NULL);
	search(f, "【医療費通知】", &hs);
	assert_int_equal(hs.n, 1);
	assert_non_null(strstr(hs.line[0], "same value"));
}

static void
an_indicator_is_referred_to_by_id_raw_or_normal_form(void **state)
{
	fixture *f = *state;
	int64_t id = add(f, f->may, "url", "hxxp://sub2[.]evil-cc.example.co.jp/a", NULL, NULL,
	                 NULL), other = add(f, f->apr, "ip", "192.0.2.7", NULL, NULL, NULL), got;
	char ref[32];
	ird_err e = { 0 };

	snprintf(ref, sizeof(ref), "#%lld", (long long)id);
	got = 0;
	assert_int_equal(indicator_find(&f->t->ctx, f->n, f->may, ref, &got, NULL), IRD_OK);
	assert_int_equal(got, id);
	got = 0;
	assert_int_equal(indicator_find(&f->t->ctx, f->n, f->may,
	                                "hxxp://sub2[.]evil-cc.example.co.jp/a", &got, NULL), IRD_OK);
	assert_int_equal(got, id);
	got = 0;
	assert_int_equal(indicator_find(&f->t->ctx, f->n, f->may,
	                                "HTTP://SUB2.evil-cc.example.co.jp/a", &got, NULL), IRD_OK);
	assert_int_equal(got, id);
	/* Another case's indicator is not this case's. */
	snprintf(ref, sizeof(ref), "#%lld", (long long)other);
	assert_int_equal(indicator_find(&f->t->ctx, f->n, f->may, ref, &got, &e), IRD_ENOTFOUND);
	assert_non_null(strstr(e.msg, ref));
	assert_int_equal(indicator_find(&f->t->ctx, f->n, f->may, "192.0.2.7", &got, NULL),
	                 IRD_ENOTFOUND);
}

static void
keep_problem(void *arg, const char *problem)
{
	snprintf(arg, 512, "%s", problem);
}

static void
every_change_is_audited_and_on_the_timeline(void **state)
{
	fixture *f = *state;
	int64_t records = 0, problems = 0;
	char *json = NULL, said[512] = "";
	ird_err e = { 0 };

	add(f, f->may, "url", "http://sub2.evil-cc.example.co.jp/a", NULL, "GET beacon", NULL);
	add(f, f->may, "url", "http://sub2.evil-cc.example.co.jp/a", NULL, NULL, NULL);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE object_table = 'indicators'"),
	                 2);
	assert_int_equal(count(f, "SELECT count(*) FROM events WHERE kind = 'ioc'"), 2);
	assert_int_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count, NULL, NULL,
	                              &records, &problems, &e), IRD_OK);
	assert_int_equal(problems, 0);

	assert_int_equal(indicator_list_json(&f->t->ctx, f->may, &json, NULL), IRD_OK);
	assert_non_null(strstr(json, "\"normal\":\"http://sub2.evil-cc.example.co.jp/a\""));
	assert_non_null(strstr(json, "\"seen_count\":2"));
	assert_non_null(strstr(json, "\"first_seen\":\"2015-05-08T01:00:00Z\""));
	assert_non_null(strstr(json, "\"exfil\":false"));
	assert_non_null(strstr(json, "\"blocks\":[]"));
	free(json);

	/* Behind irdesk's back: the C&C made to look like another domain. */
	assert_int_equal(test_sql(f->t->db, "UPDATE indicators SET registrable = 'example.com'"),
	                 0);
	assert_int_not_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count,
	                                  keep_problem, said, &records, &problems, &e), IRD_OK);
	assert_int_equal(problems, 1);
	if (!strstr(said, "indicators"))
		fail_msg("the problem does not name the table: %s", said);
}


/* ---- triggers: a case under the targeted-email playbook ---- */

typedef struct pb_fixture {
	fixture f;
	int64_t cs;
} pb_fixture;

static int
setup_playbook(void **state)
{
	pb_fixture *p = calloc(1, sizeof(*p));
	ird_err e = { 0 };

	if (!p || !(p->f.t = test_env_with_case(MAY_8_2015, "targeted-email", "JPS: 標的型メール",
	                                        "medium", &p->cs)))
		return -1;
	if (ioc_normalizer_new(&p->f.n, &e) != IRD_OK) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	*state = p;
	return 0;
}

static int
teardown_playbook(void **state)
{
	pb_fixture *p = *state;

	ioc_normalizer_free(p->f.n);
	test_env_free(p->f.t);
	free(p);
	return 0;
}

struct steps {
	char text[4096];
};

static int
collect_step(void *arg, const step_row *s)
{
	struct steps *st = arg;
	size_t n = strlen(st->text);

	/* key[/subject]@minutes-after-May-8 */
	snprintf(st->text + n, sizeof(st->text) - n, "%s%s%s@%lld\n", s->key,
	         s->subject ? "/" : "", s->subject ? s->subject : "",
	         s->due_at ? (long long)(s->due_at - MAY_8_2015) / 60 : -1LL);
	return 0;
}

/* The case's steps as "key/subject@due-minutes" lines, in order. */
static const char *
steps(pb_fixture *p, struct steps *st)
{
	memset(st, 0, sizeof(*st));
	assert_int_equal(step_each(&p->f.t->ctx, p->cs, collect_step, st, NULL), IRD_OK);
	return st->text;
}

static int64_t
padd(pb_fixture *p, const char *type, const char *value, const char *role, int exfil)
{
	indicator_spec spec = { .type = type, .value = value, .role = role, .exfil = exfil };
	ird_err e = { 0 };
	int64_t id = 0;
	int merged;

	if (act_ioc_add(&p->f.t->ctx, p->f.n, p->cs, &spec, &id, &merged, &e) != IRD_OK)
		fail_msg("indicator_add %s: %s", value, e.msg);
	return id;
}

#define OPENING_STEPS "lessons@-1\n"

static void
a_sender_makes_its_block_sender_steps(void **state)
{
	pb_fixture *p = *state;
	struct steps st;
	int64_t timers;

	padd(p, "email", "attacker[at]evil-sender.example.com", NULL, 0);
	assert_string_equal(steps(p, &st), OPENING_STEPS
	                    "block-sender/attacker@evil-sender.example.com@15\n"
	                    "ask-recipients/attacker@evil-sender.example.com@120\n"
	                    "warn-staff/attacker@evil-sender.example.com@60\n"
	                    "share-indicators@120\n");
	/* Seen again: nothing new. */
	timers = count(&p->f, "SELECT count(*) FROM timers");
	p->f.t->ctx.clock.now = MAY_8_2015 + 600;
	padd(p, "email", "attacker@evil-sender.example.com", NULL, 0);
	assert_string_equal(steps(p, &st), OPENING_STEPS
	                    "block-sender/attacker@evil-sender.example.com@15\n"
	                    "ask-recipients/attacker@evil-sender.example.com@120\n"
	                    "warn-staff/attacker@evil-sender.example.com@60\n"
	                    "share-indicators@120\n");
	assert_int_equal(count(&p->f, "SELECT count(*) FROM timers"), timers);
}

static void
a_cc_makes_block_domain_for_its_registrable_domain(void **state)
{
	pb_fixture *p = *state;
	struct steps st;

	padd(p, "url", "http://sub2.evil-cc.example.co.jp/a", NULL, 0);
	padd(p, "ip", "192.0.2.7", NULL, 0);
	padd(p, "sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	     NULL, 0);
	padd(p, "url", "https://storage.example.org/f.zip", "download", 0);
	assert_string_equal(steps(p, &st), OPENING_STEPS
	                    "block-domain/example.co.jp@30\n"
	                    "hunt-lan/example.co.jp@240\n"
	                    "share-indicators@120\n"
	                    "block-domain/192.0.2.7@30\n"
	                    "hunt-lan/192.0.2.7@240\n");
	/* The download URL recognised later as a C&C gets its steps then. */
	p->f.t->ctx.clock.now = MAY_8_2015 + 3600;
	padd(p, "url", "https://storage.example.org/f.zip", "c2", 0);
	assert_non_null(strstr(steps(p, &st), "block-domain/example.org@90\n"));
}

static void
exfiltration_asks_for_the_disconnection_decision_once(void **state)
{
	pb_fixture *p = *state;
	struct steps st;

	padd(p, "url", "http://sub2.evil-cc.example.co.jp/a", NULL, 0);
	assert_null(strstr(steps(p, &st), "decide-disconnect"));
	/* May 25: HTTP POST seen in the traffic to it. */
	p->f.t->ctx.clock.now = MAY_8_2015 + 60;
	padd(p, "url", "http://sub2.evil-cc.example.co.jp/a", NULL, 1);
	assert_non_null(strstr(steps(p, &st), "decide-disconnect@31\n"));
	assert_int_equal(count(&p->f, "SELECT count(*) FROM timers WHERE rule = 'executives-again'"
	                              " AND trigger = 'exfiltration' AND role = 'executives'"), 1);
	padd(p, "url", "http://sub2.evil-cc.example.co.jp/a", NULL, 1);
	padd(p, "ip", "192.0.2.8", NULL, 1);
	assert_int_equal(count(&p->f, "SELECT count(*) FROM timers WHERE rule = 'executives-again'"),
	                 1);
	assert_int_equal(count(&p->f, "SELECT count(*) FROM steps WHERE step_key ="
	                              " 'decide-disconnect'"), 1);
}

static void
a_sender_back_after_its_block_is_a_repeat_campaign(void **state)
{
	pb_fixture *p = *state;
	int64_t id = padd(p, "email", "attacker@evil-sender.example.com", NULL, 0), block = 0;
	struct steps st;

	/* Seen again before any block: not a repeat campaign. */
	padd(p, "email", "attacker@evil-sender.example.com", NULL, 0);
	assert_null(strstr(steps(p, &st), "decide-disconnect"));
	assert_int_equal(act_block_request(&p->f.t->ctx, p->cs, id, NULL, &block, NULL), IRD_OK);
	padd(p, "email", "attacker@evil-sender.example.com", NULL, 0);
	assert_null(strstr(steps(p, &st), "decide-disconnect")); /* only requested */
	assert_int_equal(act_block_activate(&p->f.t->ctx, p->cs, block, NULL), IRD_OK);
	/* May 18: 101 mails from the same sender. */
	p->f.t->ctx.clock.now = MAY_18_2015;
	padd(p, "email", "attacker[at]evil-sender.example.com", NULL, 0);
	assert_int_equal(count(&p->f, "SELECT count(*) FROM steps WHERE step_key ="
	                              " 'decide-disconnect' AND due_at = 1431910800 + 1800"), 1);
	assert_int_equal(count(&p->f, "SELECT count(*) FROM timers WHERE rule = 'executives-again'"
	                              " AND trigger = 'repeat-sender'"), 1);
}

/* The requirement of step NUM of the case, as the step engine made it:
 * block-domain (1) or block-sender (0) of its subject indicator. */
static int
step_met(pb_fixture *p, int64_t num, char *why, size_t len)
{
	ird_err e = { 0 };
	step_row s;
	int64_t id = 0;
	int met = -1;
	char ref[24];

	snprintf(ref, sizeof(ref), "%lld", (long long)num);
	assert_int_equal(step_find(&p->f.t->ctx, p->cs, ref, &id, NULL), IRD_OK);
	assert_int_equal(step_get(&p->f.t->ctx, id, &s, NULL), IRD_OK);
	assert_string_equal(s.subject_kind, "indicator");
	if (step_block_requirement(&p->f.t->ctx, s.subject_id, strcmp(s.requires, "block-domain") == 0,
	                          &met, why, len, &e) != IRD_OK)
		fail_msg("step_block_requirement: %s", e.msg);
	step_row_free(&s);
	return met;
}

/* step done, when the step engine asks block.h (main's step_require.c
 * is interim until the modules are merged: then this runs too). */
static void
step_done_agrees(pb_fixture *p, const char *ref, int met, const char *why)
{
	ird_err e = { 0 };
	int rc = act_step_done(&p->f.t->ctx, p->cs, ref, NULL, &e);

	if (rc != IRD_OK && strstr(e.msg, "cannot check yet")) {
		print_message("# step %s: the step engine cannot check blocks yet\n", ref);
		return;
	}
	assert_int_equal(rc == IRD_OK, met);
	if (!met && !strstr(e.msg, why))
		fail_msg("step done refused with \"%s\", not \"%s\"", e.msg, why);
}

static void
the_block_domain_step_needs_the_registrable_domain_blocked(void **state)
{
	pb_fixture *p = *state;
	int64_t may8 = padd(p, "url", "http://sub1.evil-cc.example.co.jp/x", NULL, 0);
	int64_t may21 = padd(p, "url", "http://sub9.evil-cc.example.co.jp/new", NULL, 0);
	int64_t host = 0, dom = 0;
	struct steps st;
	char why[512];

	assert_string_equal(steps(p, &st), OPENING_STEPS
	                    "block-domain/example.co.jp@30\n"
	                    "hunt-lan/example.co.jp@240\n"
	                    "share-indicators@120\n"
	                    "block-domain/example.co.jp@30\n" /* step 5: the May 21 sibling */
	                    "hunt-lan/example.co.jp@240\n");
	assert_int_equal(act_block_request(&p->f.t->ctx, p->cs, may8, "host", &host, NULL), IRD_OK);
	assert_int_equal(act_block_activate(&p->f.t->ctx, p->cs, host, NULL), IRD_OK);
	assert_int_equal(step_met(p, 2, why, sizeof(why)), 0);
	assert_string_equal(why, "blocked host sub1.evil-cc.example.co.jp only: the step 'block the"
	                         " registrable domain' stays open until example.co.jp is blocked");
	step_done_agrees(p, "2", 0, "blocked host sub1.evil-cc.example.co.jp only");
	/* The domain blocked for the May 21 sibling completes May 8's step too. */
	assert_int_equal(act_block_request(&p->f.t->ctx, p->cs, may21, NULL, &dom, NULL), IRD_OK);
	assert_int_equal(act_block_activate(&p->f.t->ctx, p->cs, dom, NULL), IRD_OK);
	assert_int_equal(step_met(p, 2, why, sizeof(why)), 1);
	assert_int_equal(step_met(p, 5, why, sizeof(why)), 1);
	step_done_agrees(p, "2", 1, NULL);
}

static void
the_block_sender_step_needs_the_sender_blocked(void **state)
{
	pb_fixture *p = *state;
	int64_t id = padd(p, "email", "attacker@evil-sender.example.com", NULL, 0), block = 0;
	char why[512];

	assert_int_equal(step_met(p, 2, why, sizeof(why)), 0);
	assert_non_null(strstr(why, "attacker@evil-sender.example.com is not blocked"));
	step_done_agrees(p, "2", 0, "is not blocked");
	assert_int_equal(act_block_request(&p->f.t->ctx, p->cs, id, NULL, &block, NULL), IRD_OK);
	assert_int_equal(act_block_activate(&p->f.t->ctx, p->cs, block, NULL), IRD_OK);
	assert_int_equal(step_met(p, 2, why, sizeof(why)), 1);
	step_done_agrees(p, "2", 1, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_defanged_url_is_stored_raw_and_normalised, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(roles_default_from_the_type, setup, teardown),
		cmocka_unit_test_setup_teardown(the_same_indicator_again_is_merged, setup, teardown),
		cmocka_unit_test_setup_teardown(merging_is_per_case_and_per_normal_type, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(a_role_given_on_merge_is_taken_and_exfil_is_set_once,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(invalid_values_are_refused_with_the_reason, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(an_unknown_case_is_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(may_cc_is_found_next_to_april_by_registrable_domain,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(ips_match_by_value_and_host_never_by_a_registrable_domain,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(subjects_are_found_as_text, setup, teardown),
		cmocka_unit_test_setup_teardown(an_indicator_is_referred_to_by_id_raw_or_normal_form,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(every_change_is_audited_and_on_the_timeline, setup,
		                                teardown),
		/* Under the targeted-email playbook. */
		cmocka_unit_test_setup_teardown(a_sender_makes_its_block_sender_steps, setup_playbook,
		                                teardown_playbook),
		cmocka_unit_test_setup_teardown(a_cc_makes_block_domain_for_its_registrable_domain,
		                                setup_playbook, teardown_playbook),
		cmocka_unit_test_setup_teardown(exfiltration_asks_for_the_disconnection_decision_once,
		                                setup_playbook, teardown_playbook),
		cmocka_unit_test_setup_teardown(a_sender_back_after_its_block_is_a_repeat_campaign,
		                                setup_playbook, teardown_playbook),
		cmocka_unit_test_setup_teardown(
			the_block_domain_step_needs_the_registrable_domain_blocked, setup_playbook,
			teardown_playbook),
		cmocka_unit_test_setup_teardown(the_block_sender_step_needs_the_sender_blocked,
		                                setup_playbook, teardown_playbook),
	};

	return cmocka_run_group_tests_name("indicator", tests, NULL, NULL);
}
