/* motcua — the structured printer (printer.h): JSON, JSONL, CSV, text, -q. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define MAX_DEPTH 16
#define MAX_COLS 48

struct frame {
	int is_map;
	int count;          /* items (list) or keys (map) written          */
	int table;          /* its maps (a dict: its keys) are the rows    */
	int dict;           /* pr_begin_dict                                */
};

struct mc_printer {
	enum mc_format fmt;
	FILE *fp;
	int offset;
	int depth;
	struct frame st[MAX_DEPTH];
	const struct pr_col *cols;
	int ncols;
	int header_due;
	/* The row being collected (text, CSV, quiet): its depth in st[], the
	 * column of the current key (-1: none), and each cell's text. */
	int row_depth;
	int cur;
	mc_strbuf cell[MAX_COLS];
	int has[MAX_COLS];
	/* Text rows kept until the end of the list when a column is PR_AUTO. */
	char ***kept;
	size_t nkept;
	/* A map inside a cell, written as JSON to memory: the stream it
	 * replaced, the format to return to and the depth of the map. */
	FILE *cap_out;
	enum mc_format cap_fmt;
	int cap_depth;
	char *cap_text;
	size_t cap_len;
	int failed;          /* out of memory while keeping rows            */
	mc_csv_style csv;    /* plain to standard output, Excel's to a file */
	const char *const *csv_titles; /* the CSV header's cells, or NULL: keys */
	unsigned only;       /* pr_only(): the back ends that write now     */
};

static struct mc_printer the_printer;

/* A column title's translation; NC_() titles carry their context. */
static const char *title(const struct pr_col *c)
{
	const char *sep;
	char ctx[64];
	if (!c->title)
		return "";
	if (!(sep = strchr(c->title, '\004')) || (size_t)(sep - c->title) >= sizeof ctx)
		return _(c->title);
	memcpy(ctx, c->title, (size_t)(sep - c->title));
	ctx[sep - c->title] = '\0';
	return mc_pgettext(ctx, sep + 1);
}

mc_printer *pr_new(enum mc_format fmt, FILE *fp, int offset_min)
{
	mc_printer *p = &the_printer;
	for (int i = 0; i < MAX_COLS; i++)
		mc_strbuf_release(&p->cell[i]);
	memset(p, 0, sizeof *p);
	p->fmt = fmt;
	p->fp = fp;
	p->offset = offset_min;
	p->row_depth = -1;
	p->cur = -1;
	p->only = PR_ALL;
	p->csv = csv_style_of(fp);
	return p;
}

enum mc_format pr_format(const mc_printer *p) { return p->fmt; }
FILE *pr_file(const mc_printer *p) { return p->fp; }

void pr_columns(mc_printer *p, const struct pr_col *cols, int with_header)
{
	p->cols = cols;
	p->ncols = 0;
	while (cols && cols[p->ncols].key && p->ncols < MAX_COLS)
		p->ncols++;
	p->header_due = with_header;
}

void pr_csv_titles(mc_printer *p, const char *const *titles)
{
	p->csv_titles = titles;
}

void pr_only(mc_printer *p, unsigned formats)
{
	p->only = formats;
}

/* Is this back end left out by pr_only()? */
static int skipped(const mc_printer *p)
{
	return !(p->only & PR_FOR(p->fmt));
}

static int is_structured(const mc_printer *p)
{
	return p->fmt == FMT_JSON || p->fmt == FMT_JSONL;
}

static int has_titles(const mc_printer *p)
{
	for (int i = 0; i < p->ncols; i++)
		if (p->cols[i].title)
			return 1;
	return 0;
}

/* Rows written as text: in text, and under -q for a table that has no
 * PR_QUIET column (a listing with no one essential value is its own). */
static int text_rows(const mc_printer *p)
{
	if (p->fmt == FMT_TEXT)
		return 1;
	if (p->fmt != FMT_QUIET)
		return 0;
	for (int i = 0; i < p->ncols; i++)
		if (p->cols[i].flags & PR_QUIET)
			return 0;
	return 1;
}

static int auto_width(const mc_printer *p)
{
	for (int i = 0; i < p->ncols; i++)
		if (p->cols[i].flags & PR_AUTO)
			return 1;
	return 0;
}

/* ---- text and CSV rows ---- */

static int in_text(const struct pr_col *c) { return !(c->flags & PR_NOTEXT); }
static int in_csv(const struct pr_col *c) { return !(c->flags & (PR_TEXT | PR_NOCSV)); }

