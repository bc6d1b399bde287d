#!/bin/sh
# calendar due and holiday list|add|import: working days, lunar holidays,
# make-up days, the cut-off and the office's own days.
. "$(dirname "$0")/../lib.sh"
init_office

due() {  # FROM DAYS WANT DESCRIPTION
	mc calendar due --from "$1" --days "$2"
	expect_eq "$4: $1 + $2 -> $3" "$3" "$(cat "$TMP/out")"
}

due "2026-04-29 09:00" 3 "2026-05-06 09:00" "SPEC's example: 30/4, 1/5 and a weekend"
due "2026-04-24 10:00" 1 "2026-04-28 10:00" "a weekend then the make-up day of Giỗ Tổ (Sunday 26/4)"
due "2026-04-23 10:00" 2 "2026-04-28 10:00" "Friday counts, Monday 27/4 is the make-up day"
due "2026-02-13 10:00" 2 "2026-02-24 10:00" "Tết Bính Ngọ: 16-20/02/2026"
due "2026-01-30 14:00" 5 "2026-02-06 14:00" "an ordinary week"
due "2026-08-31 08:00" 2 "2026-09-04 08:00" "Quốc khánh 1-2/9/2026"
due "2027-02-03 09:00" 1 "2027-02-11 09:00" "Tết Đinh Mùi 04-08/02/2027 with make-up days 09-10/02 for its weekend"
due "2027-02-04 09:00" 1 "2027-02-12 07:30" "received on a day of Tết: counted from the opening of 11/02"
due "2027-04-15 09:00" 1 "2027-04-19 09:00" "Giỗ Tổ 2027 on Friday 16/4"
due "2026-04-29 09:00" 0 "2026-04-29 17:00" "same day"
due "2026-04-29 15:00" 0 "2026-04-29 17:00" "same day at the cut-off"
due "2026-04-29 15:01" 0 "2026-05-04 17:00" "same day after the cut-off"
due "2026-04-25 10:00" 0 "2026-04-28 17:00" "same day received on a Saturday before a make-up day"
due "2026-04-29 06:00" 1 "2026-05-04 07:30" "before opening on a day before holidays"
due "2026-05-04 06:00" 1 "2026-05-05 07:30" "before opening counts from 07:30"
due "2026-05-04 17:30" 1 "2026-05-06 07:30" "after closing counts from the next opening"
due "04/05/2026 12:00" 10 "2026-05-18 12:00" "the Vietnamese date form"

# Office hours are [07:30, 17:00): the closing minute is outside (SPEC 4.3).
due "2026-05-05 07:29" 1 "2026-05-06 07:30" "a minute before opening counts from 07:30"
due "2026-05-05 07:30" 1 "2026-05-06 07:30" "the opening minute is inside"
due "2026-05-05 16:59" 1 "2026-05-06 16:59" "the last minute before closing is inside"
due "2026-05-05 17:00" 1 "2026-05-07 07:30" "17:00 sharp counts from the next opening"
due "2026-05-05 17:00" 0 "2026-05-06 17:00" "same day at 17:00 sharp: the next working day"
due "2026-05-08 17:00" 1 "2026-05-12 07:30" "Friday 17:00 counts from Monday 07:30"
mc calendar due --from "2026-05-08 17:00" --days 1 --format json
expect_eq "Friday 17:00: counted from Monday's opening" "2026-05-11T07:30:00+07:00" \
	"$(jq -r .counted_from "$TMP/out")"
mc calendar due --from "2026-05-08 16:59" --days 1 --format json
expect_eq "Friday 16:59: counted from the receipt" "2026-05-08T16:59:00+07:00" \
	"$(jq -r .counted_from "$TMP/out")"
MOTCUA_NOW=2026-05-08T17:00:00+07:00 mc -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn A"
MOTCUA_NOW=2026-05-08T17:00:00+07:00 mc --format json dossier status "$(cat "$TMP/out")"
expect_eq "a dossier received Friday 17:00 (3 days) is due Thursday 07:30" \
	"2026-05-08T17:00:00+07:00 2026-05-14T07:30:00+07:00" \
	"$(jq -r '"\(.received_at) \(.due_at)"' "$TMP/out")"

expect_code 2 "a bad --from" calendar due --from "2026-02-29 09:00" --days 1
expect_err "names the field" "motcua: --from: \"2026-02-29 09:00\" is not a date and time (YYYY-MM-DD HH:MM)"
expect_code 2 "a bad --days" calendar due --from "2026-02-27 09:00" --days -1
expect_code 2 "a missing --days" calendar due --from "2026-02-27 09:00"
expect_code 0 "calendar due --format json" calendar due --from "2026-04-29 06:00" --days 1 --format json
expect_eq "says when the count started" "2026-04-29T06:00:00+07:00 2026-04-29T07:30:00+07:00 2026-05-04T07:30:00+07:00" \
	"$(jq -r '"\(.from) \(.counted_from) \(.due)"' "$TMP/out")"
