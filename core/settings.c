/* motcua — the office's settings (table settings) and its calendar. */
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "db-private.h"
#include "i18n.h"
#include "settings-private.h"
#include "text.h"

/* key: the key as a message names it (mc_field_name). */
typedef mc_status (*check_fn)(mc_db *db, const char *key, const char *in,
			       char **norm);

struct setting {
	mc_setting_info info;
	check_fn check;
};

static mc_status bad(mc_db *db, const char *key, const char *in, const char *why)
{
	return mc_db_fail(db, MC_BAD_INPUT, "%s: \"%s\" %s", key, in, why);
}

static mc_status check_unit_id(mc_db *db, const char *key, const char *in, char **norm)
{
	if (!mc_unit_id_valid(in))
		return bad(db, key, in, _("is not an agency code (1 to 35 of 0-9, A-Z and '.')"));
	return (*norm = strdup(in)) ? MC_OK : MC_NOMEM;
}

static mc_status check_text(mc_db *db, const char *key, const char *in, char **norm,
			    size_t max, int required)
{
	char why[96];
	mc_status rc = mc_text_clean(in, 0, max, norm);
	if (rc == MC_NOMEM)
		return rc;
	if (rc != MC_OK && mc_text_invisible_why(in, why, sizeof why))
		return mc_db_fail(db, MC_BAD_INPUT, "%s: %s", key, why);
	if (rc != MC_OK)
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("%s: not valid UTF-8 text of at most %zu characters"), key, max);
	if (required && !**norm) {
		free(*norm);
		*norm = NULL;
		return mc_db_fail(db, MC_BAD_INPUT, _("%s: must not be empty"), key);
	}
	return MC_OK;
}

static mc_status check_name(mc_db *db, const char *key, const char *in, char **norm)
{
	return check_text(db, key, in, norm, 200, 1);
}

static mc_status check_optional(mc_db *db, const char *key, const char *in, char **norm)
{
	return check_text(db, key, in, norm, 200, 0);
}

/*
 * Why a lookup URL made from tmpl could not be read back to its code and
 * PIN (mc_lookup_url_parse reads each value up to the template's next
 * character), or NULL: {code} once, {pin} at most once, and after each a
 * character that no code or PIN holds, or the end.
 */
static const char *url_unreadable(const char *tmpl)
{
	int codes = 0, pins = 0;
	for (const char *t = strchr(tmpl, '{'); t; t = strchr(t + 1, '{')) {
		int is_code = strncmp(t, "{code}", 6) == 0;
		const char *next = t + (is_code ? 6 : 5);
		codes += is_code;
		pins += !is_code;
		if (*next == '{')
			return _("has {code} and {pin} side by side: put a separator between them "
				 "(as in ?ma={code}&pin={pin}), or a URL cannot be read back");
		if (*next && (isalnum((unsigned char)*next) || strchr(".-_", *next)))
			return _("has a letter, digit, '.', '-' or '_' right after {code} or {pin}: "
				 "codes and PINs hold those, so a URL cannot be read back");
	}
	if (codes > 1)
		return _("has {code} more than once");
	if (pins > 1)
		return _("has {pin} more than once");
	return NULL;
}

static mc_status check_url(mc_db *db, const char *key, const char *in, char **norm)
{
	mc_status rc = check_text(db, key, in, norm, 400, 0);
	if (rc != MC_OK || !**norm)
		return rc;
	const char *p = *norm;
	/* Only {code} and {pin} may stand in braces; {code} must. */
	for (const char *b = strchr(p, '{'); b; b = strchr(b + 1, '{'))
		if (strncmp(b, "{code}", 6) != 0 && strncmp(b, "{pin}", 5) != 0)
			goto fail;
	if (!strstr(p, "{code}") || strchr(p, ' '))
		goto fail;
	const char *why = url_unreadable(p);
	if (why) {
		rc = bad(db, key, in, why);
		free(*norm);
		*norm = NULL;
		return rc;
	}
	return MC_OK;
fail:
	free(*norm);
	*norm = NULL;
	return bad(db, key, in,
		   _("is not a lookup URL template (it needs {code}, may have {pin}, no blanks)"));
}

/*
 * sync_url: the province's libpq connection string or URI, which must
 * not hold a password: libpq takes it from ~/.pgpass or a service file,
 * and the settings are read by every clerk (motcua(5)).
 */
