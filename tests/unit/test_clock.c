/* Unit tests of core/clock.c: civil dates, parsing and formatting at a
 * fixed UTC offset. Reference instants were checked with date(1), e.g.
 * `date -d '2026-04-29 09:00 +07:00' +%s` = 1777428000. */
#include <stdint.h>
#include <time.h>

#include "clock.h"
#include "unit.h"

#define VN 420                  /* +07:00 in minutes */
#define T_0900_VN 1777428000    /* 2026-04-29T09:00:00+07:00 */

static int64_t day_of(int y, int m, int d)
{
	return mc_days_from_civil(y, m, d);
}

/* Walks every day of years 1..9999 and checks both conversions agree
 * with a plain y/m/d counter. */
static void test_civil_every_day(void)
{
	int64_t n = day_of(1, 1, 1);
	int y = 1, m = 1, d = 1, bad_from = 0, bad_to = 0;
	int64_t first_bad = 0;

	while (y <= 9999) {
		int yy, mm, dd;
		mc_civil_from_days(n, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d) {
			if (!bad_to++)
				first_bad = n;
		}
		if (mc_days_from_civil(y, m, d) != n)
			bad_from++;
		n++;
		if (++d > mc_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	CHECK_INT(bad_to, 0, "civil_from_days matches every day of 0001..9999 (first bad %lld)",
		  (long long)first_bad);
	CHECK_INT(bad_from, 0, "days_from_civil counts one per day over 0001..9999");
	CHECK_INT(n, day_of(9999, 12, 31) + 1, "the walk ends the day after 9999-12-31");
}

static void check_civil(int64_t days, int y, int m, int d)
{
	int yy, mm, dd;

	CHECK_INT(day_of(y, m, d), days, "%04d-%02d-%02d is day %lld", y, m, d,
		  (long long)days);
	mc_civil_from_days(days, &yy, &mm, &dd);
	CHECK(yy == y && mm == m && dd == d, "day %lld is %04d-%02d-%02d (got %04d-%02d-%02d)",
	      (long long)days, y, m, d, yy, mm, dd);
}

static void test_civil_known(void)
{
	check_civil(0, 1970, 1, 1);
	check_civil(-1, 1969, 12, 31);
	check_civil(11016, 2000, 2, 29);
	check_civil(11017, 2000, 3, 1);
	check_civil(20572, 2026, 4, 29);
	check_civil(-719162, 1, 1, 1);
	check_civil(2932896, 9999, 12, 31);

	CHECK_INT(mc_weekday(day_of(2026, 4, 29)), 3, "2026-04-29 is a Wednesday");
	CHECK_INT(mc_weekday(day_of(2026, 5, 2)), 6, "2026-05-02 is a Saturday");
	CHECK_INT(mc_weekday(day_of(2026, 5, 3)), 0, "2026-05-03 is a Sunday");
	CHECK_INT(mc_weekday(0), 4, "1970-01-01 was a Thursday");
	CHECK_INT(mc_weekday(-1), 3, "1969-12-31 was a Wednesday");
	CHECK_INT(mc_weekday(day_of(1945, 9, 2)), 0, "1945-09-02 was a Sunday");
	CHECK_INT(mc_weekday(day_of(1, 1, 1)), 1, "0001-01-01 (proleptic) is a Monday");

	CHECK_INT(mc_days_in_month(2019, 2), 28, "February 2019 has 28 days");
	CHECK_INT(mc_days_in_month(2020, 2), 29, "February 2020 has 29 days");
	CHECK_INT(mc_days_in_month(1900, 2), 28, "February 1900 has 28 days");
	CHECK_INT(mc_days_in_month(2000, 2), 29, "February 2000 has 29 days");
	CHECK_INT(mc_days_in_month(2026, 4), 30, "April has 30 days");
	CHECK_INT(mc_days_in_month(2026, 13), 0, "month 13 has no days");
	CHECK(mc_date_valid(1, 1, 1) && mc_date_valid(9999, 12, 31), "years 1 and 9999 are valid");
	CHECK(!mc_date_valid(0, 12, 31), "year 0 is not valid");
	CHECK(!mc_date_valid(10000, 1, 1), "year 10000 is not valid");
	CHECK(!mc_date_valid(2026, 4, 31), "31 April is not valid");
	CHECK(!mc_date_valid(2026, 4, 0), "day 0 is not valid");
}

static void test_local(void)
{
	CHECK_INT(mc_local_day(0), 0, "local second 0 is day 0");
	CHECK_INT(mc_local_day(86399), 0, "local second 86399 is day 0");
	CHECK_INT(mc_local_day(86400), 1, "local second 86400 is day 1");
	CHECK_INT(mc_local_day(-1), -1, "local second -1 is day -1 (floor)");
	CHECK_INT(mc_local_day(-86400), -1, "local second -86400 is day -1");
	CHECK_INT(mc_local_day(-86401), -2, "local second -86401 is day -2");
	CHECK_INT(mc_local_minute_of_day(-1), 1439, "local second -1 is 23:59");
	CHECK_INT(mc_local_minute_of_day(T_0900_VN + VN * 60), 540,
		  "09:00 at +07:00 is minute 540 of the local day");
}

static void offset_ok(const char *s, int want)
{
	int off = 12345;

	CHECK_INT(mc_parse_offset(s, &off), MC_OK, "offset \"%s\" accepted", s);
	CHECK_INT(off, want, "offset \"%s\" is %d minutes", s, want);
}

static void offset_bad(const char *s)
{
	int off = 12345;

	CHECK_INT(mc_parse_offset(s, &off), MC_BAD_INPUT, "offset \"%s\" refused", s);
	CHECK_INT(off, 12345, "offset \"%s\": result untouched", s);
}

static void test_offset(void)
{
	char buf[8];

	offset_ok("+07:00", 420);
	offset_ok("+0700", 420);
	offset_ok("+07", 420);
	offset_ok("-03:30", -210);
	offset_ok("Z", 0);
	offset_ok("z", 0);
	offset_ok("+00:00", 0);
	offset_ok("+14:00", 840);
	offset_ok("-14:00", -840);
	offset_bad("+14:01");
	offset_bad("+15:00");
	offset_bad("+07:60");
	offset_bad("07:00");
	offset_bad("+7:00");
	offset_bad("+07:");
	offset_bad("+07:0");
	offset_bad("+070");
	offset_bad("+07:00 ");
	offset_bad("ZZ");
	offset_bad("");

	mc_format_offset(420, buf, sizeof buf);
	CHECK_STR(buf, "+07:00", "format offset +420");
	mc_format_offset(-210, buf, sizeof buf);
	CHECK_STR(buf, "-03:30", "format offset -210");
	mc_format_offset(0, buf, sizeof buf);
	CHECK_STR(buf, "+00:00", "format offset 0");
	mc_format_offset(-45, buf, sizeof buf);
	CHECK_STR(buf, "-00:45", "format offset -45 keeps its sign");
}

static void date_ok(const char *s, int y, int m, int d)
{
	int64_t days = -12345;

	CHECK_INT(mc_parse_date(s, &days), MC_OK, "date \"%s\" accepted", s);
	CHECK_INT(days, day_of(y, m, d), "date \"%s\" is %04d-%02d-%02d", s, y, m, d);
}

static void date_bad(const char *s)
{
	int64_t days = -12345;

	CHECK_INT(mc_parse_date(s, &days), MC_BAD_INPUT, "date \"%s\" refused", s);
	CHECK_INT(days, -12345, "date \"%s\": result untouched", s);
}

static void test_parse_date(void)
{
	date_ok("2026-04-29", 2026, 4, 29);
	date_ok("29/04/2026", 2026, 4, 29);
	date_ok("29/4/2026", 2026, 4, 29);
	date_ok("1/5/2026", 2026, 5, 1);
	date_ok("01/05/2026", 2026, 5, 1);
	date_ok("2020-02-29", 2020, 2, 29);
	date_ok("29/02/2000", 2000, 2, 29);
	date_ok("0001-01-01", 1, 1, 1);
	date_ok("9999-12-31", 9999, 12, 31);

	date_bad("31/02/2019");
	date_bad("2019-02-29");
	date_bad("29/02/1900");
	date_bad("2026-13-01");
	date_bad("2026-00-10");
	date_bad("2026-04-31");
	date_bad("2026-04-00");
	date_bad("0000-01-01");
	date_bad("");
	date_bad("2026-4-29");
	date_bad("2026-04-9");
	date_bad("26-04-29");
	date_bad("2026/04/29");
	date_bad("29-04-2026");
	date_bad("29/04/26");
	date_bad("001/05/2026");
	date_bad("2026-04-29x");
	date_bad("2026-04-29 ");
	date_bad(" 2026-04-29");
	date_bad("29/04/20261");
	date_bad("2026-04-29T09:00");
}

static void hhmm_ok(const char *s, int want)
{
	int min = -1;

	CHECK_INT(mc_parse_hhmm(s, &min), MC_OK, "time \"%s\" accepted", s);
	CHECK_INT(min, want, "time \"%s\" is minute %d", s, want);
}

static void hhmm_bad(const char *s)
{
	int min = -1;

	CHECK_INT(mc_parse_hhmm(s, &min), MC_BAD_INPUT, "time \"%s\" refused", s);
}

static void test_parse_hhmm(void)
{
	hhmm_ok("07:30", 450);
	hhmm_ok("00:00", 0);
	hhmm_ok("15:00", 900);
	hhmm_ok("23:59", 1439);
	hhmm_bad("24:00");
	hhmm_bad("07:60");
	hhmm_bad("7:30");
	hhmm_bad("07:3");
	hhmm_bad("0730");
	hhmm_bad("07:30:00");
	hhmm_bad("07:30 ");
	hhmm_bad("");
}

static void datetime_ok(const char *s, int def, mc_time want)
{
	mc_time t = -1;

	CHECK_INT(mc_parse_datetime(s, def, &t), MC_OK, "datetime \"%s\" accepted", s);
	CHECK_INT(t, want, "datetime \"%s\" (default %d) is %lld", s, def, (long long)want);
}

static void datetime_bad(const char *s)
{
	mc_time t = -1;

	CHECK_INT(mc_parse_datetime(s, VN, &t), MC_BAD_INPUT, "datetime \"%s\" refused", s);
	CHECK_INT(t, -1, "datetime \"%s\": result untouched", s);
}

static void test_parse_datetime(void)
{
	datetime_ok("2026-04-29 09:00", VN, T_0900_VN);
	datetime_ok("2026-04-29T09:00", VN, T_0900_VN);
	datetime_ok("2026-04-29T09:00:00", VN, T_0900_VN);
	datetime_ok("2026-04-29T09:00:07", VN, T_0900_VN + 7);
	datetime_ok("29/04/2026 09:00", VN, T_0900_VN);
	datetime_ok("2026-04-29T09:00:00+07:00", VN, T_0900_VN);
	datetime_ok("2026-04-29T09:00:00+07:00", 0, T_0900_VN);
	datetime_ok("2026-04-29T09:00:00+0700", -300, T_0900_VN);
	datetime_ok("2026-04-29 09:00 +07:00", 0, T_0900_VN);
	datetime_ok("2026-04-29T02:00:00Z", VN, T_0900_VN);
	datetime_ok("2026-04-29T02:00Z", VN, T_0900_VN);
	datetime_ok("2026-04-28T22:00:00-04:00", VN, T_0900_VN);
	datetime_ok("2026-04-28T22:30:00-03:30", VN, T_0900_VN);
	datetime_ok("2026-04-29 09:00", 0, T_0900_VN + 7 * 3600);
	datetime_ok("2026-04-29 09:00", -210, T_0900_VN + (7 * 60 + 210) * 60);
	datetime_ok("2026-04-29", VN, T_0900_VN - 9 * 3600);
	datetime_ok("1970-01-01T00:00:00Z", VN, 0);
	datetime_ok("1969-12-31T23:59:59Z", VN, -1);
	datetime_ok("1970-01-01 06:59:59", VN, -1);

	datetime_bad("");
	datetime_bad("2026-04-29 9:00");
	datetime_bad("2026-04-29T24:00");
	datetime_bad("2026-04-29T09:60");
	datetime_bad("2026-04-29T09:00:60");
	datetime_bad("2026-04-29T");
	datetime_bad("2026-04-29 ");
	datetime_bad("2026-04-29 09:00 ");
	datetime_bad("2026-04-29 09:00 +07:00 x");
	datetime_bad("2026-04-29T09:00:00+07:");
	datetime_bad("2026-04-29T09:00:00+25:00");
	datetime_bad("2026-04-29T09:00:00.5Z");
	datetime_bad("31/02/2019 09:00");
	datetime_bad("2026-04-29x09:00");
	datetime_bad("09:00");
}

/* What is printed reads back to the same instant, at any offset. */
static void test_format_roundtrip(void)
{
	static const int offs[] = { VN, 0, -210, -840, 840, 345 };
	char buf[32];
	int round_ok = 1;
	mc_time t;

	for (size_t i = 0; i < sizeof offs / sizeof *offs; i++) {
		for (mc_time s = -100000; s < 4000000000LL; s += 9876543) {
			mc_format_iso(s, offs[i], buf, sizeof buf);
			if (mc_parse_datetime(buf, 0, &t) != MC_OK || t != s)
				round_ok = 0;
		}
	}
	CHECK(round_ok, "format_iso then parse_datetime gives the same instant");
}

static void test_format(void)
{
	char buf[32];

	mc_format_iso(T_0900_VN, VN, buf, sizeof buf);
	CHECK_STR(buf, "2026-04-29T09:00:00+07:00", "ISO at +07:00");
	mc_format_iso(T_0900_VN + 5, VN, buf, sizeof buf);
	CHECK_STR(buf, "2026-04-29T09:00:05+07:00", "ISO keeps seconds");
	mc_format_iso(T_0900_VN, 0, buf, sizeof buf);
	CHECK_STR(buf, "2026-04-29T02:00:00+00:00", "ISO at UTC");
	mc_format_iso(T_0900_VN, -210, buf, sizeof buf);
	CHECK_STR(buf, "2026-04-28T22:30:00-03:30", "ISO at -03:30 falls on the day before");
	mc_format_iso(T_0900_VN + 15 * 3600, VN, buf, sizeof buf);
	CHECK_STR(buf, "2026-04-30T00:00:00+07:00", "ISO at local midnight");
	mc_format_iso(-1, 0, buf, sizeof buf);
	CHECK_STR(buf, "1969-12-31T23:59:59+00:00", "ISO before the epoch");
	mc_format_iso(-1, VN, buf, sizeof buf);
	CHECK_STR(buf, "1970-01-01T06:59:59+07:00", "ISO before the epoch at +07:00");

	mc_format_datetime(T_0900_VN, VN, buf, sizeof buf);
	CHECK_STR(buf, "2026-04-29 09:00", "datetime at +07:00");
	mc_format_datetime(T_0900_VN + 59, VN, buf, sizeof buf);
	CHECK_STR(buf, "2026-04-29 09:00", "datetime drops seconds");
	mc_format_datetime(T_0900_VN, -240, buf, sizeof buf);
	CHECK_STR(buf, "2026-04-28 22:00", "datetime at -04:00");
	mc_format_datetime(-60, 0, buf, sizeof buf);
	CHECK_STR(buf, "1969-12-31 23:59", "datetime before the epoch");

	mc_format_date(day_of(2026, 4, 29), buf, sizeof buf);
	CHECK_STR(buf, "2026-04-29", "date ISO");
	mc_format_date(day_of(1, 1, 1), buf, sizeof buf);
	CHECK_STR(buf, "0001-01-01", "date ISO of year 1 is zero-padded");
	mc_format_date_vn(day_of(2026, 4, 29), buf, sizeof buf);
	CHECK_STR(buf, "29/04/2026", "date Vietnamese");
	mc_format_date_vn(day_of(2026, 5, 1), buf, sizeof buf);
	CHECK_STR(buf, "01/05/2026", "date Vietnamese is zero-padded");

	mc_format_compact(T_0900_VN + 5, VN, buf, sizeof buf);
	CHECK_STR(buf, "20260429090005", "compact at +07:00 keeps seconds");
	mc_format_compact(T_0900_VN, -210, buf, sizeof buf);
	CHECK_STR(buf, "20260428223000", "compact at -03:30 falls on the day before");
	mc_format_compact(-1, 0, buf, sizeof buf);
	CHECK_STR(buf, "19691231235959", "compact before the epoch");

}

static void test_now(void)
{
	mc_time t = -1, before, after;

	CHECK_INT(mc_now("2026-04-29T09:00:00+07:00", VN, &t), MC_OK, "now from an ISO string");
	CHECK_INT(t, T_0900_VN, "now from an ISO string is that instant");
	CHECK_INT(mc_now("2026-04-29 09:00", VN, &t), MC_OK, "now without offset");
	CHECK_INT(t, T_0900_VN, "now without offset is read at the default offset");
	CHECK_INT(mc_now("2026-04-29T02:00:00Z", -300, &t), MC_OK, "now in UTC");
	CHECK_INT(t, T_0900_VN, "now in UTC ignores the default offset");
	t = -1;
	CHECK_INT(mc_now("tomorrow", VN, &t), MC_BAD_INPUT, "now refuses junk");
	CHECK_INT(t, -1, "now refused: result untouched");

	before = (mc_time)time(NULL);
	CHECK_INT(mc_now(NULL, VN, &t), MC_OK, "now from the system clock (NULL)");
	after = (mc_time)time(NULL);
	CHECK(t >= before && t <= after, "NULL means the system clock");
	CHECK_INT(mc_now("", VN, &t), MC_OK, "now from the system clock (empty)");
	CHECK(t >= before && t <= (mc_time)time(NULL), "empty means the system clock");
}

int main(void)
{
	test_civil_every_day();
	test_civil_known();
	test_local();
	test_offset();
	test_parse_date();
	test_parse_hhmm();
	test_parse_datetime();
	test_format();
	test_format_roundtrip();
	test_now();
	return unit_done();
}
