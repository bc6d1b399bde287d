/* motcua — correcting a dossier: details typed wrong (amend), a note in its
 * history, and cancelling one entered by mistake. Each is one line of the
 * append-only history with its reason, and one audit record. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "dossier-private.h"
#include "i18n.h"
#include "notify.h"
#include "strbuf.h"

/* The audit record of a history event: {"event":E} with the changes
 * (JSON), the note, the status entered and the reason that it has. */
static mc_status audit_event(mc_db *db, const char *code, const char *event,
			     const char *changes, const char *note, const char *reason)
{
	mc_strbuf b = MC_STRBUF_INIT;
	const char *keys[] = { "note", "reason" }, *vals[] = { note, reason };
	mc_strbuf_addf(&b, "{\"event\":");
	mc_strbuf_add_json(&b, event);
	if (strcmp(event, "cancel") == 0)
		mc_strbuf_addf(&b, ",\"status\":\"cancelled\"");
	if (changes)
		mc_strbuf_addf(&b, ",\"changes\":%s", changes);
	for (size_t i = 0; i < 2; i++) {
		if (!vals[i])
			continue;
		mc_strbuf_addf(&b, ",\"%s\":", keys[i]);
		mc_strbuf_add_json(&b, vals[i]);
	}
	mc_strbuf_addf(&b, "}");
	mc_status rc = b.oom ? MC_NOMEM : mc_audit_record(db, "dossiers", code, b.s);
	mc_strbuf_release(&b);
	return rc;
}

static mc_status need_reason(mc_db *db, const char *in, const char *why, char **out)
{
	char f[16];
	*out = NULL;
	if (!in)
		return mc_db_fail(db, MC_BAD_INPUT, "%s: %s", mc_field_option("reason", f, sizeof f),
				  why);
	return mc_dossier_clean_text(db, "reason", in, 1000, 1, out);
}

/* ---- amend ---- */

/* The fields an amendment may change, by their column names. */
static const char *const fields[] = { "applicant", "phone", "id_number", "address", "email" };
#define N_FIELDS (sizeof fields / sizeof fields[0])

static const char *given_value(const mc_dossier_amend *am, size_t i)
{
	const char *v[N_FIELDS] = { am->applicant, am->phone, am->id_number, am->address,
				    am->email };
	return v[i];
}

static const char *stored_value(const mc_dossier *d, size_t i)
{
	const char *v[N_FIELDS] = { d->applicant, d->phone, d->id_number, d->address, d->email };
	return v[i];
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Checks every value given, keeps the new ones in val[] (NULL: empty)
 * and writes the changes as {"field":["old","new"],...} into b. */
static mc_status amend_changes(mc_db *db, const mc_dossier *d, const mc_dossier_amend *am,
			       char *val[N_FIELDS], int changed[N_FIELDS], mc_strbuf *b)
{
	size_t n = 0;
	mc_strbuf_addf(b, "{");
	for (size_t i = 0; i < N_FIELDS; i++) {
		const char *in = given_value(am, i);
		changed[i] = 0;
		if (!in)
			continue;
		mc_status rc = mc_dossier_check_field(db, fields[i], in, &val[i]);
		if (rc != MC_OK)
			return rc;
		if (same(val[i], stored_value(d, i)))
			continue;
		changed[i] = 1;
		mc_strbuf_addf(b, "%s\"%s\":[", n++ ? "," : "", fields[i]);
		mc_strbuf_add_json(b, stored_value(d, i));
		mc_strbuf_addf(b, ",");
		mc_strbuf_add_json(b, val[i]);
		mc_strbuf_addf(b, "]");
	}
	mc_strbuf_addf(b, "}");
	if (b->oom)
		return MC_NOMEM;
	if (!n)
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("nothing to amend: dossier %s already has these values"), d->code);
	return MC_OK;
}

