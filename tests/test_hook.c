/* test_hook.c - the hook runner, with real programs. The tests may use
 * /bin/sh -c to build awkward programs; irdesk itself never does. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/hook.h"

#define MB (1024 * 1024)

static char *
big_text(size_t n)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	s[n] = '\0';
	return s;
}

static void
run_ok(char *const argv[], char *const env[], const char *in, int timeout, hook_result *r)
{
	ird_err e = { 0 };

	if (hook_run(argv, env, in, timeout, r, &e) != IRD_OK)
		fail_msg("hook_run %s: %s", argv[0], e.msg);
}

static void
parse_splits_on_blanks_and_nothing_else(void **state)
{
	char **v = NULL;

	(void)state;
	assert_int_equal(hook_parse_command("  /usr/bin/notify\t--to 'x y' \"a\\ b\" $HOME;  ",
	                                    &v, NULL), IRD_OK);
	assert_string_equal(v[0], "/usr/bin/notify");
	assert_string_equal(v[1], "--to");
	assert_string_equal(v[2], "'x");
	assert_string_equal(v[3], "y'");
	assert_string_equal(v[4], "\"a\\");
	assert_string_equal(v[5], "b\"");
	assert_string_equal(v[6], "$HOME;");
	assert_null(v[7]);
	hook_argv_free(v);
}

static void
parse_refuses_empty_and_control_characters(void **state)
{
	ird_err e = { 0 };
	char **v = (char **)1;

	(void)state;
	assert_int_equal(hook_parse_command("", &v, &e), IRD_EUSAGE);
	assert_null(v);
	assert_non_null(strstr(e.msg, "empty"));
	assert_int_equal(hook_parse_command(" \t ", &v, &e), IRD_EUSAGE);
	assert_int_equal(hook_parse_command(NULL, &v, &e), IRD_EUSAGE);
	assert_int_equal(hook_parse_command("/bin/echo a\nb", &v, &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "control character"));
}

static void
cat_gets_stdin_and_its_output_is_captured(void **state)
{
	char *argv[] = { "/bin/cat", NULL };
	hook_result r;

	(void)state;
	run_ok(argv, NULL, "{\"case\":\"IR-2015-0001\"}\n", 10, &r);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.timed_out, 0);
	assert_string_equal(r.output, "{\"case\":\"IR-2015-0001\"}\n");
	assert_int_equal(r.output_len, 24);
	hook_result_free(&r);
	/* No input at all: the program sees end of file at once. */
	run_ok(argv, NULL, NULL, 10, &r);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.output_len, 0);
	hook_result_free(&r);
}

static void
exit_status_and_signals_are_reported(void **state)
{
	char *fls[] = { "/bin/false", NULL };
	char *sig[] = { "/bin/sh", "-c", "echo dying >&2; kill -TERM $$", NULL };
	char buf[64];
	hook_result r;

	(void)state;
	run_ok(fls, NULL, NULL, 10, &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(hook_result_describe(&r, 10, buf, sizeof(buf)), "exit 1");
	hook_result_free(&r);
	run_ok(sig, NULL, NULL, 10, &r);
	assert_int_equal(r.signal, SIGTERM);
	assert_int_equal(r.status, 128 + SIGTERM);
	assert_string_equal(r.output, "dying\n"); /* stderr is captured too */
	assert_string_equal(hook_result_describe(&r, 10, buf, sizeof(buf)),
	                    "killed by signal 15");
	hook_result_free(&r);
}

static void
environment_is_ours_plus_the_extra_entries(void **state)
{
	char *argv[] = { "/usr/bin/env", NULL };
	char *env[] = { "IRDESK_CASE=IR-2015-0001", "IRDESK_TIMER_ROLE=ministry",
	                "HOOK_TEST_OVERRIDE=new", NULL };
	hook_result r;

	(void)state;
	setenv("HOOK_TEST_INHERITED", "kept", 1);
	setenv("HOOK_TEST_OVERRIDE", "old", 1);
	run_ok(argv, env, NULL, 10, &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.output, "\nIRDESK_CASE=IR-2015-0001\n"));
	assert_non_null(strstr(r.output, "\nIRDESK_TIMER_ROLE=ministry\n"));
	assert_non_null(strstr(r.output, "HOOK_TEST_INHERITED=kept\n"));
	assert_non_null(strstr(r.output, "HOOK_TEST_OVERRIDE=new\n"));
	assert_null(strstr(r.output, "HOOK_TEST_OVERRIDE=old"));
	hook_result_free(&r);
	unsetenv("HOOK_TEST_INHERITED");
	unsetenv("HOOK_TEST_OVERRIDE");
}

