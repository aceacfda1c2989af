/* cli_asset.c - asset and evidence commands. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "actions/act_asset.h"
#include "records/asset.h"
#include "cli/cli.h"
#include "records/evidence.h"
#include "base/text.h"

static int cmd_asset_add(cli_env *env, int argc, char **argv);
static int cmd_asset_set(cli_env *env, int argc, char **argv);
static int cmd_asset_list(cli_env *env, int argc, char **argv);
static int cmd_evidence_add(cli_env *env, int argc, char **argv);
static int cmd_evidence_transfer(cli_env *env, int argc, char **argv);
static int cmd_evidence_verify(cli_env *env, int argc, char **argv);
static int cmd_evidence_list(cli_env *env, int argc, char **argv);

enum { ASSET_ADD, ASSET_SET, ASSET_LIST, EV_ADD, EV_TRANSFER, EV_VERIFY, EV_LIST };

const cli_command cli_asset_commands[] = {
	[ASSET_ADD] = { "asset", "add", cmd_asset_add,
	  N_("ID HOST [--site SITE] [--state suspected|infected]"),
	  N_("add a host to a case (infected: starts its isolate and image steps)") },
	[ASSET_SET] = { "asset", "set", cmd_asset_set,
	  N_("ID HOST [--state infected|isolated|imaged|clean] [--site SITE]"),
	  N_("change a host's state or site") },
	[ASSET_LIST] = { "asset", "list", cmd_asset_list, N_("ID [--json]"),
	  N_("list a case's hosts") },
	[EV_ADD] = { "evidence", "add", cmd_evidence_add,
	  N_("ID [--asset HOST] --kind disk-image|memory|logs|mail|other (--file PATH | --sha256 HEX)"
	  " [--location TEXT] [--exfil]"),
	  N_("record evidence (hashing the file); prints its number, E1, E2...") },
	[EV_TRANSFER] = { "evidence", "transfer", cmd_evidence_transfer,
	  N_("ID EVIDENCE --to NAME [--note TEXT]"), N_("hand evidence over (chain of custody)") },
	[EV_VERIFY] = { "evidence", "verify", cmd_evidence_verify, N_("ID EVIDENCE --file PATH"),
	  N_("re-hash a file: prints match (exit 0) or MISMATCH (exit 1)") },
	[EV_LIST] = { "evidence", "list", cmd_evidence_list, N_("ID [--json]"),
	  N_("list a case's evidence with its custody chain") },
	{ NULL, NULL, NULL, NULL, NULL },
};


/* After the options: exactly N positional arguments, named in WHAT. */
static int
positionals(const cli_command *cmd, int argc, char **argv, int n, const char *what)
{
	if (argc - optind < n)
		return cli_usage_error(cmd, _("give %s"), what);
	if (argc - optind > n)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind + n]);
	return CLI_OK;
}

/* ---- asset ------------------------------------------------------------------ */

