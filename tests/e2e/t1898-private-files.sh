#!/bin/sh
# Files holding citizens' data are private (0600, folders 0700) whatever
# the umask, and whole or absent after a write error; every bulk export of
# their data is recorded in data_exports (who, what, how many rows, where),
# and a refused export records nothing.
. "$(dirname "$0")/../lib.sh"
umask 000
init_office
R=$FIXTURES/registers
q() { sqlite3 "$MOTCUA_DB" "$1"; }
mode() { stat -c %a "$1"; }
"$MOTCUA" register import birth "$R/births-roundtrip.csv" >/dev/null 2>&1 || not_ok "import births"
cp "$MOTCUA_DB" "$TMP/v7.db"
mkdir "$TMP/o"
cd "$TMP/o" || exit 1

# ---- every kind of output file, under umask 000 ----

expect_code 0 "a slip to -o FILE" dossier new --procedure 2.000635 --applicant "Lê Thị Hoa" \
	--phone 0912345678 -o slip.txt
code=$(q "select code from dossiers")
expect_eq "the slip is 0600" "600" "$(mode slip.txt)"
expect_code 0 "a PNG slip" dossier new --procedure 2.000635 --applicant "Trần Văn Nam" -o slip.png
expect_eq "the PNG slip is 0600" "600" "$(mode slip.png)"
expect_code 0 "an extract to -o FILE" extract birth 01/2019 1 --requester "Nguyễn Văn Hùng" -o tlks.txt
expect_eq "the extract is 0600" "600" "$(mode tlks.txt)"
expect_code 0 "register export -o FILE" register export birth -o reg.csv
expect_eq "the register export is 0600" "600" "$(mode reg.csv)"
expect_code 0 "report dossiers -o FILE (the tracking book)" report dossiers -o book.csv
expect_eq "the tracking book is 0600" "600" "$(mode book.csv)"
expect_code 0 "register import --reject-file" register import birth "$R/births-bad.csv" \
	--reject-file bad.csv --dry-run
expect_eq "the reject file is 0600" "600" "$(mode bad.csv)"
expect_code 0 "qr print CODE -o FILE" qr print "$code" -o code.png
expect_eq "the QR code is 0600" "600" "$(mode code.png)"
printf '%s\nhello\n' "$code" >"$TMP/batch"
"$MOTCUA" qr print --batch -o qrs <"$TMP/batch" >"$TMP/out" 2>"$TMP/err"
expect_eq "qr print --batch -o DIR" "0" "$?"
expect_eq "its new folder is 0700" "700" "$(mode qrs)"
expect_eq "its files are 0600" "600 600" "$(stat -c %a qrs/"$code".png qrs/0002.png | tr '\n' ' ' | sed 's/ $//')"
expect_eq "and nothing else is in it" "$(printf '%s\n' 0002.png "$code.png" | sort)" "$(ls -A qrs | sort)"
# An existing file is replaced by a new, private one (its mode is not kept).
: >old.csv
chmod 644 old.csv
expect_code 0 "register export over an existing 0644 file" register export birth -o old.csv
expect_eq "the file is now 0600" "600" "$(mode old.csv)"
expect_eq "and holds the export" "$(cat reg.csv)" "$(cat old.csv)"
expect_eq "no temporary file is left beside the outputs" \
	"bad.csv book.csv code.png old.csv qrs reg.csv slip.png slip.txt tlks.txt" \
	"$(ls -A | sort | tr '\n' ' ' | sed 's/ $//')"

# ---- a write error leaves no partial file ----

# A register too large for the limit on file sizes (ulimit -f, with
# SIGXFSZ ignored: write() fails with EFBIG), the database's own files
# below it.
awk -F, 'NR == 1 { print; next } NR == 2 { for (i = 100; i < 400; i++) { $2 = i; print } }' OFS=, \
	"$R/births-roundtrip.csv" >"$TMP/many.csv"
"$MOTCUA" register import birth "$TMP/many.csv" >/dev/null 2>&1 || not_ok "import many births"
sqlite3 "$MOTCUA_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
exports_before=$(q "select count(*) from data_exports")
limited() { (trap '' XFSZ; ulimit -f 128; "$MOTCUA" "$@" >"$TMP/out" 2>"$TMP/err"); rc=$?; }
limited register export birth -o big.csv
expect_eq "a register export that outgrows the limit: exit 74" "74" "$rc"
expect_err "says why" "motcua: big.csv: write error: File too large"
expect_eq "and leaves no file, not even a temporary one" "" "$(ls -A | grep big)"
expect_code 74 "an export to /dev/full" register export birth -o /dev/full
expect_code 74 "a tracking book to /dev/full" report dossiers -o /dev/full
expect_eq "write errors record no export" "$exports_before" "$(q "select count(*) from data_exports")"
expect_code 73 "-o into a folder that is not there" register export birth -o gone/reg.csv
expect_eq "nothing is made" "" "$(ls -A | grep gone)"
cd "$TMP" || exit 1

# ---- each export is recorded: who, what, how many rows, where ----

record() {
	"$MOTCUA" audit log --table data_exports --format json | jq -r --arg c "$1" \
		'[.[] | select(.change.command == $c)] | last | .change |
		 "\(.clerk) \(.account) \(.rows) \(.target) [\(.filters)]"'
}
me=$(id -un)
expect_eq "register export: the clerk, the account, 3 rows, the file, the kind" \
	"lan $me 3 $TMP/o/old.csv [birth]" "$(record "register export")"
