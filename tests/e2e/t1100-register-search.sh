#!/bin/sh
# register search: names as clerks type them — without marks, d for đ, any
# case, any order, beginnings of words — and what must not match.
. "$(dirname "$0")/../lib.sh"
init_office

H=book,number,registered_on,full_name,sex,date_of_birth,father_name,mother_name
cat >"$TMP/births.csv" <<EOF
$H
01/2019,1,2019-03-15,Nguyễn Văn Đức,Nam,2019-03-12,Nguyễn Văn Hùng,Trần Thị Mai
01/2019,2,2019-03-20,Nguyễn Văn Tuấn Đức,Nam,2019-03-18,Nguyễn Đức Thắng,Phạm Thị Lan
01/2019,3,2019-04-02,Trần Minh Đức,Nam,2019-03-30,Nguyễn Văn An,Lê Thị Bích
01/2019,4,2019-04-10,Lê Thị Hoa,Nữ,2019-04-01,Nguyễn Đức Thắng,Võ Thị Hồng
01/2020,1,2020-02-01,Dương Văn Đực,Nam,2020-01-20,,Dương Thị Út
01/2020,2,2020-02-03,Nguyễn Văn Dũng,Nam,2020-01-25,Nguyễn Văn Dương,Hồ Thị Vân
EOF
printf 'book,number,registered_on,husband_name,wife_name,husband_date_of_birth\n01/2020,1,2020-05-09,Nguyễn Văn Đức,Lê Thị Hoa,1990-05-01\n' >"$TMP/marriages.csv"
printf 'book,number,registered_on,full_name,died_on,date_of_birth\n01/2021,1,2021-02-04,Nguyễn Văn Đức,2021-02-03,1940-01-01\n' >"$TMP/deaths.csv"
for k in birth marriage death; do
	"$MOTCUA" register import $k "$TMP/${k}s.csv" >/dev/null 2>&1 || not_ok "import $k"
done

# found KIND-BOOK-NUMBER... of the last search, in order
found() { awk 'NR > 1 { printf "%s%s-%s-%s", sep, $1, $2, $3; sep = " " }' "$TMP/out"; }

expect_code 0 "nguyen van duc" register search "nguyen van duc"
expect_out "finds Nguyễn Văn Đức in each register, the exact name first, then the parents' names" \
"KIND     BOOK         NO.  NAME                        BORN        PARENTS, SPOUSE OR DEATH
birth    01/2019        1  Nguyễn Văn Đức              2019-03-12  Nguyễn Văn Hùng, Trần Thị Mai
marriage 01/2020        1  Nguyễn Văn Đức              1990-05-01  Lê Thị Hoa
death    01/2021        1  Nguyễn Văn Đức              1940-01-01  died 2021-02-03
birth    01/2019        2  Nguyễn Văn Tuấn Đức         2019-03-18  Nguyễn Đức Thắng, Phạm Thị Lan"
expect_code 0 "Đức Nguyễn (other order, marks)" register search "Đức Nguyễn"
expect_eq "finds the same people, and the children of Nguyễn Đức Thắng after them" \
	"birth-01/2019-1 marriage-01/2020-1 death-01/2021-1 birth-01/2019-2 birth-01/2019-4" "$(found)"
expect_code 0 "NGUYEN DUC (capitals, no marks)" register search "NGUYEN DUC"
expect_eq "finds them too" \
	"birth-01/2019-1 marriage-01/2020-1 death-01/2021-1 birth-01/2019-2 birth-01/2019-4" "$(found)"
expect_code 0 "decomposed marks in the query" register search "$(printf 'Nguye\314\202\314\203n \304\220u\314\201c')"
expect_eq "fold like precomposed ones" \
	"birth-01/2019-1 marriage-01/2020-1 death-01/2021-1 birth-01/2019-2 birth-01/2019-4" "$(found)"
expect_code 0 "beginnings of words: ng v du" register search "ng v du"
expect_eq "find Đức and Dũng (newest first), then Tuấn Đức" \
	"birth-01/2020-2 birth-01/2019-1 marriage-01/2020-1 death-01/2021-1 birth-01/2019-2" "$(found)"
expect_code 0 "đực, with its marks" register search "đực"
expect_eq "finds every duc: folding drops the marks both ways" \
	"birth-01/2020-1 birth-01/2019-3 birth-01/2019-1 marriage-01/2020-1 death-01/2021-1 birth-01/2019-2 birth-01/2019-4" "$(found)"

# What must not match.
expect_code 0 "tran duc" register search "tran duc"
expect_eq "finds Trần Minh Đức, not a Đức whose mother is a Trần" "birth-01/2019-3" "$(found)"
expect_code 1 "nguyen van dung duc" register search "nguyen van dung duc"
expect_out "matches no one name: nothing (exit 1)" \
	"KIND     BOOK         NO.  NAME                        BORN        PARENTS, SPOUSE OR DEATH"
