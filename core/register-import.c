/* motcua — bulk import of a register from CSV, streamed.
 *
 * Two threads share the work, so that a two-core counter PC imports at the
 * speed of SQLite alone: a reader parses the file (libcsv), checks each
 * row, normalises it and folds its names; the calling thread, which alone
 * touches the database, stores the rows in file order, writes the bad ones
 * out and reports. Rows go from one to the other through a ring of slots
 * allocated once and reused: memory does not grow with the file.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvio.h"
#include "i18n.h"
#include "register-private.h"
#include "text.h"

/* Fields longer than this are refused as malformed (the longest column
 * holds 1000 characters, 4 bytes each at most). */
#define MAX_FIELD 8192
/* Progress is reported every so many rows. */
#define PROGRESS_EVERY 8192
#ifndef IMPORT_CACHE_KIB
#define IMPORT_CACHE_KIB "32768"
#endif
/* Rows in flight between the threads, and handed over at once. */
#define SLOTS 512
#define BATCH 32

/* One row on its way: the file's fields as they were (for the report and
 * the reject file), and the row checked and folded. */
struct slot {
	long line;
	size_t n;               /* fields                              */
	size_t *off;            /* where each starts in text            */
	char *text;             /* the fields, each NUL-terminated      */
	size_t len, cap, off_cap;
	mc_status st;           /* MC_OK, MC_BAD_INPUT (why says)      */
	char why[512];
	struct reg_row row;
	struct reg_fold_bufs fold;
};

struct importer {
	mc_db *db;
	mc_reg_import *im;
	const char *name;
	FILE *fp;
	const struct reg_kind_info *ki;
	int64_t today;
	const char *clerk;                  /* who stores the rows, and when */
	int64_t now;
	struct reg_amender *am;             /* a mended file: amends, never adds */
	int have_header;
	long blank;             /* rows of empty cells only, skipped */
	long joined;            /* cells whose line breaks became a space */
	int note_col;                       /* field of `note`, or -1    */
	int idx[MC_REG_MAX_COLUMNS + 1];    /* field of each column, -1 */
	int error_col;                      /* field of `error`, or -1   */
	size_t header_n;
	mc_reg_progress progress;

	/* The ring: the reader fills slots at head, the writer empties
	 * them at tail. */
	struct slot *slot;
	size_t head, tail;                  /* counts; the slot is % SLOTS */
	size_t filled_upto, tail_seen;      /* the reader's own view       */
	int done;                           /* the reader has finished     */
	int stop;                           /* the writer wants no more    */
	int reader_waits, writer_waits;     /* asleep on emptied, filled   */
	mc_status read_st;                  /* how the reading ended       */
	pthread_mutex_t lock;
	pthread_cond_t filled, emptied;

	char err[768];          /* the reader's error, for mc_errmsg()  */
};

/* The header, on the reading thread before any row is handed over. */
static int read_header(struct importer *ip, const mc_csv_row *row)
{
	const char *names[MC_REG_MAX_COLUMNS + 1], *titles[MC_REG_MAX_COLUMNS + 1];
	size_t n = ip->ki->n;
	for (size_t i = 0; i < n; i++) {
		names[i] = ip->ki->columns[i];
		titles[i] = ip->ki->titles[i];
	}
	names[n] = "error";
	titles[n] = NULL;
	mc_status rc = mc_csv_header_titled(row, names, titles, n + 1, ip->ki->n_required,
					    _("or the titles of the paper register book, listed in motcua-register(1)"),
					    ip->idx, ip->err, sizeof ip->err);
	ip->error_col = ip->idx[n];
	ip->note_col = -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(ip->ki->columns[i], "note") == 0)
			ip->note_col = ip->idx[i];
	ip->header_n = row->n;
	ip->have_header = 1;
	if (rc == MC_OK && ip->im->reject) {
		/* The reject file keeps the file's own columns, and `error`. */
		const char *h[MC_REG_MAX_COLUMNS + 2];
		size_t k = 0;
		for (size_t f = 0; f < row->n; f++)
			h[k++] = row->fields[f];
		if (ip->error_col < 0)
			h[k++] = "error";
		if (mc_csv_write_start(ip->im->reject, ip->im->reject_style) != 0 ||
		    mc_csv_write_row(ip->im->reject, ip->im->reject_style, h, k) != 0) {
			snprintf(ip->err, sizeof ip->err, _("reject file: write error"));
			rc = MC_IO;
		}
	}
	return rc;
}

/* ---- the reading thread ---- */

/* The record's fields into the slot's own buffer; only the note keeps its
 * line breaks. */
