#!/bin/sh
# terminals.sh - the terminals irdesk must work on, colours by meaning
# with a monochrome scheme (NO_COLOR), and a busy store that never
# freezes the screen.
. "$IRDESK_SRCDIR/tests/tui/lib.sh"

NOW=2026-05-08T12:00:00Z
"$IRDESK" --now 2026-05-08T11:00:00Z case new --title 'Ransomware on FS01' --severity critical >/dev/null
"$IRDESK" --now 2026-05-08T11:10:00Z case new --title 'Lost laptop' --severity low >/dev/null

for term in xterm-256color screen tmux-256color vt100 linux; do
	tui_start -t "$term" -- --now "$NOW"
	check "TERM=$term: the dashboard draws" tui_wait "open 2"
	tui_keys j
	check "TERM=$term: keys work" tui_wait "2/2"
	tui_keys q
	check "TERM=$term: q quits with status 0" eval 'tui_wait_exit && [ "$tui_rc" = 0 ]'
done

# Colours by meaning, or none at all with NO_COLOR.
colours() { tmx capture-pane -p -e -t t | grep -c "$(printf '\033')\\[[0-9;]*[34][0-7]m"; }
tui_start -- --now "$NOW"
tui_wait "open 2"
check "colours on a colour terminal" [ "$(colours)" -gt 0 ]
tui_keys q
tui_wait_exit
tui_start -e NO_COLOR=1 -- --now "$NOW"
tui_wait "open 2"
check "NO_COLOR: the monochrome scheme, no colour at all" [ "$(colours)" -eq 0 ]
check "... the cursor row still marked (reverse video)" \
	eval 'tmx capture-pane -p -e -t t | grep -q "$(printf "\033")\\[7m"'
tui_keys q
tui_wait_exit

# A busy store: another program holds the write lock. The UI's write
# waits with a message and the screen alive; Esc gives up (nothing
# written); the screen keeps working. (tests/tui/behave.sh: the write
# landing when the lock goes, and the limit.)
"$PYTHON3" -c '
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
while os.path.exists(sys.argv[2]):
    time.sleep(0.05)
c.execute("ROLLBACK")
' "$IRDESK_DB" "$T/locked" &
locker=$!
while [ ! -e "$T/locked" ]; do sleep 0.05; done
tui_start -- --now "$NOW"
tui_wait "open 2"
start=$(date +%s)
tui_keys :
tui_type "log IR-2026-0001 'written while locked'"
tui_keys Enter
check "a write to a locked store says so at once" tui_wait "locked by another program" 10
check "... within a few seconds, not a 15-second hang" [ $(( $(date +%s) - start )) -le 5 ]
tui_keys Escape
check "Esc gives up waiting, with a message" tui_wait "gave up waiting for the store"
tui_keys q
tui_wait_gone "gave up waiting for the store"
tui_keys j
check "... and the screen still answers" tui_wait "2/2"
check "... nothing written" [ "$(sq "SELECT count(*) FROM events WHERE text = 'written while locked'")" -eq 0 ]
rm -f "$T/locked"
wait "$locker"
tui_keys q
tui_wait_exit
done_testing
