/* step.h - the steps of a case's playbook: made when their trigger
 * happens, then assigned, started, done (only when the record they need
 * exists) or skipped with a reason. Owns the steps table. */
#ifndef IRDESK_STEP_H
#define IRDESK_STEP_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"
#include "base/playbook.h"
#include "engine/trigger.h"

extern const audit_table step_audit;

typedef struct step_row {
	int64_t id, case_id, num, subject_id, created_at, due_at, started_at, finished_at;
	const char *key, *title, *phase, *requires, *subject_kind, *subject, *state, *assignee,
		*note;
} step_row;

/* Make the playbook step S for SUBJ (NULL: the case), due at DUE_AT (0:
 * no deadline), with its deadline timer; nothing if it exists. Inside
 * the caller's transaction. *CREATED says whether it was made. */
int step_create_tx(ird_ctx *c, int64_t case_id, const pb_step *s, const trigger_subject *subj,
                   int64_t due_at, int64_t *id, int *created, ird_err *e);

/* Find a step of the case: "3" or "#3" (its number), or its key
 * ("isolate"), or key/subject ("isolate/PC-0427") when unique. */
int step_find(ird_ctx *c, int64_t case_id, const char *ref, int64_t *id, ird_err *e);

/* Read a step; the strings are copies, freed by step_row_free. */
int step_get(ird_ctx *c, int64_t id, step_row *row, ird_err *e);
void step_row_free(step_row *row);

/* pending -> doing. */
int step_start(ird_ctx *c, int64_t case_id, const char *ref, ird_err *e);

/* -> done, only when the record it requires exists (the refusal says what
 * is missing); satisfies its deadline timer. */
int step_done(ird_ctx *c, int64_t case_id, const char *ref, const char *note, ird_err *e);

/* The same inside the caller's transaction, for a module whose record
 * finishes the step in the same write (a decision). */
int step_done_tx(ird_ctx *c, int64_t case_id, const char *ref, const char *note, ird_err *e);

/* -> skipped, with a reason (required); satisfies its deadline timer. */
int step_skip(ird_ctx *c, int64_t case_id, const char *ref, const char *reason, ird_err *e);

/* Assign to NAME. */
int step_assign(ird_ctx *c, int64_t case_id, const char *ref, const char *name, ird_err *e);

/* Call FN for each step of the case in order of number. */
int step_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const step_row *s), void *arg,
              ird_err *e);

/* The steps as a JSON array (malloc'd). */
int step_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

/* Whether the record step ROW requires exists; if not, WHY says what is
 * missing. Implemented in step_require.c over the owning modules. */
int step_requirement_met(ird_ctx *c, const step_row *row, int *met, char *why, size_t len,
                         ird_err *e);

#endif
