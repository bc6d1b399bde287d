/* Unit tests of core/sign.c: the key file and the public key setting,
 * signing extract payloads and verifying them: genuine, altered in any
 * byte of each part, truncated at any length, signed by another office. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "motcua.h"
#include "qr.h"
#include "unit.h"

static char dir[] = "/tmp/motcua-test-sign.XXXXXX";

/* A set-up office in dir/NAME.db (no key yet). */
static mc_db *office(const char *name, const char *unit)
{
	char path[256];
	mc_db *db = NULL;
	snprintf(path, sizeof path, "%s/%s.db", dir, name);
	if (mc_db_open(path, MC_DB_CREATE, 1000, &db) != MC_OK)
		return NULL;
	mc_db_set_clerk(db, "lan");
	mc_db_begin(db);
	mc_setting_set(db, "unit_id", unit);
	mc_setting_set(db, "unit_name", "UBND phường Vĩnh Phú");
	mc_db_commit(db);
	return db;
}

static mc_extract_fields birth(void)
{
	mc_extract_fields f = MC_EXTRACT_FIELDS_INIT;
	f.kind = MC_EXTRACT_BIRTH;
	f.unit_id = "000.00.22.H12";
	f.serial = "125/2026/TLKS-BS";
	f.book = "01/2019";
	f.number = "125";
	f.name = "Nguyễn Thị Thanh Hương";
	f.event_day = mc_days_from_civil(2019, 3, 5);
	f.issued_day = mc_days_from_civil(2026, 4, 29);
	return f;
}

static mc_verify_result verify(const char *payload, const unsigned char *pk,
			       mc_extract_fields *out)
{
	mc_verify_result r = MC_VERIFY_GENUINE;
	mc_extract_fields f = MC_EXTRACT_FIELDS_INIT;
	if (mc_extract_payload_verify(payload, pk, out ? out : &f, &r, NULL) != MC_OK)
		return (mc_verify_result)-1;
	mc_extract_fields_release(&f);
	return r;
}

static void test_key_text(void)
{
	unsigned char pk[32], back[32];
	char text[MC_SIGN_KEY_TEXT], hex[65], *path;
	for (int i = 0; i < 32; i++)
		pk[i] = (unsigned char)(i * 7 + 3);
	mc_sign_key_format(pk, text, sizeof text);
	CHECK_INT(strlen(text), 44, "a public key is 44 characters of base64");
	CHECK(mc_sign_key_parse(text, back) == MC_OK && !memcmp(pk, back, 32), "base64 reads back");
	text[43] = '\0';
	CHECK(mc_sign_key_parse(text, back) == MC_OK && !memcmp(pk, back, 32), "padding may be left out");
	for (int i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02X", pk[i]);
	CHECK(mc_sign_key_parse(hex, back) == MC_OK && !memcmp(pk, back, 32), "64 hex digits");
	hex[63] = 'g';
	CHECK_INT(mc_sign_key_parse(hex, back), MC_BAD_INPUT, "a non-hex digit");
	CHECK_INT(mc_sign_key_parse("abc", back), MC_BAD_INPUT, "too short");
	CHECK_INT(mc_sign_key_parse("", back), MC_BAD_INPUT, "empty");
	path = mc_sign_key_path("/srv/motcua/motcua.db");
	CHECK_STR(path, "/srv/motcua/motcua.key", "the key beside motcua.db");
	free(path);
	path = mc_sign_key_path("/srv/register");
	CHECK_STR(path, "/srv/register.key", "a name without .db gets .key appended");
	free(path);
}

static void test_key_pair(mc_db *db, unsigned char pk[32])
{
	char path[256], id[MC_SIGN_KEY_ID];
	struct stat sb;
	int created = -1;
	unsigned char again[32];

	CHECK_INT(mc_sign_public_key(db, pk), MC_NOT_FOUND, "a new office has no key");
	mc_db_begin(db);
	CHECK_INT(mc_sign_key_ensure(db, &created), MC_OK, "ensure makes one");
	mc_db_commit(db);
	CHECK_INT(created, 1, "and says it wrote the file");
	snprintf(path, sizeof path, "%s/a.key", dir);
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "a.key is there, mode 0600");
	CHECK_INT(mc_sign_public_key(db, pk), MC_OK, "the public key is in the settings");
	CHECK_INT(mc_sign_key_ensure(db, &created), MC_OK, "ensure again");
	CHECK_INT(created, 0, "writes nothing");
	CHECK(mc_sign_public_key(db, again) == MC_OK && !memcmp(pk, again, 32), "same key");
	mc_sign_key_id(pk, id, sizeof id);
	CHECK_INT(strlen(id), 8, "a key id of 8 hex digits");
}

