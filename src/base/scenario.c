/* scenario.c - parse irdesk-scenario(5) files; find them on a search path. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/linereader.h"
#include "base/playbook.h"
#include "base/scenario.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define SUFFIX ".scenario"
#define QMAX 64

static const char *const what_names[] = { "message", "event", "indicator", "asset",
	                                      "evidence" };
static const char *const xkind_names[] = { "notify", "step", "block-domain", "block-sender",
	                                       "decision" };
static const char *const severities[] = { "low", "medium", "high", "critical" };
static const char *const ind_roles[] = { "sender", "c2", "download", "other" };
static const char *const ind_types[] = { "email", "url", "domain", "ip", "sha256", "sha1",
	                                     "md5", "subject", "filename", "message-id" };
static const char *const asset_states[] = { "suspected", "infected" };
static const char *const ev_kinds[] = { "disk-image", "memory", "logs", "mail", "other" };

const char *
scenario_what_name(sc_what w)
{
	return (unsigned)w < NELEM(what_names) ? what_names[w] : "?";
}

const char *
scenario_xkind_name(sc_xkind k)
{
	return (unsigned)k < NELEM(xkind_names) ? xkind_names[k] : "?";
}

static int
lookup(const char *const *tab, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(tab[i], s) == 0)
			return (int)i;
	return -1;
}

static const char *
join(const char *const *tab, size_t n, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++) {
		int k = snprintf(buf + used, len - used, "%s%s", i ? ", " : "", tab[i]);
		if (k < 0)
			break;
		used += (size_t)k;
	}
	return buf;
}

/* ---- offsets ---- */

int
scenario_offset_parse(const char *s, long long *out)
{
	long long v;
	int neg;

	if (s[0] != 'T' || (s[1] != '+' && s[1] != '-'))
		return -1;
	neg = s[1] == '-';
	if (strcmp(s + 2, "0") == 0) {
		*out = 0;
		return 0;
	}
	if (pb_deadline_parse(s + 2, &v) != 0 || v < 0 || v > SC_MAX_OFFSET)
		return -1;
	*out = neg ? -v : v;
	return 0;
}

void
scenario_offset_format(long long s, char *buf, size_t len)
{
	char d[32];

	if (s == 0) {
		snprintf(buf, len, "T+0");
		return;
	}
	if (pb_deadline_format(s < 0 ? -s : s, d, sizeof(d)) != 0)
		snprintf(d, sizeof(d), "%llds", s < 0 ? -s : s);
	snprintf(buf, len, "T%c%s", s < 0 ? '-' : '+', d);
}

/* ---- parser ---- */

enum sect { S_NONE, S_SCENARIO, S_INJECT, S_REF };

struct pctx {
	scenario *sc;
	lr_reader r;
	ird_err *e;
	enum sect sect;
	size_t sect_line;
	size_t seen[8]; /* line where each single key of the section was set */
	int have_start;
};

