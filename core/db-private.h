/* motcua — what the modules of core/ share about the database handle. */
#ifndef MC_DB_PRIVATE_H
#define MC_DB_PRIVATE_H

#include <sqlite3.h>
#include "calendar.h"
#include "db.h"
#include "strbuf.h"

/* mc_db.offset_min before the setting is read */
#define MC_OFFSET_UNKNOWN (-100000)

/* Statements a kept connection holds prepared (mc_db_keep_statements):
 * the reads of one lookup, with room to spare. */
#define MC_DB_KEPT 16

struct mc_db {
	sqlite3 *sq;
	char *path;
	char *clerk;
	char *command;             /* "dossier update", for the audit log */
	struct mc_audit_cache *audit;  /* prepared statements, or NULL  */
	mc_time now;
	int created;
	mc_db_mode mode;           /* as opened: MC_DB_READ never writes  */
	int offset_min;            /* cached utc_offset, or MC_OFFSET_UNKNOWN */
	struct mc_kv { char *key, *value; } *settings;  /* cache, or NULL */
	size_t n_settings;
	int settings_loaded;
	int64_t data_version;      /* at mc_settings_refresh(), -1 before */
	mc_override *overrides;    /* loaded by mc_db_calendar()          */
	size_t n_overrides;
	int keep;                  /* mc_db_keep_statements() was called  */
	struct mc_kept { const char *sql; sqlite3_stmt *st; } kept[MC_DB_KEPT];
	size_t n_kept;
	char err[768];
};

/*
 * Opens the database at path (core/upgrade.c's mc_db_open() then brings
 * its schema up to date). *out always receives a handle (NULL only when
 * memory ran out) so that mc_errmsg() can tell what failed; it is closed
 * with mc_db_close() in every case. Sets foreign keys, synchronous=FULL
 * and the busy timeout (busy_ms), and WAL on a new file. MC_DB_CREATE mode
 * creates the folder (0700) and the file (0600) when missing; the other
 * modes give MC_NO_INPUT for a missing file. MC_DB_READ opens the file
 * read-only (SQLite's mode=ro), and as immutable when the file or its
 * folder cannot be written (a backup on read-only media, which has no
 * -shm or -wal and cannot get one).
 */
mc_status mc_db_connect(const char *path, mc_db_mode mode, int busy_ms, mc_db **out);
/* Closes the connection and frees the handle (NULL is fine): what other
 * modules keep on it must be released first (mc_db_close()). */
void mc_db_disconnect(mc_db *db);
/* The URI of path (its '?', '#' and '%' escaped), read-only (mode=ro,
 * and immutable=1 when the file or its folder cannot be written) or not,
 * as mc_db_connect() opens it and as ATTACH takes it: every connection
 * reads URIs. malloc'd, NULL when memory ran out. */
char *mc_db_uri(const char *path, int read_only);
/* The schema version of the file (PRAGMA user_version), 0 for a new one. */
mc_status mc_db_user_version(mc_db *db, int *version);

/* Records the detail of an error (printf-style) and returns st. */
mc_status mc_db_fail(mc_db *db, mc_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Records sqlite3_errmsg() after a failed call: MC_BUSY for a lock that
 * outlived the timeout, MC_DB otherwise. */
mc_status mc_db_sqlfail(mc_db *db, const char *what);
/* Prepares the SQL built in sql and releases it (NULL with the failure
 * recorded, MC_NOMEM when building it ran out of memory). */
sqlite3_stmt *mc_db_prepare_built(mc_db *db, mc_strbuf *sql);
/* Prepares a statement or records the failure (returns NULL). */
sqlite3_stmt *mc_db_prepare(mc_db *db, const char *sql);
/*
 * A statement for sql that mc_db_done() gives back: on a connection that
 * keeps its statements (mc_db_keep_statements), prepared once and kept,
 * found again by sql's address or text; on any other, or when the kept
 * one is in use already (a caller's caller runs it), prepared as
 * mc_db_prepare() does. sql must outlive the connection (a literal).
 */
sqlite3_stmt *mc_db_prepare_kept(mc_db *db, const char *sql);
/* The end of a statement from mc_db_prepare_kept(): a kept one is reset
 * and its bindings cleared (so that it holds no snapshot and no pointer
 * of the caller's), any other finalized. NULL is fine. */
void mc_db_done(mc_db *db, sqlite3_stmt *st);
/* Runs a statement that returns no rows (BEGIN, COMMIT) as mc_db_exec()
 * does, from a kept statement on a kept connection. */
mc_status mc_db_exec_kept(mc_db *db, const char *sql);
/* Binds a text or NULL. */
int mc_db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* A column as a malloc'd string, NULL for SQL NULL. */
char *mc_db_column_dup(sqlite3_stmt *st, int i);
/* Runs a statement that returns no rows. */
mc_status mc_db_exec(mc_db *db, const char *sql);

#endif
