#!/bin/sh
# case_forms.sh - the forms of the case screen write what the CLI writes.
# Two twin cases: A is worked through the screen, B through the CLI with
# the same values and the same clock; their --json listings must be the
# same (row ids aside). Also: a step that cannot be done yet says why, bad
# input is refused beside its field, Esc writes nothing (the whole case
# as JSON unchanged), what leaves a trace asks to confirm, and Japanese
# typed into a log note is kept and shown aligned.
. "$IRDESK_SRCDIR/tests/tui/lib.sh"

NOW=2026-12-01T09:00:00Z
ird() { "$IRDESK" --now "$NOW" "$@"; }

A=IR-2026-0001
B=IR-2026-0002
for t in 'UI twin' 'CLI twin'; do
	ird case new --title "$t" --severity high --playbook targeted-email >/dev/null
done
for c in $A $B; do
	ird asset add $c PC-0427 --state infected >/dev/null
done

# same WORDS...: `irdesk WORDS A --json` and `WORDS B --json` are the same
# but for row ids (and the case they belong to).
# A read may meet the screen's own write in progress under load: it is
# tried again (up to 5 times) when it fails, and its error is shown.
read_json() {
	local out=$1 tries=0
	shift
	until ird "$@" --json >"$out" 2>"$out.err"; do
		tries=$((tries + 1))
		[ "$tries" -ge 5 ] && { sed 's/^/# /' "$out.err"; return 1; }
		sleep 0.2
	done
}

same() {
	read_json "$T/a.json" "$@" $A || return 1
	read_json "$T/b.json" "$@" $B || return 1
	"$PYTHON3" - "$T/a.json" "$T/b.json" <<'EOF'
import json, sys
DROP = {"id", "case", "step", "satisfied_by", "trigger", "indicator_id", "made_for"}
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in DROP}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
if a != b:
    print("# screen: " + json.dumps(a, ensure_ascii=False))
    print("# CLI:    " + json.dumps(b, ensure_ascii=False))
    sys.exit(1)
if a in ([], {}):
    print("# nothing to compare")
    sys.exit(1)
EOF
}

# The whole case A, to show that a cancelled form wrote nothing.
snap() { ird case show $A --json 2>/dev/null | sha256sum >"$T/snap.$1"; }
unchanged() { snap after && cmp -s "$T/snap.$1" "$T/snap.after"; }

tui_start -x 100 -y 30 -- --now "$NOW"
tui_wait "CLI twin"
tui_keys /
tui_type "UI twin"
tui_keys Enter
tui_wait "1/1"
tui_keys Enter
check "the case screen of A opens" tui_wait " $A  high  open"

# ---- a step that cannot be done yet says why; Esc writes nothing ----
snap before
tui_keys j d
check "step done on a step whose record is missing says why in the form" \
	tui_wait "cannot be done yet: PC-0427 is not isolated"
tui_keys C-x
check "... confirming it shows the core's refusal" tui_wait "step 2 (Isolate"
tui_keys Escape
check "Esc closes the form saying nothing was written" tui_wait "cancelled, nothing written"
check "... and nothing was: the case's JSON is unchanged" unchanged before

# ---- step done ----
tui_keys g d
check "a step that needs no record says it is ready" tui_wait "ready: it needs no record"
tui_type "review booked for Friday"
tui_keys Enter
check "the form closes with the step done" tui_wait "step 1 done"
ird step done $B 1 --note "review booked for Friday" >/dev/null
check "step done wrote what the CLI writes (step list --json)" same step list

# ---- skip asks to confirm ----
tui_keys g j j x
tui_wait "Skip step 3"
tui_type "image taken by the vendor"
tui_keys Enter
check "skipping a step asks to confirm" tui_wait "Skip step 3? The skip and its reason stay on record."
snap before
tui_keys n
check "... no keeps the form open and says so" tui_wait "not skipped"
check "... and writes nothing" unchanged before
tui_keys C-x
tui_wait "Skip step 3?"
tui_keys y
check "... yes skips it" tui_wait "step 3 skipped"
ird step skip $B 3 --reason "image taken by the vendor" >/dev/null
check "step skip wrote what the CLI writes" same step list

