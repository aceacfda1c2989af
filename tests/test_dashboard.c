/* test_dashboard.c - the dashboard's queue (queries/dashboard.c): the
 * urgency order in every window (across its two parts: the cases with an
 * open timer, then the cases_queue index), each case's position, the
 * total and the header's counts, the text filter, closed and exercise
 * cases, and schema 006 on an older store. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "actions/act_ioc.h"
#include "actions/casework.h"
#include "queries/dashboard.h"
#include "records/exercise.h"
#include "records/timer.h"
#include "store/schema_sql.h"
#include "store/store.h"
#include "testutil.h"

#define NOW 1800000000
#define NCASES 9

/* The cases, in the order the issue asks for: overdue timers first (the
 * most overdue on top), then the nearest deadline (a tie: the higher
 * severity), then the cases without a deadline by severity, the newest
 * first. Each due is relative to NOW (0: no open timer). */
static const struct {
	const char *title, *severity;
	int64_t opened, due;
	const char *lead;
} QUEUE[NCASES] = {
	{ "A most overdue", "low", NOW - 9000, -3600, NULL },
	{ "B overdue", "medium", NOW - 8000, -60, "sato" },
	{ "C nearest, critical", "critical", NOW - 7000, 600, NULL },
	{ "D nearest, low", "low", NOW - 6000, 600, NULL },
	{ "E later deadline", "low", NOW - 100, 7200, NULL },
	{ "F critical, newer", "critical", NOW - 2000, 0, "tanaka" },
	{ "G critical, older", "critical", NOW - 5000, 0, NULL },
	{ "H high", "high", NOW - 1000, 0, NULL },
	{ "I low 100% sure", "low", NOW - 500, 0, NULL },
};

typedef struct fixture {
	test_env *t;
	int64_t id[NCASES];
	int64_t closed_id, exercise_id;
} fixture;

static void
add_timer_for(test_env *t, int64_t case_id, const char *rule, int64_t due)
{
	timer_spec spec = { .rule = rule, .role = "ministry", .trigger = "test", .due_at = due };
	ird_err e = { 0 };
	int64_t id;
	int created;

	if (store_begin(t->ctx.store, &e) != IRD_OK ||
	    timer_create_tx(&t->ctx, case_id, &spec, &id, &created, &e) != IRD_OK ||
	    store_commit(t->ctx.store, &e) != IRD_OK)
		fail_msg("timer: %s", e.msg);
	if (!created)
		fail_msg("timer not created");
}

static void
add_timer(test_env *t, int64_t case_id, int64_t due)
{
	add_timer_for(t, case_id, "test", due);
}

static int64_t
open_case(test_env *t, const char *title, const char *severity, int64_t opened,
          const char *lead, int exercise)
{
	case_spec spec = { .title = title, .severity = severity, .opened_at = opened,
		           .lead = lead, .exercise = exercise };
	char hid[CASE_HID_LEN];
	ird_err e = { 0 };
	int64_t id = 0;

	if (casework_open(&t->ctx, &spec, NULL, &id, hid, &e) != IRD_OK)
		fail_msg("casework_open: %s", e.msg);
	return id;
}

static int
setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	case_change close = { .status = "closed", .personal_data = -1 };
	ird_err e = { 0 };

	if (!f || !(f->t = test_env_new(NOW)))
		return -1;
	/* Made out of order, so that neither the row ids nor the times alone
	 * give the queue's order. */
	for (int k = 0; k < NCASES; k++) {
		int i = (k * 4) % NCASES;

		f->id[i] = open_case(f->t, QUEUE[i].title, QUEUE[i].severity, QUEUE[i].opened,
		                     QUEUE[i].lead, 0);
		if (QUEUE[i].due)
			add_timer(f->t, f->id[i], NOW + QUEUE[i].due);
	}
	/* The most overdue of all, but closed; and an exercise case. */
	f->closed_id = open_case(f->t, "Z closed", "critical", NOW - 9999, NULL, 0);
	add_timer(f->t, f->closed_id, NOW - 7200);
	if (casework_change(&f->t->ctx, f->closed_id, &close, &e) != IRD_OK) {
		fprintf(stderr, "close: %s\n", e.msg);
		return -1;
	}
	f->exercise_id = open_case(f->t, "X exercise", "critical", NOW - 10, NULL, 1);
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

