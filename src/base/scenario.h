/* scenario.h - the exercise scenario format (irdesk-scenario(5)): a story
 * start, injects at offsets that add timeline events, indicators, assets,
 * evidence or messages, expectations with deadlines, and the reference
 * timeline of the real incident. Pure: no database. A scenario is loaded
 * whole or not at all; errors are "FILE:LINE: problem". */
#ifndef IRDESK_SCENARIO_H
#define IRDESK_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define SC_MAX_FILE (1024 * 1024) /* bytes in one scenario file */
#define SC_MAX_INJECTS 1000
#define SC_MAX_ITEMS 100          /* contents, and separately expectations, per inject */
#define SC_MAX_OFFSET (3650LL * 86400)

/* What an inject adds to the exercise case. */
typedef enum {
	SC_MESSAGE,   /* a message to the participants (also on the timeline) */
	SC_EVENT,     /* a timeline event */
	SC_INDICATOR, /* ROLE TYPE VALUE */
	SC_ASSET,     /* HOST SITE STATE */
	SC_EVIDENCE,  /* KIND [exfiltration] DESCRIPTION */
} sc_what;

typedef struct sc_item {
	sc_what what;
	char *text;               /* message, event, evidence description */
	char *role, *type, *value; /* indicator */
	char *host, *site, *state; /* asset; site NULL for "-" */
	char *kind;               /* evidence kind */
	int exfil;                /* evidence marked as exfiltration */
} sc_item;

/* What the team is expected to do. */
typedef enum {
	SC_X_NOTIFY,       /* notify ROLE */
	SC_X_STEP,         /* step STEP-ID done */
	SC_X_BLOCK_DOMAIN, /* block-domain VALUE: the registrable domain of indicator VALUE */
	SC_X_BLOCK_SENDER, /* block-sender VALUE: the address of indicator VALUE */
	SC_X_DECISION,     /* decision QUESTION (e.g. full-disconnect) */
} sc_xkind;

typedef struct sc_expect {
	sc_xkind kind;
	char *target;       /* role, step id, indicator value or question */
	long long within_s; /* seconds after the inject's release; -1 in a reference */
	char *by;           /* the role scored for it */
} sc_expect;

typedef struct sc_inject {
	char *id, *title;
	char *title_ja;     /* title[ja]; may be NULL */
	long long at_s;     /* offset from the story start (may be negative: background) */
	sc_item *items;
	size_t nitems;
	sc_expect *expects;
	size_t nexpects;
} sc_inject;

/* One line of the reference timeline: what was done in the real incident. */
typedef struct sc_ref {
	char *id, *title;
	char *title_ja, *note_ja; /* title[ja], note[ja]; may be NULL */
	int never;          /* 1: it never was done */
	int64_t at;         /* story time it was done (when !never) */
	char *since;        /* inject id the delay counts from; NULL: the story start */
	int has_match;
	sc_expect match;    /* the exercise's counterpart (within_s -1) */
	char *note;
} sc_ref;

typedef struct scenario {
	char *name, *title, *title_ja, *description; /* title_ja, description may be NULL */
	char *description_ja; /* description[ja]; may be NULL */
	char *playbook;     /* NULL: none */
	char *severity;     /* of the exercise case; "high" unless given */
	int64_t start;      /* the story's T+0, UTC */
	sc_inject *injects; /* in time order */
	size_t ninjects;
	sc_ref *refs;
	size_t nrefs;
	char *text;         /* the exact source text, copied into the exercise */
	size_t textlen;
	char *origin;
} scenario;

/* Parse LEN bytes of TEXT (ORIGIN names it in messages). *OUT a new
 * scenario (scenario_free), or NULL and IRD_EUSAGE "ORIGIN:LINE: problem". */
int scenario_parse(const char *text, size_t len, const char *origin, scenario **out,
                   ird_err *e);
/* Read and parse the file PATH. */
int scenario_load(const char *path, scenario **out, ird_err *e);
void scenario_free(scenario *sc);

/* "T+4h30m", "T-16d", "T+0" into seconds; 0, or -1 if invalid. */
int scenario_offset_parse(const char *s, long long *out);
/* Seconds as "T+4h30m" / "T-16d" into BUF. */
void scenario_offset_format(long long s, char *buf, size_t len);

/* The inject with ID and its index (may be NULL), or NULL. */
const sc_inject *scenario_inject(const scenario *sc, const char *id, size_t *index);

/* Words of the vocabularies, as written in a scenario. */
const char *scenario_what_name(sc_what w);
const char *scenario_xkind_name(sc_xkind k);

/* "notify executives", "block-domain evil.example" ... into BUF. */
void scenario_expect_format(const sc_expect *x, char *buf, size_t len);

/* What a person reads: the [ja] text when the messages are Japanese
 * (i18n_is_japanese) and the scenario has it, else the English. */
const char *scenario_title(const scenario *sc);
const char *scenario_description(const scenario *sc);
const char *scenario_inject_title(const sc_inject *in);
const char *scenario_ref_title(const sc_ref *rf);
const char *scenario_ref_note(const sc_ref *rf);

/* A malloc'd multi-line summary for `irdesk scenario show`; NULL if out of memory. */
char *scenario_describe(const scenario *sc);

/* Find NAME.scenario in the colon-separated SEARCH_PATH (IRD_ENOTFOUND if
 * none has it); a NAME with a '/' is read as a file. */
int scenario_find(const char *search_path, const char *name, scenario **out, ird_err *e);
/* The scenarios in SEARCH_PATH: sorted unique names with the path of the
 * first directory's file. Free with scenario_list_free. */
int scenario_list(const char *search_path, char ***names, char ***paths, size_t *n,
                  ird_err *e);
void scenario_list_free(char **names, char **paths, size_t n);

#endif
