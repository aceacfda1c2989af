# tests/i18n/core.mk - the core's messages in Japanese (issue 12).
check_PROGRAMS += tests/test_i18n_core
tests_test_i18n_core_SOURCES = tests/test_i18n_core.c tests/testutil.c tests/testutil.h
tests_test_i18n_core_CFLAGS = $(TEST_CORE_CFLAGS)
tests_test_i18n_core_LDADD = $(TEST_CORE_LDADD)
