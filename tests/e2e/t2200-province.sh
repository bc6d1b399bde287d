#!/bin/sh
# The province in PostgreSQL: `province init` makes its schema and names
# each ward's role; two wards push (`sync push`) and `province summary`
# is the sum of their `report summary`; a second push sends nothing; a
# push cut before a batch's commit resumes to the same rows; a ward whose
# log was rewritten is refused and named by `province check`; a ward's
# role reads and writes its own rows only; a wrong URL, a dead server and
# an old schema each give their exit code. A real PostgreSQL 15 runs
# in a throw-away cluster (tests/pg.sh).
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/pg.sh"
pg_start

ADMIN=$(pg_url postgres)
A=$TMP/a.db
B=$TMP/b.db

# Two wards, each with its dossiers, history and a register entry.
ward() { MOTCUA_DB=$1 "$MOTCUA" "$@" 2>&1; }
for w in a b; do
	db=$TMP/$w.db unit=000.00.22.H1$([ $w = a ] && echo 2 || echo 3)
	MOTCUA_DB=$db "$MOTCUA" init --training --unit-id "$unit" --unit-name "UBND phường $w" \
		>/dev/null 2>"$TMP/init.err" || { not_ok "init $w"; cat "$TMP/init.err"; exit 1; }
done
new() { MOTCUA_DB=$1 "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "$2"; }
a1=$(new "$A" "Nguyễn Văn An") a2=$(new "$A" "Trần Thị Bình") a3=$(new "$A" "Lê Đức")
b1=$(new "$B" "Phạm Văn Cường")
MOTCUA_DB=$A "$MOTCUA" dossier update "$a1" --status processing >/dev/null
MOTCUA_DB=$A "$MOTCUA" dossier update "$a1" --status done >/dev/null
MOTCUA_DB=$B "$MOTCUA" register add birth --book 01/2026 --number 1 --registered-on 2026-04-01 \
	--full-name "Đặng Thị Hoa" --sex Nữ --date-of-birth 2026-03-20 \
	--registering-office "UBND xã Tân Vĩnh Hiệp" >/dev/null 2>&1 ||
	not_ok "register add"

# 1. init: the schema, the wards' roles, the reader.
expect_code 0 "province init" province init "$ADMIN" --ward 000.00.22.H12=ward_a \
	--ward 000.00.22.H13=ward_b --reader reader
# The schema's version, whatever its number: the count of migrations.
V=$(pg_sql "SELECT max(version) FROM province_migrations")
expect_out "says what it did" "The province's schema is now at version $V (was 0).
Ward 000.00.22.H12 writes as role ward_a.
Ward 000.00.22.H13 writes as role ward_b.
Role reader reads every ward."
expect_code 0 "init again" province init "$ADMIN"
expect_out "nothing to do" "The province's schema is up to date (version $V)."
expect_code 2 "a --ward without a role" province init "$ADMIN" --ward 000.00.22.H12

# 2. Each ward pushes, in small batches.
expect_code 0 "ward A pushes" --db "$A" sync push --url "$(pg_url ward_a)" --batch 3
headA=$(sqlite3 "$A" "select max(id) from audit_log")
grep -q "holds the log up to record $headA\." "$TMP/out" && ok "A: up to its head" ||
	not_ok "A: $(cat "$TMP/out")"
MOTCUA_DB=$B "$MOTCUA" config set sync_url "$(pg_url ward_b)" >/dev/null
expect_code 0 "ward B pushes (sync_url)" --db "$B" sync push --format json
headB=$(sqlite3 "$B" "select max(id) from audit_log")
expect_eq "B: its records, one batch" "1 $headB $headB" \
	"$(jq -r '"\(.batches) \(.records) \(.head)"' "$TMP/out")"

# Counts and checksums: the province holds what each ward holds.
same() { # WARD-DB UNIT TABLE ORDER-COLUMNS
	w=$(sqlite3 "$1" "select count(*) || ' ' || coalesce(group_concat($4, '|'), '') from (select * from $3 order by id)")
	p=$(pg_sql "select count(*) || ' ' || coalesce(string_agg($4, '|' order by id), '') from $3 where unit_id = '$2'")
	expect_eq "$3 of $2 at the province" "$w" "$p"
}
for t in dossiers dossier_history audit_log; do
	case $t in
	dossiers) cols="code || ':' || status || ':' || updated_at" ;;
	dossier_history) cols="dossier_id || ':' || status || ':' || at" ;;
	audit_log) cols="hash" ;;
	esac
	same "$A" 000.00.22.H12 $t "$cols"
	same "$B" 000.00.22.H13 $t "$cols"
