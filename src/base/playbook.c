/* playbook.c - parse irdesk-playbook(5) files; find them on a search path. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/linereader.h"
#include "base/playbook.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define SUFFIX ".playbook"
#define QMAX 64 /* bytes of a user value quoted in an error message */

/* Indexed by bit number. */
static const char *const trigger_names[PB_NTRIGGERS] = {
	"case-opened", "severity-raised", "asset-infected", "sender-indicator",
	"c2-indicator", "multi-site", "exfiltration", "repeat-sender",
	"personal-data", "cause-set",
};
static const char *const per_names[] = { "case", "asset", "indicator" };
static const char *const requires_names[] = {
	"none", "asset-isolated", "evidence-disk-image", "block-sender",
	"block-domain", "decision-full-disconnect",
};
static const char *const phase_names[] = {
	"preparation", "identification", "containment", "eradication", "recovery",
	"lessons",
};
static const char *const severity_names[] = { "low", "medium", "high", "critical" };
static const char *const op_names[] = { "=", "!=", ">=", "<=", ">", "<" };

/* ---- vocabulary ---- */

static int
lookup(const char *const *tab, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(tab[i], s) == 0)
			return (int)i;
	return -1;
}

/* "a, b, c" for error messages; truncation is harmless there. */
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

const char *
pb_trigger_name(unsigned bit)
{
	for (unsigned i = 0; i < PB_NTRIGGERS; i++)
		if (bit == 1u << i)
			return trigger_names[i];
	return NULL;
}

int
pb_trigger_parse(const char *s, unsigned *bit)
{
	int i = lookup(trigger_names, PB_NTRIGGERS, s);

	if (i < 0)
		return -1;
	*bit = 1u << i;
	return 0;
}

int
pb_triggers_format(unsigned bits, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return -1;
	buf[0] = '\0';
	for (unsigned i = 0; i < PB_NTRIGGERS; i++) {
		if (!(bits & (1u << i)))
			continue;
		int k = snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
		                 trigger_names[i]);
		if (k < 0 || (size_t)k >= len - used)
			return -1;
		used += (size_t)k;
	}
	return 0;
}

const char *
pb_per_name(pb_per p)
{
	return (unsigned)p < NELEM(per_names) ? per_names[p] : "?";
}

const char *
pb_requires_name(pb_requires r)
{
	return (unsigned)r < NELEM(requires_names) ? requires_names[r] : "?";
}

const char *
pb_op_name(pb_op op)
{
	return (unsigned)op < NELEM(op_names) ? op_names[op] : "?";
}

int
severity_rank(const char *sev)
{
	return sev ? lookup(severity_names, NELEM(severity_names), sev) : -1;
}

int
pb_valid_id(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++) {
		char ch = s[n];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'))
			return 0;
	}
	return n > 0 && n <= PB_MAX_ID;
}

/* ---- deadlines ---- */

static const struct { char unit; long long secs; } units[] = {
	{ 'd', 86400 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 },
};

int
pb_deadline_parse(const char *str, long long *s)
{
	long long total = 0;
	size_t next = 0; /* units must appear largest first, each at most once */
	const char *p = str;

	if (strcmp(str, "none") == 0) {
		*s = -1;
		return 0;
	}
	if (!*p)
		return -1;
	while (*p) {
		long long n = 0;
		const char *digits = p;
		size_t u;

		for (; *p >= '0' && *p <= '9'; p++) {
			if (n > (PB_MAX_DEADLINE - (*p - '0')) / 10)
				return -1;
			n = n * 10 + (*p - '0');
		}
		if (p == digits)
			return -1;
		for (u = next; u < NELEM(units) && units[u].unit != *p; u++)
			;
		if (u == NELEM(units) || n > (PB_MAX_DEADLINE - total) / units[u].secs)
			return -1;
		total += n * units[u].secs;
		next = u + 1;
		p++;
	}
	*s = total;
	return 0;
}

int
pb_deadline_format(long long s, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return -1;
	if (s == -1 || s == 0) {
		const char *word = s ? "none" : "0s";
		if (strlen(word) >= len)
			return -1;
		memcpy(buf, word, strlen(word) + 1);
		return 0;
	}
	if (s < 0 || s > PB_MAX_DEADLINE)
		return -1;
	buf[0] = '\0';
	/* Days only from two days up: people say "24h" and "36h", not "1d" and "1d12h". */
	size_t first = s < 2 * 86400 ? 1 : 0;
	for (size_t u = first; u < NELEM(units); u++) {
		long long n = s / units[u].secs;
		if (n == 0)
			continue;
		s -= n * units[u].secs;
		int k = snprintf(buf + used, len - used, "%lld%c", n, units[u].unit);
		if (k < 0 || (size_t)k >= len - used)
			return -1;
		used += (size_t)k;
	}
	return 0;
}

/* ---- conditions ---- */

