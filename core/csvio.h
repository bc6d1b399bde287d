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

/*
 * Maps a header record onto the wanted columns: idx[i] receives the field
 * index of names[i] or -1. A column that is not wanted, or given twice, is
 * MC_BAD_INPUT, as is a missing one among the first n_required names.
 */
mc_status mc_csv_header(const mc_csv_row *hdr, const char *const *names,
			size_t n_names, size_t n_required, int *idx,
			char *err, size_t errn);

/*
 * An import: a header naming the columns (the first n_required must be
 * there), then one call of fn per data row with vals[i] the value of
 * columns[i] ("" when the file has no such column). fn returns MC_OK,
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
	unsigned long long present; /* bit i: the header names columns[i] */
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

/* Writes one record: quoting as needed, cells that a spreadsheet would
 * run as a formula prefixed with '. CRLF is not used: lines end in LF. */
int mc_csv_write_row(FILE *fp, const char *const *fields, size_t n);

#endif
