/* motcua — province init|summary|status|check and sync push: the wards'
 * registers in the province's PostgreSQL (run by motcua-net). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-cmd.h"
#ifdef MC_NET
#include "province-net.h"
#include "push.h"
#endif

/* The province has no office of its own: its times are shown in
 * Vietnam's offset. */
#define PROVINCE_OFFSET 420

#ifdef MC_NET

/* Connects, or prints why not and returns the exit code. */
static int connect_to(const char *url, mc_pg **pg)
{
	mc_status st = mc_pg_connect(url, pg);
	if (st == MC_OK)
		return 0;
	int rc = fail(st, "%s", *pg ? mc_pg_errmsg(*pg) : _("out of memory"));
	mc_pg_close(*pg);
	*pg = NULL;
	return rc;
}

static int pg_report(mc_pg *pg, mc_status st)
{
	int rc = fail(st, "%s", mc_pg_errmsg(pg));
	mc_pg_close(pg);
	return rc;
}

/* The time of the figures: MOTCUA_NOW (tests, training) or the clock. */
static int province_now(mc_time *now)
{
	if (mc_now(getenv("MOTCUA_NOW"), PROVINCE_OFFSET, now) != MC_OK)
		return fail(MC_USAGE, _("MOTCUA_NOW: \"%s\" is not a date and time (ISO 8601)"),
			    getenv("MOTCUA_NOW"));
	return 0;
}

/* ---- province init ---- */

