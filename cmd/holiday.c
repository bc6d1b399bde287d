/* motcua — holiday list|add|import and calendar due. */

#include "cmd.h"

static const char *const source_names[] = { "holiday", "makeup", "office", "workday" };
/* The same for people: a national holiday, its make-up day off, a day off
 * that the office recorded, a weekend day worked in exchange. */
static const char *const source_words[] = {
	NC_("holiday kind", "holiday"), NC_("holiday kind", "makeup"),
	NC_("holiday kind", "office"), NC_("holiday kind", "workday"),
};

static int list_one(const mc_holiday_entry *h, void *ud)
{
	static const char *const weekdays[] = {
		NC_("weekday", "Sun"), NC_("weekday", "Mon"), NC_("weekday", "Tue"),
		NC_("weekday", "Wed"), NC_("weekday", "Thu"), NC_("weekday", "Fri"),
		NC_("weekday", "Sat"),
	};
	static const char *const quiet_days[] = { "CN", "T2", "T3", "T4", "T5", "T6", "T7" };
	mc_printer *pr = ud;
	pr_begin_map(pr);
	pr_key(pr, "date");
	pr_date(pr, h->day);
	pr_kstr(pr, "name", h->name);
	pr_kstr(pr, "kind", h->source == MC_WORKDAY_OFFICE ? "workday" : "holiday");
	pr_klabel(pr, "source", source_names[h->source], mc_ncgettext(source_words[h->source]));
	/* -q keeps the Vietnamese abbreviations it always printed. */
	pr_kcell(pr, "weekday", pr_format(pr) == FMT_TEXT ?
		 mc_ncgettext(weekdays[mc_weekday(h->day)]) : quiet_days[mc_weekday(h->day)]);
	pr_end(pr);
	return 0;
}

static int cmd_list(struct mc_ctx *ctx, const struct mc_args *a)
{
	/* Text: date, weekday, source, name. */
	static const struct pr_col cols[] = {
		{ "date", NULL, 0, 0, NULL, 1 },
		{ "name", NULL, 0, PR_LAST, " ", 4 },
		{ "kind", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "source", NULL, 8, PR_NOCSV, "  ", 3 },
		{ "weekday", NULL, 0, PR_TEXT, " ", 2 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	int y, m, d, rc;
	long year;
	mc_civil_from_days(mc_day_at(ctx->now, mc_db_offset(ctx->db)), &y, &m, &d);
	if ((rc = args_long(a, "year", MC_CALENDAR_FIRST_YEAR, MC_CALENDAR_LAST_YEAR, y, &year)) != 0)
		return rc;
	mc_printer *pr = cmd_printer(ctx, stdout);
	pr_columns(pr, cols, 1);
	pr_begin_list(pr);
	mc_status st = mc_holiday_each(ctx->db, (int)year, list_one, pr);
	pr_end(pr);
	return st != MC_OK ? report(ctx, st, NULL) : pr_close(pr, NULL);
}

static int cmd_add(struct mc_ctx *ctx, const struct mc_args *a)
{
	int64_t day;
	if (mc_parse_date(a->pos[0], &day) != MC_OK)
		return fail(MC_BAD_INPUT, _("date: \"%s\" is not a valid date (YYYY-MM-DD or DD/MM/YYYY)"),
			    a->pos[0]);
	if (!mc_calendar_supports(day))
		return fail(MC_BAD_INPUT, _("date: \"%s\" is not in the years the calendar supports (%d to %d)"),
			    a->pos[0], MC_CALENDAR_FIRST_YEAR, MC_CALENDAR_LAST_YEAR);
	const char *name = args_get(a, "name");
	return report(ctx, mc_holiday_set(ctx->db, day, args_has(a, "workday"), name ? name : ""),
		      NULL);
}

struct import_counts {
	long days, joined;
};

static mc_status import_holidays(mc_db *db, FILE *fp, const char *name,
				 char **report, void *ud)
{
	struct import_counts *c = ud;
	return mc_holiday_import(db, fp, name, &c->days, &c->joined, report);
}

/* The import and its count, one act (cmd_atomic). */
static int import_and_tell(struct mc_ctx *ctx, void *ud)
{
	const struct mc_args *a = ud;
	struct import_counts c = { 0, 0 };
	int rc = run_import(ctx, a->pos[0], import_holidays, &c);
	if (rc)
		return rc;
	mc_printer *pr = cmd_printer(ctx, stdout);
	pr_text(pr, P_("%ld day recorded", "%ld days recorded", c.days), c.days);
	import_joined(pr, c.joined);
	pr_text(pr, "\n");
	return pr_close(pr, NULL);
}

static int cmd_import(struct mc_ctx *ctx, const struct mc_args *a)
{
	return cmd_atomic(ctx, import_and_tell, (void *)a);
}

/* ---- calendar due ---- */

static int cmd_due(struct mc_ctx *ctx, const struct mc_args *a)
{
	/* Text: the due time alone. */
	static const struct pr_col cols[] = {
		{ "from", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "counted_from", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "days", NULL, 0, PR_NOTEXT, NULL, 0 },
		{ "due", NULL, 0, PR_LAST, NULL, 0 },
		{ NULL, NULL, 0, 0, NULL, 0 }
	};
	int off = mc_db_offset(ctx->db), given, rc;
	mc_time from = ctx->now, due, counted;
	mc_calendar cal;
	long days;

	if (!args_has(a, "days"))
		return usage_error(ctx, _("--days is required"));
	if ((rc = args_long(a, "days", 0, 365, 0, &days)) != 0 ||
	    (rc = args_datetime(a, "from", off, &from, &given)) != 0)
		return rc;
	mc_status st = mc_db_calendar(ctx->db, &cal);
	if (st == MC_OK)
		st = mc_calendar_due_at(&cal, off, from, (int)days, &due, &counted);
	if (st != MC_OK)
		return report(ctx, st, NULL);
	mc_printer *pr = cmd_printer(ctx, stdout);
	pr_columns(pr, cols, 0);
	pr_begin_map(pr);
	pr_ktime(pr, "from", from);
	pr_ktime(pr, "counted_from", counted);
	pr_kint(pr, "days", days);
	pr_ktime(pr, "due", due);
	pr_end(pr);
	return pr_close(pr, NULL);
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
