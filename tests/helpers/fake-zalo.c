/*
 * fake-zalo — Zalo's APIs played on 127.0.0.1 for the tests of notify
 * send (libmicrohttpd).
 *
 *   fake-zalo SCRIPT LOG PORTFILE
 *
 * Listens on a free port of 127.0.0.1, which it writes to PORTFILE once
 * it listens (written under another name and renamed: a test waits for
 * the file). Each request, whatever its path, takes the next line of
 * SCRIPT as its answer:
 *
 *   STATUS BODY          answer with that HTTP status and body
 *   sleep N STATUS BODY  the same after N seconds (a client's timeout)
 *   cut                  close the connection without a word
 *
 * and once the script is spent, 500 "the script is spent". Each request
 * is appended to LOG as one JSON object, before it is answered:
 * {"n":1,"t":0.123,"method":"POST","path":"/message/template",
 *  "access_token":"...","secret_key":"...","content_type":"...",
 *  "body":"..."} (t: seconds since the server started; the headers null
 * when absent). Runs until killed.
 */
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <json-c/json.h>
#include <microhttpd.h>

static char **script;
static size_t n_script, next_line;
static FILE *log_fp;
static struct timespec start;
static unsigned long count;

struct upload {
	char *data;
	size_t len;
};

static void load_script(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	if (!fp) {
		perror(path);
		exit(2);
	}
	while ((n = getline(&line, &cap, fp)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		script = realloc(script, (n_script + 1) * sizeof *script);
		if (!script || !(script[n_script++] = strdup(line)))
			exit(2);
	}
	free(line);
	fclose(fp);
}

static double since_start(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9;
}

static void add_header(json_object *o, struct MHD_Connection *c, const char *name,
		       const char *key)
{
	const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
	json_object_object_add(o, key, v ? json_object_new_string(v) : NULL);
}

static void log_request(struct MHD_Connection *c, const char *method, const char *url,
			const struct upload *u)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "n", json_object_new_int64((int64_t)++count));
	json_object_object_add(o, "t", json_object_new_double(since_start()));
	json_object_object_add(o, "method", json_object_new_string(method));
	json_object_object_add(o, "path", json_object_new_string(url));
	add_header(o, c, "access_token", "access_token");
	add_header(o, c, "secret_key", "secret_key");
	add_header(o, c, "Content-Type", "content_type");
	json_object_object_add(o, "body",
			       json_object_new_string_len(u->data ? u->data : "", (int)u->len));
	fprintf(log_fp, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
								     JSON_C_TO_STRING_NOSLASHESCAPE));
	fflush(log_fp);
	json_object_put(o);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version,
			      const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct upload *u = *con_cls;
	if (!u) {
		*con_cls = calloc(1, sizeof *u);
		return *con_cls ? MHD_YES : MHD_NO;
	}
	if (*upload_size) {
		char *more = realloc(u->data, u->len + *upload_size);
		if (!more)
			return MHD_NO;
		memcpy(more + u->len, upload_data, *upload_size);
		u->data = more;
		u->len += *upload_size;
		*upload_size = 0;
		return MHD_YES;
	}
	log_request(c, method, url, u);
	const char *line = next_line < n_script ? script[next_line++] : NULL;
	unsigned status = 500;
	const char *body = "the script is spent";
	if (line && strcmp(line, "cut") == 0)
		return MHD_NO;
	if (line && strncmp(line, "sleep ", 6) == 0) {
		char *end;
		long secs = strtol(line + 6, &end, 10);
		sleep((unsigned)secs);
		line = end + (*end == ' ');
	}
	if (line) {
		char *end;
		status = (unsigned)strtoul(line, &end, 10);
		body = *end == ' ' ? end + 1 : end;
	}
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), (void *)body,
								 MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "application/json");
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static void done(void *cls, struct MHD_Connection *c, void **con_cls,
		 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct upload *u = *con_cls;
	if (u) {
		free(u->data);
		free(u);
		*con_cls = NULL;
	}
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: fake-zalo SCRIPT LOG PORTFILE\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	load_script(argv[1]);
	if (!(log_fp = fopen(argv[2], "a"))) {
		perror(argv[2]);
		return 2;
	}
	struct sockaddr_in sa = { 0 };
	sa.sin_family = AF_INET;
	sa.sin_port = 0;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL,
						answer, NULL,
						MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
						MHD_OPTION_NOTIFY_COMPLETED, done, NULL,
						MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "fake-zalo: cannot listen\n");
		return 1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", argv[3]);
	FILE *pf = fopen(tmp, "w");
	if (!info || !pf || fprintf(pf, "%u\n", (unsigned)info->port) < 0 || fclose(pf) != 0 ||
	    rename(tmp, argv[3]) != 0) {
		fprintf(stderr, "fake-zalo: cannot write %s\n", argv[3]);
		return 1;
	}
	for (;;)
		pause();
}
