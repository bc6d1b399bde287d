#!/bin/sh
# The seeded catalogue as the law has it: each procedure's field (lĩnh
# vực), its time and fee; 2.000635 (extract copies) a same-day procedure
# whose dossiers received after the 15:00 cut-off are due the next working
# day; the field typed, imported, kept by a file without it, and given to
# the seeded procedures by the upgrade of a register made before it.
. "$(dirname "$0")/../lib.sh"
SEEDED_CATALOGUE=1
init_office
q() { sqlite3 "$MOTCUA_DB" "$1"; }

expect_code 0 "procedure list --format csv" procedure list --format csv
expect_out "the seed: codes, times, fees, kinds and fields" \
"code,name,days,fee,documents,kind,field_code,field_name
1.000656,Đăng ký khai tử,0,0,Tờ khai đăng ký khai tử;Giấy báo tử hoặc giấy tờ thay Giấy báo tử,,,Hộ tịch
1.000894,Đăng ký kết hôn,0,0,\"Tờ khai đăng ký kết hôn;Giấy tờ tùy thân của hai bên nam, nữ\",,,Hộ tịch
1.001193,Đăng ký khai sinh,0,0,Tờ khai đăng ký khai sinh;Giấy chứng sinh;Giấy tờ tùy thân của người đi đăng ký,,,Hộ tịch
1.004873,Cấp Giấy xác nhận tình trạng hôn nhân,3,0,Tờ khai cấp Giấy xác nhận tình trạng hôn nhân;Giấy tờ tùy thân,,,Hộ tịch
2.000635,Cấp bản sao trích lục hộ tịch,0,8000,Tờ khai cấp bản sao trích lục hộ tịch;Giấy tờ tùy thân của người yêu cầu,extract,,Hộ tịch
2.000815,\"Chứng thực bản sao từ bản chính giấy tờ, văn bản\",0,2000,\"Bản chính giấy tờ, văn bản;Bản sao cần chứng thực\",,,Chứng thực
2.000884,\"Chứng thực chữ ký trong giấy tờ, văn bản\",0,10000,\"Giấy tờ, văn bản cần chứng thực chữ ký;Giấy tờ tùy thân của người yêu cầu\",,,Chứng thực"
expect_code 0 "procedure list --format json" procedure list --format json
expect_eq "JSON: the field of 2.000635, null code while unknown" \
	'{"kind":"extract","field_code":null,"field_name":"Hộ tịch"}' \
	"$(jq -c '.[] | select(.code == "2.000635") | {kind, field_code, field_name}' "$TMP/out")"

# Same day, up to the 15:00 cut-off; after it, the next working day
# (Friday 2026-12-04 → Monday 2026-12-07).
due() {
	MOTCUA_NOW=$1 "$MOTCUA" dossier new --procedure 2.000635 --applicant "Lê Thị Hoa" \
		--slip none --format json 2>"$TMP/err" | jq -r .due_at
}
expect_eq "received Friday 14:59: due the same day" "2026-12-04T17:00:00+07:00" \
	"$(due 2026-12-04T14:59:00+07:00)"
expect_eq "received Friday 15:00 sharp: still the same day" "2026-12-04T17:00:00+07:00" \
	"$(due 2026-12-04T15:00:00+07:00)"
expect_eq "received Friday 15:01: due Monday" "2026-12-07T17:00:00+07:00" \
	"$(due 2026-12-04T15:01:00+07:00)"
expect_eq "received the Saturday morning: due Monday" "2026-12-07T17:00:00+07:00" \
	"$(due 2026-12-05T09:00:00+07:00)"

# Typed: both parts, each checked, nothing stored on a bad one.
expect_code 0 "add with its field" procedure add --code 1.000001 --name "Thủ tục thử" --days 2 \
	--field-code G09-TP14 --field-name "Hộ tịch"
expect_eq "stored" "G09-TP14|Hộ tịch" \
	"$(q "SELECT field_code || '|' || field_name FROM procedures WHERE code = '1.000001'")"
before=$(db_snapshot)
expect_code 65 "a field code with a blank" procedure add --code 1.000002 --name X --days 1 \
	--field-code "G09 TP"
expect_err "names the option" \
"motcua: field-code: \"G09 TP\" is not a field code (up to 30 of 0-9, A-Z, a-z, '.', '-', '_')"
expect_code 65 "a field name of two lines" procedure add --code 1.000002 --name X --days 1 \
	--field-name "Hộ
tịch"
expect_err "names the option" "motcua: field-name: must be one line of text of at most 200 characters"
expect_eq "nothing changed" "$before" "$(db_snapshot)"

# Imported: with the columns they are set; a file without them keeps them.
printf 'code,name,days,fee,field_code,field_name\n1.000001,Thủ tục thử,2,0,G09-TP15,Chứng thực\n' \
	>"$TMP/with.csv"
expect_code 0 "import with the field" procedure import "$TMP/with.csv"
expect_eq "set" "G09-TP15|Chứng thực" \
	"$(q "SELECT field_code || '|' || field_name FROM procedures WHERE code = '1.000001'")"
printf 'code,name,days,fee\n1.000001,Thủ tục thử,3,0\n' >"$TMP/without.csv"
expect_code 0 "import without it" procedure import "$TMP/without.csv"
expect_eq "kept, the days changed" "3|G09-TP15|Chứng thực" \
	"$(q "SELECT days || '|' || field_code || '|' || field_name FROM procedures WHERE code = '1.000001'")"
printf 'code,name,days,field_code\n1.000003,X,1,ok\n1.000004,Y,1,x y\n' >"$TMP/bad.csv"
before=$(db_snapshot)
expect_code 65 "a bad field code in a file" procedure import "$TMP/bad.csv"
expect_err "file:line and the column" \
"$TMP/bad.csv:3: field_code: \"x y\" is not a field code (up to 30 of 0-9, A-Z, a-z, '.', '-', '_')
motcua: $TMP/bad.csv: 1 bad row; nothing imported"
expect_eq "nothing stored" "$before" "$(db_snapshot)"
expect_code 0 "the exported catalogue imports as it is" procedure list --format csv
cp "$TMP/out" "$TMP/all.csv"
expect_code 0 "re-import" procedure import "$TMP/all.csv"
expect_out "nothing changes" "0 added, 0 updated, 8 unchanged"

# A register of schema 10: the upgrade gives the seeded procedures their
# field, each change recorded, and the register checks clean.
cp "$MOTCUA_DB" "$TMP/v10.db"
schema_undo_11 "$TMP/v10.db"
q2() { sqlite3 "$TMP/v10.db" "$1"; }
expect_eq "a version 10 register" "10|0" \
	"$(q2 "PRAGMA user_version; SELECT count(*) FROM pragma_table_info('procedures') WHERE name LIKE 'field%'" | tr '\n' '|' | sed 's/|$//')"
expect_code 0 "db upgrade" --db "$TMP/v10.db" db upgrade
expect_eq "the seeded procedures got their field; the office's own none" \
	"1.000001|
1.000656|Hộ tịch
2.000635|Hộ tịch
2.000884|Chứng thực" \
	"$(q2 "SELECT code || '|' || coalesce(field_name, '') FROM procedures WHERE code IN ('1.000001', '1.000656', '2.000635', '2.000884') ORDER BY code")"
expect_eq "one record each, as schema upgrade" "7" \
	"$(q2 "SELECT count(*) FROM audit_log WHERE command = 'schema upgrade' AND tbl = 'procedures' AND change LIKE '%field_name%'")"
expect_code 0 "the upgraded register checks clean" --db "$TMP/v10.db" db check
