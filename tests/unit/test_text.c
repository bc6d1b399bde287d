/* Unit tests of core/text.c: UTF-8, NFC cleaning, phones, IDs, PINs. */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "unit.h"

/* "Nguyễn" precomposed: ễ is U+1EC5. */
#define NGUYEN_NFC "Nguy\xe1\xbb\x85n"
/* The same name decomposed: e + U+0302 circumflex + U+0303 tilde. */
#define NGUYEN_NFD "Nguye\xcc\x82\xcc\x83n"

static int valid(const char *s)
{
	return mc_utf8_valid(s, strlen(s));
}

static void test_utf8_valid(void)
{
	CHECK(mc_utf8_valid("", 0), "empty string is valid");
	CHECK(valid("Nguyen Van A"), "ASCII is valid");
	CHECK(valid(NGUYEN_NFC " V\xc4\x83n \xc4\x90\xe1\xbb\xa9" "c"),
	      "Vietnamese NFC is valid");
	CHECK(valid(NGUYEN_NFD), "decomposed Vietnamese is valid");
	CHECK(valid("\xf0\x9f\x98\x80"), "a 4-byte sequence (U+1F600) is valid");
	CHECK(valid("\xed\x9f\xbf"), "U+D7FF, just below the surrogates, is valid");
	CHECK(valid("\xee\x80\x80"), "U+E000, just above the surrogates, is valid");
	CHECK(valid("\xf4\x8f\xbf\xbf"), "U+10FFFF is valid");

	CHECK(!valid("\xc0\xaf"), "overlong 2-byte '/' (C0 AF) is refused");
	CHECK(!valid("\xc1\xbf"), "overlong 2-byte (C1 BF) is refused");
	CHECK(!valid("\xe0\x80\xaf"), "overlong 3-byte '/' is refused");
	CHECK(!valid("\xe0\x9f\xbf"), "overlong 3-byte U+07FF is refused");
	CHECK(!valid("\xf0\x80\x80\xaf"), "overlong 4-byte '/' is refused");
	CHECK(!valid("\xf0\x8f\xbf\xbf"), "overlong 4-byte U+FFFF is refused");
	CHECK(!valid("\xed\xa0\x80"), "surrogate U+D800 is refused");
	CHECK(!valid("\xed\xbf\xbf"), "surrogate U+DFFF is refused");
	CHECK(!valid("\xed\xa0\xbd\xed\xb8\x80"), "CESU-8 surrogate pair is refused");
	CHECK(!valid("\xf4\x90\x80\x80"), "U+110000 is refused");
	CHECK(!valid("\xf5\x80\x80\x80"), "lead byte F5 is refused");
	CHECK(!valid("\xff"), "byte FF is refused");
	CHECK(!valid("\x80"), "a stray continuation byte is refused");
	CHECK(!valid("a\xc3\x28"), "a lead byte without continuation is refused");
	CHECK(!valid("Nguy\xe1\xbb"), "a sequence cut at the end is refused");
	CHECK(!mc_utf8_valid(NGUYEN_NFC, 5), "len cutting through a sequence is refused");
	CHECK(mc_utf8_valid(NGUYEN_NFC, 4), "len at a sequence boundary is valid");
	CHECK(!mc_utf8_valid("a\0b", 3), "a NUL byte inside len is refused");
	/* Runs of eight ASCII bytes are checked at once: what breaks a run
	 * must still be found at every place of it. */
	CHECK(mc_utf8_valid("0123456789abcdefXYZ", 19), "long ASCII runs are valid");
	for (int at = 0; at < 17; at++) {
		char buf[18];
		memset(buf, 'a', sizeof buf);
		buf[at] = '\0';
		CHECK(!mc_utf8_valid(buf, sizeof buf), "a NUL at %d of an ASCII run is refused", at);
		buf[at] = (char)0x80;
		CHECK(!mc_utf8_valid(buf, sizeof buf), "a stray 0x80 at %d is refused", at);
		buf[at] = (char)0xff;
		CHECK(!mc_utf8_valid(buf, sizeof buf), "a 0xFF at %d is refused", at);
	}
	CHECK(valid("Nguyen Van \xc3\x81nh 2019-03-12"), "ASCII around a sequence is valid");
	CHECK(!valid("Nguyen Van \xc3 2019-03-12"), "a sequence cut by ASCII is refused");
}

