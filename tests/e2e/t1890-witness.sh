#!/bin/sh
# Checkpoints kept outside the database: `audit checkpoint` prints the head
# of the chain signed with the office key, `report summary --checkpoint`
# ends with one, and `db check --witness FILE` checks that the log still
# extends every checkpoint of FILE. A chain rewritten from one record on,
# hashes and all (the helper rechain), checks clean on its own and is
# caught by the witness; so is an older copy put back in place of the
# database. Lines that are not this office's checkpoints are refused.
. "$(dirname "$0")/../lib.sh"
init_office

W=$TMP/witness.txt
head_id() { sqlite3 "$MOTCUA_DB" "select max(id) from audit_log"; }
hash_of() { sqlite3 "$MOTCUA_DB" "select hash from audit_log where id = $1"; }

# 1. The line: MCCP1 UNIT RECORD HASH TIME SIGNATURE.
expect_code 0 "audit checkpoint" audit checkpoint
h=$(head_id)
line=$(cat "$TMP/out")
expect_eq "one line" 1 "$(wc -l <"$TMP/out")"
expect_eq "version, unit, record, hash and time as they are" \
	"MCCP1 000.00.22.H12 $h $(hash_of "$h") 2026-04-29T09:00:00+07:00" "${line% *}"
sig=${line##* }
if printf '%s\n' "$sig" | grep -Eq '^[A-Za-z0-9_-]{86}$'; then
	ok "the signature is 86 characters of base64url"
else
	not_ok "the signature: $sig"
fi
expect_code 0 "audit checkpoint -q" -q audit checkpoint
expect_out "prints the same line" "$line"
expect_code 0 "audit checkpoint --format json" audit checkpoint --format json
expect_eq "JSON: the fields and the line" \
	"MCCP1 000.00.22.H12 $h $(hash_of "$h") 2026-04-29T09:00:00+07:00 $sig|$line" \
	"$(jq -r '"\(.version) \(.unit_id) \(.record) \(.hash) \(.at) \(.signature)|\(.line)"' "$TMP/out")"
expect_code 0 "audit checkpoint --format csv" audit checkpoint --format csv
# A base64url signature may begin with "-": the CSV writer then puts a ' before
# it, as before any cell a spreadsheet would take for a formula (motcua(5)).
case $sig in -*) csv_sig="'$sig" ;; *) csv_sig=$sig ;; esac
expect_eq "CSV: a header and the row" "line,version,unit_id,record,hash,at,signature
$line,MCCP1,000.00.22.H12,$h,$(hash_of "$h"),2026-04-29T09:00:00+07:00,$csv_sig" "$(cat "$TMP/out")"
printf '%s\n' "$line" >"$W"
expect_code 0 "the checkpoint verifies" db check --witness "$W"
expect_out "the log extends it" \
"ok: $h audit records, $(sqlite3 "$MOTCUA_DB" "select (select count(*) from settings) + (select count(*) from procedures)")\
 rows checked; chain head $h $(hash_of "$h")
$W: the log extends its 1 checkpoint"

# 2. A growing register: checkpoints now and then, work after the last.
cp1=$h
mc -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn A"
A=$(cat "$TMP/out")
MOTCUA_NOW="2026-04-29T11:00:00+07:00" "$MOTCUA" audit checkpoint >>"$W"
cp2=$(head_id)
{ echo "# appended by cron"; echo; } >>"$W"
mc dossier update "$A" --status processing
mc holiday add 2026-05-04 --name "Nghỉ bù"
expect_code 0 "report summary --checkpoint" report summary --checkpoint
cp3=$(head_id)
expect_eq "ends with a title and the checkpoint line" \
	"Audit checkpoint (keep it elsewhere):|MCCP1 000.00.22.H12 $cp3 $(hash_of "$cp3") 2026-04-29T09:00:00+07:00" \
	"$(tail -2 "$TMP/out" | sed '$s/ [^ ]*$//' | paste -sd'|')"
