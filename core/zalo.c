/* motcua — Zalo's answers read, the token file, the wait between attempts. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-c/json.h>

#include "db-private.h"
#include "i18n.h"
#include "text.h"
#include "zalo.h"

/*
 * Copies at most n - 1 bytes of s (len bytes) into out as one line of
 * valid UTF-8: control characters become blanks, a byte that is no part
 * of a valid character becomes '?', and a character is never cut.
 */
static void one_line(const char *s, size_t len, char *out, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 1 < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			out[o++] = ' ';
			i++;
			continue;
		}
		size_t k = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3
			 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
		if (k == 0 || i + k > len || !mc_utf8_valid(s + i, k)) {
			out[o++] = '?';
			i++;
			continue;
		}
		if (o + k >= n)
			break;
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
}

/* The string member key of obj, or NULL. */
static const char *member_str(json_object *obj, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* The same as one line in out (a NUL inside made a blank); "" when
 * absent. */
static void member_line(json_object *obj, const char *key, char *out, size_t n)
{
	json_object *v;
	*out = '\0';
	if (json_object_object_get_ex(obj, key, &v) && json_object_is_type(v, json_type_string))
		one_line(json_object_get_string(v), (size_t)json_object_get_string_len(v), out, n);
}

/* A member that Zalo writes as a number or as a string of digits
 * ("error":-124, "expires_in":"90000"); 0 when absent, *ok 0 when not a
 * number. */
static long member_long(json_object *obj, const char *key, int *found)
{
	json_object *v;
	*found = 0;
	if (!json_object_object_get_ex(obj, key, &v))
		return 0;
	if (json_object_is_type(v, json_type_int)) {
		*found = 1;
		return (long)json_object_get_int64(v);
	}
	if (json_object_is_type(v, json_type_string)) {
		const char *s = json_object_get_string(v);
		char *end;
		errno = 0;
		long n = strtol(s, &end, 10);
		*found = *s && !*end && !errno;
		return *found ? n : 0;
	}
	return 0;
}

/* Parses body as one JSON object; NULL when it is not one. */
static json_object *parse_object(const char *body, size_t len)
{
	if (!body || len == 0 || len > 1 << 20)
		return NULL;
	json_tokener *tok = json_tokener_new();
	if (!tok)
		return NULL;
	json_object *obj = json_tokener_parse_ex(tok, body, (int)len);
	enum json_tokener_error e = json_tokener_get_error(tok);
	/* Only blanks may follow the object. */
	size_t used = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	while (obj && used < len && strchr(" \t\r\n", body[used]))
		used++;
	if (obj && (e != json_tokener_success || used != len ||
		    !json_object_is_type(obj, json_type_object))) {
		json_object_put(obj);
		obj = NULL;
	}
	return obj;
}

/* "HTTP 502: <the body's start>" or "not a Zalo answer: ..." */
static void not_an_answer(long status, const char *body, size_t len, mc_zalo_answer *out)
{
	char text[200];
	one_line(body ? body : "", body ? len : 0, text, sizeof text);
	if (status != 200)
		snprintf(out->why, sizeof out->why, "HTTP %ld: %s", status, text);
	else
		snprintf(out->why, sizeof out->why, "not a Zalo answer: %s", text);
}

/*
 * The error codes that say the access token is no good any more: -124
 * for ZNS and -216 for the OA API ("Access token is invalid", in Zalo's
 * tables of error codes), both for an expired token as well.
 */
static int token_error(long e)
{
	return e == -124 || e == -216;
}

void mc_zalo_answer_read(long http_status, const char *body, size_t len,
			 mc_zalo_answer *out)
{
	memset(out, 0, sizeof *out);
	out->kind = MC_ZALO_ERROR;
	json_object *obj = http_status >= 500 ? NULL : parse_object(body, len);
	int has_error;
	long e = obj ? member_long(obj, "error", &has_error) : 0;
	if (!obj || !has_error) {
		not_an_answer(http_status, body, len, out);
		json_object_put(obj);
		return;
	}
	out->error = e;
	if (e == 0) {
		json_object *data;
		const char *id = NULL;
		if (json_object_object_get_ex(obj, "data", &data) &&
		    !(id = member_str(data, "msg_id")))
			id = member_str(data, "message_id");
		out->kind = MC_ZALO_SENT;
		one_line(id ? id : "", id ? strlen(id) : 0, out->msg_id, sizeof out->msg_id);
	} else {
		char text[200];
		member_line(obj, "message", text, sizeof text);
		out->kind = token_error(e) ? MC_ZALO_TOKEN : MC_ZALO_ERROR;
		snprintf(out->why, sizeof out->why, "Zalo error %ld: %s", e, text);
	}
	json_object_put(obj);
}

/* Is s a token as Zalo makes them (base64url and '.'), 1 to MAX long? */
static int token_ok(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && n <= MC_ZALO_TOKEN_MAX &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789-_.~+/=") == n;
}

mc_status mc_zalo_tokens_read(long http_status, const char *body, size_t len,
			      mc_zalo_tokens *out, char *why, size_t n)
{
	json_object *obj = parse_object(body, len);
	const char *a = obj ? member_str(obj, "access_token") : NULL;
	const char *r = obj ? member_str(obj, "refresh_token") : NULL;
	memset(out, 0, sizeof *out);
	if (http_status == 200 && a && r && token_ok(a) && token_ok(r)) {
		snprintf(out->access, sizeof out->access, "%s", a);
		snprintf(out->refresh, sizeof out->refresh, "%s", r);
		json_object_put(obj);
		return MC_OK;
	}
	int has_error;
	long e = obj ? member_long(obj, "error", &has_error) : 0;
	char text[200];
	if (obj && has_error && e != 0) {
		member_line(obj, "error_description", text, sizeof text);
		if (!*text)
			member_line(obj, "error_name", text, sizeof text);
		snprintf(why, n, "Zalo error %ld: %s", e, text);
	} else if (obj && http_status == 200) {
		snprintf(why, n, "%s", "no new pair of tokens in Zalo's answer");
	} else {
		mc_zalo_answer tmp;
		not_an_answer(http_status, body, len, &tmp);
		snprintf(why, n, "%s", tmp.why);
	}
	json_object_put(obj);
	return MC_REFUSED;
}

/* Reads the private file path (at most n - 1 bytes) into buf. */
static mc_status read_private(mc_db *db, const char *path, const char *what, char *buf,
			      size_t n)
{
	struct stat sb;
	FILE *fp = fopen(path, "r");
	if (!fp)
		return mc_db_fail(db, MC_NO_INPUT, _("%s: cannot read %s: %s"), path, what,
				  mc_strerror(errno));
	/* As ssh does with a private key: one that others may read may be a
	 * copy already, and is not used until its owner makes it private. */
	if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode) || (sb.st_mode & 077)) {
		fclose(fp);
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("%s: %s can be read by others (mode %03o); make it private "
				    "with: chmod 600 %s"),
				  path, what, (unsigned)(sb.st_mode & 0777), path);
	}
	size_t got = fread(buf, 1, n - 1, fp);
	int bad = ferror(fp) || (got == n - 1 && fgetc(fp) != EOF);
	fclose(fp);
	buf[got] = '\0';
	if (bad)
		return mc_db_fail(db, MC_BAD_INPUT, _("%s: %s is too long or unreadable"), path,
				  what);
	return MC_OK;
}

