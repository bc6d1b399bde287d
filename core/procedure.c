/* motcua — the procedure catalogue: validation, storage, seed, import. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "csvio.h"
#include "db-private.h"
#include "i18n.h"
#include "procedure.h"
#include "strbuf.h"
#include "text.h"

#define MAX_DOCS 50
#define MAX_DOC_CHARS 300

void mc_procedure_release(mc_procedure *p)
{
	free(p->code);
	free(p->name);
	free(p->kind);
	free(p->documents);
	free(p->field_code);
	free(p->field_name);
	mc_procedure empty = MC_PROCEDURE_INIT;
	*p = empty;
}

static int code_valid(const char *s, size_t min)
{
	size_t n = strlen(s);
	if (n < min || n > 30)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= 'a' && *s <= 'z') || *s == '.' || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static int parse_long(const char *s, long lo, long hi, long *v)
{
	char *end;
	if (!*s)
		return 0;
	long x = strtol(s, &end, 10);
	if (*end || x < lo || x > hi)
		return 0;
	*v = x;
	return 1;
}

/* Cleans each document of a sep-separated list into a '\n'-joined one. */
static mc_status parse_documents(const char *in, char sep, char **out,
				 char *why, size_t n)
{
	mc_strbuf b = MC_STRBUF_INIT;
	int count = 0;
	const char *p = in;
	while (*p) {
		const char *e = strchr(p, sep);
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *raw = strndup(p, len), *doc = NULL;
		mc_status rc = raw ? mc_text_clean(raw, 0, MAX_DOC_CHARS, &doc) : MC_NOMEM;
		if (rc != MC_OK && !mc_text_invisible_why(raw, why, n))
			snprintf(why, n, _("document %d is not text of at most %d characters"),
				 count + 1, MAX_DOC_CHARS);
		free(raw);
		if (rc != MC_OK) {
			mc_strbuf_release(&b);
			return rc == MC_NOMEM ? rc : MC_BAD_INPUT;
		}
		if (*doc) {
			if (++count > MAX_DOCS) {
				snprintf(why, n, _("more than %d documents"), MAX_DOCS);
				free(doc);
				mc_strbuf_release(&b);
				return MC_BAD_INPUT;
			}
			mc_strbuf_addf(&b, "%s%s", b.len ? "\n" : "", doc);
		}
		free(doc);
		p += len;
		if (*p)
			p++;
	}
	if (b.oom) {
		mc_strbuf_release(&b);
		return MC_NOMEM;
	}
	*out = b.s ? mc_strbuf_detach(&b) : strdup("");
	return *out ? MC_OK : MC_NOMEM;
}

/*
 * An amount in VND as a spreadsheet shows it: 50000, or with its thousands
 * grouped by dots or blanks (50.000, 50 000, 1.250.000, and the no-break
 * space of a formatted cell): every group after the first has three digits.
 */
static int parse_amount(const char *s, long hi, long *v)
{
	char digits[32];
	size_t k = 0, group = 0;
	int grouped = 0;
	if (parse_long(s, 0, hi, v))
		return 1;
	for (const char *p = s; *p; p++) {
		size_t skip = 0;
		if (*p == '.' || *p == ' ')
			skip = 1;
		else if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
			skip = 2;
		if (skip) {
			if (!group || (grouped && group != 3) || group > 3)
				return 0;
			grouped = 1;
			group = 0;
			p += skip - 1;
			continue;
		}
		if (*p < '0' || *p > '9' || k + 1 == sizeof digits)
			return 0;
		digits[k++] = *p;
		group++;
	}
	if (grouped && group != 3)
		return 0;
	digits[k] = '\0';
	return parse_long(digits, 0, hi, v);
}

#define TEXT(s) ((s) ? (s) : "")

/* The field (lĩnh vực) of a procedure: a code like the procedure's own,
 * or none, and a name of one line. */
static mc_status parse_field(const mc_procedure_text *t, mc_procedure *p,
			     const char **field, char *why, size_t n)
{
	*field = "field_code";
	if (!code_valid(TEXT(t->field_code), 0)) {
		snprintf(why, n, _("\"%s\" is not a field code (up to 30 of 0-9, A-Z, a-z, '.', '-', '_')"),
			 t->field_code);
		return MC_BAD_INPUT;
	}
	if (*TEXT(t->field_code) && !(p->field_code = strdup(t->field_code)))
		return MC_NOMEM;
	*field = "field_name";
	mc_status rc = mc_text_clean(TEXT(t->field_name), 0, 200, &p->field_name);
	if (rc == MC_BAD_INPUT && !mc_text_invisible_why(TEXT(t->field_name), why, n))
		snprintf(why, n, _("must be one line of text of at most %d characters"), 200);
	if (rc == MC_OK && !*p->field_name) {
		free(p->field_name);
		p->field_name = NULL;
	}
	return rc;
}

