/* motcua — CSV reading with libcsv and writing, both streamed. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "fold.h"
#include "i18n.h"
#include "strbuf.h"
#include "text.h"

/* Hostile files: a line, a record and its number of fields are bounded,
 * so that memory stays small whatever the file holds. */
#define MAX_LINE (1024 * 1024)
#define MAX_FIELDS 1024

struct reader {
	mc_csv_row row;
	size_t cap;          /* of row.fields and off                   */
	size_t *off;         /* where each field starts in text          */
	char *text;          /* the record's fields, each NUL-terminated */
	size_t len, text_cap; /* len: the record's bytes so far          */
	mc_csv_row_fn fn;
	void *ud;
	int stop;            /* what the callback returned, or MC_NOMEM */
	int too_big;         /* the record passed MAX_FIELDS/MAX_LINE   */
	size_t max_field;
	int long_field;      /* a field passed max_field               */
	long line;           /* the physical line being fed            */
};

/* The leading ' that export adds before =, +, -, @, TAB and CR goes. */
static void unneutralise(char *s)
{
	if (s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
		memmove(s, s + 1, strlen(s));
}

/* Fields go one after the other into one buffer, reused record after
 * record: no allocation per field. */
static void on_field(void *data, size_t len, void *ud)
{
	struct reader *r = ud;
	if (r->stop)
		return;
	if (len > r->max_field) {
		r->long_field = 1;
		r->stop = MC_BAD_INPUT;
		return;
	}
	if (r->row.n == MAX_FIELDS || r->len + len + 1 > MAX_LINE) {
		r->too_big = 1;
		r->stop = MC_BAD_INPUT;
		return;
	}
	if (r->row.n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		char **f = realloc(r->row.fields, cap * sizeof *f);
		size_t *o = f ? realloc(r->off, cap * sizeof *o) : NULL;
		if (f)
			r->row.fields = f;
		if (!o) {
			r->stop = MC_NOMEM;
			return;
		}
		r->off = o;
		r->cap = cap;
	}
	if (r->len + len + 1 > r->text_cap) {
		size_t cap = r->text_cap ? r->text_cap : 4096;
		while (cap < r->len + len + 1)
			cap *= 2;
		char *t = realloc(r->text, cap);
		if (!t) {
			r->stop = MC_NOMEM;
			return;
		}
		r->text = t;
		r->text_cap = cap;
	}
	if (len)
		memcpy(r->text + r->len, data, len);
	r->text[r->len + len] = '\0';
	unneutralise(r->text + r->len);
	r->off[r->row.n++] = r->len;
	r->len += len + 1;
}

static void clear_row(struct reader *r)
{
	r->row.n = 0;
	r->len = 0;
}

/*
 * One physical line, its '\n' included, into *buf (grown as needed up to
 * MAX_LINE bytes). Returns its length, 0 at the end of the file, -1 for a
 * line longer than MAX_LINE, -2 on a read error or when memory ran out.
 */
static long read_line(FILE *fp, char **buf, size_t *cap)
{
	size_t n = 0;
	int c = 0;
	while ((c = getc_unlocked(fp)) != EOF) {
		if (n == MAX_LINE)
			return -1;
		if (n == *cap) {
			size_t ncap = *cap ? *cap * 2 : 4096;
			char *b = realloc(*buf, ncap);
			if (!b)
				return -2;
			*buf = b;
			*cap = ncap;
		}
		(*buf)[n++] = (char)c;
		if (c == '\n')
			break;
	}
	return c == EOF && ferror(fp) ? -2 : (long)n;
}

/*
 * Why a line is not text: a UTF-16 file ("Unicode text" in Excel) starts
 * with its byte order mark; a NUL byte elsewhere means a binary file; any
 * other invalid sequence is most likely one of the legacy encodings that
 * old Vietnamese files are in (Windows-1258, TCVN3 (ABC), VNI).
 */
static void not_utf8(const char *name, long line, const char *s, size_t len,
		     char *err, size_t errn)
{
	const unsigned char *u = (const unsigned char *)s;
	if (line == 1 && len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
				      (u[0] == 0xfe && u[1] == 0xff)))
		snprintf(err, errn,
			 _("%s: the file is UTF-16 text, not UTF-8; save it as \"CSV UTF-8\" and "
			   "import that; nothing was imported"), name);
	else if (memchr(s, '\0', len))
		snprintf(err, errn, _("%s:%ld: a NUL byte: this is not a text file"), name, line);
	else
		snprintf(err, errn,
			 _("%s:%ld: the file is not UTF-8 text (it may be in a legacy Vietnamese "
			   "encoding: TCVN3 (ABC), VNI or Windows-1258); convert it to UTF-8 first "
			   "(iconv -f WINDOWS-1258, or -f TCVN5712-1 for TCVN3); nothing was imported"),
			 name, line);
}

