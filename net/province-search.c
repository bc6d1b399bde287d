/* motcua — province search: every ward's registers, found and ranked as
 * the ward's register search does, by statements this program sends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "fold.h"
#include "i18n.h"
#include "province-net.h"
#include "register.h"
#include "sync.h"

/*
 * The search runs here, as a few statements in one read-only
 * transaction (one snapshot of every ward's entries), most of them sent
 * together (libpq's pipeline mode, net/pg.c): a search is its
 * connection's first, and a new backend pays for every statement,
 * function and relation the first time it meets them. Up to province
 * migration 10 the search was one call of a PL/pgSQL function
 * (motcua_search, core/province-search.c): its compilation, its
 * bookkeeping statements and each of its expressions planned on first
 * use took about 10 ms of a new connection's search before the first
 * entry was read (docs/scale.md). What the function did is done here,
 * with its statements and its choices:
 *
 * The ward's ranking (core/register-search.c) is fourteen groups: the
 * person's name (groups 0 to 6), then a parent's (births only, 7 to
 * 13), each of 1 to 7 (or more) words; in each, the newest first (by
 * id, then births, marriages, deaths, then by unit), each entry once,
 * until the limit. An entry's words are tags (core/sync.c): "n" "c"
 * word, whose name n (0 the person's, 1 the spouse's, 2 and 3 the
 * parents') has c words (7: seven or more), each beginning of each
 * word. A group holds the entries with every word typed in one name of
 * its kind and length: tags a (n, c, words) or b (n + 1, c, words).
 *
 * Each group is asked of each register one of two ways. Where its words
 * are common together (their shares, register_words, from the
 * register's statistics: province migration 9), the newest WALK entries
 * are walked down the register's newest-first index, whose signatures
 * (a Bloom filter of the tags, migration 7) are tested, and each that
 * passes has its row read by its key; where they are rarer, or the
 * walk did not fill the limit, the GIN index of the words gives every
 * match and the newest are kept. Either way the hits are the newest
 * matches: the shares only choose the faster way. A walk within a year
 * (--year) reads the year's newest WALK_YEAR entries down the year's
 * index. The hits' columns come with them: no statement a hit.
 */
#define WALK 100000
#define WALK_YEAR 5000
#define TEXT(x) #x
#define NUMBER(x) TEXT(x)
/* A signature's bits (MC_SIG_BYTES), as the registers' column holds it. */
#define SIG "bit(1024)"
_Static_assert(MC_SIG_BYTES * 8 == 1024, "the signature's column is bit(1024)");
enum { GROUPS = 14, NAMES_LONGEST = 7 };

/* A register: its table and the columns of a hit as its row w holds
 * them (book, number, registered on, name, born, father, mother, spouse,
 * died). */
#define BIRTHS_HIT "w.book, w.number, w.registered_on, w.full_name, w.date_of_birth," \
	" w.father_name, w.mother_name, NULL, NULL"
#define MARRIAGES_HIT "w.book, w.number, w.registered_on, w.husband_name," \
	" w.husband_date_of_birth, NULL, NULL, w.wife_name, NULL"
#define DEATHS_HIT "w.book, w.number, w.registered_on, w.full_name, w.date_of_birth," \
	" NULL, NULL, NULL, w.died_on"
/* Each statement gives id, unit_id, then the hit's columns, newest
 * first. The walk: $1, $2 the group's tags a and b, $3, $4 their
 * signatures, $5 how many; (the row read by its key in a subquery of its
 * own, which PostgreSQL cannot make a hash join of every match: migration
 * 10). */
#define WALK_SQL(t, hit) \
	"SELECT s.id, s.unit_id, c.* FROM (SELECT e.id, e.unit_id, e.sig FROM " t " e" \
	" ORDER BY e.id DESC, e.unit_id LIMIT " NUMBER(WALK) ") s" \
	" CROSS JOIN LATERAL (SELECT " hit " FROM " t " w WHERE w.unit_id = s.unit_id" \
	"  AND w.id = s.id AND (w.words @> $1::text[] OR w.words @> $2::text[]) LIMIT 1) c" \
	" WHERE s.sig & $3::" SIG " = $3::" SIG " OR s.sig & $4::" SIG " = $4::" SIG \
	" ORDER BY s.id DESC, s.unit_id LIMIT $5"
