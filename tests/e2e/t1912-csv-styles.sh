#!/bin/sh
# CSV in two styles: files written for people (-o, reject files) are
# Excel's "CSV UTF-8" (a UTF-8 BOM, CRLF line ends, a line break inside a
# cell kept as the data has it); CSV to standard output is plain (no BOM,
# LF). Both read back through every import, and export -> import -> export
# gives the same bytes in each style.
. "$(dirname "$0")/../lib.sh"
init_office
R=$FIXTURES/registers
CR=$(printf '\r')
# bom FILE: its first three bytes in hex
bom() { head -c3 "$1" | od -An -tx1 | tr -d ' '; }
# crlf FILE: how many of its lines end in CR LF
crlf() { grep -c "$CR\$" "$1"; }
# plain FILE: the file without its BOM and the CR of its line ends
plain() { sed -e '1s/^\xEF\xBB\xBF//' -e "s/$CR\$//" "$1"; }
new_db() {
	MOTCUA_DB=$1 "$MOTCUA" init --training --unit-id 000.00.22.H13 \
		--unit-name "UBND xã An Sơn" >/dev/null
}

for k in birth marriage death; do
	case $k in birth) f=births-roundtrip.csv ;; marriage) f=marriages.csv ;; death) f=deaths.csv ;; esac
	"$MOTCUA" register import $k "$R/$f" >/dev/null 2>"$TMP/err" ||
		{ not_ok "import $f"; cat "$TMP/err"; }
done

# ---- register export: -o FILE is for people, standard output for pipes ----

expect_code 0 "register export birth -o FILE" register export birth -o "$TMP/birth-x1.csv"
expect_empty "prints nothing on standard output"
expect_eq "the file starts with a UTF-8 BOM" "efbbbf" "$(bom "$TMP/birth-x1.csv")"
# 3 entries and the header; one entry's note holds a line break: 5 lines,
# 4 of them ended by CRLF, the break inside the quoted note a bare LF.
expect_eq "its records end in CRLF, the line break inside a note is LF" "5 4" \
	"$(wc -l <"$TMP/birth-x1.csv" | tr -d ' ') $(crlf "$TMP/birth-x1.csv")"
expect_eq "the note's line break is the data's, inside its quotes" "1" \
	"$(grep -c "\"'- đã cải chính ngày sinh\$" "$TMP/birth-x1.csv")"
expect_code 0 "register export birth to standard output" register export birth
cp "$TMP/out" "$TMP/birth-p1.csv"
expect_eq "standard output has no BOM" "626f6f" "$(bom "$TMP/birth-p1.csv")"
expect_eq "and no CR" "0" "$(crlf "$TMP/birth-p1.csv")"
expect_eq "-o - is standard output: plain too" "0 626f6f" \
	"$("$MOTCUA" register export birth -o - >"$TMP/dash.csv"; crlf "$TMP/dash.csv") $(bom "$TMP/dash.csv")"
expect_eq "the two styles hold the same records, byte for byte" "" \
	"$(plain "$TMP/birth-x1.csv" | cmp - "$TMP/birth-p1.csv" 2>&1)"

# ---- export -> import -> export, in each style, for each register ----

new_db "$TMP/plain/motcua.db"
new_db "$TMP/excel/motcua.db"
for k in birth marriage death; do
	"$MOTCUA" register export $k >"$TMP/$k-p1.csv"
	"$MOTCUA" register export $k -o "$TMP/$k-x1.csv"
	MOTCUA_DB=$TMP/plain/motcua.db mc register import $k "$TMP/$k-p1.csv"
	expect_out "$k: the plain export imports" "3 imported, 0 skipped, 0 rejected"
	MOTCUA_DB=$TMP/excel/motcua.db mc register import $k "$TMP/$k-x1.csv"
	expect_out "$k: the Excel export imports" "3 imported, 0 skipped, 0 rejected"
	MOTCUA_DB=$TMP/plain/motcua.db "$MOTCUA" register export $k >"$TMP/$k-p2.csv"
	MOTCUA_DB=$TMP/excel/motcua.db "$MOTCUA" register export $k -o "$TMP/$k-x2.csv"
	expect_eq "$k: plain export -> import -> export gives the same bytes" "" \
		"$(cmp "$TMP/$k-p1.csv" "$TMP/$k-p2.csv" 2>&1)"
	expect_eq "$k: Excel export -> import -> export gives the same bytes" "" \
		"$(cmp "$TMP/$k-x1.csv" "$TMP/$k-x2.csv" 2>&1)"
	expect_eq "$k: and the two registers hold the same" "" \
		"$(MOTCUA_DB=$TMP/excel/motcua.db "$MOTCUA" register export $k | cmp - "$TMP/$k-p1.csv" 2>&1)"
	# Each file read into the other style's register: nothing new.
	MOTCUA_DB=$TMP/plain/motcua.db mc register import $k "$TMP/$k-x1.csv"
	expect_out "$k: the Excel file is the same entries as the plain one" \
		"0 imported, 3 skipped, 0 rejected"
