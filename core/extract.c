/* motcua — issuing certified extract copies, and their log. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db-private.h"
#include "dossier.h"
#include "extract-private.h"
#include "extract.h"
#include "i18n.h"
#include "procedure.h"
#include "register-private.h"
#include "settings.h"
#include "sign.h"
#include "text.h"

void mc_extract_free(mc_extract *x)
{
	if (!x)
		return;
	free(x->serial);
	free(x->clerk);
	free(x->requester);
	free(x->dossier);
	free(x->unit_name);
	free(x->payload);
	free(x->voided_by);
	free(x->void_reason);
	mc_entry_release(&x->entry);
	free(x);
}

static mc_extract *new_extract(mc_reg_kind k)
{
	mc_extract *x = calloc(1, sizeof *x);
	if (x) {
		x->kind = x->entry.kind = k;
		x->voided_at = MC_TIME_NONE;
	}
	return x;
}

/* "TLKS-BS", "TLKH-BS", "TLKT-BS": the suffix of the serials of a kind. */
static const char *series_of(mc_reg_kind k)
{
	static const char *const series[MC_REG_KINDS] = { "TLKS-BS", "TLKH-BS", "TLKT-BS" };
	return k < MC_REG_KINDS ? series[k] : "";
}

/* The signed QR payload of x (*payload: free()). */
static mc_status sign_payload(mc_db *db, const mc_extract *x, char **payload)
{
	mc_extract_fields f;
	char *unit = NULL;
	mc_status rc = extract_signed_fields(db, x, &f, &unit);
	if (rc == MC_OK)
		rc = mc_extract_payload_sign(db, &f, payload);
	free(unit);
	return rc;
}

/* ---- issuing ---- */

static mc_status next_seq(mc_db *db, mc_reg_kind k, int year, int *seq)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT coalesce(max(seq), 0) + 1 FROM extracts WHERE kind = ? AND year = ?");
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, mc_reg_kind_name(k), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	mc_status rc = sqlite3_step(st) == SQLITE_ROW ? MC_OK : mc_db_sqlfail(db, "extracts");
	if (rc == MC_OK)
		*seq = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc;
}

static mc_status log_issue(mc_db *db, mc_extract *x, int64_t day)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO extracts(kind, year, seq, serial, entry_id, issued_at, day, clerk,"
		" requester, copies, fee, dossier, payload)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, mc_reg_kind_name(x->kind), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, x->year);
	sqlite3_bind_int(st, 3, x->seq);
	sqlite3_bind_text(st, 4, x->serial, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, x->entry.id);
	sqlite3_bind_int64(st, 6, x->issued_at);
	sqlite3_bind_int64(st, 7, day);
	sqlite3_bind_text(st, 8, x->clerk, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, x->requester, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 10, x->copies);
	sqlite3_bind_int64(st, 11, x->fee);
	mc_db_bind_text(st, 12, x->dossier);
	mc_db_bind_text(st, 13, x->payload);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "extracts");
	sqlite3_finalize(st);
	if (rc == MC_OK)
		x->id = sqlite3_last_insert_rowid(db->sq);
	return rc == MC_OK ? mc_audit_record(db, "extracts", x->serial, NULL) : rc;
}

/* The dossier that asks for the extract: still open, and of a procedure
 * for an extract of this register (kind `extract`, or the register's). */
static mc_status check_dossier(mc_db *db, const mc_dossier *d, mc_reg_kind k)
{
	const mc_status_info *si = mc_dossier_status_info(d->status);
	mc_procedure p = MC_PROCEDURE_INIT;
	mc_status rc;
	if (!si->open)
		return mc_db_fail(db, MC_BAD_INPUT,
				  /* TRANSLATORS: the dossier, then its status ("done"). */
				  _("dossier: %s is %s, no longer open: an extract answers a dossier still being worked on"),
				  d->code, si->name);
	rc = mc_procedure_get(db, d->procedure, &p);
	if (rc == MC_OK && !p.kind)
		rc = mc_db_fail(db, MC_BAD_INPUT,
				/* TRANSLATORS: the dossier, its procedure's code and
				   name, then a register's kind ("birth"). */
				_("dossier: %s is for procedure %s (%s), not an extract procedure: an extract answers a dossier of a procedure of kind extract or %s"),
				d->code, p.code, p.name, mc_reg_kind_name(k));
	else if (rc == MC_OK && strcmp(p.kind, "extract") != 0 &&
		 strcmp(p.kind, mc_reg_kind_name(k)) != 0) {
		mc_reg_kind pk;
		const char *was = mc_reg_kind_parse(p.kind, &pk) == MC_OK ? mc_reg_kind_label(pk)
			: p.kind;
		rc = mc_db_fail(db, MC_BAD_INPUT,
				/* TRANSLATORS: the dossier, its procedure, then
				   the kinds of two registers ("birth"). */
				_("dossier: %s is for procedure %s, an extract of the %s register, not the %s register"),
				d->code, p.code, was, mc_reg_kind_label(k));
	}
	mc_procedure_release(&p);
	return rc;
}

