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

static void
escapes_invisible_characters(void **state)
{
	char *s = text_sanitize("evil\xe2\x80\x8b.example \xef\xbb\xbf" "a\xe2\x81\xa0" "b \xf3\xa0\x80\x81");

	(void)state;
	assert_string_equal(s, "evil\\u200b.example \\ufeffa\\u2060b \\U000e0001");
	free(s);
}

static void
snprintf_cuts_on_a_character_boundary(void **state)
{
	char buf[10];
	int rc;

	(void)state;
	/* 9 bytes of room: "ab" + 2 of 3 bytes of 日 would be cut mid-character. */
	rc = text_snprintf(buf, sizeof(buf), "ab%s", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
	assert_int_equal(rc, 1);
	assert_string_equal(buf, "ab\xe6\x97\xa5\xe2\x80\xa6"); /* ab日… */
	rc = text_snprintf(buf, sizeof(buf), "%s", "short");
	assert_int_equal(rc, 0);
	assert_string_equal(buf, "short");
	/* Every length: the result is valid UTF-8 and never longer than the room. */
	for (size_t room = 1; room <= 40; room++) {
		char out[48];
		char *clean;

		text_snprintf(out, room, "%s", "\xe6\xa8\x99\xe7\x9a\x84\xe5\x9e\x8b\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab x");
		assert_true(strlen(out) < room);
		clean = text_sanitize(out);
		assert_string_equal(clean, out); /* nothing replaced: no broken sequence */
		free(clean);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_control_characters),
		cmocka_unit_test(escapes_invisible_characters),
		cmocka_unit_test(snprintf_cuts_on_a_character_boundary),
		cmocka_unit_test(replaces_invalid_utf8),
		cmocka_unit_test(japanese_is_two_columns),
		cmocka_unit_test(fit_cuts_and_pads),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
