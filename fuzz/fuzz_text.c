/* motcua — fuzzing the text rules: mc_text_clean, the phone, citizen ID,
 * e-mail and agency code checks, UTF-8 helpers and mc_text_escape. */
#include <string.h>

#include "fuzz.h"
#include "text.h"

static void clean(const char *s, int multiline, size_t max)
{
	char *out = NULL, *again = NULL;
	mc_status rc = mc_text_clean(s, multiline, max, &out);
	if (rc != MC_OK) {
		FUZZ_ASSERT(rc == MC_BAD_INPUT);
		return;
	}
	size_t len = strlen(out);
	/* What is stored is valid UTF-8, bounded, trimmed and stable. */
	FUZZ_ASSERT(mc_utf8_valid(out, len));
	FUZZ_ASSERT(max == 0 || mc_utf8_length(out) <= max);
	FUZZ_ASSERT(len == 0 || (out[0] != ' ' && out[len - 1] != ' ' &&
				 out[len - 1] != '\n' && out[len - 1] != '\r'));
	FUZZ_ASSERT(!strchr(out, '\r'));
	FUZZ_ASSERT(mc_text_clean(out, multiline, max, &again) == MC_OK);
	FUZZ_ASSERT(strcmp(out, again) == 0);
	free(again);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), buf[16], again[16];
	size_t len = strlen(s);

	clean(s, 0, 0);
	clean(s, 1, 0);
	clean(s, 0, 20);

	if (mc_phone_normalize(s, buf, sizeof buf) == MC_OK) {
		FUZZ_ASSERT(strlen(buf) == 10 || strlen(buf) == 11);
		FUZZ_ASSERT(buf[0] == '0' && strspn(buf, "0123456789") == strlen(buf));
		FUZZ_ASSERT(mc_phone_normalize(buf, again, sizeof again) == MC_OK);
		FUZZ_ASSERT(strcmp(buf, again) == 0);
	}
	if (mc_id_number_normalize(s, buf, sizeof buf) == MC_OK) {
		FUZZ_ASSERT(strlen(buf) == 12 || strlen(buf) == 9);
		FUZZ_ASSERT(strspn(buf, "0123456789") == strlen(buf));
	}
	if (mc_email_valid(s))
		FUZZ_ASSERT(len <= 254 && strchr(s, '@'));
	if (mc_unit_id_valid(s))
		FUZZ_ASSERT(len >= 1 && len <= 35);

	mc_utf8_valid((const char *)data, size);
	mc_utf8_width(s);
	if (mc_utf8_valid(s, len)) {
		char *up = mc_utf8_upper(s);
		FUZZ_ASSERT(up && mc_utf8_valid(up, strlen(up)));
		free(up);
	}
	char *esc = mc_text_escape(s);
	FUZZ_ASSERT(esc && mc_utf8_valid(esc, strlen(esc)));
	for (const unsigned char *p = (const unsigned char *)esc; *p; p++)
		FUZZ_ASSERT(*p >= 0x20 && *p != 0x7f);
	free(esc);
	free(s);
	return 0;
}
