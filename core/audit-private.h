/* motcua — what the audit log, db check and db backup share. */
#ifndef MC_AUDIT_PRIVATE_H
#define MC_AUDIT_PRIVATE_H

#include <nettle/sha2.h>

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

/* Finalises the statements the log keeps prepared on the handle (on
 * close). */
void mc_audit_forget(mc_db *db);

/* Is key a range record's key? Then *first and *last receive its ids. */
int mc_audit_range_key(const char *key, int64_t *first, int64_t *last);

/*
 * A range record covers rows written in bulk (a register import) with one
 * hash, built as they are written: each row's digest, the SHA-256 of its
 * columns but id, as a row hash encodes them (core/audit.h), can be made
 * before the row has an id, on another thread than the one that stores
 * it; the range hash then takes each id with its row's digest.
 */
typedef struct {
	struct sha256_ctx s;
} mc_audit_digest;

void mc_audit_digest_init(mc_audit_digest *d);
/* Column name with a text value; NULL is left out, as a row hash does. */
void mc_audit_digest_text(mc_audit_digest *d, const char *name, const char *v);
void mc_audit_digest_int(mc_audit_digest *d, const char *name, int64_t v);
void mc_audit_digest_final(mc_audit_digest *d, unsigned char out[32]);

typedef struct {
	struct sha256_ctx s;
	int64_t first, last;
	long rows;
} mc_audit_range;

void mc_audit_range_init(mc_audit_range *r);
/* The next row of the range: ids must grow. */
void mc_audit_range_add(mc_audit_range *r, int64_t id, const unsigned char digest[32]);

/*
 * One record for the rows of table added to r, written in this
 * transaction: its key is "#range:FIRST-LAST" and its row hash is r's,
 * so that db check finds any of them altered, removed or added behind
 * the program's back without one record per row. Only for the tables
 * with a range query in core/audit.c (MC_USAGE otherwise, or for an empty
 * range).
 */
mc_status mc_audit_record_range(mc_db *db, const char *table, mc_audit_range *r,
				const char *change_json);

/* The hash of the rows of table t with id from first to last as they are
 * now, as mc_audit_record_range() made it (for db check). */
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

/* The chained hash of a record: SHA-256 of prev and the record's fields
 * (os_user NULL for a record written before schema 8). */
void mc_audit_record_hash(const char *prev, int64_t id, int64_t at,
			  const char *clerk, const char *command, const char *table,
			  const char *key, const char *change, const char *row_hash,
			  const char *os_user, char out[65]);

/* Is the database a training copy (init --training)? Its times are
 * MOTCUA_NOW's, and are not held to grow along the log. */
int mc_audit_training(mc_db *db);

/* ---- db check (core/audit-check.c) ---- */

struct mc_checker {
	mc_db *db;
	mc_problem_fn fn;
	void *ud;
	mc_check_result *res;
	int stop;
	int64_t first_bad;      /* the first record the chain walk found broken */
};

/* Counts problem p and hands it on (c->stop once the callback asks);
 * mc_check_problem() makes the problem from its parts first
 * (core/audit-problem.c). */
void mc_check_count(struct mc_checker *c, const mc_problem *p);
void mc_check_problem(struct mc_checker *c, mc_problem_kind kind, const char *table,
		      const char *key, int64_t record, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/*
 * The replay (core/audit-replay.c): reads every record of the log, oldest
 * first, against the rules of the program (which command writes which
 * table and changes which columns, the lifecycle's moves, times that do
 * not go backwards, dossier codes and extract serials that only grow, the
 * system account kept from schema 8 on) and the rows as they are now
 * against what their records say; a record that tells of a change the
 * program cannot make is an MC_PROBLEM_REPLAY. Inside db check's read
 * transaction.
 */
mc_status mc_audit_replay(struct mc_checker *c);


#endif
