/* motcua — the ward's side of `sync push`: batches of the audit log and
 * the rows it tells of, from one read snapshot, as COPY text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/md5.h>
#include <sodium.h>

#include "audit-private.h"
#include "db-private.h"
#include "fold.h"
#include "province.h"
#include "settings.h"
#include "sync.h"

/*
 * Where the rows of a record come from: the audit log names a table and
 * a key (core/audit.c's audited[]); each source reads the rows of one
 * province table for that key. A dossier's record brings the dossier and
 * its whole history; a register's record an entry or, for an import, a
 * range of them ("#range:FIRST-LAST"). Tables of the office alone
 * (settings, holidays, the outbox) send their records only.
 */
static const struct {
	const char *audited, *table, *where;
} sources[] = {
	{ "procedures", "procedures", "FROM procedures WHERE code = ?1" },
	{ "dossiers", "dossiers", "FROM dossiers WHERE code = ?1" },
	{ "dossiers", "dossier_history", "FROM dossier_history"
	  " WHERE dossier_id = (SELECT id FROM dossiers WHERE code = ?1) ORDER BY id" },
	{ "births", "births", "FROM births WHERE id BETWEEN ?1 AND ?2 ORDER BY id" },
	{ "marriages", "marriages", "FROM marriages WHERE id BETWEEN ?1 AND ?2 ORDER BY id" },
	{ "deaths", "deaths", "FROM deaths WHERE id BETWEEN ?1 AND ?2 ORDER BY id" },
	{ "register_amendments", "register_amendments", "FROM register_amendments WHERE id = ?1" },
	{ "extracts", "extracts", "FROM extracts WHERE serial = ?1" },
	{ "extract_events", "extract_events", "FROM extract_events WHERE id = ?1" },
};
#define NSOURCES (sizeof sources / sizeof sources[0])

/*
 * The names whose words a register entry carries (province search), with
 * the place each has in the registers' own index (core/register-private.h:
 * the person or the husband, the wife, the father, the mother).
 */
static const struct {
	const char *column;
	int name;
} name_columns[] = {
	{ "full_name", 0 }, { "husband_name", 0 }, { "wife_name", 1 },
	{ "father_name", 2 }, { "mother_name", 3 },
};
#define NNAMES (sizeof name_columns / sizeof name_columns[0])
#define WORDS_MAX 7             /* as REG_WORDS_MAX: "7" is 7 or more */

struct mc_sync {
	mc_db *db;
	char *unit;
	int64_t head;
	sqlite3_stmt *src[NSOURCES];
	size_t src_table[NSOURCES];     /* index in mc_province_tables  */
	sqlite3_stmt *records, *hash_at;
	/* The rows new to the province (mc_sync_next): it holds what
	 * `held` says; `last` grows to the newest that the batch has. */
	sqlite3_stmt *fresh;
	size_t hist_t, dossier_t;
	mc_sync_held held, last;
};

static size_t table_index(const char *name)
{
	for (size_t t = 0; t < mc_province_ntables; t++)
		if (strcmp(mc_province_tables[t].name, name) == 0)
			return t;
	return mc_province_ntables;
}

/* "SELECT cols FROM ...": the table's columns but the words, which are
 * made here from the names. */
static sqlite3_stmt *prepare_source(mc_db *db, size_t i, size_t t)
{
	mc_strbuf sql = MC_STRBUF_INIT;
	const char *cols = mc_province_tables[t].cols, *w = strstr(cols, ", words");
	mc_strbuf_addf(&sql, "SELECT %.*s %s", (int)(w ? (size_t)(w - cols) : strlen(cols)),
		       cols, sources[i].where);
	return mc_db_prepare_built(db, &sql);
}

