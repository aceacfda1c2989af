/* casefile.c - the whole case as one JSON document. */
#include "config.h"

#include <stdlib.h>

#include "asset.h"
#include "block.h"
#include "case.h"
#include "casefile.h"
#include "evidence.h"
#include "indicator.h"
#include "decision.h"
#include "notify.h"
#include "step.h"
#include "timer.h"

static int
timers_of(ird_ctx *c, int64_t id, char **json, ird_err *e)
{
	return timer_list_json(c, id, 0, 0, json, e);
}

/* Each section: the key in the document and the module that owns it. */
static const struct {
	const char *key;
	int (*json)(ird_ctx *c, int64_t case_id, char **json, ird_err *e);
} SECTIONS[] = {
	{ "steps", step_list_json },
	{ "timers", timers_of },
	{ "assets", asset_list_json },
	{ "evidence", evidence_list_json },
	{ "indicators", indicator_list_json },
	{ "blocks", block_list_json },
	{ "notifications", notify_list_json },
	{ "decisions", decision_list_json },
};

int
casefile_json(ird_ctx *c, int64_t id, char **json, ird_err *e)
{
	char *doc = NULL, *part, *merged;
	int rc;

	*json = NULL;
	if ((rc = case_show_json(c, id, &doc, e)) != IRD_OK)
		return rc;
	for (size_t i = 0; i < sizeof(SECTIONS) / sizeof(SECTIONS[0]); i++) {
		part = NULL;
		if ((rc = SECTIONS[i].json(c, id, &part, e)) == IRD_OK)
			rc = store_json_set(c->store, doc, SECTIONS[i].key, part ? part : "[]", &merged, e);
		free(part);
		if (rc != IRD_OK) {
			free(doc);
			return rc;
		}
		free(doc);
		doc = merged;
	}
	*json = doc;
	return IRD_OK;
}
