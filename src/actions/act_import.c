/* act_import.c - indicators from a peer's STIX 2.1 bundle or MISP event.
 * The JSON is read with SQLite's JSON functions (json_each, json_extract). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "actions/act_import.h"
#include "actions/act_ioc.h"
#include "base/i18n.h"
#include "base/share.h"
#include "records/indicator.h"
#include "store/event.h"

#define SEP "\x1f" /* between the items of a group_concat */

void
import_plan_free(import_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].origin);
		free(p->items[i].value);
		free(p->items[i].note);
		free(p->items[i].refused);
	}
	free(p->items);
	free(p->source);
	memset(p, 0, sizeof(*p));
}

/* The whole file, NUL-terminated (malloc'd). */
static int
read_file(const char *path, char **out, ird_err *e)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	size_t got;
	char *buf;

	*out = NULL;
	if (!f)
		return ird_fail(e, IRD_EFAIL, _("cannot open %s: %s"), path, strerror(errno));
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		fclose(f);
		return ird_fail(e, IRD_EUSAGE, _("%s is not a regular file"), path);
	}
	if ((uint64_t)sb.st_size > IMPORT_MAX_BYTES) {
		fclose(f);
		return ird_fail(e, IRD_EUSAGE, _("%s is larger than %u MiB (the limit)"), path,
		                IMPORT_MAX_BYTES >> 20);
	}
	if (!(buf = malloc((size_t)sb.st_size + 1))) {
		fclose(f);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	got = fread(buf, 1, (size_t)sb.st_size, f);
	fclose(f);
	if (got != (size_t)sb.st_size) {
		free(buf);
		return ird_fail(e, IRD_EFAIL, _("cannot read %s"), path);
	}
	buf[got] = '\0';
	if (strlen(buf) != got) {
		free(buf);
		return ird_fail(e, IRD_EUSAGE, _("%s is not JSON (it holds a NUL byte)"), path);
	}
	*out = buf;
	return IRD_OK;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Whether S is "TYPE--" and a UUID. */
static int
valid_id(const char *s, const char *type)
{
	size_t n = type ? strlen(type) : 0;

	if (!s || !type || strncmp(s, type, n) != 0 || strncmp(s + n, "--", 2) != 0)
		return 0;
	s += n + 2;
	if (strlen(s) != 36)
		return 0;
	for (int i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !strchr("0123456789abcdefABCDEF", s[i]))
			return 0;
	}
	return 1;
}

static int
valid_type(const char *t)
{
	if (!t || !*t || strlen(t) > 250)
		return 0;
	for (; *t; t++)
		if (!((*t >= 'a' && *t <= 'z') || (*t >= '0' && *t <= '9') || *t == '-'))
			return 0;
	return 1;
}

/* "TLP:AMBER+STRICT" for amber+strict; "TLP not given" for NULL. */
static const char *
tlp_label(const char *tlp)
{
	static const char *const L[][2] = { { "clear", "TLP:CLEAR" }, { "green", "TLP:GREEN" },
		{ "amber", "TLP:AMBER" }, { "amber+strict", "TLP:AMBER+STRICT" }, { "red", "TLP:RED" } };

	for (size_t i = 0; tlp && i < 5; i++)
		if (strcmp(L[i][0], tlp) == 0)
			return L[i][1];
	return "TLP not given";
}

/* Whether the SEP-separated LIST holds WORD. */
static int
list_has(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p && *p; p = strchr(p, SEP[0]), p = p ? p + 1 : NULL)
		if (strncmp(p, word, n) == 0 && (p[n] == '\0' || p[n] == SEP[0]))
			return 1;
	return 0;
}

/* ---- the plan ---- */

