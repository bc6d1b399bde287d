#!/bin/sh
# dossier find: a citizen back without the slip is found by name (typed
# without marks, words in part), by phone in any written form, or by ID
# number; dossier status takes today's short forms and a PIN in any case.
. "$(dirname "$0")/../lib.sh"
init_office

new() {  # TIME NAME [OPTIONS...]: receives a dossier at TIME, prints its code
	t=$1 n=$2; shift 2
	case " $* " in *" --procedure "*) ;; *) set -- --procedure 2.000635 "$@" ;; esac
	MOTCUA_NOW=$t "$MOTCUA" -q dossier new --applicant "$n" "$@" </dev/null
}
c1=$(new 2026-04-29T09:00:00+07:00 "Nguyễn Văn Đức" --phone 0912345678 --id-number 079123456789)
c2=$(new 2026-04-29T10:00:00+07:00 "Trần Thị Duyên" --phone 0987654321 --id-number 123456789)
c3=$(new 2026-04-29T11:00:00+07:00 "Nguyễn Văn Đông" --phone "+84 912 345 678")
# Entered last, received first: a receipt recorded after the fact.
c4=$(new 2026-04-29T11:30:00+07:00 "NGUYỄN VĂN ĐỨC" --phone 0912.345.678 \
	--received-at "2026-04-29 08:30")
c5=$(new 2026-05-04T08:00:00+07:00 "Lê Văn Tám" --procedure 1.001193)
export MOTCUA_NOW=2026-05-04T09:00:00+07:00
expect_eq "five dossiers" "5" "$(sqlite3 "$MOTCUA_DB" 'SELECT count(*) FROM dossiers')"

# ---- by name ----

expect_code 0 "by name without marks" dossier find "nguyen van duc"
expect_out "both Đức, newest received first, in a table" \
"CODE                       RECEIVED          STATUS      PHONE       ID NUMBER    PROCEDURE  APPLICANT
$c1  2026-04-29 09:00  received    0912345678  079123456789 2.000635   Nguyễn Văn Đức
$c4  2026-04-29 08:30  received    0912345678               2.000635   NGUYỄN VĂN ĐỨC"
expect_code 0 "with its marks, in capitals" -q dossier find "NGUYỄN VĂN ĐỨC"
expect_out "the same" "$c1
$c4"
expect_code 0 "by word prefixes" -q dossier find "nguyen van d"
expect_out "Đông and the two Đức" "$c3
$c1
$c4"
expect_code 0 "words in part, in any order" -q dossier find "d ng"
expect_out "the same three" "$c3
$c1
$c4"
expect_code 0 "đ typed as d, one word in part" -q dossier find "duy"
expect_out "Duyên" "$c2"
expect_code 0 "a word of many names" -q dossier find "van"
expect_out "every Văn, the newest first" "$c5
$c3
$c1
$c4"
expect_code 0 "--limit 2" -q dossier find "van" --limit 2
expect_out "the two newest" "$c5
$c3"
expect_code 1 "words of no one name" dossier find "tran duc"
expect_err "nothing found is said" 'motcua: no dossier found for "tran duc"'
expect_empty "and no table is printed"
expect_code 1 "a name nobody has" dossier find "Hoàng" --format json
expect_out "an empty JSON list" "[]"
expect_code 65 "no word at all" dossier find " - "
expect_err "is refused" 'motcua: query: " - " has no word to look for'

# ---- by phone and ID number ----

for p in "0912 345 678" "0912.345.678" "+84912345678" "84912345678" "+84 912-345-678"; do
	expect_code 0 "by phone written $p" -q dossier find "$p"
	expect_out "the three of that phone, newest first" "$c3
$c1
$c4"
done
expect_code 0 "by a 12-digit ID number (CCCD), with blanks" -q dossier find "079 123 456 789"
expect_out "its dossier" "$c1"
expect_code 0 "by a 9-digit ID number (CMND)" -q dossier find 123456789
expect_out "its dossier" "$c2"
expect_code 1 "a phone nobody gave" dossier find 0911111111
expect_err "nothing found" 'motcua: no dossier found for "0911111111"'
expect_code 65 "digits that are neither" dossier find 1234
expect_err "say what a number must be" \
	'motcua: query: "1234" is neither a phone number (10 or 11 digits) nor a citizen ID number (9 or 12 digits)'
