/* motcua — the province's PostgreSQL schema, in numbered migrations. */
#include <string.h>

#include "province.h"

/*
 * Every table of a ward's rows has the ward's unit_id first, row-level
 * security, and two policies: a ward's role (a member of motcua_ward,
 * named in wards) reads and writes the rows of its own unit only; the
 * province's readers (members of motcua_reader) read every row. Nobody
 * but the owner deletes: the province is the witness of what wards sent.
 */
#define WARD_TABLE(t) \
	"ALTER TABLE " t " ENABLE ROW LEVEL SECURITY;" \
	"CREATE POLICY ward_rows ON " t " TO motcua_ward" \
	"  USING (unit_id = motcua_unit()) WITH CHECK (unit_id = motcua_unit());" \
	"CREATE POLICY read_rows ON " t " FOR SELECT TO motcua_reader USING (true);" \
	"GRANT SELECT ON " t " TO motcua_reader;"

#define WARD_POLICY(t) \
	"ALTER POLICY ward_rows ON " t \
	"  USING (unit_id = (SELECT motcua_unit())) WITH CHECK (unit_id = (SELECT motcua_unit()));"

#define APPEND_ONLY(t) WARD_TABLE(t) "GRANT SELECT, INSERT ON " t " TO motcua_ward;"
#define IN_PLACE(t) WARD_TABLE(t) "GRANT SELECT, INSERT, UPDATE ON " t " TO motcua_ward;"

/*
 * Makes the unit's partitions of TABLES (a list of SQL strings) that are
 * missing, and leaves its ward's role (wards) the only one granted on
 * them: a role that wrote for the unit before loses them. `province init
 * --ward`. CREATE: "CREATE", or "CREATE OR REPLACE" for a migration that
 * partitions one more table (8).
 */
#define WARD_PARTITIONS(CREATE, TABLES) \
	CREATE " FUNCTION motcua_ward_partitions(unit text) RETURNS void" \
	"  LANGUAGE plpgsql AS $f$" \
	"DECLARE t text; p text; r name; g text;" \
	"BEGIN" \
	"  SELECT role INTO r FROM wards WHERE unit_id = unit;" \
	"  FOREACH t IN ARRAY ARRAY[" TABLES "] LOOP" \
	"    p := motcua_partition(t, unit);" \
	"    IF to_regclass(quote_ident(p)) IS NULL THEN" \
	"      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%L)', p, t, unit);" \
	"    END IF;" \
	"    FOR g IN SELECT DISTINCT a.grantee::regrole::text FROM pg_class c," \
	"        aclexplode(c.relacl) a WHERE c.oid = quote_ident(p)::regclass" \
	"        AND a.grantee <> c.relowner AND a.grantee <> 0 LOOP" \
	"      EXECUTE format('REVOKE ALL ON %I FROM %s', p, g);" \
	"    END LOOP;" \
	"    IF r IS NOT NULL THEN" \
	"      EXECUTE format('GRANT SELECT, INSERT ON %I TO %I', p, r);" \
	"    END IF;" \
	"  END LOOP;" \
	"END $f$;"

/*
 * Migration 5: province search in one statement (motcua_search), the
 * way the ward's register search reads its index: group after group of
 * core/register-search.c's ranking (by name, by the name's length), in
 * each the newest first (id, then kind, then unit), each entry once,
 * until the limit.
 *
 * A GIN index answers "which entries hold these words" but not "the
 * newest of them": it gives every match, which are read and sorted. For
 * a rare name that is cheap; for "Nguyễn Văn An" in ten million entries
 * it is thousands of rows (5,293, 472 ms; "Nguyễn An" 168,509, 6.6 s).
 * So each register also gets a B-tree in the order of the hits
 * (births_newest, marriages_newest, deaths_newest), and where the words typed are
 * common, the newest entries are walked down that index and tried until
 * the limit is filled, within WALK entries: when the walk fills it, it
 * holds the newest matches; when not, the GIN index answers. Which way
 * to try first comes from the words' shares in PostgreSQL's statistics
 * of the column (its most common elements, ANALYZE): a name whose words
 * are common together is walked first, any other goes to the GIN index
 * alone. Either way the walk is bounded and the GIN index is asked only
 * for names too rare to fill the limit from the walk. A walk costs about
 * 1 µs an entry when its pages are mapped, but a search is its
 * connection's first and each shared buffer it touches is a page fault
 * of the new backend: WALK = 100,000 was measured best at ten million
 * (docs/scale.md), and the middle of the names, too common for the GIN
 * index and too rare for a short walk, stays slow. The planner is kept
 * to those two ways: the GIN one orders by id + 0 (no walk of the whole
 * index), and a sequential scan is off in the function.
 *
 * The words' shares are read by motcua_words_stats, owned by the
 * province's owner (pg_stats shows a table under row-level security to
 * no one else): the most common words of a register and how common,
 * never a row. The search itself runs as its caller, under the policies
 * of the tables: a ward's role finds its own entries only.
 */
#define WALK "100000"
/* Within a year (about 150,000 entries at ten million): a walk of more
 * would be planned as reading and sorting the whole year. */
#define WALK_YEAR "5000"
/* The search function, its arguments after the first four (args), its
 * walk (a statement: walk("births")) and the most entries it reads
 * given; decl and masks: what that walk needs;
 * start and skip: statements at its start and at each group's; stats: a
 * register's statement that reads its words' shares (stats("births",
 * "e1", "f1")), or none when start read them. */
