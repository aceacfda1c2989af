/* watch.c - run escalation hooks for overdue timers. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queries/casefile.h"
#include "records/escalate.h"
#include "base/hook.h"
#include "base/text.h"
#include "actions/watch.h"
#include "store/audit.h"

enum { NENV = 8, ENVLEN = 160 };

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

/* Run the hook for one claimed timer and fill R (output owned by HR). */
static int
run_hook(ird_ctx *c, const watch_opts *o, const escalate_claim *cl, hook_result *hr,
         escalate_result *r, ird_err *e)
{
	char envbuf[NENV][ENVLEN], *envp[NENV + 1], *json = NULL, head[128];
	ird_err he = { 0 };
	int rc;

	memset(hr, 0, sizeof(*hr));
	r->program = o->hook_argv ? o->hook_argv[0] : "-";
	r->started_at = clock_now(&c->clock);
	if (!o->hook_argv) { /* nothing configured: the report line is the escalation */
		r->exit_status = 0;
		r->output = NULL;
		r->finished_at = r->started_at;
		return IRD_OK;
	}
	if ((rc = audit_head_text(c, head, sizeof(head), e)) != IRD_OK ||
	    (rc = casefile_json(c, cl->case_id, &json, e)) != IRD_OK)
		return rc;
	hook_env(cl, head, envbuf, envp);
	rc = hook_run(o->hook_argv, envp, json, o->timeout_s, hr, &he);
	free(json);
	if (rc == IRD_EUSAGE)
		return ird_fail(e, IRD_EUSAGE, "escalation hook: %s", he.msg);
	r->exit_status = rc == IRD_OK && !hr->timed_out ? hr->status : -1;
	r->output = hr->output;
	r->finished_at = clock_now(&c->clock);
	return IRD_OK;
}

static void
report(const watch_opts *o, const escalate_claim *cl, const escalate_result *r)
{
	char due[40], line[400], *clean;

	if (!o->report)
		return;
	clock_format_local(cl->due_at, due, sizeof(due));
	snprintf(line, sizeof(line), "%s timer %lld (%s%s%s) overdue since %s: hook %s %s",
	         cl->case_hid, (long long)cl->timer_id, cl->rule, *cl->role ? ", notify " : "",
	         cl->role, due, r->program, r->exit_status == 0 ? "ok" : "FAILED");
	if ((clean = text_sanitize(line))) {
		fprintf(o->report, "%s\n", clean);
		fflush(o->report);
	}
	free(clean);
}

int
watch_pass(ird_ctx *c, const watch_opts *o, int *handled, ird_err *e)
{
	escalate_claim cl;
	escalate_result r;
	hook_result hr;
	int found, rc;

	*handled = 0;
	for (;;) {
		if ((rc = escalate_claim_next(c, o->watcher, &cl, &found, e)) != IRD_OK || !found)
			return rc;
		rc = run_hook(c, o, &cl, &hr, &r, e);
		if (rc == IRD_OK)
			rc = escalate_record(c, &cl, o->watcher, &r, e);
		if (rc == IRD_OK)
			report(o, &cl, &r);
		hook_result_free(&hr);
		if (rc != IRD_OK)
			return rc;
		(*handled)++;
	}
}
