/* form.h - a form: labelled fields (text, a choice from a vocabulary,
 * yes/no, a time), edited in a box over the current screen, validated
 * field by field with the error shown beside the field; nothing is
 * written until the form is confirmed, and Esc cancels without writing.
 *
 * Keys: Tab/Down next field, Shift-Tab/Up previous, Enter next field (on
 * the last field: confirm), Ctrl-X or F10 confirm from anywhere, Esc
 * cancel. Text: Left/Right, Home/End (^A/^E), Backspace, Delete, ^U
 * clears, ^W deletes a word; wide (Japanese) characters are edited as
 * one character of two columns and the cursor never lands inside one.
 * Choice and yes/no: Space or Left/Right cycle, a letter jumps to the
 * first choice starting with it.
 *
 * The form's loop reads keys through ui_input(), so live refresh and the
 * escalation modal work while it is open (the modal takes the screen,
 * then the form is painted again with what was typed).
 *
 * Use: fill an array of ui_field (label, kind, initial value in value),
 * call ui_form_run with a submit callback that does the write through an
 * action; it is called only on confirm, after every field's check has
 * passed. If it fails, its error is shown (and it may set a field's
 * error) and the form stays open; if it succeeds the form closes. */
#ifndef IRDESK_UI_FORM_H
#define IRDESK_UI_FORM_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "ui/ui.h"

#define UI_FIELD_MAX 1024   /* bytes of a field's UTF-8 value */
#define UI_FIELD_CHARS 512  /* characters a text field holds */

enum ui_field_kind {
	UI_F_TEXT,   /* free text */
	UI_F_CHOICE, /* one of CHOICES */
	UI_F_YESNO,  /* "yes" or "no" */
	UI_F_TIME,   /* ISO-8601 or "YYYY-MM-DD HH:MM" (clock_parse); empty: none */
};

typedef struct ui_field ui_field;

struct ui_field {
	const char *label;          /* N_() (translated when shown) or already translated */
	enum ui_field_kind kind;
	const char *const *choices; /* UI_F_CHOICE: NULL-terminated words (shown by ui_word) */
	int required;               /* an empty value is refused */
	/* Extra check of VALUE (may be NULL): IRD_OK, or fill E. Called as the
	 * field is left and on confirm. */
	int (*check)(const char *value, void *arg, ird_err *e);
	void *check_arg;
	/* Called after each edit (may be NULL): fill NOTE (e.g. an
	 * indicator's normal form) shown under the field. */
	void (*preview)(const char *value, void *arg, char *note, size_t len);
	void *preview_arg;
	char value[UI_FIELD_MAX];   /* in: initial; out: the confirmed value (UTF-8) */
	char error[IRD_ERRLEN];     /* shown beside the field */
	char note[256];             /* shown under the field (preview) */
	int64_t time;               /* out for UI_F_TIME: the parsed time, 0 if empty */
	/* editing state (the form's own) */
	wchar_t buf[UI_FIELD_CHARS + 1];
	int len, cur, scroll;
};

typedef struct ui_form {
	const char *title;          /* N_() (translated when shown) or already translated */
	ui_field *fields;
	int nfields;
	/* The write, on confirm: IRD_OK closes the form; otherwise E is shown
	 * (and a field's error may have been set). */
	int (*submit)(ui_app *app, struct ui_form *f, void *arg, ird_err *e);
	void *arg;
	char error[IRD_ERRLEN + 128]; /* the last submit error */
	int focus;
	/* Lines shown above the fields (may be empty; sanitised when drawn):
	 * what the form will do, why a step cannot be done yet, the normal
	 * form of what is typed. At most UI_FORM_INFO_LINES lines. */
	char info[1024];
	/* Called when the form opens and after each edit (may be NULL): keeps
	 * INFO up to date from every field. */
	void (*changed)(ui_app *app, struct ui_form *f, void *arg);
} ui_form;

#define UI_FORM_INFO_LINES 6

/* Run F until confirmed (submit succeeded: returns 1) or cancelled (Esc,
 * or the program is asked to quit: returns 0, nothing written). */
int ui_form_run(ui_app *app, ui_form *f);

/* The index of CHOICE in the field's choices, or -1. */
int ui_field_choice(const ui_field *fld);

/* Ask QUESTION (translated by the caller; sanitised) with yes/no; 1 only for an explicit "y".
 * For what cannot be taken back without a trace. */
int ui_confirm(ui_app *app, const char *question);

/* A one-line prompt on the bottom row (for `/` and `:`), editing like a
 * text field, through ui_input. ON_EDIT (may be NULL) is called after
 * each change with the text so far (a live filter). Returns 1 on Enter
 * with the text in OUT, 0 on Esc. */
int ui_prompt(ui_app *app, const char *label, const char *initial, char *out, size_t len,
              void (*on_edit)(ui_app *app, const char *text, void *arg), void *arg);

/* Line editing shared by fields and prompts: apply KEY to FLD's buffer.
 * Returns 1 if the text changed, 0 if the key was not an edit. */
int ui_field_edit(ui_field *fld, int key);

/* Load FLD's buffer from its value / store the buffer into its value. */
void ui_field_load(ui_field *fld);
void ui_field_store(ui_field *fld);

/* Draw FLD's editable text at Y,X in COLS columns (scrolled so the cursor
 * shows) and return the cursor's column. */
int ui_field_draw(WINDOW *w, int y, int x, int cols, ui_field *fld, int focus);

#endif
