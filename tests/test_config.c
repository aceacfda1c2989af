/* test_config.c - the configuration file: where it is, what it may say,
 * and errors that name the file and the line. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/conffile.h"

struct fixture {
	char dir[64];
	char path[128];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s/conftest-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/config", f->dir);
	unsetenv("IRDESK_CONFIG");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir); /* mkdtemp's name only */
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static ird_config *
load_ok(const char *path)
{
	ird_config *cfg = NULL;
	ird_err e = { 0 };

	if (config_load(path, &cfg, &e) != IRD_OK)
		fail_msg("config_load: %s", e.msg);
	return cfg;
}

/* Load TEXT expecting an error that contains WANT. */
static void
load_fails(struct fixture *f, const char *text, const char *want)
{
	ird_config *cfg = (ird_config *)1;
	ird_err e = { 0 };

	write_file(f->path, text);
	assert_int_equal(config_load(f->path, &cfg, &e), IRD_EFAIL);
	assert_null(cfg);
	if (!strstr(e.msg, want))
		fail_msg("error \"%s\" lacks \"%s\"", e.msg, want);
}

static void
a_missing_file_gives_the_defaults(void **state)
{
	struct fixture *f = *state;
	ird_config *cfg = load_ok(f->path);

	assert_int_equal(config_found(cfg), 0);
	assert_string_equal(config_path(cfg), f->path);
	assert_null(config_escalation_hook(cfg));
	assert_null(config_escalation_hook_line(cfg));
	assert_null(config_default_playbook(cfg));
	assert_string_equal(config_external_paths(cfg), "proxy,mail,vpn,remote-access,dedicated-lines");
	assert_int_equal(config_hook_timeout(cfg), 30);
	config_free(cfg);
}

static void
every_key_is_read(void **state)
{
	struct fixture *f = *state;
	ird_config *cfg;
	char *const *argv;

	write_file(f->path,
	           "# irdesk configuration\n"
	           "\n"
	           "   # indented comment\n"
	           "escalation-hook = /usr/local/bin/page-oncall --channel #csirt  --urgent\n"
	           "default-playbook=targeted-email\r\n"
	           "\texternal-paths = Proxy, mail ,vpn,dedicated-mail-line\n"
	           "hook-timeout = 45");
	cfg = load_ok(f->path);
	assert_int_equal(config_found(cfg), 1);
	argv = config_escalation_hook(cfg);
	assert_non_null(argv);
	assert_string_equal(argv[0], "/usr/local/bin/page-oncall");
	assert_string_equal(argv[1], "--channel");
	assert_string_equal(argv[2], "#csirt"); /* '#' inside a value is not a comment */
	assert_string_equal(argv[3], "--urgent");
	assert_null(argv[4]);
	assert_string_equal(config_escalation_hook_line(cfg),
	                    "/usr/local/bin/page-oncall --channel #csirt  --urgent");
	assert_string_equal(config_default_playbook(cfg), "targeted-email");
	assert_string_equal(config_external_paths(cfg), "proxy,mail,vpn,dedicated-mail-line");
	assert_int_equal(config_hook_timeout(cfg), 45);
	config_free(cfg);
}

static void
errors_name_the_file_and_line(void **state)
{
	struct fixture *f = *state;
	char want[400];

	snprintf(want, sizeof(want), "%s:3: unknown key \"hook-timout\" (known: escalation-hook, "
	         "default-playbook, external-paths, hook-timeout, exercise-hooks, "
	         "audit-anchor-file, organisation)", f->path);
	load_fails(f, "# x\n\nhook-timout = 5\n", want);
	snprintf(want, sizeof(want), "%s:2: expected \"key = value\"", f->path);
	load_fails(f, "hook-timeout = 5\nescalation-hook /bin/true\n", want);
	snprintf(want, sizeof(want), "%s:4: hook-timeout is already set on line 1", f->path);
	load_fails(f, "hook-timeout = 5\n\n\nhook-timeout = 6\n", want);
}

