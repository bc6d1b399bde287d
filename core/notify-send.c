/* motcua — notify send: the outbox's messages through Zalo, without the
 * network itself (the caller's post function, net/http.c in motcua-net). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <json-c/json.h>

#include "audit.h"
#include "i18n.h"
#include "notify-private.h"
#include "settings.h"
#include "zalo.h"

/* The paths of Zalo's endpoints under their bases (settings
 * zalo_*_base_url): ZNS by phone, the OA's consultation message ("tin tư
 * vấn") to a user, and the refresh of the OA's access token (OAuth v4). */
#define ZNS_PATH   "/message/template"
#define OA_PATH    "/v3.0/oa/message/cs"
#define OAUTH_PATH "/v4/oa/access_token"

enum { S_TOKEN, S_APP_ID, S_SECRET, S_ZNS, S_OA, S_OAUTH, S_WINDOW, S_REPLIES, S_TIMEOUT,
       S_RATE, S_ATTEMPTS, S_TEMPLATE };       /* S_TEMPLATE + event: zns_template_* */

struct run {
	mc_db *db;
	const mc_send_io *io;
	mc_send_report *rep;
	mc_zalo_tokens tok;
	char *set[S_TEMPLATE + MC_EV_COUNT];    /* the settings           */
	long timeout, rate, max_attempts, window_h, replies;
	struct timespec last;           /* when the last request began   */
	int began;
};

static const char *const setting_keys[] = {
	"zalo_token_file", "zalo_app_id", "zalo_app_secret_file", "zalo_zns_base_url",
	"zalo_oa_base_url", "zalo_oauth_base_url", "zalo_oa_window_hours", "zalo_oa_replies",
	"notify_timeout", "notify_rate", "notify_max_attempts",
};

static mc_status load_settings(struct run *r)
{
	mc_status rc = MC_OK;
	char key[64];
	for (int i = 0; i < S_TEMPLATE + MC_EV_COUNT && rc == MC_OK; i++) {
		if (i < S_TEMPLATE)
			snprintf(key, sizeof key, "%s", setting_keys[i]);
		else
			snprintf(key, sizeof key, "zns_template_%s",
				 mc_notify_event_name((mc_notify_event)(i - S_TEMPLATE)));
		rc = mc_setting_get(r->db, key, &r->set[i]);
		if (rc == MC_NOT_FOUND)
			rc = MC_OK;
		if (rc == MC_OK && r->set[i] && !*r->set[i]) {
			free(r->set[i]);
			r->set[i] = NULL;
		}
	}
	if (rc != MC_OK)
		return rc;
	/* Checked when set (core/settings.c): numbers in their ranges. */
	r->window_h = strtol(r->set[S_WINDOW], NULL, 10);
	r->replies = strtol(r->set[S_REPLIES], NULL, 10);
	r->timeout = strtol(r->set[S_TIMEOUT], NULL, 10);
	r->rate = strtol(r->set[S_RATE], NULL, 10);
	r->max_attempts = strtol(r->set[S_ATTEMPTS], NULL, 10);
	if (!r->set[S_TOKEN])
		return mc_db_fail(r->db, MC_BAD_INPUT,
				  _("zalo_token_file is not set: set it to the file that holds "
				    "the Official Account's tokens (see motcua-notify(1))"));
	return mc_zalo_tokens_load(r->db, r->set[S_TOKEN], &r->tok);
}

static void free_settings(struct run *r)
{
	for (size_t i = 0; i < sizeof r->set / sizeof r->set[0]; i++)
		free(r->set[i]);
}

/* ---- the requests ---- */

/* The text of an OA message, in Vietnamese as the ZNS templates are:
 * the same values as ZNS's template data. */
static char *oa_text(const mc_message *m, const mc_zns_param *p, size_t n)
{
	const char *v[8] = { NULL };
	static const char *const keys[] = { "customer_name", "dossier_code", "procedure_name",
					    "date", "due_time", "reason" };
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if (strcmp(p[i].key, keys[k]) == 0)
				v[k] = p[i].value;
	char head[1200];
	size_t size = 4096;
	char *out = malloc(size);
	if (!out)
		return NULL;
	snprintf(head, sizeof head, "Kính gửi %s: hồ sơ %s (%s)", v[0], v[1], v[2]);
	switch (m->event) {
	case MC_EV_RECEIVED:
		snprintf(out, size, "%s đã được tiếp nhận ngày %s. Hẹn trả kết quả: %s.", head,
			 v[3], v[4]);
		break;
	case MC_EV_SUPPLEMENT:
		snprintf(out, size, "%s cần bổ sung giấy tờ: %s.", head, v[5]);
		break;
	case MC_EV_DONE:
		snprintf(out, size, "%s đã có kết quả từ ngày %s. Mời ông/bà đến nhận tại "
			 "Bộ phận Một cửa.", head, v[3]);
		break;
	case MC_EV_RESCHEDULED:
		snprintf(out, size, "%s được hẹn trả lại vào %s. Lý do: %s.", head, v[4], v[5]);
		break;
	default:
		snprintf(out, size, "%s không được giải quyết. Lý do: %s.", head, v[5]);
		break;
	}
	return out;
}

