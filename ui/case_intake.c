/* case_intake.c - the intake forms of the case screen: a reported mail
 * (act_mail_add) and a peer's indicators (act_ioc_import), each previewed
 * through the action's dry run, then recorded on a second confirm. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "actions/act_import.h"
#include "actions/act_mail.h"
#include "base/i18n.h"
#include "ui/case.h"
#include "ui/case_intake.h"
#include "ui/form.h"

/* What a form previewed: the values it was for (a change means a new
 * preview before anything is written). */
typedef struct intake {
	case_screen *cs;
	char previewed[2 * UI_FIELD_MAX + 2];
} intake;

/* Append a printf-like line to the form's INFO (cut where it is full). */
static void info_add(ui_form *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
info_add(ui_form *f, const char *fmt, ...)
{
	size_t n = strlen(f->info);
	va_list ap;

	if (n + 2 >= sizeof(f->info))
		return;
	if (n)
		f->info[n++] = '\n';
	va_start(ap, fmt);
	vsnprintf(f->info + n, sizeof(f->info) - n, fmt, ap);
	va_end(ap);
}

#define INFO_COLS 72 /* columns of the form's text */

/* Add TEXT to the form's INFO, wrapped after commas (else at spaces) into at
 * most MAXLINES lines. */
static void
info_wrap(ui_form *f, const char *text, int maxlines)
{
	size_t len = strlen(text);

	for (int line = 0; len > 0 && line < maxlines; line++) {
		size_t cut = len;

		if (len > INFO_COLS && line < maxlines - 1) {
			cut = INFO_COLS;
			while (cut > 1 && !(text[cut] == ' ' && text[cut - 1] == ','))
				cut--;
			if (cut <= 1)
				for (cut = INFO_COLS; cut > 0 && text[cut] != ' '; cut--)
					;
			if (cut == 0)
				cut = INFO_COLS;
		}
		info_add(f, "%.*s", (int)cut, text);
		text += cut;
		len -= cut;
		while (*text == ' ')
			text++, len--;
	}
}

/* "email/sender 3, url/c2 2" for the types and roles of N items. */
typedef struct tally {
	char key[40][48];
	int count[40];
	int n;
} tally;

static void
tally_add(tally *t, const char *type, const char *role)
{
	char key[48];

	snprintf(key, sizeof(key), "%s/%s", type ? type : "?", role ? role : "?");
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->key[i], key) == 0) {
			t->count[i]++;
			return;
		}
	if (t->n < 40) {
		snprintf(t->key[t->n], sizeof(t->key[t->n]), "%s", key);
		t->count[t->n++] = 1;
	}
}

static void
tally_text(const tally *t, char *buf, size_t len)
{
	size_t k = 0;

	buf[0] = '\0';
	for (int i = 0; i < t->n && k < len; i++)
		k += (size_t)snprintf(buf + k, len - k, "%s%s %d", i ? ", " : "", t->key[i],
		                      t->count[i]);
}

/* The preview is for VALUES: 1 when it was already shown (confirm writes). */
static int
previewed(intake *in, const char *a, const char *b)
{
	char now[sizeof(in->previewed)];
	int same;

	snprintf(now, sizeof(now), "%s\n%s", a, b ? b : "");
	same = strcmp(now, in->previewed) == 0;
	snprintf(in->previewed, sizeof(in->previewed), "%s", now);
	return same;
}

/* ---- mail add ------------------------------------------------------------------------- */

enum { MA_FILE, MA_ASSET, MA_N };

static void
mail_preview(ui_form *f, const mail_plan *p)
{
	tally t = { 0 };
	char types[400], line[600];
	size_t refused = 0, repeats = 0;
	const char *first_refused = NULL;

	for (size_t i = 0; i < p->nitems; i++) {
		const mail_item *it = &p->items[i];

		if (it->refused) {
			refused++;
			first_refused = first_refused ? first_refused : it->refused;
			continue;
		}
		tally_add(&t, it->type, it->role);
		repeats += it->repeat_of != NULL;
	}
	tally_text(&t, types, sizeof(types));
	f->info[0] = '\0';
	info_add(f, _("would record the mail as evidence (kind mail, %lld bytes), SHA-256"),
	         (long long)p->info.size);
	info_add(f, "  %s", p->info.sha256);
	snprintf(line, sizeof(line), _("and %zu indicator(s): %s"), p->nitems - refused, types);
	info_wrap(f, line, 2);
	if (refused)
		info_add(f, _("%zu refused by the normaliser (first: %.80s)"), refused, first_refused);
	if (repeats)
		info_add(f, _("%zu repeat sender(s): seen before in this case or another"), repeats);
	info_add(f, _("confirm again (Enter or Ctrl-X) to record it; Esc writes nothing"));
}

