/* vocab.c - checking values against fixed vocabularies. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/vocab.h"

int
vocab_index(const char *const *words, const char *s)
{
	for (int i = 0; s && words[i]; i++)
		if (strcmp(words[i], s) == 0)
			return i;
	return -1;
}

int
vocab_check(const char *const *words, const char *what, const char *s, ird_err *e)
{
	char list[256] = "";
	size_t n = 0;

	if (vocab_index(words, s) >= 0)
		return IRD_OK;
	for (int i = 0; words[i] && n < sizeof(list); i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", i ? ", " : "", words[i]);
	/* The value may be anything a user typed: cut it short in the message. */
	return ird_fail(e, IRD_EUSAGE, _("invalid %s \"%.80s\" (expected one of: %s)"), _(what),
	                s ? s : "", list);
}
