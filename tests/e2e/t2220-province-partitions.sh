#!/bin/sh
# The province's history and audit log partitioned by unit (its schema
# 5), and its dossiers (8): a province of schema 4 that holds two wards' rows (one of them cut
# in the middle of a push, as the push before this schema left it) is
# upgraded with every row moved into the wards' partitions, and the
# pushes that follow resume to the wards' counts and checksums; a ward's
# role is refused when it COPYs or INSERTs into another ward's partition,
# reads it, or COPYs into the parent, and a row of another unit copied
# into its own partition is refused by the partition's bound; `province
# init --ward` makes a new ward's partitions and grants them to its role
# alone, and a ward given a new role takes them from the old one. A push
# COPYs the dossiers new to the province straight into its partition and
# stages those it may have (the server's log of the ward's statements).
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/pg.sh"
pg_start

ADMIN=$(pg_url postgres)
UA=000.00.22.H12
UB=000.00.22.H13
A=$TMP/a.db
B=$TMP/b.db
for w in a b; do
	unit=$([ $w = a ] && echo $UA || echo $UB)
	MOTCUA_DB=$TMP/$w.db "$MOTCUA" init --training --unit-id "$unit" --unit-name "UBND phường $w" \
		>/dev/null 2>"$TMP/init.err" || { not_ok "init $w"; cat "$TMP/init.err"; exit 1; }
done
new() { MOTCUA_DB=$1 "$MOTCUA" -q dossier new --procedure 2.000635 --applicant "$2"; }
a1=$(new "$A" "Nguyễn Văn An")
a2=$(new "$A" "Trần Thị Bình")
MOTCUA_DB=$A "$MOTCUA" dossier update "$a1" --status processing >/dev/null
b1=$(new "$B" "Phạm Văn Cường")
MOTCUA_DB=$B "$MOTCUA" dossier update "$b1" --status processing >/dev/null
psql_as() { "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$PGDIR" -U "$1" -d province "$@"; }
as() { r=$1; shift; psql_as "$r" -c "$1" 2>&1; }
# copy_as ROLE TABLE LINE: COPYs one line of COPY text into TABLE.
copy_as() { printf '%s\n' "$3" | psql_as "$1" -c "COPY $2 FROM STDIN" 2>&1; }

# 1. A province of schema 4 (tests/helpers/province-sql), its two wards,
# and their rows as the push of that schema left them: B's whole, A's
# cut after the batch of a1's first record, which brought a1 with its
# whole history (its processing too) and not a2's, whose history line
# lies between a1's two.
"$HELPERS/province-sql" 4 | psql_as postgres -f - >/dev/null 2>"$TMP/old.err" ||
	{ not_ok "a province of schema 4"; cat "$TMP/old.err"; exit 1; }
pg_sql "INSERT INTO wards(unit_id, role) VALUES ('$UA', 'ward_a'), ('$UB', 'ward_b');
	GRANT motcua_ward TO ward_a, ward_b; GRANT motcua_reader TO reader" >/dev/null
DCOLS="id, code, day, seq, pin, procedure, days, applicant, id_number, phone, email, address, channel, delivery, documents, sets, note, status, received_at, due_at, finished_at, returned_at, paused_at, clerk, updated_at, promised_at"
HCOLS="id, dossier_id, at, status, clerk, note, reason, old_due, new_due, event, changes"
LCOLS="id, at, clerk, command, tbl, key, change, row_hash, prev_hash, hash, os_user"
cut=$(sqlite3 "$A" "select min(id) from audit_log where tbl = 'dossiers' and key = '$a1'")
load() { # DB UNIT TABLE COLS WHERE
	sqlite3 -csv "$1" "SELECT '$2', $4 FROM $3 WHERE $5" >"$TMP/rows.csv"
	psql_as postgres -c "\\copy $3 (unit_id, $4) FROM '$TMP/rows.csv' CSV" >/dev/null 2>&1 ||
		not_ok "the old province's $3 of $2"
}
load "$B" $UB dossiers "$DCOLS" 1
load "$B" $UB dossier_history "$HCOLS" 1
load "$B" $UB audit_log "$LCOLS" 1
load "$A" $UA dossiers "$DCOLS" "code = '$a1'"
load "$A" $UA dossier_history "$HCOLS" "dossier_id = (select id from dossiers where code = '$a1')"
load "$A" $UA audit_log "$LCOLS" "id <= $cut"
expect_eq "A's history at the old province has a gap (a2's line)" "2 1" \
	"$(pg_sql "select count(*) || ' ' || (max(id) - min(id) + 1 - count(*)) from dossier_history where unit_id = '$UA'")"
