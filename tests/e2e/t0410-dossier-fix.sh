#!/bin/sh
# Mistakes corrected at the counter: dossier amend (details typed wrong),
# dossier note, dossier cancel (a dossier entered by mistake, the day it
# was received, before the portal has it), the portal export runs that
# cancel reads, and the messages that no longer make sense (dropped).
. "$(dirname "$0")/../lib.sh"
init_office

new() { "$MOTCUA" -q dossier new --procedure 2.000635 "$@" </dev/null; }
up() { "$MOTCUA" dossier update "$@" >/dev/null 2>&1 </dev/null; }
q() { sqlite3 "$MOTCUA_DB" "$1"; }
# expect_clean: db check finds nothing (the audit log covers every change)
expect_clean() {
	mc db check
	expect_eq "db check is clean $1" "0" "$rc"
}
# expect_same_db DESC BEFORE: nothing changed since the snapshot
expect_same_db() {
	if [ "$2" = "$(db_snapshot)" ]; then ok "$1"
	else not_ok "$1"; fi
}

# ---- dossier amend ----

a=$(new --applicant "Nguyen Van Anh" --phone 0912345678 --address "12 Lê Lợi" \
	--id-number 001090000001)
export MOTCUA_NOW=2026-04-29T09:30:00+07:00
expect_code 0 "amend the name and the phone" dossier amend "$a" \
	--applicant "Nguyễn Văn An" --phone "+84 987 654 321" --reason "gõ nhầm tên và số"
expect_out "prints the dossier with the amendment in its history" "$a  Received
  procedure:   Cấp bản sao trích lục hộ tịch (2.000635)
  applicant:   Nguyễn Văn An
  received:    2026-04-29 09:00
  due:         2026-05-06 09:00
  history:
    2026-04-29 09:00  received   lan
    2026-04-29 09:30  amend      lan  reason: gõ nhầm tên và số
      applicant: Nguyen Van Anh -> Nguyễn Văn An
      phone: 0912345678 -> 0987654321"
mc dossier status "$a" --format json
expect_eq "JSON: the values changed, the phone normalised" "Nguyễn Văn An 0987654321 12 Lê Lợi" \
	"$(jq -r '"\(.applicant) \(.phone) \(.address)"' "$TMP/out")"
expect_eq "JSON: an amend entry, its status the dossier's, old and new of each field" \
	'{"at":"2026-04-29T09:30:00+07:00","status":"received","clerk":"lan","note":null,"event":"amend","changes":{"applicant":["Nguyen Van Anh","Nguyễn Văn An"],"phone":["0912345678","0987654321"]},"reason":"gõ nhầm tên và số"}' \
	"$(jq -c '.history[1]' "$TMP/out")"
expect_eq "JSON: a status change has event and changes null" "null null" \
	"$(jq -r '.history[0] | "\(.event) \(.changes)"' "$TMP/out")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); h=d["history"][1]; assert h["changes"]["phone"]==["0912345678","0987654321"]; print("ok")' "$TMP/out" >"$TMP/py" 2>&1
expect_eq "a JSON reader takes the changes apart" "ok" "$(cat "$TMP/py")"
expect_eq "the history row: event, changes as JSON, the reason" \
	'amend|{"applicant":["Nguyen Van Anh","Nguyễn Văn An"],"phone":["0912345678","0987654321"]}|gõ nhầm tên và số' \
	"$(q "SELECT event, changes, reason FROM dossier_history WHERE event IS NOT NULL")"
mc audit log "$a" --format json
expect_eq "the audit log records it for the dossier" "dossier amend amend gõ nhầm tên và số 0987654321" \
	"$(jq -r '.[-1] | "\(.command) \(.change.event) \(.change.reason) \(.change.changes.phone[1])"' "$TMP/out")"
