/* cli_mail.c - `mail add`: a reported mail and every indicator in it, at once. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/act_mail.h"
#include "cli/cli.h"

static int cmd_mail_add(cli_env *env, int argc, char **argv);

const cli_command cli_mail_commands[] = {
	{ "mail", "add", cmd_mail_add, N_("ID FILE.eml [--asset HOST] [--dry-run]"),
	  N_("record a reported mail as evidence and every indicator in it") },
	{ NULL, NULL, NULL, NULL, NULL },
};

static void
print_header(const char *label, const char *value)
{
	if (!value)
		return;
	fputs("  ", stdout);
	cli_cell(label, 12);
	cli_put(stdout, value);
	putchar('\n');
}

static void
print_plan(const mail_plan *p, int dry_run)
{
	const mail_info *m = &p->info;

	if (dry_run)
		printf(_("would record the mail (SHA-256 %s, %lld bytes) and:\n"), m->sha256,
		       (long long)m->size);
	else
		printf(_("recorded mail E%lld (SHA-256 %s, %lld bytes):\n"),
		       (long long)p->evidence_num, m->sha256, (long long)m->size);
	for (size_t i = 0; i < m->naddrs; i++) {
		fputs("  ", stdout);
		cli_cell(mail_addr_kind_name(m->addrs[i].kind), 12);
		cli_put(stdout, m->addrs[i].addr);
		if (m->addrs[i].name) {
			fputs(" (", stdout);
			cli_put(stdout, m->addrs[i].name);
			putchar(')');
		}
		putchar('\n');
	}
	/* TRANSLATORS: labels of `mail add`, 12 columns at most; "Received" is
	   the mail header's name, indented under "first hop". */
	print_header(_("Subject"), m->subject);
	print_header("Message-ID", m->message_id);
	print_header(_("first hop"), m->origin_ip);
	print_header(_("  Received"), m->origin_received);
	printf(_("  %zu URL(s), %zu attachment(s)\n"), m->nurls, m->natts);
	for (size_t i = 0; i < p->nitems; i++) {
		const mail_item *it = &p->items[i];

		if (!it->normal)
			continue;
		if (dry_run)
			printf(_("would add %s %s (role %s; %s)\n"), cli_s(it->type), cli_s(it->normal),
			       cli_s(it->role), cli_s(it->what));
		else if (it->merged)
			printf(_("merged #%lld %s %s (role %s; %s)\n"), (long long)it->id,
			       cli_s(it->type), cli_s(it->normal), cli_s(it->role), cli_s(it->what));
		else
			printf(_("added #%lld %s %s (role %s; %s)\n"), (long long)it->id,
			       cli_s(it->type), cli_s(it->normal), cli_s(it->role), cli_s(it->what));
		if (it->deceptive)
			fputs(_("  a deceptive link: this URL is shown, another is the target\n"), stdout);
		if (it->repeat_of)
			printf(_("  repeat sender: seen before in %s\n"), cli_s(it->repeat_of));
	}
	for (size_t i = 0; i < p->nitems; i++) {
		const mail_item *it = &p->items[i];

		if (it->normal)
			continue;
		printf(_("not recorded: %s %s (%s): %s\n"), cli_s(it->type), cli_s(it->value),
		       cli_s(it->what), cli_s(it->refused));
	}
}

static int
cmd_mail_add(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "asset", required_argument, NULL, 'a' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_mail_commands[0];
	const char *asset = NULL;
	ioc_normalizer *n = NULL;
	mail_plan plan;
	ird_err e = { 0 };
	int64_t case_id;
	int ch, done = 0, dry_run = 0, rc;

	while ((ch = cli_getopt(cmd, argc, argv, ":a:nh", opts, &done)) != -1) {
		if (ch == 'a')
			asset = optarg;
		else if (ch == 'n')
			dry_run = 1;
		else
			return CLI_USAGE;
	}
	if (done)
		return CLI_OK;
	if (argc - optind < 2)
		return cli_usage_error(cmd, _("expected a case and a mail file"));
	if (argc - optind > 2)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind + 2]);
	if ((rc = cli_case_arg(env, argv[optind], &case_id)) != CLI_OK)
		return rc;
	if (ioc_normalizer_new(&n, &e) != IRD_OK)
		return cli_error(&e);
	rc = act_mail_add(&env->ctx, n, case_id, argv[optind + 1], asset, dry_run, &plan, &e);
	ioc_normalizer_free(n);
	if (rc != IRD_OK)
		return cli_error(&e);
	print_plan(&plan, dry_run);
	act_mail_plan_free(&plan);
	return CLI_OK;
}
