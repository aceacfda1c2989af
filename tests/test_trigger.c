/* test_trigger.c - the playbook engine: triggers make steps and timers;
 * notifications, finished steps and overrides close them. */
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
#include "actions/act_asset.h"
#include "records/asset.h"
#include "actions/act_ioc.h"
#include "engine/step_rules.h"
#include "records/block.h"
#include "actions/casework.h"
#include "records/indicator.h"
#include "records/step.h"
#include "records/timer.h"
#include "engine/trigger.h"
#include "testutil.h"

#define T0 TEST_MAY_8_2015

static int64_t
open_case(test_pb_env *f, const char *severity)
{
	return test_open_case(f->t, "標的型メール", severity, f->pb);
}

/* The open timers as "rule@minutes-after-T0 state" lines. */
struct collected {
	char text[2048];
};

static int
collect(void *arg, const timer_row *t)
{
	struct collected *c = arg;
	size_t n = strlen(c->text);

	snprintf(c->text + n, sizeof(c->text) - n, "%s@%lld %s\n", t->rule,
	         (long long)(t->due_at - T0) / 60, t->state);
	return 0;
}

static const char *
timers(test_pb_env *f, int64_t case_id, struct collected *c)
{
	memset(c, 0, sizeof(*c));
	assert_int_equal(timer_each(&f->t->ctx, case_id, 0, 0, collect, c, NULL), IRD_OK);
	return c->text;
}

static void
fire(test_pb_env *f, int64_t case_id, unsigned trigger, const trigger_subject *s)
{
	ird_err e = { 0 };

	assert_int_equal(store_begin(f->t->ctx.store, NULL), IRD_OK);
	if (trigger_fire_tx(&f->t->ctx, case_id, trigger, s, &e) != IRD_OK)
		fail_msg("trigger: %s", e.msg);
	assert_int_equal(store_commit(f->t->ctx.store, NULL), IRD_OK);
}

static void
high_case_gets_lead_executives_and_ministry_timers(void **state)
{
	test_pb_env *f = *state;
	struct collected c;
	int64_t id = open_case(f, "high");

	assert_string_equal(timers(f, id, &c),
	                    "csirt-lead@15 pending\nexecutives@60 pending\nministry@120 pending\n");
}

static void
medium_case_gets_only_the_lead_timer(void **state)
{
	test_pb_env *f = *state;
	struct collected c;
	int64_t id = open_case(f, "medium");

	assert_string_equal(timers(f, id, &c), "csirt-lead@15 pending\n");
}

static void
raising_severity_counts_from_the_change(void **state)
{
	test_pb_env *f = *state;
	case_change ch = { .severity = "critical", .personal_data = -1 };
	struct collected c;
	int64_t id = open_case(f, "low");

	f->t->ctx.clock.now = T0 + 600; /* ten minutes later */
	assert_int_equal(casework_change(&f->t->ctx, id, &ch, NULL), IRD_OK);
	assert_string_equal(timers(f, id, &c), "csirt-lead@15 pending\nexecutives@70 pending\n"
	                                       "ministry@130 pending\n");
}

static void
personal_data_starts_regulator_reports_and_cause_moves_the_final_one(void **state)
{
	test_pb_env *f = *state;
	case_change pd = { .personal_data = 1 }, cause = { .personal_data = -1 };
	struct collected c;
	int64_t id = open_case(f, "medium");

	assert_int_equal(casework_change(&f->t->ctx, id, &pd, NULL), IRD_OK);
	assert_string_equal(timers(f, id, &c), "csirt-lead@15 pending\n"
	                    "regulator-preliminary@4320 pending\nregulator-final@43200 pending\n");
	cause.cause = "unauthorised-access";
	assert_int_equal(casework_change(&f->t->ctx, id, &cause, NULL), IRD_OK);
	assert_string_equal(timers(f, id, &c), "csirt-lead@15 pending\n"
	                    "regulator-preliminary@4320 pending\nregulator-final@43200 overridden\n"
	                    "regulator-final-unauthorised@86400 pending\n");
}

static void
personal_data_and_cause_at_once_make_one_timer_per_rule(void **state)
{
	test_pb_env *f = *state;
	case_change both = { .personal_data = 1, .cause = "unauthorised-access" };
	struct collected c;
	int64_t id = open_case(f, "medium");

	assert_int_equal(casework_change(&f->t->ctx, id, &both, NULL), IRD_OK);
	assert_string_equal(timers(f, id, &c), "csirt-lead@15 pending\n"
	                    "regulator-preliminary@4320 pending\n"
	                    "regulator-final-unauthorised@86400 pending\n");
}

