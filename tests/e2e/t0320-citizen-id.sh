#!/bin/sh
# Citizen ID numbers really checked: a 12-digit CCCD begins with one of the
# 63 province codes of Circular 07/2016/TT-BCA, and its 4th to 6th digits
# (sex and century, year of birth) agree with what the record says of its
# holder, on every way in; a 9-digit CMND is taken as it is.
. "$(dirname "$0")/../lib.sh"
init_office

# ---- dossiers: the province code (an applicant's sex and birth are not known)
before=$(db_snapshot)
expect_code 65 "a CCCD with province code 000" dossier new --procedure 2.000635 \
	--applicant "Nguyễn Văn An" --id-number 000190001234
expect_err "names the field and the code" \
	'motcua: id_number: "000190001234" does not begin with a province code (000 is not one of the 63 codes of Circular 07/2016/TT-BCA)'
expect_code 65 "003 is not a province code either" dossier new --procedure 2.000635 \
	--applicant "Nguyễn Văn An" --id-number "003 190 001 234"
expect_err "the number as typed" \
	'motcua: id_number: "003 190 001 234" does not begin with a province code (003 is not one of the 63 codes of Circular 07/2016/TT-BCA)'
expect_code 65 "097 is past Cà Mau (096)" dossier new --procedure 2.000635 \
	--applicant "Nguyễn Văn An" --id-number 097190001234
expect_eq "refusals change nothing" "$before" "$(db_snapshot)"
for code in 001 074 079 096; do
	expect_code 0 "province code $code accepted" -q dossier new --procedure 2.000635 \
		--applicant "Nguyễn Văn An" --id-number "${code}190001234"
done
expect_code 0 "a 9-digit CMND accepted as it is" --format json dossier new \
	--procedure 2.000635 --applicant "Trần Thị Bình" --id-number 123456789 --slip none
expect_eq "and stored" "123456789" "$(jq -r .id_number "$TMP/out")"
a=$(cat "$TMP/out" | jq -r .code)
before=$(db_snapshot)
expect_code 65 "dossier amend: the same check" dossier amend "$a" --id-number 005190001234 --reason x
expect_err "says why" \
	'motcua: id_number: "005190001234" does not begin with a province code (005 is not one of the 63 codes of Circular 07/2016/TT-BCA)'
expect_eq "and changes nothing" "$before" "$(db_snapshot)"

# ---- register add: sex and year of birth against the 4th to 6th digits ----
add_birth() {  # NUMBER SEX DATE_OF_BIRTH ID
	expect_code "$1" "$2" register add birth --book 01/2019 --number "$3" \
		--registered-on 20/03/2019 --full-name "Nguyễn Văn Đức" --sex "$4" \
		--date-of-birth "$5" --id-number "$6"
}
before=$(db_snapshot)
add_birth 65 "a birth: a province code that does not exist" 1 Nam 12/03/2019 000219001234
expect_err "says which" \
	'motcua: id_number: "000219001234" does not begin with a province code (000 is not one of the 63 codes of Circular 07/2016/TT-BCA)'
add_birth 65 "a birth: a woman's number for a boy" 1 Nam 12/03/2019 074319001234
expect_err "says the sex digit disagrees" \
	'motcua: id_number: "074319001234" is a woman'\''s number (its 4th digit 3 is odd), but sex is Nam'
add_birth 65 "a birth: a man's number for a girl" 1 Nữ 12/03/2019 074219001234
expect_err "the other way" \
	'motcua: id_number: "074219001234" is a man'\''s number (its 4th digit 2 is even), but sex is Nữ'
add_birth 65 "a birth: the year disagrees" 1 Nam 12/03/2019 074218001234
expect_err "says the year digits disagree" \
	'motcua: id_number: "074218001234" is the number of someone born in 2018 (digits 4 to 6), but date_of_birth is 2019-03-12'
add_birth 65 "a birth: the century disagrees" 1 Nam 12/03/2019 074019001234
expect_err "0 is the 1900s" \
	'motcua: id_number: "074019001234" is the number of someone born in 1919 (digits 4 to 6), but date_of_birth is 2019-03-12'
expect_eq "refused entries change nothing" "$before" "$(db_snapshot)"
add_birth 0 "a birth: a number that agrees" 1 Nam 12/03/2019 "074 219 001 234"
add_birth 0 "a birth: a girl's number that agrees" 2 Nữ 01/03/2019 079319005678
add_birth 0 "a birth: a 9-digit CMND has nothing to agree with" 3 Nữ 01/03/2019 123456789

