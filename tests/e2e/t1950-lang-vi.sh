#!/bin/sh
# One language per screen, in Vietnamese: a day at the counter under
# LANGUAGE=vi shows no English word in text for people (statuses, outbox
# states, holiday kinds, labels, fields, prose), dates as dd/mm/yyyy and
# amounts as "8.000 đ"; JSON, CSV and -q stay byte for byte as under C.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/lang-session.sh"

LANGUAGE=vi
export LANGUAGE
lang_session

# The English words of the program's text for people (status, event,
# state and holiday names, column titles, labels, the words of its
# sentences), matched as whole words in any letter case. Weekdays are
# checked on the holiday list below: "Thu" is also a Vietnamese name and
# "mon-fri" a setting's value.
cat >"$TMP/english" <<'EOF'
received
processing
supplement
payment
done
returned
rejected
withdrawn
stopped
cancelled
rescheduled
pending
failed
sent
dropped
overdue
late
holiday
makeup
office
workday
tue
wed
sun
status
due
procedure
applicant
phone
code
date
fee
fees
total
history
reason
note
name
kind
book
number
serial
issued
void
clerk
copies
requester
reprints
amend
born
died
days
day
working
dossier
dossiers
entry
imported
skipped
written
printer
copy
the
is
of
and
with
needs
moving
cannot
allowed
since
all
rate
checked
rows
records
chain
such
file
directory
permission
denied
birth
full_name
date_of_birth
registered_on
father_birth_year
father_name
id_number
code
days
EOF
human_text >"$TMP/text"
if grep -n -i -w -F -f "$TMP/english" "$TMP/text" >"$TMP/found"; then
	not_ok "English words in Vietnamese text for people"
	sed 's/^/#   /' "$TMP/found" | head -20
else
	ok "no English word in the text of $(grep -c '^### exit' "$TMP/human") commands"
fi

# The word list finds what it is meant to: the same session under C.
(
	unset LANGUAGE
	MOTCUA_DB="$TMP/c/motcua.db"
	TMP_SAVE=$TMP
	mkdir -p "$TMP/c"
	TMP=$TMP/c
	lang_session
	human_text >"$TMP/text"
	n=$(grep -c -i -w -F -f "$TMP_SAVE/english" "$TMP/text")
	if [ "$n" -gt 50 ]; then ok "the same session under C has English ($n lines): the check can fail"
	else not_ok "the word list finds only $n English lines under C"; fi
)

# What a clerk sees, exactly.
expect_grep "the status heading is the official label" \
	"000.00.22.H12-260429-0001  Đã tiếp nhận" "$TMP/human"
expect_grep "a list shows the status's Vietnamese word and dd/mm/yyyy" \
	"000.00.22.H12-260429-0001  bổ sung    29/04/2026 09:00  29/04/2026 17:00   Nguyễn Văn An" "$TMP/human"
expect_grep "history: status word, reason label" \
	"    29/04/2026 09:00  bổ sung    lan  lý do: thiếu tờ khai" "$TMP/human"
expect_grep "an amended field by its Vietnamese name" \
	"      điện thoại: 0987654321 -> 0987654322" "$TMP/human"
expect_grep "a missing reason names the option typed, in Vietnamese" \
	"motcua: --reason: chuyển sang bổ sung phải có lý do" "$TMP/human"
expect_grep "a refused move: words, and the values --status takes" \
	"(được phép: đang xử lý (processing), đã rút (withdrawn), dừng xử lý (stopped))" "$TMP/human"
expect_grep "a bad phone number names --phone" \
	"motcua: --phone: \"0123456789\" không phải là số điện thoại Việt Nam" "$TMP/human"
expect_grep "the terminal's list counts late working days in Vietnamese" \
	"trễ 39 ngày làm việc" "$TMP/human"
expect_grep "holiday kinds and weekdays in Vietnamese" \
	"27/04/2026 T2  nghỉ bù  Nghỉ bù Giỗ Tổ Hùng Vương" "$TMP/human"
expect_grep "outbox states and events in Vietnamese" \
	"     2  lỗi gửi     1  tiếp nhận   29/04/2026 09:00  0987654322" "$TMP/human"
expect_grep "fees as Vietnamese amounts" \
	"2.000635      0  8.000 đ  Cấp bản sao trích lục hộ tịch" "$TMP/human"
expect_grep "an extract's fee in its message" \
	"1/2026/TLKS-BS: 1 bản, lệ phí 8.000 đ, đã ghi ra $TMP/extract.pdf" "$TMP/human"
expect_grep "a register's dates as dd/mm/yyyy" \
	"  Ngày đăng ký                15/03/2019" "$TMP/human"
expect_grep "the report's time as dd/mm/yyyy" \
	"Tất cả hồ sơ, số liệu tính đến 29/04/2026 09:00" "$TMP/human"
expect_grep "a missing file: the system's reason in Vietnamese" \
	"motcua: $TMP/none.csv: không có tệp hoặc thư mục này" "$TMP/human"

