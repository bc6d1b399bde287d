#!/bin/sh
# The main commands under valgrind: no leaks, no invalid reads or writes.
# Run by `make check` (tests/run.sh --all) with the -O2 build.
. "$(dirname "$0")/lib.sh"

vg() {  # WANT-EXIT DESC ARGS...
	want=$1 desc=$2; shift 2
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
		"$MOTCUA" "$@" >"$TMP/out" 2>"$TMP/vg" </dev/null
	code=$?
	if [ "$code" -eq "$want" ] && ! grep -q '^==[0-9]*==' "$TMP/vg"; then ok "valgrind clean: $desc (exit $code)"
	else
		not_ok "valgrind: $desc (exit $code, want $want)"
		sed 's/^/#   /' "$TMP/vg" | head -30
	fi
}

vg 0 "init" init --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú" \
	--lookup-url 'https://dvc.example.gov.vn/?ma={code}&pin={pin}'
vg 0 "procedure list" procedure list
vg 0 "procedure list --format json" procedure list --format json
vg 0 "procedure import" procedure import "$FIXTURES/procedures-excel.csv"
vg 65 "procedure import with bad rows" procedure import "$FIXTURES/procedures-bad.csv"
vg 0 "dossier new (slip)" dossier new --procedure 2.000635 --applicant "Nguyễn Văn A" \
	--phone 0912345678 --doc "Tờ khai" --doc "CCCD"
vg 0 "dossier new --format json" dossier new --procedure 1.001193 --applicant "Trần Thị B" --format json
vg 65 "dossier new refused" dossier new --procedure 2.000635 --applicant "B" --phone 0123
vg 0 "dossier status" dossier status 000.00.22.h12-260429-0001
vg 0 "dossier status --format json" dossier status 000.00.22.H12-260429-0001 --format json
vg 0 "dossier update" dossier update 000.00.22.H12-260429-0001 --status supplement --reason "thiếu"
vg 0 "dossier update resuming" dossier update 000.00.22.H12-260429-0001 --status processing
vg 65 "dossier update refused" dossier update 000.00.22.H12-260429-0001 --status received
vg 0 "dossier list --format csv" dossier list --format csv
vg 0 "holiday list" holiday list --year 2026
vg 0 "holiday import" holiday import "$FIXTURES/holidays-2026.csv"
vg 0 "calendar due" calendar due --from "2026-02-13 10:00" --days 5
vg 0 "config list" config list
R=$FIXTURES/registers
vg 0 "register import (Excel-saved)" register import birth "$R/births-excel.csv"
vg 0 "register import marriages" register import marriage "$R/marriages.csv"
vg 0 "register import deaths" register import death "$R/deaths.csv"
vg 65 "register import with bad rows" register import birth "$R/births-bad.csv"
vg 0 "register import --reject-file" register import birth "$R/births-bad.csv" --reject-file "$TMP/bad.csv"
vg 65 "register import of a TCVN3 file" register import birth "$R/births-tcvn3.csv"
vg 0 "register add" register add death --book 02/2021 --number 1 --registered-on 2021-05-02 \
	--full-name "Lê Văn Bảy" --died-on 2021-05-01
vg 0 "register show --format json" register show birth 01/2019 1 --format json
vg 0 "register search" register search "duc nguyen"
vg 0 "register search --format json" register search "nguyen" --format json --kind birth
vg 0 "register export" register export birth
vg 0 "extract birth" extract birth 01/2019 1 --requester "Nguyễn Văn Hùng" --copies 2
vg 0 "extract death --format json" extract death 01/2021 1 --requester X --format json
vg 0 "extract marriage with a dossier" extract marriage 01/2020 1 --dossier 000.00.22.H12-260429-0002
vg 1 "extract birth --search with several matches" extract birth --search "nguyen" --requester X
vg 0 "report extracts" report extracts
vg 0 "report extracts --format json" report extracts --format json
vg 0 "--help" dossier new --help
vg 2 "unknown option" dossier list --frob
