#!/bin/sh
# The audit log: every change to dossiers, settings, procedures and the
# calendar is recorded with its time, clerk, command, object and change,
# in the same transaction; `audit log` shows it; the log is append-only.
. "$(dirname "$0")/../lib.sh"
SEEDED_CATALOGUE=1 # the log as init writes it, no more
init_office

count() { sqlite3 "$MOTCUA_DB" "select count(*) from audit_log $*"; }
# The system account that runs the tests: every record keeps it.
me=$(id -un 2>/dev/null || id -u)
# last FIELD: a field of the last record, by jq
last() { "$MOTCUA" audit log --format json | jq -r ".[-1].$1"; }

# init: the 4 settings it was given and the 7 seeded procedures.
expect_code 0 "audit log after init" audit log --format json
expect_eq "init recorded 13 changes (the training mark and the signing key among them)" "13" "$(jq length "$TMP/out")"
expect_eq "each by init, by the clerk" "init lan" \
	"$(jq -r '[.[] | .command + " " + .clerk] | unique | join(",")' "$TMP/out")"
expect_eq "settings first (a test database is a training copy), then procedures" \
	"settings unit_id|settings unit_name|settings province|settings lookup_url|settings training|procedures 1.001193" \
	"$(jq -r '[.[0:6][] | .table + " " + .key] | join("|")' "$TMP/out")"
expect_eq "with the value set" "UBND phường Vĩnh Phú" "$(jq -r '.[1].change.value' "$TMP/out")"
expect_eq "at the time of the command" "2026-04-29T09:00:00+07:00" "$(jq -r '.[0].at' "$TMP/out")"
expect_eq "the chain starts from zeros" "0000000000000000000000000000000000000000000000000000000000000000" \
	"$(sqlite3 "$MOTCUA_DB" 'select prev_hash from audit_log where id = 1')"
expect_eq "and each record links to the one before" "0" \
	"$(sqlite3 "$MOTCUA_DB" 'select count(*) from audit_log a join audit_log b on b.id = a.id + 1 where b.prev_hash != a.hash')"

# dossier new and update
expect_code 0 "dossier new" -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn A" --phone 0912345678
code=$(cat "$TMP/out")
expect_eq "is recorded as dossier new" "dossier new dossiers $code" \
	"$(last command) $(last table) $(last key)"
expect_eq "with the dossier's values" "Nguyễn Văn A 0912345678 received" \
	"$(last change.applicant) $(last change.phone) $(last change.status)"
MOTCUA_NOW="2026-04-29T10:15:00+07:00" MOTCUA_CLERK=hoa \
	expect_code 0 "dossier update" dossier update "$code" --status supplement --reason "thiếu tờ khai"
expect_eq "records what changed, who and when" \
	'{"status":"supplement","paused_at":1777432500,"reason":"thiếu tờ khai"} hoa 2026-04-29T10:15:00+07:00' \
	"$("$MOTCUA" audit log --format json | jq -c '.[-1] | .change, .clerk, .at' | tr '\n' ' ' | sed 's/"hoa"/hoa/; s/"2026/2026/; s/00"/00/; s/ $//')"

n=$(count)
expect_code 65 "a refused update" dossier update "$code" --status returned
expect_eq "records nothing" "$n" "$(count)"

# audit log CODE: a dossier's records, in any letter case or from its URL
lower=$(printf '%s' "$code" | tr 'A-Z' 'a-z')
expect_code 0 "audit log CODE (lower case)" audit log "  $lower "
expect_eq "gives the dossier's two records" "2" "$(wc -l <"$TMP/out")"
expect_eq "the second line, exactly" \
	"  17  2026-04-29 10:15  hoa  $me  dossier update  dossiers $code  {\"status\":\"supplement\",\"paused_at\":1777432500,\"reason\":\"thiếu tờ khai\"}" \
	"$(sed -n 2p "$TMP/out")"
