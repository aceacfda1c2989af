/* test_clock.c - time parsing and formatting. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/clock.h"

static void
parses_utc_and_offsets(void **state)
{
	int64_t t;

	(void)state;
	assert_int_equal(clock_parse("2015-05-08T10:30:00Z", &t, NULL), IRD_OK);
	assert_int_equal(t, 1431081000);
	assert_int_equal(clock_parse("2015-05-08T19:30:00+09:00", &t, NULL), IRD_OK);
	assert_int_equal(t, 1431081000);
	assert_int_equal(clock_parse("2015-05-08T19:30+0900", &t, NULL), IRD_OK);
	assert_int_equal(t, 1431081000);
	assert_int_equal(clock_parse("2015-05-08T10:30:00.250Z", &t, NULL), IRD_OK);
	assert_int_equal(t, 1431081000);
	assert_int_equal(clock_parse("@1431081000", &t, NULL), IRD_OK);
	assert_int_equal(t, 1431081000);
}

static void
no_zone_means_local_time(void **state)
{
	int64_t t;

	(void)state;
	setenv("TZ", "Asia/Tokyo", 1);
	assert_int_equal(clock_parse("2015-05-08 19:30", &t, NULL), IRD_OK);
	assert_int_equal(t, 1431081000);
	unsetenv("TZ");
}

static void
rejects_bad_times(void **state)
{
	static const char *const bad[] = {
		"", "yesterday", "2015-13-01T00:00Z", "2015-02-29T00:00Z", "2015-05-08T24:00Z",
		"2015-05-08T10:30:00+25:00", "2015-05-08T10:30:00Q", "2015-5-8", "@", "@12x",
	};
	ird_err e = { 0 };
	int64_t t;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(clock_parse(bad[i], &t, &e), IRD_EUSAGE);
		assert_non_null(strstr(e.msg, "time"));
	}
	assert_int_equal(clock_parse("2016-02-29T00:00Z", &t, NULL), IRD_OK);
}

static void
formats_utc_and_durations(void **state)
{
	char buf[64];

	(void)state;
	clock_format_utc(1431081000, buf, sizeof(buf));
	assert_string_equal(buf, "2015-05-08T10:30:00Z");
	clock_format_duration(-3900, buf, sizeof(buf));
	assert_string_equal(buf, "-1h05m");
	clock_format_duration(720, buf, sizeof(buf));
	assert_string_equal(buf, "12m");
	clock_format_duration(3 * 86400 + 4 * 3600, buf, sizeof(buf));
	assert_string_equal(buf, "3d04h");
	clock_format_duration(0, buf, sizeof(buf));
	assert_string_equal(buf, "0m");
}

static void
fixed_clock_is_used(void **state)
{
	ird_clock c = { 1, 42 };

	(void)state;
	assert_int_equal(clock_now(&c), 42);
	c.fixed = 0;
	assert_true(clock_now(&c) > 1700000000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_utc_and_offsets),
		cmocka_unit_test(no_zone_means_local_time),
		cmocka_unit_test(rejects_bad_times),
		cmocka_unit_test(formats_utc_and_durations),
		cmocka_unit_test(fixed_clock_is_used),
	};

	return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
