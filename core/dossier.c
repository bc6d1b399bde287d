/* motcua — dossiers: receiving, lookup, lifecycle and history. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db-private.h"
#include "dossier.h"
#include "i18n.h"
#include "notify.h"
#include "procedure.h"
#include "settings.h"
#include "strbuf.h"
#include "text.h"

#define BIT(s) (1u << (s))

/* SPEC 4.4: labels, national codes and the allowed moves. */
static const mc_status_info statuses[MC_ST_COUNT] = {
	[MC_ST_RECEIVED] = { "received", "Đã tiếp nhận", 2,
		BIT(MC_ST_PROCESSING) | BIT(MC_ST_SUPPLEMENT) | BIT(MC_ST_PAYMENT) |
		BIT(MC_ST_DONE) | BIT(MC_ST_REJECTED) | BIT(MC_ST_WITHDRAWN), 0, 1 },
	[MC_ST_PROCESSING] = { "processing", "Đang xử lý", 4,
		BIT(MC_ST_SUPPLEMENT) | BIT(MC_ST_PAYMENT) | BIT(MC_ST_DONE) |
		BIT(MC_ST_STOPPED) | BIT(MC_ST_WITHDRAWN), 0, 1 },
	[MC_ST_SUPPLEMENT] = { "supplement", "Yêu cầu bổ sung hồ sơ", 5,
		BIT(MC_ST_PROCESSING) | BIT(MC_ST_WITHDRAWN) | BIT(MC_ST_STOPPED), 1, 1 },
	[MC_ST_PAYMENT] = { "payment", "Chờ thực hiện nghĩa vụ tài chính", 6,
		BIT(MC_ST_PROCESSING) | BIT(MC_ST_DONE) | BIT(MC_ST_WITHDRAWN), 0, 1 },
	[MC_ST_DONE] = { "done", "Đã có kết quả, chờ trả", 9, BIT(MC_ST_RETURNED), 0, 0 },
	[MC_ST_RETURNED] = { "returned", "Đã trả kết quả", 10, 0, 0, 0 },
	[MC_ST_REJECTED] = { "rejected", "Từ chối tiếp nhận", 3, 0, 1, 0 },
	[MC_ST_WITHDRAWN] = { "withdrawn", "Công dân rút hồ sơ", 7, 0, 0, 0 },
	[MC_ST_STOPPED] = { "stopped", "Dừng xử lý", 8, 0, 1, 0 },
};

const mc_status_info *mc_dossier_status_info(mc_dossier_status s)
{
	return s < MC_ST_COUNT ? &statuses[s] : NULL;
}

mc_status mc_dossier_status_parse(const char *name, mc_dossier_status *out)
{
	for (int s = 0; s < MC_ST_COUNT; s++) {
		if (strcmp(statuses[s].name, name) == 0) {
			*out = (mc_dossier_status)s;
			return MC_OK;
		}
	}
	return MC_BAD_INPUT;
}

static void history_release(mc_history *h)
{
	free(h->clerk);
	free(h->note);
	free(h->reason);
}

void mc_dossier_free(mc_dossier *d)
{
	if (!d)
		return;
	char **strs[] = { &d->code, &d->pin, &d->procedure, &d->procedure_name,
			  &d->applicant, &d->id_number, &d->phone, &d->email,
			  &d->address, &d->channel, &d->delivery, &d->documents,
			  &d->note, &d->clerk };
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		free(*strs[i]);
	for (size_t i = 0; i < d->n_history; i++)
		history_release(&d->history[i]);
	free(d->history);
	free(d);
}

static const char *const outcome_names[MC_OUT_COUNT] = {
	"in_progress", "on_time", "late", "overdue", "rejected", "withdrawn", "stopped",
};

const char *mc_outcome_name(mc_outcome o)
{
	return o < MC_OUT_COUNT ? outcome_names[o] : NULL;
}

