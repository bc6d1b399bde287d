#!/bin/sh
# Documents on paper: the receipt slip as PDF and PNG (dossier new --slip,
# dossier form CODE 01), the supplement request, the rejection and the
# apology made from the history (forms 02-04), read back with pdftotext,
# pdffonts, pdfinfo and zbarimg; --print through a fake lp that records
# what it is given.
. "$(dirname "$0")/../lib.sh"
init_office
"$MOTCUA" config set superior_name "UBND thành phố Thuận An" >/dev/null

scan() { zbarimg --raw -q "$1" 2>/dev/null; }
text_of() { pdftotext "$1" - | tr '\n' ' ' | tr -s ' '; }
export MOTCUA_NOW=2026-04-29T10:15:00+07:00

expect_code 0 "dossier new --slip pdf -o FILE" dossier new --procedure 2.000635 \
	--applicant "Trần Thị Bích Ngọc" --phone 0912345678 --id-number 079190001234 \
	--address "12 đường Lê Lợi, khu phố 3, phường Vĩnh Phú" \
	--doc "Tờ khai cấp bản sao trích lục hộ tịch" --doc "Bản sao Căn cước công dân" \
	--slip pdf -o "$TMP/slip.pdf"
expect_empty "prints nothing on stdout"
code=000.00.22.H12-260429-0001
pin=$(sqlite3 "$MOTCUA_DB" "select pin from dossiers where code = '$code'")
url="https://dichvucong.binhduong.gov.vn/tra-cuu?ma=$code&pin=$pin"
text_of "$TMP/slip.pdf" >"$TMP/slip.txt"
expect_grep "the title" "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" "$TMP/slip.txt"
expect_grep "the code" "Mã hồ sơ: $code" "$TMP/slip.txt"
expect_grep "the applicant, with her diacritics" "Tiếp nhận hồ sơ của: Trần Thị Bích Ngọc" "$TMP/slip.txt"
expect_grep "the superior" "UBND THÀNH PHỐ THUẬN AN" "$TMP/slip.txt"
expect_grep "the unit" "UBND PHƯỜNG VĨNH PHÚ" "$TMP/slip.txt"
expect_grep "and its department" "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" "$TMP/slip.txt"
expect_grep "the national motto" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$TMP/slip.txt"
expect_grep "and its second line" "Độc lập - Tự do - Hạnh phúc" "$TMP/slip.txt"
expect_grep "place and date" "Vĩnh Phú, ngày 29 tháng 04 năm 2026" "$TMP/slip.txt"
expect_grep "the time received" "10 giờ 15 phút, ngày 29 tháng 04 năm 2026" "$TMP/slip.txt"
expect_grep "the due time" "10 giờ 15 phút, ngày 06 tháng 05 năm 2026" "$TMP/slip.txt"
expect_grep "the papers" "Bản sao Căn cước công dân" "$TMP/slip.txt"
expect_grep "the PIN" "Mã tra cứu (PIN): $pin" "$TMP/slip.txt"
expect_grep "the applicant signs" "NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên)" "$TMP/slip.txt"
expect_grep "and the clerk" "NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên)" "$TMP/slip.txt"
expect_eq "pdffonts: every font embedded" "yes" \
	"$(pdffonts "$TMP/slip.pdf" | awk 'NR > 2 { print $(NF - 4) }' | sort -u)"
expect_eq "pdfinfo: an A5 page" "Page size:       419.528 x 595.276 pts" \
	"$(pdfinfo "$TMP/slip.pdf" | grep '^Page size')"
pdftoppm -r 150 -png "$TMP/slip.pdf" "$TMP/slip"
expect_eq "pdftoppm -r 150, zbarimg: the lookup URL" "$url" "$(scan "$TMP/slip-1.png")"

expect_code 0 "-o FILE.png without --slip: a PNG" dossier new --procedure 2.000635 \
	--applicant "Lê Văn Cường" -o "$TMP/slip2.png"