static void on_row(int c, void *ud)
{
	struct reader *r = ud;
	(void)c;
	if (!r->stop && r->row.n) {
		for (size_t i = 0; i < r->row.n; i++)
			r->row.fields[i] = r->text + r->off[i];
		r->stop = r->fn(&r->row, r->ud);
	}
	clear_row(r);
}

mc_status mc_csv_read(FILE *fp, const char *name, size_t max_field,
		      mc_csv_row_fn fn, void *ud, char *err, size_t errn)
{
	struct csv_parser p;
	struct reader r = { .row = { .name = name }, .fn = fn, .ud = ud,
			    .max_field = max_field };
	char *buf = NULL;
	size_t bufcap = 0;
	long len;
	mc_status rc = MC_OK;

	if (csv_init(&p, CSV_APPEND_NULL) != 0)
		return MC_NOMEM;
	while (!r.stop && (len = read_line(fp, &buf, &bufcap)) > 0) {
		char *s = buf;
		r.line++;
		if (r.line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			len -= 3;
		}
		if (!mc_utf8_valid(s, (size_t)len)) {
			not_utf8(name, r.line, s, (size_t)len, err, errn);
			rc = MC_BAD_INPUT;
			break;
		}
		/* A record starts on this line unless a quoted field of an
		 * earlier line is still open (a line break inside quotes). */
		if (r.row.n == 0 && !p.quoted && p.entry_pos == 0)
			r.row.line = r.line;
		if (csv_parse(&p, s, (size_t)len, on_field, on_row, &r) != (size_t)len) {
			snprintf(err, errn, "%s:%ld: %s", name, r.line,
				 csv_strerror(csv_error(&p)));
			rc = MC_BAD_INPUT;
			break;
		}
		if (p.entry_pos > max_field || r.long_field) {
			snprintf(err, errn, _("%s:%ld: a field is longer than %zu bytes"),
				 name, r.row.line, max_field);
			rc = MC_BAD_INPUT;
			break;
		}
	}
	if (rc == MC_OK && !r.stop && len == -1) {
		snprintf(err, errn, _("%s:%ld: a line is longer than %d bytes"),
			 name, r.line + 1, MAX_LINE);
		rc = MC_BAD_INPUT;
	} else if (rc == MC_OK && !r.stop && len == -2) {
		snprintf(err, errn, "%s: %s", name, ferror(fp) ? _("read error") : _("out of memory"));
		rc = ferror(fp) ? MC_IO : MC_NOMEM;
	}
	if (rc == MC_OK && !r.stop) {
		if (p.quoted && p.entry_pos) {
			snprintf(err, errn, _("%s:%ld: a quoted field is not closed"),
				 name, r.row.line);
			rc = MC_BAD_INPUT;
		} else {
			csv_fini(&p, on_field, on_row, &r);
		}
	}
	if (rc == MC_OK && r.long_field) {
		snprintf(err, errn, _("%s:%ld: a field is longer than %zu bytes"),
			 name, r.row.line, max_field);
		rc = MC_BAD_INPUT;
	} else if (rc == MC_OK && r.too_big) {
		snprintf(err, errn, _("%s:%ld: a record has more than %d fields or %d bytes"),
			 name, r.row.line, MAX_FIELDS, MAX_LINE);
		rc = MC_BAD_INPUT;
	}
	if (rc == MC_OK && r.stop)
		rc = (mc_status)r.stop;
	free(r.row.fields);
	free(r.off);
	free(r.text);
	free(buf);
	csv_free(&p);
	return rc;
}

