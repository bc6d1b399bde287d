/* motcua — numbers and dates in Vietnamese words. */
#include <stdio.h>
#include <string.h>

#include "strbuf.h"
#include "words.h"

static const char *const digits[10] = {
	"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
};

static void add(mc_strbuf *b, const char *w)
{
	mc_strbuf_addf(b, "%s%s", b->len ? " " : "", w);
}

/* A group of three digits; full: a larger group came before, so the
 * hundreds are read even when zero ("không trăm"). */
static void group(mc_strbuf *b, int v, int full)
{
	int h = v / 100, t = v / 10 % 10, u = v % 10;
	int hundreds = full || h > 0;

	if (hundreds)
		mc_strbuf_addf(b, "%s%s trăm", b->len ? " " : "", digits[h]);
	if (t == 0) {
		if (u == 0)
			return;
		if (hundreds)
			add(b, "linh");
		add(b, digits[u]);
	} else if (t == 1) {
		add(b, "mười");
		if (u == 5)
			add(b, "lăm");
		else if (u > 0)
			add(b, digits[u]);
	} else {
		mc_strbuf_addf(b, "%s%s mươi", b->len ? " " : "", digits[t]);
		if (u == 1)
			add(b, "mốt");
		else if (u == 5)
			add(b, "lăm");
		else if (u > 0)
			add(b, digits[u]);
	}
}

static void number(mc_strbuf *b, long v)
{
	static const char *const units[] = { "triệu", "nghìn", NULL };
	static const long scale[] = { 1000000, 1000, 1 };
	int started = 0;

	if (v == 0) {
		add(b, digits[0]);
		return;
	}
	for (int i = 0; i < 3; i++) {
		int g = (int)(v / scale[i] % 1000);
		if (g == 0)
			continue;
		group(b, g, started);
		if (units[i])
			add(b, units[i]);
		started = 1;
	}
}

/* The result into buf, snprintf-style. */
static size_t give(mc_strbuf *b, char *buf, size_t n)
{
	size_t len = b->oom ? 0 : b->len;
	if (n > 0)
		snprintf(buf, n, "%s", b->s && !b->oom ? b->s : "");
	mc_strbuf_release(b);
	return len;
}

size_t mc_words_date(int y, int m, int d, char *buf, size_t n)
{
	mc_strbuf b = MC_STRBUF_INIT;
	if (m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 0) {
		add(&b, "ngày");
		number(&b, d);
		add(&b, "tháng");
		if (m == 4)
			add(&b, "tư");
		else
			number(&b, m);
		add(&b, "năm");
		number(&b, y);
	}
	return give(&b, buf, n);
}
