/*
 * motcua — one printer for structured output.
 *
 * A command describes its records once, as maps of typed values inside
 * lists, and the back end that --format and -q chose writes them:
 *
 *   json   one JSON document: a top-level list as [...], a map as {...}
 *   jsonl  the items of a top-level list one per line (a map: one line)
 *   csv    the maps of a table as rows under a header of their keys
 *   text   the maps of a table as rows of padded columns under titles
 *          (no title line when no column has one), or, for a single
 *          record, the command's own text view
 *   quiet  (-q) the value of the table's PR_QUIET column, one per line;
 *          a table without one (a listing with no single essential
 *          value) prints its rows as text does, without the prose
 *
 * The columns of a table (pr_columns) say what each back end shows of a
 * map: the order of CSV cells, the text titles, widths, gaps and order. Keys
 * that no column names are JSON only; PR_TEXT columns are for people
 * only, and a value that only a column shows (a mark, a CSV-only cell)
 * is given with pr_kcell(). A map inside a row's cell is its JSON text
 * in CSV and text. Times are typed (pr_time) so that each back end writes
 * them its own way: ISO 8601 with the office's offset for machines,
 * "YYYY-MM-DD HH:MM" for people.
 *
 *	static const struct pr_col cols[] = {
 *		{ "code", N_("CODE"), 10, PR_QUIET, NULL },
 *		{ "days", N_("DAYS"), 4, PR_RIGHT, NULL },
 *		{ NULL, NULL, 0, 0, NULL }
 *	};
 *	pr_columns(p, cols);
 *	pr_begin_list(p);
 *	for each procedure:
 *		pr_begin_map(p);
 *		pr_key(p, "code"); pr_str(p, code);
 *		pr_key(p, "days"); pr_int(p, days);
 *		pr_end(p);
 *	pr_end(p);
 *	return pr_close(p, NULL);
 *
 * Prose for people around a table (a title line, a footnote) goes through
 * pr_text(), which the machine back ends ignore; a record with a layout of
 * its own for people gives it with pr_view() (its columns then all have
 * PR_NOTEXT, and text shows no row of it). Parts that only some back ends
 * show are described inside pr_only().
 */
#ifndef MC_PRINTER_H
#define MC_PRINTER_H

#include <stdint.h>
#include <stdio.h>
#include "motcua.h"

enum mc_format { FMT_TEXT, FMT_JSON, FMT_CSV, FMT_JSONL, FMT_QUIET };

/* Flags of a column. */
#define PR_RIGHT  0x01u   /* text: right-aligned in its width            */
#define PR_TEXT   0x02u   /* text only: not a CSV column                 */
#define PR_NOTEXT 0x04u   /* not shown in text                           */
#define PR_QUIET  0x08u   /* the value -q prints                         */
#define PR_NOCSV  0x10u   /* not a CSV column (nested, or JSON only)     */
#define PR_AUTO   0x20u   /* text: as wide as its widest cell or title   */
#define PR_LAST   0x40u   /* text: never padded (the last column); a
			   * row without its value has no gap either   */
#define PR_OPTIONAL 0x80u /* text: left out, gap and all, when empty     */

struct pr_col {
	const char *key;    /* the JSON key and CSV column; NULL ends      */
	const char *title;  /* text heading (gettext id), NULL: no title   */
	int width;          /* text: display width padded to, never cut    */
	unsigned flags;
	const char *gap;    /* text: before the cell; NULL: " " (none first) */
	int pos;            /* text: its place (1, 2, ...) when the text order
			     * differs from the table's (the CSV order); give
			     * it to every text column or to none           */
};

typedef struct mc_printer mc_printer;

/*
 * A printer writing fmt to fp (not closed by the printer unless it was
 * opened by pr_open). offset: the office's UTC offset in minutes, for
 * times. colour: text may use colour. Never NULL (memory for the printer
 * is static per process: one printer at a time).
 */
mc_printer *pr_new(enum mc_format fmt, FILE *fp, int offset_min);
enum mc_format pr_format(const mc_printer *p);
FILE *pr_file(const mc_printer *p);

