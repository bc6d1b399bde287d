/* motcua — the dossier as stored: reading it, looking it up, listing,
 * and its history (receiving: dossier-receive.c; moving: dossier-update.c). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dossier-private.h"
#include "i18n.h"
#include "settings.h"
#include "strbuf.h"
#include "text.h"

static void history_release(mc_history *h)
{
	free(h->clerk);
	free(h->note);
	free(h->reason);
	free(h->event);
	free(h->changes);
	for (size_t i = 0; i < h->n_amended; i++) {
		free(h->amended[i].field);
		free(h->amended[i].old_value);
		free(h->amended[i].new_value);
	}
	free(h->amended);
}

void mc_dossier_free(mc_dossier *d)
{
	if (!d)
		return;
	char **strs[] = { &d->code, &d->pin, &d->procedure, &d->procedure_name,
			  &d->applicant, &d->id_number, &d->phone, &d->email,
			  &d->address, &d->channel, &d->delivery, &d->documents,
			  &d->note, &d->clerk, &d->zalo_user_id };
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		free(*strs[i]);
	for (size_t i = 0; i < d->n_history; i++)
		history_release(&d->history[i]);
	free(d->history);
	free(d);
}

static mc_outcome outcome(const mc_dossier *d, mc_time now)
{
	return mc_outcome_of(d->status, d->due_at, d->promised_at, d->finished_at,
			     d->paused_at, now);
}

mc_time mc_dossier_promised(const mc_dossier *d)
{
	return d->promised_at != MC_TIME_NONE ? d->promised_at : d->due_at;
}

int mc_dossier_on_time(const mc_dossier *d)
{
	if (d->status != MC_ST_DONE && d->status != MC_ST_RETURNED)
		return -1;
	return outcome(d, 0) == MC_OUT_ON_TIME;
}

int mc_dossier_overdue(const mc_dossier *d, mc_time now)
{
	return outcome(d, now) == MC_OUT_OVERDUE;
}

/* ---- reading rows ---- */

#define DOSSIER_COLUMNS \
	"d.id, d.code, d.pin, d.procedure, p.name, d.applicant, d.id_number," \
	" d.phone, d.email, d.address, d.channel, d.delivery, d.documents," \
	" d.note, d.clerk, d.status, d.days, d.sets, d.received_at, d.due_at," \
	" d.finished_at, d.returned_at, d.paused_at, d.promised_at, d.zalo_user_id"
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
	d->promised_at = column_time(st, 23);
	d->zalo_user_id = mc_db_column_dup(st, 24);
	if (!d->code || !d->pin || !d->procedure || !d->procedure_name ||
	    !d->applicant || !d->channel || !d->delivery || !d->documents || !d->clerk) {
		mc_dossier_free(d);
		return NULL;
	}
	return d;
}

/* Reads an amendment's changes (JSON {"field":["old","new"],...}) into
 * h->amended. */
static mc_status read_changes(mc_db *db, mc_history *h)
{
	sqlite3_stmt *st = mc_db_prepare_kept(db,
		"SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]')"
		" FROM json_each(?) ORDER BY id");
	size_t cap = 0;
	int r;
	if (!st)
		return MC_DB;
	mc_db_bind_text(st, 1, h->changes);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (h->n_amended == cap) {
			cap = cap ? cap * 2 : 4;
			mc_amended *a = realloc(h->amended, cap * sizeof *a);
			if (!a) {
				mc_db_done(db, st);
				return MC_NOMEM;
			}
			h->amended = a;
		}
		mc_amended *a = &h->amended[h->n_amended++];
		a->field = mc_db_column_dup(st, 0);
		a->old_value = mc_db_column_dup(st, 1);
		a->new_value = mc_db_column_dup(st, 2);
	}
	mc_status rc = r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossier_history");
	mc_db_done(db, st);
	return rc;
}

