/* motcua — unit tests of the audit log (core/audit.c, core/audit-check.c). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit-private.h"
#include "holiday.h"
#include "procedure.h"
#include "settings.h"
#include "unit.h"
#include "upgrade.h"

struct problems {
	int n;
	char last[1024];
	mc_problem_kind kind;
};

static int collect(const mc_problem *p, void *ud)
{
	struct problems *ps = ud;
	ps->n++;
	ps->kind = p->kind;
	snprintf(ps->last, sizeof ps->last, "%s", p->message);
	return 0;
}

static struct problems check(mc_db *db)
{
	struct problems ps = { 0, "", MC_PROBLEM_COUNT };
	mc_check_result res;
	mc_status rc = mc_db_check(db, NULL, collect, &ps, &res);
	CHECK_INT(rc, MC_OK, "mc_db_check runs");
	CHECK_INT(res.problems, ps.n, "it counts what it reports");
	return ps;
}

static void test_change(void)
{
	mc_change c = MC_CHANGE_INIT;
	CHECK_STR(mc_change_json(&c), "{}", "an empty change is {}");
	mc_change_str(&c, "status", "done");
	mc_change_int(&c, "due_at", -5);
	mc_change_str(&c, "note", "a \"quoted\"\nline\\\x01");
	mc_change_str(&c, "reason", NULL);
	CHECK_STR(mc_change_json(&c),
		  "{\"status\":\"done\",\"due_at\":-5,\"note\":\"a \\\"quoted\\\"\\nline\\\\\\u0001\",\"reason\":null}",
		  "a change is compact JSON with escapes");
	mc_change_release(&c);
	mc_change_int(&c, "x", 1);
	CHECK_STR(mc_change_json(&c), "{\"x\":1}", "a released change starts again");
	mc_change_release(&c);
}

/* The record hash is a file format: the same content must give the same
 * hash in every version, or older logs would stop checking clean. */
static void test_record_hash(void)
{
	char h[65];
	mc_audit_record_hash(mc_audit_genesis, 1, 1777428000, "lan", "config set",
			     "settings", "cutoff", "{\"value\":\"14:00\"}", NULL, NULL, h);
	CHECK_STR(h, "565fbb1a781d8097c580a26c37766cdcdc4cb886899a5c6367ba3a7380af5c32",
		  "the record hash of a known record");
	/* Schema 8: the system account after the row hash, when there is one. */
	char h8[65];
	mc_audit_record_hash(mc_audit_genesis, 1, 1777428000, "lan", "config set",
			     "settings", "cutoff", "{\"value\":\"14:00\"}", NULL, "lan", h8);
	CHECK_STR(h8, "ea42f874c2fdf07d820eef57cc3f3f6d05a35a480a1b104a4d9a55c378b77c41",
		  "the record hash of a known record with its system account");
	char h2[65];
	mc_audit_record_hash(mc_audit_genesis, 1, 1777428000, "lan", "config set",
			     "settings", "cutoff", "{\"value\":\"14:00\"}", "", NULL, h2);
	CHECK(strcmp(h, h2) != 0, "a NULL row hash and an empty one differ");
	mc_audit_record_hash(mc_audit_genesis, 1, 1777428000, "lanc", "onfig set",
			     "settings", "cutoff", "{\"value\":\"14:00\"}", NULL, NULL, h2);
	CHECK(strcmp(h, h2) != 0, "fields are delimited: moving a letter across changes the hash");
}

