#!/bin/sh
# Finding your way: a mistyped command, subcommand or option is refused
# with the nearest names offered ("did you mean"), and `motcua help
# COMMAND SUBCOMMAND` opens the family's page at the subcommand's section.
. "$(dirname "$0")/../lib.sh"
init_office
before=$(db_snapshot)

# ---- unknown commands, subcommands and options ----

expect_code 2 "a command one key off" dosier list
expect_err "offers the command" 'motcua: unknown command "dosier"; did you mean dossier?'
expect_code 2 "two letters swapped count as one key" dossier lsit
expect_err "offers the subcommand" 'motcua: unknown command "dossier lsit"; did you mean list?'
expect_code 2 "a word near two commands" regster
expect_err "offers the one" 'motcua: unknown command "regster"; did you mean register?'
expect_code 2 "nothing near" frobnicate
expect_err "points at --help, as before" "motcua: unknown command \"frobnicate\"; see 'motcua --help'"
expect_code 2 "a short word is not matched to everything" dossier x
expect_err "a one-letter slip offers nothing" "motcua: unknown command \"dossier x\"; see 'motcua dossier --help'"
expect_code 2 "a mistyped option" dossier new --procdure HT-KS --applicant "Lê Văn A"
expect_grep "offers the option, with its dashes" \
	"motcua: unknown option --procdure; did you mean --procedure?" "$TMP/err"
expect_code 2 "a global option mistyped after a command" dossier list --fromat json
expect_grep "offers the global option" "motcua: unknown option --fromat; did you mean --format?" "$TMP/err"
expect_code 2 "an option near two of the command's" report summary --frm 2026-01-01
expect_grep "offers the nearest of them, and no more" \
	"motcua: unknown option --frm; did you mean --from?" "$TMP/err"
expect_code 2 "an option far from all" dossier list --zzzzzz
expect_grep "is refused as before" "motcua: unknown option --zzzzzz" "$TMP/err"
expect_eq "and offers nothing" "" "$(grep 'did you mean' "$TMP/err")"
expect_eq "nothing was changed by any of these" "$before" "$(db_snapshot)"

# In Vietnamese too.
LANGUAGE=vi LC_ALL=C.UTF-8 "$MOTCUA" dosier >"$TMP/out" 2>"$TMP/err"
expect_eq "LANGUAGE=vi: exit 2" "2" "$?"
expect_err "LANGUAGE=vi: the suggestion is translated" \
	'motcua: không có lệnh "dosier"; có phải ý bạn là dossier?'

# ---- motcua help COMMAND SUBCOMMAND ----

man="$TOP/man"
MOTCUA_MANDIR=$man MANPAGER=cat MANWIDTH=80 "$MOTCUA" help dossier new >"$TMP/out" 2>"$TMP/err"
expect_eq "help dossier new runs man" "0" "$?"
expect_grep "on motcua-dossier(1)" "MOTCUA-DOSSIER(1)" "$TMP/out"

# Which pager man is given: a stand-in man records it.
mkdir -p "$TMP/fake"
cat >"$TMP/fake/man" <<'SH'
#!/bin/sh
printf '%s\n' "${MANPAGER-unset}" >"$FAKE_OUT"
printf '%s\n' "$@" >>"$FAKE_OUT"
SH
chmod +x "$TMP/fake/man"
(unset MANPAGER PAGER; FAKE_OUT=$TMP/pager PATH="$TMP/fake:$PATH" MOTCUA_MANDIR=$man \
	"$MOTCUA" help dossier new) >/dev/null 2>&1
expect_eq "help dossier new opens less at the section" \
	"less -p '^ *motcua dossier new\$'
-l
$man/motcua-dossier.1" "$(cat "$TMP/pager")"
# The pattern finds the heading in the page as man lays it out.
pattern=$(sed -n "1s/^less -p '\\(.*\\)'\$/\\1/p" "$TMP/pager")
MANWIDTH=80 man -l "$man/motcua-dossier.1" 2>/dev/null | col -b >"$TMP/page"
expect_eq "the heading is found, once" "1" "$(grep -c "$pattern" "$TMP/page")"
(unset PAGER; FAKE_OUT=$TMP/pager MANPAGER=most PATH="$TMP/fake:$PATH" MOTCUA_MANDIR=$man \
	"$MOTCUA" help dossier list) >/dev/null 2>&1
expect_eq "a pager the clerk chose is left alone" "most" "$(head -1 "$TMP/pager")"
(unset MANPAGER PAGER; FAKE_OUT=$TMP/pager PATH="$TMP/fake:$PATH" MOTCUA_MANDIR=$man \
	"$MOTCUA" help dossier) >/dev/null 2>&1
expect_eq "help of a family alone opens at the top" "unset" "$(head -1 "$TMP/pager")"

expect_code 2 "help of a mistyped subcommand" help dossier nwe
expect_err "offers the subcommand" 'motcua: unknown command "dossier nwe"; did you mean new?'
expect_code 2 "help of a mistyped command" help dosier
expect_err "offers the command" 'motcua: unknown command "dosier"; did you mean dossier?'
expect_code 2 "help takes no third word" help dossier new extra

# Without man at all, it says so and what to try instead.
completion_path
PATH="$TMP/bin" "$MOTCUA" help dossier new >"$TMP/out" 2>"$TMP/err"
expect_eq "no man: exit 1" "1" "$?"
expect_err "no man: says so, and names --help" \
	"motcua: man is not installed, so the manual cannot be shown; try 'motcua dossier new --help'"
PATH="$TMP/bin" "$MOTCUA" help >"$TMP/out" 2>"$TMP/err"
expect_err "no man, no command: --help of motcua" \
	"motcua: man is not installed, so the manual cannot be shown; try 'motcua --help'"
