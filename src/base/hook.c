/* hook.c - the hook runner: fork, execve with an argument vector (never a
 * shell), feed standard input, capture output, enforce a time limit. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/hook.h"

extern char **environ;

#define DEFAULT_PATH "/usr/local/bin:/usr/bin:/bin"

static int
is_sep(char ch)
{
	return ch == ' ' || ch == '\t';
}

void
hook_argv_free(char **argv)
{
	if (!argv)
		return;
	for (size_t i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

int
hook_parse_command(const char *line, char ***argv, ird_err *e)
{
	size_t n = 0, k = 0;
	const char *p;
	char **v;

	*argv = NULL;
	line = line ? line : "";
	for (p = line; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
			return ird_fail(e, IRD_EUSAGE, "the hook command has a control character");
		if (!is_sep(*p) && (p == line || is_sep(p[-1])))
			n++;
	}
	if (n == 0)
		return ird_fail(e, IRD_EUSAGE, "the hook command is empty");
	if (!(v = calloc(n + 1, sizeof(*v))))
		return ird_fail(e, IRD_EFAIL, "out of memory");
	for (p = line; *p;) {
		size_t len = 0;

		while (is_sep(*p))
			p++;
		while (p[len] && !is_sep(p[len]))
			len++;
		if (len == 0)
			break;
		if (!(v[k++] = strndup(p, len))) {
			hook_argv_free(v);
			return ird_fail(e, IRD_EFAIL, "out of memory");
		}
		p += len;
	}
	*argv = v;
	return IRD_OK;
}

/* ---- before the fork: everything that allocates ---------------------- */

/* The file to execve for NAME: NAME itself when it has a slash, else the
 * first executable regular file of that name in an absolute $PATH entry
 * (relative and empty entries, which mean ".", are skipped: a hook must
 * not depend on the current directory). 0, or an errno value. */
static int
resolve_program(const char *name, char **path)
{
	const char *dirs = getenv("PATH");
	int err = ENOENT;

	*path = NULL;
	if (strchr(name, '/'))
		return (*path = strdup(name)) ? 0 : ENOMEM;
	if (!dirs || !*dirs)
		dirs = DEFAULT_PATH;
	while (*dirs) {
		size_t len = strcspn(dirs, ":");
		struct stat sb;
		char *cand;

		if (len > 0 && dirs[0] == '/') {
			if (!(cand = malloc(len + strlen(name) + 2)))
				return ENOMEM;
			sprintf(cand, "%.*s/%s", (int)len, dirs, name);
			if (stat(cand, &sb) == 0 && S_ISREG(sb.st_mode)) {
				if (access(cand, X_OK) == 0) {
					*path = cand;
					return 0;
				}
				err = EACCES; /* as execvp: say so if nothing better is found */
			}
			free(cand);
		}
		dirs += len + (dirs[len] == ':');
	}
	return err;
}

/* Length of the name of "NAME=value", or 0 if it has no name. */
static size_t
env_name_len(const char *kv)
{
	const char *eq = strchr(kv, '=');

	return eq ? (size_t)(eq - kv) : 0;
}

static int
overridden(const char *kv, char *const extra[])
{
	size_t n = env_name_len(kv);

	for (size_t i = 0; n && extra && extra[i]; i++)
		if (env_name_len(extra[i]) == n && strncmp(kv, extra[i], n) == 0)
			return 1;
	return 0;
}

/* Our environment with EXTRA added (replacing variables of the same
 * name): a malloc'd array of borrowed pointers. */
static int
build_env(char *const extra[], char ***envp, ird_err *e)
{
	size_t n = 0, k = 0;
	char **v;

	*envp = NULL;
	for (size_t i = 0; extra && extra[i]; i++, n++)
		if (env_name_len(extra[i]) == 0)
			return ird_fail(e, IRD_EUSAGE, "environment entry \"%s\" is not NAME=value",
			                extra[i]);
	for (size_t i = 0; environ && environ[i]; i++)
		n++;
	if (!(v = calloc(n + 1, sizeof(*v))))
		return ird_fail(e, IRD_EFAIL, "out of memory");
	for (size_t i = 0; environ && environ[i]; i++)
		if (!overridden(environ[i], extra))
			v[k++] = environ[i];
	for (size_t i = 0; extra && extra[i]; i++)
		v[k++] = extra[i];
	*envp = v;
	return IRD_OK;
}

