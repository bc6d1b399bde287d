/* motcua — unit tests of the index of the applicants' names
 * (core/dossier-find.c): a receipt indexes the name, a correction moves
 * it (dossier_names_update, what dossier amend calls), finding by name,
 * phone and ID number, newest first and up to a limit. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dossier-private.h"
#include "procedure.h"
#include "settings.h"
#include "unit.h"
#include "upgrade.h"

struct codes {
	char list[512];
	int n, stop_after;
};

static int collect(const mc_dossier *d, void *ud)
{
	struct codes *c = ud;
	/* The day's number is enough to tell them apart. */
	const char *seq = strrchr(d->code, '-');
	snprintf(c->list + strlen(c->list), sizeof c->list - strlen(c->list), "%s%s",
		 c->n ? " " : "", seq ? seq + 1 : d->code);
	return ++c->n == c->stop_after;
}

/* The day's numbers of the dossiers found for text, newest first. */
static const char *find(mc_db *db, const char *text, int limit, int stop_after)
{
	static struct codes c;
	memset(&c, 0, sizeof c);
	c.stop_after = stop_after;
	mc_status rc = mc_dossier_find(db, text, limit, collect, &c);
	if (rc != MC_OK)
		snprintf(c.list, sizeof c.list, "status %d", (int)rc);
	return c.list;
}

static void receive(mc_db *db, mc_time at, const char *name, const char *phone)
{
	mc_dossier_input in = MC_DOSSIER_INPUT_INIT;
	mc_dossier *d = NULL;
	in.procedure = "2.000635";
	in.applicant = name;
	in.phone = phone;
	mc_db_set_now(db, at);
	CHECK_INT(mc_dossier_create(db, &in, &d), MC_OK, "receive %s", name);
	mc_dossier_free(d);
}

/* Corrects the name of dossier id as dossier amend does: the row and the
 * index in one transaction. */
static mc_status rename_dossier(mc_db *db, int64_t id, const char *old, const char *name)
{
	char sql[256];
	mc_status rc = mc_db_begin(db);
	snprintf(sql, sizeof sql, "UPDATE dossiers SET applicant = '%s' WHERE id = %lld", name,
		 (long long)id);
	if (rc == MC_OK && (rc = mc_db_exec(db, sql)) == MC_OK)
		rc = dossier_names_update(db, id, old, name);
	if (rc == MC_OK)
		return mc_db_commit(db);
	mc_db_rollback(db);
	return rc;
}

int main(void)
{
	char dir[] = "/tmp/motcua-test-find.XXXXXX", path[128];
	mc_db *db = NULL;
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/f.db", dir);

	CHECK_INT(mc_db_open(path, MC_DB_CREATE, 1000, &db), MC_OK, "open a new database");
	mc_db_set_clerk(db, "lan");
	mc_db_set_command(db, "test");
	mc_db_set_now(db, 1777428000);          /* 2026-04-29 09:00 +07:00 */
	mc_db_begin(db);
	mc_setting_set(db, "unit_id", "000.00.22.H12");
	mc_setting_set(db, "unit_name", "UBND");
	CHECK_INT(mc_procedure_seed(db), MC_OK, "the seeded procedures");
	CHECK_INT(mc_db_commit(db), MC_OK, "committed");

	receive(db, 1777428000, "Nguyễn Văn Đức", "0912345678");
	receive(db, 1777428000 + 3600, "Trần Thị Duyên", NULL);
	receive(db, 1777428000 + 7200, "Lê Văn Tám", "+84 912 345 678");

	CHECK_STR(find(db, "nguyen van duc", 0, 0), "0001", "the name without its marks");
	CHECK_STR(find(db, "VĂN", 0, 0), "0003 0001", "a word in capitals, newest first");
	CHECK_STR(find(db, "d", 0, 0), "0002 0001", "one letter: the names with a word in d");
	CHECK_STR(find(db, "van", 1, 0), "0003", "at most the limit");
	CHECK_STR(find(db, "van", 0, 1), "0003", "the callback stops the search");
	CHECK_STR(find(db, "0912.345.678", 0, 0), "0003 0001", "a phone written with dots");
	CHECK_STR(find(db, "tran duc", 0, 0), "", "words of two names: nothing");
	char bad[32];
	snprintf(bad, sizeof bad, "status %d", (int)MC_BAD_INPUT);
	CHECK_STR(find(db, "  ", 0, 0), bad, "no word: refused");
	CHECK_STR(find(db, "12 34", 0, 0), bad, "digits that are no phone nor ID number: refused");

	CHECK_INT(rename_dossier(db, 1, "Nguyễn Văn Đức", "Nguyễn Văn Dũng"), MC_OK,
		  "a name corrected");
	CHECK_STR(find(db, "duc", 0, 0), "", "its old name leaves the index");
	CHECK_STR(find(db, "nguyen dung", 0, 0), "0001", "its new name enters it");
	CHECK_STR(find(db, "d", 0, 0), "0002 0001", "and the words it shares stay");
	CHECK_INT(rename_dossier(db, 1, "Nguyễn Văn Dũng", "NGUYỄN VĂN DŨNG"), MC_OK,
		  "a change of case only");
	CHECK_STR(find(db, "nguyen van dung", 0, 0), "0001", "found the same");
	CHECK_INT(rename_dossier(db, 1, "NGUYỄN VĂN DŨNG", "Phạm Minh Đức"), MC_OK,
		  "another name again");
	CHECK_STR(find(db, "dung", 0, 0), "", "the second name left too");
	CHECK_STR(find(db, "pham duc", 0, 0), "0001", "the third is found");
	CHECK_INT(mc_db_exec(db, "INSERT INTO dossier_names(dossier_names) VALUES ('integrity-check')"),
		  MC_OK, "FTS5 finds its index sound");
	CHECK_INT(rename_dossier(db, 99, NULL, "Nobody"), MC_NOT_FOUND, "no such dossier");

	/* The index rebuilt from the dossiers, as an upgrade does. */
	mc_db_begin(db);
	CHECK_INT(mc_db_exec(db, "DELETE FROM dossier_names; DELETE FROM dossier_terms"), MC_DB,
		  "a contentless index cannot be emptied row by row");
	mc_db_rollback(db);
	mc_db_begin(db);
	CHECK_INT(mc_db_exec(db, "INSERT INTO dossier_names(dossier_names) VALUES ('delete-all');"
				 " DELETE FROM dossier_terms"), MC_OK, "emptied");
	CHECK_INT(dossier_names_all(db, "main"), MC_OK, "filled again from the dossiers");
	CHECK_INT(mc_db_commit(db), MC_OK, "committed");
	CHECK_STR(find(db, "pham duc", 0, 0), "0001", "the name as it stands now");
	CHECK_STR(find(db, "van", 0, 0), "0003", "the others too");
	CHECK_STR(find(db, "tr thi", 0, 0), "0002", "with their words");

	mc_db_close(db);
	unlink(path);
	char wal[160];
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
	rmdir(dir);
	return unit_done();
}
