/* cli_ioc.c - indicator and block commands: ioc add|list|find, and block in
 * two forms: `block ID INDICATOR` (as the issue names it) and the explicit
 * `block request|activate|lift|list`. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "actions/act_ioc.h"
#include "engine/step_rules.h"
#include "records/block.h"
#include "cli/cli.h"
#include "records/indicator.h"
#include "base/text.h"

static int cmd_ioc_add(cli_env *env, int argc, char **argv);
static int cmd_ioc_list(cli_env *env, int argc, char **argv);
static int cmd_ioc_find(cli_env *env, int argc, char **argv);
static int cmd_block(cli_env *env, int argc, char **argv);
static int cmd_block_request(cli_env *env, int argc, char **argv);
static int cmd_block_activate(cli_env *env, int argc, char **argv);
static int cmd_block_lift(cli_env *env, int argc, char **argv);
static int cmd_block_list(cli_env *env, int argc, char **argv);

/* Room for text_fit of a short column (UTF-8 takes up to 4 bytes a column). */
#define FIT 128

/* Columns of the labels under each indicator (seen, normal...). */
#define LABEL 6

enum { IOC_ADD, IOC_LIST, IOC_FIND, BLOCK, BLOCK_REQUEST, BLOCK_ACTIVATE, BLOCK_LIFT, BLOCK_LIST };

/* "block" comes before the "block ..." group: cli_dispatch finds it by its
 * first word and cmd_block picks the form (a case id is never one of the
 * sub-command words, so the two forms cannot be confused). */
