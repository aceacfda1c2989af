/* casefile.c - the whole case as one JSON document. */
#include "config.h"

#include <stdlib.h>

#include "base/i18n.h"
#include "records/asset.h"
#include "records/block.h"
#include "records/case.h"
#include "queries/casefile.h"
#include "records/evidence.h"
#include "records/indicator.h"
#include "records/decision.h"
#include "records/notify.h"
#include "records/step.h"
#include "records/timer.h"

static int
timers_of(ird_ctx *c, int64_t id, char **json, ird_err *e)
{
	return timer_list_json(c, id, 0, 0, json, e);
}

/* Each section: the key in the document and the module that owns it. */
static const struct {
	const char *key;
	int (*json)(ird_ctx *c, int64_t case_id, char **json, ird_err *e);
} SECTIONS[] = { /* in the order of MERGE_SQL below */
	{ "steps", step_list_json },
	{ "timers", timers_of },
	{ "assets", asset_list_json },
	{ "evidence", evidence_list_json },
	{ "indicators", indicator_list_json },
	{ "blocks", block_list_json },
	{ "notifications", notify_list_json },
	{ "decisions", decision_list_json },
};

#define NSECTIONS (sizeof(SECTIONS) / sizeof(SECTIONS[0]))

/* Every section set in one json_set call: the document is copied once,
 * not once per section (it can hold a thousand events). */
static const char MERGE_SQL[] =
	"SELECT json_set(?1, '$.steps', json(?2), '$.timers', json(?3), '$.assets', json(?4),"
	" '$.evidence', json(?5), '$.indicators', json(?6), '$.blocks', json(?7),"
	" '$.notifications', json(?8), '$.decisions', json(?9))";

static void
free_parts(char **parts)
{
	for (size_t i = 0; i < NSECTIONS; i++)
		free(parts[i]);
}

int
casefile_json(ird_ctx *c, int64_t id, char **json, ird_err *e)
{
	char *doc = NULL, *parts[NSECTIONS] = { 0 };
	sqlite3_stmt *st;
	int rc;

	*json = NULL;
	if ((rc = case_show_json(c, id, &doc, e)) != IRD_OK)
		return rc;
	for (size_t i = 0; rc == IRD_OK && i < NSECTIONS; i++)
		rc = SECTIONS[i].json(c, id, &parts[i], e);
	if (rc == IRD_OK && (rc = store_stmt(c->store, MERGE_SQL, &st, e)) == IRD_OK) {
		store_bind_text(st, 1, doc);
		for (size_t i = 0; i < NSECTIONS; i++)
			store_bind_text(st, (int)i + 2, parts[i] ? parts[i] : "[]");
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && !(*json = store_col_strdup(st, 0)))
			rc = SQLITE_NOMEM;
		rc = rc == SQLITE_ROW ? IRD_OK
		                       : store_fail_step(c->store, rc, e, _("cannot build the case file"));
		sqlite3_reset(st);
	}
	free(doc);
	free_parts(parts);
	return rc;
}
