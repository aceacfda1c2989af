/* store.h - the SQLite case store: open, migrate, transactions, statements.
 * Only this module touches the sqlite3 handle; others ask it for prepared
 * statements, which it caches for the life of the store. */
#ifndef IRDESK_STORE_H
#define IRDESK_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "base/err.h"

typedef struct ird_store ird_store;

/* Resolve the store path: EXPLICIT, else $IRDESK_DB, else
 * $XDG_DATA_HOME/irdesk/irdesk.db (~/.local/share/...). Returns malloc'd. */
char *store_default_path(const char *explicit_path, ird_err *e);

/* Open (creating 0600 in a 0700 directory if missing) and migrate the store.
 * A file that is not an irdesk database, is damaged, read-only or from a
 * newer irdesk is refused and left untouched. */
int store_open(const char *path, ird_store **out, ird_err *e);
void store_close(ird_store *s);

/* Schema version this program writes, and the one found in the file. */
int store_schema_latest(void);
int store_schema_version(ird_store *s);
/* The file the store was opened from (escalate.c names STORE.claims by it). */
const char *store_path(const ird_store *s);

/* Cached prepared statement for SQL, which must be static text (a string
 * literal): the cache keys on its address. Reset and unbound. */
int store_stmt(ird_store *s, const char *sql, sqlite3_stmt **st, ird_err *e);

/* Run SQL (static text) with ?1 bound to ID and call ROW for each row
 * until it returns non-zero; CONTEXT names the listing in errors. */
int store_each(ird_store *s, const char *sql, int64_t id,
               int (*row)(void *arg, sqlite3_stmt *st), void *arg, const char *context,
               ird_err *e);

/* BEGIN IMMEDIATE, waiting for the write lock up to the busy limit
 * ($IRDESK_BUSY_TIMEOUT_MS, default 15000) in all: one limit, however many
 * tries; COMMIT; ROLLBACK. A write refuses to start when the store's -wal
 * file was deleted or replaced under this open store. */
int store_begin(ird_store *s, ird_err *e);
/* While store_begin waits for the write lock, call WAIT(ARG, WAITED_MS)
 * between tries instead of sleeping: it waits a little itself (a front-end
 * keeps its screen alive meanwhile) and returns 1 to go on waiting (up to
 * the busy limit), 0 to give up now. WAIT must not write to S. NULL: sleep. */
void store_set_busy_wait(ird_store *s, int (*wait)(void *arg, int waited_ms), void *arg);
/* How many times the last store_begin tried BEGIN IMMEDIATE (tests). */
int store_begin_tries(const ird_store *s);
int store_commit(ird_store *s, ird_err *e);
/* BEGIN (deferred): one consistent snapshot for a multi-query read. */
int store_begin_read(ird_store *s, ird_err *e);
void store_rollback(ird_store *s);

/* Run FN(S, ARG, E) once in the next store_commit, just before COMMIT (the
 * audit signs its head there); a failure rolls the transaction back.
 * Cleared by commit and rollback. */
void store_before_commit(ird_store *s, int (*fn)(ird_store *s, void *arg, ird_err *e),
                         void *arg);

/* Durability: FULL (the default: every acknowledged commit survives a power
 * loss) or NORMAL (the last commits may be lost; for the benchmark). */
int store_set_synchronous(ird_store *s, int full, ird_err *e);

/* Turn the last SQLite error into E with CONTEXT; returns IRD_EFAIL/EBUSY. */
int store_fail(ird_store *s, ird_err *e, const char *context);

/* The same for the result RC of a step, which the caller sets to
 * SQLITE_NOMEM when copying a column failed: then "out of memory". */
int store_fail_step(ird_store *s, int rc, ird_err *e, const char *context);

/* Step a statement expecting SQLITE_DONE. */
int store_exec_stmt(ird_store *s, sqlite3_stmt *st, ird_err *e, const char *context);

/* Rows changed by the last statement (0 after an INSERT ... DO NOTHING). */
int store_changes(ird_store *s);

/* Row id of the last insert. */
int64_t store_last_rowid(ird_store *s);

/* PRAGMA data_version: a number that changes when another connection
 * (another process) commits to the store; not for this one's commits. */
int store_data_version(ird_store *s, int64_t *version, ird_err *e);

/* Wait at most MS milliseconds for another writer's lock (the terminal UI
 * uses a short wait so a busy store never freezes its screen). */
void store_set_busy_timeout(ird_store *s, int ms);

/* Let SQLite cache up to KB kibibytes of the file (a long-running
 * front-end re-reads the same pages on every refresh). */
int store_set_cache_kb(ird_store *s, int kb, ird_err *e);

/* Run SQLite's integrity check; IRD_OK when it reports "ok". */
int store_integrity(ird_store *s, ird_err *e);

/* Online backup to DEST (created 0600), safe while others write. */
int store_backup(ird_store *s, const char *dest, ird_err *e);

/* Bind helpers: NULL text binds SQL NULL. */
int store_bind_text(sqlite3_stmt *st, int idx, const char *text);

/* Make each of the N strings at FIELDS (pointing into a statement's row)
 * an owned copy; NULLs stay NULL. -1 if out of memory, every field then
 * owned or NULL, so store_free_strings can always follow. */
int store_own_strings(const char **const fields[], size_t n);

/* Read the one row SQL (static, ?1 = ID) gives: FILL copies it into ROW,
 * whose N strings at FIELDS are then made ROW's own. IRD_ENOTFOUND saying
 * NOTFOUND if there is none; on any failure no string is left owned. */
int store_get(ird_store *s, const char *sql, int64_t id,
              void (*fill)(void *row, sqlite3_stmt *st), void *row,
              const char **const fields[], size_t n, const char *notfound, ird_err *e);

/* Free the N owned strings at FIELDS and set them to NULL. */
void store_free_strings(const char **const fields[], size_t n);

/* Column text as a malloc'd copy (NULL for SQL NULL). */
char *store_col_strdup(sqlite3_stmt *st, int col);

/* Run SQL (constant) with ?1 bound to ID; *OUT gets the first column of
 * the first row, malloc'd (NULL if no row). For JSON built by SQLite. */
int store_query_text(ird_store *s, const char *sql, int64_t id, char **out, ird_err *e);

/* The same for an aggregate that yields a JSON array: "[]" when empty. */
int store_query_json_array(ird_store *s, const char *sql, int64_t id, char **out, ird_err *e);

/* Run SQL (static) with ?1 bound to ID; *OUT gets the first column of the
 * first row as an integer. IRD_ENOTFOUND (saying NOTFOUND) if there is
 * no row; CONTEXT names the query in other errors. */
int store_query_int(ird_store *s, const char *sql, int64_t id, int64_t *out,
                    const char *notfound, const char *context, ird_err *e);

/* Set KEY (constant) of the JSON object OBJ to the JSON value VALUE. */
int store_json_set(ird_store *s, const char *obj, const char *key, const char *value,
                   char **out, ird_err *e);

#endif
