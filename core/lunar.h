/* motcua — the Vietnamese lunisolar calendar, from astronomy. */
#ifndef MC_LUNAR_H
#define MC_LUNAR_H

#include <stdint.h>

/*
 * Lunar dates are computed for a time zone (Vietnam: +7 hours) from the
 * true new moons and the sun's longitude (the major solar terms), so that
 * the calendar needs no table to stay correct:
 *
 *   - a month starts on the local day of a new moon;
 *   - month 11 is the month that contains the winter solstice;
 *   - when 13 months separate two months 11, the first of them (after
 *     month 11) that contains no major solar term (sun at a multiple of
 *     30 degrees) is the leap month and repeats the number before it.
 *
 * The time zone matters: the same sky gives different dates in Hanoi
 * (UTC+7) and in Beijing (UTC+8), e.g. Tết 1985 fell on 21/01/1985 in
 * Vietnam and 20/02/1985 in China. The series used (Jean Meeus,
 * "Astronomical Algorithms") hold for a few thousand years around 2000;
 * a new moon or a solar term within minutes of local midnight may still
 * land on the other day than in published almanacs.
 */
#define MC_LUNAR_TZ_VIETNAM 7.0

typedef struct {
	int year;   /* the solar year in which the lunar year starts  */
	int month;  /* 1..12                                          */
	int day;    /* 1..30                                          */
	int leap;   /* 1 when the month is the leap (nhuận) month     */
} mc_lunar_date;

/*
 * Lunar date -> solar day number (days since 1970-01-01). *ok (when ok is not NULL) is set to 1,
 * or to 0 with -1 returned when the lunar date does not exist: month or
 * day out of range, day 30 of a 29-day month, a leap month that the year
 * does not have, or a year outside 2..9998. -1 is also a real day
 * (1969-12-31): test *ok, not the result.
 */
int64_t mc_lunar_to_days(const mc_lunar_date *ld, double tz_hours, int *ok);

#endif
