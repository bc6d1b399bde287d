#!/bin/sh
# Smaller holes: a signing key others may read, a backup without its key,
# lookup URL templates that cannot be read back, a folder given as an
# input file, dates beyond the calendar, a NUL in a QR batch line, and an
# option given twice.
. "$(dirname "$0")/../lib.sh"
init_office
R=$FIXTURES/registers
q() { sqlite3 "$MOTCUA_DB" "$1"; }
KEY=$TMP/data/motcua.key
"$MOTCUA" register import birth "$R/births-roundtrip.csv" >/dev/null 2>&1 || not_ok "import births"

# ---- (a) a signing key that others may read is refused, as ssh does ----

expect_eq "init makes the key private" "600" "$(stat -c %a "$KEY")"
chmod 644 "$KEY"
before=$(db_snapshot)
expect_code 65 "an extract signed with a key others may read" extract birth 01/2019 1 --requester "A"
expect_err "names the file and the chmod to run" \
	"motcua: $KEY: the signing key can be read by others (mode 644); make it private with: chmod 600 $KEY"
expect_eq "and issues nothing" "$before" "$(db_snapshot)"
chmod 640 "$KEY"
expect_code 65 "a key its group may read" extract birth 01/2019 1 --requester "A"
expect_err "is refused too" \
	"motcua: $KEY: the signing key can be read by others (mode 640); make it private with: chmod 600 $KEY"
chmod 600 "$KEY"
expect_code 0 "once private again, it signs" extract birth 01/2019 1 --requester "A"

# ---- (b) db backup says where the key is, and copies it with --with-key ----

expect_code 0 "db backup" db backup "$TMP/b1.db"
expect_grep "says the key is not in the backup" \
	"the signing key $KEY is not in the backup: keep a copy (--with-key DIR), or a restored office cannot issue extracts" \
	"$TMP/out"
umask 000
expect_code 0 "db backup --with-key DIR, under umask 000" db backup "$TMP/b2.db" --with-key "$TMP/keys"
umask 022
expect_grep "says where the copy went" "signing key $KEY copied to $TMP/keys/motcua.key" "$TMP/out"
expect_eq "the folder is private (0700)" "700" "$(stat -c %a "$TMP/keys")"
expect_eq "the key's copy is private (0600)" "600" "$(stat -c %a "$TMP/keys/motcua.key")"
expect_eq "and is the key" "" "$(cmp "$KEY" "$TMP/keys/motcua.key")"
expect_eq "nothing else is in the folder" "motcua.key" "$(ls -A "$TMP/keys")"
expect_code 73 "a second copy into the same folder" db backup "$TMP/b3.db" --with-key "$TMP/keys"
expect_err "is refused: a key copy is never overwritten" \
	"motcua: $TMP/keys/motcua.key: already exists; a key copy is never overwritten"
expect_eq "before the backup is made" "" "$(ls "$TMP" | grep b3)"
expect_code 0 "--format json" db backup "$TMP/b4.db" --with-key "$TMP/keys4" --format json
expect_eq "gives the key and its copy" "$KEY $TMP/keys4/motcua.key" "$(jq -r '"\(.key) \(.key_copy)"' "$TMP/out")"
mv "$KEY" "$TMP/key.away"
expect_code 66 "--with-key when the key cannot be read" db backup "$TMP/b5.db" --with-key "$TMP/keys5"
expect_eq "makes no backup" "" "$(ls "$TMP" | grep b5)"
mv "$TMP/key.away" "$KEY"
# The restore of the man page: the backup, and the key beside it.
mkdir "$TMP/restored"
cp "$TMP/b2.db" "$TMP/restored/motcua.db"
expect_code 66 "a restored database without its key cannot issue extracts" \
	--db "$TMP/restored/motcua.db" extract birth 01/2019 1 --requester "B"
cp "$TMP/keys/motcua.key" "$TMP/restored/motcua.key"
expect_code 0 "with its key copied beside it, it can" \
	--db "$TMP/restored/motcua.db" extract birth 01/2019 1 --requester "B"

# ---- (c) lookup_url templates that cannot be read back ----

url=$(q "select value from settings where key = 'lookup_url'")
for t in 'https://x.vn/{code}{pin}' 'https://x.vn/{pin}{code}' 'https://x.vn/{code}/{code}' \
	'https://x.vn/?a={code}&b={pin}&c={pin}' 'https://x.vn/{code}-{pin}' 'https://x.vn/{code}.html'; do
	expect_code 65 "lookup_url $t is refused" config set lookup_url "$t"
done
expect_code 65 "{code}{pin}" config set lookup_url 'https://x.vn/{code}{pin}'
expect_err "says why" 'motcua: lookup_url: "https://x.vn/{code}{pin}" has {code} and {pin} side by side: put a separator between them (as in ?ma={code}&pin={pin}), or a URL cannot be read back'
expect_code 65 "{code} twice" config set lookup_url 'https://x.vn/{code}/{code}'
expect_err "says why" 'motcua: lookup_url: "https://x.vn/{code}/{code}" has {code} more than once'
expect_code 65 "{pin} twice" config set lookup_url 'https://x.vn/{code}?p={pin}&q={pin}'
expect_err "says why" 'motcua: lookup_url: "https://x.vn/{code}?p={pin}&q={pin}" has {pin} more than once'
expect_code 65 "a dash after {code}" config set lookup_url 'https://x.vn/{code}-{pin}'
expect_err "says why" "motcua: lookup_url: \"https://x.vn/{code}-{pin}\" has a letter, digit, '.', '-' or '_' right after {code} or {pin}: codes and PINs hold those, so a URL cannot be read back"
expect_eq "the setting is unchanged" "$url" "$(q "select value from settings where key = 'lookup_url'")"
for t in 'https://x.vn/tra-cuu?ma={code}&pin={pin}' 'https://x.vn/{code}/{pin}' 'https://x.vn/{code}'; do
	expect_code 0 "lookup_url $t is accepted" config set lookup_url "$t"
