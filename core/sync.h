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
 * One batch: for each table of mc_province_tables (same index), its rows
 * as COPY text (tab-separated, \N for NULL, one line each, the unit_id
 * first), and the audit records it carries, first to last.
 */
typedef struct {
	mc_strbuf rows[MC_SYNC_TABLES];
	long nrows[MC_SYNC_TABLES];
	int64_t first, last;
	long records;
	/* The rows of dossier_history that the province has not, all new:
	 * every row of the ward after the cursor given to mc_sync_next up
	 * to hist_last (rows[] has the batch's others, sent again). */
	mc_strbuf fresh;
	long nfresh;
	int64_t hist_last;
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
 * is nothing after `after`. hist_after: the province's last row of the
 * ward's dossier_history, every one before it being there too; the
 * history rows after it go to b->fresh, with every other row of the
 * ward's history up to the newest of them, so that this holds again
 * once the batch is in.
 */
mc_status mc_sync_next(mc_sync *s, int64_t after, const char *after_hash,
		       int64_t hist_after, long max, mc_sync_batch *b);

/* The hash of an audit record from its fields, as core/audit.h defines it
 * (prev: the previous record's hash), for a copy of the log kept
 * elsewhere: `province check` verifies each ward's chain with it. */
void mc_sync_record_hash(const char *prev, int64_t id, int64_t at, const char *clerk,
			 const char *command, const char *table, const char *key,
			 const char *change, const char *row_hash, const char *os_user,
			 char out[65]);

#endif
