#!/bin/sh
# facilitator.sh - the facilitator's screen (ui/exercise_view.c): reached
# by F from the dashboard and the case screen; the exercise clock, the
# injects released and pending (the next one marked), the live score and
# the open items; n releases the next inject (it shows as released and on
# the case's timeline), r one by its number, p pauses (the clock stops), c
# resumes, s sets the speed, t jumps (checked as the CLI checks; the
# injects due come out), E ends after a confirmation; `?` lists the keys.
# Then on the real clock: the clock moves by itself, stops when paused,
# and an inject another process releases appears.
. "$IRDESK_SRCDIR/tests/tui/lib.sh"

# The fixed clock is the story's start, so the real clock (the case
# screen's) and the story's agree when the case screen is opened.
NOW=2015-05-08T00:00:00Z
ird() { "$IRDESK" --now "$NOW" "$@"; }

ird case new --title 'a real case' >/dev/null
X=$(ird exercise start jps-2015 --speed 60)

tui_start -- --now "$NOW"
check "the dashboard comes up, the exercise hidden" tui_wait "a real case"
tui_keys F
check "F on a real case says the screen is for exercises" tui_wait "not an exercise"
tui_keys x
tui_wait "$X"
tui_keys /
tui_type "$X"
tui_keys Enter
tui_wait "1/1"
tui_keys F
check "F on the exercise opens the facilitator's screen" tui_wait "Facilitator  $X"
check "... marked EXERCISE, naming the scenario" \
	sh -c "head -n 1 '$T/screen' | grep -q 'EXERCISE.*scenario jps-2015'"
check "... the clock: story time, T+ offset, running, speed" \
	tui_has "clock 2015-05-08 00:00:00 UTC  T+0  running  speed 60x"
check "... how many injects are out" tui_has "2/12 released"
check "... the background and T+0 injects released, with when" \
	sh -c "grep -q '^  1 T-16d  *released 05-08 00:00 April' '$T/screen' &&
	       grep -q '^  2 T+0  *released 05-08 00:00 Two mails' '$T/screen'"
check "... the next inject marked, the others pending with their time" \
	sh -c "grep -q '^  3 T+2h  *NEXT  *05-08 02:00 Four hours' '$T/screen' &&
	       grep -q '^ 12 T+20d  *pending  *05-28 00:00 The police' '$T/screen'"
check "... the live score, overall and per role" \
	sh -c "grep -q 'overall  *0  *0  *0  *[1-9]' '$T/screen' && grep -q 'csirt-lead  *0  *0  *0  *2' '$T/screen'"
check "... and the open items with their countdown" tui_has "15m csirt-lead   timer  notify csirt-lead"

# n: the next inject now.
tui_keys n
check "n releases the next inject" tui_wait "inject 3 released: Four hours"
check "... it shows as released early, the one after it next" \
	sh -c "grep -q '^  3 T+2h  *early  *05-08 00:00' '$T/screen' && grep -q '^  4 T+4h30m  *NEXT' '$T/screen'"
check "... 3 of 12 out" tui_has "3/12 released"
check "... once, in the store" [ "$(sq "SELECT count(*) FROM exercise_injects")" = 3 ]
tui_keys Enter
check "Enter opens the exercise's case screen" tui_wait " $X  medium  open"
tui_keys 3
check "... whose timeline shows the inject released" tui_wait "EXERCISE inject 3 released: Four hours"
tui_keys F
check "F on the case screen goes back to the facilitator's screen below it" tui_wait "Facilitator  $X"

# p pauses, c resumes.
tui_keys p
check "p pauses: the clock says PAUSED" tui_wait "T+0  PAUSED  speed 60x"
run --now "$NOW" exercise status $X
check "... as the CLI says" out_has "(T+0) PAUSED"
tui_keys p
check "p again says it is already paused" tui_wait "$X: the exercise is alr"
tui_keys c
check "c resumes" tui_wait "T+0  running  speed 60x"

# s: the speed, checked as the CLI checks it.
tui_keys s
tui_wait "Exercise clock speed"
tui_keys C-u
tui_type 0
tui_keys Enter
check "s refuses a speed of 0, saying what it takes" tui_wait "the speed is a whole number from 1 to 100000"
tui_keys C-u
tui_type 120
tui_keys Enter
check "... and sets 120" tui_wait "running  speed 120x"
check "... in the store" [ "$(sq "SELECT speed FROM exercises")" = 120 ]

