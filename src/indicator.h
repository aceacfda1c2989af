/* indicator.h - indicators of compromise, stored raw and normalised, merged
 * when seen again. Owns the indicators table. A sender indicator fires
 * sender-indicator (block the sender); a C&C one fires c2-indicator (block
 * the registrable domain); a sender seen again after its block fires
 * repeat-sender; one marked --exfil fires exfiltration. */
#ifndef IRDESK_INDICATOR_H
#define IRDESK_INDICATOR_H

#include <stdint.h>

#include "audit.h"
#include "ctx.h"
#include "ioc_normalize.h"

extern const audit_table indicator_audit;

typedef struct indicator_spec {
	const char *type;  /* email, url, domain, ip, sha256, sha1, md5, subject, filename */
	const char *value; /* raw, possibly defanged */
	const char *role;  /* sender, c2, download, other; NULL: from the type */
	const char *note;
	int exfil;
} indicator_spec;

/* Add (or merge) an indicator; *ID gets its row, *MERGED 1 if it was known. */
int indicator_add(ird_ctx *c, const ioc_normalizer *n, int64_t case_id,
                  const indicator_spec *spec, int64_t *id, int *merged, ird_err *e);

/* Find an indicator of the case by raw value, normal form or #id. */
int indicator_find(ird_ctx *c, const ioc_normalizer *n, int64_t case_id, const char *ref,
                   int64_t *id, ird_err *e);

/* Indicators of a case as a JSON array (malloc'd). */
int indicator_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

/* Every case's indicators matching VALUE by normal form or registrable
 * domain, as a JSON array (malloc'd). */
int indicator_find_json(ird_ctx *c, const ioc_normalizer *n, const char *value, char **json,
                        ird_err *e);

#endif
