#!/bin/sh
# json.sh - every --json output parses as JSON, has exactly the fields that
# irdesk(1) documents, and gives times in ISO-8601 UTC (checked by
# jsoncheck.py against doc/irdesk.1).
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

MAN=$IRDESK_SRCDIR/doc/irdesk.1

# jsonok KIND WANT: the last output passes jsoncheck with WANT objects.
jsonok() {
	_n=$("$PYTHON3" "$IRDESK_SRCDIR/tests/cli/jsoncheck.py" "$MAN" "$1" "$T/out" 2>"$T/jsonerr")
	_s=$?
	[ -s "$T/jsonerr" ] && sed 's/^/# /' "$T/jsonerr"
	[ "$_s" -eq 0 ] && [ "$_n" = "$2" ]
}

run case list --json
check "case list --json on an empty store: exit 0" status_is 0
check "case list --json on an empty store: []" sh -c "[ \"\$(cat '$T/out')\" = '[]' ]"
run case list --all --json
check "case list --all --json on an empty store: []" sh -c "[ \"\$(cat '$T/out')\" = '[]' ]"

run --now 2015-05-08T10:30:00+09:00 --as kato case new --title '標的型メール "quoted" \ back' \
	--severity high --detected-at 2015-05-08T08:00:00+09:00 --tlp red --lead tanaka
run --now 2015-05-18T09:00:00Z case new --title "101 mails from the same sender"
run --now 2015-05-20T09:00:00Z case new --title "old news"
run --now 2015-05-08T12:00:00Z log IR-2015-0001 "$(printf 'tab\tnewline\nend')" --at 2015-05-08T02:10:00Z
run --now 2015-06-01T00:00:00Z case set IR-2015-0003 --status closed

run case list --json
check "case list --json: documented fields, UTC times" jsonok case-list 2
check "case list --json: open cases, newest first" \
	py_out 'import json,sys; sys.exit([c["id"] for c in json.load(sys.stdin)] != ["IR-2015-0002", "IR-2015-0001"])'
check "case list --json: values and types" \
	py_out 'import json,sys
c = json.load(sys.stdin)[1]
sys.exit((c["opened_at"], c["detected_at"], c["closed_at"], c["tlp"], c["severity"], c["lead"],
          c["exercise"], c["personal_data"], c["created_by"], len(c["uuid"]))
         != ("2015-05-08T01:30:00Z", "2015-05-07T23:00:00Z", None, "red", "high", "tanaka",
             False, False, "kato", 36))'

run case list --all --json
check "case list --all --json: documented fields, UTC times" jsonok case-list 3
check "case list --all --json: the closed case too, with closed_at" \
	py_out 'import json,sys; c = json.load(sys.stdin)[0]; sys.exit((c["id"], c["status"], c["closed_at"]) != ("IR-2015-0003", "closed", "2015-06-01T00:00:00Z"))'

run case show IR-2015-0001 --json
check "case show --json: documented fields and events, UTC times" jsonok case-show 3
check "case show --json: text with quotes, backslash, tab and newline survives" \
	py_out 'import json,sys; d = json.load(sys.stdin); sys.exit(d["title"] != "標的型メール \"quoted\" \\ back" or d["events"][1]["text"] != "tab\tnewline\nend")'
check "case show --json: one object, one line" sh -c "[ \"\$(wc -l < '$T/out')\" = 1 ] && head -c 1 '$T/out' | grep -q '{'"

run timeline IR-2015-0001 --json
check "timeline --json: documented fields, UTC times" jsonok timeline 2
check "timeline --json: +09:00 input is stored as UTC" \
	py_out 'import json,sys; d = json.load(sys.stdin); sys.exit((d[0]["happened_at"], d[0]["recorded_at"]) != ("2015-05-08T01:30:00Z", "2015-05-08T01:30:00Z"))'

# The checker itself must notice a missing or an extra field and a local time.
printf '[{"happened_at":"2015-05-08T10:30:00+09:00","recorded_at":null,"actor":"a","kind":"note","text":"t"}]\n' >"$T/out"
check "jsoncheck rejects a time that is not UTC Z" sh -c "! \"$PYTHON3\" '$IRDESK_SRCDIR/tests/cli/jsoncheck.py' '$MAN' timeline '$T/out' 2>/dev/null"
printf '[{"happened_at":null,"recorded_at":null,"actor":"a","kind":"note"}]\n' >"$T/out"
check "jsoncheck rejects a missing field" sh -c "! \"$PYTHON3\" '$IRDESK_SRCDIR/tests/cli/jsoncheck.py' '$MAN' timeline '$T/out' 2>/dev/null"
printf '[{"happened_at":null,"recorded_at":null,"actor":"a","kind":"note","text":"t","x":1}]\n' >"$T/out"
check "jsoncheck rejects an undocumented field" sh -c "! \"$PYTHON3\" '$IRDESK_SRCDIR/tests/cli/jsoncheck.py' '$MAN' timeline '$T/out' 2>/dev/null"
printf '[{"happened_at":null,' >"$T/out"
check "jsoncheck rejects broken JSON" sh -c "! \"$PYTHON3\" '$IRDESK_SRCDIR/tests/cli/jsoncheck.py' '$MAN' timeline '$T/out' 2>/dev/null"

done_testing