done
headA0=$(sqlite3 "$A" "select max(id) from audit_log")
headB0=$(sqlite3 "$B" "select max(id) from audit_log")
same "$B" 000.00.22.H13 births "full_name || ':' || book || '/' || number || ':' || registering_office"
expect_eq "B's entry has its folded words, tagged (name 0, 3 words)" \
	"{03d,03da,03dan,03dang,03t,03th,03thi,03h,03ho,03hoa}" \
	"$(pg_sql "select words from births where unit_id = '000.00.22.H13'")"

# 3. Pushing again sends nothing, changes nothing.
before=$(pg_sql "select count(*) from audit_log")/$(pg_sql "select count(*) from dossiers")
expect_code 0 "A pushes again" --db "$A" sync push --url "$(pg_url ward_a)"
expect_out "nothing to push" "Nothing to push: the province holds the log up to record $headA."
expect_eq "the province unchanged" "$before" \
	"$(pg_sql "select count(*) from audit_log")/$(pg_sql "select count(*) from dossiers")"

# 4. The summary is the sum of the wards'.
sum=$(for db in "$A" "$B"; do MOTCUA_DB=$db "$MOTCUA" report summary --format json; done |
	jq -s -c 'map(del(.on_time_rate)) | reduce .[] as $r ({}; reduce ($r|keys[]) as $k (.; .[$k] += $r[$k]))')
expect_code 0 "province summary" province summary --url "$(pg_url reader)" --format json
expect_eq "its units" "000.00.22.H12 000.00.22.H13" "$(jq -r 'map(.unit) | join(" ")' "$TMP/out")"
expect_eq "the sum of the wards' report summary" "$sum" \
	"$(jq -c 'map(del(.on_time_rate, .unit)) | reduce .[] as $r ({}; reduce ($r|keys[]) as $k (.; .[$k] += $r[$k]))' "$TMP/out")"
expect_code 0 "province summary --by procedure (text)" province summary --url "$(pg_url reader)" \
	--by procedure
expect_grep "a row for the procedure" "2.000635" "$TMP/out"
expect_grep "and a total" "total" "$TMP/out"
expect_code 0 "province summary --format csv" province summary --url "$(pg_url reader)" --format csv
expect_eq "CSV: the keys of report summary" \
	"unit,received,in_progress,on_time,late,overdue,rejected,withdrawn,stopped,on_time_rate,rescheduled" \
	"$(head -1 "$TMP/out")"

# 5. Any ward's dossier, by its code.
expect_code 0 "province status" province status "$a1" --url "$(pg_url reader)" --format json
expect_eq "A's dossier, its history" "000.00.22.H12 done 3" \
	"$(jq -r '"\(.unit_id) \(.status) \(.history | length)"' "$TMP/out")"
expect_code 1 "an unknown code" province status X-0000 --url "$(pg_url reader)"
expect_err "named" "motcua: no dossier X-0000 at the province"

# 6. A push cut before a batch's commit (MOTCUA_TEST_PUSH_CUT, net/push.h)
# leaves the batches committed before it, and the next push resumes.
for i in 1 2 3 4 5 6; do new "$A" "Người $i" >/dev/null; done
MOTCUA_DB=$A "$MOTCUA" dossier update "$a2" --status processing >/dev/null
MOTCUA_TEST_PUSH_CUT=1 "$MOTCUA" --db "$A" sync push --url "$(pg_url ward_a)" --batch 2 \
	>"$TMP/out" 2>"$TMP/err"
expect_eq "killed in its second batch" 137 $?
expect_eq "the first batch stands, no more" $((headA + 2)) \
	"$(pg_sql "select max(id) from audit_log where unit_id = '000.00.22.H12'")"
# The server ends the backend in the middle of the next batch.
export MOTCUA_TEST_PUSH_TERMINATE=1
expect_code 75 "a backend terminated: exit 75" --db "$A" sync push --url "$(pg_url ward_a)" \
	--batch 2
unset MOTCUA_TEST_PUSH_TERMINATE
expect_grep "libpq's reason" "lost the province's database: " "$TMP/err"
expect_eq "one more batch stands" $((headA + 4)) \
	"$(pg_sql "select max(id) from audit_log where unit_id = '000.00.22.H12'")"
