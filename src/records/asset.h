/* asset.h - hosts and terminals of a case and their state. Owns the
 * assets table. Marking an asset infected fires asset-infected (its
 * isolate and forensic-image steps), and infected assets at two or more
 * distinct sites fire multi-site.
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

/* Add HOST to the case (STATE suspected or infected; NULL: suspected).
 * A host already in the case is refused, naming it. */
int asset_add(ird_ctx *c, int64_t case_id, const char *host, const char *site,
              const char *state, int64_t *id, ird_err *e);

/* The same inside the caller's transaction. */
int asset_add_tx(ird_ctx *c, int64_t case_id, const char *host, const char *site,
                 const char *state, int64_t *id, ird_err *e);

/* Change the state: infected, isolated, imaged, clean. */
int asset_set_state(ird_ctx *c, int64_t case_id, const char *host, const char *state,
                    ird_err *e);

/* Change state and/or site in one transaction; unchanged values are no-ops. */
int asset_change_apply(ird_ctx *c, int64_t case_id, const char *host, const asset_change *ch,
                       ird_err *e);

/* The same inside the caller's transaction. */
int asset_change_tx(ird_ctx *c, int64_t case_id, const char *host, const asset_change *ch,
                    ird_err *e);

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