mc_outcome mc_outcome_of(mc_dossier_status s, mc_time due_at, mc_time finished_at,
			 mc_time paused_at, mc_time now)
{
	switch (s) {
	case MC_ST_DONE:
	case MC_ST_RETURNED:
		return finished_at != MC_TIME_NONE && finished_at > due_at ? MC_OUT_LATE
									   : MC_OUT_ON_TIME;
	case MC_ST_REJECTED:
		return MC_OUT_REJECTED;
	case MC_ST_WITHDRAWN:
		return MC_OUT_WITHDRAWN;
	case MC_ST_STOPPED:
		return MC_OUT_STOPPED;
	default:
		break;
	}
	/* The clock stops while the office waits for the citizen. */
	mc_time at = s == MC_ST_SUPPLEMENT && paused_at != MC_TIME_NONE ? paused_at : now;
	return at > due_at ? MC_OUT_OVERDUE : MC_OUT_IN_PROGRESS;
}

/* mc_outcome_of() in SQL, outcome by outcome (?1 = now). */
#define OPEN_RUNNING "status IN ('received','processing','payment')"
#define FINISHED "status IN ('done','returned')"
static const char *const outcome_sql[MC_OUT_COUNT] = {
	[MC_OUT_IN_PROGRESS] = "((" OPEN_RUNNING " AND ?1 <= due_at) OR"
			       " (status = 'supplement' AND coalesce(paused_at, ?1) <= due_at))",
	[MC_OUT_ON_TIME] = "(" FINISHED " AND coalesce(finished_at <= due_at, 1))",
	[MC_OUT_LATE] = "(" FINISHED " AND finished_at > due_at)",
	[MC_OUT_OVERDUE] = "((" OPEN_RUNNING " AND ?1 > due_at) OR"
			   " (status = 'supplement' AND coalesce(paused_at, ?1) > due_at))",
	[MC_OUT_REJECTED] = "(status = 'rejected')",
	[MC_OUT_WITHDRAWN] = "(status = 'withdrawn')",
	[MC_OUT_STOPPED] = "(status = 'stopped')",
};

const char *mc_outcome_sql(mc_outcome o)
{
	return o < MC_OUT_COUNT ? outcome_sql[o] : NULL;
}

mc_outcome mc_dossier_outcome(const mc_dossier *d, mc_time now)
{
	return mc_outcome_of(d->status, d->due_at, d->finished_at, d->paused_at, now);
}

int mc_dossier_on_time(const mc_dossier *d)
{
	if (d->status != MC_ST_DONE && d->status != MC_ST_RETURNED)
		return -1;
	return mc_dossier_outcome(d, 0) == MC_OUT_ON_TIME;
}

int mc_dossier_overdue(const mc_dossier *d, mc_time now)
{
	return mc_dossier_outcome(d, now) == MC_OUT_OVERDUE;
}

/* ---- reading rows ---- */

#define DOSSIER_COLUMNS \
	"d.id, d.code, d.pin, d.procedure, p.name, d.applicant, d.id_number," \
	" d.phone, d.email, d.address, d.channel, d.delivery, d.documents," \
	" d.note, d.clerk, d.status, d.days, d.sets, d.received_at, d.due_at," \
	" d.finished_at, d.returned_at, d.paused_at"
#define DOSSIER_FROM " FROM dossiers d JOIN procedures p ON p.code = d.procedure"

static mc_time column_time(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? MC_TIME_NONE
							 : sqlite3_column_int64(st, i);
}

