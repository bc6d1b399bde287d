/* motcua — Vietnamese folding for search, and the quick check of clean text. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "fold.h"

#define FOLD_OPTIONS (UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD)

/*
 * Folding works code point by code point (utf8proc decomposes, strips and
 * folds each one on its own), so the folded form of the code points below
 * TABLE_END, which hold every Latin letter and the combining marks, is
 * worked out once with utf8proc and kept: a register import folds
 * millions of names. The tables are filled once, on first use, from
 * whichever thread comes first (an import reads on a thread of its own).
 */
#define TABLE_END 0x2000
#define SLOW 0xff               /* fold_len: longer than a table slot */

static unsigned char fold_len[TABLE_END];
static char fold_str[TABLE_END][4];
static unsigned char nfc_safe[TABLE_END / 8];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static int is_d_letter(utf8proc_int32_t cp)
{
	return cp == 0x0110 || cp == 0x0111 || cp == 0x00D0 || cp == 0x00F0;
}

/* The folded UTF-8 of one code point into buf (>= 64 bytes); its length. */
static size_t fold_char(utf8proc_int32_t cp, char *buf)
{
	utf8proc_int32_t seq[16];
	int last = 0;
	size_t len = 0;

	if (is_d_letter(cp)) {
		buf[0] = 'd';
		return 1;
	}
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, seq, 16, FOLD_OPTIONS, &last);
	if (n < 0 || n > 16)
		return 0;
	for (utf8proc_ssize_t i = 0; i < n; i++)
		len += (size_t)utf8proc_encode_char(seq[i], (utf8proc_uint8_t *)buf + len);
	return len;
}

/* A letter that NFC maps to itself and that never composes with what
 * stands before it: a starter (combining class 0) that is a letter, in
 * the precomposed Latin blocks. */
static int nfc_stable_letter(utf8proc_int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	utf8proc_uint8_t in[8], *out = NULL;
	utf8proc_ssize_t n = utf8proc_encode_char(cp, in);
	int ok;

	if (!((cp >= 0x00C0 && cp <= 0x024F) || (cp >= 0x1E00 && cp <= 0x1EFF)))
		return 0;
	if (p->combining_class != 0 || (p->category != UTF8PROC_CATEGORY_LU &&
					p->category != UTF8PROC_CATEGORY_LL))
		return 0;
	if (utf8proc_map(in, n, &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE) != n)
		ok = 0;
	else
		ok = memcmp(in, out, (size_t)n) == 0;
	free(out);
	return ok;
}

static void build_tables(void)
{
	char buf[64];
	for (utf8proc_int32_t cp = 0; cp < TABLE_END; cp++) {
		size_t len = fold_char(cp, buf);
		if (len <= sizeof fold_str[0]) {
			memcpy(fold_str[cp], buf, len);
			fold_len[cp] = (unsigned char)len;
		} else {
			fold_len[cp] = SLOW;
		}
		if (nfc_stable_letter(cp))
			nfc_safe[cp / 8] |= (unsigned char)(1u << (cp % 8));
	}
}

size_t mc_text_fold_n(const char *s, size_t len, char *out, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s, *end = p + len;
	size_t total = 0;
	char buf[64];

	pthread_once(&tables_once, build_tables);
	while (p < end) {
		const char *piece;
		size_t plen;
		if (*p < 0x80) {
			/* ASCII: only the capitals change. */
			buf[0] = (char)(*p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p);
			piece = buf;
			plen = 1;
			p++;
		} else {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate(p, end - p, &cp);
			if (k <= 0) {
				p++;
				continue;
			}
			p += k;
			if (cp < TABLE_END && fold_len[cp] != SLOW) {
				piece = fold_str[cp];
				plen = fold_len[cp];
			} else {
				plen = fold_char(cp, buf);
				piece = buf;
			}
		}
		if (total + plen < n)
			memcpy(out + total, piece, plen);
		total += plen;
	}
	if (n > 0)
		out[total < n ? total : n - 1] = '\0';
	return total;
}

