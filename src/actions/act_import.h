/* act_import.h - `irdesk ioc import ID FILE`: the indicators of a STIX 2.1
 * bundle or a MISP event (MISP core format) from a peer, each added to the
 * case as if typed with `ioc add` (so the playbook's triggers fire), with
 * the source and the TLP in its note. One transaction.
 *
 * STIX: each indicator whose pattern is one comparison "OBJECT:PATH =
 * 'value'" on a path irdesk has a type for, or several joined by OR, gives
 * one indicator per comparison (share_pattern_parse). Its role: the
 * "irdesk-role:ROLE" label when there is one (our own exports); else the
 * type's default role (sender for addresses, c2 for URLs, domains, IPs)
 * when indicator_types says malicious-activity, compromised or attribution;
 * else other. TLP: the standard TLP marking definitions (and markings
 * defined in the bundle with definition_type tlp or a TLP: name).
 * MISP: each Attribute (and each Object's) of a type irdesk has, composite
 * ones (filename|sha256, domain|ip) giving two; role other when to_ids is
 * false. TLP: the event's or the attribute's tlp: tag.
 *
 * What cannot be expressed (AND, other operators, other objects, MISP types
 * with no irdesk type, values the normaliser refuses) is listed, not
 * dropped. A file that is not JSON, not a bundle or event, or whose objects
 * are malformed (no id of the form TYPE--UUID, an indicator without a
 * pattern...) is refused whole with the reason, and nothing is written. */
#ifndef IRDESK_ACT_IMPORT_H
#define IRDESK_ACT_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "base/ioc_normalize.h"
#include "store/ctx.h"

#define IMPORT_MAX_BYTES (64u << 20)
#define IMPORT_MAX_ITEMS 10000

typedef struct import_item {
	char *origin;       /* "indicator--…" or "MISP attribute …" */
	const char *type;   /* irdesk type (NULL when refused before typing) */
	const char *role;
	char *value;
	char *note;         /* source and TLP */
	char *refused;      /* why it cannot be expressed; NULL when imported */
	int64_t id;
	int merged;
} import_item;

typedef struct import_plan {
	const char *format; /* "STIX 2.1 bundle" or "MISP event" */
	char *source;       /* the bundle's or event's id and who made it */
	import_item *items;
	size_t n, nrefused;
} import_plan;

/* Read FILE and, unless DRY_RUN, add what it expresses to CASE_ID in one
 * transaction. Free *PLAN with import_plan_free. */
int act_ioc_import(ird_ctx *c, const ioc_normalizer *n, int64_t case_id, const char *file,
                   int dry_run, import_plan *plan, ird_err *e);

void import_plan_free(import_plan *plan);

#endif
