#!/bin/sh
# utf8_cut.sh - text the core cuts to fit (a step title, a timeline entry)
# ends on a character boundary and says it was cut: a long Japanese
# indicator never stores invalid UTF-8, and every --json output parses.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

# Three alignments (0, 1 or 2 ASCII letters before the Japanese), so that
# a cut at a fixed byte count falls inside a three-byte character in at
# least one of them.
for n in 0 1 2; do
	id=$("$IRDESK" case new --title "長い指標 $n" --playbook targeted-email 2>/dev/null)
	sender=$("$PYTHON3" -c "import sys; print('a' * int(sys.argv[1]) + '攻' * 400 + '@example-mail.jp')" "$n")
	run ioc add "$id" email "$sender"
	check "n=$n: a long Japanese sender is added" status_is 0
	run step list "$id" --json
	check "n=$n: step list --json is valid UTF-8 JSON" py_out "import json, sys
json.loads(sys.stdin.buffer.read().decode('utf-8', 'strict'))"
	run timeline "$id" --json
	check "n=$n: timeline --json is valid UTF-8 JSON" py_out "import json, sys
json.loads(sys.stdin.buffer.read().decode('utf-8', 'strict'))"
done

check "every stored step title and timeline text is valid UTF-8" "$PYTHON3" -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.text_factory = bytes
for (t,) in db.execute('SELECT title FROM steps UNION ALL SELECT text FROM events'):
    t.decode('utf-8', 'strict')" "$IRDESK_DB"
check "a cut step title ends with an ellipsis" "$PYTHON3" -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
cut = [t for (t,) in db.execute(\"SELECT title FROM steps WHERE title LIKE '%攻攻攻%'\")]
sys.exit(not cut or not all(t.endswith('\u2026') for t in cut))" "$IRDESK_DB"

done_testing