static int
compare(int a, pb_op op, int b)
{
	switch (op) {
	case PB_OP_EQ: return a == b;
	case PB_OP_NE: return a != b;
	case PB_OP_GE: return a >= b;
	case PB_OP_LE: return a <= b;
	case PB_OP_GT: return a > b;
	case PB_OP_LT: return a < b;
	}
	return 0;
}

static int
cond_holds(const pb_cond *c, const char *severity, const char *cause, int exercise)
{
	switch (c->what) {
	case PB_C_SEVERITY: {
		int r = severity_rank(severity);
		return r < 0 ? c->op == PB_OP_NE : compare(r, c->op, c->severity_rank);
	}
	case PB_C_CAUSE:
		/* An unknown cause is "not X": the earlier deadline applies until it is set. */
		if (!cause || !*cause)
			return c->op == PB_OP_NE;
		return (strcmp(cause, c->value) == 0) == (c->op == PB_OP_EQ);
	case PB_C_EXERCISE:
		return compare(exercise != 0, c->op, c->severity_rank == 1);
	}
	return 0;
}

int
pb_conds_hold(const pb_rule *r, const char *severity, const char *cause, int exercise)
{
	if (!r)
		return 0;
	for (size_t i = 0; i < r->nconds; i++)
		if (!cond_holds(&r->conds[i], severity, cause, exercise))
			return 0;
	return 1;
}

/* ---- parser state ---- */

enum sect { S_NONE, S_PLAYBOOK, S_STEP, S_RULE };
enum { KEY_REQUIRED = 1, KEY_REPEAT = 2 };
#define MAX_KEYS 16

struct ctx;
typedef int (*key_fn)(struct ctx *c, void *obj, size_t off, const char *val);

struct key {
	const char *name;
	key_fn set;
	size_t off; /* of the field in the section's struct */
	unsigned flags;
};

struct ctx {
	playbook *pb;
	const char *origin;
	ird_err *e;
	size_t line;
	enum sect sect;
	const struct key *keys; /* table of the current section */
	size_t nkeys;
	const char *key;        /* key being parsed, for messages */
	size_t key_lines[MAX_KEYS]; /* where each key was set; 0 = not set */
	size_t sect_line;
	int have_playbook;
};

