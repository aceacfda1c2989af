/* share.c - STIX ids, TLP markings and STIX patterns, without a database. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uuid/uuid.h>

#include "base/i18n.h"
#include "base/share.h"
#include "base/text.h"

void
share_uuid(const char *name, char out[37])
{
	uuid_t ns, u;

	uuid_parse(SHARE_NAMESPACE, ns);
	uuid_generate_sha1(u, ns, name, strlen(name));
	uuid_unparse_lower(u, out);
}

void
share_stix_id(const char *type, const char *name, char out[SHARE_ID_LEN])
{
	char u[37];

	share_uuid(name, u);
	snprintf(out, SHARE_ID_LEN, "%s--%s", type, u);
}

static const struct {
	const char *tlp, *id, *name, *colour, *misp;
} TLPS[] = {
	{ "clear", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "TLP:WHITE", "white",
	  "tlp:clear" },
	{ "green", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "TLP:GREEN", "green",
	  "tlp:green" },
	{ "amber", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "TLP:AMBER", "amber",
	  "tlp:amber" },
	{ "amber+strict", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "TLP:AMBER",
	  "amber", "tlp:amber+strict" },
	{ "red", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "TLP:RED", "red",
	  "tlp:red" },
};
#define NTLPS (sizeof(TLPS) / sizeof(TLPS[0]))

static int
tlp_index(const char *tlp)
{
	for (size_t i = 0; tlp && i < NTLPS; i++)
		if (strcmp(TLPS[i].tlp, tlp) == 0)
			return (int)i;
	return -1;
}

const char *
share_tlp_marking_id(const char *tlp)
{
	int i = tlp_index(tlp);

	return i < 0 ? NULL : TLPS[i].id;
}

const char *
share_tlp_marking_name(const char *tlp)
{
	int i = tlp_index(tlp);

	return i < 0 ? NULL : TLPS[i].name;
}

const char *
share_tlp_marking_colour(const char *tlp)
{
	int i = tlp_index(tlp);

	return i < 0 ? NULL : TLPS[i].colour;
}

void
share_amber_strict_id(char out[SHARE_ID_LEN])
{
	share_stix_id("marking-definition", "statement|" SHARE_AMBER_STRICT_STATEMENT, out);
}

const char *
share_tlp_of_marking(const char *id)
{
	char strict[SHARE_ID_LEN];

	if (!id)
		return NULL;
	share_amber_strict_id(strict);
	if (strcmp(id, strict) == 0)
		return "amber+strict";
	for (size_t i = 0; i < NTLPS; i++)
		if (strcmp(TLPS[i].id, id) == 0)
			return TLPS[i].tlp;
	return NULL;
}

const char *
share_tlp_misp_tag(const char *tlp)
{
	int i = tlp_index(tlp);

	return i < 0 ? NULL : TLPS[i].misp;
}

const char *
share_tlp_of_misp_tag(const char *tag)
{
	if (!tag)
		return NULL;
	if (strcasecmp(tag, "tlp:white") == 0)
		return "clear";
	for (size_t i = 0; i < NTLPS; i++)
		if (strcasecmp(TLPS[i].misp, tag) == 0)
			return TLPS[i].tlp;
	return NULL;
}

int
share_check_export_tlp(const char *tlp, int force, ird_err *e)
{
	if (tlp && strcmp(tlp, "red") == 0 && !force)
		return ird_fail(e, IRD_EUSAGE, _("the case is TLP:RED: for the eyes of the named"
		                " recipients only, never to be passed on; give --force to export it"
		                " for a recipient who is already in the room"));
	return IRD_OK;
}

/* ---- patterns ---- */

