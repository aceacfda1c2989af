/* evidence.h - forensic images, memory dumps, logs: SHA-256, location and
 * the chain of custody. Owns the evidence and custody tables.
 *
 * Evidence is numbered E1, E2... within its case. The first custody record
 * says who collected it (from_holder NULL); every hand-over appends one
 * from the current holder. Files are hashed before the transaction opens,
 * so a multi-gigabyte image never holds the store's write lock. */
#ifndef IRDESK_EVIDENCE_H
#define IRDESK_EVIDENCE_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"
#include "base/digest.h"

extern const audit_table evidence_audit;
extern const audit_table custody_audit;

typedef struct evidence_spec {
	const char *asset_host; /* the asset it was taken from (must exist in the case);
	                           required for disk-image and memory, else may be NULL */
	const char *kind;       /* disk-image, memory, logs, mail, other */
	const char *file;       /* hash this file (streamed), or */
	const char *sha256;     /* this hex digest */
	const char *location;
	int exfil;              /* shows exfiltration (e.g. HTTP POST in the logs) */
} evidence_spec;

typedef struct evidence_row {
	int64_t id, num, size, added_at; /* size -1: unknown (given as a digest) */
	const char *asset, *kind, *sha256, *location, *holder, *added_by; /* asset, location
	                                                                     may be NULL */
	int exfil;
} evidence_row;

typedef struct custody_row {
	int64_t at;
	const char *from, *to, *by, *note; /* from NULL: collected; note may be NULL */
} custody_row;

/* Value checks: IRD_OK, or IRD_EUSAGE naming the valid values / the problem. */
int evidence_check_kind(const char *kind, ird_err *e);
int evidence_check_spec(const evidence_spec *spec, ird_err *e);

/* Parse "E3", "e3" or "3" into *NUM (IRD_EUSAGE otherwise). */
int evidence_parse_ref(const char *ref, int64_t *num, ird_err *e);

/* SHA-256 (lower-case hex) and size in bytes of a file or device, read in
 * 1 MiB blocks: memory stays flat whatever the size. */
int evidence_hash_file(const char *path, char hex[DIGEST_HEX_LEN], int64_t *size, ird_err *e);

/* N bytes for people: "17 bytes", "12.0 KiB", "4.0 GiB". */
void evidence_format_size(int64_t n, char *buf, size_t len);

/* What an addition has worked out before its transaction: the digest
 * (hashed from the file, which may take minutes) and the location. */
typedef struct evidence_new {
	const evidence_spec *spec;
	char sha256[DIGEST_HEX_LEN];
	int64_t size;         /* -1: not hashed here */
	const char *location; /* spec's, or the file's full path */
	char *path;           /* owned: the resolved file path */
} evidence_new;

/* Check SPEC and hash its file (or take its digest) into *NI, before any
 * write. Free with evidence_new_free. */
int evidence_prepare(const evidence_spec *spec, evidence_new *ni, ird_err *e);
void evidence_new_free(evidence_new *ni);

/* Record prepared evidence NI taken from asset ASSET_ID (0: none; HOST
 * its name for the timeline) with its first custody record, inside the
 * caller's transaction. *NUM gets its number in the case (E1, E2, ...);
 * *EXFIL 1 when it shows exfiltration (the action fires exfiltration). */
int evidence_add_tx(ird_ctx *c, int64_t case_id, const evidence_new *ni, int64_t asset_id,
                    const char *host, int64_t *num, int *exfil, ird_err *e);

/* Hand evidence NUM over to TO (a clean name, see asset_name_clean) with
 * NOTE (may be NULL), inside the caller's transaction. */
int evidence_transfer_tx(ird_ctx *c, int64_t case_id, int64_t num, const char *to,
                         const char *note, ird_err *e);

/* IRD_OK when the case has evidence NUM (IRD_ENOTFOUND naming it if not). */
int evidence_exists(ird_ctx *c, int64_t case_id, int64_t num, ird_err *e);

/* Compare HEX, the SHA-256 of FILE hashed by the caller, with evidence
 * NUM's: *MATCH 1 or 0. The check is recorded on the timeline. Inside the
 * caller's transaction. */
int evidence_verify_tx(ird_ctx *c, int64_t case_id, int64_t num, const char *file,
                       const char *hex, int *match, ird_err *e);

/* 1 in *YES when a disk image with a SHA-256 exists for the asset. */
int evidence_has_disk_image(ird_ctx *c, int64_t asset_id, int *yes, ird_err *e);

/* Evidence of a case with its custody chain, as a JSON array (malloc'd). */
int evidence_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

/* Call FN for each item of the case, E1 first; FN returns 0 to go on. */
int evidence_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const evidence_row *ev),
                  void *arg, ird_err *e);

/* Call FN for each custody record of evidence EVIDENCE_ID (its row id),
 * oldest first; FN returns 0 to go on. */
int evidence_custody_each(ird_ctx *c, int64_t evidence_id,
                          int (*fn)(void *arg, const custody_row *r), void *arg, ird_err *e);

#endif
