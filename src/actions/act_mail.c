/* act_mail.c - a reported mail recorded on its case in one transaction. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions/act_asset.h"
#include "actions/act_ioc.h"
#include "actions/act_mail.h"
#include "base/i18n.h"
#include "engine/trigger.h"
#include "records/evidence.h"
#include "records/indicator.h"
#include "store/event.h"

void
act_mail_plan_free(mail_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nitems; i++) {
		free(p->items[i].value);
		free(p->items[i].normal);
		free(p->items[i].what);
		free(p->items[i].refused);
		free(p->items[i].repeat_of);
	}
	free(p->items);
	mail_info_free(&p->info);
	memset(p, 0, sizeof(*p));
}

/* The item of TYPE with normal form NORMAL already planned, or NULL. */
static mail_item *
find_item(mail_plan *p, const char *type, const char *normal)
{
	for (size_t i = 0; i < p->nitems; i++)
		if (p->items[i].normal && strcmp(p->items[i].type, type) == 0 &&
		    strcmp(p->items[i].normal, normal) == 0)
			return &p->items[i];
	return NULL;
}

/* "a, b": WHAT with MORE appended unless already there (malloc'd). */
static int
add_what(mail_item *it, const char *more, ird_err *e)
{
	char *s;

	if (it->what && strstr(it->what, more))
		return IRD_OK;
	if (asprintf(&s, "%s%s%s", it->what ? it->what : "", it->what ? ", " : "", more) < 0)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	free(it->what);
	it->what = s;
	return IRD_OK;
}

/* Plan VALUE as an indicator of TYPE and ROLE found at WHAT; merged with
 * an item of the same normal form. *OUT (may be NULL) gets the item. */
static int
plan_item(const ioc_normalizer *n, mail_plan *p, const char *type, const char *role,
          const char *value, const char *what, mail_item **out, ird_err *e)
{
	indicator_spec spec = { type, value, role, NULL, 0 };
	ioc_type t;
	ioc_norm norm = { 0 };
	ird_err why = { 0 };
	mail_item *it, *grown;

	if (out)
		*out = NULL;
	if (!value || !*value)
		return IRD_OK;
	if (ioc_type_parse(type, &t) != IRD_OK)
		return ird_fail(e, IRD_EFAIL, _("unknown indicator type %s"), type);
	if (indicator_check(n, &spec, &why) == IRD_OK &&
	    ioc_normalize(n, t, value, &norm, &why) == IRD_OK &&
	    (it = find_item(p, ioc_type_name(norm.type), norm.normal))) {
		ioc_norm_free(&norm);
		if (out)
			*out = it;
		return add_what(it, what, e);
	}
	if (!(grown = realloc(p->items, (p->nitems + 1) * sizeof(*p->items)))) {
		ioc_norm_free(&norm);
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	}
	p->items = grown;
	it = &grown[p->nitems++];
	memset(it, 0, sizeof(*it));
	it->type = norm.normal ? ioc_type_name(norm.type) : type;
	it->role = role;
	it->value = strdup(value);
	if (norm.normal)
		it->normal = strdup(norm.normal);
	else
		it->refused = strdup(why.msg[0] ? why.msg : _("refused"));
	ioc_norm_free(&norm);
	if (!it->value || (!it->normal && !it->refused))
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (out)
		*out = it;
	return add_what(it, what, e);
}

/* The host of URL U as the normaliser sees it (malloc'd), or NULL. */
static char *
url_host(const ioc_normalizer *n, const char *u)
{
	ioc_norm norm;
	char *h = NULL;

	if (u && ioc_normalize(n, IOC_URL, u, &norm, NULL) == IRD_OK) {
		h = norm.host ? strdup(norm.host) : NULL;
		ioc_norm_free(&norm);
	}
	return h;
}

static int
plan_urls(const ioc_normalizer *n, mail_plan *p, ird_err *e)
{
	const mail_info *m = &p->info;
	int rc;

	for (size_t i = 0; i < m->nurls; i++) {
		const mail_url *u = &m->urls[i];
		char *host = NULL, *href_host = NULL, *what = NULL;
		mail_item *it;
		int deceptive = 0;

		if (u->where == MAIL_URL_HTML_TEXT && u->href) {
			host = url_host(n, u->url);
			href_host = url_host(n, u->href);
			deceptive = host && href_host && strcmp(host, href_host) != 0;
		}
		if (deceptive && asprintf(&what, "shown as the text of a link to %s", u->href) < 0)
			what = NULL;
		rc = plan_item(n, p, "url", "c2", u->url,
		               what ? what : mail_url_where_name(u->where), &it, e);
		if (rc == IRD_OK && deceptive && it) {
			it->deceptive = 1;
			it->role = "other";
		}
		free(what);
		free(host);
		free(href_host);
		if (rc != IRD_OK)
			return rc;
	}
	return IRD_OK;
}

