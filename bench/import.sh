#!/bin/sh
# motcua — the register import, export and search against sqlite3 doing the
# same storage work on the same file, in the same run.
#
#   sh bench/import.sh [N]          (default N = 1000000 birth entries)
#
# N realistic birth entries are generated (bench/gen-births.awk), then:
#   - import: sqlite3 `.import` into a typed table with the unique key
#     (book, number), then an FTS5 index over the names (the person, the
#     father, the mother), all in one sqlite3 run; against
#     `motcua register import birth`, which also checks every field,
#     normalises, folds the names and indexes them as it goes. sqlite3 runs
#     twice: on a database in WAL mode with synchronous=FULL, as motcua's
#     database is (the same storage work, and the ratio that counts), and
#     with sqlite3's defaults (a rollback journal), for information.
#     motcua runs twice too: on its own database (WAL, synchronous=FULL),
#     and, for the like-for-like comparison with sqlite3's defaults, on a
#     copy switched to a rollback journal (PRAGMA journal_mode = DELETE).
#     Each is run $ROUNDS times, in turn; the median counts.
#   - export: `motcua register export birth` against `sqlite3 -csv` of the
#     same table.
#   - search: `motcua register search` on the million-entry register, the
#     median wall time of 5 runs of each query (the process included).
#   - peak memory (maximum resident set) of each, from /usr/bin/time.
#
# Needs sqlite3, awk and /usr/bin/time (Debian package "time"). The files go
# to a temporary folder (TMPDIR), about 2 GB for a million entries.
set -eu

