/* block.h - blocks on indicators: scope (address, host, registrable
 * domain) and lifecycle requested -> active -> lifted. Owns the blocks
 * table. */
#ifndef IRDESK_BLOCK_H
#define IRDESK_BLOCK_H

#include <stdint.h>

#include "audit.h"
#include "ctx.h"

extern const audit_table block_audit;

/* Request a block of indicator INDICATOR_ID with SCOPE (NULL: the widest
 * that fits: domain for hosts and URLs, address for e-mail senders and IPs).
 * *ID gets the block's row. */
int block_request(ird_ctx *c, int64_t case_id, int64_t indicator_id, const char *scope,
                  int64_t *id, ird_err *e);

/* requested -> active, active -> lifted. */
int block_activate(ird_ctx *c, int64_t case_id, int64_t block_id, ird_err *e);
int block_lift(ird_ctx *c, int64_t case_id, int64_t block_id, const char *note, ird_err *e);

/* Whether an active block satisfies the block-sender (DOMAIN 0) or
 * block-domain (DOMAIN 1) requirement of the indicator; if not, WHY says
 * what is missing, e.g. "only the host a.evil.example.co.jp is blocked;
 * block the registrable domain example.co.jp". */
int block_requirement_met(ird_ctx *c, int64_t indicator_id, int domain, int *met, char *why,
                          size_t whylen, ird_err *e);

/* 1 in *YES when an active block covers the indicator (sender seen again). */
int block_is_blocked(ird_ctx *c, int64_t indicator_id, int *yes, ird_err *e);

/* Blocks of a case as a JSON array (malloc'd). */
int block_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e);

#endif
