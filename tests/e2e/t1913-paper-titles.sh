#!/bin/sh
# Register import reads columns headed by the titles of the paper register
# books (Circular 04/2020/TT-BTP) as well as by their names, matched in
# any letter case, with or without diacritics, whatever the blanks and
# punctuation; an unknown heading is refused with the register's columns.
# And a line break typed in a one-line cell (Alt+Enter) is a space in
# holiday and procedure import too.
. "$(dirname "$0")/../lib.sh"
init_office
q() { sqlite3 "$MOTCUA_DB" "$1"; }

# ---- birth: the paper book's titles, as written ----

cat >"$TMP/ks.csv" <<'EOF'
Quyển số,Số,"Ngày, tháng, năm đăng ký","Họ, chữ đệm, tên",Giới tính,"Ngày, tháng, năm sinh",Nơi sinh,Dân tộc,Quốc tịch,Quê quán,Số định danh cá nhân,"Họ, chữ đệm, tên người mẹ",Năm sinh của người mẹ,"Họ, chữ đệm, tên người cha",Nơi cư trú của người cha,Người đi đăng ký khai sinh,Người thực hiện,Ghi chú
01/2019,1,15/03/2019,Nguyễn Văn Đức,Nam,12/03/2019,Trạm Y tế phường Vĩnh Phú,Kinh,Việt Nam,"xã Nghĩa Hưng, tỉnh Nam Định",074219001234,Trần Thị Mai,1990,Nguyễn Văn Hùng,"khu phố 3, phường Vĩnh Phú",Nguyễn Văn Hùng,Trần Thị Thu Hà,
EOF
expect_code 0 "a birth file headed by the paper book's titles" register import birth "$TMP/ks.csv"
expect_out "imports" "1 imported, 0 skipped, 0 rejected"
expect_eq "each title is its column" \
	"01/2019|1|2019-03-15|Nguyễn Văn Đức|Nam|2019-03-12|Trạm Y tế phường Vĩnh Phú|Kinh|Việt Nam|xã Nghĩa Hưng, tỉnh Nam Định|074219001234|Trần Thị Mai|1990|Nguyễn Văn Hùng|khu phố 3, phường Vĩnh Phú|Nguyễn Văn Hùng|Trần Thị Thu Hà" \
	"$(q "select book, number, registered_on, full_name, sex, date_of_birth, place_of_birth, ethnicity, nationality, hometown, id_number, mother_name, mother_birth_year, father_name, father_residence, declarant, registrar from births")"

# ---- folded: capitals without diacritics, other blanks and punctuation ----

printf '%s\n%s\n' \
	'QUYEN SO,so,NGAY DANG KY,"HO, CHU DEM, TEN",  Giới  tính ,ngay thang nam sinh,Place Of Birth' \
	'01/2019,2,2019-04-05,Trần Thị Bích Ngọc,Nữ,2019-04-01,Trạm Y tế' >"$TMP/ks2.csv"
expect_code 0 "titles typed in capitals without diacritics, names in other case" \
	register import birth "$TMP/ks2.csv"
expect_out "import as well" "1 imported, 0 skipped, 0 rejected"
expect_eq "into their columns" "Trần Thị Bích Ngọc|Nữ|2019-04-01|Trạm Y tế" \
	"$(q "select full_name, sex, date_of_birth, place_of_birth from births where number = 2")"

# ---- marriage and death: each kind its own titles ----

cat >"$TMP/kh.csv" <<'EOF'
Quyển số,Số,Ngày đăng ký,"Họ, chữ đệm, tên chồng","Họ, chữ đệm, tên vợ","Ngày, tháng, năm sinh của chồng",Quốc tịch của vợ,Nơi cư trú của chồng
01/2020,1,09/05/2020,Nguyễn Văn Đức,Lê Thị Hoa,01/05/1990,Việt Nam,"số 12, khu phố 3"
EOF
expect_code 0 "a marriage file headed by the paper book's titles" register import marriage "$TMP/kh.csv"
expect_eq "fills the husband's and the wife's columns" \
	"Nguyễn Văn Đức|Lê Thị Hoa|1990-05-01|Việt Nam|số 12, khu phố 3" \
	"$(q "select husband_name, wife_name, husband_date_of_birth, wife_nationality, husband_residence from marriages")"
cat >"$TMP/kt.csv" <<'EOF'
Quyển số,Số,"Ngày, tháng, năm đăng ký","Họ, chữ đệm, tên","Ngày, tháng, năm chết","Giờ, phút chết",Nơi chết,Nguyên nhân chết,Người đi đăng ký khai tử
01/2021,1,04/02/2021,Nguyễn Văn Tư,03/02/2021,09:05,Tại nhà,Già yếu,Nguyễn Văn Hùng
EOF
expect_code 0 "a death file headed by the paper book's titles" register import death "$TMP/kt.csv"
expect_eq "fills the death's columns" "2021-02-03|09:05|Tại nhà|Già yếu|Nguyễn Văn Hùng" \
	"$(q "select died_on, died_at_time, place_of_death, cause, declarant from deaths")"

