/* motcua — report summary|dossiers: the office's figures and its tracking book. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* --from/--to as a period of receipt days; prints the error. */
static int parse_period(const struct mc_args *a, mc_period *p)
{
	const char *from = args_get(a, "from"), *to = args_get(a, "to");
	if (from && mc_parse_date(from, &p->from_day) != MC_OK)
		return fail(MC_BAD_INPUT, _("from: \"%s\" is not a valid date"), from);
	if (to && mc_parse_date(to, &p->to_day) != MC_OK)
		return fail(MC_BAD_INPUT, _("to: \"%s\" is not a valid date"), to);
	p->has_from = from != NULL;
	p->has_to = to != NULL;
	if (from && to && p->from_day > p->to_day)
		return fail(MC_BAD_INPUT, _("--from %s is after --to %s"), from, to);
	return 0;
}

/* ---- report summary ---- */

struct summary_rows {
	mc_summary *v;
	char **groups;
	size_t n;
	int oom;
};

static int collect(const mc_summary *s, void *ud)
{
	struct summary_rows *rows = ud;
	mc_summary *v = realloc(rows->v, (rows->n + 1) * sizeof *v);
	char **g = v ? realloc(rows->groups, (rows->n + 1) * sizeof *g) : NULL;
	if (v)
		rows->v = v;
	if (g)
		rows->groups = g;
	if (!v || !g || (s->group && !(g[rows->n] = strdup(s->group)))) {
		rows->oom = 1;
		return 1;
	}
	if (!s->group)
		g[rows->n] = NULL;
	v[rows->n] = *s;
	v[rows->n].group = g[rows->n];
	rows->n++;
	return 0;
}

static void rows_release(struct summary_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		free(rows->groups[i]);
	free(rows->groups);
	free(rows->v);
}

/* The rate as "0.8333" (JSON, CSV) or "83.33%" (text); "" when unknown. */
static void format_rate(const mc_summary *s, int percent, char *buf, size_t n)
{
	int r = mc_summary_rate(s);
	if (r < 0)
		snprintf(buf, n, "%s", "");
	else if (percent)
		snprintf(buf, n, "%d.%02d%%", r / 100, r % 100);
	else
		snprintf(buf, n, "%d.%04d", r / 10000, r % 10000);
}

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

static void summary_csv(const struct summary_rows *rows, mc_report_by by)
{
	const char *cells[N_FIGURES + 2];
	char nums[N_FIGURES][24], rate[16];
	size_t k = 0;
	if (by != MC_BY_NONE)
		cells[k++] = mc_report_by_name(by);
	for (int i = 0; i < N_FIGURES; i++)
		cells[k++] = figure_key(i);
	cells[k++] = "on_time_rate";
	mc_csv_write_row(stdout, cells, k);
	for (size_t r = 0; r < rows->n; r++) {
		const mc_summary *s = &rows->v[r];
		k = 0;
		if (by != MC_BY_NONE)
			cells[k++] = s->group;
		for (int i = 0; i < N_FIGURES; i++) {
			snprintf(nums[i], sizeof nums[i], "%lld", (long long)figure(s, i));
			cells[k++] = nums[i];
		}
		format_rate(s, 0, rate, sizeof rate);
		cells[k++] = rate;
		mc_csv_write_row(stdout, cells, k);
	}
}

static void summary_json_one(const mc_summary *s, mc_report_by by)
{
	char rate[16];
	putchar('{');
	if (by != MC_BY_NONE) {
		printf("\"%s\":", mc_report_by_name(by));
		json_str(stdout, s->group);
		putchar(',');
	}
	for (int i = 0; i < N_FIGURES; i++)
		printf("\"%s\":%lld,", figure_key(i), (long long)figure(s, i));
	format_rate(s, 0, rate, sizeof rate);
	printf("\"on_time_rate\":%s}", *rate ? rate : "null");
}

static void summary_json(const struct summary_rows *rows, mc_report_by by)
{
	if (by == MC_BY_NONE) {
		summary_json_one(&rows->v[0], by);
		putchar('\n');
		return;
	}
	putchar('[');
	for (size_t r = 0; r < rows->n; r++) {
		fputs(r ? "," : "", stdout);
		summary_json_one(&rows->v[r], by);
	}
	printf("]\n");
}

