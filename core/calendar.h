/* motcua — working days, statutory holidays and due times. */
#ifndef MC_CALENDAR_H
#define MC_CALENDAR_H

#include <stdint.h>
#include <stddef.h>
#include "status.h"
#include "clock.h"

/*
 * Every rule about working days lives in core/calendar.c. The calendar is
 * pure: the caller fills an mc_calendar from the settings and the office's
 * overrides (table holidays) and asks questions in *local* seconds (see
 * clock.h): day numbers and minutes of the office's own clock. Nothing is
 * allocated; several calendars with different settings may be used in
 * one process (the computed holidays are cached per year and workweek).
 */

/* The years the calendar answers for: every date an option gives (and
 * holiday list --year) lies in them. The statutory holidays come from the
 * lunar calendar, whose astronomy (core/lunar.c) is fitted to these years;
 * beyond them a date is far more likely a typing error than a plan. */
#define MC_CALENDAR_FIRST_YEAR 1900
#define MC_CALENDAR_LAST_YEAR  2199

/* Is the day (a day number) in the calendar's years? */
int mc_calendar_supports(int64_t day);

typedef enum {
	MC_WORKWEEK_MON_FRI = 0,
	MC_WORKWEEK_MON_SAT_AM,    /* Saturday morning is open too */
} mc_workweek;

typedef struct {
	int64_t day;               /* day number                        */
	int is_workday;            /* 1: a working day swapped in        */
	char name[96];
} mc_override;

typedef struct {
	mc_workweek workweek;
	int open_min, close_min;   /* office hours, minutes of the day  */
	int sat_close_min;         /* Saturday closing (mon-sat-am)      */
	int cutoff_min;            /* same-day cut-off                   */
	const mc_override *overrides;   /* sorted by day, one per day, not owned */
	size_t n_overrides;
} mc_calendar;

#define MC_CALENDAR_INIT { MC_WORKWEEK_MON_FRI, 7*60+30, 17*60, 11*60+30, \
			   15*60, NULL, 0 }

/*
 * MC_OK when the settings make sense: 0 <= open < close <= 24:00,
 * open <= cutoff <= close, open < sat_close <= 24:00 for mon-sat-am, and
 * overrides sorted by day without repeats; MC_BAD_INPUT otherwise. The
 * functions below assume a calendar that passes (mc_calendar_due checks).
 */
mc_status mc_calendar_check(const mc_calendar *cal);

/* One computed statutory holiday. */
typedef struct {
	int64_t day;
	char name[96];             /* Vietnamese, e.g. "Tết Nguyên Đán" */
	int makeup;                /* 1: a day off making up for a holiday on a rest day */
} mc_holiday;

/*
 * The statutory holidays of a solar year with their make-up days, in day
 * order. Overrides are not applied. Writes at most cap entries and
 * returns the number it has (call with cap 0 to size; never above 32).
 *
 *   "Tết Dương lịch"        1 January
 *   "Tết Nguyên Đán"        the last two days of the lunar year and lunar
 *                           1..3/1 (Tết falls between 21 January and 20
 *                           February, so its five days lie in one solar year)
 *   "Giỗ Tổ Hùng Vương"     10/3 lunar (the ordinary 3rd month, not a leap one)
 *   "Ngày Chiến thắng"      30 April
 *   "Quốc tế Lao động"      1 May
 *   "Quốc khánh"            2 September and 3 September when the 2nd is a
 *                           Thursday, 1 September otherwise
 *
 * Lunar dates are those of Vietnam (UTC+7) whatever the office's offset.
 * A holiday that falls on a weekly rest day of the calendar's workweek
 * (or on the same day as an earlier holiday) gives a make-up day off,
 * "Nghỉ bù <name>", on the first later day that is a weekly working day,
 * not a holiday and not an earlier make-up: so the make-up days of a
 * block (Tết, 30/4-1/5, 2/9 and the day beside it) come after the block,
 * in holiday order.
 * Two holidays on one day (Giỗ Tổ on 30/4) are one entry, their names
 * joined by ", ", and one make-up day for the second.
 * Make-ups are assigned over the year and the one before, and listed in
 * the year they land in (with today's list none crosses New Year).
 */
