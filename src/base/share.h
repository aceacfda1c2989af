/* share.h - what sharing indicators needs without a database: deterministic
 * STIX ids (UUIDv5), TLP as STIX marking definitions and MISP tags, STIX
 * patterns written for an indicator and read back into indicators. */
#ifndef IRDESK_SHARE_H
#define IRDESK_SHARE_H

#include <stddef.h>

#include "base/err.h"

#define SHARE_ID_LEN 96 /* "marking-definition--" + 36 + NUL, with room */

/* The namespace of irdesk's UUIDv5 ids: uuid5(NAMESPACE_URL,
 * "https://irdesk.invalid/stix2"). */
#define SHARE_NAMESPACE "6999a744-2605-58de-9d0f-8bc7bc6ff929"

/* "TYPE--" + UUIDv5(SHARE_NAMESPACE, NAME) into OUT: the same NAME gives
 * the same id every time. */
void share_stix_id(const char *type, const char *name, char out[SHARE_ID_LEN]);

/* The plain UUIDv5 of NAME (for MISP). */
void share_uuid(const char *name, char out[37]);

/* The STIX 2.1 TLP marking-definition (the standard objects of the STIX
 * 2.1 specification, section 7.2.1.4) for an irdesk TLP: clear is
 * TLP:WHITE; amber+strict is TLP:AMBER, with the statement marking below
 * saying AMBER+STRICT. NULL for an unknown TLP. */
const char *share_tlp_marking_id(const char *tlp);
const char *share_tlp_marking_name(const char *tlp);   /* "TLP:AMBER" */
const char *share_tlp_marking_colour(const char *tlp); /* "amber" */

/* The statement marking that says TLP:AMBER+STRICT (deterministic id). */
#define SHARE_AMBER_STRICT_STATEMENT \
	"TLP:AMBER+STRICT: limited disclosure, recipients may share only within their own" \
	" organisation"
void share_amber_strict_id(char out[SHARE_ID_LEN]);

/* The irdesk TLP of a standard TLP marking-definition id, or NULL. */
const char *share_tlp_of_marking(const char *id);

/* The MISP tag of a TLP: "tlp:amber", "tlp:clear", "tlp:amber+strict". */
const char *share_tlp_misp_tag(const char *tlp);

/* The irdesk TLP of a MISP tag ("tlp:white" is clear), or NULL. */
const char *share_tlp_of_misp_tag(const char *tag);

/* An export of a case marked TLP (irdesk's name) may go: TLP:RED only
 * with FORCE; IRD_EUSAGE saying why otherwise. */
int share_check_export_tlp(const char *tlp, int force, ird_err *e);

/* A STIX pattern for an indicator of TYPE (irdesk's names) whose normal
 * form is NORMAL: "[domain-name:value = 'evil.example']" (a message-id
 * in its angle brackets). Quotes and backslashes escaped. Malloc'd; NULL
 * for an unknown type. */
char *share_stix_pattern(const char *type, const char *normal);

/* One comparison of a pattern as an irdesk indicator. */
typedef struct share_cmp {
	const char *type; /* "domain", "url", "email", "ip", "sha256"... (static) */
	char *value;      /* unescaped */
} share_cmp;

/* Read a STIX pattern into the indicators it is the union of: one or more
 * observation expressions joined by OR, each one comparison or several
 * joined by OR, each "OBJECT:PATH = 'string'" on a path irdesk has a type
 * for. Anything else (AND, FOLLOWEDBY, qualifiers, other operators or
 * paths) cannot be expressed: IRD_EUSAGE saying why. Free *OUT with
 * share_cmps_free. */
int share_pattern_parse(const char *pattern, share_cmp **out, size_t *n, ird_err *e);
void share_cmps_free(share_cmp *c, size_t n);

#endif
