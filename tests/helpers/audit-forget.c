/* audit-forget DB TABLE: takes the records of TABLE out of the audit log
 * of DB and chains the others again, numbered from 1, as if TABLE had
 * never been audited: the log of a database made before it was (the
 * upgrade tests make an old database out of a new one, schema_undo_N in
 * tests/lib.sh). The append-only triggers are set aside while it works
 * and put back as they were; each record keeps its system account
 * (os_user, from schema 8) when the log has the column. Exit 0, or 1 with
 * a message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit-private.h"

static int fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "audit-forget: %s: %s\n", what, sqlite3_errmsg(db));
	sqlite3_close(db);
	return 1;
}

static int run(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

int main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *get = NULL, *put = NULL, *user = NULL;
	char prev[65], hash[65];
	int64_t id = 0;
	if (argc != 3) {
		fprintf(stderr, "usage: audit-forget DB TABLE\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return fail(db, argv[1]);
	if (!run(db, "BEGIN IMMEDIATE;"
		     "CREATE TEMP TABLE kept AS SELECT * FROM audit_log ORDER BY id;"
		     "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
		     "DELETE FROM audit_log; DELETE FROM sqlite_sequence WHERE name = 'audit_log'"))
		return fail(db, "audit_log");
	int with_user = sqlite3_table_column_metadata(db, "main", "audit_log", "os_user",
						      NULL, NULL, NULL, NULL, NULL) == SQLITE_OK;
	if (sqlite3_prepare_v2(db, with_user
			       ? "SELECT at, clerk, command, tbl, key, change, row_hash, os_user"
				 " FROM temp.kept WHERE tbl <> ?1 ORDER BY id"
			       : "SELECT at, clerk, command, tbl, key, change, row_hash, NULL"
				 " FROM temp.kept WHERE tbl <> ?1 ORDER BY id", -1, &get, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO main.audit_log(id, at, clerk, command, tbl, key,"
			       " change, row_hash, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
			       -1, &put, NULL) ||
	    (with_user && sqlite3_prepare_v2(db, "UPDATE main.audit_log SET os_user = ?1"
					     " WHERE id = ?2", -1, &user, NULL)))
		return fail(db, "prepare");
	sqlite3_bind_text(get, 1, argv[2], -1, SQLITE_STATIC);
	memcpy(prev, mc_audit_genesis, sizeof prev);
	while (sqlite3_step(get) == SQLITE_ROW) {
		const char *f[7];
		for (int i = 0; i < 7; i++)
			f[i] = (const char *)sqlite3_column_text(get, i + 1);
		int64_t at = sqlite3_column_int64(get, 0);
		mc_audit_record_hash(prev, ++id, at, f[0], f[1], f[2], f[3], f[4], f[5], f[6],
				     hash);
		sqlite3_bind_int64(put, 1, id);
		sqlite3_bind_int64(put, 2, at);
		for (int i = 0; i < 6; i++)
			sqlite3_bind_text(put, 3 + i, f[i], -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(put, 9, prev, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(put, 10, hash, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(put) != SQLITE_DONE)
			return fail(db, "insert");
		sqlite3_reset(put);
		if (user && f[6]) {
			sqlite3_bind_text(user, 1, f[6], -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(user, 2, id);
			if (sqlite3_step(user) != SQLITE_DONE)
				return fail(db, "os_user");
			sqlite3_reset(user);
		}
		memcpy(prev, hash, sizeof prev);
	}
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	sqlite3_finalize(user);
	if (!run(db, "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
		     " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
		     "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
		     " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
		     "COMMIT"))
		return fail(db, "commit");
	sqlite3_close(db);
	return 0;
}
