/* motcua — fuzzing the verifier of signed extract payloads
 * (mc_extract_payload_verify): any scanned text is checked against a
 * fixed key; only a payload that really carries that key's signature may
 * come out genuine, with every field present. The seed corpus holds
 * payloads signed with the key of FUZZ_SEED below. */
#include <sodium.h>
#include <string.h>

#include "fuzz.h"
#include "sign.h"

/* The key pair every seed payload is signed with. */
#define FUZZ_SEED "motcua fuzzing key, not secret."

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	static int ready;
	if (!ready) {
		unsigned char sk[crypto_sign_SECRETKEYBYTES], seed[crypto_sign_SEEDBYTES];
		FUZZ_ASSERT(sodium_init() >= 0);
		memset(seed, 0, sizeof seed);
		memcpy(seed, FUZZ_SEED, sizeof FUZZ_SEED - 1 < sizeof seed ? sizeof FUZZ_SEED - 1
									  : sizeof seed);
		crypto_sign_seed_keypair(pk, sk, seed);
		ready = 1;
	}

	char *s = fuzz_string(data, size), other[MC_SIGN_KEY_ID] = "";
	mc_extract_fields f = MC_EXTRACT_FIELDS_INIT;
	mc_verify_result result = MC_VERIFY_ALTERED;
	mc_status rc = mc_extract_payload_verify(s, pk, &f, &result, other);
	FUZZ_ASSERT(rc == MC_OK || rc == MC_NOMEM);
	if (rc == MC_OK) {
		FUZZ_ASSERT(result >= MC_VERIFY_GENUINE && result <= MC_VERIFY_OTHER_KEY);
		if (result == MC_VERIFY_GENUINE) {
			FUZZ_ASSERT(mc_extract_kind_name(f.kind) != NULL);
			FUZZ_ASSERT(f.unit_id && f.serial && f.book && f.number && f.name);
			FUZZ_ASSERT(strstr(s, MC_EXTRACT_PREFIX) != NULL);
		} else {
			FUZZ_ASSERT(f.storage == NULL);
		}
		FUZZ_ASSERT(memchr(other, '\0', sizeof other) != NULL);
	}
	mc_extract_fields_release(&f);
	free(s);
	return 0;
}
