/* cli_playbook.c - playbook list, show, check. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "base/playbook.h"
#include "base/playbook_path.h"

static int cmd_list(cli_env *env, int argc, char **argv);
static int cmd_show(cli_env *env, int argc, char **argv);
static int cmd_check(cli_env *env, int argc, char **argv);

const cli_command cli_playbook_commands[] = {
	{ "playbook", "list", cmd_list, "", "list the playbooks found and where" },
	{ "playbook", "show", cmd_show, "NAME", "show a playbook's steps and escalation rules" },
	{ "playbook", "check", cmd_check, "FILE", "check a playbook file; errors name the line" },
	{ NULL, NULL, NULL, NULL, NULL },
};

static const struct option help_only[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Parse no options but --help; leave optind at the first argument. */
static int
no_options(const cli_command *cmd, int argc, char **argv, int nargs, int *done)
{
	if (cli_getopt(cmd, argc, argv, ":h", help_only, done) != -1)
		return CLI_USAGE;
	if (!*done && argc - optind != nargs)
		return cli_usage_error(cmd, nargs ? "give exactly one argument" : "no arguments expected");
	return CLI_OK;
}

static int
cmd_list(cli_env *env, int argc, char **argv)
{
	char *path = playbook_search_path(), **names = NULL, **paths = NULL;
	int done = 0, rc = no_options(&cli_playbook_commands[0], argc, argv, 0, &done);
	ird_err e = { 0 };
	size_t n = 0;

	(void)env;
	if (rc != CLI_OK || done) {
		free(path);
		return rc;
	}
	if (!path)
		return cli_error(&(ird_err){ IRD_EFAIL, "out of memory building the playbook search path" });
	if (playbook_list(path, &names, &paths, &n, &e) != IRD_OK) {
		free(path);
		return cli_error(&e);
	}
	for (size_t i = 0; i < n; i++) {
		cli_put(stdout, names[i]);
		fputs("\t", stdout);
		cli_put(stdout, paths[i]);
		fputc('\n', stdout);
	}
	if (n == 0) {
		fputs("irdesk: no playbooks found in ", stderr);
		cli_put(stderr, path);
		fputc('\n', stderr);
	}
	playbook_list_free(names, paths, n);
	free(path);
	return CLI_OK;
}

static int
cmd_show(cli_env *env, int argc, char **argv)
{
	int done = 0, rc = no_options(&cli_playbook_commands[1], argc, argv, 1, &done);
	char *path, *text;
	playbook *pb = NULL;
	ird_err e = { 0 };

	(void)env;
	if (rc != CLI_OK || done)
		return rc;
	if (!(path = playbook_search_path()))
		return cli_error(&(ird_err){ IRD_EFAIL, "out of memory building the playbook search path" });
	rc = playbook_find(path, argv[optind], &pb, &e);
	free(path);
	if (rc != IRD_OK)
		return cli_error(&e);
	if (!(text = playbook_describe(pb))) {
		playbook_free(pb);
		return cli_error(&(ird_err){ IRD_EFAIL, "out of memory describing the playbook" });
	}
	cli_put(stdout, pb->origin);
	fputc('\n', stdout);
	cli_put_lines(stdout, text);
	free(text);
	playbook_free(pb);
	return CLI_OK;
}

static int
cmd_check(cli_env *env, int argc, char **argv)
{
	int done = 0, rc = no_options(&cli_playbook_commands[2], argc, argv, 1, &done);
	playbook *pb = NULL;
	ird_err e = { 0 };

	(void)env;
	if (rc != CLI_OK || done)
		return rc;
	if (playbook_load(argv[optind], &pb, &e) != IRD_OK) {
		e.code = IRD_EFAIL; /* a bad file is exit 1, not a usage error */
		return cli_error(&e);
	}
	fputs("ok: ", stdout);
	cli_put(stdout, argv[optind]);
	fputs(": playbook ", stdout);
	cli_put(stdout, pb->name);
	printf(", %zu steps, %zu escalation rules\n", pb->nsteps, pb->nrules);
	playbook_free(pb);
	return CLI_OK;
}
