#!/bin/sh
# motcua serve against nginx serving a static copy of the same page, on
# the same machine, in the same run: 64 concurrent clients (wrk) on the
# loopback, requests per second and the 99th percentile latency, the
# server's memory over more than 100,000 requests, and the same while a
# register import of a million rows writes the database.
#
#   sh bench/serve.sh [SECONDS] [ROWS]   (default 15 s per run, 1000000 rows)
#
# Goals (issue 14): requests per second at least 0.5 of nginx's, p99
# under 20 ms, memory flat over 100,000 requests; the same during the
# import. Needs wrk and nginx (scripts/deps.sh --bench).
#
# wrk, the server and nginx share the machine's cores, as they would on a
# ward's single server: the figures are of the whole machine's work. nginx
# runs with as many workers as cores, access log off, the page from a
# tmpfs when there is one; motcua serve with its default 4 threads. wrk
# runs a fixed time, so the number of requests is bounded by it.
set -eu
secs=${1:-15}
rows=${2:-1000000}
top=$(cd "$(dirname "$0")/.." && pwd)
MOTCUA=${MOTCUA:-$top/motcua}
case $MOTCUA in /*) ;; *) MOTCUA=$PWD/$MOTCUA ;; esac
: "${MOTCUA_MODULEDIR:=$top/build}"
export MOTCUA_MODULEDIR
for t in wrk nginx; do
	command -v $t >/dev/null || { echo "bench/serve.sh: $t is missing (sh scripts/deps.sh --bench)" >&2; exit 2; }
done
[ -x "$MOTCUA_MODULEDIR/motcua-net" ] || { echo "bench/serve.sh: build motcua first (make)" >&2; exit 2; }
base=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
dir=$(mktemp -d "$base/motcua-bench-serve.XXXXXX")
chmod 755 "$dir"
spid= npid=
cleanup() {
	[ -n "$spid" ] && kill "$spid" 2>/dev/null
	[ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
export MOTCUA_DB="$dir/motcua.db" MOTCUA_CLERK=bench LC_ALL=C.UTF-8
export MOTCUA_NOW="2026-04-29T09:00:00+07:00"
unset LANGUAGE 2>/dev/null || true

"$MOTCUA" init --training --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú" \
	--lookup-url 'https://motcua.vinhphu.example/tra-cuu?ma={code}&pin={pin}' >/dev/null
"$MOTCUA" config set office_address "Số 1 đường Lê Lợi, phường Vĩnh Phú" >/dev/null
# A dossier with a history of four lines, as a citizen looks it up.
"$MOTCUA" --format json dossier new --procedure 2.000635 --applicant "Nguyễn Văn An" \
	--phone 0912345678 --slip none >"$dir/new.json"
code=$(sed 's/.*"code":"\([^"]*\)".*/\1/' "$dir/new.json")
pin=$(sed 's/.*"pin":"\([^"]*\)".*/\1/' "$dir/new.json")
"$MOTCUA" dossier update "$code" --status supplement --reason "Thiếu tờ khai" >/dev/null
"$MOTCUA" dossier update "$code" --status processing >/dev/null
"$MOTCUA" dossier update "$code" --status done >/dev/null

"$MOTCUA" serve --listen 127.0.0.1:0 --max-failures 1000 2>"$dir/serve.log" &
spid=$!
n=0
while ! grep -q ' port ' "$dir/serve.log" && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
port=$(sed -n '1s/.* port \([0-9]*\),.*/\1/p' "$dir/serve.log")
url="http://127.0.0.1:$port/tra-cuu?ma=$code&pin=$pin"

# nginx: the same page as a static file, at the same path.
mkdir -p "$dir/www"
curl -s "$url" >"$dir/www/tra-cuu"
nport=$((port + 1))
[ "$nport" -gt 65000 ] && nport=18080
cat >"$dir/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/nginx.err;
events { worker_connections 1024; }
http {
	access_log off;
	server {
		listen 127.0.0.1:$nport;
		root $dir/www;
		location = /tra-cuu { default_type "text/html; charset=utf-8"; add_header Cache-Control no-store; }
	}
}
CONF
nginx -c "$dir/nginx.conf"
nurl="http://127.0.0.1:$nport/tra-cuu?ma=$code&pin=$pin"
[ "$(curl -s "$nurl" | md5sum)" = "$(curl -s "$url" | md5sum)" ] ||
	{ echo "bench/serve.sh: nginx does not serve the same page" >&2; exit 1; }
echo "bench: one page of $(wc -c <"$dir/www/tra-cuu") bytes; $(nproc) cores; wrk -t2 -c64 -d${secs}s"

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$spid/status"; }
# load NAME URL: wrk's requests per second, p99 (ms) and requests, in $dir/NAME.
load() {
	wrk -t2 -c64 -d"${secs}s" --latency "$2" >"$dir/$1.wrk"
	awk '
		/Requests\/sec:/ { rps = $2 }
		/ 99%/ { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
			ms = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : v }
		/requests in/ { req = $1 }
		/Non-2xx/ { bad = $NF }
		END { printf "%.0f %.2f %d %d\n", rps, ms, req, bad }' "$dir/$1.wrk" >"$dir/$1"
}
report() {  # LABEL MOTCUA-FILE NGINX-FILE
	read -r mr mp mn mb <"$2"
	read -r nr np nn nb <"$3"
	printf '%-28s motcua %7s req/s p99 %6s ms (%s requests, %s not 200)\n' "$1" "$mr" "$mp" "$mn" "$mb"
	printf '%-28s nginx  %7s req/s p99 %6s ms (%s requests)\n' "" "$nr" "$np" "$nn"
	awk -v a="$mr" -v b="$nr" -v p="$mp" 'BEGIN {
		printf "%-28s ratio %.2f of nginx (goal >= 0.5), p99 %s ms (goal < 20)\n", "", a / b, p }'
}

# Warm up both, then measure.
wrk -t1 -c8 -d2s "$url" >/dev/null
wrk -t1 -c8 -d2s "$nurl" >/dev/null
rss0=$(rss_kb)
load m1 "$url"
rss1=$(rss_kb)
load n1 "$nurl"
report "idle database" "$dir/m1" "$dir/n1"
# Memory over more loads of the same: it should level off, not climb.
total=$(cut -d' ' -f3 "$dir/m1")
line="$rss0 kB warm, $rss1 after $total requests"
for i in 2 3 4; do
	load "m$i" "$url"
	total=$((total + $(cut -d' ' -f3 "$dir/m$i")))
	line="$line, $(rss_kb) after $total"
done
echo "memory (VmRSS of motcua serve): $line (goal: flat)"

# The same while a million-row register import writes the database.
echo "bench: generating $rows birth entries..."
awk -v n="$rows" -v seed=1 -f "$top/bench/gen-births.awk" >"$dir/births.csv"
start=$(date +%s)
MOTCUA_BUSY_TIMEOUT=600000 "$MOTCUA" register import birth "$dir/births.csv" >"$dir/import.out" 2>&1 &
ipid=$!
sleep 2
load m3 "$url"
load n3 "$nurl"
rss3=$(rss_kb)
running=no
kill -0 $ipid 2>/dev/null && running=yes
wait $ipid || { echo "bench: the import failed:" >&2; tail -3 "$dir/import.out" >&2; exit 1; }
echo "import of $rows rows: $(($(date +%s) - start)) s (still running at the end of both loads: $running)"
report "during the import" "$dir/m3" "$dir/n3"
echo "memory after the loads during the import: $rss3 kB"
