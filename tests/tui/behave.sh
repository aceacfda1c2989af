#!/bin/sh
# behave.sh - how the UI behaves around the edges: an exercise case on its
# own clock (header, countdowns, the modal, recorded times, the status
# bar), a step that cannot be done yet saying why before anything is
# typed, tab labels that stay distinct at 80 columns, times in the user's
# time zone.
. "$IRDESK_SRCDIR/tests/tui/lib.sh"

IRDESK_USER=kato
export IRDESK_USER
TZ=UTC
export TZ

# ---- an exercise follows its exercise clock --------------------------------------
R=2026-12-01T10:00:00Z # the real clock, fixed: the story moves by jumps
printf 'default-playbook = none\n' >"$IRDESK_CONFIG"
"$IRDESK" --now "$R" exercise start ransomware-night >/dev/null
X=EX-2026-0001 # story start 2026-03-14T02:10+09:00 = 2026-03-13 17:10 UTC
tui_start -- --now "$R"
tui_wait "kato@" >/dev/null
tui_keys x
tui_wait "$X" && tui_keys Enter
check "an exercise case opens" tui_wait "$X  high  open"
check "... its age on the exercise clock (just started), not the wall clock's 262 days" \
	tui_has "open 0m"
check "... its timers are not overdue on the exercise clock" \
	sh -c "head -n 1 '$T/screen' | grep -q 'overdue 0 *\$'"
check "... so no modal" eval '! tui_has OVERDUE'
check "the status bar shows the exercise's time as such" \
	tui_has "EXERCISE time 2026-03-13 17:10 UTC"
tui_keys 2
check "the Timers tab counts down on the exercise clock" \
	sh -c "tmux -L '$TUI_SOCK' capture-pane -p -t t | grep 'csirt-lead' | grep -q ' 15m'"
"$IRDESK" --now "$R" exercise jump $X T+40m >/dev/null
check "jumped forward by another process: its overdue timers bring the modal" \
	tui_wait "OVERDUE: 4 timers" 10
check "... how late on the exercise clock (csirt-lead due at T+15m: 25m late)" \
	tui_has "25m late  $X notify csirt-lead"
check "... and the status bar moved with it" tui_wait "EXERCISE time 2026-03-13 17:50 UTC" 3
tui_keys Enter
tui_wait "Record the notification" && tui_keys C-x
check "a notification recorded from the modal" tui_wait "OVERDUE: 3 timers"
check "... at the exercise's time, not the wall clock's" \
	[ "$(sq "SELECT at FROM notifications WHERE role = 'csirt-lead'")" = \
	  "$(date -u -d 2026-03-13T17:50:00Z +%s)" ]
tui_keys a
tui_keys o
tui_wait "Go on?" && tui_keys y
tui_wait "reason" && tui_type "drill: later" && tui_keys Enter
tui_wait_gone "OVERDUE"
tui_keys Escape
check "back on the dashboard the status bar shows the real clock again" \
	tui_wait "2026-12-01 10:00 UTC (fixed)"
tui_keys q
tui_wait_exit

# ---- a step that cannot be done yet says why in the modal's form -----------------
IRDESK_DB=$T/step.db
export IRDESK_DB
printf 'default-playbook = targeted-email\n' >"$IRDESK_CONFIG"
"$IRDESK" --now 2026-05-08T11:00:00Z case new --title 'Step case' >/dev/null
"$IRDESK" --now 2026-05-08T11:00:00Z asset add IR-2026-0001 PC-0427 --state infected >/dev/null
"$IRDESK" --now 2026-05-08T11:00:00Z notify IR-2026-0001 --to csirt-lead --channel phone >/dev/null
tui_start -- --now 2026-05-08T11:40:00Z
check "the overdue step deadline is in the modal" tui_wait "10m late  IR-2026-0001 step:"
tui_keys Enter
check "Enter opens the step's form" tui_wait "Do the step"
check "... which says why it cannot be done yet before anything is typed" \
	tui_has "cannot be done yet: PC-0427 is not isolated"
tui_keys Escape
check "Esc goes back to the modal" tui_wait "OVERDUE"