expect_empty "and nothing is printed"

# ---- machine outputs ----

expect_code 0 "--format csv" dossier find "nguyen van d" --format csv
python3 - "$TMP/out" >"$TMP/csv.txt" 2>&1 <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
print(list(rows[0].keys()))
for r in rows:
    print(r['code'], r['received_at'], r['applicant'], r['phone'], r['id_number'] or '-',
          r['procedure'], r['status'])
PY
expect_eq "read back by a CSV reader: the columns and the rows" \
"['code', 'received_at', 'applicant', 'phone', 'id_number', 'procedure', 'status']
$c3 2026-04-29T11:00:00+07:00 Nguyễn Văn Đông 0912345678 - 2.000635 received
$c1 2026-04-29T09:00:00+07:00 Nguyễn Văn Đức 0912345678 079123456789 2.000635 received
$c4 2026-04-29T08:30:00+07:00 NGUYỄN VĂN ĐỨC 0912345678 - 2.000635 received" "$(cat "$TMP/csv.txt")"
expect_code 0 "--format json" dossier find 123456789 --format json
expect_eq "parsed by a JSON reader" \
"[{'code': '$c2', 'received_at': '2026-04-29T10:00:00+07:00', 'applicant': 'Trần Thị Duyên', 'phone': '0987654321', 'id_number': '123456789', 'procedure': '2.000635', 'status': 'received'}]" \
	"$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8")))' "$TMP/out")"

# ---- bad options ----

expect_code 2 "--limit 0" dossier find van --limit 0
expect_err "in the one form of a bad option value" 'motcua: --limit: "0" is not a number from 1 to 1000'
expect_code 2 "--limit abc" dossier find van --limit abc
expect_err "the same" 'motcua: --limit: "abc" is not a number from 1 to 1000'
expect_code 2 "no text" dossier find
expect_code 2 "a format it does not print" dossier find van --format jsonl

# ---- status by today's short forms ----

MOTCUA_NOW=2026-04-29T16:00:00+07:00 expect_code 0 "today's number 0002" -q dossier status 0002
expect_out "is today's dossier 2" "$c2"
MOTCUA_NOW=2026-04-29T16:00:00+07:00 expect_code 0 "or 2" -q dossier status " 2 "
expect_out "the same" "$c2"
expect_code 0 "date and number, another day" -q dossier status 260429-0003
expect_out "that day's dossier 3" "$c3"
expect_code 0 "today's number, today" -q dossier status 0001
expect_out "today is 04/05: its first" "$c5"
expect_code 1 "a number not given today" dossier status 0009
expect_err "names the code it looked for" "motcua: no dossier 000.00.22.H12-260504-0009"
expect_code 1 "a day without that number" dossier status 260430-0001
expect_err "names the code" "motcua: no dossier 000.00.22.H12-260430-0001"
expect_code 1 "six digits are no short form" dossier status 123456
expect_err "left as typed" "motcua: no dossier 123456"
expect_code 0 "update takes it too" -q dossier update 260429-0004 --status processing
expect_out "the dossier moved" "$c4"
expect_eq "in the database" "processing" \
	"$(sqlite3 "$MOTCUA_DB" "SELECT status FROM dossiers WHERE code = '$c4'")"
expect_code 0 "form too" dossier form 260429-0001 01
expect_grep "the slip of that dossier" "$c1" "$TMP/out"

# ---- the PIN of a URL in any case ----

pin=$(sqlite3 "$MOTCUA_DB" "SELECT pin FROM dossiers WHERE code = '$c1'")
lower=$(printf '%s' "$pin" | tr 'A-Z' 'a-z')
expect_code 0 "a URL with its PIN in lower case" -q dossier status \
	"https://dichvucong.binhduong.gov.vn/tra-cuu?ma=$c1&pin=$lower"
