# tests/cli/suites.mk - the robustness suites run by `make check`: irdesk
# SIGKILLed while it writes (crash.sh, driven by crashdrive.py) and damaged,
# full and read-only stores (damage.sh). Figures: doc/robustness.md.
CLI_TESTS += tests/cli/crash.sh tests/cli/damage.sh
EXTRA_DIST += tests/cli/crashdrive.py
