/* forge-audit — an attacker's tool, for the end-to-end tests of db check:
 * appends one audit record whose hashes are right, computed here from the
 * encoding that core/audit.h publishes, with sqlite3 and nettle only (not
 * with libmotcua), so that the tests also check that documentation.
 *
 *	forge-audit DB TABLE KEY CLERK COMMAND CHANGE [AT [OS_USER]]
 *	forge-audit DB --rehash
 *	forge-audit DB --rehash-rows TABLE
 *
 * The first form hashes the row of KEY in TABLE as it is now (NULL: gone)
 * and appends a record for it after the last one, chained to it. AT is
 * Unix seconds (default: the last record's time); OS_USER the system
 * account written (default "root"; "-" for none, as before schema 8, and
 * none in a database of schema 7, which has no such column).
 * The second form recomputes every record's prev_hash and hash in id
 * order (tests/lib.sh schema_undo_8 uses it after dropping os_user); it
 * needs the log's append-only triggers dropped first. The third sets the
 * row_hash of every record of TABLE whose row still exists to the hash of
 * that row as it is now (for a test that takes a column away from rows
 * that only their first record described, tests/lib.sh schema_undo_11);
 * --rehash must follow. Exit 0, 1 on an
 * SQLite error, 2 on usage errors.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

/* The content of one row of each audited table (core/audit.h): the row
 * query, several statements for a dossier and its history. */
static const char *const row_sql[][2] = {
	{ "settings", "SELECT * FROM settings WHERE key = ?1" },
	{ "procedures", "SELECT * FROM procedures WHERE code = ?1" },
	{ "holidays", "SELECT * FROM holidays WHERE date = ?1" },
	{ "dossiers", "SELECT * FROM dossiers WHERE code = ?1;"
		      "SELECT h.* FROM dossier_history h JOIN dossiers d ON d.id = h.dossier_id"
		      " WHERE d.code = ?1 ORDER BY h.id" },
	{ "births", "SELECT * FROM births WHERE id = ?1" },
	{ "marriages", "SELECT * FROM marriages WHERE id = ?1" },
	{ "deaths", "SELECT * FROM deaths WHERE id = ?1" },
	{ "extracts", "SELECT * FROM extracts WHERE serial = ?1" },
	{ "extract_events", "SELECT * FROM extract_events WHERE id = ?1" },
	{ "register_amendments", "SELECT * FROM register_amendments WHERE id = ?1" },
	{ "portal_exports", "SELECT * FROM portal_exports WHERE id = ?1" },
};

/* A field: its type byte, its length as 8 bytes big-endian, its bytes. */
static void field(struct sha256_ctx *s, char type, const void *p, size_t n)
{
	uint8_t head[9];
	head[0] = (uint8_t)type;
	for (int i = 0; i < 8; i++)
		head[1 + i] = (uint8_t)((uint64_t)n >> (8 * (7 - i)));
	sha256_update(s, sizeof head, head);
	if (n)
		sha256_update(s, n, p);
}

static void text(struct sha256_ctx *s, const char *t)
{
	if (t)
		field(s, 't', t, strlen(t));
	else
		field(s, 'z', "", 0);
}

static void integer(struct sha256_ctx *s, int64_t v)
{
	char b[32];
	field(s, 'i', b, (size_t)snprintf(b, sizeof b, "%" PRId64, v));
}

static void hex(struct sha256_ctx *s, char out[65])
{
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_digest(s, sizeof d, d);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static int fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "forge-audit: %s: %s\n", what, sqlite3_errmsg(db));
	return 1;
}

/* The row hash of key in table; *exists: its first statement found a row. */
static int row_hash(sqlite3 *db, const char *table, const char *key, int *exists,
		    char out[65])
{
	const char *sql = NULL;
	struct sha256_ctx s;
	for (size_t i = 0; i < sizeof row_sql / sizeof row_sql[0]; i++)
		if (strcmp(row_sql[i][0], table) == 0)
			sql = row_sql[i][1];
	if (!sql) {
		fprintf(stderr, "forge-audit: %s: not an audited table\n", table);
		return 2;
	}
	sha256_init(&s);
	*exists = 0;
	for (int n = 0; *sql; n++) {
		sqlite3_stmt *st;
		const char *tail;
		if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK)
			return fail(db, table);
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		field(&s, 'S', "", 0);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (n == 0)
				*exists = 1;
			field(&s, 'R', "", 0);
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const char *name = sqlite3_column_name(st, c);
				char b[40];
				int type = sqlite3_column_type(st, c);
				if (type == SQLITE_NULL)
					continue;
				field(&s, 'n', name, strlen(name));
				if (type == SQLITE_INTEGER)
					integer(&s, sqlite3_column_int64(st, c));
				else if (type == SQLITE_FLOAT)
					field(&s, 'f', b, (size_t)snprintf(b, sizeof b, "%.17g",
									sqlite3_column_double(st, c)));
				else
					field(&s, type == SQLITE_BLOB ? 'b' : 't', sqlite3_column_blob(st, c),
					      (size_t)sqlite3_column_bytes(st, c));
			}
		}
		sqlite3_finalize(st);
		sql = tail;
		while (*sql == ';' || *sql == ' ')
			sql++;
	}
	hex(&s, out);
	return 0;
}

/* A record's hash (core/audit.h), os_user NULL for a record without it. */
static void record_hash(const char *prev, int64_t id, int64_t at, const char *clerk,
			const char *command, const char *table, const char *key,
			const char *change, const char *row, const char *os_user, char out[65])
{
	struct sha256_ctx s;
	sha256_init(&s);
	text(&s, prev);
	integer(&s, id);
	integer(&s, at);
	text(&s, clerk);
	text(&s, command);
	text(&s, table);
	text(&s, key);
	text(&s, change);
	text(&s, row);
	if (os_user)
		text(&s, os_user);
	hex(&s, out);
}

