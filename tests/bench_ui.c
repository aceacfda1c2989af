/* bench_ui.c - `make bench`, the terminal UI: drives the real irdesk on a
 * pseudo-terminal (forkpty, 80x24, TERM=xterm-256color) with scripted
 * keys, and times each step to the frame the UI reports when it has
 * drawn it (IRDESK_UI_FRAME_FD: "frame N" on a pipe after each refresh).
 * Beside the wall time, the CPU time irdesk itself used for it (from
 * /proc/PID/schedstat): on a loaded machine the wall time also counts
 * the waits for a CPU, the CPU time does not.
 * Each figure is printed beside the raw SQLite the screen needs, run
 * directly through sqlite3_prepare/step on a plain connection, with the
 * SQL text the core runs (dashboard_sql) or the same statements as the
 * record readers (the case screen):
 *   exec to the first full dashboard frame (median of FIRST_ROUNDS
 *     starts)                    open + counts + window + total
 *   a cursor move (median)       nothing: it only repaints (raw: the
 *                                window + total it avoids)
 *   a filter keystroke (median)  window + total + position, filtered
 *                                (what a keystroke reads when the
 *                                selected case leaves the window)
 *   opening the case with the most events (the Steps tab)
 *                                the case, its overdue count, its steps
 *   its Timeline tab, g, G       the case, its overdue count and the
 *                                window of events the tab reads
 *   peak RSS (VmHWM) and idle CPU over 10 s.
 * Goals: first frame <= 50 ms, cursor <= 2 ms, filter <= 20 ms, open a
 * case <= 20 ms, RSS <= 32 MB, idle CPU <= 1%.
 *
 * Environment: BENCH_DB (the store, required: `make bench` passes the one
 * tests/bench builds), IRDESK (the binary), BENCH_IDLE_S (default 10).
 * The clock is fixed (--now) one second before the earliest open
 * deadline so that the escalation modal does not take the keys. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "queries/dashboard.h"

#define CURSOR_MOVES 201
#define FILTER_ROUNDS 6
#define OPEN_ROUNDS 15
#define FIRST_ROUNDS 7
#define PAGE 18 /* the case screen's list at 80x24: the timeline reads 3 pages */

static int master = -1, frames_fd = -1;
static pid_t child = -1;
static char frame_buf[4096];
static size_t frame_len;
static unsigned long frames_seen;

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n ? v[n / 2] : -1;
}

static void
die(const char *what, const char *msg)
{
	int status;

	fprintf(stderr, "bench_ui: %s: %s (after %lu frames)\n", what, msg, frames_seen);
	if (child > 0 && waitpid(child, &status, WNOHANG) == child)
		fprintf(stderr, "bench_ui: irdesk ended with status %d\n",
		        WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	else if (child > 0)
		kill(child, SIGKILL);
	exit(1);
}

/* The CPU time irdesk has used, in ms (schedstat: nanoseconds on a CPU). */
static double
cpu_ms(void)
{
	char path[64];
	unsigned long long ns = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)child);
	if (!(f = fopen(path, "r")))
		return -1;
	if (fscanf(f, "%llu", &ns) != 1)
		ns = 0;
	fclose(f);
	return (double)ns / 1e6;
}

/* Read what the pty and the frame pipe have; 1 if a new frame arrived
 * before TIMEOUT_MS. The pty's output is drained so the UI never blocks. */