size_t mc_holidays_of_year(const mc_calendar *cal, int year,
			   mc_holiday *out, size_t cap);

/*
 * Is the day a working day? An override decides first (is_workday 1:
 * working, even on a weekend or a computed holiday; 0: a holiday), then
 * the computed holidays and make-up days, then the weekly rest days.
 */
int mc_calendar_is_working_day(const mc_calendar *cal, int64_t day);
/* The first working day strictly after `day`. */
int64_t mc_calendar_next_working_day(const mc_calendar *cal, int64_t day);

/*
 * The working days after `from` up to and including `to` (day numbers):
 * 0 for the same day, 1 from a Friday to the next Monday; negative when
 * `to` is before `from` (minus the count from `to` to `from`). Counted
 * over at most MC_CALENDAR_SPAN_DAYS days from `from`: a span longer than
 * that (a dossier ten years late) stops there.
 */
#define MC_CALENDAR_SPAN_DAYS 3660
int mc_calendar_working_days_between(const mc_calendar *cal, int64_t from, int64_t to);

/*
 * Office hours of a day, in minutes: 0 for a day that is not working,
 * else 1 with *open_min and *close_min set. A Saturday of a mon-sat-am week
 * closes at sat_close_min; a day made working by an override has the
 * full hours (open_min..close_min), Saturday or not.
 */
int mc_calendar_office_hours(const mc_calendar *cal, int64_t day,
			     int *open_min, int *close_min);

/*
 * SPEC 4.3: the due time (local seconds) of a dossier received at local
 * time `received` for a procedure of `days` working days (0 = same day).
 * *effective, when not NULL, receives the moment the count starts from:
 * the receipt itself when it is inside office hours of a working day
 * (open <= t < close), else the next opening (the same day's when
 * received before opening, otherwise the next working day's).
 *
 * days >= 1: count `days` working days from the day after the effective
 * day; the due keeps the effective time of day. If that time is at or
 * after the closing of the due day (a Saturday morning of mon-sat-am),
 * the due moves to the next working day at the same time of day.
 *
 * days == 0: due at the closing of the effective day, or of the next
 * working day when the effective moment is strictly after the day's
 * cut-off (15:00:00 itself is still the same day). A short day (an open
 * Saturday) has its cut-off as far before its closing as cutoff_min is
 * before close_min (2 hours by default: 09:30 for 11:30), never before
 * opening. A receipt moved to an opening is therefore due that day.
 *
 * MC_BAD_INPUT for days < 0 or > 10000, or a calendar that fails
 * mc_calendar_check(); MC_USAGE for NULL pointers.
 */
mc_status mc_calendar_due(const mc_calendar *cal, int64_t received, int days,
			  int64_t *due, int64_t *effective);

/*
 * mc_calendar_due() on instants, for an office offset_min minutes east of
 * UTC: the due time of a receipt at `received` and, when effective is not
 * NULL, the instant the count starts from. The one computation behind a
 * dossier's due time and `calendar due`.
 */
mc_status mc_calendar_due_at(const mc_calendar *cal, int offset_min, mc_time received,
			     int days, mc_time *due, mc_time *effective);

/*
 * Working seconds (inside office hours of working days) between two local
 * moments a <= b (0 when b <= a); and a moment moved forward by that many
 * working seconds: a moment outside office hours first moves to the next
 * opening, and the result is always inside office hours or exactly at a
 * closing (when the time runs out there). secs <= 0 returns t unchanged.
 * Used to push a due time by the time a dossier waited for the citizen:
 * for t inside office hours, working_seconds(t, add(t, s)) == s.
 */
int64_t mc_calendar_working_seconds(const mc_calendar *cal, int64_t a, int64_t b);
int64_t mc_calendar_add_working_seconds(const mc_calendar *cal, int64_t t,
					int64_t secs);

#endif
