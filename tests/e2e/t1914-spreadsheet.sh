#!/bin/sh
# A file saved by a real spreadsheet program imports as it is. Gnumeric's
# ssconvert (scripts/deps.sh installs it) builds the workbook: from its own
# XML to .xlsx, then each sheet of the .xlsx saved as CSV the way a clerk
# saves it on Windows (values as the cells show them, CRLF). The sheets
# hold Vietnamese text, the paper register book's titles, dates, an amount
# grouped by thousands, cells with a line break typed in them (Alt+Enter)
# and an empty row.
. "$(dirname "$0")/../lib.sh"
init_office
q() { sqlite3 "$MOTCUA_DB" "$1"; }

if ! command -v ssconvert >/dev/null 2>&1; then
	not_ok "ssconvert is missing: install gnumeric (scripts/deps.sh)"
	exit 1
fi
# ssconvert keeps its settings under HOME: a folder of the test's own.
HOME=$TMP/home
mkdir -p "$HOME"
export HOME

# The cells: strings (ValueType 60), integers (30), and numbers (40) shown
# through a format: dates are day numbers shown dd/mm/yyyy; the fee is
# 50000 shown grouped by a dot, as a Vietnamese spreadsheet shows it
# (the format says so, whatever the machine's locale). &#10; is the line
# break of Alt+Enter. Row 2 of the register is left empty, formatted.
cell() { printf '<gnm:Cell Row="%s" Col="%s" ValueType="%s"%s>%s</gnm:Cell>\n' "$@"; }
sheet() {
	printf '<gnm:Sheet><gnm:Name>%s</gnm:Name><gnm:MaxCol>8</gnm:MaxCol><gnm:MaxRow>4</gnm:MaxRow>\n' "$1"
	printf '<gnm:Styles><gnm:StyleRegion startCol="0" startRow="0" endCol="8" endRow="3"><gnm:Style Fore="0:0:0" Back="FFFF:FFFF:FFFF"><gnm:StyleBorder><gnm:Bottom Style="1"/></gnm:StyleBorder></gnm:Style></gnm:StyleRegion></gnm:Styles>\n'
	printf '<gnm:Cells>\n'
}
D=' ValueFormat="dd/mm/yyyy"'
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n'
	printf '<gnm:Workbook xmlns:gnm="http://www.gnumeric.org/v10.dtd">\n'
	printf '<gnm:SheetNameIndex><gnm:SheetName>KhaiSinh</gnm:SheetName><gnm:SheetName>ThuTuc</gnm:SheetName><gnm:SheetName>NgayNghi</gnm:SheetName></gnm:SheetNameIndex>\n'
	printf '<gnm:Sheets>\n'
	sheet KhaiSinh
	cell 0 0 60 "" "Quyển số"
	cell 0 1 60 "" "Số"
	cell 0 2 60 "" "Ngày, tháng, năm đăng ký"
	cell 0 3 60 "" "Họ, chữ đệm, tên"
	cell 0 4 60 "" "Giới tính"
	cell 0 5 60 "" "Ngày, tháng, năm sinh"
	cell 0 6 60 "" "Nơi sinh"
	cell 0 7 60 "" "Họ, chữ đệm, tên người mẹ"
	cell 0 8 60 "" "Ghi chú"
	cell 1 0 60 "" "01/2019"
	cell 1 1 30 "" 1
	cell 1 2 40 "$D" 43539
	cell 1 3 60 "" "Nguyễn Văn Đức"
	cell 1 4 60 "" "Nam"
	cell 1 5 40 "$D" 43536
	cell 1 6 60 "" "Bệnh viện&#10;Phú Giáo"
	cell 1 7 60 "" "Trần Thị Mai"
	cell 1 8 60 "" "dòng 1&#10;dòng 2"
	cell 3 0 60 "" "01/2019"
	cell 3 1 30 "" 2
	cell 3 2 40 "$D" 43560
	cell 3 3 60 "" "Trần Thị Bích Ngọc"
	cell 3 4 60 "" "Nữ"
	cell 3 5 40 "$D" 43556
	cell 3 6 60 "" "Trạm Y tế phường Vĩnh Phú"
	printf '</gnm:Cells></gnm:Sheet>\n'
	sheet ThuTuc
	cell 0 0 60 "" code
	cell 0 1 60 "" name
	cell 0 2 60 "" days
	cell 0 3 60 "" fee
	cell 0 4 60 "" documents
	cell 1 0 60 "" "T5.001"
	cell 1 1 60 "" "Đăng ký khai sinh&#10;lưu động"
	cell 1 2 30 "" 5
	cell 1 3 40 ' ValueFormat="#\.##0"' 50000
	cell 1 4 60 "" "Tờ khai&#10;Giấy chứng sinh"
	printf '</gnm:Cells></gnm:Sheet>\n'
	sheet NgayNghi
	cell 0 0 60 "" date
	cell 0 1 60 "" name
	cell 0 2 60 "" kind
	cell 1 0 40 "$D" 46146
	cell 1 1 60 "" "Nghỉ bù&#10;lễ 30/4"
	cell 1 2 60 "" holiday
	cell 3 0 40 "$D" 46151
	cell 3 1 60 "" "Làm bù"
	cell 3 2 60 "" workday
	printf '</gnm:Cells></gnm:Sheet>\n'
	printf '</gnm:Sheets></gnm:Workbook>\n'
} >"$TMP/so.gnumeric"

