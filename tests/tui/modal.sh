#!/bin/sh
# modal.sh - the escalation modal: it appears for overdue timers, cannot
# be dismissed (Esc, q, Ctrl-C), goes only after a notification or an
# override with a reason, follows other processes, opens over a form,
# offers to do a step, and appears when a deadline passes on a live clock.
. "$IRDESK_SRCDIR/tests/tui/lib.sh"

IRDESK_USER=kato
export IRDESK_USER
NOW=2026-05-08T11:30:00Z
"$IRDESK" --now 2026-05-08T10:00:00Z case new --title '標的型メール（拠点A）' --severity high \
	--playbook targeted-email >/dev/null

tui_start -- --now "$NOW"
check "overdue timers bring up the modal" tui_wait "OVERDUE: 2 timers"
first=$(grep -n 'late' "$T/screen" | head -n 1)
check "most overdue first (csirt-lead, 1h15m late)" eval 'echo "$first" | grep -q "1h15m late.*notify csirt-lead"'
check "... naming the case and its title" tui_has "IR-2026-0001 notify csirt-lead  標的型メール"
for k in Escape q C-c; do
	tui_keys "$k"
	check "$k does not dismiss it" tui_wait "This cannot be dismissed"
	tui_keys j  # any key clears the note
	tui_wait_gone "This cannot be dismissed" >/dev/null
done
check "the program is still running" [ ! -e "$T/tui.exit" ]
tui_keys k

# Record the notification: the role comes prefilled.
tui_keys Enter
check "Enter opens the notification form" tui_wait "Record the notification"
check "... with the role prefilled" tui_has "to (role): csirt-lead"
tui_keys Tab Tab
tui_type "told by phone"
tui_keys C-x
check "a notification takes its timer off the modal" tui_wait "OVERDUE: 1 timer "
check "... written as the CLI writes it" \
	[ "$(sq "SELECT count(*) FROM notifications WHERE role = 'csirt-lead' AND channel = 'phone' AND note = 'told by phone' AND by = 'kato'")" -eq 1 ]

# An override needs a reason.
tui_keys o
tui_wait "Go on?" && tui_keys y
tui_wait "reason"
tui_keys Enter
check "an override without a reason is refused" tui_wait "required"
check "... and nothing is written" [ "$(sq "SELECT count(*) FROM timers WHERE state = 'overridden'")" -eq 0 ]
tui_type "exec briefed at the 11:00 meeting"
tui_keys Enter
check "with a reason the last timer goes and the modal with it" tui_wait_gone "OVERDUE"
check "... the reason recorded" \
	[ "$(sq "SELECT override_reason FROM timers WHERE state = 'overridden'")" = "exec briefed at the 11:00 meeting" ]

# Another process: a case whose timer is overdue at once.
"$IRDESK" --now 2026-05-08T11:00:00Z case new --title 'Opened elsewhere' --playbook targeted-email >/dev/null
check "a timer made overdue by another process brings the modal back, no key pressed" \
	tui_wait "OVERDUE: 1 timer " 5
"$IRDESK" --now "$NOW" notify IR-2026-0002 --to csirt-lead --channel chat >/dev/null 2>&1
check "another process's notification takes it away" tui_wait_gone "OVERDUE" 5

# While a form is open.
tui_keys n
tui_wait "New case"
tui_type "half typed"
"$IRDESK" --now 2026-05-08T11:00:00Z case new --title 'Third' --playbook targeted-email >/dev/null
check "the modal comes up over an open form" tui_wait "OVERDUE: 1 timer " 5
tui_keys o
tui_wait "Go on?" && tui_keys y
tui_wait "reason" && tui_type "handled" && tui_keys Enter
check "... and the form comes back with what was typed" tui_wait "half typed"
tui_keys Escape
check "Esc closes the form" tui_wait_gone "Tab/Enter next"

# A step deadline: the modal offers to do the step.
"$IRDESK" --now 2026-05-08T10:50:00Z asset add IR-2026-0001 PC-0427 --state infected >/dev/null 2>&1
check "an overdue step deadline is in the modal" tui_wait "step: " 5
tui_keys Enter
check "Enter offers to do the step" tui_wait "Do the step"
tui_keys Enter
check "a step that cannot be done says why" tui_wait "Isolat"
tui_keys Escape
tui_wait "OVERDUE"
tui_keys q
check "... and the modal stays" tui_wait "This cannot be dismissed"
tui_keys j
tui_keys o
tui_wait "Go on?" && tui_keys y
tui_wait "reason" && tui_type "isolation confirmed by phone" && tui_keys Enter
check "overriding the step deadline clears the modal" tui_wait_gone "OVERDUE"
tui_keys q
check "q quits once the modal is gone" tui_wait_exit

# Coming back: leaving and returning shows it again.
"$IRDESK" --now 2026-05-08T11:00:00Z case new --title 'Fourth' --playbook targeted-email >/dev/null
tui_start -- --now "$NOW"
check "the modal is there again when the responder returns" tui_wait "OVERDUE: 1 timer "
tui_keys o
tui_wait "Go on?" && tui_keys y
tui_wait "reason" && tui_type "later" && tui_keys Enter
tui_wait_gone "OVERDUE"

# On a case screen the modal is about that case only.
tui_keys /
tui_wait "filter"
tui_type "Opened elsewhere"
tui_keys Enter
tui_wait "1/1" && tui_keys Enter
check "Enter opens the case screen" tui_wait "IR-2026-0002  medium  open"
"$IRDESK" --now 2026-05-08T11:00:00Z case new --title 'Fifth' --playbook targeted-email >/dev/null
"$IRDESK" --now 2026-05-08T10:50:00Z asset add IR-2026-0002 PC-0999 --state infected >/dev/null 2>&1
check "on a case screen, the case's overdue timer brings the modal" tui_wait "IR-2026-0002 step:" 5
check "... and only the case's (not another case's)" eval '! tui_has "Fifth" && tui_has "OVERDUE: 1 timer "'
tui_keys o
tui_wait "Go on?" && tui_keys y
tui_wait "reason" && tui_type "isolated" && tui_keys Enter
tui_wait_gone "OVERDUE"
tui_keys Escape
check "back on the dashboard, the other case's timer is in the modal" tui_wait "IR-2026-0005 notify csirt-lead"
tui_keys o
tui_wait "Go on?" && tui_keys y
tui_wait "reason" && tui_type "later" && tui_keys Enter
tui_wait_gone "OVERDUE"
tui_keys q
tui_wait_exit

# A live clock: the deadline passes while the UI is open (a store of its own).
IRDESK_DB=$T/live.db
export IRDESK_DB
opened=$(( $(date +%s) - 900 + 4 ))
"$IRDESK" --now "@$opened" case new --title 'Live deadline' --playbook targeted-email >/dev/null
tui_start --
check "before the deadline: no modal" tui_wait "Live deadline"
check "... (the deadline is still ahead)" eval '! tui_has OVERDUE || [ "$(date +%s)" -ge $((opened + 900)) ]'
check "when the deadline passes the modal appears by itself" tui_wait "OVERDUE" 15
tui_keys o
tui_wait "Go on?" && tui_keys y
tui_wait "reason" && tui_type "test" && tui_keys Enter
tui_wait_gone "OVERDUE"
kill -TERM "$(tmx display -p -t t '#{pane_pid}' | xargs pgrep -P)" 2>/dev/null
check "SIGTERM ends the UI" tui_wait_exit
check "... restoring the terminal (no alternate screen left)" [ "$(tmx display -p -t t '#{alternate_on}')" = 0 ]
done_testing
