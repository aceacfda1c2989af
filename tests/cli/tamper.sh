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

# ---- rewrites by someone who knows the chain's format (tests/cli/forge.py
# recomputes every hash) but not the key: each is caught by the signatures,
# or by a head kept outside the store (check --head), or both. The list is
# in irdesk(1), AUDIT TRAIL.
FORGE="$PYTHON3 $IRDESK_SRCDIR/tests/cli/forge.py"
for n in 1 2 3; do
	ir --now 2015-05-21T12:00:00Z log IR-2015-0002 "late note $n"
done
"$IRDESK" --db "$DB" audit key --pem >"$T/pub.pem" 2>>"$T/setup.err"
HEAD=$("$IRDESK" --db "$DB" audit head)
NREC=$(sqlite3 "$DB" 'SELECT max(seq) FROM audit')
check "audit head is SEQ:HASH of the newest record" \
	sh -c "[ '$HEAD' = \"\$(sqlite3 '$DB' 'SELECT seq || '\\'':'\\'' || hash FROM audit ORDER BY seq DESC LIMIT 1')\" ]"
run --db "$DB" check --head "$HEAD" --key "$T/pub.pem"
check "the clean store passes check --head (its head) --key (its key)" status_is 0
tried=0 caught=0
# caught_by WHAT [check options...]: check with those options fails naming WHAT.
caught_by() {
	_what=$1
	shift
	run --db "$TDB" check "$@"
	[ "$rc" -ne 0 ] && ! grep -q '^ok' "$T/out" && grep -q "^irdesk: .*$_what" "$T/err"
}
# tally DESCRIPTION COMMAND...: one tampering tried; count it caught if so.
tally() {
	_d=$1
	shift
	tried=$((tried + 1))
	if "$@"; then caught=$((caught + 1)); fi
	check "$_d" "$@"
}
forged() {
	cp "$DB" "$T/$1.db"
	TDB=$T/$1.db
	_name=$1
	shift
	$FORGE "$TDB" "$@" || echo "forge.py failed on $_name" >>"$T/setup.err"
}

# 1. The newest records deleted with their rows, audit records and signatures.
TDB=$T/truncated.db
cp "$DB" "$T/truncated.db"
sqlite3 "$TDB" "PRAGMA foreign_keys = OFF;
	DELETE FROM events WHERE id IN (SELECT object_id FROM audit WHERE object_table = 'events' AND seq > $((NREC - 3)));
	DELETE FROM audit WHERE seq > $((NREC - 3));
	DELETE FROM audit_seals WHERE seq > $((NREC - 3))" 2>>"$T/setup.err"
run --db "$TDB" check
check "(the truncated store is consistent: check alone cannot see it)" status_is 0
tally "the newest records deleted with their audit records and signatures: caught by check --head" \
	caught_by "record $NREC, anchored as $NREC:.*is missing: the trail ends at record $((NREC - 3))" --head "$HEAD"

# 2. A record and its payload edited, the chain recomputed.
forged rehashed 1 "UPDATE cases SET title = 'harmless' WHERE id = 1" \
	"UPDATE audit SET payload = json_set(payload, '\$.title', 'harmless') WHERE object_table = 'cases' AND object_id = 1"
tally "a row and its audit payload edited, the chain recomputed: caught by the signatures" \
	caught_by "audit: record .* is not the record that was signed"
tally "... and by check --head" caught_by "is not the one anchored as" --head "$HEAD"

# 3. The same, and every signature deleted.
forged unsigned 1 "UPDATE cases SET title = 'harmless' WHERE id = 1" \
	"UPDATE audit SET payload = json_set(payload, '\$.title', 'harmless') WHERE object_table = 'cases' AND object_id = 1" \
	"DELETE FROM audit_seals"
tally "the same with every signature deleted: 'records are not signed'" \
	caught_by "audit: records 1\\.\\.$NREC are not signed"

# 4. The same, signatures deleted, then one more write under the forger's
# own key: internally consistent, so only what is kept outside catches it.
forged resigned 1 "UPDATE cases SET title = 'harmless' WHERE id = 1" \
	"UPDATE audit SET payload = json_set(payload, '\$.title', 'harmless') WHERE object_table = 'cases' AND object_id = 1" \
	"DELETE FROM audit_seals"
HOME=$T/mallory "$IRDESK" --db "$TDB" --as tamper-test log IR-2015-0001 "re-signed" >/dev/null 2>>"$T/setup.err"
run --db "$TDB" check
check "(re-signed with another key: check alone passes it)" status_is 0
tally "the chain re-signed with the forger's key: caught by check --key" \
	caught_by "records 1\\.\\.$((NREC + 1)) are not signed by a key given with --key" --key "$T/pub.pem"
tally "... and by check --head" caught_by "record 1 is not the one anchored\\|is not the one anchored" \
	--head "$(sqlite3 "$DB" "SELECT seq || ':' || hash FROM audit WHERE seq = 1")"

