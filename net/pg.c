/* motcua — libpq's glue: the province's connection and its failures. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>

#include "i18n.h"
#include "pg.h"

struct mc_pg {
	PGconn *conn;
	char err[1024];
};

struct mc_pg_rows {
	PGresult *res;
};

/* libpq's messages end in a newline, and may hold several lines (DETAIL,
 * HINT): one line, its blanks joined. */
static void set_err(mc_pg *pg, const char *msg)
{
	size_t n = 0;
	for (const char *p = msg; *p && n + 1 < sizeof pg->err; p++) {
		char c = *p == '\n' || *p == '\t' ? ' ' : *p;
		if (c == ' ' && (n == 0 || pg->err[n - 1] == ' '))
			continue;
		pg->err[n++] = c;
	}
	while (n > 0 && pg->err[n - 1] == ' ')
		n--;
	pg->err[n] = '\0';
}

mc_status mc_pg_fail(mc_pg *pg, mc_status st, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	set_err(pg, buf);
	return st;
}

mc_status mc_pg_connect(const char *conninfo, mc_pg **out)
{
	mc_pg *pg = calloc(1, sizeof *pg);
	char *why = NULL;
	*out = pg;
	if (!pg)
		return MC_NOMEM;
	/* A string libpq cannot read is the caller's mistake, not the
	 * network's: said before anything is tried. */
	PQconninfoOption *opts = PQconninfoParse(conninfo ? conninfo : "", &why);
	if (!opts) {
		mc_status st = mc_pg_fail(pg, MC_USAGE, _("\"%s\" is not a PostgreSQL connection "
							  "string: %s"), conninfo,
					  why ? why : _("out of memory"));
		PQfreemem(why);
		return st;
	}
	PQconninfoFree(opts);
	/* The connection string as the database's name is expanded (its
	 * keywords, a URI); the client encoding after it is ours, sent in
	 * the start-up packet rather than by one more statement. */
	const char *const keys[] = { "dbname", "client_encoding", NULL };
	const char *const values[] = { conninfo ? conninfo : "", "UTF8", NULL };
	pg->conn = PQconnectdbParams(keys, values, 1);
	if (!pg->conn)
		return MC_NOMEM;
	if (PQstatus(pg->conn) != CONNECTION_OK)
		return mc_pg_fail(pg, MC_UNREACHABLE, _("cannot reach the province's database: %s"),
				  PQerrorMessage(pg->conn));
	return MC_OK;
}

void mc_pg_close(mc_pg *pg)
{
	if (!pg)
		return;
	if (pg->conn)
		PQfinish(pg->conn);
	free(pg);
}

const char *mc_pg_errmsg(const mc_pg *pg)
{
	return pg ? pg->err : "out of memory";
}

/*
 * A failed statement: a connection lost is MC_UNREACHABLE (retry later),
 * a table missing is an old schema, a policy or a privilege that refused
 * it MC_REFUSED, anything else MC_DB, with the server's message.
 */
static mc_status result_fail(mc_pg *pg, PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	mc_status st = MC_DB;
	/* The server ending the backend (57P01: pg_terminate_backend, a
	 * shutdown) is told as an error before libpq sees the connection
	 * closed: in the middle of a COPY, say. */
	if (PQstatus(pg->conn) != CONNECTION_OK ||
	    (state && (strncmp(state, "57P", 3) == 0 || strncmp(state, "08", 2) == 0)))
		st = MC_UNREACHABLE;
	else if (state && strcmp(state, "42P01") == 0)
		st = MC_UNAVAILABLE;
	else if (state && (strcmp(state, "42501") == 0 || strncmp(state, "23", 2) == 0))
		st = MC_REFUSED;
	set_err(pg, res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res)
						      : PQerrorMessage(pg->conn));
	if (st == MC_UNREACHABLE) {
		char buf[1024];
		snprintf(buf, sizeof buf, _("lost the province's database: %s"), pg->err);
		set_err(pg, buf);
	}
	PQclear(res);
	return st;
}

static PGresult *run(mc_pg *pg, const char *sql, int n, const char *const *params)
{
	return n ? PQexecParams(pg->conn, sql, n, NULL, params, NULL, NULL, 0)
		 : PQexec(pg->conn, sql);
}

mc_status mc_pg_exec(mc_pg *pg, const char *sql, int n, const char *const *params)
{
	PGresult *res = run(pg, sql, n, params);
	if (!res || (PQresultStatus(res) != PGRES_COMMAND_OK &&
		     PQresultStatus(res) != PGRES_TUPLES_OK))
		return result_fail(pg, res);
	PQclear(res);
	return MC_OK;
}

mc_status mc_pg_send(mc_pg *pg, const char *sql)
{
	return PQsendQuery(pg->conn, sql) ? MC_OK : result_fail(pg, NULL);
}

mc_status mc_pg_wait(mc_pg *pg)
{
	mc_status st = MC_OK;
	PGresult *res;
	while ((res = PQgetResult(pg->conn))) {
		ExecStatusType t = PQresultStatus(res);
		if (st == MC_OK && t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)
			st = result_fail(pg, res);
		else
			PQclear(res);
	}
	return st;
}

/* A query's result as rows; for a statement that returns none, freed
 * (none_ok) or a failure. */