expect_out "found" "$c1"
# Crockford base 32: I and L read as 1, O as 0.
misread=$(printf '%s' "$lower" | tr '10' 'lo')
expect_code 0 "with 1 and 0 misread as l and o" -q dossier status \
	"https://dichvucong.binhduong.gov.vn/tra-cuu?ma=$c1&pin=$misread"
expect_out "found" "$c1"
other=$(printf '%s' "$pin" | tr '0-9A-Z' '1-9A-Z0')
expect_code 1 "another PIN still refused" dossier status \
	"https://dichvucong.binhduong.gov.vn/tra-cuu?ma=$c1&pin=$other"
expect_err "said" "motcua: no dossier $c1 with this PIN"

# ---- the index beside the audited tables ----

expect_code 0 "db check is clean with the index" db check -q
expect_eq "which is no audited table" "0" \
	"$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM audit_log WHERE tbl IN ('dossier_names', 'dossier_terms')")"

# ---- an upgrade indexes the dossiers already there ----

latest=$(grep -c '^	/\* [0-9][0-9]*: ' "$TESTS_DIR/../core/schema.c")
cp "$MOTCUA_DB" "$TMP/v6.db"
schema_undo_7 "$TMP/v6.db"
expect_eq "a version-6 database has no index of names" "6 0" \
	"$(sqlite3 "$TMP/v6.db" "PRAGMA user_version; SELECT count(*) FROM sqlite_master WHERE name LIKE 'dossier_names%' OR name = 'dossier_terms'" | tr '\n' ' ' | sed 's/ $//')"
expect_code 1 "a version-6 database: dossier find does not upgrade it" --db "$TMP/v6.db" -q dossier find "nguyen van d"
expect_code 0 "db upgrade does" --db "$TMP/v6.db" db upgrade
expect_code 0 "then searched" --db "$TMP/v6.db" -q dossier find "nguyen van d"
expect_out "its dossiers are indexed on the way" "$c3
$c1
$c4"
expect_eq "and it is at the latest version" "$latest" "$(sqlite3 "$TMP/v6.db" 'PRAGMA user_version')"
expect_code 0 "words in part there too" --db "$TMP/v6.db" -q dossier find "le t"
expect_out "Lê Văn Tám" "$c5"
expect_code 0 "and db check finds it whole" --db "$TMP/v6.db" db check -q
cp "$MOTCUA_DB" "$TMP/v5.db"
schema_undo_6 "$TMP/v5.db"
expect_code 0 "a version-5 database too" --db "$TMP/v5.db" db upgrade
expect_code 0 "searched" --db "$TMP/v5.db" -q dossier find "TRAN thi"
expect_out "Trần Thị Duyên" "$c2"

# ---- a name corrected by dossier amend ----

expect_code 0 "a name amended, the dossier named by its short form" -q dossier amend 0001 \
	--applicant "Lê Minh Tám" --reason "gõ nhầm tên đệm"
expect_out "today's first" "$c5"
expect_code 1 "its old name" -q dossier find "le van tam"
expect_empty "finds it no more"
expect_code 0 "its new name" -q dossier find "LE MINH"
expect_out "finds it" "$c5"
expect_code 0 "the other Văn" -q dossier find "van"
expect_out "are found as before" "$c3
$c1
$c4"
expect_code 0 "db check is clean after the amendment" db check -q

# ---- a name changed behind motcua's back ----

# The index still holds the old words, but each hit is checked against
# the name as stored: the old name finds nothing, and nothing breaks.
sqlite3 "$MOTCUA_DB" "UPDATE dossiers SET applicant = 'Phạm Thị Hoa' WHERE code = '$c3'"
expect_code 1 "the old name" -q dossier find "nguyen van dong"
expect_empty "no longer finds it"
expect_code 0 "the others of the old words" -q dossier find "nguyen van d"
expect_out "are found as before" "$c1
$c4"
