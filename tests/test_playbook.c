/* test_playbook.c - the playbook parser: shipped files, every error path, conditions,
 * deadlines, discovery. Shipped playbooks are read from $IRDESK_PLAYBOOK_DIR. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/err.h"
#include "base/playbook.h"

/* A valid [playbook] section (lines 1-3) and a valid step (4 lines). */
#define HEAD "[playbook]\nname = t\ntitle = T\n"
#define STEP "[step s]\ntitle = S\ntrigger = case-opened\nper = case\n"
#define RULE "[escalation r]\nrole = executives\ntrigger = case-opened\ndeadline = 60m\n"

static playbook *
parse_ok(const char *text)
{
	playbook *pb = NULL;
	ird_err e;

	ird_err_clear(&e);
	if (playbook_parse(text, strlen(text), "t.playbook", &pb, &e) != 0) {
		print_error("unexpected error: %s\n", e.msg);
		fail();
	}
	assert_non_null(pb);
	return pb;
}

/* Parsing LEN bytes of TEXT fails, *out stays NULL, and the message starts with WHERE
 * ("t.playbook:4: " or "t.playbook: ") and contains PHRASE. */
static void
expect_err_len(const char *text, size_t len, const char *where, const char *phrase)
{
	playbook *pb = (playbook *)&pb; /* must be reset to NULL */
	ird_err e;
	int rc;

	ird_err_clear(&e);
	rc = playbook_parse(text, len, "t.playbook", &pb, &e);
	if (rc != IRD_EUSAGE || pb != NULL || e.code != IRD_EUSAGE ||
	    strncmp(e.msg, where, strlen(where)) != 0 || !strstr(e.msg, phrase)) {
		print_error("input:\n%.*s\n---\nrc %d, message \"%s\"\nwanted \"%s...%s...\"\n",
		            (int)(len > 400 ? 400 : len), text, rc, e.msg, where, phrase);
		fail();
	}
}

static void
expect_err(const char *text, const char *where, const char *phrase)
{
	expect_err_len(text, strlen(text), where, phrase);
}

/* ---- shipped playbooks ---- */

static playbook *
load_shipped(const char *name)
{
	const char *dir = getenv("IRDESK_PLAYBOOK_DIR");
	playbook *pb = NULL;
	ird_err e;

	if (!dir || !*dir)
		return NULL;
	ird_err_clear(&e);
	if (playbook_find(dir, name, &pb, &e) != 0) {
		print_error("%s\n", e.msg);
		fail();
	}
	return pb;
}

static int
tap_output(void)
{
	const char *o = getenv("CMOCKA_MESSAGE_OUTPUT");

	return o && strcasecmp(o, "TAP") == 0;
}

/* cmocka 1.1 prints a skipped test as "not ok N # SKIP", which automake's TAP driver counts
 * as a failure; so under TAP the test passes with a "# skipped" note instead. */
#define SKIP_TEST(why)                                       \
	do {                                                 \
		print_message("# skipped: %s\n", why);      \
		if (!tap_output())                           \
			skip();                              \
		return;                                      \
	} while (0)

#define SKIP_WITHOUT_DIR(pb)                                           \
	do {                                                           \
		if (!(pb))                                             \
			SKIP_TEST("IRDESK_PLAYBOOK_DIR is not set"); \
	} while (0)

static void
check_step(const playbook *pb, const char *id, unsigned triggers, long long deadline,
           pb_per per, pb_requires req, const char *phase)
{
	const pb_step *s = playbook_step(pb, id);

	if (!s) {
		print_error("no step \"%s\"\n", id);
		fail();
	}
	assert_int_equal(s->triggers, triggers);
	assert_int_equal(s->deadline_s, deadline);
	assert_int_equal(s->per, per);
	assert_int_equal(s->requires, req);
	assert_string_equal(s->phase, phase);
	assert_non_null(s->title);
}

static void
check_rule(const playbook *pb, const char *id, const char *role, unsigned triggers,
           long long deadline, size_t nconds)
{
	const pb_rule *r = playbook_rule(pb, id);

	if (!r) {
		print_error("no escalation \"%s\"\n", id);
		fail();
	}
	assert_string_equal(r->role, role);
	assert_int_equal(r->triggers, triggers);
	assert_int_equal(r->deadline_s, deadline);
	assert_int_equal(r->nconds, nconds);
}

static void
test_shipped_targeted_email(void **state)
{
	const unsigned grow = PB_T_MULTI_SITE | PB_T_EXFILTRATION | PB_T_REPEAT_SENDER;
	const unsigned opened = PB_T_CASE_OPENED | PB_T_SEVERITY_RAISED;
	playbook *pb = load_shipped("targeted-email");
	const pb_rule *r;

	(void)state;
	SKIP_WITHOUT_DIR(pb);
	assert_string_equal(pb->name, "targeted-email");
	assert_string_equal(pb->title, "Targeted e-mail attack (標的型メール攻撃)");
	assert_int_equal(pb->version, 1);
	assert_int_equal(pb->nsteps, 14);
	assert_int_equal(pb->nrules, 7);
	assert_non_null(strstr(pb->origin, "targeted-email.playbook"));
	assert_int_equal(strlen(pb->text), pb->textlen);

	check_rule(pb, "csirt-lead", "csirt-lead", PB_T_CASE_OPENED, 15 * 60, 0);
	check_rule(pb, "executives", "executives", opened, 60 * 60, 1);
	check_rule(pb, "ministry", "ministry", opened, 120 * 60, 1);
	r = playbook_rule(pb, "ministry");
	assert_int_equal(r->conds[0].what, PB_C_SEVERITY);
	assert_int_equal(r->conds[0].op, PB_OP_GE);
	assert_string_equal(r->conds[0].value, "high");
	assert_int_equal(r->conds[0].severity_rank, 2);
	check_rule(pb, "executives-again", "executives", grow, 30 * 60, 0);
	check_rule(pb, "regulator-preliminary", "regulator", PB_T_PERSONAL_DATA, 3 * 86400, 0);
	check_rule(pb, "regulator-final", "regulator", PB_T_PERSONAL_DATA | PB_T_CAUSE_SET,
	           30 * 86400, 1);
	check_rule(pb, "regulator-final-unauthorised", "regulator",
	           PB_T_PERSONAL_DATA | PB_T_CAUSE_SET, 60 * 86400, 1);
	r = playbook_rule(pb, "regulator-final-unauthorised");
	assert_int_equal(r->conds[0].what, PB_C_CAUSE);
	assert_int_equal(r->conds[0].op, PB_OP_EQ);
	assert_string_equal(r->conds[0].value, "unauthorised-access");

	check_step(pb, "isolate", PB_T_ASSET_INFECTED, 30 * 60, PB_PER_ASSET,
	           PB_REQ_ASSET_ISOLATED, "containment");
	check_step(pb, "forensic-image", PB_T_ASSET_INFECTED, 24 * 3600, PB_PER_ASSET,
	           PB_REQ_DISK_IMAGE, "identification");
	check_step(pb, "block-sender", PB_T_SENDER_INDICATOR, 15 * 60, PB_PER_INDICATOR,
	           PB_REQ_BLOCK_SENDER, "containment");
	check_step(pb, "block-domain", PB_T_C2_INDICATOR, 30 * 60, PB_PER_INDICATOR,
	           PB_REQ_BLOCK_DOMAIN, "containment");
	check_step(pb, "decide-disconnect", grow, 30 * 60, PB_PER_CASE,
	           PB_REQ_DECISION_DISCONNECT, "containment");
	assert_non_null(strstr(playbook_step(pb, "decide-disconnect")->description,
	                       "mail line"));
	check_step(pb, "ask-recipients", PB_T_SENDER_INDICATOR, 2 * 3600, PB_PER_INDICATOR,
	           PB_REQ_NONE, "identification");
	check_step(pb, "hunt-lan", PB_T_C2_INDICATOR, 4 * 3600, PB_PER_INDICATOR, PB_REQ_NONE,
	           "identification");
	check_step(pb, "reset-admin-passwords", PB_T_ASSET_INFECTED, 24 * 3600, PB_PER_CASE,
	           PB_REQ_NONE, "eradication");
	check_step(pb, "lessons", PB_T_CASE_OPENED, -1, PB_PER_CASE, PB_REQ_NONE, "lessons");
	playbook_free(pb);
}

