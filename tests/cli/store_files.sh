#!/bin/sh
# store_files.sh - the store file: its modes, files it must refuse and leave
# untouched (not a database, a newer schema, another program's database,
# read-only, locked), and a backup taken while another process writes.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

NOW=2015-05-08T10:30:00Z

# Does COMMAND exit 1 with "irdesk: ...WANT..." on stderr and leave FILE as it was?
refused_untouched() {
	_file=$1 _want=$2
	shift 2
	_before=$(sha "$_file")
	run "$@"
	status_is 1 && err_prefixed && err_has "$_want" && [ "$(sha "$_file")" = "$_before" ]
}

# ---- modes -------------------------------------------------------------------
run --db "$T/a/b/irdesk.db" --now "$NOW" case new --title "modes"
check "a new store is created" status_is 0
check "the store file is 0600" sh -c "[ \"\$(stat -c %a '$T/a/b/irdesk.db')\" = 600 ]"
check "the directories made for it are 0700" \
	sh -c "[ \"\$(stat -c %a '$T/a')\" = 700 ] && [ \"\$(stat -c %a '$T/a/b')\" = 700 ]"

(umask 000 && "$IRDESK" --db "$T/u/v/irdesk.db" --now "$NOW" case new --title "umask" >/dev/null 2>&1)
check "with umask 000 the file is still 0600" sh -c "[ \"\$(stat -c %a '$T/u/v/irdesk.db')\" = 600 ]"
check "with umask 000 the directories are still 0700" \
	sh -c "[ \"\$(stat -c %a '$T/u')\" = 700 ] && [ \"\$(stat -c %a '$T/u/v')\" = 700 ]"
(umask 000 && "$IRDESK" --db "$T/u/v/irdesk.db" backup "$T/u/backup.db" >/dev/null 2>&1)
check "with umask 000 a backup is 0600 too" sh -c "[ \"\$(stat -c %a '$T/u/backup.db')\" = 600 ]"

# ---- files that are not ours --------------------------------------------------
printf 'Incident notes, not a database\n' >"$T/notes.txt"
check "a text file is refused and unchanged" \
	refused_untouched "$T/notes.txt" "not an irdesk database" --db "$T/notes.txt" case list

head -c 4096 /dev/urandom >"$T/random.bin"
check "random bytes are refused and unchanged" \
	refused_untouched "$T/random.bin" "not an irdesk database" --db "$T/random.bin" --now "$NOW" case new --title x

{ printf 'SQLite format 3\000'; head -c 8192 /dev/zero | tr '\000' 'x'; } >"$T/damaged.db"
check "a damaged SQLite file is refused and unchanged" \
	refused_untouched "$T/damaged.db" "irdesk: " --db "$T/damaged.db" case list

sqlite3 "$T/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES ('theirs');"
check "another program's SQLite file is refused and unchanged" \
	refused_untouched "$T/other.db" "another program" --db "$T/other.db" --now "$NOW" case new --title x
check "... and is still in its own journal mode" \
	sh -c "[ \"\$(sqlite3 '$T/other.db' 'PRAGMA journal_mode')\" = delete ]"

mkdir "$T/dir.db"
run --db "$T/dir.db" case list
check "a directory is refused" sh -c "[ $rc -eq 1 ] && grep -q '^irdesk: ' '$T/err'"

# ---- a store from a newer irdesk -------------------------------------------------
run --db "$T/newer.db" --now "$NOW" case new --title "old"
version=$(sqlite3 "$T/newer.db" 'PRAGMA user_version')
sqlite3 "$T/newer.db" "PRAGMA user_version = $((version + 1))"
check "a newer schema is refused with a clear message, unchanged" \
	refused_untouched "$T/newer.db" "newer irdesk" --db "$T/newer.db" case list
check "... the message says which schema" \
	grep -qF "schema $((version + 1))" "$T/err"
check "... the version is left as it was" \
	sh -c "[ \"\$(sqlite3 '$T/newer.db' 'PRAGMA user_version')\" = $((version + 1)) ]"

# ---- a read-only store ---------------------------------------------------------------
run --db "$T/ro/irdesk.db" --now "$NOW" case new --title "read me"
chmod 755 "$T" "$T/ro"
chmod 644 "$T/ro/irdesk.db"
if [ "$(id -u)" -ne 0 ]; then
	chmod 444 "$T/ro/irdesk.db"
	check "a read-only store is refused and unchanged" \
		refused_untouched "$T/ro/irdesk.db" "read-only" --db "$T/ro/irdesk.db" \
		--now "$NOW" log IR-2015-0001 "write"
