#!/bin/sh
# The registers and extracts in Vietnamese: the kind of register in the
# clerk's words (Sổ đăng ký khai sinh, never "sổ birth"), register show
# with the labels of the official forms lined up by display width, the two
# NAME headings translated apart; and the output for programs (-q, JSON,
# CSV) the same in every language.
. "$(dirname "$0")/../lib.sh"
init_office
R=$FIXTURES/registers
for k in birth:births-roundtrip marriage:marriages death:deaths; do
	"$MOTCUA" register import "${k%%:*}" "$R/${k#*:}.csv" >/dev/null 2>"$TMP/err" ||
		{ not_ok "import ${k#*:}.csv"; cat "$TMP/err"; }
done

# in_english ARGS...: motcua under C.UTF-8, as mc runs it
in_english() { LANGUAGE= mc "$@"; }
LANGUAGE=vi
export LANGUAGE

# no_kind_word DESC: no English kind (birth, deaths...) in the last
# command's stdout and stderr
no_kind_word() {
	if cat "$TMP/out" "$TMP/err" | grep -qwE 'births?|marriages?|deaths?'; then
		not_ok "$1"
		cat "$TMP/out" "$TMP/err" | grep -wE 'births?|marriages?|deaths?' | sed 's/^/#   /' | head -5
	else
		ok "$1"
	fi
}

# ---- register show ----

expect_code 0 "show a birth" register show birth 01/2019 1
expect_out "the labels of the form, lined up by display width" \
"Sổ đăng ký khai sinh, quyển số 01/2019, số 1
  Ngày đăng ký                15/03/2019
  Họ, chữ đệm, tên            Nguyễn Văn Đức
  Giới tính                   Nam
  Ngày, tháng, năm sinh       12/03/2019
  Nơi sinh                    Bệnh viện Đa khoa tỉnh Bình Dương, Thủ Dầu Một
  Dân tộc                     Kinh
  Quốc tịch                   Việt Nam
  Quê quán                    xã Nghĩa Hưng, huyện Nghĩa Hưng, tỉnh Nam Định
  Số định danh cá nhân        074219001234
  Họ, chữ đệm, tên người cha  Nguyễn Văn Hùng
  Năm sinh của người cha      1988
  Dân tộc của người cha       Kinh
  Quốc tịch của người cha     Việt Nam
  Nơi cư trú của người cha    số 12, khu phố 3, phường Vĩnh Phú
  Họ, chữ đệm, tên người mẹ   Trần Thị Mai
  Năm sinh của người mẹ       1990
  Dân tộc của người mẹ        Kinh
  Quốc tịch của người mẹ      Việt Nam
  Nơi cư trú của người mẹ     số 12, khu phố 3, phường Vĩnh Phú
  Người đi đăng ký khai sinh  Nguyễn Văn Hùng
  Người thực hiện             Trần Thị Thu Hà
  Ghi chú                     =1+2"
no_kind_word "show a birth: no English kind"

expect_code 0 "show a birth with a note of two lines" register show birth 01/2019 2
expect_eq "the second line of the note under the first value" \
"  Ghi chú                     - đã cải chính ngày sinh
                              theo quyết định số 12/QĐ-UBND" "$(tail -2 "$TMP/out")"

expect_code 0 "show a marriage" register show marriage 01/2020 1
expect_out "the husband's and the wife's labels" \
"Sổ đăng ký kết hôn, quyển số 01/2020, số 1
  Ngày đăng ký                     09/05/2020
  Họ, chữ đệm, tên chồng           Nguyễn Văn Đức
  Họ, chữ đệm, tên vợ              Lê Thị Hoa
  Ngày, tháng, năm sinh của chồng  01/05/1990
  Dân tộc của chồng                Kinh
  Quốc tịch của chồng              Việt Nam
  Nơi cư trú của chồng             số 12, khu phố 3, phường Vĩnh Phú
  Số định danh cá nhân của chồng   079090001111
  Ngày, tháng, năm sinh của vợ     15/08/1992
  Dân tộc của vợ                   Kinh
  Quốc tịch của vợ                 Việt Nam
  Nơi cư trú của vợ                số 4, đường Gia Long, phường Lái Thiêu
  Số định danh cá nhân của vợ      079192002222
  Người thực hiện                  Trần Thị Thu Hà"
