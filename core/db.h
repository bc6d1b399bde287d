/* motcua — the register database: the handle, its errors, who acts and
 * when, and transactions. Opening and closing it: core/upgrade.h. */
#ifndef MC_DB_H
#define MC_DB_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "clock.h"

typedef struct mc_db mc_db;

typedef enum {
	MC_DB_READ,    /* commands that only look                      */
	MC_DB_WRITE,   /* commands that change an initialised database  */
	MC_DB_CREATE,  /* init: the file and its folder may be created  */
} mc_db_mode;

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

/* The office's UTC offset in minutes (setting utc_offset), read once
 * and again after the setting changes. */
int mc_db_offset(mc_db *db);

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

/*
 * Several reads from one snapshot: runs fn(db, ud) inside a read
 * transaction (BEGIN ... COMMIT; inside a transaction already, just fn),
 * so that they see one state of the database, and take its locks and
 * check its files once rather than at each statement. fn must not write.
 */
mc_status mc_db_snapshot(mc_db *db, mc_db_atomic_fn fn, void *ud);

/*
 * For a program whose threads each use their own connection (motcua
 * serve): SQLite stops counting its memory, a count every allocation of
 * every connection updates under one mutex. Call it before any database
 * is opened in the process.
 */
void mc_db_tune_for_threads(void);

/*
 * For a connection that runs the same few reads many times (each worker
 * of motcua serve): the statements of a lookup are prepared once, at
 * their first use, and kept until the connection closes, instead of
 * being parsed again at each request.
 */
void mc_db_keep_statements(mc_db *db);

#endif