static void test_utf8_length_width(void)
{
	CHECK_INT(mc_utf8_length(""), 0, "length of empty");
	CHECK_INT(mc_utf8_length(NGUYEN_NFC), 6, "length of Nguyễn (NFC)");
	CHECK_INT(mc_utf8_length(NGUYEN_NFD), 8, "length of Nguyễn (NFD) counts the marks");
	CHECK_INT(mc_utf8_length("\xf0\x9f\x98\x80x"), 2, "length with a 4-byte sequence");

	CHECK_INT(mc_utf8_width(""), 0, "width of empty");
	CHECK_INT(mc_utf8_width("abc"), 3, "width of ASCII");
	CHECK_INT(mc_utf8_width(NGUYEN_NFC), 6, "width of Nguyễn (NFC)");
	CHECK_INT(mc_utf8_width(NGUYEN_NFD), 6, "combining marks take no column");
	CHECK_INT(mc_utf8_width("\xe4\xb8\xad\xe6\x96\x87"), 4, "CJK 中文 is two columns each");
	CHECK_INT(mc_utf8_width("a\xffz"), 3, "an invalid byte counts one column");
}

/* mc_text_clean succeeds and gives exactly want. */
static void clean_ok(const char *in, int multiline, size_t max,
		     const char *want, const char *what)
{
	char *out = NULL;
	mc_status st = mc_text_clean(in, multiline, max, &out);

	CHECK_INT(st, MC_OK, "clean %s: status", what);
	CHECK_STR(out, want, "clean %s: bytes", what);
	free(out);
}

/* mc_text_clean fails with want_st and leaves *out alone. */
static void clean_bad(const char *in, int multiline, size_t max,
		      mc_status want_st, const char *what)
{
	char sentinel[] = "untouched";
	char *out = sentinel;
	mc_status st = mc_text_clean(in, multiline, max, &out);

	CHECK_INT(st, want_st, "clean %s: refused", what);
	CHECK(out == sentinel, "clean %s: *out untouched", what);
}

static void test_text_clean_nfc(void)
{
	clean_ok(NGUYEN_NFD, 0, 0, NGUYEN_NFC, "NFD Nguyễn becomes precomposed");
	clean_ok(NGUYEN_NFC, 0, 0, NGUYEN_NFC, "NFC Nguyễn is unchanged");
	/* Văn: a + U+0306 breve -> U+0103; Ánh: A + U+0301 -> U+00C1. */
	clean_ok("  " NGUYEN_NFD " Va\xcc\x86n A\xcc\x81nh \n", 0, 0,
		 NGUYEN_NFC " V\xc4\x83n \xc3\x81nh", "a full decomposed name");
	/* ớ: o + U+031B horn + U+0301 acute, marks in either order. */
	clean_ok("o\xcc\x9b\xcc\x81", 0, 0, "\xe1\xbb\x9b", "ơ + acute composes to ớ");
	clean_ok("o\xcc\x81\xcc\x9b", 0, 0, "\xe1\xbb\x9b",
		 "acute + horn is reordered, then composed to ớ");
	clean_ok("\xe2\x84\xab", 0, 0, "\xc3\x85", "ANGSTROM SIGN becomes Å (NFC singleton)");
	clean_ok("q\xcc\x81", 0, 0, "q\xcc\x81", "a mark with no precomposed form stays");
	clean_ok("\xef\xac\x81", 0, 0, "\xef\xac\x81", "ligature fi is kept (NFC, not NFKC)");
}

static void test_text_clean_blanks(void)
{
	clean_ok("", 0, 0, "", "empty");
	clean_ok(" \t \n", 0, 0, "", "only blanks give empty");
	clean_ok("\t Lan \r\n", 0, 0, "Lan", "tab, space, CR, LF trimmed");
	clean_ok("\xc2\xa0Lan\xc2\xa0\xc2\xa0", 0, 0, "Lan", "NO-BREAK SPACE trimmed at both ends");
	clean_ok("Lan\xc2\xa0" "Anh", 0, 0, "Lan\xc2\xa0" "Anh", "inner NO-BREAK SPACE kept");
	clean_ok("Lan   Anh", 0, 0, "Lan   Anh", "inner spaces kept");
	clean_ok("\n d\xc3\xb2ng 1\nd\xc3\xb2ng\t2 \n\n", 1, 0,
		 "d\xc3\xb2ng 1\nd\xc3\xb2ng\t2", "multiline keeps inner LF and tab");
}

