#!/bin/sh
# messages.sh - every error message that can carry what a user typed or
# the store holds reaches the terminal sanitised: an escape sequence in a
# case, step or indicator reference, a role, a severity, --now, a command
# name or a path appears as "\x1b", never as the raw byte.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

esc=$(printf '\033')
bel=$(printf '\007')
evil="${esc}]0;pwned${bel}${esc}[31mX"

# no_raw_escape: neither stdout nor stderr of the last run holds ESC or BEL.
no_raw_escape() {
	! grep -q "$esc" "$T/err" "$T/out" && ! grep -q "$bel" "$T/err" "$T/out"
}
# shown_escaped: stderr says \x1b where the ESC was (or does not echo the
# value at all, as when it names only the problem).
shown_escaped() {
	grep -qF '\x1b]0;pwned\x07\x1b[31mX' "$T/err" || ! grep -q 'pwned' "$T/err"
}

id=$("$IRDESK" case new --title "ordinary" --severity low 2>/dev/null)

for args in "case show $evil" "step done $id $evil" "ioc list $evil" \
	"notify $id --to $evil --channel phone" "case set $id --severity $evil" \
	"case set $id --cause $evil" "notify $id --to ministry --channel $evil" \
	"--now $evil case list" "$evil" "case $evil" "case new --title t --playbook $evil" \
	"ioc add $id url $evil" "block $id $evil" "asset set $id $evil --state clean"; do
	# shellcheck disable=SC2086
	run $args
	check "sanitised: irdesk $(printf '%s' "$args" | cut -c1-24 | cat -v): exit non-zero" \
		sh -c "[ $rc -ne 0 ]"
	check "sanitised: irdesk $(printf '%s' "$args" | cut -c1-24 | cat -v): no raw escape" \
		no_raw_escape
	check "sanitised: irdesk $(printf '%s' "$args" | cut -c1-24 | cat -v): shown escaped" \
		shown_escaped
done

run --db "$T/$evil/x.db" case list
check "a store path with an escape: no raw escape in the error" no_raw_escape

# A zero-width space inside a title shows as \u200b in listings, so two
# look-alike titles can be told apart.
zw=$(printf 'evil\342\200\213.example')
"$IRDESK" case new --title "$zw" >/dev/null 2>&1
run case list
check "a zero-width space in a title is shown escaped" out_has 'evil\u200b.example'

# A failure always says what failed: output that cannot be written (a full
# disk, a closed pipe) is not a silent exit 1.
if [ -w /dev/full ]; then
	"$IRDESK" case list --json >/dev/full 2>"$T/err"
	rc=$?
	check "output to a full disk: exit 1" status_is 1
	check "output to a full disk: says it cannot write" err_has "cannot write the output"
	"$IRDESK" case list >/dev/full 2>"$T/err"
	rc=$?
	check "a table to a full disk: says it cannot write" err_has "cannot write the output"
else
	skip "output to a full disk" "no writable /dev/full"
fi

done_testing
