#!/bin/sh
# db backup: a consistent copy while clerks write, 0600, verified, never
# over an existing file; contrib/motcua-backup.sh keeps the newest copies.
. "$(dirname "$0")/../lib.sh"
SEEDED_CATALOGUE=1 # the log as init writes it, no more
init_office
umask 022

i=1
while [ $i -le 5 ]; do
	mc -q dossier new --procedure 2.000635 --applicant "Công dân $i"
	i=$((i + 1))
done
chain_head() { sqlite3 "$1" "select id || ' ' || hash from audit_log order by id desc limit 1"; }

expect_code 0 "db backup FILE" db backup "$TMP/b1.db"
size=$(stat -c %s "$TMP/b1.db")
expect_out "says it is written and verified" \
	"$TMP/b1.db: backup written and verified ($size bytes, audit log up to record 18)
the signing key $TMP/data/motcua.key is not in the backup: keep a copy (--with-key DIR), or a restored office cannot issue extracts"
expect_eq "the copy is readable by its owner only" "600" "$(stat -c %a "$TMP/b1.db")"
expect_eq "no temporary file is left beside it" "b1.db" "$(ls "$TMP" | grep '^b1')"
expect_eq "sqlite3 finds it whole" "ok" "$(sqlite3 "$TMP/b1.db" 'pragma integrity_check')"
expect_eq "it holds the dossiers" "5" "$(sqlite3 "$TMP/b1.db" 'select count(*) from dossiers')"
expect_eq "and ends with the database's audit record" "$(chain_head "$MOTCUA_DB")" "$(chain_head "$TMP/b1.db")"
expect_code 0 "db check on the copy" --db "$TMP/b1.db" db check

# Never overwritten, and clear failures.
cp "$TMP/b1.db" "$TMP/b1.keep"
mc -q dossier new --procedure 2.000635 --applicant "Sau"
expect_code 73 "a backup over an existing file" db backup "$TMP/b1.db"
expect_err "is refused" "motcua: $TMP/b1.db: already exists; a backup is never overwritten"
expect_eq "the old copy is untouched" "" "$(cmp "$TMP/b1.db" "$TMP/b1.keep")"
expect_code 73 "a backup into a missing folder" db backup "$TMP/none/b.db"
expect_err "says why" "motcua: $TMP/none/b.db: No such file or directory"
: >"$TMP/file"
expect_code 73 "a backup under a file" db backup "$TMP/file/b.db"
expect_code 2 "db backup without FILE" db backup
expect_code 0 "db backup --format json" db backup "$TMP/b2.db" --format json
expect_eq "JSON: the file and the head" "$TMP/b2.db $(chain_head "$MOTCUA_DB")" \
	"$(jq -r '"\(.file) \(.head_id) \(.head)"' "$TMP/out")"
expect_code 0 "db backup -q" -q db backup "$TMP/b3.db"
expect_empty "prints nothing"

# While clerks write: each backup is a consistent snapshot. Each waits for
# the others as long as a loaded machine takes.
writer() {
	n=0
	while [ $n -lt 40 ]; do
		MOTCUA_BUSY_TIMEOUT=600000 "$MOTCUA" -q dossier new --procedure 2.000635 \
			--applicant "Quầy $1" </dev/null >>"$TMP/codes" 2>>"$TMP/werr" || echo "$1 $?" >>"$TMP/wfail"
		n=$((n + 1))
	done
}
writer 1 &
w1=$!
writer 2 &
w2=$!
k=1
while [ $k -le 6 ]; do
	MOTCUA_BUSY_TIMEOUT=600000 "$MOTCUA" -q db backup "$TMP/live$k.db" </dev/null 2>>"$TMP/berr" ||
		echo "backup $k: $?" >>"$TMP/bfail"
	k=$((k + 1))
done
wait $w1 $w2
expect_eq "backups taken while two clerks wrote all succeeded" "" "$(cat "$TMP/bfail" "$TMP/berr" 2>/dev/null)"
expect_eq "and the clerks were not stopped" "" "$(cat "$TMP/wfail" "$TMP/werr" 2>/dev/null)"
bad=
for f in "$TMP"/live*.db; do
	"$MOTCUA" --db "$f" db check >/dev/null 2>&1 || bad="$bad $(basename "$f")"
done
expect_eq "every copy checks clean (rows and log of one moment)" "" "$bad"
expect_eq "all 80 dossiers were received" "86" "$(sqlite3 "$MOTCUA_DB" 'select count(*) from dossiers')"
expect_code 0 "the database checks clean" db check