expect_code 1 "nguyen hoa (the husband and the wife of one marriage)" register search "nguyen hoa" --kind marriage
expect_code 1 "ducc (not the beginning of any word)" register search "ducc"
expect_code 1 "nguyenvan (no blank)" register search "nguyenvan"
expect_code 1 "a word that is only the end of a name: uc" register search "uc"

# Filters, limits, formats.
expect_code 0 "--kind death" register search "nguyen van duc" --kind death
expect_eq "only deaths" "death-01/2021-1" "$(found)"
expect_code 0 "--year 2020" register search "duc" --year 2020
expect_eq "only entries registered in 2020" "birth-01/2020-1 marriage-01/2020-1" "$(found)"
expect_code 0 "--limit 2" register search "nguyen" --limit 2
expect_eq "at most 2" "2" "$(($(wc -l <"$TMP/out") - 1))"
expect_code 0 "--format json" register search "le thi hoa" --format json
expect_eq "is a JSON array of the hits, parents or spouse named" \
	'birth 01/2019 4 Lê Thị Hoa father=Nguyễn Đức Thắng|marriage 01/2020 1 Nguyễn Văn Đức spouse=Lê Thị Hoa' \
	"$(jq -r 'map("\(.kind) \(.book) \(.number) \(.name) " + (if .spouse_name then "spouse=\(.spouse_name)" else "father=\(.father_name)" end)) | join("|")' "$TMP/out")"
expect_code 0 "--format csv" register search "duong" --format csv
expect_out "is CSV with a header" \
"kind,book,number,registered_on,name,date_of_birth,father_name,mother_name,spouse_name,died_on
birth,01/2020,1,2020-02-01,Dương Văn Đực,2020-01-20,,Dương Thị Út,,
birth,01/2020,2,2020-02-03,Nguyễn Văn Dũng,2020-01-25,Nguyễn Văn Dương,Hồ Thị Vân,,"
expect_code 0 "-q" -q register search "hung"
expect_out "prints kind, book and number" "birth 01/2019 1"
expect_code 65 "a query without a word" register search " -- !! "
expect_err "is refused" 'motcua: query: " -- !! " has no word to look for'
expect_code 2 "--kind adoption" register search duc --kind adoption
expect_code 2 "--limit 0" register search duc --limit 0
MOTCUA_DB="$TMP/empty/motcua.db" "$MOTCUA" init --training --unit-id 000.00.22.H13 --unit-name "UBND xã An Sơn" >/dev/null
expect_code 1 "an empty register finds nothing" --db "$TMP/empty/motcua.db" register search duc

# One letter: the search reads the names in the order of the hits and
# stops at the limit; the order is the same as for a whole word.
expect_code 0 "one letter: d" register search d
expect_eq "the people (shorter names first, the last entered first), then a child by its father" \
	"birth-01/2020-2 birth-01/2020-1 birth-01/2019-3 birth-01/2019-1 marriage-01/2020-1 death-01/2021-1 birth-01/2019-2 birth-01/2019-4" "$(found)"
expect_code 0 "d --limit 3" register search d --limit 3
expect_eq "the first three of them" "birth-01/2020-2 birth-01/2020-1 birth-01/2019-3" "$(found)"
expect_code 0 "d --kind marriage" register search d --kind marriage
expect_eq "the marriage only" "marriage-01/2020-1" "$(found)"

# ---- a database from before the index of one row per name ----

cp "$MOTCUA_DB" "$TMP/v4.db"
schema_undo_6 "$TMP/v4.db"
sqlite3 "$TMP/v4.db" "DROP TABLE register_names;
	CREATE VIRTUAL TABLE register_names USING fts5(name, spouse, father, mother,
	  content='', columnsize=0, tokenize='ascii');
	PRAGMA user_version = 4;"
latest=$(grep -c '^	/\* [0-9][0-9]*: ' "$TESTS_DIR/../core/schema.c")
expect_code 0 "a version-4 database: db upgrade" --db "$TMP/v4.db" db upgrade
expect_code 0 "searched" --db "$TMP/v4.db" register search "Đức Nguyễn"
expect_eq "its index is rebuilt from the entries on the way" \
	"birth-01/2019-1 marriage-01/2020-1 death-01/2021-1 birth-01/2019-2 birth-01/2019-4|$latest" \
	"$(found)|$(sqlite3 "$TMP/v4.db" 'PRAGMA user_version')"
expect_code 0 "and db check finds it whole" --db "$TMP/v4.db" db check -q
expect_code 0 "and its entries are found by year" --db "$TMP/v4.db" register search duc --year 2020
expect_eq "those of 2020" "birth-01/2020-1 marriage-01/2020-1" "$(found)"
expect_code 0 "and by kind" --db "$TMP/v4.db" register search duc --kind death
expect_eq "the death only" "death-01/2021-1" "$(found)"
