/* motcua — the catalogue of administrative procedures. */
#ifndef MC_PROCEDURE_H
#define MC_PROCEDURE_H

#include <stdint.h>
#include <stdio.h>
#include "db.h"

typedef struct {
	char *code;        /* e.g. "2.000635"                         */
	char *name;
	int days;          /* legal processing time; 0 = same day      */
	int64_t fee;       /* VND                                      */
	char *kind;        /* "extract", "birth", "marriage", "death"   */
	                   /* (an extract procedure), or NULL            */
	char *documents;   /* the papers to submit, one per line, or "" */
	char *field_code;  /* its field (lĩnh vực) in the national       */
	char *field_name;  /* catalogue, e.g. "Hộ tịch"; NULL: unknown    */
} mc_procedure;

#define MC_PROCEDURE_INIT { NULL, NULL, 0, 0, NULL, NULL, NULL, NULL }

/* A procedure as people and files type it, every value a text; NULL
 * stands for "" (kind: none). */
typedef struct {
	const char *code, *name, *days, *fee, *kind, *documents;
	const char *field_code, *field_name;
} mc_procedure_text;

/* The bounds of a procedure's numbers. */
#define MC_PROCEDURE_MAX_DAYS 365
#define MC_PROCEDURE_MAX_FEE  1000000000
/* Frees the strings of a procedure filled by this module. */
void mc_procedure_release(mc_procedure *p);

/* Looks a procedure up by code (MC_NOT_FOUND when unknown); the caller
 * releases *out. */
mc_status mc_procedure_get(mc_db *db, const char *code, mc_procedure *out);

/* Calls fn for every procedure, by code; a non-zero return stops. The
 * procedure handed to fn lives for the call only. */
typedef int (*mc_procedure_fn)(const mc_procedure *p, void *ud);
mc_status mc_procedure_each(mc_db *db, mc_procedure_fn fn, void *ud);

/*
 * Builds a procedure from text as people and files give it: code, name,
 * days, fee ("" = 0), kind, the documents separated by sep (';' in CSV
 * files, '\n' for repeated --doc) and its field's code and name. Texts
 * are cleaned (UTF-8, NFC) and checked as mc_procedure_put() says. On
 * MC_BAD_INPUT *field names the column at fault and why receives the
 * reason; out is then left empty.
 */
mc_status mc_procedure_parse(const mc_procedure_text *t, char sep, mc_procedure *out,
			     const char **field, char *why, size_t n);

/*
 * Stores a procedure made by mc_procedure_parse(), atomically: code of
 * 1-30 of 0-9 A-Z a-z . - _, name 1-300 characters, days 0-365, fee >= 0,
 * at most 50 documents of 1-300 characters, a field code of 0-30 such
 * characters and a field name of 0-200 characters. An existing code is MC_EXISTS
 * unless replace is set. *added (may be NULL) is 1 for a new code, 0 for
 * a replaced one, and -1 when the stored procedure was already identical.
 */
mc_status mc_procedure_put(mc_db *db, const mc_procedure *p, int replace,
			   int *added);

/* Seeds the common ward-level procedures (init), atomically. */
mc_status mc_procedure_seed(mc_db *db);

/*
 * For a database made before procedures had the kind 'extract' (schema
 * 6): gives each seeded procedure that has a kind in today's seed (the
 * extract copies, 2.000635) that kind where its kind is NULL, each change
 * audited as command "schema upgrade". Nothing else of the catalogue
 * changes (an office's own times and fees stay). Runs in the upgrade's
 * transaction (core/upgrade.c).
 */
mc_status mc_procedure_seed_kinds(mc_db *db);

/* For a database made before procedures had a field (schema 11): gives
 * each seeded procedure still without one its field of today's seed,
 * audited as mc_procedure_seed_kinds() does. */
mc_status mc_procedure_seed_fields(mc_db *db);

/*
 * Imports code,name,days,fee,documents,kind,field_code,field_name rows
 * (documents ';'-separated; all but the first three optional; a file
 * without kind or field columns leaves those of a known code as they are)
 * from fp, atomically: new codes are added, existing ones updated. Every bad row is reported in *report
 * (malloc'd, one "NAME:LINE: column: reason" per line) and then nothing is
 * stored (MC_BAD_INPUT). Counts go to added/updated/unchanged, and to
 * joined the cells whose line breaks (Alt+Enter) became a space.
 */
mc_status mc_procedure_import(mc_db *db, FILE *fp, const char *name,
			      long *added, long *updated, long *unchanged,
			      long *joined, char **report);

#endif
