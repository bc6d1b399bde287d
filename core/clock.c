/* motcua — civil dates and times at a fixed UTC offset, without TZ. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "digits.h"
#include "i18n.h"

/* Days since 1970-01-01 of a proleptic Gregorian date: years are counted
 * from March so that the leap day ends the year, in 400-year eras. */
int64_t mc_days_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t mp = (m + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void mc_civil_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t dd = doy - (153 * mp + 2) / 5 + 1;
	int64_t mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

int mc_weekday(int64_t days)
{
	int64_t w = (days + 4) % 7;     /* 1970-01-01 was a Thursday */
	return (int)(w < 0 ? w + 7 : w);
}

int mc_days_in_month(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return len[m - 1];
}

int mc_date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 &&
	       d >= 1 && d <= mc_days_in_month(y, m);
}

int64_t mc_day_at(mc_time t, int offset_min)
{
	return mc_local_day(t + (int64_t)offset_min * 60);
}

int64_t mc_local_day(int64_t local)
{
	int64_t d = local / MC_DAY_SECONDS;
	return (local % MC_DAY_SECONDS < 0) ? d - 1 : d;
}

int mc_local_minute_of_day(int64_t local)
{
	int64_t s = local - mc_local_day(local) * MC_DAY_SECONDS;
	return (int)(s / 60);
}

/* Reads exactly n digits at *p, advancing it. */
static int read_digits(const char **p, int n, int *val)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return 0;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*val = v;
	return 1;
}

/* Reads 1 or 2 digits (the Vietnamese form allows 1/5/2026). */
static int read_1or2(const char **p, int *val)
{
	if (!isdigit((unsigned char)**p))
		return 0;
	int n = isdigit((unsigned char)(*p)[1]) ? 2 : 1;
	return read_digits(p, n, val);
}

static mc_status parse_offset_at(const char **pp, int *offset_min)
{
	const char *p = *pp;
	int h, m = 0, sign;

	if (*p == 'Z' || *p == 'z') {
		*offset_min = 0;
		*pp = p + 1;
		return MC_OK;
	}
	if (*p != '+' && *p != '-')
		return MC_BAD_INPUT;
	sign = *p == '-' ? -1 : 1;
	p++;
	if (!read_digits(&p, 2, &h))
		return MC_BAD_INPUT;
	/* "+07", "+0700" or "+07:00"; a colon must be followed by minutes. */
	if (*p == ':') {
		p++;
		if (!read_digits(&p, 2, &m))
			return MC_BAD_INPUT;
	} else if (isdigit((unsigned char)*p) && !read_digits(&p, 2, &m)) {
		return MC_BAD_INPUT;
	}
	if (h > 14 || m > 59 || h * 60 + m > 14 * 60)
		return MC_BAD_INPUT;
	*offset_min = sign * (h * 60 + m);
	*pp = p;
	return MC_OK;
}

mc_status mc_parse_offset(const char *s, int *offset_min)
{
	const char *p = s;
	int off;
	if (parse_offset_at(&p, &off) != MC_OK || *p)
		return MC_BAD_INPUT;
	*offset_min = off;
	return MC_OK;
}

void mc_format_offset(int offset_min, char *buf, size_t n)
{
	/* long: negating INT_MIN as an int would overflow. */
	long a = offset_min < 0 ? -(long)offset_min : offset_min;
	snprintf(buf, n, "%c%02ld:%02ld", offset_min < 0 ? '-' : '+', a / 60, a % 60);
}

/* A date at *pp in either accepted form; advances past it. */
static mc_status parse_date_at(const char **pp, int64_t *days)
{
	const char *p = *pp;
	int y, m, d;

	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
	    isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
	    p[4] == '-') {
		if (!read_digits(&p, 4, &y) || *p++ != '-' ||
		    !read_digits(&p, 2, &m) || *p++ != '-' ||
		    !read_digits(&p, 2, &d))
			return MC_BAD_INPUT;
	} else {
		if (!read_1or2(&p, &d) || *p++ != '/' ||
		    !read_1or2(&p, &m) || *p++ != '/' ||
		    !read_digits(&p, 4, &y))
			return MC_BAD_INPUT;
	}
	if (!mc_date_valid(y, m, d))
		return MC_BAD_INPUT;
	*days = mc_days_from_civil(y, m, d);
	*pp = p;
	return MC_OK;
}

mc_status mc_parse_date(const char *s, int64_t *days)
{
	const char *p = s;
	int64_t v;
	if (parse_date_at(&p, &v) != MC_OK || *p)
		return MC_BAD_INPUT;
	*days = v;
	return MC_OK;
}

/* HH:MM[:SS] at *pp. */
static mc_status parse_time_at(const char **pp, int *secs, int allow_seconds)
{
	const char *p = *pp;
	int h, m, s = 0;
	if (!read_digits(&p, 2, &h) || *p++ != ':' || !read_digits(&p, 2, &m))
		return MC_BAD_INPUT;
	if (allow_seconds && *p == ':') {
		p++;
		if (!read_digits(&p, 2, &s) || s > 59)
			return MC_BAD_INPUT;
	}
	if (h > 23 || m > 59)
		return MC_BAD_INPUT;
	*secs = h * 3600 + m * 60 + s;
	*pp = p;
	return MC_OK;
}

