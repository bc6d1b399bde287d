/* motcua-net — the citizens' HTTP server on libmicrohttpd.
 *
 * A pool of worker threads (libmicrohttpd's), each with its own read-only
 * connection to the office's database, opened on its first request: in
 * WAL mode a reader never waits for the counter or for a long import,
 * and never makes them wait. What the pages say is core/citizen.c's; this
 * file routes requests, limits failed lookups by address, sets the
 * headers and writes one log line per request. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <microhttpd.h>

#include "motcua.h"
#include "serve.h"
#include "serve-province.h"

#define API_PREFIX "/api/v1/dossiers/"
#define HEALTH_PATH "/healthz"
#define LIMIT_SLOTS 4096            /* addresses remembered by the limiter */
#define WEBHOOK_MAX (64 * 1024)     /* the largest event body read         */
#define BUF_KEEP (64 * 1024)        /* a worker's page buffer kept up to this */

struct server {
	const struct mc_serve_config *cfg;
	FILE *log;
	pthread_key_t db_key;       /* each worker's read-only connection */
	pthread_key_t wdb_key;      /* ... and its writer, for the webhook */
	pthread_key_t pg_key;       /* ... or its connection to the province */
	pthread_key_t buf_key;      /* ... and the buffer its answers are built in */
	char csp[512];
	volatile int stopping;
	/* The limiter: failed lookups per address, in a fixed table; each
	 * lookup reads it (shared), a failure writes it (exclusive). */
	pthread_rwlock_t lock;
	struct slot {
		char addr[INET6_ADDRSTRLEN];
		unsigned fails;
		time_t first, blocked_until, last;
	} slots[LIMIT_SLOTS];
};

/* One request, from its first call to its completion. */
struct request {
	struct timespec start;
	unsigned status;
	size_t bytes;
	char addr[INET6_ADDRSTRLEN];
	char method[8], path[160];
	char *body;                 /* a POST's body, as it arrives */
	size_t body_len;
	int too_large;
};

/* A line of the log (n bytes, cut at the buffer's end: snprintf's
 * return), in one write(2) outside stdio's lock: the lines of several
 * workers never mix, and a worker never waits while another's write is
 * in the kernel. */
static void log_line(struct server *s, const char *line, int n, size_t size)
{
	size_t len = n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
	int fd = fileno(s->log);
	while (len) {
		ssize_t w = write(fd, line, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		line += w;
		len -= (size_t)w;
	}
}

static time_t mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* ---- listening ---- */

int mc_serve_listen(const char *addr, unsigned *port, const char **why)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char host[INET6_ADDRSTRLEN + 2];
	const char *colon = strrchr(addr, ':'), *h = addr;
	size_t hl;
	char *end;
	unsigned long p;

	memset(&ss, 0, sizeof ss);
	*why = N_("not ADDR:PORT (127.0.0.1:8080 or [::1]:8080)");
	if (!colon || colon == addr)
		return -1;
	errno = 0;
	p = strtoul(colon + 1, &end, 10);
	if (!colon[1] || *end || errno || p > 65535)
		return -1;
	hl = (size_t)(colon - addr);
	if (*h == '[') {
		if (hl < 3 || addr[hl - 1] != ']')
			return -1;
		h++;
		hl -= 2;
	}
	if (hl >= sizeof host)
		return -1;
	memcpy(host, h, hl);
	host[hl] = '\0';
	struct sockaddr_in *in4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)p);
		len = sizeof *in4;
	} else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)p);
		len = sizeof *in6;
	} else {
		*why = N_("not an IP address (127.0.0.1, ::1, 0.0.0.0)");
		return -1;
	}
	int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
	if (fd < 0) {
		*why = NULL;
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&ss, len) != 0 || listen(fd, 512) != 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		*why = NULL;
		return -1;
	}
	*port = ntohs(ss.ss_family == AF_INET ? in4->sin_port : in6->sin6_port);
	return fd;
}

/* ---- the limiter ---- */

static size_t addr_hash(const char *addr)
{
	size_t h = 5381;
	for (const char *p = addr; *p; p++)
		h = h * 33 + (unsigned char)*p;
	return h;
}

/* The slot of addr, or NULL when it has none; lock held, shared or not. */
static const struct slot *find_slot(const struct server *s, const char *addr)
{
	size_t h = addr_hash(addr);
	for (size_t i = 0; i < 8; i++) {
		const struct slot *sl = &s->slots[(h + i) % LIMIT_SLOTS];
		if (strcmp(sl->addr, addr) == 0)
			return sl;
		if (!sl->addr[0])
			break;
	}
	return NULL;
}

