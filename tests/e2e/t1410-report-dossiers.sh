#!/bin/sh
# report dossiers: the tracking book (form 07) of the scripted month, row by
# row, read back with sqlite3's CSV reader; -o, formula cells, errors.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/month.sh"
month_office
make_month
export MOTCUA_NOW=2026-04-30T09:00:00+07:00

expect_code 0 "the book of April" report dossiers --from 2026-04-01 --to 2026-04-30
expect_out "one row per dossier, in the order of receipt" \
"code,procedure,applicant,address,phone,received_at,due_at,finished_at,returned_at,delivery,status,on_time,outcome
$A,2.000635,Nguyễn Văn An,Khu phố lan,0912000001,2026-04-01T09:00:00+07:00,2026-04-06T09:00:00+07:00,2026-04-03T15:00:00+07:00,2026-04-06T10:00:00+07:00,counter,returned,true,on_time
$B,2.000635,Trần Thị Bình,Khu phố minh,0912000002,2026-04-02T10:00:00+07:00,2026-04-07T10:00:00+07:00,2026-04-08T09:00:00+07:00,,counter,done,false,late
$C,1.004873,Lê Văn Cường,Khu phố lan,0912000003,2026-04-06T09:00:00+07:00,2026-04-09T09:00:00+07:00,,,counter,processing,,overdue
$D,2.000635,Phạm Thị Dung,Khu phố lan,0912000004,2026-04-08T14:00:00+07:00,2026-04-17T14:00:00+07:00,2026-04-16T15:00:00+07:00,,post,done,false,late
$E,1.004873,Hoàng Văn Em,Khu phố minh,0912000005,2026-04-13T09:00:00+07:00,2026-04-21T09:00:00+07:00,2026-04-20T16:00:00+07:00,,counter,done,true,on_time
$F,2.000635,Vũ Thị Phương,Khu phố lan,0912000006,2026-04-15T09:00:00+07:00,2026-04-20T09:00:00+07:00,,,counter,rejected,,rejected
$G,2.000635,Đặng Văn Giang,Khu phố minh,0912000007,2026-04-15T10:00:00+07:00,2026-04-20T10:00:00+07:00,,,counter,withdrawn,,withdrawn
$H,1.004873,Bùi Thị Hoa,Khu phố lan,0912000008,2026-04-20T09:00:00+07:00,2026-04-23T09:00:00+07:00,,,counter,stopped,,stopped
$J,2.000635,Ngô Văn Khánh,Khu phố lan,0912000010,2026-04-20T09:30:00+07:00,2026-04-23T09:30:00+07:00,,,counter,supplement,,in_progress
$K,2.000815,Đỗ Thị Kim,,,2026-04-22T09:00:00+07:00,2026-04-22T17:00:00+07:00,2026-04-22T11:00:00+07:00,,counter,done,true,on_time
$M,1.004873,Lý Văn Minh,Khu phố minh,0912000013,2026-04-22T09:30:00+07:00,2026-04-28T09:30:00+07:00,,,post,payment,,overdue
$L,2.000815,Mai Thị Lan,Khu phố lan,0912000012,2026-04-23T16:00:00+07:00,2026-04-24T17:00:00+07:00,2026-04-28T09:00:00+07:00,2026-04-28T10:00:00+07:00,counter,returned,false,late
$I,2.000635,Trịnh Văn Ích,Khu phố minh,0912000009,2026-04-24T09:00:00+07:00,2026-05-04T09:00:00+07:00,,,counter,processing,,in_progress
$O,1.001193,Châu Văn Ổn,Khu phố lan,02743822222,2026-04-29T09:00:00+07:00,2026-04-29T17:00:00+07:00,2026-04-29T10:00:00+07:00,,counter,done,true,on_time"
cp "$TMP/out" "$TMP/book.csv"

# Read back with a CSV reader, the book gives the summary's every figure.
sqlite3 "$TMP/book.db" ".import --csv $TMP/book.csv book" \
	"SELECT count(*) || ' ' || group_concat(n, ' ') FROM (SELECT outcome, count(*) AS n FROM book GROUP BY outcome ORDER BY outcome)" \
	>"$TMP/check" 2>&1
expect_eq "sqlite3 reads 14 rows: in_progress 2, late 3, on_time 4, overdue 2, rejected 1, stopped 1, withdrawn 1" \
	"7 2 3 4 2 1 1 1" "$(cat "$TMP/check")"