/* The columns of the maps that follow (until the next pr_columns). The
 * array must outlive the printing. with_header: text titles and the CSV
 * header line are printed when the next list begins (or at the next map,
 * for a single record). */
void pr_columns(mc_printer *p, const struct pr_col *cols, int with_header);

/*
 * CSV goes to standard output plain (no BOM, LF) and to a file as Excel's
 * "CSV UTF-8" (a BOM, CRLF), a file being for people. titles: the header
 * cells of such a file, one per column of pr_columns (a form's titles in
 * its own words); standard output keeps the keys. The array must outlive
 * the printing; NULL: keys everywhere.
 */
void pr_csv_titles(mc_printer *p, const char *const *titles);

void pr_begin_map(mc_printer *p);
void pr_begin_list(mc_printer *p);
/*
 * A list of maps inside the top-level map that is the table (db check's
 * problems inside its summary): JSON writes a list; text, CSV and -q show
 * its maps as the rows and nothing else of the map around it.
 */
void pr_begin_rows(mc_printer *p);
/*
 * A top-level map read as a table of keys and values (the settings):
 * JSON writes a map; text, CSV and -q show each pr_key and its scalar
 * value as a row, the key in the first column, the value in the second.
 */
void pr_begin_dict(mc_printer *p);
void pr_end(mc_printer *p);
void pr_key(mc_printer *p, const char *key);

void pr_str(mc_printer *p, const char *s);       /* NULL: null          */
void pr_int(mc_printer *p, int64_t n);
void pr_bool(mc_printer *p, int b);              /* <0: null            */
void pr_null(mc_printer *p);
void pr_time(mc_printer *p, mc_time t);          /* MC_TIME_NONE: null  */
void pr_date(mc_printer *p, int64_t day);        /* YYYY-MM-DD          */
/*
 * A value that machines read as its code and people as a word of their
 * language (a status: "processing" / "đang xử lý"): the text back end
 * writes label (when not NULL), every other one code, -q included.
 */
void pr_label(mc_printer *p, const char *code, const char *label);
void pr_klabel(mc_printer *p, const char *key, const char *code, const char *label);
/* An amount in VND: a number for machines, "8.000 đ" in Vietnamese text. */
void pr_amount(mc_printer *p, int64_t vnd);
/* A number already formatted ("0.8333"); NULL: null. */
void pr_number(mc_printer *p, const char *digits);
/*
 * A value kept as text that is JSON when is_json (the audit log's
 * change): JSON back ends and text show it as JSON, the text itself or,
 * when it is not JSON, as a JSON string; a CSV cell holds the text as
 * kept. NULL: null.
 */
void pr_json(mc_printer *p, const char *text, int is_json);

/* key + value in one call. */
void pr_kstr(mc_printer *p, const char *key, const char *s);
void pr_kint(mc_printer *p, const char *key, int64_t n);
void pr_kbool(mc_printer *p, const char *key, int b);
void pr_ktime(mc_printer *p, const char *key, mc_time t);
/* key + value for the table's column only (a text mark, a CSV-only
 * cell): JSON and JSONL leave both out. */
void pr_kcell(mc_printer *p, const char *key, const char *s);

/*
 * What a back end shows that the others do not (a table's total row in
 * text, a JSON object around a table, -q's own value): until the next
 * pr_only(), only the back ends in formats (PR_FOR bits) write what the
 * command describes. pr_only(p, PR_ALL) ends it.
 */
#define PR_FOR(fmt) (1u << (fmt))
#define PR_ALL      (~0u)
void pr_only(mc_printer *p, unsigned formats);

/* Text for people: written only by the text back end (not under -q). */
void pr_text(mc_printer *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A record's own layout for people: fn(fp, ud) runs only in text. A map
 * shown this way (no text column) has no row line of its own. */
void pr_view(mc_printer *p, void (*fn)(FILE *fp, const void *ud), const void *ud);

/*
 * Ends the output: flushes, checks for write errors and closes a file
 * that pr_open opened. Returns 0, or the exit code after printing the
 * error (74 for a write error, naming path or standard output).
 */
int pr_close(mc_printer *p, const char *path);

#endif
