#!/bin/sh
# report summary --chart: what it refuses (and that a refusal or a failure
# leaves no file and prints no summary), the chart of no dossier, and the
# limits of one page: 12 months, 12 groups of procedures.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/month.sh"
init_office_on "2025-12-30T08:00:00+07:00"
export MOTCUA_NOW=2026-04-30T09:00:00+07:00
SYNOPSIS="usage: motcua report summary [--from DATE] [--to DATE] [--by procedure|clerk|channel] [--checkpoint] [--chart FILE]"
mkdir "$TMP/out.d"
# nothing_left DESC: the folder of the charts is still empty (no chart,
# no temporary file beside it)
nothing_left() { expect_eq "$1" "" "$(ls -A "$TMP/out.d")"; }

# ---- a chart of no dossier: a picture that says so ----
expect_code 0 "no dossier yet: a chart all the same" report summary --chart "$TMP/out.d/empty.pdf"
expect_grep "the summary printed" "All dossiers, as of 2026-04-30 09:00" "$TMP/out"
pdftotext -layout "$TMP/out.d/empty.pdf" "$TMP/empty.txt"
expect_grep "the picture says there is nothing to draw" \
	"Không có hồ sơ nào được tiếp nhận trong kỳ báo cáo" "$TMP/empty.txt"
expect_grep "under its title" "TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THEO THÁNG" "$TMP/empty.txt"
expect_code 0 "by procedure, for a month without a dossier" \
	report summary --from 2026-04-01 --to 2026-04-30 --by procedure --chart "$TMP/out.d/empty.png"
expect_eq "a PNG page" "PNG image data, 1754 x 1241" "$(file -b "$TMP/out.d/empty.png" | cut -d, -f1-2)"
expect_code 0 "by month, for a period without a dossier" \
	report summary --from 2026-04-01 --to 2026-04-30 --chart "$TMP/out.d/april.pdf"
expect_grep "says so too" "Không có hồ sơ nào được tiếp nhận trong kỳ báo cáo" \
	"$(pdftotext -layout "$TMP/out.d/april.pdf" "$TMP/april.txt"; echo "$TMP/april.txt")"
rm -f "$TMP/out.d/"*

# ---- refused: nothing printed, nothing written ----
new "2026-04-01 09:00" lan 2.000635 counter "" "Nguyễn Văn An" >/dev/null
expect_code 2 "a file that is not .png, .svg or .pdf" report summary --chart "$TMP/out.d/chart.jpg"
expect_err "the option and its value named" "motcua: --chart: \"$TMP/out.d/chart.jpg\" does not end in .png, .svg or .pdf
$SYNOPSIS"
expect_empty "no summary printed"
nothing_left "no file written"
expect_code 2 "a name without an ending" report summary --chart "$TMP/out.d/png"
expect_code 2 "a folder that looks like a PDF" report summary --chart "$TMP/out.d.pdf/chart"
expect_code 2 "standard output" report summary --chart -
expect_code 2 "--by clerk" report summary --by clerk --chart "$TMP/out.d/c.png"
expect_err "says what a chart is drawn by" "motcua: --chart: a chart is drawn by month, or with --by procedure
$SYNOPSIS"
expect_code 2 "--by channel" report summary --by channel --chart "$TMP/out.d/c.png"
expect_code 2 "--chart without its FILE" report summary --chart
nothing_left "none of them wrote anything"

expect_code 65 "more than 12 months" report summary --from 2025-04-01 --chart "$TMP/out.d/year.pdf"
expect_err "the period and the limit told" \
	"motcua: --chart: the period has 13 months, and a chart shows at most 12 (choose them with --from and --to)"
expect_empty "no summary printed"
nothing_left "no file written"
expect_code 0 "12 months are drawn" report summary --from 2025-05-01 --chart "$TMP/out.d/year.pdf"
# Twelve labels "Tháng M/YYYY" (the axis is "Tháng tiếp nhận"), some on
# two lines in their narrow columns.
pdftotext -layout "$TMP/out.d/year.pdf" - | grep -v ngày >"$TMP/year.txt"
expect_eq "twelve months, from 5/2025 to 4/2026" "13 12 5/2025 4/2026" \
	"$(grep -o 'Tháng' "$TMP/year.txt" | wc -l) $(grep -o '[0-9]*/20[0-9][0-9]' "$TMP/year.txt" |
	   sort -t/ -k2n -k1n | awk '{ m[NR] = $0 } END { print NR, m[1], m[NR] }')"
rm -f "$TMP/out.d/"*

# A file that cannot be made: exit 73, no temporary file left.
: >"$TMP/plain"
expect_code 73 "a folder that is a file" report summary --chart "$TMP/plain/chart.png"
expect_err "the reason given" "motcua: $TMP/plain/chart.png: Not a directory"
expect_empty "no summary printed"
expect_code 73 "a folder that does not exist" report summary --chart "$TMP/nowhere/chart.pdf"

# A full disk: exit 74, and the summary not printed.
ln -s /dev/full "$TMP/out.d/full.png"
expect_code 74 "a chart written to a full disk" report summary --chart "$TMP/out.d/full.png"
expect_err "said so" "motcua: $TMP/out.d/full.png: cannot write the document: No space left on device"
expect_empty "no summary printed"
rm -f "$TMP/out.d/full.png"

# Without the paper module: exit 66, nothing written.
MOTCUA_MODULEDIR=$TMP/nowhere mc report summary --chart "$TMP/out.d/chart.svg"
expect_eq "no paper module: exit 66" "66" "$rc"
expect_grep "cairo and pango named" "(install cairo and pango)" "$TMP/err"
nothing_left "no file written"

# A chart already there is replaced only by a whole new one.
expect_code 0 "a chart" report summary --chart "$TMP/out.d/c.pdf"
cp "$TMP/out.d/c.pdf" "$TMP/before.pdf"
expect_code 65 "refused over it" report summary --from 2025-01-01 --chart "$TMP/out.d/c.pdf"
expect_eq "the old chart untouched, nothing beside it" "c.pdf same" \
	"$(ls -A "$TMP/out.d") $(cmp -s "$TMP/before.pdf" "$TMP/out.d/c.pdf" && echo same)"

# ---- more procedures than one page holds ----
for n in 01 02 03 04 05 06 07 08 09 10 11 12 13; do
	"$MOTCUA" procedure add --code "9.0000$n" --days 1 \
		--name "Thủ tục số $n về việc đăng ký và cấp giấy chứng nhận cho hộ gia đình, cá nhân" >/dev/null ||
		not_ok "procedure add 9.0000$n"
	new "2026-04-0$(expr "$n" % 9 + 1) 09:00" lan "9.0000$n" counter "" "Người thứ $n" >/dev/null
done
new "2026-04-13 09:00" lan 9.000013 counter "" "Người thứ 14" >/dev/null
expect_code 0 "14 procedures by procedure" report summary --by procedure --chart "$TMP/out.d/tt.pdf"
pdftotext -layout "$TMP/out.d/tt.pdf" "$TMP/tt.txt"
# 9.000013 received 2; of those with one, the 10 first by code keep theirs.
expect_eq "11 kept, by code: the one that received most, then by code" \
	"2.000635 9.000001 9.000002 9.000003 9.000004 9.000005 9.000006 9.000007 9.000008 9.000009 9.000013" \
	"$(grep -o '[29]\.0000*[0-9]*' "$TMP/tt.txt" | tr '\n' ' ' | sed 's/ $//')"
expect_grep "the others in one group (\"Các thủ tục khác\", on two lines)" "Các thủ tục" "$TMP/tt.txt"