const cli_command cli_ioc_commands[] = {
	[IOC_ADD] = { "ioc", "add", cmd_ioc_add,
	  N_("ID email|url|domain|ip|sha256|sha1|md5|subject|filename|message-id VALUE\n"
	  "       [--role sender|c2|download|other] [--note TEXT] [--exfil]"),
	  N_("record an indicator; the same one again is merged") },
	[IOC_LIST] = { "ioc", "list", cmd_ioc_list, N_("ID [--json]"),
	  N_("list a case's indicators with their blocks") },
	[IOC_FIND] = { "ioc", "find", cmd_ioc_find, N_("VALUE [--json]"),
	  N_("find an indicator in every case, by value, host or registrable domain") },
	[BLOCK] = { NULL, "block", cmd_block, N_("ID INDICATOR [--scope address|host|domain]"),
	  N_("request a block of an indicator (#id or value); see block --help") },
	[BLOCK_REQUEST] = { "block", "request", cmd_block_request,
	  N_("ID INDICATOR [--scope address|host|domain]"),
	  N_("request a block (same as block ID ...)") },
	[BLOCK_ACTIVATE] = { "block", "activate", cmd_block_activate, N_("ID BLOCK"),
	  N_("a requested block is now in force") },
	[BLOCK_LIFT] = { "block", "lift", cmd_block_lift, N_("ID BLOCK [--note TEXT]"),
	  N_("lift a block (or withdraw a request)") },
	[BLOCK_LIST] = { "block", "list", cmd_block_list, N_("ID [--json]"),
	  N_("list a case's blocks") },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int
normalizer(ioc_normalizer **n)
{
	ird_err e = { 0 };

	if (ioc_normalizer_new(n, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

/* Options of commands that take only --json (and --help). */
static int
json_opt(const cli_command *cmd, int argc, char **argv, int *json, int *done)
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
	return CLI_OK;
}

/* Print JSON made by a *_json function that returned RC, and free it. */
static int
print_owned_json(char *json, int rc, const ird_err *e)
{
	if (rc != IRD_OK) {
		free(json);
		return cli_error(e);
	}
	rc = cli_print_json(json ? json : "[]");
	free(json);
	return rc;
}

/* Text from the store, sanitised, separated by spaces (C may be NULL). */
static void
put_words(const char *a, const char *b, const char *c)
{
	cli_put(stdout, a);
	putchar(' ');
	cli_put(stdout, b);
	if (c) {
		putchar(' ');
		cli_put(stdout, c);
	}
}

/* ---- ioc add ---- */

/* After a normal form with A-labels, " (例え.jp)": the Unicode form it stands for
 * (the normaliser's display form; a normal form normalises to itself). */
static void
put_display(const ioc_normalizer *n, const char *type, const char *normal)
{
	ioc_type t;
	ioc_norm d;

	if (!n || ioc_type_parse(type, &t) != IRD_OK || ioc_normalize(n, t, normal, &d, NULL) != IRD_OK)
		return;
	if (strcmp(d.display, normal) != 0) {
		fputs(" (", stdout);
		cli_put(stdout, d.display);
		putchar(')');
	}
	ioc_norm_free(&d);
}

static void
print_added(const ioc_normalizer *n, const indicator_row *r, int merged)
{
	if (merged)
		printf(_("merged #%lld (seen %lld times): %s %s"), (long long)r->id,
		       (long long)r->seen_count, cli_s(r->type), cli_s(r->normal));
	else
		printf(_("added #%lld: %s %s"), (long long)r->id, cli_s(r->type), cli_s(r->normal));
	put_display(n, r->type, r->normal);
	putchar('\n');
	printf(_("  role %s, registrable domain %s"), cli_s(r->role),
	       cli_s(r->registrable ? r->registrable : "-"));
	if (r->exfil)
		fputs(_(", exfiltration seen"), stdout);
	putchar('\n');
}

/* Say what the addition means for containment: a sender back after its
 * block is a repeat campaign (2015: May 8, then 101 mails on May 18). */
static int
report_added(cli_env *env, const ioc_normalizer *n, int64_t id, int merged)
{
	indicator_row r;
	ird_err e = { 0 };
	int blocked = 0;

	if (indicator_get(&env->ctx, id, &r, &e) != IRD_OK)
		return cli_error(&e);
	print_added(n, &r, merged);
	if (merged && strcmp(r.role, "sender") == 0 &&
	    block_is_blocked(&env->ctx, id, &blocked, &e) != IRD_OK) {
		indicator_row_free(&r);
		return cli_error(&e);
	}
	if (blocked)
		fputs(_("  this sender is blocked and was seen again: a repeat campaign\n"), stdout);
	indicator_row_free(&r);
	return CLI_OK;
}

static int
parse_add(const cli_command *cmd, int argc, char **argv, indicator_spec *spec, int *done)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "note", required_argument, NULL, 'n' },
		{ "exfil", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = cli_getopt(cmd, argc, argv, ":r:n:xh", opts, done)) != -1) {
		switch (ch) {
		case 'r': spec->role = optarg; break;
		case 'n': spec->note = optarg; break;
		case 'x': spec->exfil = 1; break;
		default: return CLI_USAGE;
		}
	}
	if (*done)
		return CLI_OK;
	if (argc - optind != 3)
		return cli_usage_error(cmd, _("give the case, the type and the value"));
	spec->type = argv[optind + 1];
	spec->value = argv[optind + 2];
	return CLI_OK;
}

static int
cmd_ioc_add(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_ioc_commands[IOC_ADD];
	indicator_spec spec = { 0 };
	ioc_normalizer *n = NULL;
	ird_err e = { 0 };
	int64_t case_id, id = 0;
	int done = 0, merged = 0, rc;

	if ((rc = parse_add(cmd, argc, argv, &spec, &done)) != CLI_OK || done)
		return rc;
	if ((rc = normalizer(&n)) != CLI_OK)
		return rc;
	/* Usage errors (exit 2) before looking the case up. */
	if (indicator_check(n, &spec, &e) != IRD_OK)
		rc = cli_error(&e);
	else if ((rc = cli_case_arg(env, argv[optind], &case_id)) == CLI_OK &&
	         act_ioc_add(&env->ctx, n, case_id, &spec, &id, &merged, &e) != IRD_OK)
		rc = cli_error(&e);
	if (rc == CLI_OK)
		rc = report_added(env, n, id, merged);
	ioc_normalizer_free(n);
	return rc;
}

