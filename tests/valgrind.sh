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
vg 0 "report summary" report summary --from 2026-04-01 --to 2026-04-30
vg 0 "report summary --by procedure --format json" report summary --by procedure --format json
vg 0 "report summary --by clerk --format csv" report summary --by clerk --format csv
vg 65 "report summary with a bad date" report summary --from 2026-02-30
vg 0 "report dossiers" report dossiers --from 2026-04-29
vg 0 "report dossiers -o" report dossiers -o "$TMP/book.csv"
vg 0 "dossier export" dossier export --since "2026-04-29 00:00" --format jsonl
vg 0 "config set zns_template_received" config set zns_template_received 214871
vg 0 "notify list" notify list
vg 0 "notify list --pending --format json" notify list --pending --format json
vg 0 "notify export" notify export --format jsonl
vg 0 "notify export --format csv" notify export --format csv
vg 0 "notify mark sent" notify mark 1 sent --msg-id zns-1
vg 0 "notify mark failed" notify mark 2 failed --error "timeout"
vg 65 "notify mark of a sent message" notify mark 1 failed
vg 1 "notify mark of an unknown id" notify mark 99 sent
vg 0 "config list" config list
vg 0 "--help" dossier new --help
vg 2 "unknown option" dossier list --frob