static mc_status check_sync_url(mc_db *db, const char *key, const char *in, char **norm)
{
	mc_status rc = check_text(db, key, in, norm, 400, 0);
	if (rc != MC_OK || !**norm)
		return rc;
	const char *p = *norm, *at = strchr(p, '@'), *scheme = strstr(p, "://");
	int secret = 0;
	for (const char *c = p; *c && !secret; c++)
		secret = strncasecmp(c, "password", 8) == 0;
	/* postgresql://user:secret@host */
	if (scheme && at && memchr(scheme + 3, ':', (size_t)(at - scheme - 3)))
		secret = 1;
	if (!secret)
		return MC_OK;
	free(*norm);
	*norm = NULL;
	return bad(db, key, in, _("holds a password: keep it in ~/.pgpass or a service file, "
				  "which libpq reads"));
}

static mc_status check_offset(mc_db *db, const char *key, const char *in, char **norm)
{
	int off;
	char buf[8];
	if (mc_parse_offset(in, &off) != MC_OK)
		return bad(db, key, in, _("is not a UTC offset such as +07:00"));
	mc_format_offset(off, buf, sizeof buf);
	return (*norm = strdup(buf)) ? MC_OK : MC_NOMEM;
}

static mc_status check_workweek(mc_db *db, const char *key, const char *in, char **norm)
{
	if (strcmp(in, "mon-fri") != 0 && strcmp(in, "mon-sat-am") != 0)
		return bad(db, key, in, _("is not a work week (mon-fri or mon-sat-am)"));
	return (*norm = strdup(in)) ? MC_OK : MC_NOMEM;
}

static int parse_hours(const char *in, int *open, int *close)
{
	char a[6], b[6];
	if (strlen(in) != 11 || in[5] != '-')
		return 0;
	memcpy(a, in, 5);
	a[5] = '\0';
	memcpy(b, in + 6, 5);
	b[5] = '\0';
	return mc_parse_hhmm(a, open) == MC_OK && mc_parse_hhmm(b, close) == MC_OK &&
	       *open < *close;
}

static mc_status check_hours(mc_db *db, const char *key, const char *in, char **norm)
{
	int o, c;
	if (!parse_hours(in, &o, &c))
		return bad(db, key, in, _("is not office hours such as 07:30-17:00"));
	return (*norm = strdup(in)) ? MC_OK : MC_NOMEM;
}

static mc_status check_hhmm(mc_db *db, const char *key, const char *in, char **norm)
{
	int m;
	if (mc_parse_hhmm(in, &m) != MC_OK)
		return bad(db, key, in, _("is not a time of day (HH:MM)"));
	return (*norm = strdup(in)) ? MC_OK : MC_NOMEM;
}

static mc_status check_fee(mc_db *db, const char *key, const char *in, char **norm)
{
	char *end;
	long v = strtol(in, &end, 10);
	if (!*in || *end || v < 0 || v > 100000000)
		return bad(db, key, in, _("is not an amount in VND (0 to 100000000)"));
	char buf[24];
	snprintf(buf, sizeof buf, "%ld", v);
	return (*norm = strdup(buf)) ? MC_OK : MC_NOMEM;
}

/* A Zalo ZNS template id (digits as Zalo gives them; letters, '-' and
 * '_' for other providers). An empty value unsets it. */
static mc_status check_template(mc_db *db, const char *key, const char *in, char **norm)
{
	size_t n = strlen(in);
	if (n > 40 || strspn(in, "0123456789abcdefghijklmnopqrstuvwxyz"
			     "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_") != n)
		return bad(db, key, in, _("is not a template id (up to 40 of 0-9, A-Z, a-z, '-' and '_')"));
	return (*norm = strdup(in)) ? MC_OK : MC_NOMEM;
}

/* Days back that --received-at may reach (core/dossier-receive.c). */
static mc_status check_window(mc_db *db, const char *key, const char *in, char **norm)
{
	char *end;
	long v = strtol(in, &end, 10);
	if (!*in || *end || v < 0 || v > 3660)
		return bad(db, key, in, _("is not a number of days (0 to 3660)"));
	char buf[8];
	snprintf(buf, sizeof buf, "%ld", v);
	return (*norm = strdup(buf)) ? MC_OK : MC_NOMEM;
}

/* A whole number of lo to hi: bad(why) otherwise. */
static mc_status check_range(mc_db *db, const char *key, const char *in, char **norm,
			     long lo, long hi, const char *why)
{
	char *end, buf[24];
	long v = strtol(in, &end, 10);
	if (!*in || *end || v < lo || v > hi)
		return bad(db, key, in, why);
	snprintf(buf, sizeof buf, "%ld", v);
	return (*norm = strdup(buf)) ? MC_OK : MC_NOMEM;
}

