/* test_share.c - STIX ids, TLP markings and STIX patterns (share.c). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/share.h"

/* Python: uuid.uuid5(uuid.UUID(SHARE_NAMESPACE), "indicator|x") */
static void
ids_are_uuid5_of_the_name(void **state)
{
	char id[SHARE_ID_LEN], again[SHARE_ID_LEN], other[SHARE_ID_LEN];

	share_stix_id("indicator", "indicator|x", id);
	assert_string_equal(id, "indicator--03a06427-1cc7-5e63-aeb6-84522d84c8dc");
	share_stix_id("indicator", "indicator|x", again);
	assert_string_equal(id, again);
	share_stix_id("indicator", "indicator|y", other);
	assert_string_not_equal(id, other);
}

static void
tlp_markings_are_the_standard_ones(void **state)
{
	char strict[SHARE_ID_LEN];

	assert_string_equal(share_tlp_marking_id("clear"),
	                    "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9");
	assert_string_equal(share_tlp_marking_name("clear"), "TLP:WHITE");
	assert_string_equal(share_tlp_marking_id("red"),
	                    "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");
	assert_string_equal(share_tlp_marking_id("amber+strict"), share_tlp_marking_id("amber"));
	assert_null(share_tlp_marking_id("purple"));
	/* Back again: each TLP, AMBER+STRICT through its statement. */
	assert_string_equal(share_tlp_of_marking(share_tlp_marking_id("green")), "green");
	share_amber_strict_id(strict);
	assert_string_equal(share_tlp_of_marking(strict), "amber+strict");
	assert_null(share_tlp_of_marking("marking-definition--00000000-0000-0000-0000-000000000000"));
	assert_string_equal(share_tlp_misp_tag("amber+strict"), "tlp:amber+strict");
	assert_string_equal(share_tlp_of_misp_tag("TLP:WHITE"), "clear");
	assert_string_equal(share_tlp_of_misp_tag("tlp:red"), "red");
	assert_null(share_tlp_of_misp_tag("misp:tool=\"x\""));
}

static void
tlp_red_needs_force(void **state)
{
	ird_err e = { 0 };

	assert_int_equal(share_check_export_tlp("red", 0, &e), IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "--force"));
	assert_int_equal(share_check_export_tlp("red", 1, NULL), IRD_OK);
	assert_int_equal(share_check_export_tlp("amber+strict", 0, NULL), IRD_OK);
}

/* A pattern written for a value reads back as that value, quotes and all. */
static void
patterns_round_trip(void **state)
{
	static const char *const rows[][3] = {
		{ "domain", "evil.example.co.jp", "[domain-name:value = 'evil.example.co.jp']" },
		{ "ip", "198.51.100.23", "[ipv4-addr:value = '198.51.100.23']" },
		{ "ip", "2001:db8::1", "[ipv6-addr:value = '2001:db8::1']" },
		{ "sha256", "7cb45e32bd813306380813a05a97ecdffbeb989bca6f98392f9ddfcf389a2277",
		  "[file:hashes.'SHA-256' = '7cb45e32bd813306380813a05a97ecdffbeb989bca6f98392f9ddfcf389a2277']" },
		{ "subject", "it's a \\ test", "[email-message:subject = 'it\\'s a \\\\ test']" },
		{ "filename", "請求書.pdf.exe", "[file:name = '請求書.pdf.exe']" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *p = share_stix_pattern(rows[i][0], rows[i][1]);
		share_cmp *c;
		size_t n;
		ird_err e = { 0 };

		assert_non_null(p);
		assert_string_equal(p, rows[i][2]);
		assert_int_equal(share_pattern_parse(p, &c, &n, &e), IRD_OK);
		assert_int_equal(n, 1);
		assert_string_equal(c[0].type, rows[i][0]);
		assert_string_equal(c[0].value, rows[i][1]);
		share_cmps_free(c, n);
		free(p);
	}
	assert_null(share_stix_pattern("hash", "x"));
}

/* A Message-ID is written as the field has it, in its angle brackets, on STIX 2.1's
 * email-message:message_id; it reads back as that field (the normaliser drops them). */
static void
message_id_pattern(void **state)
{
	char *p = share_stix_pattern("message-id", "CAF=x'Q7@mail.example.jp");
	share_cmp *c;
	size_t n;
	ird_err e = { 0 };

	(void)state;
	assert_non_null(p);
	assert_string_equal(p, "[email-message:message_id = '<CAF=x\\'Q7@mail.example.jp>']");
	assert_int_equal(share_pattern_parse(p, &c, &n, &e), IRD_OK);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].type, "message-id");
	assert_string_equal(c[0].value, "<CAF=x'Q7@mail.example.jp>");
	share_cmps_free(c, n);
	free(p);
}

