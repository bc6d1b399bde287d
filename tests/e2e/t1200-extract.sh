#!/bin/sh
# extract birth|marriage|death: certified extract copies, their serials,
# fees and log, the link to a dossier, and report extracts.
. "$(dirname "$0")/../lib.sh"
init_office
R=$FIXTURES/registers
q() { sqlite3 "$MOTCUA_DB" "$1"; }
for k in birth marriage death; do
	case $k in birth) f=births-roundtrip.csv ;; marriage) f=marriages.csv ;; death) f=deaths.csv ;; esac
	"$MOTCUA" register import $k "$R/$f" >/dev/null 2>&1 || not_ok "import $f"
done

# ---- the text form ----

expect_code 0 "extract birth BOOK NUMBER" extract birth 01/2019 1 --requester "Nguyễn Văn Hùng" --copies 2
# The form, then its signed QR code (from its first line of quiet zone).
cp "$TMP/out" "$TMP/tlks.txt"
first=$(grep -n -m1 -e '▀' -e '▄' -e '█' "$TMP/tlks.txt" | cut -d: -f1)
head -n $((first - 2)) "$TMP/tlks.txt" >"$TMP/out"
# (a training copy's mark above it, as on every document of a test database)
expect_out "prints the extract copy form, in Vietnamese, the date of birth also in words" \
"               *** BẢN THỬ NGHIỆM — không có giá trị sử dụng ***

         UBND PHƯỜNG VĨNH PHÚ             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
          Số: 1/2026/TLKS-BS                 Độc lập - Tự do - Hạnh phúc
                                             ───────────────────────────

                              TRÍCH LỤC KHAI SINH
                                   (BẢN SAO)

Họ, chữ đệm, tên: NGUYỄN VĂN ĐỨC
Ngày, tháng, năm sinh: 12/03/2019
                       ghi bằng chữ: ngày mười hai tháng ba năm hai nghìn không
                       trăm mười chín
Giới tính: Nam
Dân tộc: Kinh    Quốc tịch: Việt Nam
Nơi sinh: Bệnh viện Đa khoa tỉnh Bình Dương, Thủ Dầu Một
Quê quán: xã Nghĩa Hưng, huyện Nghĩa Hưng, tỉnh Nam Định
Số định danh cá nhân: 074219001234

Họ, chữ đệm, tên người mẹ: TRẦN THỊ MAI
Năm sinh: 1990
Dân tộc: Kinh    Quốc tịch: Việt Nam
Nơi cư trú: số 12, khu phố 3, phường Vĩnh Phú

Họ, chữ đệm, tên người cha: NGUYỄN VĂN HÙNG
Năm sinh: 1988
Dân tộc: Kinh    Quốc tịch: Việt Nam
Nơi cư trú: số 12, khu phố 3, phường Vĩnh Phú

Người đi đăng ký khai sinh: Nguyễn Văn Hùng
Đăng ký khai sinh tại UBND phường Vĩnh Phú, Số 1, Quyển số 01/2019, ngày
                      15/03/2019
Người thực hiện: Trần Thị Thu Hà
Ghi chú: =1+2

                                                   Sao từ Sổ đăng ký khai sinh
                                           Vĩnh Phú, ngày 29 tháng 04 năm 2026
                                              NGƯỜI KÝ BẢN SAO TRÍCH LỤC
                                            (Ký, ghi rõ họ, chữ đệm, tên,
                                                 chức vụ và đóng dấu)


"
expect_eq "the issue is logged: who, when, to whom, copies, fee = copies x 8000" \
	"birth|2026|1|1/2026/TLKS-BS|lan|1777428000|Nguyễn Văn Hùng|2|16000|" \
	"$(q "select kind, year, seq, serial, clerk, issued_at, requester, copies, fee, dossier from extracts")"

# ---- serials: per kind and per year of issue ----