/* notify send (core/notify-send.c): seconds a request may take. */
static mc_status check_timeout(mc_db *db, const char *key, const char *in, char **norm)
{
	return check_range(db, key, in, norm, 1, 300, _("is not a number of seconds (1 to 300)"));
}

/* Messages sent per second, at most. */
static mc_status check_rate(mc_db *db, const char *key, const char *in, char **norm)
{
	return check_range(db, key, in, norm, 1, 100,
			   _("is not a number of messages per second (1 to 100)"));
}

/* Attempts before a message is abandoned. */
static mc_status check_attempts(mc_db *db, const char *key, const char *in, char **norm)
{
	return check_range(db, key, in, norm, 1, 100, _("is not a number of attempts (1 to 100)"));
}

/* Hours after a citizen's last message to the OA that an OA message may
 * be sent to them (0: never). */
static mc_status check_hours_window(mc_db *db, const char *key, const char *in, char **norm)
{
	return check_range(db, key, in, norm, 0, 720, _("is not a number of hours (0 to 720)"));
}

/* How many OA messages Zalo takes as replies after one message of a
 * citizen (8 in Zalo's rules today): 1 to 100. */
static mc_status check_oa_replies(mc_db *db, const char *key, const char *in, char **norm)
{
	return check_range(db, key, in, norm, 1, 100, _("is not a number of messages (1 to 100)"));
}

/* The id of the office's Zalo app, digits as Zalo gives it. An empty
 * value unsets it. */
static mc_status check_app_id(mc_db *db, const char *key, const char *in, char **norm)
{
	size_t n = strlen(in);
	if (n > 30 || strspn(in, "0123456789") != n)
		return bad(db, key, in, _("is not a Zalo app id (up to 30 digits)"));
	return (*norm = strdup(in)) ? MC_OK : MC_NOMEM;
}

/* A file of the server's, named by its absolute path. An empty value
 * unsets it. */
static mc_status check_path(mc_db *db, const char *key, const char *in, char **norm)
{
	mc_status rc = check_text(db, key, in, norm, 400, 0);
	if (rc != MC_OK || !**norm || **norm == '/')
		return rc;
	free(*norm);
	*norm = NULL;
	return bad(db, key, in, _("is not an absolute path (it begins with /)"));
}

/* The base of a web service's URLs: http:// or https://, a host, maybe a
 * port and a path, no blank, no query, no '/' at the end. */
static mc_status check_base_url(mc_db *db, const char *key, const char *in, char **norm)
{
	size_t n = strlen(in);
	const char *host = !strncmp(in, "https://", 8) ? in + 8 : !strncmp(in, "http://", 7) ? in + 7
											      : NULL;
	if (!host || !*host || *host == '/' || n > 200 || in[n - 1] == '/' ||
	    strcspn(in, " ?#\\\"'<>") != n)
		return bad(db, key, in, _("is not the base of a web service's URLs "
					  "(http:// or https://, no blank, no '/' at the end)"));
	for (const unsigned char *p = (const unsigned char *)in; *p; p++)
		if (*p < 0x21 || *p > 0x7e)
			return bad(db, key, in, _("is not the base of a web service's URLs "
						  "(http:// or https://, no blank, no '/' at the end)"));
	return (*norm = strdup(in)) ? MC_OK : MC_NOMEM;
}

/* A telephone number as an office prints it: digits, blanks, dots, '+',
 * '-' and brackets, 3 to 30 of them, at least 3 digits. */
static mc_status check_phone_text(mc_db *db, const char *key, const char *in, char **norm)
{
	int digits = 0;
	size_t n = strlen(in);
	for (const char *p = in; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" .+-()", *p))
			n = 0;
	}
	if (n && (n < 3 || n > 30 || digits < 3))
		n = 0;
	if (*in && !n)
		return bad(db, key, in, _("is not a telephone number (digits, blanks, '.', '+', '-', brackets)"));
	return (*norm = strdup(in)) ? MC_OK : MC_NOMEM;
}

/* The clerks' full names, "login=Full Name" pairs separated by ';'
 * (lan=Nguyễn Thị Lan;hung=Trần Văn Hùng): logins of a-z 0-9 . _ -,
 * names of one line. */