# 5. A record deleted and the rest renumbered.
K=$(sqlite3 "$DB" "SELECT seq FROM audit WHERE object_table = 'events' AND object_id = 3")
forged renumbered 1 "DELETE FROM events WHERE id = 3" "DELETE FROM audit WHERE seq = $K" \
	"UPDATE audit SET seq = -seq WHERE seq > $K" "UPDATE audit SET seq = -seq - 1 WHERE seq < 0"
tally "a record deleted and the rest renumbered: caught by the signatures" \
	caught_by "is not the record that was signed\\|was signed but is missing"
tally "... and by check --head" caught_by "record $NREC, anchored as $NREC:.*is missing" --head "$HEAD"

# 6. The actor changed.
forged actor 1 "UPDATE audit SET actor = 'ciso' WHERE seq = 3"
tally "an actor changed, the chain recomputed: caught by the signatures" \
	caught_by "is not the record that was signed"

# 7. A backdated entry: --now and --as claim one thing, the audit keeps the
# operating-system user and the real time.
cp "$DB" "$T/backdated.db"
TDB=$T/backdated.db
before=$(date +%s)
"$IRDESK" --db "$TDB" --now 2015-01-01T00:00:00Z --as ciso log IR-2015-0001 "we knew in 2015" \
	>/dev/null 2>>"$T/setup.err"
after=$(date +%s)
row=$(sqlite3 -separator ' ' "$TDB" 'SELECT at, actor, real_at, os_user, os_host FROM audit ORDER BY seq DESC LIMIT 1')
set -- $row
check "a backdated entry keeps the claimed time and name (at, actor)" \
	sh -c "[ '$1' = 1420070400 ] && [ '$2' = ciso ]"
check "... and the real time and operating-system user and host beside them" \
	sh -c "[ '$3' -ge $before ] && [ '$3' -le $after ] && [ '$4' = \"\$(id -un)\" ] && [ '$5' = \"\$(uname -n)\" ]"
cp "$T/backdated.db" "$T/backdated2.db"
$FORGE "$T/backdated2.db" 1 "UPDATE audit SET real_at = 1420070400, os_user = 'ciso' WHERE seq = (SELECT max(seq) FROM audit)"
TDB=$T/backdated2.db
tally "the real time and OS user of a backdated entry rewritten: check says real time ran backwards" \
	caught_by "real time ran backwards: record $((NREC + 1)) was written at 2015-01-01T00:00:00Z"
tally "... and the signature does not match" caught_by "record $((NREC + 1)) is not the record that was signed"

# 8. Records rewritten as if from before schema 4 (no real time, no OS user).
forged downgraded 1 "UPDATE audit SET real_at = NULL, os_user = NULL, os_host = NULL WHERE seq = $NREC"
tally "a record stripped of its real time and OS user: named" \
	caught_by "record $NREC has no real time or operating-system user"

# 9. A forged signature.
cp "$DB" "$T/badsig.db"
TDB=$T/badsig.db
sqlite3 "$TDB" "UPDATE audit_seals SET sig = substr(sig, 1, 127) || iif(substr(sig, 128) = '0', '1', '0') WHERE seq = $NREC"
tally "a signature changed by one digit: not valid" caught_by "the signature of record $NREC is not valid"

# 10. An older copy of the file put back (every write since is lost).
cp "$DB" "$T/old.db"
"$IRDESK" --db "$DB" --as tamper-test log IR-2015-0001 "after the copy" >/dev/null 2>>"$T/setup.err"
NEWHEAD=$("$IRDESK" --db "$DB" audit head)
TDB=$T/old.db
tally "an older copy of the store put back: caught by check --head" \
	caught_by "is missing: the trail ends at record $NREC" --head "$NEWHEAD"

check "the forgeries were made without errors" test ! -s "$T/setup.err"
diag "tamperings tried: $tried, caught: $caught"

# Heads from a file (what audit anchor appends) and keys as hex.
"$IRDESK" --db "$DB" audit anchor "$T/heads" 2>>"$T/setup.err"
"$IRDESK" --db "$DB" --as tamper-test log IR-2015-0001 "later still" >/dev/null 2>>"$T/setup.err"
"$IRDESK" --db "$DB" audit anchor "$T/heads" 2>>"$T/setup.err"
printf '# heads kept by the SOC\n\n%s\n' "$HEAD" >>"$T/heads"
check "audit anchor appends SEQ:HASH KEY SIG TIME, the file 0600" \
	sh -c "[ \$(grep -c '^[0-9]*:[0-9a-f]\\{64\\} [0-9a-f]\\{64\\} [0-9a-f]\\{128\\} 20[0-9-]*T[0-9:]*Z\$' '$T/heads') = 2 ] && [ \$(stat -c %a '$T/heads') = 600 ]"