mc_status mc_procedure_parse(const mc_procedure_text *t, char sep, mc_procedure *out,
			     const char **field, char *why, size_t n)
{
	mc_procedure p = MC_PROCEDURE_INIT;
	const char *code = TEXT(t->code), *days = TEXT(t->days), *fee = TEXT(t->fee),
		   *kind = TEXT(t->kind);
	long v;
	mc_status rc;

	*field = "code";
	if (!code_valid(code, 1)) {
		snprintf(why, n, _("\"%s\" is not a procedure code (1 to 30 of 0-9, A-Z, a-z, '.', '-', '_')"), code);
		return MC_BAD_INPUT;
	}
	*field = "name";
	rc = mc_text_clean(TEXT(t->name), 0, 300, &p.name);
	if (rc != MC_OK || !*p.name) {
		if (!mc_text_invisible_why(TEXT(t->name), why, n))
			snprintf(why, n, _("must be one line of text, 1 to 300 characters"));
		goto fail;
	}
	*field = "days";
	if (!parse_long(days, 0, MC_PROCEDURE_MAX_DAYS, &v)) {
		snprintf(why, n, _("\"%s\" is not a number of working days (0 to 365)"), days);
		goto fail;
	}
	p.days = (int)v;
	*field = "fee";
	if (*fee && !parse_amount(fee, MC_PROCEDURE_MAX_FEE, &v)) {
		snprintf(why, n, _("\"%s\" is not an amount in VND"), fee);
		goto fail;
	}
	p.fee = *fee ? v : 0;
	*field = "kind";
	if (*kind && strcmp(kind, "extract") && strcmp(kind, "birth") &&
	    strcmp(kind, "marriage") && strcmp(kind, "death")) {
		snprintf(why, n, _("\"%s\" is not extract, birth, marriage or death"), kind);
		goto fail;
	}
	*field = "documents";
	if ((rc = parse_documents(TEXT(t->documents), sep, &p.documents, why, n)) != MC_OK)
		goto fail;
	if ((rc = parse_field(t, &p, field, why, n)) != MC_OK)
		goto fail;
	p.code = strdup(code);
	p.kind = *kind ? strdup(kind) : NULL;
	if (!p.code || (*kind && !p.kind)) {
		mc_procedure_release(&p);
		return MC_NOMEM;
	}
	*out = p;
	return MC_OK;
fail:
	mc_procedure_release(&p);
	return rc == MC_NOMEM ? MC_NOMEM : MC_BAD_INPUT;
}

static void fill(sqlite3_stmt *st, mc_procedure *p)
{
	p->code = mc_db_column_dup(st, 0);
	p->name = mc_db_column_dup(st, 1);
	p->days = sqlite3_column_int(st, 2);
	p->fee = sqlite3_column_int64(st, 3);
	p->kind = mc_db_column_dup(st, 4);
	p->documents = mc_db_column_dup(st, 5);
	p->field_code = mc_db_column_dup(st, 6);
	p->field_name = mc_db_column_dup(st, 7);
}

#define SELECT_PROCEDURE \
	"SELECT code, name, days, fee, kind, documents, field_code, field_name FROM procedures"

mc_status mc_procedure_get(mc_db *db, const char *code, mc_procedure *out)
{
	sqlite3_stmt *st = mc_db_prepare_kept(db, SELECT_PROCEDURE " WHERE code = ?");
	mc_status rc = MC_OK;
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		fill(st, out);
		if (!out->code || !out->name || !out->documents) {
			mc_procedure_release(out);
			rc = MC_NOMEM;
		}
	} else if (r == SQLITE_DONE) {
		rc = mc_db_fail(db, MC_NOT_FOUND, _("procedure \"%s\" is not in the catalogue"), code);
	} else {
		rc = mc_db_sqlfail(db, "procedures");
	}
	mc_db_done(db, st);
	return rc;
}

