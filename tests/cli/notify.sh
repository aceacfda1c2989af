#!/bin/sh
# notify.sh - irdesk notify / notifications / decide / decisions: the
# command line, exit statuses, what the timers and the timeline say, the
# external paths from the configuration file, and the audit trail.
# Prints TAP. $IRDESK is the binary; $PYTHON3 reads JSON.

if [ -z "${IRDESK:-}" ]; then
	echo "Bail out! IRDESK must be set (run through make check)"
	exit 99
fi
PYTHON3=${PYTHON3:-python3}
T=$(mktemp -d "${TMPDIR:-/tmp}/irdesk-notify.XXXXXX") || {
	echo "Bail out! cannot make a temporary directory"
	exit 99
}
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

# Nothing from the caller's environment may choose the store, the user,
# the configuration or the playbooks.
unset IRDESK_USER IRDESK_PLAYBOOK_PATH XDG_CONFIG_HOME
HOME=$T/home
IRDESK_DB=$T/irdesk.db
IRDESK_CONFIG=$T/config
TZ=UTC
export HOME IRDESK_DB IRDESK_CONFIG TZ

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds; else show the last run.
check() {
	desc=$1
	shift
	if "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
		echo "# failed: $* (last run: $last, exit $rc)"
		sed 's/^/#   out: /' "$T/out" | head -n 15
		sed 's/^/#   err: /' "$T/err" | head -n 15
	fi
}

