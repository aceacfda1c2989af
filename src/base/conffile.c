/* conffile.c - the configuration file. One table of keys gives parsing,
 * formatting and documentation (calcurse's idea). */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/conffile.h"
#include "base/i18n.h"
#include "base/linereader.h"
#include "base/hook.h"

#define CONFIG_MAX_FILE (1024 * 1024) /* bytes in the configuration file */
#define MAX_NAME 64

struct ird_config {
	char *path;
	int found;
	char *hook_line;
	char **hook_argv;
	char *default_playbook;
	char *external_paths;
	int hook_timeout;
	int exercise_hooks;
	char *anchor_file;
	char *organisation;
};

/* A key's parser stores VALUE in CFG, or writes why not into WHY. */
typedef int (*parse_fn)(ird_config *cfg, const char *value, char *why, size_t whylen);
/* A key's formatter: its value as written in the file, or NULL if unset. */
typedef const char *(*format_fn)(const ird_config *cfg, char *buf, size_t len);

struct config_key {
	const char *name;
	parse_fn parse;
	format_fn format;
	const char *fallback; /* the default as written in the file, or NULL */
	const char *description;
};

#define STR(x) #x
#define XSTR(x) STR(x)

static int
parse_hook(ird_config *cfg, const char *value, char *why, size_t whylen)
{
	ird_err e = { 0 };
	char **argv;

	if (hook_parse_command(value, &argv, &e) != IRD_OK) {
		snprintf(why, whylen, "%s", e.msg);
		return -1;
	}
	if (!(cfg->hook_line = strdup(value))) {
		hook_argv_free(argv);
		snprintf(why, whylen, _("out of memory"));
		return -1;
	}
	cfg->hook_argv = argv;
	return 0;
}

/* Same rule as playbook names: 1-64 of [a-z0-9-]. */
static int
valid_name(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return 0;
	return n > 0 && n <= MAX_NAME;
}

static int
parse_playbook(ird_config *cfg, const char *value, char *why, size_t whylen)
{
	if (!valid_name(value)) {
		snprintf(why, whylen, _("\"%.64s\" is not a playbook name (1 to 64 of a-z, 0-9 and -)"),
		         value);
		return -1;
	}
	if (!(cfg->default_playbook = strdup(value))) {
		snprintf(why, whylen, _("out of memory"));
		return -1;
	}
	return 0;
}

static int
parse_anchor_file(ird_config *cfg, const char *value, char *why, size_t whylen)
{
	if (value[0] != '/') {
		snprintf(why, whylen, _("\"%.64s\" is not an absolute path"), value);
		return -1;
	}
	if (!(cfg->anchor_file = strdup(value))) {
		snprintf(why, whylen, _("out of memory"));
		return -1;
	}
	return 0;
}

static const char *
format_anchor_file(const ird_config *cfg, char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return cfg->anchor_file;
}

static int
parse_paths(ird_config *cfg, const char *value, char *why, size_t whylen)
{
	ird_err e = { 0 };
	char *normal;

	if (config_parse_paths(value, &normal, &e) != IRD_OK) {
		snprintf(why, whylen, "%s", e.msg);
		return -1;
	}
	free(cfg->external_paths);
	cfg->external_paths = normal;
	return 0;
}

static int
parse_timeout(ird_config *cfg, const char *value, char *why, size_t whylen)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (!(*value >= '0' && *value <= '9') || *end || errno || v < 1 ||
	    v > CONFIG_MAX_HOOK_TIMEOUT) {
		snprintf(why, whylen, _("\"%.64s\" is not a number of seconds from 1 to %d"), value,
		         CONFIG_MAX_HOOK_TIMEOUT);
		return -1;
	}
	cfg->hook_timeout = (int)v;
	return 0;
}

static int
parse_yes_no(ird_config *cfg, const char *value, char *why, size_t whylen)
{
	if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0) {
		snprintf(why, whylen, _("\"%.64s\" is not yes or no"), value);
		return -1;
	}
	cfg->exercise_hooks = value[0] == 'y';
	return 0;
}

/* One line of printable UTF-8, 1-200 bytes: the name others see us by. */
static int
parse_organisation(ird_config *cfg, const char *value, char *why, size_t whylen)
{
	size_t n = strlen(value);

	for (size_t i = 0; i < n; i++)
		if ((unsigned char)value[i] < 0x20 || value[i] == 0x7f)
			n = 0;
	if (n == 0 || n > 200) {
		snprintf(why, whylen, _("the organisation is 1 to 200 printable bytes"));
		return -1;
	}
	free(cfg->organisation);
	if (!(cfg->organisation = strdup(value))) {
		snprintf(why, whylen, _("out of memory"));
		return -1;
	}
	return 0;
}

