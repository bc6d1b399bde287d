/* motcua — what the files of the dossier module share: dossier.c (the
 * record, lookup and listing), dossier-receive.c and dossier-update.c. */
#ifndef MC_DOSSIER_PRIVATE_H
#define MC_DOSSIER_PRIVATE_H

#include "db-private.h"
#include "dossier.h"

/* Appends a step to the history of the dossier with row id: status s
 * entered now by the handle's clerk; old_due and new_due when the due
 * time moved (MC_TIME_NONE otherwise). */
mc_status mc_dossier_add_history(mc_db *db, int64_t id, mc_dossier_status s,
				 const char *note, const char *reason,
				 mc_time old_due, mc_time new_due);

/* Cleans a free text of at most max characters for field: *norm is NULL
 * for an empty one, which is MC_BAD_INPUT when required. */
mc_status mc_dossier_clean_text(mc_db *db, const char *field, const char *value,
				size_t max, int required, char **norm);

/* Reads h->changes into h->amended (core/dossier-fix.c). */
mc_status mc_dossier_read_changes(mc_db *db, mc_history *h);

#endif