static mc_status check_clerk_names(mc_db *db, const char *key, const char *in, char **norm)
{
	mc_status rc = check_text(db, key, in, norm, 4000, 0);
	if (rc != MC_OK)
		return rc;
	for (const char *p = *norm; *p;) {
		size_t len = strcspn(p, ";"), login = strcspn(p, "=");
		int ok = login > 0 && login < len && len - login > 1;
		for (size_t i = 0; ok && i < login; i++)
			ok = isalnum((unsigned char)p[i]) || strchr("._-", p[i]);
		if (!ok) {
			free(*norm);
			*norm = NULL;
			return bad(db, key, in, _("is not a list of login=Full Name separated by ';'"));
		}
		p += len + (p[len] == ';');
	}
	return MC_OK;
}

/* The path of the webhook that motcua serve answers (core/inbox.h): an
 * absolute URL path, without blanks, query or fragment. Empty: none. */
static mc_status check_webhook_path(mc_db *db, const char *key, const char *in, char **norm)
{
	size_t n = strlen(in);
	int ok = n == 0 || (in[0] == '/' && n <= 200);
	for (size_t i = 0; ok && i < n; i++)
		ok = in[i] > 0x20 && in[i] < 0x7f && !strchr("?#\\\"<>", in[i]);
	if (!ok)
		return bad(db, key, in, _("is not a URL path (it begins with '/', up to 200 printable ASCII characters without blanks, '?', '#', '\\', '\"', '<' or '>')"));
	return (*norm = strdup(in)) ? MC_OK : MC_NOMEM;
}

/* The file that holds the OA secret key (core/inbox-webhook.c reads it): an
 * absolute path, since the server runs from another folder than the
 * clerk who sets it. Empty: none. */
static mc_status check_secret_file(mc_db *db, const char *key, const char *in, char **norm)
{
	mc_status rc = check_text(db, key, in, norm, 400, 0);
	if (rc != MC_OK || !**norm || **norm == '/')
		return rc;
	free(*norm);
	*norm = NULL;
	return bad(db, key, in, _("is not an absolute file name (it begins with '/')"));
}

/* How far a Zalo event's time may be from the clock, in minutes. */
static mc_status check_event_window(mc_db *db, const char *key, const char *in, char **norm)
{
	char *end;
	long v = strtol(in, &end, 10);
	if (!*in || *end || v < 1 || v > 60)
		return bad(db, key, in, _("is not a number of minutes (1 to 60)"));
	char buf[8];
	snprintf(buf, sizeof buf, "%ld", v);
	return (*norm = strdup(buf)) ? MC_OK : MC_NOMEM;
}

/* Only init marks a training copy (mc_setting_mark_training), and nothing
 * unmarks it: a real register must not become one, nor a training copy
 * pass for a real one. */
static mc_status check_training(mc_db *db, const char *key, const char *in, char **norm)
{
	(void)norm;
	return bad(db, key, in, _("is set by 'motcua init --training' only, and never unset"));
}

static const struct setting settings[] = {
	{ { "unit_id", NULL }, check_unit_id },
	{ { "unit_name", NULL }, check_name },
	{ { "superior_name", NULL }, check_optional },
	{ { "province", NULL }, check_optional },
	{ { "lookup_url", NULL }, check_url },
	{ { "sync_url", NULL }, check_sync_url },
	{ { "utc_offset", "+07:00" }, check_offset },
	{ { "workweek", "mon-fri" }, check_workweek },
	{ { "office_hours", "07:30-17:00" }, check_hours },
	{ { "cutoff", "15:00" }, check_hhmm },
	{ { "extract_fee", "8000" }, check_fee },
	{ { "office_phone", NULL }, check_phone_text },
	{ { "office_address", NULL }, check_optional },
	{ { "head_name", NULL }, check_optional },
	{ { "head_title", NULL }, check_optional },
	{ { "clerk_names", NULL }, check_clerk_names },
	{ { "received_at_window_days", "30" }, check_window },
	{ { "training", "no" }, check_training },
	{ { "zns_template_received", NULL }, check_template },
	{ { "zns_template_supplement", NULL }, check_template },
	{ { "zns_template_done", NULL }, check_template },
	{ { "zns_template_rescheduled", NULL }, check_template },
	{ { "zns_template_rejected", NULL }, check_template },
	{ { "zalo_app_id", NULL }, check_app_id },
	{ { "zalo_oa_secret_file", NULL }, check_secret_file },
	{ { "zalo_webhook_path", NULL }, check_webhook_path },
	{ { "zalo_window_minutes", "5" }, check_event_window },
	{ { "zalo_token_file", NULL }, check_path },
	{ { "zalo_app_secret_file", NULL }, check_path },
	{ { "zalo_zns_base_url", "https://business.openapi.zalo.me" }, check_base_url },
	{ { "zalo_oa_base_url", "https://openapi.zalo.me" }, check_base_url },
	{ { "zalo_oauth_base_url", "https://oauth.zaloapp.com" }, check_base_url },
	{ { "zalo_oa_window_hours", "48" }, check_hours_window },
	{ { "zalo_oa_replies", "8" }, check_oa_replies },
	{ { "notify_timeout", "20" }, check_timeout },
	{ { "notify_rate", "5" }, check_rate },
	{ { "notify_max_attempts", "5" }, check_attempts },
};

