#!/bin/sh
# dossier export: every key that motcua-dossier(1) documents, read back by
# jq from dossiers in several states (a supplement answered and one still
# awaited, an extract as the result, a fee, a returned dossier): the
# portal's scalar keys, each a string and "" where nothing is known (never
# null), and its four lists with their objects' keys.
. "$(dirname "$0")/../lib.sh"
SEEDED_CATALOGUE=1
init_office_on 2026-12-01T08:00:00+07:00
R=$FIXTURES/registers
"$MOTCUA" register import birth "$R/births-roundtrip.csv" >/dev/null 2>&1 || not_ok "import births"
at() { MOTCUA_NOW=$1; export MOTCUA_NOW; shift; "$MOTCUA" "$@" </dev/null; }

# E: an extract copy, asked for with a paper missing, answered by 2 copies.
E=$(at 2026-12-02T09:00:00+07:00 -q dossier new --procedure 2.000635 --applicant "Lê Thị Hoa" \
	--id-number 074190000123 --phone 0912345678 --slip none)
at 2026-12-02T09:10:00+07:00 dossier update "$E" --status supplement --reason "Thiếu tờ khai" >/dev/null
at 2026-12-02T10:00:00+07:00 dossier update "$E" --status processing >/dev/null
at 2026-12-02T10:30:00+07:00 extract birth 01/2019 1 --requester "Lê Thị Hoa" --dossier "$E" \
	--copies 2 -o "$TMP/x.txt" >/dev/null
# C: a certified copy, returned.
C=$(at 2026-12-02T11:00:00+07:00 -q dossier new --procedure 2.000815 --applicant "Trần Văn Nam" \
	--email nam@example.vn --slip none)
at 2026-12-02T11:20:00+07:00 dossier update "$C" --status done >/dev/null
at 2026-12-02T14:00:00+07:00 dossier update "$C" --status returned >/dev/null
# W: a marital status confirmation still waiting for its supplement.
W=$(at 2026-12-03T08:00:00+07:00 -q dossier new --procedure 1.004873 --applicant "Phạm Thu" \
	--slip none)
at 2026-12-03T08:30:00+07:00 dossier update "$W" --status supplement --reason "Thiếu ảnh" >/dev/null
MOTCUA_NOW=2026-12-03T09:00:00+07:00
export MOTCUA_NOW

expect_code 0 "export" dossier export --format jsonl
cp "$TMP/out" "$TMP/all.jsonl"
one() { jq -c "select(.MaHoSo == \"$1\") | $2" "$TMP/all.jsonl"; }

# The documented keys: the tags of the list in the man page's section.
sed -n '/^Each line is an object/,/^Codes are strings/p' "$TESTS_DIR/../man/motcua-dossier.1" |
	awk '/^\.T[PQ]$/ { getline; sub(/^\.B[R]? /, ""); print $1 }' >"$TMP/documented"
expect_eq "the man page documents 23 keys" "23" "$(wc -l <"$TMP/documented" | tr -d ' ')"
jq -r 'keys_unsorted[]' "$TMP/all.jsonl" | sort -u >"$TMP/keys"
sort "$TMP/documented" >"$TMP/documented.sorted"
if cmp -s "$TMP/documented.sorted" "$TMP/keys"; then ok "every object has the documented keys, no other"
else not_ok "keys differ from the man page"; diff "$TMP/documented.sorted" "$TMP/keys" | sed 's/^/#   /'; fi
expect_eq "each object has all of them" "3" \
	"$(jq -c 'keys | length' "$TMP/all.jsonl" | grep -c '^23$')"
expect_eq "no null anywhere" "0" "$(jq '[.. | nulls] | length' "$TMP/all.jsonl" | sort -u)"
expect_eq "scalars are strings, the lists arrays" "string array" \
	"$(jq -r '[to_entries[] | .value | type] | unique | reverse | join(" ")' "$TMP/all.jsonl" | sort -u)"

