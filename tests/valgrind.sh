#!/bin/sh
# The main commands under valgrind: no leaks, no invalid reads or writes.
# Run by `make check` (tests/run.sh --all) with the -O2 build.
# tests/valgrind.supp hides memory that pango keeps for the whole process
# by design (never motcua's own).
. "$(dirname "$0")/lib.sh"
SUPP=$(cd "$(dirname "$0")" && pwd)/valgrind.supp

vg() {  # WANT-EXIT DESC ARGS...
	want=$1 desc=$2; shift 2
	valgrind -q --suppressions="$SUPP" --leak-check=full \
		--show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
		"$MOTCUA" "$@" >"$TMP/out" 2>"$TMP/vg" </dev/null
	code=$?
	if [ "$code" -eq "$want" ] && ! grep -q '^==[0-9]*==' "$TMP/vg"; then ok "valgrind clean: $desc (exit $code)"
	else
		not_ok "valgrind: $desc (exit $code, want $want)"
		sed 's/^/#   /' "$TMP/vg" | head -30
	fi
}

vg 0 "init" init --training --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú" \
	--lookup-url 'https://dvc.example.gov.vn/?ma={code}&pin={pin}'
vg 0 "procedure list" procedure list
vg 0 "procedure list --format json" procedure list --format json
vg 0 "procedure import" procedure import "$FIXTURES/procedures-excel.csv"
vg 65 "procedure import with bad rows" procedure import "$FIXTURES/procedures-bad.csv"
vg 0 "dossier new (slip)" dossier new --procedure 2.000635 --applicant "Nguyễn Văn A" \
	--phone 0912345678 --doc "Tờ khai" --doc "CCCD"
vg 0 "dossier new --format json" dossier new --procedure 1.001193 --applicant "Trần Thị B" --format json
vg 65 "dossier new refused" dossier new --procedure 2.000635 --applicant "B" --phone 0123
vg 0 "dossier status" dossier status 000.00.22.h12-260429-0001
vg 0 "dossier status --format json" dossier status 000.00.22.H12-260429-0001 --format json
vg 0 "dossier update" dossier update 000.00.22.H12-260429-0001 --status supplement --reason "thiếu"
vg 0 "dossier update resuming" dossier update 000.00.22.H12-260429-0001 --status processing
vg 65 "dossier update refused" dossier update 000.00.22.H12-260429-0001 --status received
vg 0 "dossier list --format csv" dossier list --format csv
vg 0 "dossier amend" dossier amend 000.00.22.H12-260429-0001 --applicant "Nguyễn Văn Á" \
	--phone 0987654321 --reason "gõ nhầm"
vg 65 "dossier amend refused" dossier amend 000.00.22.H12-260429-0001 --phone 0123 --reason x
vg 0 "dossier note --format json" dossier note 000.00.22.H12-260429-0001 "gọi điện" --format json
vg 0 "dossier status of an amended dossier" dossier status 000.00.22.H12-260429-0001
vg 0 "dossier new, entered by mistake" dossier new --procedure 2.000635 --applicant "C" --slip none
vg 0 "dossier cancel" dossier cancel 000.00.22.H12-260429-0003 --reason "nhập nhầm"
vg 1 "dossier cancel refused" dossier cancel 000.00.22.H12-260429-0001 --reason x
vg 0 "holiday list" holiday list --year 2026
vg 0 "holiday import" holiday import "$FIXTURES/holidays-2026.csv"
vg 0 "calendar due" calendar due --from "2026-02-13 10:00" --days 5
vg 0 "report summary" report summary --from 2026-04-01 --to 2026-04-30
vg 0 "report summary --by procedure --format json" report summary --by procedure --format json
vg 0 "report summary --by clerk --format csv" report summary --by clerk --format csv
vg 2 "report summary with a bad date" report summary --from 2026-02-30
vg 0 "report dossiers" report dossiers --from 2026-04-29
vg 0 "report dossiers -o" report dossiers -o "$TMP/book.csv"
vg 0 "dossier export" dossier export --since "2026-04-29 00:00" --format jsonl
vg 0 "config set zns_template_received" config set zns_template_received 214871
vg 0 "notify list" notify list
vg 0 "notify list --pending --format json" notify list --pending --format json
vg 0 "notify export" notify export --format jsonl
vg 0 "notify export --format csv" notify export --format csv
vg 0 "notify mark sent" notify mark 1 sent --msg-id zns-1
vg 0 "notify mark failed" notify mark 2 failed --error "timeout"
vg 65 "notify mark of a sent message" notify mark 1 failed
vg 1 "notify mark of an unknown id" notify mark 99 sent
vg 0 "config list" config list
R=$FIXTURES/registers
vg 0 "register import (Excel-saved)" register import birth "$R/births-excel.csv"
vg 0 "register import marriages" register import marriage "$R/marriages.csv"
vg 0 "register import deaths" register import death "$R/deaths.csv"
vg 65 "register import with bad rows" register import birth "$R/births-bad.csv"
vg 0 "register import --reject-file" register import birth "$R/births-bad.csv" --reject-file "$TMP/bad.csv"
vg 65 "register import of a TCVN3 file" register import birth "$R/births-tcvn3.csv"
vg 0 "register add" register add death --book 02/2021 --number 1 --registered-on 2021-05-02 \
	--full-name "Lê Văn Bảy" --died-on 2021-05-01