expect_code 0 "a slip printed afterwards" dossier form "$a" 01
expect_grep "shows the new name" "Nguyễn Văn An" "$TMP/out"
expect_grep "and the new phone" "0987654321" "$TMP/out"
expect_eq "and not the old one" "" "$(grep -e 'Nguyen Van Anh' -e 0912345678 "$TMP/out")"
expect_eq "the queued message goes to the new number, naming the new name" \
	"0987654321|Nguyễn Văn An|pending" "$(q "SELECT phone, applicant, state FROM notifications")"
"$MOTCUA" config set zns_template_received 214871
mc notify export
expect_eq "notify export sends it there" "84987654321 Nguyễn Văn An" \
	"$(jq -r '"\(.phone) \(.template_data.customer_name)"' "$TMP/out")"
expect_clean "after an amendment"

expect_code 0 "an empty value removes an optional detail" dossier amend "$a" --address "" --reason "không có địa chỉ"
mc dossier status "$a" --format json
expect_eq "the address is gone, the change says old and null" 'null {"address":["12 Lê Lợi",null]}' \
	"$(jq -c '[.address, .history[-1].changes] | "\(.[0]) \(.[1] | tojson)"' -r "$TMP/out")"
expect_code 0 "removed, it shows as (none) in text" dossier status "$a"
expect_grep "in its history" "      address: 12 Lê Lợi -> (none)" "$TMP/out"

before=$(db_snapshot)
expect_code 65 "a bad phone number" dossier amend "$a" --phone 12345 --reason x
expect_err "names the field" "motcua: phone: \"12345\" is not a Vietnamese phone number (mobile 0[35789]xxxxxxxx or landline 02xxxxxxxxx)"
expect_code 65 "a bad ID number" dossier amend "$a" --id-number 12 --reason x
expect_err "names the field" "motcua: id_number: \"12\" is not a citizen ID number (12-digit CCCD or 9-digit CMND)"
expect_code 65 "a bad e-mail, even beside a good value" dossier amend "$a" --applicant "Nguyễn Văn Ân" --email "@" --reason x
expect_err "names the field" "motcua: email: \"@\" is not an e-mail address"
expect_code 65 "an empty name" dossier amend "$a" --applicant "  " --reason x
expect_err "is refused" "motcua: applicant: must not be empty"
expect_code 65 "the value already stored" dossier amend "$a" --phone 0987654321 --reason x
expect_err "is no change" "motcua: nothing to amend: dossier $a already has these values"
expect_code 65 "the same number written another way" dossier amend "$a" --phone "+84987654321" --applicant "Nguyễn Văn An" --reason x
expect_code 65 "an empty reason" dossier amend "$a" --phone 0987000000 --reason "  "
expect_err "is refused" "motcua: reason: must not be empty"
expect_code 2 "no --reason" dossier amend "$a" --phone 0987000000
expect_err "is a usage error" "motcua: --reason is required: say why the details change
usage: motcua dossier amend CODE [--applicant NAME] [--phone P] [--id-number N] [--address A] [--email E] --reason TEXT"
expect_code 2 "no field" dossier amend "$a" --reason x
expect_code 1 "an unknown dossier" dossier amend 000.00.22.H12-260429-0999 --phone 0987000000 --reason x
expect_err "is not found" "motcua: no dossier 000.00.22.H12-260429-0999"
expect_same_db "refused amendments change nothing" "$before"

expect_code 0 "only the fields that differ are changes" dossier amend "$a" \
	--applicant "Nguyễn Văn An" --id-number " 001 090 000 002 " --reason "sai số định danh" --format json
expect_eq "JSON output: one change, the ID number normalised" '{"id_number":["001090000001","001090000002"]}' \
	"$(jq -c '.history[-1].changes' "$TMP/out")"

# A final dossier can be amended too; sent messages stay as they were.
"$MOTCUA" notify mark 1 sent --msg-id zns-1
up "$a" --status 'done'
export MOTCUA_NOW=2026-04-29T10:00:00+07:00
expect_code 0 "amend a dossier whose result is ready" dossier amend "$a" --phone 0977000111 --reason "đổi số"
expect_eq "the sent message keeps its number; the queued done message moves" \
	"received|sent|0987654321
