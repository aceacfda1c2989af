/* test_block.c - blocks: default scopes and targets, the lifecycle and its
 * refusals, and which blocks meet block-sender / block-domain (2015: the
 * C&C blocked by sub-domain only). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "actions/act_ioc.h"
#include "engine/step_rules.h"
#include "records/block.h"
#include "records/indicator.h"
#include "queries/tables.h"
#include "testutil.h"

#define MAY_8_2015 1431046800  /* 2015-05-08T01:00:00Z */
#define MAY_18_2015 1431910800 /* 2015-05-18T01:00:00Z */

typedef struct fixture {
	test_env *t;
	ioc_normalizer *n;
	int64_t cs, other; /* the case, and another one */
} fixture;

static int
setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (!f || !(f->t = test_env_new(MAY_8_2015)) || ioc_normalizer_new(&f->n, NULL) != IRD_OK)
		return -1;
	f->cs = test_new_case(f->t, "JPS targeted mail", 0);
	f->other = test_new_case(f->t, "another case", 0);
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

static int64_t
add_to(fixture *f, int64_t case_id, const char *type, const char *value)
{
	indicator_spec spec = { .type = type, .value = value };
	ird_err e = { 0 };
	int64_t id = 0;
	int merged;

	if (act_ioc_add(&f->t->ctx, f->n, case_id, &spec, &id, &merged, &e) != IRD_OK)
		fail_msg("indicator_add %s: %s", value, e.msg);
	return id;
}

static int64_t
add(fixture *f, const char *type, const char *value)
{
	return add_to(f, f->cs, type, value);
}

static int64_t
request(fixture *f, int64_t ind, const char *scope)
{
	ird_err e = { 0 };
	int64_t id = 0;

	if (act_block_request(&f->t->ctx, f->cs, ind, scope, &id, &e) != IRD_OK)
		fail_msg("block_request %s: %s", scope ? scope : "(default)", e.msg);
	return id;
}

static void
activate(fixture *f, int64_t id)
{
	ird_err e = { 0 };

	if (act_block_activate(&f->t->ctx, f->cs, id, &e) != IRD_OK)
		fail_msg("block_activate: %s", e.msg);
}

/* Scope and target of block ID, as "scope target state". */
static void
describe(fixture *f, int64_t id, char *buf, size_t len)
{
	block_row b;

	assert_int_equal(block_get(&f->t->ctx, f->cs, id, &b, NULL), IRD_OK);
	snprintf(buf, len, "%s %s %s", b.scope, b.target, b.state);
	block_row_free(&b);
}

static int64_t
count(fixture *f, const char *sql)
{
	return test_scalar(f->t, sql, 0);
}

static void
default_scopes_are_the_widest_that_fit(void **state)
{
	static const struct {
		const char *type, *value, *want;
	} cases[] = {
		{ "url", "http://sub1.evil-cc.example.co.jp/x", "domain example.co.jp requested" },
		{ "domain", "a.evil.example.net", "domain example.net requested" },
		{ "email", "Attacker@Mail.Evil.example.com", "address Attacker@mail.evil.example.com"
		  " requested" },
		{ "ip", "192.0.2.7", "address 192.0.2.7 requested" },
		{ "url", "http://[2001:db8::1]:8080/gate", "address 2001:db8::1 requested" },
		/* A host that is a public suffix has no registrable domain. */
		{ "domain", "github.io", "host github.io requested" },
	};
	fixture *f = *state;
	char got[200];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		describe(f, request(f, add(f, cases[i].type, cases[i].value), NULL), got, sizeof(got));
		assert_string_equal(got, cases[i].want);
	}
}

static void
explicit_scopes_name_their_target(void **state)
{
	fixture *f = *state;
	int64_t url = add(f, "url", "http://sub1.evil-cc.example.co.jp/x");
	int64_t mail = add(f, "email", "attacker@mail.evil.example.com");
	char got[200];

	describe(f, request(f, url, "host"), got, sizeof(got));
	assert_string_equal(got, "host sub1.evil-cc.example.co.jp requested");
	describe(f, request(f, mail, "host"), got, sizeof(got));
	assert_string_equal(got, "host mail.evil.example.com requested");
	describe(f, request(f, mail, "domain"), got, sizeof(got));
	assert_string_equal(got, "domain example.com requested");
}

