/* demo.c - a generator of realistic cases and timelines. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "records/case.h"
#include "actions/demo.h"
#include "store/event.h"
#include "actions/act_notify.h"
#include "records/playbook_copy.h"
#include "engine/trigger.h"

#define BATCH 2000 /* cases per transaction: short write locks for others */

/* xorshift64*: small, seedable, and no global state. */
typedef struct { uint64_t s; } rng;

static uint64_t
rng_next(rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ULL;
}

static long
rng_range(rng *r, long n)
{
	return (long)(rng_next(r) % (uint64_t)n);
}

#define PICK(r, arr) (arr[rng_range(r, (long)(sizeof(arr) / sizeof(arr[0])))])

static const char *const TITLES[] = {
	"標的型メールによるマルウェア感染（拠点{c}）",
	"不審な外部通信の検知 (C&C) — PC-{n}",
	"個人情報を含むファイル共有への不正アクセスの疑い",
	"Phishing campaign against finance staff (wave {n})",
	"Ransomware on file server FS-{n}",
	"Lost laptop with customer records (site {c})",
	"Web server defacement: portal-{n}",
	"Credential stuffing against the public portal",
	"情報漏えいの疑い：委託先からの報告 #{n}",
	"DDoS against the pension inquiry site",
	"Suspicious admin logins on directory server DC-{n}",
	"USBメモリ紛失（支店{c}）",
};

static const char *const LEADS[] = {
	"tanaka", "suzuki", "sato", "takahashi", "watanabe", "ito", "yamamoto", "nakamura",
	"kobayashi", "kato", "alice", "bob",
};

static const char *const EVENTS[] = {
	"NISCから不審な通信の連絡を受領",
	"Alert from the proxy: beaconing every 60 s to an unknown host",
	"PC-{n} のLANケーブルを抜線、隔離",
	"Forensic image of PC-{n} taken, SHA-256 recorded",
	"Sender address blocked at the mail gateway",
	"C&C domain blocked at the proxy (registrable domain)",
	"運用委託会社にプロキシログの提供を依頼",
	"Malware sample sent to the security vendor",
	"CSIRT lead informed by phone",
	"理事長・役員へ報告",
	"Supervising ministry informed (email + call)",
	"All recipients asked whether they opened the attachment",
	"Admin passwords rotated on {n} PCs",
	"Police report filed",
	"Patched the directory server",
};

static const char *const SEVERITIES[] = { "low", "medium", "medium", "high", "high", "critical" };
static const char *const STATUSES[] = { "contained", "eradicated", "recovered" };

/* Expand a template: {n} becomes a number, {c} a site letter. */
static void
expand(const char *tmpl, long n, char site, char *buf, size_t len)
{
	size_t o = 0;

	for (const char *p = tmpl; *p && o + 12 < len; p++) {
		if (strncmp(p, "{n}", 3) == 0) {
			o += (size_t)snprintf(buf + o, len - o, "%ld", n);
			p += 2;
		} else if (strncmp(p, "{c}", 3) == 0) {
			buf[o++] = site;
			p += 2;
		} else {
			buf[o++] = *p;
		}
	}
	buf[o] = '\0';
}

static void
title_for(rng *r, char *buf, size_t len)
{
	const char *tmpl = PICK(r, TITLES);

	expand(tmpl, rng_range(r, 9000) + 1, (char)('A' + rng_range(r, 8)), buf, len);
}

static void
event_for(rng *r, char *buf, size_t len)
{
	const char *tmpl = PICK(r, EVENTS);

	expand(tmpl, rng_range(r, 9000) + 1, 'A', buf, len);
}

#define SPAN (5LL * 365 * 86400) /* the demo covers five years */
#define PLAYBOOK_AGE (365LL * 86400) /* cases of the last year follow the playbook */

/* What the demo needs to put cases under a playbook. */
struct demo_pb {
	const playbook *pb;
	int64_t copy_id;
};

/* Tell ROLE by phone at time AT, as the responder did (clock set to AT). */
static int
demo_notify(ird_ctx *c, int64_t id, const char *role, int64_t at, ird_err *e)
{
	notify_spec spec = { role, "phone", at, NULL };
	ird_ctx then = *c;
	int64_t nid;

	then.clock.fixed = 1;
	then.clock.now = at;
	return act_notify_tx(&then, id, &spec, &nid, NULL, e);
}

/* Put the new case under the playbook as it was opened, and record the
 * notifications; one recent case in ten leaves the ministry waiting. */
