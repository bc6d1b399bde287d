#!/bin/sh
# motcua — the documentation agrees with the program (like git's
# t0450-txt-doc-vs-help.sh): the man pages are clean roff, list every
# command of `motcua --help`, show each command's usage line in their
# SYNOPSIS and document each of its options; the bash, zsh and fish
# completions know every option, and the bash and fish ones really
# complete commands, statuses and procedure codes from the database.
#
# Needs groff, man-db, zsh and fish (scripts/deps.sh).

. "$(dirname "$0")/../lib.sh"

TOP=$(cd "$(dirname "$0")/../.." && pwd)
MAN=$TOP/man
COMP=$TOP/completions
case $MOTCUA in
/*) ;;
*) MOTCUA=$PWD/$MOTCUA ;;
esac
export MANPAGER=cat PAGER=cat
unset MANWIDTH MANOPT MANROFFOPT 2>/dev/null || true

# The man page that documents a command (as `motcua help` opens it).
page_of() {
	case $1 in
	init | config | help) echo motcua.1 ;;
	calendar) echo motcua-holiday.1 ;;
	key) echo motcua-qr.1 ;;
	db | audit) echo motcua-db.1 ;;
	sync) echo motcua-province.1 ;;
	*) echo "motcua-$1.1" ;;
	esac
}

# render PAGE: the page as plain text, each paragraph on one line (a very
# long line length), hyphens and minus signs as ASCII "-".
render() {
	preconv "$MAN/$1" | groff -man -Tutf8 -P-cbou -rLL=4000n 2>/dev/null |
		LC_ALL=C sed -e 's/\xe2\x80\x90/-/g' -e 's/\xe2\x88\x92/-/g'
}

# section NAME < rendered: the lines under the heading NAME (headings are
# the lines that are not indented).
section() {
	awk -v s="$1" '/^[^ ]/ { on = ($0 == s); next } on'
}

# tidy: no blanks at either end, runs of blanks as one space, no empty lines.
tidy() {
	sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e 's/[[:space:]][[:space:]]*/ /g' |
		grep -v '^$'
}

mkdir -p "$TMP/render"
for f in motcua.1 motcua-dossier.1 motcua-procedure.1 motcua-holiday.1 motcua-qr.1 motcua-db.1 motcua.5; do
	if [ -f "$MAN/$f" ]; then ok "man/$f exists"
	else not_ok "man/$f is missing"
	fi
done

