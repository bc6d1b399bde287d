/* motcua — plays Zalo's side of the OA webhook for the tests.
 *
 *   zalo-event sign BODY_FILE APP_ID TIMESTAMP SECRET
 *       prints the X-ZEvent-Signature header's value for the body (as
 *       Zalo computes it: mc_inbox_signature), for curl -H.
 *   zalo-event feed DATABASE BODY_FILE SIGNATURE|-
 *       hands the body and the signature ("-": none) to mc_inbox_webhook
 *       on the database, at the clock of MOTCUA_NOW when set, as motcua
 *       serve does for a POST to the webhook, and prints the HTTP status
 *       the server answers with what the call said:
 *         200 stored ID | 200 duplicate ID | 200 ignored
 *         401 MESSAGE | 400 MESSAGE | 503 MESSAGE | 500 MESSAGE
 *       Exit 0 for 200, 1 for any other answer, 2 on a usage error.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	size_t cap = 4096, n = 0, got;
	char *buf = malloc(cap);
	if (!fp || !buf) {
		free(buf);
		if (fp)
			fclose(fp);
		return NULL;
	}
	while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap) {
			char *b = realloc(buf, cap *= 2);
			if (!b) {
				free(buf);
				fclose(fp);
				return NULL;
			}
			buf = b;
		}
	}
	fclose(fp);
	*len = n;
	return buf;
}

/* The answer of the server to each status of mc_inbox_webhook. */
static int http_status(mc_status st)
{
	switch (st) {
	case MC_OK:          return 200;
	case MC_REFUSED:     return 401;
	case MC_BAD_INPUT:   return 400;
	case MC_UNAVAILABLE:
	case MC_BUSY:
	case MC_DB:          return 503;
	default:             return 500;
	}
}

static int feed(const char *path, const char *body_file, const char *sig)
{
	size_t len = 0;
	char *body = slurp(body_file, &len);
	mc_db *db = NULL;
	mc_time now;
	mc_inbox_result r;
	if (!body) {
		fprintf(stderr, "zalo-event: cannot read %s\n", body_file);
		return 2;
	}
	mc_status st = mc_db_open(path, MC_DB_WRITE, 10000, &db);
	if (st == MC_OK && mc_now(getenv("MOTCUA_NOW"), mc_db_offset(db), &now) != MC_OK)
		st = MC_USAGE;
	if (st != MC_OK) {
		fprintf(stderr, "zalo-event: %s: %s\n", path, db ? mc_errmsg(db) : "cannot open");
		mc_db_close(db);
		free(body);
		return 2;
	}
	mc_db_set_now(db, now);
	st = mc_inbox_webhook(db, strcmp(sig, "-") ? sig : NULL, body, len, &r);
	if (st != MC_OK)
		printf("%d %s\n", http_status(st), mc_errmsg(db));
	else if (r.ignored)
		printf("200 ignored\n");
	else
		printf("200 %s %" PRId64 "\n", r.stored ? "stored" : "duplicate", r.id);
	mc_db_close(db);
	free(body);
	return st == MC_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "sign") == 0) {
		size_t len = 0;
		char *body = slurp(argv[2], &len), sig[MC_INBOX_SIGNATURE_SIZE];
		if (!body) {
			fprintf(stderr, "zalo-event: cannot read %s\n", argv[2]);
			return 2;
		}
		mc_inbox_signature(argv[3], body, len, argv[4], argv[5], sig);
		printf("%s\n", sig);
		free(body);
		return 0;
	}
	if (argc == 5 && strcmp(argv[1], "feed") == 0)
		return feed(argv[2], argv[3], argv[4]);
	fprintf(stderr, "usage: zalo-event sign BODY_FILE APP_ID TIMESTAMP SECRET\n"
			"       zalo-event feed DATABASE BODY_FILE SIGNATURE|-\n");
	return 2;
}
