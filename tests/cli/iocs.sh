#!/bin/sh
# iocs.sh - `irdesk ioc` and `irdesk block` from the command line, on the
# 2015 timeline: the April C&C found next to May's by registrable domain,
# the sub-domain-only block, the repeat sender, refusals and their exit
# statuses, and `irdesk check` before and after an edit behind irdesk's back.

if [ -z "${IRDESK:-}" ]; then
	echo "Bail out! IRDESK must be set (run through make check)"
	exit 99
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/irdesk-iocs.XXXXXX") || {
	echo "Bail out! cannot make a temporary directory"
	exit 99
}
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM
unset IRDESK_USER
TZ=UTC
HOME=$T
export TZ HOME
DB=$T/irdesk.db

n=0
failed=0
ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $*"
}

# ir [--now TIME] ARGS...: irdesk on the test store; stdout in $T/out,
# stderr in $T/err, exit status in $rc.
ir() {
	last="irdesk $*"
	"$IRDESK" --db "$DB" --as tester "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds; else show the run.
check() {
	desc=$1
	shift
	if "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
		echo "# failed: $* (last run: $last, exit $rc)"
		sed 's/^/#   out: /' "$T/out" | head -n 20
		sed 's/^/#   err: /' "$T/err" | head -n 20
	fi
}

status() { [ "$rc" -eq "$1" ]; }
# valid_json: the last output parses as JSON (when python3 is there to say).
valid_json() {
	command -v "${PYTHON3:-python3}" >/dev/null 2>&1 || return 0
	"${PYTHON3:-python3}" -c 'import json, sys; json.load(sys.stdin)' <"$T/out"
}
out_has() { grep -qF -- "$1" "$T/out"; }
err_has() { grep -qF -- "$1" "$T/err"; }
out_line() { grep -qxF -- "$1" "$T/out"; }

# ---- two cases: April (MHLW) and May (JPS) -------------------------------
ir --now 2015-04-22T01:00:00Z case new --title "MHLW: targeted mail, C&C beacon" \
	--playbook targeted-email
ir --now 2015-05-08T01:00:00Z case new --title "JPS: targeted mail, PC infected" \
	--playbook targeted-email
check "two cases opened under the targeted-email playbook" status 0

ir --now 2015-04-22T01:10:00Z ioc add IR-2015-0001 url 'hxxp://Sub1.EVIL-CC.example[.]co.jp/x' \
	--note "GET with odd strings"
check "ioc add: exit 0" status 0
check "ioc add: prints the normal form" out_line "added #1: url http://sub1.evil-cc.example.co.jp/x"
check "ioc add: prints the registrable domain and the default role" \
	out_line "  role c2, registrable domain example.co.jp"

ir --now 2015-05-08T02:00:00Z ioc add IR-2015-0002 url http://sub2.evil-cc.example.co.jp/a
ir --now 2015-05-08T02:05:00Z ioc add IR-2015-0002 email 'attacker[at]mail.evil-sender.example.com'
check "a sender: role from the type" out_line "  role sender, registrable domain example.com"
ir --now 2015-05-08T02:06:00Z ioc add IR-2015-0002 ip 192.0.2.7
check "an IP has no registrable domain" out_line "  role c2, registrable domain -"

# ---- the playbook's steps, made by the indicators ------------------------
ir --now 2015-05-08T02:10:00Z step list IR-2015-0002 --json
check "a C&C URL: a block-domain step for its registrable domain" \
	out_has '"key":"block-domain","title":"Block the C&C registrable domain (C&Cドメインのブロック): example.co.jp"'
check "a sender: a block-sender step for its address" \
	out_has '"key":"block-sender","title":"Block the sender address (送信元アドレスのブロック): attacker@mail.evil-sender.example.com"'
check "an IP C&C: a block-domain step for the IP" \
	out_has '"key":"block-domain","title":"Block the C&C registrable domain (C&Cドメインのブロック): 192.0.2.7"'
check "no disconnection decision yet" sh -c "! grep -q '\"key\":\"decide-disconnect\"' '$T/out'"

# ---- merge ---------------------------------------------------------------
ir --now 2015-05-08T03:00:00Z ioc add IR-2015-0002 email 'attacker@MAIL.evil-sender.example.com' \
	--note "second mail"
check "the same sender again: merged (seen 2 times)" \
	out_line "merged #3 (seen 2 times): email attacker@mail.evil-sender.example.com"
ir ioc list IR-2015-0002 --json
check "ioc list --json is valid JSON" valid_json
check "merge kept the first raw value and the note" \
	out_has '"raw":"attacker[at]mail.evil-sender.example.com","normal":"attacker@mail.evil-sender.example.com"'
check "merge counted and dated it" \
	out_has '"seen_count":2,"first_seen":"2015-05-08T02:05:00Z","last_seen":"2015-05-08T03:00:00Z"'
check "the IP's registrable domain is null" out_has '"host":"192.0.2.7","registrable_domain":null'

ir ioc list IR-2015-0002
check "ioc list: raw, normal form, registrable domain" \
	sh -c "grep -q '^#3 .*sender .* 2  example.com\$' '$T/out' &&
	       grep -qxF '    raw    attacker[at]mail.evil-sender.example.com' '$T/out' &&
	       grep -qxF '    normal attacker@mail.evil-sender.example.com' '$T/out'"
check "ioc list: '-' for the IP's registrable domain" sh -c "grep -q '^#4 .*ip .*c2 .* 1  -\$' '$T/out'"

# Text from the store never reaches the terminal raw.
esc=$(printf '\033')
ir ioc add IR-2015-0001 subject "Invoice${esc}[2J" --note "clears${esc}[2J the screen"
ir ioc list IR-2015-0001
check "ioc list: escape characters are shown escaped" \
	sh -c "grep -qF 'Invoice\\x1b[2J' '$T/out' && grep -qF 'clears\\x1b[2J the screen' '$T/out' &&
	       ! grep -q \"\$(printf '\\033')\" '$T/out'"

# ---- invalid input: exit 2 with the reason, nothing written --------------
ir ioc add IR-2015-0002 url 'http://evil.example.com:99999/'
check "invalid URL: exit 2" status 2
check "invalid URL: the normaliser's reason" err_has "irdesk: invalid url: invalid port"
ir ioc add IR-2015-0002 ip 10.0.0.300
check "invalid IP: exit 2 and the reason" sh -c "[ $rc -eq 2 ] && grep -q 'invalid IPv4 address' '$T/err'"
ir ioc add IR-2015-0002 hash abc
check "unknown type: exit 2 naming the types" \
	sh -c "[ $rc -eq 2 ] && grep -q 'expected one of: email, url, domain, ip, sha256, sha1, md5, subject, filename' '$T/err'"
ir ioc add IR-2015-0002 ip 192.0.2.9 --role boss
check "unknown role: exit 2 naming the roles" \
	sh -c "[ $rc -eq 2 ] && grep -q 'expected one of: sender, c2, download, other' '$T/err'"
ir ioc add IR-2015-0099 ip 192.0.2.9
check "unknown case: exit 1" sh -c "[ $rc -eq 1 ] && grep -q 'no case' '$T/err'"
ir ioc list IR-2015-0002 --json
check "nothing was written by the refused commands" \
	sh -c "[ \$(grep -o '\"id\":' '$T/out' | wc -l) -eq 3 ]"

# ---- find across cases ---------------------------------------------------
ir ioc find 'hxxp://sub2.evil-cc.example[.]co.jp/a'
check "ioc find: exit 0" status 0
check "ioc find: May's C&C by value" \
	sh -c "grep -q '^IR-2015-0002 *same value *#2 *url *http://sub2.evil-cc.example.co.jp/a' '$T/out'"
check "ioc find: April's C&C next to it, by registrable domain" \
	sh -c "grep -q '^IR-2015-0001 *same registrable domain *#1 *url *http://sub1.evil-cc.example.co.jp/x' '$T/out'"
ir ioc find sub2.evil-cc.example.co.jp --json
check "ioc find --json is valid JSON" valid_json
check "ioc find --json: case, indicator and how it matched" \
	sh -c "grep -q '\"case\":\"IR-2015-0001\",\"case_title\":\"MHLW: targeted mail, C&C beacon\",\"exercise\":false,\"match\":\"same_registrable_domain\"' '$T/out' &&
	       grep -q '\"case\":\"IR-2015-0002\",[^]]*\"match\":\"same_host\"' '$T/out'"
ir ioc find nothing.example.net
check "ioc find: nothing found says so, exit 0" sh -c "[ $rc -eq 0 ] && grep -qx 'no case has it' '$T/out'"

# ---- blocks: the issue's form, the sub-forms, the 2015 mistake -----------
ir --now 2015-04-22T03:00:00Z block IR-2015-0001 '#1' --scope host
check "block ID INDICATOR --scope host: exit 0" status 0
check "block: requested on the host" \
	out_line "requested block #1: host sub1.evil-cc.example.co.jp (indicator #1 http://sub1.evil-cc.example.co.jp/x)"
check "block: a host-only block says why the domain step stays open" \
	err_has "blocked host sub1.evil-cc.example.co.jp only: the step 'block the registrable domain' stays open until example.co.jp is blocked"
ir --now 2015-04-22T03:05:00Z block activate IR-2015-0001 1
check "block activate: exit 0" status 0
check "block activate: says it again" err_has "blocked host sub1.evil-cc.example.co.jp only"
ir block activate IR-2015-0001 '#1'
check "activating an active block: exit 1 with the reason" \
	sh -c "[ $rc -eq 1 ] && grep -q 'cannot become active: it is already active' '$T/err'"

ir --now 2015-05-08T05:00:00Z block IR-2015-0002 http://sub2.evil-cc.example.co.jp/a
check "block by the indicator's value: default scope domain" \
	out_line "requested block #2: domain example.co.jp (indicator #2 http://sub2.evil-cc.example.co.jp/a)"
check "a domain block gives no host-only warning" sh -c "! grep -q 'blocked host' '$T/err'"
ir --now 2015-05-08T05:01:00Z block request IR-2015-0002 'attacker@mail.evil-sender.example.com'
check "block request: an e-mail sender by address" \
	out_line "requested block #3: address attacker@mail.evil-sender.example.com (indicator #3 attacker@mail.evil-sender.example.com)"
ir block IR-2015-0002 192.0.2.7 --scope domain
check "a scope that does not fit: exit 2 with the reason" \
	sh -c "[ $rc -eq 2 ] && grep -q 'no registrable domain (use --scope address)' '$T/err'"
ir block IR-2015-0002 '#2'
check "the same target twice: exit 1 naming the block" \
	sh -c "[ $rc -eq 1 ] && grep -q 'block #2 (requested) already covers domain example.co.jp' '$T/err'"
ir block IR-2015-0002 nothing.example.net
check "an indicator the case does not have: exit 1" \
	sh -c "[ $rc -eq 1 ] && grep -q 'has no indicator' '$T/err'"
ir block IR-2015-0002 '#2' --scope everything
check "an unknown scope: exit 2" sh -c "[ $rc -eq 2 ] && grep -q 'expected one of: address, host, domain' '$T/err'"
ir block activate IR-2015-0002 x
check "a block that is not a number: exit 2" status 2
ir block activate IR-2015-0002 1
check "another case's block: exit 1" sh -c "[ $rc -eq 1 ] && grep -q 'has no block #1' '$T/err'"

ir --now 2015-05-08T05:10:00Z block activate IR-2015-0002 2
ir --now 2015-05-08T05:10:00Z block activate IR-2015-0002 3
check "blocks activated" status 0

# May 18: the same sender again, after its block.
ir --now 2015-05-18T01:00:00Z ioc add IR-2015-0002 email attacker@mail.evil-sender.example.com \
	--note "101 mails to personal addresses"
check "a blocked sender seen again: merged" out_line "merged #3 (seen 3 times): email attacker@mail.evil-sender.example.com"
check "a blocked sender seen again: called a repeat campaign" \
	out_has "this sender is blocked and was seen again: a repeat campaign"
ir --now 2015-05-18T01:01:00Z step list IR-2015-0002 --json
check "a repeat sender asks for the full-disconnection decision" \
	out_has '"key":"decide-disconnect","title":"Decide full Internet disconnection (インターネット全面遮断の判断)"'
ir --now 2015-05-18T01:01:00Z timers IR-2015-0002 --json
check "... and tells the executives again within 30 minutes" \
	out_has '"rule":"executives-again","role":"executives","step":null,"step_title":null,"trigger":"repeat-sender"'
# May 21: a new C&C under the blocked domain is covered by the May 8 block.
ir --now 2015-05-21T01:00:00Z ioc add IR-2015-0002 url http://sub9.evil-cc.example.co.jp/new
ir ioc list IR-2015-0002
check "ioc list: a sibling shows the domain block that covers it" \
	out_line "    block  #2 active domain example.co.jp (made for #2)"

ir --now 2015-06-30T00:00:00Z block lift IR-2015-0002 3 --note "sender retired"
check "block lift: exit 0" status 0
ir block lift IR-2015-0002 3
check "lifting a lifted block: exit 1" sh -c "[ $rc -eq 1 ] && grep -q 'already lifted' '$T/err'"
ir block list IR-2015-0002
check "block list: states and targets" \
	sh -c "grep -q '^#2 *active *domain *example.co.jp\$' '$T/out' &&
	       grep -q '^#3 *lifted *address *attacker@mail.evil-sender.example.com\$' '$T/out' &&
	       grep -q 'lifted 2015-06-30 00:00 UTC: sender retired' '$T/out'"
ir block list IR-2015-0002 --json
check "block list --json is valid JSON" valid_json
check "block list --json" \
	out_has '"id":3,"indicator_id":3,"indicator":"attacker@mail.evil-sender.example.com","indicator_type":"email","scope":"address","target":"attacker@mail.evil-sender.example.com","state":"lifted"'
ir timeline IR-2015-0002
check "the timeline has the blocks and the repeat sender" \
	sh -c "grep -q 'block #2 active: domain example.co.jp' '$T/out' &&
	       grep -q 'block #3 lifted: address attacker@mail.evil-sender.example.com - sender retired' '$T/out' &&
	       grep -q 'seen again (3 times).*although an active block covers it' '$T/out'"

ir case show IR-2015-0002 --json
check "case show --json is valid JSON" valid_json
check "case show --json has the indicators and the blocks" \
	sh -c "grep -q '\"indicators\":\[{\"id\":2,\"type\":\"url\"' '$T/out' &&
	       grep -q '\"blocks\":\[{\"id\":2,\"indicator_id\":2,' '$T/out'"

# ---- the grammar -----------------------------------------------------------
ir block
check "block alone: exit 2 with the forms" sh -c "[ $rc -eq 2 ] && grep -q 'irdesk block activate ID BLOCK' '$T/err'"
ir block --help
check "block --help: exit 0 with every form" \
	sh -c "[ $rc -eq 0 ] && grep -q '^usage: irdesk block ID INDICATOR' '$T/out' && grep -q 'irdesk block lift ID BLOCK' '$T/out'"
ir block lift --help
check "block lift --help: its own usage" sh -c "[ $rc -eq 0 ] && grep -q 'block lift ID BLOCK \\[--note TEXT\\]' '$T/out'"
ir ioc add IR-2015-0002 url
check "ioc add with a missing value: exit 2" status 2

# ---- the audit -----------------------------------------------------------
ir check
check "irdesk check passes after the session" sh -c "[ $rc -eq 0 ] && grep -q '^ok: [0-9]* audit records verified' '$T/out'"

# tamper SQL: run SQL on a copy of the store behind irdesk's back.
tamper() {
	cp "$DB" "$T/tampered.db"
	if command -v sqlite3 >/dev/null 2>&1; then
		sqlite3 "$T/tampered.db" "$1"
	else
		"${PYTHON3:-python3}" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()' "$T/tampered.db" "$1"
	fi
}
if tamper "UPDATE indicators SET normal = 'http://harmless.example.org/' WHERE id = 1"; then
	last="irdesk check (tampered indicator)"
	"$IRDESK" --db "$T/tampered.db" check >"$T/out" 2>"$T/err"
	rc=$?
	check "check catches an indicator edited behind irdesk's back" \
		sh -c "[ $rc -ne 0 ] && grep -q 'indicators' '$T/err' && ! grep -q '^ok' '$T/out'"
else
	not_ok "could not edit the store behind irdesk's back"
fi
if tamper "UPDATE blocks SET state = 'active' WHERE id = 3"; then
	last="irdesk check (tampered block)"
	"$IRDESK" --db "$T/tampered.db" check >"$T/out" 2>"$T/err"
	rc=$?
	check "check catches a lifted block quietly made active" \
		sh -c "[ $rc -ne 0 ] && grep -q 'blocks' '$T/err'"
else
	not_ok "could not edit the store behind irdesk's back"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
