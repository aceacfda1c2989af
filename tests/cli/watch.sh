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
printf 'exercise-hooks = yes\n' >>"$IRDESK_CONFIG" # exercises page only when asked to
"$IRDESK" --now 2015-05-08T20:00:00Z case new --title "tabletop" --exercise >/dev/null
run --now 2015-05-08T21:00:00Z watch --once
check "an exercise timer is flagged IRDESK_EXERCISE=1" grep -q '^EX-2015-0012 32 csirt-lead .* 1 ' "$T/fired"

# Without a hook, watch reports overdue timers and still fires each once.
printf 'default-playbook = targeted-email\n' >"$IRDESK_CONFIG"
"$IRDESK" --now 2015-05-08T20:00:00Z case new --title "no hook" >/dev/null
run --now 2015-05-08T21:00:00Z watch --once
check "without a hook, watch says so and reports the timer" \
	sh -c "[ $rc -eq 0 ] && grep -q 'no escalation-hook' '$T/err' && grep -q 'IR-2015-0013 timer 33' '$T/out'"

run watch --interval 0
check "a bad interval: exit 2" status_is 2

# ---- Stopping, processes left behind, dead watchers, timeouts ----------
# A hook's processes are marked: "sleep 7NNNN" (NNNN: this script's pid)
# is in the argv of each; alive counts the live ones (zombies aside)
# through /proc, the marker passed in the environment, not in an argv.
alive() {
	MARK=$1 "$PYTHON3" -c '
import os
n = 0
for p in os.listdir("/proc"):
    if not p.isdigit() or int(p) == os.getpid():
        continue
    try:
        cmd = open("/proc/%s/cmdline" % p, "rb").read().replace(b"\0", b" ").decode("utf-8", "replace")
        st = open("/proc/%s/stat" % p).read()
    except OSError:
        continue
    if os.environ["MARK"] in cmd and st[st.rindex(")") + 2] != "Z":
        n += 1
print(n)'
}
# wait_for FILE: until it exists (at most a minute: a loaded machine).
wait_for() {
	_w=0
	while [ ! -e "$1" ] && [ $_w -lt 600 ]; do sleep 0.1; _w=$((_w + 1)); done
	[ -e "$1" ]
}
# wait_alive N: until N marked processes are alive (at most a minute).
wait_alive() {
	_w=0
	while [ "$(alive "$M")" -ne "$1" ] && [ $_w -lt 600 ]; do sleep 0.1; _w=$((_w + 1)); done
	[ "$(alive "$M")" -eq "$1" ]
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# (valgrind makes every step slower; the limits stay far below a minute)
STOP_LIMIT_MS=1000 TAKE_LIMIT_MS=30000
[ -n "${IRDESK_VALGRIND:-}" ] && STOP_LIMIT_MS=10000 TAKE_LIMIT_MS=120000
M="sleep 7$$"

# A hook that starts a child in its group and one escaped with setsid,
# then runs for a minute: SIGTERM stops watch at once and kills them all.
cat >"$T/long-hook" <<HOOK
#!/bin/sh
sh -c ': >"$T/long.1"; exec $M' &
setsid sh -c ': >"$T/long.2"; exec $M' &
while [ ! -e "$T/long.1" ] || [ ! -e "$T/long.2" ]; do sleep 0.02; done
: >"$T/long-started"
exec $M
HOOK
chmod 755 "$T/long-hook"
printf 'default-playbook = targeted-email\nescalation-hook = %s\nhook-timeout = 60\n' \
	"$T/long-hook" >"$IRDESK_CONFIG"
"$IRDESK" --now 2015-05-08T20:00:00Z case new --title "long hook" --severity medium >/dev/null
"$IRDESK" --now 2015-05-08T21:00:00Z watch --interval 1 >"$T/ws.out" 2>"$T/ws.err" &
wpid=$!
check "the long hook started, with its children" wait_for "$T/long-started"
check "three marked processes run (the hook, its child, the escapee)" wait_alive 3
t0=$(now_ms)
kill -TERM $wpid
wait $wpid
wrc=$?
stop_ms=$(($(now_ms) - t0))
echo "# watch stopped ${stop_ms} ms after SIGTERM (limit ${STOP_LIMIT_MS} ms; the hook would run 60 s)"
check "SIGTERM during a 60 s hook stops watch within a second" [ $stop_ms -lt $STOP_LIMIT_MS ]
check "... with status 0" [ $wrc -eq 0 ]
n=$(alive "$M")
check "... and the hook, its group and the escapee are gone: $n left" [ "$n" -eq 0 ]
check "the stopped run is recorded as stopped" sh -c "
	[ \"\$(sqlite3 '$IRDESK_DB' \"SELECT exit_status FROM hook_runs WHERE program = '$T/long-hook'\")\" = -3 ]"
check "... and said so" grep -q 'hook .*long-hook FAILED (stopped with the watcher)' "$T/ws.out"
run --now 2015-05-08T21:00:00Z timers IR-2015-0014
check "timers shows it" out_has "HOOK FAILED: hook $T/long-hook stopped with the watcher (attempt 1)"

# A hook that forks and escapes, run 20 times: nothing is left.
cat >"$T/fork-hook" <<HOOK
#!/bin/sh
d="$T/fork.\$\$"
mkdir "\$d"
sh -c ": >\$d/1; exec $M" &
setsid sh -c ": >\$d/2; exec $M" &
(setsid sh -c ": >\$d/3; exec $M" &)
while [ ! -e "\$d/1" ] || [ ! -e "\$d/2" ] || [ ! -e "\$d/3" ]; do sleep 0.02; done
echo forked
HOOK
chmod 755 "$T/fork-hook"
printf 'default-playbook = targeted-email\nescalation-hook = %s\n' "$T/fork-hook" >"$IRDESK_CONFIG"
i=0
while [ $i -lt 20 ]; do
	"$IRDESK" --now 2015-05-08T20:00:00Z case new --title "forking $i" --severity medium \
		>/dev/null
	i=$((i + 1))
done
run --now 2015-05-08T21:00:00Z watch --once
check "twenty runs of a forking hook" sh -c "[ \$(grep -c 'fork-hook ok\$' '$T/out') -eq 20 ]"
check "... each forked three processes" sh -c "[ \$(ls -d '$T'/fork.* | wc -l) -eq 20 ]"
n=$(alive "$M")
echo "# processes left after 20 runs of a hook that forks 3 (2 escaping with setsid): $n"
check "... and none of the 60 is left" [ "$n" -eq 0 ]

# A watcher killed with SIGKILL mid-hook: its claim is taken over at once,
# and the hook runs again only once nothing of the first run is alive.
cat >"$T/kill-hook" <<HOOK
#!/bin/sh
if [ ! -e "$T/kill-first" ]; then
	sh -c 'echo \$\$ >>"$T/kill-first"; exec $M' &
	while [ ! -s "$T/kill-first" ]; do sleep 0.02; done
	echo \$\$ >>"$T/kill-first"
	: >"$T/kill-started"
	exec $M
fi
for p in \$(cat "$T/kill-first"); do
	if [ -e /proc/\$p ] && ! grep -q ') Z ' /proc/\$p/stat; then echo "\$p" >>"$T/overlap"; fi
done
echo again >>"$T/kill-again"
HOOK
chmod 755 "$T/kill-hook"
printf 'default-playbook = targeted-email\nescalation-hook = %s\nhook-timeout = 600\n' \
	"$T/kill-hook" >"$IRDESK_CONFIG"
"$IRDESK" --now 2015-05-08T20:00:00Z case new --title "killed watcher" --severity medium \
	>/dev/null
"$IRDESK" --now 2015-05-08T21:00:00Z watch --interval 1 >"$T/wk.out" 2>"$T/wk.err" &
wpid=$!
check "the first watcher's hook started" wait_for "$T/kill-started"
check "... the hook and its child run" wait_alive 2
t0=$(now_ms)
kill -KILL $wpid
wait $wpid 2>/dev/null
i=0
while [ $i -lt 600 ]; do
	run --now 2015-05-08T21:00:00Z watch --once
	grep -q 'taken over' "$T/out" && break
	sleep 0.05
	i=$((i + 1))
done
take_ms=$(($(now_ms) - t0))
echo "# a SIGKILLed watcher's claim taken over ${take_ms} ms after the kill, in $((i + 1)) pass(es)"
check "the next watcher takes the dead watcher's claim over at once" \
	out_has "(claim of $("$PYTHON3" -c 'import socket; print(socket.gethostname())'):$wpid, which died, taken over)"
check "... well within the old ten minutes" [ $take_ms -lt $TAKE_LIMIT_MS ]
check "the hook ran again, once" sh -c "[ \$(wc -l <'$T/kill-again') -eq 1 ]"
check "... when nothing of its first run was alive" test ! -e "$T/overlap"
check "... (the first run had two processes to watch)" sh -c "[ \$(wc -l <'$T/kill-first') -eq 2 ]"
n=$(alive "$M")
check "nothing of either run is left: $n" [ "$n" -eq 0 ]

# A hook that runs past hook-timeout is recorded as timed out.
cat >"$T/slow-hook" <<HOOK
#!/bin/sh
exec $M
HOOK
chmod 755 "$T/slow-hook"
printf 'default-playbook = targeted-email\nescalation-hook = %s\nhook-timeout = 1\n' \
	"$T/slow-hook" >"$IRDESK_CONFIG"
"$IRDESK" --now 2015-05-08T20:00:00Z case new --title "slow hook" --severity medium >/dev/null
run --now 2015-05-08T21:00:00Z watch --once
check "a timeout is reported as a timeout" out_has "slow-hook FAILED (timed out after 1 s)"
check "... recorded with its own status, not 'could not start'" sh -c "
	[ \"\$(sqlite3 '$IRDESK_DB' \"SELECT exit_status FROM hook_runs WHERE program = '$T/slow-hook'\")\" = -2 ]"
run --now 2015-05-08T21:00:00Z timers --json
check "... and shown as one" py_out '
import json, sys
t = [x for x in json.load(sys.stdin) if x["hook_error"] and "slow-hook" in x["hook_error"]]
assert len(t) == 1 and "timed out after 1 s (attempt 1)" in t[0]["hook_error"], t
'
run --now 2015-05-08T21:00:00Z timeline IR-2015-0036 --json
check "... on the timeline too" py_out '
import json, sys
t = [e["text"] for e in json.load(sys.stdin) if e["kind"] == "escalate"]
assert len(t) == 1 and "FAILED (timed out after 1 s)" in t[0], t
'

run check
check "irdesk check passes after the watchers" status_is 0

done_testing
