/* motcua — the civil status registers: entries stored, read and exported. */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "i18n.h"
#include "register-private.h"
#include "strbuf.h"
#include "text.h"

/* ---- the writer ---- */

mc_status reg_writer_open(struct reg_writer *w, mc_db *db, mc_reg_kind k)
{
	mc_strbuf sql = MC_STRBUF_INIT;
	const struct reg_kind_info *ki = reg_kind_info(k);

	memset(w, 0, sizeof *w);
	w->db = db;
	w->kind = k;
	w->ki = ki;
	mc_strbuf_addf(&sql, "INSERT INTO %s(%s, clerk, entered_at) VALUES (", ki->table,
		       reg_select_list(k));
	for (size_t i = 0; i < ki->n + 2; i++)
		mc_strbuf_addf(&sql, "%s?", i ? ", " : "");
	mc_strbuf_addf(&sql, ") ON CONFLICT (book, number) DO NOTHING");
	if (sql.oom)
		return MC_NOMEM;
	w->insert = mc_db_prepare(db, sql.s);
	mc_strbuf_release(&sql);
	mc_strbuf_addf(&sql, "SELECT id, %s FROM %s WHERE book = ? AND number = ?",
		       reg_select_list(k), ki->table);
	if (sql.oom)
		return MC_NOMEM;
	if (w->insert)
		w->get = mc_db_prepare(db, sql.s);
	mc_strbuf_release(&sql);
	if (!w->get || reg_index_open(&w->index, db, k) != MC_OK) {
		reg_writer_close(w, 0);
		return MC_DB;
	}
	return MC_OK;
}

mc_status reg_writer_close(struct reg_writer *w, int flush)
{
	mc_status rc = reg_index_close(&w->index, flush);
	if (rc == MC_OK && flush && w->batch && w->range.rows) {
		mc_change chg = MC_CHANGE_INIT;
		mc_change_int(&chg, "rows", w->range.rows);
		const char *json = mc_change_json(&chg);
		rc = json ? mc_audit_record_range(w->db, w->ki->table, &w->range, json) : MC_NOMEM;
		mc_change_release(&chg);
	}
	sqlite3_finalize(w->insert);
	sqlite3_finalize(w->get);
	memset(w, 0, sizeof *w);
	return rc;
}

void reg_row_digest(const struct reg_kind_info *ki, struct reg_row *r, const char *clerk,
		    int64_t now)
{
	mc_audit_digest d;
	mc_audit_digest_init(&d);
	/* In the order the table stores them (reg_table_hashable): the
	 * early columns, clerk and entered_at, the late columns. */
	for (size_t i = 0; i <= ki->n; i++) {
		if (i == ki->n_early) {
			mc_audit_digest_text(&d, "clerk", clerk);
			mc_audit_digest_int(&d, "entered_at", now);
		}
		if (i == ki->n)
			break;
		if (r->v[i] && reg_type_is_integer(ki->types[i]))
			mc_audit_digest_int(&d, ki->columns[i], r->num[i]);
		else
			mc_audit_digest_text(&d, ki->columns[i], r->v[i]);
	}
	mc_audit_digest_final(&d, r->digest);
	r->has_digest = 1;
}

/* Is column c of st name, declared as INTEGER (integer) or TEXT? */
static int column_is(sqlite3_stmt *st, int c, const char *name, int integer)
{
	const char *decl = sqlite3_column_decltype(st, c);
	return strcmp(sqlite3_column_name(st, c), name) == 0 && decl &&
	       strcmp(decl, integer ? "INTEGER" : "TEXT") == 0;
}

