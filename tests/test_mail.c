/* test_mail.c - the reported-mail parser on the mails of tests/data/mail/
 * (made by make.py there): Japanese charsets byte for byte, encoded words,
 * RFC 2231 names, nested multiparts, HTML links, attachment hashes, the
 * first external hop, and refusals. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/mail.h"

static const char *
data(const char *name)
{
	static char path[1024];
	const char *src = getenv("IRDESK_SRCDIR");

	snprintf(path, sizeof(path), "%s/tests/data/mail/%s", src ? src : IRDESK_SRCDIR, name);
	return path;
}

static void
parse_ok(const char *name, mail_info *m)
{
	ird_err e = { 0 };
	int rc = mail_parse_file(data(name), m, &e);

	if (rc != IRD_OK)
		fail_msg("%s: %s", name, e.msg);
}

static void
parse_fails(const char *path, const char *reason)
{
	mail_info m;
	ird_err e = { 0 };

	assert_int_equal(mail_parse_file(path, &m, &e), IRD_EUSAGE);
	if (!strstr(e.msg, reason))
		fail_msg("expected \"%s\" in \"%s\"", reason, e.msg);
	assert_int_equal(m.naddrs, 0);
	assert_null(m.subject);
}

/* The URL at index I, from WHERE. */
static void
url_is(const mail_info *m, size_t i, mail_url_where where, const char *url, const char *href)
{
	assert_true(i < m->nurls);
	assert_string_equal(m->urls[i].url, url);
	assert_int_equal(m->urls[i].where, where);
	if (href)
		assert_string_equal(m->urls[i].href, href);
	else
		assert_null(m->urls[i].href);
}

static void
iso2022jp_headers_body_and_first_hop(void **state)
{
	mail_info m;

	parse_ok("iso2022jp.eml", &m);
	assert_string_equal(m.subject, "【重要】医療費通知のお知らせ");
	assert_string_equal(m.message_id, "20150508103059.ABCD@sender.attacker.example");
	assert_int_equal(m.naddrs, 3);
	assert_int_equal(m.addrs[0].kind, MAIL_FROM);
	assert_string_equal(m.addrs[0].addr, "attacker@example-mail.jp");
	assert_string_equal(m.addrs[0].name, "厚生労働省 担当");
	assert_int_equal(m.addrs[1].kind, MAIL_REPLY_TO);
	assert_string_equal(m.addrs[1].addr, "reply@example-mail.jp");
	assert_int_equal(m.addrs[2].kind, MAIL_RETURN_PATH);
	assert_string_equal(m.addrs[2].addr, "bounce@bulk.attacker.example");
	/* 10.1.2.3 is our relay; 203.0.113.99 is below the first external hop. */
	assert_string_equal(m.origin_ip, "198.51.100.23");
	assert_string_equal(m.origin_received, "from sender.attacker.example (unknown [198.51.100.23])"
	                    " by mx1.agency.example (Postfix) with ESMTP id 9A8B7C for"
	                    " <staff@agency.example>; Fri, 8 May 2015 10:31:01 +0900 (JST)");
	assert_int_equal(m.nurls, 2);
	/* Defanged, and ended by the ideographic full stop. */
	url_is(&m, 0, MAIL_URL_TEXT, "hxxp://evil-cdn[.]co[.]jp/update/doc.php?id=1", NULL);
	url_is(&m, 1, MAIL_URL_TEXT, "http://dl.example-mail.jp/a/b.zip", NULL);
	assert_int_equal(m.natts, 0);
	assert_int_equal(m.size, 1153);
	mail_info_free(&m);
}

static void
shift_jis_base64_and_rfc2231_attachment(void **state)
{
	mail_info m;

	parse_ok("sjis.eml", &m);
	assert_string_equal(m.subject, "請求書送付のご案内");
	assert_string_equal(m.addrs[0].name, "経理部");
	assert_string_equal(m.addrs[0].addr, "keiri@evil.example.net");
	assert_null(m.origin_ip);
	assert_int_equal(m.nurls, 1);
	url_is(&m, 0, MAIL_URL_TEXT, "https://evil.example.net/inv?no=42", NULL);
	assert_int_equal(m.natts, 1);
	assert_string_equal(m.atts[0].filename, "請求書.pdf.exe");
	assert_string_equal(m.atts[0].content_type, "application/octet-stream");
	assert_int_equal(m.atts[0].size, 350);
	/* sha256sum / sha1sum / md5sum of sjis-attachment.bin */
	assert_string_equal(m.atts[0].sha256,
	                    "7cb45e32bd813306380813a05a97ecdffbeb989bca6f98392f9ddfcf389a2277");
	assert_string_equal(m.atts[0].sha1, "b36dd7195c64fe1f8d41e7bce304a128301d1fde");
	assert_string_equal(m.atts[0].md5, "fa5336b5237a1d0ccdd3ba4608773466");
	mail_info_free(&m);
}

