#!/bin/sh
# compare-outputs.sh — does a new motcua print what an old one printed?
#
#   scripts/compare-outputs.sh [--old-build DIR] [--keep DIR] OLD_BIN NEW_BIN [PATTERN...]
#   scripts/compare-outputs.sh --report DIR    the summary of a kept comparison again
#
# For a refactoring that must not change the program's behaviour: runs the
# e2e scripts of this tree (tests/e2e/t*.sh, or those that PATTERNs pick,
# as in tests/run.sh: t0300, 't03*') three times, twice with OLD_BIN and
# once with NEW_BIN, and compares what motcua printed, invocation by
# invocation: standard output, standard error and exit status. Every
# invocation whose record is the same in the two runs of OLD_BIN must be
# byte for byte the same with NEW_BIN. Those that differ between the two
# runs of OLD_BIN (concurrent tests, a kill at a moment, the real clock)
# are nondeterministic: counted per test and skipped. A record that the
# two runs of OLD_BIN agree on but NEW_BIN's differs from is shown apart,
# and does not count as a difference, when timing may explain it: in one
# of the runs it came after the first invocation of its test that ran
# beside another motcua (concurrency tests: which writer gets which code)
# or was killed (a crash test: whether the kill came before the commit).
#
# How: the scripts run with MOTCUA naming this script, which then records
# the run of the real binary (MC_COMPARE_REAL) through build/tests/record-run
# under a key: the test, the arguments, and how many times the test ran
# motcua with the same arguments before (so that a concurrent test's
# invocations meet their own counterpart, whatever their order). The
# test's temporary folder (TMPDIR/motcua-TEST.XXXXXX) is written @TMP@ in
# the arguments and outputs, and the harness's TMPDIR @TMPDIR@. The real
# binary runs with build/tests/fixed-getrandom.so preloaded, seeded by the
# key, so that lookup PINs and the keys of `init` come out the same in
# every run. A run with a terminal on any standard stream, and one killed
# before it ended, leave no record (counted as "not recorded"); an
# output to /dev/full is not captured, its exit status and the other
# output are. Standard input of the scripts is /dev/null.
#
# Both binaries run with the helpers and message catalogues of this tree's
# build (MOTCUA_HELPERS=build/tests, MOTCUA_LOCALEDIR=build/locale): build
# the tree first (make, or make check). --old-build DIR gives OLD_BIN those
# of another build folder instead (DIR/tests, DIR/locale), e.g. when the
# catalogue changed with the refactoring.
#
# Prints a summary and the differences of the first few differing records
# (COMPARE_SHOW of each class, 5 by default);
# exits 0 when every record compared is identical (those that timing may
# explain apart), 1 when some differ,
# 2 on a usage error. --keep DIR keeps the records and the scripts' logs
# in DIR (run1, run2: OLD_BIN; run3: NEW_BIN), which must not exist.
# ASan builds cannot take the preloaded library: compare -O2 builds.

# As MOTCUA inside a test script: record this run of the real binary.
if [ -n "${MC_COMPARE_REAL:-}" ]; then
	dir=$MC_COMPARE_LOG/$MC_COMPARE_TEST
	args=$(printf '%s\n' "$@" | sed -e "$MC_COMPARE_SED")
	key=$(printf '%s\n' "$args" | cksum | tr ' ' -)
	mkdir -p "$dir"
	{
		flock 9
		n=$(($(cat "$dir/$key.count" 2>/dev/null || echo 0) + 1))
		echo "$n" >"$dir/$key.count"
	} 9>"$dir/.lock"
	printf '%s\n' "$args" >"$dir/$key.$n.args"
	MC_FIXED_RANDOM="$MC_COMPARE_TEST/$key/$n" LD_PRELOAD=$MC_COMPARE_PRELOAD \
		exec "$MC_COMPARE_RUN" -c "$dir" "$dir/$key.$n" "$MC_COMPARE_REAL" "$@"
fi

