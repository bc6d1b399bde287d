/* motcua — the civil status registers (sổ hộ tịch): birth, marriage, death. */
#ifndef MC_REGISTER_H
#define MC_REGISTER_H

#include <stdint.h>
#include <stdio.h>
#include "db.h"
#include "csvio.h"

typedef enum {
	MC_REG_BIRTH = 0,
	MC_REG_MARRIAGE,
	MC_REG_DEATH,
	MC_REG_KINDS
} mc_reg_kind;

/* "birth", "marriage", "death": the name that commands, files and JSON
 * use, never translated. */
const char *mc_reg_kind_name(mc_reg_kind k);
/* The kind as a word for people, in the user's language ("khai sinh"),
 * for messages and text output. */
const char *mc_reg_kind_label(mc_reg_kind k);
/* MC_BAD_INPUT for anything else. */
mc_status mc_reg_kind_parse(const char *name, mc_reg_kind *k);

/* The most columns a kind has (birth). */
#define MC_REG_MAX_COLUMNS 25

/*
 * The CSV columns of a kind, in the order of SPEC 6.1: the header that
 * export writes and that import expects (in any order). The first
 * *n_required are required (n_required may be NULL).
 */
const char *const *mc_reg_columns(mc_reg_kind k, size_t *n, size_t *n_required);
/* Column i's label for people, in the user's language ("Date of birth"). */
const char *mc_reg_column_label(mc_reg_kind k, size_t i);
/* The index of a column of the kind, or -1. */
int mc_reg_column_index(mc_reg_kind k, const char *name);
/* Does column i hold a number (the entry's number, a year)? JSON writes
 * those as numbers. */
int mc_reg_column_is_number(mc_reg_kind k, size_t i);

/*
 * The columns of every kind, each once, by i from 0: the name of column i
 * ("date_of_birth"), NULL past the last. *help receives, untranslated
 * (N_), what a value of it is, for a command's option that takes it.
 */
const char *mc_reg_field(size_t i, const char **help);

/*
 * One register entry as stored: every value in its stored text form, in
 * the order of mc_reg_columns() (dates YYYY-MM-DD, numbers and years in
 * digits, sex "Nam" or "Nữ"); NULL for an empty value.
 */
typedef struct {
	mc_reg_kind kind;
	int64_t id;
	char *v[MC_REG_MAX_COLUMNS];
} mc_entry;

#define MC_ENTRY_INIT { MC_REG_BIRTH, 0, { NULL } }

/* Frees the values (the struct itself is the caller's). */
void mc_entry_release(mc_entry *e);
/* A value by column name: NULL when empty or not a column of the kind. */
const char *mc_entry_get(const mc_entry *e, const char *column);
/* The person's name for lists: full_name, or "husband & wife". malloc'd. */
char *mc_entry_title(const mc_entry *e);

/*
 * Validates one entry given as text, vals[i] for column i of the kind
 * (NULL or "" when empty), by the rules of the register: required values,
 * real dates (YYYY-MM-DD or DD/MM/YYYY, stored as YYYY-MM-DD) not in the
 * future, 4-digit years, citizen ID numbers, sex, lengths, names without
 * digits, a date of birth not after the registration, a death not before
 * the birth... On success *out holds the stored form (mc_entry_release);
 * MC_BAD_INPUT with "column: reason" in mc_errmsg() otherwise.
 */
mc_status mc_reg_check(mc_db *db, mc_reg_kind k, const char *const *vals, mc_entry *out);

/*
 * Adds one entry, after mc_reg_check(), as one atomic operation (a
 * savepoint inside the caller's transaction, if any: mc_db_atomic).
 * The same entry already in the register is left alone (*added = 0); an
 * entry with the same book and number but other values is MC_BAD_INPUT
 * ("number: ..."). out->id receives the entry's id.
 */
mc_status mc_reg_add(mc_db *db, mc_entry *e, int *added);

/* An entry by book and number: MC_NOT_FOUND when none. */
mc_status mc_reg_get(mc_db *db, mc_reg_kind k, const char *book, const char *number,
		     mc_entry *out);
/* An entry by id. */
mc_status mc_reg_get_id(mc_db *db, mc_reg_kind k, int64_t id, mc_entry *out);

/* Called once per entry; the entry lives for the call. Non-zero stops. */
typedef int (*mc_entry_fn)(const mc_entry *e, void *ud);

/*
 * The entries of a kind that carry this citizen ID number (the person's,
 * or either spouse's), oldest first. MC_BAD_INPUT for a malformed number.
 */
mc_status mc_reg_find_id_number(mc_db *db, mc_reg_kind k, const char *id_number,
				mc_entry_fn fn, void *ud);

/*
 * Exports the entries of a kind registered between from_day and to_day
 * (day numbers, inclusive; INT64_MIN/INT64_MAX for no bound) as CSV in the
 * import format: the header of mc_reg_columns(), then one row per entry in
 * the order they were entered, written in style; *rows: how many entries
 * were written.
 * MC_IO on a write error.
 */
mc_status mc_reg_export(mc_db *db, mc_reg_kind k, int64_t from_day, int64_t to_day,
			FILE *fp, mc_csv_style style, int64_t *rows);

/* ---- amendments ---- */

/*
 * An entry typed wrong is amended in place (data entry, not the legal
 * "cải chính" procedure): each amendment is kept, with its reason, in
 * register_amendments, and audited. Its book and number name the entry
 * and are never amended.
 */

/* One value an amendment changed: the column, the value before and after
 * in their stored form (NULL: empty). */
typedef struct {
	const char *field;
	const char *old_value, *new_value;
} mc_reg_change;

