/* escalate.c - claim overdue timers and record their hook runs: the
 * watcher's transactions, over timer.c and hook_run.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actions/escalate.h"
#include "base/i18n.h"
#include "records/hook_run.h"
#include "records/timer.h"
#include "store/event.h"

int64_t
escalate_backoff(int attempt)
{
	int64_t s = 30;

	for (int i = 1; i < attempt && s < 3600; i++)
		s *= 2;
	return s < 3600 ? s : 3600;
}

/* ---- the claims' locks ---------------------------------------------- */

/* Open-file-description locks (Linux 3.15): owned by the open file, not
 * the process, so they pass to the hook's keeper with the descriptor and
 * two watchers in one process exclude each other as two processes do. */
#ifndef F_OFD_SETLK
#error "irdesk needs open file description locks (F_OFD_SETLK, Linux 3.15)"
#endif

static int
lock_byte(int fd, int64_t n, short type)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = (off_t)n, .l_len = 1 };

	while (fcntl(fd, F_OFD_SETLK, &fl) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

/* 1 when someone (we too: PROBE is an open file of its own) holds byte N. */
static int
byte_locked(int probe, int64_t n)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = (off_t)n, .l_len = 1 };

	return fcntl(probe, F_OFD_GETLK, &fl) != 0 || fl.l_type != F_UNLCK;
}

int
escalate_watcher_open(ird_ctx *c, const char *id, escalate_watcher *w, ird_err *e)
{
	const char *store = store_path(c->store), *colon;
	char host[64] = "?", path[4096];
	mode_t mode = 0600;
	struct stat sb;

	memset(w, 0, sizeof(*w));
	w->lock_fd = w->probe_fd = -1;
	if (!id) {
		if (gethostname(host, sizeof(host)) != 0)
			snprintf(host, sizeof(host), "?");
		host[sizeof(host) - 1] = '\0';
		snprintf(w->id, sizeof(w->id), "%s:%ld", host, (long)getpid());
	} else if (snprintf(w->id, sizeof(w->id), "%s", id) >= (int)sizeof(w->id)) {
		return ird_fail(e, IRD_EUSAGE, _("watcher name too long"));
	}
	colon = strrchr(w->id, ':');
	snprintf(w->host, sizeof(w->host), "%.*s", colon ? (int)(colon - w->id) : 0, w->id);
	if (snprintf(path, sizeof(path), "%s.claims", store) >= (int)sizeof(path))
		return ird_fail(e, IRD_EFAIL, _("the store's path is too long for its claims file"));
	/* Made with the store's own mode, so that a team sharing the store
	 * (mode 0660) shares its claims too. */
	if (stat(store, &sb) == 0)
		mode = (sb.st_mode & 0660) | 0600;
	if ((w->lock_fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)) >= 0)
		fchmod(w->lock_fd, mode); /* as asked, whatever the umask */
	else if (errno == EEXIST)
		w->lock_fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (w->lock_fd < 0 || (w->probe_fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		int err = errno;

		escalate_watcher_close(w);
		return ird_fail(e, IRD_EFAIL, _("cannot open the claims file %s: %s"), path,
		                strerror(err));
	}
	return IRD_OK;
}

void
escalate_watcher_close(escalate_watcher *w)
{
	if (w->lock_fd >= 0)
		close(w->lock_fd);
	if (w->probe_fd >= 0)
		close(w->probe_fd);
	w->lock_fd = w->probe_fd = -1;
}

int
escalate_watcher_fd(const escalate_watcher *w)
{
	return w->lock_fd;
}

/* HOST of a claim "HOST:PID"; "" when it has no colon. */
static void
claim_host(const char *claim, char *host, size_t len)
{
	const char *colon = strrchr(claim, ':');

	snprintf(host, len, "%.*s", colon ? (int)(colon - claim) : 0, claim);
}

struct pick {
	escalate_watcher *w;
	int64_t stale_before;
	escalate_claim *out;
	int found, err;
};

/* The first timer we can lock: unclaimed, or its claimer's lock is free
 * (it died); a claim from another host only when it is stale. */
static int
pick_row(void *arg, const timer_hook_job *job)
{
	struct pick *p = arg;

	if (p->w->on_candidate)
		p->w->on_candidate(p->w->on_candidate_arg, job);
	if (*job->claim) {
		char host[128];

		claim_host(job->claim, host, sizeof(host));
		if ((!*host || strcmp(host, p->w->host) != 0) && job->claimed_at >= p->stale_before)
			return 0; /* its lock is not ours to see: wait for it to go stale */
	}
	if (byte_locked(p->w->probe_fd, job->timer_id))
		return 0; /* a live watcher holds it, maybe this one */
	if (lock_byte(p->w->lock_fd, job->timer_id, F_WRLCK) != 0) {
		if (errno == EAGAIN || errno == EACCES)
			return 0; /* a live watcher holds it */
		p->err = errno;
		return 1;
	}
	*p->out = *job;
	p->found = 1;
	return 1;
}

