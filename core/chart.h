/* motcua — the summary as a picture: received, on time, late and overdue
 * by month or by procedure, for the chairman's monthly report. The
 * figures are gathered here; core/render-chart.c draws them. */
#ifndef MC_CHART_H
#define MC_CHART_H

#include <stddef.h>
#include <stdint.h>
#include "clock.h"
#include "db.h"
#include "report.h"

typedef enum { MC_CHART_PNG, MC_CHART_SVG, MC_CHART_PDF } mc_chart_format;

/* The format a file name's ending asks for (.png, .svg, .pdf, any letter
 * case). MC_BAD_INPUT for any other ending. */
mc_status mc_chart_format_of(const char *path, mc_chart_format *fmt);

/* The series, in the order of their bars and of the legend. */
enum { MC_SERIES_RECEIVED, MC_SERIES_ON_TIME, MC_SERIES_LATE, MC_SERIES_OVERDUE,
       MC_SERIES_COUNT };

/* The most groups one chart shows: a year of months, or the procedures
 * (those that received least then share the last group). */
#define MC_CHART_GROUPS 12

typedef struct {
	char *label;            /* "Tháng 4/2026", "2.000635\nCấp bản sao ..." */
	int64_t v[MC_SERIES_COUNT];
} mc_chart_group;

/* A chart as the paper module draws it: every text already in Vietnamese
 * (a chart is a document, like the receipt slip: always in Vietnamese). */
typedef struct {
	char *unit;             /* the office's name, in capitals          */
	char *title;
	char *period;           /* which dossiers, counted when            */
	const char *x_label, *y_label;
	const char *series[MC_SERIES_COUNT];
	const char *empty;      /* what a chart of no dossier says         */
	const char *mark;       /* a training copy's, or NULL              */
	int64_t received;       /* all the groups': 0 draws `empty`        */
	mc_chart_group *groups;
	size_t n_groups;
	mc_time created;
} mc_chart;

#define MC_CHART_INIT { NULL, NULL, NULL, NULL, NULL, { NULL }, NULL, NULL, 0, NULL, 0, 0 }

/*
 * The chart of the dossiers received in period p, counted as report
 * summary counts them (mc_report_book's outcomes, at the handle's clock):
 * by month (by == MC_BY_NONE), every month from the period's first (or
 * the first receipt's) to its last (or the current one), or by procedure
 * (MC_BY_PROCEDURE). MC_BAD_INPUT when the months are more than
 * MC_CHART_GROUPS, or for another grouping. Free with mc_chart_release.
 */
mc_status mc_chart_summary(mc_db *db, const mc_period *p, mc_report_by by, mc_chart *c);
void mc_chart_release(mc_chart *c);

#endif
