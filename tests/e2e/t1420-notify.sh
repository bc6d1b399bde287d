#!/bin/sh
# The notification outbox: what each change queues, in the change's own
# transaction; notify list, export (ZNS request bodies) and mark.
. "$(dirname "$0")/../lib.sh"
init_office

new() { "$MOTCUA" -q dossier new --procedure 2.000635 "$@" </dev/null; }
up() { "$MOTCUA" dossier update "$@" >/dev/null 2>&1 </dev/null; }
# events: the events of the outbox, oldest first, on one line
events() { "$MOTCUA" notify list --format json | jq -r 'map(.event) | join(" ")'; }
count() { "$MOTCUA" notify list --format json | jq length; }

# What each change tells the citizen.
a=$(new --applicant "Nguyễn Văn An" --phone 0912345678)
expect_eq "receiving queues \"received\"" "received" "$(events)"
mc notify list --format json
expect_eq "for the dossier's phone, pending, never tried" \
	"1 $a received 0912345678 pending 0 2026-04-29T09:00:00+07:00 null null null" \
	"$(jq -r '.[0] | "\(.id) \(.dossier) \(.event) \(.phone) \(.state) \(.attempts) \(.created_at) \(.sent_at) \(.msg_id) \(.last_error)"' "$TMP/out")"
new --applicant "Không Có Số" >/dev/null
new --applicant "Số Bàn" --phone 02743822222 >/dev/null
expect_eq "nothing for a dossier without a phone, nor for a landline" "1" "$(count)"

MOTCUA_NOW=2026-04-30T08:00:00+07:00 up "$a" --status processing
expect_eq "processing tells nothing" "received" "$(events)"
MOTCUA_NOW=2026-05-04T09:00:00+07:00 up "$a" --status supplement --reason "thiếu tờ khai"
expect_eq "a supplement request is told" "received supplement" "$(events)"
MOTCUA_NOW=2026-05-05T09:00:00+07:00 up "$a" --status processing
MOTCUA_NOW=2026-05-05T10:00:00+07:00 up "$a" --status payment
expect_eq "resuming and payment tell nothing" "received supplement" "$(events)"
MOTCUA_NOW=2026-05-06T10:00:00+07:00 up "$a" --due "2026-05-12 16:00" --reason "chờ xác minh"
expect_eq "a new due time is told" "received supplement rescheduled" "$(events)"
MOTCUA_NOW=2026-05-07T10:00:00+07:00 up "$a" --status 'done'
expect_eq "the result ready to collect is told" "received supplement rescheduled done" "$(events)"

b=$(new --applicant "Trần Thị Bình" --phone 0987654321)
up "$b" --status rejected --reason "không thuộc thẩm quyền"
c=$(new --applicant "Lê Văn Cường" --phone 0987654322)
up "$c" --status withdrawn
d=$(new --applicant "Phạm Thị Dung" --phone 0987654323)
up "$d" --status processing
up "$d" --status stopped --reason "x"
e=$(new --applicant "Hoàng Văn Em" --phone 0987654324)
up "$e" --status supplement --reason "thiếu ảnh" --due "2026-05-20 09:00"
expect_eq "rejected is told; withdrawn and stopped are not; both parts of a change are told" \
	"received supplement rescheduled done received rejected received received received supplement rescheduled" "$(events)"

# A refused change queues nothing; a change whose message cannot be queued
# does not happen: they are one transaction.
x=$(new --applicant "Đinh Văn Xuân" --phone 0912000000)
before=$(db_snapshot)
expect_code 65 "a refused move" dossier update "$a" --status processing
expect_eq "leaves the outbox and the register as they were" "$before" "$(db_snapshot)"
sqlite3 "$MOTCUA_DB" "CREATE TRIGGER t AFTER INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'outbox full'); END"
expect_code 74 "when the message cannot be queued" dossier new --procedure 2.000635 --applicant "Y" --phone 0912000001
expect_err "the error says why" "motcua: notifications: outbox full"
expect_code 74 "nor is a change made" dossier update "$x" --status 'done'
sqlite3 "$MOTCUA_DB" "DROP TRIGGER t"
expect_eq "the dossier is not received, nor moved" "$before" "$(db_snapshot)"

# notify export: ZNS request bodies for the templates that are set.
expect_code 0 "export with no template set" notify export
expect_empty "exports nothing"
expect_err "and says what waits" "motcua: zns_template_received is not set: 6 received messages stay pending
motcua: zns_template_supplement is not set: 2 supplement messages stay pending
motcua: zns_template_done is not set: 1 done message stays pending
motcua: zns_template_rescheduled is not set: 2 rescheduled messages stay pending
motcua: zns_template_rejected is not set: 1 rejected message stays pending"
expect_code 65 "a template id is checked" config set zns_template_received "12 34"
expect_err "with the reason" "motcua: zns_template_received: \"12 34\" is not a template id (up to 40 of 0-9, A-Z, a-z, '-' and '_')"
for ev in received:214871 supplement:214872 done:214873 rescheduled:214874; do
	"$MOTCUA" config set "zns_template_${ev%%:*}" "${ev#*:}" || not_ok "config set $ev"
