# lib.sh - shared by the CLI tests: TAP output, a private temporary
# directory, and a way to run irdesk and look at what it did.
#
# A test sources this file, calls `ok`, `not_ok`, `check` and `run`, and ends
# with `done_testing`, which prints the plan. $IRDESK (the binary) and
# $IRDESK_SRCDIR (the source tree) come from AM_TESTS_ENVIRONMENT.

if [ -z "${IRDESK:-}" ] || [ -z "${IRDESK_SRCDIR:-}" ]; then
	echo "Bail out! IRDESK and IRDESK_SRCDIR must be set (run through make check)"
	exit 99
fi
PYTHON3=${PYTHON3:-python3}

# A fresh directory per script, removed on exit whatever happens.
T=$(mktemp -d "${TMPDIR:-/tmp}/irdesk-cli.XXXXXX") || {
	echo "Bail out! cannot make a temporary directory"
	exit 99
}
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

# Nothing from the caller's environment may choose the store or the actor.
unset IRDESK_USER IRDESK_BUSY_TIMEOUT_MS IRDESK_AUDIT_KEY
XDG_DATA_HOME=$T/xdg
HOME=$T/home
IRDESK_DB=$T/irdesk.db
TZ=UTC
# Cases open without a playbook unless a test asks for one, so that the
# store tests can count exactly the records they make.
unset XDG_CONFIG_HOME IRDESK_PLAYBOOK_PATH
IRDESK_CONFIG=$T/config
printf 'default-playbook = none\n' >"$IRDESK_CONFIG"
export XDG_DATA_HOME HOME IRDESK_DB TZ IRDESK_CONFIG

# IRDESK_VALGRIND=1: every irdesk the tests run goes through valgrind; an
# error or a definite leak makes it exit 99, which fails the test.
if [ -n "${IRDESK_VALGRIND:-}" ]; then
	printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full %s %s "%s" "$@"\n' \
		--errors-for-leak-kinds=definite,indirect \
		"--suppressions=$IRDESK_SRCDIR/tests/valgrind.supp" "$IRDESK" >"$T/irdesk-vg"
	chmod 755 "$T/irdesk-vg"
	IRDESK=$T/irdesk-vg
fi

_tap_n=0
_tap_failed=0

# ok DESCRIPTION / not_ok DESCRIPTION: one TAP line.
ok() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $*"
}

not_ok() {
	_tap_n=$((_tap_n + 1))
	_tap_failed=$((_tap_failed + 1))
	echo "not ok $_tap_n - $*"
}

# skip DESCRIPTION REASON
skip() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $1 # SKIP $2"
}

# diag TEXT...: a comment line for the log.
diag() {
	for _l in "$@"; do
		printf '# %s\n' "$_l"
	done
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds. On failure the
# last irdesk run's output is shown, to help whoever reads the log.
check() {
	_desc=$1
	shift
	if "$@"; then
		ok "$_desc"
	else
		not_ok "$_desc"
		diag "failed: $*" "last run: $last_cmd (exit $rc)"
		cat -v "$T/out" 2>/dev/null | sed 's/^/#   stdout: /' | head -n 20
		cat -v "$T/err" 2>/dev/null | sed 's/^/#   stderr: /' | head -n 20
	fi
}

# run ARGS...: run irdesk; stdout in $T/out, stderr in $T/err, status in $rc.
run() {
	last_cmd="irdesk $*"
	"$IRDESK" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	return 0
}

# Assertions on the last run.
status_is() { [ "$rc" -eq "$1" ]; }
out_has() { grep -qF -- "$1" "$T/out"; }
err_has() { grep -qF -- "$1" "$T/err"; }
out_empty() { [ ! -s "$T/out" ]; }
err_empty() { [ ! -s "$T/err" ]; }
# Every stderr line is "irdesk: ..." or a usage line that follows one.
err_prefixed() {
	[ -s "$T/err" ] && head -n 1 "$T/err" | grep -q '^irdesk: '
}

# sha256 of a file (for "left untouched").
sha() { sha256sum "$1" | cut -d' ' -f1; }

# Octal mode of a file, e.g. 600.
mode_of() { stat -c %a "$1"; }

# Run a Python snippet with the last stdout on stdin.
py_out() {
	"$PYTHON3" -c "$1" <"$T/out"
}

done_testing() {
	echo "1..$_tap_n"
	[ "$_tap_failed" -eq 0 ]
	exit $?
}
