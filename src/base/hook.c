/* hook.c - the hook runner: fork, execve with an argument vector (never a
 * shell), feed standard input, capture output, enforce a time limit, stop
 * on request, and leave no process of the run behind. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/hook.h"
#include "base/i18n.h"

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
			return ird_fail(e, IRD_EUSAGE, _("the hook command has a control character"));
		if (!is_sep(*p) && (p == line || is_sep(p[-1])))
			n++;
	}
	if (n == 0)
		return ird_fail(e, IRD_EUSAGE, _("the hook command is empty"));
	if (!(v = calloc(n + 1, sizeof(*v))))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
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
			return ird_fail(e, IRD_EFAIL, _("out of memory"));
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
			return ird_fail(e, IRD_EUSAGE, _("environment entry \"%s\" is not NAME=value"),
			                extra[i]);
	for (size_t i = 0; environ && environ[i]; i++)
		n++;
	if (!(v = calloc(n + 1, sizeof(*v))))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
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
	/* The output above is kept with the run; this message is shown. */
	return ird_fail(e, IRD_EFAIL, _("cannot run %s: %s"), name, strerror(err));
}

/* ---- after the fork: the keeper and the program --------------------- */

/* A run is two processes: the KEEPER, a fork of ours that never execs,
 * and the PROGRAM, its child, in a process group of its own. The keeper
 * is a child subreaper, so everything the program starts stays below it
 * even after a setsid(); it holds the caller's HOLD_FD (a claim's lock)
 * and a lifeline pipe from us. When the program exits, or the lifeline
 * breaks (we asked it to stop, or we died), the keeper kills the
 * program's group and every process that was reparented to it, reaps
 * them all, and only then exits: what HOLD_FD locks is held exactly as
 * long as anything of the run is alive. */

struct child_plan {
	const char *path;
	char *const *argv;
	char **envp;
	int in_rd, out_wr, err_wr; /* the program's pipe ends, all close-on-exec */
	int status_wr, life_rd;    /* the keeper's: the program's wait status; our lifeline */
	int hold_fd;               /* kept open by the keeper to the end; -1 none */
	long max_fd;               /* for closing the rest when close_range is missing */
	sigset_t mask;             /* the parent's signal mask before the run */
	pid_t keeper;              /* set in the keeper */
};

/* Close every descriptor from LO to HI (inclusive). */
static void
close_span(unsigned lo, unsigned hi)
{
	if (lo > hi)
		return;
#ifdef SYS_close_range
	if (syscall(SYS_close_range, lo, hi, 0) == 0)
		return;
#endif
	for (unsigned long fd = lo; fd <= hi; fd++)
		close((int)fd);
}

static void
close_from(int lowest, long max_fd)
{
	close_span((unsigned)lowest, max_fd > lowest ? (unsigned)max_fd : ~0U);
}

/* Close every descriptor but the N in KEEP (negative ones ignored). */
static void
close_all_but(int *keep, int n, long max_fd)
{
	unsigned next = 0;

	for (int i = 1; i < n; i++) /* insertion sort: a handful of numbers */
		for (int j = i; j > 0 && keep[j - 1] > keep[j]; j--) {
			int t = keep[j];

			keep[j] = keep[j - 1];
			keep[j - 1] = t;
		}
	for (int i = 0; i < n; i++) {
		if (keep[i] < 0 || (unsigned)keep[i] < next)
			continue;
		if ((unsigned)keep[i] > next)
			close_span(next, (unsigned)keep[i] - 1);
		next = (unsigned)keep[i] + 1;
	}
	close_from((int)next, max_fd);
}

static _Noreturn void
child_fail(int fd, int err)
{
	ssize_t w = write(fd, &err, sizeof(err));

	(void)w;
	_exit(127);
}

/* The program: standard input and output on the pipes, the exec-error
 * pipe on fd 3, nothing else inherited (the store's file stays ours), its
 * own process group, killed if the keeper dies, default signals. */
