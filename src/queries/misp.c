/* misp.c - a case's indicators as a MISP event (MISP core format), built
 * by SQLite's JSON functions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/share.h"
#include "queries/stix.h"

/* The MISP type and category of an indicator. */
static void
misp_type(const indicator_row *r, const char **type, const char **category)
{
	const char *t = r->type;

	*category = "Payload delivery";
	if (strcmp(t, "email") == 0)
		*type = strcmp(r->role, "sender") == 0 ? "email-src" : "email";
	else if (strcmp(t, "subject") == 0)
		*type = "email-subject";
	else if (strcmp(t, "message-id") == 0)
		*type = "email-message-id";
	else if (strcmp(t, "url") == 0) {
		*type = "url";
		*category = strcmp(r->role, "c2") == 0 ? "Network activity" : "Payload delivery";
	} else if (strcmp(t, "domain") == 0) {
		*type = "domain";
		*category = "Network activity";
	} else if (strcmp(t, "ip") == 0) {
		*type = strcmp(r->role, "sender") == 0 ? "ip-src" : "ip-dst";
		*category = "Network activity";
	} else {
		*type = t; /* sha256, sha1, md5, filename: the same names */
	}
}

/* ?1 uuid, ?2 type, ?3 category, ?4 value, ?5 comment, ?6 to_ids ('true'/'false');
 * ?7 last seen. */
static const char ATTRIBUTE_SQL[] =
	"SELECT json_object('uuid', ?1, 'type', ?2, 'category', ?3, 'value', ?4,"
	" 'to_ids', json(?6), 'comment', ?5, 'timestamp', CAST(?7 AS TEXT),"
	" 'distribution', '5', 'disable_correlation', json('false'))";

/* ?1 uuid, ?2 info, ?3 org, ?4 org uuid, ?5 tag, ?6 attributes, ?7 threat level;
 * ?8 opened, ?9 latest. */
static const char EVENT_SQL[] =
	"SELECT json_object('Event', json_object('uuid', ?1, 'info', ?2,"
	" 'date', strftime('%Y-%m-%d', ?8, 'unixepoch'), 'timestamp', CAST(?9 AS TEXT),"
	" 'published', json('false'), 'analysis', '1', 'threat_level_id', ?7,"
	" 'distribution', '0', 'Orgc', json_object('name', ?3, 'uuid', ?4),"
	" 'Tag', json_array(json_object('name', ?5)), 'Attribute', json(?6)))";

static const char *
threat_level(const char *severity)
{
	if (strcmp(severity, "critical") == 0 || strcmp(severity, "high") == 0)
		return "1";
	return strcmp(severity, "medium") == 0 ? "2" : "3";
}

static int
add_attribute(ird_ctx *c, char **arr, const stix_rows *rows, const indicator_row *r,
              ird_err *e)
{
	const indicator_row *file = stix_is_hash(r->type) ? stix_attachment_name(rows, r) : NULL;
	const char *type, *category;
	char typebuf[32], uuid[37], *value = NULL, *name = NULL, *obj = NULL;
	int64_t ti[1] = { r->last_seen };
	int to_ids, rc;

	misp_type(r, &type, &category);
	if (file) {
		snprintf(typebuf, sizeof(typebuf), "filename|%s", r->type);
		type = typebuf;
	}
	/* A subject or a name alone matches too much to block on; role other
	 * (a look-alike link text, an imported unknown) is context; a
	 * Message-ID names one mail (in mail logs). */
	to_ids = stix_is_hash(r->type) || strcmp(r->type, "message-id") == 0 ||
	         (strcmp(r->role, "other") != 0 &&
	                              strcmp(r->type, "subject") != 0 &&
	                              strcmp(r->type, "filename") != 0);
	if ((strcmp(r->type, "message-id") == 0 ? asprintf(&value, "<%s>", r->normal)
	     : asprintf(&value, "%s%s%s", file ? file->normal : "", file ? "|" : "", r->normal)) < 0 ||
	    asprintf(&name, "misp-attribute|%s|%s|%s", rows->kase.uuid, type, value) < 0) {
		free(value);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	share_uuid(name, uuid);
	{
		const char *t[6] = { uuid, type, category, value, r->note ? r->note : "",
		                     to_ids ? "true" : "false" };

		rc = stix_sql_text(c, ATTRIBUTE_SQL, t, 6, ti, 1, &obj, e);
	}
	if (rc == IRD_OK)
		rc = stix_append(c, arr, obj, e);
	free(obj);
	free(value);
	free(name);
	return rc;
}

/* Whether file name R is carried by a filename|hash attribute already. */
static int
named_by_hash(const stix_rows *rows, const indicator_row *r)
{
	if (strcmp(r->type, "filename") != 0)
		return 0;
	for (size_t i = 0; i < rows->n; i++)
		if (stix_is_hash(rows->rows[i].type) && stix_attachment_name(rows, &rows->rows[i]) == r)
			return 1;
	return 0;
}

int
export_misp(ird_ctx *c, int64_t case_id, const char *org, int force, char **json, ird_err *e)
{
	stix_rows rows;
	char *arr = strdup("[]"), *name = NULL, *info = NULL, uuid[37], org_uuid[37];
	int rc;

	*json = NULL;
	if (!arr)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	if ((rc = stix_collect(c, case_id, force, &rows, e)) != IRD_OK) {
		free(arr);
		return rc;
	}
	for (size_t i = 0; i < rows.n && rc == IRD_OK; i++)
		if (!named_by_hash(&rows, &rows.rows[i]))
			rc = add_attribute(c, &arr, &rows, &rows.rows[i], e);
	if (rc == IRD_OK && (asprintf(&name, "misp-event|%s", rows.kase.uuid) < 0 ||
	                     asprintf(&info, "%s: %s", rows.kase.hid, rows.kase.title) < 0))
		rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (rc == IRD_OK) {
		char oname[300];
		int64_t ti[2] = { rows.kase.opened_at, rows.latest };
		const char *t[7] = { uuid, info, org, org_uuid, share_tlp_misp_tag(rows.kase.tlp), arr,
		                     threat_level(rows.kase.severity) };

		share_uuid(name, uuid);
		snprintf(oname, sizeof(oname), "org|%s", org);
		share_uuid(oname, org_uuid);
		rc = stix_sql_text(c, EVENT_SQL, t, 7, ti, 2, json, e);
	}
	free(arr);
	free(name);
	free(info);
	stix_rows_free(&rows);
	return rc;
}
