#!/bin/sh
# province search's two ways (net/province-search.c; province
# migrations 6, 7, 9 to 11): the newest entries walked down
# registers_newest, their signatures tested, when the words typed are
# common, the GIN index for rare and absent names; both answer as the
# ward's register search does, for a common name whose matches exceed
# the limit, a rare one, an absent one, with --kind and --year, for the
# reader and for a ward's role (its own entries only). Which way ran is
# read from the plans auto_explain writes in the server's log of the
# statements motcua sends. The signatures the ward's push computes are
# the province's motcua_sig() of the words, an amended entry's too, and
# the walk trusts them (an entry whose signature is wrong is not found);
# the walk's signatures of the tags are motcua_sig()'s. Then the
# upgrades: a province at schema 6 (no signatures) and one at schema 5
# (before the search's migration), holding the entries, are brought to
# the new schema by `province init` and answer the same.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/pg.sh"
pg_start

ADMIN=$(pg_url postgres)
for w in a b; do
	seed=$([ $w = a ] && echo 1 || echo 2)
	unit=000.00.22.H1$([ $w = a ] && echo 2 || echo 3)
	MOTCUA_DB=$TMP/$w.db "$MOTCUA" init --training --unit-id "$unit" --unit-name "UBND $w" \
		>/dev/null 2>&1 || { not_ok "init $w"; exit 1; }
	awk -v n=1500 -v seed=$seed -f "$TOP/bench/gen-births.awk" >"$TMP/births-$w.csv"
	MOTCUA_DB=$TMP/$w.db "$MOTCUA" register import birth "$TMP/births-$w.csv" >/dev/null 2>&1 ||
		not_ok "register import $w"
done
cat >"$TMP/marriages.csv" <<CSV
book,number,registered_on,husband_name,wife_name
01/2021,1,2021-06-01,Nguyễn Văn An,Trần Thị Hoa
01/2021,2,2021-07-01,Quách Văn Tùng,Nguyễn Thị An
CSV
MOTCUA_DB=$TMP/a.db "$MOTCUA" register import marriage "$TMP/marriages.csv" >/dev/null 2>&1 ||
	not_ok "register import marriage"
MOTCUA_DB=$TMP/a.db "$MOTCUA" register import death "$TOP/tests/fixtures/registers/deaths.csv" \
	>/dev/null 2>&1 || not_ok "register import death"
"$MOTCUA" province init "$ADMIN" --ward 000.00.22.H12=ward_a --ward 000.00.22.H13=ward_b \
	--reader reader >/dev/null || not_ok "province init"
"$MOTCUA" --db "$TMP/a.db" sync push --url "$(pg_url ward_a)" >/dev/null || not_ok "push a"
"$MOTCUA" --db "$TMP/b.db" sync push --url "$(pg_url ward_b)" >/dev/null || not_ok "push b"

# The signatures the pushes computed are the province's of the words.
sigs() {
	pg_sql "SELECT count(*) || ' ' || count(*) FILTER (WHERE sig = motcua_sig(words)) FROM $1"
}
expect_eq "births: every signature the province's" "3000 3000" "$(sigs births)"
expect_eq "marriages: every signature the province's" "2 2" "$(sigs marriages)"
expect_eq "deaths: every signature the province's" "3 3" "$(sigs deaths)"
expect_eq "a signature of 1,024 bits, four set by a tag" "1024|4" "$(pg_sql "SELECT
	length(motcua_sig('{03an}')), length(replace(motcua_sig('{03an}')::text, '0', ''))")"

# A rare name: a person of ward A whose family name is one of the rare
# ones of the generator, taken from the file.
rare=$(awk -F, 'NR > 1 && $4 ~ /^(Quách|Kiều|Thân|Mạc) / { print $4; exit }' "$TMP/births-a.csv")
[ -n "$rare" ] || not_ok "a rare name in the generated register"

