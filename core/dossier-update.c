/* motcua — moving a dossier through its lifecycle (SPEC 4.4). */
#include <stdlib.h>

#include "audit.h"
#include "calendar.h"
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
			/* In Vietnamese, the word and the value --status takes. */
			mc_strbuf_addf(&b, mc_lang_vi() ? "%s%s (%s)" : "%s%s", b.len ? ", " : "",
				       mc_lang_vi() ? mc_status_word(s) : info(s)->name, info(s)->name);
	mc_status rc;
	if (!next)
		rc = mc_db_fail(db, MC_BAD_INPUT,
				_("status: dossier %s is %s and can no longer change"),
				d->code, mc_status_word(d->status));
	else
		rc = mc_db_fail(db, MC_BAD_INPUT,
				_("status: dossier %s cannot move from %s to %s (allowed: %s)"),
				d->code, mc_status_word(d->status), mc_status_word(to),
				b.s ? b.s : "");
	mc_strbuf_release(&b);
	return rc;
}

/* A moment moved forward by the working time between two others (local
 * offset off seconds): how a supplement wait pushes a due time. */
static mc_time push_by(const mc_calendar *cal, int64_t off, mc_time t, mc_time from,
		       mc_time to)
{
	int64_t waited = mc_calendar_working_seconds(cal, from + off, to + off);
	return waited > 0 ? mc_calendar_add_working_seconds(cal, t + off, waited) - off : t;
}

/* The due time and the promised one (when rescheduled) pushed by the
 * working time spent waiting in supplement. */
static mc_status resume_due(mc_db *db, const mc_dossier *d, mc_time *due, mc_time *promised)
{
	mc_calendar cal;
	int64_t off = (int64_t)mc_db_offset(db) * 60;
	mc_status rc = mc_db_calendar(db, &cal);
	if (rc != MC_OK)
		return rc;
	*due = push_by(&cal, off, d->due_at, d->paused_at, db->now);
	if (d->promised_at != MC_TIME_NONE)
		*promised = push_by(&cal, off, d->promised_at, d->paused_at, db->now);
	return MC_OK;
}

/* Why a day is not a working day: its holiday's name, else the weekday
 * (a weekly rest day). */
static const char *day_off_name(const mc_calendar *cal, int64_t day, mc_holiday *hs,
				size_t cap)
{
	static const char *const weekdays[] = {
		N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
		N_("Thursday"), N_("Friday"), N_("Saturday"),
	};
	int y, m, dd;
	for (size_t i = 0; i < cal->n_overrides; i++)
		if (cal->overrides[i].day == day && !cal->overrides[i].is_workday)
			return cal->overrides[i].name[0] ? cal->overrides[i].name : _("a holiday");
	mc_civil_from_days(day, &y, &m, &dd);
	size_t n = mc_holidays_of_year(cal, y, hs, cap);
	for (size_t i = 0; i < n && i < cap; i++)
		if (hs[i].day == day)
			return hs[i].name;
	return _(weekdays[mc_weekday(day)]);
}

/* The first working moment at or after local time t: inside office hours
 * of a working day, its closing included (a due time may fall there). */
static int64_t working_from(const mc_calendar *cal, int64_t t)
{
	int64_t day = mc_local_day(t);
	int open, close, min = mc_local_minute_of_day(t);
	if (mc_calendar_office_hours(cal, day, &open, &close)) {
		if (min < open)
			return day * MC_DAY_SECONDS + open * 60;
		if (t <= day * MC_DAY_SECONDS + close * 60)
			return t;
	}
	day = mc_calendar_next_working_day(cal, day);
	mc_calendar_office_hours(cal, day, &open, &close);
	return day * MC_DAY_SECONDS + open * 60;
}

/*
 * SPEC 4.4: a new due time is a working time after now and after the
 * current due time (which was due, possibly pushed by a wait). Refused,
 * the message names the first working minute that would do.
 */
