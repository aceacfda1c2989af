/* cli_exercise.c - scenario list, show, check; exercise start, status,
 * pause, resume, speed, jump, inject, end. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "actions/exercise.h"
#include "base/i18n.h"
#include "queries/facilitator.h"
#include "records/exercise.h"
#include "base/playbook_path.h"
#include "base/scenario.h"
#include "cli/cli.h"

static int cmd_sc_list(cli_env *env, int argc, char **argv);
static int cmd_sc_show(cli_env *env, int argc, char **argv);
static int cmd_sc_check(cli_env *env, int argc, char **argv);
static int cmd_ex_start(cli_env *env, int argc, char **argv);
static int cmd_ex_status(cli_env *env, int argc, char **argv);
static int cmd_ex_pause(cli_env *env, int argc, char **argv);
static int cmd_ex_resume(cli_env *env, int argc, char **argv);
static int cmd_ex_speed(cli_env *env, int argc, char **argv);
static int cmd_ex_jump(cli_env *env, int argc, char **argv);
static int cmd_ex_inject(cli_env *env, int argc, char **argv);
static int cmd_ex_end(cli_env *env, int argc, char **argv);

const cli_command cli_exercise_commands[] = {
	{ "scenario", "list", cmd_sc_list, "", N_("list the exercise scenarios found and where") },
	{ "scenario", "show", cmd_sc_show, N_("NAME|FILE"),
	  N_("show a scenario's injects and reference timeline") },
	{ "scenario", "check", cmd_sc_check, N_("FILE"),
	  N_("check a scenario file; errors name the line") },
	{ "exercise", "start", cmd_ex_start, N_("SCENARIO [--speed N] [--title TEXT]"),
	  N_("start a tabletop exercise case (EX-YYYY-NNNN); prints its id") },
	{ "exercise", "status", cmd_ex_status, N_("ID [--json]"),
	  N_("the exercise clock, its injects and (--json) the live score") },
	{ "exercise", "pause", cmd_ex_pause, N_("ID"), N_("stop the exercise clock") },
	{ "exercise", "resume", cmd_ex_resume, N_("ID"), N_("run the exercise clock again") },
	{ "exercise", "speed", cmd_ex_speed, N_("ID N"),
	  N_("run the exercise clock N times real time") },
	{ "exercise", "jump", cmd_ex_jump, N_("ID TIME"),
	  N_("move the story forward to TIME (ISO-8601 or T+10d)") },
	{ "exercise", "inject", cmd_ex_inject, N_("ID next|N"),
	  N_("release an inject now, before its time") },
	{ "exercise", "end", cmd_ex_end, N_("ID"),
	  N_("end the exercise; the clock stops for good") },
	{ NULL, NULL, NULL, NULL, NULL },
};

static const struct option help_only[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
args(const cli_command *cmd, int argc, char **argv, int nargs, int *done)
{
	if (cli_getopt(cmd, argc, argv, ":h", help_only, done) != -1)
		return CLI_USAGE;
	if (!*done && argc - optind != nargs)
		return nargs == 0 ? cli_usage_error(cmd, _("no arguments expected"))
		       : nargs == 1 ? cli_usage_error(cmd, _("give exactly one argument"))
		                    : cli_usage_error(cmd, _("give exactly %d arguments"), nargs);
	return CLI_OK;
}

static int
find_scenario(const char *name, scenario **sc)
{
	char *path = scenario_search_path();
	ird_err e = { 0 };
	int rc;

	if (!path)
		return CLI_FAIL;
	rc = scenario_find(path, name, sc, &e);
	free(path);
	return rc == IRD_OK ? CLI_OK : cli_error(&e);
}

static int
cmd_sc_list(cli_env *env, int argc, char **argv)
{
	char *path = scenario_search_path(), **names = NULL, **paths = NULL;
	int done = 0, rc = args(&cli_exercise_commands[0], argc, argv, 0, &done);
	ird_err e = { 0 };
	size_t n = 0;

	(void)env;
	if (rc != CLI_OK || done || !path) {
		free(path);
		return path ? rc : CLI_FAIL;
	}
	if (scenario_list(path, &names, &paths, &n, &e) != IRD_OK) {
		free(path);
		return cli_error(&e);
	}
	for (size_t i = 0; i < n; i++) {
		scenario *sc = NULL;
		ird_err le = { 0 };

		cli_put(stdout, names[i]);
		fputs("\t", stdout);
		cli_put(stdout, paths[i]);
		fputs("\t", stdout);
		/* its title (title[ja] in Japanese); "-" when the file does not parse */
		cli_put(stdout, scenario_load(paths[i], &sc, &le) == IRD_OK ? scenario_title(sc) : "-");
		fputc('\n', stdout);
		scenario_free(sc);
	}
	if (n == 0) {
		fputs("irdesk: ", stderr);
		fprintf(stderr, _("no scenarios found in %s\n"), cli_s(path));
	}
	scenario_list_free(names, paths, n);
	free(path);
	return CLI_OK;
}