static void test_text_clean_refused(void)
{
	char *out = NULL;

	clean_bad("Lan\nAnh", 0, 0, MC_BAD_INPUT, "inner LF in a single line");
	clean_bad("Lan\tAnh", 0, 0, MC_BAD_INPUT, "inner tab in a single line");
	clean_bad("a\r\nb", 1, 0, MC_BAD_INPUT, "inner CR even in multiline");
	clean_bad("a\x01" "b", 1, 0, MC_BAD_INPUT, "C0 control");
	clean_bad("\x1b[31mred", 0, 0, MC_BAD_INPUT, "ESC (terminal escape)");
	clean_bad("a\x7f", 0, 0, MC_BAD_INPUT, "DEL");
	clean_bad("a\xc2\x85" "b", 1, 0, MC_BAD_INPUT, "C1 NEL (U+0085)");
	clean_bad("a\xc2\x9f", 0, 0, MC_BAD_INPUT, "C1 U+009F");
	clean_bad("Nguy\xe1\xbb", 0, 0, MC_BAD_INPUT, "truncated UTF-8");
	clean_bad("\xc0\xaf", 0, 0, MC_BAD_INPUT, "overlong UTF-8");
	clean_bad("a\xed\xa0\x80", 0, 0, MC_BAD_INPUT, "surrogate");
	clean_bad(NULL, 0, 0, MC_USAGE, "NULL input");
	CHECK_INT(mc_text_clean("a", 0, 0, NULL), MC_USAGE, "clean NULL out: MC_USAGE");

	clean_ok(NGUYEN_NFC, 0, 6, NGUYEN_NFC, "6 code points within max 6");
	clean_bad(NGUYEN_NFC, 0, 5, MC_BAD_INPUT, "6 code points past max 5");
	clean_ok(NGUYEN_NFD, 0, 6, NGUYEN_NFC, "max counts after NFC, not the 8 NFD points");
	clean_ok("  abc \xc2\xa0", 0, 3, "abc", "max counts after trimming");
	CHECK_INT(mc_text_clean("abcd", 0, 3, &out), MC_BAD_INPUT, "4 ASCII past max 3");
	CHECK(out == NULL, "max refused: *out still NULL");
}

static void phone_ok(const char *in, const char *want)
{
	char out[12] = "";

	CHECK_INT(mc_phone_normalize(in, out, sizeof out), MC_OK, "phone \"%s\" accepted", in);
	CHECK_STR(out, want, "phone \"%s\" normalised", in);
}

static void phone_bad(const char *in)
{
	char out[12] = "untouched";

	CHECK_INT(mc_phone_normalize(in, out, sizeof out), MC_BAD_INPUT,
		  "phone \"%s\" refused", in);
	CHECK_STR(out, "untouched", "phone \"%s\": out untouched", in);
}

static void test_phone(void)
{
	char small[11];

	phone_ok("0912345678", "0912345678");
	phone_ok("+84 912 345 678", "0912345678");
	phone_ok("+84912345678", "0912345678");
	phone_ok("84912345678", "0912345678");
	phone_ok("84-912-345-678", "0912345678");
	phone_ok("  0912 345 678\t", "0912345678");
	phone_ok("0912 - 345 - 678", "0912345678");
	phone_ok("0912\t345\t678", "0912345678");
	phone_ok("0312345678", "0312345678");
	phone_ok("0512345678", "0512345678");
	phone_ok("0712345678", "0712345678");
	phone_ok("0812345678", "0812345678");
	phone_ok("0274.3822.123", "02743822123");
	phone_ok("0274-3822-123", "02743822123");
	phone_ok("+84 274 3822 123", "02743822123");
	phone_ok("842743822123", "02743822123");

	phone_bad("0123456789");        /* 01x mobiles were renumbered in 2018 */
	phone_bad("0412345678");
	phone_bad("0612345678");
	phone_bad("091234567");         /* too short */
	phone_bad("09123456789");       /* mobile prefix, landline length */
	phone_bad("0281234567");        /* landline prefix, mobile length */
	phone_bad("028123456789");
	phone_bad("0912345678901234567890");
	phone_bad("091234567a");
	phone_bad("0912 345 67x");
	phone_bad("abc");
	phone_bad("");
	phone_bad("   ");
	phone_bad("+");
	phone_bad("+0912345678");       /* '+' without the country code */
	phone_bad("+84 0912345678");
	phone_bad("0084912345678");
	phone_bad("+ 84912345678");
	phone_bad("-0912345678");
	phone_bad("0912345678-");
	phone_bad(".0912345678");
	phone_bad("(0274) 3822123");
	phone_bad("0912/345/678");
	phone_bad("0912\xc2\xa0" "345678");

	CHECK_INT(mc_phone_normalize("0912345678", small, sizeof small), MC_USAGE,
		  "phone: an 11-byte buffer is a usage error");
}