static void
test_shipped_ransomware(void **state)
{
	playbook *pb = load_shipped("ransomware");

	(void)state;
	SKIP_WITHOUT_DIR(pb);
	assert_string_equal(pb->name, "ransomware");
	assert_int_equal(pb->nsteps, 10);
	assert_int_equal(pb->nrules, 9);
	check_rule(pb, "police", "police", PB_T_CASE_OPENED, 24 * 3600, 2);
	check_rule(pb, "insurer", "insurer", PB_T_CASE_OPENED, 48 * 3600, 1);
	check_step(pb, "isolate", PB_T_ASSET_INFECTED, 15 * 60, PB_PER_ASSET,
	           PB_REQ_ASSET_ISOLATED, "containment");
	check_step(pb, "restore", PB_T_ASSET_INFECTED, -1, PB_PER_CASE, PB_REQ_NONE, "recovery");
	/* exercises never reach the police */
	assert_int_equal(pb_conds_hold(playbook_rule(pb, "police"), "critical", NULL, 1), 0);
	assert_int_equal(pb_conds_hold(playbook_rule(pb, "police"), "critical", NULL, 0), 1);
	assert_int_equal(pb_conds_hold(playbook_rule(pb, "police"), "medium", NULL, 0), 0);
	playbook_free(pb);
}

static void
test_shipped_lost_device(void **state)
{
	playbook *pb = load_shipped("lost-device");
	const pb_rule *police;

	(void)state;
	SKIP_WITHOUT_DIR(pb);
	assert_int_equal(pb->nsteps, 6);
	assert_int_equal(pb->nrules, 8);
	check_rule(pb, "privacy-officer", "privacy-officer", PB_T_PERSONAL_DATA, 4 * 3600, 0);
	check_rule(pb, "data-subjects", "staff", PB_T_PERSONAL_DATA, 7 * 86400, 1);
	check_step(pb, "watch-logins", PB_T_CASE_OPENED, -1, PB_PER_CASE, PB_REQ_NONE,
	           "identification");
	police = playbook_rule(pb, "police");
	assert_int_equal(pb_conds_hold(police, "low", "theft", 0), 1);
	assert_int_equal(pb_conds_hold(police, "low", "loss", 0), 0);
	assert_int_equal(pb_conds_hold(police, "low", NULL, 0), 0);
	playbook_free(pb);
}

/* Every shipped file lists, loads and describes; the describe text names each step. */
static void
test_shipped_all_describe(void **state)
{
	const char *dir = getenv("IRDESK_PLAYBOOK_DIR");
	char **names, **paths;
	size_t n;
	ird_err e;

	(void)state;
	if (!dir || !*dir)
		SKIP_TEST("IRDESK_PLAYBOOK_DIR is not set");
	assert_int_equal(playbook_list(dir, &names, &paths, &n, &e), 0);
	assert_true(n >= 3);
	for (size_t i = 0; i < n; i++) {
		playbook *pb;
		char *d;
		if (playbook_load(paths[i], &pb, &e) != 0) {
			print_error("%s\n", e.msg);
			fail();
		}
		assert_string_equal(pb->name, names[i]);
		assert_non_null(d = playbook_describe(pb));
		for (size_t k = 0; k < pb->nsteps; k++)
			assert_non_null(strstr(d, pb->steps[k].title));
		free(d);
		playbook_free(pb);
	}
	playbook_list_free(names, paths, n);
}

/* ---- languages: title[ja], description[ja] ---- */

static void
test_japanese_title(void **state)
{
	playbook *pb = parse_ok(HEAD "title[ja] = 例\ndescription = D\ndescription[ja] = 説明\n" STEP);

	(void)state;
	assert_string_equal(pb->title, "T");
	assert_string_equal(pb->title_ja, "例");
	assert_string_equal(pb->description, "D");
	assert_string_equal(pb->description_ja, "説明");
	/* the messages here are English: the English title is the one shown */
	assert_string_equal(playbook_title(pb), "T");
	assert_string_equal(playbook_description(pb), "D");
	playbook_free(pb);
}

static void
test_language_tags_refused(void **state)
{
	(void)state;
	expect_err(HEAD "title[fr] = Titre\n" STEP, "t.playbook:4: ",
	           "unknown language tag \"fr\" in \"title[fr]\"");
	expect_err(HEAD "description[en-GB] = D\n" STEP, "t.playbook:4: ",
	           "unknown language tag \"en-GB\"");
	expect_err(HEAD STEP "title[de] = S\n", "t.playbook:8: ", "unknown language tag \"de\"");
	/* [ja] where irdesk does not read it: an unknown key */
	expect_err(HEAD STEP "title[ja] = S\n", "t.playbook:8: ", "unknown key \"title[ja]\"");
	expect_err(HEAD "title[ja] = A\ntitle[ja] = B\n" STEP, "t.playbook:5: ",
	           "duplicate key \"title[ja]\"");
}

/* ---- good inline text ---- */

