/* act_asset.h - what a responder does to the assets and the evidence of
 * a case: add or change an asset (an infection fires asset-infected, a
 * second infected site multi-site), add evidence (exfiltration fires its
 * trigger), hand it over, verify it. One transaction each. */
#ifndef IRDESK_ACT_ASSET_H
#define IRDESK_ACT_ASSET_H

#include <stdint.h>

#include "records/asset.h"
#include "records/evidence.h"
#include "store/ctx.h"

/* Add HOST to the case (STATE suspected or infected; NULL: suspected);
 * *ID (may be NULL) gets its row. A host already in the case is refused. */
int act_asset_add(ird_ctx *c, int64_t case_id, const char *host, const char *site,
                  const char *state, int64_t *id, ird_err *e);

/* Inside the caller's transaction (exercise injects): add HOST, or change
 * its state and site if the case has it, and fire what that means. */
int act_asset_put_tx(ird_ctx *c, int64_t case_id, const char *host, const char *site,
                     const char *state, ird_err *e);

/* Change an asset's state and/or site; unchanged values are no-ops. */
int act_asset_change(ird_ctx *c, int64_t case_id, const char *host, const asset_change *ch,
                     ird_err *e);

/* Change the state only: infected, isolated, imaged, clean. */
int act_asset_set_state(ird_ctx *c, int64_t case_id, const char *host, const char *state,
                        ird_err *e);

/* Record evidence (its file hashed before the transaction opens, so a
 * large image never holds the write lock); *NUM gets its number. */
int act_evidence_add(ird_ctx *c, int64_t case_id, const evidence_spec *spec, int64_t *num,
                     ird_err *e);

/* act_evidence_add inside the caller's transaction, for evidence NI
 * prepared (hashed) before it opened (evidence_prepare). */
int act_evidence_add_tx(ird_ctx *c, int64_t case_id, const evidence_new *ni, int64_t *num,
                        ird_err *e);

/* The same for evidence given by its digest (SPEC->file NULL), prepared
 * inside the transaction: exercise injects. */
int act_evidence_add_digest_tx(ird_ctx *c, int64_t case_id, const evidence_spec *spec,
                               int64_t *num, ird_err *e);

/* Hand evidence REF ("E3" or "3") over to TO, with NOTE (may be NULL). */
int act_evidence_transfer(ird_ctx *c, int64_t case_id, const char *ref, const char *to,
                          const char *note, ird_err *e);

/* Re-hash FILE and compare with evidence REF: *MATCH 1 or 0; recorded. */
int act_evidence_verify(ird_ctx *c, int64_t case_id, const char *ref, const char *file,
                        int *match, ird_err *e);

#endif
