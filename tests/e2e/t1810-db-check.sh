#!/bin/sh
# db check: a row, a history entry, a setting, a procedure, a holiday or an
# audit record altered, removed or inserted behind the program's back with
# sqlite3 is found and named (exit 1); an untouched database is clean.
. "$(dirname "$0")/../lib.sh"
init_office

mc -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn A"
A=$(cat "$TMP/out")
mc -q dossier new --procedure 1.001193 --applicant "Trần Thị B"
B=$(cat "$TMP/out")
mc dossier update "$A" --status processing
mc holiday add 2026-05-04 --name "Nghỉ bù"
mc config set cutoff 14:00
cp "$MOTCUA_DB" "$TMP/base.db"
last=$(sqlite3 "$MOTCUA_DB" "select max(id) from audit_log")
rec() {  # TABLE KEY: the id of the last record of a row
	sqlite3 "$MOTCUA_DB" "select max(id) from audit_log where tbl = '$1' and key = '$2'"
}
restore() { cp "$TMP/base.db" "$MOTCUA_DB"; rm -f "$MOTCUA_DB-wal" "$MOTCUA_DB-shm"; }
tamper() { sqlite3 "$MOTCUA_DB" "$1" || not_ok "sqlite3 refused: $1"; }

expect_code 0 "db check on an untouched database" db check
rows=$(sqlite3 "$MOTCUA_DB" "select (select count(*) from settings) + (select count(*) from procedures)
	+ (select count(*) from holidays) + (select count(*) from dossiers)")
expect_out "says ok with the chain head" \
	"ok: $last audit records, $rows rows checked; chain head $last $(sqlite3 "$MOTCUA_DB" "select hash from audit_log where id = $last")"
expect_code 0 "db check -q" -q db check
expect_empty "prints nothing when clean"
expect_code 0 "db check --format json" db check --format json
expect_eq "JSON: ok, no problem, the head" "true 0 $last" \
	"$(jq -r '"\(.ok) \(.problems | length) \(.head_id)"' "$TMP/out")"

# Rows altered behind the program's back: each named with its record.
tamper "update dossiers set applicant = 'Nguyễn Văn Z' where code = '$A'"
expect_code 1 "a dossier row altered" db check
expect_out "is named, with its audit record; the index of names no longer matches it" \
"dossiers $A: altered behind the program's back (it differs from audit record $(rec dossiers "$A"))
dossier_names (the index of the applicants' names): 0 entries missing, 0 extra, 1 different, 1 words missing from dossier_terms; 'motcua db check --repair-index' rebuilds it
2 problems found"
restore
tamper "drop trigger dossier_history_no_update; update dossier_history set clerk = 'x' where id = 1"
expect_code 1 "a history entry rewritten" db check
expect_out "is named: the trigger and the dossier" \
"dossier_history: the trigger dossier_history_no_update that keeps it append-only was removed
dossiers $A: altered behind the program's back (it differs from audit record $(rec dossiers "$A"))
2 problems found"
restore
tamper "update procedures set fee = 0 where code = '2.000635'; update settings set value = '16:00' where key = 'cutoff'; update holidays set is_workday = 1"
expect_code 1 "a procedure, a setting and a holiday altered" db check
expect_out "are each named" \
"settings cutoff: altered behind the program's back (it differs from audit record $(rec settings cutoff))
procedures 2.000635: altered behind the program's back (it differs from audit record $(rec procedures 2.000635))
holidays 2026-05-04: altered behind the program's back (it differs from audit record $(rec holidays 2026-05-04))
3 problems found"
expect_code 1 "db check --format csv" db check --format csv
expect_eq "CSV: kind, table, key, record" "row_altered,settings,cutoff,$(rec settings cutoff)" \
	"$(sed -n 2p "$TMP/out" | cut -d, -f1-4)"
expect_code 1 "db check --format json" db check --format json
expect_eq "JSON: the kinds and keys" "false row_altered:cutoff,row_altered:2.000635,row_altered:2026-05-04" \
	"$(jq -r '"\(.ok) \([.problems[] | .kind + ":" + .key] | join(","))"' "$TMP/out")"

# Rows removed or inserted behind the program's back.
restore
sqlite3 "$MOTCUA_DB" "delete from dossier_history" 2>"$TMP/sql.err"
expect_grep "the history refuses a delete" "dossier history is append-only" "$TMP/sql.err"
tamper "drop trigger dossier_history_no_delete; delete from dossier_history where dossier_id = (select id from dossiers where code = '$B'); delete from dossiers where code = '$B'"
expect_code 1 "a dossier deleted" db check
expect_grep "is named" "dossiers $B: removed behind the program's back (audit record $(rec dossiers "$B") describes it)" "$TMP/out"
restore
tamper "insert into settings(key, value) values ('extract_fee', '0');
	insert into dossiers(code, unit_id, day, seq, pin, procedure, days, applicant, channel, delivery,
	  status, received_at, due_at, clerk, updated_at)
	select 'FORGED', unit_id, day, 99, pin, procedure, days, 'X', channel, delivery, status,
	  received_at, due_at, clerk, updated_at from dossiers where code = '$A'"
expect_code 1 "rows inserted" db check
expect_out "are named" \
"settings extract_fee: not in the audit log (written behind the program's back)
dossiers FORGED: not in the audit log (written behind the program's back)
dossier_names (the index of the applicants' names): 1 entries missing, 0 extra, 0 different, 1 words missing from dossier_terms; 'motcua db check --repair-index' rebuilds it
3 problems found"

# The audit log itself: altered, removed, forged.
restore
tamper "drop trigger audit_log_no_update; update audit_log set clerk = 'mallory' where id = 3"
expect_code 1 "an audit record altered" db check
expect_out "is named" \
"audit_log: the trigger audit_log_no_update that keeps it append-only was removed
audit record 3: altered (its content does not match its hash)
2 problems found"
restore
tamper "drop trigger audit_log_no_update; update audit_log set change = '{}', hash = 'x' where id = 5"
expect_code 1 "an audit record altered with its hash" db check
expect_grep "is named" "audit record 5: altered (its content does not match its hash)" "$TMP/out"
expect_grep "and the next one no longer follows it" "audit record 6: does not follow record 5" "$TMP/out"
restore
tamper "drop trigger audit_log_no_delete; delete from audit_log where id = 4"
expect_code 1 "an audit record removed" db check
expect_grep "is named" "audit record 4: removed" "$TMP/out"
restore
tamper "drop trigger audit_log_no_delete; delete from audit_log where id between 2 and 3"
expect_code 1 "two records removed" db check
expect_grep "are named" "audit records 2 to 3: removed" "$TMP/out"
restore
tamper "drop trigger audit_log_no_delete; delete from audit_log where id = $last"
expect_code 1 "the last record removed" db check
expect_grep "is named" "audit record $last: removed from the end of the log" "$TMP/out"
expect_grep "and the row it recorded is no longer accounted for" \
	"settings cutoff: not in the audit log (written behind the program's back)" "$TMP/out"
restore
tamper "insert into audit_log(at, clerk, command, tbl, key, change, row_hash, prev_hash, hash)
	select at, 'mallory', 'dossier update', tbl, key, '{\"status\":\"done\"}', row_hash, hash,
	  '0000000000000000000000000000000000000000000000000000000000000001'
	from audit_log where id = $last"
expect_code 1 "a forged record appended" db check
expect_grep "is named" "audit record $((last + 1)): altered (its content does not match its hash)" "$TMP/out"
restore
tamper "drop trigger audit_log_no_update; update audit_log set id = id + 100 where id = $last"
expect_code 1 "a record moved" db check
expect_grep "is found" "audit records $last to $((last + 99)): removed" "$TMP/out"

restore
expect_code 0 "the original database checks clean again" db check

# A damaged file: SQLite's own check.
restore
size=$(stat -c %s "$MOTCUA_DB")
dd if=/dev/zero of="$MOTCUA_DB" bs=1024 seek=$((size / 1024 - 12)) count=4 conv=notrunc 2>/dev/null
mc db check
if [ "$rc" -eq 1 ] || [ "$rc" -eq 74 ] || [ "$rc" -eq 66 ]; then
	ok "a damaged file is not clean (exit $rc)"
else
	not_ok "a damaged file: exit $rc"
fi

# A database made before the audit log: its rows are recorded on upgrade.
restore
audit=$(sed -n 's/^	\/\* \([0-9][0-9]*\): audit log.*/\1/p' "$TESTS_DIR/../core/schema.c")
schema_undo_6 "$MOTCUA_DB"
tamper "drop table audit_log; delete from sqlite_sequence; pragma user_version = $((audit - 1))"
expect_code 0 "db upgrade of a database without the audit log" db upgrade
expect_code 0 "which the upgrade made" audit log --format json
# Every row once, then the field that migration 11 gives each seeded
# procedure, a change of its own.
expect_eq "recording every row once, as schema upgrade" \
	"$(sqlite3 "$MOTCUA_DB" "select (select count(*) from settings) + (select count(*) from procedures)
		+ (select count(*) from holidays) + (select count(*) from dossiers)
		+ (select count(*) from procedures where field_name is not null)") schema upgrade" \
	"$(jq -r '"\(length) \([.[].command] | unique | join(","))"' "$TMP/out")"
expect_code 0 "db check on the upgraded database" db check
