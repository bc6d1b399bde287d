# motcua — generates a birth register as CSV in the import format of
# `motcua register import birth`, for bench/import.sh.
#
#   awk -v n=1000000 -v seed=1 -f bench/gen-births.awk > births.csv
#
# Realistic entries: family names drawn with their frequency in Vietnam
# (Nguyễn about 38%, Trần 11%, Lê 9.5%, ...), gendered middle and given
# names, one or two middle names, birth places, home towns and residences
# of a southern province (some with commas, so quoted), parents 18 to 42
# years older than the child, IDs for children born since 2016, books of
# 200 entries per year numbered from 1. The same n and seed give the same
# file with any awk: the random numbers are a Park-Miller generator of
# our own, exact in awk's doubles.

function rnd(k) {            # 0 .. k-1
	state = (state * 16807) % 2147483647
	return int(state / 2147483647 * k)
}

function pick(list, count) { return list[rnd(count) + 1] }

function split_list(s, arr) { return split(s, arr, "|") }

# A family name by cumulative weight (per mille).
function family(   r, i) {
	r = rnd(1000)
	for (i = 1; i <= nfam; i++)
		if (r < famw[i])
			return famn[i]
	return pick(rarefam, nrare)
}

function person(male,   mid, m2, name) {
	if (male) {
		mid = pick(mmid, nmmid)
		if (rnd(4) == 0 && (m2 = pick(mmid2, nmmid2)) != mid)
			mid = mid " " m2
		name = pick(mgiven, nmgiven)
	} else {
		mid = pick(fmid, nfmid)
		if (rnd(3) == 0 && (m2 = pick(fmid2, nfmid2)) != mid)
			mid = mid " " m2
		name = pick(fgiven, nfgiven)
	}
	return mid " " name
}

function two(v) { return v < 10 ? "0" v : "" v }