# The ward's hits and the province's, as kind book/number lines.
ward_hits() {
	w=$1 q=$2; shift 2
	MOTCUA_DB=$TMP/$w.db "$MOTCUA" register search "$q" --format json "$@" |
		jq -r '.[] | "\(.kind) \(.book)/\(.number)"'
}
province_hits() {
	u=$1 role=$2 q=$3; shift 3
	"$MOTCUA" province search "$q" --url "$(pg_url "$role")" --format json "$@" |
		jq -r --arg u "$u" '.[] | select(.unit_id == $u) | "\(.kind) \(.book)/\(.number)"'
}
# Ward A's hits of each query equal the province's for ward A's role;
# ward B's role finds only its own. The reader's (the limit shared by
# both wards) hold ward A's first hits in the ward's order.
same() {
	label=$1; shift
	for q in "nguyen van an" "nguyen" "Nguyễn Thị" "thi" "van a" "$rare" "tran b" "zzz" \
		"thi th" "an anh" "hoa thi tran"; do
		want=$(ward_hits a "$q" "$@")
		expect_eq "$label \"$q\" $*: ward A's role too" "$want" \
			"$(province_hits 000.00.22.H12 ward_a "$q" "$@")"
		expect_eq "$label \"$q\" $*: ward B's role, its own only" "$(ward_hits b "$q" "$@")" \
			"$("$MOTCUA" province search "$q" --url "$(pg_url ward_b)" --format json "$@" |
				jq -r '.[] | select(.unit_id == "000.00.22.H13") | "\(.kind) \(.book)/\(.number)"')"
		case " $* " in *" --limit "*) continue ;; esac
		ward_hits a "$q" "$@" --limit 1000 >"$TMP/want-a"
		province_hits 000.00.22.H12 reader "$q" "$@" --limit 1000 >"$TMP/got-a"
		n=$(wc -l <"$TMP/got-a")
		[ -s "$TMP/want-a" ] && [ "$n" = 0 ] && not_ok "$label \"$q\": the reader finds none"
		expect_eq "$label \"$q\" $*: the reader finds ward A's first hits in their order" \
			"$(head -n "$n" "$TMP/want-a")" "$(cat "$TMP/got-a")"
	done
}
# Without statistics every name goes to the GIN index.
pg_sql "SELECT count(*) FROM pg_stats WHERE tablename = 'births' AND attname = 'words'" >"$TMP/n"
expect_eq "no statistics yet" 0 "$(cat "$TMP/n")"
expect_eq "nor words' shares (the registers were analyzed empty)" "0" \
	"$(pg_sql "SELECT count(*) FROM register_words")"
same "GIN:"
same "GIN:" --limit 5

# Which way ran: the plans of the statements a search of the reader's
# sent, as auto_explain writes them in the server's log (loaded into each
# of the reader's sessions). plans QUERY [OPTION...]
pg_sql "ALTER ROLE reader SET session_preload_libraries = 'auto_explain';
	ALTER ROLE reader SET auto_explain.log_min_duration = 0" >/dev/null
plans() {
	q=$1; shift
	: >"$PGDIR/server.log"
	"$MOTCUA" province search "$q" --url "$(pg_url reader)" "$@" >/dev/null 2>&1 ||
		[ $? = 1 ] || not_ok "province search \"$q\" $*"
	cp "$PGDIR/server.log" "$TMP/plan"
}
# walked TAGS: a walk's plan in $TMP/plan asks for TAGS ("{03an,03binh}").
walked() {
	awk -v tags="$1" '/ LOG: / { if (walk && has) f = 1; walk = has = 0 }
		/e\.sig FROM births e/ { walk = 1 } index($0, "'"'"'" tags "'"'"'") { has = 1 }
		END { if (walk && has) f = 1; exit !f }' "$TMP/plan"
}
# way WANT QUERY TAGS LABEL: the search of QUERY asked for TAGS by a walk
# (WANT walk) or not (WANT gin).
way() {
	plans "$2"
	if walked "$3"; then got=walk; else got=gin; fi
	if [ "$got" = "$1" ]; then ok "$4"; else not_ok "$4 (a $got)"; fi
}
# ANALYZE counts the words; the search takes their shares from the table
# that a push or `province init` brings up to date from those counts.
pg_sql "ANALYZE" >/dev/null
plans "nguyen van"
if grep -q "e.sig FROM births e" "$TMP/plan"; then
	not_ok "the statistics not yet taken: no walk"