/* The slot of addr (a new or the least recently used one); lock held
 * exclusively. */
static struct slot *slot_of(struct server *s, const char *addr, time_t now)
{
	struct slot *old = &s->slots[0];
	size_t h = addr_hash(addr);
	/* Linear probing over a few slots, then the oldest of them goes. */
	for (size_t i = 0; i < 8; i++) {
		struct slot *sl = &s->slots[(h + i) % LIMIT_SLOTS];
		if (strcmp(sl->addr, addr) == 0)
			return sl;
		if (!sl->addr[0] || sl->last < old->last || old == &s->slots[0])
			old = sl;
		if (!sl->addr[0])
			break;
	}
	memset(old, 0, sizeof *old);
	snprintf(old->addr, sizeof old->addr, "%s", addr);
	old->first = old->last = now;
	return old;
}

/* Every lookup asks: the workers read the table side by side, and an
 * address that never failed takes no slot. */
static int blocked(struct server *s, const char *addr)
{
	time_t now = mono_now();
	pthread_rwlock_rdlock(&s->lock);
	const struct slot *sl = find_slot(s, addr);
	int b = sl && sl->blocked_until > now;
	pthread_rwlock_unlock(&s->lock);
	return b;
}

static void count_failure(struct server *s, const char *addr)
{
	time_t now = mono_now();
	pthread_rwlock_wrlock(&s->lock);
	struct slot *sl = slot_of(s, addr, now);
	if (now - sl->first >= (time_t)s->cfg->fail_window) {
		sl->fails = 0;
		sl->first = now;
	}
	sl->last = now;
	if (++sl->fails >= s->cfg->fail_limit) {
		sl->blocked_until = now + (time_t)s->cfg->fail_window;
		sl->fails = 0;
		sl->first = now;
	}
	pthread_rwlock_unlock(&s->lock);
}

/* ---- the database of a worker ---- */

static void close_db(void *db)
{
	mc_db_close(db);
}

/* The worker's read-only connection, its clock set. refresh: read the
 * settings again if another connection committed since the last request
 * (a setting changed at the counter shows at the next request); a lookup
 * does that itself, inside its snapshot (mc_citizen_lookup). */
static mc_db *worker_db(struct server *s, int refresh)
{
	mc_db *db = pthread_getspecific(s->db_key);
	if (!db) {
		if (mc_db_open(s->cfg->db_path, MC_DB_READ, s->cfg->busy_ms, &db) != MC_OK) {
			mc_db_close(db);
			return NULL;
		}
		/* Its statements are parsed once, not at each lookup. */
		mc_db_keep_statements(db);
		pthread_setspecific(s->db_key, db);
	}
	if (refresh && mc_settings_refresh(db) != MC_OK)
		return NULL;
	mc_time now = s->cfg->fixed_now;
	if (now == MC_TIME_NONE)
		now = (mc_time)time(NULL);
	mc_db_set_now(db, now);
	return db;
}

/* The worker's connection that writes: only the webhook stores. It acts
 * as clerk "zalo", command "serve", in the audit log. */
static mc_db *worker_writer(struct server *s)
{
	mc_db *db = pthread_getspecific(s->wdb_key);
	if (!db) {
		if (mc_db_open(s->cfg->db_path, MC_DB_WRITE, s->cfg->busy_ms, &db) != MC_OK ||
		    mc_db_set_clerk(db, "zalo") != MC_OK || mc_db_set_command(db, "serve") != MC_OK) {
			mc_db_close(db);
			return NULL;
		}
		pthread_setspecific(s->wdb_key, db);
	}
	if (mc_settings_refresh(db) != MC_OK)
		return NULL;
	mc_time now = s->cfg->fixed_now;
	if (now == MC_TIME_NONE)
		now = (mc_time)time(NULL);
	mc_db_set_now(db, now);
	return db;
}

/* The ward's database for the office's card, none for the province. */
static mc_db *local_db(struct server *s)
{
	return s->cfg->province_url ? NULL : worker_db(s, 1);
}

static void close_pg(void *pg)
{
	mc_pg_close(pg);
}

/* The worker's connection to the province (serve --province), made on
 * its first request and made again after a failure. */
