#!/bin/sh
# json.sh - every --json output parses as JSON, has exactly the fields that
# irdesk(1) documents, in every object and every nested one, and gives times
# in ISO-8601 UTC (checked by jsoncheck.py against doc/irdesk.1).
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

MAN=$IRDESK_SRCDIR/doc/irdesk.1

# jsoncheck [OPTION] KIND: run jsoncheck.py on the last output; the number
# it prints in $T/n, its complaints as TAP comments.
jsoncheck() {
	"$PYTHON3" "$IRDESK_SRCDIR/tests/cli/jsoncheck.py" "$@" "$MAN" "$_kind" "$T/out" \
		>"$T/n" 2>"$T/jsonerr"
	_s=$?
	[ -s "$T/jsonerr" ] && sed 's/^/# /' "$T/jsonerr"
	return $_s
}

# jsonok KIND WANT: the last output passes jsoncheck with WANT objects.
jsonok() {
	_kind=$1
	jsoncheck && [ "$(cat "$T/n")" = "$2" ]
}

# jsonfull KIND: the last output passes jsoncheck --full (no nested array
# left empty), with at least one object.
jsonfull() {
	_kind=$1
	jsoncheck --full && [ "$(cat "$T/n")" -gt 0 ]
}

# jsonmutants KIND: a renamed field in each kind of object of the last
# output, and each documented field left out of the man page, are caught.
jsonmutants() {
	_kind=$1
	jsoncheck --mutants && [ "$(cat "$T/n")" -ge 2 ]
}

run case list --json
check "case list --json on an empty store: exit 0" status_is 0
check "case list --json on an empty store: []" sh -c "[ \"\$(cat '$T/out')\" = '[]' ]"
run case list --all --json
check "case list --all --json on an empty store: []" sh -c "[ \"\$(cat '$T/out')\" = '[]' ]"

run --now 2015-05-08T10:30:00+09:00 --as kato case new --title '標的型メール "quoted" \ back' \
	--severity high --detected-at 2015-05-08T08:00:00+09:00 --tlp red --lead tanaka
run --now 2015-05-18T09:00:00Z case new --title "101 mails from the same sender"
run --now 2015-05-20T09:00:00Z case new --title "old news"
run --now 2015-05-08T12:00:00Z log IR-2015-0001 "$(printf 'tab\tnewline\nend')" --at 2015-05-08T02:10:00Z
run --now 2015-06-01T00:00:00Z case set IR-2015-0003 --status closed

run case list --json
check "case list --json: documented fields, UTC times" jsonok case-list 2
check "case list --json: open cases, newest first" \
	py_out 'import json,sys; sys.exit([c["id"] for c in json.load(sys.stdin)] != ["IR-2015-0002", "IR-2015-0001"])'
check "case list --json: values and types" \
	py_out 'import json,sys
c = json.load(sys.stdin)[1]
sys.exit((c["opened_at"], c["detected_at"], c["closed_at"], c["tlp"], c["severity"], c["lead"],
          c["exercise"], c["personal_data"], c["created_by"], len(c["uuid"]))
         != ("2015-05-08T01:30:00Z", "2015-05-07T23:00:00Z", None, "red", "high", "tanaka",
             False, False, "kato", 36))'

run case list --all --json
check "case list --all --json: documented fields, UTC times" jsonok case-list 3
check "case list --all --json: the closed case too, with closed_at" \
	py_out 'import json,sys; c = json.load(sys.stdin)[0]; sys.exit((c["id"], c["status"], c["closed_at"]) != ("IR-2015-0003", "closed", "2015-06-01T00:00:00Z"))'

run case show IR-2015-0001 --json
check "case show --json: documented fields and events, UTC times" jsonok case-show 3
check "case show --json: text with quotes, backslash, tab and newline survives" \
	py_out 'import json,sys; d = json.load(sys.stdin); sys.exit(d["title"] != "標的型メール \"quoted\" \\ back" or d["events"][1]["text"] != "tab\tnewline\nend")'
check "case show --json: one object, one line" sh -c "[ \"\$(wc -l < '$T/out')\" = 1 ] && head -c 1 '$T/out' | grep -q '{'"

run timeline IR-2015-0001 --json
check "timeline --json: documented fields, UTC times" jsonok timeline 2
check "timeline --json: +09:00 input is stored as UTC" \
	py_out 'import json,sys; d = json.load(sys.stdin); sys.exit((d[0]["happened_at"], d[0]["recorded_at"]) != ("2015-05-08T01:30:00Z", "2015-05-08T01:30:00Z"))'