/* Moves the dossier to done with a note naming the serial. */
static mc_status finish_dossier(mc_db *db, const mc_dossier *d, const char *serial)
{
	mc_dossier_change chg = MC_DOSSIER_CHANGE_INIT;
	char note[96];
	snprintf(note, sizeof note, "Trích lục %s", serial);
	chg.status = "done";
	chg.note = note;
	return mc_dossier_update(db, d->code, &chg, NULL);
}

static mc_status who_asks(mc_db *db, const mc_extract_request *rq, const mc_dossier *d,
			  char **out)
{
	if (rq->requester) {
		mc_status rc = mc_text_clean(rq->requester, 0, 100, out);
		if (rc == MC_NOMEM)
			return rc;
		if (rc == MC_OK && **out)
			return MC_OK;
		if (rc == MC_OK)
			free(*out);
		*out = NULL;
		char why[96];
		if (mc_text_invisible_why(rq->requester, why, sizeof why))
			return mc_db_fail(db, MC_BAD_INPUT, "%s: %s",
						  mc_field_option("requester", (char[16]){ 0 }, 16), why);
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("requester: \"%s\" is not a name (one line, 1 to 100 characters)"),
				  rq->requester);
	}
	if (d)
		return (*out = strdup(d->applicant)) ? MC_OK : MC_NOMEM;
	return mc_db_fail(db, MC_BAD_INPUT, _("requester: an extract needs a requester or a dossier"));
}

/* Everything of the extract but what only an issue has (serial, fee,
 * payload, log), which `issue` adds. */
static mc_status fill(mc_db *db, const mc_extract_request *rq, const mc_dossier *d,
		      mc_extract *x)
{
	x->copies = rq->copies;
	x->issued_at = mc_db_now(db);
	x->offset_min = mc_db_offset(db);
	mc_status rc;
	if ((rc = who_asks(db, rq, d, &x->requester)) != MC_OK ||
	    (rc = mc_reg_get_id(db, rq->kind, rq->entry_id, &x->entry)) != MC_OK ||
	    (rc = mc_setting_get(db, "unit_name", &x->unit_name)) != MC_OK)
		return rc;
	if (!(x->clerk = strdup(mc_db_clerk(db))) || (d && !(x->dossier = strdup(d->code))))
		return MC_NOMEM;
	return MC_OK;
}

/* The serial, fee and signed payload of an issue, then its line in the
 * log: signed before anything is written, so that a key that cannot sign
 * leaves no serial used. */
static mc_status number_and_log(mc_db *db, mc_extract *x)
{
	int64_t day = mc_day_at(x->issued_at, x->offset_min);
	char *fee = NULL, serial[64];
	int y, m, dd;
	mc_status rc;
	mc_civil_from_days(day, &y, &m, &dd);
	x->year = y;
	if ((rc = mc_setting_get(db, "extract_fee", &fee)) != MC_OK ||
	    (rc = next_seq(db, x->kind, y, &x->seq)) != MC_OK) {
		free(fee);
		return rc;
	}
	x->fee = (long long)x->copies * strtoll(fee, NULL, 10);
	free(fee);
	snprintf(serial, sizeof serial, "%d/%d/%s", x->seq, y, series_of(x->kind));
	if (!(x->serial = strdup(serial)))
		return MC_NOMEM;
	if ((rc = sign_payload(db, x, &x->payload)) != MC_OK)
		return rc;
	return log_issue(db, x, day);
}

struct issuing {
	const mc_extract_request *rq;
	int preview;
	mc_extract *x;          /* the extract issued */
};