# ---- register amend: the entry is checked whole ---------------------------
before=$(db_snapshot)
expect_code 65 "amending the sex against the ID number" \
	register amend birth 01/2019 1 --sex nữ --reason "x"
expect_err "is refused" \
	'motcua: id_number: "074219001234" is a man'\''s number (its 4th digit 2 is even), but sex is Nữ'
expect_code 65 "amending the date of birth against the ID number" \
	register amend birth 01/2019 1 --date-of-birth 12/03/2018 --reason "x"
expect_err "is refused" \
	'motcua: id_number: "074219001234" is the number of someone born in 2019 (digits 4 to 6), but date_of_birth is 2018-03-12'
expect_code 65 "amending the ID number against the entry" \
	register amend birth 01/2019 2 --id-number 079219005678 --reason "x"
expect_err "is refused" \
	'motcua: id_number: "079219005678" is a man'\''s number (its 4th digit 2 is even), but sex is Nữ'
expect_eq "refused amendments change nothing" "$before" "$(db_snapshot)"
expect_code 0 "amending sex and ID number together" \
	register amend birth 01/2019 1 --sex nữ --id-number 074319001234 --reason "nhầm giới tính"

# ---- register import: marriage (each spouse) and death, FILE:LINE ---------
cat >"$TMP/marriages.csv" <<'EOF'
book,number,registered_on,husband_name,wife_name,husband_date_of_birth,husband_id_number,wife_date_of_birth,wife_id_number
01/2020,1,2020-05-09,Nguyễn Văn Đức,Lê Thị Hoa,1990-05-01,079090001111,1992-08-15,079192002222
01/2020,2,2020-05-10,Trần Văn Bình,Lê Thị Cúc,1990-05-01,079190001111,1992-08-15,079192002223
01/2020,3,2020-05-11,Phạm Văn Công,Võ Thị Dung,1990-05-01,079090001112,1992-08-15,079092002224
01/2020,4,2020-05-12,Hồ Văn Em,Đỗ Thị Gấm,1991-05-01,079090001113,1992-08-15,079193002225
01/2020,5,2020-05-13,Lý Văn Hải,Mai Thị Hương,,079090001114,,002192002226
EOF
before=$(db_snapshot)
expect_code 65 "marriages with disagreeing numbers" register import marriage "$TMP/marriages.csv"
expect_err "every bad row, with its line" \
"$TMP/marriages.csv:3: husband_id_number: \"079190001111\" is a woman's number (its 4th digit 1 is odd), not a husband's
$TMP/marriages.csv:4: wife_id_number: \"079092002224\" is a man's number (its 4th digit 0 is even), not a wife's
$TMP/marriages.csv:5: husband_id_number: \"079090001113\" is the number of someone born in 1990 (digits 4 to 6), but husband_date_of_birth is 1991-05-01
motcua: $TMP/marriages.csv: 3 bad rows; nothing imported"
expect_eq "nothing imported" "$before" "$(db_snapshot)"

cat >"$TMP/deaths.csv" <<'EOF'
book,number,registered_on,full_name,died_on,sex,date_of_birth,id_number
01/2021,1,2021-02-04,Nguyễn Văn Đức,2021-02-03,Nam,1940-01-01,001040000123
01/2021,2,2021-02-05,Trần Thị Lan,2021-02-04,Nữ,1940-01-01,001040000124
01/2021,3,2021-02-06,Lê Văn Bảy,2021-02-05,Nam,1941-01-01,001040000125
01/2021,4,2021-02-07,Lê Văn Tám,2021-02-06,,,001141000126
01/2021,5,2021-02-08,Lê Văn Chín,2021-02-07,Nam,1941-01-01,000041000127
EOF
expect_code 65 "deaths with disagreeing numbers" register import death "$TMP/deaths.csv"
expect_err "the deceased's sex and year, and the province" \
"$TMP/deaths.csv:3: id_number: \"001040000124\" is a man's number (its 4th digit 0 is even), but sex is Nữ
$TMP/deaths.csv:4: id_number: \"001040000125\" is the number of someone born in 1940 (digits 4 to 6), but date_of_birth is 1941-01-01
$TMP/deaths.csv:6: id_number: \"000041000127\" does not begin with a province code (000 is not one of the 63 codes of Circular 07/2016/TT-BCA)
motcua: $TMP/deaths.csv: 3 bad rows; nothing imported"
expect_eq "nothing imported" "$before" "$(db_snapshot)"
sed -i '3,4d;6d' "$TMP/deaths.csv"
expect_code 0 "the good rows (a death without sex or birth date checks the province only)" \
	register import death "$TMP/deaths.csv"
expect_out "imported" "2 imported, 0 skipped, 0 rejected"