static mc_dossier *dossier_from_row(sqlite3_stmt *st)
{
	mc_dossier *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->code = mc_db_column_dup(st, 1);
	d->pin = mc_db_column_dup(st, 2);
	d->procedure = mc_db_column_dup(st, 3);
	d->procedure_name = mc_db_column_dup(st, 4);
	d->applicant = mc_db_column_dup(st, 5);
	d->id_number = mc_db_column_dup(st, 6);
	d->phone = mc_db_column_dup(st, 7);
	d->email = mc_db_column_dup(st, 8);
	d->address = mc_db_column_dup(st, 9);
	d->channel = mc_db_column_dup(st, 10);
	d->delivery = mc_db_column_dup(st, 11);
	d->documents = mc_db_column_dup(st, 12);
	d->note = mc_db_column_dup(st, 13);
	d->clerk = mc_db_column_dup(st, 14);
	if (mc_dossier_status_parse((const char *)sqlite3_column_text(st, 15),
				    &d->status) != MC_OK)
		d->status = MC_ST_RECEIVED;
	d->days = sqlite3_column_int(st, 16);
	d->sets = sqlite3_column_int(st, 17);
	d->received_at = sqlite3_column_int64(st, 18);
	d->due_at = sqlite3_column_int64(st, 19);
	d->finished_at = column_time(st, 20);
	d->returned_at = column_time(st, 21);
	d->paused_at = column_time(st, 22);
	if (!d->code || !d->pin || !d->procedure || !d->procedure_name ||
	    !d->applicant || !d->channel || !d->delivery || !d->documents || !d->clerk) {
		mc_dossier_free(d);
		return NULL;
	}
	return d;
}

static mc_status load_history(mc_db *db, int64_t id, mc_dossier *d)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT at, status, clerk, note, reason, old_due, new_due"
		" FROM dossier_history WHERE dossier_id = ? ORDER BY id");
	size_t cap = 0;
	int r;
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, id);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (d->n_history == cap) {
			cap = cap ? cap * 2 : 8;
			mc_history *h = realloc(d->history, cap * sizeof *h);
			if (!h) {
				sqlite3_finalize(st);
				return MC_NOMEM;
			}
			d->history = h;
		}
		mc_history *h = &d->history[d->n_history++];
		memset(h, 0, sizeof *h);
		h->at = sqlite3_column_int64(st, 0);
		if (mc_dossier_status_parse((const char *)sqlite3_column_text(st, 1),
					    &h->status) != MC_OK)
			h->status = MC_ST_RECEIVED;
		h->clerk = mc_db_column_dup(st, 2);
		h->note = mc_db_column_dup(st, 3);
		h->reason = mc_db_column_dup(st, 4);
		h->old_due = column_time(st, 5);
		h->new_due = column_time(st, 6);
	}
	mc_status rc = r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossier_history");
	sqlite3_finalize(st);
	return rc;
}

/* ---- lookup ---- */

mc_status mc_lookup_url_parse(const char *tmpl, const char *url, char *code, size_t cn,
			      char *pin, size_t pn)
{
	const char *t = tmpl, *u = url;
	if (!cn || !pn)
		return MC_USAGE;
	*code = *pin = '\0';
	while (*t) {
		int is_code = strncmp(t, "{code}", 6) == 0;
		if (is_code || strncmp(t, "{pin}", 5) == 0) {
			t += is_code ? 6 : 5;
			/* The value runs to the template's next literal char. */
			size_t len = *t ? strcspn(u, (char[]){ *t, '\0' }) : strlen(u);
			char *dst = is_code ? code : pin;
			size_t dn = is_code ? cn : pn;
			if (len == 0 || len >= dn)
				return MC_NOT_FOUND;
			memcpy(dst, u, len);
			dst[len] = '\0';
			u += len;
			continue;
		}
		if (*t++ != *u++)
			return MC_NOT_FOUND;
	}
	return *u == '\0' && *code ? MC_OK : MC_NOT_FOUND;
}

static void trim_upper(const char *in, char *out, size_t n)
{
	while (isspace((unsigned char)*in))
		in++;
	size_t len = strlen(in);
	while (len && isspace((unsigned char)in[len - 1]))
		len--;
	if (len >= n)
		len = n - 1;
	for (size_t i = 0; i < len; i++)
		out[i] = (char)toupper((unsigned char)in[i]);
	out[len] = '\0';
}

