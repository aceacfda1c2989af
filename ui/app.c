/* app.c - the terminal, the view stack, the one input function with live
 * refresh, the main loop, help, status bar and messages. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "actions/exercise.h"
#include "base/i18n.h"
#include "base/text.h"
#include "engine/exercise_clock.h"
#include "queries/dashboard.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/ui.h"

#define POLL_MS 1000       /* look for other processes' writes this often */
#define UI_BUSY_MS 10000   /* a write waits this long for a lock, the screen alive */
#define UI_BUSY_STEP_MS 100 /* between tries: redraw the status bar, take a key */
#define UI_CACHE_KB 16384  /* SQLite's page cache for the UI's connection */

static volatile sig_atomic_t got_signal;

/* How long a write waits for another program's lock: IRDESK_BUSY_TIMEOUT_MS
 * when set (as for the CLI), else UI_BUSY_MS. */
static int
busy_limit_ms(void)
{
	const char *v = getenv("IRDESK_BUSY_TIMEOUT_MS");
	char *end;
	long ms;

	if (!v || !*v)
		return UI_BUSY_MS;
	ms = strtol(v, &end, 10);
	return *end || ms < 0 || ms > 3600000 ? UI_BUSY_MS : (int)ms;
}

static void
on_signal(int sig)
{
	got_signal = sig;
}

ui_view *
ui_top(ui_app *app)
{
	return app->depth > 0 ? app->stack[app->depth - 1] : NULL;
}

void
ui_dirty(ui_app *app, ui_view *v, unsigned flags)
{
	if (v) {
		v->dirty |= flags;
		return;
	}
	for (int i = 0; i < app->depth; i++)
		app->stack[i]->dirty |= flags;
}

void
ui_changed(ui_app *app)
{
	ui_dirty(app, NULL, UI_RECALC);
	app->modal_check = 1;
}

void
ui_message(ui_app *app, const char *fmt, ...)
{
	char raw[sizeof(app->msg)], *clean;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	raw[text_boundary(raw, strlen(raw))] = '\0'; /* a cut never splits a character */
	clean = text_sanitize(raw);
	text_snprintf(app->msg, sizeof(app->msg), "%s", clean ? clean : "");
	free(clean);
	app->msg_error = 0;
	app->busy_msg = 0;
	ui_dirty(app, ui_top(app), UI_REPAINT);
}

void
ui_error(ui_app *app, const ird_err *e)
{
	if (e->code == IRD_EBUSY && app->busy_gave_up)
		ui_message(app, "%s", _("gave up waiting for the store: nothing written"));
	else if (e->code == IRD_EBUSY)
		ui_message(app, _("store locked by another program for %d s: nothing written, "
		                  "try again"), busy_limit_ms() / 1000);
	else
		ui_message(app, "%s", e->msg[0] ? e->msg : _("failed"));
	app->msg_error = 1;
}

int
ui_push(ui_app *app, const ui_view_ops *ops, void *arg)
{
	ird_err e = { 0 };
	ui_view *v;

	if (app->depth >= UI_STACK_MAX) {
		ui_message(app, "%s", _("too many screens open"));
		return IRD_EFAIL;
	}
	if (!(v = calloc(1, sizeof(*v)))) {
		ui_message(app, "%s", _("out of memory"));
		return IRD_EFAIL;
	}
	v->ops = ops;
	v->dirty = UI_RECALC | UI_REPAINT;
	if (ops->open && ops->open(app, v, arg, &e) != IRD_OK) {
		ui_error(app, &e);
		free(v);
		return e.code ? e.code : IRD_EFAIL;
	}
	app->stack[app->depth++] = v;
	app->modal_check = 1; /* the scope changed */
	app->next_due = -1;   /* recompute for the new scope */
	return IRD_OK;
}

void
ui_pop(ui_app *app)
{
	ui_view *v;

	if (app->depth == 0)
		return;
	v = app->stack[--app->depth];
	if (v->ops->close)
		v->ops->close(app, v);
	free(v);
	if (app->depth == 0)
		app->quit = 1;
	else
		ui_dirty(app, ui_top(app), UI_RECALC | UI_REPAINT);
	app->modal_check = 1;
	app->next_due = -1;
}

