/* motcua — fuzzing the webhook of the Zalo OA (mc_inbox_webhook): any body
 * and any X-ZEvent-Signature. The input's first line is the header ("-":
 * none; "AUTO": the right signature of the body for its timestamp, so
 * that the fuzzer reaches the reading of the event), the rest the body.
 * Whatever comes, the answer is one of 200 (stored, duplicate or
 * ignored), 400 or 401; a stored message reads back clean: UTF-8 without
 * a control character but its line breaks, links that are http(s). The
 * seed corpus holds events at the harness's clock, T0 below. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db-private.h"
#include "fuzz.h"
#include "inbox.h"
#include "settings.h"
#include "text.h"
#include "upgrade.h"

#define APP "1234567890"
#define SECRET "fuzzing-key-not-secret"
#define T0 ((mc_time)1777428000)        /* 2026-04-29 09:00 +07:00 */

static mc_db *db;
static char dir[] = "/tmp/motcua-fuzz-webhook.XXXXXX";

/* The run leaves nothing behind. */
static void cleanup(void)
{
	static const char *const files[] = { "w.db", "w.db-wal", "w.db-shm", "oa-secret" };
	char path[160];
	mc_db_close(db);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* A database of its own for the whole run, its settings made once. */
static void setup(void)
{
	char path[160], secret[160];
	FUZZ_ASSERT(mkdtemp(dir) != NULL);
	atexit(cleanup);
	snprintf(path, sizeof path, "%s/w.db", dir);
	snprintf(secret, sizeof secret, "%s/oa-secret", dir);
	FILE *fp = fopen(secret, "w");
	FUZZ_ASSERT(fp != NULL);
	fputs(SECRET "\n", fp);
	fclose(fp);
	chmod(secret, 0600);
	FUZZ_ASSERT(mc_db_open(path, MC_DB_CREATE, 1000, &db) == MC_OK);
	/* Speed over durability: the file is thrown away. */
	FUZZ_ASSERT(mc_db_exec(db, "PRAGMA synchronous = OFF") == MC_OK);
	mc_db_set_clerk(db, "fuzz");
	mc_db_set_command(db, "init");
	mc_db_set_now(db, T0);
	FUZZ_ASSERT(mc_db_begin(db) == MC_OK);
	FUZZ_ASSERT(mc_setting_set(db, "unit_id", "000.00.22.H12") == MC_OK);
	FUZZ_ASSERT(mc_setting_set(db, "zalo_app_id", APP) == MC_OK);
	FUZZ_ASSERT(mc_setting_set(db, "zalo_oa_secret_file", secret) == MC_OK);
	FUZZ_ASSERT(mc_db_commit(db) == MC_OK);
}

/* The timestamp as the body writes it: the digits after the first
 * "timestamp": (quoted or not); "" when none. */
static void find_timestamp(const char *body, size_t len, char ts[24])
{
	const char *key = "\"timestamp\":";
	char *copy = fuzz_string((const uint8_t *)body, len), *p = strstr(copy, key);
	size_t n = 0;
	if (p) {
		p += strlen(key);
		p += *p == '"';
		while (n < 23 && p[n] >= '0' && p[n] <= '9')
			n++;
		memcpy(ts, p, n);
	}
	ts[n] = '\0';
	free(copy);
}

/* A stored message reads back as the webhook promises. */
static void check_stored(int64_t id)
{
	mc_inbox_msg *m = NULL;
	FUZZ_ASSERT(mc_inbox_get(db, id, &m) == MC_OK);
	FUZZ_ASSERT(m->msg_id && *m->msg_id && m->sender && *m->sender);
	FUZZ_ASSERT(m->done_at == MC_TIME_NONE);
	if (m->text) {
		FUZZ_ASSERT(mc_utf8_valid(m->text, strlen(m->text)));
		for (const char *p = m->text; *p; p++)
			FUZZ_ASSERT((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t');
	}
	for (size_t i = 0; i < m->n_attachments; i++) {
		const char *u = m->attachments[i].url;
		FUZZ_ASSERT(m->attachments[i].type != NULL);
		FUZZ_ASSERT(!u || strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0);
	}
	mc_inbox_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db)
		setup();
	const char *in = (const char *)data, *nl = memchr(in, '\n', size);
	if (!nl)
		return 0;
	char *header = fuzz_string(data, (size_t)(nl - in)), sig[MC_INBOX_SIGNATURE_SIZE], ts[24];
	const char *body = nl + 1;
	size_t len = size - (size_t)(body - in);
	const char *given = strcmp(header, "-") == 0 ? NULL : header;
	if (strcmp(header, "AUTO") == 0) {
		find_timestamp(body, len, ts);
		mc_inbox_signature(APP, body, len, ts, SECRET, sig);
		given = sig;
	}
	mc_inbox_result r = { 1, 1, 1, 1 };
	mc_status rc = mc_inbox_webhook(db, given, body, len, &r);
	FUZZ_ASSERT(rc == MC_OK || rc == MC_REFUSED || rc == MC_BAD_INPUT || rc == MC_NOMEM);
	if (rc == MC_OK) {
		FUZZ_ASSERT(r.stored + r.duplicate + r.ignored == 1);
		FUZZ_ASSERT(r.ignored ? r.id == 0 : r.id > 0);
		if (!r.ignored)
			check_stored(r.id);
	} else {
		FUZZ_ASSERT(!r.stored && !r.duplicate && !r.ignored && !r.id);
		FUZZ_ASSERT(*mc_errmsg(db));
	}
	if (!given)
		FUZZ_ASSERT(rc == MC_REFUSED);
	free(header);
	return 0;
}
