/* Unit tests of core/i18n.c: messages in a context (pgettext). */
#include <libgen.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int main(int argc, char **argv)
{
	(void)argc;
	test_untranslated();
	test_contexts(argv[0]);
	return unit_done();
}
