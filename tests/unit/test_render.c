/* Unit tests of the documents (core/document.c, core/render*.c, and the
 * paper renderer's module found in MOTCUA_MODULEDIR): what forms 01-04
 * and the extract say, built from a dossier's history; their PDF read
 * back with pdftotext, pdffonts, pdfinfo and, through pdftoppm, zbarimg;
 * their PNG read with zbarimg; page breaks; write errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "motcua.h"
#include "unit.h"

#define URL "https://dvc.example.gov.vn/tra-cuu?ma={code}&pin={pin}"

static char dir[] = "/tmp/motcua-test-render.XXXXXX";
static char helpers[150];

static mc_db *office(void)
{
	char path[256];
	mc_db *db = NULL;
	mc_time now;
	snprintf(path, sizeof path, "%s/motcua.db", dir);
	if (mc_db_open(path, MC_DB_CREATE, 1000, &db) != MC_OK)
		return NULL;
	mc_db_set_clerk(db, "lan");
	mc_now("2026-04-29T10:15:00+07:00", 420, &now);
	mc_db_set_now(db, now);
	mc_db_begin(db);
	mc_setting_set(db, "unit_id", "000.00.22.H12");
	mc_setting_set(db, "unit_name", "UBND phường Vĩnh Phú");
	mc_setting_set(db, "lookup_url", URL);
	mc_procedure_seed(db);
	mc_db_commit(db);
	return db;
}

static mc_dossier *receive(mc_db *db, const char *applicant, size_t n_docs)
{
	static const char *docs[60];
	char buf[60][48];
	mc_dossier_input in = MC_DOSSIER_INPUT_INIT;
	mc_dossier *d = NULL, *full = NULL;
	for (size_t i = 0; i < n_docs; i++) {
		snprintf(buf[i], sizeof buf[i], "Giấy tờ số %zu", i + 1);
		docs[i] = buf[i];
	}
	in.procedure = "2.000635";
	in.applicant = applicant;
	in.address = "12 đường Lê Lợi, khu phố 3, phường Vĩnh Phú";
	in.phone = "0912345678";
	in.docs = docs;
	in.n_docs = n_docs;
	mc_db_begin(db);
	if (mc_dossier_create(db, &in, &d) == MC_OK)
		mc_db_commit(db);
	if (d)
		mc_dossier_get(db, d->code, &full);
	mc_dossier_free(d);
	return full;
}

static mc_dossier *change(mc_db *db, const char *code, const char *status, const char *reason,
			  const char *due)
{
	mc_dossier_change chg = MC_DOSSIER_CHANGE_INIT;
	mc_dossier *d = NULL, *full = NULL;
	chg.status = status;
	chg.reason = reason;
	if (due)
		mc_parse_datetime(due, 420, &chg.due);
	mc_db_begin(db);
	if (mc_dossier_update(db, code, &chg, &d) == MC_OK)
		mc_db_commit(db);
	else
		mc_db_rollback(db);
	mc_dossier_get(db, code, &full);
	mc_dossier_free(d);
	return full;
}

/* Writes doc to dir/NAME in fmt; 0 on success. */
static mc_status write_doc(mc_db *db, const mc_doc *doc, mc_doc_format fmt, const char *name)
{
	char path[256];
	FILE *fp;
	mc_status st;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(fp = fopen(path, "wb")))
		return MC_CANT_CREATE;
	st = mc_doc_write(db, doc, fmt, fp, 0);
	if (fclose(fp) != 0 && st == MC_OK)
		st = MC_IO;
	return st;
}

static char *run_on(const char *fmt, const char *name)
{
	char cmd[1024], path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(cmd, sizeof cmd, fmt, path, path, path);
	return unit_capture(cmd);
}

static int has(const char *text, const char *what)
{
	return text && strstr(text, what) != NULL;
}

