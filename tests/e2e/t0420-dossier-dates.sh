#!/bin/sh
# Dates that make sense (SPEC 4.3, 4.4, 8): a new due time is a working time
# after now and after the current due time; a receipt is no later than now;
# the due time promised on the slip judges on_time and overdue, and a
# rescheduled dossier is late; form 04 quotes the promised time; a reprint
# of form 01 is the slip as issued; an old register gets its promised times
# from its history.
. "$(dirname "$0")/../lib.sh"
init_office

new() { "$MOTCUA" -q dossier new --applicant "Nguyễn Văn A" "$@" </dev/null; }
up() { "$MOTCUA" dossier update "$@" >/dev/null 2>"$TMP/up.err" </dev/null ||
	{ not_ok "dossier update $*: $(cat "$TMP/up.err")"; }; }
promised() { sqlite3 "$MOTCUA_DB" "SELECT coalesce(datetime(promised_at, 'unixepoch', '+7 hours'), 'NULL') FROM dossiers WHERE code = '$1'"; }

# ---- --due: refused unless a working time after now and the current due ----
# Wed 29/04/2026 09:00; 30/04 and 01/05 are holidays, 02-03/05 a weekend.
a=$(new --procedure 2.000815)      # same day: due 29/04 17:00
before=$(db_snapshot)
refuse() {
	expect_code 65 "$1" dossier update "$a" --due "$2" --reason "cần xác minh"
	expect_err "names the next working time" "motcua: due: $3"
}
refuse "a Saturday" "2026-05-02 09:00" \
	"2026-05-02 09:00 is not a working time (Saturday); the next working time is 2026-05-04 07:30"
refuse "a Sunday" "03/05/2026 10:00" \
	"2026-05-03 10:00 is not a working time (Sunday); the next working time is 2026-05-04 07:30"
refuse "a holiday (30/04)" "30/04/2026 10:00" \
	"2026-04-30 10:00 is not a working time (Ngày Chiến thắng); the next working time is 2026-05-04 07:30"
refuse "a time in the past" "2026-04-28 09:00" \
	"2026-04-28 09:00 is not after now (2026-04-29 09:00); the next working time is 2026-05-04 07:30"
refuse "a time before the current due" "2026-04-29 16:00" \
	"2026-04-29 16:00 is not after the current due time 2026-04-29 17:00; the next working time is 2026-05-04 07:30"
refuse "the current due itself" "2026-04-29 17:00" \
	"2026-04-29 17:00 is not after the current due time 2026-04-29 17:00; the next working time is 2026-05-04 07:30"
refuse "after closing" "2026-05-04 17:30" \
	"2026-05-04 17:30 is not a working time (office hours 07:30-17:00); the next working time is 2026-05-05 07:30"
refuse "before opening" "2026-05-04 07:00" \
	"2026-05-04 07:00 is not a working time (office hours 07:30-17:00); the next working time is 2026-05-04 07:30"
expect_eq "refused due times change nothing" "$before" "$(db_snapshot)"

# Accepted: the closing minute is a working time (a same-day due is 17:00).
expect_code 0 "a working time after both" dossier update "$a" --due "2026-05-04 17:00" \
	--reason "cần xác minh" --format json
expect_eq "the due time moves, the history keeps both" \
	"2026-05-04T17:00:00+07:00 2026-04-29T17:00:00+07:00 2026-05-04T17:00:00+07:00" \
	"$(jq -r '"\(.due_at) \(.history[-1].old_due) \(.history[-1].new_due)"' "$TMP/out")"
expect_eq "the first reschedule keeps the promised time" "2026-04-29 17:00:00" "$(promised "$a")"
MOTCUA_NOW=2026-04-29T10:00:00+07:00 up "$a" --due "2026-05-05 10:00" --reason "chờ ký"
expect_eq "a second one leaves it" "2026-04-29 17:00:00" "$(promised "$a")"
mc audit log "$a" --format json
expect_eq "the audit log records the promised time once" \
	"1" "$(jq '[.[] | select(.change | tostring | test("promised_at"))] | length' "$TMP/out")"