sums() {
	pg_sql "select unit_id || ':' || count(*) || ':' || md5(string_agg(hash, '|' order by id))
		from audit_log group by unit_id order by 1" | tr '\n' ' '
	pg_sql "select unit_id || ':' || count(*) || ':' || md5(string_agg(dossier_id || ':' || status
		|| ':' || at, '|' order by id)) from dossier_history group by unit_id order by 1" | tr '\n' ' '
}
before=$(sums)
expect_code 69 "the old schema: this motcua does not push to it" --db "$A" sync push \
	--url "$(pg_url ward_a)"

# 2. The upgrade.
expect_code 0 "province init upgrades it" province init "$ADMIN"
V=$(pg_sql "select max(version) from province_migrations")
expect_out "from 4" "The province's schema is now at version $V (was 4)."
expect_eq "every row moved, as it was" "$before" "$(sums)"
parts() {
	pg_sql "select string_agg(c.relname, ' ' order by c.relname) from pg_inherits i
		join pg_class c on c.oid = i.inhrelid where i.inhparent = '$1'::regclass"
}
expect_eq "the log: a partition per ward" "audit_log@$UA audit_log@$UB" "$(parts audit_log)"
expect_eq "the history too" "dossier_history@$UA dossier_history@$UB" "$(parts dossier_history)"
expect_eq "and the dossiers" "dossiers@$UA dossiers@$UB" "$(parts dossiers)"
expect_eq "the tables of schemas 4 and 7 gone" "none none none" \
	"$(pg_sql "select coalesce(to_regclass('audit_log_4')::text, 'none') || ' ' ||
		coalesce(to_regclass('dossier_history_4')::text, 'none') || ' ' ||
		coalesce(to_regclass('dossiers_7')::text, 'none')")"
priv() { pg_sql "select has_table_privilege('$1', '\"$2\"', '$3')"; }
expect_eq "A's role: SELECT and INSERT on its partitions, none on B's" "t t t t f f f" \
	"$(priv ward_a "audit_log@$UA" SELECT) $(priv ward_a "audit_log@$UA" INSERT) $(priv ward_a "dossier_history@$UA" SELECT) $(priv ward_a "dossier_history@$UA" INSERT) $(priv ward_a "audit_log@$UB" INSERT) $(priv ward_a "dossier_history@$UB" INSERT) $(priv ward_a "audit_log@$UB" SELECT)"
expect_eq "nor UPDATE on its own" "f" "$(priv ward_a "audit_log@$UA" UPDATE)"
expect_eq "its dossiers' partition: SELECT and INSERT, not UPDATE; none on B's" "t t f f f" \
	"$(priv ward_a "dossiers@$UA" SELECT) $(priv ward_a "dossiers@$UA" INSERT) $(priv ward_a "dossiers@$UA" UPDATE) $(priv ward_a "dossiers@$UB" INSERT) $(priv ward_a "dossiers@$UB" SELECT)"
expect_eq "the reader reads every ward's log through the parent" "$UA $UB" \
	"$(as reader "select string_agg(distinct unit_id, ' ') from audit_log")"

# 3. The pushes resume: A's gap filled, everything as the wards have it.
# The server logs A's statements from here on.
pg_sql "ALTER ROLE ward_a SET log_statement = 'all'" >/dev/null
expect_code 0 "A pushes after the upgrade" --db "$A" sync push --url "$(pg_url ward_a)" --batch 2
expect_code 0 "B has nothing more" --db "$B" sync push --url "$(pg_url ward_b)"
expect_out "B: nothing" "Nothing to push: the province holds the log up to record $(sqlite3 "$B" "select max(id) from audit_log")."
same() { # WARD-DB UNIT TABLE ORDER-COLUMNS
	w=$(sqlite3 "$1" "select count(*) || ' ' || coalesce(group_concat($4, '|'), '') from (select * from $3 order by id)")
	p=$(pg_sql "select count(*) || ' ' || coalesce(string_agg($4, '|' order by id), '') from $3 where unit_id = '$2'")
	expect_eq "$3 of $2 at the province" "$w" "$p"
}
check_same() {
	for w in A B; do
		db=$([ $w = A ] && echo "$A" || echo "$B")
		unit=$([ $w = A ] && echo $UA || echo $UB)
		same "$db" "$unit" dossiers "code || ':' || status || ':' || updated_at"
		same "$db" "$unit" dossier_history "dossier_id || ':' || status || ':' || at"
		same "$db" "$unit" audit_log "hash"
	done
}
check_same
no_grep() { # DESC PATTERN FILE
	if grep -qF "$2" "$3"; then not_ok "$1: $(grep -F "$2" "$3" | head -1)"; else ok "$1"; fi
}
# a2, which the province lacked, went straight in; a1, which it held, was
# staged (moved in by INSERT ... ON CONFLICT).
a3=$(new "$A" "Lê Văn Cúc")
: >"$PGDIR/server.log"
expect_code 0 "A pushes a new dossier" --db "$A" sync push --url "$(pg_url ward_a)"
expect_grep "a new dossier: COPYed into A's partition" "COPY \"dossiers@$UA\" (unit_id, id, code," \
	"$PGDIR/server.log"