# 1. Every page is clean roff: no output at all from groff -ww -z (the
# check of the commit hook), nor from groff after preconv, and no
# warnings from man -l at 80 columns.
for path in "$MAN"/*.[1-9]; do
	f=$(basename "$path")
	out=$(groff -man -ww -z "$path" 2>&1)
	if [ -z "$out" ]; then ok "groff -man -ww -z man/$f prints nothing"
	else
		not_ok "groff -man -ww -z man/$f"
		printf '%s\n' "$out" | sed 's/^/#   /' | head -10
	fi
	out=$(preconv "$path" | groff -man -Tutf8 -ww -z 2>&1)
	if [ -z "$out" ]; then ok "preconv | groff -Tutf8 -ww: man/$f is clean"
	else
		not_ok "preconv | groff -Tutf8 -ww: man/$f"
		printf '%s\n' "$out" | sed 's/^/#   /' | head -10
	fi
	out=$(MANWIDTH=80 man -l "$path" 2>&1 >"$TMP/man.out")
	if [ -z "$out" ] && grep -q '^NAME' "$TMP/man.out" && grep -q '^SYNOPSIS\|^DESCRIPTION' "$TMP/man.out"
	then ok "man -l man/$f renders without warnings"
	else
		not_ok "man -l man/$f"
		printf '%s\n' "$out" | sed 's/^/#   /' | head -10
	fi
	render "$f" >"$TMP/render/$f"
	section SYNOPSIS <"$TMP/render/$f" | tidy >"$TMP/render/$f.synopsis"
	tidy <"$TMP/render/$f" >"$TMP/render/$f.lines"
done

# 2. The commands: `motcua --help` lists "CMD" or "CMD SUB" then a summary.
"$MOTCUA" --help >"$TMP/help" 2>&1
awk '/^  [a-z]/ { sub(/^  /, ""); i = index($0, "  ");
	print (i ? substr($0, 1, i - 1) : $0) }' "$TMP/help" >"$TMP/names"
n=$(wc -l <"$TMP/names")
if [ "$n" -ge 10 ]; then ok "motcua --help lists $n commands"
else not_ok "motcua --help lists only $n commands"; sed 's/^/#   /' "$TMP/help"
fi
cut -d' ' -f1 "$TMP/names" | uniq >"$TMP/cmds"

# The main usage line is the first line of motcua(1)'s SYNOPSIS.
usage=$(head -1 "$TMP/help" | sed 's/^usage: //' | tidy)
expect_eq "motcua(1) SYNOPSIS begins with the usage of motcua --help" \
	"$usage" "$(head -1 "$TMP/render/motcua.1.synopsis")"

# Every command and subcommand is in the COMMANDS list of motcua(1).
section COMMANDS <"$TMP/render/motcua.1" | tidy >"$TMP/commands"
while read -r name; do
	if grep -q "^$name\( \|\$\)" "$TMP/commands"; then
		ok "motcua(1) COMMANDS lists \"$name\""
	else
		not_ok "motcua(1) COMMANDS does not list \"$name\""
	fi
done <"$TMP/names"

# Each command's usage line is a line of its page's SYNOPSIS, and each of
# its options is documented there (a paragraph that begins with it).
opts_of() {  # help file, heading -> its options, one per line ("-o", "--output")
	# An option line begins with "-x, --name" or "--name" ("--name[=X]"
	# for an optional value); a help text too long for its column goes on
	# the next line, which begins otherwise.
	awk -v s="$2" '$0 == s { on = 1; next } /^$/ { on = 0 }
		on && $1 ~ /^-/ { o = $1; sub(/,$/, "", o); sub(/\[=.*/, "", o); print o
			if ($1 ~ /,$/ && $2 ~ /^--/) print $2 }' "$1"
}
documents_opt() {  # rendered-lines-file option
	case $2 in
	--*) grep -Eq -- "^(-[A-Za-z], )?$2( |,|\$)" "$1" ;;
	*) grep -Eq -- "^$2(,| |\$)" "$1" ;;
	esac
}
: >"$TMP/allopts"
while read -r name; do
	cmd=${name%% *}
	page=$(page_of "$cmd")
	# shellcheck disable=SC2086
	"$MOTCUA" $name --help >"$TMP/h" 2>&1
	usage=$(head -1 "$TMP/h" | sed 's/^usage: //' | tidy)
	case $usage in
	"motcua $name"*) ok "motcua $name --help gives its usage" ;;
	*) not_ok "motcua $name --help: first line is \"$usage\"" ;;
	esac
	opts_of "$TMP/h" "Options:" >"$TMP/opts"
	while read -r o; do
		printf '%s\t%s\n' "$name" "$o" >>"$TMP/allopts"
	done <"$TMP/opts"
	if [ ! -f "$MAN/$page" ]; then
		not_ok "no man page $page for \"$name\""
		continue
	fi
	if grep -qxF -- "$usage" "$TMP/render/$page.synopsis"; then
		ok "$page SYNOPSIS has \"$usage\""
	else
		not_ok "$page SYNOPSIS lacks \"$usage\""
		sed 's/^/#   have: /' "$TMP/render/$page.synopsis"
	fi
	while read -r o; do
		if documents_opt "$TMP/render/$page.lines" "$o"; then
			ok "$page documents $o of $name"
		else
			not_ok "$page does not document $o of $name"
		fi
	done <"$TMP/opts"
done <"$TMP/names"

# The global options are documented in motcua(1).
"$MOTCUA" init --help >"$TMP/h" 2>&1
opts_of "$TMP/h" "Global options:" >"$TMP/globals"
n=$(wc -l <"$TMP/globals")
if [ "$n" -ge 5 ]; then ok "--help shows $n global options"
else not_ok "--help shows $n global options"
fi
while read -r o; do
	printf 'global\t%s\n' "$o" >>"$TMP/allopts"
	if documents_opt "$TMP/render/motcua.1.lines" "$o"; then
		ok "motcua.1 documents the global option $o"
	else
		not_ok "motcua.1 does not document the global option $o"
	fi
done <"$TMP/globals"

# 3. Every option is in each completion file: as a word in bash and zsh,
# as "-l NAME" / "-s X" in fish.
word_in() {  # file word
	grep -Eq -- "(^|[^A-Za-z0-9_-])$2([^A-Za-z0-9_-]|\$)" "$1"
}
cut -f2 "$TMP/allopts" | LC_ALL=C sort -u | while read -r o; do
	for f in motcua.bash _motcua; do
		if word_in "$COMP/$f" "$o"; then ok "completions/$f knows $o"
		else not_ok "completions/$f lacks $o"
		fi
	done
	case $o in
	--*) pat="-l ${o#--}" ;;
	*) pat="-s ${o#-}" ;;
	esac
	if grep -Eq -- "(^|[[:space:]])$pat([[:space:]]|\$)" "$COMP/motcua.fish"; then
		ok "completions/motcua.fish knows $o"
	else
		not_ok "completions/motcua.fish lacks $o"
	fi
