#!/bin/sh
# basics.sh - the CLI contract: exit statuses, messages, help, who acts,
# the clock, which store, text that round-trips and text that is escaped.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

NOW=2015-05-08T10:30:00Z
ESC=$(printf '\033')

# ---- help and version ------------------------------------------------------
run --version
check "--version exits 0" status_is 0
check "--version prints the name and a version" grep -Eq '^irdesk [0-9]+\.[0-9]+' "$T/out"

run --help
check "--help exits 0 and writes nothing on stderr" sh -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ]"
for words in "case new" "case list" "case show" "case set" "log" "timeline" "check" "backup" "demo"; do
	check "--help lists '$words'" grep -q "^  $words " "$T/out"
done

for words in "case new" "case list" "case show" "case set" "log" "timeline" "check" "backup" "demo"; do
	# shellcheck disable=SC2086 # the words are two arguments
	run $words --help
	check "'$words --help' exits 0 with its usage" \
		sh -c "[ $rc -eq 0 ] && grep -q '^usage: irdesk .*$words' '$T/out'"
done
check "help never creates a store" test ! -e "$IRDESK_DB"

run case --help
check "'case --help' lists the case commands" sh -c "[ $rc -eq 0 ] && grep -q 'case set' '$T/out'"

# ---- exit statuses and messages ---------------------------------------------
run
check "no command: exit 2" status_is 2

run frobnicate
check "unknown command: exit 2" status_is 2
check "unknown command: 'irdesk: ' on stderr" err_prefixed
check "unknown command: nothing on stdout" out_empty

run case frobnicate
check "unknown case subcommand: exit 2" status_is 2

run --bogus case list
check "unknown global option: exit 2" status_is 2
check "unknown global option: 'irdesk: ' on stderr" err_prefixed

run case list --bogus
check "unknown command option: exit 2" status_is 2
check "unknown command option: named on stderr" err_has "--bogus"

run --now yesterday case list
check "--now with a bad time: exit 2" status_is 2

run case new --title "x" --severity nonsense
check "--severity nonsense: exit 2" status_is 2
check "--severity nonsense: the message names the valid values" \
	sh -c "head -n 1 '$T/err' | grep -q '^irdesk: .*severity.*low, medium, high, critical'"
check "--severity nonsense: no store is created" test ! -e "$IRDESK_DB"

run case new
check "case new without --title: exit 2" status_is 2

run case show IR-2015-0042
check "a missing case: exit 1" status_is 1
check "a missing case: 'irdesk: ' and the id on stderr" \
	sh -c "grep -q '^irdesk: .*IR-2015-0042' '$T/err'"
check "a missing case: nothing on stdout" out_empty

run --now "$NOW" case new --title "first" --severity high
check "case new: exit 0" status_is 0
check "case new prints the new id and only that" \
	sh -c "[ \"\$(cat '$T/out')\" = IR-2015-0001 ]"
check "case new: nothing on stderr" err_empty

run log IR-2015-0001 ""
check "log with empty text: exit 2" status_is 2

run case set IR-2015-0001
check "case set with nothing to change: exit 2" status_is 2

run case set IR-2015-0001 --status nonsense
check "case set --status nonsense: exit 2" status_is 2

# ---- who acts, and the clock --------------------------------------------------
run --now "$NOW" --as alice case new --title "by alice"
hid_alice=$(cat "$T/out")
run case show "$hid_alice" --json
check "--as is recorded as the creator" \
	py_out 'import json,sys; d=json.load(sys.stdin); sys.exit(d["created_by"] != "alice" or d["events"][0]["actor"] != "alice")'

IRDESK_USER=bob
export IRDESK_USER
run --now "$NOW" case new --title "by bob"
hid_bob=$(cat "$T/out")
run --as carol log "$hid_bob" "carol was here"
run timeline "$hid_bob" --json
check "IRDESK_USER is recorded as the actor" \
	py_out 'import json,sys; d=json.load(sys.stdin); sys.exit(d[0]["actor"] != "bob")'
check "--as wins over IRDESK_USER" \
	py_out 'import json,sys; d=json.load(sys.stdin); sys.exit(d[-1]["actor"] != "carol")'
unset IRDESK_USER

run --now 2016-02-29T23:59:58Z case new --title "leap"
check "--now chooses the year of the id" sh -c "[ \"\$(cat '$T/out')\" = IR-2016-0001 ]"
run case show IR-2016-0001 --json
check "--now is the opening time" \
	py_out 'import json,sys; sys.exit(json.load(sys.stdin)["opened_at"] != "2016-02-29T23:59:58Z")'

