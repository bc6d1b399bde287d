/* motcua — the office's Ed25519 key and signed extract payloads. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "audit.h"
#include "db-private.h"
#include "i18n.h"
#include "settings-private.h"
#include "sign.h"
#include "strbuf.h"
#include "text.h"

#define SEED_BYTES   crypto_sign_ed25519_SEEDBYTES
#define SIG_BYTES    crypto_sign_ed25519_BYTES
#define N_FIELDS     10
#define FIELD_MAX    200
#define SEP          '\x1f'
#define B64URL       sodium_base64_VARIANT_URLSAFE_NO_PADDING

static const char *const kind_codes[] = { "KS", "KH", "KT" };
static const char *const kind_names[] = { "birth", "marriage", "death" };

/* sodium_init() is cheap after the first call; commands that never sign
 * never pay for it. */
static int sodium_ready(void)
{
	return sodium_init() >= 0;
}

const char *mc_extract_kind_name(mc_extract_kind kind)
{
	return (unsigned)kind <= MC_EXTRACT_DEATH ? kind_names[kind] : NULL;
}

void mc_extract_fields_release(mc_extract_fields *f)
{
	free(f->storage);
	*f = (mc_extract_fields)MC_EXTRACT_FIELDS_INIT;
}

char *mc_sign_key_path(const char *db_path)
{
	size_t n = strlen(db_path);
	char *p = malloc(n + 5);
	if (!p)
		return NULL;
	if (n > 3 && strcmp(db_path + n - 3, ".db") == 0)
		n -= 3;
	memcpy(p, db_path, n);
	memcpy(p + n, ".key", 5);
	return p;
}

/* ---- key text ---- */

void mc_sign_key_format(const unsigned char pk[MC_SIGN_PUBLIC_BYTES], char *out, size_t n)
{
	sodium_bin2base64(out, n, pk, MC_SIGN_PUBLIC_BYTES, sodium_base64_VARIANT_ORIGINAL);
}

mc_status mc_sign_key_parse(const char *s, unsigned char pk[MC_SIGN_PUBLIC_BYTES])
{
	static const int variants[] = {
		sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
		sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING,
	};
	size_t len = strlen(s), got = 0;
	unsigned char buf[MC_SIGN_PUBLIC_BYTES];

	if (len == 2 * MC_SIGN_PUBLIC_BYTES) {
		if (sodium_hex2bin(buf, sizeof buf, s, len, NULL, &got, NULL) == 0 &&
		    got == sizeof buf)
			goto ok;
		return MC_BAD_INPUT;
	}
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++)
		if (sodium_base642bin(buf, sizeof buf, s, len, NULL, &got, NULL,
				      variants[i]) == 0 && got == sizeof buf)
			goto ok;
	return MC_BAD_INPUT;
ok:
	memcpy(pk, buf, sizeof buf);
	return MC_OK;
}

void mc_sign_key_id(const unsigned char pk[MC_SIGN_PUBLIC_BYTES], char *out, size_t n)
{
	unsigned char h[crypto_generichash_BYTES_MIN];
	crypto_generichash(h, sizeof h, pk, MC_SIGN_PUBLIC_BYTES, NULL, 0);
	sodium_bin2hex(out, n, h, 4);
}

/* ---- the public key in the settings table ---- */

/* Not one of the settings of `config`: init makes it and nothing may
 * change it, or the office's own extracts would stop verifying. */
#define PK_SETTING "signing_public_key"

mc_status mc_sign_public_key(mc_db *db, unsigned char pk[MC_SIGN_PUBLIC_BYTES])
{
	sqlite3_stmt *st = mc_db_prepare(db, "SELECT value FROM settings WHERE key = ?1");
	mc_status rc;
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, PK_SETTING, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		rc = v && sodium_ready() && mc_sign_key_parse(v, pk) == MC_OK ? MC_OK :
		     mc_db_fail(db, MC_BAD_INPUT, _("%s: the setting %s is not a public key"),
				db->path, PK_SETTING);
	} else if (r == SQLITE_DONE) {
		rc = mc_db_fail(db, MC_NOT_FOUND, _("%s: this office has no signing key yet"),
				db->path);
	} else {
		rc = mc_db_sqlfail(db, PK_SETTING);
	}
	sqlite3_finalize(st);
	return rc;
}