/* The line above the table: which dossiers, counted when. */
static void summary_title(struct mc_ctx *ctx, const mc_period *p)
{
	char f[16], t[16], now[24];
	mc_format_date(p->from_day, f, sizeof f);
	mc_format_date(p->to_day, t, sizeof t);
	mc_format_datetime(ctx->now, mc_db_offset(ctx->db), now, sizeof now);
	if (p->has_from && p->has_to)
		printf(_("Dossiers received from %s to %s, as of %s\n"), f, t, now);
	else if (p->has_from)
		printf(_("Dossiers received from %s, as of %s\n"), f, now);
	else if (p->has_to)
		printf(_("Dossiers received up to %s, as of %s\n"), t, now);
	else
		printf(_("All dossiers, as of %s\n"), now);
}

static const char *const text_titles[N_FIGURES + 1] = {
	N_("RECEIVED"), N_("IN PROGRESS"), N_("ON TIME"), N_("LATE"), N_("OVERDUE"),
	N_("REJECTED"), N_("WITHDRAWN"), N_("STOPPED"), N_("ON-TIME RATE"),
};

/* A cell right-aligned in `width` display columns, after two blanks. */
static void put_right(const char *s, int width)
{
	printf("  %*s%s", width - (int)mc_utf8_width(s), "", s);
}

static void text_row(const mc_summary *s, const char *label, int gw, const int *w)
{
	char num[24], rate[16];
	if (label)
		put_padded(stdout, label, gw);
	for (int i = 0; i < N_FIGURES; i++) {
		snprintf(num, sizeof num, "%lld", (long long)figure(s, i));
		put_right(num, w[i]);
	}
	format_rate(s, 1, rate, sizeof rate);
	put_right(*rate ? rate : "-", w[N_FIGURES]);
	putchar('\n');
}

static void summary_text(struct mc_ctx *ctx, const mc_period *p,
			 const struct summary_rows *rows, mc_report_by by)
{
	mc_summary total = { NULL, 0, { 0 } };
	int w[N_FIGURES + 1], gw = 0;
	char num[24];
	const char *group_title = by == MC_BY_PROCEDURE ? _("PROCEDURE") :
				  by == MC_BY_CLERK ? _("CLERK") : _("CHANNEL");

	for (size_t r = 0; r < rows->n; r++) {
		total.received += rows->v[r].received;
		for (int o = 0; o < MC_OUT_COUNT; o++)
			total.n[o] += rows->v[r].n[o];
	}
	for (int i = 0; i <= N_FIGURES; i++) {
		w[i] = (int)mc_utf8_width(_(text_titles[i]));
		if (i < N_FIGURES) {
			int n = snprintf(num, sizeof num, "%lld", (long long)figure(&total, i));
			w[i] = n > w[i] ? n : w[i];
		} else if (w[i] < 7) {
			w[i] = 7;       /* 100.00% */
		}
	}
	if (by != MC_BY_NONE) {
		gw = (int)mc_utf8_width(group_title);
		if ((int)mc_utf8_width(_("total")) > gw)
			gw = (int)mc_utf8_width(_("total"));
		for (size_t r = 0; r < rows->n; r++)
			if ((int)mc_utf8_width(rows->v[r].group) > gw)
				gw = (int)mc_utf8_width(rows->v[r].group);
	}

	summary_title(ctx, p);
	putchar('\n');
	if (by != MC_BY_NONE)
		put_padded(stdout, group_title, gw);
	for (int i = 0; i <= N_FIGURES; i++)
		put_right(_(text_titles[i]), w[i]);
	putchar('\n');
	for (size_t r = 0; by != MC_BY_NONE && r < rows->n; r++)
		text_row(&rows->v[r], rows->v[r].group, gw, w);
	text_row(&total, by != MC_BY_NONE ? _("total") : NULL, gw, w);
	printf("\n%s\n", _("on-time rate = on time / (on time + late + overdue)"));
}

