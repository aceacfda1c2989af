#!/bin/sh
# crash.sh - irdesk killed with SIGKILL at random moments while it writes
# (log, case new, asset add firing the playbook's triggers, demo): after
# every kill `irdesk check` passes and every acknowledged write is there.
# The driver is crashdrive.py. IRDESK_TEST_KILLS (default 60) sets how many
# processes are killed mid-run (10 under IRDESK_VALGRIND), IRDESK_TEST_SEED
# the seed (default: from the clock; printed, so a failure can be replayed),
# IRDESK_TEST_CRASH_SECONDS (default 300) is a hard limit for a machine
# far slower than usual (about 25 s here idle, 50 s under a load of 15).
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

if [ -n "${IRDESK_VALGRIND:-}" ]; then KILLS=${IRDESK_TEST_KILLS:-10}; else KILLS=${IRDESK_TEST_KILLS:-60}; fi
SEED=${IRDESK_TEST_SEED:-$(( $(date +%s) % 1000000 ))}
SECONDS_MAX=${IRDESK_TEST_CRASH_SECONDS:-300}
diag "seed $SEED (replay: IRDESK_TEST_SEED=$SEED make check TESTS=tests/cli/crash.sh)"

# Cases open under targeted-email, so an infected host starts its steps.
printf 'default-playbook = targeted-email\n' >"$IRDESK_CONFIG"

"$PYTHON3" "$IRDESK_SRCDIR/tests/cli/crashdrive.py" "$SEED" "$KILLS" "$SECONDS_MAX" \
	>"$T/stats" 2>"$T/drive.err"
check "the driver ran" [ -s "$T/stats" ]
diag "$(cat "$T/stats")"
sed 's/^/driver: /' "$T/drive.err" | head -n 20 | while IFS= read -r l; do diag "$l"; done

stat() {
	"$PYTHON3" -c "import json,sys; v = json.load(open(sys.argv[1]))
for k in sys.argv[2].split('.'): v = v[k]
print(v if not isinstance(v, list) else len(v))" "$T/stats" "$1" 2>/dev/null
}
kills=$(stat kills)
check "$KILLS processes killed while writing ($kills)" [ "${kills:-0}" -ge "$KILLS" ]
check "each of log, case new, asset add and demo was killed at least once" \
	"$PYTHON3" -c "import json,sys; s = json.load(open(sys.argv[1]))
sys.exit(min(s['killed_by_kind'].values()) < 1)" "$T/stats"
check "check passed after every kill ($(stat kills_survived) of $kills)" \
	[ "$(stat kills_survived)" = "$kills" ]
check "writes were acknowledged ($(stat acknowledged)), an infected host started steps" \
	sh -c "[ '$(stat acknowledged)' -gt 0 ] && [ '$(stat steps_per_asset)' -gt 0 ]"
check "no acknowledged write was lost ($(stat lost) lost)" [ "$(stat lost)" = 0 ]
check "no write half done: every host there has all its steps ($(stat half_done) without)" \
	[ "$(stat half_done)" = 0 ]
check "no command failed otherwise, nothing else went wrong" [ "$(stat problems)" = 0 ]
"$PYTHON3" -c "import json,sys
for p in json.load(open(sys.argv[1]))['problems']: print('# problem: ' + p)" "$T/stats" 2>/dev/null

run check
check "the store passes check at the end" sh -c "[ $rc -eq 0 ] && grep -q '^ok: ' '$T/out'"

done_testing
