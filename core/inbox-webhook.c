/* motcua — the Zalo OA webhook: its events verified and stored in the
 * inbox (the clerks' side of the inbox is core/inbox.c).
 *
 * What Zalo sends, as its developers' documentation of the OA webhook
 * describes it (developers.zalo.me, "Webhook" of the Official Account API;
 * retold in Vietnamese at hainh.me/zalo-api-php-webhook-callback-official-
 * account.html, and read the same way by chatwoot's Zalo channel,
 * app/jobs/webhooks/zalo_events_job.rb):
 *   - a POST whose body is one JSON event: app_id, event_name
 *     ("user_send_text", "user_send_image", "user_send_file", "follow",
 *     "user_send_sticker" ...), timestamp (milliseconds since 1970, a
 *     string of digits), sender.id (the user), recipient.id (the OA),
 *     message.msg_id, message.text, and message.attachments, a list of
 *     {type, payload}: payload.url (and thumbnail) of an image,
 *     payload.url, name, size, type and checksum of a file;
 *   - the header X-ZEvent-Signature: "mac=" and the hex SHA-256 of the
 *     app id, the body as sent, the timestamp taken from it and the OA's
 *     secret key (the OA Secret Key, not the app's secret), concatenated;
 *   - the webhook answers 200 within 2 seconds, or Zalo sends the event
 *     again (for hours, then turns the webhook off): hence an event is
 *     stored once per msg_id, and kinds not kept are acknowledged.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json.h>
#include <nettle/sha2.h>
#include <sodium.h>
#include <utf8proc.h>

#include "audit.h"
#include "db-private.h"
#include "i18n.h"
#include "inbox-private.h"
#include "settings-private.h"
#include "strbuf.h"
#include "text.h"

#define SIG_PREFIX "mac="
#define SIG_HEX 64
#define SECRET_MAX 256          /* bytes of the key's line             */
#define MAX_ATTACHMENTS 20
#define URL_MAX 2048
#define NAME_MAX_CHARS 255

/* ---- the signature ---- */

void mc_inbox_signature(const char *app_id, const char *body, size_t len,
			const char *timestamp, const char *secret,
			char out[MC_INBOX_SIGNATURE_SIZE])
{
	struct sha256_ctx s;
	unsigned char h[SHA256_DIGEST_SIZE];
	sha256_init(&s);
	sha256_update(&s, strlen(app_id), (const uint8_t *)app_id);
	sha256_update(&s, len, (const uint8_t *)body);
	sha256_update(&s, strlen(timestamp), (const uint8_t *)timestamp);
	sha256_update(&s, strlen(secret), (const uint8_t *)secret);
	sha256_digest(&s, sizeof h, h);
	memcpy(out, SIG_PREFIX, sizeof SIG_PREFIX - 1);
	sodium_bin2hex(out + sizeof SIG_PREFIX - 1, SIG_HEX + 1, h, sizeof h);
}

/* The header in the form of a signature, its hex in lower case, into
 * out; 0 when it has not that form (its length is no secret). */
static int signature_form(const char *sig, char out[MC_INBOX_SIGNATURE_SIZE])
{
	size_t p = sizeof SIG_PREFIX - 1;
	if (!sig || strlen(sig) != p + SIG_HEX || strncmp(sig, SIG_PREFIX, p) != 0)
		return 0;
	memcpy(out, sig, p);
	for (size_t i = p; i < p + SIG_HEX; i++) {
		char c = sig[i];
		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return 0;
		out[i] = c;
	}
	out[p + SIG_HEX] = '\0';
	return 1;
}

/* ---- the office's settings for Zalo ---- */

struct zalo_conf {
	char *app_id, *secret_file;
	char secret[SECRET_MAX + 1];
	long window_s;
};

static void conf_release(struct zalo_conf *c)
{
	free(c->app_id);
	free(c->secret_file);
	sodium_memzero(c->secret, sizeof c->secret);
}

/*
 * The key from the first line of the file (blanks at its ends removed).
 * As the signing key (core/sign.c): a file that others may read is not
 * used, the key may have leaked already. Read at each event: no copy
 * outlives the call, and a new key is used as soon as it is written.
 */
