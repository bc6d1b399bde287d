#!/bin/sh
# dossier export --format jsonl: the national portal's sync of the scripted
# month — fields, status codes, yyyyMMddHHmmss dates, --since.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/month.sh"
month_office
make_month
export MOTCUA_NOW=2026-04-30T09:00:00+07:00
P=$("$MOTCUA" -q dossier new --procedure 1.001193 --applicant "Phan Văn Phúc" \
	--email phuc@example.vn --channel online </dev/null)

expect_code 0 "export everything" dossier export --format jsonl
cp "$TMP/out" "$TMP/all.jsonl"
expect_eq "one JSON object per line, one per dossier" "16 16" \
	"$(wc -l <"$TMP/all.jsonl" | tr -d ' ') $(jq -c . "$TMP/all.jsonl" | wc -l | tr -d ' ')"
expect_eq "the portal's keys" \
	"MaHoSo MaTTHC TenTTHC ChuHoSo SoDienThoai Email KenhThucHien HinhThuc DonViXuLy TrangThaiHoSo NgayTiepNhan NgayHenTra NgayKetThucXuLy NgayTra MaLinhVuc TenLinhVuc LoaiDoiTuong SoGiayToChuHoSo TrichYeuHoSo DanhSachLePhi DanhSachHoSoBoSung DanhSachGiayToKetQua QuaTrinhXuLy" \
	"$(jq -r 'keys_unsorted | join(" ")' "$TMP/all.jsonl" | sort -u)"
expect_eq "D: rescheduled, sent back by post, done" \
	"$D|2.000635|Cấp bản sao trích lục hộ tịch|Phạm Thị Dung|0912000004||3|1|UBND phường Vĩnh Phú|9|20260408140000|20260417140000|20260416150000|" \
	"$(jq -r "select(.MaHoSo == \"$D\") | [.MaHoSo,.MaTTHC,.TenTTHC,.ChuHoSo,.SoDienThoai,.Email,.KenhThucHien,.HinhThuc,.DonViXuLy,.TrangThaiHoSo,.NgayTiepNhan,.NgayHenTra,.NgayKetThucXuLy,.NgayTra] | map(tostring) | join(\"|\")" "$TMP/all.jsonl")"
expect_eq "L: returned, with both dates" "10 20260428090000 20260428100000" \
	"$(jq -r "select(.MaHoSo == \"$L\") | \"\(.TrangThaiHoSo) \(.NgayKetThucXuLy) \(.NgayTra)\"" "$TMP/all.jsonl")"
expect_eq "P: received online, no phone, an e-mail" "2 2 0  phuc@example.vn" \
	"$(jq -r "select(.MaHoSo == \"$P\") | \"\(.TrangThaiHoSo) \(.KenhThucHien) \(.HinhThuc) \(.SoDienThoai) \(.Email)\"" "$TMP/all.jsonl")"
codes=""
for v in A B C D E F G H I J K L M N O; do
	eval "c=\$$v"
	codes="$codes $(jq -r "select(.MaHoSo == \"$c\") | .TrangThaiHoSo" "$TMP/all.jsonl")"
done
expect_eq "the national status codes of SPEC 4.4" " 10 9 4 9 9 3 7 8 4 5 9 10 6 9 9" "$codes"
expect_eq "every date is yyyyMMddHHmmss" "" \
	"$(jq -r '[.NgayTiepNhan,.NgayHenTra,.NgayKetThucXuLy,.NgayTra][] | select(. != null) | select(test("^[0-9]{14}$") | not)' "$TMP/all.jsonl")"
expect_eq "and codes are strings of digits" "string" \
	"$(jq -r '[.TrangThaiHoSo,.KenhThucHien,.HinhThuc][] | select(test("^[0-9]+$")) | type' "$TMP/all.jsonl" | sort -u)"

# --since: what changed at or after a time, oldest change first.
expect_code 0 "--since a date and time" dossier export --since "2026-04-28 09:00" --format jsonl
expect_eq "L (returned 28/04 10:00), O (29/04), P (30/04)" "$L $O $P" "$(jq -r .MaHoSo "$TMP/out" | tr '\n' ' ' | sed 's/ $//')"
expect_code 0 "--since the very second of a change includes it" dossier export --since "2026-04-28T10:00:00+07:00" --format jsonl
expect_eq "so that a sync from the last run's start misses nothing" "$L $O $P" "$(jq -r .MaHoSo "$TMP/out" | tr '\n' ' ' | sed 's/ $//')"
expect_code 0 "--since in UTC" dossier export --since "2026-04-29T03:00:01Z" --format jsonl
expect_eq "is the same instant" "$P" "$(jq -r .MaHoSo "$TMP/out")"
expect_code 0 "--since a bare date" dossier export --since 30/04/2026 --format jsonl
expect_eq "means its midnight at the office" "$P" "$(jq -r .MaHoSo "$TMP/out")"
expect_code 0 "--since a time to come" dossier export --since "2026-05-01 00:00" --format jsonl
expect_empty "exports nothing"
expect_code 0 "--format may be left out: jsonl is the only one" dossier export --since "2026-04-30 00:00"
expect_eq "the same line" "$P" "$(jq -r .MaHoSo "$TMP/out")"

# Dates follow the office's offset, not the machine's TZ.
TZ=America/New_York mc dossier export --since "2026-04-30 00:00" --format jsonl
expect_eq "whatever TZ says" "20260430090000" "$(jq -r .NgayTiepNhan "$TMP/out")"
"$MOTCUA" config set utc_offset +08:00
mc dossier export --since "2026-04-30 01:00" --format jsonl
expect_eq "at another office offset the same instant reads an hour later" "20260430100000" "$(jq -r .NgayTiepNhan "$TMP/out")"
"$MOTCUA" config set utc_offset +07:00

expect_code 2 "a bad --since" dossier export --since "hôm qua" --format jsonl
expect_err "names it" "motcua: --since: \"hôm qua\" is not a date and time (YYYY-MM-DD HH:MM)"
expect_code 2 "JSON is not its format" dossier export --format json
expect_code 2 "nor CSV" dossier export --format csv
if [ -w /dev/full ]; then
	"$MOTCUA" dossier export --format jsonl >/dev/full 2>"$TMP/err"
	expect_eq "a full disk is an I/O error" "74" "$?"
fi