no_kind_word "show a marriage: no English kind"

expect_code 0 "show a death" register show death 01/2021 1
expect_out "the labels of a death" \
"Sổ đăng ký khai tử, quyển số 01/2021, số 1
  Ngày đăng ký              04/02/2021
  Họ, chữ đệm, tên          Nguyễn Văn Đức
  Ngày, tháng, năm chết     03/02/2021
  Giới tính                 Nam
  Ngày, tháng, năm sinh     01/01/1940
  Dân tộc                   Kinh
  Quốc tịch                 Việt Nam
  Số định danh cá nhân      001040000123
  Giờ, phút chết            09:05
  Nơi chết                  Bệnh viện Đa khoa tỉnh Bình Dương, Thủ Dầu Một
  Nguyên nhân chết          Già yếu
  Người đi đăng ký khai tử  Nguyễn Văn Hùng
  Người thực hiện           Trần Thị Thu Hà"

expect_code 1 "an entry that is not there" register show birth 01/2019 9
expect_err "names the register in Vietnamese" \
"motcua: Sổ đăng ký khai sinh không có số 9 trong quyển số 01/2019"
no_kind_word "an entry that is not there: no English kind"
expect_code 2 "an unknown register" register show adoption 01/2019 1
expect_err "names the words to type, with their meaning" \
"motcua: \"adoption\" không phải là loại sổ: birth (khai sinh), marriage (kết hôn) hoặc death (khai tử)
cách dùng: motcua register show birth|marriage|death BOOK NUMBER"

# ---- what programs read does not follow the language ----

for f in json csv; do
	for k in "birth 01/2019 2" "marriage 01/2020 1" "death 01/2021 1"; do
		mc register show $k --format $f
		cp "$TMP/out" "$TMP/vi.$f"
		in_english register show $k --format $f
		if cmp -s "$TMP/vi.$f" "$TMP/out"; then ok "show $k --format $f: the same bytes in Vietnamese"
		else not_ok "show $k --format $f differs in Vietnamese"; diff "$TMP/out" "$TMP/vi.$f" | head -5; fi
	done
done
expect_code 0 "show --format json in Vietnamese" register show death 01/2021 1 --format json
expect_out "is the JSON object of the column names, kind \"death\"" \
'{"kind":"death","book":"01/2021","number":1,"registered_on":"2021-02-04","full_name":"Nguyễn Văn Đức","died_on":"2021-02-03","sex":"Nam","date_of_birth":"1940-01-01","ethnicity":"Kinh","nationality":"Việt Nam","id_number":"001040000123","died_at_time":"09:05","place_of_death":"Bệnh viện Đa khoa tỉnh Bình Dương, Thủ Dầu Một","cause":"Già yếu","declarant":"Nguyễn Văn Hùng","registrar":"Trần Thị Thu Hà","note":null,"registering_office":null,"amendments":[]}'
expect_code 0 "show --format csv in Vietnamese" register show marriage 01/2020 1 --format csv
expect_eq "has the import header" "$(head -1 "$R/marriages.csv"),registering_office" "$(head -1 "$TMP/out")"
expect_code 0 "search -q in Vietnamese" -q register search "nguyen van duc"
expect_out "prints the kinds that commands take" "birth 01/2019 1
marriage 01/2020 1
death 01/2021 1"
expect_code 0 "search --format json in Vietnamese" register search "nguyen van duc" --format json
expect_eq "has the kinds of the JSON contract" "birth marriage death" \
	"$(jq -r 'map(.kind) | join(" ")' "$TMP/out")"

# ---- register search ----