static mc_status read_secret(mc_db *db, struct zalo_conf *c)
{
	char buf[SECRET_MAX + 2];
	struct stat sb;
	int fd = open(c->secret_file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return mc_db_fail(db, MC_UNAVAILABLE, _("%s: cannot read the Zalo OA secret key: %s"),
				  c->secret_file, mc_strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return mc_db_fail(db, MC_UNAVAILABLE, _("%s: not a file"), c->secret_file);
	}
	if (sb.st_mode & 077) {
		close(fd);
		return mc_db_fail(db, MC_UNAVAILABLE,
				  _("%s: the Zalo OA secret key can be read by others (mode %03o); "
				    "make it private with: chmod 600 %s"),
				  c->secret_file, (unsigned)(sb.st_mode & 0777), c->secret_file);
	}
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	/* The first line, whole: it ends within what was read, or the file
	 * does. */
	size_t end = strcspn(buf, "\r\n"), start = strspn(buf, " \t");
	int ok = end < (size_t)n || n < (ssize_t)sizeof buf - 1;
	while (end > start && (buf[end - 1] == ' ' || buf[end - 1] == '\t'))
		end--;
	ok = ok && end > start && end - start <= SECRET_MAX;
	for (size_t i = start; ok && i < end; i++)
		ok = buf[i] > 0x20 && buf[i] < 0x7f;
	if (ok) {
		memcpy(c->secret, buf + start, end - start);
		c->secret[end - start] = '\0';
	}
	sodium_memzero(buf, sizeof buf);
	return ok ? MC_OK : mc_db_fail(db, MC_UNAVAILABLE,
				       _("%s: no Zalo OA secret key on its first line"),
				       c->secret_file);
}

/* The settings, read afresh (another process may have changed them
 * since this handle read them): MC_UNAVAILABLE when one is missing. */
static mc_status load_conf(mc_db *db, struct zalo_conf *c)
{
	char *w = NULL, *end;
	mc_status rc;
	mc_settings_forget(db);
	if ((rc = mc_setting_get(db, "zalo_app_id", &c->app_id)) == MC_NOT_FOUND)
		return mc_db_fail(db, MC_UNAVAILABLE,
				  _("zalo_app_id is not set: the office has no Zalo webhook"));
	if (rc == MC_OK &&
	    (rc = mc_setting_get(db, "zalo_oa_secret_file", &c->secret_file)) == MC_NOT_FOUND)
		return mc_db_fail(db, MC_UNAVAILABLE,
				  _("zalo_oa_secret_file is not set: the office has no Zalo webhook"));
	if (rc == MC_OK && (rc = mc_setting_get(db, "zalo_window_minutes", &w)) == MC_OK) {
		long v = strtol(w, &end, 10);
		/* Checked when set; a value changed behind the program's back
		 * falls back to the default. */
		c->window_s = (*end || v < 1 || v > 60 ? 5 : v) * 60;
	}
	free(w);
	return rc == MC_OK ? read_secret(db, c) : rc;
}

mc_status mc_inbox_webhook_path(mc_db *db, char **path)
{
	mc_status rc = mc_setting_get(db, "zalo_webhook_path", path);
	return rc == MC_NOT_FOUND ? MC_OK : rc;
}

/* ---- the event ---- */

/* The event as it will be stored. */
struct event {
	const char *name, *kind;
	char timestamp[24];     /* as the body writes it               */
	int64_t ms;
	char *msg_id, *sender, *text;
	char *attachments;      /* JSON, NULL when none                 */
};

static void event_release(struct event *e)
{
	free(e->msg_id);
	free(e->sender);
	free(e->text);
	free(e->attachments);
}

static json_object *member(json_object *o, const char *key)
{
	json_object *v = NULL;
	return o && json_object_is_type(o, json_type_object) &&
	       json_object_object_get_ex(o, key, &v) ? v : NULL;
}

/* A string member, or an integer one as its decimal digits, into buf. */
static const char *scalar_text(json_object *v, char *buf, size_t n)
{
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	if (json_object_is_type(v, json_type_int)) {
		snprintf(buf, n, "%" PRId64, json_object_get_int64(v));
		return buf;
	}
	return NULL;
}

/* Printable ASCII of 1..max bytes: Zalo's ids. */
static int is_id(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] <= 0x20 || s[i] >= 0x7f)
			return 0;
	return n >= 1 && n <= max;
}

