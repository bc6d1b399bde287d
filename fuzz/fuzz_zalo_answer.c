/* motcua — fuzzing the readers of Zalo's answers (core/zalo.c): the first
 * byte picks the HTTP status, the rest is the body, read both as an
 * answer of the message APIs and as one of the OAuth refresh. */
#include <string.h>

#include "fuzz.h"
#include "motcua.h"

static const long statuses[] = { 200, 400, 401, 429, 500, 502, 503, 0 };

/* s is one line of valid UTF-8, within its buffer. */
static int one_line(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	if (len == n || !mc_utf8_valid(s, len))
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long status = size ? statuses[data[0] % (sizeof statuses / sizeof statuses[0])] : 200;
	const char *body = size ? (const char *)data + 1 : "";
	size_t len = size ? size - 1 : 0;
	mc_zalo_answer a;
	mc_zalo_answer_read(status, body, len, &a);
	FUZZ_ASSERT(a.kind == MC_ZALO_SENT || a.kind == MC_ZALO_TOKEN || a.kind == MC_ZALO_ERROR);
	FUZZ_ASSERT(one_line(a.msg_id, sizeof a.msg_id) && one_line(a.why, sizeof a.why));
	/* Only an answer that says so is a success, and never a server error. */
	FUZZ_ASSERT(a.kind != MC_ZALO_SENT || (status < 500 && a.error == 0 && !*a.why));
	FUZZ_ASSERT(a.kind == MC_ZALO_SENT || *a.why);
	mc_zalo_tokens t;
	char why[300];
	mc_status rc = mc_zalo_tokens_read(status, body, len, &t, why, sizeof why);
	FUZZ_ASSERT(rc == MC_OK || rc == MC_REFUSED);
	if (rc == MC_OK) {
		/* A pair that the token file can hold: one line each. */
		FUZZ_ASSERT(*t.access && *t.refresh && status == 200);
		FUZZ_ASSERT(!strpbrk(t.access, "\r\n ") && !strpbrk(t.refresh, "\r\n "));
	} else {
		FUZZ_ASSERT(one_line(why, sizeof why));
	}
	return 0;
}
