#!/bin/sh
# ja.sh - the command line in Japanese when the locale asks for it
# (LC_ALL=ja_JP.UTF-8, or LANGUAGE=ja over LANG=C.UTF-8): help, usage,
# usage errors, tables and their column headers, local times in Japanese
# order; --json output and exit codes byte for byte those of the English
# run; and the tables' columns aligned by display width (a Japanese
# character takes two columns), measured with Python's unicodedata.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

if ! locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-*8$'; then
	skip "the CLI in Japanese" "no ja_JP.UTF-8 locale (tests/ci.sh generates it)"
	done_testing
fi

# Times in tables are local: Tokyo, so that 10:30Z shows as 19:30 JST.
TZ=Asia/Tokyo
export TZ
NOW="--now 2015-05-08T10:30:00Z"
LATER="--now 2015-05-08T11:00:00Z"

# jrun ARGS...: run irdesk under ja_JP.UTF-8 (out/err/rc as `run` does).
jrun() {
	last_cmd="LC_ALL=ja_JP.UTF-8 irdesk $*"
	LC_ALL=ja_JP.UTF-8 "$IRDESK" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

# keep NAME: keep the last run's stdout, stderr and status under NAME.
keep() {
	cp "$T/out" "$T/$1.out"
	cp "$T/err" "$T/$1.err"
	echo "$rc" >"$T/$1.rc"
}

# same_as_english DESC ARGS...: the English run and the Japanese run of
# ARGS give the same standard output byte for byte and the same status.
same_as_english() {
	_d=$1
	shift
	run "$@"
	keep en
	jrun "$@"
	keep ja
	check "$_d: --json output identical in Japanese" cmp -s "$T/en.out" "$T/ja.out"
	check "$_d: exit status identical in Japanese ($(cat "$T/en.rc"))" \
		cmp -s "$T/en.rc" "$T/ja.rc"
}

# A store with what every table shows: a case under the targeted-email
# playbook with a Japanese lead, a host at a Japanese site, an indicator,
# a block, a notification and a decision.
pb="--playbook targeted-email"
id=$("$IRDESK" $NOW --as 佐藤 case new --title "標的型メール攻撃 (年金)" --severity high \
	$pb --lead 田中太郎 2>/dev/null)
id2=$("$IRDESK" $NOW case new --title "Lost laptop" --severity low 2>/dev/null)
"$IRDESK" $NOW asset add "$id" pc-0427 --site 本社 --state infected >/dev/null 2>&1
"$IRDESK" $NOW asset add "$id" srv-file01 --site 大阪支店 >/dev/null 2>&1
"$IRDESK" $NOW ioc add "$id" url "http://c2.evil.example.co.jp/a" --role c2 >/dev/null 2>&1
"$IRDESK" $NOW block "$id" "#1" --scope domain >/dev/null 2>&1
"$IRDESK" $NOW notify "$id" --to executives --channel phone --note "社長へ電話" >/dev/null 2>&1
"$IRDESK" $NOW decide "$id" full-disconnect --choice partial --rationale "業務継続" \
	--paths proxy >/dev/null 2>&1
check "the store for the tables is made ($id, $id2)" test -n "$id" -a -n "$id2"

# ---- help and usage ----------------------------------------------------------
jrun --help
check "--help in Japanese: exit 0" status_is 0
check "--help in Japanese: the usage line" out_has "使い方: irdesk [--db パス] [--as 名前] [--now 日時] コマンド [引数]"
check "--help in Japanese: the commands heading" out_has "コマンド:"
check "--help in Japanese: a command's summary" out_has "プレイブックに沿って案件を起票し"
check "--help in Japanese: the command words stay English" out_has "  case new  "
run --help
check "--help in English still English" out_has "usage: irdesk [--db PATH]"
check "--help in English has no Japanese" sh -c "! grep -q '使い方' '$T/out'"

jrun case new --help
check "case new --help in Japanese: exit 0" status_is 0
check "case new --help in Japanese: usage" out_has "使い方: irdesk [--db パス]"
check "case new --help in Japanese: the vocabulary to type stays English" \
	out_has "[--playbook 名前|none]"
check "case new --help in Japanese: summary" out_has "プレイブックに沿って案件を起票し、その ID を表示します"

jrun case
check "a group alone in Japanese: exit 2, its usage" \
	sh -c "[ $rc -eq 2 ] && grep -qF '使い方: irdesk case コマンド [引数]' '$T/err'"

# ---- errors ------------------------------------------------------------------
run case new
keep en
jrun case new
check "usage error in Japanese: exit 2 as in English" \
	sh -c "[ $rc -eq 2 ] && [ \"\$(cat '$T/en.rc')\" -eq 2 ]"
check "usage error in Japanese: says what is missing" err_has "irdesk: case new: --title が必要です"
check "usage error in Japanese: the usage line follows" err_has "使い方: irdesk case new --title テキスト"
check "usage error in English is still English" grep -qF -- "--title is required" "$T/en.err"

jrun case list --frobnicate
check "unknown option in Japanese: exit 2" status_is 2
check "unknown option in Japanese" err_has "不明なオプションです: --frobnicate"

jrun cas nwe
check "unknown command in Japanese: exit 2" status_is 2
check "unknown command in Japanese" err_has "irdesk: 「cas」というコマンドはありません (irdesk --help を参照してください)"

run case show IR-1999-0001
keep en
jrun case show IR-1999-0001
check "case not found: the same exit status in Japanese (1)" \
	sh -c "[ $rc -eq 1 ] && [ \"\$(cat '$T/en.rc')\" -eq 1 ]"
check "case not found: the error on stderr, prefixed" err_prefixed
# The message itself is the core's (src/records): Japanese once ja.po has it.
if grep -q '^msgid "no case \\"%s\\""' "$IRDESK_SRCDIR/po/ja.po"; then
	check "case not found in Japanese" sh -c "! cmp -s '$T/en.err' '$T/err'"
else
	skip "case not found in Japanese" "the core's message is not in ja.po yet"
fi

# A not-found the command line words itself: no playbook in the search path.
mkdir -p "$T/empty"
IRDESK_PLAYBOOK_PATH=$T/empty
export IRDESK_PLAYBOOK_PATH
run playbook list
keep en
jrun playbook list
unset IRDESK_PLAYBOOK_PATH
check "no playbook found in Japanese" err_has "irdesk: $T/empty にプレイブックが見つかりません"
check "no playbook found: the same exit status in Japanese ($rc)" \
	sh -c "[ $rc -eq \$(cat '$T/en.rc') ]"
check "no playbook found in English is still English" grep -qF "no playbooks found in" "$T/en.err"

# One argument and N arguments are two messages (a plural entry would put
# "%d" where nothing fills it).
jrun playbook show
check "one argument expected, in Japanese, no stray conversion" \
	sh -c "[ $rc -eq 2 ] && grep -qF '引数を 1 つだけ指定してください' '$T/err' && ! grep -q '%' '$T/err'"
jrun exercise speed "$id"
check "two arguments expected, in Japanese" err_has "引数をちょうど 2 個指定してください"

jrun timer override "$id" 1
check "timer override without --reason in Japanese" \
	sh -c "[ $rc -eq 2 ] && grep -qF -- '--reason が必要です: 期限の解除には理由が必要です' '$T/err'"

# ---- tables ------------------------------------------------------------------
jrun $NOW case list
check "case list in Japanese: the headers" out_has "重大度"
check "case list in Japanese: opened at, in Japanese order, local time" \
	out_has "2015年5月8日 19:30 JST"
keep ja_cases
run $NOW case list
keep en_cases
check "case list in English: the time as before" out_has "2015-05-08 19:30 JST"

jrun $LATER timers "$id"
check "timers in Japanese: the headers" out_has "期限日時"
check "timers in Japanese: what a timer asks for" out_has "csirt-lead への通報 (csirt-lead)"
keep ja_timers
run $LATER timers "$id"
keep en_timers

jrun $NOW asset list "$id"
check "asset list in Japanese: the headers" out_has "感染日時"
keep ja_assets
run $NOW asset list "$id"
keep en_assets

jrun $NOW notifications "$id"
check "notifications in Japanese: the headers" out_has "通報日時"
keep ja_notes
run $NOW notifications "$id"
keep en_notes

jrun $NOW step list "$id"
check "step list in Japanese: the headers" out_has "期限 (残り)"
keep ja_steps
run $NOW step list "$id"
keep en_steps

jrun $NOW block list "$id"
check "block list in Japanese: requested, local time" out_has "依頼 2015年5月8日 19:30 JST"

jrun $LATER case show "$id"
check "case show in Japanese: the field names" out_has "担当責任者   田中太郎"
check "case show in Japanese: a section" out_has "未完了の期限"

jrun $LATER log "$id" "記録のテスト"
check "an overdue warning in Japanese, after a command" \
	err_has "irdesk: 警告: $id: 期限 1 が 15m 超過しています: csirt-lead への通報 (規則 csirt-lead)"
check "the overdue warning's exit status is the command's (0)" status_is 0

# aligned FILE LABEL...: in the table of FILE (the first line its header,
# whose column headers are the LABELs in order), every row's columns start
# at the display column their header starts at. Display width is Python's:
# East Asian Wide and Fullwidth characters are 2 columns, combining 0.
aligned() {
	_f=$1
	shift
	"$PYTHON3" - "$_f" "$@" <<'EOF'
import sys, unicodedata

def cols(s):
    return [2 if unicodedata.east_asian_width(c) in 'WF' else
            0 if unicodedata.combining(c) else 1 for c in s]

def cells(line):
    """The character at each display column (a wide one fills two)."""
    out = []
    for c, w in zip(line, cols(line)):
        out.extend([c] * w)
    return out

path, labels = sys.argv[1], sys.argv[2:]
lines = open(path, encoding='utf-8').read().splitlines()
head, rows = lines[0], [l for l in lines[1:] if l and not l.startswith(' ' * 4)]
starts, pos = [], 0
for lab in labels:
    i = head.find(lab, pos)
    if i < 0:
        sys.exit('header %r: no label %r' % (head, lab))
    starts.append(sum(cols(head[:i])))
    pos = i + len(lab)
if not rows:
    sys.exit('no rows')
bad = 0
for row in rows:
    c = cells(row)
    for k in range(1, len(labels)):
        lab, s = labels[k], starts[k]
        end = starts[k + 1] if k + 1 < len(starts) else len(c)
        # A cell starts at its column, after a space; or it is empty.
        if len(c) <= s or c[s - 1] != ' ' or (c[s] == ' ' and set(c[s:end]) != {' '}):
            print('# column %r (display column %d) not aligned in: %s' % (lab, s, row))
            bad += 1
            break
print('# %d rows, columns start at %s' % (len(rows), starts))
sys.exit(1 if bad else 0)
EOF
}

check "case list in Japanese: columns aligned by display width" \
	aligned "$T/ja_cases.out" ID 重大度 状態 開始日時 担当責任者 件名
check "case list in English: columns aligned" \
	aligned "$T/en_cases.out" ID SEVERITY STATUS OPENED LEAD TITLE
check "timers in Japanese: columns aligned by display width" \
	aligned "$T/ja_timers.out" 期限 案件 状態 期限日時 残り 内容
check "timers in English: columns aligned" \
	aligned "$T/en_timers.out" TIMER CASE STATE DUE LEFT WHAT
check "asset list in Japanese: columns aligned by display width" \
	aligned "$T/ja_assets.out" ホスト 拠点 状態 感染日時 更新日時
check "asset list in English: columns aligned" \
	aligned "$T/en_assets.out" HOST SITE STATE INFECTED CHANGED
check "notifications in Japanese: columns aligned by display width" \
	aligned "$T/ja_notes.out" "#" 通報日時 役割 手段 実施者 メモ
check "notifications in English: columns aligned" \
	aligned "$T/en_notes.out" "#" "TOLD AT" ROLE CHANNEL BY NOTE
check "step list in Japanese: columns aligned by display width" \
	aligned "$T/ja_steps.out" "#" 状態 "期限 (残り)" 担当者 手順
check "step list in English: columns aligned" \
	aligned "$T/en_steps.out" "#" STATE "DUE (LEFT)" ASSIGNEE STEP

# ---- what programs read does not change ---------------------------------------
same_as_english "case list --json" $NOW case list --all --json
same_as_english "case show --json" $NOW case show "$id" --json
same_as_english "timeline --json" $NOW timeline "$id" --json
same_as_english "timers --json" $LATER timers --json
same_as_english "timers --due --json (exit 3: overdue)" $LATER timers --due --json
check "timers --due: exit 3 in Japanese too" status_is 3
same_as_english "step list --json" $NOW step list "$id" --json
same_as_english "asset list --json" $NOW asset list "$id" --json
same_as_english "ioc list --json" $NOW ioc list "$id" --json
same_as_english "block list --json" $NOW block list "$id" --json
same_as_english "notifications --json" $NOW notifications "$id" --json
same_as_english "decisions --json" $NOW decisions "$id" --json
jrun $NOW case new --title "x" --severity low
check "case new in Japanese prints only the id" \
	sh -c "[ $rc -eq 0 ] && grep -qx 'IR-2015-[0-9][0-9][0-9][0-9]' '$T/out' && [ \$(wc -l <'$T/out') -eq 1 ]"
same_as_english "case show of a missing case" case show IR-1999-0001 --json
same_as_english "a usage error (stdout empty, exit 2)" case list --frobnicate

# ---- LANGUAGE=ja over LANG=C.UTF-8 --------------------------------------------
# lrun ARGS...: LC_ALL unset, LANG=C.UTF-8, LANGUAGE=ja.
lrun() {
	last_cmd="LANGUAGE=ja LANG=C.UTF-8 irdesk $*"
	env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 LANGUAGE=ja "$IRDESK" "$@" \
		>"$T/out" 2>"$T/err" </dev/null
	rc=$?
}
lrun --help
check "LANGUAGE=ja: --help in Japanese" out_has "使い方: irdesk"
lrun case new
check "LANGUAGE=ja: a usage error in Japanese, exit 2" \
	sh -c "[ $rc -eq 2 ] && grep -qF -- '--title が必要です' '$T/err'"
lrun $NOW case list
check "LANGUAGE=ja: case list headers and times in Japanese" \
	sh -c "grep -qF '開始日時' '$T/out' && grep -qF '2015年5月8日 19:30 JST' '$T/out'"
cp "$T/out" "$T/l_cases.out"
check "LANGUAGE=ja: case list aligned by display width" \
	aligned "$T/l_cases.out" ID 重大度 状態 開始日時 担当責任者 件名
lrun $NOW case list --all --json
cp "$T/out" "$T/l.json"
run $NOW case list --all --json
check "LANGUAGE=ja: case list --json identical to English" cmp -s "$T/out" "$T/l.json"
env -u LC_ALL -u LANGUAGE LANG=C.UTF-8 "$IRDESK" --help >"$T/out" 2>&1
check "LANG=C.UTF-8 without LANGUAGE: English" out_has "usage: irdesk"

done_testing
