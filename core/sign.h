/* motcua — the office's signing key (Ed25519, libsodium) and the signed QR
 * payloads that make an extract on paper checkable offline. */
#ifndef MC_SIGN_H
#define MC_SIGN_H

#include <stddef.h>
#include <stdint.h>
#include "db.h"

/*
 * The key pair. The private half is a file beside the database, mode
 * 0600: the database's path with its ".db" ending replaced by ".key"
 * (any other name gets ".key" appended), holding comment lines ("#") and
 * one line of base64: the 32-byte Ed25519 seed. The public half is kept
 * in the settings table under signing_public_key, as 44 characters of
 * standard base64 (what `motcua key export` prints). Both travel with a
 * backup: an office that loses the key file can no longer sign, and
 * extracts already issued still verify with the public key.
 */
#define MC_SIGN_PUBLIC_BYTES 32
#define MC_SIGN_KEY_TEXT     45     /* base64 of a public key, and a NUL */
#define MC_SIGN_KEY_ID       9      /* 8 hex digits and a NUL            */

/* The key file's path for a database path (malloc'd; NULL: no memory). */
char *mc_sign_key_path(const char *db_path);

/*
 * Makes sure the office has a key pair, inside the caller's transaction:
 * nothing to do when signing_public_key is set; otherwise a key file left
 * beside the database (a restored backup) is adopted, or a new pair is
 * made (libsodium's random source) and its file written with O_EXCL, 0600,
 * and synced. *created (may be NULL) is set to 1 when a file was written,
 * so that a caller whose transaction fails can remove it again.
 * MC_CANT_CREATE when the file cannot be written, MC_BAD_INPUT when a file
 * found there is not a key.
 */
mc_status mc_sign_key_ensure(mc_db *db, int *created);

/* The office's public key from the settings: MC_NOT_FOUND when it has
 * none yet (a database older than signing, before its first extract). */
mc_status mc_sign_public_key(mc_db *db, unsigned char pk[MC_SIGN_PUBLIC_BYTES]);

/* A public key as base64 (out >= MC_SIGN_KEY_TEXT). */
void mc_sign_key_format(const unsigned char pk[MC_SIGN_PUBLIC_BYTES], char *out, size_t n);
/* Reads a public key written as 44 characters of base64 (standard or
 * URL-safe alphabet, padding optional) or 64 hex digits. MC_BAD_INPUT else. */
mc_status mc_sign_key_parse(const char *s, unsigned char pk[MC_SIGN_PUBLIC_BYTES]);
/* The key's short id: the first 4 bytes of its BLAKE2b hash, in hex
 * (out >= MC_SIGN_KEY_ID). Payloads carry it to tell keys apart. */
void mc_sign_key_id(const unsigned char pk[MC_SIGN_PUBLIC_BYTES], char *out, size_t n);

/* ---- signing other texts (audit checkpoints) ---- */

#define MC_SIGN_BYTES 64        /* an Ed25519 signature */

/*
 * Signs the len bytes of msg with the office's private key (the file
 * beside the database, checked against the public key of the settings).
 * Nothing is created: an office without a key pair yet gets MC_NOT_FOUND,
 * so that a command that only reads may sign. MC_NO_INPUT when the key
 * file cannot be read, MC_BAD_INPUT when it is not this office's key.
 */
mc_status mc_sign_message(mc_db *db, const void *msg, size_t len,
			  unsigned char sig[MC_SIGN_BYTES]);

/* 1 when sig is the signature of msg by the holder of pk, else 0. */
int mc_sign_verify(const unsigned char pk[MC_SIGN_PUBLIC_BYTES], const void *msg, size_t len,
		   const unsigned char sig[MC_SIGN_BYTES]);

/* ---- signed extract payloads ---- */

typedef enum { MC_EXTRACT_BIRTH, MC_EXTRACT_MARRIAGE, MC_EXTRACT_DEATH } mc_extract_kind;