# The objects of the lists, their keys in order, each named in the page.
expect_list_keys() {  # LIST KEYS
	got=$(jq -r ".$1[] | keys_unsorted | join(\" \")" "$TMP/all.jsonl" | sort -u)
	expect_eq "$1: the keys of its objects" "$2" "$got"
	for k in $2; do
		sed -n '/^Each line is an object/,/^Codes are strings/p' \
			"$TESTS_DIR/../man/motcua-dossier.1" | grep -q "$k" ||
			not_ok "$1: $k is not in the man page"
	done
}
expect_list_keys DanhSachLePhi "TenPhiLePhi MaPhiLePhi HinhThucThu Gia LoaiPhiLePhi"
expect_list_keys DanhSachHoSoBoSung "HoSoBoSungId NguoiYeuCauBoSung NoiDungBoSung NgayBoSung NguoiTiepNhanBoSung NgayTiepNhanBoSung TrangThaiBoSung"
expect_list_keys DanhSachGiayToKetQua "TenGiayTo MaThanhPhanHoSo GiayToId DuongDanTepTinKetQua MaGiayToKetQua"
expect_list_keys QuaTrinhXuLy "MaHoSo NguoiXuLy ChucDanh ThoiDiemXuLy PhongBanXuLy NoiDungXuLy TrangThai NgayBatDau NgayKetThucTheoQuyDinh"

# E, field by field.
expect_eq "E: field, kind of applicant, ID, summary" \
	'["","Hộ tịch","1","074190000123","Cấp bản sao trích lục hộ tịch - Lê Thị Hoa"]' \
	"$(one "$E" '[.MaLinhVuc,.TenLinhVuc,.LoaiDoiTuong,.SoGiayToChuHoSo,.TrichYeuHoSo]')"
expect_eq "E: the fee of its two copies" '[{"TenPhiLePhi":"Cấp bản sao trích lục hộ tịch","MaPhiLePhi":"","HinhThucThu":"","Gia":"16000","LoaiPhiLePhi":""}]' \
	"$(one "$E" .DanhSachLePhi)"
expect_eq "E: the supplement, asked and answered" \
	'[{"HoSoBoSungId":"2","NguoiYeuCauBoSung":"lan","NoiDungBoSung":"Thiếu tờ khai","NgayBoSung":"20261202091000","NguoiTiepNhanBoSung":"lan","NgayTiepNhanBoSung":"20261202100000","TrangThaiBoSung":"1"}]' \
	"$(one "$E" .DanhSachHoSoBoSung)"
expect_eq "E: its result, the extract's serial" \
	'[{"TenGiayTo":"Bản sao Trích lục khai sinh","MaThanhPhanHoSo":"","GiayToId":"","DuongDanTepTinKetQua":"","MaGiayToKetQua":"1/2026/TLKS-BS"}]' \
	"$(one "$E" .DanhSachGiayToKetQua)"
expect_eq "E: four steps, with their national codes and contents" \
	'[["20261202090000","2","Đã tiếp nhận"],["20261202091000","5","Thiếu tờ khai"],["20261202100000","4","Đang xử lý"],["20261202103000","9","Trích lục 1/2026/TLKS-BS"]]' \
	"$(one "$E" '[.QuaTrinhXuLy[] | [.ThoiDiemXuLy, .TrangThai, .NoiDungXuLy]]')"
expect_eq "E: done, not returned: an empty NgayTra" '["9","20261202103000",""]' \
	"$(one "$E" '[.TrangThaiHoSo,.NgayKetThucXuLy,.NgayTra]')"

expect_eq "C: returned, the catalogue's fee, no phone" \
	'["10","20261202140000","2000","","nam@example.vn","Chứng thực",[]]' \
	"$(one "$C" '[.TrangThaiHoSo,.NgayTra,.DanhSachLePhi[0].Gia,.SoDienThoai,.Email,.TenLinhVuc,.DanhSachGiayToKetQua]')"
expect_eq "W: no fee, a supplement still awaited" \
	'[[],"0","","","Thiếu ảnh"]' \
	"$(one "$W" '[.DanhSachLePhi,.DanhSachHoSoBoSung[0].TrangThaiBoSung,.DanhSachHoSoBoSung[0].NgayTiepNhanBoSung,.NgayKetThucXuLy,.DanhSachHoSoBoSung[0].NoiDungBoSung]')"

# A voided extract is no result, and its fee none.
at 2026-12-03T09:30:00+07:00 extract void 1/2026/TLKS-BS --reason "in nhầm" >/dev/null 2>&1 ||
	not_ok "extract void"
expect_code 0 "export after the void" dossier export --format jsonl
expect_eq "E: no result, the catalogue's fee" '[[],"8000"]' \
	"$(jq -c "select(.MaHoSo == \"$E\") | [.DanhSachGiayToKetQua, .DanhSachLePhi[0].Gia]" "$TMP/out")"
