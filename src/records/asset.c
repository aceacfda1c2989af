/* asset.c - hosts of a case and their state. Owns the assets table. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "records/asset.h"
#include "base/vocab.h"
#include "store/event.h"
#include "base/text.h"

#define ASSET_AUDIT_JSON \
	"json_object('case_id', case_id, 'host', host, 'site', site, 'state', state," \
	" 'added_at', added_at, 'infected_at', infected_at, 'isolated_at', isolated_at," \
	" 'changed_at', changed_at)"

const audit_table asset_audit = {
	"assets",
	"SELECT " ASSET_AUDIT_JSON " FROM assets WHERE id = ?1",
	"SELECT id, " ASSET_AUDIT_JSON " FROM assets ORDER BY id",
};

#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"

/* Isolated now, and marked so at some point: an image alone is not. */
#define ISOLATED_SQL "(state IN ('isolated', 'imaged', 'clean') AND isolated_at IS NOT NULL)"

static const char *const ADD_STATES[] = { "suspected", "infected", NULL };
static const char *const SET_STATES[] = { "infected", "isolated", "imaged", "clean", NULL };

int
asset_check_state(const char *state, int adding, ird_err *e)
{
	return vocab_check(adding ? ADD_STATES : SET_STATES, N_("state"), state, e);
}

int
asset_name_clean(const char *s, const char *what, int empty_ok, char **out, ird_err *e)
{
	size_t start = 0, end = s ? strlen(s) : 0;

	*out = NULL;
	what = _(what); /* marked N_() by the caller */
	while (start < end && isspace((unsigned char)s[start]))
		start++;
	while (end > start && isspace((unsigned char)s[end - 1]))
		end--;
	if (start == end)
		return empty_ok ? IRD_OK : ird_fail(e, IRD_EUSAGE, _("the %s is empty"), what);
	if (end - start > ASSET_NAME_MAX)
		return ird_fail(e, IRD_EUSAGE, _("the %s is longer than %d bytes"), what, ASSET_NAME_MAX);
	for (size_t i = start; i < end;) {
		unsigned cp;
		size_t n = text_utf8_decode(s + i, end - i, &cp);

		if (n == 0)
			return ird_fail(e, IRD_EUSAGE, _("the %s is not valid UTF-8"), what);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			return ird_fail(e, IRD_EUSAGE, _("the %s contains a control character"), what);
		i += n;
	}
	if (!(*out = strndup(s + start, end - start)))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	return IRD_OK;
}

/* An asset as it is before a change. */
struct current {
	int64_t id, case_id;
	char *host, *site, *state; /* host as first recorded */
};

static void
current_free(struct current *a)
{
	free(a->host);
	free(a->site);
	free(a->state);
	memset(a, 0, sizeof(*a));
}

/* Load the asset HOST (already clean) of the case; *FOUND 0 if absent. */
static int
load(ird_ctx *c, int64_t case_id, const char *host, struct current *a, int *found, ird_err *e)
{
	static const char sql[] =
		"SELECT id, host, site, state FROM assets WHERE case_id = ?1 AND host = ?2";
	sqlite3_stmt *st;
	int rc;

	memset(a, 0, sizeof(*a));
	*found = 0;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, host);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = 1;
		a->id = sqlite3_column_int64(st, 0);
		a->case_id = case_id;
		a->host = store_col_strdup(st, 1);
		a->site = store_col_strdup(st, 2);
		a->state = store_col_strdup(st, 3);
		rc = !a->host || !a->state || (!a->site && sqlite3_column_type(st, 2) != SQLITE_NULL)
		             ? ird_fail(e, IRD_EFAIL, _("out of memory")) : IRD_OK;
	} else {
		rc = rc == SQLITE_DONE ? IRD_OK : store_fail(c->store, e, N_("cannot read the asset"));
	}
	sqlite3_reset(st);
	if (rc != IRD_OK)
		current_free(a);
	return rc;
}

