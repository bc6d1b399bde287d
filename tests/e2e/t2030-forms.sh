#!/bin/sh
# The forms as the templates have them, read field by field from the text
# and from the PDF (pdftotext): 01 in two copies with its line in the
# tracking book, the e-mail, the postal address, a CMND; 02 with its Lý do,
# the office's phone and the guide's full name; 04 numbered and signed by
# the head; 05 for a stopped dossier; the extract's wording the same in
# text and PDF, the parents' names in capitals; the new settings checked.
. "$(dirname "$0")/../lib.sh"
SEEDED_CATALOGUE=1
init_office_on 2026-12-01T08:00:00+07:00
at() { MOTCUA_NOW=$1; export MOTCUA_NOW; shift; "$MOTCUA" "$@" </dev/null; }
pdf() { pdftotext "$1" - | tr '\n\f' '  ' | tr -s ' '; }
PAPER=
[ -e "$MOTCUA_MODULEDIR/motcua-paper.so" ] && PAPER=1

# The settings, each checked.
before=$(db_snapshot)
expect_code 65 "office_phone: letters" config set office_phone "gọi tôi"
expect_err "says what a number is" \
	"motcua: office_phone: \"gọi tôi\" is not a telephone number (digits, blanks, '.', '+', '-', brackets)"
expect_code 65 "clerk_names: no '='" config set clerk_names "lan Nguyễn Thị Lan"
expect_err "says the form" \
	"motcua: clerk_names: \"lan Nguyễn Thị Lan\" is not a list of login=Full Name separated by ';'"
expect_eq "nothing changed" "$before" "$(db_snapshot)"
expect_code 0 "office_phone" config set office_phone "0274 3822 123"
expect_code 0 "clerk_names" config set clerk_names "lan=Nguyễn Thị Lan;hung=Trần Văn Hùng"
expect_code 0 "head_title" config set head_title "Chủ tịch"
expect_code 0 "head_name" config set head_name "Lê Văn Tám"

# 01: a CMND, an e-mail, the result by post; the second dossier of 2026.
at 2026-12-02T08:00:00+07:00 -q dossier new --procedure 2.000884 --applicant "Võ Văn Ba" \
	--slip none >/dev/null
A=$(at 2026-12-02T09:00:00+07:00 -q dossier new --procedure 1.004873 --applicant "Lê Thị Hoa" \
	--id-number 123456789 --email hoa@example.vn --delivery post \
	--address "12 Lê Lợi, Thủ Dầu Một" --slip none)
expect_code 0 "form 01 as text" dossier form "$A" 01
for line in "Liên 2: Giao người nộp hồ sơ" "Email: hoa@example.vn" \
	"Số Chứng minh nhân dân (CMND): 123456789" \
	"6. Nơi trả kết quả: Qua dịch vụ bưu chính công ích, đến địa chỉ: 12 Lê Lợi, Thủ" \
	"Vào Sổ theo dõi hồ sơ, Quyển số 01/2026, Số thứ tự 2." "Nguyễn Thị Lan"; do
	expect_grep "text: $line" "$line" "$TMP/out"
done
expect_eq "text: one copy, the applicant's" "0" "$(grep -c "Liên 1" "$TMP/out")"
expect_eq "text: no 'personal identification number' for a CMND" "0" \
	"$(grep -c "Số định danh cá nhân" "$TMP/out")"
if [ "$PAPER" ]; then
	expect_code 0 "form 01 as PDF" dossier form "$A" 01 -o "$TMP/01.pdf"
	pdf "$TMP/01.pdf" >"$TMP/01.txt"
	expect_eq "PDF: the two copies, in order" \
		"Liên 1: Lưu tại Bộ phận tiếp nhận và trả kết quả|Liên 2: Giao người nộp hồ sơ" \
		"$(grep -o "Liên 1: Lưu tại Bộ phận tiếp nhận và trả kết quả\|Liên 2: Giao người nộp hồ sơ" "$TMP/01.txt" | tr '\n' '|' | sed 's/|$//')"
	expect_eq "PDF: each copy has the book's line, the CMND and the e-mail" "2 2 2" \
		"$(grep -o "Quyển số 01/2026, Số thứ tự 2" "$TMP/01.txt" | wc -l | tr -d ' ') $(grep -o "(CMND): 123456789" "$TMP/01.txt" | wc -l | tr -d ' ') $(grep -o "hoa@example.vn" "$TMP/01.txt" | wc -l | tr -d ' ')"
	# As many pages each: Liên 2 begins the second half, on a page of its own.
	n=$(pdfinfo "$TMP/01.pdf" | awk '/^Pages:/ { print $2 }')
	expect_eq "PDF: an even number of pages" "0" "$((n % 2))"
	expect_eq "PDF: Liên 2 opens page $((n / 2 + 1)), with the header" "1 1 0" \
		"$(pdftotext -f $((n / 2 + 1)) -l $((n / 2 + 1)) "$TMP/01.pdf" - | tr '\n' ' ' | awk '{ print (index($0, "Liên 2") > 0) " " (index($0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") > 0) " " (index($0, "Liên 1") > 0) }')"
	expect_code 0 "form 01 as PNG" dossier form "$A" 01 --slip png -o "$TMP/01.png"
fi

# 02: the items, the Lý do line, the phone, the guide by full name.
at 2026-12-02T10:00:00+07:00 dossier update "$A" --status supplement \
	--reason "Ảnh 4x6; Tờ khai có chữ ký" --note "Ảnh nộp không đúng cỡ" >/dev/null