int
escalate_claim_next(ird_ctx *c, escalate_watcher *w, escalate_claim *out, int *found,
                    ird_err *e)
{
	int64_t now = clock_now(&c->clock);
	struct pick p = { w, now - ESCALATE_STALE_CLAIM, out, 0, 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	*found = 0;
	/* Pick, lock and claim under one write lock: no two watchers get the
	 * same timer, and a claim in the table always has its lock taken. */
	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	rc = timer_each_for_hook(c, now, pick_row, &p, e);
	if (rc == IRD_OK && p.err)
		rc = ird_fail(e, IRD_EFAIL, _("cannot lock a claim: %s"), strerror(p.err));
	if (rc == IRD_OK && p.found)
		rc = timer_claim_tx(c, out->timer_id, w->id, now, e);
	if (rc == IRD_OK)
		rc = store_commit(c->store, e);
	else
		store_rollback(c->store);
	if (p.found && rc != IRD_OK)
		lock_byte(w->lock_fd, out->timer_id, F_UNLCK);
	*found = rc == IRD_OK && p.found;
	return rc;
}

/* The hook_runs row of run R of claimed timer CL. */
static int
insert_run(ird_ctx *c, const escalate_claim *cl, const char *watcher, const escalate_result *r,
           ird_err *e)
{
	const hook_run_result run = { r->program, r->exit_status, r->output, r->started_at,
	                              r->finished_at };

	return hook_run_add_tx(c, cl->timer_id, watcher, &run, e);
}

char *
escalate_describe(const escalate_result *r, char *buf, size_t len)
{
	switch (r->exit_status) {
	case ESCALATE_NOT_STARTED:
		snprintf(buf, len, "could not start");
		break;
	case ESCALATE_TIMED_OUT:
		snprintf(buf, len, "timed out after %d s", r->timeout_s);
		break;
	case ESCALATE_STOPPED:
		snprintf(buf, len, "stopped with the watcher");
		break;
	default:
		if (r->exit_status > 128)
			snprintf(buf, len, "killed by signal %d", r->exit_status - 128);
		else
			snprintf(buf, len, "exit %d", r->exit_status);
	}
	return buf;
}

/* The timer's side of a run: fired, or retry later with the error shown. */
static int
update_timer(ird_ctx *c, const escalate_claim *cl, const escalate_result *r, ird_err *e)
{
	char err[400], why[80];

	if (r->exit_status == 0)
		return timer_hook_ok_tx(c, cl->timer_id, r->finished_at, e);
	if (r->exit_status > 0)
		snprintf(why, sizeof(why), "failed");
	else
		escalate_describe(r, why, sizeof(why));
	snprintf(err, sizeof(err), "hook %s %s (attempt %d)", r->program, why, cl->attempts + 1);
	return timer_hook_failed_tx(c, cl->timer_id, r->finished_at +
	                            escalate_backoff(cl->attempts + 1), err, e);
}

static int
record_tx(ird_ctx *c, const escalate_claim *cl, const char *watcher, const escalate_result *r,
          ird_err *e)
{
	char text[400], why[80];
	int rc;

	if ((rc = insert_run(c, cl, watcher, r, e)) != IRD_OK ||
	    (rc = update_timer(c, cl, r, e)) != IRD_OK)
		return rc;
	if (r->exit_status == 0)
		snprintf(text, sizeof(text), "timer %lld overdue (%s%s%s): escalation hook ran; it"
		         " stays overdue until %s", (long long)cl->timer_id, cl->rule,
		         *cl->role ? ", notify " : "", cl->role,
		         *cl->role ? "the notification is recorded" : "the step is finished");
	else
		snprintf(text, sizeof(text), "timer %lld overdue (%s): escalation hook FAILED"
		         " (%s), retry in %llds", (long long)cl->timer_id, cl->rule,
		         escalate_describe(r, why, sizeof(why)),
		         (long long)escalate_backoff(cl->attempts + 1));
	return event_add_tx(c, cl->case_id, r->finished_at, "escalate", text, e);
}

int
escalate_record(ird_ctx *c, escalate_watcher *w, const escalate_claim *cl,
                const escalate_result *r, ird_err *e)
{
	int rc;

	if ((rc = store_begin(c->store, e)) == IRD_OK) {
		if ((rc = record_tx(c, cl, w->id, r, e)) == IRD_OK)
			rc = store_commit(c->store, e);
		else
			store_rollback(c->store);
	}
	/* Only after the commit: until then the claim must look alive. */
	lock_byte(w->lock_fd, cl->timer_id, F_UNLCK);
	return rc;
}
