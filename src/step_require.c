/* step_require.c - does the record a step needs exist? Asks the module
 * that owns each kind of record; the step module itself knows none.
 * Interim: the asset, evidence and block modules are being merged; until
 * then only steps without a required record, or needing a decision, can
 * be done. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "decision.h"
#include "step.h"

int
step_requirement_met(ird_ctx *c, const step_row *row, int *met, char *why, size_t len,
                     ird_err *e)
{
	int rc;

	*met = strcmp(row->requires, "none") == 0;
	why[0] = '\0';
	if (strcmp(row->requires, "decision-full-disconnect") == 0) {
		/* Any recorded decision, defer included, answers the question. */
		if ((rc = decision_exists(c, row->case_id, "full-disconnect", met, e)) != IRD_OK)
			return rc;
		if (!*met)
			snprintf(why, len, "no decision on full disconnection is recorded (irdesk decide "
			         "ID full-disconnect --choice ... --rationale ...)");
		return IRD_OK;
	}
	if (!*met)
		snprintf(why, len, "it needs a record (%s) that this build cannot check yet",
		         row->requires);
	return IRD_OK;
}
