#!/bin/sh
# ja.sh - the terminal UI under a Japanese locale at 80x24: the
# dashboard's headings, counts, hints and status bar, the escalation
# modal, a confirmation, the help (from the key tables), the new-case
# form, a case's tabs and a form in Japanese; columns aligned by display
# width with a Japanese and an ASCII title; every line within 80 columns
# and every box closed in its column (nothing cut mid-character); the
# keys the same letters as in English.
. "$IRDESK_SRCDIR/tests/tui/lib.sh"

if ! locale -a 2>/dev/null | grep -qiE '^ja_JP\.utf-?8$'; then
	echo "1..0 # SKIP the ja_JP.UTF-8 locale is not generated (tests/ci.sh generates it)"
	exit 0
fi
LC_ALL=ja_JP.UTF-8
export LC_ALL

NOW=2026-05-08T12:00:00Z
new() { _t=$1; shift; "$IRDESK" --now "$_t" case new "$@" >/dev/null; }

new 2026-05-08T10:00:00Z --title '標的型メールによるマルウェア感染（拠点A）' --lead tanaka --playbook targeted-email
new 2026-05-08T11:15:00Z --title 'Phishing wave against the finance team' --lead sato --playbook targeted-email
new 2026-05-08T09:00:00Z --title 'D-critical' --severity critical
"$IRDESK" --now 2026-05-08T11:50:00Z asset add IR-2026-0001 PC-0427 --site 本社 --state infected >/dev/null
"$IRDESK" --now 2026-05-08T11:51:00Z asset add IR-2026-0001 '経理部の端末01' --state suspected >/dev/null

# fits: every line of the screen at most 80 display columns, no U+FFFD,
# and each box's right edge (│ ┐ ┘) in the same column as its left edge
# says (a box line whose text were measured in bytes would end elsewhere).
fits() {
	"$PYTHON3" - "$T/screen" <<'EOF'
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
bad = []
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
right = None
for n, line in enumerate(lines, 1):
    if width(line) > 80:
        bad.append("line %d is %d columns" % (n, width(line)))
    if "\ufffd" in line:
        bad.append("line %d holds U+FFFD" % n)
    if "┌" in line:
        left = width(line[:line.index("┌")])
        right = width(line[:line.rindex("┐")]) if "┐" in line else None
        continue
    if right is not None and line.strip():
        cols = [width(line[:i]) for i, c in enumerate(line) if c in "│┘"]
        if right not in cols:
            bad.append("line %d: the box's right edge is not at column %d: %s" % (n, right, line))
    if "└" in line:
        right = None
for b in bad:
    print("# " + b)
sys.exit(1 if bad else 0)
EOF
}

# starts_at LINE COL: a field of LINE starts at display column COL (a
# non-space there, a space or the line's start before it).
starts_at() {
	"$PYTHON3" -c '
import sys, unicodedata
line, col, x = sys.argv[1], int(sys.argv[2]), 0
prev = " "
for ch in line:
    if x == col:
        sys.exit(0 if ch != " " and prev == " " else 1)
    x += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    prev = ch
sys.exit(1)
' "$1" "$2"
}

tui_start -- --now "$NOW"

# The modal comes first (two timers overdue), in Japanese.
check "the modal's title in Japanese" tui_wait "期限超過: 2 件 - 閉じることはできません"
check "... each timer's task and how late" tui_has "1h45m 超過  IR-2026-0001 csirt-lead への通報"
check "... its keys explained" tui_has "Enter: 通報を記録 / 手順を完了"
check "... the modal fits 80x24, its box closed on every line" fits
tui_keys Space Space
tui_wait '* ' && tui_keys o
check "the override's confirmation in Japanese" tui_wait "続けますか?"
check "... its keys the same letters (y, n)" tui_has "y: はい、実行します   n か Esc: いいえ"
check "... the question wrapped inside its box" fits
tui_keys y
check "the override form: its label in Japanese" tui_wait "理由:"
check "... and its keys" tui_has "^X 確定  Esc 取消"
tui_keys Enter Enter
check "an empty reason is refused beside the field in Japanese" tui_wait "入力が必要です"
tui_type "朝会で責任者に口頭で伝えた"
tui_keys Enter
check "the status bar says so in Japanese" tui_wait "期限 2 件を解除"
check "the reason is stored as typed" \
	[ "$(sq "SELECT count(*) FROM timers WHERE override_reason = '朝会で責任者に口頭で伝えた'")" -eq 2 ]

