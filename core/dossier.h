/* motcua — dossiers: receiving, looking up, moving them through their
 * lifecycle (core/lifecycle.h) and their history. */
#ifndef MC_DOSSIER_H
#define MC_DOSSIER_H

#include <stddef.h>
#include <stdint.h>
#include "db.h"
#include "lifecycle.h"

/* One field of an amendment: its column name, the value before and after
 * (NULL: empty). */
typedef struct {
	char *field, *old_value, *new_value;
} mc_amended;

typedef struct {
	mc_time at;
	mc_dossier_status status;
	char *clerk;
	char *note;             /* NULL when none */
	char *reason;
	mc_time old_due, new_due;   /* MC_TIME_NONE unless the due moved */
	char *event;            /* NULL: a status change or a reschedule;
				 * "amend", "note" or "cancel" (the status
				 * is then the one the dossier had, or
				 * cancelled) */
	char *changes;          /* amend: {"field":["old","new"],...} (JSON,
				 * the dossiers' column names, null for a
				 * value that was or became empty); NULL */
	mc_amended *amended;    /* the changes read, in their order */
	size_t n_amended;
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
	/* The due time promised on the slip, moved only by supplement waits;
	 * MC_TIME_NONE while never rescheduled (then it is due_at). */
	mc_time promised_at;
	char *zalo_user_id;     /* received from a Zalo message (core/inbox.h):
				 * its sender; NULL otherwise */
	mc_history *history;    /* oldest first; only from mc_dossier_get() */
	size_t n_history;
} mc_dossier;

/* The due time promised on the slip: promised_at, or due_at when never
 * rescheduled. */
mc_time mc_dossier_promised(const mc_dossier *d);

/* Frees a dossier returned by this module (NULL is fine). */
void mc_dossier_free(mc_dossier *d);

/* on_time: 1/0 once finished, -1 while unknown. overdue: open and past the
 * promised due time at `now` (the time waiting in supplement does not
 * count). Both by mc_outcome_of(): a rescheduled dossier is never on time. */
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
	/* The sender of the Zalo message it comes from: set only by
	 * mc_inbox_receive (core/inbox.h), which checked it; NULL: none. */
	const char *zalo_user_id;
} mc_dossier_input;

#define MC_DOSSIER_INPUT_INIT { NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
				NULL, NULL, 0, 0, NULL, MC_TIME_NONE, NULL }

/*
 * Validates one value of the counter's input as mc_dossier_create() would
 * (field: "applicant", "phone", "id_number", ...), so that a prompt can ask
 * again at once. *norm (malloc'd, may be NULL) receives the stored form.
 */
mc_status mc_dossier_check_field(mc_db *db, const char *field, const char *value,
				 char **norm);

/*
 * Receives a dossier, atomically (mc_db_atomic): validates every field
 * (MC_BAD_INPUT, "field: reason" in mc_errmsg), allocates the next code
 * of the receipt day, computes the due time and records status received
 * with its first history entry. *out (free with mc_dossier_free) is the
 * stored dossier.
 */
mc_status mc_dossier_create(mc_db *db, const mc_dossier_input *in, mc_dossier **out);

/*
 * Finds a dossier by its code (any letter case, surrounding blanks) or by
 * the lookup URL scanned from its QR code. MC_NOT_FOUND when none. A URL
 * that carries a PIN is looked up as mc_dossier_lookup() does: a wrong
 * PIN and an unknown code are one refusal.
 */
mc_status mc_dossier_get(mc_db *db, const char *code_or_url, mc_dossier **out);

/*
 * The citizen's lookup, for a public page that must not let anyone walk
 * the codes: the dossier whose code is code (any letter case, blanks at
 * either end; no short forms) and whose PIN is pin, with its history,
 * into *out (free with mc_dossier_free()).
 *   - The PIN is read in any letter case, with I and L as 1 and O as 0,
 *     and compared in constant time over a fixed length.
 *   - No dossier with that code, a wrong PIN, and an empty or NULL pin
 *     all give MC_NOT_FOUND with one message, "no dossier CODE with this
 *     PIN" (mc_errmsg()), after the same work: when the code is unknown
 *     the PIN is still compared, against a stand-in. The
 *     caller must not tell them apart either (same page, same status).
 * *out is NULL on any failure. MC_USAGE for a NULL db, code or out; MC_DB
 * and MC_NOMEM as usual.
 */