/* ---- ioc list ---- */

static int
print_indicator_block(void *arg, const block_row *b)
{
	const indicator_row *r = arg;

	/* A block covers the indicator when made for it or aimed at its
	 * address, host or registrable domain (block.h). */
	if (b->indicator_id != r->id &&
	    !(strcmp(b->scope, "address") == 0 && (strcmp(b->target, r->normal) == 0 ||
	                                           (r->host && strcmp(b->target, r->host) == 0))) &&
	    !(strcmp(b->scope, "host") == 0 && r->host && strcmp(b->target, r->host) == 0) &&
	    !(strcmp(b->scope, "domain") == 0 && r->registrable &&
	      strcmp(b->target, r->registrable) == 0))
		return 0;
	fputs("    ", stdout);
	cli_cell(_("block"), LABEL);
	printf("#%lld ", (long long)b->id);
	put_words(b->state, b->scope, b->target);
	if (b->indicator_id != r->id)
		printf(_(" (made for #%lld)"), (long long)b->indicator_id);
	putchar('\n');
	return 0;
}

struct list_ctx {
	cli_env *env;
	int rc;
};

static int
print_indicator(void *arg, const indicator_row *r)
{
	struct list_ctx *lc = arg;
	char type[FIT], role[FIT], first[64], last[64];
	ird_err e = { 0 };

	cli_time(r->first_seen, first, sizeof(first));
	cli_time(r->last_seen, last, sizeof(last));
	printf("#%-4lld %s %s %4lld  ", (long long)r->id, text_fit(r->type, 8, type, sizeof(type)),
	       text_fit(r->role, 8, role, sizeof(role)), (long long)r->seen_count);
	cli_put(stdout, r->registrable ? r->registrable : "-");
	/* TRANSLATORS: the labels under each indicator of `ioc list` (seen,
	   normal, raw, note, block): 6 columns at most. */
	fputs("\n    ", stdout);
	cli_cell(_("seen"), LABEL);
	printf("%s .. %s\n    ", first, last);
	cli_cell(_("normal"), LABEL);
	cli_put(stdout, r->normal);
	putchar('\n');
	if (strcmp(r->raw, r->normal) != 0) {
		fputs("    ", stdout);
		cli_cell(_("raw"), LABEL);
		cli_put(stdout, r->raw);
		putchar('\n');
	}
	if (r->exfil)
		printf("    %s\n", _("exfiltration seen"));
	if (r->note) {
		fputs("    ", stdout);
		cli_cell(_("note"), LABEL);
		cli_put(stdout, r->note);
		putchar('\n');
	}
	/* Blocks are read through a second statement while this one steps. */
	if (block_each(&lc->env->ctx, r->case_id, print_indicator_block, (void *)r, &e) != IRD_OK) {
		lc->rc = cli_error(&e);
		return 1;
	}
	return 0;
}

static int
cmd_ioc_list(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_ioc_commands[IOC_LIST];
	struct list_ctx lc = { env, CLI_OK };
	int json = 0, done = 0, rc;
	ird_err e = { 0 };
	int64_t id;

	if ((rc = cli_list_args(env, cmd, argc, argv, &json, &id, &done)) != CLI_OK || done)
		return rc;
	if (json)
		return cli_print_list_json(env, id, indicator_list_json);
	/* TRANSLATORS: column headers of `ioc list`: ID 5 columns at most,
	   TYPE and ROLE 8, SEEN 4. */
	cli_cell(_("ID"), 5);
	cli_cell(_("TYPE"), 8);
	cli_cell(_("ROLE"), 8);
	cli_rcell(_("SEEN"), 4);
	printf(" %s\n", _("REGISTRABLE DOMAIN"));
	if (indicator_each(&env->ctx, id, print_indicator, &lc, &e) != IRD_OK && lc.rc == CLI_OK)
		return cli_error(&e);
	return lc.rc;
}

/* ---- ioc find ---- */

