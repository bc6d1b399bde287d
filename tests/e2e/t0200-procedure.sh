#!/bin/sh
# procedure list|add|import: the catalogue.
. "$(dirname "$0")/../lib.sh"
SEEDED_CATALOGUE=1 # the catalogue as seeded
init_office

expect_code 0 "procedure list" procedure list
expect_out "shows the seeded catalogue" "CODE       DAYS      FEE  NAME
1.000656      0        0  Đăng ký khai tử
1.000894      0        0  Đăng ký kết hôn
1.001193      0        0  Đăng ký khai sinh
1.004873      3        0  Cấp Giấy xác nhận tình trạng hôn nhân
2.000635      0     8000  Cấp bản sao trích lục hộ tịch
2.000815      0     2000  Chứng thực bản sao từ bản chính giấy tờ, văn bản
2.000884      0    10000  Chứng thực chữ ký trong giấy tờ, văn bản"
expect_code 0 "procedure list -q" -q procedure list
expect_eq "prints the codes only (for completion)" "1.000656 1.000894 1.001193 1.004873 2.000635 2.000815 2.000884" "$(tr '\n' ' ' <"$TMP/out" | sed 's/ $//')"
expect_code 0 "procedure list --format json" procedure list --format json
expect_eq "JSON with the documents as a list" "Tờ khai cấp bản sao trích lục hộ tịch" \
	"$(jq -r '.[] | select(.code == "2.000635") | .documents[0]' "$TMP/out")"

expect_code 0 "procedure add" procedure add --code 1.001022 --name "Đăng ký nhận cha, mẹ, con" \
	--days 3 --fee 0 --doc "Tờ khai" --doc "Chứng cứ chứng minh quan hệ"
mc procedure list --format csv
expect_grep "is listed with its documents" '1.001022,"Đăng ký nhận cha, mẹ, con",3,0,Tờ khai;Chứng cứ chứng minh quan hệ,' "$TMP/out"

before=$(db_snapshot)
expect_code 65 "adding an existing code is refused" procedure add --code 1.001022 --name "Khác" --days 1
expect_err "and says how to replace it" \
"motcua: procedure \"1.001022\" is already in the catalogue (use --replace to change it)"
expect_code 2 "days out of range: a bad option value" procedure add --code 9.1 --name "X" --days 400
expect_err "names the option" "motcua: --days: \"400\" is not a number from 0 to 365"
expect_code 65 "a bad code" procedure add --code "9 1" --name "X" --days 1
expect_code 2 "a bad kind: a bad option value" procedure add --code 9.1 --name "X" --days 1 --kind adoption
expect_code 65 "invalid UTF-8 in the name" procedure add --code 9.1 --name "$(printf 'Nguy\377n')" --days 1
expect_err "is refused" "motcua: name: must be one line of text, 1 to 300 characters"
expect_code 2 "a missing --days is a usage error" procedure add --code 9.1 --name "X"
expect_eq "refused adds change nothing" "$before" "$(db_snapshot)"

expect_code 0 "procedure add --replace" procedure add --code 1.001022 --name "Đăng ký nhận cha, mẹ, con" --days 5 --replace
expect_eq "replaces it" "5" "$(sqlite3 "$MOTCUA_DB" "select days from procedures where code='1.001022'")"

expect_code 0 "import an Excel-saved file (BOM, CRLF, quoted commas)" procedure import "$FIXTURES/procedures-excel.csv"
expect_out "with a summary" "1 added, 1 updated, 0 unchanged"
expect_eq "the quoted name keeps its comma" "Đăng ký thường trú, tạm trú" \
	"$(sqlite3 "$MOTCUA_DB" "select name from procedures where code='1.000001'")"
expect_eq "documents are split on ;" "2" \
	"$(sqlite3 "$MOTCUA_DB" "select length(documents) - length(replace(documents, char(10), '')) + 1 from procedures where code='1.000001'")"
expect_eq "a file without a kind column keeps the procedure's kind" "extract" \
	"$(sqlite3 "$MOTCUA_DB" "select kind from procedures where code='2.000635'")"
expect_code 0 "importing it again" procedure import "$FIXTURES/procedures-excel.csv"
expect_out "changes nothing" "0 added, 0 updated, 2 unchanged"
printf 'code,name,days,fee,kind\n2.000635,Cấp bản sao trích lục hộ tịch,1,8000,death\n' >"$TMP/kinds.csv"
expect_code 0 "a file with a kind column" procedure import "$TMP/kinds.csv"
expect_out "updates the kind" "0 added, 1 updated, 0 unchanged"
expect_eq "to the file's" "death" \
	"$(sqlite3 "$MOTCUA_DB" "select kind from procedures where code='2.000635'")"
printf 'code,name,days,fee,kind\n2.000635,Cấp bản sao trích lục hộ tịch,1,8000,\n' >"$TMP/kinds.csv"
expect_code 0 "an empty kind cell" procedure import "$TMP/kinds.csv"
expect_eq "clears the kind" "0" \
	"$(sqlite3 "$MOTCUA_DB" "select count(*) from procedures where code='2.000635' and kind is not null")"
printf 'code,name,days,fee,kind\n2.000635,Cấp bản sao trích lục hộ tịch,1,8000,extract\n' >"$TMP/kinds.csv"
mc procedure import "$TMP/kinds.csv"

before=$(db_snapshot)
expect_code 65 "a file with bad rows" procedure import "$FIXTURES/procedures-bad.csv"
expect_err "reports every bad row by file and line" \
"$FIXTURES/procedures-bad.csv:2: code: \"\" is not a procedure code (1 to 30 of 0-9, A-Z, a-z, '.', '-', '_')
$FIXTURES/procedures-bad.csv:4: days: \"-1\" is not a number of working days (0 to 365)
$FIXTURES/procedures-bad.csv:5: days: \"abc\" is not a number of working days (0 to 365)
motcua: $FIXTURES/procedures-bad.csv: 3 bad rows; nothing imported"
expect_eq "and imports nothing, not even the good row" "$before" "$(db_snapshot)"

printf 'code,name,days,colour\n9.1,X,1,red\n' >"$TMP/unknown.csv"
expect_code 65 "an unknown column" procedure import "$TMP/unknown.csv"
expect_err "is named" "motcua: $TMP/unknown.csv:1: unknown column \"colour\"; the columns are: code, name, days, fee, documents, kind, field_code, field_name"
printf 'code,name\n9.1,X\n' >"$TMP/missing.csv"
expect_code 65 "a missing required column" procedure import "$TMP/missing.csv"
expect_err "is named" "motcua: $TMP/missing.csv:1: the required column \"days\" is missing"
expect_code 66 "a missing file" procedure import "$TMP/nonexistent.csv"
expect_err "says it cannot be opened" "motcua: $TMP/nonexistent.csv: No such file or directory"

# The catalogue's own CSV is the import format: export, import elsewhere, same bytes.
mc procedure list --format csv
cp "$TMP/out" "$TMP/catalogue.csv"
MOTCUA_DB="$TMP/other/motcua.db" "$MOTCUA" init --training --unit-id 000.00.22.H13 --unit-name "UBND xã Khác" >/dev/null
MOTCUA_DB="$TMP/other/motcua.db" "$MOTCUA" procedure import - <"$TMP/catalogue.csv" >/dev/null
MOTCUA_DB="$TMP/other/motcua.db" "$MOTCUA" procedure list --format csv >"$TMP/catalogue2.csv"
expect_eq "list --format csv re-imports to the same catalogue" "" "$(cmp "$TMP/catalogue.csv" "$TMP/catalogue2.csv" 2>&1)"
