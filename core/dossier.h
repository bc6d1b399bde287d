/* motcua — dossiers: receiving, looking up, the lifecycle and its history. */
#ifndef MC_DOSSIER_H
#define MC_DOSSIER_H

#include <stddef.h>
#include <stdint.h>
#include "db.h"

/* The lifecycle of SPEC 4.4, in the order of its table. */
typedef enum {
	MC_ST_RECEIVED = 0,
	MC_ST_PROCESSING,
	MC_ST_SUPPLEMENT,
	MC_ST_PAYMENT,
	MC_ST_DONE,
	MC_ST_RETURNED,
	MC_ST_REJECTED,
	MC_ST_WITHDRAWN,
	MC_ST_STOPPED,
	MC_ST_COUNT
} mc_dossier_status;

typedef struct {
	const char *name;       /* "processing"                         */
	const char *label;      /* "Đang xử lý" (Vietnamese, always)     */
	int national;           /* the national portal's status code     */
	unsigned next;          /* bit s set: may move to status s       */
	int needs_reason;       /* moving here requires --reason         */
	int open;               /* still being worked on                 */
} mc_status_info;

const mc_status_info *mc_dossier_status_info(mc_dossier_status s);
/* MC_BAD_INPUT for a name that is not a status. */
mc_status mc_dossier_status_parse(const char *name, mc_dossier_status *out);

#define MC_TIME_NONE INT64_MIN

typedef struct {
	mc_time at;
	mc_dossier_status status;
	char *clerk;
	char *note;             /* NULL when none */
	char *reason;
	mc_time old_due, new_due;   /* MC_TIME_NONE unless the due moved */
} mc_history;

typedef struct {
	char *code, *pin;
	char *procedure, *procedure_name;
	char *applicant, *id_number, *phone, *email, *address;  /* NULL: none */
	char *channel, *delivery;
	char *documents;        /* one per line, "" when none */
	char *note, *clerk;
	mc_dossier_status status;
	int days, sets;
	mc_time received_at, due_at;
	mc_time finished_at, returned_at, paused_at;    /* MC_TIME_NONE */
	mc_history *history;    /* oldest first; only from mc_dossier_get() */
	size_t n_history;
} mc_dossier;

/* Frees a dossier returned by this module (NULL is fine). */
void mc_dossier_free(mc_dossier *d);

/*
 * Where a dossier stands for the office's figures (SPEC 8), at `now`:
 * exactly one outcome per dossier. Finished (done, or returned) by its due
 * time -- the due time as rescheduled and as pushed by supplement waits --
 * is on time, after it late; an open dossier is overdue once `now` is past
 * its due time, except while it waits in supplement, where the clock
 * stopped when the wait began (paused_at); the other open ones are in
 * progress. This is the one rule: mc_dossier_on_time(), _overdue(), the
 * summary and the tracking book all come from it.
 */
typedef enum {
	MC_OUT_IN_PROGRESS = 0,
	MC_OUT_ON_TIME,
	MC_OUT_LATE,
	MC_OUT_OVERDUE,
	MC_OUT_REJECTED,
	MC_OUT_WITHDRAWN,
	MC_OUT_STOPPED,
	MC_OUT_COUNT
} mc_outcome;

/* "in_progress", "on_time", "late", ... (the summary's keys) */
const char *mc_outcome_name(mc_outcome o);

/* The rule itself, on the stored values (MC_TIME_NONE for NULL). */
mc_outcome mc_outcome_of(mc_dossier_status s, mc_time due_at, mc_time finished_at,
			 mc_time paused_at, mc_time now);

/*
 * The same rule in SQL, for aggregate queries that must not hand every row
 * to C: a condition on the columns status, due_at, finished_at and
 * paused_at of the dossiers table, with the parameter ?1 bound to `now`,
 * true exactly when mc_outcome_of() gives o (tests/unit/test_report.c
 * checks that they agree). The string is static.
 */
const char *mc_outcome_sql(mc_outcome o);

mc_outcome mc_dossier_outcome(const mc_dossier *d, mc_time now);

/* on_time: 1/0 once finished, -1 while unknown. overdue: open and past due
 * at `now` (the time waiting in supplement does not count). */
int mc_dossier_on_time(const mc_dossier *d);
int mc_dossier_overdue(const mc_dossier *d, mc_time now);

