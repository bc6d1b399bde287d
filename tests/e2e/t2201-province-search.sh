#!/bin/sh
# province search: every ward's registers found by name, folded and
# ranked as register search does (the people before the parents, shorter
# names first, newest first), from the folded words motcua computes and a
# GIN index PostgreSQL runs. Per ward, the hits come in register search's
# order; a name in two wards is found in both.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/pg.sh"
pg_start

for w in a b; do
	unit=000.00.22.H1$([ $w = a ] && echo 2 || echo 3)
	MOTCUA_DB=$TMP/$w.db "$MOTCUA" init --training --unit-id "$unit" --unit-name "UBND $w" \
		>/dev/null 2>&1 || { not_ok "init $w"; exit 1; }
done
H=book,number,registered_on,full_name,sex,date_of_birth,father_name,mother_name
cat >"$TMP/births-a.csv" <<CSV
$H
01/2020,1,2020-01-10,Nguyễn Văn Đức,Nam,2020-01-02,Nguyễn Văn Hùng,Trần Thị Mai
01/2020,2,2020-02-10,Đức,Nam,2020-02-02,,Lê Thị Hoa
01/2020,3,2020-03-10,Trần Đức Anh,Nam,2020-03-02,Trần Văn Đức,Phạm Thị Lan
01/2020,4,2020-04-10,Ngô Thị Hoa,Nữ,2020-04-02,Ngô Đức Minh,Vũ Thị Hoa
01/2020,5,2020-05-10,Nguyễn Thị Ngọc Hoa,Nữ,2020-05-02,,
CSV
cat >"$TMP/marriages-a.csv" <<CSV
book,number,registered_on,husband_name,wife_name
01/2021,1,2021-06-01,Đỗ Văn Đức,Hoàng Thị Hoa
CSV
cat >"$TMP/births-b.csv" <<CSV
$H
01/2022,1,2022-01-10,Đặng Văn Đức,Nam,2022-01-02,,Đinh Thị Hoa
CSV
MOTCUA_DB=$TMP/a.db "$MOTCUA" register import birth "$TMP/births-a.csv" >/dev/null 2>&1 &&
MOTCUA_DB=$TMP/a.db "$MOTCUA" register import marriage "$TMP/marriages-a.csv" >/dev/null 2>&1 &&
MOTCUA_DB=$TMP/b.db "$MOTCUA" register import birth "$TMP/births-b.csv" >/dev/null 2>&1 ||
	not_ok "register import"
# An entry corrected after its import: its new name is the one found.
MOTCUA_DB=$TMP/a.db "$MOTCUA" register amend birth 01/2020 5 --full-name "Nguyễn Thị Ngọc Hòa" \
	--reason "gõ sai" >/dev/null 2>&1 || not_ok "register amend"

"$MOTCUA" province init "$(pg_url postgres)" --ward 000.00.22.H12=ward_a \
	--ward 000.00.22.H13=ward_b --reader reader >/dev/null || not_ok "province init"
"$MOTCUA" --db "$TMP/a.db" sync push --url "$(pg_url ward_a)" >/dev/null || not_ok "push a"
"$MOTCUA" --db "$TMP/b.db" sync push --url "$(pg_url ward_b)" >/dev/null || not_ok "push b"

# The ward's hits and the province's, as kind book/number lines.
ward_hits() {
	MOTCUA_DB=$TMP/$1.db "$MOTCUA" register search "$2" --format json |
		jq -r '.[] | "\(.kind) \(.book)/\(.number)"'
}
province_hits() {
	"$MOTCUA" province search "$2" --url "$(pg_url reader)" --format json |
		jq -r --arg u "$1" '.[] | select(.unit_id == $u) | "\(.kind) \(.book)/\(.number)"'
}
for q in "đức" "duc" "DUC" "d" "hoa" "hòa" "thi hoa" "nguyen d" "van duc" "tran"; do
	want=$(ward_hits a "$q")
	[ -n "$want" ] || not_ok "register search \"$q\" finds nothing"
	expect_eq "\"$q\": ward A's hits, in register search's order" "$want" \
		"$(province_hits 000.00.22.H12 "$q")"