static _Noreturn void
child_exec(const struct child_plan *p)
{
	static const int sigs[] = { SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGCHLD, SIGHUP };
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	int in, out, err;

	setpgid(0, 0);
#ifdef PR_SET_PDEATHSIG
	/* Should the keeper be killed outright (it cannot clean up then), at
	 * least the program goes with it. */
	prctl(PR_SET_PDEATHSIG, (unsigned long)SIGKILL, 0UL, 0UL, 0UL);
#endif
	if (getppid() != p->keeper)
		_exit(127);
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

static void
nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* SIGKILL every pid in the text of a children file (space-separated). */
static int
kill_listed(int fd)
{
	char buf[4096];
	long pid = -1;
	int n = 0;
	ssize_t r;

	while ((r = read(fd, buf, sizeof(buf))) > 0 || (r < 0 && errno == EINTR))
		for (ssize_t i = 0; i < r; i++) {
			if (buf[i] >= '0' && buf[i] <= '9') {
				pid = (pid < 0 ? 0 : pid * 10) + (buf[i] - '0');
			} else if (pid > 0) {
				kill((pid_t)pid, SIGKILL);
				n++;
				pid = -1;
			}
		}
	if (pid > 0) {
		kill((pid_t)pid, SIGKILL);
		n++;
	}
	return n;
}

/* SIGKILL every child of ours (none is reaped yet, so no pid is reused
 * under us): from /proc/self/task/PID/children, else a scan of /proc. */
static void
kill_children(void)
{
	char path[300];
	pid_t me = getpid();
	DIR *d;
	struct dirent *de;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%ld/children", (long)me);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		kill_listed(fd);
		close(fd);
		return;
	}
	if (!(d = opendir("/proc")))
		return;
	while ((de = readdir(d))) {
		char stat[512], *rp;
		long ppid = 0;
		ssize_t r;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		r = read(fd, stat, sizeof(stat) - 1);
		close(fd);
		if (r <= 0)
			continue;
		stat[r] = '\0';
		/* "pid (comm) S ppid ...": comm may hold anything, so from the last ')'. */
		if ((rp = strrchr(stat, ')')) && sscanf(rp + 1, " %*c %ld", &ppid) == 1 &&
		    ppid == (long)me)
			kill((pid_t)strtol(de->d_name, NULL, 10), SIGKILL);
	}
	closedir(d);
}

/* Until no child is left: kill them all, reap, again (what a killed
 * process had started is reparented to us, the subreaper, meanwhile). */
static void
sweep(void)
{
	for (;;) {
		pid_t w;
		int st;

		kill_children();
		while ((w = waitpid(-1, &st, WNOHANG)) > 0)
			;
		if (w < 0 && errno == ECHILD)
			return;
		nap_ms(2);
	}
}

/* 1 once PID has exited; it is left a zombie, so its pid (and its group's
 * number) cannot be reused while we kill what is left of the group. */
static int
has_exited(pid_t pid, int block)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT | (block ? 0 : WNOHANG)) < 0)
		if (errno != EINTR)
			return 1; /* not our child any more: nothing to wait for */
	return si.si_pid == pid;
}

/* A descriptor that becomes readable when PID exits (Linux 5.3), or -1:
 * then the loops look for the exit every few milliseconds. */
static int
exit_fd(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	(void)pid;
	return -1;
#endif
}

/* The keeper's watch: until the program exits or the lifeline breaks
 * (end of file, or anything written), then its whole group is killed. */
static void
keep_watch(pid_t pid, int life_rd)
{
	int pidfd = exit_fd(pid);

	while (!has_exited(pid, 0)) {
		struct pollfd fds[2] = { { .fd = life_rd, .events = POLLIN },
		                         { .fd = pidfd, .events = POLLIN } };

		if (poll(fds, pidfd >= 0 ? 2 : 1, pidfd >= 0 ? -1 : 20) > 0 && fds[0].revents) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL); /* in case it had not made its group yet */
			has_exited(pid, 1);
			break;
		}
	}
	if (pidfd >= 0)
		close(pidfd);
	kill(-pid, SIGKILL); /* what it left in its group; its zombie holds the number */
}

