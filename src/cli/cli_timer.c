/* cli_timer.c - timers and timer override. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "base/conffile.h"
#include "base/text.h"
#include "actions/act_notify.h"
#include "records/timer.h"
#include "actions/watch.h"
#include "queries/casefile.h"

/* Exit status of `timers --due` when a timer is overdue (for cron). */
#define EXIT_OVERDUE 3

static int cmd_timers(cli_env *env, int argc, char **argv);
static int cmd_override(cli_env *env, int argc, char **argv);
static int cmd_watch(cli_env *env, int argc, char **argv);

const cli_command cli_timer_commands[] = {
	{ NULL, "timers", cmd_timers, N_("[ID] [--due] [--json]"),
	  N_("escalation timers with time left; --due exits 3 when any is overdue") },
	{ "timer", "override", cmd_override, N_("ID TIMER --reason TEXT"),
	  N_("override a timer, with a reason (the csirt-lead is then due a call)") },
	{ NULL, "watch", cmd_watch, N_("[--interval SECONDS] [--once]"),
	  N_("run the escalation hook once for each timer that becomes overdue") },
	{ NULL, NULL, NULL, NULL, NULL },
};

/* What a timer asks for, in words. */
static void
describe(const timer_row *t, char *buf, size_t len)
{
	if (t->role)
		snprintf(buf, len, _("notify %s (%s)"), t->role, t->rule);
	else
		snprintf(buf, len, _("step: %s"), t->step_title ? t->step_title : t->rule);
}

struct listing {
	int64_t now;
	int overdue;
	int tcols; /* columns of the DUE times */
};

static int
print_timer(void *arg, const timer_row *t)
{
	struct listing *l = arg;
	int open = strcmp(t->state, "pending") == 0 || strcmp(t->state, "fired") == 0;
	char due[64], left[24] = "", what[400];

	cli_time(t->due_at, due, sizeof(due));
	if (open)
		clock_format_duration(t->due_at - l->now, left, sizeof(left));
	if (open && t->due_at < l->now)
		l->overdue++;
	describe(t, what, sizeof(what));
	printf("%-5lld %-13s ", (long long)t->id, t->case_hid);
	cli_cell(t->state, 10);
	cli_pad(due, l->tcols);
	putchar(' ');
	printf("%-8s ", left);
	cli_put(stdout, what);
	if (t->satisfied_by)
		printf(_(" - by %s"), cli_s(t->satisfied_by));
	if (t->override_reason)
		printf(_(" - overridden: %s"), cli_s(t->override_reason));
	if (t->hook_error)
		printf(_(" - HOOK FAILED: %s"), cli_s(t->hook_error));
	fputc('\n', stdout);
	return 0;
}

static int
cmd_timers(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "due", no_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_timer_commands[0];
	struct listing l = { 0, 0, 0 };
	int due = 0, json = 0, done = 0, ch, rc;
	int64_t case_id = 0, overdue = 0;
	ird_err e = { 0 };
	char *out = NULL;

	while ((ch = cli_getopt(cmd, argc, argv, ":djh", opts, &done)) != -1) {
		if (ch == 'd')
			due = 1;
		else if (ch == 'j')
			json = 1;
		else
			return CLI_USAGE;
	}
	if (done)
		return CLI_OK;
	if (argc - optind > 1)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind + 1]);
	env->quiet_overdue = 1; /* the listing says it all */
	if (argc - optind == 1 && (rc = cli_case_arg(env, argv[optind], &case_id)) != CLI_OK)
		return rc;
	if ((rc = cli_store(env)) != CLI_OK)
		return rc;
	if (timer_overdue_count(&env->ctx, case_id, &overdue, &e) != IRD_OK)
		return cli_error(&e);
	if (json) {
		if (timer_list_json(&env->ctx, case_id, due, due, &out, &e) != IRD_OK)
			return cli_error(&e);
		rc = cli_print_json(out ? out : "[]");
		free(out);
	} else {
		l.now = clock_now(&env->ctx.clock);
		l.tcols = cli_time_cols();
		/* TRANSLATORS: column headers of `timers`: TIMER 5 columns at most,
		   CASE 13, STATE 10, LEFT 8. */
		cli_cell(_("TIMER"), 5);
		cli_cell(_("CASE"), 13);
		cli_cell(_("STATE"), 10);
		cli_cell(_("DUE"), l.tcols);
		cli_cell(_("LEFT"), 8);
		printf("%s\n", _("WHAT"));
		if (timer_each(&env->ctx, case_id, due, due, print_timer, &l, &e))
			return cli_error(&e);
		rc = CLI_OK;
	}
	if (rc == CLI_OK && due && overdue > 0)
		return EXIT_OVERDUE;
	return rc;
}