# Restoring a copy: it is a motcua database.
cp "$TMP/b1.db" "$TMP/restored.db"
expect_code 0 "a restored copy works" --db "$TMP/restored.db" -q dossier new --procedure 2.000635 --applicant "Sau khôi phục"
expect_out "and goes on from its own last code" "000.00.22.H12-260429-0006"

# contrib/motcua-backup.sh: the nightly backup with rotation.
SCRIPT=$TESTS_DIR/../contrib/motcua-backup.sh
export MOTCUA
mkdir "$TMP/nightly"
for s in 20260101-221500 20260102-221500 20260103-221500; do
	"$MOTCUA" -q db backup "$TMP/nightly/motcua-$s.db"
done
: >"$TMP/nightly/notes.txt"
MOTCUA_BACKUP_STAMP=20260429-221500 sh "$SCRIPT" "$TMP/nightly" 2 >"$TMP/out" 2>"$TMP/err"
expect_eq "motcua-backup.sh DIR 2: exit 0" "0" "$?"
expect_eq "keeps the 2 newest copies, and other files" \
	"motcua-20260103-221500.db motcua-20260429-221500.db notes.txt" "$(ls "$TMP/nightly" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the new copy is a verified backup, 0600" "600 ok" \
	"$(stat -c %a "$TMP/nightly/motcua-20260429-221500.db") $(sqlite3 "$TMP/nightly/motcua-20260429-221500.db" 'pragma integrity_check')"
MOTCUA_BACKUP_STAMP=20260429-221500 sh "$SCRIPT" "$TMP/nightly" 1 >"$TMP/out" 2>"$TMP/err"
expect_eq "a second run with the same name fails (73)" "73" "$?"
expect_eq "and removes nothing" "3" "$(ls "$TMP/nightly" | wc -l)"
sqlite3 "$MOTCUA_DB" "update dossiers set applicant = 'X' where seq = 1"
MOTCUA_BACKUP_STAMP=20260430-221500 sh "$SCRIPT" "$TMP/nightly" 1 >"$TMP/out" 2>"$TMP/err"
expect_eq "a register altered behind its back: exit 1" "1" "$?"
expect_grep "names the problem" "dossiers 000.00.22.H12-260429-0001: altered behind the program's back" "$TMP/err"
expect_eq "and keeps the older copies as evidence" "4" "$(ls "$TMP/nightly" | wc -l)"
sqlite3 "$MOTCUA_DB" "update dossiers set applicant = 'Công dân 1' where seq = 1"
# A register whose log was rewritten as a whole since the last copy:
# made here as another database with the same start and another dossier
# (record 13 is the first that differs: the signing key).
MOTCUA_DB=$TMP/rewritten.db init_office
MOTCUA_DB=$TMP/rewritten.db "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Công dân 1" >/dev/null
expect_code 0 "a rewritten log checks clean on its own" --db "$TMP/rewritten.db" db check
expect_code 1 "but not against an older copy" --db "$TMP/rewritten.db" db check --against "$TMP/b1.db"
expect_grep "which names the first record that differs" \
	"audit record 13: not the one of the copy $TMP/b1.db (the log was rewritten)" "$TMP/out"
expect_grep "and those that are gone" "audit record 15: in the copy $TMP/b1.db, no longer in the log" "$TMP/out"
MOTCUA_DB=$TMP/rewritten.db MOTCUA_BACKUP_STAMP=20260501-221500 sh "$SCRIPT" "$TMP/nightly" 1 >"$TMP/out" 2>"$TMP/err"
expect_eq "motcua-backup.sh on it: exit 1" "1" "$?"
expect_grep "it checks the new copy against the newest older one" \
	"audit record 13: not the one of the copy $TMP/nightly/motcua-20260430-221500.db (the log was rewritten)" "$TMP/err"
expect_code 66 "db check --against a missing copy" db check --against "$TMP/none.db"
expect_err "says so" "motcua: $TMP/none.db: no such database copy"
: >"$TMP/empty.db"
expect_code 66 "db check --against a file that is no motcua copy" db check --against "$TMP/empty.db" --format json
expect_empty "prints no half-written JSON"
sh "$SCRIPT" "$TMP/nightly" x >"$TMP/out" 2>"$TMP/err"
expect_eq "KEEP must be a number: exit 2" "2" "$?"
