#!/bin/sh
# tamper.sh - `irdesk check` finds rows changed behind irdesk's back with
# the sqlite3 shell, naming the table and the record; an untouched store
# reports how many audit records it verified.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

DB=$T/clean.db
ir() { "$IRDESK" --db "$DB" --as tamper-test "$@" >/dev/null 2>>"$T/setup.err"; }

# Build a store and count the changes we make: each case new writes the case
# and its "case opened" event; each log one event; each field changed by
# case set the case and a timeline entry.
ir --now 2015-05-08T10:30:00Z case new --title "標的型メール" --severity high
ir --now 2015-05-18T09:00:00Z case new --title "101 mails from the same sender"
ir --now 2015-05-08T11:00:00Z log IR-2015-0001 "LAN cable pulled"
ir --now 2015-05-08T12:00:00Z log IR-2015-0001 "sender blocked"
ir --now 2015-05-19T12:00:00Z log IR-2015-0002 "police report filed"
ir --now 2015-05-20T12:00:00Z case set IR-2015-0002 --status contained --lead tanaka
expected=$((2 * 2 + 3 + 2 * 2))
check "the store was built without errors" test ! -s "$T/setup.err"

run --db "$DB" check
check "an untouched store: exit 0" status_is 0
check "an untouched store: 'ok: $expected audit records verified'" \
	sh -c "[ \"\$(cat '$T/out')\" = 'ok: $expected audit records verified' ]"
check "... which is the number of audit rows" \
	sh -c "[ \"\$(sqlite3 '$DB' 'SELECT count(*) FROM audit')\" = $expected ]"

# tampered NAME SQL: a copy of the clean store changed by SQL behind irdesk's back.
tampered() {
	cp "$DB" "$T/$1.db"
	sqlite3 "$T/$1.db" "$2" || echo "sqlite3 failed on $1" >>"$T/setup.err"
	TDB=$T/$1.db
}

# found WHAT: check failed, said nothing on stdout, and named WHAT.
found() {
	run --db "$TDB" check
	[ "$rc" -ne 0 ] && ! grep -q '^ok' "$T/out" && grep -q "^irdesk: .*$1" "$T/err"
}

tampered edited "UPDATE cases SET severity = 'low' WHERE hid = 'IR-2015-0001'"
check "the edit took effect" sh -c "[ \"\$(sqlite3 '$TDB' \"SELECT severity FROM cases WHERE hid = 'IR-2015-0001'\")\" = low ]"
check "an edited case is found: table and record named" found "cases: record 1 was edited"

tampered edited_event "UPDATE events SET text = 'nothing happened' WHERE id = 2"
check "an edited event is found" found "events: record 2 was edited"

tampered inserted "INSERT INTO events (case_id, happened_at, recorded_at, actor, kind, text)
	VALUES (1, 1431081000, 1431081000, 'someone', 'note', 'backdated note')"
new_id=$(sqlite3 "$TDB" 'SELECT max(id) FROM events')
check "an inserted event is found: table and record named" found "events: record $new_id was inserted"

tampered deleted "DELETE FROM events WHERE id = 3"
check "the delete took effect" sh -c "[ \"\$(sqlite3 '$TDB' 'SELECT count(*) FROM events WHERE id = 3')\" = 0 ]"
check "a deleted event is found: table and record named" found "events: record 3 was deleted"

tampered deleted_case "PRAGMA foreign_keys = OFF; DELETE FROM cases WHERE id = 2"
check "a deleted case is found" found "cases: record 2 was deleted"

# Covering one's tracks in the audit trail too breaks the chain.
tampered audit_rewritten "UPDATE cases SET title = 'harmless' WHERE id = 1;
	UPDATE audit SET payload = json_set(payload, '$.title', 'harmless')
	WHERE seq = (SELECT max(seq) FROM audit WHERE object_table = 'cases' AND object_id = 1)"
check "a row rewritten together with its audit record is found" found "audit: record .* was altered"

tampered audit_gap "DELETE FROM audit WHERE seq = 3"
check "a deleted audit record is found" found "audit: records 3..3 are missing"

# Not covered, because a chain kept in the store alone cannot show it: the
# newest records deleted together with their audit records (see irdesk(1),
# BUGS: compare the count that check prints with one kept elsewhere).

run --db "$DB" check
check "the clean store still passes" status_is 0

done_testing
