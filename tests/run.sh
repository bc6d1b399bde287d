#!/bin/sh
# Runs the test suite and prints one summary line "N passed, N failed".
#
#   sh tests/run.sh            one build: MOTCUA_BUILD (build) and MOTCUA_BIN
#   sh tests/run.sh --all      the -O2 build, the ASan+UBSan build, valgrind
#   sh tests/run.sh [--all] PATTERN...   only the tests that PATTERNs name
#
# A PATTERN is a test's name, or its start up to a "-", shell wildcards
# allowed: t0300 (tests/e2e/t0300-*.sh), 't03*', test_calendar (a unit
# test), replay_csv (a fuzz corpus), valgrind, or a family: e2e, unit, fuzz.
# A pattern that names no test counts as a failure (a typo runs nothing).
#
# Every test program and script prints "ok - ..." / "not ok - ..." lines;
# a script that dies without saying so counts as one failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
# The ASan build's leak check: what fontconfig keeps until exit is not a
# leak of motcua's (tests/lsan.supp); glib's own allocator would hide the
# pango and cairo objects motcua forgot to release.
LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0
G_SLICE=always-malloc
export LSAN_OPTIONS G_SLICE
log=$(mktemp -d "${TMPDIR:-/tmp}/motcua-run.XXXXXX")
trap 'rm -rf "$log"' EXIT
: >"$log/counts"
: >"$log/matched"

all=
if [ "${1:-}" = "--all" ]; then all=1; shift; fi
patterns=
for p in "$@"; do
	p=${p#tests/}
	patterns="$patterns ${p%.sh}"
done

# selected NAME: NAME (family/test, or valgrind) is to run. Each pattern
# that selects a test is noted, to name those that selected none.
selected() {
	[ -z "$patterns" ] && return 0
	set -f
	for p in $patterns; do
		case $1 in
		$p | $p-* | */$p | */$p-* | $p/*)
			set +f
			echo "$p" >>"$log/matched"
			return 0 ;;
		esac
	done
	set +f
	return 1
}

run_one() {  # label command...
	label=$1; shift
	out="$log/$(echo "$label" | tr '/ ' '__').out"
	"$@" >"$out" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $label exited $rc without reporting a failure" >>"$out"
		f=1
	fi
	if [ "$f" -ne 0 ]; then
		echo "FAIL $label"
		grep -v '^ok ' "$out" | sed 's/^/    /' | head -60
	else
		echo "PASS $label ($p)"
	fi
	echo "$p $f" >>"$log/counts"
}

run_build() {  # build-dir binary tag
	b=$1 bin=$2 tag=$3
	for t in "$b"/tests/test_*; do
		[ -x "$t" ] && selected "unit/${t##*/}" || continue
		MOTCUA_MODULEDIR="$top/$b" run_one "$tag unit/$(basename "$t")" "$t"
	done
	# The fuzz corpus, crash reproducers included, replayed without libFuzzer.
	for r in "$b"/fuzz/replay_*; do
		[ -x "$r" ] && selected "fuzz/${r##*/}" || continue
		run_one "$tag fuzz/$(basename "$r")" "$r" "fuzz/corpus/${r##*/replay_}"
	done
	for t in tests/e2e/t*.sh; do
		selected "e2e/$(basename "$t" .sh)" || continue
		MOTCUA="$top/$bin" MOTCUA_HELPERS="$top/$b/tests" \
			MOTCUA_LOCALEDIR="$top/$b/locale" MOTCUA_MODULEDIR="$top/$b" \
			run_one "$tag e2e/$(basename "$t" .sh)" sh "$t"
	done
}

if [ -n "$all" ]; then
	run_build build motcua "O2"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
		run_build build-san build-san/motcua "san"
	if selected valgrind; then
		MOTCUA="$top/motcua" MOTCUA_HELPERS="$top/build/tests" \
			MOTCUA_LOCALEDIR="$top/build/locale" MOTCUA_MODULEDIR="$top/build" \
			run_one "valgrind" sh tests/valgrind.sh
	fi
else
	run_build "${MOTCUA_BUILD:-build}" "${MOTCUA_BIN:-motcua}" "${MOTCUA_BUILD:-build}"
fi

set -f
for p in $patterns; do
	grep -qxF -- "$p" "$log/matched" && continue
	echo "FAIL no test matches \"$p\""
	echo "0 1" >>"$log/counts"
done
set +f

awk '{p += $1; f += $2} END {printf "%d passed, %d failed\n", p, f; exit (f > 0)}' "$log/counts"
