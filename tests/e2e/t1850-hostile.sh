#!/bin/sh
# The hostile-input suite: the attack list. Each section tries one kind of
# attack on every way in that it applies to: bad bytes, huge lines and
# fields, numbers out of range, SQL metacharacters, invisible characters
# (format characters and separators that make two values look alike),
# probing dossier codes with lookup PINs. Every refusal is exit 65 (1 for
# a lookup, 2 for a usage error) with a clear message and changes nothing;
# accepted text is stored literally.
#
# It grows with every new input path: a new option or CSV column that
# stores text is one more line in the tables of section 6, and a new kind
# of attack is a new section here.
. "$(dirname "$0")/../lib.sh"
init_office
mc -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn A"
A=$(cat "$TMP/out")
snap() { db_snapshot >"$TMP/snap"; }
unchanged() {  # DESC
	if db_snapshot | cmp -s - "$TMP/snap"; then ok "$1: nothing changed"
	else not_ok "$1: the database changed"; fi
}
# has_no_raw_controls FILE: no ESC, BEL or other C0 control but newline
has_no_raw_controls() {
	if LC_ALL=C tr -d '\n' <"$1" | LC_ALL=C grep -q '[[:cntrl:]]'; then
		not_ok "$2: a raw control character reached the terminal"
	else ok "$2: control characters are shown escaped"; fi
}

# 1. CSV files: NUL bytes, invalid UTF-8, huge lines, fields and records.
snap
printf 'code,name,days\n9.1,Một,1\n9.2,Ha\000i,2\n' >"$TMP/nul.csv"
expect_code 65 "a CSV file with a NUL byte" procedure import "$TMP/nul.csv"
expect_err "is refused at its line" "motcua: $TMP/nul.csv:3: a NUL byte: this is not a text file"
printf 'date,name\n2026-01-02,Ngh\341\273\n' >"$TMP/utf8.csv"
expect_code 65 "a CSV file that is not UTF-8" holiday import "$TMP/utf8.csv"
expect_err "is refused at its line" "motcua: $TMP/utf8.csv:2: the file is not UTF-8 text (it may be in a legacy Vietnamese encoding: TCVN3 (ABC), VNI or Windows-1258); convert it to UTF-8 first (iconv -f WINDOWS-1258, or -f TCVN5712-1 for TCVN3); nothing was imported"
printf 'date,name\n2026-01-02,Ngh\354\n' >"$TMP/latin1.csv"
expect_code 65 "a Windows-1258 file" holiday import "$TMP/latin1.csv"
{ printf 'code,name,days\n9.1,'; head -c 1100000 /dev/zero | tr '\0' 'a'; printf ',1\n'; } >"$TMP/long.csv"
expect_code 65 "a line longer than 1 MiB" procedure import "$TMP/long.csv"
expect_err "is refused with its line number" "motcua: $TMP/long.csv:2: a line is longer than 1048576 bytes"
{ printf 'code,name,days\n9.1,"'; i=0; while [ $i -lt 20 ]; do head -c 60000 /dev/zero | tr '\0' 'b'; echo; i=$((i + 1)); done; printf '",1\n'; } >"$TMP/field.csv"
expect_code 65 "a quoted field of 1.2 MB over many lines" procedure import "$TMP/field.csv"
expect_err "is refused where its record starts" "motcua: $TMP/field.csv:2: a field is longer than 65536 bytes"
{ printf 'date,name\n'; head -c 5000 /dev/zero | tr '\0' ','; echo; } >"$TMP/wide.csv"
expect_code 65 "a row of 5000 fields" holiday import "$TMP/wide.csv"
expect_err "is refused" "motcua: $TMP/wide.csv:2: a record has more than 1024 fields or 1048576 bytes"
printf 'date,name\n2026-01-02,"%s",x\n' "$(head -c 5000 /dev/zero | tr '\0' 'n')" >"$TMP/hname.csv"
expect_code 65 "a field longer than the holiday import allows" holiday import "$TMP/hname.csv"
expect_err "is refused" "motcua: $TMP/hname.csv:2: a field is longer than 4096 bytes"
awk 'BEGIN { print "date,name"; for (i = 1; i <= 3000; i++) print "31/02/2026,x" }' >"$TMP/bad.csv"
expect_code 65 "3000 bad rows" holiday import "$TMP/bad.csv"
expect_eq "the report names the first 1000, then counts the rest" \
	"1002 motcua: $TMP/bad.csv:1001: date: \"31/02/2026\" is not a valid date|motcua: $TMP/bad.csv: 2000 more bad rows not shown|motcua: $TMP/bad.csv: 3000 bad rows; nothing imported" \
	"$(wc -l <"$TMP/err") $(sed -n '1000p' "$TMP/err" | sed 's/^/motcua: /')|$(sed -n '1001p' "$TMP/err" | sed 's/^/motcua: /')|$(sed -n '1002p' "$TMP/err")"
