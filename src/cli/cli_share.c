/* cli_share.c - indicators shared with peers: `export ID --format stix|misp`
 * and `ioc import ID FILE` (a STIX 2.1 bundle or a MISP event). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/act_import.h"
#include "cli/cli.h"
#include "queries/stix.h"

static int cmd_ioc_import(cli_env *env, int argc, char **argv);

enum { IOC_IMPORT };

const cli_command cli_share_commands[] = {
	[IOC_IMPORT] = { "ioc", "import", cmd_ioc_import, N_("ID FILE [--dry-run]"),
	  N_("add the indicators of a STIX 2.1 bundle or a MISP event from a peer") },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int
write_out(const char *path, const char *json)
{
	FILE *f = path ? fopen(path, "w") : stdout;

	if (!f) {
		fputs("irdesk: ", stderr);
		fprintf(stderr, _("cannot write %s: %s\n"), cli_s(path), strerror(errno));
		return CLI_FAIL;
	}
	fputs(json, f);
	fputc('\n', f);
	if ((path ? fclose(f) : fflush(f)) != 0) {
		fputs("irdesk: ", stderr);
		fprintf(stderr, _("cannot write %s: %s\n"), path ? cli_s(path) : _("the output"),
		        strerror(errno));
		return CLI_FAIL;
	}
	return CLI_OK;
}

int
cli_share_export(cli_env *env, int64_t case_id, const char *format, int force,
                 const char *output)
{
	const ird_config *cfg;
	ird_err e = { 0 };
	char *json = NULL;
	int rc;

	if ((rc = cli_config(env, &cfg)) != CLI_OK)
		return rc;
	rc = strcmp(format, "stix") == 0
		? export_stix(&env->ctx, case_id, config_organisation(cfg), force, &json, &e)
		: export_misp(&env->ctx, case_id, config_organisation(cfg), force, &json, &e);
	if (rc != IRD_OK)
		return cli_error(&e);
	rc = write_out(output, json);
	free(json);
	return rc;
}

static void
print_import(const import_plan *p, int dry_run)
{
	printf(dry_run ? _("would import %s from %s\n") : _("imported %s from %s\n"),
	       cli_s(p->format), p->source ? cli_s(p->source) : "?");
	for (size_t i = 0; i < p->n; i++) {
		const import_item *it = &p->items[i];

		if (it->refused)
			continue;
		if (dry_run)
			printf(_("would add %s %s (role %s; %s)\n"), cli_s(it->type), cli_s(it->value),
			       cli_s(it->role), cli_s(it->note));
		else if (it->merged)
			printf(_("merged #%lld %s %s (role %s; %s)\n"), (long long)it->id,
			       cli_s(it->type), cli_s(it->value), cli_s(it->role), cli_s(it->note));
		else
			printf(_("added #%lld %s %s (role %s; %s)\n"), (long long)it->id,
			       cli_s(it->type), cli_s(it->value), cli_s(it->role), cli_s(it->note));
	}
	for (size_t i = 0; i < p->n; i++) {
		const import_item *it = &p->items[i];

		if (!it->refused)
			continue;
		if (it->value)
			printf(_("not imported: %s: %s: %s\n"), cli_s(it->origin), cli_s(it->value),
			       cli_s(it->refused));
		else
			printf(_("not imported: %s: %s\n"), cli_s(it->origin), cli_s(it->refused));
	}
	printf(dry_run ? _("%zu indicator(s) to add, %zu not expressible\n")
	               : _("%zu indicator(s) added or merged, %zu not expressible\n"),
	       p->n - p->nrefused, p->nrefused);
}

static int
cmd_ioc_import(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_share_commands[IOC_IMPORT];
	ioc_normalizer *n = NULL;
	import_plan plan;
	ird_err e = { 0 };
	int64_t case_id;
	int ch, done = 0, dry_run = 0, rc;

	while ((ch = cli_getopt(cmd, argc, argv, ":nh", opts, &done)) != -1) {
		if (ch != 'n')
			return CLI_USAGE;
		dry_run = 1;
	}
	if (done)
		return CLI_OK;
	if (argc - optind != 2)
		return cli_usage_error(cmd, _("expected a case and a file"));
	if ((rc = cli_case_arg(env, argv[optind], &case_id)) != CLI_OK)
		return rc;
	if (ioc_normalizer_new(&n, &e) != IRD_OK)
		return cli_error(&e);
	rc = act_ioc_import(&env->ctx, n, case_id, argv[optind + 1], dry_run, &plan, &e);
	ioc_normalizer_free(n);
	if (rc != IRD_OK)
		return cli_error(&e);
	print_import(&plan, dry_run);
	import_plan_free(&plan);
	return CLI_OK;
}