done
code=$(q "select code from dossiers limit 1")
expect_code 65 "init refuses such a template too" --db "$TMP/other.db" init --training --unit-id 000.00.22.H12 \
	--unit-name "UBND" --province "Bình Dương" --lookup-url 'https://x.vn/{code}{pin}'

# ---- (d) a folder given as an input file ----

mkdir "$TMP/dir"
expect_code 66 "procedure import DIR" procedure import "$TMP/dir"
expect_err "says it is a folder" "motcua: $TMP/dir: is a folder; give a file"
expect_code 66 "holiday import DIR" holiday import "$TMP/dir"
expect_err "says it is a folder" "motcua: $TMP/dir: is a folder; give a file"
expect_code 66 "register import birth DIR" register import birth "$TMP/dir"
expect_err "says it is a folder" "motcua: $TMP/dir: is a folder; give a file"
expect_code 66 "register import with --reject-file" register import birth "$TMP/dir" --reject-file "$TMP/r.csv"
expect_eq "makes no reject file" "" "$(ls "$TMP" | grep '^r.csv')"

# ---- (e) dates bounded to the calendar's years (1900 to 2199) ----

expect_code 2 "calendar due --from beyond 2199" calendar due --from "9999-12-30 09:00" --days 30
expect_err "names the option and the years" \
	'motcua: --from: "9999-12-30 09:00" is not a date from 1900 to 2199 (the years the calendar supports)'
expect_code 2 "calendar due --from before 1900" calendar due --from "1899-12-31 09:00" --days 3
expect_code 0 "calendar due --from the last day of 2199" calendar due --from "2199-12-31 09:00" --days 3
expect_code 0 "calendar due --from the first day of 1900" calendar due --from "1900-01-01 09:00" --days 3
mc -q dossier new --procedure 2.000635 --applicant "Lê Văn C"
c=$(cat "$TMP/out")
expect_code 2 "dossier update --due in 2300" dossier update "$c" --due "2300-01-01 10:00" --reason "x"
expect_err "names --due" 'motcua: --due: "2300-01-01 10:00" is not a date from 1900 to 2199 (the years the calendar supports)'
expect_code 2 "dossier new --received-at in year 1" dossier new --procedure 2.000635 \
	--applicant "Lê Văn D" --received-at "0001-01-01 08:00"
expect_code 2 "register export --from 1800" register export birth --from 1800-01-01
expect_code 2 "report dossiers --to 2500" report dossiers --to 2500-01-01
expect_code 2 "dossier list --from 1000" dossier list --from 1000-01-01
expect_code 65 "holiday add in 2200" holiday add 2200-01-01 --name "x"
expect_err "says why" 'motcua: date: "2200-01-01" is not in the years the calendar supports (1900 to 2199)'
expect_code 2 "holiday list --year 2200" holiday list --year 2200

# ---- (f) a NUL byte in a qr print --batch line ----

printf 'first\nab\000cd\nthird\n' >"$TMP/nul.txt"
"$MOTCUA" qr print --batch -o "$TMP/qrs" <"$TMP/nul.txt" >"$TMP/out" 2>"$TMP/err"
expect_eq "a batch with a NUL in line 2: exit 65" "65" "$?"
expect_err "names the line" "motcua: -:2: the line holds a NUL byte"
expect_eq "the other lines are written" "0001.png 0003.png" "$(ls "$TMP/qrs" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "line 3 is line 3" "third" "$(zbarimg -q --raw "$TMP/qrs/0003.png" 2>/dev/null)"

# ---- (g) an option given twice ----

n=$(q "select count(*) from dossiers")
expect_code 2 "--phone given twice" dossier new --procedure 2.000635 --applicant "Lê Văn E" \
	--phone 0901234567 --phone 0912345678
first_err() { head -1 "$TMP/err"; }
expect_eq "is a usage error" "motcua: option --phone given twice" "$(first_err)"
expect_grep "with the command's synopsis" "usage: motcua dossier new --procedure CODE" "$TMP/err"
expect_eq "and receives nothing" "$n" "$(q "select count(*) from dossiers")"
expect_code 2 "-o given twice" register export birth -o "$TMP/a.csv" --output "$TMP/b.csv"
expect_eq "names the long option" "motcua: option --output given twice" "$(first_err)"
expect_code 2 "--format before and after the command" --format json dossier list --format csv
expect_eq "is given twice too" "motcua: option --format given twice" "$(first_err)"
expect_code 2 "a flag given twice" dossier list --overdue --overdue
expect_code 0 "--doc repeats, as documented" dossier new --procedure 2.000635 --applicant "Lê Văn F" \
	--doc "Tờ khai" --doc "CCCD" -q
expect_code 0 "--status repeats, as documented" dossier list --status received --status done
