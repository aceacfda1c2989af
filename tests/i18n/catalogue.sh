#!/bin/sh
# catalogue.sh - po/ja.po is valid, covers every source with messages, and
# translates every message: adding a message without its Japanese fails here.
. "$IRDESK_SRCDIR/tests/cli/lib.sh"

po=$IRDESK_SRCDIR/po
XGETTEXT=${XGETTEXT:-xgettext}
MSGMERGE=${MSGMERGE:-msgmerge}
GMSGFMT=${GMSGFMT:-msgfmt}
MSGATTRIB=${MSGATTRIB:-msgattrib}

# 1. msgfmt --check: formats agree with their msgids, the header is whole.
if "$GMSGFMT" --check -o /dev/null "$po/ja.po" 2>"$T/msgfmt.err"; then
	ok "msgfmt --check po/ja.po"
else
	not_ok "msgfmt --check po/ja.po: $(head -n 5 "$T/msgfmt.err")"
fi

# 2. Every source holding a message is in POTFILES.in (xgettext reads only
#    those), and every file listed there exists.
(cd "$IRDESK_SRCDIR" && grep -l -E '\b_\("|\bN_\("' src/*.c src/*/*.c ui/*.c) |
	sort >"$T/with_messages"
grep -v '^#' "$po/POTFILES.in" | sed '/^$/d' | sort >"$T/listed"
missing=$(comm -23 "$T/with_messages" "$T/listed" | tr '\n' ' ')
check "every source with messages is in po/POTFILES.in${missing:+ (missing: $missing)}" \
	test -z "$missing"
gone=
for f in $(cat "$T/listed"); do
	[ -f "$IRDESK_SRCDIR/$f" ] || gone="$gone $f"
done
check "every file in po/POTFILES.in exists${gone:+ (gone:$gone)}" test -z "$gone"

# 3. The messages of today's sources, merged into ja.po: none untranslated,
#    none fuzzy (a guess msgmerge made that nobody checked).
(cd "$IRDESK_SRCDIR" && "$XGETTEXT" --keyword=_ --keyword=N_ --from-code=UTF-8 \
	--add-comments=TRANSLATORS: --no-location -o "$T/irdesk.pot" \
	$(cat "$T/listed")) 2>"$T/xgettext.err" ||
	not_ok "xgettext: $(head -n 3 "$T/xgettext.err")"
count=$(grep -c '^msgid ' "$T/irdesk.pot" || true)
check "the sources hold messages to translate ($count)" test "$count" -gt 1
"$MSGMERGE" --quiet --no-location --no-fuzzy-matching -o "$T/merged.po" \
	"$po/ja.po" "$T/irdesk.pot" 2>"$T/msgmerge.err" ||
	not_ok "msgmerge: $(head -n 3 "$T/msgmerge.err")"
# msgfmt counts them: "N translated messages, M fuzzy translations, K
# untranslated messages."
"$GMSGFMT" --statistics -o /dev/null "$T/merged.po" 2>"$T/stats" || true
untranslated=$(sed -n 's/.* \([0-9][0-9]*\) untranslated message.*/\1/p' "$T/stats")
fuzzy=$(sed -n 's/.* \([0-9][0-9]*\) fuzzy translation.*/\1/p' "$T/stats")
untranslated=${untranslated:-0}
fuzzy=${fuzzy:-0}
if [ "$untranslated" -eq 0 ]; then
	ok "every message has its Japanese translation ($(cat "$T/stats"))"
else
	not_ok "$untranslated messages have no Japanese translation in po/ja.po:"
	"$MSGATTRIB" --untranslated --no-obsolete --no-wrap "$T/merged.po" |
		grep '^msgid "[^"]' | head -n 40 | sed 's/^/#   /'
fi
check "no fuzzy translation in po/ja.po ($fuzzy)" test "$fuzzy" -eq 0

# 4. The catalogue the build made is the one the program loads.
mo=$IRDESK_LOCALEDIR/ja/LC_MESSAGES/irdesk.mo
check "the build tree's catalogue exists ($mo)" test -s "$mo"
got=$(LC_ALL=ja_JP.UTF-8 LANGUAGE= IRDESK_LOCALEDIR=$IRDESK_LOCALEDIR "$IRDESK" --version)
check "irdesk starts under ja_JP.UTF-8 ($got)" test -n "$got"

done_testing
