/* motcua — report summary|dossiers: the office's figures and its tracking book. */
#include <stdio.h>
#include <stdlib.h>

#include "report-cmd.h"

/* --from/--to as a period of receipt days; prints the error. */
int parse_period(const struct mc_args *a, mc_period *p)
{
	if (args_date(a, "from", &p->from_day, &p->has_from) != 0 ||
	    args_date(a, "to", &p->to_day, &p->has_to) != 0)
		return mc_exit_code(MC_USAGE);
	if (p->has_from && p->has_to && p->from_day > p->to_day)
		return fail(MC_BAD_INPUT, _("--from %s is after --to %s"), args_get(a, "from"),
			    args_get(a, "to"));
	return 0;
}

/* ---- report summary ---- */

#define N_FIGURES (1 + MC_OUT_COUNT)

/* received, then the outcomes in the order of their keys. */
static int64_t figure(const mc_summary *s, int i)
{
	return i == 0 ? s->received : s->n[i - 1];
}

static const char *figure_key(int i)
{
	return i == 0 ? "received" : mc_outcome_name((mc_outcome)(i - 1));
}

static const char *const text_titles[N_FIGURES + 2] = {
	N_("RECEIVED"), N_("IN PROGRESS"), N_("ON TIME"), N_("LATE"), N_("OVERDUE"),
	N_("REJECTED"), N_("WITHDRAWN"), N_("STOPPED"), N_("ON-TIME RATE"), N_("RESCHEDULED"),
};

/*
 * The table's columns: the group (with --by), the figures and the rate,
 * as wide as their widest cell; the rate is a fraction for machines
 * ("0.8333") and a percentage for people ("83.33%"). The rescheduled
 * dossiers, counted among the others too, come last (a key added after
 * the first ones, which keep their order).
 */
void summary_columns(mc_printer *p, const char *group, const char *title)
{
	static struct pr_col cols[N_FIGURES + 5];
	int n = 0;
	if (group)
		cols[n++] = (struct pr_col){ group, title, 0, PR_AUTO, NULL, 0 };
	for (int i = 0; i < N_FIGURES; i++)
		cols[n++] = (struct pr_col){ figure_key(i), text_titles[i], 0, PR_AUTO | PR_RIGHT,
					     "  ", 0 };
	cols[n++] = (struct pr_col){ "on_time_rate", NULL, 0, PR_NOTEXT, NULL, 0 };
	/* 100.00% */
	cols[n++] = (struct pr_col){ "on_time_percent", text_titles[N_FIGURES], 7,
				     PR_AUTO | PR_RIGHT | PR_TEXT, "  ", 0 };
	cols[n++] = (struct pr_col){ "rescheduled", text_titles[N_FIGURES + 1], 0,
				     PR_AUTO | PR_RIGHT, "  ", 0 };
	cols[n] = (struct pr_col){ NULL, NULL, 0, 0, NULL, 0 };
	pr_columns(p, cols, 1);
}

struct summary {
	mc_printer *p;
	mc_report_by by;
	mc_summary total;
};

static const char *group_title(mc_report_by by)
{
	return by == MC_BY_NONE ? NULL : by == MC_BY_PROCEDURE ? N_("PROCEDURE")
		: by == MC_BY_CLERK ? N_("CLERK") : N_("CHANNEL");
}

void summary_row(mc_printer *p, const mc_summary *s, const char *group, const char *label)
{
	char rate[16], percent[16] = "-";
	int r = mc_summary_rate(s);
	if (r >= 0) {
		snprintf(rate, sizeof rate, "%d.%04d", r / 10000, r % 10000);
		snprintf(percent, sizeof percent, "%d.%02d%%", r / 100, r % 100);
	}
	pr_begin_map(p);
	if (group)
		pr_kstr(p, group, label);
	for (int i = 0; i < N_FIGURES; i++)
		pr_kint(p, figure_key(i), figure(s, i));
	pr_key(p, "on_time_rate");
	pr_number(p, r < 0 ? NULL : rate);
	pr_kint(p, "rescheduled", s->rescheduled);
	pr_only(p, PR_FOR(FMT_TEXT));
	pr_kstr(p, "on_time_percent", percent);
	pr_only(p, PR_ALL);
	pr_end(p);
}