/* block_request refuses with CODE and a message containing WANT. */
static void
refused(fixture *f, int64_t case_id, int64_t ind, const char *scope, int code, const char *want)
{
	int64_t blocks = count(f, "SELECT count(*) FROM blocks"), id = 0;
	ird_err e = { 0 };

	assert_int_equal(act_block_request(&f->t->ctx, case_id, ind, scope, &id, &e), code);
	if (!strstr(e.msg, want))
		fail_msg("\"%s\" does not say \"%s\"", e.msg, want);
	assert_int_equal(count(f, "SELECT count(*) FROM blocks"), blocks);
}

static void
scopes_that_do_not_fit_are_refused(void **state)
{
	fixture *f = *state;
	int64_t url = add(f, "url", "http://sub1.evil-cc.example.co.jp/x");
	int64_t ip = add(f, "ip", "192.0.2.7");
	int64_t hash = add(f, "sha256",
	                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	int64_t suffix = add(f, "domain", "co.jp");

	refused(f, f->cs, url, "everything", IRD_EUSAGE, "expected one of: address, host, domain");
	refused(f, f->cs, url, "address", IRD_EUSAGE, "use --scope host or domain");
	refused(f, f->cs, ip, "domain", IRD_EUSAGE, "no registrable domain");
	refused(f, f->cs, ip, "host", IRD_EUSAGE, "--scope address");
	refused(f, f->cs, suffix, "domain", IRD_EUSAGE, "public suffix");
	refused(f, f->cs, hash, NULL, IRD_EUSAGE, "cannot be blocked");
	refused(f, f->other, url, NULL, IRD_ENOTFOUND, "no indicator");
	/* The same target twice while the first is in force. */
	request(f, url, NULL);
	refused(f, f->cs, url, "domain", IRD_EFAIL, "already covers domain example.co.jp");
}

static void
the_lifecycle_is_requested_active_lifted(void **state)
{
	fixture *f = *state;
	int64_t id = request(f, add(f, "email", "attacker@evil.example.com"), NULL);
	block_row b;

	assert_int_equal(block_get(&f->t->ctx, f->cs, id, &b, NULL), IRD_OK);
	assert_string_equal(b.state, "requested");
	assert_int_equal(b.requested_at, MAY_8_2015);
	assert_string_equal(b.requested_by, "tester");
	assert_int_equal(b.activated_at, 0);
	block_row_free(&b);

	f->t->ctx.clock.now = MAY_8_2015 + 600;
	activate(f, id);
	f->t->ctx.clock.now = MAY_18_2015;
	assert_int_equal(act_block_lift(&f->t->ctx, f->cs, id, "mail gateway rule replaced", NULL),
	                 IRD_OK);
	assert_int_equal(block_get(&f->t->ctx, f->cs, id, &b, NULL), IRD_OK);
	assert_string_equal(b.state, "lifted");
	assert_int_equal(b.activated_at, MAY_8_2015 + 600);
	assert_int_equal(b.lifted_at, MAY_18_2015);
	assert_string_equal(b.note, "mail gateway rule replaced");
	block_row_free(&b);

	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE object_table = 'blocks'"
	                          " AND action IN ('block.request', 'block.activate', 'block.lift')"),
	                 3);
	assert_int_equal(count(f, "SELECT count(*) FROM events WHERE kind = 'block'"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM events WHERE kind = 'block'"
	                          " AND text LIKE '%lifted%mail gateway rule replaced'"), 1);
}

/* A transition refused with IRD_EFAIL, the reason WANT, nothing written. */
static void
transition_refused(fixture *f, int activate_it, int64_t id, const char *want)
{
	int64_t audits = count(f, "SELECT count(*) FROM audit");
	ird_err e = { 0 };
	int rc = activate_it ? act_block_activate(&f->t->ctx, f->cs, id, &e)
	                     : act_block_lift(&f->t->ctx, f->cs, id, NULL, &e);

	assert_int_equal(rc, IRD_EFAIL);
	if (!strstr(e.msg, want))
		fail_msg("\"%s\" does not say \"%s\"", e.msg, want);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), audits);
}

