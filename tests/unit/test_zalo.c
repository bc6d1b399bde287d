/* Unit tests: Zalo's answers read (ZNS, OA, OAuth), the token file, the
 * wait between attempts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "motcua.h"
#include "unit.h"

static mc_zalo_answer read_answer(long status, const char *body)
{
	mc_zalo_answer a;
	mc_zalo_answer_read(status, body, strlen(body), &a);
	return a;
}

static void answers(void)
{
	mc_zalo_answer a = read_answer(200, "{\"error\":0,\"message\":\"Success\","
					     "\"data\":{\"msg_id\":\"a1b2\",\"sent_time\":\"1\"}}");
	CHECK_INT(a.kind, MC_ZALO_SENT, "ZNS success");
	CHECK_STR(a.msg_id, "a1b2", "its msg_id");
	a = read_answer(200, "{\"data\":{\"message_id\":\"oa-9\",\"user_id\":\"u\"},"
			     "\"error\":0,\"message\":\"Success\"}");
	CHECK(a.kind == MC_ZALO_SENT && !strcmp(a.msg_id, "oa-9"), "the OA's message_id");
	a = read_answer(200, "{\"error\":\"0\",\"message\":\"Success\"}");
	CHECK(a.kind == MC_ZALO_SENT && !*a.msg_id, "an error of \"0\" and no data: sent, no id");
	a = read_answer(200, "{\"error\":-108,\"message\":\"Phone number is invalid\"}");
	CHECK_INT(a.kind, MC_ZALO_ERROR, "a Zalo error");
	CHECK_STR(a.why, "Zalo error -108: Phone number is invalid", "said with its code");
	CHECK_INT(read_answer(200, "{\"error\":-124,\"message\":\"x\"}").kind, MC_ZALO_TOKEN,
		  "-124: the token (ZNS)");
	CHECK_INT(read_answer(200, "{\"error\":-216,\"message\":\"x\"}").kind, MC_ZALO_TOKEN,
		  "-216: the token (OA)");
	a = read_answer(502, "<html>\n<body>Bad\tGateway</body></html>");
	CHECK_STR(a.why, "HTTP 502: <html> <body>Bad Gateway</body></html>",
		  "a 5xx, its body on one line");
	a = read_answer(500, "{\"error\":0}");
	CHECK_INT(a.kind, MC_ZALO_ERROR, "a 5xx is no success whatever its body says");
	a = read_answer(200, "{\"error\":0} trailing");
	CHECK_INT(a.kind, MC_ZALO_ERROR, "an object followed by more is not an answer");
	CHECK_STR(a.why, "not a Zalo answer: {\"error\":0} trailing", "said so");
	CHECK_INT(read_answer(200, "[1,2]").kind, MC_ZALO_ERROR, "an array");
	CHECK_INT(read_answer(200, "{\"message\":\"no error key\"}").kind, MC_ZALO_ERROR,
		  "no error member");
	CHECK_INT(read_answer(200, "{\"error\":true}").kind, MC_ZALO_ERROR, "error not a number");
	CHECK_INT(read_answer(200, "").kind, MC_ZALO_ERROR, "an empty body");
	a = read_answer(200, "{\"error\":-1,\"message\":\"a\\u001b[31mb\\u0000c\xff\"}");
	CHECK_STR(a.why, "Zalo error -1: a [31mb c?", "control characters and bad bytes made harmless");
	char big[400];
	memset(big, 'x', sizeof big);
	memcpy(big, "{\"error\":-1,\"message\":\"", 24);
	memcpy(big + sizeof big - 3, "\"}", 3);
	a = read_answer(200, big);
	CHECK(strlen(a.why) < sizeof a.why && a.kind == MC_ZALO_ERROR, "a long message is cut");
}

static void refreshes(void)
{
	mc_zalo_tokens t;
	char why[300];
	const char *ok = "{\"access_token\":\"A.b-c_d\",\"refresh_token\":\"R1\",\"expires_in\":\"90000\"}";
	CHECK_INT(mc_zalo_tokens_read(200, ok, strlen(ok), &t, why, sizeof why), MC_OK, "a new pair");
	CHECK(!strcmp(t.access, "A.b-c_d") && !strcmp(t.refresh, "R1"), "read");
	const char *no = "{\"error_name\":\"Invalid refresh token\",\"error\":-14014,"
			 "\"error_description\":\"Refresh token is invalid\"}";
	CHECK_INT(mc_zalo_tokens_read(200, no, strlen(no), &t, why, sizeof why), MC_REFUSED,
		  "a refused refresh");
	CHECK_STR(why, "Zalo error -14014: Refresh token is invalid", "with Zalo's reason");
	const char *half = "{\"access_token\":\"A\"}";
	CHECK_INT(mc_zalo_tokens_read(200, half, strlen(half), &t, why, sizeof why), MC_REFUSED,
		  "no refresh token: refused (a pair or nothing)");
	const char *odd = "{\"access_token\":\"A\\nB\",\"refresh_token\":\"R\"}";
	CHECK_INT(mc_zalo_tokens_read(200, odd, strlen(odd), &t, why, sizeof why), MC_REFUSED,
		  "a token with a line break would break the file: refused");
	CHECK_INT(mc_zalo_tokens_read(503, "busy", 4, &t, why, sizeof why), MC_REFUSED, "a 503");
	CHECK_STR(why, "HTTP 503: busy", "said so");
}

static void token_file(void)
{
	char dir[] = "/tmp/motcua-zalo.XXXXXX", path[128];
	mc_db *db = NULL;
	mc_zalo_tokens t, back;
	if (!mkdtemp(dir))
		return;
	snprintf(path, sizeof path, "%s/db", dir);
	CHECK_INT(mc_db_open(path, MC_DB_CREATE, 1000, &db), MC_OK, "open a database");
	snprintf(path, sizeof path, "%s/tokens", dir);
	CHECK_INT(mc_zalo_tokens_load(db, path, &t), MC_NO_INPUT, "a missing file");
	snprintf(t.access, sizeof t.access, "acc-1");
	snprintf(t.refresh, sizeof t.refresh, "ref-1");
	CHECK_INT(mc_zalo_tokens_save(db, path, &t), MC_OK, "saved");
	struct stat sb;
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "mode 0600");
	CHECK(mc_zalo_tokens_load(db, path, &back) == MC_OK && !strcmp(back.access, "acc-1") &&
	      !strcmp(back.refresh, "ref-1"), "read back");
	snprintf(t.access, sizeof t.access, "acc-2");
	CHECK_INT(mc_zalo_tokens_save(db, path, &t), MC_OK, "saved over the old one");
	CHECK(mc_zalo_tokens_load(db, path, &back) == MC_OK && !strcmp(back.access, "acc-2"),
	      "the new pair");
	char *ls = unit_capture("ls /tmp/motcua-zalo.* | grep -c new");
	CHECK_STR(ls, "0", "no temporary file left");
	free(ls);
	chmod(path, 0640);
	CHECK_INT(mc_zalo_tokens_load(db, path, &back), MC_BAD_INPUT, "group may read: refused");
	chmod(path, 0600);
	FILE *fp = fopen(path, "w");
	fputs("only-access\n", fp);
	fclose(fp);
	CHECK(mc_zalo_tokens_load(db, path, &back) == MC_OK && !*back.refresh,
	      "an access token alone");
	fp = fopen(path, "w");
	fputs("a\nb\nc\n", fp);
	fclose(fp);
	CHECK_INT(mc_zalo_tokens_load(db, path, &back), MC_BAD_INPUT, "a third line");
	fp = fopen(path, "w");
	fclose(fp);
	CHECK_INT(mc_zalo_tokens_load(db, path, &back), MC_BAD_INPUT, "an empty file");
	char key[64];
	fp = fopen(path, "w");
	fputs("sek-1\r\n", fp);
	fclose(fp);
	CHECK(mc_zalo_secret_load(db, path, key, sizeof key) == MC_OK && !strcmp(key, "sek-1"),
	      "a secret key, CRLF");
	mc_db_close(db);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}

static void backoff(void)
{
	CHECK_INT(mc_notify_backoff(1), 300, "after the first failure, 5 minutes");
	CHECK_INT(mc_notify_backoff(2), 600, "then 10");
	CHECK_INT(mc_notify_backoff(4), 2400, "then doubled each time");
	CHECK_INT(mc_notify_backoff(8), 6 * 3600, "at most 6 hours");
	CHECK_INT(mc_notify_backoff(1000), 6 * 3600, "however many");
}

int main(void)
{
	answers();
	refreshes();
	token_file();
	backoff();
	return unit_done();
}