static mc_status load_history(mc_db *db, int64_t id, mc_dossier *d)
{
	sqlite3_stmt *st = mc_db_prepare_kept(db,
		"SELECT at, status, clerk, note, reason, old_due, new_due, event, changes"
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
				mc_db_done(db, st);
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
		h->event = mc_db_column_dup(st, 7);
		h->changes = mc_db_column_dup(st, 8);
	}
	mc_status rc = r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossier_history");
	mc_db_done(db, st);
	for (size_t i = 0; i < d->n_history && rc == MC_OK; i++)
		if (d->history[i].changes)
			rc = read_changes(db, &d->history[i]);
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

/*
 * A short form of today's or another day's code, as a clerk reads it off
 * the slip: "0008" (today's dossier 8) or "260429-0008" (the dossier 8 of
 * 29/04/2026), NNNN of 1 to 5 digits; made into the full code of the
 * office's unit in code (n bytes). Anything else is left as it is.
 */
static void expand_short(mc_db *db, char *code, size_t n)
{
	size_t len = strlen(code), digits = strspn(code, "0123456789"), seq_at = 0;
	char day[8], *unit = NULL;
	if (digits == len && len >= 1 && len <= 5) {
		int y, m, d;
		int64_t today = mc_local_day(db->now + (int64_t)mc_db_offset(db) * 60);
		mc_civil_from_days(today, &y, &m, &d);
		snprintf(day, sizeof day, "%02d%02d%02d", y % 100, m, d);
	} else if (digits == 6 && code[6] == '-' && len >= 8 && len <= 12 &&
		   strspn(code + 7, "0123456789") == len - 7) {
		memcpy(day, code, 6);
		day[6] = '\0';
		seq_at = 7;
	} else {
		return;
	}
	long seq = strtol(code + seq_at, NULL, 10);
	if (mc_setting_get(db, "unit_id", &unit) == MC_OK)
		snprintf(code, n, "%s-%s-%04ld", unit, day, seq);
	free(unit);
}

/* PINs are compared over this many bytes whatever their length: more
 * than any PIN, and the buffer mc_dossier_get() reads a URL's into. */
#define PIN_BYTES 16

/* A PIN as Crockford base 32 reads it: any letter case, and I and L for
 * 1, O for 0, the letters that the alphabet leaves out for looking like
 * them. out is PIN_BYTES, zero-filled past the PIN; a longer PIN is cut,
 * and *too_long says so. */
static void pin_normalize(const char *in, unsigned char out[PIN_BYTES], int *too_long)
{
	size_t i = 0;
	memset(out, 0, PIN_BYTES);
	for (; in[i] && i < PIN_BYTES; i++) {
		char c = (char)toupper((unsigned char)in[i]);
		out[i] = (unsigned char)(c == 'I' || c == 'L' ? '1' : c == 'O' ? '0' : c);
	}
	*too_long = in[i] != '\0';
}

/* In constant time: the same bytes are read and compared whether the
 * PINs differ in their first character, their last or not at all. An
 * empty PIN never matches. */
static int pin_matches(const char *given, const char *stored)
{
	unsigned char a[PIN_BYTES], b[PIN_BYTES];
	int long_a, long_b;
	pin_normalize(given, a, &long_a);
	pin_normalize(stored, b, &long_b);
	return (sodium_memcmp(a, b, PIN_BYTES) == 0) & !long_a & !long_b & (a[0] != 0);
}

int mc_dossier_pin_matches(const char *given, const char *stored)
{
	/* An unknown code is compared against a stand-in, at the same cost. */
	return pin_matches(given ? given : "", stored ? stored : "000000") & (stored != NULL);
}

/*
 * The dossier whose code is code (already in capitals), with its history.
 * With a pin, one refusal whether no dossier has the code or its PIN is
 * another, after the same comparison (against a stand-in PIN when the
 * code is unknown), so that a lookup cannot tell which.
 */
static mc_status get_by_code(mc_db *db, const char *code, const char *pin,
			     mc_dossier **out)
{
	sqlite3_stmt *st = mc_db_prepare_kept(db, "SELECT " DOSSIER_COLUMNS DOSSIER_FROM
						  " WHERE d.code = ?");
	*out = NULL;
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
		else if (pin && !pin_matches(pin, (*out)->pin))
			rc = mc_db_fail(db, MC_NOT_FOUND, _("no dossier %s with this PIN"), code);
		else
			rc = load_history(db, id, *out);
	} else if (r == SQLITE_DONE) {
		if (pin) {
			/* The comparison a known code costs; its result does
			 * not matter (volatile, so that it is not left out). */
			volatile int same = pin_matches(pin, "000000");
			(void)same;
			rc = mc_db_fail(db, MC_NOT_FOUND, _("no dossier %s with this PIN"), code);
		} else {
			rc = mc_db_fail(db, MC_NOT_FOUND, _("no dossier %s"), code);
		}
	} else {
		rc = mc_db_sqlfail(db, "dossiers");
	}
	mc_db_done(db, st);
	if (rc != MC_OK) {
		mc_dossier_free(*out);
		*out = NULL;
	}
	return rc;
}

mc_status mc_dossier_get(mc_db *db, const char *code_or_url, mc_dossier **out)
{
	char code[64], pin[PIN_BYTES] = "";
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
		expand_short(db, code, sizeof code);
	}
	return get_by_code(db, code, *pin ? pin : NULL, out);
}