typedef struct {
	int64_t id;             /* the amendment's; 0: nothing changed     */
	mc_time at;
	const char *clerk, *reason;
	size_t n;               /* the values changed, in column order     */
	mc_reg_change change[MC_REG_MAX_COLUMNS];
} mc_reg_amendment;

/* Called per amendment with the entry as it is after it; the strings
 * live for the call. Non-zero stops a listing. */
typedef int (*mc_reg_amend_fn)(const mc_entry *e, const mc_reg_amendment *a, void *ud);

/*
 * Amends entry BOOK NUMBER of kind k, as one atomic operation: vals[i]
 * is the new text of column i (NULL: unchanged, "": emptied; book and
 * number must be NULL: MC_USAGE). Each value is checked as mc_reg_check()
 * does, and the entry as a whole once changed; reason is required. The
 * entry is updated, its names in the search index, and one row of
 * register_amendments written with the values changed, all audited.
 * Values that are those of the entry already change nothing: no
 * amendment is written and fn sees a->n == 0. fn (may be NULL) is called
 * once, after the change, with the entry as it is then. MC_NOT_FOUND for
 * no such entry; MC_BAD_INPUT for a bad value ("column: reason"), a
 * missing reason, or an entry that differs from its audit record (altered
 * behind the program's back: `db check` names it; nothing is amended).
 */
mc_status mc_reg_amend(mc_db *db, mc_reg_kind k, const char *book, const char *number,
		       const char *const *vals, const char *reason, mc_reg_amend_fn fn,
		       void *ud);

/* The amendments of an entry, oldest first; the strings live for the
 * call of fn (its first argument is the entry given). */
mc_status mc_reg_amendments(mc_db *db, const mc_entry *e, mc_reg_amend_fn fn, void *ud);

/* ---- bulk import ---- */

typedef struct {
	long rows;              /* data rows read so far                  */
	long long bytes, size;  /* bytes read, file size (0 if unknown)  */
} mc_reg_progress;

typedef struct {
	int dry_run;            /* check and count, keep nothing (the caller rolls back) */
	FILE *report;           /* each bad row as "FILE:LINE: column: reason" */
	FILE *reject;           /* NULL: all or nothing. Else bad rows go here
				 * with an `error` column and good ones are kept */
	void (*progress)(const mc_reg_progress *p, void *ud);
	void *progress_ud;
	long imported, skipped, rejected;   /* the outcome */
	/* A mended file (--amend): the reason of its amendments; NULL for
	 * an import. Each row must name an entry of the register: one that
	 * differs from its row is amended to it (amended, listed through
	 * amend_fn), one that is the same is skipped, a row of no entry is a
	 * bad row. Nothing is imported. */
	const char *amend_reason;
	mc_reg_amend_fn amend_fn;
	void *amend_ud;
	long amended;
	long joined;            /* one-line cells whose line breaks became a space */
	mc_csv_style reject_style;  /* how the reject file is written */
} mc_reg_import;

#define MC_REG_IMPORT_INIT { 0, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, 0, 0, \
			     MC_CSV_PLAIN }

/*
 * Imports a CSV file of entries of one kind as one atomic operation
 * (mc_db_atomic: all of it or nothing; nested in the caller's
 * transaction when there is one, as a dry run's), streaming (memory
 * does not grow with the file): header names in any order (an `error` column, as a reject file has, is
 * ignored), every row checked as by mc_reg_check(), one prepared INSERT
 * reused, the search index filled as it goes. Entries already in the
 * register with the same values are skipped; the same book and number
 * with other values is a bad row, as is a second row of the file for an
 * entry that an earlier row gave otherwise.
 *
 * MC_BAD_INPUT when the file is not UTF-8, is malformed CSV or has a bad
 * header (mc_errmsg() says where; nothing should be kept), and, without a
 * reject file, when any row was bad ("N bad rows; nothing imported": the
 * caller rolls back). With a reject file, bad rows are written there and
 * the rest is MC_OK. MC_IO when writing the reject file fails.
 */
mc_status mc_reg_import_csv(mc_db *db, mc_reg_kind k, FILE *fp, const char *name,
			    mc_reg_import *im);
/* With im->amend_reason set, a mended file: its rows amend the entries
 * they name, as mc_reg_amend() would (all of them or none: a bad row, a
 * row of no entry or a second row of one entry, is reported and nothing
 * is kept without a reject file), in one transaction. */

/* ---- search ---- */

typedef struct {
	unsigned kinds;         /* bit (1 << kind); 0: every kind           */
	int year;               /* year of registration; 0: any             */
	int limit;              /* at most this many hits; 0: 20           */
} mc_reg_query;

#define MC_REG_QUERY_INIT { 0, 0, 0 }

typedef int (*mc_reg_hit_fn)(const mc_entry *e, double rank, void *ud);

/*
 * Finds entries by the names they hold (the person's, the parents', the
 * spouses'), the way clerks type them: each word of the query, folded as
 * mc_text_fold() does, is the beginning of a word of one and the same
 * name, in any order ("duc nguyen" finds Nguyễn Văn Đức). Hits come best
 * first: the people the entries are about (the person, the spouses) before
 * the parents, each group by the length of the name that matched (an
 * exact name before a longer one), then newest first (births, marriages,
 * deaths for the same entry id), each entry once. rank is the place of
 * the hit's group and length (lower is better). MC_BAD_INPUT when the
 * query has no word.
 */
mc_status mc_reg_search(mc_db *db, const char *query, const mc_reg_query *q,
			mc_reg_hit_fn fn, void *ud);

#endif
