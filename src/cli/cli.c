/* cli.c - command table, dispatch and helpers shared by the commands. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "base/text.h"

/* Every command table, in the order help lists them. */
static const cli_command *const TABLES[] = {
	cli_case_commands,
	cli_step_commands,
	cli_timer_commands,
	cli_notify_commands,
	cli_playbook_commands,
	cli_asset_commands,
	cli_ioc_commands,
	cli_exercise_commands,
	cli_report_commands,
	cli_mail_commands,
	cli_share_commands,
	cli_admin_commands,
	cli_audit_commands,
};
#define NTABLES (sizeof(TABLES) / sizeof(TABLES[0]))

/* Every message may carry what a user typed or the store holds: it reaches
 * the terminal only sanitised. */
int
cli_error(const ird_err *e)
{
	fputs("irdesk: ", stderr);
	cli_put(stderr, e->msg[0] ? e->msg : _("internal error: a failure gave no reason"));
	fputc('\n', stderr);
	return e->code == IRD_EUSAGE ? CLI_USAGE : CLI_FAIL;
}

static void
command_words(const cli_command *cmd, char *buf, size_t len)
{
	if (cmd->group)
		snprintf(buf, len, "%s %s", cmd->group, cmd->name);
	else
		snprintf(buf, len, "%s", cmd->name);
}

void
cli_print_usage(const cli_command *cmd, FILE *out)
{
	char words[64];

	command_words(cmd, words, sizeof(words));
	fprintf(out, _("usage: irdesk [--db PATH] [--as NAME] [--now TIME] %s%s%s\n"), words,
	        *cmd->usage ? " " : "", cli_tr(cmd->usage));
	fprintf(out, "%s\n", cli_tr(cmd->summary));
}

const char *
cli_tr(const char *text)
{
	/* gettext("") is the catalogue's header, never a message. */
	return text && *text ? _(text) : "";
}

int
cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
	char words[64] = "", *msg = NULL;
	va_list ap;
	int n;

	if (cmd)
		command_words(cmd, words, sizeof(words));
	fprintf(stderr, "irdesk: %s%s", words, cmd ? ": " : "");
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	cli_put(stderr, n < 0 ? _("out of memory formatting a usage error") : msg);
	if (n >= 0)
		free(msg);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, _("usage: irdesk %s %s\n"), words, cli_tr(cmd->usage));
	return CLI_USAGE;
}

int
cli_getopt(const cli_command *cmd, int argc, char **argv, const char *shortopts,
           const struct option *longopts, int *done)
{
	int longindex = 0;
	int ch = getopt_long(argc, argv, shortopts, longopts, &longindex);

	if (ch == 'h') {
		cli_print_usage(cmd, stdout);
		*done = 1;
		return -1;
	}
	if (ch == '?' || ch == ':') {
		if (ch == ':' || (optopt && strchr(shortopts, optopt)))
			cli_usage_error(cmd, _("option %s needs a value"), argv[optind - 1]);
		else
			cli_usage_error(cmd, _("unknown option %s"), argv[optind - 1]);
		return -2;
	}
	return ch;
}

int
cli_time_arg(const cli_command *cmd, const char *value, int64_t *out)
{
	ird_err e = { 0 };

	if (clock_parse(value, out, &e) != IRD_OK)
		return cli_usage_error(cmd, "%s", e.msg);
	return CLI_OK;
}

