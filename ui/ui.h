/* ui.h - the terminal UI's frame: the app state, a stack of views, one
 * input function, live refresh and the escalation modal.
 *
 * How it fits together (read this before writing a view):
 * - A view fills one ui_view_ops table (like tig's view_ops): open,
 *   recalc (re-query: the only place a view touches the store), draw
 *   (paint from what recalc kept: never a query), a key table, a
 *   fallback key function and close. Adding a view fills a table.
 * - Each view has NeoMutt-style dirty flags: UI_RECALC (the data may
 *   have changed: recalc, then draw) and UI_REPAINT (draw only). A key
 *   that only moves the cursor sets UI_REPAINT; nothing is re-queried.
 * - The main loop: recalc the top view if UI_RECALC, draw it if dirty,
 *   then ui_input() for the next key, then dispatch it through the top
 *   view's key table (then the global keys: ? help, : command line,
 *   Ctrl-L redraw). The same key table generates the `?` help.
 * - ui_input() is the ONLY way to read a key (forms, prompts, the modal
 *   all use it): it waits with a timeout, and on each wake-up polls the
 *   store's data_version (another process wrote) and the next deadline
 *   (a timer became overdue), marks views UI_RECALC, and runs the
 *   escalation modal when a timer in scope is overdue. It turns
 *   KEY_RESIZE and SIGTERM/SIGINT (only flags in the handlers) into
 *   events. A caller that gets UI_EV_REDRAW paints itself again.
 * - Writes go through actions (or cli_dispatch for the `:` line); after
 *   one commits, call ui_changed(): data_version does not move for the
 *   connection's own commits.
 * - Everything from the store is drawn through ui/draw.h (sanitised,
 *   width-aware); colours come from the role table there. */
#ifndef IRDESK_UI_H
#define IRDESK_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <signal.h>
#include <stdint.h>

#include "actions/session.h"
#include "store/ctx.h"

#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24
#define UI_STACK_MAX 8

/* Keys as ui_input returns them: a character is its code point; a
 * function key is UI_FN(KEY_UP) etc., so the two never collide. */
#define UI_FN(k) (0x200000 + (k))
#define UI_CTRL(c) ((c) & 0x1f)
#define UI_KEY_ESC 27
#define UI_KEY_ENTER '\r'     /* Enter: '\r', '\n' and KEY_ENTER all arrive as this */
#define UI_KEY_TAB '\t'
#define UI_KEY_BACKSPACE 127  /* Backspace: KEY_BACKSPACE, ^H and DEL arrive as this */

/* Events ui_input returns instead of a key (all negative). */
#define UI_EV_REDRAW (-2) /* paint again: resize, data changed, modal closed */
#define UI_EV_QUIT (-3)   /* SIGTERM or SIGINT: leave now (ui_app.quit is set) */

/* Dirty flags of a view. */
enum { UI_REPAINT = 1, UI_RECALC = 2 };

/* Rows the frame keeps for itself: line 0 the view's title bar (drawn
 * by the view), the last two the key hints and the status bar. A view
 * draws rows UI_BODY_TOP .. app->rows - 3. */
#define UI_BODY_TOP 1
#define UI_BODY_ROWS(app) ((app)->rows - 3)

typedef struct ui_app ui_app;
typedef struct ui_view ui_view;

/* A key handler: KEY is the key pressed. */
typedef void (*ui_handler)(ui_app *app, ui_view *v, int key);

/* One row of a key table: it both dispatches and generates `?` help.
 * Tables end with a row whose FN is NULL. Several keys may share one
 * help line: give the later ones HELP NULL (they are listed with the
 * name of the first). */
typedef struct ui_key {
	int key;           /* code point or UI_FN(KEY_...) */
	const char *name;  /* as shown in help: "j", "Down", "Enter" */
	const char *help;  /* what it does; NULL: an alias of the row above */
	ui_handler fn;
} ui_key;