static mc_status copy_fields(struct importer *ip, struct slot *s, const mc_csv_row *row)
{
	size_t need = 0;
	if (row->n > s->off_cap) {
		size_t *o = realloc(s->off, row->n * sizeof *o);
		if (!o)
			return MC_NOMEM;
		s->off = o;
		s->off_cap = row->n;
	}
	/* off[] holds the lengths until the fields are copied. */
	for (size_t f = 0; f < row->n; f++) {
		s->off[f] = strlen(row->fields[f]) + 1;
		need += s->off[f];
	}
	if (need > s->cap) {
		char *t = realloc(s->text, need);
		if (!t)
			return MC_NOMEM;
		s->text = t;
		s->cap = need;
	}
	s->len = 0;
	for (size_t f = 0; f < row->n; f++) {
		size_t l = s->off[f];
		memcpy(s->text + s->len, row->fields[f], l);
		if ((int)f != ip->note_col && (int)f != ip->error_col &&
		    mc_csv_join_lines(s->text + s->len))
			ip->joined++;
		s->off[f] = s->len;
		s->len += l;
	}
	s->n = row->n;
	s->line = row->line;
	return MC_OK;
}

/* Checks the row in the slot: its values point into the slot. */
static mc_status check_slot(struct importer *ip, struct slot *s)
{
	const char *raw[MC_REG_MAX_COLUMNS];
	if (s->n > ip->header_n) {
		snprintf(s->why, sizeof s->why, _("%zu fields, but the header has %zu"), s->n,
			 ip->header_n);
		return MC_BAD_INPUT;
	}
	for (size_t i = 0; i < ip->ki->n; i++) {
		int f = ip->idx[i];
		raw[i] = f >= 0 && (size_t)f < s->n ? s->text + s->off[f] : NULL;
	}
	mc_status rc = reg_row_check(ip->ki, raw, ip->today, MC_FROM_COLUMN, &s->row, s->why,
				     sizeof s->why);
	s->row.has_digest = 0;
	if (rc == MC_OK)
		rc = reg_row_fold(ip->ki, &s->row, &s->fold);
	if (rc == MC_OK)
		reg_row_digest(ip->ki, &s->row, ip->clerk, ip->now);
	return rc;
}

/* Hands the rows filled since the last time to the writer. Rows go in
 * batches: a lock, and a wake-up, per row would cost more than the row. */
static void publish(struct importer *ip)
{
	pthread_mutex_lock(&ip->lock);
	ip->head = ip->filled_upto;
	if (ip->writer_waits && (ip->head - ip->tail >= SLOTS / 4 || ip->done)) {
		ip->writer_waits = 0;
		pthread_cond_signal(&ip->filled);
	}
	pthread_mutex_unlock(&ip->lock);
}

static int read_row(const mc_csv_row *row, void *ud)
{
	struct importer *ip = ud;
	struct slot *s;

	if (!ip->have_header)
		return read_header(ip, row);
	if (mc_csv_row_blank(row)) {
		ip->blank++;    /* the reader's own count: added to skipped at the end */
		return 0;
	}
	/* The free slots that the last look saw are still free. */
	if (ip->filled_upto - ip->tail_seen == SLOTS) {
		publish(ip);
		pthread_mutex_lock(&ip->lock);
		while (ip->head - ip->tail == SLOTS && !ip->stop) {
			ip->reader_waits = 1;
			pthread_cond_wait(&ip->emptied, &ip->lock);
		}
		ip->tail_seen = ip->tail;
		int stop = ip->stop;
		pthread_mutex_unlock(&ip->lock);
		if (stop)
			return MC_IO;   /* any non-zero: the writer says why */
	}
	s = &ip->slot[ip->filled_upto % SLOTS];
	s->st = copy_fields(ip, s, row);
	if (s->st == MC_OK)
		s->st = check_slot(ip, s);
	if (s->st == MC_NOMEM)
		return MC_NOMEM;
	if (++ip->filled_upto % BATCH == 0)
		publish(ip);
	return 0;
}

static void *reader(void *ud)
{
	struct importer *ip = ud;
	mc_status rc = mc_csv_read(ip->fp, ip->name, MAX_FIELD, read_row, ip, ip->err,
				   sizeof ip->err);
	if (rc == MC_OK && !ip->have_header) {
		snprintf(ip->err, sizeof ip->err, _("%s: the file is empty (no header line)"),
			 ip->name);
		rc = MC_BAD_INPUT;
	}
	pthread_mutex_lock(&ip->lock);
	ip->head = ip->filled_upto;
	ip->read_st = rc;
	ip->done = 1;
	ip->writer_waits = 0;
	pthread_cond_signal(&ip->filled);
	pthread_mutex_unlock(&ip->lock);
	return NULL;
}

/* ---- the writing thread: the caller's ---- */

