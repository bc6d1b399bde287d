#!/bin/sh
# report summary: every figure of a scripted month, overall and by
# procedure, clerk and channel, in text, CSV and JSON, as the clock moves.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/month.sh"
month_office
month_checkpoint() {
	at "$1" lan report summary --from 2026-04-01 --format json >"$TMP/summary-${1%% *}.json"
}
make_month
APRIL="--from 2026-04-01 --to 30/04/2026"
export MOTCUA_NOW=2026-04-30T09:00:00+07:00

# Every figure of the JSON object, in key order.
figures() { jq -r '[.received,.in_progress,.on_time,.late,.overdue,.rejected,.withdrawn,.stopped,.on_time_rate,.rescheduled] | map(tostring) | join(" ")' "$@"; }

# shellcheck disable=SC2086
expect_code 0 "summary of April as JSON" report summary $APRIL --format json
expect_eq "the keys of SPEC 8, in order, rescheduled appended" \
	"received in_progress on_time late overdue rejected withdrawn stopped on_time_rate rescheduled" \
	"$(jq -r 'keys_unsorted | join(" ")' "$TMP/out")"
# D, rescheduled 13/04 -> 17/04 and done 16/04, is late (SPEC 4.4).
expect_eq "14 received: 2 in progress, 4 on time, 3 late, 2 overdue, 1 rejected, 1 withdrawn, 1 stopped; rate 4/9; 1 rescheduled" \
	"14 2 4 3 2 1 1 1 0.4444 1" "$(figures "$TMP/out")"
expect_eq "the rate is a JSON number" "number" "$(jq -r '.on_time_rate | type' "$TMP/out")"

# shellcheck disable=SC2086
expect_code 0 "the same as CSV" report summary $APRIL --format csv
expect_out "a header and one row" "received,in_progress,on_time,late,overdue,rejected,withdrawn,stopped,on_time_rate,rescheduled
14,2,4,3,2,1,1,1,0.4444,1"
sqlite3 "$TMP/csv.db" ".import --csv $TMP/out s" "SELECT sum(received) - (sum(in_progress) + sum(on_time) + sum(late) + sum(overdue) + sum(rejected) + sum(withdrawn) + sum(stopped)) FROM s" >"$TMP/check" 2>&1
expect_eq "read back by sqlite3: every dossier counts once" "0" "$(cat "$TMP/check")"

# shellcheck disable=SC2086
expect_code 0 "the same as text" report summary $APRIL
expect_out "a readable table" "Dossiers received from 2026-04-01 to 2026-04-30, as of 2026-04-30 09:00

  RECEIVED  IN PROGRESS  ON TIME  LATE  OVERDUE  REJECTED  WITHDRAWN  STOPPED  ON-TIME RATE  RESCHEDULED
        14            2        4     3        2         1          1        1        44.44%            1

on-time rate = on time / (on time + late + overdue)
rescheduled: also counted above; once finished, late"

# By procedure.
# shellcheck disable=SC2086
expect_code 0 "--by procedure as CSV" report summary $APRIL --by procedure --format csv
expect_out "one row per procedure, the group first" "procedure,received,in_progress,on_time,late,overdue,rejected,withdrawn,stopped,on_time_rate,rescheduled
1.001193,1,0,1,0,0,0,0,0,1.0000,0
1.004873,4,0,1,0,2,0,0,1,0.3333,0
2.000635,7,2,1,2,0,1,1,0,0.3333,1
2.000815,2,0,1,1,0,0,0,0,0.5000,0"
# shellcheck disable=SC2086
expect_code 0 "--by procedure as JSON" report summary $APRIL --by procedure --format json
expect_eq "an array of objects with the procedure first" \
	"procedure 2.000635 7 2 1 2 0 1 1 0 0.3333 1" \
	"$(jq -r '.[2] | (keys_unsorted[0]) + " " + .procedure + " " + ([.received,.in_progress,.on_time,.late,.overdue,.rejected,.withdrawn,.stopped,.on_time_rate,.rescheduled] | map(tostring) | join(" "))' "$TMP/out")"
expect_eq "whose groups add up to the whole" "14 4 3 2 1" \
	"$(jq -r '[map(.received), map(.on_time), map(.late), map(.overdue), map(.rescheduled)] | map(add | tostring) | join(" ")' "$TMP/out")"
# shellcheck disable=SC2086
expect_code 0 "--by procedure as text" report summary $APRIL --by procedure
expect_out "with a total row" "Dossiers received from 2026-04-01 to 2026-04-30, as of 2026-04-30 09:00

PROCEDURE  RECEIVED  IN PROGRESS  ON TIME  LATE  OVERDUE  REJECTED  WITHDRAWN  STOPPED  ON-TIME RATE  RESCHEDULED
1.001193          1            0        1     0        0         0          0        0       100.00%            0
1.004873          4            0        1     0        2         0          0        1        33.33%            0
2.000635          7            2        1     2        0         1          1        0        33.33%            1
2.000815          2            0        1     1        0         0          0        0        50.00%            0
total            14            2        4     3        2         1          1        1        44.44%            1

on-time rate = on time / (on time + late + overdue)
rescheduled: also counted above; once finished, late"

