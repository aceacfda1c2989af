/* test_decision.c - decisions: checked, the paths cut and those STILL
 * OPEN, stored as JSON arrays, on the timeline, audited, and answering
 * the playbook's "decide full disconnection" step. */
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
#include "records/decision.h"
#include "store/event.h"
#include "records/step.h"
#include "queries/tables.h"
#include "testutil.h"
#include "records/timer.h"
#include "engine/trigger.h"

#define T0 TEST_MAY_8_2015
#define KNOWN "proxy,mail,vpn,remote-access,dedicated-lines"

static int64_t
open_case(test_pb_env *f, const playbook *pb)
{
	return test_open_case(f->t, "日本年金機構", "high", pb);
}

/* decision_plan of SPEC must give CUT and OPEN. */
static void
plan_is(const decision_spec *spec, const char *cut, const char *open)
{
	char *c = NULL, *o = NULL;
	ird_err e = { 0 };

	if (decision_plan(spec, &c, &o, &e) != IRD_OK)
		fail_msg("decision_plan: %s", e.msg);
	assert_string_equal(c, cut);
	assert_string_equal(o, open);
	free(c);
	free(o);
}

/* decision_plan of SPEC must fail with a message holding WANT. */
static void
plan_fails(const decision_spec *spec, const char *want)
{
	char *c = (char *)1, *o = (char *)1;
	ird_err e = { 0 };

	assert_int_equal(decision_plan(spec, &c, &o, &e), IRD_EUSAGE);
	assert_null(c);
	assert_null(o);
	if (!strstr(e.msg, want))
		fail_msg("\"%s\" lacks \"%s\"", e.msg, want);
}

static void
disconnect_says_which_paths_stay_open(void **state)
{
	decision_spec s = { "full-disconnect", "disconnect", "POST to C&C seen", NULL, NULL };

	(void)state;
	plan_is(&s, KNOWN, ""); /* no --paths: every known path is cut */
	s.paths = "proxy, VPN,remote-access";
	plan_is(&s, "proxy,vpn,remote-access", "mail,dedicated-lines"); /* 2015 */
	s.paths = "proxy,mail,vpn,remote-access,dedicated-lines,guest-wifi";
	plan_is(&s, "proxy,mail,vpn,remote-access,dedicated-lines,guest-wifi", "");
	s.choice = "partial";
	s.paths = "proxy";
	plan_is(&s, "proxy", "mail,vpn,remote-access,dedicated-lines");
	s.choice = "defer";
	s.paths = NULL;
	plan_is(&s, "", KNOWN);
	/* The organisation's own list (config external-paths). */
	s.choice = "disconnect";
	s.known_paths = "proxy,mail-line-1,mail-line-2";
	s.paths = "proxy,mail-line-1";
	plan_is(&s, "proxy,mail-line-1", "mail-line-2");
}

static void
bad_decisions_name_the_valid_values(void **state)
{
	decision_spec s = { "full-disconnect", "disconnect", "why", NULL, NULL };

	(void)state;
	s.question = "disconnect-everything";
	plan_fails(&s, "unknown question \"disconnect-everything\" (expected one of: "
	           "full-disconnect)");
	s.question = NULL;
	plan_fails(&s, "unknown question");
	s.question = "full-disconnect";
	s.choice = "maybe";
	plan_fails(&s, "(expected one of: disconnect, partial, defer)");
	s.choice = NULL;
	plan_fails(&s, "invalid choice");
	s.choice = "disconnect";
	s.rationale = " \t\n ";
	plan_fails(&s, "rationale");
	s.rationale = NULL;
	plan_fails(&s, "rationale");
	s.rationale = "why";
	s.choice = "partial";
	plan_fails(&s, "partial needs --paths");
	s.choice = "defer";
	s.paths = "mail";
	plan_fails(&s, "defer cuts nothing");
	s.choice = "disconnect";
	s.paths = "proxy;mail";
	plan_fails(&s, "invalid path name");
	s.paths = "proxy,,mail";
	plan_fails(&s, "empty name");
	s.paths = "mail,Mail";
	plan_fails(&s, "\"mail\" is listed twice");
	s.paths = NULL;
	s.known_paths = "proxy,";
	plan_fails(&s, "external-paths");
}