/* Every window (each offset, each size) is the stretch of the queue it
 * names: the due part, the index part and the step between them. */
static void
every_window_is_in_urgency_order(void **state)
{
	fixture *f = *state;
	dash_filter all = { 0 };
	dash_row rows[NCASES + 2];

	for (int off = 0; off <= NCASES + 1; off++)
		for (int lim = 1; lim <= NCASES + 1; lim++) {
			int64_t total = -1;
			int n = -1, want = off >= NCASES ? 0 : NCASES - off < lim ? NCASES - off : lim;

			assert_int_equal(dashboard_window(&f->t->ctx, &all, off, lim, rows, &n, &total,
			                                  NULL), IRD_OK);
			assert_int_equal(n, want);
			assert_int_equal(total, NCASES);
			for (int i = 0; i < n; i++) {
				if (rows[i].id != f->id[off + i])
					fail_msg("window %d+%d: row %d is %s, not %s", off, lim, i,
					         rows[i].title, QUEUE[off + i].title);
				assert_int_equal(rows[i].next_due,
				                 QUEUE[off + i].due ? NOW + QUEUE[off + i].due : 0);
				assert_int_equal(rows[i].overdue, QUEUE[off + i].due < 0);
			}
		}
}

/* The row shows what the columns need, the last activity included. */
static void
a_row_carries_its_columns(void **state)
{
	fixture *f = *state;
	dash_filter all = { 0 };
	dash_row rows[2];
	int n;

	assert_int_equal(dashboard_window(&f->t->ctx, &all, 1, 1, rows, &n, NULL, NULL), IRD_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].title, "B overdue");
	assert_string_equal(rows[0].severity, "medium");
	assert_string_equal(rows[0].status, "open");
	assert_string_equal(rows[0].lead, "sato");
	assert_int_equal(rows[0].opened_at, NOW - 8000);
	assert_true(rows[0].last_activity > 0); /* the case-opened event */
	assert_memory_equal(rows[0].hid, "IR-", 3);
}

/* The place of each case is its place in the queue; a hidden one has none. */
static void
each_case_has_its_position(void **state)
{
	fixture *f = *state;
	dash_filter all = { 0 }, closed = { .closed = 1 }, ex = { .exercise = 1 };
	int64_t pos;

	for (int i = 0; i < NCASES; i++) {
		assert_int_equal(dashboard_position(&f->t->ctx, &all, f->id[i], &pos, NULL), IRD_OK);
		if (pos != i)
			fail_msg("%s at %lld, not %d", QUEUE[i].title, (long long)pos, i);
	}
	assert_int_equal(dashboard_position(&f->t->ctx, &all, f->closed_id, &pos, NULL), IRD_OK);
	assert_int_equal(pos, -1);
	assert_int_equal(dashboard_position(&f->t->ctx, &all, f->exercise_id, &pos, NULL), IRD_OK);
	assert_int_equal(pos, -1);
	/* Shown, the closed case is the most overdue; the exercise case (a
	 * critical without deadline, the newest) heads the index part. */
	assert_int_equal(dashboard_position(&f->t->ctx, &closed, f->closed_id, &pos, NULL), IRD_OK);
	assert_int_equal(pos, 0);
	assert_int_equal(dashboard_position(&f->t->ctx, &closed, f->id[2], &pos, NULL), IRD_OK);
	assert_int_equal(pos, 3);
	assert_int_equal(dashboard_position(&f->t->ctx, &ex, f->exercise_id, &pos, NULL), IRD_OK);
	assert_int_equal(pos, 5);
	assert_int_equal(dashboard_position(&f->t->ctx, &ex, f->id[5], &pos, NULL), IRD_OK);
	assert_int_equal(pos, 6);
}