expect_code 0 "a second birth extract" -q extract birth 01/2019 2 --requester "Trần Thị Lan" -o "$TMP/q.txt"
expect_out "-q prints the serial only" "2/2026/TLKS-BS"
expect_code 0 "a marriage extract" -q extract marriage 01/2020 1 --requester "Lê Thị Hoa" -o "$TMP/q.txt"
expect_out "has its own series" "1/2026/TLKH-BS"
expect_code 0 "a death extract" -q extract death 01/2021 1 --requester "Nguyễn Văn Hùng" -o "$TMP/q.txt"
expect_out "too" "1/2026/TLKT-BS"
MOTCUA_NOW="2027-01-04T08:00:00+07:00" "$MOTCUA" -q extract birth 01/2019 1 --requester X -o "$TMP/q.txt" >"$TMP/out" 2>&1
expect_eq "a new year starts again from 1" "1/2027/TLKS-BS" "$(cat "$TMP/out")"
MOTCUA_NOW="2026-12-31T23:30:00+07:00" "$MOTCUA" -q extract birth 01/2019 1 --requester X -o "$TMP/q.txt" >"$TMP/out" 2>&1
expect_eq "the year is the office's (23:30 on 31/12 at +07:00, 16:30 UTC)" "3/2026/TLKS-BS" "$(cat "$TMP/out")"

# ---- fees ----

"$MOTCUA" config set extract_fee 10000 >/dev/null
expect_code 0 "--copies 3 --format json -o FILE" extract death 01/2021 1 --requester "Nguyễn Văn Hùng" \
	--copies 3 --format json -o "$TMP/q.txt"
expect_eq "the fee is copies x extract_fee" "2/2026/TLKT-BS 3 30000 Nguyễn Văn Đức 01/2021 1 lan" \
	"$(jq -r '"\(.serial) \(.copies) \(.fee) \(.name) \(.book) \(.number) \(.clerk)"' "$TMP/out")"
expect_eq "and the entry is in it" "2021-02-03 09:05" "$(jq -r '"\(.entry.died_on) \(.entry.died_at_time)"' "$TMP/out")"
expect_code 2 "--copies 0" extract birth 01/2019 1 --requester X --copies 0
expect_code 2 "--copies 100" extract birth 01/2019 1 --requester X --copies 100

# ---- finding the entry ----

expect_code 0 "--id-number" -q extract birth --id-number "074 219 001 234" --requester X -o "$TMP/q.txt"
expect_out "finds the entry of that person" "4/2026/TLKS-BS"
expect_eq "(entry 1 of 01/2019)" "01/2019|1" \
	"$(q "select b.book, b.number from extracts x join births b on b.id = x.entry_id where serial = '4/2026/TLKS-BS'")"
expect_code 0 "--id-number of a wife" -q extract marriage --id-number 079195003333 --requester X -o "$TMP/q.txt"
expect_out "finds her marriage" "2/2026/TLKH-BS"
expect_code 1 "an ID number in no entry" extract birth --id-number 079000000000 --requester X
expect_err "is not found" 'motcua: no birth entry matches "079000000000"'
expect_code 65 "a malformed ID number" extract birth --id-number 1234 --requester X
expect_code 0 "--search with one match" -q extract birth --search "le minh khang" --requester X -o "$TMP/q.txt"
expect_out "issues it" "5/2026/TLKS-BS"
before=$(db_snapshot)
expect_code 1 "--search with several matches" extract birth --search "tran" --requester X
expect_out "lists them" \
"KIND     BOOK         NO.  NAME                        BORN        PARENTS, SPOUSE OR DEATH
birth    01/2019        2  Trần Thị Bích Ngọc          2019-04-01  Trần Thị Lan
birth    01/2019        1  Nguyễn Văn Đức              2019-03-12  Nguyễn Văn Hùng, Trần Thị Mai"
expect_err "and issues nothing" "motcua: 2 birth entries match; nothing issued: give the BOOK NUMBER of one"
expect_code 1 "--search with no match" extract death --search "tran van" --requester X
expect_code 1 "an entry that is not there" extract birth 01/2019 9 --requester X
expect_err "is not found" "motcua: no birth entry 9 in book 01/2019"
expect_code 2 "no entry given" extract birth --requester X
expect_err "is a usage error" "motcua: give BOOK NUMBER, --id-number N or --search QUERY
usage: motcua extract birth (BOOK NUMBER | --id-number N | --search QUERY) [--copies N] [--requester NAME] [--dossier CODE] [--preview] [--slip text|pdf|png] [-o FILE | --print[=PRINTER]]"
expect_code 2 "BOOK NUMBER and --search" extract birth 01/2019 1 --search tran --requester X
expect_code 2 "BOOK without NUMBER" extract birth 01/2019 --requester X
expect_code 2 "--slip doc" extract birth 01/2019 1 --requester X --slip doc
expect_err "is a usage error" 'motcua: --slip: "doc" is not text, pdf or png
usage: motcua extract birth (BOOK NUMBER | --id-number N | --search QUERY) [--copies N] [--requester NAME] [--dossier CODE] [--preview] [--slip text|pdf|png] [-o FILE | --print[=PRINTER]]'
expect_code 65 "no requester and no dossier" extract birth 01/2019 1
expect_err "says who may be named" "motcua: requester: give --requester NAME or --dossier CODE"
expect_eq "none of these issued anything" "$before" "$(db_snapshot)"

