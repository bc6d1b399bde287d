#!/bin/sh
# The reports over a register of 1,000,000 dossiers:
#   - `motcua report summary` (overall, --by procedure, --by clerk, and
#     one month)
#     against the same figures computed by a hand-written GROUP BY query run
#     by the sqlite3 shell on the same database, in the same run: the
#     figures must be equal, and the goal is motcua within 1.5x of sqlite3;
#   - the peak memory (maximum resident set) of `motcua report dossiers`
#     writing the tracking book of all the dossiers: goal under 64 MB.
#
#   sh bench/report.sh [RUNS] [N]     (default 7 runs of each, 1,000,000 dossiers)
#
# BENCH_DB=FILE keeps the generated register in FILE (made when missing)
# instead of a temporary folder, to run again without generating it.
# Peak memory is read with GNU time (/usr/bin/time -v, Debian package
# "time") when it is there, else from VmHWM in /proc by a small wrapper.
set -eu
runs=${1:-7}
n=${2:-1000000}
top=$(cd "$(dirname "$0")/.." && pwd)
motcua=${MOTCUA:-$top/motcua}
dir=$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
db=${BENCH_DB:-$dir/motcua.db}
export MOTCUA_NOW=2026-04-29T09:00:00+07:00 MOTCUA_CLERK=bench

if [ ! -e "$db" ]; then
	start=$(date +%s)
	MOTCUA=$motcua sh "$top/bench/gen-dossiers.sh" "$db" "$n"
	echo "generated $n dossiers in $(($(date +%s) - start)) s ($(du -m "$db" | cut -f1) MB)"
fi
count=$(sqlite3 "$db" 'SELECT count(*) FROM dossiers')
now=$(date -d "$MOTCUA_NOW" +%s)

# The figures as a person would ask sqlite3 for them: the rules of
# motcua-report(1), OUTCOMES, written out by hand.
# The promised due time judges; a rescheduled dossier is late once finished.
promised="coalesce(promised_at, due_at)"
figures="count(*),
  sum((status IN ('received','processing','payment') AND $promised >= $now)
      OR (status = 'supplement' AND coalesce(paused_at, $now) <= $promised)),
  sum(status IN ('done','returned') AND promised_at IS NULL AND coalesce(finished_at <= due_at, 1)),
  sum(status IN ('done','returned') AND (promised_at IS NOT NULL OR finished_at > due_at)),
  sum((status IN ('received','processing','payment') AND $promised < $now)
      OR (status = 'supplement' AND coalesce(paused_at, $now) > $promised)),
  sum(status = 'rejected'), sum(status = 'withdrawn'), sum(status = 'stopped'),
  count(promised_at)"
# April 2026 at +07:00
from=$(date -d 2026-03-01T00:00:00+07:00 +%s) to=$(date -d 2026-04-01T00:00:00+07:00 +%s)
sql_all="SELECT $figures FROM dossiers;"
sql_proc="SELECT procedure, $figures FROM dossiers GROUP BY procedure ORDER BY procedure;"
sql_clerk="SELECT clerk, $figures FROM dossiers GROUP BY clerk ORDER BY clerk;"
sql_month="SELECT $figures FROM dossiers WHERE received_at >= $from AND received_at < $to;"

now_ns() { date +%s%N; }

# median_ms COMMAND...: the median wall time of $runs runs, in ms
median_ms() {
	i=0
	: >"$dir/times"
	while [ $i -lt "$runs" ]; do
		t0=$(now_ns)
		"$@" >/dev/null
		echo $(( ($(now_ns) - t0) / 1000 )) >>"$dir/times"
		i=$((i + 1))
	done
	sort -n "$dir/times" | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%.1f", $1 / 1000 }'
}

# compare NAME MOTCUA-ARGS SQL: same figures, then the times
compare() {
	name=$1 args=$2 sql=$3
	# shellcheck disable=SC2086
	# without the on-time rate, the last column but one
	"$motcua" --db "$db" report summary $args --format csv | sed 1d |
		sed 's/,[^,]*\(,[^,]*\)$/\1/' >"$dir/m"
	sqlite3 -csv "$db" "$sql" >"$dir/s"
	if cmp -s "$dir/m" "$dir/s"; then same=yes; else same=NO; fi
	sqlite3 "$db" "$sql" >/dev/null   # warm the page cache alike
	# shellcheck disable=SC2086
	tm=$(median_ms "$motcua" --db "$db" report summary $args --format csv)
	ts=$(median_ms sqlite3 "$db" "$sql")
	awk -v n="$name" -v m="$tm" -v s="$ts" -v same="$same" 'BEGIN {
		r = m / s
		printf "%-30s motcua %8.1f ms   sqlite3 %8.1f ms   ratio %.2f (goal <= 1.5: %s)   same figures: %s\n",
			n, m, s, r, r <= 1.5 ? "met" : "NOT met", same }'
}

echo "register: $count dossiers; $runs runs of each, median wall time"
compare "report summary" "" "$sql_all"
compare "report summary --by procedure" "--by procedure" "$sql_proc"
compare "report summary --by clerk" "--by clerk" "$sql_clerk"
compare "report summary (one month)" "--from 2026-03-01 --to 2026-03-31" "$sql_month"

# Peak memory of the tracking book of every dossier.
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	t0=$(now_ns)
	/usr/bin/time -v "$motcua" --db "$db" report dossiers -o "$dir/book.csv" 2>"$dir/time.txt"
	ms=$(( ($(now_ns) - t0) / 1000000 ))
	kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time.txt")
	how="/usr/bin/time -v"
else
	# Without GNU time: sample the high-water mark (VmHWM) of motcua's
	# /proc entry until it exits; it only grows, so the last sample is
	# the peak up to a few milliseconds before the end.
	t0=$(now_ns)
	"$motcua" --db "$db" report dossiers -o "$dir/book.csv" &
	pid=$!
	kb=0
	while kill -0 "$pid" 2>/dev/null; do
		k=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
		[ "${k:-0}" -gt "$kb" ] && kb=$k
	done
	wait "$pid"
	ms=$(( ($(now_ns) - t0) / 1000000 ))
	how="VmHWM sampled from /proc"
fi
rows=$(($(wc -l <"$dir/book.csv") - 1))
awk -v kb="$kb" -v rows="$rows" -v ms="$ms" -v how="$how" -v size="$(du -m "$dir/book.csv" | cut -f1)" 'BEGIN {
	printf "report dossiers                %d rows (%d MB of CSV) in %.1f s, peak memory %.1f MB (goal < 64 MB: %s; %s)\n",
		rows, size, ms / 1000, kb / 1024, kb < 65536 ? "met" : "NOT met", how }'
