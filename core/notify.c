/* motcua — the citizen notification outbox: queueing, marking, ZNS data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "audit.h"
#include "db-private.h"
#include "i18n.h"
#include "notify.h"
#include "notify-private.h"
#include "settings.h"
#include "text.h"

static const char *const event_names[MC_EV_COUNT] = {
	"received", "supplement", "done", "rescheduled", "rejected",
};

static const char *const state_names[] = {
	"pending", "failed", "sent", "dropped", "sending", "abandoned",
};
#define N_STATES (int)(sizeof state_names / sizeof state_names[0])

const char *mc_notify_event_name(mc_notify_event e)
{
	return e < MC_EV_COUNT ? event_names[e] : NULL;
}

const char *mc_msg_state_name(mc_msg_state s)
{
	return (int)s < N_STATES ? state_names[s] : NULL;
}

const char *mc_notify_event_word(mc_notify_event e)
{
	static const char *const words[MC_EV_COUNT] = {
		NC_("notification", "received"), NC_("notification", "supplement"),
		NC_("notification", "done"), NC_("notification", "rescheduled"),
		NC_("notification", "rejected"),
	};
	return e < MC_EV_COUNT ? mc_ncgettext(words[e]) : NULL;
}

const char *mc_msg_state_word(mc_msg_state s)
{
	static const char *const words[] = {
		NC_("outbox", "pending"), NC_("outbox", "failed"), NC_("outbox", "sent"),
		NC_("outbox", "dropped"), NC_("outbox", "sending"), NC_("outbox", "abandoned"),
	};
	return (int)s < N_STATES ? mc_ncgettext(words[s]) : NULL;
}

const char *mc_notify_dropped_text(const char *why)
{
	if (!why)
		return NULL;
	if (strcmp(why, MC_DROPPED_CANCELLED) == 0)
		return _("the dossier was cancelled");
	if (strcmp(why, MC_DROPPED_RETURNED) == 0)
		return _("the result was already handed back");
	if (strcmp(why, MC_DROPPED_NO_MOBILE) == 0)
		return _("the dossier has no mobile number any more");
	return why;
}

static int parse_name(const char *s, const char *const *names, int n)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return 0;
}

/* A mobile number as stored (mc_phone_normalize): 0[35789] + 8 digits. */
static int is_mobile(const char *p)
{
	return p && strlen(p) == 10 && p[0] == '0' && strchr("35789", p[1]) &&
	       strspn(p, "0123456789") == 10;
}

/* ---- queueing ---- */

/* The audit record of message id (core/audit.h: every row of the outbox
 * written is recorded, so that a phone changed or a message marked sent
 * behind the program's back is found by db check). */
mc_status mc_notify_audit(mc_db *db, int64_t id, const char *change_json)
{
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)id);
	return mc_audit_record(db, "notifications", key, change_json);
}

/*
 * Steps st, an UPDATE ... RETURNING id of messages, and records each
 * message it changed with change_json. The ids are read to the end
 * before any record is written.
 */
static mc_status audit_updated(mc_db *db, sqlite3_stmt *st, const char *change_json)
{
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	mc_status rc = MC_OK;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			int64_t *more = realloc(ids, (cap = cap ? cap * 2 : 8) * sizeof *ids);
			if (!more) {
				rc = MC_NOMEM;
				break;
			}
			ids = more;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (rc == MC_OK && r != SQLITE_DONE)
		rc = mc_db_sqlfail(db, "notifications");
	sqlite3_finalize(st);
	for (size_t i = 0; i < n && rc == MC_OK; i++)
		rc = mc_notify_audit(db, ids[i], change_json);
	free(ids);
	return rc;
}

static mc_status queue_one(mc_db *db, int64_t id, mc_notify_event ev, const char *reason)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO notifications(dossier_id, event, phone, code, applicant,"
		" procedure_name, due_at, reason, created_at, updated_at,"
		" zalo_user_id, zalo_user_at)"
		" SELECT d.id, ?2, coalesce(d.phone, ''), d.code, d.applicant, p.name, d.due_at,"
		"  ?3, ?4, ?4,"
		/* A dossier received from a Zalo message: its sender, and the
		 * time of their last message to the OA so far, which opens the
		 * window of an OA message (core/notify-send.c). */
		"  d.zalo_user_id,"
		"  (SELECT max(i.sent_at) FROM inbox i WHERE i.sender = d.zalo_user_id)"
		" FROM dossiers d JOIN procedures p ON p.code = d.procedure WHERE d.id = ?1");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, event_names[ev], -1, SQLITE_STATIC);
	mc_db_bind_text(st, 3, reason);
	sqlite3_bind_int64(st, 4, db->now);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "notifications");
	sqlite3_finalize(st);
	if (rc == MC_OK && sqlite3_changes(db->sq) == 1)
		rc = mc_notify_audit(db, sqlite3_last_insert_rowid(db->sq), NULL);
	return rc;
}

