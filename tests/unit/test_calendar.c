/* Unit tests of core/calendar.c: holidays, working days, due times. */
#include "unit.h"
#include "calendar.h"
#include "clock.h"

static int64_t D(int y, int m, int d)
{
	return mc_days_from_civil(y, m, d);
}

/* Local seconds of a date and time. */
static int64_t T(int y, int m, int d, int hh, int mm)
{
	return D(y, m, d) * MC_DAY_SECONDS + hh * 3600 + mm * 60;
}

static const char *fmt(int64_t local, char *buf, size_t n)
{
	mc_format_datetime(local, 0, buf, n);
	return buf;
}

static const char *fmt_day(int64_t day, char *buf, size_t n)
{
	mc_format_date(day, buf, n);
	return buf;
}

static void check_due(const mc_calendar *cal, int64_t received, int days,
		      int64_t want, const char *why)
{
	int64_t due = 0;
	char g[32], w[32], r[32];
	mc_status st = mc_calendar_due(cal, received, days, &due, NULL);

	CHECK_INT(st, MC_OK, "due of %s + %d: status", fmt(received, r, sizeof r), days);
	CHECK_STR(fmt(due, g, sizeof g), fmt(want, w, sizeof w),
		  "%s + %d day(s) -> %s (%s)", fmt(received, r, sizeof r), days, w, why);
}

struct want_holiday {
	int m, d, makeup;
	const char *name;
};

static void check_holidays(const mc_calendar *cal, int year,
			   const struct want_holiday *want, size_t n_want)
{
	mc_holiday h[40];
	size_t n = mc_holidays_of_year(cal, year, h, 40);
	char g[16], w[16];

	CHECK_INT(n, n_want, "%d has %zu holidays and make-up days", year, n_want);
	for (size_t i = 0; i < n && i < n_want; i++) {
		fmt_day(D(year, want[i].m, want[i].d), w, sizeof w);
		CHECK_STR(fmt_day(h[i].day, g, sizeof g), w, "%d #%zu is on %s", year, i, w);
		CHECK_STR(h[i].name, want[i].name, "%s is %s", w, want[i].name);
		CHECK_INT(h[i].makeup, want[i].makeup, "%s makeup flag", w);
	}
}

static void test_holidays_2026(void)
{
	static const struct want_holiday want[] = {
		{ 1, 1, 0, "Tết Dương lịch" },
		{ 2, 15, 0, "Tết Nguyên Đán" },   /* 28 tháng Chạp, a Sunday */
		{ 2, 16, 0, "Tết Nguyên Đán" },   /* 29 tháng Chạp: no 30 in Ất Tỵ */
		{ 2, 17, 0, "Tết Nguyên Đán" },   /* 1/1 Bính Ngọ */
		{ 2, 18, 0, "Tết Nguyên Đán" },
		{ 2, 19, 0, "Tết Nguyên Đán" },
		{ 2, 20, 1, "Nghỉ bù Tết Nguyên Đán" },
		{ 4, 26, 0, "Giỗ Tổ Hùng Vương" }, /* a Sunday */
		{ 4, 27, 1, "Nghỉ bù Giỗ Tổ Hùng Vương" },
		{ 4, 30, 0, "Ngày Chiến thắng" },
		{ 5, 1, 0, "Quốc tế Lao động" },
		{ 9, 1, 0, "Quốc khánh" },
		{ 9, 2, 0, "Quốc khánh" },
	};
	mc_calendar cal = MC_CALENDAR_INIT;
	mc_holiday two[2];

	check_holidays(&cal, 2026, want, sizeof want / sizeof want[0]);
	CHECK_INT(mc_holidays_of_year(&cal, 2026, NULL, 0), 13, "cap 0 sizes the list");
	CHECK_INT(mc_holidays_of_year(&cal, 2026, two, 2), 13, "a short array still gets the count");
	CHECK_INT(two[1].day, D(2026, 2, 15), "and the first entries");
}

/* 2023: 1/1 on a Sunday, Tết over a weekend, Giỗ Tổ Saturday 29/4 with
 * 30/4 Sunday, 2/9 a Saturday: make-ups come after each block. */
