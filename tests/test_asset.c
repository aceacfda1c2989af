/* test_asset.c - hosts of a case: names, states, isolation, audit, sites. */
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
#include "store/event.h"
#include "records/step.h"
#include "queries/tables.h"
#include "testutil.h"

#define MAY_8_2015 1431081000

struct fixture {
	test_env *t;
	int64_t case_id;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	case_spec spec = { .title = "targeted mail", .severity = "high" };
	char hid[CASE_HID_LEN];

	if (!f || !(f->t = test_env_new(MAY_8_2015)) ||
	    casework_open(&f->t->ctx, &spec, NULL, &f->case_id, hid, NULL) != IRD_OK)
		return -1;
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

static int64_t
audit_count(test_env *t)
{
	return test_scalar(t, "SELECT count(*) + 0 * ?1 FROM audit", 0);
}

static int64_t
events_like(struct fixture *f, const char *pattern)
{
	return test_scalar_text(f->t, "SELECT count(*) FROM events WHERE case_id = ?1"
	                        " AND text LIKE ?2", f->case_id, pattern);
}

static int64_t
add(struct fixture *f, const char *host, const char *site, const char *state)
{
	ird_err e = { 0 };
	int64_t id = 0;

	if (act_asset_add(&f->t->ctx, f->case_id, host, site, state, &id, &e) != IRD_OK)
		fail_msg("asset_add %s: %s", host, e.msg);
	return id;
}

static void
set(struct fixture *f, const char *host, const char *state)
{
	ird_err e = { 0 };

	if (act_asset_set_state(&f->t->ctx, f->case_id, host, state, &e) != IRD_OK)
		fail_msg("asset_set_state %s %s: %s", host, state, e.msg);
}

static int
isolated(struct fixture *f, int64_t id)
{
	int yes = -1;

	assert_int_equal(asset_is_isolated(&f->t->ctx, id, &yes, NULL), IRD_OK);
	return yes;
}

static void
host_names_are_trimmed_and_found_in_any_case(void **state)
{
	struct fixture *f = *state;
	int64_t id = add(f, "  PC-0427\t", NULL, NULL), found = 0;

	assert_int_equal(asset_find(&f->t->ctx, f->case_id, "pc-0427", &found, NULL), IRD_OK);
	assert_int_equal(found, id);
	assert_int_equal(asset_find(&f->t->ctx, f->case_id, " PC-0427 ", &found, NULL), IRD_OK);
	assert_int_equal(test_scalar(f->t, "SELECT host = 'PC-0427' COLLATE BINARY"
	                             " AND state = 'suspected' AND infected_at IS NULL"
	                             " FROM assets WHERE id = ?1", id), 1);
}

static void
the_same_host_twice_is_refused_naming_it(void **state)
{
	struct fixture *f = *state;
	ird_err e = { 0 };
	int64_t before;

	add(f, "PC-0427", "site A", "infected");
	before = audit_count(f->t);
	assert_int_equal(act_asset_add(&f->t->ctx, f->case_id, "pc-0427 ", "site B", NULL, NULL, &e),
	                 IRD_EFAIL);
	assert_non_null(strstr(e.msg, "PC-0427"));
	assert_non_null(strstr(e.msg, "asset set"));
	assert_int_equal(audit_count(f->t), before);
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM assets WHERE case_id = ?1",
	                             f->case_id), 1);
	/* Another case may have the same host. */
	{
		case_spec spec = { .title = "other" };
		char hid[CASE_HID_LEN];
		int64_t other, id;

		assert_int_equal(casework_open(&f->t->ctx, &spec, NULL, &other, hid, NULL), IRD_OK);
		assert_int_equal(act_asset_add(&f->t->ctx, other, "PC-0427", NULL, NULL, &id, NULL), IRD_OK);
	}
}