int mc_csv_join_lines(char *s)
{
	char *w = s;
	int joined = 0;
	for (const char *r = s; *r;) {
		if (*r == '\r' || *r == '\n') {
			while (*r == '\r' || *r == '\n')
				r++;
			*w++ = ' ';
			joined = 1;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return joined;
}

int mc_csv_row_blank(const mc_csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (row->fields[i][0])
			return 0;
	return 1;
}

/* A heading as it is compared: folded (fold.h), then only its letters
 * and digits. 0 when it is too long to be any column's. */
static int heading_key(const char *s, char *key, size_t n)
{
	size_t len = mc_text_fold_n(s, strlen(s), key, n), k = 0;
	if (len >= n)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)key[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			key[k++] = (char)c;
	}
	key[k] = '\0';
	return 1;
}

/* Does the folded heading key name the column of this name or titles? */
static int heading_is(const char *key, const char *name, const char *titles)
{
	char want[256];
	if (heading_key(name, want, sizeof want) && strcmp(key, want) == 0)
		return 1;
	while (titles && *titles) {
		size_t len = strcspn(titles, "|");
		char title[256];
		if (len < sizeof title) {
			memcpy(title, titles, len);
			title[len] = '\0';
			if (heading_key(title, want, sizeof want) && strcmp(key, want) == 0)
				return 1;
		}
		titles += len + (titles[len] == '|');
	}
	return 0;
}

/* The column that heading h names: by its name as written, else (with
 * titles) folded. n_names when none. */
static size_t find_column(const char *h, const char *const *names,
			  const char *const *titles, size_t n_names)
{
	char key[256];
	for (size_t i = 0; i < n_names; i++)
		if (strcmp(h, names[i]) == 0)
			return i;
	if (!titles || !heading_key(h, key, sizeof key) || !key[0])
		return n_names;
	for (size_t i = 0; i < n_names; i++)
		if (heading_is(key, names[i], titles[i]))
			return i;
	return n_names;
}

static void unknown_column(const mc_csv_row *hdr, const char *h, const char *const *names,
			   size_t n_names, const char *more, char *err, size_t errn)
{
	mc_strbuf list = MC_STRBUF_INIT;
	for (size_t i = 0; i < n_names; i++)
		mc_strbuf_addf(&list, "%s%s", i ? ", " : "", names[i]);
	if (!more)
		snprintf(err, errn, _("%s:%ld: unknown column \"%s\"; the columns are: %s"),
			 hdr->name, hdr->line, h, list.s ? list.s : "");
	else
		/* TRANSLATORS: the column names, then what else may head them
		   ("or the titles of ..."). */
		snprintf(err, errn, _("%s:%ld: unknown column \"%s\"; the columns are: %s; %s"),
			 hdr->name, hdr->line, h, list.s ? list.s : "", more);
	mc_strbuf_release(&list);
}

mc_status mc_csv_header_titled(const mc_csv_row *hdr, const char *const *names,
			       const char *const *titles, size_t n_names,
			       size_t n_required, const char *more, int *idx,
			       char *err, size_t errn)
{
	for (size_t i = 0; i < n_names; i++)
		idx[i] = -1;
	for (size_t f = 0; f < hdr->n; f++) {
		const char *h = hdr->fields[f];
		size_t i = find_column(h, names, titles, n_names);
		if (i == n_names) {
			unknown_column(hdr, h, names, n_names, more, err, errn);
			return MC_BAD_INPUT;
		}
		if (idx[i] >= 0) {
			snprintf(err, errn, _("%s:%ld: column \"%s\" is given twice"),
				 hdr->name, hdr->line, h);
			return MC_BAD_INPUT;
		}
		idx[i] = (int)f;
	}
	for (size_t i = 0; i < n_required; i++) {
		if (idx[i] < 0) {
			snprintf(err, errn, _("%s:%ld: the required column \"%s\" is missing"),
				 hdr->name, hdr->line, names[i]);
			return MC_BAD_INPUT;
		}
	}
	return MC_OK;
}

mc_status mc_csv_header(const mc_csv_row *hdr, const char *const *names,
			size_t n_names, size_t n_required, int *idx,
			char *err, size_t errn)
{
	return mc_csv_header_titled(hdr, names, NULL, n_names, n_required, NULL, idx,
				    err, errn);
}

/* -5 and +3.5 are numbers, not formulas: they stay as they are. */
static int is_number(const char *s)
{
	const char *p = s + (*s == '-' || *s == '+');
	int digits = 0, dot = 0;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && !dot)
			dot = 1;
		else
			return 0;
	}
	return digits > 0;
}

