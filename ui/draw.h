/* draw.h - width-aware drawing of text from the store, and colours by
 * meaning (like htop's colour table): one role table with a colour and a
 * monochrome scheme; monochrome when the terminal has no colours or
 * NO_COLOR is set. Every string from the store goes through here, which
 * goes through the core's sanitiser (base/text.h): escapes appear as
 * \x1b, invalid UTF-8 as U+FFFD, wide characters take two columns and a
 * cut ends on a character boundary with "…". */
#ifndef IRDESK_UI_DRAW_H
#define IRDESK_UI_DRAW_H

#include "ui/ui.h"

/* What a piece of text means; its look comes from the scheme. */
enum ui_role {
	UI_NORMAL,
	UI_TITLEBAR,    /* a view's top line */
	UI_HEADER,      /* column headings */
	UI_SELECTED,    /* the cursor row */
	UI_HINTS,       /* the key hints line */
	UI_STATUS,      /* the status bar */
	UI_MESSAGE,     /* a message in the status bar */
	UI_ERROR,       /* an error (status bar, beside a field) */
	UI_OVERDUE,     /* an overdue deadline */
	UI_SOON,        /* a deadline within the hour */
	UI_SEV_CRITICAL,
	UI_SEV_HIGH,
	UI_SEV_MEDIUM,
	UI_SEV_LOW,
	UI_EXERCISE,    /* EXERCISE marks */
	UI_DIM,         /* closed cases, done steps */
	UI_MODAL,       /* the escalation modal's body */
	UI_MODAL_TITLE, /* its frame and title */
	UI_FORM,        /* a form's box */
	UI_FIELD,       /* an input field */
	UI_FIELD_FOCUS, /* the field being edited */
	UI_TAB,
	UI_TAB_ACTIVE,
	UI_ROLE_COUNT
};

/* Set up colours: the colour scheme if has_colors() and NO_COLOR is not
 * set, else monochrome. Call after initscr/newterm. */
void ui_colors_init(void);

/* 1 when the monochrome scheme is in use. */
int ui_mono(void);

/* The curses attributes of ROLE in the scheme in use. */
attr_t ui_attr(enum ui_role role);

/* The role of a severity word (critical/high/medium/low). */
enum ui_role ui_severity_role(const char *severity);

/* Draw S (from anywhere: sanitised here) at Y,X in exactly COLS columns,
 * padded or cut with "…", in ROLE. Returns COLS. */
int ui_text(WINDOW *w, int y, int x, const char *s, int cols, enum ui_role role);

/* The same, aligned right within COLS. */
int ui_text_right(WINDOW *w, int y, int x, const char *s, int cols, enum ui_role role);

/* T as local date and time in the language's order with the time zone's
 * abbreviation (TZ honoured): "2026-12-01 18:00 JST". */
void ui_time_zone(char *buf, size_t len, int64_t t);

/* Display width of S once sanitised. */
int ui_width(const char *s);

/* MSGID (an N_() string of a table: a heading, a key's help, hints) in
 * the user's language; NULL and "" as they are. */
const char *ui_tr(const char *msgid);

/* A vocabulary word (severity, status, state, channel...) as shown to a
 * person: its translated label when the language has one, else the word
 * itself. The word typed (and stored) never changes. */
const char *ui_word(const char *word);

/* The same for a word whose label depends on its vocabulary (a timer's
 * "pending" is not a step's): the label of "VOCAB:WORD" when the language
 * has one, else ui_word(WORD). */
const char *ui_word_of(const char *vocab, const char *word);

/* Fill COLS columns at Y,X with spaces in ROLE. */
void ui_fill(WINDOW *w, int y, int x, int cols, enum ui_role role);

/* A box of H rows and W columns at Y,X in ROLE, its interior cleared,
 * TITLE (may be NULL) in the top border. */
void ui_box(WINDOW *w, int y, int x, int h, int wd, const char *title, enum ui_role role);

/* A column's WIDTH for times shown by i18n_time: as wide as one is in
 * the language ("2026-12-01 09:30", "2026年12月1日 09:30"). */
#define UI_TIME_COL (-1)

/* Display width of a time as i18n_time shows it (two-digit day and month). */
int ui_time_width(void);

/* A table column for ui_columns_fit. */
typedef struct ui_column {
	const char *heading; /* N_(): shown translated; a fixed column widens to it */
	int width;    /* columns it wants (a fixed column); UI_TIME_COL for times */
	int flex;     /* 1: takes what is left (at least WIDTH) */
	int give_way; /* 0: never hidden; 1 is hidden first, then 2, ... */
	int right;    /* align right */
	int shown;    /* out: columns given, 0 when hidden */
	int x;        /* out: where it starts */
} ui_column;

/* Lay N columns out in TOTAL columns with one space between: each at
 * least as wide as its translated heading, hide the lowest give_way first
 * until the fixed ones fit, then give the flex column the rest. */
void ui_columns_fit(ui_column *c, int n, int total);

/* Draw the headings of the shown columns on row Y, translated. */
void ui_columns_heading(WINDOW *w, int y, const ui_column *c, int n, int total);

/* Draw S in column C on row Y (nothing if hidden). */
void ui_cell(WINDOW *w, int y, const ui_column *c, const char *s, enum ui_role role);

/* A countdown for people: "-1h45m" when overdue, "2h10m", "3d02h". */
void ui_countdown(int64_t due, int64_t now, char *buf, size_t len);

/* Break TEXT into lines of at most COLS display columns at spaces and
 * between wide (Japanese) characters, never before 。、」 and the like; a
 * longer word is cut where the line ends, on a character boundary: up to
 * MAX lines of 512 bytes. Returns how many. */
int ui_wrap(const char *text, int cols, char lines[][512], int max);

#endif
