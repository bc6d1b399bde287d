/* motcua — the official forms and the extract copy as documents. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-private.h"
#include "document.h"
#include "i18n.h"
#include "layout.h"
#include "settings.h"
#include "strbuf.h"
#include "text.h"

#define RECEIVER "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
#define SCAN_LOOKUP "Quét mã QR để tra cứu tiến độ hồ sơ"
#define SIGN_NOTE "(Ký và ghi rõ họ tên)"

static void signer_release(mc_signer *s)
{
	free(s->title);
	free(s->note);
	free(s->name);
}

void mc_doc_free(mc_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->n_blocks; i++) {
		mc_block *b = &doc->blocks[i];
		free(b->text);
		free(b->value);
		for (size_t k = 0; k < b->n_lines; k++)
			free(b->lines[k]);
		free(b->lines);
		signer_release(&b->sign[0]);
		signer_release(&b->sign[1]);
	}
	free(doc->blocks);
	char *strs[] = { doc->name, doc->author, doc->superior, doc->unit,
			 doc->department, doc->number, doc->place_date };
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		free(strs[i]);
	free(doc);
}

/* ---- building: every allocation failure only marks doc->oom, so that a
 * form reads as a list of calls; the builder checks once at the end. ---- */

static char *dup(mc_doc *doc, const char *s)
{
	char *c;
	if (!s || doc->oom)
		return NULL;
	if (!(c = strdup(s)))
		doc->oom = 1;
	return c;
}

