/* casefile.h - the whole case as one JSON document: the case, its
 * timeline, and every record the modules keep about it. */
#ifndef IRDESK_CASEFILE_H
#define IRDESK_CASEFILE_H

#include <stdint.h>

#include "store/ctx.h"

/* The case ID as a JSON object (malloc'd). */
int casefile_json(ird_ctx *c, int64_t id, char **json, ird_err *e);

#endif
