/* motcua — finding a dossier without its slip: by the applicant's name,
 * through the index of names (its shape is in dossier-private.h), or by
 * the phone or the ID number written in any of their usual forms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-private.h"
#include "fold.h"
#include "i18n.h"
#include "strbuf.h"
#include "text.h"


/* ---- writing the index ---- */

static int add_term(const char *w, size_t len, void *ud)
{
	sqlite3_stmt *st = ud;
	sqlite3_bind_text(st, 1, w, (int)len, SQLITE_STATIC);
	int r = sqlite3_step(st);
	sqlite3_reset(st);
	return r != SQLITE_DONE;
}

/* One name into the index (or, with del, out of it: FTS5 is told the
 * words it held under that rowid, as a contentless index must be). */
static mc_status put_name(mc_db *db, int64_t key, const char *folded, int del)
{
	sqlite3_stmt *st = mc_db_prepare(db, del
		? "INSERT INTO dossier_names(dossier_names, rowid, name) VALUES ('delete', ?, ?)"
		: "INSERT INTO dossier_names(rowid, name) VALUES (?, ?)");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, key);
	sqlite3_bind_text(st, 2, folded, -1, SQLITE_STATIC);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossier_names");
	sqlite3_finalize(st);
	if (rc != MC_OK || del)
		return rc;
	if (!(st = mc_db_prepare(db, "INSERT OR IGNORE INTO dossier_terms(term) VALUES (?)")))
		return MC_DB;
	if (mc_fold_each_word(folded, add_term, st))
		rc = mc_db_sqlfail(db, "dossier_terms");
	sqlite3_finalize(st);
	return rc;
}

mc_status dossier_names_update(mc_db *db, int64_t id, const char *old_applicant,
			       const char *new_applicant)
{
	sqlite3_stmt *st = mc_db_prepare(db, "SELECT received_at FROM dossiers WHERE id = ?");
	char *fo = NULL, *fn = NULL;
	int64_t key = 0;
	mc_status rc = MC_OK;
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		key = dossier_name_key(sqlite3_column_int64(st, 0), id);
	else
		rc = r == SQLITE_DONE ? mc_db_fail(db, MC_NOT_FOUND, _("no dossier %lld"), (long long)id)
				      : mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(st);
	if (rc != MC_OK)
		return rc;
	if ((old_applicant && !(fo = mc_text_fold(old_applicant))) ||
	    (new_applicant && !(fn = mc_text_fold(new_applicant))))
		rc = MC_NOMEM;
	/* A change of marks or case only leaves the folded words alone. */
	else if (!fo || !fn || strcmp(fo, fn) != 0) {
		if (fo)
			rc = put_name(db, key, fo, 1);
		if (rc == MC_OK && fn)
			rc = put_name(db, key, fn, 0);
	}
	free(fo);
	free(fn);
	return rc;
}

mc_status dossier_names_all(mc_db *db, const char *schema)
{
	char sql[128];
	/* In the order of the index's rowids, as FTS5 writes best. */
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT id, received_at, applicant FROM main.dossiers ORDER BY received_at, id");
	snprintf(sql, sizeof sql, "INSERT INTO %s.dossier_names(rowid, name) VALUES (?, ?)", schema);
	sqlite3_stmt *ins = st ? mc_db_prepare(db, sql) : NULL;
	char *buf = NULL;
	size_t cap = 0;
	mc_status rc = ins ? MC_OK : MC_DB;
	int r = SQLITE_DONE;
	while (rc == MC_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 2);
		size_t len = name ? (size_t)sqlite3_column_bytes(st, 2) : 0;
		size_t need = mc_text_fold_n(name ? name : "", len, buf, cap);
		if (need >= cap) {
			char *b = realloc(buf, need + 64);
			if (!b) {
				rc = MC_NOMEM;
				break;
			}
			buf = b;
			cap = need + 64;
			mc_text_fold_n(name ? name : "", len, buf, cap);
		}
		sqlite3_bind_int64(ins, 1, dossier_name_key(sqlite3_column_int64(st, 1),
							    sqlite3_column_int64(st, 0)));
		sqlite3_bind_text(ins, 2, buf, (int)need, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = mc_db_sqlfail(db, "dossier_names");
		sqlite3_reset(ins);
	}
	if (rc == MC_OK && r != SQLITE_DONE)
		rc = mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(ins);
	sqlite3_finalize(st);
	free(buf);
	/* The words, from the index's own list of them, read once. */
	snprintf(sql, sizeof sql, "CREATE VIRTUAL TABLE temp.dossier_vocab"
		 " USING fts5vocab(%s, dossier_names, row)", schema);
	if (rc == MC_OK && (rc = mc_db_exec(db, sql)) == MC_OK) {
		snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO %s.dossier_terms(term)"
			 " SELECT term FROM temp.dossier_vocab", schema);
		rc = mc_db_exec(db, sql);
		mc_status d = mc_db_exec(db, "DROP TABLE temp.dossier_vocab");
		if (rc == MC_OK)
			rc = d;
	}
	return rc;
}

