/* motcua — receiving a dossier at the counter: its fields checked, its
 * code, PIN and due time. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "dossier-private.h"
#include "i18n.h"
#include "notify.h"
#include "procedure.h"
#include "settings.h"
#include "strbuf.h"
#include "text.h"

static mc_status field_fail(mc_db *db, const char *field, const char *value,
			    const char *why)
{
	char f[48];
	return mc_db_fail(db, MC_BAD_INPUT, "%s: \"%s\" %s", mc_field_option(field, f, sizeof f),
			  value, why);
}

mc_status mc_dossier_clean_text_from(mc_db *db, const char *field, mc_field_place where,
				     const char *value, size_t max, int required,
				     char **norm)
{
	char *s = NULL, why[96], f[48];
	mc_status rc = mc_text_clean(value, 0, max, &s);
	field = mc_field_name(field, where, f, sizeof f);
	if (rc == MC_NOMEM)
		return rc;
	if (rc != MC_OK && mc_text_invisible_why(value, why, sizeof why))
		return mc_db_fail(db, MC_BAD_INPUT, "%s: %s", field, why);
	if (rc != MC_OK)
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("%s: not valid text (UTF-8, one line, at most %zu characters)"),
				  field, max);
	if (required && !*s) {
		free(s);
		return mc_db_fail(db, MC_BAD_INPUT, _("%s: must not be empty"), field);
	}
	if (!*s) {
		free(s);
		s = NULL;
	}
	*norm = s;
	return MC_OK;
}

mc_status mc_dossier_clean_text(mc_db *db, const char *field, const char *value,
				size_t max, int required, char **norm)
{
	return mc_dossier_clean_text_from(db, field, MC_FROM_OPTION, value, max, required, norm);
}

static mc_status dup_or_nomem(const char *s, char **norm)
{
	*norm = strdup(s);
	return *norm ? MC_OK : MC_NOMEM;
}

mc_status mc_dossier_check_field(mc_db *db, const char *field, const char *value,
				 char **norm)
{
	char buf[16], why[160];
	*norm = NULL;
	if (strcmp(field, "applicant") == 0)
		return mc_dossier_clean_text(db, field, value, 100, 1, norm);
	if (strcmp(field, "address") == 0)
		return mc_dossier_clean_text(db, field, value, 300, 0, norm);
	if (strcmp(field, "note") == 0)
		return mc_dossier_clean_text(db, field, value, 1000, 0, norm);
	if (!*value)
		return MC_OK;
	if (strcmp(field, "phone") == 0) {
		if (mc_phone_normalize(value, buf, sizeof buf) != MC_OK)
			return field_fail(db, field, value,
					  _("is not a Vietnamese phone number (mobile 0[35789]xxxxxxxx or landline 02xxxxxxxxx)"));
		return dup_or_nomem(buf, norm);
	}
	if (strcmp(field, "id_number") == 0) {
		if (mc_id_number_check(value, buf, sizeof buf, why, sizeof why) != MC_OK)
			return field_fail(db, field, value, why);
		return dup_or_nomem(buf, norm);
	}
	if (strcmp(field, "email") == 0) {
		if (strlen(value) > 254 || !mc_email_valid(value))
			return field_fail(db, field, value, _("is not an e-mail address"));
		return dup_or_nomem(value, norm);
	}
	if (strcmp(field, "channel") == 0) {
		if (strcmp(value, "counter") && strcmp(value, "online") && strcmp(value, "post"))
			return field_fail(db, field, value, _("is not counter, online or post"));
		return dup_or_nomem(value, norm);
	}
	if (strcmp(field, "delivery") == 0) {
		if (strcmp(value, "counter") && strcmp(value, "post"))
			return field_fail(db, field, value, _("is not counter or post"));
		return dup_or_nomem(value, norm);
	}
	return mc_db_fail(db, MC_USAGE, "unknown field %s", field);
}

/* The cleaned values of an mc_dossier_input, ready to store. */
struct clean {
	char *applicant, *id_number, *phone, *email, *address, *channel,
	     *delivery, *note;
	char *documents;
};

static void clean_release(struct clean *c)
{
	free(c->applicant);
	free(c->id_number);
	free(c->phone);
	free(c->email);
	free(c->address);
	free(c->channel);
	free(c->delivery);
	free(c->note);
	free(c->documents);
}

static mc_status clean_documents(mc_db *db, const mc_dossier_input *in,
				 const mc_procedure *p, char **out)
{
	if (!in->docs) {
		*out = strdup(p->documents);
		return *out ? MC_OK : MC_NOMEM;
	}
	if (in->n_docs > 50)
		return mc_db_fail(db, MC_BAD_INPUT, _("doc: more than 50 documents"));
	mc_strbuf b = MC_STRBUF_INIT;
	for (size_t i = 0; i < in->n_docs; i++) {
		char *doc = NULL;
		mc_status rc = mc_dossier_clean_text(db, "doc", in->docs[i], 300, 1, &doc);
		if (rc != MC_OK) {
			mc_strbuf_release(&b);
			return rc;
		}
		mc_strbuf_addf(&b, "%s%s", i ? "\n" : "", doc);
		free(doc);
	}
	if (b.oom) {
		mc_strbuf_release(&b);
		return MC_NOMEM;
	}
	*out = b.s ? mc_strbuf_detach(&b) : strdup("");
	return *out ? MC_OK : MC_NOMEM;
}