mc_status mc_sync_begin(mc_db *db, mc_sync **out)
{
	mc_sync *s = calloc(1, sizeof *s);
	mc_status rc;
	*out = NULL;
	if (!s)
		return mc_db_fail(db, MC_NOMEM, "out of memory");
	s->db = db;
	if ((rc = mc_db_exec(db, "BEGIN")) != MC_OK) {
		free(s);
		return rc;
	}
	*out = s;
	if ((rc = mc_setting_get(db, "unit_id", &s->unit)) != MC_OK)
		return rc;
	for (size_t i = 0; i < NSOURCES; i++) {
		s->src_table[i] = table_index(sources[i].table);
		if (!(s->src[i] = prepare_source(db, i, s->src_table[i])))
			return MC_DB;
	}
	s->hist_t = table_index("dossier_history");
	s->dossier_t = table_index("dossiers");
	mc_strbuf sql = MC_STRBUF_INIT;
	mc_strbuf_addf(&sql, "SELECT %s FROM dossier_history WHERE id > ?1 AND id <= ?2"
		       " ORDER BY id", mc_province_tables[s->hist_t].cols);
	if (!(s->fresh = mc_db_prepare_built(db, &sql)))
		return MC_DB;
	if (!(s->records = mc_db_prepare(db, "SELECT id, at, clerk, command, tbl, key, change,"
					 " row_hash, prev_hash, hash, os_user FROM audit_log"
					 " WHERE id > ?1 ORDER BY id LIMIT ?2")) ||
	    !(s->hash_at = mc_db_prepare(db, "SELECT hash FROM audit_log WHERE id = ?1")))
		return MC_DB;
	char head[65];
	return mc_audit_head(db, &s->head, head);
}

void mc_sync_end(mc_sync *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < NSOURCES; i++)
		sqlite3_finalize(s->src[i]);
	sqlite3_finalize(s->records);
	sqlite3_finalize(s->hash_at);
	sqlite3_finalize(s->fresh);
	mc_db_rollback(s->db);
	free(s->unit);
	free(s);
}

const char *mc_sync_unit(const mc_sync *s)
{
	return s->unit;
}

int64_t mc_sync_head(const mc_sync *s)
{
	return s->head;
}

mc_status mc_sync_hash_at(mc_sync *s, int64_t id, char hash[65], int *found)
{
	sqlite3_stmt *st = s->hash_at;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	*found = r == SQLITE_ROW && sqlite3_column_text(st, 0);
	if (*found)
		snprintf(hash, 65, "%s", (const char *)sqlite3_column_text(st, 0));
	return r == SQLITE_ROW || r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(s->db, "audit_log");
}

void mc_sync_batch_init(mc_sync_batch *b)
{
	memset(b, 0, sizeof *b);
	for (size_t t = 0; t < MC_SYNC_TABLES; t++)
		b->rows[t] = (mc_strbuf)MC_STRBUF_INIT;
	b->fresh = (mc_strbuf)MC_STRBUF_INIT;
	b->fresh_dossiers = (mc_strbuf)MC_STRBUF_INIT;
}

void mc_sync_batch_release(mc_sync_batch *b)
{
	for (size_t t = 0; t < MC_SYNC_TABLES; t++)
		mc_strbuf_release(&b->rows[t]);
	mc_strbuf_release(&b->fresh);
	mc_strbuf_release(&b->fresh_dossiers);
	mc_sync_batch_init(b);
}

void mc_sync_batch_clear(mc_sync_batch *b)
{
	for (size_t t = 0; t < MC_SYNC_TABLES; t++) {
		mc_strbuf_clear(&b->rows[t]);
		b->nrows[t] = 0;
	}
	mc_strbuf_clear(&b->fresh);
	mc_strbuf_clear(&b->fresh_dossiers);
	b->nfresh = b->nfresh_dossiers = 0;
	b->held = (mc_sync_held){ 0, 0 };
	b->first = b->last = 0;
	b->records = 0;
}

/* ---- COPY text ---- */

/* A value in COPY's text format: backslash, tab, newline and CR escaped. */
static void copy_text(mc_strbuf *b, const char *s, size_t n)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		const char *esc = s[i] == '\\' ? "\\\\" : s[i] == '\t' ? "\\t" :
				  s[i] == '\n' ? "\\n" : s[i] == '\r' ? "\\r" : NULL;
		if (!esc)
			continue;
		mc_strbuf_add(b, s + from, i - from);
		mc_strbuf_add(b, esc, 2);
		from = i + 1;
	}
	mc_strbuf_add(b, s + from, n - from);
}