static void id_ok(const char *in, const char *want)
{
	char out[13] = "";

	CHECK_INT(mc_id_number_normalize(in, out, sizeof out), MC_OK, "id \"%s\" accepted", in);
	CHECK_STR(out, want, "id \"%s\" normalised", in);
}

static void id_bad(const char *in)
{
	char out[13] = "untouched";

	CHECK_INT(mc_id_number_normalize(in, out, sizeof out), MC_BAD_INPUT,
		  "id \"%s\" refused", in);
	CHECK_STR(out, "untouched", "id \"%s\": out untouched", in);
}

static void test_id_number(void)
{
	char small[12];

	id_ok("001203012345", "001203012345");
	id_ok("001 203 012345", "001203012345");
	id_ok(" 079\t0 95 012345 ", "079095012345");
	for (char c = '0'; c <= '9'; c++) {
		char in[] = "001003012345";
		in[3] = c;
		id_ok(in, in);  /* any sex/century digit */
	}
	id_ok("000203012345", "000203012345");  /* the shape only: mc_id_number_check() */
	id_ok("123456789", "123456789");        /* legacy CMND */
	id_ok("123 456 789", "123456789");

	id_bad("");
	id_bad("   ");
	id_bad("00120301234");          /* 11 digits */
	id_bad("0012030123456");        /* 13 digits */
	id_bad("12345678");
	id_bad("1234567890");
	id_bad("00120301234a");
	id_bad("001-203-012345");
	id_bad("001.203.012345");
	id_bad("-01203012345");

	CHECK_INT(mc_id_number_normalize("001203012345", small, sizeof small), MC_USAGE,
		  "id: a 12-byte buffer is a usage error");
}

/* mc_id_number_check: the 63 province codes of Circular 07/2016/TT-BCA. */
static void id_check(const char *in, mc_status want, const char *want_out, const char *want_why)
{
	char out[13] = "untouched", why[160] = "";

	CHECK_INT(mc_id_number_check(in, out, sizeof out, why, sizeof why), want,
		  "id check \"%s\"", in);
	CHECK_STR(out, want_out, "id check \"%s\": out", in);
	CHECK_STR(why, want_why, "id check \"%s\": why", in);
}

static void test_id_number_check(void)
{
	static const char *const codes[] = {
		"001", "002", "004", "006", "008", "010", "011", "012", "014", "015",
		"017", "019", "020", "022", "024", "025", "026", "027", "030", "031",
		"033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
		"046", "048", "049", "051", "052", "054", "056", "058", "060", "062",
		"064", "066", "067", "068", "070", "072", "074", "075", "077", "079",
		"080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
		"094", "095", "096",
	};
	size_t known = 0;
	char in[13], out[13], why[160];
	int sex, year;

	CHECK_INT(sizeof codes / sizeof codes[0], 63, "the annex lists 63 codes");
	/* Every 3-digit start: exactly the 63 codes pass. */
	for (int p = 0; p < 1000; p++) {
		snprintf(in, sizeof in, "%03d190001234", p);
		if (mc_id_number_check(in, out, sizeof out, why, sizeof why) == MC_OK)
			known++;
	}
	CHECK_INT(known, 63, "63 province codes out of 000-999");
	for (size_t i = 0; i < 63; i++) {
		snprintf(in, sizeof in, "%s190001234", codes[i]);
		CHECK_INT(mc_id_number_check(in, out, sizeof out, why, sizeof why), MC_OK,
			  "province code %s", codes[i]);
	}
	id_check("074 219 001 234", MC_OK, "074219001234", "");
	id_check("123456789", MC_OK, "123456789", "");   /* a CMND: no structure */
	id_check("000190001234", MC_BAD_INPUT, "untouched",
		 "does not begin with a province code (000 is not one of the 63 codes of Circular 07/2016/TT-BCA)");
	id_check("003190001234", MC_BAD_INPUT, "untouched",
		 "does not begin with a province code (003 is not one of the 63 codes of Circular 07/2016/TT-BCA)");
	id_check("097190001234", MC_BAD_INPUT, "untouched",
		 "does not begin with a province code (097 is not one of the 63 codes of Circular 07/2016/TT-BCA)");
	id_check("12345", MC_BAD_INPUT, "untouched",
		 "is not a citizen ID number (12-digit CCCD or 9-digit CMND)");

	CHECK_INT(mc_id_number_holder("074219001234", &sex, &year), 1, "a CCCD speaks of its holder");
	CHECK_INT(sex * 10000 + year, 12019, "0-2: a man born in 2019");
	mc_id_number_holder("001040000123", &sex, &year);
	CHECK_INT(sex * 10000 + year, 11940, "0: a man born in 1940");
	mc_id_number_holder("079195003333", &sex, &year);
	CHECK_INT(sex * 10000 + year, 21995, "1: a woman born in 1995");
	mc_id_number_holder("079305003333", &sex, &year);
	CHECK_INT(sex * 10000 + year, 22005, "3: a woman born in 2005");
	mc_id_number_holder("079400003333", &sex, &year);
	CHECK_INT(sex * 10000 + year, 12100, "4: a man born in 2100");
	mc_id_number_holder("079599003333", &sex, &year);
	CHECK_INT(sex * 10000 + year, 22199, "5: a woman born in 2199");
	CHECK_INT(mc_id_number_holder("123456789", &sex, &year), 0, "a CMND says nothing");
}

