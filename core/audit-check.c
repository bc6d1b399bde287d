/* motcua — db check: SQLite's own checks, the audit chain, and every
 * audited row against its last audit record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit-private.h"
#include "i18n.h"

/* PRAGMA integrity_check: "ok", or one row per problem. */
static mc_status check_integrity(struct mc_checker *c)
{
	sqlite3_stmt *st = mc_db_prepare(c->db, "PRAGMA integrity_check");
	int r;
	if (!st)
		return MC_DB;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);
		if (msg && strcmp(msg, "ok") != 0)
			mc_check_problem(c, MC_PROBLEM_INTEGRITY, NULL, NULL, 0, _("integrity: %s"), msg);
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(c->db, "integrity_check");
}

static mc_status check_foreign_keys(struct mc_checker *c)
{
	sqlite3_stmt *st = mc_db_prepare(c->db, "PRAGMA foreign_key_check");
	int r;
	if (!st)
		return MC_DB;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		const char *parent = (const char *)sqlite3_column_text(st, 2);
		mc_check_problem(c, MC_PROBLEM_FOREIGN_KEY, NULL, NULL, 0,
			_("foreign key: row %lld of %s refers to a missing row of %s"),
			(long long)sqlite3_column_int64(st, 1), table ? table : "?",
			parent ? parent : "?");
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(c->db, "foreign_key_check");
}

/* The triggers that make the log and the history append-only. */
static mc_status check_triggers(struct mc_checker *c)
{
	static const char *const triggers[][2] = {
		{ "audit_log", "audit_log_no_update" },
		{ "audit_log", "audit_log_no_delete" },
		{ "dossier_history", "dossier_history_no_update" },
		{ "dossier_history", "dossier_history_no_delete" },
		{ "extracts", "extracts_no_update" },
		{ "extracts", "extracts_no_delete" },
		{ "extract_events", "extract_events_no_update" },
		{ "extract_events", "extract_events_no_delete" },
		{ "register_amendments", "register_amendments_no_update" },
		{ "register_amendments", "register_amendments_no_delete" },
		{ "notifications", "notifications_no_delete" },
		{ "data_exports", "data_exports_no_update" },
		{ "data_exports", "data_exports_no_delete" },
	};
	sqlite3_stmt *st = mc_db_prepare(c->db,
		"SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1");
	if (!st)
		return MC_DB;
	for (size_t i = 0; i < sizeof triggers / sizeof triggers[0]; i++) {
		sqlite3_bind_text(st, 1, triggers[i][1], -1, SQLITE_STATIC);
		int r = sqlite3_step(st);
		sqlite3_reset(st);
		if (r == SQLITE_DONE)
			mc_check_problem(c, MC_PROBLEM_TRIGGER, NULL, NULL, 0,
				_("%s: the trigger %s that keeps it append-only was removed"),
				triggers[i][0], triggers[i][1]);
		else if (r != SQLITE_ROW) {
			sqlite3_finalize(st);
			return mc_db_sqlfail(c->db, "sqlite_master");
		}
	}
	sqlite3_finalize(st);
	return MC_OK;
}

static void missing(struct mc_checker *c, int64_t from, int64_t to)
{
	if (from == to)
		mc_check_problem(c, MC_PROBLEM_RECORD_MISSING, NULL, NULL, from,
			_("audit record %lld: removed"), (long long)from);
	else
		mc_check_problem(c, MC_PROBLEM_RECORD_MISSING, NULL, NULL, from,
			_("audit records %lld to %lld: removed"), (long long)from, (long long)to);
}

/* The highest id the log ever gave (sqlite_sequence), 0 when unknown. */
static int64_t highest_id(mc_db *db)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'");
	int64_t seq = 0;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return seq;
}

/* Walks the log in id order: each record's hash must be that of its
 * content, and each must link to the one before. */
static mc_status check_chain(struct mc_checker *c)
{
	sqlite3_stmt *st = mc_db_prepare(c->db,
		"SELECT id, at, clerk, command, tbl, key, change, row_hash, prev_hash, hash,"
		" os_user FROM audit_log ORDER BY id");
	char head[65], want[65];
	int64_t last = 0;
	int r;
	if (!st)
		return MC_DB;
	memcpy(head, mc_audit_genesis, sizeof head);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *f[9];
		for (int i = 2; i < 11; i++)
			f[i - 2] = (const char *)sqlite3_column_text(st, i);
		const char *prev = f[6] ? f[6] : "", *hash = f[7] ? f[7] : "";
		c->res->records++;
		mc_audit_record_hash(prev, id, sqlite3_column_int64(st, 1), f[0], f[1],
				     f[2], f[3], f[4], f[5], f[8], want);
		int gap = id != last + 1;
		if (gap)
			missing(c, last + 1, id - 1);
		if (strcmp(want, hash) != 0)
			mc_check_problem(c, MC_PROBLEM_RECORD_ALTERED, f[2], f[3], id,
				_("audit record %lld: altered (its content does not match its hash)"),
				(long long)id);
		if (!gap && strcmp(prev, head) != 0)
			mc_check_problem(c, MC_PROBLEM_CHAIN, f[2], f[3], id,
				_("audit record %lld: does not follow record %lld (a record before it was altered, removed or inserted)"),
				(long long)id, (long long)last);
		snprintf(head, sizeof head, "%s", hash);
		last = id;
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return mc_db_sqlfail(c->db, "audit_log");
	int64_t seq = highest_id(c->db);
	if (seq == last + 1)
		mc_check_problem(c, MC_PROBLEM_RECORD_MISSING, NULL, NULL, seq,
			_("audit record %lld: removed from the end of the log"), (long long)seq);
	else if (seq > last)
		mc_check_problem(c, MC_PROBLEM_RECORD_MISSING, NULL, NULL, last + 1,
			_("audit records %lld to %lld: removed from the end of the log"),
			(long long)last + 1, (long long)seq);
	c->res->head_id = last;
	memcpy(c->res->head, head, sizeof head);
	return MC_OK;
}

