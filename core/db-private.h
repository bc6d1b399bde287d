/* motcua — what the modules of core/ share about the database handle. */
#ifndef MC_DB_PRIVATE_H
#define MC_DB_PRIVATE_H

#include <sqlite3.h>
#include "db.h"
#include "strbuf.h"

/* mc_db.offset_min before the setting is read */
#define MC_OFFSET_UNKNOWN (-100000)

struct mc_db {
	sqlite3 *sq;
	char *path;
	char *clerk;
	char *command;             /* "dossier update", for the audit log */
	struct mc_audit_cache *audit;  /* prepared statements, or NULL  */
	mc_time now;
	int created;
	int offset_min;            /* cached utc_offset, or INT32_MIN     */
	struct mc_kv { char *key, *value; } *settings;  /* cache, or NULL */
	size_t n_settings;
	int settings_loaded;
	mc_override *overrides;    /* loaded by mc_db_calendar()          */
	size_t n_overrides;
	char err[768];
};

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
/* Binds a text or NULL. */
int mc_db_bind_text(sqlite3_stmt *st, int i, const char *s);
/* A column as a malloc'd string, NULL for SQL NULL. */
char *mc_db_column_dup(sqlite3_stmt *st, int i);
/* Drops the settings cache (after a change, and on close). */
void mc_settings_forget(mc_db *db);
/* Finalises the audit log's prepared statements (on close). */
void mc_audit_forget(mc_db *db);
/* Runs a statement that returns no rows. */
mc_status mc_db_exec(mc_db *db, const char *sql);

#endif