tail -1 "$TMP/out" >>"$W"
mc -q dossier new --procedure 1.001193 --applicant "Trần Thị B"
mc config set cutoff 14:00
expect_code 0 "db check --witness on a register that went on growing" db check --witness "$W"
expect_eq "the log extends all three" "$W: the log extends all 3 checkpoints" "$(tail -1 "$TMP/out")"
expect_code 0 "db check --witness --format json" db check --witness "$W" --format json
expect_eq "JSON: ok, the number of checkpoints" "true 3" "$(jq -r '"\(.ok) \(.checkpoints)"' "$TMP/out")"
expect_code 2 "report summary --checkpoint --format json" report summary --checkpoint --format json
expect_grep "is a usage error" "--checkpoint: only with the text format" "$TMP/err"
cp "$MOTCUA_DB" "$TMP/base.db"
restore() { cp "$TMP/base.db" "$MOTCUA_DB"; rm -f "$MOTCUA_DB-wal" "$MOTCUA_DB-shm"; }

# 3. The chain rewritten from record cp2 on (the receipt of dossier A put in
# another clerk's name), with every hash after it:
# db check alone says ok, the witness names the first checkpoint after it.
"$HELPERS/rechain" "$MOTCUA_DB" "$cp2" mallory || not_ok "rechain failed"
expect_eq "rechain put another clerk on the record" "mallory dossier new" \
	"$(sqlite3 "$MOTCUA_DB" "select clerk, command from audit_log where id = $cp2" | tr '|' ' ')"
expect_code 0 "db check alone finds nothing" db check
expect_grep "says ok" "ok: $(head_id) audit records" "$TMP/out"
expect_code 1 "db check --witness" db check --witness "$W"
expect_out "names the first checkpoint the log no longer extends" \
"$W:2: the log no longer extends this checkpoint of record $cp2 (2026-04-29 11:00): record $cp2 has another hash (the log was rewritten)
1 problem found"
expect_code 1 "db check --witness --format json" db check --witness "$W" --format json
expect_eq "JSON: kind witness, the record" "false witness $cp2" \
	"$(jq -r '"\(.ok) \(.problems[0].kind) \(.problems[0].record)"' "$TMP/out")"
expect_code 1 "db check -q --witness" -q db check --witness "$W"
expect_out "prints the message alone" \
"$W:2: the log no longer extends this checkpoint of record $cp2 (2026-04-29 11:00): record $cp2 has another hash (the log was rewritten)"
restore
"$HELPERS/rechain" "$MOTCUA_DB" 1 mallory || not_ok "rechain failed"
expect_code 1 "the chain rewritten from its first record" db check --witness "$W"
expect_grep "names the first line" "$W:1: the log no longer extends this checkpoint of record $cp1 " "$TMP/out"

# A record altered without recomputing the chain: the chain itself is
# broken, and so is every checkpoint after it.
restore
sqlite3 "$MOTCUA_DB" "drop trigger audit_log_no_update; update audit_log set clerk = 'mallory' where id = 2" ||
	not_ok "sqlite3 refused"
expect_code 1 "a record altered, the hashes left alone" db check --witness "$W"
expect_out "names the record, and the first checkpoint after it" \
"audit_log: the trigger audit_log_no_update that keeps it append-only was removed
audit record 2: altered (its content does not match its hash)
$W:1: the log no longer extends this checkpoint of record $cp1 (2026-04-29 09:00): the chain is broken at record 2
3 problems found"

# 4. An older copy put back in place of the database (records removed
# from the end): it checks clean on its own, not against the checkpoints.
cp "$MOTCUA_DB" "$TMP/grown.db"
restore
MOTCUA_NOW="2026-04-30T08:00:00+07:00" "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Lê C" >/dev/null
MOTCUA_NOW="2026-04-30T08:05:00+07:00" "$MOTCUA" audit checkpoint >>"$W"
cp4=$(head_id)
restore
expect_code 0 "the older copy alone checks clean" db check
expect_code 1 "the older copy against the checkpoints" db check --witness "$W"
expect_out "names the checkpoint past its end" \
"$W:6: the log no longer extends this checkpoint of record $cp4 (2026-04-30 08:05): the log ends at record $((cp4 - 1))
1 problem found"
restore

