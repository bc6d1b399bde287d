#!/bin/sh
# The Zalo OA inbox: events fed to the webhook's function as motcua serve
# hands them over (zalo-event feed), then inbox list, show and done, and
# dossier new --from-message; the refusals, which change nothing.
. "$(dirname "$0")/../lib.sh"
init_office

APP=1234567890
KEY=k3y-s3cret
printf '%s\n' "$KEY" >"$TMP/oa-secret"
chmod 600 "$TMP/oa-secret"
# 2026-04-29 09:00 +07:00 in Zalo's milliseconds
T0=1777428000000

# post NAME TIMESTAMP: feeds $TMP/NAME.json signed for TIMESTAMP; the
# server's answer goes to $TMP/answer, the exit status to $rc.
post() {
	sig=$("$HELPERS/zalo-event" sign "$TMP/$1.json" "$APP" "$2" "$KEY")
	"$HELPERS/zalo-event" feed "$MOTCUA_DB" "$TMP/$1.json" "${3:-$sig}" >"$TMP/answer" 2>&1
	rc=$?
}

cat >"$TMP/text.json" <<JSON
{"app_id":"$APP","event_name":"user_send_text","timestamp":"$T0","sender":{"id":"2468458835296117922"},"recipient":{"id":"5797"},"message":{"msg_id":"m-text","text":"Tôi muốn xin trích lục khai sinh\nSĐT 0912345678"}}
JSON
cat >"$TMP/image.json" <<JSON
{"app_id":"$APP","event_name":"user_send_image","timestamp":"1777427940000","sender":{"id":"3216904426693862293"},"recipient":{"id":"5797"},"message":{"msg_id":"m-image","text":"giấy khai sinh cũ","attachments":[{"type":"image","payload":{"thumbnail":"https://t.zdn.vn/t.jpg","url":"https://f.zdn.vn/a.jpg"}}]}}
JSON
cat >"$TMP/file.json" <<JSON
{"app_id":"$APP","event_name":"user_send_file","timestamp":$T0,"sender":{"id":"3216904426693862293"},"recipient":{"id":"5797"},"message":{"msg_id":"m-file","attachments":[{"type":"file","payload":{"url":"https://f.zdn.vn/k.pdf","name":"tờ khai.pdf","size":"20480","type":"pdf","checksum":"e3b0"}}]}}
JSON
cat >"$TMP/follow.json" <<JSON
{"app_id":"$APP","event_name":"follow","timestamp":"$T0","follower":{"id":"1"},"oa_id":"5797"}
JSON

# ---- the office's settings ----

before=$(db_snapshot)
post text "$T0"
expect_eq "no app id: 503" "503 zalo_app_id is not set: the office has no Zalo webhook|1" "$(cat "$TMP/answer")|$rc"
expect_code 65 "an app id of letters is refused" config set zalo_app_id abc
expect_err "naming the setting" 'motcua: zalo_app_id: "abc" is not a Zalo app id (up to 30 digits)'
expect_code 65 "a relative secret file is refused" config set zalo_oa_secret_file oa-secret
expect_code 65 "a webhook path without its /" config set zalo_webhook_path zalo
expect_code 65 "a webhook path with a query" config set zalo_webhook_path '/zalo?x=1'
expect_code 65 "a webhook path with an invisible character" config set zalo_webhook_path "/zalo$(printf '\342\200\213')"
expect_code 65 "a window of 0 minutes" config set zalo_window_minutes 0
expect_eq "the refusals change nothing" "$before" "$(db_snapshot)"
expect_code 0 "the app id" config set zalo_app_id "$APP"
expect_code 0 "the secret file" config set zalo_oa_secret_file "$TMP/oa-secret"
expect_code 0 "the webhook's path" config set zalo_webhook_path /zalo/webhook
mc config get zalo_window_minutes
expect_out "the window is 5 minutes by default" "5"

chmod 644 "$TMP/oa-secret"
post text "$T0"
expect_eq "a secret file others can read: 503" \
	"503 $TMP/oa-secret: the Zalo OA secret key can be read by others (mode 644); make it private with: chmod 600 $TMP/oa-secret|1" \
	"$(cat "$TMP/answer")|$rc"
