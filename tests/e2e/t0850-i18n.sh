#!/bin/sh
# Messages in Vietnamese: LANGUAGE=vi, or a vi_VN locale even when it was
# never generated; English otherwise; the receipt slip is Vietnamese in
# every case; and po/vi.po translates every message of the current sources.
. "$(dirname "$0")/../lib.sh"

# Each language setting runs in a subshell: lib.sh's C.UTF-8 stays for the rest.
in_language_vi() { LANGUAGE=vi; export LANGUAGE; }
in_locale_vi() {
	unset LC_ALL LC_MESSAGES LC_CTYPE LANGUAGE
	LANG=vi_VN.UTF-8; export LANG
}

# expect_no_err DESC: the last command wrote nothing on stderr
expect_no_err() {
	if [ ! -s "$TMP/err" ]; then ok "$1"
	else
		not_ok "$1"
		sed 's/^/#   err: /' "$TMP/err" | head -5
	fi
}

# expect_same DESC WANT-FILE GOT-FILE
expect_same() {
	if cmp -s "$2" "$3"; then ok "$1"
	else
		not_ok "$1"
		diff -u "$2" "$3" | sed 's/^/#   /' | head -20
	fi
}

# ---- before init: an unknown command and a missing database ----

(
	in_language_vi
	expect_code 2 "LANGUAGE=vi: an unknown command" frobnicate
	expect_err "LANGUAGE=vi: says so in Vietnamese" \
"motcua: không có lệnh \"frobnicate\"; xem 'motcua --help'"
	expect_code 66 "LANGUAGE=vi: no database" procedure list
	expect_err "LANGUAGE=vi: names the file and the fix in Vietnamese" \
"motcua: $MOTCUA_DB: chưa có cơ sở dữ liệu; hãy chạy 'motcua init' trước (hoặc dùng --db)"
)
(
	in_locale_vi
	expect_code 2 "LANG=vi_VN.UTF-8: an unknown command" frobnicate
	expect_err "LANG=vi_VN.UTF-8 (locale not generated): still Vietnamese" \
"motcua: không có lệnh \"frobnicate\"; xem 'motcua --help'"
	expect_code 66 "LANG=vi_VN.UTF-8: no database" procedure list
	expect_err "LANG=vi_VN.UTF-8: the missing database in Vietnamese" \
"motcua: $MOTCUA_DB: chưa có cơ sở dữ liệu; hãy chạy 'motcua init' trước (hoặc dùng --db)"
)
expect_code 2 "C.UTF-8: an unknown command" frobnicate
expect_err "C.UTF-8 without LANGUAGE: English" \
"motcua: unknown command \"frobnicate\"; see 'motcua --help'"
expect_code 66 "C.UTF-8: no database" procedure list
expect_err "C.UTF-8: the missing database in English" \
"motcua: $MOTCUA_DB: no database here; run 'motcua init' first (or give --db)"

# ---- with an office: a bad phone number, a refused move, a usage error ----

init_office
code=$("$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn A" </dev/null)
"$MOTCUA" dossier update "$code" --status processing >/dev/null 2>&1 </dev/null

(
	in_language_vi
	expect_code 65 "LANGUAGE=vi: a bad phone number" \
		dossier new --procedure 2.000635 --applicant "B" --phone 0123456789
	expect_err "LANGUAGE=vi: the phone number's rule in Vietnamese" \
"motcua: --phone: \"0123456789\" không phải là số điện thoại Việt Nam (di động 0[35789]xxxxxxxx hoặc cố định 02xxxxxxxxx)"
	expect_code 65 "LANGUAGE=vi: a refused status move" dossier update "$code" --status received
	expect_err "LANGUAGE=vi: names the allowed moves in Vietnamese" \
"motcua: --status: hồ sơ $code không thể chuyển từ đang xử lý sang tiếp nhận (được phép: bổ sung (supplement), chờ nộp phí (payment), có kết quả (done), đã rút (withdrawn), dừng xử lý (stopped))"
	expect_code 2 "LANGUAGE=vi: an unknown option" config list --frob
	expect_err "LANGUAGE=vi: the usage line in Vietnamese" "motcua: không có tùy chọn --frob
cách dùng: motcua config list"
)
(
	in_locale_vi
	expect_code 65 "LANG=vi_VN.UTF-8: a bad phone number" \
		dossier new --procedure 2.000635 --applicant "B" --phone 0123456789
	expect_err "LANG=vi_VN.UTF-8: the phone number's rule in Vietnamese" \
"motcua: --phone: \"0123456789\" không phải là số điện thoại Việt Nam (di động 0[35789]xxxxxxxx hoặc cố định 02xxxxxxxxx)"
	expect_code 65 "LANG=vi_VN.UTF-8: a refused status move" dossier update "$code" --status received
	expect_err "LANG=vi_VN.UTF-8: names the allowed moves in Vietnamese" \
"motcua: --status: hồ sơ $code không thể chuyển từ đang xử lý sang tiếp nhận (được phép: bổ sung (supplement), chờ nộp phí (payment), có kết quả (done), đã rút (withdrawn), dừng xử lý (stopped))"
)
expect_code 65 "C.UTF-8: a bad phone number" \
	dossier new --procedure 2.000635 --applicant "B" --phone 0123456789
expect_err "C.UTF-8: the phone number's rule in English" \
"motcua: phone: \"0123456789\" is not a Vietnamese phone number (mobile 0[35789]xxxxxxxx or landline 02xxxxxxxxx)"
expect_code 65 "C.UTF-8: a refused status move" dossier update "$code" --status received
expect_err "C.UTF-8: names the allowed moves in English" \
"motcua: status: dossier $code cannot move from processing to received (allowed: supplement, payment, done, withdrawn, stopped)"