static int
cmd_sc_show(cli_env *env, int argc, char **argv)
{
	int done = 0, rc = args(&cli_exercise_commands[1], argc, argv, 1, &done);
	scenario *sc = NULL;
	char *text;

	(void)env;
	if (rc != CLI_OK || done || (rc = find_scenario(argv[optind], &sc)) != CLI_OK)
		return rc;
	if (!(text = scenario_describe(sc))) {
		scenario_free(sc);
		return CLI_FAIL;
	}
	cli_put_lines(stdout, text);
	free(text);
	scenario_free(sc);
	return CLI_OK;
}

static int
cmd_sc_check(cli_env *env, int argc, char **argv)
{
	int done = 0, rc = args(&cli_exercise_commands[2], argc, argv, 1, &done);
	scenario *sc = NULL;
	ird_err e = { 0 };
	size_t nx = 0;

	(void)env;
	if (rc != CLI_OK || done)
		return rc;
	if (scenario_load(argv[optind], &sc, &e) != IRD_OK) {
		fprintf(stderr, "irdesk: ");
		cli_put(stderr, e.msg);
		fputc('\n', stderr);
		return CLI_FAIL;
	}
	for (size_t i = 0; i < sc->ninjects; i++)
		nx += sc->injects[i].nexpects;
	printf(_("ok: %s: scenario %s, %zu injects, %zu expectations, %zu reference entries\n"),
	       cli_s(argv[optind]), cli_s(sc->name), sc->ninjects, nx, sc->nrefs);
	scenario_free(sc);
	return CLI_OK;
}

/* Parse a positive integer. */
static int
parse_count(const char *s, long long max, long long *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (!*s || *end || v < 1 || v > max)
		return -1;
	*out = v;
	return 0;
}

static int
cmd_ex_start(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "speed", required_argument, NULL, 's' },
		{ "title", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_exercise_commands[3];
	const char *title = NULL;
	long long speed = 1;
	char hid[CASE_HID_LEN];
	scenario *sc = NULL;
	playbook *pb = NULL;
	ird_ctx real;
	ird_err e = { 0 };
	int64_t id;
	int ch, done = 0, rc;

	while ((ch = cli_getopt(cmd, argc, argv, ":s:t:h", opts, &done)) != -1) {
		if (ch == 's' && parse_count(optarg, EXERCISE_MAX_SPEED, &speed) != 0)
			return cli_usage_error(cmd, _("--speed needs a whole number from 1 to %d"),
			                       EXERCISE_MAX_SPEED);
		else if (ch == 't')
			title = optarg;
		else if (ch != 's')
			return CLI_USAGE;
	}
	if (done)
		return CLI_OK;
	if (argc - optind != 1)
		return cli_usage_error(cmd, _("which scenario? (irdesk scenario list)"));
	if ((rc = find_scenario(argv[optind], &sc)) != CLI_OK)
		return rc;
	if (sc->playbook && (rc = cli_playbook_arg(env, sc->playbook, &pb)) != CLI_OK) {
		scenario_free(sc);
		return rc;
	}
	if ((rc = cli_store(env)) == CLI_OK) {
		real = env->ctx;
		real.clock = *session_real_clock(env->session);
		if (exercise_start(&real, sc, pb, speed, title, &id, hid, &e) != IRD_OK)
			rc = cli_error(&e);
		else
			printf("%s\n", hid);
	}
	playbook_free(pb);
	scenario_free(sc);
	return rc;
}

