/* motcua — certified extract copies (trích lục, bản sao) of register entries. */
#ifndef MC_EXTRACT_H
#define MC_EXTRACT_H

#include <stdio.h>
#include "db.h"
#include "render.h"
#include "register.h"

/*
 * One extract as issued (or previewed): everything a rendering of the
 * form needs, and the issue's state in the log. This struct is the
 * boundary between issuing (here) and rendering: mc_extract_document()
 * takes it, with the signed QR payload of SPEC 5.2.
 */
typedef struct {
	mc_reg_kind kind;
	int preview;            /* 1: a preview: no serial, fee, log, payload */
	int64_t id;             /* its row in the log; 0 in a preview      */
	char *serial;           /* "12/2026/TLKS-BS"; NULL in a preview    */
	int year, seq;          /* the serial's year of issue and number  */
	int copies;
	long long fee;          /* VND: copies x setting extract_fee      */
	mc_time issued_at;
	int offset_min;         /* the office's UTC offset, for its dates */
	char *clerk, *requester;
	char *dossier;          /* the dossier's code, or NULL            */
	char *unit_name;        /* the issuing office (setting unit_name) */
	char *payload;          /* the signed QR payload as issued        */
	int payload_rebuilt;    /* an old issue's payload, signed again   */
	long reprints;          /* reprints logged                         */
	mc_time voided_at;      /* MC_TIME_NONE: not void                  */
	char *voided_by, *void_reason;
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
 * from setting extract_fee, the signed QR payload (the office's key is
 * made on first need; a key file missing or unreadable is MC_NO_INPUT and
 * nothing is issued), the entry in the log with the clerk, the time and
 * the payload. With a dossier, which must be open (still being worked on)
 * and of an extract procedure of this register (procedure kind `extract`
 * or this register's kind), the issue is linked to it and the dossier
 * moves to `done` through mc_dossier_update() (its rules apply):
 * MC_BAD_INPUT otherwise. MC_BAD_INPUT for copies out of range or without
 * any requester; MC_NOT_FOUND for an unknown entry or dossier. *out
 * (mc_extract_free) is the extract issued.
 *
 * The issue stands only with its document: the caller writes the
 * document inside the same transaction (mc_db_atomic) and fails it when
 * the document cannot be written.
 */
mc_status mc_extract_issue(mc_db *db, const mc_extract_request *rq, mc_extract **out);

/*
 * What mc_extract_issue() would issue, checked the same way (entry,
 * copies, requester, dossier), with nothing written: no serial, no fee,
 * no payload (x->preview is 1). For a document marked as a preview.
 */
mc_status mc_extract_preview(mc_db *db, const mc_extract_request *rq, mc_extract **out);

/*
 * The issue of serial (any letter case) as logged, its entry, its state
 * (reprints, void) and its payload: as stored, or for an issue logged
 * before payloads were kept, signed again from the log's row, the entry
 * as it is now and the office's unit_id and key (payload_rebuilt is 1;
 * Ed25519 signs deterministically, so it is the payload issued unless
 * the entry, the unit_id or the key changed since). MC_NOT_FOUND for an
 * unknown serial.
 */
mc_status mc_extract_get(mc_db *db, const char *serial, mc_extract **out);

/*
 * Logs a reprint of serial (who, when) in extract_events, audited, and
 * gives the extract to print again: the same serial, fee and payload
 * (nothing new is charged). MC_BAD_INPUT when the issue was voided,
 * naming when, by whom and why. Like an issue, it stands only with its
 * document (same transaction).
 */
mc_status mc_extract_reprint(mc_db *db, const char *serial, mc_extract **out);

/*
 * Voids the issue of serial: an extract_events row (who, when, why),
 * audited; the issue stays in the log. MC_BAD_INPUT for an empty reason
 * or an issue voided already; MC_NOT_FOUND for an unknown serial.
 */
mc_status mc_extract_void(mc_db *db, const char *serial, const char *reason);

/* Which issues mc_extract_each() lists. */
typedef struct {
	int64_t from_day, to_day;   /* inclusive; INT64_MIN / INT64_MAX: open */
	unsigned kinds;             /* bit per mc_reg_kind; 0: all           */
} mc_extract_filter;

/*
 * The issues of the log in the filter, oldest first, each with its entry
 * and state (not its payload). fn's non-zero return stops.
 */
mc_status mc_extract_each(mc_db *db, const mc_extract_filter *f,
			  int (*fn)(const mc_extract *x, void *ud), void *ud);

/*
 * The extract as a document (core/document.h), in every format: for PDF
 * and PNG the lines of the form under the office's header, the signer's
 * block and the signed QR code (x->payload); in text its official
 * 80-column form (the document's text_fn), with the signed QR code in
 * half blocks and its caption. A preview has no serial and no QR code
 * and is marked MC_DOC_PREVIEW_MARK. x must outlive *out.
 * *out: mc_doc_free().
 */
mc_status mc_extract_document(mc_db *db, const mc_extract *x, mc_doc **out);

/* ---- the log ---- */

/* One day of the log: extracts issued, by kind and in all, copies and
 * fees; the issues of that day voided since, apart. */
typedef struct {
	int64_t day;            /* the office's day number */
	long count[MC_REG_KINDS];   /* issues that stand (not voided)      */
	long issues, copies;
	long long fees;             /* collected: of the issues that stand */
	long voided;                /* issues of the day voided since      */
	long long voided_fees;      /* their fees, not counted in fees     */
} mc_extract_day;

/*
 * The days from from_day to to_day (inclusive; INT64_MIN / INT64_MAX for
 * no bound) on which extracts were issued, oldest first. fn's non-zero
 * return stops.
 */
mc_status mc_extract_report(mc_db *db, int64_t from_day, int64_t to_day,
			    int (*fn)(const mc_extract_day *d, void *ud), void *ud);

#endif
