# exercise.mk - scenarios, exercises, reports and exports (included by Makefile.am).
libirdesk_a_SOURCES += \
	src/base/scenario.c src/base/scenario.h \
	src/records/exercise.c src/records/exercise.h \
	src/engine/exercise_clock.c src/engine/exercise_clock.h \
	src/actions/exercise.c src/actions/exercise.h

irdesk_SOURCES += \
	src/cli/cli_exercise.c \
	src/cli/cli_report.c

SCHEMA_FILES += schema/005_exercise.sql

dist_man_MANS += doc/irdesk-scenario.5

scenariodir = $(pkgdatadir)/playbooks/scenarios
dist_scenario_DATA = \
	playbooks/scenarios/jps-2015.scenario \
	playbooks/scenarios/ransomware-night.scenario
libirdesk_a_SOURCES += \
	src/queries/report.c src/queries/report.h \
	src/queries/export.c src/queries/export.h \
	src/queries/facilitator.c src/queries/facilitator.h

check_PROGRAMS += tests/test_scenario
tests_test_scenario_SOURCES = tests/test_scenario.c
tests_test_scenario_CFLAGS = $(TEST_CORE_CFLAGS)
tests_test_scenario_LDADD = $(TEST_CORE_LDADD)

CLI_TESTS += tests/cli/exercise.sh tests/cli/exercise_status.sh
EXTRA_DIST += tests/cli/exercise_team.py \
	tests/data/scenarios/bad-offset.scenario \
	tests/data/scenarios/bad-order.scenario \
	tests/data/scenarios/bad-expect-indicator.scenario \
	tests/data/scenarios/bad-no-start.scenario \
	tests/data/scenarios/bad-utf8.scenario \
	tests/data/scenarios/bad-expect-deadline.scenario \
	tests/data/scenarios/bad-asset-state.scenario