# Judged by the promised time: overdue from 29/04 17:01, though due 05/05.
MOTCUA_NOW=2026-04-29T17:00:00+07:00 mc --format json dossier status "$a"
expect_eq "at the promised minute it is not overdue" "false" "$(jq -r .overdue "$TMP/out")"
MOTCUA_NOW=2026-04-29T17:01:00+07:00 mc --format json dossier status "$a"
expect_eq "a minute later it is, whatever the new due time" "true 2026-05-05T10:00:00+07:00" \
	"$(jq -r '"\(.overdue) \(.due_at)"' "$TMP/out")"
MOTCUA_NOW=2026-04-29T17:01:00+07:00 mc dossier list --overdue -q
expect_eq "dossier list --overdue lists it" "$a" "$(cat "$TMP/out")"
MOTCUA_NOW=2026-05-04T09:00:00+07:00 mc --format json dossier update "$a" --status done
expect_eq "done before its new due time, it is late all the same" "false false" \
	"$(jq -r '"\(.on_time) \(.overdue)"' "$TMP/out")"

# A supplement wait moves the promised time by the same working time.
b=$(new --procedure 2.000635 --phone 0912345678)    # 3 days: due 06/05 09:00
up "$b" --status processing
up "$b" --due "2026-05-08 09:00" --reason "cần xác minh"
expect_eq "promised: the due time before the reschedule" "2026-05-06 09:00:00" "$(promised "$b")"
MOTCUA_NOW=2026-05-04T09:00:00+07:00 up "$b" --status supplement --reason "thiếu tờ khai"
MOTCUA_NOW=2026-05-06T09:00:00+07:00 mc --format json dossier update "$b" --status processing
expect_eq "two working days waited push the due time" "2026-05-12T09:00:00+07:00" \
	"$(jq -r .due_at "$TMP/out")"
expect_eq "and the promised time alike" "2026-05-08 09:00:00" "$(promised "$b")"
MOTCUA_NOW=2026-05-08T09:00:00+07:00 mc --format json dossier status "$b"
expect_eq "not overdue at the moved promised minute" "false" "$(jq -r .overdue "$TMP/out")"
MOTCUA_NOW=2026-05-08T09:01:00+07:00 mc --format json dossier status "$b"
expect_eq "overdue after it" "true" "$(jq -r .overdue "$TMP/out")"
MOTCUA_NOW=2026-05-08T09:01:00+07:00 mc dossier status "$b"
expect_grep "the text says which time judges" "  promised:    2026-05-08 09:00  (rescheduled)" "$TMP/out"
# A wait without a reschedule leaves promised_at NULL (it is due_at).
w=$(new --procedure 2.000635)
MOTCUA_NOW=2026-05-04T09:00:00+07:00 up "$w" --status supplement --reason "thiếu ảnh"
MOTCUA_NOW=2026-05-05T09:00:00+07:00 up "$w" --status processing
expect_eq "a wait alone sets no promised time" "NULL" "$(promised "$w")"
# Resuming with a new due time: the wait is counted first.
r=$(new --procedure 2.000635)      # due 06/05 09:00
MOTCUA_NOW=2026-05-04T09:00:00+07:00 up "$r" --status supplement --reason "thiếu ảnh"
before=$(db_snapshot)
MOTCUA_NOW=2026-05-06T09:00:00+07:00 mc dossier update "$r" --status processing \
	--due "2026-05-07 09:00" --reason "x"
expect_eq "a new due before the due pushed by the wait is refused" "65
motcua: due: 2026-05-07 09:00 is not after the current due time 2026-05-08 09:00; the next working time is 2026-05-08 09:01" \
	"$rc
$(cat "$TMP/err")"
expect_eq "and changes nothing" "$before" "$(db_snapshot)"
MOTCUA_NOW=2026-05-06T09:00:00+07:00 up "$r" --status processing --due "2026-05-11 09:00" --reason "x"
expect_eq "accepted after it, the promised time is the pushed due" "2026-05-08 09:00:00" "$(promised "$r")"