/* The row as it was, every field kept (a row with too many keeps them
 * too, so that it stays refused until it is mended), its error in the
 * `error` column. */
static mc_status reject_row(struct importer *ip, const struct slot *s, const char *why)
{
	size_t n = s->n > ip->header_n ? s->n : ip->header_n, k = 0;
	const char **f;
	mc_status rc;

	ip->im->rejected++;
	if (ip->im->report)
		fprintf(ip->im->report, "%s:%ld: %s\n", ip->name, s->line, why);
	if (!ip->im->reject)
		return MC_OK;
	if (!(f = malloc((n + 1) * sizeof *f)))
		return MC_NOMEM;
	for (size_t i = 0; i < n; i++)
		f[k++] = (int)i == ip->error_col ? why : i < s->n ? s->text + s->off[i] : "";
	if (ip->error_col < 0)
		f[k++] = why;
	rc = mc_csv_write_row(ip->im->reject, ip->im->reject_style, f, k) == 0 ? MC_OK : MC_IO;
	free(f);
	if (rc == MC_IO)
		mc_db_fail(ip->db, rc, _("reject file: write error"));
	return rc;
}

static void report_progress(struct importer *ip)
{
	if (!ip->im->progress)
		return;
	long long pos = ftello(ip->fp);
	ip->progress.bytes = pos > 0 ? pos : 0;
	ip->im->progress(&ip->progress, ip->im->progress_ud);
}

static mc_status store(struct importer *ip, struct reg_writer *w, struct slot *s)
{
	char why[512];
	int added = 0;
	mc_status rc = s->st;

	if (rc == MC_OK && ip->am)
		rc = reg_amender_put(ip->am, &s->row, 1, &added, why, sizeof why);
	else if (rc == MC_OK)
		rc = reg_writer_put(w, &s->row, &added, NULL, why, sizeof why);
	else
		memcpy(why, s->why, sizeof why);
	reg_row_release(&s->row);
	/* The reader refused any line that was not UTF-8 (core/csvio.c):
	 * a bad row here is bad for its values. */
	if (rc == MC_OK && ip->am)
		*(added ? &ip->im->amended : &ip->im->skipped) += 1;
	else if (rc == MC_OK)
		*(added ? &ip->im->imported : &ip->im->skipped) += 1;
	else if (rc == MC_BAD_INPUT)
		rc = reject_row(ip, s, why);
	if (++ip->progress.rows % PROGRESS_EVERY == 0)
		report_progress(ip);
	return rc;
}

static mc_status write_rows(struct importer *ip, struct reg_writer *w)
{
	mc_status rc = MC_OK;
	size_t tail = 0;
	for (;;) {
		pthread_mutex_lock(&ip->lock);
		ip->tail = tail;
		if (rc != MC_OK)
			ip->stop = 1;
		/* The same for the reader: wake it once there is room. */
		if (ip->reader_waits && (rc != MC_OK || ip->head - ip->tail <= SLOTS / 2)) {
			ip->reader_waits = 0;
			pthread_cond_signal(&ip->emptied);
		}
		while (rc == MC_OK && ip->head == tail && !ip->done) {
			ip->writer_waits = 1;
			pthread_cond_wait(&ip->filled, &ip->lock);
		}
		size_t head = ip->head;
		pthread_mutex_unlock(&ip->lock);
		if (rc != MC_OK || head == tail)
			return rc;
		/* Every row handed over, then the slots back at once. */
		while (rc == MC_OK && tail != head && tail - ip->tail < SLOTS / 4)
			rc = store(ip, w, &ip->slot[tail++ % SLOTS]);
	}
}

/* The writer of an import, or the amender of a mended file. */
static mc_status run_open(struct importer *ip, mc_reg_kind k, struct reg_writer *w,
			  struct reg_amender *am)
{
	mc_status rc;
	memset(w, 0, sizeof *w);
	if (ip->im->amend_reason) {
		rc = reg_amender_open(am, ip->db, k, ip->im->amend_reason, ip->im->amend_fn,
				      ip->im->amend_ud);
		if (rc == MC_OK)
			ip->am = am;
		return rc;
	}
	if ((rc = reg_writer_open(w, ip->db, k)) != MC_OK)
		return rc;
	if ((rc = reg_writer_batch(w)) != MC_OK)
		reg_writer_close(w, 0);
	return rc;
}

static mc_status run_close(struct importer *ip, struct reg_writer *w, int flush)
{
	if (ip->am) {
		mc_status rc = reg_amender_close(ip->am, flush);
		ip->am = NULL;
		return rc;
	}
	return reg_writer_close(w, flush);
}

