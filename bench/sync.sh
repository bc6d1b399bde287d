#!/bin/sh
# The province at scale (docs/scale.md): W wards (default 4) of N
# dossiers each (default 1,000), each received, moved to processing and
# done (three history lines, three audit records), pushed to a
# throw-away PostgreSQL 15 cluster (tests/pg.sh); then the same tables'
# rows, exported from each ward with sqlite3, loaded by `psql \copy` into
# copies of the province's tables (their indexes, no row-level security)
# in the same run. Then an incremental push of 100 new dossiers into the
# full province, and `province summary` against the hand-written GROUP BY
# it runs. With R > 0, each ward then imports R birth entries
# (bench/gen-births.awk, `register import`), pushes them, and 200
# searches of real names from those registers are timed.
#
#   sh bench/sync.sh [W] [N] [R]       (run as root, like the tests)
#
# The dossiers are made by the library itself (tests/helpers/mkward:
# mc_dossier_create, mc_dossier_update, one process per ward), so that
# they carry their history and audit records, which are what a push
# sends. Making them is the slow part of the run: with WARDS=DIR the
# wards are kept there and made only when missing, and each run works
# on copies of them. Every time is a whole process's, measured with
# date; the summary and search times are medians and p95s over repeats,
# the machine being shared.
set -eu
W=${1:-4}
N=${2:-1000}
R=${3:-0}
top=$(cd "$(dirname "$0")/.." && pwd)
MOTCUA=${MOTCUA:-$top/motcua}
MKWARD=${MKWARD:-$top/build/tests/mkward}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench.XXXXXX")
WARDS=${WARDS:-$TMP/wards}
not_ok() { echo "bench/sync.sh: $*" >&2; }
# tests/pg.sh adds its pg_stop to the tests' EXIT_HOOK; here the trap
# below stops the cluster.
# shellcheck disable=SC2034
EXIT_HOOK=
# shellcheck source=tests/pg.sh
. "$top/tests/pg.sh"
[ -x "$MKWARD" ] || { not_ok "$MKWARD: run make tests-built"; exit 1; }
export MOTCUA_NOW=2026-04-29T09:00:00+07:00 MOTCUA_CLERK=bench
export MOTCUA_MODULEDIR="${MOTCUA_MODULEDIR:-$top/build}"
ms() { echo $(( ($2 - $1) / 1000000 )); }
now() { date +%s%N; }
unit_of() { printf '000.00.22.H%03d' "$1"; }
# The median and the 95th percentile of the numbers on standard input.
stats() { sort -n | awk '{ v[NR] = $1 } END {
	i = int(NR * 0.95 + 0.999); if (i > NR) i = NR
	printf "median %s ms, p95 %s ms (%d runs)", v[int((NR + 1) / 2)], v[i], NR }'; }

echo "$(nproc) cores; at the start: $(uptime)"
# 1. The wards, made once.
mkdir -p "$WARDS"
t0=$(now)
made=0
for w in $(seq 1 "$W"); do
	db=$WARDS/w$w.db
	[ -e "$db" ] && continue
	rm -f "$db.part" "$db.part.key"
	"$MOTCUA" --db "$db.part" init --training --unit-id "$(unit_of "$w")" \
		--unit-name "UBND $w" >/dev/null
	"$MKWARD" "$db.part" "$N"
	mv "$db.part" "$db"
	# The signing key beside it, named as motcua finds it (w1.key for
	# w1.db): a push signs its checkpoint with it.
	mv "$db.part.key" "${db%.db}.key"
	made=$((made + 1))
done
[ "$made" = 0 ] || echo "made $made wards of $N dossiers in $(( $(ms "$t0" "$(now)") / 1000 )) s"
for w in $(seq 1 "$W"); do
	cp "$WARDS/w$w.db" "$TMP/w$w.db"
	cp "$WARDS/w$w.key" "$TMP/w$w.key"
done

pg_start
trap 'pg_stop; rm -rf "$TMP"' EXIT
wards=
for w in $(seq 1 "$W"); do
	pg_sql "CREATE ROLE w$w LOGIN" >/dev/null
	wards="$wards --ward $(unit_of "$w")=w$w"
