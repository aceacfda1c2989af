# src/queries/dashboard.mk - the dashboard queue's indexes (schema/006,
# after 005: migrations are embedded in the order of SCHEMA_FILES) and its
# unit test. Included at the end of Makefile.am.
SCHEMA_FILES += schema/006_dashboard_queue.sql
EXTRA_DIST += src/queries/dashboard.mk

check_PROGRAMS += tests/test_dashboard
tests_test_dashboard_SOURCES = tests/test_dashboard.c tests/testutil.c tests/testutil.h
tests_test_dashboard_CFLAGS = $(TEST_CORE_CFLAGS)
tests_test_dashboard_LDADD = $(TEST_CORE_LDADD)

# The case screen's timeline window (event_page) and its screen test.
check_PROGRAMS += tests/test_timeline
tests_test_timeline_SOURCES = tests/test_timeline.c tests/testutil.c tests/testutil.h
tests_test_timeline_CFLAGS = $(TEST_CORE_CFLAGS)
tests_test_timeline_LDADD = $(TEST_CORE_LDADD)
TESTS += tests/tui/timeline.sh
EXTRA_DIST += tests/tui/timeline.sh
