#!/bin/sh
# SPEC 9: several clerks at once. 4 counters x 100 receipts give 400
# distinct, gapless codes; writers wait for a long import instead of
# failing, lose nothing, and give up (exit 75) only past their timeout.
. "$(dirname "$0")/../lib.sh"
init_office

# 1. 4 processes x 100 dossier new at the same moment, each waiting for
# the others as long as it takes (a loaded machine may keep one from the
# lock for a while; part 2 checks the timeout).
worker() {
	i=0
	while [ $i -lt 100 ]; do
		MOTCUA_BUSY_TIMEOUT=600000 "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Quầy $1 số $i" \
			</dev/null >>"$TMP/codes.$1" 2>>"$TMP/errors.$1" || echo "$1: exit $?" >>"$TMP/failed"
		i=$((i + 1))
	done
}
for p in 1 2 3 4; do worker $p & done
wait
expect_eq "no receipt failed" "" "$(cat "$TMP/failed" "$TMP"/errors.* 2>/dev/null)"
expect_eq "400 codes were printed" "400" "$(cat "$TMP"/codes.* | wc -l)"
expect_eq "all distinct" "400" "$(cat "$TMP"/codes.* | sort -u | wc -l)"
seq -f '000.00.22.H12-260429-%04g' 1 400 >"$TMP/want"
expect_eq "gapless from 0001 to 0400" "" "$(cat "$TMP"/codes.* | sort | diff - "$TMP/want")"
expect_eq "each counter's own codes rise" "" \
	"$(for p in 1 2 3 4; do sort -c "$TMP/codes.$p" 2>&1; done)"
expect_eq "the register holds the 400, each with its audit record" "400 400" \
	"$(sqlite3 "$MOTCUA_DB" "select count(*), (select count(*) from audit_log where command = 'dossier new') from dossiers" | tr '|' ' ')"

# 2. Writers against a long import. The import reads a large generated
# CSV through a pipe that this test feeds: it holds the write lock for as
# long as the test wants, with no timing involved.
rows=20000
awk -v n=$rows 'BEGIN { print "code,name,days,fee,documents"
	for (i = 1; i <= n; i++) printf "8.%06d,Thủ tục số %d,%d,%d,Tờ khai;CCCD\n", i, i, i % 30, i * 100 }' \
	>"$TMP/big.csv"
half=$((rows / 2 + 1))
mkfifo "$TMP/feed"
"$MOTCUA" procedure import - <"$TMP/feed" >"$TMP/import.out" 2>"$TMP/import.err" &
importer=$!
exec 3>"$TMP/feed"
head -n "$half" "$TMP/big.csv" >&3
# The import holds the write lock once another writer cannot take it.
n=0
while sqlite3 -cmd ".timeout 0" "$MOTCUA_DB" "begin immediate; rollback;" 2>/dev/null; do
	n=$((n + 1))
	[ $n -ge 2400 ] && break
	sleep 0.05
done
expect_eq "the import holds the write lock" "locked" \
	"$(sqlite3 -cmd ".timeout 0" "$MOTCUA_DB" "begin immediate; rollback;" 2>&1 | grep -o locked)"

for w in 1 2 3 4; do
	MOTCUA_BUSY_TIMEOUT=600000 "$MOTCUA" -q dossier new --procedure 2.000635 \
		--applicant "Chờ $w" </dev/null >"$TMP/waiter.$w" 2>&1 3>&- &
	eval "waiter$w=\$!"
done
MOTCUA_BUSY_TIMEOUT=300 "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Vội" \
	</dev/null >"$TMP/hasty.out" 2>"$TMP/hasty.err"
expect_eq "a writer whose timeout passes first gives up with exit 75" "75" "$?"
expect_eq "saying why" "motcua: the database is busy (another clerk is writing); try again" \
	"$(cat "$TMP/hasty.err")"
MOTCUA_BUSY_TIMEOUT=300 "$MOTCUA" -q dossier status 000.00.22.H12-260429-0001 </dev/null >"$TMP/reader.out" 2>&1
expect_eq "a reader is not kept waiting meanwhile" "0 000.00.22.H12-260429-0001" "$? $(cat "$TMP/reader.out")"
MOTCUA_BUSY_TIMEOUT=300 "$MOTCUA" -q procedure list </dev/null >"$TMP/reader.out" 2>&1
expect_eq "and sees none of the unfinished import" "7" "$(wc -l <"$TMP/reader.out")"
still=0
for w in 1 2 3 4; do eval "kill -0 \$waiter$w" 2>/dev/null && still=$((still + 1)); done
expect_eq "the writers with a long timeout are still waiting" "4" "$still"

tail -n "+$((half + 1))" "$TMP/big.csv" >&3
exec 3>&-
wait $importer
expect_eq "the import completes" "0 $rows added, 0 updated, 0 unchanged" "$? $(cat "$TMP/import.out")"
codes=
for w in 1 2 3 4; do
	eval "wait \$waiter$w"
	r=$?
	[ $r -eq 0 ] || not_ok "waiting writer $w: exit $r: $(cat "$TMP/waiter.$w")"
	codes="$codes $(cat "$TMP/waiter.$w")"
done
expect_eq "then every waiting writer gets its turn and a code" \
	"000.00.22.H12-260429-0401 000.00.22.H12-260429-0402 000.00.22.H12-260429-0403 000.00.22.H12-260429-0404" \
	"$(printf '%s\n' $codes | sort | tr '\n' ' ' | sed 's/ $//')"
expect_eq "nothing was lost: the import and the 404 receipts" "$((rows + 7)) 404" \
	"$(sqlite3 "$MOTCUA_DB" "select (select count(*) from procedures), count(*) from dossiers" | tr '|' ' ')"
expect_eq "the hasty writer's dossier is not there" "0" \
	"$(sqlite3 "$MOTCUA_DB" "select count(*) from dossiers where applicant = 'Vội'")"
expect_code 0 "db check after it all" db check