static void
bad_arguments_are_refused(void **state)
{
	char *argv[] = { "/usr/bin/env", NULL };
	char *empty[] = { "", NULL };
	char *env[] = { "NO_EQUALS_SIGN", NULL };
	ird_err e = { 0 };
	hook_result r;

	(void)state;
	assert_int_equal(hook_run(argv, env, NULL, 10, &r, &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "NO_EQUALS_SIGN"));
	hook_result_free(&r);
	assert_int_equal(hook_run(empty, NULL, NULL, 10, &r, &e), IRD_EUSAGE);
	hook_result_free(&r);
	assert_int_equal(hook_run(NULL, NULL, NULL, 10, &r, &e), IRD_EUSAGE);
	hook_result_free(&r);
}

static void
a_missing_program_could_not_start(void **state)
{
	char *abs[] = { "/nonexistent/irdesk-hook", "x", NULL };
	char *bare[] = { "irdesk-no-such-hook-program", NULL };
	char buf[64];
	ird_err e = { 0 };
	hook_result r;

	(void)state;
	assert_int_equal(hook_run(abs, NULL, "data", 10, &r, &e), IRD_EFAIL);
	assert_int_equal(r.status, -1);
	assert_non_null(strstr(e.msg, "/nonexistent/irdesk-hook"));
	assert_non_null(strstr(e.msg, strerror(ENOENT)));
	assert_non_null(r.output);
	assert_string_equal(r.output, e.msg); /* the caller records it as the output */
	assert_string_equal(hook_result_describe(&r, 10, buf, sizeof(buf)), "could not start");
	hook_result_free(&r);
	assert_int_equal(hook_run(bare, NULL, NULL, 10, &r, &e), IRD_EFAIL);
	assert_int_equal(r.status, -1);
	assert_non_null(strstr(e.msg, strerror(ENOENT)));
	hook_result_free(&r);
}