/* Within the year $4, $3 at most. */
#define WALK_YEAR_SQL(t, hit) \
	"SELECT s.* FROM (SELECT w.id, w.unit_id, " hit ", w.words FROM " t " w" \
	" WHERE left(w.registered_on, 4) = $4 ORDER BY -w.id, w.unit_id LIMIT " NUMBER(WALK_YEAR) ") s" \
	" WHERE s.words @> $1::text[] OR s.words @> $2::text[] ORDER BY -s.id, s.unit_id LIMIT $3"
/* The GIN index: every match, the newest $3 kept (id + 0: never a walk
 * of the whole index). */
#define GIN_SQL(t, hit, year) \
	"SELECT w.id, w.unit_id, " hit " FROM " t " w" \
	" WHERE (w.words @> $1::text[] OR w.words @> $2::text[])" year \
	" ORDER BY w.id + 0 DESC, w.unit_id LIMIT $3"
#define IN_YEAR " AND left(w.registered_on, 4) = $4"
#define REGISTER(t, hit) \
	{ WALK_SQL(t, hit), WALK_YEAR_SQL(t, hit), GIN_SQL(t, hit, ""), GIN_SQL(t, hit, IN_YEAR) }
enum { REGISTERS = 3, HIT_COLUMNS = 11 };
static const struct {
	const char *walk, *walk_year, *gin, *gin_year;
} sqls[REGISTERS] = {
	REGISTER("births", BIRTHS_HIT),
	REGISTER("marriages", MARRIAGES_HIT),
	REGISTER("deaths", DEATHS_HIT),
};

/* The words typed and what the search knows of them. */
typedef struct {
	mc_query_words q;
	/* The shares of every tag the groups can ask, a register's each
	 * (register_words: kind 1 to 3, tag, share). */
	mc_pg_rows *shares;
	int year;
	char year_text[8];
	unsigned kinds;
	int limit;
	/* How many each statement asks: the limit (an earlier group's hits
	 * may be among them). */
	char need[16];
	/* The hits in their order: a row of a kept result, its register
	 * and group. */
	struct found {
		mc_pg_rows *r;
		int row, k, grp;
	} *hits;
	int nhits;
	/* Every result read, freed at the end. */
	mc_pg_rows **kept;
	int nkept, cap_kept;
} search;

/* a and b's texts: "{"03nguyen","03van"}" (n, c: the name and its
 * words). */
static void tags_text(mc_strbuf *b, const mc_query_words *q, int n, int c)
{
	mc_strbuf_add(b, "{", 1);
	for (int i = 0; i < q->n; i++)
		mc_strbuf_addf(b, "%s\"%d%d%s\"", i ? "," : "", n, c, q->words[i]);
	mc_strbuf_add(b, "}", 1);
}

/* The signature of tags (n, c, words) as the ward computes an entry's
 * (core/sync.c), in bit's hexadecimal input: "X0f...". */
static void sig_text(char *out, const mc_query_words *q, int n, int c)
{
	unsigned char sig[MC_SIG_BYTES] = { 0 };
	for (int i = 0; i < q->n; i++) {
		char tag[2 + MC_QUERY_WORD + 1];
		int len = snprintf(tag, sizeof tag, "%d%d%s", n, c, q->words[i]);
		mc_sync_sig_add(sig, tag, (size_t)len);
	}
	out[0] = 'X';
	sodium_bin2hex(out + 1, 2 * MC_SIG_BYTES + 1, sig, MC_SIG_BYTES);
}

/* Word i says no more than the others typed: typed before, or the
 * beginning of another (a name holding a word that begins with "tai"
 * holds one that begins with "ta"). */
static int implied(const mc_query_words *q, int i)
{
	for (int j = 0; j < q->n; j++) {
		int same = strcmp(q->words[j], q->words[i]) == 0;
		if ((same && j < i) ||
		    (!same && strncmp(q->words[j], q->words[i], strlen(q->words[i])) == 0))
			return 1;
	}
	return 0;
}

/*
 * The fewest words a name needs to hold the words typed: one each, but
 * for a word that begins another typed (both may begin one word of the
 * name); a word cannot begin two of its words otherwise. A group of
 * shorter names holds no hit and is not asked (where its tags' long
 * lists cost the GIN index tens of milliseconds to find nothing).
 */