# By clerk (who received) and by channel.
# shellcheck disable=SC2086
expect_code 0 "--by clerk" report summary $APRIL --by clerk --format csv
expect_out "lan and minh" "clerk,received,in_progress,on_time,late,overdue,rejected,withdrawn,stopped,on_time_rate,rescheduled
lan,8,1,2,2,1,1,0,1,0.4000,1
minh,6,1,2,1,1,0,1,0,0.5000,0"
# shellcheck disable=SC2086
expect_code 0 "--by channel" report summary $APRIL --by channel --format json
expect_eq "counter, online, post" \
	"counter 8 1 3 1 1 1 0 1 0.6 0|online 4 1 1 1 0 0 1 0 0.5 0|post 2 0 0 1 1 0 0 0 0 1" \
	"$(jq -r 'map(.channel + " " + ([.received,.in_progress,.on_time,.late,.overdue,.rejected,.withdrawn,.stopped,.on_time_rate,.rescheduled] | map(tostring) | join(" "))) | join("|")' "$TMP/out")"

# The clock: on 05/05, I is past its due time; J still waits for the citizen.
# shellcheck disable=SC2086
MOTCUA_NOW=2026-05-05T09:00:00+07:00 mc report summary $APRIL --format json
expect_eq "as of 05/05 I is overdue, J still in progress; rate 4/10" \
	"14 1 4 3 3 1 1 1 0.4 1" "$(figures "$TMP/out")"
# shellcheck disable=SC2086
MOTCUA_NOW=2026-05-04T09:00:00+07:00 mc report summary $APRIL --format json
expect_eq "at I's due minute it is not yet overdue" "2 2" "$(jq -r '"\(.in_progress) \(.overdue)"' "$TMP/out")"
# Earlier in the month, fewer dossiers and other verdicts: on 10/04 09:00
# A is on time, B late (done 08/04), C overdue (due 09/04), D in progress
# (rescheduled that morning, before its promised 13/04); on 17/04 also E in
# progress (back from its supplement wait), F rejected, G withdrawn, D done
# by its new due time but late all the same: it was rescheduled.
expect_eq "as of 10/04, what was known then" "4 1 1 1 1 0 0 0 0.3333 1" \
	"$(figures "$TMP/summary-2026-04-10.json")"
expect_eq "as of 17/04" "7 1 1 2 1 1 1 0 0.25 1" "$(figures "$TMP/summary-2026-04-17.json")"

# Periods.
expect_code 0 "a period without a verdict" report summary --from 15/04/2026 --to 2026-04-20 --format json
expect_eq "F, G, H, J: on_time_rate is null" "4 1 0 0 0 1 1 1 null 0" "$(figures "$TMP/out")"
mc report summary --from 15/04/2026 --to 2026-04-20 --format csv
expect_eq "and an empty cell in CSV" "4,1,0,0,0,1,1,1,,0" "$(sed -n 2p "$TMP/out")"
mc report summary --from 15/04/2026 --to 2026-04-20
expect_grep "and - in text" "        4            1        0     0        0         1          1        1             -" "$TMP/out"
expect_code 0 "without a period: every dossier, N of March too" report summary --format json
expect_eq "15 received, 5 on time" "15 5 0.5" "$(jq -r '"\(.received) \(.on_time) \(.on_time_rate)"' "$TMP/out")"
mc report summary
expect_eq "the text says so" "All dossiers, as of 2026-04-30 09:00" "$(head -1 "$TMP/out")"
mc report summary --to 2026-03-31 --format csv
expect_eq "--to alone" "1,0,1,0,0,0,0,0,1.0000,0" "$(sed -n 2p "$TMP/out")"
mc report summary --from 2026-04-29
expect_eq "--from alone, in the title" "Dossiers received from 2026-04-29, as of 2026-04-30 09:00" "$(head -1 "$TMP/out")"
expect_code 0 "an empty period" report summary --from 2027-01-01 --format json
expect_eq "gives zeros and a null rate" "0 0 0 0 0 0 0 0 null 0" "$(figures "$TMP/out")"
expect_code 0 "an empty period --by procedure" report summary --from 2027-01-01 --by procedure --format json
expect_out "is an empty array" "[]"
mc report summary --from 2027-01-01 --by clerk --format csv
expect_out "or a lone header" "clerk,received,in_progress,on_time,late,overdue,rejected,withdrawn,stopped,on_time_rate,rescheduled"

# Errors.
expect_code 2 "a bad date" report summary --from 2026-02-30
expect_err "names it, with its option" "motcua: --from: \"2026-02-30\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"
expect_code 65 "from after to" report summary --from 2026-05-01 --to 2026-04-01
expect_err "says so" "motcua: --from 2026-05-01 is after --to 2026-04-01"
expect_code 2 "an unknown grouping" report summary --by day
expect_err "is a bad option value" "motcua: --by: \"day\" is not procedure, clerk or channel"
expect_code 2 "jsonl is not a format of the summary" report summary --format jsonl

# A clerk whose name a spreadsheet would run as a formula.
MOTCUA_CLERK="=cmd|' /C calc'!A0" "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "X" >/dev/null
mc report summary --from 2026-04-30 --by clerk --format csv
expect_eq "the cell is neutralised" "'=cmd|' /C calc'!A0,1,1,0,0,0,0,0,0,,0" "$(sed -n 2p "$TMP/out")"
sqlite3 "$TMP/clerk.db" ".import --csv $TMP/out s" "SELECT clerk FROM s" >"$TMP/check" 2>&1
expect_eq "a reader sees the leading quote, not a formula" "'=cmd|' /C calc'!A0" "$(cat "$TMP/check")"