mc report summary --from 2026-04-01 --to 2026-04-30 --format json
sqlite3 "$TMP/book.db" "SELECT count(*), sum(outcome = 'in_progress'), sum(outcome = 'on_time'), sum(outcome = 'late'), sum(outcome = 'overdue'), sum(outcome = 'rejected'), sum(outcome = 'withdrawn'), sum(outcome = 'stopped') FROM book" >"$TMP/check"
expect_eq "the same figures as report summary" \
	"$(jq -r '[.received,.in_progress,.on_time,.late,.overdue,.rejected,.withdrawn,.stopped] | map(tostring) | join("|")' "$TMP/out")" \
	"$(cat "$TMP/check")"
expect_eq "the rescheduled dossier shows its new due time, and is late (SPEC 4.4)" \
	"2026-04-17T14:00:00+07:00 false" \
	"$(sqlite3 "$TMP/book.db" "SELECT due_at || ' ' || on_time FROM book WHERE code = '$D'")"
expect_eq "the supplement wait moved E's due time" "2026-04-21T09:00:00+07:00 true" \
	"$(sqlite3 "$TMP/book.db" "SELECT due_at || ' ' || on_time FROM book WHERE code = '$E'")"

# The verdicts follow the clock: on 05/05 I is overdue.
MOTCUA_NOW=2026-05-05T09:00:00+07:00 mc report dossiers --from 2026-04-24 --to 2026-04-24
expect_eq "I, as of 05/05" "$I,processing,,overdue" "$(sed -n 2p "$TMP/out" | cut -d, -f1,11-)"

# Periods and -o.
expect_code 0 "without a period: all dossiers" report dossiers
expect_eq "N of March first, 15 rows" "16 $N" "$(wc -l <"$TMP/out" | tr -d ' ') $(sed -n 2p "$TMP/out" | cut -d, -f1)"
expect_code 0 "an empty period" report dossiers --from 2027-01-01
expect_out "gives the header alone" "code,procedure,applicant,address,phone,received_at,due_at,finished_at,returned_at,delivery,status,on_time,outcome"
expect_code 0 "-o FILE" report dossiers --from 2026-04-01 --to 2026-04-30 -o "$TMP/so-theo-doi.csv"
expect_empty "prints nothing on stdout"
# (a file for people: the paper book's titles, Excel's CSV UTF-8; t1912)
tail -n +2 "$TMP/book.csv" >"$TMP/book-rows"
expect_eq "and writes the same rows" "" \
	"$(tail -n +2 "$TMP/so-theo-doi.csv" | tr -d '\r' | cmp - "$TMP/book-rows" 2>&1)"
expect_code 0 "--output -" report dossiers --from 2026-04-01 --to 2026-04-30 --output -
expect_eq "is stdout" "" "$(cmp "$TMP/out" "$TMP/book.csv" 2>&1)"
expect_code 0 "--format csv is its format" report dossiers --from 2026-04-29 --format csv
expect_code 2 "JSON is not" report dossiers --format json
expect_code 73 "an output that cannot be created" report dossiers -o "$TMP/no/such/dir/book.csv"
if [ -w /dev/full ]; then
	expect_code 74 "a full disk is an I/O error" report dossiers -o /dev/full
fi
expect_code 2 "a bad date" report dossiers --to 31/04/2026
expect_err "is named with its option" "motcua: --to: \"31/04/2026\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"

# Cells a spreadsheet would run as formulas are neutralised, and read back.
"$MOTCUA" -q dossier new --procedure 2.000635 --applicant "@SUM(A1:A9)" \
	--address "=HYPERLINK(\"http://x\",\"y\")" --phone "+84 912 000 099" >/dev/null </dev/null
mc report dossiers --from 2026-04-30
expect_eq "the applicant and the address begin with '" \
	"'@SUM(A1:A9),\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" "$(sed -n 2p "$TMP/out" | cut -d, -f3-5)"
sqlite3 "$TMP/f.db" ".import --csv $TMP/out f" "SELECT applicant || '|' || address || '|' || phone FROM f" >"$TMP/check"
expect_eq "and a CSV reader gets them as text" "'@SUM(A1:A9)|'=HYPERLINK(\"http://x\",\"y\")|0912000099" "$(cat "$TMP/check")"