static import_item *
new_item(import_plan *p, ird_err *e)
{
	import_item *grown;

	if (p->n >= IMPORT_MAX_ITEMS) {
		ird_fail(e, IRD_EUSAGE, _("more than %d indicators (the limit)"), IMPORT_MAX_ITEMS);
		return NULL;
	}
	if (!(grown = realloc(p->items, (p->n + 1) * sizeof(*grown)))) {
		ird_fail(e, IRD_EFAIL, _("out of memory"));
		return NULL;
	}
	p->items = grown;
	memset(&grown[p->n], 0, sizeof(grown[p->n]));
	return &grown[p->n++];
}

/* An item that cannot be expressed: ORIGIN, VALUE (may be NULL), WHY. */
static int
refuse(import_plan *p, const char *origin, const char *value, const char *why, ird_err *e)
{
	import_item *it = new_item(p, e);

	if (!it)
		return e ? e->code : IRD_EFAIL;
	it->origin = strdup(origin);
	it->value = value ? strdup(value) : NULL;
	it->refused = strdup(why);
	p->nrefused++;
	if (!it->origin || !it->refused || (value && !it->value))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	return IRD_OK;
}

/* Plan TYPE VALUE with ROLE (NULL: the type's default): refused with the
 * normaliser's reason, merged with an item of the same normal form, or new. */
static int
plan(const ioc_normalizer *n, import_plan *p, const char *origin, const char *type,
     const char *role, const char *value, const char *note, ird_err *e)
{
	indicator_spec spec = { type, value, role, note, 0 };
	ird_err why = { 0 };
	import_item *it;
	ioc_type t;
	ioc_norm norm;

	if (indicator_check(n, &spec, &why) != IRD_OK)
		return refuse(p, origin, value, why.msg, e);
	if (ioc_type_parse(type, &t) != IRD_OK || ioc_normalize(n, t, value, &norm, &why) != IRD_OK)
		return refuse(p, origin, value, why.msg, e);
	for (size_t i = 0; i < p->n; i++) {
		ioc_norm other;
		int same;

		if (p->items[i].refused || strcmp(p->items[i].type, ioc_type_name(norm.type)) != 0)
			continue;
		if (ioc_normalize(n, norm.type, p->items[i].value, &other, NULL) != IRD_OK)
			continue;
		same = strcmp(other.normal, norm.normal) == 0;
		ioc_norm_free(&other);
		if (same) {
			ioc_norm_free(&norm);
			return IRD_OK;
		}
	}
	if (!(it = new_item(p, e))) {
		ioc_norm_free(&norm);
		return e ? e->code : IRD_EFAIL;
	}
	it->type = ioc_type_name(norm.type);
	ioc_norm_free(&norm);
	it->role = role ? role : indicator_default_role(t);
	it->origin = strdup(origin);
	it->value = strdup(value);
	it->note = strdup(note);
	if (!it->origin || !it->value || !it->note)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	return IRD_OK;
}

/* ---- STIX ---- */

static const char OBJECTS_SQL[] =
	"SELECT o.key, o.type, json_extract(o.value, '$.type'), json_extract(o.value, '$.id'),"
	" json_extract(o.value, '$.spec_version'), json_extract(o.value, '$.pattern'),"
	" json_extract(o.value, '$.pattern_type'), json_extract(o.value, '$.valid_from'),"
	" json_extract(o.value, '$.name'), json_extract(o.value, '$.created_by_ref'),"
	" (SELECT group_concat(m.value, char(31)) FROM json_each(o.value, '$.object_marking_refs') m),"
	" (SELECT group_concat(t.value, char(31)) FROM json_each(o.value, '$.indicator_types') t),"
	" (SELECT group_concat(l.value, char(31)) FROM json_each(o.value, '$.labels') l),"
	" json_extract(o.value, '$.definition_type'), json_extract(o.value, '$.definition.tlp'),"
	" json_extract(o.value, '$.revoked'), json_type(o.value, '$.pattern')"
	" FROM json_each(?1, '$.objects') o WHERE o.type = 'object'";

/* The first element of objects that is not a JSON object, if any. */
static const char NOT_OBJECT_SQL[] =
	"SELECT min(key) FROM json_each(?1, '$.objects') WHERE type != 'object'";

