/* tables.h - every audited table, and `irdesk check` over them. A module
 * that adds a table adds its audit_table here. */
#ifndef IRDESK_TABLES_H
#define IRDESK_TABLES_H

#include "store/audit.h"

extern const audit_table *const audited_tables[];
extern const unsigned audited_table_count;

/* Verify the store: SQLite's integrity check, then the audit chain and
 * every audited row against its audit record, in one read snapshot
 * (writers may go on), with what TRUST (NULL: nothing) anchors and allows
 * (see audit_verify_trusted). PROBLEM (may be NULL) is called for each
 * problem found; *RECORDS gets how many audit records were verified,
 * *PROBLEMS how many problems. */
int tables_check(ird_ctx *c, const audit_trust *trust, audit_problem_fn problem, void *arg,
                 int64_t *records, int64_t *problems, ird_err *e);

#endif
