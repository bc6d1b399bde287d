#!/bin/sh
# motcua serve: the citizen's lookup page and its JSON for each status,
# one answer for a wrong PIN and an unknown code, 429 after repeated
# failures, escaping, headers, the log, lookups while the counter writes,
# and a stop on SIGTERM that answers the request in flight.
. "$(dirname "$0")/../lib.sh"
init_office_on 2026-04-27T08:00:00+07:00
"$MOTCUA" config set office_address "Số 1 đường Lê Lợi, phường Vĩnh Phú" >/dev/null
"$MOTCUA" config set office_phone "0274 3755 123" >/dev/null
at() { MOTCUA_NOW=$1; export MOTCUA_NOW; shift; "$MOTCUA" "$@" </dev/null; }
new() {
	at "$1" --format json dossier new --procedure 2.000635 --applicant "$2" --slip none \
		${3:+--delivery} ${3:+"$3"} ${3:+--address} ${3:+"Số 5 đường Hùng Vương"} >"$TMP/new.json"
	jq -r '.code + " " + .pin' "$TMP/new.json"
}
set -- $(new 2026-04-28T08:15:00+07:00 "Nguyễn Văn An"); RECV=$1 RECV_PIN=$2
set -- $(new 2026-04-28T08:20:00+07:00 "Trần Thị Bích"); SUPP=$1 SUPP_PIN=$2
at 2026-04-28T09:00:00+07:00 dossier update "$SUPP" --status supplement \
	--reason "Thiếu tờ khai <script>alert(1)</script>" >/dev/null
set -- $(new 2026-04-28T08:25:00+07:00 "Lê Văn Cường"); DONE=$1 DONE_PIN=$2
at 2026-04-28T10:00:00+07:00 dossier update "$DONE" --status done >/dev/null
set -- $(new 2026-04-28T08:30:00+07:00 "Phạm Thu Hà" post); POST=$1 POST_PIN=$2
at 2026-04-28T10:05:00+07:00 dossier update "$POST" --status done >/dev/null
set -- $(new 2026-04-28T08:35:00+07:00 "Võ Minh"); RET=$1 RET_PIN=$2
at 2026-04-28T10:10:00+07:00 dossier update "$RET" --status done >/dev/null
at 2026-04-28T14:00:00+07:00 dossier update "$RET" --status returned >/dev/null
set -- $(new 2026-04-28T08:40:00+07:00 "Đỗ Hải"); PAY=$1 PAY_PIN=$2
at 2026-04-28T09:30:00+07:00 dossier update "$PAY" --status payment >/dev/null
set -- $(new 2026-04-28T08:45:00+07:00 "Hồ Lan"); REJ=$1 REJ_PIN=$2
at 2026-04-28T08:50:00+07:00 dossier update "$REJ" --status rejected \
	--reason "Không thuộc thẩm quyền" >/dev/null
set -- $(new 2026-04-28T08:50:00+07:00 "Mai Anh"); WDR=$1 WDR_PIN=$2
at 2026-04-28T09:10:00+07:00 dossier update "$WDR" --status withdrawn >/dev/null
set -- $(new 2026-04-28T08:55:00+07:00 "Tạ Quang"); STP=$1 STP_PIN=$2
at 2026-04-28T09:20:00+07:00 dossier update "$STP" --status processing >/dev/null
at 2026-04-28T09:30:00+07:00 dossier update "$STP" --status stopped --reason "Người yêu cầu đã mất" >/dev/null
# Received on the 28th, due on 5 May; looked up on the 6th: overdue.
set -- $(new 2026-04-28T09:05:00+07:00 "Lý Na"); OVD=$1 OVD_PIN=$2
MOTCUA_NOW=2026-04-29T09:00:00+07:00
export MOTCUA_NOW

# The server takes the address from X-Real-IP (a proxy on this machine),
# so that each part of this test counts its failures on an address of its own.
serve_start --trust-proxy

# get ADDR PATH?QUERY: the answer's status in $code, headers and body in
# $TMP/head and $TMP/body.
get() {
	code=$(curl -s -D "$TMP/head" -o "$TMP/body" -w '%{http_code}' -H "X-Real-IP: $1" "$BASE$2")
}
status_line() { sed -n 's:.*<p id="status">\(.*\)</p>.*:\1:p' "$TMP/body"; }
next_line() { sed -n '/<section id="next">/,/<\/section>/s:^<p>\(.*\)</p>$:\1:p' "$TMP/body"; }

