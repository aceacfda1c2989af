/* digest.h - SHA-256 through OpenSSL's libcrypto. */
#ifndef IRDESK_DIGEST_H
#define IRDESK_DIGEST_H

#include <stddef.h>

#include "base/err.h"

#define DIGEST_HEX_LEN 65 /* 64 hex digits and a NUL */

typedef struct digest_ctx digest_ctx;

/* Incremental hashing: new, update any number of times, finish (frees). */
digest_ctx *digest_new(void);
int digest_update(digest_ctx *d, const void *data, size_t len);
int digest_finish(digest_ctx *d, char hex[DIGEST_HEX_LEN]);
void digest_free(digest_ctx *d);

/* SHA-256 of LEN bytes at DATA, in one call. 0 or -1. */
int digest_once(const void *data, size_t len, char hex[DIGEST_HEX_LEN]);

/* SHA-256 of a file, read in fixed-size blocks (memory stays flat). */
int digest_file(const char *path, char hex[DIGEST_HEX_LEN], ird_err *e);

/* 1 if S is 64 hex digits (any case). */
int digest_is_hex(const char *s);

#endif