# A CSV cell: quoted when it holds a comma or a quote.
function cell(s) {
	if (s ~ /[",]/) {
		gsub(/"/, "\"\"", s)
		return "\"" s "\""
	}
	return s
}

function residence(   s) {
	s = "số " (rnd(300) + 1) ", " pick(streets, nstreets)
	s = s ", khu phố " (rnd(9) + 1) ", " pick(wards, nwards)
	return s
}

BEGIN {
	if (n == "") n = 1000
	state = (seed == "" ? 1 : seed) % 2147483646 + 1

	# Family names and cumulative weights (per mille).
	nfam = split_list("Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Trương|Đinh|Lâm|Mai|Tô|Châu", famn)
	split("380 490 585 655 680 705 750 770 789 810 830 844 857 870 880 885 895 905 915 925 930 935", famw, " ")
	for (i = 1; i <= nfam; i++) famw[i] += 0
	nrare = split_list("Cao|Chu|Đào|Đoàn|Hà|Kiều|La|Lạc|Lương|Lưu|Mạc|Quách|Tạ|Thái|Thân|Tăng|Triệu|Trịnh|Văn|Vương|Ông|Kha", rarefam)

	nmmid = split_list("Văn|Văn|Văn|Hữu|Đức|Minh|Quang|Thanh|Công|Ngọc|Xuân|Hoàng|Trọng|Quốc|Gia|Anh", mmid)
	nmmid2 = split_list("Minh|Thanh|Hoàng|Quốc|Gia|Tuấn|Nhật|Bảo|Thiện|Trung", mmid2)
	nmgiven = split_list("An|Bình|Cường|Dũng|Đức|Duy|Hải|Hào|Hiếu|Hòa|Hùng|Huy|Khang|Khánh|Khoa|Kiên|Lâm|Lộc|Long|Luân|Minh|Nam|Nghĩa|Nhân|Phát|Phong|Phúc|Quân|Quang|Sang|Sơn|Tài|Tâm|Thái|Thắng|Thành|Thịnh|Thuận|Tiến|Toàn|Trí|Trung|Tuấn|Tùng|Việt|Vinh|Vũ|Đạt|Đông|Hưng", mgiven)
	nfmid = split_list("Thị|Thị|Thị|Ngọc|Thu|Thanh|Kim|Minh|Mỹ|Thùy|Bảo|Hồng|Phương|Diễm|Khánh", fmid)
	nfmid2 = split_list("Thu|Ngọc|Kim|Thanh|Mỹ|Bích|Hồng|Tuyết|Quỳnh|Phương", fmid2)
	nfgiven = split_list("Anh|Ánh|Chi|Diệp|Dung|Duyên|Giang|Hà|Hạnh|Hằng|Hiền|Hoa|Hồng|Huệ|Hương|Lan|Liên|Linh|Loan|Mai|My|Nga|Ngân|Ngọc|Nhi|Nhung|Oanh|Phương|Quyên|Quỳnh|Tâm|Thảo|Thoa|Thư|Thủy|Tiên|Trang|Trâm|Trinh|Tú|Uyên|Vân|Vy|Xuân|Yến|Đào|Hậu|Khuê|Lệ|Nguyệt", fgiven)

	nplaces = split_list("Bệnh viện Đa khoa tỉnh Bình Dương|Trạm Y tế phường Vĩnh Phú|Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh|Bệnh viện Hùng Vương, Thành phố Hồ Chí Minh|Trung tâm Y tế thành phố Thuận An|Bệnh viện Quốc tế Hạnh Phúc|Bệnh viện Phụ sản Mê Kông|Nhà hộ sinh khu vực Lái Thiêu|Bệnh viện Đa khoa Columbia Asia Bình Dương|Trạm Y tế xã An Sơn", places)
	nhome = split_list("xã Vĩnh Phú, huyện Thuận An, tỉnh Bình Dương|xã Tân Hiệp, huyện Hóc Môn, Thành phố Hồ Chí Minh|xã Nghĩa Hưng, huyện Nghĩa Hưng, tỉnh Nam Định|xã Quỳnh Lưu, huyện Quỳnh Lưu, tỉnh Nghệ An|xã Phú Vang, huyện Phú Vang, tỉnh Thừa Thiên Huế|xã Đức Phổ, huyện Đức Phổ, tỉnh Quảng Ngãi|xã Tam Nông, huyện Tam Nông, tỉnh Đồng Tháp|xã Châu Thành, huyện Châu Thành, tỉnh An Giang|xã Hải Hậu, huyện Hải Hậu, tỉnh Nam Định|xã Thái Thụy, huyện Thái Thụy, tỉnh Thái Bình|phường Lái Thiêu, thành phố Thuận An, tỉnh Bình Dương|xã Cần Giuộc, huyện Cần Giuộc, tỉnh Long An", home)
	nstreets = split_list("đường Vĩnh Phú 38|đường Nguyễn Văn Tiết|đường Cách Mạng Tháng Tám|đường Đại lộ Bình Dương|đường Phan Đình Phùng|đường Gia Long|đường Hồ Văn Mên|đường Vĩnh Phú 41|đường Trần Quốc Tuấn|đường Thủ Khoa Huân", streets)
	nwards = split_list("phường Vĩnh Phú, thành phố Thuận An, tỉnh Bình Dương|phường Lái Thiêu, thành phố Thuận An, tỉnh Bình Dương|phường An Thạnh, thành phố Thuận An, tỉnh Bình Dương|phường Bình Hòa, thành phố Thuận An, tỉnh Bình Dương", wards)
	neth = split_list("Kinh|Kinh|Kinh|Kinh|Kinh|Kinh|Kinh|Kinh|Kinh|Kinh|Kinh|Kinh|Kinh|Kinh|Kinh|Kinh|Hoa|Khmer|Tày|Mường", eth)
	nregistrar = split_list("Trần Thị Thu Hà|Nguyễn Văn Bình|Lê Thị Ngọc Lan|Phạm Minh Tuấn|Võ Thị Kim Oanh", registrar)
	nnotes = split_list("Đăng ký lại|Đăng ký quá hạn|Khai sinh cho trẻ em bị bỏ rơi|Đăng ký kết hợp nhận cha, mẹ, con", notes)

	print "book,number,registered_on,full_name,sex,date_of_birth,place_of_birth,ethnicity,nationality,hometown,id_number,father_name,father_birth_year,father_ethnicity,father_nationality,father_residence,mother_name,mother_birth_year,mother_ethnicity,mother_nationality,mother_residence,declarant,registrar,note"

	first_year = 1960
	per_year = int(n / 66) + 1
	for (i = 0; i < n; i++) {
		year = first_year + int(i / per_year)
		k = i % per_year
		book = two(int(k / 200) + 1) "/" year
		number = k % 200 + 1
		# Born earlier in the year than registered; registered within 60 days.
		regday = int(k * 364 / per_year)
		bornday = regday - rnd(60)
		if (bornday < 0) bornday = 0
		split(month_day(bornday), bd, " ")
		split(month_day(regday), rd, " ")
		dob = year "-" two(bd[1]) "-" two(bd[2])
		reg = year "-" two(rd[1]) "-" two(rd[2])

		male = rnd(2)
		fam = family()
		mfam = family()
		father = fam " " person(1)
		mother = mfam " " person(0)
		child = fam " " person(male)
		fyear = year - 20 - rnd(23)
		myear = year - 18 - rnd(20)
		feth = pick(eth, neth)
		meth = rnd(10) ? feth : pick(eth, neth)
		id = ""
		if (year >= 2016) {
			id = "074" (male ? "2" : "3") substr(year, 3, 2)
			for (d = 0; d < 6; d++) id = id rnd(10)
		}
		res = residence()
		nofather = rnd(40) == 0
		line = book "," number "," reg "," child "," (male ? "Nam" : "Nữ") "," dob
		line = line "," cell(pick(places, nplaces)) "," (rnd(10) ? feth : meth) ",Việt Nam"
		line = line "," cell(pick(home, nhome)) "," id
		if (nofather)
			line = line ",,,,,"
		else
			line = line "," father "," fyear "," feth ",Việt Nam," cell(res)
		line = line "," mother "," myear "," meth ",Việt Nam," cell(rnd(8) ? res : residence())
		line = line "," (nofather || rnd(3) == 0 ? mother : father)
		line = line "," pick(registrar, nregistrar) "," (rnd(50) ? "" : cell(pick(notes, nnotes)))
		print line
	}
}

# Month and day of the d-th day (0..364) of a common year.
function month_day(d,   m) {
	split("31 28 31 30 31 30 31 31 30 31 30 31", ml, " ")
	for (m = 1; m <= 12 && d >= ml[m] + 0; m++)
		d -= ml[m]
	return m " " (d + 1)
}
