/* motcua — the Vietnamese lunisolar calendar, from astronomy.
 *
 * The formulas are those of Jean Meeus, "Astronomical Algorithms"
 * (2nd ed., 1998): chapter 49 for the instants of the new moons,
 * chapter 25 (low accuracy, about 0.01 degree) for the sun's apparent
 * longitude, and the Espenak-Meeus polynomials for Delta T, the gap
 * between the dynamical time of the series and universal time.
 */
#include <math.h>

#include "clock.h"
#include "lunar.h"

#define PI 3.14159265358979323846
#define JD_UNIX_EPOCH 2440587.5         /* 1970-01-01 00:00 UT */
#define JD_J2000 2451545.0
#define SYNODIC_MONTH 29.530588861
#define JDE_NEW_MOON_0 2451550.09766    /* new moon k = 0, 2000-01-06 */

static double rad(double deg)
{
	return fmod(deg, 360.0) * (PI / 180.0);
}

/* Delta T = TT - UT in days, for a decimal year (Espenak and Meeus). */
static double delta_t(double y)
{
	double t, s, u = (y - 1820) / 100;

	if (y < 1900 || y >= 2150) {
		s = -20 + 32 * u * u;
	} else if (y < 1920) {
		t = y - 1900;
		s = -2.79 + t * (1.494119 + t * (-0.0598939 +
		    t * (0.0061966 - 0.000197 * t)));
	} else if (y < 1941) {
		t = y - 1920;
		s = 21.20 + t * (0.84493 + t * (-0.076100 + 0.0020936 * t));
	} else if (y < 1961) {
		t = y - 1950;
		s = 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
	} else if (y < 1986) {
		t = y - 1975;
		s = 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
	} else if (y < 2005) {
		t = y - 2000;
		s = 63.86 + t * (0.3345 + t * (-0.060374 + t * (0.0017275 +
		    t * (0.000651814 + 0.00002373599 * t))));
	} else if (y < 2050) {
		t = y - 2000;
		s = 62.92 + 0.32217 * t + 0.005589 * t * t;
	} else {
		s = -20 + 32 * u * u - 0.5628 * (2150 - y);
	}
	return s / MC_DAY_SECONDS;
}

static double year_of_jd(double jd)
{
	return 2000.0 + (jd - JD_J2000) / 365.25;
}

/* One periodic term of the new moon (Meeus table 49.A): coefficient in
 * days, power of E, multiples of M' (moon's anomaly), M (sun's anomaly),
 * F (moon's argument of latitude) and Omega (ascending node). */
struct nm_term {
	double coef;
	signed char e, mp, m, f, om;
};

static const struct nm_term nm_terms[] = {
	{ -0.40720, 0, 1,  0,  0, 0 }, {  0.17241, 1, 0,  1,  0, 0 },
	{  0.01608, 0, 2,  0,  0, 0 }, {  0.01039, 0, 0,  0,  2, 0 },
	{  0.00739, 1, 1, -1,  0, 0 }, { -0.00514, 1, 1,  1,  0, 0 },
	{  0.00208, 2, 0,  2,  0, 0 }, { -0.00111, 0, 1,  0, -2, 0 },
	{ -0.00057, 0, 1,  0,  2, 0 }, {  0.00056, 1, 2,  1,  0, 0 },
	{ -0.00042, 0, 3,  0,  0, 0 }, {  0.00042, 1, 0,  1,  2, 0 },
	{  0.00038, 1, 0,  1, -2, 0 }, { -0.00024, 1, 2, -1,  0, 0 },
	{ -0.00017, 0, 0,  0,  0, 1 }, { -0.00007, 0, 1,  2,  0, 0 },
	{  0.00004, 0, 2,  0, -2, 0 }, {  0.00004, 0, 0,  3,  0, 0 },
	{  0.00003, 0, 1,  1, -2, 0 }, {  0.00003, 0, 2,  0,  2, 0 },
	{ -0.00003, 0, 1,  1,  2, 0 }, {  0.00003, 0, 1, -1,  2, 0 },
	{ -0.00002, 0, 1, -1, -2, 0 }, { -0.00002, 0, 3,  1,  0, 0 },
	{  0.00002, 0, 4,  0,  0, 0 },
};

/* The planetary arguments A1..A14 (degrees: a + b k) and their weights
 * in 1e-6 day; A1 also has a T^2 term, added by the caller. */
static const double nm_planetary[14][3] = {
	{ 299.77,  0.107408, 325 }, { 251.88,  0.016321, 165 },
	{ 251.83, 26.651886, 164 }, { 349.42, 36.412478, 126 },
	{  84.66, 18.206239, 110 }, { 141.74, 53.303771,  62 },
	{ 207.14,  2.453732,  60 }, { 154.84,  7.306860,  56 },
	{  34.52, 27.261239,  47 }, { 207.19,  0.121824,  42 },
	{ 291.34,  1.844379,  40 }, { 161.72, 24.198154,  37 },
	{ 239.56, 25.513099,  35 }, { 331.55,  3.592518,  23 },
};

