/* playbook_path.c - the playbook search path. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/playbook_path.h"
#include "base/selfpath.h"

/* ENV if set, else the user's directory SUB, then the shipped one. */
static char *
search_path(const char *env, const char *sub)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	const char *base = selfpath_in_build_tree() ? IRDESK_SRCDIR "/playbooks"
	                                             : IRDESK_PLAYBOOKDIR;
	char user[PATH_MAX] = "", shipped[PATH_MAX];
	size_t n;
	char *p;

	if (env && *env)
		return strdup(env);
	snprintf(shipped, sizeof(shipped), "%s%s", base,
	         strcmp(sub, "playbooks") ? "/scenarios" : "");
	if (xdg && *xdg == '/')
		snprintf(user, sizeof(user), "%s/irdesk/%s:", xdg, sub);
	else if (home && *home)
		snprintf(user, sizeof(user), "%s/.config/irdesk/%s:", home, sub);
	n = strlen(user) + strlen(shipped) + 1;
	if ((p = malloc(n)))
		snprintf(p, n, "%s%s", user, shipped);
	return p;
}

char *
playbook_search_path(void)
{
	return search_path(getenv("IRDESK_PLAYBOOK_PATH"), "playbooks");
}

char *
scenario_search_path(void)
{
	return search_path(getenv("IRDESK_SCENARIO_PATH"), "scenarios");
}