/*
 * Whether the applicant of a dossier can be told at all: by ZNS to a
 * mobile number, or, for a dossier received from a Zalo message, by the
 * Official Account to its sender (core/notify-send.c: while Zalo's window
 * after the citizen's last message is open), even without a number.
 */
static mc_status dossier_reachable(mc_db *db, int64_t id, int *reachable)
{
	sqlite3_stmt *st = mc_db_prepare(db, "SELECT phone, zalo_user_id FROM dossiers WHERE id = ?");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	mc_status rc = MC_OK;
	*reachable = 0;
	if (r == SQLITE_ROW) {
		const char *zalo = (const char *)sqlite3_column_text(st, 1);
		*reachable = is_mobile((const char *)sqlite3_column_text(st, 0)) || (zalo && *zalo);
	} else if (r != SQLITE_DONE) {
		rc = mc_db_sqlfail(db, "dossiers");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Drops the unsent messages of a dossier (of one event; all with
 * MC_EV_COUNT), saying why. */
static mc_status drop(mc_db *db, int64_t dossier_id, mc_notify_event ev, const char *why)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"UPDATE notifications SET state = 'dropped', dropped_why = ?3, updated_at = ?4"
		" WHERE dossier_id = ?1 AND state IN ('pending', 'failed', 'abandoned')"
		" AND (?2 IS NULL OR event = ?2) RETURNING id");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, dossier_id);
	mc_db_bind_text(st, 2, ev < MC_EV_COUNT ? event_names[ev] : NULL);
	sqlite3_bind_text(st, 3, why, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, db->now);
	mc_change chg = MC_CHANGE_INIT;
	mc_change_str(&chg, "state", "dropped");
	mc_change_str(&chg, "dropped_why", why);
	const char *json = mc_change_json(&chg);
	mc_status rc = json ? audit_updated(db, st, json) : (sqlite3_finalize(st), MC_NOMEM);
	mc_change_release(&chg);
	return rc;
}

mc_status mc_notify_amended(mc_db *db, int64_t dossier_id)
{
	int reachable;
	mc_status rc = dossier_reachable(db, dossier_id, &reachable);
	if (rc != MC_OK)
		return rc;
	if (!reachable)
		return drop(db, dossier_id, MC_EV_COUNT, MC_DROPPED_NO_MOBILE);
	sqlite3_stmt *st = mc_db_prepare(db,
		"UPDATE notifications SET phone = coalesce(d.phone, ''), applicant = d.applicant,"
		" updated_at = ?2"
		" FROM dossiers d WHERE d.id = ?1 AND notifications.dossier_id = ?1"
		" AND notifications.state IN ('pending', 'failed', 'abandoned')"
		" AND (notifications.phone <> coalesce(d.phone, '')"
		"      OR notifications.applicant <> d.applicant)"
		" RETURNING notifications.id");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, dossier_id);
	sqlite3_bind_int64(st, 2, db->now);
	return audit_updated(db, st, NULL);
}

mc_status mc_notify_change(mc_db *db, int64_t dossier_id, mc_dossier_status entered,
			   int rescheduled, const char *reason)
{
	mc_notify_event ev[2];
	size_t n = 0;
	int reachable;

	if (entered == MC_ST_RETURNED)
		return drop(db, dossier_id, MC_EV_DONE, MC_DROPPED_RETURNED);
	if (entered == MC_ST_CANCELLED)
		return drop(db, dossier_id, MC_EV_COUNT, MC_DROPPED_CANCELLED);
	switch (entered) {
	case MC_ST_RECEIVED:   ev[n++] = MC_EV_RECEIVED; break;
	case MC_ST_SUPPLEMENT: ev[n++] = MC_EV_SUPPLEMENT; break;
	case MC_ST_DONE:       ev[n++] = MC_EV_DONE; break;
	case MC_ST_REJECTED:   ev[n++] = MC_EV_REJECTED; break;
	default: break;
	}
	if (rescheduled)
		ev[n++] = MC_EV_RESCHEDULED;
	if (n == 0)
		return MC_OK;
	mc_status rc = dossier_reachable(db, dossier_id, &reachable);
	if (rc != MC_OK || !reachable)
		return rc;
	for (size_t i = 0; i < n && rc == MC_OK; i++)
		rc = queue_one(db, dossier_id, ev[i],
			       ev[i] == MC_EV_RECEIVED || ev[i] == MC_EV_DONE ? NULL : reason);
	return rc;
}

