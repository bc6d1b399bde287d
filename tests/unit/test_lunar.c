/* Unit tests of core/lunar.c: the Vietnamese lunisolar calendar. */
#include "unit.h"
#include "clock.h"
#include "lunar.h"

#define VN MC_LUNAR_TZ_VIETNAM
#define CN 8.0
#define NO_DAY INT64_MIN        /* day numbers before 1970 are negative */

static int64_t lunar_day(int year, int month, int day, int leap, double tz)
{
	mc_lunar_date ld = { year, month, day, leap };
	int ok = -1;
	int64_t d = mc_lunar_to_days(&ld, tz, &ok);

	return ok == 1 ? d : NO_DAY;
}

static void check_solar(int64_t got, int y, int m, int d, const char *what)
{
	char g[16], w[16];

	mc_format_date(got, g, sizeof g);
	mc_format_date(mc_days_from_civil(y, m, d), w, sizeof w);
	CHECK_STR(got == NO_DAY ? "(none)" : g, w, "%s is %s", what, w);
}

static void test_tet(void)
{
	/* Tết (lunar 1/1) in Vietnam, across decades. */
	static const int tet[][3] = {
		{ 1985, 1, 21 }, { 1990, 1, 27 }, { 2000, 2, 5 },
		{ 2007, 2, 17 }, { 2010, 2, 14 }, { 2015, 2, 19 },
		{ 2020, 1, 25 }, { 2023, 1, 22 }, { 2024, 2, 10 },
		{ 2025, 1, 29 }, { 2026, 2, 17 }, { 2027, 2, 6 },
		{ 2030, 2, 2 },
	};
	char what[64];

	for (size_t i = 0; i < sizeof tet / sizeof tet[0]; i++) {
		snprintf(what, sizeof what, "Tết %d (UTC+7)", tet[i][0]);
		check_solar(lunar_day(tet[i][0], 1, 1, 0, VN),
			    tet[i][0], tet[i][1], tet[i][2], what);
	}
}

/* The same sky, one hour apart: the years Vietnam and China differ. */
static void test_time_zone_matters(void)
{
	/* Solstice 21/12/1984 23:23 in Hanoi but 00:23 on the 22nd in
	 * Beijing, the day of a new moon: month 11 starts a month later in
	 * China, and Tết with it. */
	check_solar(lunar_day(1985, 1, 1, 0, VN), 1985, 1, 21, "Tết 1985 in Vietnam");
	check_solar(lunar_day(1985, 1, 1, 0, CN), 1985, 2, 20, "Tết 1985 in China");
	/* New moon 17/02/2007 16:14 UT: 23:14 in Hanoi, 00:14 in Beijing. */
	check_solar(lunar_day(2007, 1, 1, 0, VN), 2007, 2, 17, "Tết 2007 in Vietnam");
	check_solar(lunar_day(2007, 1, 1, 0, CN), 2007, 2, 18, "Tết 2007 in China");
	/* Tết Mậu Thân: North Vietnam had moved to UTC+7, the South had not. */
	check_solar(lunar_day(1968, 1, 1, 0, VN), 1968, 1, 29, "Tết 1968 at UTC+7");
	check_solar(lunar_day(1968, 1, 1, 0, CN), 1968, 1, 30, "Tết 1968 at UTC+8");
	/* New moon 02/02/2030 16:07 UT. */
	check_solar(lunar_day(2030, 1, 1, 0, VN), 2030, 2, 2, "Tết 2030 in Vietnam");
	check_solar(lunar_day(2030, 1, 1, 0, CN), 2030, 2, 3, "Tết 2030 in China");
}

