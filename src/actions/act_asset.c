/* act_asset.c - asset add/set, evidence add/transfer/verify. */
#include "config.h"

#include <stdlib.h>

#include "actions/act_asset.h"
#include "base/i18n.h"
#include "base/playbook.h"
#include "engine/trigger.h"

static int
finish(ird_ctx *c, int rc, ird_err *e)
{
	if (rc != IRD_OK) {
		store_rollback(c->store);
		return rc;
	}
	return store_commit(c->store, e);
}

/* Fire what an asset write means: asset-infected for it, then the spread
 * line and multi-site. */
static int
fire_asset_tx(ird_ctx *c, int64_t case_id, const asset_effect *fx, ird_err *e)
{
	const trigger_subject subj = { "asset", fx->id, fx->host };
	int rc = IRD_OK;

	if (fx->infected)
		rc = trigger_fire_tx(c, case_id, PB_T_ASSET_INFECTED, &subj, e);
	if (rc == IRD_OK && fx->sites && (rc = asset_spread_tx(c, case_id, fx, e)) == IRD_OK)
		rc = trigger_fire_tx(c, case_id, PB_T_MULTI_SITE, NULL, e);
	return rc;
}

int
act_asset_put_tx(ird_ctx *c, int64_t case_id, const char *host, const char *site,
                 const char *state, ird_err *e)
{
	const asset_change ch = { .state = state, .site = site };
	asset_effect fx;
	int64_t id;
	ird_err fe = { 0 };
	int rc;

	if (asset_find(c, case_id, host, &id, &fe) == IRD_OK)
		rc = asset_change_tx(c, case_id, host, &ch, &fx, e);
	else
		rc = asset_add_tx(c, case_id, host, site, state, &fx, e);
	if (rc == IRD_OK)
		rc = fire_asset_tx(c, case_id, &fx, e);
	asset_effect_free(&fx);
	return rc;
}

int
act_asset_add(ird_ctx *c, int64_t case_id, const char *host, const char *site,
              const char *state, int64_t *id, ird_err *e)
{
	asset_effect fx;
	int rc;

	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	rc = asset_add_tx(c, case_id, host, site, state, &fx, e);
	if (rc == IRD_OK)
		rc = fire_asset_tx(c, case_id, &fx, e);
	if (rc == IRD_OK && id)
		*id = fx.id;
	asset_effect_free(&fx);
	return finish(c, rc, e);
}

int
act_asset_change(ird_ctx *c, int64_t case_id, const char *host, const asset_change *ch,
                 ird_err *e)
{
	asset_effect fx;
	int rc;

	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	rc = asset_change_tx(c, case_id, host, ch, &fx, e);
	if (rc == IRD_OK)
		rc = fire_asset_tx(c, case_id, &fx, e);
	asset_effect_free(&fx);
	return finish(c, rc, e);
}

int
act_asset_set_state(ird_ctx *c, int64_t case_id, const char *host, const char *state,
                    ird_err *e)
{
	const asset_change ch = { .state = state };

	if (!state)
		return asset_check_state(state, 0, e);
	return act_asset_change(c, case_id, host, &ch, e);
}

int
act_evidence_add_tx(ird_ctx *c, int64_t case_id, const evidence_new *ni, int64_t *num,
                    ird_err *e)
{
	int64_t asset_id = 0;
	char *host = NULL;
	int exfil = 0, rc = IRD_OK;

	if (ni->spec->asset_host)
		rc = asset_lookup(c, case_id, ni->spec->asset_host, &asset_id, &host, e);
	if (rc == IRD_OK)
		rc = evidence_add_tx(c, case_id, ni, asset_id, host, num, &exfil, e);
	free(host);
	if (rc == IRD_OK && exfil)
		rc = trigger_fire_tx(c, case_id, PB_T_EXFILTRATION, NULL, e);
	return rc;
}

int
act_evidence_add_digest_tx(ird_ctx *c, int64_t case_id, const evidence_spec *spec,
                           int64_t *num, ird_err *e)
{
	evidence_new ni;
	int64_t ignored;
	int rc;

	if (spec->file)
		return ird_fail(e, IRD_EUSAGE, _("evidence inside a transaction is given by digest"));
	if ((rc = evidence_prepare(spec, &ni, e)) == IRD_OK)
		rc = act_evidence_add_tx(c, case_id, &ni, num ? num : &ignored, e);
	evidence_new_free(&ni);
	return rc;
}

int
act_evidence_add(ird_ctx *c, int64_t case_id, const evidence_spec *spec, int64_t *num,
                 ird_err *e)
{
	evidence_new ni;
	int64_t ignored;
	int rc;

	/* Hash first: minutes of reading must not hold the write lock. */
	if ((rc = evidence_prepare(spec, &ni, e)) == IRD_OK &&
	    (rc = store_begin(c->store, e)) == IRD_OK)
		rc = finish(c, act_evidence_add_tx(c, case_id, &ni, num ? num : &ignored, e), e);
	evidence_new_free(&ni);
	return rc;
}

int
act_evidence_transfer(ird_ctx *c, int64_t case_id, const char *ref, const char *to,
                      const char *note, ird_err *e)
{
	char *holder = NULL;
	int64_t num = 0;
	int rc;

	if ((rc = evidence_parse_ref(ref, &num, e)) != IRD_OK ||
	    (rc = asset_name_clean(to, N_("new holder's name"), 0, &holder, e)) != IRD_OK)
		return rc;
	if ((rc = store_begin(c->store, e)) == IRD_OK)
		rc = finish(c, evidence_transfer_tx(c, case_id, num, holder, note, e), e);
	free(holder);
	return rc;
}

int
act_evidence_verify(ird_ctx *c, int64_t case_id, const char *ref, const char *file,
                    int *match, ird_err *e)
{
	char hex[DIGEST_HEX_LEN], *full;
	int64_t num = 0, size = 0;
	int rc;

	if ((rc = evidence_parse_ref(ref, &num, e)) != IRD_OK)
		return rc;
	if (!file || !*file)
		return ird_fail(e, IRD_EUSAGE, _("which file? (give the file to check)"));
	/* Look before hashing (no point reading gigabytes for a wrong number);
	 * hash outside the transaction; compare inside it. */
	if ((rc = evidence_exists(c, case_id, num, e)) != IRD_OK ||
	    (rc = evidence_hash_file(file, hex, &size, e)) != IRD_OK)
		return rc;
	full = realpath(file, NULL); /* the record names the file wherever it was checked */
	if ((rc = store_begin(c->store, e)) == IRD_OK)
		rc = finish(c, evidence_verify_tx(c, case_id, num, full ? full : file, hex, match, e),
		            e);
	free(full);
	return rc;
}
