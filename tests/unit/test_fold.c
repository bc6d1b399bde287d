/* Unit tests of core/fold.c: folding for search and the quick clean check. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "fold.h"
#include "text.h"
#include "unit.h"

static void check_fold(const char *in, const char *want)
{
	char *got = mc_text_fold(in);
	CHECK_STR(got, want, "fold \"%s\"", in);
	free(got);
}

static void test_fold(void)
{
	check_fold("Nguyễn Văn Đức", "nguyen van duc");
	check_fold("NGUYỄN VĂN ĐỨC", "nguyen van duc");
	/* The same name typed on a decomposing keyboard. */
	check_fold("Nguye\xcc\x82\xcc\x83n Va\xcc\x86n \xc4\x90u\xcc\x9b\xcc\x81" "c", "nguyen van duc");
	check_fold("đ Đ ð Ð", "d d d d");
	check_fold("Trần Thị Bích Ngọc", "tran thi bich ngoc");
	check_fold("Phạm Thị Ngọc Ánh", "pham thi ngoc anh");
	check_fold("Hồ Ngọc Hà, Lê-Văn Tư", "ho ngoc ha, le-van tu");
	check_fold("Y Nuê Êban", "y nue eban");
	/* Every vowel of the Vietnamese alphabet, with every tone. */
	check_fold("àáảãạăằắẳẵặâầấẩẫậ", "aaaaaaaaaaaaaaaaa");
	check_fold("ÈÉẺẼẸÊỀẾỂỄỆ", "eeeeeeeeeee");
	check_fold("ìíỉĩị", "iiiii");
	check_fold("òóỏõọôồốổỗộơờớởỡợ", "ooooooooooooooooo");
	check_fold("ùúủũụưừứửữự", "uuuuuuuuuuu");
	check_fold("ỳýỷỹỵ", "yyyyy");
	/* Other scripts are kept, case folded the Unicode way. */
	check_fold("Straße 李明 ΑΒΓ", "strasse 李明 αβγ");
	check_fold("", "");
}

static void test_fold_n(void)
{
	char buf[8];
	size_t n = mc_text_fold_n("Nguyễn Văn", strlen("Nguyễn Văn"), buf, sizeof buf);
	CHECK_INT(n, 10, "fold_n returns the whole length, as snprintf does");
	CHECK_STR(buf, "nguyen ", "and writes what fits, NUL-terminated");
	n = mc_text_fold_n("Đức", strlen("Đức"), NULL, 0);
	CHECK_INT(n, 3, "with no room at all it only counts");
	n = mc_text_fold_n("a\xff" "b", 3, buf, sizeof buf);
	CHECK_STR(buf, "ab", "an invalid byte is dropped");
}

/* is_clean must never say yes where mc_text_clean() would change the text. */
static int same_when_cleaned(const char *s)
{
	char *c = NULL;
	int same = mc_text_clean(s, 0, 0, &c) == MC_OK && strcmp(c, s) == 0;
	free(c);
	return same;
}

static void test_is_clean(void)
{
	static const char *const yes[] = {
		"Nguyễn Văn Đức", "Trần Thị Bích Ngọc", "01/2019", "a", "Việt Nam",
		"số 12, khu phố 3, phường Vĩnh Phú", "=1+2", "",
	};
	static const char *const no[] = {
		" Nguyễn", "Nguyễn ", "Nguye\xcc\x82\xcc\x83n", "a\tb", "a\nb", "a\x7f",
		"a\xc2\xa0", "\xc2\xa0" "a", "Nguy\xea" "n", "\xed\xa0\x80", "\xc0\xaf",
		"\xe1\xbb", "李明",
	};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		CHECK(mc_text_is_clean(yes[i], strlen(yes[i]), 0), "clean: \"%s\"", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		CHECK(!mc_text_is_clean(no[i], strlen(no[i]), 0), "not known clean: no[%zu]", i);
	CHECK(mc_text_is_clean("Đức", strlen("Đức"), 3), "three characters fit a bound of 3");
	CHECK(!mc_text_is_clean("Đức", strlen("Đức"), 2), "not a bound of 2");

	/* Every character it lets through, alone, after an ASCII letter and
	 * after each Vietnamese letter, is left as it is by NFC. */
	int letters = 0, bad = 0;
	const char *viet = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
	for (utf8proc_int32_t cp = 0x80; cp < 0x2000; cp++) {
		char s[16], pair[32];
		utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)s);
		s[n] = '\0';
		if (!mc_text_is_clean(s, (size_t)n, 0))
			continue;
		letters++;
		snprintf(pair, sizeof pair, "a%s", s);
		if (!same_when_cleaned(s) || !same_when_cleaned(pair))
			bad++;
		for (const char *v = viet; *v;) {
			utf8proc_int32_t vc;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)v, -1, &vc);
			snprintf(pair, sizeof pair, "%.*s%s", (int)k, v, s);
			if (!mc_text_is_clean(pair, strlen(pair), 0) || !same_when_cleaned(pair))
				bad++;
			v += k;
		}
	}
	CHECK(letters > 400, "%d precomposed letters are known clean", letters);
	CHECK_INT(bad, 0, "and NFC leaves every one of them, and their pairs, as they are");
	for (const char *v = viet; *v;) {
		utf8proc_int32_t vc;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)v, -1, &vc);
		char up[8];
		utf8proc_ssize_t u = utf8proc_encode_char(utf8proc_toupper(vc), (utf8proc_uint8_t *)up);
		if (!mc_text_is_clean(v, (size_t)k, 0) || !mc_text_is_clean(up, (size_t)u, 0))
			bad++;
		v += k;
	}
	CHECK_INT(bad, 0, "the whole Vietnamese alphabet, both cases, is known clean");
}

int main(void)
{
	test_fold();
	test_fold_n();
	test_is_clean();
	return unit_done();
}
