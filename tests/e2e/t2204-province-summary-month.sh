#!/bin/sh
# province summary judges each dossier as report summary does: the
# scripted month of tests/month.sh (every outcome, a reschedule, a clock
# stopped in supplement, a dossier received in March) and a dossier
# cancelled the day it was received, pushed to the province, give the
# same figures there as at the ward, by unit and by procedure, for all
# time, for April and for one week of it, at three moments (I, due
# 04/05 09:00, is in progress at the second and overdue at the third).
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/month.sh"
. "$TESTS_DIR/pg.sh"
month_office
make_month
Z=$(new "2026-04-29 11:00" lan 2.000635 counter 0912000026 "Nguyễn Văn Nhầm")
at "2026-04-29 11:05" lan dossier cancel "$Z" --reason "nhập nhầm" >/dev/null ||
	not_ok "cancel $Z"
pg_start
expect_code 0 "province init" province init "$(pg_url postgres)" --ward 000.00.22.H12=ward_a \
	--reader reader
expect_code 0 "the ward pushes its month" sync push --url "$(pg_url ward_a)"

# The ward's CSV with the province's first column (the unit) or the same
# (by procedure).
for now in 2026-04-30T09:00 2026-05-04T09:00 2026-05-04T09:01; do
	export MOTCUA_NOW="$now:00+07:00"
	for period in "" "--from 2026-04-01 --to 2026-04-30" "--from 2026-04-13 --to 2026-04-19"; do
		# shellcheck disable=SC2086
		ward=$("$MOTCUA" report summary $period --format csv)
		# shellcheck disable=SC2086
		expect_code 0 "province summary $period at $now" province summary \
			--url "$(pg_url reader)" $period --format csv
		expect_eq "by unit, the ward's figures ($now${period:+ $period})" \
			"unit,$ward" "$(sed '1!s/^000\.00\.22\.H12,//' "$TMP/out")"
		# shellcheck disable=SC2086
		ward=$("$MOTCUA" report summary $period --by procedure --format csv)
		# shellcheck disable=SC2086
		expect_code 0 "province summary --by procedure $period at $now" province summary \
			--url "$(pg_url reader)" $period --by procedure --format csv
		expect_eq "by procedure, the ward's rows ($now${period:+ $period})" "$ward" \
			"$(cat "$TMP/out")"
	done
done
# What the comparisons stand on: at the last moment every outcome is
# there, the cancelled dossier in none.
expect_code 0 "the province's April as JSON" province summary --url "$(pg_url reader)" \
	--from 2026-04-01 --to 2026-04-30 --format json
expect_eq "14 received: 1 in progress, 4 on time, 3 late, 3 overdue, 1 rejected, 1 withdrawn, 1 stopped; 1 rescheduled" \
	"14 1 4 3 3 1 1 1 1" \
	"$(jq -r '.[0] | [.received,.in_progress,.on_time,.late,.overdue,.rejected,.withdrawn,.stopped,.rescheduled] | map(tostring) | join(" ")' "$TMP/out")"
expect_eq "the cancelled dossier is at the province" "cancelled" \
	"$(pg_sql "SELECT status FROM dossiers WHERE code = '$Z'")"
