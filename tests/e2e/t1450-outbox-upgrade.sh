#!/bin/sh
# A register made before the outbox existed is upgraded on open: its
# dossiers stay, the outbox starts empty, and the reports read it.
. "$(dirname "$0")/../lib.sh"
init_office

code=$("$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn An" --phone 0912345678 </dev/null)
"$MOTCUA" dossier update "$code" --status processing >/dev/null
latest=$(sqlite3 "$MOTCUA_DB" 'PRAGMA user_version')
# Take the register back to the version before the outbox's migration
# (numbered in its comment in core/schema.c): without its table, trigger
# and indexes, nor what the migrations after it made (the audit log).
outbox=$(sed -n 's/^	\/\* \([0-9][0-9]*\): notification outbox.*/\1/p' "$TESTS_DIR/../core/schema.c")
schema_undo_6 "$MOTCUA_DB"
sqlite3 "$MOTCUA_DB" "DROP TABLE notifications; DROP INDEX dossiers_updated;
	DROP INDEX dossiers_report; DROP TABLE IF EXISTS audit_log;
	PRAGMA user_version = $((outbox - 1));"
expect_eq "the old register has no outbox" "" \
	"$(sqlite3 "$MOTCUA_DB" "SELECT name FROM sqlite_master WHERE name LIKE 'notif%'")"

expect_code 1 "a command that only reads does not upgrade it" report summary --format json
expect_eq "it is left at version 2" "2" "$(sqlite3 "$MOTCUA_DB" 'PRAGMA user_version')"
expect_code 0 "db upgrade does" db upgrade
expect_code 0 "then the report" report summary --format json
expect_eq "to the latest version" "$latest" "$(sqlite3 "$MOTCUA_DB" 'PRAGMA user_version')"
expect_eq "and the report reads its dossiers" "1 1" "$(jq -r '"\(.received) \(.in_progress)"' "$TMP/out")"
expect_eq "with the outbox, its trigger and the report indexes" \
	"dossiers_report dossiers_updated notifications notifications_dossier notifications_dropped_final notifications_no_delete notifications_sent_final notifications_unsent" \
	"$(sqlite3 "$MOTCUA_DB" "SELECT name FROM sqlite_master WHERE name LIKE 'notif%' OR name IN ('dossiers_report', 'dossiers_updated') ORDER BY name" | tr '\n' ' ' | sed 's/ $//')"
expect_code 0 "the outbox starts empty: nothing is queued for the past" notify list --format json
expect_out "an empty list" "[]"
MOTCUA_NOW=2026-04-30T10:00:00+07:00 "$MOTCUA" dossier update "$code" --status done >/dev/null
mc notify list --format json
expect_eq "the next change is told" "done $code" "$(jq -r '.[] | "\(.event) \(.dossier)"' "$TMP/out")"
expect_code 0 "and the register is sound" dossier status "$code"
expect_eq "PRAGMA integrity_check" "ok" "$(sqlite3 "$MOTCUA_DB" 'PRAGMA integrity_check')"