set -u
LC_ALL=C
export LC_ALL
usage() {
	echo "usage: scripts/compare-outputs.sh [--old-build DIR] [--keep DIR] OLD_BIN NEW_BIN [PATTERN...]" >&2
	echo "       scripts/compare-outputs.sh --report DIR" >&2
	exit 2
}
top=$(cd "$(dirname "$0")/.." && pwd)
self=$top/scripts/$(basename "$0")
old_build=$top/build keep= report=
while [ $# -gt 0 ]; do
	case $1 in
	--old-build) [ $# -ge 2 ] || usage; old_build=$2; shift 2 ;;
	--keep) [ $# -ge 2 ] || usage; keep=$2; shift 2 ;;
	--report) [ $# -ge 2 ] || usage; report=$2; shift 2 ;;
	-h | --help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
# digest RUN: one line per record of RUN: its name, the digests of its
# parts, and "timing" when it started at or after the first run of its
# test that ran beside another or was killed: from there on, what motcua
# prints may depend on which writer came first, or whether a kill came
# before the commit, even in a run that overlapped no other.
digest() {
	(cd "$work/$1" && find . -path ./logs -prune -o -type f \
		\( -name '*.args' -o -name '*.out' -o -name '*.err' -o -name '*.rc' -o -name '*.conc' \) \
		-exec md5sum {} + &&
	find . -path ./logs -prune -o -type f -name '*.seq' -exec awk '{ print "seq", FILENAME, $0 }' {} +) |
	awk 'function d(x) { return x == "" ? "-" : x }
	     { f = $2; sub(/^\.\//, "", f); ext = f; sub(/.*\./, "", ext)
	       rec = f; sub(/\.[^.]*$/, "", rec); t = rec; sub(/\/.*/, "", t); test[rec] = t }
	     $1 == "seq" { seq[rec] = $3; next }
	     { seen[rec] = 1; h[rec, ext] = $1 }
	     END { for (r in seen)
	               if ((r in seq) && (h[r, "rc"] == "" || h[r, "conc"] != "") &&
	                   (!(test[r] in first) || seq[r] < first[test[r]]))
	                   first[test[r]] = seq[r]
	           for (r in seen) {
	               late = (test[r] in first) && (r in seq) && seq[r] >= first[test[r]]
	               print r, d(h[r, "args"]), d(h[r, "out"]), d(h[r, "err"]), d(h[r, "rc"]),
	                     late ? "timing" : "alone" } }' |
	sort >"$work/$1.records"
}

# summarise: the summary of the records in $work; status 1 when NEW
# differs, 2 when the records cannot be read.
summarise() {
	for f in run1 run2 run3; do
		[ -s "$work/$f.records" ] ||
			{ echo "compare-outputs: $work: no records of $f" >&2; return 2; }
	done
	# Classify each record: nondet (the OLD runs differ), unrecorded (no exit
	# status in either OLD run), same or differ (NEW against OLD; a record of
	# NEW alone differs), and timing: differs, but came after concurrency or
	# a kill in its test (see digest; shown, not counted as a failure).
	j1='0,1.2,1.3,1.4,1.5,1.6,2.2,2.3,2.4,2.5,2.6'
	j2='0,1.2,1.3,1.4,1.5,1.6,1.7,1.8,1.9,1.10,1.11,2.2,2.3,2.4,2.5,2.6'
	join -a1 -a2 -e none -o "$j1" "$work/run1.records" "$work/run2.records" |
		join -a1 -a2 -e none -o "$j2" - "$work/run3.records" |
		awk '{ a = $2 " " $3 " " $4 " " $5 " " $6; b = $7 " " $8 " " $9 " " $10 " " $11
		       c = $12 " " $13 " " $14 " " $15 " " $16
		       timing = $6 == "timing" || $11 == "timing" || $16 == "timing"
		       if ($2 == "none" && $7 == "none") k = timing ? "timing" : "differ"
		       else if (a != b) k = "nondet"
		       else if ($5 == "-") k = "unrecorded"
		       else if (a == c) k = "same"
		       else k = timing ? "timing" : "differ"
		       print k, $1 }' >"$work/classes" &&
	[ "$(wc -l <"$work/classes")" -ge "$(wc -l <"$work/run1.records")" ] ||
		{ echo "compare-outputs: the records could not be classified" >&2; return 2; }
	count() { grep -c "^$1 " "$work/classes"; }
	complete() { awk '$5 != "-"' "$work/$1.records" | wc -l; }
	by_test() {  # CLASS: how many records of CLASS, per test
		grep "^$1 " "$work/classes" | sed 's/^[a-z]* \([^/]*\)\/.*/\1/' | uniq -c |
			awk '{ printf "      %s: %d\n", $2, $1 }'
	}
	echo "  invocations recorded: OLD $(complete run1), then $(complete run2); NEW $(complete run3)"
	echo "  nondeterministic (differ between the two OLD runs), skipped: $(count nondet)"
	by_test nondet
	echo "  not recorded (a terminal, or killed in both OLD runs): $(count unrecorded)"
	compared=$(($(count same) + $(count differ) + $(count timing)))
	echo "  compared: $compared; identical: $(count same); differing: $(count differ)"
	if [ "$(count timing)" -gt 0 ]; then
		echo "  and differing after concurrency or a kill in their test (timing may explain it): $(count timing)"
		by_test timing
	fi

	show() {  # RECORD: what OLD and NEW printed, where they differ
		r=$1
		args=$work/run1/$r.args
		[ -f "$args" ] || args=$work/run3/$r.args
		echo "--- ${r%%/*}: motcua $(tr '\n' ' ' <"$args")(occurrence ${r##*.})"
		for part in out err rc; do
			[ -f "$work/run1/$r.$part" ] || [ -f "$work/run3/$r.$part" ] || continue
			cmp -s "$work/run1/$r.$part" "$work/run3/$r.$part" 2>/dev/null && continue
			echo "    $part:"
			if [ ! -f "$work/run1/$r.$part" ]; then
				echo "      (OLD made no such invocation)"
			elif [ -f "$work/run3/$r.$part" ]; then
				diff -u "$work/run1/$r.$part" "$work/run3/$r.$part" 2>&1 |
					tail -n +3 | head -20 | sed 's/^/      /'
			else
				echo "      (NEW made no such invocation, or it did not end)"
			fi
		done
	}
	for k in differ timing; do
		[ "$(count $k)" -gt 0 ] || continue
		[ $k = differ ] && echo "first differences (OLD -, NEW +):" ||
			echo "first differences that timing may explain (OLD -, NEW +):"
		grep "^$k " "$work/classes" | head -"${COMPARE_SHOW:-5}" | while read -r _ r; do show "$r"; done
	done
	[ -n "$keep" ] && echo "records and logs kept in $work"
	if [ "$(count differ)" -gt 0 ]; then
		echo "compare-outputs: NEW differs from OLD"
		return 1
	fi
	echo "compare-outputs: NEW prints what OLD printed"
}

if [ -n "$report" ]; then
	work=$(cd "$report" && pwd) || exit 2
	cat "$work/about" "$work/checks" 2>/dev/null
	for r in run1 run2 run3; do
		[ -d "$work/$r" ] && digest $r
	done
	summarise
	exit
fi
[ $# -ge 2 ] || usage
absolute() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
old=$(absolute "$1") new=$(absolute "$2") old_build=$(absolute "$old_build")
shift 2
for f in "$old" "$new" "$top/build/tests/record-run"; do
	[ -x "$f" ] || { echo "compare-outputs: $f: not an executable (make first?)" >&2; exit 2; }
done
preload=$top/build/tests/fixed-getrandom.so
[ -f "$preload" ] || { echo "compare-outputs: $preload: missing (make first?)" >&2; exit 2; }

# The scripts to run: all, or those the patterns pick.
scripts=
for t in "$top"/tests/e2e/t*.sh; do
	name=$(basename "$t" .sh)
	[ $# -eq 0 ] && { scripts="$scripts$t
"; continue; }
	for p in "$@"; do
		p=${p##*/}
		p=${p%.sh}
		case $name in $p | $p-*) scripts="$scripts$t
"; break ;; esac
	done
done
[ -n "$scripts" ] || { echo "compare-outputs: no e2e script matches $*" >&2; exit 2; }

if [ -n "$keep" ]; then
	[ -e "$keep" ] && { echo "compare-outputs: $keep already exists" >&2; exit 2; }
	mkdir -p "$keep" && work=$(cd "$keep" && pwd) || exit 2
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/motcua-compare.XXXXXX") || exit 2
	trap 'rm -rf "$work"' EXIT
	trap 'exit 129' HUP INT TERM PIPE
fi
mkdir -p "$work/tmp"
printf '%s' "$scripts" >"$work/scripts"

# A test's temporary folder, then the rest of TMPDIR, as fixed words.
tmp_re=$(printf '%s\n' "$work/tmp" | sed 's/[].[\*^$/]/\\&/g')
sed_norm="s/$tmp_re\\/motcua-[^/]*\\.[A-Za-z0-9]\\{6\\}/@TMP@/g; s/$tmp_re/@TMPDIR@/g"

run_suite() {  # RUN BINARY BUILD-DIR
	mkdir -p "$work/$1/logs"
	while read -r t; do
		name=$(basename "$t" .sh)
		TMPDIR=$work/tmp MC_COMPARE_LOG=$work/$1 MC_COMPARE_TEST=$name \
			MC_COMPARE_REAL=$2 MC_COMPARE_RUN=$top/build/tests/record-run \
			MC_COMPARE_PRELOAD=$preload MC_COMPARE_SED=$sed_norm \
			MOTCUA=$self MOTCUA_HELPERS=$3/tests MOTCUA_LOCALEDIR=$3/locale \
			sh "$t" >"$work/$1/logs/$name.log" 2>&1 </dev/null
	done <"$work/scripts"
	# The outputs may hold the temporary paths too.
	find "$work/$1" -path "$work/$1/logs" -prune -o \( -name '*.out' -o -name '*.err' \) \
		-exec env LC_ALL=C sed -i -e "$sed_norm" {} +
	digest "$1"
	echo "$(cat "$work/$1"/logs/*.log | grep -c '^ok ') ok, $(cat "$work/$1"/logs/*.log | grep -c '^not ok ')" \
		>"$work/$1.checks"
}

n=$(wc -l <"$work/scripts")
echo "compare-outputs: $n e2e scripts, OLD $old twice, NEW $new once" | tee "$work/about"
run_suite run1 "$old" "$old_build"
run_suite run2 "$old" "$old_build"
run_suite run3 "$new" "$top/build"
echo "  the scripts' own checks: OLD $(cat "$work/run1.checks") not ok, then" \
	"$(cat "$work/run2.checks") not ok; NEW $(cat "$work/run3.checks") not ok" | tee "$work/checks"
summarise