done
# shellcheck disable=SC2086
"$MOTCUA" province init "$(pg_url postgres)" $wards --reader reader >/dev/null

# 2. Every ward pushes, and the same rows go by \copy into copies of the
# tables (their indexes, no row-level security), ward after ward, so that
# both meet the same load of a shared machine; each total is the sum.
# The copies are made as the province's tables are: the dossiers, the
# history and the log partitioned by unit, one partition per ward, which
# \copy fills straight, as the push does its own (province schemas 5
# and 8).
pg_sql "CREATE TABLE c_dossiers (LIKE dossiers INCLUDING ALL) PARTITION BY LIST (unit_id);
	CREATE TABLE c_dossier_history (LIKE dossier_history INCLUDING ALL)
		PARTITION BY LIST (unit_id);
	CREATE TABLE c_audit_log (LIKE audit_log INCLUDING ALL) PARTITION BY LIST (unit_id)" >/dev/null
for w in $(seq 1 "$W"); do
	unit=$(unit_of "$w")
	pg_sql "CREATE TABLE \"c_dossiers@$unit\" PARTITION OF c_dossiers FOR VALUES IN ('$unit');
		CREATE TABLE \"c_dossier_history@$unit\" PARTITION OF c_dossier_history
			FOR VALUES IN ('$unit');
		CREATE TABLE \"c_audit_log@$unit\" PARTITION OF c_audit_log
			FOR VALUES IN ('$unit')" >/dev/null
done
push=0
copy=0
for w in $(seq 1 "$W"); do
	unit=$(unit_of "$w")
	db=$TMP/w$w.db
	sqlite3 -csv "$db" "SELECT '$unit', id, code, day, seq, pin, procedure, days, applicant, id_number, phone, email, address, channel, delivery, documents, sets, note, status, received_at, due_at, finished_at, returned_at, paused_at, clerk, updated_at, promised_at FROM dossiers" >"$TMP/d.csv"
	sqlite3 -csv "$db" "SELECT '$unit', id, dossier_id, at, status, clerk, note, reason, old_due, new_due, event, changes FROM dossier_history" >"$TMP/h.csv"
	sqlite3 -csv "$db" "SELECT '$unit', id, at, clerk, command, tbl, key, change, row_hash, prev_hash, hash, os_user FROM audit_log" >"$TMP/a.csv"
	t0=$(now)
	"$MOTCUA" --db "$db" -q sync push --url "$(pg_url "w$w")" >/dev/null
	t1=$(now)
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGDIR" -U postgres -d province \
		-c "\\copy \"c_dossiers@$unit\" FROM '$TMP/d.csv' CSV" \
		-c "\\copy \"c_dossier_history@$unit\" FROM '$TMP/h.csv' CSV" \
		-c "\\copy \"c_audit_log@$unit\" FROM '$TMP/a.csv' CSV" >/dev/null
	t2=$(now)
	push=$((push + $(ms "$t0" "$t1")))
	copy=$((copy + $(ms "$t1" "$t2")))
done
rm -f "$TMP"/[dha].csv
rows=$(pg_sql "SELECT (SELECT count(*) FROM dossiers) + (SELECT count(*) FROM dossier_history) + (SELECT count(*) FROM audit_log)")
crows=$(pg_sql "SELECT (SELECT count(*) FROM c_dossiers) + (SELECT count(*) FROM c_dossier_history) + (SELECT count(*) FROM c_audit_log)")
[ "$rows" = "$crows" ] || not_ok "the push holds $rows rows, the copy $crows"
printf '%s wards x %s dossiers: %s rows; sync push %s ms, psql \\copy %s ms, ratio %s\n' \
	"$W" "$N" "$rows" "$push" "$copy" "$(echo "scale=2; $push / $copy" | bc)"
# A partitioned table's size is its partitions'.
echo "the province's dossiers, history and audit log: $(pg_sql "SELECT pg_size_pretty(sum(
	pg_total_relation_size(relid))) FROM (SELECT relid FROM pg_partition_tree('dossiers')
	UNION ALL SELECT relid FROM pg_partition_tree('dossier_history')
	UNION ALL SELECT relid FROM pg_partition_tree('audit_log')) t") with their indexes"
