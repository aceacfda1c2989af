/* test_clock.c - time parsing and formatting. The whole group runs three
 * times: under TZ=UTC, Asia/Tokyo (+09:00) and America/New_York (-04:00 in
 * May), so that a "...Z" time read as local time, or a local time read as
 * UTC, fails at least two of the runs. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* The zone the group runs under, and its offset from UTC on 2015-05-08. */
static const char *zone;
static long zone_offset;

static void
set_zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* The zone really is in force (a missing tzdata would quietly give UTC and
 * make the other runs prove nothing). */
static void
zone_is_in_force(void **state)
{
	time_t t = 1431081000;
	struct tm tm;

	(void)state;
	assert_non_null(localtime_r(&t, &tm));
	assert_int_equal(tm.tm_gmtoff, zone_offset);
}

static void
no_zone_means_local_time(void **state)
{
	int64_t t;

	(void)state;
	set_zone("Asia/Tokyo");
	assert_int_equal(clock_parse("2015-05-08 19:30", &t, NULL), IRD_OK);
	assert_int_equal(t, 1431081000);
	set_zone("America/New_York");
	assert_int_equal(clock_parse("2015-05-08T06:30", &t, NULL), IRD_OK);
	assert_int_equal(t, 1431081000);
	set_zone(zone);
	/* and in the zone of this run */
	assert_int_equal(clock_parse("2015-05-08 10:30", &t, NULL), IRD_OK);
	assert_int_equal(t, 1431081000 - zone_offset);
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

static int
in_utc(void **state)
{
	(void)state;
	zone = "UTC";
	zone_offset = 0;
	set_zone(zone);
	return 0;
}

static int
in_tokyo(void **state)
{
	(void)state;
	zone = "Asia/Tokyo";
	zone_offset = 9 * 3600;
	set_zone(zone);
	return 0;
}

static int
in_new_york(void **state)
{
	(void)state;
	zone = "America/New_York";
	zone_offset = -4 * 3600; /* EDT on 2015-05-08 */
	set_zone(zone);
	return 0;
}

/* Every test under each zone, named "TEST TZ=ZONE". */
#define IN_ZONES(f) \
	{ #f " TZ=UTC", f, in_utc, NULL, NULL }, \
	{ #f " TZ=Asia/Tokyo", f, in_tokyo, NULL, NULL }, \
	{ #f " TZ=America/New_York", f, in_new_york, NULL, NULL }

int
main(void)
{
	const struct CMUnitTest tests[] = {
		IN_ZONES(zone_is_in_force),
		IN_ZONES(parses_utc_and_offsets),
		IN_ZONES(no_zone_means_local_time),
		IN_ZONES(rejects_bad_times),
		IN_ZONES(formats_utc_and_durations),
		IN_ZONES(fixed_clock_is_used),
	};

	return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
