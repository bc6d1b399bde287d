#!/bin/sh
# One language per screen, in English: under LANG=C, LANGUAGE unset, text
# for people has no Vietnamese word of the program's own: every word with
# a letter outside ASCII comes from the user's data (names, addresses,
# procedures and holidays of the register, what the session typed).
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/lang-session.sh"

unset LANGUAGE LC_ALL
LANG=C
export LANG
lang_session

# words TEXT-FILES...: the words with a letter outside ASCII, one a line
words() {
	cat "$@" | tr -s ' \t,.:;()"/=+|-' '\n\n\n\n\n\n\n\n\n\n\n\n\n\n' |
		grep '[^ -~]' | sort -u
}

# The user's data: the catalogue and holidays as a script reads them, the
# imported register, the settings and what the session typed.
"$MOTCUA" procedure list --format csv >"$TMP/user-data" </dev/null
"$MOTCUA" holiday list --year 2026 --format csv >>"$TMP/user-data" </dev/null
"$MOTCUA" config list --format json >>"$TMP/user-data" </dev/null
cat "$FIXTURES/registers/births-roundtrip.csv" "$FIXTURES/registers/births-bad.csv" \
	"$TESTS_DIR/lang-session.sh" >>"$TMP/user-data"
# ... and the values a sex column takes, which English names as typed.
echo "Nam Nữ" >>"$TMP/user-data"
words "$TMP/user-data" >"$TMP/data-words"

human_text >"$TMP/text"
words "$TMP/text" >"$TMP/text-words"
comm -23 "$TMP/text-words" "$TMP/data-words" >"$TMP/own"
if [ -s "$TMP/own" ]; then
	not_ok "Vietnamese words of the program under LANG=C"
	sed 's/^/#   /' "$TMP/own" | head -20
	grep -n -F -f "$TMP/own" "$TMP/text" | sed 's/^/#   /' | head -10
else
	ok "under C, every non-ASCII word of $(grep -c '^### exit' "$TMP/human") commands is the user's"
fi

# The same check finds the program's Vietnamese: the session under vi.
(
	LANGUAGE=vi
	export LANGUAGE
	mkdir -p "$TMP/vi"
	MOTCUA_DB="$TMP/vi/motcua.db"
	TMP=$TMP/vi
	lang_session
	human_text >"$TMP/text"
	words "$TMP/text" | comm -23 - "$TMP/../data-words" >"$TMP/own"
	n=$(wc -l <"$TMP/own")
	if [ "$n" -gt 30 ]; then ok "the same session in Vietnamese has $n words of its own: the check can fail"
	else not_ok "only $n Vietnamese words of the program's own under vi"; fi
)

# English labels and ISO dates, exactly.
expect_grep "the status heading is English under C" \
	"000.00.22.H12-260429-0001  Received" "$TMP/human"
expect_grep "a rejected dossier's heading" \
	"000.00.22.H12-260429-0003  Rejected at receipt" "$TMP/human"
expect_grep "a list keeps the status codes and ISO dates" \
	"000.00.22.H12-260429-0001  supplement 2026-04-29 09:00  2026-04-29 17:00   Nguyễn Văn An" "$TMP/human"
expect_grep "weekdays in English" "2026-04-27 Mon  makeup   Nghỉ bù Giỗ Tổ Hùng Vương" "$TMP/human"
expect_grep "amounts as before" "2.000635      0     8000  Cấp bản sao trích lục hộ tịch" "$TMP/human"
expect_grep "an extract's fee as before" \
	"1/2026/TLKS-BS: 1 copy, fee 8000 VND, written to $TMP/extract.pdf" "$TMP/human"
expect_grep "a missing file in the C library's words" \
	"motcua: $TMP/none.csv: No such file or directory" "$TMP/human"