#define SEARCH_FUNCTION(create, args, decl, start, skip, masks, walk, walk_len, stats) \
	create " FUNCTION motcua_search(q text[], kinds integer, yr text, lim integer" args ")" \
	"  RETURNS TABLE (grp integer, kind text, unit_id text, id bigint, book text," \
	"   number bigint, registered_on text, name text, born text, father text," \
	"   mother text, spouse text, died text)" \
	"  LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $f$" \
	"DECLARE" \
	"  kname constant text[] := '{birth,marriage,death}';" \
	"  has boolean[] := '{f,f,f}';" \
	"  e1 text[]; f1 real[]; e2 text[]; f2 real[]; e3 text[]; f3 real[];" \
	"  seen text[] := '{}';" \
	"  hits integer := 0;" \
	"  a text[]; b text[]; nm integer; wc integer; need integer; share float8;" \
	"  ks integer[]; ids bigint[]; us text[]; wi bigint[]; wu text[]; got integer;" \
	"  r record; key text;" \
	decl \
	"BEGIN" \
	start \
	/* The registers asked for that hold entries, and their words' \
	 * statistics. Static statements only: a search is a connection's \
	 * first, and planning is most of its cost. */ \
	"  IF kinds = 0 OR kinds & 1 <> 0 THEN" \
	"    has[1] := EXISTS (SELECT FROM births);" \
	stats("births", "e1", "f1") \
	"  END IF;" \
	"  IF kinds = 0 OR kinds & 2 <> 0 THEN" \
	"    has[2] := EXISTS (SELECT FROM marriages);" \
	stats("marriages", "e2", "f2") \
	"  END IF;" \
	"  IF kinds = 0 OR kinds & 4 <> 0 THEN" \
	"    has[3] := EXISTS (SELECT FROM deaths);" \
	stats("deaths", "e3", "f3") \
	"  END IF;" \
	"  FOR t IN 0 .. 13 LOOP" \
	"    EXIT WHEN hits >= lim;" \
	"    nm := CASE WHEN t >= 7 THEN 2 ELSE 0 END;" \
	"    wc := t % 7 + 1;" \
	skip \
	"    a := ARRAY(SELECT nm::text || wc::text || w FROM unnest(q) w);" \
	"    b := ARRAY(SELECT (nm + 1)::text || wc::text || w FROM unnest(q) w);" \
	masks \
	/* Enough for the limit after the entries an earlier group showed. */ \
	"    need := lim - hits + cardinality(seen);" \
	"    ks := '{}'; ids := '{}'; us := '{}';" \
	"    FOR k IN 1 .. 3 LOOP" \
	/* Only births name parents. */ \
	"      CONTINUE WHEN NOT has[k] OR (t >= 7 AND k <> 1);" \
	"      share := CASE" \
	"        WHEN k = 1 THEN motcua_words_share(e1, f1, a) + motcua_words_share(e1, f1, b)" \
	"        WHEN k = 2 THEN motcua_words_share(e2, f2, a) + motcua_words_share(e2, f2, b)" \
	"        ELSE motcua_words_share(e3, f3, a) + motcua_words_share(e3, f3, b) END;" \
	"      got := 0; wi := NULL; wu := NULL;" \
	/* Common words: the newest entries tried (of the year asked for), \
	 * WALK at most. */ \
	"      IF share * (CASE WHEN yr IS NULL THEN " walk_len " ELSE " WALK_YEAR " END)" \
	"          >= 2 * need THEN" \
	"        CASE k" \
	"        WHEN 1 THEN IF yr IS NULL THEN" \
	walk("births") \
	"          ELSE SELECT count(*), array_agg(x.id), array_agg(x.unit_id) INTO got, wi, wu" \
	"          FROM (SELECT s.id, s.unit_id FROM (SELECT e.id, e.unit_id, e.words FROM births e" \
	"           WHERE left(e.registered_on, 4) = yr" \
	"           ORDER BY -e.id, e.unit_id LIMIT " WALK_YEAR ") s" \
	"           WHERE s.words @> a OR s.words @> b LIMIT need) x; END IF;" \
	"        WHEN 2 THEN IF yr IS NULL THEN" \
	walk("marriages") \
	"          ELSE SELECT count(*), array_agg(x.id), array_agg(x.unit_id) INTO got, wi, wu" \
	"          FROM (SELECT s.id, s.unit_id FROM (SELECT e.id, e.unit_id, e.words FROM marriages e" \
	"           WHERE left(e.registered_on, 4) = yr" \
	"           ORDER BY -e.id, e.unit_id LIMIT " WALK_YEAR ") s" \
	"           WHERE s.words @> a OR s.words @> b LIMIT need) x; END IF;" \
	"        ELSE IF yr IS NULL THEN" \
	walk("deaths") \
	"          ELSE SELECT count(*), array_agg(x.id), array_agg(x.unit_id) INTO got, wi, wu" \
	"          FROM (SELECT s.id, s.unit_id FROM (SELECT e.id, e.unit_id, e.words FROM deaths e" \
	"           WHERE left(e.registered_on, 4) = yr" \
	"           ORDER BY -e.id, e.unit_id LIMIT " WALK_YEAR ") s" \
	"           WHERE s.words @> a OR s.words @> b LIMIT need) x; END IF;" \
	"        END CASE;" \
	"      END IF;" \
	/* Rarer words, or a walk that did not fill the limit: every match \
	 * from the GIN index, the newest kept (id + 0: never a walk). */ \
	"      IF got < need THEN" \
	"        CASE k" \
	"        WHEN 1 THEN SELECT count(*), array_agg(x.id), array_agg(x.unit_id) INTO got, wi, wu" \
	"          FROM (SELECT e.id, e.unit_id FROM births e WHERE (e.words @> a OR e.words @> b)" \
	"           AND (yr IS NULL OR left(e.registered_on, 4) = yr)" \
	"           ORDER BY e.id + 0 DESC, e.unit_id LIMIT need) x;" \
	"        WHEN 2 THEN SELECT count(*), array_agg(x.id), array_agg(x.unit_id) INTO got, wi, wu" \
	"          FROM (SELECT e.id, e.unit_id FROM marriages e WHERE (e.words @> a OR e.words @> b)" \
	"           AND (yr IS NULL OR left(e.registered_on, 4) = yr)" \
	"           ORDER BY e.id + 0 DESC, e.unit_id LIMIT need) x;" \
	"        ELSE SELECT count(*), array_agg(x.id), array_agg(x.unit_id) INTO got, wi, wu" \
	"          FROM (SELECT e.id, e.unit_id FROM deaths e WHERE (e.words @> a OR e.words @> b)" \
	"           AND (yr IS NULL OR left(e.registered_on, 4) = yr)" \
	"           ORDER BY e.id + 0 DESC, e.unit_id LIMIT need) x;" \
	"        END CASE;" \
	"      END IF;" \
	"      ks := ks || array_fill(k, ARRAY[got]); ids := ids || wi; us := us || wu;" \
	"    END LOOP;" \
	/* The group's hits in order: newest, then births, marriages, \
	 * deaths, then by unit; each entry once. */ \
	"    FOR r IN SELECT x.kk, x.ii, x.uu FROM unnest(ks, ids, us) AS x(kk, ii, uu)" \
	"        ORDER BY x.ii DESC, x.kk, x.uu LIMIT need LOOP" \
	"      key := r.kk || '/' || r.uu || '/' || r.ii;" \
	"      CONTINUE WHEN key = ANY (seen);" \
	"      seen := seen || key;" \
	"      grp := t; kind := kname[r.kk]; unit_id := r.uu; id := r.ii;" \
	"      CASE r.kk" \
	"      WHEN 1 THEN SELECT e.book, e.number, e.registered_on, e.full_name, e.date_of_birth," \
	"        e.father_name, e.mother_name, NULL, NULL" \
	"        INTO book, number, registered_on, name, born, father, mother, spouse, died" \
	"        FROM births e WHERE e.unit_id = r.uu AND e.id = r.ii;" \
	"      WHEN 2 THEN SELECT e.book, e.number, e.registered_on, e.husband_name," \
	"        e.husband_date_of_birth, NULL, NULL, e.wife_name, NULL" \
	"        INTO book, number, registered_on, name, born, father, mother, spouse, died" \
	"        FROM marriages e WHERE e.unit_id = r.uu AND e.id = r.ii;" \
	"      ELSE SELECT e.book, e.number, e.registered_on, e.full_name, e.date_of_birth," \
	"        NULL, NULL, NULL, e.died_on" \
	"        INTO book, number, registered_on, name, born, father, mother, spouse, died" \
	"        FROM deaths e WHERE e.unit_id = r.uu AND e.id = r.ii;" \
	"      END CASE;" \
	"      RETURN NEXT;" \
	"      hits := hits + 1;" \
	"      EXIT WHEN hits >= lim;" \
	"    END LOOP;" \
	"  END LOOP;" \
	"END $f$;"