static int fewest_words(const mc_query_words *q)
{
	int n = 0;
	for (int i = 0; i < q->n; i++)
		n += !implied(q, i);
	return n;
}

/* A tag's share in register k (1 to 3): -1 when the register has no
 * share of any tag asked (no statistics), 0 when not among its common. */
static double tag_share(const search *s, int k, const char *tag)
{
	int any = 0;
	for (int i = 0; i < mc_pg_nrows(s->shares); i++) {
		if (atoi(mc_pg_value(s->shares, i, 0)) != k)
			continue;
		any = 1;
		if (strcmp(mc_pg_value(s->shares, i, 1), tag) == 0)
			return strtod(mc_pg_value(s->shares, i, 2), NULL);
	}
	return any ? 0 : -1;
}

/*
 * The share of register k's entries that hold the tags (n, c, words):
 * the words (but those implied by others) taken as independent within
 * names of c words. Each tag's share holds the share of names n of c
 * words (the tag "nc", province migration 12), which their product holds
 * once for each word: it is divided by that share for each word but
 * one, and is at most the rarest word's. A rare tag counts as one in
 * 10^30; 0 for a register with no statistics.
 */
static double words_share(const search *s, int k, int n, int c)
{
	const mc_query_words *q = &s->q;
	double p = 1, rarest = 1;
	int words = 0;
	char tag[2 + MC_QUERY_WORD + 1];
	for (int i = 0; i < q->n; i++) {
		if (implied(q, i))
			continue;
		snprintf(tag, sizeof tag, "%d%d%s", n, c, q->words[i]);
		double f = tag_share(s, k, tag);
		if (f < 0)
			return 0;
		f = f > 1e-30 ? f : 1e-30;
		p *= f;
		rarest = f < rarest ? f : rarest;
		words++;
	}
	snprintf(tag, sizeof tag, "%d%d", n, c);
	double length = tag_share(s, k, tag);
	for (int i = 1; i < words && length > 0; i++)
		p /= length;
	return p < rarest ? p : rarest;
}

static mc_status keep(mc_pg *pg, search *s, mc_pg_rows *r)
{
	if (!r)
		return MC_OK;
	if (s->nkept == s->cap_kept) {
		int cap = s->cap_kept ? 2 * s->cap_kept : 16;
		mc_pg_rows **k = realloc(s->kept, (size_t)cap * sizeof *k);
		if (!k) {
			mc_pg_rows_free(r);
			return mc_pg_fail(pg, MC_NOMEM, "%s", _("out of memory"));
		}
		s->kept = k;
		s->cap_kept = cap;
	}
	s->kept[s->nkept++] = r;
	return MC_OK;
}

static long long id_of(const mc_pg_rows *r, int row)
{
	return strtoll(mc_pg_value(r, row, 0), NULL, 10);
}

/* Entry (k, r's row) among the hits already. */
static int seen(const search *s, int k, const mc_pg_rows *r, int row)
{
	for (int i = 0; i < s->nhits; i++) {
		const struct found *f = &s->hits[i];
		if (f->k == k && id_of(f->r, f->row) == id_of(r, row) &&
		    strcmp(mc_pg_value(f->r, f->row, 1), mc_pg_value(r, row, 1)) == 0)
			return 1;
	}
	return 0;
}

/*
 * Group t's hits: each register's rows, newest first (by id, then by
 * unit as the server orders them), merged by id then register, the
 * first `limit` of them (an earlier group's hits may come again), each
 * entry not shown by an earlier group, until the limit.
 */
static void take(search *s, int t, mc_pg_rows *const *res)
{
	int at[REGISTERS] = { 0 };
	for (int taken = 0; taken < s->limit && s->nhits < s->limit; taken++) {
		int best = -1;
		for (int k = 0; k < REGISTERS; k++)
			if (res[k] && at[k] < mc_pg_nrows(res[k]) &&
			    (best < 0 || id_of(res[k], at[k]) > id_of(res[best], at[best])))
				best = k;
		if (best < 0)
			break;
		int row = at[best]++;
		if (!seen(s, best + 1, res[best], row))
			s->hits[s->nhits++] = (struct found){ res[best], row, best + 1, t };
	}
}

/* Register k's GIN statement, of the year when one was asked; its
 * parameters p: the tags a and b, how many, the year. */