/* A private directory with an executable shell script NAME in it. */
static void
make_script(char dir[64], const char *name, const char *body, int mode)
{
	char path[128];
	FILE *f;

	snprintf(dir, 64, "%s/hooktest-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "%s", body);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, (mode_t)mode), 0);
}

static void
remove_script(const char *dir, const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
	rmdir(dir);
}

static void
a_program_that_is_not_executable_could_not_start(void **state)
{
	char dir[64], path[128];
	char *argv[] = { path, NULL };
	ird_err e = { 0 };
	hook_result r;

	(void)state;
	make_script(dir, "hook", "#!/bin/sh\necho ran\n", 0600);
	snprintf(path, sizeof(path), "%s/hook", dir);
	assert_int_equal(hook_run(argv, NULL, NULL, 10, &r, &e), IRD_EFAIL);
	assert_int_equal(r.status, -1);
	assert_non_null(strstr(e.msg, strerror(EACCES)));
	hook_result_free(&r);
	remove_script(dir, "hook");
}

static void
path_is_searched_but_never_the_current_directory(void **state)
{
	char *cat[] = { "cat", NULL };
	char *mine[] = { "irdesk-hook-here", NULL };
	char *old = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
	char dir[64], cwd[512], path[200];
	ird_err e = { 0 };
	hook_result r;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	make_script(dir, "irdesk-hook-here", "#!/bin/sh\necho ran\n", 0700);
	setenv("PATH", "/usr/bin:/bin", 1);
	run_ok(cat, NULL, "found\n", 10, &r);
	assert_string_equal(r.output, "found\n");
	hook_result_free(&r);
	/* "." and empty entries mean the current directory: skipped. */
	assert_int_equal(chdir(dir), 0);
	setenv("PATH", ".::/usr/bin", 1);
	assert_int_equal(hook_run(mine, NULL, NULL, 10, &r, &e), IRD_EFAIL);
	hook_result_free(&r);
	/* An absolute entry is searched. */
	snprintf(path, sizeof(path), "/nonexistent:%s:/usr/bin", dir);
	setenv("PATH", path, 1);
	run_ok(mine, NULL, NULL, 10, &r);
	assert_string_equal(r.output, "ran\n");
	hook_result_free(&r);
	assert_int_equal(chdir(cwd), 0);
	if (old)
		setenv("PATH", old, 1);
	free(old);
	remove_script(dir, "irdesk-hook-here");
}

static int64_t
pid_from(const char *s)
{
	return strtoll(s, NULL, 10);
}

/* 1 once PID is gone or a zombie waiting for its new parent. */
static int
process_gone(int64_t pid)
{
	for (int i = 0; i < 100; i++) {
		char path[64], stat[256] = "";
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%lld/stat", (long long)pid);
		if (!(f = fopen(path, "r")))
			return 1;
		if (!fgets(stat, sizeof(stat), f))
			stat[0] = '\0';
		fclose(f);
		if (strstr(stat, ") Z "))
			return 1;
		usleep(20000);
	}
	return 0;
}

static void
timeout_kills_the_process_group(void **state)
{
	char *argv[] = { "/bin/sh", "-c", "sleep 30 & echo $!; sleep 30", NULL };
	char buf[64];
	hook_result r;

	(void)state;
	run_ok(argv, NULL, NULL, 1, &r);
	assert_int_equal(r.timed_out, 1);
	assert_int_equal(r.signal, SIGKILL);
	assert_int_equal(r.status, 128 + SIGKILL);
	assert_true(r.elapsed_ms >= 1000 && r.elapsed_ms < 3000);
	assert_string_equal(hook_result_describe(&r, 1, buf, sizeof(buf)), "timed out after 1 s");
	/* What it started in the background died with it. */
	assert_true(pid_from(r.output) > 1);
	assert_true(process_gone(pid_from(r.output)));
	hook_result_free(&r);
}

static void
an_exit_is_noticed_while_a_child_holds_the_output(void **state)
{
	char *argv[] = { "/bin/sh", "-c", "sleep 20 & echo $!", NULL };
	hook_result r;

	(void)state;
	run_ok(argv, NULL, NULL, 10, &r);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.timed_out, 0);
	assert_true(r.elapsed_ms < 2000);
	kill((pid_t)pid_from(r.output), SIGKILL);
	hook_result_free(&r);
}

static void
a_megabyte_of_output_keeps_the_first_64k(void **state)
{
	char *argv[] = { "/bin/sh", "-c", "i=0; while [ $i -lt 16 ]; do "
	                 "head -c 65536 /dev/zero | tr '\\000' x; i=$((i+1)); done", NULL };
	hook_result r;

	(void)state;
	run_ok(argv, NULL, NULL, 20, &r);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.output_total, MB);
	assert_int_equal(r.output_len, HOOK_OUTPUT_MAX);
	assert_int_equal(strlen(r.output), HOOK_OUTPUT_MAX);
	assert_int_equal(r.output[0], 'x');
	assert_int_equal(r.output[HOOK_OUTPUT_MAX - 1], 'x');
	hook_result_free(&r);
}

static void
a_megabyte_in_and_out_does_not_deadlock(void **state)
{
	char *argv[] = { "/bin/cat", NULL };
	char *in = big_text(MB);
	hook_result r;

	(void)state;
	run_ok(argv, NULL, in, 20, &r);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.timed_out, 0);
	assert_int_equal(r.output_total, MB);
	assert_memory_equal(r.output, in, HOOK_OUTPUT_MAX);
	hook_result_free(&r);
	free(in);
}