done
# ... and every command and subcommand.
while read -r name; do
	sub=${name#* }
	[ "$sub" = "$name" ] && sub=${name%% *}
	if grep -q -- "'$sub:" "$COMP/_motcua"; then ok "completions/_motcua offers \"$name\""
	else not_ok "completions/_motcua does not offer \"$name\""
	fi
done <"$TMP/names"

# 4. The completion files parse.
if bash -n "$COMP/motcua.bash" 2>"$TMP/err"; then ok "bash -n completions/motcua.bash"
else not_ok "bash -n completions/motcua.bash"; sed 's/^/#   /' "$TMP/err"
fi
if grep -q '^complete -F _motcua motcua$' "$COMP/motcua.bash"; then
	ok "motcua.bash registers _motcua with complete -F"
else not_ok "motcua.bash does not register _motcua with complete -F"
fi
if [ "$(head -1 "$COMP/_motcua")" = "#compdef motcua" ]; then ok "_motcua starts with #compdef motcua"
else not_ok "_motcua does not start with #compdef motcua"
fi
if command -v zsh >/dev/null 2>&1; then
	if zsh -n "$COMP/_motcua" 2>"$TMP/err"; then ok "zsh -n completions/_motcua"
	else not_ok "zsh -n completions/_motcua"; sed 's/^/#   /' "$TMP/err"
	fi
else
	not_ok "zsh is not installed: cannot check completions/_motcua (install zsh)"
fi
have_fish=
if command -v fish >/dev/null 2>&1; then
	have_fish=1
	if fish -n "$COMP/motcua.fish" 2>"$TMP/err"; then ok "fish -n completions/motcua.fish"
	else not_ok "fish -n completions/motcua.fish"; sed 's/^/#   /' "$TMP/err"
	fi
else
	not_ok "fish is not installed: cannot check completions/motcua.fish (install fish)"
fi

# 5. The bash completion works: source it, set COMP_WORDS, call _motcua.
init_office
completion_path
# bcomp WORDS...: what bash completes for the last word, sorted
bcomp() { bash_complete "$COMP/motcua.bash" "$@"; }
sorted() { printf '%s\n' "$@" | LC_ALL=C sort; }

STATUSES=$(sorted received processing supplement payment 'done' returned rejected \
	withdrawn stopped cancelled)
expect_eq "bash: motcua dossier list --status <TAB> gives the statuses" \
	"$STATUSES" "$(bcomp motcua dossier list --status '')"
expect_eq "bash: --status d<TAB> gives done" \
	"done" "$(bcomp motcua dossier update CODE --status d)"
expect_eq "bash: --status=<TAB> (split at =) gives the statuses" \
	"$STATUSES" "$(bcomp motcua dossier list --status = '')"
expect_eq "bash: motcua <TAB> gives the commands of --help" \
	"$(LC_ALL=C sort "$TMP/cmds")" "$(bcomp motcua '')"
while read -r cmd; do
	subs=$(grep "^$cmd " "$TMP/names" | cut -d' ' -f2 | LC_ALL=C sort)
	[ -n "$subs" ] || continue
	expect_eq "bash: motcua $cmd <TAB> gives its subcommands" \
		"$subs" "$(bcomp motcua "$cmd" '')"
done <"$TMP/cmds"
expect_eq "bash: --format <TAB>" "$(sorted text json csv)" "$(bcomp motcua dossier list --format '')"
expect_eq "bash: --channel <TAB>" "$(sorted counter online post)" "$(bcomp motcua dossier new --channel '')"
expect_eq "bash: --delivery <TAB>" "$(sorted counter post)" "$(bcomp motcua dossier new --delivery '')"
expect_eq "bash: --slip <TAB>" "$(sorted text pdf png none)" "$(bcomp motcua dossier new --slip '')"
expect_eq "bash: dossier form --slip <TAB>" "$(sorted text pdf png)" "$(bcomp motcua dossier form CODE 01 --slip '')"
expect_eq "bash: dossier form CODE <TAB> gives the forms" "$(sorted 01 02 03 04 05)" "$(bcomp motcua dossier form CODE '')"
expect_eq "bash: qr print -t <TAB>" "$(sorted png svg utf8 ansi ascii)" "$(bcomp motcua qr print -t '')"
expect_eq "bash: qr print --level <TAB>" "$(sorted L M Q H)" "$(bcomp motcua qr print --level '')"
expect_eq "bash: --kind <TAB>" "$(sorted extract birth marriage death)" "$(bcomp motcua procedure add --kind '')"

# Config keys: those that config list prints.
"$MOTCUA" config list --format csv | sed 1d | cut -d, -f1 | LC_ALL=C sort >"$TMP/keys"
if [ "$(wc -l <"$TMP/keys")" -ge 9 ]; then ok "config list --format csv gives the setting keys"
else not_ok "config list --format csv gives $(wc -l <"$TMP/keys") keys"
fi
expect_eq "bash: motcua config get <TAB> gives the settings" \
	"$(cat "$TMP/keys")" "$(bcomp motcua config get '')"
expect_eq "bash: motcua --format json config set <TAB> gives the settings" \
	"$(cat "$TMP/keys")" "$(bcomp motcua --format json config set '')"
expect_eq "bash: motcua config set workweek <TAB>" \
	"$(sorted mon-fri mon-sat-am)" "$(bcomp motcua config set workweek '')"

# Procedure codes come from the database.
"$MOTCUA" -q procedure list | LC_ALL=C sort >"$TMP/codes"
if [ "$(wc -l <"$TMP/codes")" -ge 5 ]; then ok "procedure list -q gives the seeded codes"
else not_ok "procedure list -q gives $(wc -l <"$TMP/codes") codes"
fi
expect_eq "bash: --procedure <TAB> lists the codes of MOTCUA_DB" \
	"$(cat "$TMP/codes")" "$(bcomp motcua dossier new --procedure '')"
expect_eq "bash: --procedure 2.<TAB> lists the codes beginning with 2." \
	"$(grep '^2\.' "$TMP/codes")" "$(bcomp motcua dossier list --procedure 2.)"
db=$MOTCUA_DB
expect_eq "bash: --procedure <TAB> honours a --db given earlier" \
	"$(cat "$TMP/codes")" \
	"$(MOTCUA_DB=$TMP/none.db bcomp motcua --db "$db" dossier new --procedure '')"
expect_eq "bash: --procedure <TAB> is empty without a database" \
	"" "$(MOTCUA_DB=$TMP/none.db bcomp motcua dossier new --procedure '')"

# Every option of each command, and the global ones, after "-".
opts_for() { awk -F'\t' -v n="$1" '$1 == n { print $2 }' "$TMP/allopts"; }
while read -r name; do
	# shellcheck disable=SC2086
	got=$(bcomp motcua $name -)
	missing=
	for o in $(opts_for "$name") $(opts_for global); do
		printf '%s\n' "$got" | grep -qxF -- "$o" || missing="$missing $o"
	done
	if [ -z "$missing" ]; then ok "bash: motcua $name -<TAB> offers all its options"
	else not_ok "bash: motcua $name -<TAB> lacks:$missing"
	fi
done <"$TMP/names"
expect_eq "bash: procedure import <TAB> completes file names" \
	"list-a.csv" "$(cd "$TMP" && : >list-a.csv && bcomp motcua procedure import list-a)"

# 6. The fish completion works too.
if [ -n "$have_fish" ]; then
	mkdir -p "$TMP/home"
	fcomp() {  # LINE: what fish completes, sorted (fish keeps its state in HOME)
		HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" PATH="$TMP/bin:$PATH" \
			fish -c "source $COMP/motcua.fish; complete -C '$1'" 2>"$TMP/comp.err" |
			cut -f1 | LC_ALL=C sort
	}
	expect_eq "fish: motcua dossier list --status <TAB>" \
		"$STATUSES" "$(fcomp 'motcua dossier list --status ')"
	expect_eq "fish: motcua dossier <TAB>" \
		"$(grep '^dossier ' "$TMP/names" | cut -d' ' -f2 | LC_ALL=C sort)" \
		"$(fcomp 'motcua dossier ')"
	expect_eq "fish: --procedure <TAB> honours --db" \
		"$(cat "$TMP/codes")" \
		"$(MOTCUA_DB=$TMP/none.db fcomp "motcua --db $db dossier new --procedure ")"
	while read -r name; do
		got=$(fcomp "motcua $name -")
		missing=
		for o in $(opts_for "$name") $(opts_for global); do
			printf '%s\n' "$got" | grep -qxF -- "$o" || missing="$missing $o"
		done
		if [ -z "$missing" ]; then ok "fish: motcua $name -<TAB> offers all its options"
		else not_ok "fish: motcua $name -<TAB> lacks:$missing"
		fi
	done <"$TMP/names"
fi
