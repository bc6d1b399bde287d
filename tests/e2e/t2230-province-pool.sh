#!/bin/sh
# The province's read commands through a connection pool: PgBouncer in
# transaction mode in front of the province (docs/scale.md: a search's
# connection then costs no new backend), each statement of `province
# search`, `summary`, `status` and `check` a transaction of its own. The
# answers through the pool are the answers of a direct connection, for
# the reader and for a ward's role (row-level security by the role the
# pool connects as), again and again on the pool's kept backends. The
# pushes connect to PostgreSQL directly (their staging tables live in
# their session).
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/pg.sh"
pg_start

ADMIN=$(pg_url postgres)
for w in a b; do
	unit=000.00.22.H1$([ $w = a ] && echo 2 || echo 3)
	MOTCUA_DB=$TMP/$w.db "$MOTCUA" init --training --unit-id "$unit" --unit-name "UBND $w" \
		>/dev/null 2>&1 || { not_ok "init $w"; exit 1; }
	awk -v n=400 -v seed=$([ $w = a ] && echo 3 || echo 4) -f "$TOP/bench/gen-births.awk" \
		>"$TMP/births-$w.csv"
	MOTCUA_DB=$TMP/$w.db "$MOTCUA" register import birth "$TMP/births-$w.csv" >/dev/null 2>&1 ||
		not_ok "register import $w"
done
code=$(MOTCUA_DB=$TMP/a.db "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Lê Văn Tám")
"$MOTCUA" province init "$ADMIN" --ward 000.00.22.H12=ward_a --ward 000.00.22.H13=ward_b \
	--reader reader >/dev/null || not_ok "province init"
"$MOTCUA" --db "$TMP/a.db" sync push --url "$(pg_url ward_a)" >/dev/null || not_ok "push a"
"$MOTCUA" --db "$TMP/b.db" sync push --url "$(pg_url ward_b)" >/dev/null || not_ok "push b"
pg_sql "ANALYZE" >/dev/null
# The words' shares taken from those statistics (the walk for common names).
"$MOTCUA" province init "$ADMIN" >/dev/null || not_ok "province init after ANALYZE"

# The pool: its socket in a folder of its own, the users it lets in.
POOL=$PGDIR/pool
if ! command -v pgbouncer >/dev/null 2>&1; then
	not_ok "pgbouncer is not installed: run scripts/deps.sh"; exit 1
fi
pool_start "$POOL" "$PGDIR" reader ward_a ||
	{ not_ok "pgbouncer did not start"; tail -5 "$POOL/pgbouncer.log"; exit 1; }
EXIT_HOOK="kill \$(cat $POOL/pgbouncer.pid) 2>/dev/null; $EXIT_HOOK"

# Each read command, direct and pooled: the same output and exit code.
both() {
	label=$1 role=$2; shift 2
	"$MOTCUA" "$@" --url "$(pg_url "$role")" >"$TMP/direct" 2>&1
	want=$?
	"$MOTCUA" "$@" --url "$(pool_url "$POOL" "$role")" >"$TMP/pooled" 2>&1
	got=$?
	expect_eq "$label: the exit code" "$want" "$got"
	expect_eq "$label: the output" "$(cat "$TMP/direct")" "$(cat "$TMP/pooled")"
}
for round in 1 2 3; do
	for q in "nguyen van" "thi" "tran b" "zzz"; do
		both "round $round: search \"$q\" (reader)" reader province search "$q" --format json
		both "round $round: search \"$q\" (ward A)" ward_a province search "$q" --format json
	done
	both "round $round: summary by unit" reader province summary --by unit --format json
	both "round $round: status" reader province status "$code" --format json
	both "round $round: check" reader province check --format json
done
expect_code 0 "a pooled search finds" province search "nguyen van" \
	--url "$(pool_url "$POOL" reader)" --format csv
expect_eq "twenty hits and the header" 21 "$(wc -l <"$TMP/out")"
expect_code 0 "the status of ward A's dossier, pooled" province status "$code" \
	--url "$(pool_url "$POOL" ward_a)" --format json
expect_eq "its code" "$code" "$(jq -r .code "$TMP/out")"
# The pool ran them on its kept backends: fewer backends than commands.
n=$(pg_sql "SELECT count(*) FROM pg_stat_activity WHERE datname = 'province'
	AND usename IN ('reader', 'ward_a')")
[ "$n" -le 4 ] && ok "the pool keeps its backends ($n)" || not_ok "the pool keeps its backends: $n"
