#!/bin/sh
# dossier new at the counter: missing values are asked for on a terminal
# (driven here through a pseudo-terminal with script(1)).
. "$(dirname "$0")/../lib.sh"
init_office

at_counter() {  # ANSWERS ARGS...: run motcua on a pty, typing ANSWERS
	answers=$1; shift
	cmd="'$MOTCUA'"
	for arg in "$@"; do cmd="$cmd '$arg'"; done
	printf '%b' "$answers" | script -qec "$cmd" /dev/null >"$TMP/pty" 2>&1
	rc=$?
	tr -d '\r' <"$TMP/pty" >"$TMP/out"
}

at_counter '5\nNguyễn Văn A\n\n\n0912345678\n\n' -q dossier new
expect_eq "the prompts record the dossier" "0" "$rc"
expect_grep "the procedures are offered as a numbered list" "   5) 2.000635   Cấp bản sao trích lục hộ tịch" "$TMP/out"
expect_grep "it shows what it will record" "  applicant:   Nguyễn Văn A" "$TMP/out"
expect_grep "and prints the new code" "000.00.22.H12-260429-0001" "$TMP/out"
expect_eq "the database holds what was typed" "2.000635|Nguyễn Văn A|0912345678|lan" \
	"$(sqlite3 "$MOTCUA_DB" "select procedure, applicant, phone, clerk from dossiers where seq = 1")"

at_counter '2.000635\n\n\n0123\n\n\n' -q dossier new --applicant "Trần Thị B"
expect_grep "a bad phone is asked again" 'phone: "0123" is not a Vietnamese phone number' "$TMP/out"
expect_grep "a procedure may be typed by code; Enter skips the phone" "000.00.22.H12-260429-0002" "$TMP/out"

at_counter '99\n1\n\nLê Văn C\n\n\n\nn\n' dossier new
expect_grep "a number out of the list is asked again" '"99" is not in the list' "$TMP/out"
expect_grep "an empty name is asked again" "applicant: must not be empty" "$TMP/out"
expect_eq "answering no records nothing (exit 1)" "1 2" \
	"$rc $(sqlite3 "$MOTCUA_DB" "select count(*) from dossiers")"
expect_grep "and says so" "cancelled; nothing recorded" "$TMP/out"

at_counter '' dossier new
expect_eq "end of input at a prompt cancels (exit 1)" "1 2" \
	"$rc $(sqlite3 "$MOTCUA_DB" "select count(*) from dossiers")"

at_counter '' -q dossier new --procedure 1.001193 --applicant "Phạm D" --phone 0987654321
expect_eq "with every value given it asks nothing" "0" "$rc"
expect_eq "and prints only the code" "000.00.22.H12-260429-0003" "$(cat "$TMP/out")"