static mc_status store_amend(mc_db *db, const mc_dossier *d, char *val[N_FIELDS],
			     const int changed[N_FIELDS])
{
	/* Each column keeps its value unless changed (?2n: the flag). */
	sqlite3_stmt *st = mc_db_prepare(db,
		"UPDATE dossiers SET"
		" applicant = CASE WHEN ?2 THEN ?3 ELSE applicant END,"
		" phone = CASE WHEN ?4 THEN ?5 ELSE phone END,"
		" id_number = CASE WHEN ?6 THEN ?7 ELSE id_number END,"
		" address = CASE WHEN ?8 THEN ?9 ELSE address END,"
		" email = CASE WHEN ?10 THEN ?11 ELSE email END,"
		" updated_at = ?12 WHERE code = ?1");
	if (!st)
		return MC_DB;
	mc_db_bind_text(st, 1, d->code);
	for (size_t i = 0; i < N_FIELDS; i++) {
		sqlite3_bind_int(st, 2 + 2 * (int)i, changed[i]);
		mc_db_bind_text(st, 3 + 2 * (int)i, val[i]);
	}
	sqlite3_bind_int64(st, 12, db->now);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(st);
	return rc;
}

static mc_status amend(mc_db *db, const mc_dossier *d, const mc_dossier_amend *am,
		       const char *reason)
{
	char *val[N_FIELDS] = { NULL };
	int changed[N_FIELDS];
	mc_strbuf changes = MC_STRBUF_INIT;
	int64_t id;
	mc_status rc;
	if ((rc = amend_changes(db, d, am, val, changed, &changes)) == MC_OK &&
	    (rc = store_amend(db, d, val, changed)) == MC_OK &&
	    (rc = dossier_row_id(db, d->code, &id)) == MC_OK &&
	    /* The name (fields[0]) moves in the index of names: dossier find. */
	    (!changed[0] || (rc = dossier_names_update(db, id, d->applicant, val[0])) == MC_OK) &&
	    (rc = mc_dossier_add_event(db, id, d->status, "amend", NULL, reason, changes.s)) == MC_OK &&
	    (rc = mc_notify_amended(db, id)) == MC_OK)
		rc = audit_event(db, d->code, "amend", changes.s, NULL, reason);
	for (size_t i = 0; i < N_FIELDS; i++)
		free(val[i]);
	mc_strbuf_release(&changes);
	return rc;
}

/* ---- cancel ---- */

/*
 * Was the dossier (row id) sent to the portal? An export run covered it
 * when it ran after one of the dossier's changes (its receipt, a move, an
 * amendment: what sets updated_at, which the sync reads) that was inside
 * the run's --since window. *at: the first such run's time.
 */
static mc_status exported(mc_db *db, int64_t id, mc_time *at)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT min(e.at) FROM portal_exports e WHERE EXISTS (SELECT 1"
		" FROM dossier_history h WHERE h.dossier_id = ?1 AND h.event IS NOT 'note'"
		" AND h.at <= e.at AND (e.since IS NULL OR h.at >= e.since))");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, id);
	mc_status rc = sqlite3_step(st) == SQLITE_ROW ? MC_OK : mc_db_sqlfail(db, "portal_exports");
	if (rc == MC_OK)
		*at = sqlite3_column_type(st, 0) == SQLITE_NULL ? MC_TIME_NONE
								: sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc;
}

static mc_status may_cancel(mc_db *db, const mc_dossier *d, int64_t id)
{
	int off = mc_db_offset(db);
	char buf[40];
	mc_time at;
	mc_status rc;
	if (d->status == MC_ST_CANCELLED)
		return mc_db_fail(db, MC_REFUSED, _("dossier %s is already cancelled"), d->code);
	if (d->status != MC_ST_RECEIVED)
		return mc_db_fail(db, MC_REFUSED,
				  _("dossier %s is %s: only a dossier still received can be cancelled"),
				  d->code, mc_status_word(d->status));
	if (mc_day_at(d->received_at, off) != mc_day_at(db->now, off)) {
		mc_format_day_human(mc_day_at(d->received_at, off), buf, sizeof buf);
		return mc_db_fail(db, MC_REFUSED,
				  _("dossier %s was received on %s: only a dossier received today can be cancelled"),
				  d->code, buf);
	}
	if ((rc = exported(db, id, &at)) != MC_OK)
		return rc;
	if (at != MC_TIME_NONE) {
		mc_format_time_human(at, off, buf, sizeof buf);
		return mc_db_fail(db, MC_REFUSED,
				  _("dossier %s was already sent to the national portal (export of %s): it can no longer be cancelled"),
				  d->code, buf);
	}
	return MC_OK;
}

