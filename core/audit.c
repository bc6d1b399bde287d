/* motcua — the audit log: one record per change, chained by SHA-256. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <sodium.h>

#include "audit-private.h"
#include "i18n.h"

/*
 * The audited tables. A dossier's content is its row and its history, so
 * that history rewritten behind the program's back is found too.
 * New tables: one line here (see core/audit.h).
 */
const struct mc_audited mc_audited[] = {
	{ "settings", "SELECT key FROM settings",
	  "SELECT * FROM settings WHERE key = ?1", NULL },
	{ "procedures", "SELECT code FROM procedures",
	  "SELECT * FROM procedures WHERE code = ?1", NULL },
	{ "holidays", "SELECT date FROM holidays",
	  "SELECT * FROM holidays WHERE date = ?1", NULL },
	{ "dossiers", "SELECT code FROM dossiers",
	  "SELECT * FROM dossiers WHERE code = ?1;"
	  "SELECT h.* FROM dossier_history h JOIN dossiers d ON d.id = h.dossier_id"
	  " WHERE d.code = ?1 ORDER BY h.id", NULL },
	/* Register entries by their id: the record's change holds their book
	 * and number. */
	{ "births", "SELECT id FROM births", "SELECT * FROM births WHERE id = ?1",
	  "SELECT * FROM births WHERE id BETWEEN ?1 AND ?2 ORDER BY id" },
	{ "marriages", "SELECT id FROM marriages", "SELECT * FROM marriages WHERE id = ?1",
	  "SELECT * FROM marriages WHERE id BETWEEN ?1 AND ?2 ORDER BY id" },
	{ "deaths", "SELECT id FROM deaths", "SELECT * FROM deaths WHERE id = ?1",
	  "SELECT * FROM deaths WHERE id BETWEEN ?1 AND ?2 ORDER BY id" },
	{ "extracts", "SELECT serial FROM extracts", "SELECT * FROM extracts WHERE serial = ?1",
	  NULL },
	{ "extract_events", "SELECT id FROM extract_events",
	  "SELECT * FROM extract_events WHERE id = ?1", NULL },
	{ "register_amendments", "SELECT id FROM register_amendments",
	  "SELECT * FROM register_amendments WHERE id = ?1", NULL },
	{ "portal_exports", "SELECT id FROM portal_exports",
	  "SELECT * FROM portal_exports WHERE id = ?1", NULL },
	/* The outbox: a phone changed or a message marked sent behind the
	 * program's back is found. */
	{ "notifications", "SELECT id FROM notifications",
	  "SELECT * FROM notifications WHERE id = ?1", NULL },
	{ "data_exports", "SELECT id FROM data_exports",
	  "SELECT * FROM data_exports WHERE id = ?1", NULL },
	/* The Zalo inbox (core/inbox.c): a message slipped in behind the
	 * program's back would give a dossier a stranger's Zalo id. */
	{ "inbox", "SELECT id FROM inbox", "SELECT * FROM inbox WHERE id = ?1", NULL },
};

const size_t mc_n_audited = sizeof mc_audited / sizeof mc_audited[0];

const char mc_audit_genesis[65] =
	"0000000000000000000000000000000000000000000000000000000000000000";

#define MAX_STMTS 4

/* Statements prepared once per handle: a large import records a row at a
 * time. */
struct mc_audit_cache {
	sqlite3_stmt *rows[sizeof mc_audited / sizeof mc_audited[0]][MAX_STMTS];
	int n_rows[sizeof mc_audited / sizeof mc_audited[0]];
	sqlite3_stmt *head, *insert;
	char *os_user;          /* the account running the program */
	int64_t head_at;        /* the time of the last record (read_head) */
};

void mc_audit_forget(mc_db *db)
{
	struct mc_audit_cache *c = db->audit;
	if (!c)
		return;
	for (size_t t = 0; t < mc_n_audited; t++)
		for (int i = 0; i < c->n_rows[t]; i++)
			sqlite3_finalize(c->rows[t][i]);
	sqlite3_finalize(c->head);
	sqlite3_finalize(c->insert);
	free(c->os_user);
	free(c);
	db->audit = NULL;
}

