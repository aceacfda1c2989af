#!/bin/sh
# report_ja.sh - the after-action report and the exports for an executive
# who reads Japanese: --lang ja whatever the locale (and the locale alone),
# headings and sentences in Japanese, times local in Japanese date order,
# the case's Japanese text intact, the HTML read by a real browser; JSON,
# CSV, STIX and MISP the same bytes whatever the language and the zone;
# title[ja] of playbooks and scenarios, and a language tag irdesk does not
# read refused with its file and line.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

R=2026-12-01T10:00:00Z # the real clock, fixed: the story moves by jumps
PB=$IRDESK_SRCDIR/playbooks
unset LANGUAGE LC_MESSAGES

# An exercise of jps-2015: the executives told 4h31m after the first mails,
# with a note in Japanese; then on to the second wave.
"$IRDESK" --now "$R" exercise start jps-2015 >"$T/x" 2>&1
X=$(cat "$T/x")
"$IRDESK" --now "$R" exercise jump "$X" T+4h31m >/dev/null 2>&1
"$IRDESK" --now "$R" --as tanaka notify "$X" --to executives --channel phone \
	--note "社長に電話で第一報" >/dev/null 2>&1
"$IRDESK" --now "$R" --as suzuki log "$X" "PC-0801 のLANケーブルを抜線" >/dev/null 2>&1
"$IRDESK" --now "$R" exercise jump "$X" T+10d1m >/dev/null 2>&1
"$IRDESK" --now "$R" --as sato decide "$X" full-disconnect --choice partial --paths proxy \
	--rationale "拠点Bのみ先に遮断" >/dev/null 2>&1
check "an exercise to report on ($X)" test "$X" = EX-2015-0001

# ---- the Markdown report -----------------------------------------------------
run --now "$R" report "$X" --lang ja
cp "$T/out" "$T/ja.md"
check "report --lang ja under C.UTF-8: exit 0" status_is 0
check "... the banner and the headings in Japanese, none in English" sh -c "
	grep -q '^> \*\*訓練 — 実際のインシデントではありません\*\*\$' '$T/ja.md' &&
	grep -q '^# 事後検証報告書: 【訓練】$X\$' '$T/ja.md' &&
	grep -q '^## 評価\$' '$T/ja.md' && grep -q '^## 実際のインシデントとの比較\$' '$T/ja.md' &&
	grep -q '^## 通報（時系列）\$' '$T/ja.md' && grep -q '^| [^|a-z]* | 期限内 | 遅延 | 未実施 | 期限前 |\$' '$T/ja.md' &&
	! grep -q -e '^## Score' -e 'After-action' -e 'EXERCISE' '$T/ja.md'"
check "... the scenario's title[ja] in the heading, and not its English title" sh -c "
	grep -q '^シナリオ: \*\*jps-2015\*\* — 日本年金機構への標的型メール攻撃（2015年5月）\$' '$T/ja.md' &&
	! grep -q '^シナリオ: .*pension service' '$T/ja.md'"
check "... the comparison with 2015 as Japanese sentences, durations in Japanese" sh -c "
	grep -qF -- '- 経営層への報告 — 2015年: 「標的型メールの受信と開封」から17日3時間後、今回の訓練: 4時間31分後。' '$T/ja.md' &&
	grep -qF -- '- 送信元アドレスの遮断 — 2015年: 実施されず、今回の訓練: 未実施。' '$T/ja.md' &&
	grep -qF '| 経営層への報告 | 17日3時間 | 4時間31分 | may08-mails |' '$T/ja.md'"
check "... the case's Japanese text intact, roles and channels as labels" sh -c "
	grep -qF '1. 2015年5月8日 04:31 — tanakaから経営層へ通報（電話）: 社長に電話で第一報' '$T/ja.md'"
check "... a decision: its question and choice as labels, its rationale intact" sh -c "
	grep -qF -- '- 2015年5月18日 00:01 **インターネット全面遮断**: 一部を遮断する（判断: sato）— 拠点Bのみ先に遮断。残っている外部経路: [' '$T/ja.md'"