static void test_email(void)
{
	static const char *const good[] = {
		"lan@example.com", "a.b+c@mail.ubnd.gov.vn", "x@y.vn",
		"nguyen_van-a@gmail.com",
	};
	static const char *const bad[] = {
		"", "lan", "@example.com", "lan@", "lan@example", "lan@@example.com",
		"a@b@c.com", "lan@ex ample.com", "lan @example.com", " lan@example.com",
		"lan@.com", "lan@example.", "lan@example..com", "lan<x>@a.com",
		"\"lan\"@a.com", "nguy\xe1\xbb\x85n@gmail.com",
	};
	char longlocal[80], longaddr[300];

	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		CHECK(mc_email_valid(good[i]), "email \"%s\" accepted", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		CHECK(!mc_email_valid(bad[i]), "email \"%s\" refused", bad[i]);
	CHECK(!mc_email_valid(NULL), "email NULL refused");
	CHECK(!mc_email_valid("lan@a.com\n"), "email with a trailing newline refused");

	memset(longlocal, 'a', 65);
	strcpy(longlocal + 65, "@a.vn");
	CHECK(!mc_email_valid(longlocal), "email with a 65-character local part refused");
	longlocal[64] = '@';
	strcpy(longlocal + 65, "a.vn");
	CHECK(mc_email_valid(longlocal), "email with a 64-character local part accepted");
	memset(longaddr, 'b', sizeof longaddr);
	memcpy(longaddr, "a@", 2);
	strcpy(longaddr + 251, ".vn");  /* 254 characters */
	CHECK(mc_email_valid(longaddr), "email of 254 characters accepted");
	strcpy(longaddr + 252, ".vn");
	CHECK(!mc_email_valid(longaddr), "email of 255 characters refused");
}

static void test_unit_id(void)
{
	char id[40];

	CHECK(mc_unit_id_valid("000.00.22.H12"), "unit id 000.00.22.H12");
	CHECK(mc_unit_id_valid("H12"), "unit id H12");
	CHECK(mc_unit_id_valid("0"), "unit id of 1 character");
	memset(id, 'A', 35);
	id[35] = '\0';
	CHECK(mc_unit_id_valid(id), "unit id of 35 characters");
	id[35] = 'A';
	id[36] = '\0';
	CHECK(!mc_unit_id_valid(id), "unit id of 36 characters refused");
	CHECK(!mc_unit_id_valid(""), "empty unit id refused");
	CHECK(!mc_unit_id_valid(NULL), "NULL unit id refused");
	CHECK(!mc_unit_id_valid("000.00.22.h12"), "lower-case unit id refused");
	CHECK(!mc_unit_id_valid("000-00-22-H12"), "dashes refused");
	CHECK(!mc_unit_id_valid(" 000.00.22.H12"), "blank refused");
	CHECK(!mc_unit_id_valid("000.00.22.\xc4\x90"), "non-ASCII refused");
}

static void test_pin(void)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	enum { N = 3200 };
	int count[32] = { 0 };
	int shape_ok = 1, all_same = 1, spread_ok = 1;
	char pin[7], first[7], small[6];

	for (int i = 0; i < N; i++) {
		if (mc_pin_generate(pin, sizeof pin) != MC_OK || strlen(pin) != 6) {
			shape_ok = 0;
			break;
		}
		if (i == 0)
			memcpy(first, pin, sizeof pin);
		else if (strcmp(pin, first) != 0)
			all_same = 0;
		for (int k = 0; k < 6; k++) {
			const char *c = strchr(alphabet, pin[k]);
			if (!c || !pin[k]) {
				shape_ok = 0;
				break;
			}
			count[c - alphabet]++;
		}
	}
	CHECK(shape_ok, "pin: 6 characters of the Crockford alphabet, every time");
	CHECK(!all_same, "pin: not always the same");
	/* 19200 symbols, 600 expected each, sd ~24: 400..800 is > 8 sd. */
	for (int k = 0; k < 32; k++)
		if (count[k] < 400 || count[k] > 800)
			spread_ok = 0;
	CHECK(spread_ok, "pin: every symbol is drawn about 1/32 of the time");
	CHECK(strpbrk(first, "ILOU") == NULL, "pin: no I, L, O or U");
	CHECK_INT(mc_pin_generate(small, sizeof small), MC_USAGE, "pin: 6-byte buffer refused");
}

