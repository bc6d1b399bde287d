#!/bin/sh
# motcua serve --province: the province's one lookup address answers for
# every ward's dossier, read from its PostgreSQL (a reader role), with the
# ward's page: a dossier of each of two wards, its history pushed, one
# answer for a wrong PIN and an unknown code, the JSON, /healthz, and the
# errors of a wrong URL and of --province without --lookup-url.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/pg.sh"
pg_start
ADMIN=$(pg_url postgres)
for w in a b; do
	unit=000.00.22.H1$([ $w = a ] && echo 2 || echo 3)
	MOTCUA_DB=$TMP/$w.db MOTCUA_NOW=2026-04-28T08:00:00+07:00 "$MOTCUA" init --training \
		--unit-id "$unit" --unit-name "UBND phường $w" >/dev/null 2>"$TMP/init.err" ||
		{ not_ok "init $w"; cat "$TMP/init.err"; exit 1; }
done
at() { MOTCUA_NOW=$1; export MOTCUA_NOW; shift; "$MOTCUA" "$@" </dev/null; }
at 2026-04-28T08:15:00+07:00 --db "$TMP/a.db" --format json dossier new --procedure 2.000635 \
	--applicant "Nguyễn Văn An" --slip none >"$TMP/a.json"
at 2026-04-28T09:00:00+07:00 --db "$TMP/a.db" dossier update "$(jq -r .code "$TMP/a.json")" \
	--status supplement --reason "Thiếu tờ khai" >/dev/null
at 2026-04-28T08:30:00+07:00 --db "$TMP/b.db" --format json dossier new --procedure 2.000635 \
	--applicant "Trần Thị Bình" --slip none >"$TMP/b.json"
at 2026-04-28T10:00:00+07:00 --db "$TMP/b.db" dossier update "$(jq -r .code "$TMP/b.json")" \
	--status done >/dev/null
MOTCUA_NOW=2026-04-29T09:00:00+07:00
export MOTCUA_NOW
"$MOTCUA" --db "$TMP/a.db" config set office_address "Số 1 đường 30/4, phường a" &&
	"$MOTCUA" --db "$TMP/a.db" config set office_phone "0274 3822 123" &&
	"$MOTCUA" --db "$TMP/a.db" config set workweek mon-sat-am || not_ok "A's card"
expect_code 0 "province init" province init "$ADMIN" --ward 000.00.22.H12=ward_a \
	--ward 000.00.22.H13=ward_b --reader reader
expect_code 0 "ward A pushes" --db "$TMP/a.db" sync push --url "$(pg_url ward_a)"
expect_code 0 "ward B pushes" --db "$TMP/b.db" sync push --url "$(pg_url ward_b)"

# The province's server has no ward database of its own.
MOTCUA_DB=$TMP/none.db serve_start --province "$(pg_url reader)" \
	--lookup-url 'https://tracuu.binhduong.example/tra-cuu?ma={code}&pin={pin}' --trust-proxy
expect_eq "it says where it reads" "motcua serve: dossiers of every ward, from the province" \
	"$(sed -n 2p "$TMP/serve.log")"
get() {
	code=$(curl -s -D "$TMP/head" -o "$TMP/body" -w '%{http_code}' -H "X-Real-IP: $1" "$BASE$2")
}
status_line() { sed -n 's:.*<p id="status">\(.*\)</p>.*:\1:p' "$TMP/body"; }
A=$(jq -r .code "$TMP/a.json") AP=$(jq -r .pin "$TMP/a.json")
B=$(jq -r .code "$TMP/b.json") BP=$(jq -r .pin "$TMP/b.json")
get 10.0.1.1 "/tra-cuu?ma=$A&pin=$AP"
expect_eq "ward A's dossier: its status" "200 Yêu cầu bổ sung hồ sơ" "$code $(status_line)"
expect_eq "... its history, from the province" 2 \
	"$(sed -n '/<ol id="history">/,/<\/ol>/p' "$TMP/body" | grep -c '<li>')"
expect_grep "... and the supplement's reason" "Đề nghị ông/bà bổ sung hồ sơ: Thiếu tờ khai." "$TMP/body"
expect_eq "... with ward A's name, address, hours and phone, as its push gave them" \
	'<p class="office">UBND phường a</p>|<footer>|<p>Bộ phận Một cửa – UBND phường a<br>Số 1 đường 30/4, phường a<br>Giờ làm việc: Thứ Hai đến Thứ Sáu và sáng Thứ Bảy, từ 07:30 đến 17:00<br>Điện thoại: 0274 3822 123</p>' \
	"$(grep -e '<p class="office">' -e '<footer>' -e '<p>Bộ phận Một cửa' "$TMP/body" | paste -sd'|')"
get 10.0.1.1 "/tra-cuu?ma=$(echo "$B" | tr A-Z a-z)&pin=$(echo "$BP" | tr A-Z a-z)"
expect_eq "ward B's dossier, code and PIN in small letters" "200 Đã có kết quả, chờ trả" \
	"$code $(status_line)"
expect_grep "... with ward B's name" '<p class="office">UBND phường b</p>' "$TMP/body"
get 10.0.1.1 "/api/v1/dossiers/$B?pin=$BP"
expect_eq "the JSON: code, status, masked name, fee" "$B done Trần T** B*** 8000" \
	"$(jq -r '"\(.code) \(.status) \(.applicant) \(.procedure.fee)"' "$TMP/body")"

get 10.0.1.2 "/tra-cuu?ma=$A&pin=ZZZZZZ"; c1=$code; cp "$TMP/body" "$TMP/wrong"
get 10.0.1.2 "/tra-cuu?ma=000.00.22.H12-260428-0099&pin=$AP"
expect_eq "wrong PIN, unknown code: 404 both" "404 404" "$c1 $code"
if cmp -s "$TMP/wrong" "$TMP/body"; then ok "... the same page, byte for byte"
else not_ok "the two 404 pages differ"; fi
get 10.0.1.2 "/healthz"
expect_eq "/healthz asks the province" "200 ok" "$code $(cat "$TMP/body")"
before=$(pg_sql "select updated_at from ward_offices where unit_id = '000.00.22.H12'")
expect_code 0 "A pushes with nothing new" --db "$TMP/a.db" sync push --url "$(pg_url ward_a)"
expect_eq "its card unchanged, not rewritten" "$before" \
	"$(pg_sql "select updated_at from ward_offices where unit_id = '000.00.22.H12'")"
"$MOTCUA" --db "$TMP/a.db" config set office_address "Số 9 đường Cách Mạng Tháng Tám" >/dev/null
expect_code 0 "A moves, and pushes" --db "$TMP/a.db" sync push --url "$(pg_url ward_a)"
get 10.0.1.3 "/tra-cuu?ma=$A&pin=$AP"
expect_grep "the page has the new address" "<br>Số 9 đường Cách Mạng Tháng Tám<br>" "$TMP/body"
serve_stop
expect_eq "serve exits 0" 0 "$serve_rc"

expect_code 2 "--province without --lookup-url" serve --listen 127.0.0.1:0 --province "$(pg_url reader)"
expect_code 2 "--lookup-url without --province" serve --listen 127.0.0.1:0 \
	--lookup-url 'https://h/tra-cuu?ma={code}'
expect_code 75 "a province that does not answer" serve --listen 127.0.0.1:0 \
	--province "host=$TMP/nowhere dbname=province user=reader" --lookup-url 'https://h/tra-cuu?ma={code}'
