/* cli_audit.h - the heads and keys `irdesk check` is given to trust. */
#ifndef IRDESK_CLI_AUDIT_H
#define IRDESK_CLI_AUDIT_H

#include "cli/cli.h"
#include "store/audit.h"

/* Heads and keys collected from check's options; free with cli_trust_free. */
typedef struct cli_trust {
	audit_trust t;
	audit_anchor *heads;
	char (*keys)[SIGN_PUB_HEX_LEN];
} cli_trust;

/* Add --head SEQ:HASH, --heads FILE (one head a line; '#' comments) or
 * --key FILE (a public key, PEM or hex) for CMD; errors printed. */
int cli_trust_head(const cli_command *cmd, cli_trust *tr, const char *value);
int cli_trust_heads_file(const cli_command *cmd, cli_trust *tr, const char *path);
int cli_trust_key(const cli_command *cmd, cli_trust *tr, const char *path);
void cli_trust_free(cli_trust *tr);

#endif
