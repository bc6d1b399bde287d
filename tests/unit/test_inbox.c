/* Unit tests: the Zalo OA webhook (mc_inbox_webhook) — signed, forged and
 * unsigned events, stale ones both ways, the same event twice, each kind
 * of message, a kind not kept, malformed bodies, the office's settings
 * missing — and the inbox as clerks handle it. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "motcua.h"
#include "unit.h"

#define APP "1234567890"
#define SECRET "k3y-s3cret"
/* 2026-04-29 09:00 +07:00, in seconds and as Zalo's milliseconds */
#define T0 ((mc_time)1777428000)
#define T0_MS "1777428000000"

static mc_db *db;
static char body[4096], sig[MC_INBOX_SIGNATURE_SIZE];
static mc_inbox_result res;

/* An event of kind event_name, at ts (milliseconds, as the body writes
 * it), message msg_id, with more members of the message (may be ""). */
static void event(const char *event_name, const char *ts, const char *msg_id,
		  const char *members)
{
	snprintf(body, sizeof body,
		 "{\"app_id\":\"" APP "\",\"event_name\":\"%s\",\"timestamp\":\"%s\","
		 "\"sender\":{\"id\":\"2468458835296117922\"},\"recipient\":{\"id\":\"5797\"},"
		 "\"message\":{\"msg_id\":\"%s\"%s%s}}",
		 event_name, ts, msg_id, *members ? "," : "", members);
	mc_inbox_signature(APP, body, strlen(body), ts, SECRET, sig);
}

static mc_status post(const char *signature)
{
	return mc_inbox_webhook(db, signature, body, strlen(body), &res);
}

static int64_t rows;

static int count_one(const mc_inbox_msg *m, void *ud)
{
	(void)m;
	(void)ud;
	rows++;
	return 0;
}

static int64_t inbox_rows(int pending)
{
	rows = 0;
	mc_inbox_each(db, pending, count_one, NULL);
	return rows;
}

/* As `config set` does it (the audit log's replay knows which command
 * may write what: the server never writes a setting). */
static void setting(const char *key, const char *value)
{
	mc_db_set_clerk(db, "lan");
	mc_db_set_command(db, "config set");
	mc_db_begin(db);
	CHECK_INT(mc_setting_set(db, key, value), MC_OK, "config set %s %s", key, value);
	mc_db_commit(db);
}

static void write_secret(const char *path, const char *text, mode_t mode)
{
	FILE *fp = fopen(path, "w");
	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
	chmod(path, mode);
}

static void test_signature_formula(void)
{
	/* Computed apart: printf %s "$app$body$ts$secret" | sha256sum */
	const char *b = "{\"event_name\":\"follow\",\"timestamp\":\"1777428000000\"}";
	char s[MC_INBOX_SIGNATURE_SIZE];
	mc_inbox_signature(APP, b, strlen(b), T0_MS, SECRET, s);
	CHECK_STR(s, "mac=37f4a1468b100e69bc6ba9b1c39accede49d4c7b09fbb7ce2573a1e2b0a6b733",
		  "SHA-256 of app id, body, timestamp and OA secret key, after mac=");
}

static void test_settings_missing(const char *secret_path)
{
	event("user_send_text", T0_MS, "m0", "\"text\":\"a\"");
	CHECK_INT(post(sig), MC_UNAVAILABLE, "no app id: unavailable (503)");
	CHECK_STR(mc_errmsg(db), "zalo_app_id is not set: the office has no Zalo webhook",
		  "it says which setting");
	setting("zalo_app_id", APP);
	CHECK_INT(post(sig), MC_UNAVAILABLE, "no secret file: unavailable");
	CHECK_STR(mc_errmsg(db), "zalo_oa_secret_file is not set: the office has no Zalo webhook",
		  "it says which setting");
	setting("zalo_oa_secret_file", secret_path);
	CHECK_INT(post(sig), MC_UNAVAILABLE, "the secret file does not exist: unavailable");
	write_secret(secret_path, "  " SECRET " \nsecond line\n", 0644);
	CHECK_INT(post(sig), MC_UNAVAILABLE, "a secret file others can read is not used");
	CHECK(strstr(mc_errmsg(db), "can be read by others (mode 644)") != NULL,
	      "it says so: %s", mc_errmsg(db));
	write_secret(secret_path, "\n" SECRET "\n", 0600);
	CHECK_INT(post(sig), MC_UNAVAILABLE, "the key is on the first line, not the second");
	CHECK(strstr(mc_errmsg(db), "no Zalo OA secret key on its first line") != NULL,
	      "it says so: %s", mc_errmsg(db));
	CHECK_INT(inbox_rows(0), 0, "nothing stored meanwhile");
	write_secret(secret_path, "  " SECRET " \nsecond line\n", 0600);
}