# ---- -o FILE, and output that fails ----

expect_code 0 "--slip text -o FILE" extract marriage 01/2020 2 --requester "Phạm Thị Ngọc Ánh" \
	--slip text -o "$TMP/tlkh.txt"
expect_out "says what it wrote" "3/2026/TLKH-BS: 1 copy, fee 10000 VND, written to $TMP/tlkh.txt"
expect_grep "the file has the form" "                               TRÍCH LỤC KẾT HÔN" "$TMP/tlkh.txt"
expect_grep "with both spouses" "Họ, chữ đệm, tên vợ: PHẠM THỊ NGỌC ÁNH" "$TMP/tlkh.txt"
expect_grep "the dates of birth in words" "ghi bằng chữ: ngày một tháng một năm một nghìn chín trăm" "$TMP/tlkh.txt"
expect_grep "where and when it was registered" \
	"Đăng ký kết hôn tại UBND phường Vĩnh Phú, Số 2, Quyển số 01/2020, ngày" "$TMP/tlkh.txt"
before=$(db_snapshot)
if [ -w /dev/full ]; then
	expect_code 74 "a full disk" extract birth 01/2019 1 --requester X -o /dev/full
	expect_eq "issues nothing: the serial is not used" "$before" "$(db_snapshot)"
	"$MOTCUA" extract birth 01/2019 1 --requester X >/dev/full 2>"$TMP/err"
	expect_eq "a full standard output is exit 74 too" "74" "$?"
	expect_err "told with the system's reason" "motcua: standard output: write error: No space left on device"
	expect_eq "and issues nothing" "$before" "$(db_snapshot)"
fi
expect_code 73 "a file that cannot be created" extract birth 01/2019 1 --requester X -o "$TMP/no/x.txt"
expect_eq "issues nothing either" "$before" "$(db_snapshot)"
expect_code 0 "the death form" extract death 01/2021 1 --requester "Nguyễn Văn Hùng"
expect_grep "has the time and date of death, in words too" \
	"Đã chết vào lúc: 09 giờ 05 phút, ngày 03/02/2021" "$TMP/out"
expect_grep "(the words)" "ghi bằng chữ: ngày ba tháng hai năm hai nghìn không trăm hai" "$TMP/out"
expect_grep "and the cause" "Nguyên nhân chết: Già yếu" "$TMP/out"

# ---- a dossier that asked for the extract ----

code=$("$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn Hùng" --phone 0912345678 </dev/null)
"$MOTCUA" dossier update "$code" --status processing >/dev/null
expect_code 0 "--dossier CODE" -q extract birth 01/2019 1 --dossier "$code" -o "$TMP/q.txt"
expect_out "issues the extract" "6/2026/TLKS-BS"
expect_eq "for the dossier's applicant, linked to it" "Nguyễn Văn Hùng|$code" \
	"$(q "select requester, dossier from extracts where serial = '6/2026/TLKS-BS'")"
mc dossier status "$code" --format json
expect_eq "the dossier is done, its history says which extract" "done|Trích lục 6/2026/TLKS-BS|lan" \
	"$(jq -r '"\(.status)|\(.history[-1].note)|\(.history[-1].clerk)"' "$TMP/out")"
