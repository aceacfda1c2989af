#!/bin/sh
# damage.sh - damaged stores, a full disk and a read-only mount: irdesk
# refuses with a clear "irdesk: ..." message and exit 1 (never a signal),
# does not damage the file further (its sha256 is unchanged by a refused
# command) and `check` says what is wrong. The full disk and the read-only
# mount need a tmpfs this test may mount (root, as in CI); else they are
# skipped with the reason.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP the sqlite3 program is needed to find pages (apt-get install sqlite3)"
	exit 0
fi

NOW=2015-05-08T10:30:00Z
MNT=$T/mnt
mounted=
# Unmount before lib.sh's trap removes $T.
trap '[ -n "$mounted" ] && umount "$MNT" 2>/dev/null; rm -rf "$T"' EXIT

run --now "$NOW" demo --cases 40 --seed 7
run --now "$NOW" log IR-2015-0001 "MARKER-damage-event"
check "a store with 40 demo cases and a marked event" status_is 0
run check
check "it passes check and is closed cleanly (no -wal left)" \
	sh -c "[ $rc -eq 0 ] && [ ! -s '$IRDESK_DB-wal' ]"
PAGE=$(sqlite3 "$IRDESK_DB" 'PRAGMA page_size')
good_sha=$(sha "$IRDESK_DB")

# flip FILE OFFSET MASK: xor one byte.
flip() {
	"$PYTHON3" -c "import sys
f = open(sys.argv[1], 'r+b'); f.seek(int(sys.argv[2])); b = f.read(1)[0]
f.seek(int(sys.argv[2])); f.write(bytes([b ^ int(sys.argv[3], 0)]))" "$@"
}

# refused DESC DB WANT ARGS...: irdesk ARGS on DB exits 1 with an
# "irdesk: " message holding WANT, and leaves DB's bytes as they were.
refused() {
	_d=$1 _db=$2 _want=$3
	shift 3
	_before=$(sha "$_db")
	run --db "$_db" --now "$NOW" "$@"
	check "$_d: exit 1 (not a signal) with \"irdesk: ...$_want...\", the file unchanged" \
		sh -c "[ $rc -eq 1 ] && head -n 1 '$T/err' | grep -q '^irdesk: ' &&
			grep -qF -- '$_want' '$T/err' && [ \"\$(sha256sum < '$_db' | cut -d' ' -f1)\" = '$_before' ]"
	diag "  $(head -n 1 "$T/err")"
}

# ---- a truncated store --------------------------------------------------------
cp "$IRDESK_DB" "$T/half.db"
truncate -s $(($(stat -c %s "$IRDESK_DB") / 2)) "$T/half.db"
for cmd in "case list --all" "timeline IR-2015-0001" "log IR-2015-0001 more" check; do
	# shellcheck disable=SC2086
	refused "truncated to half: $cmd" "$T/half.db" "is damaged" $cmd
done
cp "$IRDESK_DB" "$T/short.db"
truncate -s 1000 "$T/short.db"
refused "truncated inside the first page: check" "$T/short.db" "damaged" check
refused "truncated inside the first page: log" "$T/short.db" "damaged" log IR-2015-0001 x

# ---- a flipped byte in a data page --------------------------------------------
# The marker's text is stored twice: in its events row and in its audit
# record's payload. Flip a letter of each copy in turn.
offsets=$("$PYTHON3" -c "import sys
d = open(sys.argv[1], 'rb').read(); i = -1
while True:
    i = d.find(b'MARKER-damage-event', i + 1)
    if i < 0: break
    print(i)" "$IRDESK_DB")
found_events= found_audit=
for off in $offsets; do
	pageno=$((off / PAGE + 1))
	name=$(sqlite3 "$IRDESK_DB" "SELECT name FROM dbstat WHERE pageno = $pageno")
	cp "$IRDESK_DB" "$T/flip.db"
	flip "$T/flip.db" $((off + 7)) 0x01 # MARKER-damage -> MARKER-eamage
	case $name in
	events)
		found_events=1
		refused "a byte flipped in an events page ($pageno): check names the row" \
			"$T/flip.db" "events: record" check
		run --db "$T/flip.db" timeline IR-2015-0001
		check "  ... and reading it still works (the page is sound, its text is not)" \
			sh -c "[ $rc -eq 0 ] && grep -q 'MARKER-eamage-event' '$T/out'"
		;;
	audit)
		found_audit=1
		refused "a byte flipped in an audit page ($pageno): check names the record" \
			"$T/flip.db" "was altered" check
		;;
	esac
done
check "the marker was found in an events page and an audit page" \
	sh -c "[ -n '$found_events' ] && [ -n '$found_audit' ]"

