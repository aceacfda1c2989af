/* test_scenario.c - the scenario format, the shared line reader and the
 * exercise clock's arithmetic. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/linereader.h"
#include "base/scenario.h"
#include "engine/exercise_clock.h"

static const char *
srcdir(void)
{
	const char *d = getenv("IRDESK_SRCDIR");

	return d && *d ? d : IRDESK_SRCDIR;
}

static scenario *
load_ok(const char *rel)
{
	char path[4096];
	scenario *sc = NULL;
	ird_err e = { 0 };

	snprintf(path, sizeof(path), "%s/%s", srcdir(), rel);
	if (scenario_load(path, &sc, &e) != IRD_OK)
		fail_msg("%s: %s", path, e.msg);
	return sc;
}

static void
shipped_jps_2015(void **state)
{
	scenario *sc = load_ok("playbooks/scenarios/jps-2015.scenario");
	const sc_inject *in;
	size_t i = 99;

	(void)state;
	assert_string_equal(sc->name, "jps-2015");
	assert_string_equal(sc->playbook, "targeted-email");
	assert_non_null(strstr(sc->title_ja, "日本年金機構"));
	assert_non_null(strstr(sc->description_ja, "日本年金機構"));
	assert_string_equal(sc->injects[1].title_ja, "標的型メールの受信と開封");
	assert_string_equal(sc->refs[4].id, "executives");
	assert_string_equal(sc->refs[4].title_ja, "経営層への報告");
	assert_non_null(strstr(sc->refs[4].note_ja, "17日後"));
	/* English messages here: the English texts are the ones shown */
	assert_string_equal(scenario_title(sc), sc->title);
	assert_string_equal(scenario_ref_title(&sc->refs[4]), "Executives told");
	assert_int_equal(sc->start, 1431043200); /* 2015-05-08T09:00+09:00 */
	assert_int_equal(sc->ninjects, 12);
	assert_string_equal(sc->injects[0].id, "apr22-ministry");
	assert_int_equal(sc->injects[0].at_s, -16 * 86400);
	in = scenario_inject(sc, "may08-nisc", &i);
	assert_non_null(in);
	assert_int_equal(i, 3);
	assert_int_equal(in->at_s, 4 * 3600 + 30 * 60);
	assert_int_equal(in->nexpects, 2);
	assert_int_equal(in->expects[1].kind, SC_X_NOTIFY);
	assert_string_equal(in->expects[1].target, "executives");
	assert_int_equal(in->expects[1].within_s, 3600);
	assert_string_equal(in->expects[1].by, "executives");
	/* Injects are in time order; the evidence of 25 May is exfiltration. */
	for (size_t k = 1; k < sc->ninjects; k++)
		assert_true(sc->injects[k].at_s >= sc->injects[k - 1].at_s);
	in = scenario_inject(sc, "may25-post", NULL);
	assert_int_equal(in->items[1].what, SC_EVIDENCE);
	assert_int_equal(in->items[1].exfil, 1);
	/* The reference timeline: executives told 25 May, sender never blocked. */
	assert_int_equal(sc->nrefs, 7);
	assert_string_equal(sc->refs[4].id, "executives");
	assert_int_equal(sc->refs[4].at, 1432522800);
	assert_string_equal(sc->refs[4].since, "may08-mails");
	assert_int_equal(sc->refs[2].never, 1);
	assert_int_equal(sc->refs[6].has_match, 0);
	scenario_free(sc);
	sc = load_ok("playbooks/scenarios/ransomware-night.scenario");
	assert_string_equal(sc->playbook, "ransomware");
	assert_int_equal(sc->ninjects, 3);
	scenario_free(sc);
}

