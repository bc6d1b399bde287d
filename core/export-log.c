/* motcua — the log of personal data taken out of the office: who wrote
 * which citizens' data where (decree 13/2023 on personal data). */
#include <stdio.h>

#include "audit-private.h"

mc_status mc_export_log(mc_db *db, const mc_export_rec *r)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO data_exports(at, clerk, account, command, filters, target, rows)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, db->now);
	mc_db_bind_text(st, 2, mc_db_clerk(db));
	mc_db_bind_text(st, 3, r->account);
	mc_db_bind_text(st, 4, db->command ? db->command : "");
	mc_db_bind_text(st, 5, r->filters ? r->filters : "");
	mc_db_bind_text(st, 6, r->target);
	sqlite3_bind_int64(st, 7, r->rows);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "data_exports");
	sqlite3_finalize(st);
	if (rc != MC_OK)
		return rc;
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)sqlite3_last_insert_rowid(db->sq));
	return mc_audit_record(db, "data_exports", key, NULL);
}
