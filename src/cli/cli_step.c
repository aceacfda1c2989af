/* cli_step.c - step list, start, done, skip, assign. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "actions/act_step.h"
#include "records/step.h"
#include "base/text.h"

static int cmd_list(cli_env *env, int argc, char **argv);
static int cmd_start(cli_env *env, int argc, char **argv);
static int cmd_done(cli_env *env, int argc, char **argv);
static int cmd_skip(cli_env *env, int argc, char **argv);
static int cmd_assign(cli_env *env, int argc, char **argv);

enum { STEP_LIST, STEP_START, STEP_DONE, STEP_SKIP, STEP_ASSIGN };

const cli_command cli_step_commands[] = {
	[STEP_LIST] = { "step", "list", cmd_list, N_("ID [--json]"),
	  N_("list a case's playbook steps") },
	[STEP_START] = { "step", "start", cmd_start, N_("ID STEP"), N_("start a step") },
	[STEP_DONE] = { "step", "done", cmd_done, N_("ID STEP [--note TEXT]"),
	                N_("finish a step (only when the record it needs exists)") },
	[STEP_SKIP] = { "step", "skip", cmd_skip, N_("ID STEP --reason TEXT"),
	                N_("skip a step, with a reason") },
	[STEP_ASSIGN] = { "step", "assign", cmd_assign, N_("ID STEP NAME"), N_("assign a step") },
	{ NULL, NULL, NULL, NULL, NULL },
};

/* Parse --json / --note / --reason / --help, then exactly NARGS arguments. */
static int
parse(int which, int argc, char **argv, int nargs, const char **text, int *json, int *done)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "note", required_argument, NULL, 'n' },
		{ "reason", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_step_commands[which];
	int ch;

	while ((ch = cli_getopt(cmd, argc, argv, ":jn:r:h", opts, done)) != -1) {
		if ((ch == 'j' && which == STEP_LIST) || (ch == 'n' && which == STEP_DONE) ||
		    (ch == 'r' && which == STEP_SKIP)) {
			if (ch == 'j')
				*json = 1;
			else
				*text = optarg;
			continue;
		}
		if (ch >= 0 && ch != '?')
			return cli_usage_error(cmd, _("unknown option %s"), argv[optind - 1]);
		return CLI_USAGE;
	}
	if (!*done && argc - optind != nargs)
		return cli_usage_error(cmd, ngettext("expected %d argument", "expected %d arguments",
		                                     (unsigned long)nargs), nargs);
	return CLI_OK;
}

/* `step list`: the time now, and the columns of DUE (LEFT). */
struct steps {
	int64_t now;
	int due_cols;
};

static int
print_step(void *arg, const step_row *s)
{
	const struct steps *l = arg;
	char due[96] = "-", left[24];

	if (s->due_at) {
		cli_time(s->due_at, due, sizeof(due));
		if (strcmp(s->state, "done") != 0 && strcmp(s->state, "skipped") != 0) {
			clock_format_duration(s->due_at - l->now, left, sizeof(left));
			snprintf(due + strlen(due), sizeof(due) - strlen(due), " (%s)", left);
		}
	}
	printf("%3lld  ", (long long)s->num);
	cli_cell(s->state, 8);
	cli_pad(due, l->due_cols); /* never cut a deadline */
	putchar(' ');
	cli_cell(s->assignee ? s->assignee : "-", 10);
	cli_put(stdout, s->title);
	if (s->note) {
		fputs("  [", stdout);
		cli_put(stdout, s->note);
		fputc(']', stdout);
	}
	fputc('\n', stdout);
	return 0;
}

static int
cmd_list(cli_env *env, int argc, char **argv)
{
	int json = 0, done = 0, rc = parse(STEP_LIST, argc, argv, 1, NULL, &json, &done);
	ird_err e = { 0 };
	struct steps l;
	int64_t id;

	if (rc != CLI_OK || done || (rc = cli_case_arg(env, argv[optind], &id)) != CLI_OK)
		return rc;
	if (json)
		return cli_print_list_json(env, id, step_list_json);
	l.now = clock_now(&env->ctx.clock);
	l.due_cols = cli_time_cols() + 12; /* " (-12d03h)" */
	/* TRANSLATORS: column headers of `step list`: STATE 8 columns at most,
	   ASSIGNEE 10. */
	printf("%3s  ", "#");
	cli_cell(_("STATE"), 8);
	cli_cell(_("DUE (LEFT)"), l.due_cols);
	cli_cell(_("ASSIGNEE"), 10);
	printf("%s\n", _("STEP"));
	if (step_each(&env->ctx, id, print_step, &l, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

/* The common shape: parse, resolve the case, act, report. */
static int
run(cli_env *env, int which, int argc, char **argv, int nargs)
{
	const char *text = NULL;
	int json = 0, done = 0, rc = parse(which, argc, argv, nargs, &text, &json, &done);
	ird_err e = { 0 };
	int64_t id;

	if (rc != CLI_OK || done)
		return rc;
	if (which == STEP_SKIP && !text)
		return cli_usage_error(&cli_step_commands[which], _("--reason is required"));
	if ((rc = cli_case_arg(env, argv[optind], &id)) != CLI_OK)
		return rc;
	switch (which) {
	case STEP_START: rc = act_step_start(&env->ctx, id, argv[optind + 1], &e); break;
	case STEP_DONE: rc = act_step_done(&env->ctx, id, argv[optind + 1], text, &e); break;
	case STEP_SKIP: rc = act_step_skip(&env->ctx, id, argv[optind + 1], text, &e); break;
	default: rc = act_step_assign(&env->ctx, id, argv[optind + 1], argv[optind + 2], &e); break;
	}
	return rc == IRD_OK ? CLI_OK : cli_error(&e);
}

static int
cmd_start(cli_env *env, int argc, char **argv)
{
	return run(env, STEP_START, argc, argv, 2);
}

static int
cmd_done(cli_env *env, int argc, char **argv)
{
	return run(env, STEP_DONE, argc, argv, 2);
}

static int
cmd_skip(cli_env *env, int argc, char **argv)
{
	return run(env, STEP_SKIP, argc, argv, 2);
}

static int
cmd_assign(cli_env *env, int argc, char **argv)
{
	return run(env, STEP_ASSIGN, argc, argv, 3);
}