static mc_status clean_input(mc_db *db, const mc_dossier_input *in,
			     const mc_procedure *p, struct clean *c)
{
	struct { const char *field, *value; char **norm; } f[] = {
		{ "applicant", in->applicant ? in->applicant : "", &c->applicant },
		{ "id_number", in->id_number ? in->id_number : "", &c->id_number },
		{ "phone", in->phone ? in->phone : "", &c->phone },
		{ "email", in->email ? in->email : "", &c->email },
		{ "address", in->address ? in->address : "", &c->address },
		{ "channel", in->channel ? in->channel : "counter", &c->channel },
		{ "delivery", in->delivery ? in->delivery : "counter", &c->delivery },
		{ "note", in->note ? in->note : "", &c->note },
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		mc_status rc = mc_dossier_check_field(db, f[i].field, f[i].value, f[i].norm);
		if (rc != MC_OK)
			return rc;
	}
	if (in->sets < 0 || in->sets > 99)
		return mc_db_fail(db, MC_BAD_INPUT, _("sets: %d is not 1 to 99"), in->sets);
	return clean_documents(db, in, p, &c->documents);
}

/* Next counter for the code's date part, inside the write transaction,
 * so that concurrent counters never share or skip a number. The date
 * part (yyMMdd) is what must be unique, not the day: receipts a century
 * apart share it, and continue one sequence. A unit id has no '-', so
 * "UNIT-yyMMdd-" begins exactly the codes of that date part, and '.'
 * follows '-'. */
static mc_status next_seq(mc_db *db, const char *unit, const char *date_part, int *seq)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT coalesce(max(seq), 0) + 1 FROM dossiers"
		" WHERE code >= ?1 || '-' || ?2 || '-' AND code < ?1 || '-' || ?2 || '.'");
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, date_part, -1, SQLITE_STATIC);
	mc_status rc = MC_OK;
	if (sqlite3_step(st) == SQLITE_ROW)
		*seq = sqlite3_column_int(st, 0);
	else
		rc = mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(st);
	return rc;
}

/* The due time of a receipt by the office's calendar. */
static mc_status compute_due(mc_db *db, mc_time received, int days, mc_time *due)
{
	mc_calendar cal;
	mc_status rc = mc_db_calendar(db, &cal);
	if (rc != MC_OK)
		return rc;
	rc = mc_calendar_due_at(&cal, mc_db_offset(db), received, days, due, NULL);
	return rc == MC_OK ? rc : mc_db_fail(db, rc, _("cannot compute the due time"));
}

static mc_status insert_dossier(mc_db *db, const char *unit, const mc_procedure *p,
				const struct clean *c, const mc_dossier_input *in,
				mc_time received, char *code, size_t cn)
{
	int64_t day = mc_local_day(received + (int64_t)mc_db_offset(db) * 60);
	int y, m, d, seq = 0;
	char pin[8], date_part[8];
	mc_time due = 0;
	mc_status rc;

	mc_civil_from_days(day, &y, &m, &d);
	snprintf(date_part, sizeof date_part, "%02d%02d%02d", y % 100, m, d);
	if ((rc = next_seq(db, unit, date_part, &seq)) != MC_OK ||
	    (rc = compute_due(db, received, p->days, &due)) != MC_OK)
		return rc;
	if (mc_pin_generate(pin, sizeof pin) != MC_OK)
		return mc_db_fail(db, MC_IO, _("no random source for the lookup PIN"));
	snprintf(code, cn, "%s-%s-%04d", unit, date_part, seq);

	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO dossiers(code, unit_id, day, seq, pin, procedure, days,"
		" applicant, id_number, phone, email, address, channel, delivery,"
		" documents, sets, note, status, received_at, due_at, clerk, updated_at,"
		" zalo_user_id)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'received',?,?,?,?,?)");
	if (!st)
		return MC_DB;
	mc_db_bind_text(st, 1, code);
	mc_db_bind_text(st, 2, unit);
	sqlite3_bind_int64(st, 3, day);
	sqlite3_bind_int(st, 4, seq);
	mc_db_bind_text(st, 5, pin);
	mc_db_bind_text(st, 6, p->code);
	sqlite3_bind_int(st, 7, p->days);
	mc_db_bind_text(st, 8, c->applicant);
	mc_db_bind_text(st, 9, c->id_number);
	mc_db_bind_text(st, 10, c->phone);
	mc_db_bind_text(st, 11, c->email);
	mc_db_bind_text(st, 12, c->address);
	mc_db_bind_text(st, 13, c->channel);
	mc_db_bind_text(st, 14, c->delivery);
	mc_db_bind_text(st, 15, c->documents);
	sqlite3_bind_int(st, 16, in->sets ? in->sets : 1);
	mc_db_bind_text(st, 17, c->note);
	sqlite3_bind_int64(st, 18, received);
	sqlite3_bind_int64(st, 19, due);
	mc_db_bind_text(st, 20, mc_db_clerk(db));
	sqlite3_bind_int64(st, 21, db->now);
	mc_db_bind_text(st, 22, in->zalo_user_id);
	rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(st);
	if (rc != MC_OK)
		return rc;
	int64_t id = sqlite3_last_insert_rowid(db->sq);
	if ((rc = mc_dossier_add_history(db, id, MC_ST_RECEIVED, c->note, NULL, MC_TIME_NONE,
			      MC_TIME_NONE)) != MC_OK ||
	    (rc = mc_notify_change(db, id, MC_ST_RECEIVED, 0, NULL)) != MC_OK ||
	    (rc = dossier_names_update(db, id, NULL, c->applicant)) != MC_OK)
		return rc;
	return mc_audit_record(db, "dossiers", code, NULL);
}