static mc_status store_public_key(mc_db *db, const unsigned char pk[MC_SIGN_PUBLIC_BYTES])
{
	char text[MC_SIGN_KEY_TEXT];
	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO settings(key, value) VALUES (?1, ?2)");
	if (!st)
		return MC_DB;
	mc_sign_key_format(pk, text, sizeof text);
	sqlite3_bind_text(st, 1, PK_SETTING, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, PK_SETTING);
	sqlite3_finalize(st);
	mc_settings_forget(db);
	if (rc == MC_OK) {
		mc_change chg = MC_CHANGE_INIT;
		mc_change_str(&chg, "value", text);
		const char *json = mc_change_json(&chg);
		rc = json ? mc_audit_record(db, "settings", PK_SETTING, json) : MC_NOMEM;
		mc_change_release(&chg);
	}
	return rc;
}

/* ---- the private key file ---- */

/* Reads the seed of the key file. MC_NO_INPUT when it cannot be read,
 * MC_BAD_INPUT when it holds no key or group or others may read it. */
static mc_status read_seed(mc_db *db, const char *path, unsigned char seed[SEED_BYTES])
{
	char buf[4096], *line, *save = NULL;
	size_t got = 0;
	struct stat sb;
	FILE *fp = fopen(path, "r");
	if (!fp)
		return mc_db_fail(db, MC_NO_INPUT,
				  _("%s: cannot read the office's signing key: %s"), path,
				  mc_strerror(errno));
	/* As ssh does: a key others may read may be a copy already; it is
	 * not used until its owner makes it private again. */
	if (fstat(fileno(fp), &sb) == 0 && (sb.st_mode & 077)) {
		fclose(fp);
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("%s: the signing key can be read by others (mode %03o); "
				    "make it private with: chmod 600 %s"),
				  path, (unsigned)(sb.st_mode & 0777), path);
	}
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t len = strcspn(line, "\r");
		if (line[0] == '#' || len == 0)
			continue;
		if (sodium_base642bin(seed, SEED_BYTES, line, len, NULL, &got, NULL,
				      sodium_base64_VARIANT_ORIGINAL) == 0 && got == SEED_BYTES)
			break;
		got = 0;
		break;
	}
	sodium_memzero(buf, sizeof buf);
	if (got != SEED_BYTES)
		return mc_db_fail(db, MC_BAD_INPUT, _("%s: not a motcua signing key"), path);
	return MC_OK;
}

static mc_status write_seed(mc_db *db, const char *path, const unsigned char seed[SEED_BYTES],
			    const unsigned char pk[MC_SIGN_PUBLIC_BYTES])
{
	char b64[sodium_base64_ENCODED_LEN(SEED_BYTES, sodium_base64_VARIANT_ORIGINAL)];
	char pub[MC_SIGN_KEY_TEXT];
	mc_strbuf b = MC_STRBUF_INIT;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return mc_db_fail(db, MC_CANT_CREATE, "%s: %s", path, mc_strerror(errno));
	sodium_bin2base64(b64, sizeof b64, seed, SEED_BYTES, sodium_base64_VARIANT_ORIGINAL);
	mc_sign_key_format(pk, pub, sizeof pub);
	mc_strbuf_addf(&b, "# motcua: the office's private signing key (Ed25519 seed, base64).\n"
		       "# Keep it secret and back it up with the database.\n"
		       "# Public key: %s\n%s\n", pub, b64);
	sodium_memzero(b64, sizeof b64);
	int bad = b.oom || write(fd, b.s, b.len) != (ssize_t)b.len || fsync(fd) != 0;
	int err = errno;
	if (b.s)
		sodium_memzero(b.s, b.len);
	mc_strbuf_release(&b);
	if (close(fd) != 0 && !bad) {
		bad = 1;
		err = errno;
	}
	if (bad) {
		unlink(path);
		return mc_db_fail(db, MC_CANT_CREATE, "%s: %s", path, mc_strerror(err));
	}
	return MC_OK;
}