static int
pump(int timeout_ms)
{
	double end = now_ms() + timeout_ms;
	unsigned long before = frames_seen;

	while (frames_seen == before) {
		struct pollfd p[2] = { { master, POLLIN, 0 }, { frames_fd, POLLIN, 0 } };
		int left = (int)(end - now_ms());
		char buf[65536];
		ssize_t n;

		if (left <= 0)
			return 0;
		if (poll(p, 2, left) < 0) {
			if (errno == EINTR)
				continue;
			die("poll", strerror(errno));
		}
		if (p[0].revents & (POLLIN | POLLHUP)) {
			n = read(master, buf, sizeof(buf));
			if (n <= 0 && errno != EINTR && errno != EAGAIN)
				die("irdesk", n == 0 ? "the terminal closed" : strerror(errno));
		}
		if (p[1].revents & POLLIN) {
			n = read(frames_fd, frame_buf + frame_len, sizeof(frame_buf) - frame_len - 1);
			if (n <= 0)
				die("irdesk", "the frame pipe closed");
			frame_len += (size_t)n;
			frame_buf[frame_len] = '\0';
			for (char *nl; (nl = strchr(frame_buf, '\n'));) {
				frames_seen++;
				if (getenv("BENCH_DEBUG"))
					fprintf(stderr, "%.*s\n", (int)(nl - frame_buf), frame_buf);
				memmove(frame_buf, nl + 1, strlen(nl + 1) + 1);
				frame_len = strlen(frame_buf);
			}
		}
	}
	return 1;
}

/* Drain for MS milliseconds (no frame expected). */
static void
drain(int ms)
{
	double end = now_ms() + ms;

	while (now_ms() < end)
		pump((int)(end - now_ms()) + 1);
}

/* Send KEYS and return the milliseconds until the next frame; *CPU (may
 * be NULL) gets the CPU milliseconds irdesk used in between. */
static double
key_to_frame_cpu(const char *keys, double *cpu)
{
	double t0 = now_ms(), c0 = cpu_ms(), t;

	if (write(master, keys, strlen(keys)) < 0)
		die("write", strerror(errno));
	if (!pump(10000))
		die("irdesk", "no frame within 10 s after a key");
	t = now_ms() - t0;
	if (cpu)
		*cpu = cpu_ms() - c0;
	return t;
}

static double
key_to_frame(const char *keys)
{
	return key_to_frame_cpu(keys, NULL);
}

static void
start_ui(const char *irdesk, const char *db, const char *nowarg, double *t_first,
         double *cpu_first)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	int pfd[2];
	double t0;

	if (pipe(pfd) != 0)
		die("pipe", strerror(errno));
	t0 = now_ms();
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0)
		die("forkpty", strerror(errno));
	if (child == 0) {
		char fd[16];

		close(pfd[0]);
		snprintf(fd, sizeof(fd), "%d", pfd[1]);
		setenv("IRDESK_UI_FRAME_FD", fd, 1);
		setenv("TERM", "xterm-256color", 1);
		execl(irdesk, "irdesk", "--db", db, "--now", nowarg, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	frames_fd = pfd[0];
	if (!pump(20000))
		die("irdesk", "no first frame within 20 s");
	*t_first = now_ms() - t0;
	*cpu_first = cpu_ms();
}

/* q on the dashboard: irdesk ends, with status 0. */
static void
quit_ui(void)
{
	int status;

	if (write(master, "q", 1) < 0)
		die("write", strerror(errno));
	/* Drain the terminal until it closes (the pty reads EIO then). */
	for (;;) {
		struct pollfd pf = { master, POLLIN, 0 };
		char buf[4096];

		if (poll(&pf, 1, 10000) <= 0 || read(master, buf, sizeof(buf)) <= 0)
			break;
	}
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		printf("warning: irdesk did not exit cleanly\n");
	close(master);
	close(frames_fd);
	master = frames_fd = -1;
	child = -1;
	frame_len = 0;
}

/* utime + stime of the child, in clock ticks. */
static long long
cpu_ticks(void)
{
	char path[64], buf[1024], *p;
	unsigned long long ut = 0, st = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)child);
	if (!(f = fopen(path, "r")) || !fgets(buf, sizeof(buf), f))
		die(path, "cannot read");
	fclose(f);
	p = strrchr(buf, ')');
	/* fields after the name: state(3) ... utime(14) stime(15) */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
		die(path, "cannot parse");
	return (long long)(ut + st);
}

