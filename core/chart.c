/* motcua — the figures of report summary gathered for a chart
 * (core/chart.h), by month or by procedure, with the chart's texts. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chart.h"
#include "db-private.h"
#include "document.h"
#include "i18n.h"
#include "settings.h"
#include "text.h"

mc_status mc_chart_format_of(const char *path, mc_chart_format *fmt)
{
	static const char *const ends[] = { ".png", ".svg", ".pdf" };
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (dot && strchr(dot, '/'))
		dot = NULL;
	for (int i = 0; dot && i < 3; i++) {
		if (strcasecmp(dot, ends[i]) == 0) {
			*fmt = (mc_chart_format)i;
			return MC_OK;
		}
	}
	return MC_BAD_INPUT;
}

/* The groups as the book's rows fill them: months by their number
 * (year * 12 + month - 1), procedures by their code. */
struct gather {
	mc_db *db;
	mc_report_by by;
	int offset;
	mc_chart_group *g;
	int64_t *month;         /* the month of each group (by month) */
	size_t n, cap;
	int oom;
};

static int64_t month_of(int64_t day)
{
	int y, m, d;
	mc_civil_from_days(day, &y, &m, &d);
	return (int64_t)y * 12 + (m - 1);
}

static char *dup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(s = malloc((size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* A new group at the end, labelled later (months) or now (procedures). */
static mc_chart_group *add_group(struct gather *ga, int64_t month, char *label)
{
	if (ga->n == ga->cap) {
		size_t cap = ga->cap ? 2 * ga->cap : 16;
		mc_chart_group *g = realloc(ga->g, cap * sizeof *g);
		int64_t *m = g ? realloc(ga->month, cap * sizeof *m) : NULL;
		if (g)
			ga->g = g;
		if (!m) {
			free(label);
			ga->oom = 1;
			return NULL;
		}
		ga->month = m;
		ga->cap = cap;
	}
	ga->month[ga->n] = month;
	ga->g[ga->n] = (mc_chart_group){ label, { 0 } };
	return &ga->g[ga->n++];
}

static mc_chart_group *group_of(struct gather *ga, const mc_report_row *r)
{
	if (ga->by == MC_BY_NONE) {
		int64_t m = month_of(mc_day_at(r->received_at, ga->offset));
		/* The book comes in the order of receipt: a month is the last
		 * group or a new one. */
		if (ga->n && ga->month[ga->n - 1] == m)
			return &ga->g[ga->n - 1];
		return add_group(ga, m, NULL);
	}
	for (size_t i = 0; i < ga->n; i++)
		if (strncmp(ga->g[i].label, r->procedure, strlen(r->procedure)) == 0 &&
		    ga->g[i].label[strlen(r->procedure)] == '\n')
			return &ga->g[i];
	/* The code on a line of its own, the name under it. */
	char *label = dup_printf("%s\n%s", r->procedure, r->procedure_name);
	if (!label) {
		ga->oom = 1;
		return NULL;
	}
	return add_group(ga, 0, label);
}

static int count_row(const mc_report_row *r, void *ud)
{
	struct gather *ga = ud;
	mc_chart_group *g = group_of(ga, r);
	if (!g)
		return 1;
	g->v[MC_SERIES_RECEIVED]++;
	if (r->outcome == MC_OUT_ON_TIME)
		g->v[MC_SERIES_ON_TIME]++;
	else if (r->outcome == MC_OUT_LATE)
		g->v[MC_SERIES_LATE]++;
	else if (r->outcome == MC_OUT_OVERDUE)
		g->v[MC_SERIES_OVERDUE]++;
	return 0;
}

/* Every month of the period, those without a dossier too, labelled. */
static mc_status months(struct gather *ga, const mc_period *p, mc_chart *c)
{
	int64_t first = p->has_from ? month_of(p->from_day) : ga->n ? ga->month[0] : 0;
	int64_t last = p->has_to ? month_of(p->to_day) : month_of(mc_day_at(c->created, ga->offset));
	size_t n = 0;
	if (!p->has_from && !ga->n)
		return MC_OK;
	if (ga->n && ga->month[ga->n - 1] > last)
		last = ga->month[ga->n - 1];
	if (last < first)       /* a period that starts after today */
		last = first;
	if (last - first + 1 > MC_CHART_GROUPS)
		return mc_db_fail(ga->db, MC_BAD_INPUT,
				  _("the period has %lld months, and a chart shows at most %d (choose them with --from and --to)"),
				  (long long)(last - first + 1), MC_CHART_GROUPS);
	if (!(c->groups = calloc((size_t)(last - first + 1), sizeof *c->groups)))
		return MC_NOMEM;
	for (int64_t m = first; m <= last; m++, c->n_groups++) {
		mc_chart_group *g = &c->groups[c->n_groups];
		if (n < ga->n && ga->month[n] == m)
			*g = ga->g[n++];
		if (!(g->label = dup_printf("Tháng %d/%lld", (int)(m % 12) + 1, (long long)(m / 12))))
			return MC_NOMEM;
	}
	return MC_OK;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const mc_chart_group *)a)->label, ((const mc_chart_group *)b)->label);
}

static int by_received(const void *a, const void *b)
{
	const mc_chart_group *x = *(mc_chart_group *const *)a, *y = *(mc_chart_group *const *)b;
	if (x->v[0] != y->v[0])
		return x->v[0] < y->v[0] ? 1 : -1;
	return strcmp(x->label, y->label);
}

/* The procedures in the order of their codes; beyond MC_CHART_GROUPS,
 * those that received least share the last group. */
