#!/bin/sh
# ioc_forms.sh - indicators as people and reports write them, through the real binary:
# one normal form per name (Unicode and A-label merge, the Unicode form shown beside),
# full-width input, the host a browser connects to, the raw value kept as typed, and
# what is refused. Prints TAP.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

run case new --title "indicators as written" --severity high
check "case new" status_is 0
id=$(head -n 1 "$T/out")

run ioc add "$id" domain "例え.jp"
check "a Unicode domain is stored as its A-label, the Unicode form beside it" \
	out_has "added #1: domain xn--r8jz45g.jp (例え.jp)"
run ioc add "$id" domain "XN--R8JZ45G.JP."
check "its A-label, in any case, is the same indicator" out_has "merged #1 (seen 2 times)"
run ioc add "$id" domain "ｗｗｗ．例え。ｊｐ"
check "full-width letters and ideographic full stops fold" \
	out_has "domain www.xn--r8jz45g.jp (www.例え.jp)"
check "its registrable domain is the A-label" out_has "registrable domain xn--r8jz45g.jp"

run ioc add "$id" url "ｈｔｔｐ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ．ｃｏ．ｊｐ／ａ"
check "a full-width URL is one URL, not http://http://" \
	out_has "url http://evil.example.co.jp/a"
run ioc list "$id" --json
check "the raw value is kept as typed" py_out '
import json, sys
rows = json.load(sys.stdin)
rows = rows if isinstance(rows, list) else rows.get("indicators", rows)
assert any(r["raw"] == "ｈｔｔｐ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ．ｃｏ．ｊｐ／ａ" and
           r["normal"] == "http://evil.example.co.jp/a" for r in rows), rows'

run ioc add "$id" url 'http://evil.example.net\@good.example.com/'
check "a backslash ends the host, as in a browser" \
	out_has "url http://evil.example.net/@good.example.com/"
check "so the registrable domain is the one a browser goes to" \
	out_has "registrable domain example.net"

run ioc add "$id" email "ａｔｔａｃｋｅｒ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ"
check "a full-width e-mail address is accepted" out_has "email attacker@example.co.jp"
run ioc add "$id" url "hxxp://example.com[/test"
check "a half-open defanged URL" out_has "url http://example.com/test"

run ioc find "ｅｖｉｌ．ｅｘａｍｐｌｅ．ｃｏ．ｊｐ"
check "ioc find folds full-width input too" \
	sh -c "grep -q 'looking for domain evil.example.co.jp' '$T/out' && grep -q 'same host  *#3 ' '$T/out'"
run ioc find "例え.jp"
check "ioc find: the Unicode name finds the A-label" \
	sh -c "grep -qF 'looking for domain xn--r8jz45g.jp (例え.jp)' '$T/out' && grep -q '#1' '$T/out'"

run ioc add "$id" domain "$(printf 'a\342\200\200.example.com')"
check "a Unicode space inside a host is refused (exit 2)" status_is 2
check "with the reason" err_has "invalid character U+2000 (a space) in host name"
run ioc add "$id" url 'http://example\.com/'
check "an ambiguous backslash escape is refused with the reason" \
	sh -c "[ $rc -eq 2 ] && grep -q 'or the start of a path' '$T/err'"

done_testing