ssconvert "$TMP/so.gnumeric" "$TMP/so.xlsx" >"$TMP/ss.err" 2>&1
expect_eq "ssconvert makes the workbook an .xlsx (a zip)" "0 PK" \
	"$? $(head -c2 "$TMP/so.xlsx")"
for s in KhaiSinh ThuTuc NgayNghi; do
	ssconvert -T Gnumeric_stf:stf_assistant \
		-O "sheet=$s format=preserve eol=windows" \
		"$TMP/so.xlsx" "$TMP/$s.csv" >>"$TMP/ss.err" 2>&1 ||
		{ not_ok "ssconvert saves $s as CSV"; sed 's/^/#   /' "$TMP/ss.err"; }
done
CR=$(printf '\r')

# ---- what the spreadsheet wrote ----

expect_eq "the register sheet: the titles, a date as shown, CRLF" \
	"\"Quyển số\",Số,\"Ngày, tháng, năm đăng ký\",\"Họ, chữ đệm, tên\",\"Giới tính\",\"Ngày, tháng, năm sinh\",\"Nơi sinh\",\"Họ, chữ đệm, tên người mẹ\",\"Ghi chú\"$CR
01/2019,1,15/03/2019,\"Nguyễn Văn Đức\",Nam,12/03/2019,\"Bệnh viện" \
	"$(head -2 "$TMP/KhaiSinh.csv")"
expect_eq "an empty row of empty cells" ",,,,,,,,$CR" "$(sed -n 5p "$TMP/KhaiSinh.csv")"
expect_eq "the fee as the cell shows it" "T5.001,\"Đăng ký khai sinh" "$(sed -n 2p "$TMP/ThuTuc.csv")"
expect_eq "grouped by a dot" "lưu động\",5,50.000,\"Tờ khai" "$(sed -n 3p "$TMP/ThuTuc.csv")"

# ---- each sheet imports as it is ----

expect_code 0 "register import of the spreadsheet's register sheet" \
	register import birth "$TMP/KhaiSinh.csv"
expect_out "imports both entries, skips the empty row, joins the place's lines" \
	"2 imported, 1 skipped, 0 rejected; 1 line break inside a one-line cell became a space"
expect_eq "the entries as the sheet holds them" \
	"1|2019-03-15|Nguyễn Văn Đức|Nam|2019-03-12|Bệnh viện Phú Giáo|Trần Thị Mai
2|2019-04-05|Trần Thị Bích Ngọc|Nữ|2019-04-01|Trạm Y tế phường Vĩnh Phú|" \
	"$(q "select number, registered_on, full_name, sex, date_of_birth, place_of_birth, mother_name from births order by number")"
expect_eq "the note keeps its line break" "$(printf 'dòng 1\ndòng 2')" \
	"$(q "select note from births where number = 1")"
expect_code 0 "the same sheet again" register import birth "$TMP/KhaiSinh.csv"
expect_out "is the same entries" \
	"0 imported, 3 skipped, 0 rejected; 1 line break inside a one-line cell became a space"

expect_code 0 "procedure import of the spreadsheet's procedure sheet" \
	procedure import "$TMP/ThuTuc.csv"
expect_out "adds the procedure; its name's line break is counted" \
	"1 added, 0 updated, 0 unchanged; 1 line break inside a one-line cell became a space"
mc procedure list --format json
expect_eq "the name on one line, the fee an amount, one paper per line" \
	'Đăng ký khai sinh lưu động|5|50000|["Tờ khai","Giấy chứng sinh"]' \
	"$(jq -r -c '.[] | select(.code == "T5.001") | "\(.name)|\(.days)|\(.fee)|\(.documents | tostring)"' "$TMP/out")"

expect_code 0 "holiday import of the spreadsheet's holiday sheet" \
	holiday import "$TMP/NgayNghi.csv"
expect_out "records both days, not the empty row; a name's line break is counted" \
	"2 days recorded; 1 line break inside a one-line cell became a space"
expect_eq "on the dates the cells show" "2026-05-04|0|Nghỉ bù lễ 30/4 2026-05-09|1|Làm bù" \
	"$(q "select group_concat(date || '|' || is_workday || '|' || name, ' ') from (select * from holidays where date in ('2026-05-04', '2026-05-09') order by date)")"

# ---- and what motcua writes for people, the spreadsheet reads ----

"$MOTCUA" register export birth -o "$TMP/export.csv"
ssconvert -T Gnumeric_stf:stf_assistant -O "format=preserve eol=unix" \
	"$TMP/export.csv" "$TMP/export-read.csv" >"$TMP/ss.err" 2>&1
expect_eq "ssconvert reads the export's BOM as no cell of it: the first title is book" \
	"book,number,registered_on,full_name" "$(head -1 "$TMP/export-read.csv" | cut -d, -f1-4)"
expect_eq "and its Vietnamese as UTF-8" "Nguyễn Văn Đức" \
	"$(sed -n 2p "$TMP/export-read.csv" | cut -d, -f4 | tr -d '"')"
