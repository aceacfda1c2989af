/* report.h - the after-action report of a case (exercise or real): every
 * timer, step and expectation with when it was due and done (late by how
 * much, or never) and by whom; notifications; decisions and the paths they
 * left open; indicators never blocked or blocked by host only; the score
 * per role and overall; for an exercise whose scenario has a reference
 * timeline, the comparison with the real incident. Rendered as Markdown,
 * JSON or one self-contained HTML page (inline CSS and SVG, no scripts).
 *
 * report_build() is also the facilitator's live score: call it with the
 * ctx on the exercise clock (exercise_enter) and read report.score. */
#ifndef IRDESK_REPORT_H
#define IRDESK_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "base/scenario.h"
#include "store/ctx.h"

typedef enum { RP_TIMER, RP_EXPECT } rp_kind;
typedef enum { RP_ON_TIME, RP_LATE, RP_MISSED, RP_PENDING } rp_outcome;

/* One scored item: a playbook timer or a scenario expectation. */
typedef struct rp_item {
	rp_kind kind;
	char *what;     /* "notify executives", "step Isolate the infected host: PC-0801" */
	int xkind;      /* what it asks, as sc_xkind: a timer is SC_X_NOTIFY or SC_X_STEP */
	char *target;   /* the role told, the step, the indicator or the question */
	int overridden; /* a timer lifted by an override (by is "overridden") */
	char *role;     /* who is scored: a notified role, "responders", "executives" */
	char *source;   /* the rule, or the inject id */
	int64_t from, due, done; /* done 0: never */
	char *by;       /* who did it; NULL if nobody */
	rp_outcome outcome;
} rp_item;

typedef struct rp_score {
	char *role;     /* NULL: overall */
	int on_time, late, missed, pending;
} rp_score;

/* One line of the comparison with the real incident. */
typedef struct rp_compare {
	char *title;
	int ref_never;
	int64_t ref_delay;  /* seconds after its origin, in the real incident */
	int ex_never;
	int64_t ex_delay;   /* in this exercise */
	char *since;        /* what the delay counts from */
	char *note;
	char *title_ja, *note_ja;          /* the reference's [ja] text; may be NULL */
	char *since_title, *since_title_ja; /* the inject it counts from; NULL: the story start */
	int64_t ref_at, ex_at; /* story times (0: never) */
} rp_compare;

typedef struct report {
	char *case_json;     /* the case as JSON (case show --json shape) */
	char *hid, *title, *scenario, *scenario_title, *scenario_title_ja;
	int exercise;
	int64_t now, opened_at, story_start;
	rp_item *items;
	size_t nitems;
	rp_score *scores;    /* scores[0] is overall, then one per role */
	size_t nscores;
	/* Tab-separated lines; their times are UTC seconds, rendered per format. */
	char **notifications; /* at, role, by, channel, note */
	size_t nnotifications;
	char **decisions;    /* at, question, choice, by, rationale, open paths */
	size_t ndecisions;
	char **unblocked;    /* role, indicator, registrable domain, problem */
	size_t nunblocked;
	char **steps;        /* state, title, due, done, assignee: every step */
	size_t nsteps;
	rp_compare *compare;
	size_t ncompare;
	char audit_head[100]; /* SEQ:HASH when built: check --head proves it later */
} report;

/* Build the report of case CASE_ID as of C's clock. Free with report_free. */
int report_build(ird_ctx *c, int64_t case_id, report *r, ird_err *e);
void report_free(report *r);

typedef enum { REPORT_MD, REPORT_JSON, REPORT_HTML } report_format;

/* What IT asks, for people, in the messages' language: "notify executives",
 * 「経営層への通報」 (IT->what is the English one, for JSON). */
void report_item_what(const rp_item *it, char *buf, size_t len);

/* Render R (malloc'd text; NULL when out of memory). Markdown and HTML are
 * in the messages' language (i18n_push_lang for --lang) with local times;
 * JSON is the same whatever the language and the time zone. */
char *report_render(const report *r, report_format f);

#endif