/* Migrations 6 and 7: a register's words' shares read from its
 * statistics by each search. */
#define STATS_READ(t, e, f) \
	"    SELECT s.elems, s.freqs INTO " e ", " f " FROM motcua_words_stats('" t "') s;"
#define STATS_READ_NONE(t, e, f) ""

/* Migration 6's walk: each entry's words read from the table. */
#define WALK_WORDS(t) \
	"          SELECT count(*), array_agg(x.id), array_agg(x.unit_id) INTO got, wi, wu" \
	"          FROM (SELECT s.id, s.unit_id FROM (SELECT e.id, e.unit_id, e.words FROM " t " e" \
	"           ORDER BY e.id DESC, e.unit_id LIMIT " WALK ") s" \
	"           WHERE s.words @> a OR s.words @> b LIMIT need) x;"

#define PROVINCE_SEARCH_6 \
	"CREATE INDEX births_newest ON births (id DESC, unit_id);" \
	"CREATE INDEX marriages_newest ON marriages (id DESC, unit_id);" \
	"CREATE INDEX deaths_newest ON deaths (id DESC, unit_id);" \
	/* The same order within a year of registration (--year): by -id, \
	 * which births_newest cannot give, or the planner walks that one \
	 * for a year's entries, which lie together far down it. */ \
	"CREATE INDEX births_year ON births (left(registered_on, 4), (-id), unit_id);" \
	"CREATE INDEX marriages_year ON marriages (left(registered_on, 4), (-id), unit_id);" \
	"CREATE INDEX deaths_year ON deaths (left(registered_on, 4), (-id), unit_id);" \
	"ALTER TABLE births ALTER COLUMN words SET STATISTICS 1000;" \
	"ALTER TABLE marriages ALTER COLUMN words SET STATISTICS 1000;" \
	"ALTER TABLE deaths ALTER COLUMN words SET STATISTICS 1000;" \
	"ANALYZE births, marriages, deaths;" \
	\
	/* From pg_statistic itself when the owner may read it (a \
	 * superuser): pg_stats, a view of five tables, costs more to plan \
	 * than the whole search on a connection's first call. */ \
	"DO $d$ BEGIN" \
	"  IF has_table_privilege('pg_catalog.pg_statistic', 'SELECT') THEN" \
	"    EXECUTE $x$CREATE FUNCTION motcua_words_stats(tbl regclass, OUT elems text[]," \
	"     OUT freqs real[]) LANGUAGE sql STABLE SECURITY DEFINER" \
	"     SET search_path = pg_catalog, pg_temp AS $b$" \
	"     SELECT (CASE 4 WHEN s.stakind1 THEN s.stavalues1 WHEN s.stakind2 THEN s.stavalues2" \
	"       WHEN s.stakind3 THEN s.stavalues3 WHEN s.stakind4 THEN s.stavalues4" \
	"       WHEN s.stakind5 THEN s.stavalues5 END)::text::text[]," \
	"      CASE 4 WHEN s.stakind1 THEN s.stanumbers1 WHEN s.stakind2 THEN s.stanumbers2" \
	"       WHEN s.stakind3 THEN s.stanumbers3 WHEN s.stakind4 THEN s.stanumbers4" \
	"       WHEN s.stakind5 THEN s.stanumbers5 END" \
	"     FROM pg_statistic s JOIN pg_attribute a ON a.attrelid = s.starelid" \
	"      AND a.attnum = s.staattnum" \
	"     WHERE s.starelid = tbl AND a.attname = 'words' AND NOT s.stainherit $b$$x$;" \
	"  ELSE" \
	"    EXECUTE $x$CREATE FUNCTION motcua_words_stats(tbl regclass, OUT elems text[]," \
	"     OUT freqs real[]) LANGUAGE sql STABLE SECURITY DEFINER" \
	"     SET search_path = pg_catalog, pg_temp AS $b$" \
	"     SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs" \
	"     FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename" \
	"      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.schemaname" \
	"     WHERE c.oid = tbl AND s.attname = 'words' $b$$x$;" \
	"  END IF;" \
	"END $d$;" \
	\
	/* The share of entries that hold every tag, the tags taken as \
	 * independent; a tag not among the most common counts as none: the \
	 * GIN index answers it from its short list (a walk for a word that \
	 * is not there would read the whole WALK, group after group). */ \
	"CREATE FUNCTION motcua_words_share(elems text[], freqs real[], tags text[])" \
	"  RETURNS float8 LANGUAGE sql IMMUTABLE AS $$" \
	"  SELECT coalesce(exp(sum(ln(greatest(coalesce(freqs[array_position(elems, t)], 0)," \
	"   1e-30)))), 0)" \
	"  FROM unnest(tags) t WHERE elems IS NOT NULL $$;" \
	\
	SEARCH_FUNCTION("CREATE", "", "", "", "", "", WALK_WORDS, WALK, STATS_READ)