static int perr(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "ORIGIN:LINE: message" (whole-file problems when LINE is 0). */
static int
perr(struct ctx *c, const char *fmt, ...)
{
	char msg[IRD_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->line)
		return ird_fail(c->e, IRD_EUSAGE, "%s:%zu: %s", c->origin, c->line, msg);
	return ird_fail(c->e, IRD_EUSAGE, "%s: %s", c->origin, msg);
}

static int
oom(struct ctx *c)
{
	return ird_fail(c->e, IRD_EFAIL, _("%s: out of memory"), c->origin);
}

/* Bytes of V to quote: at most QMAX, cut at a character boundary. */
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
set_string(struct ctx *c, char **field, const char *val)
{
	char *s = strdup(val);

	if (!s)
		return oom(c);
	free(*field);
	*field = s;
	return 0;
}

/* ---- key parsers: one per kind of value ---- */

static int
set_text(struct ctx *c, void *obj, size_t off, const char *val)
{
	return set_string(c, (char **)((char *)obj + off), val);
}

static int
set_id(struct ctx *c, void *obj, size_t off, const char *val)
{
	if (!pb_valid_id(val))
		return perr(c, _("bad %s \"%.*s\" (use 1 to %d of a-z, 0-9 and -)"), c->key,
		            qlen(val), val, PB_MAX_ID);
	return set_text(c, obj, off, val);
}

static int
set_version(struct ctx *c, void *obj, size_t off, const char *val)
{
	long v = 0;
	const char *p = val;

	for (; *p >= '0' && *p <= '9' && v <= 1000000; p++)
		v = v * 10 + (*p - '0');
	if (*p || v < 1 || v > 1000000)
		return perr(c, _("bad version \"%.*s\" (expected an integer from 1 to 1000000)"),
		            qlen(val), val);
	*(int *)((char *)obj + off) = (int)v;
	return 0;
}

static int
set_enum(struct ctx *c, const char *const *tab, size_t n, const char *val, int *out)
{
	char exp[256];
	int i = lookup(tab, n, val);

	if (i < 0)
		return perr(c, _("unknown %s \"%.*s\" (expected one of: %s)"), c->key, qlen(val),
		            val, join(tab, n, exp, sizeof(exp)));
	*out = i;
	return 0;
}

static int
set_phase(struct ctx *c, void *obj, size_t off, const char *val)
{
	int i = 0;
	int rc = set_enum(c, phase_names, NELEM(phase_names), val, &i);

	return rc ? rc : set_text(c, obj, off, val);
}

static int
set_per(struct ctx *c, void *obj, size_t off, const char *val)
{
	int i = 0;
	int rc = set_enum(c, per_names, NELEM(per_names), val, &i);

	if (rc == 0)
		*(pb_per *)((char *)obj + off) = (pb_per)i;
	return rc;
}

static int
set_requires(struct ctx *c, void *obj, size_t off, const char *val)
{
	int i = 0;
	int rc = set_enum(c, requires_names, NELEM(requires_names), val, &i);

	if (rc == 0)
		*(pb_requires *)((char *)obj + off) = (pb_requires)i;
	return rc;
}

static char *
trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

/* A comma-separated list of triggers; each at most once. */
static int
set_triggers(struct ctx *c, void *obj, size_t off, const char *val)
{
	char buf[PB_MAX_LINE + 1], exp[512];
	unsigned set = 0;
	char *item = buf;

	snprintf(buf, sizeof(buf), "%s", val);
	for (;;) {
		char *comma = strchr(item, ',');
		const char *name;
		unsigned bit;

		if (comma)
			*comma = '\0';
		name = trim(item);
		if (!*name)
			return perr(c, _("empty trigger in \"%.*s\""), qlen(val), val);
		if (pb_trigger_parse(name, &bit))
			return perr(c, _("unknown trigger \"%.*s\" (expected one of: %s)"), qlen(name),
			            name, join(trigger_names, PB_NTRIGGERS, exp, sizeof(exp)));
		if (set & bit)
			return perr(c, _("trigger \"%s\" listed twice"), name);
		set |= bit;
		if (!comma)
			break;
		item = comma + 1;
	}
	*(unsigned *)((char *)obj + off) = set;
	return 0;
}

static int
set_deadline(struct ctx *c, void *obj, size_t off, const char *val)
{
	long long s;

	if (pb_deadline_parse(val, &s))
		return perr(c, _("bad deadline \"%.*s\" (expected e.g. 45s, 30m, 1h30m, 3d, "
		            "at most 3650d, or none)"), qlen(val), val);
	*(long long *)((char *)obj + off) = s;
	return 0;
}

/* A timer needs a due time, so escalations may not say "none". */
static int
set_rule_deadline(struct ctx *c, void *obj, size_t off, const char *val)
{
	if (strcmp(val, "none") == 0)
		return perr(c, _("an escalation needs a deadline (\"none\" is only for steps)"));
	return set_deadline(c, obj, off, val);
}

/* Split "WHAT OP VALUE" (blanks optional around OP). */
static int
split_cond(struct ctx *c, const char *val, char *what, size_t wlen, pb_op *op,
           const char **value)
{
	const char *p = val;
	size_t n = 0;
	int i = 0;

	while ((*p >= 'a' && *p <= 'z') && n + 1 < wlen)
		what[n++] = *p++;
	what[n] = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	for (i = 0; i < (int)NELEM(op_names); i++) /* the table tries ">=" before ">" */
		if (strncmp(p, op_names[i], strlen(op_names[i])) == 0)
			break;
	if (n == 0 || i == (int)NELEM(op_names))
		return perr(c, _("bad condition \"%.*s\" (expected e.g. \"severity >= high\")"),
		            qlen(val), val);
	p += strlen(op_names[i]);
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || strpbrk(p, " \t=!<>"))
		return perr(c, _("bad condition \"%.*s\" (expected one value after \"%s\")"),
		            qlen(val), val, op_names[i]);
	*op = (pb_op)i;
	*value = p;
	return 0;
}

/* Fill D from VAL; D->value stays NULL on error. */
static int
parse_cond(struct ctx *c, const char *val, pb_cond *d)
{
	char what[16];
	const char *value = NULL;
	int rc = split_cond(c, val, what, sizeof(what), &d->op, &value);

	if (rc)
		return rc;
	d->severity_rank = -1;
	if (strcmp(what, "severity") == 0) {
		char exp[64];
		d->what = PB_C_SEVERITY;
		d->severity_rank = severity_rank(value);
		if (d->severity_rank < 0)
			return perr(c, _("unknown severity \"%.*s\" (expected one of: %s)"),
			            qlen(value), value,
			            join(severity_names, NELEM(severity_names), exp, sizeof(exp)));
	} else if (strcmp(what, "cause") == 0) {
		d->what = PB_C_CAUSE;
		if (d->op != PB_OP_EQ && d->op != PB_OP_NE)
			return perr(c, _("cause can only be compared with = or !="));
		if (!pb_valid_id(value))
			return perr(c, _("bad cause \"%.*s\" (use a-z, 0-9 and -)"), qlen(value), value);
	} else if (strcmp(what, "exercise") == 0) {
		d->what = PB_C_EXERCISE;
		if (d->op != PB_OP_EQ)
			return perr(c, _("exercise can only be compared with ="));
		if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
			return perr(c, _("bad exercise value \"%.*s\" (expected yes or no)"),
			            qlen(value), value);
		d->severity_rank = strcmp(value, "yes") == 0;
	} else {
		return perr(c, _("unknown condition \"%s\" (expected severity, cause or exercise)"),
		            what);
	}
	d->value = strdup(value);
	return d->value ? 0 : oom(c);
}