static const char *
format_yes_no(const ird_config *cfg, char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return cfg->exercise_hooks ? "yes" : NULL;
}

static const char *
format_organisation(const ird_config *cfg, char *buf, size_t len)
{
	return cfg->organisation;
}

static const char *
format_hook(const ird_config *cfg, char *buf, size_t len)
{
	return cfg->hook_line;
}

static const char *
format_playbook(const ird_config *cfg, char *buf, size_t len)
{
	return cfg->default_playbook;
}

static const char *
format_paths(const ird_config *cfg, char *buf, size_t len)
{
	return strcmp(cfg->external_paths, CONFIG_DEFAULT_EXTERNAL_PATHS) ? cfg->external_paths
	                                                                   : NULL;
}

static const char *
format_timeout(const ird_config *cfg, char *buf, size_t len)
{
	if (cfg->hook_timeout == CONFIG_DEFAULT_HOOK_TIMEOUT)
		return NULL;
	snprintf(buf, len, "%d", cfg->hook_timeout);
	return buf;
}

static const struct config_key KEYS[] = {
	{ "escalation-hook", parse_hook, format_hook, NULL,
	  "program and arguments run once when a timer becomes overdue (split on blanks, "
	  "no shell); none by default" },
	{ "default-playbook", parse_playbook, format_playbook, NULL,
	  "playbook applied to a new case opened without --playbook; none by default" },
	{ "external-paths", parse_paths, format_paths, CONFIG_DEFAULT_EXTERNAL_PATHS,
	  "comma list of the organisation's external network paths, checked by "
	  "`decide full-disconnect`; default " CONFIG_DEFAULT_EXTERNAL_PATHS },
	{ "hook-timeout", parse_timeout, format_timeout, XSTR(CONFIG_DEFAULT_HOOK_TIMEOUT),
	  "seconds an escalation hook may run before its process group is killed; default "
	  XSTR(CONFIG_DEFAULT_HOOK_TIMEOUT) },
	{ "exercise-hooks", parse_yes_no, format_yes_no, "no",
	  "yes: run the escalation hook for exercise cases too (with IRDESK_EXERCISE=1);"
	  " default no" },
	{ "audit-anchor-file", parse_anchor_file, format_anchor_file, NULL,
	  "absolute path of a file where `watch` appends the signed audit head after each"
	  " pass that changed it (keep it out of the store's reach); none by default" },
	{ "organisation", parse_organisation, format_organisation, NULL,
	  "the organisation's name in exported STIX bundles (its identity) and MISP events "
	  "(Orgc); default " CONFIG_DEFAULT_ORGANISATION },
};
#define NKEYS (sizeof(KEYS) / sizeof(KEYS[0]))

const char *
config_organisation(const ird_config *cfg)
{
	return cfg && cfg->organisation ? cfg->organisation : CONFIG_DEFAULT_ORGANISATION;
}

const char *
config_key_name(size_t i)
{
	return i < NKEYS ? KEYS[i].name : NULL;
}

const char *
config_key_description(size_t i)
{
	return i < NKEYS ? KEYS[i].description : NULL;
}

/* ---- external path lists ---------------------------------------------- */

/* ASCII only: these names never depend on the locale. */
static int
ascii_lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

static int
path_char(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' ||
	       ch == '_';
}

/* 1 if the comma list LIST holds NAME. */
static int
list_has(const char *list, const char *name)
{
	size_t len = strlen(name);

	while (*list) {
		size_t n = strcspn(list, ",");

		if (n == len && strncmp(list, name, len) == 0)
			return 1;
		list += n + (list[n] == ',');
	}
	return 0;
}

/* The next name of a comma list at *P, trimmed and lower-cased into
 * NAME; *P moves past it and its comma. */
static int
next_path(const char **p, char name[MAX_NAME + 1], ird_err *e)
{
	size_t n = strcspn(*p, ","), k = 0;
	const char *w = *p, *end = *p + n;

	while (w < end && (*w == ' ' || *w == '\t'))
		w++;
	while (end > w && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == w)
		return ird_fail(e, IRD_EUSAGE, _("empty name in the list of paths"));
	if (end - w > MAX_NAME)
		return ird_fail(e, IRD_EUSAGE, _("path name \"%.*s...\" is longer than %d characters"),
		                16, w, MAX_NAME);
	for (; w < end; w++) {
		int ch = ascii_lower((unsigned char)*w);

		if (!path_char(ch))
			return ird_fail(e, IRD_EUSAGE, _("invalid path name \"%.*s\" (use a-z, 0-9, "
			                "'.', '_' and '-'; separate names with commas)"), (int)n, *p);
		name[k++] = (char)ch;
	}
	name[k] = '\0';
	*p += n + ((*p)[n] == ',');
	return IRD_OK;
}

