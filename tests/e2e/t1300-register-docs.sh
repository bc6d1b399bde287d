#!/bin/sh
# The registers in help, man pages and completions: motcua help opens the
# right page, and the shells complete registers, files and values.
. "$(dirname "$0")/../lib.sh"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
COMP=$TOP/completions
case $MOTCUA in /*) ;; *) MOTCUA=$PWD/$MOTCUA ;; esac
export MANPAGER=cat PAGER=cat MANWIDTH=80 MOTCUA_MANDIR=$TOP/man
init_office

for c in register extract report; do
	"$MOTCUA" help $c >"$TMP/out" 2>"$TMP/err"
	expect_grep "motcua help $c opens motcua-$c(1)" "MOTCUA-$(echo "$c" | tr a-z A-Z)(1)" "$TMP/out"
done
"$MOTCUA" register --help >"$TMP/out" 2>&1
expect_grep "motcua register --help lists its commands" "  search     find register entries by name, typed with or without marks" "$TMP/out"
"$MOTCUA" --help >"$TMP/out" 2>&1
expect_grep "motcua --help lists report extracts" "  report extracts      extracts issued and fees collected, per day" "$TMP/out"

completion_path
bcomp() {
	bash_complete "$COMP/motcua.bash" "$@" | tr '\n' ' ' | sed 's/ $//'
}
expect_eq "bash: register import <TAB> gives the registers" "birth death marriage" \
	"$(bcomp motcua register import '')"
: >"$TMP/khai-sinh.csv"
expect_eq "bash: register import birth <TAB> gives files" "khai-sinh.csv" \
	"$(cd "$TMP" && bcomp motcua register import birth khai)"
expect_eq "bash: register show <TAB> gives the registers" "birth death marriage" \
	"$(bcomp motcua register show '')"
expect_eq "bash: register search --kind <TAB>" "birth death marriage" \
	"$(bcomp motcua register search duc --kind '')"
expect_eq "bash: register add birth --sex <TAB>" "Nam Nữ" "$(bcomp motcua register add birth --sex '')"
expect_eq "bash: register add birth --full-name X <TAB> is not a register" "" \
	"$(bcomp motcua register add birth --full-name X '')"
expect_eq "bash: extract <TAB> gives the registers and the acts on an issue" "birth death list marriage reprint void" "$(bcomp motcua extract '')"
expect_eq "bash: extract birth --slip <TAB> gives text, pdf and png" "pdf png text" \
	"$(bcomp motcua extract birth 01/2019 1 --slip '')"
expect_eq "bash: dossier new --slip <TAB> still gives text, pdf, png and none" "none pdf png text" \
	"$(bcomp motcua dossier new --slip '')"
expect_eq "bash: report <TAB>" "dossiers extracts summary" "$(bcomp motcua report '')"
if command -v fish >/dev/null 2>&1; then
	mkdir -p "$TMP/home"
	fcomp() {
		HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" PATH="$TMP/bin:$PATH" \
			fish -c "source $COMP/motcua.fish; complete -C '$1'" 2>/dev/null |
			cut -f1 | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
	}
	expect_eq "fish: register export <TAB>" "birth death marriage" "$(fcomp 'motcua register export ')"
	expect_eq "fish: extract death --slip <TAB>" "pdf png text" "$(fcomp 'motcua extract death --slip ')"
	expect_eq "fish: register add death --sex <TAB>" "Nam Nữ female male" \
		"$(fcomp 'motcua register add death --sex ')"
else
	not_ok "fish is not installed: cannot check completions/motcua.fish (install fish)"
fi