static int
set_when(struct ctx *c, void *obj, size_t off, const char *val)
{
	pb_rule *r = obj;
	pb_cond *conds, d = { 0 };
	int rc;

	(void)off;
	if (r->nconds >= PB_MAX_CONDS)
		return perr(c, _("too many \"when\" lines (at most %d)"), PB_MAX_CONDS);
	rc = parse_cond(c, val, &d);
	if (rc)
		return rc;
	conds = realloc(r->conds, (r->nconds + 1) * sizeof(*conds));
	if (!conds) {
		free(d.value);
		return oom(c);
	}
	conds[r->nconds++] = d;
	r->conds = conds;
	return 0;
}

/* ---- sections: one key table each ---- */

#define PK(f) offsetof(playbook, f)
#define SK(f) offsetof(pb_step, f)
#define RK(f) offsetof(pb_rule, f)

static const struct key playbook_keys[] = {
	{ "name", set_id, PK(name), KEY_REQUIRED },
	{ "title", set_text, PK(title), KEY_REQUIRED },
	{ "description", set_text, PK(description), 0 },
	{ "version", set_version, PK(version), 0 },
	{ "title[ja]", set_text, PK(title_ja), 0 },
	{ "description[ja]", set_text, PK(description_ja), 0 },
};
static const struct key step_keys[] = {
	{ "title", set_text, SK(title), KEY_REQUIRED },
	{ "phase", set_phase, SK(phase), 0 },
	{ "trigger", set_triggers, SK(triggers), KEY_REQUIRED },
	{ "deadline", set_deadline, SK(deadline_s), 0 },
	{ "per", set_per, SK(per), KEY_REQUIRED },
	{ "requires", set_requires, SK(requires), 0 },
	{ "description", set_text, SK(description), 0 },
};
static const struct key rule_keys[] = {
	{ "role", set_id, RK(role), KEY_REQUIRED },
	{ "trigger", set_triggers, RK(triggers), KEY_REQUIRED },
	{ "when", set_when, 0, KEY_REPEAT },
	{ "deadline", set_rule_deadline, RK(deadline_s), KEY_REQUIRED },
	{ "description", set_text, RK(description), 0 },
};
_Static_assert(NELEM(playbook_keys) <= MAX_KEYS && NELEM(step_keys) <= MAX_KEYS &&
               NELEM(rule_keys) <= MAX_KEYS, "key_lines[] is too small");

static void *
section_obj(struct ctx *c)
{
	switch (c->sect) {
	case S_PLAYBOOK: return c->pb;
	case S_STEP: return &c->pb->steps[c->pb->nsteps - 1];
	case S_RULE: return &c->pb->rules[c->pb->nrules - 1];
	case S_NONE: break;
	}
	return NULL;
}

static const char *
section_label(struct ctx *c, char *buf, size_t len)
{
	if (c->sect == S_STEP)
		snprintf(buf, len, "[step %s]", c->pb->steps[c->pb->nsteps - 1].id);
	else if (c->sect == S_RULE)
		snprintf(buf, len, "[escalation %s]", c->pb->rules[c->pb->nrules - 1].id);
	else
		snprintf(buf, len, "[playbook]");
	return buf;
}

static size_t
key_line(struct ctx *c, const char *name)
{
	for (size_t i = 0; i < c->nkeys; i++)
		if (strcmp(c->keys[i].name, name) == 0)
			return c->key_lines[i];
	return 0;
}

/* Steps made per asset or per indicator need triggers that name one. */
static int
check_step(struct ctx *c, pb_step *s)
{
	const unsigned ind = PB_T_SENDER_INDICATOR | PB_T_C2_INDICATOR;
	int asset_req = s->requires == PB_REQ_ASSET_ISOLATED || s->requires == PB_REQ_DISK_IMAGE;

	c->line = key_line(c, "per");
	if (s->per == PB_PER_ASSET && s->triggers != PB_T_ASSET_INFECTED)
		return perr(c, _("step \"%s\": per = asset allows only the trigger asset-infected"),
		            s->id);
	if (s->per == PB_PER_INDICATOR && (s->triggers & ~ind))
		return perr(c, _("step \"%s\": per = indicator allows only the triggers "
		            "sender-indicator and c2-indicator"), s->id);
	c->line = key_line(c, "requires");
	if (asset_req && s->per != PB_PER_ASSET)
		return perr(c, _("step \"%s\": requires = %s needs per = asset"), s->id,
		            pb_requires_name(s->requires));
	if (s->requires == PB_REQ_BLOCK_SENDER &&
	    (s->per != PB_PER_INDICATOR || s->triggers != PB_T_SENDER_INDICATOR))
		return perr(c, _("step \"%s\": requires = block-sender needs per = indicator "
		            "and the trigger sender-indicator only"), s->id);
	if (s->requires == PB_REQ_BLOCK_DOMAIN && s->per != PB_PER_INDICATOR)
		return perr(c, _("step \"%s\": requires = block-domain needs per = indicator"), s->id);
	if (s->requires == PB_REQ_DECISION_DISCONNECT && s->per != PB_PER_CASE)
		return perr(c, _("step \"%s\": requires = decision-full-disconnect needs per = case"),
		            s->id);
	if (!s->phase && !(s->phase = strdup("containment")))
		return oom(c);
	return 0;
}

