#!/bin/sh
# The structure of core/ (scripts/core-graph.sh): no module of core/ uses,
# by an include or a call, a module that uses it back, directly or not;
# and cmd/ includes only the public headers, those of core/motcua.h. The
# check is first tried on a small tree that breaks both rules.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$TESTS_DIR/.." && pwd)
build=${HELPERS%/tests}
[ -n "$build" ] || build=$top/build

# uses DESC MODULE USED KIND: the graph's line of MODULE has USED with KIND
uses() {
	line=$(grep "^$2:" "$TMP/out")
	case " $line " in
	*" $3 ("*"$4"*")"*) ok "$1" ;;
	*) not_ok "$1"; echo "#   $line" ;;
	esac
}
# uses_none DESC MODULE USED...: the line of MODULE names none of USED
uses_none() {
	desc=$1 line=$(grep "^$2:" "$TMP/out"); shift 2
	for u in "$@"; do
		case " $line" in *" $u ("*) not_ok "$desc"; echo "#   $line"; return ;; esac
	done
	ok "$desc"
}
# calls_none DESC MODULE USED...: MODULE calls none of USED
calls_none() {
	desc=$1 line=$(grep "^$2:" "$TMP/out"); shift 2
	for u in "$@"; do
		case " $line" in *" $u (call"*) not_ok "$desc"; echo "#   $line"; return ;; esac
	done
	ok "$desc"
}

# A tree where a.c calls b.c, b.c includes a.h, and cmd/ includes b's
# private header.
t=$TMP/tree
mkdir -p "$t/scripts" "$t/core" "$t/cmd" "$t/build/core"
cp "$top/scripts/core-graph.sh" "$t/scripts/"
printf 'int a(void);\n' >"$t/core/a.h"
printf '#include "a.h"\n#include "b.h"\nint a(void) { return b(); }\n' >"$t/core/a.c"
printf 'int b(void);\n' >"$t/core/b.h"
printf 'int b_secret(void);\n' >"$t/core/b-private.h"
printf '#include "a.h"\n#include "b.h"\nint b(void) { return 1; }\n' >"$t/core/b.c"
printf '#include "a.h"\n' >"$t/core/motcua.h"
printf '#include "motcua.h"\n#include "b-private.h"\n' >"$t/cmd/main.c"
for m in a b; do cc -c -I"$t/core" -o "$t/build/core/$m.o" "$t/core/$m.c"; done
ar rcs "$t/build/libmotcua.a" "$t/build/core/a.o" "$t/build/core/b.o"
sh "$t/scripts/core-graph.sh" "$t/build" >"$TMP/out" 2>"$TMP/err"
expect_eq "a tree with a cycle is refused" "1" "$?"
expect_grep "the cycle is named" "  a b" "$TMP/out"
expect_grep "and the private header that cmd/ includes" \
	"cmd/main.c includes core/b-private.h" "$TMP/out"
uses "the graph has the call from a to b" a b call
uses "and the include from b to a" b a include

# This tree.
sh "$top/scripts/core-graph.sh" "$build" >"$TMP/out" 2>"$TMP/err"
code=$?
expect_eq "core/ has no cycle, and cmd/ includes only public headers" "0" "$code"
[ "$code" -eq 0 ] || grep -v '^[a-z0-9]*:' "$TMP/out" "$TMP/err" | sed 's/^/#   /' | head -20
uses_none "db stands below the audit log, the settings and the registers" \
	db audit settings register upgrade
uses "the upgrade calls the audit log's adoption" upgrade audit call
uses "and the register's index" upgrade register call
uses_none "documents are described, not drawn" document render
calls_none "the renderers call back neither the documents nor the extracts" \
	render document extract dossier
uses "the renderers know the documents' description" render document include
