/* fuzz_ioc_normalize.c - libFuzzer harness for the indicator normaliser.
 *
 * The first byte picks the indicator type, the rest (up to a NUL) is the value. Any
 * crash, leak or undefined behaviour is a finding (ASan, UBSan), and so is a normal form
 * that is not a fixed point: normalising it again, as the type it came out as, must give
 * the same normal form, type, host, registrable domain and display form; the display form
 * must normalise to the same normal form, and the host, as a domain, to itself. Built and run
 * by `make fuzz` (tests/fuzz/local.mk), never by `make check`. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ioc_normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ioc_normalizer *norm;

static int
same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Report a property failure and stop, so libFuzzer saves the input. */
static void
finding(ioc_type type, const char *raw, const ioc_norm *a, const char *what)
{
	fprintf(stderr, "fuzz_ioc_normalize: %s: %s '%s' -> %s '%s'\n", what, ioc_type_name(type),
	        raw, ioc_type_name(a->type), a->normal);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ioc_type type, guess;
	ioc_norm a, b;
	ird_err e;
	char *s;

	if (size < 1)
		return 0;
	if (!norm && ioc_normalizer_new(&norm, NULL) != IRD_OK)
		abort();
	type = (ioc_type)(data[0] % IOC_TYPE_COUNT);
	if (!(s = malloc(size)))
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	if (ioc_normalize(norm, type, s, &a, &e) == IRD_OK) {
		if (!a.normal || !a.display)
			finding(type, s, &a, "no normal or display form");
		if (ioc_normalize(norm, a.type, a.normal, &b, &e) != IRD_OK) {
			fprintf(stderr, "fuzz_ioc_normalize: the normal form is refused: %s\n", e.msg);
			finding(type, s, &a, "not a fixed point");
		}
		if (b.type != a.type || !same(a.normal, b.normal) || !same(a.host, b.host) ||
		    !same(a.registrable, b.registrable) || !same(a.display, b.display))
			finding(type, s, &a, "not a fixed point");
		ioc_norm_free(&b);
		/* The display form stands for the same indicator. */
		if (ioc_normalize(norm, a.type, a.display, &b, &e) != IRD_OK ||
		    !same(a.normal, b.normal))
			finding(type, s, &a, "the display form is another indicator");
		ioc_norm_free(&b);
		/* The host is a host: as a domain (or an IP) it is itself. */
		if (a.host && (ioc_normalize(norm, IOC_DOMAIN, a.host, &b, &e) != IRD_OK ||
		               !same(b.normal, a.host) || !same(b.registrable, a.registrable)))
			finding(type, s, &a, "the host is not a domain of its own");
		if (a.host)
			ioc_norm_free(&b);
		ioc_norm_free(&a);
	}
	(void)ioc_guess_type(s, &guess);
	free(ioc_registrable_of(norm, s));
	free(s);
	return 0;
}
