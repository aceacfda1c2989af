/* fuzz_stix_pattern.c - libFuzzer harness for the STIX 2.1 pattern reader that
 * `irdesk ioc import` uses on every indicator of a peer's bundle.
 *
 * The input is a pattern. Any crash, leak or undefined behaviour is a finding (ASan,
 * UBSan), and so is a refusal without a reason, or an accepted pattern giving no
 * comparison, a comparison without a type, or a value that is not valid UTF-8 (it
 * becomes an indicator in the store). Built and run by `make fuzz`, never by
 * `make check`. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/share.h"
#include "base/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
finding(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_stix_pattern: %s: %s\n", what, detail ? detail : "");
	abort();
}

static int
valid_utf8(const char *s)
{
	for (size_t i = 0, n = strlen(s); i < n;) {
		unsigned cp;
		size_t k = text_utf8_decode(s + i, n - i, &cp);

		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	share_cmp *cmps = NULL;
	ird_err e = { 0 };
	size_t n = 0;
	char *pattern = malloc(size + 1);

	if (!pattern)
		return 0;
	memcpy(pattern, data, size);
	pattern[size] = '\0';
	if (share_pattern_parse(pattern, &cmps, &n, &e) != IRD_OK) {
		if (!e.msg[0])
			finding("refused without a reason", NULL);
	} else {
		if (n == 0)
			finding("accepted with no comparison", pattern);
		for (size_t i = 0; i < n; i++) {
			if (!cmps[i].type || !cmps[i].value)
				finding("a comparison without a type or value", pattern);
			if (!valid_utf8(cmps[i].value))
				finding("a value that is not valid UTF-8", pattern);
		}
	}
	share_cmps_free(cmps, n);
	free(pattern);
	return 0;
}
