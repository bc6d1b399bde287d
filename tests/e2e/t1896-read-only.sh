#!/bin/sh
# Commands that only read open the database read-only: a backup on
# read-only media can be checked (--db and --against); they never migrate
# an older database. A file that is not motcua's (another program's
# SQLite tables) is left byte for byte as it was by every command, and
# init refuses it.
. "$(dirname "$0")/../lib.sh"
init_office
"$MOTCUA" dossier new --procedure 1.004873 --applicant "Nguyễn Văn An" \
	--phone 0912345678 --slip none >/dev/null 2>&1 || not_ok "receive"
code=000.00.22.H12-260429-0001

# ---- a backup on read-only media ----

# The folder's name has the characters a URI must escape.
media="$TMP/media/bản sao ?#%"
mkdir -p "$media"
bk="$media/bk.db"
expect_code 0 "db backup" db backup "$bk"
expect_code 0 "db check of the database backed up" db check
cp "$TMP/out" "$TMP/check.want"
# journal_mode BYTES: SQLite's write version in a file's header, 2 for
# WAL, 1 for a rollback journal.
journal() { od -An -tu1 -j18 -N1 "$1" | tr -d ' '; }
expect_eq "the backup is one file, without -wal or -shm beside it" "bk.db" "$(ls "$media")"
expect_eq "in rollback-journal mode" 1 "$(journal "$bk")"
# The database itself in WAL mode, as a copy of the file on the media:
# read with immutable=1, it needs no -wal or -shm either.
cp "$MOTCUA_DB" "$media/wal.db"
expect_eq "a copy of the database file itself is in WAL mode" 2 "$(journal "$media/wal.db")"

# ro ARGS...: motcua with $media read-only, as mc runs it. Root ignores
# file modes, so the media is made read-only by a read-only bind mount of
# the folder onto itself in a mount namespace of its own (unshare -m), the
# way a CD or a write-protected disk is; without that (no privileges), a
# user who is not root gets a folder and file without write permission.
if unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" &&
		! touch "$1/probe" 2>/dev/null' sh "$media" 2>/dev/null; then
	how="a read-only bind mount"
	ro() {
		unshare -m sh -c 'd=$1; shift; mount --bind "$d" "$d" &&
			mount -o remount,ro,bind "$d" && exec "$@"' sh "$media" \
			"$MOTCUA" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
		rc=$?
	}
elif [ "$(id -u)" -ne 0 ]; then
	how="a folder and file without write permission"
	chmod a-w "$bk" "$media"
	ro() { mc "$@"; }
else
	how=""
fi

if [ -n "$how" ]; then
	ok "the media is made read-only with $how"
	ro --db "$bk" db check
	expect_eq "--db BACKUP db check on read-only media (exit 0)" 0 "$rc"
	expect_eq "finds the backup sound" "$(cat "$TMP/check.want")" "$(cat "$TMP/out")"
	ro db check --against "$bk"
	expect_eq "db check --against a backup on read-only media (exit 0)" 0 "$rc"
	expect_eq "finds the log extends it" "$(cat "$TMP/check.want")" "$(cat "$TMP/out")"
	ro --db "$media/wal.db" db check
	expect_eq "--db COPY db check of a WAL file on read-only media (exit 0)" 0 "$rc"
	expect_eq "finds it sound" "$(cat "$TMP/check.want")" "$(cat "$TMP/out")"
	ro db check --against "$media/wal.db"
	expect_eq "db check --against it (exit 0)" 0 "$rc"
	for cmd in "dossier list" "dossier status $code" "dossier find An" "audit log" \
		"notify list" "report summary" "procedure list" "config get unit_id"; do
		# shellcheck disable=SC2086
		ro --db "$bk" $cmd
		expect_eq "$cmd on read-only media (exit 0)" 0 "$rc"
		[ "$rc" -eq 0 ] || sed 's/^/#   stderr: /' "$TMP/err"
	done
	expect_eq "nothing was left beside the copies" "bk.db wal.db" "$(ls "$media" | tr '\n' ' ' | sed 's/ $//')"
	ro --db "$bk" dossier new --procedure 1.004873 --applicant "Lê Văn Bé" --slip none
	expect_eq "a command that writes is refused there (exit 74)" 74 "$rc"
	expect_eq "and says why" \
