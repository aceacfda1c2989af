/* decision.h - decisions taken in a case (full Internet disconnection...):
 * the choice, the rationale, who, when, and for disconnection every
 * external path and which stay open. Owns the decisions table. */
#ifndef IRDESK_DECISION_H
#define IRDESK_DECISION_H

#include <stdint.h>

#include "audit.h"
#include "ctx.h"

extern const audit_table decision_audit;

typedef struct decision_spec {
	const char *question;  /* full-disconnect */
	const char *choice;    /* disconnect, partial, defer */
	const char *rationale; /* required */
	const char *paths;     /* "proxy,mail,vpn": the paths cut; NULL for the known list */
} decision_spec;

/* Record a decision. */
int decision_record(ird_ctx *c, int64_t case_id, const decision_spec *spec, int64_t *id,
                    ird_err *e);

/* 1 in *YES when a decision on QUESTION exists for the case. */
int decision_exists(ird_ctx *c, int64_t case_id, const char *question, int *yes, ird_err *e);

/* Decisions of a case as a JSON array (malloc'd). */
int decision_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

#endif
