#!/bin/sh
# register import: old register books from CSV files, all or nothing, with
# every bad row reported, reject files, dry runs, and files that are not
# UTF-8.
. "$(dirname "$0")/../lib.sh"
init_office
R=$FIXTURES/registers
q() { sqlite3 "$MOTCUA_DB" "$1"; }

# ---- a file saved by Excel ----

expect_code 0 "an Excel-saved file (BOM, CRLF, quoted line breaks, DD/MM/YYYY)" \
	register import birth "$R/births-excel.csv"
expect_out "ends with a one-line summary" "3 imported, 0 skipped, 0 rejected"
expect_empty_err() {
	if [ ! -s "$TMP/err" ]; then ok "$1"; else not_ok "$1"; sed 's/^/#   /' "$TMP/err"; fi
}
expect_empty_err "and says nothing on stderr when stderr is not a terminal"
expect_eq "DD/MM/YYYY dates are stored as YYYY-MM-DD, one-digit days too" \
	"2019-03-12 2019-03-15|2019-04-01 2019-04-05|2019-04-20 2019-04-22" \
	"$(q "select group_concat(date_of_birth || ' ' || registered_on, '|') from births")"
expect_eq "a quoted line break stays in the note" \
	"Đăng ký quá hạn
kèm giấy chứng sinh số 123" "$(q "select note from births where number = 2")"
expect_eq "a quoted comma stays in the place" "Bệnh viện Đa khoa tỉnh Bình Dương, Thủ Dầu Một" \
	"$(q "select place_of_birth from births where number = 1")"
expect_eq "doubled quotes are one quote; blanks at the ends go" 'Lê Minh Khang|Phạm Thị "Út" Hoa' \
	"$(q "select full_name, mother_name from births where number = 3")"
expect_eq "male is Nam, the ID loses its blanks, empty values are NULL" "Nam|074219001234|1" \
	"$(q "select group_concat(sex), max(id_number), count(*) from births where sex = 'Nam' and father_name is not null and id_number is not null")"
expect_eq "the clerk and the time are recorded" "lan|1777428000" \
	"$(q "select distinct clerk, entered_at from births")"

expect_code 0 "importing it again" register import birth "$R/births-excel.csv"
expect_out "skips the entries already there" "0 imported, 3 skipped, 0 rejected"
expect_eq "and adds nothing" "3" "$(q "select count(*) from births")"

# ---- decomposed Unicode ----

expect_code 0 "names typed on a decomposing keyboard (NFD)" register import birth "$R/births-nfd.csv"
expect_eq "are stored in NFC (Nguyễn is 4E 67 75 79 E1BB85 6E)" \
	"4E677579E1BB856E20C490E1BBA963205468E1BB8B6E68" \
	"$(q "select hex(full_name) from births where book = '01/2020'")"
expect_eq "the parents' names too" "Nguyễn Văn Tường|Võ Thị Hồng Nhung" \
	"$(q "select father_name, mother_name from births where book = '01/2020'")"

# ---- every kind of bad row: all or nothing ----

before=$(db_snapshot)
expect_code 65 "a file with bad rows" register import birth "$R/births-bad.csv"
B=$R/births-bad.csv
expect_err "reports every bad row as FILE:LINE: column: reason" \
"$B:2: full_name: is required
$B:3: date_of_birth: \"31/02/2019\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)
$B:4: father_birth_year: \"88\" is not a year (4 digits, 1800 to 2026)
$B:5: id_number: \"12345\" is not a citizen ID number (12-digit CCCD or 9-digit CMND)
$B:6: date_of_birth: 2019-05-01 is after the registration (2019-04-01)
$B:7: sex: \"X\" is not Nam or Nữ (male or female)
$B:8: full_name: \"Nguyễn Văn 2\" is not a name (letters, no digits)
$B:9: place_of_birth: longer than 300 characters
$B:10: number: \"abc\" is not an entry number (1 to 999999)
$B:11: registered_on: 2027-01-01 is in the future
$B:12: mother_birth_year: 2020 is not before the child's year of birth (2019)
$B:13: father_birth_year: given without father_name
$B:14: 25 fields, but the header has 24
$B:16: note: contains control characters
$B:19: number: entry 15 of book 01/2019 is already in the register with full_name \"Nguyễn Văn An\", not \"Nguyễn Văn Ân\"
motcua: $B: 15 bad rows; nothing imported"
expect_empty "prints no summary"
expect_eq "and changes nothing, not even the good rows of lines 15 and 17 (a place typed over two lines is one line)" "$before" "$(db_snapshot)"