static _Noreturn void
keeper(struct child_plan *p)
{
	static const int quiet[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction ign = { .sa_handler = SIG_IGN }, dfl = { .sa_handler = SIG_DFL };
	int keep[] = { p->in_rd, p->out_wr, p->err_wr, p->status_wr, p->life_rd, p->hold_fd };
	int st = 0;
	pid_t pid;
	ssize_t w;

	/* A ^C reaches our whole process group; the keeper answers only to
	 * the lifeline, so that it always gets to clean up. */
	for (size_t i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++)
		sigaction(quiet[i], &ign, NULL);
	sigaction(SIGCHLD, &dfl, NULL);
	close_all_but(keep, (int)(sizeof(keep) / sizeof(keep[0])), p->max_fd);
#ifdef PR_SET_CHILD_SUBREAPER
	prctl(PR_SET_CHILD_SUBREAPER, 1UL, 0UL, 0UL, 0UL);
#endif
	p->keeper = getpid();
	if ((pid = fork()) == 0)
		child_exec(p);
	if (pid < 0)
		child_fail(p->err_wr, errno);
	setpgid(pid, pid); /* also here: a kill(-pid) must not find no group */
	close(p->in_rd);
	close(p->out_wr);
	close(p->err_wr);
	keep_watch(pid, p->life_rd);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	while ((w = write(p->status_wr, &st, sizeof(st))) < 0 && errno == EINTR)
		;
	sweep();
	_exit(0);
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

/* How long the keeper may take to clean up once told to, before it is
 * killed itself (only a process stuck in the kernel takes that long). */
#define KEEPER_GRACE_MS 5000

struct watch_fds {
	int status_fd; /* the keeper's report; end of file when it has exited */
	int life_fd;   /* our end of the lifeline; closed to stop the run */
	int stop_fd;   /* the caller's: readable means stop now; -1 none */
};

/* Read the program's wait status; close STATUS_FD at end of file. */
static void
read_status(int *status_fd, int *st, int *have)
{
	int v;
	ssize_t r;

	while ((r = read(*status_fd, &v, sizeof(v))) < 0 && errno == EINTR)
		;
	if (r == (ssize_t)sizeof(v)) {
		*st = v;
		*have = 1;
	} else if (r < 0 && errno == EAGAIN) {
		return;
	} else {
		close_fd(status_fd);
	}
}

/* Until the keeper has exited (after the program and everything it
 * started are gone). Its time up or a stop asked for, the lifeline is
 * cut. The output pipe is watched but not waited for: the keeper's exit
 * ends the run. */
static void
supervise(pid_t keeper_pid, struct io *io, struct watch_fds *w, int timeout_s, int64_t start)
{
	int64_t deadline = timeout_s > 0 ? start + (int64_t)timeout_s * 1000 : 0, grace = 0;
	int st = 0, have = 0;

	while (w->status_fd >= 0) {
		struct pollfd fds[4];
		nfds_t n = 0;
		int64_t now = mono_ms(), wait = -1;

		if (w->life_fd >= 0 && deadline && now >= deadline) {
			io->out->timed_out = 1;
			close_fd(&w->life_fd);
		}
		if (w->life_fd < 0 && !grace)
			grace = now + KEEPER_GRACE_MS;
		if (grace && now >= grace) {
			kill(keeper_pid, SIGKILL); /* its end of the status pipe closes */
			grace = INT64_MAX;
		}
		if (w->life_fd >= 0 && deadline)
			wait = deadline - now;
		if (grace && grace != INT64_MAX)
			wait = grace - now;
		if (io->in_fd >= 0)
			fds[n++] = (struct pollfd){ .fd = io->in_fd, .events = POLLOUT };
		if (io->out_fd >= 0)
			fds[n++] = (struct pollfd){ .fd = io->out_fd, .events = POLLIN };
		fds[n++] = (struct pollfd){ .fd = w->status_fd, .events = POLLIN };
		if (w->life_fd >= 0 && w->stop_fd >= 0)
			fds[n++] = (struct pollfd){ .fd = w->stop_fd, .events = POLLIN };
		if (poll(fds, n, (int)(wait > INT32_MAX ? INT32_MAX : wait)) < 0)
			continue; /* EINTR: look again */
		for (nfds_t i = 0; i < n; i++) {
			if (!fds[i].revents)
				continue;
			if (fds[i].fd == io->in_fd) {
				feed(io); /* POLLERR/POLLHUP: the write fails and closes */
			} else if (fds[i].fd == io->out_fd) {
				collect(io);
			} else if (fds[i].fd == w->status_fd) {
				read_status(&w->status_fd, &st, &have);
			} else if (fds[i].fd == w->stop_fd && w->life_fd >= 0) {
				io->out->stopped = 1;
				close_fd(&w->life_fd);
			}
		}
	}
	reap(keeper_pid, &(int){ 0 });
	collect(io); /* what it wrote before it ended */
	if (have)
		decode_status(st, io->out);
	else /* the keeper was killed before it could say: so was the program */
		decode_status(SIGKILL, io->out);
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

enum { P_IN, P_OUT, P_ERR, P_STATUS, P_LIFE, NPIPES };

static void
close_pipes(int p[NPIPES][2])
{
	for (int i = 0; i < NPIPES; i++)
		for (int j = 0; j < 2; j++)
			close_fd(&p[i][j]);
}

/* Wait for the exec to succeed (the close-on-exec pipe reads end of file)
 * or fail (the program or the keeper writes errno). */
static int
exec_error(int fd)
{
	int err = 0;
	ssize_t r;

	while ((r = read(fd, &err, sizeof(err))) < 0 && errno == EINTR)
		;
	return r == (ssize_t)sizeof(err) ? err : 0;
}

/* The program did not start: let the keeper finish, reap it. */
static void
abandon(pid_t keeper_pid, int p[NPIPES][2])
{
	char buf[64];
	int st;

	close_fd(&p[P_LIFE][1]);
	for (;;) {
		ssize_t r = read(p[P_STATUS][0], buf, sizeof(buf));

		if (r == 0 || (r < 0 && errno != EINTR))
			break;
	}
	reap(keeper_pid, &st);
}

static int
start_and_supervise(struct child_plan *plan, const hook_spec *sp, hook_result *out, ird_err *e)
{
	int p[NPIPES][2];
	struct io io = { -1, -1, sp->stdin_data, sp->stdin_data ? strlen(sp->stdin_data) : 0, 0,
	                 out };
	struct watch_fds w;
	sigset_t block;
	int64_t start = mono_ms();
	int was_pending, err;
	pid_t pid;

	for (int i = 0; i < NPIPES; i++)
		p[i][0] = p[i][1] = -1;
	for (int i = 0; i < NPIPES; i++)
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
	plan->in_rd = p[P_IN][0];
	plan->out_wr = p[P_OUT][1];
	plan->err_wr = p[P_ERR][1];
	plan->status_wr = p[P_STATUS][1];
	plan->life_rd = p[P_LIFE][0];
	plan->hold_fd = sp->hold_fd;
	if ((pid = fork()) == 0)
		keeper(plan);
	err = pid < 0 ? errno : 0;
	close_fd(&p[P_IN][0]);
	close_fd(&p[P_OUT][1]);
	close_fd(&p[P_ERR][1]);
	close_fd(&p[P_STATUS][1]);
	close_fd(&p[P_LIFE][0]);
	if (pid > 0 && (err = exec_error(p[P_ERR][0])) != 0)
		abandon(pid, p);
	if (pid < 0 || err) {
		close_pipes(p);
		restore_sigpipe(&plan->mask, was_pending);
		return could_not_start(out, plan->argv[0], err, e);
	}
	io.in_fd = p[P_IN][1];
	io.out_fd = p[P_OUT][0];
	w.status_fd = p[P_STATUS][0];
	w.life_fd = p[P_LIFE][1];
	w.stop_fd = sp->stop_fd;
	p[P_IN][1] = p[P_OUT][0] = p[P_STATUS][0] = p[P_LIFE][1] = -1;
	fcntl(io.in_fd, F_SETFL, O_NONBLOCK);
	fcntl(io.out_fd, F_SETFL, O_NONBLOCK);
	fcntl(w.status_fd, F_SETFL, O_NONBLOCK);
	if (io.len == 0)
		close_fd(&io.in_fd);
	supervise(pid, &io, &w, sp->timeout_s, start);
	close_fd(&io.in_fd);
	close_fd(&io.out_fd);
	close_fd(&w.status_fd);
	close_fd(&w.life_fd);
	close_pipes(p);
	restore_sigpipe(&plan->mask, was_pending);
	out->elapsed_ms = mono_ms() - start;
	return IRD_OK;
}

int
hook_run_spec(const hook_spec *sp, hook_result *out, ird_err *e)
{
	struct child_plan plan = { 0 };
	char *path = NULL;
	int rc, err;

	memset(out, 0, sizeof(*out));
	out->status = -1;
	if (!sp->argv || !sp->argv[0] || !*sp->argv[0])
		return ird_fail(e, IRD_EUSAGE, _("no program to run"));
	if ((rc = build_env(sp->envp_extra, &plan.envp, e)) != IRD_OK)
		return rc;
	if ((err = resolve_program(sp->argv[0], &path)) != 0) {
		free(plan.envp);
		return could_not_start(out, sp->argv[0], err, e);
	}
	if (!(out->output = malloc(HOOK_OUTPUT_MAX + 1))) {
		free(plan.envp);
		free(path);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	plan.path = path;
	plan.argv = sp->argv;
	plan.max_fd = sysconf(_SC_OPEN_MAX);
	if (plan.max_fd < 0 || plan.max_fd > 65536)
		plan.max_fd = 65536;
	rc = start_and_supervise(&plan, sp, out, e);
	if (rc == IRD_OK)
		out->output[out->output_len] = '\0';
	free(plan.envp);
	free(path);
	return rc;
}

int
hook_run(char *const argv[], char *const envp_extra[], const char *stdin_data,
         int timeout_s, hook_result *out, ird_err *e)
{
	hook_spec sp = { argv, envp_extra, stdin_data, timeout_s, -1, -1 };

	return hook_run_spec(&sp, out, e);
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
	else if (r->stopped)
		snprintf(buf, len, "stopped");
	else if (r->signal)
		snprintf(buf, len, "killed by signal %d", r->signal);
	else
		snprintf(buf, len, "exit %d", r->status);
	return buf;
}