# ---- 1. The page of each status ----
page() {  # CODE PIN LABEL NEXT
	get 10.0.0.1 "/tra-cuu?ma=$1&pin=$2"
	expect_eq "$3: 200" 200 "$code"
	expect_eq "$3: the status" "$3" "$(status_line)"
	expect_eq "$3: what comes next" "$4" "$(next_line)"
}
page "$RECV" "$RECV_PIN" "Đã tiếp nhận" \
	"Hồ sơ đang được giải quyết. Thời gian hẹn trả kết quả: 08:15 ngày 05/05/2026."
page "$SUPP" "$SUPP_PIN" "Yêu cầu bổ sung hồ sơ" \
	"Đề nghị ông/bà bổ sung hồ sơ: Thiếu tờ khai &lt;script&gt;alert(1)&lt;/script&gt;. Xin mang giấy tờ bổ sung và Giấy tiếp nhận hồ sơ đến Bộ phận Một cửa."
page "$DONE" "$DONE_PIN" "Đã có kết quả, chờ trả" \
	"Đã có kết quả. Mời ông/bà mang Giấy tiếp nhận hồ sơ đến nhận kết quả tại Bộ phận Một cửa UBND phường Vĩnh Phú, Số 1 đường Lê Lợi, phường Vĩnh Phú, Thứ Hai đến Thứ Sáu, từ 07:30 đến 17:00."
page "$POST" "$POST_PIN" "Đã có kết quả, chờ trả" \
	"Đã có kết quả; kết quả được gửi qua dịch vụ bưu chính đến địa chỉ ông/bà đã đăng ký."
page "$RET" "$RET_PIN" "Đã trả kết quả" "Hồ sơ đã được trả kết quả lúc 14:00 ngày 28/04/2026."
page "$PAY" "$PAY_PIN" "Chờ thực hiện nghĩa vụ tài chính" \
	"Đề nghị ông/bà nộp phí, lệ phí: 8.000 đồng tại Bộ phận Một cửa."
page "$REJ" "$REJ_PIN" "Từ chối tiếp nhận" "Hồ sơ không được tiếp nhận. Lý do: Không thuộc thẩm quyền."
page "$WDR" "$WDR_PIN" "Công dân rút hồ sơ" "Hồ sơ đã được rút theo đề nghị của người nộp."
page "$STP" "$STP_PIN" "Dừng xử lý" "Hồ sơ đã dừng giải quyết. Lý do: Người yêu cầu đã mất."

# The whole page of one dossier: masked name, times, history without clerks.
get 10.0.0.1 "/tra-cuu?ma=$RET&pin=$RET_PIN"
sed -n '/<dl>/,/<\/ol>/p' "$TMP/body" >"$TMP/out"
expect_out "a returned dossier's details and history" '<dl>
<dt>Thủ tục</dt><dd>Cấp bản sao trích lục hộ tịch</dd>
<dt>Người nộp hồ sơ</dt><dd>Võ M***</dd>
<dt>Tiếp nhận lúc</dt><dd>08:35 ngày 28/04/2026</dd>
<dt>Hẹn trả kết quả</dt><dd>08:35 ngày 05/05/2026</dd>
<dt>Có kết quả lúc</dt><dd>10:10 ngày 28/04/2026</dd>
<dt>Trả kết quả lúc</dt><dd>14:00 ngày 28/04/2026</dd>
<dt>Phí, lệ phí</dt><dd>8.000 đồng</dd>
</dl>
</section>
<section>
<h2>Quá trình xử lý</h2>
<ol id="history">
<li><time>08:35 ngày 28/04/2026</time>Đã tiếp nhận</li>
<li><time>10:10 ngày 28/04/2026</time>Đã có kết quả, chờ trả</li>
<li><time>14:00 ngày 28/04/2026</time>Đã trả kết quả</li>
</ol>'
expect_eq "no clerk's login on the page" 0 "$(grep -cw 'lan' "$TMP/body")"
get 10.0.0.1 "/tra-cuu?ma=$RECV&pin=$RECV_PIN"
expect_grep "a name masked: the first word whole, then initials" \
	'<dt>Người nộp hồ sơ</dt><dd>Nguyễn V** A*</dd>' "$TMP/body"