static void
invalid_transitions_are_refused_with_the_reason(void **state)
{
	fixture *f = *state;
	int64_t id = request(f, add(f, "ip", "192.0.2.7"), NULL), withdrawn;
	ird_err e = { 0 };

	activate(f, id);
	transition_refused(f, 1, id, "already active");
	assert_int_equal(act_block_lift(&f->t->ctx, f->cs, id, NULL, NULL), IRD_OK);
	transition_refused(f, 1, id, "request a new block");
	transition_refused(f, 0, id, "already lifted");
	/* A block of another case, or none at all, is not found. */
	assert_int_equal(act_block_activate(&f->t->ctx, f->other, id, &e), IRD_ENOTFOUND);
	assert_int_equal(act_block_activate(&f->t->ctx, f->cs, 999, &e), IRD_ENOTFOUND);
	/* Once lifted, the same target can be requested again; a request can be
	 * withdrawn before it is active. */
	withdrawn = request(f, add(f, "ip", "192.0.2.7"), NULL);
	assert_int_equal(act_block_lift(&f->t->ctx, f->cs, withdrawn, NULL, NULL), IRD_OK);
	assert_int_equal(count(f, "SELECT count(*) FROM events WHERE text LIKE"
	                          " '%withdrawn before it was active%'"), 1);
}

/* block_requirement_met for IND: *MET, with WHY in WHY. */
static int
met(fixture *f, int64_t ind, int domain, char *why, size_t len)
{
	int m = -1;
	ird_err e = { 0 };

	if (step_block_requirement(&f->t->ctx, ind, domain, &m, why, len, &e) != IRD_OK)
		fail_msg("step_block_requirement: %s", e.msg);
	return m;
}

static void
a_host_block_leaves_block_domain_open(void **state)
{
	fixture *f = *state;
	int64_t cc = add(f, "url", "http://sub1.evil-cc.example.co.jp/x"), host, dom;
	char why[512];

	assert_int_equal(met(f, cc, 1, why, sizeof(why)), 0);
	assert_string_equal(why, "domain example.co.jp is not blocked (irdesk block ... #1 --scope"
	                         " domain)");
	/* 2015-04-22: the URL blocked by sub-domain, about 2 h later. */
	host = request(f, cc, "host");
	activate(f, host);
	assert_int_equal(met(f, cc, 1, why, sizeof(why)), 0);
	assert_string_equal(why, "blocked host sub1.evil-cc.example.co.jp only: the step 'block"
	                         " the registrable domain' stays open until example.co.jp is"
	                         " blocked");
	/* The host block does block this sender-less C&C itself. */
	assert_int_equal(met(f, cc, 0, why, sizeof(why)), 1);

	dom = request(f, cc, "domain");
	assert_int_equal(met(f, cc, 1, why, sizeof(why)), 0);
	assert_non_null(strstr(why, "requested, not yet active"));
	activate(f, dom);
	assert_int_equal(met(f, cc, 1, why, sizeof(why)), 1);
	/* Lifted, the requirement is open again. */
	assert_int_equal(act_block_lift(&f->t->ctx, f->cs, dom, NULL, NULL), IRD_OK);
	assert_int_equal(met(f, cc, 1, why, sizeof(why)), 0);
}

static void
a_domain_block_made_for_a_sibling_counts(void **state)
{
	fixture *f = *state;
	int64_t may8 = add(f, "url", "http://sub1.evil-cc.example.co.jp/x");
	int64_t may21 = add(f, "url", "https://sub9.evil-cc.example.co.jp:8443/new");
	int64_t elsewhere = add(f, "url", "http://evil-cc.example.com/x");
	int64_t dom = request(f, may8, NULL);
	int yes = -1;
	char why[512];
	char *json = NULL;

	activate(f, dom);
	assert_int_equal(met(f, may21, 1, why, sizeof(why)), 1);
	assert_int_equal(block_is_blocked(&f->t->ctx, may21, &yes, NULL), IRD_OK);
	assert_int_equal(yes, 1);
	assert_int_equal(met(f, elsewhere, 1, why, sizeof(why)), 0);
	assert_int_equal(block_is_blocked(&f->t->ctx, elsewhere, &yes, NULL), IRD_OK);
	assert_int_equal(yes, 0);
	/* Not across cases: the other case's C&C under the same domain is open. */
	assert_int_equal(met(f, add_to(f, f->other, "url", "http://sub1.evil-cc.example.co.jp/x"),
	                     1, why, sizeof(why)), 0);
	/* The sibling lists the block that covers it. */
	assert_int_equal(indicator_list_json(&f->t->ctx, f->cs, &json, NULL), IRD_OK);
	assert_non_null(strstr(json, "\"normal\":\"https://sub9.evil-cc.example.co.jp:8443/new\","));
	assert_non_null(strstr(json, "\"blocks\":[{\"id\":1,\"indicator_id\":1,\"scope\":"
	                             "\"domain\",\"target\":\"example.co.jp\",\"state\":\"active\"}]"));
	free(json);
}

