/* session.c - the store, actor, clock, configuration and default playbook
 * both front-ends start from, and the overdue timers they must show. */
#include "config.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions/act_ioc.h"
#include "actions/exercise.h"
#include "actions/session.h"
#include "base/i18n.h"
#include "base/playbook_path.h"
#include "records/case.h"

struct session {
	ird_ctx *ctx;
	ird_clock real;    /* the real clock (or --now), whatever case is open */
	char *db_explicit; /* --db as given, or NULL */
	char *db_path;     /* resolved on first use */
	ird_config *config;
};

const char *
session_default_actor(void)
{
	const char *u = getenv("IRDESK_USER");
	struct passwd *pw;

	if (u && *u)
		return u;
	if ((u = getlogin()) && *u)
		return u;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

int
session_new(const session_opts *o, ird_ctx *ctx, session **out, ird_err *e)
{
	session *s = calloc(1, sizeof(*s));

	*out = NULL;
	if (!s)
		return ird_fail(e, IRD_EFAIL, _("out of memory starting a session"));
	if (o->db_path && !(s->db_explicit = strdup(o->db_path))) {
		free(s);
		return ird_fail(e, IRD_EFAIL, _("out of memory starting a session"));
	}
	s->ctx = ctx;
	ctx->store = NULL;
	ctx->actor = o->actor ? o->actor : session_default_actor();
	ctx->clock.fixed = o->fixed_clock;
	ctx->clock.now = o->fixed_clock ? o->now : 0;
	s->real = ctx->clock;
	*out = s;
	return IRD_OK;
}

void
session_free(session *s)
{
	if (!s)
		return;
	store_close(s->ctx->store);
	s->ctx->store = NULL;
	config_free(s->config);
	free(s->db_path);
	free(s->db_explicit);
	free(s);
}

const char *
session_db_path(session *s, ird_err *e)
{
	if (!s->db_path)
		s->db_path = store_default_path(s->db_explicit, e);
	return s->db_path;
}

/* Indicators an older irdesk normalised get today's normal forms on open,
 * so that matching and the block rule see one form per name: a user who
 * upgrades need not know. Best effort: a store this user cannot write (no
 * audit key, read-only) is read as it is and done on a later open. */
static void
renormalize(session *s)
{
	ioc_normalizer *n = NULL;
	ird_err ignored = { 0 };
	int64_t changed;
	int yes = 0;

	if (indicator_outdated(s->ctx, &yes, &ignored) != IRD_OK || !yes)
		return;
	if (ioc_normalizer_new(&n, &ignored) == IRD_OK)
		(void)act_ioc_renormalize(s->ctx, n, &changed, &ignored);
	ioc_normalizer_free(n);
}

int
session_store(session *s, ird_err *e)
{
	const char *path;
	int rc;

	if (s->ctx->store)
		return IRD_OK;
	if (!(path = session_db_path(s, e)))
		return IRD_EFAIL;
	if ((rc = store_open(path, &s->ctx->store, e)) != IRD_OK)
		return rc;
	renormalize(s);
	return IRD_OK;
}

int
session_config(session *s, const ird_config **cfg, ird_err *e)
{
	int rc;

	if (!s->config && (rc = config_load(NULL, &s->config, e)) != IRD_OK)
		return rc;
	*cfg = s->config;
	return IRD_OK;
}

int
session_playbook(session *s, const char *name, playbook **pb, ird_err *e)
{
	char *path;
	int rc;

	*pb = NULL;
	if (!name) {
		const ird_config *cfg;

		if ((rc = session_config(s, &cfg, e)) != IRD_OK)
			return rc;
		name = config_default_playbook(cfg) ? config_default_playbook(cfg)
		                                    : SESSION_DEFAULT_PLAYBOOK;
	}
	if (strcmp(name, "none") == 0)
		return IRD_OK;
	if (!(path = playbook_search_path()))
		return ird_fail(e, IRD_EFAIL, _("out of memory building the playbook search path"));
	rc = playbook_find(path, name, pb, e);
	free(path);
	return rc;
}

int
session_case(session *s, const char *ref, int64_t *id, ird_err *e)
{
	int rc = session_store(s, e);

	s->ctx->clock = s->real;
	if (rc == IRD_OK)
		rc = case_resolve(s->ctx, ref, id, e);
	/* An exercise case: its due injects arrive, and whatever is done on it
	 * is on its story time (timers, deadlines, recorded times). */
	return rc != IRD_OK ? rc : exercise_enter(s->ctx, &s->real, *id, NULL, e);
}

int
session_busy_wait(session *s, int (*wait)(void *arg, int waited_ms), void *arg, ird_err *e)
{
	int rc = session_store(s, e);

	if (rc == IRD_OK)
		store_set_busy_wait(s->ctx->store, wait, arg);
	return rc;
}

const ird_clock *
session_real_clock(const session *s)
{
	return &s->real;
}

void
session_use_real_clock(session *s)
{
	s->ctx->clock = s->real;
}

int
session_data_version(session *s, int64_t *version, ird_err *e)
{
	int rc = session_store(s, e);

	return rc != IRD_OK ? rc : store_data_version(s->ctx->store, version, e);
}

int
session_interactive(session *s, int busy_ms, int cache_kb, ird_err *e)
{
	int rc = session_store(s, e);

	if (rc != IRD_OK)
		return rc;
	store_set_busy_timeout(s->ctx->store, busy_ms);
	return store_set_cache_kb(s->ctx->store, cache_kb, e);
}

struct overdue_visit {
	int (*fn)(void *arg, const timer_row *t, int64_t now);
	void *arg;
	int64_t now;
};

static int
visit_overdue(void *arg, const timer_row *t)
{
	struct overdue_visit *v = arg;

	return v->fn(v->arg, t, v->now);
}

int
session_overdue_each(session *s, int64_t case_id,
                     int (*fn)(void *arg, const timer_row *t, int64_t now), void *arg,
                     ird_err *e)
{
	struct overdue_visit v = { fn, arg, 0 };
	int rc = session_store(s, e);

	if (rc != IRD_OK)
		return rc;
	v.now = clock_now(&s->ctx->clock);
	return timer_each(s->ctx, case_id, 1, 1, visit_overdue, &v, e);
}