static char *
list(test_pb_env *f, int64_t case_id)
{
	char *json = NULL;

	assert_int_equal(decision_list_json(&f->t->ctx, case_id, &json, NULL), IRD_OK);
	assert_non_null(json);
	return json;
}

static void
a_decision_is_stored_with_json_arrays_and_on_the_timeline(void **state)
{
	test_pb_env *f = *state;
	int64_t id = open_case(f, NULL), did = 0;
	decision_spec s = { "full-disconnect", "disconnect", "  HTTP POST from site B (May 25)\n",
	                    "proxy,vpn,remote-access", NULL };
	test_lines l = { "" };
	char *json;

	f->t->ctx.clock.now = T0 + 86400;
	assert_int_equal(act_decide(&f->t->ctx, id, &s, &did, NULL, NULL), IRD_OK);
	assert_int_equal(did, 1);
	json = list(f, id);
	assert_string_equal(json, "[{\"id\":1,\"question\":\"full-disconnect\","
	                          "\"choice\":\"disconnect\","
	                          "\"rationale\":\"HTTP POST from site B (May 25)\","
	                          "\"paths\":[\"proxy\",\"vpn\",\"remote-access\"],"
	                          "\"open_paths\":[\"mail\",\"dedicated-lines\"],"
	                          "\"decided_at\":\"2015-05-09T10:30:00Z\","
	                          "\"decided_by\":\"tester\"}]");
	free(json);
	test_timeline_text(f->t, id, 0, &l);
	assert_non_null(strstr(l.text, "decision decision 1 on full-disconnect: disconnect. "
	                                "Cut: proxy, vpn, remote-access. STILL OPEN: mail, "
	                                "dedicated-lines. Rationale: HTTP POST from site B (May 25)"
	                                "\n"));
	/* Everything cut: the timeline says nothing known stays open. */
	s.paths = NULL;
	assert_int_equal(act_decide(&f->t->ctx, id, &s, &did, NULL, NULL), IRD_OK);
	memset(&l, 0, sizeof(l));
	test_timeline_text(f->t, id, 0, &l);
	assert_non_null(strstr(l.text, "Cut: proxy, mail, vpn, remote-access, dedicated-lines. "
	                                "No known external path stays open."));
	json = list(f, id);
	assert_non_null(strstr(json, "\"open_paths\":[],"));
	free(json);
}

static void
defer_is_a_decision_too(void **state)
{
	test_pb_env *f = *state;
	int64_t id = open_case(f, NULL), other = open_case(f, NULL), did;
	decision_spec s = { "full-disconnect", "defer", "one site only so far", NULL, NULL };
	test_lines l = { "" };
	int yes = -1;
	char *json;

	assert_int_equal(decision_exists(&f->t->ctx, id, "full-disconnect", &yes, NULL), IRD_OK);
	assert_int_equal(yes, 0);
	assert_int_equal(act_decide(&f->t->ctx, id, &s, &did, NULL, NULL), IRD_OK);
	assert_int_equal(decision_exists(&f->t->ctx, id, "full-disconnect", &yes, NULL), IRD_OK);
	assert_int_equal(yes, 1);
	assert_int_equal(decision_exists(&f->t->ctx, other, "full-disconnect", &yes, NULL), IRD_OK);
	assert_int_equal(yes, 0);
	json = list(f, id);
	assert_non_null(strstr(json, "\"choice\":\"defer\",\"rationale\":\"one site only so far\","
	                             "\"paths\":[],\"open_paths\":[\"proxy\",\"mail\",\"vpn\","
	                             "\"remote-access\",\"dedicated-lines\"]"));
	free(json);
	test_timeline_text(f->t, id, 0, &l);
	assert_non_null(strstr(l.text, "defer. Nothing cut. STILL OPEN: proxy, mail, vpn, "
	                                "remote-access, dedicated-lines."));
}

