/* selfpath.c - where the running program is. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/selfpath.h"

int
selfpath_in_build_tree(void)
{
	char exe[PATH_MAX], *slash, *build;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int same;

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return 0;
	*slash = '\0';
	if (!(build = realpath(IRDESK_BUILDDIR, NULL)))
		return 0;
	same = strcmp(build, exe) == 0;
	free(build);
	return same;
}