static int perr(struct pctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
perr(struct pctx *c, const char *fmt, ...)
{
	char msg[IRD_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return lr_fail_at(&c->r, c->r.line, c->e, "%s", msg);
}

static int
oom(struct pctx *c)
{
	return ird_fail(c->e, IRD_EFAIL, _("%s: out of memory"), c->r.origin);
}

static int
qlen(const char *v)
{
	size_t n = strlen(v);

	if (n <= QMAX)
		return (int)n;
	n = QMAX;
	while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static int
dup_into(struct pctx *c, char **field, const char *val)
{
	char *s = strdup(val);

	if (!s)
		return oom(c);
	free(*field);
	*field = s;
	return 0;
}

static int
grow(struct pctx *c, void **arr, size_t n, size_t size)
{
	void *p;

	if (n & (n - 1))
		return 0;
	p = realloc(*arr, (n ? n * 2 : 4) * size);
	if (!p)
		return oom(c);
	*arr = p;
	return 0;
}

/* Split off the first blank-separated word of *P (modified in place). */
static char *
word(char **p)
{
	char *s = *p, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return NULL;
	w = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	*p = s;
	return w;
}

static int
vocab(struct pctx *c, const char *what, const char *const *tab, size_t n, const char *v)
{
	char exp[256];

	if (v && lookup(tab, n, v) >= 0)
		return 0;
	return perr(c, _("unknown %s \"%.*s\" (expected one of: %s)"), _(what), v ? qlen(v) : 0,
	            v ? v : "", join(tab, n, exp, sizeof(exp)));
}

/* "KIND TARGET [within DURATION] [by ROLE]"; WITHIN required when NEED_WITHIN. */
static int
parse_expect(struct pctx *c, const char *val, int need_within, sc_expect *x)
{
	char buf[LR_MAX_LINE + 1], *p = buf, *kind, *target, *w;
	int k;

	memset(x, 0, sizeof(*x));
	x->within_s = -1;
	snprintf(buf, sizeof(buf), "%s", val);
	kind = word(&p);
	target = word(&p);
	if ((k = lookup(xkind_names, NELEM(xkind_names), kind ? kind : "")) < 0) {
		char exp[128];
		return perr(c, _("unknown expectation \"%.*s\" (expected one of: %s)"),
		            kind ? qlen(kind) : 0, kind ? kind : "",
		            join(xkind_names, NELEM(xkind_names), exp, sizeof(exp)));
	}
	if (!target)
		return perr(c, _("expectation \"%s\" needs what it is about, e.g. \"%s %s\""), kind,
		            kind, k == SC_X_NOTIFY ? "executives" : k == SC_X_STEP ? "isolate" :
		            k == SC_X_DECISION ? "full-disconnect" : "evil.example");
	x->kind = (sc_xkind)k;
	if ((k == SC_X_NOTIFY || k == SC_X_STEP || k == SC_X_DECISION) && !pb_valid_id(target))
		return perr(c, _("bad %s \"%.*s\" (use 1 to %d of a-z, 0-9 and -)"),
		            k == SC_X_NOTIFY ? "role" : k == SC_X_STEP ? "step id" : "question",
		            qlen(target), target, PB_MAX_ID);
	while ((w = word(&p))) {
		char *arg = word(&p);

		if (!arg)
			return perr(c, _("\"%s\" needs a value"), w);
		if (strcmp(w, "within") == 0 && need_within) {
			if (pb_deadline_parse(arg, &x->within_s) != 0 || x->within_s < 0)
				return perr(c, _("bad deadline \"%.*s\" (e.g. 30m, 1h30m, 2d)"), qlen(arg),
				            arg);
		} else if (strcmp(w, "by") == 0) {
			if (!pb_valid_id(arg))
				return perr(c, _("bad role \"%.*s\" after \"by\""), qlen(arg), arg);
			if (dup_into(c, &x->by, arg))
				return IRD_EFAIL;
		} else {
			return need_within
			       ? perr(c, _("unexpected \"%.*s\" (expected \"within DURATION\" or"
			              " \"by ROLE\")"), qlen(w), w)
			       : perr(c, _("unexpected \"%.*s\" (expected \"by ROLE\")"), qlen(w), w);
		}
	}
	if (need_within && x->within_s < 0)
		return perr(c, _("expectation \"%s %s\" needs \"within DURATION\""), kind, target);
	if (!x->by) {
		const char *def = k == SC_X_NOTIFY ? target : k == SC_X_DECISION ? "executives"
		                                                                  : "responders";
		if (dup_into(c, &x->by, def))
			return IRD_EFAIL;
	}
	return dup_into(c, &x->target, target);
}

static void
expect_clear(sc_expect *x)
{
	free(x->target);
	free(x->by);
}

static void
item_clear(sc_item *it)
{
	free(it->text);
	free(it->role);
	free(it->type);
	free(it->value);
	free(it->host);
	free(it->site);
	free(it->state);
	free(it->kind);
}

/* The indicator VALUE appears in this or an earlier inject. */
static int
known_indicator(const scenario *sc, const char *value)
{
	for (size_t i = 0; i < sc->ninjects; i++)
		for (size_t k = 0; k < sc->injects[i].nitems; k++) {
			const sc_item *it = &sc->injects[i].items[k];
			if (it->what == SC_INDICATOR && strcmp(it->value, value) == 0)
				return 1;
		}
	return 0;
}

static int
add_item(struct pctx *c, sc_inject *in, sc_what what, const char *val)
{
	char buf[LR_MAX_LINE + 1], *p = buf, *a, *b, *d;
	sc_item it = { .what = what };
	int rc = 0;

	if (in->nitems >= SC_MAX_ITEMS)
		return perr(c, _("too many contents in one inject (at most %d)"), SC_MAX_ITEMS);
	snprintf(buf, sizeof(buf), "%s", val);
	switch (what) {
	case SC_MESSAGE:
	case SC_EVENT:
		rc = dup_into(c, &it.text, val);
		break;
	case SC_INDICATOR:
		a = word(&p);
		b = word(&p);
		if (!a || !b || !*p) {
			rc = perr(c, _("indicator needs ROLE TYPE VALUE, e.g. \"c2 url "
			          "http://sub.evil.example/a\""));
			break;
		}
		if ((rc = vocab(c, N_("indicator role"), ind_roles, NELEM(ind_roles), a)) ||
		    (rc = vocab(c, N_("indicator type"), ind_types, NELEM(ind_types), b)))
			break;
		if (!(it.role = strdup(a)) || !(it.type = strdup(b)) || !(it.value = strdup(p)))
			rc = oom(c);
		break;
	case SC_ASSET:
		a = word(&p);
		b = word(&p);
		d = word(&p);
		if (!a || !b || !d || *p) {
			rc = perr(c, _("asset needs HOST SITE STATE (SITE - for none), e.g. "
			          "\"PC-0427 site-a infected\""));
			break;
		}
		if ((rc = vocab(c, N_("asset state"), asset_states, NELEM(asset_states), d)))
			break;
		if (!(it.host = strdup(a)) || !(it.state = strdup(d)) ||
		    (strcmp(b, "-") != 0 && !(it.site = strdup(b))))
			rc = oom(c);
		break;
	case SC_EVIDENCE:
		a = word(&p);
		if (!a || !*p) {
			rc = perr(c, _("evidence needs KIND [exfiltration] DESCRIPTION, e.g. \"logs "
			          "exfiltration proxy logs show HTTP POST\""));
			break;
		}
		if ((rc = vocab(c, N_("evidence kind"), ev_kinds, NELEM(ev_kinds), a)))
			break;
		if (strncmp(p, "exfiltration", 12) == 0 && (p[12] == ' ' || p[12] == '\t')) {
			it.exfil = 1;
			p += 12;
			p += strspn(p, " \t");
		}
		if (!(it.kind = strdup(a)) || !(it.text = strdup(p)))
			rc = oom(c);
		break;
	}
	if (rc == 0 && (rc = grow(c, (void **)&in->items, in->nitems, sizeof(it))) == 0) {
		in->items[in->nitems++] = it;
		return 0;
	}
	item_clear(&it);
	return rc;
}

static int
add_expect(struct pctx *c, sc_inject *in, const char *val)
{
	sc_expect x;
	int rc;

	if (in->nexpects >= SC_MAX_ITEMS)
		return perr(c, _("too many expectations in one inject (at most %d)"), SC_MAX_ITEMS);
	if ((rc = parse_expect(c, val, 1, &x)) == 0 &&
	    (x.kind == SC_X_BLOCK_DOMAIN || x.kind == SC_X_BLOCK_SENDER) &&
	    !known_indicator(c->sc, x.target))
		rc = perr(c, _("expectation \"%s %.*s\": no inject so far adds that indicator"),
		          scenario_xkind_name(x.kind), qlen(x.target), x.target);
	if (rc == 0 && (rc = grow(c, (void **)&in->expects, in->nexpects, sizeof(x))) == 0) {
		in->expects[in->nexpects++] = x;
		return 0;
	}
	expect_clear(&x);
	return rc;
}

/* A single-valued key: refuse it twice (SLOT indexes c->seen). */
static int
once(struct pctx *c, size_t slot, const char *key)
{
	if (c->seen[slot])
		return perr(c, _("duplicate key \"%s\" (first set on line %zu)"), key, c->seen[slot]);
	c->seen[slot] = c->r.line;
	return 0;
}

static int
unknown_key(struct pctx *c, const char *key, const char *const *keys, size_t n,
            const char *sect)
{
	char exp[256];

	return perr(c, _("unknown key \"%.*s\" in %s (expected one of: %s)"), qlen(key), key, sect,
	            join(keys, n, exp, sizeof(exp)));
}

/* A key with a language tag irdesk does not read ("title[fr]"): refused. */
static int
lang_tag(struct pctx *c, const char *key)
{
	char name[PB_MAX_ID + 1], tag[PB_MAX_ID + 1];

	if (pb_lang_key(key, name, sizeof(name), tag, sizeof(tag)) && !pb_lang_known(tag))
		return perr(c, _("unknown language tag \"%s\" in \"%.*s\" (irdesk reads only [ja])"),
		            tag, qlen(key), key);
	return 0;
}

static int
scenario_key(struct pctx *c, const char *key, const char *val)
{
	static const char *const keys[] = { "name", "title", "title[ja]", "description",
		                                "playbook", "start", "severity", "description[ja]" };
	scenario *sc = c->sc;
	ird_err te = { 0 };
	int k = lookup(keys, NELEM(keys), key), rc;

	if ((rc = lang_tag(c, key)))
		return rc;
	if (k < 0)
		return unknown_key(c, key, keys, NELEM(keys), "[scenario]");
	if ((rc = once(c, (size_t)k, key)))
		return rc;
	switch (k) {
	case 0:
		if (!pb_valid_id(val))
			return perr(c, _("bad name \"%.*s\" (use 1 to %d of a-z, 0-9 and -)"), qlen(val),
			            val, PB_MAX_ID);
		return dup_into(c, &sc->name, val);
	case 1: return dup_into(c, &sc->title, val);
	case 2: return dup_into(c, &sc->title_ja, val);
	case 3: return dup_into(c, &sc->description, val);
	case 4:
		if (strcmp(val, "none") == 0)
			return 0;
		if (!pb_valid_id(val))
			return perr(c, _("bad playbook name \"%.*s\""), qlen(val), val);
		return dup_into(c, &sc->playbook, val);
	case 5:
		if (clock_parse(val, &sc->start, &te) != IRD_OK || !strchr(val, 'T') ||
		    (val[strlen(val) - 1] != 'Z' && !strchr(val + 10, '+') && !strchr(val + 10, '-')))
			return perr(c, _("bad start \"%.*s\" (expected ISO-8601 with a zone, e.g. "
			            "2015-05-08T10:00:00+09:00)"), qlen(val), val);
		c->have_start = 1;
		return 0;
	case 7: return dup_into(c, &sc->description_ja, val);
	default:
		if ((rc = vocab(c, N_("severity"), severities, NELEM(severities), val)))
			return rc;
		return dup_into(c, &sc->severity, val);
	}
}

static int
inject_key(struct pctx *c, const char *key, const char *val)
{
	static const char *const keys[] = { "at", "title", "message", "event", "indicator",
		                                "asset", "evidence", "expect", "title[ja]" };
	sc_inject *in = &c->sc->injects[c->sc->ninjects - 1];
	int k = lookup(keys, NELEM(keys), key), rc;

	if ((rc = lang_tag(c, key)))
		return rc;
	if (k < 0)
		return unknown_key(c, key, keys, NELEM(keys), "[inject]");
	if (k == 0) {
		if ((rc = once(c, 0, key)))
			return rc;
		if (scenario_offset_parse(val, &in->at_s) != 0)
			return perr(c, _("bad offset \"%.*s\" (expected e.g. T+0, T+4h30m, T+10d, T-16d)"),
			            qlen(val), val);
		if (c->sc->ninjects > 1 && in->at_s < in[-1].at_s)
			return perr(c, _("inject \"%s\" comes before inject \"%s\" in time; list the "
			            "injects in time order"), in->id, in[-1].id);
		return 0;
	}
	if (k == 1)
		return (rc = once(c, 1, key)) ? rc : dup_into(c, &in->title, val);
	if (k == 7)
		return add_expect(c, in, val);
	if (k == 8)
		return (rc = once(c, 2, key)) ? rc : dup_into(c, &in->title_ja, val);
	return add_item(c, in, (sc_what)(k == 2 ? SC_MESSAGE : k == 3 ? SC_EVENT :
	                                 k == 4 ? SC_INDICATOR : k == 5 ? SC_ASSET : SC_EVIDENCE),
	                val);
}

static int
ref_key(struct pctx *c, const char *key, const char *val)
{
	static const char *const keys[] = { "title", "at", "since", "exercise", "note",
		                                "title[ja]", "note[ja]" };
	sc_ref *rf = &c->sc->refs[c->sc->nrefs - 1];
	ird_err te = { 0 };
	long long off;
	int k = lookup(keys, NELEM(keys), key), rc;

	if ((rc = lang_tag(c, key)))
		return rc;
	if (k < 0)
		return unknown_key(c, key, keys, NELEM(keys), "[reference]");
	if ((rc = once(c, (size_t)k, key)))
		return rc;
	switch (k) {
	case 0: return dup_into(c, &rf->title, val);
	case 1:
		if (strcmp(val, "never") == 0)
			rf->never = 1;
		else if (scenario_offset_parse(val, &off) == 0)
			rf->at = c->sc->start + off;
		else if (clock_parse(val, &rf->at, &te) != IRD_OK)
			return perr(c, _("bad time \"%.*s\" (expected never, T+17d or ISO-8601)"),
			            qlen(val), val);
		return 0;
	case 2:
		if (!scenario_inject(c->sc, val, NULL))
			return perr(c, _("since: no inject \"%.*s\" before this line"), qlen(val), val);
		return dup_into(c, &rf->since, val);
	case 3:
		rf->has_match = 1;
		return parse_expect(c, val, 0, &rf->match);
	case 5: return dup_into(c, &rf->title_ja, val);
	case 6: return dup_into(c, &rf->note_ja, val);
	default: return dup_into(c, &rf->note, val);
	}
}

/* Check the section just ended. */
static int
finish_section(struct pctx *c)
{
	size_t line = c->r.line;
	int rc = 0;

	c->r.line = c->sect_line;
	switch (c->sect) {
	case S_SCENARIO:
		if (!c->sc->name)
			rc = perr(c, _("[scenario]: missing required key \"name\""));
		else if (!c->sc->title)
			rc = perr(c, _("[scenario]: missing required key \"title\""));
		else if (!c->have_start)
			rc = perr(c, _("[scenario]: missing required key \"start\""));
		break;
	case S_INJECT: {
		const sc_inject *in = &c->sc->injects[c->sc->ninjects - 1];
		if (!c->seen[0])
			rc = perr(c, _("[inject %s]: missing required key \"at\""), in->id);
		else if (!in->title)
			rc = perr(c, _("[inject %s]: missing required key \"title\""), in->id);
		else if (in->nitems == 0)
			rc = perr(c, _("[inject %s]: adds nothing (give a message, event, indicator, "
			          "asset or evidence)"), in->id);
		break;
	}
	case S_REF: {
		const sc_ref *rf = &c->sc->refs[c->sc->nrefs - 1];
		if (!rf->title)
			rc = perr(c, _("[reference %s]: missing required key \"title\""), rf->id);
		else if (!c->seen[1])
			rc = perr(c, _("[reference %s]: missing required key \"at\""), rf->id);
		break;
	}
	case S_NONE:
		break;
	}
	c->r.line = line;
	c->sect = S_NONE;
	return rc;
}

static int
open_section(struct pctx *c, const char *kind, const char *id)
{
	scenario *sc = c->sc;
	int rc;

	if ((rc = finish_section(c)))
		return rc;
	c->sect_line = c->r.line;
	memset(c->seen, 0, sizeof(c->seen));
	if (strcmp(kind, "scenario") == 0) {
		if (*id)
			return perr(c, _("[scenario] takes no id"));
		if (sc->name)
			return perr(c, _("duplicate [scenario] section"));
		c->sect = S_SCENARIO;
		return 0;
	}
	if (strcmp(kind, "inject") != 0 && strcmp(kind, "reference") != 0)
		return perr(c, _("unknown section \"[%.*s]\" (expected [scenario], [inject ID] or "
		            "[reference ID])"), qlen(kind), kind);
	if (!sc->name)
		return perr(c, _("[%s] before [scenario] (the [scenario] section comes first)"), kind);
	if (!*id)
		return perr(c, _("[%s] needs an id, e.g. [%s first-mail]"), kind, kind);
	if (!pb_valid_id(id))
		return perr(c, _("bad %s id \"%.*s\" (use 1 to %d of a-z, 0-9 and -)"), kind, qlen(id),
		            id, PB_MAX_ID);
	if (kind[0] == 'i') {
		sc_inject *in;
		if (scenario_inject(sc, id, NULL))
			return perr(c, _("duplicate inject \"%s\""), id);
		if (sc->ninjects >= SC_MAX_INJECTS)
			return perr(c, _("too many injects (at most %d)"), SC_MAX_INJECTS);
		if ((rc = grow(c, (void **)&sc->injects, sc->ninjects, sizeof(*in))))
			return rc;
		in = &sc->injects[sc->ninjects];
		memset(in, 0, sizeof(*in));
		if (!(in->id = strdup(id)))
			return oom(c);
		sc->ninjects++;
		c->sect = S_INJECT;
	} else {
		sc_ref *rf;
		for (size_t i = 0; i < sc->nrefs; i++)
			if (strcmp(sc->refs[i].id, id) == 0)
				return perr(c, _("duplicate reference \"%s\""), id);
		if (sc->nrefs >= SC_MAX_INJECTS)
			return perr(c, _("too many references (at most %d)"), SC_MAX_INJECTS);
		if ((rc = grow(c, (void **)&sc->refs, sc->nrefs, sizeof(*rf))))
			return rc;
		rf = &sc->refs[sc->nrefs];
		memset(rf, 0, sizeof(*rf));
		if (!(rf->id = strdup(id)))
			return oom(c);
		sc->nrefs++;
		c->sect = S_REF;
	}
	return 0;
}

static int
parse_all(struct pctx *c)
{
	lr_item it;
	int rc;

	for (;;) {
		if ((rc = lr_next(&c->r, &it, c->e)))
			return rc;
		if (it.kind == LR_END)
			break;
		if (it.kind == LR_SECTION) {
			if ((rc = open_section(c, it.name, it.value)))
				return rc;
			continue;
		}
		if (c->sect == S_NONE)
			return perr(c, _("\"%.*s\" before any section"), qlen(it.name), it.name);
		if (!*it.value)
			return perr(c, _("empty value for \"%s\""), it.name);
		rc = c->sect == S_SCENARIO ? scenario_key(c, it.name, it.value)
		   : c->sect == S_INJECT ? inject_key(c, it.name, it.value)
		                         : ref_key(c, it.name, it.value);
		if (rc)
			return rc;
	}
	if ((rc = finish_section(c)))
		return rc;
	if (!c->sc->name)
		return lr_fail_at(&c->r, 0, c->e, _("missing [scenario] section"));
	if (c->sc->ninjects == 0)
		return lr_fail_at(&c->r, 0, c->e, _("no [inject] sections"));
	return 0;
}

int
scenario_parse(const char *text, size_t len, const char *origin, scenario **out, ird_err *e)
{
	struct pctx c = { .e = e };
	int rc;

	*out = NULL;
	lr_init(&c.r, text, len, origin, IRD_EUSAGE, LR_SECTIONS);
	if (len > SC_MAX_FILE)
		return lr_fail_at(&c.r, 0, e, _("file too large (%zu bytes, at most %d)"), len,
		                  SC_MAX_FILE);
	if (!(c.sc = calloc(1, sizeof(*c.sc))))
		return oom(&c);
	rc = parse_all(&c);
	if (rc == 0 && !c.sc->severity && !(c.sc->severity = strdup("high")))
		rc = oom(&c);
	if (rc == 0 && (!(c.sc->text = malloc(len + 1)) || !(c.sc->origin = strdup(c.r.origin))))
		rc = oom(&c);
	if (rc) {
		scenario_free(c.sc);
		return rc;
	}
	memcpy(c.sc->text, text, len);
	c.sc->text[len] = '\0';
	c.sc->textlen = len;
	*out = c.sc;
	return 0;
}

int
scenario_load(const char *path, scenario **out, ird_err *e)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = lr_read_file(path, SC_MAX_FILE, &buf, &len, e)) != IRD_OK)
		return rc;
	rc = scenario_parse(buf, len, path, out, e);
	free(buf);
	return rc;
}