mc_status mc_procedure_each(mc_db *db, mc_procedure_fn fn, void *ud)
{
	sqlite3_stmt *st = mc_db_prepare(db, SELECT_PROCEDURE " ORDER BY code");
	int r;
	if (!st)
		return MC_DB;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		mc_procedure p = MC_PROCEDURE_INIT;
		fill(st, &p);
		int stop = fn(&p, ud);
		mc_procedure_release(&p);
		if (stop)
			break;
	}
	mc_status rc = (r == SQLITE_ROW || r == SQLITE_DONE) ? MC_OK
							      : mc_db_sqlfail(db, "procedures");
	sqlite3_finalize(st);
	return rc;
}

/* Two texts that may be NULL (none). */
static int same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int same(const mc_procedure *a, const mc_procedure *b)
{
	return strcmp(a->name, b->name) == 0 && a->days == b->days &&
	       a->fee == b->fee && strcmp(a->documents, b->documents) == 0 &&
	       same_text(a->kind, b->kind) && same_text(a->field_code, b->field_code) &&
	       same_text(a->field_name, b->field_name);
}

/* mc_procedure_put() inside the caller's transaction (seed, import). */
static mc_status put(mc_db *db, const mc_procedure *p, int replace, int *added)
{
	mc_procedure old = MC_PROCEDURE_INIT;
	mc_status rc = mc_procedure_get(db, p->code, &old);
	int result = 1;
	if (rc == MC_OK) {
		result = same(&old, p) ? -1 : 0;
		mc_procedure_release(&old);
		if (result == 0 && !replace)
			return mc_db_fail(db, MC_EXISTS,
					  _("procedure \"%s\" is already in the catalogue"), p->code);
	} else if (rc != MC_NOT_FOUND) {
		return rc;
	}
	if (added)
		*added = result;
	if (result == -1)
		return MC_OK;

	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO procedures(code, name, days, fee, kind, documents, field_code, field_name)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET"
		" name = excluded.name, days = excluded.days, fee = excluded.fee,"
		" kind = excluded.kind, documents = excluded.documents,"
		" field_code = excluded.field_code, field_name = excluded.field_name");
	if (!st)
		return MC_DB;
	mc_db_bind_text(st, 1, p->code);
	mc_db_bind_text(st, 2, p->name);
	sqlite3_bind_int(st, 3, p->days);
	sqlite3_bind_int64(st, 4, p->fee);
	mc_db_bind_text(st, 5, p->kind);
	mc_db_bind_text(st, 6, p->documents);
	mc_db_bind_text(st, 7, p->field_code);
	mc_db_bind_text(st, 8, p->field_name);
	rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "procedures");
	sqlite3_finalize(st);
	return rc == MC_OK ? mc_audit_record(db, "procedures", p->code, NULL) : rc;
}

struct put_args {
	const mc_procedure *p;
	int replace, *added;
};

static mc_status put_atomic(mc_db *db, void *ud)
{
	const struct put_args *a = ud;
	return put(db, a->p, a->replace, a->added);
}

mc_status mc_procedure_put(mc_db *db, const mc_procedure *p, int replace, int *added)
{
	struct put_args a = { p, replace, added };
	return mc_db_atomic(db, put_atomic, &a);
}

/*
 * The common procedures of a ward's one-stop office, with the codes of the
 * national catalogue (csdl.dichvucong.gov.vn). Each office corrects times
 * and fees to its province's decisions with `procedure add --replace` or
 * `procedure import`. The times and fees are the law's:
 *
 * - 1.001193 birth, 1.000656 death registration: the same day ("ngay sau
 *   khi nhận đủ giấy tờ", Luật Hộ tịch 60/2014/QH13, art. 17 and 34);
 *   free when registered in time (art. 11).
 * - 1.000894 marriage registration: the same day, up to 5 working days
 *   when it must be verified (art. 18); free (Decree 123/2015/NĐ-CP).
 * - 2.000635 extract copies: the same day, the next working day when
 *   asked after 15:00 (Decree 123/2015/NĐ-CP, art. 64, and the office's
 *   cut-off setting); 8.000 đ a copy (Circular 281/2016/TT-BTC).
 * - 1.004873 marital status confirmation: 3 working days (Decree
 *   123/2015/NĐ-CP, art. 22); its fee is the province's (0 here).
 * - 2.000815 certified copies: the same day, the next working day after
 *   15:00 (Decree 23/2015/NĐ-CP, art. 7); 2.000 đ a page (Circular
 *   226/2016/TT-BTC; from the third page 1.000 đ, which the office adds).
 * - 2.000884 signature certification: the same day; 10.000 đ a case
 *   (Circular 226/2016/TT-BTC).
 *
 * Confirmed here from the texts named, not from the national catalogue's
 * own pages, which this project could not reach: the codes are those in
 * use in the provinces' portals. The fields are the catalogue's two of the
 * Ministry of Justice that a ward's office uses, Hộ tịch and Chứng thực;
 * their codes in the national catalogue could not be confirmed from a
 * public source, so the seed leaves them unknown (MaLinhVuc "" in `dossier
 * export`) for the office to set with `procedure add --replace
 * --field-code` or an import.
 */