/* ---- the clock ------------------------------------------------------------ */

/* The modal's scope: the case on screen, or every open case. */
static int64_t
scope_case(ui_app *app)
{
	ui_view *v = ui_top(app);

	return v ? v->case_id : 0;
}

void
ui_sync_clock(ui_app *app)
{
	int64_t scope = scope_case(app);
	const ird_clock *real = session_real_clock(app->session);
	ird_ctx r = *app->ctx;
	ird_err e = { 0 };
	int released = 0, is_exercise = 0;

	/* A real case stays on the real clock: nothing to read again. */
	if (scope == app->clock_case && !app->exercise)
		return;
	session_use_real_clock(app->session);
	app->clock_case = scope;
	app->exercise = 0;
	if (!scope || !app->ctx->store)
		return;
	/* Its due injects arrive (a busy store: next time, without waiting),
	 * then its story time. */
	r.clock = *real;
	app->busy_quiet = 1;
	if (!app->busy_waiting && exercise_tick(&r, scope, &released, &e) == IRD_OK && released > 0)
		ui_changed(app);
	app->busy_quiet = 0;
	if (exercise_clock_for_case(app->ctx, real, scope, &app->ctx->clock, &is_exercise, &e) !=
	    IRD_OK) {
		session_use_real_clock(app->session);
		is_exercise = 0;
	}
	app->exercise = is_exercise;
}

/* ---- painting ------------------------------------------------------------ */

static void
draw_status(ui_app *app)
{
	char left[256], clock[64], right[96];
	int64_t now = clock_now(&app->ctx->clock);
	const char *path = session_db_path(app->session, NULL), *base;
	int lw, rw, y = app->rows - 1;

	path = path ? path : "?";
	base = strrchr(path, '/');
	snprintf(left, sizeof(left), " %s@%s ", app->ctx->actor, base ? base + 1 : path);
	/* The local time (TZ honoured, with its zone), in the language's order. */
	ui_time_zone(clock, sizeof(clock), now);
	if (app->busy_waiting)
		right[0] = '\0'; /* the wait's message needs the room */
	else if (app->exercise)
		/* TRANSLATORS: the status bar's clock on an exercise case: its story time. */
		text_snprintf(right, sizeof(right), _(" EXERCISE time %s "), clock);
	else if (app->ctx->clock.fixed)
		/* TRANSLATORS: the status bar's clock when --now fixes it. */
		text_snprintf(right, sizeof(right), _(" %s (fixed) "), clock);
	else
		text_snprintf(right, sizeof(right), " %s ", clock);
	ui_fill(stdscr, y, 0, app->cols, UI_STATUS);
	lw = ui_width(left);
	if (lw > app->cols / 3)
		lw = app->cols / 3;
	rw = ui_width(right);
	ui_text(stdscr, y, 0, left, lw, UI_STATUS);
	if (rw)
		ui_text(stdscr, y, app->cols - rw, right, rw, app->exercise ? UI_EXERCISE : UI_STATUS);
	if (app->msg[0])
		ui_text(stdscr, y, lw, app->msg, app->cols - lw - rw,
		        app->msg_error ? UI_ERROR : UI_MESSAGE);
}

static void
draw_too_small(ui_app *app)
{
	const char *msg = _("terminal too small (need 80x24)");
	int w = ui_width(msg);

	erase();
	if (app->cols >= w)
		ui_text(stdscr, app->rows / 2, (app->cols - w) / 2, msg, w, UI_NORMAL);
	else
		ui_text(stdscr, 0, 0, msg, app->cols, UI_NORMAL);
}

void
ui_paint(ui_app *app)
{
	ui_view *v = ui_top(app);

	if (app->too_small) {
		draw_too_small(app);
		return;
	}
	erase();
	ui_sync_clock(app);
	if (v) {
		if (v->dirty & UI_RECALC) {
			ird_err e = { 0 };

			v->dirty &= ~(unsigned)UI_RECALC;
			if (v->ops->recalc && v->ops->recalc(app, v, &e) != IRD_OK)
				ui_error(app, &e);
		}
		v->ops->draw(app, v);
		v->dirty = 0;
		ui_fill(stdscr, app->rows - 2, 0, app->cols, UI_HINTS);
		if (v->ops->hints)
			ui_text(stdscr, app->rows - 2, 0, ui_tr(v->ops->hints), app->cols, UI_HINTS);
	}
	draw_status(app);
	if (app->overlay)
		app->overlay(app, app->overlay_arg);
}

