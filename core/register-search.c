/* motcua — searching the registers by name, the way clerks type. */
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "i18n.h"
#include "register-private.h"
#include "strbuf.h"

#define MAX_WORDS 10
#define MAX_WORD 64
/* A word typed in part that begins more words than this is left to FTS5
 * as a prefix query ("w"*) instead of an OR of the words. */
#define MAX_EXPANSION 32

struct query {
	char words[MAX_WORDS][MAX_WORD + 1];
	int n;
	int too_many;
	mc_strbuf groups;       /* the word of each phrase: "0 0 1 2" */
};

static int add_word(const char *w, size_t len, void *ud)
{
	struct query *q = ud;
	if (q->n == MAX_WORDS) {
		q->too_many = 1;
		return 1;
	}
	if (len > MAX_WORD)
		len = MAX_WORD;
	memcpy(q->words[q->n], w, len);
	q->words[q->n][len] = '\0';
	q->n++;
	return 0;
}

/* '"' + word + '"', any '"' doubled (FTS5's quoting). */
static void quoted(mc_strbuf *b, const char *w)
{
	mc_strbuf_addf(b, "\"");
	for (const char *p = w; *p; p++)
		mc_strbuf_addf(b, *p == '"' ? "\"\"" : "%c", *p);
	mc_strbuf_addf(b, "\"");
}

/*
 * The FTS5 expression for the query: each word becomes the words of the
 * index that it begins, ORed ("van" -> ("van" OR "vang" OR "vanh")); the
 * words are ANDed. *none is set when a word begins no word at all.
 */
static mc_status build_match(mc_db *db, struct query *q, mc_strbuf *expr, int *none)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT term FROM register_terms WHERE term >= ?1 AND term < ?2"
		" ORDER BY term LIMIT ?3");
	mc_status rc = MC_OK;
	if (!st)
		return MC_DB;
	*none = 0;
	for (int i = 0; i < q->n && rc == MC_OK && !*none; i++) {
		char upper[MAX_WORD + 1];
		size_t len = strlen(q->words[i]);
		memcpy(upper, q->words[i], len + 1);
		/* Words are ASCII letters and digits or UTF-8 bytes below 0xF5:
		 * the next byte value bounds the range. */
		upper[len - 1]++;
		sqlite3_bind_text(st, 1, q->words[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, upper, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, MAX_EXPANSION + 1);
		mc_strbuf b = MC_STRBUF_INIT;
		int n = 0, s;
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			mc_strbuf_addf(&b, "%s", n++ ? " OR " : "");
			quoted(&b, (const char *)sqlite3_column_text(st, 0));
		}
		if (s != SQLITE_DONE)
			rc = mc_db_sqlfail(db, "register_terms");
		sqlite3_reset(st);
		mc_strbuf_addf(expr, "%s", i ? " AND " : "");
		if (n == 0) {
			*none = 1;
		} else if (n > MAX_EXPANSION) {
			mc_strbuf_addf(&q->groups, "%d ", i);
			quoted(expr, q->words[i]);
			mc_strbuf_addf(expr, "*");
		} else {
			for (int k = 0; k < n; k++)
				mc_strbuf_addf(&q->groups, "%d ", i);
			mc_strbuf_addf(expr, "(%s)", b.s);
		}
		mc_strbuf_release(&b);
	}
	sqlite3_finalize(st);
	if (rc == MC_OK && (expr->oom || q->groups.oom))
		rc = MC_NOMEM;
	return rc;
}

/* Every word of the query begins a word of name. */
struct name_test {
	const struct query *q;
	unsigned found;
};

static int mark_word(const char *w, size_t len, void *ud)
{
	struct name_test *t = ud;
	for (int i = 0; i < t->q->n; i++) {
		size_t ql = strlen(t->q->words[i]);
		if (ql <= len && memcmp(w, t->q->words[i], ql) == 0)
			t->found |= 1u << i;
	}
	return 0;
}

/* The FTS row matched the words somewhere in the given columns of the
 * index (bit c for column c); are they all in one and the same name
 * ("nguyen duc" must not find a Đức whose wife is a Nguyễn)? */