static void copy_column(mc_strbuf *b, sqlite3_stmt *st, int c)
{
	switch (sqlite3_column_type(st, c)) {
	case SQLITE_NULL:
		mc_strbuf_add(b, "\\N", 2);
		break;
	case SQLITE_INTEGER:
		mc_strbuf_addf(b, "%lld", (long long)sqlite3_column_int64(st, c));
		break;
	case SQLITE_FLOAT:
		mc_strbuf_addf(b, "%.17g", sqlite3_column_double(st, c));
		break;
	default:
		copy_text(b, (const char *)sqlite3_column_text(st, c),
			  (size_t)sqlite3_column_bytes(st, c));
	}
}

/* A name's words and their count, and the entry's signature. */
struct name_words {
	mc_strbuf *out;
	int name, count;
	unsigned char *sig;
};

void mc_sync_sig_add(unsigned char *sig, const char *tag, size_t len)
{
	struct md5_ctx md5;
	uint8_t d[MD5_DIGEST_SIZE];
	md5_init(&md5);
	md5_update(&md5, len, (const uint8_t *)tag);
	md5_digest(&md5, sizeof d, d);
	for (int i = 0; i < 4; i++) {
		unsigned p = ((unsigned)d[2 * i] << 8 | d[2 * i + 1]) % (MC_SIG_BYTES * 8);
		sig[p / 8] |= (unsigned char)(0x80 >> p % 8);
	}
}

static int count_word(const char *w, size_t len, void *ud)
{
	(void)w;
	(void)len;
	((struct name_words *)ud)->count++;
	return 0;
}

/*
 * Each beginning of the word (whole characters only), tagged with its
 * name and the name's count of words ("03ng": the person's name, three
 * words, a word that begins "ng"): PostgreSQL then answers a search, a
 * word typed being the beginning of a word of one name, from a GIN index
 * of whole array elements (province search). Quoted: a word "null" is a
 * word; the words are letters, digits and UTF-8 bytes, never a quote or
 * a backslash.
 */
static int add_word(const char *w, size_t len, void *ud)
{
	struct name_words *nw = ud;
	size_t n = len < MC_QUERY_WORD ? len : MC_QUERY_WORD;
	for (size_t i = 1; i <= n; i++) {
		char tag[2 + MC_QUERY_WORD];
		if (i < len && ((unsigned char)w[i] & 0xC0) == 0x80)
			continue;
		tag[0] = (char)('0' + nw->name);
		tag[1] = (char)('0' + (nw->count < WORDS_MAX ? nw->count : WORDS_MAX));
		memcpy(tag + 2, w, i);
		mc_strbuf_addf(nw->out, "%s\"%.*s\"", nw->out->len > 1 ? "," : "", (int)(i + 2), tag);
		mc_sync_sig_add(nw->sig, tag, i + 2);
	}
	return 0;
}

/* The columns words, the tagged beginnings of the entry's names (an
 * array), and sig, their signature (bit string in hexadecimal). */
static mc_status copy_words(mc_sync *s, mc_strbuf *b, sqlite3_stmt *st)
{
	mc_strbuf words = MC_STRBUF_INIT;
	unsigned char sig[MC_SIG_BYTES] = { 0 };
	mc_strbuf_add(&words, "{", 1);
	for (int c = 0; c < sqlite3_column_count(st); c++) {
		const char *name = sqlite3_column_name(st, c), *v;
		for (size_t k = 0; k < NNAMES; k++) {
			if (strcmp(name, name_columns[k].column) != 0 ||
			    !(v = (const char *)sqlite3_column_text(st, c)))
				continue;
			char *folded = mc_text_fold(v);
			if (!folded) {
				mc_strbuf_release(&words);
				return mc_db_fail(s->db, MC_NOMEM, "out of memory");
			}
			struct name_words nw = { &words, name_columns[k].name, 0, sig };
			mc_fold_each_word(folded, count_word, &nw);
			mc_fold_each_word(folded, add_word, &nw);
			free(folded);
		}
	}
	mc_strbuf_add(&words, "}", 1);
	mc_strbuf_add(b, "\t", 1);
	mc_strbuf_add(b, words.s, words.len);
	mc_strbuf_release(&words);
	char hex[2 + 2 * MC_SIG_BYTES + 1] = "\tX";
	sodium_bin2hex(hex + 2, sizeof hex - 2, sig, MC_SIG_BYTES);
	mc_strbuf_add(b, hex, sizeof hex - 1);
	return MC_OK;
}