expect_code 65 "an entry that conflicts with the register" register import birth "$R/births-conflict.csv"
expect_err "is a bad row naming both values" \
"$R/births-conflict.csv:3: number: entry 1 of book 01/2019 is already in the register with full_name \"Nguyễn Văn Đức\", not \"Nguyễn Văn Đạt\"
motcua: $R/births-conflict.csv: 1 bad row; nothing imported"
expect_eq "nothing changed" "$before" "$(db_snapshot)"

printf 'book,number,registered_on,full_name,sex,date_of_birth\n01/2019,9,2019-03-15,Lê Văn Tư,Nam,2019-02-30\n' >"$TMP/one.csv"
expect_code 65 "a single bad row" register import birth "$TMP/one.csv"
expect_err "says 1 bad row" "$TMP/one.csv:2: date_of_birth: \"2019-02-30\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)
motcua: $TMP/one.csv: 1 bad row; nothing imported"

printf 'book,number,registered_on,husband_name,wife_name,husband_date_of_birth\n01/2020,1,2020-05-09,Nguyễn Văn Đức,Lê Thị Hoa,2020-06-01\n' >"$TMP/m.csv"
expect_code 65 "a husband born after the marriage" register import marriage "$TMP/m.csv"
expect_grep "is refused" "husband_date_of_birth: 2020-06-01 is after the registration (2020-05-09)" "$TMP/err"
printf 'book,number,registered_on,full_name,died_on,date_of_birth\n01/2021,1,2021-02-04,Lê Văn Bảy,2021-02-03,2021-02-05\n' >"$TMP/d.csv"
expect_code 65 "a death before the birth" register import death "$TMP/d.csv"
expect_grep "is refused" "died_on: 2021-02-03 is before the date of birth (2021-02-05)" "$TMP/err"
printf 'book,number,registered_on,full_name,died_on,died_at_time\n01/2021,1,2021-02-04,Lê Văn Bảy,2021-02-03,9h\n' >"$TMP/d.csv"
expect_code 65 "a time of death that is no time" register import death "$TMP/d.csv"
expect_grep "is refused" 'died_at_time: "9h" is not a time of day (HH:MM)' "$TMP/err"

# ---- files that are not UTF-8 ----

expect_code 65 "a Windows-1258 file" register import birth "$R/births-cp1258.csv"
expect_err "is refused, naming the legacy encodings" \
"motcua: $R/births-cp1258.csv:2: the file is not UTF-8 text (it may be in a legacy Vietnamese encoding: TCVN3 (ABC), VNI or Windows-1258); convert it to UTF-8 first (iconv -f WINDOWS-1258, or -f TCVN5712-1 for TCVN3); nothing was imported"
expect_code 65 "a TCVN3 file" register import birth "$R/births-tcvn3.csv"
expect_grep "is refused too" "births-tcvn3.csv:2: the file is not UTF-8 text" "$TMP/err"
expect_code 65 "a TCVN3 file, even with --reject-file" register import birth "$R/births-tcvn3.csv" \
	--reject-file "$TMP/r.csv"
expect_code 65 "a UTF-16 file (Excel's \"Unicode text\")" register import birth "$R/births-utf16.csv"
expect_err "is refused with the way out" \
"motcua: $R/births-utf16.csv: the file is UTF-16 text, not UTF-8; save it as \"CSV UTF-8\" and import that; nothing was imported"
# Good rows first, the bad byte far down: still nothing is kept.
{ cat "$R/births-nfd.csv"
  printf '05/2019,1,2019-05-01,Lê Văn Một,Nam,2019-04-30,,,,,,,,,,,,,,,,,,\n'
  printf '05/2019,2,2019-05-01,Lê Văn Hai,Nam,2019-04-30,,,,,,,,,,,,,,,,,,\n'
  printf '05/2019,3,2019-05-01,Nguy\352n V\342n A,Nam,2019-04-30,,,,,,,,,,,,,,,,,,\n'; } >"$TMP/late.csv"