static int one_name_matches(const mc_entry *e, const struct query *q, unsigned columns)
{
	const struct reg_kind_info *ki = reg_kind_info(e->kind);
	for (int c = 0; c < FTS_COLUMNS; c++) {
		int col = ki->fts[c];
		if (!(columns & (1u << c)) || col < 0 || !e->v[col])
			continue;
		char *f = mc_text_fold(e->v[col]);
		struct name_test t = { q, 0 };
		if (!f)
			return -1;
		reg_words(f, mark_word, &t);
		free(f);
		if (t.found == (1u << q->n) - 1)
			return 1;
	}
	return 0;
}

/*
 * The rank of a row: BM25 computed for each name on its own (a column of
 * the index, its length read from the rowid) rather than for the entry as
 * a whole, so that an exact
 * "Nguyễn Văn Đức" comes before "Nguyễn Văn Tuấn Đức" whatever the
 * lengths of the parents' names. Only the names in the columns of the
 * pass that hold every word of the query count; the best one gives the
 * rank (negative, lower is better, as FTS5's bm25() returns). Each word
 * weighs once in a name (a name does not repeat words); and every hit
 * holds every word, so the IDF, the same for all of them, is left out
 * (FTS5 would count the rows of each word for it: for "nguyen", most of
 * the register). Arguments: the mask of columns, the word of each phrase.
 */
#define K1 1.2
#define B 0.75

struct rank_data {
	int nphrase;
	int group[MAX_WORDS * (MAX_EXPANSION + 1)];
	double avgdl[FTS_COLUMNS];
};

static struct rank_data *rank_data(const Fts5ExtensionApi *api, Fts5Context *fts,
				   const char *groups)
{
	struct rank_data *d = api->xGetAuxdata(fts, 0);
	sqlite3_int64 rows = 0, size;
	if (d)
		return d;
	if (!(d = calloc(1, sizeof *d)))
		return NULL;
	d->nphrase = api->xPhraseCount(fts);
	for (int p = 0; p < d->nphrase && p < (int)(sizeof d->group / sizeof d->group[0]); p++)
		d->group[p] = (int)strtol(groups, (char **)&groups, 10);
	api->xRowCount(fts, &rows);
	for (int c = 0; c < FTS_COLUMNS; c++) {
		size = 0;
		api->xColumnTotalSize(fts, c, &size);
		d->avgdl[c] = rows > 0 && size > 0 ? (double)size / (double)rows : 1.0;
	}
	if (api->xSetAuxdata(fts, d, free) != SQLITE_OK)
		return NULL;
	return d;
}

static void name_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
		      int nval, sqlite3_value **val)
{
	unsigned words[FTS_COLUMNS] = { 0 }, mask;
	int ninst = 0, phrase, col, off, nwords;
	double best = 0;

	if (nval != 3) {
		sqlite3_result_error(ctx, "motcua_rank: three arguments", -1);
		return;
	}
	mask = (unsigned)sqlite3_value_int(val[0]);
	nwords = sqlite3_value_int(val[2]);
	struct rank_data *d = rank_data(api, fts, (const char *)sqlite3_value_text(val[1]));
	if (!d) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	api->xInstCount(fts, &ninst);
	for (int i = 0; i < ninst; i++)
		if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK && col >= 0 &&
		    col < FTS_COLUMNS && phrase < d->nphrase)
			words[col] |= 1u << d->group[phrase];
	for (int c = 0; c < FTS_COLUMNS; c++) {
		int dl = reg_rowid_words(api->xRowid(fts), c);
		if (!(mask & (1u << c)) || words[c] != (1u << nwords) - 1)
			continue;
		double s = nwords * (K1 + 1) / (1 + K1 * (1 - B + B * dl / d->avgdl[c]));
		if (s > best)
			best = s;
	}
	sqlite3_result_double(ctx, -best);
}

/* Makes motcua_rank() known to FTS5 on this connection. */
static mc_status register_rank(mc_db *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = mc_db_prepare(db, "SELECT fts5(?1)");
	if (!st)
		return MC_DB;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->xCreateFunction(api, "motcua_rank", NULL, name_rank, NULL) != SQLITE_OK)
		return mc_db_fail(db, MC_DB, "fts5: %s", sqlite3_errmsg(db->sq));
	return MC_OK;
}

struct searcher {
	mc_db *db;
	const mc_reg_query *rq;
	sqlite3_stmt *get[MC_REG_KINDS];
};