mc_status mc_notify_request_body(mc_db *db, const mc_message *m, const char *channel,
				 const char *template_id, const char *reply_to, char **out)
{
	mc_zns_param params[MC_ZNS_MAX_PARAMS];
	size_t n = mc_notify_zns_params(m, mc_db_offset(db), params);
	json_object *o = json_object_new_object(), *data;
	char id[24], phone[16];
	*out = NULL;
	if (!o)
		return MC_NOMEM;
	if (strcmp(channel, "oa") == 0) {
		char *text = oa_text(m, params, n);
		json_object *rcpt = json_object_new_object(), *msg = json_object_new_object();
		json_object_object_add(o, "recipient", rcpt);
		json_object_object_add(o, "message", msg);
		if (rcpt && msg && text) {
			if (reply_to && *reply_to)
				json_object_object_add(rcpt, "message_id",
						       json_object_new_string(reply_to));
			json_object_object_add(rcpt, "user_id",
					       json_object_new_string(m->zalo_user_id));
			json_object_object_add(msg, "text", json_object_new_string(text));
		}
		free(text);
	} else {
		if (mc_notify_zns_phone(m->phone, phone, sizeof phone) != MC_OK) {
			json_object_put(o);
			return mc_db_fail(db, MC_BAD_INPUT, _("%s is not a mobile number"), m->phone);
		}
		snprintf(id, sizeof id, "%lld", (long long)m->id);
		json_object_object_add(o, "phone", json_object_new_string(phone));
		json_object_object_add(o, "template_id", json_object_new_string(template_id));
		json_object_object_add(o, "template_data", data = json_object_new_object());
		for (size_t i = 0; data && i < n; i++)
			json_object_object_add(data, params[i].key,
					       json_object_new_string(params[i].value));
		json_object_object_add(o, "tracking_id", json_object_new_string(id));
	}
	const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
							  JSON_C_TO_STRING_NOSLASHESCAPE);
	*out = s ? strdup(s) : NULL;
	json_object_put(o);
	return *out ? MC_OK : MC_NOMEM;
}

/* ---- the outbox's states ---- */

struct mark {
	int64_t id;
	const char *state;      /* the new state                          */
	const char *channel;    /* NULL: as it is                         */
	const char *msg_id, *error;
	int attempts_add;       /* +1 when a request goes out, -1 when it
				 * did not after all                       */
	mc_time next_at;        /* MC_TIME_NONE: NULL                     */
	int sent;               /* sets sent_at                           */
};

static mc_status mark_row(mc_db *db, void *ud)
{
	const struct mark *k = ud;
	sqlite3_stmt *st = mc_db_prepare(db,
		"UPDATE notifications SET state = ?2, channel = coalesce(?3, channel),"
		" msg_id = ?4, last_error = ?5, attempts = attempts + ?6, next_at = ?7,"
		" sent_at = CASE WHEN ?8 THEN ?9 END, updated_at = ?9 WHERE id = ?1"
		" RETURNING channel");
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, k->id);
	sqlite3_bind_text(st, 2, k->state, -1, SQLITE_STATIC);
	mc_db_bind_text(st, 3, k->channel);
	mc_db_bind_text(st, 4, k->msg_id);
	mc_db_bind_text(st, 5, k->error);
	sqlite3_bind_int(st, 6, k->attempts_add);
	if (k->next_at == MC_TIME_NONE)
		sqlite3_bind_null(st, 7);
	else
		sqlite3_bind_int64(st, 7, k->next_at);
	sqlite3_bind_int(st, 8, k->sent);
	sqlite3_bind_int64(st, 9, db->now);
	char channel[8] = "";
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(channel, sizeof channel, "%s", (const char *)sqlite3_column_text(st, 0));
	mc_status rc = r == SQLITE_ROW ? MC_OK : mc_db_sqlfail(db, "notifications");
	sqlite3_finalize(st);
	if (rc != MC_OK)
		return rc;
	mc_change chg = MC_CHANGE_INIT;
	mc_change_str(&chg, "state", k->state);
	mc_change_str(&chg, "channel", *channel ? channel : NULL);
	mc_change_str(&chg, "msg_id", k->msg_id);
	mc_change_str(&chg, "last_error", k->error);
	const char *json = mc_change_json(&chg);
	rc = json ? mc_notify_audit(db, k->id, json) : MC_NOMEM;
	mc_change_release(&chg);
	return rc;
}

