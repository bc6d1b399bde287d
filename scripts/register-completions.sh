#!/bin/sh
# motcua — writes the options of `register add` into the shell completions:
# one per column of the registers, as `motcua register add --help` lists
# them (from the table of core/register-columns.c), which `register amend`
# takes too. Each completion file
# has them between a "BEGIN register add fields" line and an "END
# register add fields" line; the rest of the file is left as it is.
#
#   motcua register add --help | sh scripts/register-completions.sh DIR
#
# `make completions` runs it on completions/ with the help in English;
# the files it writes are committed, and tests/e2e/t1060 checks that they
# are up to date.
set -eu
dir=${1:?usage: register-completions.sh DIR < HELP}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/motcua-completions.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The options and their help, "--name<TAB>help", from the "Options:" part
# of the help: "--name VALUE", then the help from column 32, or on the
# next line when "--name VALUE" is too long for its column.
awk '/^Options:$/ { on = 1; next }
	/^$/ { on = 0 }
	on && $1 ~ /^--/ { opt = $1; if (NF > 2) { print opt "\t" substr($0, 32); opt = "" } next }
	on && opt != "" { sub(/^ +/, ""); print opt "\t" $0; opt = "" }' >"$tmp/fields"
[ -s "$tmp/fields" ] || { echo "register-completions.sh: no options in the help" >&2; exit 1; }

# The values offered for a field that takes one of a few (the sex, as the
# register's rules accept it).
choices() {
	case $1 in
	--sex) echo 'Nam Nữ male female' ;;
	esac
}

# wrap FIRST NEXT MORE LAST: the options as words, the first right after
# FIRST, wrapped at about 76 columns (a tab as 8): each line after the
# first begins with NEXT, each but the last ends with MORE, the last with
# LAST.
wrap() {
	cut -f1 "$tmp/fields" | awk -v first="$1" -v next_="$2" -v more="$3" -v last="$4" '
		NR == 1 { line = first $1; next }
		length(line " " $1 more) + (line ~ /^\t/ ? 7 : 0) > 76 { print line more; line = next_ $1; next }
		{ line = line " " $1 }
		END { print line last }'
}

# bash: the list of fields, quoted.
wrap "_motcua_register_fields='" "$(printf '\t')" '' "'" >"$tmp/bash"

# zsh: one _arguments spec each, in an array that _motcua_register_add uses.
while IFS="$(printf '\t')" read -r opt help; do
	name=${opt#--}
	printf "    '%s=[%s]:%s:%s'\n" "$opt" \
		"$(printf '%s' "$help" | sed -e "s/'/'\\\\''/g" -e 's/[][]/\\&/g')" \
		"$(printf '%s' "$name" | sed 's/-/ /g')" \
		"$(c=$(choices "$opt"); [ -n "$c" ] && echo "($c)" || echo ' ')"
done <"$tmp/fields" >"$tmp/zsh.specs"
{
	echo '  _motcua_register_fields=('
	cat "$tmp/zsh.specs"
	echo '  )'
} >"$tmp/zsh"

# fish: the fields, as options that take a value, then one line each, for
# register add and register amend (which lists them all, refusing the
# book and number that name the entry).
{
	wrap 'set -g __motcua_register_fields ' '    ' ' \' ''
	echo "set -l c '__motcua_is register add; or __motcua_is register amend'"
	while IFS="$(printf '\t')" read -r opt help; do
		c=$(choices "$opt")
		desc=$(printf '%s' "$help" | sed -e 's/\\/\\\\/g' -e "s/'/\\\\'/g" |
			awk '{ print toupper(substr($0, 1, 1)) substr($0, 2) }')
		[ -z "$c" ] || c=" -a '$c'"
		printf "complete -c motcua -n \$c -l %s -x%s -d '%s'\n" "${opt#--}" "$c" "$desc"
	done <"$tmp/fields"
} >"$tmp/fish"

# splice FILE PART: FILE with the lines between its marks replaced by PART.
splice() {
	grep -q '^ *# BEGIN register add fields' "$1" && grep -q '^ *# END register add fields' "$1" ||
		{ echo "register-completions.sh: $1 has no register add fields marks" >&2; exit 1; }
	awk -v part="$2" '/^ *# BEGIN register add fields/ { print; while ((getline l < part) > 0) print l; skip = 1; next }
		/^ *# END register add fields/ { skip = 0 }
		!skip' "$1" >"$1.new"
	mv "$1.new" "$1"
}
splice "$dir/motcua.bash" "$tmp/bash"
splice "$dir/_motcua" "$tmp/zsh"
splice "$dir/motcua.fish" "$tmp/fish"