pin=$(sqlite3 "$MOTCUA_DB" "select pin from dossiers where code = '$code'")
expect_code 0 "audit log by the scanned URL" audit log "https://dichvucong.binhduong.gov.vn/tra-cuu?ma=$code&pin=$pin"
expect_eq "gives the same records" "2" "$(wc -l <"$TMP/out")"
expect_code 1 "audit log of an unknown dossier" audit log 000.00.22.H12-260429-9999
expect_err "says so" "motcua: no dossier 000.00.22.H12-260429-9999"

# settings
expect_code 0 "config set" config set cutoff 14:00
expect_code 0 "audit log --table settings cutoff" audit log --table settings cutoff
expect_out "shows the setting's record" "  18  2026-04-29 09:00  lan  $me  config set  settings cutoff  {\"value\":\"14:00\"}"
expect_code 0 "config set province '' (unset)" config set province ""
expect_eq "records the removal: no row hash" '{"value":null} null' \
	"$("$MOTCUA" audit log --format json | jq -c '.[-1] | .change, .row_hash' | tr '\n' ' ' | sed 's/ $//')"

# calendar and procedures
expect_code 0 "holiday add" holiday add 2026-05-04 --name "Nghỉ bù"
expect_eq "is recorded" "holiday add holidays 2026-05-04 Nghỉ bù" \
	"$(last command) $(last table) $(last key) $(last change.name)"
n=$(count)
expect_code 0 "holiday import" holiday import "$FIXTURES/holidays-2026.csv"
expect_eq "records one change per day recorded" "$((n + $(sed 1d "$FIXTURES/holidays-2026.csv" | wc -l)))" "$(count)"
expect_eq "as holiday import" "holiday import" "$(last command)"
expect_code 0 "procedure add" procedure add --code 9.000001 --name "Thủ tục thử" --days 2
expect_eq "is recorded" "procedure add procedures 9.000001 2" \
	"$(last command) $(last table) $(last key) $(last change.days)"
n=$(count)
expect_code 0 "procedure import" procedure import "$FIXTURES/procedures-excel.csv"
expect_eq "records the added and updated rows" "$((n + 2))" "$(count)"
n=$(count)
expect_code 0 "the same import again" procedure import "$FIXTURES/procedures-excel.csv"
expect_eq "changes nothing and records nothing" "$n" "$(count)"
before=$(db_snapshot)
expect_code 65 "an import with bad rows" procedure import "$FIXTURES/procedures-bad.csv"
expect_eq "records nothing either (one transaction)" "$before" "$(db_snapshot)"

# Other formats, read back by real readers.
expect_code 0 "audit log --format csv" audit log --format csv
expect_eq "has its header" "id,at,clerk,os_user,command,table,key,change,row_hash,hash" "$(head -1 "$TMP/out")"
sqlite3 -csv "$TMP/csv.db" ".import $TMP/out log" 2>"$TMP/import.err"
expect_eq "sqlite3 reads every record back" "$(count)" \
	"$(sqlite3 "$TMP/csv.db" 'select count(*) from log')"
expect_eq "with the changes as they are stored" \
	"$(sqlite3 "$MOTCUA_DB" 'select change from audit_log where id = 13')" \
	"$(sqlite3 "$TMP/csv.db" 'select change from log where id = 13')"
expect_code 0 "audit log --table holidays --format json" audit log --table holidays --format json
expect_eq "only that table" "holidays" "$(jq -r '[.[].table] | unique | join(",")' "$TMP/out")"
expect_code 2 "audit log --format jsonl is not offered" audit log --format jsonl

# Append-only, even to sqlite3.
sqlite3 "$MOTCUA_DB" "update audit_log set clerk = 'x' where id = 1" 2>"$TMP/sql.err"
expect_grep "sqlite3 cannot rewrite a record" "the audit log is append-only" "$TMP/sql.err"
sqlite3 "$MOTCUA_DB" "delete from audit_log where id = 1" 2>"$TMP/sql.err"
expect_grep "nor delete one" "the audit log is append-only" "$TMP/sql.err"
expect_code 0 "db check: all of it holds together" db check