static int cmd_summary(struct mc_ctx *ctx, const struct mc_args *a)
{
	mc_period p = MC_PERIOD_INIT;
	mc_report_by by = MC_BY_NONE;
	struct summary_rows rows = { 0 };
	const char *b = args_get(a, "by");
	int rc = parse_period(a, &p);
	if (rc)
		return rc;
	if (b && mc_report_by_parse(b, &by) != MC_OK)
		return usage_error(ctx, _("--by: \"%s\" is not procedure, clerk or channel"), b);
	mc_status st = mc_report_summary(ctx->db, &p, by, collect, &rows);
	if (st == MC_OK && rows.oom)
		st = MC_NOMEM;
	if (st != MC_OK) {
		rows_release(&rows);
		return report(ctx, st, NULL);
	}
	if (ctx->format == FMT_CSV)
		summary_csv(&rows, by);
	else if (ctx->format == FMT_JSON)
		summary_json(&rows, by);
	else
		summary_text(ctx, &p, &rows, by);
	rows_release(&rows);
	return 0;
}

/* ---- report dossiers: the tracking book ---- */

struct book {
	FILE *fp;
	int off;
};

static void iso_or_empty(mc_time t, int off, char *buf, size_t n)
{
	if (t == MC_TIME_NONE)
		*buf = '\0';
	else
		mc_format_iso(t, off, buf, n);
}

static int book_row(const mc_report_row *r, void *ud)
{
	struct book *b = ud;
	char rec[32], due[32], fin[32], ret[32];
	iso_or_empty(r->received_at, b->off, rec, sizeof rec);
	iso_or_empty(r->due_at, b->off, due, sizeof due);
	iso_or_empty(r->finished_at, b->off, fin, sizeof fin);
	iso_or_empty(r->returned_at, b->off, ret, sizeof ret);
	const char *row[] = {
		r->code, r->procedure, r->applicant, r->address, r->phone, rec, due, fin,
		ret, r->delivery, mc_dossier_status_info(r->status)->name,
		r->outcome == MC_OUT_ON_TIME ? "true" : r->outcome == MC_OUT_LATE ? "false" : "",
		mc_outcome_name(r->outcome),
	};
	/* A write error (a full disk) stops the export at once. */
	return mc_csv_write_row(b->fp, row, sizeof row / sizeof row[0]) != 0;
}

static int cmd_dossiers(struct mc_ctx *ctx, const struct mc_args *a)
{
	static const char *const header[] = {
		"code", "procedure", "applicant", "address", "phone", "received_at", "due_at",
		"finished_at", "returned_at", "delivery", "status", "on_time", "outcome",
	};
	mc_period p = MC_PERIOD_INIT;
	const char *out = args_get(a, "output");
	int rc = parse_period(a, &p);
	if (rc)
		return rc;
	struct book b = { open_output(out), mc_db_offset(ctx->db) };
	if (!b.fp)
		return 73;
	mc_csv_write_row(b.fp, header, sizeof header / sizeof header[0]);
	mc_status st = mc_report_book(ctx->db, &p, book_row, &b);
	rc = report(ctx, st, NULL);
	int crc = b.fp == stdout ? 0 : close_output(b.fp, out);
	return rc ? rc : crc;
}

static const struct mc_opt summary_opts[] = {
	{ "from", 0, OPT_VALUE, "DATE", N_("dossiers received on or after DATE") },
	{ "to", 0, OPT_VALUE, "DATE", N_("dossiers received on or before DATE") },
	{ "by", 0, OPT_VALUE, "GROUP", N_("one row per procedure, clerk or channel") },
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
	  "[--from DATE] [--to DATE] [--by procedure|clerk|channel]",
	  N_("count dossiers received, on time, late, overdue..."),
	  (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ "dossiers", cmd_dossiers, NEED_READ, dossiers_opts, 0, 0,
	  "[--from DATE] [--to DATE] [-o FILE]",
	  N_("the tracking book (form 07) as CSV, one row per dossier"), 1u << FMT_CSV },
	{ "extracts", cmd_report_extracts, NEED_READ, mc_report_extracts_opts, 0, 0,
	  "[--from DATE] [--to DATE]",
	  N_("extracts issued and fees collected, per day"), (1u << FMT_JSON) | (1u << FMT_CSV) },
	{ 0 }
};
