#!/bin/sh
# SPEC 9: personal data stays private. Whatever the umask, the database,
# its -wal and -shm companions, its folder and its backups are readable
# by their owner only.
. "$(dirname "$0")/../lib.sh"
umask 000
export MOTCUA_DB="$TMP/new/folder/motcua.db"
init_office
mode() { stat -c %a "$1"; }
expect_eq "the database is created 0600 under umask 000" "600" "$(mode "$MOTCUA_DB")"
expect_eq "its folder 0700" "700" "$(mode "$TMP/new/folder")"
expect_eq "and the folder above it 0700" "700" "$(mode "$TMP/new")"

# While a command works, its -wal and -shm files exist: an import that
# waits on its input keeps the database open.
mkfifo "$TMP/feed"
"$MOTCUA" procedure import - <"$TMP/feed" >/dev/null 2>&1 &
pid=$!
exec 3>"$TMP/feed"
printf 'code,name,days\n' >&3
n=0
while [ ! -e "$MOTCUA_DB-shm" ] && [ $n -lt 1200 ]; do sleep 0.05; n=$((n + 1)); done
expect_eq "the -wal file made by motcua is 0600" "600" "$(mode "$MOTCUA_DB-wal")"
expect_eq "the -shm file too" "600" "$(mode "$MOTCUA_DB-shm")"
printf '9.1,Một,1\n' >&3
exec 3>&-
wait $pid
expect_eq "(the import finished)" "0" "$?"

expect_code 0 "db backup under umask 000" db backup "$TMP/copy.db"
expect_eq "the backup is 0600" "600" "$(mode "$TMP/copy.db")"
MOTCUA_BACKUP_STAMP=20260429-221500 sh "$TESTS_DIR/../contrib/motcua-backup.sh" "$TMP/nightly" 3 >/dev/null 2>&1
expect_eq "contrib/motcua-backup.sh makes its folder 0700" "700" "$(mode "$TMP/nightly")"
expect_eq "and its copy 0600" "600" "$(mode "$TMP/nightly/motcua-20260429-221500.db")"
