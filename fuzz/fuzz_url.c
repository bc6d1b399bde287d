/* motcua — fuzzing the lookup-URL parser (mc_lookup_url_parse): the
 * first line of the input is the template, the rest the scanned URL. */
#include <string.h>

#include "dossier.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), code[64], pin[16];
	char *nl = strchr(s, '\n');
	const char *tmpl = s, *url = "";
	if (nl) {
		*nl = '\0';
		url = nl + 1;
	}
	memset(code, 'x', sizeof code);
	memset(pin, 'x', sizeof pin);
	mc_status rc = mc_lookup_url_parse(tmpl, url, code, sizeof code, pin, sizeof pin);
	FUZZ_ASSERT(rc == MC_OK || rc == MC_NOT_FOUND);
	/* Always terminated within its buffer; the code given when found. */
	FUZZ_ASSERT(memchr(code, '\0', sizeof code) && memchr(pin, '\0', sizeof pin));
	if (rc == MC_OK) {
		FUZZ_ASSERT(*code && strstr(tmpl, "{code}"));
		FUZZ_ASSERT(strstr(url, code));
		FUZZ_ASSERT(!*pin || strstr(url, pin));
	}
	/* Tiny buffers must not be overrun either. */
	char c1[2], p1[1];
	rc = mc_lookup_url_parse(tmpl, url, c1, sizeof c1, p1, sizeof p1);
	FUZZ_ASSERT(rc == MC_OK || rc == MC_NOT_FOUND);
	free(s);
	return 0;
}
