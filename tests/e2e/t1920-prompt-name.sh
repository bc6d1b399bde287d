#!/bin/sh
# dossier new at the counter: a procedure chosen by part of its name
# (folded as search folds), the ID number and the address asked, the phone
# shown as it is stored, and a name typed with no diacritics questioned.
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

# "TRICH LUC" folds to a part of "Cấp bản sao trích lục hộ tịch" only.
at_counter 'TRICH LUC\nNguyễn Thị Hoa\n001 234 567 890\nSố 5, Vĩnh Phú\n0912 345 678\n\n' \
	-q dossier new
expect_eq "a procedure typed as part of its name is recorded" "0" "$rc"
expect_eq "the database holds the procedure, ID, address and phone as stored" \
	"2.000635|Nguyễn Thị Hoa|001234567890|Số 5, Vĩnh Phú|0912345678" \
	"$(sqlite3 "$MOTCUA_DB" "select procedure, applicant, id_number, address, phone from dossiers where seq = 1")"
expect_grep "the phone is shown as it will be stored" "  phone:       0912345678" "$TMP/out"
expect_grep "and the ID number" "  ID number:   001234567890" "$TMP/out"

# A part of a name that several procedures share lists them and asks again.
at_counter 'dang ky\nzzz\n' dossier new
expect_grep "several matches are listed" "procedures match; which one?" "$TMP/out"
expect_grep "a word of no name is not in the list" '"zzz" is not in the list' "$TMP/out"
expect_eq "end of input there records nothing (exit 1)" "1 1" \
	"$rc $(sqlite3 "$MOTCUA_DB" "select count(*) from dossiers")"

# A name with no diacritics at all: shown back with a question; No asks again.
at_counter '5\nNGUYEN THI HOA\nn\nNguyễn Thị Hoà\n\n\n\n\n' -q dossier new
expect_grep "a name with no diacritics is questioned" \
	'"NGUYEN THI HOA" has no diacritics; is it so on the ID card?' "$TMP/out"
expect_eq "answering no asks the name again" "Nguyễn Thị Hoà" \
	"$(sqlite3 "$MOTCUA_DB" "select applicant from dossiers where seq = 2")"

at_counter '5\nJOHN SMITH\ny\n\n\n\n\n' -q dossier new
expect_eq "answering yes keeps it as typed" "0 JOHN SMITH" \
	"$rc $(sqlite3 "$MOTCUA_DB" "select applicant from dossiers where seq = 3")"

at_counter '5\nLê Văn C\n123\n' dossier new
expect_grep "a bad ID number is asked again, naming the field" \
	'id_number: "123" is not a citizen ID number' "$TMP/out"