vg 0 "register show --format json" register show birth 01/2019 1 --format json
vg 0 "register show" register show birth 01/2019 1
# Vietnamese: the labels, the kinds and the messages in a context.
LANGUAGE=vi
export LANGUAGE
vg 0 "register show in Vietnamese" register show marriage 01/2020 1
vg 0 "register search in Vietnamese" register search "duc nguyen"
vg 0 "procedure list in Vietnamese" procedure list
unset LANGUAGE
vg 0 "register search" register search "duc nguyen"
vg 0 "register search --format json" register search "nguyen" --format json --kind birth
vg 0 "register export" register export birth
vg 0 "extract birth" extract birth 01/2019 1 --requester "Nguyễn Văn Hùng" --copies 2
vg 0 "extract death --format json" extract death 01/2021 1 --requester X --format json -o "$TMP/ex.pdf"
vg 0 "extract birth --preview" extract birth 01/2019 1 --requester X --preview
vg 65 "extract marriage for a birth dossier" extract marriage 01/2020 1 --dossier 000.00.22.H12-260429-0002
vg 0 "extract marriage with a dossier" extract marriage 01/2020 1 --dossier 000.00.22.H12-260429-0001
vg 0 "extract reprint" extract reprint 1/2026/TLKS-BS -o "$TMP/re.pdf"
vg 0 "extract list --format json" extract list --format json
vg 0 "extract void" extract void 1/2026/TLKT-BS --reason "in nhầm"
vg 1 "extract birth --search with several matches" extract birth --search "nguyen" --requester X
vg 0 "report extracts" report extracts
vg 0 "report extracts --format json" report extracts --format json
vg 0 "--help" dossier new --help
vg 2 "unknown option" dossier list --frob
vg 0 "qr print png" qr print --text "Nguyễn Văn Đức" -o "$TMP/q.png"
vg 0 "qr print svg" qr print 000.00.22.H12-260429-0001 -t svg -o "$TMP/q.svg"
vg 0 "qr print ansi" qr print --text "https://dvc.example.gov.vn/" -t ansi --foreground 003366
vg 65 "qr print too large" qr print --text "$(head -c 3000 /dev/zero | tr '\0' x)" -o "$TMP/big.png"
printf '000.00.22.H12-260429-0001\nhttps://example.vn/\n' >"$TMP/batch"
valgrind -q --suppressions="$SUPP" --leak-check=full --show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
	"$MOTCUA" qr print --batch -o "$TMP/batch.d" <"$TMP/batch" >/dev/null 2>"$TMP/vg"
code=$?
if [ "$code" -eq 0 ] && ! grep -q '^==[0-9]*==' "$TMP/vg"; then ok "valgrind clean: qr print --batch (exit 0)"
else not_ok "valgrind: qr print --batch (exit $code)"; sed 's/^/#   /' "$TMP/vg" | head -30
fi
vg 0 "key export" key export
vg 0 "dossier new --slip pdf" dossier new --procedure 2.000635 --applicant "Lê Thị C" \
	--doc "Tờ khai" --slip pdf -o "$TMP/slip.pdf"
