#!/bin/sh
# demo_week.sh - the demo store looks like a real week on the dashboard:
# open cases with running timers, some overdue, deadlines coming, every
# severity and several leads, a few closed this week, one exercise; the
# same --now and seed give the same store.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

NOW=2026-12-01T10:00:00Z
run --db "$T/a.db" --now "$NOW" demo --cases 200 --seed 3 --playbook targeted-email
check "demo --cases 200: exit 0" status_is 0
run --db "$T/a.db" --now "$NOW" case list --json
cp "$T/out" "$T/open.json"
run --db "$T/a.db" --now "$NOW" timers --json
cp "$T/out" "$T/timers.json"
run --db "$T/a.db" --now "$NOW" case list --all --json
cp "$T/out" "$T/all.json"
check "open cases of this week: every severity, several leads" "$PYTHON3" -c "
import json, sys
d = [c for c in json.load(open(sys.argv[1])) if c['opened_at'] >= '2026-11-24']
sev = {c['severity'] for c in d}
leads = {c['lead'] for c in d}
sys.exit(not (len(d) >= 6 and sev == {'low', 'medium', 'high', 'critical'} - ({'low'} - sev) and
              len(sev) >= 3 and len(leads) >= 3))" "$T/open.json"
check "running timers: some overdue, deadlines within the hour, others later" "$PYTHON3" -c "
import json, sys
t = [x for x in json.load(open(sys.argv[1])) if x['state'] in ('pending', 'fired')]
over = [x for x in t if x['seconds_left'] < 0]
soon = [x for x in t if 0 <= x['seconds_left'] <= 3600]
later = [x for x in t if x['seconds_left'] > 3600]
sys.exit(not (2 <= len(over) <= 12 and len(soon) >= 3 and later))" "$T/timers.json"
check "a few cases closed this week" "$PYTHON3" -c "
import json, sys
d = [c for c in json.load(open(sys.argv[1])) if c['opened_at'] >= '2026-11-24']
st = [c['status'] for c in d]
sys.exit(not (1 <= st.count('closed') <= 4 and st.count('open') >= 5))" "$T/all.json"
run --db "$T/a.db" --now "$NOW" case list --exercises
check "one exercise, on its own clock" sh -c "[ \$(grep -c '^EX-' '$T/out') -eq 1 ]"
run --db "$T/a.db" --now "$NOW" exercise status "$(grep -o '^EX-[0-9-]*' "$T/out")"
check "... 25 minutes into its story" out_has "(T+25m)"
run --db "$T/b.db" --now "$NOW" demo --cases 200 --seed 3 --playbook targeted-email
# (uuids aside: they are random by design)
for what in "case list --all --json" "timers --json" "case list --exercises --json"; do
	"$IRDESK" --db "$T/a.db" --now "$NOW" $what | sed 's/"uuid":"[^"]*"//g' >"$T/a.out"
	"$IRDESK" --db "$T/b.db" --now "$NOW" $what | sed 's/"uuid":"[^"]*"//g' >"$T/b.out"
	check "the same --now and seed give the same store: $what" cmp -s "$T/a.out" "$T/b.out"
done
run --db "$T/a.db" check
check "the demo store passes check" status_is 0
done_testing