done

# ---- reject files are for people ----

expect_code 0 "register import --reject-file" register import birth "$R/births-bad.csv" \
	--reject-file "$TMP/bad.csv"
expect_eq "the reject file starts with a BOM" "efbbbf" "$(bom "$TMP/bad.csv")"
expect_eq "and each of its 16 records ends in CRLF" "16 16" \
	"$(wc -l <"$TMP/bad.csv" | tr -d ' ') $(crlf "$TMP/bad.csv")"
sed -e 's|Nguyễn Văn 2|Nguyễn Văn Hai|' "$TMP/bad.csv" >"$TMP/fixed.csv"
expect_code 0 "the reject file, mended, imports as it is" register import birth \
	"$TMP/fixed.csv" --reject-file "$TMP/bad2.csv"
expect_out "the mended row in, the others refused again" "1 imported, 0 skipped, 14 rejected"
expect_eq "the second reject file has the first one's header" \
	"$(head -1 "$TMP/bad.csv")" "$(head -1 "$TMP/bad2.csv")"

# ---- the tracking book: the paper book's titles in a file for people ----

for who in "Nguyễn Văn An" "Trần Thị, Bình"; do
	"$MOTCUA" -q dossier new --procedure 2.000635 --applicant "$who" --phone 0912345678 \
		--address "Khu phố 1, phường Vĩnh Phú" >/dev/null
done
expect_code 0 "report dossiers -o FILE" report dossiers -o "$TMP/so-theo-doi.csv"
expect_eq "starts with a BOM" "efbbbf" "$(bom "$TMP/so-theo-doi.csv")"
expect_eq "three records, each ending in CRLF" "3 3" \
	"$(wc -l <"$TMP/so-theo-doi.csv" | tr -d ' ') $(crlf "$TMP/so-theo-doi.csv")"
expect_eq "its columns have the titles of form 07" \
	"Mã hồ sơ,Mã TTHC,\"Tên cá nhân, tổ chức\",Địa chỉ,Số điện thoại,Nhận hồ sơ,Hẹn trả kết quả,Có kết quả,Trả kết quả,Phương thức nhận kết quả,Trạng thái,Đúng hạn,Tình hình giải quyết" \
	"$(plain "$TMP/so-theo-doi.csv" | head -1)"
expect_code 0 "report dossiers to standard output" report dossiers
expect_eq "keeps the machine names, plain" \
	"code,procedure,applicant,address,phone,received_at,due_at,finished_at,returned_at,delivery,status,on_time,outcome 0" \
	"$(head -1 "$TMP/out") $(crlf "$TMP/out")"
tail -n +2 "$TMP/out" >"$TMP/rows"
expect_eq "the rows are the same in both" "" \
	"$(plain "$TMP/so-theo-doi.csv" | tail -n +2 | cmp - "$TMP/rows" 2>&1)"
# A CSV reader takes the BOM for what it is and the titles as columns.
sqlite3 "$TMP/book.db" ".import --csv $TMP/so-theo-doi.csv book" \
	"SELECT \"Tên cá nhân, tổ chức\" || '|' || \"Địa chỉ\" FROM book ORDER BY 1" >"$TMP/check" 2>&1
expect_eq "sqlite3 reads the file by its Vietnamese titles" \
	"Nguyễn Văn An|Khu phố 1, phường Vĩnh Phú
Trần Thị, Bình|Khu phố 1, phường Vĩnh Phú" "$(cat "$TMP/check")"

