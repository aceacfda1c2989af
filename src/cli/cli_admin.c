/* cli_admin.c - store-wide commands: check, backup, demo. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/audit.h"
#include "cli/cli.h"
#include "cli/cli_audit.h"
#include "actions/demo.h"
#include "queries/tables.h"

static int cmd_check(cli_env *env, int argc, char **argv);
static int check_run(cli_env *env, const cli_command *cmd, int argc, char **argv,
                     cli_trust *tr);
static int cmd_backup(cli_env *env, int argc, char **argv);
static int cmd_demo(cli_env *env, int argc, char **argv);

const cli_command cli_admin_commands[] = {
	{ NULL, "check", cmd_check, N_("[--head SEQ:HASH]... [--heads FILE] [--key FILE]..."),
	  N_("verify the store: integrity, the signed audit chain, rows against it, heads kept") },
	{ NULL, "backup", cmd_backup, N_("FILE"),
	  N_("copy the store consistently while others write") },
	{ NULL, "demo", cmd_demo, N_("--cases N [--seed S] [--playbook NAME|none]"),
	  N_("fill the store with demo cases (those of the last year follow the playbook)") },
	{ NULL, NULL, NULL, NULL, NULL },
};

static const struct option help_only[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Commands whose only option is --help. */
static int
no_options(const cli_command *cmd, int argc, char **argv, int *done)
{
	int ch;

	while ((ch = cli_getopt(cmd, argc, argv, ":h", help_only, done)) != -1)
		return CLI_USAGE;
	return CLI_OK;
}

static void
report_problem(void *arg, const char *problem)
{
	(void)arg;
	fprintf(stderr, "irdesk: check: %s\n", cli_s(problem));
}

static int
cmd_check(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "head", required_argument, NULL, 'H' },
		{ "heads", required_argument, NULL, 'F' },
		{ "key", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_admin_commands[0];
	cli_trust tr = { 0 };
	int ch, done = 0, rc = CLI_OK;

	while (rc == CLI_OK && (ch = cli_getopt(cmd, argc, argv, ":H:F:k:h", opts, &done)) != -1)
		rc = ch == 'H' ? cli_trust_head(cmd, &tr, optarg)
		   : ch == 'F' ? cli_trust_heads_file(cmd, &tr, optarg)
		   : ch == 'k' ? cli_trust_key(cmd, &tr, optarg) : CLI_USAGE;
	if (rc == CLI_OK && !done)
		rc = check_run(env, cmd, argc, argv, &tr);
	cli_trust_free(&tr);
	return rc;
}

/* check once the options are read: integrity, then the audit in one snapshot. */
static int
check_run(cli_env *env, const cli_command *cmd, int argc, char **argv, cli_trust *tr)
{
	int64_t records = 0, problems = 0;
	ird_err e = { 0 };
	int rc;

	if (optind != argc)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((rc = cli_store(env)) != CLI_OK)
		return rc;
	if (tables_check(&env->ctx, &tr->t, report_problem, NULL, &records, &problems, &e) !=
	    IRD_OK)
		return cli_error(&e);
	printf(_("ok: %lld audit records verified\n"), (long long)records);
	return CLI_OK;
}

static int
cmd_backup(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_admin_commands[1];
	ird_err e = { 0 };
	int done = 0, rc;

	if ((rc = no_options(cmd, argc, argv, &done)) != CLI_OK || done)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error(cmd, _("give the file to write"));
	if ((rc = cli_store(env)) != CLI_OK)
		return rc;
	if (store_backup(env->ctx.store, argv[optind], &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

static int
parse_count(const cli_command *cmd, const char *opt, const char *s, long max, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < 0 || v > max)
		return cli_usage_error(cmd, _("%s must be a number from 0 to %ld"), opt, max);
	*out = v;
	return CLI_OK;
}

static int
cmd_demo(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cases", required_argument, NULL, 'c' },
		{ "seed", required_argument, NULL, 's' },
		{ "playbook", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_admin_commands[2];
	long ncases = -1, seed = 1;
	const char *pbname = NULL;
	playbook *pb = NULL;
	ird_err e = { 0 };
	int ch, done = 0, rc;

	while ((ch = cli_getopt(cmd, argc, argv, ":c:s:p:h", opts, &done)) != -1) {
		rc = CLI_OK;
		if (ch == 'p')
			pbname = optarg;
		else if (ch == 'c')
			rc = parse_count(cmd, "--cases", optarg, 10000000, &ncases);
		else if (ch == 's')
			rc = parse_count(cmd, "--seed", optarg, 2147483647L, &seed);
		else
			return CLI_USAGE;
		if (rc != CLI_OK)
			return rc;
	}
	if (done)
		return CLI_OK;
	if (ncases < 0)
		return cli_usage_error(cmd, _("--cases is required"));
	if (optind != argc)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((rc = cli_playbook_arg(env, pbname, &pb)) != CLI_OK)
		return rc;
	if ((rc = cli_store(env)) != CLI_OK || demo_fill(&env->ctx, ncases, (uint64_t)seed, pb, &e)) {
		playbook_free(pb);
		return rc != CLI_OK ? rc : cli_error(&e);
	}
	playbook_free(pb);
	printf(_("added %ld demo cases\n"), ncases);
	return CLI_OK;
}
