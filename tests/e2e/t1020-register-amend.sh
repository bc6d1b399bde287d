#!/bin/sh
# register amend: an entry typed wrong corrected in place with a reason,
# the amendment kept and shown, the search index and extracts following
# it, db check holding (and still catching what is altered behind the
# program's back); register import --amend: a mended file applied whole.
. "$(dirname "$0")/../lib.sh"
init_office
R=$FIXTURES/registers

"$MOTCUA" register import birth "$R/births-excel.csv" >/dev/null     # ids 1-3, one range
"$MOTCUA" register import marriage "$R/marriages.csv" >/dev/null
"$MOTCUA" register add birth --book 03/2019 --number 1 --registered-on 02/06/2019 \
	--full-name "Hồ Ngọc Ha" --sex nam --date-of-birth 30/05/2019 >/dev/null   # id 4
amendments() { sqlite3 "$MOTCUA_DB" "select count(*) from register_amendments"; }

# ---- one field of an imported entry ----
expect_code 0 "amend the name of an imported entry" register amend birth 01/2019 2 \
	--full-name "Trần Thị Bích Ngân" --reason "typed wrong at import"
expect_out "says what changed, old -> new" "amended birth entry 2 of book 01/2019
  Full name: Trần Thị Bích Ngọc → Trần Thị Bích Ngân"
expect_eq "the entry is changed in place" "Trần Thị Bích Ngân|2" \
	"$(sqlite3 "$MOTCUA_DB" "select full_name, id from births where book = '01/2019' and number = 2")"
expect_eq "one amendment kept, with kind, entry, clerk, reason and changes" \
	'birth|2|lan|typed wrong at import|{"full_name":["Trần Thị Bích Ngọc","Trần Thị Bích Ngân"]}' \
	"$(sqlite3 "$MOTCUA_DB" "select kind, entry_id, clerk, reason, changes from register_amendments")"

# ---- several fields of an entry added by hand, in JSON ----
expect_code 0 "amend several fields of an added entry, --format json" register amend birth \
	03/2019 1 --full-name "Hồ Ngọc Hà" --sex nữ --note "sửa theo tờ khai" --hometown "" \
	--reason "lỗi đánh máy" --format json
expect_eq "JSON: the entry and the amendment, each value as [old, new]" \
	'birth 03/2019 1 2 lan lỗi đánh máy 2026-04-29T09:00:00+07:00 {"full_name":["Hồ Ngọc Ha","Hồ Ngọc Hà"],"sex":["Nam","Nữ"],"note":[null,"sửa theo tờ khai"]}' \
	"$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); a = d["amendment"]
print(d["kind"], d["book"], d["number"], a["id"], a["clerk"], a["reason"], a["at"],
      json.dumps(a["changes"], ensure_ascii=False, separators=(",", ":")))' "$TMP/out")"
expect_code 0 "amend -q" register amend birth 03/2019 1 --note "sửa theo tờ khai gốc" \
	--reason "ghi chú đầy đủ" -q
expect_out "prints the amendment's id" "3"

# ---- show ----
expect_code 0 "show an amended entry" register show birth 03/2019 1
expect_out "shows the current values, then each amendment: when, who, why, old -> new" \
"birth entry 1 of book 03/2019
  Registered on           2019-06-02
  Full name               Hồ Ngọc Hà
  Sex                     Nữ
  Date of birth           2019-05-30
  Note                    sửa theo tờ khai gốc
Amendments:
  2026-04-29 09:00  lan  lỗi đánh máy
    Full name: Hồ Ngọc Ha → Hồ Ngọc Hà
    Sex: Nam → Nữ
    Note: (empty) → sửa theo tờ khai
  2026-04-29 09:00  lan  ghi chú đầy đủ
    Note: sửa theo tờ khai → sửa theo tờ khai gốc"
expect_code 0 "show --format json" register show birth 03/2019 1 --format json
expect_eq "JSON: the values and the amendments, oldest first" \
	'Hồ Ngọc Hà|2,3|lỗi đánh máy|["Nam", "Nữ"]|[null, "sửa theo tờ khai"]|["sửa theo tờ khai", "sửa theo tờ khai gốc"]' \
	"$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); a = d["amendments"]