static void test_holidays_2023(void)
{
	static const struct want_holiday mon_fri[] = {
		{ 1, 1, 0, "Tết Dương lịch" },
		{ 1, 2, 1, "Nghỉ bù Tết Dương lịch" },
		{ 1, 20, 0, "Tết Nguyên Đán" },   /* 29 tháng Chạp, Friday */
		{ 1, 21, 0, "Tết Nguyên Đán" },   /* Saturday */
		{ 1, 22, 0, "Tết Nguyên Đán" },   /* 1/1 Quý Mão, Sunday */
		{ 1, 23, 0, "Tết Nguyên Đán" },
		{ 1, 24, 0, "Tết Nguyên Đán" },
		{ 1, 25, 1, "Nghỉ bù Tết Nguyên Đán" },
		{ 1, 26, 1, "Nghỉ bù Tết Nguyên Đán" },
		{ 4, 29, 0, "Giỗ Tổ Hùng Vương" },
		{ 4, 30, 0, "Ngày Chiến thắng" },
		{ 5, 1, 0, "Quốc tế Lao động" },
		{ 5, 2, 1, "Nghỉ bù Giỗ Tổ Hùng Vương" },
		{ 5, 3, 1, "Nghỉ bù Ngày Chiến thắng" },
		{ 9, 1, 0, "Quốc khánh" },
		{ 9, 2, 0, "Quốc khánh" },
		{ 9, 4, 1, "Nghỉ bù Quốc khánh" },
	};
	/* Saturday is a working day there: only Sunday holidays move. */
	static const struct want_holiday mon_sat[] = {
		{ 1, 1, 0, "Tết Dương lịch" },
		{ 1, 2, 1, "Nghỉ bù Tết Dương lịch" },
		{ 1, 20, 0, "Tết Nguyên Đán" },
		{ 1, 21, 0, "Tết Nguyên Đán" },
		{ 1, 22, 0, "Tết Nguyên Đán" },   /* the one on a Sunday */
		{ 1, 23, 0, "Tết Nguyên Đán" },
		{ 1, 24, 0, "Tết Nguyên Đán" },
		{ 1, 25, 1, "Nghỉ bù Tết Nguyên Đán" },
		{ 4, 29, 0, "Giỗ Tổ Hùng Vương" },
		{ 4, 30, 0, "Ngày Chiến thắng" },
		{ 5, 1, 0, "Quốc tế Lao động" },
		{ 5, 2, 1, "Nghỉ bù Ngày Chiến thắng" },
		{ 9, 1, 0, "Quốc khánh" },
		{ 9, 2, 0, "Quốc khánh" },
	};
	mc_calendar a = MC_CALENDAR_INIT, b = MC_CALENDAR_INIT;

	b.workweek = MC_WORKWEEK_MON_SAT_AM;
	check_holidays(&a, 2023, mon_fri, sizeof mon_fri / sizeof mon_fri[0]);
	check_holidays(&b, 2023, mon_sat, sizeof mon_sat / sizeof mon_sat[0]);
	/* Two calendars in one process do not see each other's cache. */
	for (int i = 0; i < 3; i++) {
		CHECK_INT(mc_calendar_is_working_day(&a, D(2023, 9, 4)), 0,
			  "mon-fri: 04/09/2023 is a make-up day (round %d)", i);
		CHECK_INT(mc_calendar_is_working_day(&b, D(2023, 9, 4)), 1,
			  "mon-sat-am: 04/09/2023 is a working day (round %d)", i);
	}
}

/* The name of the computed holiday or make-up day on day, "" for none. */
static const char *holiday_name(const mc_calendar *cal, int64_t day)
{
	static mc_holiday hs[32];
	int y, m, d;
	size_t n;

	mc_civil_from_days(day, &y, &m, &d);
	n = mc_holidays_of_year(cal, y, hs, 32);
	for (size_t i = 0; i < n; i++)
		if (hs[i].day == day)
			return hs[i].name;
	return "";
}

