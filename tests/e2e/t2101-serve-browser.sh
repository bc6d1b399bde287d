#!/bin/sh
# The lookup page in a real browser: headless Chromium at a phone's size
# (390x844) opens the page that the slip's QR code names, and the test
# reads the rendered DOM. The screenshot stays in the build folder
# (t2101-lookup.png, t2101-form.png), to be looked at.
. "$(dirname "$0")/../lib.sh"
command -v chromium >/dev/null 2>&1 ||
	{ not_ok "chromium is not installed: run scripts/deps.sh"; exit 1; }
init_office_on 2026-04-27T08:00:00+07:00
"$MOTCUA" config set office_address "Số 1 đường Lê Lợi, phường Vĩnh Phú" >/dev/null
MOTCUA_NOW=2026-04-28T08:15:00+07:00 "$MOTCUA" --format json dossier new --procedure 2.000635 \
	--applicant "Nguyễn Văn An" --slip none >"$TMP/new.json" </dev/null
CODE=$(jq -r .code "$TMP/new.json") PIN=$(jq -r .pin "$TMP/new.json")
MOTCUA_NOW=2026-04-28T09:00:00+07:00 "$MOTCUA" dossier update "$CODE" --status supplement \
	--reason "Thiếu bản sao giấy khai sinh" >/dev/null </dev/null
serve_start

# browse WHAT URL: Chromium's DOM of URL in $TMP/dom, its screenshot in the
# build folder. Its own profile in $TMP; as root it needs --no-sandbox.
browse() {
	chromium_run --dump-dom "$2" >"$TMP/dom"
	chromium_run --screenshot="$MOTCUA_MODULEDIR/t2101-$1.png" "$2" >/dev/null
}
chromium_run() {
	timeout 180 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--no-first-run --user-data-dir="$TMP/chromium" --window-size=390,844 \
		"$@" 2>>"$TMP/chromium.err" </dev/null
}
text_of() { sed -n "s:.*<p id=\"$1\">\(.*\)</p>.*:\1:p" "$TMP/dom"; }

# The QR code of the slip, read by zbarimg: the address the citizen opens,
# which the office's reverse proxy hands to this server.
"$MOTCUA" dossier form "$CODE" 01 -o "$TMP/slip.png" </dev/null >/dev/null 2>"$TMP/err" || cat "$TMP/err"
URL=$(zbarimg --raw -q "$TMP/slip.png" 2>/dev/null)
expect_eq "the slip's QR code" "https://dichvucong.binhduong.gov.vn/tra-cuu?ma=$CODE&pin=$PIN" "$URL"
browse lookup "$BASE${URL#https://dichvucong.binhduong.gov.vn}"
expect_eq "Chromium shows the status" "Yêu cầu bổ sung hồ sơ" "$(text_of status)"
expect_eq "... and what to do" 1 \
	"$(grep -c 'Đề nghị ông/bà bổ sung hồ sơ: Thiếu bản sao giấy khai sinh.' "$TMP/dom")"
expect_eq "... and the history, two lines" 2 \
	"$(sed -n '/<ol id="history">/,/<\/ol>/p' "$TMP/dom" | grep -c '<li>')"
expect_eq "the screenshot is a phone's screen" "390x844" \
	"$("$HELPERS/pnginfo" "$MOTCUA_MODULEDIR/t2101-lookup.png" | cut -d" " -f1)"
expect_eq "the server logged Chromium's lookups" 2 \
	"$(grep -c '^127\.0\.0\.1 GET /tra-cuu 200 ' "$TMP/serve.log")"

browse form "$BASE/tra-cuu"
expect_eq "without a code: the form, with its two fields" 2 \
	"$(grep -c '<input id="\(code\|pin\)"' "$TMP/dom")"
serve_stop
expect_eq "serve exits 0" 0 "$serve_rc"