pg_sql "DROP TABLE c_dossiers, c_dossier_history, c_audit_log" >/dev/null
pg_sql "VACUUM ANALYZE" >/dev/null

# 4. 100 new dossiers at ward 1, pushed into the full province; five
# times (the first push of a connection reads the catalog cold).
for _ in 1 2 3 4 5; do
	"$MKWARD" "$TMP/w1.db" 100
	t0=$(now)
	"$MOTCUA" --db "$TMP/w1.db" -q sync push --url "$(pg_url w1)" >/dev/null
	ms "$t0" "$(now)"
done | tee "$TMP/each" | stats >"$TMP/incremental"
echo "incremental push of 100 dossiers: $(cat "$TMP/incremental"): $(tr '\n' ' ' <"$TMP/each")"

# 5. province summary against its GROUP BY, each a whole process.
for _ in 1 2 3 4 5; do
	t0=$(now)
	"$MOTCUA" province summary --url "$(pg_url reader)" --format csv >/dev/null
	ms "$t0" "$(now)"
done | stats >"$TMP/summary"
for _ in 1 2 3 4 5; do
	t0=$(now)
	pg_sql "SELECT unit_id, count(*), count(*) FILTER (WHERE status IN ('done','returned'))
		FROM dossiers WHERE status <> 'cancelled' GROUP BY 1 ORDER BY 1" >/dev/null
	ms "$t0" "$(now)"
done | stats >"$TMP/groupby"
echo "province summary: $(cat "$TMP/summary"); psql GROUP BY: $(cat "$TMP/groupby")"

[ "$R" -gt 0 ] || { echo "at the end: $(uptime)"; exit 0; }

# 6. The registers: R births per ward, imported by motcua, pushed.
t0=$(now)
for w in $(seq 1 "$W"); do
	awk -v n="$R" -v seed="$w" -f "$top/bench/gen-births.awk" >"$TMP/births.csv"
	"$MOTCUA" --db "$TMP/w$w.db" -q register import birth "$TMP/births.csv" >/dev/null
done
t1=$(now)
for w in $(seq 1 "$W"); do
	"$MOTCUA" --db "$TMP/w$w.db" -q sync push --url "$(pg_url "w$w")" >/dev/null
done
t2=$(now)
pg_sql "VACUUM ANALYZE births" >/dev/null
entries=$(pg_sql "SELECT count(*) FROM births")
echo "$entries birth entries: imported in $(ms "$t0" "$t1") ms, pushed in $(ms "$t1" "$t2") ms"

# 7. 200 searches of names from the registers (a family and a given
# name, or a whole name), each a whole `motcua province search`.
awk -F, -v step=$((R / 200 > 1 ? R / 200 : 1)) 'NR > 1 && NR % step == 0 && n < 200 {
	split($4, w, " "); q = (n % 2) ? $4 : w[1] " " w[length(w)]
	gsub(/"/, "", q); print q; n++ }' "$TMP/births.csv" >"$TMP/names"
# The server's part too: every statement of the reader's sessions is
# logged with its duration (log_line_prefix has the backend's pid), and
# each search's statements are added up.
pg_sql "ALTER ROLE reader SET log_min_duration_statement = 0" >/dev/null
from=$(($(wc -c <"$PGDIR/server.log") + 1))
while IFS= read -r name; do
	t0=$(now)
	"$MOTCUA" province search "$name" --url "$(pg_url reader)" --format csv >/dev/null || true
	ms "$t0" "$(now)"
done <"$TMP/names" | stats >"$TMP/search"
pg_sql "ALTER ROLE reader RESET log_min_duration_statement" >/dev/null
tail -c +"$from" "$PGDIR/server.log" | awk '/ duration: / {
	pid = $0; sub(/^[^[]*\[/, "", pid); sub(/\].*/, "", pid)
	d = $0; sub(/.* duration: /, "", d); sub(/ ms.*/, "", d); t[pid] += d }
	END { for (p in t) printf "%.1f\n", t[p] }' | stats >"$TMP/server"
echo "province search over $entries entries: whole process $(cat "$TMP/search"); its statements in the server $(cat "$TMP/server")"
echo "at the end: $(uptime)"