static void
bad_values_are_refused(void **state)
{
	struct fixture *f = *state;
	char want[400];

	snprintf(want, sizeof(want), "%s:1: escalation-hook: the hook command is empty", f->path);
	load_fails(f, "escalation-hook =   \n", want);
	snprintf(want, sizeof(want), "%s:2: default-playbook: \"Targeted Email\" is not a playbook "
	         "name", f->path);
	load_fails(f, "\ndefault-playbook = Targeted Email\n", want);
	load_fails(f, "external-paths = proxy,,mail\n", ":1: external-paths: empty name");
	load_fails(f, "external-paths = proxy,mail,\n", ":1: external-paths: empty name");
	load_fails(f, "external-paths = proxy, PROXY\n", "\"proxy\" is listed twice");
	load_fails(f, "external-paths = proxy;mail\n", "invalid path name");
	load_fails(f, "external-paths =\n", "the list of paths is empty");
	load_fails(f, "hook-timeout = 0\n", ":1: hook-timeout: \"0\" is not a number of seconds");
	load_fails(f, "organisation = a\tb\n", ":1: organisation: the organisation is 1 to 200");
	load_fails(f, "hook-timeout = 3601\n", "from 1 to 3600");
	load_fails(f, "hook-timeout = 10s\n", "is not a number");
	load_fails(f, "hook-timeout = -5\n", "is not a number");
}