void
ui_frame(ui_app *app)
{
	char mark[48];
	int n;

	refresh();
	app->frames++;
	if (app->frame_fd >= 0) {
		ui_view *v = ui_top(app);

		n = snprintf(mark, sizeof(mark), "frame %lu %s%s\n", app->frames,
		             v ? v->ops->name : "-", app->in_modal ? " modal" : "");
		if (write(app->frame_fd, mark, (size_t)n) < 0)
			app->frame_fd = -1;
	}
}

/* ---- input --------------------------------------------------------------- */

static void
update_size(ui_app *app)
{
	getmaxyx(stdscr, app->rows, app->cols);
	app->too_small = app->cols < UI_MIN_COLS || app->rows < UI_MIN_ROWS;
}

/* One wake-up: did another process write, did a deadline pass, did the
 * minute (the countdowns) change? Returns 1 if the screen must change. */
static int
poll_changes(ui_app *app)
{
	ird_err e = { 0 };
	int64_t version = 0, now;
	static int64_t last_minute;
	int changed = 0;

	ui_sync_clock(app); /* an exercise's story time moves on */
	now = clock_now(&app->ctx->clock);

	if (session_data_version(app->session, &version, &e) == IRD_OK &&
	    version != app->data_version) {
		app->data_version = version;
		ui_dirty(app, NULL, UI_RECALC);
		app->modal_check = 1;
		app->next_due = -1;
		changed = 1;
	}
	if (app->next_due > 0 && now > app->next_due) {
		/* A deadline passed: overdue is a matter of time, not data. */
		ui_dirty(app, NULL, UI_RECALC);
		app->modal_check = 1;
		app->next_due = -1;
		changed = 1;
	}
	if (now / 60 != last_minute) {
		last_minute = now / 60;
		ui_dirty(app, ui_top(app), UI_REPAINT);
		changed = 1;
	}
	if (ui_top(app) && ui_top(app)->ops->tick) {
		unsigned flags = ui_top(app)->ops->tick(app, ui_top(app));

		if (flags) {
			ui_dirty(app, ui_top(app), flags);
			changed = 1;
		}
	}
	return changed;
}

/* Milliseconds to wait for a key: until the next poll or just past the
 * next deadline, whichever comes first. */
static int
wait_ms(ui_app *app)
{
	struct timespec ts;
	int64_t now;
	int ms = POLL_MS;

	if (app->next_due < 0) {
		ird_err e = { 0 };

		if (dashboard_next_due(app->ctx, scope_case(app), &app->next_due, &e) != IRD_OK)
			app->next_due = 0;
	}
	if (app->next_due > 0 && !app->ctx->clock.fixed) {
		clock_gettime(CLOCK_REALTIME, &ts);
		now = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
		/* overdue from due_at + 1 s */
		int64_t left = (app->next_due + 1) * 1000 - now + 5;

		if (left < ms)
			ms = left < 0 ? 0 : (int)left;
	}
	return ms;
}

static void draw_status(ui_app *app);
static int normalise_key(int rc, wint_t ch);

/* The store's wait for another program's write lock (the store calls
 * it between tries): the status bar says so and counts, live refresh goes
 * on, a resize redraws, Esc (or a signal) gives up. Nothing is written
 * meanwhile; the screen under the status bar (a form) stays as it is. */