#define HO_TICH NULL, "Hộ tịch"
#define CHUNG_THUC NULL, "Chứng thực"
static const mc_procedure_text seed[] = {
	{ "1.001193", "Đăng ký khai sinh", "0", "0", NULL,
	  "Tờ khai đăng ký khai sinh;Giấy chứng sinh;Giấy tờ tùy thân của người đi đăng ký",
	  HO_TICH },
	{ "1.000894", "Đăng ký kết hôn", "0", "0", NULL,
	  "Tờ khai đăng ký kết hôn;Giấy tờ tùy thân của hai bên nam, nữ", HO_TICH },
	{ "1.000656", "Đăng ký khai tử", "0", "0", NULL,
	  "Tờ khai đăng ký khai tử;Giấy báo tử hoặc giấy tờ thay Giấy báo tử", HO_TICH },
	{ "2.000635", "Cấp bản sao trích lục hộ tịch", "0", "8000", "extract",
	  "Tờ khai cấp bản sao trích lục hộ tịch;Giấy tờ tùy thân của người yêu cầu", HO_TICH },
	{ "1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "3", "0", NULL,
	  "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân;Giấy tờ tùy thân", HO_TICH },
	{ "2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "0", "2000", NULL,
	  "Bản chính giấy tờ, văn bản;Bản sao cần chứng thực", CHUNG_THUC },
	{ "2.000884", "Chứng thực chữ ký trong giấy tờ, văn bản", "0", "10000", NULL,
	  "Giấy tờ, văn bản cần chứng thực chữ ký;Giấy tờ tùy thân của người yêu cầu",
	  CHUNG_THUC },
};

static mc_status seed_all(mc_db *db, void *ud)
{
	(void)ud;
	for (size_t i = 0; i < sizeof seed / sizeof seed[0]; i++) {
		mc_procedure p = MC_PROCEDURE_INIT;
		const char *field;
		char why[256];
		mc_status rc = mc_procedure_parse(&seed[i], ';', &p, &field, why, sizeof why);
		if (rc == MC_OK)
			rc = put(db, &p, 0, NULL);
		mc_procedure_release(&p);
		if (rc != MC_OK && rc != MC_EXISTS)
			return rc;
	}
	return MC_OK;
}

mc_status mc_procedure_seed(mc_db *db)
{
	return mc_db_atomic(db, seed_all, NULL);
}

/* Sets column := value on the seeded procedure code where the column is
 * still NULL, audited as a change of that column. */
static mc_status seed_one(mc_db *db, const char *code, const char *column, const char *value)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "UPDATE procedures SET %s = ?1 WHERE code = ?2 AND %s IS NULL", column, column);
	sqlite3_stmt *st = mc_db_prepare(db, sql);
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "procedures");
	sqlite3_finalize(st);
	if (rc == MC_OK && sqlite3_changes(db->sq) == 1) {
		mc_change c = MC_CHANGE_INIT;
		mc_change_str(&c, column, value);
		const char *json = mc_change_json(&c);
		rc = json ? mc_audit_record(db, "procedures", code, json) : MC_NOMEM;
		mc_change_release(&c);
	}
	return rc;
}

/* The seed's values of one column (offset of mc_procedure_text) given to
 * the seeded procedures that lack it, as command "schema upgrade". */
static mc_status seed_column(mc_db *db, const char *column, size_t offset)
{
	char *saved = db->command;
	mc_status rc;
	db->command = NULL;
	rc = mc_db_set_command(db, "schema upgrade");
	for (size_t i = 0; rc == MC_OK && i < sizeof seed / sizeof seed[0]; i++) {
		const char *value = *(const char *const *)((const char *)&seed[i] + offset);
		if (value && *value)
			rc = seed_one(db, seed[i].code, column, value);
	}
	free(db->command);
	db->command = saved;
	return rc;
}

