/* Unit tests of core/witness.c: a checkpoint taken and read back,
 * refused or unverifiable when any byte of it changes; signing without a
 * key makes none; a witness file with comments, CRLF and a bad line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "motcua.h"
#include "unit.h"

static char dir[] = "/tmp/motcua-test-witness.XXXXXX";

static mc_db *office(void)
{
	char path[256];
	mc_db *db = NULL;
	snprintf(path, sizeof path, "%s/a.db", dir);
	if (mc_db_open(path, MC_DB_CREATE, 1000, &db) != MC_OK)
		return NULL;
	mc_db_set_clerk(db, "lan");
	mc_db_set_now(db, 1777428000);      /* 2026-04-29 09:00 +07:00 */
	mc_db_begin(db);
	mc_setting_set(db, "unit_id", "000.00.22.H12");
	mc_setting_set(db, "unit_name", "UBND phường Vĩnh Phú");
	mc_db_commit(db);
	return db;
}

/* Without a key pair, a read-only command signs nothing and makes no key. */
static void test_no_key(mc_db *db)
{
	mc_checkpoint cp;
	char *line = (char *)"x", path[256];
	CHECK_INT(mc_checkpoint_take(db, &cp, &line), MC_NOT_FOUND, "no key yet: not found");
	CHECK(line == NULL, "and no line");
	snprintf(path, sizeof path, "%s/a.key", dir);
	CHECK(access(path, F_OK) != 0, "and no key file made");
}

static void test_round_trip(mc_db *db, const unsigned char *pk, char **out)
{
	mc_checkpoint cp, back;
	const char *field = NULL, *reason = NULL;
	char *line = NULL, want[200];
	int64_t id;
	char hash[65];
	CHECK_INT(mc_checkpoint_take(db, &cp, &line), MC_OK, "take");
	if (!line)
		return;
	CHECK_INT(mc_audit_head(db, &id, hash), MC_OK, "the head");
	snprintf(want, sizeof want, "MCCP1 000.00.22.H12 %lld %s 2026-04-29T09:00:00+07:00 ",
		 (long long)id, hash);
	CHECK(strncmp(line, want, strlen(want)) == 0, "the line: %s", line);
	CHECK_INT((int)(strlen(line) - strlen(want)), 86, "an 86-character signature");
	CHECK_INT(mc_checkpoint_parse(line, strlen(line), &back, &field, &reason), MC_OK,
		  "read back");
	CHECK(back.record == id && strcmp(back.hash, hash) == 0 && back.at == 1777428000 &&
	      back.offset_min == 420, "the same fields");
	CHECK(mc_checkpoint_verify(&back, pk), "verifies with the office's key");
	*out = line;
}

/* Every byte changed: refused as a line, or its signature fails. */
static void test_altered(const char *line, const unsigned char *pk)
{
	size_t n = strlen(line);
	char *copy = malloc(n + 1);
	int passed = 0;
	for (size_t i = 0; copy && i < n; i++) {
		static const char subst[] = { 'A', '0', 'f', ' ', '-', '_', 'Z' };
		for (size_t k = 0; k < sizeof subst; k++) {
			mc_checkpoint cp;
			const char *field = NULL, *reason = NULL;
			memcpy(copy, line, n + 1);
			if (copy[i] == subst[k])
				continue;
			copy[i] = subst[k];
			/* A blank put between two blanks or at an end changes no field. */
			if (subst[k] == ' ' && (i == 0 || i == n - 1 || line[i - 1] == ' ' ||
						line[i + 1] == ' '))
				continue;
			if (mc_checkpoint_parse(copy, n, &cp, &field, &reason) == MC_OK &&
			    mc_checkpoint_verify(&cp, pk))
				passed++;
		}
	}
	CHECK_INT(passed, 0, "no altered line verifies");
	free(copy);
}

static void test_file(const char *line)
{
	char text[1024];
	mc_witness w = MC_WITNESS_INIT;
	const char *field = NULL, *reason = NULL;
	long at = 0;
	snprintf(text, sizeof text, "# witness\n\n%s\r\n  # indented\n%s\nMCCP1 x\n%s\n", line, line,
		 line);
	FILE *fp = fmemopen(text, strlen(text), "r");
	CHECK_INT(mc_witness_read(fp, &w, &at, &field, &reason), MC_BAD_INPUT, "a bad line");
	CHECK(at == 6 && strcmp(field, "unit") == 0, "named: line %ld, %s", at, field);
	CHECK(w.n == 2 && w.cps[0].line == 3 && w.cps[1].line == 5, "the two before it, with their lines");
	fclose(fp);
	mc_witness_release(&w);
}

int main(void)
{
	unsigned char pk[32];
	char *line = NULL;
	mc_db *db;
	if (!mkdtemp(dir)) {
		CHECK(0, "a temporary folder");
		return 1;
	}
	db = office();
	CHECK(db != NULL, "a test office");
	if (db) {
		test_no_key(db);
		mc_db_begin(db);
		CHECK_INT(mc_sign_key_ensure(db, NULL), MC_OK, "a key pair");
		mc_db_commit(db);
		CHECK_INT(mc_sign_public_key(db, pk), MC_OK, "its public key");
		test_round_trip(db, pk, &line);
		if (line) {
			test_altered(line, pk);
			test_file(line);
		}
		free(line);
		mc_db_close(db);
	}
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		CHECK(0, "removing %s", dir);
	return unit_done();
}
