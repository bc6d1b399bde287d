/* motcua — the summary, the tracking book and the portal sync, streamed. */
#include <stdlib.h>
#include <string.h>

#include "db-private.h"
#include "report.h"
#include "strbuf.h"

static const char *const by_names[] = { NULL, "procedure", "clerk", "channel" };

mc_status mc_report_by_parse(const char *name, mc_report_by *out)
{
	for (int i = MC_BY_PROCEDURE; i <= MC_BY_CHANNEL; i++) {
		if (strcmp(name, by_names[i]) == 0) {
			*out = (mc_report_by)i;
			return MC_OK;
		}
	}
	return MC_BAD_INPUT;
}

const char *mc_report_by_name(mc_report_by by)
{
	return by <= MC_BY_CHANNEL ? by_names[by] : NULL;
}

int mc_summary_rate(const mc_summary *s)
{
	int64_t known = s->n[MC_OUT_ON_TIME] + s->n[MC_OUT_LATE] + s->n[MC_OUT_OVERDUE];
	if (known <= 0)
		return -1;
	return (int)((s->n[MC_OUT_ON_TIME] * 20000 + known) / (2 * known));
}

/* " AND received_at >= ?2 AND received_at < ?3" as far as the period goes:
 * no bound is written that the period does not have, so that a report of
 * everything reads the covering index from end to end. */
static void period_sql(mc_strbuf *b, const char *col, const mc_period *p)
{
	if (p->has_from)
		mc_strbuf_addf(b, " AND %s >= ?2", col);
	if (p->has_to)
		mc_strbuf_addf(b, " AND %s < ?3", col);
}

static void period_bind(mc_db *db, sqlite3_stmt *st, const mc_period *p)
{
	int64_t off = (int64_t)mc_db_offset(db) * 60;
	if (p->has_from)
		sqlite3_bind_int64(st, 2, p->from_day * MC_DAY_SECONDS - off);
	if (p->has_to)
		sqlite3_bind_int64(st, 3, (p->to_day + 1) * MC_DAY_SECONDS - off);
}

static sqlite3_stmt *prepare_buf(mc_db *db, mc_strbuf *sql)
{
	sqlite3_stmt *st = NULL;
	if (sql->oom)
		mc_db_fail(db, MC_NOMEM, "out of memory");
	else
		st = mc_db_prepare(db, sql->s);
	mc_strbuf_release(sql);
	return st;
}

mc_status mc_report_summary(mc_db *db, const mc_period *p, mc_report_by by,
			    mc_summary_fn fn, void *ud)
{
	mc_strbuf sql = MC_STRBUF_INIT;
	const char *group = by == MC_BY_NONE ? "NULL" : by_names[by];

	/* One pass: each outcome's SQL condition summed, ?1 = now. */
	mc_strbuf_addf(&sql, "SELECT %s, count(*)", group);
	for (int o = 0; o < MC_OUT_COUNT; o++)
		mc_strbuf_addf(&sql, ", sum(%s)", mc_outcome_sql((mc_outcome)o));
	/* A dossier entered by mistake (cancelled) is in no figure. */
	mc_strbuf_addf(&sql, ", count(promised_at) FROM dossiers WHERE status <> 'cancelled'");
	period_sql(&sql, "received_at", p);
	if (by != MC_BY_NONE)
		mc_strbuf_addf(&sql, " GROUP BY 1 ORDER BY 1");
	sqlite3_stmt *st = prepare_buf(db, &sql);
	if (!st)
		return MC_DB;
	sqlite3_bind_int64(st, 1, db->now);
	period_bind(db, st, p);

	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		mc_summary s = { (const char *)sqlite3_column_text(st, 0),
				 sqlite3_column_int64(st, 1), { 0 }, 0 };
		for (int o = 0; o < MC_OUT_COUNT; o++)
			s.n[o] = sqlite3_column_int64(st, 2 + o);
		s.rescheduled = sqlite3_column_int64(st, 2 + MC_OUT_COUNT);
		if (fn(&s, ud))
			break;
	}
	mc_status rc = r == SQLITE_ROW || r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(st);
	return rc;
}

