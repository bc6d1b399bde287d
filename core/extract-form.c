/* motcua — an extract as a document: the official form of its kind, as
 * 80-column text or as the lines that the paper renderer draws, and the
 * fields that its signed QR code vouches for. */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "extract-private.h"
#include "extract.h"
#include "layout.h"
#include "qr.h"
#include "register-private.h"
#include "settings.h"
#include "sign.h"
#include "text.h"
#include "words.h"

/* ---- the text form ---- */

/* "12/03/2019" from "2019-03-12"; the value itself when it is no date. */
static void vn_date(const char *iso, char *buf, size_t n)
{
	int64_t day;
	if (iso && mc_parse_date(iso, &day) == MC_OK)
		mc_format_date_vn(day, buf, n);
	else
		snprintf(buf, n, "%s", iso ? iso : "");
}

/* "12/03/2019", and on the next line "ghi bằng chữ: ngày mười hai tháng
 * ba năm ...": a date and its words. */
static void date_and_words(const char *iso, char *buf, size_t n)
{
	int64_t day;
	int y, m, d;
	char words[256];
	if (!iso || mc_parse_date(iso, &day) != MC_OK) {
		snprintf(buf, n, "%s", iso ? iso : "");
		return;
	}
	mc_civil_from_days(day, &y, &m, &d);
	mc_words_date(y, m, d, words, sizeof words);
	snprintf(buf, n, "%02d/%02d/%04d\nghi bằng chữ: %s", d, m, y, words);
}

static const char *val(const mc_extract *x, const char *column)
{
	const char *v = mc_entry_get(&x->entry, column);
	return v ? v : "";
}

/*
 * Where a form goes: printed as text (lo), or collected as the lines of a
 * document (core/document.h) whose renderer draws its own header, signer
 * block and signed QR code.
 */
struct form {
	const mc_layout *lo;
	mc_doc_line *lines;
	size_t n, cap;
	int oom;
};

static void field(struct form *f, const char *label, const char *value)
{
	if (f->lo) {
		mc_layout_field(f->lo, label, value);
		return;
	}
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		mc_doc_line *l = realloc(f->lines, cap * sizeof *l);
		if (!l) {
			f->oom = 1;
			return;
		}
		f->lines = l;
		f->cap = cap;
	}
	char *lb = label ? strdup(label) : NULL, *v = strdup(value ? value : "");
	if ((label && !lb) || !v) {
		free(lb);
		free(v);
		f->oom = 1;
		return;
	}
	f->lines[f->n].label = lb;
	f->lines[f->n++].value = v;
}

static void blank(struct form *f)
{
	if (f->lo)
		putc('\n', f->lo->fp);
}

static void form_release(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free((char *)f->lines[i].label);
		free((char *)f->lines[i].value);
	}
	free(f->lines);
}

/* "Dân tộc: Kinh    Quốc tịch: Việt Nam" on one line. */
static void ethnicity_line(struct form *fp, const mc_extract *x, const char *prefix)
{
	char eth[64], nat[64], line[256];
	snprintf(eth, sizeof eth, "%sethnicity", prefix);
	snprintf(nat, sizeof nat, "%snationality", prefix);
	snprintf(line, sizeof line, "%s    Quốc tịch: %s", val(x, eth), val(x, nat));
	field(fp, "Dân tộc:", line);
}

