/* i18n.h - messages through GNU gettext, and times in the user's language.
 *
 * Every message a person reads goes through _(); static tables mark theirs
 * with N_() and translate them where they are shown. Machine-readable text
 * (JSON keys and values, vocabulary words, configuration keys, hook
 * variables, exit codes) is never translated. */
#ifndef IRDESK_BASE_I18N_H
#define IRDESK_BASE_I18N_H

#include <libintl.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define _(msgid) gettext(msgid)
#define N_(msgid) (msgid)

/* Binds the irdesk catalogue: IRDESK_LOCALEDIR if set, the build tree's
 * when the program runs from it, else the installed one. Call once, after
 * setlocale(). */
void i18n_init(void);

/* What i18n_push_lang changed, kept by its caller to put it back. */
typedef struct {
	int active, had_language;
	char language[64], messages[64];
} i18n_saved;

/* Switches the messages to LANG ("ja" or "en"), whatever the locale, for an
 * output that carries its own language (report --lang ja), until
 * i18n_pop_lang(SAVED). NULL or "" changes nothing. IRD_EUSAGE for a
 * language irdesk does not ship. */
int i18n_push_lang(const char *lang, i18n_saved *saved, ird_err *e);

/* Puts back the language i18n_push_lang changed. */
void i18n_pop_lang(i18n_saved *saved);

/* "ja" when messages are Japanese, else "en". */
const char *i18n_lang(void);

/* 1 when messages are Japanese: playbooks' and scenarios' title[ja]. */
int i18n_is_japanese(void);

/* T as local date and time (TZ honoured) in the language's order, e.g.
 * "2026-12-01 18:46" or "2026年12月1日 18:46"; "" when T cannot be shown. */
size_t i18n_time(char *buf, size_t size, int64_t t);

/* T as a local date only, in the language's order. */
size_t i18n_date(char *buf, size_t size, int64_t t);

/* SECS as a duration in the language: "17d03h", "42m" / 「17日3時間」「42分」
 * (the units of clock_format_duration, translated). */
size_t i18n_duration(char *buf, size_t size, int64_t secs);

#endif
