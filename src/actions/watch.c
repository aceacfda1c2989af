/* watch.c - run escalation hooks for overdue timers. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions/escalate.h"
#include "base/hook.h"
#include "base/i18n.h"
#include "base/text.h"
#include "actions/exercise.h"
#include "actions/watch.h"
#include "engine/exercise_clock.h"
#include "store/audit.h"

enum { NENV = 8, ENVLEN = 160 };

/* The case document the hook reads, with the audit head it started at
 * (as in IRDESK_AUDIT_HEAD): anchored wherever the hook sends it. */
static int
with_head(ird_ctx *c, char **json, const char *head, ird_err *e)
{
	char quoted[160], *out = NULL;
	int rc;

	snprintf(quoted, sizeof(quoted), "\"%s\"", head);
	rc = store_json_set(c->store, *json, "audit_head", quoted, &out, e);
	free(*json);
	*json = out;
	return rc;
}

/* The hook's environment: what it needs to know, no shell involved. */
static void
hook_env(const escalate_claim *cl, const char *head, char buf[NENV][ENVLEN],
         char *envp[NENV + 1])
{
	char due[40];

	clock_format_utc(cl->due_at, due, sizeof(due));
	snprintf(buf[0], ENVLEN, "IRDESK_CASE=%s", cl->case_hid);
	snprintf(buf[1], ENVLEN, "IRDESK_TIMER=%lld", (long long)cl->timer_id);
	snprintf(buf[2], ENVLEN, "IRDESK_TIMER_ROLE=%s", cl->role);
	snprintf(buf[3], ENVLEN, "IRDESK_TIMER_RULE=%s", cl->rule);
	snprintf(buf[4], ENVLEN, "IRDESK_TIMER_DUE=%s", due);
	snprintf(buf[5], ENVLEN, "IRDESK_EXERCISE=%d", cl->exercise ? 1 : 0);
	snprintf(buf[6], ENVLEN, "IRDESK_TIMER_ATTEMPT=%d", cl->attempts + 1);
	snprintf(buf[7], ENVLEN, "IRDESK_AUDIT_HEAD=%s", head); /* the audit chain's SEQ:HASH */
	for (int i = 0; i < NENV; i++)
		envp[i] = buf[i];
	envp[NENV] = NULL;
}

/* The status a hook run is recorded with. */
static int
run_status(int rc, const hook_result *hr)
{
	if (rc != IRD_OK)
		return ESCALATE_NOT_STARTED;
	if (hr->stopped)
		return ESCALATE_STOPPED;
	if (hr->timed_out)
		return ESCALATE_TIMED_OUT;
	return hr->status;
}

/* Run the hook for one claimed timer and fill R (output owned by HR). */
static int
run_hook(ird_ctx *c, const watch_opts *o, escalate_watcher *w, const escalate_claim *cl,
         hook_result *hr, escalate_result *r, ird_err *e)
{
	char envbuf[NENV][ENVLEN], *envp[NENV + 1], *json = NULL, head[128];
	hook_spec sp = { o->hook_argv, envp, NULL, o->timeout_s, o->stop_fd,
	                 escalate_watcher_fd(w) };
	ird_err he = { 0 };
	int rc;

	memset(hr, 0, sizeof(*hr));
	r->program = o->hook_argv ? o->hook_argv[0] : "-";
	r->started_at = clock_now(&c->clock);
	r->timeout_s = o->timeout_s;
	if (cl->exercise && !o->exercise_hooks) /* an exercise never pages anyone for real */
		r->program = "- (exercise)";
	if (!o->hook_argv || (cl->exercise && !o->exercise_hooks)) {
		/* nothing to run: the report line is the escalation */
		r->exit_status = 0;
		r->output = NULL;
		r->finished_at = r->started_at;
		return IRD_OK;
	}
	if ((rc = audit_head_text(c, head, sizeof(head), e)) != IRD_OK ||
	    (o->case_document && (rc = o->case_document(c, cl->case_id, &json, e)) != IRD_OK))
		return rc;
	if (json && (rc = with_head(c, &json, head, e)) != IRD_OK)
		return rc;
	hook_env(cl, head, envbuf, envp);
	sp.stdin_data = json;
	rc = hook_run_spec(&sp, hr, &he);
	free(json);
	if (rc == IRD_EUSAGE)
		return ird_fail(e, IRD_EUSAGE, _("escalation hook: %s"), he.msg);
	r->exit_status = run_status(rc, hr);
	r->output = hr->output;
	r->finished_at = clock_now(&c->clock);
	return IRD_OK;
}

/* What became of the run R, in the user's language: escalate_describe's
 * English stays with the timer and the timeline. */
static const char *
shown_result(const escalate_result *r, char *buf, size_t len)
{
	switch (r->exit_status) {
	case ESCALATE_NOT_STARTED:
		snprintf(buf, len, "%s", _("could not start"));
		break;
	case ESCALATE_TIMED_OUT:
		snprintf(buf, len, _("timed out after %d s"), r->timeout_s);
		break;
	case ESCALATE_STOPPED:
		snprintf(buf, len, "%s", _("stopped with the watcher"));
		break;
	default:
		if (r->exit_status > 128)
			snprintf(buf, len, _("killed by signal %d"), r->exit_status - 128);
		else
			snprintf(buf, len, _("exit %d"), r->exit_status);
	}
	return buf;
}

