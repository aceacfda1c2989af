#!/bin/sh
# watch.sh - `irdesk watch` runs the escalation hook exactly once per
# overdue timer, even with several watchers on one store; a failing hook
# is retried with back-off and the failure is shown; no shell is involved.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

LATER=2015-05-09T00:00:00Z # every timer of the cases below is overdue by then

cat >"$T/hook" <<HOOK
#!/bin/sh
# Record who we were asked to escalate, and check the case arrived on stdin.
json=\$(cat)
printf '%s %s %s %s %s %s\n' "\$IRDESK_CASE" "\$IRDESK_TIMER" "\$IRDESK_TIMER_ROLE" \
	"\$IRDESK_TIMER_DUE" "\$IRDESK_EXERCISE" "\$*" >>"$T/fired"
printf '%s' "\$json" >"$T/stdin.\$IRDESK_TIMER"
if [ -e "$T/fail-once" ]; then rm -f "$T/fail-once"; echo "smtp relay down" >&2; exit 7; fi
exit 0
HOOK
chmod 755 "$T/hook"
printf 'default-playbook = targeted-email\nescalation-hook = %s --literal $(touch %s/pwned);`id`\n' \
	"$T/hook" "$T" >"$IRDESK_CONFIG"

# Ten high-severity cases: three timers each (csirt-lead, executives, ministry).
for i in 0 1 2 3 4 5 6 7 8 9; do
	"$IRDESK" --now "2015-05-08T1$i:00:00Z" case new --title "case $i" --severity high \
		>/dev/null 2>>"$T/setup.err"
done
check "ten cases opened" test ! -s "$T/setup.err"

# Three watchers at once.
for w in 1 2 3; do
	"$IRDESK" --now $LATER watch --once >"$T/w$w.out" 2>"$T/w$w.err" &
done
wait
check "thirty hook runs in all" sh -c "[ \$(wc -l <'$T/fired') -eq 30 ]"
check "each timer's hook ran exactly once" \
	sh -c "[ \$(cut -d' ' -f2 '$T/fired' | sort -u | wc -l) -eq 30 ]"
check "the watchers shared the work and said so on stdout" \
	sh -c "[ \$(cat '$T/w1.out' '$T/w2.out' '$T/w3.out' | grep -c ': hook .* ok\$') -eq 30 ]"
check "no watcher saw a locked store" sh -c "! grep -q locked '$T/w1.err' '$T/w2.err' '$T/w3.err'"

check "the hook got case, timer, role, due time and exercise flag" \
	grep -q '^IR-2015-0001 1 csirt-lead 2015-05-08T10:15:00Z 0 ' "$T/fired"
check "shell metacharacters reached the hook as literal arguments" \
	grep -qF -- '--literal $(touch '"$T"'/pwned);`id`' "$T/fired"
check "... and ran nothing" test ! -e "$T/pwned"
check "the case arrived as JSON on standard input" "$PYTHON3" -c '
import json, sys
c = json.load(open(sys.argv[1]))
assert c["id"] == "IR-2015-0001" and c["timers"][0]["id"] == 1
' "$T/stdin.1"

run --now $LATER watch --once
check "a second pass runs nothing again" sh -c "[ \$(wc -l <'$T/fired') -eq 30 ] && [ ! -s '$T/out' ]"

run --now $LATER timers IR-2015-0001 --json
check "fired timers say so, and stay overdue" py_out '
import json, sys
t = json.load(sys.stdin)
assert all(x["state"] == "fired" and x["overdue"] and x["fired_at"] for x in t), t
'
run --now $LATER timers --due
check "timers --due still exits 3: a hook is not a notification" status_is 3

run --now $LATER notify IR-2015-0001 --to csirt-lead --channel phone
run --now $LATER timers IR-2015-0001 --json
check "the notification satisfies the fired timer" py_out '
import json, sys
t = {x["rule"]: x for x in json.load(sys.stdin)}
assert t["csirt-lead"]["state"] == "satisfied" and not t["csirt-lead"]["overdue"]
'

# A hook that fails, then succeeds.
: >"$T/fail-once"
"$IRDESK" --now 2015-05-08T20:00:00Z case new --title "failing hook" --severity medium >/dev/null
run --now 2015-05-08T21:00:00Z watch --once
check "a failed hook run is reported" out_has "IR-2015-0011 timer 31 (csirt-lead, notify csirt-lead) overdue since 2015-05-08 20:15 UTC: hook $T/hook FAILED"
run --now 2015-05-08T21:00:00Z timers IR-2015-0011
check "timers shows the failure where a responder sees it" out_has "HOOK FAILED: hook $T/hook failed (attempt 1)"
run --now 2015-05-08T21:00:20Z watch --once
check "it is not retried before its back-off" out_empty
run --now 2015-05-08T21:00:31Z watch --once
check "it is retried after the back-off, and succeeds" out_has "IR-2015-0011 timer 31 (csirt-lead, notify csirt-lead) overdue since 2015-05-08 20:15 UTC: hook $T/hook ok"
run --now 2015-05-08T21:01:00Z timeline IR-2015-0011 --json
check "both runs are on the timeline" py_out '
import json, sys
t = [e["text"] for e in json.load(sys.stdin) if e["kind"] == "escalate"]
assert len(t) == 2 and "FAILED (exit 7)" in t[0] and "hook ran" in t[1], t
'
check "both runs are recorded with their exit status and output" sh -c "
	[ \"\$(sqlite3 '$IRDESK_DB' 'SELECT exit_status, output FROM hook_runs WHERE timer_id = 31 ORDER BY id' | tr '\n' '|')\" = '7|smtp relay down||0||' ]"

# Exercise cases say so to the hook.
"$IRDESK" --now 2015-05-08T20:00:00Z case new --title "tabletop" --exercise >/dev/null
run --now 2015-05-08T21:00:00Z watch --once
check "an exercise timer is flagged IRDESK_EXERCISE=1" grep -q '^IR-2015-0012 32 csirt-lead .* 1 ' "$T/fired"

# Without a hook, watch reports overdue timers and still fires each once.
printf 'default-playbook = targeted-email\n' >"$IRDESK_CONFIG"
"$IRDESK" --now 2015-05-08T20:00:00Z case new --title "no hook" >/dev/null
run --now 2015-05-08T21:00:00Z watch --once
check "without a hook, watch says so and reports the timer" \
	sh -c "[ $rc -eq 0 ] && grep -q 'no escalation-hook' '$T/err' && grep -q 'IR-2015-0013 timer 33' '$T/out'"

run watch --interval 0
check "a bad interval: exit 2" status_is 2

run check
check "irdesk check passes after the watchers" status_is 0

done_testing
