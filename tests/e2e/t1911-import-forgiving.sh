#!/bin/sh
# Imports that forgive what a spreadsheet does: rows whose cells are all
# empty (",,," once a row was formatted or cleared) are skipped, and the
# register import counts them among the skipped.
. "$(dirname "$0")/../lib.sh"
init_office
R=$FIXTURES/registers
q() { sqlite3 "$MOTCUA_DB" "$1"; }

# ---- register import: the Excel file with empty rows between and after ----

# The header, an empty row, the data rows, two empty rows at the end; the
# empty rows have as many commas as the header (CRLF, as Excel ends them).
commas=$(head -1 "$R/births-excel.csv" | tr -cd ,)
{
	head -1 "$R/births-excel.csv"
	printf '%s\r\n' "$commas"
	tail -n +2 "$R/births-excel.csv"
	printf '%s\r\n%s\r\n' "$commas" ",,"
} >"$TMP/births-blank.csv"
expect_eq "the test file has three rows of empty cells" 3 \
	"$(grep -c '^,*'"$(printf '\r')"'$' "$TMP/births-blank.csv")"

expect_code 0 "register import --dry-run of a file with rows of empty cells" \
	register import birth --dry-run "$TMP/births-blank.csv"
expect_out "counts them as skipped and ends with the summary" \
	"3 imported, 3 skipped, 0 rejected (dry run: nothing was changed)"
expect_eq "and stores nothing" 0 "$(q "select count(*) from births")"

expect_code 0 "register import of the same file" register import birth "$TMP/births-blank.csv"
expect_out "imports the three entries and skips the empty rows" \
	"3 imported, 3 skipped, 0 rejected"
expect_eq "three entries, no empty one" "3|0" \
	"$(q "select count(*), count(*) filter (where full_name is null or full_name = '') from births")"

# A row with one cell filled is not empty: it is a bad row, reported.
{
	head -1 "$R/births-excel.csv"
	printf '%s\r\n' "x$commas"
} >"$TMP/births-one.csv"
before=$(db_snapshot)
expect_code 65 "a row with one filled cell is not skipped" \
	register import birth "$TMP/births-one.csv"
expect_grep "it is reported with its line" "births-one.csv:2:" "$TMP/err"
expect_eq "and nothing changed" "$before" "$(db_snapshot)"

# ---- register import --dry-run always ends with the summary line ----

{ cat "$TMP/births-blank.csv"; printf '%s\r\n' "x$commas"; } >"$TMP/births-mixed.csv"
before=$(db_snapshot)
expect_code 65 "register import --dry-run of a file with a bad row" \
	register import birth --dry-run "$TMP/births-mixed.csv"
# (the three entries are in the register already: with the three empty
# rows, six are skipped)
expect_out "still ends with what it counted" \
	"0 imported, 6 skipped, 1 rejected (dry run: nothing was changed)"
expect_grep "the bad row is reported with its line" "births-mixed.csv:9:" "$TMP/err"
expect_eq "and nothing changed" "$before" "$(db_snapshot)"
expect_code 65 "the same file without --dry-run" register import birth "$TMP/births-mixed.csv"
expect_empty "prints no summary: nothing was imported"

# ---- register import: Alt+Enter inside a one-line cell ----

# A name typed over two lines (CRLF, as Excel saves it), a place with a
# run of two LFs (Excel writes LF inside a cell); the note keeps its line
# break.
{
	head -1 "$R/births-excel.csv"
	printf '1,05/2019,"Nguyễn Văn\r\nAn",Nam,12/03/2019,15/03/2019,"Bệnh viện\n\nPhú Giáo",,,,,,"dòng 1\ndòng 2"\r\n'
} >"$TMP/births-alt.csv"
expect_code 0 "register import --dry-run of cells with a line break typed in them" \
	register import birth --dry-run "$TMP/births-alt.csv"
expect_out "counts them in the summary" \
	"1 imported, 0 skipped, 0 rejected; 2 line breaks inside one-line cells became spaces (dry run: nothing was changed)"
expect_code 0 "register import of the same file" register import birth "$TMP/births-alt.csv"
expect_out "says the same without the dry run" \
	"1 imported, 0 skipped, 0 rejected; 2 line breaks inside one-line cells became spaces"
expect_eq "each run of line breaks is one space" "Nguyễn Văn An|Bệnh viện Phú Giáo" \
	"$(q "select full_name, place_of_birth from births where book = '05/2019'")"
expect_eq "the note keeps its line break" "$(printf 'dòng 1\ndòng 2')" \
	"$(q "select note from births where book = '05/2019'")"
expect_code 0 "the file imported again" register import birth "$TMP/births-alt.csv"
expect_out "is the same entry, skipped" \
	"0 imported, 1 skipped, 0 rejected; 2 line breaks inside one-line cells became spaces"
LANGUAGE=vi; export LANGUAGE
expect_code 0 "in Vietnamese" register import birth --dry-run "$TMP/births-alt.csv"
expect_grep "the count is said in Vietnamese" "2 chỗ xuống dòng trong ô một dòng đã thành dấu cách" "$TMP/out"
unset LANGUAGE

# ---- holiday import: the same rows are skipped ----

{ cat "$FIXTURES/holidays-2026.csv"; printf ',,\n,,\n'; } >"$TMP/h.csv"
expect_code 0 "holiday import of a file ending in rows of empty cells" holiday import "$TMP/h.csv"
expect_out "records the days and no empty one" "3 days recorded"

# ---- procedure import: the same rows are skipped ----

pc=$(head -1 "$FIXTURES/procedures-excel.csv" | tr -cd ,)
{
	cat "$FIXTURES/procedures-excel.csv"
	printf '%s\r\n%s\r\n' "$pc" "$pc"
} >"$TMP/p.csv"
before=$(q "select count(*) from procedures")
expect_code 0 "procedure import of a file ending in rows of empty cells" procedure import "$TMP/p.csv"
expect_out "gives the summary of the file without them" "1 added, 1 updated, 0 unchanged"
expect_eq "one procedure more, no empty one" "$((before + 1))|0" \
	"$(q "select count(*), count(*) filter (where code is null or code = '') from procedures")"

# ---- procedure import: fees as a spreadsheet shows them ----

printf 'code,name,days,fee\r\nT1.001,Một,3,50.000\r\nT1.002,Hai,3,50 000\r\nT1.003,Ba,3,"1\302\240250\302\240000"\r\nT1.004,Bốn,3,1250000\r\n' >"$TMP/fees.csv"
expect_code 0 "procedure import of fees grouped by dots, blanks and no-break spaces" \
	procedure import "$TMP/fees.csv"
expect_out "adds them all" "4 added, 0 updated, 0 unchanged"
expect_eq "as amounts in VND" "T1.001 50000|T1.002 50000|T1.003 1250000|T1.004 1250000" \
	"$(q "select group_concat(code || ' ' || fee, '|') from (select * from procedures where code like 'T1.%' order by code)")"
for bad in 50.00 5.0000 .500 50..000 50,000 -5.000; do
	printf 'code,name,days,fee\nT2.001,X,3,"%s"\n' "$bad" >"$TMP/fee-bad.csv"
	before=$(db_snapshot)
	expect_code 65 "a fee of $bad is not grouped by thousands" procedure import "$TMP/fee-bad.csv"
	expect_grep "and is named with its place" "fee-bad.csv:2: fee: \"$bad\" is not an amount in VND" "$TMP/err"
	expect_eq "and nothing changed" "$before" "$(db_snapshot)"
done