static void
bad_input_or_no_case_writes_nothing(void **state)
{
	test_pb_env *f = *state;
	int64_t id = open_case(f, NULL), did = 0;
	decision_spec s = { "full-disconnect", "disconnect", "   ", NULL, NULL };
	ird_err e = { 0 };
	char *json;

	assert_int_equal(act_decide(&f->t->ctx, id, &s, &did, NULL, &e), IRD_EUSAGE);
	s.rationale = "ok";
	assert_int_equal(act_decide(&f->t->ctx, id + 7, &s, &did, NULL, &e), IRD_ENOTFOUND);
	/* A failure on the last write (the timeline) undoes the decision. */
	assert_int_equal(test_sql(f->t->db, "CREATE TRIGGER boom BEFORE INSERT ON events"
	                                    " BEGIN SELECT RAISE(ABORT, 'boom'); END"), 0);
	assert_int_not_equal(act_decide(&f->t->ctx, id, &s, &did, NULL, &e), IRD_OK);
	assert_non_null(strstr(e.msg, "boom"));
	assert_int_equal(test_sql(f->t->db, "DROP TRIGGER boom"), 0);
	json = list(f, id);
	assert_string_equal(json, "[]");
	free(json);
}

/* The state of the case's step KEY. */
static void
step_state_is(test_pb_env *f, int64_t case_id, const char *key, const char *state)
{
	int64_t sid = 0;
	step_row r;

	assert_int_equal(step_find(&f->t->ctx, case_id, key, &sid, NULL), IRD_OK);
	assert_int_equal(step_get(&f->t->ctx, sid, &r, NULL), IRD_OK);
	assert_string_equal(r.state, state);
	step_row_free(&r);
}

static int
collect_step_timer(void *arg, const timer_row *t)
{
	if (t->step_id && strcmp(t->rule, "step:decide-disconnect") == 0)
		snprintf(arg, 64, "%s", t->state);
	return 0;
}

static void
a_decision_finishes_the_decide_step(void **state)
{
	test_pb_env *f = *state;
	int64_t id = open_case(f, f->pb), did;
	decision_spec s = { "full-disconnect", "defer", "executives want a count of sites first",
	                    NULL, NULL };
	char timer_state[64] = "";
	ird_err e = { 0 };
	int done = -1;

	/* HTTP POST seen: the playbook asks for the decision within 30 minutes. */
	assert_int_equal(store_begin(f->t->ctx.store, NULL), IRD_OK);
	assert_int_equal(trigger_fire_tx(&f->t->ctx, id, PB_T_EXFILTRATION, NULL, NULL), IRD_OK);
	assert_int_equal(store_commit(f->t->ctx.store, NULL), IRD_OK);
	step_state_is(f, id, "decide-disconnect", "pending");
	/* It cannot be ticked off without a recorded decision. */
	assert_int_equal(act_step_done(&f->t->ctx, id, "decide-disconnect", NULL, &e), IRD_EFAIL);
	assert_non_null(strstr(e.msg, "no decision on full disconnection"));
	f->t->ctx.clock.now += 20 * 60;
	/* Recording it finishes the step in the same transaction. */
	assert_int_equal(act_decide(&f->t->ctx, id, &s, &did, &done, NULL), IRD_OK);
	assert_int_equal(done, 1);
	step_state_is(f, id, "decide-disconnect", "done");
	assert_int_equal(timer_each(&f->t->ctx, id, 0, 0, collect_step_timer, timer_state, NULL),
	                 IRD_OK);
	assert_string_equal(timer_state, "satisfied");
	/* Nothing left to finish the next time. */
	assert_int_equal(act_decide(&f->t->ctx, id, &s, &did, &done, NULL), IRD_OK);
	assert_int_equal(done, 0);
}

