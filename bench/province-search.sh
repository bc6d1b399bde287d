#!/bin/sh
# `province search` at scale (issue 15, docs/scale.md): W wards of R
# birth entries each (default 100 x 100,000: ten million entries), made
# by the real path: bench/gen-births.awk's CSV, `register import` into
# each ward, `sync push` into one PostgreSQL 15 province; then searches
# of 200 real names from those registers are timed, each a whole
# `motcua province search`, and the server's part of each (every
# statement of the reader's sessions logged with its duration).
#
#   sh bench/province-search.sh [W] [R]     (run as root, like the tests)
#
# Making the province is the slow part (about half an hour for ten
# million entries on two cores): PROV=DIR (default /tmp/prov10m) keeps
# the cluster's data directory (DIR/data, its socket in DIR) and the
# wards' databases between runs, and a run finds the province there and
# only starts its server. While the wards push, the registers' GIN index
# of words is dropped and is made again once at the end, as province
# migration 2 made it: the rows are the rows the pushes wrote.
#
# Environment: MOTCUA the program (default the tree's), OLD=DIR a folder
# with another build's motcua-net (the search before issue 15's change),
# timed on the same province first when given; UPGRADE=1 runs `province
# init` (the migrations the province lacks) before the new searches, and
# times it. The server runs with shared_buffers=4GB (a province's server
# is given its memory; the default 128MB holds no register).
#
# HUGEPAGES=1 (the default) has the server's shared memory in huge pages
# (huge_pages=on; vm.nr_hugepages raised to hold shared_buffers), =0 in
# the kernel's 4 kB pages: each search is a new connection, whose backend
# maps every page of shared memory it touches for the first time, and
# with 4 kB pages that was most of a search's time (docs/scale.md). The
# server is restarted for the timed runs with the setting asked for.
#
# The competitor: psql, run once per name like motcua, sending the same
# statements with the same values (read from the server's log of
# motcua's timed run, each value written into its statement), one at a
# time; the ratio of the whole processes is printed. Then both again
# through pgbouncer in transaction mode (when installed: scripts/deps.sh
# installs it).
#
# docs/scale.md's figures: the province made and timed with the build of
# schema 4 (MOTCUA_MODULEDIR=DIR of its motcua-net: its "new" line is that
# build's), then `province init` and a run with this build.
set -eu
W=${1:-100}
R=${2:-100000}
top=$(cd "$(dirname "$0")/.." && pwd)
MOTCUA=${MOTCUA:-$top/motcua}
PROV=${PROV:-/tmp/prov10m}
PG_BIN=/usr/lib/postgresql/15/bin
# pool_start and pool_url: the pool the tests start too.
# shellcheck source=tests/pg.sh
. "$top/tests/pg.sh"
export MOTCUA_NOW=2026-04-29T09:00:00+07:00 MOTCUA_CLERK=bench LC_ALL=C.UTF-8
export MOTCUA_MODULEDIR="${MOTCUA_MODULEDIR:-$top/build}"
unset PGHOST PGPORT PGDATABASE PGUSER PGSERVICE PGPASSWORD 2>/dev/null || true
ms() { echo $(( ($2 - $1) / 1000000 )); }
now() { date +%s%N; }
unit_of() { printf '000.00.22.H%03d' "$1"; }
url() { echo "host=$PROV dbname=province user=$1"; }
sql() {
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -At -h "$PROV" -U postgres -d "${DB:-province}" \
		-c "$1"
}
# The median and the 95th percentile of the numbers on standard input.
stats() { sort -n | awk '{ v[NR] = $1 } END {
	i = int(NR * 0.95 + 0.999); if (i > NR) i = NR
	printf "median %s ms, p95 %s ms (%d runs)", v[int((NR + 1) / 2)], v[i], NR }'; }
