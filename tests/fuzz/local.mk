# tests/fuzz/local.mk - libFuzzer harnesses, built and run only by `make fuzz` (clang,
# -fsanitize=fuzzer,address,undefined); never part of `make check`.
#
#   make fuzz                    every harness for FUZZ_SECONDS seconds each (default 60)
#   make fuzz FUZZ_SECONDS=600   longer (FUZZ_TIME=600 works too)
#   make fuzz-ioc                one harness (fuzz-playbook, fuzz-conffile)
#
# A new harness: its binary rule (sources listed explicitly, as below), a fuzz-NAME run
# rule, FUZZ_RUNS += fuzz-NAME, its seeds in tests/fuzz/corpus/NAME/, its files in EXTRA_DIST.
# Every crash or property failure found becomes a regression test in the module's unit
# test (or a fixture in tests/data) with the fix. New inputs go to
# tests/fuzz/work/NAME in the build tree, crashes to tests/fuzz/crash-NAME-*.

FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_CPPFLAGS = -I$(top_builddir) -I$(top_srcdir)/src -I$(top_builddir)/src
FUZZ_SECONDS = 60
FUZZ_TIME = $(FUZZ_SECONDS)
FUZZ_RUNS = fuzz-ioc fuzz-playbook fuzz-conffile fuzz-scenario fuzz-mail fuzz-stix

# ---- the indicator normaliser (with the fixed-point property) ----
FUZZ_IOC_SRC = $(top_srcdir)/tests/fuzz/fuzz_ioc_normalize.c \
	$(top_srcdir)/src/base/ioc_normalize.c $(top_srcdir)/src/base/err.c
tests/fuzz/fuzz_ioc_normalize: $(FUZZ_IOC_SRC) $(top_srcdir)/src/base/ioc_normalize.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && \
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) $(PSL_CFLAGS) $(IDN2_CFLAGS) $(ICU_CFLAGS) \
		$(FUZZ_IOC_SRC) $(PSL_LIBS) $(IDN2_LIBS) $(ICU_LIBS) -o $@
fuzz-ioc: tests/fuzz/fuzz_ioc_normalize
	$(MKDIR_P) tests/fuzz/work/ioc
	tests/fuzz/fuzz_ioc_normalize -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		-dict=$(top_srcdir)/tests/fuzz/ioc.dict -artifact_prefix=tests/fuzz/crash-ioc- \
		tests/fuzz/work/ioc $(top_srcdir)/tests/fuzz/corpus/ioc

# ---- the playbook parser (its text parses again to the same playbook) ----
FUZZ_PLAYBOOK_SRC = $(top_srcdir)/tests/fuzz/fuzz_playbook.c \
	$(top_srcdir)/src/base/playbook.c $(top_srcdir)/src/base/linereader.c \
	$(top_srcdir)/src/base/err.c
tests/fuzz/fuzz_playbook: $(FUZZ_PLAYBOOK_SRC) $(top_srcdir)/src/base/playbook.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && \
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) $(FUZZ_PLAYBOOK_SRC) -o $@
fuzz-playbook: tests/fuzz/fuzz_playbook
	$(MKDIR_P) tests/fuzz/work/playbook
	tests/fuzz/fuzz_playbook -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		-dict=$(top_srcdir)/tests/fuzz/playbook.dict -artifact_prefix=tests/fuzz/crash-playbook- \
		tests/fuzz/work/playbook $(top_srcdir)/tests/fuzz/corpus/playbook

# ---- the configuration reader (its formatted text loads again to the same settings) ----
FUZZ_CONFFILE_SRC = $(top_srcdir)/tests/fuzz/fuzz_conffile.c \
	$(top_srcdir)/src/base/conffile.c $(top_srcdir)/src/base/linereader.c \
	$(top_srcdir)/src/base/hook.c $(top_srcdir)/src/base/err.c
tests/fuzz/fuzz_conffile: $(FUZZ_CONFFILE_SRC) $(top_srcdir)/src/base/conffile.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && \
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) $(FUZZ_CONFFILE_SRC) -o $@
fuzz-conffile: tests/fuzz/fuzz_conffile
	$(MKDIR_P) tests/fuzz/work/conffile
	tests/fuzz/fuzz_conffile -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		-artifact_prefix=tests/fuzz/crash-conffile- \
		tests/fuzz/work/conffile $(top_srcdir)/tests/fuzz/corpus/conffile

# ---- the scenario parser (its own text parses again to the same scenario) ----
FUZZ_SCENARIO_SRC = $(top_srcdir)/tests/fuzz/fuzz_scenario.c \
	$(top_srcdir)/src/base/scenario.c $(top_srcdir)/src/base/playbook.c \
	$(top_srcdir)/src/base/linereader.c $(top_srcdir)/src/base/clock.c \
	$(top_srcdir)/src/base/err.c