expect_code 65 "a file whose last line is not UTF-8" register import birth "$TMP/late.csv" --reject-file "$TMP/r.csv"
expect_err "names that line" "motcua: $TMP/late.csv:5: the file is not UTF-8 text (it may be in a legacy Vietnamese encoding: TCVN3 (ABC), VNI or Windows-1258); convert it to UTF-8 first (iconv -f WINDOWS-1258, or -f TCVN5712-1 for TCVN3); nothing was imported"
expect_eq "nothing was imported" "$before" "$(db_snapshot)"

# ---- the file itself ----

printf 'book,number,registered_on,full_name,sex,date_of_birth,colour\n' >"$TMP/h.csv"
expect_code 65 "an unknown column" register import birth "$TMP/h.csv"
expect_err "is named, with the columns of the register" "motcua: $TMP/h.csv:1: unknown column \"colour\"; the columns are: book, number, registered_on, full_name, sex, date_of_birth, place_of_birth, ethnicity, nationality, hometown, id_number, father_name, father_birth_year, father_ethnicity, father_nationality, father_residence, mother_name, mother_birth_year, mother_ethnicity, mother_nationality, mother_residence, declarant, registrar, note, registering_office, error; or the titles of the paper register book, listed in motcua-register(1)"
printf 'book,number,registered_on,full_name,sex\n' >"$TMP/h.csv"
expect_code 65 "a missing required column" register import birth "$TMP/h.csv"
expect_err "is named" "motcua: $TMP/h.csv:1: the required column \"date_of_birth\" is missing"
: >"$TMP/empty.csv"
expect_code 65 "an empty file" register import birth "$TMP/empty.csv"
expect_err "is refused" "motcua: $TMP/empty.csv: the file is empty (no header line)"
printf 'book,number,registered_on,full_name,sex,date_of_birth\n01/2019,9,2019-03-15,"Lê Văn Tư,Nam,2019-03-01\n' >"$TMP/open.csv"
expect_code 65 "a quote never closed" register import birth "$TMP/open.csv"
expect_err "is malformed CSV" "motcua: $TMP/open.csv:2: a quoted field is not closed"
expect_code 66 "a missing file" register import birth "$TMP/none.csv"
expect_err "cannot be opened" "motcua: $TMP/none.csv: No such file or directory"
expect_code 2 "an unknown register" register import adoption "$R/births-excel.csv"
expect_code 2 "a missing file name" register import birth
expect_eq "none of these changed anything" "$before" "$(db_snapshot)"

"$MOTCUA" register import death - <"$R/deaths.csv" >/dev/null 2>&1
"$MOTCUA" register import death - <"$R/deaths.csv" >"$TMP/out" 2>"$TMP/err"
expect_eq "- reads standard input" "0 imported, 3 skipped, 0 rejected" "$(cat "$TMP/out")"
expect_eq "(the first time it imported them)" "3" "$(q "select count(*) from deaths")"

# ---- --dry-run ----

before=$(db_snapshot)
expect_code 0 "--dry-run" register import marriage "$R/marriages.csv" --dry-run
expect_out "counts what it would do" "3 imported, 0 skipped, 0 rejected (dry run: nothing was changed)"
expect_eq "and keeps nothing" "$before" "$(db_snapshot)"
expect_code 65 "--dry-run of a file with bad rows" register import birth "$R/births-bad.csv" --dry-run
expect_grep "reports them like an import" "births-bad.csv:2: full_name: is required" "$TMP/err"

# ---- --reject-file ----

expect_code 0 "--reject-file imports the good rows" register import birth "$R/births-bad.csv" \
	--reject-file "$TMP/bad.csv"
expect_out "and counts the others" "2 imported, 0 skipped, 15 rejected; 1 line break inside a one-line cell became a space"
expect_grep "they are still reported on stderr" "births-bad.csv:3: date_of_birth:" "$TMP/err"
expect_eq "the good row is in" "Nguyễn Văn An" "$(q "select full_name from births where book = '01/2019' and number = 15")"
# (a file for people: Excel's CSV UTF-8, a BOM and CRLF; t1912 has more)
expect_eq "the reject file has the file's header and an error column" \
	"$(printf '\357\273\277')$(head -1 "$R/births-bad.csv"),error$(printf '\r')" "$(head -1 "$TMP/bad.csv")"