static mc_status run(struct importer *ip, mc_reg_kind k)
{
	struct reg_writer w;
	struct reg_amender am;
	pthread_t th;
	mc_status rc = run_open(ip, k, &w, &am);
	if (rc != MC_OK)
		return rc;
	if (pthread_create(&th, NULL, reader, ip) != 0) {
		run_close(ip, &w, 0);
		return MC_NOMEM;
	}
	rc = write_rows(ip, &w);
	if (rc != MC_OK) {
		/* Let a reader waiting for room see the stop and finish. */
		pthread_mutex_lock(&ip->lock);
		ip->stop = 1;
		ip->reader_waits = 0;
		pthread_cond_signal(&ip->emptied);
		pthread_mutex_unlock(&ip->lock);
	}
	pthread_join(th, NULL);
	for (size_t i = ip->tail; i < ip->head; i++)
		reg_row_release(&ip->slot[i % SLOTS].row);
	if (rc == MC_OK && ip->read_st != MC_OK) {
		rc = ip->read_st;
		if (ip->err[0])
			mc_db_fail(ip->db, rc, "%s", ip->err);
	}
	mc_status fl = run_close(ip, &w, rc == MC_OK);
	return rc == MC_OK ? fl : rc;
}

static struct importer *importer_new(mc_db *db, mc_reg_kind k, FILE *fp, const char *name,
				     mc_reg_import *im)
{
	struct importer *ip = calloc(1, sizeof *ip);
	if (!ip)
		return NULL;
	if (!(ip->slot = calloc(SLOTS, sizeof *ip->slot))) {
		free(ip);
		return NULL;
	}
	ip->db = db;
	ip->im = im;
	ip->name = name;
	ip->fp = fp;
	ip->ki = reg_kind_info(k);
	ip->today = reg_today(db);
	ip->clerk = mc_db_clerk(db);
	ip->now = mc_db_now(db);
	ip->error_col = -1;
	pthread_mutex_init(&ip->lock, NULL);
	pthread_cond_init(&ip->filled, NULL);
	pthread_cond_init(&ip->emptied, NULL);
	return ip;
}

static void importer_free(struct importer *ip)
{
	for (size_t i = 0; i < SLOTS; i++) {
		free(ip->slot[i].text);
		free(ip->slot[i].off);
		reg_fold_bufs_release(&ip->slot[i].fold);
	}
	free(ip->slot);
	pthread_mutex_destroy(&ip->lock);
	pthread_cond_destroy(&ip->filled);
	pthread_cond_destroy(&ip->emptied);
	free(ip);
}

struct import_job {
	mc_reg_kind k;
	FILE *fp;
	const char *name;
	mc_reg_import *im;
};

static mc_status import_csv(mc_db *db, void *ud)
{
	const struct import_job *j = ud;
	mc_reg_kind k = j->k;
	FILE *fp = j->fp;
	const char *name = j->name;
	mc_reg_import *im = j->im;
	struct importer *ip = importer_new(db, k, fp, name, im);
	struct stat sb;
	mc_status rc;

	if (!ip)
		return MC_NOMEM;
	im->imported = im->skipped = im->rejected = im->amended = im->joined = 0;
	if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode))
		ip->progress.size = sb.st_size;
	/* Large reads: a million-line file in 4 KB ones is 130000 calls. */
	setvbuf(fp, NULL, _IOFBF, 1 << 20);
	/* A larger page cache for the indexes that grow at many places at
	 * once (the book and number key, the search index), within the 64 MB
	 * that an import may take whatever the file's size. */
	mc_db_exec(db, "PRAGMA cache_size = -" IMPORT_CACHE_KIB);
	rc = run(ip, k);
	mc_db_exec(db, "PRAGMA cache_size = -2000");
	im->skipped += ip->blank;
	im->joined = ip->joined;
	if (rc == MC_OK && im->rejected && !im->reject && im->amend_reason) {
		rc = mc_db_fail(db, MC_BAD_INPUT,
				P_("%s: %ld bad row; nothing amended", "%s: %ld bad rows; nothing amended",
				   im->rejected), name, im->rejected);
	} else if (rc == MC_OK && im->rejected && !im->reject) {
		rc = mc_db_fail(db, MC_BAD_INPUT,
				P_("%s: %ld bad row; nothing imported", "%s: %ld bad rows; nothing imported",
				   im->rejected), name, im->rejected);
	}
	if (rc == MC_OK)
		report_progress(ip);
	importer_free(ip);
	return rc;
}

mc_status mc_reg_import_csv(mc_db *db, mc_reg_kind k, FILE *fp, const char *name,
			    mc_reg_import *im)
{
	struct import_job j = { k, fp, name, im };
	return mc_db_atomic(db, import_csv, &j);
}