/* Distinct sites of ever-infected assets: how many, and their names. */
static int
infected_sites(ird_ctx *c, int64_t case_id, int64_t *count, char **names, ird_err *e)
{
	static const char sql[] =
		"SELECT count(*), group_concat(site, ', ') FROM (SELECT DISTINCT site FROM assets"
		" WHERE case_id = ?1 AND infected_at IS NOT NULL AND site IS NOT NULL ORDER BY site)";
	sqlite3_stmt *st;
	int rc;

	if (names)
		*names = NULL;
	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*count = sqlite3_column_int64(st, 0);
		if (names && *count && !(*names = store_col_strdup(st, 1)))
			rc = SQLITE_NOMEM;
	}
	rc = rc == SQLITE_ROW ? IRD_OK
	                       : store_fail_step(c->store, rc, e, N_("cannot count the infected sites"));
	sqlite3_reset(st);
	return rc;
}

/* After a change: if the infection now reaches more sites than BEFORE,
 * and at least two, put the sites in the effect (the action writes the
 * line and fires multi-site; the engine makes a second firing a no-op). */
static int
spread(ird_ctx *c, int64_t case_id, int64_t before, asset_effect *fx, ird_err *e)
{
	int64_t after = 0;
	char *names = NULL;
	int rc;

	if ((rc = infected_sites(c, case_id, &after, &names, e)) != IRD_OK)
		return rc;
	if (after < 2 || after <= before) {
		free(names);
		return IRD_OK;
	}
	fx->sites = after;
	fx->site_names = names;
	return IRD_OK;
}

int
asset_spread_tx(ird_ctx *c, int64_t case_id, const asset_effect *fx, ird_err *e)
{
	char *text;
	int rc;

	if (!fx->sites)
		return IRD_OK;
	if (asprintf(&text, "infected assets at %lld sites: %s", (long long)fx->sites,
	             fx->site_names ? fx->site_names : "") < 0)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	rc = event_add_tx(c, case_id, 0, "asset", text, e);
	free(text);
	return rc;
}

void
asset_effect_free(asset_effect *fx)
{
	free(fx->host);
	free(fx->site_names);
	memset(fx, 0, sizeof(*fx));
}

/* The effect's host: a copy of HOST. */
static int
effect_host(asset_effect *fx, int64_t id, const char *host, ird_err *e)
{
	fx->id = id;
	if (!(fx->host = strdup(host)))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	return IRD_OK;
}

/* Write an event about HOST: "asset HOST " followed by WHAT. */
static int
asset_event(ird_ctx *c, int64_t case_id, const char *host, const char *what, ird_err *e)
{
	char *text;
	int rc;

	if (asprintf(&text, "asset %s %s", host, what) < 0)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	rc = event_add_tx(c, case_id, 0, "asset", text, e);
	free(text);
	return rc;
}

static int
insert(ird_ctx *c, int64_t case_id, const char *host, const char *site, const char *state,
       int64_t *id, ird_err *e)
{
	static const char sql[] =
		"INSERT INTO assets (case_id, host, site, state, added_at, infected_at, changed_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, iif(?4 = 'infected', ?5, NULL), ?5)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, host);
	store_bind_text(st, 3, site);
	store_bind_text(st, 4, state);
	sqlite3_bind_int64(st, 5, clock_now(&c->clock));
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot add the asset"))) != IRD_OK)
		return rc;
	*id = store_last_rowid(c->store);
	return audit_record(c, "asset.add", &asset_audit, *id, e);
}

static int
refuse_duplicate(const struct current *a, ird_err *e)
{
	if (a->site)
		return ird_fail(e, IRD_EFAIL, _("host %s is already an asset of the case (%s, at %s);"
		                " change it with 'asset set'"), a->host, a->state, a->site);
	return ird_fail(e, IRD_EFAIL, _("host %s is already an asset of the case (%s);"
	                " change it with 'asset set'"), a->host, a->state);
}

/* The part of asset_add_tx after the names are clean. */
static int
add_clean(ird_ctx *c, int64_t case_id, const char *host, const char *site, const char *state,
          asset_effect *fx, ird_err *e)
{
	struct current old;
	int64_t before = 0, id;
	char what[ASSET_NAME_MAX + 64];
	int found, rc;

	if ((rc = load(c, case_id, host, &old, &found, e)) != IRD_OK)
		return rc;
	if (found) {
		rc = refuse_duplicate(&old, e);
		current_free(&old);
		return rc;
	}
	if ((rc = infected_sites(c, case_id, &before, NULL, e)) != IRD_OK ||
	    (rc = insert(c, case_id, host, site, state, &id, e)) != IRD_OK ||
	    (rc = effect_host(fx, id, host, e)) != IRD_OK)
		return rc;
	text_snprintf(what, sizeof(what), "added (%s%s%s)", state, site ? ", at " : "", site ? site : "");
	if ((rc = asset_event(c, case_id, host, what, e)) != IRD_OK)
		return rc;
	if (strcmp(state, "infected") != 0)
		return IRD_OK;
	fx->infected = 1;
	return spread(c, case_id, before, fx, e);
}

