#!/bin/sh
# sync push signs the checkpoint it ends with before it sends anything: a
# ward whose signing key cannot sign (missing, or readable by others) is
# refused before a single batch reaches the province, which then holds
# none of its rows; once the key is put right, the push sends everything
# and its checkpoint.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/pg.sh"
pg_start
ADMIN=$(pg_url postgres)
UNIT=000.00.22.H12
MOTCUA_NOW=2026-04-28T08:00:00+07:00
export MOTCUA_NOW
MOTCUA_DB=$TMP/a.db "$MOTCUA" init --training --unit-id "$UNIT" --unit-name "UBND phường A" \
	>/dev/null 2>"$TMP/init.err" || { not_ok "init"; cat "$TMP/init.err"; exit 1; }
export MOTCUA_DB=$TMP/a.db
for n in 1 2 3; do
	"$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Công Dân $n" --slip none \
		</dev/null >/dev/null || not_ok "dossier $n"
done
expect_code 0 "province init" province init "$ADMIN" --ward "$UNIT=ward_a" --reader reader
rows() { pg_sql "SELECT (SELECT count(*) FROM dossiers) || ' ' || (SELECT count(*) FROM audit_log) || ' ' || (SELECT count(*) FROM checkpoints)"; }
KEY=$TMP/a.key
[ -f "$KEY" ] || not_ok "the office's key is $KEY"

chmod 644 "$KEY"
expect_code 65 "a key others may read: refused" sync push --url "$(pg_url ward_a)"
expect_err "naming the key and the remedy" \
	"motcua: $KEY: the signing key can be read by others (mode 644); make it private with: chmod 600 $KEY"
expect_eq "the province holds nothing of the ward" "0 0 0" "$(rows)"
chmod 600 "$KEY"
mv "$KEY" "$KEY.away"
expect_code 66 "no key file: refused" sync push --url "$(pg_url ward_a)"
expect_eq "still nothing" "0 0 0" "$(rows)"
mv "$KEY.away" "$KEY"
expect_code 0 "the key back: the push" sync push --url "$(pg_url ward_a)"
records=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM audit_log")
expect_eq "sends the dossiers, every audit record and one checkpoint" "3 $records 1" "$(rows)"
expect_eq "the checkpoint is at the ward's last record" "$records" \
	"$(pg_sql "SELECT record FROM checkpoints")"
expect_code 0 "province check" province check --url "$(pg_url reader)"