# A field is named as it was typed: an option, or a CSV column after
# "cột"; a value with no name to type, by its Vietnamese word.
expect_grep "a holiday's --name" \
	"motcua: --name: văn bản không hợp lệ (UTF-8, một dòng, tối đa 90 ký tự)" "$TMP/human"
expect_grep "a holiday file's date column" \
	"$TMP/holidays-bad.csv:2: cột date: \"2026-02-31\" không phải là ngày hợp lệ" "$TMP/human"
expect_grep "a holiday file's name column" \
	"$TMP/holidays-bad.csv:3: cột name: có ký tự ẩn U+200B" "$TMP/human"
expect_grep "a procedure's --code" \
	"motcua: --code: \"2 000\" không phải là mã thủ tục" "$TMP/human"
expect_grep "a procedure file's days column" \
	"$TMP/procedures-bad.csv:2: cột days: \"ba\" không phải là số ngày làm việc (0 đến 365)" "$TMP/human"
expect_grep "a register file's column" \
	"births-bad.csv:13: cột father_birth_year: có giá trị nhưng thiếu cột father_name" "$TMP/human"
expect_grep "a register file's number column, and the column that differs" \
	"births-bad.csv:19: cột number: số 15, quyển số 01/2019 đã có trong sổ với cột full_name là" "$TMP/human"
expect_grep "an entry's number typed as an argument: its word" \
	"motcua: số: \"abc\" không phải là số đăng ký (1 đến 999999)" "$TMP/human"
expect_grep "an entry's book typed as an argument: its word" \
	"motcua: quyển số: có ký tự ẩn U+200B" "$TMP/human"
expect_grep "register add names its options" \
	"motcua: --full-name: \"Lê Văn 2\" không phải là họ tên hợp lệ" "$TMP/human"
expect_grep "both options of a rule between two fields" \
	"motcua: --father-birth-year: có giá trị nhưng thiếu --father-name" "$TMP/human"
expect_grep "an extract's --id-number" \
	"motcua: --id-number: \"12345\" không phải là số định danh cá nhân" "$TMP/human"
expect_grep "init names the option whose value differs" \
	"motcua: $MOTCUA_DB: đã được thiết lập với --unit-name khác" "$TMP/human"
expect_grep "config set names the key it was given, in a sentence" \
	"motcua: thiết lập office_hours: \"frob\" không phải là giờ làm việc, ví dụ 07:30-17:00" "$TMP/human"
expect_grep "notify mark names --error" \
	"motcua: --error: có ký tự ẩn U+200B" "$TMP/human"
expect_grep "dossier note's TEXT, an argument, by its word" \
	"motcua: ghi chú: có ký tự ẩn U+200B" "$TMP/human"
head -c 5000 /dev/zero | tr '\0' x | "$MOTCUA" qr verify - >"$TMP/out" 2>"$TMP/err"
expect_eq "a payload too long to verify" 65 "$?"
expect_err "is named by its Vietnamese words" \
	"motcua: nội dung mã QR: dài hơn 4096 byte; đây không phải nội dung của một mã QR"
printf 'date,name,kind\n2026-05-07,Nghỉ,vacation\n' >"$TMP/kind.csv"
expect_code 65 "a holiday kind that is not one" holiday import "$TMP/kind.csv"
expect_err "its column in a sentence, the kinds to type as they are typed" \
"$TMP/kind.csv:2: cột kind: \"vacation\" không phải là holiday hoặc workday
motcua: $TMP/kind.csv: 1 dòng bị lỗi; không nhập dòng nào"

# A value that --status must be given stays the literal the user types.
expect_code 2 "an unknown status" dossier update "$c1" --status frobbed
expect_err "the statuses to type, in a Vietnamese sentence" \
"motcua: --status: \"frobbed\" không phải là received, processing, supplement, payment, done, returned, rejected, withdrawn, stopped hoặc cancelled"

# The audit log keeps its records as they are, with people's dates.
mc audit log "$c1"
expect_eq "the audit log's times as dd/mm/yyyy" "29/04/2026 09:00" \
	"$(sed -n '1s/^ *[0-9]*  \([0-9/]* [0-9:]*\) .*/\1/p' "$TMP/out")"

# Machines read the same bytes in every language.
machine_outputs "$TMP/machine.vi"
(unset LANGUAGE; machine_outputs "$TMP/machine.c")
if cmp -s "$TMP/machine.c" "$TMP/machine.vi"; then
	ok "JSON, CSV and -q are the same under LANGUAGE=vi and C"
else
	not_ok "JSON, CSV or -q changed with the language"
	diff -u "$TMP/machine.c" "$TMP/machine.vi" | sed 's/^/#   /' | head -20
fi
expect_grep "JSON keeps the status code" '"status":"received"' "$TMP/machine.vi"
expect_grep "-q keeps ISO dates and codes" "2026-01-01 T5  holiday  Tết Dương lịch" "$TMP/machine.vi"
expect_grep "CSV keeps plain amounts" "2.000635,Cấp bản sao trích lục hộ tịch,0,8000" "$TMP/machine.vi"
