/* store.c - the SQLite case store: open, migrate, transactions, statements. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "store/schema_sql.h"
#include "store/store.h"

/* 'IRDK': marks a SQLite file as ours, so a foreign database is refused. */
#define IRDESK_APPLICATION_ID 0x4952444b
#define DEFAULT_BUSY_MS 15000

struct stmt_slot {
	const char *key; /* the caller's constant text, compared by address first */
	sqlite3_stmt *st;
};

struct ird_store {
	sqlite3 *db;
	char *path;
	int busy_ms;
	/* Every statement the process has used, prepared once: the core has
	 * well over a hundred, and a long-running UI or watch reaches them
	 * all, so the cache grows instead of having a limit. */
	struct stmt_slot *cache;
	int ncache, cache_cap;
	int (*before_commit)(ird_store *s, void *arg, ird_err *e);
	void *before_commit_arg;
	int wal_known;          /* the -wal file this connection opened: */
	dev_t wal_dev;
	ino_t wal_ino;
	int begin_tries;        /* BEGIN IMMEDIATE attempts of the last store_begin */
	int (*busy_wait)(void *arg, int waited_ms); /* instead of sleeping (a UI) */
	void *busy_wait_arg;
};

int
store_schema_latest(void)
{
	return schema_migrations[schema_migration_count - 1].version;
}

const char *
store_path(const ird_store *s)
{
	return s->path;
}

static char *
join_path(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", a, b);
	return p;
}

char *
store_default_path(const char *explicit_path, ird_err *e)
{
	const char *env = getenv("IRDESK_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *base, *p;

	if (explicit_path && *explicit_path)
		p = strdup(explicit_path);
	else if (env && *env)
		p = strdup(env);
	else if (xdg && *xdg == '/')
		p = join_path(xdg, "irdesk/irdesk.db");
	else if (home && *home) {
		base = join_path(home, ".local/share");
		p = base ? join_path(base, "irdesk/irdesk.db") : NULL;
		free(base);
	} else {
		ird_fail(e, IRD_EFAIL, _("cannot find the default store: HOME is not set (use --db PATH)"));
		return NULL;
	}
	if (!p)
		ird_fail(e, IRD_EFAIL, _("out of memory"));
	return p;
}

/* mkdir -p for the parents of PATH; directories we create are 0700. */
static int
make_parents(const char *path, ird_err *e)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);

	if (n >= sizeof(buf))
		return ird_fail(e, IRD_EFAIL, _("path too long: %s"), path);
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return ird_fail(e, IRD_EFAIL, _("cannot create directory %s: %s"),
			                buf, strerror(errno));
		*p = '/';
	}
	return IRD_OK;
}

/* Create an empty store file with mode 0600, whatever the umask. */
static int
create_file(const char *path, ird_err *e)
{
	int fd;

	if (make_parents(path, e) != IRD_OK)
		return e ? e->code : IRD_EFAIL;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return IRD_OK; /* another process won the race: it is theirs to fill */
	if (fd < 0)
		return ird_fail(e, IRD_EFAIL, _("cannot create %s: %s"), path, strerror(errno));
	if (fchmod(fd, 0600) != 0) {
		close(fd);
		return ird_fail(e, IRD_EFAIL, _("cannot set mode of %s: %s"), path, strerror(errno));
	}
	close(fd);
	return IRD_OK;
}

/* Refuse files that are plainly not SQLite before SQLite sees them. */
static int
check_header(const char *path, ird_err *e)
{
	static const char magic[16] = "SQLite format 3";
	char hdr[16];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return ird_fail(e, IRD_EFAIL, _("cannot open %s: %s"), path, strerror(errno));
	n = read(fd, hdr, sizeof(hdr));
	close(fd);
	if (n == 0)
		return IRD_OK; /* empty: a new store */
	if (n != (ssize_t)sizeof(hdr) || memcmp(hdr, magic, sizeof(hdr)) != 0)
		return ird_fail(e, IRD_EFAIL, _("%s is not an irdesk database (not an SQLite file)"), path);
	if (access(path, W_OK) != 0)
		return ird_fail(e, IRD_EFAIL, _("%s is read-only: irdesk needs write access"), path);
	return IRD_OK;
}