static void put_cell(FILE *fp, const struct pr_col *c, const char *s, int width, int first)
{
	int w = (int)mc_utf8_width(s);
	fputs(c->gap ? c->gap : first ? "" : " ", fp);
	if ((c->flags & PR_RIGHT) && !(c->flags & PR_LAST))
		for (; w < width; w++)
			putc(' ', fp);
	fputs(s, fp);
	if (!(c->flags & (PR_RIGHT | PR_LAST)))
		for (; w < width; w++)
			putc(' ', fp);
}

/* The index of the column shown n-th in text. */
static int text_col(const mc_printer *p, int n)
{
	for (int i = 0; i < p->ncols; i++)
		if (p->cols[i].pos == n + 1)
			return i;
	return p->cols[0].pos ? -1 : n;
}

/* A line of the text table; none when no column is shown in text (a
 * record whose text is its pr_view). An empty PR_OPTIONAL cell, or a
 * PR_LAST one without a value, adds nothing, not even its gap. */
static void text_line(mc_printer *p, const char *const *cells, const int *widths)
{
	int first = 1;
	for (int n = 0; n < p->ncols; n++) {
		int i = text_col(p, n);
		if (i < 0)
			continue;
		const struct pr_col *c = &p->cols[i];
		if (!in_text(c) || ((c->flags & PR_OPTIONAL) && !(cells[i] && *cells[i])) ||
		    (!cells[i] && (c->flags & PR_LAST)))
			continue;
		put_cell(p->fp, c, cells[i] ? cells[i] : "", widths[i], first);
		first = 0;
	}
	if (!first)
		putc('\n', p->fp);
}

static void widths_of(const mc_printer *p, int *w)
{
	for (int i = 0; i < p->ncols; i++) {
		w[i] = p->cols[i].width;
		if (!(p->cols[i].flags & PR_AUTO))
			continue;
		if ((int)mc_utf8_width(title(&p->cols[i])) > w[i])
			w[i] = (int)mc_utf8_width(title(&p->cols[i]));
		for (size_t r = 0; r < p->nkept; r++)
			if (p->kept[r][i] && (int)mc_utf8_width(p->kept[r][i]) > w[i])
				w[i] = (int)mc_utf8_width(p->kept[r][i]);
	}
}

static void text_header(mc_printer *p, const int *w)
{
	const char *titles[MAX_COLS];
	for (int i = 0; i < p->ncols; i++)
		titles[i] = title(&p->cols[i]);
	text_line(p, titles, w);
}

static void csv_header(mc_printer *p)
{
	const char *keys[MAX_COLS];
	size_t n = 0;
	for (int i = 0; i < p->ncols; i++)
		if (in_csv(&p->cols[i]))
			keys[n++] = p->csv_titles && p->csv == MC_CSV_EXCEL ? p->csv_titles[i]
									     : p->cols[i].key;
	mc_csv_write_start(p->fp, p->csv);
	mc_csv_write_row(p->fp, p->csv, keys, n);
}

/* The header of a table, once, before its first row (or its empty list);
 * in text, only when its columns have titles. */
static void header(mc_printer *p)
{
	/* Text as wide as its cells: the header comes with the rows. */
	if (!p->header_due || !p->ncols || (text_rows(p) && auto_width(p)))
		return;
	p->header_due = 0;
	if (p->fmt == FMT_CSV)
		csv_header(p);
	else if (text_rows(p) && has_titles(p)) {
		int w[MAX_COLS];
		widths_of(p, w);
		text_header(p, w);
	}
}

static void flush_kept(mc_printer *p)
{
	int w[MAX_COLS];
	if (!p->nkept && !p->header_due)
		return;
	widths_of(p, w);
	if (p->header_due) {
		p->header_due = 0;
		if (has_titles(p))
			text_header(p, w);
	}
	for (size_t r = 0; r < p->nkept; r++) {
		text_line(p, (const char *const *)p->kept[r], w);
		for (int i = 0; i < p->ncols; i++)
			free(p->kept[r][i]);
		free(p->kept[r]);
	}
	free(p->kept);
	p->kept = NULL;
	p->nkept = 0;
}

static void keep_row(mc_printer *p, const char *const *cells)
{
	char ***k = realloc(p->kept, (p->nkept + 1) * sizeof *k);
	char **row = k ? calloc((size_t)p->ncols, sizeof *row) : NULL;
	if (k)
		p->kept = k;
	if (!row) {
		p->failed = 1;
		return;
	}
	for (int i = 0; i < p->ncols; i++)
		if (cells[i] && !(row[i] = strdup(cells[i])))
			p->failed = 1;
	p->kept[p->nkept++] = row;
}