static void test_genuine(mc_db *db, const unsigned char pk[32])
{
	mc_extract_fields f = birth(), got = MC_EXTRACT_FIELDS_INIT;
	char *payload = NULL, id[MC_SIGN_KEY_ID];
	mc_qr qr = MC_QR_INIT;

	CHECK_INT(mc_extract_payload_sign(db, &f, &payload), MC_OK, "signs a birth extract");
	CHECK(payload && !strncmp(payload, "MC1:", 4), "the payload begins with MC1:");
	CHECK(payload && strlen(payload) < 260, "compact: %zu characters", payload ? strlen(payload) : 0);
	CHECK(payload && strspn(payload, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			       "0123456789-_.:") == strlen(payload), "ASCII only: no charset to guess");
	CHECK_INT(payload ? mc_qr_encode(&qr, payload, MC_QR_M) : MC_USAGE, MC_OK,
		  "the payload encodes at level M");
	CHECK(qr.version <= 11, "in a version %d symbol", qr.version);
	mc_qr_release(&qr);
	CHECK_INT(verify(payload, pk, &got), MC_VERIFY_GENUINE, "it verifies");
	mc_sign_key_id(pk, id, sizeof id);
	CHECK_STR(got.key_id, id, "with the office's key id");
	CHECK_STR(got.name, f.name, "the name with its diacritics");
	CHECK_STR(got.serial, f.serial, "the serial");
	CHECK_STR(got.book, f.book, "the book");
	CHECK_STR(got.number, f.number, "the number");
	CHECK_STR(got.unit_id, f.unit_id, "the unit");
	CHECK(got.name2 == NULL, "no second name");
	CHECK(got.kind == MC_EXTRACT_BIRTH && got.event_day == f.event_day &&
	      got.issued_day == f.issued_day, "kind and dates");
	mc_extract_fields_release(&got);

	char *spaced = malloc(strlen(payload) + 8);
	sprintf(spaced, "  %s\r\n", payload);
	CHECK_INT(verify(spaced, pk, NULL), MC_VERIFY_GENUINE, "blanks around a scan are ignored");
	free(spaced);
	free(payload);

	f.kind = MC_EXTRACT_MARRIAGE;
	f.serial = "7/2026/TLKH-BS";
	f.name = "Lê Văn Đạt";
	f.name2 = "Phạm Thị Ngọc Ánh";
	CHECK_INT(mc_extract_payload_sign(db, &f, &payload), MC_OK, "signs a marriage extract");
	CHECK_INT(verify(payload, pk, &got), MC_VERIFY_GENUINE, "it verifies");
	CHECK_STR(got.name2, "Phạm Thị Ngọc Ánh", "the wife's name");
	CHECK(got.kind == MC_EXTRACT_MARRIAGE, "kind marriage");
	mc_extract_fields_release(&got);
	free(payload);
}

static void test_refused_fields(mc_db *db)
{
	mc_extract_fields f = birth();
	char *payload = NULL, longname[260];
	f.name = "Nguyễn\x1fVăn";
	CHECK_INT(mc_extract_payload_sign(db, &f, &payload), MC_BAD_INPUT, "a control character");
	f.name = "";
	CHECK_INT(mc_extract_payload_sign(db, &f, &payload), MC_BAD_INPUT, "an empty name");
	f.name = "Nguye\xcc\x82\xcc\x83n";
	CHECK_INT(mc_extract_payload_sign(db, &f, &payload), MC_BAD_INPUT, "a name not in NFC");
	f.name = " Lan";
	CHECK_INT(mc_extract_payload_sign(db, &f, &payload), MC_BAD_INPUT, "a leading blank");
	memset(longname, 'a', 201);
	longname[201] = '\0';
	f.name = longname;
	CHECK_INT(mc_extract_payload_sign(db, &f, &payload), MC_BAD_INPUT, "201 bytes");
	f = birth();
	f.serial = NULL;
	CHECK_INT(mc_extract_payload_sign(db, &f, &payload), MC_BAD_INPUT, "no serial");
	CHECK(payload == NULL, "nothing signed");
}

/* Any one byte changed, anywhere, and the payload is refused; so is every
 * cut of it. */
static void test_altered(mc_db *db, const unsigned char pk[32])
{
	mc_extract_fields f = birth();
	char *payload = NULL, *copy;
	size_t n, dot;
	int prefix = 1, fields = 1, sig = 1, cut = 1, cut_sig = 1, other = 0;

	mc_extract_payload_sign(db, &f, &payload);
	n = strlen(payload);
	dot = (size_t)(strchr(payload, '.') - payload);
	copy = strdup(payload);
	for (size_t i = 0; i < n; i++) {
		mc_verify_result r;
		copy[i] = payload[i] == 'A' ? 'B' : 'A';
		r = verify(copy, pk, NULL);
		if (i < 4)
			prefix &= r == MC_VERIFY_NOT_EXTRACT;
		else if (i < dot)
			/* The bytes that hold the key id make it name another
			 * key: refused as well, the message says "or altered". */
			fields &= r == MC_VERIFY_ALTERED ||
				  (r == MC_VERIFY_OTHER_KEY && i < 4 + 16 && (other++, 1));
		else
			sig &= r == MC_VERIFY_ALTERED || r == MC_VERIFY_TRUNCATED;
		copy[i] = payload[i];
	}
	CHECK(prefix, "a changed byte of the prefix: not an extract");
	CHECK(fields, "a changed byte of the fields: altered (another key, in the key id)");
	CHECK(other > 0 && other <= 12, "%d bytes name another key", other);
	CHECK(sig, "a changed byte of the signature or its dot: refused");
	for (size_t len = 0; len < n; len++) {
		mc_verify_result r;
		copy[len] = '\0';
		r = verify(copy, pk, NULL);
		cut &= r != MC_VERIFY_GENUINE;
		if (len > dot)
			cut_sig &= r == MC_VERIFY_TRUNCATED || (len >= n - 1 && r == MC_VERIFY_ALTERED);
		strcpy(copy, payload);
	}
	CHECK(cut, "no cut of the payload verifies");
	CHECK(cut_sig, "a cut in the signature: truncated");
	copy[dot] = '\0';
	CHECK_INT(verify(copy, pk, NULL), MC_VERIFY_TRUNCATED, "no signature at all: truncated");
	CHECK_INT(verify("hello", pk, NULL), MC_VERIFY_NOT_EXTRACT, "any text: not an extract");
	free(copy);
	free(payload);
}

