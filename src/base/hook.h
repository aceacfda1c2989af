/* hook.h - run an external program for an escalation, safely: an argument
 * vector and execve(), never a shell; data in the environment and on
 * standard input; output captured; a time limit; a stop on request; no
 * process of the run left behind. Pure: no database. */
#ifndef IRDESK_HOOK_H
#define IRDESK_HOOK_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define HOOK_OUTPUT_MAX (64 * 1024) /* bytes of stdout+stderr kept */

typedef struct hook_result {
	int status;        /* exit status 0-255; 128+N when killed by signal N;
	                      -1 when the program could not be started */
	int signal;        /* the signal that ended it, 0 if it exited */
	int timed_out;     /* 1: killed (with its process group) at the time limit */
	int stopped;       /* 1: killed (with its process group) because STOP_FD
	                      became readable */
	char *output;      /* stdout and stderr interleaved, NUL-terminated, at most
	                      HOOK_OUTPUT_MAX bytes (malloc'd; the error when it
	                      could not start) */
	size_t output_len; /* bytes in OUTPUT (it may hold NUL bytes) */
	uint64_t output_total; /* bytes the program wrote in all */
	int64_t elapsed_ms;
} hook_result;

/* Split LINE on spaces and tabs into a NULL-terminated vector (*ARGV,
 * free with hook_argv_free). No shell, no quoting: every character other
 * than a space or tab is literal. Empty or blank: IRD_EUSAGE. */
int hook_parse_command(const char *line, char ***argv, ird_err *e);

/* Free a vector from hook_parse_command; NULL is fine. */
void hook_argv_free(char **argv);

/* Run ARGV[0] (a path with a slash, or a name searched in $PATH) with
 * execve: the environment is ours plus ENVP_EXTRA ("NAME=value", NULL-
 * terminated, may be NULL; they override ours), STDIN_DATA (may be NULL)
 * on its standard input, and at most TIMEOUT_S seconds (<= 0: no limit)
 * before it is killed with all it started (see hook_run_spec, which also
 * kills that when it exits). IRD_OK when it ran, whatever its status
 * (see OUT); IRD_EFAIL when it could not start (OUT->status -1,
 * the reason in E and in OUT->output); IRD_EUSAGE for bad arguments.
 * Free OUT with hook_result_free. */
int hook_run(char *const argv[], char *const envp_extra[], const char *stdin_data,
             int timeout_s, hook_result *out, ird_err *e);

/* What to run and how: hook_run's arguments, and two descriptors. */
typedef struct hook_spec {
	char *const *argv;
	char *const *envp_extra;
	const char *stdin_data;
	int timeout_s;
	int stop_fd; /* readable (a self-pipe written by a signal handler): kill
	                the run at once and return, OUT->stopped set; -1: none */
	int hold_fd; /* kept open until every process of the run is gone, even
	                if we die first (a lock that must outlive us while the
	                run does); not passed to the program; -1: none */
} hook_spec;

/* hook_run with a stop descriptor and a held one. The program runs in its
 * own process group under a keeper process, a child subreaper: when the
 * program exits, times out or is stopped, or when we die (even by
 * SIGKILL), its group and everything it started, setsid() or not, is
 * killed before the keeper exits; the run returns only then. */
int hook_run_spec(const hook_spec *spec, hook_result *out, ird_err *e);

/* Free what hook_run put in R. */
void hook_result_free(hook_result *r);

/* "exit 0", "exit 3", "killed by signal 9", "timed out after 30 s",
 * "stopped", "could not start" into BUF. Returns BUF. */
char *hook_result_describe(const hook_result *r, int timeout_s, char *buf, size_t len);

#endif
