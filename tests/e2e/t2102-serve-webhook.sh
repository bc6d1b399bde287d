#!/bin/sh
# motcua serve: Zalo's OA events at the webhook path, played with curl as
# Zalo sends them: a signed message stored once, a replay, forged,
# missing and stale signatures, a malformed body, a body too large, an
# office without its Zalo settings; then a clerk receives a dossier from
# the stored message.
. "$(dirname "$0")/../lib.sh"
init_office_on 2026-04-27T08:00:00+07:00
printf 's3cr3t-oa-key\n' >"$TMP/oa.secret"
chmod 600 "$TMP/oa.secret"
"$MOTCUA" config set zalo_webhook_path /zalo/webhook >/dev/null
serve_start
HOOK=$BASE/zalo/webhook
expect_eq "the log names the webhook" "motcua serve: Zalo's events at /zalo/webhook" \
	"$(sed -n 2p "$TMP/serve.log")"

# event FILE MSG_ID TIMESTAMP_MS TEXT: a text message of a citizen.
event() {
	printf '{"app_id":"1234567890","event_name":"user_send_text","timestamp":"%s","sender":{"id":"2468458835296117922"},"recipient":{"id":"579745863508352884"},"message":{"msg_id":"%s","text":"%s"}}' \
		"$3" "$2" "$4" >"$1"
}
# post FILE [SIGNATURE]: the answer's status and body in $code and $TMP/body.
post() {
	if [ $# -gt 1 ]; then
		code=$(curl -s -o "$TMP/body" -w '%{http_code}' -H "X-ZEvent-Signature: $2" \
			-H 'Content-Type: application/json' --data-binary "@$1" "$HOOK")
	else
		code=$(curl -s -o "$TMP/body" -w '%{http_code}' -H 'Content-Type: application/json' \
			--data-binary "@$1" "$HOOK")
	fi
}
sign() { "$HELPERS/zalo-event" sign "$1" 1234567890 "$2" "$(head -n 1 "$TMP/oa.secret")"; }

# 09:00 at the office: 1777428000000 ms.
event "$TMP/e1" m-001 1777428000000 "Xin cấp bản sao trích lục khai sinh cho con tôi"
post "$TMP/e1" "$(sign "$TMP/e1" 1777428000000)"
expect_eq "no Zalo settings yet: 503" '503 {"result":"unavailable"}' "$code $(cat "$TMP/body")"
"$MOTCUA" config set zalo_app_id 1234567890 >/dev/null
"$MOTCUA" config set zalo_oa_secret_file "$TMP/oa.secret" >/dev/null

post "$TMP/e1" "$(sign "$TMP/e1" 1777428000000)"
expect_eq "a signed message: stored" '200 {"result":"stored"}' "$code $(cat "$TMP/body")"
post "$TMP/e1" "$(sign "$TMP/e1" 1777428000000)"
expect_eq "the same event again: a duplicate" '200 {"result":"duplicate"}' "$code $(cat "$TMP/body")"
expect_code 0 "inbox list" --format json inbox list
expect_eq "one message in the inbox, its text and sender" \
	"1|2468458835296117922|Xin cấp bản sao trích lục khai sinh cho con tôi" \
	"$(jq -r 'length as $n | .[0] | "\($n)|\(.sender)|\(.text)"' "$TMP/out")"

event "$TMP/e2" m-002 1777428000000 "Tin nhắn giả"
post "$TMP/e2" "mac=$(printf '%064d' 0)"
expect_eq "a forged signature: 401" '401 {"result":"refused"}' "$code $(cat "$TMP/body")"
post "$TMP/e2"
expect_eq "no signature: 401" '401 {"result":"refused"}' "$code $(cat "$TMP/body")"
# Signed with another key.
post "$TMP/e2" "$("$HELPERS/zalo-event" sign "$TMP/e2" 1234567890 1777428000000 another-key)"
expect_eq "signed with another key: 401" 401 "$code"
# An hour old, well signed: stale.
event "$TMP/e3" m-003 1777424400000 "Tin cũ"
post "$TMP/e3" "$(sign "$TMP/e3" 1777424400000)"
expect_eq "an event an hour old: 401" 401 "$code"
printf '{"app_id":"1234567890","timestamp":"1777428000000",' >"$TMP/e4"
post "$TMP/e4" "$(sign "$TMP/e4" 1777428000000)"
expect_eq "not JSON, signed: 400" '400 {"result":"bad_event"}' "$code $(cat "$TMP/body")"
head -c 70000 /dev/zero | tr '\0' a >"$TMP/e5"
post "$TMP/e5" "mac=00"
expect_eq "a body over 64 KiB: 413" 413 "$code"
expect_code 0 "inbox list after the refusals" --format json inbox list
expect_eq "still one message" 1 "$(jq length "$TMP/out")"
expect_eq "the log says why each was refused, never the body" "6 0" \
	"$(grep -c '^127\.0\.0\.1 webhook: ' "$TMP/serve.log") $(grep -c 'Tin nhắn giả' "$TMP/serve.log")"
expect_eq "one log line per POST" 9 "$(grep -c '^127\.0\.0\.1 POST /zalo/webhook ' "$TMP/serve.log")"
code=$(curl -s -o /dev/null -w '%{http_code}' "$HOOK")
expect_eq "GET on the webhook's path: 404" 404 "$code"

# The stored message is the server's doing, in the audit log as "zalo".
expect_code 0 "audit log of the inbox" --format json audit log --table inbox
expect_eq "stored by clerk zalo, command serve" "zalo serve" \
	"$(jq -r '.[0] | "\(.clerk) \(.command)"' "$TMP/out")"

# A clerk receives the dossier the citizen asked for.
ID=$("$MOTCUA" -q inbox list --pending </dev/null)
expect_code 0 "dossier new --from-message" --format json dossier new --from-message "$ID" \
	--procedure 2.000635 --applicant "Nguyễn Văn An" --phone 0912345678 --slip none
expect_eq "an online dossier, with the sender's Zalo id" "online 2468458835296117922" \
	"$(jq -r '"\(.channel) \(.zalo_user_id)"' "$TMP/out")"
# Its "received" message goes to the same Zalo user, whose last message
# to the OA (09:00) opens the window of an OA message.
expect_eq "the queued message knows the Zalo user and their last message" \
	"received|2468458835296117922|1777428000" \
	"$(sqlite3 "$MOTCUA_DB" "SELECT event, zalo_user_id, zalo_user_at FROM notifications")"
expect_code 0 "inbox list --pending" -q inbox list --pending
expect_empty "nothing pending"

serve_stop
expect_eq "serve exits 0" 0 "$serve_rc"