check "... times local (TZ=UTC here) in Japanese date order, no ISO time" sh -c "
	grep -q '^| 2015年5月8日 00:15 | CSIRT責任者 *への通報 | CSIRT責任者 | [^|a-z]* | 未実施 | - |\$' '$T/ja.md' &&
	grep -qF '時刻は現地時刻（UTC）です。' '$T/ja.md' && ! grep -q '2015-05-08T' '$T/ja.md'"
TZ=Asia/Tokyo run --now "$R" report "$X" --lang ja
check "... TZ=Asia/Tokyo: the same times in Japan's time" sh -c "
	grep -qF '1. 2015年5月8日 13:31 — tanakaから経営層へ通報' '$T/out' &&
	grep -q '^| 2015年5月8日 09:15 | CSIRT責任者 *への通報 |' '$T/out' && grep -qF '（JST）' '$T/out'"
LC_ALL=ja_JP.UTF-8 run --now "$R" report "$X"
check "the locale alone (LC_ALL=ja_JP.UTF-8) gives the Japanese report" cmp -s "$T/out" "$T/ja.md"
LC_ALL=ja_JP.UTF-8 run --now "$R" report "$X" --lang en
check "--lang en under ja_JP.UTF-8 gives the English report" sh -c "
	grep -q '^# After-action report: EXERCISE $X\$' '$T/out' && grep -q '^## Score\$' '$T/out' &&
	grep -qF -- '- Executives told — 2015: 17d03h after \"Two mails to public addresses' '$T/out' &&
	grep -qF '; this exercise: 4h31m later.' '$T/out' && ! grep -q -e '事後検証報告書' -e '^## 評価' '$T/out'"
LC_ALL=ja_JP.UTF-8 run --now "$R" report "$X" --lang ja --lang en
check "... the last --lang wins" sh -c "grep -q '^## Score\$' '$T/out'"

run --now "$R" report "$X" --lang xx
check "--lang xx: a usage error (exit 2) naming the languages" sh -c "
	[ $rc -eq 2 ] && grep -q 'unknown language \"xx\" (ja, en)' '$T/err' && [ ! -s '$T/out' ]"
run --now "$R" export "$X" --format md --lang fr
check "... and for export" sh -c "[ $rc -eq 2 ] && grep -q 'unknown language \"fr\"' '$T/err'"

# ---- machine-readable output: the same bytes whatever the language -------------
same_bytes() { # KIND ARGS...: the output under C and --lang ja/en, ja_JP and JST
	kind=$1
	shift
	"$IRDESK" --now "$R" "$@" >"$T/$kind.c" 2>/dev/null || return 1
	LC_ALL=ja_JP.UTF-8 "$IRDESK" --now "$R" "$@" --lang ja >"$T/$kind.ja" 2>/dev/null || return 1
	LC_ALL=ja_JP.UTF-8 TZ=Asia/Tokyo "$IRDESK" --now "$R" "$@" >"$T/$kind.jst" 2>/dev/null || return 1
	LANGUAGE=ja "$IRDESK" --now "$R" "$@" --lang en >"$T/$kind.en" 2>/dev/null || return 1
	[ -s "$T/$kind.c" ] && cmp -s "$T/$kind.c" "$T/$kind.ja" && cmp -s "$T/$kind.c" "$T/$kind.jst" &&
		cmp -s "$T/$kind.c" "$T/$kind.en"
}
check "report --format json: the same bytes under C, ja_JP (--lang ja/en) and TZ=Asia/Tokyo" \
	same_bytes report-json report "$X" --format json
check "... with UTC times and English words" sh -c "
	grep -q '\"as_of\":\"2015-05-18T00:01:00Z\"' '$T/report-json.c' &&
	grep -q '\"what\":\"notify executives\"' '$T/report-json.c' && ! grep -q '経営層' '$T/report-json.c'"
check "export --format json: the same bytes" same_bytes export-json export "$X" --format json
check "export --format csv: the same bytes" same_bytes export-csv export "$X" --format csv
check "export --format stix: the same bytes" same_bytes export-stix export "$X" --format stix --force
check "export --format misp: the same bytes" same_bytes export-misp export "$X" --format misp --force