static mc_status keep_rows(mc_pg *pg, PGresult *res, int none_ok, mc_pg_rows **out)
{
	ExecStatusType t = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	*out = NULL;
	if (none_ok && t == PGRES_COMMAND_OK) {
		PQclear(res);
		return MC_OK;
	}
	if (t != PGRES_TUPLES_OK)
		return result_fail(pg, res);
	if (!(*out = malloc(sizeof **out))) {
		PQclear(res);
		return MC_NOMEM;
	}
	(*out)->res = res;
	return MC_OK;
}

mc_status mc_pg_query(mc_pg *pg, const char *sql, int n, const char *const *params,
		      mc_pg_rows **out)
{
	return keep_rows(pg, run(pg, sql, n, params), 0, out);
}

int mc_pg_nrows(const mc_pg_rows *r)
{
	return PQntuples(r->res);
}

const char *mc_pg_value(const mc_pg_rows *r, int row, int col)
{
	return PQgetisnull(r->res, row, col) ? NULL : PQgetvalue(r->res, row, col);
}

void mc_pg_rows_free(mc_pg_rows *r)
{
	if (!r)
		return;
	PQclear(r->res);
	free(r);
}

mc_status mc_pg_pipeline(mc_pg *pg, int n, const mc_pg_stmt *s, mc_pg_rows **out)
{
	mc_status st = MC_OK;
	PGresult *res;
	int sent = 0;
	for (int i = 0; i < n; i++)
		out[i] = NULL;
	if (!PQenterPipelineMode(pg->conn))
		return result_fail(pg, NULL);
	/* A few small statements: libpq's buffers take them whole, so the
	 * connection may stay blocking. */
	while (sent < n && PQsendQueryParams(pg->conn, s[sent].sql, s[sent].n, NULL,
					     s[sent].params, NULL, NULL, 0))
		sent++;
	if (sent < n || !PQpipelineSync(pg->conn)) {
		/* The connection is broken: libpq tells why. */
		st = result_fail(pg, NULL);
		return st == MC_DB ? MC_UNREACHABLE : st;
	}
	for (int i = 0; i < n; i++) {
		res = PQgetResult(pg->conn);
		if (res && PQresultStatus(res) == PGRES_PIPELINE_ABORTED)
			PQclear(res);
		else if (st == MC_OK)
			st = keep_rows(pg, res, 1, &out[i]);
		else
			PQclear(res);
		/* Each query's results end with a NULL. */
		while ((res = PQgetResult(pg->conn)))
			PQclear(res);
	}
	/* The sync's own result, then out of pipeline mode. */
	if ((res = PQgetResult(pg->conn)))
		PQclear(res);
	if (!PQexitPipelineMode(pg->conn) && st == MC_OK)
		st = result_fail(pg, NULL);
	return st;
}

mc_status mc_pg_copy(mc_pg *pg, const char *copy_sql, const char *data, size_t len)
{
	PGresult *res = PQexec(pg->conn, copy_sql);
	if (!res || PQresultStatus(res) != PGRES_COPY_IN)
		return result_fail(pg, res);
	PQclear(res);
	/* In pieces: PQputCopyData takes an int. */
	for (size_t off = 0; off < len;) {
		size_t n = len - off > (1u << 20) ? (1u << 20) : len - off;
		if (PQputCopyData(pg->conn, data + off, (int)n) != 1)
			return result_fail(pg, NULL);
		off += n;
	}
	if (PQputCopyEnd(pg->conn, NULL) != 1)
		return result_fail(pg, NULL);
	res = PQgetResult(pg->conn);
	mc_status st = MC_OK;
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
		st = result_fail(pg, res);
	else
		PQclear(res);
	while ((res = PQgetResult(pg->conn)))
		PQclear(res);
	return st;
}

mc_status mc_pg_schema_version(mc_pg *pg, int *version)
{
	mc_pg_rows *r;
	const char *v;
	*version = 0;
	mc_status st = mc_pg_query(pg, "SELECT to_regclass('province_migrations') IS NOT NULL",
				   0, NULL, &r);
	if (st != MC_OK)
		return st;
	int known = strcmp(mc_pg_value(r, 0, 0), "t") == 0;
	mc_pg_rows_free(r);
	if (!known)
		return MC_OK;
	if ((st = mc_pg_query(pg, "SELECT coalesce(max(version), 0) FROM province_migrations",
			      0, NULL, &r)) != MC_OK)
		return st;
	v = mc_pg_value(r, 0, 0);
	*version = (int)strtol(v ? v : "0", NULL, 10);
	mc_pg_rows_free(r);
	return MC_OK;
}

mc_status mc_pg_schema_judge(mc_pg *pg, int version)
{
	int want = mc_province_schema_count();
	if (version < want)
		return mc_pg_fail(pg, MC_UNAVAILABLE, _("the province's database has schema version "
							"%d, this motcua needs %d: run 'motcua "
							"province init' on it"), version, want);
	if (version > want)
		return mc_pg_fail(pg, MC_UNAVAILABLE, _("the province's database has schema version "
							"%d, newer than this motcua's (%d): "
							"upgrade motcua"), version, want);
	return MC_OK;
}

mc_status mc_pg_schema_check(mc_pg *pg, int *version)
{
	mc_status st = mc_pg_schema_version(pg, version);
	return st != MC_OK ? st : mc_pg_schema_judge(pg, *version);
}