get 10.0.0.1 "/tra-cuu?ma=$(echo "$RECV" | tr A-Z a-z)&pin=$(echo "$RECV_PIN" | tr A-Z a-z)"
expect_eq "code and PIN in small letters" "200 Đã tiếp nhận" "$code $(status_line)"

# ---- 2. The JSON of each status ----
api() {  # CODE PIN -> $TMP/body
	get 10.0.0.2 "/api/v1/dossiers/$1?pin=$2"
}
api "$SUPP" "$SUPP_PIN"
expect_eq "API: 200, JSON" "200 application/json; charset=utf-8" \
	"$code $(sed -n 's/^Content-Type: \(.*\)\r$/\1/p' "$TMP/head")"
expect_eq "API: status, step, reason" \
	"supplement|supplement|Thiếu tờ khai <script>alert(1)</script>|Trần T** B***" \
	"$(jq -r '[.status, .next.step, .next.reason, .applicant] | join("|")' "$TMP/body")"
expect_eq "API: the history's events" \
	"status received 2026-04-28T08:20:00+07:00|status supplement 2026-04-28T09:00:00+07:00" \
	"$(jq -r '[.history[] | "\(.event) \(.status) \(.at)"] | join("|")' "$TMP/body")"
for d in "RECV wait" "DONE collect" "POST post" "RET none" "PAY pay" "REJ none"; do
	set -- $d
	eval "c=\$$1 p=\$${1}_PIN"
	api "$c" "$p"
	expect_eq "API: $1's next step" "$2" "$(jq -r .next.step "$TMP/body")"
done
api "$PAY" "$PAY_PIN"
expect_eq "API: the fee and the office" "8000|UBND phường Vĩnh Phú|0274 3755 123|07:30-17:00" \
	"$(jq -r '[.procedure.fee, .office.name, .office.phone, .office.hours] | map(tostring) | join("|")' "$TMP/body")"
expect_eq "API: times are ISO 8601, null when not yet" "2026-04-28T08:40:00+07:00 null" \
	"$(jq -r '"\(.received_at) \(.finished_at)"' "$TMP/body")"

# ---- 3. A wrong PIN and an unknown code: one answer ----
get 10.0.0.3 "/tra-cuu?ma=$RECV&pin=ZZZZZZ"; c1=$code; cp "$TMP/body" "$TMP/wrong-pin"
grep -v '^Date:' "$TMP/head" >"$TMP/wrong-pin.head"
get 10.0.0.3 "/tra-cuu?ma=000.00.22.H12-260428-0099&pin=$RECV_PIN"; c2=$code
grep -v '^Date:' "$TMP/head" >"$TMP/unknown.head"
expect_eq "wrong PIN and unknown code: both 404" "404 404" "$c1 $c2"
if cmp -s "$TMP/wrong-pin" "$TMP/body" && cmp -s "$TMP/wrong-pin.head" "$TMP/unknown.head"; then
	ok "wrong PIN and unknown code: the same headers and body, byte for byte"
else
	not_ok "wrong PIN and unknown code differ"
	diff "$TMP/wrong-pin" "$TMP/body" | head -5 | sed 's/^/#   /'
fi
expect_eq "the not-found page says so" \
	"Không tìm thấy hồ sơ có mã và mã PIN này. Xin kiểm tra lại mã hồ sơ và mã PIN in trên Giấy tiếp nhận hồ sơ." \
	"$(status_line)"
get 10.0.0.4 "/api/v1/dossiers/$RECV?pin=ZZZZZZ"; cp "$TMP/body" "$TMP/wrong-pin"; c1=$code
get 10.0.0.4 "/api/v1/dossiers/000.00.22.H12-260428-0099?pin=ZZZZZZ"
expect_eq "API: wrong PIN and unknown code" '404 {"error":"not_found"}|404 {"error":"not_found"}' \
	"$c1 $(cat "$TMP/wrong-pin")|$code $(cat "$TMP/body")"
get 10.0.0.4 "/api/v1/dossiers/$RECV"
expect_eq "API: no PIN is a wrong PIN" 404 "$code"

# ---- 4. Too many failures from one address ----
for i in 1 2 3 4 5; do
	get 10.0.0.5 "/tra-cuu?ma=$RECV&pin=WRONG$i"
	printf '%s ' "$code"