/*
 * Migration 7: the walk reads signatures, not rows. Migration 6's walk
 * read each entry's row for its words: at ten million entries the
 * newest of the 100 wards lie on as many pages as entries, so that a
 * name like "Nguyễn Văn An" (one entry in 1,900) read 40,000 pages for
 * its 20 hits, 280 ms on a connection's first search (docs/scale.md).
 * Now each entry also carries sig, a Bloom filter of its words: 1,024
 * bits, four of them set by each tag (the bits that the first eight
 * bytes of the tag's MD5 name, two by two, modulo 1,024), computed by
 * the ward's push (core/sync.c) and by motcua_sig() here, the same way.
 * The index of the walk holds it (INCLUDE): the walk reads only that
 * index, the entries in its order, and tests each signature against the
 * tags typed; only an entry whose signature holds every bit of the tags
 * (the hits, and a few others: 2 of the 40,206 others that the walk for
 * "Nguyễn Văn An" read) has its row read and its words checked. A
 * signature can say yes wrongly, never no: the hits are the same.
 *
 * The walk reads some 50 entries a page of the index (40,000 entries,
 * 960 pages, 9 ms in a warm session at ten million), about 0.3 µs an
 * entry: WALK_SIGS = 100,000 measured better than 200,000 (a longer
 * walk costs more than the GIN index's answer). An index-only scan
 * needs the table's pages marked all-visible (VACUUM): `province init`
 * vacuums the registers after this migration, and autovacuum after every
 * 10,000 entries pushed (not after a fifth of the table, its default
 * for inserts). The year's walk (--year) still reads rows.
 */
#define SIG_BITS "1024"
#define WALK_SIGS "100000"
#define WALK_SIG(t) \
	"          SELECT count(*), array_agg(x.id), array_agg(x.unit_id) INTO got, wi, wu" \
	"          FROM (SELECT s.id, s.unit_id FROM (SELECT e.id, e.unit_id, e.sig FROM " t " e" \
	"           ORDER BY e.id DESC, e.unit_id LIMIT " WALK_SIGS ") s" \
	"           WHERE (s.sig & sa = sa OR s.sig & sb = sb) AND EXISTS (SELECT FROM " t " w" \
	"            WHERE w.unit_id = s.unit_id AND w.id = s.id AND (w.words @> a OR w.words @> b))" \
	"           LIMIT need) x;"
/* The walk's signatures in the search function (migrations 7 and 9). */
#define SIG_DECL "  sa bit(" SIG_BITS "); sb bit(" SIG_BITS "); minw integer;"
/* The fewest words a name needs to hold the words typed: one each, but
 * for a word that begins another typed (both may begin one word of the
 * name); a word cannot begin two of its words otherwise (two beginnings
 * of one word are one the other's). A group of shorter names holds no
 * hit: it is not asked (where its tags' long lists cost the GIN index
 * tens of milliseconds to find nothing). */
#define SIG_START \
	"  minw := (SELECT count(DISTINCT w) FROM unnest(q) w WHERE NOT EXISTS" \
	"    (SELECT FROM unnest(q) v WHERE v <> w AND starts_with(v, w)));"
/* "7" is seven words or more. */
#define SIG_SKIP "    CONTINUE WHEN wc < least(minw, 7);"
#define SIG_MASKS "    sa := motcua_sig(a); sb := motcua_sig(b);"
#define SIGNATURES(t) \
	"ALTER TABLE " t " ADD COLUMN sig bit(" SIG_BITS ");" \
	"DROP INDEX " t "_words, " t "_newest;" \
	"UPDATE " t " SET sig = motcua_sig(words);" \
	"ALTER TABLE " t " ALTER COLUMN sig SET NOT NULL;" \
	"CREATE INDEX " t "_words ON " t " USING gin (words);" \
	"CREATE INDEX " t "_newest ON " t " (id DESC, unit_id) INCLUDE (sig);" \
	"ALTER TABLE " t " SET (autovacuum_vacuum_insert_threshold = 10000," \
	"  autovacuum_vacuum_insert_scale_factor = 0);"
#define PROVINCE_SEARCH_7 \
	/* The tags' signature, from the UTF-8 bytes of each tag (as the \
	 * ward hashes them, whatever the database's encoding). */ \
	"CREATE FUNCTION motcua_sig(tags text[]) RETURNS bit(" SIG_BITS ")" \
	"  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $f$" \
	"DECLARE s bytea := decode(repeat('00', " SIG_BITS " / 8), 'hex'); h text; p integer;" \
	"BEGIN" \
	"  FOREACH h IN ARRAY tags LOOP" \
	"    h := md5(convert_to(h, 'UTF8'));" \
	"    FOR i IN 0 .. 3 LOOP" \
	"      p := ('x' || substr(h, 4 * i + 1, 4))::bit(16)::integer % " SIG_BITS ";" \
	/* Bit p from the left: bytea's set_bit counts from each byte's \
	 * lowest bit. */ \
	"      s := set_bit(s, p / 8 * 8 + 7 - p % 8, 1);" \
	"    END LOOP;" \
	"  END LOOP;" \
	"  RETURN ('x' || encode(s, 'hex'))::bit(" SIG_BITS ");" \
	"END $f$;" \
	SIGNATURES("births") SIGNATURES("marriages") SIGNATURES("deaths") \
	SEARCH_FUNCTION("CREATE OR REPLACE", "", SIG_DECL, SIG_START, SIG_SKIP, SIG_MASKS, \
		WALK_SIG, WALK_SIGS, STATS_READ)

/* Every tag a search's groups can ask (names 0 to 3, of 1 to 7 words,
 * the words typed): their shares, from register_words. */
#define WORDS_READ \
	"  SELECT array_agg(w.tag) FILTER (WHERE w.kind = 1)," \
	"    array_agg(w.share) FILTER (WHERE w.kind = 1)," \
	"    array_agg(w.tag) FILTER (WHERE w.kind = 2)," \
	"    array_agg(w.share) FILTER (WHERE w.kind = 2)," \
	"    array_agg(w.tag) FILTER (WHERE w.kind = 3)," \
	"    array_agg(w.share) FILTER (WHERE w.kind = 3)" \
	"    INTO e1, f1, e2, f2, e3, f3 FROM register_words w" \
	"    WHERE w.tag = ANY (ARRAY(SELECT n::text || c::text || x" \
	"      FROM unnest(q) x, generate_series(0, 3) n, generate_series(1, 7) c));"
/* The signatures of the group's tags as the caller computed them
 * (motcua: core/sync.c's), else here. */
#define SIG_MASKS_GIVEN \
	"    sa := coalesce(masks[2 * t + 1], motcua_sig(a));" \
	"    sb := coalesce(masks[2 * t + 2], motcua_sig(b));"