static int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
could_not_start(hook_result *out, const char *name, int err, ird_err *e)
{
	char msg[IRD_ERRLEN];

	snprintf(msg, sizeof(msg), "cannot run %s: %s", name, strerror(err));
	out->status = -1;
	free(out->output);
	if ((out->output = strdup(msg)))
		out->output_len = strlen(msg);
	return ird_fail(e, IRD_EFAIL, "%s", msg);
}

/* ---- the child: only async-signal-safe calls until execve ------------ */

struct child_plan {
	const char *path;
	char *const *argv;
	char **envp;
	int in_rd, out_wr, err_wr; /* pipe ends, all close-on-exec */
	long max_fd;               /* for closing the rest when close_range is missing */
	sigset_t mask;             /* the parent's signal mask before the run */
};

static void
close_from(int lowest, long max_fd)
{
#ifdef SYS_close_range
	if (syscall(SYS_close_range, (unsigned)lowest, ~0U, 0) == 0)
		return;
#endif
	for (long fd = lowest; fd < max_fd; fd++)
		close((int)fd);
}

static _Noreturn void
child_fail(int fd, int err)
{
	ssize_t w = write(fd, &err, sizeof(err));

	(void)w;
	_exit(127);
}

/* Standard input and output on the pipes, the exec-error pipe on fd 3,
 * nothing else inherited (the store's file stays ours), its own process
 * group (so a timeout kills what it started too), default signals. */
static _Noreturn void
child_exec(const struct child_plan *p)
{
	static const int sigs[] = { SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGCHLD, SIGHUP };
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	int in, out, err;

	setpgid(0, 0);
	/* Lift every pipe end above 2 first: if one is 0-2, dup2 onto itself
	 * would keep its close-on-exec flag. */
	if ((err = fcntl(p->err_wr, F_DUPFD_CLOEXEC, 10)) < 0)
		child_fail(p->err_wr, errno);
	if ((in = fcntl(p->in_rd, F_DUPFD_CLOEXEC, 10)) < 0 ||
	    (out = fcntl(p->out_wr, F_DUPFD_CLOEXEC, 10)) < 0 || dup2(in, 0) < 0 ||
	    dup2(out, 1) < 0 || dup2(out, 2) < 0 || dup3(err, 3, O_CLOEXEC) < 0)
		child_fail(err, errno);
	close_from(4, p->max_fd);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &dfl, NULL);
	sigprocmask(SIG_SETMASK, &p->mask, NULL);
	execve(p->path, p->argv, p->envp);
	child_fail(3, errno);
}

/* ---- the parent: feed, collect, time ----------------------------------- */

struct io {
	int in_fd, out_fd;       /* our pipe ends, -1 once closed */
	const char *data;
	size_t len, off;
	hook_result *out;
};

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static void
feed(struct io *io)
{
	while (io->in_fd >= 0 && io->off < io->len) {
		ssize_t w = write(io->in_fd, io->data + io->off, io->len - io->off);

		if (w > 0) {
			io->off += (size_t)w;
		} else if (w < 0 && errno == EINTR) {
			continue;
		} else if (w < 0 && errno == EAGAIN) {
			return;
		} else {
			/* EPIPE: the program does not read its input; that is its
			 * business, not a failure. */
			close_fd(&io->in_fd);
		}
	}
	close_fd(&io->in_fd); /* all written: end of file for the program */
}

/* Read what is there; keep the first HOOK_OUTPUT_MAX bytes, count all. */
static void
collect(struct io *io)
{
	char buf[16384];

	while (io->out_fd >= 0) {
		ssize_t r = read(io->out_fd, buf, sizeof(buf));

		if (r > 0) {
			size_t room = HOOK_OUTPUT_MAX - io->out->output_len;
			size_t keep = (size_t)r < room ? (size_t)r : room;

			memcpy(io->out->output + io->out->output_len, buf, keep);
			io->out->output_len += keep;
			io->out->output_total += (uint64_t)r;
		} else if (r < 0 && errno == EINTR) {
			continue;
		} else if (r < 0 && errno == EAGAIN) {
			return;
		} else {
			close_fd(&io->out_fd);
		}
	}
}

