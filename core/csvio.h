/* motcua — CSV in and out (RFC 4180, as Excel saves it), streamed. */
#ifndef MC_CSVIO_H
#define MC_CSVIO_H

#include <stdio.h>
#include <stddef.h>
#include "status.h"

/* One record as it is handed to the caller. Fields are NUL-terminated;
 * the one leading ' that export puts before formula-like cells is gone. */
typedef struct {
	const char *name;   /* the file's name for messages */
	long line;          /* the physical line where the record starts */
	size_t n;
	char **fields;
} mc_csv_row;

/* Return 0 to go on; anything else stops reading and is returned by
 * mc_csv_read() as its status. */
typedef int (*mc_csv_row_fn)(const mc_csv_row *row, void *ud);

/*
 * Reads fp record by record with libcsv in constant memory: a UTF-8 BOM is
 * skipped, CRLF and LF both end lines, quoted fields may hold commas,
 * quotes and line breaks; blank lines are skipped. The first record (the
 * header) is handed to fn like the others. Parse errors and fields larger
 * than max_field bytes are MC_BAD_INPUT with "NAME:LINE: reason" in err.
 */
mc_status mc_csv_read(FILE *fp, const char *name, size_t max_field,
		      mc_csv_row_fn fn, void *ud, char *err, size_t errn);

/* 1 when every cell of the record is empty: a row that a spreadsheet
 * saves as ",,," once it was formatted or cleared. Imports skip it. */
int mc_csv_row_blank(const mc_csv_row *row);

/* A line break typed inside a one-line cell (Alt+Enter in a
 * spreadsheet): each run of CR and LF in s becomes one space, in place.
 * Returns 1 when there was one. */
int mc_csv_join_lines(char *s);

/*
 * Maps a header record onto the wanted columns: idx[i] receives the field
 * index of names[i] or -1. A column that is not wanted, or given twice, is
 * MC_BAD_INPUT, as is a missing one among the first n_required names.
 */
mc_status mc_csv_header(const mc_csv_row *hdr, const char *const *names,
			size_t n_names, size_t n_required, int *idx,
			char *err, size_t errn);

/*
 * mc_csv_header() for a header that people may have typed: a column may
 * also be headed by one of its titles, titles[i] ("Title|Other title",
 * or NULL for none), and a heading matches a name or a title folded: in
 * any letter case, with or without diacritics (đ as d), whatever its
 * blanks and punctuation ("HO, CHU DEM, TEN" is "Họ, chữ đệm, tên";
 * "Full Name" is full_name). An unknown column's message lists the
 * names and ends with `more` (what else may head them, said by the
 * caller); without `more` it is mc_csv_header()'s.
 */
mc_status mc_csv_header_titled(const mc_csv_row *hdr, const char *const *names,
			       const char *const *titles, size_t n_names,
			       size_t n_required, const char *more, int *idx,
			       char *err, size_t errn);

/*
 * An import: a header naming the columns (the first n_required must be
 * there), then one call of fn per data row with vals[i] the value of
 * columns[i] ("" when the file has no such column), a line break in it
 * made a space unless the column keeps them (keep_lines). fn returns MC_OK,
 * MC_BAD_INPUT with "column: reason" in why (the row is reported and the
 * import goes on), or any other status to stop.
 */
typedef mc_status (*mc_import_fn)(const char *const *vals, char *why, size_t n,
				  void *ud);

typedef struct {
	const char *const *columns;
	size_t n_columns, n_required;
	size_t max_field;
	long rows, bad;         /* rows stored, rows refused            */
	long blank;             /* rows of empty cells only, skipped     */
	unsigned long long keep_lines; /* bit i: columns[i] keeps its line
				 * breaks; in the others each run of them is
				 * one space (mc_csv_join_lines)           */
	unsigned long long present; /* bit i: the header names columns[i] */
	long joined;            /* cells whose line breaks became a space */
	char *report;           /* "NAME:LINE: reason" lines; free()     */
	char err[512];          /* what stopped the import, if anything  */
} mc_import;

/*
 * Runs an import over fp. MC_BAD_INPUT when the file is malformed (err
 * says where) or when rows were refused (bad > 0); every refused row is in
 * report. The caller decides what to keep (all-or-nothing: roll back).
 */
mc_status mc_csv_import(FILE *fp, const char *name, mc_import *im,
			mc_import_fn fn, void *ud);

/*
 * The two ways CSV is written. Plain, for pipes and programs (standard
 * output): no byte order mark, lines end in LF. Excel's "CSV UTF-8", for
 * files that people open in a spreadsheet (-o files, reject files): a
 * UTF-8 BOM (EF BB BF) first, so that the spreadsheet reads the file as
 * UTF-8, and lines ending in CRLF. Both read back through mc_csv_read().
 */
typedef enum { MC_CSV_PLAIN, MC_CSV_EXCEL } mc_csv_style;

/* What a file starts with in that style (the BOM of MC_CSV_EXCEL):
 * written once, before the header. 0, or -1 on a write error. */
int mc_csv_write_start(FILE *fp, mc_csv_style style);

/* Writes one record: quoting as needed, cells that a spreadsheet would
 * run as a formula prefixed with '; the line ends as the style says (a
 * line break inside a quoted cell is written as the data has it). */
int mc_csv_write_row(FILE *fp, mc_csv_style style, const char *const *fields, size_t n);

#endif
