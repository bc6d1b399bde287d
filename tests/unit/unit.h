/* motcua — a minimal harness for the unit tests of core/.
 *
 * Each CHECK prints "ok - ..." or "not ok - ..." (the protocol that
 * tests/run.sh counts); main() ends with `return unit_done();`.
 */
#ifndef MC_UNIT_H
#define MC_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_failed;

/* cond is evaluated once: it may have side effects. */
#define CHECK(cond, ...) do { \
	int c_ = !!(cond); \
	printf("%s - %s:%d: ", c_ ? "ok" : "not ok", __FILE__, __LINE__); \
	printf(__VA_ARGS__); \
	printf("\n"); \
	if (!c_) unit_failed++; \
} while (0)

#define CHECK_STR(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int ok_ = g_ && w_ && strcmp(g_, w_) == 0; \
	CHECK(ok_, __VA_ARGS__); \
	if (!ok_) printf("#   got  \"%s\"\n#   want \"%s\"\n", g_ ? g_ : "(null)", w_); \
} while (0)

#define CHECK_INT(got, want, ...) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	CHECK(g_ == w_, __VA_ARGS__); \
	if (g_ != w_) printf("#   got  %lld\n#   want %lld\n", g_, w_); \
} while (0)

/* The output of a shell command, its last newline removed (caller frees;
 * NULL when it cannot run or memory runs out). */
static inline char *unit_capture(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	size_t cap = 8192, n = 0, got;
	char *buf = malloc(cap);
	if (!p || !buf) {
		free(buf);
		if (p)
			pclose(p);
		return NULL;
	}
	while ((got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
		n += got;
		if (n + 1 == cap) {
			char *b = realloc(buf, cap *= 2);
			if (!b) {
				free(buf);
				pclose(p);
				return NULL;
			}
			buf = b;
		}
	}
	pclose(p);
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return buf;
}

static inline int unit_done(void) { return unit_failed ? 1 : 0; }

#endif
