/* motcua-net — HTTP requests with libcurl, for the commands that send. */
#ifndef MC_NET_HTTP_H
#define MC_NET_HTTP_H

#include "notify.h"

/* Sets libcurl up once (0) or says why not (-1). */
int mc_http_init(void);
void mc_http_cleanup(void);

/* An mc_http_post_fn (core/notify.h) over libcurl; ud is unused. The
 * body and the headers are handed to libcurl, never to a command line. */
mc_http_outcome mc_http_post(void *ud, const char *url, const char *const *headers,
			     const char *body, size_t len, int timeout_s, mc_http_reply *reply);

#endif