static int
submit_mail(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	intake *in = arg;
	const ioc_normalizer *n = cs_normalizer(in->cs, e);
	const char *file = f->fields[MA_FILE].value;
	const char *asset = f->fields[MA_ASSET].value[0] ? f->fields[MA_ASSET].value : NULL;
	int dry = !previewed(in, file, asset);
	mail_plan p;
	int rc;

	if (!n)
		return IRD_EFAIL;
	rc = act_mail_add(app->ctx, n, in->cs->id, file, asset, dry, &p, e);
	if (rc != IRD_OK) {
		in->previewed[0] = '\0';
		f->info[0] = '\0';
		snprintf(f->fields[strstr(e->msg, "asset") || strstr(e->msg, _("word in messages:asset"))
		                  ? MA_ASSET : MA_FILE].error,
		         sizeof(f->fields[0].error), "%s", e->msg);
		act_mail_plan_free(&p);
		return rc;
	}
	if (dry) {
		mail_preview(f, &p);
		act_mail_plan_free(&p);
		return ird_fail(e, IRD_EUSAGE, _("this is what would be recorded: confirm again to record it"));
	}
	ui_changed(app);
	ui_message(app, _("mail recorded as E%lld with %zu indicator(s)"),
	           (long long)p.evidence_num, p.nitems);
	act_mail_plan_free(&p);
	return IRD_OK;
}

void
cs_mail_form(ui_app *app, ui_view *v, int key)
{
	ui_field fl[MA_N];
	intake in = { v->data, "" };
	ui_form f;
	char title[400];

	(void)key;
	memset(fl, 0, sizeof(fl));
	memset(&f, 0, sizeof(f));
	fl[MA_FILE].label = _("mail (.eml)");
	fl[MA_FILE].kind = UI_F_TEXT;
	fl[MA_FILE].required = 1;
	fl[MA_ASSET].label = _("asset (host)");
	fl[MA_ASSET].kind = UI_F_TEXT;
	snprintf(title, sizeof(title), _("Add a reported mail: %s"),
	         in.cs->c.hid ? in.cs->c.hid : "case");
	f.title = title;
	f.fields = fl;
	f.nfields = MA_N;
	f.submit = submit_mail;
	f.arg = &in;
	snprintf(f.info, sizeof(f.info), "%s",
	         _("the .eml file and, optionally, the recipient's host (an asset of the\n"
	           "case); confirm shows what would be recorded"));
	ui_form_run(app, &f);
}

/* ---- ioc import ----------------------------------------------------------------------- */

enum { IM_FILE, IM_N };

static void
import_preview(ui_form *f, const import_plan *p)
{
	tally t = { 0 };
	char types[400], line[600];
	int shown = 0;

	for (size_t i = 0; i < p->n; i++)
		if (!p->items[i].refused)
			tally_add(&t, p->items[i].type, p->items[i].role);
	tally_text(&t, types, sizeof(types));
	f->info[0] = '\0';
	info_add(f, _("%s %.120s"), p->format, p->source ? p->source : "");
	snprintf(line, sizeof(line), _("would add %zu indicator(s): %s"), p->n - p->nrefused, types);
	info_wrap(f, line, 2);
	if (p->nrefused)
		info_add(f, _("%zu cannot be expressed, such as:"), p->nrefused);
	for (size_t i = 0; i < p->n && shown < 1; i++) {
		const import_item *it = &p->items[i];

		if (!it->refused)
			continue;
		info_add(f, "  %.60s: %.100s", it->value ? it->value : it->origin, it->refused);
		shown++;
	}
	info_add(f, _("confirm again (Enter or Ctrl-X) to import; Esc writes nothing"));
}

static int
submit_import(ui_app *app, ui_form *f, void *arg, ird_err *e)
{
	intake *in = arg;
	const ioc_normalizer *n = cs_normalizer(in->cs, e);
	const char *file = f->fields[IM_FILE].value;
	int dry = !previewed(in, file, NULL);
	import_plan p;
	int rc;

	if (!n)
		return IRD_EFAIL;
	rc = act_ioc_import(app->ctx, n, in->cs->id, file, dry, &p, e);
	if (rc != IRD_OK) {
		in->previewed[0] = '\0';
		f->info[0] = '\0';
		snprintf(f->fields[IM_FILE].error, sizeof(f->fields[IM_FILE].error), "%s", e->msg);
		import_plan_free(&p);
		return rc;
	}
	if (dry) {
		import_preview(f, &p);
		import_plan_free(&p);
		return ird_fail(e, IRD_EUSAGE, _("this is what would be imported: confirm again to import it"));
	}
	ui_changed(app);
	ui_message(app, _("%zu indicator(s) imported, %zu not expressible"), p.n - p.nrefused,
	           p.nrefused);
	import_plan_free(&p);
	return IRD_OK;
}

void
cs_import_form(ui_app *app, ui_view *v, int key)
{
	ui_field fl[IM_N];
	intake in = { v->data, "" };
	ui_form f;
	char title[400];

	(void)key;
	memset(fl, 0, sizeof(fl));
	memset(&f, 0, sizeof(f));
	fl[IM_FILE].label = _("file");
	fl[IM_FILE].kind = UI_F_TEXT;
	fl[IM_FILE].required = 1;
	snprintf(title, sizeof(title), _("Import a peer's indicators: %s"),
	         in.cs->c.hid ? in.cs->c.hid : "case");
	f.title = title;
	f.fields = fl;
	f.nfields = IM_N;
	f.submit = submit_import;
	f.arg = &in;
	snprintf(f.info, sizeof(f.info), "%s",
	         _("a STIX 2.1 bundle or a MISP event (JSON) from a peer; confirm shows\n"
	           "what would be added"));
	ui_form_run(app, &f);
}