static mc_status missing(mc_db *db, const char *field)
{
	return mc_db_fail(db, MC_BAD_INPUT, _("not a Zalo event: %s is missing or malformed"), field);
}

/* The body parsed as one JSON object, with nothing after it. */
static mc_status parse_body(mc_db *db, const char *body, size_t len, json_object **out)
{
	*out = NULL;
	if (len == 0 || len > INT32_MAX || memchr(body, '\0', len))
		return mc_db_fail(db, MC_BAD_INPUT, _("not a Zalo event: the body is not JSON text"));
	json_tokener *tok = json_tokener_new_ex(16);
	if (!tok)
		return MC_NOMEM;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	json_object *o = json_tokener_parse_ex(tok, body, (int)len);
	enum json_tokener_error err = json_tokener_get_error(tok);
	size_t end = json_tokener_get_parse_end(tok);
	while (o && end < len && strchr(" \t\r\n", body[end]))
		end++;
	json_tokener_free(tok);
	if (!o || err != json_tokener_success || end != len ||
	    !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return mc_db_fail(db, MC_BAD_INPUT, _("not a Zalo event: the body is not one JSON object"));
	}
	*out = o;
	return MC_OK;
}

/* event_name and timestamp: what every event has, and the signature
 * needs. */
static mc_status read_head(mc_db *db, json_object *o, struct event *e)
{
	char buf[24];
	json_object *name = member(o, "event_name"), *ts = member(o, "timestamp");
	const char *t = ts ? scalar_text(ts, buf, sizeof buf) : NULL;
	if (!name || !json_object_is_type(name, json_type_string) ||
	    !is_id(json_object_get_string(name), 64))
		return missing(db, "event_name");
	e->name = json_object_get_string(name);
	size_t n = t ? strlen(t) : 0;
	if (n < 1 || n > 18 || strspn(t, "0123456789") != n)
		return missing(db, "timestamp");
	memcpy(e->timestamp, t, n + 1);
	e->ms = strtoll(t, NULL, 10);
	return MC_OK;
}

/* A line of text kept as the clean form of stored text (NFC, no control
 * or invisible character), or when it has such a character, shown as
 * mc_text_escape shows it: a citizen's message is kept whatever it holds,
 * and cannot move a clerk's cursor. */
static void add_line(mc_strbuf *b, const char *line, size_t n)
{
	while (n && strchr(" \t\r", *line)) {
		line++;
		n--;
	}
	while (n && strchr(" \t\r", line[n - 1]))
		n--;
	char *copy = strndup(line, n), *clean = NULL;
	if (!copy) {
		b->oom = 1;
		return;
	}
	if (mc_text_clean(copy, 1, 0, &clean) != MC_OK) {
		/* In NFC all the same, when it is UTF-8 at all. */
		char *nfc = mc_utf8_valid(copy, n) ? (char *)utf8proc_NFC((const utf8proc_uint8_t *)copy)
						   : NULL;
		clean = mc_text_escape(nfc ? nfc : copy);
		free(nfc);
	}
	if (!clean)
		b->oom = 1;
	else
		mc_strbuf_addf(b, "%s%s", b->len ? "\n" : "", clean);
	free(clean);
	free(copy);
}

/* Text of several lines, each kept as add_line says; NULL when empty. */
static mc_status clean_text(const char *in, int multiline, char **out)
{
	mc_strbuf b = MC_STRBUF_INIT;
	*out = NULL;
	while (*in) {
		size_t n = multiline ? strcspn(in, "\n") : strlen(in);
		add_line(&b, in, n);
		in += n + (in[n] == '\n');
	}
	if (b.oom) {
		mc_strbuf_release(&b);
		return MC_NOMEM;
	}
	*out = mc_strbuf_detach(&b);
	return MC_OK;
}

/* A link a clerk may open: http or https, printable ASCII. */
static const char *usable_url(json_object *v)
{
	const char *u = v && json_object_is_type(v, json_type_string) ? json_object_get_string(v)
								       : NULL;
	if (!u || (strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0))
		return NULL;
	return is_id(u, URL_MAX) ? u : NULL;
}

