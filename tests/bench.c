/* bench.c - `make bench`: irdesk's speed goals on a 100,000-case store.
 *
 * Builds the store with the core's own demo generator (or reuses BENCH_DB),
 * then times, as medians over repeated runs, each core call beside the same
 * SQL run directly through sqlite3_prepare/step on a plain connection:
 *   case_list_json (open cases, and --all), case_show_json of a case with
 *   1,000 events, and a single casework_log write (median and p95) with
 *   synchronous=FULL (the default) and NORMAL, each with and without the
 *   signed head; and the Ed25519 signature alone.
 * Also times `irdesk demo --cases N` and `irdesk case list --json` as
 * processes when $IRDESK names the binary.
 * Goals: core within 1.5x of raw SQLite; a write under 10 ms; the
 * 100,000-case demo well under a minute.
 *
 * Environment: BENCH_CASES (default 100000), BENCH_DB (a store to reuse or
 * to create and keep), IRDESK (the irdesk binary), TMPDIR. */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "actions/casework.h"
#include "records/case.h"
#include "queries/casefile.h"
#include "store/ctx.h"
#include "actions/demo.h"
#include "store/event.h"
#include "store/store.h"
#include "queries/tables.h"
#include "records/timer.h"
#include "store/audit.h"
#include "base/sign.h"

extern char **environ;

#define RUNS_TIMERS 101
#define RUNS_LIST 15
#define RUNS_SHOW 51
#define WRITES 200
#define SHOW_EVENTS 1000

/* The SQL the core runs (src/case.c, src/event.c), run here directly. */
#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"
#define CASE_PUBLIC_JSON \
	"json_object('id', c.hid, 'uuid', c.uuid, 'title', c.title, 'severity', c.severity," \
	" 'status', c.status, 'tlp', c.tlp, 'opened_at', " ISO("c.opened_at") "," \
	" 'detected_at', " ISO("c.detected_at") ", 'closed_at', " ISO("c.closed_at") "," \
	" 'lead', c.lead, 'exercise', json(iif(c.exercise, 'true', 'false'))," \
	" 'personal_data', json(iif(c.personal_data, 'true', 'false')), 'cause', c.cause," \
	" 'playbook', (SELECT name FROM playbook_copies p WHERE p.id = c.playbook_id)," \
	" 'created_by', c.created_by)"
static const char RAW_LIST_OPEN[] =
	"SELECT json_group_array(json(j)) FROM (SELECT " CASE_PUBLIC_JSON " AS j"
	" FROM cases c WHERE c.status <> 'closed' AND ?1 ORDER BY c.opened_at DESC, c.id DESC)";
static const char RAW_LIST_ALL[] =
	"SELECT json_group_array(json(j)) FROM (SELECT " CASE_PUBLIC_JSON " AS j"
	" FROM cases c WHERE ?1 ORDER BY c.opened_at DESC, c.id DESC)";
static const char RAW_SHOW_CASE[] = "SELECT " CASE_PUBLIC_JSON " FROM cases c WHERE c.id = ?1";
static const char RAW_SHOW_EVENTS[] =
	"SELECT json_group_array(json(j)) FROM (SELECT json_object("
	" 'happened_at', strftime('%Y-%m-%dT%H:%M:%SZ', happened_at, 'unixepoch'),"
	" 'recorded_at', strftime('%Y-%m-%dT%H:%M:%SZ', recorded_at, 'unixepoch'),"
	" 'actor', actor, 'kind', kind, 'text', text) AS j"
	" FROM events WHERE case_id = ?1 ORDER BY happened_at, id)";
static const char RAW_JSON_SET[] = "SELECT json_set(?1, '$.' || ?2, json(?3))";
static const char RAW_INSERT[] =
	"INSERT INTO events (case_id, happened_at, recorded_at, actor, kind, text)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

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

/* The Pth percentile (0..100) of N samples; sorts them. */
static double
percentile(double *v, int n, int p)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return v[(n - 1) * p / 100];
}

static void
die(const char *what, const char *msg)
{
	fprintf(stderr, "bench: %s: %s\n", what, msg);
	exit(1);
}