/* With closed (or exercise) cases shown, each falls in its place. */
static void
closed_and_exercise_cases_take_their_place(void **state)
{
	fixture *f = *state;
	dash_filter closed = { .closed = 1 }, ex = { .exercise = 1 };
	dash_row rows[NCASES + 2];
	int64_t total;
	int n;

	assert_int_equal(dashboard_window(&f->t->ctx, &closed, 0, NCASES + 2, rows, &n, &total,
	                                  NULL), IRD_OK);
	assert_int_equal(n, NCASES + 1);
	assert_int_equal(total, NCASES + 1);
	assert_int_equal(rows[0].id, f->closed_id);
	assert_string_equal(rows[0].status, "closed");
	for (int i = 0; i < NCASES; i++)
		assert_int_equal(rows[i + 1].id, f->id[i]);
	assert_int_equal(dashboard_window(&f->t->ctx, &ex, 4, 3, rows, &n, &total, NULL), IRD_OK);
	assert_int_equal(n, 3);
	assert_int_equal(total, NCASES + 1);
	assert_int_equal(rows[0].id, f->id[4]);
	assert_int_equal(rows[1].id, f->exercise_id);
	assert_int_equal(rows[1].exercise, 1);
	assert_int_equal(rows[2].id, f->id[5]);
}

/* The text filter: id, title, lead or an indicator, ASCII letters in
 * either case, LIKE's wildcards taken as typed. */
