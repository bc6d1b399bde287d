#!/bin/sh
# dossier new at the counter: the answers are typed with line editing
# (libedit) — the usual keys, a Vietnamese letter erased whole, the answer
# of a refused question recalled with the up arrow from that question's
# own history — and end of input (Ctrl-D) at any question cancels.
# Driven through a pseudo-terminal by the at-terminal helper, which waits
# for each question before it types.
. "$(dirname "$0")/../lib.sh"
init_office

# at_terminal ARGS...: motcua ARGS on a terminal, typed at as $TMP/keys
# says; $TMP/out is what the terminal showed, $rc the exit code.
at_terminal() {
	TERM=vt100 "$HELPERS/at-terminal" "$TMP/keys" "$TMP/pty" "$MOTCUA" "$@"
	rc=$?
	tr -d '\r' <"$TMP/pty" >"$TMP/out"
}
count() { sqlite3 "$MOTCUA_DB" "select count(*) from dossiers"; }
last() { sqlite3 "$MOTCUA_DB" "select $1 from dossiers order by seq desc limit 1"; }

# Keys: BS is \x7f, Ctrl-A \x01, Ctrl-D \x04, the up arrow \e[A.
# "Trich lux" is not in the list; up, backspace and "c" make it right.
# The name: "Văn A", Ctrl-A, then "Nguyệ", backspace (one letter, three
# bytes), "ễn ". The ID number: Ctrl-A, Ctrl-D takes the "x" under the
# cursor (not the end of input: the answer is not empty). The address: a
# wrong letter erased. The phone: one digit short, refused; up twice
# recalls the phone only (the address is another question's history).
cat >"$TMP/keys" <<'KEYS'
< Procedure (number, code or part of the name): 
> Trich lux\r
< is not in the list
< Procedure (number, code or part of the name): 
> \e[A\x7fc\r
< Applicant's full name: 
> Văn A\x01Nguyệ\x7fễn \r
< ID number (Enter to skip): 
> x001234567890\x01\x04\r
< Address (Enter to skip): 
> Số 5x\x7f, Vĩnh Phú\r
< Phone (Enter to skip): 
> 091234567\r
< is not a Vietnamese phone number
< Phone (Enter to skip): 
> \e[A\e[A8\r
< Record this dossier? [Y/n] 
> \r
KEYS
at_terminal -q dossier new
expect_eq "the dossier is recorded" "0" "$rc"
expect_eq "as edited: history recalled, letters erased and inserted" \
	"2.000635|Nguyễn Văn A|001234567890|Số 5, Vĩnh Phú|0912345678" \
	"$(last "procedure, applicant, id_number, address, phone")"
expect_grep "the confirmation shows the edited name" "  applicant:   Nguyễn Văn A" "$TMP/out"
expect_grep "and -q prints the code" "000.00.22.H12-260429-0001" "$TMP/out"

# The same in the C locale (no character set): the letters are still read
# as UTF-8, and backspace still takes a whole one.
cat >"$TMP/keys" <<'KEYS'
< Procedure (number, code or part of the name): 
> 5\r
< Applicant's full name: 
> Trần Thị Hoà\x7fa\r
< ID number (Enter to skip): 
> \r
< Address (Enter to skip): 
> \r
< Phone (Enter to skip): 
> \r
< Record this dossier? [Y/n] 
> \r
KEYS
LC_ALL=C at_terminal -q dossier new
expect_eq "in the C locale a Vietnamese name is typed and erased by letters" \
	"0 Trần Thị Hoa" "$rc $(last applicant)"

# Ctrl-D on an empty answer, at each question: exit 1, nothing recorded.
n=$(count)
for q in "Procedure (number, code or part of the name): " "Applicant's full name: " \
	"ID number (Enter to skip): " "Address (Enter to skip): " \
	"Phone (Enter to skip): " "Record this dossier? [Y/n] "; do
	{
		for a in "Procedure (number, code or part of the name): |5" \
			"Applicant's full name: |Lê Văn C" "ID number (Enter to skip): |" \
			"Address (Enter to skip): |" "Phone (Enter to skip): |"; do
			[ "${a%%|*}" = "$q" ] && break
			printf '< %s\n> %s\\r\n' "${a%%|*}" "${a#*|}"
		done
		printf '< %s\n> \\x04\n' "$q"
	} >"$TMP/keys"
	at_terminal dossier new
	expect_eq "Ctrl-D at \"$q\" cancels (exit 1), nothing recorded" "1 $n" "$rc $(count)"
	expect_grep "and says so" "cancelled; nothing recorded" "$TMP/out"
done

# Ctrl-D typed before the question is on the screen (as script(1) sends
# it when its input ends): the terminal keeps it as an end-of-file mark
# that libedit's raw mode turns into a NUL byte; it must still end the
# prompt, not leave it waiting.
printf '> \\x04\n' >"$TMP/keys"
at_terminal dossier new
expect_eq "Ctrl-D typed ahead of the first question cancels (exit 1)" "1 $n" "$rc $(count)"
printf '> 5\\r\\x04\n' >"$TMP/keys"
at_terminal dossier new
expect_eq "Ctrl-D typed ahead after an answer cancels at the next question" "1 $n" \
	"$rc $(count)"
expect_grep "having taken the answer" "Applicant's full name: " "$TMP/out"
