/* motcua — what the audit log, db check and db backup share. */
#ifndef MC_AUDIT_PRIVATE_H
#define MC_AUDIT_PRIVATE_H

#include "audit.h"
#include "db-private.h"

/* An audited table: its name, an SQL query of every live key, and the
 * SQL that reads the content of one key (?1), maybe several statements. */
struct mc_audited {
	const char *table, *keys, *rows;
};

extern const struct mc_audited mc_audited[];
extern const size_t mc_n_audited;

/* The hash of an empty chain, the "previous hash" of the first record. */
extern const char mc_audit_genesis[65];

/*
 * The SHA-256 (hex) of the content of key in audited table t; *exists
 * tells whether its first statement found a row. With json, the columns
 * of that row are added to it.
 */
mc_status mc_audit_row_hash(mc_db *db, size_t t, const char *key, int *exists,
			    char hex[65], mc_change *json);

/* The chained hash of a record: SHA-256 of prev and the record's fields. */
void mc_audit_record_hash(const char *prev, int64_t id, int64_t at,
			  const char *clerk, const char *command, const char *table,
			  const char *key, const char *change, const char *row_hash,
			  char out[65]);

#endif