void
scenario_free(scenario *sc)
{
	if (!sc)
		return;
	for (size_t i = 0; i < sc->ninjects; i++) {
		sc_inject *in = &sc->injects[i];
		for (size_t k = 0; k < in->nitems; k++)
			item_clear(&in->items[k]);
		for (size_t k = 0; k < in->nexpects; k++)
			expect_clear(&in->expects[k]);
		free(in->items);
		free(in->expects);
		free(in->id);
		free(in->title);
		free(in->title_ja);
	}
	for (size_t i = 0; i < sc->nrefs; i++) {
		sc_ref *rf = &sc->refs[i];
		free(rf->id);
		free(rf->title);
		free(rf->title_ja);
		free(rf->note_ja);
		free(rf->since);
		free(rf->note);
		expect_clear(&rf->match);
	}
	free(sc->injects);
	free(sc->refs);
	free(sc->name);
	free(sc->title);
	free(sc->title_ja);
	free(sc->description);
	free(sc->description_ja);
	free(sc->playbook);
	free(sc->severity);
	free(sc->text);
	free(sc->origin);
	free(sc);
}

const sc_inject *
scenario_inject(const scenario *sc, const char *id, size_t *index)
{
	for (size_t i = 0; sc && i < sc->ninjects; i++)
		if (strcmp(sc->injects[i].id, id) == 0) {
			if (index)
				*index = i;
			return &sc->injects[i];
		}
	return NULL;
}

