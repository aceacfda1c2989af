/* sign.h - Ed25519 signatures (OpenSSL libcrypto) for the audit head: a key
 * file kept outside the store (0600, in the user's configuration directory),
 * its public half as 64 hex digits or PEM, signing and verifying. */
#ifndef IRDESK_SIGN_H
#define IRDESK_SIGN_H

#include <stddef.h>

#include "base/err.h"

#define SIGN_PUB_HEX_LEN 65  /* 32 bytes as hex and a NUL */
#define SIGN_SIG_HEX_LEN 129 /* 64 bytes as hex and a NUL */

typedef struct sign_key sign_key;

/* The key file: $IRDESK_AUDIT_KEY, else $XDG_CONFIG_HOME/irdesk/audit-key.pem,
 * else ~/.config/irdesk/audit-key.pem. Returns malloc'd, NULL (E set) if none. */
char *sign_default_key_path(ird_err *e);

/* Load the private key at PATH; create it (0600, parents 0700) if missing.
 * A key file others may read, or owned by another user, is refused. */
int sign_key_open(const char *path, int create, sign_key **out, ird_err *e);
void sign_key_free(sign_key *k);

/* The public key of K as 64 lower-case hex digits. */
void sign_key_pub_hex(const sign_key *k, char hex[SIGN_PUB_HEX_LEN]);

/* The public key of K as PEM (SubjectPublicKeyInfo), malloc'd. */
int sign_key_pub_pem(const sign_key *k, char **pem, ird_err *e);

/* Read a public key (PEM, or the hex irdesk prints) from PATH as hex. */
int sign_pub_read(const char *path, char hex[SIGN_PUB_HEX_LEN], ird_err *e);

/* Sign LEN bytes at MSG; the signature as 128 hex digits. */
int sign_message(const sign_key *k, const void *msg, size_t len,
                 char sig[SIGN_SIG_HEX_LEN], ird_err *e);

/* 1 if SIG (hex) is PUB's (hex) signature of MSG, else 0. */
int sign_verify(const char *pub, const void *msg, size_t len, const char *sig);

#endif