/* Run SQL with ?1 = ID directly; return the first column (malloc'd). */
static char *
raw_text(sqlite3 *db, const char *sql, int64_t id)
{
	sqlite3_stmt *st;
	char *out = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die("prepare", sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = strdup((const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		die("step", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return out;
}

static char *
raw_show(sqlite3 *db, int64_t id)
{
	char *obj = raw_text(db, RAW_SHOW_CASE, id), *events = raw_text(db, RAW_SHOW_EVENTS, id);
	sqlite3_stmt *st;
	char *out = NULL;

	if (sqlite3_prepare_v2(db, RAW_JSON_SET, -1, &st, NULL) != SQLITE_OK)
		die("prepare", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, obj, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "events", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, events ? events : "[]", -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		die("json_set", sqlite3_errmsg(db));
	out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	free(obj);
	free(events);
	return out;
}

static void
raw_insert(sqlite3 *db, int64_t case_id, int64_t t)
{
	sqlite3_stmt *st;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, RAW_INSERT, -1, &st, NULL) != SQLITE_OK)
		die("raw insert", sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, t);
	sqlite3_bind_int64(st, 3, t);
	sqlite3_bind_text(st, 4, "bench", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, "note", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, "raw write", -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		die("raw insert", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die("raw commit", sqlite3_errmsg(db));
}

/* Remove the raw writes, which have no audit records, so the store still
 * passes `irdesk check`. */
static void
raw_cleanup(sqlite3 *db)
{
	if (sqlite3_exec(db, "DELETE FROM events WHERE actor = 'bench' AND text = 'raw write'",
	                 NULL, NULL, NULL) != SQLITE_OK)
		die("raw cleanup", sqlite3_errmsg(db));
}

/* Milliseconds a child process took, or -1. */
static double
time_process(char *const argv[], const char *out_path)
{
	posix_spawn_file_actions_t fa;
	double t0 = now_ms();
	int status;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return now_ms() - t0;
}

struct row {
	const char *what;
	double core, raw;
	const char *goal;
};

static void
print_row(const struct row *r)
{
	if (r->raw > 0)
		printf("%-40s %10.2f %10.2f %7.2fx  %s\n", r->what, r->core, r->raw, r->core / r->raw,
		       r->goal);
	else
		printf("%-40s %10.2f %10s %8s  %s\n", r->what, r->core, "-", "-", r->goal);
}

static int64_t
count_rows(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* count(*)-style query with ?1 bound to T. */
static int64_t
count_rows_at(sqlite3 *db, const char *sql, int64_t t)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, t);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

int
main(void)
{
	const char *ncases_env = getenv("BENCH_CASES"), *keep = getenv("BENCH_DB");
	const char *irdesk = getenv("IRDESK"), *tmp = getenv("TMPDIR");
	long ncases = ncases_env ? strtol(ncases_env, NULL, 10) : 100000;
	char dir[256], path[300], out_path[320], hid[CASE_HID_LEN];
	double samples[WRITES], t0, demo_ms = -1, proc_demo_ms = -1, proc_list_ms = -1, check_ms;
	double proc_log_ms = -1;
	int64_t check_records;
	ird_ctx c = { .actor = "bench" };
	struct row rows[20];
	playbook *pb = NULL;
	int nrows = 0;
	ird_err e = { 0 };
	sqlite3 *raw;
	int64_t show_id, have;
	char *json;

	if (ncases < 1)
		die("BENCH_CASES", "must be a positive number");
	snprintf(dir, sizeof(dir), "%s/irdesk-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		die("mkdtemp", dir);
	snprintf(path, sizeof(path), "%s", keep && *keep ? keep : "");
	if (!*path)
		snprintf(path, sizeof(path), "%s/irdesk.db", dir);
	snprintf(out_path, sizeof(out_path), "%s/out", dir);

	/* The audit signing key of the benchmark's own, not the user's. */
	{
		char key[320];

		snprintf(key, sizeof(key), "%s/audit-key.pem", dir);
		setenv("IRDESK_AUDIT_KEY", key, 1);
	}
	if (store_open(path, &c.store, &e) != IRD_OK)
		die(path, e.msg);
	if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die(path, sqlite3_errmsg(raw));
	sqlite3_busy_timeout(raw, 15000);
	have = count_rows(raw, "SELECT count(*) FROM cases");
	if (have < ncases) {
		printf("building a %ld-case store in %s ...\n", ncases - (long)have, path);
		fflush(stdout);
		t0 = now_ms();
		if (playbook_load(IRDESK_SRCDIR "/playbooks/targeted-email.playbook", &pb, &e) != IRD_OK)
			die("playbook", e.msg);
		if (demo_fill(&c, ncases - (long)have, 1, pb, &e) != IRD_OK)
			die("demo_fill", e.msg);
		playbook_free(pb);
		demo_ms = now_ms() - t0;
	}
	/* The case with the most events, or a new one given SHOW_EVENTS. */
	show_id = count_rows(raw, "SELECT case_id FROM events GROUP BY case_id"
	                          " HAVING count(*) >= 1000 LIMIT 1");
	if (show_id < 0) {
		case_spec spec = { .title = "Case with a long timeline (benchmark)", .severity = "high" };

		if (casework_open(&c, &spec, NULL, &show_id, hid, &e) != IRD_OK ||
		    demo_events(&c, show_id, SHOW_EVENTS, 7, &e) != IRD_OK)
			die("making the long case", e.msg);
	}
	printf("store: %s, %" PRId64 " cases, %" PRId64 " events, %" PRId64 " audit records\n\n",
	       path, count_rows(raw, "SELECT count(*) FROM cases"),
	       count_rows(raw, "SELECT count(*) FROM events"),
	       count_rows(raw, "SELECT count(*) FROM audit"));

	/* Reads: the same SQL, core and raw, alternating, medians. */
	struct {
		const char *what;
		int all, show, runs;
	} reads[] = {
		{ "case list --json (open cases)", 0, 0, RUNS_LIST },
		{ "case list --all --json (every case)", 1, 0, 5 },
		{ "case show --json (1,000 events)", 0, 1, RUNS_SHOW },
	};
	for (size_t r = 0; r < sizeof(reads) / sizeof(reads[0]); r++) {
		double core[RUNS_SHOW], rawt[RUNS_SHOW];
		size_t core_len = 0, raw_len = 0;

		for (int i = 0; i < reads[r].runs; i++) {
			char *out;

			t0 = now_ms();
			if ((reads[r].show ? case_show_json(&c, show_id, &json, &e)
			                   : case_list_json(&c, reads[r].all, &json, &e)) != IRD_OK)
				die(reads[r].what, e.msg);
			core[i] = now_ms() - t0;
			core_len = strlen(json);
			free(json);
			t0 = now_ms();
			out = reads[r].show ? raw_show(raw, show_id)
			                    : raw_text(raw, reads[r].all ? RAW_LIST_ALL : RAW_LIST_OPEN, 1);
			rawt[i] = now_ms() - t0;
			raw_len = out ? strlen(out) : 0;
			free(out);
		}
		if (core_len != raw_len)
			die(reads[r].what, "core and raw SQL gave different output");
		rows[nrows++] = (struct row){ reads[r].what, percentile(core, reads[r].runs, 50),
			percentile(rawt, reads[r].runs, 50), "<= 1.5x raw" };
	}

	/* Timers: evaluating every open timer of every open case against the
	 * clock (what `irdesk watch` and `timers --due` do each pass). */
	{
		static const char raw_due[] = "SELECT count(*) FROM timers t JOIN cases c ON"
			" c.id = t.case_id WHERE t.state IN ('pending', 'fired') AND t.due_at < ?1"
			" AND c.status <> 'closed'";
		double core[RUNS_TIMERS], rawt[RUNS_TIMERS], list[RUNS_TIMERS];
		int64_t now = (int64_t)time(NULL), n = 0, rn = 0;

		for (int i = 0; i < RUNS_TIMERS; i++) {
			t0 = now_ms();
			if (timer_overdue_count(&c, 0, &n, &e) != IRD_OK)
				die("timer_overdue_count", e.msg);
			core[i] = now_ms() - t0;
			t0 = now_ms();
			rn = count_rows_at(raw, raw_due, now);
			rawt[i] = now_ms() - t0;
			t0 = now_ms();
			if (timer_list_json(&c, 0, 1, 0, &json, &e) != IRD_OK)
				die("timer_list_json", e.msg);
			list[i] = now_ms() - t0;
			free(json);
		}
		if (n != rn)
			die("timers", "core and raw SQL counted different overdue timers");
		printf("timers: %" PRId64 " in all, %" PRId64 " open, %" PRId64 " overdue\n",
		       count_rows(raw, "SELECT count(*) FROM timers"),
		       count_rows(raw, "SELECT count(*) FROM timers WHERE state IN ('pending', 'fired')"),
		       n);
		rows[nrows++] = (struct row){ "timers: evaluate every open timer", percentile(core,
			RUNS_TIMERS, 50), percentile(rawt, RUNS_TIMERS, 50), "< 10 ms" };
		rows[nrows++] = (struct row){ "timers --json (every open timer)", percentile(list,
			RUNS_TIMERS, 50), -1, "< 10 ms" };
	}

	/* The whole case file (every section) as case show --json prints it. */
	{
		double v[RUNS_SHOW];

		for (int i = 0; i < RUNS_SHOW; i++) {
			t0 = now_ms();
			if (casefile_json(&c, show_id, &json, &e) != IRD_OK)
				die("casefile_json", e.msg);
			v[i] = now_ms() - t0;
			free(json);
		}
		rows[nrows++] = (struct row){ "case show --json (whole case file)", percentile(v,
			RUNS_SHOW, 50), -1, "" };
	}

	/* Writes: casework_log, each its own transaction with its audit record:
	 * synchronous=FULL with the head signed (the default), then NORMAL
	 * signed, then NORMAL unsigned (irdesk before schema 4), each beside
	 * the same INSERT on a plain connection at the same synchronous. */
	{
		static const struct {
			const char *median, *p95;
			int full, sign;
		} modes[] = {
			{ "log write, median (FULL, signed)", "log write, p95 (FULL, signed)", 1, 1 },
			{ "log write, median (FULL, unsigned)", "log write, p95 (FULL, unsigned)", 1, 0 },
			{ "log write, median (NORMAL, signed)", "log write, p95 (NORMAL, signed)", 0, 1 },
			{ "log write, median (NORMAL, unsigned)", "log write, p95 (NORMAL, unsigned)", 0, 0 },
		};
		double rawt[WRITES];
		int64_t now = (int64_t)time(NULL);

		/* Warm up first: the log file grows over the first writes, which
		 * would otherwise be charged to whichever mode runs first. */
		for (int i = 0; i < WRITES / 2; i++) {
			if (casework_log(&c, show_id, now, "benchmark write", &e) != IRD_OK)
				die("casework_log", e.msg);
			raw_insert(raw, show_id, now);
		}
		for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
			if (store_set_synchronous(c.store, modes[m].full, &e) != IRD_OK)
				die("synchronous", e.msg);
			if (sqlite3_exec(raw, modes[m].full ? "PRAGMA synchronous = FULL"
			                 : "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK)
				die("raw synchronous", sqlite3_errmsg(raw));
			audit_signing_set(modes[m].sign);
			for (int i = 0; i < WRITES; i++) {
				t0 = now_ms();
				if (casework_log(&c, show_id, now, "benchmark write", &e) != IRD_OK)
					die("casework_log", e.msg);
				samples[i] = now_ms() - t0;
				t0 = now_ms();
				raw_insert(raw, show_id, now);
				rawt[i] = now_ms() - t0;
			}
			rows[nrows++] = (struct row){ modes[m].median, percentile(samples, WRITES, 50),
				percentile(rawt, WRITES, 50), "< 10 ms" };
			rows[nrows++] = (struct row){ modes[m].p95, percentile(samples, WRITES, 95),
				percentile(rawt, WRITES, 95), "< 10 ms" };
		}
		/* Back to the default; one signed write covers the unsigned ones. */
		audit_signing_set(1);
		if (store_set_synchronous(c.store, 1, &e) != IRD_OK ||
		    casework_log(&c, show_id, now, "benchmark write", &e) != IRD_OK)
			die("casework_log", e.msg);
		raw_cleanup(raw);
	}

	/* Signing alone: Ed25519 over the head message, as at each commit. */
	{
		char msg[160], sig[SIGN_SIG_HEX_LEN];
		const sign_key *k;
		size_t n = audit_head_message(1, "00000000000000000000000000000000"
		                              "00000000000000000000000000000000", msg, sizeof(msg));

		if (audit_key(1, &k, &e) != IRD_OK)
			die("audit key", e.msg);
		for (int i = 0; i < WRITES; i++) {
			t0 = now_ms();
			if (sign_message(k, msg, n, sig, &e) != IRD_OK)
				die("sign", e.msg);
			samples[i] = now_ms() - t0;
		}
		rows[nrows++] = (struct row){ "sign the head (Ed25519), median", percentile(samples,
			WRITES, 50), -1, "" };
	}

	/* The whole store still verifies (and how long `irdesk check` takes). */
	{
		int64_t records = 0, problems = 0;

		t0 = now_ms();
		if (store_begin_read(c.store, &e) != IRD_OK ||
		    audit_verify(&c, audited_tables, audited_table_count, NULL, NULL, &records,
		                 &problems, &e) != IRD_OK)
			die("the store does not verify", e.msg);
		store_rollback(c.store);
		check_ms = now_ms() - t0;
		check_records = records;
	}

	if (irdesk && *irdesk) {
		char db2[320], ncase_arg[32];

		snprintf(db2, sizeof(db2), "%s/process.db", dir);
		snprintf(ncase_arg, sizeof(ncase_arg), "%ld", ncases);
		{
			char *const argv[] = { (char *)irdesk, "--db", db2, "demo", "--cases", ncase_arg, NULL };

			proc_demo_ms = time_process(argv, out_path);
		}
		{
			char *const argv[] = { (char *)irdesk, "--db", (char *)path, "case", "list", "--json", NULL };
			double v[5];
			int ok = 1;

			for (int i = 0; i < 5; i++)
				ok &= (v[i] = time_process(argv, out_path)) >= 0;
			proc_list_ms = ok ? percentile(v, 5, 50) : -1;
		}
		{
			char *show_hid = raw_text(raw, "SELECT hid FROM cases WHERE id = ?1", show_id);
			char *const argv[] = { (char *)irdesk, "--db", (char *)path, "log",
			                       show_hid ? show_hid : "?", "process write", NULL };
			double v[21];
			int ok = show_hid != NULL;

			for (int i = 0; ok && i < 21; i++)
				ok &= (v[i] = time_process(argv, out_path)) >= 0;
			proc_log_ms = ok ? percentile(v, 21, 50) : -1;
			free(show_hid);
		}
	}

	printf("%-40s %10s %10s %8s  %s\n", "operation (median ms)", "core", "raw", "ratio", "goal");
	for (int i = 0; i < nrows; i++)
		print_row(&rows[i]);
	if (demo_ms >= 0)
		printf("%-40s %10.0f %10s %8s  %s\n", "demo_fill (core, cases as above)", demo_ms, "-", "-",
		       "well under 60000");
	printf("%-40s %10.0f %10s %8s  %" PRId64 " records\n", "audit_verify (irdesk check)", check_ms,
	       "-", "-", check_records);
	if (proc_demo_ms >= 0) {
		char what[64];

		snprintf(what, sizeof(what), "process: irdesk demo --cases %ld", ncases);
		printf("%-40s %10.0f %10s %8s  %s\n", what, proc_demo_ms, "-", "-", "well under 60000");
	}
	if (proc_list_ms >= 0)
		printf("%-40s %10.1f %10s %8s  %s\n", "process: irdesk case list --json", proc_list_ms, "-",
		       "-", "");
	if (proc_log_ms >= 0)
		printf("%-40s %10.1f %10s %8s  %s\n", "process: irdesk log (whole command)", proc_log_ms,
		       "-", "-", "< 10 ms");

	store_close(c.store);
	sqlite3_close(raw);
	if (!(keep && *keep))
		unlink(path);
	{
		char p[400];

		snprintf(p, sizeof(p), "%s/audit-key.pem", dir);
		unlink(p);
		snprintf(p, sizeof(p), "%s/process.db", dir);
		unlink(p);
		snprintf(p, sizeof(p), "%s/process.db-wal", dir);
		unlink(p);
		snprintf(p, sizeof(p), "%s/process.db-shm", dir);
		unlink(p);
		unlink(out_path);
		rmdir(dir);
	}
	return 0;
}