TZ=UTC "$MOTCUA" calendar due --from "2026-04-29 16:00" --days 3 >"$TMP/utc"
TZ=Asia/Tokyo "$MOTCUA" calendar due --from "2026-04-29 16:00" --days 3 >"$TMP/tokyo"
expect_eq "the machine's TZ changes nothing" "$(cat "$TMP/utc")" "$(cat "$TMP/tokyo")"

expect_code 0 "holiday list --year 2026" holiday list --year 2026
expect_out "the computed holidays of 2026" "2026-01-01 Thu  holiday  Tết Dương lịch
2026-02-15 Sun  holiday  Tết Nguyên Đán
2026-02-16 Mon  holiday  Tết Nguyên Đán
2026-02-17 Tue  holiday  Tết Nguyên Đán
2026-02-18 Wed  holiday  Tết Nguyên Đán
2026-02-19 Thu  holiday  Tết Nguyên Đán
2026-02-20 Fri  makeup   Nghỉ bù Tết Nguyên Đán
2026-04-26 Sun  holiday  Giỗ Tổ Hùng Vương
2026-04-27 Mon  makeup   Nghỉ bù Giỗ Tổ Hùng Vương
2026-04-30 Thu  holiday  Ngày Chiến thắng
2026-05-01 Fri  holiday  Quốc tế Lao động
2026-09-01 Tue  holiday  Quốc khánh
2026-09-02 Wed  holiday  Quốc khánh"
mc holiday list --year 1985
expect_grep "Tết 1985 on 21 January in Vietnam (UTC+7), not 20 February" "1985-01-21 Mon  holiday  Tết Nguyên Đán" "$TMP/out"
mc holiday list --year 2023 --format json
expect_eq "2/9/2023 was a Saturday: made up on Monday 4/9" "makeup" \
	"$(jq -r '.[] | select(.date == "2023-09-04") | .source' "$TMP/out")"
expect_code 2 "a bad --year" holiday list --year 20x6

before=$(db_snapshot)
expect_code 65 "holiday add with a bad date" holiday add 2026-02-30
expect_err "names the field" "motcua: date: \"2026-02-30\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"
expect_code 65 "holiday import with bad rows" holiday import "$FIXTURES/holidays-bad.csv"
expect_err "reports each row" "$FIXTURES/holidays-bad.csv:2: date: \"2026-02-30\" is not a valid date
$FIXTURES/holidays-bad.csv:4: kind: \"vacation\" is not holiday or workday
motcua: $FIXTURES/holidays-bad.csv: 2 bad rows; nothing imported"
expect_eq "refusals change nothing" "$before" "$(db_snapshot)"

expect_code 0 "holiday add" holiday add 2026-05-05 --name "Nghỉ theo quyết định của UBND tỉnh"
due "2026-05-04 09:00" 1 "2026-05-06 09:00" "an office holiday is skipped"
expect_code 0 "holiday add --workday" holiday add 09/05/2026 --workday --name "Làm bù"
due "2026-05-08 09:00" 1 "2026-05-09 09:00" "a Saturday worked counts"
expect_code 0 "holiday add --workday on a computed holiday" holiday add 2026-09-01 --workday
due "2026-08-31 09:00" 1 "2026-09-01 09:00" "the office's word wins over the computed day"
expect_code 0 "holiday import" holiday import "$FIXTURES/holidays-2026.csv"
expect_out "counts the days" "3 days recorded"
mc holiday list --year 2026 --format csv
expect_eq "holiday list --format csv has the import header" "date,name,kind" "$(head -1 "$TMP/out")"
expect_grep "the office's days are listed" "2026-01-10,Làm bù ngày 02/01,workday" "$TMP/out"
expect_grep "Vietnamese dates were read" "2026-02-14,Nghỉ Tết Nguyên Đán (theo thông báo),holiday" "$TMP/out"
cp "$TMP/out" "$TMP/holidays.csv"
MOTCUA_DB="$TMP/b/motcua.db" "$MOTCUA" init --training --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú" >/dev/null
MOTCUA_DB="$TMP/b/motcua.db" "$MOTCUA" holiday import "$TMP/holidays.csv" >/dev/null
MOTCUA_DB="$TMP/b/motcua.db" "$MOTCUA" holiday list --year 2026 --format csv >"$TMP/holidays2.csv"
expect_eq "the CSV re-imports to the same calendar" "" "$(cmp "$TMP/holidays.csv" "$TMP/holidays2.csv" 2>&1)"

# An office open on Saturday mornings.
"$MOTCUA" config set workweek mon-sat-am
due "2026-05-14 09:00" 2 "2026-05-16 09:00" "mon-sat-am: Saturday morning counts"
due "2026-05-15 14:00" 1 "2026-05-18 14:00" "mon-sat-am: not after Saturday's closing"
due "2026-05-16 09:00" 0 "2026-05-16 11:30" "mon-sat-am: same day on Saturday morning"