/* Each mark is committed on its own: the outbox must say "sending"
 * before the request leaves. */
static mc_status mark(mc_db *db, const struct mark *k)
{
	return mc_db_atomic(db, mark_row, (void *)k);
}

static void tell(struct run *r, int64_t id, mc_send_kind kind, const char *channel,
		 const char *msg_id, const char *why, int attempts, mc_time next_at)
{
	mc_send_outcome o = { id, kind, channel, msg_id, why, attempts, next_at };
	long *count[] = { &r->rep->sent, &r->rep->failed, &r->rep->abandoned,
			  &r->rep->unknown, &r->rep->waiting, &r->rep->left };
	(*count[kind])++;
	if (r->io->told)
		r->io->told(r->io->ud, &o);
}

/* ---- the network ---- */

/* Waits until 1/rate seconds have passed since the last request began. */
static void pace(struct run *r)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (r->began) {
		int64_t gap = 1000000000LL / r->rate;
		int64_t since = (now.tv_sec - r->last.tv_sec) * 1000000000LL +
				(now.tv_nsec - r->last.tv_nsec);
		if (since < gap) {
			struct timespec d = { (time_t)((gap - since) / 1000000000LL),
					      (long)((gap - since) % 1000000000LL) };
			while (nanosleep(&d, &d) != 0)
				;
			clock_gettime(CLOCK_MONOTONIC, &now);
		}
	}
	r->last = now;
	r->began = 1;
}

/* Appends key=value, the value percent-encoded, to a form body. */
static void form_add(char *out, size_t n, const char *key, const char *value)
{
	size_t o = strlen(out);
	o += (size_t)snprintf(out + o, o < n ? n - o : 0, "%s%s=", *out ? "&" : "", key);
	for (const unsigned char *p = (const unsigned char *)value; *p && o + 4 < n; p++) {
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~", *p))
			out[o++] = (char)*p;
		else
			o += (size_t)snprintf(out + o, n - o, "%%%02X", *p);
	}
	out[o < n ? o : n - 1] = '\0';
}

/*
 * Asks Zalo for a new pair of tokens with the refresh token (single-use:
 * the pair is written to the token file before anything else), as Zalo's
 * OAuth v4 takes it: POST, the app's secret key in a secret_key header,
 * a form of refresh_token, app_id and grant_type=refresh_token.
 */
static mc_status refresh(struct run *r)
{
	char secret[MC_ZALO_TOKEN_MAX + 1], url[300], why[300];
	char body[3 * MC_ZALO_TOKEN_MAX + 128] = "";
	char hdr_secret[MC_ZALO_TOKEN_MAX + 16];
	mc_status rc;
	if (!*r->tok.refresh)
		return mc_db_fail(r->db, MC_REFUSED,
				  _("Zalo no longer takes the access token, and %s has no refresh "
				    "token (its second line) to get a new one"), r->set[S_TOKEN]);
	if (!r->set[S_APP_ID] || !r->set[S_SECRET])
		return mc_db_fail(r->db, MC_REFUSED,
				  _("Zalo no longer takes the access token: to refresh it, set "
				    "zalo_app_id and zalo_app_secret_file"));
	if ((rc = mc_zalo_secret_load(r->db, r->set[S_SECRET], secret, sizeof secret)) != MC_OK)
		return rc;
	snprintf(url, sizeof url, "%s%s", r->set[S_OAUTH], OAUTH_PATH);
	snprintf(hdr_secret, sizeof hdr_secret, "secret_key: %s", secret);
	form_add(body, sizeof body, "refresh_token", r->tok.refresh);
	form_add(body, sizeof body, "app_id", r->set[S_APP_ID]);
	form_add(body, sizeof body, "grant_type", "refresh_token");
	const char *headers[] = { hdr_secret, "Content-Type: application/x-www-form-urlencoded",
				  NULL };
	mc_http_reply reply = { 0 };
	mc_http_outcome out = r->io->post(r->io->ud, url, headers, body, strlen(body),
					  (int)r->timeout, &reply);
	if (out == MC_HTTP_NOT_SENT)
		rc = mc_db_fail(r->db, MC_UNREACHABLE, _("cannot reach Zalo to refresh the access "
							  "token: %s"), reply.why);
	else if (out == MC_HTTP_NO_ANSWER)
		rc = mc_db_fail(r->db, MC_UNREACHABLE,
				_("no answer from Zalo to the refresh of the access token (%s): "
				  "the refresh token may be spent; if the next run is refused, "
				  "authorize the app again"), reply.why);
	else if ((rc = mc_zalo_tokens_read(reply.status, reply.body, reply.len, &r->tok, why,
					   sizeof why)) != MC_OK)
		rc = mc_db_fail(r->db, MC_REFUSED,
				_("Zalo refused to refresh the access token (%s): authorize the "
				  "app again and write the new tokens to %s"), why, r->set[S_TOKEN]);
	else if ((rc = mc_zalo_tokens_save(r->db, r->set[S_TOKEN], &r->tok)) == MC_OK)
		r->rep->refreshed = 1;
	free(reply.body);
	return rc;
}

