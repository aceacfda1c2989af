# share.mk - issue 11 (intake and sharing): the normal forms re-made on open.
SCHEMA_FILES += schema/007_renormalize.sql
CLI_TESTS += tests/cli/renormalize.sh
