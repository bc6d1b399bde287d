/* motcua — the register database: opening, schema, transactions, settings. */
#ifndef MC_DB_H
#define MC_DB_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "clock.h"
#include "calendar.h"

typedef struct mc_db mc_db;

typedef enum {
	MC_DB_READ,    /* commands that only look                      */
	MC_DB_WRITE,   /* commands that change an initialised database  */
	MC_DB_CREATE,  /* init: the file and its folder may be created  */
} mc_db_mode;

/*
 * Opens the database at path. *out always receives a handle (NULL only when
 * memory ran out) so that mc_errmsg() can tell what failed; the caller
 * closes it with mc_db_close() in every case. Sets WAL, foreign keys and
 * the busy timeout (busy_ms), and upgrades an older schema inside one
 * transaction. MC_CREATE mode creates the folder (0700) and the file (0600)
 * when missing; the other modes give MC_NO_INPUT for a missing file.
 */
mc_status mc_db_open(const char *path, mc_db_mode mode, int busy_ms, mc_db **out);
void mc_db_close(mc_db *db);

/* Did mc_db_open() create the file (MC_DB_CREATE on a new path)? */
int mc_db_created(const mc_db *db);

/* The detail of the last error on this handle ("" when none). */
const char *mc_errmsg(const mc_db *db);

/* Who acts and when: recorded on every change. The clerk string is copied. */
mc_status mc_db_set_clerk(mc_db *db, const char *clerk);
const char *mc_db_clerk(const mc_db *db);
/* The command that acts ("dossier update"), recorded in the audit log
 * (core/audit.h). Copied. */
mc_status mc_db_set_command(mc_db *db, const char *command);
void mc_db_set_now(mc_db *db, mc_time now);
mc_time mc_db_now(const mc_db *db);

/* Is the database initialised (unit_id set)? */
int mc_db_initialised(mc_db *db);

/* The schema version this program writes (PRAGMA user_version). */
int mc_db_schema_version(void);

/*
 * One command, one transaction: mc_db_begin() takes the write lock at once
 * (BEGIN IMMEDIATE, waiting up to the busy timeout, then MC_BUSY);
 * mc_db_commit() or mc_db_rollback() ends it.
 */
mc_status mc_db_begin(mc_db *db);
mc_status mc_db_commit(mc_db *db);
void mc_db_rollback(mc_db *db);

/*
 * The one way to make an operation atomic: runs fn(db, ud) and keeps
 * what it wrote only when it returns MC_OK; otherwise every change it
 * made is undone and its status returned. Nests: inside another
 * mc_db_atomic (or an open transaction) it is a savepoint, and only the
 * outermost call commits. Core operations that write wrap themselves in
 * it; cmd/ wraps an operation together with the output that must stand
 * or fall with it (a slip written before the receipt commits).
 */
typedef mc_status (*mc_db_atomic_fn)(mc_db *db, void *ud);
mc_status mc_db_atomic(mc_db *db, mc_db_atomic_fn fn, void *ud);

/* ---- settings ---- */

/* The keys that exist, in display order, with their defaults (NULL when
 * unset by default). */
typedef struct {
	const char *key;
	const char *def;
} mc_setting_info;
const mc_setting_info *mc_settings_known(size_t *n);

/* *value is malloc'd (free()), or NULL with MC_NOT_FOUND when the key is
 * unset and has no default. Unknown keys are MC_BAD_INPUT. */
mc_status mc_setting_get(mc_db *db, const char *key, char **value);
/* Validates value for the key (MC_BAD_INPUT with the reason in mc_errmsg). */
mc_status mc_setting_set(mc_db *db, const char *key, const char *value);

/* The office's UTC offset in minutes (setting utc_offset). */
int mc_db_offset(mc_db *db);

/*
 * The working calendar from the settings and the office's overrides. The
 * arrays it points to belong to the handle and live until it is closed or
 * the calendar is loaded again.
 */
mc_status mc_db_calendar(mc_db *db, mc_calendar *cal);

#endif
