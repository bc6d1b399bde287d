#!/bin/sh
# Fills a new register with N dossiers (default 1,000,000) for the report
# benchmarks: the database is made by motcua itself (init: its schema, its
# seeded procedures), then the dossiers go in with sqlite3, in one
# transaction, as 1,000 a day from 2023-07-01 (a little under three years).
#
#   sh bench/gen-dossiers.sh DB [N]
#
# The data are made up but shaped like an office's: seven procedures, eight
# clerks, three channels, most dossiers returned (some late), some open
# (some of them overdue), rejected, withdrawn, stopped, waiting for a
# supplement. The applicants have Vietnamese names (a family name, Nguyễn
# for nearly a third, a middle name and a given name), so that the common
# "Nguyễn Văn" holds about one dossier in seventeen; four of a million
# carry the rare "Tôn Nữ Diễm Kiều". The pseudo-random choices come from the
# row number, so that every run makes the same register.
#
# The index of names for dossier find is then built by motcua itself: the
# register is handed to it as a version-6 database, whose upgrade indexes
# the dossiers it finds (core/upgrade.c). Both times go to stderr.
set -eu
db=${1:?usage: gen-dossiers.sh DB [N]}
n=${2:-1000000}
top=$(cd "$(dirname "$0")/.." && pwd)
motcua=${MOTCUA:-$top/motcua}

[ -e "$db" ] && { echo "gen-dossiers: $db exists" >&2; exit 1; }
MOTCUA_NOW=2026-04-29T09:00:00+07:00 "$motcua" --db "$db" init --training --unit-id 000.00.22.H12 \
	--unit-name "UBND phường Vĩnh Phú" >/dev/null
# The index of names is that of migration 7 (core/schema.c): this script
# takes it out and lets motcua build it again.
version=$(sqlite3 "$db" 'PRAGMA user_version')
[ "$version" = 7 ] || {
	echo "gen-dossiers: schema version $version: update how this script rebuilds the index of names (version 7)" >&2
	exit 1
}
start=$(date +%s%N)

# Day 19539 is 2023-07-01. Times are Unix seconds; the office is at +07:00.
sqlite3 "$db" <<EOF
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE p AS
	SELECT row_number() OVER (ORDER BY code) - 1 AS k, code, days FROM procedures;
-- Names: a family name (the list weighs them), a middle and a given name.
CREATE TEMP TABLE fam(k INTEGER PRIMARY KEY, name TEXT);
INSERT INTO fam(k, name) SELECT key, value FROM json_each('["Nguyễn","Nguyễn","Nguyễn",
	"Nguyễn","Nguyễn","Nguyễn","Nguyễn","Trần","Trần","Lê","Lê","Phạm","Hoàng","Huỳnh",
	"Phan","Vũ","Võ","Đặng","Bùi","Đỗ","Hồ","Ngô","Dương","Lý"]');
CREATE TEMP TABLE mid(k INTEGER PRIMARY KEY, name TEXT);
INSERT INTO mid(k, name) SELECT key, value FROM json_each('["Văn","Văn","Văn","Thị","Thị",
	"Thị","Ngọc","Minh","Hữu","Đức","Thanh","Quốc","Hoàng","Thu","Kim","Xuân","Gia",
	"Bảo","Thị Thu","Văn Hoàng"]');