# ---- a whole case: every --json output with every array filled ------------
# The 2015 story in a store of its own, under the targeted-email playbook
# (lib.sh's configuration opens cases without one): an infected host at two
# sites, a sender and a C&C URL, blocks, evidence handed over, a
# notification, a decision, an override and a hook run.
F=$T/full.db
setup_failed=
setup() {
	run --db "$F" --as kato "$@"
	[ "$rc" -eq 0 ] || setup_failed="$setup_failed [$last_cmd: exit $rc: $(head -c 200 "$T/err")]"
}
printf 'image' >"$T/pc-0427.img"
setup --now 2015-05-08T10:30:00+09:00 case new --title "標的型メール" --severity high \
	--lead tanaka --playbook targeted-email
setup --now 2015-05-08T10:35:00+09:00 asset add IR-2015-0001 PC-0427 --site site-a --state infected
setup --now 2015-05-08T10:36:00+09:00 ioc add IR-2015-0001 email 'attacker[at]example-mail.jp'
setup --now 2015-05-08T10:37:00+09:00 ioc add IR-2015-0001 url 'hxxp://c2.evil-cdn.co[.]jp/gate.php'
setup --now 2015-05-08T10:38:00+09:00 block IR-2015-0001 '#1'
setup --now 2015-05-08T10:39:00+09:00 block activate IR-2015-0001 1
setup --now 2015-05-08T10:40:00+09:00 block IR-2015-0001 '#2' --scope host
setup --now 2015-05-08T10:41:00+09:00 block lift IR-2015-0001 2 --note "host only"
setup --now 2015-05-08T10:42:00+09:00 block IR-2015-0001 '#2'
setup --now 2015-05-08T10:45:00+09:00 notify IR-2015-0001 --to csirt-lead --channel phone \
	--at 2015-05-08T10:44:00+09:00 --note "told"
setup --now 2015-05-08T15:00:00+09:00 evidence add IR-2015-0001 --asset PC-0427 \
	--kind disk-image --file "$T/pc-0427.img"
setup --now 2015-05-08T15:05:00+09:00 evidence transfer IR-2015-0001 E1 --to vendor-lab \
	--note analysis
setup --now 2015-05-20T11:00:00+09:00 asset add IR-2015-0001 PC-1102 --site site-b --state infected
setup --now 2015-05-20T11:10:00+09:00 decide IR-2015-0001 full-disconnect --choice partial \
	--paths proxy,vpn --rationale "web and VPN now"
setup --now 2015-05-20T11:11:00+09:00 timer override IR-2015-0001 3 --reason "told in person"
printf 'escalation-hook = true\n' >"$T/hook.conf"
IRDESK_CONFIG=$T/hook.conf
setup --now 2015-05-20T11:12:00+09:00 watch --once
IRDESK_CONFIG=$T/config
check "the whole case is built (every command exits 0)" [ -z "$setup_failed" ]
[ -z "$setup_failed" ] || diag "$setup_failed"

now='--now 2015-05-20T12:00:00Z'
run --db "$F" $now case show IR-2015-0001 --json
check "case show --json (whole case): every object and nested array as documented" jsonfull case-show
check "case show --json (whole case): a renamed or undocumented field is caught" jsonmutants case-show
check "case show --json: every section is an array with objects" \
	py_out 'import json,sys; d = json.load(sys.stdin); sys.exit(not all(isinstance(d[k], list) and d[k] for k in
	("events", "steps", "timers", "assets", "evidence", "indicators", "blocks", "notifications", "decisions")))'

run --db "$F" $now case list --json
check "case list --json (playbook): documented fields" jsonfull case-list
check "case list --json: a renamed or undocumented field is caught" jsonmutants case-list
check "case list --json: the playbook in force" \
	py_out 'import json,sys; sys.exit(json.load(sys.stdin)[0]["playbook"] != "targeted-email")'

run --db "$F" $now timeline IR-2015-0001 --json
check "timeline --json (whole case): documented fields" jsonfull timeline
check "timeline --json: a renamed or undocumented field is caught" jsonmutants timeline

run --db "$F" $now step list IR-2015-0001 --json
check "step list --json: documented fields, UTC times" jsonfull step-list
check "step list --json: a renamed or undocumented field is caught" jsonmutants step-list
check "step list --json: the isolate step of PC-0427, its deadline in UTC" \
	py_out 'import json,sys
s = [s for s in json.load(sys.stdin) if s["key"] == "isolate" and s["subject"] == "PC-0427"][0]
sys.exit((s["subject_kind"], s["requires"], s["state"], s["due_at"])
         != ("asset", "asset-isolated", "pending", "2015-05-08T02:05:00Z"))'

