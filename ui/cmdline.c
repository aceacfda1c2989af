/* cmdline.c - the `:` command line: a CLI command typed as on the shell
 * (without "irdesk"), split into words like a shell would but never run
 * by one, through the CLI's dispatcher (app->commands) with the UI's
 * session; its output shown. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/ui.h"

void
ui_free_words(int argc, char **argv)
{
	if (!argv)
		return;
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

int
ui_split_words(const char *line, int *argc, char ***argv, const char **why)
{
	size_t len = strlen(line);
	char **v = calloc(len / 2 + 2, sizeof(*v)); /* at most one word per two bytes, +1 */
	char *word = malloc(len + 1);
	int n = 0;
	const char *p = line;

	*argc = 0;
	*argv = NULL;
	*why = NULL;
	if (!v || !word) {
		free(v);
		free(word);
		*why = _("out of memory");
		return -1;
	}
	for (;;) {
		size_t o = 0;
		int in_word = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		while (*p && *p != ' ' && *p != '\t') {
			in_word = 1;
			if (*p == '\'') {
				const char *end = strchr(p + 1, '\'');

				if (!end) {
					*why = _("unclosed single quote");
					goto fail;
				}
				memcpy(word + o, p + 1, (size_t)(end - p - 1));
				o += (size_t)(end - p - 1);
				p = end + 1;
			} else if (*p == '"') {
				p++;
				while (*p && *p != '"') {
					if (*p == '\\' && (p[1] == '"' || p[1] == '\\' || p[1] == '$' ||
					                   p[1] == '`'))
						p++;
					word[o++] = *p++;
				}
				if (*p != '"') {
					*why = _("unclosed double quote");
					goto fail;
				}
				p++;
			} else if (*p == '\\') {
				if (!p[1]) {
					*why = _("a backslash at the end");
					goto fail;
				}
				word[o++] = p[1];
				p += 2;
			} else {
				word[o++] = *p++;
			}
		}
		if (in_word) {
			word[o] = '\0';
			if (!(v[n] = strdup(word))) {
				*why = _("out of memory");
				goto fail;
			}
			n++;
		}
	}
	free(word);
	*argc = n;
	*argv = v;
	return 0;
fail:
	free(word);
	ui_free_words(n, v);
	return -1;
}

int
ui_run_command(ui_app *app, int argc, char **argv, char **out)
{
	FILE *tmp = tmpfile();
	int saved[3] = { -1, -1, -1 }, null_fd = -1, rc = UI_EXIT_FAIL;
	long size;

	*out = NULL;
	if (!tmp)
		return UI_EXIT_FAIL;
	fflush(stdout);
	fflush(stderr);
	/* curses writes to its own FILE on a copy of the terminal: the
	 * command's stdout and stderr go to the file, its stdin is empty. */
	for (int fd = 0; fd < 3; fd++)
		saved[fd] = dup(fd);
	null_fd = open("/dev/null", O_RDONLY);
	if (saved[0] < 0 || saved[1] < 0 || saved[2] < 0 || null_fd < 0)
		goto restore;
	dup2(null_fd, 0);
	dup2(fileno(tmp), 1);
	dup2(fileno(tmp), 2);
	rc = app->commands.run(app->commands.arg, argc, argv);
	fflush(stdout);
	fflush(stderr);
restore:
	for (int fd = 0; fd < 3; fd++)
		if (saved[fd] >= 0) {
			dup2(saved[fd], fd);
			close(saved[fd]);
		}
	if (null_fd >= 0)
		close(null_fd);
	clearerr(stdin);
	if (fseek(tmp, 0, SEEK_END) == 0 && (size = ftell(tmp)) >= 0 &&
	    fseek(tmp, 0, SEEK_SET) == 0 && (*out = malloc((size_t)size + 1))) {
		size_t got = fread(*out, 1, (size_t)size, tmp);

		(*out)[got] = '\0';
	}
	fclose(tmp);
	return rc;
}

/* Lines of TEXT (tabs expanded) for the pager. */
static char **
split_lines(const char *text, int *n)
{
	int cap = 16;
	char **lines = malloc((size_t)cap * sizeof(*lines));
	const char *p = text;

	*n = 0;
	while (lines && *p) {
		size_t len = strcspn(p, "\n"), o = 0;
		char *line = malloc(len * 8 + 1);

		if (!line)
			break;
		for (size_t i = 0; i < len; i++) {
			if (p[i] == '\t') {
				do
					line[o++] = ' ';
				while (o % 8);
			} else {
				line[o++] = p[i];
			}
		}
		line[o] = '\0';
		if (*n == cap) {
			char **more = realloc(lines, (size_t)(cap *= 2) * sizeof(*lines));

			if (!more) {
				free(line);
				break;
			}
			lines = more;
		}
		lines[(*n)++] = line;
		p += len + (p[len] == '\n');
	}
	return lines;
}