static void test_holidays_2024_2025(void)
{
	mc_calendar cal = MC_CALENDAR_INIT;

	/* Tết 2024: 8-12/2, 10-11/2 a weekend: two make-ups 13-14/2, as
	 * announced (off from Thursday 8/2 to Wednesday 14/2). */
	CHECK_INT(mc_calendar_is_working_day(&cal, D(2024, 2, 7)), 1, "07/02/2024 is a working day");
	CHECK_INT(mc_calendar_is_working_day(&cal, D(2024, 2, 8)), 0, "08/02/2024 is off");
	CHECK_INT(mc_calendar_is_working_day(&cal, D(2024, 2, 14)), 0, "14/02/2024 is off");
	CHECK_STR(holiday_name(&cal, D(2024, 2, 14)), "Nghỉ bù Tết Nguyên Đán",
		  "14/02/2024 makes up for Tết");
	CHECK_INT(mc_calendar_is_working_day(&cal, D(2024, 2, 15)), 1,
		  "15/02/2024 is a working day");
	/* 1/9/2024 a Sunday: make-up Tuesday 3/9, after 2/9. */
	CHECK_INT(mc_calendar_is_working_day(&cal, D(2024, 9, 3)), 0, "03/09/2024 is off");
	CHECK_STR(holiday_name(&cal, D(2024, 9, 3)), "Nghỉ bù Quốc khánh",
		  "03/09/2024 makes up for 1/9");
	/* Tết 2025: 27-31/1, Monday to Friday: no make-up day. */
	CHECK_INT(mc_calendar_is_working_day(&cal, D(2025, 1, 27)), 0, "27/01/2025 is off");
	CHECK_INT(mc_calendar_is_working_day(&cal, D(2025, 2, 3)), 1,
		  "03/02/2025 is a working day");
}

static void test_working_days(void)
{
	mc_calendar cal = MC_CALENDAR_INIT;
	mc_override o[3];

	CHECK_INT(mc_calendar_is_working_day(&cal, D(2026, 4, 27)), 0, "27/04/2026 is a holiday");
	CHECK_STR(holiday_name(&cal, D(2026, 4, 27)), "Nghỉ bù Giỗ Tổ Hùng Vương",
		  "named after Giỗ Tổ");
	CHECK_INT(mc_calendar_is_working_day(&cal, D(2026, 5, 2)), 0,
		  "02/05/2026 (Saturday) is a rest day");
	CHECK_STR(holiday_name(&cal, D(2026, 5, 2)), "", "not a holiday");
	CHECK_INT(mc_calendar_is_working_day(&cal, D(2026, 5, 4)), 1, "04/05/2026 is a working day");

	/* Overrides: a holiday on a Wednesday, a Saturday worked, and the
	 * make-up day of Giỗ Tổ given back as a working day. */
	o[0] = (mc_override){ D(2026, 3, 11), 0, "Nghỉ đột xuất" };
	o[1] = (mc_override){ D(2026, 3, 14), 1, "Làm bù thứ Bảy" };
	o[2] = (mc_override){ D(2026, 4, 27), 1, "Đi làm" };
	cal.overrides = o;
	cal.n_overrides = 3;
	CHECK_INT(mc_calendar_check(&cal), MC_OK, "sorted overrides are fine");
	CHECK_INT(mc_calendar_is_working_day(&cal, D(2026, 3, 11)), 0,
		  "an override makes a Wednesday a holiday");
	CHECK_INT(mc_calendar_is_working_day(&cal, D(2026, 3, 14)), 1,
		  "an override makes a Saturday a working day");
	CHECK_INT(mc_calendar_is_working_day(&cal, D(2026, 4, 27)), 1,
		  "an override beats a computed make-up day");
	CHECK_INT(mc_calendar_next_working_day(&cal, D(2026, 3, 10)), D(2026, 3, 12),
		  "after Tuesday 10/03 comes Thursday 12/03");
	CHECK_INT(mc_calendar_next_working_day(&cal, D(2026, 3, 13)), D(2026, 3, 14),
		  "after Friday 13/03 comes the Saturday worked");
	CHECK_INT(mc_calendar_next_working_day(&cal, D(2026, 4, 24)), D(2026, 4, 27),
		  "after Friday 24/04 comes Monday 27/04 given back");

	o[1].day = D(2026, 3, 11);
	CHECK_INT(mc_calendar_check(&cal), MC_BAD_INPUT, "two overrides on one day are refused");
}