/*
 * Migration 9: the words' shares kept in a table. Each search read them
 * from pg_statistic (motcua_words_stats): the most common elements of
 * each register's words, up to 10,000 of them at statistics target
 * 1,000, each array turned to text and back, and the statement planned
 * anew by each connection (a direct connection's search is its first).
 * Now register_words holds each common tag's share, one row per register
 * and tag, and a search reads by its primary key only the tags its groups
 * can ask (4 kinds of name, 7 lengths, the words typed). The table is
 * brought up to date from the statistics by motcua_words_refresh(), owned
 * by the province's owner, which copies a register's only when ANALYZE
 * (autovacuum's or a hand's) ran since its last copy: at the end of every
 * push and of every `province init`. The shares only choose the way; the
 * hits are the same whichever runs.
 */
#define PROVINCE_WORDS_9 \
	"CREATE TABLE register_words (" \
	"  tag text NOT NULL, kind smallint NOT NULL, share real NOT NULL," \
	"  PRIMARY KEY (tag, kind)" \
	");" \
	"CREATE TABLE register_stats (" \
	"  kind smallint PRIMARY KEY, analyzed_at timestamptz NOT NULL" \
	");" \
	"GRANT SELECT ON register_words, register_stats TO motcua_ward, motcua_reader;" \
	"CREATE FUNCTION motcua_words_refresh() RETURNS integer" \
	"  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $f$" \
	"DECLARE reg constant regclass[] := ARRAY['births', 'marriages', 'deaths']::regclass[];" \
	"  at timestamptz; n integer := 0;" \
	"BEGIN" \
	"  FOR k IN 1 .. 3 LOOP" \
	"    at := greatest(pg_stat_get_last_analyze_time(reg[k])," \
	"      pg_stat_get_last_autoanalyze_time(reg[k]));" \
	"    CONTINUE WHEN at IS NULL OR at <= coalesce((SELECT s.analyzed_at" \
	"      FROM register_stats s WHERE s.kind = k), '-infinity');" \
	/* One refresh at a time (readers are not held), and the work \
	 * done by another while this one waited not done again. */ \
	"    LOCK TABLE register_stats IN SHARE ROW EXCLUSIVE MODE;" \
	"    CONTINUE WHEN at <= coalesce((SELECT s.analyzed_at" \
	"      FROM register_stats s WHERE s.kind = k), '-infinity');" \
	"    DELETE FROM register_words w WHERE w.kind = k;" \
	/* The element frequencies end with three numbers that are not \
	 * an element's (unnest pads the elements with NULL there). */ \
	"    INSERT INTO register_words SELECT x.e, k, x.f" \
	"      FROM motcua_words_stats(reg[k]) s, unnest(s.elems, s.freqs) AS x(e, f)" \
	"      WHERE x.e IS NOT NULL;" \
	"    INSERT INTO register_stats VALUES (k, at)" \
	"      ON CONFLICT (kind) DO UPDATE SET analyzed_at = excluded.analyzed_at;" \
	"    n := n + 1;" \
	"  END LOOP;" \
	"  RETURN n;" \
	"END $f$;" \
	"REVOKE EXECUTE ON FUNCTION motcua_words_refresh() FROM PUBLIC;" \
	"GRANT EXECUTE ON FUNCTION motcua_words_refresh() TO motcua_ward;" \
	"SELECT motcua_words_refresh();" \
	/* A word typed twice ("Vũ Thu Thư": vu, thu, thu) is one tag, \
	 * its share counted once (twice, such a name went to the GIN \
	 * index, reading 15,000 matches, where a walk fills the limit \
	 * within 13,000 entries). */ \
	"CREATE OR REPLACE FUNCTION motcua_words_share(elems text[], freqs real[], tags text[])" \
	"  RETURNS float8 LANGUAGE sql IMMUTABLE AS $$" \
	"  SELECT coalesce(exp(sum(ln(greatest(coalesce(freqs[array_position(elems, t)], 0)," \
	"   1e-30)))), 0)" \
	"  FROM (SELECT DISTINCT unnest(tags) t) u WHERE elems IS NOT NULL $$;" \
	"DROP FUNCTION motcua_search(text[], integer, text, integer);" \
	SEARCH_FUNCTION("CREATE", ", masks bit(" SIG_BITS ")[] DEFAULT NULL", SIG_DECL, \
		SIG_START WORDS_READ, SIG_SKIP, SIG_MASKS_GIVEN, WALK_SIG, WALK_SIGS, STATS_READ_NONE)

/*
 * Migration 10: the walk's check of a row that one read, and the words
 * that others imply.
 *
 * The walk tested each signature that held the tags by reading that
 * entry's row (EXISTS): PostgreSQL may run that as a hash join instead,
 * every match of the words read from the GIN index first and hashed,
 * which it chooses when its own estimate of the matches is small ("Tạ
 * Văn Tài": 152 estimated, 14,346 read, 50 ms where the walk itself
 * takes 13). The row is now read by a LATERAL subquery with its key,
 * which can only be a nested loop: one row for each signature that
 * passed, as the walk means.
 *
 * A word typed that begins another typed (ta, van, tai) no longer
 * counts in a share: the search asks each word as a beginning, and a
 * name holding a word that begins with "tai" holds one that begins with
 * "ta", so the share of both is the longer's alone. Multiplied in, it
 * made "Tạ Văn Tài" expect 2 hits in the walk for the 143 there are.
 */
#define WALK_SIG_ROW(t) \
	"          SELECT count(*), array_agg(x.id), array_agg(x.unit_id) INTO got, wi, wu" \
	"          FROM (SELECT s.id, s.unit_id FROM (SELECT e.id, e.unit_id, e.sig FROM " t " e" \
	"           ORDER BY e.id DESC, e.unit_id LIMIT " WALK_SIGS ") s" \
	"           CROSS JOIN LATERAL (SELECT FROM " t " w WHERE w.unit_id = s.unit_id" \
	"            AND w.id = s.id AND (w.words @> a OR w.words @> b) LIMIT 1) c" \
	"           WHERE s.sig & sa = sa OR s.sig & sb = sb" \
	"           LIMIT need) x;"
#define PROVINCE_SEARCH_10 \
	"CREATE OR REPLACE FUNCTION motcua_words_share(elems text[], freqs real[], tags text[])" \
	"  RETURNS float8 LANGUAGE sql IMMUTABLE AS $$" \
	"  SELECT coalesce(exp(sum(ln(greatest(coalesce(freqs[array_position(elems, t)], 0)," \
	"   1e-30)))), 0)" \
	"  FROM (SELECT DISTINCT unnest(tags) t) u WHERE elems IS NOT NULL" \
	"   AND NOT EXISTS (SELECT FROM unnest(tags) v WHERE v <> u.t AND starts_with(v, u.t)) $$;" \
	SEARCH_FUNCTION("CREATE OR REPLACE", ", masks bit(" SIG_BITS ")[] DEFAULT NULL", SIG_DECL, \
		SIG_START WORDS_READ, SIG_SKIP, SIG_MASKS_GIVEN, WALK_SIG_ROW, WALK_SIGS, \
		STATS_READ_NONE)

