#!/bin/sh
# -o FILE of dossier list, extract list and report extracts: a file for
# people (Excel's "CSV UTF-8": a BOM, CRLF; JSON with --format json),
# new, 0600, whole or not at all, holding the rows that standard output
# gives; a list of citizens' data is recorded in data_exports (the
# figures of report extracts name nobody and are not), and db check
# replays the records. Standard output is as it was without -o.
. "$(dirname "$0")/../lib.sh"
init_office
R=$FIXTURES/registers
CR=$(printf '\r')
# bom FILE: its first three bytes in hex
bom() { head -c3 "$1" | od -An -tx1 | tr -d ' '; }
# lines FILE: how many lines, and how many of them end in CR LF
lines() { echo "$(wc -l <"$1" | tr -d ' ') $(grep -c "$CR\$" "$1")"; }
# plain FILE: the file without its BOM and the CR of its line ends
plain() { sed -e '1s/^\xEF\xBB\xBF//' -e "s/$CR\$//" "$1"; }
q() { sqlite3 "$MOTCUA_DB" "$1"; }
exports() { q "SELECT count(*) FROM data_exports"; }
# last_export: the last record, as command|filters|target|rows
last_export() {
	q "SELECT command || '|' || filters || '|' || target || '|' || rows FROM data_exports ORDER BY id DESC LIMIT 1"
}
# files: what the folder of the files holds (no temporary file left)
files() { ls -A "$F" | tr '\n' ' ' | sed 's/ $//'; }
F=$TMP/files
mkdir "$F"
# A umask that would let others read: the files are 0600 all the same.
umask 022

for k in birth marriage death; do
	case $k in birth) f=births-roundtrip.csv ;; marriage) f=marriages.csv ;; death) f=deaths.csv ;; esac
	"$MOTCUA" register import $k "$R/$f" >/dev/null 2>&1 || not_ok "import $f"
done
"$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Trần Thị, Bình" --phone 0912345678 \
	--slip none >/dev/null 2>&1 || not_ok "receive 1"
MOTCUA_NOW=2026-04-29T10:00:00+07:00 "$MOTCUA" -q dossier new --procedure 1.004873 \
	--applicant "Nguyễn Văn An" --address "=1+1" --slip none >/dev/null 2>&1 || not_ok "receive 2"
MOTCUA_NOW=2026-04-29T10:30:00+07:00 "$MOTCUA" extract birth 01/2019 1 \
	--requester "Nguyễn Văn Hùng" >/dev/null 2>&1 || not_ok "extract birth"
MOTCUA_NOW=2026-04-29T11:00:00+07:00 "$MOTCUA" extract marriage 01/2020 1 --copies 2 \
	--requester "Lê Thị, Hoa" >/dev/null 2>&1 || not_ok "extract marriage"
D1=000.00.22.H12-260429-0001
D2=000.00.22.H12-260429-0002

# ---- dossier list ----

expect_code 0 "dossier list, as a screen shows it" dossier list
expect_out "text, newest first" \
"$D2  received   2026-04-29 10:00  2026-05-06 10:00   Nguyễn Văn An
$D1  received   2026-04-29 09:00  2026-05-06 09:00   Trần Thị, Bình"
cp "$TMP/out" "$TMP/ds.txt"
expect_eq "standard output records nothing" 0 "$(exports)"
expect_code 0 "dossier list --format csv" dossier list --format csv
cp "$TMP/out" "$TMP/ds.csv"
expect_eq "CSV to standard output is plain (no BOM, no CR)" "636f64 3 0" \
	"$(bom "$TMP/ds.csv") $(lines "$TMP/ds.csv")"

expect_code 0 "dossier list -o FILE" dossier list -o "$F/ho-so.csv"
expect_empty "prints nothing on standard output"
expect_eq "the file starts with a UTF-8 BOM" "efbbbf" "$(bom "$F/ho-so.csv")"
expect_eq "its header and two rows end in CRLF" "3 3" "$(lines "$F/ho-so.csv")"
expect_eq "and hold what --format csv prints, byte for byte" "" \
	"$(plain "$F/ho-so.csv" | cmp - "$TMP/ds.csv" 2>&1)"
