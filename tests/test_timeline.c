/* test_timeline.c - the case screen's timeline window (event_page): pages
 * from the start, from the end and around an event, in the timeline's
 * order (when it happened, then the id), that together give the whole
 * timeline as event_each reads it, forwards and backwards. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "actions/casework.h"
#include "store/event.h"
#include "testutil.h"

#define NOW 1800000000
#define NLOGGED 40

typedef struct fixture {
	test_env *t;
	int64_t case_id;
	int n;                   /* events in all (the case-opened one too) */
	int64_t id[NLOGGED + 4], at[NLOGGED + 4]; /* in the timeline's order */
} fixture;

struct page {
	int n;
	int64_t id[NLOGGED + 4], at[NLOGGED + 4];
	int stop_after; /* 0: take every row */
};

static int
take(void *arg, const event_row *ev)
{
	struct page *p = arg;

	p->id[p->n] = ev->id;
	p->at[p->n] = ev->happened_at;
	p->n++;
	return p->stop_after && p->n >= p->stop_after;
}

static int
setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	struct page all = { 0 };
	ird_err e = { 0 };

	if (!f || !(f->t = test_env_new(NOW)))
		return -1;
	f->case_id = test_new_case(f->t, "a long timeline", NOW - 100000);
	/* Logged out of order, several in the same second: the timeline is
	 * in the order things happened, ties by the id. */
	for (int i = 0; i < NLOGGED; i++) {
		char text[32];

		snprintf(text, sizeof(text), "event %d", i);
		if (casework_log(&f->t->ctx, f->case_id, NOW - 90000 + ((i * 7) % 13) * 60, text,
		                 &e) != IRD_OK) {
			fprintf(stderr, "log: %s\n", e.msg);
			return -1;
		}
	}
	if (event_each(&f->t->ctx, f->case_id, take, &all, &e) != IRD_OK)
		return -1;
	f->n = all.n;
	memcpy(f->id, all.id, sizeof(f->id));
	memcpy(f->at, all.at, sizeof(f->at));
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fixture *f = *state;

	test_env_free(f->t);
	free(f);
	return 0;
}

static void
page(fixture *f, int64_t at, int64_t id, int dir, int limit, struct page *p)
{
	memset(p, 0, sizeof(*p));
	assert_int_equal(event_page(&f->t->ctx, f->case_id, at, id, dir, limit, take, p, NULL),
	                 IRD_OK);
}

/* The fixture is what it says: ties and events logged out of order. */
static void
the_timeline_is_not_in_id_order(void **state)
{
	fixture *f = *state;
	int ties = 0, backwards = 0;

	assert_int_equal(f->n, NLOGGED + 1);
	for (int i = 1; i < f->n; i++) {
		ties += f->at[i] == f->at[i - 1];
		backwards += f->id[i] < f->id[i - 1];
		assert_true(f->at[i] > f->at[i - 1] || (f->at[i] == f->at[i - 1] &&
		                                        f->id[i] > f->id[i - 1]));
	}
	assert_true(ties > 0);
	assert_true(backwards > 0);
}

/* The first and the last page. */
static void
pages_from_the_start_and_from_the_end(void **state)
{
	fixture *f = *state;
	struct page p;

	page(f, INT64_MIN, INT64_MIN, 1, 5, &p);
	assert_int_equal(p.n, 5);
	for (int i = 0; i < 5; i++)
		assert_int_equal(p.id[i], f->id[i]);
	page(f, INT64_MAX, INT64_MAX, -1, 5, &p);
	assert_int_equal(p.n, 5);
	for (int i = 0; i < 5; i++)
		assert_int_equal(p.id[i], f->id[f->n - 1 - i]);
	/* Past either end: nothing, and a window larger than the timeline
	 * gives all of it. */
	page(f, f->at[f->n - 1], f->id[f->n - 1], 1, 5, &p);
	assert_int_equal(p.n, 0);
	page(f, f->at[0], f->id[0], -1, 5, &p);
	assert_int_equal(p.n, 0);
	page(f, INT64_MIN, INT64_MIN, 1, 1000, &p);
	assert_int_equal(p.n, f->n);
}

/* Around any event: the ones just before it and, from (AT, ID - 1), the
 * event itself and the ones after it. */
static void
pages_around_every_event(void **state)
{
	fixture *f = *state;
	struct page p;

	for (int k = 0; k < f->n; k++) {
		int before = k < 3 ? k : 3, after = f->n - k < 4 ? f->n - k : 4;

		page(f, f->at[k], f->id[k], -1, 3, &p);
		assert_int_equal(p.n, before);
		for (int i = 0; i < p.n; i++)
			assert_int_equal(p.id[i], f->id[k - 1 - i]);
		page(f, f->at[k], f->id[k] - 1, 1, 4, &p);
		assert_int_equal(p.n, after);
		for (int i = 0; i < p.n; i++)
			assert_int_equal(p.id[i], f->id[k + i]);
	}
}

/* Paging on from each page's last event reads the whole timeline once,
 * forwards and backwards; FN can stop a page. */
static void
paging_on_reads_the_whole_timeline(void **state)
{
	fixture *f = *state;
	struct page p;
	int64_t at = INT64_MIN, id = INT64_MIN;
	int seen = 0;

	do {
		page(f, at, id, 1, 6, &p);
		for (int i = 0; i < p.n; i++)
			assert_int_equal(p.id[i], f->id[seen + i]);
		seen += p.n;
		if (p.n) {
			at = p.at[p.n - 1];
			id = p.id[p.n - 1];
		}
	} while (p.n == 6);
	assert_int_equal(seen, f->n);
	at = id = INT64_MAX;
	seen = 0;
	do {
		page(f, at, id, -1, 7, &p);
		for (int i = 0; i < p.n; i++)
			assert_int_equal(p.id[i], f->id[f->n - 1 - seen - i]);
		seen += p.n;
		if (p.n) {
			at = p.at[p.n - 1];
			id = p.id[p.n - 1];
		}
	} while (p.n == 7);
	assert_int_equal(seen, f->n);
	memset(&p, 0, sizeof(p));
	p.stop_after = 2;
	assert_int_equal(event_page(&f->t->ctx, f->case_id, INT64_MIN, INT64_MIN, 1, 10, take, &p,
	                            NULL), IRD_OK);
	assert_int_equal(p.n, 2);
}

/* Another case's events are not in the window. */
static void
only_the_cases_own_events(void **state)
{
	fixture *f = *state;
	int64_t other = test_new_case(f->t, "another case", NOW - 100);
	struct page p;

	page(f, INT64_MAX, INT64_MAX, -1, 3, &p);
	assert_int_equal(p.id[0], f->id[f->n - 1]);
	memset(&p, 0, sizeof(p));
	assert_int_equal(event_page(&f->t->ctx, other, INT64_MIN, INT64_MIN, 1, 100, take, &p,
	                            NULL), IRD_OK);
	assert_int_equal(p.n, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_timeline_is_not_in_id_order),
		cmocka_unit_test(pages_from_the_start_and_from_the_end),
		cmocka_unit_test(pages_around_every_event),
		cmocka_unit_test(paging_on_reads_the_whole_timeline),
		cmocka_unit_test(only_the_cases_own_events),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
