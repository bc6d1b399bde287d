/* motcua-net — one HTTP POST with libcurl, its outcome told apart as
 * notify send needs it: answered, never sent, or sent and not answered. */
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>

#include "http.h"

int mc_http_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void mc_http_cleanup(void)
{
	curl_global_cleanup();
}

/* Answers longer than this are cut: Zalo's are a few hundred bytes. */
#define MAX_ANSWER (1 << 20)

static size_t take(char *data, size_t size, size_t n, void *ud)
{
	mc_http_reply *r = ud;
	size_t len = size * n;
	if (r->len + len > MAX_ANSWER)
		return 0;       /* an error for libcurl: no whole answer */
	char *more = realloc(r->body, r->len + len + 1);
	if (!more)
		return 0;
	memcpy(more + r->len, data, len);
	r->len += len;
	more[r->len] = '\0';
	r->body = more;
	return len;
}

/*
 * Was nothing of the request sent? Only when libcurl could not resolve
 * the name or connect (a timeout that struck before the connection was
 * made is one): then the server cannot have acted on it. Anything after
 * the connection (a timeout waiting for the answer, a cut connection)
 * may come after the server took the request.
 */
static int never_sent(CURL *c, CURLcode e)
{
	if (e == CURLE_COULDNT_RESOLVE_HOST || e == CURLE_COULDNT_RESOLVE_PROXY ||
	    e == CURLE_COULDNT_CONNECT)
		return 1;
	curl_off_t up = 0;
	double connect_time = 0;
	curl_easy_getinfo(c, CURLINFO_SIZE_UPLOAD_T, &up);
	curl_easy_getinfo(c, CURLINFO_CONNECT_TIME, &connect_time);
	return e == CURLE_OPERATION_TIMEDOUT && up == 0 && connect_time == 0.0;
}

mc_http_outcome mc_http_post(void *ud, const char *url, const char *const *headers,
			     const char *body, size_t len, int timeout_s, mc_http_reply *reply)
{
	(void)ud;
	memset(reply, 0, sizeof *reply);
	CURL *c = curl_easy_init();
	struct curl_slist *list = NULL;
	char err[CURL_ERROR_SIZE] = "";
	if (!c) {
		snprintf(reply->why, sizeof reply->why, "%s", "libcurl cannot start");
		return MC_HTTP_NOT_SENT;
	}
	for (size_t i = 0; headers[i]; i++) {
		struct curl_slist *l = curl_slist_append(list, headers[i]);
		if (!l)
			break;
		list = l;
	}
	/* "Expect: 100-continue" would add a wait for nothing. */
	struct curl_slist *l = curl_slist_append(list, "Expect:");
	list = l ? l : list;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)timeout_s);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)timeout_s);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, reply);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "motcua");
	CURLcode e = curl_easy_perform(c);
	mc_http_outcome out = MC_HTTP_ANSWERED;
	if (e == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply->status);
	} else {
		out = never_sent(c, e) ? MC_HTTP_NOT_SENT : MC_HTTP_NO_ANSWER;
		snprintf(reply->why, sizeof reply->why, "%s", *err ? err : curl_easy_strerror(e));
		free(reply->body);
		reply->body = NULL;
		reply->len = 0;
	}
	curl_slist_free_all(list);
	curl_easy_cleanup(c);
	return out;
}
