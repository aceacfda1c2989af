/* cli_audit.c - the audit trail's head and signing key: audit head, audit
 * key, audit anchor; and the heads and keys check is given. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_audit.h"
#include "base/sign.h"
#include "store/audit.h"

static int cmd_head(cli_env *env, int argc, char **argv);
static int cmd_key(cli_env *env, int argc, char **argv);
static int cmd_anchor(cli_env *env, int argc, char **argv);

const cli_command cli_audit_commands[] = {
	{ "audit", "head", cmd_head, N_("[--signed]"),
	  N_("print the head of the audit chain, SEQ:HASH, to keep outside the store") },
	{ "audit", "key", cmd_key, N_("[--pem]"),
	  N_("print your audit signing key's public half (made if missing), for check --key") },
	{ "audit", "anchor", cmd_anchor, N_("FILE"),
	  N_("append the signed head to FILE (for cron or another host)") },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int
cmd_head(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "signed", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_audit_commands[0];
	char key[SIGN_PUB_HEX_LEN], sig[SIGN_SIG_HEX_LEN], text[128];
	audit_anchor h;
	ird_err e = { 0 };
	int ch, done = 0, sgn = 0, rc;

	while ((ch = cli_getopt(cmd, argc, argv, ":sh", opts, &done)) != -1) {
		if (ch != 's')
			return CLI_USAGE;
		sgn = 1;
	}
	if (done)
		return CLI_OK;
	if (optind != argc)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind]);
	if ((rc = cli_store(env)) != CLI_OK)
		return rc;
	if (!sgn) {
		if (audit_head_text(&env->ctx, text, sizeof(text), &e) != IRD_OK)
			return cli_error(&e);
		printf("%s\n", text);
		return CLI_OK;
	}
	if (audit_head_signed(&env->ctx, &h, key, sig, &e) != IRD_OK)
		return cli_error(&e);
	printf("%" PRId64 ":%s %s %s\n", h.seq, h.hash, key, sig);
	return CLI_OK;
}

static int
cmd_key(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "pem", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_audit_commands[1];
	char hex[SIGN_PUB_HEX_LEN], *pem = NULL;
	const sign_key *k;
	ird_err e = { 0 };
	int ch, done = 0, as_pem = 0;

	(void)env;
	while ((ch = cli_getopt(cmd, argc, argv, ":ph", opts, &done)) != -1) {
		if (ch != 'p')
			return CLI_USAGE;
		as_pem = 1;
	}
	if (done)
		return CLI_OK;
	if (optind != argc)
		return cli_usage_error(cmd, _("unexpected argument \"%s\""), argv[optind]);
	if (audit_key(1, &k, &e) != IRD_OK)
		return cli_error(&e);
	if (as_pem) {
		if (sign_key_pub_pem(k, &pem, &e) != IRD_OK)
			return cli_error(&e);
		fputs(pem, stdout);
		free(pem);
		return CLI_OK;
	}
	sign_key_pub_hex(k, hex);
	printf("%s\n", hex);
	return CLI_OK;
}

static int
cmd_anchor(cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const cli_command *cmd = &cli_audit_commands[2];
	ird_err e = { 0 };
	int ch, done = 0, rc;

	while ((ch = cli_getopt(cmd, argc, argv, ":h", opts, &done)) != -1)
		return CLI_USAGE;
	if (done)
		return CLI_OK;
	if (argc - optind != 1)
		return cli_usage_error(cmd, _("give the file to append the head to"));
	if ((rc = cli_store(env)) != CLI_OK)
		return rc;
	if (audit_anchor_append(&env->ctx, argv[optind], &e) != IRD_OK)
		return cli_error(&e);
	return CLI_OK;
}

static int
add_head(cli_trust *tr, const audit_anchor *a)
{
	audit_anchor *n = realloc(tr->heads, (tr->t.nheads + 1) * sizeof(*n));

	if (!n)
		return -1;
	n[tr->t.nheads++] = *a;
	tr->heads = n;
	tr->t.heads = n;
	return 0;
}

int
cli_trust_head(const cli_command *cmd, cli_trust *tr, const char *value)
{
	audit_anchor a;
	ird_err e = { 0 };

	if (audit_anchor_parse(value, &a, &e) != IRD_OK)
		return cli_usage_error(cmd, "--head: %s", e.msg);
	if (add_head(tr, &a) != 0)
		return cli_usage_error(cmd, _("out of memory"));
	return CLI_OK;
}

int
cli_trust_heads_file(const cli_command *cmd, cli_trust *tr, const char *path)
{
	char line[1024];
	audit_anchor a;
	ird_err e = { 0 };
	long lineno = 0;
	FILE *f = fopen(path, "re");

	if (!f) {
		fputs("irdesk: ", stderr);
		fprintf(stderr, _("check: cannot open %s: %s\n"), cli_s(path), strerror(errno));
		return CLI_FAIL;
	}
	while (fgets(line, sizeof(line), f)) {
		char *p = line;

		lineno++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#' || *p == '\n' || *p == '\r' || !*p)
			continue;
		if (audit_anchor_parse(p, &a, &e) != IRD_OK) {
			fclose(f);
			fputs("irdesk: ", stderr);
			fprintf(stderr, _("check: %s, line %ld: %s\n"), cli_s(path), lineno,
			        cli_s(e.msg));
			return CLI_USAGE;
		}
		if (add_head(tr, &a) != 0) {
			fclose(f);
			return cli_usage_error(cmd, _("out of memory"));
		}
	}
	fclose(f);
	return CLI_OK;
}

int
cli_trust_key(const cli_command *cmd, cli_trust *tr, const char *path)
{
	char (*n)[SIGN_PUB_HEX_LEN];
	ird_err e = { 0 };

	if (!(n = realloc(tr->keys, (tr->t.nkeys + 1) * sizeof(*n))))
		return cli_usage_error(cmd, _("out of memory"));
	tr->keys = n;
	tr->t.keys = (const char (*)[SIGN_PUB_HEX_LEN])n;
	if (sign_pub_read(path, n[tr->t.nkeys], &e) != IRD_OK)
		return cli_error(&e);
	tr->t.nkeys++;
	return CLI_OK;
}

void
cli_trust_free(cli_trust *tr)
{
	free(tr->heads);
	free(tr->keys);
	memset(tr, 0, sizeof(*tr));
}
