/* motcua — report extracts: the extracts issued and fees collected, per day. */
#include <stdint.h>
#include <string.h>

#include "cmd.h"

struct report_state {
	struct mc_ctx *ctx;
	mc_extract_day total;
	int n;
};

static void day_row(struct mc_ctx *ctx, const char *date, const mc_extract_day *d, int n)
{
	if (ctx->format == FMT_CSV) {
		printf("%s,%ld,%ld,%ld,%ld,%ld,%lld\n", date, d->count[MC_REG_BIRTH],
		       d->count[MC_REG_MARRIAGE], d->count[MC_REG_DEATH], d->issues, d->copies,
		       d->fees);
	} else if (ctx->format == FMT_JSON) {
		/* The total has no date. */
		printf("%s{", n ? "," : "");
		if (date)
			printf("\"date\":\"%s\",", date);
		printf("\"birth\":%ld,\"marriage\":%ld,\"death\":%ld,"
		       "\"issues\":%ld,\"copies\":%ld,\"fees\":%lld}",
		       d->count[MC_REG_BIRTH], d->count[MC_REG_MARRIAGE], d->count[MC_REG_DEATH],
		       d->issues, d->copies, d->fees);
	} else {
		put_padded(stdout, date, 10);
		printf(" %6ld %9ld %6ld %7ld %7ld %10lld\n", d->count[MC_REG_BIRTH],
		       d->count[MC_REG_MARRIAGE], d->count[MC_REG_DEATH], d->issues, d->copies,
		       d->fees);
	}
}

static int on_day(const mc_extract_day *d, void *ud)
{
	struct report_state *rs = ud;
	char date[16];
	mc_format_date(d->day, date, sizeof date);
	day_row(rs->ctx, date, d, rs->n++);
	for (int k = 0; k < MC_REG_KINDS; k++)
		rs->total.count[k] += d->count[k];
	rs->total.issues += d->issues;
	rs->total.copies += d->copies;
	rs->total.fees += d->fees;
	return 0;
}

/* A right-aligned column title of a given display width. */
static void title(const char *s, int width)
{
	printf(" %*s%s", width - (int)mc_utf8_width(s), "", s);
}

int cmd_report_extracts(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *from = args_get(a, "from"), *to = args_get(a, "to");
	int64_t from_day = INT64_MIN, to_day;
	struct report_state rs = { ctx, { 0 }, 0 };
	char fbuf[16], tbuf[16];

	/* Up to today by default: nothing is issued in the future. */
	to_day = mc_local_day(ctx->now + (int64_t)mc_db_offset(ctx->db) * 60);
	if (from && mc_parse_date(from, &from_day) != MC_OK)
		return fail(MC_BAD_INPUT, _("from: \"%s\" is not a valid date"), from);
	if (to && mc_parse_date(to, &to_day) != MC_OK)
		return fail(MC_BAD_INPUT, _("to: \"%s\" is not a valid date"), to);
	if (ctx->format == FMT_CSV) {
		printf("date,birth,marriage,death,issues,copies,fees\n");
	} else if (ctx->format == FMT_JSON) {
		mc_format_date(to_day, tbuf, sizeof tbuf);
		if (from)
			mc_format_date(from_day, fbuf, sizeof fbuf);
		printf("{\"from\":");
		json_str(stdout, from ? fbuf : NULL);
		printf(",\"to\":\"%s\",\"days\":[", tbuf);
	} else {
		put_padded(stdout, _("DATE"), 10);
		title(_("BIRTH"), 6);
		title(_("MARRIAGE"), 9);
		title(_("DEATH"), 6);
		title(_("ISSUES"), 7);
		title(_("COPIES"), 7);
		title(_("FEES"), 10);
		putchar('\n');
	}
	mc_status st = mc_extract_report(ctx->db, from_day, to_day, on_day, &rs);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	if (ctx->format == FMT_JSON) {
		printf("],\"total\":");
		day_row(ctx, NULL, &rs.total, 0);
		printf("}\n");
	} else if (ctx->format == FMT_TEXT) {
		day_row(ctx, _("TOTAL"), &rs.total, 0);
	}
	return 0;
}

const struct mc_opt mc_report_extracts_opts[] = {
	{ "from", 0, OPT_VALUE, "DATE", N_("issued on or after DATE (default: from the first)") },
	{ "to", 0, OPT_VALUE, "DATE", N_("issued on or before DATE (default: today)") },
	{ NULL, 0, 0, NULL, NULL }
};
