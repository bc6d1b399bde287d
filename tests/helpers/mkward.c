/* mkward — fills a ward's database with N real dossiers for bench/sync.sh:
 * each received, moved to processing and done through the library's own
 * calls (mc_dossier_create, mc_dossier_update), so that each carries its
 * history and its audit records exactly as the counter's commands make
 * them; only the process is one instead of three per dossier, and the
 * dossiers are committed a thousand at a time.
 *
 *	mkward DB N
 *
 * DB is an office made by `motcua init --training` (its procedures, its
 * unit); the clerk is MOTCUA_CLERK (else "bench"), the time MOTCUA_NOW,
 * as for the program. The
 * applicants' names come from the dossier's number, so that every run
 * makes the same ward. Exit 0 when done, 2 on usage errors, 65 with the
 * library's message when it refuses.
 */
#include <stdio.h>
#include <stdlib.h>

#include "motcua.h"

static const char *const family[] = {
	"Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
	"Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
};
static const char *const middle[] = {
	"Văn", "Thị", "Ngọc", "Minh", "Hữu", "Đức", "Thanh", "Quốc", "Thu", "Kim", "Xuân",
};
static const char *const given[] = {
	"An", "Anh", "Bình", "Châu", "Cường", "Dũng", "Duyên", "Giang", "Hà", "Hải",
	"Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai",
	"Nam", "Nga", "Nhung", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang",
	"Trung", "Tuấn", "Uyên", "Vân", "Việt", "Yến", "Đông", "Đạt", "Lộc",
};
#define N(a) (sizeof a / sizeof a[0])

/* One dossier: received, processing, done. */
static mc_status one(mc_db *db, long i)
{
	char name[96];
	unsigned long h = (unsigned long)i * 2654435761u;
	mc_dossier_input in = MC_DOSSIER_INPUT_INIT;
	mc_dossier_change processing = MC_DOSSIER_CHANGE_INIT, done = MC_DOSSIER_CHANGE_INIT;
	mc_dossier *d = NULL;
	snprintf(name, sizeof name, "%s %s %s", family[h % N(family)],
		 middle[(h / 31) % N(middle)], given[(h / 997) % N(given)]);
	in.procedure = "2.000635";
	in.applicant = name;
	processing.status = "processing";
	done.status = "done";
	/* The audit log names the command, as the counter's would. */
	mc_status st = mc_db_set_command(db, "dossier new");
	if (st == MC_OK)
		st = mc_dossier_create(db, &in, &d);
	if (st == MC_OK)
		st = mc_db_set_command(db, "dossier update");
	if (st == MC_OK)
		st = mc_dossier_update(db, d->code, &processing, NULL);
	if (st == MC_OK)
		st = mc_dossier_update(db, d->code, &done, NULL);
	mc_dossier_free(d);
	return st;
}

int main(int argc, char **argv)
{
	mc_db *db = NULL;
	char *end;
	long n = argc == 3 ? strtol(argv[2], &end, 10) : -1;
	if (argc != 3 || *end || n < 0) {
		fprintf(stderr, "usage: mkward DB N\n");
		return 2;
	}
	const char *clerk = getenv("MOTCUA_CLERK");
	mc_time now;
	mc_status st = mc_db_open(argv[1], MC_DB_WRITE, 5000, &db);
	if (st == MC_OK)
		st = mc_db_set_clerk(db, clerk && *clerk ? clerk : "bench");
	if (st == MC_OK && (st = mc_now(getenv("MOTCUA_NOW"), mc_db_offset(db), &now)) == MC_OK)
		mc_db_set_now(db, now);
	for (long i = 0; i < n && st == MC_OK; i++) {
		if (i % 1000 == 0)
			st = mc_db_begin(db);
		if (st == MC_OK)
			st = one(db, i);
		if (st == MC_OK && (i % 1000 == 999 || i == n - 1))
			st = mc_db_commit(db);
	}
	if (st != MC_OK)
		fprintf(stderr, "mkward: %s\n", db && *mc_errmsg(db) ? mc_errmsg(db) : mc_status_str(st));
	mc_db_close(db);
	return st == MC_OK ? 0 : 65;
}