printf 'date,name\n"\033[2J\033]0;owned\007",x\n' >"$TMP/esc.csv"
expect_code 65 "a CSV value with terminal escapes" holiday import "$TMP/esc.csv"
expect_grep "its message quotes it" 'date: "\x1B[2J\x1B]0;owned\x07" is not a valid date' "$TMP/err"
has_no_raw_controls "$TMP/err" "its message"
printf 'code,name,days\n9.1,X,"\033[2J"\n' >"$TMP/pesc.csv"
expect_code 65 "a procedure CSV cell with a terminal escape" procedure import "$TMP/pesc.csv"
expect_err "its row report quotes it escaped" \
"$TMP/pesc.csv:2: days: \"\\x1B[2J\" is not a number of working days (0 to 365)
motcua: $TMP/pesc.csv: 1 bad row; nothing imported"
has_no_raw_controls "$TMP/err" "the row report"
hostile="$TMP/$(printf 'e\033[2J').csv"
cp "$TMP/pesc.csv" "$hostile"
expect_code 65 "a CSV file whose name holds a terminal escape" procedure import "$hostile"
expect_grep "the row report names it escaped" "$TMP/e\\x1B[2J.csv:2: days: " "$TMP/err"
has_no_raw_controls "$TMP/err" "the row report of that file"
printf 'book,number,registered_on,full_name,sex,date_of_birth\n01/2019,1,2019-01-02,A,Nam,31/02/2019\n' >"$hostile"
expect_code 65 "a register file whose name holds a terminal escape" register import birth "$hostile"
expect_grep "register import's row report names it escaped" "$TMP/e\\x1B[2J.csv:2: date_of_birth: " "$TMP/err"
has_no_raw_controls "$TMP/err" "register import's row report"
unchanged "refused files"

# 2. Command-line values: bad bytes, controls, lengths.
snap
long() { head -c "$1" /dev/zero | tr '\0' 'x'; }
expect_code 65 "an applicant that is not UTF-8" dossier new --procedure 2.000635 --applicant "$(printf 'Nguy\377n')"
expect_err "names the field" "motcua: applicant: not valid text (UTF-8, one line, at most 100 characters)"
expect_code 65 "an applicant with an escape sequence" dossier new --procedure 2.000635 --applicant "$(printf 'A\033[31mB')"
expect_code 65 "an applicant of 101 characters" dossier new --procedure 2.000635 --applicant "$(long 101)"
expect_code 65 "an address of 301 characters" dossier new --procedure 2.000635 --applicant A --address "$(long 301)"
expect_code 65 "a note of 1001 characters" dossier new --procedure 2.000635 --applicant A --note "$(long 1001)"
expect_code 65 "a paper of 301 characters" dossier new --procedure 2.000635 --applicant A --doc "$(long 301)"
expect_code 65 "an e-mail of 255 characters" dossier new --procedure 2.000635 --applicant A --email "$(long 245)@example.vn"
expect_code 65 "a phone with terminal escapes" dossier new --procedure 2.000635 --applicant A --phone "$(printf '\033[31m0912345678')"
expect_err "is quoted escaped" 'motcua: phone: "\x1B[31m0912345678" is not a Vietnamese phone number (mobile 0[35789]xxxxxxxx or landline 02xxxxxxxxx)'
expect_code 1 "a code with an OSC sequence" dossier status "$(printf 'X\033]0;t\007')"
expect_err "is quoted escaped" 'motcua: no dossier X\x1B]0;T\x07'
expect_code 65 "a reason of 1001 characters" dossier update "$A" --status supplement --reason "$(long 1001)"
expect_code 65 "a reason that is not UTF-8" dossier update "$A" --status supplement --reason "$(printf '\300\257')"
expect_code 65 "a holiday name of 91 characters" holiday add 2026-06-01 --name "$(long 91)"
expect_code 65 "a procedure name of 301 characters" procedure add --code 9.1 --name "$(long 301)" --days 1
expect_code 65 "a unit name of 201 characters" config set unit_name "$(long 201)"
expect_code 65 "a lookup URL of 401 characters" config set lookup_url "https://x.vn/{code}$(long 390)"
expect_code 65 "a clerk name that is not text" --clerk "$(printf 'lan\001')" dossier update "$A" --status processing
expect_code 65 "a clerk name of 65 characters" --clerk "$(long 65)" config set cutoff 14:00
unchanged "refused values"

