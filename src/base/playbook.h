/* playbook.h - the playbook format (irdesk-playbook(5)): parsing, queries, discovery.
 * Pure: no database. A playbook is loaded whole or not at all. */
#ifndef IRDESK_PLAYBOOK_H
#define IRDESK_PLAYBOOK_H

#include <stddef.h>

#include "base/err.h"

#define PB_MAX_FILE (1024 * 1024) /* bytes in one playbook file */
#define PB_MAX_LINE 4096          /* bytes in one line, newline excluded */
#define PB_MAX_ID 64              /* bytes in a name, section id or role */
#define PB_MAX_SECTIONS 1000      /* steps, and separately escalations, per playbook */
#define PB_MAX_CONDS 16           /* "when" lines per escalation */
#define PB_MAX_DEADLINE (3650LL * 86400) /* ten years, so now + deadline never overflows */

/* Triggers: events in a case that start steps and timers. A bit set. */
enum pb_trigger {
	PB_T_CASE_OPENED = 1u << 0,
	PB_T_SEVERITY_RAISED = 1u << 1,
	PB_T_ASSET_INFECTED = 1u << 2,
	PB_T_SENDER_INDICATOR = 1u << 3,
	PB_T_C2_INDICATOR = 1u << 4,
	PB_T_MULTI_SITE = 1u << 5,      /* infected assets at 2+ distinct sites */
	PB_T_EXFILTRATION = 1u << 6,    /* an indicator or evidence marked as exfiltration */
	PB_T_REPEAT_SENDER = 1u << 7,   /* a sender seen again after its block */
	PB_T_PERSONAL_DATA = 1u << 8,
	PB_T_CAUSE_SET = 1u << 9,
};
#define PB_NTRIGGERS 10
#define PB_T_ALL ((1u << PB_NTRIGGERS) - 1)

typedef enum { PB_PER_CASE, PB_PER_ASSET, PB_PER_INDICATOR } pb_per;

typedef enum {
	PB_REQ_NONE,
	PB_REQ_ASSET_ISOLATED,
	PB_REQ_DISK_IMAGE,
	PB_REQ_BLOCK_SENDER,
	PB_REQ_BLOCK_DOMAIN,
	PB_REQ_DECISION_DISCONNECT,
} pb_requires;

typedef enum { PB_C_SEVERITY, PB_C_CAUSE, PB_C_EXERCISE } pb_cond_what;
typedef enum { PB_OP_EQ, PB_OP_NE, PB_OP_GE, PB_OP_LE, PB_OP_GT, PB_OP_LT } pb_op;

/* One "when" condition of an escalation rule. */
typedef struct pb_cond {
	pb_cond_what what;
	pb_op op;
	char *value;       /* as written: "high", "unauthorised-access", "yes" */
	int severity_rank; /* PB_C_SEVERITY: 0..3; PB_C_EXERCISE: 1 yes, 0 no; else -1 */
} pb_cond;

typedef struct pb_step {
	char *id, *title, *phase, *description; /* description may be NULL */
	unsigned triggers;                      /* enum pb_trigger bits */
	long long deadline_s;                   /* seconds after the trigger; -1 = none */
	pb_per per;
	pb_requires requires;
} pb_step;

typedef struct pb_rule {
	char *id, *role, *description; /* description may be NULL */
	unsigned triggers;
	long long deadline_s;
	pb_cond *conds;
	size_t nconds;
} pb_rule;

typedef struct playbook {
	char *name, *title, *description; /* description may be NULL */
	char *title_ja, *description_ja;  /* title[ja], description[ja]; may be NULL */
	int version;                      /* 1 unless given */
	pb_step *steps;
	size_t nsteps;
	pb_rule *rules;
	size_t nrules;
	char *text;   /* the exact source text (NUL-terminated), to be copied into a case */
	size_t textlen;
	char *origin; /* file it came from, as named in error messages */
} playbook;