/* The office's first day: that of its earliest record, the first line of
 * the audit log (init's; the lines adopted by a schema upgrade carry no
 * time) or the earliest receipt. Both are read through an index, not a
 * scan. *day = INT64_MIN when there is none. */
static mc_status first_day(mc_db *db, int64_t *day)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT min(t) FROM (SELECT at AS t FROM"
		" (SELECT at FROM audit_log ORDER BY id LIMIT 1) WHERE at > 0"
		" UNION ALL SELECT min(received_at) FROM dossiers)");
	mc_status rc = MC_OK;
	if (!st)
		return MC_DB;
	*day = INT64_MIN;
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = mc_db_sqlfail(db, "audit_log");
	else if (sqlite3_column_type(st, 0) != SQLITE_NULL)
		*day = mc_day_at(sqlite3_column_int64(st, 0), mc_db_offset(db));
	sqlite3_finalize(st);
	return rc;
}

/* A receipt is dated now or, typed in later, within the days back that
 * received_at_window_days allows and not before the office's first day:
 * a typo in the year cannot take another day's codes. */
static mc_status check_received(mc_db *db, mc_time received)
{
	int off = mc_db_offset(db);
	char r[24], b[24], *v = NULL;
	int64_t first, day = mc_day_at(received, off), today = mc_day_at(db->now, off);
	char *end;
	long window;
	mc_status rc;
	if (received > db->now) {
		mc_format_time_human(received, off, r, sizeof r);
		mc_format_time_human(db->now, off, b, sizeof b);
		return mc_db_fail(db, MC_BAD_INPUT, _("received-at: %s is later than now (%s)"),
				  r, b);
	}
	if ((rc = mc_setting_get(db, "received_at_window_days", &v)) != MC_OK)
		return rc;
	window = strtol(v, &end, 10);
	/* Checked when set; a value changed behind the program's back
	 * falls back to the default. */
	if (*end || window < 0 || window > 3660)
		window = 30;
	free(v);
	if ((rc = first_day(db, &first)) != MC_OK)
		return rc;
	mc_format_time_human(received, off, r, sizeof r);
	if (day < first) {
		mc_format_day_human(first, b, sizeof b);
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("received-at: %s is before the office's first day (%s)"), r, b);
	}
	if (day < today - window) {
		mc_format_day_human(today - window, b, sizeof b);
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("received-at: %s is before %s (received_at_window_days: %ld days back)"),
				  r, b, window);
	}
	return MC_OK;
}

static mc_status create(mc_db *db, const mc_dossier_input *in, mc_dossier **out)
{
	mc_procedure p = MC_PROCEDURE_INIT;
	struct clean c = { 0 };
	char *unit = NULL, code[80];
	mc_time received = in->received_at == MC_TIME_NONE ? db->now : in->received_at;
	mc_status rc;

	*out = NULL;
	if (!in->procedure || !*in->procedure)
		return mc_db_fail(db, MC_BAD_INPUT, _("procedure: must be given"));
	if ((rc = mc_procedure_get(db, in->procedure, &p)) != MC_OK)
		return rc == MC_NOT_FOUND ? MC_BAD_INPUT : rc;
	if ((rc = check_received(db, received)) == MC_OK &&
	    (rc = clean_input(db, in, &p, &c)) == MC_OK &&
	    (rc = mc_setting_get(db, "unit_id", &unit)) == MC_OK &&
	    (rc = insert_dossier(db, unit, &p, &c, in, received, code, sizeof code)) == MC_OK)
		rc = mc_dossier_get(db, code, out);
	free(unit);
	clean_release(&c);
	mc_procedure_release(&p);
	return rc;
}

struct create_args {
	const mc_dossier_input *in;
	mc_dossier **out;
};

static mc_status create_atomic(mc_db *db, void *ud)
{
	const struct create_args *a = ud;
	return create(db, a->in, a->out);
}

mc_status mc_dossier_create(mc_db *db, const mc_dossier_input *in, mc_dossier **out)
{
	struct create_args a = { in, out };
	*out = NULL;
	mc_status rc = mc_db_atomic(db, create_atomic, &a);
	if (rc != MC_OK) {
		mc_dossier_free(*out);
		*out = NULL;
	}
	return rc;
}