tests/fuzz/fuzz_scenario: $(FUZZ_SCENARIO_SRC) $(top_srcdir)/src/base/scenario.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && \
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) $(FUZZ_SCENARIO_SRC) -o $@
fuzz-scenario: tests/fuzz/fuzz_scenario
	$(MKDIR_P) tests/fuzz/work/scenario
	tests/fuzz/fuzz_scenario -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		-artifact_prefix=tests/fuzz/crash-scenario- \
		tests/fuzz/work/scenario $(top_srcdir)/tests/fuzz/corpus/scenario

# ---- the reported-mail reader (GMime; every field valid UTF-8) ----
FUZZ_MAIL_SRC = $(top_srcdir)/tests/fuzz/fuzz_mail.c \
	$(top_srcdir)/src/base/mail.c $(top_srcdir)/src/base/text.c $(top_srcdir)/src/base/err.c
tests/fuzz/fuzz_mail: $(FUZZ_MAIL_SRC) $(top_srcdir)/src/base/mail.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && \
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) $(GMIME_CFLAGS) $(CRYPTO_CFLAGS) \
		$(FUZZ_MAIL_SRC) $(GMIME_LIBS) $(CRYPTO_LIBS) -o $@
fuzz-mail: tests/fuzz/fuzz_mail
	$(MKDIR_P) tests/fuzz/work/mail
	tests/fuzz/fuzz_mail -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		-artifact_prefix=tests/fuzz/crash-mail- \
		tests/fuzz/work/mail $(top_srcdir)/tests/fuzz/corpus/mail

# ---- the STIX pattern reader of ioc import ----
FUZZ_STIX_SRC = $(top_srcdir)/tests/fuzz/fuzz_stix_pattern.c \
	$(top_srcdir)/src/base/share.c $(top_srcdir)/src/base/text.c $(top_srcdir)/src/base/err.c
tests/fuzz/fuzz_stix_pattern: $(FUZZ_STIX_SRC) $(top_srcdir)/src/base/share.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && \
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_CPPFLAGS) $(UUID_CFLAGS) $(CRYPTO_CFLAGS) \
		$(FUZZ_STIX_SRC) $(UUID_LIBS) $(CRYPTO_LIBS) -o $@
fuzz-stix: tests/fuzz/fuzz_stix_pattern
	$(MKDIR_P) tests/fuzz/work/stix
	tests/fuzz/fuzz_stix_pattern -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		-artifact_prefix=tests/fuzz/crash-stix- \
		tests/fuzz/work/stix $(top_srcdir)/tests/fuzz/corpus/stix

fuzz: $(FUZZ_RUNS)
.PHONY: fuzz $(FUZZ_RUNS)
CLEANFILES += tests/fuzz/fuzz_ioc_normalize tests/fuzz/fuzz_playbook tests/fuzz/fuzz_conffile \
	tests/fuzz/fuzz_scenario tests/fuzz/fuzz_mail tests/fuzz/fuzz_stix_pattern
EXTRA_DIST += tests/fuzz/local.mk tests/fuzz/fuzz_ioc_normalize.c tests/fuzz/ioc.dict \
	tests/fuzz/fuzz_playbook.c tests/fuzz/playbook.dict tests/fuzz/fuzz_conffile.c \
	tests/fuzz/fuzz_scenario.c tests/fuzz/fuzz_mail.c tests/fuzz/fuzz_stix_pattern.c \
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
	tests/fuzz/corpus/ioc/seed-url-spaces \
	tests/fuzz/corpus/conffile/seed-all \
	tests/fuzz/corpus/conffile/seed-bom-crlf \
	tests/fuzz/corpus/mail/cp932-attachment.eml \
	tests/fuzz/corpus/mail/cp932.eml \
	tests/fuzz/corpus/mail/eucjp.eml \
	tests/fuzz/corpus/mail/iso2022jp.eml \
	tests/fuzz/corpus/mail/nested.eml \
	tests/fuzz/corpus/mail/not-a-mail.eml \
	tests/fuzz/corpus/mail/sjis.eml \
	tests/fuzz/corpus/mail/truncated.eml \
	tests/fuzz/corpus/scenario/bad-asset-state.scenario \
	tests/fuzz/corpus/scenario/bad-expect-deadline.scenario \
	tests/fuzz/corpus/scenario/bad-expect-indicator.scenario \
	tests/fuzz/corpus/scenario/bad-no-start.scenario \
	tests/fuzz/corpus/scenario/bad-offset.scenario \
	tests/fuzz/corpus/scenario/bad-order.scenario \
	tests/fuzz/corpus/scenario/bad-utf8.scenario \
	tests/fuzz/corpus/scenario/jps-2015.scenario \
	tests/fuzz/corpus/scenario/ransomware-night.scenario \
	tests/fuzz/corpus/stix/domain \
	tests/fuzz/corpus/stix/hash \
	tests/fuzz/corpus/stix/ip \
	tests/fuzz/corpus/stix/or \
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
