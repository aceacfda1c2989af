/* i18n.c - messages through GNU gettext, and times in the user's language. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "base/selfpath.h"

/* glibc's counter of loaded catalogues: bumping it makes gettext forget
 * the translations it cached, after LANGUAGE changed (the gettext manual's
 * way to switch languages at run time). */
extern int _nl_msg_cat_cntr;

static int
is_c_locale(const char *name)
{
	return !name || !strcmp(name, "C") || !strcmp(name, "POSIX");
}

/* The locale name the environment asks messages in, as setlocale would. */
static const char *
env_messages_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return v;
	}
	return NULL;
}

/* gettext ignores LANGUAGE under the C locale, and a locale that is asked
 * for but not generated on this machine falls back to C: either way the
 * user asked for a language. Messages then use C.UTF-8, which gettext does
 * not ignore, with LANGUAGE naming the language asked for. */
static void
honour_asked_language(void)
{
	const char *asked = env_messages_locale();
	const char *language = getenv("LANGUAGE");
	char lang[32];
	size_t n;

	if (!is_c_locale(setlocale(LC_MESSAGES, NULL)))
		return;
	if ((!language || !*language) && (is_c_locale(asked) || !strncmp(asked, "C.", 2)))
		return;
	if (!setlocale(LC_MESSAGES, "C.UTF-8"))
		return;
	if (language && *language)
		return;
	n = strcspn(asked, ".@");
	if (n >= sizeof(lang))
		return;
	memcpy(lang, asked, n);
	lang[n] = '\0';
	setenv("LANGUAGE", lang, 1);
}

void
i18n_init(void)
{
	const char *dir = getenv("IRDESK_LOCALEDIR");

	if (!dir || !*dir)
		dir = selfpath_in_build_tree() ? IRDESK_BUILDDIR "/locale" : IRDESK_LOCALEDIR;
	honour_asked_language();
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

int
i18n_push_lang(const char *lang, i18n_saved *saved, ird_err *e)
{
	const char *language = getenv("LANGUAGE");
	const char *messages = setlocale(LC_MESSAGES, NULL);

	memset(saved, 0, sizeof(*saved));
	if (!lang || !*lang)
		return IRD_OK;
	if (strcmp(lang, "ja") && strcmp(lang, "en"))
		return ird_fail(e, IRD_EUSAGE, _("unknown language \"%s\" (ja, en)"), lang);
	saved->active = 1;
	saved->had_language = language != NULL;
	if (language)
		snprintf(saved->language, sizeof(saved->language), "%s", language);
	snprintf(saved->messages, sizeof(saved->messages), "%s", messages ? messages : "C");
	if (is_c_locale(messages))
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", lang, 1);
	++_nl_msg_cat_cntr;
	return IRD_OK;
}

void
i18n_pop_lang(i18n_saved *saved)
{
	if (!saved->active)
		return;
	if (saved->had_language)
		setenv("LANGUAGE", saved->language, 1);
	else
		unsetenv("LANGUAGE");
	setlocale(LC_MESSAGES, saved->messages);
	++_nl_msg_cat_cntr;
	saved->active = 0;
}

const char *
i18n_lang(void)
{
	/* TRANSLATORS: the code of the language of this translation: "ja" in
	   ja.po. irdesk uses it to choose title[ja] in playbooks. */
	return strcmp(_("language-code:en"), "ja") ? "en" : "ja";
}

int
i18n_is_japanese(void)
{
	return !strcmp(i18n_lang(), "ja");
}

/* T as local broken-down time in TM; 0 when it cannot be. */
static int
local_tm(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;

	return localtime_r(&tt, tm) != NULL;
}

size_t
i18n_time(char *buf, size_t size, int64_t t)
{
	struct tm tm;
	size_t n = 0;

	if (!size)
		return 0;
	if (local_tm(t, &tm))
		/* xgettext:no-c-format */
		/* TRANSLATORS: strftime format of a local date and time, in the
		   order your language writes them. */
		n = strftime(buf, size, _("%Y-%m-%d %H:%M"), &tm);
	if (!n)
		buf[0] = '\0';
	return n;
}

size_t
i18n_date(char *buf, size_t size, int64_t t)
{
	struct tm tm;
	size_t n = 0;

	if (!size)
		return 0;
	if (local_tm(t, &tm))
		/* xgettext:no-c-format */
		/* TRANSLATORS: strftime format of a local date. */
		n = strftime(buf, size, _("%Y-%m-%d"), &tm);
	if (!n)
		buf[0] = '\0';
	return n;
}

size_t
i18n_duration(char *buf, size_t size, int64_t secs)
{
	const char *sign = secs < 0 ? "-" : "";
	long long a = secs < 0 ? -(long long)secs : (long long)secs;
	long long d = a / 86400, h = a % 86400 / 3600, m = a % 3600 / 60;
	char n[64];
	int k;

	if (!size)
		return 0;
	/* TRANSLATORS: durations; each pair (with and without the smaller
	   unit) says the same length: "17d03h" / "17d00h", "4h31m" / "4h00m",
	   "42m", "30s". Japanese: 「17日3時間」「17日」「4時間31分」「42分」. */
	if (d > 0 && h > 0)
		snprintf(n, sizeof(n), _("%lldd%02lldh"), d, h);
	else if (d > 0)
		snprintf(n, sizeof(n), _("%lldd00h"), d);
	else if (h > 0 && m > 0)
		snprintf(n, sizeof(n), _("%lldh%02lldm"), h, m);
	else if (h > 0)
		snprintf(n, sizeof(n), _("%lldh00m"), h);
	else if (m > 0 || a == 0)
		snprintf(n, sizeof(n), _("%lldm"), m);
	else
		snprintf(n, sizeof(n), _("%llds"), a);
	k = snprintf(buf, size, "%s%s", sign, n);
	return k < 0 ? 0 : (size_t)k < size ? (size_t)k : size - 1;
}
