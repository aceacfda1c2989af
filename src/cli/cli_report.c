/* cli_report.c - the after-action report and the case export. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "cli/cli.h"
#include "queries/export.h"
#include "queries/report.h"

static int cmd_report(cli_env *env, int argc, char **argv);
static int cmd_export(cli_env *env, int argc, char **argv);

const cli_command cli_report_commands[] = {
	{ NULL, "report", cmd_report, N_("ID [--format md|json|html] [--lang ja|en] [--output FILE]"),
	  N_("the after-action report: deadlines met or missed, score, comparison") },
	{ NULL, "export", cmd_export,
	  N_("ID --format md|json|html|csv|stix|misp [--lang ja|en] [--force] [--output FILE]"),
	  N_("the whole case (md, json, html, csv), or its indicators for peers (stix, misp)") },
	{ NULL, NULL, NULL, NULL, NULL },
};

/* All N bytes of BUF to FD; 0 or -1. */
static int
write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, buf, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		buf += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Write TEXT, ending with a newline, to PATH (created 0600 and renamed
 * into place whole) or to stdout. */
static int
write_out(const char *path, const char *text)
{
	size_t n = strlen(text);
	int nl = n == 0 || text[n - 1] != '\n';
	char *tmp = NULL;
	int fd;

	if (!path)
		return fputs(text, stdout) == EOF || (nl && fputc('\n', stdout) == EOF) ? CLI_FAIL
		                                                                         : CLI_OK;
	if (asprintf(&tmp, "%s.tmpXXXXXX", path) < 0)
		return CLI_FAIL;
	if ((fd = mkstemp(tmp)) < 0) { /* mkstemp creates it 0600 */
		fprintf(stderr, "irdesk: %s: %s\n", cli_s(path), strerror(errno));
		free(tmp);
		return CLI_FAIL;
	}
	if (write_all(fd, text, n) != 0 || (nl && write_all(fd, "\n", 1) != 0) || fsync(fd) != 0 ||
	    close(fd) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "irdesk: %s: %s\n", cli_s(path), strerror(errno));
		unlink(tmp);
		free(tmp);
		return CLI_FAIL;
	}
	free(tmp);
	return CLI_OK;
}

/* --format, --lang, --output and --help; --force too where FORCE is not NULL. */
static int
parse_out_opts(const cli_command *cmd, int argc, char **argv, const char **format,
               const char **lang, const char **output, int *force, int *done)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = cli_getopt(cmd, argc, argv, ":f:l:o:Fh", opts, done)) != -1) {
		if (ch == 'f')
			*format = optarg;
		else if (ch == 'l' && strcmp(optarg, "ja") && strcmp(optarg, "en"))
			return cli_usage_error(cmd, _("unknown language \"%s\" (ja, en)"), cli_s(optarg));
		else if (ch == 'l')
			*lang = optarg;
		else if (ch == 'o')
			*output = optarg;
		else if (ch == 'F' && force)
			*force = 1;
		else if (ch == 'F')
			return cli_usage_error(cmd, _("unknown option --force"));
		else
			return CLI_USAGE;
	}
	if (!*done && argc - optind != 1)
		return cli_usage_error(cmd, _("which case? (give its id)"));
	return CLI_OK;
}

static int
cmd_report(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_report_commands[0];
	const char *format = "md", *output = NULL, *lang = NULL;
	report_format f;
	ird_err e = { 0 };
	i18n_saved saved;
	report r;
	char *text;
	int64_t id;
	int done = 0, rc;

	if ((rc = parse_out_opts(cmd, argc, argv, &format, &lang, &output, NULL, &done)) != CLI_OK ||
	    done)
		return rc;
	if (strcmp(format, "md") == 0)
		f = REPORT_MD;
	else if (strcmp(format, "json") == 0)
		f = REPORT_JSON;
	else if (strcmp(format, "html") == 0)
		f = REPORT_HTML;
	else
		return cli_usage_error(cmd, _("unknown format \"%s\" (md, json or html)"), format);
	env->quiet_overdue = 1;
	if ((rc = cli_case_arg(env, argv[optind], &id)) != CLI_OK)
		return rc;
	if (report_build(&env->ctx, id, &r, &e) != IRD_OK)
		return cli_error(&e);
	/* --lang: the report in that language whatever the locale (JSON never changes) */
	if (f != REPORT_JSON && i18n_push_lang(lang, &saved, &e) != IRD_OK) {
		report_free(&r);
		return cli_error(&e);
	}
	text = report_render(&r, f);
	if (f != REPORT_JSON)
		i18n_pop_lang(&saved);
	report_free(&r);
	if (!text)
		return CLI_FAIL;
	rc = write_out(output, text);
	free(text);
	return rc;
}

static int
cmd_export(cli_env *env, int argc, char **argv)
{
	const cli_command *cmd = &cli_report_commands[1];
	const char *format = NULL, *output = NULL, *lang = NULL;
	export_format f;
	ird_err e = { 0 };
	i18n_saved saved;
	char *text = NULL;
	int64_t id;
	int done = 0, force = 0, share, people, rc;

	if ((rc = parse_out_opts(cmd, argc, argv, &format, &lang, &output, &force, &done)) !=
	    CLI_OK || done)
		return rc;
	if (!format)
		return cli_usage_error(cmd, _("give --format md, json, html, csv, stix or misp"));
	/* STIX and MISP are for sharing with peers: they respect TLP (--force). */
	share = strcmp(format, "stix") == 0 || strcmp(format, "misp") == 0;
	if (!share && export_format_parse(format, &f) != 0)
		return cli_usage_error(cmd, _("unknown format \"%s\" (md, json, html, csv, stix or "
		                              "misp)"), format);
	env->quiet_overdue = 1;
	if ((rc = cli_case_arg(env, argv[optind], &id)) != CLI_OK)
		return rc;
	if (share)
		return cli_share_export(env, id, format, force, output);
	/* --lang: Markdown and HTML in that language; JSON and CSV never change */
	people = f == EXPORT_MD || f == EXPORT_HTML;
	if (people && i18n_push_lang(lang, &saved, &e) != IRD_OK)
		return cli_error(&e);
	rc = export_render(&env->ctx, id, f, &text, &e);
	if (people)
		i18n_pop_lang(&saved);
	if (rc != IRD_OK)
		return cli_error(&e);
	rc = write_out(output, text);
	free(text);
	return rc;
}