static void
invalid_values_are_usage_errors_and_write_nothing(void **state)
{
	struct fixture *f = *state;
	char longname[ASSET_NAME_MAX + 2];
	const asset_change nothing = { 0 }, bad_site = { .site = "a\nb" };
	ird_err e = { 0 };
	int64_t before;

	add(f, "PC-1", NULL, NULL);
	before = audit_count(f->t);
	assert_int_equal(act_asset_add(&f->t->ctx, f->case_id, "PC-2", NULL, "isolated", NULL, &e),
	                 IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "suspected, infected"));
	assert_int_equal(act_asset_set_state(&f->t->ctx, f->case_id, "PC-1", "suspected", &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "infected, isolated, imaged, clean"));
	assert_int_equal(act_asset_set_state(&f->t->ctx, f->case_id, "PC-1", "bogus", &e), IRD_EUSAGE);
	assert_int_equal(act_asset_set_state(&f->t->ctx, f->case_id, "PC-1", NULL, &e), IRD_EUSAGE);
	assert_int_equal(act_asset_add(&f->t->ctx, f->case_id, "   ", NULL, NULL, NULL, &e), IRD_EUSAGE);
	assert_int_equal(act_asset_add(&f->t->ctx, f->case_id, NULL, NULL, NULL, NULL, &e), IRD_EUSAGE);
	assert_int_equal(act_asset_add(&f->t->ctx, f->case_id, "PC\x1b[2J", NULL, NULL, NULL, &e),
	                 IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "control character"));
	assert_int_equal(act_asset_add(&f->t->ctx, f->case_id, "PC-\xff", NULL, NULL, NULL, &e),
	                 IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "UTF-8"));
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(act_asset_add(&f->t->ctx, f->case_id, longname, NULL, NULL, NULL, &e),
	                 IRD_EUSAGE);
	longname[ASSET_NAME_MAX] = '\0'; /* exactly the limit is fine */
	assert_int_equal(act_asset_add(&f->t->ctx, f->case_id, longname, NULL, NULL, NULL, &e), IRD_OK);
	before = audit_count(f->t);
	assert_int_equal(act_asset_change(&f->t->ctx, f->case_id, "PC-1", &nothing, &e),
	                 IRD_EUSAGE);
	assert_int_equal(act_asset_change(&f->t->ctx, f->case_id, "PC-1", &bad_site, &e),
	                 IRD_EUSAGE);
	assert_int_equal(act_asset_set_state(&f->t->ctx, f->case_id, "PC-404", "clean", &e),
	                 IRD_ENOTFOUND);
	assert_non_null(strstr(e.msg, "PC-404"));
	assert_int_equal(audit_count(f->t), before);
}

static void
state_changes_are_audited_and_on_the_timeline(void **state)
{
	struct fixture *f = *state;
	int64_t before, id = add(f, "PC-0427", "site A", NULL);
	static const char *const path[] = { "infected", "isolated", "imaged", "clean" };

	before = audit_count(f->t);
	for (size_t i = 0; i < sizeof(path) / sizeof(path[0]); i++) {
		f->t->ctx.clock.now += 60;
		set(f, "PC-0427", path[i]);
	}
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM audit WHERE action = 'asset.set'"
	                             " AND object_table = 'assets' AND object_id = ?1", id), 4);
	assert_true(audit_count(f->t) >= before + 8); /* and one event each */
	assert_int_equal(events_like(f, "asset PC-0427 added (suspected, at site A)"), 1);
	assert_int_equal(events_like(f, "asset PC-0427 state changed from suspected to infected"), 1);
	assert_int_equal(events_like(f, "asset PC-0427 state changed from infected to isolated"), 1);
	assert_int_equal(events_like(f, "asset PC-0427 state changed from isolated to imaged"), 1);
	assert_int_equal(events_like(f, "asset PC-0427 state changed from imaged to clean"), 1);
	assert_int_equal(test_scalar(f->t, "SELECT changed_at FROM assets WHERE id = ?1", id),
	                 MAY_8_2015 + 240);
}

static void
setting_the_same_state_again_writes_nothing(void **state)
{
	struct fixture *f = *state;
	int64_t before;

	add(f, "PC-0427", NULL, "infected");
	before = audit_count(f->t);
	set(f, "PC-0427", "infected");
	assert_int_equal(audit_count(f->t), before);
}

