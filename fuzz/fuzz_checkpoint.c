/* motcua — fuzzing the reader of audit checkpoints and witness files
 * (mc_witness_read, mc_checkpoint_parse): any text is read as a witness
 * file; a bad line must be named by its number and a field, and every
 * checkpoint read must be well formed, read back the same from its own
 * text, and verify only with the key that signed it. The seed corpus
 * holds lines signed with the key of FUZZ_SEED below. */
#include <sodium.h>
#include <string.h>

#include "witness.h"
#include "fuzz.h"

/* The key pair every seed checkpoint is signed with. */
#define FUZZ_SEED "motcua fuzzing key, not secret."

static const char *const fields[] = {
	"line", "version", "unit", "record", "hash", "time", "signature"
};

static int known_field(const char *f)
{
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (f && strcmp(f, fields[i]) == 0)
			return 1;
	return 0;
}

/* A checkpoint read back from its own text is the same checkpoint. */
static void round_trip(const mc_checkpoint *cp)
{
	char sig[sodium_base64_ENCODED_LEN(MC_SIGN_BYTES,
					   sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	char text[MC_CHECKPOINT_MAX + sizeof sig + 1];
	const char *field = NULL, *reason = NULL;
	mc_checkpoint again;
	sodium_bin2base64(sig, sizeof sig, cp->sig, sizeof cp->sig,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	int n = snprintf(text, sizeof text, "%s %s", cp->signed_text, sig);
	FUZZ_ASSERT(n > 0 && (size_t)n < sizeof text);
	FUZZ_ASSERT(mc_checkpoint_parse(text, (size_t)n, &again, &field, &reason) == MC_OK);
	FUZZ_ASSERT(strcmp(again.signed_text, cp->signed_text) == 0);
	FUZZ_ASSERT(again.record == cp->record && again.at == cp->at);
	FUZZ_ASSERT(memcmp(again.sig, cp->sig, sizeof cp->sig) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char pk[crypto_sign_PUBLICKEYBYTES], other[crypto_sign_PUBLICKEYBYTES];
	static int ready;
	if (!ready) {
		unsigned char sk[crypto_sign_SECRETKEYBYTES], seed[crypto_sign_SEEDBYTES];
		FUZZ_ASSERT(sodium_init() >= 0);
		memset(seed, 0, sizeof seed);
		memcpy(seed, FUZZ_SEED, sizeof FUZZ_SEED - 1);
		crypto_sign_seed_keypair(pk, sk, seed);
		seed[0] ^= 1;
		crypto_sign_seed_keypair(other, sk, seed);
		ready = 1;
	}
	if (size == 0)
		return 0;
	FILE *fp = fmemopen((void *)data, size, "r");
	FUZZ_ASSERT(fp != NULL);
	mc_witness w = MC_WITNESS_INIT;
	const char *field = NULL, *reason = NULL;
	long line = 0;
	mc_status rc = mc_witness_read(fp, &w, &line, &field, &reason);
	fclose(fp);
	FUZZ_ASSERT(rc == MC_OK || rc == MC_BAD_INPUT || rc == MC_NOMEM);
	if (rc == MC_BAD_INPUT) {
		FUZZ_ASSERT(line >= 1 && line == w.lines);
		FUZZ_ASSERT(known_field(field) && reason && *reason);
	}
	for (size_t i = 0; i < w.n; i++) {
		const mc_checkpoint *cp = &w.cps[i];
		FUZZ_ASSERT(cp->line >= 1 && cp->line <= w.lines);
		FUZZ_ASSERT(i == 0 || cp->line > w.cps[i - 1].line);
		FUZZ_ASSERT(strlen(cp->hash) == 64 && cp->record >= 0 && *cp->unit_id);
		FUZZ_ASSERT(strncmp(cp->signed_text, MC_CHECKPOINT_VERSION " ", 6) == 0);
		round_trip(cp);
		/* One key at most: no line verifies with both. */
		FUZZ_ASSERT(!(mc_checkpoint_verify(cp, pk) && mc_checkpoint_verify(cp, other)));
	}
	mc_witness_release(&w);
	return 0;
}