# ---- motcua --help ----

mc --help
cp "$TMP/out" "$TMP/help.en"
(
	in_language_vi
	expect_code 0 "LANGUAGE=vi: --help" --help
	expect_no_err "LANGUAGE=vi: --help writes nothing on stderr"
	expect_eq "--help: the usage line and the summary in Vietnamese" \
"cách dùng: motcua [--db PATH] [--clerk NAME] [--format FORMAT] [-q] COMMAND ...

Sổ theo dõi của Bộ phận một cửa: hồ sơ, giấy tiếp nhận, sổ sách." "$(head -3 "$TMP/out")"
	expect_grep "--help: dossier new in Vietnamese" \
		"  dossier new          tiếp nhận hồ sơ và in giấy tiếp nhận, hẹn trả" "$TMP/out"
	expect_eq "--help: the closing line in Vietnamese" \
		"Xem 'motcua COMMAND --help' và 'motcua help COMMAND'." "$(tail -1 "$TMP/out")"
	# Line by line against the English help: the same commands, every
	# summary translated.
	untranslated=$(paste -d '\t' "$TMP/help.en" "$TMP/out" | awk -F '\t' '
		/^  / { if (substr($1, 1, 23) != substr($2, 1, 23) || $1 == $2) { print; n++ } }
		END { exit (n > 0) }') && same=yes || same=no
	expect_eq "--help: every command's summary is translated" "yes" \
		"$(test "$(wc -l <"$TMP/help.en")" -eq "$(wc -l <"$TMP/out")" && echo $same)"
	[ -z "$untranslated" ] || printf '#   %s\n' "$untranslated" | head -10
)
(
	in_locale_vi
	mc --help
	expect_eq "LANG=vi_VN.UTF-8: --help in Vietnamese too" \
		"Xem 'motcua COMMAND --help' và 'motcua help COMMAND'." "$(tail -1 "$TMP/out")"
)

# ---- the receipt slip does not follow the language ----

# The code, the PIN, the QR code and the line in the tracking book differ
# from one dossier to the next.
# (grep reads UTF-8 here whatever locale the subshell asked motcua for.)
slip_of() {  # FILE: the last slip without its code, PIN, QR code and line
	c=$(grep -o '000\.00\.22\.H12-[0-9]*-[0-9]*' "$TMP/out" | head -1)
	p=$(sqlite3 "$MOTCUA_DB" "select pin from dossiers where code = '$c'")
	LC_ALL=C.UTF-8 grep -v '[▀▄█]' "$TMP/out" |
		sed -e "s/$c/CODE/" -e "s/$p/PIN/" -e 's/Số thứ tự [0-9]*/Số thứ tự N/' >"$1"
}
new_slip() {
	mc dossier new --procedure 2.000635 --applicant "Trần Thị Bích Ngọc" \
		--phone 0912345678 --id-number 079190001234 --sets 2
}
new_slip
slip_of "$TMP/slip.en"
expect_grep "the slip is in Vietnamese under C.UTF-8" \
	"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" "$TMP/slip.en"
(
	in_language_vi
	new_slip
	slip_of "$TMP/slip.vi"
	expect_same "LANGUAGE=vi: the same slip" "$TMP/slip.en" "$TMP/slip.vi"
)
(
	in_locale_vi
	new_slip
	slip_of "$TMP/slip.vi_VN"
	expect_same "LANG=vi_VN.UTF-8: the same slip" "$TMP/slip.en" "$TMP/slip.vi_VN"
)

# ---- po/vi.po translates every message of the current sources ----

if make -s -C "$TOP" pot POT="$TMP/fresh.pot" >/dev/null 2>"$TMP/xgettext.err"; then
	ok "xgettext extracts the current messages"
else
	not_ok "xgettext extracts the current messages"
	sed 's/^/#   /' "$TMP/xgettext.err" | head -5
fi
if msgmerge --quiet -o "$TMP/merged.po" "$TOP/po/vi.po" "$TMP/fresh.pot" 2>"$TMP/msgmerge.err"; then
	ok "po/vi.po merges with the fresh template"
else
	not_ok "po/vi.po merges with the fresh template"
	sed 's/^/#   /' "$TMP/msgmerge.err" | head -5
fi
stats=$(msgfmt --check --statistics -o /dev/null "$TMP/merged.po" 2>&1) && checked=yes || checked=no
expect_eq "the merged catalogue passes msgfmt --check" "yes" "$checked"
echo "# msgfmt --statistics: $stats"
case $stats in
*untranslated*) not_ok "po/vi.po has no untranslated message"
	msgattrib --untranslated "$TMP/merged.po" | grep '^msgid' | grep -v '^msgid ""$' | sed 's/^/#   /' | head -10 ;;
*" translated message"*) ok "po/vi.po has no untranslated message" ;;
*) not_ok "po/vi.po has no untranslated message: msgfmt said \"$stats\"" ;;
esac
case $stats in
*fuzzy*) not_ok "po/vi.po has no fuzzy message"
	msgattrib --only-fuzzy "$TMP/merged.po" | grep '^msgid' | grep -v '^msgid ""$' | sed 's/^/#   /' | head -10 ;;
*" translated message"*) ok "po/vi.po has no fuzzy message" ;;
*) not_ok "po/vi.po has no fuzzy message: msgfmt said \"$stats\"" ;;
esac
