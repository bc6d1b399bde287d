/* motcua — civil dates and times at the office's fixed UTC offset. */
#ifndef MC_CLOCK_H
#define MC_CLOCK_H

#include <stdint.h>
#include <stddef.h>
#include "status.h"

/*
 * Nothing here looks at TZ, localtime() or tzdata. Instants are Unix
 * seconds (mc_time, UTC). A "local" time is the same kind of count shifted
 * by the office's offset (utc + offset_min * 60): its day number and time
 * of day are the office's civil date and clock.
 *
 * Day numbers count days since 1970-01-01 (negative before), proleptic
 * Gregorian, for years 1..9999.
 */
typedef int64_t mc_time;

/* No time: what a NULL time column reads as. */
#define MC_TIME_NONE INT64_MIN

#define MC_DAY_SECONDS 86400

int64_t mc_days_from_civil(int y, int m, int d);
void mc_civil_from_days(int64_t days, int *y, int *m, int *d);
/* 0 = Sunday ... 6 = Saturday */
int mc_weekday(int64_t days);
/* Is y-m-d a real calendar date (1 <= y <= 9999)? */
int mc_date_valid(int y, int m, int d);
int mc_days_in_month(int y, int m);

/* The office's civil day (a day number) of instant t at offset_min: the
 * one way to ask "which day is it at the office". */
int64_t mc_day_at(mc_time t, int offset_min);

/* Floor division helpers for local seconds. */
int64_t mc_local_day(int64_t local);           /* day number       */
int mc_local_minute_of_day(int64_t local);     /* 0..1439          */

/*
 * "+07:00", "-03:30", "+0700", "Z" -> minutes east of UTC (-14h..+14h).
 * MC_BAD_INPUT otherwise.
 */
mc_status mc_parse_offset(const char *s, int *offset_min);
/* Writes "+07:00" (always sign, hours and minutes). buf >= 7. */
void mc_format_offset(int offset_min, char *buf, size_t n);

/* "YYYY-MM-DD" or "DD/MM/YYYY" (one-digit day/month accepted in the
 * Vietnamese form) -> day number. Invalid calendar dates are MC_BAD_INPUT. */
mc_status mc_parse_date(const char *s, int64_t *days);
/* "HH:MM" (00:00..23:59) -> minute of day. */
mc_status mc_parse_hhmm(const char *s, int *minute);
/*
 * A date and time as people and scripts type it:
 *   "YYYY-MM-DD HH:MM", "YYYY-MM-DDTHH:MM[:SS]", "DD/MM/YYYY HH:MM",
 *   each optionally followed by an offset ("+07:00", "Z"); a bare date
 *   means 00:00. Without an offset the time is read at default_offset_min.
 * -> instant.
 */
mc_status mc_parse_datetime(const char *s, int default_offset_min, mc_time *t);

/* 2026-04-29T09:00:00+07:00 (buf >= 26) */
void mc_format_iso(mc_time t, int offset_min, char *buf, size_t n);
/* 2026-04-29 (buf >= 11) */
void mc_format_date(int64_t days, char *buf, size_t n);
/* 29/04/2026 (buf >= 11) */
void mc_format_date_vn(int64_t days, char *buf, size_t n);
/* 2026-04-29 09:00 in the given offset (buf >= 17) */
void mc_format_datetime(mc_time t, int offset_min, char *buf, size_t n);
/*
 * Dates, times and amounts in text for people, in the language of
 * messages (i18n.h: mc_lang_vi): 29/04/2026, 29/04/2026 09:00 and
 * "8.000 đ" in Vietnamese; 2026-04-29, 2026-04-29 09:00 and "8000"
 * otherwise. Never for machine formats. buf >= 24.
 */
void mc_format_day_human(int64_t days, char *buf, size_t n);
void mc_format_time_human(mc_time t, int offset_min, char *buf, size_t n);
void mc_format_amount_human(int64_t vnd, char *buf, size_t n);
/* 20260429090000, yyyyMMddHHmmss in the given offset: the national
 * portal's form (buf >= 15) */
void mc_format_compact(mc_time t, int offset_min, char *buf, size_t n);

/*
 * The current instant: when now_env is non-NULL and non-empty (the value of
 * MOTCUA_NOW, read by cmd/) it is parsed with mc_parse_datetime() at
 * default_offset_min; otherwise the system clock.
 */
mc_status mc_now(const char *now_env, int default_offset_min, mc_time *t);

#endif
