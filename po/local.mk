# po/local.mk - the translations as the program in the build tree finds
# them, and the test that keeps ja.po complete. (po/Makefile, gettext's own,
# installs them.)

# The build tree's catalogue, where i18n_init looks when irdesk runs
# uninstalled (./irdesk, make check).
noinst_DATA = locale/ja/LC_MESSAGES/irdesk.mo
CLEANFILES += locale/ja/LC_MESSAGES/irdesk.mo

locale/ja/LC_MESSAGES/irdesk.mo: $(srcdir)/po/ja.po
	$(AM_V_GEN)$(MKDIR_P) locale/ja/LC_MESSAGES && \
	$(GMSGFMT) --check -o $@.tmp $(srcdir)/po/ja.po && mv $@.tmp $@

clean-local: clean-locale
clean-locale:
	-rm -rf locale

CLI_TESTS += tests/i18n/catalogue.sh
EXTRA_DIST += tests/i18n/catalogue.sh
AM_TESTS_ENVIRONMENT += \
	XGETTEXT='$(XGETTEXT)'; export XGETTEXT; \
	MSGMERGE='$(MSGMERGE)'; export MSGMERGE; \
	GMSGFMT='$(GMSGFMT)'; export GMSGFMT;

check_PROGRAMS += tests/test_i18n
tests_test_i18n_SOURCES = tests/test_i18n.c
tests_test_i18n_CFLAGS = $(TEST_CORE_CFLAGS)
tests_test_i18n_LDADD = $(TEST_CORE_LDADD)