int mc_dossier_code_like(const char *s)
{
	char code[64], *dash;
	size_t unit, seq;
	trim_upper(s, code, sizeof code);
	if (strlen(code) >= sizeof code - 1 || !(dash = strchr(code, '-')))
		return 0;
	unit = (size_t)(dash - code);
	*dash = '\0';
	if (strlen(dash + 1) < 11)
		return 0;
	seq = strlen(dash + 8);
	return unit && mc_unit_id_valid(code) && strspn(dash + 1, "0123456789") == 6 &&
	       dash[7] == '-' && seq >= 4 && seq <= 5 &&
	       strspn(dash + 8, "0123456789") == seq;
}

mc_status mc_dossier_get(mc_db *db, const char *code_or_url, mc_dossier **out)
{
	char code[64], pin[16] = "";
	const char *shown = code_or_url;
	*out = NULL;

	if (strstr(code_or_url, "://")) {
		char *tmpl = NULL, *url = NULL;
		int ok = mc_setting_get(db, "lookup_url", &tmpl) == MC_OK &&
			 mc_text_clean(code_or_url, 0, 1000, &url) == MC_OK &&
			 mc_lookup_url_parse(tmpl, url, code, sizeof code, pin, sizeof pin) == MC_OK;
		free(tmpl);
		free(url);
		if (!ok)
			return mc_db_fail(db, MC_NOT_FOUND,
					  _("\"%s\" is not a lookup URL of this office"), code_or_url);
		trim_upper(code, code, sizeof code);
	} else {
		trim_upper(code_or_url, code, sizeof code);
		shown = code;
	}

	sqlite3_stmt *st = mc_db_prepare(db, "SELECT " DOSSIER_COLUMNS DOSSIER_FROM
					     " WHERE d.code = ?");
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	mc_status rc = MC_OK;
	if (r == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		*out = dossier_from_row(st);
		if (!*out)
			rc = MC_NOMEM;
		else if (*pin && strcmp(pin, (*out)->pin) != 0)
			rc = mc_db_fail(db, MC_NOT_FOUND, _("dossier %s: the PIN of this URL does not match"), code);
		else
			rc = load_history(db, id, *out);
	} else if (r == SQLITE_DONE) {
		rc = mc_db_fail(db, MC_NOT_FOUND, _("no dossier %s"), shown);
	} else {
		rc = mc_db_sqlfail(db, "dossiers");
	}
	sqlite3_finalize(st);
	if (rc != MC_OK) {
		mc_dossier_free(*out);
		*out = NULL;
	}
	return rc;
}

/* Replaces every {key} in tmpl. */
static void fill_template(mc_strbuf *b, const char *tmpl, const char *code, const char *pin)
{
	for (const char *p = tmpl; *p;) {
		if (strncmp(p, "{code}", 6) == 0) {
			mc_strbuf_addf(b, "%s", code);
			p += 6;
		} else if (strncmp(p, "{pin}", 5) == 0) {
			mc_strbuf_addf(b, "%s", pin);
			p += 5;
		} else {
			mc_strbuf_addf(b, "%c", *p++);
		}
	}
}

mc_status mc_dossier_lookup_payload(mc_db *db, const mc_dossier *d, char **out)
{
	char *tmpl = NULL;
	mc_status rc = mc_setting_get(db, "lookup_url", &tmpl);
	if (rc == MC_NOT_FOUND) {
		*out = strdup(d->code);
		return *out ? MC_OK : MC_NOMEM;
	}
	if (rc != MC_OK)
		return rc;
	mc_strbuf b = MC_STRBUF_INIT;
	fill_template(&b, tmpl, d->code, d->pin);
	free(tmpl);
	if (b.oom || !b.s) {
		mc_strbuf_release(&b);
		return MC_NOMEM;
	}
	*out = mc_strbuf_detach(&b);
	return MC_OK;
}

/* ---- receiving ---- */

