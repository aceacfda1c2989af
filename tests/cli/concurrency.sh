#!/bin/sh
# concurrency.sh - several processes writing to one store at once: every
# write succeeds, none is lost, nobody is told the database is locked.
# IRDESK_TEST_WRITES (default 200) sets the writes per process.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

NOW=2015-05-08T10:30:00Z
N=${IRDESK_TEST_WRITES:-200}
WRITERS="1 2 3"

run --now "$NOW" case new --title "shared case"
check "the shared case is made" status_is 0

# writer W: N log events; failures and stderr go to files.
writer() {
	i=0
	while [ $i -lt "$N" ]; do
		"$IRDESK" --now "$NOW" --as "writer$1" log IR-2015-0001 "writer $1 event $i" \
			>/dev/null 2>>"$T/err.$1" || echo "$i" >>"$T/failed.$1"
		i=$((i + 1))
	done
}

pids=
for w in $WRITERS; do
	: >"$T/err.$w"
	: >"$T/failed.$w"
	writer "$w" &
	pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids

failed=$(cat "$T"/failed.* | wc -l)
check "every one of 3 x $N concurrent writes succeeded ($failed failed)" [ "$failed" -eq 0 ]
check "no writer printed anything on stderr" sh -c "! cat '$T'/err.* | grep -q ."
check "no writer was told the store is locked" sh -c "! cat '$T'/err.* | grep -qi 'locked'"

run timeline IR-2015-0001 --json
check "all 3 x $N events are in the timeline, each once" \
	py_out "import json,sys
texts = [e['text'] for e in json.load(sys.stdin) if e['kind'] == 'note']
want = {'writer %d event %d' % (w, i) for w in (1, 2, 3) for i in range($N)}
sys.exit(len(texts) != len(want) or set(texts) != want)"

run check
check "the store passes check: the chain holds every write" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(cat '$T/out')\" = 'ok: $((2 + 3 * N)) audit records verified' ]"

# Two processes opening cases at once get distinct, gapless ids.
opener() {
	i=0
	while [ $i -lt 40 ]; do
		"$IRDESK" --now "$NOW" case new --title "opener $1 case $i" >>"$T/ids.$1" 2>>"$T/err.o$1" ||
			echo "$i" >>"$T/failed.o$1"
		i=$((i + 1))
	done
}
: >"$T/ids.1"
: >"$T/ids.2"
opener 1 &
p1=$!
opener 2 &
p2=$!
wait $p1 $p2
check "concurrent case new: all succeeded" sh -c "! cat '$T'/failed.o* 2>/dev/null | grep -q ."
check "concurrent case new: 80 distinct ids IR-2015-0002..0081" \
	sh -c "cat '$T/ids.1' '$T/ids.2' | sort -u > '$T/ids'; [ \"\$(wc -l < '$T/ids')\" = 80 ] &&
		[ \"\$(head -n 1 '$T/ids')\" = IR-2015-0002 ] && [ \"\$(tail -n 1 '$T/ids')\" = IR-2015-0081 ]"

done_testing