# ---- step start and assign ----
tui_keys g j j j s
check "s starts the selected step" tui_wait "step 4 started"
ird step start $B 4 >/dev/null
tui_keys j A
tui_wait "Assign step 5"
tui_keys C-u
tui_type "佐藤"
tui_keys Enter
check "A assigns it" tui_wait "step 5 assigned to 佐藤"
ird step assign $B 5 佐藤 >/dev/null
check "start and assign wrote what the CLI writes (step list --json)" same step list

# ---- ioc add: the normal form as it is typed ----
tui_keys i
tui_wait "Add an indicator"
tui_keys Left Tab
tui_type "hxxps://"
check "ioc add: a value not valid yet says why as it is typed" tui_wait "not valid yet"
tui_type "Mail.Evil-Example[.]co.jp/x?id=1"
check "... then shows the normal form" tui_wait "normal form: https://mail.evil-example.co.jp/x?id=1"
check "... and the registrable domain" tui_has "registrable domain: evil-example.co.jp"
tui_keys C-x
check "the indicator is added" tui_wait "added #"
ird ioc add $B url 'hxxps://Mail.Evil-Example[.]co.jp/x?id=1' >/dev/null
check "ioc add wrote what the CLI writes (ioc list --json)" same ioc list
tui_keys 4
check "... and it is listed on the Indicators tab" tui_wait "https://mail.evil-example.co.jp/x?id=1"

# ---- block request, activate, lift (lift asks to confirm) ----
tui_keys b
tui_wait "Request a block"
tui_keys C-x
check "a block is requested for the selected indicator" tui_wait "requested (A on the Blocks tab"
tui_keys 5
tui_wait "requested"
tui_keys A
check "A activates it" tui_wait "is in force"
tui_keys L
tui_wait "Lift block"
tui_type "false positive on the shared CDN"
tui_keys Enter
check "lifting a block asks to confirm" tui_wait "Traffic to it flows again."
tui_keys y
check "... yes lifts it" tui_wait "lifted"
bid=$(sq "SELECT max(id) FROM indicators WHERE case_id = 2")
ird block $B "#$bid" >/dev/null
blk=$(sq "SELECT max(id) FROM blocks WHERE case_id = 2")
ird block activate $B "$blk" >/dev/null
ird block lift $B "$blk" --note "false positive on the shared CDN" >/dev/null
check "request, activate, lift wrote what the CLI writes (block list --json)" same block list

# ---- notify: bad input refused beside its field; Esc writes nothing ----
snap before
tui_keys n
tui_wait "Notify: $A"
tui_type "bad role!"
tui_keys Tab
check "a bad role is refused beside its field" tui_wait 'invalid role "bad role!"'
tui_keys C-x
check "... confirming does not write it" tui_wait "to (role): invalid role"
tui_keys Escape
tui_wait "cancelled, nothing written"
check "... and Esc leaves the case's JSON unchanged" unchanged before

# ---- notify ----
tui_keys n
tui_wait "Notify: $A"
tui_type "Ministry"
tui_keys Tab Right Tab Tab
tui_type "first report sent by mail"
tui_keys Enter
check "a notification is recorded, its timers satisfied" tui_wait "1 timer satisfied"
ird notify $B --to Ministry --channel email --note "first report sent by mail" >/dev/null
check "notify wrote what the CLI writes (notifications --json)" same notifications
check "... and satisfied the same timers (timers --json)" same timers