static int
plan_attachments(const ioc_normalizer *n, mail_plan *p, ird_err *e)
{
	const mail_info *m = &p->info;
	int rc = IRD_OK;

	for (size_t i = 0; i < m->natts && rc == IRD_OK; i++) {
		const mail_attachment *a = &m->atts[i];
		char what[600];

		if (a->filename)
			snprintf(what, sizeof(what), "attachment %.500s", a->filename);
		else
			snprintf(what, sizeof(what), "attachment %zu (no name, %.100s)", i + 1,
			         a->content_type ? a->content_type : "?");
		if (a->filename)
			rc = plan_item(n, p, "filename", "other", a->filename, what, NULL, e);
		if (rc == IRD_OK)
			rc = plan_item(n, p, "sha256", "other", a->sha256, what, NULL, e);
		if (rc == IRD_OK)
			rc = plan_item(n, p, "sha1", "other", a->sha1, what, NULL, e);
		if (rc == IRD_OK)
			rc = plan_item(n, p, "md5", "other", a->md5, what, NULL, e);
	}
	return rc;
}

static int
plan_mail(const ioc_normalizer *n, mail_plan *p, ird_err *e)
{
	const mail_info *m = &p->info;
	int rc = IRD_OK;

	for (size_t i = 0; i < m->naddrs && rc == IRD_OK; i++)
		rc = plan_item(n, p, "email", "sender", m->addrs[i].addr,
		               mail_addr_kind_name(m->addrs[i].kind), NULL, e);
	if (rc == IRD_OK && m->subject)
		rc = plan_item(n, p, "subject", "other", m->subject, "Subject", NULL, e);
	if (rc == IRD_OK && m->message_id)
		rc = plan_item(n, p, "message-id", "other", m->message_id, "Message-ID", NULL, e);
	if (rc == IRD_OK && m->origin_ip) {
		char what[400];

		snprintf(what, sizeof(what), "first external hop (Received: %.300s%s)",
		         m->origin_received, strlen(m->origin_received) > 300 ? "..." : "");
		rc = plan_item(n, p, "ip", "sender", m->origin_ip, what, NULL, e);
	}
	if (rc == IRD_OK)
		rc = plan_urls(n, p, e);
	if (rc == IRD_OK)
		rc = plan_attachments(n, p, e);
	return rc;
}

/* ---- repeat senders ---- */

struct seen {
	int64_t case_id;
	char *list; /* "IR-2015-0001, this case" */
	int oom;
};

static int
seen_hit(void *arg, const indicator_hit *h)
{
	struct seen *s = arg;
	const char *name = h->ind.case_id == s->case_id ? "this case" : h->case_hid;
	char *grown;

	if (h->match != INDICATOR_SAME_VALUE || strcmp(h->ind.type, "email") != 0)
		return 0;
	if (s->list && strstr(s->list, name))
		return 0;
	if (asprintf(&grown, "%s%s%s", s->list ? s->list : "", s->list ? ", " : "", name) < 0) {
		s->oom = 1;
		return 1;
	}
	free(s->list);
	s->list = grown;
	return 0;
}

/* For each sender address of the plan, the cases that already have it. */
static int
find_repeats(ird_ctx *c, const ioc_normalizer *n, int64_t case_id, mail_plan *p, ird_err *e)
{
	for (size_t i = 0; i < p->nitems; i++) {
		mail_item *it = &p->items[i];
		struct seen s = { case_id, NULL, 0 };
		indicator_query q;
		int rc;

		if (!it->normal || strcmp(it->type, "email") != 0)
			continue;
		if ((rc = indicator_query_new(n, it->normal, &q, e)) != IRD_OK)
			return rc;
		rc = indicator_search_each(c, &q, seen_hit, &s, e);
		indicator_query_free(&q);
		if (rc == IRD_OK && s.oom)
			rc = ird_fail(e, IRD_EFAIL, _("out of memory"));
		if (rc != IRD_OK) {
			free(s.list);
			return rc;
		}
		it->repeat_of = s.list;
		p->repeats += s.list != NULL;
	}
	return IRD_OK;
}

/* ---- recording ---- */

