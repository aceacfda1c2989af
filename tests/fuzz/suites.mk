# tests/fuzz/suites.mk - libFuzzer harnesses for the parsers of files irdesk reads
# (playbooks, the configuration), built and run only by `make fuzz` (clang,
# -fsanitize=fuzzer,address,undefined); never part of `make check` or CI's default run.
#
#   make fuzz                    every harness for FUZZ_SECONDS seconds each (default 60)
#   make fuzz FUZZ_SECONDS=600   longer
#   make fuzz-playbook           one harness
#
# A new harness: its binary rule (sources listed explicitly, as below), a fuzz-NAME run
# rule added to FUZZ_PARSERS, its seed corpus in tests/fuzz/corpus/NAME/ and its files in
# EXTRA_DIST. Every crash or property failure found becomes a regression test (a unit test
# or a fixture in tests/data) with the fix. New inputs go to tests/fuzz/work/NAME in the
# build tree, crashes to tests/fuzz/crash-NAME-*.

FUZZ_SECONDS = 60
PARSER_FUZZ_CC = clang
PARSER_FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined
PARSER_FUZZ_CPPFLAGS = -I$(top_builddir) -I$(top_srcdir)/src -I$(top_builddir)/src
FUZZ_PARSERS = fuzz-playbook fuzz-conffile
# fuzz-NAME: run tests/fuzz/fuzz_NAME over its corpus for FUZZ_SECONDS, with
# tests/fuzz/NAME.dict when there is one.
PARSER_FUZZ_RUN = $(MKDIR_P) tests/fuzz/work/$$name && \
	dict=$(top_srcdir)/tests/fuzz/$$name.dict; test -f $$dict && dict=-dict=$$dict || dict=; \
	tests/fuzz/fuzz_$$name -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$dict \
		-timeout=10 -rss_limit_mb=1024 -artifact_prefix=tests/fuzz/crash-$$name- \
		tests/fuzz/work/$$name $(top_srcdir)/tests/fuzz/corpus/$$name

# ---- the playbook parser ----
FUZZ_PLAYBOOK_SRC = $(top_srcdir)/tests/fuzz/fuzz_playbook.c \
	$(top_srcdir)/src/base/playbook.c $(top_srcdir)/src/base/err.c
tests/fuzz/fuzz_playbook: $(FUZZ_PLAYBOOK_SRC) $(top_srcdir)/src/base/playbook.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && \
	$(PARSER_FUZZ_CC) $(PARSER_FUZZ_CFLAGS) $(PARSER_FUZZ_CPPFLAGS) $(FUZZ_PLAYBOOK_SRC) -o $@
fuzz-playbook: tests/fuzz/fuzz_playbook
	name=playbook; $(PARSER_FUZZ_RUN)

# ---- the configuration reader ----
FUZZ_CONFFILE_SRC = $(top_srcdir)/tests/fuzz/fuzz_conffile.c \
	$(top_srcdir)/src/base/conffile.c $(top_srcdir)/src/base/hook.c \
	$(top_srcdir)/src/base/err.c
tests/fuzz/fuzz_conffile: $(FUZZ_CONFFILE_SRC) $(top_srcdir)/src/base/conffile.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && \
	$(PARSER_FUZZ_CC) $(PARSER_FUZZ_CFLAGS) $(PARSER_FUZZ_CPPFLAGS) $(FUZZ_CONFFILE_SRC) -o $@
fuzz-conffile: tests/fuzz/fuzz_conffile
	name=conffile; $(PARSER_FUZZ_RUN)

fuzz: $(FUZZ_PARSERS)
.PHONY: fuzz $(FUZZ_PARSERS)
CLEANFILES += tests/fuzz/fuzz_playbook tests/fuzz/fuzz_conffile
EXTRA_DIST += tests/fuzz/suites.mk tests/fuzz/fuzz_playbook.c tests/fuzz/fuzz_conffile.c \
	tests/fuzz/playbook.dict \
	tests/fuzz/corpus/conffile/seed-all \
	tests/fuzz/corpus/conffile/seed-bom-crlf \
	tests/fuzz/corpus/conffile/seed-hook \
	tests/fuzz/corpus/conffile/seed-paths \
	tests/fuzz/corpus/conffile/seed-playbook \
	tests/fuzz/corpus/conffile/seed-twice \
	tests/fuzz/corpus/playbook/seed-bad-inline-comment \
	tests/fuzz/corpus/playbook/seed-bad-invalid-utf8 \
	tests/fuzz/corpus/playbook/seed-bad-missing-key \
	tests/fuzz/corpus/playbook/seed-bad-no-playbook \
	tests/fuzz/corpus/playbook/seed-bad-no-sections \
	tests/fuzz/corpus/playbook/seed-bad-nul \
	tests/fuzz/corpus/playbook/seed-bad-per-asset \
	tests/fuzz/corpus/playbook/seed-bad-unknown-trigger \
	tests/fuzz/corpus/playbook/seed-good-crlf \
	tests/fuzz/corpus/playbook/seed-good-escalations-only \
	tests/fuzz/corpus/playbook/seed-lost-device \
	tests/fuzz/corpus/playbook/seed-ransomware \
	tests/fuzz/corpus/playbook/seed-targeted-email
