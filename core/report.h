/* motcua — the office's figures and the exports cron runs (SPEC 8). */
#ifndef MC_REPORT_H
#define MC_REPORT_H

#include <stdint.h>
#include "db.h"
#include "dossier.h"

/* Dossiers received in a range of days at the office (inclusive); an
 * unset end is open. */
typedef struct {
	int64_t from_day, to_day;
	int has_from, has_to;
} mc_period;

#define MC_PERIOD_INIT { 0, 0, 0, 0 }

typedef enum {
	MC_BY_NONE = 0,
	MC_BY_PROCEDURE,
	MC_BY_CLERK,        /* the clerk who received the dossier */
	MC_BY_CHANNEL,
} mc_report_by;

/* "procedure", "clerk", "channel" (MC_BAD_INPUT otherwise). */
mc_status mc_report_by_parse(const char *name, mc_report_by *out);
const char *mc_report_by_name(mc_report_by by);

/* The figures of one group: every dossier received counts in exactly one
 * outcome, so received is the sum of n[]; rescheduled (form 04) counts
 * those among them whose due time was moved by a reschedule, whatever
 * their outcome. A dossier cancelled (entered by mistake) is in none of
 * the reports here: not received, not in the book nor in the portal's
 * sync. */
typedef struct {
	const char *group;      /* NULL without grouping; lives for the call */
	int64_t received;
	int64_t n[MC_OUT_COUNT];
	int64_t rescheduled;
} mc_summary;

/*
 * The on-time rate: on_time / (on_time + late + overdue), the dossiers
 * whose verdict is known at the time of the report, in ten-thousandths,
 * rounded half up (8333 is 0.8333); -1 when none is known.
 */
int mc_summary_rate(const mc_summary *s);

/*
 * The summary at the handle's clock (mc_db_now) of the dossiers received
 * in period p, in one aggregate query: one call of fn without grouping
 * (even when nothing was received), else one per group, in the order of
 * the group's value. A non-zero return of fn stops.
 */
typedef int (*mc_summary_fn)(const mc_summary *s, void *ud);
mc_status mc_report_summary(mc_db *db, const mc_period *p, mc_report_by by,
			    mc_summary_fn fn, void *ud);

/* One dossier as the exports read it; strings live for the callback and
 * are NULL when absent. */
typedef struct {
	int64_t id;
	const char *code, *procedure, *procedure_name, *applicant;
	const char *id_number, *phone, *email, *address;
	const char *channel, *delivery, *clerk;
	const char *field_code, *field_name;    /* the procedure's field */
	int64_t fee;                            /* the procedure's fee   */
	mc_dossier_status status;
	mc_time received_at, due_at, updated_at;
	mc_time finished_at, returned_at, paused_at;    /* MC_TIME_NONE */
	mc_time promised_at;    /* MC_TIME_NONE: never rescheduled */
	mc_outcome outcome;     /* mc_outcome_of() at the handle's clock */
} mc_report_row;

typedef int (*mc_report_row_fn)(const mc_report_row *r, void *ud);

/* The tracking book (form 07): the dossiers received in period p, in the
 * order of receipt, one row at a time (memory does not grow with it). */
mc_status mc_report_book(mc_db *db, const mc_period *p, mc_report_row_fn fn, void *ud);

/* The dossiers changed (created or moved) at or after `since`
 * (MC_TIME_NONE: all), oldest change first, one row at a time. */
mc_status mc_report_changed(mc_db *db, mc_time since, mc_report_row_fn fn, void *ud);

#endif
