/* motcua — the national portal's sync: a dossier as a row of the portal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
