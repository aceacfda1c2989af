/* stix.h - a case's indicators as a STIX 2.1 bundle, and as a MISP event
 * (misp.c): what `irdesk export ID --format stix|misp` writes. */
#ifndef IRDESK_STIX_H
#define IRDESK_STIX_H

#include <stdint.h>

#include "base/share.h"
#include "records/case.h"
#include "records/indicator.h"
#include "store/ctx.h"

/* The STIX 2.1 bundle of case CASE_ID (malloc'd JSON): an identity for ORG,
 * the case's TLP as the standard marking-definition objects (AMBER+STRICT:
 * TLP:AMBER and a statement marking), an indicator per indicator (pattern,
 * valid_from = first seen, indicator_types malicious-activity for the
 * sender, c2 and download roles, unknown for other; the role as the label
 * irdesk-role:ROLE, the note as description), a sighting of each by ORG
 * (first/last seen, count), a related-to relationship from each hash of
 * an attachment to its file name, and a report for the case. Every id is a
 * UUIDv5 of what the object is (the case, the type and normal form...): the
 * same indicator has the same id in every export. Times RFC 3339 UTC. A
 * TLP:RED case needs FORCE (IRD_EUSAGE saying why otherwise). */
int export_stix(ird_ctx *c, int64_t case_id, const char *org, int force, char **json,
                ird_err *e);

/* The MISP event (MISP core format, {"Event": {...}}) of case CASE_ID:
 * info, date, Orgc ORG, the TLP as a tag, an Attribute per indicator typed
 * as MISP types it (email-src, email-subject, url, domain, ip-src for the
 * first hop / ip-dst, sha256/sha1/md5, filename, and filename|sha256...
 * when a hash and a file name come from the same attachment), to_ids true
 * except for subjects, file names alone and role other. UUIDv5 ids. A
 * TLP:RED case needs FORCE. */
int export_misp(ird_ctx *c, int64_t case_id, const char *org, int force, char **json,
                ird_err *e);

/* ---- shared by the two exporters ---- */

/* A case and copies of its indicators, read in one snapshot. */
typedef struct stix_rows {
	case_row kase;
	indicator_row *rows;
	size_t n;
	int64_t latest; /* the last time anything was seen (or the opening) */
	int oom;
} stix_rows;

/* Read the case and its indicators (refusing TLP:RED without FORCE). */
int stix_collect(ird_ctx *c, int64_t case_id, int force, stix_rows *rows, ird_err *e);
void stix_rows_free(stix_rows *rows);

/* Run constant SQL binding N texts then NINTS integers; *OUT gets the text
 * of the first column (malloc'd). */
int stix_sql_text(ird_ctx *c, const char *sql, const char *const *texts, int n,
                  const int64_t *ints, int nints, char **out, ird_err *e);

/* Append the JSON value OBJ / the text S (as a string) to the JSON array *ARR. */
int stix_append(ird_ctx *c, char **arr, const char *obj, ird_err *e);
int stix_append_text(ird_ctx *c, char **arr, const char *s, ird_err *e);

/* 1 for sha256, sha1 and md5. */
int stix_is_hash(const char *type);

/* The file name indicator recorded from the same attachment as hash R
 * (mail add's notes say "attachment NAME" on both), among ROWS; or NULL. */
const indicator_row *stix_attachment_name(const stix_rows *rows, const indicator_row *r);

/* The STIX id of indicator TYPE NORMAL of the case whose UUID is CASE_UUID. */
void stix_indicator_id(const char *case_uuid, const char *type, const char *normal,
                       char out[SHARE_ID_LEN]);

#endif