HUGEPAGES=${HUGEPAGES:-1}
start() {
	[ -f "$PROV/data/postmaster.pid" ] && return 0
	huge=off
	if [ "$HUGEPAGES" = 1 ]; then
		# 4 GB of shared buffers and the rest of the segment, in 2 MB pages.
		[ "$(cat /proc/sys/vm/nr_hugepages)" -ge 2200 ] || echo 2200 >/proc/sys/vm/nr_hugepages
		huge=on
	fi
	runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PROV/data" -l "$PROV/server.log" -w -s \
		-o "-c listen_addresses= -k $PROV -c shared_buffers=4GB -c maintenance_work_mem=2GB -c max_wal_size=8GB -c huge_pages=$huge ${1:-}" \
		start >/dev/null 2>&1
}
stop() {
	[ -f "$PROV/data/postmaster.pid" ] || return 0
	runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PROV/data" -m fast -s stop
}
# However the bench ends, the pool and the server are stopped: its 4 GB
# of shared memory are not left to the machine's next user.
POOL=
finish() {
	[ -z "$POOL" ] || [ ! -f "$POOL/pgbouncer.pid" ] || kill "$(cat "$POOL/pgbouncer.pid")" 2>/dev/null || true
	stop
}
trap finish EXIT

echo "$(nproc) cores; at the start: $(uptime)"
mkdir -p "$PROV/wards"
chown postgres "$PROV"

# 1. The wards: R births each, imported by motcua, made once.
t0=$(now)
for w in $(seq 1 "$W"); do
	db=$PROV/wards/w$w.db
	[ -e "$db" ] && continue
	rm -f "$db.part" "$db.part.key"
	"$MOTCUA" --db "$db.part" init --training --unit-id "$(unit_of "$w")" \
		--unit-name "UBND $w" >/dev/null
	awk -v n="$R" -v seed="$w" -f "$top/bench/gen-births.awk" >"$PROV/wards/births$w.csv"
	"$MOTCUA" --db "$db.part" -q register import birth "$PROV/wards/births$w.csv" >/dev/null
	mv "$db.part" "$db"
	[ ! -e "$db.part.key" ] || mv "$db.part.key" "${db%.db}.key"
done
echo "wards ready in $(( $(ms "$t0" "$(now)") / 1000 )) s"

# 2. The province, made once: every ward pushes its births.
if [ ! -e "$PROV/data/PG_VERSION" ]; then
	rm -rf "$PROV/data"
	runuser -u postgres -- "$PG_BIN/initdb" -D "$PROV/data" -A trust -U postgres \
		-E UTF8 --locale=C.UTF-8 >"$PROV/initdb.log"
	# Made without waiting for the disk (fsync off until the end of
	# this step, then stopped cleanly and started as any other run).
	start "-c fsync=off -c synchronous_commit=off"
	DB=postgres sql "CREATE DATABASE province"
	sql "CREATE ROLE reader LOGIN"
	wards=
	for w in $(seq 1 "$W"); do
		sql "CREATE ROLE w$w LOGIN"
		wards="$wards --ward $(unit_of "$w")=w$w"
	done
	# shellcheck disable=SC2086
	"$MOTCUA" province init "$(url postgres)" $wards --reader reader >/dev/null
	sql "DROP INDEX births_words"
	t0=$(now)
	for w in $(seq 1 "$W"); do
		"$MOTCUA" --db "$PROV/wards/w$w.db" -q sync push --url "$(url "w$w")" >/dev/null
	done
	t1=$(now)
	sql "CREATE INDEX births_words ON births USING gin (words)"
	t2=$(now)
	sql "VACUUM ANALYZE"
	echo "pushed in $(( $(ms "$t0" "$t1") / 1000 )) s, GIN index made in $(( $(ms "$t1" "$t2") / 1000 )) s"
	runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PROV/data" -m fast -s stop
	sync
	touch "$PROV/made"
fi
[ -e "$PROV/made" ] || { echo "bench/province-search.sh: $PROV holds a province not made to the end" >&2; exit 1; }
stop
start
echo "the server: huge_pages $(sql "SHOW huge_pages"), shared_buffers $(sql "SHOW shared_buffers")"
entries=$(sql "SELECT count(*) FROM births")
echo "the province: $entries birth entries, schema $(sql "SELECT max(version) FROM province_migrations")"

