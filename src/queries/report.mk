# report.mk - the reports and exports in the reader's language (issue 12):
# vocabulary labels, and the Japanese report and export tests.
libirdesk_a_SOURCES += src/base/label.c src/base/label.h
CLI_TESTS += tests/cli/report_ja.sh
EXTRA_DIST += tests/cli/report_ja.sh