static mc_status issue(mc_db *db, void *ud)
{
	struct issuing *is = ud;
	const mc_extract_request *rq = is->rq;
	mc_extract *x;
	mc_dossier *d = NULL;
	mc_status rc;

	if (rq->copies < 1 || rq->copies > 99)
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("copies: %d is not a number of copies (1 to 99)"), rq->copies);
	if (rq->dossier && ((rc = mc_dossier_get(db, rq->dossier, &d)) != MC_OK ||
			    (rc = check_dossier(db, d, rq->kind)) != MC_OK)) {
		mc_dossier_free(d);
		return rc;
	}
	if (!(x = new_extract(rq->kind))) {
		mc_dossier_free(d);
		return MC_NOMEM;
	}
	x->preview = is->preview;
	rc = fill(db, rq, d, x);
	if (rc == MC_OK && !is->preview && (rc = number_and_log(db, x)) == MC_OK && d)
		rc = finish_dossier(db, d, x->serial);
	mc_dossier_free(d);
	if (rc != MC_OK)
		mc_extract_free(x);
	else
		is->x = x;
	return rc;
}

static mc_status issue_or_preview(mc_db *db, const mc_extract_request *rq, int preview,
				  mc_extract **out)
{
	struct issuing is = { rq, preview, NULL };
	mc_status rc = preview ? issue(db, &is) : mc_db_atomic(db, issue, &is);
	if (rc != MC_OK) {
		mc_extract_free(is.x);
		is.x = NULL;
	}
	*out = is.x;
	return rc;
}

mc_status mc_extract_issue(mc_db *db, const mc_extract_request *rq, mc_extract **out)
{
	return issue_or_preview(db, rq, 0, out);
}

mc_status mc_extract_preview(mc_db *db, const mc_extract_request *rq, mc_extract **out)
{
	return issue_or_preview(db, rq, 1, out);
}

/* ---- the log: issues, reprints and voids ---- */

#define SELECT_ISSUE \
	"SELECT x.id, x.kind, x.year, x.seq, x.serial, x.entry_id, x.issued_at, x.clerk," \
	" x.requester, x.copies, x.fee, x.dossier, x.payload," \
	" (SELECT count(*) FROM extract_events r WHERE r.extract_id = x.id" \
	"  AND r.action = 'reprint'), v.at, v.clerk, v.reason" \
	" FROM extracts x LEFT JOIN extract_events v ON v.extract_id = x.id" \
	" AND v.action = 'void'"

/* The issue of a SELECT_ISSUE row, with its entry. */
static mc_status read_issue(mc_db *db, sqlite3_stmt *st, mc_extract **out)
{
	mc_reg_kind k;
	mc_extract *x;
	mc_status rc;
	*out = NULL;
	if (mc_reg_kind_parse((const char *)sqlite3_column_text(st, 1), &k) != MC_OK)
		return mc_db_fail(db, MC_DB, "extracts: kind");
	if (!(x = new_extract(k)))
		return MC_NOMEM;
	x->id = sqlite3_column_int64(st, 0);
	x->year = sqlite3_column_int(st, 2);
	x->seq = sqlite3_column_int(st, 3);
	x->serial = mc_db_column_dup(st, 4);
	x->issued_at = sqlite3_column_int64(st, 6);
	x->offset_min = mc_db_offset(db);
	x->clerk = mc_db_column_dup(st, 7);
	x->requester = mc_db_column_dup(st, 8);
	x->copies = sqlite3_column_int(st, 9);
	x->fee = sqlite3_column_int64(st, 10);
	x->dossier = mc_db_column_dup(st, 11);
	x->payload = mc_db_column_dup(st, 12);
	x->reprints = sqlite3_column_int(st, 13);
	if (sqlite3_column_type(st, 14) != SQLITE_NULL) {
		x->voided_at = sqlite3_column_int64(st, 14);
		x->voided_by = mc_db_column_dup(st, 15);
		x->void_reason = mc_db_column_dup(st, 16);
	}
	if (!x->serial || !x->clerk || !x->requester ||
	    (sqlite3_column_type(st, 11) != SQLITE_NULL && !x->dossier) ||
	    (sqlite3_column_type(st, 12) != SQLITE_NULL && !x->payload) ||
	    (x->voided_at != MC_TIME_NONE && (!x->voided_by || !x->void_reason)))
		rc = MC_NOMEM;
	else
		rc = mc_reg_get_id(db, k, sqlite3_column_int64(st, 5), &x->entry);
	if (rc != MC_OK) {
		mc_extract_free(x);
		return rc;
	}
	*out = x;
	return MC_OK;
}

