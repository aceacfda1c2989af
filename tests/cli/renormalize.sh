#!/bin/sh
# renormalize.sh - a store an older irdesk wrote, whose indicators have the
# Unicode form of a name where today's normaliser has the A-label: the next
# open re-normalises them (the user does nothing), so `ioc find`, merging and
# the "already blocked" rule see one form per name; the raw value is kept,
# every change is audited and the store passes check.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 missing"; exit 0; }
export IRDESK_USER=yamada
C=IR-$(date -u +%Y)-0001

run case new --title "Old store"
run ioc add "$C" email "info@例え.jp"
run block request "$C" '#1' --scope domain
run block activate "$C" 1
check "a domain block on the indicator" status_is 0
# The forms the normaliser before schema 7 wrote (Unicode hosts), in a file
# whose rows have no normaliser version yet.
sqlite3 "$IRDESK_DB" "UPDATE indicators SET normal = 'info@例え.jp', host = '例え.jp',
	registrable = '例え.jp', norm_version = 0; UPDATE blocks SET target = '例え.jp'"
check "the old forms are in the file" [ "$(sqlite3 "$IRDESK_DB" \
	"SELECT count(*) FROM indicators WHERE normal = 'info@例え.jp' AND norm_version = 0")" = 1 ]

run ioc find xn--r8jz45g.jp --json
check "the next open re-normalises: found by its A-label" py_out '
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if [(h["indicator"]["normal"], h["indicator"]["raw"], h["match"]) for h in d] ==
	[("info@xn--r8jz45g.jp", "info@例え.jp", "same_host")] else print(d) or 1)'
check "the row has today's normaliser version" [ "$(sqlite3 "$IRDESK_DB" \
	"SELECT count(*) FROM indicators WHERE norm_version = 0")" = 0 ]
check "the block moved onto the A-label" [ "$(sqlite3 "$IRDESK_DB" \
	"SELECT target FROM blocks")" = xn--r8jz45g.jp ]
check "each change has its audit record" [ "$(sqlite3 "$IRDESK_DB" "SELECT count(*) FROM audit
	WHERE action IN ('indicator.renormalize', 'block.retarget')")" = 2 ]
run timeline "$C"
check "and is on the timeline" out_has "re-normalised: email info@xn--r8jz45g.jp, was info@例え.jp"

run ioc add "$C" email "keiri@例え.jp"
check "a sibling address is added" status_is 0
run ioc list "$C" --json
check "a sibling address is already blocked by the moved block" py_out '
import json, sys
d = {i["normal"]: i for i in json.load(sys.stdin)}
b = d["keiri@xn--r8jz45g.jp"]["blocks"]
sys.exit(0 if len(b) == 1 and b[0]["target"] == "xn--r8jz45g.jp" and b[0]["state"] == "active" else print(d) or 1)'
run ioc add "$C" email "info@xn--r8jz45g.jp"
check "typed as an A-label it merges with the old row" out_has "seen again"
run check
check "the store passes check" status_is 0
done_testing
