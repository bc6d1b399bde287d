/* motcua — report extracts: the extracts issued and fees collected, per
 * day; the issues of the day voided since, and their fees, apart. */
#include <stdint.h>

#include "cmd.h"

struct report_state {
	mc_printer *p;
	mc_extract_day total;
};

/* A day's figures (the total's have no date in JSON). */
static void figures(mc_printer *p, const mc_extract_day *d)
{
	pr_kint(p, "birth", d->count[MC_REG_BIRTH]);
	pr_kint(p, "marriage", d->count[MC_REG_MARRIAGE]);
	pr_kint(p, "death", d->count[MC_REG_DEATH]);
	pr_kint(p, "issues", d->issues);
	pr_kint(p, "copies", d->copies);
	pr_key(p, "fees");
	pr_amount(p, d->fees);
	pr_kint(p, "voided", d->voided);
	pr_key(p, "voided_fees");
	pr_amount(p, d->voided_fees);
}

static int on_day(const mc_extract_day *d, void *ud)
{
	struct report_state *rs = ud;
	pr_begin_map(rs->p);
	pr_key(rs->p, "date");
	pr_date(rs->p, d->day);
	figures(rs->p, d);
	pr_end(rs->p);
	for (int k = 0; k < MC_REG_KINDS; k++)
		rs->total.count[k] += d->count[k];
	rs->total.issues += d->issues;
	rs->total.copies += d->copies;
	rs->total.fees += d->fees;
	rs->total.voided += d->voided;
	rs->total.voided_fees += d->voided_fees;
	return 0;
}

/*
 * A table of days, which text closes with their total; JSON puts the
 * period around it: {"from":..., "to":..., "days":[...], "total":{...}}.
 */
int cmd_report_extracts(struct mc_ctx *ctx, const struct mc_args *a)
{
	static const struct pr_col cols[] = {
		{ "date", N_("DATE"), 10, 0, NULL, 0 },
		{ "birth", N_("BIRTH"), 6, PR_RIGHT, NULL, 0 },
		{ "marriage", N_("MARRIAGE"), 9, PR_RIGHT, NULL, 0 },
		{ "death", N_("DEATH"), 6, PR_RIGHT, NULL, 0 },
		{ "issues", N_("ISSUES"), 7, PR_RIGHT, NULL, 0 },
		{ "copies", N_("COPIES"), 7, PR_RIGHT, NULL, 0 },
		{ "fees", N_("FEES"), 10, PR_RIGHT, NULL, 0 },
		{ "voided", N_("VOID"), 5, PR_RIGHT, NULL, 0 },
		{ "voided_fees", N_("VOID FEES"), 10, PR_RIGHT, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	struct report_state rs = { NULL, { 0 } };
	const char *out = args_get(a, "output");
	int64_t from_day = INT64_MIN, to_day;
	int from, to, rc;

	/* Up to today by default: nothing is issued in the future. */
	to_day = mc_day_at(ctx->now, mc_db_offset(ctx->db));
	if (args_date(a, "from", &from_day, &from) != 0 || args_date(a, "to", &to_day, &to) != 0)
		return mc_exit_code(MC_USAGE);
	/* -q has no one value to print here: it changes nothing. The
	 * figures name nobody: a file of them is no export of citizens'
	 * data, and is not recorded in data_exports. */
	if (is_stdout(out))
		rs.p = pr_new(ctx->format, stdout, mc_db_offset(ctx->db));
	else if ((rc = listing_printer(ctx, out, &rs.p)) != 0)
		return rc;
	pr_columns(rs.p, cols, 1);
	/* JSON: the period, then the days under "days". */
	pr_only(rs.p, PR_FOR(FMT_JSON));
	pr_begin_map(rs.p);
	pr_key(rs.p, "from");
	if (from)
		pr_date(rs.p, from_day);
	else
		pr_null(rs.p);
	pr_key(rs.p, "to");
	pr_date(rs.p, to_day);
	pr_key(rs.p, "days");
	pr_only(rs.p, PR_ALL);
	pr_begin_list(rs.p);
	mc_status st = mc_extract_report(ctx->db, from_day, to_day, on_day, &rs);
	if (st != MC_OK) {
		if (pr_file(rs.p) != stdout)
			abandon_output(pr_file(rs.p));
		return report(ctx, st, NULL);
	}
	pr_end(rs.p);
	/* The total: JSON's "total" (no date), text's TOTAL row, not CSV. */
	pr_only(rs.p, PR_FOR(FMT_JSON));
	pr_key(rs.p, "total");
	pr_only(rs.p, PR_FOR(FMT_JSON) | PR_FOR(FMT_TEXT));
	pr_begin_map(rs.p);
	pr_only(rs.p, PR_FOR(FMT_TEXT));
	pr_kstr(rs.p, "date", _("TOTAL"));
	pr_only(rs.p, PR_FOR(FMT_JSON) | PR_FOR(FMT_TEXT));
	figures(rs.p, &rs.total);
	pr_end(rs.p);
	pr_only(rs.p, PR_FOR(FMT_JSON));
	pr_end(rs.p);
	pr_only(rs.p, PR_ALL);
	return pr_close(rs.p, out);
}

const struct mc_opt mc_report_extracts_opts[] = {
	{ "from", 0, OPT_VALUE, "DATE", N_("issued on or after DATE (default: from the first)") },
	{ "to", 0, OPT_VALUE, "DATE", N_("issued on or before DATE (default: today)") },
	{ "output", 'o', OPT_VALUE, "FILE", N_("write the figures to FILE, for a spreadsheet") },
	{ NULL, 0, 0, NULL, NULL }
};