# ---- timer override asks to confirm ----
tui_keys 2
tui_wait "CLOSED BY"
tui_keys g
tui_wait "notify csirt-lead"
tui_keys o
tui_wait "Override timer"
tui_type "lead told in person"
tui_keys Enter
check "an override asks to confirm" tui_wait "It stays on record and the csirt-lead is told."
tui_keys y
check "... yes overrides it" tui_wait "overridden; timer"
tid=$(sq "SELECT min(id) FROM timers WHERE case_id = 2 AND role = 'csirt-lead'")
ird timer override $B "$tid" --reason "lead told in person" >/dev/null
check "override wrote what the CLI writes (timers --json)" same timers

# ---- decide: what stays open, shown before it is recorded ----
tui_keys D
tui_wait "Decide: $A"
tui_keys Right
check "decide: partial without paths says what is missing" tui_wait "not valid yet: partial needs"
tui_keys Tab
tui_type "proxy,mail"
check "... the known paths are listed" tui_has "known external paths:"
check "... and what stays open is shown as the paths are typed" \
	tui_wait "STILL OPEN: vpn,remote-access,dedicated-lines"
tui_keys Tab
tui_type "cut web and mail, keep the VPN for the vendor"
tui_keys Enter
check "the decision is recorded, saying what is still open" tui_wait "STILL OPEN: vpn"
ird decide $B full-disconnect --choice partial --paths proxy,mail \
	--rationale "cut web and mail, keep the VPN for the vendor" >/dev/null
check "decide wrote what the CLI writes (decisions --json)" same decisions

# ---- case set: bad input beside its field, then the change ----
tui_keys c
tui_wait "Change $A"
tui_keys Tab Right Tab Tab Tab y Tab
tui_type "Bad Cause"
tui_keys Tab
check "case set: a cause that is not one word is refused beside its field" tui_wait "cause"
check "... with the core's reason" tui_wait "invalid cause"
tui_keys BTab C-u
tui_type "unauthorised-access"
tui_keys C-x
check "the case is changed" tui_wait "$A changed"
ird case set $B --severity critical --personal-data yes --cause unauthorised-access
check "... and its header shows it" tui_wait "$A  critical  open"
check "... personal data and cause too" tui_has "personal data  cause unauthorised-access"
check "case set wrote what the CLI writes (severity, personal data, cause)" "$PYTHON3" -c '
import json, subprocess, sys
def get(c):
    j = json.loads(subprocess.run(sys.argv[1:4] + ["case", "show", c, "--json"],
                                  capture_output=True, text=True).stdout)
    return [j[k] for k in ("severity", "status", "tlp", "lead", "personal_data", "cause")]
sys.exit(0 if get(sys.argv[4]) == get(sys.argv[5]) else 1)
' "$IRDESK" --now "$NOW" $A $B
check "... and fired what the CLI fires (timers --json)" same timers
check "... (step list --json)" same step list

# ---- assets: add (a host already there refused beside its field), then set ----
snap before
tui_keys a
tui_wait "Add an asset"
tui_type "pc-0427"
tui_keys C-x
check "asset add: a host already in the case is refused" \
	tui_wait "host PC-0427 is already an asset of the case"
check "... beside the host field and in the form's error line" \
	[ "$(grep -c 'is already an asset of the case' "$T/screen")" -ge 2 ]
check "... writing nothing" unchanged before
tui_keys C-u
tui_type "PC-0999"
tui_keys Tab
tui_type "大阪支社"
tui_keys Tab Right C-x
check "an asset is added" tui_wait "asset PC-0999 added (infected)"
ird asset add $B PC-0999 --site 大阪支社 --state infected >/dev/null
tui_keys 6 G
tui_wait "大阪支社"
tui_keys s
tui_wait "Asset PC-0999 (now infected)"
tui_keys Right C-x
check "its state is set" tui_wait "asset PC-0999 changed"
ird asset set $B PC-0999 --state isolated >/dev/null
tui_keys a
tui_wait "Add an asset"
tui_type "PC-0500"
tui_keys C-x
tui_wait "asset PC-0500 added (suspected)"
ird asset add $B PC-0500 >/dev/null
tui_keys G s
tui_wait "Asset PC-0500 (now suspected)"
check "set on a suspected host keeps its state unless another is chosen" \
	tui_has "(suspected: unchanged)"
