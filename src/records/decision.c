/* decision.c - decisions taken in a case. Owns the decisions table. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "base/conffile.h"
#include "records/decision.h"
#include "store/event.h"

#define DECISION_AUDIT_JSON \
	"json_object('case_id', case_id, 'question', question, 'choice', choice," \
	" 'rationale', rationale, 'paths', paths, 'open_paths', open_paths," \
	" 'decided_at', decided_at, 'decided_by', decided_by)"

const audit_table decision_audit = {
	"decisions",
	"SELECT " DECISION_AUDIT_JSON " FROM decisions WHERE id = ?1",
	"SELECT id, " DECISION_AUDIT_JSON " FROM decisions ORDER BY id",
};

/* The questions irdesk knows, with their choices and the step
 * requirement (irdesk-playbook(5)) that a decision on them meets. */
static const struct question {
	const char *name;
	const char *choices;  /* as shown in messages */
	const char *requires;
} QUESTIONS[] = {
	{ "full-disconnect", "disconnect, partial, defer", "decision-full-disconnect" },
};
#define NQUESTIONS (sizeof(QUESTIONS) / sizeof(QUESTIONS[0]))

static const struct question *
find_question(const char *name)
{
	for (size_t i = 0; name && i < NQUESTIONS; i++)
		if (strcmp(name, QUESTIONS[i].name) == 0)
			return &QUESTIONS[i];
	return NULL;
}

static int
is_blank(const char *s)
{
	return !s || strspn(s, " \t\r\n") == strlen(s);
}

/* A copy of S without leading and trailing white space. */
static char *
trimmed(const char *s)
{
	size_t n;

	s += strspn(s, " \t\r\n");
	n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]))
		n--;
	return strndup(s, n);
}

/* 1 if WORD is one of the words of LIST ("a, b, c"). */
static int
one_of(const char *list, const char *word)
{
	size_t n = word ? strlen(word) : 0;

	while (n && *list) {
		size_t m = strcspn(list, ",");

		if (m == n && strncmp(list, word, n) == 0)
			return 1;
		list += m + strspn(list + m, ", ");
	}
	return 0;
}

static int
check_spec(const decision_spec *spec, ird_err *e)
{
	const struct question *q = find_question(spec->question);
	const char *ch = spec->choice;

	if (!q)
		return ird_fail(e, IRD_EUSAGE, _("unknown question \"%.80s\" (expected one of: "
		                "full-disconnect)"), spec->question ? spec->question : "");
	if (!one_of(q->choices, ch))
		return ird_fail(e, IRD_EUSAGE, _("invalid choice \"%.80s\" for %s (expected one of: %s)"),
		                ch ? ch : "", q->name, q->choices);
	if (is_blank(spec->rationale))
		return ird_fail(e, IRD_EUSAGE, _("a decision needs its rationale (--rationale TEXT): "
		                "why this choice, on what facts"));
	if (strlen(spec->rationale) > DECISION_TEXT_MAX)
		return ird_fail(e, IRD_EUSAGE, _("the rationale is longer than %d bytes"),
		                DECISION_TEXT_MAX);
	if (strcmp(ch, "defer") == 0 && spec->paths)
		return ird_fail(e, IRD_EUSAGE, _("defer cuts nothing: drop --paths"));
	if (strcmp(ch, "partial") == 0 && !spec->paths)
		return ird_fail(e, IRD_EUSAGE, _("partial needs --paths: the paths that are cut"));
	return IRD_OK;
}

/* The names of comma list ALL that are not in comma list CUT. */
static char *
list_minus(const char *all, const char *cut)
{
	char *out = calloc(1, strlen(all) + 1);
	size_t k = 0;

	for (const char *p = all; out && *p;) {
		size_t n = strcspn(p, ",");
		int found = 0;

		for (const char *q = cut; *q && !found;) {
			size_t m = strcspn(q, ",");

			found = m == n && strncmp(p, q, n) == 0;
			q += m + (q[m] == ',');
		}
		if (!found)
			k += (size_t)sprintf(out + k, "%s%.*s", k ? "," : "", (int)n, p);
		p += n + (p[n] == ',');
	}
	return out;
}

int
decision_plan(const decision_spec *spec, char **cut, char **open, ird_err *e)
{
	ird_err pe = { 0 };
	char *known = NULL;
	int rc;

	*cut = *open = NULL;
	if ((rc = check_spec(spec, e)) != IRD_OK)
		return rc;
	rc = config_parse_paths(spec->known_paths ? spec->known_paths
	                                          : CONFIG_DEFAULT_EXTERNAL_PATHS, &known, &pe);
	if (rc != IRD_OK)
		return ird_fail(e, rc, _("the known external paths (external-paths): %s"), pe.msg);
	if (strcmp(spec->choice, "defer") == 0)
		*cut = strdup("");
	else if (spec->paths)
		rc = config_parse_paths(spec->paths, cut, e);
	else
		*cut = strdup(known);
	if (rc == IRD_OK && *cut)
		*open = list_minus(known, *cut);
	free(known);
	if (rc == IRD_OK && (!*cut || !*open))
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (rc != IRD_OK) {
		free(*cut);
		free(*open);
		*cut = *open = NULL;
	}
	return rc;
}

/* ["a","b"] from "a,b": the names are [a-z0-9._-] (config_parse_paths),
 * so nothing needs escaping. */
static char *
json_array(const char *list)
{
	char *out = malloc(strlen(list) * 3 + 8), *o = out;

	if (!out)
		return NULL;
	*o++ = '[';
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");

		o += sprintf(o, "%s\"%.*s\"", o - out > 1 ? "," : "", (int)n, p);
		p += n + (p[n] == ',');
	}
	strcpy(o, "]");
	return out;
}