# 3. 200 real names, two from each of 100 wards' files (every ward's
# when fewer): as bench/sync.sh takes them, a family and a given name or
# a whole name.
if [ ! -s "$PROV/names" ]; then
	per=$(( (200 + W - 1) / W ))
	for w in $(seq 1 "$W"); do
		awk -F, -v per="$per" -v step=$((R / per > 1 ? R / per : 1)) -v w="$w" '
			NR > 1 && NR % step == 0 && n < per {
			split($4, p, " "); q = ((n + w) % 2) ? $4 : p[1] " " p[length(p)]
			gsub(/"/, "", q); print q; n++ }' "$PROV/wards/births$w.csv"
	done | head -n 200 >"$PROV/names"
fi

# Each name searched once untimed (the server's cache as a province's
# would be), then timed: the whole process, and the statements of its
# session in the server (log_min_duration_statement = 0 for the reader;
# log_line_prefix holds the backend's pid).
#
# Through the pool (URL given, a pgbouncer in transaction mode) one
# backend serves many searches: a search's statements are those logged
# up to and with its transaction's COMMIT.
#
# The statements of each session (the values of their parameters
# written in) are kept in $PROV/stmts.LABEL.N for psql.
timed() {
	label=$1 moddir=$2 to=${3:-$(url reader)}
	# A pooled backend reads the role's settings when the pool opens it:
	# the statements' logging set before.
	[ -z "${3:-}" ] || sql "ALTER ROLE reader SET log_min_duration_statement = 0"
	# A search that fails (a schema too old: UPGRADE=1) is no figure.
	if ! MOTCUA_MODULEDIR=$moddir "$MOTCUA" province search "$(head -n 1 "$PROV/names")" \
			--url "$to" >/dev/null 2>"$PROV/search.err"; then
		echo "bench/province-search.sh: $label: $(cat "$PROV/search.err")" >&2
		exit 1
	fi
	while IFS= read -r name; do
		MOTCUA_MODULEDIR=$moddir "$MOTCUA" province search "$name" --url "$to" \
			--format csv >/dev/null 2>&1 || true
	done <"$PROV/names"
	sql "ALTER ROLE reader SET log_min_duration_statement = 0"
	from=$(($(wc -c <"$PROV/server.log") + 1))
	i=0
	while IFS= read -r name; do
		i=$((i + 1))
		t0=$(now)
		MOTCUA_MODULEDIR=$moddir "$MOTCUA" province search "$name" --url "$to" \
			--format csv >"$PROV/hits.$label.$i" 2>/dev/null || true
		ms "$t0" "$(now)"
	done <"$PROV/names" | stats >"$PROV/search.$label"
	sql "ALTER ROLE reader RESET log_min_duration_statement"
	tail -c +"$from" "$PROV/server.log" | awk -v pooled="${3:+1}" '/ duration: / {
		pid = $0; sub(/^[^[]*\[/, "", pid); sub(/\].*/, "", pid)
		d = $0; sub(/.* duration: /, "", d); sub(/ ms.*/, "", d)
		if (!pooled) { t[pid] += d; next }
		sum += d
		if ($0 ~ /statement: COMMIT$/) { printf "%.1f\n", sum; sum = 0 } }
		END { for (p in t) printf "%.1f\n", t[p] }' | stats >"$PROV/server.$label"
	rm -f "$PROV/stmts.$label".*
	tail -c +"$from" "$PROV/server.log" | awk -v out="$PROV/stmts.$label." -v q="'" '
		function flush() { if (sql != "") print sql ";" >> (out n); sql = "" }
		# s with every k replaced by v.
		function repl(s, k, v,   i, r) {
			r = ""
			while ((i = index(s, k)) > 0) { r = r substr(s, 1, i - 1) v; s = substr(s, i + length(k)) }
			return r s
		}
		# A statement executed, its parameters next; parse and bind are
		# logged too, with theirs.
		/ duration: / { flush() }
		/ duration: .* (execute <unnamed>|statement): / {
			sql = $0; sub(/.* (execute <unnamed>|statement): /, "", sql)
			if (sql ~ /^BEGIN/) { if (n) close(out n); n++ }
			next
		}
		# "$1 = '"'"'{03an}'"'"', $2 = NULL": each value, quoted as in SQL,
		# written in place of its parameter, the last first ($1 is the
		# beginning of $10).
		/ DETAIL:  parameters: / && sql != "" {
			p = $0; sub(/.* parameters: /, "", p); m = 0
			while (p ~ /^\$[0-9]+ = /) {
				k[++m] = substr(p, 1, index(p, " = ") - 1); p = substr(p, index(p, " = ") + 3)
				if (substr(p, 1, 1) != q) { v[m] = "NULL"; p = substr(p, 5) }
				else {
					for (j = 2; ; j++)
						if (substr(p, j, 1) == q) {
							if (substr(p, j + 1, 1) != q) break
							j++
						}
					v[m] = substr(p, 1, j); p = substr(p, j + 1)
				}
				sub(/^, /, "", p)
			}
			for (; m > 0; m--) sql = repl(sql, k[m], v[m])
		}
		END { flush() }' 
	echo "$label: province search of $(wc -l <"$PROV/names") names over $entries entries:" \
		"whole process $(cat "$PROV/search.$label"); its statements in the server" \
		"$(cat "$PROV/server.$label"); $(uptime)"
}

# The same searches by psql: a new process and connection per name,
# sending the statements motcua's search of that name sent in the run
# LABEL (direct: "new"), one at a time.
psql_timed() {
	label=${1:-psql} host=${2:-$PROV} port=${3:-5432} of=${4:-new}
	n=$(wc -l <"$PROV/names")
	[ -s "$PROV/stmts.$of.$n" ] || { echo "bench/province-search.sh: no statements of run $of" >&2; exit 1; }
	for i in $(seq 1 "$n"); do
		t0=$(now)
		"$PG_BIN/psql" -X -q -At -h "$host" -p "$port" -U reader -d province \
			-f "$PROV/stmts.$of.$i" >/dev/null 2>&1 || true
		ms "$t0" "$(now)"
	done | stats >"$PROV/search.$label"
	echo "$label: the same searches, each a psql process sending motcua's statements:" \
		"$(cat "$PROV/search.$label"); $(uptime)"
}
ratio() {
	# ("median 90 ms, p95 136 ms (200 runs)": fields 2 and 5.)
	awk -v what="$3" 'NR == 1 { m1 = $2; p1 = $5 } NR == 2 { m2 = $2; p2 = $5 }
		END { printf "%s: median %.2f, p95 %.2f\n", what, m1 / m2, p1 / p2 }' "$1" "$2"
}

if [ -n "${OLD:-}" ]; then
	timed old "$OLD"
fi
if [ "${UPGRADE:-0}" = 1 ]; then
	t0=$(now)
	"$MOTCUA" province init "$(url postgres)"
	echo "province init (the migrations the province lacked) in $(( $(ms "$t0" "$(now)") / 1000 )) s"
fi
timed new "$MOTCUA_MODULEDIR"
psql_timed
# The ratios of the medians and of the 95th percentiles.
ratio "$PROV/search.new" "$PROV/search.psql" "motcua / psql"

# The same through a pool: pgbouncer in transaction mode in front of the
# province (its socket in $PROV/pool), as a province would run it for
# its read commands (docs/scale.md); motcua and psql both through it.
if command -v pgbouncer >/dev/null 2>&1; then
	POOL=$PROV/pool
	pool_start "$POOL" "$PROV" reader
	timed pool "$MOTCUA_MODULEDIR" "$(pool_url "$POOL" reader)"
	psql_timed psql-pool "$POOL" 6432 new
	ratio "$PROV/search.pool" "$PROV/search.psql-pool" "motcua / psql, pooled"
	kill "$(cat "$POOL/pgbouncer.pid")"
	echo "the same hits, pooled and not: $(for i in $(seq 1 "$(wc -l <"$PROV/names")"); do
		cmp -s "$PROV/hits.new.$i" "$PROV/hits.pool.$i" && echo same || echo differ
		done | sort | uniq -c | tr '\n' ' ')"
fi
# Common names: those whose hits fill the limit (20).
common=0
for f in "$PROV"/hits.new.*; do
	[ "$(wc -l <"$f")" -gt 20 ] && common=$((common + 1))
done
echo "names whose hits fill the limit of 20: $common of $(wc -l <"$PROV/names")"
[ -z "${OLD:-}" ] || echo "the same hits, old and new: $(for i in $(seq 1 "$(wc -l <"$PROV/names")"); do
	cmp -s "$PROV/hits.old.$i" "$PROV/hits.new.$i" && echo same || echo differ; done | sort | uniq -c | tr '\n' ' ')"
echo "sizes: $(sql "SELECT string_agg(c.relname || ' ' || pg_size_pretty(pg_relation_size(c.oid)), ', '
	ORDER BY c.relname) FROM pg_class c WHERE c.relname IN ('births', 'births_words',
	'births_newest', 'births_year', 'births_pkey')")"
echo "at the end: $(uptime)"