void
scenario_expect_format(const sc_expect *x, char *buf, size_t len)
{
	char dl[32] = "";

	if (x->within_s >= 0 && pb_deadline_format(x->within_s, dl, sizeof(dl)) != 0)
		dl[0] = '\0';
	snprintf(buf, len, "%s %s%s%s", scenario_xkind_name(x->kind), x->target ? x->target : "",
	         *dl ? " within " : "", dl);
}

/* ---- describe ---- */

struct sb {
	char *s;
	size_t len, cap;
	int oom;
};

static void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (b->oom)
		return;
	va_start(ap, fmt);
	k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k < 0) {
		b->oom = 1;
		return;
	}
	if (b->len + (size_t)k + 1 > b->cap) {
		size_t ncap = (b->len + (size_t)k + 1) * 2;
		char *ns = realloc(b->s, ncap);
		if (!ns) {
			b->oom = 1;
			return;
		}
		b->s = ns;
		b->cap = ncap;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)k;
}

static void
describe_item(struct sb *b, const sc_item *it)
{
	switch (it->what) {
	case SC_MESSAGE: sb_printf(b, _("    message: %s\n"), it->text); break;
	case SC_EVENT: sb_printf(b, _("    event: %s\n"), it->text); break;
	case SC_INDICATOR:
		sb_printf(b, _("    indicator (%s, %s): %s\n"), it->role, it->type, it->value);
		break;
	case SC_ASSET:
		sb_printf(b, _("    asset %s at %s: %s\n"), it->host, it->site ? it->site : "-",
		          it->state);
		break;
	case SC_EVIDENCE:
		sb_printf(b, _("    evidence (%s%s): %s\n"), it->kind, it->exfil ? _(", exfiltration") : "",
		          it->text);
		break;
	}
}