/* Each group is a row; the total is the one row without --by. */
static int on_summary(const mc_summary *s, void *ud)
{
	struct summary *sm = ud;
	sm->total.received += s->received;
	for (int o = 0; o < MC_OUT_COUNT; o++)
		sm->total.n[o] += s->n[o];
	sm->total.rescheduled += s->rescheduled;
	if (sm->by != MC_BY_NONE)
		summary_row(sm->p, s, mc_report_by_name(sm->by), s->group);
	return 0;
}

/* The line above the table: which dossiers, counted when. */
static void summary_title(struct mc_ctx *ctx, mc_printer *pr, const mc_period *p)
{
	char f[16], t[16], now[24];
	mc_format_day_human(p->from_day, f, sizeof f);
	mc_format_day_human(p->to_day, t, sizeof t);
	mc_format_time_human(ctx->now, mc_db_offset(ctx->db), now, sizeof now);
	if (p->has_from && p->has_to)
		pr_text(pr, _("Dossiers received from %s to %s, as of %s\n"), f, t, now);
	else if (p->has_from)
		pr_text(pr, _("Dossiers received from %s, as of %s\n"), f, now);
	else if (p->has_to)
		pr_text(pr, _("Dossiers received up to %s, as of %s\n"), t, now);
	else
		pr_text(pr, _("All dossiers, as of %s\n"), now);
	pr_text(pr, "\n");
}

/* --chart FILE: its format from the file's ending, and whether the
 * grouping is one a chart draws. Prints the usage error. */
static int parse_chart(struct mc_ctx *ctx, const struct mc_args *a, mc_report_by by,
		       mc_chart_format *fmt)
{
	const char *path = args_get(a, "chart");
	if (!path)
		return 0;
	if (mc_chart_format_of(path, fmt) != MC_OK)
		return usage_error(ctx, _("--chart: \"%s\" does not end in .png, .svg or .pdf"), path);
	if (by != MC_BY_NONE && by != MC_BY_PROCEDURE)
		return usage_error(ctx, "%s", _("--chart: a chart is drawn by month, or with --by procedure"));
	return 0;
}

/*
 * The chart of --chart, drawn into its file (written under a temporary
 * name, *fp): the caller puts it in place once the summary is printed, or
 * abandons it. Returns the exit code, having printed the error.
 */
static int draw_chart(struct mc_ctx *ctx, const char *path, mc_chart_format fmt,
		      const mc_period *p, mc_report_by by, FILE **fp)
{
	mc_chart c;
	mc_status st = mc_chart_summary(ctx->db, p, by, &c);
	int rc;
	if (st == MC_BAD_INPUT)
		return fail(st, "--chart: %s", mc_errmsg(ctx->db));
	if (st != MC_OK)
		return report(ctx, st, NULL);
	if ((rc = create_output(path, fp)) != 0) {
		mc_chart_release(&c);
		return rc;
	}
	st = mc_chart_write(ctx->db, &c, fmt, *fp);
	mc_chart_release(&c);
	if (st != MC_OK) {
		abandon_output(*fp);
		*fp = NULL;
		return st == MC_IO ? fail(st, "%s: %s", path, mc_errmsg(ctx->db))
				   : report(ctx, st, NULL);
	}
	return 0;
}

/*
 * Without --by, the summary is one record (JSON: one object); with --by,
 * a list of the groups, which text closes with their total. The text
 * table is written at its end (its columns are as wide as their widest
 * cell), after the title.
 */
