#!/bin/sh
# assets.sh - asset and evidence commands: hashes equal to sha256sum's, the
# chain of custody, verification, bad input, the audit, multi-site.
# Prints TAP. Needs $IRDESK (the binary); python3 reads the JSON.

if [ -z "${IRDESK:-}" ]; then
	echo "Bail out! IRDESK must be set (run through make check)"
	exit 99
fi
PYTHON3=${PYTHON3:-python3}
T=$(mktemp -d "${TMPDIR:-/tmp}/irdesk-assets.XXXXXX") || {
	echo "Bail out! cannot make a temporary directory"
	exit 99
}
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM
unset IRDESK_USER
IRDESK_DB=$T/irdesk.db
HOME=$T
XDG_DATA_HOME=$T/xdg
TZ=UTC
export IRDESK_DB HOME XDG_DATA_HOME TZ

n=0
failed=0
check() {
	_desc=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $_desc"
	else
		failed=$((failed + 1))
		echo "not ok $n - $_desc"
		echo "# last run: $last (exit $rc)"
		sed 's/^/#   stdout: /' "$T/out" | head -n 10
		sed 's/^/#   stderr: /' "$T/err" | head -n 10
	fi
}
# run ARGS...: stdout in $T/out, stderr in $T/err, status in $rc.
run() {
	last="irdesk $*"
	"$IRDESK" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}
