#!/bin/sh
# db check replays the audit log. A row changed with sqlite3 and one audit
# record appended whose hashes match (the encoding of core/audit.h is
# public: tests/helpers/forge-audit computes them with sqlite3 and nettle
# alone) passes every check of the chain and of the rows; the record must
# still tell of a change that its command can make, and it does not. Each
# record also keeps the system account that ran the command.
. "$(dirname "$0")/../lib.sh"
init_office
R=$FIXTURES/registers
me=$(id -un 2>/dev/null || id -u)
at() { date -d "$1" +%s; }

# ---- a busy register: every kind of command, and db check stays clean ----
run() { "$MOTCUA" "$@" >/dev/null 2>"$TMP/run.err" || { not_ok "$*"; cat "$TMP/run.err"; }; }
run config set cutoff 14:00
run procedure import "$FIXTURES/procedures-excel.csv"
run holiday import "$FIXTURES/holidays-2026.csv"
run holiday add 2026-05-04 --name "Nghỉ bù"
A=$("$MOTCUA" -q dossier new --procedure 1.001193 --applicant "Trần Thị Bích" --phone 0912345678)
B=$("$MOTCUA" -q dossier new --procedure 1.001193 --applicant "Lê Văn Cường" --phone 0987654321)
C=$("$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Phạm Thị Dung")
E=$("$MOTCUA" -q dossier new --procedure 1.001193 --applicant "Đỗ Văn E")
MOTCUA_NOW=2026-04-29T09:30:00+07:00 run dossier cancel "$E" --reason "nhập nhầm"
MOTCUA_NOW=2026-04-29T10:00:00+07:00 run dossier update "$A" --status processing
MOTCUA_NOW=2026-04-29T10:30:00+07:00 run dossier update "$A" --status supplement --reason "thiếu giấy chứng sinh"
MOTCUA_NOW=2026-04-30T08:00:00+07:00 run dossier update "$A" --status processing
MOTCUA_NOW=2026-04-30T08:10:00+07:00 run dossier update "$A" --due "2026-05-06 10:00" --reason "chờ xác minh"
MOTCUA_NOW=2026-04-29T11:00:00+07:00 run dossier amend "$B" --applicant "Lê Văn Cường B" --phone 0987654322 --reason "gõ nhầm"
MOTCUA_NOW=2026-04-29T11:05:00+07:00 run dossier note "$B" "đã gọi điện hẹn"
MOTCUA_NOW=2026-04-29T15:00:00+07:00 run dossier update "$B" --status done
MOTCUA_NOW=2026-04-30T09:00:00+07:00 run dossier update "$B" --status returned
run register import birth "$R/births-excel.csv"
run register import marriage "$R/marriages.csv"
run register import death "$R/deaths.csv"
run register add birth --book 03/2019 --number 1 --registered-on 02/06/2019 \
	--full-name "Hồ Ngọc Ha" --sex nam --date-of-birth 30/05/2019
run register amend birth 01/2019 2 --full-name "Trần Thị Bích Ngân" --reason "gõ nhầm"
run register amend birth 03/2019 1 --full-name "Hồ Ngọc Hà" --reason "gõ nhầm"
run register export birth -o "$TMP/all.csv"
sed 's/Lê Minh Khang/Lê Minh Khánh/' "$TMP/all.csv" >"$TMP/mended.csv"
run register import birth "$TMP/mended.csv" --amend --reason "đối chiếu sổ gốc"
MOTCUA_NOW=2026-04-29T16:00:00+07:00 run extract birth 01/2019 1 --requester "Nguyễn Văn Hùng" --dossier "$C" -o "$TMP/x1.txt"
run extract birth 01/2019 2 --requester "Trần Thị Lan" -o "$TMP/x2.txt"
run extract death 01/2021 1 --requester "Lê Văn Tám" -o "$TMP/x3.txt"
run extract reprint 1/2026/TLKS-BS -o "$TMP/x4.txt"
run extract void 1/2026/TLKT-BS --reason "nhầm người yêu cầu"
run notify mark 1 sent --msg-id zns-1
MOTCUA_NOW=2026-04-30T10:00:00+07:00 run dossier export --since "2026-04-29 00:00"
run report dossiers -o "$TMP/book.csv"
run extract list --format csv
run notify export
expect_eq "every command that writes is in the log" \
	"config set,dossier amend,dossier cancel,dossier export,dossier new,dossier note,dossier update,extract birth,extract death,extract list,extract reprint,extract void,holiday add,holiday import,init,notify export,notify mark,procedure add,procedure import,register add,register amend,register export,register import,report dossiers" \
	"$(sqlite3 "$MOTCUA_DB" "select group_concat(command, ',') from (select distinct command from audit_log order by command)")"
