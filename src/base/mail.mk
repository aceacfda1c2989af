# src/base/mail.mk - the reported mail (GMime 3) and indicator sharing (STIX 2.1, MISP).
CORE_CFLAGS += $(GMIME_CFLAGS)
CORE_LIBS += $(GMIME_LIBS)

libirdesk_a_SOURCES += \
	src/base/mail.c src/base/mail.h
libirdesk_a_SOURCES += \
	src/actions/act_mail.c src/actions/act_mail.h
irdesk_SOURCES += src/cli/cli_mail.c

check_PROGRAMS += tests/test_mail
tests_test_mail_SOURCES = tests/test_mail.c
tests_test_mail_CFLAGS = $(TEST_CORE_CFLAGS)
tests_test_mail_LDADD = $(TEST_CORE_LDADD)

mail_test_files = \
	tests/data/mail/make.py \
	tests/data/mail/iso2022jp.eml \
	tests/data/mail/sjis.eml \
	tests/data/mail/sjis-attachment.bin \
	tests/data/mail/eucjp.eml \
	tests/data/mail/nested.eml \
	tests/data/mail/nested-attachment.bin \
	tests/data/mail/not-a-mail.eml \
	tests/data/mail/truncated.eml \
	tests/data/mail/many-urls.eml
EXTRA_DIST += $(mail_test_files)

CLI_TESTS += tests/cli/mail.sh
libirdesk_a_SOURCES += src/base/share.c src/base/share.h
libirdesk_a_SOURCES += src/queries/stix.c src/queries/stix.h
libirdesk_a_SOURCES += src/queries/misp.c \
	src/actions/act_import.c src/actions/act_import.h
irdesk_SOURCES += src/cli/cli_share.c