static void end_row(mc_printer *p)
{
	const char *cells[MAX_COLS];
	for (int i = 0; i < p->ncols; i++)
		cells[i] = p->has[i] ? (p->cell[i].s ? p->cell[i].s : "") : NULL;
	header(p);
	if (p->fmt == FMT_CSV) {
		const char *row[MAX_COLS];
		size_t n = 0;
		for (int i = 0; i < p->ncols; i++)
			if (in_csv(&p->cols[i]))
				row[n++] = cells[i] ? cells[i] : "";
		mc_csv_write_row(p->fp, p->csv, row, n);
	} else if (!text_rows(p)) {
		for (int i = 0; i < p->ncols; i++)
			if ((p->cols[i].flags & PR_QUIET) && cells[i])
				fprintf(p->fp, "%s\n", cells[i]);
	} else if (auto_width(p)) {
		keep_row(p, cells);
	} else {
		int w[MAX_COLS];
		widths_of(p, w);
		text_line(p, cells, w);
	}
	for (int i = 0; i < p->ncols; i++) {
		/* Emptied, not freed: the next row reuses it. */
		mc_strbuf_clear(&p->cell[i]);
		p->has[i] = 0;
	}
	p->row_depth = -1;
	p->cur = -1;
}

/* A scalar of a row, as text: into the cell of the current key. Values
 * of a list inside the row are joined with ';' (CSV's documents). Cells
 * are appended without printf: a long export has many. */
static void row_value(mc_printer *p, const char *s)
{
	if (p->row_depth < 0 || p->cur < 0)
		return;
	mc_strbuf *b = &p->cell[p->cur];
	if (p->depth - 1 > p->row_depth) {
		if (p->depth - 1 != p->row_depth + 1 || p->st[p->depth - 1].is_map)
			return;
		if (p->has[p->cur] && b->len)
			mc_strbuf_add(b, ";", 1);
	}
	if (s)
		mc_strbuf_add(b, s, strlen(s));
	p->has[p->cur] = 1;
}

/* ---- JSON ---- */

static void json_sep(mc_printer *p)
{
	if (p->depth == 0)
		return;
	struct frame *f = &p->st[p->depth - 1];
	if (f->is_map)
		return;         /* the key wrote the comma */
	if (f->count && !(p->fmt == FMT_JSONL && p->depth == 1))
		putc(',', p->fp);
}

/* After a value: the item count, and the line end of a top-level value
 * (JSON) or of an item of the top-level list (JSONL). */
static void json_after(mc_printer *p)
{
	if (p->depth > 0 && !p->st[p->depth - 1].is_map)
		p->st[p->depth - 1].count++;
	if (p->depth == 0 || (p->fmt == FMT_JSONL && p->depth == 1 && !p->st[0].is_map))
		putc('\n', p->fp);
}

static void scalar(mc_printer *p, const char *json, const char *text, int quoted)
{
	if (skipped(p))
		return;
	if (is_structured(p)) {
		json_sep(p);
		if (quoted)
			mc_json_put(p->fp, json);
		else
			fputs(json ? json : "null", p->fp);
		json_after(p);
		return;
	}
	row_value(p, text);
}

/* Pushes a frame; in JSON, opens it with c after the separator. */
static int push(mc_printer *p, int is_map, char c)
{
	if (p->depth >= MAX_DEPTH || skipped(p))
		return 0;
	if (is_structured(p)) {
		json_sep(p);
		if (c)
			putc(c, p->fp);
	}
	memset(&p->st[p->depth], 0, sizeof p->st[p->depth]);
	p->st[p->depth].is_map = is_map;
	p->depth++;
	return 1;
}

/* A map inside a row's cell (CSV, text): its JSON text, written to memory
 * until its end, is the cell's value. */
static void begin_capture(mc_printer *p)
{
	FILE *mem = open_memstream(&p->cap_text, &p->cap_len);
	if (!mem) {
		p->failed = 1;
		return;
	}
	p->cap_out = p->fp;
	p->cap_fmt = p->fmt;
	p->cap_depth = p->depth;
	p->fp = mem;
	p->fmt = FMT_JSON;
}

static void end_capture(mc_printer *p)
{
	int bad = fclose(p->fp) != 0;
	p->fp = p->cap_out;
	p->fmt = p->cap_fmt;
	p->cap_out = NULL;
	if (bad || !p->cap_text)
		p->failed = 1;
	else
		row_value(p, p->cap_text);
	free(p->cap_text);
	p->cap_text = NULL;
}