static void
offsets(void **state)
{
	long long s = 0;
	char buf[32];

	(void)state;
	assert_int_equal(scenario_offset_parse("T+4h30m", &s), 0);
	assert_int_equal(s, 16200);
	assert_int_equal(scenario_offset_parse("T-16d", &s), 0);
	assert_int_equal(s, -16 * 86400);
	assert_int_equal(scenario_offset_parse("T+0", &s), 0);
	assert_int_equal(s, 0);
	assert_int_equal(scenario_offset_parse("4h", &s), -1);
	assert_int_equal(scenario_offset_parse("T4h", &s), -1);
	assert_int_equal(scenario_offset_parse("T+30m4h", &s), -1);
	assert_int_equal(scenario_offset_parse("T+", &s), -1);
	scenario_offset_format(16200, buf, sizeof(buf));
	assert_string_equal(buf, "T+4h30m");
	scenario_offset_format(-16 * 86400, buf, sizeof(buf));
	assert_string_equal(buf, "T-16d");
	scenario_offset_format(0, buf, sizeof(buf));
	assert_string_equal(buf, "T+0");
}

/* Each fixture fails naming FILE:LINE and the problem; nothing is returned. */
static void
bad_files(void **state)
{
	static const struct { const char *file, *where, *what; } bad[] = {
		{ "bad-offset", ":7: ", "bad offset \"4h30m\"" },
		{ "bad-order", ":12: ", "list the injects in time order" },
		{ "bad-expect-indicator", ":10: ", "no inject so far adds that indicator" },
		{ "bad-no-start", ":1: ", "missing required key \"start\"" },
		{ "bad-utf8", ":3: ", "invalid UTF-8" },
		{ "bad-expect-deadline", ":10: ", "needs \"within DURATION\"" },
		{ "bad-asset-state", ":9: ", "unknown asset state \"burning\"" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char path[4096], where[4200];
		scenario *sc = (scenario *)&sc;
		ird_err e = { 0 };

		snprintf(path, sizeof(path), "%s/tests/data/scenarios/%s.scenario", srcdir(),
		         bad[i].file);
		snprintf(where, sizeof(where), "%s%s", path, bad[i].where);
		assert_int_equal(scenario_load(path, &sc, &e), IRD_EUSAGE);
		assert_null(sc);
		if (strncmp(e.msg, where, strlen(where)) != 0 || !strstr(e.msg, bad[i].what))
			fail_msg("%s: got \"%s\"", bad[i].file, e.msg);
	}
}

static void
parse_errors_inline(void **state)
{
	static const char head[] = "[scenario]\nname = s\ntitle = t\nstart = 2015-05-08T00:00:00Z\n";
	static const struct { const char *body, *want; } cases[] = {
		{ "[inject a]\nat = T+0\ntitle = x\n", "t.scenario:5: [inject a]: adds nothing" },
		{ "[inject a]\nat = T+0\ntitle = x\nmessage = m\nexpect = call executives within 1h\n",
		  "t.scenario:9: unknown expectation \"call\"" },
		{ "[inject a]\nat = T+0\ntitle = x\nindicator = c2 url\n",
		  "t.scenario:8: indicator needs ROLE TYPE VALUE" },
		{ "[inject a]\nat = T+0\ntitle = x\nmessage = m\n[reference r]\ntitle = t\nat = soon\n",
		  "t.scenario:11: bad time \"soon\"" },
		{ "[inject a]\nat = T+0\ntitle = x\nmessage = m\n[reference r]\ntitle = t\n"
		  "since = nope\nat = never\n", "t.scenario:11: since: no inject \"nope\"" },
		{ "[inject a]\nat = T+0\ntitle = x\nmessage = m\n[inject a]\n",
		  "t.scenario:9: duplicate inject \"a\"" },
		{ "[step a]\n", "t.scenario:5: unknown section \"[step]\"" },
		{ "[inject a]\nat = T+0\ntitle = x\ntitle[fr] = y\n",
		  "t.scenario:8: unknown language tag \"fr\" in \"title[fr]\"" },
		{ "[inject a]\nat = T+0\ntitle = x\nmessage = m\n[reference r]\ntitle = t\n"
		  "note[ja-JP] = n\n", "t.scenario:11: unknown language tag \"ja-JP\"" },
		{ "[inject a]\nat = T+0\ntitle = x\ntitle[ja] = y\ntitle[ja] = z\n",
		  "t.scenario:9: duplicate key \"title[ja]\"" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[2000];
		scenario *sc = (scenario *)&sc;
		ird_err e = { 0 };

		snprintf(text, sizeof(text), "%s%s", head, cases[i].body);
		assert_int_equal(scenario_parse(text, strlen(text), "t.scenario", &sc, &e), IRD_EUSAGE);
		assert_null(sc);
		if (strncmp(e.msg, cases[i].want, strlen(cases[i].want)) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, e.msg, cases[i].want);
	}
}

/* The reader the three formats share: BOM, CRLF, comments, sections, keys. */
static void
line_reader(void **state)
{
	static const char text[] = "\xEF\xBB\xBF# comment\r\n\n  [inject  a1 ]\r\nkey = a # b\n"
	                           "empty =\nlast=x";
	lr_reader r;
	lr_item it;
	ird_err e = { 0 };

	(void)state;
	lr_init(&r, text, sizeof(text) - 1, "f", IRD_EFAIL, LR_SECTIONS);
	assert_int_equal(lr_next(&r, &it, &e), IRD_OK);
	assert_int_equal(it.kind, LR_SECTION);
	assert_string_equal(it.name, "inject");
	assert_string_equal(it.value, "a1");
	assert_int_equal(r.line, 3);
	assert_int_equal(lr_next(&r, &it, &e), IRD_OK);
	assert_int_equal(it.kind, LR_KEY);
	assert_string_equal(it.name, "key");
	assert_string_equal(it.value, "a # b"); /* a '#' inside a value is part of it */
	assert_int_equal(lr_next(&r, &it, &e), IRD_OK);
	assert_string_equal(it.value, "");
	assert_int_equal(lr_next(&r, &it, &e), IRD_OK);
	assert_string_equal(it.name, "last");
	assert_int_equal(r.line, 6);
	assert_int_equal(lr_next(&r, &it, &e), IRD_OK);
	assert_int_equal(it.kind, LR_END);
	/* Without sections a header is not a key = value line; errors use the code. */
	lr_init(&r, "[x]\n", 4, "conf", IRD_EFAIL, 0);
	assert_int_equal(lr_next(&r, &it, &e), IRD_EFAIL);
	assert_string_equal(e.msg, "conf:1: expected \"key = value\"");
	lr_init(&r, "a = \x1b[0m\n", 9, "conf", IRD_EUSAGE, 0);
	assert_int_equal(lr_next(&r, &it, &e), IRD_EUSAGE);
	assert_string_equal(e.msg, "conf:1: control character at byte 5");
}

static void
clock_arithmetic(void **state)
{
	exercise_row x = { .anchor_real = 1000, .anchor_story = 50000, .speed = 60 };

	(void)state;
	assert_int_equal(exercise_clock_story(&x, 1000), 50000);
	assert_int_equal(exercise_clock_story(&x, 1060), 50000 + 3600); /* a minute: an hour */
	assert_int_equal(exercise_clock_story(&x, 900), 50000);          /* never before the anchor */
	x.paused = 1;
	assert_int_equal(exercise_clock_story(&x, 99999), 50000);
	x.paused = 0;
	x.ended_at = 2000;
	x.ended_story = 77;
	assert_int_equal(exercise_clock_story(&x, 99999), 77);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_jps_2015),
		cmocka_unit_test(offsets),
		cmocka_unit_test(bad_files),
		cmocka_unit_test(parse_errors_inline),
		cmocka_unit_test(line_reader),
		cmocka_unit_test(clock_arithmetic),
	};

	return cmocka_run_group_tests_name("scenario", tests, NULL, NULL);
}
