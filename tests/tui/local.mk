# tests/tui/local.mk - screen tests: irdesk in a detached tmux session
# (skipped with a reason when tmux is missing).
TUI_TESTS = \
	tests/tui/dashboard.sh \
	tests/tui/modal.sh \
	tests/tui/forms.sh \
	tests/tui/terminals.sh
TESTS += $(TUI_TESTS)
EXTRA_DIST += $(TUI_TESTS) tests/tui/lib.sh

# The case screen and its forms (ui/case_*.c).
CASE_TUI_TESTS = \
	tests/tui/case_screen.sh \
	tests/tui/case_forms.sh
TESTS += $(CASE_TUI_TESTS)
EXTRA_DIST += $(CASE_TUI_TESTS) tests/tui/case_bench.py

# The intake keys of the case screen (ui/case_intake.c).
TESTS += tests/tui/case_intake.sh
EXTRA_DIST += tests/tui/case_intake.sh
# The facilitator's screen (ui/exercise_view.c).
TESTS += tests/tui/facilitator.sh
EXTRA_DIST += tests/tui/facilitator.sh
# Behaviour at the edges: exercise clock, step reasons, tabs at 80 columns,
# time zones, a busy store, the demo store.
BEHAVE_TUI_TESTS = tests/tui/behave.sh tests/cli/demo_week.sh
TESTS += $(BEHAVE_TUI_TESTS)
EXTRA_DIST += $(BEHAVE_TUI_TESTS)

# The UI under a Japanese locale (issue 12).
TESTS += tests/tui/ja.sh
EXTRA_DIST += tests/tui/ja.sh

# Exercise cases on the dashboard, on their own clock (queries/dashboard.c).
TESTS += tests/tui/exercise_clock.sh
EXTRA_DIST += tests/tui/exercise_clock.sh
