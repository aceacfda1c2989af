/* fuzz_scenario.c - libFuzzer harness for the scenario parser (irdesk-scenario(5)).
 *
 * The input is a scenario file. Any crash, leak or undefined behaviour is a finding
 * (ASan, UBSan), and so is a refusal without a message, a refusal that leaves a
 * scenario behind, or an accepted scenario whose own copied text does not parse again
 * to the same injects and reference timeline. Built and run by `make fuzz`
 * (tests/fuzz/local.mk), never by `make check`. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Report a property failure and stop, so libFuzzer saves the input. */
static void
finding(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_scenario: %s: %s\n", what, detail ? detail : "");
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	scenario *sc = NULL, *again = NULL;
	ird_err e = { 0 };

	if (scenario_parse((const char *)data, size, "fuzz", &sc, &e) != IRD_OK) {
		if (sc)
			finding("failed parse left a scenario", e.msg);
		if (!e.msg[0])
			finding("refused without a message", NULL);
		return 0;
	}
	if (sc->textlen != size || memcmp(sc->text, data, size) != 0)
		finding("the scenario's text is not its input", NULL);
	if (scenario_parse(sc->text, sc->textlen, "again", &again, &e) != IRD_OK)
		finding("its own text is refused", e.msg);
	if (again->ninjects != sc->ninjects || again->nrefs != sc->nrefs)
		finding("its own text parses to another scenario", NULL);
	scenario_free(again);
	scenario_free(sc);
	return 0;
}
