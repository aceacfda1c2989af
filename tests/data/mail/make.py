#!/usr/bin/env python3
"""make.py - writes the test mails of tests/data/mail/ (run once; the .eml
files are committed). Each mail is built byte by byte here so that what the
tests expect (addresses, URLs, hashes) can be read off this file."""
import base64, os, quopri, sys

here = os.path.dirname(os.path.abspath(__file__))

def b64(data):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))

def ew(text, cs):
    return "=?%s?B?%s?=" % (cs, base64.b64encode(text.encode(cs)).decode())

def write(name, text):
    data = text if isinstance(text, bytes) else text.encode("ascii")
    with open(os.path.join(here, name), "wb") as f:
        f.write(data)

RECEIVED = (
    "Received: from mx1.agency.example (mx1.agency.example [10.1.2.3])\r\n"
    "\tby mail.agency.example (Postfix) with ESMTP id 4F1A2B3C\r\n"
    "\tfor <staff@agency.example>; Fri, 8 May 2015 10:31:02 +0900 (JST)\r\n"
    "Received: from sender.attacker.example (unknown [198.51.100.23])\r\n"
    "\tby mx1.agency.example (Postfix) with ESMTP id 9A8B7C\r\n"
    "\tfor <staff@agency.example>; Fri, 8 May 2015 10:31:01 +0900 (JST)\r\n"
    "Received: from [192.168.0.10] (forged.example [203.0.113.99])\r\n"
    "\tby sender.attacker.example with ESMTPSA; Fri, 8 May 2015 10:30:59 +0900\r\n")

# 1. ISO-2022-JP: encoded-word subject and name, 7bit body, defanged URLs.
body = ("年金機構の皆様\r\n"
        "資料はこちら：hxxp://evil-cdn[.]co[.]jp/update/doc.php?id=1。\r\n"
        "または http://dl.example-mail.jp/a/b.zip をご覧ください。\r\n")
write("iso2022jp.eml",
      "Return-Path: <bounce@bulk.attacker.example>\r\n" + RECEIVED +
      "From: " + ew("厚生労働省 担当", "iso-2022-jp") + " <attacker@example-mail.jp>\r\n"
      "Reply-To: reply@example-mail.jp\r\n"
      "To: staff@agency.example\r\n"
      "Subject: " + ew("【重要】医療費通知のお知らせ", "iso-2022-jp") + "\r\n"
      "Message-ID: <20150508103059.ABCD@sender.attacker.example>\r\n"
      "Date: Fri, 8 May 2015 10:30:59 +0900\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=ISO-2022-JP\r\n"
      "Content-Transfer-Encoding: 7bit\r\n\r\n" +
      body.encode("iso-2022-jp").decode("ascii"))

# 2. Shift_JIS: base64 body, an attachment named in RFC 2231 (UTF-8).
attach = b"MZ\x90\x00fake executable for the tests\x00\xff" * 10
sjis_body = "添付の請求書をご確認ください。\r\nhttps://evil.example.net/inv?no=42\r\n"
write("sjis.eml",
      "From: =?Shift_JIS?B?" + base64.b64encode("経理部".encode("shift_jis")).decode() +
      "?= <keiri@evil.example.net>\r\n"
      "To: staff@agency.example\r\n"
      "Subject: " + ew("請求書送付のご案内", "shift_jis") + "\r\n"
      "Message-ID: <sjis-0001@evil.example.net>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
      "--b1\r\n"
      "Content-Type: text/plain; charset=Shift_JIS\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" + b64(sjis_body.encode("shift_jis")) + "\r\n"
      "--b1\r\n"
      "Content-Type: application/octet-stream\r\n"
      "Content-Transfer-Encoding: base64\r\n"
      "Content-Disposition: attachment;\r\n"
      " filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf.exe\r\n\r\n" + b64(attach) + "\r\n"
      "--b1--\r\n")
open(os.path.join(here, "sjis-attachment.bin"), "wb").write(attach)

# 3. EUC-JP: 8bit quoted-printable body; a raw ISO-2022-JP subject (no
#    encoded word, as old Japanese mailers send).
euc_body = "ウイルス感染の恐れがあります。\r\nftp://files.example.org/tool.exe を実行してください\r\n"
write("eucjp.eml",
      b"From: support@files.example.org\r\n"
      b"To: staff@agency.example\r\n"
      b"Subject: " + "緊急のお知らせ".encode("iso-2022-jp") + b"\r\n"
      b"Message-ID: <eucjp-0001@files.example.org>\r\n"
      b"MIME-Version: 1.0\r\n"
      b"Content-Type: text/plain; charset=EUC-JP\r\n"
      b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
      quopri.encodestring(euc_body.encode("euc-jp")).replace(b"\n", b"\r\n") if False else
      b"From: support@files.example.org\r\n"
      b"To: staff@agency.example\r\n"
      b"Subject: " + "緊急のお知らせ".encode("iso-2022-jp") + b"\r\n"
      b"Message-ID: <eucjp-0001@files.example.org>\r\n"
      b"MIME-Version: 1.0\r\n"
      b"Content-Type: text/plain; charset=EUC-JP\r\n"
      b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
      quopri.encodestring(euc_body.encode("euc-jp")))

