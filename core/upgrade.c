/* motcua — opening the register database and upgrading its schema. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit-private.h"
#include "calendar.h"
#include "db-private.h"
#include "dossier-private.h"
#include "i18n.h"
#include "procedure.h"
#include "register-private.h"
#include "schema.h"
#include "settings-private.h"
#include "upgrade.h"

static int has_audit_log(mc_db *db)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'");
	int yes = st && sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

/* A replay of one dossier's history, step by step. */
struct replay {
	int64_t id;             /* the dossier's row id, 0: none yet      */
	char code[80];
	mc_time promised;       /* MC_TIME_NONE until a reschedule        */
	mc_time paused;         /* when the current supplement wait began */
	char status[16];        /* the status of the previous step        */
};

/* Records the promised time found for the dossier replayed. */
static mc_status replay_store(mc_db *db, const struct replay *r)
{
	if (!r->id || r->promised == MC_TIME_NONE)
		return MC_OK;
	sqlite3_stmt *st = mc_db_prepare(db, "UPDATE dossiers SET promised_at = ? WHERE id = ?");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, r->promised);
	sqlite3_bind_int64(st, 2, r->id);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(st);
	char change[64];
	snprintf(change, sizeof change, "{\"promised_at\":%lld}", (long long)r->promised);
	return rc == MC_OK ? mc_audit_record(db, "dossiers", r->code, change) : rc;
}

/*
 * Migration 6's data: the due time promised on the slip of each dossier
 * already rescheduled, from its history. A step that moved the due time
 * is the end of a supplement wait when it leaves supplement for
 * processing with the due pushed by exactly the working time waited (what
 * dossier update did); any other is a reschedule, whose first one keeps
 * the due time before it, which later waits push alike.
 */
static mc_status promised_from_history(mc_db *db)
{
	mc_calendar cal;
	int64_t off = (int64_t)mc_db_offset(db) * 60;
	struct replay r = { 0, "", MC_TIME_NONE, MC_TIME_NONE, "" };
	mc_status rc = mc_db_calendar(db, &cal);
	if (rc != MC_OK)
		return rc;
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT d.id, d.code, h.at, h.status, h.old_due, h.new_due"
		" FROM dossiers d JOIN dossier_history h ON h.dossier_id = d.id"
		" WHERE d.promised_at IS NULL AND d.id IN"
		"  (SELECT dossier_id FROM dossier_history WHERE old_due IS NOT NULL)"
		" ORDER BY d.id, h.id");
	if (!st)
		return MC_DB;
	int step;
	while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		mc_time at = sqlite3_column_int64(st, 2);
		const char *status = (const char *)sqlite3_column_text(st, 3);
		if (id != r.id) {
			if ((rc = replay_store(db, &r)) != MC_OK)
				break;
			r = (struct replay){ id, "", MC_TIME_NONE, MC_TIME_NONE, "" };
			snprintf(r.code, sizeof r.code, "%s", (const char *)sqlite3_column_text(st, 1));
		}
		if (!status)
			status = "";
		if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
			mc_time old = sqlite3_column_int64(st, 4), new = sqlite3_column_int64(st, 5);
			int64_t waited = r.paused == MC_TIME_NONE ? 0
				: mc_calendar_working_seconds(&cal, r.paused + off, at + off);
			int resumed = !strcmp(r.status, "supplement") && !strcmp(status, "processing") &&
				      waited > 0 &&
				      mc_calendar_add_working_seconds(&cal, old + off, waited) - off == new;
			if (resumed && r.promised != MC_TIME_NONE)
				r.promised = mc_calendar_add_working_seconds(&cal, r.promised + off,
									     waited) - off;
			else if (!resumed && r.promised == MC_TIME_NONE)
				r.promised = old;
		}
		if (!strcmp(status, "supplement") && strcmp(r.status, "supplement"))
			r.paused = at;
		snprintf(r.status, sizeof r.status, "%s", status);
	}
	if (rc == MC_OK && step != SQLITE_DONE)
		rc = mc_db_sqlfail(db, "dossier_history");
	sqlite3_finalize(st);
	return rc == MC_OK ? replay_store(db, &r) : rc;
}

/* The migrations after version, and the data steps they need, in the
 * caller's transaction. */
static mc_status migrate(mc_db *db, int version)
{
	mc_status rc = MC_OK;
	int had_log = has_audit_log(db);
	for (int v = version + 1; v <= mc_schema_count() && rc == MC_OK; v++) {
		char pragma[48];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
		if ((rc = mc_db_exec(db, mc_schema_migration(v))) == MC_OK)
			rc = mc_db_exec(db, pragma);
	}
	/* The rows written before there was a log are recorded once. */
	if (rc == MC_OK && !had_log && version > 0)
		rc = mc_audit_adopt(db, NULL);
	/* The outbox, audited from migration 9: its messages so far. */
	else if (rc == MC_OK && had_log && version < 9)
		rc = mc_audit_adopt(db, "notifications");
	/* Entries from before the search index of migration 5. */
	if (rc == MC_OK && version >= 2 && version < 5)
		rc = reg_index_all(db, "main");
	/* The seeded extract procedure gets the kind that schema 6 allows. */
	if (rc == MC_OK && version > 0 && version < 6)
		rc = mc_procedure_seed_kinds(db);
	/* The seeded procedures get the field that schema 11 added. */
	if (rc == MC_OK && version > 0 && version < 11)
		rc = mc_procedure_seed_fields(db);
	/* Dossiers from before the index of names of migration 7. */
	if (rc == MC_OK && version >= 1 && version < 7)
		rc = dossier_names_all(db, "main");
	/* Dossiers rescheduled before the promised time was kept. */
	if (rc == MC_OK && version >= 1 && version < 6) {
		char *saved = db->command;
		db->command = NULL;
		if ((rc = mc_db_set_command(db, "schema upgrade")) == MC_OK)
			rc = promised_from_history(db);
		free(db->command);
		db->command = saved;
	}
	return rc;
}

