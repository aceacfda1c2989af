/* session.h - what both front-ends (the CLI and the terminal UI) start
 * from: the store, who acts, the clock, the configuration, the default
 * playbook, and the overdue timers a front-end must show (the CLI warns
 * of them on every command on a case; the UI stops the responder with a
 * modal). The front-end owns the ird_ctx; the session fills it and opens
 * the store only when a command first needs it. */
#ifndef IRDESK_SESSION_H
#define IRDESK_SESSION_H

#include <stdint.h>

#include "base/conffile.h"
#include "base/playbook.h"
#include "records/timer.h"
#include "store/ctx.h"

/* The playbook a case opened without --playbook follows when the
 * configuration names none. */
#define SESSION_DEFAULT_PLAYBOOK "targeted-email"

typedef struct session_opts {
	const char *db_path; /* --db; NULL: $IRDESK_DB, else the XDG data dir */
	const char *actor;   /* --as; NULL: $IRDESK_USER, else the login name */
	int fixed_clock;     /* 1: NOW is the clock (--now) */
	int64_t now;
} session_opts;

typedef struct session session;

/* Start a session over CTX (which must outlive it): actor and clock set
 * at once, the store and configuration on first use. */
int session_new(const session_opts *o, ird_ctx *ctx, session **out, ird_err *e);

/* Close the store (if open) and free the session. NULL is a no-op. */
void session_free(session *s);

/* The name an action is recorded under when none is given:
 * $IRDESK_USER, else the login name, else the user database's. */
const char *session_default_actor(void);

/* Open the store if not yet open (ctx->store is then set). */
int session_store(session *s, ird_err *e);

/* The path of the store this session opens or has opened (resolved). */
const char *session_db_path(session *s, ird_err *e);

/* The configuration, loaded on first use. */
int session_config(session *s, const ird_config **cfg, ird_err *e);

/* The playbook a new case follows: NAME, or without NAME the configured
 * default-playbook, else SESSION_DEFAULT_PLAYBOOK. "none" gives *PB NULL.
 * Free *PB with playbook_free. */
int session_playbook(session *s, const char *name, playbook **pb, ird_err *e);

/* Resolve a case reference (IR-2015-0002, EX-..., a UUID) to its row id
 * and put the ctx on that case's clock: the real one, or for an exercise
 * case its story time at this moment (its due injects released first,
 * exercise_enter). A front-end that stays on a case calls it again at each
 * refresh, so that the story time moves. */
int session_case(session *s, const char *ref, int64_t *id, ird_err *e);

/* A number that changes when another process commits to the store (not
 * for this session's own commits): front-ends poll it to refresh. */
int session_data_version(session *s, int64_t *version, ird_err *e);

/* For a long-running interactive front-end: wait at most BUSY_MS for
 * another writer (a busy store fails fast with a message instead of
 * freezing the screen) and cache up to CACHE_KB of the store's pages. */
int session_interactive(session *s, int busy_ms, int cache_kb, ird_err *e);

/* For an interactive front-end: while a write waits for another writer's
 * lock (up to the limit session_interactive set), call WAIT(ARG, WAITED_MS)
 * between tries: it keeps the screen alive for a moment and returns 1 to go
 * on waiting, 0 to give up (nothing is written). WAIT must not write. */
int session_busy_wait(session *s, int (*wait)(void *arg, int waited_ms), void *arg, ird_err *e);

/* The real clock (what --now fixed, or the system clock), whichever case
 * the ctx is on: the facilitator's controls and the dashboard use it. */
const ird_clock *session_real_clock(const session *s);

/* Put the ctx back on the real clock (leaving an exercise case). */
void session_use_real_clock(session *s);

/* Call FN for each open timer past due now, most overdue first: of
 * CASE_ID, or of every open case when CASE_ID is 0. FN returns 0 to go on. */
int session_overdue_each(session *s, int64_t case_id,
                         int (*fn)(void *arg, const timer_row *t, int64_t now), void *arg,
                         ird_err *e);

#endif
