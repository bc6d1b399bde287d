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
	mc_lunar_date ld;
	int64_t gio_to_2026 = lunar_day(2026, 3, 10, 0, VN);

	check_solar(lunar_day(2024, 3, 10, 0, VN), 2024, 4, 18, "Giỗ Tổ 2024");
	check_solar(lunar_day(2025, 3, 10, 0, VN), 2025, 4, 7, "Giỗ Tổ 2025");
	check_solar(gio_to_2026, 2026, 4, 26, "Giỗ Tổ 2026");
	CHECK_INT(mc_weekday(gio_to_2026), 0, "Giỗ Tổ 2026 is a Sunday");
	check_solar(lunar_day(2024, 8, 15, 0, VN), 2024, 9, 17, "Trung thu 2024");
	check_solar(lunar_day(2025, 8, 15, 0, VN), 2025, 10, 6, "Trung thu 2025");

	/* Ất Tỵ's last month has 29 days: no "30 Tết" in 2026. */
	mc_lunar_from_days(mc_days_from_civil(2026, 2, 16), VN, &ld);
	CHECK(ld.year == 2025 && ld.month == 12 && ld.day == 29 && !ld.leap,
	      "16/02/2026 is 29/12 Ất Tỵ (got %d/%d/%d%s)", ld.day, ld.month,
	      ld.year, ld.leap ? " leap" : "");
	CHECK(lunar_day(2025, 12, 30, 0, VN) == NO_DAY, "30/12 Ất Tỵ does not exist");
	mc_lunar_from_days(mc_days_from_civil(2026, 4, 26), VN, &ld);
	CHECK(ld.year == 2026 && ld.month == 3 && ld.day == 10 && !ld.leap,
	      "26/04/2026 is 10/3/2026 (got %d/%d/%d)", ld.day, ld.month, ld.year);
	mc_lunar_from_days(mc_days_from_civil(1970, 1, 1), VN, &ld);
	CHECK(ld.year == 1969 && ld.month == 11 && ld.day == 24 && !ld.leap,
	      "01/01/1970 is 24/11/1969 (got %d/%d/%d)", ld.day, ld.month, ld.year);
}

static void check_leap(int year, int month, int y, int m, int d)
{
	mc_lunar_date ld;
	int64_t start = mc_days_from_civil(y, m, d);
	char what[64];

	snprintf(what, sizeof what, "leap month %d of %d starts", month, year);
	check_solar(lunar_day(year, month, 1, 1, VN), y, m, d, what);
	mc_lunar_from_days(start, VN, &ld);
	CHECK(ld.year == year && ld.month == month && ld.day == 1 && ld.leap,
	      "%s is 1/%d leap/%d (got %d/%d%s/%d)", what, month, year,
	      ld.day, ld.month, ld.leap ? " leap" : "", ld.year);
	mc_lunar_from_days(start - 1, VN, &ld);
	CHECK(ld.month == month && !ld.leap && ld.day >= 29,
	      "the day before is the end of the ordinary month %d", month);
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
 * ~50 years day by day: every day converts back to itself, consecutive
 * days advance by one lunar day or start a month of 29 or 30 days, and
 * month numbers follow each other (a leap month repeats the number).
 */
static void test_round_trips(void)
{
	int64_t from = mc_days_from_civil(1976, 1, 1);
	int64_t to = mc_days_from_civil(2030, 12, 31);
	int bad_trip = 0, bad_step = 0, months = 0, leaps = 0;
	mc_lunar_date prev, cur;

	mc_lunar_from_days(from - 1, VN, &prev);
	for (int64_t d = from; d <= to; d++) {
		int ok;

		mc_lunar_from_days(d, VN, &cur);
		if (mc_lunar_to_days(&cur, VN, &ok) != d || !ok)
			bad_trip++;
		if (cur.day != 1) {
			bad_step += cur.day != prev.day + 1 ||
				    cur.month != prev.month ||
				    cur.leap != prev.leap || cur.year != prev.year;
		} else {
			int next = prev.month % 12 + 1;
			int same = cur.leap && cur.month == prev.month;

			months++;
			leaps += cur.leap;
			bad_step += (prev.day != 29 && prev.day != 30) ||
				    (!same && (cur.leap || cur.month != next)) ||
				    (cur.month == 1 && !cur.leap ?
				     cur.year != prev.year + 1 : cur.year != prev.year);
		}
		prev = cur;
	}
	CHECK_INT(bad_trip, 0, "days -> lunar -> days, 1976..2030");
	CHECK_INT(bad_step, 0, "lunar days follow each other, 1976..2030");
	/* 55 years hold 680 lunations and 20 leap months (19-year cycle). */
	CHECK(months >= 679 && months <= 681, "%d new moons in 55 years", months);
	CHECK(leaps >= 19 && leaps <= 21, "%d leap months in 55 years", leaps);
}

int main(void)
{
	test_tet();
	test_time_zone_matters();
	test_known_days();
	test_leap_months();
	test_invalid();
	test_round_trips();
	return unit_done();
}