# ---- refused headings ----

before=$(db_snapshot)
printf 'Quyển số,Số,Ngày đăng ký,"Họ, chữ đệm, tên chồng","Họ, chữ đệm, tên vợ",Họ tên cha mẹ\n' >"$TMP/bad1.csv"
expect_code 65 "an unknown heading" register import marriage "$TMP/bad1.csv"
expect_err "is named at file:1, with the marriage register's columns" \
	"motcua: $TMP/bad1.csv:1: unknown column \"Họ tên cha mẹ\"; the columns are: book, number, registered_on, husband_name, wife_name, husband_date_of_birth, husband_ethnicity, husband_nationality, husband_residence, husband_id_number, wife_date_of_birth, wife_ethnicity, wife_nationality, wife_residence, wife_id_number, registrar, note, registering_office, error; or the titles of the paper register book, listed in motcua-register(1)"
printf 'Quyển số,Số,Ngày đăng ký,"Họ, chữ đệm, tên",Giới tính,Ngày sinh,Nơi chết\n' >"$TMP/bad2.csv"
expect_code 65 "a title of another register's book" register import birth "$TMP/bad2.csv"
expect_grep "is unknown in this one" "bad2.csv:1: unknown column \"Nơi chết\"; the columns are: book," "$TMP/err"
printf 'Quyển số,Số,Ngày đăng ký,"Họ, chữ đệm, tên",full_name,Giới tính,Ngày sinh\n' >"$TMP/bad3.csv"
expect_code 65 "a column under its title and its name" register import birth "$TMP/bad3.csv"
expect_err "is given twice" "motcua: $TMP/bad3.csv:1: column \"full_name\" is given twice"
printf 'Quyển số,Số,Ngày đăng ký,"Họ, chữ đệm, tên",Giới tính\n' >"$TMP/bad4.csv"
expect_code 65 "a required column missing under any heading" register import birth "$TMP/bad4.csv"
expect_err "is named by its name" "motcua: $TMP/bad4.csv:1: the required column \"date_of_birth\" is missing"
expect_eq "none of these changed anything" "$before" "$(db_snapshot)"
LANGUAGE=vi; export LANGUAGE
expect_code 65 "in Vietnamese" register import marriage "$TMP/bad1.csv"
expect_grep "the refusal is said in Vietnamese" "cột không hợp lệ \"Họ tên cha mẹ\"; các cột là: book, number," "$TMP/err"
expect_grep "and so is where the titles are" "hoặc tên cột của sổ hộ tịch giấy, liệt kê trong motcua-register(1)" "$TMP/err"
unset LANGUAGE

# ---- Alt+Enter in holiday and procedure import ----

printf 'date,name,kind\r\n2026-05-04,"Nghỉ bù\r\nlễ 30/4",holiday\r\n2026-05-05,"Nghỉ\n\nbù 2",\r\n' >"$TMP/h.csv"
expect_code 0 "holiday import of names typed over two lines" holiday import "$TMP/h.csv"
expect_out "records the days and says how many cells lost their line breaks" \
	"2 days recorded; 2 line breaks inside one-line cells became spaces"
expect_eq "each run of line breaks is one space" "Nghỉ bù lễ 30/4|Nghỉ bù 2" \
	"$(q "select group_concat(name, '|') from (select name from holidays where date in ('2026-05-04', '2026-05-05') order by date)")"
printf 'code,name,days,fee,documents\r\nT4.001,"Thủ tục\r\nbốn",3,"50.000","Tờ khai\r\nGiấy tờ tùy thân\nẢnh 4x6"\r\n' >"$TMP/p.csv"
expect_code 0 "procedure import of a name over two lines and papers one per line" \
	procedure import "$TMP/p.csv"
expect_out "adds the procedure; the papers keep their lines, the name's is counted" \
	"1 added, 0 updated, 0 unchanged; 1 line break inside a one-line cell became a space"
LANGUAGE=vi expect_code 0 "the same import again, in Vietnamese" procedure import "$TMP/p.csv"
expect_out "the count in Vietnamese" \
	"thêm mới 0, cập nhật 0, giữ nguyên 1; 1 chỗ xuống dòng trong ô một dòng đã thành dấu cách"
printf 'date,name,kind\n2026-05-06,Nghỉ ba,holiday\n' >"$TMP/h1.csv"
expect_code 0 "a holiday import without line breaks" holiday import "$TMP/h1.csv"
expect_out "says nothing of them" "1 day recorded"
mc procedure list --format json
expect_eq "the name is one line; each paper of its own line is one paper" \
	'Thủ tục bốn|["Tờ khai","Giấy tờ tùy thân","Ảnh 4x6"]' \
	"$(jq -r -c '.[] | select(.code == "T4.001") | .name + "|" + (.documents | tostring)' "$TMP/out")"
