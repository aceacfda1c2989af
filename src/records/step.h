/* step.h - the steps of a case's playbook: made when their trigger
 * happens, then assigned, started, done or skipped with a reason. Owns
 * the steps table. Whether the record a step needs exists, its deadline
 * timer and "done at once" are the engine's (engine/step_flow.h). */
#ifndef IRDESK_STEP_H
#define IRDESK_STEP_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"
#include "base/playbook.h"

extern const audit_table step_audit;

/* What a step is about: an asset, an indicator, or the case. */
typedef struct step_subject {
	const char *kind;  /* "asset", "indicator", or "" for the whole case */
	int64_t id;        /* the asset's or indicator's row id; 0 for the case */
	const char *label; /* shown in step titles: "PC-0427", "evil.example.co.jp" */
} step_subject;

/* What can happen to a step. */
enum step_change { STEP_CH_START, STEP_CH_DONE, STEP_CH_SKIP, STEP_CH_ASSIGN };

typedef struct step_row {
	int64_t id, case_id, num, subject_id, created_at, due_at, started_at, finished_at;
	const char *key, *title, *phase, *requires, *subject_kind, *subject, *state, *assignee,
		*note;
} step_row;

/* Make the playbook step S for SUBJ (NULL: the case), due at DUE_AT (0:
 * no deadline), with its timeline line; nothing if it exists. Inside
 * the caller's transaction. *CREATED says whether it was made. */
int step_create_tx(ird_ctx *c, int64_t case_id, const pb_step *s, const step_subject *subj,
                   int64_t due_at, int64_t *id, int *created, ird_err *e);

/* Find a step of the case: "3" or "#3" (its number), or its key
 * ("isolate"), or key/subject ("isolate/PC-0427") when unique. */
int step_find(ird_ctx *c, int64_t case_id, const char *ref, int64_t *id, ird_err *e);

/* Read a step; the strings are copies, freed by step_row_free. */
int step_get(ird_ctx *c, int64_t id, step_row *row, ird_err *e);
void step_row_free(step_row *row);

/* IRD_EUSAGE when CH needs a text and TEXT is blank (a skip's reason,
 * an assignee). Pure. */
int step_check_text(enum step_change ch, const char *text, ird_err *e);

/* Whether CH may happen to step R in its state; why not in E. */
int step_check_change(const step_row *r, enum step_change ch, ird_err *e);

/* Apply CH to step R (start: pending -> doing, assignee the actor unless
 * set; done/skip with TEXT as the note; assign to TEXT), with its audit
 * record and timeline line. Inside the caller's transaction. */
int step_change_tx(ird_ctx *c, const step_row *r, enum step_change ch, const char *text,
                   ird_err *e);

/* "started", "done", "skipped", "assigned to". */
const char *step_change_verb(enum step_change ch);

/* Call FN for each step of the case in order of number. */
int step_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const step_row *s), void *arg,
              ird_err *e);

/* The steps as a JSON array (malloc'd). */
int step_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

#endif
