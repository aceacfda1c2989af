/* act_mail.h - `irdesk mail add`: a reported mail recorded on its case in
 * one transaction: the mail as evidence (kind mail, SHA-256 of the file,
 * custody from the actor) and every indicator it carries, each added as
 * if typed with `ioc add`, so the playbook's triggers fire.
 *
 * What becomes an indicator, with its type and role:
 *   From, and Sender / Reply-To / Return-Path when they differ: email, sender
 *   Subject: subject, other; Message-ID: message-id, other
 *   the first external hop's IP (mail.h): ip, sender
 *   every URL of the text and HTML parts: url, c2 - except a URL shown as
 *     the text of a link that goes to another host (the look-alike an
 *     attacker shows): url, other, the real href named in its note
 *   each attachment: filename, other; sha256, sha1, md5, other
 * A URL the normaliser refuses is listed as refused, not recorded. A sender
 * address already recorded in this case or any other is a repeat: the
 * plan names the cases and repeat-sender fires. */
#ifndef IRDESK_ACT_MAIL_H
#define IRDESK_ACT_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include "base/ioc_normalize.h"
#include "base/mail.h"
#include "store/ctx.h"

/* One indicator the mail gives. */
typedef struct mail_item {
	const char *type, *role; /* "email", "sender"... */
	char *value;             /* as found in the mail */
	char *normal;            /* the normaliser's form (NULL when refused) */
	char *what;              /* where it came from: "From", "html href, text"... */
	char *refused;           /* the normaliser's reason: not recorded */
	char *repeat_of;         /* a sender seen before: "IR-2015-0001, this case"; else NULL */
	int deceptive;           /* a URL shown as the text of a link elsewhere */
	int64_t id;              /* after recording: the indicator's row */
	int merged;              /* after recording: it was already in the case */
} mail_item;

typedef struct mail_plan {
	mail_info info;
	mail_item *items;
	size_t nitems;
	int64_t evidence_num;    /* after recording: E<num> */
	size_t repeats;          /* senders seen before */
} mail_plan;

/* Parse FILE and work out what it gives (no write). For DRY_RUN the plan
 * is only read; otherwise everything is recorded on CASE_ID (ASSET_HOST:
 * the recipient's host, an asset of the case, or NULL) in one transaction:
 * on any failure nothing is. Free *PLAN with act_mail_plan_free. */
int act_mail_add(ird_ctx *c, const ioc_normalizer *n, int64_t case_id, const char *file,
                 const char *asset_host, int dry_run, mail_plan *plan, ird_err *e);

void act_mail_plan_free(mail_plan *plan);

#endif
