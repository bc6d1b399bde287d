/* motcua — what the files of the extract module share: extract.c (issuing
 * and the log) and extract-form.c (the form and its signed fields). */
#ifndef MC_EXTRACT_PRIVATE_H
#define MC_EXTRACT_PRIVATE_H

#include "extract.h"
#include "sign.h"

/* The essential fields of x for its signed payload; *unit (free()) holds
 * the office's code they point to. */
mc_status extract_signed_fields(mc_db *db, const mc_extract *x, mc_extract_fields *f,
				char **unit);

#endif