static int
demo_playbook(ird_ctx *c, rng *r, const struct demo_pb *dp, int64_t id, const case_spec *spec,
              int64_t now, ird_err *e)
{
	ird_ctx then = *c;
	int64_t at = spec->opened_at + 120 + rng_range(r, 600);
	int high = case_severity_rank(spec->severity) >= 2, late = rng_range(r, 10) == 0;
	int rc;

	then.clock.fixed = 1;
	then.clock.now = spec->opened_at;
	if ((rc = trigger_fire_with_tx(&then, id, dp->pb, PB_T_CASE_OPENED, NULL, e)) != IRD_OK)
		return rc;
	if (at <= now)
		rc = demo_notify(c, id, "csirt-lead", at, e);
	if (rc == IRD_OK && high && at + 1800 <= now)
		rc = demo_notify(c, id, "executives", at + 1800, e);
	if (rc == IRD_OK && high && !(late && now - spec->opened_at < 30 * 86400) &&
	    at + 3600 <= now)
		rc = demo_notify(c, id, "ministry", at + 3600, e);
	return rc;
}

/* One case with its events, opened at a random moment of [FROM, FROM+STEP)
 * so that cases come in order and their ids follow the calendar; old cases
 * are closed, recent ones mostly open. */
static int
demo_case(ird_ctx *c, rng *r, const struct demo_pb *dp, int64_t now, int64_t from, int64_t step,
          ird_err *e)
{
	int64_t opened = from + rng_range(r, step > 1 ? step : 1), id, t;
	case_spec spec = { 0 };
	char title[200], text[200], hid[CASE_HID_LEN];
	long nev = 7 + rng_range(r, 7);
	int rc, age_days = (int)((now - opened) / 86400);

	title_for(r, title, sizeof(title));
	spec.title = title;
	spec.severity = PICK(r, SEVERITIES);
	spec.tlp = rng_range(r, 4) ? "amber" : "red";
	spec.lead = PICK(r, LEADS);
	spec.opened_at = opened;
	spec.detected_at = opened - rng_range(r, 6 * 3600);
	if (dp->pb && now - opened < PLAYBOOK_AGE)
		spec.playbook_id = dp->copy_id;
	if ((rc = case_create_tx(c, &spec, &id, hid, e)) != IRD_OK)
		return rc;
	if (spec.playbook_id && (rc = demo_playbook(c, r, dp, id, &spec, now, e)) != IRD_OK)
		return rc;
	t = opened;
	for (long i = 0; i < nev && rc == IRD_OK; i++) {
		t += 60 + rng_range(r, 6 * 3600);
		event_for(r, text, sizeof(text));
		rc = event_add_tx(c, id, t > now ? now : t, "note", text, e);
	}
	if (rc == IRD_OK && (age_days > 45 || rng_range(r, 3) == 0)) {
		case_change ch = { .personal_data = -1 };

		ch.status = age_days > 45 ? "closed" : PICK(r, STATUSES);
		rc = case_change_tx(c, id, &ch, NULL, e);
	}
	return rc;
}

/* Store the playbook's text once, so every demo case can point at it. */
static int
demo_copy(ird_ctx *c, struct demo_pb *dp, ird_err *e)
{
	int rc;

	if (!dp->pb)
		return IRD_OK;
	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	rc = playbook_copy_put_tx(c, dp->pb->name, dp->pb->text, &dp->copy_id, e);
	if (rc != IRD_OK) {
		store_rollback(c->store);
		return rc;
	}
	return store_commit(c->store, e);
}

int
demo_fill(ird_ctx *c, long ncases, uint64_t seed, const playbook *pb, ird_err *e)
{
	rng r = { seed ? seed : 0x9e3779b97f4a7c15ULL };
	struct demo_pb dp = { pb, 0 };
	int64_t now = clock_now(&c->clock);
	int rc = IRD_OK;

	if (ncases < 0 || ncases > 10000000)
		return ird_fail(e, IRD_EUSAGE, _("--cases must be between 0 and 10000000"));
	if ((rc = demo_copy(c, &dp, e)) != IRD_OK)
		return rc;
	for (long done = 0; done < ncases && rc == IRD_OK;) {
		if ((rc = store_begin(c->store, e)) != IRD_OK)
			return rc;
		for (long i = 0; i < BATCH && done < ncases && rc == IRD_OK; i++, done++)
			rc = demo_case(c, &r, &dp, now, now - SPAN + SPAN * done / ncases, SPAN / ncases, e);
		if (rc != IRD_OK) {
			store_rollback(c->store);
			return rc;
		}
		if ((rc = store_commit(c->store, e)) != IRD_OK)
			return rc;
	}
	return rc;
}

int
demo_events(ird_ctx *c, int64_t case_id, long nevents, uint64_t seed, ird_err *e)
{
	rng r = { seed ? seed : 0x9e3779b97f4a7c15ULL };
	int64_t t = clock_now(&c->clock) - nevents * 60;
	char text[200];
	int rc;

	if ((rc = store_begin(c->store, e)) != IRD_OK)
		return rc;
	for (long i = 0; i < nevents && rc == IRD_OK; i++) {
		event_for(&r, text, sizeof(text));
		rc = event_add_tx(c, case_id, t + i * 60, "note", text, e);
	}
	if (rc != IRD_OK) {
		store_rollback(c->store);
		return rc;
	}
	return store_commit(c->store, e);
}