static void
an_ip_cc_is_met_by_an_address_block(void **state)
{
	fixture *f = *state;
	int64_t ip = add(f, "ip", "192.0.2.7"), url = add(f, "url", "http://192.0.2.7/gate.php");
	char why[512];

	assert_int_equal(met(f, url, 1, why, sizeof(why)), 0);
	assert_non_null(strstr(why, "address 192.0.2.7 is not blocked"));
	activate(f, request(f, ip, NULL));
	assert_int_equal(met(f, ip, 1, why, sizeof(why)), 1);
	assert_int_equal(met(f, url, 1, why, sizeof(why)), 1);
}

static void
block_sender_is_met_by_the_address_or_wider(void **state)
{
	fixture *f = *state;
	int64_t may8 = add(f, "email", "attacker@mail.evil.example.com");
	int64_t may19 = add(f, "email", "other@mail.evil.example.com");
	int64_t unrelated = add(f, "email", "someone@example.org");
	int64_t addr;
	char why[512];

	assert_int_equal(met(f, may8, 0, why, sizeof(why)), 0);
	assert_string_equal(why, "attacker@mail.evil.example.com is not blocked (irdesk block ..."
	                         " #1)");
	addr = request(f, may8, NULL);
	assert_int_equal(met(f, may8, 0, why, sizeof(why)), 0);
	assert_non_null(strstr(why, "requested but not yet active"));
	activate(f, addr);
	assert_int_equal(met(f, may8, 0, why, sizeof(why)), 1);
	assert_int_equal(met(f, may19, 0, why, sizeof(why)), 0);
	/* The whole sending domain blocked: every sender under it is. */
	activate(f, request(f, may19, "domain"));
	assert_int_equal(met(f, may19, 0, why, sizeof(why)), 1);
	assert_int_equal(met(f, unrelated, 0, why, sizeof(why)), 0);
}

static void
a_blocked_sender_seen_again_is_on_the_timeline(void **state)
{
	fixture *f = *state;
	int64_t id = add(f, "email", "attacker@evil.example.com");

	add(f, "email", "attacker@evil.example.com"); /* before the block: no repeat */
	activate(f, request(f, id, NULL));
	f->t->ctx.clock.now = MAY_18_2015;
	add(f, "email", "attacker[at]evil.example.com");
	assert_int_equal(count(f, "SELECT count(*) FROM events WHERE kind = 'ioc'"
	                          " AND text LIKE '%although an active block covers it'"), 1);
}

static void
blocks_list_as_json_and_pass_the_check(void **state)
{
	fixture *f = *state;
	int64_t records = 0, problems = 0, id;
	char *json = NULL;

	id = request(f, add(f, "url", "hxxp://sub1.evil-cc.example[.]co.jp/x"), "host");
	activate(f, id);
	assert_int_equal(block_list_json(&f->t->ctx, f->cs, &json, NULL), IRD_OK);
	assert_non_null(strstr(json, "\"scope\":\"host\",\"target\":\"sub1.evil-cc.example.co.jp\","
	                             "\"state\":\"active\""));
	assert_non_null(strstr(json, "\"activated_at\":\"2015-05-08T01:00:00Z\""));
	assert_non_null(strstr(json, "\"lifted_at\":null"));
	assert_non_null(strstr(json, "\"indicator\":\"http://sub1.evil-cc.example.co.jp/x\""));
	free(json);
	assert_int_equal(block_list_json(&f->t->ctx, f->other, &json, NULL), IRD_OK);
	assert_string_equal(json, "[]");
	free(json);
	assert_int_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count, NULL, NULL,
	                              &records, &problems, NULL), IRD_OK);
	/* A block quietly turned from host to domain is caught. */
	assert_int_equal(test_sql(f->t->db, "UPDATE blocks SET scope = 'domain',"
	                                    " target = 'example.co.jp'"), 0);
	assert_int_not_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count, NULL,
	                                  NULL, &records, &problems, NULL), IRD_OK);
	assert_int_equal(problems, 1);
}