static mc_pg *worker_pg(struct server *s)
{
	mc_pg *pg = pthread_getspecific(s->pg_key);
	if (!pg) {
		if (mc_pg_connect(s->cfg->province_url, &pg) != MC_OK) {
			char line[600];
			int n = snprintf(line, sizeof line, "province: %s\n",
					 pg ? mc_pg_errmsg(pg) : "out of memory");
			log_line(s, line, n, sizeof line);
			mc_pg_close(pg);
			return NULL;
		}
		pthread_setspecific(s->pg_key, pg);
	}
	return pg;
}

static void drop_pg(struct server *s)
{
	mc_pg_close(pthread_getspecific(s->pg_key));
	pthread_setspecific(s->pg_key, NULL);
}

static mc_time request_now(struct server *s)
{
	return s->cfg->fixed_now != MC_TIME_NONE ? s->cfg->fixed_now : (mc_time)time(NULL);
}

/* ---- answering ---- */

/* The address of the client: the peer's, or X-Real-IP when the peer is
 * the reverse proxy on this machine and the office trusts it. */
static void client_address(struct server *s, struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	int loopback = 0;
	snprintf(out, n, "-");
	if (sa && sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;
		inet_ntop(AF_INET, &in->sin_addr, out, (socklen_t)n);
		loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	} else if (sa && sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, out, (socklen_t)n);
		loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	}
	if (s->cfg->trust_proxy && loopback) {
		const char *r = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Real-IP");
		unsigned char buf[sizeof(struct in6_addr)];
		if (r && (inet_pton(AF_INET, r, buf) == 1 || inet_pton(AF_INET6, r, buf) == 1))
			snprintf(out, n, "%s", r);
	}
}

static void free_buf(void *b)
{
	mc_strbuf_release(b);
	free(b);
}

/* The worker's buffer, empty, to build an answer in: it keeps its room
 * from one answer to the next (answer() copies the text out), so a page
 * is not grown from nothing each time. local when there is none. */
static mc_strbuf *worker_buf(struct server *s, mc_strbuf *local)
{
	mc_strbuf *b = pthread_getspecific(s->buf_key);
	if (!b && (b = calloc(1, sizeof *b)) && pthread_setspecific(s->buf_key, b) != 0) {
		free(b);
		b = NULL;
	}
	if (!b)
		return local;
	mc_strbuf_clear(b);
	return b;
}

static enum MHD_Result answer(struct server *s, struct MHD_Connection *c, struct request *rq,
			      unsigned status, const char *type, mc_strbuf *body,
			      const char *allow)
{
	size_t len = body->len;
	struct MHD_Response *r;
	if (body->oom || !body->s) {
		len = 0;
		if (body->oom)
			status = MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
	r = MHD_create_response_from_buffer(len, len ? body->s : (char *)"",
					    len ? MHD_RESPMEM_MUST_COPY : MHD_RESPMEM_PERSISTENT);
	/* The worker's buffer stays for the next answer, unless a large
	 * page or a failed allocation left it as nothing to keep. */
	if (body != pthread_getspecific(s->buf_key) || body->oom || body->cap > BUF_KEEP)
		mc_strbuf_release(body);
	else
		mc_strbuf_clear(body);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	/* Every answer may name a person or tell whether a code exists. */
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "Content-Security-Policy", s->csp);
	if (!s->cfg->frame_ancestors)
		MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	/* The address holds the PIN: never hand it to another site. */
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	if (status == MHD_HTTP_TOO_MANY_REQUESTS) {
		char secs[24];
		snprintf(secs, sizeof secs, "%u", s->cfg->fail_window);
		MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, secs);
	}
	if (allow)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow);
	if (s->stopping)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	rq->status = status;
	rq->bytes = len;
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

#define HTML "text/html; charset=utf-8"
#define JSON "application/json; charset=utf-8"
#define TEXT "text/plain; charset=utf-8"

/* A page without a dossier, with the office's card when it can be read. */
static enum MHD_Result page(struct server *s, struct MHD_Connection *c, struct request *rq,
			    mc_db *db, unsigned status, mc_page_kind kind, const char *code)
{
	mc_office_card o;
	mc_strbuf local = MC_STRBUF_INIT, *b = worker_buf(s, &local);
	if (!db || mc_office_card_read(db, &o) != MC_OK)
		memset(&o, 0, sizeof o);
	mc_office_card oc = o;
	/* A card that could not be read says nothing of the office. */
	if (!oc.unit_name) {
		static char empty[] = "";
		oc.unit_name = oc.address = oc.phone = oc.hours = oc.workweek = empty;
	}
	mc_citizen_page(&oc, kind == MC_PAGE_NO_SUCH_PAGE ? NULL : &s->cfg->route, kind, code, b);
	if (o.unit_name)
		mc_office_card_release(&o);
	return answer(s, c, rq, status, HTML, b, NULL);
}

