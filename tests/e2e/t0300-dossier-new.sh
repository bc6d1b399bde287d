#!/bin/sh
# dossier new: codes, validation, the receipt slip and its QR code.
. "$(dirname "$0")/../lib.sh"
# Set up a week before: a receipt entered late may be dated back to it.
init_office_on 2026-04-22T08:00:00+07:00

# An option is given once: the helper's applicant unless the test names one.
new() {
	case " $* " in *" --applicant "*) ;; *) set -- --applicant "Nguyễn Văn A" "$@" ;; esac
	mc -q dossier new --procedure 2.000635 "$@"
}

new
expect_eq "the first code of the day" "000.00.22.H12-260429-0001" "$(cat "$TMP/out")"
new --phone 0912345678
expect_eq "the second" "000.00.22.H12-260429-0002" "$(cat "$TMP/out")"

before=$(db_snapshot)
expect_code 65 "a bad phone number" dossier new --procedure 2.000635 --applicant "B" --phone 0123456789
expect_err "is refused, naming the field" \
"motcua: phone: \"0123456789\" is not a Vietnamese phone number (mobile 0[35789]xxxxxxxx or landline 02xxxxxxxxx)"
expect_code 65 "a bad citizen ID" dossier new --procedure 2.000635 --applicant "B" --id-number 07912345
expect_err "is refused" "motcua: id_number: \"07912345\" is not a citizen ID number (12-digit CCCD or 9-digit CMND)"
expect_code 2 "a bad date" dossier new --procedure 2.000635 --applicant "B" --received-at "31/02/2026 09:00"
expect_err "is refused" "motcua: --received-at: \"31/02/2026 09:00\" is not a date and time (YYYY-MM-DD HH:MM)"
expect_code 65 "an unknown procedure" dossier new --procedure 9.999999 --applicant "B"
expect_err "is refused" "motcua: procedure \"9.999999\" is not in the catalogue"
expect_code 65 "an empty applicant" dossier new --procedure 2.000635 --applicant "   "
expect_err "is refused" "motcua: applicant: must not be empty"
expect_code 65 "a receipt in the future" dossier new --procedure 2.000635 --applicant "B" --received-at "2026-04-30 09:00"
expect_code 65 "a bad channel" dossier new --procedure 2.000635 --applicant "B" --channel fax
expect_code 2 "a bad --sets" dossier new --procedure 2.000635 --applicant "B" --sets 0
expect_code 2 "a missing --applicant from a script" dossier new --procedure 2.000635
expect_err "is a usage error, not a prompt" "motcua: --procedure and --applicant are required
usage: motcua dossier new --procedure CODE --applicant NAME [--id-number N] [--phone P] [--email E] [--address A] [--channel counter|online|post] [--from-message ID] [--delivery counter|post] [--doc TEXT]... [--sets N] [--note TEXT] [--received-at \"YYYY-MM-DD HH:MM\"] [--slip text|pdf|png|none] [-o FILE] [--print[=PRINTER]]"
expect_eq "refused dossiers change nothing" "$before" "$(db_snapshot)"

new --phone "+84 912.345.678"
expect_eq "no gap after failed attempts" "000.00.22.H12-260429-0003" "$(cat "$TMP/out")"
expect_eq "+84 phones are stored from 0" "0912345678" \
	"$(sqlite3 "$MOTCUA_DB" "select phone from dossiers where seq = 3")"

MOTCUA_NOW=2026-04-30T08:00:00+07:00 new
expect_eq "the counter starts again the next day" "000.00.22.H12-260430-0001" "$(cat "$TMP/out")"
new --received-at "28/04/2026 16:00"
expect_eq "a late-entered paper dossier takes its receipt day's next number" \
	"000.00.22.H12-260428-0001" "$(cat "$TMP/out")"

# Names typed in decomposed Unicode are stored composed (NFC).
new --applicant "$(printf 'Nguye\314\202\314\203n Thi\314\243 Ba\314\200')"
expect_eq "NFD input is stored as NFC" "Nguyễn Thị Bà" \
	"$(sqlite3 "$MOTCUA_DB" "select applicant from dossiers where code = '$(cat "$TMP/out")'")"
expect_eq "byte for byte" "4e677579e1bb856e205468e1bb8b2042c3a0" \
	"$(sqlite3 "$MOTCUA_DB" "select lower(hex(applicant)) from dossiers where code = '$(cat "$TMP/out")'")"

# SQL metacharacters are data.
new --applicant "O'Brien\"; DROP TABLE dossiers; --"
expect_eq "quotes are stored literally" "O'Brien\"; DROP TABLE dossiers; --" \
	"$(sqlite3 "$MOTCUA_DB" "select applicant from dossiers where code = '$(cat "$TMP/out")'")"

# The receipt slip, exactly (the PIN is random: masked; the QR code is checked below).
export MOTCUA_NOW=2026-04-29T10:15:00+07:00
expect_code 0 "dossier new prints the receipt slip" dossier new --procedure 2.000635 \
	--applicant "Trần Thị Bích Ngọc" --phone 0912345678 --id-number 079190001234 \
	--address "12 đường Lê Lợi, khu phố 3, phường Vĩnh Phú, thành phố Thuận An, tỉnh Bình Dương" \
	--doc "Tờ khai cấp bản sao trích lục hộ tịch" --doc "Bản sao Căn cước công dân" --sets 2
code=000.00.22.H12-260429-0006
pin=$(sqlite3 "$MOTCUA_DB" "select pin from dossiers where code = '$code'")
expect_eq "the PIN is 6 Crockford base32 characters" "yes" \
	"$(echo "$pin" | grep -qE '^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{6}$' && echo yes)"
cp "$TMP/out" "$TMP/slip.txt"
grep -v '[▀▄█]' "$TMP/slip.txt" | sed "s/$pin/XXXXXX/" | grep -v '^ *$' >"$TMP/out"
# (a test database is a training copy: its mark above and below)
expect_out "the slip's text" "               *** BẢN THỬ NGHIỆM — không có giá trị sử dụng ***
         UBND PHƯỜNG VĨNH PHÚ             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
   BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ          Độc lập - Tự do - Hạnh phúc
             ───────────                     ───────────────────────────
                                           Vĩnh Phú, ngày 29 tháng 04 năm 2026
                    GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ
                      Mã hồ sơ: 000.00.22.H12-260429-0006
                          Liên 2: Giao người nộp hồ sơ
Bộ phận tiếp nhận và trả kết quả: UBND phường Vĩnh Phú
Tiếp nhận hồ sơ của: Trần Thị Bích Ngọc
Địa chỉ: 12 đường Lê Lợi, khu phố 3, phường Vĩnh Phú, thành phố Thuận An, tỉnh
         Bình Dương
Số điện thoại: 0912345678
Số định danh cá nhân: 079190001234
Nội dung yêu cầu giải quyết: Cấp bản sao trích lục hộ tịch (mã thủ tục 2.000635)
1. Thành phần hồ sơ nộp gồm:
   1) Tờ khai cấp bản sao trích lục hộ tịch
   2) Bản sao Căn cước công dân
