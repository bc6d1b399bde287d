#!/bin/sh
# report summary --chart: four months of an office drawn by month and by
# procedure, as PNG, SVG and PDF, read back with file(1) and pdftotext;
# the summary printed with it is the one printed without it.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/month.sh"
init_office_on "2025-12-30T08:00:00+07:00"

# done "YYYY-MM-DD HH:MM" CLERK CODE: the result is ready
done_at() { up "$1" "$2" "$3" --status 'done'; }

# As of 2026-04-30 09:00 (2.000635 and 1.004873: 3 working days;
# 1.001193 and 2.000815: the same day, by 17:00):
#          received  on time  late  overdue
# 1/2026       3        2       1      0
# 2/2026       4        2       1      0      (and one rejected)
# 3/2026       5        3       1      1
# 4/2026       2        1       0      0      (and one in progress)
C=$(new "2026-01-05 09:00" lan 2.000635 counter 0912000101 "Nguyễn Văn An"); done_at "2026-01-07 10:00" lan "$C"
C=$(new "2026-01-06 09:00" minh 1.001193 counter "" "Trần Thị Bình"); done_at "2026-01-06 16:00" minh "$C"
C=$(new "2026-01-12 09:00" lan 1.004873 counter "" "Lê Văn Cường"); done_at "2026-01-16 10:00" lan "$C"
C=$(new "2026-02-02 09:00" lan 2.000635 online "" "Phạm Thị Dung"); done_at "2026-02-04 09:00" lan "$C"
C=$(new "2026-02-03 09:00" minh 2.000815 counter "" "Hoàng Văn Em"); done_at "2026-02-03 15:00" minh "$C"
C=$(new "2026-02-04 09:00" lan 1.001193 counter "" "Vũ Thị Phương"); done_at "2026-02-05 10:00" lan "$C"
C=$(new "2026-02-05 09:00" minh 2.000635 counter "" "Đặng Văn Giang")
up "2026-02-05 09:30" minh "$C" --status rejected --reason "không thuộc thẩm quyền"
C=$(new "2026-03-02 09:00" lan 2.000635 counter "" "Bùi Thị Hoa"); done_at "2026-03-03 09:00" lan "$C"
C=$(new "2026-03-03 09:00" minh 1.001193 post "" "Đỗ Văn Khoa"); done_at "2026-03-03 16:00" minh "$C"
C=$(new "2026-03-04 09:00" lan 2.000815 counter "" "Ngô Thị Lan"); done_at "2026-03-04 16:30" lan "$C"
C=$(new "2026-03-09 09:00" minh 1.004873 counter "" "Dương Văn Minh"); done_at "2026-03-13 09:00" minh "$C"
C=$(new "2026-03-16 09:00" lan 2.000635 counter "" "Lý Thị Ngọc")
up "2026-03-16 10:00" lan "$C" --status processing
C=$(new "2026-04-01 09:00" lan 2.000635 counter "" "Trịnh Văn Phúc"); done_at "2026-04-02 09:00" lan "$C"
C=$(new "2026-04-28 09:00" minh 1.004873 online "" "Mai Thị Quyên")
export MOTCUA_NOW=2026-04-30T09:00:00+07:00
PERIOD="--from 2026-01-01 --to 2026-04-30"

# pdf_words FILE: the words of the PDF's first page, one a line, with the
# centre of each across the page: "X WORD" (pdftotext -bbox).
pdf_words() {
	pdftotext -bbox "$1" - | sed -n 's/.*<word xMin="\([0-9.]*\)" yMin="[0-9.]*" xMax="\([0-9.]*\)".*>\(.*\)<\/word>.*/\1 \2 \3/p' |
		awk '{ printf "%d %s\n", ($1 + $2) / 2, $3 }'
}
# bars_under LABEL FILE: the numbers above the bars of the group whose
# label has the word LABEL, left to right (within 80 pt of its centre).
bars_under() {
	pdf_words "$2" >"$TMP/words"
	awk -v l="$1" 'NR == FNR { if ($2 == l) c = $1; next }
		$2 ~ /^[0-9]+(\.[0-9][0-9][0-9])*$/ && $1 > c - 80 && $1 < c + 80 { print $1, $2 }' "$TMP/words" "$TMP/words" |
		sort -n | awk '{ printf "%s%s", s, $2; s = " " } END { print "" }'
}