static int cmd_summary(struct mc_ctx *ctx, const struct mc_args *a)
{
	const char *by_names[] = { mc_report_by_name(MC_BY_PROCEDURE),
				   mc_report_by_name(MC_BY_CLERK),
				   mc_report_by_name(MC_BY_CHANNEL), NULL };
	/* -q has no one value to print here: it changes nothing. */
	struct summary sm = { pr_new(ctx->format, stdout, mc_db_offset(ctx->db)), MC_BY_NONE,
			      { NULL, 0, { 0 }, 0 } };
	mc_period p = MC_PERIOD_INIT;
	mc_checkpoint cp;
	mc_chart_format chart_fmt = MC_CHART_PNG;
	const char *chart = args_get(a, "chart");
	FILE *chart_fp = NULL;
	char *checkpoint = NULL;
	int by, rc = parse_period(a, &p);
	if (rc)
		return rc;
	if (args_enum(a, "by", by_names, -1, &by) != 0)
		return mc_exit_code(MC_USAGE);
	if (by >= 0)
		sm.by = (mc_report_by)(MC_BY_PROCEDURE + by);
	if ((rc = parse_chart(ctx, a, sm.by, &chart_fmt)) != 0)
		return rc;
	if (args_has(a, "checkpoint") && ctx->format != FMT_TEXT)
		return usage_error(ctx, _("--checkpoint: only with the text format (audit checkpoint --format json gives its fields)"));
	/* Taken first: a missing key prints no summary without its line. */
	if (args_has(a, "checkpoint") &&
	    (rc = mc_checkpoint_take(ctx->db, &cp, &checkpoint)) != MC_OK)
		return report(ctx, rc, NULL);
	/* The chart first: a chart that cannot be drawn prints no summary. */
	if (chart && (rc = draw_chart(ctx, chart, chart_fmt, &p, sm.by, &chart_fp)) != 0) {
		free(checkpoint);
		return rc;
	}
	summary_columns(sm.p, mc_report_by_name(sm.by), group_title(sm.by));
	if (sm.by != MC_BY_NONE)
		pr_begin_list(sm.p);
	mc_status st = mc_report_summary(ctx->db, &p, sm.by, on_summary, &sm);
	if (st != MC_OK) {
		free(checkpoint);
		if (chart_fp)
			abandon_output(chart_fp);
		return report(ctx, st, NULL);
	}
	summary_title(ctx, sm.p, &p);
	if (sm.by == MC_BY_NONE) {
		summary_row(sm.p, &sm.total, NULL, NULL);
	} else {
		pr_only(sm.p, PR_FOR(FMT_TEXT));
		summary_row(sm.p, &sm.total, mc_report_by_name(sm.by), _("total"));
		pr_only(sm.p, PR_ALL);
		pr_end(sm.p);
	}
	pr_text(sm.p, "\n%s\n%s\n", _("on-time rate = on time / (on time + late + overdue)"),
		_("rescheduled: also counted above; once finished, late"));
	if (checkpoint)
		pr_text(sm.p, "\n%s\n%s\n", _("Audit checkpoint (keep it elsewhere):"), checkpoint);
	free(checkpoint);
	/* The chart is put in place once the summary is printed whole. */
	rc = pr_close(sm.p, NULL);
	if (chart_fp && rc)
		abandon_output(chart_fp);
	else if (chart_fp)
		rc = close_output(chart_fp, chart);
	return rc;
}

/* ---- report dossiers: the tracking book ---- */

struct book_job {
	mc_period p;
	const char *out;
	mc_printer *pr;
	int64_t *rows;
};

static int book_row(const mc_report_row *r, void *ud)
{
	struct book_job *j = ud;
	mc_printer *p = j->pr;
	pr_begin_map(p);
	pr_kstr(p, "code", r->code);
	pr_kstr(p, "procedure", r->procedure);
	pr_kstr(p, "applicant", r->applicant);
	pr_kstr(p, "address", r->address);
	pr_kstr(p, "phone", r->phone);
	pr_ktime(p, "received_at", r->received_at);
	pr_ktime(p, "due_at", r->due_at);
	pr_ktime(p, "finished_at", r->finished_at);
	pr_ktime(p, "returned_at", r->returned_at);
	pr_kstr(p, "delivery", r->delivery);
	pr_klabel(p, "status", mc_dossier_status_info(r->status)->name, mc_status_word(r->status));
	pr_kbool(p, "on_time", r->outcome == MC_OUT_ON_TIME ? 1 : r->outcome == MC_OUT_LATE ? 0 : -1);
	pr_kstr(p, "outcome", mc_outcome_name(r->outcome));
	pr_end(p);
	(*j->rows)++;
	/* A write error (a full disk) stops the export at once. */
	return ferror(pr_file(p)) != 0;
}

/* The book's columns headed as the paper book (form 07 of Circular
 * 01/2018/TT-VPCP) heads them, in an -o file: Vietnamese, as the form.
 * The columns that the form has not (finished_at, delivery, status,
 * on_time, outcome) have titles in its words. */
