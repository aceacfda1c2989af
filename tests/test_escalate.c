/* test_escalate.c - overdue timers are claimed once and their hook runs
 * recorded; failures are retried with back-off. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cmocka.h>

#include "actions/escalate.h"
#include "actions/watch.h"
#include "records/timer.h"
#include "testutil.h"

#define T0 1431081000 /* 2015-05-08T10:30:00Z */

struct fixture {
	test_env *t;
	ird_ctx other; /* a second watcher: its own connection to the same file,
	                  which gives up at once on a locked store */
	escalate_watcher w1, w2; /* on t->ctx and on other, one host */
	int64_t case_id;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || !(f->t = test_env_with_case(T0, "targeted-email", "x", "high", &f->case_id)))
		return -1;
	f->other = f->t->ctx;
	setenv("IRDESK_BUSY_TIMEOUT_MS", "0", 1);
	if (store_open(f->t->db, &f->other.store, NULL) != IRD_OK)
		return -1;
	unsetenv("IRDESK_BUSY_TIMEOUT_MS");
	if (escalate_watcher_open(&f->t->ctx, "testhost:1", &f->w1, NULL) != IRD_OK ||
	    escalate_watcher_open(&f->other, "testhost:2", &f->w2, NULL) != IRD_OK)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	escalate_watcher_close(&f->w1);
	escalate_watcher_close(&f->w2);
	store_close(f->other.store);
	test_env_free(f->t);
	free(f);
	return 0;
}

static void
set_now(struct fixture *f, int64_t now)
{
	f->t->ctx.clock.now = now;
	f->other.clock.now = now;
}

static void
nothing_is_claimed_before_its_due_time(void **state)
{
	struct fixture *f = *state;
	escalate_claim cl;
	int found = 1;

	assert_int_equal(escalate_claim_next(&f->t->ctx, &f->w1, &cl, &found, NULL), IRD_OK);
	assert_int_equal(found, 0);
}

static void
two_watchers_never_claim_the_same_timer(void **state)
{
	struct fixture *f = *state;
	escalate_claim a, b, c;
	int fa, fb, fc;

	set_now(f, T0 + 3 * 3600); /* lead, executives and ministry all overdue */
	assert_int_equal(escalate_claim_next(&f->t->ctx, &f->w1, &a, &fa, NULL), IRD_OK);
	assert_int_equal(escalate_claim_next(&f->other, &f->w2, &b, &fb, NULL), IRD_OK);
	assert_int_equal(escalate_claim_next(&f->other, &f->w2, &c, &fc, NULL), IRD_OK);
	assert_true(fa && fb && fc);
	assert_true(a.timer_id != b.timer_id && b.timer_id != c.timer_id && a.timer_id != c.timer_id);
	assert_string_equal(a.role, "csirt-lead"); /* most overdue first */
	assert_string_equal(a.case_hid, "IR-2015-0001");
	assert_int_equal(escalate_claim_next(&f->t->ctx, &f->w1, &c, &fc, NULL), IRD_OK);
	assert_int_equal(fc, 0);
}

static void
a_run_hook_fires_once_and_the_timer_stays_overdue(void **state)
{
	struct fixture *f = *state;
	escalate_result ok = { "/usr/bin/notify", 0, "sent", T0 + 1000, T0 + 1001, 30 };
	escalate_claim cl;
	int64_t overdue;
	int found;

	set_now(f, T0 + 1000); /* only the csirt-lead timer is overdue */
	assert_int_equal(escalate_claim_next(&f->t->ctx, &f->w1, &cl, &found, NULL), IRD_OK);
	assert_true(found);
	assert_int_equal(escalate_record(&f->t->ctx, &f->w1, &cl, &ok, NULL), IRD_OK);
	assert_int_equal(escalate_claim_next(&f->other, &f->w2, &cl, &found, NULL), IRD_OK);
	assert_int_equal(found, 0);
	/* Firing a hook is not telling anyone. */
	assert_int_equal(timer_overdue_count(&f->t->ctx, f->case_id, &overdue, NULL), IRD_OK);
	assert_int_equal(overdue, 1);
}

