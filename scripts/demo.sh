#!/bin/sh
# A short counter session on a fresh database in a temporary folder:
# set up the office, receive two dossiers, look one up, move it on.
# Run by `make demo`; the clock is fixed so that the session reads the
# same every time.
set -eu
motcua=${1:-./motcua}
case $motcua in /*) ;; *) motcua=$(pwd)/$motcua ;; esac
dir=$(mktemp -d "${TMPDIR:-/tmp}/motcua-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export MOTCUA_DB="$dir/motcua.db" MOTCUA_CLERK="Lan" MOTCUA_NOW="2026-04-29T09:00:00+07:00"
export MOTCUA_LOCALEDIR="$(pwd)/build/locale"

run() {
	printf '\n$ motcua'
	printf ' %s' "$@"
	printf '\n'
	"$motcua" "$@"
}

run init --training --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú" --province "Bình Dương" \
	--lookup-url "https://dichvucong.binhduong.gov.vn/tra-cuu?ma={code}&pin={pin}"
run procedure list
run dossier new --procedure 2.000635 --applicant "Nguyễn Văn An" --phone 0912345678 \
	--id-number 079190001234 --address "12 Lê Lợi, khu phố 3, phường Vĩnh Phú"
MOTCUA_NOW="2026-04-29T15:20:00+07:00" run -q dossier new --procedure 1.001193 \
	--applicant "Trần Thị Bình" --phone 0387654321
run dossier status 000.00.22.h12-260429-0001
MOTCUA_NOW="2026-04-30T08:00:00+07:00" run dossier update 000.00.22.H12-260429-0001 \
	--status processing --note "chuyển bộ phận hộ tịch"
run dossier list
printf '\n(demo database in %s, removed now)\n' "$dir"