/* Object paths and the irdesk type each compares. */
static const struct {
	const char *path, *type;
} PATHS[] = {
	{ "domain-name:value", "domain" },
	{ "url:value", "url" },
	{ "email-addr:value", "email" },
	{ "ipv4-addr:value", "ip" },
	{ "ipv6-addr:value", "ip" },
	{ "file:hashes.'SHA-256'", "sha256" },
	{ "file:hashes.SHA256", "sha256" },
	{ "file:hashes.sha256", "sha256" },
	{ "file:hashes.'SHA-1'", "sha1" },
	{ "file:hashes.SHA1", "sha1" },
	{ "file:hashes.sha1", "sha1" },
	{ "file:hashes.MD5", "md5" },
	{ "file:hashes.md5", "md5" },
	{ "file:hashes.'MD5'", "md5" },
	{ "file:name", "filename" },
	{ "email-message:subject", "subject" },
	{ "email-message:message_id", "message-id" },
	{ "email-message:from_ref.value", "email" },
	{ "email-message:sender_ref.value", "email" },
};
#define NPATHS (sizeof(PATHS) / sizeof(PATHS[0]))

/* The path an irdesk TYPE is written with (for ip, by the address family). */
static const char *
path_of(const char *type, const char *normal)
{
	if (strcmp(type, "ip") == 0)
		return strchr(normal, ':') ? "ipv6-addr:value" : "ipv4-addr:value";
	for (size_t i = 0; i < NPATHS; i++)
		if (strcmp(PATHS[i].type, type) == 0)
			return PATHS[i].path;
	return NULL;
}

char *
share_stix_pattern(const char *type, const char *normal)
{
	const char *path = path_of(type, normal);
	size_t n = strlen(normal), k = 0;
	/* The Message-ID field as a mail has it: "<id@domain>" (RFC 5322 msg-id). */
	int brackets = strcmp(type, "message-id") == 0;
	char *out;

	if (!path || !(out = malloc(strlen(path) + 2 * n + 14)))
		return NULL;
	k = (size_t)sprintf(out, "[%s = '%s", path, brackets ? "<" : "");
	for (size_t i = 0; i < n; i++) {
		if (normal[i] == '\'' || normal[i] == '\\')
			out[k++] = '\\';
		out[k++] = normal[i];
	}
	strcpy(out + k, brackets ? ">']" : "']");
	return out;
}

void
share_cmps_free(share_cmp *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].value);
	free(c);
}

typedef struct pat {
	const char *p;
	share_cmp *cmps;
	size_t n;
	ird_err *e;
} pat;

static void
blanks(pat *s)
{
	while (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')
		s->p++;
}

/* Whether the keyword KW (any case) is next, followed by a non-word char. */
static int
keyword(pat *s, const char *kw)
{
	size_t n = strlen(kw);
	char next;

	blanks(s);
	if (strncasecmp(s->p, kw, n) != 0)
		return 0;
	next = s->p[n];
	if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '_')
		return 0;
	s->p += n;
	return 1;
}

/* A quoted string with \' and \\ escapes into *OUT (malloc'd). */
static int
string_lit(pat *s, char **out)
{
	const char *q;
	size_t k = 0;
	char *v;

	blanks(s);
	if (*s->p != '\'')
		return ird_fail(s->e, IRD_EUSAGE, _("expected a quoted string at \"%.20s\""), s->p);
	if (!(v = malloc(strlen(s->p))))
		return ird_fail(s->e, IRD_EFAIL, _("out of memory"));
	for (q = s->p + 1; *q && *q != '\''; q++) {
		if (*q == '\\' && (q[1] == '\'' || q[1] == '\\'))
			q++;
		else if (*q == '\\') {
			free(v);
			return ird_fail(s->e, IRD_EUSAGE, _("invalid escape in a string"));
		}
		v[k++] = *q;
	}
	if (*q != '\'') {
		free(v);
		return ird_fail(s->e, IRD_EUSAGE, _("unterminated string"));
	}
	v[k] = '\0';
	/* The value becomes an indicator: the store holds only valid UTF-8. */
	for (size_t i = 0; i < k;) {
		unsigned cp;
		size_t n = text_utf8_decode(v + i, k - i, &cp);

		if (n == 0) {
			free(v);
			return ird_fail(s->e, IRD_EUSAGE, _("a string is not valid UTF-8"));
		}
		i += n;
	}
	s->p = q + 1;
	*out = v;
	return IRD_OK;
}

