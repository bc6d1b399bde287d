#!/bin/sh
# The completions (bash, zsh, fish) offer the codes of the dossiers still to
# act on, from the database (and nothing, quietly, without one), every
# table of audit log --table, only .csv files where a CSV is read, and the
# subcommands after help COMMAND.
. "$(dirname "$0")/../lib.sh"
init_office
COMP=$TOP/completions
completion_path
for need in bash zsh fish; do
	command -v $need >/dev/null 2>&1 || { not_ok "$need is not installed (scripts/deps.sh)"; exit 0; }
done

new() { "$MOTCUA" dossier new --procedure 2.000635 --applicant "$1" --slip none -q; }
open1=$(new "Nguyễn Văn An")
open2=$(new "Trần Thị Bình")
gone=$(new "Lê C")
done1=$(new "Phạm D")
"$MOTCUA" dossier update "$gone" --status returned >/dev/null 2>&1 ||
	"$MOTCUA" dossier cancel "$gone" --reason "nhập nhầm" >/dev/null 2>&1 || not_ok "closing $gone"
"$MOTCUA" dossier update "$done1" --status done >/dev/null 2>&1 || not_ok "moving $done1 to done"
expect_eq "a closed dossier is not open" "" "$("$MOTCUA" -q dossier list --status received --status done | grep -F "$gone")"
codes=$(printf '%s\n' "$open1" "$open2" "$done1" | LC_ALL=C sort)

# The tables of audit log --table: those the audit log's rules name.
tables=$(sed -n '/^static const struct rule rules\[\]/,/^};/p' "$TOP/core/audit-replay.c" |
	grep -oE '^[[:space:]]*\{ "[a-z *]+", ("[a-z_]+"|[A-Z]+)' | awk '{print $NF}' | tr -d '"' |
	while read -r t; do
		case $t in
		[A-Z]*) sed -n "s/^#define $t \"\\(.*\\)\"\$/\\1/p" "$TOP/core/audit-replay.c" | tr ' ' '\n' ;;
		*) echo "$t" ;;
		esac
	done | LC_ALL=C sort -u)
expect_eq "the audit log names at least the dossiers and the registers" "yes" \
	"$(printf '%s\n' "$tables" | grep -qx dossiers && printf '%s\n' "$tables" | grep -qx births && echo yes)"

mkdir -p "$TMP/in/sub"
: >"$TMP/in/a.csv"; : >"$TMP/in/B.CSV"; : >"$TMP/in/notes.txt"; : >"$TMP/in/x.pdf"

# ---- bash ----

b() { (cd "$TMP" && bash_complete "$COMP/motcua.bash" "$@"); }
for sub in status update amend note cancel form; do
	expect_eq "bash: dossier $sub <TAB> offers the open codes" "$codes" "$(b motcua dossier $sub '')"
done
expect_eq "bash: a prefix narrows them" "$open1" "$(b motcua dossier update "$open1")"
expect_eq "bash: audit log <TAB>" "$codes" "$(b motcua audit log '')"
expect_eq "bash: extract --dossier <TAB>" "$codes" "$(b motcua extract birth 01/2019 1 --dossier '')"
expect_eq "bash: --db honoured" "$codes" "$(MOTCUA_DB=$TMP/none.db b motcua --db "$MOTCUA_DB" dossier note '')"
expect_eq "bash: without a database, nothing" "" "$(MOTCUA_DB=$TMP/none/x.db b motcua dossier update '')"
expect_eq "bash: and not a word on the terminal" "" "$(cat "$TMP/comp.err")"
expect_eq "bash: audit log --table <TAB>" "$tables" "$(b motcua audit log --table '')"
expect_eq "bash: procedure import <TAB>: .csv files and folders" "in/B.CSV
in/a.csv
in/sub" "$(b motcua procedure import in/)"
expect_eq "bash: holiday import <TAB> too" "in/B.CSV
in/a.csv
in/sub" "$(b motcua holiday import in/)"
expect_eq "bash: register import birth <TAB> too" "in/B.CSV
in/a.csv
in/sub" "$(b motcua register import birth in/)"
expect_eq "bash: a backup is any file" "in/B.CSV
in/a.csv
in/notes.txt
in/sub
in/x.pdf" "$(b motcua db backup in/)"
expect_eq "bash: help dossier <TAB>" "$("$MOTCUA" dossier --help | sed -n 's/^  \([a-z]*\) .*/\1/p' | LC_ALL=C sort)" \
	"$(b motcua help dossier '')"