else ok "the statistics not yet taken: no walk"; fi
expect_code 0 "province init takes the words' shares" province init "$ADMIN"
expect_eq "every common word of the births' statistics, its share" "t" "$(pg_sql "SELECT
	array_agg(w.tag ORDER BY w.tag) = (SELECT array_agg(e ORDER BY e) FROM pg_stats s,
	unnest(s.most_common_elems::text::text[]) e WHERE s.tablename = 'births'
	AND s.attname = 'words') AND count(*) > 100 AND bool_and(w.share > 0 AND w.share <= 1)
	FROM register_words w WHERE w.kind = 1 AND length(w.tag) > 2")"
# The share of each name's length, "nc" (migration 12), from a sample
# that holds the whole of so small a register: the people's names of
# three words, and every entry's person's name of one length.
expect_eq "the share of the people's names of three words (\"03\")" "t" "$(pg_sql "SELECT
	round(w.share::numeric, 4) = round((SELECT count(*) FILTER (WHERE EXISTS (SELECT
	FROM unnest(b.words) t WHERE left(t, 2) = '03'))::numeric / count(*) FROM births b), 4)
	AND w.share > 0.1 AND w.share < 0.9 FROM register_words w WHERE w.kind = 1 AND w.tag = '03'")"
expect_eq "the people's names' lengths add up to every entry" "1.000" "$(pg_sql "SELECT
	round(sum(w.share)::numeric, 3) FROM register_words w WHERE w.kind = 1 AND w.tag ~ '^0[1-7]\$'")"
expect_eq "the fathers' too, a few entries without one" "t" "$(pg_sql "SELECT
	round(sum(w.share)::numeric, 4) = round((SELECT count(*) FILTER (WHERE father_name <> '')::numeric
	/ count(*) FROM births), 4) FROM register_words w WHERE w.kind = 1 AND w.tag ~ '^2[1-7]\$'")"
expect_eq "taken from the ANALYZE of each register" "t t t" "$(pg_sql "SELECT
	string_agg(left((s.analyzed_at = pg_stat_get_last_analyze_time(r))::text, 1), ' ' ORDER BY s.kind)
	FROM register_stats s, LATERAL (SELECT (ARRAY['births', 'marriages',
	'deaths']::regclass[])[s.kind] r) x")"
expect_eq "taken again only after another ANALYZE" "0" \
	"$(pg_sql "SELECT motcua_words_refresh()")"
# The shares of a group's words are multiplied, each word once, and a
# word that begins another typed counted in the longer's: with these
# shares, names of three words holding "tai" and "van" are expected
# 0.02 * 0.03 * 100,000 = 60 times among the newest 100,000, enough to
# walk for 20 hits (40 asked); counted twice or with "ta", 1.8 or 0.6.
pg_sql "CREATE TABLE words_kept AS SELECT * FROM register_words;
	DELETE FROM register_words WHERE kind = 1;
	INSERT INTO register_words VALUES ('03ta', 1, 0.01), ('03tai', 1, 0.02), ('03van', 1, 0.03)" \
	>/dev/null || not_ok "shares set by hand"
way walk "van tai van" "{03van,03tai,03van}" "a word typed twice: its share counted once"
way walk "ta van tai" "{03ta,03van,03tai}" "a word that begins another typed: its share in the longer's"
pg_sql "UPDATE register_words SET share = 0.001 WHERE tag = '03van'" >/dev/null
way gin "ta van tai" "{03ta,03van,03tai}" "shares that are rarer: the GIN index"
expect_grep "asked of it" "{03ta,03van,03tai}" "$TMP/plan"
# Each word's share holds the share of the names of its length, which
# the product holds once for each word: it is divided by it for each
# word but one (migration 12). 0.005 * 0.05 = 25 in 100,000, GIN; in
# names of three words that are half of them, 50: walked; never more
# than the rarer word's share (0.0003 * 0.5 / 0.1 = 150, but 30).
pg_sql "DELETE FROM register_words WHERE kind = 1;
	INSERT INTO register_words VALUES ('03quach', 1, 0.005), ('03tung', 1, 0.05)" >/dev/null
