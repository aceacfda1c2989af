#!/bin/sh
# forms.sh - the new-case form: Japanese typed, edited and deleted
# character by character; bad input refused beside the field; Esc
# writes nothing; confirming writes what `case new` writes.
. "$IRDESK_SRCDIR/tests/tui/lib.sh"

IRDESK_USER=kato
export IRDESK_USER
NOW=2026-05-08T11:30:00Z
cases() { sq "SELECT count(*) FROM cases"; }
"$IRDESK" --now "$NOW" case new --title 'Existing case' >/dev/null

tui_start -- --now "$NOW"
tui_wait "open 1"
tui_keys n
check "n opens the new-case form" tui_wait "New case"
check "... the lead prefilled with who acts" tui_has "lead: kato"

# Wide characters: typed, the cursor after them at twice their count.
tui_type "日本語のタイトル"
tui_wait "日本語のタイトル"
x0=$(tmx display -p -t t '#{cursor_x}')
tui_keys BSpace BSpace
check "Backspace deletes one whole wide character at a time" tui_wait "title: 日本語のタイ "
x1=$(tmx display -p -t t '#{cursor_x}')
check "... the cursor moving back two columns each" [ $((x0 - x1)) -eq 4 ]
tui_keys Left Left
tui_type "X"
check "inserting in the middle after moving left" tui_wait "title: 日本語のXタイ"
x2=$(tmx display -p -t t '#{cursor_x}')
check "... the cursor on a character boundary" [ $((x1 - x2)) -eq 3 ]
tui_keys BSpace End
tui_type "トル"
tui_wait "title: 日本語のタイトル"

# A bad time is refused beside its field, and nothing is written.
tui_keys Tab Tab Tab Tab Tab
tui_type "not a time"
tui_keys C-x
check "a bad time is refused, the error shown by the field" tui_wait "invalid time"
check "... nothing written" [ "$(cases)" -eq 1 ]
tui_keys C-u
tui_type "2026-05-08 09:45"
tui_keys Up Up Up Up
tui_keys Right Right
check "a choice field cycles its vocabulary" tui_wait "severity: < critical >"

# Esc cancels: nothing written.
tui_keys Escape
check "Esc closes the form" tui_wait "New case: cancelled"
check "... and writes nothing" [ "$(cases)" -eq 1 ]

# Again, confirmed this time.
tui_keys n
tui_wait "New case"
tui_type "日本語のタイトル"
tui_keys Tab Right Right
tui_wait "< critical >"
tui_keys Tab Tab Tab C-u
tui_type "targeted-email"
tui_wait "playbook: targeted-email"
tui_keys C-x
check "confirming opens the new case" tui_wait "IR-2026-0002  critical  open"
check "... written with the Japanese title, character for character" \
	[ "$(sq "SELECT title FROM cases WHERE hid = 'IR-2026-0002'")" = "日本語のタイトル" ]
check "... as case new writes it (lead, playbook, timers)" \
	[ "$(sq "SELECT lead || ',' || (SELECT count(*) FROM timers WHERE case_id = c.id) FROM cases c WHERE hid = 'IR-2026-0002'")" = "kato,3" ]
tui_keys Escape
check "Esc goes back to the dashboard" tui_wait "open 2"
done_testing
