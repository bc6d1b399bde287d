/* motcua — the audit log: every change, chained by hash, and the checks
 * and backups that rely on it. */
#ifndef MC_AUDIT_H
#define MC_AUDIT_H

#include <stdint.h>
#include "db.h"
#include "strbuf.h"

/*
 * HOW A MODULE AUDITS ITS CHANGES (for every table of the register)
 *
 *   1. Write the row inside the command's transaction (after mc_db_begin()).
 *   2. Right after, in the same transaction, call
 *          mc_audit_record(db, "TABLE", KEY, change_json);
 *      once per row written (created, updated or deleted).
 *   3. Once per table, add one line to the table `audited[]` of
 *      core/audit.c: the table's name, an SQL query listing every live
 *      key, and an SQL query reading the row of one key (?1), e.g.
 *          { "birth_entries", "SELECT book || '/' || number FROM birth_entries",
 *            "SELECT * FROM birth_entries WHERE book || '/' || number = ?1" },
 *      The row query may be several statements separated by ';' (all bound
 *      to ?1), when a row's content spans tables (a dossier and its history).
 *   4. Say what the command records in the table `rules[]` of
 *      core/audit-replay.c (its name, the table, whether it writes new or
 *      existing rows, the keys of its change): db check reports a record
 *      that no rule allows as an impossible change.
 *
 * Each record holds the time (mc_db_now), the clerk (mc_db_clerk), the
 * operating-system account running the program (its effective uid's
 * name, or the uid as decimal text when the account has no name; the
 * clerk is only what was typed), the
 * command (mc_db_set_command, set by cmd/main.c from the command table),
 * the table and key, the change, and the SHA-256 of the row's content
 * after the change (NULL when the row no longer exists). Records are
 * chained: hash = SHA-256(previous hash || the record's content), so
 * `motcua db check` (mc_db_check) finds a record altered, removed or
 * forged, and a row altered, removed or inserted behind the program's back.
 *
 * The row's content is hashed column by column, by name, leaving out
 * NULLs: a later migration may add a column that is NULL by default
 * without changing the hash of the rows already audited.
 *
 * The encoding, for anyone who verifies a log with other tools: every
 * field is a type byte, its length as 8 bytes big-endian, and its bytes;
 * types 't' text, 'i' integer (as decimal text), 'f' real ("%.17g"),
 * 'b' blob, 'z' NULL, 'n' a column name, 'S' and 'R' (empty) a statement
 * and a row. A record's hash is the hex SHA-256 of
 *   t(prev_hash) i(id) i(at) t(clerk) t(command) t(table) t(key)
 *   t(change) t(row_hash) -- z() when row_hash is NULL -- t(os_user)
 * with prev_hash the previous record's hash (64 zeros for the first) and
 * t(os_user) only when os_user is not NULL: records written before schema
 * 8 have none and keep the hash they were given (from schema 8 on the
 * program always writes it, and db check reports a record without it
 * after one with it); a
 * row's hash is the hex SHA-256 of, for each statement of its query, S
 * then for each row R and for each non-NULL column n(name) and its value.
 * A range record (key "#range:FIRST-LAST", written by a register import
 * for all the rows it added) has for row hash the hex SHA-256 of S, then
 * for each row of the range in id order i(id) and h(digest), where digest
 * is the 32-byte SHA-256 of that row's non-NULL columns other than id,
 * each as n(name) and its value, and 'h' is the type of a digest.
 */

/*
 * Appends an audit record for the row of table with key. Must be called
 * inside a write transaction (else MC_USAGE), after the row was written:
 * it reads the row back to hash it. change_json is a compact JSON value
 * saying what changed (build it with mc_change below); NULL records the
 * row's current columns as a JSON object ("null" when the row is gone).
 * MC_USAGE for a table that is not in the audited list.
 */
mc_status mc_audit_record(mc_db *db, const char *table, const char *key,
			  const char *change_json);

/*
 * Appends an audit record of an act that writes no audited row (the
 * search indexes rebuilt from their sources): what names it (not an
 * audited table, else MC_USAGE), its row hash is NULL, and db check only
 * chains it. Inside a write transaction, like mc_audit_record().
 */
mc_status mc_audit_note(mc_db *db, const char *what, const char *key, const char *change_json);

/* A change as a JSON object: {"status":"done","due_at":1777428000}. */
typedef struct {
	mc_strbuf b;
} mc_change;

#define MC_CHANGE_INIT { MC_STRBUF_INIT }
/* Adds "key":"value" (value NULL: null). */
void mc_change_str(mc_change *c, const char *key, const char *value);
/* Adds "key":value. */
void mc_change_int(mc_change *c, const char *key, int64_t value);
/* The object so far ("{}" when empty); NULL when memory ran out. It
 * belongs to c and lives until the next add or mc_change_release. */
const char *mc_change_json(mc_change *c);
void mc_change_release(mc_change *c);

/* One record of the log, as read back. Strings belong to the callback's
 * caller and live for the call. */
typedef struct {
	int64_t id;
	mc_time at;
	const char *clerk, *command, *table, *key;
	const char *change;      /* JSON as stored                      */
	int change_is_json;      /* it parses as JSON (else show as text) */
	const char *row_hash;    /* hex, NULL: the row was removed        */
	const char *hash;        /* hex                                   */
	const char *os_user;     /* the system account that ran the command;
				  * NULL in records made before schema 8 */
} mc_audit_entry;

typedef int (*mc_audit_fn)(const mc_audit_entry *e, void *ud);

/* Calls fn for each record, oldest first; table and key (each may be
 * NULL) restrict them. A non-zero return stops. */
