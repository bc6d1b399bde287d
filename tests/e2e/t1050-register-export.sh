#!/bin/sh
# register export, show and add: export writes the import format, so that
# export -> import into an empty register -> export gives the same bytes.
. "$(dirname "$0")/../lib.sh"
init_office
R=$FIXTURES/registers
q() { sqlite3 "$MOTCUA_DB" "$1"; }
OTHER="$TMP/other/motcua.db"
MOTCUA_DB=$OTHER "$MOTCUA" init --training --unit-id 000.00.22.H13 --unit-name "UBND xã An Sơn" >/dev/null

# ---- the round trip, for each register ----

for k in birth marriage death; do
	case $k in birth) f=births-roundtrip.csv ;; marriage) f=marriages.csv ;; death) f=deaths.csv ;; esac
	"$MOTCUA" register import $k "$R/$f" >/dev/null 2>"$TMP/err" || { not_ok "import $f"; cat "$TMP/err"; }
	expect_code 0 "$k: export" register export $k
	cp "$TMP/out" "$TMP/$k-1.csv"
	MOTCUA_DB=$OTHER "$MOTCUA" register import $k - <"$TMP/$k-1.csv" >"$TMP/imp" 2>&1
	expect_eq "$k: the export imports into an empty register" "3 imported, 0 skipped, 0 rejected" \
		"$(cat "$TMP/imp")"
	MOTCUA_DB=$OTHER "$MOTCUA" register export $k >"$TMP/$k-2.csv"
	if cmp -s "$TMP/$k-1.csv" "$TMP/$k-2.csv"; then ok "$k: export -> import -> export gives the same bytes"
	else not_ok "$k: export -> import -> export differs"; diff "$TMP/$k-1.csv" "$TMP/$k-2.csv" | head; fi
	expect_eq "$k: the header is the import format of SPEC 6.1, then the registering office" \
		"$(head -1 "$R/$f"),registering_office" "$(head -1 "$TMP/$k-1.csv")"
done