/* PATH-wal or PATH-shm into BUF. */
static void
side_file(const ird_store *s, const char *suffix, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", s->path, suffix);
}

/* The directory holding the store, into BUF. */
static void
store_dir(const ird_store *s, char *buf, size_t len)
{
	char *slash;

	snprintf(buf, len, "%s", s->path);
	if ((slash = strrchr(buf, '/')) == buf)
		buf[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		snprintf(buf, len, ".");
}

/* Is the -wal file still the one this connection opened? 1 if it was
 * deleted or replaced under us (writes there would vanish). */
static int
wal_replaced(ird_store *s)
{
	char wal[PATH_MAX];
	struct stat sb;

	if (!s->wal_known)
		return 0;
	side_file(s, "-wal", wal, sizeof(wal));
	if (stat(wal, &sb) != 0)
		return errno == ENOENT;
	return sb.st_ino != s->wal_ino || sb.st_dev != s->wal_dev;
}

/* Does the -shm index promise frames the -wal file does not hold? That is
 * what another process sees when the -wal was deleted while one had it
 * open. The index header (see SQLite's walIndexHdr) is in native order. */
static int
wal_short(ird_store *s, uint32_t *frames)
{
	unsigned char h[48];
	char shm[PATH_MAX], wal[PATH_MAX];
	uint32_t version, mx;
	uint16_t szpage;
	struct stat sb;
	int64_t page, need;
	int fd;

	side_file(s, "-shm", shm, sizeof(shm));
	side_file(s, "-wal", wal, sizeof(wal));
	if ((fd = open(shm, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	if (read(fd, h, sizeof(h)) != (ssize_t)sizeof(h)) {
		close(fd);
		return 0;
	}
	close(fd);
	memcpy(&version, h, 4);
	memcpy(&szpage, h + 14, 2);
	memcpy(&mx, h + 16, 4);
	if (version != 3007000 || !h[12] || mx == 0)
		return 0;
	page = szpage == 1 ? 65536 : szpage;
	need = 32 + (int64_t)mx * (24 + page);
	*frames = mx;
	if (stat(wal, &sb) != 0)
		return errno == ENOENT;
	return (int64_t)sb.st_size < need;
}

/* Can we create files beside the store (its -wal and -shm)? */
static int
dir_writable(const ird_store *s)
{
	char dir[PATH_MAX];
	struct statvfs vfs;

	store_dir(s, dir, sizeof(dir));
	if (statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
		return 0;
	return access(dir, W_OK) == 0;
}

static int
side_files_exist(const ird_store *s)
{
	char wal[PATH_MAX], shm[PATH_MAX];

	side_file(s, "-wal", wal, sizeof(wal));
	side_file(s, "-shm", shm, sizeof(shm));
	return access(wal, F_OK) == 0 && access(shm, F_OK) == 0;
}

/* CONTEXT, a message marked N_() by the caller, in the user's language. */
static const char *
context_text(const char *context)
{
	return context && *context ? _(context) : "";
}

int
store_fail(ird_store *s, ird_err *e, const char *context)
{
	int rc = sqlite3_extended_errcode(s->db);
	int prim = rc & 0xff, sys = sqlite3_system_errno(s->db);
	char dir[PATH_MAX];
	uint32_t frames = 0;

	context = context_text(context);
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return ird_fail(e, IRD_EBUSY, _("%s: the store %s is locked by another program "
		                "(waited up to %d.%d s); try again"), context, s->path, s->busy_ms / 1000,
		                s->busy_ms % 1000 / 100);
	if (prim == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT) {
		store_dir(s, dir, sizeof(dir));
		return ird_fail(e, IRD_EFAIL, _("%s: the disk is full (%s, where the store %s is)"),
		                context, dir, s->path);
	}
	if (prim == SQLITE_IOERR || prim == SQLITE_CORRUPT) {
		if (wal_replaced(s))
			return ird_fail(e, IRD_EFAIL, _("%s: the store's log %s-wal was deleted or replaced "
			                "while this irdesk had the store open: writes made since are lost "
			                "(never delete the -wal or -shm files of an open store); run "
			                "irdesk check --head with a head kept elsewhere"), context, s->path);
		if (wal_short(s, &frames))
			return ird_fail(e, IRD_EFAIL, _("%s: the store's log %s-wal is missing or shorter than "
			                "its index %s-shm records (%u frames): it was deleted or replaced "
			                "while a program had the store open, and the writes kept in it are "
			                "lost; stop every program using the store, then run irdesk check "
			                "--head with a head kept elsewhere"), context, s->path, s->path,
			                (unsigned)frames);
	}
	if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
		return ird_fail(e, IRD_EFAIL, _("%s: the store %s is damaged (%s); restore a backup"),
		                context, s->path, sqlite3_errmsg(s->db));
	if (prim == SQLITE_READONLY || prim == SQLITE_CANTOPEN ||
	    (prim == SQLITE_IOERR && (sys == EACCES || sys == EPERM || sys == EROFS))) {
		store_dir(s, dir, sizeof(dir));
		if (!side_files_exist(s) && !dir_writable(s))
			return ird_fail(e, IRD_EFAIL, _("%s: the directory %s is not writable: SQLite must "
			                "create %s-wal and %s-shm beside the store (the store itself may "
			                "be writable)"), context, dir, s->path, s->path);
		if (prim == SQLITE_READONLY || sys == EROFS)
			return ird_fail(e, IRD_EFAIL, _("%s: the store %s is read-only"), context, s->path);
	}
	return ird_fail(e, IRD_EFAIL, "%s: %s", context, sqlite3_errmsg(s->db));
}

int
store_fail_step(ird_store *s, int rc, ird_err *e, const char *context)
{
	/* SQLite's own message would describe an earlier error, or none. */
	if (rc == SQLITE_NOMEM)
		return ird_fail(e, IRD_EFAIL, _("%s: out of memory"), context_text(context));
	return store_fail(s, e, context);
}

static int
exec_sql(ird_store *s, const char *sql, ird_err *e, const char *context)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, e, context);
	return IRD_OK;
}

static int
pragma_int(ird_store *s, const char *sql, int *out, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, e, N_("cannot read the store"));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, e, N_("cannot read the store"));
	return IRD_OK;
}

int
store_schema_version(ird_store *s)
{
	int v = -1;

	if (pragma_int(s, "PRAGMA user_version", &v, NULL) != IRD_OK)
		return -1;
	return v;
}

/* Decide what the file is: new (0 tables), ours at some version, or foreign. */
static int
identify(ird_store *s, int *version, ird_err *e)
{
	int app = 0, tables = 0;

	if (pragma_int(s, "PRAGMA application_id", &app, e) != IRD_OK ||
	    pragma_int(s, "PRAGMA user_version", version, e) != IRD_OK ||
	    pragma_int(s, "SELECT count(*) FROM sqlite_schema", &tables, e) != IRD_OK)
		return e ? e->code : IRD_EFAIL;
	if (app == 0 && *version == 0 && tables == 0)
		return IRD_OK;
	if (app != IRDESK_APPLICATION_ID)
		return ird_fail(e, IRD_EFAIL, _("%s is not an irdesk database (another program's SQLite file)"),
		                s->path);
	if (*version > store_schema_latest())
		return ird_fail(e, IRD_EFAIL, _("%s was written by a newer irdesk (schema %d; this irdesk "
		                "knows up to %d): upgrade irdesk; the file was not changed"),
		                s->path, *version, store_schema_latest());
	return IRD_OK;
}

/* Apply every migration newer than the file, in one transaction. */
static int
migrate(ird_store *s, ird_err *e)
{
	char sql[96];
	int version = 0;

	if (store_begin(s, e) != IRD_OK)
		return e ? e->code : IRD_EFAIL;
	/* Re-read under the write lock: another process may have migrated. */
	if (identify(s, &version, e) != IRD_OK)
		goto fail;
	for (unsigned i = 0; i < schema_migration_count; i++) {
		const struct schema_migration *m = &schema_migrations[i];

		if (m->version <= version)
			continue;
		if (sqlite3_exec(s->db, m->sql, NULL, NULL, NULL) != SQLITE_OK) {
			char ctx[128];

			snprintf(ctx, sizeof(ctx), _("migration %s failed"), m->name);
			store_fail(s, e, ctx);
			goto fail;
		}
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d",
		         m->version, IRDESK_APPLICATION_ID);
		if (exec_sql(s, sql, e, "cannot record the schema version") != IRD_OK)
			goto fail;
	}
	return store_commit(s, e);
fail:
	store_rollback(s);
	return e ? e->code : IRD_EFAIL;
}