/* ---- finding ---- */

/* A word typed in part, three letters or more, is looked for as the words
 * of the index that it begins, ORed, unless it begins more than this:
 * then it is a prefix query ("ngu"*), which FTS5 answers by merging the
 * lists of them all before the first hit. One or two letters are prefix
 * queries that FTS5's index of such prefixes answers (prefix='1 2'). */
#define MAX_EXPANSION 64
#define PREFIX_INDEXED 2

/*
 * The FTS5 expression of the words typed: each one of the words of the
 * index that it begins, or their prefix; the words ANDed:
 *     ("van" OR "vang" OR "vanh") AND "d"*
 * *none is set when a word begins no word of the index.
 */
static mc_status build_match(mc_db *db, const mc_query_words *q, mc_strbuf *expr, int *none)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT term FROM dossier_terms WHERE term >= ?1 AND term < ?2"
		" ORDER BY term LIMIT ?3");
	mc_status rc = MC_OK;
	if (!st)
		return MC_DB;
	*none = 0;
	for (int i = 0; i < q->n && rc == MC_OK && !*none; i++) {
		const char *w = q->words[i];
		size_t len = strlen(w), mark = expr->len;
		mc_strbuf_addf(expr, "%s(", i ? " AND " : "");
		if (len <= PREFIX_INDEXED) {
			mc_strbuf_addf(expr, "\"%s\"*)", w);
			continue;
		}
		char upper[MC_QUERY_WORD + 1];
		memcpy(upper, w, len + 1);
		/* Words are ASCII letters and digits or UTF-8 bytes below
		 * 0xF5: the next byte value bounds the range. */
		upper[len - 1]++;
		sqlite3_bind_text(st, 1, w, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, upper, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, MAX_EXPANSION + 1);
		int n = 0, s;
		while ((s = sqlite3_step(st)) == SQLITE_ROW)
			mc_strbuf_addf(expr, "%s\"%s\"", n++ ? " OR " : "",
				       (const char *)sqlite3_column_text(st, 0));
		if (s != SQLITE_DONE)
			rc = mc_db_sqlfail(db, "dossier_terms");
		sqlite3_reset(st);
		if (n > MAX_EXPANSION && !expr->oom) {
			expr->len = mark;
			expr->s[mark] = '\0';
			mc_strbuf_addf(expr, "%s(\"%s\"*", i ? " AND " : "", w);
		}
		*none = n == 0;
		mc_strbuf_addf(expr, ")");
	}
	sqlite3_finalize(st);
	return rc == MC_OK && expr->oom ? MC_NOMEM : rc;
}

struct word_check {
	const char *word;
	size_t len;
};

static int begins(const char *w, size_t len, void *ud)
{
	const struct word_check *c = ud;
	return len >= c->len && memcmp(w, c->word, c->len) == 0;
}

/* Does the name hold every word typed at the beginning of one of its
 * words? What the index says, checked against the name as it is stored
 * (a name changed behind motcua's back is not found by its old words). */
static int name_matches(const char *name, const mc_query_words *q)
{
	char *f = mc_text_fold(name);
	int ok = f != NULL;
	for (int i = 0; ok && i < q->n; i++) {
		struct word_check c = { q->words[i], strlen(q->words[i]) };
		ok = mc_fold_each_word(f, begins, &c);
	}
	free(f);
	return ok;
}