static void
a_failed_hook_is_retried_after_back_off(void **state)
{
	struct fixture *f = *state;
	escalate_result bad = { "/usr/bin/notify", 7, "smtp down", T0 + 1000, T0 + 1000, 30 };
	escalate_result ok = { "/usr/bin/notify", 0, "", T0 + 1030, T0 + 1030, 30 };
	escalate_claim cl, again;
	int found;

	set_now(f, T0 + 1000);
	assert_int_equal(escalate_claim_next(&f->t->ctx, &f->w1, &cl, &found, NULL), IRD_OK);
	assert_int_equal(escalate_record(&f->t->ctx, &f->w1, &cl, &bad, NULL), IRD_OK);
	set_now(f, T0 + 1029);
	assert_int_equal(escalate_claim_next(&f->t->ctx, &f->w1, &again, &found, NULL), IRD_OK);
	assert_int_equal(found, 0);
	set_now(f, T0 + 1030);
	assert_int_equal(escalate_claim_next(&f->other, &f->w2, &again, &found, NULL), IRD_OK);
	assert_true(found);
	assert_int_equal(again.timer_id, cl.timer_id);
	assert_int_equal(again.attempts, 1);
	assert_int_equal(escalate_record(&f->other, &f->w2, &again, &ok, NULL), IRD_OK);
	assert_int_equal(escalate_claim_next(&f->t->ctx, &f->w1, &again, &found, NULL), IRD_OK);
	assert_int_equal(found, 0);
}

/* 1 when a third party could lock the claim of TIMER_ID: nobody holds it. */
static int
claim_lock_free(struct fixture *f, int64_t timer_id)
{
	char path[400];
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = timer_id, .l_len = 1 };
	int fd, ok;

	snprintf(path, sizeof(path), "%s.claims", f->t->db);
	assert_true((fd = open(path, O_RDWR | O_CLOEXEC)) >= 0);
	ok = fcntl(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type == F_UNLCK;
	close(fd);
	return ok;
}

static void
a_live_watchers_claim_is_never_taken_over(void **state)
{
	struct fixture *f = *state;
	escalate_claim cl, again;
	int found;

	set_now(f, T0 + 1000);
	assert_int_equal(escalate_claim_next(&f->t->ctx, &f->w1, &cl, &found, NULL), IRD_OK);
	assert_true(found);
	assert_string_equal(cl.claim, ""); /* nobody had it */
	assert_false(claim_lock_free(f, cl.timer_id));
	/* However long its hook runs (hook-timeout may be an hour). */
	set_now(f, T0 + 1000 + 2 * ESCALATE_STALE_CLAIM);
	assert_int_equal(escalate_claim_next(&f->other, &f->w2, &again, &found, NULL), IRD_OK);
	assert_true(!found || again.timer_id != cl.timer_id);
}

static void
a_dead_watchers_claim_is_taken_over_at_once(void **state)
{
	struct fixture *f = *state;
	escalate_result ok = { "/usr/bin/notify", 0, "", T0 + 1000, T0 + 1000, 30 };
	escalate_claim cl, again;
	int found;

	set_now(f, T0 + 1000);
	assert_int_equal(escalate_claim_next(&f->t->ctx, &f->w1, &cl, &found, NULL), IRD_OK);
	assert_true(found);
	escalate_watcher_close(&f->w1); /* as its process would, killed */
	assert_true(claim_lock_free(f, cl.timer_id));
	assert_int_equal(escalate_claim_next(&f->other, &f->w2, &again, &found, NULL), IRD_OK);
	assert_true(found);
	assert_int_equal(again.timer_id, cl.timer_id);
	assert_string_equal(again.claim, "testhost:1"); /* whose it was */
	assert_false(claim_lock_free(f, cl.timer_id));
	assert_int_equal(escalate_record(&f->other, &f->w2, &again, &ok, NULL), IRD_OK);
	assert_true(claim_lock_free(f, cl.timer_id));
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM hook_runs WHERE timer_id = ?1"
	                             " AND watcher = 'testhost:2'", cl.timer_id), 1);
}

static void
a_claim_from_another_host_is_taken_over_when_stale(void **state)
{
	struct fixture *f = *state;
	escalate_watcher far;
	escalate_claim cl, again;
	int found;

	/* Its lock is not visible from here (another machine on a shared
	 * file system): only its age tells. */
	assert_int_equal(escalate_watcher_open(&f->t->ctx, "farhost:9", &far, NULL), IRD_OK);
	set_now(f, T0 + 1000);
	assert_int_equal(escalate_claim_next(&f->t->ctx, &far, &cl, &found, NULL), IRD_OK);
	assert_true(found);
	escalate_watcher_close(&far);
	set_now(f, T0 + 1000 + ESCALATE_STALE_CLAIM - 1);
	assert_int_equal(escalate_claim_next(&f->other, &f->w2, &again, &found, NULL), IRD_OK);
	assert_true(!found || again.timer_id != cl.timer_id);
	set_now(f, T0 + 1000 + ESCALATE_STALE_CLAIM + 1);
	assert_int_equal(escalate_claim_next(&f->other, &f->w2, &again, &found, NULL), IRD_OK);
	assert_true(found);
	assert_int_equal(again.timer_id, cl.timer_id);
	assert_string_equal(again.claim, "farhost:9");
}

