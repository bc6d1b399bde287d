#!/bin/sh
# The registers' columns, from their one table (core/register-columns.c):
# register add has an option for each column of each register, and the
# shell completions offer those options as `make completions` writes them.
# (tests/unit/test_register_columns.c checks motcua-register(1).)
. "$(dirname "$0")/../lib.sh"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
init_office

# The options of register add, in the order of its --help.
LANGUAGE='' LC_ALL=C "$MOTCUA" register add --help >"$TMP/help" 2>&1
awk '/^Options:$/ { on = 1; next } /^$/ { on = 0 } on && $1 ~ /^--/ { print $1 }' \
	"$TMP/help" >"$TMP/options"
n=$(wc -l <"$TMP/options")
if [ "$n" -ge 40 ]; then ok "register add --help lists $n fields"
else not_ok "register add --help lists $n fields"; sed 's/^/#   /' "$TMP/help"
fi

# Each column of the export header of each register is an option, and
# each option is a column of some register.
: >"$TMP/columns"
for k in birth marriage death; do
	"$MOTCUA" register export "$k" | head -1 | tr ',' '\n' | sed 's/^/--/; s/_/-/g' >"$TMP/$k"
	missing=$(grep -vxF -f "$TMP/options" "$TMP/$k" | tr '\n' ' ')
	if [ -z "$missing" ]; then ok "register add has an option for each $k column"
	else not_ok "register add has no option for the $k columns: $missing"
	fi
	cat "$TMP/$k" >>"$TMP/columns"
done
extra=$(grep -vxF -f "$TMP/columns" "$TMP/options" | tr '\n' ' ')
if [ -z "$extra" ]; then ok "each option of register add is a column of a register"
else not_ok "options of register add that no register has: $extra"
fi

# The completions hold the fields as make completions writes them from
# this --help: nothing to add, nothing left over, in the same order.
cp -R "$TOP/completions" "$TMP/completions"
if sh "$TOP/scripts/register-completions.sh" "$TMP/completions" <"$TMP/help" 2>"$TMP/err"
then ok "scripts/register-completions.sh runs"
else not_ok "scripts/register-completions.sh fails"; sed 's/^/#   /' "$TMP/err"
fi
for f in motcua.bash _motcua motcua.fish; do
	if diff -u "$TOP/completions/$f" "$TMP/completions/$f" >"$TMP/diff"; then
		ok "completions/$f has the fields of register add (make completions changes nothing)"
	else
		not_ok "completions/$f is not up to date: run make completions"
		sed 's/^/#   /' "$TMP/diff" | head -20
	fi
done

# The fields in each shell, counted in what it was given.
completion_path
bash_complete "$TOP/completions/motcua.bash" motcua register add birth - >"$TMP/bash"
missing=$(grep -vxF -f "$TMP/bash" "$TMP/options" | tr '\n' ' ')
if [ -z "$missing" ]; then ok "bash: register add birth -<TAB> offers every field"
else not_ok "bash: register add birth -<TAB> lacks: $missing"
fi
expect_eq "bash: a field's value is not taken for the register" "birth death marriage" \
	"$(bash_complete "$TOP/completions/motcua.bash" motcua register add --wife-id-number 1 '' |
		tr '\n' ' ' | sed 's/ $//')"