done >"$TMP/codes"
expect_eq "five failures: 404 each" "404 404 404 404 404 " "$(cat "$TMP/codes")"
get 10.0.0.5 "/tra-cuu?ma=$RECV&pin=$RECV_PIN"
expect_eq "then 429, even with the right PIN" 429 "$code"
expect_grep "429 says when to try again" 'Retry-After: 900' "$TMP/head"
get 10.0.0.5 "/api/v1/dossiers/$RECV?pin=$RECV_PIN"
expect_eq "API: 429 too" '429 {"error":"too_many_requests"}' "$code $(cat "$TMP/body")"
get 10.0.0.6 "/tra-cuu?ma=$RECV&pin=$RECV_PIN"
expect_eq "another address is not held back" 200 "$code"

# ---- 5. Escaping ----
get 10.0.0.7 "/tra-cuu?ma=$SUPP&pin=$SUPP_PIN"
expect_eq "no <script> reaches the page" 0 "$(grep -c '<script' "$TMP/body")"
expect_grep "the reason, escaped, in the history" \
	'<span class="note">Thiếu tờ khai &lt;script&gt;alert(1)&lt;/script&gt;</span>' "$TMP/body"
get 10.0.0.7 '/tra-cuu?ma=%3Cscript%3Ealert(1)%3C%2Fscript%3E&pin=%22%3E%3Cb%3E'
expect_eq "a code holding <script>: 404, nothing of it echoed" "404 0 0" \
	"$code $(grep -c '<script' "$TMP/body") $(grep -c 'alert(1)' "$TMP/body")"

# ---- 6. Headers ----
get 10.0.0.8 "/tra-cuu?ma=$RECV&pin=$RECV_PIN"
grep -E '^(Cache-Control|Content-Security-Policy|X-Frame-Options|X-Content-Type-Options|Referrer-Policy|Content-Type):' \
	"$TMP/head" | tr -d '\r' >"$TMP/out"
expect_out "the security headers of a personal page" "Content-Type: text/html; charset=utf-8
Cache-Control: no-store
Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'
X-Frame-Options: DENY
X-Content-Type-Options: nosniff
Referrer-Policy: no-referrer"

# ---- 7. The form, health, other paths and methods ----
get 10.0.0.9 "/tra-cuu"
expect_eq "no code: the form" "200 1 1" \
	"$code $(grep -c '<input id="code" name="ma"' "$TMP/body") $(grep -c '<input id="pin" name="pin"' "$TMP/body")"
get 10.0.0.9 "/healthz"
expect_eq "/healthz" "200 ok" "$code $(cat "$TMP/body")"
get 10.0.0.9 "/admin"
expect_eq "another path: 404" 404 "$code"
code=$(curl -s -D "$TMP/head" -o "$TMP/body" -w '%{http_code}' -X POST -d x "$BASE/tra-cuu")
expect_eq "POST: 405, GET and HEAD allowed" "405 GET, HEAD" \
	"$code $(sed -n 's/^Allow: \(.*\)\r$/\1/p' "$TMP/head")"

# ---- 8. Lookups while the counter holds the write lock ----
mkfifo "$TMP/sql"
sqlite3 "$MOTCUA_DB" <"$TMP/sql" >/dev/null 2>&1 &
SQL=$!
exec 7>"$TMP/sql"
echo "BEGIN IMMEDIATE; UPDATE settings SET value = value WHERE key = 'unit_name';" >&7
echo "SELECT 1;" >&7
get 10.0.0.10 "/tra-cuu?ma=$RECV&pin=$RECV_PIN"
expect_eq "a lookup during a write transaction is answered" "200 Đã tiếp nhận" "$code $(status_line)"
echo "COMMIT;" >&7
exec 7>&-
wait $SQL

# A setting changed at the counter shows at the next request of every worker.
for i in 1 2 3 4 5 6; do get 10.0.0.11 "/tra-cuu"; done
"$MOTCUA" config set office_address "Số 9 đường Trần Phú" >/dev/null
for i in 1 2 3 4 5 6; do
	get 10.0.0.11 "/tra-cuu"
	grep -c 'Số 9 đường Trần Phú' "$TMP/body"