static void
test_minimal_defaults(void **state)
{
	const char *text = HEAD STEP;
	playbook *pb = parse_ok(text);
	const pb_step *s = &pb->steps[0];

	(void)state;
	assert_string_equal(pb->name, "t");
	assert_string_equal(pb->title, "T");
	assert_null(pb->description);
	assert_int_equal(pb->version, 1);
	assert_int_equal(pb->nsteps, 1);
	assert_int_equal(pb->nrules, 0);
	assert_string_equal(s->id, "s");
	assert_string_equal(s->phase, "containment");
	assert_int_equal(s->deadline_s, -1);
	assert_int_equal(s->requires, PB_REQ_NONE);
	assert_int_equal(s->per, PB_PER_CASE);
	assert_null(s->description);
	assert_string_equal(pb->text, text);
	assert_int_equal(pb->textlen, strlen(text));
	assert_string_equal(pb->origin, "t.playbook");
	assert_ptr_equal(playbook_step(pb, "s"), s);
	assert_null(playbook_step(pb, "nope"));
	assert_null(playbook_rule(pb, "s"));
	playbook_free(pb);
	playbook_free(NULL);
}

static void
test_lexical_details(void **state)
{
	/* BOM, CRLF, comments, indented lines, blanks around '=' and in brackets, '#' and '='
	 * inside a value, no final newline, escalations only, [playbook] last. */
	const char *text =
		"\xEF\xBB\xBF# comment\r\n"
		"\r\n"
		"  [ escalation  lead ]  \r\n"
		"\trole=csirt-lead\r\n"
		"trigger =case-opened ,severity-raised\r\n"
		"   # indented comment\n"
		"deadline= 1h30m\n"
		"description = call #2 = the desk; 電話  \n"
		"when = severity>=medium\n"
		"when=exercise = no\n"
		"[playbook]\n"
		"name = x-1\n"
		"title = タイトル # not a comment\n"
		"version = 42";
	playbook *pb = parse_ok(text);
	const pb_rule *r = playbook_rule(pb, "lead");

	(void)state;
	assert_non_null(r);
	assert_string_equal(r->role, "csirt-lead");
	assert_int_equal(r->triggers, PB_T_CASE_OPENED | PB_T_SEVERITY_RAISED);
	assert_int_equal(r->deadline_s, 5400);
	assert_string_equal(r->description, "call #2 = the desk; 電話");
	assert_int_equal(r->nconds, 2);
	assert_int_equal(r->conds[0].what, PB_C_SEVERITY);
	assert_int_equal(r->conds[0].op, PB_OP_GE);
	assert_int_equal(r->conds[0].severity_rank, 1);
	assert_int_equal(r->conds[1].what, PB_C_EXERCISE);
	assert_int_equal(r->conds[1].severity_rank, 0);
	assert_string_equal(pb->name, "x-1");
	assert_string_equal(pb->title, "タイトル # not a comment");
	assert_int_equal(pb->version, 42);
	assert_int_equal(pb->nsteps, 0);
	assert_memory_equal(pb->text, text, strlen(text));
	playbook_free(pb);
}

static void
test_many_sections(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	playbook *pb;

	(void)state;
	assert_non_null(f);
	fputs(HEAD, f);
	for (int i = 0; i < 100; i++)
		fprintf(f, "[step s%d]\ntitle = S\ntrigger = asset-infected\nper = asset\n"
		           "[escalation r%d]\nrole = r\ntrigger = cause-set\ndeadline = %ds\n",
		        i, i, i);
	assert_int_equal(fclose(f), 0);
	pb = parse_ok(text);
	assert_int_equal(pb->nsteps, 100);
	assert_int_equal(pb->nrules, 100);
	assert_string_equal(pb->steps[99].id, "s99");
	assert_int_equal(playbook_rule(pb, "r57")->deadline_s, 57);
	playbook_free(pb);
	free(text);
}

static void
test_step_per_rules_ok(void **state)
{
	playbook *pb = parse_ok(HEAD
		"[step a]\ntitle = A\ntrigger = sender-indicator, c2-indicator\nper = indicator\n"
		"requires = block-domain\n"
		"[step b]\ntitle = B\ntrigger = sender-indicator\nper = indicator\n"
		"requires = block-sender\ndeadline = 0s\n"
		"[step c]\ntitle = C\ntrigger = asset-infected, multi-site\nper = case\n"
		"requires = decision-full-disconnect\nphase = preparation\n");

	(void)state;
	assert_int_equal(pb->steps[0].requires, PB_REQ_BLOCK_DOMAIN);
	assert_int_equal(pb->steps[1].deadline_s, 0);
	assert_string_equal(pb->steps[2].phase, "preparation");
	playbook_free(pb);
}

/* ---- errors, with FILE:LINE ---- */

static void
test_err_structure(void **state)
{
	(void)state;
	expect_err("name = x\n" HEAD STEP, "t.playbook:1: ", "\"name\" before any section");
	expect_err("# c\n\ntitle = x\n", "t.playbook:3: ", "before any section");
	expect_err(HEAD "just words\n" STEP, "t.playbook:4: ", "expected \"key = value\"");
	expect_err(HEAD "[step a\n", "t.playbook:4: ", "unterminated \"[\"");
	expect_err(HEAD "[step a] # note\n", "t.playbook:4: ", "text after \"]\"");
	expect_err(HEAD "[step [a]\n", "t.playbook:4: ", "bad section header");
	expect_err(HEAD "[step a b]\n", "t.playbook:4: ", "bad section header");
	expect_err(HEAD "[stage a]\n", "t.playbook:4: ", "unknown section \"[stage]\"");
	expect_err(HEAD "[]\n", "t.playbook:4: ", "unknown section");
	expect_err(HEAD "[step]\n", "t.playbook:4: ", "[step] needs an id");
	expect_err(HEAD "[escalation ]\n", "t.playbook:4: ", "[escalation] needs an id");
	expect_err(HEAD "[step Isolate]\n", "t.playbook:4: ", "bad step id \"Isolate\"");
	expect_err(HEAD "[step a_b]\n", "t.playbook:4: ", "bad step id");
	expect_err(HEAD "[escalation 標的]\n", "t.playbook:4: ", "bad escalation id");
	expect_err("[playbook x]\n", "t.playbook:1: ", "[playbook] takes no id");
	expect_err(HEAD STEP "[playbook]\n", "t.playbook:8: ", "duplicate [playbook] section");
	expect_err(HEAD STEP "[step s]\n", "t.playbook:8: ", "duplicate step \"s\"");
	expect_err(HEAD RULE "[escalation r]\n", "t.playbook:8: ", "duplicate escalation \"r\"");
	/* a step and an escalation may share an id: they are different kinds */
	playbook_free(parse_ok(HEAD "[step x]\ntitle = S\ntrigger = case-opened\nper = case\n"
	                            "[escalation x]\nrole = r\ntrigger = case-opened\n"
	                            "deadline = 1m\n"));
}