/* The serial as the log spells it: its series in capitals. */
static void serial_key(const char *in, char *out, size_t n)
{
	size_t i = 0;
	for (; in[i] && i + 1 < n; i++)
		out[i] = in[i] >= 'a' && in[i] <= 'z' ? (char)(in[i] - 'a' + 'A') : in[i];
	out[i] = '\0';
}

/* The issue of serial; with_payload: its payload rebuilt when the log
 * has none (mc_extract_get). */
static mc_status find_issue(mc_db *db, const char *serial, int with_payload, mc_extract **out)
{
	sqlite3_stmt *st = mc_db_prepare(db, SELECT_ISSUE " WHERE x.serial = ?");
	char key[64];
	mc_status rc;
	*out = NULL;
	if (!st)
		return MC_DB;
	serial_key(serial, key, sizeof key);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		rc = read_issue(db, st, out);
	else if (r == SQLITE_DONE)
		rc = mc_db_fail(db, MC_NOT_FOUND, _("no extract %s in the log"), serial);
	else
		rc = mc_db_sqlfail(db, "extracts");
	sqlite3_finalize(st);
	if (rc == MC_OK && !(*out)->payload && with_payload) {
		if ((rc = mc_setting_get(db, "unit_name", &(*out)->unit_name)) == MC_OK &&
		    (rc = sign_payload(db, *out, &(*out)->payload)) == MC_OK)
			(*out)->payload_rebuilt = 1;
	} else if (rc == MC_OK) {
		rc = mc_setting_get(db, "unit_name", &(*out)->unit_name);
	}
	if (rc != MC_OK) {
		mc_extract_free(*out);
		*out = NULL;
	}
	return rc;
}

mc_status mc_extract_get(mc_db *db, const char *serial, mc_extract **out)
{
	return find_issue(db, serial, 1, out);
}

/* An extract_events row for x, audited. */
static mc_status log_event(mc_db *db, const mc_extract *x, const char *action,
			   const char *reason)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO extract_events(extract_id, at, clerk, action, reason)"
		" VALUES (?, ?, ?, ?, ?)");
	char key[32];
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, x->id);
	sqlite3_bind_int64(st, 2, mc_db_now(db));
	sqlite3_bind_text(st, 3, mc_db_clerk(db), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
	mc_db_bind_text(st, 5, reason);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK
		: mc_db_sqlfail(db, "extract_events");
	sqlite3_finalize(st);
	if (rc != MC_OK)
		return rc;
	snprintf(key, sizeof key, "%lld", (long long)sqlite3_last_insert_rowid(db->sq));
	return mc_audit_record(db, "extract_events", key, NULL);
}

/* "29/04/2026 09:00 by lan (reason)": when, by whom and why x was voided. */
static void void_told(const mc_extract *x, char *buf, size_t n)
{
	char when[32];
	mc_format_time_human(x->voided_at, x->offset_min, when, sizeof when);
	/* TRANSLATORS: when, who, why: "2026-04-29 09:00 by lan (wrong entry)" */
	snprintf(buf, n, _("%s by %s (%s)"), when, x->voided_by, x->void_reason);
}

struct act {
	const char *serial, *reason;
	mc_extract *x;
};

static mc_status reprint(mc_db *db, void *ud)
{
	struct act *a = ud;
	char told[768];
	mc_status rc = mc_extract_get(db, a->serial, &a->x);
	if (rc != MC_OK)
		return rc;
	if (a->x->voided_at != MC_TIME_NONE) {
		void_told(a->x, told, sizeof told);
		return mc_db_fail(db, MC_BAD_INPUT,
				  /* TRANSLATORS: the serial, then when, by whom and why. */
				  _("extract %s was voided on %s: a void extract cannot be reprinted; issue a new one"),
				  a->x->serial, told);
	}
	if ((rc = log_event(db, a->x, "reprint", NULL)) == MC_OK)
		a->x->reprints++;
	return rc;
}

mc_status mc_extract_reprint(mc_db *db, const char *serial, mc_extract **out)
{
	struct act a = { serial, NULL, NULL };
	mc_status rc = mc_db_atomic(db, reprint, &a);
	if (rc != MC_OK) {
		mc_extract_free(a.x);
		a.x = NULL;
	}
	*out = a.x;
	return rc;
}

