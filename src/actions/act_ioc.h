/* act_ioc.h - what a responder does with indicators and blocks: add an
 * indicator (it fires sender-indicator, c2-indicator, exfiltration or
 * repeat-sender), request, activate and lift a block. One transaction
 * each. */
#ifndef IRDESK_ACT_IOC_H
#define IRDESK_ACT_IOC_H

#include <stdint.h>

#include "records/indicator.h"
#include "store/ctx.h"

/* Add (or merge) an indicator (see indicator_add_tx) and fire what it
 * means; *ID gets its row, *MERGED 1 if it was known. */
int act_ioc_add(ird_ctx *c, const ioc_normalizer *n, int64_t case_id,
                const indicator_spec *spec, int64_t *id, int *merged, ird_err *e);

/* The same inside the caller's transaction: for an action that records
 * several indicators at once (mail add, ioc import) or an exercise inject.
 * Checks the value and that the case exists. */
int act_ioc_add_tx(ird_ctx *c, const ioc_normalizer *n, int64_t case_id,
                   const indicator_spec *spec, int64_t *id, int *merged, ird_err *e);

/* Request a block of indicator INDICATOR_ID of the case with SCOPE (NULL:
 * the widest that fits); *ID gets the block's row. See block_request_tx. */
int act_block_request(ird_ctx *c, int64_t case_id, int64_t indicator_id, const char *scope,
                      int64_t *id, ird_err *e);

/* Block BLOCK_ID of the case: requested -> active. */
int act_block_activate(ird_ctx *c, int64_t case_id, int64_t block_id, ird_err *e);

/* Block BLOCK_ID of the case: -> lifted (withdrawn if only requested),
 * with NOTE (may be NULL). */
int act_block_lift(ird_ctx *c, int64_t case_id, int64_t block_id, const char *note,
                   ird_err *e);

/* Re-make, in one transaction, the forms of every indicator of the store
 * that an older normaliser made (see indicator_renormalize_tx), and move
 * the blocks on those that changed onto the new forms; *CHANGED gets how
 * many changed. session_store does it on open when needed. */
int act_ioc_renormalize(ird_ctx *c, const ioc_normalizer *n, int64_t *changed, ird_err *e);

#endif