status_is() { [ "$rc" -eq "$1" ]; }
out_is() { [ "$(cat "$T/out")" = "$1" ]; }
out_has() { grep -qF -- "$1" "$T/out"; }
err_has() { grep -qF -- "$1" "$T/err"; }
# py CODE: Python with the last stdout as JSON in d; exits non-zero when false.
py() { "$PYTHON3" -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if ($1) else 1)" <"$T/out"; }
# The number of audit records `irdesk check` verifies: grows with every write.
audited() { "$IRDESK" check | sed -n 's/^ok: \([0-9]*\) audit records verified$/\1/p'; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

NOW=2015-05-08T10:30:00Z
ESC=$(printf '\033')
I() { run --now "$NOW" --as alice "$@"; }

# ---- help, and usage errors before any store exists ----------------------------
run --help
for words in "asset add" "asset set" "asset list" "evidence add" "evidence transfer" \
	"evidence verify" "evidence list"; do
	check "--help lists '$words'" grep -q "^  $words " "$T/out"
done
I asset add IR-2015-0001 PC-1 --state isolated
check "asset add --state isolated: exit 2" status_is 2
check "... naming the valid states" err_has "suspected, infected"
I evidence add IR-2015-0001 --kind photo --sha256 x
check "evidence add --kind photo: exit 2" status_is 2
check "usage errors create no store" test ! -e "$IRDESK_DB"

I case new --title "targeted mail" --severity high --playbook targeted-email
check "case new" out_is IR-2015-0001
C=IR-2015-0001

# ---- assets ------------------------------------------------------------------------
I asset add $C "  PC-0427 " --site "site A" --state infected
check "asset add: exit 0, nothing on stdout" sh -c "[ $rc -eq 0 ] && [ ! -s '$T/out' ]"
I asset list $C --json
check "the host is trimmed; state, site and infection time recorded" \
	py 'd == [{"host": "PC-0427", "site": "site A", "state": "infected", "isolated": False, "added_at": "2015-05-08T10:30:00Z", "infected_at": "2015-05-08T10:30:00Z", "isolated_at": None, "changed_at": "2015-05-08T10:30:00Z"}]'
I step list $C --json
check "infected: the playbook's isolate (30 min) and forensic-image (24 h) steps for the host" py '
sorted((s["key"], s["due_at"]) for s in d if s["subject"] == "PC-0427") == [
 ("forensic-image", "2015-05-09T10:30:00Z"), ("isolate", "2015-05-08T11:00:00Z")]'
I asset add $C pc-0427
check "the same host again (any case): exit 1" status_is 1
check "... naming it" err_has "PC-0427"
I asset set $C PC-0427 --state suspected
check "asset set --state suspected: exit 2" status_is 2
check "... naming the valid states" err_has "infected, isolated, imaged, clean"
I asset set $C PC-0427 --state bogus
check "asset set --state bogus: exit 2" status_is 2
I asset set $C PC-0427
check "asset set with nothing to change: exit 2" status_is 2
I asset set $C PC-404 --state clean
check "asset set on an unknown host: exit 1" status_is 1
I asset add $C "PC${ESC}[2J"
check "a host with an escape character: exit 2" status_is 2
I asset add $C PC-0001 extra
check "an extra argument: exit 2" status_is 2
run --now 2015-05-08T10:45:00Z --as bob asset set $C pc-0427 --state isolated
check "asset set --state isolated: exit 0" status_is 0
I asset list $C --json
check "isolated, with the time" \
	py 'd[0]["state"] == "isolated" and d[0]["isolated"] and d[0]["isolated_at"] == "2015-05-08T10:45:00Z"'
I asset list $C
check "asset list shows the host and its state" grep -q '^PC-0427 *site A *isolated ' "$T/out"
I timeline $C --json
check "the change is on the timeline, by whom" \
	py '[e for e in d if e["actor"] == "bob" and e["text"] == "asset PC-0427 state changed from infected to isolated"]'
I asset add $C PC-0500 --site "拠点B"
I asset list $C --json
check "a Japanese site round-trips" py 'd[1]["site"] == "拠点B" and d[1]["state"] == "suspected"'
I step list $C --json
check "a suspected host gets no steps" py 'not [s for s in d if s["subject"] == "PC-0500"]'

# ---- evidence: hashes equal sha256sum's -----------------------------------------------
: >"$T/empty"
printf 'a' >"$T/one"
head -c 1048576 /dev/urandom >"$T/mib"
head -c 3145745 /dev/urandom >"$T/odd" # 3 MiB + 17: not a multiple of the block
num=0
for f in empty one mib odd; do
	num=$((num + 1))
	I evidence add $C --asset PC-0427 --kind disk-image --file "$T/$f"
	check "evidence add --file $f prints E$num" out_is "E$num"
done
I evidence list $C --json
num=0
for f in empty one mib odd; do
	check "E$((num + 1)) ($f): SHA-256 and size equal sha256sum's and stat's" \
		py "d[$num]['sha256'] == '$(sha "$T/$f")' and d[$num]['size'] == $(stat -c %s "$T/$f")"
	num=$((num + 1))
done
check "the location defaults to the file's full path" py "d[3]['location'] == '$T/odd'"
UPPER=$(sha "$T/one" | tr a-f A-F)
I evidence add $C --asset PC-0427 --kind memory --sha256 "$UPPER" --location "locker 3"
check "evidence add --sha256 (upper case): E5" out_is E5
I evidence list $C --json
check "the digest is stored lower-cased, no size, the location as given" \
	py "d[4]['sha256'] == '$(sha "$T/one")' and d[4]['size'] is None and d[4]['location'] == 'locker 3'"

# ---- bad evidence input: the right status, and nothing written -------------------------
before=$(audited)
I evidence add $C --asset PC-0427 --kind disk-image --sha256 abc123
check "a short digest: exit 2" status_is 2
I evidence add $C --asset PC-0427 --kind disk-image --sha256 "z$(sha "$T/one" | cut -c2-)"
check "a non-hex digest: exit 2" status_is 2
I evidence add $C --asset PC-0427 --kind disk-image --file "$T/one" --sha256 "$(sha "$T/one")"
check "both --file and --sha256: exit 2" status_is 2
I evidence add $C --asset PC-0427 --kind disk-image
check "neither --file nor --sha256: exit 2" status_is 2
I evidence add $C --asset PC-0427 --kind photo --file "$T/one"
check "an unknown kind: exit 2" status_is 2
I evidence add $C --kind disk-image --file "$T/one"
check "a disk image without --asset: exit 2" status_is 2
I evidence add $C --asset PC-9999 --kind disk-image --file "$T/one"
check "an unknown asset: exit 1" status_is 1
check "... naming it" err_has "PC-9999"
I evidence add $C --asset PC-0427 --kind disk-image --file "$T/missing"
check "a missing file: exit 1" status_is 1
check "... naming it" err_has "$T/missing"
check "bad evidence input wrote nothing" test "$(audited)" = "$before"
I evidence list $C --json
check "still five items" py 'len(d) == 5'

# ---- the chain of custody ---------------------------------------------------------------
run --now 2015-05-08T11:00:00Z --as alice evidence transfer $C E4 --to bob
check "transfer E4 to bob: exit 0" status_is 0
run --now 2015-05-08T12:00:00Z --as bob evidence transfer $C 4 --to "forensic lab" \
	--note "sealed bag ${ESC}[31m42"
check "transfer 4 to the lab: exit 0" status_is 0
I evidence list $C --json
check "the custody chain, in order, with who and when" py '
[(c["at"], c["from"], c["to"], c["by"]) for c in d[3]["custody"]] == [
 ("2015-05-08T10:30:00Z", None, "alice", "alice"),
 ("2015-05-08T11:00:00Z", "alice", "bob", "alice"),
 ("2015-05-08T12:00:00Z", "bob", "forensic lab", "bob")] and d[3]["holder"] == "forensic lab"'
check "the note is kept exactly" py 'd[3]["custody"][2]["note"] == "sealed bag \x1b[31m42"'
check "the other items did not move" py 'd[2]["holder"] == "alice" and len(d[2]["custody"]) == 1'
I evidence list $C
check "evidence list shows the hand-overs" grep -q 'bob -> forensic lab (by bob): sealed bag' "$T/out"
check "... with the escape shown escaped" sh -c "! grep -q '$ESC' '$T/out' && grep -qF 'bag \\x1b[31m42' '$T/out'"
I evidence transfer $C E4 --to "forensic lab"
check "transfer to the current holder: exit 1" status_is 1
I evidence transfer $C E99 --to bob
check "transfer of unknown evidence: exit 1" status_is 1
I evidence transfer $C X4 --to bob
check "transfer with a bad reference: exit 2" status_is 2
I evidence transfer $C E4
check "transfer without --to: exit 2" status_is 2

# ---- verification --------------------------------------------------------------------------
I evidence verify $C E4 --file "$T/odd"
check "verify the same file: 'match', exit 0" sh -c "[ $rc -eq 0 ] && [ \"\$(cat '$T/out')\" = match ]"
printf 'x' >>"$T/odd"
I evidence verify $C E4 --file "$T/odd"
check "verify a changed file: 'MISMATCH', exit 1" sh -c "[ $rc -eq 1 ] && [ \"\$(cat '$T/out')\" = MISMATCH ]"
I evidence verify $C E4 --file "$T/missing"
check "verify a missing file: exit 1, no verdict" sh -c "[ $rc -eq 1 ] && [ ! -s '$T/out' ]"
I timeline $C --json
check "both checks are on the timeline" py '
[e["text"].split(":")[0] for e in d if e["text"].startswith("evidence E4 verif")] == ["evidence E4 verified", "evidence E4 verification FAILED"]'

# ---- exfiltration ----------------------------------------------------------------------------
I step list $C --json
check "one infected site, no exfiltration yet: no disconnection decision" \
	py 'not [s for s in d if s["key"] == "decide-disconnect"]'
I evidence add $C --kind logs --sha256 "$(sha "$T/mib")" --location "proxy-01" --exfil
check "evidence add --exfil (no asset needed for logs): E6" out_is E6
I evidence list $C --json
check "... flagged" py 'd[5]["exfil"] is True and d[5]["asset"] is None'
I step list $C --json
check "exfiltration asks for the disconnection decision within 30 minutes" \
	py '[s["due_at"] for s in d if s["key"] == "decide-disconnect"] == ["2015-05-08T11:00:00Z"]'

# ---- the audit: a session verifies; an edited asset is found ----------------------------------
run check
check "irdesk check passes after the session" sh -c "[ $rc -eq 0 ] && grep -q '^ok: ' '$T/out'"
sqlite3 "$IRDESK_DB" "UPDATE assets SET state = 'clean' WHERE host = 'PC-0427'"
run check
check "irdesk check fails after an asset is edited with sqlite3" status_is 1
check "... naming the table" err_has "assets: record 1 was edited outside irdesk"
sqlite3 "$IRDESK_DB" "UPDATE assets SET state = 'isolated' WHERE host = 'PC-0427'"
run check
check "... and passes again once it is put back" status_is 0

# ---- multi-site ------------------------------------------------------------------------------
I case new --title "spread" --playbook targeted-email
S=$(cat "$T/out")
I asset add "$S" PC-A1 --site "site A" --state infected
I asset add "$S" PC-A2 --site "Site A" --state infected
I asset add "$S" PC-B1 --site "site B"
I timeline "$S" --json
check "one site twice (and a suspected host elsewhere): not multi-site" \
	py 'not [e for e in d if e["text"].startswith("infected assets at")]'
run --now 2015-05-23T09:00:00Z --as alice asset set "$S" PC-B1 --state infected
I timeline "$S" --json
check "a second infected site: multi-site, on the timeline" \
	py '[e["text"] for e in d if e["text"].startswith("infected assets at")] == ["infected assets at 2 sites: site A, site B"]'
I step list "$S" --json
check "... the disconnection decision is due 30 minutes later" \
	py '[s["due_at"] for s in d if s["key"] == "decide-disconnect"] == ["2015-05-23T09:30:00Z"]'
I timers "$S" --json
check "... and the executives are to be told again" \
	py '[t["trigger"] for t in d if t["rule"] == "executives-again"] == ["multi-site"]'

I case new --title "no playbook" --playbook none
N=$(cat "$T/out")
I asset add "$N" PC-9 --site X --state infected
check "without a playbook an infected host is recorded all the same" status_is 0
I step list "$N" --json
check "... and gets no steps" py 'd == []'

echo "1..$n"
[ "$failed" -eq 0 ]
