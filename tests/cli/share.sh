#!/bin/sh
# share.sh - indicators exchanged with peers: `export --format stix` checked
# against the OASIS STIX 2.1 schemas, deterministic UUIDv5 ids, the TLP as
# marking definitions, TLP:RED refused without --force; `export --format
# misp` and its MISP types; `ioc import` of our own exports (round trips),
# of the OASIS examples, and refusals that leave the store unchanged.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

M=$IRDESK_SRCDIR/tests/data/mail
S=$IRDESK_SRCDIR/tests/data/stix2
printf 'default-playbook = none\norganisation = 年金 CSIRT\n' >"$IRDESK_CONFIG"
Y=$(date -u +%Y)

run case new --title "Reported mails" --playbook targeted-email --tlp green
C1=IR-$Y-0001
run mail add "$C1" "$M/iso2022jp.eml"
run mail add "$C1" "$M/sjis.eml"
check "a case with the indicators of two mails" status_is 0
run case show "$C1" --json
uuid=$(py_out 'import json, sys; print(json.load(sys.stdin)["uuid"])')

validate() {
	"$PYTHON3" "$IRDESK_SRCDIR/tests/cli/stix_validate.py" "$S/schemas" "$@" >"$T/valid" 2>&1
}

# ---- STIX ----
run export "$C1" --format stix
check "export --format stix succeeds" status_is 0
cp "$T/out" "$T/bundle.json"
check "the bundle is valid against the OASIS STIX 2.1 schemas" validate "$T/bundle.json"
check "the schemas do catch a broken bundle (a pattern_type removed)" sh -c "
	sed 's/\"pattern_type\":\"stix\",//' '$T/bundle.json' >'$T/broken.json' &&
	! '$PYTHON3' '$IRDESK_SRCDIR/tests/cli/stix_validate.py' '$S/schemas' '$T/broken.json' >/dev/null"
check "an indicator per indicator, each with its pattern, a sighting of each" py_out '
import json, sys
objs = json.load(sys.stdin)["objects"]
ind = {o["pattern"] for o in objs if o["type"] == "indicator"}
want = {"[email-addr:value = '"'"'attacker@example-mail.jp'"'"']",
	"[ipv4-addr:value = '"'"'198.51.100.23'"'"']",
	"[url:value = '"'"'http://evil-cdn.co.jp/update/doc.php?id=1'"'"']",
	"[file:hashes.'"'"'SHA-256'"'"' = '"'"'7cb45e32bd813306380813a05a97ecdffbeb989bca6f98392f9ddfcf389a2277'"'"']",
	"[file:hashes.MD5 = '"'"'fa5336b5237a1d0ccdd3ba4608773466'"'"']",
	"[file:name = '"'"'請求書.pdf.exe'"'"']",
	"[email-message:subject = '"'"'【重要】医療費通知のお知らせ'"'"']",
	"[email-message:message_id = '"'"'<20150508103059.ABCD@sender.attacker.example>'"'"']"}
n = sum(1 for o in objs if o["type"] == "indicator")
s = sum(1 for o in objs if o["type"] == "sighting")
sys.exit(0 if want <= ind and n == 16 and s == 16 else print(n, s, ind - want) or 1)'
check "each hash of an attachment is related-to its file name" py_out '
import json, sys
objs = json.load(sys.stdin)["objects"]
byid = {o["id"]: o for o in objs}
rel = [(byid[o["source_ref"]]["pattern"].split(" = ")[0], byid[o["target_ref"]]["pattern"])
	for o in objs if o["type"] == "relationship" and o["relationship_type"] == "related-to"]
want = {("[file:hashes.\x27SHA-256\x27", "[file:name = \x27請求書.pdf.exe\x27]"),
	("[file:hashes.\x27SHA-1\x27", "[file:name = \x27請求書.pdf.exe\x27]"),
	("[file:hashes.MD5", "[file:name = \x27請求書.pdf.exe\x27]")}
sys.exit(0 if set(rel) == want and len(rel) == 3 else print(rel) or 1)'
check "the identity is the configured organisation" py_out '
import json, sys
ids = [o for o in json.load(sys.stdin)["objects"] if o["type"] == "identity"]
sys.exit(0 if len(ids) == 1 and ids[0]["name"] == "年金 CSIRT" else 1)'
check "every object carries the standard TLP:GREEN marking, included in the bundle" py_out '
import json, sys
green = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
objs = json.load(sys.stdin)["objects"]
md = [o for o in objs if o["type"] == "marking-definition"]
ok = len(md) == 1 and md[0]["id"] == green and md[0]["definition"] == {"tlp": "green"}
ok = ok and all(o["object_marking_refs"] == [green] for o in objs
	if o["type"] in ("indicator", "sighting", "report"))
