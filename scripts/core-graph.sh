#!/bin/sh
# The module graph of core/: which module includes or calls which.
#
#   sh scripts/core-graph.sh [BUILD]     (BUILD: the folder of the objects,
#                                         build by default)
#
# A module is a header with its sources: core/X.h, core/X.c and the files
# named X-something (core/X-private.h, core/X-import.c, ...) are module X.
# Edges come from `cc -MM` (the core headers a file includes, directly or
# not) and from `nm` on the objects of BUILD/libmotcua.a and of the paper
# renderer's module in BUILD/paper/ (the symbols an object uses that
# another core object defines). The graph is printed bottom-up, one
# module a line with what it uses; a cycle is printed and the exit status
# is 1.
#
# It also checks that cmd/ sees only the public headers: core/motcua.h
# and those it includes.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
cd "$top" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/core-graph.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
CC=${CC:-cc}
# The objects: libmotcua.a's and the paper renderer module's.
objects="$build/libmotcua.a $(ls "$build"/paper/*.o 2>/dev/null)"
[ -f "$build/libmotcua.a" ] ||
	{ echo "core-graph: no $build/libmotcua.a: run make first" >&2; exit 2; }

# The awk function that names the module of a file.
MODULE='function module(f) { sub(/.*\//, "", f); sub(/\.[cho]$/, "", f);
	sub(/-.*/, "", f); return f }'

# "FILE HEADER" for each core header that each file includes, in one cc
# run (its targets are the files' names with .o); -MG takes missing
# system headers as they are: only those in core/ matter.
includes() {  # FILE...
	$CC -MM -MG -Icore -I"$build" "$@" 2>/dev/null | sed 's/\\$//' |
		awk '/:/ { f = $1; sub(/:$/, "", f); $1 = "" }
		     { for (i = 1; i <= NF; i++) if ($i ~ /^core\/.*\.h$/) print f, $i }'
}

includes core/*.c core/*.h |
	awk "$MODULE"'{ a = module($1); b = module($2); if (a != b) print a, b, "include" }' \
	>"$tmp/edges"

# nm -A: "OBJECT:[ADDRESS] TYPE SYMBOL", or "ARCHIVE:OBJECT:[ADDRESS] ...".
OBJECT='{ n = split($1, f, ":"); $1 = f[1] ~ /\.a$/ ? f[2] : f[1]; print $NF, $1 }'
# shellcheck disable=SC2086
nm -A -g --defined-only $objects | awk "$OBJECT" | sort >"$tmp/defined"
# shellcheck disable=SC2086
nm -A -u $objects | awk "$OBJECT" | sort >"$tmp/used"
join "$tmp/used" "$tmp/defined" |
	awk "$MODULE"'{ a = module($2); b = module($3); if (a != b) print a, b, "call" }' \
	>>"$tmp/edges"
sort -u "$tmp/edges" -o "$tmp/edges"

# Every module, with itself, so that tsort lists those without edges.
ls core/*.c core/*.h | awk "$MODULE"'{ m = module($1); print m, m }' >"$tmp/pairs"
awk '{ print $1, $2 }' "$tmp/edges" >>"$tmp/pairs"
status=0
if ! tsort <"$tmp/pairs" >"$tmp/order" 2>"$tmp/loop"; then
	echo "core-graph: cycles in core/ (modules that use each other):"
	# tsort: one "input contains a loop:" line, then the loop's members.
	awk '/input contains a loop/ { if (l) print l; l = " "; next }
	     { sub(/^tsort: /, ""); l = l " " $0 } END { if (l) print l }' "$tmp/loop" | sort -u
	status=1
fi

# tsort lists a module before those it uses: the reverse, bottom-up.
awk '{ l[NR] = $1 } END { for (i = NR; i > 0; i--) print l[i] }' "$tmp/order" >"$tmp/up"
awk 'FNR == NR { kinds[$1 " " $2] = kinds[$1 " " $2] ? kinds[$1 " " $2] ", " $3 : $3
		 uses[$1] = uses[$1] " " $2; next }
     { n = split(uses[$1], u, " "); line = $1 ":"
       for (i = 1; i <= n; i++)
	       if (!seen[$1 " " u[i]]++) line = line " " u[i] " (" kinds[$1 " " u[i]] ")"
       print line }' "$tmp/edges" "$tmp/up"

# cmd/ and the public headers.
sed -n 's/^#include "\(.*\)"$/core\/\1/p' core/motcua.h >"$tmp/public"
echo core/motcua.h >>"$tmp/public"
includes cmd/*.c | awk 'FNR == NR { public[$1] = 1; next }
	!public[$2] { sub(/\.o$/, ".c", $1); print "  cmd/" $1 " includes " $2 }' "$tmp/public" - |
	sort -u >"$tmp/private"
if [ -s "$tmp/private" ]; then
	echo "core-graph: cmd/ uses headers that core/motcua.h does not offer:"
	cat "$tmp/private"
	status=1
fi
exit $status