static int
print_hit(void *arg, const indicator_hit *h)
{
	char hid[FIT], match[FIT], type[FIT];

	++*(int *)arg;
	printf("%s %s #%-4lld %s ", text_fit(h->case_hid, 13, hid, sizeof(hid)),
	       text_fit(indicator_match_name(h->match), 23, match, sizeof(match)),
	       (long long)h->ind.id, text_fit(h->ind.type, 6, type, sizeof(type)));
	cli_put(stdout, h->ind.normal);
	if (h->exercise)
		fputs(_(" (exercise)"), stdout);
	printf(_("\n    %s | role %s, seen %lld times\n"), cli_s(h->case_title),
	       cli_s(h->ind.role), (long long)h->ind.seen_count);
	return 0;
}

static int
find_text(cli_env *env, const ioc_normalizer *n, const char *value)
{
	indicator_query q;
	ird_err e = { 0 };
	int hits = 0;

	if (indicator_query_new(n, value, &q, &e) != IRD_OK)
		return cli_error(&e);
	/* TRANSLATORS: %1$s is the type (url, domain...) or "text", %2$s the value. */
	printf(_("looking for %s %s"), q.guessed ? ioc_type_name(q.type) : _("text"),
	       cli_s(q.normal));
	if (q.guessed)
		put_display(n, ioc_type_name(q.type), q.normal);
	if (q.registrable && (!q.host || strcmp(q.registrable, q.host) != 0))
		printf(_(" and its registrable domain %s"), cli_s(q.registrable));
	putchar('\n');
	if (indicator_search_each(&env->ctx, &q, print_hit, &hits, &e) != IRD_OK) {
		indicator_query_free(&q);
		return cli_error(&e);
	}
	if (!hits)
		fputs(_("no case has it\n"), stdout);
	indicator_query_free(&q);
	return CLI_OK;
}

static int
cmd_ioc_find(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_ioc_commands[IOC_FIND];
	ioc_normalizer *n = NULL;
	int json = 0, done = 0, rc;
	ird_err e = { 0 };
	char *out = NULL;

	if ((rc = json_opt(cmd, argc, argv, &json, &done)) != CLI_OK || done)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error(cmd, _("give the value to find"));
	if ((rc = normalizer(&n)) != CLI_OK)
		return rc;
	if ((rc = cli_store(env)) == CLI_OK) {
		if (json) {
			rc = indicator_find_json(&env->ctx, n, argv[optind], &out, &e);
			rc = print_owned_json(out, rc, &e);
		} else
			rc = find_text(env, n, argv[optind]);
	}
	ioc_normalizer_free(n);
	return rc;
}

/* ---- block ---- */

static void
block_forms(FILE *out)
{
	/* TRANSLATORS: the usage lines of `block`: the following lines start
	   with spaces as wide as "usage:" and a space. */
	fprintf(out, _("usage: irdesk block %s\n"), cli_tr(cli_ioc_commands[BLOCK].usage));
	for (int i = BLOCK_REQUEST; i <= BLOCK_LIST; i++)
		fprintf(out, _("       irdesk block %s %s\n"), cli_ioc_commands[i].name,
		        cli_tr(cli_ioc_commands[i].usage));
	fputs(_("INDICATOR: #id, or the raw or normal value of an indicator of the case.\n"
	        "Scope (default: domain for URLs and domains, address for e-mail and IPs):\n"
	        "  address  the e-mail address or IP\n"
	        "  host     the host name only (a C&C's sub-domain: the registrable domain\n"
	        "           stays open)\n"
	        "  domain   the registrable domain (example.co.jp), every host under it\n"
	        "A block is requested, then active (block activate), then lifted (block lift).\n"),
	      out);
}

static int
cmd_block(cli_env *env, int argc, char **argv)
{
	if (argc < 2) {
		block_forms(stderr);
		return CLI_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		block_forms(stdout);
		return CLI_OK;
	}
	for (int i = BLOCK_REQUEST; i <= BLOCK_LIST; i++) {
		if (strcmp(argv[1], cli_ioc_commands[i].name) == 0) {
			optind = 0; /* getopt starts again for the sub-command */
			return cli_ioc_commands[i].run(env, argc - 1, argv + 1);
		}
	}
	return cmd_block_request(env, argc, argv);
}