2. Số lượng hồ sơ: 02 bộ
3. Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc
4. Thời gian nhận hồ sơ: 10 giờ 15 phút, ngày 29 tháng 04 năm 2026
5. Thời gian trả kết quả: 10 giờ 15 phút, ngày 06 tháng 05 năm 2026
6. Nơi trả kết quả: Bộ phận tiếp nhận và trả kết quả
7. Mã tra cứu (PIN): XXXXXX
                      Quét mã QR để tra cứu tiến độ hồ sơ
    Vào Sổ theo dõi hồ sơ, Quyển số 01/2026, Số thứ tự 8.
           NGƯỜI NỘP HỒ SƠ                      NGƯỜI TIẾP NHẬN HỒ SƠ
        (Ký và ghi rõ họ tên)                   (Ký và ghi rõ họ tên)
          Trần Thị Bích Ngọc                             lan
               *** BẢN THỬ NGHIỆM — không có giá trị sử dụng ***"
expect_eq "the slip fits 80 columns" "yes" \
	"$(test "$(wc -L <"$TMP/slip.txt")" -le 80 && echo yes)"

# The half blocks really scan: rebuild the image and read it with zbarimg.
if "$HELPERS/halfblock2png" "$TMP/slip.png" <"$TMP/slip.txt" 2>"$TMP/h.err"; then
	zbarimg --raw -q "$TMP/slip.png" >"$TMP/scan" 2>"$TMP/z.err"
	expect_eq "the QR code on the slip scans to the lookup URL" \
		"https://dichvucong.binhduong.gov.vn/tra-cuu?ma=$code&pin=$pin" "$(cat "$TMP/scan")"