static int write_cell(FILE *fp, const char *s)
{
	/* A cell already starting with the ' of an escaped formula gets one
	 * more, so that import (which removes one) gives it back as it was. */
	int formula = (s[0] && strchr("=+-@\t\r", s[0]) && !is_number(s)) ||
		      (s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]));
	int quote = strpbrk(s, ",\"\r\n") != NULL;

	if (!quote && !formula)
		return fputs(s, fp) < 0 ? -1 : 0;
	if (quote && putc('"', fp) == EOF)
		return -1;
	if (formula && putc('\'', fp) == EOF)
		return -1;
	/* Runs between quotes at once; each quote doubled. */
	for (const char *p = s; *p;) {
		size_t run = strcspn(p, "\"");
		if (run && fwrite(p, 1, run, fp) != run)
			return -1;
		p += run;
		if (*p == '"') {
			if (fputs("\"\"", fp) < 0)
				return -1;
			p++;
		}
	}
	return quote && putc('"', fp) == EOF ? -1 : 0;
}

int mc_csv_write_start(FILE *fp, mc_csv_style style)
{
	return style == MC_CSV_EXCEL && fputs("\xEF\xBB\xBF", fp) < 0 ? -1 : 0;
}

int mc_csv_write_row(FILE *fp, mc_csv_style style, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i && putc(',', fp) == EOF)
			return -1;
		if (write_cell(fp, fields[i] ? fields[i] : "") != 0)
			return -1;
	}
	if (style == MC_CSV_EXCEL && putc('\r', fp) == EOF)
		return -1;
	return putc('\n', fp) == EOF ? -1 : 0;
}

#define MAX_COLUMNS 64
#define MAX_REPORTED 1000

struct importer {
	mc_import *im;
	mc_import_fn fn;
	void *ud;
	int idx[MAX_COLUMNS];
	int have_header;
	mc_strbuf report;
};

static int import_row(const mc_csv_row *row, void *ud)
{
	struct importer *ip = ud;
	mc_import *im = ip->im;
	const char *vals[MAX_COLUMNS];
	char why[512];

	if (!ip->have_header) {
		ip->have_header = 1;
		int r = mc_csv_header(row, im->columns, im->n_columns, im->n_required,
				      ip->idx, im->err, sizeof im->err);
		for (size_t c = 0; c < im->n_columns; c++)
			if (ip->idx[c] >= 0)
				im->present |= 1ULL << c;
		return r;
	}
	if (mc_csv_row_blank(row)) {
		im->blank++;
		return 0;
	}
	for (size_t c = 0; c < im->n_columns; c++) {
		int i = ip->idx[c];
		vals[c] = i >= 0 && (size_t)i < row->n ? row->fields[i] : "";
		if (vals[c][0] && !(im->keep_lines & 1ULL << c) &&
		    mc_csv_join_lines(row->fields[i]))
			im->joined++;
	}
	why[0] = '\0';
	mc_status rc = ip->fn(vals, why, sizeof why, ip->ud);
	if (rc == MC_OK) {
		im->rows++;
		return 0;
	}
	if (rc != MC_BAD_INPUT)
		return rc;
	/* The report names the first bad rows; the count says the rest. */
	if (++im->bad <= MAX_REPORTED) {
		char *safe = mc_text_escape(why);
		mc_strbuf_addf(&ip->report, "%s:%ld: %s\n", row->name, row->line,
			       safe ? safe : why);
		free(safe);
	}
	return 0;
}

mc_status mc_csv_import(FILE *fp, const char *name, mc_import *im,
			mc_import_fn fn, void *ud)
{
	struct importer ip = { .im = im, .fn = fn, .ud = ud, .report = MC_STRBUF_INIT };
	mc_status rc;

	im->rows = im->bad = im->blank = im->joined = 0;
	im->present = 0;
	im->report = NULL;
	im->err[0] = '\0';
	if (im->n_columns > MAX_COLUMNS)
		return MC_USAGE;
	rc = mc_csv_read(fp, name, im->max_field, import_row, &ip, im->err, sizeof im->err);
	if (rc == MC_OK && !ip.have_header) {
		snprintf(im->err, sizeof im->err, _("%s: the file is empty (no header line)"), name);
		rc = MC_BAD_INPUT;
	}
	if (im->bad > MAX_REPORTED)
		mc_strbuf_addf(&ip.report, P_("%s: %ld more bad row not shown\n",
					      "%s: %ld more bad rows not shown\n",
					      im->bad - MAX_REPORTED), name, im->bad - MAX_REPORTED);
	if (rc == MC_OK && im->bad) {
		snprintf(im->err, sizeof im->err,
			 P_("%s: %ld bad row; nothing imported", "%s: %ld bad rows; nothing imported",
			    im->bad), name, im->bad);
		rc = MC_BAD_INPUT;
	}
	im->report = mc_strbuf_detach(&ip.report);
	return rc;
}