run --db "$F" $now timers IR-2015-0001 --json
check "timers ID --json: documented fields, UTC times" jsonfull timers
check "timers --json: a renamed or undocumented field is caught" jsonmutants timers
check "timers --json: satisfied, overridden, fired and overdue timers, seconds left" \
	py_out 'import json,sys
t = {x["id"]: x for x in json.load(sys.stdin)}
fired = [x for x in t.values() if x["state"] == "fired"]
sys.exit(not (t[1]["state"] == "satisfied" and t[1]["satisfied_by"] == "notification 1"
              and t[1]["satisfied_at"] == "2015-05-08T01:44:00Z" and t[1]["overdue"] is False
              and t[3]["state"] == "overridden" and t[3]["override_reason"] == "told in person"
              and fired and fired[0]["fired_at"] == "2015-05-20T02:12:00Z"
              and fired[0]["hook_attempts"] == 1 and fired[0]["overdue"] is True
              and isinstance(fired[0]["seconds_left"], int) and fired[0]["seconds_left"] < 0
              and any(x["rule"] == "override" and x["role"] == "csirt-lead" for x in t.values())))'
run --db "$F" $now timers --json
check "timers --json (every open case): documented fields" jsonfull timers
run --db "$F" $now timers --due --json
check "timers --due --json: exit 3 when overdue, and still valid JSON" status_is 3
check "timers --due --json: documented fields, only overdue timers" jsonfull timers
check "timers --due --json: every one is overdue" \
	py_out 'import json,sys; d = json.load(sys.stdin); sys.exit(not d or not all(x["overdue"] for x in d))'

run --db "$F" $now asset list IR-2015-0001 --json
check "asset list --json: documented fields, UTC times" jsonfull asset-list
check "asset list --json: a renamed or undocumented field is caught" jsonmutants asset-list
check "asset list --json: two hosts at two sites, infected times in UTC" \
	py_out 'import json,sys; d = json.load(sys.stdin); sys.exit([(a["host"], a["site"], a["state"], a["isolated"], a["infected_at"]) for a in d]
	!= [("PC-0427", "site-a", "infected", False, "2015-05-08T01:35:00Z"), ("PC-1102", "site-b", "infected", False, "2015-05-20T02:00:00Z")])'

run --db "$F" $now evidence list IR-2015-0001 --json
check "evidence list --json: documented fields and custody, UTC times" jsonfull evidence-list
check "evidence list --json: a renamed or undocumented field is caught" jsonmutants evidence-list
check "evidence list --json: the file's SHA-256 and size, the chain of custody" \
	py_out "import json,sys
e = json.load(sys.stdin)[0]
sys.exit((e['id'], e['number'], e['asset'], e['kind'], e['sha256'], e['size'], e['holder'],
          [(c['from'], c['to'], c['at']) for c in e['custody']])
         != ('E1', 1, 'PC-0427', 'disk-image', '$(sha "$T/pc-0427.img")', 5, 'vendor-lab',
             [(None, 'kato', '2015-05-08T06:00:00Z'), ('kato', 'vendor-lab', '2015-05-08T06:05:00Z')]))"

run --db "$F" $now ioc list IR-2015-0001 --json
check "ioc list --json: documented fields and covering blocks, UTC times" jsonfull ioc-list
check "ioc list --json: a renamed or undocumented field is caught" jsonmutants ioc-list
check "ioc list --json: raw and normal value, registrable domain, blocks" \
	py_out 'import json,sys
d = json.load(sys.stdin)
sys.exit([(i["type"], i["role"], i["raw"], i["normal"], i["registrable_domain"], i["first_seen"],
           [(b["scope"], b["state"]) for b in i["blocks"]]) for i in d]
         != [("email", "sender", "attacker[at]example-mail.jp", "attacker@example-mail.jp",
              "example-mail.jp", "2015-05-08T01:36:00Z", [("address", "active")]),
             ("url", "c2", "hxxp://c2.evil-cdn.co[.]jp/gate.php", "http://c2.evil-cdn.co.jp/gate.php",
              "evil-cdn.co.jp", "2015-05-08T01:37:00Z", [("host", "lifted"), ("domain", "requested")])])'

run --db "$F" $now ioc find www.evil-cdn.co.jp --json
check "ioc find --json: documented fields, the indicator nested" jsonfull ioc-find
check "ioc find --json: a renamed or undocumented field is caught" jsonmutants ioc-find
check "ioc find --json: found by its registrable domain" \
	py_out 'import json,sys; h = json.load(sys.stdin); sys.exit([(x["case"], x["match"], x["indicator"]["id"]) for x in h] != [("IR-2015-0001", "same_registrable_domain", 2)])'

