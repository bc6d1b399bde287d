/* motcua — the Zalo OA inbox as the clerks handle it: the messages the
 * webhook stored (core/inbox-webhook.c), listed, shown, marked done, or
 * received as a dossier.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "audit.h"
#include "db-private.h"
#include "i18n.h"
#include "inbox-private.h"

/* The kinds of event kept, and their kind of message. */
static const struct {
	const char *event, *kind;
} kept[] = {
	{ "user_send_text", "text" },
	{ "user_send_image", "image" },
	{ "user_send_file", "file" },
};

const char *mc_inbox_event_kind(const char *event)
{
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
		if (event && strcmp(event, kept[i].event) == 0)
			return kept[i].kind;
	return NULL;
}

const char *mc_inbox_kind(const mc_inbox_msg *m)
{
	const char *k = mc_inbox_event_kind(m->event);
	return k ? k : "text";
}

const char *mc_inbox_kind_word(const char *kind)
{
	if (strcmp(kind, "image") == 0)
		return C_("inbox kind", "image");
	if (strcmp(kind, "file") == 0)
		return C_("inbox kind", "file");
	return C_("inbox kind", "text");
}

/* ---- the messages as clerks see them ---- */

void mc_inbox_free(mc_inbox_msg *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n_attachments; i++) {
		free(m->attachments[i].type);
		free(m->attachments[i].url);
		free(m->attachments[i].name);
	}
	free(m->attachments);
	free(m->msg_id);
	free(m->event);
	free(m->sender);
	free(m->text);
	free(m->done_by);
	free(m->dossier);
	free(m);
}

static char *dup_member(json_object *o, const char *key)
{
	json_object *v = NULL;
	if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v && json_object_is_type(v, json_type_string) ? strdup(json_object_get_string(v))
							     : NULL;
}

/* The attachments as stored (a JSON list that store() wrote). */
static mc_status load_attachments(const char *json, mc_inbox_msg *m)
{
	json_object *list = json ? json_tokener_parse(json) : NULL;
	size_t n = list && json_object_is_type(list, json_type_array)
		? json_object_array_length(list) : 0;
	mc_status rc = MC_OK;
	if (n && !(m->attachments = calloc(n, sizeof *m->attachments)))
		rc = MC_NOMEM;
	for (size_t i = 0; rc == MC_OK && i < n; i++) {
		json_object *a = json_object_array_get_idx(list, i);
		mc_inbox_attachment *t = &m->attachments[m->n_attachments++];
		t->type = dup_member(a, "type");
		t->url = dup_member(a, "url");
		t->name = dup_member(a, "name");
		if (!t->type && !(t->type = strdup("other")))
			rc = MC_NOMEM;
	}
	json_object_put(list);
	return rc;
}

#define MSG_COLUMNS \
	"SELECT i.id, i.msg_id, i.event, i.sender, i.text, i.attachments, i.sent_at," \
	" i.received_at, i.done_at, i.done_by, d.code" \
	" FROM inbox i LEFT JOIN dossiers d ON d.id = i.dossier_id"

static mc_inbox_msg *msg_from_row(sqlite3_stmt *st)
{
	mc_inbox_msg *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->id = sqlite3_column_int64(st, 0);
	m->msg_id = mc_db_column_dup(st, 1);
	m->event = mc_db_column_dup(st, 2);
	m->sender = mc_db_column_dup(st, 3);
	m->text = mc_db_column_dup(st, 4);
	m->sent_at = sqlite3_column_int64(st, 6);
	m->received_at = sqlite3_column_int64(st, 7);
	m->done_at = sqlite3_column_type(st, 8) == SQLITE_NULL ? MC_TIME_NONE
							       : sqlite3_column_int64(st, 8);
	m->done_by = mc_db_column_dup(st, 9);
	m->dossier = mc_db_column_dup(st, 10);
	if (!m->msg_id || !m->event || !m->sender ||
	    load_attachments((const char *)sqlite3_column_text(st, 5), m) != MC_OK) {
		mc_inbox_free(m);
		return NULL;
	}
	return m;
}

mc_status mc_inbox_each(mc_db *db, int pending, mc_inbox_fn fn, void *ud)
{
	sqlite3_stmt *st = mc_db_prepare(db, pending
		? MSG_COLUMNS " WHERE i.done_at IS NULL ORDER BY i.id"
		: MSG_COLUMNS " ORDER BY i.id");
	mc_status rc = MC_OK;
	int r;
	if (!st)
		return MC_DB;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		mc_inbox_msg *m = msg_from_row(st);
		if (!m) {
			rc = MC_NOMEM;
			break;
		}
		int stop = fn(m, ud);
		mc_inbox_free(m);
		if (stop)
			break;
	}
	if (rc == MC_OK && r != SQLITE_ROW && r != SQLITE_DONE)
		rc = mc_db_sqlfail(db, "inbox");
	sqlite3_finalize(st);
	return rc;
}