/* Julian ephemeris day (TT) of the k-th new moon after 2000-01-06. */
static double new_moon_jde(int k)
{
	double t = k / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
	double jde = JDE_NEW_MOON_0 + SYNODIC_MONTH * k + 0.00015437 * t2 -
		     0.000000150 * t3 + 0.00000000073 * t4;
	double e = 1 - 0.002516 * t - 0.0000074 * t2;
	double m = rad(2.5534 + 29.10535670 * k - 0.0000014 * t2 -
		       0.00000011 * t3);
	double mp = rad(201.5643 + 385.81693528 * k + 0.0107582 * t2 +
			0.00001238 * t3 - 0.000000058 * t4);
	double f = rad(160.7108 + 390.67050284 * k - 0.0016118 * t2 -
		       0.00000227 * t3 + 0.000000011 * t4);
	double om = rad(124.7746 - 1.56375588 * k + 0.0020672 * t2 +
			0.00000215 * t3);
	size_t i;

	for (i = 0; i < sizeof nm_terms / sizeof nm_terms[0]; i++) {
		const struct nm_term *p = &nm_terms[i];
		double c = p->coef * (p->e == 2 ? e * e : p->e ? e : 1);
		jde += c * sin(p->mp * mp + p->m * m + p->f * f + p->om * om);
	}
	for (i = 0; i < 14; i++) {
		double a = nm_planetary[i][0] + nm_planetary[i][1] * k;
		if (i == 0)
			a -= 0.009173 * t2;
		jde += nm_planetary[i][2] * 1e-6 * sin(rad(a));
	}
	return jde;
}

/* The sun's apparent ecliptic longitude (degrees, 0..360) at a JDE. */
static double sun_longitude(double jde)
{
	double t = (jde - JD_J2000) / 36525;
	double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
	double m = rad(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
	double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(m) +
		   (0.019993 - 0.000101 * t) * sin(2 * m) +
		   0.000289 * sin(3 * m);
	double om = rad(125.04 - 1934.136 * t);
	double lon = fmod(l0 + c - 0.00569 - 0.00478 * sin(om), 360.0);

	return lon < 0 ? lon + 360 : lon;
}

/* Local day number on which the k-th new moon falls. */
static int64_t new_moon_day(int k, double tz)
{
	double jde = new_moon_jde(k);
	double jd = jde - delta_t(year_of_jd(jde));

	return (int64_t)floor(jd - JD_UNIX_EPOCH + tz / 24);
}

/*
 * Which 30-degree sector the sun is in at the local midnight that starts
 * a day. A month holds a major solar term exactly when the sector at the
 * start of its first day differs from the one at the start of the next
 * month's first day: a term is dated by the local day it happens on.
 */
static int term_sector(int64_t day, double tz)
{
	double jd = (double)day + JD_UNIX_EPOCH - tz / 24;

	return (int)(sun_longitude(jd + delta_t(year_of_jd(jd))) / 30);
}

/* The last new moon whose local day is on or before `day`. */
static int new_moon_at_or_before(int64_t day, double tz)
{
	double jd = (double)day + JD_UNIX_EPOCH;
	int k = (int)floor((jd - JDE_NEW_MOON_0) / SYNODIC_MONTH);

	while (new_moon_day(k + 1, tz) <= day)
		k++;
	while (new_moon_day(k, tz) > day)
		k--;
	return k;
}

/* The new moon that starts month 11 of a solar year: the one whose month
 * holds the winter solstice (sun at 270 degrees, around 22 December). */
static int month11_new_moon(int year, double tz)
{
	int k = new_moon_at_or_before(mc_days_from_civil(year, 12, 31), tz);

	if (term_sector(new_moon_day(k, tz), tz) >= 9)
		k--;
	return k;
}

/* The months from month 11 of `year` to month 11 of the next year. */
struct lunar_span {
	int year;       /* solar year of the first month 11             */
	int k11;        /* its new moon                                 */
	int leap;       /* 1..12: months after k11 of the leap month; 0 */
};

static void lunar_span_of(int year, double tz, struct lunar_span *s)
{
	int k_next = month11_new_moon(year + 1, tz);
	int i, sector, next;

	s->year = year;
	s->k11 = month11_new_moon(year, tz);
	s->leap = 0;
	if (k_next - s->k11 != 13)
		return;
	sector = term_sector(new_moon_day(s->k11 + 1, tz), tz);
	for (i = 1; i <= 12; i++) {
		next = term_sector(new_moon_day(s->k11 + i + 1, tz), tz);
		if (next == sector) {
			s->leap = i;
			return;
		}
		sector = next;
	}
}

int64_t mc_lunar_to_days(const mc_lunar_date *ld, double tz_hours, int *ok)
{
	struct lunar_span s;
	int num, i;
	int64_t start, len;

	if (ok)
		*ok = 0;
	if (ld->month < 1 || ld->month > 12 || ld->day < 1 || ld->day > 30 ||
	    ld->year < 2 || ld->year > 9998)
		return -1;
	/* Months 11 and 12 follow the month 11 of the lunar year's own
	 * solar year; months 1..10 that of the year before. */
	lunar_span_of(ld->month >= 11 ? ld->year : ld->year - 1, tz_hours, &s);
	num = ld->month >= 11 ? ld->month - 11 : ld->month + 1;
	i = num;
	if (ld->leap) {
		if (!s.leap || s.leap - 1 != num)
			return -1;
		i = s.leap;
	} else if (s.leap && num >= s.leap) {
		i = num + 1;
	}
	start = new_moon_day(s.k11 + i, tz_hours);
	len = new_moon_day(s.k11 + i + 1, tz_hours) - start;
	if (ld->day > len)
		return -1;
	if (ok)
		*ok = 1;
	return start + ld->day - 1;
}
