/* asset.h - hosts and terminals of a case and their state. Owns the
 * assets table. A write says what it means (asset_effect): the asset
 * became infected (the action fires asset-infected: its isolate and
 * forensic-image steps), or infected assets now stand at two or more
 * distinct sites (multi-site).
 *
 * Host and site names are trimmed and compared without regard to ASCII
 * case (PC-0427 = pc-0427). An asset counts towards multi-site once it has
 * ever been infected, even after it is clean: cleaning a host does not undo
 * the spread. It counts as isolated when its state is isolated, imaged or
 * clean and it was marked isolated at some point (imaged alone is not). */
#ifndef IRDESK_ASSET_H
#define IRDESK_ASSET_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"

extern const audit_table asset_audit;

#define ASSET_NAME_MAX 255 /* bytes in a host, site or holder name */

typedef struct asset_row {
	int64_t id, added_at, infected_at, isolated_at, changed_at; /* 0: never */
	const char *host, *site, *state;                          /* site may be NULL */
} asset_row;

/* What `asset set` may change; NULL fields stay as they are. An empty
 * SITE clears it. */
typedef struct asset_change {
	const char *state; /* infected, isolated, imaged, clean */
	const char *site;
} asset_change;

/* Value checks: IRD_OK, or IRD_EUSAGE naming the valid values. ADDING:
 * the states a new asset may have (suspected, infected). */
int asset_check_state(const char *state, int adding, ird_err *e);

/* Trim S and check it as a WHAT (host, site, holder...): non-empty unless
 * EMPTY_OK, valid UTF-8, no control characters, at most ASSET_NAME_MAX
 * bytes. *OUT gets a malloc'd copy (NULL when empty). */
int asset_name_clean(const char *s, const char *what, int empty_ok, char **out, ird_err *e);

/* What an add or a change means for the playbook. */
typedef struct asset_effect {
	int64_t id;       /* the asset's row */
	char *host;       /* as first recorded (malloc'd) */
	int infected;     /* it became infected in this write */
	int64_t sites;    /* >= 2: infected assets now stand at more distinct sites
	                     than before, this many; 0 otherwise */
	char *site_names; /* those sites, "A, B" (malloc'd) when SITES */
} asset_effect;

/* Free the strings of FX. */
void asset_effect_free(asset_effect *fx);

/* Add HOST to the case (STATE suspected or infected; NULL: suspected)
 * inside the caller's transaction; *FX (free with asset_effect_free)
 * says what it means. A host already in the case is refused, naming it. */
int asset_add_tx(ird_ctx *c, int64_t case_id, const char *host, const char *site,
                 const char *state, asset_effect *fx, ird_err *e);

/* Change state and/or site inside the caller's transaction; unchanged
 * values are no-ops. *FX as for asset_add_tx. */
int asset_change_tx(ird_ctx *c, int64_t case_id, const char *host, const asset_change *ch,
                    asset_effect *fx, ird_err *e);

/* The timeline line of FX's spread: "infected assets at 2 sites: A, B"
 * (nothing when FX->sites is 0). Inside the caller's transaction. */
int asset_spread_tx(ird_ctx *c, int64_t case_id, const asset_effect *fx, ird_err *e);

/* Find an asset of the case by host name (trimmed, any ASCII case). */
int asset_find(ird_ctx *c, int64_t case_id, const char *host, int64_t *id, ird_err *e);

/* The same, and *NAME (malloc'd) gets the host as first recorded. */
int asset_lookup(ird_ctx *c, int64_t case_id, const char *host, int64_t *id, char **name,
                 ird_err *e);

/* 1 in *YES when the asset has been isolated (isolated, imaged or clean). */
int asset_is_isolated(ird_ctx *c, int64_t asset_id, int *yes, ird_err *e);

/* The assets of a case as a JSON array (malloc'd). */
int asset_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

/* Call FN for each asset of the case in the order added; FN returns 0 to go on. */
int asset_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const asset_row *a),
               void *arg, ird_err *e);

#endif