/*
 * The essential fields of an issued extract: what the QR code vouches
 * for. For signing, the caller points the strings at its own data; the
 * result of mc_extract_payload_verify() points them into `storage`,
 * which mc_extract_fields_release() frees.
 *  - name: the person (birth, death) or the husband (marriage);
 *    name2: the wife (marriage), NULL or "" otherwise.
 *  - event_day: date of birth, of the marriage's registration, or of
 *    death; issued_day: the day of issue (day numbers, core/clock.h).
 */
typedef struct {
	mc_extract_kind kind;
	const char *unit_id;    /* the issuing office, "000.00.22.H12"    */
	const char *serial;     /* the issue's serial, "12/2026/TLKS-BS"  */
	const char *book;       /* the register book, "01/2019"           */
	const char *number;     /* the entry's number in it, "125"        */
	const char *name, *name2;
	int64_t event_day, issued_day;
	char key_id[MC_SIGN_KEY_ID];    /* set by verify: the signer's id  */
	char *storage;                  /* set by verify                   */
} mc_extract_fields;

#define MC_EXTRACT_FIELDS_INIT { MC_EXTRACT_BIRTH, NULL, NULL, NULL, NULL, \
				 NULL, NULL, 0, 0, "", NULL }

void mc_extract_fields_release(mc_extract_fields *f);

/* "birth", "marriage", "death"; NULL for a value out of range. */
const char *mc_extract_kind_name(mc_extract_kind kind);

/*
 * Payload format, version 1 (documented in motcua-qr(1)):
 *
 *	MC1:<fields>.<signature>
 *
 * <fields> is base64url without padding of the UTF-8 fields joined by
 * the unit separator U+001F, in this order: kind (KS birth, KH marriage,
 * KT death), key id, unit id, serial, book, number, name, name2 (may be
 * empty), event date and issue date (YYYYMMDD). <signature> is base64url
 * without padding of the 64-byte Ed25519 signature of the ASCII text
 * "MC1:<fields>", so that the prefix is signed too. A typical birth
 * extract gives about 220 characters: a version 10 symbol at level M.
 */
#define MC_EXTRACT_PREFIX "MC1:"

/*
 * Signs f with the office's key (making the pair first when the office
 * has none: call inside the caller's transaction, see
 * mc_sign_key_ensure()). Every string must be clean UTF-8 text without
 * control characters, 1..200 bytes (name2 may be empty or NULL).
 * *payload is malloc'd. MC_BAD_INPUT with the field named in mc_errmsg;
 * MC_NO_INPUT when the key file is missing; MC_BAD_INPUT when the key file
 * does not belong to this database (its public key differs).
 */
mc_status mc_extract_payload_sign(mc_db *db, const mc_extract_fields *f, char **payload);

typedef enum {
	MC_VERIFY_GENUINE = 0,  /* signed by pk, fields read into *out       */
	MC_VERIFY_NOT_EXTRACT,  /* does not begin with MC1:                   */
	MC_VERIFY_TRUNCATED,    /* no signature, or a signature cut short    */
	MC_VERIFY_ALTERED,      /* the signature does not match the contents */
	MC_VERIFY_OTHER_KEY     /* well formed, signed with another key      */
} mc_verify_result;

/*
 * Checks a scanned payload (blanks at either end are ignored) against the
 * public key pk, offline. Returns MC_OK with *result set; only when it is
 * MC_VERIFY_GENUINE is *out filled (release it). With MC_VERIFY_OTHER_KEY,
 * `other_id` (>= MC_SIGN_KEY_ID, may be NULL) receives the key id that
 * the payload claims. MC_NOMEM when memory runs out.
 */
mc_status mc_extract_payload_verify(const char *payload,
				    const unsigned char pk[MC_SIGN_PUBLIC_BYTES],
				    mc_extract_fields *out, mc_verify_result *result,
				    char *other_id);

#endif