static void
the_filter_matches_text_as_typed(void **state)
{
	fixture *f = *state;
	dash_filter flt = { 0 };
	dash_row rows[NCASES];
	ioc_normalizer *norm = NULL;
	indicator_spec spec = { .type = "domain", .value = "evil-CDN.example.co.jp" };
	char hid[CASE_HID_LEN];
	int64_t total, pos, ioc;
	int n, merged;

	flt.text = "CRITICAL, ";
	assert_int_equal(dashboard_window(&f->t->ctx, &flt, 0, NCASES, rows, &n, &total, NULL),
	                 IRD_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	assert_int_equal(rows[0].id, f->id[5]);
	assert_int_equal(rows[1].id, f->id[6]);
	assert_int_equal(dashboard_position(&f->t->ctx, &flt, f->id[6], &pos, NULL), IRD_OK);
	assert_int_equal(pos, 1);
	assert_int_equal(dashboard_position(&f->t->ctx, &flt, f->id[0], &pos, NULL), IRD_OK);
	assert_int_equal(pos, -1);
	/* % and _ are not wildcards: "0%" is in one title, "_" in none. */
	flt.text = "0%";
	assert_int_equal(dashboard_total(&f->t->ctx, &flt, &total, NULL), IRD_OK);
	assert_int_equal(total, 1);
	flt.text = "_";
	assert_int_equal(dashboard_total(&f->t->ctx, &flt, &total, NULL), IRD_OK);
	assert_int_equal(total, 0);
	flt.text = "\\";
	assert_int_equal(dashboard_total(&f->t->ctx, &flt, &total, NULL), IRD_OK);
	assert_int_equal(total, 0);
	/* The lead, and the id. */
	flt.text = "TANAKA";
	assert_int_equal(dashboard_window(&f->t->ctx, &flt, 0, NCASES, rows, &n, &total, NULL),
	                 IRD_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, f->id[5]);
	snprintf(hid, sizeof(hid), "%s", rows[0].hid);
	for (char *p = hid; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	flt.text = hid;
	assert_int_equal(dashboard_window(&f->t->ctx, &flt, 0, NCASES, rows, &n, &total, NULL),
	                 IRD_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, f->id[5]);
	/* An indicator of a due case: by its normal form and as it was given. */
	assert_int_equal(ioc_normalizer_new(&norm, NULL), IRD_OK);
	assert_int_equal(act_ioc_add(&f->t->ctx, norm, f->id[3], &spec, &ioc, &merged, NULL),
	                 IRD_OK);
	ioc_normalizer_free(norm);
	flt.text = "evil-cdn.example";
	assert_int_equal(dashboard_window(&f->t->ctx, &flt, 0, NCASES, rows, &n, &total, NULL),
	                 IRD_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_int_equal(rows[0].id, f->id[3]);
	assert_int_equal(dashboard_position(&f->t->ctx, &flt, f->id[3], &pos, NULL), IRD_OK);
	assert_int_equal(pos, 0);
}

/* m: the cases I lead (or have a step of). */
static void
mine_keeps_my_cases(void **state)
{
	fixture *f = *state;
	dash_filter mine = { .mine = "sato" };
	dash_row rows[NCASES];
	int64_t total;
	int n;

	assert_int_equal(dashboard_window(&f->t->ctx, &mine, 0, NCASES, rows, &n, &total, NULL),
	                 IRD_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_int_equal(rows[0].id, f->id[1]);
}

/* The header: open cases by severity, overdue cases and timers. */
static void
the_counts_are_of_open_cases(void **state)
{
	fixture *f = *state;
	dash_counts c;

	assert_int_equal(dashboard_counts(&f->t->ctx, 0, &c, NULL), IRD_OK);
	assert_int_equal(c.open, NCASES);
	assert_int_equal(c.sev[0], 3);
	assert_int_equal(c.sev[1], 1);
	assert_int_equal(c.sev[2], 1);
	assert_int_equal(c.sev[3], 4);
	assert_int_equal(c.overdue_cases, 2);
	assert_int_equal(c.overdue_timers, 2);
	assert_int_equal(dashboard_counts(&f->t->ctx, 1, &c, NULL), IRD_OK);
	assert_int_equal(c.open, NCASES + 1);
	assert_int_equal(c.sev[0], 4);
}

/* A timer closed takes its case out of the due part, into the index's. */
static void
a_case_without_deadline_moves_to_its_severity(void **state)
{
	fixture *f = *state;
	dash_filter all = { 0 };
	int64_t pos;
	ird_err e = { 0 };

	if (store_begin(f->t->ctx.store, &e) != IRD_OK ||
	    timer_satisfy_role_tx(&f->t->ctx, f->id[0], "ministry", NOW + 1, "test", NULL, &e) !=
	    IRD_OK || store_commit(f->t->ctx.store, &e) != IRD_OK)
		fail_msg("satisfy: %s", e.msg);
	/* A (low, no deadline now, the oldest) is last; the others move up. */
	assert_int_equal(dashboard_position(&f->t->ctx, &all, f->id[0], &pos, NULL), IRD_OK);
	assert_int_equal(pos, NCASES - 1);
	assert_int_equal(dashboard_position(&f->t->ctx, &all, f->id[1], &pos, NULL), IRD_OK);
	assert_int_equal(pos, 0);
	assert_int_equal(dashboard_position(&f->t->ctx, &all, f->id[8], &pos, NULL), IRD_OK);
	assert_int_equal(pos, NCASES - 2);
}

/* The story of the exercise below: 30 days after the real clock's NOW. */
#define STORY (NOW + 30 * 86400)

/* The position of ID in the queue with exercise cases shown. */
static int64_t
ex_position(test_env *t, int64_t id)
{
	dash_filter ex = { .exercise = 1 };
	int64_t pos;

	assert_int_equal(dashboard_position(&t->ctx, &ex, id, &pos, NULL), IRD_OK);
	return pos;
}

/* The queue's row of ID with exercise cases shown. */
static dash_row
ex_row(test_env *t, int64_t id)
{
	dash_filter ex = { .exercise = 1 };
	dash_row rows[8];
	int n;

	assert_int_equal(dashboard_window(&t->ctx, &ex, 0, 8, rows, &n, NULL, NULL), IRD_OK);
	for (int i = 0; i < n; i++)
		if (rows[i].id == id)
			return rows[i];
	fail_msg("case %lld not in the queue", (long long)id);
	return rows[0];
}

/* An exercise case's row follows its exercise's clock, not the real one:
 * jumped past its deadline it is overdue by its story's lateness (while
 * the real clock is a month before the deadline), and sorts among the
 * overdue by that lateness; paused, its countdown stands while the real
 * clock moves. Real cases stay on the real clock. */
static void
an_exercise_case_is_on_its_own_clock(void **state)
{
	test_env *t = test_env_new(NOW);
	ird_err e = { 0 };
	dash_counts counts;
	int64_t xid, xcase, late_hour, late_minute, soon, due;
	dash_row r;

	(void)state;
	assert_non_null(t);
	late_hour = open_case(t, "R late an hour", "low", NOW - 9000, NULL, 0);
	add_timer(t, late_hour, NOW - 3600);
	late_minute = open_case(t, "R late a minute", "low", NOW - 8000, NULL, 0);
	add_timer(t, late_minute, NOW - 60);
	soon = open_case(t, "R due soon", "low", NOW - 7000, NULL, 0);
	add_timer(t, soon, NOW + 600);
	xcase = open_case(t, "X exercise", "low", STORY, NULL, 1);
	add_timer(t, xcase, STORY + 3600);
	add_timer_for(t, xcase, "test-later", STORY + 7200);
	if (store_begin(t->ctx.store, &e) != IRD_OK ||
	    exercise_create_tx(&t->ctx, xcase, "test", "test", STORY, 1, NOW, &xid, &e) != IRD_OK ||
	    store_commit(t->ctx.store, &e) != IRD_OK)
		fail_msg("exercise: %s", e.msg);

	/* Not yet due on its clock (the story's T+0): after the real soon one. */
	r = ex_row(t, xcase);
	assert_int_equal(r.overdue, 0);
	assert_int_equal(r.next_due - dashboard_row_now(&r, NOW), 3600);
	assert_int_equal(ex_position(t, xcase), 3);

	/* Jumped to T+1h10m: 10 minutes late on one timer. */
	if (store_begin(t->ctx.store, &e) != IRD_OK ||
	    exercise_set_clock_tx(&t->ctx, xid, NOW, STORY + 4200, 1, 0, "exercise.jump", &e) !=
	    IRD_OK || store_commit(t->ctx.store, &e) != IRD_OK)
		fail_msg("jump: %s", e.msg);
	r = ex_row(t, xcase);
	assert_true(r.has_clock);
	assert_int_equal(r.overdue, 1);
	assert_int_equal(dashboard_row_now(&r, NOW) - r.next_due, 600);
	/* Between the hour late and the minute late. */
	assert_int_equal(ex_position(t, late_hour), 0);
	assert_int_equal(ex_position(t, xcase), 1);
	assert_int_equal(ex_position(t, late_minute), 2);
	assert_int_equal(ex_position(t, soon), 3);
	assert_int_equal(dashboard_counts(&t->ctx, 1, &counts, NULL), IRD_OK);
	assert_int_equal(counts.overdue_cases, 3);
	assert_int_equal(counts.overdue_timers, 3);
	/* Hidden, it counts for nothing; real cases are as they were. */
	assert_int_equal(dashboard_counts(&t->ctx, 0, &counts, NULL), IRD_OK);
	assert_int_equal(counts.overdue_timers, 2);
	r = ex_row(t, late_minute);
	assert_false(r.has_clock);
	assert_int_equal(dashboard_row_now(&r, NOW) - r.next_due, 60);

	/* Running, its lateness grows with the real clock ... */
	t->ctx.clock.now = NOW + 300;
	r = ex_row(t, xcase);
	assert_int_equal(dashboard_row_now(&r, NOW + 300) - r.next_due, 900);

	/* The UI wakes when its next deadline (story +2h) comes on its clock:
	 * at 60x, 45 real seconds after +1h15m; before the real case's. */
	if (store_begin(t->ctx.store, &e) != IRD_OK ||
	    exercise_set_clock_tx(&t->ctx, xid, NOW + 300, STORY + 4500, 60, 0, "exercise.speed",
	                          &e) != IRD_OK || store_commit(t->ctx.store, &e) != IRD_OK)
		fail_msg("speed: %s", e.msg);
	assert_int_equal(dashboard_next_due(&t->ctx, 0, &due, NULL), IRD_OK);
	assert_int_equal(due, NOW + 300 + 45);

	/* ... paused, it stands, however the real clock moves. */
	if (store_begin(t->ctx.store, &e) != IRD_OK ||
	    exercise_set_clock_tx(&t->ctx, xid, NOW + 300, STORY + 4500, 1, 1, "exercise.pause",
	                          &e) != IRD_OK || store_commit(t->ctx.store, &e) != IRD_OK)
		fail_msg("pause: %s", e.msg);
	t->ctx.clock.now = NOW + 5000;
	r = ex_row(t, xcase);
	assert_int_equal(r.overdue, 1);
	assert_int_equal(dashboard_row_now(&r, NOW + 5000) - r.next_due, 900);
	assert_int_equal(dashboard_row_now(&r, NOW + 9000) - r.next_due, 900);
	/* and wakes nobody (no real deadline is left either). */
	assert_int_equal(dashboard_next_due(&t->ctx, 0, &due, NULL), IRD_OK);
	assert_int_equal(due, 0);
	/* The real cases have moved on: even the soon one is now 4400 s late,
	 * above the paused exercise's 900 s. */
	assert_int_equal(ex_position(t, soon), 2);
	assert_int_equal(ex_position(t, xcase), 3);
	test_env_free(t);
}

/* The queue reads an index for its order (no sort of every case), and a
 * store from schema 5 gets it on open; the migrations are embedded in the
 * order of their numbers, whichever fragment lists them (006 is in
 * src/queries/dashboard.mk, included after 007's). */
static void
schema_6_gives_the_queue_its_index(void **state)
{
	test_env *t = test_env_new(NOW);
	ird_store *s = NULL;

	(void)state;
	for (unsigned i = 1; i < schema_migration_count; i++)
		if (schema_migrations[i].version <= schema_migrations[i - 1].version)
			fail_msg("migration %s comes after %s", schema_migrations[i].name,
			         schema_migrations[i - 1].name);
	assert_non_null(t);
	store_close(t->ctx.store);
	t->ctx.store = NULL;
	assert_int_equal(test_sql(t->db, "DROP INDEX cases_queue;"
	                          " DROP INDEX indicators_norm_version;"
	                          " ALTER TABLE indicators DROP COLUMN norm_version;"
	                          " PRAGMA user_version = 5"), 0);
	assert_int_equal(store_open(t->db, &s, NULL), IRD_OK);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	t->ctx.store = s;
	assert_int_equal(test_scalar(t, "SELECT count(*) FROM sqlite_master WHERE name ="
	                             " 'cases_queue' AND ?1", 1), 1);
	test_env_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_window_is_in_urgency_order),
		cmocka_unit_test(a_row_carries_its_columns),
		cmocka_unit_test(each_case_has_its_position),
		cmocka_unit_test(closed_and_exercise_cases_take_their_place),
		cmocka_unit_test(the_filter_matches_text_as_typed),
		cmocka_unit_test(mine_keeps_my_cases),
		cmocka_unit_test(the_counts_are_of_open_cases),
		cmocka_unit_test(a_case_without_deadline_moves_to_its_severity),
		cmocka_unit_test(schema_6_gives_the_queue_its_index),
		cmocka_unit_test(an_exercise_case_is_on_its_own_clock),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