/* ---- reading ---- */

static mc_time column_time(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? MC_TIME_NONE
							 : sqlite3_column_int64(st, i);
}

static const char *column_str(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

mc_status mc_notify_each(mc_db *db, int unsent_only, mc_message_fn fn, void *ud)
{
	sqlite3_stmt *st = mc_db_prepare(db, unsent_only ?
		"SELECT " MSG_COLUMNS " FROM notifications"
		" WHERE state NOT IN ('sent', 'dropped') ORDER BY id" :
		"SELECT " MSG_COLUMNS " FROM notifications ORDER BY id");
	if (!st)
		return MC_DB;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		mc_message m;
		if (mc_notify_row(st, &m) != MC_OK) {
			sqlite3_finalize(st);
			return MC_NOMEM;
		}
		if (fn(&m, ud))
			break;
	}
	mc_status rc = r == SQLITE_ROW || r == SQLITE_DONE ? MC_OK
							   : mc_db_sqlfail(db, "notifications");
	sqlite3_finalize(st);
	return rc;
}

mc_status mc_notify_row(sqlite3_stmt *st, mc_message *out)
{
	mc_message m = {
		.id = sqlite3_column_int64(st, 0),
		.event = (mc_notify_event)parse_name(column_str(st, 1), event_names, MC_EV_COUNT),
		.state = (mc_msg_state)parse_name(column_str(st, 2), state_names, N_STATES),
		.phone = column_str(st, 3),
		.code = column_str(st, 4),
		.applicant = column_str(st, 5),
		.procedure_name = column_str(st, 6),
		.reason = column_str(st, 7),
		.msg_id = column_str(st, 8),
		.last_error = column_str(st, 9),
		.attempts = sqlite3_column_int(st, 10),
		.created_at = sqlite3_column_int64(st, 11),
		.due_at = sqlite3_column_int64(st, 12),
		.updated_at = sqlite3_column_int64(st, 13),
		.sent_at = column_time(st, 14),
		.dropped_why = column_str(st, 15),
		.zalo_user_id = column_str(st, 16),
		.zalo_user_at = column_time(st, 17),
		.channel = column_str(st, 18),
		.next_at = column_time(st, 19),
	};
	*out = m;
	return out->phone && out->code && out->applicant && out->procedure_name ? MC_OK
										: MC_NOMEM;
}

/* ---- marking ---- */

static mc_status clean_opt(mc_db *db, const char *field, const char *in, int multiline,
			   size_t max, char **out)
{
	*out = NULL;
	if (!in)
		return MC_OK;
	char why[96], f[32];
	field = mc_field_option(field, f, sizeof f);
	mc_status rc = mc_text_clean(in, multiline, max, out);
	if (rc == MC_NOMEM)
		return rc;
	if (rc != MC_OK && mc_text_invisible_why(in, why, sizeof why))
		return mc_db_fail(db, MC_BAD_INPUT, "%s: %s", field, why);
	if (rc != MC_OK)
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("%s: not valid UTF-8 text of at most %zu characters"), field, max);
	if (!**out) {
		free(*out);
		*out = NULL;
	}
	return MC_OK;
}

/* A message's state, with its provider's id once sent, or why it was
 * dropped ("" when none). */
struct msg_state {
	char state[16], msg_id[128], why[32];
};

static mc_status current_state(mc_db *db, int64_t id, struct msg_state *ms)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT state, coalesce(msg_id, ''), coalesce(dropped_why, '')"
		" FROM notifications WHERE id = ?");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	mc_status rc = MC_OK;
	if (r == SQLITE_ROW) {
		snprintf(ms->state, sizeof ms->state, "%s", column_str(st, 0));
		snprintf(ms->msg_id, sizeof ms->msg_id, "%s", column_str(st, 1));
		snprintf(ms->why, sizeof ms->why, "%s", column_str(st, 2));
	} else if (r == SQLITE_DONE) {
		rc = mc_db_fail(db, MC_NOT_FOUND, _("no notification %lld"), (long long)id);
	} else {
		rc = mc_db_sqlfail(db, "notifications");
	}
	sqlite3_finalize(st);
	return rc;
}