/* BLOCK argument: "#3" or "3". */
static int
block_id_arg(const cli_command *cmd, const char *s, int64_t *id)
{
	char *end;
	long long v;

	if (*s == '#')
		s++;
	v = strtoll(s, &end, 10);
	if (!*s || *end || v <= 0)
		return cli_usage_error(cmd, _("invalid block \"%s\" (give its number, e.g. #2)"), s);
	*id = (int64_t)v;
	return CLI_OK;
}

/* Whether a block of SCOPE on IND misses its registrable domain: a host
 * block of a C&C host under a registrable domain (2015's mistake). */
static int
misses_domain(const indicator_row *ind, const char *scope)
{
	return strcmp(scope, "host") == 0 && ind->registrable && ind->host &&
	       strcmp(ind->host, ind->registrable) != 0 &&
	       (strcmp(ind->type, "url") == 0 || strcmp(ind->type, "domain") == 0);
}

/* When a host block leaves the registrable domain open, say why. */
static int
warn_host_only(cli_env *env, const block_row *b)
{
	char why[1024];
	indicator_row ind;
	ird_err e = { 0 };
	int met = 1, rc = IRD_OK;

	if (strcmp(b->state, "lifted") == 0)
		return CLI_OK;
	if ((rc = indicator_get(&env->ctx, b->indicator_id, &ind, &e)) == IRD_OK &&
	    misses_domain(&ind, b->scope))
		rc = step_block_requirement(&env->ctx, ind.id, 1, &met, why, sizeof(why), &e);
	indicator_row_free(&ind);
	if (rc != IRD_OK)
		return cli_error(&e);
	if (!met) {
		fputs("irdesk: ", stderr);
		fprintf(stderr, _("warning: %s\n"), cli_s(why));
	}
	return CLI_OK;
}

enum { REQUESTED, ACTIVATED, LIFTED };

/* What was done to block ID (REQUESTED...): its number, scope, target, and
 * its indicator's number and value. */
static int
report_block(cli_env *env, int64_t case_id, int64_t id, int what)
{
	ird_err e = { 0 };
	block_row b;
	int rc;

	if (block_get(&env->ctx, case_id, id, &b, &e) != IRD_OK)
		return cli_error(&e);
	printf(what == REQUESTED ? _("requested block #%lld: %s %s (indicator #%lld %s)\n")
	       : what == ACTIVATED ? _("active: block #%lld: %s %s (indicator #%lld %s)\n")
	                           : _("lifted: block #%lld: %s %s (indicator #%lld %s)\n"),
	       (long long)id, cli_s(b.scope), cli_s(b.target), (long long)b.indicator_id,
	       cli_s(b.indicator));
	rc = warn_host_only(env, &b);
	block_row_free(&b);
	return rc;
}

static int
cmd_block_request(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "scope", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_ioc_commands[strcmp(argv[0], "request") == 0 ? BLOCK_REQUEST
	                                                                           : BLOCK];
	const char *scope = NULL;
	ioc_normalizer *n = NULL;
	ird_err e = { 0 };
	int64_t case_id, ind, id;
	int ch, done = 0, rc;

	while ((ch = cli_getopt(cmd, argc, argv, ":s:h", opts, &done)) != -1) {
		if (ch != 's')
			return CLI_USAGE;
		scope = optarg;
	}
	if (done)
		return CLI_OK;
	if (argc - optind != 2)
		return cli_usage_error(cmd, _("give the case and the indicator (#id or value)"));
	if (scope && block_check_scope(scope, &e) != IRD_OK)
		return cli_error(&e);
	if ((rc = cli_case_arg(env, argv[optind], &case_id)) != CLI_OK || (rc = normalizer(&n)))
		return rc;
	if (indicator_find(&env->ctx, n, case_id, argv[optind + 1], &ind, &e) != IRD_OK ||
	    act_block_request(&env->ctx, case_id, ind, scope, &id, &e) != IRD_OK)
		rc = cli_error(&e);
	ioc_normalizer_free(n);
	return rc == CLI_OK ? report_block(env, case_id, id, REQUESTED) : rc;
}