static mc_status fetch(struct searcher *s, mc_reg_kind k, int64_t id, mc_entry *e, int *found)
{
	if (!s->get[k]) {
		mc_strbuf sql = MC_STRBUF_INIT;
		mc_strbuf_addf(&sql, "SELECT %s FROM %s WHERE id = ?", reg_select_list(k),
			       reg_kind_info(k)->table);
		if (sql.oom)
			return MC_NOMEM;
		s->get[k] = mc_db_prepare(s->db, sql.s);
		mc_strbuf_release(&sql);
		if (!s->get[k])
			return MC_DB;
	}
	sqlite3_stmt *st = s->get[k];
	mc_status rc = MC_OK;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	*found = r == SQLITE_ROW;
	if (r == SQLITE_ROW) {
		e->kind = k;
		e->id = id;
		rc = reg_entry_from_stmt(st, 0, e);
	} else if (r != SQLITE_DONE) {
		rc = mc_db_sqlfail(s->db, reg_kind_info(k)->table);
	}
	sqlite3_reset(st);
	return rc;
}

static int year_of(const mc_entry *e)
{
	return atoi(e->v[2]);   /* registered_on, YYYY-MM-DD */
}

#define PERSON_COLUMNS ((1u << FTS_NAME) | (1u << FTS_SPOUSE))
#define PARENT_COLUMNS ((1u << FTS_FATHER) | (1u << FTS_MOTHER))

/* A row of the index and its rank. */
struct cand {
	double rank;
	int64_t rowid;
};

/* The order of hits: rank, then births, marriages, deaths, newest first. */
static int better(const struct cand *a, const struct cand *b)
{
	if (a->rank != b->rank)
		return a->rank < b->rank;
	if ((a->rowid & 3) != (b->rowid & 3))
		return (a->rowid & 3) < (b->rowid & 3);
	return a->rowid > b->rowid;
}

static int cmp_cand(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	return better(a, b) ? -1 : better(b, a) ? 1 : 0;
}

/* The best `keep` candidates seen, in a heap whose root is the worst of
 * them (keep 0: all of them, unordered). SQLite's own ORDER BY ... LIMIT
 * costs more than the search itself on a word that half the register
 * holds. */
struct best {
	struct cand *c;
	size_t n, cap, keep;
	size_t seen;            /* rows offered                      */
};

static void sift_down(struct best *b, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < b->n && better(&b->c[w], &b->c[l]))
			w = l;
		if (r < b->n && better(&b->c[w], &b->c[r]))
			w = r;
		if (w == i)
			return;
		struct cand t = b->c[i];
		b->c[i] = b->c[w];
		b->c[w] = t;
		i = w;
	}
}

static mc_status offer(struct best *b, struct cand c)
{
	b->seen++;
	if (b->keep && b->n == b->keep) {
		if (better(&c, &b->c[0])) {
			b->c[0] = c;
			sift_down(b, 0);
		}
		return MC_OK;
	}
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct cand *n = realloc(b->c, cap * sizeof *n);
		if (!n)
			return MC_NOMEM;
		b->c = n;
		b->cap = cap;
	}
	b->c[b->n++] = c;
	if (b->keep && b->n == b->keep)
		for (size_t i = b->keep / 2 + 1; i-- > 0;)
			sift_down(b, i);
	return MC_OK;
}

/* Every match of the pass into b, then b in order. */
static mc_status collect(struct searcher *s, sqlite3_stmt *st, struct best *b)
{
	mc_status rc = MC_OK;
	int r;
	while (rc == MC_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		struct cand c = { sqlite3_column_double(st, 1), sqlite3_column_int64(st, 0) };
		rc = offer(b, c);
	}
	if (rc == MC_OK && r != SQLITE_DONE)
		rc = mc_db_sqlfail(s->db, "register_names");
	sqlite3_reset(st);
	if (b->n > 1)
		qsort(b->c, b->n, sizeof *b->c, cmp_cand);
	return rc;
}

/*
 * One pass over the index: the entries whose names in the given columns
 * (the people of the entry, or the parents) hold the words, best first,
 * each checked against one name and the filters before it goes to fn.
 * The best few are kept while the matches stream by; when the filters
 * refuse too many of them, the pass is made again keeping them all.
 */
