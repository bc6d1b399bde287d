/* motcua — the search indexes against their sources: checked by db
 * check, rebuilt by db check --repair-index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db-private.h"
#include "dossier-private.h"
#include "i18n.h"
#include "register-private.h"
#include "search-index.h"

/* Each index: its FTS5 table, its list of words, what fills it from its
 * source (into schema "main" or "temp"), and how many rows the source
 * has (one entry each). */
static const struct search_index {
	const char *index, *terms, *about;
	mc_status (*fill)(mc_db *db, const char *schema);
	const char *sources;
} indexes[] = {
	{ "register_names", "register_terms", N_("the registers' search index"), reg_index_all,
	  "SELECT (SELECT count(*) FROM main.births) + (SELECT count(*) FROM main.marriages)"
	  " + (SELECT count(*) FROM main.deaths)" },
	{ "dossier_names", "dossier_terms", N_("the index of the applicants' names"),
	  dossier_names_all, "SELECT count(*) FROM main.dossiers" },
};

#define N_INDEXES (sizeof indexes / sizeof indexes[0])

/* Does main have table name? */
static mc_status has_table(mc_db *db, const char *name, int *yes)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?1");
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	*yes = r == SQLITE_ROW;
	sqlite3_finalize(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "sqlite_master");
}

/* The first column of the first row of sql as a number (-1: none). */
static mc_status count(mc_db *db, const char *sql, long *n)
{
	sqlite3_stmt *st = mc_db_prepare(db, sql);
	if (!st)
		return MC_DB;
	int r = sqlite3_step(st);
	*n = r == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? MC_OK : mc_db_sqlfail(db, "index");
}

/*
 * A table of the same shape as main's table name, in the temporary
 * database under the same name, so that the writers of the index, given
 * schema "temp", fill it as they fill main's. Its statement is main's own
 * (sqlite_master), from the first '(' or " USING ". *absent: main has no
 * such table.
 */
static mc_status copy_shape(mc_db *db, const char *name, int *absent)
{
	sqlite3_stmt *st = mc_db_prepare(db,
		"SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?1");
	mc_strbuf sql = MC_STRBUF_INIT;
	if (!st)
		return MC_DB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	const char *create = r == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	const char *virt = create ? strstr(create, " USING ") : NULL;
	const char *paren = create ? strchr(create, '(') : NULL;
	*absent = !create || !paren;
	if (!*absent)
		mc_strbuf_addf(&sql, "CREATE %sTABLE temp.%s %s", virt ? "VIRTUAL " : "", name,
			       virt && virt < paren ? virt + 1 : paren);
	sqlite3_finalize(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return mc_db_sqlfail(db, "sqlite_master");
	if (*absent)
		return MC_OK;
	mc_status rc = sql.oom ? MC_NOMEM : mc_db_exec(db, sql.s);
	mc_strbuf_release(&sql);
	return rc;
}

static void drop_temp(mc_db *db, const struct search_index *x)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "DROP TABLE IF EXISTS temp.mc_index_now; DROP TABLE IF EXISTS temp.mc_index_want;"
		 "DROP TABLE IF EXISTS temp.%s; DROP TABLE IF EXISTS temp.%s", x->index, x->terms);
	sqlite3_exec(db->sq, sql, NULL, NULL, NULL);
}

/* The entries of the index as it is (now) and as its source makes it
 * (want), term by entry (fts5vocab's instances; no positions: detail=none). */
static const char compare_sql[] =
	"SELECT"
	" (SELECT count(*) FROM (SELECT doc FROM temp.mc_index_want"
	"   EXCEPT SELECT doc FROM temp.mc_index_now)),"
	" (SELECT count(*) FROM (SELECT doc FROM temp.mc_index_now"
	"   EXCEPT SELECT doc FROM temp.mc_index_want)),"
	" (SELECT count(*) FROM"
	"   (SELECT doc FROM (SELECT doc, term FROM temp.mc_index_now"
	"                     EXCEPT SELECT doc, term FROM temp.mc_index_want)"
	"    UNION SELECT doc FROM (SELECT doc, term FROM temp.mc_index_want"
	"                     EXCEPT SELECT doc, term FROM temp.mc_index_now))"
	"   WHERE doc IN (SELECT doc FROM temp.mc_index_now)"
	"     AND doc IN (SELECT doc FROM temp.mc_index_want))";