done
expect_eq "the amended name is found" "birth 01/2020/5" "$(province_hits 000.00.22.H12 "ngoc hoa")"
expect_eq "the old one no more" "" "$(province_hits 000.00.22.H12 "ngoc hoa" | grep -v 01/2020/5)"

expect_code 0 "both wards" province search "đặng đức" --url "$(pg_url reader)"
expect_out "text: unit, kind, book, number, name, born" \
"UNIT           KIND   BOOK     NO.  NAME          BORN
000.00.22.H13  birth  01/2022    1  Đặng Văn Đức  2022-01-02"
expect_code 0 "--kind marriage" province search "duc" --kind marriage --url "$(pg_url reader)" --format csv
expect_eq "the marriage only" "000.00.22.H12,marriage,01/2021,1" "$(tail -n +2 "$TMP/out" | cut -d, -f1-4)"
expect_code 0 "--limit 2" province search "duc" --limit 2 --url "$(pg_url reader)" --format json
expect_eq "two hits" 2 "$(jq length "$TMP/out")"
expect_code 1 "nothing found: exit 1" province search "zzz" --url "$(pg_url reader)"
expect_code 65 "a query of no word" province search "..." --url "$(pg_url reader)"
expect_err "said" "motcua: query: \"...\" has no word to look for"
expect_eq "a ward's role finds its own entries only" "000.00.22.H13" \
	"$("$MOTCUA" province search "duc" --url "$(pg_url ward_b)" --format json | jq -r 'map(.unit_id) | unique | join(" ")')"

# Its statements in one read-only transaction, the planner's settings
# LOCAL to it (a pooled server connection keeps nothing of a search),
# the schema's version read with the shares, in one round trip.
pg_sql "ALTER ROLE reader SET log_statement = 'all'" >/dev/null
: >"$PGDIR/server.log"
expect_code 0 "a search, its statements logged" province search "duc" --url "$(pg_url reader)"
pg_sql "ALTER ROLE reader RESET log_statement" >/dev/null
sed -n 's/.*LOG:  execute <unnamed>: //p; s/.*LOG:  statement: //p' "$PGDIR/server.log" |
	cut -c1-60 >"$TMP/stmts"
expect_eq "the statements: a transaction, the version and the shares first" \
"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY
SET LOCAL enable_seqscan = off
SET LOCAL jit = off
SELECT coalesce(max(version), 0) FROM province_migrations
SELECT w.kind, w.tag, w.share FROM register_words w WHERE w." "$(head -n 5 "$TMP/stmts")"
expect_eq "COMMIT last" "COMMIT" "$(tail -n 1 "$TMP/stmts")"

# Exit codes: a schema too old, none at all, a dead server.
V=$(pg_sql "SELECT max(version) FROM province_migrations")
pg_sql "DELETE FROM province_migrations WHERE version = $V" >/dev/null
expect_code 69 "an old schema" province search "duc" --url "$(pg_url reader)"
expect_err "names province init" "motcua: the province's database has schema version $((V - 1)), this motcua needs $V: run 'motcua province init' on it"
pg_sql "INSERT INTO province_migrations (version) VALUES ($V)" >/dev/null
pg_sql "INSERT INTO province_migrations (version) VALUES ($((V + 1)))" >/dev/null
expect_code 69 "a newer schema" province search "duc" --url "$(pg_url reader)"
expect_err "names the upgrade" "motcua: the province's database has schema version $((V + 1)), newer than this motcua's ($V): upgrade motcua"
pg_sql "DELETE FROM province_migrations WHERE version = $((V + 1))" >/dev/null
expect_code 69 "a database without the province's schema" province search "duc" \
	--url "$(pg_url postgres postgres)"
expect_err "version 0" "motcua: the province's database has schema version 0, this motcua needs $V: run 'motcua province init' on it"
expect_code 0 "the schema back: found again" province search "duc" --url "$(pg_url reader)"
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m immediate -s stop >/dev/null 2>&1
expect_code 75 "a dead server" province search "duc" --url "$(pg_url reader)"
expect_grep "libpq's reason" "cannot reach the province's database: connection to server on socket" \
	"$TMP/err"