done|pending|0977000111" "$(q "SELECT event, state, phone FROM notifications ORDER BY id")"
expect_code 0 "amend to a landline" dossier amend "$a" --phone 02743822222 --reason "chỉ có số bàn"
expect_eq "leaves no mobile number: the queued message is dropped, why said" \
	"received|sent|
done|dropped|no_mobile" "$(q "SELECT event, state, coalesce(dropped_why, '') FROM notifications ORDER BY id")"
expect_clean "after the messages moved and were dropped"

# ---- dossier note ----

expect_code 0 "a note" dossier note "$a" "công dân gọi điện hỏi"
expect_grep "in the history, no status change" "    2026-04-29 10:00  note       lan  note: công dân gọi điện hỏi" "$TMP/out"
mc dossier status "$a" --format json
expect_eq "JSON: event note, the status unchanged" "note done công dân gọi điện hỏi null done" \
	"$(jq -r '"\(.history[-1].event) \(.history[-1].status) \(.history[-1].note) \(.history[-1].changes) \(.status)"' "$TMP/out")"
mc audit log "$a" --format json
expect_eq "audited" "dossier note note công dân gọi điện hỏi" \
	"$(jq -r '.[-1] | "\(.command) \(.change.event) \(.change.note)"' "$TMP/out")"
before=$(db_snapshot)
expect_code 65 "an empty note" dossier note "$a" ""
expect_err "is refused" "motcua: note: must not be empty"
expect_code 1 "a note to an unknown dossier" dossier note 000.00.22.H12-260429-0999 x
expect_code 2 "a note needs its text" dossier note "$a"
expect_same_db "and changes nothing" "$before"

# A note or an amendment is no step of a form: form 02 quotes the request.
s=$(new --applicant "Lê Thị Sen")
up "$s" --status supplement --reason "thiếu tờ khai"
"$MOTCUA" dossier note "$s" "đã gọi báo công dân" >/dev/null
"$MOTCUA" dossier amend "$s" --address "5 Hùng Vương" --reason "bổ sung địa chỉ" >/dev/null
expect_code 0 "form 02 after a note" dossier form "$s" 02
expect_grep "still lists what is missing" "   1) thiếu tờ khai" "$TMP/out"
expect_grep "and has the amended address" "5 Hùng Vương" "$TMP/out"
expect_clean "after notes"

# ---- dossier cancel ----

export MOTCUA_NOW=2026-04-30T08:00:00+07:00
c1=$(new --applicant "Trần Văn Một" --phone 0912000001)
c2=$(new --applicant "Trần Văn Một" --phone 0912000001)
expect_eq "two dossiers entered for one citizen" "000.00.22.H12-260430-0001 000.00.22.H12-260430-0002" "$c1 $c2"
export MOTCUA_NOW=2026-04-30T08:10:00+07:00
expect_code 0 "cancel the one entered twice" dossier cancel "$c2" --reason "nhập trùng với $c1"
expect_out "prints it cancelled" "$c2  Cancelled (entered by mistake)
  procedure:   Cấp bản sao trích lục hộ tịch (2.000635)
  applicant:   Trần Văn Một
  received:    2026-04-30 08:00
  due:         2026-05-07 07:30
  history:
    2026-04-30 08:00  received   lan
    2026-04-30 08:10  cancelled  lan  reason: nhập trùng với $c1"
mc dossier status "$c2" --format json
expect_eq "JSON: cancelled, no national code, not overdue, a cancel entry" \
	"cancelled Đã hủy do nhập nhầm null false cancel cancelled nhập trùng với $c1" \
	"$(jq -r '"\(.status) \(.status_label) \(.status_code) \(.overdue) \(.history[-1].event) \(.history[-1].status) \(.history[-1].reason)"' "$TMP/out")"
