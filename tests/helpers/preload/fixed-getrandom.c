/* fixed-getrandom.so: getrandom(2) from a seed, for comparing two builds'
 * outputs (scripts/compare-outputs.sh preloads it into motcua).
 *
 * With MC_FIXED_RANDOM set, getrandom() returns a stream that depends on
 * that string only (FNV-1a of it seeds splitmix64), so that the lookup
 * PINs (core/text.c) and the signing keys of `init` (libsodium's
 * randombytes, which calls getrandom) are the same from one run to the
 * next. Without it, the real getrandom. Never for anything but tests: the
 * numbers are not random at all.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/types.h>

static uint64_t state;
static int seeded;

static uint64_t next(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

ssize_t getrandom(void *buf, size_t n, unsigned int flags)
{
	const char *seed = getenv("MC_FIXED_RANDOM");
	unsigned char *p = buf;

	if (!seed) {
		ssize_t (*real)(void *, size_t, unsigned int) =
			(ssize_t (*)(void *, size_t, unsigned int))dlsym(RTLD_NEXT, "getrandom");
		return real ? real(buf, n, flags) : -1;
	}
	if (!seeded) {
		state = 0xcbf29ce484222325u;
		for (const unsigned char *s = (const unsigned char *)seed; *s; s++)
			state = (state ^ *s) * 0x100000001b3u;
		seeded = 1;
	}
	for (size_t i = 0; i < n; i += 8) {
		uint64_t r = next();
		for (size_t j = 0; j < 8 && i + j < n; j++)
			p[i + j] = (unsigned char)(r >> (8 * j));
	}
	return (ssize_t)n;
}