"motcua: $bk: cannot be written (a read-only file, folder or medium), and this command writes to the database" \
		"$(cat "$TMP/err")"
	# An export of citizens' data records itself in the database (Decree
	# 13/2023): none is taken from where no record can be written.
	for cmd in "extract list" "report dossiers --format csv" "register export birth" \
		"dossier list -o $TMP/list.csv"; do
		# shellcheck disable=SC2086
		ro --db "$bk" $cmd
		expect_eq "$cmd on read-only media is refused (exit 74)" 74 "$rc"
		expect_eq "before writing anything" "" "$(cat "$TMP/out")"
	done
	[ ! -e "$TMP/list.csv" ] && ok "dossier list -o left no file" ||
		not_ok "dossier list -o left $TMP/list.csv"
	chmod -R u+w "$TMP/media"
else
	ok "# skipped: no way to make read-only media here (root without mount privileges)"
fi

# A backup restored in place of the database is in WAL mode again from
# the first command that writes.
cp "$bk" "$TMP/restored.db"
expect_code 0 "a command that writes on a restored backup" --db "$TMP/restored.db" \
	holiday add 2026-09-03 --name "Nghỉ bù"
expect_eq "puts it in WAL mode" 2 "$(journal "$TMP/restored.db")"
expect_code 0 "which checks clean" --db "$TMP/restored.db" db check

# ---- an older database, opened by a command that only reads ----

cp "$MOTCUA_DB" "$TMP/old.db"
schema_undo_9 "$TMP/old.db"
cp "$TMP/old.db" "$TMP/old.orig"
for cmd in "db check" "dossier list" "audit log"; do
	# shellcheck disable=SC2086
	expect_code 1 "$cmd on a version 8 database" --db "$TMP/old.db" $cmd
	expect_err "refuses to upgrade it" \
"motcua: $TMP/old.db: schema version 8 is older than this program's ($(sqlite3 "$MOTCUA_DB" "PRAGMA user_version")); a command that only reads does not upgrade it: run 'motcua db upgrade' first"
	cmp -s "$TMP/old.db" "$TMP/old.orig" && ok "leaves it as it was" || not_ok "$cmd changed it"
done

# ---- a file that is not motcua's ----

foreign=$TMP/other/shop.db
mkdir -p "$TMP/other"
sqlite3 "$foreign" "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT);
	INSERT INTO customers(name) VALUES ('Bà Tư');"
cp "$foreign" "$TMP/shop.orig"
refused="motcua: $foreign: not a motcua database (it holds tables of another program); nothing was written to it"
# Read and write commands of every kind, and the options that write files.
for cmd in "db check" "db check --against $MOTCUA_DB" "dossier list" "dossier status $code" \
	"audit log" "register search duc" "notify list" "report summary" \
	"dossier new --procedure 1.004873 --applicant X --slip none" \
	"config set office_hours 07:30-17:00" "holiday add 2026-09-02 --name Q" \
	"db upgrade" "db check --repair-index" "db backup $TMP/other/copy.db"; do
	# shellcheck disable=SC2086
	expect_code 66 "$cmd on a foreign SQLite file" --db "$foreign" $cmd
	expect_err "says it is not motcua's" "$refused"
	cmp -s "$foreign" "$TMP/shop.orig" && ok "leaves it byte for byte" || not_ok "$cmd wrote to it"
done
expect_code 73 "init on a foreign SQLite file" --db "$foreign" init --unit-id 000.00.22.H12 --unit-name X
expect_err "is refused" "$refused"
cmp -s "$foreign" "$TMP/shop.orig" && ok "init leaves it byte for byte" || not_ok "init wrote to it"
expect_eq "and nothing else was made beside it" "shop.db" "$(ls "$TMP/other")"

# Another program's file that uses user_version for itself.
sqlite3 "$foreign" "PRAGMA user_version = 3"
cp "$foreign" "$TMP/shop.orig"
expect_code 66 "a foreign file with a schema version of its own" --db "$foreign" dossier list
expect_err "is refused too" "$refused"
expect_code 66 "written to" --db "$foreign" config set office_hours 07:30-17:00
cmp -s "$foreign" "$TMP/shop.orig" && ok "and left byte for byte" || not_ok "version 3 file written"

# An empty file: a command that only reads says the office is not set up
# and writes nothing; init sets it up.
: >"$TMP/empty.db"
expect_code 66 "dossier list on an empty file" --db "$TMP/empty.db" dossier list
expect_err "says it is not set up" \
	"motcua: $TMP/empty.db: the office is not set up; run 'motcua init' first"
expect_eq "and leaves it empty" 0 "$(wc -c <"$TMP/empty.db" | tr -d ' ')"
expect_code 0 "init on an empty file" --db "$TMP/empty.db" init --training --unit-id 000.00.22.H12 --unit-name X