/* Format characters and separators: refused one-line or multiline,
 * named by mc_text_invisible_why(), escaped by mc_text_escape(). */
static void test_text_invisible(void)
{
	static const struct { const char *s, *name; } bad[] = {
		{ "book 01/2020\xe2\x80\x8b", "U+200B" },   /* ZERO WIDTH SPACE */
		{ "\xef\xbb\xbf" "Lan", "U+FEFF" },         /* BOM in a value */
		{ "Nguy\xe2\x80\xaen", "U+202E" },          /* RIGHT-TO-LEFT OVERRIDE */
		{ "a\xe2\x81\xa6" "b", "U+2066" },           /* LEFT-TO-RIGHT ISOLATE */
		{ "a\xe2\x81\xa9" "b", "U+2069" },           /* POP DIRECTIONAL ISOLATE */
		{ "a\xe2\x80\xa8" "b", "U+2028" },           /* LINE SEPARATOR */
		{ "a\xe2\x80\xa9" "b", "U+2029" },           /* PARAGRAPH SEPARATOR */
		{ "a\xc2\xad" "b", "U+00AD" },                /* SOFT HYPHEN */
		{ "a\xf3\xa0\x80\x81", "U+E0001" },         /* LANGUAGE TAG */
	};
	char why[96], want[96];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		clean_bad(bad[i].s, 0, 0, MC_BAD_INPUT, bad[i].name);
		clean_bad(bad[i].s, 1, 0, MC_BAD_INPUT, bad[i].name);
		snprintf(want, sizeof want, "contains the invisible character %s", bad[i].name);
		CHECK(mc_text_invisible_why(bad[i].s, why, sizeof why), "%s is found", bad[i].name);
		CHECK_STR(why, want, "%s is named", bad[i].name);
		char *esc = mc_text_escape(bad[i].s);
		CHECK(esc && strstr(esc, "\\x") != NULL, "%s is escaped: %s", bad[i].name,
		      esc ? esc : "(null)");
		free(esc);
	}
	strcpy(why, "untouched");
	CHECK(!mc_text_invisible_why(NGUYEN_NFC " V\xc4\x83n \xc3\x81nh", why, sizeof why),
	      "a Vietnamese name has none");
	CHECK(!mc_text_invisible_why("a\x01" "b", why, sizeof why), "a control is not invisible");
	CHECK(!mc_text_invisible_why(NULL, why, sizeof why), "NULL has none");
	CHECK_STR(why, "untouched", "why is left alone when there is none");
	clean_ok("Lan\xc2\xa0" "Anh", 0, 0, "Lan\xc2\xa0" "Anh", "NO-BREAK SPACE (Zs) is not refused");
	clean_ok("\xe3\x80\x80", 0, 0, "\xe3\x80\x80", "IDEOGRAPHIC SPACE (Zs) is kept");
}

int main(void)
{
	test_utf8_valid();
	test_utf8_length_width();
	test_text_clean_nfc();
	test_text_clean_blanks();
	test_text_clean_refused();
	test_text_invisible();
	test_phone();
	test_id_number();
	test_id_number_check();
	test_email();
	test_unit_id();
	test_pin();
	return unit_done();
}