static mc_status field_fail(mc_db *db, const char *field, const char *value,
			    const char *why)
{
	return mc_db_fail(db, MC_BAD_INPUT, "%s: \"%s\" %s", field, value, why);
}

/* Cleans a free text: empty is allowed unless required. */
static mc_status check_text(mc_db *db, const char *field, const char *value,
			    size_t max, int required, char **norm)
{
	char *s = NULL;
	mc_status rc = mc_text_clean(value, 0, max, &s);
	if (rc == MC_NOMEM)
		return rc;
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

static mc_status dup_or_nomem(const char *s, char **norm)
{
	*norm = strdup(s);
	return *norm ? MC_OK : MC_NOMEM;
}

mc_status mc_dossier_check_field(mc_db *db, const char *field, const char *value,
				 char **norm)
{
	char buf[16];
	*norm = NULL;
	if (strcmp(field, "applicant") == 0)
		return check_text(db, field, value, 100, 1, norm);
	if (strcmp(field, "address") == 0)
		return check_text(db, field, value, 300, 0, norm);
	if (strcmp(field, "note") == 0)
		return check_text(db, field, value, 1000, 0, norm);
	if (!*value)
		return MC_OK;
	if (strcmp(field, "phone") == 0) {
		if (mc_phone_normalize(value, buf, sizeof buf) != MC_OK)
			return field_fail(db, field, value,
					  _("is not a Vietnamese phone number (mobile 0[35789]xxxxxxxx or landline 02xxxxxxxxx)"));
		return dup_or_nomem(buf, norm);
	}
	if (strcmp(field, "id_number") == 0) {
		if (mc_id_number_normalize(value, buf, sizeof buf) != MC_OK)
			return field_fail(db, field, value,
					  _("is not a citizen ID number (12-digit CCCD or 9-digit CMND)"));
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
		mc_status rc = check_text(db, "doc", in->docs[i], 300, 1, &doc);
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

/* Next counter of the day for the unit, inside the write transaction, so
 * that concurrent counters never share or skip a number. */
static mc_status next_seq(mc_db *db, const char *unit, int64_t day, int *seq)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT coalesce(max(seq), 0) + 1 FROM dossiers WHERE unit_id = ? AND day = ?");
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, unit, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, day);
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
	int64_t off = (int64_t)mc_db_offset(db) * 60, local_due;
	mc_status rc = mc_db_calendar(db, &cal);
	if (rc != MC_OK)
		return rc;
	rc = mc_calendar_due(&cal, received + off, days, &local_due, NULL);
	if (rc != MC_OK)
		return mc_db_fail(db, rc, _("cannot compute the due time"));
	*due = local_due - off;
	return MC_OK;
}

static mc_status add_history(mc_db *db, int64_t id, mc_dossier_status s,
			     const char *note, const char *reason,
			     mc_time old_due, mc_time new_due)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO dossier_history(dossier_id, at, status, clerk, note,"
		" reason, old_due, new_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, db->now);
	sqlite3_bind_text(st, 3, statuses[s].name, -1, SQLITE_STATIC);
	mc_db_bind_text(st, 4, mc_db_clerk(db));
	mc_db_bind_text(st, 5, note);
	mc_db_bind_text(st, 6, reason);
	if (old_due != MC_TIME_NONE) {
		sqlite3_bind_int64(st, 7, old_due);
		sqlite3_bind_int64(st, 8, new_due);
	}
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK
						       : mc_db_sqlfail(db, "dossier_history");
	sqlite3_finalize(st);
	return rc;
}

static mc_status insert_dossier(mc_db *db, const char *unit, const mc_procedure *p,
				const struct clean *c, const mc_dossier_input *in,
				mc_time received, char *code, size_t cn)
{
	int64_t day = mc_local_day(received + (int64_t)mc_db_offset(db) * 60);
	int y, m, d, seq = 0;
	char pin[8];
	mc_time due = 0;
	mc_status rc;

	if ((rc = next_seq(db, unit, day, &seq)) != MC_OK ||
	    (rc = compute_due(db, received, p->days, &due)) != MC_OK)
		return rc;
	if (mc_pin_generate(pin, sizeof pin) != MC_OK)
		return mc_db_fail(db, MC_IO, _("no random source for the lookup PIN"));
	mc_civil_from_days(day, &y, &m, &d);
	snprintf(code, cn, "%s-%02d%02d%02d-%04d", unit, y % 100, m, d, seq);

	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO dossiers(code, unit_id, day, seq, pin, procedure, days,"
		" applicant, id_number, phone, email, address, channel, delivery,"
		" documents, sets, note, status, received_at, due_at, clerk, updated_at)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'received',?,?,?,?)");
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
	rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(st);
	if (rc != MC_OK)
		return rc;
	int64_t id = sqlite3_last_insert_rowid(db->sq);
	if ((rc = add_history(db, id, MC_ST_RECEIVED, c->note, NULL, MC_TIME_NONE,
			      MC_TIME_NONE)) != MC_OK ||
	    (rc = mc_notify_change(db, id, MC_ST_RECEIVED, 0, NULL)) != MC_OK)
		return rc;
	return mc_audit_record(db, "dossiers", code, NULL);
}

mc_status mc_dossier_create(mc_db *db, const mc_dossier_input *in, mc_dossier **out)
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
	if (received > db->now) {
		mc_procedure_release(&p);
		return mc_db_fail(db, MC_BAD_INPUT, _("received-at: is in the future"));
	}
	if ((rc = clean_input(db, in, &p, &c)) == MC_OK &&
	    (rc = mc_setting_get(db, "unit_id", &unit)) == MC_OK &&
	    (rc = insert_dossier(db, unit, &p, &c, in, received, code, sizeof code)) == MC_OK)
		rc = mc_dossier_get(db, code, out);
	free(unit);
	clean_release(&c);
	mc_procedure_release(&p);
	return rc;
}