expect_eq "report dossiers: 2 rows, the book" "lan $me 2 $TMP/o/book.csv []" "$(record "report dossiers")"
expect_code 0 "register export --from --to to standard output" \
	register export birth --from 2019-04-01 --to 2019-12-31
expect_eq "some of the 303 entries" "2" \
	"$(q "select count(*) from births where registered_on between '2019-04-01' and '2019-12-31'")"
expect_eq "is recorded with its filters and its rows, to -" \
	"lan $me 2 - [birth --from 2019-04-01 --to 2019-12-31]" "$(record "register export")"
expect_code 0 "register export --to before any entry" register export birth --to 2000-01-01
expect_eq "is recorded with no rows" "lan $me 0 - [birth --to 2000-01-01]" "$(record "register export")"
expect_code 0 "extract list" --clerk hoa extract list --kind birth
expect_eq "extract list: the clerk who asked, 1 row" "hoa $me 1 - [--kind birth]" "$(record "extract list")"
expect_code 0 "dossier export" dossier export
expect_eq "dossier export: as many rows as it printed" "lan $me $(wc -l <"$TMP/out") - []" \
	"$(record "dossier export")"
expect_code 0 "notify export" config set zns_template_received 12345
expect_code 0 "notify export" notify export
expect_eq "notify export: as many rows as it printed" "lan $me $(wc -l <"$TMP/out") - []" \
	"$(record "notify export")"
expect_eq "the message is there to count" "1" "$(wc -l <"$TMP/out")"
expect_code 0 "audit log --table data_exports lists them" audit log --table data_exports
expect_eq "one line per export" "$(q "select count(*) from data_exports")" "$(wc -l <"$TMP/out")"

# A long export holds no clerk back: blocked on a full pipe, it leaves the
# database free to write.
mkfifo "$TMP/fifo"
"$MOTCUA" register export birth -o "$TMP/fifo" 2>"$TMP/fifo.err" &
pid=$!
exec 3<"$TMP/fifo"
sleep 1
MOTCUA_BUSY_TIMEOUT=0 "$MOTCUA" dossier new --procedure 2.000635 --applicant "Phạm Văn G" -q \
	>/dev/null 2>"$TMP/err" </dev/null
expect_eq "a receipt while an export waits on its reader" "0" "$?"
cat <&3 >"$TMP/fifo.csv"
exec 3<&-
wait $pid
expect_eq "the export ends well once read" "0" "$?"
expect_eq "whole" "$(cat "$TMP/o/old.csv")" "$(head -n "$(wc -l <"$TMP/o/old.csv")" "$TMP/fifo.csv")"
expect_eq "and is recorded" "lan $me 303 $TMP/fifo [birth]" "$(record "register export")"

# ---- nothing is recorded for a refused export ----

n=$(q "select count(*) from data_exports")
expect_code 2 "register export with a bad --from" register export birth --from 31/02/2019
expect_code 2 "register export of no such register" register export births
expect_code 2 "report dossiers with a bad --to" report dossiers --to yesterday
expect_code 2 "extract list with a bad --kind" extract list --kind adoption
expect_code 73 "report dossiers into a folder that is not there" report dossiers -o "$TMP/gone/b.csv"
expect_eq "none of them is recorded" "$n" "$(q "select count(*) from data_exports")"
# The record and the file stand or fall together.
q "create trigger refuse_exports before insert on data_exports begin select raise(abort, 'refused'); end"
expect_code 74 "an export whose record cannot be written" register export birth -o "$TMP/o/late.csv"
expect_eq "leaves no file, not even a temporary one" "" "$(ls -A "$TMP/o" | grep late)"
expect_code 74 "a tracking book whose record cannot be written" report dossiers -o "$TMP/o/late.csv"
expect_eq "leaves no file either" "" "$(ls -A "$TMP/o" | grep late)"
q "drop trigger refuse_exports"
expect_eq "and nothing is recorded" "$n" "$(q "select count(*) from data_exports")"

# ---- append-only, audited, checked ----

expect_code 0 "db check covers the log of exports" db check
if sqlite3 "$MOTCUA_DB" "update data_exports set rows = 0" 2>"$TMP/err"; then
	not_ok "an export's record can be rewritten"
else
	expect_grep "an export's record cannot be rewritten" "append-only" "$TMP/err"
fi
sqlite3 "$MOTCUA_DB" "drop trigger data_exports_no_delete; delete from data_exports where id = 1"
expect_code 1 "a removed record and trigger are found" db check
expect_grep "the trigger" "data_exports: the trigger data_exports_no_delete that keeps it append-only was removed" "$TMP/out"
expect_grep "the row" "data_exports" "$TMP/out"

# ---- an older database gets the table on upgrade ----

latest=$(grep -c '^	/\* [0-9][0-9]*: ' "$TESTS_DIR/../core/schema.c")
schema_undo_8 "$TMP/v7.db"
expect_eq "a version-7 database has no log of exports" "7 0" \
	"$(sqlite3 "$TMP/v7.db" "PRAGMA user_version; select count(*) from sqlite_master where name = 'data_exports'" | tr '\n' ' ' | sed 's/ $//')"
expect_code 0 "an export upgrades it" --db "$TMP/v7.db" register export birth
expect_eq "to the latest version, and records the export" "$latest 1" \
	"$(sqlite3 "$TMP/v7.db" "PRAGMA user_version; select count(*) from data_exports" | tr '\n' ' ' | sed 's/ $//')"
expect_code 0 "the upgraded database checks clean" --db "$TMP/v7.db" db check
