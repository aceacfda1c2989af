/* selfpath.h - where the running program is. */
#ifndef IRDESK_BASE_SELFPATH_H
#define IRDESK_BASE_SELFPATH_H

/* 1 when the running program is the one in the build tree (not installed):
 * its playbooks and translations are then taken from the trees. */
int selfpath_in_build_tree(void);

#endif