void pr_begin_map(mc_printer *p)
{
	if (skipped(p))
		return;
	if (!is_structured(p) && p->row_depth >= 0 && p->depth - 1 == p->row_depth && p->cur >= 0)
		begin_capture(p);
	/* A row: a single record at the top, or a map of a table. */
	if (!is_structured(p) && p->row_depth < 0 &&
	    (p->depth == 0 || p->st[p->depth - 1].table)) {
		p->row_depth = p->depth;
		p->cur = -1;
	}
	push(p, 1, '{');
}

void pr_begin_list(mc_printer *p)
{
	int top = p->depth == 0;
	if (!push(p, 0, p->fmt == FMT_JSONL && top ? 0 : '['))
		return;
	p->st[p->depth - 1].table = top;
	if (top && !is_structured(p))
		header(p);
}

void pr_begin_rows(mc_printer *p)
{
	if (!is_structured(p) && p->depth == 1 && p->row_depth == 0) {
		/* The map around the rows is not a row itself. */
		for (int i = 0; i < p->ncols; i++) {
			mc_strbuf_release(&p->cell[i]);
			p->has[i] = 0;
		}
		p->row_depth = -1;
	}
	if (!push(p, 0, '['))
		return;
	p->st[p->depth - 1].table = 1;
	if (!is_structured(p))
		header(p);
}

void pr_begin_dict(mc_printer *p)
{
	int top = p->depth == 0;
	if (!push(p, 1, '{'))
		return;
	p->st[p->depth - 1].table = p->st[p->depth - 1].dict = top;
	if (top && !is_structured(p))
		header(p);
}

void pr_end(mc_printer *p)
{
	if (p->depth == 0 || skipped(p))
		return;
	struct frame *f = &p->st[--p->depth];
	if (is_structured(p)) {
		/* JSONL's top-level list has no brackets: its items are lines. */
		if (!(p->fmt == FMT_JSONL && p->depth == 0 && !f->is_map)) {
			putc(f->is_map ? '}' : ']', p->fp);
			json_after(p);
		}
		if (p->cap_out && p->depth == p->cap_depth)
			end_capture(p);
		return;
	}
	if (f->is_map && p->depth == p->row_depth)
		end_row(p);
	/* A table is complete at the end of its list, or of its one record. */
	if (!f->table && !(f->is_map && p->depth == 0))
		return;
	if (text_rows(p) && auto_width(p))
		flush_kept(p);
	else
		header(p);
}

void pr_key(mc_printer *p, const char *key)
{
	if (skipped(p))
		return;
	if (is_structured(p)) {
		if (p->depth > 0 && p->st[p->depth - 1].count++)
			putc(',', p->fp);
		mc_json_put(p->fp, key);
		putc(':', p->fp);
		return;
	}
	/* A key of a dict is a row of its own: the key, then its value. */
	if (p->depth > 0 && p->st[p->depth - 1].dict && p->ncols >= 2) {
		if (p->row_depth >= 0)
			end_row(p);
		p->row_depth = p->depth - 1;
		mc_strbuf_addf(&p->cell[0], "%s", key);
		p->has[0] = 1;
		p->cur = 1;
		return;
	}
	if (p->depth - 1 != p->row_depth)
		return;
	/* Keys mostly come in the columns' order: look from the last one on. */
	int from = p->cur + 1;
	p->cur = -1;
	for (int n = 0; n < p->ncols; n++) {
		int i = (from + n) % p->ncols;
		if (strcmp(p->cols[i].key, key) == 0) {
			p->cur = i;
			break;
		}
	}
}

void pr_str(mc_printer *p, const char *s)
{
	scalar(p, s, s, 1);
}

void pr_int(mc_printer *p, int64_t n)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", (long long)n);
	scalar(p, buf, buf, 0);
}

void pr_bool(mc_printer *p, int b)
{
	const char *s = b < 0 ? NULL : b ? "true" : "false";
	scalar(p, s, s ? s : "", 0);
}

void pr_null(mc_printer *p)
{
	scalar(p, NULL, "", 0);
}

void pr_time(mc_printer *p, mc_time t)
{
	char iso[40], text[40];
	if (t == MC_TIME_NONE) {
		scalar(p, NULL, "", 0);
		return;
	}
	mc_format_iso(t, p->offset, iso, sizeof iso);
	/* -q keeps its form whatever the language; only text is for people. */
	if (p->fmt == FMT_TEXT)
		mc_format_time_human(t, p->offset, text, sizeof text);
	else if (text_rows(p))
		mc_format_datetime(t, p->offset, text, sizeof text);
	scalar(p, iso, text_rows(p) ? text : iso, 1);
}

