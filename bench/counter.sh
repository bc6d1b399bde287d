#!/bin/sh
# The counter's two commands against SQLite's own start-up: wall time of
# `motcua dossier status` and `motcua dossier new` compared with a bare
# `sqlite3 DB 'select 1'` on the same database, in the same run. Then
# `motcua dossier find` on a register of FIND_N dossiers made by
# bench/gen-dossiers.sh: by a common name typed in part, a rare full name,
# a phone and an ID number, the median wall time of 5 runs of each (the
# process included).
#
#   sh bench/counter.sh [RUNS]      (default 300 runs of each)
#   FIND_N=0 sh bench/counter.sh    (without dossier find)
#
# Goals (issue 2): status within 1.5x, new within 3x of the bare query;
# (issue 10) dossier find under 30 ms on 1,000,000 dossiers.
set -eu
runs=${1:-300}
find_n=${FIND_N:-1000000}
top=$(cd "$(dirname "$0")/.." && pwd)
motcua=${MOTCUA:-$top/motcua}
dir=$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export MOTCUA_DB="$dir/motcua.db" MOTCUA_CLERK=bench MOTCUA_NOW=2026-04-29T09:00:00+07:00

# A training copy (it takes MOTCUA_NOW), set up before the month: no
# receipt is dated before the office's first day.
MOTCUA_NOW=2026-03-31T08:00:00+07:00 "$motcua" init --training --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú" \
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

[ "$find_n" -gt 0 ] || exit 0
# ---- dossier find on a large register ----
big="$dir/find.db"
MOTCUA=$motcua sh "$top/bench/gen-dossiers.sh" "$big" "$find_n"
phone=$(sqlite3 "$big" "SELECT phone FROM dossiers WHERE phone IS NOT NULL
	AND id >= $find_n / 2 ORDER BY id LIMIT 1")
id_number=$(sqlite3 "$big" "SELECT id_number FROM dossiers WHERE id >= $find_n / 3
	ORDER BY id LIMIT 1")
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
find_ms() {  # TEXT: median milliseconds of 5 runs (after one to warm the cache)
	MOTCUA_DB=$big "$motcua" -q dossier find "$1" >/dev/null || true
	i=0
	while [ $i -lt 5 ]; do
		a=$(now_ns)
		MOTCUA_DB=$big "$motcua" -q dossier find "$1" >"$dir/find.out" || true
		b=$(now_ns)
		echo $(((b - a) / 1000))
		i=$((i + 1))
	done | median | awk '{ printf "%.1f", $1 / 1000 }'
}
echo
echo "== dossier find on $find_n dossiers (median of 5, wall time of the whole command; goal < 30 ms) =="
# A phone as a citizen says it, an ID number with blanks.
phone_said="+84 $(printf '%s' "${phone#0}" | sed 's/^\(...\)\(...\)/\1 \2 /')"
id_said=$(printf '%s' "$id_number" | sed 's/\(....\)\(....\)/\1 \2 /')
for q in "nguyen van" "Nguyễn Văn Đức" "nguyen van d" "ng v" "ton nu diem kieu" \
	"Tôn Nữ Diễm Kiều" "d" "$phone_said" "$id_said"; do
	ms=$(find_ms "$q")
	printf '%6s ms  %2d found  "%s"\n' "$ms" "$(wc -l <"$dir/find.out")" "$q"
done
