/* cli.h - the non-interactive commands: a table of commands and helpers
 * shared by the cli_*.c files that implement them. */
#ifndef IRDESK_CLI_H
#define IRDESK_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "actions/session.h"
#include "base/conffile.h"
#include "base/i18n.h"
#include "base/playbook.h"
#include "store/ctx.h"

/* Exit statuses of every command. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

typedef struct cli_env {
	ird_ctx ctx;          /* filled by the session; store opened by cli_store() */
	session *session;     /* store, actor, clock, configuration, default playbook */
	const char *prog;     /* "irdesk" */
	int quiet_overdue;    /* 1: do not warn of overdue timers (the command lists them) */
} cli_env;

typedef struct cli_command {
	const char *group;    /* "case", or NULL for a top-level command */
	const char *name;     /* "new"; for top-level commands the command */
	int (*run)(cli_env *env, int argc, char **argv);
	const char *usage;    /* arguments after the command words */
	const char *summary;  /* one line */
} cli_command;

/* Run the command line after the global options. */
int cli_dispatch(cli_env *env, int argc, char **argv);

/* Print the overall help to OUT. */
void cli_help(FILE *out);

/* Load the configuration file if not yet loaded; on failure print the error. */
int cli_config(cli_env *env, const ird_config **cfg);

/* Open the store if not yet open; on failure print the error. */
int cli_store(cli_env *env);

/* Print "irdesk: MESSAGE" for E and return the exit status it maps to. */
int cli_error(const ird_err *e);

/* Print "irdesk: ..." and return CLI_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parse options of CMD: like getopt_long, but --help prints the usage and
 * sets *DONE, and unknown options give a usage error (returns -2). */
int cli_getopt(const cli_command *cmd, int argc, char **argv, const char *shortopts,
               const struct option *longopts, int *done);

/* Print the usage line of CMD to OUT. */
void cli_print_usage(const cli_command *cmd, FILE *out);

/* Parse a time option value (ISO-8601) or give a usage error. */
int cli_time_arg(const cli_command *cmd, const char *value, int64_t *out);

/* The playbook NAME ("none": *PB NULL), or without NAME the configured
 * default-playbook (session_playbook); errors printed. */
int cli_playbook_arg(cli_env *env, const char *name, playbook **pb);

/* Resolve a case reference or print the error; CLI_OK or the exit status. */
int cli_case_arg(cli_env *env, const char *ref, int64_t *id);

/* The `ID [--json]` listings: parse --json and --help, then exactly one
 * case, resolved into *CASE_ID (overdue warnings included). CLI_OK and
 * !*DONE to go on; otherwise the exit status, the error printed. */
int cli_list_args(cli_env *env, const cli_command *cmd, int argc, char **argv, int *json,
                  int64_t *case_id, int *done);

/* Print the JSON array LIST builds for the case, or its error. */
int cli_print_list_json(cli_env *env, int64_t case_id,
                        int (*list)(ird_ctx *c, int64_t case_id, char **json, ird_err *e));

/* Print JSON (one value) followed by a newline. */
int cli_print_json(const char *json);

/* Write S sanitised for the terminal. */
void cli_put(FILE *out, const char *s);

/* Write multi-line TEXT, each line sanitised, newlines kept. */
void cli_put_lines(FILE *out, const char *text);

/* S sanitised for the terminal, for a %s of a translated message; valid
 * until eight more calls ("" for NULL or when out of memory). */
const char *cli_s(const char *s);

/* A command table's usage or summary text in the user's language. */
const char *cli_tr(const char *text);

/* T as a local time for people in the language's order, with the zone:
 * "2015-05-08 19:30 UTC", "2015年5月8日 19:30 UTC". */
void cli_time(int64_t t, char *buf, size_t len);

/* Columns the widest cli_time takes (table columns of times). */
int cli_time_cols(void);

/* Write S (sanitised) to stdout fitted to COLS display columns, then a
 * space: a table cell, aligned whatever the language. */
void cli_cell(const char *s, int cols);

/* Write S (sanitised) padded to COLS display columns, never cut (a time
 * whose zone is longer than expected), without the space after. */
void cli_pad(const char *s, int cols);

/* Like cli_cell, S right-aligned in its COLS columns. */
void cli_rcell(const char *s, int cols);

/* The command tables of each cli_*.c file, ended by a NULL run. */
extern const cli_command cli_case_commands[];
extern const cli_command cli_admin_commands[];
extern const cli_command cli_audit_commands[];
extern const cli_command cli_playbook_commands[];
extern const cli_command cli_step_commands[];
extern const cli_command cli_timer_commands[];
extern const cli_command cli_notify_commands[];
extern const cli_command cli_asset_commands[];
extern const cli_command cli_ioc_commands[];
extern const cli_command cli_exercise_commands[];
extern const cli_command cli_report_commands[];

extern const cli_command cli_mail_commands[];
extern const cli_command cli_share_commands[];

/* `export --format stix|misp` of case CASE_ID to OUTPUT (NULL: standard
 * output), TLP:RED only with FORCE: for whichever export command joins
 * the formats. Errors printed; the exit status. */
int cli_share_export(cli_env *env, int64_t case_id, const char *format, int force,
                     const char *output);

#endif
