/* testutil.h - fresh stores in fresh temporary directories for the tests. */
#ifndef IRDESK_TESTUTIL_H
#define IRDESK_TESTUTIL_H

#include <stdint.h>

#include "ctx.h"

typedef struct test_env {
	char dir[256];   /* a new private temporary directory */
	char db[300];    /* DIR/irdesk.db */
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

#endif