static const char *col(sqlite3_stmt *st, int c)
{
	return (const char *)sqlite3_column_text(st, c);
}

static int has_os_user(sqlite3 *db)
{
	sqlite3_stmt *st;
	int found = 0;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info('audit_log')"
			       " WHERE name = 'os_user'", -1, &st, NULL) == SQLITE_OK)
		found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static int rehash(sqlite3 *db)
{
	int with_user = has_os_user(db);
	sqlite3_stmt *st, *up;
	char prev[65] = "0000000000000000000000000000000000000000000000000000000000000000";
	char h[65];
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, with_user
		? "SELECT id, at, clerk, command, tbl, key, change, row_hash, os_user FROM audit_log ORDER BY id"
		: "SELECT id, at, clerk, command, tbl, key, change, row_hash, NULL FROM audit_log ORDER BY id",
		-1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
			       -1, &up, NULL) != SQLITE_OK)
		return fail(db, "audit_log");
	while (sqlite3_step(st) == SQLITE_ROW) {
		record_hash(prev, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			    col(st, 2), col(st, 3), col(st, 4), col(st, 5), col(st, 6), col(st, 7),
			    col(st, 8), h);
		sqlite3_bind_text(up, 1, prev, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(up, 2, h, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(up, 3, sqlite3_column_int64(st, 0));
		if (sqlite3_step(up) != SQLITE_DONE)
			return fail(db, "audit_log");
		sqlite3_reset(up);
		memcpy(prev, h, sizeof prev);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(db, "commit");
}

static int rehash_rows(sqlite3 *db, const char *table)
{
	sqlite3_stmt *st, *up;
	char row[65];
	int exists, rc = 0;
	if (sqlite3_prepare_v2(db, "SELECT id, key FROM audit_log WHERE tbl = ?1"
			       " AND row_hash IS NOT NULL ORDER BY id", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "UPDATE audit_log SET row_hash = ?1 WHERE id = ?2",
			       -1, &up, NULL) != SQLITE_OK)
		return fail(db, "audit_log");
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		if ((rc = row_hash(db, table, col(st, 1), &exists, row)) != 0 || !exists)
			continue;
		sqlite3_bind_text(up, 1, row, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(up, 2, sqlite3_column_int64(st, 0));
		if (sqlite3_step(up) != SQLITE_DONE)
			rc = fail(db, "audit_log");
		sqlite3_reset(up);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	return rc;
}

static int append(sqlite3 *db, char **argv, int argc)
{
	const char *table = argv[2], *key = argv[3], *clerk = argv[4], *command = argv[5];
	const char *change = argv[6], *os_user = argc > 8 ? argv[8] : "root";
	char prev[65] = "0000000000000000000000000000000000000000000000000000000000000000";
	char row[65], h[65];
	int64_t id = 0, at = 0;
	int exists, rc;
	sqlite3_stmt *st;
	int with_user = has_os_user(db);
	if (strcmp(os_user, "-") == 0 || !with_user)
		os_user = NULL;
	if ((rc = row_hash(db, table, key, &exists, row)) != 0)
		return rc;
	if (sqlite3_prepare_v2(db, "SELECT id, at, hash FROM audit_log ORDER BY id DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(db, "audit_log");
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		at = sqlite3_column_int64(st, 1);
		snprintf(prev, sizeof prev, "%s", col(st, 2));
	}
	sqlite3_finalize(st);
	if (argc > 7) {
		char *end;
		at = strtoll(argv[7], &end, 10);
		if (*end || end == argv[7]) {
			fprintf(stderr, "forge-audit: AT: \"%s\" is not Unix seconds\n", argv[7]);
			return 2;
		}
	}
	id++;
	record_hash(prev, id, at, clerk, command, table, key, change, exists ? row : NULL,
		    os_user, h);
	if (sqlite3_prepare_v2(db, with_user
			? "INSERT INTO audit_log(id, at, clerk, command, tbl, key, change, row_hash,"
			  " prev_hash, hash, os_user) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
			: "INSERT INTO audit_log(id, at, clerk, command, tbl, key, change, row_hash,"
			  " prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL) != SQLITE_OK)
		return fail(db, "audit_log");
	const char *v[] = { clerk, command, table, key, change, exists ? row : NULL, prev, h,
			    os_user };
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	for (int i = 0; i < 8 + with_user; i++)
		sqlite3_bind_text(st, 3 + i, v[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : fail(db, "audit_log");
	sqlite3_finalize(st);
	if (!rc)
		printf("%" PRId64 "\n", id);
	return rc;
}

int main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	int rc;
	int re = argc == 3 && strcmp(argv[2], "--rehash") == 0;
	int rows = argc == 4 && strcmp(argv[2], "--rehash-rows") == 0;
	if (!re && !rows && (argc < 7 || argc > 9)) {
		fprintf(stderr, "usage: forge-audit DB TABLE KEY CLERK COMMAND CHANGE [AT [OS_USER]]\n"
				"       forge-audit DB --rehash\n"
				"       forge-audit DB --rehash-rows TABLE\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = fail(db, argv[1]);
		sqlite3_close(db);
		return rc;
	}
	sqlite3_busy_timeout(db, 5000);
	rc = re ? rehash(db) : rows ? rehash_rows(db, argv[3]) : append(db, argv, argc);
	sqlite3_close(db);
	return rc;
}