static long
peak_rss_kb(void)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)child);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* ---- raw SQLite ------------------------------------------------------------ */

static sqlite3_stmt *
prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;

	if (!sql || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die("prepare", sql ? sqlite3_errmsg(db) : "no such dashboard query");
	return st;
}

static int64_t
one_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = prep(db, sql);
	int64_t v = -1;

	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The dashboard's statements on one connection. */
typedef struct dash_sql {
	sqlite3_stmt *counts, *window_due, *count_due, *window_queue, *total, *position;
} dash_sql;

static void
dash_prep(sqlite3 *db, dash_sql *d)
{
	d->counts = prep(db, dashboard_sql("counts"));
	d->window_due = prep(db, dashboard_sql("window_due"));
	d->count_due = prep(db, dashboard_sql("count_due"));
	d->window_queue = prep(db, dashboard_sql("window_queue"));
	d->total = prep(db, dashboard_sql("total"));
	d->position = prep(db, dashboard_sql("position"));
}

static void
dash_finalize(dash_sql *d)
{
	sqlite3_finalize(d->counts);
	sqlite3_finalize(d->window_due);
	sqlite3_finalize(d->count_due);
	sqlite3_finalize(d->window_queue);
	sqlite3_finalize(d->total);
	sqlite3_finalize(d->position);
}

/* Step every row of ST, bound as dashboard.c binds it (PATTERN: the
 * filter's LIKE pattern or NULL), reading each column; the rows. */
static int
run_dash(sqlite3_stmt *st, int64_t now, const char *pattern, int limit, int64_t offset,
         int64_t id, int64_t *first)
{
	int n = 0;

	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, 0);
	sqlite3_bind_int(st, 3, 0);
	if (sqlite3_bind_parameter_count(st) >= 5) {
		sqlite3_bind_null(st, 4);
		if (pattern)
			sqlite3_bind_text(st, 5, pattern, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 5);
	}
	if (sqlite3_bind_parameter_count(st) >= 7) {
		sqlite3_bind_int(st, 6, limit);
		sqlite3_bind_int64(st, 7, offset);
	}
	if (sqlite3_bind_parameter_count(st) >= 8)
		sqlite3_bind_int64(st, 8, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == 0 && first)
			*first = sqlite3_column_int64(st, 0);
		for (int i = 0; i < sqlite3_column_count(st); i++)
			(void)sqlite3_column_text(st, i);
		n++;
	}
	sqlite3_reset(st);
	return n;
}

/* A window of ROWS as dashboard_window reads it: the due part, then (when
 * it falls short) where the queue starts and the queue's part; the
 * total. *FIRST gets the first row's case. */
static void
raw_dash_window(dash_sql *d, int64_t now, const char *pattern, int rows, int64_t *first)
{
	int64_t ndue = 0;
	int n = run_dash(d->window_due, now, pattern, rows, 0, 0, first);

	if (n < rows) {
		if (n == 0)
			run_dash(d->count_due, now, pattern, 0, 0, 0, &ndue);
		run_dash(d->window_queue, now, pattern, rows - n, 0, 0, n ? NULL : first);
	}
	run_dash(d->total, now, pattern, 0, 0, 0, NULL);
}

/* A fresh connection: open, then what the dashboard's first frame reads. */
static double
raw_first_frame(const char *path, int64_t now, int rows)
{
	double samples[FIRST_ROUNDS];

	for (int r = 0; r < FIRST_ROUNDS; r++) {
		double t0 = now_ms();
		dash_sql d;
		sqlite3 *db;

		if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
			die(path, "cannot open");
		dash_prep(db, &d);
		run_dash(d.counts, now, NULL, 0, 0, 0, NULL);
		raw_dash_window(&d, now, NULL, rows, NULL);
		dash_finalize(&d);
		sqlite3_close(db);
		samples[r] = now_ms() - t0;
	}
	return median(samples, FIRST_ROUNDS);
}