/* ---- listing ---- */

mc_status mc_dossier_each(mc_db *db, const mc_dossier_filter *f,
			  mc_dossier_fn fn, void *ud)
{
	mc_strbuf sql = MC_STRBUF_INIT;
	int64_t off = (int64_t)mc_db_offset(db) * 60;
	mc_strbuf_addf(&sql, "SELECT " DOSSIER_COLUMNS DOSSIER_FROM " WHERE 1");
	if (f->statuses) {
		mc_strbuf_addf(&sql, " AND d.status IN (''");
		for (int s = 0; s < MC_ST_COUNT; s++)
			if (f->statuses & BIT(s))
				mc_strbuf_addf(&sql, ",'%s'", statuses[s].name);
		mc_strbuf_addf(&sql, ")");
	}
	if (f->overdue)
		mc_strbuf_addf(&sql, " AND %s", mc_outcome_sql(MC_OUT_OVERDUE));
	if (f->procedure)
		mc_strbuf_addf(&sql, " AND d.procedure = ?2");
	if (f->has_from)
		mc_strbuf_addf(&sql, " AND d.received_at >= ?3");
	if (f->has_to)
		mc_strbuf_addf(&sql, " AND d.received_at < ?4");
	mc_strbuf_addf(&sql, " ORDER BY d.received_at DESC, d.id DESC");
	sqlite3_stmt *st = mc_db_prepare_built(db, &sql);
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, db->now);
	mc_db_bind_text(st, 2, f->procedure);
	sqlite3_bind_int64(st, 3, f->from_day * MC_DAY_SECONDS - off);
	sqlite3_bind_int64(st, 4, (f->to_day + 1) * MC_DAY_SECONDS - off);

	int r;
	mc_status rc = MC_OK;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		mc_dossier *d = dossier_from_row(st);
		if (!d) {
			rc = MC_NOMEM;
			break;
		}
		int stop = fn(d, ud);
		mc_dossier_free(d);
		if (stop)
			break;
	}
	if (rc == MC_OK && r != SQLITE_ROW && r != SQLITE_DONE)
		rc = mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(st);
	return rc;
}

