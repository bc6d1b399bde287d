#!/bin/sh
# The clock and back-dated receipts: only a training copy takes its time
# from MOTCUA_NOW and says so on every document; a real register refuses
# it; codes stay unique whatever dates are typed, --received-at is
# bounded, and a broken rule of the schema is said in words.
. "$(dirname "$0")/../lib.sh"

MARK="BẢN THỬ NGHIỆM — không có giá trị sử dụng"
PAPER=
[ -e "$MOTCUA_MODULEDIR/motcua-paper.so" ] && PAPER=yes

# dark_rows PPM FIRST LAST: how many pixels are dark in rows FIRST..LAST
# of the picture (the top margin of a page).
dark_rows() {
	python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
f = d.split(maxsplit=4)
w, h = int(f[1]), int(f[2])
px = f[4]
a, b = int(sys.argv[2]), int(sys.argv[3])
print(sum(1 for i in range(a * w * 3, (b + 1) * w * 3, 3) if px[i] < 128))' "$@"
}

# ---- a real register: the clock is the machine's ----
REAL="$TMP/real/motcua.db"
real() { env -u MOTCUA_NOW MOTCUA_DB="$REAL" "$MOTCUA" "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?; }

MOTCUA_DB=$REAL expect_code 2 "init of a real register refuses a set clock" \
	init --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú"
expect_err "naming MOTCUA_NOW and init --training" \
"motcua: MOTCUA_NOW is set, but $REAL is a real register, whose times must be true: unset MOTCUA_NOW (only a database made with 'motcua init --training' takes its clock from it)"
expect_eq "and leaves no database behind" "no" "$(test -e "$REAL" && echo yes || echo no)"

real init --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú"
expect_eq "without it, init sets up a real register" \
	"0 $REAL: set up for UBND phường Vĩnh Phú (000.00.22.H12)" "$rc $(cat "$TMP/out")"
real config get training
expect_eq "which is no training copy" "no" "$(cat "$TMP/out")"
real dossier new --procedure 2.000635 --applicant "Lê Thị Hoa"
cp "$TMP/out" "$TMP/real-slip.txt"
pcode=$(sed -n 's/.*Mã hồ sơ: \([^ ]*\).*/\1/p' "$TMP/real-slip.txt")
expect_eq "its receipt is numbered by today's date" \
	"000.00.22.H12-$(TZ=UTC-7 date +%y%m%d)-0001" "$pcode"
expect_eq "a real slip carries no training mark" "" "$(grep -F "BẢN THỬ NGHIỆM" "$TMP/real-slip.txt")"

MOTCUA_DB=$REAL db_snapshot >"$TMP/before.sql"
for cmd in "dossier new --procedure 2.000635 --applicant X" "dossier update $pcode --status processing" \
	"config list" "dossier status $pcode"; do
	# shellcheck disable=SC2086
	MOTCUA_DB=$REAL expect_code 2 "a real register refuses MOTCUA_NOW: $cmd" $cmd
done
expect_err "saying why and what to do" \
"motcua: MOTCUA_NOW is set, but $REAL is a real register, whose times must be true: unset MOTCUA_NOW (only a database made with 'motcua init --training' takes its clock from it)"
MOTCUA_DB=$REAL expect_code 2 "nor can init --training mark it with a set clock" \
	init --training --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú"
MOTCUA_DB=$REAL db_snapshot >"$TMP/after.sql"
expect_eq "and nothing changed" "" "$(diff "$TMP/before.sql" "$TMP/after.sql")"
real config set training yes
expect_eq "config set cannot make it a training copy" "65" "$rc"

# A copy of it, marked a training copy the one way there is: init
# --training with the true clock (for a training database made before
# the mark existed). It says so, the audit log records it, and it is for
# good.
COPY="$TMP/copy/motcua.db"
mkdir -p "$TMP/copy"
sqlite3 "$REAL" ".backup '$COPY'"
cp "${REAL%.db}.key" "${COPY%.db}.key"
copy() { env -u MOTCUA_NOW MOTCUA_DB="$COPY" "$MOTCUA" "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?; }
copy init --training --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú"
expect_eq "init --training marks an office set up before" \
	"0 $COPY: marked as a training copy, for good" "$rc $(cat "$TMP/out")"
expect_eq "audited" '{"value":"yes"}' \
	"$(sqlite3 "$COPY" "select change from audit_log where tbl = 'settings' and key = 'training'")"
copy init --training --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú"
expect_eq "once" "0 $COPY: already set up" "$rc $(cat "$TMP/out")"

# The same form from both: only the training copy's carries the mark.
real dossier form "$pcode" 01
expect_eq "a real reprint has no mark" "" "$(grep -F "BẢN THỬ NGHIỆM" "$TMP/out")"
copy dossier form "$pcode" 01
cp "$TMP/out" "$TMP/copy-form.txt"
expect_eq "a training copy's text form: the mark above and below" \
"               *** $MARK ***
               *** $MARK ***" "$(grep -F "BẢN THỬ NGHIỆM" "$TMP/copy-form.txt")"
expect_eq "as its first line" "               *** $MARK ***" "$(head -1 "$TMP/copy-form.txt")"
expect_eq "and its last" "               *** $MARK ***" "$(tail -1 "$TMP/copy-form.txt")"
if [ "$PAPER" ]; then
	real dossier form "$pcode" 01 -o "$TMP/real.pdf"
	copy dossier form "$pcode" 01 -o "$TMP/copy.pdf"
	expect_eq "a real PDF has no mark" "" "$(pdftotext "$TMP/real.pdf" - | grep -F "THỬ NGHIỆM")"
	expect_eq "a training PDF has it (pdftotext)" "$MARK" "$(pdftotext "$TMP/copy.pdf" - | tr -d "\f" | grep -F "THỬ NGHIỆM" | sort -u)"
	real dossier form "$pcode" 01 --slip png -o "$TMP/real.png"
	copy dossier form "$pcode" 01 --slip png -o "$TMP/copy.png"
	expect_eq "the PNGs differ" "yes" "$(cmp -s "$TMP/real.png" "$TMP/copy.png" || echo yes)"
	# The top margin (A5: 12 mm, 70 pixels at 150 dpi) is blank on a
	# real slip and holds the mark on a training one. No OCR here: the
	# PDF's text above says what the mark reads.
	if convert "$TMP/real.png" ppm:- >"$TMP/real.ppm" 2>/dev/null &&
	   convert "$TMP/copy.png" ppm:- >"$TMP/copy.ppm" 2>/dev/null; then
		expect_eq "a real PNG's top margin is blank" "0" "$(dark_rows "$TMP/real.ppm" 5 60)"
		expect_eq "a training PNG's top margin holds the mark" "yes" \
			"$([ "$(dark_rows "$TMP/copy.ppm" 5 60)" -gt 200 ] && echo yes)"
	fi
	expect_eq "its QR code still scans" "$pcode" \
		"$(zbarimg --raw -q "$TMP/copy.png" 2>/dev/null | sed 's/.*ma=\([^&]*\).*/\1/')"
fi

# ---- a training copy: back-dated receipts ----
init_office_on 2026-04-27T08:00:00+07:00
NEW="-q dossier new --procedure 2.000635 --applicant A"
new() { mc $NEW "$@"; }

MOTCUA_NOW=2026-04-28T09:00:00+07:00 new
expect_eq "a receipt on 28/04" "000.00.22.H12-260428-0001" "$(cat "$TMP/out")"
export MOTCUA_NOW=2026-05-04T09:00:00+07:00

db_snapshot >"$TMP/before.sql"
expect_code 65 "a receipt dated 1926 is refused" $NEW --received-at "1926-05-04 08:00"
expect_err "naming --received-at and the office's first day" \
	"motcua: received-at: 1926-05-04 08:00 is before the office's first day (2026-04-27)"
expect_code 65 "so is one before the office's first day" $NEW --received-at "2026-04-26 16:00"
"$MOTCUA" config set received_at_window_days 3 >/dev/null
expect_code 65 "or beyond received_at_window_days" $NEW --received-at "2026-04-30 16:00"
expect_err "naming the bound" \
	"motcua: received-at: 2026-04-30 16:00 is before 2026-05-01 (received_at_window_days: 3 days back)"
"$MOTCUA" config set received_at_window_days 30 >/dev/null
expect_code 65 "or in the future" $NEW --received-at "2026-05-04 09:01"
sed '/INSERT INTO audit_log/d; /INSERT INTO settings/d; /sqlite_sequence/d' "$TMP/before.sql" >"$TMP/b.sql"
db_snapshot | sed '/INSERT INTO audit_log/d; /INSERT INTO settings/d; /sqlite_sequence/d' >"$TMP/a.sql"
expect_eq "refused receipts change nothing" "" "$(diff "$TMP/b.sql" "$TMP/a.sql")"

new
expect_eq "today's receipts number from 0001" "000.00.22.H12-260504-0001" "$(cat "$TMP/out")"
new --received-at "2026-04-28 15:00"
expect_eq "a back-dated receipt continues that day's sequence" \
	"000.00.22.H12-260428-0002" "$(cat "$TMP/out")"
new
expect_eq "and today's go on" "000.00.22.H12-260504-0002" "$(cat "$TMP/out")"

# A register that already holds a code of another century (given by an
# older program): 05/05/1926 has the date part of 05/05/2026.
sqlite3 "$MOTCUA_DB" "INSERT INTO dossiers(code, unit_id, day, seq, pin, procedure, days,
	applicant, channel, delivery, status, received_at, due_at, clerk, updated_at)
	SELECT '000.00.22.H12-260505-0001', unit_id, day - 36524, 1, pin, procedure, days,
	applicant, channel, delivery, status, received_at - 36524 * 86400, due_at, clerk, updated_at
	FROM dossiers WHERE code = '000.00.22.H12-260504-0001'"
MOTCUA_NOW=2026-05-05T09:00:00+07:00 new
expect_eq "a day whose date part is taken continues its sequence" \
	"000.00.22.H12-260505-0002" "$(cat "$TMP/out")"
MOTCUA_NOW=2026-05-05T09:05:00+07:00 new
expect_eq "and keeps going" "000.00.22.H12-260505-0003" "$(cat "$TMP/out")"

# A code planted behind the program's back, out of its sequence: the
# schema's rule holds, said in words, not in SQLite's.
sqlite3 "$MOTCUA_DB" "INSERT INTO dossiers(code, unit_id, day, seq, pin, procedure, days,
	applicant, channel, delivery, status, received_at, due_at, clerk, updated_at)
	SELECT '000.00.22.H12-260505-0004', unit_id, day, 1, pin, procedure, days,
	applicant, channel, delivery, status, received_at, due_at, clerk, updated_at
	FROM dossiers WHERE code = '000.00.22.H12-260505-0003'"
MOTCUA_NOW=2026-05-05T09:10:00+07:00 expect_code 65 "a broken rule of the schema is bad data" $NEW
expect_err "said in words" \
	"motcua: dossiers: refused: the register already holds a row with the same key"

# ---- the training mark on a receipt slip ----
MOTCUA_NOW=2026-05-06T09:00:00+07:00 mc dossier new --procedure 2.000635 --applicant "Trần Văn B"
expect_eq "a training slip: the mark as its first line" "               *** $MARK ***" \
	"$(head -1 "$TMP/out")"
expect_eq "and its last" "               *** $MARK ***" "$(tail -1 "$TMP/out")"
if [ "$PAPER" ]; then
	MOTCUA_NOW=2026-05-06T09:05:00+07:00 mc dossier new --procedure 2.000635 \
		--applicant "Trần Văn C" --slip pdf -o "$TMP/slip.pdf"
	expect_eq "a training PDF slip: the mark first" "$MARK" \
		"$(pdftotext "$TMP/slip.pdf" - | head -1)"
fi
