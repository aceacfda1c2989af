/* conffile.h - the configuration file: `key = value` lines; a line whose
 * first non-blank character is `#` is a comment (a `#` inside a value is
 * part of it). The file is $IRDESK_CONFIG, else
 * $XDG_CONFIG_HOME/irdesk/config, else ~/.config/irdesk/config; a missing
 * file means the defaults. Pure: no database. */
#ifndef IRDESK_CONFFILE_H
#define IRDESK_CONFFILE_H

#include <stddef.h>

#include "base/err.h"

#define CONFIG_DEFAULT_EXTERNAL_PATHS "proxy,mail,vpn,remote-access,dedicated-lines"
#define CONFIG_DEFAULT_HOOK_TIMEOUT 30 /* seconds */
#define CONFIG_MAX_HOOK_TIMEOUT 3600
#define CONFIG_DEFAULT_ORGANISATION "irdesk"

typedef struct ird_config ird_config;

/* The file to read: $IRDESK_CONFIG, $XDG_CONFIG_HOME/irdesk/config (an
 * absolute XDG_CONFIG_HOME only), else $HOME/.config/irdesk/config.
 * *PATH is malloc'd. */
int config_default_path(char **path, ird_err *e);

/* Read PATH (NULL: config_default_path). A missing file gives the
 * defaults; an unreadable or world-writable file, an unknown key, a key
 * set twice or a bad value is IRD_EFAIL naming FILE:LINE. Free *OUT with
 * config_free. */
int config_load(const char *path, ird_config **out, ird_err *e);
void config_free(ird_config *cfg);

/* The file read or looked for, and whether it existed. */
const char *config_path(const ird_config *cfg);
int config_found(const ird_config *cfg);

/* escalation-hook: the program and its arguments (NULL-terminated), or
 * NULL when none is configured; and the line as written. */
char *const *config_escalation_hook(const ird_config *cfg);
const char *config_escalation_hook_line(const ird_config *cfg);

/* default-playbook: a playbook name, or NULL when none is configured. */
const char *config_default_playbook(const ird_config *cfg);

/* external-paths: the organisation's external network paths as a
 * normalised comma list ("proxy,mail,..."); the default when not set. */
const char *config_external_paths(const ird_config *cfg);

/* hook-timeout: seconds a hook may run (default 30). */
int config_hook_timeout(const ird_config *cfg);

/* audit-anchor-file: where `watch` appends the audit head, or NULL. */
const char *config_anchor_file(const ird_config *cfg);

/* exercise-hooks: 1 when the escalation hook also runs for exercise cases
 * (default 0: an exercise never pages anyone for real). */
int config_exercise_hooks(const ird_config *cfg);

/* organisation: the name exports give the organisation (default "irdesk"). */
const char *config_organisation(const ird_config *cfg);

/* The known keys, in order, for documentation:
 * name and one-line description of key I; NULL past the last. */
const char *config_key_name(size_t i);
const char *config_key_description(size_t i);

/* The configuration in force as `key = value` lines, a comment for each
 * key left at its default (malloc'd; NULL when out of memory). Loading
 * the text again gives the same configuration. */
char *config_format(const ird_config *cfg);

/* Normalise a comma-separated list of external path names (also used by
 * `irdesk decide --paths`): each 1-64 of [a-z0-9._-] after lower-casing,
 * blanks around commas dropped, no empty or repeated names. *NORMAL gets
 * "a,b,c" (malloc'd). IRD_EUSAGE with the reason when invalid. */
int config_parse_paths(const char *list, char **normal, ird_err *e);

#endif
