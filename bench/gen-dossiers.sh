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
# supplement. The pseudo-random choices come from the row number, so that
# every run makes the same register.
set -eu
db=${1:?usage: gen-dossiers.sh DB [N]}
n=${2:-1000000}
top=$(cd "$(dirname "$0")/.." && pwd)
motcua=${MOTCUA:-$top/motcua}

[ -e "$db" ] && { echo "gen-dossiers: $db exists" >&2; exit 1; }
MOTCUA_NOW=2026-04-29T09:00:00+07:00 "$motcua" --db "$db" init --unit-id 000.00.22.H12 \
	--unit-name "UBND phường Vĩnh Phú" >/dev/null

# Day 19539 is 2023-07-01. Times are Unix seconds; the office is at +07:00.
sqlite3 "$db" <<EOF
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE p AS
	SELECT row_number() OVER (ORDER BY code) - 1 AS k, code, days FROM procedures;
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
       'Nguyễn Văn ' || i, printf('0791%08d', i % 100000000),
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
COMMIT;
EOF