static int
busy_wait(void *arg, int waited_ms)
{
	ui_app *app = arg;
	wint_t ch;
	int rc, keep = 1;

	if (app->busy_quiet || app->busy_waiting || app->quit || !app->screen)
		return 0;
	app->busy_waiting = 1;
	app->busy_gave_up = 0;
	ui_message(app, _("store locked by another program: waiting %d s of %d (Esc gives up)"),
	           waited_ms / 1000, busy_limit_ms() / 1000);
	app->busy_msg = 1;
	if (!app->too_small)
		draw_status(app);
	ui_frame(app);
	timeout(UI_BUSY_STEP_MS);
	rc = get_wch(&ch);
	if (got_signal) {
		keep = 0;
	} else if (rc == ERR) {
		poll_changes(app);
	} else if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
		update_size(app);
		ui_paint(app);
	} else if (normalise_key(rc, ch) == UI_KEY_ESC) {
		app->busy_gave_up = 1;
		keep = 0;
	}
	app->busy_waiting = 0;
	return keep;
}

static int
normalise_key(int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES) {
		switch (ch) {
		case KEY_ENTER: return UI_KEY_ENTER;
		case KEY_BACKSPACE: return UI_KEY_BACKSPACE;
		default: return UI_FN((int)ch);
		}
	}
	if (ch == '\n' || ch == '\r')
		return UI_KEY_ENTER;
	if (ch == 8 || ch == 127)
		return UI_KEY_BACKSPACE;
	return (int)ch;
}

int
ui_input(ui_app *app)
{
	for (;;) {
		wint_t ch;
		int rc;

		if (got_signal) {
			app->quit = 1;
			return UI_EV_QUIT;
		}
		if (app->busy_msg && !app->busy_waiting) {
			/* The wait is over (the write went in, or its error is shown). */
			app->msg[0] = '\0';
			app->busy_msg = 0;
			ui_dirty(app, ui_top(app), UI_REPAINT);
		}
		ui_sync_clock(app);
		if (app->modal_check && !app->in_modal && !app->too_small) {
			app->modal_check = 0;
			if (ui_modal_run(app))
				return UI_EV_REDRAW;
			if (app->quit)
				return UI_EV_QUIT;
		}
		timeout(wait_ms(app));
		rc = get_wch(&ch);
		if (rc == ERR) {
			if (got_signal)
				continue;
			if (poll_changes(app)) {
				if (app->modal_check && !app->in_modal && !app->too_small) {
					app->modal_check = 0;
					ui_modal_run(app);
				}
				return UI_EV_REDRAW;
			}
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			update_size(app);
			ui_dirty(app, NULL, UI_REPAINT);
			if (!app->too_small)
				app->modal_check = 1;
			return UI_EV_REDRAW;
		}
		/* What the key does (a form's write) happens at this moment's time. */
		ui_sync_clock(app);
		return normalise_key(rc, ch);
	}
}

/* ---- keys and help --------------------------------------------------------- */

static void key_help(ui_app *app, ui_view *v, int key) { ui_help(app, v); }
static void key_command(ui_app *app, ui_view *v, int key) { ui_command_line(app, NULL); }

static void
key_redraw(ui_app *app, ui_view *v, int key)
{
	clearok(curscr, TRUE);
	ui_dirty(app, NULL, UI_REPAINT);
}

/* Keys every screen has. */
static const ui_key GLOBAL_KEYS[] = {
	{ '?', "?", N_("show the keys of this screen"), key_help },
	{ ':', ":", N_("command line: any irdesk command, e.g. :notify ID --to ministry"),
	  key_command },
	{ UI_CTRL('l'), "^L", N_("redraw the screen"), key_redraw },
	{ 0, NULL, NULL, NULL },
};

/* Run KEY through V's table, its fallback, then the global keys. */
static int
dispatch(ui_app *app, ui_view *v, int key)
{
	for (const ui_key *k = v->ops->keys; k && k->fn; k++)
		if (k->key == key) {
			k->fn(app, v, key);
			return 1;
		}
	if (v->ops->key && v->ops->key(app, v, key))
		return 1;
	for (const ui_key *k = GLOBAL_KEYS; k->fn; k++)
		if (k->key == key) {
			k->fn(app, v, key);
			return 1;
		}
	return 0;
}

#define HELP_MAX 160
#define HELP_NAMES_W 14 /* the key names' column */

/* Help lines: each key row with a help text, its aliases' names joined,
 * the text translated and wrapped to COLS columns (continuation lines
 * under the text). */