# The summary alone, in each format, to compare with what --chart prints.
for f in text json csv; do
	# shellcheck disable=SC2086
	mc report summary $PERIOD --format $f; cp "$TMP/out" "$TMP/plain.$f"
done
expect_eq "the data set: 14 received, 8 on time, 3 late, 1 overdue" \
	"14 8 3 1" "$(jq -r '[.received,.on_time,.late,.overdue] | map(tostring) | join(" ")' "$TMP/plain.json")"

# ---- by month ----
# shellcheck disable=SC2086
expect_code 0 "a chart by month as PDF" report summary $PERIOD --chart "$TMP/thang.pdf"
expect_out "the summary printed as without --chart" "$(cat "$TMP/plain.text")"
expect_eq "file(1) reads a PDF" "PDF document" "$(file -b "$TMP/thang.pdf" | cut -d, -f1)"
expect_eq "one A4 landscape page" "841.89 x 595.276 pts (A4) 1" \
	"$(pdfinfo "$TMP/thang.pdf" | awk '/^Page size:/ { s = $3 " " $4 " " $5 " " $6 " " $7 } /^Pages:/ { p = $2 } END { print s, p }')"
expect_eq "written 0600, as every file of the office's data" "600" "$(stat -c %a "$TMP/thang.pdf")"
expect_eq "a PDF of substance (over 10 kB: its fonts embedded)" "yes" \
	"$([ "$(stat -c %s "$TMP/thang.pdf")" -gt 10000 ] && echo yes || echo "no: $(stat -c %s "$TMP/thang.pdf") bytes")"
expect_grep "its fonts embedded" "Liberation" "$(pdffonts "$TMP/thang.pdf" >"$TMP/fonts.txt"; echo "$TMP/fonts.txt")"
pdftotext -layout "$TMP/thang.pdf" "$TMP/thang.txt"
expect_grep "the office's name" "UBND PHƯỜNG VĨNH PHÚ" "$TMP/thang.txt"
expect_grep "the title" "TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THEO THÁNG" "$TMP/thang.txt"
expect_grep "the period and the time of the figures" \
	"Hồ sơ tiếp nhận từ ngày 01/01/2026 đến ngày 30/04/2026; số liệu tính đến 09:00 ngày 30/04/2026" "$TMP/thang.txt"
expect_grep "a training copy says so" "BẢN THỬ NGHIỆM" "$TMP/thang.txt"
expect_eq "the legend: the four series, in the catalogue's words" "Đã tiếp nhận Đúng hạn Trễ hạn Quá hạn" \
	"$(grep -o 'Đã tiếp nhận.*Quá hạn' "$TMP/thang.txt" | tr -s ' ')"
expect_eq "a label per month, in order" "Tháng 1/2026 Tháng 2/2026 Tháng 3/2026 Tháng 4/2026" \
	"$(grep -o 'Tháng [0-9]*/2026' "$TMP/thang.txt" | tr '\n' ' ' | sed 's/ $//')"
expect_grep "the axes named" "Tháng tiếp nhận" "$TMP/thang.txt"
expect_grep "the axes named (upwards)" "Số hồ sơ" "$TMP/thang.txt"
expect_eq "March's bars: 5 received, 3 on time, 1 late, 1 overdue" "5 3 1 1" "$(bars_under 3/2026 "$TMP/thang.pdf")"
expect_eq "January's bars: 3 2 1 0" "3 2 1 0" "$(bars_under 1/2026 "$TMP/thang.pdf")"
expect_eq "April's bars: 2 1 0 0" "2 1 0 0" "$(bars_under 4/2026 "$TMP/thang.pdf")"

# shellcheck disable=SC2086
expect_code 0 "the same chart as PNG" report summary $PERIOD --chart "$TMP/thang.png" --format json
expect_out "the JSON printed as without --chart" "$(cat "$TMP/plain.json")"
expect_eq "file(1): a PNG of A4 landscape at 150 dpi" "PNG image data, 1754 x 1241, 8-bit/color RGB, non-interlaced" \
	"$(file -b "$TMP/thang.png")"
