/* cli_case.c - case, log and timeline commands. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "records/case.h"
#include "queries/casefile.h"
#include "actions/casework.h"
#include "cli/cli.h"
#include "records/asset.h"
#include "store/event.h"
#include "records/indicator.h"
#include "records/step.h"
#include "records/timer.h"
#include "base/playbook.h"
#include "base/playbook_path.h"
#include "base/text.h"

static int cmd_case_new(cli_env *env, int argc, char **argv);
static int cmd_case_list(cli_env *env, int argc, char **argv);
static int cmd_case_show(cli_env *env, int argc, char **argv);
static int cmd_case_set(cli_env *env, int argc, char **argv);
static int cmd_log(cli_env *env, int argc, char **argv);
static int cmd_timeline(cli_env *env, int argc, char **argv);

const cli_command cli_case_commands[] = {
	{ "case", "new", cmd_case_new,
	  N_("--title TEXT [--severity S] [--detected-at TIME] [--tlp T] [--lead NAME]"
	  " [--playbook NAME|none] [--exercise]"),
	  N_("open a case under a playbook; prints its id") },
	{ "case", "list", cmd_case_list, N_("[--all] [--exercises] [--json]"),
	  N_("list open cases (--all: closed too; --exercises: exercise cases instead)") },
	{ "case", "show", cmd_case_show, N_("ID [--json]"), N_("show one case and its timeline") },
	{ "case", "set", cmd_case_set,
	  N_("ID [--status S] [--severity S] [--lead NAME] [--title TEXT] [--tlp T]"
	  " [--personal-data yes|no] [--cause WORD]"),
	  N_("change a case") },
	{ NULL, "log", cmd_log, N_("ID TEXT [--at TIME]"),
	  N_("add an event to a case's timeline") },
	{ NULL, "timeline", cmd_timeline, N_("ID [--json]"), N_("show a case's timeline") },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int
cmd_case_new(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "severity", required_argument, NULL, 's' },
		{ "detected-at", required_argument, NULL, 'd' },
		{ "tlp", required_argument, NULL, 'l' },
		{ "lead", required_argument, NULL, 'L' },
		{ "playbook", required_argument, NULL, 'p' },
		{ "exercise", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_case_commands[0];
	const char *pbname = NULL;
	playbook *pb = NULL;
	case_spec spec = { 0 };
	char hid[CASE_HID_LEN];
	ird_err e = { 0 };
	int64_t id;
	int ch, done = 0, rc;

	while ((ch = cli_getopt(cmd, argc, argv, ":t:s:d:l:L:p:xh", opts, &done)) != -1) {
		switch (ch) {
		case 'p': pbname = optarg; break;
		case 'x': spec.exercise = 1; break;
		case 't': spec.title = optarg; break;
		case 's': spec.severity = optarg; break;
		case 'l': spec.tlp = optarg; break;
		case 'L': spec.lead = optarg; break;
		case 'd':
			if ((rc = cli_time_arg(cmd, optarg, &spec.detected_at)) != CLI_OK)
				return rc;
			break;
		default: return CLI_USAGE;
		}
	}
	if (done)
		return CLI_OK;
	if (optind != argc)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind]);
	if (!spec.title)
		return cli_usage_error(cmd, _("--title is required"));
	if ((spec.severity && case_check_severity(spec.severity, &e)) ||
	    (spec.tlp && case_check_tlp(spec.tlp, &e)))
		return cli_error(&e);
	if ((rc = cli_playbook_arg(env, pbname, &pb)) != CLI_OK)
		return rc;
	if ((rc = cli_store(env)) != CLI_OK || casework_open(&env->ctx, &spec, pb, &id, hid, &e)) {
		playbook_free(pb);
		return rc != CLI_OK ? rc : cli_error(&e);
	}
	playbook_free(pb);
	printf("%s\n", hid);
	return CLI_OK;
}

/* Options shared by list/show/timeline: --json and --all. */
static int
parse_view_opts(const cli_command *cmd, int argc, char **argv, int allow_all, int *json,
                int *all, int *done)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "all", no_argument, NULL, 'a' },
		{ "exercises", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = cli_getopt(cmd, argc, argv, ":jahx", opts, done)) != -1) {
		if (ch == 'j')
			*json = 1;
		else if (ch == 'a' && allow_all)
			*all |= CASE_LIST_ALL;
		else if (ch == 'x' && allow_all)
			*all |= CASE_LIST_EXERCISES;
		else if (ch == 'x')
			return cli_usage_error(cmd, _("unknown option --exercises"));
		else if (ch == 'a')
			return cli_usage_error(cmd, _("unknown option --all"));
		else
			return CLI_USAGE;
	}
	return CLI_OK;
}