static int
help_lines(const ui_key *keys, char lines[][512], int max, int n, int cols)
{
	for (const ui_key *k = keys; k && k->fn && n < max; k++) {
		char names[48], parts[8][512];
		int np;

		if (!k->help)
			continue;
		snprintf(names, sizeof(names), "%s", k->name);
		for (const ui_key *a = k + 1; a->fn && !a->help; a++) {
			size_t l = strlen(names);

			snprintf(names + l, sizeof(names) - l, " %s", a->name);
		}
		np = ui_wrap(ui_tr(k->help), cols - HELP_NAMES_W - 1, parts, 8);
		/* The key names are ASCII: padding by bytes is padding by columns. */
		for (int i = 0; i < np && n < max; i++)
			text_snprintf(lines[n++], 512, "%-*s %s", HELP_NAMES_W, i ? "" : names,
			              parts[i]);
	}
	return n;
}

void
ui_help(ui_app *app, ui_view *v)
{
	static char lines[HELP_MAX][512];
	int n = 0, top = 0, cols = -1;

	for (;;) {
		int h = app->rows - 2, wd = app->cols - 4, key, shown = h - 3;

		if (wd - 4 != cols) { /* the text wraps to the box */
			cols = wd - 4;
			n = help_lines(v->ops->keys, lines, HELP_MAX, 0, cols);
			n = help_lines(GLOBAL_KEYS, lines, HELP_MAX, n, cols);
			top = 0;
		}
		ui_paint(app);
		if (!app->too_small) {
			char title[128];

			/* TRANSLATORS: the help box's title; %s is the screen's name. */
			text_snprintf(title, sizeof(title), _("Keys: %s (any key closes)"),
			              ui_tr(v->ops->name));
			ui_box(stdscr, 1, 2, h, wd, title, UI_FORM);
			for (int i = 0; i < shown && top + i < n; i++)
				ui_text(stdscr, 2 + i, 4, lines[top + i], wd - 4, UI_FORM);
			if (n > shown) {
				const char *more = _("Space: more");

				ui_text(stdscr, h - 1, 4, more, ui_width(more), UI_FORM);
			}
		}
		ui_frame(app);
		key = ui_input(app);
		if (key == UI_EV_REDRAW)
			continue;
		if (key == ' ' && n > shown && top + shown < n) {
			top += shown;
			continue;
		}
		ui_dirty(app, v, UI_REPAINT); /* the screen under the box */
		return;
	}
}

/* ---- the terminal ------------------------------------------------------------ */

static int
open_terminal(ui_app *app)
{
	int in = -1, out = -1;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return -1;
	in = dup(STDIN_FILENO);
	out = dup(STDOUT_FILENO);
	if (in < 0 || out < 0)
		goto fail;
	fcntl(in, F_SETFD, FD_CLOEXEC);
	fcntl(out, F_SETFD, FD_CLOEXEC);
	app->tty_in = fdopen(in, "r");
	app->tty_out = fdopen(out, "w");
	if (!app->tty_in || !app->tty_out)
		goto fail;
	/* In a UTF-8 locale draw lines with Unicode box characters rather than
	 * the terminal's alternate character set (which screen, tmux and the
	 * Linux console render unreliably under UTF-8). */
	setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	app->screen = newterm(NULL, app->tty_out, app->tty_in);
	if (!app->screen)
		goto fail;
	set_term(app->screen);
	return 0;
fail:
	if (app->tty_in)
		fclose(app->tty_in);
	else if (in >= 0)
		close(in);
	if (app->tty_out)
		fclose(app->tty_out);
	else if (out >= 0)
		close(out);
	app->tty_in = app->tty_out = NULL;
	return -1;
}

static void
close_terminal(ui_app *app)
{
	if (!app->screen)
		return;
	endwin();
	delscreen(app->screen);
	app->screen = NULL;
	fclose(app->tty_in);
	fclose(app->tty_out);
}