static mc_status by_name(mc_db *db, const char *text, int limit, mc_dossier_fn fn, void *ud)
{
	mc_query_words q;
	mc_strbuf expr = MC_STRBUF_INIT;
	sqlite3_stmt *hits = NULL, *get = NULL;
	int none = 0, found = 0, stop = 0, r = SQLITE_DONE;
	mc_status rc;

	if (mc_query_words_read(text, &q) != 0)
		return MC_NOMEM;
	if (q.too_many)
		return mc_db_fail(db, MC_BAD_INPUT, _("query: at most %d words"), MC_QUERY_WORDS);
	if (q.n == 0)
		return mc_db_fail(db, MC_BAD_INPUT, _("query: \"%s\" has no word to look for"),
				  text);
	/* Searching reads scattered pages of a large file: map it. */
	mc_db_exec(db, "PRAGMA mmap_size = 1073741824");
	if ((rc = build_match(db, &q, &expr, &none)) != MC_OK || none) {
		mc_strbuf_release(&expr);
		return rc;
	}
	hits = mc_db_prepare(db, "SELECT rowid FROM dossier_names WHERE dossier_names MATCH ?1"
				 " ORDER BY rowid DESC");
	get = hits ? dossier_select(db, "WHERE d.received_at = ?1 AND (d.id & ?2) = ?3") : NULL;
	if (!get)
		rc = MC_DB;
	else
		sqlite3_bind_text(hits, 1, expr.s, -1, SQLITE_STATIC);
	while (rc == MC_OK && !stop && found < limit && (r = sqlite3_step(hits)) == SQLITE_ROW) {
		int64_t key = sqlite3_column_int64(hits, 0);
		int g = SQLITE_DONE;
		sqlite3_bind_int64(get, 1, key >> DOSSIER_NAME_ID_BITS);
		sqlite3_bind_int64(get, 2, DOSSIER_NAME_ID_MASK);
		sqlite3_bind_int64(get, 3, key & DOSSIER_NAME_ID_MASK);
		while (rc == MC_OK && !stop && found < limit && (g = sqlite3_step(get)) == SQLITE_ROW) {
			mc_dossier *d = dossier_row(get);
			if (!d) {
				rc = MC_NOMEM;
			} else if (name_matches(d->applicant, &q)) {
				found++;
				stop = fn(d, ud);
			}
			mc_dossier_free(d);
		}
		if (rc == MC_OK && !stop && found < limit && g != SQLITE_DONE)
			rc = mc_db_sqlfail(db, "dossiers");
		sqlite3_reset(get);
	}
	if (rc == MC_OK && !stop && found < limit && r != SQLITE_DONE)
		rc = mc_db_sqlfail(db, "dossier_names");
	sqlite3_finalize(get);
	sqlite3_finalize(hits);
	mc_strbuf_release(&expr);
	return rc;
}

/* A phone number or an ID number: the dossiers that hold it, newest
 * first. */
static mc_status by_number(mc_db *db, const char *text, int limit, mc_dossier_fn fn, void *ud)
{
	char phone[16], id[16];
	int is_phone = mc_phone_normalize(text, phone, sizeof phone) == MC_OK;
	int is_id = mc_id_number_normalize(text, id, sizeof id) == MC_OK;
	if (!is_phone && !is_id)
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("query: \"%s\" is neither a phone number (10 or 11 digits) nor a citizen ID number (9 or 12 digits)"),
				  text);
	sqlite3_stmt *st = dossier_select(db,
		"WHERE d.phone = ?1 OR d.id_number = ?2"
		" ORDER BY d.received_at DESC, d.id DESC LIMIT ?3");
	if (!st)
		return MC_DB;
	mc_db_bind_text(st, 1, is_phone ? phone : NULL);
	mc_db_bind_text(st, 2, is_id ? id : NULL);
	sqlite3_bind_int(st, 3, limit);	return dossier_each_row(db, st, fn, ud);
}

/* Is text a number as people write phones and ID numbers: digits, with
 * blanks, dots, dashes, parentheses and a plus sign? */
static int number_like(const char *text)
{
	int digits = 0;
	for (const char *p = text; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" \t.-+()", *p))
			return 0;
	}
	return digits > 0;
}

mc_status mc_dossier_find(mc_db *db, const char *text, int limit, mc_dossier_fn fn, void *ud)
{
	if (limit <= 0)
		limit = 20;
	return number_like(text) ? by_number(db, text, limit, fn, ud)
				 : by_name(db, text, limit, fn, ud);
}
