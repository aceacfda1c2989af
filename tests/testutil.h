/* testutil.h - fresh stores in fresh temporary directories for the tests. */
#ifndef IRDESK_TESTUTIL_H
#define IRDESK_TESTUTIL_H

#include <stdint.h>

#include "store/ctx.h"
#include "base/playbook.h"

typedef struct test_env {
	char dir[256];   /* a new private temporary directory */
	char db[300];    /* DIR/irdesk.db */
	char key[300];   /* DIR/audit-key.pem, the audit signing key ($IRDESK_AUDIT_KEY) */
	ird_ctx ctx;     /* store open on DB, actor "tester", clock fixed */
} test_env;

/* Make a temp dir and open a new store there with the clock fixed at NOW. */
test_env *test_env_new(int64_t now);

/* Close the store and remove the directory. */
void test_env_free(test_env *t);

/* Run SQL directly on the file, behind irdesk's back (tamper tests). */
int test_sql(const char *db, const char *sql);

/* Remove a directory tree made by a test. */
void test_rmtree(const char *dir);

/* Load playbooks/NAME.playbook from $IRDESK_SRCDIR (else the source tree
 * built from); NULL, the reason on stderr, if it cannot. */
playbook *test_playbook(const char *name);

/* Open a case TITLE of SEVERITY under PB (NULL: none) with casework_open;
 * the running test fails if it cannot. Returns the case's row id. */
int64_t test_open_case(test_env *t, const char *title, const char *severity,
                       const playbook *pb);

/* A case TITLE with no playbook, opened at OPENED
 * (0: now); the running test fails if it cannot. Returns its row id. */
int64_t test_new_case(test_env *t, const char *title, int64_t opened);

/* One integer from constant SQL with ?1 bound to ARG (SQL may ignore it);
 * the running test fails unless the statement gives a row. */
int64_t test_scalar(test_env *t, const char *sql, int64_t arg);

/* The same, with ?2 bound to TEXT (NULL: SQL NULL) too. */
int64_t test_scalar_text(test_env *t, const char *sql, int64_t arg, const char *text);

/* A fresh store and a playbook kept loaded: a cmocka fixture's state. */
typedef struct test_pb_env {
	test_env *t;
	playbook *pb;
} test_pb_env;

/* A store at NOW and test_playbook(NAME); NULL if either cannot be made. */
test_pb_env *test_pb_env_new(int64_t now, const char *name);

/* Free the playbook, then the store and its directory (test_env_free). */
void test_pb_env_free(test_pb_env *f);

/* A store at NOW with one case TITLE of SEVERITY opened under NAME (the case
 * keeps its copy); *CASE_ID gets it. NULL if the store or playbook fails. */
test_env *test_env_with_case(int64_t now, const char *name, const char *title,
                             const char *severity, int64_t *case_id);

/* What test_collect_problem gathers: how many problems, and the last. */
typedef struct test_found {
	int n;
	char last[512];
} test_found;

/* An audit_verify problem callback: counts into ARG, a test_found. */
void test_collect_problem(void *arg, const char *problem);

/* 2015-05-08T10:30:00Z: the morning the 2015 case was opened. */
#define TEST_MAY_8_2015 1431081000

/* cmocka setup/teardown: *STATE is a test_pb_env at TEST_MAY_8_2015 with
 * the targeted-email playbook loaded. */
int test_pb_setup(void **state);
int test_pb_teardown(void **state);

/* Lines of text collected from a listing. */
typedef struct test_lines {
	char text[4096];
} test_lines;

/* Append the case's timeline to OUT as "kind text" lines, oldest first;
 * with BASE not 0 each line starts with happened_at - BASE. The running
 * test fails if the timeline cannot be read. */
void test_timeline_text(test_env *t, int64_t case_id, int64_t base, test_lines *out);

#endif