static const char *const book_titles[] = {
	"Mã hồ sơ", "Mã TTHC", "Tên cá nhân, tổ chức", "Địa chỉ", "Số điện thoại",
	"Nhận hồ sơ", "Hẹn trả kết quả", "Có kết quả", "Trả kết quả",
	"Phương thức nhận kết quả", "Trạng thái", "Đúng hạn", "Tình hình giải quyết"
};

/* CSV whatever --format and -q say: the book is a file for a spreadsheet,
 * one row at a time (the printer keeps none); then its record in
 * data_exports (run_export). */
static int write_book(struct mc_ctx *ctx, void *ud, int64_t *rows)
{
	static const struct pr_col cols[] = {
		{ "code", NULL, 0, 0, NULL, 0 }, { "procedure", NULL, 0, 0, NULL, 0 },
		{ "applicant", NULL, 0, 0, NULL, 0 }, { "address", NULL, 0, 0, NULL, 0 },
		{ "phone", NULL, 0, 0, NULL, 0 }, { "received_at", NULL, 0, 0, NULL, 0 },
		{ "due_at", NULL, 0, 0, NULL, 0 }, { "finished_at", NULL, 0, 0, NULL, 0 },
		{ "returned_at", NULL, 0, 0, NULL, 0 }, { "delivery", NULL, 0, 0, NULL, 0 },
		{ "status", NULL, 0, 0, NULL, 0 }, { "on_time", NULL, 0, 0, NULL, 0 },
		{ "outcome", NULL, 0, 0, NULL, 0 }, { NULL, NULL, 0, 0, NULL, 0 }
	};
	struct book_job *j = ud;
	FILE *fp;
	int rc;
	j->rows = rows;
	if ((rc = create_output(j->out, &fp)) != 0)
		return rc;
	j->pr = pr_new(FMT_CSV, fp, mc_db_offset(ctx->db));
	pr_columns(j->pr, cols, 1);
	pr_csv_titles(j->pr, book_titles);
	pr_begin_list(j->pr);
	mc_status st = mc_report_book(ctx->db, &j->p, book_row, j);
	pr_end(j->pr);
	rc = report(ctx, st, NULL);
	int crc = pr_close(j->pr, j->out);
	return rc ? rc : crc;
}

static int cmd_dossiers(struct mc_ctx *ctx, const struct mc_args *a)
{
	struct book_job j = { MC_PERIOD_INIT, args_get(a, "output"), NULL, NULL };
	int rc = parse_period(a, &j.p);
	return rc ? rc : run_export(ctx, a, j.out, write_book, &j);
}

static const struct mc_opt summary_opts[] = {
	{ "from", 0, OPT_VALUE, "DATE", N_("dossiers received on or after DATE") },
	{ "to", 0, OPT_VALUE, "DATE", N_("dossiers received on or before DATE") },
	{ "by", 0, OPT_VALUE, "GROUP", N_("one row per procedure, clerk or channel") },
	{ "checkpoint", 0, OPT_FLAG, NULL, N_("end with a signed checkpoint of the audit chain (audit checkpoint)") },
	{ "chart", 0, OPT_VALUE, "FILE", N_("also draw the figures as a chart in FILE (.png, .svg or .pdf)") },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct mc_opt dossiers_opts[] = {
	{ "from", 0, OPT_VALUE, "DATE", N_("dossiers received on or after DATE") },
	{ "to", 0, OPT_VALUE, "DATE", N_("dossiers received on or before DATE") },
	{ "output", 'o', OPT_VALUE, "FILE", N_("write the book to FILE") },
	{ NULL, 0, 0, NULL, NULL }
};

const struct mc_subcommand mc_report_subs[] = {
	{ "summary", cmd_summary, NEED_READ, summary_opts, 0, 0,
	  "[--from DATE] [--to DATE] [--by procedure|clerk|channel] [--checkpoint] [--chart FILE]",
	  N_("count dossiers received, on time, late, overdue..."),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "dossiers", cmd_dossiers, NEED_WRITE, dossiers_opts, 0, 0,
	  "[--from DATE] [--to DATE] [-o FILE]",
	  N_("the tracking book (form 07) as CSV, one row per dossier"), 1u << FMT_CSV },
	{ "extracts", cmd_report_extracts, NEED_READ, mc_report_extracts_opts, 0, 0,
	  "[--from DATE] [--to DATE] [-o FILE]",
	  N_("extracts issued and fees collected, per day"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ 0 }
};
