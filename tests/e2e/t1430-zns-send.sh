#!/bin/sh
# contrib/zns-send.sh against a fake ZNS endpoint: a `curl` first in PATH
# that records each request and answers success, a Zalo error, a timeout
# or a page that is not JSON, so that every branch of the marking runs.
. "$(dirname "$0")/../lib.sh"
SEND=$TESTS_DIR/../contrib/zns-send.sh
init_office
case $MOTCUA in /*) ;; *) MOTCUA=$PWD/$MOTCUA ;; esac
export MOTCUA

mkdir -p "$TMP/bin"
export FAKE_ZNS_LOG="$TMP/requests.jsonl"
cat >"$TMP/bin/curl" <<'EOF'
#!/bin/sh
# The fake endpoint: records {url, argv, conf, body} and answers by phone.
argv="$*" conf= body= url=
while [ $# -gt 0 ]; do
	case $1 in
	-K | --config) conf=$2; shift 2 ;;
	--data-binary) body=${2#@}; shift 2 ;;
	--max-time) shift 2 ;;
	-*) shift ;;
	*) url=$1; shift ;;
	esac
done
jq -c --arg url "$url" --arg argv "$argv" --rawfile conf "$conf" \
	'{url: $url, argv: $argv, conf: $conf, body: .}' "$body" >>"$FAKE_ZNS_LOG"
phone=$(jq -r .phone "$body")
[ "${FAKE_ZNS_ALL_OK:-}" = 1 ] && phone=ok
case $phone in
84912000002) echo '{"error":-108,"message":"Phone number is invalid"}' ;;
84912000003) echo "curl: (28) Operation timed out after 20001 milliseconds" >&2; exit 28 ;;
84912000004) printf '<html>\n<body>502 Bad Gateway</body>\n</html>\n' ;;
*) jq -c '{error: 0, message: "Success", data: {msg_id: ("zns-" + .tracking_id), sent_time: "1777428000000"}}' "$body" ;;
esac
EOF
chmod +x "$TMP/bin/curl"

send() {  # runs the sender with the fake curl; stdout/stderr/rc like mc
	: >"$FAKE_ZNS_LOG"
	PATH="$TMP/bin:$PATH" sh "$SEND" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
}
state() {  # ID: "state attempts msg_id last_error"
	"$MOTCUA" notify list --format json |
		jq -r ".[] | select(.id == $1) | \"\(.state) \(.attempts) \(.msg_id) \(.last_error)\""
}

"$MOTCUA" config set zns_template_received 214871
"$MOTCUA" config set zns_template_done 214873
for i in 1 2 3 4 5; do
	"$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Công Dân $i" --phone "091200000$i" >/dev/null </dev/null
done
"$MOTCUA" dossier update 000.00.22.H12-260429-0001 --status supplement --reason "thiếu" >/dev/null
"$MOTCUA" notify export >"$TMP/export.jsonl" 2>/dev/null

export ZNS_ACCESS_TOKEN=tok-0123456789abcdef
send
expect_eq "some failed: exit 1" "1" "$rc"
expect_out "it sums up on stdout" "zns-send: 2 sent, 3 failed"
expect_eq "and says each failure on stderr" "zns-send: message 2: ZNS error -108: Phone number is invalid
zns-send: message 3: curl exit 28: curl: (28) Operation timed out after 20001 milliseconds
zns-send: message 4: not a ZNS answer: <html> <body>502 Bad Gateway</body> </html>" \
	"$(grep '^zns-send' "$TMP/err")"
expect_grep "motcua says the supplement message waits for its template" \
	"zns_template_supplement is not set: 1 supplement message stays pending" "$TMP/err"

expect_eq "five requests were posted" "5" "$(wc -l <"$FAKE_ZNS_LOG" | tr -d ' ')"
expect_eq "each one exactly as notify export printed it" "$(jq -c . "$TMP/export.jsonl")" \
	"$(jq -c .body "$FAKE_ZNS_LOG")"
expect_eq "to Zalo's endpoint" "https://business.openapi.zalo.me/message/template" \
	"$(jq -r .url "$FAKE_ZNS_LOG" | sort -u)"
expect_eq "with the token in an access_token header" \
	"header = \"access_token: tok-0123456789abcdef\"" "$(jq -r .conf "$FAKE_ZNS_LOG" | sort -u | grep access_token)"
expect_eq "that never shows on curl's command line" "" "$(jq -r .argv "$FAKE_ZNS_LOG" | grep tok-)"

expect_eq "message 1: sent, with Zalo's msg_id" "sent 1 zns-1 null" "$(state 1)"
expect_eq "message 2: failed with Zalo's error" "failed 1 null ZNS error -108: Phone number is invalid" "$(state 2)"
expect_eq "message 3: failed with curl's" "failed 1 null curl exit 28: curl: (28) Operation timed out after 20001 milliseconds" "$(state 3)"
expect_eq "message 4: failed, not JSON" "failed 1 null not a ZNS answer: <html> <body>502 Bad Gateway</body> </html>" "$(state 4)"
expect_eq "message 5: sent" "sent 1 zns-5 null" "$(state 5)"
expect_eq "message 6 (the supplement) was not tried" "pending 0 null null" "$(state 6)"

# Again: only the failed ones are posted again.
send
expect_out "the next run tries the failed ones" "zns-send: 0 sent, 3 failed"
expect_eq "and only those" "2 3 4" "$(jq -r .body.tracking_id "$FAKE_ZNS_LOG" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "counting the attempts" "failed 2" "$(state 2 | cut -d' ' -f1-2)"

# The endpoint recovers: everything goes, and then nothing is left.
FAKE_ZNS_ALL_OK=1 send
expect_eq "all sent: exit 0" "0" "$rc"
expect_out "three more" "zns-send: 3 sent, 0 failed"
expect_eq "message 3 after three attempts" "sent 3 zns-3 null" "$(state 3)"
send
expect_eq "a run with nothing to send: exit 0" "0" "$rc"
expect_out "says so" "zns-send: 0 sent, 0 failed"
expect_eq "and posts nothing" "0" "$(wc -l <"$FAKE_ZNS_LOG" | tr -d ' ')"

# The template of the waiting message is set: it goes.
"$MOTCUA" config set zns_template_supplement 214872
send
expect_out "the supplement message goes once its template is set" "zns-send: 1 sent, 0 failed"
expect_eq "with its template id" "214872 6" "$(jq -r '.body | "\(.template_id) \(.tracking_id)"' "$FAKE_ZNS_LOG")"

# Set-up: the token from a file, or none; another endpoint.
"$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Công Dân 7" --phone 0912000007 >/dev/null </dev/null
printf 'tok-from-file\n' >"$TMP/token"
chmod 600 "$TMP/token"
ZNS_ACCESS_TOKEN='' ZNS_ACCESS_TOKEN_FILE="$TMP/token" ZNS_URL=http://127.0.0.1:9/zns send
expect_out "ZNS_ACCESS_TOKEN_FILE and ZNS_URL" "zns-send: 1 sent, 0 failed"
expect_eq "the token of the file, the URL given" "header = \"access_token: tok-from-file\" http://127.0.0.1:9/zns" \
	"$(jq -r '(.conf | split("\n") | map(select(test("access_token"))) | .[0]) + " " + .url' "$FAKE_ZNS_LOG")"
ZNS_ACCESS_TOKEN='' send
expect_eq "no token: exit 2" "2" "$rc"
expect_err "saying what to set" "zns-send: no access token: set ZNS_ACCESS_TOKEN or ZNS_ACCESS_TOKEN_FILE"
ZNS_ACCESS_TOKEN='x" -o /tmp/x' send
expect_eq "a token that would break curl's configuration: exit 2" "2" "$rc"
MOTCUA_DB=$TMP/none.db send
expect_eq "motcua cannot export: exit 2" "2" "$rc"
expect_grep "and says so" "zns-send: motcua notify export failed" "$TMP/err"
