#!/bin/sh
# dossier update: every move of the lifecycle table, reasons, rescheduling,
# the supplement pause, overdue and on-time, and the append-only history.
. "$(dirname "$0")/../lib.sh"
init_office

new() { "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn A" "$@" </dev/null; }
up() { "$MOTCUA" dossier update "$@" >/dev/null 2>&1 </dev/null; }

# How to bring a new dossier to each status.
reach() {
	code=$(new)
	case $1 in
	received) ;;
	processing) up "$code" --status processing ;;
	supplement) up "$code" --status supplement --reason "thiếu giấy tờ" ;;
	payment) up "$code" --status payment ;;
	done) up "$code" --status done ;;
	returned) up "$code" --status done && up "$code" --status returned ;;
	rejected) up "$code" --status rejected --reason "không thuộc thẩm quyền" ;;
	withdrawn) up "$code" --status withdrawn ;;
	stopped) up "$code" --status processing && up "$code" --status stopped --reason "x" ;;
	esac
	echo "$code"
}

allowed() {
	case $1 in
	received) echo "processing supplement payment done rejected withdrawn" ;;
	processing) echo "supplement payment done stopped withdrawn" ;;
	supplement) echo "processing withdrawn stopped" ;;
	payment) echo "processing done withdrawn" ;;
	done) echo "returned" ;;
	*) echo "" ;;
	esac
}

all="received processing supplement payment done returned rejected withdrawn stopped"
for from in $all; do
	for to in $all; do
		code=$(reach "$from")
		want=65
		case " $(allowed "$from") " in *" $to "*) want=0 ;; esac
		expect_code $want "$from -> $to" dossier update "$code" --status "$to" --reason "lý do"
	done
done

code=$(reach processing)
mc dossier update "$code" --status received
expect_err "a refused move names the allowed ones" \
"motcua: status: dossier $code cannot move from processing to received (allowed: supplement, payment, done, withdrawn, stopped)"
code=$(reach returned)
mc dossier update "$code" --status processing
expect_err "a final status says so" "motcua: status: dossier $code is returned and can no longer change"
expect_code 2 "an unknown status" dossier update "$code" --status lost
expect_code 2 "an update with nothing to change" dossier update "$code"

for s in supplement rejected; do
	code=$(reach received)
	before=$(db_snapshot)
	expect_code 65 "$s needs --reason" dossier update "$code" --status $s
	expect_err "which the message says" "motcua: reason: moving to $s needs a reason"
	expect_eq "and nothing changed" "$before" "$(db_snapshot)"
done
code=$(reach processing)
expect_code 65 "stopped needs --reason" dossier update "$code" --status stopped

# Rescheduling (form 04): needs a reason, only while open, recorded with both times.
code=$(reach processing)
expect_code 65 "--due needs --reason" dossier update "$code" --due "2026-05-08 09:00"
expect_code 2 "--due with a bad date" dossier update "$code" --due "2026-05-32 09:00" --reason "x"
expect_code 0 "--due with a reason" dossier update "$code" --due "08/05/2026 09:00" --reason "cần xác minh" --format json
expect_eq "moves the due time and records both" "2026-05-08T09:00:00+07:00 2026-05-06T09:00:00+07:00 2026-05-08T09:00:00+07:00 cần xác minh processing" \
	"$(jq -r '"\(.due_at) \(.history[-1].old_due) \(.history[-1].new_due) \(.history[-1].reason) \(.history[-1].status)"' "$TMP/out")"
code=$(reach done)
expect_code 65 "a finished dossier cannot be rescheduled" dossier update "$code" --due "2026-05-08 09:00" --reason "x"

# The supplement pause: two working days waiting push the due by two working days.
code=$(new)
MOTCUA_NOW=2026-05-04T09:00:00+07:00 up "$code" --status supplement --reason "thiếu tờ khai"
mc --format json dossier status "$code"
expect_eq "waiting for the citizen is not overdue" "false" "$(jq -r .overdue "$TMP/out")"
MOTCUA_NOW=2026-05-06T09:00:00+07:00 mc --format json dossier update "$code" --status processing --note "đã bổ sung"
expect_eq "resuming pushes the due by the working time waited" "2026-05-08T09:00:00+07:00" "$(jq -r .due_at "$TMP/out")"
expect_eq "and the history says so" "2026-05-06T09:00:00+07:00 2026-05-08T09:00:00+07:00 đã bổ sung" \
	"$(jq -r '.history[-1] | "\(.old_due) \(.new_due) \(.note)"' "$TMP/out")"

# Overdue and on time.
code=$(new)
MOTCUA_NOW=2026-05-06T09:00:00+07:00 mc --format json dossier status "$code"
expect_eq "at the due minute it is not yet overdue" "false" "$(jq -r .overdue "$TMP/out")"
MOTCUA_NOW=2026-05-06T09:01:00+07:00 mc --format json dossier status "$code"
expect_eq "a minute later it is overdue" "true null" "$(jq -r '"\(.overdue) \(.on_time)"' "$TMP/out")"
MOTCUA_NOW=2026-05-06T09:01:00+07:00 mc dossier list --overdue -q
expect_grep "dossier list --overdue lists it" "$code" "$TMP/out"
MOTCUA_NOW=2026-05-06T10:00:00+07:00 mc --format json dossier update "$code" --status done
expect_eq "done after the due time is late" "false false 2026-05-06T10:00:00+07:00" \
	"$(jq -r '"\(.on_time) \(.overdue) \(.finished_at)"' "$TMP/out")"
MOTCUA_NOW=2026-05-07T08:00:00+07:00 mc --format json dossier update "$code" --status returned
expect_eq "returning keeps the verdict" "false 2026-05-07T08:00:00+07:00" "$(jq -r '"\(.on_time) \(.returned_at)"' "$TMP/out")"
code=$(new)
MOTCUA_NOW=2026-05-05T16:00:00+07:00 mc --format json dossier update "$code" --status done
expect_eq "done before the due time is on time" "true" "$(jq -r .on_time "$TMP/out")"

# The history is append-only, even behind the program's back.
expect_eq "the history cannot be rewritten with sqlite3" "dossier history is append-only" \
	"$(sqlite3 "$MOTCUA_DB" "update dossier_history set clerk = 'x'" 2>&1 | grep -o 'dossier history is append-only')"
expect_eq "nor deleted" "dossier history is append-only" \
	"$(sqlite3 "$MOTCUA_DB" "delete from dossier_history" 2>&1 | grep -o 'dossier history is append-only')"

mc dossier status "$code"
expect_out "dossier status in text" "$code  Result ready, to be returned
  procedure:   Cấp bản sao trích lục hộ tịch (2.000635)
  applicant:   Nguyễn Văn A
  received:    2026-04-29 09:00
  due:         2026-05-06 09:00  on time
  history:
    2026-04-29 09:00  received   lan
    2026-05-05 16:00  done       lan"