/* Check the section just ended: required keys, then rules across keys. */
static int
finish_section(struct ctx *c)
{
	char label[PB_MAX_ID + 20];
	int rc = 0;

	if (c->sect == S_NONE)
		return 0;
	for (size_t i = 0; i < c->nkeys; i++) {
		if ((c->keys[i].flags & KEY_REQUIRED) && !c->key_lines[i]) {
			c->line = c->sect_line;
			return perr(c, _("%s: missing required key \"%s\""),
			            section_label(c, label, sizeof(label)), c->keys[i].name);
		}
	}
	if (c->sect == S_STEP) {
		size_t line = c->line; /* check_step points errors at the key's line */
		rc = check_step(c, section_obj(c));
		if (rc == 0)
			c->line = line;
	}
	c->sect = S_NONE;
	return rc;
}

static int
grow(struct ctx *c, void **arr, size_t n, size_t size)
{
	void *p;

	if (n & (n - 1)) /* capacity is the next power of two */
		return 0;
	p = realloc(*arr, (n ? n * 2 : 4) * size);
	if (!p)
		return oom(c);
	*arr = p;
	return 0;
}

static int
new_step(struct ctx *c, const char *id)
{
	playbook *pb = c->pb;
	pb_step *s;

	if (playbook_step(pb, id))
		return perr(c, _("duplicate step \"%s\""), id);
	if (pb->nsteps >= PB_MAX_SECTIONS)
		return perr(c, _("too many steps (at most %d)"), PB_MAX_SECTIONS);
	if (grow(c, (void **)&pb->steps, pb->nsteps, sizeof(*s)))
		return IRD_EFAIL;
	s = &pb->steps[pb->nsteps];
	memset(s, 0, sizeof(*s));
	s->deadline_s = -1;
	if (!(s->id = strdup(id)))
		return oom(c);
	pb->nsteps++;
	c->sect = S_STEP;
	c->keys = step_keys;
	c->nkeys = NELEM(step_keys);
	return 0;
}

static int
new_rule(struct ctx *c, const char *id)
{
	playbook *pb = c->pb;
	pb_rule *r;

	if (playbook_rule(pb, id))
		return perr(c, _("duplicate escalation \"%s\""), id);
	if (pb->nrules >= PB_MAX_SECTIONS)
		return perr(c, _("too many escalations (at most %d)"), PB_MAX_SECTIONS);
	if (grow(c, (void **)&pb->rules, pb->nrules, sizeof(*r)))
		return IRD_EFAIL;
	r = &pb->rules[pb->nrules];
	memset(r, 0, sizeof(*r));
	if (!(r->id = strdup(id)))
		return oom(c);
	pb->nrules++;
	c->sect = S_RULE;
	c->keys = rule_keys;
	c->nkeys = NELEM(rule_keys);
	return 0;
}

static int
open_section(struct ctx *c, const char *kind, const char *id)
{
	if (strcmp(kind, "playbook") == 0) {
		if (*id)
			return perr(c, _("[playbook] takes no id"));
		if (c->have_playbook)
			return perr(c, _("duplicate [playbook] section"));
		c->have_playbook = 1;
		c->sect = S_PLAYBOOK;
		c->keys = playbook_keys;
		c->nkeys = NELEM(playbook_keys);
		return 0;
	}
	if (strcmp(kind, "step") != 0 && strcmp(kind, "escalation") != 0)
		return perr(c, _("unknown section \"[%.*s]\" (expected [playbook], [step ID] or "
		            "[escalation ID])"), qlen(kind), kind);
	if (!*id)
		return perr(c, _("[%s] needs an id, e.g. [%s isolate]"), kind, kind);
	if (!pb_valid_id(id))
		return perr(c, _("bad %s id \"%.*s\" (use 1 to %d of a-z, 0-9 and -)"), kind,
		            qlen(id), id, PB_MAX_ID);
	return kind[0] == 's' ? new_step(c, id) : new_rule(c, id);
}

static int
begin_section(struct ctx *c, const char *kind, const char *id)
{
	int rc;

	if ((rc = finish_section(c)))
		return rc;
	c->sect_line = c->line;
	memset(c->key_lines, 0, sizeof(c->key_lines));
	return open_section(c, kind, id);
}