/* ---- one message ---- */

/* What Zalo's rules look at before the OA may write to a citizen: the
 * last message they wrote to the OA (its time and Zalo's msg_id, as the
 * inbox has it now: a citizen who writes again opens the window again),
 * and how many OA messages went to them since. */
struct heard {
	mc_time at;             /* MC_TIME_NONE: never                   */
	char msg_id[128];       /* "" when the inbox does not have it    */
	long replies;
};

static mc_status heard_from(struct run *r, const mc_message *m, struct heard *h)
{
	h->at = m->zalo_user_at;
	h->msg_id[0] = '\0';
	h->replies = 0;
	sqlite3_stmt *st = mc_db_prepare(r->db,
		"SELECT sent_at, msg_id FROM inbox WHERE sender = ?1"
		" ORDER BY sent_at DESC, id DESC LIMIT 1");
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, m->zalo_user_id, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	if (s == SQLITE_ROW && (h->at == MC_TIME_NONE || sqlite3_column_int64(st, 0) >= h->at)) {
		const char *id = (const char *)sqlite3_column_text(st, 1);
		h->at = sqlite3_column_int64(st, 0);
		if (id && strlen(id) < sizeof h->msg_id)
			strcpy(h->msg_id, id);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return mc_db_sqlfail(r->db, "inbox");
	if (h->at == MC_TIME_NONE)
		return MC_OK;
	/* A message whose request went out and was not answered counts:
	 * Zalo may have taken it. */
	st = mc_db_prepare(r->db,
		"SELECT count(*) FROM notifications n JOIN dossiers d ON d.id = n.dossier_id"
		" WHERE d.zalo_user_id = ?1 AND n.channel = 'oa' AND n.state IN ('sent', 'sending')"
		" AND coalesce(n.sent_at, n.updated_at) >= ?2");
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, m->zalo_user_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, h->at);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW)
		h->replies = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return s == SQLITE_ROW ? MC_OK : mc_db_sqlfail(r->db, "notifications");
}

/* The channel of a message now, in *channel: the OA when its applicant
 * wrote to the OA within the window and the OA has not yet used the
 * replies Zalo allows after that message (then it is a reply to it, in
 * reply_to), else ZNS to a mobile number; NULL when neither can carry it
 * now (no template, or a Zalo applicant without a mobile number outside
 * the window: the message waits for them to write again). */
static mc_status channel_of(struct run *r, const mc_message *m, const char **channel,
			    char *reply_to, size_t size)
{
	mc_time now = r->db->now;
	char phone[16];
	*channel = NULL;
	*reply_to = '\0';
	if (m->zalo_user_id && *m->zalo_user_id && r->window_h > 0) {
		struct heard h;
		mc_status rc = heard_from(r, m, &h);
		if (rc != MC_OK)
			return rc;
		if (h.at != MC_TIME_NONE && h.at <= now && now - h.at <= (mc_time)r->window_h * 3600 &&
		    h.replies < r->replies) {
			snprintf(reply_to, size, "%s", h.msg_id);
			*channel = "oa";
			return MC_OK;
		}
	}
	if (mc_notify_zns_phone(m->phone, phone, sizeof phone) == MC_OK &&
	    r->set[S_TEMPLATE + m->event])
		*channel = "zns";
	return MC_OK;
}

