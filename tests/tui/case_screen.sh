#!/bin/sh
# case_screen.sh - the case screen: its header, every tab with what it
# lists, moving between tabs (Tab, Shift-Tab, 1-9), the keys `?` lists
# per tab, Enter for a row in full, the EXERCISE mark, a Japanese host
# keeping the columns after it aligned, and Esc / q going back.
. "$IRDESK_SRCDIR/tests/tui/lib.sh"

NOW=2026-12-01T09:00:00Z
ird() { "$IRDESK" --now "$NOW" "$@"; }

ird case new --title 'Targeted mail at the finance team' --severity high --tlp red \
	--lead tanaka --playbook targeted-email >/dev/null
C=IR-2026-0001
ird asset add $C PC-0427 --site 本社 --state infected >/dev/null
ird asset add $C '経理部の端末01' --state suspected >/dev/null
ird ioc add $C url 'hxxp://c2.evil-example[.]co.jp/gate.php' >/dev/null
ird ioc add $C email 'attacker@phish-example.com' >/dev/null
ird block $C '#1' >/dev/null
ird evidence add $C --kind disk-image --asset PC-0427 \
	--sha256 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef \
	--location 'locker 3' >/dev/null
ird evidence transfer $C E1 --to forensics-lab --note 'sealed bag 7' >/dev/null
ird notify $C --to csirt-lead --channel phone --note 'told at 09:00' >/dev/null
ird decide $C full-disconnect --choice partial --paths proxy --rationale 'keep mail up' >/dev/null
ird log $C 'first call from the finance team' --at 2026-12-01T08:30:00Z
ird case new --title 'Drill: ransomware tabletop' --exercise --playbook none >/dev/null

tui_start -- --now "$NOW"
check "the dashboard comes up" tui_wait "Targeted mail"
tui_keys Enter
check "Enter opens the case: its id, severity, status, TLP in the header" \
	tui_wait " $C  high  open  TLP:RED"
check "... its lead, how long it has been open" tui_has "lead tanaka  open 0m"
check "... and since when (UTC)" tui_has "since 2026-12-01 09:00"
check "... its overdue count" sh -c "head -n 1 '$T/screen' | grep -q 'overdue 0 *\$'"
check "... its title in full on the next line" \
	sh -c "sed -n 2p '$T/screen' | grep -q '^ Targeted mail at the finance team '"
check "the Steps tab is first: its headings" tui_has "STATE"
check "... and its steps, from the playbook" tui_has "Isolate the infected host"
check "... with their deadline as a countdown" tui_has "30m"

# Every tab by its digit, each listing what the CLI lists.
tab() { # KEY HEADING TEXT DESCRIPTION
	tui_keys "$1"
	check "$4" tui_wait "$3" && check "... under its headings" tui_has "$2"
}
tab 2 "CLOSED BY" "notify csirt-lead" "tab 2 Timers: the case's timers"
check "... a satisfied timer says what closed it" tui_has "notification 1"
first_pending=$(grep -n ' pending ' "$T/screen" | head -n 1 | cut -d: -f1)
satisfied=$(grep -n ' satisfied ' "$T/screen" | head -n 1 | cut -d: -f1)
check "... open timers first, the closed after them" \
	[ "${first_pending:-99}" -lt "${satisfied:-0}" ]
tab 3 "WHAT HAPPENED" "decision 1 on full-disconnect" "tab 3 Timeline: the latest events"
ird log $C 'logged by another responder'
check "an event logged by another process appears without a key press (the cursor on the latest event follows the tail)" \
	tui_wait "logged by another responder" 5
tui_keys g
check "g goes to the first event: the one that happened first" \
	tui_wait "first call from the finance team"
check "... in UTC with when it happened" tui_has "2026-12-01 08:30"
tab 4 "REGISTRABLE" "attacker@phish-example.com" "tab 4 Indicators: normal forms"
check "... a long one cut to fit" tui_has "http://c2.evil-example.co.jp/g…"
check "... and the registrable domain" tui_has "evil-example.co.jp"
tab 5 "TARGET" "requested" "tab 5 Blocks: the block requested"
check "... its scope" tui_has "domain"
tab 6 "SITE" "PC-0427" "tab 6 Assets: the hosts"
check "... with their state and site" tui_has "本社"
tab 7 "SHA-256" "E1" "tab 7 Evidence: the items"
check "... with their holder" tui_has "forensics-lab"
tab 8 "CHANNEL" "told at 09:00" "tab 8 Notifications: who was told"
tab 9 "STILL OPEN" "keep mail up" "tab 9 Decisions: the decision and its rationale"
check "... and the paths that stay open" tui_has "mail, vpn"

# Tab and Shift-Tab go round.
tui_keys Tab
check "Tab after the last tab goes back to Steps" tui_wait "ASSIGNEE"
tui_keys BTab
check "Shift-Tab goes to the previous tab (Decisions)" tui_wait "RATIONALE"
tui_keys 6

# A Japanese host takes its true width: the columns after it stay aligned.
tui_wait "経理部の端末01"
ja=$(tui_line '経理部の端末01')
en=$(tui_line 'PC-0427')
check "a Japanese host keeps the next column aligned with an ASCII one" \
	[ "$(tui_col "$ja" suspected)" -eq "$(tui_col "$en" infected)" ]

# Enter: the row in full; the evidence's custody chain.
tui_keys 7
tui_wait "E1"
tui_keys Enter
check "Enter shows the selected row in full (the custody chain)" tui_wait "sealed bag 7"
check "... with its location" tui_has "locker 3"
tui_keys q
tui_wait_gone "sealed bag 7"

# ? lists the keys of the tab on screen, from the table that runs them.
tui_keys 1
tui_wait "ASSIGNEE"
tui_keys '?'
check "? on Steps lists the step keys" tui_wait "mark the selected step done"
check "... and the forms every tab has" tui_has "log an event on the timeline"
tui_keys Escape
tui_wait_gone "mark the selected step done"
tui_keys 2
tui_wait "CLOSED BY"
tui_keys '?'
check "? on Timers lists the override" tui_wait "override the selected timer"
check "... and not the step keys" sh -c "! grep -qF 'mark the selected step done' '$T/screen'"
tui_keys Escape
tui_wait_gone "override the selected timer"

# A cursor move on a tab, then back to the dashboard with Esc.
tui_keys 1
tui_wait "ASSIGNEE"
tui_keys Escape
check "Esc goes back to the dashboard" tui_wait "LEAD"
check "... which lists the case" tui_has "Targeted mail"

# An exercise case is marked EXERCISE in the case header.
tui_keys x
tui_wait "Drill: ransomware"
tui_keys /
tui_type "Drill"
tui_keys Enter
tui_wait "1/1"
tui_keys Enter
check "an exercise case is marked EXERCISE in its header" tui_wait "EXERCISE"
check "... beside its title" sh -c "sed -n 2p '$T/screen' | grep -q 'EXERCISE Drill: ransomware tabletop'"
check "a case without a playbook says it has no steps" tui_has "no steps yet"
tui_keys q
check "q goes back too" tui_wait "LEAD"
tui_keys q
check "q on the dashboard quits" tui_wait_exit
check "... with status 0" [ "${tui_rc:-}" = 0 ]
done_testing
