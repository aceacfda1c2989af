/* label.c - vocabulary words as a person reads them (N_ tables, _() when shown). */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "base/i18n.h"
#include "base/label.h"

struct label {
	label_kind kind;
	const char *word, *label;
};

/* TRANSLATORS: "KIND|word": translate only the part after the bar (the
   part before it tells the vocabularies apart: a step's "done", a block's
   "active"). */
static const struct label labels[] = {
	{ LABEL_ROLE, "csirt-lead", N_("role|CSIRT lead") },
	{ LABEL_ROLE, "executives", N_("role|executives") },
	{ LABEL_ROLE, "ministry", N_("role|supervising ministry") },
	{ LABEL_ROLE, "regulator", N_("role|regulator") },
	{ LABEL_ROLE, "police", N_("role|police") },
	{ LABEL_ROLE, "staff", N_("role|staff") },
	{ LABEL_ROLE, "operator", N_("role|operator") },
	{ LABEL_ROLE, "vendor", N_("role|vendor") },
	{ LABEL_ROLE, "insurer", N_("role|insurer") },
	{ LABEL_ROLE, "responders", N_("role|responders") },
	{ LABEL_ROLE, "data-subjects", N_("role|data subjects") },
	{ LABEL_CHANNEL, "phone", N_("channel|phone") },
	{ LABEL_CHANNEL, "email", N_("channel|e-mail") },
	{ LABEL_CHANNEL, "meeting", N_("channel|meeting") },
	{ LABEL_CHANNEL, "chat", N_("channel|chat") },
	{ LABEL_CHANNEL, "letter", N_("channel|letter") },
	{ LABEL_CHANNEL, "other", N_("channel|other") },
	{ LABEL_SEVERITY, "low", N_("severity|low") },
	{ LABEL_SEVERITY, "medium", N_("severity|medium") },
	{ LABEL_SEVERITY, "high", N_("severity|high") },
	{ LABEL_SEVERITY, "critical", N_("severity|critical") },
	{ LABEL_STATUS, "open", N_("status|open") },
	{ LABEL_STATUS, "contained", N_("status|contained") },
	{ LABEL_STATUS, "eradicated", N_("status|eradicated") },
	{ LABEL_STATUS, "recovered", N_("status|recovered") },
	{ LABEL_STATUS, "closed", N_("status|closed") },
	{ LABEL_STEP_STATE, "pending", N_("step|pending") },
	{ LABEL_STEP_STATE, "doing", N_("step|doing") },
	{ LABEL_STEP_STATE, "done", N_("step|done") },
	{ LABEL_STEP_STATE, "skipped", N_("step|skipped") },
	{ LABEL_TIMER_STATE, "pending", N_("timer|pending") },
	{ LABEL_TIMER_STATE, "fired", N_("timer|fired (overdue)") },
	{ LABEL_TIMER_STATE, "satisfied", N_("timer|satisfied") },
	{ LABEL_TIMER_STATE, "overridden", N_("timer|overridden") },
	{ LABEL_ASSET_STATE, "suspected", N_("asset|suspected") },
	{ LABEL_ASSET_STATE, "infected", N_("asset|infected") },
	{ LABEL_ASSET_STATE, "isolated", N_("asset|isolated") },
	{ LABEL_ASSET_STATE, "imaged", N_("asset|imaged") },
	{ LABEL_ASSET_STATE, "clean", N_("asset|clean") },
	{ LABEL_BLOCK_STATE, "requested", N_("block|requested") },
	{ LABEL_BLOCK_STATE, "active", N_("block|active") },
	{ LABEL_BLOCK_STATE, "lifted", N_("block|lifted") },
	{ LABEL_BLOCK_SCOPE, "address", N_("scope|address") },
	{ LABEL_BLOCK_SCOPE, "host", N_("scope|host") },
	{ LABEL_BLOCK_SCOPE, "domain", N_("scope|domain") },
	{ LABEL_IOC_ROLE, "sender", N_("ioc|sender") },
	{ LABEL_IOC_ROLE, "c2", N_("ioc|C&C") },
	{ LABEL_IOC_ROLE, "download", N_("ioc|download") },
	{ LABEL_IOC_ROLE, "other", N_("ioc|other") },
	{ LABEL_QUESTION, "full-disconnect", N_("question|full Internet disconnection") },
	{ LABEL_CHOICE, "disconnect", N_("choice|disconnect everything") },
	{ LABEL_CHOICE, "partial", N_("choice|disconnect in part") },
	{ LABEL_CHOICE, "defer", N_("choice|defer") },
};

const char *
label_of(label_kind kind, const char *word)
{
	if (!word)
		return "";
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		if (labels[i].kind == kind && strcmp(labels[i].word, word) == 0) {
			const char *t = _(labels[i].label), *bar = strchr(t, '|');

			/* "status|open": untranslated, show what follows the bar. */
			return bar && t == labels[i].label ? bar + 1 : t;
		}
	}
	return word;
}
