#!/bin/sh
# timeline.sh - the Timeline tab of a case with more events than its
# window (it reads only about three screens of them around the cursor):
# it opens on the latest, g and G reach both ends, PgUp/PgDn and j/k
# move past the window's edge onto the right event, Enter shows that one.
. "$IRDESK_SRCDIR/tests/tui/lib.sh"

NOW=2026-12-01T12:00:00Z
"$IRDESK" --now 2026-12-01T09:00:00Z case new --title 'A long timeline' --playbook none \
	>/dev/null
C=IR-2026-0001
# 120 events a minute apart from 10:00 (event 000 .. event 119), after
# the case-opened one at 09:00.
i=0
while [ $i -lt 120 ]; do
	n=$(printf '%03d' $i)
	"$IRDESK" --now "$NOW" log $C "event $n" \
		--at "2026-12-01T$(printf '%02d:%02d' $((10 + i / 60)) $((i % 60))):00Z" || break
	i=$((i + 1))
done
check "120 events logged" [ "$(sq "SELECT count(*) FROM events")" -eq 121 ]

# The window at 80x24: 18 rows shown, 54 read.
tui_start -- --now "$NOW"
check "the dashboard comes up" tui_wait "A long timeline"
tui_keys Enter
check "the case opens" tui_wait " $C "
tui_keys 3
check "the Timeline tab opens on the latest event" tui_wait "event 119"
check "... the rows before it shown above" tui_has "event 102"
check "... nothing after it" eval '! tui_has "more v"'

tui_keys g
check "g goes to the first event (the case opened), past the window" tui_wait "case opened"
check "... the events after it shown, and more below" tui_has "more v"
tui_keys Enter
check "... the cursor is on it (Enter shows it in full)" tui_wait "recorded     2026-12-01 09:00"
tui_keys q
tui_keys G
check "G goes to the last event again" tui_wait "event 119"

# From the last row, four pages up (72 rows) is beyond the window read.
tui_keys PPage PPage PPage PPage
check "PgUp four times goes 72 events back" tui_wait "event 047"
tui_keys Enter
check "... onto event 047 (Enter shows it in full)" tui_wait "WHAT HAPPENED event 047"
tui_keys q
# One row at a time up to the first, across the window's edge again.
k=0
while [ $k -lt 48 ]; do tui_keys k; k=$((k + 1)); done
check "k one row at a time past the window's edge reaches the first event" \
	tui_wait "case opened"
tui_keys Enter
check "... exactly (Enter shows it in full)" tui_wait "recorded     2026-12-01 09:00"
tui_keys q
k=0
while [ $k -lt 60 ]; do tui_keys j; k=$((k + 1)); done
tui_keys Enter
check "j sixty times goes to event 059" tui_wait "WHAT HAPPENED event 059"
tui_keys q
tui_keys NPage NPage NPage
tui_keys Enter
check "PgDn three times: 54 events on, event 113" tui_wait "WHAT HAPPENED event 113"
tui_keys q

# Another responder logs an event: with the cursor on the latest event
# the tab follows the tail; elsewhere the cursor stays on its event.
tui_keys G
check "back at the end" tui_wait "event 119"
"$IRDESK" --now "$NOW" log $C "event 120 from another responder" --at 2026-12-01T11:59:00Z
check "an event logged by another process appears (the cursor on the latest follows)" \
	tui_wait "event 120 from another responder" 5
tui_keys Enter
check "... and the cursor is on it" tui_wait "WHAT HAPPENED event 120 from another"
tui_keys q
tui_keys g
check "g again" tui_wait "case opened"
"$IRDESK" --now "$NOW" log $C "event early, logged late" --at 2026-12-01T09:30:00Z
check "an event that happened early takes its place near the top" \
	tui_wait "event early, logged late" 5
tui_keys Enter
check "... the cursor stayed on the first event" tui_wait "recorded     2026-12-01 09:00"
tui_keys q

tui_keys Escape
check "Esc goes back to the dashboard" tui_wait "open 1"
tui_keys q
check "q quits" tui_wait_exit
check "... with status 0" [ "${tui_rc:-}" = 0 ]
done_testing