static void header(struct form *f, const mc_extract *x, const char *title)
{
	const mc_layout *lo = f->lo;
	if (!lo)
		return;
	char *upper = mc_utf8_upper(x->unit_name), serial[96];
	mc_layout_two_columns(lo, upper ? upper : x->unit_name,
			      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	if (x->preview)
		serial[0] = '\0';
	else
		snprintf(serial, sizeof serial, "Số: %s", x->serial);
	mc_layout_two_columns(lo, serial, "Độc lập - Tự do - Hạnh phúc");
	mc_layout_two_columns(lo, "", "───────────────────────────");
	free(upper);
	putc('\n', lo->fp);
	mc_layout_centred(lo, title);
	mc_layout_centred(lo, "(BẢN SAO)");
	if (x->preview)
		mc_layout_centred(lo, MC_DOC_PREVIEW_MARK);
	putc('\n', lo->fp);
}

/* "Đăng ký khai sinh tại UBND ..., Số 15, Quyển số 01/2019, ngày 15/03/2019":
 * the office that made the entry, which is this unit unless the entry
 * names another (a commune merged into the ward: registering_office). */
static void registration(struct form *fp, const mc_extract *x, const char *what)
{
	char date[16], line[640];
	const char *office = val(x, "registering_office");
	vn_date(val(x, "registered_on"), date, sizeof date);
	snprintf(line, sizeof line, "%s, Số %s, Quyển số %s, ngày %s",
		 *office ? office : x->unit_name, val(x, "number"), val(x, "book"), date);
	char label[64];
	snprintf(label, sizeof label, "Đăng ký %s tại", what);
	field(fp, label, line);
}

static void footer(struct form *f, const mc_extract *x, const char *book_name)
{
	int64_t day = mc_day_at(x->issued_at, x->offset_min);
	int y, m, d;
	char line[256];
	const mc_layout *lo = f->lo;
	field(f, "Ghi chú:", val(x, "note"));
	snprintf(line, sizeof line, "Sao từ %s", book_name);
	/* The document draws its own place, date and signer (the same words,
	 * core/document.c); the line of the book is one of its lines. */
	if (!lo) {
		field(f, NULL, line);
		return;
	}
	putc('\n', lo->fp);
	mc_layout_right(lo, NULL, line, 2);
	mc_civil_from_days(day, &y, &m, &d);
	snprintf(line, sizeof line, "%s, ngày %02d tháng %02d năm %04d",
		 mc_layout_place(x->unit_name), d, m, y);
	mc_layout_right(lo, NULL, line, 2);
	mc_layout_two_columns(lo, "", "NGƯỜI KÝ BẢN SAO TRÍCH LỤC");
	mc_layout_two_columns(lo, "", "(Ký, ghi rõ họ, chữ đệm, tên,");
	mc_layout_two_columns(lo, "", "chức vụ và đóng dấu)");
	fputs("\n\n\n", lo->fp);
}

static void name_line(struct form *fp, const char *label, const char *name)
{
	char *upper = mc_utf8_upper(name);
	field(fp, label, upper ? upper : name);
	free(upper);
}

/* The person of a birth or death entry: name, date of birth (also in
 * words), sex, ethnicity and nationality. */
static void person(struct form *fp, const mc_extract *x)
{
	char buf[512];
	name_line(fp, "Họ, chữ đệm, tên:", val(x, "full_name"));
	date_and_words(val(x, "date_of_birth"), buf, sizeof buf);
	field(fp, "Ngày, tháng, năm sinh:", buf);
	field(fp, "Giới tính:", val(x, "sex"));
	ethnicity_line(fp, x, "");
}

static void birth_form(struct form *fp, const mc_extract *x)
{
	header(fp, x, "TRÍCH LỤC KHAI SINH");
	person(fp, x);
	field(fp, "Nơi sinh:", val(x, "place_of_birth"));
	field(fp, "Quê quán:", val(x, "hometown"));
	field(fp, "Số định danh cá nhân:", val(x, "id_number"));
	blank(fp);
	name_line(fp, "Họ, chữ đệm, tên người mẹ:", val(x, "mother_name"));
	field(fp, "Năm sinh:", val(x, "mother_birth_year"));
	ethnicity_line(fp, x, "mother_");
	field(fp, "Nơi cư trú:", val(x, "mother_residence"));
	blank(fp);
	name_line(fp, "Họ, chữ đệm, tên người cha:", val(x, "father_name"));
	field(fp, "Năm sinh:", val(x, "father_birth_year"));
	ethnicity_line(fp, x, "father_");
	field(fp, "Nơi cư trú:", val(x, "father_residence"));
	blank(fp);
	field(fp, "Người đi đăng ký khai sinh:", val(x, "declarant"));
	registration(fp, x, "khai sinh");
	field(fp, "Người thực hiện:", val(x, "registrar"));
	footer(fp, x, "Sổ đăng ký khai sinh");
}

static void spouse(struct form *fp, const mc_extract *x, const char *who, const char *prefix)
{
	char col[64], label[64], buf[512];
	snprintf(col, sizeof col, "%sname", prefix);
	snprintf(label, sizeof label, "Họ, chữ đệm, tên %s:", who);
	name_line(fp, label, val(x, col));
	snprintf(col, sizeof col, "%sdate_of_birth", prefix);
	date_and_words(val(x, col), buf, sizeof buf);
	field(fp, "Ngày, tháng, năm sinh:", buf);
	ethnicity_line(fp, x, prefix);
	snprintf(col, sizeof col, "%sresidence", prefix);
	field(fp, "Nơi cư trú:", val(x, col));
	snprintf(col, sizeof col, "%sid_number", prefix);
	field(fp, "Số định danh cá nhân:", val(x, col));
	blank(fp);
}

static void marriage_form(struct form *fp, const mc_extract *x)
{
	header(fp, x, "TRÍCH LỤC KẾT HÔN");
	spouse(fp, x, "chồng", "husband_");
	spouse(fp, x, "vợ", "wife_");
	registration(fp, x, "kết hôn");
	field(fp, "Người thực hiện:", val(x, "registrar"));
	footer(fp, x, "Sổ đăng ký kết hôn");
}

static void death_form(struct form *fp, const mc_extract *x)
{
	char when[512], date[256];
	header(fp, x, "TRÍCH LỤC KHAI TỬ");
	person(fp, x);
	field(fp, "Số định danh cá nhân:", val(x, "id_number"));
	date_and_words(val(x, "died_on"), date, sizeof date);
	const char *t = val(x, "died_at_time");
	if (*t)
		snprintf(when, sizeof when, "%.2s giờ %.2s phút, ngày %s", t, t + 3, date);
	else
		snprintf(when, sizeof when, "ngày %s", date);
	field(fp, "Đã chết vào lúc:", when);
	field(fp, "Nơi chết:", val(x, "place_of_death"));
	field(fp, "Nguyên nhân chết:", val(x, "cause"));
	blank(fp);
	field(fp, "Người đi đăng ký khai tử:", val(x, "declarant"));
	registration(fp, x, "khai tử");
	field(fp, "Người thực hiện:", val(x, "registrar"));
	footer(fp, x, "Sổ đăng ký khai tử");
}

static void write_form(struct form *f, const mc_extract *x)
{
	switch (x->kind) {
	case MC_REG_BIRTH:    birth_form(f, x); break;
	case MC_REG_MARRIAGE: marriage_form(f, x); break;
	case MC_REG_DEATH:    death_form(f, x); break;
	default:              break;
	}
}

/* ---- what the signed QR code vouches for ---- */

mc_status extract_signed_fields(mc_db *db, const mc_extract *x, mc_extract_fields *f,
			       char **unit)
{
	static const mc_extract_kind kinds_of[MC_REG_KINDS] = {
		[MC_REG_BIRTH] = MC_EXTRACT_BIRTH, [MC_REG_MARRIAGE] = MC_EXTRACT_MARRIAGE,
		[MC_REG_DEATH] = MC_EXTRACT_DEATH,
	};
	static const char *const event_of[MC_REG_KINDS] = {
		[MC_REG_BIRTH] = "date_of_birth", [MC_REG_MARRIAGE] = "registered_on",
		[MC_REG_DEATH] = "died_on",
	};
	mc_extract_fields empty = MC_EXTRACT_FIELDS_INIT;
	mc_status rc = mc_setting_get(db, "unit_id", unit);
	if (rc != MC_OK)
		return rc;
	*f = empty;
	f->kind = kinds_of[x->kind];
	f->unit_id = *unit;
	f->serial = x->serial;
	f->book = val(x, "book");
	f->number = val(x, "number");
	f->name = val(x, x->kind == MC_REG_MARRIAGE ? "husband_name" : "full_name");
	f->name2 = x->kind == MC_REG_MARRIAGE ? val(x, "wife_name") : NULL;
	if (mc_parse_date(val(x, event_of[x->kind]), &f->event_day) != MC_OK)
		f->event_day = 0;
	f->issued_day = mc_day_at(x->issued_at, x->offset_min);
	return MC_OK;
}

/* The official text form, with the QR code of the payload issued under
 * it (a preview: its mark instead). MC_IO on a write error. */
static mc_status write_text(const mc_extract *x, FILE *fp, int colour)
{
	const mc_layout lo = { fp, MC_LAYOUT_WIDTH, 0 };
	struct form f = { &lo, NULL, 0, 0, 0 };
	mc_qr qr = MC_QR_INIT;
	mc_status rc = MC_OK;
	if (x->kind >= MC_REG_KINDS || (!x->preview && !x->payload))
		return MC_USAGE;
	/* Encoded first: nothing is half written when it cannot be. */
	if (!x->preview && (rc = mc_qr_encode(&qr, x->payload, MC_QR_M)) != MC_OK)
		return rc;
	write_form(&f, x);
	if (x->preview) {
		mc_layout_centred(&lo, MC_DOC_PREVIEW_MARK);
		putc('\n', fp);
	} else {
		rc = mc_layout_qr(&lo, &qr, "Mã QR xác thực bản sao trích lục (motcua qr verify)",
				  colour);
	}
	mc_qr_release(&qr);
	return rc == MC_OK && ferror(fp) ? MC_IO : rc;
}

static mc_status extract_text(mc_db *db, const void *x, FILE *fp, int colour)
{
	(void)db;
	return write_text(x, fp, colour);
}

mc_status mc_extract_document(mc_db *db, const mc_extract *x, mc_doc **out)
{
	struct form f = { NULL, NULL, 0, 0, 0 };
	mc_extract_doc xd = { MC_EXTRACT_FIELDS_INIT, NULL, NULL, NULL, 0, NULL, NULL,
			      x->payload, x->preview };
	char *unit = NULL;
	*out = NULL;
	if (x->kind >= MC_REG_KINDS || (!x->preview && !x->payload))
		return MC_USAGE;
	write_form(&f, x);
	mc_status rc = f.oom ? MC_NOMEM : extract_signed_fields(db, x, &xd.fields, &unit);
	xd.lines = f.lines;
	xd.n_lines = f.n;
	if (rc == MC_OK)
		rc = mc_doc_extract(db, &xd, out);
	if (rc == MC_OK) {
		(*out)->text_fn = extract_text;
		(*out)->text_ud = x;
	}
	form_release(&f);
	free(unit);
	return rc;
}