expect_eq "and each bad row as it was, with its reason" \
	'01/2019,2,2019-03-15,Nguyễn Văn An,Nam,31/02/2019,,,,,,,,,,,,,,,,,,,"date_of_birth: ""31/02/2019"" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"'"$(printf '\r')" \
	"$(sed -n 3p "$TMP/bad.csv")"
expect_eq "15 rows and the header, one line each (the row of a place typed over two lines was imported)" "16" "$(wc -l <"$TMP/bad.csv")"
# Mend two rows of the reject file and import it again: its error column is ignored.
sed -e 's|Nguyễn Văn 2|Nguyễn Văn Hai|' -e 's|,X,2019-03-12|,Nữ,2019-03-12|' "$TMP/bad.csv" >"$TMP/fixed.csv"
expect_code 0 "the mended reject file imports again" register import birth "$TMP/fixed.csv" \
	--reject-file "$TMP/bad2.csv"
expect_out "with the mended rows in" "2 imported, 0 skipped, 13 rejected"
expect_eq "the mended rows" "6 Nữ Nguyễn Văn An|7 Nam Nguyễn Văn Hai" \
	"$(q "select group_concat(number || ' ' || sex || ' ' || full_name, '|') from births where book = '01/2019' and number in (6, 7)")"
expect_eq "the second reject file has the same header: one error column" \
	"$(head -1 "$TMP/fixed.csv")" "$(head -1 "$TMP/bad2.csv")"
expect_eq "and one byte order mark" "efbbbf62" "$(head -c4 "$TMP/bad2.csv" | od -An -tx1 | tr -d ' ')"
expect_code 73 "a reject file that cannot be created" register import birth "$R/births-bad.csv" \
	--reject-file "$TMP/no/such/dir/bad.csv"

# ---- the summary, and the progress bar on a terminal ----

expect_code 0 "-q" -q register import birth "$R/births-excel.csv"
expect_empty "prints no summary"
awk -v n=3000 -v seed=7 -f "$TESTS_DIR/../bench/gen-births.awk" >"$TMP/gen.csv"
export MOTCUA_DB="$TMP/gen/motcua.db"
init_office
script -qec "'$MOTCUA' register import birth '$TMP/gen.csv' --dry-run" /dev/null >"$TMP/pty" 2>&1
tr '\r' '\n' <"$TMP/pty" >"$TMP/pty.txt"
expect_grep "a terminal shows a progress bar" "[##############################] 100%  3000 rows" "$TMP/pty.txt"
expect_grep "then the summary" "3000 imported, 0 skipped, 0 rejected (dry run: nothing was changed)" "$TMP/pty.txt"
"$MOTCUA" register import birth "$TMP/gen.csv" --dry-run >"$TMP/out" 2>"$TMP/err"
expect_empty_err "without a terminal, no progress bar"
export MOTCUA_DB="$TMP/data/motcua.db"

# ---- an older database is upgraded ----

cp "$MOTCUA_DB" "$TMP/old.db"
# Version 1: without the registers, nor what later migrations made.
schema_undo_6 "$TMP/old.db"
sqlite3 "$TMP/old.db" "DROP TABLE births; DROP TABLE marriages; DROP TABLE deaths;
	DROP TABLE register_names; DROP TABLE register_terms; DROP TABLE extracts;
	DROP TABLE notifications; DROP INDEX dossiers_updated; DROP INDEX dossiers_report;
	DROP TABLE audit_log; DELETE FROM sqlite_sequence; PRAGMA user_version = 1;"
latest=$(grep -c '^	/\* [0-9][0-9]*: ' "$TESTS_DIR/../core/schema.c")
MOTCUA_DB="$TMP/old.db" "$MOTCUA" register import birth "$R/births-excel.csv" >"$TMP/out" 2>&1
expect_eq "a version-1 database gets the registers on first use" \
	"3 imported, 0 skipped, 0 rejected|$latest" \
	"$(cat "$TMP/out")|$(sqlite3 "$TMP/old.db" 'PRAGMA user_version')"