enum { O_KEY, O_JTYPE, O_TYPE, O_ID, O_SPEC, O_PATTERN, O_PTYPE, O_VALID_FROM, O_NAME,
       O_CREATED_BY, O_MARKINGS, O_ITYPES, O_LABELS, O_DEFTYPE, O_DEFTLP, O_REVOKED,
       O_PATTERN_JTYPE };

/* What the first pass learns: who is who, which marking is which TLP. */
typedef struct known {
	char **ids, **vals;
	size_t n;
} known;

static void
known_free(known *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->ids[i]);
		free(k->vals[i]);
	}
	free(k->ids);
	free(k->vals);
}

static int
known_add(known *k, const char *id, const char *val)
{
	char **a = realloc(k->ids, (k->n + 1) * sizeof(char *)), **b;

	if (!a)
		return -1;
	k->ids = a;
	if (!(b = realloc(k->vals, (k->n + 1) * sizeof(char *))))
		return -1;
	k->vals = b;
	a[k->n] = strdup(id);
	b[k->n] = strdup(val);
	k->n++;
	return a[k->n - 1] && b[k->n - 1] ? 0 : -1;
}

static const char *
known_get(const known *k, const char *id)
{
	for (size_t i = 0; id && i < k->n; i++)
		if (strcmp(k->ids[i], id) == 0)
			return k->vals[i];
	return NULL;
}

/* A TLP colour or name as irdesk names it ("white" and "TLP:WHITE" are clear). */
static const char *
tlp_word(const char *s)
{
	static const char *const WORDS[] = { "clear", "green", "amber", "amber+strict", "red", NULL };

	if (!s)
		return NULL;
	if (strncasecmp(s, "TLP:", 4) == 0)
		s += 4;
	if (strcasecmp(s, "white") == 0)
		return "clear";
	for (size_t i = 0; WORDS[i]; i++)
		if (strcasecmp(s, WORDS[i]) == 0)
			return WORDS[i];
	return NULL;
}

/* The strictest TLP among the SEP-separated marking ids. */
static const char *
tlp_of_markings(const known *tlps, const char *list)
{
	static const char *const ORDER[] = { "clear", "green", "amber", "amber+strict", "red" };
	int best = -1;

	for (const char *p = list; p && *p; p = strchr(p, SEP[0]), p = p ? p + 1 : NULL) {
		char id[SHARE_ID_LEN];
		size_t n = strcspn(p, SEP);
		const char *t;

		if (n >= sizeof(id))
			continue;
		memcpy(id, p, n);
		id[n] = '\0';
		if (!(t = share_tlp_of_marking(id)))
			t = known_get(tlps, id);
		for (int i = 0; t && i < 5; i++)
			if (strcmp(ORDER[i], t) == 0 && i > best)
				best = i;
	}
	return best < 0 ? NULL : ORDER[best];
}

