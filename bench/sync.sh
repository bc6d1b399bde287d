#!/bin/sh
# sync push against psql's \copy of the same rows, in the same run:
# W wards (default 4) of N dossiers each (default 1,000), each received,
# moved to processing and done (three history lines, five audit records),
# pushed to a throw-away PostgreSQL 15 cluster (tests/pg.sh); then the
# same tables' rows, exported from each ward with sqlite3, loaded by
# `psql \copy` into copies of the province's tables. Then an incremental
# push of 100 new dossiers into the full province, and `province summary`
# against the hand-written GROUP BY it runs, timed with psql.
#
#   sh bench/sync.sh [W] [N]        (run as root, like the tests)
#
# The dossiers are made by motcua itself (dossier new, dossier update),
# so that they carry their audit records, which are what a push sends:
# making them is the slow part of the run.
set -eu
W=${1:-4}
N=${2:-1000}
top=$(cd "$(dirname "$0")/.." && pwd)
MOTCUA=${MOTCUA:-$top/motcua}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench.XXXXXX")
not_ok() { echo "bench/sync.sh: $*" >&2; }
. "$top/tests/pg.sh"
pg_start
trap 'pg_stop; rm -rf "$TMP"' EXIT
export MOTCUA_NOW=2026-04-29T09:00:00+07:00 MOTCUA_CLERK=bench
export MOTCUA_MODULEDIR=${MOTCUA_MODULEDIR:-$top/build}
ms() { echo $(( ($2 - $1) / 1000000 )); }

wards=
for w in $(seq 1 "$W"); do
	unit=$(printf '000.00.22.H%02d' "$w")
	db=$TMP/w$w.db
	"$MOTCUA" --db "$db" init --training --unit-id "$unit" --unit-name "UBND $w" >/dev/null
	i=0
	while [ $i -lt "$N" ]; do
		c=$("$MOTCUA" --db "$db" -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn $i")
		"$MOTCUA" --db "$db" dossier update "$c" --status processing >/dev/null
		"$MOTCUA" --db "$db" dossier update "$c" --status done >/dev/null
		i=$((i + 1))
	done
	pg_sql "CREATE ROLE w$w LOGIN" >/dev/null
	wards="$wards --ward $unit=w$w"
done
# shellcheck disable=SC2086
"$MOTCUA" province init "$(pg_url postgres)" $wards --reader reader >/dev/null

t0=$(date +%s%N)
for w in $(seq 1 "$W"); do
	"$MOTCUA" --db "$TMP/w$w.db" -q sync push --url "$(pg_url w$w)" >/dev/null
done
t1=$(date +%s%N)
push=$(ms "$t0" "$t1")

# The same rows by \copy, into copies of the tables (no row-level security).
pg_sql "CREATE TABLE c_dossiers (LIKE dossiers INCLUDING ALL);
	CREATE TABLE c_dossier_history (LIKE dossier_history INCLUDING ALL);
	CREATE TABLE c_audit_log (LIKE audit_log INCLUDING ALL)" >/dev/null
for w in $(seq 1 "$W"); do
	unit=$(printf '000.00.22.H%02d' "$w")
	db=$TMP/w$w.db
	sqlite3 -csv "$db" "SELECT '$unit', id, code, day, seq, pin, procedure, days, applicant, id_number, phone, email, address, channel, delivery, documents, sets, note, status, received_at, due_at, finished_at, returned_at, paused_at, clerk, updated_at, promised_at FROM dossiers" >"$TMP/d$w.csv"
	sqlite3 -csv "$db" "SELECT '$unit', id, dossier_id, at, status, clerk, note, reason, old_due, new_due, event, changes FROM dossier_history" >"$TMP/h$w.csv"
	sqlite3 -csv "$db" "SELECT '$unit', id, at, clerk, command, tbl, key, change, row_hash, prev_hash, hash, os_user FROM audit_log" >"$TMP/a$w.csv"
done
t0=$(date +%s%N)
for w in $(seq 1 "$W"); do
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGDIR" -U postgres -d province \
		-c "\\copy c_dossiers FROM '$TMP/d$w.csv' CSV" \
		-c "\\copy c_dossier_history FROM '$TMP/h$w.csv' CSV" \
		-c "\\copy c_audit_log FROM '$TMP/a$w.csv' CSV" >/dev/null
done
t1=$(date +%s%N)
copy=$(ms "$t0" "$t1")
rows=$(pg_sql "SELECT (SELECT count(*) FROM dossiers) + (SELECT count(*) FROM dossier_history) + (SELECT count(*) FROM audit_log)")
crows=$(pg_sql "SELECT (SELECT count(*) FROM c_dossiers) + (SELECT count(*) FROM c_dossier_history) + (SELECT count(*) FROM c_audit_log)")
[ "$rows" = "$crows" ] || echo "bench/sync.sh: the push holds $rows rows, the copy $crows" >&2
printf '%s wards x %s dossiers: %s rows; sync push %s ms, psql \\copy %s ms, ratio %s\n' \
	"$W" "$N" "$rows" "$push" "$copy" "$(echo "scale=2; $push / $copy" | bc)"

# 100 new dossiers at ward 1, pushed into the full province.
for i in $(seq 1 100); do
	"$MOTCUA" --db "$TMP/w1.db" -q dossier new --procedure 2.000635 --applicant "Mới $i" >/dev/null
done
t0=$(date +%s%N)
"$MOTCUA" --db "$TMP/w1.db" -q sync push --url "$(pg_url w1)" >/dev/null
t1=$(date +%s%N)
echo "incremental push of 100 dossiers: $(ms "$t0" "$t1") ms"

t0=$(date +%s%N)
"$MOTCUA" province summary --url "$(pg_url reader)" --format csv >/dev/null
t1=$(date +%s%N)
t2=$(date +%s%N)
pg_sql "SELECT unit_id, count(*), count(*) FILTER (WHERE status IN ('done','returned'))
	FROM dossiers WHERE status <> 'cancelled' GROUP BY 1 ORDER BY 1" >/dev/null
t3=$(date +%s%N)
echo "province summary $(ms "$t0" "$t1") ms, psql GROUP BY $(ms "$t2" "$t3") ms (each a whole process)"