static int
record_item(ird_ctx *c, const ioc_normalizer *n, int64_t case_id, mail_plan *p, mail_item *it,
            ird_err *e)
{
	indicator_spec spec = { it->type, it->value, it->role, NULL, 0 };
	char *note;
	int rc;

	if (asprintf(&note, "mail E%lld: %s%s%s", (long long)p->evidence_num, it->what,
	             it->repeat_of ? "; repeat sender, seen before in " : "",
	             it->repeat_of ? it->repeat_of : "") < 0)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (strlen(note) > INDICATOR_MAX_NOTE)
		note[INDICATOR_MAX_NOTE] = '\0';
	spec.note = note;
	rc = act_ioc_add_tx(c, n, case_id, &spec, &it->id, &it->merged, e);
	free(note);
	if (rc == IRD_OK && it->repeat_of) {
		trigger_subject subj = { "indicator", it->id, it->normal };

		rc = trigger_fire_tx(c, case_id, PB_T_REPEAT_SENDER, &subj, e);
	}
	return rc;
}

/* The timeline line of the whole mail. */
static int
mail_event(ird_ctx *c, int64_t case_id, const mail_plan *p, ird_err *e)
{
	const mail_info *m = &p->info;
	size_t recorded = 0, refused = 0;
	char *text;
	int rc;

	for (size_t i = 0; i < p->nitems; i++)
		p->items[i].normal ? recorded++ : refused++;
	if (asprintf(&text, "mail E%lld recorded: From %.300s, Subject \"%.300s\", Message-ID <%.300s>,"
	             " %zu URL(s), %zu attachment(s); %zu indicator(s)%s%zu refused%s",
	             (long long)p->evidence_num, m->naddrs ? m->addrs[0].addr : "-",
	             m->subject ? m->subject : "", m->message_id ? m->message_id : "", m->nurls,
	             m->natts, recorded, ", ", refused,
	             p->repeats ? "; a repeat sender" : "") < 0)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	rc = event_add_tx(c, case_id, 0, "mail", text, e);
	free(text);
	return rc;
}

static int
record_tx(ird_ctx *c, const ioc_normalizer *n, int64_t case_id, const evidence_new *ev,
          mail_plan *p, ird_err *e)
{
	int rc = act_evidence_add_tx(c, case_id, ev, &p->evidence_num, e);

	for (size_t i = 0; i < p->nitems && rc == IRD_OK; i++)
		if (p->items[i].normal)
			rc = record_item(c, n, case_id, p, &p->items[i], e);
	if (rc == IRD_OK)
		rc = mail_event(c, case_id, p, e);
	return rc;
}

int
act_mail_add(ird_ctx *c, const ioc_normalizer *n, int64_t case_id, const char *file,
             const char *asset_host, int dry_run, mail_plan *p, ird_err *e)
{
	int rc;

	memset(p, 0, sizeof(*p));
	/* Parse and hash before any lock: a 100 MB attachment takes seconds. */
	if ((rc = mail_parse_file(file, &p->info, e)) != IRD_OK)
		return rc;
	if ((rc = plan_mail(n, p, e)) != IRD_OK)
		goto fail;
	if (dry_run) {
		if ((rc = store_begin_read(c->store, e)) != IRD_OK)
			goto fail;
		rc = find_repeats(c, n, case_id, p, e);
		store_rollback(c->store);
		if (rc != IRD_OK)
			goto fail;
		return IRD_OK;
	}
	/* The file was hashed while parsed: the evidence takes that digest. */
	{
		char *where = realpath(file, NULL);
		evidence_spec spec = { asset_host, "mail", NULL, p->info.sha256, where, 0 };
		evidence_new ev;

		if (!where) {
			rc = ird_fail(e, IRD_EFAIL, _("cannot resolve %s: %s"), file, strerror(errno));
			goto fail;
		}
		if ((rc = evidence_prepare(&spec, &ev, e)) == IRD_OK) {
			ev.size = p->info.size;
			if ((rc = store_begin(c->store, e)) == IRD_OK) {
				if ((rc = find_repeats(c, n, case_id, p, e)) != IRD_OK ||
				    (rc = record_tx(c, n, case_id, &ev, p, e)) != IRD_OK)
					store_rollback(c->store);
				else
					rc = store_commit(c->store, e);
			}
			evidence_new_free(&ev);
		}
		free(where);
		if (rc == IRD_OK)
			return IRD_OK;
	}
fail:
	act_mail_plan_free(p);
	return rc;
}
