/* motcua — working days, statutory holidays and due times.
 *
 * Every rule about which days and hours count lives here; the rules are
 * described at each function in calendar.h.
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "lunar.h"

#define MAX_YEAR_HOLIDAYS 32
#define BASE_PER_YEAR 11        /* 1/1, Tết x5, Giỗ Tổ, 30/4, 1/5, 2/9 and one beside */
#define MAX_DUE_DAYS 10000

/* Local seconds of a minute of a day. */
static int64_t at(int64_t day, int minute)
{
	return day * MC_DAY_SECONDS + (int64_t)minute * 60;
}

static int is_weekly_rest(mc_workweek w, int64_t day)
{
	int wd = mc_weekday(day);

	return wd == 0 || (wd == 6 && w != MC_WORKWEEK_MON_SAT_AM);
}

static void put_holiday(mc_holiday *h, size_t *n, int64_t day,
			const char *prefix, const char *name, int makeup)
{
	h[*n].day = day;
	snprintf(h[*n].name, sizeof h[*n].name, "%s%.80s", prefix, name);
	h[*n].makeup = makeup;
	(*n)++;
}

static void add_lunar(mc_holiday *h, size_t *n, int year, int month,
		      int day, int from, int to, const char *name)
{
	mc_lunar_date ld = { year, month, day, 0 };
	int ok;
	int64_t d = mc_lunar_to_days(&ld, MC_LUNAR_TZ_VIETNAM, &ok);

	for (int i = from; ok && i <= to; i++)
		put_holiday(h, n, d + i, "", name, 0);
}

/* The statutory days off of one solar year, before make-ups, unsorted. */
static size_t base_holidays(int year, mc_holiday *h)
{
	size_t n = 0;
	int64_t national = mc_days_from_civil(year, 9, 2);

	put_holiday(h, &n, mc_days_from_civil(year, 1, 1), "", "Tết Dương lịch", 0);
	/* The last two days of the lunar year (its 28th and 29th, or 29th
	 * and 30th) and the first three of the new one. */
	add_lunar(h, &n, year, 1, 1, -2, 2, "Tết Nguyên Đán");
	add_lunar(h, &n, year, 3, 10, 0, 0, "Giỗ Tổ Hùng Vương");
	put_holiday(h, &n, mc_days_from_civil(year, 4, 30), "", "Ngày Chiến thắng", 0);
	put_holiday(h, &n, mc_days_from_civil(year, 5, 1), "", "Quốc tế Lao động", 0);
	/* The day beside 2/9: the Friday after a Thursday (a long weekend),
	 * the day before otherwise. */
	put_holiday(h, &n, national, "", "Quốc khánh", 0);
	put_holiday(h, &n, national + (mc_weekday(national) == 4 ? 1 : -1), "", "Quốc khánh", 0);
	return n;
}

/* Stable insertion sort by day: holidays on one day keep their order. */
static void sort_holidays(mc_holiday *h, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		mc_holiday x = h[i];
		size_t j = i;

		for (; j > 0 && h[j - 1].day > x.day; j--)
			h[j] = h[j - 1];
		h[j] = x;
	}
}

static int holiday_on(const mc_holiday *h, size_t n, int64_t day)
{
	for (size_t i = 0; i < n; i++)
		if (h[i].day == day)
			return 1;
	return 0;
}

/*
 * The holidays and make-ups of `year`, into out (room for
 * MAX_YEAR_HOLIDAYS). The year before is included in the make-up pass
 * so that a make-up it pushes over New Year would be found.
 */
static size_t compute_year(mc_workweek w, int year, mc_holiday *out)
{
	mc_holiday all[4 * BASE_PER_YEAR];
	size_t nb, n, i, kept = 0;

	nb = base_holidays(year - 1, all);
	nb += base_holidays(year, all + nb);
	sort_holidays(all, nb);
	n = nb;
	for (i = 0; i < nb; i++) {
		int64_t d = all[i].day;

		if (!is_weekly_rest(w, d) && !(i > 0 && all[i - 1].day == d))
			continue;
		do
			d++;
		while (is_weekly_rest(w, d) || holiday_on(all, n, d));
		put_holiday(all, &n, d, "Nghỉ bù ", all[i].name, 1);
	}
	sort_holidays(all, n);
	for (i = 0; i < n && kept < MAX_YEAR_HOLIDAYS; i++) {
		int y, m, dd;

		mc_civil_from_days(all[i].day, &y, &m, &dd);
		if (y != year)
			continue;
		/* Two holidays on one day (Giỗ Tổ on 30/4, as in 1947) are
		 * one day off, listed once; the make-up above gave back the
		 * other. */
		if (kept && out[kept - 1].day == all[i].day) {
			size_t len = strlen(out[kept - 1].name);

			snprintf(out[kept - 1].name + len, sizeof out[kept - 1].name - len,
				 ", %s", all[i].name);
			continue;
		}
		out[kept++] = all[i];
	}
	return kept;
}