export MOTCUA_NOW=2026-04-30T11:00:00+07:00
expect_code 0 "db check replays them all: no false report" db check
last=$(sqlite3 "$MOTCUA_DB" "select max(id) from audit_log")
expect_grep "ok" "ok: $last audit records" "$TMP/out"
cp "$MOTCUA_DB" "$TMP/base.db"
restore() { cp "$TMP/base.db" "$MOTCUA_DB"; rm -f "$MOTCUA_DB-wal" "$MOTCUA_DB-shm"; }
tamper() { sqlite3 "$MOTCUA_DB" "$1" || not_ok "sqlite3 refused: $1"; }
forge() { "$HELPERS/forge-audit" "$MOTCUA_DB" "$@" >/dev/null || not_ok "forge-audit refused: $*"; }
next=$((last + 1))

# ---- who, really: the system account beside the clerk ----
expect_code 0 "audit log --format json" audit log --format json
expect_eq "every record has the system account that ran it" "$me" \
	"$(jq -r '[.[].os_user] | unique | join(",")' "$TMP/out")"
expect_eq "beside the clerk typed" "lan" "$(jq -r '[.[].clerk] | unique | join(",")' "$TMP/out")"
expect_code 0 "audit log CODE" audit log "$E"
expect_out "text: the clerk, then the system account" \
"  $(sqlite3 "$MOTCUA_DB" "select min(id) from audit_log where key = '$E'")  2026-04-29 09:00  lan  $me  dossier new  dossiers $E  $(sqlite3 "$MOTCUA_DB" "select change from audit_log where key = '$E' order by id limit 1")
  $(sqlite3 "$MOTCUA_DB" "select max(id) from audit_log where key = '$E'")  2026-04-29 09:30  lan  $me  dossier cancel  dossiers $E  {\"event\":\"cancel\",\"status\":\"cancelled\",\"reason\":\"nhập nhầm\"}"
expect_code 0 "audit log --format csv" audit log --table settings cutoff --format csv
expect_eq "CSV: an os_user column" "id,at,clerk,os_user,command|$me" \
	"$(head -1 "$TMP/out" | cut -d, -f1-5)|$(sed -n 2p "$TMP/out" | cut -d, -f4)"
MOTCUA_CLERK=mallory expect_code 0 "a clerk's name typed" config set cutoff 15:00
expect_eq "is kept as typed, the account that ran it beside it" "mallory $me" \
	"$(sqlite3 "$MOTCUA_DB" "select clerk, os_user from audit_log where id = $next" | tr '|' ' ')"
expect_code 0 "the record hash covers the account" db check -q
tamper "drop trigger audit_log_no_update; update audit_log set os_user = 'lan' where id = $next"
expect_code 1 "so an account rewritten is found" db check
expect_out "as an altered record" \
"audit_log: the trigger audit_log_no_update that keeps it append-only was removed
audit record $next: altered (its content does not match its hash)
2 problems found"
restore

# ---- the attack: a row changed, a record appended that matches it ----
# The applicant's name changed with sqlite3 also leaves the index of names
# behind (core/search-index.c): that is found too.
IDX="dossier_names (the index of the applicants' names): 0 entries missing, 0 extra, 1 different, 1 words missing from dossier_terms; 'motcua db check --repair-index' rebuilds it"
tamper "update dossiers set applicant = 'Mallory' where code = '$A'"
expect_code 1 "the row alone is found" db check
expect_out "as altered behind the program's back" \
"dossiers $A: altered behind the program's back (it differs from audit record $(sqlite3 "$MOTCUA_DB" "select max(id) from audit_log where key = '$A'"))
$IDX
2 problems found"
forge dossiers "$A" hoa "dossier update" '{"applicant":"Mallory"}' "$(at 2026-04-30T10:30+07:00)"
expect_code 1 "with a record appended whose hashes match" db check
expect_out "the chain and the row hold, the replay does not" \
"audit record $next (dossier update): dossiers $A: impossible: dossier update never changes applicant
$IDX
2 problems found"
expect_code 1 "db check --format json" db check --format json
expect_eq "JSON: kind impossible, the row and the record" "impossible dossiers $A $next
index dossier_names null null" \
	"$(jq -r '.problems[] | "\(.kind) \(.table) \(.key) \(.record)"' "$TMP/out")"
expect_code 0 "the forged record is in the log as any other" audit log --format json
expect_eq "in hoa's name, by the account the forger chose" "hoa root dossier update" \
	"$(jq -r '.[-1] | "\(.clerk) \(.os_user) \(.command)"' "$TMP/out")"

# The same change told as a move the dossier could make: the columns that
# the records give are not those of the row.
restore
tamper "update dossiers set applicant = 'Mallory' where code = '$A'"
forge dossiers "$A" hoa "dossier update" '{"status":"processing"}' "$(at 2026-04-30T10:30+07:00)"
expect_code 1 "a plausible change with the row's hash" db check
expect_out "is found by what the records say of its columns" \
"audit record $next (dossier update): dossiers $A: impossible: its applicant is Mallory, but its records gave Trần Thị Bích (changed without a record that says so)
$IDX
2 problems found"

# Only dossier amend changes the applicant, and only from its value.
restore
tamper "update dossiers set applicant = 'Mallory' where code = '$A'"
forge dossiers "$A" hoa "dossier amend" '{"event":"amend","changes":{"applicant":["Nguyễn Văn X","Mallory"]},"reason":"x"}' \
	"$(at 2026-04-30T10:30+07:00)"
expect_code 1 "an amendment from a value the dossier never had" db check
expect_out "is found" \
"audit record $next (dossier amend): dossiers $A: impossible: it amends applicant from a value that the records before do not give
$IDX
2 problems found"
restore
tamper "update dossiers set pin = 'AAAAAA' where code = '$A'"
forge dossiers "$A" hoa "dossier amend" '{"event":"amend","changes":{"pin":["x","AAAAAA"]},"reason":"x"}' \
	"$(at 2026-04-30T10:30+07:00)"
expect_code 1 "an amendment of a detail no amendment changes" db check
expect_grep "is found" \
"audit record $next (dossier amend): dossiers $A: impossible: dossier amend changes pin, not an amendable detail" "$TMP/out"

# ---- an impossible move of the lifecycle ----
restore
tamper "update dossiers set status = 'processing', finished_at = null, returned_at = null where code = '$B'"
forge dossiers "$B" hoa "dossier update" '{"status":"processing","finished_at":null,"returned_at":null}' \
	"$(at 2026-04-30T10:30+07:00)"
expect_code 1 "a returned dossier back in processing" db check
expect_out "is not a move of the lifecycle" \
"audit record $next (dossier update): dossiers $B: impossible: returned to processing is not a move of the lifecycle (audit record $(sqlite3 "$TMP/base.db" "select max(id) from audit_log where key = '$B'") left it returned)
1 problem found"

# ---- a time that goes backwards within a dossier ----
restore
forge dossiers "$A" hoa "dossier update" '{"status":"processing"}' "$(at 2026-04-29T08:00+07:00)"
expect_code 1 "a change dated before the dossier's last one" db check
expect_out "is found" \
"audit record $next (dossier update): dossiers $A: impossible: dated 2026-04-29 08:00, before audit record $(sqlite3 "$TMP/base.db" "select max(id) from audit_log where key = '$A'") of the same row (2026-04-30 08:10)
1 problem found"

# ---- a number given again: an extract's serial reused ----
restore
x=$(sqlite3 "$MOTCUA_DB" "select max(id) from audit_log where tbl = 'extracts' and key = '2/2026/TLKS-BS'")
tamper "drop trigger extracts_no_update; update extracts set requester = 'Mallory' where serial = '2/2026/TLKS-BS'"
forge extracts 2/2026/TLKS-BS hoa "extract birth" \
	"$(sqlite3 "$MOTCUA_DB" "select json_object('id', id, 'kind', kind, 'year', year, 'seq', seq, 'serial', serial,
		'entry_id', entry_id, 'issued_at', issued_at, 'day', day, 'clerk', clerk, 'requester', requester,
		'copies', copies, 'fee', fee, 'payload', payload) from extracts where serial = '2/2026/TLKS-BS'")" \
	"$(at 2026-04-30T10:30+07:00)"
expect_code 1 "an extract issued again under a serial already given" db check
expect_out "is found: issued once, and its number does not grow" \
"extracts: the trigger extracts_no_update that keeps it append-only was removed
audit record $next (extract birth): extracts 2/2026/TLKS-BS: impossible: extract birth writes only new rows, and audit record $x wrote this one before
audit record $next (extract birth): extracts 2/2026/TLKS-BS: impossible: number 2, although audit record $x gave number 2 of the same series before it: numbers only grow
3 problems found"

# ---- a record by a command that never writes its table, or without account ----
restore
tamper "update settings set value = '0' where key = 'extract_fee'"
forge settings extract_fee hoa "dossier update" '{"value":"0"}' "$(at 2026-04-30T10:30+07:00)" -
expect_code 1 "a setting changed by a dossier update, with no system account" db check
expect_out "both are found" \
"audit record $next (dossier update): settings extract_fee: impossible: no system account, although audit record $last before it has one
audit record $next (dossier update): settings extract_fee: impossible: dossier update never writes settings
2 problems found"

# The office's public key: no command changes it once stored.
restore
tamper "update settings set value = 'AAAA' where key = 'signing_public_key'"
forge settings signing_public_key hoa "config set" '{"value":"AAAA"}' "$(at 2026-04-30T10:30+07:00)"
expect_code 1 "the signing key replaced, told as config set" db check
expect_out "is found" \
"audit record $next (config set): settings signing_public_key: impossible: config set never writes settings signing_public_key
1 problem found"

# ---- hostile records: shown escaped, and no key too odd to judge ----
restore
forge dossiers "$A" hoa "$(printf 'dossier update\033[2J')" '{"status":"processing"}' "$(at 2026-04-30T10:30+07:00)"
forge dossiers "$A" hoa "dossier update" '{"":1}' "$(at 2026-04-30T10:30+07:00)"
forge dossiers "$A" hoa "dossier update" '{"status processing":2}' "$(at 2026-04-30T10:30+07:00)"
expect_code 1 "a command with an escape sequence, an empty key, a key of two words" db check
expect_out "are named, escaped" \
"audit record $next (dossier update\\x1B[2J): dossiers $A: impossible: dossier update\\x1B[2J never writes dossiers
audit record $((next + 1)) (dossier update): dossiers $A: impossible: dossier update never changes \"\"
audit record $((next + 2)) (dossier update): dossiers $A: impossible: dossier update never changes status processing
3 problems found"

# ---- a register of schema 7: its records have no system account ----
restore
schema_undo_8 "$MOTCUA_DB"
expect_eq "a version-7 register has no os_user" "7 0" \
	"$(sqlite3 "$MOTCUA_DB" "PRAGMA user_version; SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'os_user'" | tr '\n' ' ' | sed 's/ $//')"
old=$(sqlite3 "$MOTCUA_DB" "select max(id) from audit_log")
expect_code 0 "db upgrade" db upgrade
expect_code 0 "its records still check clean" db check -q
expect_eq "at the latest version" "$(grep -c '^	/\* [0-9][0-9]*: ' "$TESTS_DIR/../core/schema.c")" \
	"$(sqlite3 "$MOTCUA_DB" 'PRAGMA user_version')"
expect_code 0 "a change after the upgrade" config set cutoff 15:00
expect_code 0 "audit log --format json" audit log --format json
expect_eq "the old records have none, the new one has it" "$old null|config set $me" \
	"$(jq -r '(.[] | select(.id == '"$old"') | "\(.id) \(.os_user)"), "|", (.[-1] | "\(.command) \(.os_user)")' "$TMP/out" | tr -d '\n')"
expect_eq "no old record has one" 0 \
	"$(jq '[.[] | select(.id <= '"$old"' and .os_user != null)] | length' "$TMP/out")"
expect_code 0 "and db check holds" db check -q

# ---- times along the log, in a real register ----
# A real register takes its clock from the machine (MOTCUA_NOW is refused):
# its records' times only grow along the whole log. A training copy's do
# not (MOTCUA_NOW goes anywhere: the busy register above went back and
# forth and checked clean).
real=$TMP/real/motcua.db
mkdir -p "$TMP/real"
rl() { env -u MOTCUA_NOW MOTCUA_DB="$real" "$MOTCUA" "$@" >"$TMP/out" 2>"$TMP/err"; }
rl init --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú"
expect_eq "a real register (init without --training)" 0 "$?"
rl config set cutoff 14:00
rl db check -q
expect_eq "checks clean" 0 "$?"
cp "$real" "$TMP/real.orig"
# A record dated before the one before it, its hashes right.
head_at=$(sqlite3 "$real" "select at from audit_log order by id desc limit 1")
sqlite3 "$real" "update settings set value = '15:00' where key = 'cutoff'"
"$HELPERS/forge-audit" "$real" settings cutoff lan "config set" '{"value":"15:00"}' \
	$((head_at - 3600)) "$me" >/dev/null || not_ok "forge-audit refused"
n=$(sqlite3 "$real" "select max(id) from audit_log")
rl db check
expect_eq "a record dated an hour before the last one: exit 1" 1 "$?"
expect_eq "is named, with both times" \
"audit record $n (config set): settings cutoff: impossible: dated $(TZ=Asia/Ho_Chi_Minh date -d @$((head_at - 3600)) '+%Y-%m-%d %H:%M'), before audit record $((n - 1)) ($(TZ=Asia/Ho_Chi_Minh date -d @"$head_at" '+%Y-%m-%d %H:%M')): times only grow along the log
1 problem found" "$(cat "$TMP/out")"
# The machine's clock behind the log (set back, or a record from the
# future): the program dates its record at the last one's time, and the
# log checks clean.
cp "$TMP/real.orig" "$real"
rm -f "$real-wal" "$real-shm"
future=$((head_at + 86400))
"$HELPERS/forge-audit" "$real" settings cutoff lan "config set" '{"value":"14:00"}' \
	"$future" "$me" >/dev/null || not_ok "forge-audit refused"
rl config set cutoff 14:30
expect_eq "a change while the clock is behind the log's last record" 0 "$?"
expect_eq "is dated at that record's time, not before it" "$future" \
	"$(sqlite3 "$real" "select at from audit_log order by id desc limit 1")"
rl db check -q
expect_eq "and the log checks clean" 0 "$?"
# The training mark is init's alone.
cp "$TMP/real.orig" "$real"
rm -f "$real-wal" "$real-shm"
sqlite3 "$real" "insert into settings(key, value) values ('training', 'yes')"
"$HELPERS/forge-audit" "$real" settings training lan "config set" '{"value":"yes"}' \
	"$head_at" "$me" >/dev/null || not_ok "forge-audit refused"
n=$(sqlite3 "$real" "select max(id) from audit_log")
rl db check
expect_eq "a real register made a training copy by a forged config set: exit 1" 1 "$?"
expect_grep "is named" \
	"audit record $n (config set): settings training: impossible: config set never writes settings training" "$TMP/out"