chmod 600 "$TMP/oa-secret"

# ---- events ----

before=$(db_snapshot)
post text "$T0" -
expect_eq "unsigned: 401" "401 Zalo event refused: no X-ZEvent-Signature|1" "$(cat "$TMP/answer")|$rc"
post text "$T0" "mac=$(printf '%064d' 0)"
expect_eq "forged: 401" "401 Zalo event refused: its signature is wrong (another app id or OA secret key, or a forged event)|1" \
	"$(cat "$TMP/answer")|$rc"
MOTCUA_NOW=2026-04-29T09:05:01+07:00 post text "$T0"
expect_eq "5 minutes and a second old: 401" \
	"401 Zalo event refused as stale: its time (1777428000000) is 301 seconds behind the clock (zalo_window_minutes: 5)|1" \
	"$(cat "$TMP/answer")|$rc"
MOTCUA_NOW=2026-04-29T08:54:00+07:00 post text "$T0"
expect_eq "6 minutes ahead: 401" \
	"401 Zalo event refused: its time (1777428000000) is 360 seconds ahead of the clock (zalo_window_minutes: 5)|1" \
	"$(cat "$TMP/answer")|$rc"
printf '{"event_name":' >"$TMP/bad.json"
post bad "$T0"
expect_eq "not JSON: 400" "400 not a Zalo event: the body is not one JSON object|1" "$(cat "$TMP/answer")|$rc"
expect_eq "none of them stored anything" "$before" "$(db_snapshot)"

post text "$T0"
expect_eq "a text message: stored" "200 stored 1|0" "$(cat "$TMP/answer")|$rc"
post text "$T0"
expect_eq "the same again (Zalo's retry): a duplicate" "200 duplicate 1|0" "$(cat "$TMP/answer")|$rc"
post image 1777427940000
expect_eq "an image" "200 stored 2|0" "$(cat "$TMP/answer")|$rc"
post file "$T0"
expect_eq "a file" "200 stored 3|0" "$(cat "$TMP/answer")|$rc"
post follow "$T0"
expect_eq "a follow: acknowledged, not kept" "200 ignored|0" "$(cat "$TMP/answer")|$rc"

# ---- inbox list, show ----

expect_code 0 "inbox list" inbox list
expect_out "oldest first, pending; a text of more lines cut" \
"  ID  SENT              KIND    STATE                       SENDER                TEXT
   1  2026-04-29 09:00  text    pending                     2468458835296117922   Tôi muốn xin trích lục khai sinh…
   2  2026-04-29 08:59  image   pending                     3216904426693862293   giấy khai sinh cũ
   3  2026-04-29 09:00  file    pending                     3216904426693862293   "
expect_code 0 "inbox show of the image" inbox show 2
expect_out "its sender, time, text and link" \
"Message 2  image
  from:        3216904426693862293 (Zalo user)
  sent:        2026-04-29 08:59
  text:        giấy khai sinh cũ
  attachments: image  https://f.zdn.vn/a.jpg
  state:       pending"
expect_code 0 "inbox show of the text" inbox show 1
expect_out "each line of the text" \
"Message 1  text
  from:        2468458835296117922 (Zalo user)
  sent:        2026-04-29 09:00
  text:        Tôi muốn xin trích lục khai sinh
               SĐT 0912345678
  state:       pending"
expect_code 0 "inbox show --format json of the file" inbox show 3 --format json
expect_eq "every field for machines" \
	'3 file user_send_file m-file 3216904426693862293 2026-04-29T09:00:00+07:00 null file https://f.zdn.vn/k.pdf tờ khai.pdf pending null' \
	"$(jq -r '"\(.id) \(.kind) \(.event) \(.msg_id) \(.sender) \(.sent_at) \(.text) \(.attachments[0].type) \(.attachments[0].url) \(.attachments[0].name) \(.state) \(.dossier)"' "$TMP/out")"
