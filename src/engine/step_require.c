/* step_require.c - does the record a step needs exist? Asks the module
 * that owns each kind of record; the step module itself knows none. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "records/asset.h"
#include "records/block.h"
#include "records/decision.h"
#include "records/evidence.h"
#include "records/indicator.h"
#include "engine/step_rules.h"
#include "records/step.h"

int
step_block_requirement(ird_ctx *c, int64_t indicator_id, int domain, int *met, char *why,
                       size_t len, ird_err *e)
{
	indicator_row ind;
	block_subject subj;
	int rc;

	*met = 0;
	if (len)
		why[0] = '\0';
	if ((rc = indicator_get(c, indicator_id, &ind, e)) != IRD_OK)
		return rc;
	subj = (block_subject){ ind.id, ind.case_id, ind.type, ind.normal, ind.host, ind.registrable };
	rc = block_requirement_met(c, &subj, domain, met, why, len, e);
	indicator_row_free(&ind);
	return rc;
}

int
step_requirement_met(ird_ctx *c, const step_row *row, int *met, char *why, size_t len,
                     ird_err *e)
{
	const char *req = row->requires;
	const char *subject = row->subject ? row->subject : "?";
	int rc = IRD_OK;

	*met = 1;
	why[0] = '\0';
	if (strcmp(req, "asset-isolated") == 0) {
		rc = asset_is_isolated(c, row->subject_id, met, e);
		if (rc == IRD_OK && !*met)
			text_snprintf(why, len, _("%s is not isolated (irdesk asset set ... %s --state isolated)"),
			         subject, subject);
	} else if (strcmp(req, "evidence-disk-image") == 0) {
		rc = evidence_has_disk_image(c, row->subject_id, met, e);
		if (rc == IRD_OK && !*met)
			text_snprintf(why, len, _("no disk image with a SHA-256 of %s (irdesk evidence add ..."
			         " --asset %s --kind disk-image)"), subject, subject);
	} else if (strcmp(req, "block-sender") == 0 || strcmp(req, "block-domain") == 0) {
		rc = step_block_requirement(c, row->subject_id, strcmp(req, "block-domain") == 0, met,
		                            why, len, e);
	} else if (strcmp(req, "decision-full-disconnect") == 0) {
		/* Any recorded decision, defer included, answers the question. */
		rc = decision_exists(c, row->case_id, "full-disconnect", met, e);
		if (rc == IRD_OK && !*met)
			text_snprintf(why, len, _("no decision on full disconnection is recorded"
			         " (irdesk decide ... full-disconnect --choice ... --rationale ...)"));
	} else if (strcmp(req, "none") != 0) {
		return ird_fail(e, IRD_EFAIL, _("step %lld requires \"%s\", which this irdesk does"
		                " not know"), (long long)row->num, req);
	}
	return rc;
}