# run ARGS...: irdesk with stdout in $T/out, stderr in $T/err, status in $rc.
run() {
	last="irdesk $*"
	"$IRDESK" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

status_is() { [ "$rc" -eq "$1" ]; }
out_has() { grep -qF -- "$1" "$T/out"; }
err_has() { grep -qF -- "$1" "$T/err"; }
out_lacks() { ! grep -qF -- "$1" "$T/out"; }
# json EXPR: evaluate a Python expression over the JSON on stdout (as d).
json() { "$PYTHON3" -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($1) else 1)" <"$T/out"; }
usage_error() { status_is 2 && head -n 1 "$T/err" | grep -q '^irdesk: '; }

T0=2015-05-08T10:30:00Z
T1=2015-05-08T10:50:00Z

# ---- help ---------------------------------------------------------------------
run --help
for w in notify notifications decide decisions; do
	check "--help lists '$w'" grep -q "^  $w " "$T/out"
	run "$w" --help
	check "'$w --help' exits 0 with its usage" \
		sh -c "[ $rc -eq 0 ] && grep -q '^usage: irdesk .* $w ' '$T/out'"
	run --help
done

# ---- a case under the default playbook: csirt-lead, executives, ministry ----
run --now $T0 case new --title "標的型メール: 職員PC" --severity high
check "case opened" status_is 0
ID=$(cat "$T/out")

# ---- notify: what is refused, with exit 2 and nothing written ------------------
run --now $T1 notify "$ID" --channel phone
check "notify without --to: exit 2" usage_error
run --now $T1 notify "$ID" --to executives
check "notify without --channel: exit 2" usage_error
run --now $T1 notify "$ID" --to executives --channel fax
check "unknown channel: exit 2" usage_error
check "unknown channel: the valid ones are named" err_has "phone, email, meeting, chat, letter, other"
run --now $T1 notify "$ID" --to "the minister" --channel phone
check "a role that is not one word: exit 2" usage_error
check "bad role: the usual roles are named" err_has "csirt-lead, executives, ministry"
run --now $T1 notify "$ID" --to 'exec;rm' --channel phone
check "a role with shell characters: exit 2" usage_error
run --now $T1 notify "$ID" --to executives --channel phone --at 2015-05-08T10:51:00Z
check "--at in the future: exit 2" usage_error
check "--at in the future: says so" err_has "future"
run --now $T1 notify "$ID" --to executives --channel phone --at yesterday
check "--at that is not a time: exit 2" usage_error
run --now $T1 notify "$ID" --to executives --channel phone --bogus
check "unknown option: exit 2" usage_error
run --now $T1 notify
check "no case: exit 2" usage_error
run --now $T1 notify IR-2015-0099 --to executives --channel phone
check "unknown case: exit 1" sh -c "[ $rc -eq 1 ] && grep -q 'IR-2015-0099' '$T/err'"
run --now $T1 notifications "$ID" --json
check "nothing was recorded by the refused commands" json "d == []"

# ---- notify: recorded, and it satisfies the role's timers ---------------------
run --now $T1 --as sato notify "$ID" --to Executives --channel phone --at 2015-05-08T10:45:00Z \
	--note "briefed the director"
check "notify executives: exit 0" status_is 0
check "notify says which timer it satisfied" out_has "notification 1: executives told by phone at 2015-05-08 10:45 UTC; 1 timer satisfied"
run --now $T1 timers "$ID" --json
check "the executives timer is satisfied by notification 1" \
	json "[t['state'] for t in d if t['role'] == 'executives'] == ['satisfied'] and [t['satisfied_by'] for t in d if t['role'] == 'executives'] == ['notification 1']"
check "the ministry timer is still pending" \
	json "[t['state'] for t in d if t['role'] == 'ministry'] == ['pending']"
run --now $T1 --as suzuki notify "$ID" --to vendor --channel email
check "a role nobody waits for: recorded, and said so" \
	sh -c "[ $rc -eq 0 ] && grep -q 'no open timer was waiting for vendor' '$T/out'"
run --now $T1 notifications "$ID" --json
check "notifications --json: both, with stable fields" \
	json "[(x['id'], x['role'], x['channel'], x['at'], x['recorded_at'], x['by'], x['note']) for x in d] == [(1, 'executives', 'phone', '2015-05-08T10:45:00Z', '2015-05-08T10:50:00Z', 'sato', 'briefed the director'), (2, 'vendor', 'email', '2015-05-08T10:50:00Z', '2015-05-08T10:50:00Z', 'suzuki', None)]"
run --now $T1 notifications "$ID"
check "notifications lists them for people" \
	sh -c "out=\$(cat '$T/out'); echo \"\$out\" | grep -q '^1 .*2015-05-08 10:45 UTC executives .*phone .*sato .*briefed the director'"
run --now $T1 timeline "$ID"
check "the timeline has the notification at the time it was made" \
	out_has "2015-05-08 10:45 UTC notify   sato: executives told by phone (notification 1): briefed the director"

# Escape sequences in a note never reach the terminal raw.
ESC=$(printf '\033')
run --now $T1 notify "$ID" --to police --channel letter --note "report ${ESC}[2J filed"
run --now $T1 notifications "$ID"
check "a note with an escape sequence is shown escaped" \
	sh -c "! grep -q '$ESC' '$T/out' && grep -qF 'report \\x1b[2J filed' '$T/out'"

# Telling every role in time leaves nothing overdue.
run --now $T1 notify "$ID" --to csirt-lead --channel chat --at 2015-05-08T10:40:00Z
run --now $T1 notify "$ID" --to ministry --channel phone
run --now 2015-05-08T13:00:00Z timers "$ID" --due
check "every role told: timers --due exits 0" status_is 0

# ---- decide: what is refused ------------------------------------------------------
D1=2015-05-19T09:00:00Z
run --now $D1 decide "$ID" full-disconnect --choice disconnect
check "no rationale: exit 2" usage_error
run --now $D1 decide "$ID" full-disconnect --choice disconnect --rationale "   "
check "a blank rationale: exit 2" usage_error
check "a blank rationale: says it is needed" err_has "rationale"
run --now $D1 decide "$ID" disconnect-all --choice disconnect --rationale x
check "unknown question: exit 2 naming full-disconnect" \
	sh -c "[ $rc -eq 2 ] && grep -q 'full-disconnect' '$T/err'"
run --now $D1 decide "$ID" full-disconnect --choice maybe --rationale x
check "unknown choice: exit 2 naming the choices" \
	sh -c "[ $rc -eq 2 ] && grep -q 'disconnect, partial, defer' '$T/err'"
run --now $D1 decide "$ID" full-disconnect --rationale x
check "no choice: exit 2" usage_error
run --now $D1 decide "$ID" full-disconnect --choice partial --rationale x
check "partial without --paths: exit 2" usage_error
run --now $D1 decide "$ID" full-disconnect --choice disconnect --rationale x --paths 'proxy;mail'
check "a bad path list: exit 2" usage_error
run --now $D1 decide "$ID" --choice disconnect --rationale x
check "no question: exit 2" usage_error
run --now $D1 decisions "$ID" --json
check "nothing was recorded by the refused decisions" json "d == []"

# ---- decide: what is cut and what is STILL OPEN ----------------------------------
run --now $D1 --as tanaka decide "$ID" full-disconnect --choice disconnect \
	--rationale "HTTP POST from site B" --paths proxy,vpn,remote-access
check "disconnect with some paths: exit 0" status_is 0
check "it names the paths cut" out_has "cut:        proxy, vpn, remote-access"
check "it names the paths STILL OPEN (2015: the mail line)" out_has "STILL OPEN: mail, dedicated-lines"
run --now $D1 timeline "$ID"
check "the timeline says STILL OPEN too" \
	out_has "decision 1 on full-disconnect: disconnect. Cut: proxy, vpn, remote-access. STILL OPEN: mail, dedicated-lines. Rationale: HTTP POST from site B"
run --now $D1 decisions "$ID" --json
check "decisions --json: paths and open_paths as arrays" \
	json "d[0]['paths'] == ['proxy', 'vpn', 'remote-access'] and d[0]['open_paths'] == ['mail', 'dedicated-lines'] and d[0]['decided_by'] == 'tanaka' and d[0]['decided_at'] == '2015-05-19T09:00:00Z' and d[0]['choice'] == 'disconnect'"
run --now $D1 decide "$ID" full-disconnect --choice disconnect --rationale "everything now"
check "disconnect without --paths cuts every known path" \
	sh -c "grep -q 'cut:        proxy, mail, vpn, remote-access, dedicated-lines' '$T/out' && grep -q 'none of the known external paths' '$T/out' && ! grep -q 'STILL OPEN' '$T/out'"
run --now $D1 decide "$ID" full-disconnect --choice defer --rationale "one site only"
check "defer: recorded, every path still open, and a reminder" \
	sh -c "[ $rc -eq 0 ] && grep -q 'STILL OPEN: proxy, mail, vpn, remote-access, dedicated-lines' '$T/out' && grep -q '^reminder: ' '$T/out'"
run --now $D1 decisions "$ID"
check "decisions lists them for people" \
	sh -c "grep -q 'full-disconnect = defer (by ' '$T/out' && grep -q 'STILL OPEN: mail, dedicated-lines' '$T/out' && grep -q 'rationale:  HTTP POST from site B' '$T/out'"

# ---- the organisation's external paths come from the configuration -------------
cat >"$IRDESK_CONFIG" <<EOF
# our lines
external-paths = proxy, mail, dedicated-mail-line
EOF
run decide --help
check "decide --help shows the configured external paths" out_has "  proxy, mail, dedicated-mail-line"
run --now $D1 decide "$ID" full-disconnect --choice disconnect --rationale "cut" --paths proxy,mail
check "configured external-paths: the dedicated mail line is STILL OPEN" \
	sh -c "[ $rc -eq 0 ] && grep -q 'STILL OPEN: dedicated-mail-line' '$T/out'"
printf 'external-paths = proxy\nhook-timeout = soon\n' >"$IRDESK_CONFIG"
run --now $D1 decide "$ID" full-disconnect --choice disconnect --rationale "cut"
check "a broken configuration: exit 1 naming file:line" \
	sh -c "[ $rc -eq 1 ] && grep -qF '$IRDESK_CONFIG:2: hook-timeout' '$T/err'"
rm -f "$IRDESK_CONFIG"
run --now $D1 decisions "$ID" --json
check "four decisions recorded in all" json "len(d) == 4"

# ---- with the playbook: infection at two sites asks for the decision ------------
M=2015-05-20T10:00:00Z
run --now $M case new --title "拠点A・B" --severity high
ID2=$(cat "$T/out")
run --now $M asset add "$ID2" PC-0427 --site A --state infected
run --now $M asset add "$ID2" PC-1101 --site B --state infected
run --now $M step list "$ID2" --json
check "two infected sites: the decide-disconnect step is pending" \
	json "[s['state'] for s in d if s['key'] == 'decide-disconnect'] == ['pending']"
run --now $M step done "$ID2" decide-disconnect
check "the step cannot be ticked off without a decision" \
	sh -c "[ $rc -eq 1 ] && grep -q 'no decision on full disconnection' '$T/err'"
run --now 2015-05-20T10:20:00Z decide "$ID2" full-disconnect --choice defer --rationale "wait for the proxy logs"
check "a decision, even defer, marks the waiting step done" \
	sh -c "[ $rc -eq 0 ] && grep -q '^1 step waiting for this decision marked done' '$T/out'"
run --now 2015-05-20T10:21:00Z step list "$ID2" --json
check "the decide-disconnect step is done, naming the decision (ids are per store)" \
	json "[(s['state'], s['note']) for s in d if s['key'] == 'decide-disconnect'] == [('done', 'decision 5')]"
run --now 2015-05-20T10:21:00Z timers "$ID2" --json
check "its deadline timer is satisfied" \
	json "[t['state'] for t in d if t['rule'] == 'step:decide-disconnect'] == ['satisfied']"
run --now 2015-05-20T10:22:00Z notify "$ID2" --to executives --channel meeting
check "telling the executives satisfies both their timers (opening, second site)" \
	sh -c "[ $rc -eq 0 ] && grep -q '2 timers satisfied' '$T/out'"

# ---- case show and the audit trail ------------------------------------------------
run --now $D1 case show "$ID" --json
check "case show --json has the notifications and decisions" \
	json "len(d['notifications']) == 5 and len(d['decisions']) == 4 and d['decisions'][0]['open_paths'] == ['mail', 'dedicated-lines']"
run check
check "irdesk check verifies the notifications and decisions" status_is 0
"$PYTHON3" - "$IRDESK_DB" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE decisions SET open_paths = '[]' WHERE id = 1")
db.commit()
EOF
run check
check "a decision rewritten behind irdesk's back is found" \
	sh -c "[ $rc -ne 0 ] && grep -q 'decisions' '$T/out' '$T/err'"

echo "1..$n"
[ "$failed" -eq 0 ]