static mc_status foreign_keys_hold(mc_db *db)
{
	sqlite3_stmt *st = mc_db_prepare(db, "PRAGMA foreign_key_check");
	if (!st)
		return MC_DB;
	int step = sqlite3_step(st);
	mc_status rc = step == SQLITE_DONE ? MC_OK
		: step == SQLITE_ROW
		? mc_db_fail(db, MC_DB, _("%s: the upgrade would break a reference from table %s"),
			     db->path, (const char *)sqlite3_column_text(st, 0))
		: mc_db_sqlfail(db, "foreign_key_check");
	sqlite3_finalize(st);
	return rc;
}

/*
 * A file is motcua's when it has a schema version and motcua's first
 * tables, or when it is empty (init sets it up). One holding tables of
 * another program is left as it is: nothing is written into it, and init
 * says that it cannot make an office there.
 */
static mc_status refuse_foreign(mc_db *db, int version)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT count(*), coalesce(sum(type = 'table' AND name IN ('settings', 'dossiers')), 0)"
		" FROM sqlite_master");
	if (!st)
		return MC_DB;
	if (sqlite3_step(st) != SQLITE_ROW) {
		mc_status rc = mc_db_sqlfail(db, "sqlite_master");
		sqlite3_finalize(st);
		return rc;
	}
	int objects = sqlite3_column_int(st, 0), ours = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	if (version == 0 ? !objects : ours == 2)
		return MC_OK;
	return mc_db_fail(db, db->mode == MC_DB_CREATE ? MC_CANT_CREATE : MC_NO_INPUT,
			  _("%s: not a motcua database (it holds tables of another program); nothing was written to it"),
			  db->path);
}

/* WAL, for clerks who write while others read: a database restored from
 * a backup (a copy in rollback-journal mode, core/audit-backup.c) gets it
 * back from the first command that writes. */
static mc_status wal_on(mc_db *db)
{
	sqlite3_stmt *st = mc_db_prepare(db, "PRAGMA journal_mode");
	if (!st)
		return MC_DB;
	const char *mode = sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0)
							  : NULL;
	int wal = mode && strcmp(mode, "wal") == 0;
	sqlite3_finalize(st);
	return wal ? MC_OK : mc_db_exec(db, "PRAGMA journal_mode = WAL");
}

static mc_status upgrade(mc_db *db)
{
	int version;
	mc_status rc;
	if (mc_db_user_version(db, &version) != MC_OK)
		return mc_db_fail(db, MC_NO_INPUT, _("%s: not a motcua database (%s)"),
				  db->path, sqlite3_errmsg(db->sq));
	if ((rc = refuse_foreign(db, version)) != MC_OK)
		return rc;
	if (db->mode != MC_DB_READ && (rc = wal_on(db)) != MC_OK)
		return rc;
	if (version == mc_schema_count())
		return MC_OK;
	if (version > mc_schema_count())
		return mc_db_fail(db, MC_DB,
				  _("%s: schema version %d is newer than this program's (%d); upgrade motcua"),
				  db->path, version, mc_schema_count());
	/* A command that only reads never writes: an empty file is "not set
	 * up" (cmd/), an older schema is upgraded by one that writes. */
	if (db->mode == MC_DB_READ && version == 0)
		return MC_OK;
	if (db->mode == MC_DB_READ)
		return mc_db_fail(db, MC_REFUSED,
				  _("%s: schema version %d is older than this program's (%d); a command that only reads does not upgrade it: run 'motcua db upgrade' first"),
				  db->path, version, mc_schema_count());
	/* A migration may rebuild a table that others refer to (SQLite's
	 * way of changing a CHECK): the foreign keys are off while it runs,
	 * and checked as a whole before it commits. */
	if ((rc = mc_db_exec(db, "PRAGMA foreign_keys = OFF")) != MC_OK ||
	    (rc = mc_db_begin(db)) != MC_OK)
		return rc;
	/* Read again under the write lock: another process may have migrated. */
	if ((rc = mc_db_user_version(db, &version)) == MC_OK &&
	    (rc = migrate(db, version)) == MC_OK)
		rc = foreign_keys_hold(db);
	if (rc != MC_OK)
		mc_db_rollback(db);
	else
		rc = mc_db_commit(db);
	mc_status on = mc_db_exec(db, "PRAGMA foreign_keys = ON");
	return rc != MC_OK ? rc : on;
}

mc_status mc_db_open(const char *path, mc_db_mode mode, int busy_ms, mc_db **out)
{
	mc_status rc = mc_db_connect(path, mode, busy_ms, out);
	return rc == MC_OK ? upgrade(*out) : rc;
}

void mc_db_close(mc_db *db)
{
	if (!db)
		return;
	mc_audit_forget(db);
	mc_settings_forget(db);
	mc_db_disconnect(db);
}