static mc_status cancel(mc_db *db, const mc_dossier *d, const char *reason)
{
	int64_t id;
	mc_status rc;
	if ((rc = dossier_row_id(db, d->code, &id)) != MC_OK || (rc = may_cancel(db, d, id)) != MC_OK)
		return rc;
	sqlite3_stmt *st = mc_db_prepare(db,
		"UPDATE dossiers SET status = 'cancelled', updated_at = ?2 WHERE id = ?1");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, db->now);
	rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(st);
	if (rc == MC_OK &&
	    (rc = mc_dossier_add_event(db, id, MC_ST_CANCELLED, "cancel", NULL, reason, NULL)) == MC_OK &&
	    (rc = mc_notify_change(db, id, MC_ST_CANCELLED, 0, NULL)) == MC_OK)
		rc = audit_event(db, d->code, "cancel", NULL, NULL, reason);
	return rc;
}

/* ---- one transaction each ---- */

enum fix_kind { FIX_AMEND, FIX_NOTE, FIX_CANCEL };

struct fix_args {
	enum fix_kind kind;
	const char *code_or_url;
	const mc_dossier_amend *am;
	const char *text;       /* the note, or the reason of a cancel */
	mc_dossier **out;
};

static mc_status fix(mc_db *db, void *ud)
{
	const struct fix_args *a = ud;
	mc_dossier *d = NULL;
	char *text = NULL;
	int64_t id;
	mc_status rc;

	if (a->kind == FIX_NOTE)
		/* dossier note's TEXT: an argument, named by its word. */
		rc = mc_dossier_clean_text_from(db, "note", MC_FROM_ARGUMENT,
						a->text ? a->text : "", 1000, 1, &text);
	else if (a->kind == FIX_AMEND)
		rc = need_reason(db, a->am->reason, _("an amendment needs a reason"), &text);
	else
		rc = need_reason(db, a->text, _("a cancellation needs a reason"), &text);
	if (rc == MC_OK && (rc = mc_dossier_get(db, a->code_or_url, &d)) == MC_OK) {
		if (a->kind == FIX_AMEND)
			rc = amend(db, d, a->am, text);
		else if (a->kind == FIX_CANCEL)
			rc = cancel(db, d, text);
		else if ((rc = dossier_row_id(db, d->code, &id)) == MC_OK &&
			 (rc = mc_dossier_add_event(db, id, d->status, "note", text, NULL, NULL)) == MC_OK)
			rc = audit_event(db, d->code, "note", NULL, text, NULL);
	}
	if (rc == MC_OK && a->out)
		rc = mc_dossier_get(db, d->code, a->out);
	mc_dossier_free(d);
	free(text);
	return rc;
}

static mc_status run_fix(mc_db *db, struct fix_args *a)
{
	if (a->out)
		*a->out = NULL;
	mc_status rc = mc_db_atomic(db, fix, a);
	if (rc != MC_OK && a->out) {
		mc_dossier_free(*a->out);
		*a->out = NULL;
	}
	return rc;
}

mc_status mc_dossier_amend_fields(mc_db *db, const char *code_or_url,
				  const mc_dossier_amend *am, mc_dossier **out)
{
	struct fix_args a = { FIX_AMEND, code_or_url, am, NULL, out };
	return run_fix(db, &a);
}

mc_status mc_dossier_note(mc_db *db, const char *code_or_url, const char *text,
			  mc_dossier **out)
{
	struct fix_args a = { FIX_NOTE, code_or_url, NULL, text, out };
	return run_fix(db, &a);
}

mc_status mc_dossier_cancel(mc_db *db, const char *code_or_url, const char *reason,
			    mc_dossier **out)
{
	struct fix_args a = { FIX_CANCEL, code_or_url, NULL, reason, out };
	return run_fix(db, &a);
}