int main(void)
{
	char dir[] = "/tmp/motcua-test-audit.XXXXXX", path[128];
	mc_db *db = NULL;
	mkdtemp(dir);
	snprintf(path, sizeof path, "%s/a.db", dir);

	test_change();
	test_record_hash();

	CHECK_INT(mc_db_open(path, MC_DB_CREATE, 1000, &db), MC_OK, "open a new database");
	mc_db_set_clerk(db, "lan");
	/* db check replays the records against what each command may write. */
	mc_db_set_command(db, "init");
	mc_db_set_now(db, 1777428000);
	CHECK_INT(mc_audit_record(db, "settings", "cutoff", NULL), MC_USAGE,
		  "a record outside a transaction is refused");
	CHECK(strstr(mc_errmsg(db), "outside a transaction") != NULL, "and says why");
	mc_db_begin(db);
	CHECK_INT(mc_audit_record(db, "nowhere", "x", NULL), MC_USAGE, "an unknown table is refused");
	CHECK_INT(mc_setting_set(db, "unit_id", "000.00.22.H12"), MC_OK, "a setting");
	CHECK_INT(mc_setting_set(db, "unit_name", "UBND"), MC_OK, "another");
	CHECK_INT(mc_procedure_seed(db), MC_OK, "the seeded procedures");
	mc_db_set_command(db, "holiday add");
	CHECK_INT(mc_holiday_set(db, 20577, 0, "Nghỉ"), MC_OK, "a holiday");
	CHECK_INT(mc_db_commit(db), MC_OK, "committed");

	int64_t id;
	char head[65];
	CHECK_INT(mc_audit_head(db, &id, head), MC_OK, "the head");
	CHECK_INT(id, 10, "2 settings, 7 procedures and a holiday: 10 records");
	CHECK_INT(check(db).n, 0, "a fresh log checks clean");

	/* A migration may add a column that is NULL by default. */
	mc_db_exec(db, "ALTER TABLE procedures ADD COLUMN extra TEXT");
	CHECK_INT(check(db).n, 0, "a new NULL column leaves the row hashes as they were");
	mc_db_exec(db, "UPDATE procedures SET extra = 'x' WHERE code = '2.000635'");
	struct problems ps = check(db);
	CHECK_INT(ps.n, 1, "a value in it is a change behind the program's back");
	CHECK_INT(ps.kind, MC_PROBLEM_ROW_ALTERED, "of kind row_altered");
	CHECK_STR(ps.last, "procedures 2.000635: altered behind the program's back (it differs from audit record 6)",
		  "naming the row and its record");
	mc_db_exec(db, "UPDATE procedures SET extra = NULL");

	/* The same bytes stored as another type are a change too. */
	mc_db_exec(db, "UPDATE holidays SET name = CAST(name AS BLOB)");
	CHECK_INT(check(db).n, 1, "a value of another type is found");
	mc_db_exec(db, "UPDATE holidays SET name = CAST(name AS TEXT)");
	CHECK_INT(check(db).n, 0, "and clean once put back");

	/* Recording a removed row. */
	mc_db_set_command(db, "config set");
	mc_db_begin(db);
	CHECK_INT(mc_setting_set(db, "unit_name", "UBND B"), MC_OK, "a setting changed");
	mc_db_exec(db, "DELETE FROM settings WHERE key = 'unit_id'");
	CHECK_INT(mc_audit_record(db, "settings", "unit_id", "{\"value\":null}"), MC_OK, "a removal recorded");
	mc_db_commit(db);
	CHECK_INT(check(db).n, 0, "changes and removals recorded check clean");

	/* A record no command makes: a holiday removed (no command removes one). */
	mc_db_begin(db);
	mc_db_exec(db, "DELETE FROM holidays");
	CHECK_INT(mc_audit_record(db, "holidays", "2026-05-04", NULL), MC_OK, "recorded all the same");
	mc_db_commit(db);
	ps = check(db);
	CHECK_INT(ps.n, 1, "the replay finds it");
	CHECK_INT(ps.kind, MC_PROBLEM_REPLAY, "of kind impossible");
	CHECK_STR(ps.last, "audit record 13 (config set): holidays 2026-05-04: impossible: config set never writes holidays",
		  "naming the record, its command, the row and why");

	mc_db_close(db);
	unlink(path);
	rmdir(dir);
	return unit_done();
}
