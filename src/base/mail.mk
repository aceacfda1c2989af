# src/base/mail.mk - the reported mail (GMime 3) and indicator sharing (STIX 2.1, MISP).
CORE_CFLAGS += $(GMIME_CFLAGS)
CORE_LIBS += $(GMIME_LIBS)

libirdesk_a_SOURCES += \
	src/base/mail.c src/base/mail.h
libirdesk_a_SOURCES += \
	src/actions/act_mail.c src/actions/act_mail.h
irdesk_SOURCES += src/cli/cli_mail.c
