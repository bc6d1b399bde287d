/* motcua — `sync push`: the ward's changes to the province (net/push.c). */
#ifndef MC_PUSH_H
#define MC_PUSH_H

#include <stdint.h>
#include "pg.h"

typedef struct {
	long batches;           /* committed by this push                */
	long records;           /* audit records sent                    */
	long rows;              /* rows of the other tables sent         */
	int64_t head;           /* the ward's last record, now the province's */
} mc_push_result;

/*
 * Sends what the province does not hold yet of the ward db, in batches
 * of at most `batch` audit records with the rows they tell of, each one
 * PostgreSQL transaction. The province's last record of the ward is the
 * cursor, read again inside each batch's transaction, so that a push cut
 * anywhere resumes where the province's committed state ends. First the
 * witness: the ward's record at the province's last one must have the
 * same hash, else the push is refused (MC_REFUSED, naming the first
 * record that differs) and the province records the incident. Errors are
 * on pg (mc_pg_errmsg), the ward's too.
 *
 * Two hooks for the tests (tests/e2e/t2200), each cutting batch N+1 (N
 * from 0) after its rows are sent and before its commit:
 * MOTCUA_TEST_PUSH_CUT=N kills the process (SIGKILL), as a power cut or a
 * kill would; MOTCUA_TEST_PUSH_TERMINATE=N has the server end the
 * backend (pg_terminate_backend), as a server restart would: the push
 * fails with MC_UNREACHABLE.
 */
mc_status mc_push(mc_db *db, mc_pg *pg, long batch, mc_push_result *res);

#endif