static int
parse_timer_id(const char *s, int64_t *id)
{
	char *end;
	long long v = strtoll(s[0] == '#' ? s + 1 : s, &end, 10);

	if (!*s || *end || v <= 0)
		return -1;
	*id = v;
	return 0;
}

static int
cmd_override(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_timer_commands[1];
	const char *reason = NULL;
	int64_t case_id, timer_id, new_id;
	int done = 0, ch, rc;
	ird_err e = { 0 };

	while ((ch = cli_getopt(cmd, argc, argv, ":r:h", opts, &done)) != -1) {
		if (ch != 'r')
			return CLI_USAGE;
		reason = optarg;
	}
	if (done)
		return CLI_OK;
	if (argc - optind != 2)
		return cli_usage_error(cmd, _("give the case and the timer"));
	if (!reason)
		return cli_usage_error(cmd, _("--reason is required: an override must say why"));
	if (parse_timer_id(argv[optind + 1], &timer_id) != 0)
		return cli_usage_error(cmd, _("invalid timer \"%s\" (a number from irdesk timers)"),
		                       argv[optind + 1]);
	env->quiet_overdue = 1;
	if ((rc = cli_case_arg(env, argv[optind], &case_id)) != CLI_OK)
		return rc;
	if (act_timer_override(&env->ctx, case_id, timer_id, reason, &new_id, &e) != IRD_OK)
		return cli_error(&e);
	printf(_("timer %lld overridden; timer %lld: tell the csirt-lead within %d minutes\n"),
	       (long long)timer_id, (long long)new_id, TIMER_OVERRIDE_DEADLINE / 60);
	return CLI_OK;
}

/* watch_opts.report: a timer handled, one line on standard output. */
static void
print_line(void *arg, const char *line)
{
	(void)arg;
	printf("%s\n", line);
	fflush(stdout);
}

/* watch_opts.retrying: a locked store, said on stderr; the watch goes on. */
static void
print_retrying(void *arg, const ird_err *e)
{
	(void)arg;
	cli_error(e);
}

static int
cmd_watch(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "interval", required_argument, NULL, 'i' },
		{ "once", no_argument, NULL, '1' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_timer_commands[2];
	int done = 0, ch, rc;
	const ird_config *cfg;
	watch_opts o = { .interval_s = 30, .stop_fd = -1, .case_document = casefile_json,
	                 .report = print_line,
	                 .retrying = print_retrying };
	ird_err e = { 0 };
	char *end;

	while ((ch = cli_getopt(cmd, argc, argv, ":i:1h", opts, &done)) != -1) {
		if (ch == '1') {
			o.once = 1;
		} else if (ch == 'i') {
			long v = strtol(optarg, &end, 10);

			if (!*optarg || *end || v < 1 || v > 3600)
				return cli_usage_error(cmd, _("--interval is 1 to 3600 seconds"));
			o.interval_s = (int)v;
		} else {
			return CLI_USAGE;
		}
	}
	if (done)
		return CLI_OK;
	if (optind != argc)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((rc = cli_config(env, &cfg)) != CLI_OK || (rc = cli_store(env)) != CLI_OK)
		return rc;
	o.hook_argv = config_escalation_hook(cfg);
	o.timeout_s = config_hook_timeout(cfg);
	o.exercise_hooks = config_exercise_hooks(cfg);
	o.anchor_file = config_anchor_file(cfg);
	if (!o.hook_argv) {
		fputs("irdesk: ", stderr);
		fprintf(stderr, _("watch: no escalation-hook in %s: overdue timers are only"
		                  " reported here\n"), cli_s(config_path(cfg)));
	}
	if (watch_stop_on_signals(&o.stop_fd, &e) != IRD_OK || watch_run(&env->ctx, &o, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}