static struct mc_audit_cache *cache(mc_db *db)
{
	if (!db->audit) {
		db->audit = calloc(1, sizeof *db->audit);
	}
	return db->audit;
}

static sqlite3_stmt *prepare_kept(mc_db *db, const char *sql, const char **tail)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db->sq, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, tail) != SQLITE_OK) {
		mc_db_sqlfail(db, "audit");
		return NULL;
	}
	return st;
}

/* The statements that read one row of table t. */
static mc_status row_statements(mc_db *db, size_t t, struct mc_audit_cache **out)
{
	struct mc_audit_cache *c = cache(db);
	if (!c)
		return MC_NOMEM;
	*out = c;
	if (c->n_rows[t])
		return MC_OK;
	const char *sql = mc_audited[t].rows;
	while (*sql && c->n_rows[t] < MAX_STMTS) {
		const char *tail = NULL;
		sqlite3_stmt *st = prepare_kept(db, sql, &tail);
		if (!st)
			return MC_DB;
		c->rows[t][c->n_rows[t]++] = st;
		sql = tail;
		while (*sql == ' ' || *sql == ';')
			sql++;
	}
	return MC_OK;
}

/* ---- hashing ---- */

/* A typed, length-prefixed field: no two contents encode alike. Short
 * fields go to the hash in one call with their header (the bytes hashed
 * are the same; a million rows make many millions of fields). */
static void put_field(struct sha256_ctx *s, char type, const void *p, size_t n)
{
	unsigned char b[9 + 247];
	b[0] = (unsigned char)type;
	for (int i = 0; i < 8; i++)
		b[1 + i] = (unsigned char)((uint64_t)n >> (56 - 8 * i));
	if (n <= sizeof b - 9) {
		if (n)
			memcpy(b + 9, p, n);
		sha256_update(s, 9 + n, b);
		return;
	}
	sha256_update(s, 9, b);
	sha256_update(s, n, p);
}

static void put_text(struct sha256_ctx *s, const char *t)
{
	if (t)
		put_field(s, 't', t, strlen(t));
	else
		put_field(s, 'z', NULL, 0);
}

static void put_int(struct sha256_ctx *s, int64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%" PRId64, v);
	put_field(s, 'i', buf, (size_t)n);
}

static void final_hex(struct sha256_ctx *s, char out[65])
{
	unsigned char h[SHA256_DIGEST_SIZE];
	sha256_digest(s, sizeof h, h);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* One column of the row: into the hash, and into the JSON when asked. */
static void put_column(struct sha256_ctx *s, sqlite3_stmt *st, int c, mc_change *json)
{
	const char *name = sqlite3_column_name(st, c);
	char buf[40];
	put_field(s, 'n', name, strlen(name));
	switch (sqlite3_column_type(st, c)) {
	case SQLITE_INTEGER:
		put_int(s, sqlite3_column_int64(st, c));
		if (json)
			mc_change_int(json, name, sqlite3_column_int64(st, c));
		break;
	case SQLITE_FLOAT:
		snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(st, c));
		put_field(s, 'f', buf, strlen(buf));
		if (json)
			mc_change_str(json, name, buf);
		break;
	case SQLITE_BLOB: {
		const void *p = sqlite3_column_blob(st, c);
		put_field(s, 'b', p, (size_t)sqlite3_column_bytes(st, c));
		if (json)
			mc_change_str(json, name, "(blob)");
		break;
	}
	default: {
		const unsigned char *t = sqlite3_column_text(st, c);
		put_field(s, 't', t, (size_t)sqlite3_column_bytes(st, c));
		if (json)
			mc_change_str(json, name, (const char *)t);
	}
	}
}

