#!/bin/sh
# case_intake.sh - the case screen's intake keys: M (mail add) and I (ioc
# import). Each is in `?` help; a bad path is refused in the form; confirm
# first shows what would be recorded (the dry run: indicators with roles,
# the mail's hash; the patterns that cannot be expressed) and writes
# nothing; Esc writes nothing; confirming again writes what the CLI writes
# (twin cases with the same clock: A through the screen, B through the CLI
# in a store of its own, so that neither is the other's repeat sender).
. "$IRDESK_SRCDIR/tests/tui/lib.sh"

NOW=2026-12-01T09:00:00Z
ird() { "$IRDESK" --now "$NOW" "$@"; }
MAIL=$IRDESK_SRCDIR/tests/data/mail/iso2022jp.eml
MISP=$IRDESK_SRCDIR/tests/data/misp/peer-event.json

A=IR-2026-0001
B=IR-2026-0001 # in $TWIN
TWIN=$T/twin.db
ird case new --title 'UI twin' --severity high --playbook targeted-email >/dev/null
ird case new --title 'Another case' >/dev/null
ird --db "$TWIN" case new --title 'CLI twin' --severity high --playbook targeted-email >/dev/null

# same WORDS...: `irdesk WORDS A --json` and, in the twin store, `WORDS B
# --json` agree but for row ids and the case.
same() {
	ird "$@" $A --json >"$T/a.json" 2>/dev/null
	ird --db "$TWIN" "$@" $B --json >"$T/b.json" 2>/dev/null
	"$PYTHON3" - "$T/a.json" "$T/b.json" <<'PY'
import json, sys
DROP = {"id", "case", "step", "satisfied_by", "trigger", "indicator_id", "made_for"}
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in DROP}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
if a != b or a in ([], {}):
    print("# screen: " + json.dumps(a, ensure_ascii=False))
    print("# CLI:    " + json.dumps(b, ensure_ascii=False))
    sys.exit(1)
PY
}

snap() { ird case show $A --json 2>/dev/null | sha256sum >"$T/snap.$1"; }
unchanged() { snap after && cmp -s "$T/snap.$1" "$T/snap.after"; }

tui_start -x 120 -y 34 -- --now "$NOW"
tui_wait "Another case"
tui_keys /
tui_type "UI twin"
tui_keys Enter
tui_wait "1/1"
tui_keys Enter
check "the case screen of A opens" tui_wait " $A  high  open"

# ---- help, generated from the key table ----
tui_keys ?
check "? lists M" tui_wait "add a reported mail (.eml)"
check "... and I" tui_has "import a peer's STIX 2.1 bundle or MISP event"
tui_keys Space Space
tui_wait_gone "Keys: case"

# ---- mail add: errors in the form, a preview, Esc writes nothing ----
snap before
tui_keys M
check "M opens the mail form" tui_wait "Add a reported mail: $A"
tui_type "$T/no-such.eml"
tui_keys C-x
check "a file that cannot be read is refused in the form" tui_wait "no-such.eml"
check "... and nothing was written" unchanged before
tui_keys C-u
tui_type "$MAIL"
tui_keys C-x
check "confirm shows what would be recorded: the evidence and its hash" \
	tui_wait "would record the mail as evidence (kind mail, $(wc -c <"$MAIL") bytes), SHA-256"
check "... the hash of the file" tui_has "$(sha256sum "$MAIL" | cut -c1-64)"
check "... the indicators with their roles" tui_has "email/sender 3"
check "... the Message-ID among them" tui_has "message-id/other 1"
check "... and nothing is written yet" unchanged before
tui_keys Escape
check "Esc closes it" tui_wait "cancelled, nothing written"
check "... and nothing was written" unchanged before

# ---- mail add, confirmed twice ----
tui_keys M
tui_wait "Add a reported mail"
tui_type "$MAIL"
tui_keys C-x
tui_wait "would record the mail"
tui_keys C-x
check "confirming the preview records the mail" tui_wait "mail recorded as E1 with"
ird --db "$TWIN" mail add $B "$MAIL" >/dev/null
check "mail add wrote the indicators the CLI writes (ioc list --json)" same ioc list
check "... and the same evidence (evidence list --json)" same evidence list
check "... and the same steps (the triggers fired)" same step list

# ---- ioc import: a preview with what cannot be expressed ----
snap before
tui_keys I
check "I opens the import form" tui_wait "Import a peer's indicators: $A"
tui_type "$MISP"
tui_keys C-x
check "confirm shows the count that would be added" tui_wait "would add 8 indicator(s)"
check "... and what cannot be expressed" tui_has "3 cannot be expressed"
check "... naming a pattern and why" tui_has "203.0.113.8|443"
check "... writing nothing yet" unchanged before
tui_keys C-x
check "confirming imports" tui_wait "8 indicator(s) imported, 3 not expressible"
ird --db "$TWIN" ioc import $B "$MISP" >/dev/null
check "ioc import wrote what the CLI writes (ioc list --json)" same ioc list

tui_keys I
tui_wait "Import a peer's indicators"
tui_type "$MAIL"
tui_keys C-x
check "a file that is no bundle or event is refused in the form" tui_wait "Import a peer's indicators"
snap before2
tui_keys Escape
check "... and Esc writes nothing" tui_wait "cancelled, nothing written"
check "... nothing at all" unchanged before2

tui_keys q q
check "q twice leaves irdesk" tui_wait_exit
done_testing