static void
a_program_that_does_not_read_its_input(void **state)
{
	char *quick[] = { "/bin/true", NULL };
	char *slow[] = { "/bin/sh", "-c", "sleep 0.3; echo done", NULL };
	char *in = big_text(MB);
	sigset_t pend;
	hook_result r;

	(void)state;
	/* The default SIGPIPE action would end this test program. */
	signal(SIGPIPE, SIG_DFL);
	run_ok(quick, NULL, in, 10, &r);
	assert_int_equal(r.status, 0);
	hook_result_free(&r);
	run_ok(slow, NULL, in, 10, &r);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.timed_out, 0);
	assert_string_equal(r.output, "done\n");
	hook_result_free(&r);
	assert_int_equal(sigpending(&pend), 0);
	assert_false(sigismember(&pend, SIGPIPE));
	free(in);
}

static void
shell_metacharacters_reach_the_program_literally(void **state)
{
	char dir[64], x[100], y[100], arg1[120], arg2[120], line[400], expect[400];
	char *argv[] = { "/usr/bin/printf", "%s|", arg1, arg2, "a b;c", "*", "$HOME", NULL };
	char **parsed = NULL;
	hook_result r;

	(void)state;
	make_script(dir, "unused", "", 0600);
	snprintf(x, sizeof(x), "%s/x", dir);
	snprintf(y, sizeof(y), "%s/y", dir);
	snprintf(arg1, sizeof(arg1), "$(touch %s);", x);
	snprintf(arg2, sizeof(arg2), "`touch %s`", y);
	run_ok(argv, NULL, NULL, 10, &r);
	snprintf(expect, sizeof(expect), "%s|%s|a b;c|*|$HOME|", arg1, arg2);
	assert_string_equal(r.output, expect);
	hook_result_free(&r);
	/* The same through a configured command line: split on blanks only. */
	snprintf(line, sizeof(line), "/usr/bin/printf %%s| %s;&&>%s/z %s", arg1, dir, arg2);
	assert_int_equal(hook_parse_command(line, &parsed, NULL), IRD_OK);
	run_ok(parsed, NULL, NULL, 10, &r);
	snprintf(expect, sizeof(expect), "$(touch|%s);;&&>%s/z|`touch|%s`|", x, dir, y);
	assert_string_equal(r.output, expect);
	hook_result_free(&r);
	hook_argv_free(parsed);
	assert_int_equal(access(x, F_OK), -1);
	assert_int_equal(access(y, F_OK), -1);
	snprintf(x, sizeof(x), "%s/z", dir);
	assert_int_equal(access(x, F_OK), -1);
	remove_script(dir, "unused");
}

static void
our_open_files_are_not_inherited(void **state)
{
	char *argv[] = { "/bin/ls", "/proc/self/fd", NULL };
	int fd = open("/dev/null", O_RDONLY); /* no O_CLOEXEC, on purpose */
	hook_result r;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, 42), 42);
	run_ok(argv, NULL, NULL, 10, &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.output, "0\n1\n2\n"));
	assert_null(strstr(r.output, "42\n"));
	hook_result_free(&r);
	close(42);
	close(fd);
}


static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* How many live processes (zombies aside) have MARK in their argv. */
static int
count_marked(const char *mark)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d))) {
		char path[300], buf[4096], state = 0, *rp;
		size_t len;
		FILE *f;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/cmdline", de->d_name);
		if (!(f = fopen(path, "r")))
			continue;
		len = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		for (size_t i = 0; i < len; i++)
			if (buf[i] == '\0')
				buf[i] = ' ';
		buf[len] = '\0';
		if (!strstr(buf, mark))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		if ((f = fopen(path, "r"))) {
			if (fgets(buf, sizeof(buf), f) && (rp = strrchr(buf, ')')))
				state = rp[2];
			fclose(f);
		}
		if (state && state != 'Z')
			n++;
	}
	closedir(d);
	return n;
}

/* A marker for the processes test N starts: "sleep 8NNNNNNN" (a sleep
 * of years, from N and our pid) is in the argv of each. */
static void
make_mark(char *mark, size_t len, int n)
{
	snprintf(mark, len, "sleep 8%d%06ld", n, (long)getpid() % 1000000);
}