int
asset_add_tx(ird_ctx *c, int64_t case_id, const char *host, const char *site,
             const char *state, asset_effect *fx, ird_err *e)
{
	char *h = NULL, *s = NULL;
	int rc;

	memset(fx, 0, sizeof(*fx));
	if (!state)
		state = "suspected";
	if ((rc = asset_check_state(state, 1, e)) != IRD_OK ||
	    (rc = asset_name_clean(host, N_("host name"), 0, &h, e)) != IRD_OK ||
	    (rc = asset_name_clean(site, N_("site"), 1, &s, e)) != IRD_OK) {
		free(h);
		return rc;
	}
	rc = add_clean(c, case_id, h, s, state, fx, e);
	free(h);
	free(s);
	return rc;
}

static int
update_state(ird_ctx *c, const struct current *a, const char *state, ird_err *e)
{
	/* infected_at and isolated_at keep the first time: the facts the
	 * deadlines and the isolate step depend on. */
	static const char sql[] =
		"UPDATE assets SET state = ?2, changed_at = ?3,"
		" infected_at = iif(?2 = 'infected', coalesce(infected_at, ?3), infected_at),"
		" isolated_at = iif(?2 = 'isolated', coalesce(isolated_at, ?3), isolated_at)"
		" WHERE id = ?1";
	char what[128];
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, a->id);
	store_bind_text(st, 2, state);
	sqlite3_bind_int64(st, 3, clock_now(&c->clock));
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot change the asset"))) != IRD_OK ||
	    (rc = audit_record(c, "asset.set", &asset_audit, a->id, e)) != IRD_OK)
		return rc;
	text_snprintf(what, sizeof(what), "state changed from %s to %s", a->state, state);
	return asset_event(c, a->case_id, a->host, what, e);
}

static int
update_site(ird_ctx *c, const struct current *a, const char *site, ird_err *e)
{
	static const char sql[] = "UPDATE assets SET site = ?2, changed_at = ?3 WHERE id = ?1";
	char what[2 * ASSET_NAME_MAX + 64];
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, a->id);
	store_bind_text(st, 2, site);
	sqlite3_bind_int64(st, 3, clock_now(&c->clock));
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot change the asset"))) != IRD_OK ||
	    (rc = audit_record(c, "asset.set", &asset_audit, a->id, e)) != IRD_OK)
		return rc;
	text_snprintf(what, sizeof(what), "site changed from %s to %s", a->site ? a->site : "(none)",
	         site ? site : "(none)");
	return asset_event(c, a->case_id, a->host, what, e);
}

static int
same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* Apply STATE (NULL: unchanged) and, if SITE_GIVEN, SITE to asset A. */
static int
change_loaded(ird_ctx *c, const struct current *a, const char *state, int site_given,
              const char *site, asset_effect *fx, ird_err *e)
{
	int state_changes = state && strcmp(state, a->state) != 0;
	int site_changes = site_given && !same(site, a->site);
	int to_infected = state_changes && strcmp(state, "infected") == 0;
	int64_t before = 0;
	int rc;

	if ((rc = effect_host(fx, a->id, a->host, e)) != IRD_OK)
		return rc;
	if (!state_changes && !site_changes)
		return IRD_OK;
	if ((rc = infected_sites(c, a->case_id, &before, NULL, e)) != IRD_OK)
		return rc;
	if (state_changes && (rc = update_state(c, a, state, e)) != IRD_OK)
		return rc;
	if (site_changes && (rc = update_site(c, a, site, e)) != IRD_OK)
		return rc;
	fx->infected = to_infected;
	if (to_infected || site_changes)
		return spread(c, a->case_id, before, fx, e);
	return IRD_OK;
}

