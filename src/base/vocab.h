/* vocab.h - fixed vocabularies (severities, states, kinds, channels...):
 * check a value against one and name the valid words when it is wrong. */
#ifndef IRDESK_VOCAB_H
#define IRDESK_VOCAB_H

#include "base/err.h"

/* Index of S in the NULL-terminated WORDS, or -1. */
int vocab_index(const char *const *words, const char *s);

/* IRD_OK if S is one of WORDS; else IRD_EUSAGE with
 * 'invalid WHAT "S" (expected one of: a, b, c)'. */
int vocab_check(const char *const *words, const char *what, const char *s, ird_err *e);

#endif