way gin "quach tung" "{03quach,03tung}" "without the names' lengths: the GIN index"
pg_sql "INSERT INTO register_words VALUES ('03', 1, 0.5)" >/dev/null
way walk "quach tung" "{03quach,03tung}" "names of three words half the entries: walked"
pg_sql "UPDATE register_words SET share = 0.1 WHERE tag = '03';
	UPDATE register_words SET share = 0.0003 WHERE tag = '03quach';
	UPDATE register_words SET share = 0.5 WHERE tag = '03tung'" >/dev/null
way gin "quach tung" "{03quach,03tung}" "at most the rarer word's share: the GIN index"
pg_sql "TRUNCATE register_words; INSERT INTO register_words SELECT * FROM words_kept;
	DROP TABLE words_kept" >/dev/null || not_ok "shares put back"
# With them, common names walk down the newest.
same "walk:"
same "walk:" --limit 5
same "walk:" --kind birth --limit 7
same "walk:" --year 2019

plans "nguyen van"
expect_grep "a common name: births walked" "e.sig FROM births e" "$TMP/plan"
expect_grep "down their newest, signatures only" "Index Only Scan using births_newest" "$TMP/plan"
if walked "{03nguyen,03van}"; then ok "the walk asks the group's tags"
else not_ok "the walk asks the group's tags"; fi
plans "nguyen" --year 2019
expect_grep "--year, a common name: the year's newest walked" \
	"WHERE left(w.registered_on, 4) = \$4 ORDER BY -w.id, w.unit_id LIMIT 5000" "$TMP/plan"
expect_grep "down their index (or the year read whole, when small)" "on births_year" "$TMP/plan"
plans "quach tung"
expect_grep "a rare name: the GIN index" "Bitmap Index Scan on births_words" "$TMP/plan"
if grep -q "e.sig FROM births e" "$TMP/plan"; then
	not_ok "a rare name: no walk"; else ok "a rare name: no walk"; fi
# A walk reads the row of each signature that passed by its key, in a
# subquery of its own (LIMIT 1 for each), which PostgreSQL cannot turn
# into a hash of every match read from the GIN index first (as it did
# with EXISTS where its own statistics said the name was rare: at ten
# million entries, docs/scale.md): a rare name walked, its words'
# shares made common by hand (migration 10).
pg_sql "CREATE TABLE words_kept AS SELECT * FROM register_words;
	INSERT INTO register_words SELECT n::text || c::text || w, 1, 1 FROM generate_series(0, 3) n,
	generate_series(1, 7) c, unnest('{quach,tung}'::text[]) w
	ON CONFLICT (tag, kind) DO UPDATE SET share = 1" >/dev/null || not_ok "shares made common"
plans "quach tung"
expect_grep "shares made common: walked" "e.sig FROM births e" "$TMP/plan"
if awk '/-> +Limit / { l = NR } / Scan using [a-z_]+ on births w / && NR == l + 1 { f = 1 }
	END { exit !f }' "$TMP/plan"; then
	ok "each row read by its key, one subquery a signature"
else not_ok "each row read by its key, one subquery a signature"; fi
same "a rare name walked:"
pg_sql "TRUNCATE register_words; INSERT INTO register_words SELECT * FROM words_kept;
	DROP TABLE words_kept" >/dev/null || not_ok "shares put back"
# Three words none of which begins another: names of one or two words
# cannot hold them, and their groups are not asked.
plans "quach van tung"
expect_grep "three words: names of three asked" "{03quach,03van,03tung}" "$TMP/plan"
if grep -q "words @> '{0[12]quach\|words @> '{2[12]quach" "$TMP/plan"; then
	not_ok "three words: names of one or two words not asked"
else ok "three words: names of one or two words not asked"; fi
plans "van va"
expect_grep "a word that begins the other: names of one word asked" "{01van,01va}" "$TMP/plan"