/*
 * A few years of computed holidays, per thread, keyed on what they depend
 * on (year and workweek), so that counting days costs no astronomy and
 * calendars with other settings do not disturb each other.
 */
struct year_holidays {
	int valid, year;
	mc_workweek workweek;
	size_t n;
	mc_holiday h[MAX_YEAR_HOLIDAYS];
};

static const struct year_holidays *holidays_cached(mc_workweek w, int year)
{
	static _Thread_local struct year_holidays cache[4];
	static _Thread_local unsigned next;
	struct year_holidays *c;

	for (int i = 0; i < 4; i++)
		if (cache[i].valid && cache[i].year == year &&
		    cache[i].workweek == w)
			return &cache[i];
	c = &cache[next++ % 4];
	c->n = compute_year(w, year, c->h);
	c->year = year;
	c->workweek = w;
	c->valid = 1;
	return c;
}

size_t mc_holidays_of_year(const mc_calendar *cal, int year,
			   mc_holiday *out, size_t cap)
{
	const struct year_holidays *c = holidays_cached(cal->workweek, year);

	for (size_t i = 0; i < c->n && i < cap; i++)
		out[i] = c->h[i];
	return c->n;
}

static const mc_holiday *computed_holiday(mc_workweek w, int64_t day)
{
	int y, m, d;
	const struct year_holidays *c;

	mc_civil_from_days(day, &y, &m, &d);
	c = holidays_cached(w, y);
	for (size_t i = 0; i < c->n; i++)
		if (c->h[i].day == day)
			return &c->h[i];
	return NULL;
}

static const mc_override *find_override(const mc_calendar *cal, int64_t day)
{
	size_t lo = 0, hi = cal->n_overrides;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cal->overrides[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < cal->n_overrides && cal->overrides[lo].day == day)
		return &cal->overrides[lo];
	return NULL;
}

typedef enum {
	MC_DAY_WORKING = 0,
	MC_DAY_REST,               /* weekly rest day                   */
	MC_DAY_HOLIDAY,            /* statutory holiday or make-up day  */
} mc_day_kind;

/*
 * The one place that decides a day: an override first (is_workday 1:
 * working, even on a weekend or a computed holiday; 0: holiday), then the
 * computed holidays and make-up days, then the weekly rest days. *ov is
 * the override that decided, or NULL.
 */
static mc_day_kind classify(const mc_calendar *cal, int64_t day, const mc_override **ov)
{
	const mc_override *o = find_override(cal, day);

	*ov = o;
	if (o)
		return o->is_workday ? MC_DAY_WORKING : MC_DAY_HOLIDAY;
	if (computed_holiday(cal->workweek, day))
		return MC_DAY_HOLIDAY;
	return is_weekly_rest(cal->workweek, day) ? MC_DAY_REST : MC_DAY_WORKING;
}

int mc_calendar_is_working_day(const mc_calendar *cal, int64_t day)
{
	const mc_override *o;

	return classify(cal, day, &o) == MC_DAY_WORKING;
}

int64_t mc_calendar_next_working_day(const mc_calendar *cal, int64_t day)
{
	do
		day++;
	while (!mc_calendar_is_working_day(cal, day));
	return day;
}

int mc_calendar_working_days_between(const mc_calendar *cal, int64_t from, int64_t to)
{
	if (to < from)
		return -mc_calendar_working_days_between(cal, to, from);
	int n = 0;
	for (int64_t day = from + 1; day <= to && day - from <= MC_CALENDAR_SPAN_DAYS; day++)
		n += mc_calendar_is_working_day(cal, day) != 0;
	return n;
}

int mc_calendar_office_hours(const mc_calendar *cal, int64_t day,
			     int *open_min, int *close_min)
{
	const mc_override *o;

	if (classify(cal, day, &o) != MC_DAY_WORKING)
		return 0;
	*open_min = cal->open_min;
	*close_min = cal->close_min;
	if (!o && cal->workweek == MC_WORKWEEK_MON_SAT_AM && mc_weekday(day) == 6)
		*close_min = cal->sat_close_min;
	return 1;
}

mc_status mc_calendar_check(const mc_calendar *cal)
{
	if (cal->open_min < 0 || cal->open_min >= cal->close_min ||
	    cal->close_min > 24 * 60 || cal->cutoff_min < cal->open_min ||
	    cal->cutoff_min > cal->close_min)
		return MC_BAD_INPUT;
	if (cal->workweek == MC_WORKWEEK_MON_SAT_AM &&
	    (cal->sat_close_min <= cal->open_min || cal->sat_close_min > 24 * 60))
		return MC_BAD_INPUT;
	if (cal->workweek != MC_WORKWEEK_MON_FRI &&
	    cal->workweek != MC_WORKWEEK_MON_SAT_AM)
		return MC_BAD_INPUT;
	if (cal->n_overrides && !cal->overrides)
		return MC_BAD_INPUT;
	for (size_t i = 1; i < cal->n_overrides; i++)
		if (cal->overrides[i - 1].day >= cal->overrides[i].day)
			return MC_BAD_INPUT;
	return MC_OK;
}

