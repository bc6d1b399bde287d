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
	"MaLinhVuc", "TenLinhVuc", "LoaiDoiTuong", "SoGiayToChuHoSo", "TrichYeuHoSo",
};
enum { L_FEES, L_SUPPLEMENTS, L_RESULTS, L_HISTORY };
static const char *const list_keys[MC_PORTAL_LISTS] = {
	"DanhSachLePhi", "DanhSachHoSoBoSung", "DanhSachGiayToKetQua", "QuaTrinhXuLy",
};

struct items {
	mc_portal_item *item;
	size_t n, cap;
};

/* A run: its settings, its statements, and what the row of the moment
 * points to (strings and list items, made afresh for each row). */
struct portal_state {
	mc_db *db;
	const char *unit_name;
	int offset_min;
	mc_portal_fn fn;
	void *ud;
	sqlite3_stmt *history, *extracts;
	struct items list[MC_PORTAL_LISTS];
	char **strs;
	size_t ns, scap;
	int oom;
	mc_status rc;           /* what stopped the run, if not fn */
};

/* A copy of s that lives until the row is done; "" for NULL. */
static const char *keep(struct portal_state *ps, const char *s)
{
	if (!s || !*s)
		return "";
	if (ps->ns == ps->scap) {
		size_t cap = ps->scap ? 2 * ps->scap : 32;
		char **v = realloc(ps->strs, cap * sizeof *v);
		if (!v) {
			ps->oom = 1;
			return "";
		}
		ps->strs = v;
		ps->scap = cap;
	}
	if (!(ps->strs[ps->ns] = strdup(s))) {
		ps->oom = 1;
		return "";
	}
	return ps->strs[ps->ns++];
}

static const char *keep_int(struct portal_state *ps, int64_t v)
{
	char b[24];
	snprintf(b, sizeof b, "%lld", (long long)v);
	return keep(ps, b);
}

/* A time as the portal writes it; "" for none. */
static const char *keep_time(struct portal_state *ps, mc_time t)
{
	char b[16];
	if (t == MC_TIME_NONE)
		return "";
	mc_format_compact(t, ps->offset_min, b, sizeof b);
	return keep(ps, b);
}

/* A new object at the end of list l, empty; NULL when out of memory. */
static mc_portal_item *item_new(struct portal_state *ps, int l)
{
	struct items *it = &ps->list[l];
	if (it->n == it->cap) {
		size_t cap = it->cap ? 2 * it->cap : 8;
		mc_portal_item *v = realloc(it->item, cap * sizeof *v);
		if (!v) {
			ps->oom = 1;
			return NULL;
		}
		it->item = v;
		it->cap = cap;
	}
	it->item[it->n].n = 0;
	return &it->item[it->n++];
}

static void put(mc_portal_item *item, const char *key, const char *value)
{
	item->field[item->n].key = key;
	item->field[item->n++].value = value;
}

static void row_done(struct portal_state *ps)
{
	for (size_t i = 0; i < ps->ns; i++)
		free(ps->strs[i]);
	ps->ns = 0;
	for (int l = 0; l < MC_PORTAL_LISTS; l++)
		ps->list[l].n = 0;
}

static const char *result_name(const char *kind)
{
	return !strcmp(kind, "birth") ? "Bản sao Trích lục khai sinh"
	     : !strcmp(kind, "marriage") ? "Bản sao Trích lục kết hôn"
	     : "Bản sao Trích lục khai tử";
}

/* The extracts that answer the dossier (not voided): its result papers;
 * *fees their fees. */
static mc_status results(struct portal_state *ps, const mc_report_row *r, int64_t *fees)
{
	sqlite3_stmt *st = ps->extracts;
	int step;
	*fees = -1;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, r->code, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		mc_portal_item *it = item_new(ps, L_RESULTS);
		if (!it)
			return MC_NOMEM;
		put(it, "TenGiayTo", result_name((const char *)sqlite3_column_text(st, 0)));
		put(it, "MaThanhPhanHoSo", "");
		put(it, "GiayToId", "");
		put(it, "DuongDanTepTinKetQua", "");
		put(it, "MaGiayToKetQua", keep(ps, (const char *)sqlite3_column_text(st, 1)));
		*fees = (*fees < 0 ? 0 : *fees) + sqlite3_column_int64(st, 2);
	}
	return step == SQLITE_DONE ? MC_OK : mc_db_sqlfail(ps->db, "extracts");
}

/* The fee: what the extracts that answer it cost, else the catalogue's. */
static mc_status fee(struct portal_state *ps, const mc_report_row *r, int64_t paid)
{
	int64_t amount = paid >= 0 ? paid : r->fee;
	mc_portal_item *it;
	if (amount <= 0)
		return MC_OK;
	if (!(it = item_new(ps, L_FEES)))
		return MC_NOMEM;
	put(it, "TenPhiLePhi", keep(ps, r->procedure_name));
	put(it, "MaPhiLePhi", "");
	put(it, "HinhThucThu", "");
	put(it, "Gia", keep_int(ps, amount));
	put(it, "LoaiPhiLePhi", "");
	return MC_OK;
}

/* One move of the history as a step of QuaTrinhXuLy. */
static mc_status step_of(struct portal_state *ps, const mc_report_row *r, sqlite3_stmt *st,
			 mc_dossier_status s)
{
	const char *note = (const char *)sqlite3_column_text(st, 5);
	mc_portal_item *it = item_new(ps, L_HISTORY);
	if (!note || !*note)
		note = (const char *)sqlite3_column_text(st, 4);
	if (!it)
		return MC_NOMEM;
	put(it, "MaHoSo", keep(ps, r->code));
	put(it, "NguoiXuLy", keep(ps, (const char *)sqlite3_column_text(st, 3)));
	put(it, "ChucDanh", "");
	put(it, "ThoiDiemXuLy", keep_time(ps, sqlite3_column_int64(st, 1)));
	put(it, "PhongBanXuLy", "");
	put(it, "NoiDungXuLy", note && *note ? keep(ps, note) : mc_dossier_status_info(s)->label);
	put(it, "TrangThai", keep_int(ps, mc_dossier_status_info(s)->national));
	put(it, "NgayBatDau", "");
	put(it, "NgayKetThucTheoQuyDinh", "");
	return MC_OK;
}