static const char *const migrations[] = {
	/* 1: the wards and their roles, every ward's rows, the pushes and the
	 * incidents of the witness. Columns as in the ward's tables
	 * (core/schema.c); times in Unix seconds like theirs. */
	"DO $$ BEGIN"
	"  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'motcua_ward') THEN"
	"    CREATE ROLE motcua_ward NOLOGIN; END IF;"
	"  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'motcua_reader') THEN"
	"    CREATE ROLE motcua_reader NOLOGIN; END IF;"
	"END $$;"

	"CREATE TABLE province_migrations ("
	"  version    integer PRIMARY KEY,"
	"  applied_at timestamptz NOT NULL DEFAULT now()"
	");"
	"GRANT SELECT ON province_migrations TO motcua_ward, motcua_reader;"

	/* One PostgreSQL role per ward: `province ward add UNIT ROLE`. */
	"CREATE TABLE wards ("
	"  unit_id  text PRIMARY KEY,"
	"  role     name NOT NULL UNIQUE,"
	"  added_at timestamptz NOT NULL DEFAULT now()"
	");"
	"ALTER TABLE wards ENABLE ROW LEVEL SECURITY;"
	"CREATE POLICY own_ward ON wards FOR SELECT TO motcua_ward USING (role = current_user);"
	"CREATE POLICY read_wards ON wards FOR SELECT TO motcua_reader USING (true);"
	"GRANT SELECT ON wards TO motcua_ward, motcua_reader;"
	/* The unit of the role connected; NULL for any other role, whose
	 * rows are then none. */
	"CREATE FUNCTION motcua_unit() RETURNS text LANGUAGE sql STABLE"
	"  AS 'SELECT unit_id FROM wards WHERE role = current_user';"

	"CREATE TABLE procedures ("
	"  unit_id text NOT NULL, code text NOT NULL, name text NOT NULL,"
	"  days bigint NOT NULL, fee bigint NOT NULL, kind text, documents text,"
	"  field_code text, field_name text,"
	"  PRIMARY KEY (unit_id, code)"
	");"
	IN_PLACE("procedures")

	"CREATE TABLE dossiers ("
	"  unit_id text NOT NULL, id bigint NOT NULL, code text NOT NULL,"
	"  day bigint NOT NULL, seq bigint NOT NULL, pin text NOT NULL,"
	"  procedure text NOT NULL, days bigint NOT NULL, applicant text NOT NULL,"
	"  id_number text, phone text, email text, address text,"
	"  channel text NOT NULL, delivery text NOT NULL, documents text, sets bigint,"
	"  note text, status text NOT NULL,"
	"  received_at bigint NOT NULL, due_at bigint NOT NULL, finished_at bigint,"
	"  returned_at bigint, paused_at bigint, clerk text NOT NULL,"
	"  updated_at bigint NOT NULL, promised_at bigint,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	/* A dossier's code holds its unit's code: one code, one dossier. */
	"CREATE UNIQUE INDEX dossiers_code ON dossiers(code);"
	"CREATE INDEX dossiers_received ON dossiers(unit_id, received_at);"
	IN_PLACE("dossiers")

	"CREATE TABLE dossier_history ("
	"  unit_id text NOT NULL, id bigint NOT NULL, dossier_id bigint NOT NULL,"
	"  at bigint NOT NULL, status text NOT NULL, clerk text NOT NULL,"
	"  note text, reason text, old_due bigint, new_due bigint,"
	"  event text, changes text,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	"CREATE INDEX dossier_history_dossier ON dossier_history(unit_id, dossier_id, id);"
	APPEND_ONLY("dossier_history")

	/* The registers, each entry with the folded words of its names
	 * (core/fold.c: motcua folds, PostgreSQL's unaccent leaves đ). */
	"CREATE TABLE births ("
	"  unit_id text NOT NULL, id bigint NOT NULL, book text NOT NULL,"
	"  number bigint NOT NULL, registered_on text NOT NULL, full_name text NOT NULL,"
	"  sex text NOT NULL, date_of_birth text NOT NULL, place_of_birth text,"
	"  ethnicity text, nationality text, hometown text, id_number text,"
	"  father_name text, father_birth_year bigint, father_ethnicity text,"
	"  father_nationality text, father_residence text,"
	"  mother_name text, mother_birth_year bigint, mother_ethnicity text,"
	"  mother_nationality text, mother_residence text,"
	"  declarant text, registrar text, note text, clerk text NOT NULL,"
	"  entered_at bigint NOT NULL, words text[] NOT NULL,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	IN_PLACE("births")

	"CREATE TABLE marriages ("
	"  unit_id text NOT NULL, id bigint NOT NULL, book text NOT NULL,"
	"  number bigint NOT NULL, registered_on text NOT NULL,"
	"  husband_name text NOT NULL, wife_name text NOT NULL,"
	"  husband_date_of_birth text, husband_ethnicity text, husband_nationality text,"
	"  husband_residence text, husband_id_number text,"
	"  wife_date_of_birth text, wife_ethnicity text, wife_nationality text,"
	"  wife_residence text, wife_id_number text,"
	"  registrar text, note text, clerk text NOT NULL, entered_at bigint NOT NULL,"
	"  words text[] NOT NULL,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	IN_PLACE("marriages")

	"CREATE TABLE deaths ("
	"  unit_id text NOT NULL, id bigint NOT NULL, book text NOT NULL,"
	"  number bigint NOT NULL, registered_on text NOT NULL, full_name text NOT NULL,"
	"  died_on text NOT NULL, sex text, date_of_birth text, ethnicity text,"
	"  nationality text, id_number text, died_at_time text, place_of_death text,"
	"  cause text, declarant text, registrar text, note text,"
	"  clerk text NOT NULL, entered_at bigint NOT NULL, words text[] NOT NULL,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	IN_PLACE("deaths")

	"CREATE TABLE register_amendments ("
	"  unit_id text NOT NULL, id bigint NOT NULL, kind text NOT NULL,"
	"  entry_id bigint NOT NULL, at bigint NOT NULL, clerk text NOT NULL,"
	"  reason text NOT NULL, changes text NOT NULL,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	APPEND_ONLY("register_amendments")

	"CREATE TABLE extracts ("
	"  unit_id text NOT NULL, id bigint NOT NULL, kind text NOT NULL,"
	"  year bigint NOT NULL, seq bigint NOT NULL, serial text NOT NULL,"
	"  entry_id bigint NOT NULL, issued_at bigint NOT NULL, day bigint NOT NULL,"
	"  clerk text NOT NULL, requester text NOT NULL, copies bigint NOT NULL,"
	"  fee bigint NOT NULL, dossier text, payload text,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	APPEND_ONLY("extracts")

	"CREATE TABLE extract_events ("
	"  unit_id text NOT NULL, id bigint NOT NULL, extract_id bigint NOT NULL,"
	"  at bigint NOT NULL, clerk text NOT NULL, action text NOT NULL, reason text,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	APPEND_ONLY("extract_events")

	/* The ward's audit log as the ward chained it (core/audit.h): what
	 * the province holds is the cursor of the next push, and the copy
	 * against which a rewritten history is found. */
	"CREATE TABLE audit_log ("
	"  unit_id text NOT NULL, id bigint NOT NULL, at bigint NOT NULL,"
	"  clerk text NOT NULL, command text NOT NULL, tbl text NOT NULL,"
	"  key text NOT NULL, change text NOT NULL, row_hash text,"
	"  prev_hash text NOT NULL, hash text NOT NULL, os_user text,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	APPEND_ONLY("audit_log")

	/* One row per batch committed: the last push of each ward. */
	"CREATE TABLE pushes ("
	"  unit_id text NOT NULL, id bigserial PRIMARY KEY,"
	"  at timestamptz NOT NULL DEFAULT now(),"
	"  first_record bigint NOT NULL, last_record bigint NOT NULL, rows bigint NOT NULL"
	");"
	"CREATE INDEX pushes_unit ON pushes(unit_id, at);"
	APPEND_ONLY("pushes")
	"GRANT USAGE ON SEQUENCE pushes_id_seq TO motcua_ward;"

	/* A push refused because the ward's log no longer extends the
	 * province's copy: the first record that differs, both hashes. */
	"CREATE TABLE incidents ("
	"  unit_id text NOT NULL, id bigserial PRIMARY KEY,"
	"  at timestamptz NOT NULL DEFAULT now(),"
	"  record bigint NOT NULL, province_hash text, ward_hash text"
	");"
	APPEND_ONLY("incidents")
	"GRANT USAGE ON SEQUENCE incidents_id_seq TO motcua_ward;",

	/* 2: the indexes of the province's commands: the registers' folded
	 * words (GIN, `province search`), the dossiers by procedure. */
	"CREATE INDEX births_words ON births USING gin (words);"
	"CREATE INDEX marriages_words ON marriages USING gin (words);"
	"CREATE INDEX deaths_words ON deaths USING gin (words);"
	"CREATE INDEX dossiers_procedure ON dossiers(procedure, received_at);",

	/* 3: the wards' policies call motcua_unit() once per statement, not
	 * once per row: as a sub-select it is an initPlan, where the bare
	 * call of a STABLE function is made again for every row a push
	 * moves in (bench/sync.sh, docs/scale.md). */
	WARD_POLICY("procedures") WARD_POLICY("dossiers") WARD_POLICY("dossier_history")
	WARD_POLICY("births") WARD_POLICY("marriages") WARD_POLICY("deaths")
	WARD_POLICY("register_amendments") WARD_POLICY("extracts")
	WARD_POLICY("extract_events") WARD_POLICY("audit_log") WARD_POLICY("pushes")
	WARD_POLICY("incidents"),

	/* 4: the office that registered an entry, when not its ward (a
	 * commune merged into it): the ward's schema 14. The checkpoints of
	 * the wards' chains (core/witness.h), one sent by each push at the
	 * record it ends on, signed with the ward's key, with that key as
	 * the ward then gave it: `province check` verifies each against the
	 * first key the ward gave and the province's copy of the chain. */
	"ALTER TABLE births ADD COLUMN registering_office text;"
	"ALTER TABLE marriages ADD COLUMN registering_office text;"
	"ALTER TABLE deaths ADD COLUMN registering_office text;"
	"CREATE TABLE checkpoints ("
	"  unit_id text NOT NULL, record bigint NOT NULL, line text NOT NULL,"
	"  public_key text NOT NULL,"
	"  received_at timestamptz NOT NULL DEFAULT now(),"
	"  PRIMARY KEY (unit_id, record)"
	");"
	APPEND_ONLY("checkpoints") WARD_POLICY("checkpoints")
	/* Each ward's card as its citizens' page shows it (core/citizen.h:
	 * the settings unit_name, office_address, office_phone, office_hours,
	 * workweek, utc_offset), brought up to date by each push, so that
	 * `motcua serve --province` shows a dossier as its ward does. */
	"CREATE TABLE ward_offices ("
	"  unit_id text PRIMARY KEY, unit_name text NOT NULL, office_address text NOT NULL,"
	"  office_phone text NOT NULL, office_hours text NOT NULL, workweek text NOT NULL,"
	"  utc_offset_min integer NOT NULL,"
	"  updated_at timestamptz NOT NULL DEFAULT now()"
	");"
	IN_PLACE("ward_offices") WARD_POLICY("ward_offices"),

	/* 5: the history of the dossiers and the audit log partitioned by
	 * unit, one partition per ward (named by motcua_partition()), on
	 * which the ward's role alone is granted SELECT and INSERT: a push
	 * COPYs their new rows straight into its partitions, where
	 * PostgreSQL refuses COPY into the parent, whose row-level security
	 * still guards every read and write through it. A partition has no
	 * row-level security of its own; a row of another unit is refused
	 * by the partition's bound. The rows of schema 4 are moved in. */
	"CREATE FUNCTION motcua_partition(tbl text, unit text) RETURNS text"
	"  LANGUAGE sql IMMUTABLE AS $f$"
	"  SELECT CASE WHEN octet_length(tbl || '@' || unit) <= 63 THEN tbl || '@' || unit"
	"    ELSE tbl || '@' || md5(unit) END $f$;"
	/* Makes the unit's partitions that are missing, and leaves its
	 * ward's role (wards) the only one granted on them: a role that
	 * wrote for the unit before loses them. `province init --ward`. */
	WARD_PARTITIONS("CREATE", "'dossier_history', 'audit_log'")
	"REVOKE EXECUTE ON FUNCTION motcua_ward_partitions(text) FROM PUBLIC;"
	"ALTER TABLE dossier_history RENAME TO dossier_history_4;"
	"ALTER INDEX dossier_history_pkey RENAME TO dossier_history_4_pkey;"
	"ALTER INDEX dossier_history_dossier RENAME TO dossier_history_4_dossier;"
	"CREATE TABLE dossier_history (LIKE dossier_history_4, PRIMARY KEY (unit_id, id))"
	"  PARTITION BY LIST (unit_id);"
	"CREATE INDEX dossier_history_dossier ON dossier_history(unit_id, dossier_id, id);"
	APPEND_ONLY("dossier_history") WARD_POLICY("dossier_history")
	"ALTER TABLE audit_log RENAME TO audit_log_4;"
	"ALTER INDEX audit_log_pkey RENAME TO audit_log_4_pkey;"
	"CREATE TABLE audit_log (LIKE audit_log_4, PRIMARY KEY (unit_id, id))"
	"  PARTITION BY LIST (unit_id);"
	APPEND_ONLY("audit_log") WARD_POLICY("audit_log")
	"SELECT motcua_ward_partitions(unit_id) FROM ("
	"  SELECT unit_id FROM wards UNION SELECT unit_id FROM dossier_history_4"
	"  UNION SELECT unit_id FROM audit_log_4) u;"
	"INSERT INTO dossier_history SELECT * FROM dossier_history_4;"
	"INSERT INTO audit_log SELECT * FROM audit_log_4;"
	"DROP TABLE dossier_history_4, audit_log_4;",

	/* 6: province search in one statement, newest first without
	 * reading every match (issue 15, docs/scale.md). */
	PROVINCE_SEARCH_6,

	/* 7: the walk down signatures (issue 15, docs/scale.md). */
	PROVINCE_SEARCH_7,

	/* 8: the dossiers partitioned by unit as their history is (5): a
	 * push COPYs the dossiers new to the province straight into its
	 * ward's partition, where through the parent each went by a staging
	 * table and an INSERT (bench/sync.sh, docs/scale.md). A dossier's
	 * code holds its unit's: unique with the unit, as the partitions
	 * require, and still found by the code alone (code first). */
	WARD_PARTITIONS("CREATE OR REPLACE", "'dossiers', 'dossier_history', 'audit_log'")
	"ALTER TABLE dossiers RENAME TO dossiers_7;"
	"ALTER INDEX dossiers_pkey RENAME TO dossiers_7_pkey;"
	"ALTER INDEX dossiers_code RENAME TO dossiers_7_code;"
	"ALTER INDEX dossiers_received RENAME TO dossiers_7_received;"
	"ALTER INDEX dossiers_procedure RENAME TO dossiers_7_procedure;"
	"CREATE TABLE dossiers (LIKE dossiers_7, PRIMARY KEY (unit_id, id))"
	"  PARTITION BY LIST (unit_id);"
	"CREATE UNIQUE INDEX dossiers_code ON dossiers(code, unit_id);"
	"CREATE INDEX dossiers_received ON dossiers(unit_id, received_at);"
	"CREATE INDEX dossiers_procedure ON dossiers(procedure, received_at);"
	IN_PLACE("dossiers") WARD_POLICY("dossiers")
	"SELECT motcua_ward_partitions(unit_id) FROM ("
	"  SELECT unit_id FROM wards UNION SELECT unit_id FROM dossiers_7) u;"
	"INSERT INTO dossiers SELECT * FROM dossiers_7;"
	"DROP TABLE dossiers_7;",

	/* 9: the words' shares kept in a table (issue 15, docs/scale.md). */
	PROVINCE_WORDS_9,

	/* 10: the walk's row check a nested loop, the words that others
	 * imply (issue 15, docs/scale.md). */
	PROVINCE_SEARCH_10,
};

