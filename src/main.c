/* main.c - global options, then the command (the terminal UI comes later). */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

/* Wide characters need a UTF-8 locale; fall back to C.UTF-8. */
static void
setup_locale(void)
{
	if (!setlocale(LC_ALL, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

static const char *
default_actor(void)
{
	const char *u = getenv("IRDESK_USER");
	struct passwd *pw;

	if (u && *u)
		return u;
	if ((u = getlogin()) && *u)
		return u;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

static int
parse_globals(cli_env *env, int argc, char **argv, int *done)
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
		case 'd': env->db_path = optarg; break;
		case 'a':
			if (!*optarg)
				return cli_usage_error(NULL, "--as needs a name");
			env->ctx.actor = optarg;
			break;
		case 'n':
			if (clock_parse(optarg, &env->ctx.clock.now, &e) != IRD_OK)
				return cli_usage_error(NULL, "--now: %s", e.msg);
			env->ctx.clock.fixed = 1;
			break;
		case 'h': cli_help(stdout); *done = 1; return CLI_OK;
		case 'V': printf("irdesk %s\n", PACKAGE_VERSION); *done = 1; return CLI_OK;
		case ':': return cli_usage_error(NULL, "option %s needs a value", argv[optind - 1]);
		default: return cli_usage_error(NULL, "unknown option %s", argv[optind - 1]);
		}
	}
	return CLI_OK;
}

int
main(int argc, char **argv)
{
	cli_env env = { 0 };
	int done = 0, rc;

	setup_locale();
	env.prog = "irdesk";
	env.ctx.actor = default_actor();
	env.default_playbook = "targeted-email";
	rc = parse_globals(&env, argc, argv, &done);
	if (rc != CLI_OK || done)
		return rc;
	if (optind >= argc) {
		cli_help(stderr);
		return CLI_USAGE;
	}
	rc = cli_dispatch(&env, argc - optind, argv + optind);
	store_close(env.ctx.store);
	config_free(env.config);
	if (fflush(stdout) != 0 && rc == CLI_OK)
		rc = CLI_FAIL;
	return rc;
}
