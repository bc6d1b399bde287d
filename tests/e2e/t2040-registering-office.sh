#!/bin/sh
# The registering office of a register entry (schema 14): the books of a
# commune merged into the ward keep that commune's office, which the
# extract names after "Đăng ký ... tại"; empty, the extract names the unit.
# Stored as a late column (after clerk and entered_at), so the entries made
# before keep their hashes, and the digests of an import hash it there.
. "$(dirname "$0")/../lib.sh"
init_office
R=$FIXTURES/registers
q() { sqlite3 "$MOTCUA_DB" "$1"; }
OLD="UBND xã Tân Vĩnh Hiệp"

# ---- entries made before schema 14 keep their hashes through the upgrade ----

"$MOTCUA" register import birth "$R/births-roundtrip.csv" >/dev/null 2>&1 || not_ok "import births"
"$MOTCUA" register import death "$R/deaths.csv" >/dev/null 2>&1 || not_ok "import deaths"
schema_undo_14 "$MOTCUA_DB"
expect_eq "a register of schema 13 has no such column" "0" \
	"$(q "select count(*) from pragma_table_info('births') where name = 'registering_office'")"
expect_code 0 "db upgrade" db upgrade
expect_eq "the column is added after clerk and entered_at, in the three registers" \
	"clerk entered_at registering_office|clerk entered_at registering_office|clerk entered_at registering_office" \
	"$(for t in births marriages deaths; do
		q "select group_concat(name, ' ') from (select name from pragma_table_info('$t') order by cid desc limit 3 ) " |
			tr ' ' '\n' | tac | tr '\n' ' ' | sed 's/ $//'; echo; done | paste -sd'|')"
expect_code 0 "db check: the imported entries' hashes hold after the upgrade" db check -q
expect_eq "their office is empty" "0" "$(q "select count(*) from births where registering_office is not null")"

# ---- register add, show, JSON ----

expect_code 0 "register add with --registering-office" register add birth --book 01/2024 --number 7 \
	--registered-on 2024-03-02 --full-name "Lê Văn Tâm" --sex Nam --date-of-birth 2024-02-20 \
	--registering-office "  $OLD "
expect_eq "stored cleaned" "$OLD" \
	"$(q "select registering_office from births where book = '01/2024' and number = 7")"
expect_code 0 "show" register show birth 01/2024 7
expect_grep "shows it under its label" "  Registering office      $OLD" "$TMP/out"
expect_code 0 "show --format json" register show birth 01/2024 7 --format json
expect_eq "JSON has the key" "$OLD" "$(jq -r .registering_office "$TMP/out")"
expect_code 0 "show of an entry without one" register show birth 01/2019 1 --format json
expect_eq "JSON null" "null" "$(jq -r .registering_office "$TMP/out")"
expect_code 0 "db check after an add" db check -q

# ---- import: by name or by the book's title; export round trip ----

cat >"$TMP/merged.csv" <<EOF
Quyển số,Số,Ngày đăng ký,Họ và tên,Giới tính,Ngày sinh,Nơi đăng ký
02/2020,1,2020-05-04,Phạm Thị Thu,Nữ,2020-05-01,$OLD
02/2020,2,2020-05-06,Phạm Văn Long,Nam,2020-05-02,
EOF
expect_code 0 "import a merged commune's book with the title Nơi đăng ký" register import birth "$TMP/merged.csv"
expect_out "imports both" "2 imported, 0 skipped, 0 rejected"
expect_eq "each with its office, or none" "$OLD|" \
	"$(q "select group_concat(coalesce(registering_office, ''), '|') from births where book = '02/2020'")"