/* The same keystrokes as the UI gets, each prefix of TEXT in turn: the
 * window and total filtered, and where the selected case went. */
static double
raw_filter(sqlite3 *db, int64_t now, const char *text, int rows)
{
	char prefix[64], pattern[80];
	double samples[21];
	int64_t sel = 0;
	dash_sql d;

	dash_prep(db, &d);
	run_dash(d.window_due, now, NULL, 1, 0, 0, &sel);
	for (int r = 0; r < 21; r++) {
		double t0 = now_ms();

		snprintf(prefix, sizeof(prefix), "%.*s", (int)(r % strlen(text)) + 1, text);
		snprintf(pattern, sizeof(pattern), "%%%s%%", prefix);
		raw_dash_window(&d, now, pattern, rows, NULL);
		run_dash(d.position, now, pattern, 0, 0, sel, NULL);
		samples[r] = now_ms() - t0;
	}
	dash_finalize(&d);
	return median(samples, 21);
}

static double
raw_window(sqlite3 *db, int64_t now, int rows)
{
	double samples[21];
	dash_sql d;

	dash_prep(db, &d);
	for (int r = 0; r < 21; r++) {
		double t0 = now_ms();

		raw_dash_window(&d, now, NULL, rows, NULL);
		samples[r] = now_ms() - t0;
	}
	dash_finalize(&d);
	return median(samples, 21);
}

/* Step ST (?1 bound to ID, ?2 to ARG2 if it has one) through every row. */
static void
run_rows(sqlite3_stmt *st, int64_t id, int64_t arg2, int64_t arg3, int limit)
{
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, arg2);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int64(st, 3, arg3);
	if (sqlite3_bind_parameter_count(st) >= 4)
		sqlite3_bind_int(st, 4, limit);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < sqlite3_column_count(st); i++)
			(void)sqlite3_column_text(st, i);
	sqlite3_reset(st);
}

/* What the case screen reads: the case (records/case.c), its overdue
 * count (records/timer.c), then the tab: TAB 's' its steps
 * (records/step.c), 'e' the last events, 'g' the first (event_page: three
 * pages and one row more). */
static double
raw_case_screen(sqlite3 *db, int64_t now, int64_t id, int tab)
{
	sqlite3_stmt *c = prep(db, "SELECT * FROM cases WHERE id = ?1");
	sqlite3_stmt *ovd = prep(db, "SELECT count(*) FROM timers WHERE case_id = ?1"
	                             " AND state IN ('pending', 'fired') AND due_at < ?2");
	sqlite3_stmt *steps = prep(db, "SELECT * FROM steps WHERE case_id = ?1 ORDER BY num");
	sqlite3_stmt *last = prep(db, "SELECT id, happened_at, recorded_at, actor, kind, text"
	                              " FROM events WHERE case_id = ?1 AND (happened_at, id) < (?2, ?3)"
	                              " ORDER BY happened_at DESC, id DESC LIMIT ?4");
	sqlite3_stmt *first = prep(db, "SELECT id, happened_at, recorded_at, actor, kind, text"
	                               " FROM events WHERE case_id = ?1 AND (happened_at, id) > (?2, ?3)"
	                               " ORDER BY happened_at, id LIMIT ?4");
	double samples[21];

	for (int r = 0; r < 21; r++) {
		double t0 = now_ms();

		run_rows(c, id, 0, 0, 0);
		run_rows(ovd, id, now, 0, 0);
		if (tab == 's')
			run_rows(steps, id, 0, 0, 0);
		else if (tab == 'e')
			run_rows(last, id, INT64_MAX, INT64_MAX, 3 * PAGE + 1);
		else
			run_rows(first, id, INT64_MIN, INT64_MIN, 3 * PAGE + 1);
		samples[r] = now_ms() - t0;
	}
	sqlite3_finalize(c);
	sqlite3_finalize(ovd);
	sqlite3_finalize(steps);
	sqlite3_finalize(last);
	sqlite3_finalize(first);
	return median(samples, 21);
}

