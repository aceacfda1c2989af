/* act_ioc.c - ioc add; block request, activate, lift. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "actions/act_ioc.h"
#include "base/playbook.h"
#include "engine/trigger.h"
#include "records/block.h"
#include "records/case.h"

static int
finish(ird_ctx *c, int rc, ird_err *e)
{
	if (rc != IRD_OK) {
		store_rollback(c->store);
		return rc;
	}
	return store_commit(c->store, e);
}

/* Fire what an indicator addition means; the engine makes each step and
 * timer once. */
static int
fire_ioc_tx(ird_ctx *c, int64_t case_id, const indicator_effect *fx, ird_err *e)
{
	trigger_subject self = { "indicator", fx->id, fx->label };
	trigger_subject c2 = { "indicator", fx->id, fx->c2_label };
	int rc = IRD_OK;

	if (fx->new_role && strcmp(fx->new_role, "sender") == 0)
		rc = trigger_fire_tx(c, case_id, PB_T_SENDER_INDICATOR, &self, e);
	else if (fx->new_role && strcmp(fx->new_role, "c2") == 0)
		rc = trigger_fire_tx(c, case_id, PB_T_C2_INDICATOR, &c2, e);
	if (rc == IRD_OK && fx->exfil)
		rc = trigger_fire_tx(c, case_id, PB_T_EXFILTRATION, &self, e);
	if (rc == IRD_OK && fx->repeat_sender)
		rc = trigger_fire_tx(c, case_id, PB_T_REPEAT_SENDER, &self, e);
	return rc;
}

int
act_ioc_add_tx(ird_ctx *c, const ioc_normalizer *n, int64_t case_id,
               const indicator_spec *spec, int64_t *id, int *merged, ird_err *e)
{
	indicator_effect fx;
	case_row cr;
	int rc;

	memset(&fx, 0, sizeof(fx));
	if ((rc = indicator_check(n, spec, e)) == IRD_OK &&
	    (rc = case_get(c, case_id, &cr, e)) == IRD_OK) {
		case_row_free(&cr);
		rc = indicator_add_tx(c, n, case_id, spec, &fx, e);
	}
	if (rc == IRD_OK)
		rc = fire_ioc_tx(c, case_id, &fx, e);
	if (rc == IRD_OK) {
		*id = fx.id;
		*merged = fx.merged;
	}
	indicator_effect_free(&fx);
	return rc;
}

int
act_ioc_add(ird_ctx *c, const ioc_normalizer *n, int64_t case_id, const indicator_spec *spec,
            int64_t *id, int *merged, ird_err *e)
{
	int rc;

	/* Refuse bad input before taking the write lock. */
	if ((rc = indicator_check(n, spec, e)) != IRD_OK || (rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	return finish(c, act_ioc_add_tx(c, n, case_id, spec, id, merged, e), e);
}

static int
request_tx(ird_ctx *c, int64_t case_id, int64_t indicator_id, const char *scope, int64_t *id,
           ird_err *e)
{
	indicator_row ind;
	block_subject subj;
	int rc;

	if ((rc = indicator_get(c, indicator_id, &ind, e)) != IRD_OK)
		return rc;
	subj = (block_subject){ ind.id, ind.case_id, ind.type, ind.normal, ind.host, ind.registrable };
	rc = block_request_tx(c, case_id, &subj, scope, id, e);
	indicator_row_free(&ind);
	return rc;
}

int
act_block_request(ird_ctx *c, int64_t case_id, int64_t indicator_id, const char *scope,
                  int64_t *id, ird_err *e)
{
	int rc;

	if ((scope && (rc = block_check_scope(scope, e)) != IRD_OK) ||
	    (rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	return finish(c, request_tx(c, case_id, indicator_id, scope, id, e), e);
}

int
act_block_activate(ird_ctx *c, int64_t case_id, int64_t block_id, ird_err *e)
{
	int rc;

	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	return finish(c, block_activate_tx(c, case_id, block_id, e), e);
}

int
act_block_lift(ird_ctx *c, int64_t case_id, int64_t block_id, const char *note, ird_err *e)
{
	int rc;

	if ((rc = block_check_note(note, e)) != IRD_OK || (rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	return finish(c, block_lift_tx(c, case_id, block_id, note, e), e);
}

int
act_ioc_renormalize(ird_ctx *c, const ioc_normalizer *n, int64_t *changed, ird_err *e)
{
	int64_t *ids = NULL;
	size_t count = 0;
	int rc;

	*changed = 0;
	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	/* Listed under the write lock: another process may have done it. */
	rc = indicator_outdated_ids(c, &ids, &count, e);
	for (size_t i = 0; rc == IRD_OK && i < count; i++) {
		indicator_renorm r;

		if ((rc = indicator_renormalize_tx(c, n, ids[i], &r, e)) == IRD_OK && r.changed) {
			block_subject old = { r.old.id, r.old.case_id, r.old.type, r.old.normal,
			                      r.old.host, r.old.registrable };
			block_subject now = { r.old.id, r.old.case_id, r.type, r.normal, r.host,
			                      r.registrable };

			(*changed)++;
			rc = block_retarget_tx(c, &old, &now, e);
		}
		indicator_renorm_free(&r);
	}
	free(ids);
	return finish(c, rc, e);
}
