/* test_i18n_core.c - the core's messages in Japanese: they carry the user's
 * value and keep the vocabulary words and "file:line:" in English; what
 * the core stores (timeline, steps) is the same whatever the writer's
 * language. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "actions/act_asset.h"
#include "actions/act_step.h"
#include "base/i18n.h"
#include "base/playbook.h"
#include "records/case.h"
#include "store/event.h"
#include "store/store.h"
#include "testutil.h"

static int
setup(void **state)
{
	(void)state;
	unsetenv("LANGUAGE");
	setlocale(LC_ALL, "C.UTF-8");
	i18n_init();
	return 0;
}

/* Switch to LANG for one call, as `--lang` does. */
static void
push(const char *lang, i18n_saved *saved)
{
	ird_err e = { 0 };

	assert_int_equal(i18n_push_lang(lang, saved, &e), IRD_OK);
	assert_string_equal(i18n_lang(), lang);
}

static void
bad_severity_is_japanese_with_the_word_typed(void **state)
{
	i18n_saved saved;
	ird_err e = { 0 };

	(void)state;
	push("ja", &saved);
	assert_int_equal(case_check_severity("urgentissimo", &e), IRD_EUSAGE);
	i18n_pop_lang(&saved);
	assert_non_null(strstr(e.msg, "重大度"));
	assert_non_null(strstr(e.msg, "urgentissimo"));
	/* The words to type stay English. */
	assert_non_null(strstr(e.msg, "low, medium, high, critical"));
	assert_null(strstr(e.msg, "invalid"));
	/* And back in English once the language is put back. */
	ird_err_clear(&e);
	assert_int_equal(case_check_severity("urgentissimo", &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "invalid severity \"urgentissimo\""));
}

static void
no_such_case_is_japanese_with_the_id(void **state)
{
	test_env *t = test_env_new(TEST_MAY_8_2015);
	i18n_saved saved;
	ird_err e = { 0 };
	int64_t id = 0;

	(void)state;
	assert_non_null(t);
	push("ja", &saved);
	assert_int_equal(case_resolve(&t->ctx, "IR-2015-0999", &id, &e), IRD_ENOTFOUND);
	i18n_pop_lang(&saved);
	assert_non_null(strstr(e.msg, "案件"));
	assert_non_null(strstr(e.msg, "IR-2015-0999"));
	assert_non_null(strstr(e.msg, "ありません"));
	test_env_free(t);
}

static void
playbook_error_keeps_its_file_and_line(void **state)
{
	static const char text[] = "[playbook]\nname = t\nbogus-key = 1\n";
	playbook *pb = NULL;
	i18n_saved saved;
	ird_err e = { 0 };

	(void)state;
	push("ja", &saved);
	assert_int_not_equal(playbook_parse(text, sizeof(text) - 1, "t.playbook", &pb, &e), IRD_OK);
	i18n_pop_lang(&saved);
	assert_null(pb);
	/* "file:line:" stays as programs and editors read it. */
	assert_memory_equal(e.msg, "t.playbook:3: ", strlen("t.playbook:3: "));
	assert_non_null(strstr(e.msg, "不明なキー"));
	assert_non_null(strstr(e.msg, "bogus-key"));
}

/* Everything the core stored for the case, as text: the timeline, the
 * steps' titles, states and notes. */
static char *
stored_text(test_env *t, int64_t case_id)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *out = NULL;

	assert_int_equal(sqlite3_open_v2(t->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
	                 "SELECT (SELECT group_concat(kind || ': ' || text, char(10)) FROM"
	                 " (SELECT kind, text FROM events WHERE case_id = ?1 ORDER BY id))"
	                 " || char(10) || (SELECT group_concat(num || ' ' || title || ' ' || state"
	                 " || ' ' || coalesce(note, '-'), char(10)) FROM"
	                 " (SELECT * FROM steps WHERE case_id = ?1 ORDER BY num))",
	                 -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, case_id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_non_null(sqlite3_column_text(st, 0));
	out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_non_null(out);
	return out;
}

/* The same work by a responder whose language is LANG; *REFUSAL gets
 * what the core said when the step could not be done yet. */
static char *
work_in(const char *lang, char refusal[IRD_ERRLEN])
{
	int64_t case_id = 0;
	i18n_saved saved;
	ird_err e = { 0 };
	test_env *t;
	char *text;

	push(lang, &saved);
	t = test_env_with_case(TEST_MAY_8_2015, "targeted-email", "Phishing at site A", "high",
	                       &case_id);
	assert_non_null(t);
	t->ctx.clock.now += 60;
	assert_int_equal(act_asset_add(&t->ctx, case_id, "PC-0427", "site-a", "infected", NULL, &e),
	                 IRD_OK);
	t->ctx.clock.now += 60;
	assert_int_not_equal(act_step_done(&t->ctx, case_id, "isolate", NULL, &e), IRD_OK);
	snprintf(refusal, IRD_ERRLEN, "%s", e.msg);
	t->ctx.clock.now += 60;
	assert_int_equal(act_asset_set_state(&t->ctx, case_id, "PC-0427", "isolated", &e),
	                 IRD_OK);
	assert_int_equal(act_step_done(&t->ctx, case_id, "isolate", "cable pulled", &e), IRD_OK);
	assert_int_equal(act_step_skip(&t->ctx, case_id, "forensic-image", "no disk left", &e),
	                 IRD_OK);
	i18n_pop_lang(&saved);
	text = stored_text(t, case_id);
	test_env_free(t);
	return text;
}

static void
stored_text_does_not_depend_on_the_writers_language(void **state)
{
	char ja_refusal[IRD_ERRLEN], en_refusal[IRD_ERRLEN];
	char *ja = work_in("ja", ja_refusal), *en = work_in("en", en_refusal);

	(void)state;
	/* The responder read the refusal in their language, with the host... */
	assert_non_null(strstr(ja_refusal, "まだ完了にできません"));
	assert_non_null(strstr(ja_refusal, "PC-0427"));
	assert_non_null(strstr(en_refusal, "cannot be done yet"));
	/* ...but the record is the same for the next reader, in English. */
	assert_non_null(strstr(en, "case opened"));
	assert_non_null(strstr(en, "no disk left"));
	assert_string_equal(ja, en);
	free(ja);
	free(en);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_severity_is_japanese_with_the_word_typed),
		cmocka_unit_test(no_such_case_is_japanese_with_the_id),
		cmocka_unit_test(playbook_error_keeps_its_file_and_line),
		cmocka_unit_test(stored_text_does_not_depend_on_the_writers_language),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
