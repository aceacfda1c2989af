#!/bin/sh
# exercise.sh - tabletop exercises: scenarios, the simulated clock, injects
# released exactly once, timers on the exercise clock, the after-action
# report of a team that does everything on time and of one that repeats
# 2015, exports read by real parsers, the HTML report in a real browser.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

R=2026-12-01T10:00:00Z # the real clock, fixed: the story moves by jumps
TEAM="$IRDESK_SRCDIR/tests/cli/exercise_team.py"
SC="$IRDESK_SRCDIR/playbooks/scenarios"
BAD="$IRDESK_SRCDIR/tests/data/scenarios"
printf 'default-playbook = none\n' >"$IRDESK_CONFIG"

# ---- scenarios ----------------------------------------------------------------
run scenario list
check "scenario list names the shipped scenarios, with their titles" sh -c "
	grep -q '^jps-2015	.*/scenarios/jps-2015.scenario	Targeted e-mail at a pension service, May 2015\$' '$T/out' &&
	grep -q '^ransomware-night	' '$T/out'"
run scenario check "$SC/jps-2015.scenario"
check "scenario check of jps-2015: ok, 12 injects" out_has "scenario jps-2015, 12 injects"
run scenario show jps-2015
check "scenario show lists the injects and the reference timeline" sh -c "
	grep -q '5. T+10d may18-wave' '$T/out' &&
	grep -q 'executives: 2015-05-25T03:00:00Z: Executives told' '$T/out' &&
	grep -q '日本年金機構' '$T/out'"
mkdir -p "$HOME/.config/irdesk/scenarios"
sed 's/^name = ransomware-night/name = my-drill/' "$SC/ransomware-night.scenario" \
	>"$HOME/.config/irdesk/scenarios/my-drill.scenario"
run scenario list
check "a scenario in ~/.config/irdesk/scenarios is found" out_has "my-drill	$HOME/.config/irdesk/scenarios/my-drill.scenario"
run scenario check "$BAD/bad-order.scenario"
check "a bad scenario: exit 1 naming the file, the line and the problem" sh -c "
	[ $rc -eq 1 ] && grep -q '^irdesk: .*/bad-order.scenario:12: inject \"early\" comes before' '$T/err'"
run scenario check "$BAD/bad-offset.scenario"
check "... a bad offset, with its line" err_has "bad-offset.scenario:7: bad offset \"4h30m\""
run exercise start "$BAD/bad-expect-indicator.scenario"
check "a bad scenario never starts an exercise" sh -c "[ $rc -eq 2 ] && [ ! -e '$IRDESK_DB' ]"

# ---- the clock --------------------------------------------------------------------
run --now "$R" exercise start jps-2015 --speed 60
check "exercise start prints the exercise case's id" sh -c "[ $rc -eq 0 ] && [ \"\$(cat '$T/out')\" = EX-2015-0001 ]"
X=EX-2015-0001
"$IRDESK" --now "$R" case new --title "a real case" >/dev/null
run case list
check "case list shows real cases only" sh -c "grep -q IR-2026-0001 '$T/out' && ! grep -q $X '$T/out'"
run case list --exercises
check "case list --exercises shows the exercise" sh -c "grep -q $X '$T/out' && ! grep -q IR-2026 '$T/out'"
run --now "$R" case show $X
check "case show says EXERCISE" out_has "*** EXERCISE"
run --now "$R" exercise status $X
check "at the start, the background and T+0 injects are out" sh -c "
	grep -q 'injects   2 of 12 released' '$T/out' && grep -q 'clock     2015-05-08T00:00:00Z (T+0) running, speed 60x' '$T/out'"