static int
cmd_asset_add(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "site", required_argument, NULL, 's' },
		{ "state", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_asset_commands[ASSET_ADD];
	const char *site = NULL, *state = NULL;
	ird_err e = { 0 };
	int ch, done = 0, rc;
	int64_t id;

	while ((ch = cli_getopt(cmd, argc, argv, ":s:S:h", opts, &done)) != -1) {
		switch (ch) {
		case 's': site = optarg; break;
		case 'S': state = optarg; break;
		default: return CLI_USAGE;
		}
	}
	if (done)
		return CLI_OK;
	if (state && asset_check_state(state, 1, &e) != IRD_OK)
		return cli_error(&e);
	if ((rc = positionals(cmd, argc, argv, 2, _("the case id and the host name"))) != CLI_OK ||
	    (rc = cli_case_arg(env, argv[optind], &id)) != CLI_OK)
		return rc;
	if (act_asset_add(&env->ctx, id, argv[optind + 1], site, state, NULL, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

static int
cmd_asset_set(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "state", required_argument, NULL, 'S' },
		{ "site", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_asset_commands[ASSET_SET];
	asset_change chg = { 0 };
	ird_err e = { 0 };
	int ch, done = 0, rc;
	int64_t id;

	while ((ch = cli_getopt(cmd, argc, argv, ":S:s:h", opts, &done)) != -1) {
		switch (ch) {
		case 'S': chg.state = optarg; break;
		case 's': chg.site = optarg; break;
		default: return CLI_USAGE;
		}
	}
	if (done)
		return CLI_OK;
	if (chg.state && asset_check_state(chg.state, 0, &e) != IRD_OK)
		return cli_error(&e);
	if (!chg.state && !chg.site)
		return cli_usage_error(cmd, _("nothing to change (give --state or --site)"));
	if ((rc = positionals(cmd, argc, argv, 2, _("the case id and the host name"))) != CLI_OK ||
	    (rc = cli_case_arg(env, argv[optind], &id)) != CLI_OK)
		return rc;
	if (act_asset_change(&env->ctx, id, argv[optind + 1], &chg, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

/* A local time padded to COLS columns (never cut), "-" for never. */
static void
pad_time(int64_t t, int cols)
{
	char buf[64];

	if (t)
		cli_time(t, buf, sizeof(buf));
	cli_pad(t ? buf : "-", cols);
}

static int
print_asset(void *arg, const asset_row *a)
{
	int tcols = *(const int *)arg;

	cli_cell(a->host, 16);
	cli_cell(a->site ? a->site : "-", 10);
	cli_cell(a->state, 9);
	pad_time(a->infected_at, tcols);
	putchar(' ');
	pad_time(a->changed_at, tcols);
	putchar('\n');
	return 0;
}

static int
cmd_asset_list(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_asset_commands[ASSET_LIST];
	int json = 0, done = 0, rc, tcols;
	ird_err e = { 0 };
	int64_t id;

	if ((rc = cli_list_args(env, cmd, argc, argv, &json, &id, &done)) != CLI_OK || done)
		return rc;
	if (json)
		return cli_print_list_json(env, id, asset_list_json);
	tcols = cli_time_cols();
	/* TRANSLATORS: column headers of `asset list`: HOST 16 columns at most,
	   SITE 10, STATE 9. */
	cli_cell(_("HOST"), 16);
	cli_cell(_("SITE"), 10);
	cli_cell(_("STATE"), 9);
	cli_cell(_("INFECTED"), tcols);
	printf("%s\n", _("CHANGED"));
	if (asset_each(&env->ctx, id, print_asset, &tcols, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

/* ---- evidence ------------------------------------------------------------------ */

static int
cmd_evidence_add(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "asset", required_argument, NULL, 'a' },
		{ "kind", required_argument, NULL, 'k' },
		{ "file", required_argument, NULL, 'f' },
		{ "sha256", required_argument, NULL, 's' },
		{ "location", required_argument, NULL, 'l' },
		{ "exfil", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_asset_commands[EV_ADD];
	evidence_spec spec = { 0 };
	ird_err e = { 0 };
	int ch, done = 0, rc;
	int64_t id, num = 0;

	while ((ch = cli_getopt(cmd, argc, argv, ":a:k:f:s:l:xh", opts, &done)) != -1) {
		switch (ch) {
		case 'a': spec.asset_host = optarg; break;
		case 'k': spec.kind = optarg; break;
		case 'f': spec.file = optarg; break;
		case 's': spec.sha256 = optarg; break;
		case 'l': spec.location = optarg; break;
		case 'x': spec.exfil = 1; break;
		default: return CLI_USAGE;
		}
	}
	if (done)
		return CLI_OK;
	if (!spec.kind)
		return cli_usage_error(cmd, _("--kind is required"));
	if (!spec.file == !spec.sha256)
		return cli_usage_error(cmd, "%s", spec.file
		                       ? _("give either --file PATH or --sha256 HEX, not both")
		                       : _("give either --file PATH or --sha256 HEX, not neither"));
	if (evidence_check_spec(&spec, &e) != IRD_OK)
		return cli_error(&e);
	if ((rc = positionals(cmd, argc, argv, 1, _("the case id (e.g. IR-2015-0001)"))) != CLI_OK ||
	    (rc = cli_case_arg(env, argv[optind], &id)) != CLI_OK)
		return rc;
	if (act_evidence_add(&env->ctx, id, &spec, &num, &e) != IRD_OK)
		return cli_error(&e);
	printf("E%lld\n", (long long)num);
	return CLI_OK;
}

static int
cmd_evidence_transfer(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "note", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_asset_commands[EV_TRANSFER];
	const char *to = NULL, *note = NULL;
	ird_err e = { 0 };
	int ch, done = 0, rc;
	int64_t id, num;

	while ((ch = cli_getopt(cmd, argc, argv, ":t:n:h", opts, &done)) != -1) {
		switch (ch) {
		case 't': to = optarg; break;
		case 'n': note = optarg; break;
		default: return CLI_USAGE;
		}
	}
	if (done)
		return CLI_OK;
	if (!to)
		return cli_usage_error(cmd, _("--to NAME is required (who receives it)"));
	if ((rc = positionals(cmd, argc, argv, 2, _("the case id and the evidence (E1, E2...)"))))
		return rc;
	if (evidence_parse_ref(argv[optind + 1], &num, &e) != IRD_OK)
		return cli_error(&e);
	if ((rc = cli_case_arg(env, argv[optind], &id)) != CLI_OK)
		return rc;
	if (act_evidence_transfer(&env->ctx, id, argv[optind + 1], to, note, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

static int
cmd_evidence_verify(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_asset_commands[EV_VERIFY];
	const char *file = NULL;
	ird_err e = { 0 };
	int ch, done = 0, rc, match = 0;
	int64_t id, num;

	while ((ch = cli_getopt(cmd, argc, argv, ":f:h", opts, &done)) != -1) {
		if (ch != 'f')
			return CLI_USAGE;
		file = optarg;
	}
	if (done)
		return CLI_OK;
	if (!file || !*file)
		return cli_usage_error(cmd, _("--file PATH is required (the file to check)"));
	if ((rc = positionals(cmd, argc, argv, 2, _("the case id and the evidence (E1, E2...)"))))
		return rc;
	if (evidence_parse_ref(argv[optind + 1], &num, &e) != IRD_OK)
		return cli_error(&e);
	if ((rc = cli_case_arg(env, argv[optind], &id)) != CLI_OK)
		return rc;
	if (act_evidence_verify(&env->ctx, id, argv[optind + 1], file, &match, &e) != IRD_OK)
		return cli_error(&e);
	if (match) {
		printf("%s\n", _("match"));
		return CLI_OK;
	}
	printf("%s\n", _("MISMATCH"));
	fputs("irdesk: ", stderr);
	fprintf(stderr, _("E%lld: the file does not match the recorded SHA-256"
	                  " (the check is on the timeline)\n"), (long long)num);
	return CLI_FAIL;
}

static int
print_custody(void *arg, const custody_row *r)
{
	char when[64];

	(void)arg;
	cli_time(r->at, when, sizeof(when));
	printf("    %s  ", when);
	if (r->from)
		printf(_("%s -> %s (by %s)"), cli_s(r->from), cli_s(r->to), cli_s(r->by));
	else
		printf(_("collected by %s"), cli_s(r->to));
	if (r->note) {
		fputs(": ", stdout);
		cli_put(stdout, r->note);
	}
	putchar('\n');
	return 0;
}

struct ev_print {
	cli_env *env;
	ird_err *e;
	int rc;
};

static int
print_evidence(void *arg, const evidence_row *ev)
{
	struct ev_print *p = arg;
	char kind[16], size[32];

	printf("E%-3lld %s ", (long long)ev->num, text_fit(ev->kind, 10, kind, sizeof(kind)));
	cli_put(stdout, ev->asset ? ev->asset : "-");
	if (ev->size >= 0) {
		evidence_format_size(ev->size, size, sizeof(size));
		printf("  %s", size);
	}
	printf(_("  held by %s"), cli_s(ev->holder));
	if (ev->exfil)
		printf("  %s", _("EXFILTRATION"));
	printf("\n    sha256 %s\n", ev->sha256);
	if (ev->location)
		printf(_("    at %s\n"), cli_s(ev->location));
	p->rc = evidence_custody_each(&p->env->ctx, ev->id, print_custody, NULL, p->e);
	return p->rc != IRD_OK;
}

static int
cmd_evidence_list(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_asset_commands[EV_LIST];
	int json = 0, done = 0, rc;
	ird_err e = { 0 };
	struct ev_print p = { env, &e, IRD_OK };
	int64_t id;

	if ((rc = cli_list_args(env, cmd, argc, argv, &json, &id, &done)) != CLI_OK || done)
		return rc;
	if (json)
		return cli_print_list_json(env, id, evidence_list_json);
	if (evidence_each(&env->ctx, id, print_evidence, &p, &e) != IRD_OK || p.rc != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}
