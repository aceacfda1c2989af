#!/bin/bash
# tests/ci.sh - run every test of irdesk on Debian 12, from a fresh clone.
#
# Installs the packages it needs if they are missing (as root, or through
# sudo), bootstraps, then in build directories outside the source tree:
#   1. configure --enable-werror; make -j2; make check; the unit test
#      programs under valgrind (make check-valgrind); make distcheck
#   2. a second build with -fsanitize=address,undefined; make check
# Prints each test summary; exits non-zero at the first failure, after
# printing the failing tests' logs. This is what .ci/run and the README run.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
jobs=${JOBS:-2}
export DEBIAN_FRONTEND=noninteractive

packages=(
	build-essential autoconf automake pkg-config
	libsqlite3-dev uuid-dev libpsl-dev libidn2-dev libicu-dev libssl-dev libncurses-dev libcmocka-dev
	libgmime-3.0-dev python3-jsonschema
	sqlite3 python3 util-linux tmux
	chromium fonts-ipafont-gothic tzdata valgrind
	gettext autopoint locales
)

step() { printf '\n==== %s\n' "$*"; }

install_missing() {
	local missing=() p sudo=()

	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && { echo "all packages present"; return 0; }
	echo "installing: ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null || { echo "ci.sh: need root or sudo to install ${missing[*]}" >&2; exit 1; }
		sudo=(sudo env DEBIAN_FRONTEND=noninteractive)
	fi
	# apt-get update only when the package lists do not know a package.
	if ! "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" </dev/null; then
		"${sudo[@]}" apt-get update </dev/null
		"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
	fi
}

# run_check DIR LABEL: make check in DIR, print the summary, or the logs of
# what failed.
run_check() {
	local dir=$1 label=$2

	if ! make -C "$dir" -j"$jobs" check >"$dir/check.out" 2>&1; then
		tail -n 60 "$dir/check.out"
		[ -f "$dir/test-suite.log" ] && cat "$dir/test-suite.log"
		echo "ci.sh: make check failed ($label)" >&2
		exit 1
	fi
	echo "summary ($label):"
	sed -n '/^# TOTAL/,/^# ERROR/p' "$dir/check.out" | sed 's/\x1b\[[0-9;]*m//g'
}

step "packages"
# The Japanese tests run under ja_JP.UTF-8: generate it when it is missing.
ensure_japanese_locale() {
	local sudo=()

	locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$' && return 0
	echo "generating the ja_JP.UTF-8 locale"
	[ "$(id -u)" -ne 0 ] && sudo=(sudo)
	if [ -f /etc/locale.gen ]; then
		"${sudo[@]}" sed -i 's/^# *ja_JP.UTF-8 UTF-8/ja_JP.UTF-8 UTF-8/' /etc/locale.gen
		grep -q '^ja_JP.UTF-8 UTF-8' /etc/locale.gen ||
			echo 'ja_JP.UTF-8 UTF-8' | "${sudo[@]}" tee -a /etc/locale.gen >/dev/null
		"${sudo[@]}" locale-gen >/dev/null
	else
		"${sudo[@]}" localedef -i ja_JP -f UTF-8 ja_JP.UTF-8
	fi
}

install_missing
ensure_japanese_locale

build=$(mktemp -d "${TMPDIR:-/tmp}/irdesk-ci.XXXXXX")
# Traversable, so that the read-only-store test can run irdesk as nobody.
chmod 755 "$build"
trap 'chmod -R u+w "$build" 2>/dev/null; rm -rf "$build"' EXIT

# The README's first command configures and builds in the source tree;
# automake then refuses another build of that tree elsewhere ("source
# directory already configured"). Build a clean copy of the tree's files
# instead (tracked and new, not ignored), so the two commands work in
# either order and the user's own build is left alone.
src=$top
if [ -f "$top/config.status" ]; then
	src=$build/src
	step "copying the configured source tree to $src"
	mkdir "$src"
	(cd "$top" && git ls-files -z --cached --others --exclude-standard) |
		(cd "$top" && while IFS= read -r -d '' f; do
			[ -e "$f" ] && printf '%s\0' "$f"
		done) | (cd "$top" && xargs -0 cp --parents -t "$src")
fi

step "bootstrap"
(cd "$src" && ./bootstrap)

step "build with -Wall -Wextra -Werror"
mkdir "$build/plain"
(cd "$build/plain" && "$src/configure" --enable-werror >configure.out 2>&1) ||
	{ cat "$build/plain/configure.out"; exit 1; }
make -C "$build/plain" -j"$jobs" >"$build/plain/make.out" 2>&1 ||
	{ cat "$build/plain/make.out"; exit 1; }

step "make check"
run_check "$build/plain" "plain build"

step "the unit tests under valgrind"
# Every cmocka program (not the CLI scripts: see HACKING for those), any
# valgrind error or definite leak failing it; about 1.5 CPU-minutes.
if ! make -C "$build/plain" -j"$jobs" check-valgrind >"$build/plain/valgrind.out" 2>&1; then
	tail -n 60 "$build/plain/valgrind.out"
	[ -f "$build/plain/test-suite.log" ] && cat "$build/plain/test-suite.log"
	echo "ci.sh: the unit tests failed under valgrind" >&2
	exit 1
fi
echo "summary (unit tests under valgrind):"
sed -n '/^# TOTAL/,/^# ERROR/p' "$build/plain/valgrind.out" | sed 's/\x1b\[[0-9;]*m//g'

step "make distcheck"
if ! make -C "$build/plain" -j"$jobs" distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror \
	>"$build/plain/distcheck.out" 2>&1; then
	tail -n 80 "$build/plain/distcheck.out"
	find "$build/plain" -name test-suite.log -exec cat {} + 2>/dev/null || true
	echo "ci.sh: make distcheck failed" >&2
	exit 1
fi
grep -E '^# (TOTAL|PASS|SKIP|FAIL|ERROR)' "$build/plain/distcheck.out" | sed 's/\x1b\[[0-9;]*m//g' || true
grep -A3 'archives ready for distribution' "$build/plain/distcheck.out" || true

step "build with AddressSanitizer and UBSan"
san='-fsanitize=address,undefined -fno-omit-frame-pointer'
mkdir "$build/asan"
(cd "$build/asan" && "$src/configure" --enable-werror CFLAGS="$san -g -O1" \
	LDFLAGS="$san" >configure.out 2>&1) || { cat "$build/asan/configure.out"; exit 1; }
make -C "$build/asan" -j"$jobs" >"$build/asan/make.out" 2>&1 ||
	{ cat "$build/asan/make.out"; exit 1; }

step "make check under AddressSanitizer and UBSan"
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# LeakSanitizer stops the process with ptrace; where that is forbidden
# (some containers) it cannot work, and says so on every exit. Find out.
if ! "$build/asan/irdesk" --version >/dev/null 2>"$build/asan/lsan.err"; then
	if grep -q 'LeakSanitizer' "$build/asan/lsan.err"; then
		echo "LeakSanitizer cannot run here (no ptrace); leaks are left to valgrind"
		export ASAN_OPTIONS=halt_on_error=1:detect_leaks=0
	else
		cat "$build/asan/lsan.err"
		exit 1
	fi
fi
run_check "$build/asan" "ASan+UBSan build"

step "all tests passed"