/* The case of an exercise command, and a ctx on the real clock for it. */
static int
exercise_arg(cli_env *env, const char *ref, int64_t *id, ird_ctx *real)
{
	int rc;

	env->quiet_overdue = 1; /* the facilitator's commands are not the team's */
	if ((rc = cli_case_arg(env, ref, id)) != CLI_OK)
		return rc;
	*real = env->ctx;
	real->clock = *session_real_clock(env->session);
	return CLI_OK;
}

static void
print_status(const exercise_status *st)
{
	char now[40], start[40], off[32], due[40];

	clock_format_utc(st->story_now, now, sizeof(now));
	clock_format_utc(st->story_start, start, sizeof(start));
	scenario_offset_format(st->story_now - st->story_start, off, sizeof(off));
	printf(_("EXERCISE %s: %s\n"), st->hid, cli_s(st->sc->name));
	/* TRANSLATORS: the clock, start and injects lines of `exercise status`
	   start with labels padded to the same width. */
	printf(_("clock     %s (%s) %s, speed %lldx\n"), now, off,
	       st->ended ? _("ended") : st->paused ? _("PAUSED") : _("running"), (long long)st->speed);
	printf(_("start     %s\n"), start);
	printf(_("injects   %zu of %zu released\n"), st->released, st->sc->ninjects);
	for (size_t i = 0; i < st->sc->ninjects; i++) {
		const exercise_inject_state *is = &st->injects[i];
		scenario_offset_format(is->at_s, off, sizeof(off));
		clock_format_utc(is->released ? is->released_at : is->due, due, sizeof(due));
		printf("  %2zu %-9s ", is->no, off);
		/* TRANSLATORS: an inject's state in `exercise status`, 8 columns at most. */
		cli_cell(is->released ? (is->early ? _("early") : _("released")) : _("pending"), 8);
		printf("%s ", due);
		cli_put(stdout, is->id);
		fputs(": ", stdout);
		cli_put(stdout, scenario_inject_title(&st->sc->injects[i])); /* title[ja] in Japanese */
		fputc('\n', stdout);
	}
}

static int
cmd_ex_status(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_exercise_commands[4];
	int ch, done = 0, json = 0, rc;
	exercise_status st;
	facilitator f;
	char *doc = NULL;
	ird_err e = { 0 };
	ird_ctx real;
	int64_t id;

	while ((ch = cli_getopt(cmd, argc, argv, ":jh", opts, &done)) != -1) {
		if (ch == 'j')
			json = 1;
		else
			return CLI_USAGE;
	}
	if (done)
		return CLI_OK;
	if (argc - optind != 1)
		return cli_usage_error(cmd, _("give exactly one argument"));
	if ((rc = exercise_arg(env, argv[optind], &id, &real)) != CLI_OK)
		return rc;
	if (!json) {
		if (exercise_status_get(&real, id, &st, &e) != IRD_OK)
			return cli_error(&e);
		print_status(&st);
		exercise_status_free(&st);
		return CLI_OK;
	}
	if (facilitator_read(&real, id, &f, &e) != IRD_OK)
		return cli_error(&e);
	rc = facilitator_json(&real, &f, &doc, &e);
	facilitator_free(&f);
	if (rc != IRD_OK)
		return cli_error(&e);
	rc = cli_print_json(doc);
	free(doc);
	return rc;
}