static void
decode_status(int st, hook_result *out)
{
	if (WIFEXITED(st)) {
		out->status = WEXITSTATUS(st);
	} else if (WIFSIGNALED(st)) {
		out->signal = WTERMSIG(st);
		out->status = 128 + out->signal;
	}
}

static void
reap(pid_t pid, int *st)
{
	while (waitpid(pid, st, 0) < 0 && errno == EINTR)
		;
}

/* A descriptor that becomes readable when PID exits (Linux 5.3), or -1:
 * then the loop below looks for the exit every few milliseconds. */
static int
exit_fd(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	return -1;
#endif
}

/* Until the program ends or its time is up. Its exit is watched apart
 * from the output pipe, which something it started may keep open. */
static void
supervise(pid_t pid, struct io *io, int timeout_s, int64_t start)
{
	int64_t deadline = timeout_s > 0 ? start + (int64_t)timeout_s * 1000 : 0;
	int st = 0, pidfd = exit_fd(pid);

	for (;;) {
		struct pollfd fds[3];
		nfds_t n = 0;
		int64_t now = mono_ms(), wait = pidfd >= 0 ? -1 : 200;
		pid_t w = waitpid(pid, &st, WNOHANG);

		if (w == pid || (w < 0 && errno != EINTR))
			break;
		if (deadline && now >= deadline) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL); /* in case it had not made its group yet */
			io->out->timed_out = 1;
			reap(pid, &st);
			break;
		}
		if (deadline && (wait < 0 || deadline - now < wait))
			wait = deadline - now;
		if (io->in_fd >= 0)
			fds[n++] = (struct pollfd){ .fd = io->in_fd, .events = POLLOUT };
		if (io->out_fd >= 0)
			fds[n++] = (struct pollfd){ .fd = io->out_fd, .events = POLLIN };
		if (pidfd >= 0)
			fds[n++] = (struct pollfd){ .fd = pidfd, .events = POLLIN };
		else if (n == 0 && wait > 2)
			wait = 2; /* no pidfd: only waiting for the exit now */
		if (poll(fds, n, (int)wait) < 0)
			continue; /* EINTR: look again */
		for (nfds_t i = 0; i < n; i++) {
			if (fds[i].fd == io->in_fd && fds[i].revents)
				feed(io); /* POLLERR/POLLHUP: the write fails and closes */
			else if (fds[i].fd == io->out_fd && fds[i].revents)
				collect(io);
		}
	}
	if (pidfd >= 0)
		close(pidfd);
	collect(io); /* what it wrote before it ended */
	decode_status(st, io->out);
}

/* SIGPIPE is blocked while we write to the program (a program that exits
 * without reading must not kill us); a SIGPIPE that this run raised is
 * taken off the pending set before the old mask comes back. */
static void
restore_sigpipe(const sigset_t *old, int was_pending)
{
	sigset_t pend, only;

	if (!was_pending && sigpending(&pend) == 0 && sigismember(&pend, SIGPIPE)) {
		struct timespec zero = { 0, 0 };

		sigemptyset(&only);
		sigaddset(&only, SIGPIPE);
		while (sigtimedwait(&only, NULL, &zero) < 0 && errno == EINTR)
			;
	}
	sigprocmask(SIG_SETMASK, old, NULL);
}

static void
close_pipes(int p[3][2])
{
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 2; j++)
			close_fd(&p[i][j]);
}

/* Wait for the exec to succeed (the close-on-exec pipe reads end of file)
 * or fail (the child writes errno). */
static int
exec_error(int fd)
{
	int err = 0;
	ssize_t r;

	while ((r = read(fd, &err, sizeof(err))) < 0 && errno == EINTR)
		;
	return r == (ssize_t)sizeof(err) ? err : 0;
}