done
expect_code 0 "export" notify export --format jsonl
expect_err "the rejected messages wait for their template" \
	"motcua: zns_template_rejected is not set: 1 rejected message stays pending"
cp "$TMP/out" "$TMP/export.jsonl"
expect_eq "one request per unsent message with a template" "11" "$(wc -l <"$TMP/export.jsonl" | tr -d ' ')"
expect_eq "each a JSON object with the four keys of a ZNS request" "phone template_id template_data tracking_id" \
	"$(jq -r 'keys_unsorted | join(" ")' "$TMP/export.jsonl" | sort -u)"
expect_eq "the received message of $a" \
	'{"phone":"84912345678","template_id":"214871","template_data":{"customer_name":"Nguyễn Văn An","dossier_code":"'"$a"'","procedure_name":"Cấp bản sao trích lục hộ tịch","date":"29/04/2026","due_time":"09:00 06/05/2026"},"tracking_id":"1"}' \
	"$(head -1 "$TMP/export.jsonl")"
expect_eq "the supplement request: its date and reason" "214872 04/05/2026 thiếu tờ khai 2" \
	"$(jq -r 'select(.tracking_id == "2") | "\(.template_id) \(.template_data.date) \(.template_data.reason) \(.tracking_id)"' "$TMP/export.jsonl")"
expect_eq "the new due time, for Vietnamese readers" "16:00 12/05/2026 chờ xác minh" \
	"$(jq -r 'select(.tracking_id == "3") | "\(.template_data.due_time) \(.template_data.reason)"' "$TMP/export.jsonl")"
expect_eq "done: the day the result is ready" "customer_name dossier_code procedure_name date 07/05/2026" \
	"$(jq -r 'select(.tracking_id == "4") | (.template_data | keys_unsorted | join(" ")) + " " + .template_data.date' "$TMP/export.jsonl")"
expect_code 0 "export again" notify export
expect_eq "gives the same: nothing leaves the outbox until marked" "" "$(cmp "$TMP/out" "$TMP/export.jsonl" 2>&1)"

# ZNS parameter limits: a name of 30 characters, cut between words; t1940 has the rest.
f=$(new --applicant "Nguyễn Thị Ngọc Phương Thảo Uyên Nhi" --phone 0912345600)
mc notify export
expect_eq "a long name is cut after a whole word, ending in …" "Nguyễn Thị Ngọc Phương Thảo… 28" \
	"$(jq -r "select(.template_data.dossier_code == \"$f\") | .template_data.customer_name + \" \" + (.template_data.customer_name | length | tostring)" "$TMP/out")"
g=$(new --applicant "Nguye$(printf '\314\202\314\203')n Thi$(printf '\314\243') Ngo$(printf '\314\243')c Phu$(printf '\314\233')o$(printf '\314\233')ng Tha$(printf '\314\211')o Uye$(printf '\314\202')n Nhi" --phone 0912345601)
mc notify export
expect_eq "typed decomposed, it is stored and cut the same way" "Nguyễn Thị Ngọc Phương Thảo…" \
	"$(jq -r "select(.template_data.dossier_code == \"$g\") | .template_data.customer_name" "$TMP/out")"
"$MOTCUA" procedure add --code 9.999999 --name "Chứng thực chữ ký trong các giấy tờ, văn bản bằng tiếng nước ngoài" --days 1 >/dev/null
new --applicant "A" --phone 0912345602 >/dev/null
"$MOTCUA" -q dossier new --procedure 9.999999 --applicant "Lò Văn Ba" --phone 0912345603 >/dev/null </dev/null
mc notify export
expect_eq "a procedure name of 66 characters goes whole" "Chứng thực chữ ký trong các giấy tờ, văn bản bằng tiếng nước ngoài 66" \
	"$(jq -r 'select(.template_data.customer_name == "Lò Văn Ba") | .template_data.procedure_name + " " + (.template_data.procedure_name | length | tostring)' "$TMP/out")"
"$MOTCUA" --db "$TMP/long.db" init --training --unit-id 000.00.22.H12.PHUONG.VINH.PHU --unit-name "UBND phường Vĩnh Phú" >/dev/null
"$MOTCUA" --db "$TMP/long.db" config set zns_template_received 1
long=$("$MOTCUA" --db "$TMP/long.db" -q dossier new --procedure 2.000635 --applicant "A" --phone 0912345678 </dev/null)
mc --db "$TMP/long.db" notify export
expect_eq "a code longer than 30 goes whole" \
	"$long 41" \
	"$(jq -r '.template_data.dossier_code + " " + (.template_data.dossier_code | length | tostring)' "$TMP/out")"

