#!/bin/sh
# exercise_clock.sh - exercise cases on the dashboard (x) follow their own
# exercise clock, not the real one: the countdown, the overdue count and
# the place in the order of an exercise on a 2015 story are its story's
# (due in 15m at T+0; jumped to T+2h, late by 1h45m, not eleven years),
# and its overdue timers bring up no escalation modal (that is for real
# cases). Real cases stay on the real clock.
. "$IRDESK_SRCDIR/tests/tui/lib.sh"

NOW=2026-05-08T12:00:00Z
ird() { "$IRDESK" --now "$NOW" "$@"; }
ids() { grep -E 'IR-2026-|EX-2015-' "$T/screen" |
	sed -n 's/^.*\(IR-2026-[0-9]*\|EX-2015-[0-9]*\).*$/\1/p' | tr '\n' ' '; }

# A real case due in 5 minutes (its playbook's 15 minutes from 11:50).
"$IRDESK" --now 2026-05-08T11:50:00Z case new --title 'real, due soon' \
	--playbook targeted-email >/dev/null
X=$(ird exercise start jps-2015 --speed 60)

tui_start -- --now "$NOW"
check "the dashboard comes up, the exercise hidden" tui_wait "real, due soon"
tui_keys x
check "x shows the exercise case" tui_wait "EXERCISE"
ex=$(tui_line "$X")
check "at T+0 the exercise is due in 15m on its clock, none overdue" \
	sh -c "printf '%s\n' '$ex' | grep -Eq ' 15m +0 '"
order=$(ids)
check "... so it comes after the real case due in 5m" [ "$order" = "IR-2026-0001 $X " ]
[ "$order" = "IR-2026-0001 $X " ] || { diag "order: $order"; diag "$ex"; }

# Another process jumps the story to 02:00: its timers of 00:15 (twice),
# 00:30 and 01:00 are past.
ird exercise jump "$X" 2015-05-08T02:00:00Z >/dev/null
check "jumped to T+2h, it is 1h45m late (its story's 00:15 at 02:00)" tui_wait "-1h45m"
ex=$(tui_line "$X")
real=$(tui_line 'real, due soon')
check "... with its 4 overdue timers" sh -c "printf '%s\n' '$ex' | grep -Eq -- '-1h45m +4 '"
check "... the real case still on the real clock: due in 5m, none overdue" \
	sh -c "printf '%s\n' '$real' | grep -Eq ' 5m +0 '"
order=$(ids)
check "... the overdue exercise now first" [ "$order" = "$X IR-2026-0001 " ]
[ "$order" = "$X IR-2026-0001 " ] || { diag "order: $order"; diag "$ex"; diag "$real"; }
check "no escalation modal for the exercise's overdue timers" eval '! tui_has OVERDUE'

tui_keys q
check "q quits" tui_wait_exit
done_testing