/* The moves of the dossier: each a step; each request for a supplement
 * an item of DanhSachHoSoBoSung, answered by the move that ends it. */
static mc_status history(struct portal_state *ps, const mc_report_row *r)
{
	sqlite3_stmt *st = ps->history;
	mc_portal_item *open = NULL;
	int step;
	mc_status rc = MC_OK;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, r->id);
	while (rc == MC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		mc_dossier_status s;
		if (mc_dossier_status_parse((const char *)sqlite3_column_text(st, 2), &s) != MC_OK)
			continue;
		const char *clerk = keep(ps, (const char *)sqlite3_column_text(st, 3));
		const char *at = keep_time(ps, sqlite3_column_int64(st, 1));
		if (open && s != MC_ST_SUPPLEMENT) {
			open->field[4].value = clerk;
			open->field[5].value = at;
			open->field[6].value = "1";
			open = NULL;
		}
		if (s == MC_ST_SUPPLEMENT && !open) {
			if (!(open = item_new(ps, L_SUPPLEMENTS)))
				return MC_NOMEM;
			put(open, "HoSoBoSungId", keep_int(ps, sqlite3_column_int64(st, 0)));
			put(open, "NguoiYeuCauBoSung", clerk);
			put(open, "NoiDungBoSung", keep(ps, (const char *)sqlite3_column_text(st, 5)));
			put(open, "NgayBoSung", at);
			put(open, "NguoiTiepNhanBoSung", "");
			put(open, "NgayTiepNhanBoSung", "");
			put(open, "TrangThaiBoSung", "0");
		}
		rc = step_of(ps, r, st, s);
	}
	if (rc == MC_OK && step != SQLITE_DONE)
		rc = mc_db_sqlfail(ps->db, "dossier_history");
	return rc;
}

static mc_status lists_of(struct portal_state *ps, const mc_report_row *r)
{
	int64_t paid;
	mc_status rc = results(ps, r, &paid);
	if (rc == MC_OK)
		rc = fee(ps, r, paid);
	if (rc == MC_OK)
		rc = history(ps, r);
	return rc == MC_OK && ps->oom ? MC_NOMEM : rc;
}

static int row_of(const mc_report_row *r, void *ud)
{
	struct portal_state *ps = ud;
	const mc_time times[4] = { r->received_at, r->due_at, r->finished_at, r->returned_at };
	mc_portal_row row;
	char status[8], summary[700];
	snprintf(status, sizeof status, "%d", mc_dossier_status_info(r->status)->national);
	snprintf(summary, sizeof summary, "%s - %s", r->procedure_name, r->applicant);
	const char *values[MC_PORTAL_FIELDS] = {
		r->code, r->procedure, r->procedure_name, r->applicant, keep(ps, r->phone),
		keep(ps, r->email),
		!strcmp(r->channel, "online") ? "2" : !strcmp(r->channel, "post") ? "3" : "1",
		strcmp(r->delivery, "post") ? "0" : "1",
		keep(ps, ps->unit_name), status, NULL, NULL, NULL, NULL,
		keep(ps, r->field_code), keep(ps, r->field_name), "1", keep(ps, r->id_number),
		keep(ps, summary),
	};
	for (int i = 0; i < 4; i++)
		values[10 + i] = keep_time(ps, times[i]);
	for (int i = 0; i < MC_PORTAL_FIELDS; i++) {
		row.field[i].key = keys[i];
		row.field[i].value = values[i];
	}
	if ((ps->rc = lists_of(ps, r)) != MC_OK) {
		row_done(ps);
		return -1;
	}
	for (int l = 0; l < MC_PORTAL_LISTS; l++) {
		row.list[l].key = list_keys[l];
		row.list[l].item = ps->list[l].item;
		row.list[l].n = ps->list[l].n;
	}
	int stop = ps->fn(&row, ps->ud);
	row_done(ps);
	return stop;
}

mc_status mc_portal_each(mc_db *db, mc_time since, mc_portal_fn fn, void *ud)
{
	char *unit = NULL;
	struct portal_state ps = { .db = db, .offset_min = mc_db_offset(db), .fn = fn, .ud = ud,
				   .rc = MC_OK };
	mc_status rc = mc_setting_get(db, "unit_name", &unit);
	ps.unit_name = unit;
	if (rc == MC_OK &&
	    (!(ps.history = mc_db_prepare(db,
		"SELECT id, at, status, clerk, note, reason FROM dossier_history"
		" WHERE dossier_id = ?1 AND event IS NULL ORDER BY id")) ||
	     !(ps.extracts = mc_db_prepare(db,
		"SELECT kind, serial, fee FROM extracts x WHERE dossier = ?1 AND NOT EXISTS"
		" (SELECT 1 FROM extract_events e WHERE e.extract_id = x.id AND e.action = 'void')"
		" ORDER BY id"))))
		rc = MC_DB;
	if (rc == MC_OK)
		rc = mc_report_changed(db, since, row_of, &ps);
	if (rc == MC_OK)
		rc = ps.rc;
	sqlite3_finalize(ps.history);
	sqlite3_finalize(ps.extracts);
	for (int l = 0; l < MC_PORTAL_LISTS; l++)
		free(ps.list[l].item);
	free(ps.strs);
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
