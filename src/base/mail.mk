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
	tests/data/mail/cp932.eml \
	tests/data/mail/cp932-attachment.eml \
	tests/data/mail/nested.eml \
	tests/data/mail/nested-attachment.bin \
	tests/data/mail/not-a-mail.eml \
	tests/data/mail/truncated.eml \
	tests/data/mail/many-urls.eml
EXTRA_DIST += $(mail_test_files) tests/valgrind.supp

CLI_TESTS += tests/cli/mail.sh
libirdesk_a_SOURCES += src/base/share.c src/base/share.h
libirdesk_a_SOURCES += src/queries/stix.c src/queries/stix.h
libirdesk_a_SOURCES += src/queries/misp.c \
	src/actions/act_import.c src/actions/act_import.h
irdesk_SOURCES += src/cli/cli_share.c

CLI_TESTS += tests/cli/share.sh
EXTRA_DIST += tests/cli/stix_validate.py tests/data/misp/peer-event.json tests/data/stix2/README tests/data/stix2/LICENSE \
	$(stix2_files)

stix2_files = \
	tests/data/stix2/examples/apt1.json \
	tests/data/stix2/examples/indicator-for-c2-ip-address.json \
	tests/data/stix2/examples/indicator-to-campaign-relationship.json \
	tests/data/stix2/examples/indicators-for-C2-with-COA.json \
	tests/data/stix2/examples/infrastructure.json \
	tests/data/stix2/examples/interop-objectmarking-test.json \
	tests/data/stix2/examples/malicious-email-indicator-with-attachment.json \
	tests/data/stix2/examples/poisonivy.json \
	tests/data/stix2/schemas/common/binary.json \
	tests/data/stix2/schemas/common/bundle.json \
	tests/data/stix2/schemas/common/core.json \
	tests/data/stix2/schemas/common/cyber-observable-core.json \
	tests/data/stix2/schemas/common/dictionary.json \
	tests/data/stix2/schemas/common/extension-definition.json \
	tests/data/stix2/schemas/common/extension.json \
	tests/data/stix2/schemas/common/external-reference.json \
	tests/data/stix2/schemas/common/granular-marking.json \
	tests/data/stix2/schemas/common/hashes-type.json \
	tests/data/stix2/schemas/common/hex.json \
	tests/data/stix2/schemas/common/identifier.json \
	tests/data/stix2/schemas/common/kill-chain-phase.json \
	tests/data/stix2/schemas/common/language-content.json \
	tests/data/stix2/schemas/common/marking-definition.json \
	tests/data/stix2/schemas/common/properties.json \
	tests/data/stix2/schemas/common/timestamp.json \
	tests/data/stix2/schemas/common/url-regex.json \
	tests/data/stix2/schemas/observables/artifact.json \
	tests/data/stix2/schemas/observables/autonomous-system.json \
	tests/data/stix2/schemas/observables/directory.json \
	tests/data/stix2/schemas/observables/domain-name.json \
	tests/data/stix2/schemas/observables/email-addr.json \
	tests/data/stix2/schemas/observables/email-message.json \
	tests/data/stix2/schemas/observables/file.json \
	tests/data/stix2/schemas/observables/ipv4-addr.json \
	tests/data/stix2/schemas/observables/ipv6-addr.json \
	tests/data/stix2/schemas/observables/mac-addr.json \
	tests/data/stix2/schemas/observables/mutex.json \
	tests/data/stix2/schemas/observables/network-traffic.json \
	tests/data/stix2/schemas/observables/process.json \
	tests/data/stix2/schemas/observables/software.json \
	tests/data/stix2/schemas/observables/url.json \
	tests/data/stix2/schemas/observables/user-account.json \
	tests/data/stix2/schemas/observables/windows-registry-key.json \
	tests/data/stix2/schemas/observables/x509-certificate.json \
	tests/data/stix2/schemas/sdos/attack-pattern.json \
	tests/data/stix2/schemas/sdos/campaign.json \
	tests/data/stix2/schemas/sdos/course-of-action.json \
	tests/data/stix2/schemas/sdos/grouping.json \
	tests/data/stix2/schemas/sdos/identity.json \
	tests/data/stix2/schemas/sdos/incident.json \
	tests/data/stix2/schemas/sdos/indicator.json \
	tests/data/stix2/schemas/sdos/infrastructure.json \
	tests/data/stix2/schemas/sdos/intrusion-set.json \
	tests/data/stix2/schemas/sdos/location.json \
	tests/data/stix2/schemas/sdos/malware-analysis.json \
	tests/data/stix2/schemas/sdos/malware.json \
	tests/data/stix2/schemas/sdos/note.json \
	tests/data/stix2/schemas/sdos/observed-data.json \
	tests/data/stix2/schemas/sdos/opinion.json \
	tests/data/stix2/schemas/sdos/report.json \
	tests/data/stix2/schemas/sdos/threat-actor.json \
	tests/data/stix2/schemas/sdos/tool.json \
	tests/data/stix2/schemas/sdos/vulnerability.json \
	tests/data/stix2/schemas/sros/relationship.json \
	tests/data/stix2/schemas/sros/sighting.json

check_PROGRAMS += tests/test_share
tests_test_share_SOURCES = tests/test_share.c
tests_test_share_CFLAGS = $(TEST_CORE_CFLAGS)
tests_test_share_LDADD = $(TEST_CORE_LDADD)