tui_keys Tab
tui_type "名古屋"
tui_keys C-x
tui_wait "asset PC-0500 changed"
ird asset set $B PC-0500 --site 名古屋 >/dev/null
check "... so changing only its site leaves it suspected" \
	[ "$(sq "SELECT state FROM assets WHERE host = 'PC-0500' AND case_id = 1")" = suspected ]
check "asset add and set wrote what the CLI writes (asset list --json)" same asset list
check "... and the steps they fire (step list --json)" same step list

# ---- evidence: add (a file hashed), transfer, verify ----
printf 'disk image bytes\n' >"$T/pc-0999.img"
tui_keys k
tui_wait "大阪支社"
tui_keys E
tui_wait "Add evidence"
check "evidence added on the Assets tab names the selected asset" tui_has "from asset: PC-0999"
tui_keys Tab Tab
tui_type "$T/pc-0999.img"
tui_keys C-x
check "evidence is recorded, the file hashed" tui_wait "evidence E1 recorded"
ird evidence add $B --kind disk-image --asset PC-0999 --file "$T/pc-0999.img" >/dev/null
tui_keys 7
tui_wait "disk-image"
tui_keys t
tui_wait "Hand E1 over"
tui_type "forensics-lab"
tui_keys Tab
tui_type "sealed bag 7"
tui_keys Enter
check "evidence is handed over" tui_wait "E1 handed over to forensics-lab"
ird evidence transfer $B E1 --to forensics-lab --note "sealed bag 7" >/dev/null
tui_keys V
tui_wait "Verify E1"
tui_type "$T/pc-0999.img"
tui_keys Enter
check "evidence is verified against its file" tui_wait "E1: the file matches its SHA-256"
ird evidence verify $B E1 --file "$T/pc-0999.img" >/dev/null
check "evidence add, transfer, verify wrote what the CLI writes (evidence list --json)" \
	same evidence list

# ---- close asks to confirm ----
snap before
tui_keys C
check "closing the case asks to confirm" tui_wait "Close $A?"
tui_keys n
check "... no leaves it open" tui_wait "not closed, nothing written"
check "... and writes nothing" unchanged before

# ---- Japanese typed into a log note, edited, shown aligned ----
tui_keys l
tui_wait "Log an event"
tui_type "経理部から不審メールの報告X"
tui_keys BSpace
tui_type "。件名「請求書」"
tui_keys Tab
tui_type "2026-12-01 08:45"
tui_keys Enter
check "the note is logged" tui_wait "event logged"
ird log $B "経理部から不審メールの報告。件名「請求書」" --at 2026-12-01T08:45:00Z
ird timeline $A --json >"$T/ta.json"
ird timeline $B --json >"$T/tb.json"
check "log wrote what the CLI writes (the note, a character deleted, when it happened)" \
	"$PYTHON3" -c '
import json, sys
a, b = ([(e["text"], e["happened_at"], e["kind"]) for e in json.load(open(f)) if e["kind"] == "note"]
        for f in sys.argv[1:])
sys.exit(0 if a == b and len(a) == 1 else 1)
' "$T/ta.json" "$T/tb.json"
tui_keys 3 g
check "the Japanese note is on the timeline" tui_wait "経理部から不審メールの報告。件名「請求書」"
ja=$(tui_line '経理部から')
en=$(tui_line 'case opened')
check "... its text starts in the same column as an ASCII event's (display width)" \
	[ "$(tui_col "$ja" '経理部から')" -eq "$(tui_col "$en" 'case opened')" ]
check "... the event the case was opened with comes after it (it happened earlier)" \
	[ "$(grep -n '経理部から' "$T/screen" | cut -d: -f1)" -lt "$(grep -n 'case opened' "$T/screen" | cut -d: -f1)" ]

tui_keys q q
check "q twice leaves irdesk" tui_wait_exit
check "... with status 0" [ "${tui_rc:-}" = 0 ]
done_testing