mc_status mc_audit_row_hash(mc_db *db, size_t t, const char *key, int *exists,
			    char hex[65], mc_change *json)
{
	struct mc_audit_cache *c;
	struct sha256_ctx s;
	mc_status rc = row_statements(db, t, &c);
	if (rc != MC_OK)
		return rc;
	sha256_init(&s);
	*exists = 0;
	for (int i = 0; i < c->n_rows[t]; i++) {
		sqlite3_stmt *st = c->rows[t][i];
		int r;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		put_field(&s, 'S', NULL, 0);
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			mc_change *j = i == 0 && !*exists ? json : NULL;
			if (i == 0)
				*exists = 1;
			put_field(&s, 'R', NULL, 0);
			for (int col = 0; col < sqlite3_column_count(st); col++)
				if (sqlite3_column_type(st, col) != SQLITE_NULL)
					put_column(&s, st, col, j);
		}
		sqlite3_reset(st);
		if (r != SQLITE_DONE)
			return mc_db_sqlfail(db, mc_audited[t].table);
	}
	final_hex(&s, hex);
	return MC_OK;
}

int mc_audit_range_key(const char *key, int64_t *first, int64_t *last)
{
	long long a, b;
	int used = 0;
	size_t n = strlen(MC_AUDIT_RANGE);
	if (!key || strncmp(key, MC_AUDIT_RANGE, n) != 0 ||
	    sscanf(key + n, "%lld-%lld%n", &a, &b, &used) != 2 || key[n + (size_t)used] ||
	    a > b)
		return 0;
	*first = a;
	*last = b;
	return 1;
}

/* ---- range records ---- */

void mc_audit_digest_init(mc_audit_digest *d)
{
	sha256_init(&d->s);
}

void mc_audit_digest_text(mc_audit_digest *d, const char *name, const char *v)
{
	if (!v)
		return;
	put_field(&d->s, 'n', name, strlen(name));
	put_field(&d->s, 't', v, strlen(v));
}

void mc_audit_digest_int(mc_audit_digest *d, const char *name, int64_t v)
{
	put_field(&d->s, 'n', name, strlen(name));
	put_int(&d->s, v);
}

void mc_audit_digest_final(mc_audit_digest *d, unsigned char out[32])
{
	sha256_digest(&d->s, SHA256_DIGEST_SIZE, out);
}

void mc_audit_range_init(mc_audit_range *r)
{
	sha256_init(&r->s);
	put_field(&r->s, 'S', NULL, 0);
	r->first = r->last = 0;
	r->rows = 0;
}

void mc_audit_range_add(mc_audit_range *r, int64_t id, const unsigned char digest[32])
{
	if (!r->rows++)
		r->first = id;
	r->last = id;
	put_int(&r->s, id);
	put_field(&r->s, 'h', digest, SHA256_DIGEST_SIZE);
}

mc_status mc_audit_range_hash(mc_db *db, size_t t, int64_t first, int64_t last,
			      char hex[65])
{
	mc_audit_range range;
	sqlite3_stmt *st = mc_audited[t].range ? mc_db_prepare(db, mc_audited[t].range) : NULL;
	int r;
	if (!st)
		return mc_audited[t].range ? MC_DB : MC_USAGE;
	sqlite3_bind_int64(st, 1, first);
	sqlite3_bind_int64(st, 2, last);
	mc_audit_range_init(&range);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		mc_audit_digest d;
		unsigned char digest[SHA256_DIGEST_SIZE];
		mc_audit_digest_init(&d);
		/* Column 0 is the id, which the range hash takes itself. */
		for (int col = 1; col < sqlite3_column_count(st); col++)
			if (sqlite3_column_type(st, col) != SQLITE_NULL)
				put_column(&d.s, st, col, NULL);
		mc_audit_digest_final(&d, digest);
		mc_audit_range_add(&range, sqlite3_column_int64(st, 0), digest);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return mc_db_sqlfail(db, mc_audited[t].table);
	final_hex(&range.s, hex);
	return MC_OK;
}