enum { DO_PAUSE, DO_RESUME, DO_END };

static int
simple_control(cli_env *env, const cli_command *cmd, int argc, char **argv, int what)
{
	int done = 0, rc = args(cmd, argc, argv, 1, &done);
	ird_err e = { 0 };
	ird_ctx real;
	int64_t id;

	if (rc != CLI_OK || done || (rc = exercise_arg(env, argv[optind], &id, &real)) != CLI_OK)
		return rc;
	rc = what == DO_PAUSE ? exercise_pause(&real, id, &e)
	   : what == DO_RESUME ? exercise_resume(&real, id, &e) : exercise_end(&real, id, &e);
	return rc == IRD_OK ? CLI_OK : cli_error(&e);
}

static int
cmd_ex_pause(cli_env *env, int argc, char **argv)
{
	return simple_control(env, &cli_exercise_commands[5], argc, argv, DO_PAUSE);
}

static int
cmd_ex_resume(cli_env *env, int argc, char **argv)
{
	return simple_control(env, &cli_exercise_commands[6], argc, argv, DO_RESUME);
}

static int
cmd_ex_end(cli_env *env, int argc, char **argv)
{
	return simple_control(env, &cli_exercise_commands[10], argc, argv, DO_END);
}

static int
cmd_ex_speed(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_exercise_commands[7];
	int done = 0, rc = args(cmd, argc, argv, 2, &done);
	long long speed;
	ird_err e = { 0 };
	ird_ctx real;
	int64_t id;

	if (rc != CLI_OK || done)
		return rc;
	if (parse_count(argv[optind + 1], EXERCISE_MAX_SPEED, &speed) != 0)
		return cli_usage_error(cmd, _("the speed is a whole number from 1 to %d"),
		                       EXERCISE_MAX_SPEED);
	if ((rc = exercise_arg(env, argv[optind], &id, &real)) != CLI_OK)
		return rc;
	return exercise_set_speed(&real, id, speed, &e) == IRD_OK ? CLI_OK : cli_error(&e);
}

static int
cmd_ex_jump(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_exercise_commands[8];
	int done = 0, rc = args(cmd, argc, argv, 2, &done);
	exercise_status st;
	ird_err e = { 0 };
	ird_ctx real;
	int64_t id, to;

	if (rc != CLI_OK || done || (rc = exercise_arg(env, argv[optind], &id, &real)) != CLI_OK)
		return rc;
	if (exercise_status_get(&real, id, &st, &e) != IRD_OK)
		return cli_error(&e);
	rc = exercise_parse_time(argv[optind + 1], st.story_start, &to, &e);
	exercise_status_free(&st);
	if (rc != IRD_OK)
		return cli_usage_error(cmd, "%s", e.msg);
	return exercise_jump(&real, id, to, &e) == IRD_OK ? CLI_OK : cli_error(&e);
}

static int
cmd_ex_inject(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_exercise_commands[9];
	int done = 0, rc = args(cmd, argc, argv, 2, &done);
	const char *which;
	long long no = 0;
	size_t got = 0;
	ird_err e = { 0 };
	ird_ctx real;
	int64_t id;

	if (rc != CLI_OK || done)
		return rc;
	which = argv[optind + 1];
	if (strcmp(which, "next") != 0 && parse_count(which, SC_MAX_INJECTS, &no) != 0)
		return cli_usage_error(cmd, _("give next or an inject number"));
	if ((rc = exercise_arg(env, argv[optind], &id, &real)) != CLI_OK)
		return rc;
	if (exercise_release(&real, id, (size_t)no, &got, &e) != IRD_OK)
		return cli_error(&e);
	printf(_("inject %zu released\n"), got);
	return CLI_OK;
}
