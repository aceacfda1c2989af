#!/bin/sh
# mail.sh - `irdesk mail add`: a reported mail recorded with every
# indicator in it, exact; the playbook's triggers fired; a repeat sender
# across cases; --dry-run and every failure leaving the store unchanged;
# memory flat for a large attachment.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

M=$IRDESK_SRCDIR/tests/data/mail
export IRDESK_USER=yamada

run case new --title "Reported mail" --playbook targeted-email
check "a case under targeted-email" status_is 0
run case new --title "A later campaign" --playbook targeted-email
check "a second case" status_is 0
C1=IR-$(date -u +%Y)-0001
C2=IR-$(date -u +%Y)-0002

# ---- --dry-run writes nothing ----
before=$(sha "$IRDESK_DB")
run mail add "$C1" "$M/nested.eml" --dry-run
check "dry run succeeds" status_is 0
check "dry run says what it would add" out_has "would add url http://phish.example.com/login?u=1&s=2 (role c2; html href)"
check "dry run flags the deceptive link text" out_has "a deceptive link"
check "dry run leaves the store as it was" [ "$(sha "$IRDESK_DB")" = "$before" ]

# ---- failures leave the store unchanged ----
for f in not-a-mail.eml truncated.eml many-urls.eml; do
	run mail add "$C1" "$M/$f"
	check "$f refused with exit 2" status_is 2
	check "$f: the reason is given" err_prefixed
	check "$f: the store is unchanged" [ "$(sha "$IRDESK_DB")" = "$before" ]
done
check "the URL limit is named" err_has "more than 1000 distinct URLs"
# Fails inside the transaction (the asset is looked up there), after parsing.
run mail add "$C1" "$M/sjis.eml" --asset PC-NONE
check "an unknown asset fails" status_is 1
check "nothing of that mail was recorded" [ "$(sha "$IRDESK_DB")" = "$before" ]
run mail add "$C1"
check "a missing file argument is a usage error" status_is 2

# ---- the ISO-2022-JP mail, every indicator exact ----
run asset add "$C1" PC-0427
run mail add "$C1" "$M/iso2022jp.eml" --asset PC-0427
check "the mail is recorded" status_is 0
check "as evidence E1" out_has "recorded mail E1"
run ioc list "$C1" --json
check "its indicators are exactly these" py_out '
import json, sys
got = sorted((i["type"], i["role"], i["normal"]) for i in json.load(sys.stdin))
want = sorted([
	("email", "sender", "attacker@example-mail.jp"),
	("email", "sender", "reply@example-mail.jp"),
	("email", "sender", "bounce@bulk.attacker.example"),
	("subject", "other", "【重要】医療費通知のお知らせ"),
	("message-id", "other", "20150508103059.ABCD@sender.attacker.example"),
	("ip", "sender", "198.51.100.23"),
	("url", "c2", "http://evil-cdn.co.jp/update/doc.php?id=1"),
	("url", "c2", "http://dl.example-mail.jp/a/b.zip"),
])
sys.exit(0 if got == want else print(got) or 1)'
check "the raw defanged URL is kept" py_out '
import json, sys
raws = [i["raw"] for i in json.load(sys.stdin)]
sys.exit(0 if "hxxp://evil-cdn[.]co[.]jp/update/doc.php?id=1" in raws else 1)'
check "each note names the mail and where the value came from" py_out '
import json, sys
notes = {i["normal"]: i["note"] for i in json.load(sys.stdin)}
sys.exit(0 if notes["reply@example-mail.jp"] == "mail E1: Reply-To" and
	notes["198.51.100.23"].startswith("mail E1: first external hop (Received: from sender.attacker.example (unknown [198.51.100.23])")
	and notes["【重要】医療費通知のお知らせ"] == "mail E1: Subject"
	and notes["20150508103059.ABCD@sender.attacker.example"] == "mail E1: Message-ID"
	else print(notes) or 1)'
run evidence list "$C1" --json
sum=$(sha "$M/iso2022jp.eml")
check "the evidence is the mail file, hashed, held by the actor" py_out "
import json, sys
e = json.load(sys.stdin)[0]
sys.exit(0 if e['kind'] == 'mail' and e['sha256'] == '$sum' and e['asset'] == 'PC-0427'
	and e['size'] == $(wc -c <"$M/iso2022jp.eml") and e['custody'][0]['to'] == 'yamada'
	and e['custody'][0]['from'] is None else 1)"
