# ui/local.mk - the terminal UI (ncursesw) over the actions and queries,
# and the dashboard's read model. Included at the end of Makefile.am.

libirdesk_a_SOURCES += src/queries/dashboard.c src/queries/dashboard.h

noinst_LIBRARIES += libirdesk_ui.a
libirdesk_ui_a_CFLAGS = $(AM_CFLAGS) $(CORE_CFLAGS) $(NCURSESW_CFLAGS)
libirdesk_ui_a_SOURCES = \
	ui/ui.h ui/app.c \
	ui/draw.h ui/draw.c \
	ui/form.h ui/form.c \
	ui/cmdline.c \
	ui/modal.c \
	ui/dashboard.c \
	ui/newcase.c \
	ui/case.h ui/case_view.c ui/case_tabs.c ui/case_forms.c \
	ui/case_intake.c ui/case_intake.h \
	ui/exercise_view.h ui/exercise_view.c

# `make bench` (Makefile.am) runs this after tests/bench, on the same store.
EXTRA_PROGRAMS += tests/bench_ui
tests_bench_ui_SOURCES = tests/bench_ui.c
tests_bench_ui_CFLAGS = $(AM_CFLAGS) $(CORE_CFLAGS)
tests_bench_ui_LDADD = libirdesk.a $(CORE_LIBS) -lutil
CLEANFILES += tests/bench_ui

include $(srcdir)/tests/tui/local.mk

check_PROGRAMS += tests/test_ui
tests_test_ui_SOURCES = tests/test_ui.c
tests_test_ui_CFLAGS = $(TEST_CORE_CFLAGS) $(NCURSESW_CFLAGS)
tests_test_ui_LDADD = libirdesk_ui.a $(TEST_CORE_LDADD) $(NCURSESW_LIBS)