# ---- holiday and procedure import read both styles ----

printf '\357\273\277date,name,kind\r\n2026-05-04,Nghỉ bù,holiday\r\n09/05/2026,Làm bù,workday\r\n' >"$TMP/h-excel.csv"
expect_code 0 "holiday import of Excel's CSV UTF-8" holiday import "$TMP/h-excel.csv"
expect_out "reads both rows" "2 days recorded"
printf 'date,name,kind\n2026-05-05,Nghỉ bù 2,holiday\n' >"$TMP/h-plain.csv"
expect_code 0 "holiday import of plain CSV" holiday import "$TMP/h-plain.csv"
expect_out "reads its row" "1 day recorded"
expect_eq "the names as written, no BOM or CR in them" "Nghỉ bù|Nghỉ bù 2|Làm bù" \
	"$(sqlite3 "$MOTCUA_DB" "select group_concat(name, '|') from (select name from holidays where name like '%bù%' order by date)")"
printf '\357\273\277code,name,days,fee\r\nT3.001,Thủ tục ba,3,"50.000"\r\n' >"$TMP/p-excel.csv"
expect_code 0 "procedure import of Excel's CSV UTF-8" procedure import "$TMP/p-excel.csv"
expect_out "adds the procedure" "1 added, 0 updated, 0 unchanged"
printf 'code,name,days,fee\nT3.001,Thủ tục ba,3,50000\n' >"$TMP/p-plain.csv"
expect_code 0 "the same procedure in plain CSV" procedure import "$TMP/p-plain.csv"
expect_out "is unchanged" "0 added, 0 updated, 1 unchanged"

# ---- the other exports that have an import: standard output only ----

# procedure list and holiday list write CSV to standard output (plain);
# each imports into an empty office and lists again to the same bytes,
# and the same file saved in Excel's style imports to the same.
new_db "$TMP/other/motcua.db"
"$MOTCUA" procedure list --format csv >"$TMP/proc-1.csv"
"$MOTCUA" holiday list --year 2026 --format csv >"$TMP/hol-1.csv"
expect_eq "procedure and holiday lists are plain CSV" "636f64 646174 0 0" \
	"$(bom "$TMP/proc-1.csv") $(bom "$TMP/hol-1.csv") $(crlf "$TMP/proc-1.csv") $(crlf "$TMP/hol-1.csv")"
MOTCUA_DB=$TMP/other/motcua.db "$MOTCUA" procedure import "$TMP/proc-1.csv" >/dev/null
MOTCUA_DB=$TMP/other/motcua.db "$MOTCUA" holiday import "$TMP/hol-1.csv" >/dev/null
expect_eq "procedure list -> import -> list gives the same bytes" "" \
	"$(MOTCUA_DB=$TMP/other/motcua.db "$MOTCUA" procedure list --format csv | cmp - "$TMP/proc-1.csv" 2>&1)"
expect_eq "holiday list -> import -> list gives the same bytes" "" \
	"$(MOTCUA_DB=$TMP/other/motcua.db "$MOTCUA" holiday list --year 2026 --format csv | cmp - "$TMP/hol-1.csv" 2>&1)"
for f in proc hol; do
	{ printf '\357\273\277'; sed "s/\$/$CR/" "$TMP/$f-1.csv"; } >"$TMP/$f-x.csv"
done
MOTCUA_DB=$TMP/other/motcua.db mc procedure import "$TMP/proc-x.csv"
expect_eq "the procedures in Excel's style are the same procedures" \
	"0 added, 0 updated, $(($(wc -l <"$TMP/proc-1.csv") - 1)) unchanged" "$(cat "$TMP/out")"
new_db "$TMP/other2/motcua.db"
MOTCUA_DB=$TMP/other2/motcua.db mc holiday import "$TMP/hol-x.csv"
expect_out "the holidays in Excel's style import into another office" \
	"$(($(wc -l <"$TMP/hol-1.csv") - 1)) days recorded"
expect_eq "as the same days" "" \
	"$(MOTCUA_DB=$TMP/other2/motcua.db "$MOTCUA" holiday list --year 2026 --format csv | cmp - "$TMP/hol-1.csv" 2>&1)"
