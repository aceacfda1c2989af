#!/bin/sh
# layers.sh - the layers of doc/HACKING.md hold (TAP).
#
# base < store < records < engine < actions < queries < cli, ui < src/main.c:
# a file includes only headers of its own layer or lower ones; cli and ui
# never include each other; a records module includes no other records
# module's header (ALLOW below lists the exceptions, each with its reason);
# the front-ends (src/cli, ui) call no *_tx function and no sqlite3_,
# store_stmt or store_begin. Then the same over the built objects: every
# symbol an object uses that the tree defines comes from its own layer or
# a lower one (from its own module, for records).
#
# Run by `make check`; IRDESK_SRCDIR is the source tree, IRDESK the built
# irdesk (its directory holds the objects). LAYERS_SRC overrides the tree
# to check (the test of this test).

src=${LAYERS_SRC:-${IRDESK_SRCDIR:-.}}
build=${IRDESK:+$(dirname "$IRDESK")}
n=0
failed=0

# "FILE HEADER REASON": FILE may include HEADER (and use what its module
# defines) although the rules above forbid it. One line each, with its reason.
ALLOW='
src/records/block.c records/block_covers.h block.c owns this header: the covering-block rule as one SQL condition
src/records/indicator.c records/block_covers.h the covering-block rule, read in the indicator JSON and for "seen again after its block"; one place for it
'

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	sed 's/^/# /' "$2"
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/layers.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

# Every "folder/name.h" include as: FILE HEADER (paths relative to the tree).
(cd "$src" && find src ui -name '*.[ch]' 2>/dev/null | sort | while read -r f; do
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"/]*\/[^"]*\)".*/\1/p' "$f" |
		while read -r h; do echo "$f $h"; done
done) >"$tmp/includes"

if [ ! -s "$tmp/includes" ]; then
	echo "1..0 # SKIP no sources under $src"
	exit 0
fi