expect_code 0 "search" register search "nguyen van duc"
expect_out "the kinds in Vietnamese, the columns wide enough for them" \
"LOẠI      QUYỂN SỐ      SỐ  HỌ TÊN                      NGÀY SINH   CHA MẸ, VỢ/CHỒNG HOẶC NGÀY MẤT
khai sinh 01/2019        1  Nguyễn Văn Đức              12/03/2019  Nguyễn Văn Hùng, Trần Thị Mai
kết hôn   01/2020        1  Nguyễn Văn Đức              01/05/1990  Lê Thị Hoa
khai tử   01/2021        1  Nguyễn Văn Đức              01/01/1940  mất ngày 03/02/2021"
no_kind_word "search: no English kind"
expect_code 0 "the procedure list" procedure list
expect_eq "names its NAME column for what it holds" "MÃ         NGÀY   LỆ PHÍ  TÊN THỦ TỤC" \
	"$(head -1 "$TMP/out")"
in_english register search "nguyen van duc"
expect_eq "search in English: the same columns as ever" \
"KIND     BOOK         NO.  NAME                        BORN        PARENTS, SPOUSE OR DEATH
birth    01/2019        1  Nguyễn Văn Đức              2019-03-12  Nguyễn Văn Hùng, Trần Thị Mai" \
	"$(head -2 "$TMP/out")"

# ---- register add and import ----

before=$(db_snapshot)
expect_code 2 "add without a required field" register add birth --book 03/2019 --number 1 \
	--registered-on 2019-06-01 --full-name "Hồ Ngọc Hà" --sex Nữ
expect_err "names the option and the register" \
"motcua: cần có --date-of-birth khi ghi vào Sổ đăng ký khai sinh
cách dùng: motcua register add birth|marriage|death --FIELD VALUE..."
expect_code 2 "add a field of another register" register add marriage --book 03/2020 --number 1 \
	--registered-on 2020-06-01 --husband-name "Hồ Văn Tư" --wife-name "Lê Thị Năm" --sex Nam
expect_err "names the register it is not in" \
"motcua: --sex không phải là mục của Sổ đăng ký kết hôn
cách dùng: motcua register add birth|marriage|death --FIELD VALUE..."
expect_eq "neither changed anything" "$before" "$(db_snapshot)"
expect_code 0 "add a death" register add death --book 03/2021 --number 1 \
	--registered-on 2021-06-01 --full-name "Hồ Văn Tư" --died-on 2021-05-30
expect_out "says where it was written" "đã ghi vào Sổ đăng ký khai tử: quyển số 03/2021, số 1"
expect_code 0 "add it again" register add death --book 03/2021 --number 1 \
	--registered-on 2021-06-01 --full-name "Hồ Văn Tư" --died-on 2021-05-30
expect_out "says it is already there" "Sổ đăng ký khai tử đã có số 1, quyển số 03/2021; không ghi lại"
no_kind_word "add it again: no English kind"