static void
report(const watch_opts *o, const escalate_claim *cl, const escalate_result *r)
{
	char due[40], line[600], desc[80], why[100], taken[200] = "", *clean;

	if (!o->report)
		return;
	clock_format_local(cl->due_at, due, sizeof(due));
	if (*cl->claim)
		snprintf(taken, sizeof(taken), _(" (claim of %s, which died, taken over)"), cl->claim);
	if (r->exit_status == 0)
		snprintf(why, sizeof(why), "%s", _("ok"));
	else
		snprintf(why, sizeof(why), _("FAILED (%s)"), shown_result(r, desc, sizeof(desc)));
	if (*cl->role)
		snprintf(line, sizeof(line), _("%s timer %lld (%s, notify %s) overdue since %s: hook %s"
		         " %s%s"), cl->case_hid, (long long)cl->timer_id, cl->rule, cl->role, due,
		         r->program, why, taken);
	else
		snprintf(line, sizeof(line), _("%s timer %lld (%s) overdue since %s: hook %s %s%s"),
		         cl->case_hid, (long long)cl->timer_id, cl->rule, due, r->program, why, taken);
	if ((clean = text_sanitize(line)))
		o->report(o->arg, clean);
	free(clean);
}

int
watch_stop_requested(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return fd >= 0 && poll(&p, 1, 0) > 0 && p.revents;
}

int
watch_pass(ird_ctx *c, const watch_opts *o, int *handled, ird_err *e)
{
	escalate_watcher w;
	escalate_claim cl;
	escalate_result r;
	hook_result hr;
	int found, rc;

	*handled = 0;
	if ((rc = escalate_watcher_open(c, o->watcher, &w, e)) != IRD_OK)
		return rc;
	while (!watch_stop_requested(o->stop_fd)) {
		if ((rc = escalate_claim_next(c, &w, &cl, &found, e)) != IRD_OK || !found)
			break;
		ird_ctx xc = *c; /* an exercise case's record follows its clock */

		memset(&hr, 0, sizeof(hr));
		rc = exercise_clock_for_case(c, &c->clock, cl.case_id, &xc.clock, NULL, e);
		if (rc == IRD_OK)
			rc = run_hook(&xc, o, &w, &cl, &hr, &r, e);
		if (rc == IRD_OK)
			rc = escalate_record(&xc, &w, &cl, &r, e);
		if (rc == IRD_OK)
			report(o, &cl, &r);
		hook_result_free(&hr);
		if (rc != IRD_OK)
			break;
		(*handled)++;
	}
	escalate_watcher_close(&w);
	return rc;
}

/* Wait SECONDS, or until a stop is asked for. */
static void
nap(int fd, int seconds)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (fd < 0) {
		sleep((unsigned)seconds);
		return;
	}
	while (poll(&p, 1, seconds * 1000) < 0 && errno == EINTR)
		if (watch_stop_requested(fd))
			return;
}

/* Append the head to PATH when it moved since *LAST (the sequence last
 * anchored): the head leaves the store where its editor cannot reach. */
static int
anchor_head(ird_ctx *c, const char *path, int64_t *last, ird_err *e)
{
	char hash[DIGEST_HEX_LEN];
	int64_t seq;
	int rc;

	if (!path)
		return IRD_OK;
	if ((rc = audit_head(c, &seq, hash, e)) != IRD_OK || seq == *last)
		return rc;
	if ((rc = audit_anchor_append(c, path, e)) == IRD_OK)
		*last = seq;
	return rc;
}

int
watch_run(ird_ctx *c, const watch_opts *o, ird_err *e)
{
	int64_t anchored = -1;
	int handled, rc;

	for (;;) {
		/* The injects of running exercises arrive while we watch. */
		if ((rc = exercise_tick_all(c, NULL, e)) != IRD_OK ||
		    (rc = watch_pass(c, o, &handled, e)) != IRD_OK ||
		    (rc = anchor_head(c, o->anchor_file, &anchored, e)) != IRD_OK) {
			if (e->code != IRD_EBUSY || o->once)
				return rc;
			if (o->retrying)
				o->retrying(o->arg, e);
			ird_err_clear(e);
		}
		if (o->once || watch_stop_requested(o->stop_fd))
			return IRD_OK;
		nap(o->stop_fd, o->interval_s > 0 ? o->interval_s : 1);
		if (watch_stop_requested(o->stop_fd))
			return IRD_OK;
	}
}

static int stop_pipe[2] = { -1, -1 };

/* All it does: one byte into the pipe (a full pipe is stop enough). */
static void
on_stop(int sig)
{
	int saved = errno;
	ssize_t w = write(stop_pipe[1], "", 1);

	(void)sig;
	(void)w;
	errno = saved;
}

int
watch_stop_on_signals(int *fd, ird_err *e)
{
	struct sigaction sa;

	*fd = -1;
	if (stop_pipe[0] < 0) {
		if (pipe2(stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
			return ird_fail(e, IRD_EFAIL, _("cannot make a pipe: %s"), strerror(errno));
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0)
		return ird_fail(e, IRD_EFAIL, _("cannot catch SIGINT and SIGTERM: %s"), strerror(errno));
	*fd = stop_pipe[0];
	return IRD_OK;
}