int
config_parse_paths(const char *list, char **normal, ird_err *e)
{
	const char *p = list ? list : "";
	char *out, name[MAX_NAME + 1];
	size_t k = 0;
	int rc;

	*normal = NULL;
	if (!(out = calloc(1, strlen(p) + 1)))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (!*p) {
		free(out);
		return ird_fail(e, IRD_EUSAGE, _("the list of paths is empty"));
	}
	for (rc = IRD_OK; rc == IRD_OK && *p;) {
		if ((rc = next_path(&p, name, e)) != IRD_OK)
			break;
		if (list_has(out, name)) {
			rc = ird_fail(e, IRD_EUSAGE, _("path \"%s\" is listed twice"), name);
			break;
		}
		k += (size_t)sprintf(out + k, "%s%s", k ? "," : "", name);
		if (!*p && p[-1] == ',')
			rc = ird_fail(e, IRD_EUSAGE, _("empty name in the list of paths"));
	}
	if (rc != IRD_OK) {
		free(out);
		return rc;
	}
	*normal = out;
	return IRD_OK;
}

/* ---- loading ------------------------------------------------------------ */

static char *
join(const char *a, const char *b)
{
	char *s = malloc(strlen(a) + strlen(b) + 1);

	if (s)
		sprintf(s, "%s%s", a, b);
	return s;
}

int
config_default_path(char **path, ird_err *e)
{
	const char *env = getenv("IRDESK_CONFIG"), *home;
	struct passwd *pw;

	*path = NULL;
	if (env && *env)
		*path = strdup(env);
	else if ((env = getenv("XDG_CONFIG_HOME")) && env[0] == '/')
		*path = join(env, "/irdesk/config");
	else if (((home = getenv("HOME")) && *home) ||
	         ((pw = getpwuid(getuid())) && (home = pw->pw_dir) && *home))
		*path = join(home, "/.config/irdesk/config");
	else
		return ird_fail(e, IRD_EFAIL, _("cannot find the configuration: set HOME or "
		                "IRDESK_CONFIG"));
	return *path ? IRD_OK : ird_fail(e, IRD_EFAIL, _("out of memory"));
}

static void
key_list(char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; i < NKEYS; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", i ? ", " : "", KEYS[i].name);
}

/* One `key = value` item from the line reader. SEEN[i] is the line where
 * key i was set, 0 if not yet. */
static int
parse_item(ird_config *cfg, const lr_item *it, unsigned lineno, unsigned seen[NKEYS],
           ird_err *e)
{
	const char *key = it->name, *value = it->value;
	char why[IRD_ERRLEN / 2], known[128];

	for (size_t i = 0; i < NKEYS; i++) {
		if (strcmp(key, KEYS[i].name) != 0)
			continue;
		if (seen[i])
			return ird_fail(e, IRD_EFAIL, _("%s:%u: %s is already set on line %u"), cfg->path,
			                lineno, key, seen[i]);
		seen[i] = lineno;
		if (KEYS[i].parse(cfg, value, why, sizeof(why)) != 0)
			return ird_fail(e, IRD_EFAIL, "%s:%u: %s: %s", cfg->path, lineno, key, why);
		return IRD_OK;
	}
	key_list(known, sizeof(known));
	return ird_fail(e, IRD_EFAIL, _("%s:%u: unknown key \"%.64s\" (known: %s)"), cfg->path,
	                lineno, key, known);
}

/* A file that names the program irdesk runs must not be writable by
 * anyone else. */