static void
the_first_infection_and_isolation_times_are_kept(void **state)
{
	struct fixture *f = *state;
	int64_t id = add(f, "PC-0427", NULL, "infected");

	f->t->ctx.clock.now = MAY_8_2015 + 100;
	set(f, "PC-0427", "isolated");
	f->t->ctx.clock.now = MAY_8_2015 + 200; /* plugged back in, infected again */
	set(f, "PC-0427", "infected");
	f->t->ctx.clock.now = MAY_8_2015 + 300;
	set(f, "PC-0427", "isolated");
	assert_int_equal(test_scalar(f->t, "SELECT infected_at FROM assets WHERE id = ?1", id),
	                 MAY_8_2015);
	assert_int_equal(test_scalar(f->t, "SELECT isolated_at FROM assets WHERE id = ?1", id),
	                 MAY_8_2015 + 100);
}

static void
isolated_means_isolated_at_some_point_and_not_infected_since(void **state)
{
	struct fixture *f = *state;
	int64_t a = add(f, "A", NULL, "infected"), b = add(f, "B", NULL, "infected");
	int64_t s = add(f, "S", NULL, NULL);
	int yes = -1;

	assert_false(isolated(f, a));
	assert_false(isolated(f, s));
	set(f, "A", "isolated");
	assert_true(isolated(f, a));
	set(f, "A", "imaged");
	assert_true(isolated(f, a));
	set(f, "A", "clean");
	assert_true(isolated(f, a));
	set(f, "A", "infected");
	assert_false(isolated(f, a));
	/* Imaged or cleaned without ever being cut off: not isolated. */
	set(f, "B", "imaged");
	assert_false(isolated(f, b));
	set(f, "B", "clean");
	assert_false(isolated(f, b));
	/* A suspected host may be isolated as a precaution. */
	set(f, "S", "isolated");
	assert_true(isolated(f, s));
	assert_int_equal(asset_is_isolated(&f->t->ctx, 9999, &yes, NULL), IRD_ENOTFOUND);
}

static void
sites_can_be_set_and_cleared(void **state)
{
	struct fixture *f = *state;
	const asset_change to_b = { .site = " site B " }, clear = { .site = "" };
	int64_t id = add(f, "PC-1", "site A", NULL);

	assert_int_equal(act_asset_change(&f->t->ctx, f->case_id, "PC-1", &to_b, NULL), IRD_OK);
	assert_int_equal(test_scalar(f->t, "SELECT site = 'site B' FROM assets WHERE id = ?1", id),
	                 1);
	assert_int_equal(events_like(f, "asset PC-1 site changed from site A to site B"), 1);
	assert_int_equal(act_asset_change(&f->t->ctx, f->case_id, "PC-1", &clear, NULL), IRD_OK);
	assert_int_equal(test_scalar(f->t, "SELECT site IS NULL FROM assets WHERE id = ?1", id), 1);
	assert_int_equal(events_like(f, "asset PC-1 site changed from site B to (none)"), 1);
}

static int64_t
multi_site_events(struct fixture *f)
{
	return events_like(f, "infected assets at % sites: %");
}

static void
one_site_twice_is_not_multi_site(void **state)
{
	struct fixture *f = *state;

	add(f, "PC-1", "site A", "infected");
	add(f, "PC-2", "Site A ", "infected"); /* the same site, spelt differently */
	add(f, "PC-3", NULL, "infected");      /* site unknown */
	add(f, "PC-4", "site B", NULL);        /* only suspected */
	assert_int_equal(multi_site_events(f), 0);
}

static void
a_second_site_is_multi_site(void **state)
{
	struct fixture *f = *state;

	add(f, "PC-1", "site A", "infected");
	add(f, "PC-4", "site B", NULL);
	assert_int_equal(multi_site_events(f), 0);
	set(f, "PC-4", "infected");
	assert_int_equal(multi_site_events(f), 1);
	assert_int_equal(events_like(f, "infected assets at 2 sites: site A, site B"), 1);
	/* More hosts at known sites: nothing new. */
	add(f, "PC-5", "site B", "infected");
	assert_int_equal(multi_site_events(f), 1);
	/* A third site is news. */
	add(f, "PC-6", "site C", "infected");
	assert_int_equal(events_like(f, "infected assets at 3 sites: site A, site B, site C"), 1);
}