static void
euc_jp_quoted_printable_and_raw_iso2022jp_subject(void **state)
{
	mail_info m;

	parse_ok("eucjp.eml", &m);
	assert_string_equal(m.subject, "緊急のお知らせ");
	assert_int_equal(m.nurls, 1);
	/* Ended by the Japanese text after the space. */
	url_is(&m, 0, MAIL_URL_TEXT, "ftp://files.example.org/tool.exe", NULL);
	mail_info_free(&m);
}

static void
nested_multiparts_html_links_and_continued_names(void **state)
{
	mail_info m;

	parse_ok("nested.eml", &m);
	assert_string_equal(m.subject, "お知らせ (notice)");
	assert_int_equal(m.naddrs, 2);
	assert_int_equal(m.addrs[1].kind, MAIL_SENDER);
	assert_string_equal(m.addrs[1].addr, "bulk@mailer.example.com");
	assert_int_equal(m.nurls, 5);
	url_is(&m, 0, MAIL_URL_TEXT, "https://www.nenkin.go.jp/", NULL);
	/* &amp; decoded; the link's text is another URL than its target. */
	url_is(&m, 1, MAIL_URL_HREF, "http://phish.example.com/login?u=1&s=2", NULL);
	url_is(&m, 2, MAIL_URL_HTML_TEXT, "https://www.nenkin.go.jp/",
	       "http://phish.example.com/login?u=1&s=2");
	url_is(&m, 3, MAIL_URL_HREF, "https://track.example.com/p.gif", NULL);
	/* The comment's URL is not shown, so not taken. */
	url_is(&m, 4, MAIL_URL_HTML_TEXT, "https://help.example.org/faq", NULL);
	assert_int_equal(m.natts, 1);
	assert_string_equal(m.atts[0].filename, "年金の案内.doc");
	assert_int_equal(m.atts[0].size, 1049);
	assert_string_equal(m.atts[0].sha256,
	                    "9a3b49586134fcc3efef6f63e2e0ef64067ab664fa02bf62eea5397d1788eff1");
	assert_string_equal(m.atts[0].sha1, "5629556b113acd00dd1e2f1454eab38c5ab42bd4");
	assert_string_equal(m.atts[0].md5, "b348ba19ee2f85d3e046afff197667ae");
	mail_info_free(&m);
}

/* Shift_JIS as Windows writes it (CP932: ① and the full-width tilde), a
 * subject split over encoded words, one UTF-8 character cut across two. */
static void
cp932_and_split_encoded_words(void **state)
{
	mail_info m;

	parse_ok("cp932.eml", &m);
	assert_string_equal(m.subject, "Re: ①請求書～確認こ end");
	assert_int_equal(m.nurls, 1);
	url_is(&m, 0, MAIL_URL_TEXT, "http://cp932.example.jp/a", NULL);
	mail_info_free(&m);
}

/* CP932 where GMime's own decoding loses it: a display name, an RFC 2231
 * file name declared Shift_JIS. */
static void
cp932_display_name_and_file_name(void **state)
{
	mail_info m;

	parse_ok("cp932-attachment.eml", &m);
	assert_string_equal(m.addrs[0].name, "①総務課");
	assert_int_equal(m.natts, 1);
	assert_string_equal(m.atts[0].filename, "①請求書.exe");
	/* printf 'cp932 attachment\n' | sha256sum */
	assert_string_equal(m.atts[0].sha256,
	                    "23732ef486ef303be22b6ee4a553f7e457722efd281106e23a94b88fc8cd39df");
	mail_info_free(&m);
}

static void
refuses_what_is_not_a_whole_mail(void **state)
{
	char dir[] = "/tmp/irdesk-mail.XXXXXX", path[64];
	FILE *f;

	parse_fails(data("not-a-mail.eml"), "is not a mail");
	parse_fails(data("truncated.eml"), "truncated");
	parse_fails(data("many-urls.eml"), "more than 1000 distinct URLs");
	assert_non_null(mkdtemp(dir));
	parse_fails(dir, "not a regular file");
	snprintf(path, sizeof(path), "%s/empty.eml", dir);
	assert_non_null(f = fopen(path, "w"));
	fclose(f);
	parse_fails(path, "is empty");
	unlink(path);
	rmdir(dir);
}