int
cli_config(cli_env *env, const ird_config **cfg)
{
	ird_err e = { 0 };

	if (session_config(env->session, cfg, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

int
cli_store(cli_env *env)
{
	ird_err e = { 0 };

	if (session_store(env->session, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

int
cli_playbook_arg(cli_env *env, const char *name, playbook **pb)
{
	ird_err e = { 0 };

	if (session_playbook(env->session, name, pb, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

static int
warn_overdue(void *arg, const timer_row *t, int64_t now)
{
	char late[24];

	(void)arg;
	clock_format_duration(now - t->due_at, late, sizeof(late));
	fputs("irdesk: ", stderr);
	if (t->role)
		fprintf(stderr, _("warning: %s: timer %lld is %s overdue: notify %s (rule %s)\n"),
		        cli_s(t->case_hid), (long long)t->id, late, cli_s(t->role), cli_s(t->rule));
	else
		fprintf(stderr, _("warning: %s: timer %lld is %s overdue: step %s (rule %s)\n"),
		        cli_s(t->case_hid), (long long)t->id, late,
		        cli_s(t->step_title ? t->step_title : t->rule), cli_s(t->rule));
	return 0;
}

int
cli_case_arg(cli_env *env, const char *ref, int64_t *id)
{
	ird_err e = { 0 };

	if (session_case(env->session, ref, id, &e) != IRD_OK)
		return cli_error(&e);
	/* A missed deadline is never silent: every command on the case says so. */
	if (!env->quiet_overdue &&
	    session_overdue_each(env->session, *id, warn_overdue, NULL, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

int
cli_list_args(cli_env *env, const cli_command *cmd, int argc, char **argv, int *json,
              int64_t *case_id, int *done)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = cli_getopt(cmd, argc, argv, ":jh", opts, done)) != -1) {
		if (ch != 'j')
			return CLI_USAGE;
		*json = 1;
	}
	if (*done)
		return CLI_OK;
	if (argc - optind < 1)
		return cli_usage_error(cmd, _("give the case id (e.g. IR-2015-0001)"));
	if (argc - optind > 1)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind + 1]);
	return cli_case_arg(env, argv[optind], case_id);
}

int
cli_print_list_json(cli_env *env, int64_t case_id,
                    int (*list)(ird_ctx *c, int64_t case_id, char **json, ird_err *e))
{
	ird_err e = { 0 };
	char *out = NULL;
	int rc;

	if (list(&env->ctx, case_id, &out, &e) != IRD_OK) {
		free(out);
		return cli_error(&e);
	}
	rc = cli_print_json(out ? out : "[]");
	free(out);
	return rc;
}

int
cli_print_json(const char *json)
{
	if (fputs(json, stdout) == EOF || fputc('\n', stdout) == EOF) {
		fputs("irdesk: ", stderr);
		fprintf(stderr, _("cannot write the output: %s\n"), strerror(errno));
		return CLI_FAIL;
	}
	return CLI_OK;
}

void
cli_put(FILE *out, const char *s)
{
	char *clean = text_sanitize(s ? s : "");

	if (clean)
		fputs(clean, out);
	free(clean);
}

void
cli_put_lines(FILE *out, const char *text)
{
	const char *p = text;

	while (p && *p) {
		size_t n = strcspn(p, "\n");
		char *line = strndup(p, n);

		if (line)
			cli_put(out, line);
		free(line);
		if (p[n] == '\n')
			fputc('\n', out);
		p += n + (p[n] == '\n');
	}
}

const char *
cli_s(const char *s)
{
	static char *ring[8];
	static unsigned next;
	char **slot = &ring[next++ % 8];

	free(*slot);
	*slot = text_sanitize(s ? s : "");
	return *slot ? *slot : "";
}

void
cli_time(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;
	size_t n;

	if (!len)
		return;
	n = i18n_time(buf, len, t);
	/* The zone, as every time shown to people has carried it. */
	if (!n || !localtime_r(&tt, &tm) || n + 1 >= len ||
	    strftime(buf + n + 1, len - n - 1, "%Z", &tm) == 0) {
		if (!n)
			snprintf(buf, len, "@%lld", (long long)t);
		return;
	}
	buf[n] = ' ';
}

int
cli_time_cols(void)
{
	/* Two-digit days, in and out of summer time (zone names differ):
	 * 2026-07-15 and 2026-12-15 at 12:00Z. */
	static const int64_t samples[] = { 1784116800, 1797336000 };
	char buf[64];
	int cols = 0;

	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		cli_time(samples[i], buf, sizeof(buf));
		if (text_width(buf) > cols)
			cols = text_width(buf);
	}
	return cols;
}

void
cli_cell(const char *s, int cols)
{
	char buf[512];

	if (cols > 100)
		cols = 100;
	fputs(text_fit(s ? s : "", cols, buf, sizeof(buf)), stdout);
	putchar(' ');
}

void
cli_pad(const char *s, int cols)
{
	const char *clean = cli_s(s);

	fputs(clean, stdout);
	for (int w = text_width(clean); w < cols; w++)
		putchar(' ');
}

void
cli_rcell(const char *s, int cols)
{
	const char *clean = cli_s(s);
	int w = text_width(clean);

	for (int pad = w; pad < cols; pad++)
		putchar(' ');
	cli_cell(clean, w < cols ? w : cols);
}

void
cli_help(FILE *out)
{
	fputs(_("usage: irdesk [--db PATH] [--as NAME] [--now TIME] COMMAND [ARGS]\n\n"
	        "irdesk keeps incident cases for a CSIRT: playbook steps, escalation timers,\n"
	        "and a tamper-evident audit trail, in one shared SQLite store.\n\n"
	        "Global options:\n"
	        "  --db PATH     the store (default $IRDESK_DB, else\n"
	        "                $XDG_DATA_HOME/irdesk/irdesk.db)\n"
	        "  --as NAME     who acts (default $IRDESK_USER, else the login name)\n"
	        "  --now TIME    fix the clock, ISO-8601 (e.g. 2015-05-08T10:30:00Z)\n"
	        "  --help, --version\n\nCommands:\n"), out);
	for (size_t t = 0; t < NTABLES; t++) {
		for (const cli_command *c = TABLES[t]; c->run; c++) {
			char words[64];

			command_words(c, words, sizeof(words));
			fprintf(out, "  %-18s %s\n", words, cli_tr(c->summary));
		}
	}
	fputs(_("\nRun 'irdesk COMMAND --help' for a command's options; see irdesk(1).\n"), out);
}

static const cli_command *
find_command(const char *group, const char *name, int *group_known)
{
	*group_known = 0;
	for (size_t t = 0; t < NTABLES; t++) {
		for (const cli_command *c = TABLES[t]; c->run; c++) {
			if (c->group && strcmp(c->group, group) == 0) {
				*group_known = 1;
				if (name && strcmp(c->name, name) == 0)
					return c;
			} else if (!c->group && strcmp(c->name, group) == 0) {
				return c;
			}
		}
	}
	return NULL;
}

/* "irdesk case" alone or "irdesk case --help": list the group's commands. */
static void
group_help(const char *group, FILE *out)
{
	fprintf(out, _("usage: irdesk %s COMMAND [ARGS]\n\n"), group);
	for (size_t t = 0; t < NTABLES; t++)
		for (const cli_command *c = TABLES[t]; c->run; c++)
			if (c->group && strcmp(c->group, group) == 0)
				fprintf(out, "  %s %-10s %s\n", group, c->name, cli_tr(c->summary));
}

int
cli_dispatch(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd;
	int known, skip;

	if (argc < 1)
		return cli_usage_error(NULL, _("no command given (try irdesk --help)"));
	cmd = find_command(argv[0], argc > 1 ? argv[1] : NULL, &known);
	if (!cmd && known) {
		if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
			group_help(argv[0], argc < 2 ? stderr : stdout);
			return argc < 2 ? CLI_USAGE : CLI_OK;
		}
		return cli_usage_error(NULL, _("unknown command \"%s %s\" (try irdesk %s --help)"),
		                       argv[0], argv[1], argv[0]);
	}
	if (!cmd)
		return cli_usage_error(NULL, _("unknown command \"%s\" (try irdesk --help)"), argv[0]);
	skip = cmd->group ? 1 : 0;
	optind = 0; /* a full re-initialisation of getopt for the command */
	opterr = 0;
	return cmd->run(env, argc - skip, argv + skip);
}