void mc_audit_record_hash(const char *prev, int64_t id, int64_t at,
			  const char *clerk, const char *command, const char *table,
			  const char *key, const char *change, const char *row_hash,
			  const char *os_user, char out[65])
{
	struct sha256_ctx s;
	sha256_init(&s);
	put_text(&s, prev);
	put_int(&s, id);
	put_int(&s, at);
	put_text(&s, clerk);
	put_text(&s, command);
	put_text(&s, table);
	put_text(&s, key);
	put_text(&s, change);
	put_text(&s, row_hash);
	/* Records from before schema 8 have none, and keep their hashes. */
	if (os_user)
		put_text(&s, os_user);
	final_hex(&s, out);
}

/* ---- recording ---- */

static int find_table(const char *table)
{
	for (size_t t = 0; t < mc_n_audited; t++)
		if (strcmp(mc_audited[t].table, table) == 0)
			return (int)t;
	return -1;
}

/* The operating-system account that runs the program (its effective
 * uid's name, or the uid as text when it has none): who really made a
 * change, whatever clerk's name was typed. Looked up once per handle. */
static const char *os_user(struct mc_audit_cache *c)
{
	if (!c->os_user) {
		uid_t uid = geteuid();
		struct passwd pw, *found = NULL;
		char buf[1024], num[24];
		const char *name = num;
		snprintf(num, sizeof num, "%lu", (unsigned long)uid);
		if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) == 0 && found &&
		    found->pw_name && *found->pw_name)
			name = found->pw_name;
		c->os_user = strdup(name);
	}
	return c->os_user;
}

/* The last record's id and hash (0 and the genesis hash when empty). */
static mc_status read_head(mc_db *db, struct mc_audit_cache *c, int64_t *id, char hash[65])
{
	if (!c->head && !(c->head = prepare_kept(db,
			"SELECT id, hash, at FROM audit_log ORDER BY id DESC LIMIT 1", NULL)))
		return MC_DB;
	int r = sqlite3_step(c->head);
	*id = 0;
	c->head_at = 0;
	memcpy(hash, mc_audit_genesis, 65);
	if (r == SQLITE_ROW) {
		*id = sqlite3_column_int64(c->head, 0);
		snprintf(hash, 65, "%s", (const char *)sqlite3_column_text(c->head, 1));
		c->head_at = sqlite3_column_int64(c->head, 2);
	}
	sqlite3_reset(c->head);
	return r == SQLITE_ROW || r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "audit_log");
}

