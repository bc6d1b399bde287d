#!/bin/sh
# db check and the outbox and the search indexes: a message changed or
# marked sent behind the program's back is named like any audited row; an
# index that no longer matches its source is a problem of kind "index",
# and db check --repair-index rebuilds it; an upgraded database checks clean.
. "$(dirname "$0")/../lib.sh"
init_office
# The schema of this program (not a literal: each migration adds one).
latest=$(sqlite3 "$MOTCUA_DB" "PRAGMA user_version")

"$MOTCUA" dossier new --procedure 1.004873 --applicant "Nguyễn Văn An" \
	--phone 0912345678 --slip none >/dev/null 2>&1 || not_ok "receive 1"
"$MOTCUA" dossier new --procedure 1.004873 --applicant "Trần Thị Bình" \
	--phone 0987654321 --slip none >/dev/null 2>&1 || not_ok "receive 2"
"$MOTCUA" notify mark 1 sent --msg-id zns-1 >/dev/null 2>&1 || not_ok "mark 1 sent"
H=book,number,registered_on,full_name,sex,date_of_birth,father_name,mother_name
cat >"$TMP/births.csv" <<EOF2
$H
01/2019,1,2019-03-15,Nguyễn Văn Đức,Nam,2019-03-12,Nguyễn Văn Hùng,Trần Thị Mai
01/2019,2,2019-03-20,Lê Thị Hoa,Nữ,2019-03-18,Nguyễn Đức Thắng,Phạm Thị Lan
EOF2
"$MOTCUA" register import birth "$TMP/births.csv" >/dev/null 2>&1 || not_ok "import"

expect_code 0 "the outbox is audited: a fresh office checks clean" db check
expect_code 0 "audit log of the outbox" audit log --format csv
expect_eq "every message written and marked has its record" \
	"dossier new,notifications,1
dossier new,notifications,2
notify mark,notifications,1" \
	"$(awk -F, 'NR > 1 && $6 == "notifications" { print $5 "," $6 "," $7 }' "$TMP/out")"

# last_record TABLE KEY: the id of the last audit record of that row
last_record() {
	sqlite3 "$1" "SELECT max(id) FROM audit_log WHERE tbl = '$2' AND key = '$3'"
}
good=$TMP/good.db
cp "$MOTCUA_DB" "$good"

cp "$good" "$TMP/phone.db"
sqlite3 "$TMP/phone.db" "UPDATE notifications SET phone = '0900000000' WHERE id = 2"
expect_code 1 "a phone changed in the outbox with sqlite3" --db "$TMP/phone.db" db check
expect_out "is named" \
"notifications 2: altered behind the program's back (it differs from audit record $(last_record "$good" notifications 2))
1 problem found"

cp "$good" "$TMP/sent.db"
sqlite3 "$TMP/sent.db" "UPDATE notifications SET state = 'sent', msg_id = 'zns-forged',
	sent_at = 1777430000 WHERE id = 2"
expect_code 1 "a message marked sent with sqlite3 that never was" --db "$TMP/sent.db" db check
expect_out "is named" \
"notifications 2: altered behind the program's back (it differs from audit record $(last_record "$good" notifications 2))
1 problem found"
expect_code 1 "json" --db "$TMP/sent.db" --format json db check
expect_grep "the problem's table and key in JSON" \
	'{"kind":"row_altered","table":"notifications","key":"2"' "$TMP/out"

cp "$good" "$TMP/added.db"
sqlite3 "$TMP/added.db" "INSERT INTO notifications(dossier_id, event, phone, code, applicant,
	procedure_name, due_at, created_at, updated_at)
	SELECT dossier_id, 'done', phone, code, applicant, procedure_name, due_at, created_at,
	updated_at FROM notifications WHERE id = 2"
expect_code 1 "a message queued with sqlite3" --db "$TMP/added.db" db check
expect_out "is named" \
"notifications 3: not in the audit log (written behind the program's back)
1 problem found"

# ---- the search indexes ----

cp "$good" "$TMP/index.db"
sqlite3 "$TMP/index.db" "INSERT INTO register_names(register_names) VALUES ('delete-all')"
expect_code 1 "the registers' search index emptied" --db "$TMP/index.db" register search "duc"
expect_code 1 "db check of the emptied index" --db "$TMP/index.db" db check
expect_out "names the index" \
"register_names (the registers' search index): 2 entries missing, 0 extra, 0 different, 0 words missing from register_terms; 'motcua db check --repair-index' rebuilds it
1 problem found"
expect_code 1 "json" --db "$TMP/index.db" --format json db check
expect_grep "kind index, the index as the table" \
	'{"kind":"index","table":"register_names","key":null,"record":null' "$TMP/out"