char *
scenario_describe(const scenario *sc)
{
	struct sb b = { 0 };
	char when[32], off[32], x[600];

	clock_format_utc(sc->start, when, sizeof(when));
	sb_printf(&b, _("scenario %s: %s\n"), sc->name, scenario_title(sc));
	if (sc->title_ja && !i18n_is_japanese())
		sb_printf(&b, "  %s\n", sc->title_ja);
	if (scenario_description(sc))
		sb_printf(&b, "  %s\n", scenario_description(sc));
	sb_printf(&b, _("  playbook %s; severity %s; story starts %s\n"),
	          sc->playbook ? sc->playbook : "none", sc->severity, when);
	if (sc->origin)
		sb_printf(&b, _("  from %s\n"), sc->origin);
	sb_printf(&b, _("\ninjects (%zu):\n"), sc->ninjects);
	for (size_t i = 0; i < sc->ninjects; i++) {
		const sc_inject *in = &sc->injects[i];
		scenario_offset_format(in->at_s, off, sizeof(off));
		sb_printf(&b, "  %zu. %s %s: %s\n", i + 1, off, in->id, scenario_inject_title(in));
		for (size_t k = 0; k < in->nitems; k++)
			describe_item(&b, &in->items[k]);
		for (size_t k = 0; k < in->nexpects; k++) {
			scenario_expect_format(&in->expects[k], x, sizeof(x));
			sb_printf(&b, _("    expect: %s (by %s)\n"), x, in->expects[k].by);
		}
	}
	if (sc->nrefs)
		sb_printf(&b, _("\nreference timeline (%zu):\n"), sc->nrefs);
	for (size_t i = 0; i < sc->nrefs; i++) {
		const sc_ref *rf = &sc->refs[i];
		if (rf->never)
			snprintf(when, sizeof(when), _("never"));
		else
			clock_format_utc(rf->at, when, sizeof(when));
		sb_printf(&b, "  %s: %s: %s\n", rf->id, when, scenario_ref_title(rf));
	}
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

const char *
scenario_title(const scenario *sc)
{
	return pb_lang_pick(sc->title, sc->title_ja);
}

const char *
scenario_description(const scenario *sc)
{
	return pb_lang_pick(sc->description, sc->description_ja);
}

const char *
scenario_inject_title(const sc_inject *in)
{
	return pb_lang_pick(in->title, in->title_ja);
}

const char *
scenario_ref_title(const sc_ref *rf)
{
	return pb_lang_pick(rf->title, rf->title_ja);
}

const char *
scenario_ref_note(const sc_ref *rf)
{
	return pb_lang_pick(rf->note, rf->note_ja);
}

/* ---- discovery ---- */

int
scenario_find(const char *search_path, const char *name, scenario **out, ird_err *e)
{
	const char *p = search_path ? search_path : "";
	int rc;

	*out = NULL;
	if (strchr(name, '/'))
		return scenario_load(name, out, e);
	if (!pb_valid_id(name))
		return ird_fail(e, IRD_EUSAGE, _("bad scenario name \"%.*s\" (use a-z, 0-9 and -)"),
		                qlen(name), name);
	while (*p) {
		size_t n = strcspn(p, ":");
		char *path;

		if (n > 0) {
			if (asprintf(&path, "%.*s/%s" SUFFIX, (int)n, p, name) < 0)
				return ird_fail(e, IRD_EFAIL, _("out of memory"));
			rc = scenario_load(path, out, e);
			free(path);
			if (rc != IRD_ENOTFOUND)
				return rc;
		}
		p += n + (p[n] == ':');
	}
	return ird_fail(e, IRD_ENOTFOUND, _("no scenario \"%s\" in %s"), name,
	                search_path && *search_path ? search_path : "(empty search path)");
}

int
scenario_list(const char *search_path, char ***names, char ***paths, size_t *n, ird_err *e)
{
	return pb_list_files(search_path, SUFFIX, names, paths, n, e);
}

void
scenario_list_free(char **names, char **paths, size_t n)
{
	playbook_list_free(names, paths, n);
}
