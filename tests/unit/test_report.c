/* Unit tests: the outcome of a dossier in C and in SQL agree, the summary
 * (one aggregate query) agrees with the tracking book (row by row), and
 * the on-time rate. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "motcua.h"
#include "unit.h"

#define NONE MC_TIME_NONE

/* Every status, with due 1000 and each of finished, paused and now before,
 * at and after it (and NULL); and rescheduled, promised at each of those
 * times (due_at then 5000, which must not judge). */
static const mc_time times[] = { NONE, 999, 1000, 1001 };
#define N_TIMES (sizeof times / sizeof times[0])

static void bind_time(sqlite3_stmt *st, int i, mc_time t)
{
	if (t == NONE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, t);
}

static mc_time due_of(mc_time promised)
{
	return promised == NONE ? 1000 : 5000;
}

/* Whether the SQL condition cond holds on one dossier, now bound to its
 * ?1 or $1. */
static int sql_holds(sqlite3 *sq, const char *cond, mc_dossier_status s, mc_time fin,
		     mc_time paused, mc_time promised, mc_time now)
{
	char sql[1024];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql,
		 "SELECT %s FROM (SELECT ?2 AS status, ?5 AS due_at, ?6 AS promised_at,"
		 " ?3 AS finished_at, ?4 AS paused_at)", cond);
	if (sqlite3_prepare_v2(sq, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	int i = sqlite3_bind_parameter_index(st, "$1");
	sqlite3_bind_int64(st, i ? i : 1, now);
	sqlite3_bind_text(st, 2, mc_dossier_status_info(s)->name, -1, SQLITE_STATIC);
	bind_time(st, 3, fin);
	bind_time(st, 4, paused);
	sqlite3_bind_int64(st, 5, due_of(promised));
	bind_time(st, 6, promised);
	int r = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
		sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	return r;
}

/* One dossier of the grid: its status and times, and its outcome. */
struct one_case {
	mc_dossier_status s;
	mc_time fin, paused, promised, now;
	mc_outcome want;
};

/* check() on every dossier of the grid (times[] for each time, now never
 * NULL); returns how many it failed, *cases how many it saw. */
static int each_case(sqlite3 *sq, int (*check)(sqlite3 *, const struct one_case *), int *cases)
{
	int bad = 0;
	*cases = 0;
	for (int s = 0; s < MC_ST_COUNT; s++)
		for (size_t f = 0; f < N_TIMES; f++)
			for (size_t p = 0; p < N_TIMES; p++)
				for (size_t r = 0; r < N_TIMES; r++)
					for (size_t n = 1; n < N_TIMES; n++) {
						struct one_case c = { (mc_dossier_status)s, times[f],
							times[p], times[r], times[n], MC_OUT_COUNT };
						c.want = mc_outcome_of(c.s, due_of(c.promised), c.promised,
								       c.fin, c.paused, c.now);
						bad += !check(sq, &c);
						(*cases)++;
					}
	return bad;
}

static void say_case(const struct one_case *c, const char *what)
{
	printf("# %s fin=%lld paused=%lld promised=%lld now=%lld: %s\n",
	       mc_dossier_status_info(c->s)->name, (long long)c->fin, (long long)c->paused,
	       (long long)c->promised, (long long)c->now, what);
}

/* Each outcome's SQL holds exactly for the outcome the rule gives. */
static int outcome_sql_agrees(sqlite3 *sq, const struct one_case *c)
{
	int ok = 1;
	for (int o = 0; o < MC_OUT_COUNT; o++) {
		int got = sql_holds(sq, mc_outcome_sql((mc_outcome)o), c->s, c->fin, c->paused,
				    c->promised, c->now);
		if (got != (o == (int)c->want)) {
			char what[64];
			snprintf(what, sizeof what, "SQL of %s says %d", mc_outcome_name(o), got);
			say_case(c, what);
			ok = 0;
		}
	}
	return ok;
}

static void test_outcome_sql_agrees(void)
{
	sqlite3 *sq;
	int cases;
	sqlite3_open(":memory:", &sq);
	int bad = each_case(sq, outcome_sql_agrees, &cases);
	sqlite3_close(sq);
	CHECK(bad == 0 && cases == MC_ST_COUNT * 4 * 4 * 4 * 3,
	      "each outcome's SQL holds exactly when mc_outcome_of() gives it (%d cases)", cases);
}

/* The province's way: counted by status, each dossier judged by its
 * status's clock, the outcome made from in time or not. */
static int judged_agrees(sqlite3 *sq, const struct one_case *c)
{
	const char *cond = mc_judge_sql(mc_status_judge(c->s));
	int in_time = sql_holds(sq, cond, c->s, c->fin, c->paused, c->promised, c->now);
	mc_outcome got = mc_outcome_judged(c->s, in_time);
	if (in_time >= 0 && got == c->want)
		return 1;
	char what[64];
	snprintf(what, sizeof what, "judged %s, not %s", mc_outcome_name(got),
		 mc_outcome_name(c->want));
	say_case(c, what);
	return 0;
}

static void test_judged_agrees(void)
{
	sqlite3 *sq;
	int cases;
	sqlite3_open(":memory:", &sq);
	int bad = each_case(sq, judged_agrees, &cases);
	sqlite3_close(sq);
	CHECK(bad == 0 && cases == MC_ST_COUNT * 4 * 4 * 4 * 3,
	      "each status's clock in SQL and mc_outcome_judged() give mc_outcome_of() (%d cases)",
	      cases);
	CHECK_INT(mc_outcome_judged(MC_ST_CANCELLED, 1), MC_OUT_COUNT, "cancelled has no outcome");
	CHECK_INT(mc_outcome_judged(MC_ST_STOPPED, 0), MC_OUT_STOPPED, "stopped either way");
}

static void test_outcome_rules(void)
{
	CHECK_INT(mc_outcome_of(MC_ST_DONE, 1000, NONE, 1000, NONE, 5000), MC_OUT_ON_TIME,
		  "done at the due minute is on time");
	CHECK_INT(mc_outcome_of(MC_ST_RETURNED, 1000, NONE, 1001, NONE, 0), MC_OUT_LATE,
		  "returned after finishing late is late");
	CHECK_INT(mc_outcome_of(MC_ST_PROCESSING, 1000, NONE, NONE, NONE, 1000),
		  MC_OUT_IN_PROGRESS, "open at the due minute is still in progress");
	CHECK_INT(mc_outcome_of(MC_ST_PAYMENT, 1000, NONE, NONE, NONE, 1001), MC_OUT_OVERDUE,
		  "open past the due time is overdue");
	CHECK_INT(mc_outcome_of(MC_ST_SUPPLEMENT, 1000, NONE, NONE, 900, 99999),
		  MC_OUT_IN_PROGRESS, "waiting for a supplement stops the clock");
	CHECK_INT(mc_outcome_of(MC_ST_SUPPLEMENT, 1000, NONE, NONE, 1100, 1100), MC_OUT_OVERDUE,
		  "a wait that began past due is overdue");
	CHECK_INT(mc_outcome_of(MC_ST_STOPPED, 1000, NONE, NONE, NONE, 5000), MC_OUT_STOPPED,
		  "stopped is stopped, whatever the clock");
	CHECK_INT(mc_outcome_of(MC_ST_CANCELLED, 1000, NONE, NONE, NONE, 5000), MC_OUT_COUNT,
		  "a cancelled dossier (entered by mistake) has no outcome");
	CHECK_INT(mc_outcome_of(MC_ST_PROCESSING, 5000, 1000, NONE, NONE, 1001), MC_OUT_OVERDUE,
		  "open past the promised time is overdue, whatever the new due time");
	CHECK_INT(mc_outcome_of(MC_ST_PROCESSING, 5000, 1000, NONE, NONE, 1000),
		  MC_OUT_IN_PROGRESS, "open at the promised minute is in progress");
	CHECK_INT(mc_outcome_of(MC_ST_DONE, 5000, 1000, 4000, NONE, 4000), MC_OUT_LATE,
		  "done by the new due time but after the promised one is late");
	CHECK_INT(mc_outcome_of(MC_ST_RETURNED, 5000, 1000, 900, NONE, 4000), MC_OUT_LATE,
		  "a rescheduled dossier is late, however it finishes");
	for (int o = 0; o < MC_OUT_COUNT; o++)
		CHECK(mc_outcome_name((mc_outcome)o) && mc_outcome_sql((mc_outcome)o),
		      "outcome %d has a name and SQL", o);
}

static void test_rate(void)
{
	mc_summary s = { NULL, 0, { 0 }, 0 };
	CHECK_INT(mc_summary_rate(&s), -1, "no verdict known: no rate");
	s.n[MC_OUT_IN_PROGRESS] = 5;
	s.n[MC_OUT_REJECTED] = 2;
	CHECK_INT(mc_summary_rate(&s), -1, "in progress and rejected do not count");
	s.n[MC_OUT_ON_TIME] = 5;
	s.n[MC_OUT_LATE] = 1;
	CHECK_INT(mc_summary_rate(&s), 8333, "5 of 6: 0.8333");
	s.n[MC_OUT_OVERDUE] = 2;
	CHECK_INT(mc_summary_rate(&s), 6250, "overdue ones count against: 5 of 8");
	s.n[MC_OUT_ON_TIME] = 2;
	s.n[MC_OUT_LATE] = 1;
	s.n[MC_OUT_OVERDUE] = 0;
	CHECK_INT(mc_summary_rate(&s), 6667, "2 of 3 rounds half up to 0.6667");
	s.n[MC_OUT_ON_TIME] = 1;
	s.n[MC_OUT_LATE] = 7;
	CHECK_INT(mc_summary_rate(&s), 1250, "1 of 8 is exactly 0.1250");
}

/* ---- the summary and the tracking book on a real database ---- */

struct tally {
	int64_t n[MC_OUT_COUNT], rows, rescheduled;
};

static int count_book(const mc_report_row *r, void *ud)
{
	struct tally *t = ud;
	t->n[r->outcome]++;
	t->rows++;
	t->rescheduled += r->promised_at != NONE;
	return 0;
}

static int keep_summary(const mc_summary *s, void *ud)
{
	*(mc_summary *)ud = *s;
	return 0;
}

static void insert_grid(const char *path)
{
	sqlite3 *sq;
	sqlite3_stmt *st;
	int seq = 0;
	sqlite3_open(path, &sq);
	sqlite3_exec(sq, "BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(sq,
		"INSERT INTO dossiers(code, unit_id, day, seq, pin, procedure, days, applicant,"
		" channel, delivery, status, received_at, due_at, finished_at, paused_at, clerk,"
		" updated_at, promised_at) VALUES (printf('X-%d', ?1), 'X', 1, ?1, 'PIN',"
		" '2.000635', 3, 'A', 'counter', 'counter', ?2, ?3, ?6, ?4, ?5, 'lan', 0, ?7)",
		-1, &st, NULL);
	for (int s = 0; s < MC_ST_COUNT; s++)
		for (size_t f = 0; f < N_TIMES; f++)
			for (size_t p = 0; p < N_TIMES; p++)
				for (size_t r = 0; r < N_TIMES; r++) {
				sqlite3_bind_int(st, 1, ++seq);
				sqlite3_bind_text(st, 2, mc_dossier_status_info(s)->name, -1, SQLITE_STATIC);
				/* received on days 0, 1 and 2 in turn */
				sqlite3_bind_int64(st, 3, (seq % 3) * MC_DAY_SECONDS);
				bind_time(st, 4, times[f]);
				bind_time(st, 5, times[p]);
				sqlite3_bind_int64(st, 6, due_of(times[r]));
				bind_time(st, 7, times[r]);
				sqlite3_step(st);
				sqlite3_reset(st);
			}
	sqlite3_finalize(st);
	sqlite3_exec(sq, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(sq);
}

static void test_summary_agrees_with_book(void)
{
	char dir[] = "/tmp/motcua-test-report.XXXXXX", path[128];
	mc_db *db = NULL;
	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof path, "%s/m.db", dir);
	mc_status rc = mc_db_open(path, MC_DB_CREATE, 1000, &db);
	if (rc == MC_OK)
		rc = mc_db_begin(db);
	if (rc == MC_OK)
		rc = mc_setting_set(db, "utc_offset", "+00:00");
	if (rc == MC_OK)
		rc = mc_procedure_seed(db);
	if (rc == MC_OK)
		rc = mc_db_commit(db);
	CHECK(rc == MC_OK, "a fresh database (%s)", mc_errmsg(db));
	insert_grid(path);

	mc_period periods[] = { MC_PERIOD_INIT, { 1, 1, 1, 1 }, { 1, 0, 1, 0 }, { 0, 1, 0, 1 } };
	for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++)
		for (mc_time now = 999; now <= 1001; now++) {
			struct tally t = { { 0 }, 0, 0 };
			mc_summary s = { NULL, -1, { 0 }, 0 };
			mc_db_set_now(db, now);
			rc = mc_report_summary(db, &periods[i], MC_BY_NONE, keep_summary, &s);
			if (rc == MC_OK)
				rc = mc_report_book(db, &periods[i], count_book, &t);
			int same = rc == MC_OK && s.received == t.rows &&
				   s.rescheduled == t.rescheduled && t.rescheduled * 4 == t.rows * 3;
			for (int o = 0; o < MC_OUT_COUNT; o++)
				same = same && s.n[o] == t.n[o];
			CHECK(same, "period %zu at %lld: summary and book agree (%lld dossiers)",
			      i, (long long)now, (long long)t.rows);
		}
	mc_db_close(db);
	unlink(path);
	snprintf(path, sizeof path, "%s/m.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/m.db-shm", dir);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	test_outcome_sql_agrees();
	test_judged_agrees();
	test_outcome_rules();
	test_rate();
	test_summary_agrees_with_book();
	return unit_done();
}
