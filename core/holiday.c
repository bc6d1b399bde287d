/* motcua — the office's holidays: overrides, listing and import. */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "csvio.h"
#include "db-private.h"
#include "holiday.h"
#include "i18n.h"
#include "settings.h"
#include "text.h"

/* where: whether name came from --name or from a file's column. */
static mc_status set_day(mc_db *db, int64_t day, int is_workday, const char *name,
			 mc_field_place where)
{
	char date[16], *clean = NULL, why[96], f[32];
	const char *field = mc_field_name("name", where, f, sizeof f);
	if (mc_text_invisible_why(name, why, sizeof why))
		return mc_db_fail(db, MC_BAD_INPUT, "%s: %s", field, why);
	if (mc_text_clean(name ? name : "", 0, 90, &clean) != MC_OK)
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("%s: not valid text (UTF-8, one line, at most %zu characters)"),
				  field, (size_t)90);
	mc_format_date(day, date, sizeof date);
	sqlite3_stmt *st = mc_db_prepare(db,
		"INSERT INTO holidays(date, name, is_workday) VALUES (?, ?, ?)"
		" ON CONFLICT(date) DO UPDATE SET name = excluded.name,"
		" is_workday = excluded.is_workday");
	if (!st) {
		free(clean);
		return MC_DB;
	}
	sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, clean, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, is_workday ? 1 : 0);
	mc_status rc = sqlite3_step(st) == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "holidays");
	sqlite3_finalize(st);
	free(clean);
	return rc == MC_OK ? mc_audit_record(db, "holidays", date, NULL) : rc;
}

struct set_args {
	int64_t day;
	int is_workday;
	const char *name;
};

static mc_status set_atomic(mc_db *db, void *ud)
{
	const struct set_args *a = ud;
	return set_day(db, a->day, a->is_workday, a->name, MC_FROM_OPTION);
}

mc_status mc_holiday_set(mc_db *db, int64_t day, int is_workday, const char *name)
{
	struct set_args a = { day, is_workday, name };
	return mc_db_atomic(db, set_atomic, &a);
}

mc_status mc_holiday_each(mc_db *db, int year, mc_holiday_fn fn, void *ud)
{
	mc_calendar cal;
	mc_status rc = mc_db_calendar(db, &cal);
	if (rc != MC_OK)
		return rc;
	size_t n = mc_holidays_of_year(&cal, year, NULL, 0);
	mc_holiday *hs = calloc(n ? n : 1, sizeof *hs);
	if (!hs)
		return MC_NOMEM;
	mc_holidays_of_year(&cal, year, hs, n);

	int64_t first = mc_days_from_civil(year, 1, 1), last = mc_days_from_civil(year, 12, 31);
	size_t h = 0, o = 0;
	while (o < cal.n_overrides && cal.overrides[o].day < first)
		o++;
	/* Merge the two date-ordered lists; an override replaces the day. */
	for (;;) {
		int have_o = o < cal.n_overrides && cal.overrides[o].day <= last;
		int have_h = h < n;
		mc_holiday_entry e;
		if (!have_o && !have_h)
			break;
		if (have_o && (!have_h || cal.overrides[o].day <= hs[h].day)) {
			const mc_override *ov = &cal.overrides[o++];
			if (have_h && hs[h].day == ov->day)
				h++;
			e.day = ov->day;
			e.name = ov->name;
			e.source = ov->is_workday ? MC_WORKDAY_OFFICE : MC_HOLIDAY_OFFICE;
		} else {
			e.day = hs[h].day;
			e.name = hs[h].name;
			e.source = hs[h].makeup ? MC_HOLIDAY_MAKEUP : MC_HOLIDAY_COMPUTED;
			h++;
		}
		if (fn(&e, ud))
			break;
	}
	free(hs);
	return MC_OK;
}

enum { COL_DATE, COL_NAME, COL_KIND, N_COLS };
static const char *const columns[N_COLS] = { "date", "name", "kind" };

static mc_status import_row(const char *const *v, char *why, size_t n, void *ud)
{
	mc_db *db = ud;
	int64_t day;
	char f[32];
	if (mc_parse_date(v[COL_DATE], &day) != MC_OK) {
		snprintf(why, n, _("%s: \"%s\" is not a valid date"),
			 mc_field_name("date", MC_FROM_COLUMN, f, sizeof f), v[COL_DATE]);
		return MC_BAD_INPUT;
	}
	if (*v[COL_KIND] && strcmp(v[COL_KIND], "holiday") && strcmp(v[COL_KIND], "workday")) {
		snprintf(why, n, _("%s: \"%s\" is not holiday or workday"),
			 mc_field_name("kind", MC_FROM_COLUMN, f, sizeof f), v[COL_KIND]);
		return MC_BAD_INPUT;
	}
	/* Inside the import's transaction. */
	mc_status rc = set_day(db, day, strcmp(v[COL_KIND], "workday") == 0, v[COL_NAME],
			       MC_FROM_COLUMN);
	if (rc == MC_BAD_INPUT)
		snprintf(why, n, "%s", mc_errmsg(db));
	return rc;
}

mc_status mc_holiday_import(mc_db *db, FILE *fp, const char *name, long *count,
			    long *joined, char **report)
{
	mc_import im = { .columns = columns, .n_columns = N_COLS, .n_required = 1,
			 .max_field = 4096 };
	mc_status rc = mc_csv_import(fp, name, &im, import_row, db);
	if (rc != MC_OK && im.err[0])
		mc_db_fail(db, rc, "%s", im.err);
	*report = im.report;
	*count = im.rows;
	*joined = im.joined;
	return rc;
}
