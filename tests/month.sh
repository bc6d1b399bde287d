# motcua — a scripted month of an office (sourced by tests/e2e/t14*.sh
# after lib.sh and month_office): April 2026, day by day, with outcomes
# known in advance. Two clerks (lan, minh); holidays 26-27/04 (Giỗ Tổ and
# its make-up day) and 30/04.
#
# As of 2026-04-30 09:00, for the dossiers received in April:
#   A on time      2.000635 lan  counter  done 03/04, returned 06/04
#   B late         2.000635 minh online   due 07/04 10:00, done 08/04
#   C overdue      1.004873 lan  counter  due 09/04, still processing
#   D late         2.000635 lan  post     rescheduled 13/04 -> 17/04, done 16/04
#                                         (a rescheduled dossier is late)
#   E on time      1.004873 minh counter  supplement 14-17/04 pushes the due
#                                         16/04 -> 21/04; done 20/04
#   F rejected     2.000635 lan  counter
#   G withdrawn    2.000635 minh online
#   H stopped      1.004873 lan  counter
#   I in progress  2.000635 minh online   due 04/05 (overdue from 04/05 09:01)
#   J in progress  2.000635 lan  counter  in supplement since 22/04, before
#                                         its due 23/04: the clock stopped
#   K on time      2.000815 minh counter  same day, no phone
#   L late         2.000815 lan  counter  after the cut-off: due 24/04 17:00,
#                                         done 28/04, returned
#   M overdue      1.004873 minh post     payment, due 28/04 09:30
#   O on time      1.001193 lan  online   landline phone (no message)
# and N, received 31/03 (outside April), on time.

# month_office: the office of the month, set up the day before its first
# receipt (a receipt is never dated before the office's first day).
month_office() { init_office_on "2026-03-30T08:00:00+07:00"; }

# at "YYYY-MM-DD HH:MM" CLERK ARGS...: motcua at that moment, as that clerk
at() {
	when=$1 who=$2; shift 2
	MOTCUA_NOW="${when% *}T${when#* }:00+07:00" MOTCUA_CLERK=$who "$MOTCUA" "$@" </dev/null
}

# new "YYYY-MM-DD HH:MM" CLERK PROCEDURE CHANNEL PHONE NAME: prints the code
# (what comes by post goes back by post)
new() {
	when=$1 who=$2 proc=$3 chan=$4 phone=$5 name=$6
	deliv=counter
	[ "$chan" = post ] && deliv=post
	if [ -n "$phone" ]; then
		at "$when" "$who" -q dossier new --procedure "$proc" --channel "$chan" \
			--delivery "$deliv" --phone "$phone" --applicant "$name" \
			--address "Khu phố $who"
	else
		at "$when" "$who" -q dossier new --procedure "$proc" --channel "$chan" \
			--delivery "$deliv" --applicant "$name"
	fi
}

# up "YYYY-MM-DD HH:MM" CLERK CODE ARGS...
up() {
	when=$1 who=$2 code=$3; shift 3
	at "$when" "$who" dossier update "$code" "$@" >/dev/null ||
		{ not_ok "dossier update $code $* at $when failed"; exit 1; }
}

# A test may define month_checkpoint WHEN: it is called at some moments of
# the month, to look at the register as it was then.
checkpoint() {
	if command -v month_checkpoint >/dev/null 2>&1; then month_checkpoint "$1"; fi
}

make_month() {
	N=$(new "2026-03-31 09:00" lan 2.000635 counter 0912000014 "Nguyễn Văn Nam")
	A=$(new "2026-04-01 09:00" lan 2.000635 counter 0912000001 "Nguyễn Văn An")
	up "2026-04-02 09:00" lan "$A" --status processing
	B=$(new "2026-04-02 10:00" minh 2.000635 online 0912000002 "Trần Thị Bình")
	up "2026-04-02 11:00" lan "$N" --status 'done'
	up "2026-04-03 15:00" lan "$A" --status 'done'
	C=$(new "2026-04-06 09:00" lan 1.004873 counter 0912000003 "Lê Văn Cường")
	up "2026-04-06 10:00" lan "$A" --status returned
	up "2026-04-07 09:00" lan "$C" --status processing
	up "2026-04-08 09:00" minh "$B" --status 'done'
	D=$(new "2026-04-08 14:00" lan 2.000635 post 0912000004 "Phạm Thị Dung")
	up "2026-04-09 09:00" lan "$D" --status processing
	up "2026-04-10 09:00" lan "$D" --due "2026-04-17 14:00" --reason "cần xác minh thêm"
	checkpoint "2026-04-10 09:00"
	E=$(new "2026-04-13 09:00" minh 1.004873 counter 0912000005 "Hoàng Văn Em")
	up "2026-04-14 09:00" minh "$E" --status supplement --reason "thiếu tờ khai"
	F=$(new "2026-04-15 09:00" lan 2.000635 counter 0912000006 "Vũ Thị Phương")
	up "2026-04-15 09:30" lan "$F" --status rejected --reason "không thuộc thẩm quyền"
	G=$(new "2026-04-15 10:00" minh 2.000635 online 0912000007 "Đặng Văn Giang")
	up "2026-04-15 11:00" minh "$G" --status processing
	up "2026-04-16 09:00" minh "$G" --status withdrawn
	up "2026-04-16 15:00" lan "$D" --status 'done'
	up "2026-04-17 09:00" minh "$E" --status processing
	checkpoint "2026-04-17 09:00"
	H=$(new "2026-04-20 09:00" lan 1.004873 counter 0912000008 "Bùi Thị Hoa")
	J=$(new "2026-04-20 09:30" lan 2.000635 counter 0912000010 "Ngô Văn Khánh")
	up "2026-04-20 10:00" lan "$H" --status processing
	up "2026-04-20 16:00" minh "$E" --status 'done'
	up "2026-04-21 09:00" lan "$H" --status stopped --reason "người yêu cầu đã mất"
	up "2026-04-22 09:00" lan "$J" --status supplement --reason "thiếu giấy tờ tùy thân"
	K=$(new "2026-04-22 09:00" minh 2.000815 counter "" "Đỗ Thị Kim")
	M=$(new "2026-04-22 09:30" minh 1.004873 post 0912000013 "Lý Văn Minh")
	up "2026-04-22 11:00" minh "$K" --status 'done'
	up "2026-04-23 09:00" minh "$M" --status payment
	L=$(new "2026-04-23 16:00" lan 2.000815 counter 0912000012 "Mai Thị Lan")
	I=$(new "2026-04-24 09:00" minh 2.000635 online 0912000009 "Trịnh Văn Ích")
	up "2026-04-24 10:00" minh "$I" --status processing
	up "2026-04-28 09:00" lan "$L" --status 'done'
	up "2026-04-28 10:00" lan "$L" --status returned
	O=$(new "2026-04-29 09:00" lan 1.001193 online 02743822222 "Châu Văn Ổn")
	up "2026-04-29 10:00" lan "$O" --status 'done'
	for v in A B C D E F G H I J K L M N O; do
		eval "c=\$$v"
		[ -n "$c" ] || { not_ok "dossier $v was not received"; exit 1; }
	done
}