static void test_form_01(mc_db *db, mc_dossier *d)
{
	mc_doc *doc = NULL;
	char want[300], *payload = NULL, *s;
	CHECK_INT(mc_doc_dossier_form(db, d, 1, &doc), MC_OK, "form 01 of a new dossier");
	if (!doc)
		return;
	mc_dossier_lookup_payload(db, d, &payload);
	CHECK_INT(doc->paper, MC_PAPER_A5, "the slip is A5");
	CHECK_STR(doc->unit, "UBND PHƯỜNG VĨNH PHÚ", "the unit in capitals");
	CHECK_STR(doc->department, "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", "the department");
	CHECK(doc->superior == NULL, "no superior unless set");
	CHECK_STR(doc->place_date, "Vĩnh Phú, ngày 29 tháng 04 năm 2026", "place and date");
	CHECK(doc->n_blocks > 5 && doc->blocks[0].kind == MC_BLOCK_TITLE, "a title first");
	CHECK_STR(doc->blocks[0].text, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "its title");
	snprintf(want, sizeof want, "Mã hồ sơ: %s", d->code);
	CHECK_STR(doc->blocks[0].n_lines ? doc->blocks[0].lines[0] : NULL, want, "the code under it");
	int items = 0, qr = 0;
	for (size_t i = 0; i < doc->n_blocks; i++) {
		const mc_block *b = &doc->blocks[i];
		if (b->kind == MC_BLOCK_ITEMS)
			items = b->n_lines == 2 && !strcmp(b->lines[1], "Giấy tờ số 2");
		if (b->kind == MC_BLOCK_QR)
			qr = b->beside == 4 && payload && !strcmp(b->value, payload);
	}
	CHECK(items, "the papers received, numbered");
	CHECK(qr, "the lookup URL's code beside items 4 to 7");

	CHECK_INT(write_doc(db, doc, MC_DOC_PDF, "01.pdf"), MC_OK, "the slip as PDF");
	s = run_on("pdftotext '%s' -", "01.pdf");
	CHECK(has(s, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"), "pdftotext: the title");
	CHECK(has(s, "Trần Thị Bích Ngọc"), "pdftotext: the applicant with her diacritics");
	CHECK(has(s, "ngày 29 tháng 04 năm 2026"), "pdftotext: the date received");
	CHECK(has(s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && has(s, "Độc lập - Tự do - Hạnh phúc"),
	      "pdftotext: the national motto");
	CHECK(has(s, "Quét mã QR"), "pdftotext: the QR caption");
	free(s);
	s = run_on("pdffonts '%s' | awk 'NR > 2 { print $(NF - 4) }' | sort -u", "01.pdf");
	CHECK_STR(s, "yes", "pdffonts: every font embedded");
	free(s);
	s = run_on("pdffonts '%s' | grep -c LiberationSerif", "01.pdf");
	CHECK(s && atoi(s) >= 2, "in Liberation Serif (%s fonts)", s ? s : "?");
	free(s);
	s = run_on("pdfinfo '%s' | grep '^Page size'", "01.pdf");
	CHECK(has(s, "419.528 x 595.276 pts"), "pdfinfo: A5, 148 x 210 mm (%s)", s ? s : "?");
	free(s);
	s = run_on("pdfinfo '%s' | grep '^Title'", "01.pdf");
	CHECK(has(s, d->code), "the PDF's title names the dossier");
	free(s);
	s = run_on("pdftoppm -r 150 -png '%s' '%s' && zbarimg --raw -q '%s-1.png' 2>/dev/null",
		   "01.pdf");
	CHECK_STR(s, payload, "pdftoppm -r 150 then zbarimg: the lookup URL");
	free(s);
	CHECK_INT(write_doc(db, doc, MC_DOC_PNG, "01.png"), MC_OK, "the slip as PNG");
	s = run_on("zbarimg --raw -q '%s' 2>/dev/null", "01.png");
	CHECK_STR(s, payload, "zbarimg reads the PNG's code");
	free(s);
	snprintf(want, sizeof want, "'%s/pnginfo' '%%s'", helpers);
	s = run_on(want, "01.png");
	CHECK(has(s, "875x1241 "), "an A5 page at 150 dpi: %s", s ? s : "?");
	free(s);
	mc_doc_free(doc);
	free(payload);
}

static void test_forms_from_history(mc_db *db, mc_dossier *d)
{
	mc_doc *doc = NULL;
	char *s;
	FILE *fp;
	CHECK_INT(mc_doc_dossier_form(db, d, 2, &doc), MC_NOT_FOUND,
		  "no form 02 before a supplement is asked");
	CHECK(strstr(mc_errmsg(db), "no form 02"), "saying so: %s", mc_errmsg(db));
	CHECK_INT(mc_doc_dossier_form(db, d, 6, &doc), MC_USAGE, "there is no form 06");

	mc_time later;
	mc_now("2026-04-30T14:00:00+07:00", 420, &later);
	mc_db_set_now(db, later);
	mc_dossier *s2 = change(db, d->code, "supplement",
				"Bổ sung bản sao Giấy khai sinh; Tờ khai chưa có chữ ký", NULL);
	CHECK_INT(mc_doc_dossier_form(db, s2, 2, &doc), MC_OK, "form 02 after the request");
	if (doc) {
		CHECK_INT(doc->paper, MC_PAPER_A4, "A4");
		CHECK_STR(doc->place_date, "Vĩnh Phú, ngày 30 tháng 04 năm 2026",
			  "dated the day of the request");
		int items = 0;
		for (size_t i = 0; i < doc->n_blocks; i++)
			if (doc->blocks[i].kind == MC_BLOCK_ITEMS)
				items = doc->blocks[i].n_lines == 2 &&
					!strcmp(doc->blocks[i].lines[1], "Tờ khai chưa có chữ ký");
		CHECK(items, "the reason's parts are the items to supplement");
		fp = tmpfile();
		CHECK_INT(mc_doc_write(db, doc, MC_DOC_TEXT, fp, 0), MC_OK, "as text");
		if (fp)
			fclose(fp);
		CHECK_INT(write_doc(db, doc, MC_DOC_PDF, "02.pdf"), MC_OK, "as PDF");
		s = run_on("pdftotext '%s' -", "02.pdf");
		CHECK(has(s, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"), "pdftotext: form 02's title");
		CHECK(has(s, "Bổ sung bản sao Giấy khai sinh"), "pdftotext: what to supplement");
		free(s);
		s = run_on("pdfinfo '%s' | grep '^Page size'", "02.pdf");
		CHECK(has(s, "(A4)"), "pdfinfo: A4");
		free(s);
		mc_doc_free(doc);
	}

	mc_dossier *r = receive(db, "Lê Văn Cường", 1);
	mc_dossier *r2 = r ? change(db, r->code, "rejected", "Không thuộc thẩm quyền", NULL) : NULL;
	CHECK_INT(r2 ? mc_doc_dossier_form(db, r2, 3, &doc) : MC_USAGE, MC_OK, "form 03 after a rejection");
	if (r2 && doc) {
		int reason = 0;
		for (size_t i = 0; i < doc->n_blocks; i++)
			reason |= doc->blocks[i].kind == MC_BLOCK_PARAGRAPH &&
				  !strcmp(doc->blocks[i].value, "Không thuộc thẩm quyền.");
		CHECK(reason, "its reason, with a full stop");
		CHECK_INT(write_doc(db, doc, MC_DOC_PDF, "03.pdf"), MC_OK, "as PDF");
		s = run_on("pdftotext '%s' -", "03.pdf");
		CHECK(has(s, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ") && has(s, "Lê Văn Cường"),
		      "pdftotext: form 03's title and the name");
		free(s);
		mc_doc_free(doc);
	}

	mc_dossier *a = receive(db, "Phạm Thị Dung", 0);
	mc_dossier *a2 = a ? change(db, a->code, NULL, "Cần xác minh thêm", "2026-05-08 16:00") : NULL;
	CHECK_INT(a2 ? mc_doc_dossier_form(db, a2, 4, &doc) : MC_USAGE, MC_OK,
		  "form 04 after a new due time");
	if (a2 && doc) {
		CHECK(doc->department == NULL, "form 04 comes from the unit itself");
		CHECK_INT(write_doc(db, doc, MC_DOC_PDF, "04.pdf"), MC_OK, "as PDF");
		s = run_on("pdftotext '%s' - | tr '\\n' ' ' | tr -s ' '", "04.pdf");
		CHECK(has(s, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"), "pdftotext: form 04's title");
		CHECK(has(s, "Cần xác minh thêm"), "pdftotext: the reason");
		CHECK(has(s, "16 giờ 00 phút, ngày 08 tháng 05 năm 2026"), "pdftotext: the new date");
		/* 2.000635 is same-day: received on the 30/04 holiday, due the next
		 * working day at 17:00. */
		CHECK(has(s, "17 giờ 00 phút, ngày 04 tháng 05 năm 2026"), "pdftotext: the old date");
		free(s);
		mc_doc_free(doc);
	}
	mc_dossier_free(s2);
	mc_dossier_free(r);
	mc_dossier_free(r2);
	mc_dossier_free(a);
	mc_dossier_free(a2);
}

/* Fifty papers do not fit one A5 page: the table goes on, its heading
 * repeated, and the PNG stacks the pages. */
static void test_pages(mc_db *db)
{
	mc_dossier *d = receive(db, "Đỗ Văn Em", 50);
	mc_doc *doc = NULL;
	char *s, cmd[1100];
	if (!d || mc_doc_dossier_form(db, d, 1, &doc) != MC_OK) {
		CHECK(0, "a dossier with 50 papers");
		mc_dossier_free(d);
		return;
	}
	CHECK_INT(write_doc(db, doc, MC_DOC_PDF, "long.pdf"), MC_OK, "a long slip");
	s = run_on("pdfinfo '%s' | awk '/^Pages:/ { print $2 }'", "long.pdf");
	CHECK(s && atoi(s) >= 2, "on %s pages", s ? s : "?");
	int pages = s ? atoi(s) : 0;
	free(s);
	s = run_on("pdftotext -f 2 -l 2 '%s' -", "long.pdf");
	CHECK(has(s, "STT") && has(s, "Tên giấy tờ"), "page 2: the table's heading again");
	free(s);
	s = run_on("pdftotext '%s' -", "long.pdf");
	CHECK(has(s, "Giấy tờ số 49") && has(s, "Giấy tờ số 50") && has(s, "NGƯỜI NỘP HỒ SƠ"),
	      "every paper, then the signatures");
	free(s);
	CHECK_INT(write_doc(db, doc, MC_DOC_PNG, "long.png"), MC_OK, "as PNG");
	snprintf(cmd, sizeof cmd, "'%s/pnginfo' '%%s' | cut -d' ' -f1", helpers);
	s = run_on(cmd, "long.png");
	/* The PDF holds the slip's two copies; the PNG, for a screen, the
	 * applicant's. */
	pages /= 2;
	snprintf(cmd, sizeof cmd, "875x%d", pages * 1241 + (pages - 1) * 16);
	CHECK_STR(s, cmd, "the PNG holds the %d pages of one copy one under the other", pages);
	free(s);
	mc_doc_free(doc);
	mc_dossier_free(d);
}

static void test_extract(mc_db *db)
{
	static const mc_doc_line lines[] = {
		{ "Họ, chữ đệm, tên:", "NGUYỄN THỊ THANH HƯƠNG" },
		{ "Ngày, tháng, năm sinh:", "05/03/2019" },
		{ NULL, "Đăng ký khai sinh tại UBND phường Vĩnh Phú, Số 125, Quyển số 01/2019." },
	};
	mc_extract_doc x = { MC_EXTRACT_FIELDS_INIT, NULL, NULL, lines, 3, NULL, "Lê Thị Mai",
			     NULL, 0 };
	mc_extract_fields got = MC_EXTRACT_FIELDS_INIT;
	mc_verify_result r;
	unsigned char pk[32];
	mc_doc *doc = NULL;
	char *s;

	x.fields.kind = MC_EXTRACT_BIRTH;
	x.fields.unit_id = "000.00.22.H12";
	x.fields.serial = "125/2026/TLKS-BS";
	x.fields.book = "01/2019";
	x.fields.number = "125";
	x.fields.name = "Nguyễn Thị Thanh Hương";
	x.fields.event_day = mc_days_from_civil(2019, 3, 5);
	x.fields.issued_day = mc_days_from_civil(2026, 4, 29);
	mc_db_begin(db);
	CHECK_INT(mc_doc_extract(db, &x, &doc), MC_OK, "the extract as a document");
	if (doc) {
		CHECK_INT(write_doc(db, doc, MC_DOC_PDF, "x.pdf"), MC_OK, "the extract as PDF");
		CHECK_INT(write_doc(db, doc, MC_DOC_PNG, "x.png"), MC_OK, "and as PNG");
		mc_doc_free(doc);
	}
	mc_db_commit(db);
	s = run_on("pdftotext '%s' -", "x.pdf");
	CHECK(has(s, "TRÍCH LỤC KHAI SINH") && has(s, "(BẢN SAO)"), "pdftotext: the title");
	CHECK(has(s, "Số: 125/2026/TLKS-BS"), "pdftotext: the serial as its number");
	CHECK(has(s, "NGUYỄN THỊ THANH HƯƠNG") && has(s, "Lê Thị Mai"), "pdftotext: the names");
	CHECK(has(s, "NGƯỜI KÝ BẢN SAO TRÍCH LỤC"), "pdftotext: the signer's block");
	free(s);
	s = run_on("zbarimg --raw -q '%s' 2>/dev/null", "x.png");
	CHECK(s && !strncmp(s, "MC1:", 4), "its QR code holds a signed payload");
	int genuine = s && mc_sign_public_key(db, pk) == MC_OK &&
		      mc_extract_payload_verify(s, pk, &got, &r, NULL) == MC_OK &&
		      r == MC_VERIFY_GENUINE;
	CHECK(genuine, "that verifies with the office's key");
	CHECK_STR(got.name, "Nguyễn Thị Thanh Hương", "naming the person");
	mc_extract_fields_release(&got);
	free(s);
	s = run_on("pdftoppm -r 150 -png '%s' '%s' && zbarimg --raw -q '%s-1.png' 2>/dev/null", "x.pdf");
	CHECK(s && !strncmp(s, "MC1:", 4), "the PDF's code reads too after pdftoppm");
	free(s);
}

static void test_errors(mc_db *db, mc_dossier *d)
{
	mc_doc *doc = NULL;
	mc_doc_format f;
	FILE *full = fopen("/dev/full", "w");
	CHECK(mc_doc_format_parse("pdf", &f) == MC_OK && f == MC_DOC_PDF, "format pdf");
	CHECK_INT(mc_doc_format_parse("PDF", &f), MC_BAD_INPUT, "formats are lower case");
	CHECK_INT(mc_doc_format_parse("none", &f), MC_BAD_INPUT, "none is not a format");
	if (!full || mc_doc_dossier_form(db, d, 1, &doc) != MC_OK) {
		CHECK(0, "/dev/full and a form");
		return;
	}
	setvbuf(full, NULL, _IONBF, 0);
	for (int fmt = MC_DOC_TEXT; fmt <= MC_DOC_PNG; fmt++) {
		clearerr(full);
		CHECK_INT(mc_doc_write(db, doc, (mc_doc_format)fmt, full, 0), MC_IO,
			  "format %d on a full disk", fmt);
	}
	fclose(full);
	mc_doc_free(doc);
}

static void test_superior(mc_db *db, mc_dossier *d)
{
	mc_doc *doc = NULL;
	mc_db_begin(db);
	mc_setting_set(db, "superior_name", "UBND thành phố Thuận An");
	mc_db_commit(db);
	CHECK_INT(mc_doc_dossier_form(db, d, 1, &doc), MC_OK, "with a superior set");
	CHECK_STR(doc ? doc->superior : NULL, "UBND THÀNH PHỐ THUẬN AN", "it heads the unit's block");
	mc_doc_free(doc);
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	mc_db *db;
	mc_dossier *d;
	(void)argc;
	snprintf(helpers, sizeof helpers, "%.*s", slash ? (int)(slash - argv[0]) : 1,
		 slash ? argv[0] : ".");
	if (!mkdtemp(dir) || !(db = office())) {
		CHECK(0, "a test office");
		return 1;
	}
	d = receive(db, "Trần Thị Bích Ngọc", 2);
	CHECK(d != NULL, "a dossier");
	if (d) {
		test_form_01(db, d);
		test_errors(db, d);
		test_forms_from_history(db, d);
		test_pages(db);
		test_extract(db);
		test_superior(db, d);
	}
	mc_dossier_free(d);
	mc_db_close(db);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		CHECK(0, "removing %s", dir);
	return unit_done();
}