else
	not_ok "no QR code found in the slip: $(cat "$TMP/h.err")"
fi

# Without a lookup URL the QR code carries the bare code.
"$MOTCUA" config set lookup_url "" >/dev/null
mc dossier new --procedure 2.000635 --applicant "Lê Văn C"
"$HELPERS/halfblock2png" "$TMP/slip2.png" <"$TMP/out" 2>/dev/null
expect_eq "without lookup_url the QR code is the bare code" "000.00.22.H12-260429-0007" \
	"$(zbarimg --raw -q "$TMP/slip2.png" 2>/dev/null)"

expect_code 0 "dossier new --format json" dossier new --procedure 1.001193 --applicant "Lê Thị D" \
	--phone 02838221234 --channel online --delivery post --format json
expect_eq "prints the dossier as JSON" "000.00.22.H12-260429-0008|received|2|1.001193|02838221234|online|post|2026-04-29T17:00:00+07:00|false|null" \
	"$(jq -r '[.code, .status, .status_code, .procedure, .phone, .channel, .delivery, .due_at, .overdue, .on_time] | map(tostring) | join("|")' "$TMP/out")"

expect_code 0 "dossier new -o FILE writes the slip there" dossier new --procedure 2.000635 --applicant "E" -o "$TMP/slip3.txt"
expect_empty "and prints nothing on stdout"
expect_grep "the file holds the slip" "Mã hồ sơ: 000.00.22.H12-260429-0009" "$TMP/slip3.txt"
expect_code 73 "an -o FILE that cannot be created" dossier new --procedure 2.000635 --applicant "F" -o "$TMP/no/such/dir/slip.txt"
expect_code 0 "--slip none prints nothing" dossier new --procedure 2.000635 --applicant "G" --slip none
expect_empty "indeed"
expect_code 2 "--slip of an unknown format" dossier new --procedure 2.000635 --applicant "G" --slip rtf
expect_err "is a usage error naming the formats" "motcua: --slip: \"rtf\" is not text, pdf, png or none
usage: motcua dossier new --procedure CODE --applicant NAME [--id-number N] [--phone P] [--email E] [--address A] [--channel counter|online|post] [--from-message ID] [--delivery counter|post] [--doc TEXT]... [--sets N] [--note TEXT] [--received-at \"YYYY-MM-DD HH:MM\"] [--slip text|pdf|png|none] [-o FILE] [--print[=PRINTER]]"

if [ -w /dev/full ]; then
	"$MOTCUA" dossier new --procedure 2.000635 --applicant "H" >/dev/full 2>"$TMP/err"
	expect_eq "a full disk while printing the slip is exit 74" "74" "$?"
fi

# Nothing depends on the machine's time zone.
export MOTCUA_NOW=2026-04-29T16:30:00+07:00
TZ=UTC "$MOTCUA" dossier new --procedure 2.000635 --applicant "TZ" --format json \
	| jq -c 'del(.pin, .code)' >"$TMP/utc"
TZ=Asia/Tokyo "$MOTCUA" dossier new --procedure 2.000635 --applicant "TZ" --format json \
	| jq -c 'del(.pin, .code)' >"$TMP/tokyo"
expect_eq "TZ=UTC and TZ=Asia/Tokyo give the same dossier" "$(cat "$TMP/utc")" "$(cat "$TMP/tokyo")"
expect_eq "received after office hours' end counts from the next opening" "2026-04-29T16:30:00+07:00 2026-05-06T16:30:00+07:00" \
	"$(jq -r '"\(.received_at) \(.due_at)"' "$TMP/utc")"