# The dashboard.
tui_wait_gone "閉じることはできません"
check "the header's counts in Japanese" \
	tui_has "irdesk  対応中 3  期限超過 0  緊急 1 高 0 中 2 低 0"
check "the column headings in Japanese" tui_has "重大度 状態       件名"
head=$(tui_line '重大度')
ja=$(tui_line 'IR-2026-0001')
en=$(tui_line 'IR-2026-0002')
check "a Japanese title keeps the next columns aligned with an ASCII one (display width)" \
	[ "$(tui_col "$ja" tanaka)" -eq "$(tui_col "$en" sato)" ]
check "... under their heading" [ "$(tui_col "$head" 担当)" -eq "$(tui_col "$en" sato)" ]
check "... the status under its heading" [ "$(tui_col "$head" 状態)" -eq "$(tui_col "$ja" 対応中)" ]
check "... the severity shown by its label under a wide heading" \
	[ "$(tui_col "$head" 重大度)" -eq "$(tui_col "$(tui_line D-critical)" 緊急)" ]
check "... and the title column where the ASCII one starts" \
	[ "$(tui_col "$head" 件名)" -eq "$(tui_col "$en" Phishing)" ]
check "a cut Japanese title ends on a whole character with …" tui_has "標的型メールによるマル…"
check "the key hints in Japanese" tui_has "Enter 開く / 絞込 m 自分 n 新規"
check "the status bar's clock local, in Japanese order (TZ=UTC)" tui_has "2026年5月8日 12:00 UTC (固定)"
check "the dashboard fits 80x24" fits

# The help, generated from the key table, translated.
tui_keys '?'
check "? shows the help in Japanese" tui_wait "キー一覧: ダッシュボード"
check "... each key's description translated, the keys as they are" tui_has "Down j         次の案件"
check "... the global keys too" tui_has "画面を描き直す"
check "... a long description wrapped inside the box" fits
tui_keys Escape
tui_wait_gone "キー一覧"

# The same letters work: x shows the exercise cases, / filters.
tui_keys /
check "the filter's prompt in Japanese" tui_wait "絞り込み (ID・件名・担当・指標):"
tui_type "Phish"
tui_wait "1/1"
tui_keys Escape
tui_wait "/3"

# The new-case form.
tui_keys n
check "n opens the new-case form in Japanese" tui_wait "新しい案件"
check "... its labels right-aligned by display width" tui_has "重大度: < 中 (medium) >"
l1=$(tui_line '件名:')
l2=$(tui_line 'プレイブック:')
check "... the colons of a short and a long label in one column" \
	[ "$(tui_col "$l1" ':')" -eq "$(tui_col "$l2" ':')" ]
check "... a yes/no field by its label" tui_has "訓練: < いいえ >"
check "... the form fits 80x24" fits
tui_keys Escape
check "Esc: cancelled, in Japanese" tui_wait "新しい案件: 取消 (書込なし)"

# A case: its header, tabs, headings, a form and its help.
tui_keys /
tui_wait "絞り込み"
tui_type "IR-2026-0001"
tui_wait "1/1"
tui_keys Enter
tui_wait_gone "絞り込み ("
tui_keys Enter
check "the case header in Japanese (severity and status by their labels)" \
	tui_wait " IR-2026-0001  中  対応中  TLP:AMBER  担当 tanaka  経過 2h00m"
