/* bench_ui.c - `make bench`, the terminal UI: drives the real irdesk on a
 * pseudo-terminal (forkpty, 80x24, TERM=xterm-256color) with scripted
 * keys, and times each step to the frame the UI reports when it has
 * drawn it (IRDESK_UI_FRAME_FD: "frame N" on a pipe after each refresh).
 * Each figure is printed beside the raw SQLite the screen needs, run
 * directly through sqlite3_prepare/step on a plain connection:
 *   exec to the first full dashboard frame   (open + counts + total + window)
 *   a cursor move (median)                   (nothing: it only repaints)
 *   a filter keystroke (median)              (counts + total + window, filtered)
 *   opening the case with the most events    (the case row + its timeline rows)
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

/* Send KEYS and return the milliseconds until the next frame. */
static double
key_to_frame(const char *keys)
{
	double t0 = now_ms();

	if (write(master, keys, strlen(keys)) < 0)
		die("write", strerror(errno));
	if (!pump(10000))
		die("irdesk", "no frame within 10 s after a key");
	return now_ms() - t0;
}

static void
start_ui(const char *irdesk, const char *db, const char *nowarg, double *t_first)
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

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die("prepare", sqlite3_errmsg(db));
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

/* Step every row of ST (bound as the dashboard binds) and reset it. */
static void
run_dash(sqlite3_stmt *st, int64_t now, const char *text)
{
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, 0);
	sqlite3_bind_int(st, 3, 0);
	if (sqlite3_bind_parameter_count(st) >= 5) {
		sqlite3_bind_null(st, 4);
		if (text)
			sqlite3_bind_text(st, 5, text, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 5);
	}
	if (sqlite3_bind_parameter_count(st) >= 7) {
		sqlite3_bind_int(st, 6, 20);
		sqlite3_bind_int(st, 7, 0);
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < sqlite3_column_count(st); i++)
			(void)sqlite3_column_text(st, i);
	sqlite3_reset(st);
}