static mc_status void_issue(mc_db *db, void *ud)
{
	struct act *a = ud;
	char *why = NULL, told[768];
	mc_status rc = mc_text_clean(a->reason, 0, 500, &why);
	if (rc == MC_NOMEM)
		return rc;
	if (rc != MC_OK || !*why) {
		free(why);
		if (mc_text_invisible_why(a->reason, told, sizeof told))
			return mc_db_fail(db, MC_BAD_INPUT, "%s: %s",
						  mc_field_option("reason", (char[16]){ 0 }, 16), told);
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("reason: a void needs a reason (one line, 1 to 500 characters)"));
	}
	if ((rc = find_issue(db, a->serial, 0, &a->x)) == MC_OK) {
		if (a->x->voided_at != MC_TIME_NONE) {
			void_told(a->x, told, sizeof told);
			rc = mc_db_fail(db, MC_BAD_INPUT, _("extract %s was voided already on %s"),
					a->x->serial, told);
		} else {
			rc = log_event(db, a->x, "void", why);
		}
	}
	free(why);
	return rc;
}

mc_status mc_extract_void(mc_db *db, const char *serial, const char *reason)
{
	struct act a = { serial, reason, NULL };
	mc_status rc = mc_db_atomic(db, void_issue, &a);
	mc_extract_free(a.x);
	return rc;
}

mc_status mc_extract_each(mc_db *db, const mc_extract_filter *f,
			  int (*fn)(const mc_extract *x, void *ud), void *ud)
{
	sqlite3_stmt *st = mc_db_prepare(db, SELECT_ISSUE
		" WHERE x.day BETWEEN ?1 AND ?2 ORDER BY x.issued_at, x.id");
	mc_status rc = MC_OK;
	int r, stop = 0;
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, f->from_day);
	sqlite3_bind_int64(st, 2, f->to_day);
	while (!stop && (r = sqlite3_step(st)) == SQLITE_ROW) {
		mc_reg_kind k;
		mc_extract *x;
		if (f->kinds && mc_reg_kind_parse((const char *)sqlite3_column_text(st, 1), &k) == MC_OK &&
		    !(f->kinds & (1u << k)))
			continue;
		if ((rc = read_issue(db, st, &x)) != MC_OK)
			break;
		stop = fn(x, ud);
		mc_extract_free(x);
	}
	if (rc == MC_OK && !stop && r != SQLITE_DONE)
		rc = mc_db_sqlfail(db, "extracts");
	sqlite3_finalize(st);
	return rc;
}

/* ---- the report ---- */

mc_status mc_extract_report(mc_db *db, int64_t from_day, int64_t to_day,
			    int (*fn)(const mc_extract_day *d, void *ud), void *ud)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT x.day, x.kind, sum(v.id IS NULL),"
		" sum(CASE WHEN v.id IS NULL THEN x.copies ELSE 0 END),"
		" sum(CASE WHEN v.id IS NULL THEN x.fee ELSE 0 END),"
		" sum(v.id IS NOT NULL), sum(CASE WHEN v.id IS NULL THEN 0 ELSE x.fee END)"
		" FROM extracts x LEFT JOIN extract_events v"
		" ON v.extract_id = x.id AND v.action = 'void'"
		" WHERE x.day BETWEEN ? AND ? GROUP BY x.day, x.kind ORDER BY x.day");
	mc_extract_day cur;
	int have = 0, s, stop = 0;
	mc_status rc = MC_OK;

	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, from_day);
	sqlite3_bind_int64(st, 2, to_day);
	memset(&cur, 0, sizeof cur);
	while (!stop && (s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t day = sqlite3_column_int64(st, 0);
		mc_reg_kind k;
		if (have && day != cur.day) {
			stop = fn(&cur, ud);
			memset(&cur, 0, sizeof cur);
		}
		have = 1;
		cur.day = day;
		if (mc_reg_kind_parse((const char *)sqlite3_column_text(st, 1), &k) == MC_OK)
			cur.count[k] += sqlite3_column_int(st, 2);
		cur.issues += sqlite3_column_int(st, 2);
		cur.copies += sqlite3_column_int(st, 3);
		cur.fees += sqlite3_column_int64(st, 4);
		cur.voided += sqlite3_column_int(st, 5);
		cur.voided_fees += sqlite3_column_int64(st, 6);
	}
	if (!stop && s != SQLITE_DONE)
		rc = mc_db_sqlfail(db, "extracts");
	else if (!stop && have)
		fn(&cur, ud);
	sqlite3_finalize(st);
	return rc;
}
