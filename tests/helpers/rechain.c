/* rechain — what someone with write access to the database can do: puts
 * another clerk's name on one audit record and recomputes the hash of
 * every record from it to the end, so that the chain verifies again, for
 * the tests of `motcua db check --witness`. It follows the encoding that
 * core/audit.h publishes, with SQLite and nettle directly (not the
 * library's own code), and puts back the append-only triggers it drops.
 *
 *	rechain DB RECORD CLERK
 *
 * Exit 0 when done, 1 when there is no such record, 2 on usage errors,
 * 74 when SQLite fails.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

/* A field: its type byte, its length as 8 bytes big-endian, its bytes. */
static void field(struct sha256_ctx *s, char type, const char *p, size_t n)
{
	unsigned char h[9];
	h[0] = (unsigned char)type;
	for (int i = 0; i < 8; i++)
		h[1 + i] = (unsigned char)((uint64_t)n >> (56 - 8 * i));
	sha256_update(s, sizeof h, h);
	if (n)
		sha256_update(s, n, (const uint8_t *)p);
}

static void text(struct sha256_ctx *s, const char *t)
{
	if (t)
		field(s, 't', t, strlen(t));
	else
		field(s, 'z', NULL, 0);
}

static void integer(struct sha256_ctx *s, int64_t v)
{
	char b[24];
	int n = snprintf(b, sizeof b, "%" PRId64, v);
	field(s, 'i', b, (size_t)n);
}

/* t(prev) i(id) i(at) t(clerk) t(command) t(table) t(key) t(change)
 * t(row_hash) or z(), then t(os_user) when the record has one (schema 8
 * on), as hex. */
static void record_hash(sqlite3_stmt *r, const char *prev, const char *clerk, char out[65])
{
	struct sha256_ctx s;
	unsigned char d[SHA256_DIGEST_SIZE];
	sha256_init(&s);
	text(&s, prev);
	integer(&s, sqlite3_column_int64(r, 0));
	integer(&s, sqlite3_column_int64(r, 1));
	text(&s, clerk);
	for (int c = 3; c <= 7; c++)
		text(&s, (const char *)sqlite3_column_text(r, c));
	if (sqlite3_column_type(r, 9) != SQLITE_NULL)
		text(&s, (const char *)sqlite3_column_text(r, 9));
	sha256_digest(&s, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static int fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "rechain: %s: %s\n", what, sqlite3_errmsg(db));
	sqlite3_close_v2(db);
	return 74;
}

int main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *rows, *set, *trig;
	char prev[65], hash[65], *end, triggers[2][512];
	int n = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: rechain DB RECORD CLERK\n");
		return 2;
	}
	long long first = strtoll(argv[2], &end, 10);
	if (*end || first < 1) {
		fprintf(stderr, "rechain: %s: not a record number\n", argv[2]);
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return fail(db, argv[1]);
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, "begin");
	/* The append-only triggers, to put back as they were. */
	if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger'"
			       " AND tbl_name = 'audit_log' ORDER BY name", -1, &trig, NULL) != SQLITE_OK)
		return fail(db, "triggers");
	while (n < 2 && sqlite3_step(trig) == SQLITE_ROW)
		snprintf(triggers[n++], sizeof triggers[0], "%s", sqlite3_column_text(trig, 0));
	sqlite3_finalize(trig);
	if (n != 2 || sqlite3_exec(db, "DROP TRIGGER audit_log_no_update;"
				   " DROP TRIGGER audit_log_no_delete", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, "drop triggers");

	snprintf(prev, sizeof prev, "%064d", 0);
	int with_user = sqlite3_table_column_metadata(db, "main", "audit_log", "os_user",
						      NULL, NULL, NULL, NULL, NULL) == SQLITE_OK;
	if (sqlite3_prepare_v2(db, with_user
			       ? "SELECT id, at, clerk, command, tbl, key, change, row_hash, hash, os_user"
				 " FROM audit_log WHERE id >= ?1 - 1 ORDER BY id"
			       : "SELECT id, at, clerk, command, tbl, key, change, row_hash, hash, NULL"
				 " FROM audit_log WHERE id >= ?1 - 1 ORDER BY id", -1, &rows, NULL) ||
	    sqlite3_prepare_v2(db, "UPDATE audit_log SET clerk = ?2, prev_hash = ?3, hash = ?4"
			       " WHERE id = ?1", -1, &set, NULL))
		return fail(db, "prepare");
	sqlite3_bind_int64(rows, 1, first);
	int found = 0;
	while (sqlite3_step(rows) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(rows, 0);
		if (id < first) {
			snprintf(prev, sizeof prev, "%s", sqlite3_column_text(rows, 8));
			continue;
		}
		const char *clerk = id == first ? argv[3] : (const char *)sqlite3_column_text(rows, 2);
		found |= id == first;
		record_hash(rows, prev, clerk, hash);
		sqlite3_bind_int64(set, 1, id);
		sqlite3_bind_text(set, 2, clerk, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(set, 3, prev, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(set, 4, hash, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(set) != SQLITE_DONE)
			return fail(db, "update");
		sqlite3_reset(set);
		memcpy(prev, hash, sizeof prev);
	}
	sqlite3_finalize(rows);
	sqlite3_finalize(set);
	if (!found) {
		fprintf(stderr, "rechain: no audit record %lld\n", first);
		sqlite3_close(db);
		return 1;
	}
	for (int i = 0; i < 2; i++)
		if (sqlite3_exec(db, triggers[i], NULL, NULL, NULL) != SQLITE_OK)
			return fail(db, "create trigger");
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, "commit");
	sqlite3_close(db);
	return 0;
}