static int
busy_ms_from_env(void)
{
	const char *v = getenv("IRDESK_BUSY_TIMEOUT_MS");
	char *end;
	long ms;

	if (!v || !*v)
		return DEFAULT_BUSY_MS;
	ms = strtol(v, &end, 10);
	if (*end || ms < 0 || ms > 600000)
		return DEFAULT_BUSY_MS;
	return (int)ms;
}

static int
configure_connection(ird_store *s, ird_err *e)
{
	char mode[16] = "";
	sqlite3_stmt *st;

	sqlite3_busy_timeout(s->db, s->busy_ms);
	sqlite3_extended_result_codes(s->db, 1);
	if (exec_sql(s, "PRAGMA foreign_keys = ON", e, "cannot configure the store") != IRD_OK)
		return e ? e->code : IRD_EFAIL;
	/* Switching to WAL writes the header: only after the file is known ours. */
	if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, e, N_("cannot enable WAL"));
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(mode, sizeof(mode), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (strcmp(mode, "wal") != 0)
		return store_fail(s, e, N_("cannot enable WAL"));
	/* FULL: each commit syncs the log, so an acknowledged write survives a
	 * power loss (NORMAL may lose the last ones); see make bench. */
	return store_set_synchronous(s, 1, e);
}

int
store_set_synchronous(ird_store *s, int full, ird_err *e)
{
	return exec_sql(s, full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL", e,
	                "cannot configure the store");
}