mc_status mc_sign_key_ensure(mc_db *db, int *created)
{
	unsigned char pk[MC_SIGN_PUBLIC_BYTES], sk[crypto_sign_ed25519_SECRETKEYBYTES];
	unsigned char seed[SEED_BYTES];
	struct stat sb;
	mc_status rc;
	char *path;

	if (created)
		*created = 0;
	if (!sodium_ready())
		return mc_db_fail(db, MC_IO, _("the cryptography library cannot start"));
	rc = mc_sign_public_key(db, pk);
	if (rc != MC_NOT_FOUND)
		return rc;
	if (!(path = mc_sign_key_path(db->path)))
		return MC_NOMEM;
	if (stat(path, &sb) == 0) {
		rc = read_seed(db, path, seed);
	} else {
		randombytes_buf(seed, sizeof seed);
		rc = MC_OK;
	}
	if (rc == MC_OK)
		crypto_sign_ed25519_seed_keypair(pk, sk, seed);
	if (rc == MC_OK && stat(path, &sb) != 0) {
		rc = write_seed(db, path, seed, pk);
		if (rc == MC_OK && created)
			*created = 1;
	}
	if (rc == MC_OK)
		rc = store_public_key(db, pk);
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(sk, sizeof sk);
	free(path);
	return rc;
}

/* The secret key of the office, checked against its public key. With
 * ensure, the office gets its pair first when it has none (inside the
 * caller's write transaction); without, a missing pair is MC_NOT_FOUND. */
static mc_status load_secret(mc_db *db, unsigned char sk[crypto_sign_ed25519_SECRETKEYBYTES],
			     unsigned char pk[MC_SIGN_PUBLIC_BYTES], int ensure)
{
	unsigned char seed[SEED_BYTES], derived[MC_SIGN_PUBLIC_BYTES];
	mc_status rc = !sodium_ready() ? mc_db_fail(db, MC_IO, _("the cryptography library cannot start"))
		       : ensure ? mc_sign_key_ensure(db, NULL) : MC_OK;
	char *path;
	if (rc == MC_OK)
		rc = mc_sign_public_key(db, pk);
	if (rc != MC_OK)
		return rc;
	if (!(path = mc_sign_key_path(db->path)))
		return MC_NOMEM;
	rc = read_seed(db, path, seed);
	if (rc == MC_OK) {
		crypto_sign_ed25519_seed_keypair(derived, sk, seed);
		if (sodium_memcmp(derived, pk, sizeof derived) != 0)
			rc = mc_db_fail(db, MC_BAD_INPUT,
					_("%s: this key does not match the setting %s of the database"),
					path, PK_SETTING);
	}
	sodium_memzero(seed, sizeof seed);
	free(path);
	return rc;
}

mc_status mc_sign_message(mc_db *db, const void *msg, size_t len,
			  unsigned char sig[MC_SIGN_BYTES])
{
	unsigned char sk[crypto_sign_ed25519_SECRETKEYBYTES], pk[MC_SIGN_PUBLIC_BYTES];
	mc_status rc = load_secret(db, sk, pk, 0);
	if (rc == MC_OK)
		crypto_sign_ed25519_detached(sig, NULL, msg, len, sk);
	sodium_memzero(sk, sizeof sk);
	return rc;
}

int mc_sign_verify(const unsigned char pk[MC_SIGN_PUBLIC_BYTES], const void *msg, size_t len,
		   const unsigned char sig[MC_SIGN_BYTES])
{
	return sodium_ready() && crypto_sign_ed25519_verify_detached(sig, msg, len, pk) == 0;
}

/* ---- payloads ---- */

/* YYYYMMDD of a day that check_fields() found valid (years 1..9999). */
static void format_day(int64_t day, char out[9])
{
	int y, m, d;
	mc_civil_from_days(day, &y, &m, &d);
	snprintf(out, 9, "%04u%02u%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

static int parse_day(const char *s, int64_t *day)
{
	int y, m, d;
	if (strlen(s) != 8 || strspn(s, "0123456789") != 8)
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[4] - '0') * 10 + (s[5] - '0');
	d = (s[6] - '0') * 10 + (s[7] - '0');
	if (!mc_date_valid(y, m, d))
		return 0;
	*day = mc_days_from_civil(y, m, d);
	return 1;
}

/* A field fit to sign: clean text (as mc_text_clean would leave it, so
 * that what verifies is what was stored), 1..FIELD_MAX bytes. */
static mc_status check_field(mc_db *db, const char *name, const char *v, int optional)
{
	char *clean = NULL;
	size_t len = v ? strlen(v) : 0;
	if (len == 0 && optional)
		return MC_OK;
	if (len == 0 || len > FIELD_MAX)
		return mc_db_fail(db, MC_BAD_INPUT, _("extract %s: must be 1 to %d bytes"),
				  name, FIELD_MAX);
	mc_status rc = mc_text_clean(v, 0, 0, &clean);
	int same = rc == MC_OK && strcmp(clean, v) == 0;
	free(clean);
	if (rc == MC_NOMEM)
		return rc;
	if (!same)
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("extract %s: not clean text (UTF-8 in NFC, no control characters, no blanks at the ends)"),
				  name);
	return MC_OK;
}