expect_code 0 "the next push resumes" --db "$A" sync push --url "$(pg_url ward_a)" --batch 2
headA=$(sqlite3 "$A" "select max(id) from audit_log")
for t in dossiers dossier_history audit_log; do
	case $t in
	dossiers) cols="code || ':' || status || ':' || updated_at" ;;
	dossier_history) cols="dossier_id || ':' || status || ':' || at" ;;
	audit_log) cols="hash" ;;
	esac
	same "$A" 000.00.22.H12 $t "$cols"
done

# 7. Row-level security: a ward reads and writes its own rows only.
as() { "$PG_BIN/psql" -X -q -At -h "$PGDIR" -U "$1" -d province -c "$2" 2>&1; }
expect_eq "A sees only its dossiers" "000.00.22.H12" \
	"$(as ward_a "select distinct unit_id from dossiers")"
expect_eq "A sees none of B's log" "0" \
	"$(as ward_a "select count(*) from audit_log where unit_id = '000.00.22.H13'")"
case $(as ward_a "insert into pushes(unit_id, first_record, last_record, rows) values ('000.00.22.H13', 1, 1, 0)") in
*"row-level security"*) ok "A cannot write B's rows" ;;
*) not_ok "A wrote a row of B's" ;;
esac
expect_eq "A's update of B's dossiers touches none" 0 \
	"$(as ward_a "with u as (update dossiers set status = 'done'
		where unit_id = '000.00.22.H13' returning 1) select count(*) from u")"
expect_code 1 "B's role cannot push A's log" --db "$A" sync push --url "$(pg_url ward_b)"
expect_err "refused, named" "motcua: the province knows no ward 000.00.22.H12 whose role is the one connected: its owner adds it with 'motcua province init URL --ward 000.00.22.H12=ROLE'"

# 8. The witness: B's log rewritten from its first record on, rechained.
expect_code 0 "province check: all well" province check --url "$(pg_url reader)" --format json
expect_eq "both chains ok" "ok ok" "$(jq -r 'map(.chain) | join(" ")' "$TMP/out")"
sqlite3 "$B" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET clerk = 'mallory' WHERE id = 2;"
"$HELPERS/forge-audit" "$B" --rehash >/dev/null 2>&1 || not_ok "forge-audit"
MOTCUA_DB=$B "$MOTCUA" dossier update "$b1" --status processing >/dev/null
before=$(pg_sql "select count(*) from audit_log where unit_id = '000.00.22.H13'")
expect_code 1 "B's push refused" --db "$B" sync push
case $(cat "$TMP/err") in
"motcua: the audit log was rewritten: record 2 differs from the province's copy "*) ok "names record 2" ;;
*) not_ok "the message: $(cat "$TMP/err")" ;;
esac
expect_eq "nothing sent" "$before" \
	"$(pg_sql "select count(*) from audit_log where unit_id = '000.00.22.H13'")"
expect_eq "the incident recorded" "000.00.22.H13 2" "$(pg_sql "select unit_id || ' ' || record from incidents")"
expect_code 1 "province check names B" province check --url "$(pg_url reader)" --format json
expect_eq "B rewritten at record 2" "ok|rewritten at 2" "$(jq -r 'map(.chain) | join("|")' "$TMP/out")"
expect_err "says how many" "motcua: 1 ward has a problem"
# The pushes' times are the server's clock: set to a day of the test's.
pg_sql "UPDATE pushes SET at = '2026-04-29 09:00+07'" >/dev/null
silent() {
	MOTCUA_NOW=2026-05-20T09:00:00+07:00 "$MOTCUA" province check --url "$(pg_url reader)" \
		--silent-days "$1" --format csv 2>/dev/null |
		tail -n +2 | awk -F, '{printf "%s%s", (NR > 1 ? " " : ""), $NF}'
}
expect_eq "silent after 3 days" "true true" "$(silent 3)"
expect_eq "not after 30" "false false" "$(silent 30)"

# 8b. The checkpoints the pushes sent: one per push that sent something,
# at the record it ended on, signed with the ward's key.
expect_eq "A's: its first push and the one that resumed (the cut ones sent none)" \
	"$((headA0)) $headA" \
	"$(pg_sql "select string_agg(record::text, ' ' order by record) from checkpoints where unit_id = '000.00.22.H12'")"