static void
a_satisfied_rule_is_escalated_again_by_a_new_trigger(void **state)
{
	test_pb_env *f = *state;
	struct collected c;
	int64_t id = open_case(f, "medium");

	fire(f, id, PB_T_MULTI_SITE, NULL);
	fire(f, id, PB_T_EXFILTRATION, NULL); /* still open: no second alarm */
	assert_int_equal(store_begin(f->t->ctx.store, NULL), IRD_OK);
	assert_int_equal(timer_satisfy_role_tx(&f->t->ctx, id, "executives", T0, "n1", NULL, NULL),
	                 IRD_OK);
	assert_int_equal(store_commit(f->t->ctx.store, NULL), IRD_OK);
	f->t->ctx.clock.now = T0 + 600;
	fire(f, id, PB_T_REPEAT_SENDER, NULL); /* told already: a fresh timer */
	timers(f, id, &c);
	assert_non_null(strstr(c.text, "executives-again@30 satisfied\n"));
	assert_non_null(strstr(c.text, "executives-again@40 pending\n"));
}

static void
cause_without_personal_data_starts_nothing(void **state)
{
	test_pb_env *f = *state;
	case_change cause = { .cause = "unauthorised-access", .personal_data = -1 };
	struct collected c;
	int64_t id = open_case(f, "medium");

	assert_int_equal(casework_change(&f->t->ctx, id, &cause, NULL), IRD_OK);
	assert_string_equal(timers(f, id, &c), "csirt-lead@15 pending\n");
}

static void
a_notification_satisfies_only_earlier_timers_of_its_role(void **state)
{
	test_pb_env *f = *state;
	struct collected c;
	int64_t id = open_case(f, "high");
	int n = 0;

	assert_int_equal(store_begin(f->t->ctx.store, NULL), IRD_OK);
	/* Told before the case existed: satisfies nothing. */
	assert_int_equal(timer_satisfy_role_tx(&f->t->ctx, id, "executives", T0 - 60, "n1", &n,
	                                       NULL), IRD_OK);
	assert_int_equal(n, 0);
	assert_int_equal(timer_satisfy_role_tx(&f->t->ctx, id, "executives", T0 + 300, "n2", &n,
	                                       NULL), IRD_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_commit(f->t->ctx.store, NULL), IRD_OK);
	assert_string_equal(timers(f, id, &c), "csirt-lead@15 pending\n"
	                    "executives@60 satisfied\nministry@120 pending\n");
}

/* An infected asset, as `irdesk asset add ... --state infected` makes it. */
static int64_t
infected(test_pb_env *f, int64_t case_id, const char *host)
{
	ird_err e = { 0 };
	int64_t aid = 0;

	if (act_asset_add(&f->t->ctx, case_id, host, "A", "infected", &aid, &e) != IRD_OK)
		fail_msg("act_asset_add: %s", e.msg);
	return aid;
}

static void
infected_asset_gets_isolate_and_image_steps_once(void **state)
{
	test_pb_env *f = *state;
	struct collected c;
	int64_t id = open_case(f, "medium"), sid;
	int64_t aid = infected(f, id, "PC-0427");
	trigger_subject pc = { "asset", aid, "PC-0427" };
	step_row r;

	fire(f, id, PB_T_ASSET_INFECTED, &pc); /* again: nothing new */
	assert_string_equal(timers(f, id, &c), "csirt-lead@15 pending\nstep:isolate@30 pending\n"
	                    "step:forensic-image@1440 pending\nstep:reset-admin-passwords@1440 pending\n"
	                    "step:image-key-servers@1440 pending\n"
	                    "step:check-personal-data@1440 pending\nstep:patch@4320 pending\n");
	assert_int_equal(step_find(&f->t->ctx, id, "isolate/PC-0427", &sid, NULL), IRD_OK);
	assert_int_equal(step_get(&f->t->ctx, sid, &r, NULL), IRD_OK);
	assert_string_equal(r.requires, "asset-isolated");
	assert_int_equal(r.subject_id, aid);
	assert_int_equal(r.due_at, T0 + 1800);
	step_row_free(&r);
}

struct domain_steps {
	int pending, done;
	char note[200];
};