sys.exit(0 if ok else 1)'
check "ids are UUIDv5 of the case and the value" py_out "
import json, sys, uuid
ns = uuid.UUID('6999a744-2605-58de-9d0f-8bc7bc6ff929')
want = 'indicator--%s' % uuid.uuid5(ns, 'indicator|$uuid|email|attacker@example-mail.jp')
ind = [o for o in json.load(sys.stdin)['objects'] if o['type'] == 'indicator'
	and o['pattern'] == \"[email-addr:value = 'attacker@example-mail.jp']\"]
sys.exit(0 if ind and ind[0]['id'] == want else 1)"
check "times are RFC 3339 UTC" py_out '
import json, re, sys
ts = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
objs = json.load(sys.stdin)["objects"]
keys = ("created", "modified", "valid_from", "first_seen", "last_seen", "published")
sys.exit(0 if all(ts.match(o[k]) for o in objs for k in keys if k in o) else 1)'
run export "$C1" --format stix
check "the same case exports the same bundle again, byte for byte" cmp -s "$T/out" "$T/bundle.json"

run case set "$C1" --tlp amber+strict
run export "$C1" --format stix
cp "$T/out" "$T/strict.json"
check "TLP:AMBER+STRICT: TLP:AMBER and a statement marking, still valid" validate "$T/strict.json"
check "both markings on every indicator" py_out '
import json, sys
objs = json.load(sys.stdin)["objects"]
st = [o for o in objs if o.get("definition_type") == "statement"]
ok = len(st) == 1 and "AMBER+STRICT" in st[0]["definition"]["statement"]
ok = ok and all(set(o["object_marking_refs"]) == {st[0]["id"],
	"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"} for o in objs
	if o["type"] == "indicator")
sys.exit(0 if ok else 1)'

run case set "$C1" --tlp red
run export "$C1" --format stix
check "a TLP:RED case is not exported without --force" status_is 2
check "and the refusal says why" err_has "TLP:RED"
check "naming --force" err_has "--force"
run export "$C1" --format misp
check "nor as MISP" status_is 2
run export "$C1" --format stix --force
check "--force exports it" status_is 0
check "marked TLP:RED" out_has "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
run case set "$C1" --tlp green

# ---- MISP ----
run export "$C1" --format misp --output "$T/event.json"
check "export --format misp --output FILE" status_is 0
check "attributes typed as MISP types them" "$PYTHON3" -c '
import json, sys
ev = json.load(open(sys.argv[1]))["Event"]
got = {(a["type"], a["value"], a["to_ids"]) for a in ev["Attribute"]}
want = {("email-src", "attacker@example-mail.jp", True),
	("email-src", "reply@example-mail.jp", True),
	("email-subject", "【重要】医療費通知のお知らせ", False),
	("email-message-id", "<20150508103059.ABCD@sender.attacker.example>", True),
	("ip-src", "198.51.100.23", True),
	("url", "http://evil-cdn.co.jp/update/doc.php?id=1", True),
	("filename|sha256", "請求書.pdf.exe|7cb45e32bd813306380813a05a97ecdffbeb989bca6f98392f9ddfcf389a2277", True),
	("filename|sha1", "請求書.pdf.exe|b36dd7195c64fe1f8d41e7bce304a128301d1fde", True),
	("filename|md5", "請求書.pdf.exe|fa5336b5237a1d0ccdd3ba4608773466", True)}
types = {a["type"] for a in ev["Attribute"]}
ok = want <= got and "filename" not in types and "sha256" not in types
ok = ok and ev["Tag"] == [{"name": "tlp:green"}] and ev["Orgc"]["name"] == "年金 CSIRT"
ok = ok and ev["info"].endswith("Reported mails") and ev["published"] is False
sys.exit(0 if ok else print(sorted(got - want), sorted(want - got)) or 1)' "$T/event.json"

# ---- round trips ----
ioc_set() { # case -> "type role normal" lines, sorted
	run ioc list "$1" --json
	py_out 'import json, sys
for i in sorted(json.load(sys.stdin), key=lambda i: (i["type"], i["normal"])):
	print(i["type"], i["role"], i["normal"])'
}
ioc_set "$C1" >"$T/c1.txt"
run case new --title "From a peer (STIX)" --playbook targeted-email
C2=IR-$Y-0002
run ioc import "$C2" "$T/bundle.json"
check "our STIX bundle imports" status_is 0
ioc_set "$C2" >"$T/c2.txt"
check "round trip through STIX: the same indicators with the same roles" cmp -s "$T/c1.txt" "$T/c2.txt"
run ioc list "$C2" --json
check "each keeps its source and TLP in the note" py_out '
import json, sys
notes = [i["note"] for i in json.load(sys.stdin)]
sys.exit(0 if all("by 年金 CSIRT" in n and n.endswith("TLP:GREEN") for n in notes) else 1)'
run step list "$C2"
check "the import fired block-sender as if typed" out_has "Block the sender address (送信元アドレスのブロック): attacker@example-mail.jp"
check "and block-domain" out_has "Block the C&C registrable domain (C&Cドメインのブロック): evil-cdn.co.jp"

run case new --title "From a peer (MISP)"
C3=IR-$Y-0003
run ioc import "$C3" "$T/event.json"
check "our MISP event imports" status_is 0
ioc_set "$C3" >"$T/c3.txt"
check "round trip through MISP: the same indicators with the same roles" cmp -s "$T/c1.txt" "$T/c3.txt"

# ---- the OASIS examples ----
run case new --title "OASIS examples"
C4=IR-$Y-0004
run ioc import "$C4" "$S/examples/indicators-for-C2-with-COA.json"
check "indicators-for-C2-with-COA imports" status_is 0
check "its C2 address as a c2 indicator" out_has "ip 10.0.0.0 (role c2;"
check "its Poison Ivy hash" out_has "sha256 ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c"
check "the source is named" out_has "by The MITRE Corporation - DHS Support Team"
check "the malware object is listed, not dropped" out_has "not imported: malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111"
run ioc import "$C4" "$S/examples/malicious-email-indicator-with-attachment.json"
check "a bundle of MATCHES patterns imports nothing" out_has "0 indicator(s) added or merged, 2 not expressible"
check "and lists why" out_has "only '=' comparisons can be expressed"
run ioc import "$C4" "$S/examples/poisonivy.json"
check "poisonivy imports" status_is 0
check "OR patterns split into their comparisons" out_has "domain www.webserver.dynssl.com"
check "a value the normaliser refuses is listed with its reason" out_has "domain autuo.xicp.net: invalid domain"
for f in apt1 indicator-for-c2-ip-address indicator-to-campaign-relationship infrastructure; do
	run ioc import "$C4" "$S/examples/$f.json" --dry-run
	check "$f.json reads" status_is 0
done
check "the OASIS examples themselves are valid against the schemas" validate \
	"$S/examples/apt1.json" "$S/examples/poisonivy.json" \
	"$S/examples/indicators-for-C2-with-COA.json"

# ---- a peer's MISP event (the REST response form, objects, tags) ----
run ioc import "$C4" "$IRDESK_SRCDIR/tests/data/misp/peer-event.json"
check "a peer's MISP event imports" status_is 0
check "types with no irdesk type are listed" out_has "203.0.113.8|443: MISP type ip-dst|port has no irdesk indicator type"
check "a CIDR range is listed with the normaliser's reason" out_has "203.0.113.0/24: invalid ip"
check "and counted" out_has "8 indicator(s) added or merged, 3 not expressible"
run ioc list "$C4" --json
check "each attribute as its irdesk type and role, TLP from the event or the attribute" py_out '
import json, sys
got = {(i["type"], i["normal"]): (i["role"], i["note"].rsplit("; ", 1)[1]) for i in json.load(sys.stdin)
	if "MISP event 5b4c1b2a" in (i["note"] or "")}
want = {("email", "kenpo-info@yahoo.example.co.jp"): ("sender", "TLP:AMBER"),
	("subject", "【医療費通知】"): ("other", "TLP:AMBER"),
	("message-id", "KENPO.20150508@mail.yahoo.example.co.jp"): ("other", "TLP:AMBER"),
	("domain", "c2.evil-cdn.example.jp"): ("c2", "TLP:AMBER"),
	("ip", "203.0.113.7"): ("c2", "TLP:AMBER"),
	("url", "http://blog.example.org/analysis"): ("other", "TLP:CLEAR"),
	("filename", "医療費のお知らせ.exe"): ("other", "TLP:AMBER"),
	("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"): ("other", "TLP:AMBER")}
sys.exit(0 if got == want else print(got) or 1)'

# ---- refused whole, the store unchanged ----
before=$(sha "$IRDESK_DB")
"$PYTHON3" - "$T/bundle.json" "$T" <<'EOF'
import json, sys
b = json.load(open(sys.argv[1]))
t = sys.argv[2]
bad = json.loads(json.dumps(b)); bad["objects"][-1]["id"] = "report--not-a-uuid"
json.dump(bad, open(t + "/bad-id.json", "w"))
nopat = json.loads(json.dumps(b))
next(o for o in nopat["objects"] if o["type"] == "indicator").pop("pattern")
json.dump(nopat, open(t + "/no-pattern.json", "w"))
old = json.loads(json.dumps(b)); old["spec_version"] = "2.0"
json.dump(old, open(t + "/stix20.json", "w"))
notobj = json.loads(json.dumps(b)); notobj["objects"].append("just a string")
json.dump(notobj, open(t + "/not-object.json", "w"))
open(t + "/not-json.json", "w").write('{"type": "bundle", "objects": [')
EOF
for f in bad-id:report--not-a-uuid no-pattern:"has no pattern" stix20:"STIX 2.0" \
	not-object:"is not a JSON object" not-json:"is not JSON"; do
	name=${f%%:*}
	why=${f#*:}
	run ioc import "$C4" "$T/$name.json"
	check "$name: refused with exit 2" status_is 2
	check "$name: the reason is given" err_has "$why"
done
run ioc import "$C4" "$S/examples/interop-objectmarking-test.json"
check "a lone object (not a bundle) is refused" err_has "neither a STIX 2.1 bundle"
check "nothing of any of them was written" [ "$(sha "$IRDESK_DB")" = "$before" ]
run ioc import "$C4" "$T/bundle.json" --dry-run
check "--dry-run lists what it would add" out_has "would add email attacker@example-mail.jp"
check "and writes nothing" [ "$(sha "$IRDESK_DB")" = "$before" ]

run check
check "irdesk check passes" status_is 0
done_testing