# The office's calendar: its own holidays and swapped workdays.
c=$(new --procedure 2.000815)
"$MOTCUA" holiday add 2026-05-05 --name "Nghỉ theo quyết định của UBND tỉnh" >/dev/null
"$MOTCUA" holiday add 2026-05-09 --workday --name "Làm bù" >/dev/null
expect_code 65 "an office holiday" dossier update "$c" --due "2026-05-05 09:00" --reason x
expect_err "is named" "motcua: due: 2026-05-05 09:00 is not a working time (Nghỉ theo quyết định của UBND tỉnh); the next working time is 2026-05-06 07:30"
expect_code 0 "a Saturday swapped in as a workday" dossier update "$c" --due "2026-05-09 09:00" --reason x
expect_code 65 "a plain Saturday after it" dossier update "$c" --due "2026-05-16 09:00" --reason x
expect_err "is refused" "motcua: due: 2026-05-16 09:00 is not a working time (Saturday); the next working time is 2026-05-18 07:30"

# ---- --received-at: no later than now ----
before=$(db_snapshot)
expect_code 65 "a receipt a minute from now" dossier new --procedure 2.000635 --applicant "B" \
	--received-at "2026-04-29 09:01"
expect_err "names now" "motcua: received-at: 2026-04-29 09:01 is later than now (2026-04-29 09:00)"
expect_code 65 "a receipt tomorrow" dossier new --procedure 2.000635 --applicant "B" \
	--received-at "30/04/2026 08:00"
expect_err "names now" "motcua: received-at: 2026-04-30 08:00 is later than now (2026-04-29 09:00)"
expect_eq "and record nothing" "$before" "$(db_snapshot)"
expect_code 0 "a receipt at now itself" dossier new --procedure 2.000635 --applicant "B" \
	--received-at "2026-04-29 09:00" -q

# ---- report summary: a rescheduled dossier is late; rescheduled apart ----
export MOTCUA_NOW=2026-05-08T10:00:00+07:00
mc --format json report summary --from 2026-04-29 --to 2026-04-29
expect_eq "a (done, rescheduled) is late; b, r, c overdue by their promised time; 4 rescheduled" \
	"received in_progress on_time late overdue rejected withdrawn stopped on_time_rate rescheduled|6 0 0 1 5 0 0 0 0 4" \
	"$(jq -r '(keys_unsorted | join(" ")) + "|" + ([.[]] | map(tostring) | join(" "))' "$TMP/out")"
mc --format csv report summary --from 2026-04-29 --to 2026-04-29 --by procedure
sqlite3 "$TMP/s.db" ".import --csv $TMP/out s" \
	"SELECT procedure, rescheduled, late, overdue FROM s ORDER BY procedure" >"$TMP/check" 2>&1
expect_eq "CSV read back: a column of its own, per procedure" "2.000635|2|0|4
2.000815|2|1|1" "$(cat "$TMP/check")"
mc report summary --from 2026-04-29 --to 2026-04-29
expect_grep "and in text" "ON-TIME RATE  RESCHEDULED" "$TMP/out"

# ---- form 04: the promised time quoted, the new one apart ----
export MOTCUA_NOW=2026-05-04T09:00:00+07:00
expect_code 0 "form 04 as text" dossier form "$a" 04
expect_grep "quotes the time promised on the slip" \
	"hẹn trả kết quả vào 17 giờ 00 phút," "$TMP/out"
expect_grep "of its day" "ngày 29 tháng 04 năm 2026." "$TMP/out"
expect_grep "the new time in a field of its own" \
	"Thời gian hẹn trả kết quả mới: 10 giờ 00 phút, ngày 05 tháng 05 năm 2026" "$TMP/out"
expect_eq "not the first new time, which the second replaced" "" \
	"$(grep -F "ngày 04 tháng 05 năm 2026" "$TMP/out")"
