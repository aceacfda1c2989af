#!/bin/sh
# concurrency.sh - several processes writing to one store at once: every
# write succeeds, none is lost, nobody is told the database is locked.
# Then eight writers at once beside three that fire the playbook's triggers
# (infected hosts, sender and c2 indicators): nothing lost, no step made
# twice or missed, nothing on stderr, the chain intact.
# IRDESK_TEST_WRITES (default 200) sets the writes per process (a fifth of
# it for each of the eleven).
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

# ---- eight writers and three trigger-firing writers at once ----------------
M=$((N / 5))
[ "$M" -ge 4 ] || M=4
run --now "$NOW" case new --title "eight writers" --playbook targeted-email
C8=$(cat "$T/out")
run --now "$NOW" case new --title "calibration" --playbook targeted-email
CAL=$(cat "$T/out")
check "two cases under targeted-email" sh -c "[ -n '$C8' ] && [ -n '$CAL' ] && [ $rc -eq 0 ]"
# What one infected host, one sender and one c2 domain start, one at a time.
run --now "$NOW" asset add "$CAL" PC-CAL --state infected --site hq
run --now "$NOW" ioc add "$CAL" email x@cal.example --role sender
run --now "$NOW" ioc add "$CAL" domain c2.cal-c2.example --role c2
run step list "$CAL" --json
per=$(py_out "import json,sys
s = json.load(sys.stdin)
n = lambda subj: sum(1 for x in s if x['subject'] == subj)
print(n('PC-CAL'), n('x@cal.example'), n('cal-c2.example'), sum(1 for x in s if not x['subject']))")
set -- $per
PER_ASSET=$1 PER_SENDER=$2 PER_C2=$3 PER_CASE=$4
check "one infected host, sender and c2 domain each start steps ($per)" \
	sh -c "[ '${PER_ASSET:-0}' -gt 0 ] && [ '${PER_SENDER:-0}' -gt 0 ] && [ '${PER_C2:-0}' -gt 0 ]"

# writer8 W: M log events on C8.
writer8() {
	i=0
	while [ $i -lt "$M" ]; do
		"$IRDESK" --now "$NOW" --as "w$1" log "$C8" "w$1 event $i" \
			>/dev/null 2>>"$T/err8.$1" || echo "$i" >>"$T/failed8.$1"
		i=$((i + 1))
	done
}
# trigger writers: infected hosts; senders; c2 domains (one registrable domain each).
hosts() {
	i=0
	while [ $i -lt "$M" ]; do
		"$IRDESK" --now "$NOW" --as hosts asset add "$C8" "PC-$i" --state infected --site hq \
			>/dev/null 2>>"$T/err8.hosts" || echo "$i" >>"$T/failed8.hosts"
		i=$((i + 1))
	done
}
senders() {
	i=0
	while [ $i -lt "$M" ]; do
		"$IRDESK" --now "$NOW" --as senders ioc add "$C8" email "s$i@sender$i.example" --role sender \
			>/dev/null 2>>"$T/err8.senders" || echo "$i" >>"$T/failed8.senders"
		i=$((i + 1))
	done
}
c2s() {
	i=0
	while [ $i -lt "$M" ]; do
		"$IRDESK" --now "$NOW" --as c2s ioc add "$C8" domain "cc.c2-$i.example" --role c2 \
			>/dev/null 2>>"$T/err8.c2s" || echo "$i" >>"$T/failed8.c2s"
		i=$((i + 1))
	done
}
pids=
for w in 1 2 3 4 5 6 7 8; do
	: >"$T/err8.$w"
	writer8 "$w" &
	pids="$pids $!"
done
for f in hosts senders c2s; do
	: >"$T/err8.$f"
	$f &
	pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids

failed=$(cat "$T"/failed8.* 2>/dev/null | wc -l)
check "8 x $M log writes and 3 x $M trigger-firing writes at once all succeeded ($failed failed)" \
	[ "$failed" -eq 0 ]
check "none of the eleven printed anything on stderr (no 'locked')" \
	sh -c "! cat '$T'/err8.* | grep -q ."
cat "$T"/err8.* | head -n 5 | while IFS= read -r l; do diag "stderr: $l"; done
run timeline "$C8" --json
check "all 8 x $M events are in the timeline, each once" \
	py_out "import json,sys
texts = sorted(e['text'] for e in json.load(sys.stdin) if e['kind'] == 'note')
want = sorted('w%d event %d' % (w, i) for w in range(1, 9) for i in range($M))
sys.exit(texts != want)"
run asset list "$C8" --json
check "all $M infected hosts are there" \
	py_out "import json,sys
sys.exit(sorted(a['host'] for a in json.load(sys.stdin)) != sorted('PC-%d' % i for i in range($M)))"
run ioc list "$C8" --json
check "all $M senders and $M c2 domains are there" \
	py_out "import json,sys
v = sorted(i['normal'] for i in json.load(sys.stdin))
want = sorted(['s%d@sender%d.example' % (i, i) for i in range($M)] + ['cc.c2-%d.example' % i for i in range($M)])
sys.exit(v != want)"
run step list "$C8" --json
check "every trigger made its steps once: $PER_ASSET per host, $PER_SENDER per sender, $PER_C2 per c2 domain, $PER_CASE for the case" \
	py_out "import json,sys, collections
s = json.load(sys.stdin)
pairs = collections.Counter((x['key'], x['subject']) for x in s)
per = collections.Counter(x['subject'] for x in s)
ok = all(v == 1 for v in pairs.values())
ok = ok and all(per['PC-%d' % i] == $PER_ASSET for i in range($M))
ok = ok and all(per['s%d@sender%d.example' % (i, i)] == $PER_SENDER for i in range($M))
ok = ok and all(per['c2-%d.example' % i] == $PER_C2 for i in range($M))
ok = ok and per[None] == $PER_CASE
ok = ok and len(s) == $PER_CASE + $M * ($PER_ASSET + $PER_SENDER + $PER_C2)
sys.exit(not ok)"
run check
check "the store passes check after the eleven: the chain intact" \
	sh -c "[ $rc -eq 0 ] && grep -q '^ok: ' '$T/out'"

done_testing
