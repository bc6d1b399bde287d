#!/bin/sh
# The registers in the audit log: an import is one range record covering
# all its new entries; an entry added by hand and an extract have their own;
# db check names any of them changed behind the program's back.
. "$(dirname "$0")/../lib.sh"
init_office
R=$FIXTURES/registers

"$MOTCUA" register import birth "$R/births-excel.csv" >/dev/null
mc audit log --table births --format json
expect_eq "an import is one record for its entries" '#range:1-3 {"rows":3} register import' \
	"$(jq -r '.[] | "\(.key) \(.change | tojson) \(.command)"' "$TMP/out")"
"$MOTCUA" register import birth "$R/births-excel.csv" >/dev/null
mc audit log --table births --format json
expect_eq "importing the same file again records nothing" "1" "$(jq length "$TMP/out")"
"$MOTCUA" register add birth --book 03/2019 --number 1 --registered-on 02/06/2019 \
	--full-name "Hồ Ngọc Hà" --sex nữ --date-of-birth 30/05/2019 >/dev/null
"$MOTCUA" extract birth 01/2019 1 --requester "Nguyễn Văn Hùng" -o "$TMP/tl.txt" >/dev/null
mc audit log --format json
expect_eq "an entry added by hand and an extract have a record each" \
	'births 4 {"book":"03/2019","number":1}|extracts 1/2026/TLKS-BS' \
	"$(jq -r '[.[] | select(.table == "births" and .key == "4"), select(.table == "extracts")] |
		map(if .table == "births" then "\(.table) \(.key) \(.change | tojson)" else "\(.table) \(.key)" end) | join("|")' "$TMP/out")"
"$MOTCUA" register import marriage "$R/marriages.csv" >/dev/null
"$MOTCUA" register import death "$R/deaths.csv" >/dev/null
"$MOTCUA" register import birth "$R/births-nfd.csv" >/dev/null
mc audit log --format json
expect_eq "marriages, deaths and a second birth import: a range record each" \
	'births #range:1-3|marriages #range:1-3|deaths #range:1-3|births #range:5-5' \
	"$(jq -r '[.[] | select(.key | startswith("#range:")) | "\(.table) \(.key)"] | join("|")' "$TMP/out")"
expect_code 0 "db check: all of it holds together" db check -q

cp "$MOTCUA_DB" "$TMP/clean.db"
tamper() {  # SQL: on a fresh copy of the clean database
	cp "$TMP/clean.db" "$MOTCUA_DB"
	rm -f "$MOTCUA_DB-wal" "$MOTCUA_DB-shm"
	sqlite3 "$MOTCUA_DB" "$1"
}
tamper "update births set full_name = 'Nguyễn Văn Đúc' where id = 2"
expect_code 1 "an imported entry altered with sqlite3" db check
expect_grep "is found, naming the import's range and record" \
	"births 1 to 3: altered, removed or added behind the program's back (they differ from audit record" "$TMP/out"
tamper "delete from births where id = 3"
expect_code 1 "an imported entry removed" db check
expect_grep "is found" "births 1 to 3: altered, removed or added" "$TMP/out"
tamper "update marriages set wife_residence = NULL where id = 2"
expect_code 1 "an imported marriage altered" db check
expect_grep "is found" "marriages 1 to 3: altered, removed or added" "$TMP/out"
tamper "update deaths set clerk = 'someone else' where id = 1"
expect_code 1 "an imported death's clerk altered" db check
expect_grep "is found" "deaths 1 to 3: altered, removed or added" "$TMP/out"
tamper "update births set entered_at = entered_at + 1 where id = 5"
expect_code 1 "the time of an entry of the second import altered" db check
expect_grep "is found, in its own range" "births 5 to 5: altered, removed or added" "$TMP/out"
tamper "update births set note = 'x' where id = 4"
expect_code 1 "an entry added by hand, altered" db check
expect_grep "is found by its own record" "births 4: altered behind the program's back" "$TMP/out"
tamper "insert into births(book, number, registered_on, full_name, sex, date_of_birth, clerk, entered_at)
	values ('09/2019', 9, '2019-01-01', 'Giả Mạo', 'Nam', '2019-01-01', 'x', 0)"
expect_code 1 "an entry inserted behind the program's back" db check
expect_grep "is found" "births 6: not in the audit log (written behind the program's back)" "$TMP/out"
tamper "drop trigger extracts_no_update; update extracts set fee = 0"
expect_code 1 "an extract's fee altered (its trigger dropped first)" db check
expect_grep "is found" "extracts 1/2026/TLKS-BS: altered behind the program's back" "$TMP/out"