int mc_province_schema_count(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *mc_province_migration(int version)
{
	if (version < 1 || version > mc_province_schema_count())
		return NULL;
	return migrations[version - 1];
}

/* What a migration leaves to do outside its transaction. */
const char *mc_province_after(int version)
{
	/* 7: the registers' pages marked all-visible, for the walk's
	 * index-only scans (VACUUM cannot run in a transaction). */
	return version == 7 ? "VACUUM births, marriages, deaths" : NULL;
}

const struct mc_province_table mc_province_tables[] = {
	{ "procedures", "code, name, days, fee, kind, documents, field_code, field_name",
	  "code", 1 },
	{ "dossiers", "id, code, day, seq, pin, procedure, days, applicant, id_number, phone,"
	  " email, address, channel, delivery, documents, sets, note, status, received_at,"
	  " due_at, finished_at, returned_at, paused_at, clerk, updated_at, promised_at",
	  "id", 1 },
	{ "dossier_history", "id, dossier_id, at, status, clerk, note, reason, old_due, new_due,"
	  " event, changes", "id", 0 },
	{ "births", "id, book, number, registered_on, full_name, sex, date_of_birth,"
	  " place_of_birth, ethnicity, nationality, hometown, id_number, father_name,"
	  " father_birth_year, father_ethnicity, father_nationality, father_residence,"
	  " mother_name, mother_birth_year, mother_ethnicity, mother_nationality,"
	  " mother_residence, declarant, registrar, note, clerk, entered_at, registering_office,"
	  " words, sig", "id", 1 },
	{ "marriages", "id, book, number, registered_on, husband_name, wife_name,"
	  " husband_date_of_birth, husband_ethnicity, husband_nationality, husband_residence,"
	  " husband_id_number, wife_date_of_birth, wife_ethnicity, wife_nationality,"
	  " wife_residence, wife_id_number, registrar, note, clerk, entered_at,"
	  " registering_office, words, sig", "id", 1 },
	{ "deaths", "id, book, number, registered_on, full_name, died_on, sex, date_of_birth,"
	  " ethnicity, nationality, id_number, died_at_time, place_of_death, cause, declarant,"
	  " registrar, note, clerk, entered_at, registering_office, words, sig", "id", 1 },
	{ "register_amendments", "id, kind, entry_id, at, clerk, reason, changes", "id", 0 },
	{ "extracts", "id, kind, year, seq, serial, entry_id, issued_at, day, clerk, requester,"
	  " copies, fee, dossier, payload", "id", 0 },
	{ "extract_events", "id, extract_id, at, clerk, action, reason", "id", 0 },
	{ "audit_log", "id, at, clerk, command, tbl, key, change, row_hash, prev_hash, hash,"
	  " os_user", "id", 0 },
};

const size_t mc_province_ntables = sizeof mc_province_tables / sizeof mc_province_tables[0];

int mc_province_has_words(const struct mc_province_table *t)
{
	return strstr(t->cols, ", words") != NULL;
}