/* ---- the lifecycle ---- */

static mc_status refuse_move(mc_db *db, const mc_dossier *d, mc_dossier_status to)
{
	mc_strbuf b = MC_STRBUF_INIT;
	unsigned next = statuses[d->status].next;
	for (int s = 0; s < MC_ST_COUNT; s++)
		if (next & BIT(s))
			mc_strbuf_addf(&b, "%s%s", b.len ? ", " : "", statuses[s].name);
	mc_status rc;
	if (!next)
		rc = mc_db_fail(db, MC_BAD_INPUT,
				_("status: dossier %s is %s and can no longer change"),
				d->code, statuses[d->status].name);
	else
		rc = mc_db_fail(db, MC_BAD_INPUT,
				_("status: dossier %s cannot move from %s to %s (allowed: %s)"),
				d->code, statuses[d->status].name, statuses[to].name,
				b.s ? b.s : "");
	mc_strbuf_release(&b);
	return rc;
}

/* The due time pushed by the working time spent waiting in supplement. */
static mc_status resume_due(mc_db *db, const mc_dossier *d, mc_time *due)
{
	mc_calendar cal;
	int64_t off = (int64_t)mc_db_offset(db) * 60;
	mc_status rc = mc_db_calendar(db, &cal);
	if (rc != MC_OK)
		return rc;
	int64_t waited = mc_calendar_working_seconds(&cal, d->paused_at + off, db->now + off);
	*due = waited > 0 ? mc_calendar_add_working_seconds(&cal, d->due_at + off, waited) - off
			  : d->due_at;
	return MC_OK;
}

/* Adds "name":t (or null) to the audit change when t differs from was. */
static void change_time(mc_change *chg, const char *name, mc_time t, mc_time was)
{
	if (t == was)
		return;
	if (t == MC_TIME_NONE)
		mc_change_str(chg, name, NULL);
	else
		mc_change_int(chg, name, t);
}

static mc_status store_change(mc_db *db, const mc_dossier *d, mc_dossier_status to,
			      mc_time due, mc_time paused, mc_change *chg)
{
	mc_time finished = d->finished_at, returned = d->returned_at;
	if (to == MC_ST_DONE && d->status != MC_ST_DONE)
		finished = db->now;
	if (to == MC_ST_RETURNED) {
		returned = db->now;
		if (finished == MC_TIME_NONE)
			finished = db->now;
	}
	sqlite3_stmt *st = mc_db_prepare(db,
		"UPDATE dossiers SET status = ?, due_at = ?, finished_at = ?,"
		" returned_at = ?, paused_at = ?, updated_at = ? WHERE code = ?");
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, statuses[to].name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, due);
	mc_time t[3] = { finished, returned, paused };
	for (int i = 0; i < 3; i++) {
		if (t[i] == MC_TIME_NONE)
			sqlite3_bind_null(st, 3 + i);
		else
			sqlite3_bind_int64(st, 3 + i, t[i]);
	}
	sqlite3_bind_int64(st, 6, db->now);
	mc_db_bind_text(st, 7, d->code);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(st);
	mc_change_str(chg, "status", statuses[to].name);
	change_time(chg, "due_at", due, d->due_at);
	change_time(chg, "finished_at", finished, d->finished_at);
	change_time(chg, "returned_at", returned, d->returned_at);
	change_time(chg, "paused_at", paused, d->paused_at);
	return rc;
}

static mc_status dossier_id(mc_db *db, const char *code, int64_t *id)
{
	sqlite3_stmt *st = mc_db_prepare(db, "SELECT id FROM dossiers WHERE code = ?");
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	mc_status rc = sqlite3_step(st) == SQLITE_ROW ? MC_OK : mc_db_sqlfail(db, "dossiers");
	if (rc == MC_OK)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc;
}

