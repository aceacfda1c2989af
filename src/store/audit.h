/* audit.h - the append-only, hash-chained record of every change.
 * Each module that owns a table describes it with an audit_table: the JSON
 * of one row is what the audit record stores, and what `check` compares the
 * live row against. Every record keeps the claimed actor and time (--as,
 * --now) beside the operating-system user, host and real time. At each
 * commit the head of the chain is signed with the user's Ed25519 key (kept
 * outside the store); the head SEQ:HASH is meant to leave the store (hooks,
 * reports, an anchor file) so that `check --head` can prove it is still
 * there. */
#ifndef IRDESK_AUDIT_H
#define IRDESK_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "base/digest.h"
#include "base/sign.h"
#include "store/ctx.h"

typedef struct audit_table {
	const char *name;    /* table name, as recorded in the audit row */
	const char *row_sql; /* SELECT <json> FROM t WHERE id = ?1 */
	const char *all_sql; /* SELECT id, <json> FROM t ORDER BY id */
} audit_table;

/* Append a record for row ROWID of T as it now is (inside a transaction);
 * the commit then signs the new head. */
int audit_record(ird_ctx *c, const char *action, const audit_table *t, int64_t rowid, ird_err *e);

/* A head of the chain as anchored outside the store: record SEQ had HASH. */
typedef struct audit_anchor {
	int64_t seq;
	char hash[DIGEST_HEX_LEN];
} audit_anchor;

/* The current head: *SEQ the newest record (0 if none), HASH its hash. */
int audit_head(ird_ctx *c, int64_t *seq, char hash[DIGEST_HEX_LEN], ird_err *e);

/* The newest signed head: SEQ:HASH, the key (hex) and signature (hex).
 * IRD_ENOTFOUND if nothing was signed yet. */
int audit_head_signed(ird_ctx *c, audit_anchor *head, char key[SIGN_PUB_HEX_LEN],
                      char sig[SIGN_SIG_HEX_LEN], ird_err *e);

/* "SEQ:HASH" of the current head into BUF (LEN >= 96): what hooks, reports
 * and exports carry. */
int audit_head_text(ird_ctx *c, char *buf, size_t len, ird_err *e);

/* Append one line "SEQ:HASH KEY SIG TIME" for the newest signed head to
 * PATH (created 0600; O_APPEND, fsync): `watch`'s anchor file. */
int audit_anchor_append(ird_ctx *c, const char *path, ird_err *e);

/* Parse "SEQ:HASH" (anything after white space is ignored). */
int audit_anchor_parse(const char *s, audit_anchor *out, ird_err *e);

/* The message a head's signature covers, for verifiers outside irdesk:
 * "irdesk-audit-head-v1 SEQ:HASH". Returns its length. */
size_t audit_head_message(int64_t seq, const char *hash, char *buf, size_t len);

/* The user's signing key (sign_default_key_path), created if CREATE. */
int audit_key(int create, const sign_key **k, ird_err *e);

/* The benchmark only: 0 stops signing heads (check then reports the records
 * unsigned until a signed commit follows), 1 (the default) signs again. */
void audit_signing_set(int on);

/* Tests only: the real clock of audit records (NULL: time()). */
void audit_real_clock_set(int64_t (*now)(void));

/* What check trusts from outside the store: heads anchored earlier, and
 * the public keys allowed to sign (none: any key found in the store). */
typedef struct audit_trust {
	const audit_anchor *heads;
	size_t nheads;
	const char (*keys)[SIGN_PUB_HEX_LEN];
	size_t nkeys;
} audit_trust;
/* The head of the chain: {"seq": N, "hash": "...", "at": "...Z"} of the
 * newest record as JSON (malloc'd), or "null" when the chain is empty. */
int audit_head_json(ird_ctx *c, char **json, ird_err *e);

/* Called once per problem found by audit_verify. */
typedef void (*audit_problem_fn)(void *arg, const char *problem);

/* Verify the chain, its signatures, and that every live row of TABLES
 * matches its last audit record. *RECORDS gets the number of audit records
 * checked; *PROBLEMS the number reported. IRD_OK only if none. */
int audit_verify(ird_ctx *c, const audit_table *const *tables, unsigned ntables,
                 audit_problem_fn report, void *arg, int64_t *records, int64_t *problems,
                 ird_err *e);

/* The same, also proving that the chain still holds each head of TRUST
 * (NULL: none) and that its head is signed by one of TRUST's keys. */
int audit_verify_trusted(ird_ctx *c, const audit_table *const *tables, unsigned ntables,
                         const audit_trust *trust, audit_problem_fn report, void *arg,
                         int64_t *records, int64_t *problems, ird_err *e);

#endif