if [ -e "$MOTCUA_MODULEDIR/motcua-paper.so" ]; then
	expect_code 0 "form 04 as PDF" dossier form "$a" 04 -o "$TMP/04.pdf"
	pdftotext "$TMP/04.pdf" - | tr '\n' ' ' | tr -s ' ' >"$TMP/04.txt"
	expect_grep "pdftotext: the promised time" \
		"hẹn trả kết quả vào 17 giờ 00 phút, ngày 29 tháng 04 năm 2026." "$TMP/04.txt"
	expect_grep "pdftotext: the new time" \
		"Thời gian hẹn trả kết quả mới: 10 giờ 00 phút, ngày 05 tháng 05 năm 2026" "$TMP/04.txt"
else
	not_ok "no paper renderer at $MOTCUA_MODULEDIR"
fi

# ---- form 01: a reprint is the slip as issued ----
export MOTCUA_NOW=2026-04-29T10:15:00+07:00
expect_code 0 "dossier new prints its slip" dossier new --procedure 2.000635 \
	--applicant "Trần Thị Bích Ngọc" --phone 0987654321 --id-number 079190001234 \
	--address "12 đường Lê Lợi"
cp "$TMP/out" "$TMP/issued.txt"
s=$(sed -n 's/.*Mã hồ sơ: \([^ ]*\).*/\1/p' "$TMP/issued.txt" | head -1)
expect_eq "which is not a reprint" "" "$(grep -F "BẢN IN LẠI" "$TMP/issued.txt")"
MOTCUA_NOW=2026-05-04T09:00:00+07:00 up "$s" --status processing
MOTCUA_NOW=2026-05-05T08:00:00+07:00 up "$s" --due "2026-05-11 10:15" --reason "chờ xác minh"
MOTCUA_NOW=2026-05-07T14:00:00+07:00 mc dossier form "$s" 01
expect_eq "a reprint days later: the issued slip, marked with the reprint's date" \
	"9a10
>                           (BẢN IN LẠI ngày 07/05/2026)" \
	"$(diff "$TMP/issued.txt" "$TMP/out")"
expect_grep "dated the day of receipt" "ngày 29 tháng 04 năm 2026" "$TMP/out"
# (05/05 is an office holiday now: the slip promised 07/05)
expect_grep "with the appointment promised" \
	"5. Thời gian trả kết quả: 10 giờ 15 phút, ngày 07 tháng 05 năm 2026" "$TMP/out"
expect_eq "not the new one" "" "$(grep -F "ngày 11 tháng 05" "$TMP/out")"

# History never goes back in time: an amendment dated before the latest
# change is refused, and changes nothing.
db_snapshot >"$TMP/before.sql"
MOTCUA_NOW=2026-04-30T08:30:00+07:00 expect_code 65 "a change dated before the latest is refused" \
	dossier amend "$s" --applicant "Trần Thị Bích Ngân" --reason "gõ nhầm"
expect_err "naming the dossier and both times" \
	"motcua: $s: its history was last changed at 2026-05-05 08:00, later than now (2026-04-30 08:30); history never goes back in time"
db_snapshot >"$TMP/after.sql"
expect_eq "nothing changed" "" "$(diff "$TMP/before.sql" "$TMP/after.sql")"
MOTCUA_NOW=2026-05-05T07:59:00+07:00 expect_code 65 "an update too" dossier update "$s" --status supplement --reason "x"
MOTCUA_NOW=2026-05-05T07:59:00+07:00 expect_code 65 "and a note" dossier note "$s" "x"

# An amendment of the applicant's data is shown, with the current values.
MOTCUA_NOW=2026-05-06T08:30:00+07:00 expect_code 0 "dossier amend" dossier amend "$s" \
	--applicant "Trần Thị Bích Ngân" --phone 0912000111 --reason "gõ nhầm"
MOTCUA_NOW=2026-05-07T14:00:00+07:00 mc dossier form "$s" 01
expect_grep "the current name" "Tiếp nhận hồ sơ của: Trần Thị Bích Ngân" "$TMP/out"
expect_grep "the current phone" "Số điện thoại: 0912000111" "$TMP/out"
expect_grep "and what was amended, when" \
	"Đã đính chính ngày 06/05/2026: họ tên, số điện thoại" "$TMP/out"