expect_eq "its row and code are kept" "1" "$(q "SELECT count(*) FROM dossiers WHERE code = '$c2' AND status = 'cancelled'")"
expect_eq "its queued message is dropped, why said" "dropped|cancelled" \
	"$(q "SELECT n.state, n.dropped_why FROM notifications n JOIN dossiers d ON d.id = n.dossier_id WHERE d.code = '$c2'")"
mc audit log "$c2" --format json
expect_eq "audited" "dossier cancel cancel cancelled" \
	"$(jq -r '.[-1] | "\(.command) \(.change.event) \(.change.status)"' "$TMP/out")"
c3=$(new --applicant "Trần Văn Ba")
expect_eq "its code is never given again: the next dossier gets the next number" \
	"000.00.22.H12-260430-0003" "$c3"
expect_clean "after a cancellation"

# It leaves the list, the figures, the book and the portal's sync.
mc dossier list --from 2026-04-30
expect_eq "dossier list leaves it out" "$c3 $c1" "$(cut -d' ' -f1 "$TMP/out" | tr '\n' ' ' | sed 's/ $//')"
mc dossier list --status cancelled
expect_eq "--status cancelled lists it" "$c2" "$(cut -d' ' -f1 "$TMP/out")"
mc dossier list --status cancelled --status received --from 2026-04-30 --format csv
expect_eq "among others when asked" "3" "$(tail -n +2 "$TMP/out" | wc -l | tr -d ' ')"
mc report summary --from 2026-04-30 --to 2026-04-30 --format json
expect_eq "report summary does not count it" "2 2" "$(jq -r '"\(.received) \(.in_progress)"' "$TMP/out")"
mc report summary --from 2026-04-30 --to 2026-04-30 --by clerk --format csv
expect_eq "nor grouped" "lan,2" "$(tail -1 "$TMP/out" | cut -d, -f1,2)"
mc report dossiers --from 2026-04-30 --to 2026-04-30
expect_eq "report dossiers leaves it out" "$c1 $c3" \
	"$(tail -n +2 "$TMP/out" | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//')"
expect_code 0 "dossier export" dossier export --since "2026-04-30 00:00"
expect_eq "leaves it out" "$c1 $c3" "$(jq -r .MaHoSo "$TMP/out" | tr '\n' ' ' | sed 's/ $//')"
expect_code 65 "dossier update cannot move to cancelled" dossier update "$c1" --status cancelled --reason x
expect_code 65 "nor out of it" dossier update "$c2" --status processing
expect_err "cancelled is final" "motcua: status: dossier $c2 is cancelled and can no longer change"

# Refused: the way out is said, nothing changes.
p=$(MOTCUA_NOW=2026-04-29T16:00:00+07:00 new --applicant "Hôm Qua")
up "$c3" --status processing
before=$(db_snapshot)
expect_code 1 "cancel it again" dossier cancel "$c2" --reason x
expect_err "is refused" "motcua: dossier $c2 is already cancelled; a note can say what happened: motcua dossier note $c2 TEXT"
expect_code 1 "cancel a dossier sent to the portal" dossier cancel "$c1" --reason x
expect_err "is refused, the way out said" "motcua: dossier $c1 was already sent to the national portal (export of 2026-04-30 08:10): it can no longer be cancelled; withdraw it instead: motcua dossier update $c1 --status withdrawn --reason TEXT"
expect_code 1 "cancel a dossier whose result is ready" dossier cancel "$a" --reason x
expect_err "is refused" "motcua: dossier $a is done: only a dossier still received can be cancelled; a note can say what happened: motcua dossier note $a TEXT"
expect_code 1 "cancel a dossier received yesterday (16 hours ago)" dossier cancel "$p" --reason x
expect_err "is refused, the day said" "motcua: dossier $p was received on 2026-04-29: only a dossier received today can be cancelled; withdraw it instead: motcua dossier update $p --status withdrawn --reason TEXT"
expect_code 1 "cancel a dossier in processing" dossier cancel "$c3" --reason x
expect_err "is refused, withdraw said" "motcua: dossier $c3 is processing: only a dossier still received can be cancelled; withdraw it instead: motcua dossier update $c3 --status withdrawn --reason TEXT"
expect_code 65 "an empty reason" dossier cancel "$c3" --reason ""
expect_code 2 "no --reason" dossier cancel "$c3"
expect_err "is a usage error" "motcua: --reason is required: say what was entered by mistake
usage: motcua dossier cancel CODE --reason TEXT"
expect_code 1 "an unknown dossier" dossier cancel 000.00.22.H12-260430-0999 --reason x
expect_err "is not found" "motcua: no dossier 000.00.22.H12-260430-0999"
expect_same_db "refused cancellations change nothing" "$before"
# The office's day (UTC+7), not UTC's: 23:50 and 00:05 are one UTC day.
late=$(MOTCUA_NOW=2026-05-04T23:50:00+07:00 new --applicant "Đêm Khuya" --channel online)
MOTCUA_NOW=2026-05-05T00:05:00+07:00 mc dossier cancel "$late" --reason x
expect_eq "fifteen minutes later, past midnight at the office, is another day" "1" "$rc"
MOTCUA_NOW=2026-05-04T23:55:00+07:00 mc dossier cancel "$late" --reason x
expect_eq "five minutes later, the same office day, it is cancelled" "0" "$rc"

