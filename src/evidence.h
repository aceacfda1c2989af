/* evidence.h - forensic images, memory dumps, logs: SHA-256, location and
 * the chain of custody. Owns the evidence and custody tables. */
#ifndef IRDESK_EVIDENCE_H
#define IRDESK_EVIDENCE_H

#include <stdint.h>

#include "audit.h"
#include "ctx.h"

extern const audit_table evidence_audit;
extern const audit_table custody_audit;

typedef struct evidence_spec {
	const char *asset_host; /* the asset it was taken from (must exist in the case) */
	const char *kind;       /* disk-image, memory, logs, mail, other */
	const char *file;       /* hash this file (streamed), or */
	const char *sha256;     /* this hex digest */
	const char *location;
	int exfil;              /* shows exfiltration (e.g. HTTP POST in the logs) */
} evidence_spec;

/* Record evidence; *NUM gets its number in the case (E1, E2, ...). */
int evidence_add(ird_ctx *c, int64_t case_id, const evidence_spec *spec, int64_t *num,
                 ird_err *e);

/* Hand evidence NUM (the "E3" or "3" of the CLI) over to TO. */
int evidence_transfer(ird_ctx *c, int64_t case_id, const char *ref, const char *to,
                      const char *note, ird_err *e);

/* Re-hash FILE and compare: *MATCH 1 or 0. The check is recorded. */
int evidence_verify(ird_ctx *c, int64_t case_id, const char *ref, const char *file, int *match,
                    ird_err *e);

/* 1 in *YES when a disk image with a SHA-256 exists for the asset. */
int evidence_has_disk_image(ird_ctx *c, int64_t asset_id, int *yes, ird_err *e);

/* Evidence of a case with its custody chain, as a JSON array (malloc'd). */
int evidence_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

#endif