/* Defanged spellings in text, trailing punctuation, CJK punctuation. */
static void
scan_text_finds_defanged_urls(void **state)
{
	static const struct { const char *text, *url; } rows[] = {
		{ "see hxxp://evil[.]example[.]com/a.", "hxxp://evil[.]example[.]com/a" },
		{ "(https://example.org/x)", "https://example.org/x" },
		{ "go to hxxps[://]bad.example.net/p, now", "hxxps[://]bad.example.net/p" },
		{ "ftp[:]//files.example.org/f", "ftp[:]//files.example.org/f" },
		{ "[hxxp]://x.example.com/", "[hxxp]://x.example.com/" },
		{ "http:\\\\back.example.com\\a", "http:\\\\back.example.com\\a" },
		{ "「http://jp.example.jp/a」です", "http://jp.example.jp/a" },
		{ "<http://angle.example.com/>", "http://angle.example.com/" },
		{ "fxp://old.example.com/x!", "fxp://old.example.com/x" },
		{ "http://wiki.example.org/A_(b)", "http://wiki.example.org/A_(b)" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		mail_url *urls = NULL;
		size_t n = 0;
		ird_err e = { 0 };

		assert_int_equal(mail_scan_text(rows[i].text, strlen(rows[i].text), MAIL_URL_TEXT,
		                                NULL, &urls, &n, &e), IRD_OK);
		if (n != 1 || strcmp(urls[0].url, rows[i].url) != 0)
			fail_msg("\"%s\": found %zu, first \"%s\", expected \"%s\"", rows[i].text, n,
			         n ? urls[0].url : "", rows[i].url);
		free(urls[0].url);
		free(urls);
	}
}

static void
scan_text_skips_what_is_not_a_url(void **state)
{
	static const char *const texts[] = {
		"no url here", "mailto:a@example.com", "c://windows", "http://", "http:// x",
		"javascript://x",
	};

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		mail_url *urls = NULL;
		size_t n = 0;

		assert_int_equal(mail_scan_text(texts[i], strlen(texts[i]), MAIL_URL_TEXT, NULL,
		                                &urls, &n, NULL), IRD_OK);
		if (n != 0)
			fail_msg("\"%s\" gave \"%s\"", texts[i], urls[0].url);
	}
}

static void
scan_text_counts_each_url_once(void **state)
{
	const char *text = "http://a.example.com/ http://a.example.com/ http://b.example.com/";
	mail_url *urls = NULL;
	size_t n = 0;

	assert_int_equal(mail_scan_text(text, strlen(text), MAIL_URL_TEXT, NULL, &urls, &n, NULL),
	                 IRD_OK);
	assert_int_equal(n, 2);
	/* Scanning again into the same array adds nothing. */
	assert_int_equal(mail_scan_text(text, strlen(text), MAIL_URL_TEXT, NULL, &urls, &n, NULL),
	                 IRD_OK);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		free(urls[i].url);
	free(urls);
}

/* Found by fuzz_mail: a Received header's raw bytes in no charset at all
 * reached the store as invalid UTF-8. They now arrive as U+FFFD. */
static void
a_received_header_in_raw_bytes_comes_out_valid_utf8(void **state)
{
	static const char msg[] =
		"Received: from relay.evil.example (relay [198.51.100.7]) \xdd\xff by mx\r\n"
		"From: a@evil.example\r\nMessage-ID: <x@evil.example>\r\nSubject: s\r\n\r\nbody\r\n";
	char path[] = "/tmp/irdesk-mail-XXXXXX";
	int fd = mkstemp(path);
	mail_info m;
	ird_err e = { 0 };

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, msg, sizeof(msg) - 1), (ssize_t)(sizeof(msg) - 1));
	close(fd);
	assert_int_equal(mail_parse_file(path, &m, &e), IRD_OK);
	unlink(path);
	assert_string_equal(m.origin_ip, "198.51.100.7");
	assert_non_null(strstr(m.origin_received, "\xef\xbf\xbd"));
	assert_null(strstr(m.origin_received, "\xdd"));
	mail_info_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(iso2022jp_headers_body_and_first_hop),
		cmocka_unit_test(a_received_header_in_raw_bytes_comes_out_valid_utf8),
		cmocka_unit_test(shift_jis_base64_and_rfc2231_attachment),
		cmocka_unit_test(euc_jp_quoted_printable_and_raw_iso2022jp_subject),
		cmocka_unit_test(nested_multiparts_html_links_and_continued_names),
		cmocka_unit_test(cp932_and_split_encoded_words),
		cmocka_unit_test(cp932_display_name_and_file_name),
		cmocka_unit_test(refuses_what_is_not_a_whole_mail),
		cmocka_unit_test(scan_text_finds_defanged_urls),
		cmocka_unit_test(scan_text_skips_what_is_not_a_url),
		cmocka_unit_test(scan_text_counts_each_url_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
