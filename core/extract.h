/* motcua — certified extract copies (trích lục, bản sao) of register entries. */
#ifndef MC_EXTRACT_H
#define MC_EXTRACT_H

#include <stdio.h>
#include "db.h"
#include "render.h"
#include "register.h"

/*
 * One extract as issued: everything a rendering of the form needs, and
 * nothing else. This struct is the boundary between issuing (here) and
 * rendering: mc_extract_document() takes it,
 * with the signed QR payload of SPEC 5.2.
 */
typedef struct {
	mc_reg_kind kind;
	char *serial;           /* "12/2026/TLKS-BS"                       */
	int year, seq;          /* the serial's year of issue and number  */
	int copies;
	long long fee;          /* VND: copies x setting extract_fee      */
	mc_time issued_at;
	int offset_min;         /* the office's UTC offset, for its dates */
	char *clerk, *requester;
	char *dossier;          /* the dossier's code, or NULL            */
	char *unit_name;        /* the issuing office (setting unit_name) */
	mc_entry entry;         /* the register entry extracted            */
} mc_extract;

void mc_extract_free(mc_extract *x);

typedef struct {
	mc_reg_kind kind;
	int64_t entry_id;
	int copies;             /* 1 to 99                                  */
	const char *requester;  /* NULL: the dossier's applicant            */
	const char *dossier;    /* code or scanned URL of the dossier; NULL */
} mc_extract_request;

/*
 * Issues an extract, as one transaction (a savepoint inside the caller's):
 * the next serial of the kind in the year of issue (counted from 1,
 * gapless, like dossier codes: allocated under the write lock), the fee
 * from setting extract_fee, the entry in the log with the clerk and the
 * time. With a dossier, the issue is linked to it and the dossier moves to
 * `done` through mc_dossier_update() (its rules apply: MC_BAD_INPUT when
 * the dossier cannot move there, or when its procedure is an extract of
 * another kind). MC_BAD_INPUT for copies out of range or without any
 * requester; MC_NOT_FOUND for an unknown entry or dossier. *out
 * (mc_extract_free) is the extract issued.
 */
mc_status mc_extract_issue(mc_db *db, const mc_extract_request *rq, mc_extract **out);

/*
 * The extract as a document (core/document.h), in every format: for PDF
 * and PNG the lines of the form under the office's header, the signer's
 * block and the signed QR code; in text its official 80-column form (the
 * document's text_fn), with the signed QR code in half blocks and its
 * caption, signed before anything is written. x must outlive *out. Call
 * inside the issuing transaction: the key is made on first need.
 * *out: mc_doc_free().
 */
mc_status mc_extract_document(mc_db *db, const mc_extract *x, mc_doc **out);

/* ---- the log ---- */

/* One day of the log: extracts issued, by kind and in all, copies and
 * fees. */
typedef struct {
	int64_t day;            /* the office's day number */
	long count[MC_REG_KINDS];
	long issues, copies;
	long long fees;
} mc_extract_day;

/*
 * The days from from_day to to_day (inclusive; INT64_MIN / INT64_MAX for
 * no bound) on which extracts were issued, oldest first. fn's non-zero
 * return stops.
 */
mc_status mc_extract_report(mc_db *db, int64_t from_day, int64_t to_day,
			    int (*fn)(const mc_extract_day *d, void *ud), void *ud);

#endif