int
store_open(const char *path, ird_store **out, ird_err *e)
{
	ird_store *s;
	struct stat sb;
	int version = 0;

	*out = NULL;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return ird_fail(e, IRD_EFAIL, _("cannot open %s: %s"), path, strerror(errno));
		if (create_file(path, e) != IRD_OK)
			return e ? e->code : IRD_EFAIL;
	} else if (!S_ISREG(sb.st_mode)) {
		return ird_fail(e, IRD_EFAIL, _("%s is not a regular file"), path);
	}
	if (check_header(path, e) != IRD_OK)
		return e ? e->code : IRD_EFAIL;
	s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	s->busy_ms = busy_ms_from_env();
	/* NOMUTEX: a store is used by one thread; SQLite's locks cost time. */
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW |
	                    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		ird_fail(e, IRD_EFAIL, _("cannot open %s: %s"), path,
		         s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, s->busy_ms);
	if (identify(s, &version, e) != IRD_OK)
		goto fail;
	if (configure_connection(s, e) != IRD_OK)
		goto fail;
	if (version < store_schema_latest() && migrate(s, e) != IRD_OK)
		goto fail;
	*out = s;
	return IRD_OK;
fail:
	store_close(s);
	return e ? e->code : IRD_EFAIL;
}

void
store_close(ird_store *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	free(s->cache);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int
store_stmt(ird_store *s, const char *sql, sqlite3_stmt **st, ird_err *e)
{
	int hit = -1;

	/* Callers pass static text: the address finds it without reading it. */
	for (int i = 0; i < s->ncache && hit < 0; i++)
		if (s->cache[i].key == sql)
			hit = i;
	for (int i = 0; i < s->ncache && hit < 0; i++)
		if (strcmp(sqlite3_sql(s->cache[i].st), sql) == 0)
			hit = i;
	if (hit >= 0) {
		sqlite3_reset(s->cache[hit].st);
		sqlite3_clear_bindings(s->cache[hit].st);
		*st = s->cache[hit].st;
		return IRD_OK;
	}
	if (s->ncache == s->cache_cap) {
		int cap = s->cache_cap ? s->cache_cap * 2 : 64;
		struct stmt_slot *grown = realloc(s->cache, (size_t)cap * sizeof(*grown));

		if (!grown)
			return ird_fail(e, IRD_EFAIL, _("out of memory caching a prepared statement"));
		s->cache = grown;
		s->cache_cap = cap;
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return store_fail(s, e, N_("cannot prepare a query"));
	s->cache[s->ncache].key = sql;
	s->cache[s->ncache].st = *st;
	s->ncache++;
	return IRD_OK;
}

int
store_each(ird_store *s, const char *sql, int64_t id,
           int (*row)(void *arg, sqlite3_stmt *st), void *arg, const char *context,
           ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(s, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (row(arg, st) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	rc = rc == SQLITE_DONE ? IRD_OK : store_fail(s, e, context);
	sqlite3_reset(st);
	return rc;
}

static double
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Remember the -wal file this connection writes (it exists once a
 * transaction has begun); refuse to go on if it is no longer there. */
static int
wal_guard(ird_store *s, ird_err *e, const char *context)
{
	char wal[PATH_MAX];
	struct stat sb;

	context = context_text(context);
	if (wal_replaced(s))
		return ird_fail(e, IRD_EFAIL, _("%s: the store's log %s-wal was deleted or replaced "
		                "while this irdesk had the store open: writes made since are lost "
		                "(never delete the -wal or -shm files of an open store); run irdesk "
		                "check --head with a head kept elsewhere"), context, s->path);
	side_file(s, "-wal", wal, sizeof(wal));
	if (!s->wal_known && stat(wal, &sb) == 0) {
		s->wal_known = 1;
		s->wal_dev = sb.st_dev;
		s->wal_ino = sb.st_ino;
	}
	return IRD_OK;
}

int
store_begin(ird_store *s, ird_err *e)
{
	/* SQLite's own sleeps, then 50 ms steps: short waits stay short. */
	static const int delays_ms[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50 };
	double t0 = mono_ms(), left;
	int rc, tries = 0, gave_up = 0;

	/* One limit for the whole wait, kept here rather than in SQLite's busy
	 * handler, so that no retry can add to it: try BEGIN IMMEDIATE without
	 * waiting, sleep, try again, until the limit has passed. */
	sqlite3_busy_timeout(s->db, 0);
	for (;;) {
		int d = delays_ms[tries < 10 ? tries : 9];

		rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		tries++;
		if (rc == SQLITE_OK || (rc & 0xff) != SQLITE_BUSY)
			break;
		if ((left = s->busy_ms - (mono_ms() - t0)) <= 0)
			break;
		if (s->busy_wait) {
			/* The front-end waits (its screen alive) and may give up. */
			if (!s->busy_wait(s->busy_wait_arg, (int)(mono_ms() - t0))) {
				gave_up = 1;
				break;
			}
			continue;
		}
		usleep((useconds_t)((left < d ? left : d) * 1000));
	}
	sqlite3_busy_timeout(s->db, s->busy_ms);
	s->begin_tries = tries;
	if (rc == SQLITE_OK) {
		if ((rc = wal_guard(s, e, N_("cannot start a write"))) != IRD_OK)
			store_rollback(s);
		return rc;
	}
	if ((rc & 0xff) == SQLITE_BUSY && gave_up)
		return ird_fail(e, IRD_EBUSY, _("nothing written: gave up waiting for the store %s, "
		                "locked by another program (after %.1f s)"), s->path,
		                (mono_ms() - t0) / 1000);
	if ((rc & 0xff) == SQLITE_BUSY)
		return ird_fail(e, IRD_EBUSY, _("cannot start a write: the store %s is locked by another "
		                "program (waited %.1f s, the limit set by IRDESK_BUSY_TIMEOUT_MS); "
		                "try again"), s->path, (mono_ms() - t0) / 1000);
	return store_fail(s, e, N_("cannot start a write"));
}

void
store_set_busy_wait(ird_store *s, int (*wait)(void *arg, int waited_ms), void *arg)
{
	s->busy_wait = wait;
	s->busy_wait_arg = arg;
}

int
store_begin_tries(const ird_store *s)
{
	return s->begin_tries;
}

void
store_before_commit(ird_store *s, int (*fn)(ird_store *s, void *arg, ird_err *e), void *arg)
{
	s->before_commit = fn;
	s->before_commit_arg = arg;
}

int
store_begin_read(ird_store *s, ird_err *e)
{
	return exec_sql(s, "BEGIN", e, "cannot start a read");
}

int
store_commit(ird_store *s, ird_err *e)
{
	int (*fn)(ird_store *, void *, ird_err *) = s->before_commit;
	int rc;

	s->before_commit = NULL;
	if (fn && (rc = fn(s, s->before_commit_arg, e)) != IRD_OK) {
		store_rollback(s);
		return rc;
	}
	if ((rc = wal_guard(s, e, N_("cannot commit"))) != IRD_OK) {
		store_rollback(s);
		return rc;
	}
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rc = store_fail(s, e, N_("cannot commit"));
		store_rollback(s);
		return rc;
	}
	/* Deleted between the check and COMMIT: the write went nowhere. */
	return wal_guard(s, e, N_("the write may be lost"));
}

void
store_rollback(ird_store *s)
{
	s->before_commit = NULL;
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_exec_stmt(ird_store *s, sqlite3_stmt *st, ird_err *e, const char *context)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = store_fail(s, e, context);
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return IRD_OK;
}

int
store_changes(ird_store *s)
{
	return sqlite3_changes(s->db);
}

int64_t
store_last_rowid(ird_store *s)
{
	return sqlite3_last_insert_rowid(s->db);
}

int
store_data_version(ird_store *s, int64_t *version, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(s, "PRAGMA data_version", &st, e)) != IRD_OK)
		return rc;
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = store_fail(s, e, N_("cannot read the store's version"));
		sqlite3_reset(st);
		return rc;
	}
	*version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return IRD_OK;
}