# The rank of a layer, and the layer of a file or header.
cat >"$tmp/rules.awk" <<'EOF'
function rank(l) {
	if (l == "base") return 0
	if (l == "store") return 1
	if (l == "records") return 2
	if (l == "engine") return 3
	if (l == "actions") return 4
	if (l == "queries") return 5
	if (l == "cli" || l == "ui") return 6
	if (l == "main") return 7
	return -1
}
function file_layer(f,   p) {
	if (f == "src/main.c") return "main"
	if (f ~ /^ui\//) return "ui"
	split(f, p, "/")
	return p[2]
}
function module(f,   p, m) {
	m = f
	sub(/^.*\//, "", m)
	sub(/\.[ch]$/, "", m)
	return m
}
EOF

# Run awk program $1 after the rules above over the files that follow.
rules() {
	printf '%s\n' "$1" >"$tmp/prog.awk"
	shift
	cat "$tmp/rules.awk" "$tmp/prog.awk" >"$tmp/all.awk"
	awk -f "$tmp/all.awk" "$@"
}

printf '%s\n' "$ALLOW" | awk 'NF >= 2 { print $1, $2 }' >"$tmp/allow"
echo "- -" >>"$tmp/allow" # never empty: the awk programs count their files

# 1. No include from a lower layer into a higher one; cli and ui apart.
rules '
FNR == NR { allow[$1 " " $2] = 1; next }
($1 " " $2) in allow { next }
{
	fl = file_layer($1); split($2, p, "/"); hl = p[1]
	if (rank(hl) < 0) { print $1 ": includes \"" $2 "\", which is in no layer"; next }
	if (rank(fl) < 0) { print $1 ": is in no layer"; next }
	if (rank(hl) > rank(fl))
		print $1 " (" fl ") includes \"" $2 "\" (" hl "): an upward include"
	else if (rank(hl) == rank(fl) && fl != hl)
		print $1 " (" fl ") includes \"" $2 "\" (" hl "): cli and ui stay apart"
}' "$tmp/allow" "$tmp/includes" >"$tmp/up"
if [ -s "$tmp/up" ]; then
	not_ok "no include from a lower layer into a higher one" "$tmp/up"
else
	ok "no include from a lower layer into a higher one ($(wc -l <"$tmp/includes") includes)"
fi

# 2. A records module includes only its own records header (and ALLOW).
rules '
FNR == NR { allow[$1 " " $2] = 1; next }
$1 ~ /^src\/records\// && $2 ~ /^records\// {
	if (module($1) != module($2) && !(($1 " " $2) in allow))
		print $1 " includes \"" $2 "\": a records module keeps to its own table;" \
		    " the action above passes what it needs"
}' "$tmp/allow" "$tmp/includes" >"$tmp/records"
if [ -s "$tmp/records" ]; then
	not_ok "no records module includes another's header" "$tmp/records"
else
	allowed=$(($(wc -l <"$tmp/allow") - 1))
	ok "no records module includes another's header ($allowed allowed, with reasons)"
fi

# 3. Front-ends: no *_tx call, no SQLite, no statement, no transaction.
(cd "$src" && find src/cli ui -name '*.[ch]' 2>/dev/null | sort | while read -r f; do
	grep -nE '[A-Za-z0-9_]+_tx[[:space:]]*\(|sqlite3_|store_stmt|store_begin' "$f" |
		sed "s|^|$f:|"
done) >"$tmp/front"
if [ -s "$tmp/front" ]; then
	not_ok "the front-ends call actions, not *_tx, SQLite, statements or transactions" \
		"$tmp/front"
else
	ok "the front-ends call actions, not *_tx, SQLite, statements or transactions"
fi

# 4. The objects: each symbol used comes from the same or a lower layer.
objs=
if [ -n "$build" ] && [ -z "$LAYERS_SRC" ] && command -v nm >/dev/null 2>&1; then
	objs=$(cd "$build" && find src -name '*.o' 2>/dev/null | sort)
fi
if [ -z "$objs" ]; then
	n=$((n + 1))
	echo "ok $n - # SKIP no built objects to read with nm"
else
	(cd "$build" && for o in $objs; do
		d=$(dirname "$o")
		base=$(basename "$o" .o)
		m=${base#*-}
		if [ "$d" = src ]; then
			f=src/main.c
		else
			f=$d/$m.c
		fi
		# Only objects of sources still in the tree (not left over by a move).
		[ -f "$src/$f" ] || [ "$f" = src/store/schema_sql.c ] || continue
		nm -P "$o" | awk -v f="$f" '{ print f, $1, $2 }'
	done) >"$tmp/syms"
	rules '
	FNR == 1 { pass++ }
	pass == 1 { allow[$1 " " $2] = 1; next }
	pass == 2 {
		if ($3 ~ /^[A-Z]$/ && $3 != "U") def[$2] = $1
		next
	}
	($3 == "U") && ($2 in def) {
		d = def[$2]; ul = file_layer($1); dl = file_layer(d)
		h = d; sub(/^src\//, "", h); sub(/\.c$/, ".h", h)
		if (($1 " " h) in allow)
			next
		if (rank(dl) > rank(ul))
			print $1 " (" ul ") uses " $2 " of " d " (" dl "): an upward call"
		else if (rank(dl) == rank(ul) && dl != ul)
			print $1 " uses " $2 " of " d ": cli and ui stay apart"
		else if (ul == "records" && dl == "records" && module($1) != module(d))
			print $1 " uses " $2 " of " d ": one records module calls another"
	}' "$tmp/allow" "$tmp/syms" "$tmp/syms" >"$tmp/calls"
	if [ -s "$tmp/calls" ]; then
		not_ok "no object calls into a higher layer or another records module" "$tmp/calls"
	else
		nobj=$(awk '{ print $1 }' "$tmp/syms" | sort -u | wc -l)
		ok "no object calls into a higher layer or another records module ($nobj objects)"
	fi
fi

echo "1..$n"
[ "$failed" -eq 0 ]