static void test_signature(void)
{
	char forged[MC_INBOX_SIGNATURE_SIZE], upper[MC_INBOX_SIGNATURE_SIZE];
	event("user_send_text", T0_MS, "m1", "\"text\":\"Xin chào\"");
	CHECK_INT(post(NULL), MC_REFUSED, "no signature: refused (401)");
	CHECK_STR(mc_errmsg(db), "Zalo event refused: no X-ZEvent-Signature", "it says so");
	CHECK_INT(post("sha256=abc"), MC_REFUSED, "a header of another form: refused");
	mc_inbox_signature(APP, body, strlen(body), T0_MS, "another secret", forged);
	CHECK_INT(post(forged), MC_REFUSED, "signed with another secret: refused");
	CHECK(strstr(mc_errmsg(db), "its signature is wrong") != NULL, "it says so");
	mc_inbox_signature("999", body, strlen(body), T0_MS, SECRET, forged);
	CHECK_INT(post(forged), MC_REFUSED, "signed for another app: refused");
	char *p = strstr(body, "Xin");
	p[0] = 'K';
	CHECK_INT(post(sig), MC_REFUSED, "a body changed after signing: refused");
	p[0] = 'X';
	CHECK_INT(inbox_rows(0), 0, "nothing stored by any of them");
	CHECK(res.stored == 0 && res.duplicate == 0 && res.ignored == 0 && res.id == 0,
	      "the result says nothing either");
	for (size_t i = 0; i < sizeof upper; i++)
		upper[i] = i > 3 && sig[i] >= 'a' && sig[i] <= 'f' ? (char)(sig[i] - 32) : sig[i];
	CHECK_INT(post(upper), MC_OK, "the right signature, its hex in capitals");
	CHECK(res.stored == 1 && res.id == 1, "stored as message 1");
	CHECK_INT(post(sig), MC_OK, "the same event again (Zalo's retry)");
	CHECK(res.stored == 0 && res.duplicate == 1 && res.id == 1, "a duplicate of message 1");
	CHECK_INT(inbox_rows(0), 1, "stored once");
}

static void test_stale(void)
{
	event("user_send_text", "1777427640000", "m2", "\"text\":\"late\"");
	CHECK_INT(post(sig), MC_REFUSED, "6 minutes behind the clock: refused");
	CHECK_STR(mc_errmsg(db),
		  "Zalo event refused as stale: its time (1777427640000) is 360 seconds behind the clock (zalo_window_minutes: 5)",
		  "it says how far");
	event("user_send_text", "1777428360000", "m2", "\"text\":\"early\"");
	CHECK_INT(post(sig), MC_REFUSED, "6 minutes ahead of the clock: refused");
	CHECK(strstr(mc_errmsg(db), "360 seconds ahead of the clock") != NULL, "it says so");
	CHECK_INT(inbox_rows(0), 1, "neither stored");
	event("user_send_text", "1777427700000", "m2", "\"text\":\"5 minutes\"");
	CHECK_INT(post(sig), MC_OK, "5 minutes behind: within the window");
	event("user_send_text", "1777428300999", "m3", "\"text\":\"5 minutes ahead\"");
	CHECK_INT(post(sig), MC_OK, "5 minutes ahead: within the window");
	setting("zalo_window_minutes", "10");
	event("user_send_text", "1777427640000", "m4", "\"text\":\"6 minutes\"");
	CHECK_INT(post(sig), MC_OK, "6 minutes behind, with a window of 10");
	setting("zalo_window_minutes", "5");
	event("user_send_text", "1777427640000", "m2", "\"text\":\"late\"");
	CHECK_INT(post(sig), MC_REFUSED, "a replay of a stored event once stale: refused");
}