expect_eq "the file is the owner's only (0600, umask 022)" 600 "$(stat -c %a "$F/ho-so.csv")"
expect_eq "the address that a spreadsheet would compute is neutralised" 1 \
	"$(grep -c ",Nguyễn Văn An,,counter," "$F/ho-so.csv")"
expect_eq "the list is recorded in data_exports" "1 dossier list||$F/ho-so.csv|2" \
	"$(exports) $(last_export)"
expect_code 0 "with filters, -q and --output" -q dossier list --status received \
	--from 2026-04-29 --output "$F/ho-so-q.csv"
expect_empty "-q prints nothing either"
expect_eq "the file is CSV all the same" "efbbbf 3 3" "$(bom "$F/ho-so-q.csv") $(lines "$F/ho-so-q.csv")"
expect_eq "the record has the filters as typed, not -o" \
	"2 dossier list|--status received --from 2026-04-29|$F/ho-so-q.csv|2" "$(exports) $(last_export)"
expect_code 0 "--format json -o FILE" dossier list --format json -o "$F/ho-so.json"
expect_empty "prints nothing"
expect_code 0 "dossier list --format json" dossier list --format json
expect_eq "the file is the JSON of standard output" "" "$(cmp "$TMP/out" "$F/ho-so.json" 2>&1)"
expect_eq "read by jq: two dossiers" "$D2 $D1" "$(jq -r '[.[].code] | join(" ")' "$F/ho-so.json")"
expect_eq "recorded too" "3 dossier list||$F/ho-so.json|2" "$(exports) $(last_export)"
expect_code 0 "-o - is standard output" dossier list -o -
expect_eq "the same text as without -o" "" "$(cmp "$TMP/out" "$TMP/ds.txt" 2>&1)"
expect_eq "and records nothing" 3 "$(exports)"
expect_code 0 "an empty list to a file" dossier list --status done -o "$F/none.csv"
expect_eq "is the header alone, recorded with 0 rows" "efbbbf 1 1 4 dossier list|--status done|$F/none.csv|0" \
	"$(bom "$F/none.csv") $(lines "$F/none.csv") $(exports) $(last_export)"

# A file that was there is replaced, 0600 whatever its mode was.
printf 'old\n' >"$F/old.csv"
chmod 644 "$F/old.csv"
expect_code 0 "-o over a file that exists" dossier list -o "$F/old.csv"
expect_eq "replaces it, 0600" "600 3" "$(stat -c %a "$F/old.csv") $(plain "$F/old.csv" | wc -l | tr -d ' ')"
expect_eq "recorded" 5 "$(exports)"

# ---- extract list ----

expect_code 0 "extract list --format csv" extract list --format csv
cp "$TMP/out" "$TMP/ex.csv"
expect_eq "plain CSV, the header and two issues" "736572 3 0" "$(bom "$TMP/ex.csv") $(lines "$TMP/ex.csv")"
expect_eq "to standard output, recorded as it always was (target -)" "6 extract list||-|2" \
	"$(exports) $(last_export)"
expect_code 0 "extract list -o FILE" extract list -o "$F/trich-luc.csv"
expect_empty "prints nothing on standard output"
expect_eq "the file: a BOM, three records in CRLF" "efbbbf 3 3" \
	"$(bom "$F/trich-luc.csv") $(lines "$F/trich-luc.csv")"
expect_eq "the rows of --format csv" "" "$(plain "$F/trich-luc.csv" | cmp - "$TMP/ex.csv" 2>&1)"
expect_eq "0600" 600 "$(stat -c %a "$F/trich-luc.csv")"
expect_eq "the requester with a comma is one quoted cell" 1 \
	"$(grep -c ',"Lê Thị, Hoa",2,' "$F/trich-luc.csv")"
expect_eq "recorded with the file's path" "7 extract list||$F/trich-luc.csv|2" \
	"$(exports) $(last_export)"
expect_code 0 "--kind marriage --format json -o FILE" extract list --kind marriage --format json \
	-o "$F/trich-luc.json"