#define N_SETTINGS (sizeof settings / sizeof settings[0])

const mc_setting_info *mc_settings_known(size_t *n)
{
	static mc_setting_info infos[N_SETTINGS];
	for (size_t i = 0; i < N_SETTINGS; i++)
		infos[i] = settings[i].info;
	*n = N_SETTINGS;
	return infos;
}

static const struct setting *find(const char *key)
{
	for (size_t i = 0; i < N_SETTINGS; i++)
		if (strcmp(settings[i].info.key, key) == 0)
			return &settings[i];
	return NULL;
}

void mc_settings_forget(mc_db *db)
{
	for (size_t i = 0; i < db->n_settings; i++) {
		free(db->settings[i].key);
		free(db->settings[i].value);
	}
	free(db->settings);
	db->settings = NULL;
	db->n_settings = 0;
	db->settings_loaded = 0;
}

mc_status mc_settings_refresh(mc_db *db)
{
	sqlite3_stmt *st = mc_db_prepare_kept(db, "PRAGMA data_version");
	if (!st)
		return MC_DB;
	if (sqlite3_step(st) != SQLITE_ROW) {
		mc_status rc = mc_db_sqlfail(db, "settings");
		mc_db_done(db, st);
		return rc;
	}
	int64_t v = sqlite3_column_int64(st, 0);
	mc_db_done(db, st);
	if (v != db->data_version) {
		mc_settings_forget(db);
		db->offset_min = MC_OFFSET_UNKNOWN;
		db->data_version = v;
	}
	return MC_OK;
}

/* All settings in one query: a command reads several of them. */
static mc_status load_settings(mc_db *db)
{
	sqlite3_stmt *st = mc_db_prepare_kept(db, "SELECT key, value FROM settings");
	int r;
	if (!st)
		return MC_DB;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct mc_kv *n = realloc(db->settings, (db->n_settings + 1) * sizeof *n);
		if (!n) {
			mc_db_done(db, st);
			return MC_NOMEM;
		}
		db->settings = n;
		n[db->n_settings].key = mc_db_column_dup(st, 0);
		n[db->n_settings].value = mc_db_column_dup(st, 1);
		db->n_settings++;
	}
	mc_status rc = r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "settings");
	mc_db_done(db, st);
	db->settings_loaded = rc == MC_OK;
	return rc;
}

mc_status mc_setting_get(mc_db *db, const char *key, char **value)
{
	const struct setting *s = find(key);
	const char *v = NULL;
	*value = NULL;
	if (!s)
		return mc_db_fail(db, MC_BAD_INPUT, _("%s: no such setting"), key);
	if (!db->settings_loaded) {
		mc_status rc = load_settings(db);
		if (rc != MC_OK)
			return rc;
	}
	for (size_t i = 0; i < db->n_settings && !v; i++)
		if (db->settings[i].key && strcmp(db->settings[i].key, key) == 0)
			v = db->settings[i].value;
	if (!v)
		v = s->info.def;
	if (!v)
		return mc_db_fail(db, MC_NOT_FOUND, _("%s: not set"), key);
	*value = strdup(v);
	return *value ? MC_OK : MC_NOMEM;
}

/* office_hours and cutoff must agree: the cut-off lies within the hours.
 * Checked after the write, inside the caller's transaction. */
static mc_status check_calendar(mc_db *db, const char *key, const char *value)
{
	mc_calendar cal;
	mc_status rc = mc_db_calendar(db, &cal);
	if (rc != MC_OK)
		return rc;
	if (mc_calendar_check(&cal) != MC_OK || cal.cutoff_min < cal.open_min ||
	    cal.cutoff_min > cal.close_min)
		return bad(db, key, value,
			   _("does not fit: the cut-off must lie within office hours"));
	return MC_OK;
}