# 3. Numbers: range checks, never atoi.
snap
expect_code 2 "--sets past the range of long" dossier new --procedure 2.000635 --applicant A --sets 99999999999999999999
expect_err "says the range" "motcua: --sets: \"99999999999999999999\" is not a number from 1 to 99"
expect_code 2 "--sets 0" dossier new --procedure 2.000635 --applicant A --sets 0
expect_code 2 "--sets 5x" dossier new --procedure 2.000635 --applicant A --sets 5x
expect_code 2 "--year -2026" holiday list --year -2026
expect_code 2 "--days 366" calendar due --days 366
expect_code 2 "--days 1e3" calendar due --days 1e3
expect_code 2 "days 99999999999999999999 in procedure add" procedure add --code 9.1 --name X --days 99999999999999999999
expect_code 2 "a fee past the range" procedure add --code 9.1 --name X --days 1 --fee 99999999999999999999
expect_code 65 "extract_fee -1" config set extract_fee -1
expect_code 65 "extract_fee 1e9" config set extract_fee 1e9
MOTCUA_BUSY_TIMEOUT=99999999999999999999 "$MOTCUA" config list >/dev/null 2>"$TMP/err"
expect_eq "MOTCUA_BUSY_TIMEOUT past its range: exit 2" "2" "$?"
MOTCUA_NOW="2026-02-31T09:00:00+07:00" "$MOTCUA" config list >/dev/null 2>"$TMP/err"
expect_eq "MOTCUA_NOW that is not a date: exit 2" "2" "$?"
expect_code 2 "a due time on 31/02" dossier update "$A" --due "31/02/2026 09:00" --reason x
expect_code 65 "an offset of +15:00" config set utc_offset +15:00
unchanged "refused numbers"

# 4. Option values are checked.
snap
expect_code 2 "--format xml" dossier list --format xml
expect_code 2 "--slip pdf2" dossier new --procedure 2.000635 --applicant A --slip pdf2
expect_code 65 "--channel fax" dossier new --procedure 2.000635 --applicant A --channel fax
expect_code 2 "--status in a list, unknown" dossier list --status lost
expect_code 2 "--status in an update, unknown" dossier update "$A" --status lost
expect_code 2 "--kind adoption" procedure add --code 9.1 --name X --days 1 --kind adoption
unchanged "refused options"

# 5. SQL metacharacters are stored literally: SQL is never built from text.
evil="O'Brien\"; DROP TABLE dossiers; -- 100% _x_ \\ '); DELETE FROM audit_log;--"
expect_code 0 "a dossier whose every text field is full of SQL" -q dossier new --procedure 2.000635 \
	--applicant "$evil" --address "$evil" --note "$evil" --doc "$evil" --doc "'; --"