/* ID BLOCK (+ options parsed by the caller): the case and the block. */
static int
case_and_block(cli_env *env, const cli_command *cmd, int argc, char **argv, int64_t *case_id,
               int64_t *id)
{
	int rc;

	if (argc - optind != 2)
		return cli_usage_error(cmd, _("give the case and the block number"));
	if ((rc = block_id_arg(cmd, argv[optind + 1], id)) != CLI_OK)
		return rc;
	return cli_case_arg(env, argv[optind], case_id);
}

static int
cmd_block_activate(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_ioc_commands[BLOCK_ACTIVATE];
	int64_t case_id, id;
	ird_err e = { 0 };
	int done = 0, rc;

	if (cli_getopt(cmd, argc, argv, ":h", opts, &done) != -1)
		return CLI_USAGE;
	if (done)
		return CLI_OK;
	if ((rc = case_and_block(env, cmd, argc, argv, &case_id, &id)) != CLI_OK)
		return rc;
	if (act_block_activate(&env->ctx, case_id, id, &e) != IRD_OK)
		return cli_error(&e);
	return report_block(env, case_id, id, ACTIVATED);
}

static int
cmd_block_lift(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_ioc_commands[BLOCK_LIFT];
	const char *note = NULL;
	int64_t case_id, id;
	ird_err e = { 0 };
	int ch, done = 0, rc;

	while ((ch = cli_getopt(cmd, argc, argv, ":n:h", opts, &done)) != -1) {
		if (ch != 'n')
			return CLI_USAGE;
		note = optarg;
	}
	if (done)
		return CLI_OK;
	if ((rc = case_and_block(env, cmd, argc, argv, &case_id, &id)) != CLI_OK)
		return rc;
	if (act_block_lift(&env->ctx, case_id, id, note, &e) != IRD_OK)
		return cli_error(&e);
	return report_block(env, case_id, id, LIFTED);
}

static int
print_block(void *arg, const block_row *b)
{
	char state[FIT], scope[FIT], when[64];

	(void)arg;
	printf("#%-4lld %s %s ", (long long)b->id, text_fit(b->state, 9, state, sizeof(state)),
	       text_fit(b->scope, 7, scope, sizeof(scope)));
	cli_put(stdout, b->target);
	printf(_("\n      for #%lld %s"), (long long)b->indicator_id, cli_s(b->indicator));
	cli_time(b->requested_at, when, sizeof(when));
	printf(_("\n      requested %s by %s"), when, cli_s(b->requested_by));
	if (b->activated_at) {
		cli_time(b->activated_at, when, sizeof(when));
		printf(_(", active %s"), when);
	}
	if (b->lifted_at) {
		cli_time(b->lifted_at, when, sizeof(when));
		printf(_(", lifted %s"), when);
	}
	if (b->note) {
		fputs(": ", stdout);
		cli_put(stdout, b->note);
	}
	putchar('\n');
	return 0;
}

static int
cmd_block_list(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_ioc_commands[BLOCK_LIST];
	int json = 0, done = 0, rc;
	ird_err e = { 0 };
	int64_t id;

	if ((rc = cli_list_args(env, cmd, argc, argv, &json, &id, &done)) != CLI_OK || done)
		return rc;
	if (json)
		return cli_print_list_json(env, id, block_list_json);
	/* TRANSLATORS: column headers of `block list`: ID 5 columns at most,
	   STATE 9, SCOPE 7. */
	cli_cell(_("ID"), 5);
	cli_cell(_("STATE"), 9);
	cli_cell(_("SCOPE"), 7);
	printf("%s\n", _("TARGET"));
	if (block_each(&env->ctx, id, print_block, NULL, &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}