print(d["full_name"], ",".join(str(x["id"]) for x in a), a[0]["reason"],
      json.dumps(a[0]["changes"]["sex"], ensure_ascii=False),
      json.dumps(a[0]["changes"]["note"], ensure_ascii=False),
      json.dumps(a[1]["changes"]["note"], ensure_ascii=False), sep="|")' "$TMP/out")"
expect_code 0 "show --format json of an entry never amended" register show birth 01/2019 1 --format json
expect_eq "has an empty list of amendments" "[]" "$(jq -c .amendments "$TMP/out")"
expect_code 0 "show --format csv" register show birth 01/2019 2 --format csv
expect_eq "CSV is still the import's row, with the new value" \
	"01/2019,2,2019-04-05,Trần Thị Bích Ngân" "$(sed -n 2p "$TMP/out" | cut -d, -f1-4)"

# ---- search and extracts follow ----
expect_code 1 "search the old name" register search "bich ngoc"
expect_code 0 "search the new name" register search "bich ngan" -q
expect_out "finds the amended entry" "birth 01/2019 2"
expect_code 0 "search a name without marks, as typed before" register search "ho ngoc ha" -q
expect_out "finds the entry added by hand, amended" "birth 03/2019 1"
expect_code 0 "the other entries are still found" register search "nguyen van duc" --kind birth -q
expect_out "by their names" "birth 01/2019 1"
expect_code 0 "amend a marriage's wife" register amend marriage 01/2020 1 --wife-name "Lê Thị Hòa" \
	--reason "dấu thanh"
expect_code 0 "search the spouse's new name" register search "le thi hoa" -q
expect_out "finds the marriage by it" "marriage 01/2020 1"
expect_code 0 "an extract issued after the amendment" extract birth 01/2019 2 \
	--requester "Trần Thị Lan" -o "$TMP/tl.txt"
expect_grep "shows the new name" "TRẦN THỊ BÍCH NGÂN" "$TMP/tl.txt"
if grep -qi "BÍCH NGỌC" "$TMP/tl.txt"; then not_ok "the extract still shows the old name"
else ok "and not the old one"; fi

# ---- the audit log and db check ----
expect_code 0 "db check after amending imported and added entries" db check -q
mc audit log --format json
expect_eq "the entry has its own record naming the amendment; the import's range is recorded anew" \
	'births 2 {"book":"01/2019","number":2,"amendment":1}|births #range:1-3 {"rows":3,"after":"register amend"}' \
	"$(jq -r '[.[] | select(.table == "births" and (.key == "2" or (.key == "#range:1-3" and .command == "register amend")))
		| "\(.table) \(.key) \(.change | tojson)"] | join("|")' "$TMP/out")"
expect_eq "each amendment has its record" "1 2 3 4" \
	"$(jq -r '[.[] | select(.table == "register_amendments") | .key] | join(" ")' "$TMP/out")"

cp "$MOTCUA_DB" "$TMP/clean.db"
tamper() {  # SQL: on a fresh copy of the clean database
	cp "$TMP/clean.db" "$MOTCUA_DB"
	rm -f "$MOTCUA_DB-wal" "$MOTCUA_DB-shm"
	sqlite3 "$MOTCUA_DB" "$1"
}
tamper "update births set full_name = 'Trần Thị Bích Ngọc' where id = 2"
expect_code 1 "an amended imported entry changed back with sqlite3" db check
expect_grep "is caught by its own record" "births 2: altered behind the program's back" "$TMP/out"
expect_grep "and by its import's range" "births 1 to 3: altered, removed or added behind the program's back" "$TMP/out"
tamper "update births set note = 'x' where id = 3"
expect_code 1 "an entry of the same import, never amended, altered with sqlite3" db check
expect_grep "is caught by the range recorded anew" "births 1 to 3: altered, removed or added" "$TMP/out"
before=$(db_snapshot)
expect_code 65 "amending an entry of a range altered behind the program's back" \
	register amend birth 01/2019 1 --note "sửa" --reason "x"
expect_err "is refused: the amendment must not take the alteration in" \
	"motcua: births 1 to 3: altered, removed or added behind the program's back (run motcua db check); nothing amended"
expect_eq "and changes nothing" "$before" "$(db_snapshot)"
tamper "update births set note = 'x' where id = 4"
expect_code 65 "amending an entry added by hand, altered behind the program's back" \
	register amend birth 03/2019 1 --sex nam --reason "x"
expect_err "is refused" \
	"motcua: births 4: altered behind the program's back (run motcua db check); nothing amended"