/*
 * Every row of statement st as a line of table t's COPY text in out
 * (*n counted); with a batch b, the rows new to the province are
 * routed: a dossier after the newest held to b->fresh_dossiers, a row of
 * a dossier's history after the newest held nowhere (the batch sends
 * them apart, fresh_rows); s->last keeps the newest of each.
 */
static mc_status copy_rows(mc_sync *s, sqlite3_stmt *st, size_t t, mc_strbuf *out, long *n,
			   mc_sync_batch *b)
{
	int words = mc_province_has_words(&mc_province_tables[t]), r;
	mc_status rc = MC_OK;
	while ((r = sqlite3_step(st)) == SQLITE_ROW && rc == MC_OK) {
		int64_t id = sqlite3_column_int64(st, 0);
		mc_strbuf *to = out;
		long *count = n;
		if (b && t == s->hist_t && id > s->held.history) {
			if (id > s->last.history)
				s->last.history = id;
			continue;
		}
		if (b && t == s->dossier_t && id > s->held.dossier) {
			if (id > s->last.dossier)
				s->last.dossier = id;
			to = &b->fresh_dossiers;
			count = &b->nfresh_dossiers;
		}
		copy_text(to, s->unit, strlen(s->unit));
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			mc_strbuf_add(to, "\t", 1);
			copy_column(to, st, c);
		}
		if (words)
			rc = copy_words(s, to, st);
		mc_strbuf_add(to, "\n", 1);
		(*count)++;
	}
	if (rc == MC_OK && r != SQLITE_DONE && r != SQLITE_ROW)
		rc = mc_db_sqlfail(s->db, mc_province_tables[t].name);
	if (rc == MC_OK && (out->oom || (b && b->fresh_dossiers.oom)))
		rc = mc_db_fail(s->db, MC_NOMEM, "out of memory");
	sqlite3_reset(st);
	return rc;
}

/* The rows of one record's table and key, from each of its sources. */
static mc_status copy_key(mc_sync *s, const char *table, const char *key, mc_sync_batch *b)
{
	for (size_t i = 0; i < NSOURCES; i++) {
		if (strcmp(sources[i].audited, table) != 0)
			continue;
		sqlite3_stmt *st = s->src[i];
		int64_t first, last;
		char *end;
		if (mc_audit_range_key(key, &first, &last)) {
			sqlite3_bind_int64(st, 1, first);
			sqlite3_bind_int64(st, 2, last);
		} else if (strstr(sources[i].where, "?2")) {
			first = strtoll(key, &end, 10);
			sqlite3_bind_int64(st, 1, first);
			sqlite3_bind_int64(st, 2, *end ? first - 1 : first);
		} else {
			sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		}
		size_t t = s->src_table[i];
		mc_status rc = copy_rows(s, st, t, &b->rows[t], &b->nrows[t], b);
		if (rc != MC_OK)
			return rc;
	}
	return MC_OK;
}

struct key_ref {
	char *table, *key;
};

static int key_cmp(const void *a, const void *b)
{
	const struct key_ref *x = a, *y = b;
	int c = strcmp(x->table, y->table);
	return c ? c : strcmp(x->key, y->key);
}

void mc_sync_record_hash(const char *prev, int64_t id, int64_t at, const char *clerk,
			 const char *command, const char *table, const char *key,
			 const char *change, const char *row_hash, const char *os_user,
			 char out[65])
{
	mc_audit_record_hash(prev, id, at, clerk, command, table, key, change, row_hash,
			     os_user, out);
}