/* Each key's last record against the row as it is now. */
static mc_status check_rows_recorded(struct mc_checker *c, size_t t)
{
	const char *table = mc_audited[t].table;
	/* SQLite takes the bare columns from the row of max(id). */
	sqlite3_stmt *st = mc_db_prepare(c->db,
		"SELECT key, max(id), row_hash FROM audit_log WHERE tbl = ?1 GROUP BY key");
	int r;
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW && !c->stop) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		int64_t id = sqlite3_column_int64(st, 1);
		const char *recorded = (const char *)sqlite3_column_text(st, 2);
		char now[65];
		int exists;
		int64_t first, last;
		if (mc_audit_range_key(key, &first, &last)) {
			mc_status rc = mc_audit_range_hash(c->db, t, first, last, now);
			if (rc != MC_OK) {
				sqlite3_finalize(st);
				return rc;
			}
			if (!recorded || strcmp(now, recorded) != 0)
				mc_check_problem(c, MC_PROBLEM_ROW_ALTERED, table, key, id,
					_("%s %lld to %lld: altered, removed or added behind the program's back (they differ from audit record %lld)"),
					table, (long long)first, (long long)last, (long long)id);
			continue;
		}
		mc_status rc = mc_audit_row_hash(c->db, t, key, &exists, now, NULL);
		if (rc != MC_OK) {
			sqlite3_finalize(st);
			return rc;
		}
		if (exists && recorded && strcmp(now, recorded) != 0)
			mc_check_problem(c, MC_PROBLEM_ROW_ALTERED, table, key, id,
				_("%s %s: altered behind the program's back (it differs from audit record %lld)"),
				table, key, (long long)id);
		else if (!exists && recorded)
			mc_check_problem(c, MC_PROBLEM_ROW_MISSING, table, key, id,
				_("%s %s: removed behind the program's back (audit record %lld describes it)"),
				table, key, (long long)id);
		else if (exists && !recorded)
			mc_check_problem(c, MC_PROBLEM_ROW_UNAUDITED, table, key, id,
				_("%s %s: present although audit record %lld records its removal"),
				table, key, (long long)id);
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE || r == SQLITE_ROW ? MC_OK : mc_db_sqlfail(c->db, "audit_log");
}

