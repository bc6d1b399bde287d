#!/bin/sh
# The counter's two commands against SQLite's own start-up: wall time of
# `motcua dossier status` and `motcua dossier new` compared with a bare
# `sqlite3 DB 'select 1'` on the same database, in the same run.
#
#   sh bench/counter.sh [RUNS]      (default 300 runs of each)
#
# Goals (issue 2): status within 1.5x, new within 3x of the bare query.
set -eu
runs=${1:-300}
top=$(cd "$(dirname "$0")/.." && pwd)
motcua=${MOTCUA:-$top/motcua}
dir=$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export MOTCUA_DB="$dir/motcua.db" MOTCUA_CLERK=bench MOTCUA_NOW=2026-04-29T09:00:00+07:00

"$motcua" init --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú" \
	--lookup-url 'https://dvc.example.gov.vn/?ma={code}&pin={pin}' >/dev/null
# A register with some history: 2,000 dossiers over the month.
i=0
while [ $i -lt 2000 ]; do
	MOTCUA_NOW=$(printf '2026-04-%02dT09:00:00+07:00' $(( (i % 28) + 1 ))) \
		"$motcua" -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn $i" \
		--phone 0912345678 >/dev/null
	i=$((i + 1))
done
code=$("$motcua" -q dossier list --from 2026-04-15 --to 2026-04-15 | head -1)

now_ns() { date +%s%N; }

time_loop() {  # COMMAND...: total nanoseconds of $runs runs
	start=$(now_ns)
	n=0
	while [ $n -lt "$runs" ]; do
		"$@" >/dev/null
		n=$((n + 1))
	done
	echo $(( $(now_ns) - start ))
}

# Interleave the three so that machine noise hits them alike.
t_sql=0 t_status=0 t_new=0
for round in 1 2 3; do
	t_sql=$((t_sql + $(time_loop sqlite3 "$MOTCUA_DB" 'select 1')))
	t_status=$((t_status + $(time_loop "$motcua" dossier status "$code")))
	t_new=$((t_new + $(time_loop "$motcua" -q dossier new --procedure 2.000635 --applicant "Bench" --slip none)))
done
total=$((runs * 3))
awk -v s="$t_sql" -v st="$t_status" -v nw="$t_new" -v n="$total" 'BEGIN {
	printf "runs of each:                 %d\n", n
	printf "sqlite3 DB \"select 1\":        %.2f ms\n", s / n / 1e6
	printf "motcua dossier status CODE:   %.2f ms  ratio %.2f (goal <= 1.5)\n", st / n / 1e6, st / s
	printf "motcua dossier new (no slip): %.2f ms  ratio %.2f (goal <= 3.0)\n", nw / n / 1e6, nw / s
}'
