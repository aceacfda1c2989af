/* case.h - incident cases: create, find, change, list. Owns the cases table. */
#ifndef IRDESK_CASE_H
#define IRDESK_CASE_H

#include <stdint.h>

#include "store/audit.h"
#include "store/ctx.h"

extern const audit_table case_audit;

#define CASE_HID_LEN 24

typedef struct case_spec {
	const char *title;
	const char *severity;  /* NULL: medium */
	const char *tlp;       /* NULL: amber */
	const char *lead;      /* NULL: none yet */
	int64_t detected_at;   /* 0: unknown */
	int64_t opened_at;     /* 0: now */
	int exercise;
	int64_t playbook_id;   /* 0: none (playbook_apply sets it) */
} case_spec;

/* What `case set` may change; NULL / -1 fields stay as they are. */
typedef struct case_change {
	const char *status, *severity, *lead, *title, *tlp, *cause;
	int personal_data; /* -1: unchanged */
} case_change;

typedef struct case_row {
	int64_t id, opened_at, detected_at, closed_at;
	const char *uuid, *hid, *title, *severity, *status, *tlp, *lead;
	const char *cause;
	int64_t playbook_id;
	int exercise, personal_data;
} case_row;

/* Value checks: IRD_OK, or IRD_EUSAGE naming the valid values. */
int case_check_severity(const char *s, ird_err *e);
int case_check_status(const char *s, ird_err *e);
int case_check_tlp(const char *s, ird_err *e);
/* A cause is one word of [a-z0-9-]: unauthorised-access, misdelivery... */
int case_check_cause(const char *s, ird_err *e);

/* Severity as a rank: low 0 .. critical 3; -1 if unknown. */
int case_severity_rank(const char *s);

/* Create a case inside the caller's transaction; HID gets IR-YYYY-NNNN. */
int case_create_tx(ird_ctx *c, const case_spec *spec, int64_t *id, char hid[CASE_HID_LEN],
                   ird_err *e);

/* Find a case by human id (IR-2015-0001, any case) or UUID. */
int case_resolve(ird_ctx *c, const char *ref, int64_t *id, ird_err *e);

/* Apply a change inside the caller's transaction: each field that differs
 * is written, audited and recorded on the timeline. *OLD_SEV gets the
 * previous severity rank (for escalation). */
int case_change_tx(ird_ctx *c, int64_t id, const case_change *ch, int *old_sev, ird_err *e);

/* Read one case into ROW with its own copies of the strings;
 * free them with case_row_free. */
int case_get(ird_ctx *c, int64_t id, case_row *row, ird_err *e);
void case_row_free(case_row *row);

/* The case as a JSON object (malloc'd), with its timeline under "events". */
int case_show_json(ird_ctx *c, int64_t id, char **json, ird_err *e);

/* Listing flags: CASE_LIST_ALL closed cases too; CASE_LIST_EXERCISES the
 * exercise cases instead of the real ones (never both kinds at once). */
enum { CASE_LIST_ALL = 1, CASE_LIST_EXERCISES = 2 };

/* Open cases (or all: FLAGS above), newest first, as a JSON array (malloc'd). */
int case_list_json(ird_ctx *c, int all, char **json, ird_err *e);

/* Call FN for each listed case (FLAGS as above), newest first; FN returns 0 to go on. */
int case_each(ird_ctx *c, int all, int (*fn)(void *arg, const case_row *row), void *arg,
              ird_err *e);

/* Set the playbook copy in force (inside the caller's transaction). */
int case_set_playbook_tx(ird_ctx *c, int64_t id, int64_t playbook_id, ird_err *e);

#endif
