# tests/cli/ja.mk - the command line in Japanese (issue 12).
CLI_TESTS += tests/cli/ja.sh
