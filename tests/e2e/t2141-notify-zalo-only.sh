#!/bin/sh
# A dossier received from a Zalo message is told through the Official
# Account even when its applicant gave no mobile number: while Zalo's
# window after the citizen's last message is open, an OA message; when it
# has closed, the message waits (no request, nothing failed) until the
# citizen writes again; a dossier with neither a number nor a Zalo user
# queues nothing. Against the fake Zalo of tests/fake-zalo.sh.
. "$(dirname "$0")/../lib.sh"
init_office
. "$TESTS_DIR/fake-zalo.sh"
zalo_notify_setup

APP=1234567890
KEY=k3y-s3cret
printf '%s\n' "$KEY" >"$TMP/oa-secret"
chmod 600 "$TMP/oa-secret"
"$MOTCUA" config set zalo_oa_secret_file "$TMP/oa-secret"
"$MOTCUA" config set zalo_webhook_path /zalo/webhook

# feed NAME SENDER MSG_ID MS: a signed text message from SENDER at MS
# (milliseconds) into the inbox, as motcua serve's webhook stores it.
feed() {
	printf '{"app_id":"%s","event_name":"user_send_text","timestamp":"%s","sender":{"id":"%s"},"recipient":{"id":"5797"},"message":{"msg_id":"%s","text":"xin trích lục"}}\n' \
		"$APP" "$4" "$2" "$3" >"$TMP/$1.json"
	sig=$("$HELPERS/zalo-event" sign "$TMP/$1.json" "$APP" "$4" "$KEY")
	"$HELPERS/zalo-event" feed "$MOTCUA_DB" "$TMP/$1.json" "$sig" >"$TMP/answer" 2>&1 ||
		{ not_ok "feed $1"; cat "$TMP/answer"; }
}
state() {
	"$MOTCUA" notify list --format json |
		jq -r ".[] | select(.id == $1) | \"\(.state) \(.attempts) \(.msg_id) \(.channel) \(.phone)\""
}
oa_answer() { echo "200 {\"data\":{\"message_id\":\"$1\",\"user_id\":\"$2\"},\"error\":0,\"message\":\"Success\"}"; }
T0=1777428000000        # 2026-04-29 09:00 +07:00, MOTCUA_NOW
DAY=86400000

# ---- no number, but a Zalo user: queued, and sent through the OA ----
feed a u-a m-a "$T0"
expect_code 0 "a dossier from a Zalo message without a phone" -q dossier new --from-message 1 \
	--procedure 2.000635 --applicant "Công Dân Zalo"
A=$(cat "$TMP/out")
expect_eq "its received message is queued, with no phone" "pending 0 null null " "$(state 1)"
fake "$(oa_answer oa-1 u-a)"
expect_code 0 "notify send" notify send
expect_out "sends it" "1 sent, 0 failed, 0 abandoned, 0 without an answer, 0 waiting"
expect_eq "to the OA's consultation message" "/v3.0/oa/message/cs" "$(logged 1 path)"
expect_eq "addressed to the Zalo user, a reply to their message" "u-a m-a" \
	"$(logged 1 body | jq -r '.recipient | "\(.user_id) \(.message_id)"')"
expect_eq "sent, the OA's id kept" "sent 1 oa-1 oa " "$(state 1)"

# ---- outside the window it waits, until the citizen writes again ----
feed b u-b m-b "$T0"
expect_code 0 "a second one" -q dossier new --from-message 2 --procedure 2.000635 \
	--applicant "Công Dân Chậm"
B=$(cat "$TMP/out")
LATER=2026-05-02T09:00:00+07:00         # 72 hours on: Zalo's 48 have passed
fake "$(oa_answer oa-2 u-b)"
MOTCUA_NOW=$LATER expect_code 0 "notify send three days later" notify send
expect_out "the message waits" "0 sent, 0 failed, 0 abandoned, 0 without an answer, 1 waiting"
expect_eq "no request was made: ZNS needs a number" "0" "$(requests)"
expect_eq "still pending, untried" "pending 0 null null " "$(state 2)"
MOTCUA_NOW=$LATER feed b2 u-b m-b2 $((T0 + 3 * DAY))
MOTCUA_NOW=$LATER expect_code 0 "the citizen writes again; notify send" notify send
expect_out "now it goes" "1 sent, 0 failed, 0 abandoned, 0 without an answer, 0 waiting"
expect_eq "through the OA, to that user, a reply to their latest message" \
	"/v3.0/oa/message/cs u-b m-b2" \
	"$(logged 1 path) $(logged 1 body | jq -r '.recipient | "\(.user_id) \(.message_id)"')"
expect_eq "sent" "sent 1 oa-2 oa " "$(state 2)"