/* The interleaving: while watcher 1 is between seeing a candidate and
 * claiming it, watcher 2 tries to claim, run and record that timer. */
struct interleave {
	struct fixture *f;
	int calls, rc, found;
	escalate_claim got;
};

static void
second_watcher_cuts_in(void *arg, const timer_hook_job *job)
{
	struct interleave *x = arg;
	escalate_result ok = { "/usr/bin/notify", 0, "", T0 + 1000, T0 + 1000, 30 };
	ird_err e = { 0 };

	(void)job;
	if (x->calls++ > 0)
		return;
	x->rc = escalate_claim_next(&x->f->other, &x->f->w2, &x->got, &x->found, &e);
	if (x->rc == IRD_OK && x->found)
		escalate_record(&x->f->other, &x->f->w2, &x->got, &ok, NULL);
}

static void
a_watcher_between_pick_and_claim_keeps_every_other_out(void **state)
{
	struct fixture *f = *state;
	struct interleave x = { f, 0, -1, -1, { 0 } };
	escalate_claim cl;
	int found;

	set_now(f, T0 + 1000); /* one timer due: the csirt-lead's */
	f->w1.on_candidate = second_watcher_cuts_in;
	f->w1.on_candidate_arg = &x;
	assert_int_equal(escalate_claim_next(&f->t->ctx, &f->w1, &cl, &found, NULL), IRD_OK);
	assert_int_equal(x.calls, 1);
	/* Watcher 2 could not even look: watcher 1 holds the write lock from
	 * before its pick to after its claim. */
	assert_int_equal(x.rc, IRD_EBUSY);
	assert_int_equal(x.found, 0);
	assert_true(found);
	/* So the hook is run once, by watcher 1. */
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM hook_runs", 0), 0);
	assert_int_equal(escalate_claim_next(&f->other, &f->w2, &x.got, &x.found, NULL), IRD_OK);
	assert_int_equal(x.found, 0);
}

static void
timeouts_are_recorded_as_timeouts(void **state)
{
	struct fixture *f = *state;
	escalate_result late = { "/usr/bin/notify", ESCALATE_TIMED_OUT, "", T0 + 1000, T0 + 1060, 60 };
	escalate_result gone = { "/usr/bin/none", ESCALATE_NOT_STARTED, "cannot run", T0 + 2000,
	                         T0 + 2000, 60 };
	escalate_result stop = { "/usr/bin/notify", ESCALATE_STOPPED, "", T0 + 3000, T0 + 3001, 60 };
	const escalate_result *runs[] = { &late, &gone, &stop };
	const char *says[] = { "timed out after 60 s", "could not start", "stopped with the watcher" };
	escalate_claim cl;
	int found;

	for (int i = 0; i < 3; i++) {
		set_now(f, runs[i]->started_at);
		assert_int_equal(escalate_claim_next(&f->t->ctx, &f->w1, &cl, &found, NULL), IRD_OK);
		assert_true(found);
		assert_int_equal(escalate_record(&f->t->ctx, &f->w1, &cl, runs[i], NULL), IRD_OK);
		assert_int_equal(test_scalar(f->t, "SELECT exit_status FROM hook_runs ORDER BY id DESC"
		                             " LIMIT 1", 0), runs[i]->exit_status);
		assert_int_equal(test_scalar_text(f->t, "SELECT count(*) FROM timers WHERE id = ?1"
		                                  " AND instr(hook_error, ?2) > 0", cl.timer_id,
		                                  says[i]), 1);
		assert_int_equal(test_scalar_text(f->t, "SELECT count(*) FROM events WHERE kind ="
		                                  " 'escalate' AND instr(text, ?2) > 0", 0, says[i]), 1);
	}
	/* Distinct from one another and from any exit status. */
	assert_true(ESCALATE_TIMED_OUT != ESCALATE_NOT_STARTED && ESCALATE_TIMED_OUT < 0 &&
	            ESCALATE_STOPPED < 0 && ESCALATE_STOPPED != ESCALATE_TIMED_OUT &&
	            ESCALATE_STOPPED != ESCALATE_NOT_STARTED);
}