/* OBJECT:PATH = 'value' */
static int
comparison(pat *s)
{
	const char *start, *type = NULL;
	share_cmp *grown;
	char *value = NULL;
	size_t n;
	int rc;

	blanks(s);
	start = s->p;
	while (*s->p && *s->p != ' ' && *s->p != '=' && *s->p != '!' && *s->p != '<' &&
	       *s->p != '>' && *s->p != ']' && *s->p != '\t') {
		if (*s->p == '\'') { /* hashes.'SHA-256' */
			const char *q = strchr(s->p + 1, '\'');

			if (!q)
				return ird_fail(s->e, IRD_EUSAGE, _("unterminated string"));
			s->p = q;
		}
		s->p++;
	}
	n = (size_t)(s->p - start);
	if (n == 0)
		return ird_fail(s->e, IRD_EUSAGE, _("expected an object path at \"%.20s\""), start);
	for (size_t i = 0; i < NPATHS && !type; i++)
		if (strlen(PATHS[i].path) == n && strncmp(PATHS[i].path, start, n) == 0)
			type = PATHS[i].type;
	if (!type)
		return ird_fail(s->e, IRD_EUSAGE, _("irdesk has no indicator type for %.*s"),
		                (int)(n > 80 ? 80 : n), start);
	blanks(s);
	if (*s->p != '=')
		return ird_fail(s->e, IRD_EUSAGE, _("only '=' comparisons can be expressed, not"
		                " \"%.12s\""), s->p);
	s->p++;
	if ((rc = string_lit(s, &value)) != IRD_OK)
		return rc;
	if (!(grown = realloc(s->cmps, (s->n + 1) * sizeof(*grown)))) {
		free(value);
		return ird_fail(s->e, IRD_EFAIL, _("out of memory"));
	}
	s->cmps = grown;
	grown[s->n].type = type;
	grown[s->n++].value = value;
	return IRD_OK;
}

/* [ cmp (OR cmp)* ] */
static int
observation(pat *s)
{
	int rc;

	blanks(s);
	if (*s->p != '[')
		return ird_fail(s->e, IRD_EUSAGE, _("expected '[' at \"%.20s\""), s->p);
	s->p++;
	do {
		if ((rc = comparison(s)) != IRD_OK)
			return rc;
	} while (keyword(s, "OR"));
	blanks(s);
	if (keyword(s, "AND"))
		return ird_fail(s->e, IRD_EUSAGE, _("AND cannot be expressed as separate indicators"));
	if (*s->p != ']')
		return ird_fail(s->e, IRD_EUSAGE, _("expected ']' at \"%.20s\""), s->p);
	s->p++;
	return IRD_OK;
}

int
share_pattern_parse(const char *pattern, share_cmp **out, size_t *n, ird_err *e)
{
	pat s = { pattern ? pattern : "", NULL, 0, e };
	int rc;

	*out = NULL;
	*n = 0;
	do {
		if ((rc = observation(&s)) != IRD_OK)
			break;
	} while (keyword(&s, "OR"));
	blanks(&s);
	if (rc == IRD_OK && *s.p)
		rc = ird_fail(e, IRD_EUSAGE, _("%s cannot be expressed as indicators"),
		              strncasecmp(s.p, "AND", 3) == 0 ? _("AND between observations")
		              : strncasecmp(s.p, "FOLLOWEDBY", 10) == 0 ? "FOLLOWEDBY"
		              : _("a qualifier (WITHIN, REPEATS, START/STOP)"));
	if (rc != IRD_OK) {
		share_cmps_free(s.cmps, s.n);
		return rc;
	}
	*out = s.cmps;
	*n = s.n;
	return IRD_OK;
}
