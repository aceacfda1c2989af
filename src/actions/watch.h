/* watch.h - `irdesk watch`: every overdue timer that needs its hook gets
 * it run once, with the case on standard input; passes every few seconds
 * until asked to stop. The front-end parses options and prints. */
#ifndef IRDESK_WATCH_H
#define IRDESK_WATCH_H

#include "store/ctx.h"

typedef struct watch_opts {
	char *const *hook_argv; /* the escalation hook; NULL: only report */
	int timeout_s;          /* time limit of one hook run */
	const char *watcher;    /* who claims: "HOST:PID"; NULL: this process */
	int stop_fd;            /* readable: stop at once, killing a running
	                           hook (see watch_stop_on_signals); -1: none */
	int interval_s;         /* watch_run: seconds between passes */
	int once;               /* watch_run: one pass, then return */
	/* A line per timer handled, sanitised, without newline; may be NULL. */
	void (*report)(void *arg, const char *line);
	/* watch_run: an error it will try again after (a locked store). */
	void (*retrying)(void *arg, const ird_err *e);
	void *arg;
	/* The document the hook reads on its standard input: the front-end
	 * gives the whole case file (casefile_json, a query, which this layer
	 * may not call); NULL: the hook's stdin is empty. */
	int (*case_document)(ird_ctx *c, int64_t case_id, char **json, ird_err *e);
	/* watch_run: after each pass that moved the audit head, append the
	 * signed head to this file (audit_anchor_append); NULL: none. */
	const char *anchor_file;
	int exercise_hooks;     /* 1: run the hook for exercise cases too */
} watch_opts;

/* Handle every timer that is due now; *HANDLED gets how many. Returns
 * early, after recording the run it interrupted, when O->stop_fd is
 * readable. */
int watch_pass(ird_ctx *c, const watch_opts *o, int *handled, ird_err *e);

/* Pass after pass (each first releasing the due injects of running
 * exercises), O->interval_s apart, until O->stop_fd is readable
 * (at once, also mid-hook or mid-wait) or, with O->once, after one pass.
 * A store locked past its busy timeout is reported through O->retrying
 * and tried again at the next pass (with O->once it is the result);
 * any other failure ends the watch. */
int watch_run(ird_ctx *c, const watch_opts *o, ird_err *e);

/* Make SIGINT and SIGTERM write to a self-pipe (the handler does nothing
 * else) and return its reading end in *FD, for watch_opts.stop_fd. */
int watch_stop_on_signals(int *fd, ird_err *e);

/* 1 when FD (-1: never) is readable: a stop was asked for. */
int watch_stop_requested(int fd);

#endif