int mc_audit_training(mc_db *db)
{
	/* The mark of core/settings.c (mc_db_training), read here directly:
	 * the settings write through the audit log, not the other way. */
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT 1 FROM settings WHERE key = 'training' AND value = 'yes'");
	int yes = st && sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

static mc_status insert_record(mc_db *db, struct mc_audit_cache *c, int64_t id,
			       const char *table, const char *key, const char *change,
			       const char *row_hash, const char *prev)
{
	char hash[65];
	const char *clerk = mc_db_clerk(db), *command = db->command ? db->command : "";
	const char *who = os_user(c);
	if (!who)
		return MC_NOMEM;
	/* Times only grow along the log (the replay holds a real register to
	 * it): a machine's clock set back dates a record at the last one's
	 * time. A training copy keeps the times MOTCUA_NOW gives. */
	int64_t at = db->now;
	if (at < c->head_at && !mc_audit_training(db))
		at = c->head_at;
	mc_audit_record_hash(prev, id, at, clerk, command, table, key, change,
			     row_hash, who, hash);
	if (!c->insert && !(c->insert = prepare_kept(db,
			"INSERT INTO audit_log(id, at, clerk, command, tbl, key, change,"
			" row_hash, prev_hash, hash, os_user) VALUES (?,?,?,?,?,?,?,?,?,?,?)", NULL)))
		return MC_DB;
	sqlite3_stmt *st = c->insert;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_text(st, 3, clerk, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, command, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, change, -1, SQLITE_STATIC);
	mc_db_bind_text(st, 8, row_hash);
	sqlite3_bind_text(st, 9, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, who, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "audit_log");
}

mc_status mc_audit_record(mc_db *db, const char *table, const char *key,
			  const char *change_json)
{
	int t = find_table(table), exists;
	char row_hash[65], prev[65];
	int64_t last;
	mc_change auto_change = MC_CHANGE_INIT;
	struct mc_audit_cache *c;

	if (t < 0)
		return mc_db_fail(db, MC_USAGE, "audit: %s is not an audited table", table);
	if (sqlite3_get_autocommit(db->sq))
		return mc_db_fail(db, MC_USAGE, "audit: %s %s changed outside a transaction",
				  table, key);
	mc_status rc = mc_audit_row_hash(db, (size_t)t, key, &exists, row_hash,
					 change_json ? NULL : &auto_change);
	if (rc == MC_OK && !(c = cache(db)))
		rc = MC_NOMEM;
	if (rc == MC_OK)
		rc = read_head(db, c, &last, prev);
	if (rc == MC_OK && !change_json &&
	    !(change_json = exists ? mc_change_json(&auto_change) : "null"))
		rc = MC_NOMEM;
	if (rc == MC_OK)
		rc = insert_record(db, c, last + 1, table, key, change_json,
				   exists ? row_hash : NULL, prev);
	mc_change_release(&auto_change);
	return rc;
}

mc_status mc_audit_note(mc_db *db, const char *what, const char *key, const char *change_json)
{
	char prev[65];
	int64_t last;
	struct mc_audit_cache *c;
	if (find_table(what) >= 0)
		return mc_db_fail(db, MC_USAGE, "audit: %s is an audited table", what);
	if (sqlite3_get_autocommit(db->sq))
		return mc_db_fail(db, MC_USAGE, "audit: %s %s outside a transaction", what, key);
	if (!(c = cache(db)))
		return MC_NOMEM;
	mc_status rc = read_head(db, c, &last, prev);
	return rc == MC_OK ? insert_record(db, c, last + 1, what, key, change_json, NULL, prev) : rc;
}

mc_status mc_audit_record_range(mc_db *db, const char *table, mc_audit_range *r,
				const char *change_json)
{
	int t = find_table(table);
	char key[64], row_hash[65], prev[65];
	int64_t head;
	struct mc_audit_cache *c;
	mc_status rc = MC_OK;

	if (t < 0 || !mc_audited[t].range || r->rows == 0)
		return mc_db_fail(db, MC_USAGE, "audit: no range record for %s", table);
	if (sqlite3_get_autocommit(db->sq))
		return mc_db_fail(db, MC_USAGE, "audit: %s changed outside a transaction", table);
	snprintf(key, sizeof key, MC_AUDIT_RANGE "%lld-%lld", (long long)r->first,
		 (long long)r->last);
	final_hex(&r->s, row_hash);
	if (!(c = cache(db)))
		rc = MC_NOMEM;
	if (rc == MC_OK)
		rc = read_head(db, c, &head, prev);
	if (rc == MC_OK)
		rc = insert_record(db, c, head + 1, table, key, change_json, row_hash, prev);
	return rc;
}

mc_status mc_audit_adopt(mc_db *db, const char *table)
{
	char *saved = db->command;
	db->command = NULL;
	mc_status rc = mc_db_set_command(db, "schema upgrade");
	for (size_t t = 0; t < mc_n_audited && rc == MC_OK; t++) {
		if (table && strcmp(table, mc_audited[t].table) != 0)
			continue;
		sqlite3_stmt *keys = mc_db_prepare(db, mc_audited[t].keys);
		sqlite3_stmt *seen = mc_db_prepare(db,
			"SELECT 1 FROM audit_log WHERE tbl = ?1 AND key = ?2");
		int r = SQLITE_DONE;
		if (!keys || !seen)
			rc = MC_DB;
		while (rc == MC_OK && (r = sqlite3_step(keys)) == SQLITE_ROW) {
			const char *key = (const char *)sqlite3_column_text(keys, 0);
			sqlite3_bind_text(seen, 1, mc_audited[t].table, -1, SQLITE_STATIC);
			sqlite3_bind_text(seen, 2, key, -1, SQLITE_STATIC);
			int known = sqlite3_step(seen) == SQLITE_ROW;
			sqlite3_reset(seen);
			if (!known)
				rc = mc_audit_record(db, mc_audited[t].table, key, NULL);
		}
		if (rc == MC_OK && r != SQLITE_DONE)
			rc = mc_db_sqlfail(db, mc_audited[t].table);
		sqlite3_finalize(keys);
		sqlite3_finalize(seen);
	}
	free(db->command);
	db->command = saved;
	return rc;
}

mc_status mc_audit_head(mc_db *db, int64_t *id, char hash[65])
{
	struct mc_audit_cache *c = cache(db);
	return c ? read_head(db, c, id, hash) : MC_NOMEM;
}

/* ---- reading ---- */

mc_status mc_audit_each(mc_db *db, const char *table, const char *key,
			mc_audit_fn fn, void *ud)
{
	mc_strbuf sql = MC_STRBUF_INIT;
	mc_strbuf_addf(&sql, "SELECT id, at, clerk, command, tbl, key, change,"
		       " json_valid(change), row_hash, hash, os_user FROM audit_log WHERE 1");
	if (table)
		mc_strbuf_addf(&sql, " AND tbl = ?1");
	if (key)
		mc_strbuf_addf(&sql, " AND key = ?2");
	mc_strbuf_addf(&sql, " ORDER BY id");
	sqlite3_stmt *st = mc_db_prepare_built(db, &sql);
	if (!st)
		return MC_DB;
	mc_db_bind_text(st, 1, table);
	mc_db_bind_text(st, 2, key);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		mc_audit_entry e = {
			.id = sqlite3_column_int64(st, 0),
			.at = sqlite3_column_int64(st, 1),
			.clerk = (const char *)sqlite3_column_text(st, 2),
			.command = (const char *)sqlite3_column_text(st, 3),
			.table = (const char *)sqlite3_column_text(st, 4),
			.key = (const char *)sqlite3_column_text(st, 5),
			.change = (const char *)sqlite3_column_text(st, 6),
			.change_is_json = sqlite3_column_int(st, 7),
			.row_hash = (const char *)sqlite3_column_text(st, 8),
			.hash = (const char *)sqlite3_column_text(st, 9),
			.os_user = (const char *)sqlite3_column_text(st, 10),
		};
		if (!e.clerk || !e.command || !e.table || !e.key || !e.change || !e.hash) {
			r = SQLITE_NOMEM;
			break;
		}
		if (fn(&e, ud))
			break;
	}
	mc_status rc = r == SQLITE_ROW || r == SQLITE_DONE ? MC_OK :
		       r == SQLITE_NOMEM ? MC_NOMEM : mc_db_sqlfail(db, "audit_log");
	sqlite3_finalize(st);
	return rc;
}

/* ---- the change builder ---- */

static void change_key(mc_change *c, const char *key)
{
	if (c->b.len)
		c->b.s[--c->b.len] = '\0';      /* the closing brace */
	else
		mc_strbuf_addf(&c->b, "{");
	if (c->b.len > 1)
		mc_strbuf_addf(&c->b, ",");
	mc_strbuf_add_json(&c->b, key);
	mc_strbuf_addf(&c->b, ":");
}

void mc_change_str(mc_change *c, const char *key, const char *value)
{
	change_key(c, key);
	mc_strbuf_add_json(&c->b, value);
	mc_strbuf_addf(&c->b, "}");
}

void mc_change_int(mc_change *c, const char *key, int64_t value)
{
	change_key(c, key);
	mc_strbuf_addf(&c->b, "%" PRId64 "}", value);
}

const char *mc_change_json(mc_change *c)
{
	if (!c->b.len)
		mc_strbuf_addf(&c->b, "{}");
	return c->b.oom ? NULL : c->b.s;
}

void mc_change_release(mc_change *c)
{
	mc_strbuf_release(&c->b);
}