/* Checks that the record at st follows prev (and gives its hash), and
 * appends it to the batch; prev becomes its hash. */
static mc_status take_record(mc_sync *s, sqlite3_stmt *st, char prev[65], mc_sync_batch *b)
{
	const char *f[11];
	char hash[65];
	for (int c = 0; c < 11; c++)
		f[c] = (const char *)sqlite3_column_text(st, c);
	int64_t id = sqlite3_column_int64(st, 0);
	if (!f[2] || !f[3] || !f[4] || !f[5] || !f[6] || !f[8] || !f[9])
		return mc_db_fail(s->db, MC_REFUSED, "audit record %lld is incomplete",
				  (long long)id);
	mc_audit_record_hash(f[8], id, sqlite3_column_int64(st, 1), f[2], f[3], f[4], f[5],
			     f[6], f[7], f[10], hash);
	if (strcmp(f[8], prev) != 0 || strcmp(hash, f[9]) != 0)
		return mc_db_fail(s->db, MC_REFUSED, "audit record %lld does not follow the one "
				  "before it (run 'motcua db check')", (long long)id);
	memcpy(prev, hash, 65);
	size_t t = table_index("audit_log");
	mc_strbuf *out = &b->rows[t];
	copy_text(out, s->unit, strlen(s->unit));
	for (int c = 0; c < 11; c++) {
		mc_strbuf_add(out, "\t", 1);
		copy_column(out, st, c);
	}
	mc_strbuf_add(out, "\n", 1);
	b->nrows[t]++;
	if (!b->records++)
		b->first = id;
	b->last = id;
	return MC_OK;
}

/* Every row of the history after the newest held up to the newest of
 * the batch, into b->fresh: the province has none of them (the cursor
 * says so), and once they are sent it holds every row up to that one. */
static mc_status fresh_rows(mc_sync *s, mc_sync_batch *b)
{
	b->held = s->last;
	if (s->last.history <= s->held.history)
		return MC_OK;
	sqlite3_bind_int64(s->fresh, 1, s->held.history);
	sqlite3_bind_int64(s->fresh, 2, s->last.history);
	return copy_rows(s, s->fresh, s->hist_t, &b->fresh, &b->nfresh, NULL);
}

mc_status mc_sync_next(mc_sync *s, int64_t after, const char *after_hash,
		       const mc_sync_held *held, long max, mc_sync_batch *b)
{
	sqlite3_stmt *st = s->records;
	struct key_ref *keys = max > 0 ? calloc((size_t)max, sizeof *keys) : NULL;
	size_t nkeys = 0;
	char prev[65];
	mc_status rc = MC_OK;
	int r;
	if (!keys)
		return mc_db_fail(s->db, MC_NOMEM, "out of memory");
	snprintf(prev, sizeof prev, "%s", after_hash);
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int64(st, 2, max);
	while (rc == MC_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = take_record(s, st, prev, b)) != MC_OK)
			break;
		keys[nkeys].table = mc_db_column_dup(st, 4);
		keys[nkeys].key = mc_db_column_dup(st, 5);
		if (!keys[nkeys].table || !keys[nkeys].key)
			rc = mc_db_fail(s->db, MC_NOMEM, "out of memory");
		nkeys++;
	}
	if (rc == MC_OK && r != SQLITE_DONE)
		rc = mc_db_sqlfail(s->db, "audit_log");
	sqlite3_reset(st);
	/* Each row once, however many records of the batch tell of it. */
	if (rc == MC_OK)
		qsort(keys, nkeys, sizeof *keys, key_cmp);
	s->held = s->last = *held;
	for (size_t i = 0; i < nkeys && rc == MC_OK; i++)
		if (i == 0 || key_cmp(&keys[i], &keys[i - 1]) != 0)
			rc = copy_key(s, keys[i].table, keys[i].key, b);
	if (rc == MC_OK)
		rc = fresh_rows(s, b);
	for (size_t i = 0; i < nkeys; i++) {
		free(keys[i].table);
		free(keys[i].key);
	}
	free(keys);
	return rc;
}
