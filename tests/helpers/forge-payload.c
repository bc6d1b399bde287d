/* forge-payload — an extract payload signed by a key of its own, with
 * any bytes in its fields: what someone outside the office can make,
 * for the tests of `motcua qr verify --key`. It writes the format of
 * core/sign.h from its description, with libsodium directly.
 *
 *	forge-payload KIND UNIT SERIAL BOOK NUMBER NAME NAME2 EVENT ISSUED
 *
 * KIND is KS, KH or KT; EVENT and ISSUED are YYYYMMDD. Prints the public
 * key (base64) on the first line, the payload on the second.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "motcua.h"

static void put_b64url(const unsigned char *bin, size_t n, char *out, size_t cap)
{
	sodium_bin2base64(out, cap, bin, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int main(int argc, char **argv)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	unsigned char sig[crypto_sign_BYTES];
	static char fields[4096], msg[8192], sigtext[128], pktext[64];
	char id[MC_SIGN_KEY_ID];

	if (argc != 10 || sodium_init() < 0) {
		fprintf(stderr, "usage: forge-payload KIND UNIT SERIAL BOOK NUMBER NAME NAME2 EVENT ISSUED\n");
		return 2;
	}
	crypto_sign_keypair(pk, sk);
	mc_sign_key_id(pk, id, sizeof id);
	int n = snprintf(fields, sizeof fields, "%s\037%s\037%s\037%s\037%s\037%s\037%s\037%s\037%s\037%s",
			 argv[1], id, argv[2], argv[3], argv[4], argv[5], argv[6], argv[7],
			 argv[8], argv[9]);
	if (n < 0 || (size_t)n >= sizeof fields)
		return 2;
	strcpy(msg, "MC1:");
	put_b64url((const unsigned char *)fields, (size_t)n, msg + 4, sizeof msg - 4);
	crypto_sign_detached(sig, NULL, (const unsigned char *)msg, strlen(msg), sk);
	put_b64url(sig, sizeof sig, sigtext, sizeof sigtext);
	sodium_bin2base64(pktext, sizeof pktext, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
	printf("%s\n%s.%s\n", pktext, msg, sigtext);
	return 0;
}