static void test_known_days(void)
{
	int64_t gio_to_2026 = lunar_day(2026, 3, 10, 0, VN);

	check_solar(lunar_day(2024, 3, 10, 0, VN), 2024, 4, 18, "Giỗ Tổ 2024");
	check_solar(lunar_day(2025, 3, 10, 0, VN), 2025, 4, 7, "Giỗ Tổ 2025");
	check_solar(gio_to_2026, 2026, 4, 26, "Giỗ Tổ 2026");
	CHECK_INT(mc_weekday(gio_to_2026), 0, "Giỗ Tổ 2026 is a Sunday");
	check_solar(lunar_day(2024, 8, 15, 0, VN), 2024, 9, 17, "Trung thu 2024");
	check_solar(lunar_day(2025, 8, 15, 0, VN), 2025, 10, 6, "Trung thu 2025");

	/* Ất Tỵ's last month has 29 days: no "30 Tết" in 2026. */
	check_solar(lunar_day(2025, 12, 29, 0, VN), 2026, 2, 16, "29/12 Ất Tỵ");
	CHECK(lunar_day(2025, 12, 30, 0, VN) == NO_DAY, "30/12 Ất Tỵ does not exist");
	check_solar(lunar_day(1969, 11, 24, 0, VN), 1970, 1, 1, "24/11/1969 (lunar)");
}

static void check_leap(int year, int month, int y, int m, int d)
{
	int64_t start = mc_days_from_civil(y, m, d);
	int64_t last = lunar_day(year, month, 30, 0, VN);
	char what[64];

	snprintf(what, sizeof what, "leap month %d of %d starts", month, year);
	check_solar(lunar_day(year, month, 1, 1, VN), y, m, d, what);
	if (last == NO_DAY)
		last = lunar_day(year, month, 29, 0, VN);
	CHECK(last == start - 1, "the day before is the end of the ordinary month %d", month);
	CHECK(lunar_day(year, month == 12 ? 1 : month + 1, 1, 1, VN) == NO_DAY,
	      "%d has no leap month %d", year, month == 12 ? 1 : month + 1);
}

static void test_leap_months(void)
{
	check_leap(2020, 4, 2020, 5, 23);
	check_leap(2023, 2, 2023, 3, 22);
	check_leap(2025, 6, 2025, 7, 25);
	check_solar(lunar_day(2023, 3, 1, 0, VN), 2023, 4, 20,
		    "month 3 of 2023 follows the leap month 2");
	CHECK(lunar_day(2024, 2, 1, 1, VN) == NO_DAY, "2024 has no leap month");
}

static void test_invalid(void)
{
	mc_lunar_date bad[] = {
		{ 2026, 0, 1, 0 }, { 2026, 13, 1, 0 }, { 2026, 1, 0, 0 },
		{ 2026, 1, 31, 0 }, { 0, 1, 1, 0 }, { 10000, 1, 1, 0 },
	};
	int ok;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ok = 1;
		CHECK(mc_lunar_to_days(&bad[i], VN, &ok) == -1 && ok == 0,
		      "%d/%d/%d is refused", bad[i].day, bad[i].month, bad[i].year);
	}
	CHECK(mc_lunar_to_days(&bad[0], VN, NULL) == -1, "ok may be NULL");
}

/*
 * 55 lunar years month by month: the days of a month fall on consecutive
 * solar days, a month has 29 or 30 days and starts the day after the one
 * before it ends, every ordinary month exists, and a leap month follows
 * the ordinary month of its number.
 */
static void test_months(void)
{
	int64_t next = lunar_day(1976, 1, 1, 0, VN);
	int bad = 0, months = 0, leaps = 0;

	for (int y = 1976; y <= 2030; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int leap = 0; leap <= 1; leap++) {
				int64_t start = lunar_day(y, m, 1, leap, VN);
				int64_t day30 = lunar_day(y, m, 30, leap, VN);

				if (start == NO_DAY) {
					bad += !leap;
					continue;
				}
				bad += start != next ||
				       lunar_day(y, m, 15, leap, VN) != start + 14 ||
				       lunar_day(y, m, 29, leap, VN) != start + 28 ||
				       (day30 != NO_DAY && day30 != start + 29);
				next = start + (day30 == NO_DAY ? 29 : 30);
				months++;
				leaps += leap;
			}
		}
	}
	CHECK_INT(bad, 0, "lunar months follow each other, 1976..2030");
	/* 55 years hold 680 lunations and 20 leap months (19-year cycle). */
	CHECK(months >= 679 && months <= 681, "%d months in 55 years", months);
	CHECK(leaps >= 19 && leaps <= 21, "%d leap months in 55 years", leaps);
}

int main(void)
{
	test_tet();
	test_time_zone_matters();
	test_known_days();
	test_leap_months();
	test_invalid();
	test_months();
	return unit_done();
}
