# The engine's step flows and the actions (one function per user action);
# included at the end of Makefile.am.
libirdesk_a_SOURCES += \
	src/records/block_covers.h \
	src/engine/step_rules.h src/engine/step_flow.c \
	src/actions/act_step.c src/actions/act_step.h \
	src/actions/act_notify.c src/actions/act_notify.h \
	src/actions/act_asset.c src/actions/act_asset.h \
	src/actions/act_ioc.c src/actions/act_ioc.h \
	src/actions/escalate.c src/actions/escalate.h

# The layers hold: includes, front-end calls, and the objects' symbols.
CLI_TESTS += tests/layers.sh
