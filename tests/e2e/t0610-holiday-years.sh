#!/bin/sh
# The computed holidays of the years whose announcements motcua(1) cites,
# and working-day due dates across them once the office has recorded what
# each announcement decided beyond the rule (SPEC 7, motcua-holiday(1)).
# Every expected date below is counted by hand from the days off announced.
. "$(dirname "$0")/../lib.sh"
init_office

due() {  # FROM DAYS WANT DESCRIPTION
	mc calendar due --from "$1" --days "$2"
	expect_eq "$4: $1 + $2 -> $3" "$3" "$(cat "$TMP/out")"
}
# listed YEAR FROM TO DESCRIPTION EXPECTED: the rows of holiday list
# --year YEAR dated FROM to TO (YYYY-MM-DD) are exactly EXPECTED.
listed() {
	mc holiday list --year "$1"
	awk -v a="$2" -v b="$3" '$1 >= a && $1 <= b' "$TMP/out" >"$TMP/rows"
	cp "$TMP/rows" "$TMP/out"
	expect_out "$4" "$5"
}
# record ROWS: holiday import of date,name,kind ROWS
record() {
	printf 'date,name,kind\n%s\n' "$1" >"$TMP/days.csv"
	expect_code 0 "the announcement recorded" holiday import "$TMP/days.csv"
}

# ---- 2020: Tết Canh Tý off Thursday 23/01 to Wednesday 29/01 -------------
listed 2020 2020-01-20 2020-02-10 "Tết 2020: 29 and 30 tháng Chạp, 1-3 tháng Giêng, two made up" \
"2020-01-23 Thu  holiday  Tết Nguyên Đán
2020-01-24 Fri  holiday  Tết Nguyên Đán
2020-01-25 Sat  holiday  Tết Nguyên Đán
2020-01-26 Sun  holiday  Tết Nguyên Đán
2020-01-27 Mon  holiday  Tết Nguyên Đán
2020-01-28 Tue  makeup   Nghỉ bù Tết Nguyên Đán
2020-01-29 Wed  makeup   Nghỉ bù Tết Nguyên Đán"
due "2020-01-22 10:00" 1 "2020-01-30 10:00" "the day before Tết 2020: the next working day is 30/01"
due "2020-01-21 10:00" 2 "2020-01-30 10:00" "22/01 counts, 23-29/01 do not"
# Quốc khánh 2020 was one day (Labour Code 2012): 1/9 was worked.
record "2020-09-01,Làm việc (Quốc khánh một ngày),workday"
due "2020-08-31 10:00" 1 "2020-09-01 10:00" "1/9/2020 worked"
due "2020-08-31 10:00" 2 "2020-09-03 10:00" "2/9/2020 (Wednesday) off"

# ---- 2021: 2/9 a Thursday: 3/9 beside it --------------------------------
listed 2021 2021-08-30 2021-09-07 "Quốc khánh 2021: Thursday 2/9 and Friday 3/9" \
"2021-09-02 Thu  holiday  Quốc khánh
2021-09-03 Fri  holiday  Quốc khánh"
due "2021-09-01 09:00" 1 "2021-09-06 09:00" "1/9/2021 is worked; 2-5/9 are not"
due "2021-08-31 09:00" 1 "2021-09-01 09:00" "the day before is an ordinary day"

# ---- 2023: Tết Quý Mão off Friday 20/01 to Thursday 26/01 ----------------
listed 2023 2023-01-01 2023-01-31 "Tết 2023: 20-24/01 with two make-ups, and 1/1 on a Sunday" \
"2023-01-01 Sun  holiday  Tết Dương lịch
2023-01-02 Mon  makeup   Nghỉ bù Tết Dương lịch
2023-01-20 Fri  holiday  Tết Nguyên Đán
2023-01-21 Sat  holiday  Tết Nguyên Đán
2023-01-22 Sun  holiday  Tết Nguyên Đán
2023-01-23 Mon  holiday  Tết Nguyên Đán
2023-01-24 Tue  holiday  Tết Nguyên Đán
2023-01-25 Wed  makeup   Nghỉ bù Tết Nguyên Đán
2023-01-26 Thu  makeup   Nghỉ bù Tết Nguyên Đán"
due "2023-01-19 09:00" 1 "2023-01-27 09:00" "Thursday 19/01/2023: due Friday 27/01"
listed 2023 2023-04-25 2023-05-05 "Giỗ Tổ on Saturday 29/4/2023 and 30/4 on Sunday: off 29/4-3/5" \
"2023-04-29 Sat  holiday  Giỗ Tổ Hùng Vương
2023-04-30 Sun  holiday  Ngày Chiến thắng
2023-05-01 Mon  holiday  Quốc tế Lao động
2023-05-02 Tue  makeup   Nghỉ bù Giỗ Tổ Hùng Vương
2023-05-03 Wed  makeup   Nghỉ bù Ngày Chiến thắng"
due "2023-04-28 09:00" 1 "2023-05-04 09:00" "Friday 28/4/2023: due Thursday 4/5"

