/* motcua — serve: the page that the slips' QR codes open, for citizens
 * (motcua-serve(1)). The server is net/serve.c, in motcua-net. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#ifdef MC_NET
#include "pg.h"
#include "serve.h"
#endif

static const struct mc_opt serve_opts[] = {
	{ "listen", 0, OPT_VALUE, "ADDR:PORT", N_("where to listen (default 127.0.0.1:8080)") },
	{ "threads", 0, OPT_VALUE, "N", N_("worker threads (default 4)") },
	{ "trust-proxy", 0, OPT_FLAG, NULL,
	  N_("take the client's address from X-Real-IP when the peer is this machine") },
	{ "frame-ancestors", 0, OPT_VALUE, "SOURCES",
	  N_("the sites that may show the page in a frame (default: none)") },
	{ "max-failures", 0, OPT_VALUE, "N",
	  N_("failed lookups from one address before it waits (default 5)") },
	{ "block-minutes", 0, OPT_VALUE, "N",
	  N_("how long failures count and an address waits (default 15)") },
	{ "province", 0, OPT_VALUE, "URL",
	  N_("look dossiers up in the province's PostgreSQL (a reader's connection)") },
	{ "lookup-url", 0, OPT_VALUE, "TEMPLATE",
	  N_("with --province: the lookup address, as the setting lookup_url") },
	{ "drain-seconds", 0, OPT_VALUE, "N",
	  N_("on SIGTERM, how long open connections may finish (default 10)") },
	{ NULL, 0, 0, NULL, NULL }
};

#ifdef MC_NET
/* CSP source expressions: hosts, schemes and 'self', no quote or semicolon
 * that would end the directive. */
static int frame_sources_ok(const char *v)
{
	if (!*v || strlen(v) > 300)
		return 0;
	for (const char *p = v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr(" .-:/*'", *p)))
			return 0;
	return 1;
}