CREATE TEMP TABLE giv(k INTEGER PRIMARY KEY, name TEXT);
INSERT INTO giv(k, name) SELECT key, value FROM json_each('["An","Anh","Bình","Châu","Cường",
	"Dũng","Duyên","Đức","Giang","Hà","Hải","Hạnh","Hiếu","Hoa","Hùng","Hương","Khánh",
	"Lan","Linh","Long","Mai","Minh","My","Nam","Nga","Ngọc","Nhung","Phong","Phúc",
	"Phương","Quân","Quang","Sơn","Tâm","Thảo","Thắng","Trang","Trung","Tú","Tuấn",
	"Uyên","Vân","Việt","Vy","Xuân","Yến","Đông","Đạt","Hậu","Lộc"]');
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $n - 1),
r AS (
	SELECT i, 19539 + i / 1000 AS day, i % 1000 + 1 AS seq,
	       (i * 2654435761) % 4294967296 AS h
	FROM n
),
d AS (
	SELECT r.*, p.code AS proc, p.days AS pdays,
	       (19539 + i / 1000) * 86400 - 25200 + 27000 + (h % 32400) AS rec,
	       (h / 7) % 100 AS pick
	FROM r JOIN p ON p.k = h % 7
),
e AS (
	SELECT d.*,
	       rec + (CASE WHEN pdays = 0 THEN 28800 ELSE pdays * 86400 + (pdays / 5) * 172800 END) AS due,
	       CASE WHEN pick < 62 THEN 'returned' WHEN pick < 70 THEN 'done'
		    WHEN pick < 74 THEN 'processing' WHEN pick < 76 THEN 'received'
		    WHEN pick < 78 THEN 'supplement' WHEN pick < 80 THEN 'payment'
		    WHEN pick < 88 THEN 'rejected' WHEN pick < 94 THEN 'withdrawn'
		    ELSE 'stopped' END AS st
	FROM d
)
INSERT INTO dossiers(code, unit_id, day, seq, pin, procedure, days, applicant,
	id_number, phone, email, address, channel, delivery, documents, sets, note,
	status, received_at, due_at, finished_at, returned_at, paused_at, clerk, updated_at)
SELECT printf('000.00.22.H12-%s-%04d', substr(strftime('%Y%m%d', day * 86400, 'unixepoch'), 3), seq),
       '000.00.22.H12', day, seq, printf('%06X', h % 16777216), proc, pdays,
       CASE WHEN i % 250000 = 123456 THEN 'Tôn Nữ Diễm Kiều'
	    ELSE (SELECT name FROM fam WHERE k = (h / 11) % (SELECT count(*) FROM fam)) || ' ' ||
		 (SELECT name FROM mid WHERE k = (h / 263) % (SELECT count(*) FROM mid)) || ' ' ||
		 (SELECT name FROM giv WHERE k = (h / 7919) % (SELECT count(*) FROM giv)) END,
       printf('0791%08d', i % 100000000),
       CASE WHEN h % 3 THEN printf('09%08d', h % 100000000) END, NULL,
       'Khu phố ' || (h % 12 + 1) || ', phường Vĩnh Phú',
       CASE h % 10 WHEN 0 THEN 'post' WHEN 1 THEN 'online' WHEN 2 THEN 'online' ELSE 'counter' END,
       CASE h % 10 WHEN 0 THEN 'post' ELSE 'counter' END,
       'Tờ khai' || char(10) || 'Giấy tờ tùy thân', 1, NULL, st, rec, due,
       CASE WHEN st IN ('done', 'returned')
	    THEN CASE WHEN h % 13 = 0 THEN due + 3600 * (1 + h % 40) ELSE rec + (due - rec) * (h % 90) / 100 END END,
       CASE WHEN st = 'returned'
	    THEN (CASE WHEN h % 13 = 0 THEN due + 3600 * (1 + h % 40) ELSE rec + (due - rec) * (h % 90) / 100 END) + 86400 END,
       CASE WHEN st = 'supplement' THEN rec + (due - rec) * (h % 120) / 100 END,
       'clerk' || (h % 8 + 1), rec + 3600
FROM e;
DROP TABLE dossier_names;
DROP TABLE dossier_terms;
PRAGMA user_version = 6;
COMMIT;
EOF
made=$(date +%s%N)
# Any command upgrades it; this one prints nothing.
MOTCUA_NOW=2026-04-29T09:00:00+07:00 "$motcua" --db "$db" -q dossier list --from 2099-01-01
indexed=$(date +%s%N)
awk -v n="$n" -v a="$start" -v b="$made" -v c="$indexed" 'BEGIN {
	printf "gen-dossiers: %d dossiers in %.1f s, their index of names in %.1f s\n",
		n, (b - a) / 1e9, (c - b) / 1e9 > "/dev/stderr"
}'