cp "$TMP/clean.db" "$MOTCUA_DB"
rm -f "$MOTCUA_DB-wal" "$MOTCUA_DB-shm"

# ---- errors: nothing changed ----
before=$(db_snapshot)
refused() {  # CODE DESC STDERR ARGS...
	code=$1 desc=$2 err=$3; shift 3
	expect_code "$code" "$desc" "$@"
	if [ -n "$err" ]; then expect_err "$desc: says why" "$err"
	elif [ ! -s "$TMP/err" ]; then ok "$desc: nothing on stderr"
	else not_ok "$desc: stderr"; sed 's/^/#   /' "$TMP/err"; fi
	expect_eq "$desc: nothing changed" "$before" "$(db_snapshot)"
}
refused 65 "a date that is no date" \
	'motcua: date_of_birth: "31/02/2019" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)' \
	register amend birth 01/2019 1 --date-of-birth 31/02/2019 --reason "x"
refused 65 "a date of birth after the registration (the entry checked whole)" \
	'motcua: date_of_birth: 2019-03-16 is after the registration (2019-03-15)' \
	register amend birth 01/2019 1 --date-of-birth 16/03/2019 --reason "x"
refused 65 "a required value emptied" 'motcua: full_name: is required' \
	register amend birth 01/2019 1 --full-name "" --reason "x"
refused 65 "a bad ID number" \
	'motcua: id_number: "12345" is not a citizen ID number (12-digit CCCD or 9-digit CMND)' \
	register amend birth 01/2019 1 --id-number 12345 --reason "x"
refused 65 "an empty reason" 'motcua: reason: an amendment needs a reason' \
	register amend birth 01/2019 1 --note "sửa" --reason "  "
refused 1 "an unknown entry" 'motcua: no birth entry 9 in book 01/2019' \
	register amend birth 01/2019 9 --sex nữ --reason "x"
refused 2 "no --reason" 'motcua: --reason is required: say why the entry is amended
usage: motcua register amend birth|marriage|death BOOK NUMBER --FIELD VALUE... --reason TEXT' \
	register amend birth 01/2019 1 --sex nữ
refused 2 "no value to change" 'motcua: nothing to amend: give the values to change (--FIELD VALUE)
usage: motcua register amend birth|marriage|death BOOK NUMBER --FIELD VALUE... --reason TEXT' \
	register amend birth 01/2019 1 --reason "x"
refused 2 "--book" 'motcua: --book: the book and number name the entry and cannot be amended
usage: motcua register amend birth|marriage|death BOOK NUMBER --FIELD VALUE... --reason TEXT' \
	register amend birth 01/2019 1 --book 02/2019 --reason "x"
refused 2 "--number" 'motcua: --number: the book and number name the entry and cannot be amended
usage: motcua register amend birth|marriage|death BOOK NUMBER --FIELD VALUE... --reason TEXT' \
	register amend birth 01/2019 1 --number 7 --reason "x"
refused 2 "a field of another register" 'motcua: --wife-name is not a field of the birth register
usage: motcua register amend birth|marriage|death BOOK NUMBER --FIELD VALUE... --reason TEXT' \
	register amend birth 01/2019 1 --wife-name "X" --reason "x"
refused 0 "values the entry already has" \
	'' register amend birth 01/2019 1 --full-name " Nguyễn Văn Đức " --sex male --reason "x"
expect_out "are no amendment, and it says so" \
	"birth entry 1 of book 01/2019 already has these values: nothing amended"
expect_code 0 "the same, --format json" register amend birth 01/2019 1 --sex Nam --reason x --format json
expect_eq "has a null amendment" "null" "$(jq -c .amendment "$TMP/out")"

# ---- import --amend: a mended file ----
"$MOTCUA" register export birth -o "$TMP/all.csv"
sed -e 's/Lê Minh Khang/Lê Minh Khánh/' -e 's/,Lê Văn Nam,1985,/,Lê Văn Nam,1984,/' \
	-e 's/Trần Thị Bích Ngân/Trần Thị Bích Ngọc/' "$TMP/all.csv" >"$TMP/mended.csv"
before=$(db_snapshot)
expect_code 0 "import --amend --dry-run" register import birth "$TMP/mended.csv" --amend \
	--reason "đối chiếu sổ gốc" --dry-run
