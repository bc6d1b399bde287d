/* motcua — holiday list|add|import and calendar due. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static const char *const source_names[] = { "holiday", "makeup", "office", "workday" };

struct list_state {
	struct mc_ctx *ctx;
	int n;
};

static int list_one(const mc_holiday_entry *h, void *ud)
{
	static const char *const weekdays[] = { "CN", "T2", "T3", "T4", "T5", "T6", "T7" };
	struct list_state *ls = ud;
	char date[16];
	const char *kind = h->source == MC_WORKDAY_OFFICE ? "workday" : "holiday";
	mc_format_date(h->day, date, sizeof date);
	switch (ls->ctx->format) {
	case FMT_CSV: {
		const char *row[] = { date, h->name, kind };
		mc_csv_write_row(stdout, row, 3);
		break;
	}
	case FMT_JSON:
		printf("%s{\"date\":\"%s\",\"name\":", ls->n ? "," : "", date);
		json_str(stdout, h->name);
		printf(",\"kind\":\"%s\",\"source\":\"%s\"}", kind, source_names[h->source]);
		break;
	default:
		printf("%s %s  %-8s %s\n", date, weekdays[mc_weekday(h->day)],
		       source_names[h->source], h->name);
	}
	ls->n++;
	return 0;
}

static int cmd_list(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct list_state ls = { ctx, 0 };
	int y, m, d;
	long year;
	mc_civil_from_days(mc_local_day(ctx->now + (int64_t)mc_db_offset(ctx->db) * 60), &y, &m, &d);
	if (args_long(a, "year", 1900, 2199, y, &year) != 0)
		return 2;
	if (ctx->format == FMT_CSV)
		printf("date,name,kind\n");
	if (ctx->format == FMT_JSON)
		printf("[");
	mc_status st = mc_holiday_each(ctx->db, (int)year, list_one, &ls);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	if (ctx->format == FMT_JSON)
		printf("]\n");
	return 0;
}

static int cmd_add(struct mc_ctx *ctx, const struct mc_args *a)
{
	int64_t day;
	if (mc_parse_date(a->pos[0], &day) != MC_OK)
		return fail(MC_BAD_INPUT, _("date: \"%s\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"),
			    a->pos[0]);
	mc_status st = mc_db_begin(ctx->db);
	if (st == MC_OK)
		st = mc_holiday_set(ctx->db, day, args_has(a, "workday"),
				    args_get(a, "name") ? args_get(a, "name") : "");
	if (st == MC_OK)
		st = mc_db_commit(ctx->db);
	return report(ctx, st, NULL);
}

static mc_status import_holidays(mc_db *db, FILE *fp, const char *name,
				 char **report, void *ud)
{
	return mc_holiday_import(db, fp, name, (long *)ud, report);
}

static int cmd_import(struct mc_ctx *ctx, const struct mc_args *a)
{
	long count = 0;
	int rc = run_import(ctx, a->pos[0], import_holidays, &count);
	if (rc == 0 && !ctx->quiet)
		printf(P_("%ld day recorded\n", "%ld days recorded\n", count), count);
	return rc;
}

static int cmd_due(struct mc_ctx *ctx, const struct mc_args *a)
{
	int off = mc_db_offset(ctx->db);
	int64_t offs = (int64_t)off * 60, due, eff;
	const char *from_s = args_get(a, "from");
	mc_time from = ctx->now;
	mc_calendar cal;
	long days;
	char buf[40];

	if (!args_has(a, "days"))
		return usage_error(ctx, _("--days is required"));
	if (args_long(a, "days", 0, 365, 0, &days) != 0)
		return 2;
	if (from_s && mc_parse_datetime(from_s, off, &from) != MC_OK)
		return fail(MC_BAD_INPUT, _("from: \"%s\" is not a date and time (YYYY-MM-DD HH:MM)"), from_s);
	mc_status st = mc_db_calendar(ctx->db, &cal);
	if (st == MC_OK)
		st = mc_calendar_due(&cal, from + offs, (int)days, &due, &eff);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	if (ctx->format == FMT_JSON) {
		printf("{\"from\":");
		json_time(stdout, from, off);
		printf(",\"counted_from\":");
		json_time(stdout, eff - offs, off);
		printf(",\"days\":%ld,\"due\":", days);
		json_time(stdout, due - offs, off);
		printf("}\n");
		return 0;
	}
	mc_format_datetime(due - offs, off, buf, sizeof buf);
	printf("%s\n", buf);
	return 0;
}

static const struct mc_opt list_opts[] = {
	{ "year", 0, OPT_VALUE, "YYYY", N_("the year to list (default: this year)") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt add_opts[] = {
	{ "name", 0, OPT_VALUE, "TEXT", N_("what the day is") },
	{ "workday", 0, OPT_FLAG, NULL, N_("a working day swapped in (a Saturday worked)") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_holiday_subs[] = {
	{ "list", cmd_list, NEED_READ, list_opts, 0, 0, "[--year YYYY]",
	  N_("list the holidays, make-up days and swapped working days of a year"),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "add", cmd_add, NEED_WRITE, add_opts, 1, 1, "DATE [--name TEXT] [--workday]",
	  N_("record a day off, or with --workday a working day"), 0 },
	{ "import", cmd_import, NEED_WRITE, NULL, 1, 1, "FILE.csv|-",
	  N_("record days from CSV (date,name,kind)"), 0 },
	{ 0 }
};

static const struct mc_opt due_opts[] = {
	{ "from", 0, OPT_VALUE, "\"YYYY-MM-DD HH:MM\"", N_("the time of receipt (default: now)") },
	{ "days", 0, OPT_VALUE, "N", N_("working days (0: same day)") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_calendar_subs[] = {
	{ "due", cmd_due, NEED_READ, due_opts, 0, 0, "[--from \"YYYY-MM-DD HH:MM\"] --days N",
	  N_("print the due time of a receipt"), 1u << FMT_JSON },
	{ 0 }
};