static void
set_signals(void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static int
frame_fd_from_env(void)
{
	const char *v = getenv("IRDESK_UI_FRAME_FD");
	char *end;
	long fd;

	if (!v || !*v)
		return -1;
	fd = strtol(v, &end, 10);
	return *end || fd < 0 || fd > 1023 ? -1 : (int)fd;
}

/* Home, End, Delete and the arrows as terminals and multiplexers send
 * them when TERM does not quite match (tmux and screen under an xterm
 * entry, the Linux console): a bare Esc must never stand in for them. */
static void
define_alternate_keys(void)
{
	static const struct { const char *seq; int key; } alt[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END }, { "\033[7~", KEY_HOME },
		{ "\033[8~", KEY_END }, { "\033[H", KEY_HOME }, { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END }, { "\033[3~", KEY_DC },
		{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN }, { "\033[C", KEY_RIGHT },
		{ "\033[D", KEY_LEFT }, { "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
		{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT }, { "\033[Z", KEY_BTAB },
		{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	};

	for (size_t i = 0; i < sizeof(alt) / sizeof(alt[0]); i++)
		if (key_defined(alt[i].seq) <= 0)
			define_key(alt[i].seq, alt[i].key);
}

static void
main_loop(ui_app *app)
{
	while (!app->quit && app->depth > 0) {
		ui_view *v = ui_top(app);
		int key;

		if (app->too_small || v->dirty) {
			ui_paint(app);
			ui_frame(app);
		}
		key = ui_input(app);
		if (key == UI_EV_QUIT)
			break;
		if (key == UI_EV_REDRAW || app->too_small) {
			if (app->too_small && key == 'q')
				break;
			continue;
		}
		v = ui_top(app);
		if (!dispatch(app, v, key))
			ui_message(app, "%s", _("no such key here (? lists the keys)"));
		/* A key may have drawn over the view (help, a form): paint again. */
		if (app->depth > 0)
			ui_dirty(app, ui_top(app), UI_REPAINT);
	}
}

/* Print E as the CLI does and give its exit status. */
static int
fail(const ird_err *e)
{
	fprintf(stderr, "irdesk: %s\n", e->msg[0] ? e->msg : _("failed"));
	return e->code == IRD_EUSAGE ? UI_EXIT_USAGE : UI_EXIT_FAIL;
}

int
ui_run(ird_ctx *ctx, session *s, const ui_commands *commands)
{
	ui_app app = { 0 };
	ird_err e = { 0 };
	int rc = UI_EXIT_OK;

	app.ctx = ctx;
	app.session = s;
	app.commands = *commands;
	app.frame_fd = frame_fd_from_env();
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "irdesk: %s\n", _("the terminal UI needs a terminal (see irdesk --help)"));
		return UI_EXIT_USAGE;
	}
	/* A write that meets a busy store waits with the screen alive (the
	 * status bar says so, Esc gives up) and fails with a message after
	 * UI_BUSY_MS; the open cases' pages stay cached between refreshes. */
	if (session_interactive(app.session, busy_limit_ms(), UI_CACHE_KB, &e) != IRD_OK ||
	    session_busy_wait(app.session, busy_wait, &app, &e) != IRD_OK ||
	    session_data_version(app.session, &app.data_version, &e) != IRD_OK)
		return fail(&e);
	if (open_terminal(&app) != 0) {
		fprintf(stderr, "irdesk: %s\n", _("the terminal UI needs a terminal (give a command to "
		                                  "run without one; see irdesk --help)"));
		return UI_EXIT_FAIL;
	}
	got_signal = 0;
	set_signals(on_signal);
	set_escdelay(25);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	define_alternate_keys();
	curs_set(0);
	ui_colors_init();
	update_size(&app);
	app.modal_check = 1;
	app.next_due = -1;
	if (ui_push(&app, &ui_dashboard_view, NULL) != IRD_OK) {
		rc = UI_EXIT_FAIL;
	} else {
		main_loop(&app);
	}
	while (app.depth > 0)
		ui_pop(&app);
	session_busy_wait(app.session, NULL, NULL, &e);
	close_terminal(&app);
	set_signals(SIG_DFL);
	if (rc != UI_EXIT_OK && app.msg[0])
		fprintf(stderr, "irdesk: %s\n", app.msg);
	if (got_signal == SIGTERM || got_signal == SIGINT || got_signal == SIGHUP)
		rc = 128 + got_signal;
	return rc;
}