pg_sql "select line from checkpoints where unit_id = '000.00.22.H12' order by record" >"$TMP/witness.txt"
expect_code 0 "they are A's own checkpoints: db check --witness takes them" --db "$A" db check -q \
	--witness "$TMP/witness.txt"
expect_code 1 "B's rewritten chain" province check --url "$(pg_url reader)" --format json
expect_eq "A's checkpoints hold, B's first too (the province's copy is not rewritten)" \
	"ok at $headA 2|ok at $headB0 1" \
	"$(jq -r 'map("\(.checkpoint) \(.checkpoints)") | join("|")' "$TMP/out")"
# A checkpoint slipped in with the ward's role but another office's key
# (an office of the same unit id made elsewhere), and one of A's own key
# at a record the province does not hold.
C=$TMP/c.db
MOTCUA_DB=$C "$MOTCUA" init --training --unit-id 000.00.22.H12 --unit-name "Giả mạo" >/dev/null
forged=$(MOTCUA_DB=$C "$MOTCUA" -q audit checkpoint)
frec=$(echo "$forged" | cut -d' ' -f3)
as ward_a "insert into checkpoints(unit_id, record, line, public_key) values
	('000.00.22.H12', $frec, '$forged', '$(MOTCUA_DB=$C "$MOTCUA" -q key export 2>/dev/null)')" >/dev/null
expect_code 1 "province check" province check --url "$(pg_url reader)" --format json
expect_eq "names the forged one" "signed with another key at $frec" \
	"$(jq -r '.[0].checkpoint' "$TMP/out")"
expect_eq "by its record" "$frec" "$(jq -r '.[0].checkpoint_bad' "$TMP/out")"
expect_err "two wards with a problem" "motcua: 2 wards have a problem"
pg_sql "delete from checkpoints where record = $frec" >/dev/null
MOTCUA_DB=$A "$MOTCUA" dossier note "$a3" "chưa gửi lên tỉnh" >/dev/null
ahead=$(MOTCUA_DB=$A "$MOTCUA" -q audit checkpoint)
arec=$(echo "$ahead" | cut -d' ' -f3)
as ward_a "insert into checkpoints(unit_id, record, line, public_key) values
	('000.00.22.H12', $arec, '$ahead', '$(MOTCUA_DB=$A "$MOTCUA" -q key export)')" >/dev/null
expect_code 1 "A's own checkpoint of a record it never pushed" province check \
	--url "$(pg_url reader)" --format json
expect_eq "is not the province's chain" "not the province's chain at $arec" \
	"$(jq -r '.[0].checkpoint' "$TMP/out")"

# 9. Exit codes: a wrong URL (2), a dead server (75), an old schema (69).
expect_code 2 "no --url, no sync_url" --db "$A" sync push
expect_err "says how to give one" "motcua: no province to push to: give --url or set sync_url (motcua config set sync_url URL)"
expect_code 65 "sync_url with a password" --db "$A" config set sync_url "host=x password=secret"
expect_code 65 "sync_url with a password in a URI" --db "$A" config set sync_url "postgresql://u:secret@x/p"
expect_err "refused, saying where it goes" "motcua: sync_url: \"postgresql://u:secret@x/p\" holds a password: keep it in ~/.pgpass or a service file, which libpq reads"
expect_eq "nothing stored" "" "$(sqlite3 "$A" "select value from settings where key = 'sync_url'")"
expect_code 2 "a connection string libpq cannot read" province summary --url "host=$PGDIR nosuch=1"
expect_code 1 "the reader cannot add a ward" province init "$(pg_url reader)" \
	--ward 000.00.22.H14=ward_a
expect_grep "PostgreSQL's reason" "must have admin option" "$TMP/err"
pg_sql "DELETE FROM province_migrations WHERE version = $V" >/dev/null
expect_code 69 "an old schema" --db "$A" sync push --url "$(pg_url ward_a)"
expect_err "names province init" "motcua: the province's database has schema version $((V - 1)), this motcua needs $V: run 'motcua province init' on it"
expect_code 69 "summary too" province summary --url "$(pg_url reader)"
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m immediate -s stop >/dev/null 2>&1
expect_code 75 "a dead server" --db "$A" sync push --url "$(pg_url ward_a)"
case $(cat "$TMP/err") in
"motcua: cannot reach the province's database: connection to server on socket "*) ok "libpq's reason" ;;
*) not_ok "the message: $(cat "$TMP/err")" ;;
esac
expect_code 75 "province check too" province check --url "$(pg_url reader)"