static void
the_file_is_found_by_environment(void **state)
{
	struct fixture *f = *state;
	char *path = NULL, want[400];

	setenv("HOME", "/home/responder", 1);
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(config_default_path(&path, NULL), IRD_OK);
	assert_string_equal(path, "/home/responder/.config/irdesk/config");
	free(path);
	/* A relative XDG_CONFIG_HOME is ignored, as the XDG spec says. */
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	assert_int_equal(config_default_path(&path, NULL), IRD_OK);
	assert_string_equal(path, "/home/responder/.config/irdesk/config");
	free(path);
	setenv("XDG_CONFIG_HOME", f->dir, 1);
	assert_int_equal(config_default_path(&path, NULL), IRD_OK);
	snprintf(want, sizeof(want), "%s/irdesk/config", f->dir);
	assert_string_equal(path, want);
	free(path);
	setenv("IRDESK_CONFIG", f->path, 1);
	assert_int_equal(config_default_path(&path, NULL), IRD_OK);
	assert_string_equal(path, f->path);
	free(path);
	/* config_load(NULL) reads that file. */
	write_file(f->path, "hook-timeout = 7\n");
	{
		ird_config *cfg = load_ok(NULL);

		assert_int_equal(config_hook_timeout(cfg), 7);
		config_free(cfg);
	}
	unsetenv("IRDESK_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
}

static void
unsafe_or_unreadable_files_are_refused(void **state)
{
	struct fixture *f = *state;
	ird_config *cfg = NULL;
	ird_err e = { 0 };

	write_file(f->path, "escalation-hook = /bin/true\n");
	assert_int_equal(chmod(f->path, 0666), 0);
	assert_int_equal(config_load(f->path, &cfg, &e), IRD_EFAIL);
	assert_non_null(strstr(e.msg, "writable by anyone"));
	assert_int_equal(chmod(f->path, 0644), 0);
	cfg = load_ok(f->path);
	config_free(cfg);
	assert_int_equal(config_load(f->dir, &cfg, &e), IRD_EFAIL);
	assert_non_null(strstr(e.msg, f->dir));
}

/* Format CFG, load the text again, and check that it formats the same. */
static char *
round_trip(struct fixture *f, ird_config *cfg, ird_config **again)
{
	char *text = config_format(cfg), *text2;

	assert_non_null(text);
	write_file(f->path, text);
	*again = load_ok(f->path);
	assert_non_null(text2 = config_format(*again));
	assert_string_equal(text, text2);
	free(text2);
	return text;
}

static void
format_round_trips(void **state)
{
	struct fixture *f = *state;
	ird_config *a, *b;
	char *text;

	write_file(f->path, "escalation-hook = /usr/bin/logger -t irdesk\n"
	                    "external-paths = proxy,mail\nhook-timeout = 9\n");
	a = load_ok(f->path);
	text = round_trip(f, a, &b);
	assert_non_null(strstr(text, "\nescalation-hook = /usr/bin/logger -t irdesk\n"));
	assert_non_null(strstr(text, "\n#default-playbook =\n"));
	assert_non_null(strstr(text, "\nhook-timeout = 9\n"));
	assert_non_null(strstr(text, "\nexternal-paths = proxy,mail\n"));
	assert_string_equal(config_external_paths(b), "proxy,mail");
	assert_int_equal(config_hook_timeout(b), 9);
	free(text);
	config_free(a);
	config_free(b);
	/* Defaults are shown, commented out. */
	write_file(f->path, "");
	a = load_ok(f->path);
	text = round_trip(f, a, &b);
	assert_non_null(strstr(text, "\n#hook-timeout = 30\n"));
	assert_non_null(strstr(text, "\n#external-paths = proxy,mail,vpn,remote-access,"
	                             "dedicated-lines\n"));
	assert_null(config_escalation_hook(b));
	assert_non_null(strstr(text, "\n#exercise-hooks = no\n"));
	assert_int_equal(config_exercise_hooks(b), 0);
	free(text);
	config_free(a);
	config_free(b);
	/* Every key is documented. */
	for (size_t i = 0; config_key_name(i); i++)
		assert_true(strlen(config_key_description(i)) > 20);
	assert_null(config_key_name(7));
}

static void
the_organisation_names_exports(void **state)
{
	struct fixture *f = *state;
	ird_config *cfg;

	write_file(f->path, "organisation = 日本年金機構 CSIRT\n");
	cfg = load_ok(f->path);
	assert_string_equal(config_organisation(cfg), "日本年金機構 CSIRT");
	config_free(cfg);
	write_file(f->path, "");
	cfg = load_ok(f->path);
	assert_string_equal(config_organisation(cfg), "irdesk");
	config_free(cfg);
}

static void
path_lists_are_normalised(void **state)
{
	char *out = NULL;
	ird_err e = { 0 };

	(void)state;
	assert_int_equal(config_parse_paths(" VPN , remote-access,mail.line_2 ", &out, &e), IRD_OK);
	assert_string_equal(out, "vpn,remote-access,mail.line_2");
	free(out);
	assert_int_equal(config_parse_paths("", &out, &e), IRD_EUSAGE);
	assert_null(out);
	assert_int_equal(config_parse_paths(NULL, &out, &e), IRD_EUSAGE);
	assert_int_equal(config_parse_paths(",", &out, &e), IRD_EUSAGE);
	assert_int_equal(config_parse_paths("a b", &out, &e), IRD_EUSAGE);
	assert_int_equal(config_parse_paths("メール", &out, &e), IRD_EUSAGE);
	assert_int_equal(config_parse_paths("mail,vpn,mail", &out, &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "\"mail\" is listed twice"));
	assert_int_equal(config_parse_paths("x2345678901234567890123456789012345678901234567890"
	                                    "123456789012345", &out, &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "longer than 64"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_missing_file_gives_the_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(every_key_is_read, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_name_the_file_and_line, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_values_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(the_file_is_found_by_environment, setup, teardown),
		cmocka_unit_test_setup_teardown(unsafe_or_unreadable_files_are_refused, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(format_round_trips, setup, teardown),
		cmocka_unit_test_setup_teardown(path_lists_are_normalised, setup, teardown),
		cmocka_unit_test_setup_teardown(the_organisation_names_exports, setup, teardown),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