"$IRDESK" --db "$DB" audit key >"$T/pub.hex"
run --db "$DB" check --heads "$T/heads" --key "$T/pub.hex"
check "check --heads FILE --key HEX: the store holds every head" status_is 0
TDB=$T/old.db
tally "... and an older copy fails it" caught_by "anchored as" --heads "$T/heads"
run --db "$DB" check --head 12:abc
check "a malformed head is a usage error" sh -c "[ $rc -eq 2 ] && grep -q 'SEQ:HASH' '$T/err'"

# ---- every audited table: a store with rows in each (the 2015 story under
# the targeted-email playbook, as in json.sh), then for every table of the
# schema but the audit's own, one row edited and one deleted behind
# irdesk's back. test_audit checks that these are the tables check walks
# (src/records/tables.c); leaving one out of that list fails here.
F=$T/full.db
setup_failed=
setup() {
	run --db "$F" --as kato "$@"
	[ "$rc" -eq 0 ] || setup_failed="$setup_failed [$last_cmd: exit $rc]"
}
printf 'image' >"$T/pc-0427.img"
setup --now 2015-05-08T10:30:00+09:00 case new --title "標的型メール" --severity high \
	--lead tanaka --playbook targeted-email
setup --now 2015-05-08T10:35:00+09:00 asset add IR-2015-0001 PC-0427 --site site-a --state infected
setup --now 2015-05-08T10:36:00+09:00 ioc add IR-2015-0001 email 'attacker[at]example-mail.jp'
setup --now 2015-05-08T10:38:00+09:00 block IR-2015-0001 '#1'
setup --now 2015-05-08T10:45:00+09:00 notify IR-2015-0001 --to csirt-lead --channel phone --note "told"
setup --now 2015-05-08T15:00:00+09:00 evidence add IR-2015-0001 --asset PC-0427 \
	--kind disk-image --file "$T/pc-0427.img"
setup --now 2015-05-08T15:05:00+09:00 evidence transfer IR-2015-0001 E1 --to vendor-lab
setup --now 2015-05-20T11:10:00+09:00 decide IR-2015-0001 full-disconnect --choice partial \
	--paths proxy,vpn --rationale "web and VPN now"
printf 'escalation-hook = true\n' >"$T/hook.conf"
IRDESK_CONFIG=$T/hook.conf
setup --now 2015-05-20T11:12:00+09:00 watch --once
IRDESK_CONFIG=$T/config
setup --now 2015-05-20T11:15:00+09:00 exercise start ransomware-night # exercises, injects
check "the full store is built (every command exits 0)" [ -z "$setup_failed" ]
[ -z "$setup_failed" ] || diag "$setup_failed"
run --db "$F" check
check "the full store passes check" status_is 0
tables=$(sqlite3 "$F" "SELECT name FROM sqlite_schema WHERE type = 'table'
	AND name NOT IN ('audit', 'audit_seals') AND name NOT LIKE 'sqlite_%' ORDER BY name")
ntables=0
for tb in $tables; do
	ntables=$((ntables + 1))
	id=$(sqlite3 "$F" "SELECT min(rowid) FROM \"$tb\"")
	if [ -z "$id" ]; then
		not_ok "$tb: the full store has a row to edit"
		continue
	fi
	# Edit the first column that takes a changed value (CHECK constraints
	# refuse some): text gets a suffix, numbers one more.
	cp "$F" "$T/t-$tb.db"
	TDB=$T/t-$tb.db
	edited=
	for col in $(sqlite3 "$F" "SELECT name FROM pragma_table_info('$tb') WHERE pk = 0"); do
		if sqlite3 "$TDB" "PRAGMA foreign_keys = OFF; UPDATE \"$tb\" SET \"$col\" =
			CASE typeof(\"$col\") WHEN 'integer' THEN \"$col\" + 1 WHEN 'null' THEN 'x'
			ELSE \"$col\" || 'x' END WHERE rowid = $id" 2>/dev/null; then
			edited=$col
			break
		fi
	done
	tried=$((tried + 1))
	if [ -n "$edited" ] && found "$tb: record $id was edited outside irdesk"; then
		caught=$((caught + 1))
		ok "$tb: a row edited behind irdesk's back ($edited) is found"
	else
		not_ok "$tb: a row edited behind irdesk's back (${edited:-no column took an edit}) is found"
	fi
	cp "$F" "$T/t-$tb.db"
	sqlite3 "$TDB" "PRAGMA foreign_keys = OFF; DELETE FROM \"$tb\" WHERE rowid = $id"
	tried=$((tried + 1))
	if found "$tb: record $id was deleted outside irdesk"; then
		caught=$((caught + 1))
		ok "$tb: a row deleted behind irdesk's back is found"
	else
		not_ok "$tb: a row deleted behind irdesk's back is found"
	fi
done
check "every audited table was tried ($ntables)" [ "$ntables" -ge 13 ]
diag "tamperings tried in all: $tried, caught: $caught"

run --db "$DB" check
check "the clean store still passes" status_is 0

done_testing