# 5. Lines that are not checkpoints of this office: exit 65, FILE:LINE and
# the field, and no check at all.
bad() {  # DESC LINE MESSAGE
	{ printf '%s\n' "$line" "# a comment"; printf '%s\n' "$2"; } >"$TMP/bad.txt"
	expect_code 65 "$1" db check --witness "$TMP/bad.txt"
	expect_err "$1: named" "motcua: $TMP/bad.txt:3: $3"
	expect_empty "$1: nothing checked"
}
set -- $line
flip=$(printf '%s' "$6" | cut -c1-40)$(printf '%s' "$6" | cut -c41 | tr 'A-Za-z0-9_-' 'B-ZAb-za1-90-_')$(printf '%s' "$6" | cut -c42-)
bad "a bad signature" "$1 $2 $3 $4 $5 $flip" \
	"signature: does not verify with the office's key (the line was altered, or signed with another key)"
bad "another record under the signature" "$1 $2 $(( $3 + 1 )) $4 $5 $6" \
	"signature: does not verify with the office's key (the line was altered, or signed with another key)"
bad "another time under the signature" "$1 $2 $3 $4 2026-04-29T09:00:01+07:00 $6" \
	"signature: does not verify with the office's key (the line was altered, or signed with another key)"
bad "version" "MCCP2 $2 $3 $4 $5 $6" "version: not a checkpoint line (it must begin with MCCP1)"
bad "unit" "$1 000.00.22.h12 $3 $4 $5 $6" "unit: not a unit id (1 to 35 of 0-9 A-Z .)"
bad "record" "$1 $2 0$3 $4 $5 $6" "record: not a record number"
bad "hash" "$1 $2 $3 $(printf '%s' "$4" | tr a-f A-F) $5 $6" "hash: not a hash (64 lowercase hex digits)"
bad "time" "$1 $2 $3 $4 2026-04-29T09:00:00Z $6" "time: not a time as YYYY-MM-DDTHH:MM:SS+HH:MM"
bad "signature" "$1 $2 $3 $4 $5 ${6%?}" "signature: not a signature (86 characters of base64url)"
bad "a missing field" "$1 $2 $3 $4 $5" "signature: missing (a checkpoint has 6 fields)"
bad "a field too many" "$line x" "line: more fields than a checkpoint has (6)"
printf '%s\000x\n' "$line" >"$TMP/nul.txt"
expect_code 65 "a NUL byte in a line" db check --witness "$TMP/nul.txt"
expect_err "is named" "motcua: $TMP/nul.txt:1: line: holds a NUL byte"
printf '%s\r\n' "$line" >"$TMP/crlf.txt"
expect_code 0 "CRLF line endings are accepted" db check --witness "$TMP/crlf.txt"

# A checkpoint of another office, signed with its own key.
( export MOTCUA_DB="$TMP/other/motcua.db"
  "$MOTCUA" init --training --unit-id 000.00.22.H13 --unit-name "UBND phường Khác" >/dev/null &&
  "$MOTCUA" audit checkpoint ) >"$TMP/other.txt" || not_ok "the other office"
bad "a checkpoint of another office" "$(cat "$TMP/other.txt")" \
	"unit: a checkpoint of another office (000.00.22.H13, not 000.00.22.H12)"
# Its unit id changed to ours: the signature no longer verifies.
bad "another office's line made ours" "$(sed 's/H13/H12/' "$TMP/other.txt")" \
	"signature: does not verify with the office's key (the line was altered, or signed with another key)"

printf '# nothing yet\n\n' >"$TMP/empty.txt"
expect_code 65 "a witness file without a checkpoint" db check --witness "$TMP/empty.txt"
expect_err "says so" "motcua: $TMP/empty.txt: holds no checkpoint"
expect_code 66 "a witness file that does not exist" db check --witness "$TMP/none.txt"
expect_err "says so" "motcua: $TMP/none.txt: cannot read the witness file: No such file or directory"
expect_code 66 "a folder as witness file" db check --witness "$TMP"
expect_err "says so" "motcua: $TMP: cannot read the witness file: Is a directory"
expect_code 2 "--witness without a file" db check --witness

# 6. No key, no checkpoint; nothing changed by any of it.
before=$(db_snapshot)
mv "$TMP/data/motcua.key" "$TMP/key.away"
expect_code 66 "audit checkpoint without the key file" audit checkpoint
expect_grep "names the key" "cannot read the office's signing key" "$TMP/err"
expect_code 66 "report summary --checkpoint without the key file" report summary --checkpoint
expect_empty "prints no summary"
mv "$TMP/key.away" "$TMP/data/motcua.key"
expect_eq "checkpoints and checks change nothing" "$before" "$(db_snapshot)"
