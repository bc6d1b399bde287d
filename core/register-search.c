/* motcua — the registers' index of names: writing each entry's names
 * into it (its shape is in core/register-private.h), and searching it
 * the way clerks type. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "i18n.h"
#include "register-private.h"
#include "strbuf.h"


/* ---- writing the index ---- */

/* The set of words for register_terms. */
#define TERMS_MAX 65536         /* then they are written out */

static uint32_t term_hash(const char *w, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

static mc_status terms_flush(struct reg_index *x)
{
	mc_status rc = MC_OK;
	for (size_t i = 0; i < x->terms.cap; i++) {
		char *t = x->terms.slot[i];
		if (!t)
			continue;
		if (rc == MC_OK) {
			sqlite3_bind_text(x->term, 1, t, -1, SQLITE_STATIC);
			if (sqlite3_step(x->term) != SQLITE_DONE)
				rc = mc_db_sqlfail(x->db, "register_terms");
			sqlite3_reset(x->term);
		}
		free(t);
		x->terms.slot[i] = NULL;
	}
	x->terms.used = 0;
	return rc;
}

static mc_status terms_grow(struct reg_index *x)
{
	struct reg_terms old = x->terms;
	size_t cap = old.cap ? old.cap * 2 : 1024;
	char **slot = calloc(cap, sizeof *slot);
	if (!slot)
		return MC_NOMEM;
	for (size_t i = 0; i < old.cap; i++) {
		if (!old.slot[i])
			continue;
		size_t j = term_hash(old.slot[i], strlen(old.slot[i])) & (cap - 1);
		while (slot[j])
			j = (j + 1) & (cap - 1);
		slot[j] = old.slot[i];
	}
	free(old.slot);
	x->terms.slot = slot;
	x->terms.cap = cap;
	return MC_OK;
}

static int term_add(const char *t, size_t len, void *ud)
{
	struct reg_index *x = ud;
	mc_status rc;
	if (x->terms.used * 2 >= x->terms.cap) {
		if (x->terms.cap >= TERMS_MAX * 2)
			rc = terms_flush(x);
		else
			rc = terms_grow(x);
		if (rc != MC_OK)
			return rc;
	}
	size_t mask = x->terms.cap - 1, j = term_hash(t, len) & mask;
	for (char *s; (s = x->terms.slot[j]); j = (j + 1) & mask)
		if (strncmp(s, t, len) == 0 && s[len] == '\0')
			return 0;
	if (!(x->terms.slot[j] = strndup(t, len)))
		return MC_NOMEM;
	x->terms.used++;
	return 0;
}

struct word_count {
	struct reg_index *x;
	int n;
};

static int count_term(const char *t, size_t len, void *ud)
{
	struct word_count *wc = ud;
	wc->n++;
	return term_add(t, len, wc->x);
}

static int count_word(const char *t, size_t len, void *ud)
{
	struct word_count *wc = ud;
	(void)t;
	(void)len;
	wc->n++;
	return 0;
}

mc_status reg_row_fold(const struct reg_kind_info *ki, struct reg_row *r,
		       struct reg_fold_bufs *bufs)
{
	for (int c = 0; c < FTS_COLUMNS; c++) {
		const char *v = ki->fts[c] >= 0 ? r->v[ki->fts[c]] : NULL;
		r->folded[c] = NULL;
		if (!v)
			continue;
		size_t len = strlen(v);
		size_t need = mc_text_fold_n(v, len, bufs->s[c], bufs->cap[c]);
		if (need >= bufs->cap[c]) {
			char *b = realloc(bufs->s[c], need + 64);
			if (!b)
				return MC_NOMEM;
			bufs->s[c] = b;
			bufs->cap[c] = need + 64;
			mc_text_fold_n(v, len, b, bufs->cap[c]);
		}
		r->folded[c] = bufs->s[c];
	}
	return MC_OK;
}

void reg_fold_bufs_release(struct reg_fold_bufs *bufs)
{
	for (int c = 0; c < FTS_COLUMNS; c++) {
		free(bufs->s[c]);
		bufs->s[c] = NULL;
		bufs->cap[c] = 0;
	}
}

struct tagging {
	char *out;
	const char *tag;
};

static int put_tagged(const char *t, size_t len, void *ud)
{
	struct tagging *tg = ud;
	size_t first = reg_first_letter(t, len);
	memcpy(tg->out, tg->tag, 2);
	memcpy(tg->out + 2, t, len);
	tg->out[2 + len] = ' ';
	tg->out += len + 3;
	/* The word of its first letter, for searches of one letter. */
	if (first < len) {
		memcpy(tg->out, tg->tag, 2);
		memcpy(tg->out + 2, t, first);
		tg->out[2 + first] = ' ';
		tg->out += first + 3;
	}
	return 0;
}

/*
 * The text of an entry in the search index: each word of each of its
 * folded names behind the tag of that name and followed by its first
 * letter, then the year the entry was registered and its kind as words,
 * "y2019 k0" (a name holds no digits), into x->tagged (*len bytes). With
 * terms, the words alone go into the set too.
 */
static mc_status entry_text(struct reg_index *x, const char *const folded[FTS_COLUMNS],
			    const char *registered_on, int terms, size_t *len)
{
	int words[FTS_COLUMNS] = { 0 };
	size_t need = 9 + 1;
	mc_status rc;
	for (int c = 0; c < FTS_COLUMNS; c++) {
		struct word_count wc = { x, 0 };
		if (!folded[c])
			continue;
		if (terms) {
			if ((rc = (mc_status)mc_fold_each_word(folded[c], count_term, &wc)) != MC_OK)
				return rc;
		} else {
			mc_fold_each_word(folded[c], count_word, &wc);
		}
		words[c] = wc.n;
		need += strlen(folded[c]) + 10 * (size_t)wc.n;
	}
	if (need > x->tagged_cap) {
		char *b = realloc(x->tagged, need + 64);
		if (!b)
			return MC_NOMEM;
		x->tagged = b;
		x->tagged_cap = need + 64;
	}
	struct tagging tg = { x->tagged, NULL };
	for (int c = 0; c < FTS_COLUMNS; c++) {
		char tag[3];
		if (!words[c])
			continue;
		reg_name_tag(tag, c, words[c]);
		tg.tag = tag;
		mc_fold_each_word(folded[c], put_tagged, &tg);
	}
	tg.out[0] = 'y';
	memcpy(tg.out + 1, registered_on, 4);
	tg.out[5] = ' ';
	tg.out[6] = 'k';
	tg.out[7] = (char)('0' + x->kind);
	tg.out[8] = '\0';
	*len = (size_t)(tg.out + 8 - x->tagged);
	return MC_OK;
}

/* An entry into the search index, its words into the set. */
static mc_status index_entry(struct reg_index *x, int64_t id,
			     const char *const folded[FTS_COLUMNS], const char *registered_on)
{
	size_t len;
	mc_status rc = entry_text(x, folded, registered_on, 1, &len);
	if (rc != MC_OK)
		return rc;
	sqlite3_bind_int64(x->names, 1, reg_entry_rowid(id, x->kind));
	sqlite3_bind_text(x->names, 2, x->tagged, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(x->names) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(x->db, "register_names");
	sqlite3_reset(x->names);
	return rc;
}

static mc_status index_open(struct reg_index *x, mc_db *db, mc_reg_kind k, const char *schema)
{
	char sql[128];
	memset(x, 0, sizeof *x);
	x->db = db;
	x->kind = k;
	x->ki = reg_kind_info(k);
	snprintf(sql, sizeof sql, "INSERT INTO %s.register_names(rowid, name) VALUES (?, ?)", schema);
	x->names = mc_db_prepare(db, sql);
	snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO %s.register_terms(term) VALUES (?)", schema);
	if (x->names)
		x->term = mc_db_prepare(db, sql);
	if (!x->term) {
		reg_index_close(x, 0);
		return MC_DB;
	}
	return MC_OK;
}

mc_status reg_index_open(struct reg_index *x, mc_db *db, mc_reg_kind k)
{
	return index_open(x, db, k, "main");
}

mc_status reg_index_add(struct reg_index *x, struct reg_row *r, int64_t id)
{
	mc_status rc;
	/* An import folds its rows on its reading thread. */
	if (!r->folded[FTS_NAME] && (rc = reg_row_fold(x->ki, r, &x->fold)) != MC_OK)
		return rc;
	return index_entry(x, id, r->folded, r->v[2]);
}

mc_status reg_index_close(struct reg_index *x, int flush)
{
	mc_status rc = MC_OK;
	if (flush && x->term)
		rc = terms_flush(x);
	for (size_t i = 0; i < x->terms.cap; i++)
		free(x->terms.slot[i]);
	free(x->terms.slot);
	reg_fold_bufs_release(&x->fold);
	free(x->tagged);
	sqlite3_finalize(x->names);
	sqlite3_finalize(x->term);
	sqlite3_finalize(x->drop);
	memset(x, 0, sizeof *x);
	return rc;
}

/* Does the text that the index holds of an entry differ between the
 * values old and r: a name, or the year of registration? */
static int index_changes(const struct reg_kind_info *ki, const char *const *old,
			 const struct reg_row *r)
{
	if (!old[2] || !r->v[2] || strncmp(old[2], r->v[2], 4) != 0)
		return 1;
	for (int c = 0; c < FTS_COLUMNS; c++) {
		int i = ki->fts[c];
		if (i < 0)
			continue;
		if (!old[i] != !r->v[i] || (old[i] && strcmp(old[i], r->v[i]) != 0))
			return 1;
	}
	return 0;
}

mc_status reg_index_replace(struct reg_index *x, int64_t id, const char *const *old_vals,
			    struct reg_row *r)
{
	char *f[FTS_COLUMNS] = { NULL };
	size_t len;
	mc_status rc = MC_OK;

	if (!index_changes(x->ki, old_vals, r))
		return MC_OK;
	if (!x->drop && !(x->drop = mc_db_prepare(x->db,
			"INSERT INTO register_names(register_names, rowid, name)"
			" VALUES ('delete', ?, ?)")))
		return MC_DB;
	/* The old text exactly as index_entry() wrote it: the same values,
	 * folded the same way (a contentless index takes words out only as
	 * they were put in). */
	for (int c = 0; c < FTS_COLUMNS && rc == MC_OK; c++) {
		int i = x->ki->fts[c];
		if (i >= 0 && old_vals[i] && !(f[c] = mc_text_fold(old_vals[i])))
			rc = MC_NOMEM;
	}
	if (rc == MC_OK)
		rc = entry_text(x, (const char *const *)f, old_vals[2], 0, &len);
	for (int c = 0; c < FTS_COLUMNS; c++)
		free(f[c]);
	if (rc != MC_OK)
		return rc;
	sqlite3_bind_int64(x->drop, 1, reg_entry_rowid(id, x->kind));
	sqlite3_bind_text(x->drop, 2, x->tagged, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(x->drop) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(x->db, "register_names");
	sqlite3_reset(x->drop);
	if (rc == MC_OK)
		rc = reg_index_add(x, r, id);
	return rc;
}

mc_status reg_index_all(mc_db *db, const char *schema)
{
	mc_status rc = MC_OK;
	for (int k = 0; k < MC_REG_KINDS && rc == MC_OK; k++) {
		const struct reg_kind_info *ki = reg_kind_info((mc_reg_kind)k);
		struct reg_index x;
		mc_strbuf sql = MC_STRBUF_INIT;
		sqlite3_stmt *st = NULL;
		int s = SQLITE_DONE;
		if ((rc = index_open(&x, db, (mc_reg_kind)k, schema)) != MC_OK)
			return rc;
		mc_strbuf_addf(&sql, "SELECT id");
		for (int c = 0; c < FTS_COLUMNS; c++)
			mc_strbuf_addf(&sql, ", %s", ki->fts[c] >= 0 ? ki->columns[ki->fts[c]] : "NULL");
		mc_strbuf_addf(&sql, ", registered_on FROM %s", ki->table);
		rc = sql.oom ? MC_NOMEM : (st = mc_db_prepare(db, sql.s)) ? MC_OK : MC_DB;
		mc_strbuf_release(&sql);
		while (rc == MC_OK && (s = sqlite3_step(st)) == SQLITE_ROW) {
			char *f[FTS_COLUMNS] = { NULL };
			for (int c = 0; c < FTS_COLUMNS && rc == MC_OK; c++) {
				const char *v = (const char *)sqlite3_column_text(st, c + 1);
				if (v && !(f[c] = mc_text_fold(v)))
					rc = MC_NOMEM;
			}
			if (rc == MC_OK)
				rc = index_entry(&x, sqlite3_column_int64(st, 0), (const char *const *)f,
						 (const char *)sqlite3_column_text(st, FTS_COLUMNS + 1));
			for (int c = 0; c < FTS_COLUMNS; c++)
				free(f[c]);
		}
		if (rc == MC_OK && s != SQLITE_DONE)
			rc = mc_db_sqlfail(db, ki->table);
		sqlite3_finalize(st);
		mc_status fl = reg_index_close(&x, rc == MC_OK);
		if (rc == MC_OK)
			rc = fl;
	}
	return rc;
}

/* ---- searching ---- */


/* A word typed in part is looked for as the words of the index that it
 * begins, ORed, unless it begins more than this: then it is a prefix
 * query ("03w"*), which FTS5 answers by merging the doclists of them all
 * before the first hit. A word of one letter is looked for as the word
 * of the index that stands for every word beginning with that letter
 * ("03t", put_tagged()). */
#define MAX_EXPANSION 128

/* The words of the index that each word typed begins: terms[i] holds
 * them, or the word itself when it is one letter (its first-letter word)
 * or begins too many (prefix[i]: a prefix query). */
struct expansion {
	mc_strbuf terms[MC_QUERY_WORDS];
	int prefix[MC_QUERY_WORDS];
};

static void expansion_release(struct expansion *x, int n)
{
	for (int i = 0; i < n; i++)
		mc_strbuf_release(&x->terms[i]);
}

/* The words of the index for each word typed ("van" -> van, vang, vanh);
 * *none is set when a word begins no word at all. */
static mc_status expand(mc_db *db, mc_query_words *q, struct expansion *x, int *none)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT term FROM register_terms WHERE term >= ?1 AND term < ?2"
		" ORDER BY term LIMIT ?3");
	mc_status rc = MC_OK;
	if (!st)
		return MC_DB;
	*none = 0;
	for (int i = 0; i < q->n && rc == MC_OK && !*none; i++) {
		char upper[MC_QUERY_WORD + 1];
		size_t len = strlen(q->words[i]);
		memcpy(upper, q->words[i], len + 1);
		/* Words are ASCII letters and digits or UTF-8 bytes below 0xF5:
		 * the next byte value bounds the range. */
		upper[len - 1]++;
		sqlite3_bind_text(st, 1, q->words[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, upper, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, MAX_EXPANSION + 1);
		int n = 0, s;
		while ((s = sqlite3_step(st)) == SQLITE_ROW) {
			mc_strbuf_addf(&x->terms[i], "%s%s", n++ ? " " : "",
				       (const char *)sqlite3_column_text(st, 0));
		}
		if (s != SQLITE_DONE)
			rc = mc_db_sqlfail(db, "register_terms");
		sqlite3_reset(st);
		int letter = reg_first_letter(q->words[i], len) == len;
		if (n == 0) {
			*none = 1;
		} else if (letter || n > MAX_EXPANSION) {
			mc_strbuf_release(&x->terms[i]);
			mc_strbuf_addf(&x->terms[i], "%s", q->words[i]);
			x->prefix[i] = !letter;
		}
		if (rc == MC_OK && x->terms[i].oom)
			rc = MC_NOMEM;
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * The FTS5 expression for the names first..last (FTS_NAME...) of so many
 * words: in one of them, each word typed is one of the words it begins,
 * or their prefix, behind the name's tag; the words are ANDed:
 *     (("03van" OR "03vang") AND "03ng"*) OR (("13van" ...) AND "13ng"*)
 */
static mc_status build_match(const mc_query_words *q, const struct expansion *x, int first,
			     int last, int words, int year, unsigned kinds, mc_strbuf *expr)
{
	expr->len = 0;
	if (expr->s)
		expr->s[0] = '\0';
	mc_strbuf_addf(expr, "(");
	for (int name = first; name <= last; name++) {
		char tag[3];
		reg_name_tag(tag, name, words);
		mc_strbuf_addf(expr, "%s(", name > first ? " OR " : "");
		for (int i = 0; i < q->n; i++) {
			const char *t = x->terms[i].s;
			mc_strbuf_addf(expr, "%s(", i ? " AND " : "");
			for (int k = 0; *t; k++) {
				size_t len = strcspn(t, " ");
				mc_strbuf_addf(expr, "%s\"%s%.*s\"%s", k ? " OR " : "", tag, (int)len,
					       t, x->prefix[i] ? "*" : "");
				t += len + (t[len] == ' ');
			}
			mc_strbuf_addf(expr, ")");
		}
		mc_strbuf_addf(expr, ")");
	}
	mc_strbuf_addf(expr, ")");
	/* The entries registered that year, and of the kinds asked for
	 * (index_entry()). */
	if (year)
		mc_strbuf_addf(expr, " AND \"y%04d\"", year);
	if (kinds) {
		int n = 0;
		mc_strbuf_addf(expr, " AND (");
		for (int k = 0; k < MC_REG_KINDS; k++)
			if (kinds & (1u << k))
				mc_strbuf_addf(expr, "%s\"k%d\"", n++ ? " OR " : "", k);
		mc_strbuf_addf(expr, ")");
	}
	return expr->oom ? MC_NOMEM : MC_OK;
}

struct searcher {
	mc_db *db;
	const mc_reg_query *rq;
	sqlite3_stmt *get[MC_REG_KINDS];
	/* The entries shown, by kind and id: a marriage whose husband and
	 * wife both match, or a child whose parent matches too, once. */
	int64_t *shown;
	size_t n_shown, cap_shown;
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

/* Was the entry shown already? If not, it is now. A set of (kind, id),
 * open addressing: a hit is looked up once per name that matched. */
static mc_status seen_before(struct searcher *s, int kind, int64_t id, int *seen)
{
	int64_t key = id << 2 | kind;
	*seen = 0;
	if (s->n_shown * 2 >= s->cap_shown) {
		size_t cap = s->cap_shown ? s->cap_shown * 2 : 64;
		int64_t *t = malloc(cap * sizeof *t);
		if (!t)
			return MC_NOMEM;
		for (size_t i = 0; i < cap; i++)
			t[i] = -1;
		for (size_t i = 0; i < s->cap_shown; i++) {
			if (s->shown[i] < 0)
				continue;
			size_t j = (size_t)(s->shown[i] * 2654435761u) & (cap - 1);
			while (t[j] >= 0)
				j = (j + 1) & (cap - 1);
			t[j] = s->shown[i];
		}
		free(s->shown);
		s->shown = t;
		s->cap_shown = cap;
	}
	size_t j = (size_t)(key * 2654435761u) & (s->cap_shown - 1);
	for (; s->shown[j] >= 0; j = (j + 1) & (s->cap_shown - 1))
		if (s->shown[j] == key) {
			*seen = 1;
			return MC_OK;
		}
	s->shown[j] = key;
	s->n_shown++;
	return MC_OK;
}

/*
 * The names that hold every word, tag after tag in the order of the hits
 * (core/register-private.h): the people the entries are about before the
 * parents, shorter names first (the name typed in full before the longer
 * ones that hold it), then newest first. Reading stops at the limit: a
 * word that most of the register holds costs no more than a rare one.
 */
static mc_status run(struct searcher *s, const mc_query_words *q, const struct expansion *x,
		     int limit, mc_reg_hit_fn fn, void *ud)
{
	const mc_reg_query *rq = s->rq;
	mc_strbuf expr = MC_STRBUF_INIT;
	mc_status rc = MC_OK;
	int hits = 0;
	sqlite3_stmt *st = mc_db_prepare(s->db,
		"SELECT rowid FROM register_names WHERE register_names MATCH ?1"
		" ORDER BY rowid DESC");
	if (!st)
		return MC_DB;
	for (int t = 0; t < 2 * REG_WORDS_MAX && rc == MC_OK && hits < limit; t++) {
		int parents = t / REG_WORDS_MAX, words = t % REG_WORDS_MAX + 1, r = SQLITE_DONE;
		/* Only births name parents. */
		if (parents && rq->kinds && !(rq->kinds & (1u << MC_REG_BIRTH)))
			break;
		int first = parents ? FTS_FATHER : FTS_NAME;   /* and the next name */
		if ((rc = build_match(q, x, first, first + 1, words, rq->year, rq->kinds,
				      &expr)) != MC_OK)
			break;
		sqlite3_bind_text(st, 1, expr.s, -1, SQLITE_STATIC);
		while (rc == MC_OK && hits < limit && (r = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t rowid = sqlite3_column_int64(st, 0);
			int kind = reg_entry_kind(rowid), found, seen;
			mc_entry e = MC_ENTRY_INIT;
			if ((rc = seen_before(s, kind, reg_entry_id(rowid), &seen)) != MC_OK || seen)
				continue;
			rc = fetch(s, (mc_reg_kind)kind, reg_entry_id(rowid), &e, &found);
			if (rc == MC_OK && found) {
				/* The rank, lower is better: the place of the
				 * group and length. */
				hits++;
				if (fn(&e, (double)t, ud))
					hits = limit;
			}
			mc_entry_release(&e);
		}
		if (rc == MC_OK && hits < limit && r != SQLITE_DONE)
			rc = mc_db_sqlfail(s->db, "register_names");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	mc_strbuf_release(&expr);
	return rc;
}

mc_status mc_reg_search(mc_db *db, const char *query, const mc_reg_query *rq,
			mc_reg_hit_fn fn, void *ud)
{
	mc_query_words q;
	struct searcher s = { db, rq, { NULL }, NULL, 0, 0 };
	struct expansion x = { { MC_STRBUF_INIT }, { 0 } };
	int none, limit = rq->limit > 0 ? rq->limit : 20;
	mc_status rc;

	if (mc_query_words_read(query, &q) != 0)
		return MC_NOMEM;
	if (q.too_many)
		return mc_db_fail(db, MC_BAD_INPUT, _("query: at most %d words"), MC_QUERY_WORDS);
	if (q.n == 0)
		return mc_db_fail(db, MC_BAD_INPUT, _("query: \"%s\" has no word to look for"),
				  query);
	/* Searching reads scattered pages of a large file: map it. */
	mc_db_exec(db, "PRAGMA mmap_size = 1073741824");
	rc = expand(db, &q, &x, &none);
	if (rc == MC_OK && !none)
		rc = run(&s, &q, &x, limit, fn, ud);
	expansion_release(&x, q.n);
	for (int k = 0; k < MC_REG_KINDS; k++)
		sqlite3_finalize(s.get[k]);
	free(s.shown);
	return rc;
}
