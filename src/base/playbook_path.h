/* playbook_path.h - where playbooks are found. */
#ifndef IRDESK_PLAYBOOK_PATH_H
#define IRDESK_PLAYBOOK_PATH_H

/* The colon-separated search path: $IRDESK_PLAYBOOK_PATH if set; else the
 * user's $XDG_CONFIG_HOME/irdesk/playbooks (~/.config/...), then the
 * shipped playbooks: the source tree's when irdesk runs from its build
 * tree, the installed ones otherwise. malloc'd; NULL if out of memory. */
char *playbook_search_path(void);

/* The scenario search path: $IRDESK_SCENARIO_PATH if set; else the
 * user's $XDG_CONFIG_HOME/irdesk/scenarios (~/.config/...), then the
 * shipped playbooks/scenarios. malloc'd; NULL if out of memory. */
char *scenario_search_path(void);

#endif