static int
print_case_row(void *arg, const case_row *r)
{
	char opened[64];

	cli_time(r->opened_at, opened, sizeof(opened));
	cli_cell(r->hid, 13);
	cli_cell(r->severity, 8);
	cli_cell(r->status, 10);
	cli_pad(opened, *(const int *)arg);
	putchar(' ');
	cli_cell(r->lead ? r->lead : "-", 12);
	cli_put(stdout, r->title);
	putchar('\n');
	return 0;
}

static int
cmd_case_list(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_case_commands[1];
	int json = 0, all = 0, done = 0, rc, tcols;
	ird_err e = { 0 };
	char *out = NULL;

	if ((rc = parse_view_opts(cmd, argc, argv, 1, &json, &all, &done)) != CLI_OK || done)
		return rc;
	if (optind != argc)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((rc = cli_store(env)) != CLI_OK)
		return rc;
	if (json) {
		if (case_list_json(&env->ctx, all, &out, &e) != IRD_OK)
			return cli_error(&e);
		rc = cli_print_json(out);
		free(out);
		return rc;
	}
	/* TRANSLATORS: column headers of `case list`: keep them short (8, 10, 12
	   columns at most for SEVERITY, STATUS, LEAD). */
	tcols = cli_time_cols();
	cli_cell(_("ID"), 13);
	cli_cell(_("SEVERITY"), 8);
	cli_cell(_("STATUS"), 10);
	cli_cell(_("OPENED"), tcols);
	cli_cell(_("LEAD"), 12);
	printf("%s\n", _("TITLE"));
	if (case_each(&env->ctx, all, print_case_row, &tcols, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

/* Take exactly one positional argument: the case. */
static int
one_case_arg(cli_env *env, const cli_command *cmd, int argc, char **argv, int64_t *id)
{
	if (optind >= argc)
		return cli_usage_error(cmd, _("which case? (give its id, e.g. IR-2015-0001)"));
	if (optind + 1 < argc)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind + 1]);
	return cli_case_arg(env, argv[optind], id);
}

static int
print_event(void *arg, const event_row *ev)
{
	char when[64];

	(void)arg;
	cli_time(ev->happened_at, when, sizeof(when));
	cli_pad(when, cli_time_cols());
	putchar(' ');
	cli_cell(ev->kind, 8);
	cli_put(stdout, ev->actor);
	fputs(": ", stdout);
	cli_put(stdout, ev->text);
	if (ev->recorded_at - ev->happened_at > 60) {
		cli_time(ev->recorded_at, when, sizeof(when));
		printf(_("  (recorded %s)"), when);
	}
	putchar('\n');
	return 0;
}

static void
print_field(const char *name, const char *value)
{
	cli_cell(name, 12);
	cli_put(stdout, value ? value : "-");
	putchar('\n');
}

static void
print_time_field(const char *name, int64_t t)
{
	char buf[64];

	if (t)
		cli_time(t, buf, sizeof(buf));
	print_field(name, t ? buf : NULL);
}

/* A section of `case show`: its heading printed before its first row. */
struct section {
	const char *heading;
	int rows;
	int64_t now;
};

static void
section_row(struct section *s)
{
	if (s->rows++ == 0)
		printf("\n%s\n", _(s->heading));
}

static int
show_timer(void *arg, const timer_row *t)
{
	struct section *s = arg;
	char due[64], left[24];

	section_row(s);
	cli_time(t->due_at, due, sizeof(due));
	clock_format_duration(t->due_at - s->now, left, sizeof(left));
	printf("  %-5lld ", (long long)t->id);
	cli_pad(due, cli_time_cols());
	putchar(' ');
	printf("%-9s ", left);
	if (t->due_at < s->now)
		printf("%s ", _("OVERDUE"));
	if (t->role)
		printf(_("notify %s"), cli_s(t->role));
	else
		cli_put(stdout, t->step_title ? t->step_title : t->rule);
	fputc('\n', stdout);
	return 0;
}

static int
show_step(void *arg, const step_row *r)
{
	char state[16];

	section_row(arg);
	printf("  %3lld %s ", (long long)r->num, text_fit(r->state, 8, state, sizeof(state)));
	cli_put(stdout, r->title);
	fputc('\n', stdout);
	return 0;
}

static int
show_asset(void *arg, const asset_row *a)
{
	char host[40], site[20];

	section_row(arg);
	printf("  %s %s %s\n", text_fit(a->host, 20, host, sizeof(host)),
	       text_fit(a->site ? a->site : "-", 10, site, sizeof(site)), a->state);
	return 0;
}

static int
show_indicator(void *arg, const indicator_row *r)
{
	section_row(arg);
	printf("  %-8s %-6s ", r->type, r->role);
	cli_put(stdout, r->normal);
	if (r->registrable) {
		fputs("  (", stdout);
		cli_put(stdout, r->registrable);
		fputc(')', stdout);
	}
	fputc('\n', stdout);
	return 0;
}

/* What a responder needs at a glance: open timers, steps, assets, indicators. */
static int
print_sections(cli_env *env, int64_t id, ird_err *e)
{
	int64_t now = clock_now(&env->ctx.clock);
	struct section timers = { N_("Open timers"), 0, now }, steps = { N_("Steps"), 0, now };
	struct section assets = { N_("Assets"), 0, now }, iocs = { N_("Indicators"), 0, now };
	int rc = timer_each(&env->ctx, id, 1, 0, show_timer, &timers, e);

	if (rc == IRD_OK)
		rc = step_each(&env->ctx, id, show_step, &steps, e);
	if (rc == IRD_OK)
		rc = asset_each(&env->ctx, id, show_asset, &assets, e);
	if (rc == IRD_OK)
		rc = indicator_each(&env->ctx, id, show_indicator, &iocs, e);
	return rc;
}

static int
print_case(cli_env *env, int64_t id)
{
	ird_err e = { 0 };
	case_row r;

	if (case_get(&env->ctx, id, &r, &e) != IRD_OK)
		return cli_error(&e);
	if (r.exercise)
		printf("%s\n", _("*** EXERCISE — not a real incident ***"));
	/* TRANSLATORS: the field names of `case show`, 12 columns at most. */
	print_field(_("Case"), r.hid);
	print_field(_("Title"), r.title);
	print_field(_("Severity"), r.severity);
	print_field(_("Status"), r.status);
	print_field(_("TLP"), r.tlp);
	print_field(_("Lead"), r.lead);
	print_time_field(_("Opened"), r.opened_at);
	print_time_field(_("Detected"), r.detected_at);
	print_time_field(_("Closed"), r.closed_at);
	print_field(_("Exercise"), r.exercise ? _("yes") : _("no"));
	print_field(_("Personal"), r.personal_data ? _("yes") : _("no"));
	print_field(_("UUID"), r.uuid);
	case_row_free(&r);
	if (print_sections(env, id, &e) != IRD_OK)
		return cli_error(&e);
	printf("\n%s\n", _("Timeline"));
	if (event_each(&env->ctx, id, print_event, NULL, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

static int
cmd_case_show(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_case_commands[2];
	int json = 0, all = 0, done = 0, rc;
	ird_err e = { 0 };
	char *out = NULL;
	int64_t id;

	if ((rc = parse_view_opts(cmd, argc, argv, 0, &json, &all, &done)) != CLI_OK || done)
		return rc;
	if ((rc = one_case_arg(env, cmd, argc, argv, &id)) != CLI_OK)
		return rc;
	if (!json)
		return print_case(env, id);
	if (casefile_json(&env->ctx, id, &out, &e) != IRD_OK)
		return cli_error(&e);
	rc = cli_print_json(out);
	free(out);
	return rc;
}

static int
cmd_case_set(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "status", required_argument, NULL, 'S' },
		{ "severity", required_argument, NULL, 's' },
		{ "lead", required_argument, NULL, 'L' },
		{ "title", required_argument, NULL, 't' },
		{ "tlp", required_argument, NULL, 'l' },
		{ "personal-data", required_argument, NULL, 'P' },
		{ "cause", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_case_commands[3];
	case_change chg = { .personal_data = -1 };
	ird_err e = { 0 };
	int ch, done = 0, rc;
	int64_t id;

	while ((ch = cli_getopt(cmd, argc, argv, ":S:s:L:t:l:P:c:h", opts, &done)) != -1) {
		switch (ch) {
		case 'c': chg.cause = optarg; break;
		case 'P':
			if (strcmp(optarg, "yes") != 0 && strcmp(optarg, "no") != 0)
				return cli_usage_error(cmd, _("--personal-data is yes or no"));
			chg.personal_data = strcmp(optarg, "yes") == 0;
			break;
		case 'S': chg.status = optarg; break;
		case 's': chg.severity = optarg; break;
		case 'L': chg.lead = optarg; break;
		case 't': chg.title = optarg; break;
		case 'l': chg.tlp = optarg; break;
		default: return CLI_USAGE;
		}
	}
	if (done)
		return CLI_OK;
	if ((chg.status && case_check_status(chg.status, &e)) ||
	    (chg.severity && case_check_severity(chg.severity, &e)) ||
	    (chg.tlp && case_check_tlp(chg.tlp, &e)))
		return cli_error(&e);
	if (chg.cause && case_check_cause(chg.cause, &e))
		return cli_error(&e);
	if (!chg.status && !chg.severity && !chg.lead && !chg.title && !chg.tlp && !chg.cause &&
	    chg.personal_data < 0)
		return cli_usage_error(cmd, _("nothing to change"));
	if ((rc = one_case_arg(env, cmd, argc, argv, &id)) != CLI_OK)
		return rc;
	if (casework_change(&env->ctx, id, &chg, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

static int
cmd_log(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_case_commands[4];
	int64_t at = 0, id;
	ird_err e = { 0 };
	int ch, done = 0, rc;

	while ((ch = cli_getopt(cmd, argc, argv, ":a:h", opts, &done)) != -1) {
		if (ch != 'a')
			return CLI_USAGE;
		if ((rc = cli_time_arg(cmd, optarg, &at)) != CLI_OK)
			return rc;
	}
	if (done)
		return CLI_OK;
	if (argc - optind != 2)
		return cli_usage_error(cmd, _("give the case and the text (quote the text)"));
	if (!*argv[optind + 1])
		return cli_usage_error(cmd, _("the text is empty"));
	if ((rc = cli_case_arg(env, argv[optind], &id)) != CLI_OK)
		return rc;
	if (casework_log(&env->ctx, id, at, argv[optind + 1], &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

static int
cmd_timeline(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_case_commands[5];
	int json = 0, all = 0, done = 0, rc;
	ird_err e = { 0 };
	char *out = NULL;
	int64_t id;

	if ((rc = parse_view_opts(cmd, argc, argv, 0, &json, &all, &done)) != CLI_OK || done)
		return rc;
	if ((rc = one_case_arg(env, cmd, argc, argv, &id)) != CLI_OK)
		return rc;
	if (!json) {
		if (event_each(&env->ctx, id, print_event, NULL, &e) != IRD_OK)
			return cli_error(&e);
		return CLI_OK;
	}
	if (event_timeline_json(&env->ctx, id, &out, &e) != IRD_OK)
		return cli_error(&e);
	rc = cli_print_json(out ? out : "[]");
	free(out);
	return rc;
}