expect_out "lists each amendment first: entry, field, old -> new; then the counts" \
'birth entry 2 of book 01/2019: full_name "Trần Thị Bích Ngân" → "Trần Thị Bích Ngọc"
birth entry 3 of book 01/2019: full_name "Lê Minh Khang" → "Lê Minh Khánh"
birth entry 3 of book 01/2019: father_birth_year "1985" → "1984"
2 amended, 2 unchanged, 0 rejected (dry run: nothing was changed)'
expect_eq "a dry run changes nothing" "$before" "$(db_snapshot)"

# A bad row, a row of no entry, a row given twice: nothing applied.
{ cat "$TMP/mended.csv"
  echo '01/2019,9,2019-03-15,Ai Đó,Nam,2019-03-12,,,,,,,,,,,,,,,,,,'
  sed -n 2p "$TMP/mended.csv" | sed 's/2019-03-12/2019-13-12/'
  sed -n 6p "$TMP/mended.csv" | sed 's/tờ khai gốc/tờ khai/'
} >"$TMP/bad.csv"
refused 65 "a mended file with bad rows" \
"$TMP/bad.csv:7: number: no birth entry 9 in book 01/2019 to amend
$TMP/bad.csv:8: date_of_birth: \"2019-13-12\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)
$TMP/bad.csv:9: number: entry 1 of book 03/2019 is given twice
motcua: $TMP/bad.csv: 3 bad rows; nothing amended" \
	register import birth "$TMP/bad.csv" --amend --reason "x"
refused 2 "--amend without --reason" 'motcua: --amend needs --reason: say why the entries are amended
usage: motcua register import birth|marriage|death FILE.csv|- [--dry-run] [--reject-file BAD.csv] [--amend --reason TEXT]' \
	register import birth "$TMP/mended.csv" --amend
refused 2 "--reason without --amend" 'motcua: --reason goes with --amend
usage: motcua register import birth|marriage|death FILE.csv|- [--dry-run] [--reject-file BAD.csv] [--amend --reason TEXT]' \
	register import birth "$TMP/mended.csv" --reason "x"

expect_code 0 "import --amend" register import birth "$TMP/mended.csv" --amend \
	--reason "đối chiếu sổ gốc"
expect_out "lists the amendments made and counts them" \
'birth entry 2 of book 01/2019: full_name "Trần Thị Bích Ngân" → "Trần Thị Bích Ngọc"
birth entry 3 of book 01/2019: full_name "Lê Minh Khang" → "Lê Minh Khánh"
birth entry 3 of book 01/2019: father_birth_year "1985" → "1984"
2 amended, 2 unchanged, 0 rejected'
expect_eq "one amendment per entry, all its changed fields" \
	'2|{"full_name":["Trần Thị Bích Ngân","Trần Thị Bích Ngọc"]}
3|{"full_name":["Lê Minh Khang","Lê Minh Khánh"],"father_birth_year":["1985","1984"]}' \
	"$(sqlite3 "$MOTCUA_DB" "select entry_id, changes from register_amendments where reason = 'đối chiếu sổ gốc' order by id")"
"$MOTCUA" register export birth -o "$TMP/after.csv"
expect_eq "the export is the mended file (both files for people: a BOM, CRLF)" "" \
	"$(cmp "$TMP/after.csv" "$TMP/mended.csv")"
expect_code 0 "search finds the mended name" register search "le minh khanh" -q
expect_out "as amended" "birth 01/2019 3"
expect_code 1 "and no longer the name it had" register search "minh khang"
expect_code 0 "db check after import --amend" db check -q
expect_code 0 "the same file again" register import birth "$TMP/mended.csv" --amend --reason "again"
expect_out "amends nothing" "0 amended, 4 unchanged, 0 rejected"

# With a reject file, the good rows are amended and the bad ones set aside.
sed 's/Lê Minh Khánh/Lê Minh Khải/' "$TMP/bad.csv" >"$TMP/bad2.csv"
expect_code 0 "import --amend --reject-file" register import birth "$TMP/bad2.csv" --amend \
	--reason "x" --reject-file "$TMP/rej.csv"
expect_eq "amends the good rows" "Lê Minh Khải" \
	"$(sqlite3 "$MOTCUA_DB" "select full_name from births where id = 3")"
expect_eq "and writes the bad ones with their error" "4" "$(wc -l <"$TMP/rej.csv" | tr -d ' ')"
expect_code 0 "db check at the end" db check -q