no_grep "nothing staged" "COPY stage_dossiers" "$PGDIR/server.log"
MOTCUA_DB=$A "$MOTCUA" dossier update "$a3" --status processing >/dev/null
: >"$PGDIR/server.log"
expect_code 0 "A pushes it moved on" --db "$A" sync push --url "$(pg_url ward_a)"
expect_grep "a dossier the province has: staged" "COPY stage_dossiers (unit_id, id, code," \
	"$PGDIR/server.log"
no_grep "not COPYed into the partition" "COPY \"dossiers@$UA\"" "$PGDIR/server.log"
check_same
# More of A's work, some of its dossiers moving on: their history comes
# again, with new lines; a push cut in its second batch, then resumed.
for i in 1 2 3; do new "$A" "Người $i" >/dev/null; done
MOTCUA_DB=$A "$MOTCUA" dossier update "$a2" --status processing >/dev/null
MOTCUA_DB=$A "$MOTCUA" dossier update "$a1" --status done >/dev/null
MOTCUA_TEST_PUSH_CUT=1 "$MOTCUA" --db "$A" sync push --url "$(pg_url ward_a)" --batch 2 \
	>"$TMP/out" 2>"$TMP/err"
expect_eq "killed in its second batch" 137 $?
expect_code 0 "resumed" --db "$A" sync push --url "$(pg_url ward_a)" --batch 2
check_same
expect_code 0 "pushed again" --db "$A" sync push --url "$(pg_url ward_a)"
expect_grep "nothing" "Nothing to push" "$TMP/out"
# A backend terminated in the middle of a COPY into A's partition: a
# trigger of the test ends it at the second record of the push's second
# batch, while the COPY still sends the rest.
headA=$(sqlite3 "$A" "select max(id) from audit_log")
for i in 4 5 6 7 8 9; do new "$A" "Người $i" >/dev/null; done
pg_sql "CREATE FUNCTION test_cut() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
		IF NEW.id = $((headA + 5)) THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
		RETURN NEW; END \$\$;
	CREATE TRIGGER test_cut BEFORE INSERT ON \"audit_log@$UA\" FOR EACH ROW
		EXECUTE FUNCTION test_cut()" >/dev/null
expect_code 75 "terminated mid-COPY: exit 75" --db "$A" sync push --url "$(pg_url ward_a)" \
	--batch 3
expect_grep "libpq's reason" "lost the province's database: " "$TMP/err"
expect_eq "the first batch stands, not the second" $((headA + 3)) \
	"$(pg_sql "select max(id) from audit_log where unit_id = '$UA'")"
pg_sql "DROP TRIGGER test_cut ON \"audit_log@$UA\"" >/dev/null
expect_code 0 "the next push resumes" --db "$A" sync push --url "$(pg_url ward_a)" --batch 3
check_same

# 4. What a ward's role may not do, straight into the partitions.
count() { pg_sql "select count(*) from $1 where unit_id = '$2'"; }
was=$(count audit_log $UB)/$(count dossier_history $UB)/$(count audit_log $UA)/$(count dossiers $UB)/$(count dossiers $UA)
line() { printf '%s\t999999\t1777428000\tmallory\tdossier new\tdossiers\tX\t{}\t\\N\t%064d\t%064d\t\\N' "$1" 0 1; }
dline() { printf '%s\t999999\t%s-260101-9999\t1\t1\t0000\t2.000635\t3\tMallory\t\\N\t\\N\t\\N\t\\N\tcounter\tcounter\t\\N\t\\N\t\\N\treceived\t1\t2\t\\N\t\\N\t\\N\tmallory\t1\t\\N' "$1" "$1"; }
hline() { printf '%s\t999999\t1\t1777428000\tdone\tmallory\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N' "$1"; }
refused() { # DESC PATTERN OUTPUT
	case $3 in
	*"$2"*) ok "$1" ;;
	*) not_ok "$1: $3" ;;
	esac
}
refused "A's role cannot COPY into B's log" "permission denied for table audit_log@$UB" \
	"$(copy_as ward_a "\"audit_log@$UB\"" "$(line $UB)")"
refused "nor into B's history" "permission denied for table dossier_history@$UB" \
	"$(copy_as ward_a "\"dossier_history@$UB\"" "$(hline $UB)")"
refused "nor into B's dossiers" "permission denied for table dossiers@$UB" \
	"$(copy_as ward_a "\"dossiers@$UB\"" "$(dline $UB)")"