expect_eq "never the old values" "" "$(grep -e "Bích Ngọc" -e 0987654321 "$TMP/out")"
expect_grep "still a reprint" "(BẢN IN LẠI ngày 07/05/2026)" "$TMP/out"
if [ -e "$MOTCUA_MODULEDIR/motcua-paper.so" ]; then
	MOTCUA_NOW=2026-05-07T14:00:00+07:00 mc dossier form "$s" 01 -o "$TMP/01.pdf"
	pdftotext "$TMP/01.pdf" - | tr '\n' ' ' | tr -s ' ' >"$TMP/01.txt"
	expect_grep "pdftotext: the reprint's mark" "(BẢN IN LẠI ngày 07/05/2026)" "$TMP/01.txt"
	expect_grep "pdftotext: the amendment" "Đã đính chính ngày 06/05/2026:" "$TMP/01.txt"
	expect_grep "pdftotext: the promised time" "10 giờ 15 phút, ngày 07 tháng 05 năm 2026" "$TMP/01.txt"
	expect_eq "each of its two copies on one A5 page" "2" "$(pdfinfo "$TMP/01.pdf" | awk '/^Pages:/ { print $2 }')"
fi
expect_code 0 "and the register stays sound" db check

# ---- an old register: promised times replayed from the history ----
export MOTCUA_DB="$TMP/old/motcua.db" MOTCUA_NOW=2026-04-29T09:00:00+07:00
init_office
u1=$(new --procedure 2.000635)     # due 06/05 09:00
MOTCUA_NOW=2026-05-04T09:00:00+07:00 up "$u1" --status processing
MOTCUA_NOW=2026-05-04T10:00:00+07:00 up "$u1" --status supplement --reason "thiếu tờ khai"
MOTCUA_NOW=2026-05-05T10:00:00+07:00 up "$u1" --status processing
MOTCUA_NOW=2026-05-05T11:00:00+07:00 up "$u1" --due "2026-05-12 09:00" --reason "cần xác minh"
MOTCUA_NOW=2026-05-06T09:00:00+07:00 up "$u1" --status supplement --reason "thiếu ảnh"
MOTCUA_NOW=2026-05-07T09:00:00+07:00 up "$u1" --status processing
u2=$(new --procedure 2.000635)
MOTCUA_NOW=2026-05-04T10:00:00+07:00 up "$u2" --status supplement --reason "thiếu ảnh"
MOTCUA_NOW=2026-05-05T10:00:00+07:00 up "$u2" --status processing
u3=$(new --procedure 2.000815 --phone 0912345678)
up "$u3" --status supplement --reason "thiếu ảnh" --due "2026-05-04 09:00"
MOTCUA_NOW=2026-05-05T09:00:00+07:00 up "$u3" --status processing
sqlite3 "$MOTCUA_DB" "SELECT code, coalesce(promised_at, 'NULL') FROM dossiers ORDER BY id" >"$TMP/promised.before"
# u3: promised 29/04 17:00, pushed by the 19 working hours waited.
expect_eq "as kept by dossier update" "$u1 2026-05-08 09:00:00|$u2 NULL|$u3 2026-05-05 17:00:00" \
	"$u1 $(promised "$u1")|$u2 $(promised "$u2")|$u3 $(promised "$u3")"
schema_undo_6 "$MOTCUA_DB"
expect_eq "made a version-5 register" "5" "$(sqlite3 "$MOTCUA_DB" 'PRAGMA user_version')"
MOTCUA_NOW=2026-05-07T10:00:00+07:00 expect_code 0 "db upgrade upgrades it" db upgrade
MOTCUA_NOW=2026-05-07T10:00:00+07:00 expect_code 0 "and it reads" dossier status "$u1"
sqlite3 "$MOTCUA_DB" "SELECT code, coalesce(promised_at, 'NULL') FROM dossiers ORDER BY id" >"$TMP/promised.after"
expect_eq "the promised times replayed from the history are those kept" \
	"$(cat "$TMP/promised.before")" "$(cat "$TMP/promised.after")"
expect_code 0 "db check is clean after the upgrade" db check
mc audit log "$u1" --format json
expect_eq "the upgrade recorded it in the audit log" "schema upgrade" \
	"$(jq -r '.[-1].command' "$TMP/out")"