mc_status mc_procedure_seed_kinds(mc_db *db)
{
	return seed_column(db, "kind", offsetof(mc_procedure_text, kind));
}

mc_status mc_procedure_seed_fields(mc_db *db)
{
	return seed_column(db, "field_name", offsetof(mc_procedure_text, field_name));
}

enum { COL_CODE, COL_NAME, COL_DAYS, COL_FEE, COL_DOCS, COL_KIND, COL_FIELD_CODE,
       COL_FIELD_NAME, N_COLS };
static const char *const columns[N_COLS] = { "code", "name", "days", "fee", "documents",
					     "kind", "field_code", "field_name" };

struct import {
	mc_db *db;
	FILE *fp;
	const char *name;
	mc_import im;
	long added, updated, unchanged;
};

static void take(char **to, char **from)
{
	free(*to);
	*to = *from;
	*from = NULL;
}

/* What a file without the kind column, or without the field's, leaves of
 * the procedure of that code in the catalogue. */
static mc_status keep_missing(mc_db *db, mc_procedure *p, uint64_t present)
{
	mc_procedure old = MC_PROCEDURE_INIT;
	mc_status rc = mc_procedure_get(db, p->code, &old);
	if (rc == MC_NOT_FOUND)
		return MC_OK;
	if (rc == MC_OK) {
		if (!(present & 1ULL << COL_KIND))
			take(&p->kind, &old.kind);
		if (!(present & 1ULL << COL_FIELD_CODE))
			take(&p->field_code, &old.field_code);
		if (!(present & 1ULL << COL_FIELD_NAME))
			take(&p->field_name, &old.field_name);
	}
	mc_procedure_release(&old);
	return rc;
}

static mc_status import_row(const char *const *v, char *why, size_t n, void *ud)
{
	struct import *im = ud;
	mc_procedure p = MC_PROCEDURE_INIT;
	const char *field;
	char reason[256];
	int added;
	/* Papers typed one per line in a cell (Alt+Enter) are a list, as
	 * with ';' between them. */
	char *docs = strdup(v[COL_DOCS]);
	if (!docs)
		return MC_NOMEM;
	for (char *c = docs; (c = strpbrk(c, "\r\n")); c++)
		*c = ';';
	mc_procedure_text t = { v[COL_CODE], v[COL_NAME], v[COL_DAYS], v[COL_FEE], v[COL_KIND],
				docs, v[COL_FIELD_CODE], v[COL_FIELD_NAME] };
	mc_status rc = mc_procedure_parse(&t, ';', &p, &field, reason, sizeof reason);
	free(docs);
	if (rc == MC_BAD_INPUT)
		snprintf(why, n, "%s: %s",
			 mc_field_name(field, MC_FROM_COLUMN, (char[32]){ 0 }, 32), reason);
	/* A catalogue without a kind or field column (the province's list, a
	 * file made before them) leaves each procedure's as it is. */
	if (rc == MC_OK)
		rc = keep_missing(im->db, &p, im->im.present);
	if (rc == MC_OK)
		rc = put(im->db, &p, 1, &added);
	mc_procedure_release(&p);
	if (rc == MC_OK)
		*(added == 1 ? &im->added : added == 0 ? &im->updated : &im->unchanged) += 1;
	return rc;
}

static mc_status import_all(mc_db *db, void *ud)
{
	struct import *st = ud;
	mc_status rc = mc_csv_import(st->fp, st->name, &st->im, import_row, st);
	if (rc != MC_OK && st->im.err[0])
		mc_db_fail(db, rc, "%s", st->im.err);
	return rc;
}

mc_status mc_procedure_import(mc_db *db, FILE *fp, const char *name,
			      long *added, long *updated, long *unchanged,
			      long *joined, char **report)
{
	struct import st = { .db = db, .fp = fp, .name = name,
			     .im = { .columns = columns, .n_columns = N_COLS, .n_required = 3,
				     .max_field = 64 * 1024, .keep_lines = 1ULL << COL_DOCS } };
	mc_status rc = mc_db_atomic(db, import_all, &st);
	*report = st.im.report;
	*added = st.added;
	*updated = st.updated;
	*unchanged = st.unchanged;
	*joined = st.im.joined;
	return rc;
}