# ---- which store ----------------------------------------------------------------
IRDESK_DB=$T/env.db run --now "$NOW" case new --title "in env.db"
check "IRDESK_DB chooses the store" sh -c "[ $rc -eq 0 ] && [ -s '$T/env.db' ]"
IRDESK_DB=$T/env.db run case list --json
check "IRDESK_DB: the case is there" \
	py_out 'import json,sys; sys.exit([c["title"] for c in json.load(sys.stdin)] != ["in env.db"])'
IRDESK_DB=$T/env.db run --db "$T/flag.db" --now "$NOW" case new --title "in flag.db"
check "--db wins over IRDESK_DB" sh -c "[ $rc -eq 0 ] && [ -s '$T/flag.db' ]"
IRDESK_DB=$T/env.db run case list --json
check "--db: nothing written to IRDESK_DB's store" \
	py_out 'import json,sys; sys.exit(len(json.load(sys.stdin)) != 1)'

saved_db=$IRDESK_DB
unset IRDESK_DB
run --now "$NOW" case new --title "default store"
check "default store: \$XDG_DATA_HOME/irdesk/irdesk.db" \
	sh -c "[ $rc -eq 0 ] && [ -s '$XDG_DATA_HOME/irdesk/irdesk.db' ]"
XDG_DATA_HOME= run --now "$NOW" case new --title "home store"
check "without XDG_DATA_HOME: ~/.local/share/irdesk/irdesk.db" \
	sh -c "[ $rc -eq 0 ] && [ -s '$HOME/.local/share/irdesk/irdesk.db' ]"
IRDESK_DB=$saved_db
export IRDESK_DB
check "the default stores did not touch IRDESK_DB's" sh -c "! grep -q 'default store' '$IRDESK_DB'"

# ---- Japanese text round-trips byte for byte ---------------------------------------
title='標的型メールによる感染（拠点A）「至急」— 年金 🙂 "q" \b'
printf '%s' "$title" >"$T/title"
run --now "$NOW" case new --title "$title" --lead '田中'
hid_ja=$(cat "$T/out")
run case show "$hid_ja" --json
check "Japanese title round-trips byte for byte through case show --json" \
	py_out "import json,sys; d=json.loads(sys.stdin.buffer.read()); sys.exit(d['title'].encode('utf-8') != open('$T/title','rb').read() or d['lead'] != '田中')"
run case list
check "Japanese title shown as is by case list" grep -qF "$title" "$T/out"

# ---- the timeline: --at and ordering -----------------------------------------------
run --now 2015-05-08T12:00:00Z log IR-2015-0001 "LAN cable pulled" --at 2015-05-08T11:40:00Z
check "log --at: exit 0" status_is 0
run --now 2015-05-08T12:05:00Z log IR-2015-0001 "NISC called MHLW" --at 2015-05-08T10:45:00Z
run --now 2015-05-08T12:06:00Z log IR-2015-0001 "sender blocked"
run log IR-2015-0001 "from the future" --at 2099-01-01T00:00:00Z
check "log --at in the future: exit 2" status_is 2
run log IR-2015-0001 "bad time" --at "next tuesday"
check "log --at with a bad time: exit 2" status_is 2
run timeline IR-2015-0001 --json
check "timeline is ordered by when it happened, not when recorded" \
	py_out 'import json,sys; d=json.load(sys.stdin); sys.exit([e["text"] for e in d] != ["case opened, severity high", "NISC called MHLW", "LAN cable pulled", "sender blocked"])'
check "log --at keeps both times" \
	py_out 'import json,sys; e=json.load(sys.stdin)[1]; sys.exit((e["happened_at"], e["recorded_at"]) != ("2015-05-08T10:45:00Z", "2015-05-08T12:05:00Z"))'
run timeline IR-2015-0001
check "timeline (human) shows the late recording" \
	grep -q '10:45 .*NISC called MHLW  (recorded 2015-05-08 12:05' "$T/out"
check "timeline (human) in the same order" \
	sh -c "grep -o 'NISC called\|LAN cable\|sender blocked' '$T/out' | tr '\n' , | grep -qx 'NISC called,LAN cable,sender blocked,'"

# ---- case set --------------------------------------------------------------------------
run --now 2015-05-08T13:00:00Z --as lead1 case set IR-2015-0001 --status contained \
	--severity critical --lead suzuki --title "renamed"
check "case set: exit 0" status_is 0
run case show IR-2015-0001 --json
check "case set: the fields changed" \
	py_out 'import json,sys; d=json.load(sys.stdin); sys.exit((d["status"], d["severity"], d["lead"], d["title"], d["closed_at"]) != ("contained", "critical", "suzuki", "renamed", None))'