static void test_due_basic(void)
{
	mc_calendar cal = MC_CALENDAR_INIT;
	int64_t due, eff;

	/* SPEC 4.3: 30/04 and 01/05 are holidays, 02-03/05 a weekend. */
	CHECK_INT(mc_calendar_due(&cal, T(2026, 4, 29, 9, 0), 3, &due, &eff), MC_OK,
		  "SPEC example: status");
	CHECK_INT(due, T(2026, 5, 6, 9, 0), "SPEC example: Wed 29/04 09:00 + 3 -> Wed 06/05 09:00");
	CHECK_INT(eff, T(2026, 4, 29, 9, 0), "received in office hours counts as is");

	check_due(&cal, T(2026, 3, 6, 10, 0), 1, T(2026, 3, 9, 10, 0), "over a weekend");
	check_due(&cal, T(2026, 3, 5, 14, 0), 2, T(2026, 3, 9, 14, 0), "Thursday over a weekend");
	check_due(&cal, T(2026, 3, 9, 8, 0), 5, T(2026, 3, 16, 8, 0), "a full week");
	check_due(&cal, T(2026, 8, 31, 10, 0), 1, T(2026, 9, 3, 10, 0), "over 1-2/9");
	check_due(&cal, T(2026, 2, 13, 10, 0), 2, T(2026, 2, 24, 10, 0),
		  "over Tết 16-20/02 and a weekend");
	check_due(&cal, T(2026, 4, 24, 9, 0), 1, T(2026, 4, 28, 9, 0),
		  "Giỗ Tổ on Sunday 26/04 is made up on Monday 27/04");
	check_due(&cal, T(2026, 4, 24, 9, 0), 3, T(2026, 5, 4, 9, 0),
		  "Giỗ Tổ make-up, then 30/4-1/5 and a weekend");
}

static void test_due_outside_hours(void)
{
	mc_calendar cal = MC_CALENDAR_INIT;
	int64_t due, eff;

	mc_calendar_due(&cal, T(2026, 3, 11, 6, 0), 1, &due, &eff);
	CHECK_INT(eff, T(2026, 3, 11, 7, 30), "received 06:00 counts from 07:30 that day");
	CHECK_INT(due, T(2026, 3, 12, 7, 30), "06:00 + 1 day -> next day 07:30");
	check_due(&cal, T(2026, 3, 11, 12, 0), 1, T(2026, 3, 12, 12, 0), "12:00 is office hours");
	mc_calendar_due(&cal, T(2026, 3, 11, 17, 0), 1, &due, &eff);
	CHECK_INT(eff, T(2026, 3, 12, 7, 30), "received at 17:00 counts from the next opening");
	CHECK_INT(due, T(2026, 3, 13, 7, 30), "17:00 + 1 day -> the day after next, 07:30");
	check_due(&cal, T(2026, 3, 11, 16, 59), 1, T(2026, 3, 12, 16, 59), "16:59 is still open");
	check_due(&cal, T(2026, 3, 11, 20, 0), 1, T(2026, 3, 13, 7, 30), "received 20:00");
	mc_calendar_due(&cal, T(2026, 3, 14, 10, 0), 2, &due, &eff);
	CHECK_INT(eff, T(2026, 3, 16, 7, 30), "received Saturday counts from Monday 07:30");
	CHECK_INT(due, T(2026, 3, 18, 7, 30), "Saturday + 2 days -> Wednesday 07:30");
	mc_calendar_due(&cal, T(2026, 4, 30, 10, 0), 1, &due, &eff);
	CHECK_INT(eff, T(2026, 5, 4, 7, 30), "received on 30/04 counts from Monday 04/05");
	CHECK_INT(due, T(2026, 5, 5, 7, 30), "30/04 + 1 day -> Tuesday 05/05 07:30");
	CHECK_INT(mc_calendar_due(&cal, T(2026, 3, 11, 9, 0), 1, &due, NULL), MC_OK,
		  "effective may be NULL");
}

