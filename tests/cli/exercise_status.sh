#!/bin/sh
# exercise_status.sh - `irdesk exercise status ID --json`: the exercise
# clock, its state and speed, every inject (released, early, pending, the
# next one marked), the live score at the story time and the items still
# open, parsed by Python's json and checked against irdesk(1)'s JSON
# OUTPUT by jsoncheck.py (every field documented, every documented field
# there, in every nested object).
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

R=2026-12-01T10:00:00Z # the real clock, fixed: the story moves by a minute or a jump
MAN=$IRDESK_SRCDIR/doc/irdesk.1
JSONCHECK="$IRDESK_SRCDIR/tests/cli/jsoncheck.py"

run --now "$R" exercise start jps-2015 --speed 60
X=$(cat "$T/out")
check "an exercise is started" [ "$X" = EX-2015-0001 ]

run --now "$R" exercise status $X --json
check "exercise status --json: exit 0, one line" sh -c "[ $rc -eq 0 ] && [ \"\$(wc -l <'$T/out')\" = 1 ]"
cp "$T/out" "$T/start.json"
check "at the start: the clock at T+0, running at 60x, 2 of 12 injects out, the third next" py_out '
import json, sys
d = json.load(sys.stdin)
want = {"case": "EX-2015-0001", "scenario": "jps-2015", "state": "running", "speed": 60,
        "clock_at": "2015-05-08T00:00:00Z", "offset": "T+0", "offset_seconds": 0,
        "story_start_at": "2015-05-08T00:00:00Z", "started_at": "2026-12-01T10:00:00Z",
        "ended_at": None, "released": 2, "total": 12, "next": 3}
got = {k: d[k] for k in want}
assert got == want, got
assert d["scenario_title"].startswith("Targeted e-mail at a pension service"), d["scenario_title"]
'
check "... every inject in order, the background and T+0 ones released, only the third marked next" py_out '
import json, sys
inj = json.load(sys.stdin)["injects"]
assert [i["no"] for i in inj] == list(range(1, 13)), inj
assert [i["state"] for i in inj[:4]] == ["released", "released", "pending", "pending"], inj[:4]
assert [i["next"] for i in inj] == [False, False, True] + [False] * 9, inj
a, b, c = inj[0], inj[1], inj[3]
assert (a["id"], a["offset"], a["offset_seconds"], a["due_at"], a["released_at"]) == \
	("apr22-ministry", "T-16d", -16 * 86400, "2015-04-22T00:00:00Z", "2015-05-08T00:00:00Z"), a
assert b["released_at"] == "2015-05-08T00:00:00Z", b
assert (c["id"], c["offset"], c["due_at"], c["released_at"]) == \
	("may08-nisc", "T+4h30m", "2015-05-08T04:30:00Z", None), c
assert "NISC" in c["title"], c
'
check "... the score: overall first; nothing done yet, so every item is open and pending" py_out '
import json, sys
d = json.load(sys.stdin)
s, items = d["score"], d["open_items"]
assert s[0]["role"] == "overall", s
assert "csirt-lead" in [x["role"] for x in s[1:]], s
o = s[0]
assert (o["on_time"], o["late"], o["missed"]) == (0, 0, 0), o
assert o["pending"] == len(items) > 0, (o, len(items))
assert sum(x["pending"] for x in s[1:]) == o["pending"], s
assert all(i["outcome"] == "pending" and i["done"] is None and i["late_seconds"] is None for i in items), items
assert [i["due"] for i in items] == sorted(i["due"] for i in items), "not by due time"
w = [i for i in items if i["what"] == "notify csirt-lead"]
assert sorted(i["kind"] for i in w) == ["expectation", "timer"], w
assert all(i["due"] == "2015-05-08T00:15:00Z" for i in w), w
'
check "exercise status --json: documented fields in every object, UTC times" \
	sh -c "'$PYTHON3' '$JSONCHECK' --full '$MAN' exercise-status '$T/start.json' >/dev/null"
check "... and the checker catches a renamed or undocumented field" \
	sh -c "'$PYTHON3' '$JSONCHECK' --mutants '$MAN' exercise-status '$T/start.json' >/dev/null"

# A real minute at 60x is an hour of the story: the 15-minute deadlines pass.
run --now 2026-12-01T10:01:00Z exercise status $X --json
check "a minute later the clock reads T+1h and the 15-minute deadlines are missed" py_out '
import json, sys
d = json.load(sys.stdin)
assert (d["clock_at"], d["offset"], d["offset_seconds"]) == ("2015-05-08T01:00:00Z", "T+1h", 3600), d
m = [i for i in d["open_items"] if i["what"] == "notify csirt-lead"]
assert [i["outcome"] for i in m] == ["missed", "missed"], m
lead = [s for s in d["score"] if s["role"] == "csirt-lead"][0]
assert (lead["missed"], lead["pending"]) == (2, 0), lead
'
"$IRDESK" --now 2026-12-01T10:01:00Z notify $X --to csirt-lead --channel phone >/dev/null
run --now 2026-12-01T10:01:00Z exercise status $X --json
check "a notification scores at once: csirt-lead late twice (timer and expectation), no longer open" py_out '
import json, sys
d = json.load(sys.stdin)
lead = [s for s in d["score"] if s["role"] == "csirt-lead"][0]
assert (lead["on_time"], lead["late"], lead["missed"], lead["pending"]) == (0, 2, 0, 0), lead
assert not [i for i in d["open_items"] if i["what"] == "notify csirt-lead"], d["open_items"]
'

"$IRDESK" --now 2026-12-01T10:01:00Z exercise pause $X
"$IRDESK" --now 2026-12-01T10:01:00Z exercise inject $X next >/dev/null
run --now 2026-12-01T10:30:00Z exercise status $X --json
check "paused: state paused, the clock stands still; an inject released early says so, the next moves on" py_out '
import json, sys
d = json.load(sys.stdin)
assert (d["state"], d["clock_at"], d["released"], d["next"]) == ("paused", "2015-05-08T01:00:00Z", 3, 4), d
i = d["injects"][2]
assert (i["state"], i["released_at"], i["next"]) == ("early", "2015-05-08T01:00:00Z", False), i
assert d["injects"][3]["next"] is True, d["injects"][3]
'
"$IRDESK" --now 2026-12-01T10:30:00Z exercise speed $X 120
"$IRDESK" --now 2026-12-01T10:30:00Z exercise jump $X T+10d
"$IRDESK" --now 2026-12-01T10:30:00Z exercise end $X
run --now 2026-12-01T11:00:00Z exercise status $X --json
check "jumped and ended: speed 120, the injects passed released, ended_at the real time" py_out '
import json, sys
d = json.load(sys.stdin)
assert (d["state"], d["speed"], d["offset"], d["released"], d["ended_at"]) == \
	("ended", 120, "T+10d", 5, "2026-12-01T10:30:00Z"), d
assert [i["state"] for i in d["injects"][3:6]] == ["released", "released", "pending"], d["injects"][3:6]
assert d["next"] == 6, d["next"]
'

"$IRDESK" --now "$R" case new --title "a real case" >/dev/null
run --now "$R" exercise status IR-2026-0001 --json
check "a case that is no exercise: exit 1, saying so" sh -c "[ $rc -eq 1 ] && grep -q '^irdesk: .*not an exercise' '$T/err' && [ ! -s '$T/out' ]"
run exercise status $X --json extra
check "a stray argument is a usage error" status_is 2
done_testing