static int
count_domain_steps(void *arg, const step_row *r)
{
	struct domain_steps *d = arg;

	if (strcmp(r->key, "block-domain") != 0)
		return 0;
	if (strcmp(r->state, "done") == 0) {
		d->done++;
		snprintf(d->note, sizeof(d->note), "%s", r->note ? r->note : "");
	} else {
		d->pending++;
	}
	return 0;
}

static void
a_step_whose_record_exists_is_done_when_made(void **state)
{
	test_pb_env *f = *state;
	indicator_spec april = { "url", "http://sub1.evil-cc.example.co.jp/x", NULL, NULL, 0 };
	indicator_spec may = { "url", "hxxp://sub2.evil-cc.example[.]co.jp/a", NULL, NULL, 0 };
	struct domain_steps d = { 0 };
	int64_t id = open_case(f, "medium"), i1, i2, b;
	ioc_normalizer *n = NULL;
	int merged;

	assert_int_equal(ioc_normalizer_new(&n, NULL), IRD_OK);
	assert_int_equal(act_ioc_add(&f->t->ctx, n, id, &april, &i1, &merged, NULL), IRD_OK);
	assert_int_equal(act_block_request(&f->t->ctx, id, i1, "domain", &b, NULL), IRD_OK);
	assert_int_equal(act_block_activate(&f->t->ctx, id, b, NULL), IRD_OK);
	/* May's C&C host is under the domain already blocked: nothing to do. */
	assert_int_equal(act_ioc_add(&f->t->ctx, n, id, &may, &i2, &merged, NULL), IRD_OK);
	assert_int_equal(step_each(&f->t->ctx, id, count_domain_steps, &d, NULL), IRD_OK);
	assert_int_equal(d.pending, 1); /* April's: made before its block, done by hand */
	assert_int_equal(d.done, 1);
	assert_string_equal(d.note, "the record was already there");
	ioc_normalizer_free(n);
}

static void
second_site_asks_for_the_disconnection_decision(void **state)
{
	test_pb_env *f = *state;
	struct collected c;
	int64_t id = open_case(f, "medium"), sid;

	f->t->ctx.clock.now = T0 + 3600;
	fire(f, id, PB_T_MULTI_SITE, NULL);
	assert_non_null(strstr(timers(f, id, &c), "executives-again@90 pending\n"));
	assert_non_null(strstr(c.text, "step:decide-disconnect@90 pending\n"));
	assert_int_equal(step_find(&f->t->ctx, id, "decide-disconnect", &sid, NULL), IRD_OK);
}

static void
finished_steps_satisfy_their_deadline_and_skips_need_a_reason(void **state)
{
	test_pb_env *f = *state;
	struct collected c;
	int64_t id = open_case(f, "medium");
	ird_err e = { 0 };

	infected(f, id, "PC-0427");
	assert_int_equal(act_step_skip(&f->t->ctx, id, "reset-admin-passwords", "  ", &e), IRD_EUSAGE);
	assert_int_equal(act_step_skip(&f->t->ctx, id, "reset-admin-passwords", "done by ops", NULL),
	                 IRD_OK);
	assert_int_equal(act_step_done(&f->t->ctx, id, "image-key-servers", "DC-01 imaged", NULL),
	                 IRD_OK);
	assert_int_equal(act_step_done(&f->t->ctx, id, "image-key-servers", NULL, &e), IRD_EFAIL);
	assert_non_null(strstr(e.msg, "already done"));
	timers(f, id, &c);
	assert_non_null(strstr(c.text, "step:reset-admin-passwords@1440 satisfied\n"));
	assert_non_null(strstr(c.text, "step:image-key-servers@1440 satisfied\n"));
	assert_non_null(strstr(c.text, "step:isolate@30 pending\n"));
}

static void
override_needs_a_reason_and_tells_the_lead(void **state)
{
	test_pb_env *f = *state;
	struct collected c;
	int64_t id = open_case(f, "medium"), nid;
	ird_err e = { 0 };

	f->t->ctx.clock.now = T0 + 1200;
	assert_int_equal(act_timer_override(&f->t->ctx, id, 1, "", &nid, &e), IRD_EUSAGE);
	assert_int_equal(act_timer_override(&f->t->ctx, id, 1, "lead unreachable; deputy told", &nid,
	                                NULL), IRD_OK);
	assert_string_equal(timers(f, id, &c), "csirt-lead@15 overridden\noverride@35 pending\n");
	assert_int_equal(act_timer_override(&f->t->ctx, id, 1, "again", &nid, &e), IRD_EFAIL);
	assert_int_equal(act_timer_override(&f->t->ctx, id, 99, "no such", &nid, &e), IRD_ENOTFOUND);
}