/* The same computation on instants, at the office's offset. */
static void test_due_at(void)
{
	mc_calendar cal = MC_CALENDAR_INIT;
	const int vn = 420, off = vn * 60;
	mc_time due, eff;

	CHECK_INT(mc_calendar_due_at(&cal, vn, T(2026, 4, 29, 9, 0) - off, 3, &due, &eff),
		  MC_OK, "due_at: status");
	CHECK_INT(due, T(2026, 5, 6, 9, 0) - off, "due_at: Wed 29/04 09:00 + 3 -> Wed 06/05 09:00");
	CHECK_INT(eff, T(2026, 4, 29, 9, 0) - off, "due_at: counted from the receipt");
	CHECK_INT(mc_calendar_due_at(&cal, vn, T(2026, 3, 11, 17, 0) - off, 1, &due, NULL),
		  MC_OK, "due_at: effective may be NULL");
	CHECK_INT(due, T(2026, 3, 13, 7, 30) - off, "due_at: 17:00 at the office is after closing");
	CHECK_INT(mc_calendar_due_at(&cal, 0, T(2026, 3, 11, 17, 0) - off, 1, &due, &eff),
		  MC_OK, "due_at at UTC: status");
	CHECK_INT(eff, T(2026, 3, 11, 17, 0) - off,
		  "due_at: the same instant, 10:00 in UTC, is in office hours there");
	CHECK_INT(mc_calendar_due_at(&cal, vn, 0, -1, &due, NULL), MC_BAD_INPUT,
		  "due_at: negative days");
	CHECK_INT(mc_calendar_due_at(&cal, vn, 0, 1, NULL, NULL), MC_USAGE, "due_at: no result");
}

static void test_due_same_day(void)
{
	mc_calendar cal = MC_CALENDAR_INIT;

	check_due(&cal, T(2026, 3, 11, 9, 0), 0, T(2026, 3, 11, 17, 0), "same day");
	check_due(&cal, T(2026, 3, 11, 14, 59), 0, T(2026, 3, 11, 17, 0), "14:59 before cut-off");
	check_due(&cal, T(2026, 3, 11, 15, 0), 0, T(2026, 3, 11, 17, 0), "15:00 is not after cut-off");
	check_due(&cal, T(2026, 3, 11, 15, 0) + 1, 0, T(2026, 3, 12, 17, 0), "15:00:01 is after");
	check_due(&cal, T(2026, 3, 11, 15, 1), 0, T(2026, 3, 12, 17, 0), "15:01 -> next day");
	check_due(&cal, T(2026, 3, 13, 16, 0), 0, T(2026, 3, 16, 17, 0), "Friday 16:00 -> Monday");
	check_due(&cal, T(2026, 3, 11, 6, 0), 0, T(2026, 3, 11, 17, 0), "06:00 -> that day 17:00");
	check_due(&cal, T(2026, 3, 11, 20, 0), 0, T(2026, 3, 12, 17, 0), "20:00 -> next day 17:00");
	check_due(&cal, T(2026, 3, 14, 10, 0), 0, T(2026, 3, 16, 17, 0), "Saturday -> Monday 17:00");
	check_due(&cal, T(2026, 4, 30, 10, 0), 0, T(2026, 5, 4, 17, 0), "on a holiday -> 04/05 17:00");
	check_due(&cal, T(2026, 2, 13, 15, 30), 0, T(2026, 2, 23, 17, 0), "after cut-off before Tết");
}

static void test_due_overrides(void)
{
	mc_override o[2] = {
		{ D(2026, 3, 12), 0, "Nghỉ đột xuất" },
		{ D(2026, 3, 14), 1, "Làm bù thứ Bảy" },
	};
	mc_calendar cal = MC_CALENDAR_INIT;

	cal.overrides = o;
	cal.n_overrides = 2;
	check_due(&cal, T(2026, 3, 11, 9, 0), 1, T(2026, 3, 13, 9, 0),
		  "a holiday added on Thursday delays the due");
	check_due(&cal, T(2026, 3, 11, 9, 0), 2, T(2026, 3, 14, 9, 0),
		  "the Saturday worked counts");
	check_due(&cal, T(2026, 3, 13, 16, 0), 1, T(2026, 3, 14, 16, 0),
		  "a Saturday worked has full hours");
	check_due(&cal, T(2026, 3, 14, 16, 30), 0, T(2026, 3, 16, 17, 0),
		  "and the normal cut-off");
}