mc_status reg_table_hashable(mc_db *db, const struct reg_kind_info *ki)
{
	/* The digests are made from the values bound, so they must be the
	 * row that SELECT * reads back, column for column and type for
	 * type: id, the kind's columns, clerk, entered_at, its late columns. */
	mc_strbuf sql = MC_STRBUF_INIT;
	sqlite3_stmt *st;
	int n, same;

	mc_strbuf_addf(&sql, "SELECT * FROM %s LIMIT 0", ki->table);
	st = sql.oom ? NULL : mc_db_prepare(db, sql.s);
	mc_strbuf_release(&sql);
	if (!st)
		return MC_DB;
	n = sqlite3_column_count(st);
	int early = (int)ki->n_early;
	same = n == (int)ki->n + 3 && column_is(st, 0, "id", 1) &&
	       column_is(st, early + 1, "clerk", 0) && column_is(st, early + 2, "entered_at", 1);
	for (size_t i = 0; same && i < ki->n; i++)
		same = column_is(st, (int)i + (i < ki->n_early ? 1 : 3), ki->columns[i],
				 reg_type_is_integer(ki->types[i]));
	sqlite3_finalize(st);
	if (!same)
		return mc_db_fail(db, MC_DB, "%s: the table's columns are not those that "
				  "an import hashes (core/register.c)", ki->table);
	return MC_OK;
}

mc_status reg_writer_batch(struct reg_writer *w)
{
	mc_status rc = reg_table_hashable(w->db, w->ki);
	if (rc != MC_OK)
		return rc;
	w->batch = 1;
	mc_audit_range_init(&w->range);
	return MC_OK;
}

void reg_bind_row(sqlite3_stmt *st, const struct reg_kind_info *ki, const struct reg_row *r)
{
	for (size_t i = 0; i < ki->n; i++) {
		int p = (int)i + 1;
		if (!r->v[i])
			sqlite3_bind_null(st, p);
		else if (reg_type_is_integer(ki->types[i]))
			sqlite3_bind_int64(st, p, r->num[i]);
		else
			sqlite3_bind_text(st, p, r->v[i], -1, SQLITE_STATIC);
	}
}

/* The entry with the same book and number: same values, or which differs. */
static mc_status compare_existing(struct reg_writer *w, const struct reg_row *r,
				  int64_t *id, char *why, size_t n)
{
	const struct reg_kind_info *ki = w->ki;
	mc_status rc = MC_OK;

	sqlite3_bind_text(w->get, 1, r->v[0], -1, SQLITE_STATIC);
	sqlite3_bind_int64(w->get, 2, r->num[1]);
	if (sqlite3_step(w->get) != SQLITE_ROW) {
		rc = mc_db_sqlfail(w->db, ki->table);
		sqlite3_reset(w->get);
		return rc;
	}
	*id = sqlite3_column_int64(w->get, 0);
	for (size_t i = 2; i < ki->n; i++) {
		const char *have = (const char *)sqlite3_column_text(w->get, (int)i + 1);
		if ((!have && !r->v[i]) || (have && r->v[i] && strcmp(have, r->v[i]) == 0))
			continue;
		snprintf(why, n,
			 _("number: entry %s of book %s is already in the register with %s \"%s\", not \"%s\""),
			 r->v[1], r->v[0], ki->columns[i], have ? have : "", r->v[i] ? r->v[i] : "");
		rc = MC_BAD_INPUT;
		break;
	}
	sqlite3_reset(w->get);
	return rc;
}