static mc_status check_fields(mc_db *db, const mc_extract_fields *f)
{
	const struct { const char *name, *value; int optional; } v[] = {
		{ "unit_id", f->unit_id, 0 }, { "serial", f->serial, 0 },
		{ "book", f->book, 0 }, { "number", f->number, 0 },
		{ "name", f->name, 0 }, { "name2", f->name2, 1 },
	};
	if ((unsigned)f->kind > MC_EXTRACT_DEATH)
		return mc_db_fail(db, MC_USAGE, "extract kind %d", (int)f->kind);
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		mc_status rc = check_field(db, v[i].name, v[i].value, v[i].optional);
		if (rc != MC_OK)
			return rc;
	}
	int y, m, d;
	mc_civil_from_days(f->event_day, &y, &m, &d);
	int ok = mc_date_valid(y, m, d);
	mc_civil_from_days(f->issued_day, &y, &m, &d);
	if (!ok || !mc_date_valid(y, m, d))
		return mc_db_fail(db, MC_BAD_INPUT, _("extract: a date out of range"));
	return MC_OK;
}

/* base64url of n bytes, appended to b. */
static void add_b64url(mc_strbuf *b, const unsigned char *bin, size_t n)
{
	size_t len = sodium_base64_encoded_len(n, B64URL);
	char *s = malloc(len);
	if (!s) {
		b->oom = 1;
		return;
	}
	sodium_bin2base64(s, len, bin, n, B64URL);
	mc_strbuf_addf(b, "%s", s);
	free(s);
}

mc_status mc_extract_payload_sign(mc_db *db, const mc_extract_fields *f, char **payload)
{
	unsigned char sk[crypto_sign_ed25519_SECRETKEYBYTES], pk[MC_SIGN_PUBLIC_BYTES];
	unsigned char sig[SIG_BYTES];
	char id[MC_SIGN_KEY_ID], ev[9], is[9];
	mc_strbuf fields = MC_STRBUF_INIT, out = MC_STRBUF_INIT;
	mc_status rc;

	*payload = NULL;
	if ((rc = check_fields(db, f)) != MC_OK || (rc = load_secret(db, sk, pk, 1)) != MC_OK)
		return rc;
	mc_sign_key_id(pk, id, sizeof id);
	format_day(f->event_day, ev);
	format_day(f->issued_day, is);
	mc_strbuf_addf(&fields, "%s%c%s%c%s%c%s%c%s%c%s%c%s%c%s%c%s%c%s",
		       kind_codes[f->kind], SEP, id, SEP, f->unit_id, SEP, f->serial, SEP,
		       f->book, SEP, f->number, SEP, f->name, SEP, f->name2 ? f->name2 : "",
		       SEP, ev, SEP, is);
	mc_strbuf_addf(&out, MC_EXTRACT_PREFIX);
	if (!fields.oom)
		add_b64url(&out, (const unsigned char *)fields.s, fields.len);
	if (!out.oom) {
		crypto_sign_ed25519_detached(sig, NULL, (const unsigned char *)out.s, out.len, sk);
		mc_strbuf_addf(&out, ".");
		add_b64url(&out, sig, sizeof sig);
	}
	sodium_memzero(sk, sizeof sk);
	rc = fields.oom || out.oom ? MC_NOMEM : MC_OK;
	mc_strbuf_release(&fields);
	if (rc == MC_OK)
		*payload = mc_strbuf_detach(&out);
	mc_strbuf_release(&out);
	return rc;
}