static void
or_splits_into_indicators(void **state)
{
	share_cmp *c;
	size_t n;

	assert_int_equal(share_pattern_parse("[domain-name:value = 'a.example' OR ipv4-addr:value ="
	                                     " '192.0.2.1'] OR [file:hashes.md5 = "
	                                     "'001dd76872d80801692ff942308c64e6']", &c, &n, NULL),
	                 IRD_OK);
	assert_int_equal(n, 3);
	assert_string_equal(c[0].type, "domain");
	assert_string_equal(c[1].type, "ip");
	assert_string_equal(c[1].value, "192.0.2.1");
	assert_string_equal(c[2].type, "md5");
	share_cmps_free(c, n);
}

static void
what_cannot_be_expressed_is_refused_with_the_reason(void **state)
{
	static const char *const rows[][2] = {
		{ "[x509-certificate:issuer = 'CN=W' AND x509-certificate:serial_number = '4c']",
		  "no indicator type for x509-certificate:issuer" },
		{ "[domain-name:value = 'a.example' AND url:value = 'http://b.example/']", "AND" },
		{ "[email-message:subject MATCHES '^x']", "only '='" },
		{ "[domain-name:value != 'a.example']", "only '='" },
		{ "[domain-name:value = 'a.example'] WITHIN 300 SECONDS", "qualifier" },
		{ "[domain-name:value = 'a'] FOLLOWEDBY [domain-name:value = 'b']", "FOLLOWEDBY" },
		{ "[domain-name:value = 'a'] AND [domain-name:value = 'b']", "AND" },
		{ "[domain-name:value = 'unterminated]", "unterminated" },
		{ "domain-name:value = 'a'", "expected '['" },
		{ "", "expected '['" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		share_cmp *c = (share_cmp *)1;
		size_t n = 9;
		ird_err e = { 0 };

		assert_int_equal(share_pattern_parse(rows[i][0], &c, &n, &e), IRD_EUSAGE);
		if (!strstr(e.msg, rows[i][1]))
			fail_msg("\"%s\": \"%s\" lacks \"%s\"", rows[i][0], e.msg, rows[i][1]);
		assert_null(c);
		assert_int_equal(n, 0);
	}
}

/* Found by fuzz_stix_pattern: a value with a byte that is not UTF-8 was
 * accepted and would have become an indicator. */
static void
a_pattern_value_that_is_not_utf8_is_refused(void **state)
{
	share_cmp *c = NULL;
	size_t n = 0;
	ird_err e = { 0 };

	(void)state;
	assert_int_equal(share_pattern_parse("[domain-name:value = 'a\xdd" "b.example']", &c, &n, &e),
	                 IRD_EUSAGE);
	assert_non_null(strstr(e.msg, "not valid UTF-8"));
	assert_int_equal(share_pattern_parse("[domain-name:value = '例え.jp']", &c, &n, &e), IRD_OK);
	assert_int_equal(n, 1);
	share_cmps_free(c, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ids_are_uuid5_of_the_name),
		cmocka_unit_test(a_pattern_value_that_is_not_utf8_is_refused),
		cmocka_unit_test(tlp_markings_are_the_standard_ones),
		cmocka_unit_test(tlp_red_needs_force),
		cmocka_unit_test(patterns_round_trip),
		cmocka_unit_test(message_id_pattern),
		cmocka_unit_test(or_splits_into_indicators),
		cmocka_unit_test(what_cannot_be_expressed_is_refused_with_the_reason),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