static void
test_err_keys(void **state)
{
	(void)state;
	expect_err(HEAD "colour = red\n", "t.playbook:4: ",
	           "unknown key \"colour\" in [playbook] (expected one of: name, title");
	expect_err(HEAD "[step s]\ntitel = x\n", "t.playbook:5: ",
	           "unknown key \"titel\" in [step s]");
	expect_err(HEAD RULE "per = case\n", "t.playbook:8: ",
	           "unknown key \"per\" in [escalation r]");
	expect_err(HEAD "title = again\n", "t.playbook:4: ",
	           "duplicate key \"title\" (first set on line 3)");
	expect_err(HEAD STEP "per = asset\n", "t.playbook:8: ", "duplicate key \"per\"");
	expect_err(HEAD RULE "deadline = 1m\n", "t.playbook:8: ", "duplicate key \"deadline\"");
	expect_err(HEAD "description =\n", "t.playbook:4: ", "empty value for \"description\"");
	expect_err(HEAD "= x\n", "t.playbook:4: ", "unknown key \"\"");
	/* missing required keys point at the section header */
	expect_err("[playbook]\nname = t\n" STEP, "t.playbook:1: ",
	           "[playbook]: missing required key \"title\"");
	expect_err("[playbook]\ntitle = t\n" STEP, "t.playbook:1: ", "missing required key \"name\"");
	expect_err(HEAD "\n[step s]\ntitle = S\ntrigger = case-opened\n", "t.playbook:5: ",
	           "[step s]: missing required key \"per\"");
	expect_err(HEAD "[step s]\ntrigger = case-opened\nper = case\n" RULE, "t.playbook:4: ",
	           "missing required key \"title\"");
	expect_err(HEAD "[step s]\ntitle = S\nper = case\n", "t.playbook:4: ",
	           "missing required key \"trigger\"");
	expect_err(HEAD "[escalation r]\nrole = r\ntrigger = case-opened\n" STEP,
	           "t.playbook:4: ", "[escalation r]: missing required key \"deadline\"");
	expect_err(HEAD "[escalation r]\ntrigger = case-opened\ndeadline = 1m\n",
	           "t.playbook:4: ", "missing required key \"role\"");
	expect_err(HEAD "[escalation r]\nrole = r\ndeadline = 1m\n", "t.playbook:4: ",
	           "missing required key \"trigger\"");
}

static void
test_err_values(void **state)
{
	(void)state;
	expect_err("[playbook]\nname = Targeted\n", "t.playbook:2: ", "bad name \"Targeted\"");
	expect_err("[playbook]\nname = a b\n", "t.playbook:2: ", "bad name");
	expect_err(HEAD "version = one\n", "t.playbook:4: ", "bad version \"one\"");
	expect_err(HEAD "version = 0\n", "t.playbook:4: ", "bad version");
	expect_err(HEAD "version = -1\n", "t.playbook:4: ", "bad version");
	expect_err(HEAD "version = 99999999999999999999\n", "t.playbook:4: ", "bad version");
	expect_err(HEAD "[step s]\ntrigger = asset-infekted\n", "t.playbook:5: ",
	           "unknown trigger \"asset-infekted\" (expected one of: case-opened, "
	           "severity-raised, asset-infected");
	expect_err(HEAD "[step s]\ntrigger = case-opened,,cause-set\n", "t.playbook:5: ",
	           "empty trigger");
	expect_err(HEAD "[step s]\ntrigger = case-opened,\n", "t.playbook:5: ", "empty trigger");
	expect_err(HEAD "[step s]\ntrigger = cause-set, cause-set\n", "t.playbook:5: ",
	           "trigger \"cause-set\" listed twice");
	expect_err(HEAD "[step s]\nphase = cleanup\n", "t.playbook:5: ",
	           "unknown phase \"cleanup\" (expected one of: preparation");
	expect_err(HEAD "[step s]\nper = host\n", "t.playbook:5: ",
	           "unknown per \"host\" (expected one of: case, asset, indicator)");
	expect_err(HEAD "[step s]\nrequires = isolated\n", "t.playbook:5: ",
	           "unknown requires \"isolated\"");
	expect_err(HEAD "[step s]\ndeadline = 10x\n", "t.playbook:5: ", "bad deadline \"10x\"");
	expect_err(HEAD "[escalation r]\ndeadline = none\n", "t.playbook:5: ",
	           "an escalation needs a deadline");
	expect_err(HEAD "[escalation r]\nrole = Executives\n", "t.playbook:5: ",
	           "bad role \"Executives\"");
	expect_err(HEAD "[escalation r]\nrole = lead of team\n", "t.playbook:5: ", "bad role");
}

static void
test_err_step_rules(void **state)
{
	(void)state;
	/* per/trigger errors point at the per line, requires errors at the requires line */
	expect_err(HEAD "[step s]\ntitle = S\nper = asset\ntrigger = case-opened\n",
	           "t.playbook:6: ", "step \"s\": per = asset allows only the trigger asset-infected");
	expect_err(HEAD "[step s]\ntitle = S\ntrigger = asset-infected, multi-site\nper = asset\n",
	           "t.playbook:7: ", "per = asset allows only");
	expect_err(HEAD "[step s]\ntitle = S\ntrigger = asset-infected\nper = indicator\n" RULE,
	           "t.playbook:7: ", "per = indicator allows only the triggers sender-indicator");
	expect_err(HEAD "[step s]\ntitle = S\ntrigger = case-opened\nper = case\n"
	           "requires = asset-isolated\n",
	           "t.playbook:8: ", "requires = asset-isolated needs per = asset");
	expect_err(HEAD "[step s]\ntitle = S\nrequires = evidence-disk-image\n"
	           "trigger = c2-indicator\nper = indicator\n",
	           "t.playbook:6: ", "requires = evidence-disk-image needs per = asset");
	expect_err(HEAD "[step s]\ntitle = S\ntrigger = c2-indicator\nper = indicator\n"
	           "requires = block-sender\n", "t.playbook:8: ", "requires = block-sender needs");
	expect_err(HEAD "[step s]\ntitle = S\ntrigger = asset-infected\nper = asset\n"
	           "requires = block-domain\n", "t.playbook:8: ",
	           "requires = block-domain needs per = indicator");
	expect_err(HEAD "[step s]\ntitle = S\ntrigger = asset-infected\nper = asset\n"
	           "requires = decision-full-disconnect\n", "t.playbook:8: ",
	           "requires = decision-full-disconnect needs per = case");
}

