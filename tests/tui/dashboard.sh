#!/bin/sh
# dashboard.sh - the dashboard on screen: urgency order, width-aware
# columns, escapes shown inert, live refresh from another process,
# filter, resize, a too-small terminal, the : command line.
. "$IRDESK_SRCDIR/tests/tui/lib.sh"

NOW=2026-05-08T12:00:00Z
at() { "$IRDESK" --now "$1" "$@"; }
new() { _t=$1; shift; "$IRDESK" --now "$_t" case new "$@" >/dev/null; }

# Most urgent first: A overdue 1h45m, B overdue 30m, C due in 5m, then no
# deadline: D critical, G high, E low.
new 2026-05-08T10:00:00Z --title '標的型メールによるマルウェア感染（拠点A）' --lead tanaka --playbook targeted-email
new 2026-05-08T11:15:00Z --title 'Phishing wave against the finance team' --lead sato --playbook targeted-email
new 2026-05-08T11:50:00Z --title 'C-due-soon' --lead ito --playbook targeted-email
new 2026-05-08T09:00:00Z --title 'D-critical' --severity critical
new 2026-05-08T09:10:00Z --title 'E-low' --severity low
new 2026-05-08T09:20:00Z --title 'G-high' --severity high
new 2026-05-08T09:30:00Z --title "$(printf 'OSC\033]0;pwned\007 CSI\033[31mred\033[0m')" --severity low

tui_start -- --now "$NOW"
check "the dashboard shows the open cases" tui_wait "open 7"
order=$(grep -E 'IR-2026-' "$T/screen" | sed -n 's/^.*\(IR-2026-[0-9]*\).*$/\1/p' | head -n 7 | tr '\n' ' ')
check "most urgent first: overdue (most overdue on top), nearest deadline, then severity" \
	[ "$order" = "IR-2026-0001 IR-2026-0002 IR-2026-0003 IR-2026-0004 IR-2026-0006 IR-2026-0007 IR-2026-0005 " ]
[ "$order" = "IR-2026-0001 IR-2026-0002 IR-2026-0003 IR-2026-0004 IR-2026-0006 IR-2026-0007 IR-2026-0005 " ] || diag "order: $order"
ja=$(tui_line 'IR-2026-0001')
en=$(tui_line 'IR-2026-0002')
check "a Japanese title keeps the columns after it aligned with an ASCII one (display width)" \
	[ "$(tui_col "$ja" tanaka)" -eq "$(tui_col "$en" sato)" ]
check "... where the columns after the title start" [ "$(tui_col "$ja" tanaka)" -gt 60 ]
check "a cut title ends with …" tui_has '標的型メールによるマルウェ…'
check "escape sequences in a title are shown escaped" tui_has 'OSC\x1b]0;pwned\x07 CSI'
check "... and change nothing on the terminal" [ "$(tmx display -p -t t '#{pane_title}')" != pwned ]
check "overdue timers on the dashboard bring up the modal" tui_wait "OVERDUE: 2 timers"

# One reason covers both selected timers and is recorded on each.
tui_keys Space Space
tui_wait '* ' && tui_keys o
check "an override asks to confirm" tui_wait "Go on?"
tui_keys y
tui_wait "reason"
tui_type "lead told in person at the morning call"
tui_keys Enter
check "the modal goes once every timer is overridden" tui_wait_gone "OVERDUE"
check "... saying so" tui_wait "2 timers overridden"
check "both timers carry the one reason" \
	[ "$(sq "SELECT count(*) FROM timers WHERE state = 'overridden' AND override_reason = 'lead told in person at the morning call'")" -eq 2 ]

# Cursor and selection.
tui_keys g
tui_wait "1/7"
tui_keys j
tui_wait "2/7"
tui_keys G
check "G goes to the last case" tui_wait "7/7"
tui_keys g
check "g to the first" tui_wait "1/7"

# Another process adds a case: it appears with no key pressed.
new 2026-05-08T11:59:00Z --title 'Added by another responder' --severity critical
check "a case added by another process appears without a key press" tui_wait "Added by another responder" 5
check "... and the selection followed the case it was on" tui_wait "1/8"

# Filter by text.
tui_keys /
tui_wait "filter"
tui_type "phish"
check "the filter narrows as you type" tui_wait "1/1"
tui_keys Enter
check "... and keeps the matching case" tui_has "Phishing wave"
tui_keys /
tui_wait "filter"
tui_keys Escape
check "Esc clears the filter (the selection stays on its case)" tui_wait " 2/8"

# Help comes from the key table.
tui_keys '?'
check "? lists the screen's keys" tui_wait "Keys: dashboard"
check "... from the table that dispatches them (aliases joined)" tui_has "Down j"
check "... and the keys of every screen" tui_has "command line"
tui_keys Escape
tui_wait_gone "Keys: dashboard"

# Mine, closed, exercise.
"$IRDESK" --now 2026-05-08T11:00:00Z case new --title 'Tabletop: ransomware' --exercise >/dev/null
"$IRDESK" --now 2026-05-08T08:00:00Z case new --title 'Old closed one' >/dev/null
"$IRDESK" --now 2026-05-08T08:30:00Z case set IR-2026-0010 --status closed >/dev/null 2>&1
tui_wait " 2/8"
check "exercise cases are hidden by default" eval '! tui_has "Tabletop: ransomware"'
tui_keys x
check "x shows them, marked EXERCISE" tui_wait "EXERCISE Tabletop"
tui_keys x
tui_wait_gone "Tabletop"
check "closed cases are hidden by default" eval '! tui_has "Old closed one"'
tui_keys c
check "c shows them" tui_wait "Old closed one"
tui_keys c
tui_wait_gone "Old closed one"
"$IRDESK" --now "$NOW" case set IR-2026-0005 --lead root >/dev/null 2>&1
tui_keys m
check "m: only my cases (I lead, or have a step)" tui_wait "1/1"
check "... the one I lead" tui_has "E-low"
tui_keys m
check "m again: all" tui_wait "/8"

# The : command line runs a CLI command with the UI's session.
tui_keys :
tui_wait ":"
tui_type "log IR-2026-0004 'called the \"vendor\"' "
tui_keys Enter
check ": runs the command and shows what it printed" tui_wait "log: done"
check ": wrote what the CLI writes (quotes split like a shell)" \
	[ "$(sq "SELECT count(*) FROM events WHERE text = 'called the \"vendor\"'")" -eq 1 ]
tui_keys :
tui_type "case show NO-SUCH"
tui_keys Enter
check ": shows a command's error" tui_wait 'irdesk: no case "NO-SUCH"'

# Resize, and a terminal too small.
tui_resize 100 30
check "a resize redraws at the new size" tui_wait ACTIVE
check "... the wider title shown whole, its escapes still inert" tui_has 'CSI\x1b[31mred'
tui_resize 70 20
check "a terminal under 80x24 shows only the message" tui_wait "terminal too small (need 80x24)"
check "... and nothing else" [ "$(grep -c . "$T/screen")" -eq 1 ]
tui_resize 80 24
check "back to 80x24 the dashboard returns" tui_wait "open 8"

tui_keys q
check "q quits" tui_wait_exit
check "... with status 0" [ "${tui_rc:-}" = 0 ]
done_testing
