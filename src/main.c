/* main.c - global options, then the command, or without one the terminal UI. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "ui/ui.h"

/* Wide characters need a UTF-8 locale; fall back to C.UTF-8. Numbers keep
 * the C locale's form whatever the user's, since outputs are parsed. */
static void
setup_locale(void)
{
	if (!setlocale(LC_ALL, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	setlocale(LC_NUMERIC, "C");
	i18n_init();
}

static int
parse_globals(session_opts *so, int argc, char **argv, int *done)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "as", required_argument, NULL, 'a' },
		{ "now", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	ird_err e = { 0 };
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:d:a:n:hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': so->db_path = optarg; break;
		case 'a':
			if (!*optarg)
				return cli_usage_error(NULL, _("--as needs a name"));
			so->actor = optarg;
			break;
		case 'n':
			if (clock_parse(optarg, &so->now, &e) != IRD_OK)
				return cli_usage_error(NULL, "--now: %s", e.msg);
			so->fixed_clock = 1;
			break;
		case 'h': cli_help(stdout); *done = 1; return CLI_OK;
		case 'V': printf("irdesk %s\n", PACKAGE_VERSION); *done = 1; return CLI_OK;
		case ':': return cli_usage_error(NULL, _("option %s needs a value"), argv[optind - 1]);
		default: return cli_usage_error(NULL, _("unknown option %s"), argv[optind - 1]);
		}
	}
	return CLI_OK;
}

/* The terminal UI's `:` line runs the CLI's commands with the same session. */
static int
run_cli(void *arg, int argc, char **argv)
{
	return cli_dispatch(arg, argc, argv);
}

int
main(int argc, char **argv)
{
	cli_env env = { 0 };
	session_opts so = { 0 };
	ird_err e = { 0 };
	int done = 0, rc;

	setup_locale();
	env.prog = "irdesk";
	rc = parse_globals(&so, argc, argv, &done);
	if (rc != CLI_OK || done)
		return rc;
	/* No command: the terminal UI, on a terminal; elsewhere the usage. */
	if (optind >= argc && !(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))) {
		cli_help(stderr);
		return CLI_USAGE;
	}
	if (session_new(&so, &env.ctx, &env.session, &e) != IRD_OK)
		return cli_error(&e);
	if (optind >= argc) {
		ui_commands commands = { run_cli, &env };

		rc = ui_run(&env.ctx, env.session, &commands);
	}
	else
		rc = cli_dispatch(&env, argc - optind, argv + optind);
	session_free(env.session);
	if (fflush(stdout) != 0 && rc == CLI_OK) {
		fputs("irdesk: ", stderr);
		fprintf(stderr, _("cannot write the output: %s\n"), strerror(errno));
		rc = CLI_FAIL;
	}
	return rc;
}