static enum MHD_Result json_error(struct server *s, struct MHD_Connection *c,
				  struct request *rq, unsigned status, const char *error)
{
	mc_strbuf local = MC_STRBUF_INIT, *b = worker_buf(s, &local);
	mc_strbuf_addf(b, "{\"error\":\"%s\"}\n", error);
	return answer(s, c, rq, status, JSON, b, NULL);
}

/* The lookup of code with pin, as a page or as JSON. */
static enum MHD_Result lookup(struct server *s, struct MHD_Connection *c, struct request *rq,
			      const char *code, const char *pin, int json)
{
	int province = s->cfg->province_url != NULL;
	mc_db *db = province ? NULL : worker_db(s, 0);
	mc_pg *pg = province ? worker_pg(s) : NULL;
	mc_citizen *cz = NULL;
	mc_strbuf local = MC_STRBUF_INIT, *b;
	mc_status st;
	if (blocked(s, rq->addr)) {
		/* No lookup, no snapshot: the card as it is now. */
		if (db && mc_settings_refresh(db) != MC_OK)
			db = NULL;
		return json ? json_error(s, c, rq, MHD_HTTP_TOO_MANY_REQUESTS, "too_many_requests")
			    : page(s, c, rq, db, MHD_HTTP_TOO_MANY_REQUESTS, MC_PAGE_TOO_MANY, NULL);
	}
	if (!db && !pg)
		return json ? json_error(s, c, rq, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable")
			    : page(s, c, rq, NULL, MHD_HTTP_SERVICE_UNAVAILABLE, MC_PAGE_ERROR, NULL);
	if (province) {
		st = mc_serve_province_lookup(pg, code, pin, request_now(s), &cz);
		/* A connection that failed is made again at the next request. */
		if (st != MC_OK && st != MC_NOT_FOUND)
			drop_pg(s);
	} else {
		st = mc_citizen_lookup(db, code, pin ? pin : "", &cz);
	}
	if (st == MC_NOT_FOUND) {
		count_failure(s, rq->addr);
		return json ? json_error(s, c, rq, MHD_HTTP_NOT_FOUND, "not_found")
			    : page(s, c, rq, db, MHD_HTTP_NOT_FOUND, MC_PAGE_NOT_FOUND, NULL);
	}
	if (st != MC_OK)
		return json ? json_error(s, c, rq, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable")
			    : page(s, c, rq, db, MHD_HTTP_SERVICE_UNAVAILABLE, MC_PAGE_ERROR, NULL);
	b = worker_buf(s, &local);
	if (json)
		mc_citizen_json(cz, b);
	else
		mc_citizen_html(cz, b);
	mc_citizen_free(cz);
	return answer(s, c, rq, MHD_HTTP_OK, json ? JSON : HTML, b, NULL);
}

static enum MHD_Result health(struct server *s, struct MHD_Connection *c, struct request *rq)
{
	mc_strbuf local = MC_STRBUF_INIT, *b = worker_buf(s, &local);
	mc_office_card o;
	if (s->cfg->province_url) {
		mc_pg *pg = worker_pg(s);
		mc_pg_rows *r = NULL;
		mc_status st = pg ? mc_pg_query(pg, "SELECT 1", 0, NULL, &r) : MC_UNREACHABLE;
		mc_pg_rows_free(r);
		if (st != MC_OK) {
			if (pg)
				drop_pg(s);
			mc_strbuf_addf(b, "unavailable\n");
			return answer(s, c, rq, MHD_HTTP_SERVICE_UNAVAILABLE, TEXT, b, NULL);
		}
		mc_strbuf_addf(b, "ok\n");
		return answer(s, c, rq, MHD_HTTP_OK, TEXT, b, NULL);
	}
	mc_db *db = worker_db(s, 1);
	/* Ready when the database answers a query. */
	if (!db || mc_office_card_read(db, &o) != MC_OK) {
		mc_strbuf_addf(b, "unavailable\n");
		return answer(s, c, rq, MHD_HTTP_SERVICE_UNAVAILABLE, TEXT, b, NULL);
	}
	mc_office_card_release(&o);
	mc_strbuf_addf(b, "ok\n");
	return answer(s, c, rq, MHD_HTTP_OK, TEXT, b, NULL);
}

/* One event of Zalo's Official Account: verified, stored once, answered
 * at once (Zalo waits for a 200). */
static enum MHD_Result webhook(struct server *s, struct MHD_Connection *c, struct request *rq)
{
	mc_strbuf local = MC_STRBUF_INIT, *b = worker_buf(s, &local);
	mc_inbox_result res;
	unsigned status;
	const char *what;
	if (rq->too_large) {
		mc_strbuf_addf(b, "{\"error\":\"too_large\"}\n");
		return answer(s, c, rq, MHD_HTTP_CONTENT_TOO_LARGE, JSON, b, NULL);
	}
	mc_db *db = worker_writer(s);
	mc_status st = db ? mc_inbox_webhook(db, MHD_lookup_connection_value(c, MHD_HEADER_KIND,
									     "X-ZEvent-Signature"),
					     rq->body ? rq->body : "", rq->body_len, &res)
			  : MC_UNAVAILABLE;
	switch (st) {
	case MC_OK:
		status = MHD_HTTP_OK;
		what = res.duplicate ? "duplicate" : res.ignored ? "ignored" : "stored";
		break;
	case MC_REFUSED:
		status = MHD_HTTP_UNAUTHORIZED;
		what = "refused";
		break;
	case MC_BAD_INPUT:
		status = MHD_HTTP_BAD_REQUEST;
		what = "bad_event";
		break;
	default:
		status = MHD_HTTP_SERVICE_UNAVAILABLE;
		what = "unavailable";
		break;
	}
	/* Why it was refused goes to the office's log, not to the caller. */
	if (st != MC_OK && db) {
		char line[600];
		int n = snprintf(line, sizeof line, "%s webhook: %s\n", rq->addr, mc_errmsg(db));
		log_line(s, line, n, sizeof line);
	}
	mc_strbuf_addf(b, "{\"result\":\"%s\"}\n", what);
	return answer(s, c, rq, status, JSON, b, NULL);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload, size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct request *rq = *con_cls;
	int get = strcmp(method, MHD_HTTP_METHOD_GET) == 0 ||
		  strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
	(void)version;
	if (!rq) {
		if (!(rq = calloc(1, sizeof *rq)))
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &rq->start);
		client_address(s, c, rq->addr, sizeof rq->addr);
		snprintf(rq->method, sizeof rq->method, "%s", method);
		/* The path as the log shows it: one line, whatever was sent. */
		snprintf(rq->path, sizeof rq->path, "%s", url);
		for (char *p = rq->path; *p; p++)
			if ((unsigned char)*p < 0x21 || *p == 0x7f)
				*p = '?';
		*con_cls = rq;
		/* Answered at the next call, once the request is read whole: a
		 * response queued before that closes the connection. */
		return MHD_YES;
	}
	int hook = s->cfg->webhook_path && strcmp(url, s->cfg->webhook_path) == 0 &&
		   strcmp(method, MHD_HTTP_METHOD_POST) == 0;
	/* Only the webhook reads a body, up to WEBHOOK_MAX bytes; the rest
	 * is dropped as it arrives. */
	if (*upload_size) {
		if (hook && !rq->too_large && rq->body_len + *upload_size <= WEBHOOK_MAX) {
			char *nb = realloc(rq->body, rq->body_len + *upload_size + 1);
			if (!nb)
				return MHD_NO;
			memcpy(nb + rq->body_len, upload, *upload_size);
			rq->body = nb;
			rq->body_len += *upload_size;
			rq->body[rq->body_len] = '\0';
		} else if (hook) {
			rq->too_large = 1;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (hook)
		return webhook(s, c, rq);
	if (!get) {
		mc_strbuf local = MC_STRBUF_INIT, *b = worker_buf(s, &local);
		mc_strbuf_addf(b, "method not allowed\n");
		return answer(s, c, rq, MHD_HTTP_METHOD_NOT_ALLOWED, TEXT, b, "GET, HEAD");
	}
	if (strcmp(url, s->cfg->route.path) == 0) {
		const char *code = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
							       s->cfg->route.code_param);
		const char *pin = s->cfg->route.pin_param[0]
			? MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, s->cfg->route.pin_param)
			: NULL;
		if (!code || !*code) {
			if (blocked(s, rq->addr))
				return page(s, c, rq, local_db(s), MHD_HTTP_TOO_MANY_REQUESTS,
					    MC_PAGE_TOO_MANY, NULL);
			return page(s, c, rq, local_db(s), MHD_HTTP_OK, MC_PAGE_FORM, NULL);
		}
		return lookup(s, c, rq, code, pin, 0);
	}
	if (strncmp(url, API_PREFIX, strlen(API_PREFIX)) == 0 && url[strlen(API_PREFIX)] &&
	    !strchr(url + strlen(API_PREFIX), '/'))
		return lookup(s, c, rq, url + strlen(API_PREFIX),
			      MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "pin"), 1);
	if (strcmp(url, HEALTH_PATH) == 0)
		return health(s, c, rq);
	return page(s, c, rq, local_db(s), MHD_HTTP_NOT_FOUND, MC_PAGE_NO_SUCH_PAGE, NULL);
}