# ---- a flipped byte in a page header ------------------------------------------
pageno=$(sqlite3 "$IRDESK_DB" "SELECT pageno FROM dbstat WHERE name = 'events' AND
	pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 2")
cp "$IRDESK_DB" "$T/header.db"
flip "$T/header.db" $(((pageno - 1) * PAGE)) 0xff # the b-tree page type
refused "an events page's header flipped ($pageno): check" "$T/header.db" \
	"damaged (database disk image is malformed)" check
# Some case's timeline lives on that page: reading it is refused, clearly.
header_sha=$(sha "$T/header.db")
bad=0 worse=0
for id in $("$IRDESK" case list --all | awk 'NR > 1 { print $1 }'); do
	run --db "$T/header.db" timeline "$id"
	[ $rc -eq 0 ] && continue
	if [ $rc -eq 1 ] && grep -q '^irdesk: .*is damaged' "$T/err"; then
		bad=$((bad + 1))
	else
		worse=$((worse + 1))
		diag "timeline $id: exit $rc: $(head -n 1 "$T/err")"
	fi
done
check "the timelines on that page are refused as damaged ($bad), nothing worse ($worse)" \
	sh -c "[ $bad -gt 0 ] && [ $worse -eq 0 ]"
check "  ... and the file is unchanged by all of it" [ "$(sha "$T/header.db")" = "$header_sha" ]
cp "$IRDESK_DB" "$T/magic.db"
flip "$T/magic.db" 3 0x20 # "SQLite format 3" -> "SQLIte format 3"
refused "the file header flipped: check" "$T/magic.db" "not an irdesk database" check
refused "the file header flipped: log" "$T/magic.db" "not an irdesk database" log IR-2015-0001 x
check "the original store was never touched" [ "$(sha "$IRDESK_DB")" = "$good_sha" ]

# ---- a full disk, then a read-only mount --------------------------------------
mkdir "$MNT"
why=
if [ "$(id -u)" -ne 0 ]; then
	why="not root: cannot mount a tmpfs"
elif ! mount -t tmpfs -o size=512k,mode=0755 irdesk-test "$MNT" 2>"$T/mount.err"; then
	why="cannot mount a tmpfs here: $(head -n 1 "$T/mount.err")"
else
	mounted=1
fi
if [ -n "$why" ]; then
	skip "a full disk: writes refused clearly, nothing acknowledged lost" "$why"
	skip "a read-only mount: refused clearly, the file unchanged" "$why"
	done_testing
fi

DB=$MNT/full.db
run --db "$DB" --now "$NOW" case new --title "full disk"
# Ballast, to free space later.
dd if=/dev/zero of="$MNT/ballast" bs=4096 count=24 2>/dev/null
big=$("$PYTHON3" -c "print('x' * 3000)")
i=0 acked=0
while [ $i -lt 400 ]; do
	run --db "$DB" --now "$NOW" log IR-2015-0001 "full-$i $big"
	[ $rc -eq 0 ] || break
	acked=$((acked + 1))
	i=$((i + 1))
done
check "writes go on until the 512 KiB disk is full ($acked acknowledged), then exit 1" \
	sh -c "[ $rc -eq 1 ] && [ $acked -gt 0 ] && [ $acked -lt 400 ]"
check "  ... saying the disk is full" sh -c "head -n 1 '$T/err' | grep -q '^irdesk: .*disk is full'"
diag "  $(head -n 1 "$T/err")"
run --db "$DB" check
check "check passes on the full disk" sh -c "[ $rc -eq 0 ] && grep -q '^ok: ' '$T/out'"
run --db "$DB" timeline IR-2015-0001 --json
check "every acknowledged write is there, the refused one is not" \
	py_out "import json,sys
t = [e['text'].split()[0] for e in json.load(sys.stdin) if e['kind'] == 'note']
sys.exit(t != ['full-%d' % i for i in range($acked)])"
run --db "$DB" --now "$NOW" log IR-2015-0001 "small"
check "a small write on the full disk is refused the same way" \
	sh -c "[ $rc -eq 1 ] && grep -q '^irdesk: .*disk is full' '$T/err'"
rm -f "$MNT/ballast"
run --db "$DB" --now "$NOW" log IR-2015-0001 "after"
check "space freed: the next write succeeds" status_is 0
run --db "$DB" check
check "  ... and check passes" sh -c "[ $rc -eq 0 ] && grep -q '^ok: ' '$T/out'"

# A store closed cleanly on the tmpfs; then the mount turns read-only.
rm -f "$MNT"/full.db*
DB=$MNT/ro.db
run --db "$DB" --now "$NOW" case new --title "read-only mount"
run --db "$DB" --now "$NOW" log IR-2015-0001 "before the remount"
run --db "$DB" check
check "a store on the tmpfs, closed cleanly" sh -c "[ $rc -eq 0 ] && [ ! -s '$DB-wal' ]"
ro_sha=$(sha "$DB")
if mount -o remount,ro "$MNT" 2>"$T/mount.err"; then
	for cmd in "case list" "timeline IR-2015-0001" "log IR-2015-0001 ro" check; do
		# shellcheck disable=SC2086
		refused "read-only mount: $cmd" "$DB" "read-only" $cmd
	done
	check "the file on the read-only mount is unchanged" [ "$(sha "$DB")" = "$ro_sha" ]
else
	skip "a read-only mount: refused clearly, the file unchanged" \
		"cannot remount read-only: $(head -n 1 "$T/mount.err")"
fi

done_testing