mc_status mc_dossier_lookup(mc_db *db, const char *code, const char *pin, mc_dossier **out);

/*
 * The PIN check of mc_dossier_lookup() for a dossier read elsewhere (the
 * province's copy): given as typed (any case, I and L as 1, O as 0)
 * against stored, in constant time; stored NULL (no such dossier) is
 * compared against a stand-in at the same cost and never matches.
 */
int mc_dossier_pin_matches(const char *given, const char *stored);

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
	unsigned statuses;      /* bit per status; 0 = all but cancelled */
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

/*
 * Finds dossiers without their code, newest first (by time of receipt),
 * at most limit (0: 20), calling fn as mc_dossier_each() does. A text
 * made only of digits, blanks and ".-+()" is a phone number, written in
 * any of the forms that mc_phone_normalize() reads, or an ID number
 * (mc_id_number_normalize()), whichever it can be; MC_BAD_INPUT when it
 * is neither. Any other text is a name: each of its words (folded,
 * core/fold.h) must begin a word of the applicant's name, in any order;
 * MC_BAD_INPUT when it has no word or more than 10. Nothing found is
 * MC_OK without a call.
 */
mc_status mc_dossier_find(mc_db *db, const char *text, int limit, mc_dossier_fn fn, void *ud);

typedef struct {
	const char *status;     /* NULL: unchanged                     */
	const char *note, *reason;
	mc_time due;            /* MC_TIME_NONE: not rescheduled       */
} mc_dossier_change;

#define MC_DOSSIER_CHANGE_INIT { NULL, NULL, NULL, MC_TIME_NONE }

/*
 * Applies a change atomically (mc_db_atomic), by SPEC 4.4: the move
 * must be allowed from the current status (else MC_BAD_INPUT naming the
 * allowed ones), supplement/rejected/stopped and a new due need a reason,
 * leaving supplement pushes the due time by the working time waited.
 * Appends to the history. *out (may be NULL) receives the updated dossier.
 */
mc_status mc_dossier_update(mc_db *db, const char *code_or_url,
			    const mc_dossier_change *chg, mc_dossier **out);

/* ---- corrections (core/dossier-fix.c) ---- */

/* An amendment: NULL leaves a field as it is; "" empties an optional one. */
typedef struct {
	const char *applicant, *phone, *id_number, *address, *email;
	const char *reason;     /* required */
} mc_dossier_amend;

#define MC_DOSSIER_AMEND_INIT { NULL, NULL, NULL, NULL, NULL, NULL }

/*
 * Corrects the applicant's details typed wrong, atomically: each value is
 * checked as mc_dossier_create() checks it (MC_BAD_INPUT naming the
 * field), at least one must differ from the stored one (a value equal to
 * it is no change; none at all is MC_BAD_INPUT), and a reason is needed.
 * The dossier's row changes (updated_at too, so that the portal's sync
 * sends it again), its history gets an "amend" line with the changes and
 * the reason, and its unsent messages follow (mc_notify_amended). Any
 * status, even a final one: a name typed wrong stays wrong otherwise.
 * *out (may be NULL) receives the amended dossier.
 */
mc_status mc_dossier_amend_fields(mc_db *db, const char *code_or_url,
				  const mc_dossier_amend *am, mc_dossier **out);

/* A note in the history, with no change of status (any status). */
mc_status mc_dossier_note(mc_db *db, const char *code_or_url, const char *text,
			  mc_dossier **out);

/*
 * Cancels a dossier entered by mistake, atomically: only while it is
 * received, on the office day of its receipt, and before any portal
 * export covered it (else MC_REFUSED, saying which); a reason is needed.
 * It becomes cancelled (its row and code are kept: the numbering stays
 * gapless and the code is never given again), gets a "cancel" line in its
 * history, leaves the figures, the book, the list and the portal's sync,
 * and its unsent messages are dropped.
 */
mc_status mc_dossier_cancel(mc_db *db, const char *code_or_url, const char *reason,
			    mc_dossier **out);

#endif
