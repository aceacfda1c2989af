/* label.h - the words of irdesk's vocabularies as a person reads them.
 *
 * A report or a table shows "executives" as 「経営層」 in Japanese; the word
 * typed on the command line and written in --json stays the English one.
 * Words irdesk does not know (a role of the user's own) are shown as they are. */
#ifndef IRDESK_BASE_LABEL_H
#define IRDESK_BASE_LABEL_H

typedef enum {
	LABEL_ROLE,        /* notified roles: executives, ministry ... and "responders" */
	LABEL_CHANNEL,     /* phone, email ... */
	LABEL_SEVERITY,    /* low .. critical */
	LABEL_STATUS,      /* case status: open .. closed */
	LABEL_STEP_STATE,  /* pending, doing, done, skipped */
	LABEL_TIMER_STATE, /* pending, fired, satisfied, overridden */
	LABEL_ASSET_STATE, /* suspected .. clean */
	LABEL_BLOCK_STATE, /* requested, active, lifted */
	LABEL_BLOCK_SCOPE, /* address, host, domain */
	LABEL_IOC_ROLE,    /* sender, c2, download, other */
	LABEL_QUESTION,    /* decisions: full-disconnect */
	LABEL_CHOICE,      /* their choices: disconnect, partial, defer */
} label_kind;

/* WORD of vocabulary KIND in the messages' language (a static string), or
 * WORD itself when irdesk has no label for it; "" for NULL. */
const char *label_of(label_kind kind, const char *word);

#endif