static void
a_cleaned_host_still_counts_and_a_site_learnt_later_counts(void **state)
{
	struct fixture *f = *state;
	const asset_change at_b = { .site = "site B" };

	add(f, "PC-1", "site A", "infected");
	set(f, "PC-1", "isolated");
	set(f, "PC-1", "clean");
	add(f, "PC-2", NULL, "infected");
	assert_int_equal(multi_site_events(f), 0);
	assert_int_equal(act_asset_change(&f->t->ctx, f->case_id, "PC-2", &at_b, NULL), IRD_OK);
	assert_int_equal(events_like(f, "infected assets at 2 sites: site A, site B"), 1);
}

static void
list_json_has_every_field_in_the_order_added(void **state)
{
	struct fixture *f = *state;
	char *json = NULL;

	assert_int_equal(asset_list_json(&f->t->ctx, f->case_id, &json, NULL), IRD_OK);
	assert_string_equal(json, "[]");
	free(json);
	add(f, "PC-2", "拠点A", "infected");
	f->t->ctx.clock.now += 60;
	add(f, "PC-1", NULL, NULL);
	f->t->ctx.clock.now += 60;
	set(f, "PC-2", "isolated");
	assert_int_equal(asset_list_json(&f->t->ctx, f->case_id, &json, NULL), IRD_OK);
	assert_string_equal(json,
		"[{\"host\":\"PC-2\",\"site\":\"拠点A\",\"state\":\"isolated\",\"isolated\":true,"
		"\"added_at\":\"2015-05-08T10:30:00Z\",\"infected_at\":\"2015-05-08T10:30:00Z\","
		"\"isolated_at\":\"2015-05-08T10:32:00Z\",\"changed_at\":\"2015-05-08T10:32:00Z\"},"
		"{\"host\":\"PC-1\",\"site\":null,\"state\":\"suspected\",\"isolated\":false,"
		"\"added_at\":\"2015-05-08T10:31:00Z\",\"infected_at\":null,\"isolated_at\":null,"
		"\"changed_at\":\"2015-05-08T10:31:00Z\"}]");
	free(json);
}

static void
an_asset_edited_behind_irdesks_back_is_found(void **state)
{
	struct fixture *f = *state;
	test_found fd = { 0 };
	int64_t records, problems;

	add(f, "PC-0427", "site A", "infected");
	set(f, "PC-0427", "isolated");
	assert_int_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count,
	                              test_collect_problem, &fd, &records, &problems, NULL),
	                 IRD_OK);
	assert_int_equal(fd.n, 0);
	store_close(f->t->ctx.store);
	f->t->ctx.store = NULL;
	assert_int_equal(test_sql(f->t->db, "UPDATE assets SET state = 'clean'"), 0);
	assert_int_equal(store_open(f->t->db, &f->t->ctx.store, NULL), IRD_OK);
	assert_int_not_equal(audit_verify(&f->t->ctx, audited_tables, audited_table_count,
	                                  test_collect_problem, &fd, &records, &problems, NULL),
	                     IRD_OK);
	assert_int_equal(fd.n, 1);
	assert_string_equal(fd.last, "assets: record 1 was edited outside irdesk");
}

