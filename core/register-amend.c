/* motcua — amending register entries typed wrong: the entry changed in
 * place, the amendment kept with its reason, both audited. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "register-private.h"
#include "strbuf.h"
#include "text.h"

/* The longest reason, in characters. */
#define REASON_MAX 1000

/* The index of an audited table in mc_audited[] (core/audit.c). */
static int audited_index(const char *table)
{
	for (size_t t = 0; t < mc_n_audited; t++)
		if (strcmp(mc_audited[t].table, table) == 0)
			return (int)t;
	return -1;
}

mc_status reg_amender_open(struct reg_amender *am, mc_db *db, mc_reg_kind k,
			   const char *reason, mc_reg_amend_fn fn, void *ud)
{
	const struct reg_kind_info *ki = reg_kind_info(k);
	mc_strbuf sql = MC_STRBUF_INIT;
	mc_status rc;

	memset(am, 0, sizeof *am);
	am->db = db;
	am->ki = ki;
	am->fn = fn;
	am->ud = ud;
	rc = mc_text_clean(reason ? reason : "", 0, REASON_MAX, &am->reason);
	if (rc == MC_NOMEM)
		return rc;
	if (rc != MC_OK || !*am->reason) {
		char why[96];
		free(am->reason);
		am->reason = NULL;
		if (rc != MC_OK && mc_text_invisible_why(reason, why, sizeof why))
			return mc_db_fail(db, MC_BAD_INPUT, "%s: %s",
						  mc_field_option("reason", (char[16]){ 0 }, 16), why);
		return rc != MC_OK
			? mc_db_fail(db, MC_BAD_INPUT,
				     _("reason: must be one line of text of at most %d characters"),
				     REASON_MAX)
			: mc_db_fail(db, MC_BAD_INPUT, _("reason: an amendment needs a reason"));
	}
	if ((rc = reg_table_hashable(db, ki)) != MC_OK || audited_index(ki->table) < 0 ||
	    audited_index("register_amendments") < 0) {
		reg_amender_close(am, 0);
		return rc != MC_OK ? rc : MC_DB;
	}
	mc_strbuf_addf(&sql, "SELECT id, %s FROM %s WHERE book = ? AND number = ?",
		       reg_select_list(k), ki->table);
	am->get = sql.oom ? NULL : mc_db_prepare(db, sql.s);
	mc_strbuf_clear(&sql);
	/* Every column is set (book and number to what they are): the row's
	 * values bind as an insert's do. */
	mc_strbuf_addf(&sql, "UPDATE %s SET ", ki->table);
	for (size_t i = 0; i < ki->n; i++)
		mc_strbuf_addf(&sql, "%s%s = ?%zu", i ? ", " : "", ki->columns[i], i + 1);
	mc_strbuf_addf(&sql, " WHERE id = ?%zu", ki->n + 1);
	am->update = am->get && !sql.oom ? mc_db_prepare(db, sql.s) : NULL;
	mc_strbuf_release(&sql);
	if (am->update)
		am->insert = mc_db_prepare(db,
			"INSERT INTO register_amendments(kind, entry_id, at, clerk, reason, changes)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	/* The last record of the entry's own key, and of each range record
	 * (a register import's) that covers it. */
	if (am->insert)
		am->own = mc_db_prepare(db,
			"SELECT row_hash FROM audit_log WHERE tbl = ?1 AND key = ?2"
			" ORDER BY id DESC LIMIT 1");
	if (am->own)
		am->ranges = mc_db_prepare(db,
			"SELECT key, row_hash, max(id) FROM audit_log WHERE tbl = ?1"
			" AND key >= '" MC_AUDIT_RANGE "' AND key < '#range;'"
			" AND CAST(substr(key, 8, instr(key, '-') - 8) AS INTEGER) <= ?2"
			" AND CAST(substr(key, instr(key, '-') + 1) AS INTEGER) >= ?2"
			" GROUP BY key");
	if (!am->ranges || (rc = reg_index_open(&am->index, db, k)) != MC_OK) {
		reg_amender_close(am, 0);
		return MC_DB;
	}
	return MC_OK;
}

/* Was the entry seen before in this run? If not, it is now. A set of
 * ids by open addressing (-1: free): a mended file may hold a whole book. */
static mc_status seen_before(struct reg_amender *am, int64_t id, int *seen)
{
	*seen = 0;
	if (am->n_seen * 2 >= am->cap_seen) {
		size_t cap = am->cap_seen ? am->cap_seen * 2 : 64;
		int64_t *t = malloc(cap * sizeof *t);
		if (!t)
			return MC_NOMEM;
		for (size_t i = 0; i < cap; i++)
			t[i] = -1;
		for (size_t i = 0; i < am->cap_seen; i++) {
			if (am->seen[i] < 0)
				continue;
			size_t j = (size_t)((uint64_t)am->seen[i] * 2654435761u) & (cap - 1);
			while (t[j] >= 0)
				j = (j + 1) & (cap - 1);
			t[j] = am->seen[i];
		}
		free(am->seen);
		am->seen = t;
		am->cap_seen = cap;
	}
	size_t j = (size_t)((uint64_t)id * 2654435761u) & (am->cap_seen - 1);
	for (; am->seen[j] >= 0; j = (j + 1) & (am->cap_seen - 1))
		if (am->seen[j] == id) {
			*seen = 1;
			return MC_OK;
		}
	am->seen[j] = id;
	am->n_seen++;
	return MC_OK;
}

/*
 * Is the entry as its audit records say? Its own last record (an entry
 * added by hand or amended before), and each range record that covers it
 * (a register import's), checked once per run: an amendment records the
 * range anew, and must not take in a row altered behind the program's
 * back. MC_BAD_INPUT with the reason in why otherwise.
 */
static mc_status check_recorded(struct reg_amender *am, int64_t id, char *why, size_t n)
{
	const char *table = am->ki->table;
	size_t t = (size_t)audited_index(table);
	char key[24], now[65];
	int exists, covered = 0, r;
	mc_status rc = MC_OK;

	snprintf(key, sizeof key, "%lld", (long long)id);
	sqlite3_bind_text(am->own, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(am->own, 2, key, -1, SQLITE_STATIC);
	r = sqlite3_step(am->own);
	if (r == SQLITE_ROW) {
		char recorded[65];
		const char *h = (const char *)sqlite3_column_text(am->own, 0);
		snprintf(recorded, sizeof recorded, "%s", h ? h : "");
		covered = 1;
		sqlite3_reset(am->own);
		if ((rc = mc_audit_row_hash(am->db, t, key, &exists, now, NULL)) != MC_OK)
			return rc;
		if (!exists || strcmp(now, recorded) != 0) {
			snprintf(why, n, _("%s %s: altered behind the program's back (run motcua db check); nothing amended"),
				 table, key);
			return MC_BAD_INPUT;
		}
	} else {
		sqlite3_reset(am->own);
		if (r != SQLITE_DONE)
			return mc_db_sqlfail(am->db, "audit_log");
	}
	sqlite3_bind_text(am->ranges, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(am->ranges, 2, id);
	while (rc == MC_OK && (r = sqlite3_step(am->ranges)) == SQLITE_ROW) {
		const char *rkey = (const char *)sqlite3_column_text(am->ranges, 0);
		const char *recorded = (const char *)sqlite3_column_text(am->ranges, 1);
		struct reg_range g;
		int known = 0;
		if (!mc_audit_range_key(rkey, &g.first, &g.last))
			continue;
		covered = 1;
		for (size_t i = 0; i < am->n_touched && !known; i++)
			known = am->touched[i].first == g.first && am->touched[i].last == g.last;
		if (known)
			continue;
		if ((rc = mc_audit_range_hash(am->db, t, g.first, g.last, now)) != MC_OK)
			break;
		if (!recorded || strcmp(now, recorded) != 0) {
			snprintf(why, n, _("%s %lld to %lld: altered, removed or added behind the program's back (run motcua db check); nothing amended"),
				 table, (long long)g.first, (long long)g.last);
			rc = MC_BAD_INPUT;
			break;
		}
		if (am->n_touched == am->cap_touched) {
			size_t cap = am->cap_touched ? am->cap_touched * 2 : 4;
			struct reg_range *tt = realloc(am->touched, cap * sizeof *tt);
			if (!tt) {
				rc = MC_NOMEM;
				break;
			}
			am->touched = tt;
			am->cap_touched = cap;
		}
		am->touched[am->n_touched++] = g;
	}
	if (rc == MC_OK && r != SQLITE_DONE)
		rc = mc_db_sqlfail(am->db, "audit_log");
	sqlite3_reset(am->ranges);
	if (rc == MC_OK && !covered) {
		snprintf(why, n, _("%s %s: not in the audit log (written behind the program's back; run motcua db check); nothing amended"),
			 table, key);
		rc = MC_BAD_INPUT;
	}
	return rc;
}

/* What the amendment changed, as register_amendments keeps it:
 * {"field":["old","new"],...}, null for an empty value. */
static const char *changes_json(const mc_reg_amendment *a, mc_strbuf *b)
{
	mc_strbuf_clear(b);
	mc_strbuf_addf(b, "{");
	for (size_t i = 0; i < a->n; i++) {
		mc_strbuf_addf(b, "%s", i ? "," : "");
		mc_strbuf_add_json(b, a->change[i].field);
		mc_strbuf_addf(b, ":[");
		mc_strbuf_add_json(b, a->change[i].old_value);
		mc_strbuf_addf(b, ",");
		mc_strbuf_add_json(b, a->change[i].new_value);
		mc_strbuf_addf(b, "]");
	}
	mc_strbuf_addf(b, "}");
	return b->oom ? NULL : b->s;
}

/* The amendment written and audited, with the entry's new values. */
static mc_status record(struct reg_amender *am, int64_t id, struct reg_row *r,
			mc_reg_amendment *a)
{
	const struct reg_kind_info *ki = am->ki;
	mc_strbuf json = MC_STRBUF_INIT;
	mc_change chg = MC_CHANGE_INIT;
	char key[24];
	const char *text;
	mc_status rc = MC_OK;

	reg_bind_row(am->update, ki, r);
	sqlite3_bind_int64(am->update, (int)ki->n + 1, id);
	if (sqlite3_step(am->update) != SQLITE_DONE)
		rc = mc_db_sqlfail(am->db, ki->table);
	sqlite3_reset(am->update);
	if (rc != MC_OK)
		return rc;
	if (!(text = changes_json(a, &json)))
		return MC_NOMEM;
	sqlite3_bind_text(am->insert, 1, ki->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(am->insert, 2, id);
	sqlite3_bind_int64(am->insert, 3, a->at);
	sqlite3_bind_text(am->insert, 4, a->clerk, -1, SQLITE_STATIC);
	sqlite3_bind_text(am->insert, 5, a->reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(am->insert, 6, text, -1, SQLITE_STATIC);
	if (sqlite3_step(am->insert) != SQLITE_DONE)
		rc = mc_db_sqlfail(am->db, "register_amendments");
	sqlite3_reset(am->insert);
	mc_strbuf_release(&json);
	if (rc != MC_OK)
		return rc;
	a->id = sqlite3_last_insert_rowid(am->db->sq);
	snprintf(key, sizeof key, "%lld", (long long)a->id);
	/* The amendment's record holds all of its row (NULL change). */
	if ((rc = mc_audit_record(am->db, "register_amendments", key, NULL)) != MC_OK)
		return rc;
	/* The entry's: its row hash covers its new values; the change names
	 * it and the amendment. */
	snprintf(key, sizeof key, "%lld", (long long)id);
	mc_change_str(&chg, "book", r->v[0]);
	mc_change_int(&chg, "number", r->num[1]);
	mc_change_int(&chg, "amendment", a->id);
	text = mc_change_json(&chg);
	rc = text ? mc_audit_record(am->db, ki->table, key, text) : MC_NOMEM;
	mc_change_release(&chg);
	return rc;
}

mc_status reg_amender_put(struct reg_amender *am, struct reg_row *r, int once_each,
			  int *changed, char *why, size_t n)
{
	const struct reg_kind_info *ki = am->ki;
	char *old[MC_REG_MAX_COLUMNS] = { NULL };
	mc_reg_amendment a;
	int64_t id;
	int s, seen;
	mc_status rc = MC_OK;

	*changed = 0;
	sqlite3_bind_text(am->get, 1, r->v[0], -1, SQLITE_STATIC);
	sqlite3_bind_int64(am->get, 2, r->num[1]);
	s = sqlite3_step(am->get);
	if (s != SQLITE_ROW) {
		sqlite3_reset(am->get);
		if (s != SQLITE_DONE)
			return mc_db_sqlfail(am->db, ki->table);
		/* TRANSLATORS: the register's kind ("birth"), a number, a book. */
		snprintf(why, n, _("number: no %s entry %s in book %s to amend"),
			 mc_reg_kind_label(ki->kind), r->v[1], r->v[0]);
		return MC_BAD_INPUT;
	}
	id = sqlite3_column_int64(am->get, 0);
	for (size_t i = 0; i < ki->n && rc == MC_OK; i++) {
		const unsigned char *t = sqlite3_column_text(am->get, (int)i + 1);
		if (t && !(old[i] = strdup((const char *)t)))
			rc = MC_NOMEM;
	}
	sqlite3_reset(am->get);

	memset(&a, 0, sizeof a);
	a.at = mc_db_now(am->db);
	a.clerk = mc_db_clerk(am->db);
	a.reason = am->reason;
	/* Book and number name the entry: the values after them. */
	for (size_t i = 2; i < ki->n && rc == MC_OK; i++) {
		if ((!old[i] && !r->v[i]) || (old[i] && r->v[i] && strcmp(old[i], r->v[i]) == 0))
			continue;
		a.change[a.n++] = (mc_reg_change){ ki->columns[i], old[i], r->v[i] };
	}
	if (rc == MC_OK && once_each && (rc = seen_before(am, id, &seen)) == MC_OK && seen) {
		snprintf(why, n, _("number: entry %s of book %s is given twice"), r->v[1], r->v[0]);
		rc = MC_BAD_INPUT;
	}
	if (rc == MC_OK && a.n)
		rc = check_recorded(am, id, why, n);
	if (rc == MC_OK && a.n)
		rc = record(am, id, r, &a);
	if (rc == MC_OK && a.n)
		rc = reg_index_replace(&am->index, id, (const char *const *)old, r);
	if (rc == MC_OK && a.n) {
		*changed = 1;
		if (am->fn) {
			/* The entry as it now is: r's values, lent. */
			mc_entry e = { ki->kind, id, { NULL } };
			for (size_t i = 0; i < ki->n; i++)
				e.v[i] = (char *)r->v[i];
			am->fn(&e, &a, am->ud);
		}
	}
	for (size_t i = 0; i < ki->n; i++)
		free(old[i]);
	return rc;
}

/* The range's rows as they are now, into a range hash (as an import made
 * it, from each row's digest). */
static mc_status range_now(struct reg_amender *am, const struct reg_range *g,
			   mc_audit_range *range)
{
	const struct reg_kind_info *ki = am->ki;
	mc_strbuf sql = MC_STRBUF_INIT;
	sqlite3_stmt *st;
	int s;

	mc_strbuf_addf(&sql, "SELECT id, %s, clerk, entered_at FROM %s"
		       " WHERE id BETWEEN ?1 AND ?2 ORDER BY id", reg_select_list(ki->kind),
		       ki->table);
	st = sql.oom ? NULL : mc_db_prepare(am->db, sql.s);
	mc_strbuf_release(&sql);
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, g->first);
	sqlite3_bind_int64(st, 2, g->last);
	mc_audit_range_init(range);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct reg_row r;
		memset(&r, 0, sizeof r);
		for (size_t i = 0; i < ki->n; i++) {
			r.v[i] = (const char *)sqlite3_column_text(st, (int)i + 1);
			if (r.v[i] && reg_type_is_integer(ki->types[i]))
				r.num[i] = sqlite3_column_int64(st, (int)i + 1);
		}
		reg_row_digest(ki, &r, (const char *)sqlite3_column_text(st, (int)ki->n + 1),
			       sqlite3_column_int64(st, (int)ki->n + 2));
		mc_audit_range_add(range, sqlite3_column_int64(st, 0), r.digest);
	}
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? MC_OK : mc_db_sqlfail(am->db, ki->table);
}

mc_status reg_amender_close(struct reg_amender *am, int flush)
{
	mc_status rc = reg_index_close(&am->index, flush);
	/* Each range record that covers an entry amended, anew: db check
	 * reads a range's last record. */
	for (size_t i = 0; i < am->n_touched && flush && rc == MC_OK; i++) {
		mc_audit_range range;
		mc_change chg = MC_CHANGE_INIT;
		if ((rc = range_now(am, &am->touched[i], &range)) != MC_OK || !range.rows)
			break;
		mc_change_int(&chg, "rows", range.rows);
		mc_change_str(&chg, "after", "register amend");
		const char *json = mc_change_json(&chg);
		rc = json ? mc_audit_record_range(am->db, am->ki->table, &range, json) : MC_NOMEM;
		mc_change_release(&chg);
	}
	sqlite3_finalize(am->get);
	sqlite3_finalize(am->update);
	sqlite3_finalize(am->insert);
	sqlite3_finalize(am->own);
	sqlite3_finalize(am->ranges);
	free(am->reason);
	free(am->touched);
	free(am->seen);
	memset(am, 0, sizeof *am);
	return rc;
}

/* ---- one entry: register amend ---- */

struct amend_job {
	mc_reg_kind k;
	const char *book, *number, *reason;
	const char *const *vals;
	mc_reg_amend_fn fn;
	void *ud;
};

static mc_status amend_one(mc_db *db, void *ud)
{
	const struct amend_job *j = ud;
	const struct reg_kind_info *ki = reg_kind_info(j->k);
	const char *raw[MC_REG_MAX_COLUMNS] = { NULL };
	mc_entry e = MC_ENTRY_INIT;
	struct reg_amender am;
	struct reg_row r;
	char why[512];
	int changed = 0;
	mc_status rc;

	if (j->vals[0] || j->vals[1])
		return mc_db_fail(db, MC_USAGE, "register: book and number name an entry");
	if ((rc = mc_reg_get(db, j->k, j->book, j->number, &e)) != MC_OK)
		return rc;
	/* The entry as it would be, checked whole. */
	for (size_t i = 0; i < ki->n; i++)
		raw[i] = i >= 2 && j->vals[i] ? j->vals[i] : e.v[i];
	memset(&r, 0, sizeof r);
	rc = reg_row_check(ki, raw, reg_today(db), MC_FROM_OPTION, &r, why, sizeof why);
	if (rc == MC_OK)
		rc = reg_amender_open(&am, db, j->k, j->reason, j->fn, j->ud);
	else if (rc == MC_BAD_INPUT)
		mc_db_fail(db, rc, "%s", why);
	if (rc == MC_OK) {
		rc = reg_amender_put(&am, &r, 0, &changed, why, sizeof why);
		if (rc == MC_BAD_INPUT)
			mc_db_fail(db, rc, "%s", why);
		if (rc == MC_OK && !changed && j->fn) {
			mc_reg_amendment a;
			memset(&a, 0, sizeof a);
			a.at = mc_db_now(db);
			a.clerk = mc_db_clerk(db);
			a.reason = am.reason;
			j->fn(&e, &a, j->ud);
		}
		mc_status fl = reg_amender_close(&am, rc == MC_OK);
		if (rc == MC_OK)
			rc = fl;
	}
	reg_row_release(&r);
	mc_entry_release(&e);
	return rc;
}

mc_status mc_reg_amend(mc_db *db, mc_reg_kind k, const char *book, const char *number,
		       const char *const *vals, const char *reason, mc_reg_amend_fn fn,
		       void *ud)
{
	struct amend_job j = { k, book, number, reason, vals, fn, ud };
	return mc_db_atomic(db, amend_one, &j);
}

/* ---- reading them back ---- */

/* The amendment read so far, its strings owned. */
struct reading {
	mc_reg_amendment a;
	char *own[3 * MC_REG_MAX_COLUMNS + 2];
	size_t n_own;
};

static const char *keep(struct reading *rd, const unsigned char *s, int *oom)
{
	char *c;
	if (!s)
		return NULL;
	if (rd->n_own == sizeof rd->own / sizeof rd->own[0] || !(c = strdup((const char *)s))) {
		*oom = 1;
		return NULL;
	}
	rd->own[rd->n_own++] = c;
	return c;
}

static void reading_clear(struct reading *rd)
{
	for (size_t i = 0; i < rd->n_own; i++)
		free(rd->own[i]);
	memset(rd, 0, sizeof *rd);
}

mc_status mc_reg_amendments(mc_db *db, const mc_entry *e, mc_reg_amend_fn fn, void *ud)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT a.id, a.at, a.clerk, a.reason, j.key, json_extract(j.value, '$[0]'),"
		" json_extract(j.value, '$[1]')"
		" FROM register_amendments a, json_each(a.changes) j"
		" WHERE a.kind = ?1 AND a.entry_id = ?2 ORDER BY a.id, j.id");
	struct reading rd;
	int s = SQLITE_DONE, oom = 0, stop = 0;

	if (!st)
		return MC_DB;
	memset(&rd, 0, sizeof rd);
	sqlite3_bind_text(st, 1, mc_reg_kind_name(e->kind), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, e->id);
	while (!stop && !oom && (s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (rd.a.id && rd.a.id != id) {
			stop = fn(e, &rd.a, ud);
			reading_clear(&rd);
		}
		if (!rd.a.id) {
			rd.a.id = id;
			rd.a.at = sqlite3_column_int64(st, 1);
			rd.a.clerk = keep(&rd, sqlite3_column_text(st, 2), &oom);
			rd.a.reason = keep(&rd, sqlite3_column_text(st, 3), &oom);
		}
		if (rd.a.n < MC_REG_MAX_COLUMNS) {
			mc_reg_change *c = &rd.a.change[rd.a.n++];
			c->field = keep(&rd, sqlite3_column_text(st, 4), &oom);
			c->old_value = keep(&rd, sqlite3_column_text(st, 5), &oom);
			c->new_value = keep(&rd, sqlite3_column_text(st, 6), &oom);
		}
	}
	if (!stop && !oom && s == SQLITE_DONE && rd.a.id)
		fn(e, &rd.a, ud);
	reading_clear(&rd);
	sqlite3_finalize(st);
	if (oom)
		return MC_NOMEM;
	return stop || s == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "register_amendments");
}