/* One attachment as {"type":...,"url":...,"name":...}. */
static mc_status add_attachment(mc_strbuf *b, json_object *a)
{
	json_object *type = member(a, "type"), *payload = member(a, "payload");
	const char *t = type && json_object_is_type(type, json_type_string)
		? json_object_get_string(type) : "";
	size_t tn = strlen(t);
	int typed = tn >= 1 && tn <= 20 && strspn(t, "abcdefghijklmnopqrstuvwxyz_") == tn;
	json_object *name = member(payload, "name");
	char *nm = NULL;
	if (name && json_object_is_type(name, json_type_string)) {
		mc_status rc = clean_text(json_object_get_string(name), 0, &nm);
		if (rc != MC_OK)
			return rc;
		if (nm && mc_utf8_length(nm) > NAME_MAX_CHARS) {
			free(nm);
			nm = NULL;
		}
	}
	mc_strbuf_addf(b, "%s{\"type\":", b->len > 1 ? "," : "");
	mc_strbuf_add_json(b, typed ? t : "other");
	mc_strbuf_addf(b, ",\"url\":");
	mc_strbuf_add_json(b, usable_url(member(payload, "url")));
	mc_strbuf_addf(b, ",\"name\":");
	mc_strbuf_add_json(b, nm);
	mc_strbuf_addf(b, "}");
	free(nm);
	return MC_OK;
}

/* The attachments as a JSON list (the first MAX_ATTACHMENTS), NULL when
 * the message has none. */
static mc_status read_attachments(json_object *list, char **out)
{
	mc_strbuf b = MC_STRBUF_INIT;
	mc_status rc = MC_OK;
	*out = NULL;
	if (!list || !json_object_is_type(list, json_type_array) ||
	    json_object_array_length(list) == 0)
		return MC_OK;
	mc_strbuf_addf(&b, "[");
	for (size_t i = 0; rc == MC_OK && i < json_object_array_length(list) &&
			   i < MAX_ATTACHMENTS; i++)
		rc = add_attachment(&b, json_object_array_get_idx(list, i));
	mc_strbuf_addf(&b, "]");
	if (rc == MC_OK && b.oom)
		rc = MC_NOMEM;
	if (rc == MC_OK)
		*out = mc_strbuf_detach(&b);
	mc_strbuf_release(&b);
	return rc;
}

/* The sender, the message's id, text and attachments of a message kept. */
static mc_status read_message(mc_db *db, json_object *o, struct event *e)
{
	char buf[24];
	json_object *msg = member(o, "message"), *sender = member(member(o, "sender"), "id");
	json_object *id = member(msg, "msg_id"), *text = member(msg, "text");
	const char *s = sender ? scalar_text(sender, buf, sizeof buf) : NULL;
	if (!is_id(s, 64))
		return missing(db, "sender.id");
	if (!(e->sender = strdup(s)))
		return MC_NOMEM;
	s = id ? scalar_text(id, buf, sizeof buf) : NULL;
	if (!is_id(s, 128))
		return missing(db, "message.msg_id");
	if (!(e->msg_id = strdup(s)))
		return MC_NOMEM;
	if (text && !json_object_is_type(text, json_type_string))
		return missing(db, "message.text");
	mc_status rc = text ? clean_text(json_object_get_string(text), 1, &e->text) : MC_OK;
	return rc == MC_OK ? read_attachments(member(msg, "attachments"), &e->attachments) : rc;
}

/* The event's time within the window of the clock, either way. */
static mc_status fresh(mc_db *db, const struct event *e, long window_s)
{
	int64_t at = e->ms / 1000, now = mc_db_now(db);
	int64_t off = at > now ? at - now : now - at;
	if (off <= window_s)
		return MC_OK;
	if (at > now)
		return mc_db_fail(db, MC_REFUSED,
				  _("Zalo event refused: its time (%s) is %" PRId64 " seconds ahead of "
				    "the clock (zalo_window_minutes: %ld)"),
				  e->timestamp, off, window_s / 60);
	return mc_db_fail(db, MC_REFUSED,
			  _("Zalo event refused as stale: its time (%s) is %" PRId64 " seconds behind "
			    "the clock (zalo_window_minutes: %ld)"),
			  e->timestamp, off, window_s / 60);
}