/* Splits the decoded fields (NUL-terminated, owned by f->storage) into f.
 * 0 when they are not the ten fields of version 1. */
static int read_fields(mc_extract_fields *f)
{
	char *part[N_FIELDS], *p = f->storage;
	int n = 0;
	for (;;) {
		char *sep = strchr(p, SEP);
		if (n == N_FIELDS)
			return 0;
		part[n++] = p;
		if (!sep)
			break;
		*sep = '\0';
		p = sep + 1;
	}
	if (n != N_FIELDS || strlen(part[1]) != MC_SIGN_KEY_ID - 1)
		return 0;
	for (int k = 0; k < 3; k++)
		if (strcmp(part[0], kind_codes[k]) == 0)
			f->kind = (mc_extract_kind)k;
	if (strcmp(part[0], kind_codes[f->kind]) != 0 || !parse_day(part[8], &f->event_day) ||
	    !parse_day(part[9], &f->issued_day))
		return 0;
	memcpy(f->key_id, part[1], MC_SIGN_KEY_ID);
	f->unit_id = part[2];
	f->serial = part[3];
	f->book = part[4];
	f->number = part[5];
	f->name = part[6];
	f->name2 = *part[7] ? part[7] : NULL;
	return 1;
}

/* Decodes the fields part into f (f->storage owned). 0: not decodable. */
static int decode_fields(const char *b64, size_t len, mc_extract_fields *f, mc_status *rc)
{
	size_t got = 0;
	*rc = MC_OK;
	if (!(f->storage = malloc(len + 1))) {
		*rc = MC_NOMEM;
		return 0;
	}
	if (sodium_base642bin((unsigned char *)f->storage, len, b64, len, NULL, &got,
			      NULL, B64URL) != 0)
		return 0;
	f->storage[got] = '\0';
	return strlen(f->storage) == got && mc_utf8_valid(f->storage, got) && read_fields(f);
}

mc_status mc_extract_payload_verify(const char *payload,
				    const unsigned char pk[MC_SIGN_PUBLIC_BYTES],
				    mc_extract_fields *out, mc_verify_result *result,
				    char *other_id)
{
	static const char blanks[] = " \t\r\n";
	mc_extract_fields f = MC_EXTRACT_FIELDS_INIT;
	unsigned char sig[SIG_BYTES];
	char id[MC_SIGN_KEY_ID];
	size_t plen = strlen(MC_EXTRACT_PREFIX), got = 0, len;
	const char *p = payload + strspn(payload, blanks), *dot, *end;
	mc_status rc;

	*out = (mc_extract_fields)MC_EXTRACT_FIELDS_INIT;
	if (!sodium_ready())
		return MC_IO;
	for (end = p + strlen(p); end > p && strchr(blanks, end[-1]); end--)
		;
	len = (size_t)(end - p);
	if (len < plen || strncmp(p, MC_EXTRACT_PREFIX, plen) != 0) {
		*result = MC_VERIFY_NOT_EXTRACT;
		return MC_OK;
	}
	dot = memchr(p, '.', len);
	if (!dot || sodium_base642bin(sig, sizeof sig, dot + 1, (size_t)(end - dot - 1), NULL,
				      &got, NULL, B64URL) != 0 || got != sizeof sig) {
		*result = MC_VERIFY_TRUNCATED;
		return MC_OK;
	}
	int fine = decode_fields(p + plen, (size_t)(dot - p - plen), &f, &rc);
	if (rc != MC_OK) {
		mc_extract_fields_release(&f);
		return rc;
	}
	if (crypto_sign_ed25519_verify_detached(sig, (const unsigned char *)p,
						(size_t)(dot - p), pk) == 0 && fine) {
		*result = MC_VERIFY_GENUINE;
		*out = f;
		return MC_OK;
	}
	/* The key id is a hint, not a proof: whoever altered the payload may
	 * have changed it too. Either way the payload is refused. */
	mc_sign_key_id(pk, id, sizeof id);
	*result = fine && strcmp(f.key_id, id) != 0 ? MC_VERIFY_OTHER_KEY : MC_VERIFY_ALTERED;
	if (*result == MC_VERIFY_OTHER_KEY && other_id)
		memcpy(other_id, f.key_id, MC_SIGN_KEY_ID);
	mc_extract_fields_release(&f);
	return MC_OK;
}
