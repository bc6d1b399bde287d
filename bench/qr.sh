#!/bin/sh
# qr print against qrencode, same payloads, same symbol (-s 4 -l M -m 4),
# same run: wall time of one PNG per process, and of 2,000 PNGs written by
# one `motcua qr print --batch` against 2,000 runs of qrencode.
#
#   sh bench/qr.sh [RUNS] [BATCH]     (default 300 single runs of each,
#                                      a batch of 2000 codes)
#
# Goals (issue 4): one PNG per process within 1.2x of qrencode; the batch
# under 0.1x of qrencode run once per code.
#
# Both write their files in BENCH_TMPDIR, by default /dev/shm (a tmpfs)
# when there is one: creating 2,000 files on a busy disk can take longer
# than drawing them, and that time, the same for both, would only blur
# the comparison of the programs. The batch uses every core (one worker
# thread each); the figures depend on how many are free.
set -eu
runs=${1:-300}
batch=${2:-2000}
top=$(cd "$(dirname "$0")/.." && pwd)
motcua=${MOTCUA:-$top/motcua}
if [ -z "${BENCH_TMPDIR:-}" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then BENCH_TMPDIR=/dev/shm; else BENCH_TMPDIR=${TMPDIR:-/tmp}; fi
fi
dir=$(mktemp -d "$BENCH_TMPDIR/motcua-bench-qr.XXXXXX")
trap 'rm -rf "$dir"' EXIT
# --text needs no database: make sure none is read.
export MOTCUA_DB="$dir/none/motcua.db"
command -v qrencode >/dev/null || { echo "bench/qr.sh: qrencode is not installed" >&2; exit 1; }

# The lookup URLs of a day's slips: 4-digit counters, random-looking PINs.
i=1
while [ $i -le "$batch" ]; do
	printf 'https://dichvucong.binhduong.gov.vn/tra-cuu?ma=000.00.22.H12-260429-%04d&pin=%06X\n' \
		"$i" $(( (i * 7919 + 104729) % 16777216 ))
	i=$((i + 1))
done >"$dir/payloads"
url=$(head -1 "$dir/payloads")
opts="-s 4 -l M -m 4"

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

# One PNG per process, interleaved so that machine noise hits both alike.
t_q=0 t_m=0
for round in 1 2 3; do
	# shellcheck disable=SC2086
	t_q=$((t_q + $(time_loop qrencode $opts -o "$dir/q.png" "$url")))
	# shellcheck disable=SC2086
	t_m=$((t_m + $(time_loop "$motcua" qr print --text "$url" $opts -o "$dir/m.png")))
done

# The batch: qrencode once per line against one motcua process.
mkdir "$dir/q" "$dir/m"
start=$(now_ns)
n=0
while IFS= read -r p; do
	n=$((n + 1))
	# shellcheck disable=SC2086
	qrencode $opts -o "$dir/q/$n.png" "$p"
done <"$dir/payloads"
t_qb=$(( $(now_ns) - start ))
start=$(now_ns)
# shellcheck disable=SC2086
"$motcua" qr print --batch $opts -o "$dir/m" <"$dir/payloads"
t_mb=$(( $(now_ns) - start ))
[ "$(ls "$dir/m" | wc -l)" -eq "$batch" ] && [ "$(ls "$dir/q" | wc -l)" -eq "$batch" ] ||
	{ echo "bench/qr.sh: the batches did not write $batch files each" >&2; exit 1; }

fs=$(df -T "$dir" | awk 'NR == 2 { print $2 }')
awk -v q="$t_q" -v m="$t_m" -v n="$((runs * 3))" -v qb="$t_qb" -v mb="$t_mb" -v b="$batch" \
	-v opts="$opts" -v where="$BENCH_TMPDIR ($fs)" -v cpus="$(nproc)" 'BEGIN {
	printf "symbol: %s, payload: a lookup URL of 85 bytes\n", opts
	printf "files written in %s, %d cores\n", where, cpus
	printf "one PNG per process (%d runs of each):\n", n
	printf "  qrencode -o f.png URL:                 %.2f ms\n", q / n / 1e6
	printf "  motcua qr print --text URL -o f.png:   %.2f ms  ratio %.2f (goal <= 1.2)\n", m / n / 1e6, m / q
	printf "%d PNGs:\n", b
	printf "  qrencode, one run per code:            %.2f s\n", qb / 1e9
	printf "  motcua qr print --batch, one process:  %.2f s  ratio %.3f (goal < 0.1)\n", mb / 1e9, mb / qb
}'