# ---- the portal export runs ----

expect_eq "the export above was recorded: when, since, rows, clerk" \
	"$(($(date -d 2026-04-30T08:10:00+07:00 +%s)))|$(($(date -d 2026-04-30T00:00:00+07:00 +%s)))|2|lan" \
	"$(q "SELECT at, since, rows, clerk FROM portal_exports")"
mc audit log --table portal_exports --format json
expect_eq "audited" "dossier export portal_exports 1" "$(jq -r '.[-1] | "\(.command) \(.table) \(.key)"' "$TMP/out")"
export MOTCUA_NOW=2026-04-30T09:00:00+07:00
e1=$(new --applicant "Xuất Rồi")
e2=$(new --applicant "Chưa Xuất")
export MOTCUA_NOW=2026-04-30T09:30:00+07:00
expect_code 0 "an export with --since before e1's receipt" dossier export --since "2026-04-30 09:00"
export MOTCUA_NOW=2026-04-30T09:40:00+07:00
e3=$(new --applicant "Sau Lần Xuất")
expect_code 0 "an export whose window leaves e1 out" dossier export --since "2026-04-30 09:35"
expect_eq "exports e3 only" "$e3" "$(jq -r .MaHoSo "$TMP/out")"
expect_code 1 "e1 was covered by the first export" dossier cancel "$e1" --reason x
q "DELETE FROM portal_exports WHERE id = 2" 2>/dev/null
mc db check
expect_eq "a run removed behind the program's back is found" "1" "$rc"
expect_grep "by db check" "portal_exports" "$TMP/out"
rm -f "$MOTCUA_DB"
init_office
export MOTCUA_NOW=2026-04-30T09:00:00+07:00
e1=$(new --applicant "Nhận Lúc Chín Giờ")
export MOTCUA_NOW=2026-04-30T09:30:00+07:00
expect_code 0 "an export whose --since is after the receipt" dossier export --since "2026-04-30 09:10"
expect_empty "exports nothing"
expect_eq "is recorded, with no rows" "0" "$(q "SELECT rows FROM portal_exports")"
expect_code 0 "so the dossier can still be cancelled" dossier cancel "$e1" --reason "nhập nhầm thủ tục" -q
expect_out "-q prints its code" "$e1"
e2=$(new --applicant "Bị Sửa")
export MOTCUA_NOW=2026-04-30T09:40:00+07:00
"$MOTCUA" dossier amend "$e2" --applicant "Đã Sửa" --reason x >/dev/null
expect_code 0 "an export after an amendment" dossier export --since "2026-04-30 09:35"
expect_eq "sends the amended dossier again, with the new name" "$e2 Đã Sửa" \
	"$(jq -r '"\(.MaHoSo) \(.ChuHoSo)"' "$TMP/out")"