check "... its overdue count" tui_has "期限超過 0"
check "... when it was opened, local, in Japanese order" tui_has "起票 2026年5月8日 10:00 UTC"
check "the tab bar in Japanese, every tab at 80 columns" \
	sh -c "grep -q ' 1 手順 2 期限 3 .* 8 通報 9 判断' \"$T/screen\""
check "the Steps tab's headings" tui_has "状態        期限 担当者     フェーズ    手順"
head=$(tui_line 'フェーズ')
row=$(tui_line '未着手')
check "... a step's state by its label, under its heading" \
	[ "$(tui_col "$head" 状態)" -eq "$(tui_col "$row" 未着手)" ]
check "... the hints in Japanese, the same keys" tui_has " s 開始 d 完了 x 省略 A 割当  Tab/1-9 タブ  ? キー  Esc 戻る"
check "the Steps tab fits 80x24" fits
tui_keys 2
check "tab 2: the timers, their headings in Japanese" tui_wait "内容"
check "... a timer's task in Japanese" tui_has "csirt-lead への通報"
check "... fits" fits
tui_keys 3
check "tab 3: the timeline, its times local in Japanese order" tui_wait "2026年5月8日 10:00"
ev=$(grep '^2026年5月8日 1' "$T/screen" | head -n 1)
check "... shown whole in its column (as wide as a time is in Japanese)" \
	grep -qE '^2026年5月8日 1[0-9]:[0-9]{2} ' "$T/screen"
evh=$(tui_line 出来事)
check "... the events' kind and text under their headings (the time column as wide as a time)" \
	starts_at "$ev" "$(tui_col "$evh" 種別)" && starts_at "$ev" "$(tui_col "$evh" 出来事)"
check "... fits" fits
tui_keys 6
check "tab 6: the assets, their headings in Japanese" tui_wait "感染日時"
a1=$(tui_line 'PC-0427')
a2=$(tui_line '経理部の端末01')
check "... a Japanese host keeps the state column aligned with an ASCII one" \
	[ "$(tui_col "$a1" 感染)" -eq "$(tui_col "$a2" 感染疑い)" ]
check "... under its heading" [ "$(tui_col "$(tui_line 感染日時)" 状態)" -eq "$(tui_col "$a1" 感染)" ]
check "... fits" fits
tui_keys 7
check "tab 7: an empty tab says so in Japanese" tui_wait "証拠はまだありません"
for n in 4 5 8 9; do
	tui_keys $n
	tui_wait_gone "証拠はまだありません" 5 >/dev/null
	tui_screen
	fits || break
done
check "tabs 4, 5, 8 and 9 fit 80x24" fits
tui_keys 1
tui_wait "フェーズ"
tui_keys '?'
check "? on the case lists its keys in Japanese" tui_wait "キー一覧: 案件: 手順"
check "... the step keys' descriptions" tui_has "s              選択した手順を開始"
check "... fits" fits
tui_keys Escape
tui_wait_gone "キー一覧"
tui_keys l
check "l opens the log form in Japanese" tui_wait "出来事の記録: IR-2026-0001"
check "... its labels" tui_has "発生日時:"
check "... its info line" tui_has "空欄なら現在"
check "... fits" fits
tui_type "経理部から第一報を受けた"
tui_keys C-x
check "confirming says so in Japanese" tui_wait "IR-2026-0001: 記録しました"
check "... the note stored as typed" \
	[ "$(sq "SELECT count(*) FROM events WHERE text = '経理部から第一報を受けた'")" -eq 1 ]
tui_keys Escape
tui_wait "重大度"
tui_keys /
tui_wait "絞り込み"
tui_keys Escape
tui_wait "/3"

# Too small a terminal says so in Japanese.
tui_resize 70 20
check "a terminal under 80x24 says so in Japanese" tui_wait "端末が小さすぎます (80x24 以上が必要です)"
tui_resize 80 24
tui_wait "重大度"

tui_keys q
check "q quits" tui_wait_exit
check "... with status 0" [ "${tui_rc:-}" = 0 ]
done_testing
