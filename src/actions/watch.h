/* watch.h - one pass of `irdesk watch`: every overdue timer that needs
 * its hook gets it run once, with the case on standard input. */
#ifndef IRDESK_WATCH_H
#define IRDESK_WATCH_H

#include <stdio.h>

#include "store/ctx.h"

typedef struct watch_opts {
	char *const *hook_argv; /* the escalation hook; NULL: only report */
	int timeout_s;          /* time limit of one hook run */
	const char *watcher;    /* who claims: "host:pid" */
	FILE *report;           /* a line per timer handled; may be NULL */
} watch_opts;

/* Handle every timer that is due now; *HANDLED gets how many. */
int watch_pass(ird_ctx *c, const watch_opts *o, int *handled, ird_err *e);

#endif