/* Rows that no record accounts for: written behind the program's back. */
static mc_status check_rows_unrecorded(struct mc_checker *c, size_t t)
{
	const char *table = mc_audited[t].table;
	sqlite3_stmt *keys = mc_db_prepare(c->db, mc_audited[t].keys);
	sqlite3_stmt *seen = mc_db_prepare(c->db,
		"SELECT 1 FROM audit_log WHERE tbl = ?1 AND key = ?2");
	/* Rows written in bulk are covered by a range record (key
	 * "#range:FIRST-LAST", core/audit.c) instead of one of their own. */
	sqlite3_stmt *in_range = mc_audited[t].range ? mc_db_prepare(c->db,
		"SELECT 1 FROM audit_log WHERE tbl = ?1 AND key LIKE '#range:%'"
		" AND CAST(substr(key, 8, instr(key, '-') - 8) AS INTEGER) <= CAST(?2 AS INTEGER)"
		" AND CAST(substr(key, instr(key, '-') + 1) AS INTEGER) >= CAST(?2 AS INTEGER)") : NULL;
	mc_status rc = MC_OK;
	int r = SQLITE_DONE;
	if (!keys || !seen || (mc_audited[t].range && !in_range))
		rc = MC_DB;
	while (rc == MC_OK && !c->stop && (r = sqlite3_step(keys)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(keys, 0);
		c->res->rows++;
		sqlite3_bind_text(seen, 1, table, -1, SQLITE_STATIC);
		sqlite3_bind_text(seen, 2, key, -1, SQLITE_STATIC);
		int s = sqlite3_step(seen);
		sqlite3_reset(seen);
		if (s == SQLITE_DONE && in_range) {
			sqlite3_bind_text(in_range, 1, table, -1, SQLITE_STATIC);
			sqlite3_bind_text(in_range, 2, key, -1, SQLITE_STATIC);
			s = sqlite3_step(in_range);
			sqlite3_reset(in_range);
		}
		if (s == SQLITE_DONE)
			mc_check_problem(c, MC_PROBLEM_ROW_UNAUDITED, table, key, 0,
				_("%s %s: not in the audit log (written behind the program's back)"),
				table, key ? key : "");
		else if (s != SQLITE_ROW)
			rc = mc_db_sqlfail(c->db, "audit_log");
	}
	if (rc == MC_OK && r != SQLITE_DONE && r != SQLITE_ROW)
		rc = mc_db_sqlfail(c->db, table);
	sqlite3_finalize(keys);
	sqlite3_finalize(seen);
	sqlite3_finalize(in_range);
	return rc;
}

/* Opens the older copy beside the database, as "old". */
static mc_status attach(mc_db *db, const char *path)
{
	struct stat sb;
	/* ATTACH would create a missing file. */
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return mc_db_fail(db, MC_NO_INPUT, _("%s: no such database copy"), path);
	/* Read-only: a copy on read-only media can be checked, and a check
	 * never writes to the copy. */
	char *uri = mc_db_uri(path, 1);
	if (!uri)
		return MC_NOMEM;
	sqlite3_stmt *st = mc_db_prepare(db, "ATTACH DATABASE ?1 AS old");
	if (!st) {
		free(uri);
		return MC_DB;
	}
	sqlite3_bind_text(st, 1, uri, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	sqlite3_finalize(st);
	free(uri);
	if (r != SQLITE_DONE)
		return mc_db_fail(db, MC_NO_INPUT, "%s: %s", path, sqlite3_errmsg(db->sq));
	return MC_OK;
}

/* Every record of the older copy must still be in the log, the same. */
static mc_status check_against(struct mc_checker *c, const char *path)
{
	sqlite3_stmt *st = mc_db_prepare(c->db,
		"SELECT o.id, m.id IS NULL, o.hash IS m.hash"
		" FROM old.audit_log o LEFT JOIN main.audit_log m ON m.id = o.id ORDER BY o.id");
	int r;
	if (!st)
		return mc_db_fail(c->db, MC_NO_INPUT, _("%s: not a copy of a motcua database (%s)"),
				  path, sqlite3_errmsg(c->db->sq));
	while ((r = sqlite3_step(st)) == SQLITE_ROW && !c->stop) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_int(st, 1))
			mc_check_problem(c, MC_PROBLEM_REWRITTEN, NULL, NULL, id,
				_("audit record %lld: in the copy %s, no longer in the log"),
				(long long)id, path);
		else if (!sqlite3_column_int(st, 2))
			mc_check_problem(c, MC_PROBLEM_REWRITTEN, NULL, NULL, id,
				_("audit record %lld: not the one of the copy %s (the log was rewritten)"),
				(long long)id, path);
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE || r == SQLITE_ROW ? MC_OK : mc_db_sqlfail(c->db, path);
}

/* Counts a later step's problem as the others are counted. */
static int step_problem(const mc_problem *p, void *ud)
{
	mc_check_count(ud, p);
	return 0;
}

mc_status mc_db_check_with(mc_db *db, const char *against, mc_check_step_fn step,
			   void *step_ud, mc_problem_fn fn, void *ud, mc_check_result *res)
{
	struct mc_checker c = { db, fn, ud, res, 0, 0 };
	mc_status rc;
	memset(res, 0, sizeof *res);
	memcpy(res->head, mc_audit_genesis, sizeof res->head);
	if (against && (rc = attach(db, against)) != MC_OK)
		return rc;
	/* One snapshot: a clerk writing meanwhile is neither seen half-done
	 * nor kept waiting (WAL). */
	if ((rc = mc_db_exec(db, "BEGIN")) == MC_OK) {
		if ((rc = check_integrity(&c)) == MC_OK && (rc = check_foreign_keys(&c)) == MC_OK &&
		    (rc = check_triggers(&c)) == MC_OK)
			rc = check_chain(&c);
		for (size_t t = 0; t < mc_n_audited && rc == MC_OK && !c.stop; t++)
			if ((rc = check_rows_recorded(&c, t)) == MC_OK)
				rc = check_rows_unrecorded(&c, t);
		/* Every record must also tell of a change the program could make. */
		if (rc == MC_OK && !c.stop)
			rc = mc_audit_replay(&c);
		if (rc == MC_OK && against && !c.stop)
			rc = check_against(&c, against);
		if (rc == MC_OK && step && !c.stop)
			rc = step(db, c.first_bad, res->head_id, step_problem, &c, step_ud);
		mc_db_rollback(db);
	}
	if (against)
		sqlite3_exec(db->sq, "DETACH DATABASE old", NULL, NULL, NULL);
	return rc;
}

mc_status mc_db_check(mc_db *db, const char *against, mc_problem_fn fn, void *ud,
		      mc_check_result *res)
{
	return mc_db_check_with(db, against, NULL, NULL, fn, ud, res);
}