static void test_due_mon_sat_am(void)
{
	mc_calendar cal = MC_CALENDAR_INIT;
	int64_t due, eff;
	int open, close;

	cal.workweek = MC_WORKWEEK_MON_SAT_AM;
	CHECK(mc_calendar_office_hours(&cal, D(2026, 3, 14), &open, &close) &&
	      open == 450 && close == 690, "Saturday is open 07:30-11:30");
	CHECK_INT(mc_calendar_office_hours(&cal, D(2026, 3, 15), &open, &close), 0,
		  "Sunday is closed");
	check_due(&cal, T(2026, 3, 13, 9, 0), 1, T(2026, 3, 14, 9, 0),
		  "Friday 09:00 + 1 -> Saturday 09:00");
	check_due(&cal, T(2026, 3, 13, 14, 0), 1, T(2026, 3, 16, 14, 0),
		  "Friday 14:00 + 1: Saturday closes at 11:30 -> Monday 14:00");
	check_due(&cal, T(2026, 3, 13, 11, 30), 1, T(2026, 3, 16, 11, 30),
		  "due exactly at the Saturday close moves on too");
	check_due(&cal, T(2026, 3, 14, 10, 0), 1, T(2026, 3, 16, 10, 0),
		  "Saturday 10:00 + 1 -> Monday 10:00");
	mc_calendar_due(&cal, T(2026, 3, 14, 12, 0), 1, &due, &eff);
	CHECK_INT(eff, T(2026, 3, 16, 7, 30), "Saturday 12:00 counts from Monday 07:30");
	CHECK_INT(due, T(2026, 3, 17, 7, 30), "Saturday 12:00 + 1 -> Tuesday 07:30");
	check_due(&cal, T(2026, 3, 14, 9, 0), 0, T(2026, 3, 14, 11, 30),
		  "same day on Saturday morning: due at 11:30");
	check_due(&cal, T(2026, 3, 14, 9, 30), 0, T(2026, 3, 14, 11, 30),
		  "09:30 is the Saturday cut-off");
	check_due(&cal, T(2026, 3, 14, 9, 31), 0, T(2026, 3, 16, 17, 0),
		  "after the Saturday cut-off -> Monday 17:00");
	check_due(&cal, T(2026, 3, 13, 20, 0), 0, T(2026, 3, 14, 11, 30),
		  "Friday evening counts from Saturday 07:30, due 11:30");
	check_due(&cal, T(2026, 3, 15, 10, 0), 0, T(2026, 3, 16, 17, 0),
		  "Sunday -> Monday 17:00");
	check_due(&cal, T(2026, 4, 29, 9, 0), 3, T(2026, 5, 5, 9, 0),
		  "SPEC example with Saturday 02/05 open: Tuesday 05/05");
}

static void test_due_errors(void)
{
	mc_calendar cal = MC_CALENDAR_INIT;
	int64_t due;

	CHECK_INT(mc_calendar_due(&cal, T(2026, 3, 11, 9, 0), -1, &due, NULL),
		  MC_BAD_INPUT, "negative days are refused");
	CHECK_INT(mc_calendar_due(&cal, T(2026, 3, 11, 9, 0), 1, NULL, NULL),
		  MC_USAGE, "due may not be NULL");
	cal.open_min = 17 * 60;
	CHECK_INT(mc_calendar_due(&cal, T(2026, 3, 11, 9, 0), 1, &due, NULL),
		  MC_BAD_INPUT, "opening after closing is refused");
	cal = (mc_calendar)MC_CALENDAR_INIT;
	cal.cutoff_min = 18 * 60;
	CHECK_INT(mc_calendar_check(&cal), MC_BAD_INPUT, "a cut-off after closing is refused");
	cal = (mc_calendar)MC_CALENDAR_INIT;
	cal.workweek = MC_WORKWEEK_MON_SAT_AM;
	cal.sat_close_min = 7 * 60;
	CHECK_INT(mc_calendar_check(&cal), MC_BAD_INPUT, "Saturday closing before opening is refused");
	cal.workweek = MC_WORKWEEK_MON_FRI;
	CHECK_INT(mc_calendar_check(&cal), MC_OK, "sat_close does not matter for mon-fri");
}