/* Shell text that starts three marked processes and waits until each is
 * running where it should be: one in the background of the hook's
 * group, one escaped with setsid, one double-forked into a session of
 * its own (its parent gone). DIR gets a file from each. */
static void
spawn_three(char *buf, size_t len, const char *dir, const char *mark)
{
	int n = snprintf(buf, len,
	         "rm -f %s/1 %s/2 %s/3; "
	         "sh -c ': >%s/1; exec %s' & "
	         "setsid sh -c ': >%s/2; exec %s' & "
	         "(setsid sh -c ': >%s/3; exec %s' &); "
	         "while [ ! -e %s/1 ] || [ ! -e %s/2 ] || [ ! -e %s/3 ]; do sleep 0.02; done; ",
	         dir, dir, dir, dir, mark, dir, mark, dir, mark, dir, dir, dir);

	assert_true(n > 0 && (size_t)n < len);
}

static void
what_the_program_started_dies_when_it_exits(void **state)
{
	char dir[64], mark[64], script[1200];
	char *argv[] = { "/bin/sh", "-c", script, NULL };
	hook_result r;

	(void)state;
	make_script(dir, "unused", "", 0600);
	make_mark(mark, sizeof(mark), 1);
	spawn_three(script, sizeof(script) - 40, dir, mark);
	strcat(script, "echo started");
	for (int i = 0; i < 3; i++) {
		run_ok(argv, NULL, NULL, 60, &r);
		assert_int_equal(r.status, 0);
		assert_string_equal(r.output, "started\n");
		/* Gone when hook_run returns: the keeper reaped them all first. */
		assert_int_equal(count_marked(mark), 0);
		hook_result_free(&r);
	}
	for (const char *n = "123"; *n; n++) {
		char path[128];

		snprintf(path, sizeof(path), "%s/%c", dir, *n);
		unlink(path);
	}
	remove_script(dir, "unused");
}

static int stop_pipe[2] = { -1, -1 };
static volatile sig_atomic_t stop_seen;

static void
on_term(int sig)
{
	int saved = errno;
	ssize_t w = write(stop_pipe[1], "x", 1);

	(void)sig;
	(void)w;
	stop_seen = 1;
	errno = saved;
}

static void
a_stop_request_kills_a_long_hook_at_once(void **state)
{
	char mark[64], script[400], pidenv[64];
	char *argv[] = { "/bin/sh", "-c", script, NULL };
	char *env[] = { pidenv, NULL };
	struct sigaction sa, old;
	hook_spec sp = { argv, env, NULL, 60, -1, -1 };
	char buf[64];
	int64_t t0;
	hook_result r;
	ird_err e = { 0 };

	(void)state;
	assert_int_equal(pipe(stop_pipe), 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGTERM, &sa, &old), 0);
	/* The hook starts a child in its group, then asks us to stop (as
	 * `kill -TERM` of the watcher would), then would run for 60 s. */
	make_mark(mark, sizeof(mark), 2);
	snprintf(pidenv, sizeof(pidenv), "HOOKTEST_PID=%ld", (long)getpid());
	snprintf(script, sizeof(script), "%s & echo $!; kill -TERM $HOOKTEST_PID; "
	         "exec %s", mark, mark);
	sp.stop_fd = stop_pipe[0];
	t0 = now_ms();
	assert_int_equal(hook_run_spec(&sp, &r, &e), IRD_OK);
	assert_true(stop_seen);
	assert_int_equal(r.stopped, 1);
	assert_int_equal(r.timed_out, 0);
	assert_int_equal(r.signal, SIGKILL);
	assert_string_equal(hook_result_describe(&r, 60, buf, sizeof(buf)), "stopped");
	/* Within a second of the request here (generous: a loaded machine,
	 * valgrind); without the stop it would have taken the full minute. */
	assert_true(now_ms() - t0 < 10000);
	print_message("stopped %lld ms after the start\n", (long long)(now_ms() - t0));
	assert_int_equal(count_marked(mark), 0);
	assert_true(process_gone(pid_from(r.output)));
	hook_result_free(&r);
	sigaction(SIGTERM, &old, NULL);
	close(stop_pipe[0]);
	close(stop_pipe[1]);
}