static void
row(const char *what, double ui, double cpu, double raw, const char *goal)
{
	char rawbuf[32] = "-", ratio[32] = "-", cpubuf[32] = "-";

	if (raw >= 0) {
		snprintf(rawbuf, sizeof(rawbuf), "%.2f", raw);
		if (raw > 0)
			snprintf(ratio, sizeof(ratio), "%.1fx", ui / raw);
	}
	if (cpu >= 0)
		snprintf(cpubuf, sizeof(cpubuf), "%.2f", cpu);
	printf("%-40s %8.2f %8s %8s %7s  %s\n", what, ui, cpubuf, rawbuf, ratio, goal);
}

/* Type TEXT, a key at a time; each key's wall and CPU ms into W and C. */
static void
type_keys(const char *text, double *w, double *c, int *n)
{
	for (const char *p = text; *p; p++) {
		char k[2] = { *p, 0 };
		double cpu;
		double t = key_to_frame_cpu(k, &cpu);

		if (w) {
			w[*n] = t;
			c[(*n)++] = cpu;
		}
	}
}

int
main(void)
{
	const char *db_path = getenv("BENCH_DB"), *irdesk = getenv("IRDESK");
	const char *idle_env = getenv("BENCH_IDLE_S");
	int idle_s = idle_env ? atoi(idle_env) : 10;
	double first[FIRST_ROUNDS], first_cpu[FIRST_ROUNDS], cursor[CURSOR_MOVES],
		cursor_cpu[CURSOR_MOVES];
	double filter[FILTER_ROUNDS * 5], filter_cpu[FILTER_ROUNDS * 5];
	double open[OPEN_ROUNDS], open_cpu[OPEN_ROUNDS], tl[OPEN_ROUNDS], tl_cpu[OPEN_ROUNDS];
	double top[OPEN_ROUNDS], top_cpu[OPEN_ROUNDS], end[OPEN_ROUNDS], end_cpu[OPEN_ROUNDS];
	double raw_first, raw_filt, raw_win, raw_open, raw_tl, raw_top;
	char nowarg[32], hid[32] = "";
	int64_t now, long_id, nevents;
	long long ticks0, ticks1;
	long rss;
	sqlite3 *db;
	sqlite3_stmt *st;
	int nf = 0, dash_rows = 24 - 4; /* ui/dashboard.c: all but 4 rows at 80x24 */

	if (!db_path || !*db_path || access(db_path, R_OK) != 0)
		die("BENCH_DB", "give an existing store (make bench builds one)");
	if (!irdesk || !*irdesk)
		die("IRDESK", "give the irdesk binary");
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die(db_path, "cannot open");
	now = one_int(db, "SELECT ifnull(MIN(due_at) - 1, strftime('%s', 'now')) FROM timers"
	                  " WHERE state IN ('pending', 'fired')");
	long_id = one_int(db, "SELECT case_id FROM events GROUP BY case_id ORDER BY count(*) DESC"
	                      " LIMIT 1");
	nevents = one_int(db, "SELECT max(n) FROM (SELECT count(*) AS n FROM events GROUP BY case_id)");
	st = prep(db, "SELECT hid FROM cases WHERE id = ?1");
	sqlite3_bind_int64(st, 1, long_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(hid, sizeof(hid), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	snprintf(nowarg, sizeof(nowarg), "@%" PRId64, now);
	printf("\nterminal UI on %s (80x24, --now %s; %" PRId64 " open cases; %s has %" PRId64
	       " events)\n", db_path, nowarg,
	       one_int(db, "SELECT count(*) FROM cases WHERE status <> 'closed'"), hid, nevents);

	/* The first frame, from exec, FIRST_ROUNDS times; the last run goes on. */
	for (int r = 0; r < FIRST_ROUNDS; r++) {
		start_ui(irdesk, db_path, nowarg, &first[r], &first_cpu[r]);
		if (r < FIRST_ROUNDS - 1) {
			drain(100);
			quit_ui();
		}
	}
	raw_first = raw_first_frame(db_path, now, dash_rows);
	drain(300);

	/* Cursor moves inside the window: down and up, a repaint each. */
	for (int i = 0; i < CURSOR_MOVES; i++)
		cursor[i] = key_to_frame_cpu(i % 2 ? "k" : "j", &cursor_cpu[i]);

	/* Filter keystrokes: each narrows the queue again. */
	for (int r = 0; r < FILTER_ROUNDS; r++) {
		key_to_frame("/");
		type_keys("phish", filter, filter_cpu, &nf);
		key_to_frame("\033"); /* Esc clears it */
	}
	raw_filt = raw_filter(db, now, "phish", dash_rows);
	raw_win = raw_window(db, now, dash_rows);

	/* Open the case with the longest timeline: filter to it, Enter; then
	 * its Timeline tab, its first events (g) and its last (G). */
	key_to_frame("/");
	type_keys(hid, NULL, NULL, NULL);
	key_to_frame("\r");
	for (int r = 0; r < OPEN_ROUNDS; r++) {
		open[r] = key_to_frame_cpu("\r", &open_cpu[r]);
		tl[r] = key_to_frame_cpu("3", &tl_cpu[r]);
		top[r] = key_to_frame_cpu("g", &top_cpu[r]);
		end[r] = key_to_frame_cpu("G", &end_cpu[r]);
		key_to_frame("\033");
	}
	raw_open = raw_case_screen(db, now, long_id, 's');
	raw_tl = raw_case_screen(db, now, long_id, 'e');
	raw_top = raw_case_screen(db, now, long_id, 'g');

	/* Idle: nothing pressed for IDLE_S seconds. */
	ticks0 = cpu_ticks();
	drain(idle_s * 1000);
	ticks1 = cpu_ticks();
	rss = peak_rss_kb();
	quit_ui();

	printf("operation (median ms)                          ui  ui cpu      raw   ratio  goal\n");
	row("exec to the first full dashboard frame", median(first, FIRST_ROUNDS),
	    median(first_cpu, FIRST_ROUNDS), raw_first, "<= 50 ms");
	row("cursor move (repaint, nothing re-queried)", median(cursor, CURSOR_MOVES),
	    median(cursor_cpu, CURSOR_MOVES), raw_win, "<= 2 ms (raw: the window it avoids)");
	row("filter keystroke (re-query, repaint)", median(filter, nf), median(filter_cpu, nf),
	    raw_filt, "<= 20 ms");
	{
		char what[80];

		snprintf(what, sizeof(what), "open the case with %" PRId64 " events", nevents);
		row(what, median(open, OPEN_ROUNDS), median(open_cpu, OPEN_ROUNDS), raw_open,
		    "<= 20 ms (Steps tab)");
	}
	row("... its Timeline tab (the last events)", median(tl, OPEN_ROUNDS),
	    median(tl_cpu, OPEN_ROUNDS), raw_tl, "<= 20 ms (a window: 3 pages)");
	row("... g: its first events", median(top, OPEN_ROUNDS), median(top_cpu, OPEN_ROUNDS),
	    raw_top, "<= 20 ms");
	row("... G: its last events again", median(end, OPEN_ROUNDS), median(end_cpu, OPEN_ROUNDS),
	    raw_tl, "<= 20 ms");
	printf("%-40s %8.1f MB %36s  <= 32 MB\n", "peak RSS (VmHWM)", rss / 1024.0, "");
	printf("%-40s %8.2f %% %37s  <= 1%% (%d s)\n", "idle CPU",
	       100.0 * (double)(ticks1 - ticks0) / (double)sysconf(_SC_CLK_TCK) / idle_s, "",
	       idle_s);
	sqlite3_close(db);
	return 0;
}
