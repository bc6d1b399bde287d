/* motcua — bulk import of a register from CSV, streamed. */
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

struct importer {
	mc_db *db;
	mc_reg_import *im;
	const char *name;
	FILE *fp;
	const struct reg_kind_info *ki;
	struct reg_writer w;
	int64_t today;
	int have_header;
	int idx[MC_REG_MAX_COLUMNS + 1];    /* field of each column, -1 */
	int error_col;                      /* field of `error`, or -1   */
	size_t header_n;
	mc_reg_progress progress;
	struct reg_row row;
	char err[768];
};

/*
 * A file that is not UTF-8 cannot be read row by row as text: it stops the
 * whole import, whatever --reject-file says. Windows-1258, TCVN3 (ABC)
 * and VNI are the legacy encodings that old Vietnamese files are in; a
 * UTF-16 file ("Unicode text" in Excel) starts with its byte order mark.
 */
static int not_utf8(struct importer *ip, const mc_csv_row *row)
{
	for (size_t f = 0; f < row->n; f++) {
		const char *s = row->fields[f];
		if (mc_utf8_valid(s, strlen(s)))
			continue;
		const unsigned char *u = (const unsigned char *)s;
		if (row->line == 1 && f == 0 && ((u[0] == 0xff && u[1] == 0xfe) ||
						  (u[0] == 0xfe && u[1] == 0xff)))
			snprintf(ip->err, sizeof ip->err,
				 _("%s: the file is UTF-16 text, not UTF-8; save it as \"CSV UTF-8\" and "
				   "import that; nothing was imported"), ip->name);
		else
			snprintf(ip->err, sizeof ip->err,
				 _("%s:%ld: the file is not UTF-8 text (it may be in a legacy Vietnamese "
				   "encoding: TCVN3 (ABC), VNI or Windows-1258); convert it to UTF-8 first "
				   "(iconv -f WINDOWS-1258, or -f TCVN5712-1 for TCVN3); nothing was imported"),
				 ip->name, row->line);
		return 1;
	}
	return 0;
}

static int read_header(struct importer *ip, const mc_csv_row *row)
{
	const char *names[MC_REG_MAX_COLUMNS + 1];
	size_t n = ip->ki->n;
	for (size_t i = 0; i < n; i++)
		names[i] = ip->ki->columns[i];
	names[n] = "error";
	mc_status rc = mc_csv_header(row, names, n + 1, ip->ki->n_required, ip->idx,
				     ip->err, sizeof ip->err);
	ip->error_col = ip->idx[n];
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
		if (mc_csv_write_row(ip->im->reject, h, k) != 0)
			rc = MC_IO;
	}
	return rc;
}

/* The row as it was, every field kept (a row with too many keeps them
 * too, so that it stays refused until it is mended), its error in the
 * `error` column. */
static mc_status reject_row(struct importer *ip, const mc_csv_row *row, const char *why)
{
	size_t n = row->n > ip->header_n ? row->n : ip->header_n, k = 0;
	const char **f;
	mc_status rc;

	ip->im->rejected++;
	if (ip->im->report)
		fprintf(ip->im->report, "%s:%ld: %s\n", ip->name, row->line, why);
	if (!ip->im->reject)
		return MC_OK;
	if (!(f = malloc((n + 1) * sizeof *f)))
		return MC_NOMEM;
	for (size_t i = 0; i < n; i++)
		f[k++] = (int)i == ip->error_col ? why : i < row->n ? row->fields[i] : "";
	if (ip->error_col < 0)
		f[k++] = why;
	rc = mc_csv_write_row(ip->im->reject, f, k) == 0 ? MC_OK : MC_IO;
	free(f);
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

static int import_row(const mc_csv_row *row, void *ud)
{
	struct importer *ip = ud;
	const char *raw[MC_REG_MAX_COLUMNS];
	char why[512];
	int added;
	mc_status rc;

	if (!ip->have_header)
		return not_utf8(ip, row) ? MC_BAD_INPUT : read_header(ip, row);
	for (size_t i = 0; i < ip->ki->n; i++) {
		int f = ip->idx[i];
		raw[i] = f >= 0 && (size_t)f < row->n ? row->fields[f] : NULL;
	}
	if (row->n > ip->header_n) {
		snprintf(why, sizeof why, _("%zu fields, but the header has %zu"), row->n,
			 ip->header_n);
		rc = MC_BAD_INPUT;
	} else {
		rc = reg_row_check(ip->ki, raw, ip->today, &ip->row, why, sizeof why);
		if (rc == MC_OK)
			rc = reg_writer_put(&ip->w, &ip->row, &added, NULL, why, sizeof why);
		reg_row_release(&ip->row);
	}
	/* A good row was valid UTF-8 (every value went through the text
	 * rules); a bad one may be bad because the file is not. */
	if (rc == MC_OK)
		*(added ? &ip->im->imported : &ip->im->skipped) += 1;
	else if (rc == MC_BAD_INPUT && not_utf8(ip, row))
		return MC_BAD_INPUT;
	else if (rc == MC_BAD_INPUT)
		rc = reject_row(ip, row, why);
	if (rc == MC_IO)
		snprintf(ip->err, sizeof ip->err, _("reject file: write error"));
	if (++ip->progress.rows % PROGRESS_EVERY == 0)
		report_progress(ip);
	return rc;
}

mc_status mc_reg_import_csv(mc_db *db, mc_reg_kind k, FILE *fp, const char *name,
			    mc_reg_import *im)
{
	struct importer *ip = calloc(1, sizeof *ip);
	struct stat sb;
	mc_status rc;

	if (!ip)
		return MC_NOMEM;
	im->imported = im->skipped = im->rejected = 0;
	ip->db = db;
	ip->im = im;
	ip->name = name;
	ip->fp = fp;
	ip->ki = reg_kind_info(k);
	ip->today = reg_today(db);
	ip->error_col = -1;
	if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode))
		ip->progress.size = sb.st_size;

	/* A larger page cache for the indexes that grow at many places at
	 * once (the book and number key, the search index), within the 64 MB
	 * that an import may take whatever the file's size. */
	mc_db_exec(db, "PRAGMA cache_size = -" IMPORT_CACHE_KIB);
	rc = reg_writer_open(&ip->w, db, k);
	if (rc == MC_OK) {
		rc = mc_csv_read(fp, name, MAX_FIELD, import_row, ip, ip->err, sizeof ip->err);
		mc_status fl = reg_writer_close(&ip->w, rc == MC_OK);
		if (rc == MC_OK)
			rc = fl;
	}
	mc_db_exec(db, "PRAGMA cache_size = -2000");
	if (rc == MC_OK && !ip->have_header) {
		snprintf(ip->err, sizeof ip->err, _("%s: the file is empty (no header line)"), name);
		rc = MC_BAD_INPUT;
	}
	if (rc == MC_OK && im->rejected && !im->reject) {
		snprintf(ip->err, sizeof ip->err,
			 P_("%s: %ld bad row; nothing imported", "%s: %ld bad rows; nothing imported",
			    im->rejected), name, im->rejected);
		rc = MC_BAD_INPUT;
	}
	if (rc == MC_OK)
		report_progress(ip);
	if (rc != MC_OK && ip->err[0])
		mc_db_fail(db, rc, "%s", ip->err);
	free(ip);
	return rc;
}