static int cmd_serve(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct mc_serve_config cfg = { 0 };
	const char *listen_at = args_get(a, "listen"), *why;
	char *tmpl = NULL;
	long threads, failures, minutes, drain;
	unsigned port = 0;
	int rc;

	cfg.province_url = args_get(a, "province");
	if (args_has(a, "lookup-url") && !cfg.province_url)
		return fail(MC_USAGE, "%s", _("--lookup-url goes with --province (a ward's server "
					       "takes the setting lookup_url)"));
	if (cfg.province_url && !args_has(a, "lookup-url"))
		return fail(MC_USAGE, "%s", _("--province needs --lookup-url TEMPLATE"));
	/* Before the first database of the process is opened. */
	mc_db_tune_for_threads();
	if (!cfg.province_url && (rc = need_db(ctx)) != 0)
		return rc;
	if ((rc = args_long(a, "threads", 1, 64, 4, &threads)) ||
	    (rc = args_long(a, "max-failures", 1, 1000, 5, &failures)) ||
	    (rc = args_long(a, "block-minutes", 1, 1440, 15, &minutes)) ||
	    (rc = args_long(a, "drain-seconds", 0, 3600, 10, &drain)))
		return rc;
	cfg.frame_ancestors = args_get(a, "frame-ancestors");
	if (cfg.frame_ancestors && !frame_sources_ok(cfg.frame_ancestors))
		return fail(MC_USAGE, _("--frame-ancestors: \"%s\" is not a list of CSP sources "
					"(such as https://*.zalo.me)"), cfg.frame_ancestors);
	mc_status st = MC_OK;
	if (cfg.province_url) {
		/* The province's server: no ward's database, its clock from
		 * MOTCUA_NOW when set (for tests), at Vietnam's offset. */
		if (!(tmpl = strdup(args_get(a, "lookup-url"))))
			return fail(MC_NOMEM, "%s", _("out of memory"));
		if (mc_now(getenv("MOTCUA_NOW"), 7 * 60, &ctx->now) != MC_OK) {
			free(tmpl);
			return fail(MC_USAGE, _("MOTCUA_NOW: \"%s\" is not a date and time (ISO 8601)"),
				    getenv("MOTCUA_NOW"));
		}
		/* Reachable, and its schema this program's: said now, not at
		 * the first citizen's lookup. */
		mc_pg *pg = NULL;
		int ver;
		if ((st = mc_pg_connect(cfg.province_url, &pg)) != MC_OK ||
		    (st = mc_pg_schema_check(pg, &ver)) != MC_OK) {
			rc = fail(st, "%s", pg ? mc_pg_errmsg(pg) : _("out of memory"));
			mc_pg_close(pg);
			free(tmpl);
			return rc;
		}
		mc_pg_close(pg);
	} else {
		st = mc_setting_get(ctx->db, "lookup_url", &tmpl);
	}
	if (st == MC_NOT_FOUND)
		return fail(MC_UNAVAILABLE, "%s", _("lookup_url is not set: set it with 'motcua config "
						     "set lookup_url https://HOST/PATH?ma={code}&pin={pin}'"));
	if (st != MC_OK)
		return report(ctx, st, NULL);
	st = mc_lookup_route_parse(tmpl, &cfg.route, &why);
	if (st != MC_OK) {
		rc = fail(MC_UNAVAILABLE, _("cannot serve the lookup page of \"%s\": %s"), tmpl,
			  _(why));
		free(tmpl);
		return rc;
	}
	free(tmpl);
	/* Zalo's events, when the office set a path for them. */
	char *hook = NULL;
	if (ctx->db && (st = mc_inbox_webhook_path(ctx->db, &hook)) != MC_OK)
		return report(ctx, st, NULL);
	cfg.webhook_path = hook;
	if (!listen_at)
		listen_at = "127.0.0.1:8080";
	if ((cfg.listen_fd = mc_serve_listen(listen_at, &port, &why)) < 0) {
		rc = why ? fail(MC_USAGE, _("--listen: \"%s\" is %s"), listen_at, _(why))
			 : fail(MC_UNAVAILABLE, _("cannot listen on %s: %s"), listen_at,
				mc_strerror(errno));
		free(hook);
		return rc;
	}
	cfg.db_path = ctx->db_path;
	cfg.threads = (unsigned)threads;
	/* A reader waits for a lock only while a checkpoint or a recovery
	 * holds the file; as long as the other commands (MOTCUA_BUSY_TIMEOUT,
	 * checked by main.c). */
	cfg.busy_ms = getenv("MOTCUA_BUSY_TIMEOUT") && *getenv("MOTCUA_BUSY_TIMEOUT")
			      ? atoi(getenv("MOTCUA_BUSY_TIMEOUT")) : 10000;
	cfg.trust_proxy = args_has(a, "trust-proxy");
	cfg.fail_limit = (unsigned)failures;
	cfg.fail_window = (unsigned)minutes * 60;
	cfg.drain_seconds = (unsigned)drain;
	/* A training database's clock, fixed by MOTCUA_NOW (main.c refused
	 * it for a real register). */
	cfg.fixed_now = getenv("MOTCUA_NOW") && *getenv("MOTCUA_NOW") ? ctx->now : MC_TIME_NONE;
	cfg.stopping_text = _("motcua serve: stopped");
	/* The lookups run on the workers' own connections. */
	mc_db_close(ctx->db);
	ctx->db = NULL;
	fprintf(stderr, _("motcua serve: listening on %s port %u, lookup page %s\n"),
		listen_at, port, cfg.route.path);
	if (hook)
		fprintf(stderr, _("motcua serve: Zalo's events at %s\n"), hook);
	if (cfg.province_url)
		fprintf(stderr, "%s\n", _("motcua serve: dossiers of every ward, from the province"));
	fflush(stderr);
	st = mc_serve_run(&cfg, stderr);
	close(cfg.listen_fd);
	free(hook);
	if (st != MC_OK)
		return fail(st, "%s", _("cannot start the HTTP server"));
	return 0;
}
#endif

const struct mc_subcommand mc_serve_subs[] = {
	{ NULL, NET_FN(cmd_serve), NEED_LAZY, serve_opts, 0, 0,
	  "[--listen ADDR:PORT] [--threads N] [--trust-proxy] [--frame-ancestors SOURCES] "
	  "[--max-failures N] [--block-minutes N] [--drain-seconds N] "
	  "[--province URL --lookup-url TEMPLATE]",
	  N_("serve the citizens' lookup page and API over HTTP"), 0 },
	{ 0 }
};
