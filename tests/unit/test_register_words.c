/* Unit tests of core/words.c: numbers and dates in Vietnamese words. */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "words.h"

/* A number in words, as the year of a date: the forms write numbers in
 * words only there. A negative year gives no date at all. */
static void number(long v, const char *want)
{
	char buf[256], full[256];
	mc_words_date((int)v, 1, 1, buf, sizeof buf);
	snprintf(full, sizeof full, "%s%s", *want ? "ngày một tháng một năm " : "", want);
	CHECK_STR(buf, full, "%ld in words", v);
}

static void date(int y, int m, int d, const char *want)
{
	char buf[256];
	mc_words_date(y, m, d, buf, sizeof buf);
	CHECK_STR(buf, want, "%02d/%02d/%04d in words", d, m, y);
}

int main(void)
{
	number(0, "không");
	number(1, "một");
	number(4, "bốn");
	number(5, "năm");
	number(10, "mười");
	number(11, "mười một");          /* not "mốt" after mười */
	number(14, "mười bốn");
	number(15, "mười lăm");          /* lăm after mười */
	number(20, "hai mươi");          /* mươi from twenty */
	number(21, "hai mươi mốt");      /* mốt after mươi */
	number(24, "hai mươi bốn");
	number(25, "hai mươi lăm");
	number(30, "ba mươi");
	number(31, "ba mươi mốt");
	number(55, "năm mươi lăm");
	number(100, "một trăm");
	number(101, "một trăm linh một"); /* linh, never lẻ */
	number(105, "một trăm linh năm"); /* năm after linh */
	number(110, "một trăm mười");
	number(115, "một trăm mười lăm");
	number(121, "một trăm hai mươi mốt");
	number(1000, "một nghìn");
	number(1005, "một nghìn không trăm linh năm");
	number(1900, "một nghìn chín trăm");
	number(1945, "một nghìn chín trăm bốn mươi lăm");
	number(1990, "một nghìn chín trăm chín mươi");
	number(2000, "hai nghìn");
	number(2005, "hai nghìn không trăm linh năm");
	number(2010, "hai nghìn không trăm mười");
	number(2019, "hai nghìn không trăm mười chín");
	number(2021, "hai nghìn không trăm hai mươi mốt");
	number(2100, "hai nghìn một trăm");
	number(16000, "mười sáu nghìn");
	number(1000000, "một triệu");
	number(1000005, "một triệu không trăm linh năm");
	number(2050100, "hai triệu không trăm năm mươi nghìn một trăm");
	number(-1, "");

	date(2019, 3, 12, "ngày mười hai tháng ba năm hai nghìn không trăm mười chín");
	date(2000, 4, 1, "ngày một tháng tư năm hai nghìn");
	date(1999, 12, 31, "ngày ba mươi mốt tháng mười hai năm một nghìn chín trăm chín mươi chín");
	date(2005, 11, 25, "ngày hai mươi lăm tháng mười một năm hai nghìn không trăm linh năm");
	date(1940, 1, 1, "ngày một tháng một năm một nghìn chín trăm bốn mươi");
	date(2021, 10, 15, "ngày mười lăm tháng mười năm hai nghìn không trăm hai mươi mốt");

	char small[8];
	size_t n = mc_words_date(2021, 10, 21, small, sizeof small);
	CHECK_INT(n, strlen("ngày hai mươi mốt tháng mười năm hai nghìn không trăm hai mươi mốt"),
		  "the length needed is returned");
	CHECK_STR(small, "ngày h", "what fits is written");
	return unit_done();
}
