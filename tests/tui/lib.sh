# lib.sh - shared by the screen tests: irdesk in a detached tmux session
# of a fixed size on a prepared store, keys sent with send-keys, and the
# screen read with capture-pane, WAITING for the expected text (polling
# with a generous timeout, never sleeping blindly).
#
# Source it after nothing else: it sources tests/cli/lib.sh (TAP, $T,
# IRDESK_DB ...). Each script gets its own tmux server (-L, a socket
# named after the script and its pid) so parallel runs never clash.

. "$IRDESK_SRCDIR/tests/cli/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed (tests/ci.sh installs it)"
	exit 0
fi

TUI_SOCK="irdesk-tui-$(basename "$0" .sh)-$$"
TUI_TIMEOUT=${TUI_TIMEOUT:-30}   # seconds to wait for a screen
LC_ALL=C.UTF-8
export LC_ALL
trap 'tmux -L "$TUI_SOCK" kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT

tmx() { tmux -L "$TUI_SOCK" -f /dev/null "$@"; }

# tui_start [-x COLS] [-y ROWS] [-t TERM] [-e VAR=VALUE]... -- IRDESK_ARGS...:
# start irdesk (no command: the UI) in a new session "t". Its exit status
# lands in $T/tui.exit when it ends.
tui_start() {
	_cols=80 _rows=24 _term=xterm-256color _env=
	while [ $# -gt 0 ]; do
		case $1 in
		-x) _cols=$2; shift 2 ;;
		-y) _rows=$2; shift 2 ;;
		-t) _term=$2; shift 2 ;;
		-e) _env="$_env $2"; shift 2 ;;
		--) shift; break ;;
		*) break ;;
		esac
	done
	rm -f "$T/tui.exit"
	# The test's environment as it is now (the tmux server keeps the one
	# it started with): each variable irdesk reads, quoted for sh.
	{
		for _v in IRDESK_DB IRDESK_USER IRDESK_CONFIG IRDESK_PLAYBOOK_DIR \
			IRDESK_PLAYBOOK_PATH IRDESK_BUSY_TIMEOUT_MS HOME XDG_DATA_HOME \
			XDG_CONFIG_HOME TZ LC_ALL NO_COLOR PATH; do
			if eval "[ -n \"\${$_v+set}\" ]"; then
				eval "_val=\$$_v"
				printf "%s='%s'; export %s\n" "$_v" \
					"$(printf '%s' "$_val" | sed "s/'/'\\\\''/g")" "$_v"
			else
				printf 'unset %s\n' "$_v"
			fi
		done
		printf 'TERM=%s; export TERM\n' "$_term"
		for _kv in $_env; do printf 'export %s\n' "$_kv"; done
		printf 'exec 2>"%s/tui.stderr"\n' "$T"
		printf '"%s"' "$IRDESK"
		for _a in "$@"; do printf " '%s'" "$_a"; done
		printf '\necho $? >"%s/tui.exit"\n' "$T"
		printf 'sleep 3600\n'
	} >"$T/tui.sh"
	# A session that lives as long as the script keeps the server up, so
	# that killing "t" never races a dying server with a new one.
	tmx has-session -t keep >/dev/null 2>&1 || tmx new-session -d -s keep "sleep 86400"
	tmx kill-session -t t >/dev/null 2>&1
	tmx new-session -d -s t -x "$_cols" -y "$_rows" "sh '$T/tui.sh'"
}

# tui_screen: the screen now, in $T/screen (and on stdout with -p).
tui_screen() {
	tmx capture-pane -p -t t >"$T/screen" 2>/dev/null
	[ "${1:-}" = -p ] && cat "$T/screen"
	return 0
}

# tui_wait TEXT [SECONDS]: wait until the screen shows TEXT (fixed
# string). On a timeout the screen goes to the log and it fails.
tui_wait() {
	_deadline=$(( $(date +%s) + ${2:-$TUI_TIMEOUT} ))
	while :; do
		tui_screen
		grep -qF -- "$1" "$T/screen" && return 0
		[ "$(date +%s)" -ge "$_deadline" ] && break
		sleep 0.1
	done
	diag "timed out waiting for: $1" "screen:"
	sed 's/^/#   |/' "$T/screen"
	[ -s "$T/tui.stderr" ] && sed 's/^/#   stderr: /' "$T/tui.stderr"
	return 1
}

# tui_wait_gone TEXT [SECONDS]: wait until TEXT is no longer on screen.
tui_wait_gone() {
	_deadline=$(( $(date +%s) + ${2:-$TUI_TIMEOUT} ))
	while :; do
		tui_screen
		grep -qF -- "$1" "$T/screen" || return 0
		[ "$(date +%s)" -ge "$_deadline" ] && break
		sleep 0.1
	done
	diag "timed out waiting for this to go: $1" "screen:"
	sed 's/^/#   |/' "$T/screen"
	return 1
}

# tui_wait_exit [SECONDS]: wait for irdesk to end; its status in $tui_rc.
tui_wait_exit() {
	_deadline=$(( $(date +%s) + ${1:-$TUI_TIMEOUT} ))
	while [ ! -s "$T/tui.exit" ]; do
		[ "$(date +%s)" -ge "$_deadline" ] && { diag "irdesk did not exit"; return 1; }
		sleep 0.1
	done
	tui_rc=$(cat "$T/tui.exit")
	return 0
}

# tui_keys KEY...: tmux key names (Enter, Escape, C-c, Down) or text.
tui_keys() { tmx send-keys -t t "$@"; }

# tui_type TEXT: TEXT typed literally (UTF-8 included).
tui_type() { tmx send-keys -t t -l -- "$1"; }

# tui_resize COLS ROWS
tui_resize() { tmx resize-window -t t -x "$1" -y "$2"; }

# tui_has TEXT: the last screen read shows TEXT.
tui_has() { grep -qF -- "$1" "$T/screen"; }

# tui_line TEXT: the first line of the last screen holding TEXT.
tui_line() { grep -F -- "$1" "$T/screen" | head -n 1; }

# tui_col LINE TEXT: the display column (wide characters count two)
# where TEXT starts in LINE; -1 if absent.
tui_col() {
	"$PYTHON3" -c '
import sys, unicodedata
line, text = sys.argv[1], sys.argv[2]
i = line.find(text)
if i < 0:
    print(-1)
else:
    print(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line[:i]))
' "$1" "$2"
}

# sq SQL: one value from the store behind irdesk's back (sqlite3).
sq() { sqlite3 "$IRDESK_DB" "$1"; }