done >"$TMP/seen"
expect_eq "a new office address, on every answer after the change" "1 1 1 1 1 1" \
	"$(paste -sd' ' "$TMP/seen")"

# ---- 9. The log: one line per request, never the PIN ----
expect_eq "no PIN in the log" 0 "$(grep -c "$RECV_PIN\|pin=" "$TMP/serve.log")"
expect_eq "a log line: client, method, path, status, bytes, time" 1 \
	"$(grep -cE '^10\.0\.0\.9 GET /healthz 200 3 [0-9]+\.[0-9]ms$' "$TMP/serve.log")"

# ---- 10. SIGTERM: the request in flight is answered, then exit 0 ----
mkfifo "$TMP/go"
"$HELPERS/http-hold" "$PORT" "/api/v1/dossiers/$RECV?pin=$RECV_PIN" <"$TMP/go" >"$TMP/hold" 2>&1 &
HOLD=$!
exec 8>"$TMP/go"
n=0
while ! grep -q '^held' "$TMP/hold" && [ $n -lt 1200 ]; do sleep 0.1; n=$((n + 1)); done
kill -TERM $SERVE_PID
# Stopped accepting: a new connection is refused.
n=0
while curl -s -o /dev/null "$BASE/healthz" && [ $n -lt 1200 ]; do sleep 0.1; n=$((n + 1)); done
echo go >&8
exec 8>&-
wait $HOLD
expect_eq "the held request answered after SIGTERM, and its connection closed" \
	"first: HTTP/1.1 200 OK|held|second: HTTP/1.1 200 OK|Connection: close" \
	"$(tr -d '\r' <"$TMP/hold" | grep -v '^Connection: Keep-Alive' | paste -sd '|')"
wait $SERVE_PID
expect_eq "serve exits 0 on SIGTERM" 0 "$?"
EXIT_HOOK=${EXIT_HOOK#"kill $SERVE_PID 2>/dev/null; wait $SERVE_PID 2>/dev/null; "}
expect_eq "its last line" "motcua serve: stopped" "$(tail -n 1 "$TMP/serve.log")"

# ---- 11. What keeps it from starting ----
expect_code 2 "--listen without a port" serve --listen 127.0.0.1
expect_err "... says what is wrong" 'motcua: --listen: "127.0.0.1" is not ADDR:PORT (127.0.0.1:8080 or [::1]:8080)'
expect_code 2 "--listen on a name" serve --listen localhost:8080
expect_code 2 "--threads 0" serve --threads 0
expect_code 2 "--frame-ancestors with a quote" serve --frame-ancestors "x; script-src *"
MOTCUA_NOW=2026-05-06T09:00:00+07:00 serve_start
code=$(curl -s -o "$TMP/body" -w '%{http_code}' "$BASE/tra-cuu?ma=$OVD&pin=$OVD_PIN")
expect_eq "past its due time: overdue, and the office's number" "200 Hồ sơ đã quá thời gian hẹn trả kết quả. Bộ phận Một cửa sẽ thông báo cho ông/bà; ông/bà có thể liên hệ Bộ phận Một cửa qua số điện thoại 0274 3755 123." \
	"$code $(next_line)"
code=$(curl -s -o "$TMP/body" -w '%{http_code}' "$BASE/api/v1/dossiers/$OVD?pin=$OVD_PIN")
expect_eq "API: overdue" "overdue" "$(jq -r .next.step "$TMP/body")"
expect_code 69 "a port already taken" serve --listen "127.0.0.1:$PORT"
expect_grep "... names it" "motcua: cannot listen on 127.0.0.1:$PORT: " "$TMP/err"
serve_stop
"$MOTCUA" config set lookup_url 'https://h.example/tra-cuu/{code}?pin={pin}' >/dev/null
expect_code 69 "a lookup address with the code in its path" serve --listen 127.0.0.1:0
expect_err "... says why" "motcua: cannot serve the lookup page of \"https://h.example/tra-cuu/{code}?pin={pin}\": lookup_url: the path must be fixed, without {code} or {pin}"
mkdir "$TMP/empty"
MOTCUA_MODULEDIR=$TMP/empty expect_code 69 "motcua-net missing" serve --listen 127.0.0.1:0
expect_err "... says so" "motcua: cannot run $TMP/empty/motcua-net: No such file or directory (motcua-net, the program of the commands that use the network, is not installed)"