mc_status mc_dossier_lookup(mc_db *db, const char *code, const char *pin, mc_dossier **out)
{
	char c[64];

	if (!db || !code || !out)
		return MC_USAGE;
	trim_upper(code, c, sizeof c);
	return get_by_code(db, c, pin ? pin : "", out);
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
			if (f->statuses & MC_ST_BIT(s))
				mc_strbuf_addf(&sql, ",'%s'", mc_dossier_status_info(s)->name);
		mc_strbuf_addf(&sql, ")");
	} else {
		/* A dossier entered by mistake is listed only when asked for. */
		mc_strbuf_addf(&sql, " AND d.status <> 'cancelled'");
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
	return dossier_each_row(db, st, fn, ud);
}

/* ---- history ---- */

/* The one writer of the history: every column of a line. */
/* A dossier's history never goes back in time: a change dated before its
 * latest line (a clock set back) is refused. */
static mc_status history_forward(mc_db *db, int64_t id)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT d.code, (SELECT max(at) FROM dossier_history WHERE dossier_id = d.id)"
		" FROM dossiers d WHERE d.id = ?");
	mc_status rc = MC_OK;
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_type(st, 1) != SQLITE_NULL &&
	    sqlite3_column_int64(st, 1) > db->now) {
		char last[24], now[24];
		mc_format_time_human(sqlite3_column_int64(st, 1), mc_db_offset(db), last, sizeof last);
		mc_format_time_human(db->now, mc_db_offset(db), now, sizeof now);
		rc = mc_db_fail(db, MC_BAD_INPUT,
				_("%s: its history was last changed at %s, later than now (%s); "
				  "history never goes back in time"),
				(const char *)sqlite3_column_text(st, 0), last, now);
	} else if (step != SQLITE_ROW && step != SQLITE_DONE) {
		rc = mc_db_sqlfail(db, "dossier_history");
	}
	sqlite3_finalize(st);
	return rc;
}

static mc_status history_insert(mc_db *db, int64_t id, mc_dossier_status s, const char *event,
				const char *note, const char *reason, const char *changes,
				mc_time old_due, mc_time new_due)
{
	mc_status rc = history_forward(db, id);
	if (rc != MC_OK)
		return rc;
	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO dossier_history(dossier_id, at, status, clerk, note,"
		" reason, old_due, new_due, event, changes)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, db->now);
	sqlite3_bind_text(st, 3, mc_dossier_status_info(s)->name, -1, SQLITE_STATIC);
	mc_db_bind_text(st, 4, mc_db_clerk(db));
	mc_db_bind_text(st, 5, note);
	mc_db_bind_text(st, 6, reason);
	if (old_due != MC_TIME_NONE) {
		sqlite3_bind_int64(st, 7, old_due);
		sqlite3_bind_int64(st, 8, new_due);
	}
	mc_db_bind_text(st, 9, event);
	mc_db_bind_text(st, 10, changes);
	rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK
						       : mc_db_sqlfail(db, "dossier_history");
	sqlite3_finalize(st);
	return rc;
}

mc_status mc_dossier_add_history(mc_db *db, int64_t id, mc_dossier_status s,
				 const char *note, const char *reason,
				 mc_time old_due, mc_time new_due)
{
	return history_insert(db, id, s, NULL, note, reason, NULL, old_due, new_due);
}

mc_status mc_dossier_add_event(mc_db *db, int64_t id, mc_dossier_status s, const char *event,
			       const char *note, const char *reason, const char *changes)
{
	return history_insert(db, id, s, event, note, reason, changes, MC_TIME_NONE,
			      MC_TIME_NONE);
}

/* ---- for the other files of the module ---- */

mc_status dossier_row_id(mc_db *db, const char *code, int64_t *id)
{
	sqlite3_stmt *st = mc_db_prepare(db, "SELECT id FROM dossiers WHERE code = ?");
	if (!st)
		return MC_DB;
	mc_db_bind_text(st, 1, code);
	mc_status rc = sqlite3_step(st) == SQLITE_ROW ? MC_OK : mc_db_sqlfail(db, "dossiers");
	if (rc == MC_OK)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc;
}

sqlite3_stmt *dossier_select(mc_db *db, const char *tail)
{
	mc_strbuf sql = MC_STRBUF_INIT;
	mc_strbuf_addf(&sql, "SELECT " DOSSIER_COLUMNS DOSSIER_FROM " %s", tail);
	return mc_db_prepare_built(db, &sql);
}

mc_dossier *dossier_row(sqlite3_stmt *st)
{
	return dossier_from_row(st);
}

mc_status dossier_each_row(mc_db *db, sqlite3_stmt *st, mc_dossier_fn fn, void *ud)
{
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