# ---- the Markdown and HTML exports ------------------------------------------------
TZ=Asia/Tokyo run --now "$R" export "$X" --format md --lang ja
check "export --format md --lang ja: headings and facts in Japanese, local times" sh -c "
	grep -q '^# 【訓練】$X: ' '$T/out' && grep -q '^## タイムライン\$' '$T/out' &&
	grep -q '^## 証拠と保管の記録\$' '$T/out' && grep -q '^## 監査チェーンの先頭\$' '$T/out' &&
	grep -q '^- [^:a-z]*: 対応中\$' '$T/out' && grep -q '^- 重大度: 中\$' '$T/out' &&
	grep -q '^| 日時 | 種別 | 内容 | 記録者 |\$' '$T/out' &&
	grep -q '^| 2015年5月8日 13:31 | note | PC-0801 のLANケーブルを抜線 | suzuki |\$' '$T/out' &&
	! grep -q '^## Timeline' '$T/out'"
run --now "$R" export "$X" --format md
check "export --format md: English by default" sh -c "
	grep -q '^## Timeline\$' '$T/out' && grep -q '^- Status: open\$' '$T/out'"
TZ=Asia/Tokyo run --now "$R" export "$X" --format html --lang ja --output "$T/export.html"
check "export --format html --lang ja: one page, <html lang=\"ja\">, no script" sh -c "
	[ $rc -eq 0 ] && grep -q '<html lang=\"ja\">' '$T/export.html' &&
	grep -q '<h2>タイムライン</h2>' '$T/export.html' &&
	grep -qF '<td>2015年5月8日 13:31</td><td>note</td><td>PC-0801 のLANケーブルを抜線</td>' '$T/export.html' &&
	! grep -qi '<script' '$T/export.html'"
run --now "$R" export "$X" --format html
check "... and <html lang=\"en\"> in English" sh -c "grep -q '<html lang=\"en\">' '$T/out' && grep -q '<h2>Timeline</h2>' '$T/out'"

# ---- the HTML report in a browser --------------------------------------------------
TZ=Asia/Tokyo run --now "$R" report "$X" --format html --lang ja --output "$T/report.html"
check "report --format html --lang ja: <html lang=\"ja\"> and Japanese headings" sh -c "
	[ $rc -eq 0 ] && grep -q '<html lang=\"ja\">' '$T/report.html' &&
	grep -q '<h2>評価</h2>' '$T/report.html' && ! grep -q 'After-action' '$T/report.html'"
if command -v chromium >/dev/null 2>&1; then
	HOME="$T/home" timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--user-data-dir="$T/chrome" --dump-dom "file://$T/report.html" >"$T/dom.html" 2>"$T/chrome.log"
	check "chromium reads the Japanese report: title, headings, the comparison, the times" sh -c "
		grep -q '<title>事後検証報告書: 【訓練】$X</title>' '$T/dom.html' &&
		grep -q '<h1>事後検証報告書: 【訓練】$X</h1>' '$T/dom.html' &&
		grep -qF '経営層への報告 — 2015年: 「標的型メールの受信と開封」から17日3時間後、今回の訓練: 4時間31分後。' '$T/dom.html' &&
		grep -qF '社長に電話で第一報' '$T/dom.html' && grep -qF '2015年5月8日 13:31' '$T/dom.html' &&
		grep -qF '当時（実際のインシデント）◆ と今回の訓練 ●' '$T/dom.html'"
	HOME="$T/home" timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--user-data-dir="$T/chrome" --dump-dom "file://$T/export.html" >"$T/dom2.html" 2>>"$T/chrome.log"
	check "... and the Japanese export" sh -c "
		grep -q '<html lang=\"ja\">' '$T/dom2.html' && grep -qF '証拠と保管の記録' '$T/dom2.html'"
else
	skip "chromium reads the Japanese report" "chromium is not installed"
	skip "... and the Japanese export" "chromium is not installed"
fi

# ---- title[ja] of playbooks and scenarios -------------------------------------------
IRDESK_PLAYBOOK_PATH=$PB
export IRDESK_PLAYBOOK_PATH
run playbook list
check "playbook list under C: the English titles" sh -c "
	grep -q '^ransomware	.*/ransomware.playbook	Ransomware (ランサムウェア)\$' '$T/out'"