expect_eq "at 150 dpi" "875x1241 depth=8 type=rgb" \
	"$("$HELPERS/pnginfo" "$TMP/slip2.png" | cut -d' ' -f1-3)"
pin2=$(sqlite3 "$MOTCUA_DB" "select pin from dossiers where seq = 2")
expect_eq "whose code scans" "https://dichvucong.binhduong.gov.vn/tra-cuu?ma=000.00.22.H12-260429-0002&pin=$pin2" \
	"$(scan "$TMP/slip2.png")"
expect_code 0 "-q --slip pdf -o FILE" -q dossier new --procedure 2.000635 --applicant "Phạm D" \
	--slip pdf -o "$TMP/slip3.pdf"
expect_out "prints the code only" "000.00.22.H12-260429-0003"
expect_eq "and writes the slip" "yes" "$(text_of "$TMP/slip3.pdf" | grep -q 'Phạm D' && echo yes)"
expect_code 0 "--format json -o FILE.pdf" dossier new --procedure 2.000635 --applicant "Võ E" \
	--format json -o "$TMP/slip4.pdf"
expect_eq "JSON on stdout, the slip in the file" "000.00.22.H12-260429-0004 %PDF-" \
	"$(jq -r .code "$TMP/out") $(head -c 5 "$TMP/slip4.pdf")"
script -qec "'$MOTCUA' dossier new --procedure 2.000635 --applicant X --slip pdf" /dev/null \
	>"$TMP/tty" 2>&1 </dev/null
expect_eq "a PDF is not written to a terminal (exit 2)" "2" "$?"
expect_grep "saying so" "will not write a PDF or PNG to a terminal" "$TMP/tty"
before=$(db_snapshot)
expect_code 2 "--print with --slip png" dossier new --procedure 2.000635 --applicant Y \
	--slip png --print