/* Writes a checked value (empty: unsets the key) and its audit record. */
static mc_status store(mc_db *db, const char *key, char *norm)
{
	mc_status rc;
	sqlite3_stmt *st = mc_db_prepare(db, *norm ?
		"INSERT INTO settings(key, value) VALUES (?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value" :
		"DELETE FROM settings WHERE key = ?1");
	if (!st) {
		free(norm);
		return MC_DB;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (*norm)
		sqlite3_bind_text(st, 2, norm, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "settings");
	sqlite3_finalize(st);
	if (rc == MC_OK) {
		mc_change chg = MC_CHANGE_INIT;
		mc_change_str(&chg, "value", *norm ? norm : NULL);
		const char *json = mc_change_json(&chg);
		rc = json ? mc_audit_record(db, "settings", key, json) : MC_NOMEM;
		mc_change_release(&chg);
	}
	free(norm);
	mc_settings_forget(db);
	db->offset_min = MC_OFFSET_UNKNOWN;
	return rc;
}

mc_status mc_setting_set_from(mc_db *db, const char *key, const char *value,
			      mc_field_place where)
{
	const struct setting *s = find(key);
	char *norm = NULL, buf[48];
	if (!s)
		return mc_db_fail(db, MC_BAD_INPUT, _("%s: no such setting"), key);
	const char *named = mc_field_name(key, where, buf, sizeof buf);
	mc_status rc = s->check(db, named, value, &norm);
	if (rc == MC_OK)
		rc = store(db, key, norm);
	if (rc == MC_OK && (!strcmp(key, "office_hours") || !strcmp(key, "cutoff")))
		rc = check_calendar(db, named, value);
	return rc;
}

mc_status mc_setting_set(mc_db *db, const char *key, const char *value)
{
	return mc_setting_set_from(db, key, value, MC_FROM_SETTING);
}

mc_status mc_setting_mark_training(mc_db *db)
{
	char *yes = strdup("yes");
	return yes ? store(db, "training", yes) : MC_NOMEM;
}

int mc_db_training(mc_db *db)
{
	char *v = NULL;
	int yes = mc_setting_get(db, "training", &v) == MC_OK && strcmp(v, "yes") == 0;
	free(v);
	return yes;
}

int mc_db_initialised(mc_db *db)
{
	char *v = NULL;
	int ok = mc_setting_get(db, "unit_id", &v) == MC_OK;
	free(v);
	return ok;
}

static int setting_minutes(mc_db *db, const char *key, int def)
{
	char *v = NULL;
	int m = def;
	if (mc_setting_get(db, key, &v) == MC_OK)
		mc_parse_hhmm(v, &m);
	free(v);
	return m;
}

static mc_status load_overrides(mc_db *db)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT date, is_workday, name FROM holidays ORDER BY date");
	size_t cap = 0;
	if (!st)
		return MC_DB;
	free(db->overrides);
	db->overrides = NULL;
	db->n_overrides = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t day;
		if (mc_parse_date((const char *)sqlite3_column_text(st, 0), &day) != MC_OK)
			continue;
		if (db->n_overrides == cap) {
			cap = cap ? cap * 2 : 32;
			mc_override *n = realloc(db->overrides, cap * sizeof *n);
			if (!n) {
				sqlite3_finalize(st);
				return MC_NOMEM;
			}
			db->overrides = n;
		}
		mc_override *o = &db->overrides[db->n_overrides++];
		o->day = day;
		o->is_workday = sqlite3_column_int(st, 1);
		snprintf(o->name, sizeof o->name, "%s",
			 (const char *)sqlite3_column_text(st, 2));
	}
	mc_status rc = r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "holidays");
	sqlite3_finalize(st);
	return rc;
}

mc_status mc_db_calendar(mc_db *db, mc_calendar *cal)
{
	mc_calendar def = MC_CALENDAR_INIT;
	char *v = NULL;
	*cal = def;
	if (mc_setting_get(db, "workweek", &v) == MC_OK && strcmp(v, "mon-sat-am") == 0)
		cal->workweek = MC_WORKWEEK_MON_SAT_AM;
	free(v);
	v = NULL;
	if (mc_setting_get(db, "office_hours", &v) == MC_OK)
		parse_hours(v, &cal->open_min, &cal->close_min);
	free(v);
	cal->cutoff_min = setting_minutes(db, "cutoff", cal->cutoff_min);
	mc_status rc = load_overrides(db);
	if (rc != MC_OK)
		return rc;
	cal->overrides = db->overrides;
	cal->n_overrides = db->n_overrides;
	return MC_OK;
}