# 4. Nested multiparts: alternative (QP text, QP HTML whose link text is not
#    its href) inside mixed, with a second attachment named by RFC 2231
#    continuations in ISO-2022-JP.
html = ('<html><body><p>ログインしてください：'
        '<a href="http://phish.example.com/login?u=1&amp;s=2">https://www.nenkin.go.jp/</a>'
        '</p><img src="https://track.example.com/p.gif"><!-- http://comment.example.com/ -->'
        '<p>問い合わせ: https://help.example.org/faq</p></body></html>\r\n')
text = "ログインしてください: https://www.nenkin.go.jp/\r\n"
doc = b"%PDF-1.4\n% test document\n" + bytes(range(256)) * 4
name2231 = "年金の案内.doc".encode("iso-2022-jp")
pct = "".join("%%%02X" % c for c in name2231)
write("nested.eml",
      "From: \"Nenkin\" <info@nenkin-go.example.com>\r\n"
      "Sender: bulk@mailer.example.com\r\n"
      "To: staff@agency.example\r\n"
      "Subject: =?UTF-8?Q?=E3=81=8A=E7=9F=A5=E3=82=89=E3=81=9B?= (notice)\r\n"
      "Message-ID: <nested-0001@mailer.example.com>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
      "preamble\r\n"
      "--outer\r\n"
      "Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n"
      "--inner\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
      quopri.encodestring(text.encode("utf-8")).decode("ascii") + "\r\n"
      "--inner\r\n"
      "Content-Type: text/html; charset=UTF-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
      quopri.encodestring(html.encode("utf-8")).decode("ascii") + "\r\n"
      "--inner--\r\n"
      "--outer\r\n"
      "Content-Type: application/msword\r\n"
      "Content-Transfer-Encoding: base64\r\n"
      "Content-Disposition: attachment;\r\n"
      " filename*0*=ISO-2022-JP''" + pct[:30] + ";\r\n"
      " filename*1*=" + pct[30:] + "\r\n\r\n" + b64(doc) + "\r\n"
      "--outer--\r\n")
open(os.path.join(here, "nested-attachment.bin"), "wb").write(doc)

# 5. Not a mail; 6. a truncated one (ends inside a base64 part, no closing boundary).
write("not-a-mail.eml", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n\x00\x01\x02binary\n")
full = open(os.path.join(here, "sjis.eml"), "rb").read()
write("truncated.eml", full[:full.index(b"filename*") + 200])

# 7. Thousands of URLs.
write("many-urls.eml",
      "From: spam@example.org\r\nMessage-ID: <many@example.org>\r\nSubject: links\r\n"
      "Content-Type: text/plain\r\n\r\n" +
      "".join("http://h%d.example.org/p\r\n" % i for i in range(1500)))

# 8. Shift_JIS with CP932 characters (① is NEC row 13, ～ is U+FF5E there) in
#    a subject split over encoded words (one UTF-8 character cut across two)
#    and in an 8bit body.
def ew_bytes(data, cs):
    return "=?%s?B?%s?=" % (cs, base64.b64encode(data).decode())
write("cp932.eml",
      b"From: soumu@example.co.jp\r\n"
      b"Message-ID: <cp932-0001@example.co.jp>\r\n"
      b"Subject: Re: " + ew_bytes("①請求".encode("cp932"), "Shift_JIS").encode() + b"\r\n " +
      ew_bytes("書～確認".encode("cp932"), "Shift_JIS").encode() +
      b" =?UTF-8?Q?=E3=81?= =?UTF-8?Q?=93?= end\r\n"
      b"MIME-Version: 1.0\r\n"
      b"Content-Type: text/plain; charset=Shift_JIS\r\n"
      b"Content-Transfer-Encoding: 8bit\r\n\r\n" +
      "①番の資料～です：http://cp932.example.jp/a\r\n".encode("cp932"))

# 9. CP932 in a display name and in an RFC 2231 Shift_JIS file name.
att9 = b"cp932 attachment\n"
write("cp932-attachment.eml",
      "From: =?Shift_JIS?B?%s?= <soumu@example.co.jp>\r\n"
      "Message-ID: <cp932-0002@example.co.jp>\r\n"
      "Subject: test\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
      "--b\r\n"
      "Content-Type: application/octet-stream\r\n"
      "Content-Disposition: attachment; filename*=Shift_JIS''%s\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
      "--b--\r\n" % (base64.b64encode("①総務課".encode("cp932")).decode(),
                     "".join("%%%02X" % c for c in "①請求書.exe".encode("cp932")),
                     b64(att9)))
