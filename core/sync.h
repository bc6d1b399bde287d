/* motcua — what `sync push` sends to the province: the ward's changes
 * since the province's last record, read from one snapshot, as rows of
 * PostgreSQL's COPY text format (core/province.h names the tables). */
#ifndef MC_SYNC_H
#define MC_SYNC_H

#include <stdint.h>
#include "db.h"
#include "strbuf.h"

/* A read transaction on the ward's database: one snapshot for the whole
 * push, which takes no lock that a clerk's command would wait for (WAL). */
typedef struct mc_sync mc_sync;

/* Begins it (MC_DB_READ handles are enough). *out is freed, and the
 * snapshot ended, by mc_sync_end(). MC_NOT_FOUND when the office has no
 * unit_id. */
mc_status mc_sync_begin(mc_db *db, mc_sync **out);
void mc_sync_end(mc_sync *s);

/* The office's unit_id, and the last record of its audit log in the
 * snapshot (0 for an empty log). */
const char *mc_sync_unit(const mc_sync *s);
int64_t mc_sync_head(const mc_sync *s);

/* The hash of record id, *found 0 when the log has no such record. */
mc_status mc_sync_hash_at(mc_sync *s, int64_t id, char hash[65], int *found);

#define MC_SYNC_TABLES 16

/*
 * Where the province stands in the ward's two tables whose rows come in
 * the order of their ids: its newest dossier and history row of the ward
 * (0: none). It has none after them; it has every history row before
 * its newest (mc_sync_next keeps it so).
 */
typedef struct {
	int64_t dossier, history;
} mc_sync_held;

/*
 * One batch: for each table of mc_province_tables (same index), its rows
 * as COPY text (tab-separated, \N for NULL, one line each, the unit_id
 * first), and the audit records it carries, first to last.
 */
typedef struct {
	mc_strbuf rows[MC_SYNC_TABLES];
	long nrows[MC_SYNC_TABLES];
	int64_t first, last;
	long records;
	/* The rows the province has none of, after the cursor given to
	 * mc_sync_next (rows[] has the batch's others, which it may have):
	 * its dossiers after the newest held, and every row of the ward's
	 * history after the newest held up to the newest that the batch's
	 * dossiers have. held: the cursor once the batch is in. */
	mc_strbuf fresh, fresh_dossiers;
	long nfresh, nfresh_dossiers;
	mc_sync_held held;
} mc_sync_batch;

void mc_sync_batch_init(mc_sync_batch *b);
void mc_sync_batch_release(mc_sync_batch *b);
/* Empties b for the next batch, keeping its memory: a push's batches are
 * alike, and memory made anew for each was a third of its CPU (the pages
 * touched, the copies as each buffer grew). */
void mc_sync_batch_clear(mc_sync_batch *b);

/*
 * The next batch after record `after`, whose hash is after_hash (the
 * province's last record; 0 and 64 zeros for none): at most max records
 * of the log and, for each row they tell of, that row as it is in the
 * snapshot (a dossier with its whole history). Each record is checked
 * first: it must follow the one before it and give its own hash
 * (core/audit.h), else MC_REFUSED names it. b->records is 0 when there
 * is nothing after `after`. held: where the province stands (read
 * under the ward's lock); the rows it cannot have go to b->fresh and
 * b->fresh_dossiers, with every other row of the ward's history up to
 * the newest of them, so that b->held holds once the batch is in.
 */
mc_status mc_sync_next(mc_sync *s, int64_t after, const char *after_hash,
		       const mc_sync_held *held, long max, mc_sync_batch *b);

/* The hash of an audit record from its fields, as core/audit.h defines it
 * (prev: the previous record's hash), for a copy of the log kept
 * elsewhere: `province check` verifies each ward's chain with it. */
void mc_sync_record_hash(const char *prev, int64_t id, int64_t at, const char *clerk,
			 const char *command, const char *table, const char *key,
			 const char *change, const char *row_hash, const char *os_user,
			 char out[65]);

/*
 * The signature of an entry's tags (province migration 7, core/province-search.c,
 * whose motcua_sig() computes the same): a Bloom filter of MC_SIG_BYTES *
 * 8 bits, four set by each tag, the bits that the first eight bytes of
 * the tag's MD5 name two by two, modulo the bits, bit 0 the leftmost (the
 * first byte's highest). mc_sync_sig_add sets tag's (len bytes) in sig.
 * A push sends each entry's; `province search` the tags' it asks.
 */
#define MC_SIG_BYTES 128
void mc_sync_sig_add(unsigned char *sig, const char *tag, size_t len);

#endif