char *mc_text_fold(const char *s)
{
	size_t len = strlen(s);
	/* Folding rarely grows a text; try its own length first. */
	size_t n = len + 1;
	char *out = malloc(n);
	if (!out)
		return NULL;
	size_t need = mc_text_fold_n(s, len, out, n);
	if (need < n)
		return out;
	char *bigger = realloc(out, need + 1);
	if (!bigger) {
		free(out);
		return NULL;
	}
	mc_text_fold_n(s, len, bigger, need + 1);
	return bigger;
}

/*
 * The code point of the 2- or 3-byte UTF-8 sequence at p (end bounds it),
 * with its length in *len, or -1 when it is not the shortest encoding of a
 * scalar value or is longer: the quick check only needs the letters below
 * TABLE_END, which all take 2 or 3 bytes.
 */
static long decode_short(const unsigned char *p, const unsigned char *end, size_t *len)
{
	if (p[0] >= 0xc2 && p[0] <= 0xdf && end - p >= 2 && (p[1] & 0xc0) == 0x80) {
		*len = 2;
		return (long)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	}
	if (p[0] >= 0xe0 && p[0] <= 0xef && end - p >= 3 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80) {
		long cp = (long)(p[0] & 0x0f) << 12 | (long)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		*len = 3;
		return cp >= 0x800 && !(cp >= 0xd800 && cp <= 0xdfff) ? cp : -1;
	}
	return -1;
}

int mc_text_is_clean(const char *s, size_t len, size_t max_chars)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t chars = 0;

	if (len == 0)
		return 1;
	if (p[0] == ' ' || end[-1] == ' ')
		return 0;
	pthread_once(&tables_once, build_tables);
	while (p < end) {
		/* Eight printable ASCII bytes at a time: none with its high bit
		 * set, none below 0x20, none equal to 0x7f. */
		if (end - p >= 8) {
			uint64_t x;
			memcpy(&x, p, 8);
			const uint64_t ones = 0x0101010101010101ull, highs = ones * 0x80;
			uint64_t low = (x - ones * 0x20) & ~x & highs;
			uint64_t del = ((x ^ ones * 0x7f) - ones) & ~(x ^ ones * 0x7f) & highs;
			if (!((x & highs) | low | del)) {
				p += 8;
				chars += 8;
				continue;
			}
		}
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return 0;
			p++;
		} else {
			size_t k;
			long cp = decode_short(p, end, &k);
			if (cp < 0 || cp >= TABLE_END || !(nfc_safe[cp / 8] & (1u << (cp % 8))))
				return 0;
			p += k;
		}
		chars++;
	}
	return max_chars == 0 || chars <= max_chars;
}

int mc_fold_each_word(const char *s, int (*fn)(const char *w, size_t len, void *ud),
		      void *ud)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		const unsigned char *w = p;
		while (*p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		       (*p >= 'A' && *p <= 'Z'))
			p++;
		if (p > w) {
			int rc = fn((const char *)w, (size_t)(p - w), ud);
			if (rc)
				return rc;
		}
		if (*p)
			p++;
	}
	return 0;
}

static int add_query_word(const char *w, size_t len, void *ud)
{
	mc_query_words *q = ud;
	if (q->n == MC_QUERY_WORDS) {
		q->too_many = 1;
		return 1;
	}
	if (len > MC_QUERY_WORD)
		len = MC_QUERY_WORD;
	memcpy(q->words[q->n], w, len);
	q->words[q->n][len] = '\0';
	q->n++;
	return 0;
}

int mc_query_words_read(const char *text, mc_query_words *q)
{
	char *folded = mc_text_fold(text);
	q->n = 0;
	q->too_many = 0;
	if (!folded)
		return -1;
	mc_fold_each_word(folded, add_query_word, q);
	free(folded);
	return 0;
}