static mc_status apply_change(mc_db *db, const mc_dossier *d, const mc_dossier_change *chg,
			      const char *note, const char *reason)
{
	mc_dossier_status to = d->status;
	mc_time due = d->due_at, paused = d->paused_at, old_due = MC_TIME_NONE;
	mc_status rc;

	if (chg->status) {
		if (mc_dossier_status_parse(chg->status, &to) != MC_OK)
			return mc_db_fail(db, MC_BAD_INPUT, _("status: \"%s\" is not a status"),
					  chg->status);
		if (!(statuses[d->status].next & BIT(to)))
			return refuse_move(db, d, to);
		if (statuses[to].needs_reason && !reason)
			return mc_db_fail(db, MC_BAD_INPUT,
					  _("reason: moving to %s needs --reason"), statuses[to].name);
	}
	if (chg->due != MC_TIME_NONE) {
		if (!statuses[d->status].open)
			return mc_db_fail(db, MC_BAD_INPUT,
					  _("due: dossier %s is %s; only open dossiers can be rescheduled"),
					  d->code, statuses[d->status].name);
		if (!reason)
			return mc_db_fail(db, MC_BAD_INPUT, _("reason: a new due time needs --reason"));
		if (chg->due <= d->received_at)
			return mc_db_fail(db, MC_BAD_INPUT, _("due: must be after the receipt"));
		old_due = d->due_at;
		due = chg->due;
	}
	if (d->status == MC_ST_SUPPLEMENT && to != MC_ST_SUPPLEMENT) {
		if (to == MC_ST_PROCESSING && chg->due == MC_TIME_NONE) {
			if ((rc = resume_due(db, d, &due)) != MC_OK)
				return rc;
			if (due != d->due_at)
				old_due = d->due_at;
		}
		paused = MC_TIME_NONE;
	}
	if (to == MC_ST_SUPPLEMENT && d->status != MC_ST_SUPPLEMENT)
		paused = db->now;

	int64_t id;
	mc_change audit = MC_CHANGE_INIT;
	const char *json;
	if ((rc = store_change(db, d, to, due, paused, &audit)) == MC_OK &&
	    (rc = dossier_id(db, d->code, &id)) == MC_OK &&
	    (rc = add_history(db, id, to, note, reason, old_due,
			      old_due == MC_TIME_NONE ? old_due : due)) == MC_OK)
		rc = mc_notify_change(db, id, chg->status ? to : MC_ST_COUNT,
				      chg->due != MC_TIME_NONE, reason);
	if (note)
		mc_change_str(&audit, "note", note);
	if (reason)
		mc_change_str(&audit, "reason", reason);
	if (rc == MC_OK)
		rc = (json = mc_change_json(&audit)) ? mc_audit_record(db, "dossiers", d->code, json)
						      : MC_NOMEM;
	mc_change_release(&audit);
	return rc;
}

mc_status mc_dossier_update(mc_db *db, const char *code_or_url,
			    const mc_dossier_change *chg, mc_dossier **out)
{
	mc_dossier *d = NULL;
	char *note = NULL, *reason = NULL;
	mc_status rc;

	if (out)
		*out = NULL;
	if (!chg->status && chg->due == MC_TIME_NONE)
		return mc_db_fail(db, MC_USAGE, _("nothing to change: give --status or --due"));
	if ((rc = check_text(db, "note", chg->note ? chg->note : "", 1000, 0, &note)) != MC_OK)
		return rc;
	if ((rc = check_text(db, "reason", chg->reason ? chg->reason : "", 1000, 0, &reason)) != MC_OK) {
		free(note);
		return rc;
	}
	if ((rc = mc_dossier_get(db, code_or_url, &d)) == MC_OK &&
	    (rc = apply_change(db, d, chg, note, reason)) == MC_OK && out)
		rc = mc_dossier_get(db, d->code, out);
	mc_dossier_free(d);
	free(note);
	free(reason);
	return rc;
}