void
store_set_busy_timeout(ird_store *s, int ms)
{
	s->busy_ms = ms;
	sqlite3_busy_timeout(s->db, ms);
}

int
store_set_cache_kb(ird_store *s, int kb, ird_err *e)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", kb > 0 ? kb : 2000);
	return exec_sql(s, sql, e, "cannot size the cache");
}

int
store_integrity(ird_store *s, ird_err *e)
{
	sqlite3_stmt *st;
	int rc, bad = 0;
	char first[256] = "";

	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, e, N_("integrity check"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);

		if (msg && strcmp(msg, "ok") != 0 && !bad++)
			snprintf(first, sizeof(first), "%s", msg);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, e, N_("integrity check"));
	if (bad)
		return ird_fail(e, IRD_EFAIL, _("SQLite integrity check failed (%d problems): %s"), bad, first);
	return IRD_OK;
}

int
store_backup(ird_store *s, const char *dest, ird_err *e)
{
	sqlite3 *out = NULL;
	sqlite3_backup *b;
	int rc, fd;

	fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return ird_fail(e, IRD_EFAIL, _("cannot create %s: %s"), dest,
		                errno == EEXIST ? _("it already exists") : strerror(errno));
	close(fd);
	if (sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		ird_fail(e, IRD_EFAIL, _("cannot open %s: %s"), dest,
		         out ? sqlite3_errmsg(out) : _("out of memory"));
		goto fail;
	}
	b = sqlite3_backup_init(out, "main", s->db, "main");
	if (!b) {
		ird_fail(e, IRD_EFAIL, _("backup failed: %s"), sqlite3_errmsg(out));
		goto fail;
	}
	/* Copy in slices so writers are held up for short moments only. */
	do {
		rc = sqlite3_backup_step(b, 1024);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(25);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		ird_fail(e, IRD_EFAIL, _("backup failed: %s"), sqlite3_errstr(rc));
		goto fail;
	}
	if (sqlite3_close(out) != SQLITE_OK)
		return ird_fail(e, IRD_EFAIL, _("backup failed while closing %s"), dest);
	return IRD_OK;
fail:
	sqlite3_close(out);
	unlink(dest);
	return e ? e->code : IRD_EFAIL;
}