/* SPEC 4.3: where the count of a receipt at t starts. */
static int64_t effective_start(const mc_calendar *cal, int64_t t)
{
	int64_t day = mc_local_day(t);
	int open, close;

	if (mc_calendar_office_hours(cal, day, &open, &close)) {
		if (t < at(day, open))
			return at(day, open);
		if (t < at(day, close))
			return t;
	}
	day = mc_calendar_next_working_day(cal, day);
	mc_calendar_office_hours(cal, day, &open, &close);
	return at(day, open);
}

/* days >= 1: N working days later, at the same time of day. */
static int64_t due_in_days(const mc_calendar *cal, int64_t eff, int days)
{
	int64_t day = mc_local_day(eff);
	int64_t tod = eff - day * MC_DAY_SECONDS;
	int open, close;

	for (int i = 0; i < days; i++)
		day = mc_calendar_next_working_day(cal, day);
	/* A Saturday morning may close before that time of day. */
	for (;;) {
		mc_calendar_office_hours(cal, day, &open, &close);
		if (tod < (int64_t)close * 60)
			break;
		day = mc_calendar_next_working_day(cal, day);
	}
	return day * MC_DAY_SECONDS + tod;
}

/* days == 0: closing time of the effective day or, past its cut-off,
 * of the next working day. */
static int64_t due_same_day(const mc_calendar *cal, int64_t eff)
{
	int64_t day = mc_local_day(eff);
	int open, close, cutoff;

	mc_calendar_office_hours(cal, day, &open, &close);
	cutoff = close - (cal->close_min - cal->cutoff_min);
	if (cutoff < open)
		cutoff = open;
	if (eff > at(day, cutoff)) {
		day = mc_calendar_next_working_day(cal, day);
		mc_calendar_office_hours(cal, day, &open, &close);
	}
	return at(day, close);
}

mc_status mc_calendar_due(const mc_calendar *cal, int64_t received, int days,
			  int64_t *due, int64_t *effective)
{
	int64_t eff;

	if (!cal || !due)
		return MC_USAGE;
	if (days < 0 || days > MAX_DUE_DAYS || mc_calendar_check(cal) != MC_OK)
		return MC_BAD_INPUT;
	eff = effective_start(cal, received);
	*due = days ? due_in_days(cal, eff, days) : due_same_day(cal, eff);
	if (effective)
		*effective = eff;
	return MC_OK;
}

mc_status mc_calendar_due_at(const mc_calendar *cal, int offset_min, mc_time received,
			     int days, mc_time *due, mc_time *effective)
{
	int64_t off = (int64_t)offset_min * 60, local_due, eff;
	mc_status rc;

	if (!due)
		return MC_USAGE;
	rc = mc_calendar_due(cal, received + off, days, &local_due, &eff);
	if (rc != MC_OK)
		return rc;
	*due = local_due - off;
	if (effective)
		*effective = eff - off;
	return MC_OK;
}

int64_t mc_calendar_working_seconds(const mc_calendar *cal, int64_t a, int64_t b)
{
	int64_t total = 0, last = mc_local_day(b - 1);
	int open, close;

	if (b <= a)
		return 0;
	for (int64_t day = mc_local_day(a); day <= last; day++) {
		int64_t lo, hi;

		if (!mc_calendar_office_hours(cal, day, &open, &close))
			continue;
		lo = at(day, open) > a ? at(day, open) : a;
		hi = at(day, close) < b ? at(day, close) : b;
		if (hi > lo)
			total += hi - lo;
	}
	return total;
}

int64_t mc_calendar_add_working_seconds(const mc_calendar *cal, int64_t t,
					int64_t secs)
{
	int64_t day = mc_local_day(t);
	int open, close;

	if (secs <= 0 || mc_calendar_check(cal) != MC_OK)
		return t;
	for (;; day++) {
		int64_t lo, hi;

		if (!mc_calendar_office_hours(cal, day, &open, &close))
			continue;
		lo = at(day, open) > t ? at(day, open) : t;
		hi = at(day, close);
		if (hi <= lo)
			continue;
		if (secs <= hi - lo)
			return lo + secs;
		secs -= hi - lo;
	}
}

int mc_calendar_supports(int64_t day)
{
	return day >= mc_days_from_civil(MC_CALENDAR_FIRST_YEAR, 1, 1) &&
	       day <= mc_days_from_civil(MC_CALENDAR_LAST_YEAR, 12, 31);
}