/* A lock on byte 0 of PATH through a new open file description: the
 * process holding it open holds the lock (and any child it forks). */
static int
ofd_lock(const char *path, int *fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };

	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	assert_true(*fd >= 0);
	if (fcntl(*fd, F_OFD_SETLK, &fl) == 0)
		return 1;
	close(*fd);
	*fd = -1;
	return 0;
}

static void
if_we_are_killed_the_run_dies_and_only_then_the_held_lock(void **state)
{
	char dir[64], lock[128], started[128], mark[64], script[1200];
	char *argv[] = { "/bin/sh", "-c", script, NULL };
	int64_t t0, took;
	pid_t caller;
	int fd, st;

	(void)state;
	make_script(dir, "unused", "", 0600);
	snprintf(lock, sizeof(lock), "%s/claims", dir);
	snprintf(started, sizeof(started), "%s/started", dir);
	make_mark(mark, sizeof(mark), 3);
	spawn_three(script, sizeof(script) - 300, dir, mark);
	strcat(script, ": >");
	strcat(script, started);
	strcat(script, "; exec ");
	strcat(script, mark);
	if ((caller = fork()) == 0) {
		/* The "watcher": holds the lock while the hook runs, then is killed. */
		hook_spec sp = { argv, NULL, NULL, 600, -1, -1 };
		hook_result r;

		if (!ofd_lock(lock, &sp.hold_fd))
			_exit(3);
		hook_run_spec(&sp, &r, NULL);
		_exit(4);
	}
	assert_true(caller > 0);
	for (int i = 0; access(started, F_OK) != 0; i++) {
		assert_true(i < 3000); /* 30 s */
		assert_int_equal(waitpid(caller, &st, WNOHANG), 0);
		usleep(10000);
	}
	assert_false(ofd_lock(lock, &fd)); /* the run holds it */
	assert_int_equal(kill(caller, SIGKILL), 0);
	assert_int_equal(waitpid(caller, &st, 0), caller);
	t0 = now_ms();
	/* Free soon, and once it is, nothing of the run is alive. */
	while (!ofd_lock(lock, &fd)) {
		assert_true(now_ms() - t0 < 30000);
		usleep(5000);
	}
	took = now_ms() - t0;
	assert_int_equal(count_marked(mark), 0);
	print_message("lock free %lld ms after the holder was killed\n", (long long)took);
	close(fd);
	unlink(lock);
	unlink(started);
	remove_script(dir, "unused");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_splits_on_blanks_and_nothing_else),
		cmocka_unit_test(parse_refuses_empty_and_control_characters),
		cmocka_unit_test(cat_gets_stdin_and_its_output_is_captured),
		cmocka_unit_test(exit_status_and_signals_are_reported),
		cmocka_unit_test(environment_is_ours_plus_the_extra_entries),
		cmocka_unit_test(bad_arguments_are_refused),
		cmocka_unit_test(a_missing_program_could_not_start),
		cmocka_unit_test(a_program_that_is_not_executable_could_not_start),
		cmocka_unit_test(path_is_searched_but_never_the_current_directory),
		cmocka_unit_test(timeout_kills_the_process_group),
		cmocka_unit_test(an_exit_is_noticed_while_a_child_holds_the_output),
		cmocka_unit_test(a_megabyte_of_output_keeps_the_first_64k),
		cmocka_unit_test(a_megabyte_in_and_out_does_not_deadlock),
		cmocka_unit_test(a_program_that_does_not_read_its_input),
		cmocka_unit_test(shell_metacharacters_reach_the_program_literally),
		cmocka_unit_test(our_open_files_are_not_inherited),
		cmocka_unit_test(what_the_program_started_dies_when_it_exits),
		cmocka_unit_test(a_stop_request_kills_a_long_hook_at_once),
		cmocka_unit_test(if_we_are_killed_the_run_dies_and_only_then_the_held_lock),
	};

	return cmocka_run_group_tests_name("hook", tests, NULL, NULL);
}