static int
parse_keyval(struct ctx *c, const char *key, const char *val)
{
	char label[PB_MAX_ID + 20], exp[256];
	size_t i;

	if (c->sect == S_NONE)
		return perr(c, _("\"%.*s\" before any section"), qlen(key), key);
	{
		char name[PB_MAX_ID + 1], tag[PB_MAX_ID + 1];

		if (pb_lang_key(key, name, sizeof(name), tag, sizeof(tag)) && !pb_lang_known(tag))
			return perr(c, _("unknown language tag \"%s\" in \"%.*s\" (irdesk reads only "
			                 "[ja])"), tag, qlen(key), key);
	}
	for (i = 0; i < c->nkeys && strcmp(c->keys[i].name, key) != 0; i++)
		;
	if (i == c->nkeys) {
		const char *names[MAX_KEYS];
		for (size_t k = 0; k < c->nkeys; k++)
			names[k] = c->keys[k].name;
		return perr(c, _("unknown key \"%.*s\" in %s (expected one of: %s)"), qlen(key), key,
		            section_label(c, label, sizeof(label)), join(names, c->nkeys, exp,
		            sizeof(exp)));
	}
	if (c->key_lines[i] && !(c->keys[i].flags & KEY_REPEAT))
		return perr(c, _("duplicate key \"%s\" (first set on line %zu)"), key,
		            c->key_lines[i]);
	if (!*val)
		return perr(c, _("empty value for \"%s\""), key);
	c->key_lines[i] = c->line;
	c->key = key;
	return c->keys[i].set(c, section_obj(c), c->keys[i].off, val);
}

/* Every line through the shared line reader (base/linereader.h). */
static int
parse_text(struct ctx *c, const char *text, size_t len)
{
	lr_reader r;
	lr_item it;
	int rc;

	lr_init(&r, text, len, c->origin, IRD_EUSAGE, LR_SECTIONS);
	for (;;) {
		if ((rc = lr_next(&r, &it, c->e)))
			return rc;
		c->line = r.line;
		if (it.kind == LR_END)
			break;
		rc = it.kind == LR_SECTION ? begin_section(c, it.name, it.value)
		                           : parse_keyval(c, it.name, it.value);
		if (rc)
			return rc;
	}
	if ((rc = finish_section(c)))
		return rc;
	c->line = 0;
	if (!c->have_playbook)
		return perr(c, _("missing [playbook] section"));
	if (c->pb->nsteps + c->pb->nrules == 0)
		return perr(c, _("no [step] or [escalation] sections"));
	return 0;
}

int
playbook_parse(const char *text, size_t len, const char *origin, playbook **out,
               ird_err *e)
{
	struct ctx c = { .origin = origin ? origin : "<input>", .e = e };
	int rc;

	*out = NULL;
	if (len > PB_MAX_FILE)
		return perr(&c, _("file too large (%zu bytes, at most %d)"), len, PB_MAX_FILE);
	if (!(c.pb = calloc(1, sizeof(*c.pb))))
		return oom(&c);
	c.pb->version = 1;
	rc = parse_text(&c, text, len);
	if (rc == 0 && !(c.pb->text = malloc(len + 1)))
		rc = oom(&c);
	if (rc == 0 && !(c.pb->origin = strdup(c.origin)))
		rc = oom(&c);
	if (rc) {
		playbook_free(c.pb);
		return rc;
	}
	memcpy(c.pb->text, text, len);
	c.pb->text[len] = '\0';
	c.pb->textlen = len;
	*out = c.pb;
	return 0;
}

void
playbook_free(playbook *pb)
{
	if (!pb)
		return;
	for (size_t i = 0; i < pb->nsteps; i++) {
		pb_step *s = &pb->steps[i];
		free(s->id);
		free(s->title);
		free(s->phase);
		free(s->description);
	}
	for (size_t i = 0; i < pb->nrules; i++) {
		pb_rule *r = &pb->rules[i];
		for (size_t k = 0; k < r->nconds; k++)
			free(r->conds[k].value);
		free(r->conds);
		free(r->id);
		free(r->role);
		free(r->description);
	}
	free(pb->steps);
	free(pb->rules);
	free(pb->name);
	free(pb->title);
	free(pb->description);
	free(pb->title_ja);
	free(pb->description_ja);
	free(pb->text);
	free(pb->origin);
	free(pb);
}

const pb_step *
playbook_step(const playbook *pb, const char *id)
{
	for (size_t i = 0; pb && i < pb->nsteps; i++)
		if (strcmp(pb->steps[i].id, id) == 0)
			return &pb->steps[i];
	return NULL;
}

const pb_rule *
playbook_rule(const playbook *pb, const char *id)
{
	for (size_t i = 0; pb && i < pb->nrules; i++)
		if (strcmp(pb->rules[i].id, id) == 0)
			return &pb->rules[i];
	return NULL;
}

/* ---- loading ---- */

int
playbook_load(const char *path, playbook **out, ird_err *e)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if ((rc = lr_read_file(path, PB_MAX_FILE, &buf, &len, e)) != IRD_OK)
		return rc;
	rc = playbook_parse(buf, len, path, out, e);
	free(buf);
	return rc;
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
	k = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (k < 0) {
		b->oom = 1;
		return;
	}
	if ((size_t)k >= b->cap - b->len) {
		size_t ncap = (b->len + (size_t)k + 1) * 2;
		char *ns = realloc(b->s, ncap);
		if (!ns) {
			b->oom = 1;
			return;
		}
		b->s = ns;
		b->cap = ncap;
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)k;
}