static mc_pg_stmt gin_stmt(const search *s, int k, const char *const *p)
{
	return s->year ? (mc_pg_stmt){ sqls[k].gin_year, 4, p }
		       : (mc_pg_stmt){ sqls[k].gin, 3, p };
}

/*
 * Group t (name n, of c words): each register asked one way, all in one
 * round trip, then the GIN index for any walk that fell short, in one
 * more.
 */
static mc_status group(mc_pg *pg, search *s, int t, int n, int c)
{
	mc_strbuf a = MC_STRBUF_INIT, b = MC_STRBUF_INIT;
	char sa[2 * MC_SIG_BYTES + 2], sb[2 * MC_SIG_BYTES + 2];
	mc_pg_stmt stmt[REGISTERS];
	mc_pg_rows *res[REGISTERS] = { NULL }, *out[REGISTERS];
	int reg[REGISTERS], walked[REGISTERS], m = 0;
	mc_status st = MC_OK;
	tags_text(&a, &s->q, n, c);
	tags_text(&b, &s->q, n + 1, c);
	sig_text(sa, &s->q, n, c);
	sig_text(sb, &s->q, n + 1, c);
	const char *walk_p[] = { a.s, b.s, sa, sb, s->need };
	const char *gin_p[] = { a.s, b.s, s->need, s->year_text };
	if (a.oom || b.oom)
		st = mc_pg_fail(pg, MC_NOMEM, "%s", _("out of memory"));
	for (int k = 0; st == MC_OK && k < REGISTERS; k++) {
		/* Only births name parents. */
		if ((s->kinds && !(s->kinds & (1u << k))) || (n >= 2 && k != MC_REG_BIRTH))
			continue;
		double share = words_share(s, k + 1, n, c) + words_share(s, k + 1, n + 1, c);
		walked[m] = share * (s->year ? WALK_YEAR : WALK) >= 2.0 * s->limit;
		if (walked[m] && !s->year)
			stmt[m] = (mc_pg_stmt){ sqls[k].walk, 5, walk_p };
		else if (walked[m])
			stmt[m] = (mc_pg_stmt){ sqls[k].walk_year, 4, gin_p };
		else
			stmt[m] = gin_stmt(s, k, gin_p);
		reg[m++] = k;
	}
	if (st == MC_OK && m > 0)
		st = mc_pg_pipeline(pg, m, stmt, out);
	for (int i = 0; i < m; i++)
		if (st == MC_OK)
			res[reg[i]] = out[i];
		else
			mc_pg_rows_free(out[i]);
	/* The walks that did not fill the limit: the GIN index. */
	int f = 0, freg[REGISTERS];
	for (int i = 0; st == MC_OK && i < m; i++) {
		int k = reg[i];
		if (!walked[i] || mc_pg_nrows(res[k]) >= s->limit)
			continue;
		stmt[f] = gin_stmt(s, k, gin_p);
		freg[f++] = k;
	}
	if (st == MC_OK && f > 0)
		st = mc_pg_pipeline(pg, f, stmt, out);
	for (int i = 0; i < f; i++) {
		if (st == MC_OK) {
			mc_pg_rows_free(res[freg[i]]);
			res[freg[i]] = out[i];
		} else
			mc_pg_rows_free(out[i]);
	}
	for (int k = 0; k < REGISTERS; k++)
		if (st != MC_OK)
			mc_pg_rows_free(res[k]);
		else if ((st = keep(pg, s, res[k])) != MC_OK)
			for (int j = k + 1; j < REGISTERS; j++)
				mc_pg_rows_free(res[j]);
	if (st == MC_OK)
		take(s, t, res);
	mc_strbuf_release(&a);
	mc_strbuf_release(&b);
	return st;
}

/*
 * The transaction and what the groups need, in one round trip: one
 * snapshot, the planner kept to the two ways (no sequential scan, no JIT
 * compilation for a statement of a few milliseconds), the schema's
 * version, the shares of every tag the groups can ask and of each
 * name's lengths. A province without motcua's schema is told as
 * mc_pg_schema_check() tells it.
 */