expect_code 1 "which cannot be cancelled then" dossier cancel "$e2" --reason x
if [ -w /dev/full ]; then
	before=$(db_snapshot)
	"$MOTCUA" dossier export >/dev/full 2>"$TMP/err"
	expect_eq "an export that cannot be written is an I/O error" "74" "$?"
	expect_err "said once" "motcua: standard output: write error: No space left on device"
	expect_same_db "and is not recorded" "$before"
fi
export MOTCUA_NOW=2026-04-30T09:45:00+07:00
e3=$(new --applicant "Không Ai Xuất")
# A correction and the dossier shown after it stand or fall together.
if [ -w /dev/full ]; then
	before=$(db_snapshot)
	"$MOTCUA" dossier cancel "$e3" --reason x >/dev/full 2>/dev/null
	expect_eq "a cancellation that cannot be shown is an I/O error" "74" "$?"
	"$MOTCUA" dossier amend "$e3" --applicant "Y" --reason x >/dev/full 2>/dev/null
	expect_eq "so is an amendment" "74" "$?"
	"$MOTCUA" dossier note "$e3" "z" >/dev/full 2>/dev/null
	expect_eq "and a note" "74" "$?"
	expect_same_db "none of them is recorded" "$before"
fi
expect_code 0 "a dossier no export covered" dossier cancel "$e3" --reason x
expect_clean "after export runs"

# ---- messages that still make sense when sent ----

export MOTCUA_NOW=2026-05-04T09:00:00+07:00
m=$(new --applicant "Đỗ Thị Mai" --phone 0912111222)
up "$m" --status 'done'
up "$m" --status returned
expect_eq "the done message queued, then dropped when the result was returned" \
	"received|pending|
done|dropped|returned" \
	"$(q "SELECT n.event, n.state, coalesce(n.dropped_why, '') FROM notifications n JOIN dossiers d ON d.id = n.dossier_id WHERE d.code = '$m' ORDER BY n.id")"
id=$(q "SELECT n.id FROM notifications n JOIN dossiers d ON d.id = n.dossier_id WHERE d.code = '$m' AND n.event = 'done'")
mc notify list
expect_grep "notify list says so in words" "  dropped     0  done        2026-05-04 09:00  0912111222  $m  the result was already handed back" "$TMP/out"
mc notify list --format json
expect_eq "JSON: state and why" "dropped returned" \
	"$(jq -r ".[] | select(.id == $id) | \"\(.state) \(.dropped_why)\"" "$TMP/out")"
mc notify list --pending --format json
expect_eq "--pending leaves dropped messages out" "0" "$(jq '[.[] | select(.state == "dropped")] | length' "$TMP/out")"
mc notify list --format csv
sqlite3 "$TMP/csv.db" ".import --csv $TMP/out l" "SELECT state, dropped_why FROM l WHERE id = '$id'" >"$TMP/check"
expect_eq "CSV, read back" "dropped|returned" "$(cat "$TMP/check")"
"$MOTCUA" config set zns_template_received 214871
"$MOTCUA" config set zns_template_done 214873
mc notify export
expect_eq "notify export never exports a dropped message" "" "$(jq -r "select(.tracking_id == \"$id\") | .tracking_id" "$TMP/out")"
expect_eq "while the received one goes" "1" "$(jq -r "select(.template_data.dossier_code == \"$m\") | .tracking_id" "$TMP/out" | wc -l | tr -d ' ')"
before=$(db_snapshot)
expect_code 65 "notify mark on a dropped message" notify mark "$id" sent --msg-id x
expect_err "is refused, saying why" "motcua: notification $id was dropped (the result was already handed back): it is never sent"
expect_code 65 "as failed too" notify mark "$id" failed
expect_same_db "and changes nothing" "$before"
expect_eq "not even behind the program's back" "a dropped notification stays dropped" \
	"$(q "UPDATE notifications SET state = 'pending' WHERE id = $id" 2>&1 | grep -o 'a dropped notification stays dropped')"
expect_clean "at the end"
