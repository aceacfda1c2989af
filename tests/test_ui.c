/* test_ui.c - the terminal UI's pure parts: shell-like word splitting
 * for the `:` line, column layout at narrow widths, wrapping, and the
 * form's wide-character line editing (no terminal needed). */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui/draw.h"
#include "ui/form.h"
#include "ui/ui.h"

static void
split_words_like_a_shell(void **state)
{
	char **argv;
	const char *why;
	int argc;

	(void)state;
	assert_int_equal(ui_split_words("notify IR-1 --note 'told them: \"now\"' a\\ b \"x\\\"y\" ''",
	                                 &argc, &argv, &why), 0);
	assert_int_equal(argc, 7);
	assert_string_equal(argv[0], "notify");
	assert_string_equal(argv[3], "told them: \"now\"");
	assert_string_equal(argv[4], "a b");
	assert_string_equal(argv[5], "x\"y");
	assert_string_equal(argv[6], ""); /* '' is an empty word, as in a shell */
	assert_null(argv[7]);
	ui_free_words(argc, argv);
	/* no expansion: $, ;, | and backticks are plain characters */
	assert_int_equal(ui_split_words("log X $(rm -rf ~); `id` | cat", &argc, &argv, &why), 0);
	assert_int_equal(argc, 8);
	assert_string_equal(argv[2], "$(rm");
	assert_string_equal(argv[4], "~);");
	ui_free_words(argc, argv);
	assert_int_equal(ui_split_words("log 'open", &argc, &argv, &why), -1);
	assert_string_equal(why, "unclosed single quote");
	assert_int_equal(ui_split_words("log \"open", &argc, &argv, &why), -1);
	assert_int_equal(ui_split_words("  ", &argc, &argv, &why), 0);
	assert_int_equal(argc, 0);
	ui_free_words(argc, argv);
}

static void
columns_give_way_in_order(void **state)
{
	ui_column c[] = {
		{ "ID", 13, 0, 0, 0, 0, 0 }, { "TITLE", 24, 1, 0, 0, 0, 0 },
		{ "LEAD", 10, 0, 2, 0, 0, 0 }, { "LAST", 6, 0, 1, 0, 0, 0 },
	};

	(void)state;
	ui_columns_fit(c, 4, 120); /* everything fits: the title takes the rest */
	assert_int_equal(c[3].shown, 6);
	assert_int_equal(c[1].shown, 120 - 13 - 10 - 6 - 3);
	assert_int_equal(c[2].x, 13 + 1 + c[1].shown + 1);
	ui_columns_fit(c, 4, 50); /* LAST goes first */
	assert_int_equal(c[3].shown, 0);
	assert_int_equal(c[2].shown, 10);
	assert_int_equal(c[1].shown, 50 - 13 - 10 - 2);
	ui_columns_fit(c, 4, 40); /* then LEAD */
	assert_int_equal(c[2].shown, 0);
	assert_int_equal(c[1].shown, 40 - 13 - 1);
}

static void
wrap_breaks_at_spaces_by_width(void **state)
{
	char lines[4][512];

	(void)state;
	/* each Japanese character is two columns */
	assert_int_equal(ui_wrap("日本語 です ok", 7, lines, 4), 2);
	assert_string_equal(lines[0], "日本語");
	assert_string_equal(lines[1], "です ok");
	assert_int_equal(ui_wrap("", 10, lines, 4), 0);
}

static void
wrap_breaks_japanese_between_characters(void **state)
{
	char lines[4][512];

	(void)state;
	/* no spaces: a line breaks between characters, by width */
	assert_int_equal(ui_wrap("期限超過の案件があります", 10, lines, 4), 3);
	assert_string_equal(lines[0], "期限超過の");
	assert_string_equal(lines[1], "案件があり");
	assert_string_equal(lines[2], "ます");
	/* never a line starting with 。: the break moves back one character */
	assert_int_equal(ui_wrap("通報します。はい", 10, lines, 4), 2);
	assert_string_equal(lines[0], "通報しま");
	assert_string_equal(lines[1], "す。はい");
	/* a narrow word longer than the line is cut, not left whole */
	assert_int_equal(ui_wrap("abcdefghij", 4, lines, 4), 3);
	assert_string_equal(lines[0], "abcd");
	assert_string_equal(lines[2], "ij");
}

static void
editing_keeps_whole_wide_characters(void **state)
{
	ui_field f;

	(void)state;
	memset(&f, 0, sizeof(f));
	snprintf(f.value, sizeof(f.value), "日本");
	ui_field_load(&f);
	assert_int_equal(f.len, 2);
	assert_int_equal(f.cur, 2);
	assert_true(ui_field_edit(&f, 0x8a9e)); /* 語 */
	assert_string_equal(f.value, "日本語");
	assert_false(ui_field_edit(&f, UI_FN(KEY_LEFT)));
	assert_true(ui_field_edit(&f, 'x'));
	assert_string_equal(f.value, "日本x語");
	assert_true(ui_field_edit(&f, UI_KEY_BACKSPACE));
	assert_true(ui_field_edit(&f, UI_KEY_BACKSPACE)); /* a whole 本 */
	assert_string_equal(f.value, "日語");
	assert_false(ui_field_edit(&f, 0x1b));   /* ESC is never text */
	assert_false(ui_field_edit(&f, 0x202e)); /* nor a bidi override */
	assert_string_equal(f.value, "日語");
	assert_true(ui_field_edit(&f, UI_CTRL('u')));
	assert_string_equal(f.value, "");
}

static void
a_choice_cycles_its_vocabulary(void **state)
{
	static const char *const sev[] = { "low", "medium", "high", NULL };
	ui_field f;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.kind = UI_F_CHOICE;
	f.choices = sev;
	snprintf(f.value, sizeof(f.value), "medium");
	assert_true(ui_field_edit(&f, ' '));
	assert_string_equal(f.value, "high");
	assert_true(ui_field_edit(&f, ' '));
	assert_string_equal(f.value, "low");
	assert_true(ui_field_edit(&f, 'h'));
	assert_string_equal(f.value, "high");
	assert_false(ui_field_edit(&f, 'z'));
	assert_int_equal(ui_field_choice(&f), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split_words_like_a_shell),
		cmocka_unit_test(columns_give_way_in_order),
		cmocka_unit_test(wrap_breaks_at_spaces_by_width),
		cmocka_unit_test(wrap_breaks_japanese_between_characters),
		cmocka_unit_test(editing_keeps_whole_wide_characters),
		cmocka_unit_test(a_choice_cycles_its_vocabulary),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests_name("ui", tests, NULL, NULL);
}