LC_ALL=ja_JP.UTF-8 run playbook list
check "... under ja_JP.UTF-8: title[ja]" sh -c "
	grep -q '^ransomware	.*/ransomware.playbook	ランサムウェア\$' '$T/out' &&
	grep -q '^targeted-email	.*	標的型メール攻撃\$' '$T/out'"
LC_ALL=ja_JP.UTF-8 run playbook show lost-device
check "playbook show under ja_JP.UTF-8: title[ja] and description[ja]" sh -c "
	grep -q '^[^a-z]* lost-device .*: 端末・媒体の紛失・盗難\$' '$T/out' &&
	grep -q '^  ノートPC、スマートフォン' '$T/out'"
run playbook show lost-device
check "... under C: the English ones" sh -c "
	grep -q '^playbook lost-device (version 1): Lost or stolen device (端末・媒体の紛失・盗難)\$' '$T/out' &&
	grep -q '^  A laptop, phone' '$T/out' && ! grep -q 'ノートPC' '$T/out'"
LANGUAGE=ja run scenario list
check "scenario list with LANGUAGE=ja: title[ja]" sh -c "
	grep -q '^jps-2015	.*	日本年金機構への標的型メール攻撃（2015年5月）\$' '$T/out'"
LC_ALL=ja_JP.UTF-8 run scenario show ransomware-night
check "scenario show under ja_JP.UTF-8: title, description and inject titles in Japanese" sh -c "
	grep -q '^[^a-z]* ransomware-night: 土曜深夜のファイルサーバ ランサムウェア感染\$' '$T/out' &&
	grep -q '^  02:10、監視センターから電話' '$T/out' && grep -q '1. T+0 call: 監視センターからの電話\$' '$T/out' &&
	grep -q '  isolate: [^:]*: ファイルサーバの隔離\$' '$T/out'"
run scenario show ransomware-night
check "... under C: the English ones" sh -c "
	grep -q '^scenario ransomware-night: Ransomware on the file server, Saturday night\$' '$T/out' &&
	grep -q '1. T+0 call: The monitoring service calls (監視センターからの電話)\$' '$T/out'"

LC_ALL=ja_JP.UTF-8 run --now "$R" exercise status "$X"
check "exercise status under ja_JP.UTF-8: the injects by their title[ja]" sh -c "
	grep -q ' may08-mails: 標的型メールの受信と開封\$' '$T/out' && ! grep -q 'Two mails' '$T/out'"
run --now "$R" exercise status "$X"
check "... under C: by their English titles" \
	grep -q ' may08-mails: Two mails to public addresses; one staff member clicks' "$T/out"

printf '[playbook]\nname = bad\ntitle = Bad\ntitle[fr] = Mauvais\n\n[step x]\ntitle = X\ntrigger = case-opened\nper = case\n' >"$T/bad.playbook"
run playbook check "$T/bad.playbook"
check "a playbook with title[fr]: refused, with its file and line" sh -c "
	[ $rc -eq 1 ] && grep -q '^irdesk: .*/bad.playbook:4: unknown language tag \"fr\" in \"title\[fr\]\"' '$T/err'"
sed 's/^description\[ja\] = /description[en-GB] = /' "$PB/scenarios/ransomware-night.scenario" >"$T/bad.scenario"
n=$(grep -n '^description\[en-GB\]' "$T/bad.scenario" | cut -d: -f1)
run scenario check "$T/bad.scenario"
check "a scenario with description[en-GB]: refused, with its file and line ($n)" sh -c "
	[ $rc -eq 1 ] && grep -q '^irdesk: .*/bad.scenario:$n: unknown language tag \"en-GB\"' '$T/err'"
LC_ALL=ja_JP.UTF-8 run playbook check "$T/bad.playbook"
check "... the message in Japanese under ja_JP.UTF-8" sh -c "
	[ $rc -eq 1 ] && grep -q 'bad.playbook:4: 言語タグ「fr」は使えません' '$T/err'"

done_testing