refused "a dossier of B's unit COPYed into A's partition: refused by its bound" \
	"new row for relation \"dossiers@$UA\" violates partition constraint" \
	"$(copy_as ward_a "\"dossiers@$UA\"" "$(dline $UB)")"
refused "nor UPDATE of its own partition's dossiers" "permission denied for table dossiers@$UA" \
	"$(as ward_a "update \"dossiers@$UA\" set status = 'done'")"
refused "nor INSERT into B's log" "permission denied for table audit_log@$UB" \
	"$(as ward_a "insert into \"audit_log@$UB\" select * from \"audit_log@$UA\" limit 1")"
refused "nor read B's partition" "permission denied for table audit_log@$UB" \
	"$(as ward_a "select count(*) from \"audit_log@$UB\"")"
refused "a row of B's unit COPYed into A's own partition: refused by its bound" \
	"new row for relation \"audit_log@$UA\" violates partition constraint" \
	"$(copy_as ward_a "\"audit_log@$UA\"" "$(line $UB)")"
refused "INSERTed, the same" \
	"new row for relation \"dossier_history@$UA\" violates partition constraint" \
	"$(as ward_a "insert into \"dossier_history@$UA\" (unit_id, id, dossier_id, at, status, clerk)
		values ('$UB', 999999, 1, 1, 'done', 'mallory')")"
refused "COPY into the parent: refused (row-level security)" \
	"COPY FROM not supported with row-level security" \
	"$(copy_as ward_a audit_log "$(line $UA)")"
refused "INSERT of B's row through the parent: refused by its policy" \
	"new row violates row-level security policy" \
	"$(as ward_a "insert into audit_log select * from \"audit_log@$UA\" limit 0;
		insert into dossier_history (unit_id, id, dossier_id, at, status, clerk)
		values ('$UB', 999999, 1, 1, 'done', 'mallory')")"
expect_eq "A reads none of B's rows through the parent" "0 0" \
	"$(as ward_a "select (select count(*) from audit_log where unit_id = '$UB') || ' ' ||
		(select count(*) from dossier_history where unit_id = '$UB')")"
expect_eq "nothing changed" "$was" \
	"$(count audit_log $UB)/$(count dossier_history $UB)/$(count audit_log $UA)/$(count dossiers $UB)/$(count dossiers $UA)"

# 5. A new ward on the province as it is: its partitions, its role's.
expect_code 0 "a third ward" province init "$ADMIN" --ward 000.00.22.H14=ward_c
expect_eq "its partitions" "audit_log@$UA audit_log@$UB audit_log@000.00.22.H14" \
	"$(parts audit_log)"
expect_eq "granted to its role, not to A's" "t t t f f" \
	"$(priv ward_c "audit_log@000.00.22.H14" INSERT) $(priv ward_c "dossier_history@000.00.22.H14" INSERT) $(priv ward_c "dossiers@000.00.22.H14" INSERT) $(priv ward_a "audit_log@000.00.22.H14" INSERT) $(priv ward_a "dossiers@000.00.22.H14" INSERT)"
C=$TMP/c.db
MOTCUA_DB=$C "$MOTCUA" init --training --unit-id 000.00.22.H14 --unit-name "UBND phường c" \
	>/dev/null 2>&1 || not_ok "init c"
new "$C" "Võ Thị Dung" >/dev/null
expect_code 0 "it pushes" --db "$C" sync push --url "$(pg_url ward_c)"
same "$C" 000.00.22.H14 audit_log "hash"
same "$C" 000.00.22.H14 dossiers "code || ':' || status || ':' || updated_at"
same "$C" 000.00.22.H14 dossier_history "dossier_id || ':' || status || ':' || at"

# 6. B given a new role: the old one loses B's partitions.
expect_code 0 "B's role changed" province init "$ADMIN" --ward $UB=ward_d
expect_eq "the new role has them, the old none" "t t t f f f" \
	"$(priv ward_d "audit_log@$UB" INSERT) $(priv ward_d "dossier_history@$UB" SELECT) $(priv ward_d "dossiers@$UB" INSERT) $(priv ward_b "audit_log@$UB" INSERT) $(priv ward_b "dossier_history@$UB" SELECT) $(priv ward_b "dossiers@$UB" INSERT)"
refused "the old role's COPY refused" "permission denied for table audit_log@$UB" \
	"$(copy_as ward_b "\"audit_log@$UB\"" "$(line $UB)")"
MOTCUA_DB=$B "$MOTCUA" dossier update "$b1" --status done >/dev/null
expect_code 1 "nor does it push" --db "$B" sync push --url "$(pg_url ward_b)"
expect_code 0 "the new role pushes" --db "$B" sync push --url "$(pg_url ward_d)"
same "$B" $UB audit_log "hash"
same "$B" $UB dossier_history "dossier_id || ':' || status || ':' || at"