# ---- fish ----

mkdir -p "$TMP/home"
f() {
	(cd "$TMP" && HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" PATH="$TMP/bin:$PATH" \
		fish -c "source $COMP/motcua.fish; complete -C '$1'" 2>"$TMP/comp.err") |
		cut -f1 | LC_ALL=C sort
}
for sub in status update amend note cancel form; do
	expect_eq "fish: dossier $sub <TAB> offers the open codes" "$codes" "$(f "motcua dossier $sub ")"
done
expect_eq "fish: audit log <TAB>" "$codes" "$(f 'motcua audit log ')"
expect_eq "fish: audit log --table dossiers <TAB>: no codes offered as a table's key" "" \
	"$(f 'motcua audit log --table dossiers ')"
expect_eq "fish: extract --dossier <TAB>" "$codes" "$(f 'motcua extract birth 01/2019 1 --dossier ')"
expect_eq "fish: --db honoured" "$codes" "$(MOTCUA_DB=$TMP/none.db f "motcua --db $MOTCUA_DB dossier note ")"
expect_eq "fish: without a database, nothing" "" "$(MOTCUA_DB=$TMP/none/x.db f 'motcua dossier update ')"
expect_eq "fish: and not a word on the terminal" "" "$(cat "$TMP/comp.err")"
expect_eq "fish: audit log --table <TAB>" "$tables" "$(f 'motcua audit log --table ')"
expect_eq "fish: procedure import <TAB>: .csv files and folders" "in/B.CSV
in/a.csv
in/sub/" "$(f 'motcua procedure import in/')"
expect_eq "fish: register import birth <TAB> too" "in/B.CSV
in/a.csv
in/sub/" "$(f 'motcua register import birth in/')"
expect_eq "fish: help dossier <TAB>" "$(b motcua help dossier '')" "$(f 'motcua help dossier ')"

# ---- zsh: its helpers, run with stand-ins for the completion system ----

sed '$d' "$COMP/_motcua" >"$TMP/_motcua.zsh"
cat >"$TMP/z.zsh" <<'ZSH'
_call_program() { shift; eval "$*" }
_wanted() { shift 3; "$@" }
compadd() { [[ $1 == -a ]] && print -rl -- ${(P)2} }
source $1
_motcua_line=("${(@)argv[3,-1]}"); _motcua_current=$#_motcua_line
$2
ZSH
z() { PATH="$TMP/bin:$PATH" zsh "$TMP/z.zsh" "$TMP/_motcua.zsh" "$@" 2>"$TMP/comp.err" | LC_ALL=C sort; }
expect_eq "zsh: dossier update <TAB> offers the open codes" "$codes" "$(z _motcua_dossier_codes motcua dossier update '')"
expect_eq "zsh: --db honoured" "$codes" \
	"$(MOTCUA_DB=$TMP/none.db z _motcua_dossier_codes motcua --db "$MOTCUA_DB" dossier update '')"
expect_eq "zsh: without a database, nothing" "" "$(MOTCUA_DB=$TMP/none/x.db z _motcua_dossier_codes motcua dossier update '')"
expect_eq "zsh: and not a word on the terminal" "" "$(cat "$TMP/comp.err")"
expect_eq "zsh: procedure codes, with no --db" "$("$MOTCUA" -q procedure list | LC_ALL=C sort)" \
	"$(z _motcua_procedures motcua dossier list --procedure '')"
expect_eq "zsh: help dossier <TAB>" "$(b motcua help dossier '')" "$(z _motcua_help_subs motcua help dossier '')"
expect_eq "zsh: audit log --table offers every table" "$tables" \
	"$(sed -n "s/.*'--table=\\[only the records of this table\\]:table:(\\([^)]*\\)).*/\\1/p" "$COMP/_motcua" |
		tr ' ' '\n' | LC_ALL=C sort)"
for spec in '1:CSV file (code,name,days,fee,documents,kind,field_code,field_name)' '1:CSV file (date,name,kind)' '2:CSV file'; do
	expect_grep "zsh: $spec: .csv files only" "'$spec:_files -g \"*.(csv|CSV)(-.)\"'" "$COMP/_motcua"
done
