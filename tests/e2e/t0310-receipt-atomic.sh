#!/bin/sh
# A record and its output stand or fall together: a receipt whose slip
# cannot be written or printed leaves no dossier and no message queued;
# the same for the other commands that record and then print.
. "$(dirname "$0")/../lib.sh"
init_office

new() { mc dossier new --procedure 2.000635 --applicant "Nguyễn Văn An" --phone 0912345678 "$@"; }
unchanged() {  # DESC: the dossiers and the outbox are as before
	expect_eq "$1" "$before" "$(db_snapshot)"
}

before=$(db_snapshot)
expect_code 73 "-o into a folder that does not exist" dossier new --procedure 2.000635 \
	--applicant "Nguyễn Văn An" --phone 0912345678 -o "$TMP/none/slip.pdf"
expect_err "says so" "motcua: $TMP/none/slip.pdf: No such file or directory"
unchanged "no dossier, no message queued"

expect_code 74 "-o /dev/full" dossier new --procedure 2.000635 --applicant "Nguyễn Văn An" \
	--phone 0912345678 -o /dev/full
expect_err "a write error" "motcua: /dev/full: write error: No space left on device"
unchanged "no dossier, no message queued"
expect_eq "and /dev/full is still a device" "yes" "$(test -c /dev/full && echo yes)"

"$MOTCUA" dossier new --procedure 2.000635 --applicant "Nguyễn Văn An" --phone 0912345678 \
	>&- 2>"$TMP/err" </dev/null
expect_eq "a closed standard output: exit 74" 74 "$?"
expect_err "told once" "motcua: standard output: write error: Bad file descriptor"
unchanged "no dossier, no message queued"

if command -v script >/dev/null 2>&1; then
	script -qec "$MOTCUA dossier new --procedure 2.000635 --applicant An --slip pdf" /dev/null \
		>"$TMP/tty" 2>&1 </dev/null
	expect_eq "--slip pdf to a terminal: exit 2" 2 "$?"
	expect_grep "says why" "will not write a PDF or PNG to a terminal; give -o FILE or --print" "$TMP/tty"
	unchanged "no dossier, no message queued"
else
	not_ok "script(1) is missing (bsdutils): cannot test a terminal"
fi

# --print: lp fails, or cannot be run at all.
mkdir -p "$TMP/bin"
cat >"$TMP/bin/lp" <<'LP'
#!/bin/sh
cat >/dev/null
exit 1
LP
chmod +x "$TMP/bin/lp"
PATH="$TMP/bin:$PATH" "$MOTCUA" dossier new --procedure 2.000635 --applicant An \
	--phone 0912345678 --print >"$TMP/out" 2>"$TMP/err" </dev/null
expect_eq "a print job lp refuses: exit 74" 74 "$?"
expect_err "says so" "motcua: lp failed (exit 1); nothing was printed"
unchanged "no dossier, no message queued"

# Then the first receipt that works is number 1: nothing was used up.
mkdir "$TMP/slips"
new -q -o "$TMP/slips/slip.pdf"
expect_eq "a receipt that works gets the first number" "0 000.00.22.H12-260429-0001" \
	"$rc $(cat "$TMP/out")"
expect_eq "its slip is a PDF" "%PDF-" "$(head -c 5 "$TMP/slips/slip.pdf")"
expect_eq "no temporary file is left beside it" "slip.pdf" "$(ls -A "$TMP/slips")"
expect_eq "and its message is queued" "1" "$(sqlite3 "$MOTCUA_DB" 'select count(*) from notifications')"

# A slip holds a citizen's data: written over an older file, it is a new
# file of mode 0600 (the old mode is not kept); a new one is 0600 too,
# whatever the umask.
chmod 640 "$TMP/slips/slip.pdf"
new -q -o "$TMP/slips/slip.pdf"
expect_eq "overwriting makes the file private" "600" "$(stat -c %a "$TMP/slips/slip.pdf")"
(umask 022 && "$MOTCUA" -q dossier new --procedure 2.000635 --applicant B -o "$TMP/slips/b.txt" \
	>/dev/null 2>&1 </dev/null)
expect_eq "a new file is private whatever the umask" "600" "$(stat -c %a "$TMP/slips/b.txt")"
expect_eq "still nothing left beside them" "b.txt slip.pdf" "$(ls -A "$TMP/slips" | tr '\n' ' ' | sed 's/ $//')"

# dossier update: the change and the dossier it shows.
code=000.00.22.H12-260429-0001
before=$(db_snapshot)
"$MOTCUA" dossier update "$code" --status processing >&- 2>"$TMP/err" </dev/null
expect_eq "update with a closed standard output: exit 74" 74 "$?"
unchanged "the dossier is not moved, nothing queued"
expect_code 0 "the same update to a working output" dossier update "$code" --status processing

# Imports and their count.
printf 'date,name,kind\n2026-05-04,Nghỉ bù,holiday\n' >"$TMP/h.csv"
before=$(db_snapshot)
"$MOTCUA" holiday import "$TMP/h.csv" >&- 2>"$TMP/err" </dev/null
expect_eq "holiday import with a closed standard output: exit 74" 74 "$?"
unchanged "records no day"
printf 'code,name,days,fee,documents\n9.000001,Thử,3,0,Đơn\n' >"$TMP/p.csv"
"$MOTCUA" procedure import "$TMP/p.csv" >/dev/full 2>"$TMP/err" </dev/null
expect_eq "procedure import to a full standard output: exit 74" 74 "$?"
unchanged "adds no procedure"
expect_code 0 "the same import to a working output" procedure import "$TMP/p.csv"
expect_out "counts it" "1 added, 0 updated, 0 unchanged"