before=$(db_snapshot)
expect_code 65 "import a file with bad rows" register import birth "$R/births-bad.csv"
B=$R/births-bad.csv
expect_err "reports each row as FILE:LINE: column: reason, in a Vietnamese sentence (cột full_name)" \
"$B:2: cột full_name: bắt buộc phải có
$B:3: cột date_of_birth: \"31/02/2019\" không phải là ngày hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)
$B:4: cột father_birth_year: \"88\" không phải là năm hợp lệ (4 chữ số, từ 1800 đến 2026)
$B:5: cột id_number: \"12345\" không phải là số định danh cá nhân (CCCD 12 số hoặc CMND 9 số)
$B:6: cột date_of_birth: 2019-05-01 muộn hơn ngày đăng ký (2019-04-01)
$B:7: cột sex: \"X\" không phải là Nam hoặc Nữ
$B:8: cột full_name: \"Nguyễn Văn 2\" không phải là họ tên hợp lệ (chỉ có chữ, không có chữ số)
$B:9: cột place_of_birth: dài quá 300 ký tự
$B:10: cột number: \"abc\" không phải là số đăng ký (1 đến 999999)
$B:11: cột registered_on: 2027-01-01 là ngày trong tương lai
$B:12: cột mother_birth_year: năm 2020 không sớm hơn năm sinh của trẻ (2019)
$B:13: cột father_birth_year: có giá trị nhưng thiếu cột father_name
$B:14: có 25 trường, nhưng dòng tiêu đề chỉ có 24
$B:16: cột note: có ký tự điều khiển
$B:19: cột number: số 15, quyển số 01/2019 đã có trong sổ với cột full_name là \"Nguyễn Văn An\", không phải \"Nguyễn Văn Ân\"
motcua: $B: 15 dòng bị lỗi; không nhập dòng nào"
expect_eq "and imports nothing" "$before" "$(db_snapshot)"
expect_code 2 "import into an unknown register" register import adoption "$R/births-bad.csv"
expect_err "names the words to type, with their meaning" \
"motcua: \"adoption\" không phải là loại sổ: birth (khai sinh), marriage (kết hôn) hoặc death (khai tử)
cách dùng: motcua register import birth|marriage|death FILE.csv|- [--dry-run] [--reject-file BAD.csv] [--amend --reason TEXT]"
expect_code 0 "import a file already in the register" register import birth "$R/births-roundtrip.csv"
expect_out "ends with the summary in Vietnamese" "đã nhập 0, bỏ qua 3, từ chối 0"

# ---- extract ----

before=$(db_snapshot)
expect_code 1 "extract: an ID number in no entry" extract birth --id-number 079000000000 --requester X
expect_err "names the register in Vietnamese" \
	'motcua: Sổ đăng ký khai sinh không có bản ghi nào khớp với "079000000000"'
expect_code 1 "extract: a search with several matches" extract birth --search "tran" --requester X
expect_out "lists them with the kinds in Vietnamese" \
"LOẠI      QUYỂN SỐ      SỐ  HỌ TÊN                      NGÀY SINH   CHA MẸ, VỢ/CHỒNG HOẶC NGÀY MẤT
khai sinh 01/2019        2  Trần Thị Bích Ngọc          01/04/2019  Trần Thị Lan
khai sinh 01/2019        1  Nguyễn Văn Đức              12/03/2019  Nguyễn Văn Hùng, Trần Thị Mai"
expect_err "and says how to choose one" \
"motcua: có 2 bản ghi trong Sổ đăng ký khai sinh khớp; chưa cấp trích lục: hãy chỉ rõ quyển số và số (BOOK NUMBER) của một bản ghi"
no_kind_word "several matches: no English kind"
expect_code 1 "extract: an entry that is not there" extract death 01/2021 9 --requester X
expect_err "names the register in Vietnamese" \
	"motcua: Sổ đăng ký khai tử không có số 9 trong quyển số 01/2021"
LANGUAGE= "$MOTCUA" procedure add --code 2.000999 --name "Trích lục khai tử" --days 1 --kind death \
	>/dev/null 2>&1
code=$(LANGUAGE= "$MOTCUA" -q dossier new --procedure 2.000999 --applicant "Lê Văn Tám" </dev/null)
before=$(db_snapshot)
expect_code 65 "extract: a dossier for another register" extract birth 01/2019 1 --dossier "$code"
expect_err "names both registers in Vietnamese" \
"motcua: dossier: hồ sơ $code thuộc thủ tục 2.000999, cấp trích lục từ Sổ đăng ký khai tử, không phải Sổ đăng ký khai sinh"
no_kind_word "a dossier for another register: no English kind"
expect_eq "none of these issued anything" "$before" "$(db_snapshot)"
expect_code 0 "extract --format json -o FILE in Vietnamese" extract birth 01/2019 1 --requester X --format json \
	-o "$TMP/x.pdf"
expect_eq "keeps the kind of the JSON contract" "birth|birth|1/2026/TLKS-BS" \
	"$(jq -r '[.kind, .entry.kind, .serial] | join("|")' "$TMP/out")"