mc_status reg_writer_put(struct reg_writer *w, struct reg_row *r, int *added,
			 int64_t *id, char *why, size_t n)
{
	const struct reg_kind_info *ki = w->ki;
	int64_t rowid = 0;
	mc_status rc;

	reg_bind_row(w->insert, ki, r);
	sqlite3_bind_text(w->insert, (int)ki->n + 1, mc_db_clerk(w->db), -1, SQLITE_STATIC);
	sqlite3_bind_int64(w->insert, (int)ki->n + 2, mc_db_now(w->db));
	if (sqlite3_step(w->insert) != SQLITE_DONE) {
		rc = mc_db_sqlfail(w->db, ki->table);
		sqlite3_reset(w->insert);
		return rc;
	}
	sqlite3_reset(w->insert);
	*added = sqlite3_changes(w->db->sq) > 0;
	if (*added) {
		char key[24];
		rowid = sqlite3_last_insert_rowid(w->db->sq);
		snprintf(key, sizeof key, "%lld", (long long)rowid);
		rc = reg_index_add(&w->index, r, rowid);
		if (rc == MC_OK && w->batch) {
			if (!r->has_digest)
				reg_row_digest(ki, r, mc_db_clerk(w->db), mc_db_now(w->db));
			mc_audit_range_add(&w->range, rowid, r->digest);
		} else if (rc == MC_OK) {
			/* The change names the entry; the record's row hash
			 * covers all its values. */
			mc_change chg = MC_CHANGE_INIT;
			mc_change_str(&chg, "book", r->v[0]);
			mc_change_int(&chg, "number", r->num[1]);
			const char *json = mc_change_json(&chg);
			rc = json ? mc_audit_record(w->db, ki->table, key, json) : MC_NOMEM;
			mc_change_release(&chg);
		}
	} else {
		rc = compare_existing(w, r, &rowid, why, n);
	}
	if (id)
		*id = rowid;
	return rc;
}

/* The stored entry as a row (for mc_reg_add). */
static void row_of_entry(const mc_entry *e, struct reg_row *r)
{
	const struct reg_kind_info *ki = reg_kind_info(e->kind);
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < ki->n; i++) {
		r->v[i] = e->v[i];
		if (e->v[i] && reg_type_is_integer(ki->types[i]))
			r->num[i] = strtoll(e->v[i], NULL, 10);
	}
}

struct add_job {
	mc_entry *e;
	int *added;
};

static mc_status add_entry(mc_db *db, void *ud)
{
	struct add_job *j = ud;
	struct reg_writer w;
	struct reg_row r;
	char why[512];
	mc_status rc = reg_writer_open(&w, db, j->e->kind);
	if (rc != MC_OK)
		return rc;
	row_of_entry(j->e, &r);
	rc = reg_writer_put(&w, &r, j->added, &j->e->id, why, sizeof why);
	if (rc == MC_BAD_INPUT)
		mc_db_fail(db, rc, "%s", why);
	mc_status fl = reg_writer_close(&w, rc == MC_OK);
	return rc == MC_OK ? fl : rc;
}

mc_status mc_reg_add(mc_db *db, mc_entry *e, int *added)
{
	struct add_job j = { e, added };
	return mc_db_atomic(db, add_entry, &j);
}

/* ---- reading ---- */

static mc_status get_one(mc_db *db, mc_reg_kind k, const char *where, sqlite3_stmt **out)
{
	mc_strbuf sql = MC_STRBUF_INIT;
	mc_strbuf_addf(&sql, "SELECT id, %s FROM %s WHERE %s", reg_select_list(k),
		       reg_kind_info(k)->table, where);
	if (sql.oom)
		return MC_NOMEM;
	*out = mc_db_prepare(db, sql.s);
	mc_strbuf_release(&sql);
	return *out ? MC_OK : MC_DB;
}

static mc_status read_entry(mc_db *db, sqlite3_stmt *st, mc_reg_kind k, mc_entry *out,
			    int *found)
{
	int s = sqlite3_step(st);
	*found = 0;
	if (s == SQLITE_DONE)
		return MC_OK;
	if (s != SQLITE_ROW)
		return mc_db_sqlfail(db, reg_kind_info(k)->table);
	*found = 1;
	out->kind = k;
	out->id = sqlite3_column_int64(st, 0);
	return reg_entry_from_stmt(st, 1, out);
}

mc_status mc_reg_get(mc_db *db, mc_reg_kind k, const char *book, const char *number,
		     mc_entry *out)
{
	char *b = NULL;
	sqlite3_stmt *st;
	int found;
	mc_status rc;

	if ((rc = reg_check_key(db, book, number, &b)) != MC_OK)
		return rc;
	if ((rc = get_one(db, k, "book = ? AND number = ?", &st)) == MC_OK) {
		sqlite3_bind_text(st, 1, b, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, strtoll(number, NULL, 10));
		rc = read_entry(db, st, k, out, &found);
		if (rc == MC_OK && !found)
			/* TRANSLATORS: the register's kind ("birth"), a number, a book. */
			rc = mc_db_fail(db, MC_NOT_FOUND, _("no %s entry %lld in book %s"),
					mc_reg_kind_label(k), strtoll(number, NULL, 10), b);
		sqlite3_finalize(st);
	}
	free(b);
	return rc;
}