/* ---- one row at a time ---- */

#define ROW_COLUMNS \
	"d.code, d.procedure, p.name, d.applicant, d.id_number, d.phone, d.email," \
	" d.address, d.channel, d.delivery, d.clerk, d.status, d.received_at," \
	" d.due_at, d.updated_at, d.finished_at, d.returned_at, d.paused_at," \
	" d.promised_at, d.id, p.field_code, p.field_name, p.fee" \
	" FROM dossiers d JOIN procedures p ON p.code = d.procedure"

static mc_time column_time(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? MC_TIME_NONE
							 : sqlite3_column_int64(st, i);
}

static mc_status each_row(mc_db *db, sqlite3_stmt *st, mc_report_row_fn fn, void *ud)
{
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		mc_report_row row;
		const char **strs[] = { &row.code, &row.procedure, &row.procedure_name,
					&row.applicant, &row.id_number, &row.phone, &row.email,
					&row.address, &row.channel, &row.delivery, &row.clerk };
		for (int i = 0; i < 11; i++)
			*strs[i] = (const char *)sqlite3_column_text(st, i);
		if (mc_dossier_status_parse((const char *)sqlite3_column_text(st, 11),
					    &row.status) != MC_OK)
			row.status = MC_ST_RECEIVED;
		row.received_at = sqlite3_column_int64(st, 12);
		row.due_at = sqlite3_column_int64(st, 13);
		row.updated_at = sqlite3_column_int64(st, 14);
		row.finished_at = column_time(st, 15);
		row.returned_at = column_time(st, 16);
		row.paused_at = column_time(st, 17);
		row.promised_at = column_time(st, 18);
		row.id = sqlite3_column_int64(st, 19);
		row.field_code = (const char *)sqlite3_column_text(st, 20);
		row.field_name = (const char *)sqlite3_column_text(st, 21);
		row.fee = sqlite3_column_int64(st, 22);
		row.outcome = mc_outcome_of(row.status, row.due_at, row.promised_at,
					    row.finished_at, row.paused_at, db->now);
		if (!row.code || !row.procedure || !row.procedure_name || !row.applicant ||
		    !row.channel || !row.delivery || !row.clerk) {
			sqlite3_finalize(st);
			return MC_NOMEM;
		}
		if (fn(&row, ud))
			break;
	}
	mc_status rc = r == SQLITE_ROW || r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "dossiers");
	sqlite3_finalize(st);
	return rc;
}

mc_status mc_report_book(mc_db *db, const mc_period *p, mc_report_row_fn fn, void *ud)
{
	mc_strbuf sql = MC_STRBUF_INIT;
	mc_strbuf_addf(&sql, "SELECT " ROW_COLUMNS " WHERE d.status <> 'cancelled'");
	period_sql(&sql, "d.received_at", p);
	mc_strbuf_addf(&sql, " ORDER BY d.received_at, d.id");
	sqlite3_stmt *st = prepare_buf(db, &sql);
	if (!st)
		return MC_DB;
	period_bind(db, st, p);
	return each_row(db, st, fn, ud);
}

mc_status mc_report_changed(mc_db *db, mc_time since, mc_report_row_fn fn, void *ud)
{
	sqlite3_stmt *st = mc_db_prepare(db, since == MC_TIME_NONE ?
		"SELECT " ROW_COLUMNS " WHERE d.status <> 'cancelled'"
		" ORDER BY d.updated_at, d.id" :
		"SELECT " ROW_COLUMNS " WHERE d.updated_at >= ?1 AND d.status <> 'cancelled'"
		" ORDER BY d.updated_at, d.id");
	if (!st)
		return MC_DB;
	if (since != MC_TIME_NONE)
		sqlite3_bind_int64(st, 1, since);
	return each_row(db, st, fn, ud);
}