static int
start_and_supervise(struct child_plan *plan, const char *stdin_data, int timeout_s,
                    hook_result *out, ird_err *e)
{
	int p[3][2] = { { -1, -1 }, { -1, -1 }, { -1, -1 } }; /* in, out, exec error */
	struct io io = { -1, -1, stdin_data, stdin_data ? strlen(stdin_data) : 0, 0, out };
	sigset_t block;
	int64_t start = mono_ms();
	int was_pending, err;
	pid_t pid;

	for (int i = 0; i < 3; i++)
		if (pipe2(p[i], O_CLOEXEC) < 0) {
			err = errno;
			close_pipes(p);
			return could_not_start(out, plan->argv[0], err, e);
		}
	sigemptyset(&block);
	sigaddset(&block, SIGPIPE);
	sigprocmask(SIG_BLOCK, &block, &plan->mask);
	{
		sigset_t pend;

		was_pending = sigpending(&pend) == 0 && sigismember(&pend, SIGPIPE);
	}
	plan->in_rd = p[0][0];
	plan->out_wr = p[1][1];
	plan->err_wr = p[2][1];
	if ((pid = fork()) == 0)
		child_exec(plan);
	err = pid < 0 ? errno : 0;
	close_fd(&p[0][0]);
	close_fd(&p[1][1]);
	close_fd(&p[2][1]);
	if (pid > 0 && (err = exec_error(p[2][0])) != 0) {
		int st;

		reap(pid, &st);
	}
	if (pid < 0 || err) {
		close_pipes(p);
		restore_sigpipe(&plan->mask, was_pending);
		return could_not_start(out, plan->argv[0], err, e);
	}
	setpgid(pid, pid); /* also here: a kill(-pid) must not find no group */
	io.in_fd = p[0][1];
	io.out_fd = p[1][0];
	p[0][1] = p[1][0] = -1;
	fcntl(io.in_fd, F_SETFL, O_NONBLOCK);
	fcntl(io.out_fd, F_SETFL, O_NONBLOCK);
	if (io.len == 0)
		close_fd(&io.in_fd);
	supervise(pid, &io, timeout_s, start);
	close_fd(&io.in_fd);
	close_fd(&io.out_fd);
	close_pipes(p);
	restore_sigpipe(&plan->mask, was_pending);
	out->elapsed_ms = mono_ms() - start;
	return IRD_OK;
}

int
hook_run(char *const argv[], char *const envp_extra[], const char *stdin_data,
         int timeout_s, hook_result *out, ird_err *e)
{
	struct child_plan plan = { 0 };
	char *path = NULL;
	int rc, err;

	memset(out, 0, sizeof(*out));
	out->status = -1;
	if (!argv || !argv[0] || !*argv[0])
		return ird_fail(e, IRD_EUSAGE, "no program to run");
	if ((rc = build_env(envp_extra, &plan.envp, e)) != IRD_OK)
		return rc;
	if ((err = resolve_program(argv[0], &path)) != 0) {
		free(plan.envp);
		return could_not_start(out, argv[0], err, e);
	}
	if (!(out->output = malloc(HOOK_OUTPUT_MAX + 1))) {
		free(plan.envp);
		free(path);
		return ird_fail(e, IRD_EFAIL, "out of memory");
	}
	plan.path = path;
	plan.argv = argv;
	plan.max_fd = sysconf(_SC_OPEN_MAX);
	if (plan.max_fd < 0 || plan.max_fd > 65536)
		plan.max_fd = 65536;
	rc = start_and_supervise(&plan, stdin_data, timeout_s, out, e);
	if (rc == IRD_OK)
		out->output[out->output_len] = '\0';
	free(plan.envp);
	free(path);
	return rc;
}

void
hook_result_free(hook_result *r)
{
	if (!r)
		return;
	free(r->output);
	memset(r, 0, sizeof(*r));
}

char *
hook_result_describe(const hook_result *r, int timeout_s, char *buf, size_t len)
{
	if (r->status < 0)
		snprintf(buf, len, "could not start");
	else if (r->timed_out)
		snprintf(buf, len, "timed out after %d s", timeout_s);
	else if (r->signal)
		snprintf(buf, len, "killed by signal %d", r->signal);
	else
		snprintf(buf, len, "exit %d", r->status);
	return buf;
}