/* A fresh connection: open, then the dashboard's three queries. */
static double
raw_first_frame(const char *path, int64_t now)
{
	double t0 = now_ms();
	sqlite3 *db;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die(path, "cannot open");
	for (int i = 0; i < 3; i++) {
		static const char *const q[] = { "counts", "total", "window" };
		sqlite3_stmt *st = prep(db, dashboard_sql(q[i]));

		run_dash(st, now, NULL);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return now_ms() - t0;
}

/* The same keystrokes as the UI gets: each prefix of TEXT in turn. */
static double
raw_filter(sqlite3 *db, int64_t now, const char *text)
{
	char prefix[64];
	sqlite3_stmt *st[3] = { prep(db, dashboard_sql("counts")), prep(db, dashboard_sql("total")),
		                prep(db, dashboard_sql("window")) };
	double samples[21];

	for (int r = 0; r < 21; r++) {
		double t0 = now_ms();

		snprintf(prefix, sizeof(prefix), "%.*s", (int)(r % strlen(text)) + 1, text);
		for (int i = 1; i < 3; i++) /* the counts do not change with the filter */
			run_dash(st[i], now, prefix);
		samples[r] = now_ms() - t0;
	}
	for (int i = 0; i < 3; i++)
		sqlite3_finalize(st[i]);
	return median(samples, 21);
}

static double
raw_window(sqlite3 *db, int64_t now)
{
	sqlite3_stmt *st = prep(db, dashboard_sql("window"));
	double samples[21];

	for (int r = 0; r < 21; r++) {
		double t0 = now_ms();

		run_dash(st, now, NULL);
		samples[r] = now_ms() - t0;
	}
	sqlite3_finalize(st);
	return median(samples, 21);
}

/* The case row and its whole timeline, as the case screen needs them. */
static double
raw_open_case(sqlite3 *db, int64_t now, int64_t id)
{
	sqlite3_stmt *c = prep(db, dashboard_sql("case"));
	sqlite3_stmt *ev = prep(db, "SELECT happened_at, recorded_at, actor, kind, text FROM events"
	                            " WHERE case_id = ?1 ORDER BY happened_at, id");
	double samples[21];

	for (int r = 0; r < 21; r++) {
		double t0 = now_ms();

		sqlite3_bind_int64(c, 1, now);
		sqlite3_bind_int64(c, 2, id);
		while (sqlite3_step(c) == SQLITE_ROW)
			;
		sqlite3_reset(c);
		sqlite3_bind_int64(ev, 1, id);
		while (sqlite3_step(ev) == SQLITE_ROW)
			for (int i = 0; i < 5; i++)
				(void)sqlite3_column_text(ev, i);
		sqlite3_reset(ev);
		samples[r] = now_ms() - t0;
	}
	sqlite3_finalize(c);
	sqlite3_finalize(ev);
	return median(samples, 21);
}

static void
row(const char *what, double ui, double raw, const char *goal)
{
	char rawbuf[32] = "-", ratio[32] = "-";

	if (raw >= 0) {
		snprintf(rawbuf, sizeof(rawbuf), "%.2f", raw);
		if (raw > 0)
			snprintf(ratio, sizeof(ratio), "%.1fx", ui / raw);
	}
	printf("%-44s %8.2f %10s %8s  %s\n", what, ui, rawbuf, ratio, goal);
}

int
main(void)
{
	const char *db_path = getenv("BENCH_DB"), *irdesk = getenv("IRDESK");
	const char *idle_env = getenv("BENCH_IDLE_S");
	int idle_s = idle_env ? atoi(idle_env) : 10;
	double first, cursor[CURSOR_MOVES], filter[FILTER_ROUNDS * 5], open[OPEN_ROUNDS];
	double raw_first, raw_filt, raw_win, raw_open;
	char nowarg[32], hid[32] = "", keys[64];
	int64_t now, long_id, nevents;
	long long ticks0, ticks1;
	long rss;
	sqlite3 *db;
	sqlite3_stmt *st;
	int nf = 0, status;

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

	raw_first = raw_first_frame(db_path, now);
	start_ui(irdesk, db_path, nowarg, &first);
	drain(300);

	/* Cursor moves inside the window: down and up, a repaint each. */
	for (int i = 0; i < CURSOR_MOVES; i++)
		cursor[i] = key_to_frame(i % 2 ? "k" : "j");

	/* Filter keystrokes: each narrows the queue again. */
	for (int r = 0; r < FILTER_ROUNDS; r++) {
		key_to_frame("/");
		for (const char *p = "phish"; *p; p++) {
			char k[2] = { *p, 0 };

			filter[nf++] = key_to_frame(k);
		}
		key_to_frame("\033"); /* Esc clears it */
	}
	raw_filt = raw_filter(db, now, "phish");
	raw_win = raw_window(db, now);

	/* Open the case with the longest timeline: filter to it, Enter. */
	key_to_frame("/");
	for (const char *p = hid; *p; p++) {
		char k[2] = { *p, 0 };

		key_to_frame(k);
	}
	key_to_frame("\r");
	for (int r = 0; r < OPEN_ROUNDS; r++) {
		open[r] = key_to_frame("\r");
		key_to_frame("\033");
	}
	raw_open = raw_open_case(db, now, long_id);

	/* Idle: nothing pressed for IDLE_S seconds. */
	ticks0 = cpu_ticks();
	drain(idle_s * 1000);
	ticks1 = cpu_ticks();
	rss = peak_rss_kb();

	snprintf(keys, sizeof(keys), "q");
	if (write(master, keys, 1) < 0)
		die("write", strerror(errno));
	if (waitpid(child, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		printf("warning: irdesk did not exit cleanly\n");

	printf("operation (median ms)                            ui        raw    ratio  goal\n");
	row("exec to the first full dashboard frame", first, raw_first, "<= 50 ms");
	row("cursor move (repaint, nothing re-queried)", median(cursor, CURSOR_MOVES), raw_win,
	    "<= 2 ms (raw: the window query it avoids)");
	row("filter keystroke (re-query, repaint)", median(filter, nf), raw_filt, "<= 20 ms");
	{
		char what[80];

		snprintf(what, sizeof(what), "open the case with %" PRId64 " events", nevents);
		row(what, median(open, OPEN_ROUNDS), raw_open, "<= 20 ms");
	}
	printf("%-44s %8.1f MB %21s  <= 32 MB\n", "peak RSS (VmHWM)", rss / 1024.0, "");
	printf("%-44s %8.2f %% %22s  <= 1%% (%d s)\n", "idle CPU",
	       100.0 * (double)(ticks1 - ticks0) / (double)sysconf(_SC_CLK_TCK) / idle_s, "",
	       idle_s);
	sqlite3_close(db);
	return 0;
}