run --now "$R" timers $X --json
check "timers follow the exercise clock: csirt-lead due 15 minutes after the story start" py_out '
import json, sys
t = {x["rule"]: x for x in json.load(sys.stdin)}
assert t["csirt-lead"]["due_at"] == "2015-05-08T00:15:00Z", t["csirt-lead"]
assert t["csirt-lead"]["seconds_left"] == 900, t["csirt-lead"]
'
run --now "$R" timers --json
check "timers of every case lists real cases only" py_out '
import json, sys
assert not [t for t in json.load(sys.stdin) if t["case"].startswith("EX-")]
'
run --now 2026-12-01T10:01:00Z exercise status $X
check "one real minute at speed 60 is an hour of the story" out_has "clock     2015-05-08T01:00:00Z (T+1h)"
run --now 2026-12-01T10:01:00Z exercise pause $X
run --now 2026-12-01T10:30:00Z exercise status $X
check "paused, the clock stands still" sh -c "grep -q 'T+1h) PAUSED' '$T/out' && grep -q '2 of 12' '$T/out'"
run --now 2026-12-01T10:30:00Z exercise pause $X
check "pausing twice: exit 1" status_is 1
run --now 2026-12-01T10:30:00Z exercise resume $X
run --now 2026-12-01T10:31:00Z exercise status $X
check "resumed, it runs on from where it stood, and T+2h's inject arrives" sh -c "
	grep -q 'clock     2015-05-08T02:00:00Z (T+2h) running' '$T/out' && grep -q '3 of 12' '$T/out'"
run --now 2026-12-01T10:31:00Z --as nisc-desk notify $X --to csirt-lead --channel phone
run --now 2026-12-01T10:31:00Z notifications $X --json
check "a notification in an exercise is recorded at story time" py_out '
import json, sys
n = json.load(sys.stdin)
assert [x["at"] for x in n] == ["2015-05-08T02:00:00Z"], n
'
run --now 2026-12-01T10:31:00Z exercise jump $X T+1h
check "jumping back: exit 2" sh -c "[ $rc -eq 2 ] && grep -q 'cannot jump back' '$T/err'"
run --now 2026-12-01T10:31:00Z exercise jump $X 2015-05-18T06:00:00Z
run --now 2026-12-01T10:31:00Z exercise status $X
check "a jump skips quiet days and releases what is due" sh -c "grep -q '5 of 12' '$T/out' && grep -q '6 T+11d     pending' '$T/out'"
run --now 2026-12-01T10:31:00Z exercise inject $X next
check "inject next releases the next one early" sh -c "[ $rc -eq 0 ] && grep -q 'inject 6 released' '$T/out'"
run --now 2026-12-01T10:31:00Z exercise inject $X 6
check "an inject is released once: again is exit 1" sh -c "[ $rc -eq 1 ] && grep -q 'already released' '$T/err'"
run --now 2026-12-01T10:31:00Z exercise end $X
run --now 2026-12-01T12:00:00Z exercise status $X
check "ended, the clock stops for good" sh -c "grep -q 'T+10d6h) ended' '$T/out' && grep -q '6 of 12' '$T/out'"

# ---- exactly once with several processes -------------------------------------
run --now "$R" exercise start ransomware-night --speed 100000
Y=$(cat "$T/out")
pids=
for p in 1 2 3 4 5 6; do
	"$IRDESK" --now 2026-12-01T10:00:30Z --as "p$p" exercise status "$Y" >/dev/null 2>"$T/race.$p" &
	pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids
check "six processes racing: no error" sh -c "! cat '$T'/race.* | grep -q ."
check "... each inject released exactly once" sh -c "
	[ \"\$(sqlite3 '$IRDESK_DB' \"SELECT count(*), count(DISTINCT inject_no) FROM exercise_injects x JOIN exercises e ON e.id = x.exercise_id JOIN cases c ON c.id = e.case_id WHERE c.hid = '$Y'\")\" = '3|3' ]"
run --now 2026-12-01T10:00:30Z timeline "$Y" --json
check "... and each on the timeline once, in order" py_out '
import json, sys
t = [e["text"] for e in json.load(sys.stdin) if e["text"].startswith("EXERCISE inject ") and " released: " in e["text"]]
assert [x.split()[2] for x in t] == ["1", "2", "3"], t
'

# ---- a full run of jps-2015 by two teams --------------------------------------
STAGES="T+1m:may08-mails T+2h1m:may08-beacon T+4h31m:may08-nisc T+10d1m:may18-wave
T+11d1m:may19-wave T+12d1m:may20-spread T+13d1m:may21-nisc T+14d1m:may22-site-a
T+15d1m:may23-site-b T+17d1m:may25-post T+20d1m:may28-police"

# play TEAM CASE: jump to each inject and let the team act.
play() {
	: >"$T/play.$1"
	for st in $STAGES; do
		"$IRDESK" --now "$R" exercise jump "$2" "${st%%:*}" >>"$T/play.$1" 2>&1 || echo "jump failed" >>"$T/play.$1"
		"$PYTHON3" "$TEAM" "$IRDESK" "$2" "$R" "$1" "${st#*:}" 2>&1 | grep -v ': warning: ' >>"$T/play.$1"
	done
}

run --now "$R" exercise start jps-2015 --title "good team"
G=$(cat "$T/out")
play good "$G"
check "the good team's run had no error" sh -c "[ ! -s '$T/play.good' ] || { cat '$T/play.good' | sed 's/^/# /'; false; }"
run --now "$R" timeline "$G" --json
check "the injects arrived in order, each once" py_out '
import json, sys
t = [e["text"] for e in json.load(sys.stdin) if e["text"].startswith("EXERCISE inject ") and " released: " in e["text"]]
assert [int(x.split()[2]) for x in t] == list(range(1, 13)), t
'
run --now "$R" report "$G" --format json
cp "$T/out" "$T/good.json"
check "report json: every field documented in irdesk(1)" \
	"$PYTHON3" "$IRDESK_SRCDIR/tests/cli/jsoncheck.py" "$IRDESK_SRCDIR/doc/irdesk.1" report "$T/good.json"
check "good team: every deadline met, none late, none missed" py_out '
import json, sys
r = json.load(sys.stdin)
o = r["score"][0]
assert r["marking"] == "EXERCISE" and o["role"] == "overall", r["score"]
assert o["late"] == 0 and o["missed"] == 0 and o["pending"] == 0 and o["on_time"] >= 60, o
assert all(i["outcome"] == "on_time" for i in r["items"])
c = {x["what"]: x for x in r["comparison"]}
assert c["Executives told"]["reference_seconds"] == 17 * 86400 + 3 * 3600, c
assert c["Executives told"]["exercise_seconds"] == 4 * 3600 + 31 * 60, c
assert c["Sender address blocked"]["reference_seconds"] is None, c
assert c["Sender address blocked"]["exercise_seconds"] == 60, c
assert r["unblocked_indicators"] == [], r["unblocked_indicators"]
'

run --now "$R" exercise start jps-2015 --title "2015 again"
B=$(cat "$T/out")
play bad "$B"
run --now "$R" report "$B" --format json
cp "$T/out" "$T/bad.json"
check "the 2015 team: executives told 17 days late, as then" py_out '
import json, sys
r = json.load(sys.stdin)
x = [i for i in r["items"] if i["kind"] == "expectation" and i["what"] == "notify executives"]
first = x[0]
assert first["source"] == "may08-nisc" and first["outcome"] == "late", first
assert first["due"] == "2015-05-08T05:30:00Z" and first["done"] == "2015-05-25T00:01:00Z", first
assert first["late_seconds"] == 16 * 86400 + 18 * 3600 + 31 * 60, first
c = {x["what"]: x for x in r["comparison"]}
assert c["Executives told"]["exercise_seconds"] == 17 * 86400 + 60, c
'
check "... never decided disconnection: every decision expectation missed" py_out '
import json, sys
r = json.load(sys.stdin)
d = [i for i in r["items"] if i["what"] == "decision full-disconnect"]
assert len(d) == 3 and all(i["outcome"] == "missed" and i["done"] is None for i in d), d
assert r["decisions"] == []
c = {x["what"]: x for x in r["comparison"]}
assert c["Full Internet disconnection decided"]["exercise_seconds"] is None
'
check "... blocked C&C by sub-domain: domain blocks missed, hosts listed as blocked by host only" py_out '
import json, sys
r = json.load(sys.stdin)
b = [i for i in r["items"] if i["what"].startswith("block-domain ")]
assert len(b) == 3 and all(i["outcome"] == "missed" for i in b), b
u = {x["indicator"]: x["problem"] for x in r["unblocked_indicators"]}
assert u["http://www.evil-cdn.co.jp/news/index.php?id=q1"] == "blocked by host only", u
assert u["nenkin-info@mail-sv.example"] == "never blocked", u
o = r["score"][0]
assert o["missed"] > 40 and o["late"] == 3 and o["on_time"] == 3, o
'
run --now "$R" report "$B"
check "the Markdown report compares with 2015 in words" sh -c "
	grep -q '^> \*\*EXERCISE' '$T/out' &&
	grep -q '^| Executives told | 17d03h | 17d00h | may08-mails |\$' '$T/out' &&
	grep -q 'late by 16d18h' '$T/out'"

# ---- the HTML report -----------------------------------------------------------
run --now "$R" report "$B" --format html --output "$T/report.html"
check "report --output writes the file 0600" sh -c "[ $rc -eq 0 ] && [ \"\$(stat -c %a '$T/report.html')\" = 600 ]"
check "the HTML page is self-contained: no script, no external reference" sh -c "
	! grep -qi '<script' '$T/report.html' && ! grep -Eqi '(src|href)=\"(https?:)?//' '$T/report.html' &&
	grep -q '<svg' '$T/report.html' && grep -q '日本年金機構' '$T/report.html'"
"$IRDESK" --now "$R" log "$B" 'odd <b>title</b> & "quotes"' >/dev/null 2>&1
run --now "$R" report "$B" --format html
check "stored text is escaped in the HTML" sh -c "! grep -q '<b>title</b>' '$T/out'"
if command -v chromium >/dev/null 2>&1; then
	(cd "$T" && HOME="$T/home" timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--user-data-dir="$T/chrome" --window-size=1000,1400 \
		--screenshot="$T/report.png" "file://$T/report.html" >"$T/chrome.log" 2>&1)
	HOME="$T/home" timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--user-data-dir="$T/chrome" --dump-dom "file://$T/report.html" >"$T/dom.html" 2>>"$T/chrome.log"
	check "chromium rendered the report: a PNG that is not blank" "$PYTHON3" -c '
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w, h = 8, b"", 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IHDR":
        w, h = struct.unpack(">II", data[pos + 8:pos + 16])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
assert w > 500 and h > 500, (w, h)
assert len(set(raw[1:w * 3:3])) > 1 or len(set(raw)) > 8, "one colour only"
' "$T/report.png"
	check "... and the DOM holds the text, Japanese intact" sh -c "
		grep -q 'After-action report' '$T/dom.html' && grep -q 'EXERCISE' '$T/dom.html' &&
		grep -q '日本年金機構への標的型メール攻撃' '$T/dom.html' && grep -q 'Executives told' '$T/dom.html'"
else
	skip "chromium rendered the report" "chromium is not installed"
	skip "... and the DOM holds the text" "chromium is not installed"
fi

# ---- exports ------------------------------------------------------------------------
"$IRDESK" --now "$R" log "$B" 'a line with, a comma and "quotes"
and a second line' >/dev/null 2>&1
run --now "$R" export "$G" --format json
cp "$T/out" "$T/good-export.json"
check "export json: every field documented in irdesk(1)" \
	"$PYTHON3" "$IRDESK_SRCDIR/tests/cli/jsoncheck.py" "$IRDESK_SRCDIR/doc/irdesk.1" export "$T/good-export.json"
check "... and the checker catches a renamed or undocumented field" \
	"$PYTHON3" "$IRDESK_SRCDIR/tests/cli/jsoncheck.py" --mutants "$IRDESK_SRCDIR/doc/irdesk.1" export "$T/good-export.json"
run --now "$R" export "$B" --format json
check "export --format json: the whole case, valid JSON, marked EXERCISE, with the audit head" py_out '
import json, sys
d = json.load(sys.stdin)
assert d["marking"] == "EXERCISE" and d["exercise"] is True and d["id"].startswith("EX-")
assert len(d["audit_head"]["hash"]) == 64 and d["audit_head"]["seq"] > 100, d["audit_head"]
assert len(d["audit_head"]["key"]) == 64 and len(d["audit_head"]["signature"]) == 128, d["audit_head"]
i = {x["raw"]: x for x in d["indicators"]}
assert i["http://www.evil-cdn.co.jp/news/index.php?id=q1"]["registrable_domain"] == "evil-cdn.co.jp"
for k in ("events", "indicators", "blocks", "assets", "evidence", "notifications", "decisions", "steps", "timers"):
    assert isinstance(d[k], list), k
assert any(e["exfil"] for e in d["evidence"]) and d["evidence"][0]["custody"], d["evidence"][0]
'
cp "$T/out" "$T/export.json"
sqlite3 "$IRDESK_DB" "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1" >"$T/head"
check "the audit head is the newest audit record" py_out "
import json, sys
d = json.load(sys.stdin)
seq, h = open('$T/head').read().strip().split('|')
assert d['audit_head']['seq'] == int(seq) and d['audit_head']['hash'] == h
"
run --now "$R" export "$B" --format csv --output "$T/timeline.csv"
check "export --format csv: the timeline, read back by Python's csv module" "$PYTHON3" -c '
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == ["happened_at", "recorded_at", "actor", "kind", "text", "marking"], rows[0]
n = len(json.load(open(sys.argv[2]))["events"])
assert len(rows) == n + 1, (len(rows), n)
texts = [r[4] for r in rows]
assert "a line with, a comma and \"quotes\"\nand a second line" in texts
assert all(r[5] == "EXERCISE" for r in rows[1:])
assert any("日本年金機構" in t or "厚労省" in t for t in texts)
assert open(sys.argv[1], "rb").read().count(b"\r\n") >= n + 1
' "$T/timeline.csv" "$T/export.json"
run --now "$R" export "$B" --format md
check "export --format md: readable sections, marked EXERCISE" sh -c "
	grep -q '^> \*\*EXERCISE' '$T/out' && grep -q '^## Indicators' '$T/out' &&
	grep -q '^## Evidence and custody' '$T/out' && grep -q '^## Audit chain head' '$T/out' &&
	grep -q 'evil-cdn.co.jp' '$T/out'"
run export "$B" --format pdf
check "an unknown export format: exit 2" status_is 2
run --now "$R" report IR-2026-0001
check "a real case gets the report without the comparison, not marked EXERCISE" sh -c "
	[ $rc -eq 0 ] && ! grep -q 'EXERCISE' '$T/out' && ! grep -q 'Compared with' '$T/out' &&
	grep -q '^## Score' '$T/out'"

# ---- hooks -------------------------------------------------------------------------
cat >"$T/hook" <<HOOK
#!/bin/sh
cat >/dev/null
echo "\$IRDESK_CASE \$IRDESK_EXERCISE" >>"$T/paged"
HOOK
chmod 755 "$T/hook"
printf 'escalation-hook = %s\n' "$T/hook" >"$IRDESK_CONFIG"
run --now "$R" exercise start ransomware-night
W=$(cat "$T/out")
run --now "$R" watch --once
check "an exercise pages nobody by default" sh -c "[ $rc -eq 0 ] && ! grep -q '^EX-' '$T/paged' 2>/dev/null"
check "... watch says so" out_has "hook - (exercise) ok"
check "... and an exercise's timer is overdue by its story time, not the real time" sh -c "
	! grep -q '^$W ' '$T/out' && grep -q '^$B timer .* overdue since 2015-05-08' '$T/out'"
run --now "$R" exercise jump "$W" T+16m
run --now "$R" watch --once
grep -c "^$W " "$T/out" >"$T/nw"
check "... once its story passes the due time, it is reported" grep -q "^$W timer [0-9]* (csirt-lead, notify csirt-lead) overdue" "$T/out"
run --now "$R" timers "$W" --json
check "... it and only the others due by then (T+16m)" py_out "
import json, sys
t = json.load(sys.stdin)
fired = [x for x in t if x['fired_at']]
assert len(fired) == int(open('$T/nw').read()) >= 1, fired
assert all(x['due_at'] < '2026-03-13T17:26:00Z' for x in fired), fired
assert any(x['due_at'] >= '2026-03-13T17:26:00Z' for x in t if not x['fired_at'])
"
run check
check "irdesk check passes after all this" status_is 0

done_testing