/* Reads message id if it is still to be sent now: *m in r's statement. */
static mc_status due_message(struct run *r, sqlite3_stmt *st, int64_t id, mc_message *m,
			     int *due)
{
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	int s = sqlite3_step(st);
	*due = s == SQLITE_ROW;
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		return mc_db_sqlfail(r->db, "notifications");
	return *due ? mc_notify_row(st, m) : MC_OK;
}

/* Posts the body of message id through channel; the token is refreshed
 * once in the run when Zalo no longer takes it. */
static mc_http_outcome post_message(struct run *r, const char *channel, const char *body,
				    mc_http_reply *reply, mc_zalo_answer *ans, mc_status *rc)
{
	char url[300], hdr[MC_ZALO_TOKEN_MAX + 32];
	int oa = strcmp(channel, "oa") == 0;
	snprintf(url, sizeof url, "%s%s", r->set[oa ? S_OA : S_ZNS], oa ? OA_PATH : ZNS_PATH);
	*rc = MC_OK;
	for (;;) {
		snprintf(hdr, sizeof hdr, "access_token: %s", r->tok.access);
		const char *headers[] = { hdr, "Content-Type: application/json", NULL };
		pace(r);
		memset(reply, 0, sizeof *reply);
		mc_http_outcome out = r->io->post(r->io->ud, url, headers, body, strlen(body),
						  (int)r->timeout, reply);
		if (out != MC_HTTP_ANSWERED)
			return out;
		mc_zalo_answer_read(reply->status, reply->body, reply->len, ans);
		if (ans->kind != MC_ZALO_TOKEN || r->rep->refreshed)
			return out;
		free(reply->body);
		reply->body = NULL;
		/* Zalo did not take the message: asking again is safe. */
		if ((*rc = refresh(r)) != MC_OK)
			return out;
	}
}

static mc_status send_one(struct run *r, const mc_message *m, const char *channel,
			  const char *reply_to)
{
	char *body = NULL;
	mc_status rc = mc_notify_request_body(r->db, m, channel,
					      r->set[S_TEMPLATE + m->event], reply_to, &body);
	const char *before = m->state == MC_MSG_FAILED ? "failed" : "pending";
	int64_t id = m->id;
	int attempts = m->attempts + 1;
	mc_time next_at = m->next_at;
	if (rc != MC_OK)
		return rc;
	struct mark k = { id, "sending", channel, NULL, m->last_error, 1, MC_TIME_NONE, 0 };
	char *old_error = m->last_error ? strdup(m->last_error) : NULL;
	if ((rc = mark(r->db, &k)) != MC_OK) {
		free(body);
		free(old_error);
		return rc;
	}
	mc_http_reply reply;
	mc_zalo_answer ans;
	mc_status post_rc;
	mc_http_outcome out = post_message(r, channel, body, &reply, &ans, &post_rc);
	free(body);
	if (out == MC_HTTP_NOT_SENT || (out == MC_HTTP_ANSWERED && post_rc != MC_OK)) {
		/* Nothing reached Zalo, or Zalo refused the token: the message is
		 * as it was, the reason kept. */
		const char *why = out == MC_HTTP_NOT_SENT ? reply.why : mc_errmsg(r->db);
		char *saved = strdup(why);
		struct mark b = { id, before, NULL, NULL, saved ? saved : old_error, -1, next_at, 0 };
		rc = mark(r->db, &b);
		if (rc == MC_OK)
			tell(r, id, MC_SEND_WAITING, NULL, NULL, saved, attempts - 1, next_at);
		if (rc == MC_OK && out == MC_HTTP_NOT_SENT)
			rc = mc_db_fail(r->db, MC_UNREACHABLE, _("cannot reach Zalo: %s"), reply.why);
		else if (rc == MC_OK)
			rc = mc_db_fail(r->db, post_rc, "%s", saved ? saved : "");
		free(saved);
	} else if (out == MC_HTTP_NO_ANSWER) {
		struct mark u = { id, "sending", NULL, NULL, reply.why, 0, MC_TIME_NONE, 0 };
		rc = mark(r->db, &u);
		if (rc == MC_OK)
			tell(r, id, MC_SEND_UNKNOWN, channel, NULL, reply.why, attempts, MC_TIME_NONE);
		if (rc == MC_OK)
			rc = mc_db_fail(r->db, MC_UNREACHABLE, _("no answer from Zalo: %s"), reply.why);
	} else if (ans.kind == MC_ZALO_SENT) {
		struct mark s = { id, "sent", NULL, ans.msg_id, NULL, 0, MC_TIME_NONE, 1 };
		if ((rc = mark(r->db, &s)) == MC_OK)
			tell(r, id, MC_SEND_SENT, channel, ans.msg_id, NULL, attempts, MC_TIME_NONE);
	} else {
		int last = attempts >= r->max_attempts;
		mc_time next = last ? MC_TIME_NONE : r->db->now + mc_notify_backoff(attempts);
		struct mark f = { id, last ? "abandoned" : "failed", NULL, NULL, ans.why, 0, next, 0 };
		if ((rc = mark(r->db, &f)) == MC_OK)
			tell(r, id, last ? MC_SEND_ABANDONED : MC_SEND_FAILED, channel, NULL, ans.why,
			     attempts, next);
	}
	free(reply.body);
	free(old_error);
	return rc;
}