mc_status mc_parse_hhmm(const char *s, int *minute)
{
	const char *p = s;
	int secs;
	if (parse_time_at(&p, &secs, 0) != MC_OK || *p)
		return MC_BAD_INPUT;
	*minute = secs / 60;
	return MC_OK;
}

mc_status mc_parse_datetime(const char *s, int default_offset_min, mc_time *t)
{
	const char *p = s;
	int64_t days;
	int secs = 0, off = default_offset_min;

	if (parse_date_at(&p, &days) != MC_OK)
		return MC_BAD_INPUT;
	if (*p == ' ' || *p == 'T' || *p == 't') {
		p++;
		if (parse_time_at(&p, &secs, 1) != MC_OK)
			return MC_BAD_INPUT;
	}
	if (*p) {
		if (*p == ' ')
			p++;
		if (parse_offset_at(&p, &off) != MC_OK || *p)
			return MC_BAD_INPUT;
	}
	*t = days * MC_DAY_SECONDS + secs - (int64_t)off * 60;
	return MC_OK;
}

void mc_format_date(int64_t days, char *buf, size_t n)
{
	int y, m, d;
	mc_civil_from_days(days, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

void mc_format_date_vn(int64_t days, char *buf, size_t n)
{
	int y, m, d;
	mc_civil_from_days(days, &y, &m, &d);
	/* A lookup page shows a dozen of them: by hand when the year has
	 * four digits, the same text as the format below. */
	if (n >= 11 && y >= 0 && y <= 9999) {
		const int v[] = { d / 10, d % 10, -1, m / 10, m % 10, -1,
				  y / 1000, y / 100 % 10, y / 10 % 10, y % 10 };
		for (int i = 0; i < 10; i++)
			buf[i] = v[i] < 0 ? '/' : (char)('0' + v[i]);
		buf[10] = '\0';
		return;
	}
	snprintf(buf, n, "%02d/%02d/%04d", d, m, y);
}

void mc_format_datetime(mc_time t, int offset_min, char *buf, size_t n)
{
	int64_t local = t + (int64_t)offset_min * 60;
	int64_t day = mc_local_day(local);
	int mins = mc_local_minute_of_day(local);
	char date[16];
	mc_format_date(day, date, sizeof date);
	snprintf(buf, n, "%s %02d:%02d", date, mins / 60, mins % 60);
}

void mc_format_iso(mc_time t, int offset_min, char *buf, size_t n)
{
	int64_t local = t + (int64_t)offset_min * 60;
	int64_t day = mc_local_day(local);
	int64_t s = local - day * MC_DAY_SECONDS;
	/* off[16]: room for any int, so that -Wformat-truncation (on at
	 * -O2 with -Wall) has nothing to say; real offsets take 7 bytes. */
	char date[16], off[16];
	mc_format_date(day, date, sizeof date);
	mc_format_offset(offset_min, off, sizeof off);
	snprintf(buf, n, "%sT%02d:%02d:%02d%s", date, (int)(s / 3600),
		 (int)(s / 60 % 60), (int)(s % 60), off);
}

void mc_format_compact(mc_time t, int offset_min, char *buf, size_t n)
{
	int64_t local = t + (int64_t)offset_min * 60;
	int64_t day = mc_local_day(local);
	int64_t s = local - day * MC_DAY_SECONDS;
	int y, m, d;
	mc_civil_from_days(day, &y, &m, &d);
	snprintf(buf, n, "%04d%02d%02d%02d%02d%02d", y, m, d, (int)(s / 3600),
		 (int)(s / 60 % 60), (int)(s % 60));
}

mc_status mc_now(const char *now_env, int default_offset_min, mc_time *t)
{
	if (now_env && *now_env)
		return mc_parse_datetime(now_env, default_offset_min, t);
	*t = (mc_time)time(NULL);
	return MC_OK;
}

void mc_format_day_human(int64_t days, char *buf, size_t n)
{
	if (mc_lang_vi())
		mc_format_date_vn(days, buf, n);
	else
		mc_format_date(days, buf, n);
}

void mc_format_time_human(mc_time t, int offset_min, char *buf, size_t n)
{
	int64_t local = t + (int64_t)offset_min * 60;
	int mins = mc_local_minute_of_day(local);
	char date[16];
	mc_format_day_human(mc_local_day(local), date, sizeof date);
	snprintf(buf, n, "%s %02d:%02d", date, mins / 60, mins % 60);
}

void mc_format_amount_human(int64_t vnd, char *buf, size_t n)
{
	char grouped[40];
	if (!mc_lang_vi()) {
		snprintf(buf, n, "%lld", (long long)vnd);
		return;
	}
	/* Vietnamese groups thousands with a dot: 1.250.000 đ. */
	mc_format_grouped(vnd, grouped, sizeof grouped);
	snprintf(buf, n, "%s đ", grouped);
}