typedef struct ui_view_ops {
	const char *name;  /* "dashboard", "case" */
	/* Set up V (V->data) for ARG; IRD_OK or an error in E. */
	int (*open)(ui_app *app, ui_view *v, void *arg, ird_err *e);
	/* Re-query what draw shows. Called when UI_RECALC is set. */
	int (*recalc)(ui_app *app, ui_view *v, ird_err *e);
	/* Paint the whole screen but the last two rows; no queries. */
	void (*draw)(ui_app *app, ui_view *v);
	const ui_key *keys;
	/* Keys not in the table (may be NULL): return 1 if handled. */
	int (*key)(ui_app *app, ui_view *v, int key);
	/* One line of key hints for the row above the status bar (may be NULL). */
	const char *hints;
	/* Free V->data (may be NULL). */
	void (*close)(ui_app *app, ui_view *v);
	/* The passing of time (may be NULL): asked of the top view at each
	 * poll (about once a second); returns the dirty flags it calls for
	 * (0: nothing to do). For a clock that runs on screen. */
	unsigned (*tick)(ui_app *app, ui_view *v);
} ui_view_ops;

struct ui_view {
	const ui_view_ops *ops;
	void *data;        /* the view's own state */
	unsigned dirty;    /* UI_RECALC | UI_REPAINT */
	int64_t case_id;   /* the case on screen: the modal's scope; 0 = every open case */
};

/* Exit statuses, as the CLI's. */
enum { UI_EXIT_OK = 0, UI_EXIT_FAIL = 1, UI_EXIT_USAGE = 2 };

/* How the `:` line runs a command: the front-end above (main.c) passes
 * the CLI's dispatcher, sharing the UI's session, so ui/ and cli/ stay
 * apart. RUN returns an exit status; it writes to stdout and stderr. */
typedef struct ui_commands {
	int (*run)(void *arg, int argc, char **argv);
	void *arg;
} ui_commands;

struct ui_app {
	ird_ctx *ctx;        /* store, actor, clock (the session fills it) */
	session *session;    /* the same session the `:` line's commands use */
	ui_commands commands;
	int rows, cols;      /* screen size */
	int too_small;       /* below UI_MIN_COLS x UI_MIN_ROWS */
	ui_view *stack[UI_STACK_MAX];
	int depth;
	char msg[512];       /* the status bar's last message (already sanitised) */
	int msg_error;       /* 1: msg is an error */
	volatile sig_atomic_t *signalled; /* set by SIGTERM/SIGINT */
	int quit;            /* leave the main loop */
	int64_t data_version;/* the store's PRAGMA data_version when last seen */
	int64_t next_due;    /* the next deadline in scope (0: none): wake then */
	int64_t clock_case;  /* the case whose clock the ctx is on (0: the real clock) */
	int exercise;        /* 1: that case is an exercise: the ctx is on its story time */
	int busy_waiting;    /* a write is waiting for another program's lock */
	int busy_quiet;      /* a background write (an inject): gives up at once when busy */
	int busy_gave_up;    /* the last wait was given up with Esc */
	int busy_msg;        /* the status bar's message is the wait's: cleared after it */
	int in_modal;        /* the escalation modal is up */
	int modal_check;     /* 1: look for overdue timers at the next wake-up */
	/* Drawn by ui_paint over the view (the modal sets it, so that it stays
	 * in sight under the forms it opens); NULL for none. */
	void (*overlay)(ui_app *app, void *arg);
	void *overlay_arg;
	int frame_fd;        /* IRDESK_UI_FRAME_FD: "frame N VIEW\n" after each frame; -1 off */
	unsigned long frames;
	SCREEN *screen;
	FILE *tty_in, *tty_out;
};

/* The terminal UI over session S (which fills CTX); COMMANDS runs the
 * `:` line. main.c calls it when no command is given and stdin and
 * stdout are a terminal (else UI_EXIT_USAGE). Returns an exit status;
 * the terminal is restored on every path. */