struct store_job {
	const struct event *e;
	mc_inbox_result *out;
};

/* The message, once per msg_id: a second delivery finds the first. */
static mc_status store(mc_db *db, void *ud)
{
	struct store_job *j = ud;
	const struct event *e = j->e;
	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO inbox(msg_id, event, sender, text, attachments, sent_at, received_at)"
		" VALUES (?,?,?,?,?,?,?) ON CONFLICT(msg_id) DO NOTHING");
	if (!st)
		return MC_DB;
	mc_db_bind_text(st, 1, e->msg_id);
	mc_db_bind_text(st, 2, e->name);
	mc_db_bind_text(st, 3, e->sender);
	mc_db_bind_text(st, 4, e->text);
	mc_db_bind_text(st, 5, e->attachments);
	sqlite3_bind_int64(st, 6, e->ms / 1000);
	sqlite3_bind_int64(st, 7, mc_db_now(db));
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "inbox");
	sqlite3_finalize(st);
	if (rc != MC_OK)
		return rc;
	if (sqlite3_changes(db->sq) == 1) {
		char key[24];
		j->out->id = sqlite3_last_insert_rowid(db->sq);
		j->out->stored = 1;
		snprintf(key, sizeof key, "%" PRId64, j->out->id);
		return mc_audit_record(db, "inbox", key, NULL);
	}
	st = mc_db_prepare(db, "SELECT id FROM inbox WHERE msg_id = ?");
	if (!st)
		return MC_DB;
	mc_db_bind_text(st, 1, e->msg_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		j->out->id = sqlite3_column_int64(st, 0);
		j->out->duplicate = 1;
	} else {
		rc = mc_db_sqlfail(db, "inbox");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Everything after the settings: the signature, the event, its time,
 * and the message stored. */
static mc_status take_event(mc_db *db, const struct zalo_conf *c, const char *signature,
			    const char *body, size_t len, mc_inbox_result *out)
{
	char given[MC_INBOX_SIGNATURE_SIZE], want[MC_INBOX_SIGNATURE_SIZE];
	struct event e = { 0 };
	json_object *o = NULL;
	mc_status rc;
	if (!signature)
		return mc_db_fail(db, MC_REFUSED, _("Zalo event refused: no X-ZEvent-Signature"));
	if (!signature_form(signature, given))
		return mc_db_fail(db, MC_REFUSED,
				  _("Zalo event refused: X-ZEvent-Signature is not mac= and 64 hex digits"));
	if ((rc = parse_body(db, body, len, &o)) != MC_OK || (rc = read_head(db, o, &e)) != MC_OK)
		goto done;
	mc_inbox_signature(c->app_id, body, len, e.timestamp, c->secret, want);
	int same = sodium_memcmp(given, want, sizeof want - 1) == 0;
	sodium_memzero(want, sizeof want);
	if (!same) {
		rc = mc_db_fail(db, MC_REFUSED,
				_("Zalo event refused: its signature is wrong (another app id or OA secret key, or a forged event)"));
		goto done;
	}
	if ((rc = fresh(db, &e, c->window_s)) != MC_OK)
		goto done;
	if (!(e.kind = mc_inbox_event_kind(e.name))) {
		out->ignored = 1;
		goto done;
	}
	if ((rc = read_message(db, o, &e)) != MC_OK ||
	    (rc = mc_db_set_clerk(db, "zalo")) != MC_OK ||
	    (rc = mc_db_set_command(db, "serve")) != MC_OK)
		goto done;
	struct store_job j = { &e, out };
	rc = mc_db_atomic(db, store, &j);
done:
	event_release(&e);
	json_object_put(o);
	return rc;
}

mc_status mc_inbox_webhook(mc_db *db, const char *signature, const char *body,
			   size_t len, mc_inbox_result *out)
{
	struct zalo_conf c = { 0 };
	mc_inbox_result none = { 0, 0, 0, 0 };
	if (!db || !out || (!body && len))
		return MC_USAGE;
	*out = none;
	mc_status rc = load_conf(db, &c);
	if (rc == MC_OK)
		rc = take_event(db, &c, signature, body ? body : "", len, out);
	conf_release(&c);
	if (rc != MC_OK)
		*out = none;
	return rc;
}