before=$(db_snapshot)
expect_code 65 "a second extract for a done dossier" -q extract death 01/2021 1 --dossier "$(echo "$code" | tr A-Z a-z)" -o "$TMP/q.txt"
expect_err "is refused: the dossier is no longer open" \
	"motcua: dossier: $code is done, no longer open: an extract answers a dossier still being worked on"
expect_eq "(nothing issued)" "$before" "$(db_snapshot)"
code2=$("$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Lê Thị Hoa" </dev/null)
"$MOTCUA" dossier update "$code2" --status supplement --reason "thiếu tờ khai" >/dev/null
before=$(db_snapshot)
expect_code 65 "a dossier waiting for papers" extract marriage 01/2020 1 --dossier "$code2"
expect_err "cannot move to done: nothing is issued" \
	"motcua: status: dossier $code2 cannot move from supplement to done (allowed: processing, withdrawn, stopped)"
expect_code 1 "an unknown dossier" extract marriage 01/2020 1 --dossier 000.00.22.H12-260429-0099
"$MOTCUA" procedure add --code 2.000999 --name "Trích lục khai tử" --days 1 --kind death >/dev/null
code3=$("$MOTCUA" -q dossier new --procedure 2.000999 --applicant "Lê Văn Tám" </dev/null)
before=$(db_snapshot)
expect_code 65 "a dossier for another kind of extract" extract birth 01/2019 1 --dossier "$code3"
expect_err "is refused" \
	"motcua: dossier: $code3 is for procedure 2.000999, an extract of the death register, not the birth register"
expect_eq "and nothing changed" "$before" "$(db_snapshot)"

# ---- report extracts ----

expect_code 0 "report extracts" report extracts
expect_out "counts issues, copies and fees per day up to today, with a total" \
"DATE        BIRTH  MARRIAGE  DEATH  ISSUES  COPIES       FEES  VOID  VOID FEES
2026-04-29      5         3      3      11      14     130000     0          0
TOTAL           5         3      3      11      14     130000     0          0"
expect_code 0 "report extracts --to" report extracts --from 2026-01-01 --to 2026-12-31 --format csv
expect_out "as CSV for a period" "date,birth,marriage,death,issues,copies,fees,voided,voided_fees
2026-04-29,5,3,3,11,14,130000,0,0
2026-12-31,1,0,0,1,1,8000,0,0"
expect_code 0 "report extracts --format json" report extracts --from 30/04/2026 --to 2027-12-31 --format json
expect_eq "as JSON" "2026-04-30 2027-12-31 2 1 16000" \
	"$(jq -r '"\(.from) \(.to) \(.days | length) \(.days[1].issues) \(.total.fees)"' "$TMP/out")"
expect_code 0 "a period without extracts" report extracts --from 2025-01-01 --to 2025-12-31
expect_out "has a zero total" "DATE        BIRTH  MARRIAGE  DEATH  ISSUES  COPIES       FEES  VOID  VOID FEES
TOTAL           0         0      0       0       0          0     0          0"
expect_code 2 "a bad date" report extracts --from 2026-13-01
expect_err "is named with its option" 'motcua: --from: "2026-13-01" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)'
sqlite3 "$MOTCUA_DB" "delete from extracts" >"$TMP/out" 2>&1
expect_grep "the log refuses changes behind the program's back" "the extract log is append-only" "$TMP/out"

# ---- the signed QR code, on the text form and on paper ----

if "$HELPERS/halfblock2png" "$TMP/tlks.png" <"$TMP/tlks.txt" 2>"$TMP/h.err"; then
	zbarimg --raw -q "$TMP/tlks.png" >"$TMP/payload" 2>/dev/null
	expect_code 0 "the text form's QR code verifies" qr verify "$(cat "$TMP/payload")"
	expect_grep "as this office's extract" "genuine: signed by this office" "$TMP/out"
	expect_grep "of that entry" "  register:    book 01/2019, number 1" "$TMP/out"
	expect_grep "and that issue" "  serial:      1/2026/TLKS-BS" "$TMP/out"
else
	not_ok "no QR code found on the text form: $(cat "$TMP/h.err")"
fi
expect_code 0 "--slip pdf -o FILE" extract birth 01/2019 1 --requester "Nguyễn Văn Hùng" \
	--slip pdf -o "$TMP/tlks.pdf"
