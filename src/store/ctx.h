/* ctx.h - what every core action needs: the store, who acts, and the clock. */
#ifndef IRDESK_CTX_H
#define IRDESK_CTX_H

#include "base/clock.h"
#include "store/store.h"

typedef struct ird_ctx {
	ird_store *store;
	const char *actor; /* --as, IRDESK_USER, or the login name */
	ird_clock clock;
} ird_ctx;

#endif