/* Steps of the case for KEY and the asset ID (0: the case). */
static int64_t
steps_for(struct fixture *f, const char *key, int64_t id)
{
	static const char sql[] = "SELECT count(*) FROM steps WHERE case_id = ?1 AND step_key = ?2"
		" AND subject_id = ?3";
	sqlite3_stmt *st;
	int64_t n;

	assert_int_equal(store_stmt(f->t->ctx.store, sql, &st, NULL), IRD_OK);
	sqlite3_bind_int64(st, 1, f->case_id);
	store_bind_text(st, 2, key);
	sqlite3_bind_int64(st, 3, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

static int64_t
step_due(struct fixture *f, const char *ref)
{
	int64_t id = 0, due;
	step_row r;

	assert_int_equal(step_find(&f->t->ctx, f->case_id, ref, &id, NULL), IRD_OK);
	assert_int_equal(step_get(&f->t->ctx, id, &r, NULL), IRD_OK);
	due = r.due_at;
	step_row_free(&r);
	return due;
}

static void
an_infected_host_gets_its_isolate_and_image_steps(void **state)
{
	struct fixture *f = *state;
	int64_t pc = add(f, "PC-0427", "site A", "infected");
	int64_t sus = add(f, "PC-0500", "site A", NULL);

	assert_int_equal(steps_for(f, "isolate", pc), 1);
	assert_int_equal(steps_for(f, "forensic-image", pc), 1);
	assert_int_equal(step_due(f, "isolate/PC-0427"), MAY_8_2015 + 30 * 60);
	assert_int_equal(step_due(f, "forensic-image/PC-0427"), MAY_8_2015 + 24 * 3600);
	/* A suspected host has none until it is found infected; then the
	 * deadlines run from that moment. */
	assert_int_equal(steps_for(f, "isolate", sus), 0);
	f->t->ctx.clock.now = MAY_8_2015 + 3600;
	set(f, "PC-0500", "infected");
	assert_int_equal(steps_for(f, "isolate", sus), 1);
	assert_int_equal(step_due(f, "isolate/PC-0500"), MAY_8_2015 + 3600 + 30 * 60);
	/* Infected again after cleaning: no second set of steps. */
	set(f, "PC-0427", "isolated");
	set(f, "PC-0427", "clean");
	set(f, "PC-0427", "infected");
	assert_int_equal(steps_for(f, "isolate", pc), 1);
	assert_int_equal(steps_for(f, "decide-disconnect", 0), 0); /* one site only */
}

static int64_t
timers_of_rule(struct fixture *f, const char *rule)
{
	return test_scalar_text(f->t, "SELECT count(*) FROM timers WHERE case_id = ?1 AND rule = ?2",
	                        f->case_id, rule);
}

static void
a_second_site_asks_for_the_disconnection_decision(void **state)
{
	struct fixture *f = *state;

	add(f, "PC-A1", "site A", "infected");
	add(f, "PC-A2", "SITE A", "infected");
	add(f, "PC-B1", "site B", NULL);
	assert_int_equal(steps_for(f, "decide-disconnect", 0), 0);
	assert_int_equal(timers_of_rule(f, "executives-again"), 0);
	f->t->ctx.clock.now = MAY_8_2015 + 600;
	set(f, "PC-B1", "infected");
	assert_int_equal(steps_for(f, "decide-disconnect", 0), 1);
	assert_int_equal(step_due(f, "decide-disconnect"), MAY_8_2015 + 600 + 30 * 60);
	assert_int_equal(timers_of_rule(f, "executives-again"), 1);
	/* A third site: the decision is already asked for. */
	add(f, "PC-C1", "site C", "infected");
	assert_int_equal(steps_for(f, "decide-disconnect", 0), 1);
	assert_int_equal(timers_of_rule(f, "executives-again"), 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
#define TP(fn) cmocka_unit_test_setup_teardown(fn, setup_playbook, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(host_names_are_trimmed_and_found_in_any_case),
		T(the_same_host_twice_is_refused_naming_it),
		T(invalid_values_are_usage_errors_and_write_nothing),
		T(state_changes_are_audited_and_on_the_timeline),
		T(setting_the_same_state_again_writes_nothing),
		T(the_first_infection_and_isolation_times_are_kept),
		T(isolated_means_isolated_at_some_point_and_not_infected_since),
		T(sites_can_be_set_and_cleared),
		T(one_site_twice_is_not_multi_site),
		T(a_second_site_is_multi_site),
		T(a_cleaned_host_still_counts_and_a_site_learnt_later_counts),
		T(list_json_has_every_field_in_the_order_added),
		T(an_asset_edited_behind_irdesks_back_is_found),
		TP(an_infected_host_gets_its_isolate_and_image_steps),
		TP(a_second_site_asks_for_the_disconnection_decision),
	};

	return cmocka_run_group_tests_name("asset", tests, NULL, NULL);
}
