/* test_case.c - cases and their timeline. */
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
#include "records/case.h"
#include "store/event.h"
#include "testutil.h"

#define MAY_8_2015 1431081000

static int
setup(void **state)
{
	*state = test_env_new(MAY_8_2015);
	return *state ? 0 : -1;
}

static int
teardown(void **state)
{
	test_env_free(*state);
	return 0;
}

static int64_t
new_case(test_env *t, const char *title, char hid[CASE_HID_LEN])
{
	case_spec spec = { .title = title };
	ird_err e = { 0 };
	int64_t id = 0;

	if (casework_open(&t->ctx, &spec, NULL, &id, hid, &e) != IRD_OK)
		fail_msg("casework_open: %s", e.msg);
	return id;
}

static void
ids_are_sequential_within_the_year(void **state)
{
	test_env *t = *state;
	char hid[CASE_HID_LEN];

	new_case(t, "one", hid);
	assert_string_equal(hid, "IR-2015-0001");
	new_case(t, "two", hid);
	assert_string_equal(hid, "IR-2015-0002");
	t->ctx.clock.now = 1451606400; /* 2016-01-01T00:00:00Z */
	new_case(t, "three", hid);
	assert_string_equal(hid, "IR-2016-0001");
}

static void
cases_resolve_by_id_in_any_case_or_uuid(void **state)
{
	test_env *t = *state;
	char hid[CASE_HID_LEN];
	case_row r;
	int64_t id = new_case(t, "one", hid), found = 0;
	ird_err e = { 0 };

	assert_int_equal(case_resolve(&t->ctx, "ir-2015-0001", &found, NULL), IRD_OK);
	assert_int_equal(found, id);
	assert_int_equal(case_get(&t->ctx, id, &r, NULL), IRD_OK);
	assert_int_equal(strlen(r.uuid), 36);
	found = 0;
	assert_int_equal(case_resolve(&t->ctx, r.uuid, &found, NULL), IRD_OK);
	assert_int_equal(found, id);
	case_row_free(&r);
	assert_int_equal(case_resolve(&t->ctx, "IR-2015-0099", &found, &e), IRD_ENOTFOUND);
	assert_non_null(strstr(e.msg, "IR-2015-0099"));
}

static void
defaults_and_invalid_values(void **state)
{
	test_env *t = *state;
	case_spec spec = { .title = "x", .severity = "nonsense" };
	char hid[CASE_HID_LEN];
	ird_err e = { 0 };
	case_row r;
	int64_t id;

	assert_int_equal(casework_open(&t->ctx, &spec, NULL, &id, hid, &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "low, medium, high, critical"));
	spec.severity = NULL;
	spec.title = "";
	assert_int_equal(casework_open(&t->ctx, &spec, NULL, &id, hid, &e), IRD_EUSAGE);
	id = new_case(t, "x", hid);
	assert_int_equal(case_get(&t->ctx, id, &r, NULL), IRD_OK);
	assert_string_equal(r.severity, "medium");
	assert_string_equal(r.status, "open");
	assert_string_equal(r.tlp, "amber");
	assert_int_equal(r.opened_at, MAY_8_2015);
	case_row_free(&r);
}

static void
japanese_title_round_trips_byte_for_byte(void **state)
{
	static const char title[] = "日本年金機構への標的型攻撃（拠点A・B）— 情報漏えい";
	test_env *t = *state;
	char hid[CASE_HID_LEN];
	int64_t id = new_case(t, title, hid);
	case_row r;

	assert_int_equal(case_get(&t->ctx, id, &r, NULL), IRD_OK);
	assert_memory_equal(r.title, title, sizeof(title));
	case_row_free(&r);
}

struct count {
	int n;
	char last[256];
};

static int
count_event(void *arg, const event_row *ev)
{
	struct count *c = arg;

	c->n++;
	snprintf(c->last, sizeof(c->last), "%s", ev->text);
	return 0;
}