int ui_run(ird_ctx *ctx, session *s, const ui_commands *commands);

/* The next key (code point or UI_FN(...)) or UI_EV_REDRAW / UI_EV_QUIT.
 * Waits at most until the next poll (1 s) or deadline; meanwhile polls
 * for changes and runs the escalation modal. Every loop reads keys here. */
int ui_input(ui_app *app);

/* Open a view of OPS for ARG on top of the stack; IRD_OK, or the error
 * shown in the status bar. */
int ui_push(ui_app *app, const ui_view_ops *ops, void *arg);

/* Close the top view (the last one closing ends the UI). */
void ui_pop(ui_app *app);

/* The view on top, or NULL. */
ui_view *ui_top(ui_app *app);

/* Mark V (NULL: every view) dirty with FLAGS. */
void ui_dirty(ui_app *app, ui_view *v, unsigned flags);

/* Put the ctx on the clock of the case in scope (the top view's): an
 * exercise case's story time at this moment (its due injects released
 * first), else the real (or --now) clock. ui_input and ui_paint call it,
 * so that counts, countdowns, recorded times and the modal follow it. */
void ui_sync_clock(ui_app *app);

/* Our own write committed: every view re-queries, the modal re-checks. */
void ui_changed(ui_app *app);

/* Set the status bar's message (printf-like; sanitised). */
void ui_message(ui_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Show E as an error in the status bar ("store busy" reads as such). */
void ui_error(ui_app *app, const ird_err *e);

/* Paint the screen as it is now (the top view, recalculated if marked,
 * the hints and the status bar) without updating the terminal: forms and
 * the modal call this, then draw themselves over it, then ui_frame(). */
void ui_paint(ui_app *app);

/* Update the terminal and count the frame (marking it for benchmarks). */
void ui_frame(ui_app *app);

/* Show the keys of V (its table and the global keys) until a key. */
void ui_help(ui_app *app, ui_view *v);

/* The `:` command line: read a CLI command, run it, show its output.
 * PREFILL may be NULL. */
void ui_command_line(ui_app *app, const char *prefill);

/* Run ARGV (a CLI command without "irdesk") through app->commands with
 * the UI's session; its stdout and stderr in *OUT (malloc'd). Returns
 * the exit status. */
int ui_run_command(ui_app *app, int argc, char **argv, char **out);

/* Show TEXT (lines; from anywhere: sanitised) in a scrolling box until
 * q, Esc or Enter. */
void ui_pager(ui_app *app, const char *title, const char *text);

/* Split LINE into words as a shell would (single and double quotes,
 * backslashes; no expansion). *ARGV malloc'd with its strings, ended by
 * NULL; free with ui_free_words. -1 and *WHY on an unclosed quote. */
int ui_split_words(const char *line, int *argc, char ***argv, const char **why);
void ui_free_words(int argc, char **argv);

/* The escalation modal: if a timer in the top view's scope is overdue,
 * hold the screen until each is notified or overridden. Returns 1 if it
 * was shown (the caller repaints). ui_input calls it; so may a view. */
int ui_modal_run(ui_app *app);

/* The dashboard view and the case screen (ui/dashboard.c, ui/case*.c). */
extern const ui_view_ops ui_dashboard_view;
extern const ui_view_ops ui_case_view; /* ARG: a const int64_t * case id */

/* Open the case screen for CASE_ID (the row id). */
int ui_open_case(ui_app *app, int64_t case_id);

/* Draw the case header (id, title, severity, status, TLP, age, overdue
 * count) on rows Y and Y+1 from the case row and overdue count the
 * caller read. */
struct case_row;
void ui_case_header(ui_app *app, int y, const struct case_row *c, int64_t overdue);

/* The new-case form; opens the case on success. */
void ui_new_case(ui_app *app);

#endif