mc_status mc_audit_each(mc_db *db, const char *table, const char *key,
			mc_audit_fn fn, void *ud);

/* The last record: its id (0 for an empty log) and hash (64 hex digits
 * and a NUL; zeros for an empty log). */
mc_status mc_audit_head(mc_db *db, int64_t *id, char hash[65]);

/*
 * Records every row of the audited tables (of table alone, unless NULL)
 * that the log does not cover yet, as command "schema upgrade": run by
 * mc_db_open() (core/upgrade.c) in the transaction of the migration that
 * creates the log, or that audits a table not audited before, so that
 * the rows written before are covered from then on.
 */
mc_status mc_audit_adopt(mc_db *db, const char *table);

/* ---- db check ---- */

typedef enum {
	MC_PROBLEM_INTEGRITY,       /* PRAGMA integrity_check                 */
	MC_PROBLEM_FOREIGN_KEY,     /* PRAGMA foreign_key_check               */
	MC_PROBLEM_TRIGGER,         /* an append-only trigger was dropped      */
	MC_PROBLEM_RECORD_ALTERED,  /* a record's content does not give its hash */
	MC_PROBLEM_RECORD_MISSING,  /* records removed (a gap, or the end)     */
	MC_PROBLEM_CHAIN,           /* a record does not follow the one before */
	MC_PROBLEM_ROW_ALTERED,     /* a row differs from its last record     */
	MC_PROBLEM_ROW_MISSING,     /* a row removed behind the program's back */
	MC_PROBLEM_ROW_UNAUDITED,   /* a row no record accounts for            */
	MC_PROBLEM_REWRITTEN,       /* a record differs from an older copy's   */
	MC_PROBLEM_REPLAY,          /* a record tells of an impossible change  */
	MC_PROBLEM_INDEX,           /* a search index differs from its source  */
	MC_PROBLEM_WITNESS,         /* the log no longer extends a checkpoint  */
	MC_PROBLEM_COUNT
} mc_problem_kind;

/* "integrity", "foreign_key", "trigger", "record_altered", ... */
const char *mc_problem_name(mc_problem_kind k);

typedef struct {
	mc_problem_kind kind;
	const char *table;      /* NULL when the problem is not about a row */
	const char *key;        /* NULL likewise                            */
	int64_t record;         /* the audit record concerned, 0 when none  */
	const char *message;    /* one line, translated, names all of it    */
} mc_problem;

typedef int (*mc_problem_fn)(const mc_problem *p, void *ud);

typedef struct {
	long records;           /* audit records read                     */
	long rows;              /* live rows of audited tables checked    */
	long problems;
	int64_t head_id;        /* the last record                        */
	char head[65];
} mc_check_result;

/*
 * Checks the whole database in one read transaction (writers go on):
 * PRAGMA integrity_check and foreign_key_check, the append-only
 * triggers, the hash chain of the audit log, and every live row of the
 * audited tables against its last audit record. With against (an older
 * copy of the database, e.g. a backup kept elsewhere; NULL for none),
 * every audit record of the copy must still be in the log, the same: a
 * log rewritten as a whole since the copy is found too. fn is called for
 * each problem found (a non-zero return stops); MC_OK means the check
 * ran, res->problems says what it found; MC_NO_INPUT when the copy cannot
 * be read.
 */
mc_status mc_db_check(mc_db *db, const char *against, mc_problem_fn fn, void *ud,
		      mc_check_result *res);

/*
 * A further step of the check (the witness of core/witness.h), run last in
 * the same read snapshot: first_bad is the first record the chain walk
 * found altered, removed or out of the chain (0: none), head the last
 * record; its problems go to report(report_ud) to be counted with the
 * others. ud is the step's own.
 */
typedef mc_status (*mc_check_step_fn)(mc_db *db, int64_t first_bad, int64_t head,
				      mc_problem_fn report, void *report_ud, void *ud);

/* mc_db_check() with a further step (NULL: none). */
mc_status mc_db_check_with(mc_db *db, const char *against, mc_check_step_fn step,
			   void *step_ud, mc_problem_fn fn, void *ud, mc_check_result *res);

/* ---- db backup ---- */

typedef struct {
	int64_t head_id;        /* the audit chain head, same in both     */
	char head[65];
	long long bytes;        /* size of the backup file                */
} mc_backup_result;

/*
 * Writes a consistent copy of the database to path (SQLite's online
 * backup API, from one read snapshot: other clerks go on writing). The
 * copy is written to a temporary file beside path (mode 0600), synced,
 * verified (PRAGMA integrity_check, and its audit chain head must be the
 * source's at the snapshot), then linked to path, which must not exist:
 * a backup is never overwritten. MC_CANT_CREATE when path exists or its
 * folder cannot be written; MC_IO when the copy does not verify (nothing
 * is left behind).
 */
mc_status mc_db_backup(mc_db *db, const char *path, mc_backup_result *res);

/*
 * A bulk export of citizens' data (register export, report dossiers,
 * extract list, dossier export, notify export): who took which rows
 * where. The clerk, the command ("register export", as the audit log
 * records it) and the time are the handle's; account is the
 * operating-system account that ran the command (NULL when unknown),
 * filters what chose the rows as typed ("birth --from 2026-01-01"), target
 * the file written or "-" for standard output, rows how many were written.
 */
typedef struct mc_export_rec {
	const char *account, *filters, *target;
	int64_t rows;
} mc_export_rec;

/* Appends r to data_exports (append-only, audited). Run it in the
 * transaction whose output it records, so that both stand or fall. */
mc_status mc_export_log(mc_db *db, const mc_export_rec *r);

#endif
