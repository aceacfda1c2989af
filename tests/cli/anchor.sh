#!/bin/sh
# anchor.sh - the head of the audit chain leaves the store (audit head,
# audit anchor) and check --head proves the store still holds it: writes
# lost because the -wal file was deleted under an open store show as a
# missing head, and the commands that meet the damage say what happened.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

run audit head
check "an empty store's head is 0 and the genesis hash" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(cat '$T/out')\" = 0:0000000000000000000000000000000000000000000000000000000000000000 ]"
run check --head "$(cat "$T/out")"
check "... which every store holds" status_is 0
run audit head --signed
check "nothing signed yet: audit head --signed says so" sh -c "[ $rc -eq 1 ] && grep -q 'no signed head' '$T/err'"

run --now 2015-05-08T10:30:00Z case new --title "wal" --severity high
run audit head --signed
check "after a write the head is signed: SEQ:HASH KEY SIG" \
	sh -c "grep -qx '2:[0-9a-f]\\{64\\} [0-9a-f]\\{64\\} [0-9a-f]\\{128\\}' '$T/out'"
check "the signing key was made 0600 in the user's configuration directory" \
	sh -c "[ \"\$(stat -c %a '$HOME/.config/irdesk/audit-key.pem')\" = 600 ]"
check "... in a directory only the user may enter" \
	sh -c "[ \"\$(stat -c %a '$HOME/.config/irdesk')\" = 700 ]"
run audit key
check "audit key prints the public half the signatures name" \
	sh -c "[ \"\$(cat '$T/out')\" = \"\$(sqlite3 '$IRDESK_DB' 'SELECT key FROM audit_seals LIMIT 1')\" ]"
chmod 644 "$HOME/.config/irdesk/audit-key.pem"
run --now 2015-05-08T10:31:00Z log IR-2015-0001 "with a readable key"
check "a key file others may read is refused, and the write with it" \
	sh -c "[ $rc -eq 1 ] && grep -q 'readable by you alone' '$T/err'"
chmod 600 "$HOME/.config/irdesk/audit-key.pem"
IRDESK_AUDIT_KEY=$T/other-key.pem run --now 2015-05-08T10:31:00Z log IR-2015-0001 "elsewhere"
check "IRDESK_AUDIT_KEY names the key file" sh -c "[ $rc -eq 0 ] && [ -s '$T/other-key.pem' ]"

# ---- the head in every escalation hook's environment ----------------------
H=$T/hook.db
printf '#!/bin/sh\nprintf "%%s\\n" "$IRDESK_AUDIT_HEAD" >>"%s/hook-heads"\ncat >"%s/hook-stdin.$IRDESK_TIMER"\n' "$T" "$T" >"$T/hook"
chmod 755 "$T/hook"
printf 'escalation-hook = %s\n' "$T/hook" >"$T/hook.conf"
run --db "$H" --now 2015-05-08T10:30:00Z case new --title "hook" --severity high \
	--playbook targeted-email
before=$("$IRDESK" --db "$H" audit head)
IRDESK_CONFIG=$T/hook.conf run --db "$H" --now 2015-05-09T00:00:00Z watch --once
check "watch ran the hooks" sh -c "[ $rc -eq 0 ] && [ -s '$T/hook-heads' ]"
check "each of the three hooks got IRDESK_AUDIT_HEAD=SEQ:HASH" \
	sh -c "[ \$(grep -cx '[0-9]*:[0-9a-f]\{64\}' '$T/hook-heads') = 3 ] && [ \$(wc -l <'$T/hook-heads') = 3 ]"
check "... the head as the hook started: later than before the watch, each later than the last" \
	sh -c "[ \"\$(cut -d: -f1 '$T/hook-heads' | sort -n -u | tr '\n' ' ')\" = \"\$(cut -d: -f1 '$T/hook-heads' | tr '\n' ' ')\" ] && [ \$(head -n 1 '$T/hook-heads' | cut -d: -f1) -gt ${before%%:*} ]"
check "... and the same head in the case document on each hook's standard input" "$PYTHON3" -c '
import glob, json, sys
heads = open(sys.argv[1]).read().split()
docs = [json.load(open(f)) for f in glob.glob(sys.argv[2] + "/hook-stdin.*")]
sys.exit(len(docs) != 3 or sorted(d["audit_head"] for d in docs) != sorted(heads)
         or any(d["id"] != "IR-2015-0001" for d in docs))' "$T/hook-heads" "$T"
run --db "$H" check --heads "$T/hook-heads"
check "the store holds every head the hooks were given" status_is 0