static void
test_err_conditions(void **state)
{
	char text[4096];
	int n;

	(void)state;
#define W(cond) HEAD "[escalation r]\nwhen = " cond "\n"
	expect_err(W("severity high"), "t.playbook:5: ", "bad condition \"severity high\"");
	expect_err(W("severity"), "t.playbook:5: ", "bad condition");
	expect_err(W(">= high"), "t.playbook:5: ", "bad condition");
	expect_err(W("severity == high"), "t.playbook:5: ", "expected one value after \"=\"");
	expect_err(W("severity >="), "t.playbook:5: ", "expected one value");
	expect_err(W("severity >= high extra"), "t.playbook:5: ", "expected one value");
	expect_err(W("severity >= urgent"), "t.playbook:5: ",
	           "unknown severity \"urgent\" (expected one of: low, medium, high, critical)");
	expect_err(W("Severity >= high"), "t.playbook:5: ", "bad condition");
	expect_err(W("colour = red"), "t.playbook:5: ",
	           "unknown condition \"colour\" (expected severity, cause or exercise)");
	expect_err(W("cause >= theft"), "t.playbook:5: ", "cause can only be compared with = or !=");
	expect_err(W("cause = Theft"), "t.playbook:5: ", "bad cause \"Theft\"");
	expect_err(W("exercise = maybe"), "t.playbook:5: ", "expected yes or no");
	expect_err(W("exercise != yes"), "t.playbook:5: ", "exercise can only be compared with =");
#undef W
	n = snprintf(text, sizeof(text), HEAD "[escalation r]\n");
	for (int i = 0; i <= PB_MAX_CONDS; i++)
		n += snprintf(text + n, sizeof(text) - (size_t)n, "when = severity > low\n");
	expect_err(text, "t.playbook:21: ", "too many \"when\" lines");
}

static void
test_err_whole_file(void **state)
{
	(void)state;
	expect_err("", "t.playbook: ", "missing [playbook] section");
	expect_err("# only a comment\n\n", "t.playbook: ", "missing [playbook] section");
	expect_err(STEP, "t.playbook: ", "missing [playbook] section");
	expect_err(HEAD, "t.playbook: ", "no [step] or [escalation] sections");
	expect_err(HEAD "description = d\n", "t.playbook: ", "no [step]");
}

static void
test_err_bytes(void **state)
{
	static const char nul[] = HEAD "descr\0iption = x\n" STEP;
	char *big;
	size_t n;

	(void)state;
	expect_err_len(nul, sizeof(nul) - 1, "t.playbook:4: ", "NUL byte at byte 6");
	expect_err(HEAD "description = \xff\n", "t.playbook:4: ", "invalid UTF-8 at byte 15");
	expect_err("[playbook]\ntitle = \xc0\xaf\n", "t.playbook:2: ", "invalid UTF-8");
	expect_err("[playbook]\ntitle = \xed\xa0\x80\n", "t.playbook:2: ", "invalid UTF-8");
	expect_err("[playbook]\ntitle = \xf4\x90\x80\x80\n", "t.playbook:2: ", "invalid UTF-8");
	expect_err("[playbook]\ntitle = \xe6\x97\n", "t.playbook:2: ", "invalid UTF-8");
	expect_err("[playbook]\ntitle = \xe6\x97", "t.playbook:2: ", "invalid UTF-8");
	expect_err("[playbook]\ntitle = a\x80z\n", "t.playbook:2: ", "invalid UTF-8");
	expect_err("# \xfe comment\n", "t.playbook:1: ", "invalid UTF-8");
	expect_err("[playbook]\ntitle = \x1b[31mred\n", "t.playbook:2: ", "control character");
	expect_err("[playbook]\ntitle = a\rb\n", "t.playbook:2: ", "control character");
	expect_err("[playbook]\ntitle = \xc2\x9b" "31m\n", "t.playbook:2: ", "control character");
	expect_err("\n\xEF\xBB\xBF[playbook]\n", "t.playbook:2: ", "expected"); /* BOM on line 1 only */

	/* lines: 4096 bytes are fine, 4097 are not */
	big = malloc(PB_MAX_FILE + 2);
	assert_non_null(big);
	n = (size_t)sprintf(big, HEAD STEP "description = ");
	memset(big + n, 'x', PB_MAX_LINE - strlen("description = "));
	n += PB_MAX_LINE - strlen("description = ");
	big[n++] = '\n';
	big[n] = '\0';
	playbook_free(parse_ok(big));
	memcpy(big + n - 1, "x\n", 3);
	expect_err(big, "t.playbook:8: ", "line too long (4097 bytes, at most 4096)");

	/* the file: 1 MiB is the limit */
	memset(big, '#', PB_MAX_FILE + 1);
	for (size_t i = 100; i < PB_MAX_FILE + 1; i += 100)
		big[i] = '\n';
	expect_err_len(big, PB_MAX_FILE + 1, "t.playbook: ", "file too large");
	expect_err_len(big, PB_MAX_FILE, "t.playbook: ", "missing [playbook]");
	free(big);
}

/* ---- conditions ---- */

static void
test_conditions(void **state)
{
	playbook *pb = parse_ok(HEAD
		"[escalation none]\nrole = r\ntrigger = case-opened\ndeadline = 1m\n"
		"[escalation high]\nrole = r\ntrigger = case-opened\ndeadline = 1m\n"
		"when = severity >= high\n"
		"[escalation ops]\nrole = r\ntrigger = case-opened\ndeadline = 1m\n"
		"when = severity > low\nwhen = severity < critical\nwhen = severity != medium\n"
		"[escalation le]\nrole = r\ntrigger = case-opened\ndeadline = 1m\n"
		"when = severity <= medium\n"
		"[escalation eq]\nrole = r\ntrigger = case-opened\ndeadline = 1m\n"
		"when = severity = medium\n"
		"[escalation cause]\nrole = r\ntrigger = cause-set\ndeadline = 1m\n"
		"when = cause != unauthorised-access\nwhen = exercise = yes\n");
	const pb_rule *none = playbook_rule(pb, "none"), *high = playbook_rule(pb, "high");
	const pb_rule *ops = playbook_rule(pb, "ops"), *le = playbook_rule(pb, "le");
	const pb_rule *eq = playbook_rule(pb, "eq"), *cause = playbook_rule(pb, "cause");

	(void)state;
	assert_int_equal(severity_rank("low"), 0);
	assert_int_equal(severity_rank("critical"), 3);
	assert_int_equal(severity_rank("High"), -1);
	assert_int_equal(severity_rank(NULL), -1);

	assert_int_equal(pb_conds_hold(none, NULL, NULL, 0), 1);
	assert_int_equal(pb_conds_hold(NULL, "high", NULL, 0), 0);
	assert_int_equal(pb_conds_hold(high, "low", NULL, 0), 0);
	assert_int_equal(pb_conds_hold(high, "medium", NULL, 0), 0);
	assert_int_equal(pb_conds_hold(high, "high", NULL, 0), 1);
	assert_int_equal(pb_conds_hold(high, "critical", NULL, 1), 1);
	assert_int_equal(pb_conds_hold(high, NULL, NULL, 0), 0);     /* unknown: no order */
	assert_int_equal(pb_conds_hold(high, "bogus", NULL, 0), 0);
	assert_int_equal(pb_conds_hold(ops, "low", NULL, 0), 0);
	assert_int_equal(pb_conds_hold(ops, "medium", NULL, 0), 0);
	assert_int_equal(pb_conds_hold(ops, "high", NULL, 0), 1);
	assert_int_equal(pb_conds_hold(ops, "critical", NULL, 0), 0);
	assert_int_equal(pb_conds_hold(le, "low", NULL, 0), 1);
	assert_int_equal(pb_conds_hold(le, "medium", NULL, 0), 1);
	assert_int_equal(pb_conds_hold(le, "high", NULL, 0), 0);
	assert_int_equal(pb_conds_hold(eq, "medium", NULL, 0), 1);
	assert_int_equal(pb_conds_hold(eq, "high", NULL, 0), 0);
	assert_int_equal(pb_conds_hold(eq, NULL, NULL, 0), 0);
	/* cause != X and exercise = yes */
	assert_int_equal(pb_conds_hold(cause, NULL, "malware", 1), 1);
	assert_int_equal(pb_conds_hold(cause, NULL, "malware", 0), 0);
	assert_int_equal(pb_conds_hold(cause, NULL, "unauthorised-access", 1), 0);
	assert_int_equal(pb_conds_hold(cause, NULL, NULL, 1), 1); /* unknown cause: "!=" holds */
	assert_int_equal(pb_conds_hold(cause, NULL, "", 1), 1);
	assert_int_equal(pb_conds_hold(cause, NULL, "malware", 7), 1);
	playbook_free(pb);
}

