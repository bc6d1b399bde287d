#!/bin/sh
# dossier status and list: "where is my dossier?"
. "$(dirname "$0")/../lib.sh"
init_office

c1=$("$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn A" --phone 0912345678)
c2=$(MOTCUA_NOW=2026-04-29T10:00:00+07:00 "$MOTCUA" -q dossier new --procedure 1.001193 --applicant "Trần Thị B")
c3=$(MOTCUA_NOW=2026-05-04T08:00:00+07:00 "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Lê Văn C")
MOTCUA_NOW=2026-05-04T09:00:00+07:00 "$MOTCUA" dossier update "$c2" --status done >/dev/null
export MOTCUA_NOW=2026-05-04T09:00:00+07:00
pin=$(sqlite3 "$MOTCUA_DB" "select pin from dossiers where code = '$c1'")

expect_code 0 "status by code" dossier status "$c1" --format json
expect_eq "finds it" "$c1" "$(jq -r .code "$TMP/out")"
expect_code 0 "status by code in lower case with blanks" dossier status "  $(echo "$c1" | tr 'A-Z' 'a-z')  " --format json
expect_eq "finds the same" "$c1" "$(jq -r .code "$TMP/out")"
url="https://dichvucong.binhduong.gov.vn/tra-cuu?ma=$c1&pin=$pin"
expect_code 0 "status by the scanned lookup URL" --format json dossier status "$url"
expect_eq "finds it" "$c1 $pin" "$(jq -r '"\(.code) \(.pin)"' "$TMP/out")"
other=$(echo "$pin" | tr '0-9A-Z' '1-9A-Z0')
expect_code 1 "a URL with another PIN" dossier status "https://dichvucong.binhduong.gov.vn/tra-cuu?ma=$c1&pin=$other"
expect_err "is not found" "motcua: no dossier $c1 with this PIN"
expect_code 1 "a URL of another site" dossier status "https://example.com/?ma=$c1"
expect_err "is not found" "motcua: \"https://example.com/?ma=$c1\" is not a lookup URL of this office"
expect_code 1 "an unknown code" dossier status 000.00.22.H12-260429-9999
expect_err "is exit 1" "motcua: no dossier 000.00.22.H12-260429-9999"
expect_code 2 "no code at all" dossier status

expect_code 0 "dossier list" dossier list
expect_out "newest first" "$c3  received   2026-05-04 08:00  2026-05-07 08:00   Lê Văn C
$c2  done       2026-04-29 10:00  2026-04-29 17:00   Trần Thị B
$c1  received   2026-04-29 09:00  2026-05-06 09:00   Nguyễn Văn A"
expect_code 0 "list --status" -q dossier list --status done --status received --procedure 2.000635
expect_out "filters by status and procedure" "$c3
$c1"
expect_code 0 "list --from/--to" -q dossier list --from 29/04/2026 --to 2026-04-29
expect_out "filters by receipt date" "$c2
$c1"
expect_code 2 "an unknown status filter" dossier list --status lost
expect_err "in the one form of a bad option value, naming the choices" \
"motcua: --status: \"lost\" is not received, processing, supplement, payment, done, returned, rejected, withdrawn, stopped or cancelled"
expect_code 2 "a bad date filter" dossier list --from 2026-02-30
expect_code 0 "list --format csv" dossier list --format csv
expect_eq "a CSV header" "code,procedure,applicant,phone,channel,status,received_at,due_at,finished_at,returned_at,overdue,on_time" "$(head -1 "$TMP/out")"
expect_eq "one row per dossier" "4" "$(wc -l <"$TMP/out")"
expect_grep "with ISO times" "$c2,1.001193,Trần Thị B,,counter,done,2026-04-29T10:00:00+07:00,2026-04-29T17:00:00+07:00,2026-05-04T09:00:00+07:00,,false,false" "$TMP/out"
expect_code 0 "list --format json" dossier list --format json
expect_eq "a JSON array" "3 $c3" "$(jq -r '"\(length) \(.[0].code)"' "$TMP/out")"