/* ---- the run ---- */

/* The ids of the messages left sending, then of those due, oldest first
 * (read before any is changed). */
static mc_status collect(mc_db *db, const char *where, int64_t **ids, size_t *n)
{
	char sql[256];
	size_t cap = 0;
	snprintf(sql, sizeof sql, "SELECT id FROM notifications WHERE %s ORDER BY id", where);
	sqlite3_stmt *st = mc_db_prepare(db, sql);
	*ids = NULL;
	*n = 0;
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, db->now);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			int64_t *more = realloc(*ids, (cap = cap ? 2 * cap : 16) * sizeof **ids);
			if (!more) {
				sqlite3_finalize(st);
				return MC_NOMEM;
			}
			*ids = more;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	mc_status rc = s == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "notifications");
	sqlite3_finalize(st);
	return rc;
}

static mc_status run_all(struct run *r)
{
	int64_t *ids;
	size_t n;
	mc_status rc = collect(r->db, "state = 'sending'", &ids, &n);
	for (size_t i = 0; i < n && rc == MC_OK; i++)
		tell(r, ids[i], MC_SEND_LEFT, NULL, NULL, NULL, 0, MC_TIME_NONE);
	free(ids);
	if (rc != MC_OK || (rc = collect(r->db, "state IN ('pending', 'failed')"
					 " AND (next_at IS NULL OR next_at <= ?1)", &ids, &n)) != MC_OK)
		return rc;
	sqlite3_stmt *st = mc_db_prepare(r->db, "SELECT " MSG_COLUMNS " FROM notifications"
					 " WHERE id = ?1 AND state IN ('pending', 'failed')");
	if (!st)
		rc = MC_DB;
	for (size_t i = 0; i < n && rc == MC_OK; i++) {
		mc_message m;
		int due;
		if ((rc = due_message(r, st, ids[i], &m, &due)) != MC_OK || !due)
			continue;
		const char *channel;
		char reply_to[128];
		if ((rc = channel_of(r, &m, &channel, reply_to, sizeof reply_to)) != MC_OK)
			break;
		if (!channel) {
			tell(r, m.id, MC_SEND_WAITING, NULL, NULL, NULL, m.attempts, m.next_at);
			continue;
		}
		/* The row is read again by the marks: copy what outlives it. */
		char *user = m.zalo_user_id ? strdup(m.zalo_user_id) : NULL;
		char *strs[6] = { strdup(m.phone), strdup(m.code), strdup(m.applicant),
				  strdup(m.procedure_name), m.reason ? strdup(m.reason) : NULL,
				  m.last_error ? strdup(m.last_error) : NULL };
		m.zalo_user_id = user;
		m.phone = strs[0], m.code = strs[1], m.applicant = strs[2];
		m.procedure_name = strs[3], m.reason = strs[4], m.last_error = strs[5];
		sqlite3_reset(st);
		if (!strs[0] || !strs[1] || !strs[2] || !strs[3])
			rc = MC_NOMEM;
		else
			rc = send_one(r, &m, channel, reply_to);
		free(user);
		for (int k = 0; k < 6; k++)
			free(strs[k]);
	}
	sqlite3_finalize(st);
	free(ids);
	return rc;
}

mc_status mc_notify_send(mc_db *db, const mc_send_io *io, mc_send_report *rep)
{
	struct run r = { .db = db, .io = io, .rep = rep };
	memset(rep, 0, sizeof *rep);
	mc_status rc = load_settings(&r);
	if (rc == MC_OK)
		rc = run_all(&r);
	free_settings(&r);
	return rc;
}