expect_eq "a picture of substance (over 40 kB)" "yes" \
	"$([ "$(stat -c %s "$TMP/thang.png")" -gt 40000 ] && echo yes || echo "no: $(stat -c %s "$TMP/thang.png") bytes")"

# shellcheck disable=SC2086
expect_code 0 "the same chart as SVG, the ending in capitals" report summary $PERIOD --chart "$TMP/thang.SVG" --format csv
expect_out "the CSV printed as without --chart" "$(cat "$TMP/plain.csv")"
expect_eq "file(1) reads an SVG" "SVG Scalable Vector Graphics image" "$(file -b "$TMP/thang.SVG")"
expect_eq "an A4 landscape page, in points" 'width="841.89pt" height="595.276pt"' \
	"$(grep -o 'width="[0-9.]*pt" height="[0-9.]*pt"' "$TMP/thang.SVG" | head -1)"
expect_eq "a drawing of substance (over 20 kB)" "yes" \
	"$([ "$(stat -c %s "$TMP/thang.SVG")" -gt 20000 ] && echo yes || echo no)"

# Without a period: from the first month with a dossier to this one.
expect_code 0 "without --from and --to" report summary --chart "$TMP/all.pdf"
pdftotext -layout "$TMP/all.pdf" "$TMP/all.txt"
expect_grep "every dossier" "Tất cả hồ sơ đã tiếp nhận; số liệu tính đến 09:00 ngày 30/04/2026" "$TMP/all.txt"
expect_eq "January to April" "Tháng 1/2026 Tháng 2/2026 Tháng 3/2026 Tháng 4/2026" \
	"$(grep -o 'Tháng [0-9]*/2026' "$TMP/all.txt" | tr '\n' ' ' | sed 's/ $//')"
# A month without a dossier is drawn, at zero.
expect_code 0 "a period with an empty month" report summary --from 2025-12-01 --to 2026-02-28 --chart "$TMP/dec.pdf"
expect_eq "December to February" "Tháng 12/2025 Tháng 1/2026 Tháng 2/2026" \
	"$(pdftotext -layout "$TMP/dec.pdf" - | grep -o 'Tháng [0-9]*/20[0-9]*' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "December at zero" "0 0 0 0" "$(bars_under 12/2025 "$TMP/dec.pdf")"

# ---- by procedure ----
# shellcheck disable=SC2086
mc report summary $PERIOD --by procedure; cp "$TMP/out" "$TMP/proc.text"
# shellcheck disable=SC2086
expect_code 0 "a chart by procedure" report summary $PERIOD --by procedure --chart "$TMP/tt.pdf"
expect_out "the summary by procedure printed as without --chart" "$(cat "$TMP/proc.text")"
pdftotext -layout "$TMP/tt.pdf" "$TMP/tt.txt"
expect_grep "its title" "TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THEO THỦ TỤC" "$TMP/tt.txt"
expect_eq "a group per procedure, by code" "1.001193 1.004873 2.000635 2.000815" \
	"$(grep -o '[12]\.00[0-9]\{4\}' "$TMP/tt.txt" | tr '\n' ' ' | sed 's/ $//')"
expect_grep "the procedures' names under their codes" "Đăng ký khai" "$TMP/tt.txt"
expect_grep "... wrapped in their column" "Cấp bản sao" "$TMP/tt.txt"
expect_grep "the axis" "Thủ tục hành chính" "$TMP/tt.txt"
expect_eq "2.000635's bars: 6 received, 4 on time, 0 late, 1 overdue" "6 4 0 1" "$(bars_under 2.000635 "$TMP/tt.pdf")"
expect_eq "1.004873's bars: 3 0 2 0" "3 0 2 0" "$(bars_under 1.004873 "$TMP/tt.pdf")"
# shellcheck disable=SC2086
expect_code 0 "by procedure as PNG" report summary $PERIOD --by procedure --chart "$TMP/tt.png" -q
expect_eq "file(1): the same PNG page" "PNG image data, 1754 x 1241" "$(file -b "$TMP/tt.png" | cut -d, -f1-2)"
