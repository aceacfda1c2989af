/* audit.h - the append-only, hash-chained record of every change.
 * Each module that owns a table describes it with an audit_table: the JSON
 * of one row is what the audit record stores, and what `check` compares the
 * live row against. */
#ifndef IRDESK_AUDIT_H
#define IRDESK_AUDIT_H

#include <stdint.h>

#include "store/ctx.h"

typedef struct audit_table {
	const char *name;    /* table name, as recorded in the audit row */
	const char *row_sql; /* SELECT <json> FROM t WHERE id = ?1 */
	const char *all_sql; /* SELECT id, <json> FROM t ORDER BY id */
} audit_table;

/* Append a record for row ROWID of T as it now is (inside a transaction). */
int audit_record(ird_ctx *c, const char *action, const audit_table *t, int64_t rowid, ird_err *e);

/* Called once per problem found by audit_verify. */
typedef void (*audit_problem_fn)(void *arg, const char *problem);

/* Verify the chain and that every live row of TABLES matches its last
 * audit record. *RECORDS gets the number of audit records checked;
 * *PROBLEMS the number reported. IRD_OK only if none. */
int audit_verify(ird_ctx *c, const audit_table *const *tables, unsigned ntables,
                 audit_problem_fn report, void *arg, int64_t *records, int64_t *problems,
                 ird_err *e);

#endif