# The applicants' index: a name put in behind the program's back, one
# whose words were changed, and its list of words emptied.
sqlite3 "$TMP/index.db" "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, dossier_names, instance);
	CREATE TEMP TABLE k AS SELECT min(doc) AS doc FROM temp.v;
	INSERT INTO dossier_names(dossier_names, rowid, name)
		SELECT 'delete', doc, 'nguyen van an' FROM temp.k;
	INSERT INTO dossier_names(rowid, name) SELECT doc, 'ke gian' FROM temp.k;
	INSERT INTO dossier_names(rowid, name) VALUES (12345, 'ke gian');
	DELETE FROM dossier_terms;"
expect_code 1 "db check of both" --db "$TMP/index.db" db check
expect_out "names each index and what differs" \
"register_names (the registers' search index): 2 entries missing, 0 extra, 0 different, 0 words missing from register_terms; 'motcua db check --repair-index' rebuilds it
dossier_names (the index of the applicants' names): 0 entries missing, 1 extra, 1 different, 6 words missing from dossier_terms; 'motcua db check --repair-index' rebuilds it
2 problems found"

expect_code 2 "--repair-index goes without --against" \
	--db "$TMP/index.db" db check --repair-index --against "$good"
expect_err "says so" "motcua: --repair-index and --against go separately
usage: motcua db check [--against COPY] [--witness FILE] [--repair-index]"
expect_code 2 "--repair-index goes without --witness" \
	--db "$TMP/index.db" db check --repair-index --witness "$TMP/no-such-file"
expect_err "says so" "motcua: --repair-index and --witness go separately
usage: motcua db check [--against COPY] [--witness FILE] [--repair-index]"
expect_code 0 "db check --repair-index" --db "$TMP/index.db" db check --repair-index
expect_out "says what it rebuilt" \
"register_names (the registers' search index): rebuilt, 2 entries
dossier_names (the index of the applicants' names): rebuilt, 2 entries"
expect_code 0 "the database checks clean after" --db "$TMP/index.db" db check
expect_code 0 "search works again" --db "$TMP/index.db" register search "duc"
expect_eq "finds the two entries (a name, a father's name) below the header" "3" "$(wc -l <"$TMP/out" | tr -d ' ')"
expect_code 0 "dossier find works again, by part of a word" --db "$TMP/index.db" dossier find "Bin"
expect_grep "finds Trần Thị Bình" "Trần Thị Bình" "$TMP/out"
expect_code 0 "the rebuild is in the audit log" --db "$TMP/index.db" audit log --format csv
expect_eq "one record per index, as the command db check" \
	'db check,register_names,#rebuilt,"{""entries"":2}"
db check,dossier_names,#rebuilt,"{""entries"":2}"' \
	"$(awk -F, 'NR > 1 && $7 == "#rebuilt" { print $5 "," $6 "," $7 "," $8 }' "$TMP/out")"
expect_code 0 "--repair-index on a sound database" db check --repair-index
expect_code 0 "which checks clean after" db check

cp "$good" "$TMP/dropped.db"
sqlite3 "$TMP/dropped.db" "DROP TABLE dossier_names"
expect_code 1 "an index dropped" --db "$TMP/dropped.db" db check
expect_out "is named" \
"dossier_names (the index of the applicants' names): removed
1 problem found"
expect_code 74 "--repair-index cannot make its table again" --db "$TMP/dropped.db" db check --repair-index
expect_err "and says what to do" \
"motcua: dossier_names (the index of the applicants' names): its table was removed, and cannot be made again in place; restore the database from a backup"

# ---- an upgraded database ----

cp "$good" "$TMP/old.db"
schema_undo_9 "$TMP/old.db"
expect_code 1 "a command that only reads does not upgrade a version 8 database" \
	--db "$TMP/old.db" db check
expect_err "and says what does" \
"motcua: $TMP/old.db: schema version 8 is older than this program's ($latest); a command that only reads does not upgrade it: run 'motcua db upgrade' first"
expect_code 0 "db upgrade" --db "$TMP/old.db" db upgrade
expect_out "says the version" "$TMP/old.db: schema version $latest, up to date"
expect_code 0 "the upgraded database checks clean" --db "$TMP/old.db" db check
expect_code 0 "its messages are adopted by the audit log" --db "$TMP/old.db" audit log --format csv
expect_eq "one record each, by the upgrade" \
	"schema upgrade,notifications,1
schema upgrade,notifications,2" \
	"$(awk -F, 'NR > 1 && $6 == "notifications" { print $5 "," $6 "," $7 }' "$TMP/out")"
expect_code 0 "db upgrade again changes nothing" --db "$TMP/old.db" db upgrade
expect_out "says the version" "$TMP/old.db: schema version $latest, up to date"

# Migration 8: the outbox keeps every message, and db check watches that.
sqlite3 "$TMP/old.db" "DELETE FROM notifications" 2>"$TMP/sqlite.err"
expect_grep "sqlite3 cannot delete a message" "the outbox keeps every message" "$TMP/sqlite.err"
sqlite3 "$TMP/old.db" "DROP TRIGGER notifications_no_delete"
expect_code 1 "the trigger dropped" --db "$TMP/old.db" db check
expect_out "is named" \
"notifications: the trigger notifications_no_delete that keeps it append-only was removed
1 problem found"