# The signatures a walk tests ($3 and $4 in the server's log, in bits)
# are motcua_sig()'s of its tags ($1 and $2).
pg_sql "ALTER ROLE reader SET log_statement = 'all'" >/dev/null
: >"$PGDIR/server.log"
expect_code 0 "a search that walks" province search "Nguyễn Văn" --url "$(pg_url reader)"
pg_sql "ALTER ROLE reader RESET log_statement" >/dev/null
# (Each statement's parameters are logged with its text, and again with
# its plan.)
sed -n "s/.*DETAIL:  parameters: \$1 = '\([^']*\)', \$2 = '\([^']*\)', \$3 = '\([01]*\)', \$4 = '\([01]*\)'.*/('\1', '\2', '\3', '\4')/p" \
	"$PGDIR/server.log" | sort -u | paste -sd, >"$TMP/walks"
n=$(grep -c "execute <unnamed>: .*e.sig FROM births e" "$PGDIR/server.log")
[ "$n" -ge 1 ] && ok "\"Nguyễn Văn\": births walked" || not_ok "\"Nguyễn Văn\": births walked"
expect_eq "the walks' signatures, motcua_sig()'s of their tags" "$n $n" "$(pg_sql "SELECT
	count(*) || ' ' || count(*) FILTER (WHERE motcua_sig(a::text[]) = sa::bit(1024)
	AND motcua_sig(b::text[]) = sb::bit(1024)) FROM (VALUES $(cat "$TMP/walks")) w(a, b, sa, sb)")"

# A common name whose matches exceed the limit: the limit's newest.
expect_code 0 "a common name" province search "nguyen van" --limit 3 --url "$(pg_url reader)" \
	--format csv
expect_eq "three hits" 4 "$(wc -l <"$TMP/out")"
expect_code 1 "an absent name: exit 1" province search "zzz qqq" --url "$(pg_url reader)"
expect_code 0 "--year" province search "nguyen" --year 2019 --limit 50 --url "$(pg_url reader)" \
	--format json
expect_eq "entries of 2019 only" "2019" "$(jq -r 'map(.registered_on[0:4]) | unique | join(" ")' "$TMP/out")"
expect_code 2 "--year not a year" province search "nguyen" --year 19 --url "$(pg_url reader)"

# The walk trusts the signatures: ward A's newest "Nguyễn Văn" with its
# signature emptied is not found by the walk, and is again with it back.
newest=$(ward_hits a "nguyen van" --limit 1)
set -- $newest
pg_sql "UPDATE births SET sig = motcua_sig('{}') WHERE unit_id = '000.00.22.H12'
	AND book || '/' || number = '$2'" >/dev/null || not_ok "signature emptied"
if province_hits 000.00.22.H12 ward_a "nguyen van" | grep -qx "$newest"; then
	not_ok "an entry whose signature lacks the words: not walked to"
else ok "an entry whose signature lacks the words: not walked to"; fi
pg_sql "UPDATE births SET sig = motcua_sig(words) WHERE unit_id = '000.00.22.H12'" >/dev/null
expect_eq "its signature back: found first" "$newest" \
	"$(province_hits 000.00.22.H12 ward_a "nguyen van" --limit 1)"

# An amended name: the push sends the entry's new words and signature.
MOTCUA_DB=$TMP/a.db "$MOTCUA" register amend birth "${2%/*}" "${2##*/}" --full-name "Quách Thị Zung" \
	--reason "typed wrong" >/dev/null 2>&1 || not_ok "register amend"
pg_sql "ANALYZE births" >/dev/null
"$MOTCUA" --db "$TMP/a.db" sync push --url "$(pg_url ward_a)" >/dev/null || not_ok "push a again"
expect_eq "the push took the words' shares of that ANALYZE (as a ward's role)" "t" \
	"$(pg_sql "SELECT analyzed_at = pg_stat_get_last_analyze_time('births'::regclass)
		FROM register_stats WHERE kind = 1")"
expect_eq "births after the amendment: every signature the province's" "3000 3000" \
	"$(sigs births)"