void pr_date(mc_printer *p, int64_t day)
{
	char buf[16], text[16];
	mc_format_date(day, buf, sizeof buf);
	if (p->fmt == FMT_TEXT)
		mc_format_day_human(day, text, sizeof text);
	scalar(p, buf, p->fmt == FMT_TEXT ? text : buf, 1);
}

void pr_label(mc_printer *p, const char *code, const char *label)
{
	scalar(p, code, p->fmt == FMT_TEXT && code && label ? label : code, 1);
}

void pr_amount(mc_printer *p, int64_t vnd)
{
	char num[24], text[40];
	snprintf(num, sizeof num, "%lld", (long long)vnd);
	if (p->fmt == FMT_TEXT)
		mc_format_amount_human(vnd, text, sizeof text);
	scalar(p, num, p->fmt == FMT_TEXT ? text : num, 0);
}

void pr_klabel(mc_printer *p, const char *key, const char *code, const char *label)
{
	pr_key(p, key);
	pr_label(p, code, label);
}

void pr_number(mc_printer *p, const char *digits)
{
	scalar(p, digits, digits ? digits : "", 0);
}

void pr_json(mc_printer *p, const char *text, int is_json)
{
	mc_strbuf quoted = MC_STRBUF_INIT;
	if (is_structured(p) && is_json) {
		scalar(p, text, NULL, 0);
		return;
	}
	if (is_json || p->fmt == FMT_CSV || !text) {
		scalar(p, text, text, 1);
		return;
	}
	mc_strbuf_add_json(&quoted, text);
	if (quoted.oom)
		p->failed = 1;
	scalar(p, text, quoted.s ? quoted.s : "", 1);
	mc_strbuf_release(&quoted);
}

void pr_kstr(mc_printer *p, const char *key, const char *s) { pr_key(p, key); pr_str(p, s); }
void pr_kint(mc_printer *p, const char *key, int64_t n) { pr_key(p, key); pr_int(p, n); }
void pr_kbool(mc_printer *p, const char *key, int b) { pr_key(p, key); pr_bool(p, b); }
void pr_ktime(mc_printer *p, const char *key, mc_time t) { pr_key(p, key); pr_time(p, t); }

void pr_kcell(mc_printer *p, const char *key, const char *s)
{
	if (!is_structured(p))
		pr_kstr(p, key, s);
}

void pr_text(mc_printer *p, const char *fmt, ...)
{
	va_list ap;
	if (p->fmt != FMT_TEXT || skipped(p))
		return;
	va_start(ap, fmt);
	vfprintf(p->fp, fmt, ap);
	va_end(ap);
}

void pr_view(mc_printer *p, void (*fn)(FILE *fp, const void *ud), const void *ud)
{
	if (p->fmt == FMT_TEXT && !skipped(p))
		fn(p->fp, ud);
}

int pr_close(mc_printer *p, const char *path)
{
	if (p->kept)
		flush_kept(p);
	for (int i = 0; i < MAX_COLS; i++)
		mc_strbuf_release(&p->cell[i]);
	if (p->failed)
		return fail(MC_NOMEM, "%s", _("out of memory"));
	return close_output(p->fp, path);
}

mc_csv_style csv_style_of(FILE *fp)
{
	return fp == stdout ? MC_CSV_PLAIN : MC_CSV_EXCEL;
}

mc_printer *cmd_printer(struct mc_ctx *ctx, FILE *fp)
{
	return pr_new(ctx->quiet ? FMT_QUIET : ctx->format, fp,
		      ctx->db ? mc_db_offset(ctx->db) : 0);
}

mc_printer *cmd_export_printer(struct mc_ctx *ctx, FILE *fp, enum mc_format dflt)
{
	return pr_new(ctx->format != FMT_TEXT ? ctx->format : dflt, fp, mc_db_offset(ctx->db));
}

int listing_printer(struct mc_ctx *ctx, const char *out, mc_printer **pr)
{
	FILE *fp;
	int rc;
	if (is_stdout(out)) {
		*pr = cmd_printer(ctx, stdout);
		return 0;
	}
	if ((rc = create_output(out, &fp)) != 0)
		return rc;
	*pr = cmd_export_printer(ctx, fp, FMT_CSV);
	return 0;
}

void import_joined(mc_printer *p, long joined)
{
	if (joined)
		pr_text(p, P_("; %ld line break inside a one-line cell became a space",
			      "; %ld line breaks inside one-line cells became spaces",
			      joined), joined);
}