static char *printf_dup(mc_doc *doc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static char *printf_dup(mc_doc *doc, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;
	if (doc->oom)
		return NULL;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(s = malloc((size_t)n + 1))) {
		doc->oom = 1;
		return NULL;
	}
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static mc_block *add(mc_doc *doc, mc_block_kind kind)
{
	static mc_block sink;       /* where the calls of a failed build go */
	mc_block *n = realloc(doc->blocks, (doc->n_blocks + 1) * sizeof *n);
	if (!n) {
		doc->oom = 1;
		memset(&sink, 0, sizeof sink);
		return &sink;
	}
	doc->blocks = n;
	n = &doc->blocks[doc->n_blocks++];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	return n;
}

static void add_line(mc_doc *doc, mc_block *b, const char *s)
{
	char **n;
	if (doc->oom)
		return;
	if (!(n = realloc(b->lines, (b->n_lines + 1) * sizeof *n))) {
		doc->oom = 1;
		return;
	}
	b->lines = n;
	if ((n[b->n_lines] = dup(doc, s)))
		b->n_lines++;
}

static void field(mc_doc *doc, const char *label, const char *value)
{
	mc_block *b = add(doc, MC_BLOCK_FIELD);
	if (doc->oom)
		return;
	b->text = dup(doc, label);
	b->value = dup(doc, value);
}

static void paragraph(mc_doc *doc, char *owned)
{
	mc_block *b = add(doc, MC_BLOCK_PARAGRAPH);
	if (doc->oom) {
		free(owned);
		return;
	}
	b->value = owned;
}

static void title(mc_doc *doc, const char *text, const char *line)
{
	mc_block *b = add(doc, MC_BLOCK_TITLE);
	if (doc->oom)
		return;
	b->text = dup(doc, text);
	if (line)
		add_line(doc, b, line);
}

static void signer(mc_doc *doc, mc_signer *s, const char *title, const char *note,
		   const char *name)
{
	s->title = dup(doc, title);
	s->note = dup(doc, note);
	s->name = dup(doc, name);
}

static char *upper(mc_doc *doc, const char *s)
{
	char *u = s ? mc_utf8_upper(s) : NULL;
	if (s && !u)
		doc->oom = 1;
	return u;
}

/* A new document with the unit's header, dated `day` at the office. */
static mc_status start(mc_db *db, int64_t day, mc_doc **out)
{
	char *unit_name = NULL, *superior = NULL;
	int y, m, d;
	mc_doc *doc = calloc(1, sizeof *doc);
	mc_status rc = mc_setting_get(db, "unit_name", &unit_name);
	*out = NULL;
	if (!doc) {
		free(unit_name);
		return MC_NOMEM;
	}
	if (rc == MC_OK) {
		rc = mc_setting_get(db, "superior_name", &superior);
		if (rc == MC_NOT_FOUND)
			rc = MC_OK;
	}
	if (rc != MC_OK) {
		free(unit_name);
		mc_doc_free(doc);
		return rc;
	}
	mc_civil_from_days(day, &y, &m, &d);
	doc->created = mc_db_now(db);
	doc->mark = mc_db_training(db) ? MC_DOC_TRAINING_MARK : NULL;
	doc->author = unit_name;
	doc->unit = upper(doc, unit_name);
	doc->superior = upper(doc, superior);
	doc->place_date = printf_dup(doc, "%s, ngày %02d tháng %02d năm %04d",
				     mc_layout_place(unit_name), d, m, y);
	free(superior);
	*out = doc;
	return MC_OK;
}

static mc_status finish(mc_doc *doc, mc_doc **out)
{
	if (doc->oom) {
		mc_doc_free(doc);
		return MC_NOMEM;
	}
	*out = doc;
	return MC_OK;
}

/* ---- the forms of a dossier ---- */

static int64_t office_day(mc_db *db, mc_time t)
{
	return mc_local_day(t + (int64_t)mc_db_offset(db) * 60);
}

/* "10 giờ 15 phút, ngày 29 tháng 04 năm 2026", its two halves each kept
 * on one line: no-break spaces (U+00A0) but after the comma. The text
 * rendering prints them as spaces. */
static char *when(mc_doc *doc, mc_db *db, mc_time t)
{
	int64_t local = t + (int64_t)mc_db_offset(db) * 60;
	int y, m, d, min = mc_local_minute_of_day(local);
	char buf[96];
	mc_strbuf b = MC_STRBUF_INIT;
	mc_civil_from_days(mc_local_day(local), &y, &m, &d);
	snprintf(buf, sizeof buf, "%02d giờ %02d phút, ngày %02d tháng %02d năm %04d",
		 min / 60, min % 60, d, m, y);
	for (const char *p = buf; *p; p++)
		mc_strbuf_addf(&b, *p == ' ' && p[-1] != ',' ? "\u00a0" : "%c", *p);
	if (b.oom)
		doc->oom = 1;
	char *s = doc->oom ? NULL : dup(doc, b.s);
	mc_strbuf_release(&b);
	return s;
}

/* The QR code of the dossier's lookup URL, in an empty left column of
 * the signatures (the forms signed by one person). */
static mc_status signatures_with_qr(mc_doc *doc, mc_db *db, const mc_dossier *d,
				    const char *title, const char *note, const char *name)
{
	mc_block *b = add(doc, MC_BLOCK_SIGNATURES);
	char *payload = NULL;
	mc_status rc = mc_dossier_lookup_payload(db, d, &payload);
	if (rc != MC_OK || doc->oom) {
		free(payload);
		return rc;
	}
	b->value = payload;
	b->text = dup(doc, SCAN_LOOKUP);
	signer(doc, &b->sign[1], title, note, name);
	return MC_OK;
}

static void applicant_fields(mc_doc *doc, const mc_dossier *d, const char *who)
{
	char *proc = printf_dup(doc, "%s (mã thủ tục %s)", d->procedure_name, d->procedure);
	field(doc, who, d->applicant);
	field(doc, "Địa chỉ:", d->address);
	field(doc, "Số điện thoại:", d->phone);
	if (d->email)
		field(doc, "Email:", d->email);
	field(doc, "Nội dung yêu cầu giải quyết:", proc);
	free(proc);
}

/* "ngày 30/04/2026" of instant t at the office. */
static void day_text(mc_db *db, mc_time t, char *buf, size_t n)
{
	int y, m, d;
	mc_civil_from_days(office_day(db, t), &y, &m, &d);
	snprintf(buf, n, "ngày %02d/%02d/%04d", d, m, y);
}

/* The setting key, or NULL when unset. */
static char *setting_or_null(mc_db *db, const char *key, mc_status *rc)
{
	char *v = NULL;
	mc_status st = mc_setting_get(db, key, &v);
	if (st != MC_OK && st != MC_NOT_FOUND)
		*rc = st;
	if (v && !*v) {
		free(v);
		v = NULL;
	}
	return v;
}

/* The full name of the clerk of that login (setting clerk_names:
 * "lan=Nguyễn Thị Lan;..."), else the login as recorded. */
static char *clerk_full_name(mc_doc *doc, mc_db *db, const char *login, mc_status *rc)
{
	char *names = setting_or_null(db, "clerk_names", rc), *full = NULL;
	size_t n = login ? strlen(login) : 0;
	for (const char *p = names; p && *p && !full;) {
		size_t len = strcspn(p, ";");
		if (n && len > n && strncmp(p, login, n) == 0 && p[n] == '=') {
			if (!(full = strndup(p + n + 1, len - n - 1)))
				doc->oom = 1;
		}
		p += len + (p[len] == ';');
	}
	free(names);
	return full ? full : dup(doc, login);
}

/* The bounds of the office's year of instant t, as Unix seconds. */
static void year_of(mc_db *db, mc_time t, int *year, mc_time *from, mc_time *to)
{
	int m, d;
	int64_t off = (int64_t)mc_db_offset(db) * 60;
	mc_civil_from_days(office_day(db, t), year, &m, &d);
	*from = mc_days_from_civil(*year, 1, 1) * 86400 - off;
	*to = mc_days_from_civil(*year + 1, 1, 1) * 86400 - off;
}

/* *n := the rows that sql counts, bound to text a and the bounds of the
 * office's year of instant t (*year). */
static mc_status count_in_year(mc_db *db, const char *sql, const char *a, mc_time t,
			       int *year, int64_t *n)
{
	mc_time from, to;
	sqlite3_stmt *st = mc_db_prepare(db, sql);
	if (!st)
		return MC_DB;
	year_of(db, t, year, &from, &to);
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	mc_status rc = sqlite3_step(st) == SQLITE_ROW ? MC_OK : mc_db_sqlfail(db, "dossiers");
	*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc;
}

/* "Vào Sổ theo dõi hồ sơ, Quyển số 01/2026, Số thứ tự 15": one tracking
 * book a year, the dossier's line its place among those entered that
 * year (entered: in the order of the rows, whatever their time). */
static mc_status book_line(mc_doc *doc, mc_db *db, const mc_dossier *d)
{
	int year;
	int64_t n;
	mc_status rc = count_in_year(db,
		"SELECT count(*) FROM dossiers WHERE id <= (SELECT id FROM dossiers WHERE code = ?1)"
		" AND received_at >= ?2 AND received_at < ?3", d->code, d->received_at, &year, &n);
	if (rc == MC_OK)
		paragraph(doc, printf_dup(doc, "Vào Sổ theo dõi hồ sơ, Quyển số 01/%04d, "
					  "Số thứ tự %lld.", year, (long long)n));
	return rc;
}

/* An ID number's label: a 9-digit one is an old identity card (CMND). */
static const char *id_label(const char *id)
{
	return id && strlen(id) == 9 ? "Số Chứng minh nhân dân (CMND):" : "Số định danh cá nhân:";
}

/*
 * The amendments of the applicant's data (history events "amend", their
 * changes read into h->amended), one field each in order, naming the
 * data amended: "Đã đính chính ngày 30/04/2026: họ tên, số điện thoại".
 * The slip shows the current values, never the old ones; these lines say
 * that they are not those first printed.
 */
static void amendments(mc_doc *doc, mc_db *db, const mc_dossier *d)
{
	static const struct { const char *field, *label; } labels[] = {
		{ "applicant", "họ tên" }, { "phone", "số điện thoại" },
		{ "id_number", "số định danh cá nhân" }, { "address", "địa chỉ" },
		{ "email", "email" },
	};
	mc_strbuf b = MC_STRBUF_INIT;
	char day[24], *label;
	for (size_t i = 0; i < d->n_history; i++) {
		const mc_history *h = &d->history[i];
		if (!h->event || strcmp(h->event, "amend") != 0)
			continue;
		mc_strbuf_clear(&b);
		for (size_t k = 0; k < h->n_amended; k++) {
			const mc_amended *a = &h->amended[k];
			for (size_t j = 0; j < sizeof labels / sizeof labels[0]; j++) {
				if (strcmp(a->field, labels[j].field) != 0)
					continue;
				mc_strbuf_addf(&b, "%s%s", b.len ? ", " : "", labels[j].label);
			}
		}
		if (!b.len)
			continue;
		day_text(db, h->at, day, sizeof day);
		label = printf_dup(doc, "Đã đính chính %s:", day);
		field(doc, label, b.s);
		free(label);
	}
	if (b.oom)
		doc->oom = 1;
	mc_strbuf_release(&b);
}

/*
 * The receipt slip. Issued (dossier new), it is the slip of now; reprinted,
 * it is the slip as issued: dated the day of receipt, with the appointment
 * promised then (moved only by supplement waits, never by a reschedule,
 * which form 04 tells), marked as a reprint of today, and saying which of
 * the applicant's data were amended since.
 */
static mc_status form_01(mc_doc *doc, mc_db *db, const mc_dossier *d, int reprint)
{
	char *code = printf_dup(doc, "Mã hồ sơ: %s", d->code), *buf, today[24];
	mc_block *b, *qr;
	mc_status rc;

	doc->paper = MC_PAPER_A5;
	doc->name = printf_dup(doc, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả %s", d->code);
	doc->department = dup(doc, RECEIVER);
	title(doc, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", code);
	free(code);
	doc->copies[0] = "Liên 1: Lưu tại Bộ phận tiếp nhận và trả kết quả";
	doc->copies[1] = "Liên 2: Giao người nộp hồ sơ";
	if (reprint && doc->n_blocks) {
		day_text(db, mc_db_now(db), today, sizeof today);
		buf = printf_dup(doc, "(BẢN IN LẠI %s)", today);
		add_line(doc, &doc->blocks[doc->n_blocks - 1], buf);
		free(buf);
	}
	field(doc, "Bộ phận tiếp nhận và trả kết quả:", doc->author);
	field(doc, "Tiếp nhận hồ sơ của:", d->applicant);
	field(doc, "Địa chỉ:", d->address);
	field(doc, "Số điện thoại:", d->phone);
	if (d->email)
		field(doc, "Email:", d->email);
	field(doc, id_label(d->id_number), d->id_number);
	if (reprint)
		amendments(doc, db, d);
	buf = printf_dup(doc, "%s (mã thủ tục %s)", d->procedure_name, d->procedure);
	field(doc, "Nội dung yêu cầu giải quyết:", buf);
	free(buf);
	b = add(doc, MC_BLOCK_ITEMS);
	if (!doc->oom) {
		b->text = dup(doc, "1. Thành phần hồ sơ nộp gồm:");
		b->value = dup(doc, "Tên giấy tờ");
		for (const char *p = d->documents; *p;) {
			size_t len = strcspn(p, "\n");
			char *item = strndup(p, len);
			if (!item)
				doc->oom = 1;
			add_line(doc, b, item);
			free(item);
			p += len + (p[len] != '\0');
		}
	}
	buf = printf_dup(doc, "%02d bộ", d->sets);
	field(doc, "2. Số lượng hồ sơ:", buf);
	free(buf);
	buf = d->days ? printf_dup(doc, "%d ngày làm việc", d->days)
		      : dup(doc, "trong ngày làm việc");
	field(doc, "3. Thời gian giải quyết hồ sơ theo quy định:", buf);
	free(buf);
	buf = when(doc, db, d->received_at);
	field(doc, "4. Thời gian nhận hồ sơ:", buf);
	free(buf);
	buf = when(doc, db, mc_dossier_promised(d));
	field(doc, "5. Thời gian trả kết quả:", buf);
	free(buf);
	if (strcmp(d->delivery, "post") == 0) {
		buf = printf_dup(doc, "Qua dịch vụ bưu chính công ích, đến địa chỉ: %s",
				 d->address ? d->address : "");
		field(doc, "6. Nơi trả kết quả:", buf);
		free(buf);
	} else {
		field(doc, "6. Nơi trả kết quả:", "Bộ phận tiếp nhận và trả kết quả");
	}
	field(doc, "7. Mã tra cứu (PIN):", d->pin);
	/* On paper the code stands beside items 4 to 7 (an A5 sheet has no
	 * room for it under them); in text it follows them. */
	qr = add(doc, MC_BLOCK_QR);
	if (doc->oom)
		return MC_NOMEM;
	rc = mc_dossier_lookup_payload(db, d, &qr->value);
	qr->text = dup(doc, SCAN_LOOKUP);
	qr->beside = 4;
	if (rc == MC_OK)
		rc = book_line(doc, db, d);
	b = add(doc, MC_BLOCK_SIGNATURES);
	signer(doc, &b->sign[0], "NGƯỜI NỘP HỒ SƠ", SIGN_NOTE, d->applicant);
	buf = clerk_full_name(doc, db, d->clerk, &rc);
	signer(doc, &b->sign[1], "NGƯỜI TIẾP NHẬN HỒ SƠ", SIGN_NOTE, buf);
	free(buf);
	return rc;
}

/* The latest step of the history in status s, or a reschedule (s ==
 * MC_ST_COUNT: a step that moved the due time with a reason, which a
 * reschedule needs; leaving a supplement moves it too, without one);
 * NULL when there is none. An amendment or a note (h->event) is no step. */
static const mc_history *latest(const mc_dossier *d, mc_dossier_status s)
{
	for (size_t i = d->n_history; i-- > 0;) {
		const mc_history *h = &d->history[i];
		if (h->event)
			continue;
		if (s == MC_ST_COUNT ? h->old_due != MC_TIME_NONE && h->reason : h->status == s)
			return h;
	}
	return NULL;
}

/* A sentence ends with one full stop, whether or not the reason has one. */
static const char *stop(const char *s)
{
	size_t n = strlen(s);
	return n && strchr(".!?", s[n - 1]) ? "" : ".";
}

static void reason_items(mc_doc *doc, mc_block *b, const char *reason)
{
	/* "thiếu tờ khai; bản sao CCCD không rõ": one item per part. */
	for (const char *p = reason; *p;) {
		size_t len = strcspn(p, ";\n");
		char *item = strndup(p, len), *t = NULL;
		if (!item || mc_text_clean(item, 0, 0, &t) == MC_NOMEM)
			doc->oom = 1;
		if (t && *t)
			add_line(doc, b, t);
		free(item);
		free(t);
		p += len + (p[len] != '\0');
	}
}

static mc_status form_02(mc_doc *doc, mc_db *db, const mc_dossier *d, const mc_history *h)
{
	char *code = printf_dup(doc, "Mã hồ sơ: %s", d->code), *guide, *phone, *contact;
	mc_status rc = MC_OK;
	mc_block *b;
	doc->name = printf_dup(doc, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ %s", d->code);
	doc->department = dup(doc, RECEIVER);
	title(doc, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", code);
	free(code);
	applicant_fields(doc, d, "Hồ sơ của:");
	b = add(doc, MC_BLOCK_ITEMS);
	if (!doc->oom) {
		b->text = dup(doc, "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:");
		b->value = dup(doc, "Nội dung cần bổ sung, hoàn thiện");
		reason_items(doc, b, h->reason ? h->reason : "");
	}
	/* The reason given apart from the list, as a note; else the list's
	 * own text. */
	field(doc, "Lý do:", h->note ? h->note : h->reason);
	guide = clerk_full_name(doc, db, h->clerk, &rc);
	phone = setting_or_null(db, "office_phone", &rc);
	contact = phone ? printf_dup(doc, ", số điện thoại %s", phone) : dup(doc, "");
	paragraph(doc, printf_dup(doc, "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, "
				  "Ông/Bà liên hệ với Bộ phận tiếp nhận và trả kết quả, %s%s "
				  "(người hướng dẫn: %s) để được hướng dẫn.", doc->author,
				  contact ? contact : "", guide ? guide : ""));
	if (rc == MC_OK)
		rc = signatures_with_qr(doc, db, d, "NGƯỜI HƯỚNG DẪN", SIGN_NOTE, guide);
	free(guide);
	free(phone);
	free(contact);
	return rc;
}

static mc_status form_03(mc_doc *doc, mc_db *db, const mc_dossier *d, const mc_history *h)
{
	char *code = printf_dup(doc, "Mã hồ sơ: %s", d->code), *buf;
	const char *reason = h->reason ? h->reason : "";
	doc->name = printf_dup(doc, "Phiếu từ chối tiếp nhận giải quyết hồ sơ %s", d->code);
	doc->department = dup(doc, RECEIVER);
	title(doc, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", code);
	free(code);
	applicant_fields(doc, d, "Tiếp nhận hồ sơ của:");
	buf = when(doc, db, d->received_at);
	field(doc, "Thời gian nhận hồ sơ:", buf);
	free(buf);
	paragraph(doc, dup(doc, "Sau khi nghiên cứu, đối chiếu với quy định hiện hành, Bộ phận "
			   "tiếp nhận và trả kết quả từ chối tiếp nhận, giải quyết hồ sơ "
			   "này với lý do cụ thể như sau:"));
	paragraph(doc, printf_dup(doc, "%s%s", reason, stop(reason)));
	paragraph(doc, dup(doc, "Xin thông báo cho Ông/Bà được biết và thực hiện./."));
	return signatures_with_qr(doc, db, d, "NGƯỜI TIẾP NHẬN HỒ SƠ", SIGN_NOTE, h->clerk);
}

/* The head of the agency's block: title and name (settings head_title,
 * head_name), else "THỦ TRƯỞNG CƠ QUAN" to be signed by hand. */
static mc_status head_signs(mc_doc *doc, mc_db *db, const mc_dossier *d)
{
	mc_status rc = MC_OK;
	char *title = setting_or_null(db, "head_title", &rc);
	char *name = setting_or_null(db, "head_name", &rc);
	char *upper_title = upper(doc, title);
	if (rc == MC_OK)
		rc = signatures_with_qr(doc, db, d, upper_title ? upper_title : "THỦ TRƯỞNG CƠ QUAN",
					"(Ký, ghi rõ họ tên và đóng dấu)", name);
	free(title);
	free(name);
	free(upper_title);
	return rc;
}

/* "Số: 3/2026/PXL": the apologies (reschedules) of the office's year up
 * to this one. */
static mc_status apology_number(mc_doc *doc, mc_db *db, const mc_history *h)
{
	int year;
	int64_t n;
	char at[24];
	snprintf(at, sizeof at, "%lld", (long long)h->at);
	mc_status rc = count_in_year(db,
		"SELECT count(*) FROM dossier_history WHERE old_due IS NOT NULL AND reason IS NOT NULL"
		" AND event IS NULL AND at <= CAST(?1 AS INTEGER) AND at >= ?2 AND at < ?3",
		at, h->at, &year, &n);
	if (rc == MC_OK)
		doc->number = printf_dup(doc, "Số: %lld/%04d/PXL", (long long)n, year);
	return rc;
}

/* The head of a letter to the applicant (forms 04, 05): its name and
 * title with the dossier's code, "Kính gửi: Ông/Bà ..."; rec := the day
 * of receipt, "29 tháng 04 năm 2026". */
static void letter_head(mc_doc *doc, mc_db *db, const mc_dossier *d, const char *name,
			const char *title_text, char *rec, size_t n)
{
	char *code = printf_dup(doc, "Mã hồ sơ: %s", d->code), *to;
	int y, m, day;
	doc->name = printf_dup(doc, "%s %s", name, d->code);
	title(doc, title_text, code);
	free(code);
	to = printf_dup(doc, "Ông/Bà %s", d->applicant);
	field(doc, "Kính gửi:", to);
	free(to);
	mc_civil_from_days(office_day(db, d->received_at), &y, &m, &day);
	snprintf(rec, n, "%02d tháng %02d năm %04d", day, m, y);
}

static mc_status form_04(mc_doc *doc, mc_db *db, const mc_dossier *d, const mc_history *h)
{
	char *buf, rec[32];
	const char *reason = h->reason ? h->reason : "";
	mc_status rc = apology_number(doc, db, h);
	if (rc != MC_OK)
		return rc;
	letter_head(doc, db, d, "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
		    "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", rec, sizeof rec);
	/* The appointment of the slip (as supplement waits moved it), quoted;
	 * the new one stands out, in bold on paper. */
	buf = when(doc, db, d->promised_at != MC_TIME_NONE ? d->promised_at : h->old_due);
	paragraph(doc, printf_dup(doc, "Ngày %s, %s tiếp nhận hồ sơ của Ông/Bà đề nghị "
				  "giải quyết thủ tục %s (mã hồ sơ %s), hẹn trả kết quả vào %s.",
				  rec, doc->author, d->procedure_name, d->code, buf ? buf : ""));
	field(doc, "Thời gian hẹn trả kết quả trên Giấy tiếp nhận:", buf);
	free(buf);
	paragraph(doc, printf_dup(doc, "Tuy nhiên đến nay, %s chưa trả kết quả giải quyết hồ sơ "
				  "của Ông/Bà đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và "
				  "hẹn trả kết quả. Lý do: %s%s", doc->author, reason,
				  stop(reason)));
	paragraph(doc, printf_dup(doc, "Sự chậm trễ này đã gây phiền hà cho Ông/Bà. %s xin lỗi "
				  "Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào "
				  "thời gian hẹn mới sau đây.", doc->author));
	buf = when(doc, db, h->new_due);
	field(doc, "Thời gian hẹn trả kết quả mới:", buf);
	free(buf);
	paragraph(doc, dup(doc, "Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./."));
	return head_signs(doc, db, d);
}

/* The notice that the handling of the dossier is stopped, with the
 * reason of the stop. */
static mc_status form_05(mc_doc *doc, mc_db *db, const mc_dossier *d, const mc_history *h)
{
	char *buf, rec[32];
	const char *reason = h->reason ? h->reason : "";
	letter_head(doc, db, d, "Thông báo về việc dừng giải quyết hồ sơ",
		    "THÔNG BÁO VỀ VIỆC DỪNG GIẢI QUYẾT HỒ SƠ", rec, sizeof rec);
	paragraph(doc, printf_dup(doc, "Ngày %s, %s tiếp nhận hồ sơ của Ông/Bà đề nghị "
				  "giải quyết thủ tục %s (mã hồ sơ %s).", rec, doc->author,
				  d->procedure_name, d->code));
	paragraph(doc, printf_dup(doc, "%s thông báo dừng giải quyết hồ sơ của Ông/Bà. "
				  "Lý do: %s%s", doc->author, reason, stop(reason)));
	buf = when(doc, db, h->at);
	field(doc, "Thời điểm dừng giải quyết:", buf);
	free(buf);
	paragraph(doc, dup(doc, "Xin thông báo để Ông/Bà được biết./."));
	return head_signs(doc, db, d);
}

mc_status mc_doc_dossier_form(mc_db *db, const mc_dossier *d, int form, mc_doc **out)
{
	static const mc_dossier_status needs[] = { 0, 0, MC_ST_SUPPLEMENT, MC_ST_REJECTED,
						   MC_ST_COUNT, MC_ST_STOPPED };
	static const char *const steps[] = { NULL, NULL, N_("request for a supplement"),
					     N_("rejection"), N_("new due time"),
					     N_("stop of its handling") };
	const mc_history *h = NULL;
	mc_time dated = d->received_at;
	mc_doc *doc;
	mc_status rc;

	*out = NULL;
	if (form < MC_FORM_ISSUE || form > 5)
		return mc_db_fail(db, MC_USAGE, "form %d", form);
	if (form > 1) {
		if (!(h = latest(d, needs[form])))
			return mc_db_fail(db, MC_NOT_FOUND,
					  _("dossier %s: no form %02d, its history has no %s"),
					  d->code, form, _(steps[form]));
		dated = h->at;
	}
	if ((rc = start(db, office_day(db, dated), &doc)) != MC_OK)
		return rc;
	switch (form) {
	case MC_FORM_ISSUE: rc = form_01(doc, db, d, 0); break;
	case 1: rc = form_01(doc, db, d, 1); break;
	case 2: rc = form_02(doc, db, d, h); break;
	case 3: rc = form_03(doc, db, d, h); break;
	case 4: rc = form_04(doc, db, d, h); break;
	default: rc = form_05(doc, db, d, h); break;
	}
	if (rc != MC_OK) {
		mc_doc_free(doc);
		return rc;
	}
	return finish(doc, out);
}

/* ---- the extract ---- */

mc_status mc_doc_extract(mc_db *db, const mc_extract_doc *x, mc_doc **out)
{
	static const char *const titles[] = {
		"TRÍCH LỤC KHAI SINH", "TRÍCH LỤC KẾT HÔN", "TRÍCH LỤC KHAI TỬ",
	};
	char *payload = NULL;
	mc_doc *doc;
	mc_block *b;
	mc_status rc;

	*out = NULL;
	if ((unsigned)x->fields.kind > MC_EXTRACT_DEATH)
		return mc_db_fail(db, MC_USAGE, "extract kind %d", (int)x->fields.kind);
	if (x->payload && !x->preview && !(payload = strdup(x->payload)))
		return MC_NOMEM;
	if (!x->payload && !x->preview &&
	    (rc = mc_extract_payload_sign(db, &x->fields, &payload)) != MC_OK)
		return rc;
	if ((rc = start(db, x->fields.issued_day, &doc)) != MC_OK) {
		free(payload);
		return rc;
	}
	const char *t = x->title ? x->title : titles[x->fields.kind];
	if (x->preview) {
		doc->name = printf_dup(doc, "%s (xem trước)", t);
	} else {
		doc->name = printf_dup(doc, "%s %s", t, x->fields.serial);
		doc->number = printf_dup(doc, "Số: %s", x->fields.serial);
	}
	title(doc, t, x->subtitle ? x->subtitle : "(BẢN SAO)");
	if (x->preview && !doc->oom)
		add_line(doc, &doc->blocks[doc->n_blocks - 1], MC_DOC_PREVIEW_MARK);
	for (size_t i = 0; i < x->n_lines; i++) {
		if (x->lines[i].label)
			field(doc, x->lines[i].label, x->lines[i].value);
		else
			paragraph(doc, dup(doc, x->lines[i].value ? x->lines[i].value : ""));
	}
	if (x->preview)
		paragraph(doc, dup(doc, MC_DOC_PREVIEW_MARK));
	b = add(doc, MC_BLOCK_SIGNATURES);
	if (!doc->oom) {
		b->value = payload;
		payload = NULL;
		b->text = dup(doc, "Quét mã QR để kiểm tra bản trích lục");
		signer(doc, &b->sign[1], x->signer_title ? x->signer_title : "NGƯỜI KÝ BẢN SAO TRÍCH LỤC",
		       "(Ký, ghi rõ họ, chữ đệm, tên, chức vụ và đóng dấu)", x->signer_name);
	}
	free(payload);
	return finish(doc, out);
}