N=${1:-1000000}
ROUNDS=${ROUNDS:-3}
TOP=$(cd "$(dirname "$0")/.." && pwd)
MOTCUA=${MOTCUA:-$TOP/motcua}
case $MOTCUA in /*) ;; *) MOTCUA=$PWD/$MOTCUA ;; esac
[ -x "$MOTCUA" ] || { echo "bench: build motcua first (make)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "bench: needs sqlite3" >&2; exit 2; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export MOTCUA_NOW="2026-04-29T09:00:00+07:00" MOTCUA_CLERK=bench LC_ALL=C.UTF-8
unset LANGUAGE 2>/dev/null || true

# timed NAME CMD...: runs CMD, stdout to $dir/NAME.out; records
# "seconds max-rss-KB" in $dir/NAME.time.
timed() {
	name=$1; shift
	/usr/bin/time -f "%e %M" -o "$dir/$name.time" "$@" >"$dir/$name.out"
}
secs() { cut -d' ' -f1 "$dir/$1.time"; }
rss_mb() { awk '{ printf "%.1f\n", $2 / 1024 }' "$dir/$1.time"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "bench: generating $N birth entries..."
awk -v n="$N" -v seed=1 -f "$TOP/bench/gen-births.awk" >"$dir/births.csv"
echo "bench: $(wc -c <"$dir/births.csv") bytes, $(($(wc -l <"$dir/births.csv") - 1)) data lines"

cat >"$dir/schema.sql" <<'EOF'
CREATE TABLE births (book TEXT NOT NULL, number INTEGER NOT NULL,
  registered_on TEXT NOT NULL, full_name TEXT NOT NULL, sex TEXT NOT NULL,
  date_of_birth TEXT NOT NULL, place_of_birth TEXT, ethnicity TEXT,
  nationality TEXT, hometown TEXT, id_number TEXT, father_name TEXT,
  father_birth_year INTEGER, father_ethnicity TEXT, father_nationality TEXT,
  father_residence TEXT, mother_name TEXT, mother_birth_year INTEGER,
  mother_ethnicity TEXT, mother_nationality TEXT, mother_residence TEXT,
  declarant TEXT, registrar TEXT, note TEXT, UNIQUE (book, number));
EOF
{
	cat "$dir/schema.sql"
	echo ".import --csv --skip 1 '$dir/births.csv' births"
	echo "CREATE VIRTUAL TABLE births_fts USING fts5(full_name, father_name, mother_name,"
	echo "  content='births', tokenize='unicode61 remove_diacritics 2');"
	echo "INSERT INTO births_fts(births_fts) VALUES('rebuild');"
} >"$dir/import.sql"

# Before each timed run: the previous run's database, hundreds of MB, is
# written out, so that its write-back does not slow down the next one.
settle() { sync; }

sqlite_run() {  # NAME MODE: MODE wal (like motcua's database) or default
	rm -f "$dir/$1.db" "$dir/$1.db-wal" "$dir/$1.db-shm"
	if [ "$2" = wal ]; then
		sqlite3 "$dir/$1.db" 'PRAGMA journal_mode = WAL' >/dev/null
		{ echo 'PRAGMA synchronous = FULL;'; cat "$dir/import.sql"; } >"$dir/$1.sql"
	else
		cp "$dir/import.sql" "$dir/$1.sql"
	fi
	settle
	timed "$1" sqlite3 "$dir/$1.db" ".read $dir/$1.sql"
}
motcua_run() {  # NAME [delete]
	rm -rf "$dir/$1"
	MOTCUA_DB="$dir/$1/motcua.db" "$MOTCUA" init --training --unit-id 000.00.22.H12 \
		--unit-name "UBND phường Vĩnh Phú" >/dev/null
	[ "${2:-}" = delete ] && sqlite3 "$dir/$1/motcua.db" 'PRAGMA journal_mode = DELETE' >/dev/null
	settle
	MOTCUA_DB="$dir/$1/motcua.db" timed "$1" "$MOTCUA" register import birth "$dir/births.csv"
}

for f in wal def m mdel; do : >"$dir/t.$f"; : >"$dir/m.$f"; done
r=1
while [ "$r" -le "$ROUNDS" ]; do
	echo "bench: import, round $r of $ROUNDS..."
	sqlite_run wal wal; secs wal >>"$dir/t.wal"; rss_mb wal >>"$dir/m.wal"
	motcua_run m; secs m >>"$dir/t.m"; rss_mb m >>"$dir/m.m"
	sqlite_run def default; secs def >>"$dir/t.def"; rss_mb def >>"$dir/m.def"
	motcua_run mdel delete; secs mdel >>"$dir/t.mdel"; rss_mb mdel >>"$dir/m.mdel"
	r=$((r + 1))
done
rm -rf "$dir/mdel"
grep -q "^$N imported, 0 skipped, 0 rejected$" "$dir/m.out" ||
	{ echo "bench: motcua import said: $(cat "$dir/m.out")" >&2; exit 1; }
[ "$(sqlite3 "$dir/wal.db" 'select count(*) from births')" = "$N" ] ||
	{ echo "bench: sqlite3 imported $(sqlite3 "$dir/wal.db" 'select count(*) from births') rows" >&2; exit 1; }

t_wal=$(median <"$dir/t.wal"); t_def=$(median <"$dir/t.def")
t_mc=$(median <"$dir/t.m"); t_mdel=$(median <"$dir/t.mdel")

echo "bench: export..."
MOTCUA_DB="$dir/m/motcua.db" timed mexport "$MOTCUA" register export birth -o "$dir/export.csv"
timed sexport sqlite3 -csv -header "$dir/wal.db" "SELECT * FROM births"
cmp -s "$dir/export.csv" "$dir/births.csv" && same=yes || same=no

echo "bench: search..."
search_ms() {  # QUERY: median milliseconds of 5 runs
	MOTCUA_DB="$dir/m/motcua.db" "$MOTCUA" register search "$1" >/dev/null || true
	i=0
	while [ $i -lt 5 ]; do
		a=$(date +%s%N)
		MOTCUA_DB="$dir/m/motcua.db" "$MOTCUA" register search "$1" >"$dir/search.out" || true
		b=$(date +%s%N)
		echo $(((b - a) / 1000)) 
		i=$((i + 1))
	done | median | awk '{ printf "%.1f", $1 / 1000 }'
}

echo
echo "== motcua register import: $N birth entries, $(($(wc -c <"$dir/births.csv") / 1048576)) MB of CSV (median of $ROUNDS) =="
line() { printf '%-62s %7s s %7s MB\n' "$1" "$2" "$(sort -n "$3" | tail -1)"; }
line "sqlite3 .import + FTS5, WAL and synchronous=FULL" "$t_wal" "$dir/m.wal"
line "motcua register import (its database: WAL, synchronous=FULL)" "$t_mc" "$dir/m.m"
line "sqlite3 .import + FTS5, sqlite3's defaults (rollback journal)" "$t_def" "$dir/m.def"
line "motcua register import, database in rollback-journal mode" "$t_mdel" "$dir/m.mdel"
echo "ratio motcua / sqlite3, both WAL (motcua as it runs):   $(ratio "$t_mc" "$t_wal")   (goal <= 1.00)"
echo "ratio motcua / sqlite3, both with a rollback journal:   $(ratio "$t_mdel" "$t_def")   (goal <= 1.00)"
echo "ratio motcua as it runs / sqlite3 with its defaults:    $(ratio "$t_mc" "$t_def")"
echo "rounds (s): sqlite3 WAL $(tr '\n' ' ' <"$dir/t.wal")| motcua $(tr '\n' ' ' <"$dir/t.m")| sqlite3 defaults $(tr '\n' ' ' <"$dir/t.def")| motcua rollback journal $(tr '\n' ' ' <"$dir/t.mdel")"
echo
echo "== export =="
printf '%-58s %8s s %8s MB\n' "sqlite3 -csv -header 'SELECT * FROM births'" "$(secs sexport)" "$(rss_mb sexport)"
printf '%-58s %8s s %8s MB\n' "motcua register export birth -o FILE" "$(secs mexport)" "$(rss_mb mexport)"
echo "ratio motcua / sqlite3: $(ratio "$(secs mexport)" "$(secs sexport)")   (goal <= 1.00)"
echo "export is the generated file byte for byte: $same"
echo
echo "== search on $N entries (median of 5, wall time of the whole command) =="
for q in "nguyen van duc" "Đức Nguyễn" "NGUYEN DUC" "tran thi bich ngoc" "ng v hu" "le quoc gia tung" "nguyen" "n" "t t"; do
	ms=$(search_ms "$q")
	# printf pads bytes; the query is padded by characters.
	n=$(printf '"%s"' "$q" | wc -m)
	pad=$(printf '%*s' $((30 - n)) '')
	printf '"%s"%s %7s ms  %3s hits\n' "$q" "$pad" "$ms" "$(($(wc -l <"$dir/search.out") - 1))"
done