expect_code 0 "form 02 as text" dossier form "$A" 02
for line in "   1) Ảnh 4x6" "   2) Tờ khai có chữ ký" "Lý do: Ảnh nộp không đúng cỡ"; do
	expect_grep "text: $line" "$line" "$TMP/out"
done
expect_eq "text: the phone and the guide in the sentence" "1" \
	"$(tr '\n' ' ' <"$TMP/out" | grep -c "số điện thoại 0274 3822 123 (người hướng dẫn: Nguyễn Thị Lan)")"
if [ "$PAPER" ]; then
	expect_code 0 "form 02 as PDF" dossier form "$A" 02 -o "$TMP/02.pdf"
	pdf "$TMP/02.pdf" >"$TMP/02.txt"
	expect_grep "PDF: the Lý do line" "Lý do: Ảnh nộp không đúng cỡ" "$TMP/02.txt"
	expect_grep "PDF: the phone and the guide" "số điện thoại 0274 3822 123 (người hướng dẫn: Nguyễn Thị Lan)" "$TMP/02.txt"
fi

# 04: numbered in the year's reschedules (the resumption that moved the due
# time is none), the old and the new appointments, the head's block.
at 2026-12-02T11:00:00+07:00 dossier update "$A" --status processing >/dev/null
at 2026-12-07T10:00:00+07:00 dossier update "$A" --due "2026-12-10 16:00" --reason "Chờ xác minh" >/dev/null
expect_code 0 "form 04 as text" dossier form "$A" 04
for line in "Số: 1/2026/PXL" "Thời gian hẹn trả kết quả mới: 16 giờ 00 phút, ngày 10 tháng 12 năm 2026" \
	"CHỦ TỊCH" "Lê Văn Tám" "Thời gian hẹn trả kết quả trên Giấy tiếp nhận:"; do
	expect_grep "text: $line" "$line" "$TMP/out"
done
if [ "$PAPER" ]; then
	expect_code 0 "form 04 as PDF" dossier form "$A" 04 -o "$TMP/04.pdf"
	pdf "$TMP/04.pdf" >"$TMP/04.txt"
	for line in "Số: 1/2026/PXL" "CHỦ TỊCH" "Lê Văn Tám" "16 giờ 00 phút, ngày 10 tháng 12 năm 2026"; do
		expect_grep "PDF: $line" "$line" "$TMP/04.txt"
	done
fi

# 05: refused before the stop, then the notice with its reason.
expect_code 1 "form 05 before the stop" dossier form "$A" 05
expect_err "says why" "motcua: dossier $A: no form 05, its history has no stop of its handling"
at 2026-12-08T09:00:00+07:00 dossier update "$A" --status stopped \
	--reason "Người yêu cầu không bổ sung giấy tờ" >/dev/null
expect_code 0 "form 05 as text" dossier form "$A" 5
for line in "THÔNG BÁO VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ" "Kính gửi: Ông/Bà Lê Thị Hoa" \
	"Thời điểm dừng giải quyết: 09 giờ 00 phút, ngày 08 tháng 12 năm 2026" "CHỦ TỊCH" "Lê Văn Tám"; do
	expect_grep "text: $line" "$line" "$TMP/out"
done
expect_eq "text: the reason" "1" \
	"$(tr '\n' ' ' <"$TMP/out" | grep -c "Lý do: Người yêu cầu không bổ sung giấy tờ.")"
if [ "$PAPER" ]; then
	expect_code 0 "form 05 as PDF" dossier form "$A" 05 -o "$TMP/05.pdf"
	pdf "$TMP/05.pdf" >"$TMP/05.txt"
	for line in "THÔNG BÁO VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ" "Lý do: Người yêu cầu không bổ sung giấy tờ." \
		"Mã hồ sơ: $A" "Lê Văn Tám"; do
		expect_grep "PDF: $line" "$line" "$TMP/05.txt"
	done
fi

# The extract: the same words in text and PDF.
"$MOTCUA" register import birth "$FIXTURES/registers/births-roundtrip.csv" >/dev/null 2>&1 ||
	not_ok "import births"
expect_code 0 "extract as text" extract birth 01/2019 1 --requester "Nguyễn Văn Hùng" -o "$TMP/x.txt"
for line in "Họ, chữ đệm, tên người mẹ: TRẦN THỊ MAI" "Họ, chữ đệm, tên người cha: NGUYỄN VĂN HÙNG" \
	"Sao từ Sổ đăng ký khai sinh" "NGƯỜI KÝ BẢN SAO TRÍCH LỤC"; do
	expect_grep "text: $line" "$line" "$TMP/x.txt"
done
if [ "$PAPER" ]; then
	expect_code 0 "the same extract as PDF" extract reprint 1/2026/TLKS-BS -o "$TMP/x.pdf"
	pdf "$TMP/x.pdf" >"$TMP/xp.txt"
	for line in "TRẦN THỊ MAI" "NGUYỄN VĂN HÙNG" "Sao từ Sổ đăng ký khai sinh" "NGƯỜI KÝ BẢN SAO TRÍCH LỤC"; do
		expect_grep "PDF: $line" "$line" "$TMP/xp.txt"
	done
	expect_eq "PDF: one signer title" "0" "$(grep -c "NGƯỜI KÝ TRÍCH LỤC" "$TMP/xp.txt")"
fi