int
store_bind_text(sqlite3_stmt *st, int idx, const char *text)
{
	if (!text)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, text, -1, SQLITE_TRANSIENT);
}

int
store_own_strings(const char **const fields[], size_t n)
{
	int oom = 0;

	for (size_t i = 0; i < n; i++)
		if (*fields[i] && !(*fields[i] = strdup(*fields[i])))
			oom = 1;
	return oom ? -1 : 0;
}

int
store_get(ird_store *s, const char *sql, int64_t id,
          void (*fill)(void *row, sqlite3_stmt *st), void *row,
          const char **const fields[], size_t n, const char *notfound, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(s, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		fill(row, st);
		rc = store_own_strings(fields, n) == 0 ? IRD_OK : ird_fail(e, IRD_EFAIL, _("out of memory"));
		if (rc != IRD_OK)
			store_free_strings(fields, n);
	} else {
		rc = rc == SQLITE_DONE ? ird_fail(e, IRD_ENOTFOUND, "%s", notfound)
		                       : store_fail(s, e, N_("cannot read the store"));
	}
	sqlite3_reset(st);
	return rc;
}

void
store_free_strings(const char **const fields[], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)*fields[i]);
		*fields[i] = NULL;
	}
}

char *
store_col_strdup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t ? strdup((const char *)t) : NULL;
}