static mc_status mark(mc_db *db, int64_t id, int sent, const char *msg_id,
		      const char *error)
{
	struct msg_state ms;
	char *mid = NULL, *err = NULL;
	mc_status rc = current_state(db, id, &ms);
	if (rc != MC_OK)
		return rc;
	if (strcmp(ms.state, "sent") == 0 && *ms.msg_id)
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("notification %lld was already sent (message id %s); a sent message stays sent"),
				  (long long)id, ms.msg_id);
	if (strcmp(ms.state, "sent") == 0)
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("notification %lld was already sent; a sent message stays sent"),
				  (long long)id);
	if (strcmp(ms.state, "dropped") == 0)
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("notification %lld was dropped (%s): it is never sent"),
				  (long long)id, mc_notify_dropped_text(ms.why));
	if ((rc = clean_opt(db, "msg-id", msg_id, 0, 100, &mid)) != MC_OK ||
	    (rc = clean_opt(db, "error", error, 1, 1000, &err)) != MC_OK) {
		free(mid);
		return rc;
	}
	sqlite3_stmt *st = mc_db_prepare(db, sent ?
		"UPDATE notifications SET state = 'sent', msg_id = ?2, last_error = NULL,"
		" attempts = attempts + (state <> 'sending'), sent_at = ?3, updated_at = ?3,"
		" next_at = NULL WHERE id = ?1" :
		"UPDATE notifications SET state = 'failed', last_error = ?2,"
		" attempts = attempts + (state <> 'sending'), updated_at = ?3, next_at = NULL"
		" WHERE id = ?1");
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		mc_db_bind_text(st, 2, sent ? mid : err);
		sqlite3_bind_int64(st, 3, db->now);
		rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "notifications");
		sqlite3_finalize(st);
	} else {
		rc = MC_DB;
	}
	if (rc == MC_OK) {
		mc_change chg = MC_CHANGE_INIT;
		mc_change_str(&chg, "state", sent ? "sent" : "failed");
		mc_change_str(&chg, sent ? "msg_id" : "last_error", sent ? mid : err);
		/* A message sent has no last error any more. */
		if (sent)
			mc_change_str(&chg, "last_error", NULL);
		const char *json = mc_change_json(&chg);
		rc = json ? mc_notify_audit(db, id, json) : MC_NOMEM;
		mc_change_release(&chg);
	}
	free(mid);
	free(err);
	return rc;
}

struct mark_args {
	int64_t id;
	int sent;
	const char *msg_id, *error;
};

static mc_status mark_atomic(mc_db *db, void *ud)
{
	const struct mark_args *a = ud;
	return mark(db, a->id, a->sent, a->msg_id, a->error);
}

mc_status mc_notify_mark(mc_db *db, int64_t id, int sent, const char *msg_id,
			 const char *error)
{
	struct mark_args a = { id, sent, msg_id, error };
	return mc_db_atomic(db, mark_atomic, &a);
}

/* ---- the ZNS request ---- */

mc_status mc_notify_zns_phone(const char *phone, char *out, size_t n)
{
	if (!is_mobile(phone) || n < 12)
		return MC_BAD_INPUT;
	snprintf(out, n, "84%s", phone + 1);
	return MC_OK;
}

/*
 * Copies s into out, cut to at most max characters: a longer text keeps
 * the whole words that fit in max - 1 characters (whole characters, never
 * a letter without its marks, when that would keep less than half), loses
 * the blanks it then ends with, and gets "…".
 */
static void cut_text(const char *s, size_t max, char *out, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s), i = 0;
	utf8proc_int32_t prev = -1, c, state = 0;
	size_t chars = 0, cut = 0, word = 0, word_chars = 0;

	if (mc_utf8_length(s) <= max) {
		snprintf(out, n, "%s", s);
		return;
	}
	while (i < len) {
		utf8proc_ssize_t k = utf8proc_iterate(p + i, len - i, &c);
		if (k <= 0)
			break;
		if (prev < 0 || utf8proc_grapheme_break_stateful(prev, c, &state)) {
			if (chars > max - 1)
				break;
			cut = (size_t)i;        /* a character may end here */
			if (c == ' ' && chars > 0) {
				word = cut;     /* and a word here */
				word_chars = chars;
			}
		}
		prev = c;
		chars++;
		i += k;
	}
	if (word_chars >= max / 2)
		cut = word;
	while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == '\t'))
		cut--;
	snprintf(out, n, "%.*s\u2026", (int)cut, s);
}

