/* indicator.h - indicators of compromise, stored raw and normalised, merged
 * when seen again. Owns the indicators table. An addition says what it
 * means (indicator_effect), and the action fires it: a sender indicator
 * sender-indicator (block the sender); a C&C one c2-indicator (block the
 * registrable domain); a sender seen again after its block repeat-sender;
 * one marked --exfil exfiltration. */
#ifndef IRDESK_INDICATOR_H
#define IRDESK_INDICATOR_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"
#include "base/ioc_normalize.h"

extern const audit_table indicator_audit;

#define INDICATOR_MAX_VALUE 4096 /* bytes of a raw value */
#define INDICATOR_MAX_NOTE 4000  /* bytes of the (merged) note */

typedef struct indicator_spec {
	const char *type;  /* email, url, domain, ip, sha256, sha1, md5, subject, filename */
	const char *value; /* raw, possibly defanged */
	const char *role;  /* sender, c2, download, other; NULL: from the type */
	const char *note;
	int exfil;
} indicator_spec;

/* One indicator as stored. From indicator_get the strings are the row's own
 * copies (free with indicator_row_free); from indicator_each they are valid
 * during the callback only. */
typedef struct indicator_row {
	int64_t id, case_id, seen_count, first_seen, last_seen;
	const char *type, *role, *raw, *normal;
	const char *host;        /* NULL for hashes, subjects, file names */
	const char *registrable; /* NULL for IPs and types without a host */
	const char *note;
	int exfil;
} indicator_row;

/* Check a role: IRD_OK, or IRD_EUSAGE naming the valid ones. */
int indicator_check_role(const char *role, ird_err *e);

/* The role an indicator of TYPE gets when none is given: email -> sender,
 * url/domain/ip -> c2, anything else -> other. */
const char *indicator_default_role(ioc_type type);

/* Validate SPEC without the store: type, role, lengths and the value (the
 * normaliser's reason). IRD_OK or IRD_EUSAGE. */
int indicator_check(const ioc_normalizer *n, const indicator_spec *spec, ird_err *e);

/* What an addition means for the playbook. */
typedef struct indicator_effect {
	int64_t id;           /* the indicator's row */
	int merged;           /* it was known: counted seen again */
	const char *new_role; /* a role it newly took (added, or changed on a merge); else
	                         NULL. Static or SPEC's: valid while SPEC is */
	int exfil;            /* exfiltration newly seen */
	int repeat_sender;    /* a sender seen again while an active block covers it */
	char *label;          /* its normal form (malloc'd), for step titles */
	char *c2_label;       /* what its block-domain step is about: the registrable
	                         domain, else the IP or host (malloc'd) */
} indicator_effect;

/* Free the strings of FX. */
void indicator_effect_free(indicator_effect *fx);

/* Add (or merge) an indicator of case CASE_ID (it must exist) inside the
 * caller's transaction; *FX (free
 * with indicator_effect_free) says which and what it means. Merging (same
 * case, type and normal form) counts it seen again, keeps the first raw
 * value, appends a new note, sets exfil, and takes an explicitly given
 * role. Invalid types, roles and values: IRD_EUSAGE with the reason. */
int indicator_add_tx(ird_ctx *c, const ioc_normalizer *n, int64_t case_id,
                     const indicator_spec *spec, indicator_effect *fx, ird_err *e);

/* Find an indicator of the case by raw value, normal form or #id. */
int indicator_find(ird_ctx *c, const ioc_normalizer *n, int64_t case_id, const char *ref,
                   int64_t *id, ird_err *e);

/* Read indicator ID into ROW. */
int indicator_get(ird_ctx *c, int64_t id, indicator_row *row, ird_err *e);
void indicator_row_free(indicator_row *row);

/* Call FN for each indicator of the case, oldest first; FN returns 0 to go on. */
int indicator_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const indicator_row *r),
                   void *arg, ird_err *e);

/* Indicators of a case as a JSON array (malloc'd), each with the blocks
 * that cover it. */
int indicator_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

/* How a found indicator matched the searched value. */
typedef enum {
	INDICATOR_SAME_VALUE = 1,       /* same normal form */
	INDICATOR_SAME_HOST = 2,        /* same host (a URL on a listed domain...) */
	INDICATOR_SAME_REGISTRABLE = 3, /* another host under the same registrable domain */
} indicator_match;

/* "same value", "same host", "same registrable domain" (English, marked N_():
 * a front-end shows _() of it). */
const char *indicator_match_name(indicator_match m);

/* What a search looked for: VALUE normalised (its type guessed). */
typedef struct indicator_query {
	char *normal, *host, *registrable; /* host, registrable may be NULL */
	ioc_type type;
	int guessed; /* 0: the type could not be guessed; matched as text */
} indicator_query;

/* Normalise VALUE for a search. Free with indicator_query_free. */
int indicator_query_new(const ioc_normalizer *n, const char *value, indicator_query *q,
                        ird_err *e);
void indicator_query_free(indicator_query *q);

/* One search result: the case, the indicator and how it matched. */
typedef struct indicator_hit {
	const char *case_hid, *case_title;
	int exercise;
	indicator_match match;
	indicator_row ind;
} indicator_hit;

/* Call FN for every indicator of every case that matches Q, best match
 * first, then oldest case first. */
int indicator_search_each(ird_ctx *c, const indicator_query *q,
                          int (*fn)(void *arg, const indicator_hit *h), void *arg, ird_err *e);

/* Every case's indicators matching VALUE by normal form, host or
 * registrable domain, as a JSON array (malloc'd). */
int indicator_find_json(ird_ctx *c, const ioc_normalizer *n, const char *value, char **json,
                        ird_err *e);

/* ---- re-normalisation ----
 * A row's normal form, host and registrable domain come from the normaliser
 * of its norm_version; a newer one (IOC_NORMALIZER_VERSION) re-makes them from
 * the raw value, so one name has one normal form in the whole store. */

/* *YES = 1 when some indicator's forms come from an older normaliser. */
int indicator_outdated(ird_ctx *c, int *yes, ird_err *e);

/* The ids of those indicators, oldest first (malloc'd into *IDS; free it). */
int indicator_outdated_ids(ird_ctx *c, int64_t **ids, size_t *n, ird_err *e);

/* What re-normalising one indicator did. */
typedef struct indicator_renorm {
	indicator_row old; /* the row as it was (its own strings) */
	int changed;       /* its type, normal form, host or registrable domain changed */
	const char *type;  /* the new ones when changed (static type name, malloc'd rest) */
	char *normal, *host, *registrable;
} indicator_renorm;

/* Re-make indicator ID's forms from its raw value (kept as typed) inside the
 * caller's transaction, and record the current normaliser version, with its
 * audit record (and a timeline entry when the forms changed). A value the
 * normaliser now refuses, or whose new form another indicator of the case
 * already has (that one matches), keeps its forms. */
int indicator_renormalize_tx(ird_ctx *c, const ioc_normalizer *n, int64_t id,
                             indicator_renorm *out, ird_err *e);

/* Free what OUT holds. */
void indicator_renorm_free(indicator_renorm *r);

#endif