static mc_status start(mc_pg *pg, search *s)
{
	mc_strbuf tags = MC_STRBUF_INIT;
	mc_pg_rows *out[5] = { NULL };
	mc_status st;
	mc_strbuf_add(&tags, "{", 1);
	/* Each name's lengths ("03"), then each word in each. */
	for (int n = 0; n < 4; n++)
		for (int c = 1; c <= NAMES_LONGEST; c++)
			mc_strbuf_addf(&tags, "%s\"%d%d\"", tags.len > 1 ? "," : "", n, c);
	for (int i = 0; i < s->q.n; i++)
		for (int n = 0; n < 4; n++)
			for (int c = 1; c <= NAMES_LONGEST; c++)
				mc_strbuf_addf(&tags, ",\"%d%d%s\"", n, c, s->q.words[i]);
	mc_strbuf_add(&tags, "}", 1);
	const char *p[] = { tags.s };
	const mc_pg_stmt stmt[] = {
		{ "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL },
		{ "SET LOCAL enable_seqscan = off", 0, NULL },
		{ "SET LOCAL jit = off", 0, NULL },
		{ "SELECT coalesce(max(version), 0) FROM province_migrations", 0, NULL },
		{ "SELECT w.kind, w.tag, w.share FROM register_words w WHERE w.tag = ANY ($1::text[])",
		  1, p },
	};
	if (tags.oom)
		st = mc_pg_fail(pg, MC_NOMEM, "%s", _("out of memory"));
	else
		st = mc_pg_pipeline(pg, 5, stmt, out);
	mc_strbuf_release(&tags);
	if (out[3]) {
		const char *v = mc_pg_value(out[3], 0, 0);
		mc_status judged = mc_pg_schema_judge(pg, v ? atoi(v) : 0);
		if (judged != MC_OK)
			st = judged;
	} else if (st == MC_UNAVAILABLE) {
		/* No migrations' table: the check says so as it does for
		 * any command. */
		int ver;
		mc_status checked;
		if (mc_pg_exec(pg, "ROLLBACK", 0, NULL) == MC_OK &&
		    (checked = mc_pg_schema_check(pg, &ver)) != MC_OK)
			st = checked;
	}
	mc_pg_rows_free(out[3]);
	s->shares = out[4];
	return st;
}

mc_status mc_province_search(mc_pg *pg, const char *query, unsigned kinds, int year, int limit,
			     mc_province_hit_fn fn, void *ud)
{
	search s = { .kinds = kinds, .year = year, .limit = limit };
	mc_status st;
	if (mc_query_words_read(query, &s.q) != 0)
		return mc_pg_fail(pg, MC_NOMEM, "%s", _("out of memory"));
	if (s.q.too_many)
		return mc_pg_fail(pg, MC_BAD_INPUT, _("query: at most %d words"), MC_QUERY_WORDS);
	if (s.q.n == 0)
		return mc_pg_fail(pg, MC_BAD_INPUT, _("query: \"%s\" has no word to look for"),
				  query);
	snprintf(s.need, sizeof s.need, "%d", limit);
	snprintf(s.year_text, sizeof s.year_text, "%04d", year);
	if (!(s.hits = calloc((size_t)limit + 1, sizeof *s.hits)))
		return mc_pg_fail(pg, MC_NOMEM, "%s", _("out of memory"));
	st = start(pg, &s);
	int fewest = fewest_words(&s.q);
	for (int t = 0; st == MC_OK && t < GROUPS && s.nhits < limit; t++) {
		int c = t % NAMES_LONGEST + 1;
		/* "7" is seven words or more. */
		if (c >= (fewest < NAMES_LONGEST ? fewest : NAMES_LONGEST))
			st = group(pg, &s, t, t >= NAMES_LONGEST ? 2 : 0, c);
	}
	if (st == MC_OK)
		st = mc_pg_exec(pg, "COMMIT", 0, NULL);
	/* Nothing is told before everything was read. */
	for (int i = 0; st == MC_OK && i < s.nhits; i++) {
		const struct found *f = &s.hits[i];
		const char *v[HIT_COLUMNS];
		for (int c = 0; c < HIT_COLUMNS; c++)
			v[c] = mc_pg_value(f->r, f->row, c);
		mc_province_hit h = { v[1], mc_reg_kind_name((mc_reg_kind)(f->k - 1)), v[2], v[3],
				      v[4], v[5], v[6], v[7], v[8], v[9], v[10], f->grp };
		if (fn(&h, ud))
			break;
	}
	mc_pg_rows_free(s.shares);
	for (int i = 0; i < s.nkept; i++)
		mc_pg_rows_free(s.kept[i]);
	free(s.kept);
	free(s.hits);
	return st;
}