/* What the counter receives. NULL strings are absent values. */
typedef struct {
	const char *procedure, *applicant;
	const char *id_number, *phone, *email, *address;
	const char *channel, *delivery;     /* NULL: counter */
	const char *const *docs;            /* NULL: the procedure's papers */
	size_t n_docs;
	int sets;                           /* 0: 1 */
	const char *note;
	mc_time received_at;                /* MC_TIME_NONE: now */
} mc_dossier_input;

#define MC_DOSSIER_INPUT_INIT { NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
				NULL, NULL, 0, 0, NULL, MC_TIME_NONE }

/*
 * Validates one value of the counter's input as mc_dossier_create() would
 * (field: "applicant", "phone", "id_number", ...), so that a prompt can ask
 * again at once. *norm (malloc'd, may be NULL) receives the stored form.
 */
mc_status mc_dossier_check_field(mc_db *db, const char *field, const char *value,
				 char **norm);

/*
 * Receives a dossier inside the caller's transaction (mc_db_begin()):
 * validates every field (MC_BAD_INPUT, "field: reason" in mc_errmsg),
 * allocates the next code of the receipt day, computes the due time and
 * records status received with its first history entry. *out (free with
 * mc_dossier_free) is the stored dossier.
 */
mc_status mc_dossier_create(mc_db *db, const mc_dossier_input *in, mc_dossier **out);

/*
 * Finds a dossier by its code (any letter case, surrounding blanks) or by
 * the lookup URL scanned from its QR code. MC_NOT_FOUND when none.
 */
mc_status mc_dossier_get(mc_db *db, const char *code_or_url, mc_dossier **out);

/*
 * Has s the shape of a dossier code, {unit_id}-{yyMMdd}-{NNNN} (1..35 of
 * 0-9 A-Z '.', six digits, four or five digits), in any letter case with
 * blanks at either end? Says nothing of whether the dossier exists.
 */
int mc_dossier_code_like(const char *s);

/*
 * Reads a scanned lookup URL made from the template tmpl (setting
 * lookup_url): code and pin receive the text that stands where tmpl has
 * {code} and {pin}, each running to the template's next literal
 * character ("" for a pin the template lacks; the caller checks it against
 * the dossier's). MC_NOT_FOUND when url does not follow tmpl, or a value is
 * empty or does not fit its buffer (cn, pn bytes with the NUL); MC_USAGE
 * for an empty buffer.
 */
mc_status mc_lookup_url_parse(const char *tmpl, const char *url, char *code, size_t cn,
			      char *pin, size_t pn);

/* The lookup URL (lookup_url filled in) or, when unset, the bare code.
 * Caller frees. */
mc_status mc_dossier_lookup_payload(mc_db *db, const mc_dossier *d, char **out);

typedef struct {
	unsigned statuses;      /* bit per status; 0 = all          */
	int overdue;            /* only open dossiers past due       */
	const char *procedure;
	int64_t from_day, to_day;   /* receipt date range, inclusive; */
	int has_from, has_to;       /* day numbers at the office      */
} mc_dossier_filter;

#define MC_DOSSIER_FILTER_INIT { 0, 0, NULL, 0, 0, 0, 0 }

/* Calls fn for each matching dossier, newest first (without history).
 * The dossier lives for the call; a non-zero return stops. */
typedef int (*mc_dossier_fn)(const mc_dossier *d, void *ud);
mc_status mc_dossier_each(mc_db *db, const mc_dossier_filter *f,
			  mc_dossier_fn fn, void *ud);

typedef struct {
	const char *status;     /* NULL: unchanged                     */
	const char *note, *reason;
	mc_time due;            /* MC_TIME_NONE: not rescheduled       */
} mc_dossier_change;

#define MC_DOSSIER_CHANGE_INIT { NULL, NULL, NULL, MC_TIME_NONE }

/*
 * Applies a change inside the caller's transaction, by SPEC 4.4: the move
 * must be allowed from the current status (else MC_BAD_INPUT naming the
 * allowed ones), supplement/rejected/stopped and a new due need a reason,
 * leaving supplement pushes the due time by the working time waited.
 * Appends to the history. *out (may be NULL) receives the updated dossier.
 */
mc_status mc_dossier_update(mc_db *db, const char *code_or_url,
			    const mc_dossier_change *chg, mc_dossier **out);

#endif
