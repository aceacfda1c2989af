/* block.h - blocks on indicators: scope (address, host, registrable
 * domain) and lifecycle requested -> active -> lifted. Owns the blocks
 * table.
 *
 * A block covers an indicator of its case when it was made for it, or when
 * its target is the indicator's address (scope address), host (scope host)
 * or registrable domain (scope domain): a domain block made for one C&C URL
 * also covers its siblings under the same registrable domain. */
#ifndef IRDESK_BLOCK_H
#define IRDESK_BLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"

extern const audit_table block_audit;

#define BLOCK_NOTE_MAX 4000 /* bytes of a lift's note */

/* The indicator a block is about, as read by the caller (indicator.h). */
typedef struct block_subject {
	int64_t id, case_id;
	const char *type, *normal;
	const char *host, *registrable; /* may be NULL */
} block_subject;

/* One block as stored; strings valid during a block_each callback, or
 * owned copies from block_get (free with block_row_free). */
typedef struct block_row {
	int64_t id, case_id, indicator_id, requested_at, activated_at, lifted_at;
	const char *scope, *target, *state, *requested_by, *note;
	const char *indicator; /* the indicator's normal form */
} block_row;

/* Check a scope: IRD_OK, or IRD_EUSAGE naming the valid ones. */
int block_check_scope(const char *scope, ird_err *e);

/* Request a block of indicator IND (of case CASE_ID, else IRD_ENOTFOUND)
 * with SCOPE (NULL: the widest that fits: domain for hosts and URLs,
 * address for e-mail senders and IPs), inside the caller's transaction.
 * *ID gets the block's row. A scope that does not fit the indicator is
 * IRD_EUSAGE; a block already requested or active on the same target is
 * refused (IRD_EFAIL) naming it. */
int block_request_tx(ird_ctx *c, int64_t case_id, const block_subject *ind, const char *scope,
                     int64_t *id, ird_err *e);

/* IRD_EUSAGE when a lift's NOTE is longer than BLOCK_NOTE_MAX. Pure. */
int block_check_note(const char *note, ird_err *e);

/* requested -> active; active (or requested: withdrawn) -> lifted, inside
 * the caller's transaction. Other transitions are refused (IRD_EFAIL)
 * with the reason. */
int block_activate_tx(ird_ctx *c, int64_t case_id, int64_t block_id, ird_err *e);
int block_lift_tx(ird_ctx *c, int64_t case_id, int64_t block_id, const char *note, ird_err *e);

/* Whether an active block satisfies the block-sender (DOMAIN 0) or
 * block-domain (DOMAIN 1) requirement of the indicator; if not, WHY says
 * what is missing, e.g. "blocked host a.evil.example.co.jp only: ...".
 * Block-domain: an active domain block of the indicator's registrable
 * domain (an address block of an IP, a host block of a host that has no
 * registrable domain). Block-sender: any active block covering it (the
 * address, or wider: its mail domain or registrable domain). */
int block_requirement_met(ird_ctx *c, const block_subject *ind, int domain, int *met,
                          char *why, size_t whylen, ird_err *e);

/* 1 in *YES when an active block covers the indicator (sender seen again). */
int block_is_blocked(ird_ctx *c, int64_t indicator_id, int *yes, ird_err *e);

/* Read block ID of case CASE_ID into ROW (IRD_ENOTFOUND if not in it). */
int block_get(ird_ctx *c, int64_t case_id, int64_t id, block_row *row, ird_err *e);
void block_row_free(block_row *row);

/* Call FN for each block of the case, oldest first; FN returns 0 to go on. */
int block_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const block_row *r),
               void *arg, ird_err *e);

/* Blocks of a case as a JSON array (malloc'd). */
int block_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

/* The indicator OLD became NEW (re-normalised: see indicator_renormalize_tx):
 * every block on it whose target was OLD's normal form, host or registrable
 * domain (as its scope says) targets NEW's instead, inside the caller's
 * transaction, each with its audit record and a timeline entry. */
int block_retarget_tx(ird_ctx *c, const block_subject *old, const block_subject *new_,
                      ird_err *e);

#endif
