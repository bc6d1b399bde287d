/* motcua — the province's PostgreSQL through libpq: connections, queries,
 * COPY, and libpq's failures as statuses (compiled into motcua-net only). */
#ifndef MC_PG_H
#define MC_PG_H

#include <stddef.h>
#include "motcua.h"

typedef struct mc_pg mc_pg;

/*
 * Connects with a libpq connection string or URI ("" or NULL: libpq's
 * environment, PGSERVICE, PGHOST..., and ~/.pgpass or a service file for
 * the password, which motcua never stores). *out always receives a
 * handle (NULL only when memory ran out), closed by mc_pg_close() in
 * every case. A server that cannot be reached is MC_UNREACHABLE with
 * libpq's reason (mc_pg_errmsg); a string libpq cannot read MC_USAGE.
 */
mc_status mc_pg_connect(const char *conninfo, mc_pg **out);
void mc_pg_close(mc_pg *pg);
/* The detail of the last failure (one line). */
const char *mc_pg_errmsg(const mc_pg *pg);
/* Records a failure of the caller's and returns st. */
mc_status mc_pg_fail(mc_pg *pg, mc_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A statement that returns no rows, with n text parameters ($1...). */
mc_status mc_pg_exec(mc_pg *pg, const char *sql, int n, const char *const *params);

/* The rows of a query, as text; NULL values are NULL. */
typedef struct mc_pg_rows mc_pg_rows;
mc_status mc_pg_query(mc_pg *pg, const char *sql, int n, const char *const *params,
		      mc_pg_rows **out);
int mc_pg_nrows(const mc_pg_rows *r);
const char *mc_pg_value(const mc_pg_rows *r, int row, int col);
void mc_pg_rows_free(mc_pg_rows *r);

/* Statements sent without waiting (one string, several statements, no
 * parameters), so that the caller works while the server runs them;
 * mc_pg_wait() then reads their results: the first failure, as
 * mc_pg_exec() reports it. Nothing else may be sent in between. */
mc_status mc_pg_send(mc_pg *pg, const char *sql);
mc_status mc_pg_wait(mc_pg *pg);

/* One statement of mc_pg_pipeline(): its text, its n text parameters. */
typedef struct {
	const char *sql;
	int n;
	const char *const *params;
} mc_pg_stmt;
/*
 * n statements sent at once (libpq's pipeline mode): one round trip to
 * the server for all. out[i] receives the rows of the i-th (NULL for one
 * that returns none, or that did not run). The first failure is returned
 * as mc_pg_query() reports it; the statements after it are not run (and
 * a transaction it was in is aborted).
 */
mc_status mc_pg_pipeline(mc_pg *pg, int n, const mc_pg_stmt *s, mc_pg_rows **out);

/* COPY ... FROM STDIN of len bytes of COPY text (PQputCopyData). */
mc_status mc_pg_copy(mc_pg *pg, const char *copy_sql, const char *data, size_t len);

/*
 * The province's schema against this program's (core/province.h): MC_OK
 * when they are the same version, MC_UNAVAILABLE when it has none or an
 * older one (the message names `motcua province init`) or a newer one.
 * *version: the province's (0 for none).
 */
mc_status mc_pg_schema_check(mc_pg *pg, int *version);
/* The province's schema version, 0 when it has none. */
mc_status mc_pg_schema_version(mc_pg *pg, int *version);
/* mc_pg_schema_check()'s verdict on a version read by the caller. */
mc_status mc_pg_schema_judge(mc_pg *pg, int version);

#endif
