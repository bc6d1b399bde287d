/* motcua — moving a dossier through its lifecycle (SPEC 4.4). */
#include <stdlib.h>

#include "audit.h"
#include "dossier-private.h"
#include "i18n.h"
#include "notify.h"
#include "settings.h"
#include "strbuf.h"

static const mc_status_info *info(mc_dossier_status s)
{
	return mc_dossier_status_info(s);
}

static mc_status refuse_move(mc_db *db, const mc_dossier *d, mc_dossier_status to)
{
	mc_strbuf b = MC_STRBUF_INIT;
	unsigned next = info(d->status)->next;
	for (int s = 0; s < MC_ST_COUNT; s++)
		if (next & MC_ST_BIT(s))
			mc_strbuf_addf(&b, "%s%s", b.len ? ", " : "", info(s)->name);
	mc_status rc;
	if (!next)
		rc = mc_db_fail(db, MC_BAD_INPUT,
				_("status: dossier %s is %s and can no longer change"),
				d->code, info(d->status)->name);
	else
		rc = mc_db_fail(db, MC_BAD_INPUT,
				_("status: dossier %s cannot move from %s to %s (allowed: %s)"),
				d->code, info(d->status)->name, info(to)->name,
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
	sqlite3_bind_text(st, 1, info(to)->name, -1, SQLITE_STATIC);
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
	mc_change_str(chg, "status", info(to)->name);
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
		if (!(info(d->status)->next & MC_ST_BIT(to)))
			return refuse_move(db, d, to);
		if (info(to)->needs_reason && !reason)
			return mc_db_fail(db, MC_BAD_INPUT,
					  _("reason: moving to %s needs a reason"), info(to)->name);
	}
	if (chg->due != MC_TIME_NONE) {
		if (!info(d->status)->open)
			return mc_db_fail(db, MC_BAD_INPUT,
					  _("due: dossier %s is %s; only open dossiers can be rescheduled"),
					  d->code, info(d->status)->name);
		if (!reason)
			return mc_db_fail(db, MC_BAD_INPUT, _("reason: a new due time needs a reason"));
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
	    (rc = mc_dossier_add_history(db, id, to, note, reason, old_due,
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

static mc_status update(mc_db *db, const char *code_or_url,
		       const mc_dossier_change *chg, mc_dossier **out)
{
	mc_dossier *d = NULL;
	char *note = NULL, *reason = NULL;
	mc_status rc;

	if (out)
		*out = NULL;
	if (!chg->status && chg->due == MC_TIME_NONE)
		return mc_db_fail(db, MC_USAGE, _("nothing to change: neither a status nor a due time"));
	if ((rc = mc_dossier_clean_text(db, "note", chg->note ? chg->note : "", 1000, 0, &note)) != MC_OK)
		return rc;
	if ((rc = mc_dossier_clean_text(db, "reason", chg->reason ? chg->reason : "", 1000, 0, &reason)) != MC_OK) {
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

struct update_args {
	const char *code_or_url;
	const mc_dossier_change *chg;
	mc_dossier **out;
};

static mc_status update_atomic(mc_db *db, void *ud)
{
	const struct update_args *a = ud;
	return update(db, a->code_or_url, a->chg, a->out);
}

mc_status mc_dossier_update(mc_db *db, const char *code_or_url,
			    const mc_dossier_change *chg, mc_dossier **out)
{
	struct update_args a = { code_or_url, chg, out };
	if (out)
		*out = NULL;
	mc_status rc = mc_db_atomic(db, update_atomic, &a);
	if (rc != MC_OK && out) {
		mc_dossier_free(*out);
		*out = NULL;
	}
	return rc;
}
