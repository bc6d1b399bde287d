/* motcua — opening the register database and upgrading its schema. */
#include <stdio.h>

#include "audit-private.h"
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
		rc = mc_audit_adopt(db);
	/* Entries from before the search index of migration 5. */
	if (rc == MC_OK && version >= 2 && version < 5)
		rc = reg_index_all(db);
	/* The seeded extract procedure gets the kind that schema 6 allows. */
	if (rc == MC_OK && version > 0 && version < 6)
		rc = mc_procedure_seed_kinds(db);
	/* Dossiers from before the index of names of migration 7. */
	if (rc == MC_OK && version >= 1 && version < 7)
		rc = dossier_names_all(db);
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

static mc_status upgrade(mc_db *db)
{
	int version;
	mc_status rc;
	if (mc_db_user_version(db, &version) != MC_OK)
		return mc_db_fail(db, MC_NO_INPUT, _("%s: not a motcua database (%s)"),
				  db->path, sqlite3_errmsg(db->sq));
	if (version == mc_schema_count())
		return MC_OK;
	if (version > mc_schema_count())
		return mc_db_fail(db, MC_DB,
				  _("%s: schema version %d is newer than this program's (%d); upgrade motcua"),
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
