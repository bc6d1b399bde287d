#!/bin/sh
# dossier list on a terminal: a header, the procedure, and how many
# working days an overdue dossier is late. Piped, and as JSON, CSV or -q,
# it prints what it always did.
. "$(dirname "$0")/../lib.sh"
command -v script >/dev/null 2>&1 ||
	{ not_ok "script(1) is missing (bsdutils): cannot test a terminal"; exit 0; }
init_office_on 2026-04-20T08:00:00+07:00

new() { MOTCUA_NOW=$1 "$MOTCUA" dossier new --procedure "$2" --applicant "$3" --slip none -q; }
a=$(new 2026-04-20T09:00:00+07:00 1.004873 "Nguyễn B")          # 3 days: due Thu 23
b=$(new 2026-04-20T09:00:00+07:00 1.001193 "Trần Thị Bình")     # same day: due 17:00
c=$(new 2026-04-28T08:00:00+07:00 1.001193 "Lê C")              # due Tue 28 17:00
d=$(new 2026-04-28T08:00:00+07:00 2.000635 "Phạm D")            # 3 days: due Tue 5 May (30 April, 1 May off)

# tty ISO-TIME ARGS...: motcua on a pseudo-terminal, its output without
# the terminal's carriage returns in $TMP/out.
tty() {
	now=$1; shift
	MOTCUA_NOW=$now script -qec "$MOTCUA $*" /dev/null </dev/null >"$TMP/raw" 2>&1
	rc=$?
	tr -d '\r' <"$TMP/raw" >"$TMP/out"
}

tty 2026-04-28T17:30:00+07:00 dossier list
expect_eq "on a terminal: exit 0" "0" "$rc"
# Working days after Thu 23 April to Tue 28: Fri 24 and Tue 28 (Saturday
# off, Monday 27 the day off in lieu of the Hùng Kings' day on Sunday 26).
expect_out "a header, the procedure, and the working days late" \
"CODE                       STATUS     RECEIVED          DUE               LATE                    PROCEDURE  APPLICANT
$d  received   2026-04-28 08:00  2026-05-05 08:00                          2.000635   Phạm D
$c  received   2026-04-28 08:00  2026-04-28 17:00  late since today        1.001193   Lê C
$b  received   2026-04-20 09:00  2026-04-20 17:00  late by 5 working days  1.001193   Trần Thị Bình
$a  received   2026-04-20 09:00  2026-04-23 09:00  late by 2 working days  1.004873   Nguyễn B"

tty 2026-04-24T10:00:00+07:00 dossier list --status received --procedure 1.004873
expect_out "one working day late: the singular" \
"CODE                       STATUS     RECEIVED          DUE               LATE                   PROCEDURE  APPLICANT
$a  received   2026-04-20 09:00  2026-04-23 09:00  late by 1 working day  1.004873   Nguyễn B"

(
	LANGUAGE=vi; export LANGUAGE
	tty 2026-04-24T10:00:00+07:00 dossier list --procedure 1.004873
	expect_out "LANGUAGE=vi: the header and the lateness in Vietnamese" \
"MÃ                         TRẠNG THÁI TIẾP NHẬN         HẠN TRẢ           TRỄ HẠN              THỦ TỤC   NGƯỜI NỘP
$a  tiếp nhận  20/04/2026 09:00  23/04/2026 09:00  trễ 1 ngày làm việc  1.004873  Nguyễn B"
)

tty 2026-04-28T17:30:00+07:00 -q dossier list --overdue
expect_out "-q on a terminal: the codes alone" "$c
$b
$a"

# Not a terminal: exactly as before.
MOTCUA_NOW=2026-04-28T17:30:00+07:00 mc dossier list
expect_out "piped: no header, no procedure, the overdue mark" \
"$d  received   2026-04-28 08:00  2026-05-05 08:00   Phạm D
$c  received   2026-04-28 08:00  2026-04-28 17:00!  Lê C
$b  received   2026-04-20 09:00  2026-04-20 17:00!  Trần Thị Bình
$a  received   2026-04-20 09:00  2026-04-23 09:00!  Nguyễn B"
tty 2026-04-28T17:30:00+07:00 dossier list --format json
expect_eq "JSON on a terminal: no late key" \
	"$(MOTCUA_NOW=2026-04-28T17:30:00+07:00 "$MOTCUA" dossier list --format json | jq -c .)" \
	"$(jq -c . "$TMP/out")"
expect_eq "JSON keys as before" '["address","applicant","channel","code","delivery","due_at","email","finished_at","id_number","on_time","overdue","phone","pin","procedure","procedure_name","received_at","returned_at","status","status_code","status_label"]' \
	"$(jq -c '.[0] | keys' "$TMP/out")"
tty 2026-04-28T17:30:00+07:00 dossier list --format csv
expect_eq "CSV on a terminal: the columns as before" \
	"code,procedure,applicant,phone,channel,status,received_at,due_at,finished_at,returned_at,overdue,on_time" \
	"$(head -1 "$TMP/out")"
