/* motcua — the province's search in SQL: the migrations that made and
 * remade motcua_search and what it reads (6, 7, 9 and 10), each kept as
 * released, and the one that dropped it (11) when motcua took the search
 * over (net/province-search.c); core/province.c numbers them. */
#include "province-search.h"

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
/* The newest WALK_SIGS entries' signatures (s), for a walk to test. */
#define WALK_NEWEST(t) \
	"          SELECT count(*), array_agg(x.id), array_agg(x.unit_id) INTO got, wi, wu" \
	"          FROM (SELECT s.id, s.unit_id FROM (SELECT e.id, e.unit_id, e.sig FROM " t " e" \
	"           ORDER BY e.id DESC, e.unit_id LIMIT " WALK_SIGS ") s"
#define WALK_SIG(t) \
	WALK_NEWEST(t) \
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
/* The share of entries that hold every tag (distinct), the tags taken as
 * independent, for those tags that pass `cond` (migrations 9 and 10). */
#define WORDS_SHARE(cond) \
	"CREATE OR REPLACE FUNCTION motcua_words_share(elems text[], freqs real[], tags text[])" \
	"  RETURNS float8 LANGUAGE sql IMMUTABLE AS $$" \
	"  SELECT coalesce(exp(sum(ln(greatest(coalesce(freqs[array_position(elems, t)], 0)," \
	"   1e-30)))), 0)" \
	"  FROM (SELECT DISTINCT unnest(tags) t) u WHERE elems IS NOT NULL" cond " $$;"

/* The refresh of register_words (create: "CREATE" or "CREATE OR
 * REPLACE"), more: statements after a register's elements are copied. */
#define WORDS_REFRESH(create, more) \
	create " FUNCTION motcua_words_refresh() RETURNS integer" \
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
	more \
	"    INSERT INTO register_stats VALUES (k, at)" \
	"      ON CONFLICT (kind) DO UPDATE SET analyzed_at = excluded.analyzed_at;" \
	"    n := n + 1;" \
	"  END LOOP;" \
	"  RETURN n;" \
	"END $f$;"

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
	WORDS_REFRESH("CREATE", "") \
	"REVOKE EXECUTE ON FUNCTION motcua_words_refresh() FROM PUBLIC;" \
	"GRANT EXECUTE ON FUNCTION motcua_words_refresh() TO motcua_ward;" \
	"SELECT motcua_words_refresh();" \
	/* A word typed twice ("Vũ Thu Thư": vu, thu, thu) is one tag, \
	 * its share counted once (twice, such a name went to the GIN \
	 * index, reading 15,000 matches, where a walk fills the limit \
	 * within 13,000 entries). */ \
	WORDS_SHARE("") \
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
	WALK_NEWEST(t) \
	"           CROSS JOIN LATERAL (SELECT FROM " t " w WHERE w.unit_id = s.unit_id" \
	"            AND w.id = s.id AND (w.words @> a OR w.words @> b) LIMIT 1) c" \
	"           WHERE s.sig & sa = sa OR s.sig & sb = sb" \
	"           LIMIT need) x;"
#define PROVINCE_SEARCH_10 \
	WORDS_SHARE("   AND NOT EXISTS (SELECT FROM unnest(tags) v WHERE v <> u.t" \
		" AND starts_with(v, u.t))") \
	SEARCH_FUNCTION("CREATE OR REPLACE", ", masks bit(" SIG_BITS ")[] DEFAULT NULL", SIG_DECL, \
		SIG_START WORDS_READ, SIG_SKIP, SIG_MASKS_GIVEN, WALK_SIG_ROW, WALK_SIGS, \
		STATS_READ_NONE)

/*
 * Migration 11: the search run by motcua itself. A direct connection's
 * search is its backend's first, and the function cost about 10 ms of it
 * before it read an entry: its compilation, and each of its statements
 * and expressions planned on first use. motcua now sends the function's
 * statements itself, most of them together (net/province-search.c), and
 * the function and the shares' product it alone used are dropped: one
 * search, whose hits are the function's. What it reads stays: the
 * registers' signatures (motcua_sig, which the ward's computes the same)
 * and indexes, register_words and its refresh.
 */
#define PROVINCE_SEARCH_11 \
	"DROP FUNCTION motcua_search(text[], integer, text, integer, bit[]);" \
	"DROP FUNCTION motcua_words_share(text[], real[], text[]);"

/*
 * Migration 12: the share of each name's length. A tag is a word of a
 * name of c words, so each tag's share holds the share of names of c
 * words, and a product of several words' shares holds it once for each
 * word where the entries hold it once: three words of a person's name
 * ("Nguyễn Khánh Ánh") were expected at about half the entries that
 * hold them (72 % of the people's names have three words), and sent to
 * the GIN index where a walk fills the limit in 44,000 entries. The
 * refresh now also keeps, under the tag "nc" (two characters: no word's
 * tag is so short), the share of a register's entries whose name n has
 * c words, counted from a sample of about 10,000 entries (their pages:
 * TABLESAMPLE SYSTEM), which motcua divides the product by
 * (net/province-search.c). The shares are taken again now.
 */
#define LENGTH_SHARES \
	"    EXECUTE format('WITH s AS MATERIALIZED (SELECT e.words FROM %s e" \
	"      TABLESAMPLE SYSTEM (%s)) INSERT INTO register_words" \
	"      SELECT x.nc, $1, count(*)::real / (SELECT count(*) FROM s)" \
	"      FROM s, LATERAL (SELECT DISTINCT left(t, 2) nc FROM unnest(s.words) t) x" \
	"      GROUP BY x.nc', reg[k], least(100, 1000000.0 / greatest((SELECT c.reltuples" \
	"      FROM pg_class c WHERE c.oid = reg[k]), 1))) USING k;"
#define PROVINCE_WORDS_12 \
	WORDS_REFRESH("CREATE OR REPLACE", LENGTH_SHARES) \
	"DELETE FROM register_stats;" \
	"SELECT motcua_words_refresh();"

const char mc_province_search_6[] = PROVINCE_SEARCH_6;
const char mc_province_search_7[] = PROVINCE_SEARCH_7;
const char mc_province_words_9[] = PROVINCE_WORDS_9;
const char mc_province_search_10[] = PROVINCE_SEARCH_10;
const char mc_province_search_11[] = PROVINCE_SEARCH_11;
const char mc_province_words_12[] = PROVINCE_WORDS_12;