static void test_working_seconds(void)
{
	mc_calendar cal = MC_CALENDAR_INIT, sat = MC_CALENDAR_INIT;
	int64_t h = 3600;

	sat.workweek = MC_WORKWEEK_MON_SAT_AM;
	CHECK_INT(mc_calendar_working_seconds(&cal, T(2026, 3, 11, 9, 0), T(2026, 3, 11, 10, 0)),
		  h, "one hour in the morning");
	CHECK_INT(mc_calendar_working_seconds(&cal, T(2026, 3, 11, 16, 0), T(2026, 3, 12, 8, 30)),
		  2 * h, "over a night");
	CHECK_INT(mc_calendar_working_seconds(&cal, T(2026, 3, 13, 16, 0), T(2026, 3, 16, 8, 30)),
		  2 * h, "over a weekend");
	CHECK_INT(mc_calendar_working_seconds(&sat, T(2026, 3, 13, 16, 0), T(2026, 3, 16, 8, 30)),
		  6 * h, "over a weekend with Saturday morning open");
	CHECK_INT(mc_calendar_working_seconds(&cal, T(2026, 3, 9, 0, 0), T(2026, 3, 16, 0, 0)),
		  5 * 9 * h + 5 * h / 2, "a whole week is 5 x 9h30");
	CHECK_INT(mc_calendar_working_seconds(&cal, T(2026, 4, 29, 16, 0), T(2026, 5, 4, 8, 0)),
		  h + h / 2, "over 30/04-01/05 and a weekend");
	CHECK_INT(mc_calendar_working_seconds(&cal, T(2026, 3, 11, 20, 0), T(2026, 3, 12, 7, 0)),
		  0, "a night holds no working time");
	CHECK_INT(mc_calendar_working_seconds(&cal, T(2026, 3, 12, 9, 0), T(2026, 3, 11, 9, 0)),
		  0, "b before a gives 0");
}

static void test_add_working_seconds(void)
{
	mc_calendar cal = MC_CALENDAR_INIT;
	int64_t h = 3600;
	char g[32], w[32];
	int bad = 0, tries = 0;

#define CHECK_ADD(t, s, want, why) \
	CHECK_STR(fmt(mc_calendar_add_working_seconds(&cal, (t), (s)), g, sizeof g), \
		  fmt((want), w, sizeof w), "%s", why)
	CHECK_ADD(T(2026, 3, 11, 9, 0), h, T(2026, 3, 11, 10, 0), "one hour");
	CHECK_ADD(T(2026, 3, 11, 16, 0), 2 * h, T(2026, 3, 12, 8, 30), "over a night");
	CHECK_ADD(T(2026, 3, 13, 16, 0), 2 * h, T(2026, 3, 16, 8, 30), "over a weekend");
	CHECK_ADD(T(2026, 3, 11, 16, 0), h, T(2026, 3, 11, 17, 0), "landing at closing keeps it");
	CHECK_ADD(T(2026, 3, 11, 20, 0), h, T(2026, 3, 12, 8, 30), "from the next opening");
	CHECK_ADD(T(2026, 3, 14, 10, 0), h, T(2026, 3, 16, 8, 30), "from Saturday");
	CHECK_ADD(T(2026, 4, 29, 16, 0), 2 * h, T(2026, 5, 4, 8, 30), "over 30/04-01/05");
	CHECK_ADD(T(2026, 3, 14, 10, 0), 0, T(2026, 3, 14, 10, 0), "0 seconds leave t alone");
#undef CHECK_ADD

	/* working_seconds undoes add_working_seconds, from any moment. */
	for (int64_t t = T(2026, 4, 20, 0, 0); t < T(2026, 5, 10, 0, 0); t += 37 * 60) {
		for (int64_t s = 1; s < 40 * h; s = s * 3 + 7 * 60) {
			int64_t u = mc_calendar_add_working_seconds(&cal, t, s);
			int open, close;
			int64_t day = mc_local_day(u);
			int in = mc_calendar_office_hours(&cal, day, &open, &close) &&
				 mc_local_minute_of_day(u) >= open &&
				 u <= day * MC_DAY_SECONDS + close * 60;

			tries++;
			bad += mc_calendar_working_seconds(&cal, t, u) != s || !in;
		}
	}
	CHECK_INT(bad, 0, "%d moves land in office hours and measure back", tries);
}
/* The working days between two days: what `dossier list` shows as "late
 * by N working days". */