static void
describe_step(struct sb *b, const pb_step *s)
{
	char trig[256], dl[32];

	if (pb_triggers_format(s->triggers, trig, sizeof(trig)) ||
	    pb_deadline_format(s->deadline_s, dl, sizeof(dl))) {
		b->oom = 1; /* cannot happen with valid values; fail rather than lie */
		return;
	}
	sb_printf(b, "  %s: %s\n", s->id, s->title);
	sb_printf(b, _("    phase %s; on %s; deadline %s; per %s; requires %s\n"), s->phase, trig,
	          dl, pb_per_name(s->per), pb_requires_name(s->requires));
	if (s->description)
		sb_printf(b, "    %s\n", s->description);
}

static void
describe_rule(struct sb *b, const pb_rule *r)
{
	char trig[256], dl[32];

	if (pb_triggers_format(r->triggers, trig, sizeof(trig)) ||
	    pb_deadline_format(r->deadline_s, dl, sizeof(dl))) {
		b->oom = 1;
		return;
	}
	sb_printf(b, _("  %s: notify %s within %s\n"), r->id, r->role, dl);
	sb_printf(b, _("    on %s"), trig);
	for (size_t k = 0; k < r->nconds; k++) {
		const pb_cond *c = &r->conds[k];
		static const char *const what[] = { "severity", "cause", "exercise" };
		sb_printf(b, "%s%s %s %s", k ? _(" and ") : _("; when "), what[c->what],
		          pb_op_name(c->op), c->value);
	}
	sb_printf(b, "\n");
	if (r->description)
		sb_printf(b, "    %s\n", r->description);
}

char *
playbook_describe(const playbook *pb)
{
	struct sb b = { .cap = 1024 };

	if (!(b.s = malloc(b.cap)))
		return NULL;
	b.s[0] = '\0';
	sb_printf(&b, _("playbook %s (version %d): %s\n"), pb->name, pb->version,
	          playbook_title(pb));
	if (playbook_description(pb))
		sb_printf(&b, "  %s\n", playbook_description(pb));
	if (pb->origin)
		sb_printf(&b, _("  from %s\n"), pb->origin);
	sb_printf(&b, _("\nsteps (%zu):\n"), pb->nsteps);
	for (size_t i = 0; i < pb->nsteps; i++)
		describe_step(&b, &pb->steps[i]);
	sb_printf(&b, _("\nescalations (%zu):\n"), pb->nrules);
	for (size_t i = 0; i < pb->nrules; i++)
		describe_rule(&b, &pb->rules[i]);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

const char *
pb_lang_pick(const char *en, const char *ja)
{
	return ja && i18n_is_japanese() ? ja : en;
}

const char *
playbook_title(const playbook *pb)
{
	return pb_lang_pick(pb->title, pb->title_ja);
}

const char *
playbook_description(const playbook *pb)
{
	/* description[ja] alone still reads in Japanese under Japanese messages. */
	return pb_lang_pick(pb->description, pb->description_ja);
}

int
pb_lang_key(const char *key, char *name, size_t len, char *tag, size_t taglen)
{
	const char *open = strchr(key, '[');
	size_t n = strlen(key), k, t;

	if (!open || n < 2 || key[n - 1] != ']')
		return 0;
	k = (size_t)(open - key);
	t = n - k - 2;
	if (k >= len || t >= taglen)
		return 0;
	memcpy(name, key, k);
	name[k] = '\0';
	memcpy(tag, open + 1, t);
	tag[t] = '\0';
	return 1;
}

int
pb_lang_known(const char *tag)
{
	return strcmp(tag, "ja") == 0;
}

/* ---- discovery ---- */

/* The next non-empty directory of the colon-separated *P, copied into DIR; 0 at the end. */
static int
next_dir(const char **p, char *dir, size_t len)
{
	while (**p) {
		size_t n = strcspn(*p, ":");
		const char *d = *p;
		*p += n + ((*p)[n] == ':');
		if (n == 0 || n >= len)
			continue; /* empty or absurdly long: not a directory we can use */
		memcpy(dir, d, n);
		dir[n] = '\0';
		return 1;
	}
	return 0;
}

int
playbook_find(const char *search_path, const char *name, playbook **out, ird_err *e)
{
	const char *p = search_path ? search_path : "";
	char dir[4096];

	*out = NULL;
	if (!pb_valid_id(name)) /* also keeps "../x" and "/" out of the path */
		return ird_fail(e, IRD_EUSAGE, _("bad playbook name \"%.*s\" (use a-z, 0-9 and -)"),
		                qlen(name), name);
	while (next_dir(&p, dir, sizeof(dir))) {
		char *path;
		int rc;

		if (asprintf(&path, "%s/%s" SUFFIX, dir, name) < 0)
			return ird_fail(e, IRD_EFAIL, _("out of memory"));
		rc = playbook_load(path, out, e);
		if (rc == 0 && strcmp((*out)->name, name) != 0) {
			rc = ird_fail(e, IRD_EUSAGE, _("%s: name \"%s\" does not match the file name"),
			              path, (*out)->name);
			playbook_free(*out);
			*out = NULL;
		}
		free(path);
		if (rc != IRD_ENOTFOUND)
			return rc;
	}
	return ird_fail(e, IRD_ENOTFOUND, _("no playbook \"%s\" in %s"), name,
	                *search_path ? search_path : "(empty search path)");
}

struct entry {
	char *name, *path;
	size_t dir; /* index in the search path: lower wins */
};

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	if (r)
		return r;
	return x->dir < y->dir ? -1 : x->dir > y->dir;
}