static int
check_file(FILE *f, const char *path, ird_err *e)
{
	struct stat sb;

	if (fstat(fileno(f), &sb) != 0)
		return ird_fail(e, IRD_EFAIL, "%s: %s", path, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return ird_fail(e, IRD_EFAIL, _("%s: not a regular file"), path);
	if (sb.st_mode & S_IWOTH)
		return ird_fail(e, IRD_EFAIL, _("%s: writable by anyone; refusing it (chmod o-w)"), path);
	return IRD_OK;
}

/* The whole file through the shared line reader (base/linereader.h). */
static int
read_file(ird_config *cfg, FILE *f, ird_err *e)
{
	unsigned seen[NKEYS] = { 0 };
	char *text = NULL;
	size_t len = 0;
	lr_reader r;
	lr_item it;
	int rc = check_file(f, cfg->path, e);

	if (rc == IRD_OK)
		rc = lr_read_fd(fileno(f), cfg->path, CONFIG_MAX_FILE, 0, &text, &len, e);
	if (rc == IRD_EUSAGE) { /* too large: every configuration problem is IRD_EFAIL */
		if (e)
			e->code = IRD_EFAIL;
		rc = IRD_EFAIL;
	}
	if (rc != IRD_OK)
		return rc;
	lr_init(&r, text, len, cfg->path, IRD_EFAIL, 0);
	while ((rc = lr_next(&r, &it, e)) == IRD_OK && it.kind != LR_END)
		if ((rc = parse_item(cfg, &it, (unsigned)r.line, seen, e)) != IRD_OK)
			break;
	free(text);
	return rc;
}

int
config_load(const char *path, ird_config **out, ird_err *e)
{
	ird_config *cfg = calloc(1, sizeof(*cfg));
	FILE *f;
	int rc;

	*out = NULL;
	if (!cfg || !(cfg->external_paths = strdup(CONFIG_DEFAULT_EXTERNAL_PATHS))) {
		free(cfg);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	cfg->hook_timeout = CONFIG_DEFAULT_HOOK_TIMEOUT;
	rc = path ? ((cfg->path = strdup(path)) ? IRD_OK : ird_fail(e, IRD_EFAIL, _("out of memory")))
	          : config_default_path(&cfg->path, e);
	if (rc != IRD_OK) {
		config_free(cfg);
		return rc;
	}
	if (!(f = fopen(cfg->path, "re"))) {
		if (errno == ENOENT) {
			*out = cfg;
			return IRD_OK;
		}
		rc = ird_fail(e, IRD_EFAIL, "%s: %s", cfg->path, strerror(errno));
		config_free(cfg);
		return rc;
	}
	cfg->found = 1;
	rc = read_file(cfg, f, e);
	fclose(f);
	if (rc != IRD_OK) {
		config_free(cfg);
		return rc;
	}
	*out = cfg;
	return IRD_OK;
}

void
config_free(ird_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->path);
	free(cfg->hook_line);
	hook_argv_free(cfg->hook_argv);
	free(cfg->default_playbook);
	free(cfg->anchor_file);
	free(cfg->external_paths);
	free(cfg->organisation);
	free(cfg);
}

const char *
config_path(const ird_config *cfg)
{
	return cfg->path;
}

int
config_found(const ird_config *cfg)
{
	return cfg->found;
}

char *const *
config_escalation_hook(const ird_config *cfg)
{
	return cfg->hook_argv;
}

const char *
config_escalation_hook_line(const ird_config *cfg)
{
	return cfg->hook_line;
}

const char *
config_default_playbook(const ird_config *cfg)
{
	return cfg->default_playbook;
}

const char *
config_external_paths(const ird_config *cfg)
{
	return cfg->external_paths;
}

int
config_hook_timeout(const ird_config *cfg)
{
	return cfg->hook_timeout;
}

const char *
config_anchor_file(const ird_config *cfg)
{
	return cfg->anchor_file;
}

int
config_exercise_hooks(const ird_config *cfg)
{
	return cfg->exercise_hooks;
}

char *
config_format(const ird_config *cfg)
{
	size_t cap = 256, len = 0;
	char *out = malloc(cap);

	for (size_t i = 0; out && i < NKEYS; i++) {
		char buf[32];
		const char *v = KEYS[i].format(cfg, buf, sizeof(buf));
		const char *shown = v ? v : KEYS[i].fallback;
		size_t need = strlen(KEYS[i].name) + strlen(KEYS[i].description) +
		              (shown ? strlen(shown) : 0) + 16;

		if (len + need > cap) {
			char *bigger = realloc(out, cap = (len + need) * 2);

			if (!bigger) {
				free(out);
				return NULL;
			}
			out = bigger;
		}
		/* A key at its default is shown commented out, with the default. */
		len += (size_t)sprintf(out + len, "# %s\n%s%s =%s%s\n", KEYS[i].description,
		                       v ? "" : "#", KEYS[i].name, shown ? " " : "",
		                       shown ? shown : "");
	}
	return out;
}
