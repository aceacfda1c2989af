/* escalate.h - overdue timers become hook runs, exactly once per timer
 * across every watcher on the store. A watcher claims one timer in a
 * write transaction, runs the hook outside it, then records the result:
 * success marks the timer fired (it stays overdue until someone is
 * told); failure is retried with back-off and shown to responders.
 *
 * A claim is the timer's hook_claim ("HOST:PID") and a lock that dies
 * with the watcher: an open-file-description lock on byte TIMER_ID of the
 * file STORE.claims beside the store, taken before the claim commits and
 * given up after the result is recorded. A claim whose lock is free is a
 * watcher that died: taken over at once. A claim made on another host
 * (whose lock this host cannot see) is taken over when it is older than
 * ESCALATE_STALE_CLAIM. */
#ifndef IRDESK_ESCALATE_H
#define IRDESK_ESCALATE_H

#include <stdint.h>

#include "records/timer.h"
#include "store/ctx.h"

/* A claim from another host older than this is taken to be a watcher
 * that died. */
#define ESCALATE_STALE_CLAIM (10 * 60)

/* hook_runs.exit_status beside 0-255 (128+N: killed by signal N). */
enum {
	ESCALATE_NOT_STARTED = -1, /* the program could not be started */
	ESCALATE_TIMED_OUT = -2,   /* killed at the hook-timeout */
	ESCALATE_STOPPED = -3,     /* killed because the watcher was stopped */
};

/* One watcher: the name its claims carry and the lock file they hold. */
typedef struct escalate_watcher {
	char id[128];   /* "HOST:PID" */
	char host[100]; /* HOST of ID */
	int lock_fd;    /* STORE.claims, an open file description of our own */
	int probe_fd;   /* another, to see our own locks as others see them */
	/* A seam for tests (NULL in irdesk): called for each candidate timer,
	 * inside the claiming transaction, before its lock is tried; lets a
	 * test run a second watcher at exactly that point. */
	void (*on_candidate)(void *arg, const timer_hook_job *job);
	void *on_candidate_arg;
} escalate_watcher;

/* A claimed timer: what the hook is told (see timer_hook_job); its
 * CLAIM names the dead watcher whose claim was taken over, or is "". */
typedef timer_hook_job escalate_claim;

typedef struct escalate_result {
	const char *program; /* the hook as configured */
	int exit_status;     /* 0 success; 1-255 failed; ESCALATE_... */
	const char *output;  /* what it printed (truncated by the runner) */
	int64_t started_at, finished_at;
	int timeout_s;       /* the limit, for the message of ESCALATE_TIMED_OUT */
} escalate_result;

/* Be a watcher named ID ("HOST:PID"; NULL: this host and process) on the
 * store of C: open STORE.claims (0600, created if missing). Two watchers
 * in one process are as two processes. */
int escalate_watcher_open(ird_ctx *c, const char *id, escalate_watcher *w, ird_err *e);

/* Give up every claim's lock and the file. */
void escalate_watcher_close(escalate_watcher *w);

/* The descriptor whose lock holds W's claims (see hook_spec.hold_fd). */
int escalate_watcher_fd(const escalate_watcher *w);

/* Claim the most overdue timer that needs its hook run (unfired, due,
 * past any retry time, and unclaimed or its claimer dead) and lock it.
 * *FOUND 0 when there is none. */
int escalate_claim_next(ird_ctx *c, escalate_watcher *w, escalate_claim *out, int *found,
                        ird_err *e);

/* Record the hook run of a claimed timer and release the claim (also
 * its lock, whether or not the record could be written). */
int escalate_record(ird_ctx *c, escalate_watcher *w, const escalate_claim *cl,
                    const escalate_result *r, ird_err *e);

/* Seconds before retry N (1, 2, ...): 30 s doubling, at most one hour. */
int64_t escalate_backoff(int attempt);

/* "exit 7", "timed out after 30 s", "could not start", "stopped with the
 * watcher", "killed by signal 9" for an exit status into BUF. */
char *escalate_describe(const escalate_result *r, char *buf, size_t len);

#endif