# notify export --format csv: the same requests, the data as JSON text.
expect_code 0 "export as CSV" notify export --format csv
expect_eq "with a header" "tracking_id,phone,template_id,event,template_data" "$(head -1 "$TMP/out")"
sqlite3 "$TMP/csv.db" ".import --csv $TMP/out x" "SELECT tracking_id, phone, template_id, event, json_extract(template_data, '$.customer_name') FROM x WHERE tracking_id = '1'" >"$TMP/check"
expect_eq "that a CSV reader and a JSON reader take apart" "1|84912345678|214871|received|Nguyễn Văn An" "$(cat "$TMP/check")"
expect_code 2 "text is not a format of export... it gives jsonl" notify export --format json

# notify mark: sent and failed, attempts, errors.
expect_code 0 "mark 1 sent" notify mark 1 sent --msg-id "zns-0001"
expect_empty "quietly"
mc notify list --format json
expect_eq "it is sent, with the provider's id and the time" "sent 1 zns-0001 2026-04-29T09:00:00+07:00" \
	"$(jq -r '.[0] | "\(.state) \(.attempts) \(.msg_id) \(.sent_at)"' "$TMP/out")"
mc notify export
expect_eq "and never exported again" "" "$(grep '"tracking_id":"1"' "$TMP/out")"
before=$(db_snapshot)
expect_code 65 "marking a sent message again" notify mark 1 failed --error "timeout"
expect_err "is refused" "motcua: notification 1 was already sent (message id zns-0001); a sent message stays sent"
expect_code 65 "even as sent" notify mark 1 sent --msg-id other
expect_eq "and changes nothing" "$before" "$(db_snapshot)"
expect_eq "not even behind the program's back" "a sent notification stays sent" \
	"$(sqlite3 "$MOTCUA_DB" "UPDATE notifications SET state = 'pending' WHERE id = 1" 2>&1 | grep -o 'a sent notification stays sent')"
expect_code 1 "an unknown id" notify mark 999 sent
expect_err "is not found" "motcua: no notification 999"

expect_code 0 "mark 2 failed" notify mark 2 failed --error "-124: Access token is invalid"
expect_code 0 "and again" notify mark 2 failed --error "Zalo không phản hồi"
mc notify list --format json
expect_eq "a failed message keeps its attempts and last error" "failed 2 Zalo không phản hồi" \
	"$(jq -r '.[1] | "\(.state) \(.attempts) \(.last_error)"' "$TMP/out")"
mc notify export
expect_eq "and is exported again" "2" "$(jq -r 'select(.tracking_id == "2") | .tracking_id' "$TMP/out")"
expect_code 0 "until it is sent" notify mark 2 sent
mc notify list --format json
expect_eq "three attempts, no error left" "sent 3 null null" \
	"$(jq -r '.[1] | "\(.state) \(.attempts) \(.last_error) \(.msg_id)"' "$TMP/out")"

expect_code 2 "mark needs an id that is a number" notify mark abc sent
expect_code 2 "and sent or failed" notify mark 3 delivered
expect_err "says so" "motcua: \"delivered\" is not sent or failed
usage: motcua notify mark ID sent|failed [--msg-id X] [--error TEXT]"
expect_code 2 "--error goes with failed" notify mark 3 sent --error x
expect_code 2 "--msg-id goes with sent" notify mark 3 failed --msg-id x
expect_code 2 "mark needs both arguments" notify mark 3

# notify list: text, CSV, --pending.
mc notify list --pending --format json
expect_eq "--pending leaves the sent ones out" "0" "$(jq '[.[] | select(.state == "sent")] | length' "$TMP/out")"
expect_eq "and keeps the failed and pending ones" "$(($(count) - 2))" "$(jq length "$TMP/out")"
expect_code 0 "list as text" notify list
expect_eq "one line per message" \
	"     1  sent        1  received    2026-04-29 09:00  0912345678  $a" "$(head -1 "$TMP/out")"
expect_code 0 "list as CSV" notify list --format csv
expect_eq "with its header" "id,dossier,event,phone,state,attempts,created_at,updated_at,sent_at,msg_id,last_error,dropped_why,channel,next_at" "$(head -1 "$TMP/out")"
sqlite3 "$TMP/list.db" ".import --csv $TMP/out l" "SELECT count(*), sum(state = 'sent') FROM l" >"$TMP/check"
expect_eq "read back" "$(count)|2" "$(cat "$TMP/check")"

# Handing the result back: its queued "done" message (come and collect)
# no longer makes sense and is dropped (tests/e2e/t0410-dossier-fix.sh).
MOTCUA_NOW=2026-05-08T10:00:00+07:00 up "$a" --status returned
expect_eq "returning tells nothing" "received supplement rescheduled done" \
	"$("$MOTCUA" notify list --format json | jq -r "map(select(.dossier == \"$a\") | .event) | join(\" \")")"
expect_eq "and drops the done message" "dropped returned" \
	"$("$MOTCUA" notify list --format json | jq -r '.[3] | "\(.state) \(.dropped_why)"')"