mc_status mc_reg_get_id(mc_db *db, mc_reg_kind k, int64_t id, mc_entry *out)
{
	sqlite3_stmt *st;
	int found;
	mc_status rc = get_one(db, k, "id = ?", &st);
	if (rc != MC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = read_entry(db, st, k, out, &found);
	if (rc == MC_OK && !found)
		/* TRANSLATORS: the register's kind ("birth"), then a number. */
		rc = mc_db_fail(db, MC_NOT_FOUND, _("no %s entry with id %lld"), mc_reg_kind_label(k),
				(long long)id);
	sqlite3_finalize(st);
	return rc;
}

mc_status mc_reg_find_id_number(mc_db *db, mc_reg_kind k, const char *id_number,
				mc_entry_fn fn, void *ud)
{
	char id[16];
	sqlite3_stmt *st;
	int found = 1;
	mc_status rc;

	if ((rc = reg_check_id_number(db, id_number, id, sizeof id)) != MC_OK)
		return rc;
	rc = get_one(db, k, k == MC_REG_MARRIAGE
		     ? "husband_id_number = ?1 OR wife_id_number = ?1 ORDER BY id"
		     : "id_number = ?1 ORDER BY id", &st);
	if (rc != MC_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (rc == MC_OK && found) {
		mc_entry e = MC_ENTRY_INIT;
		rc = read_entry(db, st, k, &e, &found);
		if (rc == MC_OK && found && fn(&e, ud))
			found = 0;
		mc_entry_release(&e);
	}
	sqlite3_finalize(st);
	return rc;
}

mc_status mc_reg_export(mc_db *db, mc_reg_kind k, int64_t from_day, int64_t to_day,
			FILE *fp, mc_csv_style style, int64_t *rows)
{
	*rows = 0;
	const struct reg_kind_info *ki = reg_kind_info(k);
	mc_strbuf sql = MC_STRBUF_INIT;
	char from[16], to[16];
	const char *vals[MC_REG_MAX_COLUMNS];
	mc_status rc = MC_OK;
	int s;

	mc_strbuf_addf(&sql, "SELECT %s FROM %s WHERE (?1 IS NULL OR registered_on >= ?1)"
		       " AND (?2 IS NULL OR registered_on <= ?2) ORDER BY id",
		       reg_select_list(k), ki->table);
	if (sql.oom)
		return MC_NOMEM;
	sqlite3_stmt *st = mc_db_prepare(db, sql.s);
	mc_strbuf_release(&sql);
	if (!st)
		return MC_DB;
	if (from_day != INT64_MIN) {
		mc_format_date(from_day, from, sizeof from);
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	}
	if (to_day != INT64_MAX) {
		mc_format_date(to_day, to, sizeof to);
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	}
	if (mc_csv_write_start(fp, style) != 0 ||
	    mc_csv_write_row(fp, style, ki->columns, ki->n) != 0)
		rc = MC_IO;
	while (rc == MC_OK && (s = sqlite3_step(st)) == SQLITE_ROW) {
		for (size_t i = 0; i < ki->n; i++) {
			const unsigned char *t = sqlite3_column_text(st, (int)i);
			vals[i] = t ? (const char *)t : "";
		}
		if (mc_csv_write_row(fp, style, vals, ki->n) != 0)
			rc = MC_IO;
		else
			(*rows)++;
	}
	if (rc == MC_OK && s != SQLITE_DONE)
		rc = mc_db_sqlfail(db, ki->table);
	if (rc == MC_IO)
		mc_db_fail(db, rc, _("write error"));
	sqlite3_finalize(st);
	return rc;
}
