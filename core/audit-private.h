/* motcua — what the audit log, db check and db backup share. */
#ifndef MC_AUDIT_PRIVATE_H
#define MC_AUDIT_PRIVATE_H

#include "audit.h"
#include "db-private.h"

/* An audited table: its name, an SQL query of every live key, and the
 * SQL that reads the content of one key (?1), maybe several statements. */
struct mc_audited {
	const char *table, *keys, *rows;
	/* Tables written in bulk (register imports): the rows with id from
	 * ?1 to ?2, by id, hashed together under one range record whose key
	 * is MC_AUDIT_RANGE "FIRST-LAST". NULL: one record per row only. */
	const char *range;
};

#define MC_AUDIT_RANGE "#range:"

/* Is key a range record's key? Then *first and *last receive its ids. */
int mc_audit_range_key(const char *key, int64_t *first, int64_t *last);

/* The hash of the rows of table t with id from first to last: one
 * statement, its rows in id order (the encoding of a row's hash). */
mc_status mc_audit_range_hash(mc_db *db, size_t t, int64_t first, int64_t last,
			      char hex[65]);

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