static mc_status check_new_due(mc_db *db, mc_time want, mc_time current)
{
	mc_calendar cal;
	mc_holiday hs[32];
	int off_min = mc_db_offset(db), open, close;
	int64_t off = (int64_t)off_min * 60;
	mc_status rc = mc_db_calendar(db, &cal);
	if (rc != MC_OK)
		return rc;
	mc_time bound = db->now > current ? db->now : current;
	/* The next whole minute after the bound, or the time asked if later. */
	mc_time from = (bound + off) - (bound + off) % 60 - off + 60;
	if (want > from)
		from = want;
	mc_time next = working_from(&cal, from + off) - off;
	char w[24], b[24], n[24];
	mc_format_time_human(want, off_min, w, sizeof w);
	mc_format_time_human(next, off_min, n, sizeof n);
	if (want <= db->now) {
		mc_format_time_human(db->now, off_min, b, sizeof b);
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("due: %s is not after now (%s); the next working time is %s"),
				  w, b, n);
	}
	if (want <= current) {
		mc_format_time_human(current, off_min, b, sizeof b);
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("due: %s is not after the current due time %s; the next working time is %s"),
				  w, b, n);
	}
	int64_t day = mc_local_day(want + off);
	if (!mc_calendar_office_hours(&cal, day, &open, &close))
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("due: %s is not a working time (%s); the next working time is %s"),
				  w, day_off_name(&cal, day, hs, sizeof hs / sizeof hs[0]), n);
	if (working_from(&cal, want + off) != want + off) {
		char hours[48];
		snprintf(hours, sizeof hours, "%02d:%02d-%02d:%02d", open / 60, open % 60,
			 close / 60, close % 60);
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("due: %s is not a working time (office hours %s); the next working time is %s"),
				  w, hours, n);
	}
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
			      mc_time due, mc_time promised, mc_time paused, mc_change *chg)
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
		" returned_at = ?, paused_at = ?, promised_at = ?, updated_at = ?"
		" WHERE code = ?");
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, info(to)->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, due);
	mc_time t[4] = { finished, returned, paused, promised };
	for (int i = 0; i < 4; i++) {
		if (t[i] == MC_TIME_NONE)
			sqlite3_bind_null(st, 3 + i);
		else
			sqlite3_bind_int64(st, 3 + i, t[i]);
	}
	sqlite3_bind_int64(st, 7, db->now);
	mc_db_bind_text(st, 8, d->code);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(st);
	mc_change_str(chg, "status", info(to)->name);
	change_time(chg, "due_at", due, d->due_at);
	change_time(chg, "finished_at", finished, d->finished_at);
	change_time(chg, "returned_at", returned, d->returned_at);
	change_time(chg, "paused_at", paused, d->paused_at);
	change_time(chg, "promised_at", promised, d->promised_at);
	return rc;
}

static mc_status apply_change(mc_db *db, const mc_dossier *d, const mc_dossier_change *chg,
			      const char *note, const char *reason)
{
	mc_dossier_status to = d->status;
	mc_time due = d->due_at, paused = d->paused_at, old_due = MC_TIME_NONE;
	mc_time promised = d->promised_at;
	mc_status rc;

	if (chg->status) {
		if (mc_dossier_status_parse(chg->status, &to) != MC_OK)
			return mc_db_fail(db, MC_BAD_INPUT, _("status: \"%s\" is not a status"),
					  chg->status);
		if (!(info(d->status)->next & MC_ST_BIT(to)))
			return refuse_move(db, d, to);
		if (info(to)->needs_reason && !reason)
			return mc_db_fail(db, MC_BAD_INPUT,
					  _("reason: moving to %s needs a reason"), mc_status_word(to));
	}
	/* Leaving supplement for work: the wait pushes the due time and the
	 * promised one, before a new due time is judged against them. */
	if (d->status == MC_ST_SUPPLEMENT && to == MC_ST_PROCESSING &&
	    (rc = resume_due(db, d, &due, &promised)) != MC_OK)
		return rc;
	if (due != d->due_at)
		old_due = d->due_at;
	if (chg->due != MC_TIME_NONE) {
		if (!info(d->status)->open)
			return mc_db_fail(db, MC_BAD_INPUT,
					  _("due: dossier %s is %s; only open dossiers can be rescheduled"),
					  d->code, mc_status_word(d->status));
		if (!reason)
			return mc_db_fail(db, MC_BAD_INPUT, _("reason: a new due time needs a reason"));
		if ((rc = check_new_due(db, chg->due, due)) != MC_OK)
			return rc;
		/* The first reschedule keeps the time promised on the slip. */
		if (promised == MC_TIME_NONE)
			promised = due;
		old_due = d->due_at;
		due = chg->due;
	}
	if (d->status == MC_ST_SUPPLEMENT && to != MC_ST_SUPPLEMENT)
		paused = MC_TIME_NONE;
	if (to == MC_ST_SUPPLEMENT && d->status != MC_ST_SUPPLEMENT)
		paused = db->now;

	int64_t id;
	mc_change audit = MC_CHANGE_INIT;
	const char *json;
	if ((rc = store_change(db, d, to, due, promised, paused, &audit)) == MC_OK &&
	    (rc = dossier_row_id(db, d->code, &id)) == MC_OK &&
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
