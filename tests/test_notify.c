/* test_notify.c - notifications: checked, recorded with their audit
 * record and timeline line, and satisfying the timers of their role. */
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
#include "store/event.h"
#include "records/notify.h"
#include "queries/tables.h"
#include "testutil.h"
#include "records/timer.h"

#define T0 TEST_MAY_8_2015

/* A case under the targeted-email playbook (PB) or none. */
static int64_t
open_case(test_pb_env *f, const char *severity, const playbook *pb)
{
	return test_open_case(f->t, "標的型メール", severity, pb);
}

static char *
list(test_pb_env *f, int64_t case_id)
{
	char *json = NULL;

	assert_int_equal(notify_list_json(&f->t->ctx, case_id, &json, NULL), IRD_OK);
	assert_non_null(json);
	return json;
}

/* The timers of the case as "role state by" lines. */
struct collected {
	char text[1024];
};

static int
collect_timer(void *arg, const timer_row *t)
{
	struct collected *c = arg;
	size_t n = strlen(c->text);

	snprintf(c->text + n, sizeof(c->text) - n, "%s %s %s\n", t->role ? t->role : t->rule,
	         t->state, t->satisfied_by ? t->satisfied_by : "-");
	return 0;
}

static const char *
timers(test_pb_env *f, int64_t case_id, struct collected *c)
{
	memset(c, 0, sizeof(*c));
	assert_int_equal(timer_each(&f->t->ctx, case_id, 0, 0, collect_timer, c, NULL), IRD_OK);
	return c->text;
}

static void
roles_are_folded_to_lower_case_and_checked(void **state)
{
	static const char *const good[][2] = {
		{ "csirt-lead", "csirt-lead" }, { "Executives", "executives" },
		{ "MINISTRY", "ministry" }, { "regulator", "regulator" }, { "police", "police" },
		{ "staff", "staff" }, { "operator", "operator" }, { "vendor", "vendor" },
		{ "soc-2", "soc-2" }, { "nisc", "nisc" },
	};
	static const char *const bad[] = {
		"", "bad role", "exec;rm", "a_b", "役員", "ministry\n", "x.y",
		"12345678901234567890123456789012345678901234567890123456789012345",
	};
	char out[NOTIFY_ROLE_MAX + 1];
	ird_err e = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_int_equal(notify_check_role(good[i][0], out, NULL), IRD_OK);
		assert_string_equal(out, good[i][1]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (notify_check_role(bad[i], out, &e) != IRD_EUSAGE)
			fail_msg("role \"%s\" was accepted", bad[i]);
		assert_non_null(strstr(e.msg, "csirt-lead, executives, ministry"));
	}
	assert_int_equal(notify_check_role(NULL, out, &e), IRD_EUSAGE);
}

static void
channels_are_checked(void **state)
{
	static const char *const good[] = { "phone", "email", "meeting", "chat", "letter", "other" };
	ird_err e = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(notify_check_channel(good[i], NULL), IRD_OK);
	assert_int_equal(notify_check_channel("fax", &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "phone, email, meeting, chat, letter, other"));
	assert_int_equal(notify_check_channel("Phone", &e), IRD_EUSAGE);
	assert_int_equal(notify_check_channel(NULL, &e), IRD_EUSAGE);
}

static void
a_notification_is_recorded_on_the_timeline(void **state)
{
	test_pb_env *f = *state;
	int64_t id = open_case(f, "medium", NULL), nid = 0;
	notify_spec spec = { "Executives", "meeting", T0 - 600, "briefed the board: 3 PCs" };
	test_lines l = { "" };
	char *json;

	f->t->ctx.clock.now = T0 + 60;
	assert_int_equal(act_notify(&f->t->ctx, id, &spec, &nid, NULL, NULL), IRD_OK);
	assert_int_equal(nid, 1);
	json = list(f, id);
	assert_string_equal(json, "[{\"id\":1,\"role\":\"executives\",\"channel\":\"meeting\","
	                          "\"at\":\"2015-05-08T10:20:00Z\","
	                          "\"recorded_at\":\"2015-05-08T10:31:00Z\",\"by\":\"tester\","
	                          "\"note\":\"briefed the board: 3 PCs\"}]");
	free(json);
	test_timeline_text(f->t, id, T0, &l);
	/* Back-dated: the line sits at the time they were told, before the opening. */
	assert_non_null(strstr(l.text, "-600 notify executives told by meeting (notification 1): "
	                                "briefed the board: 3 PCs\n0 change case opened"));
	/* A second one, now, without a note. */
	spec = (notify_spec){ "police", "letter", 0, NULL };
	assert_int_equal(act_notify(&f->t->ctx, id, &spec, &nid, NULL, NULL), IRD_OK);
	json = list(f, id);
	assert_non_null(strstr(json, "{\"id\":2,\"role\":\"police\",\"channel\":\"letter\","
	                             "\"at\":\"2015-05-08T10:31:00Z\""));
	assert_non_null(strstr(json, "\"note\":null}]"));
	free(json);
}