expect_code 0 "db check: the import's range hash reads the late column where the digests put it" db check -q
expect_code 0 "export" register export birth
cp "$TMP/out" "$TMP/e1.csv"
expect_eq "export writes it last" "note,registering_office" "$(head -1 "$TMP/e1.csv" | cut -d, -f24-)"
expect_eq "with its value" "$OLD" "$(grep '^02/2020,1,' "$TMP/e1.csv" | awk -F, '{print $NF}')"
OTHER=$TMP/other/motcua.db
MOTCUA_DB=$OTHER "$MOTCUA" init --training --unit-id 000.00.22.H13 --unit-name "UBND xã An Sơn" >/dev/null
MOTCUA_DB=$OTHER "$MOTCUA" register import birth "$TMP/e1.csv" >/dev/null 2>&1
MOTCUA_DB=$OTHER "$MOTCUA" register export birth >"$TMP/e2.csv"
if cmp -s "$TMP/e1.csv" "$TMP/e2.csv"; then ok "export -> import -> export gives the same bytes"
else not_ok "export -> import -> export differs"; diff "$TMP/e1.csv" "$TMP/e2.csv" | head; fi

# ---- the extract names the office that registered the entry ----

expect_code 0 "extract of a merged commune's entry" extract birth 02/2020 1 --requester "Phạm Văn Hải" \
	-o "$TMP/x1.txt"
expect_grep "names that office" "Đăng ký khai sinh tại $OLD, Số 1, Quyển số 02/2020, ngày" "$TMP/x1.txt"
expect_grep "issued by this unit" "UBND PHƯỜNG VĨNH PHÚ" "$TMP/x1.txt"
expect_code 0 "the same as PDF" extract birth 02/2020 1 --requester "Phạm Văn Hải" -o "$TMP/x1.pdf"
pdftotext "$TMP/x1.pdf" "$TMP/x1-pdf.txt"
expect_eq "the PDF names it too" "1" \
	"$(tr '\n' ' ' <"$TMP/x1-pdf.txt" | grep -c "Đăng ký khai sinh tại.*$OLD")"
expect_code 0 "extract of an entry without one" extract birth 02/2020 2 --requester "Phạm Văn Hải" \
	-o "$TMP/x2.txt"
expect_grep "names this unit" "Đăng ký khai sinh tại UBND phường Vĩnh Phú, Số 2, Quyển số 02/2020" "$TMP/x2.txt"

# ---- amend, with the audit ----

expect_code 0 "amend the office" register amend birth 02/2020 2 --registering-office "$OLD" \
	--reason "sổ của xã Tân Vĩnh Hiệp"
expect_out "says what changed" "amended birth entry 2 of book 02/2020
  Registering office: (empty) → $OLD"
expect_code 0 "db check after the amendment" db check -q
expect_code 0 "amend it back to empty" register amend birth 02/2020 2 --registering-office "" \
	--reason "nhập nhầm"
expect_eq "empty again" "" "$(q "select registering_office from births where book = '02/2020' and number = 2")"
expect_code 0 "db check" db check -q

# ---- what is refused changes nothing ----

long=$(printf 'x%.0s' $(seq 1 301))
before=$(db_snapshot)
expect_code 65 "an office of 301 characters" register add death --book 05/2024 --number 1 \
	--registered-on 2024-01-02 --full-name "Võ Văn Ba" --died-on 2024-01-01 --registering-office "$long"
expect_err "is named" "motcua: registering_office: longer than 300 characters"
printf 'book,number,registered_on,full_name,died_on,registering_office\n05/2024,1,2024-01-02,Võ Văn Ba,2024-01-01,%s\n' \
	"$long" >"$TMP/long.csv"
expect_code 65 "in a file" register import death "$TMP/long.csv"
expect_grep "names the file, line and column" "$TMP/long.csv:2: registering_office: longer than 300 characters" "$TMP/err"
expect_eq "nothing changed" "$before" "$(db_snapshot)"

# ---- tampering with it is found ----

q "update births set registering_office = 'UBND xã Khác' where book = '02/2020' and number = 1"
expect_code 1 "an office altered with sqlite3 is found by db check" db check
q "update births set registering_office = null where book = '01/2024' and number = 7"
expect_code 1 "and one removed" db check