/* "a, b" from "a,b", for people. */
static char *
spaced(const char *list)
{
	char *out = malloc(strlen(list) * 2 + 1), *o = out;

	for (const char *p = list; out && *p; p++) {
		*o++ = *p;
		if (*p == ',')
			*o++ = ' ';
	}
	if (out)
		*o = '\0';
	return out;
}

static int
insert(ird_ctx *c, int64_t case_id, const decision_spec *spec, const char *rationale,
       const char *cut, const char *open, int64_t *id, ird_err *e)
{
	static const char sql[] =
		"INSERT INTO decisions (case_id, question, choice, rationale, paths, open_paths,"
		" decided_at, decided_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	char *jcut = json_array(cut), *jopen = json_array(open);
	sqlite3_stmt *st;
	int rc = jcut && jopen ? store_stmt(c->store, sql, &st, e)
	                       : ird_fail(e, IRD_EFAIL, _("out of memory"));

	if (rc == IRD_OK) {
		sqlite3_bind_int64(st, 1, case_id);
		store_bind_text(st, 2, spec->question);
		store_bind_text(st, 3, spec->choice);
		store_bind_text(st, 4, rationale);
		store_bind_text(st, 5, jcut);
		store_bind_text(st, 6, jopen);
		sqlite3_bind_int64(st, 7, clock_now(&c->clock));
		store_bind_text(st, 8, c->actor);
		rc = store_exec_stmt(c->store, st, e, N_("cannot record the decision"));
	}
	free(jcut);
	free(jopen);
	if (rc != IRD_OK)
		return rc;
	*id = store_last_rowid(c->store);
	return audit_record(c, "decision.add", &decision_audit, *id, e);
}

/* The timeline says what was cut and, loudly, what is still open: in 2015
 * the dedicated mail line stayed up six days after "full" disconnection. */
static int
add_event(ird_ctx *c, int64_t case_id, int64_t id, const decision_spec *spec,
          const char *rationale, const char *cut, const char *open, ird_err *e)
{
	char *scut = spaced(cut), *sopen = spaced(open), *text = NULL;
	size_t len = strlen(cut) * 2 + strlen(open) * 2 + strlen(rationale) + 200;
	int rc;

	if (scut && sopen && (text = malloc(len)))
		text_snprintf(text, len, "decision %lld on %s: %s. %s%s. %s%s. Rationale: %s",
		         (long long)id, spec->question, spec->choice, *cut ? "Cut: " : "Nothing cut",
		         scut, *open ? "STILL OPEN: " : "No known external path stays open", sopen,
		         rationale);
	rc = text ? event_add_tx(c, case_id, 0, "decision", text, e)
	          : ird_fail(e, IRD_EFAIL, _("out of memory"));
	free(scut);
	free(sopen);
	free(text);
	return rc;
}

int
decision_record_tx(ird_ctx *c, int64_t case_id, const decision_spec *spec, int64_t *id,
                   ird_err *e)
{
	char *cut = NULL, *open = NULL, *rationale = NULL;
	int rc;

	if ((rc = decision_plan(spec, &cut, &open, e)) != IRD_OK)
		return rc;
	if (!(rationale = trimmed(spec->rationale)))
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (rc == IRD_OK)
		rc = insert(c, case_id, spec, rationale, cut, open, id, e);
	if (rc == IRD_OK)
		rc = add_event(c, case_id, *id, spec, rationale, cut, open, e);
	free(cut);
	free(open);
	free(rationale);
	return rc;
}

const char *
decision_requirement(const char *question)
{
	const struct question *q = find_question(question);

	return q ? q->requires : NULL;
}

int
decision_exists(ird_ctx *c, int64_t case_id, const char *question, int *yes, ird_err *e)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM decisions WHERE case_id = ?1 AND question = ?2)";
	sqlite3_stmt *st;
	int rc;

	*yes = 0;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, question);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*yes = sqlite3_column_int(st, 0);
	rc = rc == SQLITE_ROW ? IRD_OK : store_fail(c->store, e, N_("cannot read decisions"));
	sqlite3_reset(st);
	return rc;
}

#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"

int
decision_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e)
{
	/* Field names are documented in irdesk(1). */
	static const char sql[] =
		"SELECT json_group_array(json(j)) FROM (SELECT json_object('id', id,"
		" 'question', question, 'choice', choice, 'rationale', rationale,"
		" 'paths', json(coalesce(paths, '[]')), 'open_paths', json(coalesce(open_paths, '[]')),"
		" 'decided_at', " ISO("decided_at") ", 'decided_by', decided_by) AS j"
		" FROM decisions WHERE case_id = ?1 ORDER BY decided_at, id)";
	return store_query_json_array(c->store, sql, case_id, json, e);
}

struct decision_visit {
	int (*fn)(void *arg, const decision_row *row);
	void *arg;
};

/* One row of decision_each's listing, handed to the caller's function. */
static int
decision_visit_row(void *arg, sqlite3_stmt *st)
{
	struct decision_visit *v = arg;
	decision_row r = {
		sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
		sqlite3_column_int64(st, 2), (const char *)sqlite3_column_text(st, 3),
		(const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5),
		(const char *)sqlite3_column_text(st, 6), (const char *)sqlite3_column_text(st, 7),
		(const char *)sqlite3_column_text(st, 8),
	};

	return v->fn(v->arg, &r);
}

int
decision_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const decision_row *d),
              void *arg, ird_err *e)
{
	static const char sql[] =
		"SELECT id, case_id, decided_at, question, choice, rationale, decided_by, paths,"
		" open_paths FROM decisions WHERE case_id = ?1 ORDER BY decided_at, id";
	struct decision_visit v = { fn, arg };

	return store_each(c->store, sql, case_id, decision_visit_row, &v,
	                  N_("cannot read decisions"), e);
}
