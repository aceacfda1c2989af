/* step_require.c - does the record a step needs exist? Asks the module
 * that owns each kind of record; the step module itself knows none.
 * Interim: the asset, evidence, block and decision modules are being
 * merged; until then only steps without a required record can be done. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "step.h"

int
step_requirement_met(ird_ctx *c, const step_row *row, int *met, char *why, size_t len,
                     ird_err *e)
{
	(void)c;
	*met = strcmp(row->requires, "none") == 0;
	why[0] = '\0';
	if (!*met)
		snprintf(why, len, "it needs a record (%s) that this build cannot check yet",
		         row->requires);
	(void)e;
	return IRD_OK;
}