run step list "$C1"
check "block-sender fired for the From address" out_has "Block the sender address (送信元アドレスのブロック): attacker@example-mail.jp"
check "ask-recipients fired" out_has "Ask every recipient whether they opened the attachment (全受信者への開封確認): attacker@example-mail.jp"
check "block-domain fired for the defanged URL's registrable domain" out_has "Block the C&C registrable domain (C&Cドメインのブロック): evil-cdn.co.jp"
run case show "$C1" --json
check "the timeline has the mail with its Message-ID" py_out '
import json, sys
ev = [e["text"] for e in json.load(sys.stdin)["events"] if e["kind"] == "mail"]
sys.exit(0 if len(ev) == 1 and "<20150508103059.ABCD@sender.attacker.example>" in ev[0] else 1)'

# ---- attachments: hashes as sha256sum, sha1sum and md5sum give them ----
run mail add "$C1" "$M/sjis.eml"
check "the Shift_JIS mail is recorded" status_is 0
run mail add "$C1" "$M/nested.eml"
check "the nested mail is recorded" status_is 0
run ioc list "$C1" --json
for f in sjis nested; do
	b=$M/$f-attachment.bin
	s256=$(sha256sum "$b" | cut -d' ' -f1)
	s1=$(sha1sum "$b" | cut -d' ' -f1)
	m5=$(md5sum "$b" | cut -d' ' -f1)
	check "$f: the attachment's SHA-256, SHA-1 and MD5" py_out "
import json, sys
have = {(i['type'], i['normal']) for i in json.load(sys.stdin)}
sys.exit(0 if {('sha256', '$s256'), ('sha1', '$s1'), ('md5', '$m5')} <= have else 1)"
done
check "RFC 2231 file names, in UTF-8" py_out '
import json, sys
names = {i["normal"] for i in json.load(sys.stdin) if i["type"] == "filename"}
sys.exit(0 if names == {"請求書.pdf.exe", "年金の案内.doc"} else print(names) or 1)'
check "the link text that is not its target is recorded as other, not c2" py_out '
import json, sys
i = [i for i in json.load(sys.stdin) if i["normal"] == "https://www.nenkin.go.jp/"][0]
sys.exit(0 if i["role"] == "other" and "link to http://phish.example.com/" in i["note"] else 1)'

# ---- the same sender in another case: a repeat ----
run mail add "$C2" "$M/iso2022jp.eml"
check "the same mail in a second case is recorded" status_is 0
check "its sender is flagged as a repeat, naming the first case" out_has "repeat sender: seen before in $C1"
run timers
check "repeat-sender fired executives-again on the second case" sh -c "grep -F '$C2' '$T/out' | grep -qF 'executives-again'"
run mail add "$C1" "$M/iso2022jp.eml"
check "the same mail again in the first case merges" out_has "merged #1 email attacker@example-mail.jp"
check "and is a repeat there too" out_has "repeat sender: seen before in this case, $C2"
run check
check "irdesk check passes (every write audited)" status_is 0

# ---- a large attachment: memory flat ----
if [ -x /usr/bin/time ]; then
	"$PYTHON3" - "$T/big.eml" "$T/big.bin" <<'EOF'
import base64, sys
mb = 30
with open(sys.argv[1], "wb") as f, open(sys.argv[2], "wb") as raw:
    f.write(b"From: big@example.org\r\nMessage-ID: <big@example.org>\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
            b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
            b"Content-Disposition: attachment; filename=big.bin\r\n\r\n")
    chunk = bytes((i * 7 + 3) % 256 for i in range(57 * 1024))
    for i in range(mb * 1024 * 1024 // len(chunk)):
        raw.write(chunk)
        s = base64.b64encode(chunk)
        f.write(b"\r\n".join(s[j:j + 76] for j in range(0, len(s), 76)) + b"\r\n")
    f.write(b"--b--\r\n")
EOF
	/usr/bin/time -v "$IRDESK" mail add "$C2" "$M/sjis.eml" --dry-run >/dev/null 2>"$T/small.time"
	/usr/bin/time -v "$IRDESK" mail add "$C2" "$T/big.eml" --dry-run >"$T/out" 2>"$T/big.time"
	small=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/small.time")
	big=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/big.time")
	diag "max RSS: small mail ${small} KiB, 30 MiB attachment ${big} KiB"
	check "a 30 MiB attachment takes less than 8 MiB more memory than a small mail" \
		[ $((big - small)) -lt 8192 ]
	check "its SHA-256 is sha256sum's" out_has "would add sha256 $(sha "$T/big.bin")"
else
	skip "memory flat for a large attachment" "no /usr/bin/time"
	skip "large attachment hash" "no /usr/bin/time"
fi

done_testing