static void
test_conditions_shipped_policy(void **state)
{
	/* the two final-report rules of the default policy are exclusive once a cause is set */
	playbook *pb = parse_ok(HEAD
		"[escalation final]\nrole = regulator\ntrigger = personal-data, cause-set\n"
		"when = cause != unauthorised-access\ndeadline = 30d\n"
		"[escalation final-ua]\nrole = regulator\ntrigger = personal-data, cause-set\n"
		"when = cause = unauthorised-access\ndeadline = 60d\n");
	const pb_rule *a = playbook_rule(pb, "final"), *b = playbook_rule(pb, "final-ua");
	static const char *const causes[] = { "malware", "unauthorised-access", "theft", "loss" };

	(void)state;
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(pb_conds_hold(a, "high", causes[i], 0) +
		                 pb_conds_hold(b, "high", causes[i], 0), 1);
	assert_int_equal(pb_conds_hold(a, "high", NULL, 0), 1);
	assert_int_equal(pb_conds_hold(b, "high", NULL, 0), 0);
	playbook_free(pb);
}

/* ---- deadlines, triggers, names ---- */

static void
test_deadline_parse(void **state)
{
	static const struct { const char *s; long long v; } good[] = {
		{ "1h30m", 5400 }, { "3d", 259200 }, { "45s", 45 }, { "none", -1 },
		{ "0s", 0 }, { "90m", 5400 }, { "1d2h3m4s", 93784 }, { "30d", 2592000 },
		{ "0001m", 60 }, { "3650d", PB_MAX_DEADLINE }, { "315360000s", PB_MAX_DEADLINE },
		{ "1d1s", 86401 },
	};
	static const char *const bad[] = {
		"10x", "m", "-5m", "+5m", "", "30", "1h1h", "30m1h", "1H", "1h 30m", " 1h",
		"1h ", "None", "99999999999999999999d", "9223372036854775807s", "3651d",
		"315360001s", "3650d1s", "1.5h", "1hm", "0x10s", "5 m",
	};
	long long v;

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		v = -99;
		if (pb_deadline_parse(good[i].s, &v) != 0 || v != good[i].v) {
			print_error("\"%s\" -> %lld, wanted %lld\n", good[i].s, v, good[i].v);
			fail();
		}
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = -99;
		if (pb_deadline_parse(bad[i], &v) == 0) {
			print_error("\"%s\" accepted as %lld\n", bad[i], v);
			fail();
		}
		assert_int_equal(v, -99); /* untouched on error */
	}
}

static void
test_deadline_format(void **state)
{
	static const struct { long long v; const char *s; } cases[] = {
		{ 5400, "1h30m" }, { -1, "none" }, { 0, "0s" }, { 86400, "24h" },
		{ 90061, "25h1m1s" }, { 7200, "2h" }, { 45, "45s" }, { 2592000, "30d" },
		{ 172799, "47h59m59s" }, { 172800, "2d" }, { 266461, "3d2h1m1s" },
		{ PB_MAX_DEADLINE, "3650d" },
	};
	static const long long trips[] = {
		-1, 0, 1, 59, 60, 61, 3599, 3600, 5400, 86399, 86400, 172799, 172800, 259200,
		5184000, 266461,
		PB_MAX_DEADLINE - 1, PB_MAX_DEADLINE,
	};
	char buf[32];
	long long v;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(pb_deadline_format(cases[i].v, buf, sizeof(buf)), 0);
		assert_string_equal(buf, cases[i].s);
	}
	for (size_t i = 0; i < sizeof(trips) / sizeof(trips[0]); i++) {
		assert_int_equal(pb_deadline_format(trips[i], buf, sizeof(buf)), 0);
		assert_int_equal(pb_deadline_parse(buf, &v), 0);
		assert_int_equal(v, trips[i]);
	}
	assert_int_equal(pb_deadline_format(-2, buf, sizeof(buf)), -1);
	assert_int_equal(pb_deadline_format(PB_MAX_DEADLINE + 1, buf, sizeof(buf)), -1);
	assert_int_equal(pb_deadline_format(90061, buf, 5), -1); /* truncated */
	assert_int_equal(pb_deadline_format(266461, buf, 8), -1);
	assert_int_equal(pb_deadline_format(-1, buf, 4), -1);
	assert_int_equal(pb_deadline_format(60, buf, 0), -1);
	assert_int_equal(pb_deadline_format(60, buf, 3), 0);
	assert_string_equal(buf, "1m");
}

