/* motcua — fuzzing the CSV reader and the import driver: mc_csv_read on
 * its own, then procedure and holiday imports (the first byte chooses)
 * into a scratch database, each in a transaction that is rolled back. */
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "csvio.h"
#include "fuzz.h"
#include "holiday.h"
#include "procedure.h"
#include "settings.h"
#include "upgrade.h"

/* Small, so that inputs of a few kilobytes reach the bound. */
#define FIELD_MAX 64

static mc_db *db;
static char dir[] = "/tmp/motcua-fuzz.XXXXXX", path[64];

/* The scratch database and its -wal and -shm go when the run ends. */
static void cleanup(void)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char p[80];
	mc_db_close(db);
	db = NULL;
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
	rmdir(dir);
}

static void setup(void)
{
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/fuzz.db", dir);
	atexit(cleanup);
	if (mc_db_open(path, MC_DB_CREATE, 1000, &db) != MC_OK || mc_db_set_clerk(db, "fuzz") ||
	    mc_db_set_command(db, "fuzz") || mc_db_begin(db) ||
	    mc_setting_set(db, "unit_id", "000.00.22.H12") ||
	    mc_setting_set(db, "unit_name", "UBND") || mc_procedure_seed(db) ||
	    mc_db_commit(db)) {
		fprintf(stderr, "fuzz_csv: setup: %s\n", mc_errmsg(db));
		abort();
	}
}

struct count {
	long rows;
	size_t fields;
};

static int on_row(const mc_csv_row *row, void *ud)
{
	struct count *c = ud;
	FUZZ_ASSERT(row->n > 0 && row->line >= 1);
	for (size_t i = 0; i < row->n; i++) {
		FUZZ_ASSERT(row->fields[i]);
		FUZZ_ASSERT(strlen(row->fields[i]) <= FIELD_MAX);
	}
	c->rows++;
	c->fields += row->n;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	struct count c = { 0, 0 };
	if (!db)
		setup();
	if (size == 0)
		return 0;

	FILE *fp = fmemopen((void *)(data + 1), size - 1, "r");
	if (!fp)
		return 0;
	mc_status rc = mc_csv_read(fp, "fuzz.csv", FIELD_MAX, on_row, &c, err, sizeof err);
	FUZZ_ASSERT(rc == MC_OK || rc == MC_BAD_INPUT);
	FUZZ_ASSERT(rc == MC_OK || strncmp(err, "fuzz.csv:", 9) == 0);
	rewind(fp);

	char *report = NULL;
	long a = 0, u = 0, n = 0, j = 0;
	if (mc_db_begin(db) != MC_OK)
		abort();
	if (data[0] & 1)
		rc = mc_procedure_import(db, fp, "fuzz.csv", &a, &u, &n, &j, &report);
	else
		rc = mc_holiday_import(db, fp, "fuzz.csv", &a, &j, &report);
	FUZZ_ASSERT(rc == MC_OK || rc == MC_BAD_INPUT);
	/* What was stored is audited: the log and the rows still agree. */
	if (rc == MC_OK && (a || u)) {
		int64_t id;
		char head[65];
		FUZZ_ASSERT(mc_audit_head(db, &id, head) == MC_OK && id > 0);
	}
	free(report);
	mc_db_rollback(db);
	fclose(fp);
	return 0;
}