vg 0 "dossier form 02 as PDF" dossier form 000.00.22.H12-260429-0001 02 -o "$TMP/02.pdf"
vg 0 "dossier form 01 as PNG" dossier form 000.00.22.H12-260429-0001 01 -o "$TMP/01.png"
vg 0 "dossier form 02 as text" dossier form 000.00.22.H12-260429-0001 02
vg 74 "dossier form on a full disk" dossier form 000.00.22.H12-260429-0001 02 --slip pdf -o /dev/full
vg 1 "dossier form 03 without a rejection" dossier form 000.00.22.H12-260429-0001 03
P=$("$HELPERS/sign-extract" "$MOTCUA_DB" birth 1/2026/TLKS-BS 01/2019 1 "Đinh Thị Hoa" "" 2019-01-01 2026-04-29)
vg 0 "qr verify genuine" qr verify "$P"
vg 1 "qr verify altered" qr verify "MC1:x$P"
vg 0 "audit log" audit log
vg 0 "audit log CODE --format json" audit log 000.00.22.h12-260429-0001 --format json
vg 0 "audit log --table --format csv" audit log --table settings --format csv
vg 0 "db check" db check
vg 0 "db check --format json" db check --format json
vg 0 "audit checkpoint" audit checkpoint
cp "$TMP/out" "$TMP/vg-witness.txt"
vg 0 "audit checkpoint --format json" audit checkpoint --format json
vg 0 "report summary --checkpoint" report summary --checkpoint
vg 0 "db check --witness" db check --witness "$TMP/vg-witness.txt"
printf '# x\nMCCP1 000.00.22.H12 1 00\n' >"$TMP/vg-bad-witness.txt"
vg 65 "db check --witness with a bad line" db check --witness "$TMP/vg-bad-witness.txt"
vg 66 "db check --witness without the file" db check --witness "$TMP/vg-none.txt"
vg 0 "db backup" db backup "$TMP/vg-backup.db"
vg 73 "db backup over an existing file" db backup "$TMP/vg-backup.db"
vg 0 "db backup --with-key" db backup "$TMP/vg-backup2.db" --with-key "$TMP/vg-keys"
vg 73 "db backup --with-key over a copy" db backup "$TMP/vg-backup3.db" --with-key "$TMP/vg-keys"
vg 0 "register export -o FILE" register export birth --from 2019-01-01 -o "$TMP/vg-births.csv"
vg 0 "report dossiers -o FILE" report dossiers -o "$TMP/vg-book.csv"
vg 74 "an export to a full disk" register export birth -o /dev/full
vg 0 "audit log --table data_exports" audit log --table data_exports
vg 2 "an option given twice" dossier list --overdue --overdue
vg 2 "a date beyond the calendar" calendar due --from "2300-01-01 09:00" --days 3
vg 65 "a lookup_url that cannot be read back" config set lookup_url 'https://x.vn/{code}{pin}'
vg 66 "a folder as input" procedure import "$TMP"
printf 'date,name\n2026-01-02,a\000b\n' >"$TMP/vg-nul.csv"
vg 65 "an import with a NUL byte" holiday import "$TMP/vg-nul.csv"
# The counter prompt on a terminal: libedit's session, its histories (the
# up arrow at a refused phone) and its end.
cat >"$TMP/vg-prompt-keys" <<'KEYS'
< Applicant's full name: 
> Văn A\x01Nguyễ\x7fễn \r
< Address (Enter to skip): 
> \r
< Phone (Enter to skip): 
> 09123\r
< is not a Vietnamese phone number
< Phone (Enter to skip): 
> \e[A45678\r
< Record this dossier? [Y/n] 
> \r
KEYS
TERM=vt100 AT_TERMINAL_TIMEOUT=600 "$HELPERS/at-terminal" "$TMP/vg-prompt-keys" "$TMP/vg-pty" valgrind -q \
	--suppressions="$SUPP" --leak-check=full --show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
	--log-file="$TMP/vg" "$MOTCUA" -q dossier new --procedure 2.000635 --id-number 001234567890
code=$?
if [ "$code" -eq 0 ] && ! grep -q '^==[0-9]*==' "$TMP/vg"; then ok "valgrind clean: dossier new at the prompt (exit 0)"
else
	not_ok "valgrind: dossier new at the prompt (exit $code, want 0)"
	sed 's/^/#   /' "$TMP/vg" | head -30
	{ tr -d '\r' <"$TMP/vg-pty"; echo; } | tail -15 | sed 's/^/#   pty: /'
fi
sqlite3 "$MOTCUA_DB" "update dossiers set applicant = 'X' where seq = 1"
vg 1 "db check finding a problem" db check
vg 1 "db check --witness finding a problem" db check --witness "$TMP/vg-witness.txt"