/* Name of the single trigger BIT, or NULL if BIT is not exactly one known trigger. */
const char *pb_trigger_name(unsigned bit);
/* Parse trigger name S into *BIT; 0 on success, -1 if unknown. */
int pb_trigger_parse(const char *s, unsigned *bit);
/* Format the trigger set BITS as "a, b, c" into BUF; 0, or -1 if truncated. */
int pb_triggers_format(unsigned bits, char *buf, size_t len);
/* Names of the enum values as written in a playbook ("asset", "block-sender"...). */
const char *pb_per_name(pb_per p);
const char *pb_requires_name(pb_requires r);
const char *pb_op_name(pb_op op);

/* Parse a deadline ("30m", "1h30m", "3d", "none" -> -1) into *S; 0, or -1 if invalid. */
int pb_deadline_parse(const char *str, long long *s);
/* Format deadline S in the largest units, days only from 2d ("1h30m", "24h", "3d",
 * "none" for -1); 0, or -1 if truncated or S is invalid. */
int pb_deadline_format(long long s, char *buf, size_t len);

/* Rank of a severity: low 0, medium 1, high 2, critical 3; -1 if unknown. */
int severity_rank(const char *sev);
/* 1 if all conditions of R hold for a case with SEVERITY and CAUSE (either may be NULL:
 * unknown) and EXERCISE (non-zero: an exercise case); 0 otherwise. An unknown value
 * satisfies only "!=". */
int pb_conds_hold(const pb_rule *r, const char *severity, const char *cause, int exercise);

/* Parse LEN bytes of TEXT; ORIGIN names it in messages ("FILE:LINE: problem").
 * On success *OUT is a new playbook (free with playbook_free); on error *OUT is NULL. */
int playbook_parse(const char *text, size_t len, const char *origin, playbook **out,
                   ird_err *e);
/* Read the file PATH (at most PB_MAX_FILE bytes) and parse it; errors name PATH. */
int playbook_load(const char *path, playbook **out, ird_err *e);
/* Free PB and everything it owns; NULL is fine. */
void playbook_free(playbook *pb);

/* The step or escalation rule with ID, or NULL. */
const pb_step *playbook_step(const playbook *pb, const char *id);
const pb_rule *playbook_rule(const playbook *pb, const char *id);

/* A malloc'd multi-line summary for `irdesk playbook show`; NULL if out of memory. */
char *playbook_describe(const playbook *pb);

/* The title / description a person reads: title[ja] when the messages are
 * Japanese (i18n_is_japanese) and the playbook has one, else title. */
const char *playbook_title(const playbook *pb);
const char *playbook_description(const playbook *pb);

/* JA when the messages are Japanese and JA is not NULL, else EN. */
const char *pb_lang_pick(const char *en, const char *ja);

/* KEY "title[ja]": 1 with its name ("title") in NAME of LEN bytes and its
 * language tag ("ja") in TAG of TAGLEN bytes; 0 for a key without a tag
 * (or one too long for the buffers). */
int pb_lang_key(const char *key, char *name, size_t len, char *tag, size_t taglen);
/* 1 if TAG is a language irdesk reads in playbooks and scenarios ("ja"). */
int pb_lang_known(const char *tag);

/* 1 if S is a valid name/id/role: 1..PB_MAX_ID bytes of [a-z0-9-]. */
int pb_valid_id(const char *s);

/* Load NAME.playbook from the first directory of the colon-separated SEARCH_PATH that has
 * it; IRD_ENOTFOUND if none does. The file's "name" must equal NAME. */
int playbook_find(const char *search_path, const char *name, playbook **out, ird_err *e);
/* List the playbooks (*.playbook files with a valid name) in SEARCH_PATH: sorted unique
 * names with the path of the first directory's file; missing directories are skipped.
 * Free with playbook_list_free. */
int playbook_list(const char *search_path, char ***names, char ***paths, size_t *n,
                  ird_err *e);
/* The same for files NAME.SUFFIX (".scenario"...). */
int pb_list_files(const char *search_path, const char *suffix, char ***names, char ***paths,
                  size_t *n, ird_err *e);
/* Free what playbook_list returned. */
void playbook_list_free(char **names, char **paths, size_t n);

#endif