/* Check one object of the bundle; learn identities and TLP markings. */
static int
check_object(sqlite3_stmt *st, known *names, known *tlps, ird_err *e)
{
	const char *type = col(st, O_TYPE), *id = col(st, O_ID), *spec = col(st, O_SPEC);
	long long key = sqlite3_column_int64(st, O_KEY);

	if (!valid_type(type))
		return ird_fail(e, IRD_EUSAGE, _("objects[%lld] has no valid type"), key);
	if (!valid_id(id, type))
		return ird_fail(e, IRD_EUSAGE, _("objects[%lld]: the id \"%.80s\" is not of the form"
		                " %s--UUID"), key, id ? id : "", type);
	if (spec && strcmp(spec, "2.1") != 0)
		return ird_fail(e, IRD_EUSAGE, _("%s has spec_version %s, not 2.1"), id, spec);
	if (strcmp(type, "indicator") == 0) {
		if (!spec)
			return ird_fail(e, IRD_EUSAGE, _("%s has no spec_version (STIX 2.1 requires it)"),
			                id);
		if (!col(st, O_PATTERN) || strcmp(col(st, O_PATTERN_JTYPE), "text") != 0)
			return ird_fail(e, IRD_EUSAGE, _("%s has no pattern"), id);
		if (!col(st, O_PTYPE))
			return ird_fail(e, IRD_EUSAGE, _("%s has no pattern_type"), id);
		if (!col(st, O_VALID_FROM))
			return ird_fail(e, IRD_EUSAGE, _("%s has no valid_from"), id);
	}
	if (strcmp(type, "identity") == 0 && col(st, O_NAME) && known_add(names, id, col(st, O_NAME)))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (strcmp(type, "marking-definition") == 0) {
		const char *t = col(st, O_DEFTYPE) && strcmp(col(st, O_DEFTYPE), "tlp") == 0
		                ? tlp_word(col(st, O_DEFTLP)) : NULL;

		if (!t)
			t = tlp_word(col(st, O_NAME));
		if (t && known_add(tlps, id, t))
			return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	return IRD_OK;
}

/* The role of a STIX indicator: our own label, else from indicator_types. */
static const char *
stix_role(const char *labels, const char *types)
{
	static const char *const ROLES[] = { "sender", "c2", "download", "other", NULL };

	for (size_t i = 0; ROLES[i]; i++) {
		char label[32];

		snprintf(label, sizeof(label), "irdesk-role:%s", ROLES[i]);
		if (list_has(labels, label))
			return ROLES[i];
	}
	if (list_has(types, "malicious-activity") || list_has(types, "compromised") ||
	    list_has(types, "attribution"))
		return NULL;
	return "other";
}

static int
stix_indicator(const ioc_normalizer *n, import_plan *p, sqlite3_stmt *st, const known *names,
               const known *tlps, const char *bundle, ird_err *e)
{
	const char *id = col(st, O_ID), *pattern = col(st, O_PATTERN), *name = col(st, O_NAME);
	const char *by = known_get(names, col(st, O_CREATED_BY));
	const char *tlp = tlp_of_markings(tlps, col(st, O_MARKINGS));
	const char *role = stix_role(col(st, O_LABELS), col(st, O_ITYPES));
	share_cmp *cmps;
	size_t ncmps;
	ird_err why = { 0 };
	char *note;
	int rc;

	if (sqlite3_column_int(st, O_REVOKED))
		return refuse(p, id, pattern, _("revoked by its producer"), e);
	if (strcmp(col(st, O_PTYPE), "stix") != 0) {
		char msg[120];

		snprintf(msg, sizeof(msg), _("a %.60s pattern, not a STIX one"), col(st, O_PTYPE));
		return refuse(p, id, pattern, msg, e);
	}
	if (share_pattern_parse(pattern, &cmps, &ncmps, &why) != IRD_OK)
		return why.code == IRD_EUSAGE ? refuse(p, id, pattern, why.msg, e)
		                              : ird_fail(e, why.code, "%s", why.msg);
	if (asprintf(&note, "imported from STIX %s%s%.200s: %s%s%.200s%s; %s", bundle,
	             by ? " by " : "", by ? by : "", id, name ? " \"" : "", name ? name : "",
	             name ? "\"" : "", tlp_label(tlp)) < 0) {
		share_cmps_free(cmps, ncmps);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	rc = IRD_OK;
	for (size_t i = 0; i < ncmps && rc == IRD_OK; i++)
		rc = plan(n, p, id, cmps[i].type, role, cmps[i].value, note, e);
	free(note);
	share_cmps_free(cmps, ncmps);
	return rc;
}

static int
stix_plan(ird_ctx *c, const ioc_normalizer *n, const char *json, const char *bundle,
          import_plan *p, ird_err *e)
{
	known names = { 0 }, tlps = { 0 };
	sqlite3_stmt *st;
	int rc, step;

	p->format = "STIX 2.1 bundle";
	if ((rc = store_stmt(c->store, NOT_OBJECT_SQL, &st, e)) != IRD_OK)
		return rc;
	store_bind_text(st, 1, json);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		rc = ird_fail(e, IRD_EUSAGE, _("objects[%lld] is not a JSON object"),
		              (long long)sqlite3_column_int64(st, 0));
	else if (step != SQLITE_ROW)
		rc = store_fail(c->store, e, N_("cannot read the bundle"));
	sqlite3_reset(st);
	if (rc != IRD_OK)
		return rc;
	/* Pass 1: check every object, learn names and markings. */
	if ((rc = store_stmt(c->store, OBJECTS_SQL, &st, e)) != IRD_OK)
		return rc;
	store_bind_text(st, 1, json);
	while (rc == IRD_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = check_object(st, &names, &tlps, e);
	if (rc == IRD_OK && step != SQLITE_DONE)
		rc = store_fail(c->store, e, N_("cannot read the bundle"));
	sqlite3_reset(st);
	/* Pass 2: the indicators; everything else is listed as not expressed. */
	if (rc == IRD_OK && (rc = store_stmt(c->store, OBJECTS_SQL, &st, e)) == IRD_OK) {
		store_bind_text(st, 1, json);
		while (rc == IRD_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
			const char *type = col(st, O_TYPE);

			if (strcmp(type, "indicator") == 0)
				rc = stix_indicator(n, p, st, &names, &tlps, bundle, e);
			else if (strcmp(type, "observed-data") == 0 || strcmp(type, "malware") == 0 ||
			         strcmp(type, "infrastructure") == 0)
				rc = refuse(p, col(st, O_ID), col(st, O_NAME),
				            _("irdesk imports indicators only (make one from it by hand)"), e);
		}
		if (rc == IRD_OK && step != SQLITE_DONE)
			rc = store_fail(c->store, e, N_("cannot read the bundle"));
		sqlite3_reset(st);
	}
	known_free(&names);
	known_free(&tlps);
	return rc;
}

/* ---- MISP ---- */

static const char MISP_EVENT_SQL[] =
	"SELECT json_extract(?1, ?2 || '.info'), json_extract(?1, ?2 || '.Orgc.name'),"
	" json_extract(?1, ?2 || '.uuid'), json_type(?1, ?2 || '.Attribute'),"
	" json_type(?1, ?2 || '.Object'), json_type(?1, ?2 || '.Tag'),"
	" (SELECT group_concat(json_extract(t.value, '$.name'), char(31))"
	"  FROM json_each(?1, ?2 || '.Tag') t WHERE t.type = 'object'),"
	" (SELECT count(*) FROM json_each(?1, ?2 || '.Object') o WHERE o.type != 'object'"
	"  OR json_type(o.value, '$.Attribute') NOT IN ('array') AND"
	"  json_type(o.value, '$.Attribute') IS NOT NULL),"
	" (SELECT count(*) FROM json_each(?1, ?2 || '.Attribute') a WHERE a.type != 'object')"
	" + (SELECT count(*) FROM json_each(?1, ?2 || '.Object') o, json_each(o.value, '$.Attribute') a"
	"  WHERE o.type = 'object' AND a.type != 'object')";

/* Every attribute, the event's own then those of its objects. */
static const char MISP_ATTRS_SQL[] =
	"SELECT 'Attribute ' || a.key, a.type, json_extract(a.value, '$.type'),"
	" json_extract(a.value, '$.value'), json_extract(a.value, '$.to_ids'),"
	" json_extract(a.value, '$.uuid'),"
	" (SELECT group_concat(json_extract(t.value, '$.name'), char(31))"
	"  FROM json_each(a.value, '$.Tag') t WHERE t.type = 'object')"
	" FROM json_each(?1, ?2 || '.Attribute') a"
	" UNION ALL"
	" SELECT 'Object ' || o.key || ' attribute ' || a.key, a.type,"
	" json_extract(a.value, '$.type'), json_extract(a.value, '$.value'),"
	" json_extract(a.value, '$.to_ids'), json_extract(a.value, '$.uuid'),"
	" (SELECT group_concat(json_extract(t.value, '$.name'), char(31))"
	"  FROM json_each(a.value, '$.Tag') t WHERE t.type = 'object')"
	" FROM json_each(?1, ?2 || '.Object') o, json_each(o.value, '$.Attribute') a";

/* The TLP named by a SEP-separated list of tags, or NULL. */
static const char *
tlp_of_tags(const char *tags)
{
	for (const char *p = tags; p && *p; p = strchr(p, SEP[0]), p = p ? p + 1 : NULL) {
		char tag[40];
		size_t n = strcspn(p, SEP);
		const char *t;

		if (n >= sizeof(tag))
			continue;
		memcpy(tag, p, n);
		tag[n] = '\0';
		if ((t = share_tlp_of_misp_tag(tag)))
			return t;
	}
	return NULL;
}

/* How a MISP type maps: up to two irdesk types (composites), and the role
 * when to_ids is set (NULL: the type's default). */
static const struct {
	const char *misp, *first, *second, *role;
} MISP_TYPES[] = {
	{ "email-src", "email", NULL, "sender" },
	{ "email", "email", NULL, "sender" },
	{ "email-reply-to", "email", NULL, "sender" },
	{ "url", "url", NULL, "c2" },
	{ "uri", "url", NULL, "c2" },
	{ "link", "url", NULL, "other" },
	{ "domain", "domain", NULL, "c2" },
	{ "hostname", "domain", NULL, "c2" },
	{ "ip-dst", "ip", NULL, "c2" },
	{ "ip-src", "ip", NULL, "sender" },
	{ "md5", "md5", NULL, "other" },
	{ "sha1", "sha1", NULL, "other" },
	{ "sha256", "sha256", NULL, "other" },
	{ "filename", "filename", NULL, "other" },
	{ "filename|md5", "filename", "md5", "other" },
	{ "filename|sha1", "filename", "sha1", "other" },
	{ "filename|sha256", "filename", "sha256", "other" },
	{ "domain|ip", "domain", "ip", "c2" },
	{ "email-subject", "subject", NULL, "other" },
	{ "email-message-id", "message-id", NULL, "other" },
};
#define NMISP (sizeof(MISP_TYPES) / sizeof(MISP_TYPES[0]))

static int
to_ids_true(const char *v)
{
	return v && *v && strcmp(v, "0") != 0 && strcasecmp(v, "false") != 0;
}

static int
misp_attribute(const ioc_normalizer *n, import_plan *p, sqlite3_stmt *st, const char *event_tlp,
               const char *event, ird_err *e)
{
	const char *where = col(st, 0), *type = col(st, 2), *value = col(st, 3);
	const char *tlp = tlp_of_tags(col(st, 6));
	char origin[200], *note;
	int rc = IRD_OK;
	size_t i;

	snprintf(origin, sizeof(origin), "MISP %.60s %.40s", where, col(st, 5) ? col(st, 5) : "");
	if (strcmp(col(st, 1), "object") != 0)
		return ird_fail(e, IRD_EUSAGE, _("MISP %s is not a JSON object"), where);
	if (!type || !value || sqlite3_column_type(st, 3) != SQLITE_TEXT)
		return ird_fail(e, IRD_EUSAGE, _("MISP %s has no type and value"), where);
	for (i = 0; i < NMISP && strcmp(MISP_TYPES[i].misp, type) != 0; i++)
		;
	if (i == NMISP) {
		char msg[120];

		snprintf(msg, sizeof(msg), _("MISP type %.60s has no irdesk indicator type"), type);
		return refuse(p, origin, value, msg, e);
	}
	if (!tlp)
		tlp = event_tlp;
	if (asprintf(&note, "imported from MISP event %s (%s): %s; %s", event, type, origin,
	             tlp_label(tlp)) < 0)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	{
		const char *role = to_ids_true(col(st, 4)) ? MISP_TYPES[i].role : "other";
		const char *bar = MISP_TYPES[i].second ? strchr(value, '|') : NULL;

		if (MISP_TYPES[i].second && !bar) {
			rc = refuse(p, origin, value, _("a composite value without its '|'"), e);
		} else if (bar) {
			char *first = strndup(value, (size_t)(bar - value));

			rc = first ? plan(n, p, origin, MISP_TYPES[i].first, role, first, note, e)
			           : ird_fail(e, IRD_EFAIL, _("out of memory"));
			if (rc == IRD_OK)
				rc = plan(n, p, origin, MISP_TYPES[i].second, role, bar + 1, note, e);
			free(first);
		} else {
			rc = plan(n, p, origin, MISP_TYPES[i].first, role, value, note, e);
		}
	}
	free(note);
	return rc;
}

static int
misp_plan(ird_ctx *c, const ioc_normalizer *n, const char *json, const char *path,
          import_plan *p, ird_err *e)
{
	sqlite3_stmt *st;
	const char *event_tlp = NULL;
	char event[400];
	int rc, step;

	p->format = "MISP event";
	if ((rc = store_stmt(c->store, MISP_EVENT_SQL, &st, e)) != IRD_OK)
		return rc;
	store_bind_text(st, 1, json);
	store_bind_text(st, 2, path);
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_fail(c->store, e, N_("cannot read the event"));
	}
	if ((col(st, 3) && strcmp(col(st, 3), "array") != 0) ||
	    (col(st, 4) && strcmp(col(st, 4), "array") != 0) ||
	    (col(st, 5) && strcmp(col(st, 5), "array") != 0) || sqlite3_column_int(st, 7) > 0 ||
	    sqlite3_column_int(st, 8) > 0) {
		sqlite3_reset(st);
		return ird_fail(e, IRD_EUSAGE, _("the MISP event's Attribute, Object and Tag must be"
		                " arrays (of objects)"));
	}
	if (!col(st, 0) && !col(st, 2)) {
		sqlite3_reset(st);
		return ird_fail(e, IRD_EUSAGE, _("the MISP event has neither info nor uuid"));
	}
	snprintf(event, sizeof(event), "%.60s \"%.200s\"%s%.100s", col(st, 2) ? col(st, 2) : "-",
	         col(st, 0) ? col(st, 0) : "", col(st, 1) ? " by " : "", col(st, 1) ? col(st, 1) : "");
	event_tlp = tlp_of_tags(col(st, 6));
	sqlite3_reset(st);
	if (!(p->source = strdup(event)))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	if ((rc = store_stmt(c->store, MISP_ATTRS_SQL, &st, e)) != IRD_OK)
		return rc;
	store_bind_text(st, 1, json);
	store_bind_text(st, 2, path);
	while (rc == IRD_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = misp_attribute(n, p, st, event_tlp, event, e);
	if (rc == IRD_OK && step != SQLITE_DONE)
		rc = store_fail(c->store, e, N_("cannot read the event"));
	sqlite3_reset(st);
	return rc;
}

/* ---- the whole file ---- */

static const char TOP_SQL[] =
	"SELECT json_valid(?1), CASE WHEN json_valid(?1) THEN json_type(?1) END,"
	" CASE WHEN json_valid(?1) AND json_type(?1) = 'object' THEN json_extract(?1, '$.type') END,"
	" CASE WHEN json_valid(?1) AND json_type(?1) = 'object' THEN json_type(?1, '$.objects') END,"
	" CASE WHEN json_valid(?1) AND json_type(?1) = 'object' THEN json_extract(?1, '$.id') END,"
	" CASE WHEN json_valid(?1) AND json_type(?1) = 'object' THEN json_extract(?1, '$.spec_version') END,"
	" CASE WHEN json_valid(?1) AND json_type(?1) = 'object' THEN json_type(?1, '$.Event') END,"
	" CASE WHEN json_valid(?1) AND json_type(?1) = 'object' THEN"
	"  json_type(?1, '$.response[0].Event') END";

static int
plan_file(ird_ctx *c, const ioc_normalizer *n, const char *path, const char *json,
          import_plan *p, ird_err *e)
{
	sqlite3_stmt *st;
	char *type = NULL, *id = NULL, *spec = NULL, *objects = NULL, *ev = NULL, *resp = NULL;
	int rc, valid;

	if ((rc = store_stmt(c->store, TOP_SQL, &st, e)) != IRD_OK)
		return rc;
	store_bind_text(st, 1, json);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_fail(c->store, e, N_("cannot read the file"));
	}
	valid = sqlite3_column_int(st, 0);
	type = store_col_strdup(st, 2);
	objects = store_col_strdup(st, 3);
	id = store_col_strdup(st, 4);
	spec = store_col_strdup(st, 5);
	ev = store_col_strdup(st, 6);
	resp = store_col_strdup(st, 7);
	sqlite3_reset(st);
	if (!valid)
		rc = ird_fail(e, IRD_EUSAGE, _("%s is not JSON"), path);
	else if (type && strcmp(type, "bundle") == 0) {
		if (spec)
			rc = ird_fail(e, IRD_EUSAGE, _("%s is a STIX %s bundle (spec_version on the"
			              " bundle); irdesk reads STIX 2.1"), path, spec);
		else if (!valid_id(id, "bundle"))
			rc = ird_fail(e, IRD_EUSAGE, _("%s: the bundle has no id of the form bundle--UUID"),
			              path);
		else if (objects && strcmp(objects, "array") != 0)
			rc = ird_fail(e, IRD_EUSAGE, _("%s: the bundle's objects is not an array"), path);
		else if (!(p->source = strdup(id)))
			rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
		else
			rc = stix_plan(c, n, json, id, p, e);
	} else if (ev && strcmp(ev, "object") == 0) {
		rc = misp_plan(c, n, json, "$.Event", p, e);
	} else if (resp && strcmp(resp, "object") == 0) {
		rc = misp_plan(c, n, json, "$.response[0].Event", p, e);
	} else {
		rc = ird_fail(e, IRD_EUSAGE, _("%s is neither a STIX 2.1 bundle (\"type\": \"bundle\")"
		              " nor a MISP event ({\"Event\": ...})"), path);
	}
	free(type);
	free(objects);
	free(id);
	free(spec);
	free(ev);
	free(resp);
	return rc;
}

static int
record_tx(ird_ctx *c, const ioc_normalizer *n, int64_t case_id, const char *file,
          import_plan *p, ird_err *e)
{
	char *text;
	int rc = IRD_OK;

	for (size_t i = 0; i < p->n && rc == IRD_OK; i++) {
		import_item *it = &p->items[i];
		indicator_spec spec = { it->type, it->value, it->role, it->note, 0 };

		if (!it->refused)
			rc = act_ioc_add_tx(c, n, case_id, &spec, &it->id, &it->merged, e);
	}
	if (rc != IRD_OK)
		return rc;
	if (asprintf(&text, "imported %zu indicator(s) from the %s %.300s (%.300s); %zu not"
	             " expressible", p->n - p->nrefused, p->format, p->source ? p->source : "",
	             file, p->nrefused) < 0)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	rc = event_add_tx(c, case_id, 0, "ioc", text, e);
	free(text);
	return rc;
}

int
act_ioc_import(ird_ctx *c, const ioc_normalizer *n, int64_t case_id, const char *file,
               int dry_run, import_plan *p, ird_err *e)
{
	char *json;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = read_file(file, &json, e)) != IRD_OK)
		return rc;
	if ((rc = store_begin(c->store, e)) != IRD_OK) {
		free(json);
		return rc;
	}
	rc = plan_file(c, n, file, json, p, e);
	free(json);
	if (rc == IRD_OK && !dry_run)
		rc = record_tx(c, n, case_id, file, p, e);
	if (rc != IRD_OK || dry_run) {
		store_rollback(c->store);
		if (rc != IRD_OK)
			import_plan_free(p);
		return rc;
	}
	if ((rc = store_commit(c->store, e)) != IRD_OK)
		import_plan_free(p);
	return rc;
}