static void test_working_days_between(void)
{
	mc_calendar cal = MC_CALENDAR_INIT;
	mc_override o[1];

	CHECK_INT(mc_calendar_working_days_between(&cal, D(2026, 5, 6), D(2026, 5, 6)), 0,
		  "from a day to itself: none");
	CHECK_INT(mc_calendar_working_days_between(&cal, D(2026, 5, 5), D(2026, 5, 6)), 1,
		  "Tuesday 05/05 to Wednesday 06/05: one");
	CHECK_INT(mc_calendar_working_days_between(&cal, D(2026, 5, 8), D(2026, 5, 11)), 1,
		  "Friday 08/05 to Monday 11/05: the weekend does not count");
	CHECK_INT(mc_calendar_working_days_between(&cal, D(2026, 5, 8), D(2026, 5, 10)), 0,
		  "Friday 08/05 to Sunday 10/05: none");
	CHECK_INT(mc_calendar_working_days_between(&cal, D(2026, 4, 29), D(2026, 5, 6)), 3,
		  "Wednesday 29/04 to Wednesday 06/05: 30/04, 01/05 and the weekend do not count");
	CHECK_INT(mc_calendar_working_days_between(&cal, D(2026, 4, 24), D(2026, 4, 28)), 1,
		  "Friday 24/04 to Tuesday 28/04: the make-up day of Giỗ Tổ does not count");
	CHECK_INT(mc_calendar_working_days_between(&cal, D(2026, 5, 6), D(2026, 4, 29)), -3,
		  "reversed: minus the count the other way");
	CHECK_INT(mc_calendar_working_days_between(&cal, D(2026, 5, 11), D(2026, 5, 8)), -1,
		  "reversed across a weekend");

	o[0] = (mc_override){ D(2026, 5, 9), 1, "Làm bù thứ Bảy" };
	cal.overrides = o;
	cal.n_overrides = 1;
	CHECK_INT(mc_calendar_working_days_between(&cal, D(2026, 5, 8), D(2026, 5, 11)), 2,
		  "a Saturday worked counts");
	CHECK_INT(mc_calendar_working_days_between(&cal, D(2000, 1, 1), D(2100, 1, 1)),
		  mc_calendar_working_days_between(&cal, D(2000, 1, 1),
						   D(2000, 1, 1) + MC_CALENDAR_SPAN_DAYS),
		  "a span of a century is counted over its first %d days",
		  MC_CALENDAR_SPAN_DAYS);
}

/* The years every date option is bounded to (cmd/args.c). */
static void test_supported_years(void)
{
	CHECK(mc_calendar_supports(D(1900, 1, 1)), "1900-01-01 is the first day supported");
	CHECK(!mc_calendar_supports(D(1899, 12, 31)), "1899-12-31 is not");
	CHECK(mc_calendar_supports(D(2199, 12, 31)), "2199-12-31 is the last day supported");
	CHECK(!mc_calendar_supports(D(2200, 1, 1)), "2200-01-01 is not");
	CHECK(!mc_calendar_supports(D(9999, 12, 30)), "9999-12-30 is not");
}

int main(void)
{
	test_supported_years();
	test_holidays_2026();
	test_holidays_2023();
	test_holidays_2024_2025();
	test_working_days();
	test_working_days_between();
	test_due_basic();
	test_due_outside_hours();
	test_due_at();
	test_due_same_day();
	test_due_overrides();
	test_due_mon_sat_am();
	test_due_errors();
	test_working_seconds();
	test_add_working_seconds();
	return unit_done();
}