static void
it_satisfies_the_open_timers_of_its_role(void **state)
{
	test_pb_env *f = *state;
	int64_t id = open_case(f, "high", f->pb), nid;
	notify_spec spec = { "EXECUTIVES", "phone", 0, NULL };
	struct collected c;
	int n = -1;

	assert_string_equal(timers(f, id, &c), "csirt-lead pending -\nexecutives pending -\n"
	                                       "ministry pending -\n");
	f->t->ctx.clock.now = T0 + 40 * 60;
	assert_int_equal(act_notify(&f->t->ctx, id, &spec, &nid, &n, NULL), IRD_OK);
	assert_int_equal(n, 1);
	assert_string_equal(timers(f, id, &c), "csirt-lead pending -\n"
	                                       "executives satisfied notification 1\n"
	                                       "ministry pending -\n");
	/* A role nobody waits for satisfies nothing, and is still recorded. */
	spec.role = "vendor";
	assert_int_equal(act_notify(&f->t->ctx, id, &spec, &nid, &n, NULL), IRD_OK);
	assert_int_equal(n, 0);
	spec.role = "csirt-lead";
	assert_int_equal(act_notify(&f->t->ctx, id, &spec, &nid, &n, NULL), IRD_OK);
	assert_int_equal(n, 1);
	assert_string_equal(timers(f, id, &c), "csirt-lead satisfied notification 3\n"
	                                       "executives satisfied notification 1\n"
	                                       "ministry pending -\n");
}

static void
bad_input_writes_nothing(void **state)
{
	test_pb_env *f = *state;
	int64_t id = open_case(f, "high", f->pb), nid = 0;
	notify_spec spec = { "ministry", "phone", T0 + 1, NULL };
	char *note = malloc(NOTIFY_TEXT_MAX + 2), *json;
	struct collected c;
	ird_err e = { 0 };

	assert_non_null(note);
	/* Told in the future: that would silence the ministry's timer early. */
	assert_int_equal(act_notify(&f->t->ctx, id, &spec, &nid, NULL, &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "future"));
	spec.at = 0;
	spec.channel = "pigeon";
	assert_int_equal(act_notify(&f->t->ctx, id, &spec, &nid, NULL, &e), IRD_EUSAGE);
	spec.channel = "phone";
	spec.role = "the minister";
	assert_int_equal(act_notify(&f->t->ctx, id, &spec, &nid, NULL, &e), IRD_EUSAGE);
	spec.role = "ministry";
	memset(note, 'x', NOTIFY_TEXT_MAX + 1);
	note[NOTIFY_TEXT_MAX + 1] = '\0';
	spec.note = note;
	assert_int_equal(act_notify(&f->t->ctx, id, &spec, &nid, NULL, &e), IRD_EUSAGE);
	spec.note = NULL;
	assert_int_equal(act_notify(&f->t->ctx, id + 99, &spec, &nid, NULL, &e), IRD_ENOTFOUND);
	json = list(f, id);
	assert_string_equal(json, "[]");
	free(json);
	assert_non_null(strstr(timers(f, id, &c), "ministry pending -"));
	free(note);
}

static void
a_failure_late_in_the_transaction_leaves_nothing(void **state)
{
	test_pb_env *f = *state;
	int64_t id = open_case(f, "high", f->pb), nid = 0;
	notify_spec spec = { "ministry", "phone", 0, NULL };
	test_lines before = { "" }, after = { "" };
	struct collected c;
	ird_err e = { 0 };
	char *json;

	test_timeline_text(f->t, id, T0, &before);
	/* Satisfying the timer, the last write, fails. */
	assert_int_equal(test_sql(f->t->db, "CREATE TRIGGER boom BEFORE UPDATE ON timers"
	                                    " BEGIN SELECT RAISE(ABORT, 'boom'); END"), 0);
	assert_int_not_equal(act_notify(&f->t->ctx, id, &spec, &nid, NULL, &e), IRD_OK);
	assert_non_null(strstr(e.msg, "boom"));
	assert_int_equal(test_sql(f->t->db, "DROP TRIGGER boom"), 0);
	json = list(f, id);
	assert_string_equal(json, "[]");
	free(json);
	test_timeline_text(f->t, id, T0, &after);
	assert_string_equal(before.text, after.text);
	assert_non_null(strstr(timers(f, id, &c), "ministry pending -"));
}

static void
report(void *arg, const char *problem)
{
	snprintf(arg, 256, "%s", problem);
}

static void
notifications_are_audited_and_tampering_is_found(void **state)
{
	test_pb_env *f = *state;
	int64_t id = open_case(f, "medium", NULL), nid, records = 0, problems = 0;
	notify_spec spec = { "ministry", "phone", 0, "reported" };
	char problem[256] = "";

	assert_int_equal(act_notify(&f->t->ctx, id, &spec, &nid, NULL, NULL), IRD_OK);
	assert_int_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count, report,
	                              problem, &records, &problems, NULL), IRD_OK);
	assert_int_equal(problems, 0);
	/* Someone moves the call two hours earlier with the sqlite3 shell. */
	store_close(f->t->ctx.store);
	f->t->ctx.store = NULL;
	assert_int_equal(test_sql(f->t->db, "UPDATE notifications SET at = at - 7200"), 0);
	assert_int_equal(store_open(f->t->db, &f->t->ctx.store, NULL), IRD_OK);
	assert_int_not_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count, report,
	                                  problem, &records, &problems, NULL), IRD_OK);
	assert_int_equal(problems, 1);
	assert_non_null(strstr(problem, "notifications"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roles_are_folded_to_lower_case_and_checked),
		cmocka_unit_test(channels_are_checked),
		cmocka_unit_test_setup_teardown(a_notification_is_recorded_on_the_timeline, test_pb_setup,
		                                test_pb_teardown),
		cmocka_unit_test_setup_teardown(it_satisfies_the_open_timers_of_its_role, test_pb_setup,
		                                test_pb_teardown),
		cmocka_unit_test_setup_teardown(bad_input_writes_nothing, test_pb_setup, test_pb_teardown),
		cmocka_unit_test_setup_teardown(a_failure_late_in_the_transaction_leaves_nothing, test_pb_setup,
		                                test_pb_teardown),
		cmocka_unit_test_setup_teardown(notifications_are_audited_and_tampering_is_found, test_pb_setup,
		                                test_pb_teardown),
	};

	return cmocka_run_group_tests_name("notify", tests, NULL, NULL);
}