elif command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$IRDESK" 2>/dev/null; then
	before=$(sha "$T/ro/irdesk.db")
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$IRDESK" --db "$T/ro/irdesk.db" --now "$NOW" log IR-2015-0001 "write" \
		>"$T/out" 2>"$T/err" </dev/null
	rc=$?
	check "a read-only store is refused (as an unprivileged user)" \
		sh -c "[ $rc -eq 1 ] && grep -q '^irdesk: .*read-only' '$T/err'"
	check "... and left unchanged" sh -c "[ \"\$(sha256sum < '$T/ro/irdesk.db' | cut -d' ' -f1)\" = $before ]"
else
	skip "a read-only store is refused" "running as root without setpriv, or the binary is not reachable by nobody"
	skip "... and left unchanged" "as above"
fi
chmod 700 "$T"

# ---- a locked store ----------------------------------------------------------------------
run --db "$T/locked.db" --now "$NOW" case new --title "locked"
run --db "$T/locked.db" --now "$NOW" log IR-2015-0001 "before the lock"
"$PYTHON3" - "$T/locked.db" "$T/ready" "$T/release" <<'EOF' &
import os, sqlite3, sys, time
db, ready, release = sys.argv[1:]
con = sqlite3.connect(db, isolation_level=None)
con.execute("BEGIN EXCLUSIVE")
con.execute("INSERT INTO events (case_id, happened_at, recorded_at, actor, kind, text)"
            " VALUES (1, 0, 0, 'locker', 'note', 'never committed')")
open(ready, "w").close()
deadline = time.time() + 20
while not os.path.exists(release) and time.time() < deadline:
    time.sleep(0.02)
con.execute("ROLLBACK")
con.close()
EOF
locker=$!
i=0
while [ ! -e "$T/ready" ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i + 1)); done
check "another process holds the write lock" test -e "$T/ready"
IRDESK_BUSY_TIMEOUT_MS=300 run --db "$T/locked.db" --now "$NOW" log IR-2015-0001 "during the lock"
check "a write to a locked store fails with exit 1" status_is 1
check "... and a clear message" sh -c "grep -q '^irdesk: .*locked by another program' '$T/err'"
check "... not SQLite's bare 'database is locked'" sh -c "! grep -q 'database is locked' '$T/err'"
IRDESK_BUSY_TIMEOUT_MS=300 run --db "$T/locked.db" case show IR-2015-0001 --json
check "reading a locked store still works" status_is 0
touch "$T/release"
wait "$locker"
run --db "$T/locked.db" timeline IR-2015-0001 --json
check "nothing was lost or half-written by the refused write" \
	py_out 'import json,sys; sys.exit([e["text"] for e in json.load(sys.stdin)] != ["case opened, severity medium", "before the lock"])'
run --db "$T/locked.db" --now "$NOW" log IR-2015-0001 "after the lock"
check "after the lock is released, writes work again" status_is 0
run --db "$T/locked.db" check
check "the store passes check after the lock" sh -c "[ $rc -eq 0 ] && grep -qx 'ok: 4 audit records verified' '$T/out'"

# ---- backup while another process writes ----------------------------------------------------
run --db "$T/live.db" --now "$NOW" case new --title "busy"
(
	i=0
	while [ $i -lt 150 ]; do
		"$IRDESK" --db "$T/live.db" --now "$NOW" log IR-2015-0001 "write $i" 2>>"$T/writer.err" ||
			echo "write $i failed" >>"$T/writer.err"
		i=$((i + 1))
	done
) &
writer=$!
sleep 0.2
run --db "$T/live.db" backup "$T/backup1.db"
backup_rc=$rc
sleep 0.2
run --db "$T/live.db" backup "$T/backup2.db"
backup2_rc=$rc
wait "$writer"
check "backup while another process writes: exit 0" sh -c "[ $backup_rc -eq 0 ] && [ $backup2_rc -eq 0 ]"
check "the writer saw no error during the backups" test ! -s "$T/writer.err"
run --db "$T/backup1.db" check
check "the first backup passes irdesk check" status_is 0
run --db "$T/backup2.db" check
check "the second backup passes irdesk check" status_is 0
check "a backup is 0600" sh -c "[ \"\$(stat -c %a '$T/backup1.db')\" = 600 ]"
before=$(sha "$T/backup1.db")
run --db "$T/live.db" backup "$T/backup1.db"
check "backup refuses to overwrite a file" sh -c "[ $rc -eq 1 ] && grep -q '^irdesk: .*already exists' '$T/err'"
check "... and leaves it unchanged" sh -c "[ \"\$(sha256sum < '$T/backup1.db' | cut -d' ' -f1)\" = $before ]"
run --db "$T/live.db" timeline IR-2015-0001 --json
check "every write during the backups was kept" \
	py_out 'import json,sys; sys.exit(sum(e["kind"] == "note" for e in json.load(sys.stdin)) != 150)'

done_testing