run --db "$F" $now block list IR-2015-0001 --json
check "block list --json: documented fields, UTC times" jsonfull block-list
check "block list --json: a renamed or undocumented field is caught" jsonmutants block-list
check "block list --json: the lifecycle of each block" \
	py_out 'import json,sys; d = json.load(sys.stdin); sys.exit([(b["id"], b["scope"], b["state"], b["activated_at"], b["lifted_at"], b["note"]) for b in d]
	!= [(1, "address", "active", "2015-05-08T01:39:00Z", None, None), (2, "host", "lifted", None, "2015-05-08T01:41:00Z", "host only"), (3, "domain", "requested", None, None, None)])'

run --db "$F" $now notifications IR-2015-0001 --json
check "notifications --json: documented fields, UTC times" jsonfull notifications
check "notifications --json: a renamed or undocumented field is caught" jsonmutants notifications
check "notifications --json: when told (+09:00 in) and recorded, in UTC" \
	py_out 'import json,sys; n = json.load(sys.stdin)[0]; sys.exit((n["role"], n["channel"], n["at"], n["recorded_at"], n["by"], n["note"]) != ("csirt-lead", "phone", "2015-05-08T01:44:00Z", "2015-05-08T01:45:00Z", "kato", "told"))'

run --db "$F" $now decisions IR-2015-0001 --json
check "decisions --json: documented fields, UTC times" jsonfull decisions
check "decisions --json: a renamed or undocumented field is caught" jsonmutants decisions
check "decisions --json: paths cut and still open are arrays" \
	py_out 'import json,sys; d = json.load(sys.stdin)[0]; sys.exit((d["choice"], d["paths"], d["open_paths"], d["decided_at"]) != ("partial", ["proxy", "vpn"], ["mail", "remote-access", "dedicated-lines"], "2015-05-20T02:10:00Z"))'

# The checker itself must notice a missing or an extra field and a local time.
printf '[{"happened_at":"2015-05-08T10:30:00+09:00","recorded_at":null,"actor":"a","kind":"note","text":"t"}]\n' >"$T/out"
check "jsoncheck rejects a time that is not UTC Z" sh -c "! \"$PYTHON3\" '$IRDESK_SRCDIR/tests/cli/jsoncheck.py' '$MAN' timeline '$T/out' 2>/dev/null"
printf '[{"happened_at":null,"recorded_at":null,"actor":"a","kind":"note"}]\n' >"$T/out"
check "jsoncheck rejects a missing field" sh -c "! \"$PYTHON3\" '$IRDESK_SRCDIR/tests/cli/jsoncheck.py' '$MAN' timeline '$T/out' 2>/dev/null"
printf '[{"happened_at":null,"recorded_at":null,"actor":"a","kind":"note","text":"t","x":1}]\n' >"$T/out"
check "jsoncheck rejects an undocumented field" sh -c "! \"$PYTHON3\" '$IRDESK_SRCDIR/tests/cli/jsoncheck.py' '$MAN' timeline '$T/out' 2>/dev/null"
printf '[{"happened_at":null,' >"$T/out"
check "jsoncheck rejects broken JSON" sh -c "! \"$PYTHON3\" '$IRDESK_SRCDIR/tests/cli/jsoncheck.py' '$MAN' timeline '$T/out' 2>/dev/null"
printf '[{"id":"E1","number":1,"asset":null,"kind":"logs","sha256":"0","size":null,"location":null,"holder":"a","exfil":false,"added_at":null,"added_by":"a","custody":[{"at":"2015-05-08 10:30","from":null,"to":"a","by":"a","note":null}]}]' >"$T/out"
check "jsoncheck checks times in nested objects and not named *_at" sh -c "! \"$PYTHON3\" '$IRDESK_SRCDIR/tests/cli/jsoncheck.py' '$MAN' evidence-list '$T/out' 2>/dev/null"
printf '[{"id":"E1","number":1,"asset":null,"kind":"logs","sha256":"0","size":null,"location":null,"holder":"a","exfil":false,"added_at":null,"added_by":"a","custody":[]}]' >"$T/out"
check "jsoncheck passes an empty nested array..." sh -c "\"$PYTHON3\" '$IRDESK_SRCDIR/tests/cli/jsoncheck.py' '$MAN' evidence-list '$T/out' >/dev/null"
check "...but not with --full" sh -c "! \"$PYTHON3\" '$IRDESK_SRCDIR/tests/cli/jsoncheck.py' --full '$MAN' evidence-list '$T/out' 2>/dev/null"

done_testing
