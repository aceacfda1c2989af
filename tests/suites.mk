# tests/suites.mk - the robustness suites run by `make check`: irdesk
# SIGKILLed while it writes (crash.sh, driven by crashdrive.py) and damaged,
# full and read-only stores (damage.sh); and `make check-valgrind`, the unit
# test programs under valgrind (run by tests/ci.sh). Figures: doc/robustness.md.
CLI_TESTS += tests/cli/crash.sh tests/cli/damage.sh
EXTRA_DIST += tests/cli/crashdrive.py tests/suites.mk doc/robustness.md

# Any valgrind error or definite/indirect leak makes a program exit 99: a failure.
VALGRIND_FLAGS = -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --track-origins=yes \
	--suppressions=$(abs_top_srcdir)/tests/valgrind.supp
check-valgrind: $(check_PROGRAMS)
	@if test -z "$(VALGRIND)"; then echo "check-valgrind: valgrind not found by configure" >&2; exit 1; fi
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(check_PROGRAMS)' \
		LOG_COMPILER='$(VALGRIND) $(VALGRIND_FLAGS)'
.PHONY: check-valgrind
