/* motcua — the receipt slip (Mẫu 01) and the other forms, as text. */
#ifndef MC_SLIP_H
#define MC_SLIP_H

#include <stdio.h>
#include "db.h"
#include "dossier.h"

/* Columns of the text rendering: it fits an 80-column terminal. */
#define MC_SLIP_WIDTH 80

/*
 * Writes the receipt slip "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" of d,
 * always in Vietnamese, with its QR code in Unicode half blocks (colour:
 * black on white SGR sequences, for terminals): form 1 of
 * mc_doc_dossier_form() through mc_doc_write_text(). MC_IO on a write
 * error.
 */
mc_status mc_slip_write_text(FILE *fp, mc_db *db, const mc_dossier *d, int colour);

/* "09 giờ 00 phút, ngày 29 tháng 04 năm 2026" (buf >= 64). */
void mc_slip_format_time(mc_time t, int offset_min, char *buf, size_t n);

#endif
