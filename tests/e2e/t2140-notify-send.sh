#!/bin/sh
# notify send against a fake Zalo on 127.0.0.1 (tests/helpers/fake-zalo),
# which plays a script of answers and logs every request: success, an
# expired token refreshed, a refused refresh, a server error and its
# backoff up to the message abandoned, a timeout, a cut connection, a
# crash in the middle of a request, Zalo absent, the rate limit, an OA
# message inside the interaction window and ZNS outside it, a set-up
# refused; with the outbox's states after each, read as JSON.
. "$(dirname "$0")/../lib.sh"
init_office

new() { "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "$1" --phone "$2" </dev/null; }
# state ID: "state attempts msg_id channel" of message ID
state() {
	"$MOTCUA" notify list --format json |
		jq -r ".[] | select(.id == $1) | \"\(.state) \(.attempts) \(.msg_id) \(.channel)\""
}
field() { "$MOTCUA" notify list --format json | jq -r ".[] | select(.id == $1) | .$2"; }

. "$TESTS_DIR/fake-zalo.sh"
outbox() { sqlite3 "$MOTCUA_DB" "SELECT * FROM notifications ORDER BY id"; }

ok_answer() { echo "200 {\"error\":0,\"message\":\"Success\",\"data\":{\"msg_id\":\"$1\",\"sent_time\":\"1777428000000\"}}"; }

zalo_notify_setup

# ---- the set-up refused: nothing is sent, nothing changes ----
new "Công Dân Một" 0912000001 >/dev/null
fake "$(ok_answer z1)"
chmod 644 "$TMP/tokens"
before=$(outbox)
expect_code 65 "a token file that others can read" notify send
expect_err "is refused, saying how to fix it" \
	"motcua: $TMP/tokens: the Zalo token file can be read by others (mode 644); make it private with: chmod 600 $TMP/tokens"
chmod 600 "$TMP/tokens"
printf 'tok a\n' >"$TMP/bad-tokens"
chmod 600 "$TMP/bad-tokens"
"$MOTCUA" config set zalo_token_file "$TMP/bad-tokens"
expect_code 65 "a token file that holds no token" notify send
"$MOTCUA" config set zalo_token_file ""
expect_code 65 "no token file set" notify send
expect_err "says what to set" \
	"motcua: zalo_token_file is not set: set it to the file that holds the Official Account's tokens (see motcua-notify(1))"
"$MOTCUA" config set zalo_token_file "$TMP/tokens"
expect_eq "no request was made" "0" "$(requests)"
expect_eq "and the outbox is as it was" "$before" "$(outbox)"
expect_code 65 "a relative token file" config set zalo_token_file tokens
expect_code 65 "a base URL with a slash at its end" config set zalo_zns_base_url http://127.0.0.1:1/
expect_code 65 "a base URL that is not http" config set zalo_zns_base_url ftp://x
expect_code 65 "notify_timeout 0" config set notify_timeout 0
expect_code 65 "notify_rate 101" config set notify_rate 101
expect_code 65 "notify_max_attempts x" config set notify_max_attempts x
expect_code 65 "zalo_app_id with letters" config set zalo_app_id 12ab

# ---- success ----
new "Công Dân Hai" 0912000002 >/dev/null
"$MOTCUA" notify export >"$TMP/export.jsonl" 2>/dev/null
fake "$(ok_answer z1)" "$(ok_answer z2)"
expect_code 0 "all sent: exit 0" notify send
expect_out "it sums up" "2 sent, 0 failed, 0 abandoned, 0 without an answer, 0 waiting"
expect_eq "two requests to ZNS" "/message/template /message/template" \
	"$(jq -r .path "$TMP/log" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "each the body notify export prints" "$(jq -c . "$TMP/export.jsonl")" \
	"$(jq -r .body "$TMP/log" | jq -c .)"
expect_eq "with the access token in its header" "tok-a tok-a" \
	"$(jq -r .access_token "$TMP/log" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "as JSON" "application/json" "$(logged 1 content_type)"
expect_eq "message 1: sent, Zalo's msg_id kept" "sent 1 z1 zns" "$(state 1)"
expect_eq "message 2 alike" "sent 1 z2 zns" "$(state 2)"
expect_code 0 "the outbox checks clean" db check
: >"$TMP/log"
mc --format json notify send
expect_eq "nothing more to send: exit 0, and JSON for machines" \
	"0 {\"sent\":0,\"failed\":0,\"abandoned\":0,\"unknown\":0,\"waiting\":0,\"left_sending\":0,\"token_refreshed\":false}" \
	"$rc $(jq -c . "$TMP/out")"
expect_eq "and no request" "0" "$(requests)"

# ---- an expired token: refreshed, the new pair kept, the message sent ----
new "Công Dân Ba" 0912000003 >/dev/null
fake '200 {"error":-124,"message":"Access token is invalid"}' \
	'200 {"access_token":"tok-b","refresh_token":"ref-b","expires_in":"90000"}' \
	"$(ok_answer z3)"
expect_code 0 "an expired token is refreshed" notify send
expect_eq "the request, the refresh, the request again" \
	"/message/template /v4/oa/access_token /message/template" \
	"$(jq -r .path "$TMP/log" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the refresh as Zalo's OAuth takes it" \
	"sek-1 application/x-www-form-urlencoded refresh_token=ref-a&app_id=1234567890&grant_type=refresh_token" \
	"$(logged 2 secret_key) $(logged 2 content_type) $(logged 2 body)"
expect_eq "the message again with the new token" "tok-b" "$(logged 3 access_token)"
expect_eq "the new pair in the token file" "tok-b
ref-b" "$(cat "$TMP/tokens")"
expect_eq "which is private" "600" "$(stat -c %a "$TMP/tokens")"
expect_eq "message 3 sent, one attempt" "sent 1 z3 zns" "$(state 3)"

# ---- a refused refresh: nothing sent, the message as it was ----
new "Công Dân Bốn" 0912000004 >/dev/null
fake '200 {"error":-124,"message":"Access token is invalid"}' \
	'200 {"error":-14014,"error_name":"Invalid refresh token","error_description":"Invalid refresh token"}'
expect_code 1 "a refused refresh: exit 1" notify send
expect_grep "saying what to do" \
	"motcua: Zalo refused to refresh the access token (Zalo error -14014: Invalid refresh token): authorize the app again and write the new tokens to $TMP/tokens" "$TMP/err"
expect_eq "the token file untouched" "tok-b
ref-b" "$(cat "$TMP/tokens")"
expect_eq "message 4 still pending, no attempt counted" "pending 0 null zns" "$(state 4)"

# ---- a server error: tried again later, then abandoned ----
fake '502 <html><body>502 Bad Gateway</body></html>'
expect_code 1 "a 5xx: exit 1" notify send
expect_eq "message 4 failed once" "failed 1 null zns" "$(state 4)"
expect_eq "with the error" "HTTP 502: <html><body>502 Bad Gateway</body></html>" "$(field 4 last_error)"
expect_eq "its next attempt in 5 minutes" "2026-04-29T09:05:00+07:00" "$(field 4 next_at)"
expect_grep "said on stderr" \
	"motcua: notification 4: HTTP 502: <html><body>502 Bad Gateway</body></html> (attempt 1; next after 2026-04-29 09:05)" "$TMP/err"
fake "$(ok_answer z4)"
expect_code 0 "a run before that time" notify send
expect_eq "does not try it" "0 failed 1" "$(requests) $(state 4 | cut -d' ' -f1-2)"
"$MOTCUA" config set notify_max_attempts 2
fake '503 {"error":-1}'
MOTCUA_NOW=2026-04-29T09:06:00+07:00 mc notify send
expect_eq "once it is due it goes; failing its last attempt: exit 1" "1 1" "$rc $(requests)"
expect_out "is abandoned" "0 sent, 0 failed, 1 abandoned, 0 without an answer, 0 waiting"
expect_eq "message 4 abandoned after 2 attempts" "abandoned 2 null zns" "$(state 4)"
fake "$(ok_answer z4)"
MOTCUA_NOW=2026-04-30T09:00:00+07:00 mc notify send
expect_eq "and never tried again" "0 0 abandoned" "$rc $(requests) $(state 4 | cut -d' ' -f1)"
"$MOTCUA" config set notify_max_attempts 5

# ---- a timeout: the request may have been acted on: left sending ----
"$MOTCUA" config set notify_timeout 1
new "Công Dân Năm" 0912000005 >/dev/null
fake "sleep 4 $(ok_answer z5)"
expect_code 75 "no answer within notify_timeout: exit 75" notify send
expect_eq "message 5 left sending, its attempt counted" "sending 1 null zns" "$(state 5)"
expect_grep "said on stderr" "it may have been delivered; left sending (see notify mark)" "$TMP/err"
stop_fake

# ---- a cut connection: alike ----
new "Công Dân Sáu" 0912000006 >/dev/null
fake cut
expect_code 75 "a connection cut before the answer: exit 75" notify send
expect_eq "message 6 left sending" "sending 1 null zns" "$(state 6)"

# ---- a crash in the middle of a request ----
"$MOTCUA" config set notify_timeout 20
new "Công Dân Bảy" 0912000007 >/dev/null
fake "sleep 30 $(ok_answer z7)"
"$MOTCUA" notify send >/dev/null 2>&1 &
send_pid=$!
i=0
while [ "$(requests)" = 0 ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
# motcua runs motcua-net in its place (exec): the same process.
kill -KILL "$send_pid"
wait "$send_pid" 2>/dev/null
expect_eq "killed while its request waits: message 7 was marked sending first" \
	"sending 1 null zns" "$(state 7)"
fake "$(ok_answer again)" "$(ok_answer again)" "$(ok_answer again)"
expect_code 0 "the next run" notify send
expect_eq "sends none of the messages left sending" "0" "$(requests)"
expect_eq "and says so for each" "motcua: notification 5 was left sending by an earlier run: it may have been delivered; check, then mark it sent or failed
motcua: notification 6 was left sending by an earlier run: it may have been delivered; check, then mark it sent or failed
motcua: notification 7 was left sending by an earlier run: it may have been delivered; check, then mark it sent or failed" \
	"$(cat "$TMP/err")"
expect_code 0 "a clerk who found message 5 delivered marks it" notify mark 5 sent --msg-id z5
expect_eq "sent, with no second attempt counted" "sent 1 z5 zns" "$(state 5)"
expect_code 0 "and message 6 not delivered" notify mark 6 failed --error "not on the citizen's phone"
expect_code 0 "which the next run sends" notify send
expect_eq "once" "1 sent 2" "$(requests) $(state 6 | cut -d' ' -f1-2)"
expect_code 0 "the outbox still checks clean" db check

# ---- Zalo absent ----
fake
stop_fake
new "Công Dân Tám" 0912000008 >/dev/null
expect_code 75 "no server: exit 75" notify send
expect_grep "saying so" "motcua: cannot reach Zalo:" "$TMP/err"
expect_eq "message 8 is as it was: nothing went out" "pending 0" "$(state 8 | cut -d' ' -f1-2)"
expect_eq "its next attempt not put off" "null" "$(field 8 next_at)"
fake "$(ok_answer z8)"
expect_code 0 "Zalo back: it goes" notify send
expect_eq "message 8 sent at its first attempt" "sent 1 z8 zns" "$(state 8)"

# ---- the rate limit ----
"$MOTCUA" config set notify_rate 2
for i in 1 2 3; do new "Công Dân Nhanh $i" 091300000$i >/dev/null; done
fake "$(ok_answer r1)" "$(ok_answer r2)" "$(ok_answer r3)"
expect_code 0 "three messages at 2 a second" notify send
# A lower bound: a loaded machine only makes the gaps longer.
expect_eq "take at least a second between the first and the third" "yes" \
	"$(jq -s 'if (.[2].t - .[0].t) >= 0.8 then "yes" else "no: \(.[2].t - .[0].t)" end' -r "$TMP/log")"
"$MOTCUA" config set notify_rate 5

# ---- the OA within the interaction window, ZNS outside it ----
new "Công Dân Zalo" 0912000009 >/dev/null
new "Công Dân Cũ" 0912000010 >/dev/null
# (The dossier's Zalo user id, which dossier new --from-message keeps.)
sqlite3 "$MOTCUA_DB" "UPDATE notifications SET zalo_user_id = 'u-9',
	zalo_user_at = strftime('%s', '2026-04-28T10:00:00+07:00') WHERE id = 12;
	UPDATE notifications SET zalo_user_id = 'u-10',
	zalo_user_at = strftime('%s', '2026-04-20T10:00:00+07:00') WHERE id = 13;"
fake '200 {"data":{"message_id":"oa-12","user_id":"u-9"},"error":0,"message":"Success"}' \
	"$(ok_answer z13)"
expect_code 0 "two messages" notify send
expect_eq "the one whose applicant wrote 23 hours ago goes to the OA, the other by ZNS" \
	"/v3.0/oa/message/cs /message/template" \
	"$(jq -r .path "$TMP/log" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "to the user, in words" \
	'{"recipient":{"user_id":"u-9"},"message":{"text":"Kính gửi Công Dân Zalo: hồ sơ 000.00.22.H12-260429-0012 (Cấp bản sao trích lục hộ tịch) đã được tiếp nhận ngày 29/04/2026. Hẹn trả kết quả: 09:00 06/05/2026."}}' \
	"$(logged 1 body)"
expect_eq "the OA's message_id kept" "sent 1 oa-12 oa" "$(state 12)"
expect_eq "and ZNS's for the other" "sent 1 z13 zns" "$(state 13)"

# ---- an event without a template waits ----
d=$(new "Công Dân Bổ Sung" 0912000011)
"$MOTCUA" dossier update "$d" --status supplement --reason "thiếu ảnh" >/dev/null
fake "$(ok_answer z14)"
expect_code 0 "a supplement message without its template" notify send
expect_out "waits" "1 sent, 0 failed, 0 abandoned, 0 without an answer, 1 waiting"
expect_eq "pending, untried" "pending 0 null null" "$(state 15)"
expect_code 1 "at the end, db check" db check
expect_out "names only the two rows this test wrote with sqlite3" \
"audit record 136 (notify send): notifications 12: impossible: its zalo_user_id is u-9, but its records gave null (changed without a record that says so)
audit record 138 (notify send): notifications 13: impossible: its zalo_user_id is u-10, but its records gave null (changed without a record that says so)
2 problems found"