# ---- tab labels at 80x24; times in the user's time zone --------------------------
IRDESK_DB=$T/tabs.db
export IRDESK_DB
"$IRDESK" --now 2026-12-01T09:00:00Z case new --title 'Tabs and zones' --playbook none >/dev/null
"$IRDESK" --now 2026-12-01T09:00:00Z log IR-2026-0001 'first call' --at 2026-12-01T08:30:00Z >/dev/null
TZ=Asia/Tokyo
export TZ
tui_start -x 80 -y 24 -- --now 2026-12-01T09:00:00Z
tui_wait "Tabs and zones" && tui_keys Enter
check "the case opens at 80x24" tui_wait "IR-2026-0001  medium  open"
for n in 1 2 3 4 5 6 7 8 9; do
	tui_keys "$n"
	tui_wait "case" >/dev/null
	sleep 0.2
	tui_screen
	tabs=$(sed -n 3p "$T/screen")
	check "tab $n on screen: every tab's label whole and distinct at 80 columns" sh -c "
		echo '$tabs' | grep -q ' 1 Steps.* 2 Timers.* 3 Timeline.* 4 I' &&
		echo '$tabs' | grep -q ' 5 Blocks.* 6 Assets.* 7 Evid.* 8 Notif.* 9 Decid' &&
		[ \$(echo '$tabs' | wc -L) -le 80 ]"
done
check "the header's opened time is in the user's zone (TZ=Asia/Tokyo)" \
	tui_has "since 2026-12-01 18:00 JST"
check "the status bar's clock too" tui_has "2026-12-01 18:00 JST (fixed)"
tui_keys 3
check "the timeline's times too" tui_wait "2026-12-01 17:30"
check "... not UTC" eval '! tui_has "2026-12-01 08:30"'
check "JSON stays UTC" sh -c "'$IRDESK' case show IR-2026-0001 --json | grep -q '\"opened_at\": *\"2026-12-01T09:00:00Z\"'"
tui_keys q q
tui_wait_exit

# ---- a busy store never freezes the screen ------------------------------------
# lock NAME: another program holds the write lock until $T/NAME is removed.
lock() {
	"$PYTHON3" -c '
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
while os.path.exists(sys.argv[2]):
    time.sleep(0.05)
c.execute("ROLLBACK")
' "$IRDESK_DB" "$T/$1" &
	locker=$!
	while [ ! -e "$T/$1" ]; do sleep 0.05; done
}
logged() { sq "SELECT count(*) FROM events WHERE text = '$1'"; }
TZ=UTC
export TZ
tui_start -- --now 2026-12-01T09:00:00Z
tui_wait "Tabs and zones" && tui_keys Enter
tui_wait "IR-2026-0001  medium  open"
lock held
tui_keys l
tui_wait "Log an event"
tui_type "written once the lock goes"
tui_keys C-x
check "a write meeting a held lock says it is waiting" tui_wait "store locked by another program: waiting"
check "... and the screen goes on redrawing while it waits (the count moves)" \
	tui_wait "waiting 2 s of 10 (Esc gives up)"
check "... nothing written while the lock is held" [ "$(logged 'written once the lock goes')" -eq 0 ]
rm -f "$T/held"
wait "$locker"
check "when the lock goes, the write lands" tui_wait "logged"
check "... once" [ "$(logged 'written once the lock goes')" -eq 1 ]
check "... and the waiting message is gone" eval '! tui_has "store locked"'

lock held
tui_keys l
tui_wait "Log an event"
tui_type "given up"
tui_keys C-x
tui_wait "store locked by another program: waiting"
tui_keys Escape
check "Esc while waiting gives up, saying nothing was written" \
	tui_wait "gave up waiting for the store: nothing written"
check "... the form still open with what was typed" tui_has "given up"
check "... nothing written" [ "$(logged 'given up')" -eq 0 ]
tui_keys Escape
tui_wait_gone "what happened:"
rm -f "$T/held"
wait "$locker"
check "... and nothing written later either (the store is free again)" \
	[ "$(sq "SELECT count(*) FROM events WHERE text = 'given up'")" -eq 0 ]
tui_keys q q
tui_wait_exit

IRDESK_BUSY_TIMEOUT_MS=2000
export IRDESK_BUSY_TIMEOUT_MS
tui_start -- --now 2026-12-01T09:00:00Z
tui_wait "Tabs and zones" && tui_keys Enter
tui_wait "IR-2026-0001  medium  open"
lock held
tui_keys l
tui_wait "Log an event"
tui_type "never written"
start=$(date +%s)
tui_keys C-x
check "a lock held past the limit (IRDESK_BUSY_TIMEOUT_MS=2000): a clear error in the form" \
	tui_wait "store locked by another program for 2 s: nothing written, try again"
check "... after the limit, not a 15-second hang" [ $(( $(date +%s) - start )) -le 6 ]
check "... nothing written" [ "$(logged 'never written')" -eq 0 ]
tui_keys Escape
tui_wait_gone "what happened:"
tui_keys 3
check "... and the screen still answers" tui_wait "first call" 5
rm -f "$T/held"
wait "$locker"
unset IRDESK_BUSY_TIMEOUT_MS
tui_keys q q
tui_wait_exit

done_testing