static void
changes_are_written_to_the_timeline(void **state)
{
	test_env *t = *state;
	char hid[CASE_HID_LEN];
	int64_t id = new_case(t, "x", hid);
	case_change ch = { .severity = "critical", .status = "closed", .personal_data = -1 };
	struct count cnt = { 0 };
	case_row r;
	int old = -1;

	t->ctx.clock.now += 600;
	assert_int_equal(store_begin(t->ctx.store, NULL), IRD_OK);
	assert_int_equal(case_change_tx(&t->ctx, id, &ch, &old, NULL), IRD_OK);
	assert_int_equal(store_commit(t->ctx.store, NULL), IRD_OK);
	assert_int_equal(old, 1);
	assert_int_equal(case_get(&t->ctx, id, &r, NULL), IRD_OK);
	assert_string_equal(r.severity, "critical");
	assert_int_equal(r.closed_at, MAY_8_2015 + 600);
	case_row_free(&r);
	assert_int_equal(event_each(&t->ctx, id, count_event, &cnt, NULL), IRD_OK);
	assert_int_equal(cnt.n, 3); /* opened, severity, status */
	assert_string_equal(cnt.last, "status changed from open to closed");
}

static void
events_keep_when_it_happened_and_when_recorded(void **state)
{
	test_env *t = *state;
	char hid[CASE_HID_LEN];
	int64_t id = new_case(t, "x", hid);
	char *json = NULL;

	assert_int_equal(casework_log(&t->ctx, id, MAY_8_2015 - 3600, "LAN cable pulled", NULL),
	                 IRD_OK);
	assert_int_equal(event_timeline_json(&t->ctx, id, &json, NULL), IRD_OK);
	/* Oldest first: the back-dated event comes before "case opened". */
	assert_non_null(strstr(json, "[{\"happened_at\":\"2015-05-08T09:30:00Z\","
	                             "\"recorded_at\":\"2015-05-08T10:30:00Z\""));
	free(json);
	assert_int_equal(casework_log(&t->ctx, id, 0, "", NULL), IRD_EUSAGE);
}

static void
list_shows_open_cases_newest_first(void **state)
{
	test_env *t = *state;
	char hid[CASE_HID_LEN], *json = NULL;
	case_change ch = { .status = "closed", .personal_data = -1 };
	int64_t first = new_case(t, "first", hid);

	t->ctx.clock.now += 60;
	new_case(t, "second", hid);
	assert_int_equal(store_begin(t->ctx.store, NULL), IRD_OK);
	assert_int_equal(case_change_tx(&t->ctx, first, &ch, NULL, NULL), IRD_OK);
	assert_int_equal(store_commit(t->ctx.store, NULL), IRD_OK);
	assert_int_equal(case_list_json(&t->ctx, 0, &json, NULL), IRD_OK);
	assert_non_null(strstr(json, "\"second\""));
	assert_null(strstr(json, "\"first\""));
	free(json);
	assert_int_equal(case_list_json(&t->ctx, 1, &json, NULL), IRD_OK);
	assert_true(strstr(json, "\"second\"") < strstr(json, "\"first\""));
	free(json);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(ids_are_sequential_within_the_year, setup, teardown),
		cmocka_unit_test_setup_teardown(cases_resolve_by_id_in_any_case_or_uuid, setup, teardown),
		cmocka_unit_test_setup_teardown(defaults_and_invalid_values, setup, teardown),
		cmocka_unit_test_setup_teardown(japanese_title_round_trips_byte_for_byte, setup, teardown),
		cmocka_unit_test_setup_teardown(changes_are_written_to_the_timeline, setup, teardown),
		cmocka_unit_test_setup_teardown(events_keep_when_it_happened_and_when_recorded, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(list_shows_open_cases_newest_first, setup, teardown),
	};

	return cmocka_run_group_tests_name("case", tests, NULL, NULL);
}