static mc_status compare(mc_db *db, const struct search_index *x, mc_index_state *s)
{
	char sql[200];
	int absent_terms;
	mc_status rc = copy_shape(db, x->index, &s->absent);
	if (rc == MC_OK && !s->absent)
		rc = copy_shape(db, x->terms, &absent_terms);
	if (rc != MC_OK || s->absent)
		return rc;
	if (absent_terms)
		return mc_db_fail(db, MC_DB, "%s: no table %s", db->path, x->terms);
	if ((rc = count(db, x->sources, &s->entries)) != MC_OK || (rc = x->fill(db, "temp")) != MC_OK)
		return rc;
	snprintf(sql, sizeof sql,
		 "CREATE VIRTUAL TABLE temp.mc_index_now USING fts5vocab(main, %s, instance);"
		 "CREATE VIRTUAL TABLE temp.mc_index_want USING fts5vocab(temp, %s, instance)",
		 x->index, x->index);
	if ((rc = mc_db_exec(db, sql)) != MC_OK)
		return rc;
	sqlite3_stmt *st = mc_db_prepare(db, compare_sql);
	if (!st)
		return MC_DB;
	if (sqlite3_step(st) == SQLITE_ROW) {
		s->missing = (long)sqlite3_column_int64(st, 0);
		s->extra = (long)sqlite3_column_int64(st, 1);
		s->different = (long)sqlite3_column_int64(st, 2);
	} else {
		rc = mc_db_sqlfail(db, x->index);
	}
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT term FROM temp.%s"
		 " EXCEPT SELECT term FROM main.%s)", x->terms, x->terms);
	return rc == MC_OK ? count(db, sql, &s->words_missing) : rc;
}

/* An index that is not what its source makes of it, as a problem of db
 * check; fn's return. */
static int index_problem(const mc_index_state *s, mc_problem_fn fn, void *ud)
{
	char msg[512];
	if (s->absent)
		snprintf(msg, sizeof msg, _("%s (%s): removed"), s->index, s->about);
	else
		snprintf(msg, sizeof msg,
			 _("%s (%s): %ld entries missing, %ld extra, %ld different, %ld words missing from %s; 'motcua db check --repair-index' rebuilds it"),
			 s->index, s->about, s->missing, s->extra, s->different, s->words_missing,
			 s->terms);
	mc_problem p = { MC_PROBLEM_INDEX, s->index, NULL, 0, msg };
	return fn(&p, ud);
}

mc_status mc_index_check(mc_db *db, mc_problem_fn fn, void *ud, long *problems)
{
	mc_status rc = mc_db_exec(db, "BEGIN");
	*problems = 0;
	for (size_t i = 0; i < N_INDEXES && rc == MC_OK; i++) {
		const struct search_index *x = &indexes[i];
		mc_index_state s = { x->index, x->terms, _(x->about), 0, 0, 0, 0, 0, 0 };
		rc = compare(db, x, &s);
		drop_temp(db, x);
		if (rc != MC_OK || !(s.absent || s.missing || s.extra || s.different ||
				     s.words_missing))
			continue;
		++*problems;
		if (index_problem(&s, fn, ud))
			break;
	}
	mc_db_rollback(db);
	return rc;
}

static mc_status rebuild_all(mc_db *db, void *ud)
{
	mc_index_state *done = ud;
	mc_status rc = MC_OK;
	for (size_t i = 0; i < N_INDEXES && rc == MC_OK; i++) {
		const struct search_index *x = &indexes[i];
		mc_index_state *s = &done[i];
		char sql[160], change[48];
		int index, terms;
		*s = (mc_index_state){ x->index, x->terms, _(x->about), 0, 0, 0, 0, 0, 0 };
		if ((rc = has_table(db, x->index, &index)) != MC_OK ||
		    (rc = has_table(db, x->terms, &terms)) != MC_OK)
			break;
		if (!index || !terms) {
			rc = mc_db_fail(db, MC_DB,
					_("%s (%s): its table was removed, and cannot be made again in place; restore the database from a backup"),
					index ? x->terms : x->index, s->about);
			break;
		}
		/* A contentless index is emptied by its own command. */
		snprintf(sql, sizeof sql, "INSERT INTO main.%s(%s) VALUES ('delete-all');"
			 "DELETE FROM main.%s", x->index, x->index, x->terms);
		if ((rc = mc_db_exec(db, sql)) != MC_OK || (rc = x->fill(db, "main")) != MC_OK ||
		    (rc = count(db, x->sources, &s->entries)) != MC_OK)
			break;
		snprintf(change, sizeof change, "{\"entries\":%ld}", s->entries);
		rc = mc_audit_note(db, x->index, "#rebuilt", change);
	}
	return rc;
}

mc_status mc_index_rebuild(mc_db *db, mc_index_fn fn, void *ud)
{
	mc_index_state done[N_INDEXES];
	mc_status rc = mc_db_atomic(db, rebuild_all, done);
	for (size_t i = 0; i < N_INDEXES && rc == MC_OK && fn; i++)
		if (fn(&done[i], ud))
			break;
	return rc;
}
