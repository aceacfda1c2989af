/* test_i18n.c - the catalogue is found, the language can be switched for one
 * output and back, and times are local and in the language's order. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "base/i18n.h"

/* 2026-12-01T18:46:00Z */
#define T0 1796150760

static int
setup_english(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	unsetenv("LANGUAGE");
	setlocale(LC_ALL, "C.UTF-8");
	i18n_init();
	return 0;
}

static void
english_by_default(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(i18n_lang(), "en");
	assert_false(i18n_is_japanese());
	assert_true(i18n_time(buf, sizeof(buf), T0) > 0);
	/* 18:46 UTC is 03:46 the next day in Tokyo. */
	assert_string_equal(buf, "2026-12-02 03:46");
}

static void
japanese_for_one_output_then_back(void **state)
{
	i18n_saved saved;
	ird_err e = { 0 };
	char buf[64];

	(void)state;
	assert_int_equal(i18n_push_lang("ja", &saved, &e), IRD_OK);
	assert_string_equal(i18n_lang(), "ja");
	assert_true(i18n_time(buf, sizeof(buf), T0) > 0);
	assert_string_equal(buf, "2026年12月2日 03:46");
	i18n_date(buf, sizeof(buf), T0);
	assert_string_equal(buf, "2026年12月2日");
	i18n_pop_lang(&saved);
	assert_string_equal(i18n_lang(), "en");
	assert_null(getenv("LANGUAGE"));
}

static void
refuses_a_language_not_shipped(void **state)
{
	i18n_saved saved;
	ird_err e = { 0 };

	(void)state;
	assert_int_equal(i18n_push_lang("xx", &saved, &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "xx"));
	assert_string_equal(i18n_lang(), "en");
	assert_int_equal(i18n_push_lang(NULL, &saved, &e), IRD_OK);
	i18n_pop_lang(&saved);
	assert_string_equal(i18n_lang(), "en");
}

/* LANGUAGE=ja under the C locale (or a Japanese locale not generated on the
 * machine) still asks for Japanese. */
static void
language_honoured_under_c_locale(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C");
	setenv("LANGUAGE", "ja", 1);
	i18n_init();
	assert_string_equal(i18n_lang(), "ja");
	unsetenv("LANGUAGE");
	setenv("LANG", "ja_JP.UTF-8", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setlocale(LC_ALL, "C");
	i18n_init();
	assert_string_equal(i18n_lang(), "ja");
	unsetenv("LANG");
	unsetenv("LANGUAGE");
	setup_english(NULL);
	assert_string_equal(i18n_lang(), "en");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(english_by_default, setup_english),
		cmocka_unit_test_setup(japanese_for_one_output_then_back, setup_english),
		cmocka_unit_test_setup(refuses_a_language_not_shipped, setup_english),
		cmocka_unit_test_setup(language_honoured_under_c_locale, setup_english),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