static void test_kinds(void)
{
	mc_inbox_msg *m = NULL;
	event("user_send_image", T0_MS, "img1",
	      "\"text\":\"\",\"attachments\":[{\"type\":\"image\",\"payload\":"
	      "{\"thumbnail\":\"https://t.zdn.vn/t.jpg\",\"url\":\"https://f.zdn.vn/a.jpg\"}}]");
	CHECK_INT(post(sig), MC_OK, "an image");
	int64_t img = res.id;
	CHECK_INT(mc_inbox_get(db, img, &m), MC_OK, "read back");
	CHECK_STR(mc_inbox_kind(m), "image", "its kind");
	CHECK(m->text == NULL, "an empty caption is no text");
	CHECK_INT(m->n_attachments, 1, "one attachment");
	CHECK_STR(m->attachments[0].type, "image", "its type");
	CHECK_STR(m->attachments[0].url, "https://f.zdn.vn/a.jpg", "its link, not the thumbnail");
	CHECK(m->attachments[0].name == NULL, "no name");
	CHECK_STR(m->sender, "2468458835296117922", "the sender");
	CHECK_INT(m->sent_at, T0, "the event's time, in seconds");
	mc_inbox_free(m);

	event("user_send_file", T0_MS, "file1",
	      "\"attachments\":[{\"type\":\"file\",\"payload\":{\"url\":\"https://f.zdn.vn/k.pdf\","
	      "\"name\":\"khai sinh.pdf\",\"size\":\"1024\",\"type\":\"pdf\",\"checksum\":\"x\"}},"
	      "{\"type\":\"file\",\"payload\":{\"url\":\"javascript:alert(1)\",\"name\":\"b\\u001b[31m\"}}]");
	CHECK_INT(post(sig), MC_OK, "a file");
	CHECK_INT(mc_inbox_get(db, res.id, &m), MC_OK, "read back");
	CHECK_STR(mc_inbox_kind(m), "file", "its kind");
	CHECK_INT(m->n_attachments, 2, "two attachments");
	CHECK_STR(m->attachments[0].name, "khai sinh.pdf", "the file's name");
	CHECK_STR(m->attachments[0].url, "https://f.zdn.vn/k.pdf", "its link");
	CHECK(m->attachments[1].url == NULL, "a link that is not http(s) is not kept");
	CHECK_STR(m->attachments[1].name, "b\\x1B[31m", "a name with ESC kept, made visible");
	mc_inbox_free(m);

	event("user_send_text", T0_MS, "text2",
	      "\"text\":\"  Dòng một\\nDo\\u0300ng hai\\u202e  \"");
	CHECK_INT(post(sig), MC_OK, "a text of two lines");
	CHECK_INT(mc_inbox_get(db, res.id, &m), MC_OK, "read back");
	CHECK_STR(m->text, "Dòng một\nDòng hai\\xE2\\x80\\xAE",
		  "lines kept, NFC, an invisible character made visible");
	mc_inbox_free(m);

	int64_t before = inbox_rows(0);
	event("follow", T0_MS, "f1", "");
	CHECK_INT(post(sig), MC_OK, "a follow event is acknowledged");
	CHECK(res.ignored == 1 && res.stored == 0 && res.id == 0, "and ignored");
	event("user_send_sticker", T0_MS, "s1", "");
	CHECK_INT(post(sig), MC_OK, "a sticker too");
	CHECK(res.ignored == 1, "ignored");
	CHECK_INT(inbox_rows(0), before, "neither stored");
}

static void test_malformed(void)
{
	int64_t before = inbox_rows(0);
	const char *bad[] = {
		"{\"event_name\":\"user_send_text\",",
		"[1,2]",
		"{\"event_name\":\"user_send_text\",\"timestamp\":\"" T0_MS "\"} trailing",
		"{\"event_name\":\"user_send_text\"}",
		"{\"event_name\":\"user_send_text\",\"timestamp\":\"12a\"}",
		"{\"event_name\":\"user_send_text\",\"timestamp\":\"" T0_MS "\",\"sender\":{\"id\":\"1\"},\"message\":{}}",
		"{\"event_name\":\"user_send_text\",\"timestamp\":\"" T0_MS "\",\"message\":{\"msg_id\":\"x\"}}",
		"{\"event_name\":\"user_send_text\",\"timestamp\":\"" T0_MS "\",\"sender\":{\"id\":\"1\"},\"message\":{\"msg_id\":\"x\",\"text\":5}}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(body, sizeof body, "%s", bad[i]);
		mc_inbox_signature(APP, body, strlen(body), T0_MS, SECRET, sig);
		CHECK_INT(post(sig), MC_BAD_INPUT, "not an event (400): %s", bad[i]);
	}
	CHECK_STR(mc_errmsg(db), "not a Zalo event: message.text is missing or malformed",
		  "the last one names the field");
	static const char nul[] = "{\"event_name\":\"a\0\"}";
	CHECK_INT(mc_inbox_webhook(db, sig, nul, sizeof nul - 1, &res), MC_BAD_INPUT,
		  "a body holding a NUL byte");
	CHECK_INT(mc_inbox_webhook(db, sig, "", 0, &res), MC_BAD_INPUT, "an empty body");
	CHECK_INT(inbox_rows(0), before, "nothing stored");
}