int
asset_change_tx(ird_ctx *c, int64_t case_id, const char *host, const asset_change *ch,
                asset_effect *fx, ird_err *e)
{
	char *h = NULL, *site = NULL;
	struct current a;
	int found = 0, rc;

	memset(fx, 0, sizeof(*fx));
	if (!ch->state && !ch->site)
		return ird_fail(e, IRD_EUSAGE, _("nothing to change (give a state or a site)"));
	if ((ch->state && (rc = asset_check_state(ch->state, 0, e)) != IRD_OK) ||
	    (rc = asset_name_clean(host, N_("host name"), 0, &h, e)) != IRD_OK)
		return rc;
	if (ch->site && (rc = asset_name_clean(ch->site, N_("site"), 1, &site, e)) != IRD_OK) {
		free(h);
		return rc;
	}
	rc = load(c, case_id, h, &a, &found, e);
	if (rc == IRD_OK && !found)
		rc = ird_fail(e, IRD_ENOTFOUND, _("no asset \"%s\" in the case"), h);
	if (rc == IRD_OK)
		rc = change_loaded(c, &a, ch->state, ch->site != NULL, site, fx, e);
	current_free(&a);
	free(h);
	free(site);
	return rc;
}

int
asset_lookup(ird_ctx *c, int64_t case_id, const char *host, int64_t *id, char **name,
             ird_err *e)
{
	struct current a;
	char *h = NULL;
	int found = 0, rc;

	if ((rc = asset_name_clean(host, N_("host name"), 0, &h, e)) != IRD_OK)
		return rc;
	rc = load(c, case_id, h, &a, &found, e);
	if (rc == IRD_OK && !found)
		rc = ird_fail(e, IRD_ENOTFOUND, _("no asset \"%s\" in the case"), h);
	if (rc == IRD_OK) {
		*id = a.id;
		if (name) {
			*name = a.host;
			a.host = NULL;
		}
	}
	current_free(&a);
	free(h);
	return rc;
}

int
asset_find(ird_ctx *c, int64_t case_id, const char *host, int64_t *id, ird_err *e)
{
	return asset_lookup(c, case_id, host, id, NULL, e);
}

int
asset_is_isolated(ird_ctx *c, int64_t asset_id, int *yes, ird_err *e)
{
	static const char sql[] = "SELECT " ISOLATED_SQL " FROM assets WHERE id = ?1";
	int64_t v = 0;
	int rc = store_query_int(c->store, sql, asset_id, &v, N_("no such asset"),
	                         N_("cannot read the asset"), e);

	*yes = v != 0;
	return rc;
}

int
asset_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e)
{
	/* Field names are documented in irdesk(1). */
	static const char sql[] =
		"SELECT json_group_array(json(j)) FROM (SELECT json_object('host', host,"
		" 'site', site, 'state', state,"
		" 'isolated', json(iif(" ISOLATED_SQL ", 'true', 'false')),"
		" 'added_at', " ISO("added_at") ", 'infected_at', " ISO("infected_at") ","
		" 'isolated_at', " ISO("isolated_at") ", 'changed_at', " ISO("changed_at") ") AS j"
		" FROM assets WHERE case_id = ?1 ORDER BY added_at, id)";
	return store_query_json_array(c->store, sql, case_id, json, e);
}

struct asset_visit {
	int (*fn)(void *arg, const asset_row *row);
	void *arg;
};

/* One row of asset_each's listing, handed to the caller's function. */
static int
asset_visit_row(void *arg, sqlite3_stmt *st)
{
	struct asset_visit *v = arg;
	asset_row a = {
		.id = sqlite3_column_int64(st, 0),
		.host = (const char *)sqlite3_column_text(st, 1),
		.site = (const char *)sqlite3_column_text(st, 2),
		.state = (const char *)sqlite3_column_text(st, 3),
		.added_at = sqlite3_column_int64(st, 4),
		.infected_at = sqlite3_column_int64(st, 5),
		.isolated_at = sqlite3_column_int64(st, 6),
		.changed_at = sqlite3_column_int64(st, 7),
	};

	return v->fn(v->arg, &a);
}

int
asset_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const asset_row *a), void *arg,
           ird_err *e)
{
	static const char sql[] =
		"SELECT id, host, site, state, added_at, coalesce(infected_at, 0),"
		" coalesce(isolated_at, 0), changed_at FROM assets WHERE case_id = ?1"
		" ORDER BY added_at, id";
	struct asset_visit v = { fn, arg };

	return store_each(c->store, sql, case_id, asset_visit_row, &v,
	                  N_("cannot list the assets"), e);
}