# ---- 2024: Tết Giáp Thìn off Thursday 08/02 to Wednesday 14/02 -----------
listed 2024 2024-02-01 2024-02-20 "Tết 2024: 08-12/02 with two make-ups" \
"2024-02-08 Thu  holiday  Tết Nguyên Đán
2024-02-09 Fri  holiday  Tết Nguyên Đán
2024-02-10 Sat  holiday  Tết Nguyên Đán
2024-02-11 Sun  holiday  Tết Nguyên Đán
2024-02-12 Mon  holiday  Tết Nguyên Đán
2024-02-13 Tue  makeup   Nghỉ bù Tết Nguyên Đán
2024-02-14 Wed  makeup   Nghỉ bù Tết Nguyên Đán"
due "2024-02-07 14:00" 1 "2024-02-15 14:00" "Wednesday 07/02/2024: due Thursday 15/02"
# 30/4-1/5/2024: Monday 29/4 off, worked on Saturday 4/5.
record "2024-04-29,Nghỉ lễ (hoán đổi),holiday
2024-05-04,Làm bù ngày 29/4,workday"
due "2024-04-26 09:00" 1 "2024-05-02 09:00" "27/4-1/5/2024 off"
due "2024-04-26 09:00" 3 "2024-05-04 09:00" "Saturday 4/5/2024 worked"
due "2024-04-26 09:00" 4 "2024-05-06 09:00" "then Monday"
listed 2024 2024-08-30 2024-09-05 "Quốc khánh 2024: 1/9 on a Sunday, made up after 2/9" \
"2024-09-01 Sun  holiday  Quốc khánh
2024-09-02 Mon  holiday  Quốc khánh
2024-09-03 Tue  makeup   Nghỉ bù Quốc khánh"
due "2024-08-30 09:00" 1 "2024-09-04 09:00" "31/8-3/9/2024 off"

# ---- 2025: Tết Ất Tỵ off Saturday 25/01 to Sunday 02/02 ------------------
listed 2025 2025-01-20 2025-02-05 "Tết 2025: 27-31/01, Monday to Friday" \
"2025-01-27 Mon  holiday  Tết Nguyên Đán
2025-01-28 Tue  holiday  Tết Nguyên Đán
2025-01-29 Wed  holiday  Tết Nguyên Đán
2025-01-30 Thu  holiday  Tết Nguyên Đán
2025-01-31 Fri  holiday  Tết Nguyên Đán"
due "2025-01-24 09:00" 1 "2025-02-03 09:00" "Friday 24/01/2025: due Monday 03/02"
# 30/4-1/5/2025: Friday 2/5 off, worked on Saturday 26/4.
record "2025-05-02,Nghỉ lễ (hoán đổi),holiday
2025-04-26,Làm bù ngày 2/5,workday"
due "2025-04-25 09:00" 1 "2025-04-26 09:00" "Saturday 26/4/2025 worked"
due "2025-04-29 09:00" 1 "2025-05-05 09:00" "30/4-4/5/2025 off"
listed 2025 2025-08-29 2025-09-04 "Quốc khánh 2025: Monday 1/9 and Tuesday 2/9" \
"2025-09-01 Mon  holiday  Quốc khánh
2025-09-02 Tue  holiday  Quốc khánh"
due "2025-08-29 09:00" 1 "2025-09-03 09:00" "30/8-2/9/2025 off"

# ---- 2026: Tết Bính Ngọ off Saturday 14/02 to Sunday 22/02 ---------------
listed 2026 2026-02-10 2026-02-25 "Tết 2026: 15-19/02, 15/02 a Sunday made up on 20/02" \
"2026-02-15 Sun  holiday  Tết Nguyên Đán
2026-02-16 Mon  holiday  Tết Nguyên Đán
2026-02-17 Tue  holiday  Tết Nguyên Đán
2026-02-18 Wed  holiday  Tết Nguyên Đán
2026-02-19 Thu  holiday  Tết Nguyên Đán
2026-02-20 Fri  makeup   Nghỉ bù Tết Nguyên Đán"
due "2026-02-13 10:00" 1 "2026-02-23 10:00" "Friday 13/02/2026: due Monday 23/02"
# 1/1/2026: Friday 2/1 off, worked on Saturday 10/1.
record "2026-01-02,Nghỉ Tết Dương lịch (hoán đổi),holiday
2026-01-10,Làm bù ngày 2/1,workday"
due "2025-12-31 09:00" 1 "2026-01-05 09:00" "1-4/1/2026 off"
due "2026-01-09 09:00" 1 "2026-01-10 09:00" "Saturday 10/1/2026 worked"

# ---- 2027: Tết Đinh Mùi, and 2/9 a Thursday again -----------------------
listed 2027 2027-02-01 2027-02-12 "Tết 2027: 04-08/02 with two make-ups" \
"2027-02-04 Thu  holiday  Tết Nguyên Đán
2027-02-05 Fri  holiday  Tết Nguyên Đán
2027-02-06 Sat  holiday  Tết Nguyên Đán
2027-02-07 Sun  holiday  Tết Nguyên Đán
2027-02-08 Mon  holiday  Tết Nguyên Đán
2027-02-09 Tue  makeup   Nghỉ bù Tết Nguyên Đán
2027-02-10 Wed  makeup   Nghỉ bù Tết Nguyên Đán"
listed 2027 2027-08-30 2027-09-07 "Quốc khánh 2027: Thursday 2/9 and Friday 3/9" \
"2027-09-02 Thu  holiday  Quốc khánh
2027-09-03 Fri  holiday  Quốc khánh"
due "2027-09-01 09:00" 1 "2027-09-06 09:00" "Wednesday 1/9/2027: due Monday 6/9"

# ---- 1947: Giỗ Tổ on 30 April: one row, one make-up day -----------------
listed 1947 1947-04-28 1947-05-05 "Giỗ Tổ and 30/4 on Wednesday 30/4/1947" \
"1947-04-30 Wed  holiday  Giỗ Tổ Hùng Vương, Ngày Chiến thắng
1947-05-01 Thu  holiday  Quốc tế Lao động
1947-05-02 Fri  makeup   Nghỉ bù Ngày Chiến thắng"
mc holiday list --year 1947 --format json
expect_eq "the JSON has one row for 30/4/1947" "1" \
	"$(jq '[.[] | select(.date == "1947-04-30")] | length' "$TMP/out")"