B=$(cat "$TMP/out")
expect_code 0 "read back" dossier status "$B" --format json
expect_eq "the applicant is stored literally" "$evil" "$(jq -r .applicant "$TMP/out")"
expect_eq "the address too" "$evil" "$(jq -r .address "$TMP/out")"
expect_eq "the note too" "$evil" "$(jq -r '.history[0].note' "$TMP/out")"
expect_eq "the papers too" "$evil
'; --" "$(sqlite3 "$MOTCUA_DB" "select documents from dossiers where code = '$B'")"
expect_code 0 "an update with SQL in its reason" dossier update "$B" --status supplement --reason "$evil"
expect_eq "the reason is stored literally" "$evil" \
	"$("$MOTCUA" dossier status "$B" --format json | jq -r '.history[1].reason')"
expect_code 0 "a holiday name with SQL" holiday add 2026-06-01 --name "x'); DROP TABLE holidays;--"
expect_eq "is stored literally" "x'); DROP TABLE holidays;--" \
	"$(sqlite3 "$MOTCUA_DB" "select name from holidays where date = '2026-06-01'")"
expect_code 0 "a procedure name and paper with SQL" procedure add --code 9.1 --name "$evil" --days 1 --doc "$evil"
expect_eq "are stored literally" "$evil|$evil" "$(sqlite3 "$MOTCUA_DB" "select name, documents from procedures where code = '9.1'")"
expect_code 0 "a unit name with SQL" config set unit_name "UBND'; DROP TABLE settings;--"
expect_code 0 "config get" config get unit_name
expect_out "gives it back literally" "UBND'; DROP TABLE settings;--"
expect_code 0 "a clerk name with SQL" --clerk "lan'; --" dossier update "$A" --status processing
expect_eq "is recorded literally" "lan'; --" "$(sqlite3 "$MOTCUA_DB" "select clerk from audit_log order by id desc limit 1")"
printf 'code,name,days,fee,documents\n9.2,"%s",1,0,"%s"\n' "x'); DROP TABLE procedures;--" "a;b'--" >"$TMP/sql.csv"
expect_code 0 "a CSV import with SQL in its cells" procedure import "$TMP/sql.csv"
expect_eq "is stored literally" "x'); DROP TABLE procedures;--|a
b'--" "$(sqlite3 "$MOTCUA_DB" "select name, documents from procedures where code = '9.2'")"
expect_code 1 "a lookup of %" dossier status "%"
expect_code 0 "a list by procedure %" dossier list --procedure "%"
expect_empty "matches nothing (no LIKE)"
expect_code 0 "an audit log of table %" audit log --table "%"
expect_empty "matches nothing either"
expect_code 0 "db check: every table still there and clean" db check

# 6. Invisible characters: Unicode's format characters and line and
# paragraph separators (categories Cf, Zl, Zp) are refused in every value
# that is stored, so that "01/2020", "01/2020<U+200B>" and "01<U+202E>..."
# cannot be three books that print alike. Each table row is one way in:
# the field the message names, then the arguments, where $V stands for
# the value with the hostile character inside.
"$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Trần Thị B" --phone 0912345678 >"$TMP/out" 2>&1
C=$(cat "$TMP/out")
N=$(sqlite3 "$MOTCUA_DB" "select max(id) from notifications")
"$MOTCUA" register add birth --book 01/2019 --number 1 --registered-on 02/06/2019 \
	--full-name "Hồ Ngọc Hà" --sex nam --date-of-birth 30/05/2019 >/dev/null
