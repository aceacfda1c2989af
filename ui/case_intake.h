/* case_intake.h - the case screen's intake forms (ui/case_intake.c): a
 * reported mail (mail add) and a peer's STIX bundle or MISP event (ioc
 * import). Each shows what would be recorded (the action's dry run) and
 * writes only when confirmed again; errors stay in the form; Esc writes
 * nothing. Handlers of the case screen's key table. */
#ifndef IRDESK_UI_CASE_INTAKE_H
#define IRDESK_UI_CASE_INTAKE_H

#include "ui/ui.h"

/* M: mail add - an .eml file and, optionally, the recipient's host. */
void cs_mail_form(ui_app *app, ui_view *v, int key);

/* I: ioc import - a STIX 2.1 bundle or a MISP event file. */
void cs_import_form(ui_app *app, ui_view *v, int key);

#endif
