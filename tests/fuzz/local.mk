# tests/fuzz/local.mk - libFuzzer harnesses, built and run only by `make fuzz` (clang,
# -fsanitize=fuzzer,address,undefined); never part of `make check`.
#
#   make fuzz                  every harness for FUZZ_TIME seconds each
#   make fuzz FUZZ_TIME=600    longer
#   make fuzz-ioc              one harness
#
# A new harness: its binary rule (sources listed explicitly, as below), a fuzz-NAME run
# rule, FUZZ_RUNS += fuzz-NAME, its files in EXTRA_DIST. Every crash or property failure
# found becomes a regression test in the module's unit test. New inputs go to
# tests/fuzz/work/NAME in the build tree, crashes to tests/fuzz/crash-NAME-*.

FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_CPPFLAGS = -I$(top_builddir) -I$(top_srcdir)/src -I$(top_builddir)/src
FUZZ_TIME = 120
FUZZ_RUNS = fuzz-ioc

# ---- the indicator normaliser (with the fixed-point property) ----
FUZZ_IOC_SRC = $(top_srcdir)/tests/fuzz/fuzz_ioc_normalize.c \
	$(top_srcdir)/src/base/ioc_normalize.c $(top_srcdir)/src/base/err.c
tests/fuzz/fuzz_ioc_normalize: $(FUZZ_IOC_SRC) $(top_srcdir)/src/base/ioc_normalize.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && \
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) $(PSL_CFLAGS) $(IDN2_CFLAGS) \
		$(FUZZ_IOC_SRC) $(PSL_LIBS) $(IDN2_LIBS) -o $@
fuzz-ioc: tests/fuzz/fuzz_ioc_normalize
	$(MKDIR_P) tests/fuzz/work/ioc
	tests/fuzz/fuzz_ioc_normalize -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		-dict=$(top_srcdir)/tests/fuzz/ioc.dict -artifact_prefix=tests/fuzz/crash-ioc- \
		tests/fuzz/work/ioc $(top_srcdir)/tests/fuzz/corpus/ioc

fuzz: $(FUZZ_RUNS)
.PHONY: fuzz $(FUZZ_RUNS)
CLEANFILES += tests/fuzz/fuzz_ioc_normalize
EXTRA_DIST += tests/fuzz/local.mk tests/fuzz/fuzz_ioc_normalize.c tests/fuzz/ioc.dict \
	tests/fuzz/corpus/ioc/seed-domain-alabel \
	tests/fuzz/corpus/ioc/seed-domain-halfopen \
	tests/fuzz/corpus/ioc/seed-domain-idn \
	tests/fuzz/corpus/ioc/seed-email-defanged \
	tests/fuzz/corpus/ioc/seed-email-fullwidth \
	tests/fuzz/corpus/ioc/seed-ip-brackets \
	tests/fuzz/corpus/ioc/seed-ip-hex \
	tests/fuzz/corpus/ioc/seed-sha256 \
	tests/fuzz/corpus/ioc/seed-subject \
	tests/fuzz/corpus/ioc/seed-url-backslash \
	tests/fuzz/corpus/ioc/seed-url-defanged \
	tests/fuzz/corpus/ioc/seed-url-fullwidth \
	tests/fuzz/corpus/ioc/seed-url-ipv6 \
	tests/fuzz/corpus/ioc/seed-url-percent-ipv4 \
	tests/fuzz/corpus/ioc/seed-url-spaces