S=$("$MOTCUA" -q extract birth 01/2019 1 --requester "Hồ Văn Hải" -o "$TMP/x.txt")
REG="--registered-on 02/06/2019 --sex nam --date-of-birth 30/05/2019"
options='
applicant|dossier new --procedure 2.000635 --applicant "$V"
address|dossier new --procedure 2.000635 --applicant A --address "$V"
note|dossier new --procedure 2.000635 --applicant A --note "$V"
doc|dossier new --procedure 2.000635 --applicant A --doc "$V"
applicant|dossier amend "$C" --applicant "$V" --reason x
address|dossier amend "$C" --address "$V" --reason x
reason|dossier amend "$C" --applicant B --reason "$V"
note|dossier update "$C" --status processing --note "$V"
reason|dossier update "$C" --status supplement --reason "$V"
note|dossier note "$C" "$V"
reason|dossier cancel "$C" --reason "$V"
book|register add birth --book "$V" --number 2 --full-name B $REG
full_name|register add birth --book 01/2019 --number 2 --full-name "$V" $REG
father_name|register add birth --book 01/2019 --number 2 --full-name B --father-name "$V" $REG
note|register add birth --book 01/2019 --number 2 --full-name B --note "$V" $REG
registering_office|register add birth --book 01/2019 --number 2 --full-name B --registering-office "$V" $REG
book|register amend birth "$V" 1 --full-name B --reason x
full_name|register amend birth 01/2019 1 --full-name "$V" --reason x
registering_office|register amend birth 01/2019 1 --registering-office "$V" --reason x
reason|register amend birth 01/2019 1 --full-name B --reason "$V"
name|procedure add --code 9.9 --name "$V" --days 1
documents|procedure add --code 9.9 --name X --days 1 --doc "$V"
name|holiday add 2026-06-02 --name "$V"
unit_name|--db "$TMP/new.db" init --training --unit-id 000.00.22.H12 --unit-name "$V"
province|--db "$TMP/new.db" init --training --unit-id 000.00.22.H12 --unit-name X --province "$V"
unit_name|config set unit_name "$V"
superior_name|config set superior_name "$V"
office_address|config set office_address "$V"
province|config set province "$V"
lookup_url|config set lookup_url "https://x.vn/{code}/$V"
zalo_token_file|config set zalo_token_file "/etc/motcua/$V"
zalo_app_secret_file|config set zalo_app_secret_file "/etc/motcua/$V"
zalo_oa_secret_file|config set zalo_oa_secret_file "/srv/$V"
sync_url|config set sync_url "host=x dbname=$V"
clerk|--clerk "$V" dossier note "$C" x
requester|extract birth 01/2019 1 --requester "$V"
reason|extract void "$S" --reason "$V"
error|notify mark "$N" failed --error "$V"
msg-id|notify mark "$N" sent --msg-id "$V"
'
# CSV files: field, then the command ($F is the file), then the header
# and the row written into it, where @V@ stands for the value and @REG@
# for the other columns a register entry needs.
files='
name|procedure import "$F"|code,name,days|9.9,"@V@",1
documents|procedure import "$F"|code,name,days,documents|9.9,X,1,"a;@V@"
name|holiday import "$F"|date,name|2026-06-02,"@V@"
book|register import birth "$F"|book,number,full_name,@REG@|"@V@",2,B,@REG@
full_name|register import birth "$F"|book,number,full_name,@REG@|01/2019,2,"@V@",@REG@
full_name|register import birth "$F" --amend --reason x|book,number,full_name,@REG@|01/2019,1,"@V@",@REG@
reason|register import birth "$F" --amend --reason "$V"|book,number,full_name,@REG@|01/2019,1,Hồ Ngọc Hà,@REG@
'
F=$TMP/invisible.csv
# refuses_invisible DESC FIELD-AS-NAMED ARGS...: exit 65 and that one message
refuses_invisible() {
	desc=$1 want=$2; shift 2
	mc "$@"
	got="$rc $(head -n 1 "$TMP/err")"
	if [ "$got" = "65 $want" ]; then ok "$desc: refused, named"
	else not_ok "$desc: got \"$got\", want \"65 $want\""; fi
}
snap
for u in 200B FEFF 202E 2066 2069 2028 2029; do
	c=$(printf '%b' "$(printf '\\%03o' $(printf '%s' "$u" | awk '{
		cp = 0; for (i = 1; i <= length($0); i++) cp = cp * 16 + index("0123456789ABCDEF", substr($0, i, 1)) - 1
		printf "%d %d %d", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64 }'))")
	V="Lê${c}Văn"
	printf '%s\n' "$options" | while IFS='|' read -r field args; do
		[ -n "$field" ] || continue
		eval "set -- $args"
		refuses_invisible "U+$u in $field: $args" "motcua: $field: contains the invisible character U+$u" "$@"
	done
	printf '%s\n' "$files" | while IFS='|' read -r field cmd header row; do
		[ -n "$field" ] || continue
		printf '%s\n%s\n' "$header" "$row" | sed -e "s|@V@|$V|" \
			-e '1s|@REG@|registered_on,sex,date_of_birth|' -e '2s|@REG@|02/06/2019,Nam,30/05/2019|' >"$F"
		eval "set -- $cmd"
		case $field:$cmd in
		reason:*) want="motcua: reason: contains the invisible character U+$u" ;;
		*) want="$F:2: $field: contains the invisible character U+$u" ;;
		esac
		refuses_invisible "U+$u in CSV column $field: $cmd" "$want" "$@"
	done