static void test_handling(void)
{
	mc_inbox_msg *m = NULL;
	mc_dossier *d = NULL;
	mc_dossier_input in = MC_DOSSIER_INPUT_INIT;
	int64_t pending = inbox_rows(1);
	mc_db_set_clerk(db, "lan");
	mc_db_set_command(db, "inbox done");
	CHECK_INT(mc_inbox_done(db, 1, &m), MC_OK, "message 1 done");
	CHECK(m && m->done_at == T0 && strcmp(m->done_by, "lan") == 0 && !m->dossier,
	      "when and by whom, no dossier");
	mc_inbox_free(m);
	CHECK_INT(mc_inbox_done(db, 1, &m), MC_REFUSED, "twice: refused");
	CHECK_STR(mc_errmsg(db),
		  "message 1 was handled already: marked done on 2026-04-29 09:00 by lan",
		  "it says when and by whom");
	CHECK_INT(mc_inbox_done(db, 999, NULL), MC_NOT_FOUND, "an unknown message");
	CHECK_STR(mc_errmsg(db), "no message 999 in the inbox", "it says so");
	CHECK_INT(inbox_rows(1), pending - 1, "one fewer pending");

	mc_db_set_command(db, "dossier new");
	in.procedure = "2.000635";
	in.applicant = "Nguyễn Văn An";
	in.channel = "counter";
	CHECK_INT(mc_inbox_receive(db, 2, &in, &d), MC_BAD_INPUT, "a channel other than online");
	CHECK(d == NULL, "no dossier");
	in.channel = NULL;
	CHECK_INT(mc_inbox_receive(db, 1, &in, &d), MC_REFUSED, "from a message handled already");
	CHECK_INT(inbox_rows(1), pending - 1, "nothing changed");
	CHECK_INT(mc_inbox_receive(db, 2, &in, &d), MC_OK, "a dossier from message 2");
	CHECK_STR(d->channel, "online", "received online");
	CHECK_STR(d->zalo_user_id, "2468458835296117922", "with the sender's Zalo user id");
	CHECK_INT(mc_inbox_get(db, 2, &m), MC_OK, "the message");
	CHECK_STR(m->dossier, d->code, "linked to the dossier");
	mc_inbox_free(m);
	mc_dossier_free(d);
	d = NULL;
	CHECK_INT(mc_inbox_receive(db, 2, &in, &d), MC_REFUSED, "a second dossier from it");
	CHECK(strstr(mc_errmsg(db), "was received from it") != NULL, "names the dossier: %s",
	      mc_errmsg(db));
}

int main(void)
{
	char dir[] = "/tmp/motcua-test-inbox.XXXXXX", path[128], secret[128];
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/i.db", dir);
	snprintf(secret, sizeof secret, "%s/oa-secret", dir);
	CHECK_INT(mc_db_open(path, MC_DB_CREATE, 1000, &db), MC_OK, "open a new database");
	mc_db_set_clerk(db, "lan");
	mc_db_set_command(db, "init");
	mc_db_set_now(db, T0);
	mc_db_begin(db);
	mc_setting_set(db, "unit_id", "000.00.22.H12");
	mc_setting_set(db, "unit_name", "UBND");
	CHECK_INT(mc_procedure_seed(db), MC_OK, "the seeded procedures");
	CHECK_INT(mc_db_commit(db), MC_OK, "committed");

	test_signature_formula();
	test_settings_missing(secret);
	test_signature();
	test_stale();
	test_kinds();
	test_malformed();
	test_handling();

	mc_check_result cr;
	CHECK_INT(mc_db_check(db, NULL, NULL, NULL, &cr), MC_OK, "db check runs");
	CHECK_INT(cr.problems, 0, "and finds the log and the inbox agree");
	mc_db_close(db);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? unit_done() : 1;
}
