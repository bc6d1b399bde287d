/* motcua — what a citizen sees of a dossier: the lookup page that the
 * slip's QR code opens, and the same content as JSON (motcua-serve(1)). */
#ifndef MC_CITIZEN_H
#define MC_CITIZEN_H

#include <stdint.h>
#include "db.h"
#include "dossier.h"
#include "strbuf.h"

/* What the citizen must do next, or may expect (the JSON's next.step). */
typedef enum {
	MC_NEXT_WAIT = 0,       /* received or being processed: wait for the due time */
	MC_NEXT_OVERDUE,        /* past the promised time: the office owes an answer  */
	MC_NEXT_SUPPLEMENT,     /* bring what the reason lists                        */
	MC_NEXT_PAY,            /* pay the fee                                        */
	MC_NEXT_COLLECT,        /* come and collect the result                        */
	MC_NEXT_POST,           /* the result comes by post                           */
	MC_NEXT_NONE,           /* returned, rejected, withdrawn, stopped, cancelled   */
	MC_NEXT_COUNT
} mc_next_step;

/* "wait", "overdue", "supplement", "pay", "collect", "post", "none" */
const char *mc_next_step_name(mc_next_step s);

/* The office as the page names it (settings), every string "" when unset. */
typedef struct {
	char *unit_name, *address, *phone, *hours, *workweek;
	int offset;             /* utc_offset, minutes */
} mc_office_card;

/* One line of the history a citizen sees: no clerk, no internal note. */
typedef struct {
	mc_time at;
	mc_dossier_status status;
	const char *reason;     /* NULL when none (points into the dossier) */
	mc_time new_due;        /* MC_TIME_NONE unless the due time moved */
} mc_citizen_step;

typedef struct {
	mc_dossier *d;
	char *masked;           /* "Nguyễn V** A*" */
	int64_t fee;            /* the procedure's fee, VND */
	mc_next_step next;
	const char *reason;     /* of the current status, NULL when none */
	mc_citizen_step *steps;
	size_t n_steps;
	mc_office_card office;
	mc_time now;
} mc_citizen;

/*
 * Reads the office's card (settings unit_name, office_address,
 * office_phone, office_hours, workweek, utc_offset). Release with
 * mc_office_card_release().
 */
mc_status mc_office_card_read(mc_db *db, mc_office_card *out);
void mc_office_card_release(mc_office_card *c);

/*
 * The citizen's view of the dossier code with PIN pin, through
 * mc_dossier_lookup(): no such code and a wrong PIN are one MC_NOT_FOUND.
 * Everything is read from one snapshot, the settings too: they are
 * refreshed in it (mc_settings_refresh), so a handle kept across
 * requests needs no refresh of its own before. *out is freed with
 * mc_citizen_free().
 */
mc_status mc_citizen_lookup(mc_db *db, const char *code, const char *pin, mc_citizen **out);
void mc_citizen_free(mc_citizen *c);

/*
 * The citizen's view of a dossier read elsewhere (the province's copy,
 * its history in d->history): takes d (freed on failure too), copies the
 * office's card o (empty strings where nothing is known: the page then
 * leaves them out).
 */
mc_status mc_citizen_from_dossier(mc_dossier *d, int64_t fee, const mc_office_card *o,
				  mc_time now, mc_citizen **out);

/*
 * A name as the page shows it: the first word whole, then of each word
 * its first letter and a star for every other letter ("Nguyễn Văn An"
 * -> "Nguyễn V** A*"). malloc'd; NULL when out of memory.
 */
char *mc_citizen_mask_name(const char *name);

/* The parts of a lookup address (setting lookup_url) that a server
 * answers: the path, and the names of the query parameters that carry
 * {code} and {pin} ("" for a template without {pin}). */
typedef struct {
	char path[256], code_param[64], pin_param[64];
} mc_lookup_route;

/*
 * Reads the route of a lookup URL template: a fixed path and {code} (and
 * {pin}) as whole values of query parameters, as in
 * "https://motcua.example/tra-cuu?ma={code}&pin={pin}". MC_BAD_INPUT,
 * with the reason in *why (static), for any other shape.
 */
mc_status mc_lookup_route_parse(const char *tmpl, mc_lookup_route *out, const char **why);

/* The page of a dossier (Vietnamese, for phones, no script). */
void mc_citizen_html(const mc_citizen *c, mc_strbuf *b);
/* The same content for machines (motcua-serve(1), "JSON"). */
void mc_citizen_json(const mc_citizen *c, mc_strbuf *b);

/* What a lookup page says without a dossier. */
typedef enum {
	MC_PAGE_FORM = 0,       /* no code given: the form                  */
	MC_PAGE_NOT_FOUND,      /* unknown code or wrong PIN: one answer     */
	MC_PAGE_TOO_MANY,       /* too many failed lookups from an address   */
	MC_PAGE_NO_SUCH_PAGE,   /* any other path                            */
	MC_PAGE_ERROR,          /* the database failed                       */
} mc_page_kind;

/*
 * A page without a dossier: the form that asks for the code and PIN
 * (route gives the action and the fields' names; NULL for a page with no
 * form), with what kind says above it. code, when not NULL, is put back
 * into the form's field as typed, escaped.
 */
void mc_citizen_page(const mc_office_card *o, const mc_lookup_route *route, mc_page_kind kind,
		     const char *code, mc_strbuf *b);

/* Adds s with &, <, >, " and ' written as HTML entities. */
void mc_strbuf_add_html(mc_strbuf *b, const char *s);

#endif