done
unchanged "invisible characters"
if [ -e "$TMP/new.db" ]; then not_ok "a refused init left a database"
else ok "a refused init leaves no database"; fi
# A byte-order mark is the file's, at its very start only.
B=$(printf '\357\273\277')
printf '%sdate,name\n2026-06-03,Nghỉ bù\n' "$B" >"$F"
expect_code 0 "a holiday file that starts with a BOM" holiday import "$F"
printf 'date,name\n%s2026-06-04,Nghỉ bù\n' "$B" >"$F"
expect_code 65 "a BOM at the start of a later line" holiday import "$F"
expect_err "is no date" "$F:2: date: \"\\xEF\\xBB\\xBF2026-06-04\" is not a valid date
motcua: $F: 1 bad row; nothing imported"
printf '%s%sdate,name\n2026-06-04,Nghỉ bù\n' "$B" "$B" >"$F"
expect_code 65 "a second BOM after the first" holiday import "$F"
expect_err "is part of the first column's name" "motcua: $F:1: unknown column \"\\xEF\\xBB\\xBFdate\"; the columns are: date, name, kind"
# qr print --text encodes any text and stores nothing: it keeps them.
expect_code 0 "qr print --text with a zero-width space" qr print --text "a$(printf '\342\200\213')b" -t ascii
# Error messages that quote a refused value show such characters escaped.
expect_code 65 "a phone with a right-to-left override" dossier new --procedure 2.000635 \
	--applicant A --phone "$(printf '0912\342\200\256345678')"
expect_err "is quoted escaped" 'motcua: phone: "0912\xE2\x80\xAE345678" is not a Vietnamese phone number (mobile 0[35789]xxxxxxxx or landline 02xxxxxxxxx)'

# 7. Probing codes with lookup PINs: a wrong PIN and an unknown code give
# the same message (but for the code typed) and the same exit status.
pin=$(sqlite3 "$MOTCUA_DB" "select pin from dossiers where code = '$C'")
wrong=$(printf '%s' "$pin" | tr '0-9A-Z' '1-9A-Z0')
unknown=$(printf '%s' "$C" | sed 's/-[0-9]*$/-9999/')
url="https://dichvucong.binhduong.gov.vn/tra-cuu?ma="
mc dossier status "$url$C&pin=$wrong"
wrong_pin="$rc $(sed "s|$C|CODE|" "$TMP/err")"
mc dossier status "$url$unknown&pin=$pin"
no_code="$rc $(sed "s|$unknown|CODE|" "$TMP/err")"
expect_eq "a wrong PIN and an unknown code: one answer" "$wrong_pin" "$no_code"
expect_eq "which is exit 1 and this" "1 motcua: no dossier CODE with this PIN" "$no_code"
expect_code 0 "the right PIN in lower case finds it" -q dossier status "$url$C&pin=$(printf '%s' "$pin" | tr 'A-Z' 'a-z')"
expect_out "the dossier" "$C"
