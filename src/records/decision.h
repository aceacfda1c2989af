/* decision.h - decisions taken in a case (full Internet disconnection...):
 * the choice, the rationale, who, when, and for disconnection every
 * external path and which stay open. Owns the decisions table. */
#ifndef IRDESK_DECISION_H
#define IRDESK_DECISION_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"

extern const audit_table decision_audit;

#define DECISION_TEXT_MAX 4000 /* bytes in a rationale */

typedef struct decision_spec {
	const char *question;    /* full-disconnect */
	const char *choice;      /* disconnect, partial, defer */
	const char *rationale;   /* required, not blank */
	const char *paths;       /* "proxy,vpn": the paths cut. NULL: every known path for
	                            disconnect; required for partial; refused for defer */
	const char *known_paths; /* the organisation's external paths (config key
	                            external-paths); NULL: CONFIG_DEFAULT_EXTERNAL_PATHS */
} decision_spec;

typedef struct decision_row {
	int64_t id, case_id, decided_at;
	const char *question, *choice, *rationale, *decided_by;
	const char *paths, *open_paths; /* JSON arrays */
} decision_row;

/* Check SPEC and work out which paths it cuts and which stay open (every
 * known path not cut): normalised comma lists, malloc'd, "" when none.
 * IRD_EUSAGE naming the valid values when SPEC is invalid. Pure. */
int decision_plan(const decision_spec *spec, char **cut, char **open, ird_err *e);

/* Record a decision inside the caller's transaction (the case must
 * exist): the row, its audit record and a timeline event that names the
 * paths still open. */
int decision_record_tx(ird_ctx *c, int64_t case_id, const decision_spec *spec, int64_t *id,
                       ird_err *e);

/* The step requirement (irdesk-playbook(5)) that a decision on QUESTION
 * meets, e.g. "decision-full-disconnect"; NULL for an unknown question. */
const char *decision_requirement(const char *question);

/* 1 in *YES when a decision on QUESTION exists for the case. */
int decision_exists(ird_ctx *c, int64_t case_id, const char *question, int *yes, ird_err *e);

/* Decisions of a case, oldest first, as a JSON array (malloc'd). */
int decision_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

/* Call FN for each decision of the case, oldest first; FN returns 0 to
 * go on. */
int decision_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const decision_row *d),
                  void *arg, ird_err *e);

#endif
