/* fuzz_playbook.c - libFuzzer harness for the playbook parser (irdesk-playbook(5)).
 *
 * The input is a playbook file. Any crash, leak or undefined behaviour is a finding
 * (ASan, UBSan), and so is a playbook accepted in a form the rest of irdesk cannot
 * use: its text must be the input, every id a valid id, every deadline must format and
 * parse back to itself, `playbook show` must describe it, and its own text must parse
 * again to the same steps and rules. Built and run by `make fuzz` (tests/fuzz/local.mk),
 * never by `make check`. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/playbook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Report a property failure and stop, so libFuzzer saves the input. */
static void
finding(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_playbook: %s: %s\n", what, detail ? detail : "");
	abort();
}

static void
check_deadline(long long s)
{
	char buf[64];
	long long back;

	if (s == -1)
		return;
	if (s < 0 || s > PB_MAX_DEADLINE)
		finding("deadline out of range", NULL);
	if (pb_deadline_format(s, buf, sizeof(buf)) != 0)
		finding("deadline does not format", NULL);
	if (pb_deadline_parse(buf, &back) != 0 || back != s)
		finding("deadline does not read back", buf);
}

static int
same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	playbook *pb = NULL, *again = NULL;
	ird_err e = { 0 };
	char *desc;

	if (playbook_parse((const char *)data, size, "fuzz", &pb, &e) != IRD_OK) {
		if (pb)
			finding("failed parse left a playbook", e.msg);
		if (!e.msg[0])
			finding("failed parse without a message", NULL);
		return 0;
	}
	if (!pb)
		finding("parse succeeded without a playbook", NULL);
	if (pb->textlen != size || memcmp(pb->text, data, size) != 0 || pb->text[size] != '\0')
		finding("text is not the input", NULL);
	if (!pb_valid_id(pb->name))
		finding("invalid name accepted", pb->name);
	for (size_t i = 0; i < pb->nsteps; i++) {
		if (!pb_valid_id(pb->steps[i].id) || !playbook_step(pb, pb->steps[i].id))
			finding("step id", pb->steps[i].id);
		check_deadline(pb->steps[i].deadline_s);
	}
	for (size_t i = 0; i < pb->nrules; i++) {
		if (!pb_valid_id(pb->rules[i].id) || !pb_valid_id(pb->rules[i].role))
			finding("rule id or role", pb->rules[i].id);
		check_deadline(pb->rules[i].deadline_s);
	}
	if (!(desc = playbook_describe(pb)))
		finding("describe failed", pb->name);
	free(desc);
	if (playbook_parse(pb->text, pb->textlen, "fuzz again", &again, &e) != IRD_OK)
		finding("its own text does not parse again", e.msg);
	if (again->nsteps != pb->nsteps || again->nrules != pb->nrules ||
	    !same(again->name, pb->name) || !same(again->title, pb->title) ||
	    !same(again->title_ja, pb->title_ja) ||
	    again->version != pb->version)
		finding("parsing its text again gives another playbook", pb->name);
	for (size_t i = 0; i < pb->nsteps; i++)
		if (!same(again->steps[i].id, pb->steps[i].id) ||
		    again->steps[i].triggers != pb->steps[i].triggers ||
		    again->steps[i].deadline_s != pb->steps[i].deadline_s)
			finding("step differs on the second parse", pb->steps[i].id);
	playbook_free(again);
	playbook_free(pb);
	return 0;
}