# ---- watch appends the head to the organisation's anchor file ------------
printf 'escalation-hook = %s\naudit-anchor-file = %s\n' "$T/hook" "$T/anchors" >"$T/anchor.conf"
IRDESK_CONFIG=$T/anchor.conf run --db "$H" --now 2015-05-09T00:00:00Z watch --once
check "watch with audit-anchor-file appends the signed head" \
	sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$T/anchors') -eq 1 ] && grep -q '^[0-9]*:[0-9a-f]\{64\} ' '$T/anchors'"
check "... the head the store has now" \
	sh -c "[ \"\$(cut -d' ' -f1 '$T/anchors')\" = \"\$('$IRDESK' --db '$H' audit head)\" ]"
check "... a file only its owner reads" sh -c "[ \$(stat -c %a '$T/anchors') = 600 ]"
run --db "$H" check --heads "$T/anchors"
check "the store holds every head the hooks were given" status_is 0

# ---- the -wal file deleted while a program has the store open -----------
# A reader keeps the store open; irdesk writes three records (they live in
# the -wal until a checkpoint) and their head is anchored; the -wal is
# deleted; the reader dies without a checkpoint. The writes are gone.
for n in 1 2 3; do
	run --now 2015-05-08T11:0$n:00Z log IR-2015-0001 "acknowledged $n"
done
"$PYTHON3" - "$IRDESK_DB" "$T/ready" <<'PY' &
import os, sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("SELECT count(*) FROM cases").fetchone()
open(sys.argv[2], "w").close()
while True:
    time.sleep(0.1)
PY
holder=$!
i=0
while [ ! -e "$T/ready" ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i + 1)); done
check "another program holds the store open" test -e "$T/ready"
for n in 4 5 6; do
	run --now 2015-05-08T11:0$n:00Z log IR-2015-0001 "acknowledged $n"
done
check "three more writes acknowledged while it does" status_is 0
HEAD=$("$IRDESK" audit head)
rm -f "$IRDESK_DB-wal"
run --now 2015-05-08T11:10:00Z log IR-2015-0001 "after the -wal was deleted"
check "the next write fails (exit 1)" status_is 1
check "... naming the cause: the -wal deleted under an open store" \
	sh -c "grep -q '^irdesk: .*irdesk.db-wal is missing or shorter than its index .*deleted or replaced while a program had the store open' '$T/err'"
check "... not a bare 'disk I/O error'" sh -c "! grep -qx 'irdesk: .*: disk I/O error' '$T/err'"
kill -9 "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
run check
check "the store left is consistent in itself (check alone cannot see the loss)" status_is 0
run check --head "$HEAD"
check "the head anchored before the loss shows it: check --head fails" \
	sh -c "[ $rc -eq 1 ] && grep -q 'anchored as .*is missing: the trail ends at record' '$T/err'"
run timeline IR-2015-0001
check "(the acknowledged writes are indeed gone)" sh -c "! grep -q 'acknowledged 6' '$T/out'"

# ---- a store written at schema 3, before any of this ------------------------
OLD=$T/old.db
sqlite3 "$OLD" <"$IRDESK_SRCDIR/tests/data/schema3.sql" >/dev/null
run --db "$OLD" check
check "a schema 3 store (written by the irdesk before) verifies after the upgrade" \
	sh -c "[ $rc -eq 0 ] && grep -qx 'ok: 5 audit records verified' '$T/out'"
check "... which is now schema 7" sh -c "[ \"\$(sqlite3 '$OLD' 'PRAGMA user_version')\" = 7 ]"
run --db "$OLD" --now 2015-05-09T09:00:00Z log IR-2015-0001 "after the upgrade"
run --db "$OLD" audit key --pem
cp "$T/out" "$T/pub.pem"
run --db "$OLD" check --key "$T/pub.pem" --head "$(sqlite3 "$OLD" "SELECT seq || ':' || hash FROM audit WHERE seq = 3")"
check "old and new records verify together; the new head signs the old ones too" \
	sh -c "[ $rc -eq 0 ] && grep -qx 'ok: 6 audit records verified' '$T/out'"
check "... the old records keep no real time or OS user, the new one has both" \
	sh -c "[ \"\$(sqlite3 '$OLD' 'SELECT group_concat(real_at IS NULL AND os_user IS NULL) FROM audit')\" = 1,1,1,1,1,0 ]"
sqlite3 "$OLD" "UPDATE audit SET actor = 'someone' WHERE seq = 2"
run --db "$OLD" check
check "an old record edited is still found" sh -c "[ $rc -eq 1 ] && grep -q 'record 2 .*was altered' '$T/err'"

# ---- the head in every report and export ----------------------------------
head=$("$IRDESK" --db "$H" audit head)
for fmt in md json html; do
	run --db "$H" report IR-2015-0001 --format "$fmt"
	check "report --format $fmt carries the audit head" out_has "$head"
done
for fmt in md json; do
	run --db "$H" export IR-2015-0001 --format "$fmt"
	check "export --format $fmt carries the audit head" out_has "${head#*:}"
done

done_testing