/* The next line of *p (its end cut off), or "" at the end. */
static char *next_line(char **p)
{
	char *s = *p, *nl = strchr(s, '\n');
	if (nl) {
		*nl = '\0';
		*p = nl + 1;
	} else {
		*p = s + strlen(s);
	}
	s[strcspn(s, "\r")] = '\0';
	return s;
}

mc_status mc_zalo_tokens_load(mc_db *db, const char *path, mc_zalo_tokens *t)
{
	char buf[2 * MC_ZALO_TOKEN_MAX + 8], *p = buf;
	const char *what = _("the Zalo token file");
	mc_status rc = read_private(db, path, what, buf, sizeof buf);
	if (rc != MC_OK)
		return rc;
	const char *a = next_line(&p), *r = next_line(&p);
	if (!token_ok(a) || (*r && !token_ok(r)) || *next_line(&p))
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("%s: not a token file (the access token on the first line, "
				    "the refresh token on the second)"), path);
	snprintf(t->access, sizeof t->access, "%s", a);
	snprintf(t->refresh, sizeof t->refresh, "%s", r);
	return MC_OK;
}

mc_status mc_zalo_secret_load(mc_db *db, const char *path, char *out, size_t n)
{
	char buf[MC_ZALO_TOKEN_MAX + 8], *p = buf;
	mc_status rc = read_private(db, path, _("the app's secret key"), buf, sizeof buf);
	if (rc != MC_OK)
		return rc;
	const char *k = next_line(&p);
	if (!token_ok(k) || strlen(k) >= n)
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("%s: not a secret key (one line of letters and digits)"), path);
	snprintf(out, n, "%s", k);
	return MC_OK;
}

/* Syncs the folder of path, so that a rename in it survives a crash. */
static int sync_folder(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -1;
	int r = fsync(fd);
	close(fd);
	return r;
}

mc_status mc_zalo_tokens_save(mc_db *db, const char *path, const mc_zalo_tokens *t)
{
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.new-XXXXXX", path) >= (int)sizeof tmp)
		return mc_db_fail(db, MC_IO, _("%s: the name is too long"), path);
	/* mkstemp makes the file 0600. */
	int fd = mkstemp(tmp);
	if (fd < 0)
		return mc_db_fail(db, MC_IO, _("%s: cannot write the new tokens: %s"), path,
				  mc_strerror(errno));
	FILE *fp = fdopen(fd, "w");
	int ok = fp && fprintf(fp, "%s\n%s\n", t->access, t->refresh) > 0 && fflush(fp) == 0 &&
		 fsync(fd) == 0;
	int err = errno;
	ok = (fp ? fclose(fp) == 0 : (close(fd), 0)) && ok;
	if (ok && rename(tmp, path) != 0) {
		err = errno;
		ok = 0;
	}
	if (!ok) {
		unlink(tmp);
		return mc_db_fail(db, MC_IO, _("%s: cannot write the new tokens: %s"), path,
				  mc_strerror(err));
	}
	if (sync_folder(path) != 0)
		return mc_db_fail(db, MC_IO, _("%s: cannot write the new tokens: %s"), path,
				  mc_strerror(errno));
	return MC_OK;
}

int64_t mc_notify_backoff(int attempts)
{
	int64_t wait = 5 * 60;
	for (int i = 1; i < attempts && wait < 6 * 3600; i++)
		wait *= 2;
	return wait < 6 * 3600 ? wait : 6 * 3600;
}
