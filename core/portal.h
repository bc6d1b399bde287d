/* motcua — the national portal's sync: a dossier as a row of the portal. */
#ifndef MC_PORTAL_H
#define MC_PORTAL_H

#include "db.h"

/* The fields of a row, in this order: MaHoSo, MaTTHC, TenTTHC, ChuHoSo,
 * SoDienThoai, Email, KenhThucHien, HinhThuc, DonViXuLy, TrangThaiHoSo,
 * NgayTiepNhan, NgayHenTra, NgayKetThucXuLy, NgayTra, MaLinhVuc,
 * TenLinhVuc, LoaiDoiTuong, SoGiayToChuHoSo, TrichYeuHoSo; then its lists
 * DanhSachLePhi, DanhSachHoSoBoSung, DanhSachGiayToKetQua, QuaTrinhXuLy
 * (man/motcua-dossier.1 says what each holds). */
#define MC_PORTAL_FIELDS 19
#define MC_PORTAL_LISTS 4
#define MC_PORTAL_ITEM_FIELDS 9

typedef struct {
	const char *key;        /* the portal's name of the field           */
	const char *value;      /* never NULL: "" for none, as the portal's  */
} mc_portal_field;          /* integrations send it                      */

/* One object of a list: its fields, in order. */
typedef struct {
	mc_portal_field field[MC_PORTAL_ITEM_FIELDS];
	int n;
} mc_portal_item;

typedef struct {
	const char *key;        /* "DanhSachLePhi", ...                      */
	const mc_portal_item *item;
	size_t n;
} mc_portal_list;

/*
 * One dossier as the portal reads it. Every value is a string: codes are
 * digits (the channel 1 counter, 2 online, 3 post; the way the result is
 * returned 0 counter, 1 post; the national status code of SPEC 4.4; the
 * kind of applicant 1, a citizen) and times are yyyyMMddHHmmss at the
 * office's offset.
 */
typedef struct {
	mc_portal_field field[MC_PORTAL_FIELDS];
	mc_portal_list list[MC_PORTAL_LISTS];
} mc_portal_row;

/*
 * Calls fn with the row of each dossier changed (created or moved) at or
 * after `since` (MC_TIME_NONE: all), oldest change first. The row lives
 * for the call; a non-zero return stops.
 */
typedef int (*mc_portal_fn)(const mc_portal_row *row, void *ud);
mc_status mc_portal_each(mc_db *db, mc_time since, mc_portal_fn fn, void *ud);

/*
 * One run of the portal's sync: the rows of mc_portal_each() and the run
 * recorded (portal_exports: when, since, how many rows, the clerk;
 * audited), atomically. fn returns non-zero when a row could not be
 * written: nothing is recorded then (MC_IO). The caller puts the run and
 * the flushing of its output in one mc_db_atomic(), so that a run is
 * recorded exactly when its rows went out. The record is what tells that
 * a dossier reached the portal (a cancellation is refused then).
 * *rows (may be NULL) receives the number of rows.
 */
mc_status mc_portal_export(mc_db *db, mc_time since, mc_portal_fn fn, void *ud, long *rows);

#endif
