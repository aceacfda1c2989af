/* cli_notify.c - notify, decide, and their listings. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "base/conffile.h"
#include "records/decision.h"
#include "actions/act_notify.h"
#include "records/notify.h"
#include "base/text.h"

static int cmd_notify(cli_env *env, int argc, char **argv);
static int cmd_notifications(cli_env *env, int argc, char **argv);
static int cmd_decide(cli_env *env, int argc, char **argv);
static int cmd_decisions(cli_env *env, int argc, char **argv);

enum { NOTIFY, NOTIFICATIONS, DECIDE, DECISIONS };

/* Listings are top-level words of their own, like `timers`, so that
 * `notify ID` and `decide ID` keep the case right after the command. */
const cli_command cli_notify_commands[] = {
	[NOTIFY] = { NULL, "notify", cmd_notify,
	             N_("ID --to ROLE --channel phone|email|meeting|chat|letter|other [--at TIME]"
	             " [--note TEXT]"),
	             N_("record that a role was told (satisfies its timers)") },
	[NOTIFICATIONS] = { NULL, "notifications", cmd_notifications, N_("ID [--json]"),
	                    N_("list who was told, how and when") },
	[DECIDE] = { NULL, "decide", cmd_decide,
	             N_("ID full-disconnect --choice disconnect|partial|defer --rationale TEXT"
	             " [--paths PATH,...]"),
	             N_("record a decision; says which external paths stay open") },
	[DECISIONS] = { NULL, "decisions", cmd_decisions, N_("ID [--json]"),
	                N_("list the decisions taken in a case") },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int
cmd_notify(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "channel", required_argument, NULL, 'c' },
		{ "at", required_argument, NULL, 'a' },
		{ "note", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_notify_commands[NOTIFY];
	char role[NOTIFY_ROLE_MAX + 1], when[64];
	notify_spec spec = { 0 };
	int64_t case_id, id;
	int ch, done = 0, rc, satisfied = 0;
	ird_err e = { 0 };

	while ((ch = cli_getopt(cmd, argc, argv, ":t:c:a:n:h", opts, &done)) != -1) {
		switch (ch) {
		case 't': spec.role = optarg; break;
		case 'c': spec.channel = optarg; break;
		case 'n': spec.note = optarg; break;
		case 'a':
			if ((rc = cli_time_arg(cmd, optarg, &spec.at)) != CLI_OK)
				return rc;
			break;
		default: return CLI_USAGE;
		}
	}
	if (done)
		return CLI_OK;
	if (argc - optind != 1)
		return cli_usage_error(cmd, "%s", argc - optind ? _("give one case, then the options")
		                                                : _("which case? (e.g. IR-2015-0001)"));
	if (!spec.role || !spec.channel)
		return cli_usage_error(cmd, _("%s is required"), spec.role ? "--channel" : "--to");
	if (notify_check_role(spec.role, role, &e) != IRD_OK ||
	    notify_check_channel(spec.channel, &e) != IRD_OK)
		return cli_error(&e);
	if ((rc = cli_case_arg(env, argv[optind], &case_id)) != CLI_OK)
		return rc;
	if (act_notify(&env->ctx, case_id, &spec, &id, &satisfied, &e) != IRD_OK)
		return cli_error(&e);
	cli_time(spec.at ? spec.at : clock_now(&env->ctx.clock), when, sizeof(when));
	if (satisfied)
		printf(ngettext("notification %lld: %s told by %s at %s; %d timer satisfied\n",
		                "notification %lld: %s told by %s at %s; %d timers satisfied\n",
		                (unsigned long)satisfied),
		       (long long)id, cli_s(role), cli_s(spec.channel), when, satisfied);
	else
		printf(_("notification %lld: %s told by %s at %s; no open timer was waiting for %s\n"),
		       (long long)id, cli_s(role), cli_s(spec.channel), when, cli_s(role));
	return CLI_OK;
}

static int
print_notification(void *arg, const notify_row *n)
{
	char when[64];

	cli_time(n->at, when, sizeof(when));
	printf("%-4lld ", (long long)n->id);
	cli_pad(when, *(const int *)arg);
	putchar(' ');
	cli_cell(n->role, 14);
	cli_cell(n->channel, 7);
	cli_cell(n->by, 10);
	cli_put(stdout, n->note ? n->note : "");
	putchar('\n');
	return 0;
}

static int
cmd_notifications(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_notify_commands[NOTIFICATIONS];
	int json = 0, done = 0, rc, tcols;
	ird_err e = { 0 };
	int64_t case_id;

	if ((rc = cli_list_args(env, cmd, argc, argv, &json, &case_id, &done)) != CLI_OK || done)
		return rc;
	if (json)
		return cli_print_list_json(env, case_id, notify_list_json);
	tcols = cli_time_cols();
	/* TRANSLATORS: column headers of `notifications`: ROLE 14 columns at
	   most, CHANNEL 7, BY 10. */
	cli_cell("#", 4);
	cli_cell(_("TOLD AT"), tcols);
	cli_cell(_("ROLE"), 14);
	cli_cell(_("CHANNEL"), 7);
	cli_cell(_("BY"), 10);
	printf("%s\n", _("NOTE"));
	if (notify_each(&env->ctx, case_id, print_notification, &tcols, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

/* "proxy, mail" from a comma list (names of [a-z0-9._-] only). */
static void
put_spaced(const char *list)
{
	for (const char *p = list; *p; p++) {
		putchar(*p);
		if (*p == ',')
			putchar(' ');
	}
}

/* LABEL and the list, or NONE when it is empty. */
static void
put_list(const char *label, const char *list, const char *none)
{
	cli_cell(label, 11);
	if (!*list)
		fputs(none, stdout);
	put_spaced(list);
	putchar('\n');
}

/* What a recorded decision means, said plainly: what is cut, and what is
 * STILL OPEN (in 2015 the mail line stayed up six days after "full"
 * disconnection). Recomputed from SPEC, exactly as it was stored. */
static void
print_outcome(const decision_spec *spec, int64_t id)
{
	char *cut = NULL, *open = NULL;

	printf(_("decision %lld recorded: %s = %s\n"), (long long)id, cli_s(spec->question),
	       cli_s(spec->choice));
	if (decision_plan(spec, &cut, &open, NULL) != IRD_OK)
		return;
	/* TRANSLATORS: the labels of a decision's paths, 11 columns at most. */
	put_list(_("cut:"), cut, _("nothing"));
	if (*open) {
		put_list(_("STILL OPEN:"), open, "");
	} else {
		cli_cell(_("still open:"), 11);
		fputs(_("none of the known external paths\n"), stdout);
	}
	if (strcmp(spec->choice, "defer") == 0)
		printf(_("reminder: deferring leaves every external path open; decide again "
		         "(irdesk decide ... %s) as soon as the situation changes\n"),
		       cli_s(spec->question));
	free(cut);
	free(open);
}

/* The organisation's external paths, from the configuration file. */
static int
known_paths(char **paths)
{
	ird_config *cfg = NULL;
	ird_err e = { 0 };

	*paths = NULL;
	if (config_load(NULL, &cfg, &e) != IRD_OK)
		return cli_error(&e);
	*paths = strdup(config_external_paths(cfg));
	config_free(cfg);
	if (!*paths) {
		ird_fail(&e, IRD_EFAIL, "out of memory");
		return cli_error(&e);
	}
	return CLI_OK;
}

/* After the usage line: what --paths is checked against, and where from. */
static int
decide_help(void)
{
	ird_config *cfg = NULL;
	ird_err e = { 0 };
	int rc = config_load(NULL, &cfg, &e);

	printf(_("\nThe paths cut are those of --paths, or for disconnect every known external\n"
	         "path; each known path not cut is reported as STILL OPEN. The known paths\n"
	         "are external-paths in the configuration file, by default\n  %s\n"
	         "and here:\n  "), CONFIG_DEFAULT_EXTERNAL_PATHS);
	put_spaced(rc == IRD_OK ? config_external_paths(cfg) : CONFIG_DEFAULT_EXTERNAL_PATHS);
	putchar('\n');
	config_free(cfg);
	if (rc != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

static int
cmd_decide(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "choice", required_argument, NULL, 'c' },
		{ "rationale", required_argument, NULL, 'r' },
		{ "paths", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_notify_commands[DECIDE];
	decision_spec spec = { 0 };
	char *cut = NULL, *open = NULL, *known = NULL;
	int64_t case_id, id;
	int finished = 0;
	int ch, done = 0, rc;
	ird_err e = { 0 };

	while ((ch = cli_getopt(cmd, argc, argv, ":c:r:p:h", opts, &done)) != -1) {
		switch (ch) {
		case 'c': spec.choice = optarg; break;
		case 'r': spec.rationale = optarg; break;
		case 'p': spec.paths = optarg; break;
		default: return CLI_USAGE;
		}
	}
	if (done)
		return decide_help();
	if (argc - optind < 2)
		return cli_usage_error(cmd, _("give the case and the question (full-disconnect)"));
	if (argc - optind > 2)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind + 2]);
	spec.question = argv[optind + 1];
	if (!spec.choice)
		return cli_usage_error(cmd, _("--choice is required (disconnect, partial or defer)"));
	if ((rc = known_paths(&known)) != CLI_OK)
		return rc;
	spec.known_paths = known;
	/* Every check, the paths included, before the case is looked up. */
	if (decision_plan(&spec, &cut, &open, &e) != IRD_OK) {
		free(known);
		return cli_error(&e);
	}
	free(cut);
	free(open);
	if ((rc = cli_case_arg(env, argv[optind], &case_id)) == CLI_OK &&
	    (rc = act_decide(&env->ctx, case_id, &spec, &id, &finished, &e)) != IRD_OK)
		rc = cli_error(&e);
	if (rc == CLI_OK) {
		print_outcome(&spec, id);
		if (finished)
			printf(ngettext("%d step waiting for this decision marked done\n",
			                "%d steps waiting for this decision marked done\n",
			                (unsigned long)finished), finished);
	}
	free(known);
	return rc;
}

/* A stored JSON array of path names, for people: ["a","b"] -> a, b. */
static void
put_json_list(const char *label, const char *json, const char *none)
{
	char *plain = malloc(strlen(json ? json : "") * 2 + 1), *o = plain;

	if (!plain)
		return;
	for (const char *p = json ? json : ""; *p; p++) {
		if (*p == ',') {
			*o++ = ',';
			*o++ = ' ';
		} else if (*p != '[' && *p != ']' && *p != '"') {
			*o++ = *p;
		}
	}
	*o = '\0';
	fputs("     ", stdout);
	cli_cell(label, 11);
	cli_put(stdout, *plain ? plain : none);
	putchar('\n');
	free(plain);
}

static int
print_decision(void *arg, const decision_row *d)
{
	char when[64];

	(void)arg;
	cli_time(d->decided_at, when, sizeof(when));
	printf("%-4lld ", (long long)d->id);
	cli_pad(when, cli_time_cols());
	putchar(' ');
	printf(_("%s = %s (by %s)\n"), cli_s(d->question), cli_s(d->choice), cli_s(d->decided_by));
	put_json_list(_("cut:"), d->paths, _("nothing"));
	if (d->open_paths && strcmp(d->open_paths, "[]") != 0)
		put_json_list(_("STILL OPEN:"), d->open_paths, "");
	fputs("     ", stdout);
	cli_cell(_("rationale:"), 11);
	cli_put(stdout, d->rationale);
	putchar('\n');
	return 0;
}

static int
cmd_decisions(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_notify_commands[DECISIONS];
	int json = 0, done = 0, rc;
	ird_err e = { 0 };
	int64_t case_id;

	if ((rc = cli_list_args(env, cmd, argc, argv, &json, &case_id, &done)) != CLI_OK || done)
		return rc;
	if (json)
		return cli_print_list_json(env, case_id, decision_list_json);
	if (decision_each(&env->ctx, case_id, print_decision, NULL, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}
