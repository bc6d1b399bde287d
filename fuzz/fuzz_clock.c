/* motcua — fuzzing the date, time and offset parsers of core/clock.c:
 * what they accept must print back to what they read. */
#include <string.h>

#include "clock.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), buf[64];
	int64_t day, again;
	int minute, off;
	mc_time t, t2;

	if (mc_parse_date(s, &day) == MC_OK) {
		int y, m, d;
		mc_civil_from_days(day, &y, &m, &d);
		FUZZ_ASSERT(mc_date_valid(y, m, d));
		mc_format_date(day, buf, sizeof buf);
		FUZZ_ASSERT(mc_parse_date(buf, &again) == MC_OK && again == day);
		mc_format_date_vn(day, buf, sizeof buf);
		FUZZ_ASSERT(mc_parse_date(buf, &again) == MC_OK && again == day);
	}
	if (mc_parse_hhmm(s, &minute) == MC_OK)
		FUZZ_ASSERT(minute >= 0 && minute < 24 * 60);
	if (mc_parse_offset(s, &off) == MC_OK) {
		FUZZ_ASSERT(off >= -14 * 60 && off <= 14 * 60);
		mc_format_offset(off, buf, sizeof buf);
		int off2;
		FUZZ_ASSERT(mc_parse_offset(buf, &off2) == MC_OK && off2 == off);
	}
	for (int o = -14 * 60; o <= 14 * 60; o += 7 * 60) {
		if (mc_parse_datetime(s, o, &t) != MC_OK)
			continue;
		/* An explicit offset may shift the date past year 1..9999
		 * at o; the civil range is what must print back. */
		int y, m, d;
		mc_civil_from_days(mc_local_day(t + (int64_t)o * 60), &y, &m, &d);
		if (y < 2 || y > 9998)
			continue;
		mc_format_iso(t, o, buf, sizeof buf);
		FUZZ_ASSERT(mc_parse_datetime(buf, 0, &t2) == MC_OK && t2 == t);
		mc_format_datetime(t, o, buf, sizeof buf);
		FUZZ_ASSERT(mc_parse_datetime(buf, o, &t2) == MC_OK &&
			    t2 == t - ((t % 60) + 60) % 60);
	}
	if (mc_now(s, 7 * 60, &t) == MC_OK && *s)
		FUZZ_ASSERT(mc_parse_datetime(s, 7 * 60, &t2) == MC_OK && t == t2);
	free(s);
	return 0;
}