# ---- an amendment keeps the messages of a Zalo dossier ----
MOTCUA_NOW=$LATER "$MOTCUA" dossier update "$B" --status processing >/dev/null
MOTCUA_NOW=$LATER "$MOTCUA" dossier update "$B" --status done >/dev/null
expect_eq "its done message is queued" "pending" \
	"$("$MOTCUA" notify list --format json | jq -r '.[] | select(.dossier == "'"$B"'" and .event == "done") | .state')"
MOTCUA_NOW=$LATER expect_code 0 "the applicant's name amended" dossier amend "$B" \
	--applicant "Công Dân Chậm Trễ" --reason "gõ sai"
expect_eq "the message is kept, with the new name" "pending|Công Dân Chậm Trễ" \
	"$(sqlite3 "$MOTCUA_DB" "select state, applicant from notifications where event = 'done'")"

# ---- with a number it was given, and a dossier with neither ----
MOTCUA_NOW=$LATER expect_code 0 "a number added to the first" dossier amend "$A" --phone 0912000021 \
	--reason "công dân bổ sung số điện thoại"
MOTCUA_NOW=$LATER "$MOTCUA" dossier update "$A" --status processing >/dev/null
MOTCUA_NOW=$LATER "$MOTCUA" dossier update "$A" --status done >/dev/null
fake "$(oa_answer oa-3 u-b)" \
	'200 {"error":0,"message":"Success","data":{"msg_id":"z-4","sent_time":"1777687200000"}}'
MOTCUA_NOW=$LATER expect_code 0 "notify send" notify send
expect_out "sends both done messages" "2 sent, 0 failed, 0 abandoned, 0 without an answer, 0 waiting"
expect_eq "the second's by the OA, in the new name; the first's, outside its window, by ZNS to the number" \
	"/v3.0/oa/message/cs u-b Kính gửi Công Dân Chậm Trễ:|/message/template 84912000021" \
	"$(logged 1 path) $(logged 1 body | jq -r .recipient.user_id) $(logged 1 body | jq -r .message.text | cut -d' ' -f1-6)|$(logged 2 path) $(logged 2 body | jq -r .phone)"
before=$("$MOTCUA" notify list --format json | jq length)
MOTCUA_NOW=$LATER "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Không Liên Lạc" \
	>/dev/null </dev/null
expect_eq "a dossier with neither queues nothing" "$before" \
	"$("$MOTCUA" notify list --format json | jq length)"
# ---- after one message of a citizen, Zalo takes so many replies ----
# With one reply allowed: u-b writes m-b3, a dossier is received from it
# and its message goes as the reply; its "done" message then waits
# (u-b gave no number) until u-b writes again.
expect_code 65 "zalo_oa_replies 0" config set zalo_oa_replies 0
expect_err "names the setting and the range" \
	"motcua: zalo_oa_replies: \"0\" is not a number of messages (1 to 100)"
"$MOTCUA" config set zalo_oa_replies 1
at() { printf '2026-05-02T09:%02d:00+07:00' "$1"; }     # minutes after LATER
MOTCUA_NOW=$(at 1) feed b3 u-b m-b3 $((T0 + 3 * DAY + 60000))
MOTCUA_NOW=$(at 1) expect_code 0 "another dossier from u-b's message" -q dossier new \
	--from-message 3 --procedure 2.000635 --applicant "Công Dân Chậm"
C=$(cat "$TMP/out")
fake "$(oa_answer oa-5 u-b)"
MOTCUA_NOW=$(at 2) expect_code 0 "notify send" notify send
expect_out "its received message goes" "1 sent, 0 failed, 0 abandoned, 0 without an answer, 0 waiting"
expect_eq "as the reply to m-b3" "u-b m-b3" \
	"$(logged 1 body | jq -r '.recipient | "\(.user_id) \(.message_id)"')"
MOTCUA_NOW=$(at 2) "$MOTCUA" dossier update "$C" --status processing >/dev/null
MOTCUA_NOW=$(at 2) "$MOTCUA" dossier update "$C" --status done >/dev/null
fake "$(oa_answer oa-6 u-b)"
MOTCUA_NOW=$(at 3) expect_code 0 "notify send" notify send
expect_out "the one reply was used: the done message waits" \
	"0 sent, 0 failed, 0 abandoned, 0 without an answer, 1 waiting"
expect_eq "no request" "0" "$(requests)"
MOTCUA_NOW=$(at 4) feed b4 u-b m-b4 $((T0 + 3 * DAY + 240000))
MOTCUA_NOW=$(at 5) expect_code 0 "u-b writes again; notify send" notify send
expect_out "it goes" "1 sent, 0 failed, 0 abandoned, 0 without an answer, 0 waiting"
expect_eq "as a reply to the new message" "u-b m-b4" \
	"$(logged 1 body | jq -r '.recipient | "\(.user_id) \(.message_id)"')"
expect_code 0 "db check" db check -q