static void
overdue_timers_are_counted(void **state)
{
	test_pb_env *f = *state;
	int64_t id = open_case(f, "high"), n = -1;

	assert_int_equal(timer_overdue_count(&f->t->ctx, id, &n, NULL), IRD_OK);
	assert_int_equal(n, 0);
	f->t->ctx.clock.now = T0 + 15 * 60; /* the lead's due second: not yet overdue */
	assert_int_equal(timer_overdue_count(&f->t->ctx, id, &n, NULL), IRD_OK);
	assert_int_equal(n, 0);
	f->t->ctx.clock.now = T0 + 61 * 60;
	assert_int_equal(timer_overdue_count(&f->t->ctx, id, &n, NULL), IRD_OK);
	assert_int_equal(n, 2);
	assert_int_equal(timer_overdue_count(&f->t->ctx, 0, &n, NULL), IRD_OK);
	assert_int_equal(n, 2);
}

static void
a_case_without_playbook_gets_nothing(void **state)
{
	test_pb_env *f = *state;
	case_spec spec = { .title = "x" };
	char hid[CASE_HID_LEN];
	struct collected c;
	int64_t id;

	assert_int_equal(casework_open(&f->t->ctx, &spec, NULL, &id, hid, NULL), IRD_OK);
	fire(f, id, PB_T_MULTI_SITE, NULL);
	assert_string_equal(timers(f, id, &c), "");
}

/* Timers withdrawn when the cause changes: as many as the playbook made,
 * no cap (70 rules that hold only for one cause). */
static void
a_new_cause_withdraws_every_stale_timer(void **state)
{
	test_pb_env *f = *state;
	case_change malware = { .cause = "malware", .personal_data = -1 };
	case_change other = { .cause = "unauthorised-access", .personal_data = -1 };
	playbook *pb = NULL;
	char text[16384];
	size_t len;
	int64_t id;
	ird_err e = { 0 };

	len = (size_t)snprintf(text, sizeof(text), "[playbook]\nname = many\ntitle = Many\n");
	for (int i = 0; i < 70; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		                        "\n[escalation r%d]\nrole = regulator\ntrigger = cause-set\n"
		                        "when = cause = malware\ndeadline = 30d\n", i);
	assert_true(len < sizeof(text));
	if (playbook_parse(text, len, "many.playbook", &pb, &e) != IRD_OK)
		fail_msg("playbook_parse: %s", e.msg);
	id = test_open_case(f->t, "cause", "medium", pb);
	assert_int_equal(casework_change(&f->t->ctx, id, &malware, NULL), IRD_OK);
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM timers WHERE case_id = ?1"
	                             " AND state = 'pending'", id), 70);
	assert_int_equal(casework_change(&f->t->ctx, id, &other, &e), IRD_OK);
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM timers WHERE case_id = ?1"
	                             " AND state = 'pending'", id), 0);
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM events WHERE case_id = ?1"
	                             " AND text LIKE 'rule r% no longer applies%withdrawn'", id), 70);
	playbook_free(pb);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, test_pb_setup, test_pb_teardown)
	const struct CMUnitTest tests[] = {
		T(high_case_gets_lead_executives_and_ministry_timers),
		T(medium_case_gets_only_the_lead_timer),
		T(raising_severity_counts_from_the_change),
		T(personal_data_starts_regulator_reports_and_cause_moves_the_final_one),
		T(personal_data_and_cause_at_once_make_one_timer_per_rule),
		T(a_satisfied_rule_is_escalated_again_by_a_new_trigger),
		T(cause_without_personal_data_starts_nothing),
		T(a_notification_satisfies_only_earlier_timers_of_its_role),
		T(infected_asset_gets_isolate_and_image_steps_once),
		T(a_step_whose_record_exists_is_done_when_made),
		T(second_site_asks_for_the_disconnection_decision),
		T(finished_steps_satisfy_their_deadline_and_skips_need_a_reason),
		T(override_needs_a_reason_and_tells_the_lead),
		T(overdue_timers_are_counted),
		T(a_case_without_playbook_gets_nothing),
		T(a_new_cause_withdraws_every_stale_timer),
	};
#undef T

	return cmocka_run_group_tests_name("trigger", tests, NULL, NULL);
}