pdftotext "$TMP/tlks.pdf" "$TMP/tlks-pdf.txt"
expect_grep "the PDF has the title" "TRÍCH LỤC KHAI SINH" "$TMP/tlks-pdf.txt"
expect_grep "the name with its marks" "NGUYỄN VĂN ĐỨC" "$TMP/tlks-pdf.txt"
expect_grep "the date of birth in words" "ghi bằng chữ: ngày mười hai tháng ba năm hai nghìn không trăm mười chín" "$TMP/tlks-pdf.txt"
expect_eq "every font embedded" "" "$(pdffonts "$TMP/tlks.pdf" | tail -n +3 | awk '$(NF-4) != "yes"')"
pdftoppm -r 150 -png "$TMP/tlks.pdf" "$TMP/tlks-page"
zbarimg --raw -q "$TMP"/tlks-page*.png >"$TMP/payload" 2>/dev/null
expect_code 0 "the PDF's QR code verifies" qr verify "$(cat "$TMP/payload")"
expect_eq "with its own serial" "1" "$(grep -cE '^  serial: +[0-9]+/2026/TLKS-BS$' "$TMP/out")"
expect_code 0 "--slip png -o FILE" -q extract birth 01/2019 1 --requester X --slip png -o "$TMP/tlks.png"
zbarimg --raw -q "$TMP/tlks.png" >"$TMP/payload" 2>/dev/null
expect_code 0 "the PNG's QR code verifies" qr verify "$(cat "$TMP/payload")"

# ---- -o FILE without --slip: the file's ending says the form ----

expect_code 0 "-o FILE.pdf without --slip" extract marriage 01/2020 1 --requester "Lê Thị Hoa" \
	-o "$TMP/by-name.pdf"
serial=$(sqlite3 "$MOTCUA_DB" "select serial from extracts order by rowid desc limit 1")
expect_out "says what it wrote" "$serial: 1 copy, fee 10000 VND, written to $TMP/by-name.pdf"
expect_eq "a PDF (file(1))" "PDF document" "$(file -b "$TMP/by-name.pdf" | cut -d, -f1)"
expect_eq "starting with %PDF-" "%PDF-" "$(head -c 5 "$TMP/by-name.pdf")"
pdftotext "$TMP/by-name.pdf" "$TMP/by-name-pdf.txt"
expect_grep "whose text is the extract's" "TRÍCH LỤC KẾT HÔN" "$TMP/by-name-pdf.txt"
expect_grep "with its serial" "Số: $serial" "$TMP/by-name-pdf.txt"
expect_grep "and both spouses" "Họ, chữ đệm, tên vợ: LÊ THỊ HOA" "$TMP/by-name-pdf.txt"
expect_code 0 "-o FILE.png without --slip" -q extract death 01/2021 1 --requester X \
	-o "$TMP/by-name.png"
serial=$(cat "$TMP/out")
expect_eq "a PNG (file(1))" "PNG image data" "$(file -b "$TMP/by-name.png" | cut -d, -f1)"
expect_eq "with the PNG signature" "89504e470d0a1a0a" "$(head -c 8 "$TMP/by-name.png" | od -An -tx1 | tr -d ' \n')"
zbarimg --raw -q "$TMP/by-name.png" >"$TMP/payload" 2>/dev/null
expect_code 0 "whose QR code verifies" qr verify "$(cat "$TMP/payload")"
expect_grep "as that extract" "  serial:      $serial" "$TMP/out"
expect_code 0 "-o FILE.txt without --slip" extract birth 01/2019 2 --requester X -o "$TMP/by-name.txt"
expect_eq "is text (file(1))" "UTF-8 text" "$(file -b "$TMP/by-name.txt" | sed 's/.*, //')"
expect_grep "the text form" "                              TRÍCH LỤC KHAI SINH" "$TMP/by-name.txt"
before=$(db_snapshot)
expect_code 73 "-o FILE.pdf that cannot be created" extract birth 01/2019 1 --requester X \
	-o "$TMP/no/x.pdf"
expect_eq "issues nothing" "$before" "$(db_snapshot)"