static int cmd_init(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char **wards = NULL, **readers = NULL;
	size_t nw = args_all(a, "ward", &wards), nr = args_all(a, "reader", &readers);
	mc_pg *pg = NULL;
	int from, to, rc = 0;
	mc_status st = MC_OK;
	for (size_t i = 0; i < nw && !rc; i++) {
		const char *eq = strchr(wards[i], '=');
		if (!eq || eq == wards[i] || !eq[1])
			rc = usage_error(ctx, _("--ward: \"%s\" is not UNIT=ROLE"), wards[i]);
	}
	if (rc || (rc = connect_to(a->pos[0], &pg)) != 0)
		goto out;
	if ((st = mc_province_init(pg, &from, &to)) != MC_OK)
		goto out;
	for (size_t i = 0; i < nw && st == MC_OK; i++) {
		char *unit = strdup(wards[i]);
		if (!unit) {
			st = mc_pg_fail(pg, MC_NOMEM, "%s", _("out of memory"));
			break;
		}
		char *role = strchr(unit, '=');
		*role++ = '\0';
		st = mc_province_add_ward(pg, unit, role);
		free(unit);
	}
	for (size_t i = 0; i < nr && st == MC_OK; i++)
		st = mc_province_add_reader(pg, readers[i]);
	if (st != MC_OK)
		goto out;
	mc_printer *pr = cmd_printer(ctx, stdout);
	static const struct pr_col cols[] = {
		{ "from", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "version", NULL, 0, PR_NOTEXT | PR_QUIET, NULL, 0 },
		{ "wards", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "readers", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	pr_columns(pr, cols, 1);
	if (from == to)
		pr_text(pr, _("The province's schema is up to date (version %d).\n"), to);
	else
		pr_text(pr, _("The province's schema is now at version %d (was %d).\n"), to, from);
	for (size_t i = 0; i < nw; i++)
		pr_text(pr, _("Ward %.*s writes as role %s.\n"), (int)strcspn(wards[i], "="),
			wards[i], strchr(wards[i], '=') + 1);
	for (size_t i = 0; i < nr; i++)
		pr_text(pr, _("Role %s reads every ward.\n"), readers[i]);
	pr_begin_map(pr);
	pr_kint(pr, "from", from);
	pr_kint(pr, "version", to);
	pr_kint(pr, "wards", (int64_t)nw);
	pr_kint(pr, "readers", (int64_t)nr);
	pr_end(pr);
	rc = pr_close(pr, NULL);
out:
	free(wards);
	free(readers);
	if (!rc && st != MC_OK)
		rc = fail(st, "%s", mc_pg_errmsg(pg));
	mc_pg_close(pg);
	return rc;
}

/* ---- province summary ---- */

static int cmd_summary(struct mc_ctx *ctx, const struct mc_args *a)
{
	static const char *const bys[] = { "unit", "procedure", NULL };
	mc_period p = MC_PERIOD_INIT;
	mc_summary total = { NULL, 0, { 0 }, 0 };
	mc_pg_rows *r;
	mc_pg *pg;
	mc_time now;
	char from[24], to[24];
	int by, rc;
	if ((rc = parse_period(a, &p)) || (rc = args_enum(a, "by", bys, 0, &by)) ||
	    (rc = province_now(&now)))
		return rc;
	snprintf(from, sizeof from, "%lld",
		 (long long)(p.from_day * MC_DAY_SECONDS - PROVINCE_OFFSET * 60));
	snprintf(to, sizeof to, "%lld",
		 (long long)((p.to_day + 1) * MC_DAY_SECONDS - PROVINCE_OFFSET * 60));
	if ((rc = connect_to(args_get(a, "url"), &pg)) != 0)
		return rc;
	mc_summary *sums;
	int n;
	mc_status st = mc_province_summary(pg, now, p.has_from ? from : NULL,
					   p.has_to ? to : NULL, by, &r, &sums, &n);
	if (st != MC_OK)
		return pg_report(pg, st);
	/* -q has no one value to print here: it changes nothing. */
	mc_printer *pr = pr_new(ctx->format, stdout, PROVINCE_OFFSET);
	summary_columns(pr, bys[by], by ? N_("PROCEDURE") : N_("UNIT"));
	pr_begin_list(pr);
	for (int i = 0; i < n; i++) {
		total.received += sums[i].received;
		for (int o = 0; o < MC_OUT_COUNT; o++)
			total.n[o] += sums[i].n[o];
		total.rescheduled += sums[i].rescheduled;
		summary_row(pr, &sums[i], bys[by], sums[i].group);
	}
	pr_only(pr, PR_FOR(FMT_TEXT));
	summary_row(pr, &total, bys[by], _("total"));
	pr_only(pr, PR_ALL);
	pr_end(pr);
	pr_text(pr, "\n%s\n", _("on-time rate = on time / (on time + late + overdue)"));
	free(sums);
	mc_pg_rows_free(r);
	mc_pg_close(pg);
	return pr_close(pr, NULL);
}

/* ---- province status ---- */

static mc_time time_of(const char *v)
{
	return v ? strtoll(v, NULL, 10) : MC_TIME_NONE;
}

static int cmd_status(struct mc_ctx *ctx, const struct mc_args *a)
{
	static const struct pr_col cols[] = {
		{ "at", N_("AT"), 16, 0, NULL, 0 },
		{ "status", N_("STATUS"), 12, 0, NULL, 0 },
		{ "event", N_("EVENT"), 8, PR_OPTIONAL, NULL, 0 },
		{ "note", N_("NOTE"), 0, PR_LAST, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	static const char *const keys[] = { "unit_id", "code", "procedure", "procedure_name",
					    "applicant", "status" };
	static const char *const times[] = { "received_at", "due_at", "promised_at",
					     "finished_at", "returned_at" };
	mc_pg_rows *d, *h;
	mc_pg *pg;
	int rc = connect_to(args_get(a, "url"), &pg);
	if (rc)
		return rc;
	mc_status st = mc_province_status(pg, a->pos[0], &d, &h);
	if (st != MC_OK) {
		mc_pg_rows_free(d);
		return pg_report(pg, st);
	}
	mc_printer *pr = cmd_printer(ctx, stdout);
	pr_begin_dict(pr);
	for (int i = 0; i < 6; i++)
		pr_kstr(pr, keys[i], mc_pg_value(d, 0, i));
	for (int i = 0; i < 5; i++) {
		pr_key(pr, times[i]);
		pr_time(pr, time_of(mc_pg_value(d, 0, 6 + i)));
	}
	pr_key(pr, "history");
	pr_columns(pr, cols, 1);
	pr_begin_list(pr);
	for (int i = 0; i < mc_pg_nrows(h); i++) {
		pr_begin_map(pr);
		pr_key(pr, "at");
		pr_time(pr, time_of(mc_pg_value(h, i, 0)));
		pr_kstr(pr, "status", mc_pg_value(h, i, 1));
		pr_kstr(pr, "event", mc_pg_value(h, i, 2));
		pr_kstr(pr, "note", mc_pg_value(h, i, 3) ? mc_pg_value(h, i, 3)
							 : mc_pg_value(h, i, 4));
		pr_end(pr);
	}
	pr_end(pr);
	pr_end(pr);
	mc_pg_rows_free(d);
	mc_pg_rows_free(h);
	mc_pg_close(pg);
	return pr_close(pr, NULL);
}

/* ---- province check ---- */

struct check {
	mc_printer *pr;
	long problems;
};

static int on_ward(const mc_province_ward *w, void *ud)
{
	struct check *c = ud;
	char chain[48];
	if (w->broken_at)
		snprintf(chain, sizeof chain, _("broken at %lld"), (long long)w->broken_at);
	else if (w->incidents)
		snprintf(chain, sizeof chain, _("rewritten at %lld"),
			 (long long)w->incident_record);
	else
		snprintf(chain, sizeof chain, "%s", _("ok"));
	char checkpoint[96];
	if (w->checkpoint_bad)
		snprintf(checkpoint, sizeof checkpoint, _("%s at %lld"), _(w->checkpoint_why),
			 (long long)w->checkpoint_bad);
	else if (w->checkpoints)
		snprintf(checkpoint, sizeof checkpoint, _("ok at %lld"),
			 (long long)w->checkpoint_ok);
	else
		snprintf(checkpoint, sizeof checkpoint, "%s", _("none"));
	c->problems += (w->broken_at || w->incidents || w->silent || w->checkpoint_bad);
	pr_begin_map(c->pr);
	pr_kstr(c->pr, "unit_id", w->unit);
	pr_kstr(c->pr, "role", w->role);
	pr_kint(c->pr, "records", w->records);
	pr_kint(c->pr, "head", w->head);
	pr_key(c->pr, "last_push");
	pr_time(c->pr, w->last_push);
	pr_kstr(c->pr, "chain", chain);
	pr_kstr(c->pr, "checkpoint", checkpoint);
	pr_only(c->pr, PR_FOR(FMT_JSON) | PR_FOR(FMT_CSV) | PR_FOR(FMT_JSONL));
	pr_kint(c->pr, "broken_at", w->broken_at);
	pr_kint(c->pr, "incidents", w->incidents);
	pr_kint(c->pr, "rewritten_at", w->incident_record);
	pr_kint(c->pr, "checkpoints", w->checkpoints);
	pr_kint(c->pr, "checkpoint_bad", w->checkpoint_bad);
	pr_only(c->pr, PR_ALL);
	pr_kbool(c->pr, "silent", w->silent);
	pr_end(c->pr);
	return 0;
}

static int cmd_check(struct mc_ctx *ctx, const struct mc_args *a)
{
	static const struct pr_col cols[] = {
		{ "unit_id", N_("UNIT"), 0, PR_AUTO | PR_QUIET, NULL, 0 },
		{ "role", N_("ROLE"), 0, PR_AUTO, "  ", 0 },
		{ "records", N_("RECORDS"), 0, PR_AUTO | PR_RIGHT, "  ", 0 },
		{ "head", N_("HEAD"), 0, PR_AUTO | PR_RIGHT, "  ", 0 },
		{ "last_push", N_("LAST PUSH"), 16, 0, "  ", 0 },
		{ "chain", N_("CHAIN"), 0, PR_AUTO, "  ", 0 },
		{ "checkpoint", N_("CHECKPOINT"), 0, PR_AUTO, "  ", 0 },
		{ "broken_at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "incidents", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "rewritten_at", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "checkpoints", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "checkpoint_bad", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "silent", N_("SILENT"), 0, PR_AUTO | PR_LAST, "  ", 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	struct check c = { NULL, 0 };
	long days;
	mc_time now;
	mc_pg *pg;
	int rc;
	if ((rc = args_long(a, "silent-days", 1, 3650, 7, &days)) || (rc = province_now(&now)) ||
	    (rc = connect_to(args_get(a, "url"), &pg)))
		return rc;
	c.pr = cmd_printer(ctx, stdout);
	pr_columns(c.pr, cols, 1);
	pr_begin_list(c.pr);
	mc_status st = mc_province_check(pg, now, days, on_ward, &c);
	if (st != MC_OK) {
		pr_close(c.pr, NULL);
		return pg_report(pg, st);
	}
	pr_end(c.pr);
	mc_pg_close(pg);
	rc = pr_close(c.pr, NULL);
	if (!rc && c.problems)
		rc = fail(MC_REFUSED, ngettext("%ld ward has a problem", "%ld wards have a problem",
					       (unsigned long)c.problems), c.problems);
	return rc;
}

/* ---- province search ---- */

struct found {
	mc_printer *pr;
	long n;
};

static int on_hit(const mc_province_hit *h, void *ud)
{
	struct found *f = ud;
	f->n++;
	pr_begin_map(f->pr);
	pr_kstr(f->pr, "unit_id", h->unit);
	pr_kstr(f->pr, "kind", h->kind);
	pr_kstr(f->pr, "book", h->book);
	pr_kint(f->pr, "number", strtoll(h->number, NULL, 10));
	pr_kstr(f->pr, "registered_on", h->registered_on);
	pr_kstr(f->pr, "name", h->name);
	pr_kstr(f->pr, "date_of_birth", h->date_of_birth);
	pr_kstr(f->pr, "father_name", h->father_name);
	pr_kstr(f->pr, "mother_name", h->mother_name);
	pr_kstr(f->pr, "spouse_name", h->spouse_name);
	pr_kstr(f->pr, "died_on", h->died_on);
	pr_kint(f->pr, "rank", h->rank);
	pr_end(f->pr);
	return 0;
}

static int cmd_search(struct mc_ctx *ctx, const struct mc_args *a)
{
	static const struct pr_col cols[] = {
		{ "unit_id", N_("UNIT"), 0, PR_AUTO, NULL, 0 },
		{ "kind", N_("KIND"), 0, PR_AUTO, "  ", 0 },
		{ "book", N_("BOOK"), 0, PR_AUTO, "  ", 0 },
		{ "number", N_("NO."), 0, PR_AUTO | PR_RIGHT, "  ", 0 },
		{ "registered_on", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "name", NC_("person", "NAME"), 0, PR_AUTO, "  ", 0 },
		{ "date_of_birth", N_("BORN"), 0, PR_AUTO | PR_LAST, "  ", 0 },
		{ "father_name", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "mother_name", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "spouse_name", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "died_on", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "rank", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	const char *kinds[MC_REG_KINDS + 1] = { NULL };
	struct found f = { NULL, 0 };
	long year, limit;
	mc_pg *pg;
	int k, rc;
	for (int i = 0; i < MC_REG_KINDS; i++)
		kinds[i] = mc_reg_kind_name((mc_reg_kind)i);
	if ((rc = args_enum(a, "kind", kinds, -1, &k)) ||
	    (rc = args_long(a, "year", 1800, 9999, 0, &year)) ||
	    (rc = args_long(a, "limit", 1, 1000, 20, &limit)) ||
	    (rc = connect_to(args_get(a, "url"), &pg)))
		return rc;
	f.pr = cmd_printer(ctx, stdout);
	pr_columns(f.pr, cols, 1);
	pr_begin_list(f.pr);
	mc_status st = mc_province_search(pg, a->pos[0], k >= 0 ? 1u << k : 0, (int)year,
					  (int)limit, on_hit, &f);
	if (st != MC_OK) {
		pr_close(f.pr, NULL);
		return pg_report(pg, st);
	}
	pr_end(f.pr);
	mc_pg_close(pg);
	rc = pr_close(f.pr, NULL);
	/* Like grep: nothing found is exit 1. */
	return rc ? rc : f.n ? 0 : mc_exit_code(MC_NOT_FOUND);
}

/* ---- sync push ---- */

static int cmd_push(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *url = args_get(a, "url");
	char *setting = NULL;
	long batch;
	mc_push_result res;
	mc_pg *pg;
	int rc;
	if ((rc = args_long(a, "batch", 1, 1000000, 5000, &batch)) != 0)
		return rc;
	if (!url) {
		mc_status st = mc_setting_get(ctx->db, "sync_url", &setting);
		if (st == MC_NOT_FOUND)
			return fail(MC_USAGE, "%s", _("no province to push to: give --url or set "
						      "sync_url (motcua config set sync_url URL)"));
		if (st != MC_OK)
			return report(ctx, st, NULL);
		url = setting;
	}
	rc = connect_to(url, &pg);
	free(setting);
	if (rc)
		return rc;
	mc_status st = mc_push(ctx->db, pg, batch, &res);
	if (st != MC_OK)
		return pg_report(pg, st);
	mc_pg_close(pg);
	static const struct pr_col cols[] = {
		{ "batches", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "records", NULL, 0, PR_NOTEXT | PR_QUIET, NULL, 0 },
		{ "rows", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "head", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	mc_printer *pr = cmd_printer(ctx, stdout);
	pr_columns(pr, cols, 1);
	if (res.records)
		pr_text(pr, _("Pushed %ld audit records and %ld rows in %ld batches; the province "
			      "holds the log up to record %lld.\n"), res.records, res.rows,
			res.batches, (long long)res.head);
	else
		pr_text(pr, _("Nothing to push: the province holds the log up to record %lld.\n"),
			(long long)res.head);
	pr_begin_map(pr);
	pr_kint(pr, "batches", res.batches);
	pr_kint(pr, "records", res.records);
	pr_kint(pr, "rows", res.rows);
	pr_kint(pr, "head", res.head);
	pr_end(pr);
	return pr_close(pr, NULL);
}

#endif /* MC_NET */

static const struct mc_opt init_opts[] = {
	{ "ward", 0, OPT_MULTI, "UNIT=ROLE", N_("the PostgreSQL role of ward UNIT (repeat)") },
	{ "reader", 0, OPT_MULTI, "ROLE", N_("a role that reads every ward (repeat)") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt summary_opts[] = {
	{ "url", 0, OPT_VALUE, "URL", N_("the province's database (libpq connection string)") },
	{ "from", 0, OPT_VALUE, "DATE", N_("dossiers received on or after DATE") },
	{ "to", 0, OPT_VALUE, "DATE", N_("dossiers received on or before DATE") },
	{ "by", 0, OPT_VALUE, "GROUP", N_("one row per unit (default) or per procedure") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt url_opts[] = {
	{ "url", 0, OPT_VALUE, "URL", N_("the province's database (libpq connection string)") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt search_opts[] = {
	{ "url", 0, OPT_VALUE, "URL", N_("the province's database (libpq connection string)") },
	{ "kind", 0, OPT_VALUE, "K", N_("only this register: birth, marriage or death") },
	{ "year", 0, OPT_VALUE, "YYYY", N_("only entries registered in this year") },
	{ "limit", 0, OPT_VALUE, "N", N_("at most N entries (default 20)") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt check_opts[] = {
	{ "url", 0, OPT_VALUE, "URL", N_("the province's database (libpq connection string)") },
	{ "silent-days", 0, OPT_VALUE, "N", N_("a ward that has not pushed for N days is silent (7)") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt push_opts[] = {
	{ "url", 0, OPT_VALUE, "URL", N_("the province's database (default: setting sync_url)") },
	{ "batch", 0, OPT_VALUE, "N", N_("audit records per transaction (5000)") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_province_subs[] = {
	{ "init", NET_FN(cmd_init), NEED_NONE, init_opts, 1, 1,
	  "URL [--ward UNIT=ROLE]... [--reader ROLE]...",
	  N_("create or upgrade the province's schema, add wards and readers"),
	  1u << FMT_JSON },
	{ "summary", NET_FN(cmd_summary), NEED_NONE, summary_opts, 0, 0,
	  "[--url URL] [--from DATE] [--to DATE] [--by unit|procedure]",
	  N_("every ward's figures, one row per unit or procedure"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "status", NET_FN(cmd_status), NEED_NONE, url_opts, 1, 1, "CODE [--url URL]",
	  N_("any ward's dossier and its history"), 1u << FMT_JSON },
	{ "search", NET_FN(cmd_search), NEED_NONE, search_opts, 1, 1,
	  "QUERY [--url URL] [--kind K] [--year YYYY] [--limit N]",
	  N_("find every ward's register entries by name, as register search does"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "check", NET_FN(cmd_check), NEED_NONE, check_opts, 0, 0,
	  "[--url URL] [--silent-days N]",
	  N_("each ward's audit chain, last push, silent wards"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ 0 }
};

const struct mc_subcommand mc_sync_subs[] = {
	{ "push", NET_FN(cmd_push), NEED_READ, push_opts, 0, 0, "[--url URL] [--batch N]",
	  N_("send what this office recorded to the province"), 1u << FMT_JSON },
	{ 0 }
};
