/* notify.c - notifications: who was told, how, when. Owns the
 * notifications table. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "store/event.h"
#include "records/notify.h"
#include "base/vocab.h"
#include "base/playbook.h"

#define NOTIFY_AUDIT_JSON \
	"json_object('case_id', case_id, 'role', role, 'channel', channel, 'at', at," \
	" 'recorded_at', recorded_at, 'by', by, 'note', note)"

const audit_table notify_audit = {
	"notifications",
	"SELECT " NOTIFY_AUDIT_JSON " FROM notifications WHERE id = ?1",
	"SELECT id, " NOTIFY_AUDIT_JSON " FROM notifications ORDER BY id",
};

static const char *const CHANNELS[] = {
	"phone", "email", "meeting", "chat", "letter", "other", NULL
};

int
notify_check_role(const char *role, char out[NOTIFY_ROLE_MAX + 1], ird_err *e)
{
	size_t n = role ? strlen(role) : 0;

	out[0] = '\0';
	if (n > 0 && n <= NOTIFY_ROLE_MAX) {
		for (size_t i = 0; i <= n; i++)
			out[i] = role[i] >= 'A' && role[i] <= 'Z' ? (char)(role[i] - 'A' + 'a') : role[i];
		/* The same rule as the roles of playbook rules, so they can match. */
		if (pb_valid_id(out))
			return IRD_OK;
	}
	out[0] = '\0';
	return ird_fail(e, IRD_EUSAGE, _("invalid role \"%.80s\" (csirt-lead, executives, ministry, "
	                "regulator, police, staff, operator, vendor, or another word of a-z, 0-9 "
	                "and -, at most %d)"), role ? role : "", NOTIFY_ROLE_MAX);
}

int
notify_check_channel(const char *channel, ird_err *e)
{
	return vocab_check(CHANNELS, N_("channel"), channel, e);
}

/* Everything that can be said about SPEC before touching the store. */
static int
check_spec(ird_ctx *c, const notify_spec *spec, char role[NOTIFY_ROLE_MAX + 1], int64_t *at,
           ird_err *e)
{
	int64_t now = clock_now(&c->clock);
	int rc;

	if ((rc = notify_check_role(spec->role, role, e)) != IRD_OK ||
	    (rc = notify_check_channel(spec->channel, e)) != IRD_OK)
		return rc;
	if (spec->note && strlen(spec->note) > NOTIFY_TEXT_MAX)
		return ird_fail(e, IRD_EUSAGE, _("the note is longer than %d bytes"), NOTIFY_TEXT_MAX);
	*at = spec->at ? spec->at : now;
	/* A notification recorded ahead of time would silence a timer early. */
	if (*at > now)
		return ird_fail(e, IRD_EUSAGE, _("--at is in the future: record a notification once "
		                "it has been made"));
	return IRD_OK;
}

static int
insert(ird_ctx *c, int64_t case_id, const notify_spec *spec, const char *role, int64_t at,
       int64_t *id, ird_err *e)
{
	static const char sql[] =
		"INSERT INTO notifications (case_id, role, channel, at, recorded_at, by, note)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_stmt(c->store, sql, &st, e)) != IRD_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, role);
	store_bind_text(st, 3, spec->channel);
	sqlite3_bind_int64(st, 4, at);
	sqlite3_bind_int64(st, 5, clock_now(&c->clock));
	store_bind_text(st, 6, c->actor);
	store_bind_text(st, 7, spec->note && *spec->note ? spec->note : NULL);
	if ((rc = store_exec_stmt(c->store, st, e, N_("cannot record the notification"))) != IRD_OK)
		return rc;
	*id = store_last_rowid(c->store);
	return audit_record(c, "notify.add", &notify_audit, *id, e);
}

int
notify_check(ird_ctx *c, const notify_spec *spec, ird_err *e)
{
	char role[NOTIFY_ROLE_MAX + 1];
	int64_t at;

	return check_spec(c, spec, role, &at, e);
}

int
notify_record_tx(ird_ctx *c, int64_t case_id, const notify_spec *spec, int64_t *id,
                 notify_effect *fx, ird_err *e)
{
	char *text;
	size_t len;
	int rc;

	if ((rc = check_spec(c, spec, fx->role, &fx->at, e)) != IRD_OK ||
	    (rc = insert(c, case_id, spec, fx->role, fx->at, id, e)) != IRD_OK)
		return rc;
	len = strlen(fx->role) + strlen(spec->channel) + (spec->note ? strlen(spec->note) : 0) + 80;
	if (!(text = malloc(len)))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	text_snprintf(text, len, "%s told by %s (notification %lld)%s%s", fx->role, spec->channel,
	         (long long)*id, spec->note && *spec->note ? ": " : "",
	         spec->note ? spec->note : "");
	rc = event_add_tx(c, case_id, fx->at, "notify", text, e);
	free(text);
	return rc;
}

#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"

int
notify_list_json(ird_ctx *c, int64_t case_id, char **json, ird_err *e)
{
	/* Field names are documented in irdesk(1). */
	static const char sql[] =
		"SELECT json_group_array(json(j)) FROM (SELECT json_object('id', id, 'role', role,"
		" 'channel', channel, 'at', " ISO("at") ", 'recorded_at', " ISO("recorded_at") ","
		" 'by', by, 'note', note) AS j"
		" FROM notifications WHERE case_id = ?1 ORDER BY at, id)";
	return store_query_json_array(c->store, sql, case_id, json, e);
}

struct notify_visit {
	int (*fn)(void *arg, const notify_row *row);
	void *arg;
};

/* One row of notify_each's listing, handed to the caller's function. */
static int
notify_visit_row(void *arg, sqlite3_stmt *st)
{
	struct notify_visit *v = arg;
	notify_row r = {
		sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
		sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
		(const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5),
		(const char *)sqlite3_column_text(st, 6), (const char *)sqlite3_column_text(st, 7),
	};

	return v->fn(v->arg, &r);
}

int
notify_each(ird_ctx *c, int64_t case_id, int (*fn)(void *arg, const notify_row *n), void *arg,
            ird_err *e)
{
	static const char sql[] =
		"SELECT id, case_id, at, recorded_at, role, channel, by, note FROM notifications"
		" WHERE case_id = ?1 ORDER BY at, id";
	struct notify_visit v = { fn, arg };

	return store_each(c->store, sql, case_id, notify_visit_row, &v,
	                  N_("cannot read notifications"), e);
}