/* The watch loop, as the UI would run it: a store locked past its busy
 * timeout is reported and tried again; a stop ends it at once. */
struct loop {
	struct fixture *f;
	int stop[2];
	int retries, lines;
};

static void
loop_retrying(void *arg, const ird_err *e)
{
	struct loop *l = arg;

	assert_int_equal(e->code, IRD_EBUSY);
	l->retries++;
	store_rollback(l->f->t->ctx.store); /* the other writer lets go */
}

static void
loop_report(void *arg, const char *line)
{
	struct loop *l = arg;

	assert_non_null(strstr(line, "IR-2015-0001 timer "));
	if (++l->lines == 3)
		assert_int_equal(write(l->stop[1], "", 1), 1); /* as SIGTERM would */
}

static void
the_watch_loop_retries_a_locked_store_and_stops_when_asked(void **state)
{
	struct fixture *f = *state;
	struct loop l = { f, { -1, -1 }, 0, 0 };
	watch_opts o = { .timeout_s = 10, .watcher = "testhost:3", .stop_fd = -1,
	                 .interval_s = 1, .report = loop_report, .retrying = loop_retrying, .arg = &l };
	ird_err e = { 0 };

	set_now(f, T0 + 3 * 3600); /* three timers overdue */
	assert_int_equal(pipe(l.stop), 0);
	o.stop_fd = l.stop[0];
	/* Another writer holds the store; the watcher (f->other) gives up at once. */
	assert_int_equal(store_begin(f->t->ctx.store, NULL), IRD_OK);
	assert_int_equal(watch_run(&f->other, &o, &e), IRD_OK);
	assert_int_equal(l.retries, 1);
	assert_int_equal(l.lines, 3);
	assert_int_equal(test_scalar(f->t, "SELECT count(*) FROM hook_runs WHERE watcher ="
	                             " 'testhost:3'", 0), 3);
	/* With --once the locked store is the answer. */
	assert_int_equal(store_begin(f->t->ctx.store, NULL), IRD_OK);
	o.once = 1;
	o.stop_fd = -1;
	assert_int_equal(watch_run(&f->other, &o, &e), IRD_EBUSY);
	store_rollback(f->t->ctx.store);
	close(l.stop[0]);
	close(l.stop[1]);
}

static void
sigterm_and_sigint_ask_the_watch_to_stop(void **state)
{
	struct sigaction old_term, old_int;
	int fd = -1;

	(void)state;
	sigaction(SIGTERM, NULL, &old_term);
	sigaction(SIGINT, NULL, &old_int);
	assert_int_equal(watch_stop_on_signals(&fd, NULL), IRD_OK);
	assert_true(fd >= 0);
	assert_false(watch_stop_requested(fd));
	assert_int_equal(raise(SIGTERM), 0); /* caught: this test goes on */
	assert_true(watch_stop_requested(fd));
	assert_true(watch_stop_requested(fd)); /* and stays asked for */
	assert_false(watch_stop_requested(-1));
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGINT, &old_int, NULL);
}

static void
backoff_doubles_up_to_an_hour(void **state)
{
	(void)state;
	assert_int_equal(escalate_backoff(1), 30);
	assert_int_equal(escalate_backoff(2), 60);
	assert_int_equal(escalate_backoff(5), 480);
	assert_int_equal(escalate_backoff(20), 3600);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(nothing_is_claimed_before_its_due_time),
		T(two_watchers_never_claim_the_same_timer),
		T(a_run_hook_fires_once_and_the_timer_stays_overdue),
		T(a_failed_hook_is_retried_after_back_off),
		T(a_live_watchers_claim_is_never_taken_over),
		T(a_dead_watchers_claim_is_taken_over_at_once),
		T(a_claim_from_another_host_is_taken_over_when_stale),
		T(a_watcher_between_pick_and_claim_keeps_every_other_out),
		T(timeouts_are_recorded_as_timeouts),
		T(the_watch_loop_retries_a_locked_store_and_stops_when_asked),
		cmocka_unit_test(sigterm_and_sigint_ask_the_watch_to_stop),
		cmocka_unit_test(backoff_doubles_up_to_an_hour),
	};
#undef T

	return cmocka_run_group_tests_name("escalate", tests, NULL, NULL);
}
