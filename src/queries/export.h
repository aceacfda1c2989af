/* export.h - the whole case for people and programs outside irdesk:
 * JSON (every record, documented in irdesk(1), with the audit chain's
 * head so a reader can later prove the record was not rewritten), CSV of
 * the timeline (RFC 4180), Markdown or one self-contained HTML page for
 * executives (in the messages' language, times local: i18n_push_lang for
 * --lang; JSON and CSV never change with it). An exercise case is marked
 * EXERCISE in each. Other formats (STIX, MISP) plug in beside
 * these: export_render() is the one switch. */
#ifndef IRDESK_EXPORT_H
#define IRDESK_EXPORT_H

#include <stdint.h>

#include "store/ctx.h"

typedef enum { EXPORT_MD, EXPORT_JSON, EXPORT_CSV, EXPORT_HTML } export_format;

/* Parse "md", "json", "csv", "html"; -1 if unknown. */
int export_format_parse(const char *s, export_format *out);

/* Case CASE_ID in format F as malloc'd text in *OUT. */
int export_render(ird_ctx *c, int64_t case_id, export_format f, char **out, ird_err *e);

/* The CSV field S, quoted when it holds a comma, quote, CR or LF (quotes
 * doubled), appended to the malloc'd buffer *BUF of *LEN bytes; -1 on OOM. */
int export_csv_field(char **buf, size_t *len, const char *s);

#endif