expect_eq "birth: the export, dates as YYYY-MM-DD, sex as Nam/Nữ, formula cells neutralised" \
'book,number,registered_on,full_name,sex,date_of_birth,place_of_birth,ethnicity,nationality,hometown,id_number,father_name,father_birth_year,father_ethnicity,father_nationality,father_residence,mother_name,mother_birth_year,mother_ethnicity,mother_nationality,mother_residence,declarant,registrar,note,registering_office
01/2019,1,2019-03-15,Nguyễn Văn Đức,Nam,2019-03-12,"Bệnh viện Đa khoa tỉnh Bình Dương, Thủ Dầu Một",Kinh,Việt Nam,"xã Nghĩa Hưng, huyện Nghĩa Hưng, tỉnh Nam Định",074219001234,Nguyễn Văn Hùng,1988,Kinh,Việt Nam,"số 12, khu phố 3, phường Vĩnh Phú",Trần Thị Mai,1990,Kinh,Việt Nam,"số 12, khu phố 3, phường Vĩnh Phú",Nguyễn Văn Hùng,Trần Thị Thu Hà,'"'"'=1+2,
01/2019,2,2019-04-05,Trần Thị Bích Ngọc,Nữ,2019-04-01,Trạm Y tế phường Vĩnh Phú,Kinh,Việt Nam,,,,,,,,Trần Thị Lan,1995,Kinh,Việt Nam,"ấp 2, xã An Sơn",Trần Thị Lan,Trần Thị Thu Hà,"'"'"'- đã cải chính ngày sinh
theo quyết định số 12/QĐ-UBND",
02/2019,1,2019-11-20,Lê Minh Khang,Nam,2019-11-18,"'"'"'+84 Bệnh viện ""Hạnh Phúc""",Hoa,Việt Nam,,,Lê Văn Nam,1985,Hoa,Việt Nam,'"'"'@khu phố 5,Phạm Thị Hoa,1987,Kinh,Việt Nam,-5,Lê Văn Nam,Nguyễn Văn Bình,,' \
	"$(cat "$TMP/birth-1.csv")"
expect_eq "what is stored has no leading ' (import removes it again)" "=1+2|- đã cải chính ngày sinh" \
	"$(q "select group_concat(substr(note, 1, 25), '|') from births where note is not null")"
expect_eq "a number such as -5 is left alone" "-5" \
	"$(q "select mother_residence from births where book = '02/2019'")"

# ---- export options ----

expect_code 0 "export --from --to" register export marriage --from 2020-06-01 --to 31/12/2020
expect_eq "only the entries registered then" "01/2020,2" "$(sed 1d "$TMP/out" | cut -d, -f1,2)"
expect_code 0 "export of a period with nothing" register export death --from 2030-01-01
expect_eq "is the header alone" "$(head -1 "$R/deaths.csv"),registering_office" "$(cat "$TMP/out")"
expect_code 2 "a bad date" register export death --from 2021-02-30
expect_err "is named, with the option" 'motcua: --from: "2021-02-30" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)'
expect_code 73 "-o into a folder that does not exist" register export birth -o "$TMP/no/such/x.csv"
if [ -w /dev/full ]; then
	"$MOTCUA" register export birth -o /dev/full >/dev/null 2>"$TMP/err"
	expect_eq "a full disk is exit 74" "74" "$?"
	expect_grep "and says so" "/dev/full: write error" "$TMP/err"
	"$MOTCUA" register export birth >/dev/full 2>"$TMP/err"
	expect_eq "standard output on a full disk is exit 74 too" "74" "$?"
fi

# ---- show ----

expect_code 0 "show" register show birth 01/2019 1
expect_out "prints every value given, each under its label" "birth entry 1 of book 01/2019
  Registered on           2019-03-15
  Full name               Nguyễn Văn Đức
  Sex                     Nam
  Date of birth           2019-03-12
  Place of birth          Bệnh viện Đa khoa tỉnh Bình Dương, Thủ Dầu Một
  Ethnicity               Kinh
  Nationality             Việt Nam
  Home town               xã Nghĩa Hưng, huyện Nghĩa Hưng, tỉnh Nam Định
  Personal ID number      074219001234
  Father's full name      Nguyễn Văn Hùng
  Father's year of birth  1988
  Father's ethnicity      Kinh
  Father's nationality    Việt Nam
  Father's residence      số 12, khu phố 3, phường Vĩnh Phú
  Mother's full name      Trần Thị Mai
  Mother's year of birth  1990
  Mother's ethnicity      Kinh
  Mother's nationality    Việt Nam
  Mother's residence      số 12, khu phố 3, phường Vĩnh Phú
  Birth declared by       Nguyễn Văn Hùng
  Registered by           Trần Thị Thu Hà
  Note                    =1+2"
expect_code 0 "show a note of two lines" register show birth 01/2019 2
expect_grep "keeps the second line under the first" "                          theo quyết định số 12/QĐ-UBND" "$TMP/out"
expect_code 0 "show --format json" register show death 01/2021 1 --format json
expect_eq "is JSON with numbers as numbers and empty values as null" \
	'death|1|Nguyễn Văn Đức|09:05|null' \
	"$(jq -r '[.kind, .number, .full_name, .died_at_time, .note] | map(tostring) | join("|")' "$TMP/out")"
expect_code 0 "show --format csv" register show marriage 01/2020 2 --format csv
expect_eq "is a CSV file that imports" "$(head -1 "$R/marriages.csv"),registering_office" "$(head -1 "$TMP/out")"
expect_code 1 "an entry that is not there" register show birth 01/2019 9
expect_err "is not found" "motcua: no birth entry 9 in book 01/2019"
expect_code 65 "a number that is no number" register show birth 01/2019 x9
expect_code 2 "an unknown register" register show adoption 01/2019 1
expect_err "is a usage error" "motcua: \"adoption\" is not a register: birth, marriage or death
usage: motcua register show birth|marriage|death BOOK NUMBER"

# ---- add ----

before=$(db_snapshot)
expect_code 2 "add without a required field" register add birth --book 03/2019 --number 1 \
	--registered-on 2019-06-01 --full-name "Hồ Ngọc Hà" --sex Nữ
expect_grep "names it as an option" "motcua: --date-of-birth is required for a birth entry" "$TMP/err"
expect_code 2 "a field of another register" register add birth --book 03/2019 --number 1 \
	--registered-on 2019-06-01 --full-name "Hồ Ngọc Hà" --sex Nữ --date-of-birth 2019-05-30 \
	--died-on 2019-06-01
expect_grep "is a usage error" "motcua: --died-on is not a field of the birth register" "$TMP/err"
expect_code 65 "a bad value" register add death --book 03/2021 --number 1 --registered-on 2021-06-01 \
	--full-name "Hồ Văn Tư" --died-on 2021-06-02
expect_err "is refused" "motcua: died_on: 2021-06-02 is after the registration (2021-06-01)"
expect_eq "nothing was added" "$before" "$(db_snapshot)"
expect_code 0 "add" register add birth --book 03/2019 --number 1 --registered-on 02/06/2019 \
	--full-name "Hồ Ngọc Hà" --sex nữ --date-of-birth 30/05/2019 --mother-name "Hồ Thị Lan"
expect_out "says so" "added birth entry 1 of book 03/2019"
expect_eq "stores the values in their form" "2019-06-02|Nữ|2019-05-30|Hồ Thị Lan" \
	"$(q "select registered_on, sex, date_of_birth, mother_name from births where book = '03/2019'")"
expect_code 0 "adding the same entry again" register add birth --book 03/2019 --number 1 \
	--registered-on 2019-06-02 --full-name "Hồ Ngọc Hà" --sex Nữ --date-of-birth 2019-05-30 \
	--mother-name "Hồ Thị Lan"
expect_out "changes nothing" "birth entry 1 of book 03/2019 is already in the register"
expect_code 65 "the same book and number with other values" register add birth --book 03/2019 \
	--number 1 --registered-on 2019-06-02 --full-name "Hồ Ngọc Hân" --sex Nữ --date-of-birth 2019-05-30
expect_err "is refused" "motcua: number: entry 1 of book 03/2019 is already in the register with full_name \"Hồ Ngọc Hà\", not \"Hồ Ngọc Hân\""
expect_code 0 "add --format json" register add marriage --book 02/2020 --number 1 \
	--registered-on 2020-09-09 --husband-name "Đỗ Văn Nam" --wife-name "Ngô Thị Thu" --format json
expect_eq "prints the entry" "marriage 1 Ngô Thị Thu" "$(jq -r '"\(.kind) \(.number) \(.wife_name)"' "$TMP/out")"
expect_code 0 "an added entry is found by search" register search "ngo thu"
expect_grep "at once" "Đỗ Văn Nam" "$TMP/out"