/* One line per request, written at once so that lines never mix:
 * client, method, path (never the query: it holds the PIN), status,
 * bytes, milliseconds. */
static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct request *rq = *con_cls;
	char line[512];
	struct timespec end;
	(void)c;
	if (!rq)
		return;
	*con_cls = NULL;
	clock_gettime(CLOCK_MONOTONIC, &end);
	double ms = (double)(end.tv_sec - rq->start.tv_sec) * 1e3 +
		    (double)(end.tv_nsec - rq->start.tv_nsec) / 1e6;
	int n = snprintf(line, sizeof line, "%s %s %s %u %zu %.1fms%s\n", rq->addr,
			 rq->method, rq->path, rq->status, rq->bytes, ms,
			 toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (cut)");
	log_line(s, line, n, sizeof line);
	free(rq->body);
	free(rq);
}

/* ---- running ---- */

mc_status mc_serve_run(const struct mc_serve_config *cfg, FILE *log)
{
	struct server *s = calloc(1, sizeof *s);
	sigset_t stop;
	int sig = 0;
	if (!s)
		return MC_NOMEM;
	s->cfg = cfg;
	s->log = log;
	/* What stdio holds goes before the workers' lines (log_line). */
	fflush(log);
	pthread_rwlock_init(&s->lock, NULL);
	pthread_key_create(&s->db_key, close_db);
	pthread_key_create(&s->wdb_key, close_db);
	pthread_key_create(&s->pg_key, close_pg);
	pthread_key_create(&s->buf_key, free_buf);
	/* Nothing but the page itself: its inline style, a form sent to
	 * this server, no script, no frame unless the office names who may. */
	snprintf(s->csp, sizeof s->csp,
		 "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
		 "base-uri 'none'; frame-ancestors %s",
		 cfg->frame_ancestors ? cfg->frame_ancestors : "'none'");

	/* The workers inherit a mask without SIGTERM and SIGINT: only the
	 * main thread takes them, by sigwait. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_TURBO, 0, NULL, NULL, on_request, s,
		MHD_OPTION_LISTEN_SOCKET, (MHD_socket)cfg->listen_fd,
		MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)10,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_END);
	if (!d) {
		pthread_key_delete(s->db_key);
		pthread_key_delete(s->wdb_key);
		pthread_key_delete(s->pg_key);
		pthread_key_delete(s->buf_key);
		pthread_rwlock_destroy(&s->lock);
		free(s);
		return MC_UNAVAILABLE;
	}
	while (sigwait(&stop, &sig) != 0 || (sig != SIGTERM && sig != SIGINT))
		;
	/* Stop accepting; let the open connections finish what they are
	 * sending, each answer with "Connection: close", for at most
	 * drain_seconds. A connection idle between two requests is counted
	 * too (libmicrohttpd cannot tell it from one whose request is still
	 * arriving), and closed by its timeout or at the deadline. */
	s->stopping = 1;
	MHD_socket lfd = MHD_quiesce_daemon(d);
	if (lfd != MHD_INVALID_SOCKET)
		close(lfd);
	for (unsigned i = 0; i < cfg->drain_seconds * 20; i++) {
		const union MHD_DaemonInfo *di =
			MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!di || di->num_connections == 0)
			break;
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(d);
	if (cfg->stopping_text)
		fprintf(log, "%s\n", cfg->stopping_text);
	fflush(log);
	pthread_key_delete(s->db_key);
	pthread_key_delete(s->wdb_key);
	pthread_key_delete(s->pg_key);
	pthread_key_delete(s->buf_key);
	pthread_rwlock_destroy(&s->lock);
	free(s);
	return MC_OK;
}
