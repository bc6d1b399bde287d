/* motcua-net — the citizens' HTTP server (libmicrohttpd): motcua-serve(1). */
#ifndef MC_NET_SERVE_H
#define MC_NET_SERVE_H

#include <stdio.h>
#include "citizen.h"

struct mc_serve_config {
	const char *db_path;
	int listen_fd;              /* bound and listening (mc_serve_listen) */
	unsigned threads;           /* workers, each with its own connection */
	int busy_ms;                /* each connection's busy timeout         */
	int trust_proxy;            /* X-Real-IP from a loopback peer          */
	const char *frame_ancestors;    /* CSP sources allowed to frame, NULL: none */
	unsigned fail_limit;        /* failed lookups from one address ...     */
	unsigned fail_window;       /* ... within this many seconds: 429 for as long */
	unsigned drain_seconds;     /* on SIGTERM: at most this long for the requests in flight */
	mc_time fixed_now;          /* MOTCUA_NOW of a training database, else MC_TIME_NONE */
	mc_lookup_route route;
	const char *province_url;   /* lookups from the province's PostgreSQL, NULL: the ward's */
	const char *webhook_path;   /* Zalo's events (zalo_webhook_path), NULL: none */
	const char *stopping_text;  /* the last log line, in the operator's language */
};

/*
 * Opens a socket listening on addr ("127.0.0.1:8080", "[::1]:8080"; port 0:
 * any free port). Returns the descriptor, or -1 with *why (static) and
 * errno set. The port it got goes to *port.
 */
int mc_serve_listen(const char *addr, unsigned *port, const char **why);

/*
 * Serves until SIGTERM or SIGINT, then stops accepting, answers what is
 * in flight (at most drain_seconds), and returns MC_OK. One line per
 * request goes to log. MC_UNAVAILABLE when the server cannot start.
 */
mc_status mc_serve_run(const struct mc_serve_config *cfg, FILE *log);

#endif