# t: jump, checked as the CLI checks it; the injects due come out.
tui_keys t
check "t asks where to jump, offering the next inject's time" tui_wait "jump to: T+4h30m"
check "... saying what it would release" tui_has "(T+4h30m): 1 to release"
tui_keys C-u
tui_type "next week"
tui_keys Enter
check "a time that is none is refused as the CLI refuses it" tui_wait "invalid time"
check "... and the clock has not moved" tui_has "T+0  running"
tui_keys C-u
tui_type "T+10d"
check "... the preview follows what is typed" tui_wait "(T+10d): 2 to release"
tui_keys Enter
check "the jump moves the clock" tui_wait "clock 2015-05-18 00:00:00 UTC  T+10d  running"
check "... the injects due are released" \
	sh -c "grep -q '^  4 T+4h30m  *released 05-08 04:30' '$T/screen' && grep -q '^  5 T+10d  *released 05-18 00:00' '$T/screen'"
check "... the next one marked" tui_has " 6 T+11d    NEXT"
check "... 5 of 12 out" tui_has "5/12 released"
tui_keys t
tui_wait "Jump the exercise clock"
tui_keys C-u
tui_type "T+1h"
tui_keys Enter
check "a jump back is refused" tui_wait "cannot jump back"
tui_keys Escape
tui_wait_gone "Jump the exercise clock"

# r: an inject by its number.
tui_keys r
check "r asks which inject, offering the next" tui_wait "inject number: 6"
tui_keys C-u
tui_type 12
check "... the form names the inject typed" tui_wait "T+20d may28-police: The police find"
tui_keys Enter
check "... and releases it early" tui_wait "inject 12 released"
check "... which its row says" grep -q '^ 12 T+20d  *early' "$T/screen"
tui_keys r
tui_wait "inject number"
tui_keys C-u
tui_type 12
tui_keys Enter
check "an inject already out is refused" tui_wait "inject 12 was already released"
tui_keys Escape
tui_wait_gone "inject number"

# ?: the keys, from the table that runs them.
tui_keys '?'
check "? lists the facilitator's keys" tui_wait "release the next inject now"
check "... pause, resume, jump, end" sh -c "grep -q 'pause the exercise clock' '$T/screen' &&
	grep -q 'resume the exercise clock' '$T/screen' && grep -q 'jump the clock forward' '$T/screen' &&
	grep -q 'end the exercise (asks to confirm)' '$T/screen'"
tui_keys Escape
tui_wait_gone "release the next inject now"

# E: end, after a confirmation.
tui_keys E
check "E asks to confirm the end" tui_wait "End exercise $X?"
tui_keys n
tui_wait_gone "End exercise"
check "... n leaves it running" tui_has "T+10d  running"
tui_keys E
tui_wait "End exercise $X?"
tui_keys y
check "... y ends it: the clock says ENDED" tui_wait "T+10d  ENDED"
run --now "$NOW" exercise status $X
check "... as the CLI says" out_has "(T+10d) ended"
tui_keys n
check "an ended exercise releases nothing more" tui_wait "$X: the exercise has"
tui_keys Escape
check "Esc goes back to the dashboard" tui_wait "irdesk  open 2"
tui_keys q
tui_wait_exit
check "q quits with status 0" [ "${tui_rc:-}" = 0 ]

# ---- on the real clock ------------------------------------------------------
# At 600 times real time: ten story minutes a second, T+2h twelve seconds in.
IRDESK_DB=$T/real.db
export IRDESK_DB
Y=$("$IRDESK" exercise start jps-2015 --speed 600)
IRDESK_USER=facilitator-ui
export IRDESK_USER
tui_start
tui_wait "irdesk"
tui_keys x
tui_wait "$Y"
tui_keys F
tui_wait "Facilitator  $Y"
clock_line() { tui_screen; sed -n 2p "$T/screen"; }
# Three moves in a row, each within a few seconds: the clock is repainted
# as it runs, not only when an inject or a deadline falls due.
moves=0
for _i in 1 2 3; do
	before=$(clock_line)
	tui_wait_gone "$before" 4 && moves=$((moves + 1))
done
check "running, the clock moves by itself" [ "$moves" = 3 ]
check "the inject due at T+2h comes out while the screen is up" tui_wait "3/12 released"
check "... released by the screen itself (no other irdesk runs)" \
	[ "$(sqlite3 "$IRDESK_DB" "SELECT released_by FROM exercise_injects WHERE inject_no = 3")" = facilitator-ui ]
tui_keys p
tui_wait "PAUSED"
paused=$(clock_line)
sleep 2 # two real seconds: twenty story minutes if the clock still ran
check "paused, it stands still" [ "$(clock_line)" = "$paused" ]
out=$(sqlite3 "$IRDESK_DB" "SELECT count(*) FROM exercise_injects")
IRDESK_USER=someone-else "$IRDESK" exercise inject "$Y" next >/dev/null
check "an inject another process releases appears" tui_wait "$((out + 1))/12 released" 5
tui_keys c
check "c runs it again" tui_wait_gone "PAUSED"
done_testing