static mc_status procedures(struct gather *ga, mc_chart *c)
{
	mc_chart_group **rank, *other;
	size_t keep = ga->n <= MC_CHART_GROUPS ? ga->n : MC_CHART_GROUPS - 1;
	if (ga->n > 0) /* no dossiers: ga->g may be NULL, which qsort may not take */
		qsort(ga->g, ga->n, sizeof *ga->g, by_code);
	if (!(c->groups = calloc(keep + 1, sizeof *c->groups)) ||
	    !(rank = malloc((ga->n + 1) * sizeof *rank)))
		return MC_NOMEM;
	/* From here the labels are the chart's, or freed. */
	size_t n = ga->n;
	ga->n = 0;
	for (size_t i = 0; i < n; i++)
		rank[i] = &ga->g[i];
	if (n > 0)
		qsort(rank, n, sizeof *rank, by_received);
	other = keep < n ? &c->groups[keep] : NULL;
	for (size_t i = keep; i < n; i++) {
		for (int s = 0; s < MC_SERIES_COUNT; s++)
			other->v[s] += rank[i]->v[s];
		rank[i]->v[0] = -1;     /* folded */
	}
	free(rank);
	for (size_t i = 0; i < n; i++) {
		if (ga->g[i].v[0] < 0) {
			free(ga->g[i].label);
			continue;
		}
		c->groups[c->n_groups++] = ga->g[i];
	}
	if (other && !(other->label = strdup("Các thủ tục khác")))
		return MC_NOMEM;
	c->n_groups += other != NULL;
	return MC_OK;
}

/* The texts around the bars. */
static mc_status texts(mc_db *db, const mc_period *p, mc_report_by by, mc_chart *c)
{
	char f[16], t[16], *unit = NULL, *which;
	int y, m, d, minute = (int)(((c->created + mc_db_offset(db) * 60) % MC_DAY_SECONDS +
				     MC_DAY_SECONDS) % MC_DAY_SECONDS / 60);
	mc_status rc = mc_setting_get(db, "unit_name", &unit);
	if (rc != MC_OK)
		return rc;
	c->unit = mc_utf8_upper(unit);
	free(unit);
	mc_civil_from_days(p->from_day, &y, &m, &d);
	snprintf(f, sizeof f, "%02d/%02d/%04d", d, m, y);
	mc_civil_from_days(p->to_day, &y, &m, &d);
	snprintf(t, sizeof t, "%02d/%02d/%04d", d, m, y);
	which = p->has_from && p->has_to ? dup_printf("Hồ sơ tiếp nhận từ ngày %s đến ngày %s", f, t)
	      : p->has_from ? dup_printf("Hồ sơ tiếp nhận từ ngày %s", f)
	      : p->has_to ? dup_printf("Hồ sơ tiếp nhận đến ngày %s", t)
	      : strdup("Tất cả hồ sơ đã tiếp nhận");
	mc_civil_from_days(mc_day_at(c->created, mc_db_offset(db)), &y, &m, &d);
	c->period = which ? dup_printf("%s; số liệu tính đến %02d:%02d ngày %02d/%02d/%04d", which,
				       minute / 60, minute % 60, d, m, y) : NULL;
	free(which);
	c->title = strdup(by == MC_BY_NONE ? "TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THEO THÁNG"
					   : "TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THEO THỦ TỤC");
	c->x_label = by == MC_BY_NONE ? "Tháng tiếp nhận" : "Thủ tục hành chính";
	c->y_label = "Số hồ sơ";
	c->series[MC_SERIES_RECEIVED] = "Đã tiếp nhận";
	c->series[MC_SERIES_ON_TIME] = "Đúng hạn";
	c->series[MC_SERIES_LATE] = "Trễ hạn";
	c->series[MC_SERIES_OVERDUE] = "Quá hạn";
	c->empty = "Không có hồ sơ nào được tiếp nhận trong kỳ báo cáo";
	c->mark = mc_db_training(db) ? MC_DOC_TRAINING_MARK : NULL;
	return c->unit && c->period && c->title ? MC_OK : MC_NOMEM;
}

mc_status mc_chart_summary(mc_db *db, const mc_period *p, mc_report_by by, mc_chart *c)
{
	struct gather ga = { db, by, mc_db_offset(db), NULL, NULL, 0, 0, 0 };
	mc_status rc;
	*c = (mc_chart)MC_CHART_INIT;
	c->created = mc_db_now(db);
	if (by != MC_BY_NONE && by != MC_BY_PROCEDURE)
		return mc_db_fail(db, MC_BAD_INPUT, "%s",
				  _("a chart is drawn by month or by procedure"));
	rc = mc_report_book(db, p, count_row, &ga);
	if (rc == MC_OK && ga.oom)
		rc = MC_NOMEM;
	if (rc == MC_OK)
		rc = texts(db, p, by, c);
	if (rc == MC_OK)
		rc = by == MC_BY_NONE ? months(&ga, p, c) : procedures(&ga, c);
	/* Labels that the chart did not take (procedures() takes them all). */
	for (size_t i = 0; by != MC_BY_NONE && i < ga.n; i++)
		free(ga.g[i].label);
	free(ga.g);
	free(ga.month);
	for (size_t i = 0; i < c->n_groups; i++)
		c->received += c->groups[i].v[MC_SERIES_RECEIVED];
	if (rc != MC_OK)
		mc_chart_release(c);
	return rc;
}

void mc_chart_release(mc_chart *c)
{
	for (size_t i = 0; i < c->n_groups; i++)
		free(c->groups[i].label);
	free(c->groups);
	free(c->unit);
	free(c->title);
	free(c->period);
	*c = (mc_chart)MC_CHART_INIT;
}