static void test_other_office(mc_db *a, const unsigned char pk_a[32])
{
	mc_db *b = office("b", "000.00.33.K01");
	mc_extract_fields f = birth(), got = MC_EXTRACT_FIELDS_INIT;
	unsigned char pk_b[32];
	char *payload = NULL, claimed[MC_SIGN_KEY_ID] = "", id_b[MC_SIGN_KEY_ID];
	mc_verify_result r;

	f.unit_id = "000.00.33.K01";
	mc_db_begin(b);
	CHECK_INT(mc_extract_payload_sign(b, &f, &payload), MC_OK,
		  "an office without a key signs: its key is made on first need");
	mc_db_commit(b);
	CHECK_INT(mc_sign_public_key(b, pk_b), MC_OK, "it has a key now");
	mc_sign_key_id(pk_b, id_b, sizeof id_b);
	CHECK(mc_extract_payload_verify(payload, pk_a, &got, &r, claimed) == MC_OK &&
	      r == MC_VERIFY_OTHER_KEY, "another office's payload: another key");
	CHECK_STR(claimed, id_b, "naming the key it claims");
	CHECK_INT(verify(payload, pk_b, NULL), MC_VERIFY_GENUINE, "genuine with its own key");
	free(payload);

	/* Office a's key file swapped for b's: a refuses to sign with it. */
	char ka[100], kb[100], cmd[600];
	snprintf(ka, sizeof ka, "%s/a.key", dir);
	snprintf(kb, sizeof kb, "%s/b.key", dir);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s.saved' && cp '%s' '%s'", ka, ka, kb, ka);
	int sys = system(cmd);
	CHECK(sys == 0, "a's key replaced by b's");
	f = birth();
	CHECK_INT(mc_extract_payload_sign(a, &f, &payload), MC_BAD_INPUT,
		  "a key file of another database is refused");
	CHECK(strstr(mc_errmsg(a), "does not match"), "saying so: %s", mc_errmsg(a));
	unlink(ka);
	CHECK_INT(mc_extract_payload_sign(a, &f, &payload), MC_NO_INPUT, "a missing key file");
	snprintf(cmd, sizeof cmd, "mv '%s.saved' '%s'", ka, ka);
	sys = system(cmd);
	CHECK(sys == 0, "a's key back");
	CHECK_INT(mc_extract_payload_sign(a, &f, &payload), MC_OK, "and a signs again");
	CHECK_INT(verify(payload, pk_a, NULL), MC_VERIFY_GENUINE, "genuinely");
	free(payload);
	mc_db_close(b);
}

/* A database that lost its setting but kept its key file (or got one
 * restored beside it) adopts the file rather than making a new pair. */
static void test_adopt(mc_db *a, const unsigned char pk_a[32])
{
	mc_db *c = office("c", "000.00.44.C01");
	char ka[100], kc[100], cmd[600];
	unsigned char pk_c[32];
	int created = -1;
	snprintf(ka, sizeof ka, "%s/a.key", dir);
	snprintf(kc, sizeof kc, "%s/c.key", dir);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", ka, kc);
	int r = system(cmd);
	CHECK(r == 0, "a key file put beside c.db");
	mc_db_begin(c);
	CHECK_INT(mc_sign_key_ensure(c, &created), MC_OK, "ensure");
	mc_db_commit(c);
	CHECK_INT(created, 0, "writes no new file");
	CHECK(mc_sign_public_key(c, pk_c) == MC_OK && !memcmp(pk_c, pk_a, 32),
	      "it adopts the key found there");
	mc_db_close(c);
	(void)a;
}

int main(void)
{
	unsigned char pk[32];
	mc_db *db;
	if (!mkdtemp(dir)) {
		CHECK(0, "a temporary folder");
		return 1;
	}
	test_key_text();
	db = office("a", "000.00.22.H12");
	CHECK(db != NULL, "a test office");
	if (db) {
		test_key_pair(db, pk);
		test_genuine(db, pk);
		test_refused_fields(db);
		test_altered(db, pk);
		test_other_office(db, pk);
		test_adopt(db, pk);
		mc_db_close(db);
	}
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		CHECK(0, "removing %s", dir);
	return unit_done();
}