static mc_status run_phase(struct searcher *s, int parents, const char *expr,
			   const struct query *q, int limit, int *hits, mc_reg_hit_fn fn, void *ud)
{
	const char *columns = parents ? "{father mother}" : "{name spouse}";
	const mc_reg_query *rq = s->rq;
	mc_strbuf match = MC_STRBUF_INIT;
	struct best b = { NULL, 0, 0, (size_t)(limit - *hits) * 4 + 32, 0 };
	size_t from = 0;
	mc_status rc = MC_OK;

	mc_strbuf_addf(&match, "%s : (%s)", columns, expr);
	if (match.oom)
		return MC_NOMEM;
	sqlite3_stmt *st = mc_db_prepare(s->db,
		"SELECT rowid, motcua_rank(register_names, ?2, ?3, ?4)"
		" FROM register_names WHERE register_names MATCH ?1"
		" AND (?5 = 0 OR (1 << ((rowid & 3) - 1)) & ?5)");
	if (!st) {
		mc_strbuf_release(&match);
		return MC_DB;
	}
	sqlite3_bind_text(st, 1, match.s, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, (int)(parents ? PARENT_COLUMNS : PERSON_COLUMNS));
	sqlite3_bind_text(st, 3, q->groups.s, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, q->n);
	sqlite3_bind_int(st, 5, (int)rq->kinds);
	for (;;) {
		if ((rc = collect(s, st, &b)) != MC_OK)
			break;
		for (size_t i = from; rc == MC_OK && *hits < limit && i < b.n; i++) {
			int64_t rowid = b.c[i].rowid;
			int found, ok;
			mc_entry e = MC_ENTRY_INIT;
			rc = fetch(s, (mc_reg_kind)reg_rowid_kind(rowid), reg_rowid_id(rowid), &e, &found);
			if (rc == MC_OK && found && (!rq->year || year_of(&e) == rq->year)) {
				ok = one_name_matches(&e, q, parents ? PARENT_COLUMNS : PERSON_COLUMNS);
				/* Shown already by the first pass. */
				if (ok > 0 && parents)
					ok = one_name_matches(&e, q, PERSON_COLUMNS) ? 0 : 1;
				if (ok < 0)
					rc = MC_NOMEM;
				else if (ok && (++*hits, fn(&e, b.c[i].rank, ud)))
					*hits = limit;
			}
			mc_entry_release(&e);
		}
		if (rc != MC_OK || *hits >= limit || b.seen <= b.n)
			break;
		/* The best were not enough: all of them, past those seen. */
		from = b.n;
		b.n = b.seen = 0;
		b.keep = 0;
	}
	free(b.c);
	sqlite3_finalize(st);
	mc_strbuf_release(&match);
	return rc;
}

mc_status mc_reg_search(mc_db *db, const char *query, const mc_reg_query *rq,
			mc_reg_hit_fn fn, void *ud)
{
	struct query q = { .n = 0, .groups = MC_STRBUF_INIT };
	struct searcher s = { db, rq, { NULL } };
	mc_strbuf expr = MC_STRBUF_INIT;
	char *folded = mc_text_fold(query);
	int none, limit = rq->limit > 0 ? rq->limit : 20, hits = 0;
	mc_status rc;

	if (!folded)
		return MC_NOMEM;
	reg_words(folded, add_word, &q);
	free(folded);
	if (q.too_many)
		return mc_db_fail(db, MC_BAD_INPUT, _("query: at most %d words"), MAX_WORDS);
	if (q.n == 0)
		return mc_db_fail(db, MC_BAD_INPUT, _("query: \"%s\" has no word to look for"),
				  query);
	/* Searching reads scattered pages of a large file: map it. */
	mc_db_exec(db, "PRAGMA mmap_size = 1073741824");
	if ((rc = register_rank(db)) != MC_OK ||
	    (rc = build_match(db, &q, &expr, &none)) != MC_OK || none) {
		mc_strbuf_release(&expr);
		mc_strbuf_release(&q.groups);
		return rc;
	}
	/* The people the entries are about first, then the parents. */
	for (int phase = 0; phase < 2 && rc == MC_OK && hits < limit; phase++) {
		if (phase == 1 && rq->kinds && !(rq->kinds & (1u << MC_REG_BIRTH)))
			break;
		rc = run_phase(&s, phase, expr.s, &q, limit, &hits, fn, ud);
	}
	for (int k = 0; k < MC_REG_KINDS; k++)
		sqlite3_finalize(s.get[k]);
	mc_strbuf_release(&expr);
	mc_strbuf_release(&q.groups);
	return rc;
}
