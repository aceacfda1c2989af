#!/bin/sh
# playbooks.sh - playbook list/show/check, a case opened under a playbook,
# its steps and timers, and the copy kept in the case.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

PB=$IRDESK_SRCDIR/playbooks
IRDESK_PLAYBOOK_PATH=$T/mine:$PB
export IRDESK_PLAYBOOK_PATH
mkdir -p "$T/mine"

run playbook list
check "playbook list names the shipped playbooks" \
	sh -c "grep -q '^targeted-email	' '$T/out' && grep -q '^ransomware	' '$T/out' && grep -q '^lost-device	' '$T/out'"

run playbook show targeted-email
check "playbook show lists the isolate step with its deadline" \
	sh -c "status_ok=$rc; [ \$status_ok -eq 0 ] && grep -q 'isolate' '$T/out' && grep -q '30m' '$T/out'"

run playbook show no-such-playbook
check "an unknown playbook: exit 1, named" sh -c "[ $rc -eq 1 ] && grep -q 'no-such-playbook' '$T/err'"

run playbook check "$PB/ransomware.playbook"
check "playbook check of a good file: exit 0" status_is 0

printf '[playbook]\nname = bad\ntitle = Bad\n\n[step x]\ntitle = X\ntrigger = asset-infekted\nper = case\n' >"$T/bad.playbook"
run playbook check "$T/bad.playbook"
check "playbook check of a bad file: exit 1" status_is 1
check "... naming the file, the line and the problem" err_has "bad.playbook:7: unknown trigger"

# Without a configuration file, cases follow targeted-email.
IRDESK_CONFIG=$T/no-such-config run --db "$T/builtin.db" case new --title x
IRDESK_CONFIG=$T/no-such-config run --db "$T/builtin.db" case show IR-2026-0001 --json
check "with no configuration, a case follows targeted-email" py_out '
import json, sys
assert json.load(sys.stdin)["playbook"] == "targeted-email"
'
printf 'default-playbook = targeted-email\n' >"$IRDESK_CONFIG"

# A case under the configured default: the lead's timer, and the policy for high severity.
run --now 2015-05-08T10:30:00Z case new --title "標的型メール" --severity high
check "case new under the configured default playbook" status_is 0
run --now 2015-05-08T10:31:00Z timers IR-2015-0001 --json
check "timers: csirt-lead 15m, executives 60m, ministry 120m" py_out '
import json, sys
t = {x["rule"]: x for x in json.load(sys.stdin)}
assert t["csirt-lead"]["due_at"] == "2015-05-08T10:45:00Z", t
assert t["executives"]["due_at"] == "2015-05-08T11:30:00Z"
assert t["ministry"]["due_at"] == "2015-05-08T12:30:00Z"
assert t["csirt-lead"]["seconds_left"] == 14 * 60
assert not t["csirt-lead"]["overdue"]
'

run --now 2015-05-08T10:50:00Z timers --due
check "timers --due exits 3 when a timer is overdue" status_is 3
run --now 2015-05-08T10:40:00Z timers --due
check "timers --due exits 0 when none is" status_is 0

run --now 2015-05-08T10:50:00Z case show IR-2015-0001
check "a command on the case warns of the overdue timer on stderr" \
	err_has "warning: IR-2015-0001: timer 1 is 5m overdue: notify csirt-lead"

run --now 2015-05-08T10:51:00Z timer override IR-2015-0001 1
check "an override without a reason: exit 2" status_is 2
run --now 2015-05-08T10:51:00Z timer override IR-2015-0001 1 --reason "lead on a plane, deputy told"
check "an override with a reason" status_is 0
run --now 2015-05-08T10:52:00Z timers IR-2015-0001 --json
check "the override is recorded and the csirt-lead is due a call" py_out '
import json, sys
t = {x["id"]: x for x in json.load(sys.stdin)}
assert t[1]["state"] == "overridden" and t[1]["override_reason"] == "lead on a plane, deputy told"
o = [x for x in t.values() if x["rule"] == "override"][0]
assert o["role"] == "csirt-lead" and o["due_at"] == "2015-05-08T11:06:00Z", o
'

# The playbook is copied into the case: editing the file later changes nothing.
sed 's/^name = targeted-email$/name = mine/; s/^deadline = 15m$/deadline = 1m/' \
	"$PB/targeted-email.playbook" >"$T/mine/mine.playbook"
run --now 2015-05-09T10:00:00Z case new --title "mine" --playbook mine
check "case new --playbook NAME from the user's directory" status_is 0
sed -i 's/^deadline = 1m$/deadline = 9m/' "$T/mine/mine.playbook"
run --now 2015-05-09T10:00:00Z case set IR-2015-0002 --severity critical
run --now 2015-05-09T10:00:00Z timers IR-2015-0002 --json
check "editing the playbook file does not change a running case" py_out '
import json, sys
t = {x["rule"]: x for x in json.load(sys.stdin)}
assert t["csirt-lead"]["due_at"] == "2015-05-09T10:01:00Z", t["csirt-lead"]
'
run --now 2015-05-09T10:00:00Z case show IR-2015-0002 --json
check "case show --json names the playbook and lists steps and timers" py_out '
import json, sys
c = json.load(sys.stdin)
assert c["playbook"] == "mine" and isinstance(c["steps"], list) and len(c["timers"]) >= 3
'

run case new --title "no playbook" --playbook none
run --now 2015-05-09T10:00:00Z timers IR-2026-0001 --json
check "--playbook none opens a case with no timers" sh -c "[ \"\$(cat '$T/out')\" = '[]' ]"

run case new --title x --playbook ../etc/passwd
check "a playbook name with a path is refused" sh -c "[ $rc -ne 0 ]"

# Steps: manual ones can be done; skipping needs a reason; done twice is refused.
run --now 2015-05-08T11:00:00Z step list IR-2015-0001 --json
check "step list --json" py_out '
import json, sys
s = json.load(sys.stdin)
assert any(x["key"] == "lessons" and x["state"] == "pending" for x in s), s
'
run --now 2015-05-08T11:00:00Z step assign IR-2015-0001 lessons suzuki
check "step assign" status_is 0
run --now 2015-05-08T11:00:00Z step skip IR-2015-0001 lessons
check "step skip without --reason: exit 2" status_is 2
run --now 2015-05-08T11:00:00Z step start IR-2015-0001 lessons
check "step start" status_is 0
run --now 2015-05-08T11:05:00Z step done IR-2015-0001 lessons --note "held on May 9"
check "step done" status_is 0
run --now 2015-05-08T11:06:00Z step done IR-2015-0001 lessons
check "done twice: exit 1, said why" sh -c "[ $rc -eq 1 ] && grep -q 'already done' '$T/err'"
run step done IR-2015-0001 no-such-step
check "an unknown step: exit 1" status_is 1

run --now 2015-05-08T11:40:00Z case show IR-2015-0001
check "case show lists open timers, the overdue ones marked, and steps" sh -c "
	grep -q '^Open timers' '$T/out' && grep -q 'OVERDUE notify executives' '$T/out' &&
	grep -q '^Steps' '$T/out' && grep -q 'done     Hold a lessons-learned review' '$T/out'"

run check
check "irdesk check passes after all this" status_is 0

done_testing