/* A store an older irdesk wrote has the Unicode form of a name where today's
 * normaliser has the A-label: re-normalising gives the indicator today's forms
 * (its raw value kept), moves its block onto them, and the block rule and
 * searches see the A-label. */
static void
an_old_normal_form_is_renormalised(void **state)
{
	fixture *f = *state;
	int64_t records = 0, problems = 0, changed = -1, id, blk, other;
	char buf[200], *json = NULL;
	int yes = 0;

	id = add(f, "email", "info@例え.jp");
	blk = request(f, id, "domain");
	activate(f, blk);
	/* The forms of the older normaliser (schema 6 and before), written as it did. */
	assert_int_equal(test_sql(f->t->db, "UPDATE indicators SET normal = 'info@例え.jp',"
	                                    " host = '例え.jp', registrable = '例え.jp',"
	                                    " norm_version = 0;"
	                                    " UPDATE blocks SET target = '例え.jp'"), 0);
	assert_int_equal(indicator_outdated(&f->t->ctx, &yes, NULL), IRD_OK);
	assert_true(yes);
	assert_int_equal(indicator_find_json(&f->t->ctx, f->n, "xn--r8jz45g.jp", &json, NULL),
	                 IRD_OK);
	assert_string_equal(json, "[]"); /* the miss this fixes */
	free(json);

	assert_int_equal(act_ioc_renormalize(&f->t->ctx, f->n, &changed, NULL), IRD_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(indicator_outdated(&f->t->ctx, &yes, NULL), IRD_OK);
	assert_false(yes);
	assert_int_equal(count(f, "SELECT count(*) FROM indicators WHERE raw = 'info@例え.jp'"
	                          " AND normal = 'info@xn--r8jz45g.jp' AND host = 'xn--r8jz45g.jp'"
	                          " AND registrable = 'xn--r8jz45g.jp'"), 1);
	describe(f, blk, buf, sizeof(buf));
	assert_string_equal(buf, "domain xn--r8jz45g.jp active");
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action IN"
	                          " ('indicator.renormalize', 'block.retarget')"), 2);
	/* Found by its A-label, and a sibling address is already blocked. */
	assert_int_equal(indicator_find_json(&f->t->ctx, f->n, "xn--r8jz45g.jp", &json, NULL),
	                 IRD_OK);
	assert_non_null(strstr(json, "\"normal\":\"info@xn--r8jz45g.jp\""));
	free(json);
	other = add(f, "email", "keiri@xn--r8jz45g.jp");
	assert_int_equal(block_is_blocked(&f->t->ctx, other, &yes, NULL), IRD_OK);
	assert_true(yes);
	/* Typed again in either form, it merges with the old row. */
	assert_int_equal(add(f, "email", "info@xn--r8jz45g.jp"), id);
	assert_int_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count, NULL, NULL,
	                              &records, &problems, NULL), IRD_OK);
	/* Done once: a second pass finds nothing to do. */
	assert_int_equal(act_ioc_renormalize(&f->t->ctx, f->n, &changed, NULL), IRD_OK);
	assert_int_equal(changed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(default_scopes_are_the_widest_that_fit, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(explicit_scopes_name_their_target, setup, teardown),
		cmocka_unit_test_setup_teardown(scopes_that_do_not_fit_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(the_lifecycle_is_requested_active_lifted, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(invalid_transitions_are_refused_with_the_reason, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(a_host_block_leaves_block_domain_open, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(a_domain_block_made_for_a_sibling_counts, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(an_ip_cc_is_met_by_an_address_block, setup, teardown),
		cmocka_unit_test_setup_teardown(block_sender_is_met_by_the_address_or_wider, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(a_blocked_sender_seen_again_is_on_the_timeline, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(an_old_normal_form_is_renormalised, setup, teardown),
		cmocka_unit_test_setup_teardown(blocks_list_as_json_and_pass_the_check, setup,
		                                teardown),
	};

	return cmocka_run_group_tests_name("block", tests, NULL, NULL);
}
