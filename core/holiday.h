/* motcua — the office's calendar: computed holidays and its own overrides. */
#ifndef MC_HOLIDAY_H
#define MC_HOLIDAY_H

#include <stdio.h>
#include "db.h"

typedef enum {
	MC_HOLIDAY_COMPUTED,    /* statutory, computed             */
	MC_HOLIDAY_MAKEUP,      /* make-up day of a computed one   */
	MC_HOLIDAY_OFFICE,      /* a day off the office recorded    */
	MC_WORKDAY_OFFICE,      /* a working day the office recorded */
} mc_holiday_source;

typedef struct {
	int64_t day;
	const char *name;
	mc_holiday_source source;
} mc_holiday_entry;

/*
 * Records a day off (is_workday 0) or a working day swapped in (1) for
 * the office, replacing what was recorded for that date, atomically.
 * name: up to 90 characters, may be "".
 */
mc_status mc_holiday_set(mc_db *db, int64_t day, int is_workday, const char *name);

/* Calls fn for the days of a year that are not ordinary (computed
 * holidays and make-up days, the office's overrides, which win), in date
 * order. */
typedef int (*mc_holiday_fn)(const mc_holiday_entry *h, void *ud);
mc_status mc_holiday_each(mc_db *db, int year, mc_holiday_fn fn, void *ud);

/*
 * Imports date,name,kind rows (kind holiday|workday, default holiday).
 * Every bad row goes to *report ("NAME:LINE: column: reason" lines, caller
 * frees) and makes the import MC_BAD_INPUT. *count: rows stored; *joined:
 * cells whose line breaks (Alt+Enter) became a space.
 */
mc_status mc_holiday_import(mc_db *db, FILE *fp, const char *name, long *count,
			    long *joined, char **report);

#endif
