/* motcua — the national portal's sync: a dossier as a row of the portal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db-private.h"
#include "portal.h"
#include "report.h"
#include "settings.h"

static const char *const keys[MC_PORTAL_FIELDS] = {
	"MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "SoDienThoai", "Email",
	"KenhThucHien", "HinhThuc", "DonViXuLy", "TrangThaiHoSo",
	"NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra",
};

struct portal_state {
	const char *unit_name;
	int offset_min;
	mc_portal_fn fn;
	void *ud;
};

static const char *portal_time(mc_time t, int offset_min, char *buf, size_t n)
{
	if (t == MC_TIME_NONE)
		return NULL;
	mc_format_compact(t, offset_min, buf, n);
	return buf;
}

static int row_of(const mc_report_row *r, void *ud)
{
	const struct portal_state *ps = ud;
	const mc_time times[4] = { r->received_at, r->due_at, r->finished_at, r->returned_at };
	mc_portal_row row;
	const char *values[MC_PORTAL_FIELDS] = {
		r->code, r->procedure, r->procedure_name, r->applicant, r->phone, r->email,
		!strcmp(r->channel, "online") ? "2" : !strcmp(r->channel, "post") ? "3" : "1",
		strcmp(r->delivery, "post") ? "0" : "1",
		ps->unit_name, row.status,
	};
	snprintf(row.status, sizeof row.status, "%d", mc_dossier_status_info(r->status)->national);
	for (int i = 0; i < 4; i++)
		values[10 + i] = portal_time(times[i], ps->offset_min, row.times[i],
					     sizeof row.times[i]);
	for (int i = 0; i < MC_PORTAL_FIELDS; i++) {
		row.field[i].key = keys[i];
		row.field[i].value = values[i];
	}
	return ps->fn(&row, ps->ud);
}

mc_status mc_portal_each(mc_db *db, mc_time since, mc_portal_fn fn, void *ud)
{
	char *unit = NULL;
	mc_status rc = mc_setting_get(db, "unit_name", &unit);
	struct portal_state ps = { unit, mc_db_offset(db), fn, ud };
	if (rc == MC_OK)
		rc = mc_report_changed(db, since, row_of, &ps);
	free(unit);
	return rc;
}

struct export_run {
	mc_time since;
	mc_portal_fn fn;
	void *ud;
	long rows;
	int failed;
};

static int count_row(const mc_portal_row *row, void *ud)
{
	struct export_run *r = ud;
	if (r->fn(row, r->ud)) {
		r->failed = 1;
		return 1;
	}
	r->rows++;
	return 0;
}

static mc_status record_run(mc_db *db, const struct export_run *r)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO portal_exports(at, since, rows, clerk) VALUES (?, ?, ?, ?)");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, db->now);
	if (r->since != MC_TIME_NONE)
		sqlite3_bind_int64(st, 2, r->since);
	sqlite3_bind_int64(st, 3, r->rows);
	mc_db_bind_text(st, 4, mc_db_clerk(db));
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "portal_exports");
	sqlite3_finalize(st);
	if (rc != MC_OK)
		return rc;
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)sqlite3_last_insert_rowid(db->sq));
	return mc_audit_record(db, "portal_exports", key, NULL);
}

static mc_status export_run(mc_db *db, void *ud)
{
	struct export_run *r = ud;
	mc_status rc = mc_portal_each(db, r->since, count_row, r);
	if (rc == MC_OK && r->failed)
		rc = mc_db_fail(db, MC_IO, "cannot write the export");
	return rc == MC_OK ? record_run(db, r) : rc;
}

mc_status mc_portal_export(mc_db *db, mc_time since, mc_portal_fn fn, void *ud, long *rows)
{
	struct export_run r = { since, fn, ud, 0, 0 };
	mc_status rc = mc_db_atomic(db, export_run, &r);
	if (rows)
		*rows = rc == MC_OK ? r.rows : 0;
	return rc;
}