/* Wrap each of the N LINES to COLS columns; the old array is freed. */
static char **
wrap_lines(char **lines, int *n, int cols)
{
	int cap = *n + 16, m = 0;
	char **out = malloc((size_t)cap * sizeof(*out));
	char (*parts)[512] = malloc(64 * 512);

	for (int i = 0; out && parts && i < *n; i++) {
		int k = lines[i][0] ? ui_wrap(lines[i], cols, parts, 64) : 0;

		if (k == 0)
			parts[k++][0] = '\0';
		for (int j = 0; j < k; j++) {
			if (m == cap) {
				char **more = realloc(out, (size_t)(cap *= 2) * sizeof(*out));

				if (!more)
					break;
				out = more;
			}
			if (!(out[m] = strdup(parts[j])))
				break;
			m++;
		}
	}
	for (int i = 0; i < *n; i++)
		free(lines[i]);
	free(lines);
	free(parts);
	*n = m;
	return out;
}

void
ui_pager(ui_app *app, const char *title, const char *text)
{
	int n = 0, top = 0;
	char **lines = split_lines(text ? text : "", &n);

	lines = wrap_lines(lines, &n, app->cols - 6);

	for (;;) {
		int h = app->rows - 2, wd = app->cols - 2, shown = h - 3, key;

		ui_paint(app);
		if (!app->too_small) {
			ui_box(stdscr, 0, 1, h, wd, title, UI_FORM);
			for (int i = 0; i < shown && top + i < n; i++)
				ui_text(stdscr, 1 + i, 3, lines[top + i], wd - 4, UI_FORM);
			ui_text(stdscr, h - 2, 3,
			        _("j/k/Space/PgUp/PgDn scroll   q or Esc close"), wd - 4, UI_FORM);
		}
		ui_frame(app);
		key = ui_input(app);
		if (key == UI_EV_REDRAW)
			continue;
		if (key == UI_EV_QUIT || key == 'q' || key == UI_KEY_ESC || key == UI_KEY_ENTER)
			break;
		if ((key == 'j' || key == UI_FN(KEY_DOWN)) && top + shown < n)
			top++;
		else if ((key == 'k' || key == UI_FN(KEY_UP)) && top > 0)
			top--;
		else if (key == ' ' || key == UI_FN(KEY_NPAGE))
			top = top + shown < n ? top + shown : top;
		else if (key == UI_FN(KEY_PPAGE))
			top = top > shown ? top - shown : 0;
	}
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	ui_dirty(app, ui_top(app), UI_REPAINT); /* the screen under the box */
}

void
ui_command_line(ui_app *app, const char *prefill)
{
	char line[2048], **argv = NULL, *out = NULL;
	const char *why;
	int argc = 0, rc;

	if (!ui_prompt(app, ":", prefill, line, sizeof(line), NULL, NULL))
		return;
	if (ui_split_words(line, &argc, &argv, &why) != 0) {
		ui_message(app, ":%s: %s", line, why);
		app->msg_error = 1;
		return;
	}
	if (argc == 0) {
		ui_free_words(argc, argv);
		return;
	}
	if (strcmp(argv[0], "irdesk") == 0) {
		ui_message(app, "%s", _("type the command without \"irdesk\" (e.g. :case list)"));
		app->msg_error = 1;
		ui_free_words(argc, argv);
		return;
	}
	rc = ui_run_command(app, argc, argv, &out);
	ui_changed(app); /* it may have written */
	{
		int lines = 0;
		size_t len = out ? strlen(out) : 0;

		while (len > 0 && out[len - 1] == '\n')
			out[--len] = '\0';
		for (size_t i = 0; i < len; i++)
			lines += out[i] == '\n';
		if (len == 0)
			ui_message(app, rc == UI_EXIT_OK ? _("%s: done") : _("%s: failed"), argv[0]);
		else if (lines == 0 && ui_width(out) < app->cols - 40)
			ui_message(app, "%s", out);
		else
			ui_pager(app, rc == UI_EXIT_OK ? line : _("command failed"), out);
		if (rc != UI_EXIT_OK) {
			if (len == 0 || lines > 0 || ui_width(out) >= app->cols - 40)
				ui_message(app, _("%s: failed (exit %d)"), argv[0], rc);
			app->msg_error = 1;
		}
	}
	free(out);
	ui_free_words(argc, argv);
}
