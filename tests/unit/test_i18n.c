/* Unit tests of core/i18n.c: messages in a context (pgettext), system
 * errors, words, dates and amounts for people. */
#include <errno.h>
#include <libgen.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "i18n.h"
#include "unit.h"

/* Untranslated, the message itself comes back, never the context key. */
static void test_untranslated(void)
{
	static const char msgid[] = "no such message";
	char ctx[400];
	CHECK(C_("person", msgid) == msgid, "untranslated: the msgid itself");
	memset(ctx, 'c', sizeof ctx - 1);
	ctx[sizeof ctx - 1] = '\0';
	CHECK(C_(ctx, msgid) == msgid, "a context longer than the stack buffer: the msgid");
	CHECK_STR(C_("", "NAME"), "NAME", "an empty context, untranslated");
}

/* The Vietnamese catalogue that the build made ($(BUILD)/locale, beside
 * $(BUILD)/tests): the two "NAME" headings translate apart. */
static void test_contexts(const char *argv0)
{
	char dir[4096], *copy = strdup(argv0);
	snprintf(dir, sizeof dir, "%s/../locale", dirname(copy));
	free(copy);
	setenv("LANGUAGE", "vi", 1);
	setlocale(LC_MESSAGES, "C.UTF-8");
	bindtextdomain(MC_TEXTDOMAIN, dir);
	bind_textdomain_codeset(MC_TEXTDOMAIN, "UTF-8");
	CHECK_STR(C_("procedure", "NAME"), "TÊN THỦ TỤC", "NAME of a procedure, in Vietnamese");
	CHECK_STR(C_("person", "NAME"), "HỌ TÊN", "NAME of a person, in Vietnamese");
	CHECK_STR(C_("no such context", "NAME"), "NAME", "an unknown context: the msgid");
	CHECK_STR(_("CODE"), "MÃ", "a message without context still translates");
}

/* In Vietnamese (after test_contexts): the common system errors in
 * motcua's words, the rare ones in the C library's English, never its
 * translation; words, fields, dates and amounts for people. */
static void test_vietnamese_words(void)
{
	char buf[48];
	CHECK_STR(mc_strerror(ENOENT), "không có tệp hoặc thư mục này", "ENOENT in motcua's words");
	CHECK_STR(mc_strerror(EROFS), "hệ thống tệp chỉ cho phép đọc", "EROFS in motcua's words");
	CHECK_STR(mc_strerror(EDOM), "Numerical argument out of domain", "a rare errno: C's English");
	CHECK(mc_lang_vi(), "the catalogue says Vietnamese");
	CHECK_STR(mc_field_word("id_number"), "số định danh", "a field's Vietnamese word");
	CHECK_STR(mc_field_word("frob"), "frob", "an unknown field as it is");
	CHECK_STR(mc_field_option("id_number", buf, sizeof buf), "--id-number",
		  "a field named as its option");
	CHECK_STR(mc_field_name("full_name", MC_FROM_OPTION, buf, sizeof buf), "--full-name",
		  "a field from an option: the option");
	CHECK_STR(mc_field_name("full_name", MC_FROM_COLUMN, buf, sizeof buf), "cột full_name",
		  "a field from a CSV file: its column, in a sentence");
	CHECK_STR(mc_field_name("cutoff", MC_FROM_SETTING, buf, sizeof buf), "thiết lập cutoff",
		  "a setting's key, in a sentence");
	CHECK_STR(mc_field_name("note", MC_FROM_ARGUMENT, buf, sizeof buf), "ghi chú",
		  "an argument: the field's word");
	mc_format_amount_human(1250000, buf, sizeof buf);
	CHECK_STR(buf, "1.250.000 đ", "an amount with thousands dots");
	mc_format_amount_human(0, buf, sizeof buf);
	CHECK_STR(buf, "0 đ", "nothing to pay");
	mc_format_day_human(mc_days_from_civil(2026, 4, 29), buf, sizeof buf);
	CHECK_STR(buf, "29/04/2026", "a date as dd/mm/yyyy");
}

/* Under C: English, and what was printed before. */
static void test_english_words(void)
{
	char buf[48];
	unsetenv("LANGUAGE");
	setlocale(LC_MESSAGES, "C");
	CHECK_STR(mc_strerror(ENOENT), "No such file or directory", "ENOENT in English");
	CHECK(!mc_lang_vi(), "no catalogue: English");
	CHECK_STR(mc_field_option("id_number", buf, sizeof buf), "id_number", "the field's name");
	CHECK_STR(mc_field_name("full_name", MC_FROM_OPTION, buf, sizeof buf), "full_name",
		  "an option's field: its bare name");
	CHECK_STR(mc_field_name("full_name", MC_FROM_COLUMN, buf, sizeof buf), "full_name",
		  "a column: its bare name");
	CHECK_STR(mc_field_name("cutoff", MC_FROM_SETTING, buf, sizeof buf), "cutoff",
		  "a setting: its bare key");
	CHECK_STR(mc_field_name("note", MC_FROM_ARGUMENT, buf, sizeof buf), "note",
		  "an argument: the field's English word");
	mc_format_amount_human(1250000, buf, sizeof buf);
	CHECK_STR(buf, "1250000", "an amount as a plain number");
	mc_format_day_human(mc_days_from_civil(2026, 4, 29), buf, sizeof buf);
	CHECK_STR(buf, "2026-04-29", "a date as ISO");
}

int main(int argc, char **argv)
{
	(void)argc;
	test_untranslated();
	test_contexts(argv[0]);
	test_vietnamese_words();
	test_english_words();
	return unit_done();
}
