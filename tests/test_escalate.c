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

#include <cmocka.h>

#include "records/escalate.h"
#include "records/timer.h"
#include "testutil.h"

#define T0 1431081000 /* 2015-05-08T10:30:00Z */

struct fixture {
	test_env *t;
	ird_ctx other; /* a second watcher: its own connection to the same file */
	int64_t case_id;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || !(f->t = test_env_with_case(T0, "targeted-email", "x", "high", &f->case_id)))
		return -1;
	f->other = f->t->ctx;
	if (store_open(f->t->db, &f->other.store, NULL) != IRD_OK)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

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

	assert_int_equal(escalate_claim_next(&f->t->ctx, "w1", &cl, &found, NULL), IRD_OK);
	assert_int_equal(found, 0);
}

static void
two_watchers_never_claim_the_same_timer(void **state)
{
	struct fixture *f = *state;
	escalate_claim a, b, c;
	int fa, fb, fc;

	set_now(f, T0 + 3 * 3600); /* lead, executives and ministry all overdue */
	assert_int_equal(escalate_claim_next(&f->t->ctx, "w1", &a, &fa, NULL), IRD_OK);
	assert_int_equal(escalate_claim_next(&f->other, "w2", &b, &fb, NULL), IRD_OK);
	assert_int_equal(escalate_claim_next(&f->other, "w2", &c, &fc, NULL), IRD_OK);
	assert_true(fa && fb && fc);
	assert_true(a.timer_id != b.timer_id && b.timer_id != c.timer_id && a.timer_id != c.timer_id);
	assert_string_equal(a.role, "csirt-lead"); /* most overdue first */
	assert_string_equal(a.case_hid, "IR-2015-0001");
	assert_int_equal(escalate_claim_next(&f->t->ctx, "w1", &c, &fc, NULL), IRD_OK);
	assert_int_equal(fc, 0);
}

static void
a_run_hook_fires_once_and_the_timer_stays_overdue(void **state)
{
	struct fixture *f = *state;
	escalate_result ok = { "/usr/bin/notify", 0, "sent", T0 + 1000, T0 + 1001 };
	escalate_claim cl;
	int64_t overdue;
	int found;

	set_now(f, T0 + 1000); /* only the csirt-lead timer is overdue */
	assert_int_equal(escalate_claim_next(&f->t->ctx, "w1", &cl, &found, NULL), IRD_OK);
	assert_true(found);
	assert_int_equal(escalate_record(&f->t->ctx, &cl, "w1", &ok, NULL), IRD_OK);
	assert_int_equal(escalate_claim_next(&f->other, "w2", &cl, &found, NULL), IRD_OK);
	assert_int_equal(found, 0);
	/* Firing a hook is not telling anyone. */
	assert_int_equal(timer_overdue_count(&f->t->ctx, f->case_id, &overdue, NULL), IRD_OK);
	assert_int_equal(overdue, 1);
}

static void
a_failed_hook_is_retried_after_back_off(void **state)
{
	struct fixture *f = *state;
	escalate_result bad = { "/usr/bin/notify", 7, "smtp down", T0 + 1000, T0 + 1000 };
	escalate_result ok = { "/usr/bin/notify", 0, "", T0 + 1030, T0 + 1030 };
	escalate_claim cl, again;
	int found;

	set_now(f, T0 + 1000);
	assert_int_equal(escalate_claim_next(&f->t->ctx, "w1", &cl, &found, NULL), IRD_OK);
	assert_int_equal(escalate_record(&f->t->ctx, &cl, "w1", &bad, NULL), IRD_OK);
	set_now(f, T0 + 1029);
	assert_int_equal(escalate_claim_next(&f->t->ctx, "w1", &again, &found, NULL), IRD_OK);
	assert_int_equal(found, 0);
	set_now(f, T0 + 1030);
	assert_int_equal(escalate_claim_next(&f->other, "w2", &again, &found, NULL), IRD_OK);
	assert_true(found);
	assert_int_equal(again.timer_id, cl.timer_id);
	assert_int_equal(again.attempts, 1);
	assert_int_equal(escalate_record(&f->other, &again, "w2", &ok, NULL), IRD_OK);
	assert_int_equal(escalate_claim_next(&f->t->ctx, "w1", &again, &found, NULL), IRD_OK);
	assert_int_equal(found, 0);
}

static void
a_dead_watchers_claim_is_taken_over(void **state)
{
	struct fixture *f = *state;
	escalate_claim cl, again;
	int found;

	set_now(f, T0 + 1000);
	assert_int_equal(escalate_claim_next(&f->t->ctx, "w1", &cl, &found, NULL), IRD_OK);
	set_now(f, T0 + 1000 + ESCALATE_STALE_CLAIM - 1);
	assert_int_equal(escalate_claim_next(&f->other, "w2", &again, &found, NULL), IRD_OK);
	assert_true(!found || again.timer_id != cl.timer_id);
	set_now(f, T0 + 1000 + ESCALATE_STALE_CLAIM + 1);
	assert_int_equal(escalate_claim_next(&f->other, "w2", &again, &found, NULL), IRD_OK);
	assert_true(found);
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
		T(a_dead_watchers_claim_is_taken_over),
		cmocka_unit_test(backoff_doubles_up_to_an_hour),
	};
#undef T

	return cmocka_run_group_tests_name("escalate", tests, NULL, NULL);
}
