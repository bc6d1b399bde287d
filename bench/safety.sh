#!/bin/sh
# What safety costs: a large procedure import with its audit records
# against sqlite3's own .import of the same CSV into a bare table, then
# db check, db backup and audit log on the register it leaves.
#
#   sh bench/safety.sh [ROWS]      (default 100000 rows)
set -eu
rows=${1:-100000}
top=$(cd "$(dirname "$0")/.." && pwd)
motcua=${MOTCUA:-$top/motcua}
dir=$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export MOTCUA_DB="$dir/motcua.db" MOTCUA_CLERK=bench MOTCUA_NOW=2026-04-29T09:00:00+07:00

"$motcua" init --training --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú" >/dev/null
awk -v n="$rows" 'BEGIN { print "code,name,days,fee,documents"
	for (i = 1; i <= n; i++) printf "8.%06d,Thủ tục số %d,%d,%d,Tờ khai;CCCD\n", i, i, i % 30, i * 100 }' \
	>"$dir/big.csv"

now_ns() { date +%s%N; }
ms() { echo $(( ($(now_ns) - $1) / 1000000 )); }

t=$(now_ns)
sqlite3 "$dir/bare.db" "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
	CREATE TABLE p(code TEXT PRIMARY KEY, name, days, fee, documents) WITHOUT ROWID;" >/dev/null
sqlite3 "$dir/bare.db" ".import --csv --skip 1 $dir/big.csv p"
t_bare=$(ms "$t")
t=$(now_ns)
"$motcua" -q procedure import "$dir/big.csv"
t_import=$(ms "$t")
t=$(now_ns)
"$motcua" -q db check
t_check=$(ms "$t")
t=$(now_ns)
"$motcua" -q db backup "$dir/copy.db"
t_backup=$(ms "$t")
t=$(now_ns)
"$motcua" audit log --format csv >/dev/null
t_log=$(ms "$t")
t=$(now_ns)
"$motcua" -q dossier new --procedure 2.000635 --applicant "Bench" --slip none >/dev/null
records=$(sqlite3 "$MOTCUA_DB" 'select count(*) from audit_log')
size=$(stat -c %s "$MOTCUA_DB")
bare=$(stat -c %s "$dir/bare.db")

awk -v r="$rows" -v b="$t_bare" -v i="$t_import" -v c="$t_check" -v k="$t_backup" \
	-v l="$t_log" -v n="$records" -v s="$size" -v bs="$bare" 'BEGIN {
	printf "rows imported:                        %d\n", r
	printf "sqlite3 .import into a bare table:    %d ms\n", b
	printf "motcua procedure import (validated,\n"
	printf "  one audit record per row):          %d ms  ratio %.1f, %.0f rows/s\n", i, i / b, r / (i / 1000)
	printf "motcua db check (%d records):     %d ms\n", n, c
	printf "motcua db backup (verified):          %d ms\n", k
	printf "motcua audit log --format csv:        %d ms\n", l
	printf "database size / bare table:           %.1f MB / %.1f MB\n", s / 1e6, bs / 1e6
}'
