/* motcua — the text receipt slip of SPEC 5.1. */
#include <stdlib.h>
#include <string.h>

#include "db-private.h"
#include "qr.h"
#include "slip.h"
#include "text.h"

#define W MC_SLIP_WIDTH

void mc_slip_format_time(mc_time t, int offset_min, char *buf, size_t n)
{
	int64_t local = t + (int64_t)offset_min * 60;
	int y, m, d, min = mc_local_minute_of_day(local);
	mc_civil_from_days(mc_local_day(local), &y, &m, &d);
	snprintf(buf, n, "%02d giờ %02d phút, ngày %02d tháng %02d năm %04d",
		 min / 60, min % 60, d, m, y);
}

static void spaces(FILE *fp, int n)
{
	while (n-- > 0)
		putc(' ', fp);
}

static int width(const char *s)
{
	return (int)mc_utf8_width(s);
}

static void centred(FILE *fp, const char *s, int col, int w)
{
	spaces(fp, col + (w - width(s)) / 2);
	fprintf(fp, "%s\n", s);
}

/* Two texts, each centred in its half of the page. */
static void two_columns(FILE *fp, const char *left, const char *right)
{
	int lw = W / 2 - 2, pad = (lw - width(left)) / 2;
	spaces(fp, pad);
	fputs(left, fp);
	spaces(fp, lw - pad - width(left) + (W - lw - width(right)) / 2);
	fprintf(fp, "%s\n", right);
}

/* "label value", the value wrapped on word boundaries under itself. */
static void field(FILE *fp, const char *label, const char *value)
{
	int col = width(label), indent = col + 1;
	const char *p = value ? value : "";
	fputs(label, fp);
	if (indent > W / 2)
		indent = 4;
	while (*p) {
		const char *end = p, *brk = NULL;
		int w = col + 1;
		/* The longest run of words that fits the line. */
		while (*end && *end != '\n') {
			const char *q = end;
			do
				q++;
			while ((*q & 0xC0) == 0x80);
			char ch[8] = { 0 };
			memcpy(ch, end, (size_t)(q - end) < 7 ? (size_t)(q - end) : 7);
			w += width(ch);
			if (w > W && brk)
				break;
			if (*end == ' ')
				brk = end;
			end = q;
		}
		if (*end && *end != '\n' && brk)
			end = brk;
		fprintf(fp, " %.*s\n", (int)(end - p), p);
		p = end;
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p) {
			spaces(fp, indent - 1);
			col = indent - 1;
		}
	}
	if (!value || !*value)
		putc('\n', fp);
}

/* "Vĩnh Phú" from "UBND phường Vĩnh Phú": the place line of the form. */
static const char *place_of(const char *unit_name)
{
	static const char *const prefixes[] = { "UBND ", "Ủy ban nhân dân ", "phường ",
						"Phường ", "xã ", "Xã ", "thị trấn ",
						"Thị trấn " };
	const char *p = unit_name;
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(p, prefixes[i], strlen(prefixes[i])) == 0)
			p += strlen(prefixes[i]);
	return p;
}

static void header(FILE *fp, const char *unit_name, mc_time now, int off)
{
	char *upper = mc_utf8_upper(unit_name), date[96];
	int64_t day = mc_local_day(now + (int64_t)off * 60);
	int y, m, d;
	two_columns(fp, upper ? upper : unit_name, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	two_columns(fp, "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", "Độc lập - Tự do - Hạnh phúc");
	two_columns(fp, "───────────", "───────────────────────────");
	free(upper);
	mc_civil_from_days(day, &y, &m, &d);
	snprintf(date, sizeof date, "%s, ngày %02d tháng %02d năm %04d",
		 place_of(unit_name), d, m, y);
	spaces(fp, W - width(date) - 2);
	fprintf(fp, "%s\n\n", date);
}

static void documents(FILE *fp, const char *docs)
{
	int n = 0;
	fputs("1. Thành phần hồ sơ nộp gồm:\n", fp);
	for (const char *p = docs; *p;) {
		size_t len = strcspn(p, "\n");
		char num[16], *doc = strndup(p, len);
		snprintf(num, sizeof num, "   %d)", ++n);
		field(fp, num, doc);
		free(doc);
		p += len;
		if (*p)
			p++;
	}
	if (!n)
		fputs("   (không có)\n", fp);
}

static mc_status qr_block(FILE *fp, mc_db *db, const mc_dossier *d, int colour)
{
	char *payload = NULL;
	mc_qr qr = MC_QR_INIT;
	mc_status rc = mc_dossier_lookup_payload(db, d, &payload);
	if (rc == MC_OK)
		rc = mc_qr_encode(&qr, payload, MC_QR_M);
	if (rc == MC_OK) {
		int margin = 2, side = qr.width + 2 * margin;
		putc('\n', fp);
		rc = mc_qr_draw_halfblocks(fp, &qr, margin, (W - side) / 2, colour);
		centred(fp, "Quét mã QR để tra cứu tiến độ hồ sơ", 0, W);
	}
	mc_qr_release(&qr);
	free(payload);
	return rc;
}

mc_status mc_slip_write_text(FILE *fp, mc_db *db, const mc_dossier *d, int colour)
{
	char *unit_name = NULL, buf[128], proc[512];
	int off = mc_db_offset(db);
	mc_status rc = mc_setting_get(db, "unit_name", &unit_name);
	if (rc != MC_OK)
		return rc;

	header(fp, unit_name, d->received_at, off);
	centred(fp, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", 0, W);
	snprintf(buf, sizeof buf, "Mã hồ sơ: %s", d->code);
	centred(fp, buf, 0, W);
	putc('\n', fp);
	field(fp, "Bộ phận tiếp nhận và trả kết quả:", unit_name);
	field(fp, "Tiếp nhận hồ sơ của:", d->applicant);
	field(fp, "Địa chỉ:", d->address);
	field(fp, "Số điện thoại:", d->phone);
	field(fp, "Số định danh cá nhân:", d->id_number);
	snprintf(proc, sizeof proc, "%s (mã thủ tục %s)", d->procedure_name, d->procedure);
	field(fp, "Nội dung yêu cầu giải quyết:", proc);
	documents(fp, d->documents);
	snprintf(buf, sizeof buf, "%02d bộ", d->sets);
	field(fp, "2. Số lượng hồ sơ:", buf);
	if (d->days)
		snprintf(buf, sizeof buf, "%d ngày làm việc", d->days);
	else
		snprintf(buf, sizeof buf, "trong ngày làm việc");
	field(fp, "3. Thời gian giải quyết hồ sơ theo quy định:", buf);
	mc_slip_format_time(d->received_at, off, buf, sizeof buf);
	field(fp, "4. Thời gian nhận hồ sơ:", buf);
	mc_slip_format_time(d->due_at, off, buf, sizeof buf);
	field(fp, "5. Thời gian trả kết quả:", buf);
	field(fp, "6. Nơi trả kết quả:", strcmp(d->delivery, "post") == 0
	      ? "Qua dịch vụ bưu chính công ích" : "Bộ phận tiếp nhận và trả kết quả");
	field(fp, "7. Mã tra cứu (PIN):", d->pin);
	rc = qr_block(fp, db, d, colour);
	putc('\n', fp);
	two_columns(fp, "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ");
	two_columns(fp, "(Ký và ghi rõ họ tên)", "(Ký và ghi rõ họ tên)");
	fputs("\n\n\n", fp);
	two_columns(fp, d->applicant, d->clerk);
	free(unit_name);
	if (rc == MC_OK && ferror(fp))
		rc = MC_IO;
	return rc;
}
