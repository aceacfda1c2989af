/* asset.h - hosts and terminals of a case and their state. Owns the
 * assets table. Marking an asset infected fires asset-infected (its
 * isolate and forensic-image steps), and infected assets at two or more
 * distinct sites fire multi-site. */
#ifndef IRDESK_ASSET_H
#define IRDESK_ASSET_H

#include <stdint.h>

#include "audit.h"
#include "ctx.h"

extern const audit_table asset_audit;

/* Add HOST to the case (STATE suspected or infected; NULL: suspected). */
int asset_add(ird_ctx *c, int64_t case_id, const char *host, const char *site,
              const char *state, int64_t *id, ird_err *e);

/* Change the state: infected, isolated, imaged, clean. */
int asset_set_state(ird_ctx *c, int64_t case_id, const char *host, const char *state,
                    ird_err *e);

/* Find an asset of the case by host name. */
int asset_find(ird_ctx *c, int64_t case_id, const char *host, int64_t *id, ird_err *e);

/* 1 in *YES when the asset has been isolated (isolated, imaged or clean). */
int asset_is_isolated(ird_ctx *c, int64_t asset_id, int *yes, ird_err *e);

/* The assets of a case as a JSON array (malloc'd). */
int asset_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

#endif
