#!/bin/sh
# motcua serve's workers keep their connection, the statements of a
# lookup prepared on it, and read the settings inside each lookup's own
# snapshot: the same answer from a worker's first lookup to its fortieth;
# what the counter changes (a status, a setting) shows at the next lookup
# of every worker, on the page, in the JSON and on the not-found page; a
# lookup leaves no read transaction open behind it (a checkpoint can
# empty the WAL, and the check itself fails while a reader holds one);
# lookups go on while the counter holds the write lock.
. "$(dirname "$0")/../lib.sh"
init_office_on 2026-04-27T08:00:00+07:00
"$MOTCUA" config set office_address "Số 1 đường Lê Lợi" >/dev/null
at() { MOTCUA_NOW=$1; export MOTCUA_NOW; shift; "$MOTCUA" "$@" </dev/null; }
at 2026-04-28T08:15:00+07:00 --format json dossier new --procedure 2.000635 \
	--applicant "Nguyễn Văn An" --slip none >"$TMP/new.json"
C=$(jq -r .code "$TMP/new.json") P=$(jq -r .pin "$TMP/new.json")
at 2026-04-28T09:00:00+07:00 dossier update "$C" --status supplement --reason "Thiếu tờ khai" \
	>/dev/null
MOTCUA_NOW=2026-04-29T09:00:00+07:00
export MOTCUA_NOW

# Two workers, a new connection per request: the requests go to both.
serve_start --threads 2 --max-failures 1000

# get PATH?QUERY: the status in $code, the body in $TMP/body.
get() { code=$(curl -s -o "$TMP/body" -w '%{http_code}' "$BASE$1"); }
status_line() { sed -n 's:.*<p id="status">\(.*\)</p>.*:\1:p' "$TMP/body"; }
PAGE="/tra-cuu?ma=$C&pin=$P"
API="/api/v1/dossiers/$C?pin=$P"

# ---- 1. The same answer, whatever the worker and however often ----
get "$PAGE"
cp "$TMP/body" "$TMP/page1"
expect_eq "the first lookup: the page of a supplement" "200 Yêu cầu bổ sung hồ sơ" "$code $(status_line)"
get "$API"
cp "$TMP/body" "$TMP/json1"
expect_eq "the first lookup: the JSON" "supplement Thiếu tờ khai" "$(jq -r '.status + " " + .next.reason' "$TMP/json1")"
same=0
for i in $(seq 40); do
	get "$PAGE"
	cmp -s "$TMP/body" "$TMP/page1" && same=$((same + 1))
	get "$API"
	cmp -s "$TMP/body" "$TMP/json1" && same=$((same + 1))
done
expect_eq "forty more lookups of each: byte for byte the first answers" 80 "$same"

# ---- 2. A status changed at the counter: the next lookup shows it ----
at 2026-04-29T08:30:00+07:00 dossier update "$C" --status processing >/dev/null
for i in 1 2 3 4 5 6; do
	get "$PAGE"
	printf '%s %s|' "$code" "$(status_line)"
	get "$API"
	printf '%s|' "$(jq -r .status "$TMP/body")"
done >"$TMP/seen"
expect_eq "the new status, on every answer after the change" \
	"$(for i in 1 2 3 4 5 6; do printf '200 Đang xử lý|processing|'; done)" "$(cat "$TMP/seen")"

# ---- 3. A setting changed at the counter: the next lookup shows it ----
"$MOTCUA" config set office_address "Số 9 đường Trần Phú" >/dev/null
for i in 1 2 3 4 5 6; do
	get "$PAGE"
	printf '%s ' "$(grep -c 'Số 9 đường Trần Phú' "$TMP/body")"
	get "$API"
	printf '%s ' "$(jq -r .office.address "$TMP/body")"
	get "/tra-cuu?ma=$C&pin=WRONG1"
	printf '%s %s|' "$code" "$(grep -c 'Số 9 đường Trần Phú' "$TMP/body")"
done >"$TMP/seen"
expect_eq "the new address: on the page, in the JSON, on the not-found page" \
	"$(for i in 1 2 3 4 5 6; do printf '1 Số 9 đường Trần Phú 404 1|'; done)" "$(cat "$TMP/seen")"
"$MOTCUA" config set utc_offset +08:00 >/dev/null
get "$API"
expect_eq "a new UTC offset, at the next lookup" "2026-04-28T09:15:00+08:00" \
	"$(jq -r .received_at "$TMP/body")"
"$MOTCUA" config set utc_offset +07:00 >/dev/null
get "$API"
expect_eq "... and back" "2026-04-28T08:15:00+07:00" "$(jq -r .received_at "$TMP/body")"

# ---- 4. No read transaction left open by a lookup ----
for i in 1 2 3 4 5 6; do get "$PAGE"; get "$API"; get "/tra-cuu?ma=$C&pin=WRONG1"; done
# busy|log|checkpointed: busy is 1 when a reader's snapshot stops the
# checkpoint from emptying the WAL.
expect_eq "after lookups, a checkpoint empties the WAL (no snapshot held)" 0 \
	"$(sqlite3 "$MOTCUA_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' | cut -d'|' -f1)"
# The check can fail: a reader that holds a snapshot makes it busy.
at 2026-04-29T08:40:00+07:00 dossier update "$C" --status done >/dev/null
mkfifo "$TMP/rd"
sqlite3 "$MOTCUA_DB" <"$TMP/rd" >"$TMP/rd.out" 2>&1 &
RD=$!
exec 7>"$TMP/rd"
echo "BEGIN; SELECT count(*) FROM dossiers;" >&7
n=0
while [ ! -s "$TMP/rd.out" ] && [ $n -lt 1200 ]; do sleep 0.1; n=$((n + 1)); done
at 2026-04-29T08:45:00+07:00 dossier update "$C" --status returned >/dev/null
expect_eq "the check fails while a reader holds a snapshot" 1 \
	"$(sqlite3 "$MOTCUA_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' | cut -d'|' -f1)"
echo "COMMIT;" >&7
exec 7>&-
wait $RD

# ---- 5. Lookups while the counter holds the write lock ----
mkfifo "$TMP/sql"
sqlite3 "$MOTCUA_DB" <"$TMP/sql" >"$TMP/sql.out" 2>&1 &
SQL=$!
exec 7>"$TMP/sql"
echo "BEGIN IMMEDIATE; UPDATE settings SET value = value WHERE key = 'unit_name'; SELECT 'held';" >&7
n=0
while ! grep -q held "$TMP/sql.out" && [ $n -lt 1200 ]; do sleep 0.1; n=$((n + 1)); done
for i in 1 2 3 4; do
	get "$PAGE"
	printf '%s %s|' "$code" "$(status_line)"
	get "$API"
	printf '%s %s|' "$code" "$(jq -r .status "$TMP/body")"
done >"$TMP/seen"
expect_eq "lookups during a write transaction are answered" \
	"$(for i in 1 2 3 4; do printf '200 Đã trả kết quả|200 returned|'; done)" "$(cat "$TMP/seen")"
echo "COMMIT;" >&7
exec 7>&-
wait $SQL

# ---- 6. The log: a line per request, and SIGTERM stops it ----
expect_eq "one log line per request" 140 "$(grep -c ' GET /' "$TMP/serve.log")"
serve_stop
expect_eq "serve exits 0 on SIGTERM" 0 "$serve_rc"