static void
test_names(void **state)
{
	char buf[256];
	unsigned bit = 0;

	(void)state;
	for (unsigned i = 0; i < PB_NTRIGGERS; i++) {
		const char *name = pb_trigger_name(1u << i);
		assert_non_null(name);
		assert_int_equal(pb_trigger_parse(name, &bit), 0);
		assert_int_equal(bit, 1u << i);
	}
	assert_string_equal(pb_trigger_name(PB_T_MULTI_SITE), "multi-site");
	assert_string_equal(pb_trigger_name(PB_T_C2_INDICATOR), "c2-indicator");
	assert_null(pb_trigger_name(0));
	assert_null(pb_trigger_name(PB_T_CASE_OPENED | PB_T_CAUSE_SET));
	assert_null(pb_trigger_name(1u << PB_NTRIGGERS));
	assert_int_equal(pb_trigger_parse("Case-Opened", &bit), -1);
	assert_int_equal(pb_triggers_format(PB_T_CAUSE_SET | PB_T_CASE_OPENED, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "case-opened, cause-set");
	assert_int_equal(pb_triggers_format(0, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	assert_int_equal(pb_triggers_format(PB_T_ALL, buf, 20), -1);
	assert_string_equal(pb_per_name(PB_PER_INDICATOR), "indicator");
	assert_string_equal(pb_requires_name(PB_REQ_DISK_IMAGE), "evidence-disk-image");
	assert_string_equal(pb_requires_name(PB_REQ_DECISION_DISCONNECT),
	                    "decision-full-disconnect");
	assert_string_equal(pb_op_name(PB_OP_LE), "<=");
	assert_true(pb_valid_id("a-1"));
	assert_false(pb_valid_id(""));
	assert_false(pb_valid_id("a/b"));
	assert_false(pb_valid_id(".."));
	memset(buf, 'a', PB_MAX_ID + 1);
	buf[PB_MAX_ID + 1] = '\0';
	assert_false(pb_valid_id(buf));
	buf[PB_MAX_ID] = '\0';
	assert_true(pb_valid_id(buf));
}

static void
test_describe(void **state)
{
	playbook *pb = parse_ok(HEAD "description = About.\nversion = 3\n"
		"[step isolate]\ntitle = Isolate the host (隔離)\ntrigger = asset-infected\n"
		"deadline = 1h30m\nper = asset\nrequires = asset-isolated\ndescription = Unplug.\n"
		"[escalation ministry]\nrole = ministry\ntrigger = case-opened, severity-raised\n"
		"when = severity >= high\nwhen = exercise = no\ndeadline = 120m\n");
	char *d = playbook_describe(pb);

	(void)state;
	assert_non_null(d);
	assert_non_null(strstr(d, "playbook t (version 3): T\n  About.\n  from t.playbook\n"));
	assert_non_null(strstr(d, "steps (1):\n  isolate: Isolate the host (隔離)\n"
	                          "    phase containment; on asset-infected; deadline 1h30m; "
	                          "per asset; requires asset-isolated\n    Unplug.\n"));
	assert_non_null(strstr(d, "escalations (1):\n  ministry: notify ministry within 2h\n"
	                          "    on case-opened, severity-raised; when severity >= high "
	                          "and exercise = no\n"));
	free(d);
	playbook_free(pb);
}

/* ---- files and discovery ---- */

static char *
mkdir_tmp(void)
{
	const char *t = getenv("TMPDIR");
	char *dir;

	assert_true(asprintf(&dir, "%s/pbtest.XXXXXX", t && *t ? t : "/tmp") > 0);
	assert_non_null(mkdtemp(dir));
	return dir;
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char *path;
	FILE *f;

	assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static void
remove_file(const char *dir, const char *name)
{
	char *path;

	assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
	assert_int_equal(remove(path), 0);
	free(path);
}

static const char *
pb_text(const char *name, const char *title)
{
	static char buf[256]; /* tests run one at a time */

	snprintf(buf, sizeof(buf), "[playbook]\nname = %s\ntitle = %s\n" STEP, name, title);
	return buf;
}

static void
test_load_errors(void **state)
{
	char *dir = mkdir_tmp(), *path;
	playbook *pb = (playbook *)&pb;
	ird_err e;

	(void)state;
	write_file(dir, "bad.playbook", HEAD STEP "trigger = x\n");
	assert_true(asprintf(&path, "%s/bad.playbook", dir) > 0);
	assert_int_equal(playbook_load(path, &pb, &e), IRD_EUSAGE);
	assert_null(pb);
	assert_non_null(strstr(e.msg, "/bad.playbook:8: duplicate key \"trigger\""));
	assert_int_equal(strncmp(e.msg, path, strlen(path)), 0);
	free(path);

	assert_true(asprintf(&path, "%s/missing.playbook", dir) > 0);
	assert_int_equal(playbook_load(path, &pb, &e), IRD_ENOTFOUND);
	assert_null(pb);
	assert_non_null(strstr(e.msg, "missing.playbook: "));
	free(path);

	assert_int_equal(playbook_load(dir, &pb, &e), IRD_EFAIL); /* a directory */
	assert_non_null(strstr(e.msg, "not a regular file"));
	assert_true(asprintf(&path, "%s/fifo.playbook", dir) > 0);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(playbook_load(path, &pb, &e), IRD_EFAIL); /* must not block */
	assert_non_null(strstr(e.msg, "fifo.playbook: not a regular file"));
	assert_int_equal(remove(path), 0);
	free(path);

	/* a file over 1 MiB is refused before it is read */
	{
		char *big = malloc(PB_MAX_FILE + 2);
		assert_non_null(big);
		memset(big, '#', PB_MAX_FILE + 1);
		big[PB_MAX_FILE + 1] = '\0';
		write_file(dir, "big.playbook", big);
		free(big);
	}
	assert_true(asprintf(&path, "%s/big.playbook", dir) > 0);
	assert_int_equal(playbook_load(path, &pb, &e), IRD_EUSAGE);
	assert_null(pb);
	assert_non_null(strstr(e.msg, "big.playbook: file too large"));
	free(path);

	write_file(dir, "good.playbook", pb_text("good", "Good"));
	assert_true(asprintf(&path, "%s/good.playbook", dir) > 0);
	assert_int_equal(playbook_load(path, &pb, &e), 0);
	assert_string_equal(pb->origin, path);
	assert_string_equal(pb->text, pb_text("good", "Good"));
	playbook_free(pb);
	free(path);

	remove_file(dir, "bad.playbook");
	remove_file(dir, "big.playbook");
	remove_file(dir, "good.playbook");
	assert_int_equal(rmdir(dir), 0);
	free(dir);
}

static void
test_discovery(void **state)
{
	char *a = mkdir_tmp(), *b = mkdir_tmp(), *path, *sub;
	char **names, **paths;
	playbook *pb;
	size_t n;
	ird_err e;

	(void)state;
	write_file(a, "alpha.playbook", pb_text("alpha", "Alpha from A"));
	write_file(a, "zulu.playbook", pb_text("zulu", "Zulu from A"));
	write_file(a, "notes.txt", "not a playbook");
	write_file(a, "Upper.playbook", pb_text("upper", "bad file name"));
	write_file(a, ".playbook", "no name");
	write_file(b, "alpha.playbook", pb_text("alpha", "Alpha from B"));
	write_file(b, "mike.playbook", pb_text("mike", "Mike from B"));
	write_file(b, "wrong.playbook", pb_text("other", "name does not match"));
	write_file(b, "broken.playbook", "[playbook]\nname = broken\n");
	assert_true(asprintf(&sub, "%s/dir.playbook", b) > 0);
	assert_int_equal(mkdir(sub, 0700), 0);
	/* empty components and missing directories are skipped */
	assert_true(asprintf(&path, ":%s::/nonexistent/irdesk:%s:", a, b) > 0);

	assert_int_equal(playbook_list(path, &names, &paths, &n, &e), 0);
	assert_int_equal(n, 5);
	assert_string_equal(names[0], "alpha");
	assert_string_equal(names[1], "broken");
	assert_string_equal(names[2], "mike");
	assert_string_equal(names[3], "wrong");
	assert_string_equal(names[4], "zulu");
	assert_int_equal(strncmp(paths[0], a, strlen(a)), 0); /* first directory wins */
	assert_int_equal(strncmp(paths[2], b, strlen(b)), 0);
	assert_non_null(strstr(paths[2], "/mike.playbook"));
	playbook_list_free(names, paths, n);

	assert_int_equal(playbook_find(path, "alpha", &pb, &e), 0);
	assert_string_equal(pb->title, "Alpha from A");
	playbook_free(pb);
	assert_int_equal(playbook_find(path, "mike", &pb, &e), 0);
	assert_string_equal(pb->title, "Mike from B");
	playbook_free(pb);
	free(path);

	/* order matters: B first */
	assert_true(asprintf(&path, "%s:%s", b, a) > 0);
	assert_int_equal(playbook_find(path, "alpha", &pb, &e), 0);
	assert_string_equal(pb->title, "Alpha from B");
	playbook_free(pb);
	assert_int_equal(playbook_list(path, &names, &paths, &n, &e), 0);
	assert_int_equal(n, 5);
	assert_int_equal(strncmp(paths[0], b, strlen(b)), 0);
	playbook_list_free(names, paths, n);

	assert_int_equal(playbook_find(path, "nope", &pb, &e), IRD_ENOTFOUND);
	assert_null(pb);
	assert_non_null(strstr(e.msg, "no playbook \"nope\""));
	assert_int_equal(playbook_find(path, "wrong", &pb, &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "name \"other\" does not match the file name"));
	assert_null(pb);
	assert_int_equal(playbook_find(path, "broken", &pb, &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "broken.playbook:1: [playbook]: missing required key"));
	assert_int_equal(playbook_find(path, "../x", &pb, &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "bad playbook name"));
	assert_int_equal(playbook_find(path, "dir", &pb, &e), IRD_EFAIL);
	assert_int_equal(playbook_find("", "alpha", &pb, &e), IRD_ENOTFOUND);
	free(path);

	assert_int_equal(playbook_list("/nonexistent/irdesk", &names, &paths, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_null(names);
	playbook_list_free(names, paths, n);

	assert_int_equal(rmdir(sub), 0);
	free(sub);
	remove_file(a, "alpha.playbook");
	remove_file(a, "zulu.playbook");
	remove_file(a, "notes.txt");
	remove_file(a, "Upper.playbook");
	remove_file(a, ".playbook");
	remove_file(b, "alpha.playbook");
	remove_file(b, "mike.playbook");
	remove_file(b, "wrong.playbook");
	remove_file(b, "broken.playbook");
	assert_int_equal(rmdir(a), 0);
	assert_int_equal(rmdir(b), 0);
	free(a);
	free(b);
}

/* The fixtures in $IRDESK_PLAYBOOK_FIXTURES (tests/data/playbooks): good-*.playbook load;
 * bad-*.playbook fail with exactly the message on their first line after the file name
 * ("# expect: LINE: problem" or "# expect: problem"). */
static void
test_fixtures(void **state)
{
	const char *dir = getenv("IRDESK_PLAYBOOK_FIXTURES");
	char **names, **paths;
	size_t n, good = 0, bad = 0;
	ird_err e;

	(void)state;
	if (!dir || !*dir)
		SKIP_TEST("IRDESK_PLAYBOOK_FIXTURES is not set");
	assert_int_equal(playbook_list(dir, &names, &paths, &n, &e), 0);
	for (size_t i = 0; i < n; i++) {
		playbook *pb = NULL;
		int rc = playbook_load(paths[i], &pb, &e);
		if (strncmp(names[i], "good-", 5) == 0) {
			if (rc != 0) {
				print_error("%s\n", e.msg);
				fail();
			}
			playbook_free(pb);
			good++;
		} else if (strncmp(names[i], "bad-", 4) == 0) {
			char want[256], rest[300], *nl;
			size_t plen = strlen(paths[i]);
			FILE *f = fopen(paths[i], "r");
			assert_non_null(f);
			assert_non_null(fgets(want, sizeof(want), f));
			assert_int_equal(fclose(f), 0);
			assert_int_equal(strncmp(want, "# expect: ", 10), 0);
			if ((nl = strchr(want, '\n')))
				*nl = '\0';
			/* "FILE:7: problem" for a line, "FILE: problem" for the whole file;
			 * the path is compared apart, as a deep build tree makes it long. */
			snprintf(rest, sizeof(rest), ":%s%s",
			         want[10] >= '0' && want[10] <= '9' ? "" : " ", want + 10);
			if (rc == 0 || pb || strncmp(e.msg, paths[i], plen) != 0 ||
			    strcmp(e.msg + plen, rest) != 0) {
				print_error("%s: got \"%s\"\nwanted \"%s%s\"\n", names[i], e.msg, paths[i],
				            rest);
				fail();
			}
			bad++;
		}
	}
	playbook_list_free(names, paths, n);
	assert_true(good >= 1);
	assert_true(bad >= 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_japanese_title),
		cmocka_unit_test(test_language_tags_refused),
		cmocka_unit_test(test_shipped_targeted_email),
		cmocka_unit_test(test_shipped_ransomware),
		cmocka_unit_test(test_shipped_lost_device),
		cmocka_unit_test(test_shipped_all_describe),
		cmocka_unit_test(test_minimal_defaults),
		cmocka_unit_test(test_lexical_details),
		cmocka_unit_test(test_many_sections),
		cmocka_unit_test(test_step_per_rules_ok),
		cmocka_unit_test(test_err_structure),
		cmocka_unit_test(test_err_keys),
		cmocka_unit_test(test_err_values),
		cmocka_unit_test(test_err_step_rules),
		cmocka_unit_test(test_err_conditions),
		cmocka_unit_test(test_err_whole_file),
		cmocka_unit_test(test_err_bytes),
		cmocka_unit_test(test_conditions),
		cmocka_unit_test(test_conditions_shipped_policy),
		cmocka_unit_test(test_deadline_parse),
		cmocka_unit_test(test_deadline_format),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_discovery),
		cmocka_unit_test(test_fixtures),
	};

	return cmocka_run_group_tests_name("playbook", tests, NULL, NULL);
}
