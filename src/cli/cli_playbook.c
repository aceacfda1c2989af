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
	{ "playbook", "list", cmd_list, "", N_("list the playbooks found and where") },
	{ "playbook", "show", cmd_show, N_("NAME"),
	  N_("show a playbook's steps and escalation rules") },
	{ "playbook", "check", cmd_check, N_("FILE"),
	  N_("check a playbook file; errors name the line") },
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
		return cli_usage_error(cmd, "%s", nargs ? _("give exactly one argument")
		                                        : _("no arguments expected"));
	return CLI_OK;
}

/* Print "irdesk: WHAT" for a lack of memory; CLI_FAIL. */
static int
oom(const char *what)
{
	ird_err e = { 0 };

	ird_fail(&e, IRD_EFAIL, "%s", what);
	return cli_error(&e);
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
		return oom(_("out of memory building the playbook search path"));
	if (playbook_list(path, &names, &paths, &n, &e) != IRD_OK) {
		free(path);
		return cli_error(&e);
	}
	for (size_t i = 0; i < n; i++) {
		playbook *pb = NULL;
		ird_err le = { 0 };

		cli_put(stdout, names[i]);
		fputs("\t", stdout);
		cli_put(stdout, paths[i]);
		fputs("\t", stdout);
		/* its title (title[ja] in Japanese); "-" when the file does not parse */
		cli_put(stdout, playbook_load(paths[i], &pb, &le) == IRD_OK ? playbook_title(pb) : "-");
		fputc('\n', stdout);
		playbook_free(pb);
	}
	if (n == 0) {
		fputs("irdesk: ", stderr);
		fprintf(stderr, _("no playbooks found in %s\n"), cli_s(path));
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
		return oom(_("out of memory building the playbook search path"));
	rc = playbook_find(path, argv[optind], &pb, &e);
	free(path);
	if (rc != IRD_OK)
		return cli_error(&e);
	if (!(text = playbook_describe(pb))) {
		playbook_free(pb);
		return oom(_("out of memory describing the playbook"));
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
	printf(_("ok: %s: playbook %s, %zu steps, %zu escalation rules\n"), cli_s(argv[optind]),
	       cli_s(pb->name), pb->nsteps, pb->nrules);
	playbook_free(pb);
	return CLI_OK;
}