int
store_query_text(ird_store *s, const char *sql, int64_t id, char **out, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (store_stmt(s, sql, &st, e))
		return e ? e->code : IRD_EFAIL;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
	    !(*out = store_col_strdup(st, 0)))
		rc = SQLITE_NOMEM;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		rc = store_fail_step(s, rc, e, N_("cannot read the store"));
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return IRD_OK;
}

int
store_query_json_array(ird_store *s, const char *sql, int64_t id, char **out, ird_err *e)
{
	int rc = store_query_text(s, sql, id, out, e);

	if (rc == IRD_OK && !*out && !(*out = strdup("[]")))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	return rc;
}

int
store_query_int(ird_store *s, const char *sql, int64_t id, int64_t *out,
                const char *notfound, const char *context, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(s, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW)
		rc = IRD_OK;
	else if (rc == SQLITE_DONE)
		rc = ird_fail(e, IRD_ENOTFOUND, "%s", context_text(notfound));
	else
		rc = store_fail(s, e, context);
	sqlite3_reset(st);
	return rc;
}

int
store_json_set(ird_store *s, const char *obj, const char *key, const char *value,
               char **out, ird_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (store_stmt(s, "SELECT json_set(?1, '$.' || ?2, json(?3))", &st, e))
		return e ? e->code : IRD_EFAIL;
	store_bind_text(st, 1, obj);
	store_bind_text(st, 2, key);
	store_bind_text(st, 3, value);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && !(*out = store_col_strdup(st, 0)))
		rc = SQLITE_NOMEM;
	if (rc != SQLITE_ROW) {
		rc = store_fail_step(s, rc, e, N_("cannot build JSON"));
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return IRD_OK;
}