check "case set: each change is on the timeline, with who and when" \
	py_out 'import json,sys
ev = [e for e in json.load(sys.stdin)["events"] if e["kind"] == "change" and e["actor"] == "lead1" and e["happened_at"] == "2015-05-08T13:00:00Z"]
want = {"title changed from first to renamed", "severity changed from high to critical", "status changed from open to contained", "lead changed from (none) to suzuki"}
sys.exit({e["text"] for e in ev} != want)'
run --now 2015-05-08T14:00:00Z case set IR-2015-0001 --status contained
run timeline IR-2015-0001 --json
check "case set to the same value adds nothing" \
	py_out 'import json,sys; sys.exit(sum(e["kind"] == "change" for e in json.load(sys.stdin)) != 5)'
run --now 2015-06-01T09:00:00Z case set IR-2015-0001 --status closed
run case show IR-2015-0001 --json
check "closing sets closed_at" \
	py_out 'import json,sys; sys.exit(json.load(sys.stdin)["closed_at"] != "2015-06-01T09:00:00Z")'
run case list
check "a closed case leaves case list" sh -c "! grep -q '^IR-2015-0001 ' '$T/out'"
run case list --all
check "case list --all shows it" grep -q '^IR-2015-0001 ' "$T/out"

# ---- terminal escapes are shown escaped ----------------------------------------------------
evil="pwn${ESC}]0;owned$(printf '\007')${ESC}[2J${ESC}[31mred"
run --now "$NOW" --as "x${ESC}[1my" case new --title "$evil"
hid_evil=$(cat "$T/out")
run --now "$NOW" log "$hid_evil" "log ${ESC}[5mblink"
for view in "case list" "case show $hid_evil" "timeline $hid_evil"; do
	# shellcheck disable=SC2086
	run $view
	check "'$view' exits 0" status_is 0
	check "'$view' writes no raw ESC byte" sh -c "! grep -q '$ESC' '$T/out'"
	check "'$view' writes no raw BEL byte" sh -c "! grep -q \"\$(printf '\\007')\" '$T/out'"
done
run case show "$hid_evil"
check "escapes are visible as text" grep -qF 'pwn\x1b]0;owned' "$T/out"
run case show "$hid_evil" --json
check "JSON escapes them and keeps them exactly" \
	py_out "import json,sys; raw=sys.stdin.buffer.read(); d=json.loads(raw); sys.exit(b'\\x1b' in raw or d['title'] != 'pwn\\x1b]0;owned\\x07\\x1b[2J\\x1b[31mred')"

# ---- demo data ----------------------------------------------------------------------------------
run --db "$T/demo1.db" demo --cases 60 --seed 7
check "demo --cases 60: exit 0" status_is 0
run --db "$T/demo2.db" demo --cases 60 --seed 7
run --db "$T/demo1.db" case list --all --json
cp "$T/out" "$T/demo1.json"
run --db "$T/demo2.db" case list --all --json
check "demo: the same seed gives the same cases" \
	"$PYTHON3" -c "import json,sys
key = lambda c: (c['id'], c['title'], c['severity'], c['status'], c['lead'])
a, b = (json.load(open(f)) for f in sys.argv[1:])
sys.exit(len(a) != 60 or [key(c) for c in a] != [key(c) for c in b])" "$T/demo1.json" "$T/out"
check "demo: open and closed cases, Japanese and English titles, ids in calendar order" \
	"$PYTHON3" -c "import json,sys
d = json.load(open(sys.argv[1]))
st = {c['status'] for c in d}
ja = [c for c in d if any(ord(ch) > 0x3000 for ch in c['title'])]
by_time = [c['id'] for c in sorted(d, key=lambda c: c['opened_at'])]
by_id = sorted(by_time, key=lambda i: (i[3:7], int(i[8:])))
years = {c['opened_at'][:4] for c in d}
sys.exit(not ('closed' in st and st - {'closed'}) or not ja or len(ja) == len(d)
         or by_time != by_id or len(years) < 5)" "$T/demo1.json"
check "demo: about ten timeline events per case" \
	sh -c "n=\$(sqlite3 '$T/demo1.db' 'SELECT count(*) / 60 FROM events'); [ \$n -ge 8 ] && [ \$n -le 16 ]"
run --db "$T/demo1.db" check
check "demo: the store passes check" status_is 0
run --db "$T/demo1.db" demo --cases many
check "demo --cases many: exit 2" status_is 2
run --db "$T/demo1.db" demo
check "demo without --cases: exit 2" status_is 2

done_testing