expect_err "is a usage error" "motcua: --print sends a PDF: give --slip pdf or no --slip
usage: motcua dossier new --procedure CODE --applicant NAME [--id-number N] [--phone P] [--email E] [--address A] [--channel counter|online|post] [--from-message ID] [--delivery counter|post] [--doc TEXT]... [--sets N] [--note TEXT] [--received-at \"YYYY-MM-DD HH:MM\"] [--slip text|pdf|png|none] [-o FILE] [--print[=PRINTER]]"
expect_code 2 "--print PRINTER: the printer goes after '='" dossier form "$code" 01 --print HP
expect_eq "refused options record nothing" "$before" "$(db_snapshot)"

# Same dossier, same clock: the same bytes (fonts subset and dated alike).
"$MOTCUA" dossier form "$code" 01 -o "$TMP/again1.pdf"
"$MOTCUA" dossier form "$code" 01 -o "$TMP/again2.pdf"
expect_eq "a PDF is reproducible" "yes" "$(cmp -s "$TMP/again1.pdf" "$TMP/again2.pdf" && echo yes)"

# ---- dossier form ----
expect_code 0 "dossier form CODE 01 as text" dossier form "$code" 01
expect_grep "the slip again" "Mã hồ sơ: $code" "$TMP/out"
expect_grep "marked as a reprint, with its date" "(BẢN IN LẠI ngày 29/04/2026)" "$TMP/out"
expect_eq "which the slip of dossier new is not" "" "$(grep -F "BẢN IN LẠI" "$TMP/slip.txt")"
expect_code 1 "form 02 before any request for a supplement" dossier form "$code" 02
expect_err "says why" "motcua: dossier $code: no form 02, its history has no request for a supplement"
expect_code 1 "form 05 of a dossier not stopped" dossier form "$code" 05
expect_err "says why" "motcua: dossier $code: no form 05, its history has no stop of its handling"
expect_code 2 "form 06" dossier form "$code" 06
expect_err "names the forms" "motcua: \"06\" is not a form: 01 (receipt slip), 02 (supplement request), 03 (rejection), 04 (apology and new date) or 05 (handling stopped)
usage: motcua dossier form CODE 01|02|03|04|05 [--slip text|pdf|png] [-o FILE] [--print[=PRINTER]]"
expect_code 1 "an unknown dossier" dossier form 000.00.22.H12-260429-0099 02
expect_code 2 "--slip none is not for forms" dossier form "$code" 01 --slip none

export MOTCUA_NOW=2026-04-30T14:00:00+07:00
"$MOTCUA" dossier update "$code" --status supplement \
	--reason "Bổ sung bản sao Giấy khai sinh có chứng thực; Tờ khai chưa có chữ ký" >/dev/null
expect_code 0 "form 02 after the request" dossier form "$code" 2 -o "$TMP/02.pdf"
text_of "$TMP/02.pdf" >"$TMP/02.txt"
expect_grep "its title" "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" "$TMP/02.txt"
expect_grep "dated the day of the request" "Vĩnh Phú, ngày 30 tháng 04 năm 2026" "$TMP/02.txt"
expect_grep "what to supplement, item by item" "1 Bổ sung bản sao Giấy khai sinh có chứng thực 2 Tờ khai chưa có chữ ký" "$TMP/02.txt"
expect_grep "the clerk who asked" "NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên)" "$TMP/02.txt"
expect_eq "an A4 page" "Page size:       595.276 x 841.89 pts (A4)" "$(pdfinfo "$TMP/02.pdf" | grep '^Page size')"
# pango sorts fallback fonts in a thread that may outlive the drawing:
# the clean-up at exit must wait for it, or cairo aborts now and then
# (one run in twenty to one in a hundred before it did): a hundred runs
# caught it in most runs of this test.
aborts=0
for i in $(seq 100); do
	"$MOTCUA" dossier form "$code" 02 -o "$TMP/again.pdf" 2>>"$TMP/again.err" || aborts=$((aborts + 1))
done
expect_eq "a hundred drawings in a row, none aborted" "0" "$aborts"
expect_eq "and nothing said" "" "$(cat "$TMP/again.err")"
pdftoppm -r 150 -png "$TMP/02.pdf" "$TMP/02"
expect_eq "its QR code is the lookup URL too" "$url" "$(scan "$TMP/02-1.png")"
expect_code 0 "form 02 as text" dossier form "$code" 02 --slip text
expect_grep "lists the items" "   2) Tờ khai chưa có chữ ký" "$TMP/out"

c2=000.00.22.H12-260429-0002
"$MOTCUA" dossier update "$c2" --status rejected --reason "Hồ sơ không thuộc thẩm quyền giải quyết" >/dev/null
expect_code 0 "form 03 after a rejection" dossier form "$c2" 03 --slip png -o "$TMP/03.png"
expect_eq "a PNG whose code scans" \
	"https://dichvucong.binhduong.gov.vn/tra-cuu?ma=$c2&pin=$pin2" "$(scan "$TMP/03.png")"
"$MOTCUA" dossier form "$c2" 03 -o "$TMP/03.pdf"
text_of "$TMP/03.pdf" >"$TMP/03.txt"
expect_grep "its title" "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" "$TMP/03.txt"
expect_grep "the reason" "Hồ sơ không thuộc thẩm quyền giải quyết." "$TMP/03.txt"
expect_grep "the citizen" "Lê Văn Cường" "$TMP/03.txt"

c3=000.00.22.H12-260429-0003
"$MOTCUA" dossier update "$c3" --due "2026-05-08 16:00" --reason "Cần xác minh thông tin" >/dev/null
expect_code 0 "form 04 after a new due time" dossier form "$c3" 04 -o "$TMP/04.pdf"
text_of "$TMP/04.pdf" >"$TMP/04.txt"
expect_grep "its title" "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" "$TMP/04.txt"
expect_grep "to the citizen" "Kính gửi: Ông/Bà Phạm D" "$TMP/04.txt"
expect_grep "the time promised on the slip, quoted" \
	"hẹn trả kết quả vào 10 giờ 15 phút, ngày 06 tháng 05 năm 2026." "$TMP/04.txt"
expect_grep "the reason" "Lý do: Cần xác minh thông tin." "$TMP/04.txt"
expect_grep "the new date, a field of its own (bold)" \
	"Thời gian hẹn trả kết quả mới: 16 giờ 00 phút, ngày 08 tháng 05 năm 2026" "$TMP/04.txt"
expect_grep "signed by the head of the unit" "THỦ TRƯỞNG CƠ QUAN" "$TMP/04.txt"
expect_eq "pdffonts: embedded" "yes" "$(pdffonts "$TMP/04.pdf" | awk 'NR > 2 { print $(NF - 4) }' | sort -u)"

# ---- --print: the PDF handed to lp ----
mkdir -p "$TMP/bin" "$TMP/empty"
cat >"$TMP/bin/lp" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$LP_LOG.args"
cat >"$LP_LOG.in"
[ "$1" = -s ] || echo "request id is fake-1 (1 file(s))"
exit "${LP_EXIT:-0}"
EOF
chmod +x "$TMP/bin/lp"
lp_run() {  # ARGS...: motcua with the fake lp first in PATH
	PATH="$TMP/bin:$PATH" LP_LOG="$TMP/lp" "$MOTCUA" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
}
rm -f "$TMP/lp.args" "$TMP/lp.in"
lp_run dossier form "$code" 02 --print
expect_eq "dossier form --print (exit 0)" "0" "$rc"
expect_eq "runs lp -t TITLE" "-t
Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ $code" "$(cat "$TMP/lp.args")"
expect_eq "with a PDF on its input" "%PDF-" "$(head -c 5 "$TMP/lp.in")"
expect_eq "form 02 itself" "yes" \
	"$(pdftotext "$TMP/lp.in" - | grep -q 'PHIẾU YÊU CẦU BỔ SUNG' && echo yes)"
expect_out "lp's own answer shows" "request id is fake-1 (1 file(s))"
lp_run dossier form "$code" 01 --print=HP-LaserJet -o "$TMP/kept.pdf"
expect_eq "--print=PRINTER is lp -d PRINTER" "-d HP-LaserJet -t" \
	"$(head -3 "$TMP/lp.args" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "and -o keeps the same PDF" "yes" "$(cmp -s "$TMP/lp.in" "$TMP/kept.pdf" && echo yes)"
lp_run -q dossier new --procedure 2.000635 --applicant "Nguyễn Thị Giang" --print
expect_eq "dossier new -q --print: lp -s" "-s" "$(head -1 "$TMP/lp.args")"
expect_out "and the new code" "000.00.22.H12-260430-0001"
expect_eq "the slip is what lp got" "yes" \
	"$(pdftotext "$TMP/lp.in" - | grep -q 'Nguyễn Thị Giang' && echo yes)"
lp_run dossier new --procedure 2.000635 --applicant "Đặng H" --print
expect_eq "dossier new --print shows the code" "000.00.22.H12-260430-0002
request id is fake-1 (1 file(s))" "$(cat "$TMP/out")"
LP_EXIT=1 lp_run dossier form "$code" 01 --print
expect_eq "lp failing is exit 74" "74" "$rc"
expect_err "saying nothing was printed" "motcua: lp failed (exit 1); nothing was printed"
PATH="$TMP/empty" "$MOTCUA" dossier form "$code" 01 --print >"$TMP/out" 2>"$TMP/err"
expect_eq "no lp at all is exit 74" "74" "$?"
expect_grep "with the fix" "cannot run lp" "$TMP/err"

# ---- write errors ----
expect_code 73 "an -o FILE that cannot be created" dossier form "$code" 01 -o "$TMP/no/dir/x.pdf"
if [ -w /dev/full ]; then
	"$MOTCUA" dossier form "$code" 01 --slip pdf -o /dev/full 2>"$TMP/err"
	expect_eq "a full disk while writing the PDF is exit 74" "74" "$?"
	expect_err "naming the file" "motcua: /dev/full: cannot write the document: No space left on device"
	"$MOTCUA" dossier form "$code" 01 --slip png >/dev/full 2>"$TMP/err"
	expect_eq "a full disk while writing the PNG is exit 74" "74" "$?"
fi