mc_status mc_inbox_get(mc_db *db, int64_t id, mc_inbox_msg **out)
{
	sqlite3_stmt *st = mc_db_prepare(db, MSG_COLUMNS " WHERE i.id = ?");
	mc_status rc = MC_OK;
	*out = NULL;
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		rc = (*out = msg_from_row(st)) ? MC_OK : MC_NOMEM;
	else if (r == SQLITE_DONE)
		rc = mc_db_fail(db, MC_NOT_FOUND, _("no message %" PRId64 " in the inbox"), id);
	else
		rc = mc_db_sqlfail(db, "inbox");
	sqlite3_finalize(st);
	return rc;
}

/* The message, if it is still to be handled. */
static mc_status get_pending(mc_db *db, int64_t id, mc_inbox_msg **out)
{
	mc_status rc = mc_inbox_get(db, id, out);
	if (rc != MC_OK || (*out)->done_at == MC_TIME_NONE)
		return rc;
	const mc_inbox_msg *m = *out;
	char at[40];
	mc_format_time_human(m->done_at, mc_db_offset(db), at, sizeof at);
	if (m->dossier)
		rc = mc_db_fail(db, MC_REFUSED,
				_("message %" PRId64 " was handled already: dossier %s was received from it on %s by %s"),
				id, m->dossier, at, m->done_by);
	else
		rc = mc_db_fail(db, MC_REFUSED,
				_("message %" PRId64 " was handled already: marked done on %s by %s"),
				id, at, m->done_by);
	mc_inbox_free(*out);
	*out = NULL;
	return rc;
}

/* Marks the message handled (and linked to dossier_id, when not 0), with
 * its audit record. */
static mc_status mark_done(mc_db *db, int64_t id, int64_t dossier_id)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"UPDATE inbox SET done_at = ?, done_by = ?, dossier_id = ?"
		" WHERE id = ? AND done_at IS NULL");
	char key[24];
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, mc_db_now(db));
	mc_db_bind_text(st, 2, mc_db_clerk(db));
	if (dossier_id)
		sqlite3_bind_int64(st, 3, dossier_id);
	sqlite3_bind_int64(st, 4, id);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(db->sq) == 1
		? MC_OK : mc_db_sqlfail(db, "inbox");
	sqlite3_finalize(st);
	if (rc != MC_OK)
		return rc;
	mc_change chg = MC_CHANGE_INIT;
	mc_change_int(&chg, "done_at", mc_db_now(db));
	mc_change_str(&chg, "done_by", mc_db_clerk(db));
	if (dossier_id)
		mc_change_int(&chg, "dossier_id", dossier_id);
	const char *json = mc_change_json(&chg);
	snprintf(key, sizeof key, "%" PRId64, id);
	rc = json ? mc_audit_record(db, "inbox", key, json) : MC_NOMEM;
	mc_change_release(&chg);
	return rc;
}

struct done_job {
	int64_t id;
	mc_inbox_msg **out;
};

static mc_status done_atomic(mc_db *db, void *ud)
{
	struct done_job *j = ud;
	mc_inbox_msg *m = NULL;
	mc_status rc = get_pending(db, j->id, &m);
	mc_inbox_free(m);
	if (rc == MC_OK)
		rc = mark_done(db, j->id, 0);
	if (rc == MC_OK && j->out)
		rc = mc_inbox_get(db, j->id, j->out);
	return rc;
}

mc_status mc_inbox_done(mc_db *db, int64_t id, mc_inbox_msg **out)
{
	struct done_job j = { id, out };
	if (out)
		*out = NULL;
	mc_status rc = mc_db_atomic(db, done_atomic, &j);
	if (rc != MC_OK && out) {
		mc_inbox_free(*out);
		*out = NULL;
	}
	return rc;
}

struct receive_job {
	int64_t id;
	const mc_dossier_input *in;
	mc_dossier **out;
};

static mc_status dossier_id(mc_db *db, const char *code, int64_t *id)
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

static mc_status receive_atomic(mc_db *db, void *ud)
{
	struct receive_job *j = ud;
	mc_inbox_msg *m = NULL;
	int64_t did = 0;
	mc_status rc = get_pending(db, j->id, &m);
	if (rc != MC_OK)
		return rc;
	mc_dossier_input in = *j->in;
	if (in.channel && strcmp(in.channel, "online") != 0)
		rc = mc_db_fail(db, MC_BAD_INPUT,
				_("channel: \"%s\": a dossier received from a Zalo message is online"),
				in.channel);
	in.channel = "online";
	in.zalo_user_id = m->sender;
	if (rc == MC_OK && (rc = mc_dossier_create(db, &in, j->out)) == MC_OK &&
	    (rc = dossier_id(db, (*j->out)->code, &did)) == MC_OK)
		rc = mark_done(db, j->id, did);
	mc_inbox_free(m);
	return rc;
}

mc_status mc_inbox_receive(mc_db *db, int64_t id, const mc_dossier_input *in,
			   mc_dossier **out)
{
	struct receive_job j = { id, in, out };
	*out = NULL;
	mc_status rc = mc_db_atomic(db, receive_atomic, &j);
	if (rc != MC_OK) {
		mc_dossier_free(*out);
		*out = NULL;
	}
	return rc;
}
