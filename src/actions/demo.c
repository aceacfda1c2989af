/* demo.c - a generator of realistic cases and timelines. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "records/case.h"
#include "actions/demo.h"
#include "store/event.h"
#include "actions/act_notify.h"
#include "records/playbook_copy.h"
#include "engine/trigger.h"
#include "actions/act_asset.h"
#include "actions/exercise.h"
#include "base/playbook_path.h"
#include "base/scenario.h"

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

/* ---- this week: what a team lead finds on Monday morning ---- */

#define WEEK (7LL * 86400)

/* A case of the last week, AGE minutes old: who was told (bits: 1 the
 * csirt-lead, 2 the executives, 4 the ministry, each in time), an infected
 * host found ASSET_AT minutes after opening (0: none), and where it stands
 * (NULL: open). Together: running timers, a few overdue, deadlines coming,
 * every severity, a few closed. */
static const struct week_slot {
	int age_min;
	const char *severity;
	unsigned told;
	int asset_at;
	const char *status;
} WEEK_SLOTS[] = {
	{ 8700, "high", 7, 0, "closed" },
	{ 7300, "medium", 1, 0, "closed" },
	{ 5800, "critical", 7, 0, "contained" },
	{ 4300, "high", 3, 0, NULL },     /* the ministry never told: days overdue */
	{ 2900, "low", 1, 0, "eradicated" },
	{ 1400, "medium", 1, 0, NULL },
	{ 600, "high", 7, 0, "contained" },
	{ 200, "critical", 3, 0, NULL },  /* the ministry: over an hour late */
	{ 95, "high", 3, 0, NULL },       /* the ministry due within the half hour */
	{ 50, "medium", 1, 30, NULL },    /* an infected PC: isolate within 10 minutes */
	{ 12, "high", 0, 0, NULL },       /* just opened: the csirt-lead due in minutes */
	{ 3, "medium", 0, 0, NULL },
};
#define NWEEK ((long)(sizeof(WEEK_SLOTS) / sizeof(WEEK_SLOTS[0])))

/* Case SLOT of this week (see WEEK_SLOTS), under the playbook when there is one. */
static int
demo_week_case(ird_ctx *c, rng *r, const struct demo_pb *dp, int64_t now,
               const struct week_slot *w, ird_err *e)
{
	static const char *const roles[] = { "csirt-lead", "executives", "ministry" };
	static const int told_after[] = { 8 * 60, 40 * 60, 100 * 60 };
	int64_t opened = now - (int64_t)w->age_min * 60, id;
	case_spec spec = { 0 };
	char title[200], text[200], hid[CASE_HID_LEN];
	ird_ctx then = *c;
	long nev = w->age_min < 60 ? 1 + w->age_min / 15 : 7 + rng_range(r, 7);
	int rc;

	title_for(r, title, sizeof(title));
	spec.title = title;
	spec.severity = w->severity;
	spec.tlp = rng_range(r, 4) ? "amber" : "red";
	spec.lead = PICK(r, LEADS);
	spec.opened_at = opened;
	spec.detected_at = opened - rng_range(r, 3 * 3600);
	spec.playbook_id = dp->pb ? dp->copy_id : 0;
	then.clock.fixed = 1;
	then.clock.now = opened;
	if ((rc = case_create_tx(&then, &spec, &id, hid, e)) != IRD_OK)
		return rc;
	if (dp->pb &&
	    (rc = trigger_fire_with_tx(&then, id, dp->pb, PB_T_CASE_OPENED, NULL, e)) != IRD_OK)
		return rc;
	for (int i = 0; i < 3 && rc == IRD_OK; i++)
		if ((w->told & (1u << i)) && opened + told_after[i] <= now)
			rc = demo_notify(c, id, roles[i], opened + told_after[i], e);
	if (rc == IRD_OK && w->asset_at && dp->pb) {
		char host[16];

		snprintf(host, sizeof(host), "PC-%04ld", 100 + rng_range(r, 9000));
		then.clock.now = opened + (int64_t)w->asset_at * 60;
		rc = act_asset_put_tx(&then, id, host, "head-office", "infected", e);
	}
	/* The timeline: spread over the case's life so far, the latest recent. */
	for (long i = 0; i < nev && rc == IRD_OK; i++) {
		int64_t at = opened + (now - opened) * (i + 1) / (nev + 1);

		event_for(r, text, sizeof(text));
		rc = event_add_tx(c, id, at, "note", text, e);
	}
	if (rc == IRD_OK && w->status) {
		case_change ch = { .personal_data = -1, .status = w->status };

		then.clock.now = now - (int64_t)w->age_min * 60 / 4;
		rc = case_change_tx(&then, id, &ch, NULL, e);
	}
	return rc;
}

/* One exercise, as a facilitator would have left it: the ransomware-night
 * scenario 25 minutes into its story, its first timers overdue on the
 * exercise clock. Skipped when the scenario or its playbook is not
 * installed. */
static int
demo_exercise(ird_ctx *c, ird_err *e)
{
	char *path = scenario_search_path(), hid[CASE_HID_LEN];
	scenario *sc = NULL;
	playbook *pb = NULL;
	ird_err ne = { 0 };
	int64_t id;
	int rc = IRD_OK;

	if (!path)
		return ird_fail(e, IRD_EFAIL, _("out of memory"));
	if (scenario_find(path, "ransomware-night", &sc, &ne) != IRD_OK) {
		free(path);
		return IRD_OK;
	}
	free(path);
	if (sc->playbook) {
		if (!(path = playbook_search_path())) {
			scenario_free(sc);
			return ird_fail(e, IRD_EFAIL, _("out of memory"));
		}
		if (playbook_find(path, sc->playbook, &pb, &ne) != IRD_OK) {
			free(path);
			scenario_free(sc);
			return IRD_OK;
		}
		free(path);
	}
	rc = exercise_start(c, sc, pb, 1, NULL, &id, hid, e);
	if (rc == IRD_OK)
		rc = exercise_jump(c, id, sc->start + 25 * 60, e);
	playbook_free(pb);
	scenario_free(sc);
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
	long nweek = ncases < NWEEK ? ncases : NWEEK, nold = ncases - nweek;
	int64_t end = now - WEEK; /* the older cases: up to a week ago */

	if ((rc = demo_copy(c, &dp, e)) != IRD_OK)
		return rc;
	for (long done = 0; done < nold && rc == IRD_OK;) {
		if ((rc = store_begin(c->store, e)) != IRD_OK)
			return rc;
		for (long i = 0; i < BATCH && done < nold && rc == IRD_OK; i++, done++)
			rc = demo_case(c, &r, &dp, now, end - SPAN + SPAN * done / nold, SPAN / nold, e);
		if (rc != IRD_OK) {
			store_rollback(c->store);
			return rc;
		}
		if ((rc = store_commit(c->store, e)) != IRD_OK)
			return rc;
	}
	/* This week: the last NWEEK cases, the newest last (ids follow the calendar). */
	if (nweek > 0) {
		if ((rc = store_begin(c->store, e)) != IRD_OK)
			return rc;
		for (long i = NWEEK - nweek; i < NWEEK && rc == IRD_OK; i++)
			rc = demo_week_case(c, &r, &dp, now, &WEEK_SLOTS[i], e);
		if (rc != IRD_OK) {
			store_rollback(c->store);
			return rc;
		}
		if ((rc = store_commit(c->store, e)) != IRD_OK)
			return rc;
		rc = demo_exercise(c, e);
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