struct list {
	struct entry *v;
	size_t n, cap;
};

static void
list_clear(struct list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].path);
	}
	free(l->v);
}

/* Add DIR/FILE if FILE is NAME.SUFFIX with a valid NAME and is a regular file. */
static int
consider(struct list *l, const char *dir, size_t di, const char *file, const char *suffix,
         ird_err *e)
{
	size_t fl = strlen(file), sl = strlen(suffix);
	struct entry en = { .dir = di };
	struct stat st;

	if (fl <= sl || strcmp(file + fl - sl, suffix) != 0)
		return 0;
	if (!(en.name = strndup(file, fl - sl)))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (!pb_valid_id(en.name)) {
		free(en.name);
		return 0;
	}
	if (asprintf(&en.path, "%s/%s", dir, file) < 0) {
		free(en.name);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	if (stat(en.path, &st) != 0 || !S_ISREG(st.st_mode)) {
		free(en.name);
		free(en.path);
		return 0;
	}
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		struct entry *nv = realloc(l->v, ncap * sizeof(*nv));
		if (!nv) {
			free(en.name);
			free(en.path);
			return ird_fail(e, IRD_EFAIL, _("out of memory"));
		}
		l->v = nv;
		l->cap = ncap;
	}
	l->v[l->n++] = en;
	return 0;
}

static int
scan_dir(struct list *l, const char *dir, size_t di, const char *suffix, ird_err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = 0;

	if (!d) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0; /* a search path may name directories that do not exist */
		return ird_fail(e, IRD_EFAIL, "%s: %s", dir, strerror(errno));
	}
	for (;;) {
		errno = 0;
		if (!(de = readdir(d))) {
			if (errno)
				rc = ird_fail(e, IRD_EFAIL, "%s: %s", dir, strerror(errno));
			break;
		}
		if ((rc = consider(l, dir, di, de->d_name, suffix, e)))
			break;
	}
	if (closedir(d) != 0 && rc == 0)
		rc = ird_fail(e, IRD_EFAIL, "%s: %s", dir, strerror(errno));
	return rc;
}

/* Sort by name, then keep only the first directory's file for each name. */
static void
dedupe(struct list *l)
{
	size_t w = 0;

	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), entry_cmp);
	for (size_t i = 0; i < l->n; i++) {
		if (w > 0 && strcmp(l->v[w - 1].name, l->v[i].name) == 0) {
			free(l->v[i].name);
			free(l->v[i].path);
			continue;
		}
		l->v[w++] = l->v[i];
	}
	l->n = w;
}

int
playbook_list(const char *search_path, char ***names, char ***paths, size_t *n,
              ird_err *e)
{
	return pb_list_files(search_path, SUFFIX, names, paths, n, e);
}

int
pb_list_files(const char *search_path, const char *suffix, char ***names, char ***paths,
              size_t *n, ird_err *e)
{
	struct list l = { 0 };
	const char *p = search_path ? search_path : "";
	char dir[4096];
	size_t di = 0;
	int rc = 0;

	*names = *paths = NULL;
	*n = 0;
	while (rc == 0 && next_dir(&p, dir, sizeof(dir)))
		rc = scan_dir(&l, dir, di++, suffix, e);
	if (rc) {
		list_clear(&l);
		return rc;
	}
	dedupe(&l);
	if (l.n == 0) {
		free(l.v);
		return 0;
	}
	*names = malloc(l.n * sizeof(char *));
	*paths = malloc(l.n * sizeof(char *));
	if (!*names || !*paths) {
		free(*names);
		free(*paths);
		*names = *paths = NULL;
		list_clear(&l);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	for (size_t i = 0; i < l.n; i++) {
		(*names)[i] = l.v[i].name;
		(*paths)[i] = l.v[i].path;
	}
	*n = l.n;
	free(l.v);
	return 0;
}

void
playbook_list_free(char **names, char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (names)
			free(names[i]);
		if (paths)
			free(paths[i]);
	}
	free(names);
	free(paths);
}
