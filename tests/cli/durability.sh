#!/bin/sh
# durability.sh - what the store says when it cannot write: a lock held
# past the busy limit (one limit, told truthfully), a directory it cannot
# create its -wal and -shm in, a full disk before the -shm exists.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

NOW=2015-05-08T10:30:00Z

# ---- the busy limit -------------------------------------------------------
run --now "$NOW" case new --title "locked" --severity low
"$PYTHON3" - "$IRDESK_DB" "$T/ready" "$T/release" <<'PY' &
import os, sqlite3, sys, time
db, ready, release = sys.argv[1:]
con = sqlite3.connect(db, isolation_level=None)
con.execute("BEGIN IMMEDIATE")
open(ready, "w").close()
deadline = time.time() + 60
while not os.path.exists(release) and time.time() < deadline:
    time.sleep(0.02)
con.execute("ROLLBACK")
PY
locker=$!
i=0
while [ ! -e "$T/ready" ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i + 1)); done
check "another process holds the write lock" test -e "$T/ready"
t0=$(date +%s%N)
IRDESK_BUSY_TIMEOUT_MS=1500 run --now "$NOW" log IR-2015-0001 "during the lock"
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
diag "IRDESK_BUSY_TIMEOUT_MS=1500: gave up after $ms ms"
check "a write blocked past IRDESK_BUSY_TIMEOUT_MS=1500 fails (exit 1)" status_is 1
check "... after the limit, not a multiple of it (1.5 s <= $ms ms < 6 s; five tries of 1.5 s were 7.5 s)" \
	sh -c "[ $ms -ge 1500 ] && [ $ms -lt 6000 ]"
check "... and says how long it waited, and names the limit" \
	sh -c "grep -q 'locked by another program (waited [1-5]\\.[0-9] s, the limit set by IRDESK_BUSY_TIMEOUT_MS)' '$T/err'"
IRDESK_BUSY_TIMEOUT_MS=0 run --now "$NOW" log IR-2015-0001 "during the lock"
check "IRDESK_BUSY_TIMEOUT_MS=0: fails at once, saying it waited 0.0 s" \
	sh -c "[ $rc -eq 1 ] && grep -q 'waited 0\\.0 s' '$T/err'"
touch "$T/release"
wait "$locker"
run --now "$NOW" log IR-2015-0001 "after the lock"
check "after the lock, writes go on" status_is 0

# ---- a directory irdesk cannot write in, with a writable store -------------
mkdir "$T/rodir"
run --db "$T/rodir/irdesk.db" --now "$NOW" case new --title "ro dir" --severity low
check "(a store made, its -wal and -shm gone when the last user closed it)" \
	sh -c "[ $rc -eq 0 ] && [ ! -e '$T/rodir/irdesk.db-wal' ] && [ ! -e '$T/rodir/irdesk.db-shm' ]"
if [ "$(id -u)" -ne 0 ]; then
	chmod 555 "$T/rodir"
	run --db "$T/rodir/irdesk.db" --now "$NOW" log IR-2015-0001 "write"
	rc_ro=$rc
	chmod 755 "$T/rodir"
elif command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$IRDESK" 2>/dev/null; then
	chmod 755 "$T" "$T/rodir"
	chown 65534 "$T/rodir/irdesk.db"
	HOME=$T/nobody setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$IRDESK" --db "$T/rodir/irdesk.db" --now "$NOW" log IR-2015-0001 "write" \
		>"$T/out" 2>"$T/err" </dev/null
	rc_ro=$?
	chmod 700 "$T"
else
	rc_ro=skip
fi
if [ "$rc_ro" = skip ]; then
	skip "a store in a read-only directory: the directory is named" "root without setpriv"
else
	check "a writable store in a read-only directory: the directory is named, not 'the store is read-only'" \
		sh -c "[ $rc_ro -eq 1 ] && grep -q 'the directory .*rodir is not writable: SQLite must create .*-wal and .*-shm' '$T/err' && ! grep -q 'store .* is read-only' '$T/err'"
fi

# ---- a full disk before the -shm exists ---------------------------------------
mkdir "$T/mnt"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=512k tmpfs "$T/mnt" 2>/dev/null; then
	trap 'umount "$T/mnt" 2>/dev/null; rm -rf "$T"' EXIT
	run --db "$T/mnt/irdesk.db" --now "$NOW" case new --title "full" --severity low
	dd if=/dev/zero of="$T/mnt/fill" bs=4k 2>/dev/null
	rm -f "$T/mnt/irdesk.db-wal" "$T/mnt/irdesk.db-shm"
	run --db "$T/mnt/irdesk.db" --now "$NOW" log IR-2015-0001 "on a full disk"
	check "a full disk before the -shm exists: 'the disk is full', not 'disk I/O error'" \
		sh -c "[ $rc -eq 1 ] && grep -q 'the disk is full' '$T/err' && ! grep -q 'disk I/O error' '$T/err'"
	rm -f "$T/mnt/fill"
	run --db "$T/mnt/irdesk.db" check
	check "... and with room again, the store is whole" status_is 0
	umount "$T/mnt"
else
	skip "a full disk before the -shm exists" "cannot mount a small tmpfs (not root, or not allowed)"
	skip "... and with room again, the store is whole" "as above"
fi

done_testing