/* Steps waiting for one decision: as many as the playbook asks, no cap
 * (70 steps asking for it, fired by one trigger). */
static void
a_decision_finishes_every_waiting_step(void **state)
{
	test_pb_env *f = *state;
	decision_spec s = { "full-disconnect", "defer", "one answer for every step", NULL, NULL };
	playbook *pb = NULL;
	char text[16384];
	size_t len;
	int64_t id, did;
	ird_err e = { 0 };
	int done = -1;

	len = (size_t)snprintf(text, sizeof(text), "[playbook]\nname = many\ntitle = Many\n");
	for (int i = 0; i < 70; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		                        "\n[step decide-%d]\ntitle = Decide %d\nphase = containment\n"
		                        "per = case\ntrigger = exfiltration\ndeadline = 30m\n"
		                        "requires = decision-full-disconnect\n", i, i);
	assert_true(len < sizeof(text));
	if (playbook_parse(text, len, "many.playbook", &pb, &e) != IRD_OK)
		fail_msg("playbook_parse: %s", e.msg);
	id = open_case(f, pb);
	assert_int_equal(store_begin(f->t->ctx.store, NULL), IRD_OK);
	assert_int_equal(trigger_fire_tx(&f->t->ctx, id, PB_T_EXFILTRATION, NULL, NULL), IRD_OK);
	assert_int_equal(store_commit(f->t->ctx.store, NULL), IRD_OK);
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM steps WHERE case_id = ?1", id), 70);
	assert_int_equal(act_decide(&f->t->ctx, id, &s, &did, &done, &e), IRD_OK);
	assert_int_equal(done, 70);
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM steps WHERE case_id = ?1"
	                             " AND state <> 'done'", id), 0);
	playbook_free(pb);
}

static void
report(void *arg, const char *problem)
{
	snprintf(arg, 256, "%s", problem);
}

static void
decisions_are_audited_and_tampering_is_found(void **state)
{
	test_pb_env *f = *state;
	int64_t id = open_case(f, NULL), did, records = 0, problems = 0;
	decision_spec s = { "full-disconnect", "disconnect", "leak confirmed", "proxy,vpn", NULL };
	char problem[256] = "";

	assert_int_equal(act_decide(&f->t->ctx, id, &s, &did, NULL, NULL), IRD_OK);
	assert_int_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count, report,
	                              problem, &records, &problems, NULL), IRD_OK);
	/* The open mail line is erased from the record afterwards. */
	store_close(f->t->ctx.store);
	f->t->ctx.store = NULL;
	assert_int_equal(test_sql(f->t->db, "UPDATE decisions SET open_paths = '[]'"), 0);
	assert_int_equal(store_open(f->t->db, &f->t->ctx.store, NULL), IRD_OK);
	assert_int_not_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count, report,
	                                  problem, &records, &problems, NULL), IRD_OK);
	assert_int_equal(problems, 1);
	assert_non_null(strstr(problem, "decisions"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(disconnect_says_which_paths_stay_open),
		cmocka_unit_test(bad_decisions_name_the_valid_values),
		cmocka_unit_test_setup_teardown(a_decision_is_stored_with_json_arrays_and_on_the_timeline, test_pb_setup,
		                                test_pb_teardown),
		cmocka_unit_test_setup_teardown(defer_is_a_decision_too, test_pb_setup, test_pb_teardown),
		cmocka_unit_test_setup_teardown(bad_input_or_no_case_writes_nothing, test_pb_setup, test_pb_teardown),
		cmocka_unit_test_setup_teardown(a_decision_finishes_the_decide_step, test_pb_setup, test_pb_teardown),
		cmocka_unit_test_setup_teardown(a_decision_finishes_every_waiting_step, test_pb_setup, test_pb_teardown),
		cmocka_unit_test_setup_teardown(decisions_are_audited_and_tampering_is_found, test_pb_setup,
		                                test_pb_teardown),
	};

	return cmocka_run_group_tests_name("decision", tests, NULL, NULL);
}