expect_code 0 "inbox list --format csv" inbox list --format csv
expect_eq "CSV with the links" "id,kind,event,msg_id,sender,sent_at,received_at,text,links,state,done_at,done_by,dossier
2,image,user_send_image,m-image,3216904426693862293,2026-04-29T08:59:00+07:00,2026-04-29T09:00:00+07:00,giấy khai sinh cũ,https://f.zdn.vn/a.jpg,pending,,," \
	"$(sed -n '1p;4p' "$TMP/out")"
expect_code 1 "an unknown message" inbox show 9
expect_err "says so" "motcua: no message 9 in the inbox"
expect_code 2 "an id that is no number" inbox show abc

# ---- inbox done ----

export MOTCUA_NOW=2026-04-29T10:00:00+07:00
expect_code 0 "inbox done 1" inbox done 1
expect_grep "shows it handled" "  state:       done on 2026-04-29 10:00 by lan" "$TMP/out"
before=$(db_snapshot)
expect_code 1 "twice" inbox done 1
expect_err "says when and by whom" "motcua: message 1 was handled already: marked done on 2026-04-29 10:00 by lan"
expect_code 1 "an unknown message" inbox done 9
expect_eq "changing nothing" "$before" "$(db_snapshot)"

# ---- dossier new --from-message ----

expect_code 65 "--channel counter with --from-message" dossier new --from-message 2 \
	--procedure 2.000635 --applicant "Trần Thị Bình" --channel counter -q
expect_err "is refused" 'motcua: channel: "counter": a dossier received from a Zalo message is online'
expect_code 1 "from a message handled already" dossier new --from-message 1 \
	--procedure 2.000635 --applicant "Nguyễn Văn An" -q
expect_code 1 "from no message" dossier new --from-message 9 --procedure 2.000635 --applicant "X" -q
expect_err "says so" "motcua: no message 9 in the inbox"
expect_code 65 "an applicant refused" dossier new --from-message 2 --procedure 2.000635 --applicant "" -q
expect_eq "none of them received a dossier or handled a message" "$before" "$(db_snapshot)"

expect_code 0 "a dossier from the image" dossier new --from-message 2 \
	--procedure 2.000635 --applicant "Trần Thị Bình" --phone 0987654321 -q
code=$(cat "$TMP/out")
expect_eq "its code" "000.00.22.H12-260429-0001" "$code"
mc dossier status "$code" --format json
expect_eq "online, with the sender's Zalo user id" "online 3216904426693862293 0987654321" \
	"$(jq -r '"\(.channel) \(.zalo_user_id) \(.phone)"' "$TMP/out")"
expect_code 0 "dossier status" dossier status "$code"
expect_grep "shows the Zalo user" "  Zalo user:   3216904426693862293" "$TMP/out"
mc dossier status 000.00.22.H12-260429-0001 --format json
expect_code 0 "inbox list --pending" inbox list --pending -q
expect_out "only message 3 is left" "3"
expect_code 0 "inbox list" inbox list
expect_grep "message 2 names its dossier" "   2  2026-04-29 08:59  image   000.00.22.H12-260429-0001   3216904426693862293" "$TMP/out"
expect_code 1 "a second dossier from it" dossier new --from-message 2 \
	--procedure 2.000635 --applicant "Trần Thị Bình" -q
expect_err "names the first" "motcua: message 2 was handled already: dossier 000.00.22.H12-260429-0001 was received from it on 2026-04-29 10:00 by lan"
expect_code 1 "inbox done of it" inbox done 2

# ---- the audit log ----

mc audit log --table inbox --format json
expect_eq "stored by zalo (serve), handled by lan" \
	"zalo serve 1|zalo serve 2|zalo serve 3|lan inbox done 1|lan dossier new 2" \
	"$(jq -r 'map("\(.clerk) \(.command) \(.key)") | join("|")' "$TMP/out")"
expect_code 0 "db check finds the log and the rows agree" db check
sqlite3 "$MOTCUA_DB" "DROP TRIGGER inbox_done_final; UPDATE inbox SET sender = '999' WHERE id = 3"
expect_code 1 "a sender changed behind the program's back is found" db check
