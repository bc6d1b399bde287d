#!/bin/sh
# Several counters receiving at the same moment: distinct, gapless codes.
. "$(dirname "$0")/../lib.sh"
init_office

# The writers wait for each other as long as it takes (on a loaded machine
# one may lose the lock to the others for a while): the checks are about
# the codes; the timeout has its own checks below.
procs=6 each=25
worker() {
	i=0
	while [ $i -lt $each ]; do
		MOTCUA_BUSY_TIMEOUT=600000 "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Quầy $1" \
			</dev/null >>"$TMP/codes.$1" 2>>"$TMP/errors.$1" || echo "$?" >>"$TMP/failed"
		i=$((i + 1))
	done
}
p=1
while [ $p -le $procs ]; do
	worker $p &
	p=$((p + 1))
done
wait

total=$((procs * each))
expect_eq "no receipt failed" "" "$(cat "$TMP/failed" "$TMP"/errors.* 2>/dev/null)"
expect_eq "every process got its codes" "$total" "$(cat "$TMP"/codes.* | wc -l)"
expect_eq "all codes are distinct" "$total" "$(cat "$TMP"/codes.* | sort -u | wc -l)"
seq -f '000.00.22.H12-260429-%04g' 1 $total >"$TMP/want"
expect_eq "and gapless from 0001" "" "$(cat "$TMP"/codes.* | sort | diff - "$TMP/want")"
expect_eq "the database agrees" "$total $total" \
	"$(sqlite3 "$MOTCUA_DB" "select count(*) || ' ' || max(seq) from dossiers")"

# A writer that cannot get the lock in time gives up with exit 75: another
# connection holds the write lock until told to commit.
mkfifo "$TMP/sql"
sqlite3 "$MOTCUA_DB" <"$TMP/sql" >"$TMP/holder.out" 2>&1 &
exec 3>"$TMP/sql"
echo "begin immediate; select 'locked';" >&3
n=0
until grep -q locked "$TMP/holder.out" 2>/dev/null || [ $n -ge 1200 ]; do sleep 0.1; n=$((n + 1)); done
expect_eq "another connection holds the write lock" "locked" "$(cat "$TMP/holder.out")"
MOTCUA_BUSY_TIMEOUT=200 "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "X" </dev/null >/dev/null 2>"$TMP/busy.err"
rc=$?
expect_eq "a database busy past the timeout is exit 75" "75" "$rc"
expect_eq "with a clear word" "motcua: the database is busy (another clerk is writing); try again" "$(cat "$TMP/busy.err")"

# Within the timeout, the writer waits for the lock and succeeds. Its
# timeout is far longer than any delay of a loaded machine; the lock is
# held for a while, however soon the writer started.
MOTCUA_BUSY_TIMEOUT=600000 "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Y" </dev/null >"$TMP/waited" 2>&1 3>&- &
waiter=$!
sleep 0.5
expect_eq "a writer with time left waits while the lock is held" "waiting" \
	"$(kill -0 $waiter 2>/dev/null && echo waiting || cat "$TMP/waited")"
echo "commit;" >&3
exec 3>&-
wait $waiter
expect_eq "a writer waits for the lock, then gets the next code" "000.00.22.H12-260429-0151" "$(cat "$TMP/waited")"
wait
