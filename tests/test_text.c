/* test_text.c - sanitising and width-aware fitting. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/text.h"

static void
escapes_control_characters(void **state)
{
	char *s = text_sanitize("a\x1b[31mred\nb\x7f");

	(void)state;
	assert_string_equal(s, "a\\x1b[31mred\\nb\\x7f");
	free(s);
	s = text_sanitize("x\xc2\x9by"); /* C1 CSI */
	assert_string_equal(s, "x\\x9by");
	free(s);
}

static void
replaces_invalid_utf8(void **state)
{
	char *s = text_sanitize("ok\xff\xc3(\xed\xa0\x80z");

	(void)state;
	assert_string_equal(s, "ok\xef\xbf\xbd\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz");
	free(s);
}

static void
japanese_is_two_columns(void **state)
{
	(void)state;
	assert_int_equal(text_width("年金機構"), 8);
	assert_int_equal(text_width("PC-0427 隔離"), 12);
	assert_int_equal(text_width("abc"), 3);
}

static void
fit_cuts_and_pads(void **state)
{
	char out[64];

	(void)state;
	assert_string_equal(text_fit("abc", 5, out, sizeof(out)), "abc  ");
	assert_string_equal(text_fit("abcdef", 4, out, sizeof(out)), "abc\xe2\x80\xa6");
	/* A wide character never straddles the edge: 5 columns of 年金機構. */
	assert_string_equal(text_fit("年金機構", 5, out, sizeof(out)), "年金\xe2\x80\xa6");
	assert_int_equal(text_width(text_fit("年金機構", 6, out, sizeof(out))), 6);
	assert_string_equal(text_fit("年金", 4, out, sizeof(out)), "年金");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_control_characters),
		cmocka_unit_test(replaces_invalid_utf8),
		cmocka_unit_test(japanese_is_two_columns),
		cmocka_unit_test(fit_cuts_and_pads),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