expect_eq "the amended name found" "$newest" \
	"$(province_hits 000.00.22.H12 ward_a "quach zung")"
same "after the amendment:"

# The upgrade from schema 6: the signatures and the walk's index made,
# the registers vacuumed (the walk then reads no row of the table).
V=$(pg_sql "SELECT max(version) FROM province_migrations")
pg_sql "ALTER TABLE births DROP COLUMN sig; ALTER TABLE marriages DROP COLUMN sig;
	ALTER TABLE deaths DROP COLUMN sig; DROP FUNCTION motcua_sig;
	CREATE INDEX births_newest ON births (id DESC, unit_id);
	CREATE INDEX marriages_newest ON marriages (id DESC, unit_id);
	CREATE INDEX deaths_newest ON deaths (id DESC, unit_id);
	DROP TABLE register_words, register_stats; DROP FUNCTION motcua_words_refresh;
	CREATE FUNCTION motcua_search(q text[], kinds integer, yr text, lim integer)
	 RETURNS TABLE (grp integer, kind text, unit_id text, id bigint, book text, number bigint,
	  registered_on text, name text, born text, father text, mother text, spouse text, died text)
	 LANGUAGE sql AS 'SELECT 0, NULL, NULL, 0::bigint, NULL, 0::bigint, NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL WHERE false';
	DELETE FROM province_migrations WHERE version >= 7" >/dev/null || not_ok "schema 6"
expect_code 69 "schema 6: search asks for province init" province search "thi" \
	--url "$(pg_url reader)"
expect_code 0 "province init upgrades it" province init "$ADMIN"
expect_out "from 6" "The province's schema is now at version $V (was 6)."
expect_eq "births: every signature made" "3000 3000" "$(sigs births)"
expect_eq "deaths: every signature made" "3 3" "$(sigs deaths)"
same "from schema 6:"
expect_eq "the search function dropped (migration 11)" "0" \
	"$(pg_sql "SELECT count(*) FROM pg_proc WHERE proname IN ('motcua_search', 'motcua_words_share')")"
pg_sql "ALTER ROLE reader SET auto_explain.log_analyze = on" >/dev/null
plans "nguyen van"
pg_sql "ALTER ROLE reader RESET auto_explain.log_analyze" >/dev/null
expect_grep "the walk after the upgrade's VACUUM: no row read" "Heap Fetches: 0" "$TMP/plan"

# The upgrade: the province as schema 5 left it (the search's migration
# is 6), with its entries, then `province init`.
for q in "nguyen van an" "$rare" "thi"; do
	"$MOTCUA" province search "$q" --url "$(pg_url reader)" --format csv >"$TMP/before-$q" 2>&1
done
V=$(pg_sql "SELECT max(version) FROM province_migrations")
pg_sql "DROP FUNCTION motcua_words_stats, motcua_sig;
	ALTER TABLE births DROP COLUMN sig; ALTER TABLE marriages DROP COLUMN sig;
	ALTER TABLE deaths DROP COLUMN sig;
	DROP INDEX births_year, marriages_year, deaths_year;
	ALTER TABLE births ALTER COLUMN words SET STATISTICS -1;
	ALTER TABLE marriages ALTER COLUMN words SET STATISTICS -1;
	ALTER TABLE deaths ALTER COLUMN words SET STATISTICS -1;
	DROP TABLE register_words, register_stats; DROP FUNCTION motcua_words_refresh;
	DELETE FROM province_migrations WHERE version >= 6" >/dev/null || not_ok "schema 5"
expect_code 69 "schema 5: search asks for province init" province search "thi" \
	--url "$(pg_url reader)"
expect_code 0 "province init upgrades it" province init "$ADMIN"
expect_out "from 5" "The province's schema is now at version $V (was 5)."
for q in "nguyen van an" "$rare" "thi"; do
	"$MOTCUA" province search "$q" --url "$(pg_url reader)" --format csv >"$TMP/after" 2>&1
	expect_eq "\"$q\" after the upgrade: the same hits" "$(cat "$TMP/before-$q")" \
		"$(cat "$TMP/after")"
done
