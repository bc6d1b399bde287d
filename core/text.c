/* motcua — text rules: UTF-8, NFC, and the identifiers citizens give. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <utf8proc.h>

#include "i18n.h"
#include "text.h"

/*
 * Decodes one UTF-8 sequence at s (len > 0 bytes available). Returns its
 * length and stores the code point, or returns 0 for anything that is not
 * the shortest encoding of a scalar value: stray continuation bytes,
 * overlongs (C0, C1, E0 80.., F0 80..), surrogates (ED A0..), code points
 * past U+10FFFF (F4 90.., F5..FF) and sequences cut short.
 */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t n;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2, v = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, v = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

int mc_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const uint64_t ones = 0x0101010101010101ull, highs = ones * 0x80;
	uint32_t cp;

	while (len > 0) {
		/* Eight ASCII bytes at a time, none of them NUL: most of a
		 * register file. */
		if (len >= 8) {
			uint64_t x;
			memcpy(&x, p, 8);
			if (!((x | ((x - ones) & ~x)) & highs)) {
				p += 8;
				len -= 8;
				continue;
			}
		}
		size_t n = utf8_decode(p, len, &cp);
		if (n == 0 || cp == 0)
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

size_t mc_utf8_length(const char *s)
{
	size_t count = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			count++;
	return count;
}

size_t mc_utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), width = 0;
	uint32_t cp;

	while (len > 0) {
		size_t n = utf8_decode(p, len, &cp);
		if (n == 0) {
			/* Not valid after all: a terminal shows U+FFFD. */
			width++;
			n = 1;
		} else {
			width += (size_t)utf8proc_charwidth((utf8proc_int32_t)cp);
		}
		p += n;
		len -= n;
	}
	return width;
}

static int is_ascii_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Length of the blank at p, if any: ASCII space, tab, LF, CR or U+00A0. */
static size_t blank_at(const unsigned char *p, const unsigned char *end)
{
	if (p < end && is_ascii_blank(*p))
		return 1;
	if (end - p >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	return 0;
}

/* Length of the blank that ends just before end, if any. */
static size_t blank_before(const unsigned char *start, const unsigned char *end)
{
	if (end > start && is_ascii_blank(end[-1]))
		return 1;
	if (end - start >= 2 && end[-2] == 0xc2 && end[-1] == 0xa0)
		return 2;
	return 0;
}

static int is_refused_control(uint32_t cp, int multiline)
{
	if (cp < 0x20)
		return !(multiline && (cp == '\n' || cp == '\t'));
	return cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

/* Format characters and line or paragraph separators: they show nothing,
 * or turn the text around, so two different values can look the same. */
static int is_invisible(uint32_t cp)
{
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);

	return c == UTF8PROC_CATEGORY_CF || c == UTF8PROC_CATEGORY_ZL ||
	       c == UTF8PROC_CATEGORY_ZP;
}

/* Refuses control and invisible characters and counts code points of a
 * valid string. */
static mc_status check_chars(const unsigned char *p, size_t len, int multiline,
			     size_t max_chars)
{
	size_t count = 0;
	uint32_t cp;

	while (len > 0) {
		size_t n = utf8_decode(p, len, &cp);
		if (n == 0 || is_refused_control(cp, multiline) || is_invisible(cp))
			return MC_BAD_INPUT;
		count++;
		p += n;
		len -= n;
	}
	return max_chars > 0 && count > max_chars ? MC_BAD_INPUT : MC_OK;
}

mc_status mc_text_clean(const char *in, int multiline, size_t max_chars,
			char **out)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t len;
	const unsigned char *b, *e;
	size_t inlen, k;
	mc_status st;

	if (!in || !out)
		return MC_USAGE;
	inlen = strlen(in);
	if (!mc_utf8_valid(in, inlen))
		return MC_BAD_INPUT;
	/* STABLE | COMPOSE is what utf8proc_NFC() does; map() because we
	 * already know the length. */
	len = utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)inlen,
			   &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (len < 0)
		return len == UTF8PROC_ERROR_NOMEM ? MC_NOMEM : MC_BAD_INPUT;

	b = nfc;
	e = nfc + len;
	while ((k = blank_at(b, e)) > 0)
		b += k;
	while ((k = blank_before(b, e)) > 0)
		e -= k;
	st = check_chars(b, (size_t)(e - b), multiline, max_chars);
	if (st != MC_OK) {
		free(nfc);
		return st;
	}
	/* Reuse utf8proc's buffer (malloc'd, per its documentation). */
	memmove(nfc, b, (size_t)(e - b));
	nfc[e - b] = '\0';
	*out = (char *)nfc;
	return MC_OK;
}