static void vn_date(mc_time t, int off, char *out, size_t n)
{
	mc_format_date_vn(mc_local_day(t + (int64_t)off * 60), out, n);
}

static void vn_time(mc_time t, int off, char *out, size_t n)
{
	int64_t local = t + (int64_t)off * 60;
	int min = mc_local_minute_of_day(local);
	char date[16];
	mc_format_date_vn(mc_local_day(local), date, sizeof date);
	snprintf(out, n, "%02d:%02d %s", min / 60, min % 60, date);
}

/*
 * Each parameter has the type of a ZNS template whose limit fits what the
 * office says, after Zalo Cloud's table of parameter types and their
 * lengths (https://zalo.cloud/zns/guidelines/en/cac-dinh-dang-du-lieu-khi-truyen-vao-tham-so-tren-noi-dung-zns):
 * "Tên khách hàng" (30) for the applicant, "Mã số" (30) or, for a code
 * longer than that, "Thông tin liên hệ" (50) for the dossier code,
 * "Tên sản phẩm / Thương hiệu" (200) for the procedure and the reason.
 */
size_t mc_notify_zns_params(const mc_message *m, int offset_min, mc_zns_param *out)
{
	size_t n = 0;
	out[n].key = "customer_name";
	cut_text(m->applicant, MC_ZNS_NAME_CHARS, out[n++].value, sizeof out->value);
	out[n].key = "dossier_code";
	snprintf(out[n++].value, sizeof out->value, "%s", m->code);
	out[n].key = "procedure_name";
	cut_text(m->procedure_name, MC_ZNS_TEXT_CHARS, out[n++].value, sizeof out->value);
	if (m->event != MC_EV_RESCHEDULED) {
		out[n].key = "date";
		vn_date(m->created_at, offset_min, out[n++].value, sizeof out->value);
	}
	if (m->event == MC_EV_RECEIVED || m->event == MC_EV_RESCHEDULED) {
		out[n].key = "due_time";
		vn_time(m->due_at, offset_min, out[n++].value, sizeof out->value);
	}
	if (m->event == MC_EV_SUPPLEMENT || m->event == MC_EV_RESCHEDULED ||
	    m->event == MC_EV_REJECTED) {
		out[n].key = "reason";
		cut_text(m->reason ? m->reason : "", MC_ZNS_TEXT_CHARS, out[n++].value,
			 sizeof out->value);
	}
	return n;
}

struct zns_state {
	char *templates[MC_EV_COUNT];   /* NULL: unset */
	long *skipped;
	int offset_min;
	mc_zns_fn fn;
	void *ud;
};

static int zns_one(const mc_message *m, void *ud)
{
	struct zns_state *zs = ud;
	mc_zns_request r = { .id = m->id, .event = m->event,
			     .template_id = zs->templates[m->event] };
	if (m->state != MC_MSG_PENDING && m->state != MC_MSG_FAILED)
		return 0;       /* under way, or given up */
	if (!r.template_id) {
		zs->skipped[m->event]++;
		return 0;
	}
	if (mc_notify_zns_phone(m->phone, r.phone, sizeof r.phone) != MC_OK)
		return 0;       /* only mobile numbers are queued */
	r.n_params = mc_notify_zns_params(m, zs->offset_min, r.params);
	return zs->fn(&r, zs->ud);
}

mc_status mc_notify_zns_each(mc_db *db, mc_zns_fn fn, void *ud, long skipped[MC_EV_COUNT])
{
	struct zns_state zs = { { NULL }, skipped, mc_db_offset(db), fn, ud };
	mc_status rc = MC_OK;
	char key[64];
	for (int e = 0; e < MC_EV_COUNT; e++)
		skipped[e] = 0;
	for (int e = 0; e < MC_EV_COUNT && rc == MC_OK; e++) {
		snprintf(key, sizeof key, "zns_template_%s", event_names[e]);
		rc = mc_setting_get(db, key, &zs.templates[e]);
		if (rc == MC_NOT_FOUND)
			rc = MC_OK;
	}
	if (rc == MC_OK)
		rc = mc_notify_each(db, 1, zns_one, &zs);
	for (int e = 0; e < MC_EV_COUNT; e++)
		free(zs.templates[e]);
	return rc;
}