expect_eq "a JSON array of the one marriage extract" "1/2026/TLKH-BS Lê Thị, Hoa" \
	"$(jq -r '.[] | "\(.serial) \(.requester)"' "$F/trich-luc.json")"
expect_eq "recorded with its filter" "8 extract list|--kind marriage|$F/trich-luc.json|1" \
	"$(exports) $(last_export)"
expect_code 0 "extract list -o -" extract list -o -
expect_eq "is the text of standard output" "$("$MOTCUA" extract list 2>&1)" "$(cat "$TMP/out")"

# ---- report extracts ----

expect_code 0 "report extracts --format csv" report extracts --format csv
cp "$TMP/out" "$TMP/re.csv"
expect_out "one day, plain" "date,birth,marriage,death,issues,copies,fees,voided,voided_fees
2026-04-29,1,1,0,2,3,24000,0,0"
before=$(exports)
expect_code 0 "report extracts -o FILE" report extracts -o "$F/le-phi.csv"
expect_empty "prints nothing on standard output"
expect_eq "a BOM, two records in CRLF" "efbbbf 2 2" "$(bom "$F/le-phi.csv") $(lines "$F/le-phi.csv")"
expect_eq "the rows of --format csv (no total row)" "" "$(plain "$F/le-phi.csv" | cmp - "$TMP/re.csv" 2>&1)"
expect_eq "0600" 600 "$(stat -c %a "$F/le-phi.csv")"
expect_eq "the figures name nobody: not recorded" "$before" "$(exports)"
expect_code 0 "--format json -o FILE" report extracts --from 2026-04-01 --format json -o "$F/le-phi.json"
mc report extracts --from 2026-04-01 --format json
expect_eq "the file is the JSON of standard output" "" "$(cmp "$TMP/out" "$F/le-phi.json" 2>&1)"
expect_eq "with its total" 24000 "$(jq .total.fees "$F/le-phi.json")"
expect_code 0 "report extracts, text" report extracts
cp "$TMP/out" "$TMP/re.txt"
expect_grep "has its TOTAL row" "TOTAL" "$TMP/re.txt"
expect_code 0 "report extracts -o -" report extracts -o -
expect_eq "is that text" "" "$(cmp "$TMP/out" "$TMP/re.txt" 2>&1)"

# ---- errors: nothing recorded, no file ----

snap=$(db_snapshot)
for cmd in "dossier list" "extract list" "report extracts"; do
	# shellcheck disable=SC2086
	expect_code 73 "$cmd -o into a folder that does not exist" $cmd -o "$F/no/such/x.csv"
	expect_err "names the file and why" "motcua: $F/no/such/x.csv: No such file or directory"
	expect_empty "prints nothing on standard output"
	# shellcheck disable=SC2086
	expect_code 2 "$cmd with a bad date and -o" $cmd --to 31/02/2026 -o "$F/bad.csv"
	expect_err "is refused before any file" \
		"motcua: --to: \"31/02/2026\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"
	# shellcheck disable=SC2086
	expect_code 2 "$cmd -o without a file" $cmd -o
	if [ -w /dev/full ]; then
		# shellcheck disable=SC2086
		expect_code 74 "$cmd -o on a full disk" $cmd -o /dev/full
		expect_grep "is a write error" "/dev/full: write error" "$TMP/err"
	fi
done
expect_code 2 "dossier list of an unknown status to a file" dossier list --status lost -o "$F/bad.csv"
expect_eq "nothing was recorded by any of them" "$snap" "$(db_snapshot)"
expect_eq "and no file is left, nor a temporary one" \
	"ho-so-q.csv ho-so.csv ho-so.json le-phi.csv le-phi.json none.csv old.csv trich-luc.csv trich-luc.json" \
	"$(files)"

# ---- db check replays the records ----

expect_code 0 "db check after the files and their records" db check
expect_grep "finds the log sound" "ok: " "$TMP/out"
expect_eq "every record of a list is in the audit log" "10 10" \
	"$(exports) $(q "SELECT count(*) FROM audit_log WHERE tbl = 'data_exports'")"