int mc_text_invisible_why(const char *s, char *why, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = s ? strlen(s) : 0;
	uint32_t cp;

	while (len > 0) {
		size_t k = utf8_decode(p, len, &cp);
		if (k == 0)
			return 0;
		if (is_invisible(cp)) {
			snprintf(why, n, _("contains the invisible character U+%04X"),
				 (unsigned)cp);
			return 1;
		}
		p += k;
		len -= k;
	}
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_phone_sep(char c)
{
	return is_blank(c) || c == '.' || c == '-';
}

/*
 * Collects the digits of a phone number in [s, end): an optional '+', then
 * digits with separators only between two digits; at most `max` digits.
 * *plus tells whether it began with '+'. Returns the digit count, or 0 if
 * the shape is wrong.
 */
static size_t phone_digits(const char *s, const char *end, char *dig,
			   size_t max, int *plus)
{
	size_t n = 0;

	*plus = s < end && *s == '+';
	s += *plus;
	while (s < end) {
		if (is_digit(*s)) {
			if (n == max)
				return 0;
			dig[n++] = *s++;
			continue;
		}
		if (n == 0 || !is_phone_sep(*s))
			return 0;
		while (s < end && is_phone_sep(*s))
			s++;
		if (s == end || !is_digit(*s))
			return 0;
	}
	return n;
}

static int phone_national_ok(const char *d, size_t n)
{
	if (n == 10)
		return d[0] == '0' && strchr("35789", d[1]) != NULL;
	if (n == 11)
		return d[0] == '0' && d[1] == '2';
	return 0;
}

mc_status mc_phone_normalize(const char *in, char *out, size_t n)
{
	const char *end;
	char dig[16];
	size_t nd;
	int plus;

	if (!in || !out || n < 12)
		return MC_USAGE;
	while (is_blank(*in))
		in++;
	end = in + strlen(in);
	while (end > in && is_blank(end[-1]))
		end--;
	nd = phone_digits(in, end, dig, sizeof dig, &plus);
	if (nd == 0)
		return MC_BAD_INPUT;
	/* A national number starts with 0, so a leading 84 can only be the
	 * country code; a '+' must be followed by it. */
	if (nd > 2 && dig[0] == '8' && dig[1] == '4') {
		memmove(dig + 1, dig + 2, nd - 2);
		dig[0] = '0';
		nd--;
	} else if (plus) {
		return MC_BAD_INPUT;
	}
	if (!phone_national_ok(dig, nd))
		return MC_BAD_INPUT;
	memcpy(out, dig, nd);
	out[nd] = '\0';
	return MC_OK;
}

mc_status mc_id_number_normalize(const char *in, char *out, size_t n)
{
	char dig[13];
	size_t nd = 0;

	if (!in || !out || n < 13)
		return MC_USAGE;
	for (; *in; in++) {
		if (is_blank(*in))
			continue;
		if (!is_digit(*in) || nd == 12)
			return MC_BAD_INPUT;
		dig[nd++] = *in;
	}
	if (nd != 12 && nd != 9)
		return MC_BAD_INPUT;
	memcpy(out, dig, nd);
	out[nd] = '\0';
	return MC_OK;
}

/*
 * The 63 codes of the provinces and centrally-run cities where a citizen's
 * birth was registered: the annex of Circular 07/2016/TT-BCA (001 Hà Nội
 * ... 074 Bình Dương, 079 Hồ Chí Minh ... 096 Cà Mau): the list of 2016,
 * as published, before the provinces were merged in 2025.
 */
static const char province_codes[][4] = {
	"001", "002", "004", "006", "008", "010", "011", "012", "014", "015",
	"017", "019", "020", "022", "024", "025", "026", "027", "030", "031",
	"033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
	"046", "048", "049", "051", "052", "054", "056", "058", "060", "062",
	"064", "066", "067", "068", "070", "072", "074", "075", "077", "079",
	"080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
	"094", "095", "096",
};

static int province_known(const char *digits)
{
	for (size_t i = 0; i < sizeof province_codes / sizeof province_codes[0]; i++)
		if (memcmp(digits, province_codes[i], 3) == 0)
			return 1;
	return 0;
}

mc_status mc_id_number_check(const char *in, char *out, size_t n, char *why, size_t whyn)
{
	char dig[13];
	mc_status rc;

	if (!out || n < sizeof dig || !why)
		return MC_USAGE;
	rc = mc_id_number_normalize(in, dig, sizeof dig);
	if (rc == MC_BAD_INPUT)
		snprintf(why, whyn, "%s",
			 _("is not a citizen ID number (12-digit CCCD or 9-digit CMND)"));
	if (rc != MC_OK)
		return rc;
	if (strlen(dig) == 12 && !province_known(dig)) {
		snprintf(why, whyn,
			 _("does not begin with a province code (%.3s is not one of the 63 codes of Circular 07/2016/TT-BCA)"),
			 dig);
		return MC_BAD_INPUT;
	}
	memcpy(out, dig, strlen(dig) + 1);
	return MC_OK;
}

int mc_id_number_holder(const char *id, int *sex, int *year)
{
	size_t len = id ? strlen(id) : 0;

	if (len != 12 || strspn(id, "0123456789") != 12)
		return 0;
	*sex = (id[3] - '0') % 2 ? 2 : 1;
	*year = 1900 + (id[3] - '0') / 2 * 100 + (id[4] - '0') * 10 + (id[5] - '0');
	return 1;
}

/* Printable ASCII that may stand unquoted in an address. */
static int email_char_ok(char c)
{
	return c > ' ' && c < 0x7f && !strchr("\"(),:;<>[\\]", c);
}

/* At least two labels, none empty. */
static int email_domain_ok(const char *d)
{
	size_t len = strlen(d);

	return strchr(d, '.') && d[0] != '.' && d[len - 1] != '.' &&
	       !strstr(d, "..");
}

int mc_email_valid(const char *s)
{
	const char *at;

	if (!s || strlen(s) > 254)
		return 0;
	for (const char *p = s; *p; p++)
		if (!email_char_ok(*p))
			return 0;
	at = strchr(s, '@');
	if (!at || at == s || at - s > 64 || strchr(at + 1, '@'))
		return 0;
	return email_domain_ok(at + 1);
}

int mc_unit_id_valid(const char *s)
{
	size_t len;

	if (!s)
		return 0;
	len = strlen(s);
	if (len < 1 || len > 35)
		return 0;
	return strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.") == len;
}

mc_status mc_pin_generate(char *out, size_t n)
{
	static const char crockford[32] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned char rnd[6];
	size_t got = 0;

	if (!out || n < 7)
		return MC_USAGE;
	while (got < sizeof rnd) {
		ssize_t r = getrandom(rnd + got, sizeof rnd - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return MC_IO;
		got += (size_t)r;
	}
	/* 32 divides 256: the low five bits of a byte are uniform. */
	for (size_t i = 0; i < sizeof rnd; i++)
		out[i] = crockford[rnd[i] & 0x1f];
	out[6] = '\0';
	return MC_OK;
}

char *mc_utf8_upper(const char *s)
{
	size_t n = strlen(s);
	/* Vietnamese capitals take at most 4 bytes, like any code point. */
	char *out = malloc(n * 4 + 1), *o = out;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	if (!out)
		return NULL;
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, -1, &cp);
		if (len <= 0) {
			*o++ = (char)*p++;
			continue;
		}
		p += len;
		o += utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)o);
	}
	*o = '\0';
	return out;
}

char *mc_text_escape(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), o = 0;
	char *out = malloc(len * 4 + 1);    /* each byte at most "\xNN" */
	uint32_t cp;

	if (!out)
		return NULL;
	while (len > 0) {
		size_t n = utf8_decode(p, len, &cp);
		if (n == 0 || is_refused_control(cp, 0) || is_invisible(cp)) {
			if (n == 0)
				n = 1;
			for (size_t i = 0; i < n; i++)
				o += (size_t)sprintf(out + o, "\\x%02X", p[i]);
		} else {
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
		len -= n;
	}
	out[o] = '\0';
	return out;
}
