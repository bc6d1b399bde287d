/* motcua — what the files of the dossier module share: dossier.c (the
 * record, lookup and listing), dossier-receive.c and dossier-update.c. */
#ifndef MC_DOSSIER_PRIVATE_H
#define MC_DOSSIER_PRIVATE_H

#include "db-private.h"
#include "dossier.h"
#include "i18n.h"

/* Appends a step to the history of the dossier with row id: status s
 * entered now by the handle's clerk; old_due and new_due when the due
 * time moved (MC_TIME_NONE otherwise). */
mc_status mc_dossier_add_history(mc_db *db, int64_t id, mc_dossier_status s,
				 const char *note, const char *reason,
				 mc_time old_due, mc_time new_due);
/* A history line that is not a status change: event "amend", "note" or
 * "cancel", the status the dossier has after it, and for an amendment
 * its changes (JSON {"field":["old","new"],...}). */
mc_status mc_dossier_add_event(mc_db *db, int64_t id, mc_dossier_status s, const char *event,
			       const char *note, const char *reason, const char *changes);

/* Cleans a free text of at most max characters for field: *norm is NULL
 * for an empty one, which is MC_BAD_INPUT when required. Its messages name
 * the field as an option (--note). */
mc_status mc_dossier_clean_text(mc_db *db, const char *field, const char *value,
				size_t max, int required, char **norm);
/* The same, the field named for where the value came from (mc_field_name). */
mc_status mc_dossier_clean_text_from(mc_db *db, const char *field, mc_field_place where,
				     const char *value, size_t max, int required,
				     char **norm);


/* The row id of the dossier with code (as stored). */
mc_status dossier_row_id(mc_db *db, const char *code, int64_t *id);

/* A prepared SELECT of whole dossiers (without their history), the
 * columns that dossier_row() reads, followed by tail ("WHERE ..."). */
sqlite3_stmt *dossier_select(mc_db *db, const char *tail);
/* The dossier in the current row of a dossier_select() (NULL when memory
 * ran out); free it with mc_dossier_free(). */
mc_dossier *dossier_row(sqlite3_stmt *st);
/* Calls fn for each dossier that st (a dossier_select()) gives, until fn
 * returns non-zero, then finalizes st. */
mc_status dossier_each_row(mc_db *db, sqlite3_stmt *st, mc_dossier_fn fn, void *ud);

/*
 * The index of the applicants' names (dossier_names, migration 7 of
 * core/schema.c; core/dossier-find.c): a dossier's rowid in it is its
 * time of receipt and the low bits of its id, so that the index reads
 * newest first and gives back the dossier through the index of receipt
 * times (two dossiers received in the same second have ids that differ
 * in those bits unless 4,194,304 dossiers lie between them; a search
 * checks each hit against the stored name anyway).
 */
#define DOSSIER_NAME_ID_BITS 22
#define DOSSIER_NAME_ID_MASK ((INT64_C(1) << DOSSIER_NAME_ID_BITS) - 1)

static inline int64_t dossier_name_key(int64_t received_at, int64_t id)
{
	return (received_at > 0 ? received_at : 0) << DOSSIER_NAME_ID_BITS |
	       (id & DOSSIER_NAME_ID_MASK);
}

/*
 * Keeps the index of names in step with a dossier's applicant, in the
 * caller's transaction: old_applicant (the name as stored until now, NULL
 * for a dossier just received) leaves the index, new_applicant enters it.
 * The dossier (row id) must be stored, with its time of receipt. Called
 * by the receipt and by a correction of the name.
 */
mc_status dossier_names_update(mc_db *db, int64_t id, const char *old_applicant,
			       const char *new_applicant);
/* Fills the index of names of schema ("main"; "temp" for a copy that db
 * check compares with it, core/search-index.c) from every dossier: an
 * upgrade from a database without it, a rebuild. */
mc_status dossier_names_all(mc_db *db, const char *schema);

#endif
